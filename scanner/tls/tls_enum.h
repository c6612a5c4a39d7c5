/*
 * tls_enum.h: the TLS enumeration planner of one target.  A pure state
 * machine: it says which hello to send next and learns from each answer;
 * the engine does all I/O.
 *
 * Use:
 *	struct tls_enum *e = tls_enum_new(&cfg);
 *	loop:
 *		r = tls_enum_next(e, &probe);
 *		TLS_ENUM_PROBE: build probe.hello with tls_hello_build(),
 *		    connect, send, read; feed the bytes to
 *		    tls_answer_parse(buf, len, probe.parse_flags, &ans) until it
 *		    stops returning TLS_NEED_MORE (add TLS_PARSE_FINAL at EOF);
 *		    then tls_enum_answer(e, probe.id, outcome, &ans).
 *		    Several probes may be in flight at once; call next again.
 *		TLS_ENUM_WAIT: nothing to send until an answer comes back.
 *		TLS_ENUM_DONE: tls_enum_result(e) is final.
 *	tls_enum_free(&e);
 *
 * Method: per version, offer every suite the version can carry, remove the
 * one the server picks, repeat until it refuses (n accepted suites cost
 * n + 1 hellos).  The offer is sorted weakest first, so a server that
 * enforces its own order usually shows it by picking out of our order;
 * while the picks follow our order, one more hello (every suite, reversed)
 * runs alongside: a different pick means the server follows the client,
 * and that pick is its highest suite.  A client-order version then runs
 * as chains: disjoint intervals of the offer, each asking for what is
 * left of its interval in our order; a pick proves that nothing offered
 * below it is accepted, so the chain goes on above it, and a refusal ends
 * it.  When a slot is idle (tls_enum_next() finds nothing else to send)
 * the chain expected to find the most suites is split in two; the union
 * of the chains is the accepted set, reported in our order, which is the
 * client's.  A server with an order of its own keeps one chain, whose
 * picks are that order.  A server that drops big hellos gets the offer
 * in chunks.  TLS 1.3 sends an empty
 * key_share, so every answer is a HelloRetryRequest naming both a suite
 * and a group, and suites and groups are enumerated in the same hellos.
 * ECDHE curves of TLS <= 1.2 come from the ServerKeyExchange, one curve
 * removed per hello, in parallel with the suites once an ECDHE suite was
 * taken; DHE prime size from a
 * ServerKeyExchange seen on the way.  Renegotiation and compression come
 * from the ServerHellos (every hello offers both); TLS_FALLBACK_SCSV costs
 * one hello at a lower version (see fallback_scsv below).
 *
 * An answer TLS_OUT_THROTTLED (the server pushed back before it read the
 * hello) tells nothing: the same probe is handed out again by a later
 * tls_enum_next(), up to 4 hellos; then it is given up, counted in
 * result.throttled, and what it would have told stays unknown (a suite is
 * never counted refused for it).  throttled > 0: the result is
 * incomplete.
 */
#ifndef TILSYN_TLS_ENUM_H
#define TILSYN_TLS_ENUM_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/tls/tls_hello.h"

#define TLS_ENUM_MAX_SUITES	400	/* per version (registry holds ~350) */
#define TLS_ENUM_MAX_GROUPS	64

/* tls_enum_config.flags */
#define TLS_EC_NO_ORDER		0x01u	/* skip server-order detection */
#define TLS_EC_NO_GROUPS	0x02u	/* skip TLS 1.3 group / TLS 1.2 curve
					   enumeration beyond the first */
#define TLS_EC_NO_FALLBACK	0x04u	/* skip the TLS_FALLBACK_SCSV probe */

struct tls_enum_config {
	unsigned	 versions;	/* bit (1u << TLS_V_*); 0 = all six */
	unsigned	 flags;		/* TLS_EC_* */
	const char	*sni;		/* copied; NULL or "" for none */
	uint8_t		 seed[32];	/* seeds every hello's random values */
};

/* What the engine saw of one probe (tls_enum_answer outcome). */
enum tls_outcome {
	TLS_OUT_ANSWER = 0,	/* tls_answer_parse() returned TLS_OK */
	TLS_OUT_CONNECT,	/* connect failed (refused, unreachable) */
	TLS_OUT_TIMEOUT,	/* connect or read timed out */
	TLS_OUT_RESET,		/* connection reset */
	TLS_OUT_CLOSED,		/* EOF before a complete answer (ETRUNC) */
	TLS_OUT_GARBAGE,	/* parser error: EGARBAGE, EPROTO, ETOOBIG */
	TLS_OUT_THROTTLED	/* the server pushed back before the hello
				   (STARTTLS 4xx/421, closed before the
				   greeting): no answer to the hello at all;
				   the planner asks the same probe again */
};

/* A probe to run. */
struct tls_probe {
	uint32_t		 id;		/* pass back to tls_enum_answer */
	unsigned		 parse_flags;	/* for tls_answer_parse() */
	struct tls_hello_opts	 hello;		/* for tls_hello_build() */
};

/* Tri-state results. */
#define TLS_UNKNOWN	(-1)

