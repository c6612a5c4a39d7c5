/*
 * tilsyn-scan's robot, renegotiation and fallback-scsv checks
 * (scanner/tls/tls_robot.c, tls_reneg.c), both verdicts each: openssl
 * s_server with RSA key exchange (ROBOT not vulnerable), with and
 * without -client_renegotiation, TLS 1.3 only, ECDHE only; nginx (which
 * refuses client renegotiation); and tests/servers/robot-tls-server,
 * the one server here that answers bad padding differently (a strong
 * and a weak oracle, noise, and the fixed behaviour), that can ignore
 * TLS_FALLBACK_SCSV while completing real handshakes, and that can take
 * a given number of renegotiations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "itest.h"
#include "testsrv.h"

static struct testsrv srv;
static json_t *result;
static int status;

#define scan(...)	itest_scan(&result, NULL, &status, __VA_ARGS__)

static int
stop_server(void **state)
{
	(void)state;
	testsrv_stop(&srv);
	json_decref(result);
	result = NULL;
	return 0;
}

static void
assert_vuln(const char *check, const char *state, const char *detail_has)
{
	const char *s = itest_vuln(result, check, "state");
	const char *d = itest_vuln(result, check, "detail");

	if (s == NULL || strcmp(s, state) != 0 || d == NULL ||
	    strstr(d, detail_has) == NULL)
		fail_msg("%s: got '%s' (%s), want '%s' with '%s'", check,
		    s != NULL ? s : "(null)", d != NULL ? d : "(null)", state,
		    detail_has);
}

/* How often finding id is in the last scan (0 or 1 for a rule). */
static int
finding(const char *id, const char **evidence, const char **cve)
{
	json_t *fs = json_object_get(result, "findings"), *f;
	size_t i;
	int n = 0;

	json_array_foreach(fs, i, f) {
		if (strcmp(json_string_value(json_object_get(f, "id")), id) != 0)
			continue;
		n++;
		if (evidence != NULL)
			*evidence = json_string_value(json_object_get(f,
			    "evidence"));
		if (cve != NULL)
			*cve = json_string_value(json_array_get(
			    json_object_get(f, "cve"), 0));
	}
	return n;
}

static void
make_cert(void)
{
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey "
	    "rsa:2048 -nodes -days 30 -subj /CN=localhost -addext "
	    "subjectAltName=DNS:localhost -keyout srv.key -out srv.pem "
	    "2>/dev/null", srv.dir), 0);
}

/*
 * s_server with srv.pem and the options extra.  Its standard input is a
 * pipe that stays open: at the end of its input s_server closes the
 * connection it serves, which would look like a refused renegotiation.
 */
static void
s_server(const char *extra)
{
	char cmd[2048];
	const char *argv[] = { "sh", "-c", cmd, NULL };

	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	snprintf(cmd, sizeof(cmd), "cd '%s' && sleep 600 | exec openssl "
	    "s_server -accept 127.0.0.1:{PORT} -naccept 100000 -quiet "
	    "-cert srv.pem -key srv.key %s", srv.dir, extra);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
}

static void
robot_server(const char *extra)
{
	assert_int_equal(testsrv_init(&srv), 0);
	itest_start_script(&srv, "robot-tls-server", "%s", extra);
}

/* OpenSSL with RSA key exchange: one answer to all five premasters. */
static void
test_robot_openssl(void **state)
{
	(void)state;
	s_server("-tls1_2 -cipher AES128-SHA");
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	assert_vuln("robot", "not-vulnerable", "the same answer to all five "
	    "premasters (alert 20, close) on TLSv1.2 "
	    "TLS_RSA_WITH_AES_128_CBC_SHA, 2048-bit key");
	assert_int_equal(finding("tls-robot", NULL, NULL), 0);
	/* Only robot ran; the others are not tested. */
	assert_null(json_object_get(json_object_get(json_object_get(result,
	    "tls"), "vulns"), "renegotiation"));
}

/* No TLS_RSA_* suite: nothing to test. */
static void
test_robot_no_rsa(void **state)
{
	(void)state;
	s_server("-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256");
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	assert_vuln("robot", "not-applicable", "no TLS_RSA_* key-exchange "
	    "suite accepted");
}

