/*
 * No target can stall a run (issue 9): tilsyn-scan against one scripted
 * hostile server (tests/servers) and a real openssl s_server in the same
 * run, with small timeouts.  The hostile target trickles (a TLS record
 * header announcing 16 KiB and then a byte a second, an SSH
 * identification or KEXINIT a byte a second, an SMTP greeting a byte a
 * second) or accepts and never reads.  Each must end as an error of kind
 * "timeout" within the target timeout, while the good target is scanned
 * and its result written first; the run exits 3 within the target
 * timeout plus a little.
 */
#include <sys/types.h>
#include <sys/wait.h>

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

#include <jansson.h>

#include "itest.h"
#include "testsrv.h"

#define TIMEOUT_S	1	/* --timeout */
#define TARGET_S	4	/* --target-timeout */

/* The good server for every test; the hostile one of the running test. */
static struct testsrv good, bad;

static int
setup_good(void **state)
{
	const char *argv[] = { "openssl", "s_server", "-accept",
	    "127.0.0.1:{PORT}", "-cert", "{DIR}/srv.pem", "-key",
	    "{DIR}/srv.key", "-tls1_3", "-quiet", "-naccept", "10000", NULL };

	(void)state;
	if (testsrv_init(&good) != 0 ||
	    testsrv_sh("openssl req -x509 -newkey rsa:2048 -nodes -keyout "
	    "'%s/srv.key' -out '%s/srv.pem' -subj /CN=localhost -days 2 "
	    "2>/dev/null", good.dir, good.dir) != 0 ||
	    testsrv_start(&good, 0, argv, 10000) != 0)
		return -1;
	return 0;
}

static int
teardown_good(void **state)
{
	(void)state;
	testsrv_stop(&good);
	return 0;
}

static int
stop_bad(void **state)
{
	(void)state;
	testsrv_stop(&bad);
	return 0;
}

/*
 * Starts tests/servers/script with the arguments (NULL-terminated, at
 * most 6); the port comes last.
 */
static void
start_bad(const char *script, ...)
{
	char path[600];
	const char *argv[9];
	va_list ap;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/tests/servers/%s", itest_srcroot, script);
	argv[n++] = path;
	va_start(ap, script);
	while (n < 7 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n++] = "{PORT}";
	argv[n] = NULL;
	assert_int_equal(testsrv_init(&bad), 0);
	assert_int_equal(testsrv_start(&bad, 0, argv, 10000), 0);
}

/* One run of the scanner over the hostile target and the good one. */
struct run {
	int	 status;
	double	 wall;
	json_t	*result[2];	/* by index: 0 hostile, 1 good */
	int	 first;		/* index of the first result line */
	json_t	*summary;
};

static void
run_free(struct run *r)
{
	json_decref(r->result[0]);
	json_decref(r->result[1]);
	json_decref(r->summary);
	memset(r, 0, sizeof(*r));
}

static void
scan_pair(const char *bad_spec, const char *extra, struct run *r)
{
	char cmd[2048], line[65536];
	json_error_t jerr;
	const char *type;
	json_t *o;
	double t0;
	size_t nlines = 0;
	long long idx;
	FILE *p;
	int st;

	memset(r, 0, sizeof(*r));
	r->first = -1;
	snprintf(cmd, sizeof(cmd), "%s -o json --timeout %d "
	    "--target-timeout %d %s '%s' localhost:%d 2>/dev/null", itest_scanner,
	    TIMEOUT_S, TARGET_S, extra, bad_spec, good.port);
	t0 = itest_now();
	assert_non_null(p = popen(cmd, "r"));
	while (fgets(line, sizeof(line), p) != NULL) {
		if ((o = json_loads(line, 0, &jerr)) == NULL)
			fail_msg("%s: not JSON: %s", cmd, line);
		type = json_string_value(json_object_get(o, "type"));
		if (nlines++ == 0 && (type == NULL ||
		    strcmp(type, "run") != 0))
			fail_msg("%s: the first line is not the run", cmd);
		if (type != NULL && strcmp(type, "result") == 0) {
			idx = json_integer_value(json_object_get(o, "index"));
			assert_true(idx == 0 || idx == 1);
			assert_null(r->result[idx]);
			r->result[idx] = o;
			if (r->first == -1)
				r->first = (int)idx;
		} else if (type != NULL && strcmp(type, "summary") == 0) {
			r->summary = o;
		} else {
			json_decref(o);
		}
	}
	st = pclose(p);
	r->wall = itest_now() - t0;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (r->result[0] == NULL || r->result[1] == NULL ||
	    r->summary == NULL)
		fail_msg("%s: a result or the summary is missing", cmd);
}

static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/*
 * The hostile target (service svc) ended as a timeout whose message says
 * msg, within the target timeout; the good one was scanned and written
 * first; the whole run took no longer than the target timeout + 3 s.
 */
