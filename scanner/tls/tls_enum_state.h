/*
 * tls_enum_state.h: the enumeration planner's state, shared by its two
 * halves and by nothing else: tls_enum.c (the streams, and what each
 * sends next) and tls_enum_answer.c (what each answer teaches).  The
 * method is in tls_enum.h, the streams in tls_enum.c.
 */
#ifndef TILSYN_TLS_ENUM_STATE_H
#define TILSYN_TLS_ENUM_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"

#define ST_CURVES	TLS_V_COUNT
#define ST_FALLBACK	(TLS_V_COUNT + 1)
#define ST_ORD0		(TLS_V_COUNT + 2)	/* + v: order hello of v */
#define ST_SUB0		(2 * TLS_V_COUNT + 2)	/* + k: extra chains */
#define NSUB		8	/* extra chains of the client-order versions */
#define ST_COUNT	(ST_SUB0 + NSUB)

/* Hellos of one probe the server may push back before it is given up. */
#define TLS_ENUM_TRIES	4

#define NBITS		1024	/* > number of TLS suites in the table */
#define CHUNK		64	/* suites per hello for intolerant servers */
/* Group sets (struct stream.remg, offg) are masks of tls_group_at() indices. */
#define GROUP_BITS	64

enum phase {
	P_ENUM = 0,	/* offer the rest, remove the pick */
	P_RANK,		/* chunked: rank the accepted set */
	P_ORDER,	/* one hello with the accepted set reversed */
	P_DONE
};

/* What the probe in flight of a TLS 1.3 stream tests. */
enum mode13 {
	M_BOTH = 0,	/* remaining suites x remaining groups */
	M_SUITES,	/* remaining suites x accepted groups */
	M_GROUPS	/* accepted suites x remaining groups */
};

struct stream {
	int		 phase;
	int		 first_done;	/* first probe answered or failed */
	int		 retry_wait;	/* a retry waits for the others */
	int		 verdict;	/* version known accepted or not */
	uint32_t	 inflight;	/* probe id, 0 if none */
	int		 mode;
	/* suites (table indices) still to offer */
	uint8_t		 rem[NBITS / 8];
	int		 chunked;
	unsigned	 chunk;
	int		 chunk_ok;	/* a chunk got a clean answer */
	/* accepted suites, in pick order */
	uint16_t	 nacc;
	uint16_t	 acc[TLS_ENUM_MAX_SUITES];
	int		 took_ecdhe;	/* an ECDHE suite among them */
	/* P_RANK */
	uint16_t	 nrank;
	uint16_t	 rank[TLS_ENUM_MAX_SUITES];
	/* TLS 1.3 groups and the curves stream: group table indices */
	uint64_t	 remg;
	int		 sdone;		/* TLS 1.3: no suites left to find;
					   a client-order version stream: its
					   own chain is over */
	int		 gdone;
	int		 ks_mode;	/* send real key shares */
	int		 ver;		/* curves/fallback: version used */
	uint64_t	 offg;		/* curves: groups of the probe sent */
	/* version streams: the parallel order hello (ST_ORD0 + v) */
	int		 ordq;		/* ORDQ_* */
	uint16_t	 ordpick;
	int		 desc;		/* client order seen: the version is
					   enumerated as chains (below) */
	/*
	 * A chain (a client-order version stream, or an extra chain
	 * ST_SUB0 + k of version ver): it offers rem within [ilo, ihi]
	 * (table indices) in our order; the probe in flight offered
	 * [olo, ohi].  The server takes the client's first suite it can,
	 * so a pick x proves that nothing it was offered below x is
	 * accepted: the chain goes on above x.
	 */
	uint16_t	 ilo, ihi;
	uint16_t	 olo, ohi;
	int		 tries;		/* throttled answers to the probe */
	int		 first_ok;	/* version streams: the first hello (the
					   full offer) was taken at this version */
	int		 control;	/* fallback stream: the hello without
					   the SCSV is in flight or answered */
	int		 incomplete;	/* version: a chain was given up */
	int		 probe_v;	/* the probe in flight: its version, */
	int		 probe_dhe;	/* and its DHE suites: 0 none, 1 some
					   (before any suspicion), 2 only
					   DHE (nothing else to offer) */
	int		 probe_confirm;	/* it is the DHE_CONFIRM hello */
};