/* The scripted oracles: strong, weak, and the fixed server. */
static void
test_robot_scripted(void **state)
{
	const char *ev = NULL, *cve = NULL;

	(void)state;
	robot_server("--oracle strong");
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	assert_vuln("robot", "vulnerable", "strong oracle on TLSv1.2 "
	    "TLS_RSA_WITH_AES_128_CBC_SHA: correct: alert 20, close; 0x4117: "
	    "close; 0x00 misplaced: alert 51, close; no 0x00: alert 51, "
	    "close; version: alert 20, close");
	assert_int_equal(finding("tls-robot", &ev, &cve), 1);
	assert_string_equal(cve, "CVE-2017-13099");
	assert_true(strncmp(ev, "robot: strong oracle", 20) == 0);
	assert_int_equal(status, 1);
	testsrv_stop(&srv);

	robot_server("--oracle weak");
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	assert_vuln("robot", "vulnerable", "weak oracle on TLSv1.2");
	assert_int_equal(finding("tls-robot", NULL, NULL), 1);
	testsrv_stop(&srv);

	robot_server("--oracle fixed");
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	assert_vuln("robot", "not-vulnerable", "the same answer to all five "
	    "premasters (alert 20, close)");
	assert_int_equal(finding("tls-robot", NULL, NULL), 0);
	testsrv_stop(&srv);

	/* A difference that does not come again is noise. */
	robot_server("--oracle flaky");
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	assert_vuln("robot", "inconclusive", "the answers differ, but not "
	    "consistently: '");
	assert_vuln("robot", "inconclusive", "' premaster answered close, "
	    "then alert 20, close");
	assert_int_equal(finding("tls-robot", NULL, NULL), 0);
}

/*
 * Hostile answers stay bounded: a trickle is silence after
 * ROBOT_SILENCE_MS (2 s; five probes, at most four at once), a flood ends
 * after four records.
 */
static void
test_robot_hostile(void **state)
{
	double t0;

	(void)state;
	robot_server("--after-kex trickle --versions tls1.2");
	t0 = itest_now();
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	assert_vuln("robot", "not-vulnerable", "the same answer to all five "
	    "premasters (silence)");
	assert_true(itest_now() - t0 < 12.0);
	testsrv_stop(&srv);
	robot_server("--after-kex flood --versions tls1.2");
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	assert_vuln("robot", "not-vulnerable", "the same answer to all five "
	    "premasters (alert 0, alert 0, alert 0, alert 0, more)");
}

/* ROBOT's cost: five connections, and the repeats only when they differ. */
static void
test_robot_connections(void **state)
{
	json_int_t with, without;

	(void)state;
	robot_server("--oracle fixed --versions tls1.2");
	scan("--no-vuln 127.0.0.1:%d", srv.port);
	without = json_integer_value(json_object_get(result, "connections"));
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	with = json_integer_value(json_object_get(result, "connections"));
	assert_int_equal(with - without, 5);
	testsrv_stop(&srv);
	robot_server("--oracle strong --versions tls1.2");
	scan("--no-vuln 127.0.0.1:%d", srv.port);
	without = json_integer_value(json_object_get(result, "connections"));
	scan("--vuln robot 127.0.0.1:%d", srv.port);
	with = json_integer_value(json_object_get(result, "connections"));
	/* The correct one again, and the three bad ones that differed. */
	assert_int_equal(with - without, 5 + 4);
}

/* s_server: refused by default, allowed with -client_renegotiation. */
static void
test_reneg_openssl(void **state)
{
	const char *ev = NULL, *cve = NULL;

	(void)state;
	s_server("-client_renegotiation");
	scan("--vuln renegotiation 127.0.0.1:%d", srv.port);
	assert_vuln("renegotiation", "vulnerable", "client-initiated "
	    "renegotiation accepted 10 times in one TLSv1.2 connection; "
	    "RFC 5746 secure renegotiation: yes, as the enumeration saw");
	assert_int_equal(finding("tls-client-renegotiation", &ev, &cve), 1);
	assert_string_equal(cve, "CVE-2011-1473");
	/* RFC 5746 is there: no second finding for it. */
	assert_int_equal(finding("tls-no-secure-renegotiation", NULL, NULL),
	    0);
	testsrv_stop(&srv);

	s_server("");
	scan("--vuln renegotiation 127.0.0.1:%d", srv.port);
	assert_vuln("renegotiation", "not-vulnerable", "client-initiated "
	    "renegotiation refused (alert no_renegotiation) on TLSv1.2");
	assert_int_equal(finding("tls-client-renegotiation", NULL, NULL), 0);
	testsrv_stop(&srv);

	/* TLS 1.3 has no renegotiation. */
	s_server("-tls1_3");
	scan("--vuln renegotiation 127.0.0.1:%d", srv.port);
	assert_vuln("renegotiation", "not-applicable", "no TLS 1.0 to 1.2 "
	    "accepted (TLS 1.3 has no renegotiation)");
}

