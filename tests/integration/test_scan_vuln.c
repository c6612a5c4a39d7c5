/*
 * tilsyn-scan's heartbleed, ccs-injection and ticketbleed checks
 * (scanner/tls/tls_heartbleed.c, tls_ccs.c, tls_ticketbleed.c) through
 * its JSON: against tests/servers/vuln-tls-server playing each bug
 * vulnerable and fixed (no Debian package ships a vulnerable library),
 * and against real OpenSSL (openssl s_server, with and without tickets,
 * TLS 1.3 only), GnuTLS with heartbeats on, nginx with and without
 * session tickets, and the STARTTLS preamble (starttls-server, which hands
 * over to Python's ssl), which must all be not vulnerable.
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

static void
assert_state(const char *check, const char *state)
{
	const char *got = itest_vuln(result, check, "state");

	if (got == NULL || strcmp(got, state) != 0)
		fail_msg("%s: '%s', not '%s' (%s)", check, got != NULL ? got :
		    "(none)", state, itest_vuln(result, check, "detail"));
}

static void
assert_detail_has(const char *check, const char *text)
{
	const char *d = itest_vuln(result, check, "detail");

	if (d == NULL || strstr(d, text) == NULL)
		fail_msg("%s: detail '%s' lacks '%s'", check, d != NULL ? d :
		    "(none)", text);
}

static void
assert_finding(const char *id, const char *severity, const char *cve)
{
	json_t *f = itest_finding(result, id);

	if (f == NULL)
		fail_msg("no finding %s", id);
	assert_string_equal(json_string_value(json_object_get(f, "severity")),
	    severity);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(f, "cve"), 0)), cve);
	assert_string_equal(json_string_value(json_object_get(f, "basis")),
	    "§ 6, stk. 2, nr. 5");
}

static long
connections(void)
{
	return (long)json_integer_value(json_object_get(result,
	    "connections"));
}

static void
vuln_server(const char *opts)
{
	assert_int_equal(testsrv_init(&srv), 0);
	itest_start_script(&srv, "vuln-tls-server", "%s", opts);
}

/* A fresh P-256 certificate srv.pem (key srv.key) in the server's dir. */
static void
make_cert(void)
{
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey ec "
	    "-pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out "
	    "srv.pem -days 30 -subj /CN=localhost 2>/dev/null", srv.dir), 0);
}

/* openssl s_server with a fresh P-256 certificate, and extra. */
static void
s_server(const char *extra)
{
	char cmd[2048];
	const char *argv[] = { "sh", "-c", cmd, NULL };

	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	snprintf(cmd, sizeof(cmd), "cd '%s' && exec openssl s_server -accept "
	    "127.0.0.1:{PORT} -naccept 100000 -quiet -cert srv.pem -key "
	    "srv.key %s", srv.dir, extra);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
}

/* No byte the server offered as its memory reaches any output. */
static void
assert_no_leak(const char *fmt)
{
	char cmd[2048], *out;

	snprintf(cmd, sizeof(cmd), "%s -o %s 127.0.0.1:%d", itest_scanner, fmt,
	    srv.port);
	out = itest_capture(cmd, NULL);
	assert_non_null(strstr(out, "heartbleed"));
	assert_null(strstr(out, "LEAKED"));
	free(out);
}

static void
test_heartbleed_ccs_vulnerable(void **state)
{
	(void)state;
	vuln_server("--heartbleed vulnerable --ccs vulnerable");
	(void)scan("--vuln heartbleed,ccs-injection 127.0.0.1:%d", srv.port);
	assert_state("heartbleed", "vulnerable");
	assert_detail_has("heartbleed", "TLSv1.2: a heartbeat response of 35 "
	    "bytes to a 3-byte request claiming 16");
	assert_detail_has("heartbleed", "heartbeat extension acknowledged");
	assert_state("ccs-injection", "vulnerable");
	assert_detail_has("ccs-injection", "bad_record_mac");
	assert_finding("tls-heartbleed", "critical", "CVE-2014-0160");
	assert_finding("tls-ccs-injection", "high", "CVE-2014-0224");
	/* --vuln LIST runs only those */
	assert_null(json_object_get(json_object_get(json_object_get(result,
	    "tls"), "vulns"), "ticketbleed"));
	assert_no_leak("json");
	assert_no_leak("xml");
	assert_no_leak("text");
	/* another record first, trickling: skipped, counted once */
	testsrv_stop(&srv);
	vuln_server("--heartbleed late");
	(void)scan("--vuln heartbleed 127.0.0.1:%d", srv.port);
	assert_state("heartbleed", "vulnerable");
}

