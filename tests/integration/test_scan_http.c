/*
 * tilsyn-scan's GET / on HTTPS endpoints (scanner/tls/tls_http.c) against
 * real nginx on 127.0.0.1 (HSTS of two years with includeSubDomains and
 * preload and every security header; no HSTS and no headers; HSTS of
 * five minutes; a redirect), with --no-http, in the three formats, and
 * against tests/servers/hostile-http-server, whose heads trickle, never
 * end or run to a megabyte: the scan must stay bounded in size and time.
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

/* The "http" object of the result's "tls", or NULL. */
static json_t *
http_of(json_t *o)
{
	return json_object_get(json_object_get(o, "tls"), "http");
}

static const char *
header(json_t *o, const char *name)
{
	return json_string_value(json_object_get(json_object_get(http_of(o),
	    "headers"), name));
}

/* The ids of the http-* findings, in order, space-separated. */
static void
assert_http_findings(json_t *o, const char *want)
{
	json_t *fs = json_object_get(o, "findings"), *f;
	char got[512] = "";
	const char *id;
	size_t i;

	json_array_foreach(fs, i, f) {
		id = json_string_value(json_object_get(f, "id"));
		if (id == NULL || strncmp(id, "http-", 5) != 0)
			continue;
		if (got[0] != '\0')
			strncat(got, " ", sizeof(got) - strlen(got) - 1);
		strncat(got, id, sizeof(got) - strlen(got) - 1);
	}
	if (strcmp(got, want) != 0)
		fail_msg("http findings: got '%s', want '%s'", got, want);
}

static void
make_cert(void)
{
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey "
	    "rsa:2048 -nodes -days 30 -subj /CN=localhost -addext "
	    "subjectAltName=DNS:localhost -keyout srv.key -out srv.pem "
	    "2>/dev/null", srv.dir), 0);
}

#define HEADERS \
	"  add_header X-Content-Type-Options nosniff always;\n" \
	"  add_header X-Frame-Options DENY always;\n" \
	"  add_header Content-Security-Policy \"default-src 'self'; " \
	"frame-ancestors 'none'\" always;\n" \
	"  add_header Referrer-Policy no-referrer always;\n" \
	"  add_header Permissions-Policy \"geolocation=()\" always;\n"

static int ports[4];

/* One nginx, four HTTPS servers: full, bare, short HSTS, a redirect. */
static void
start_nginx(void)
{
	const char *argv[] = { "nginx", "-c", "{DIR}/nginx.conf", "-p",
	    "{DIR}", NULL };
	char conf[8192], tls[600];
	size_t i;

	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	for (i = 0; i < 4; i++) {
		ports[i] = testsrv_free_port();
		assert_true(ports[i] > 0);
		if (i > 0 && ports[i] == ports[i - 1])
			i--;	/* the same port twice: pick again */
	}
	snprintf(tls, sizeof(tls), "  ssl_certificate %s/srv.pem;\n"
	    "  ssl_certificate_key %s/srv.key;\n", srv.dir, srv.dir);
	snprintf(conf, sizeof(conf),
	    "daemon off;\nworker_processes 1;\npid %s/nginx.pid;\n"
	    "error_log %s/error.log;\nevents { worker_connections 256; }\n"
	    "http {\n access_log %s/access.log;\n"
	    " client_body_temp_path %s;\n proxy_temp_path %s;\n"
	    " fastcgi_temp_path %s;\n uwsgi_temp_path %s;\n"
	    " scgi_temp_path %s;\n"
	    " server {\n  listen 127.0.0.1:%d ssl;\n%s"
	    "  add_header Strict-Transport-Security \"max-age=63072000; "
	    "includeSubDomains; preload\" always;\n" HEADERS
	    "  location / { return 204; }\n }\n"
	    " server {\n  listen 127.0.0.1:%d ssl;\n%s"
	    "  location / { return 204; }\n }\n"
	    " server {\n  listen 127.0.0.1:%d ssl;\n%s"
	    "  add_header Strict-Transport-Security \"max-age=300\" always;\n"
	    HEADERS "  location / { return 204; }\n }\n"
	    " server {\n  listen 127.0.0.1:%d ssl;\n%s"
	    "  location / { return 301 https://localhost/elsewhere; }\n }\n"
	    "}\n",
	    srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir,
	    srv.dir, ports[0], tls, ports[1], tls, ports[2], tls, ports[3],
	    tls);
	assert_int_equal(testsrv_write(&srv, "nginx.conf", conf), 0);
	assert_int_equal(testsrv_start(&srv, ports[0], argv, 10000), 0);
}

