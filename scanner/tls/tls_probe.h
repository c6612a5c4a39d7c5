/*
 * tls_probe.h: the planner's probes on the engine.  One struct
 * tls_hello_probe is one TCP connection in byte mode: the STARTTLS
 * preamble when the service has one, then the probe's ClientHello, then
 * the server's answer through tls_answer_parse() until it is complete.
 * The caller learns how it went from one call of done().
 *
 * A server that pushes back before the hello was sent (a 4xx or 421
 * greeting or reply, "* BYE" / "-ERR" greetings, a close or reset inside
 * the preamble) ends the probe with TLS_OUT_THROTTLED: the hello got no
 * answer at all, so the planner asks again and the caller may slow down
 * for that address.  A greeting that does not come within its timeout is
 * TLS_OUT_TIMEOUT, with why naming the stage.  A 5xx to STARTTLS is a
 * real answer (TLS_OUT_GARBAGE with why "server refused STARTTLS:
 * '...'").
 */
#ifndef TILSYN_TLS_PROBE_H
#define TILSYN_TLS_PROBE_H

#include <stdint.h>

#include "scanner/engine.h"
#include "scanner/target.h"
#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_hello.h"

/* How one probe ended, for done(); valid only during the call. */
struct tls_hello_end {
	uint32_t		 id;		/* the planner's probe id */
	int			 status;	/* the engine's (engine.h) */
	int			 outcome;	/* enum tls_outcome */
	const struct tls_answer	*answer;	/* TLS_OUT_ANSWER, else NULL */
	int			 ssh;		/* the server spoke SSH */
	int			 spoke;		/* the server sent a whole line of
					   its preamble (a 421 too), or
					   there was none */
	/*
	 * Why there is no answer when the probe knows better than the
	 * engine's status, or NULL: the STARTTLS dialogue ("SMTP greeting:
	 * '421 4.7.0 ...'"), a parser error, or the stage a timeout or the
	 * target's deadline stopped ("read timed out: no SMTP greeting
	 * within 30 s", "read timed out: no answer to the ClientHello within
	 * 5 s (got 17 of 16389 bytes)"; at the deadline, which the caller
	 * words first, "timed out waiting for the answer to the ClientHello
	 * (after 3.2 s, no bytes)").
	 */
	const char		*why;
	/* The version a MySQL greeting named (starttls_bin.c), or NULL. */
	const char		*server;
	/*
	 * With tls_hello_probe_keep_certs(): the certificate_list of the
	 * answer's Certificate message (tls_answer_certificates()), else
	 * NULL; the receiver may take it (then it sets *certs to NULL and
	 * frees it itself).
	 */
	uint8_t			**certs;
	size_t			 certs_len;
};

struct tls_hello_probe;

/*
 * A probe for the planner's p (copied) on a connection to a server of
 * service svc.  greeting_ms is the timeout of the wait for a STARTTLS
 * greeting (--greeting-timeout; STARTTLS_GREETING_MS by default; 0: the
 * engine's read timeout); the engine learns it through
 * tls_hello_ops.wait_ms.  done(arg, end) is called from its on_end,
 * after which the probe frees itself.  NULL when out of memory.
 */
struct tls_hello_probe *tls_hello_probe_new(const struct tls_probe *p,
    enum service svc, int greeting_ms,
    void (*done)(void *, const struct tls_hello_end *), void *arg);
/*
 * Asks the probe to keep the Certificate message of a TLS <= 1.2 answer
 * read with TLS_PARSE_FLIGHT (struct tls_hello_end.certs).
 */
void	tls_hello_probe_keep_certs(struct tls_hello_probe *hp);
/* Frees a probe that was never submitted; NULLs *hp. */
void	tls_hello_probe_free(struct tls_hello_probe **hp);

/* Its ops for engine_submit(), with the probe as arg. */
extern const struct probe_ops tls_hello_ops;

#endif
