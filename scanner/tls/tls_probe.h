/*
 * tls_probe.h: the planner's probes on the engine.  One struct
 * tls_hello_probe is one TCP connection in byte mode: the STARTTLS
 * preamble when the service has one, then the probe's ClientHello, then
 * the server's answer through tls_answer_parse() until it is complete.
 * The caller learns how it went from one call of done().
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
	/*
	 * Why there is no answer when the probe knows better than the
	 * engine's status (the STARTTLS dialogue, a parser error), or NULL.
	 */
	const char		*why;
};

struct tls_hello_probe;

/*
 * A probe for the planner's p (copied) on a connection to a server of
 * service svc.  done(arg, end) is called from its on_end, after which
 * the probe frees itself.  NULL when out of memory.
 */
struct tls_hello_probe *tls_hello_probe_new(const struct tls_probe *p,
    enum service svc, void (*done)(void *, const struct tls_hello_end *),
    void *arg);
/* Frees a probe that was never submitted; NULLs *hp. */
void	tls_hello_probe_free(struct tls_hello_probe **hp);

/* Its ops for engine_submit(), with the probe as arg. */
extern const struct probe_ops tls_hello_ops;

#endif
