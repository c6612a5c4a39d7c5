/* Unit tests of the HTTP response head parser in scanner/http.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/http.h"

static int
parse(const char *s, struct http_head *h)
{
	return http_parse((const uint8_t *)s, strlen(s), h);
}

static void
test_full_head(void **state)
{
	struct http_head h;
	const char *s = "HTTP/1.1 200 OK\r\n"
	    "server: nginx/1.22.1\r\n"
	    "STRICT-TRANSPORT-SECURITY: max-age=63072000; includeSubDomains; "
	    "preload\r\n"
	    "X-Content-Type-Options:nosniff\r\n"
	    "X-Frame-Options: DENY  \r\n"
	    "Content-Security-Policy: default-src 'self'; frame-ancestors "
	    "'none'\r\n"
	    "Referrer-Policy: no-referrer\r\n"
	    "Permissions-Policy: geolocation=()\r\n"
	    "\r\nbody";

	(void)state;
	assert_int_equal(parse(s, &h), HTTP_OK);
	assert_int_equal(h.status, 200);
	assert_int_equal(h.minor, 1);
	assert_int_equal(h.length, strlen(s) - 4);
	assert_string_equal(h.value[HTTP_H_SERVER], "nginx/1.22.1");
	assert_int_equal(h.count[HTTP_H_HSTS], 1);
	assert_true(h.hsts.valid);
	assert_int_equal(h.hsts.max_age, 63072000);
	assert_true(h.hsts.include_subdomains);
	assert_true(h.hsts.preload);
	assert_string_equal(h.value[HTTP_H_XCTO], "nosniff");
	assert_string_equal(h.value[HTTP_H_XFO], "DENY");
	assert_true(h.frame_ancestors);
	assert_string_equal(h.frame_ancestors_value, "'none'");
	assert_string_equal(h.value[HTTP_H_REFERRER], "no-referrer");
	assert_string_equal(h.value[HTTP_H_PERMISSIONS], "geolocation=()");
	assert_int_equal(h.count[HTTP_H_LOCATION], 0);
}

static void
test_incomplete_and_bare_lf(void **state)
{
	struct http_head h;

	(void)state;
	assert_int_equal(parse("", &h), HTTP_MORE);
	assert_int_equal(parse("HTT", &h), HTTP_MORE);
	assert_int_equal(parse("HTTP/1.1 200 OK\r\nServer: x\r\n", &h),
	    HTTP_MORE);
	assert_int_equal(parse("HTTP/1.0 301\nLocation: https://x/\n\n", &h),
	    HTTP_OK);
	assert_int_equal(h.status, 301);
	assert_int_equal(h.minor, 0);
	assert_string_equal(h.value[HTTP_H_LOCATION], "https://x/");
	assert_int_equal(h.count[HTTP_H_HSTS], 0);
}

static void
test_bad_status(void **state)
{
	struct http_head h;

	(void)state;
	assert_int_equal(parse("SSH-2.0-x\r\n", &h), HTTP_EBADSTATUS);
	assert_int_equal(parse("HTTP/2 200\r\n\r\n", &h), HTTP_EBADSTATUS);
	assert_int_equal(parse("HTTP/1.1 20\r\n\r\n", &h), HTTP_EBADSTATUS);
	assert_int_equal(parse("HTTP/1.1 200X\r\n\r\n", &h), HTTP_EBADSTATUS);
}

static void
test_duplicates_and_folding(void **state)
{
	struct http_head h;
	const char *s = "HTTP/1.1 200 OK\r\n"
	    "Strict-Transport-Security: max-age=300\r\n"
	    "Content-Security-Policy: default-src\r\n"
	    "\t 'self'\r\n"
	    "strict-transport-security: max-age=31536000; preload\r\n"
	    "content-security-policy: frame-ancestors https://a.example\r\n"
	    "no colon here\r\n"
	    "Bad Name: x\r\n"
	    "\r\n";

	(void)state;
	assert_int_equal(parse(s, &h), HTTP_OK);
	assert_int_equal(h.count[HTTP_H_HSTS], 2);
	/* Only the first HSTS field counts (RFC 6797, section 8.1). */
	assert_int_equal(h.hsts.max_age, 300);
	assert_false(h.hsts.preload);
	assert_string_equal(h.value[HTTP_H_HSTS],
	    "max-age=300, max-age=31536000; preload");
	assert_string_equal(h.value[HTTP_H_CSP],
	    "default-src 'self', frame-ancestors https://a.example");
	assert_true(h.frame_ancestors);
	assert_string_equal(h.frame_ancestors_value, "https://a.example");
	assert_int_equal(h.bad_lines, 2);
}