static void
test_nginx_hsts_full(void **state)
{
	json_t *o, *h, *hs;

	(void)state;
	start_nginx();
	o = scan("--ca-file %s/srv.pem https://localhost:%d", srv.dir,
	    ports[0]);
	assert_string_equal(json_string_value(json_object_get(o, "service")),
	    "https");
	assert_non_null(h = http_of(o));
	assert_true(json_is_null(json_object_get(h, "error")));
	assert_int_equal(json_integer_value(json_object_get(h, "status")), 204);
	assert_non_null(hs = json_object_get(h, "hsts"));
	assert_int_equal(json_integer_value(json_object_get(hs, "max_age")),
	    63072000);
	assert_true(json_is_true(json_object_get(hs, "include_subdomains")));
	assert_true(json_is_true(json_object_get(hs, "preload")));
	assert_true(json_is_true(json_object_get(hs, "valid")));
	assert_string_equal(header(o, "X-Content-Type-Options"), "nosniff");
	assert_string_equal(header(o, "X-Frame-Options"), "DENY");
	assert_string_equal(header(o, "Referrer-Policy"), "no-referrer");
	assert_string_equal(header(o, "Permissions-Policy"), "geolocation=()");
	assert_string_equal(json_string_value(json_object_get(h,
	    "frame_ancestors")), "'none'");
	assert_true(strncmp(header(o, "Server"), "nginx", 5) == 0);
	assert_null(header(o, "Location"));
	assert_true(json_is_false(json_object_get(h, "redirect")));
	assert_http_findings(o, "");
	/* Exactly one GET, with the documented User-Agent and Host. */
	assert_int_equal(testsrv_sh("test $(grep -c 'GET / HTTP/1.1' "
	    "'%s/access.log') = 1", srv.dir), 0);
	assert_int_equal(testsrv_sh("grep -q '\"tilsyn-scan/' "
	    "'%s/access.log'", srv.dir), 0);

	/* No HSTS, no headers: the findings, and HSTS null. */
	o = scan("--ca-file %s/srv.pem https://localhost:%d", srv.dir,
	    ports[1]);
	assert_non_null(h = http_of(o));
	assert_int_equal(json_integer_value(json_object_get(h, "status")), 204);
	assert_true(json_is_null(json_object_get(h, "hsts")));
	assert_null(header(o, "X-Content-Type-Options"));
	assert_true(json_is_null(json_object_get(h, "frame_ancestors")));
	assert_http_findings(o, "http-hsts-missing "
	    "http-no-content-type-options http-no-frame-options http-no-csp "
	    "http-no-referrer-policy");

	/* Five minutes of HSTS: below a year. */
	o = scan("--ca-file %s/srv.pem https://localhost:%d", srv.dir,
	    ports[2]);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    http_of(o), "hsts"), "max_age")), 300);
	assert_true(json_is_false(json_object_get(json_object_get(http_of(o),
	    "hsts"), "preload")));
	assert_http_findings(o, "http-hsts-short");

	/* A redirect: reported with its Location, not followed. */
	o = scan("--ca-file %s/srv.pem https://localhost:%d", srv.dir,
	    ports[3]);
	assert_non_null(h = http_of(o));
	assert_int_equal(json_integer_value(json_object_get(h, "status")), 301);
	assert_true(json_is_true(json_object_get(h, "redirect")));
	assert_string_equal(header(o, "Location"),
	    "https://localhost/elsewhere");
	assert_http_findings(o, "http-hsts-missing");
	assert_int_equal(testsrv_sh("test $(grep -c 'GET ' '%s/access.log') "
	    "= 4", srv.dir), 0);

	/* --no-http and a tls:// target off 443/8443: nothing sent. */
	o = scan("--no-http --ca-file %s/srv.pem https://localhost:%d",
	    srv.dir, ports[1]);
	assert_null(http_of(o));
	assert_non_null(json_object_get(o, "tls"));
	assert_http_findings(o, "");
	o = scan("--ca-file %s/srv.pem tls://localhost:%d", srv.dir,
	    ports[1]);
	assert_null(http_of(o));
	assert_http_findings(o, "");
	assert_int_equal(testsrv_sh("test $(grep -c 'GET ' '%s/access.log') "
	    "= 4", srv.dir), 0);
}

