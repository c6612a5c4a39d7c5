/*
 * itest.c: see itest.h.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "itest.h"
#include "testsrv.h"

char itest_scanner[512];
char itest_srcroot[512];

void
itest_init(void)
{
	const char *root = getenv("TILSYN_BUILD_ROOT");
	const char *src = getenv("TILSYN_SOURCE_ROOT");

	signal(SIGPIPE, SIG_IGN);
	snprintf(itest_scanner, sizeof(itest_scanner),
	    "%s/scanner/tilsyn-scan", root != NULL ? root : ".");
	snprintf(itest_srcroot, sizeof(itest_srcroot), "%s",
	    src != NULL ? src : ".");
}

double
itest_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

json_t **
itest_lines(char *text, size_t *n, const char *what)
{
	json_t **v = NULL, **nv;
	json_error_t jerr;
	char *line, *save = NULL;

	*n = 0;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		assert_non_null(nv = realloc(v, (*n + 1) * sizeof(*v)));
		v = nv;
		if ((v[*n] = json_loads(line, 0, &jerr)) == NULL)
			fail_msg("%s: not JSON: %s", what, line);
		(*n)++;
	}
	return v;
}

void
itest_lines_free(json_t **v, size_t n)
{
	while (n > 0)
		json_decref(v[--n]);
	free(v);
}

json_t *
itest_result(char *text, const char *what)
{
	json_t **v, *r = NULL, *type;
	size_t n, i;

	v = itest_lines(text, &n, what);
	for (i = 0; i < n && r == NULL; i++) {
		type = json_object_get(v[i], "type");
		if (type == NULL ||
		    strcmp(json_string_value(type), "result") == 0) {
			r = v[i];
			v[i] = NULL;
		}
	}
	itest_lines_free(v, n);
	if (r == NULL)
		fail_msg("%s: no result", what);
	return r;
}

char *
itest_capture(const char *cmd, int *status)
{
	char *out;

	assert_non_null(out = testsrv_capture(cmd, status));
	return out;
}

json_t *
itest_scan(json_t **result, json_t **tls, int *status, const char *fmt,
    ...)
{
	char args[1024], cmd[2048], *out;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "%s -o json %s", itest_scanner, args);
	json_decref(*result);
	out = itest_capture(cmd, status);
	*result = itest_result(out, cmd);
	free(out);
	if (tls != NULL)
		*tls = json_object_get(*result, "tls");
	return *result;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *
itest_lines_of(const json_t *arr, int sorted)
{
	const char **v;
	size_t n, i, len = 1;
	char *s;

	n = json_is_array(arr) ? json_array_size(arr) : 0;
	assert_non_null(v = calloc(n + 1, sizeof(*v)));
	for (i = 0; i < n; i++) {
		assert_non_null(v[i] = json_string_value(json_array_get(arr,
		    i)));
		len += strlen(v[i]) + 1;
	}
	if (sorted)
		qsort(v, n, sizeof(*v), cmp_str);
	assert_non_null(s = calloc(1, len));
	for (i = 0; i < n; i++) {
		strcat(s, v[i]);
		strcat(s, "\n");
	}
	free(v);
	return s;
}

void
itest_assert_lines(const json_t *arr, int sorted, const char *cmd)
{
	char *want, *got, full[2048];

	snprintf(full, sizeof(full), "%s%s", cmd, sorted ?
	    " | LC_ALL=C sort" : "");
	want = itest_capture(full, NULL);
	assert_true(strlen(want) > 0);
	got = itest_lines_of(arr, sorted);
	if (strcmp(got, want) != 0)
		fail_msg("got:\n%swant:\n%s", got, want);
	free(want);
	free(got);
}

void
itest_assert_versions(const json_t *tls, const char *want)
{
	static const char *const names[] = { "SSLv2", "SSLv3", "TLSv1.0",
	    "TLSv1.1", "TLSv1.2", "TLSv1.3" };
	char got[128] = "";
	size_t i;
	json_t *v;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		v = json_object_get(json_object_get(tls, "versions"),
		    names[i]);
		assert_true(json_is_boolean(v));
		if (json_is_true(v)) {
			if (got[0] != '\0')
				strcat(got, " ");
			strcat(got, names[i]);
		}
	}
	assert_string_equal(got, want);
}

void
itest_assert_suites(const json_t *tls, const char *version, const char *cmd)
{
	itest_assert_lines(json_object_get(json_object_get(tls, "suites"),
	    version), 1, cmd);
}

void
itest_assert_exact(const json_t *result, int status, const char *service,
    const char *versions)
{
	const json_t *tls = json_object_get(result, "tls");
	const char *err = json_string_value(json_object_get(result, "error"));

	if (err != NULL || status == 3)
		fail_msg("not exact: exit %d, error '%s'", status,
		    err != NULL ? err : "(null)");
	assert_true(status == 0 || status == 1);
	assert_string_equal(json_string_value(json_object_get(result,
	    "service")), service);
	assert_non_null(tls);
	itest_assert_versions(tls, versions);
	assert_true(json_array_size(json_object_get(tls, "certificates")) > 0);
	assert_true(json_is_true(json_object_get(tls, "chain_valid")));
	assert_true(json_is_true(json_object_get(tls, "hostname_match")));
}

json_t *
itest_finding(const json_t *result, const char *id)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(result, "findings"), i, f)
		if (strcmp(json_string_value(json_object_get(f, "id")), id) ==
		    0)
			return f;
	return NULL;
}

const char *
itest_vuln(const json_t *result, const char *check, const char *field)
{
	json_t *v = json_object_get(json_object_get(json_object_get(result,
	    "tls"), "vulns"), check);

	if (v == NULL)
		fail_msg("no tls.vulns.%s", check);
	return json_string_value(json_object_get(v, field));
}

void
itest_start_script(struct testsrv *ts, const char *script, const char *fmt,
    ...)
{
	char args[1024], cmd[2048];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "cd '%s' && exec python3 %s/tests/servers/"
	    "%s %s {PORT}", ts->dir, itest_srcroot, script, args);
	assert_int_equal(testsrv_start(ts, 0, argv, 10000), 0);
}