/* robot-tls-server --reneg N: a server that stops after N. */
static void
test_reneg_limited(void **state)
{
	(void)state;
	robot_server("--reneg 3 --versions tls1.2");
	scan("--vuln renegotiation 127.0.0.1:%d", srv.port);
	assert_vuln("renegotiation", "not-vulnerable", "client-initiated "
	    "renegotiation limited after 3 (alert no_renegotiation) on "
	    "TLSv1.2");
	assert_int_equal(finding("tls-client-renegotiation", NULL, NULL), 0);
	testsrv_stop(&srv);
	/* More than RENEG_MAX: the lever is there. */
	robot_server("--reneg 11 --versions tls1.2");
	scan("--vuln renegotiation 127.0.0.1:%d", srv.port);
	assert_vuln("renegotiation", "vulnerable", "accepted 10 times");
	assert_int_equal(finding("tls-client-renegotiation", NULL, NULL), 1);
	testsrv_stop(&srv);
	/*
	 * Without RFC 5746 the client renegotiates all the same (insecurely):
	 * two defects, two findings; OpenSSL and the enumeration agree.
	 */
	robot_server("--reneg 11 --versions tls1.2 --no-reneg-info");
	scan("--vuln renegotiation 127.0.0.1:%d", srv.port);
	assert_vuln("renegotiation", "vulnerable", "accepted 10 times in one "
	    "TLSv1.2 connection; RFC 5746 secure renegotiation: no, as the "
	    "enumeration saw");
	assert_int_equal(finding("tls-client-renegotiation", NULL, NULL), 1);
	assert_int_equal(finding("tls-no-secure-renegotiation", NULL, NULL),
	    1);
}

/* nginx refuses client renegotiation. */
static void
test_reneg_nginx(void **state)
{
	const char *argv[] = { "nginx", "-c", "{DIR}/nginx.conf", "-p",
	    "{DIR}", NULL };
	char conf[4096];
	int port;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	assert_true((port = testsrv_free_port()) > 0);
	snprintf(conf, sizeof(conf),
	    "daemon off;\nworker_processes 1;\npid %s/nginx.pid;\n"
	    "error_log %s/error.log;\nevents { worker_connections 64; }\n"
	    "http {\n access_log off;\n client_body_temp_path %s;\n"
	    " proxy_temp_path %s;\n fastcgi_temp_path %s;\n"
	    " uwsgi_temp_path %s;\n scgi_temp_path %s;\n"
	    " server {\n  listen 127.0.0.1:%d ssl;\n"
	    "  ssl_protocols TLSv1.2;\n"
	    "  ssl_certificate %s/srv.pem;\n"
	    "  ssl_certificate_key %s/srv.key;\n"
	    "  location / { return 204; }\n }\n}\n",
	    srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir,
	    port, srv.dir, srv.dir);
	assert_int_equal(testsrv_write(&srv, "nginx.conf", conf), 0);
	assert_int_equal(testsrv_start(&srv, port, argv, 10000), 0);
	scan("--vuln renegotiation 127.0.0.1:%d", port);
	assert_vuln("renegotiation", "not-vulnerable", "client-initiated "
	    "renegotiation refused (");
	assert_int_equal(finding("tls-client-renegotiation", NULL, NULL), 0);
}

