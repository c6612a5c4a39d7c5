/*
 * tls_http.h: one GET of "/" over TLS through OpenSSL, on the engine (an
 * fd-driven probe like tls_cert.h's), for the HTTP security headers of an
 * HTTPS endpoint.  It sends exactly
 *
 *	GET / HTTP/1.1
 *	Host: HOST[:PORT]
 *	User-Agent: tilsyn-scan/VERSION
 *	Accept: * / *  (without the spaces)
 *	Connection: close
 *
 * and reads the response head only: at most HTTP_MAX_BYTES and
 * HTTP_MAX_LINES lines, all within one read timeout of the request (a
 * trickle is no progress) and the target's deadline; the body is never
 * read, a redirect never followed.  The head is parsed by scanner/http.c.
 */
#ifndef TILSYN_TLS_HTTP_H
#define TILSYN_TLS_HTTP_H

#include <stddef.h>

#include "scanner/engine.h"
#include "scanner/http.h"

struct http_result {
	int		 tried;		/* the GET was attempted */
	int		 ok;		/* head holds a parsed response head */
	struct http_head head;
	char		 error[160];	/* why not ok, "" when ok */
};

struct http_config {
	const char	*sni;		/* may be NULL */
	const char	*host;		/* the Host: name or address literal */
	unsigned	 port;		/* 443 is left out of Host: */
};

/*
 * The probe's ops are tls_http_ops; arg is a struct http_probe from
 * tls_http_probe_new() (cfg's strings must outlive it).  On on_end it
 * fills res (which must outlive it) and calls done(done_arg, status)
 * after freeing itself: status 0 (a response head, res->ok), or the
 * engine's error or ENGINE_EPROTO, res->error saying why.  Needs
 * tls_cert_global_init().
 */
struct http_probe;
extern const struct probe_ops tls_http_ops;
struct http_probe *tls_http_probe_new(const struct http_config *,
    struct http_result *res, void (*done)(void *, int), void *done_arg);
/* Frees a probe the engine never took (engine_submit() failed). */
void	tls_http_probe_free(struct http_probe **);

#endif