/*
 * A fixed OpenSSL drops the heartbeat in silence: the check's own short
 * wait (HEARTBLEED_QUIET_MS) decides, not --timeout.
 */
static void
test_heartbleed_ccs_fixed(void **state)
{
	double t0;

	(void)state;
	vuln_server("--heartbleed silent --ccs fixed");
	t0 = itest_now();
	(void)scan("--timeout 30 --vuln heartbleed,ccs-injection "
	    "127.0.0.1:%d", srv.port);
	assert_true(itest_now() - t0 < 10);
	assert_state("heartbleed", "not-vulnerable");
	assert_detail_has("heartbleed", "no heartbeat response within 2000 ms "
	    "(the request was dropped); heartbeat extension acknowledged");
	assert_state("ccs-injection", "not-vulnerable");
	assert_detail_has("ccs-injection", "refused with unexpected_message");
	assert_null(itest_finding(result, "tls-heartbleed"));
	assert_null(itest_finding(result, "tls-ccs-injection"));
	testsrv_stop(&srv);
	vuln_server("--heartbleed alert");
	(void)scan("--vuln heartbleed 127.0.0.1:%d", srv.port);
	assert_state("heartbleed", "not-vulnerable");
	assert_detail_has("heartbleed", "refused with unexpected_message");
}

static void
test_ticketbleed(void **state)
{
	(void)state;
	vuln_server("--ticketbleed vulnerable");
	(void)scan("127.0.0.1:%d", srv.port);
	assert_state("ticketbleed", "vulnerable");
	assert_detail_has("ticketbleed", "our 31-byte session ID padded to "
	    "32 bytes");
	assert_finding("tls-ticketbleed", "high", "CVE-2016-9244");
	assert_no_leak("json");
	testsrv_stop(&srv);
	vuln_server("--ticketbleed fixed");
	(void)scan("--vuln ticketbleed 127.0.0.1:%d", srv.port);
	assert_state("ticketbleed", "not-vulnerable");
	assert_detail_has("ticketbleed", "echoed as sent");
	assert_null(itest_finding(result, "tls-ticketbleed"));
	testsrv_stop(&srv);
	vuln_server("--ticketbleed none");
	(void)scan("--vuln ticketbleed 127.0.0.1:%d", srv.port);
	assert_state("ticketbleed", "not-applicable");
	assert_null(itest_finding(result, "tls-ticketbleed"));
}

/*
 * Real OpenSSL 3: none of the three, each check as cheap as documented
 * (1 + 1 + 2 connections), the resumption really taken.
 */
static void
test_openssl(void **state)
{
	long all, none;

	(void)state;
	s_server("");
	(void)scan("127.0.0.1:%d", srv.port);
	all = connections();
	assert_state("heartbleed", "not-vulnerable");
	assert_detail_has("heartbleed", "refused with unexpected_message; "
	    "heartbeat extension not acknowledged");
	assert_state("ccs-injection", "not-vulnerable");
	assert_detail_has("ccs-injection", "refused with unexpected_message");
	assert_state("ticketbleed", "not-vulnerable");
	assert_detail_has("ticketbleed", "resumed and our 31-byte session ID "
	    "echoed as sent");
	(void)scan("--no-vuln 127.0.0.1:%d", srv.port);
	none = connections();
	assert_null(json_object_get(json_object_get(result, "tls"), "vulns"));
	(void)scan("--vuln heartbleed,ccs-injection,ticketbleed 127.0.0.1:%d",
	    srv.port);
	assert_int_equal(connections() - none, 4);
	assert_true(all - none >= 4);
	testsrv_stop(&srv);

	s_server("-no_ticket");
	(void)scan("--vuln ticketbleed 127.0.0.1:%d", srv.port);
	assert_state("ticketbleed", "not-applicable");
	assert_detail_has("ticketbleed", "no session ticket");
	testsrv_stop(&srv);

	s_server("-tls1_3");
	(void)scan("--vuln heartbleed,ccs-injection,ticketbleed 127.0.0.1:%d",
	    srv.port);
	assert_state("heartbleed", "not-applicable");
	assert_state("ccs-injection", "not-applicable");
	assert_state("ticketbleed", "not-applicable");
}

