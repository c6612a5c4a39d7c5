/*
 * tls_http.c: one GET of "/" over TLS on the engine (see tls_http.h).
 * OpenSSL does the I/O on the engine's socket, as in tls_cert.c; this
 * file turns SSL_ERROR_WANT_READ/WRITE into engine waits, collects at
 * most HTTP_MAX_BYTES of the answer and hands them to scanner/http.c,
 * which trusts nothing of them.  The TLS session itself is not judged
 * here: the enumeration and the certificate handshakes do that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "config.h"
#include "scanner/tls/tls_http.h"
#include "scanner/tls/tls_ossl.h"

enum { ST_HANDSHAKE, ST_WRITE, ST_TURN, ST_READ };

struct http_probe {
	struct http_config	 cfg;
	struct http_result	*res;
	void			(*done)(void *, int);
	void			*done_arg;
	SSL			*ssl;
	int			 state;
	int			 connected;
	char			 req[512];
	int			 reqlen;
	uint8_t			*buf;		/* HTTP_MAX_BYTES */
	size_t			 len;
	int			 ok;
	char			 error[160];
};

struct http_probe *
tls_http_probe_new(const struct http_config *cfg, struct http_result *res,
    void (*done)(void *, int), void *done_arg)
{
	struct http_probe *p;
	const char *h = cfg->host;
	int v6 = strchr(h, ':') != NULL, n;
	char port[16] = "";

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	if ((p->buf = malloc(HTTP_MAX_BYTES)) == NULL) {
		free(p);
		return NULL;
	}
	p->cfg = *cfg;
	p->res = res;
	p->done = done;
	p->done_arg = done_arg;
	if (cfg->port != 443)
		snprintf(port, sizeof(port), ":%u", cfg->port);
	/* RFC 9110, section 7.2: uri-host [ ":" port ], v6 in brackets. */
	n = snprintf(p->req, sizeof(p->req), "GET / HTTP/1.1\r\n"
	    "Host: %s%s%s%s\r\n"
	    "User-Agent: tilsyn-scan/%s\r\n"
	    "Accept: */*\r\n"
	    "Connection: close\r\n\r\n", v6 ? "[" : "", h, v6 ? "]" : "",
	    port, TILSYN_VERSION);
	if (n < 0 || (size_t)n >= sizeof(p->req)) {
		free(p->buf);
		free(p);
		return NULL;
	}
	p->reqlen = n;
	return p;
}

void
tls_http_probe_free(struct http_probe **pp)
{
	struct http_probe *p = *pp;

	if (p == NULL)
		return;
	SSL_free(p->ssl);
	free(p->buf);
	free(p);
	*pp = NULL;
}

/* Parses what came; PROBE_DONE when the head is complete or hopeless. */
static int
parse(struct http_probe *p, int eof)
{
	int r;

	r = http_parse(p->buf, p->len, &p->res->head);
	if (r == HTTP_OK) {
		p->ok = 1;
		return PROBE_DONE;
	}
	if (r == HTTP_MORE && !eof)
		return PROBE_FD_READ;
	if (r == HTTP_MORE)
		snprintf(p->error, sizeof(p->error), "connection closed after "
		    "%zu bytes, before the header block ended", p->len);
	else if (r == HTTP_ETOOBIG)
		snprintf(p->error, sizeof(p->error), "header block longer "
		    "than %d bytes or %d lines: not read further",
		    HTTP_MAX_BYTES, HTTP_MAX_LINES);
	else
		snprintf(p->error, sizeof(p->error), "the answer is not "
		    "HTTP/1.x");
	return ENGINE_EPROTO;
}

static int
step(struct http_probe *p)
{
	int r = 0, n, nl, e;

	ERR_clear_error();
	switch (p->state) {
	case ST_HANDSHAKE:
		if ((r = SSL_connect(p->ssl)) != 1)
			break;
		p->state = ST_WRITE;
		/* FALLTHROUGH */
	case ST_WRITE:
		if ((r = SSL_write(p->ssl, p->req, p->reqlen)) <= 0)
			break;
		/*
		 * The request is out.  Waiting to write once tells the
		 * engine so (tls_cert.c's rule): the read timeout then
		 * counts from here, for the whole head.
		 */
		p->state = ST_TURN;
		return PROBE_FD_WRITE;
	case ST_TURN:
		p->state = ST_READ;
		/* FALLTHROUGH */
	case ST_READ:
		nl = 0;
		while (p->len < HTTP_MAX_BYTES) {
			n = (int)(HTTP_MAX_BYTES - p->len);
			if ((r = SSL_read(p->ssl, p->buf + p->len, n)) <= 0)
				break;
			nl |= memchr(p->buf + p->len, '\n', (size_t)r) != NULL;
			p->len += (size_t)r;
		}
		/* Parsed only when a line ended: at most ~200 times. */
		if (p->len >= HTTP_MAX_BYTES || nl) {
			if ((n = parse(p, 0)) != PROBE_FD_READ)
				return n;
		}
		if (p->len >= HTTP_MAX_BYTES)
			return parse(p, 1);
		if ((n = tls_ossl_wait(p->ssl, r)) != PROBE_DONE)
			return n;
		e = SSL_get_error(p->ssl, r);
		if ((e == SSL_ERROR_ZERO_RETURN || e == SSL_ERROR_SYSCALL) &&
		    ERR_peek_last_error() == 0)
			return parse(p, 1);
		if (p->len > 0 && (n = parse(p, 1)) == PROBE_DONE)
			return n;
		return tls_ossl_fail(p->error, sizeof(p->error),
		    "reading the answer failed");
	default:
		return ENGINE_EINTERNAL;
	}
	if ((n = tls_ossl_wait(p->ssl, r)) != PROBE_DONE)
		return n;
	return tls_ossl_fail(p->error, sizeof(p->error),
	    p->state == ST_HANDSHAKE ? "handshake failed" :
	    "sending the request failed");
}

static int
http_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct http_probe *p = arg;

	(void)out;
	p->connected = 1;
	if ((p->ssl = tls_ossl_new(fd, p->cfg.sni)) == NULL) {
		snprintf(p->error, sizeof(p->error), "cannot set up OpenSSL");
		return ENGINE_EINTERNAL;
	}
	return step(p);
}

static int
http_on_ready(void *arg, int fd)
{
	(void)fd;
	return step(arg);
}

static void
http_on_end(void *arg, int status)
{
	struct http_probe *p = arg;
	struct http_result *res = p->res;
	void (*done)(void *, int) = p->done;
	void *done_arg = p->done_arg;
	int st;

	res->tried = 1;
	res->ok = p->ok;
	if (!p->ok) {
		if (p->error[0] == '\0' && p->connected &&
		    (status == ENGINE_ETIMEOUT || status == ENGINE_EBUDGET))
			snprintf(p->error, sizeof(p->error), "%s after %zu "
			    "bytes of the answer, before the header block "
			    "ended", status == ENGINE_EBUDGET ?
			    "target timeout" : "read timed out", p->len);
		snprintf(res->error, sizeof(res->error), "%s",
		    p->error[0] != '\0' ? p->error : engine_errstr(status));
		memset(&res->head, 0, sizeof(res->head));
	}
	st = p->ok ? 0 : status != 0 ? status : ENGINE_EPROTO;
	SSL_free(p->ssl);
	free(p->buf);
	free(p);
	done(done_arg, st);
}

const struct probe_ops tls_http_ops = {
	.name = "tls-http",
	.on_connect = http_on_connect,
	.on_ready = http_on_ready,
	.on_end = http_on_end,
};
