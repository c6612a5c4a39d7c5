/*
 * The pieces the OpenSSL-on-the-engine probes share (scanner/tls/
 * tls_ossl.c): the preamble's engine returns and greeting wait, the
 * failure messages, and OpenSSL's wants on a socketpair (no network).
 */
#include <sys/socket.h>

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "scanner/engine.h"
#include "scanner/tls/tls_cert.h"
#include "scanner/tls/tls_ossl.h"

/* Feeds s whole; returns what tls_ossl_input() said. */
static int
feed(struct tls_ossl *o, const char *s, struct wbuf *out)
{
	size_t consumed = 0;
	int r;

	r = tls_ossl_input(o, (const uint8_t *)s, strlen(s), &consumed, out);
	if (r != PROBE_READ)
		return r;
	assert_int_equal(consumed, strlen(s));
	return r;
}

static void
test_preamble(void **state)
{
	struct tls_ossl o;
	struct wbuf out;
	char buf[160];

	(void)state;
	memset(&o, 0, sizeof(o));
	wbuf_init(&out, 1024);
	/* Not connected yet: the connect's own timeout. */
	assert_int_equal(tls_ossl_wait_ms(&o, 30000), 0);
	tls_ossl_connected(&o);
	assert_int_equal(o.connected, 1);
	assert_true(o.wait_t0 > 0);
	assert_int_equal(tls_ossl_begin(&o, SVC_POP3, "localhost", -1, &out),
	    PROBE_READ);
	assert_int_equal(o.in_preamble, 1);
	assert_int_equal(tls_ossl_wait_ms(&o, 30000), 30000);
	assert_int_equal(feed(&o, "+OK ready\r\n", &out), PROBE_READ);
	assert_int_equal(out.len, 6);
	assert_memory_equal(out.p, "STLS\r\n", 6);
	/* Past the greeting: the ordinary read timeout. */
	assert_int_equal(tls_ossl_wait_ms(&o, 30000), 0);
	assert_int_equal(feed(&o, "+OK begin TLS\r\n", &out), PROBE_FD_WRITE);
	assert_int_equal(o.in_preamble, 0);

	memset(&o, 0, sizeof(o));
	wbuf_reset(&out);
	tls_ossl_connected(&o);
	assert_int_equal(tls_ossl_begin(&o, SVC_POP3, "localhost", -1, &out),
	    PROBE_READ);
	assert_int_equal(feed(&o, "-ERR busy\r\n", &out), STARTTLS_ETHROTTLED);
	assert_int_equal(o.in_preamble, 1);
	assert_int_equal(tls_ossl_preamble_failed(&o, STARTTLS_ETHROTTLED,
	    buf, sizeof(buf)), ENGINE_EPROTO);
	assert_string_equal(buf, o.st.msg);
	assert_true(buf[0] != '\0');
	assert_int_equal(tls_ossl_preamble_failed(&o, STARTTLS_ENOMEM, buf,
	    sizeof(buf)), ENGINE_ENOMEM);
	wbuf_release(&out);
}

static void
test_fail(void **state)
{
	char buf[160];

	(void)state;
	/* The reason strings, as SSL_CTX_new() loads them in a scan. */
	assert_int_equal(OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS,
	    NULL), 1);
	ERR_clear_error();
	assert_int_equal(tls_ossl_fail(buf, sizeof(buf), "handshake failed"),
	    ENGINE_EPROTO);
	assert_string_equal(buf, "handshake failed: connection closed");
	ERR_raise(ERR_LIB_SSL, SSL_R_UNEXPECTED_EOF_WHILE_READING);
	(void)tls_ossl_fail(buf, sizeof(buf), "reading the answer failed");
	assert_string_equal(buf,
	    "reading the answer failed: unexpected eof while reading");
	ERR_clear_error();
	ERR_raise(ERR_LIB_USER, 4095);
	(void)tls_ossl_fail(buf, sizeof(buf), "handshake failed");
	assert_string_equal(buf, "handshake failed: unknown");
	ERR_clear_error();
}

/* A ClientHello with sni (or none) to a peer that closes unanswered. */
static void
hello(const char *sni, int want_sni)
{
	uint8_t got[4096];
	char err[160];
	SSL *ssl;
	ssize_t n;
	int sv[2], r;

	assert_int_equal(tls_cert_global_init(NULL, err, sizeof(err)), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(fcntl(sv[0], F_SETFL, O_NONBLOCK), 0);
	assert_non_null(ssl = tls_ossl_new(sv[0], sni));
	ERR_clear_error();
	r = SSL_connect(ssl);
	assert_int_equal(tls_ossl_wait(ssl, r), PROBE_FD_READ);
	assert_true((n = read(sv[1], got, sizeof(got))) > 5);
	assert_int_equal(got[0], 22);	/* a handshake record */
	assert_int_equal(memmem(got, (size_t)n, "example.org", 11) != NULL,
	    want_sni);
	close(sv[1]);
	ERR_clear_error();
	r = SSL_connect(ssl);
	assert_int_equal(tls_ossl_wait(ssl, r), PROBE_DONE);
	SSL_free(ssl);
	close(sv[0]);
	ERR_clear_error();
	tls_cert_global_free();
}

static void
test_new_and_wait(void **state)
{
	(void)state;
	hello("example.org", 1);
	hello("", 0);
	hello(NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_preamble),
		cmocka_unit_test(test_fail),
		cmocka_unit_test(test_new_and_wait),
	};

	/* OpenSSL's alert after the close goes to a closed peer. */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
