/*
 * tls_ossl.c: the OpenSSL-on-the-engine pieces the probes share (see
 * tls_ossl.h).  The server's bytes go to the STARTTLS state machine and
 * to OpenSSL only.
 */
#include <stdio.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "scanner/engine.h"
#include "scanner/tls/tls_cert.h"
#include "scanner/tls/tls_ossl.h"

void
tls_ossl_connected(struct tls_ossl *o)
{
	o->connected = 1;
	o->wait_t0 = engine_now_ms();
}

SSL *
tls_ossl_new(int fd, const char *sni)
{
	SSL_CTX *ctx = tls_cert_ssl_ctx();
	SSL *ssl;

	if (ctx == NULL || (ssl = SSL_new(ctx)) == NULL)
		return NULL;
	if (SSL_set_fd(ssl, fd) != 1 || (sni != NULL && *sni != '\0' &&
	    SSL_set_tlsext_host_name(ssl, sni) != 1)) {
		SSL_free(ssl);
		return NULL;
	}
	/* Settings made after it still go into the ClientHello. */
	SSL_set_connect_state(ssl);
	return ssl;
}

int
tls_ossl_wait(SSL *ssl, int r)
{
	switch (SSL_get_error(ssl, r)) {
	case SSL_ERROR_WANT_READ:
		return PROBE_FD_READ;
	case SSL_ERROR_WANT_WRITE:
		return PROBE_FD_WRITE;
	default:
		return PROBE_DONE;
	}
}

int
tls_ossl_fail(char *buf, size_t len, const char *what)
{
	unsigned long e = ERR_peek_last_error();
	const char *why = e != 0 ? ERR_reason_error_string(e) : NULL;

	snprintf(buf, len, "%s: %s", what,
	    why != NULL ? why : e != 0 ? "unknown" : "connection closed");
	return ENGINE_EPROTO;
}

int
tls_ossl_begin(struct tls_ossl *o, enum service svc, const char *domain,
    int fd, struct wbuf *out)
{
	o->in_preamble = 1;
	if (starttls_begin(&o->st, svc, domain, fd, out) != STARTTLS_MORE)
		return ENGINE_ENOMEM;
	return PROBE_READ;
}

int
tls_ossl_wait_ms(const struct tls_ossl *o, int greeting_ms)
{
	if (o->connected && o->in_preamble && starttls_in_greeting(&o->st))
		return greeting_ms;
	return 0;
}

int
tls_ossl_input(struct tls_ossl *o, const uint8_t *in, size_t len,
    size_t *consumed, struct wbuf *out)
{
	size_t before = out->len;
	int r;

	r = starttls_input(&o->st, in, len, consumed, out);
	/* The engine's rule: consuming or sending is progress. */
	if (*consumed > 0 || out->len > before)
		o->wait_t0 = engine_now_ms();
	if (r == STARTTLS_MORE)
		return PROBE_READ;
	if (r != STARTTLS_READY)
		return r;
	o->in_preamble = 0;
	return PROBE_FD_WRITE;
}

int
tls_ossl_preamble_failed(const struct tls_ossl *o, int r, char *buf,
    size_t len)
{
	snprintf(buf, len, "%s", o->st.msg);
	return r == STARTTLS_ENOMEM ? ENGINE_ENOMEM : ENGINE_EPROTO;
}