/*
 * fallback_scsv.  The probe is a hello at the second-best accepted
 * version with the SCSV: a server that supports the best one must answer
 * inappropriate_fallback (RFC 7507): 1.  It takes the hello: 0.  Dovecot
 * and GnuTLS-based servers close the connection instead (no alert, or a
 * reset): that is 1 too (and fallback_closed) when the same hello without
 * the SCSV (same version, same offer) is known to be taken.  So the
 * fallback hello repeats that version's first hello, every suite, when the
 * server took it; else it offers the suites taken, and a close costs one
 * more hello, the control without the SCSV.  Why it is TLS_UNKNOWN
 * (tls_report.c words it): with fewer than two accepted versions there is
 * nothing to fall back to; no answer (or a close whose control was not
 * taken either); another alert.
 */
#define TLS_FB_NONE		0	/* known (or not yet asked) */
#define TLS_FB_ONE_VERSION	1	/* fewer than two versions accepted */
#define TLS_FB_NOT_TESTED	2	/* TLS_EC_NO_FALLBACK */
#define TLS_FB_NO_ANSWER	3	/* connection failed, no answer; or
					   closed and the control refused */
#define TLS_FB_OTHER_ALERT	4	/* refused with another alert */
#define TLS_FB_THROTTLED	5	/* the server kept pushing back */

struct tls_enum_result {
	uint8_t		 versions[TLS_V_COUNT];	/* accepted? */
	uint8_t		 tested[TLS_V_COUNT];	/* probed at all? */
	/* accepted suites per version: IANA codes (SSLv2: 3-byte kinds);
	   in the server's preference order when server_order[v] == 1 */
	uint16_t	 nsuites[TLS_V_COUNT];
	uint32_t	 suites[TLS_V_COUNT][TLS_ENUM_MAX_SUITES];
	int8_t		 server_order[TLS_V_COUNT];	/* 1, 0, TLS_UNKNOWN */
	/* groups: TLS 1.3 key-exchange groups, TLS <= 1.2 ECDHE curves, and
	   their union (IANA supported_groups codes, in the order found) */
	uint16_t	 ngroups13;
	uint16_t	 groups13[TLS_ENUM_MAX_GROUPS];
	uint16_t	 ncurves12;
	uint16_t	 curves12[TLS_ENUM_MAX_GROUPS];
	uint16_t	 ngroups;
	uint16_t	 groups[2 * TLS_ENUM_MAX_GROUPS];
	uint16_t	 dh_bits;		/* DHE prime bits, 0 if no DHE */
	uint8_t		 dh_known;		/* that prime: tls_dhprime_find(),
						   0 if none of the known */
	int8_t		 secure_renegotiation;	/* 1, 0, TLS_UNKNOWN */
	int8_t		 compression;		/* 1 DEFLATE taken, 0, UNKNOWN */
	int8_t		 fallback_scsv;		/* 1, 0, TLS_UNKNOWN */
	uint8_t		 fallback_why;		/* TLS_FB_*: why UNKNOWN */
	uint8_t		 ems;			/* extended_master_secret seen */
	uint8_t		 ocsp_stapling;		/* status_request echoed */
	uint32_t	 connections;		/* probes answered or failed */
	uint32_t	 floor;			/* tls_enum_floor() */
	int		 error;			/* enum tls_outcome that stopped
						   the scan, 0 if none */
	uint32_t	 failures;		/* probes without an answer */
	uint32_t	 throttled;		/* probes given up after the
						   server kept pushing back:
						   the result is incomplete */
	uint8_t		 fallback_closed;	/* fallback_scsv 1: refused by
						   closing, not by the alert */
	/* versions whose DHE suites the server picks and then fails on
	   (internal_error: no DH parameters); enumerated without them */
	uint8_t		 dhe_failed[TLS_V_COUNT];
};

struct tls_enum;

#define TLS_ENUM_PROBE	0
#define TLS_ENUM_WAIT	1
#define TLS_ENUM_DONE	2

/* A planner for one target, or NULL (out of memory). */
struct tls_enum *tls_enum_new(const struct tls_enum_config *);
void	tls_enum_free(struct tls_enum **);

/*
 * TLS_ENUM_PROBE with *p filled (the planner now counts it in flight),
 * TLS_ENUM_WAIT when every next step depends on probes in flight, or
 * TLS_ENUM_DONE.  The caller bounds concurrency by not calling it.
 */
int	tls_enum_next(struct tls_enum *, struct tls_probe *p)
	    __attribute__((warn_unused_result));
/*
 * The result of probe id: outcome TLS_OUT_ANSWER with a (parsed answer), or
 * another outcome with a == NULL.  Returns 0, or -1 for an unknown id.  A
 * failed connect of the very first probe ends the scan (result.error).
 */
int	tls_enum_answer(struct tls_enum *, uint32_t id, int outcome,
	    const struct tls_answer *a);
/* Number of probes now in flight. */
unsigned tls_enum_inflight(const struct tls_enum *);
int	tls_enum_done(const struct tls_enum *);
/* The result so far (final once done); owned by the planner. */
const struct tls_enum_result *tls_enum_result(const struct tls_enum *);

/*
 * The number of hellos a minimal enumeration needs for a server with this
 * result: SSLv2 1; per tested TLS <= 1.2 version n + 1 if it accepted n
 * suites, else 1; TLS 1.3 max(suites, groups) + 2 if accepted, else 1;
 * ECDHE curves of TLS <= 1.2 c (the first comes with the suites); one
 * fallback hello when two versions are accepted.  Server order is free in
 * the best case and not counted.
 */
uint32_t tls_enum_floor(const struct tls_enum_result *);


#endif