/* What the DHE suites of a version are known to do (tls_enum_answer.c). */
#define DHE_UNKNOWN	0
#define DHE_SUSPECT	1	/* a failure: asked again without them */
#define DHE_CONFIRM	2	/* taken without them after a close: a
				   hello of DHE suites only tells */
#define DHE_BROKEN	3	/* the server fails on them: left out */
#define DHE_INNOCENT	4	/* not them: put back */

#define ORDQ_NONE	0	/* not sent */
#define ORDQ_FLIGHT	1
#define ORDQ_ANSWER	2	/* ordpick holds the server's pick */
#define ORDQ_FAILED	3	/* no usable answer: P_ORDER sends its own */

struct tls_enum {
	struct tls_enum_config	 cfg;
	char			 sni[256];
	uint32_t		 next_id;
	unsigned		 inflight;
	int			 aborted;
	unsigned		 answers;
	unsigned		 clean;		/* answers that were TLS/SSL */
	unsigned		 reneg_yes, reneg_no;
	struct stream		 st[ST_COUNT];
	struct tls_enum_result	 res;
	int			 dhe[TLS_V_COUNT];	/* DHE_* */
	int			 dhe_close[TLS_V_COUNT];	/* suspected
						   on a close, not an alert */
	uint8_t			 dhe_rem[TLS_V_COUNT][NBITS / 8];
						/* the DHE bits taken from
						   st[v].rem while SUSPECT */
	int			 dhe_owner[TLS_V_COUNT];	/* the stream
						   whose failure raised it */
};

static inline int
bit_get(const uint8_t *b, size_t i)
{
	return (b[i / 8] >> (i % 8)) & 1;
}

static inline void
bit_set(uint8_t *b, size_t i, int v)
{
	if (v)
		b[i / 8] = (uint8_t)(b[i / 8] | (1u << (i % 8)));
	else
		b[i / 8] = (uint8_t)(b[i / 8] & ~(1u << (i % 8)));
}

/* 2-byte TLS codes; the 3-byte ones are SSLv2 cipher kinds. */
static inline int
is_tls_code(uint32_t code)
{
	return code <= TLS_SUITE_CODE_MAX;
}

/* Is the group usable before TLS 1.3 for ECDHE (an EC curve)? */
static inline int
is_curve12(const struct tls_group *g)
{
	return g->code >= 1 && g->code <= TLS_GROUP_CURVE12_MAX;
}


/* tls_enum.c */
/* Offers the remaining suites of s (the current chunk if chunked). */
void	tls_enum_offer_rem(const struct stream *, struct tls_hello_opts *);
/* Offers the rem suites of version v's stream within [lo, hi]. */
void	tls_enum_offer_range(const struct stream *sv, unsigned lo, unsigned hi,
	    struct tls_hello_opts *);
/* Number of rem suites of sv within [lo, hi]. */
unsigned tls_enum_range_count(const struct stream *sv, unsigned lo,
	    unsigned hi);
/* Whether the codes are in ascending order (our order of offers). */
int	tls_enum_ascending(const uint16_t *, size_t);
void	tls_enum_sort_codes(uint16_t *, size_t, int desc);

/* tls_enum_answer.c */
/* Version v is enumerated: its result is final, its stream done. */
void	tls_enum_version_done(struct tls_enum *, int v);
/* Enumeration of v is complete: the order next, or done. */
void	tls_enum_version_complete(struct tls_enum *, int v);
/* Chain i (a client-order version stream or ST_SUB0 + k) is over; its
   version is complete once all its chains are. */
void	tls_enum_chain_end(struct tls_enum *, int i);
/* The DHE suspicion of version v (or -1: none) is not settled. */
int	tls_enum_dhe_open(const struct tls_enum *, int v);
/* Stream i waits: its version's DHE suspicion is open, not its own. */
int	tls_enum_dhe_waits(const struct tls_enum *, int i);
/* Stream i planned a probe (r) or none: a suspicion it owns that the
   probe cannot settle is dropped. */
void	tls_enum_dhe_planned(struct tls_enum *, int i, int r);

#endif