/*
 * gnutls-serv with heartbeats on: a real implementation that
 * acknowledges the extension and refuses the lying request.  It
 * listens on the wildcard address for the test's duration; it sends
 * nothing.
 */
static void
test_gnutls_heartbeat(void **state)
{
	const char *argv[] = { "gnutls-serv", "--heartbeat",
	    "--x509certfile", "{DIR}/srv.pem", "--x509keyfile", "{DIR}/srv.key",
	    "-p", "{PORT}", "-q", NULL };

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey ec "
	    "-pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out "
	    "srv.pem -days 30 -subj /CN=localhost 2>/dev/null", srv.dir), 0);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
	(void)scan("--vuln heartbleed,ccs-injection,ticketbleed 127.0.0.1:%d",
	    srv.port);
	assert_state("heartbleed", "not-vulnerable");
	assert_detail_has("heartbleed", "refused with unexpected_message; "
	    "heartbeat extension acknowledged");
	assert_state("ccs-injection", "not-vulnerable");
	assert_state("ticketbleed", "not-vulnerable");
}

/*
 * nginx issues session tickets by default and resumes them (echoing our
 * session ID); with ssl_session_tickets off there is nothing to test.
 */
static void
test_nginx_tickets(void **state)
{
	const char *argv[] = { "nginx", "-c", "{DIR}/nginx.conf", "-p",
	    "{DIR}", NULL };
	char conf[4096];
	int port2;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey ec "
	    "-pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out "
	    "srv.pem -days 30 -subj /CN=localhost 2>/dev/null", srv.dir), 0);
	srv.port = testsrv_free_port();
	do
		port2 = testsrv_free_port();
	while (port2 == srv.port);
	assert_true(srv.port > 0 && port2 > 0);
	snprintf(conf, sizeof(conf),
	    "daemon off;\nworker_processes 1;\npid %s/nginx.pid;\n"
	    "error_log %s/error.log;\nevents { worker_connections 256; }\n"
	    "http {\n access_log off;\n client_body_temp_path %s;\n"
	    " proxy_temp_path %s;\n fastcgi_temp_path %s;\n"
	    " uwsgi_temp_path %s;\n scgi_temp_path %s;\n"
	    " ssl_certificate %s/srv.pem;\n ssl_certificate_key %s/srv.key;\n"
	    " server { listen 127.0.0.1:%d ssl; return 204; }\n"
	    " server { listen 127.0.0.1:%d ssl; ssl_session_tickets off; "
	    "return 204; }\n}\n", srv.dir, srv.dir, srv.dir, srv.dir, srv.dir,
	    srv.dir, srv.dir, srv.dir, srv.dir, srv.port, port2);
	assert_int_equal(testsrv_write(&srv, "nginx.conf", conf), 0);
	assert_int_equal(testsrv_start(&srv, srv.port, argv, 10000), 0);
	(void)scan("--vuln ticketbleed 127.0.0.1:%d", srv.port);
	assert_state("ticketbleed", "not-vulnerable");
	assert_detail_has("ticketbleed", "TLSv1.2: the ticket was resumed");
	(void)scan("--vuln ticketbleed 127.0.0.1:%d", port2);
	assert_state("ticketbleed", "not-applicable");
}

/* Through the SMTP preamble (a real TLS 1.2 server behind it). */
static void
test_starttls(void **state)
{
	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	itest_start_script(&srv, "starttls-server", "--proto smtp --cert "
	    "srv.pem --key srv.key");
	(void)scan("--vuln heartbleed,ccs-injection,ticketbleed "
	    "smtp://127.0.0.1:%d", srv.port);
	assert_state("heartbleed", "not-vulnerable");
	assert_state("ccs-injection", "not-vulnerable");
	assert_state("ticketbleed", "not-vulnerable");
	assert_detail_has("ticketbleed", "resumed");
}

static int
stop_servers(void **state)
{
	(void)state;
	testsrv_stop(&srv);
	json_decref(result);
	result = NULL;
	return 0;
}

#define T(f)	cmocka_unit_test_teardown(f, stop_servers)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_heartbleed_ccs_vulnerable),
		T(test_heartbleed_ccs_fixed),
		T(test_ticketbleed),
		T(test_openssl),
		T(test_gnutls_heartbeat),
		T(test_nginx_tickets),
		T(test_starttls),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
