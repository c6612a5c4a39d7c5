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