/* The same observations in the XML and text reports. */
static void
test_nginx_formats(void **state)
{
	char cmd[1024], *out;
	int st;

	(void)state;
	start_nginx();
	snprintf(cmd, sizeof(cmd), "%s -q -o xml --ca-file %s/srv.pem "
	    "https://localhost:%d", itest_scanner, srv.dir, ports[0]);
	out = itest_capture(cmd, &st);
	if (strstr(out, "<http status=\"204\" redirect=\"false\">") == NULL ||
	    strstr(out, "<hsts valid=\"true\" max_age=\"63072000\" "
	    "include_subdomains=\"true\" preload=\"true\"") == NULL ||
	    strstr(out, "<header name=\"X-Content-Type-Options\">nosniff"
	    "</header>") == NULL ||
	    strstr(out, "<frame_ancestors>'none'</frame_ancestors>") == NULL)
		fail_msg("XML without the http element:\n%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s -q --ca-file %s/srv.pem "
	    "https://localhost:%d https://localhost:%d", itest_scanner,
	    srv.dir, ports[0], ports[3]);
	out = itest_capture(cmd, &st);
	if (strstr(out, "  HTTP (GET /): status 204\n"
	    "  HSTS: max-age 63072000 s, includeSubDomains, preload\n"
	    "  X-Content-Type-Options: nosniff\n") == NULL ||
	    strstr(out, "  HTTP (GET /): status 301, redirect to "
	    "https://localhost/elsewhere\n  HSTS: none\n") == NULL ||
	    strstr(out, "http-hsts-missing: no Strict-Transport-Security "
	    "header in the answer to GET / (status 301)") == NULL)
		fail_msg("text report without the HTTP lines:\n%s", out);
	free(out);
}

static void
start_hostile(const char *mode)
{
	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	itest_start_script(&srv, "hostile-http-server", "--cert srv.pem "
	    "--key srv.key %s", mode);
}

/*
 * A hostile head costs at most one --timeout (2 s here) after the
 * request, and 64 KiB: the error says which bound it hit, nothing of the
 * head is reported, no finding comes of it, and the target is scanned.
 */
static void
hostile(const char *mode, const char *why, double max_s)
{
	json_t *o, *h;
	double t0 = itest_now(), took;
	const char *e;

	start_hostile(mode);
	o = scan("--timeout 2 --ca-file %s/srv.pem https://localhost:%d",
	    srv.dir, srv.port);
	took = itest_now() - t0;
	assert_true(json_is_null(json_object_get(o, "error")));
	assert_non_null(h = http_of(o));
	assert_true(json_is_null(json_object_get(h, "status")));
	assert_true(json_is_null(json_object_get(h, "headers")));
	assert_non_null(e = json_string_value(json_object_get(h, "error")));
	if (strstr(e, why) == NULL)
		fail_msg("%s: error '%s', want '%s'", mode, e, why);
	if (took > max_s)
		fail_msg("%s: %.1f s, more than %.1f s", mode, took, max_s);
	assert_http_findings(o, "");
	testsrv_stop(&srv);
}

static void
test_hostile(void **state)
{
	json_t *o;

	(void)state;
	hostile("trickle", "read timed out", 4.5);
	hostile("stall", "read timed out", 4.5);
	hostile("huge", "header block longer than 65536 bytes", 2.0);
	hostile("longline", "header block longer than 65536 bytes", 2.0);
	/* The control: the same server, a good head. */
	start_hostile("good");
	o = scan("--timeout 2 --ca-file %s/srv.pem https://localhost:%d",
	    srv.dir, srv.port);
	assert_int_equal(json_integer_value(json_object_get(http_of(o),
	    "status")), 200);
	assert_string_equal(header(o, "Server"), "hostile");
	assert_http_findings(o, "http-no-content-type-options "
	    "http-no-frame-options http-no-csp http-no-referrer-policy");
}

static int
stop_server(void **state)
{
	(void)state;
	testsrv_stop(&srv);
	json_decref(result);
	result = NULL;
	return 0;
}

#define T(f)	cmocka_unit_test_teardown(f, stop_server)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_nginx_hsts_full),
		T(test_nginx_formats),
		T(test_hostile),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
