/*
 * tls_vuln_hello.h: the probe the hello-based behavioural checks share
 * (Heartbleed, CCS injection, Ticketbleed's resumption): one connection
 * in byte mode, the STARTTLS preamble where the service has one
 * (starttls.h, as the enumeration's hellos use it), a ClientHello, the
 * server's answer, and then what the check sends and the record heads
 * that come back.
 *
 * The check fills in the hello and its hooks; the probe does the I/O
 * bookkeeping, calls finish() once with how it went (the check writes
 * its verdict there), then env->done(), then frees itself.  Nothing the
 * server sent is kept past the call that read it.
 */
#ifndef TILSYN_TLS_VULN_HELLO_H
#define TILSYN_TLS_VULN_HELLO_H

#include <stdint.h>

#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_vuln.h"

/* How far a probe got (struct vh_probe.stage). */
enum vh_stage {
	VH_PREAMBLE = 0,	/* STARTTLS dialogue */
	VH_HELLO,		/* hello sent, its answer not complete */
	VH_AFTER,		/* the check's records sent, reading heads */
	VH_DECIDED		/* on_record() or on_answer() decided */
};

struct vh_probe {
	/* Set by the check before vh_submit(). */
	struct tls_hello_opts	 hello;
	unsigned		 parse_flags;	/* tls_answer_parse() */
	int			 quiet_ms;	/* the wait in VH_AFTER; 0: the
						   engine's read timeout */
	/*
	 * Optional: judges the raw answer to the hello instead of
	 * tls_answer_parse(): TLS_NEED_MORE, TLS_OK (decided: the probe
	 * ends), or a TLS_E* error.
	 */
	int	(*on_answer)(struct vh_probe *, const uint8_t *in, size_t len);
	/*
	 * After a complete answer (a ServerHello and its flight): appends
	 * the records to send to out; 0, or -1 to end the probe (ans says
	 * why: an alert, TLS 1.3).
	 */
	int	(*after_hello)(struct vh_probe *, struct wbuf *out);
	/* A record head in VH_AFTER: 1 decided, 0 read the next one. */
	int	(*on_record)(struct vh_probe *, const struct tls_record_head *);
	/* The end, before env->done(): status is the engine's. */
	void	(*finish)(struct vh_probe *, int status);
	void			*arg;		/* the check's */
	enum vuln_check		 check;		/* whose verdict it is */

	/* The probe's own. */
	const struct vuln_env	*env;
	enum vh_stage		 stage;
	int			 connected;
	struct starttls		 st;
	int			 pre_err;	/* STARTTLS_E*, 0 none */
	struct tls_answer	 ans;		/* the answer to the hello */
	int			 have_ans;
	int			 perr;		/* parser error, 0 none */
	int			 closed;	/* closed on us in VH_AFTER */
	int			 head_seen;	/* on_record() had this head */
	char			 why[200];	/* STARTTLS failure */
};

/*
 * A zeroed probe for env's endpoint, or NULL.  The check sets the
 * hello and hooks, then vh_submit().
 */
struct vh_probe *vh_probe_new(const struct vuln_env *env);
/*
 * Queues the probe: 0 (finish() and env->done() will come), or the
 * engine's error, the probe freed and no finish() called.
 */
int	vh_submit(struct vh_probe *);
/*
 * A short description of why a probe got no usable answer, for a
 * verdict's detail: the STARTTLS failure, the alert, the engine error.
 */
void	vh_describe(const struct vh_probe *, int status, char *buf,
	    size_t len);
/*
 * Leaves the check's verdict not tested when status says the probe was
 * cut short before it decided (the run interrupted, the target's
 * deadline): 1 then, else 0.
 */
int	vh_cut_short(struct vuln_verdict *, int status);
/* The best version <= TLS 1.2 (and >= TLS 1.0) the enumeration saw, or -1. */
int	vh_best_tls12(const struct tls_enum_result *);
/*
 * A hello at version v offering what the enumeration saw taken there
 * (every suite when it saw none), SNI as the endpoint has it.
 */
void	vh_hello_for(struct vh_probe *, int v);

#endif