static void
test_hsts_directives(void **state)
{
	struct http_hsts t;

	(void)state;
	assert_int_equal(http_hsts_parse("max-age=\"600\"", &t), 0);
	assert_int_equal(t.max_age, 600);
	assert_int_equal(http_hsts_parse(" MAX-AGE = 0 ; INCLUDESUBDOMAINS ; "
	    "foo=bar", &t), 0);
	assert_int_equal(t.max_age, 0);
	assert_true(t.include_subdomains);
	assert_int_equal(http_hsts_parse("includeSubDomains", &t), -1);
	assert_string_equal(t.error, "no max-age");
	assert_int_equal(http_hsts_parse("max-age=1; max-age=2", &t), -1);
	assert_string_equal(t.error, "max-age given twice");
	assert_int_equal(http_hsts_parse("max-age=-1", &t), -1);
	assert_int_equal(t.max_age, -1);
	assert_int_equal(http_hsts_parse("max-age=", &t), -1);
	assert_int_equal(http_hsts_parse("max-age", &t), -1);
	assert_int_equal(http_hsts_parse("max-age=10; preload; preload", &t),
	    -1);
	assert_int_equal(http_hsts_parse("max-age=99999999999999999999", &t),
	    0);
	assert_true(t.max_age >= 1000000000000000LL);
}

static void
test_bounds(void **state)
{
	struct http_head h;
	uint8_t *b;
	size_t i, n;
	char big[1000];

	(void)state;
	/* A megabyte without a blank line: too big, never more. */
	n = 1024 * 1024;
	assert_non_null(b = malloc(n));
	memcpy(b, "HTTP/1.1 200 OK\r\n", 17);
	for (i = 17; i < n; i++)
		b[i] = (i % 40) == 39 ? '\n' : 'a';
	assert_int_equal(http_parse(b, n, &h), HTTP_ETOOBIG);
	/* 64 KiB of one line. */
	memset(b + 17, 'x', n - 17);
	assert_int_equal(http_parse(b, HTTP_MAX_BYTES, &h), HTTP_ETOOBIG);
	assert_int_equal(http_parse(b, HTTP_MAX_BYTES - 1, &h), HTTP_MORE);
	/* More than 200 lines, each short. */
	for (i = 17; i + 4 < n; i += 4)
		memcpy(b + i, "a:\r\n", 4);
	assert_int_equal(http_parse(b, 17 + 4 * 250, &h), HTTP_ETOOBIG);
	free(b);
	/* A long value is cut, and marked; a cut HSTS is not valid. */
	memset(big, 'a', sizeof(big));
	memcpy(big, "HTTP/1.1 200\r\nServer: ", 22);
	memcpy(big + 500, "\r\nStrict-Transport-Security: max-age=1;",
	    39);
	memset(big + 539, ' ', sizeof(big) - 539 - 5);
	memcpy(big + sizeof(big) - 5, "x\r\n\r\n", 5);
	assert_int_equal(http_parse((const uint8_t *)big, sizeof(big), &h),
	    HTTP_OK);
	assert_true(h.cut[HTTP_H_SERVER]);
	assert_int_equal(strlen(h.value[HTTP_H_SERVER]), HTTP_VALUE_MAX - 1);
	assert_false(h.hsts.valid);
	/* Control bytes in a value become '?'. */
	assert_int_equal(parse("HTTP/1.1 200\r\nServer: a\033[2Jb\x80\r\n\r\n",
	    &h), HTTP_OK);
	assert_string_equal(h.value[HTTP_H_SERVER], "a?[2Jb?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_head),
		cmocka_unit_test(test_incomplete_and_bare_lf),
		cmocka_unit_test(test_bad_status),
		cmocka_unit_test(test_duplicates_and_folding),
		cmocka_unit_test(test_hsts_directives),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