static void
assert_contained(struct run *r, const char *svc, const char *msg)
{
	json_t *h = r->result[0], *g = r->result[1];
	json_t *v13;

	if (r->wall > TARGET_S + 3)
		fail_msg("the run took %.1f s", r->wall);
	assert_int_equal(r->status, 3);
	assert_int_equal(r->first, 1);

	assert_true(json_is_null(json_object_get(g, "error")));
	v13 = json_object_get(json_object_get(json_object_get(g, "tls"),
	    "versions"), "TLSv1.3");
	assert_true(json_is_true(v13));

	assert_string_equal(str(h, "service"), svc);
	if (strstr(str(h, "error"), msg) == NULL)
		fail_msg("error '%s' lacks '%s'", str(h, "error"), msg);
	assert_string_equal(str(h, "error_kind"), "timeout");
	assert_true(json_integer_value(json_object_get(h, "duration_ms")) <=
	    TARGET_S * 1000 + 500);

	assert_int_equal(json_integer_value(json_object_get(r->summary,
	    "targets")), 2);
	assert_int_equal(json_integer_value(json_object_get(r->summary,
	    "scanned")), 1);
	assert_int_equal(json_integer_value(json_object_get(r->summary,
	    "failed")), 1);
}

static void
hostile_spec(char *buf, size_t len, const char *scheme)
{
	snprintf(buf, len, "%s127.0.0.1:%d", scheme, bad.port);
}

/* A TLS record header announcing 16 KiB, then a byte a second. */
static void
test_tls_trickle(void **state)
{
	struct run r;
	char spec[64];

	(void)state;
	start_bad("legacy-tls-server", "--hostile", "trickle", (char *)NULL);
	hostile_spec(spec, sizeof(spec), "");
	scan_pair(spec, "", &r);
	assert_contained(&r, "tls", "timed out");
	run_free(&r);
}

/* Accepts, never reads, never writes. */
static void
test_tls_noread(void **state)
{
	struct run r;
	char spec[64];

	(void)state;
	start_bad("legacy-tls-server", "--hostile", "noread", (char *)NULL);
	hostile_spec(spec, sizeof(spec), "");
	scan_pair(spec, "", &r);
	assert_contained(&r, "tls", "timed out");
	run_free(&r);
}

/* The SSH identification a byte a second. */
static void
test_ssh_trickle_banner(void **state)
{
	struct run r;
	char spec[64];

	(void)state;
	start_bad("hostile-ssh-server", "tricklebanner", (char *)NULL);
	hostile_spec(spec, sizeof(spec), "ssh://");
	scan_pair(spec, "", &r);
	assert_contained(&r, "ssh", "identification not received within "
	    "1 s");
	run_free(&r);
}

/* The identification at once, then the KEXINIT a byte a second. */
static void
test_ssh_trickle_kexinit(void **state)
{
	struct run r;
	char spec[64];

	(void)state;
	start_bad("hostile-ssh-server", "tricklekex", (char *)NULL);
	hostile_spec(spec, sizeof(spec), "ssh://");
	scan_pair(spec, "", &r);
	assert_contained(&r, "ssh", "KEXINIT not received within 1 s");
	run_free(&r);
}

/* An SMTP greeting a byte a second (two would take 21 s). */
static void
test_smtp_trickle_greeting(void **state)
{
	char cert[600], key[600];
	struct run r;
	char spec[64];

	(void)state;
	snprintf(cert, sizeof(cert), "--cert=%s/srv.pem", good.dir);
	snprintf(key, sizeof(key), "--key=%s/srv.key", good.dir);
	start_bad("starttls-server", "--proto=smtp", cert, key,
	    "--trickle-greeting", (char *)NULL);
	hostile_spec(spec, sizeof(spec), "smtp://");
	/*
	 * A server that never finishes a greeting gets one wave of probes
	 * (then nothing is asked again): room beside it for the good one.
	 */
	scan_pair(spec, "--greeting-timeout 2 --per-host 16", &r);
	assert_contained(&r, "smtp", "timed out");
	run_free(&r);
}

/*
 * A port that accepts and closes at once, scanned as SMTP: it never
 * says a word, so the closes are not pushback to be asked again until
 * the deadline: one wave of probes, then the error.
 */
static void
test_smtp_never_greets(void **state)
{
	struct run r;
	char spec[64];
	json_t *h;

	(void)state;
	start_bad("legacy-tls-server", "--hostile", "close", (char *)NULL);
	hostile_spec(spec, sizeof(spec), "smtp://");
	scan_pair(spec, "--per-host 16", &r);
	h = r.result[0];
	assert_int_equal(r.status, 3);
	assert_string_equal(str(h, "error_kind"), "protocol");
	assert_non_null(strstr(str(h, "error"), "before the SMTP greeting"));
	assert_true(json_integer_value(json_object_get(h, "connections")) <=
	    16);
	assert_true(json_integer_value(json_object_get(h, "duration_ms")) <
	    1000);
	assert_true(json_is_null(json_object_get(r.result[1], "error")));
	run_free(&r);
}

#define T(f)	cmocka_unit_test_teardown(f, stop_bad)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_tls_trickle),
		T(test_tls_noread),
		T(test_ssh_trickle_banner),
		T(test_ssh_trickle_kexinit),
		T(test_smtp_trickle_greeting),
		T(test_smtp_never_greets),
	};

	itest_init();
	return cmocka_run_group_tests(tests, setup_good, teardown_good);
}
