/*
 * tls_ossl.h: what the probes that let OpenSSL do the I/O on an engine
 * socket share (tls_cert.c, tls_http.c, tls_reneg.c, tls_ticketbleed.c):
 * the client SSL on the fd, OpenSSL's wants as engine waits, and the
 * STARTTLS preamble before the handshake (byte mode, then fd mode).
 * Verdicts, messages and what a failure means stay with each probe.
 */
#ifndef TILSYN_TLS_OSSL_H
#define TILSYN_TLS_OSSL_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

#include "scanner/buf.h"
#include "scanner/target.h"
#include "scanner/tls/starttls.h"

/* Embedded in a probe; zeroed with it. */
struct tls_ossl {
	struct starttls	 st;
	int		 connected;
	int		 in_preamble;
	uint64_t	 wait_t0;	/* the current wait's start */
};

/* From on_connect, first: connected, and the first wait starts now. */
void	tls_ossl_connected(struct tls_ossl *);
/*
 * A client SSL on fd (the context of tls_cert_ssl_ctx()) in connect
 * state, with sni when it is set; the caller adds its settings.  NULL on
 * failure.
 */
SSL	*tls_ossl_new(int fd, const char *sni);
/*
 * After an SSL call on the probe's fd returned r: PROBE_FD_READ or
 * PROBE_FD_WRITE when OpenSSL waits for the socket, else 0 (PROBE_DONE):
 * the call failed and SSL_get_error() tells the caller how.
 */
int	tls_ossl_wait(SSL *, int r) __attribute__((warn_unused_result));
/*
 * "what: reason" from OpenSSL's last error ("unknown" without one,
 * "connection closed" when there is no error) into buf; ENGINE_EPROTO.
 */
int	tls_ossl_fail(char *buf, size_t len, const char *what);
/*
 * From on_connect, for a service with a preamble (starttls_needed()):
 * starttls_begin() with domain.  PROBE_READ or ENGINE_ENOMEM.
 */
int	tls_ossl_begin(struct tls_ossl *, enum service, const char *domain,
	    int fd, struct wbuf *out) __attribute__((warn_unused_result));
/* wait_ms: greeting_ms while the greeting is awaited, else 0. */
int	tls_ossl_wait_ms(const struct tls_ossl *, int greeting_ms);
/*
 * on_data in the preamble: starttls_input(), and consuming or sending is
 * progress (wait_t0).  PROBE_READ for more, PROBE_FD_WRITE once the
 * preamble is over (the handshake starts when the fd is writable), or
 * the STARTTLS_E* error (st.msg set) for the probe to judge.
 */
int	tls_ossl_input(struct tls_ossl *, const uint8_t *in, size_t len,
	    size_t *consumed, struct wbuf *out)
	    __attribute__((warn_unused_result));
/*
 * The preamble failed with r (STARTTLS_E*): st.msg into buf;
 * ENGINE_ENOMEM or ENGINE_EPROTO.
 */
int	tls_ossl_preamble_failed(const struct tls_ossl *, int r, char *buf,
	    size_t len) __attribute__((warn_unused_result));

#endif