/* OpenSSL honours TLS_FALLBACK_SCSV, and so does the raw probe's view. */
static void
test_fallback_openssl(void **state)
{
	(void)state;
	s_server("");
	scan("--vuln fallback-scsv 127.0.0.1:%d", srv.port);
	assert_vuln("fallback-scsv", "not-vulnerable", "OpenSSL's TLSv1.2 "
	    "handshake with TLS_FALLBACK_SCSV refused (alert "
	    "inappropriate_fallback); the raw probe saw it refused, they "
	    "agree");
	assert_int_equal(finding("tls-no-fallback-scsv", NULL, NULL), 0);
	testsrv_stop(&srv);
	/* One version: nothing to fall back to. */
	s_server("-tls1_2");
	scan("--vuln fallback-scsv 127.0.0.1:%d", srv.port);
	assert_vuln("fallback-scsv", "not-applicable", "fewer than two "
	    "versions accepted");
}

/*
 * A server that ignores the SCSV: the OpenSSL handshake completes, the
 * raw probe agrees, and the one finding is the raw probe's rule.
 */
static void
test_fallback_scripted(void **state)
{
	const char *ev = NULL;

	(void)state;
	robot_server("--versions tls1.1,tls1.2");
	scan("--vuln fallback-scsv 127.0.0.1:%d", srv.port);
	assert_vuln("fallback-scsv", "vulnerable", "OpenSSL's TLSv1.1 "
	    "handshake with TLS_FALLBACK_SCSV completed; the raw probe saw "
	    "it taken, they agree");
	assert_int_equal(finding("tls-no-fallback-scsv", &ev, NULL), 1);
	assert_string_equal(ev, "TLS_FALLBACK_SCSV not honoured (RFC 7507)");
	/* The same without the check: the finding does not depend on it. */
	scan("--no-vuln 127.0.0.1:%d", srv.port);
	assert_int_equal(finding("tls-no-fallback-scsv", NULL, NULL), 1);
	testsrv_stop(&srv);

	robot_server("--versions tls1.1,tls1.2 --fallback");
	scan("--vuln fallback-scsv 127.0.0.1:%d", srv.port);
	assert_vuln("fallback-scsv", "not-vulnerable", "OpenSSL's TLSv1.1 "
	    "handshake with TLS_FALLBACK_SCSV refused (alert "
	    "inappropriate_fallback); the raw probe saw it refused, they "
	    "agree");
	assert_int_equal(finding("tls-no-fallback-scsv", NULL, NULL), 0);
	testsrv_stop(&srv);

	/*
	 * SSLv3 and TLS 1.0 (tests/servers/legacy-tls-server): OpenSSL cannot
	 * fall back to SSLv3, the raw probe can, and its rule is the finding.
	 */
	assert_int_equal(testsrv_init(&srv), 0);
	itest_start_script(&srv, "legacy-tls-server", "--versions ssl3,tls1.0");
	scan("--vuln fallback-scsv 127.0.0.1:%d", srv.port);
	assert_vuln("fallback-scsv", "not-applicable", "OpenSSL cannot speak "
	    "SSLv3, the second-best version; the raw probe saw it taken");
	assert_int_equal(finding("tls-no-fallback-scsv", NULL, NULL), 1);
}

/*
 * Behind a STARTTLS preamble (tests/servers/starttls-server: SMTP, then
 * Python's ssl, the system OpenSSL, TLS 1.2 with AES128-SHA): the ROBOT
 * probes and the OpenSSL handshake run after EHLO and STARTTLS.
 */
static void
test_starttls(void **state)
{
	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	itest_start_script(&srv, "starttls-server", "--proto smtp --cert "
	    "srv.pem --key srv.key --ciphers AES128-SHA");
	scan("--vuln robot,renegotiation smtp://127.0.0.1:%d", srv.port);
	assert_vuln("robot", "not-vulnerable", "the same answer to all five "
	    "premasters (alert 20, close) on TLSv1.2 "
	    "TLS_RSA_WITH_AES_128_CBC_SHA");
	/* Python's server closes on a renegotiation. */
	assert_vuln("renegotiation", "not-vulnerable", "client-initiated "
	    "renegotiation refused (connection closed) on TLSv1.2");
}

#define T(f)	cmocka_unit_test_teardown(f, stop_server)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_robot_openssl),
		T(test_robot_no_rsa),
		T(test_robot_scripted),
		T(test_robot_hostile),
		T(test_robot_connections),
		T(test_reneg_openssl),
		T(test_reneg_limited),
		T(test_reneg_nginx),
		T(test_fallback_openssl),
		T(test_fallback_scripted),
		T(test_starttls),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
