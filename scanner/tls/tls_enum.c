/*
 * tls_enum.c: the enumeration planner of one target (see tls_enum.h for
 * the method).  No I/O: it hands out hellos and learns from the parsed
 * answers the engine gives back.  It trusts the answers no further than
 * the parser does: a suite or group the server picks that was not offered
 * ends that line of probing instead of being believed.
 *
 * The work is split in streams that each have at most one probe in
 * flight: one per protocol version, one for the TLS <= 1.2 ECDHE curves,
 * one for TLS_FALLBACK_SCSV, and per TLS <= 1.2 version one for the order
 * hello (every suite, in reverse), which runs alongside the enumeration
 * as soon as two picks followed our order: the answer is then ready when
 * the enumeration ends, instead of costing one more round trip after it.  Streams run in parallel, so a target has
 * up to six probes in flight at the start; the engine's limits decide.
 */
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"

#define ST_CURVES	TLS_V_COUNT
#define ST_FALLBACK	(TLS_V_COUNT + 1)
#define ST_ORD0		(TLS_V_COUNT + 2)	/* + v: order hello of v */
#define ST_COUNT	(2 * TLS_V_COUNT + 2)

#define NBITS		1024	/* > number of TLS suites in the table */
#define CHUNK		64	/* suites per hello for intolerant servers */

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
	int		 retry_wait;	/* a retry waits for the other versions */
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
	/* P_RANK */
	uint16_t	 nrank;
	uint16_t	 rank[TLS_ENUM_MAX_SUITES];
	/* TLS 1.3 groups and the curves stream: group table indices */
	uint64_t	 remg;
	int		 sdone;
	int		 gdone;
	int		 ks_mode;	/* send real key shares */
	int		 ver;		/* curves/fallback: version used */
	uint64_t	 offg;		/* curves: groups of the probe in flight */
	/* version streams: the parallel order hello (ST_ORD0 + v) */
	int		 ordq;		/* ORDQ_* */
	uint16_t	 ordpick;
	int		 desc;		/* client order seen: the order stream
					   now enumerates from the top down */
};

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
};

static int
bit_get(const uint8_t *b, size_t i)
{
	return (b[i / 8] >> (i % 8)) & 1;
}

static void
bit_set(uint8_t *b, size_t i, int v)
{
	if (v)
		b[i / 8] = (uint8_t)(b[i / 8] | (1u << (i % 8)));
	else
		b[i / 8] = (uint8_t)(b[i / 8] & ~(1u << (i % 8)));
}

/* Table index of a TLS suite code, or -1. */
static long
suite_index(uint32_t code)
{
	const struct tls_suite *s, *first;

	if ((s = tls_suite_by_code(code)) == NULL || code > 0xffff)
		return -1;
	first = tls_suite_at(0);
	return (long)(s - first);
}

static long
group_index(uint16_t code)
{
	const struct tls_group *g;
	size_t i;

	for (i = 0; (g = tls_group_at(i)) != NULL; i++)
		if (g->code == code)
			return (long)i;
	return -1;
}

/* Is the group usable before TLS 1.3 for ECDHE (an EC curve)? */
static int
is_curve12(const struct tls_group *g)
{
	return g->code >= 1 && g->code <= 30;
}

static int
is_group13(const struct tls_group *g)
{
	return g->keyshare_len > 0;
}

static void
seed_stream(struct tls_enum *e, int v)
{
	struct stream *s = &e->st[v];
	const struct tls_suite *su;
	const struct tls_group *g;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->ver = v;
	if (v < TLS_V_COUNT) {
		for (i = 0; (su = tls_suite_at(i)) != NULL && i < NBITS; i++)
			if (su->code <= 0xffff && tls_suite_fits_version(su, v))
				bit_set(s->rem, i, 1);
	}
	for (i = 0; (g = tls_group_at(i)) != NULL && i < 64; i++) {
		if ((v == TLS_V_TLS13 && is_group13(g)) ||
		    (v == ST_CURVES && is_curve12(g)))
			s->remg |= (uint64_t)1 << i;
	}
}

struct tls_enum *
tls_enum_new(const struct tls_enum_config *cfg)
{
	struct tls_enum *e;
	size_t n;
	int v;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->cfg = *cfg;
	if (e->cfg.versions == 0)
		e->cfg.versions = (1u << TLS_V_COUNT) - 1;
	if (cfg->sni != NULL && (n = strlen(cfg->sni)) < sizeof(e->sni))
		memcpy(e->sni, cfg->sni, n + 1);
	e->cfg.sni = e->sni;
	e->next_id = 1;
	for (v = 0; v < ST_COUNT; v++)
		seed_stream(e, v);
	for (v = 0; v < TLS_V_COUNT; v++) {
		e->res.server_order[v] = TLS_UNKNOWN;
		if (!(e->cfg.versions & (1u << v)))
			e->st[v].phase = P_DONE;
		else
			e->res.tested[v] = 1;
	}
	e->res.secure_renegotiation = TLS_UNKNOWN;
	e->res.compression = TLS_UNKNOWN;
	e->res.fallback_scsv = TLS_UNKNOWN;
	if (e->cfg.flags & TLS_EC_NO_GROUPS)
		e->st[ST_CURVES].phase = P_DONE;
	for (v = 0; v < TLS_V_COUNT; v++)
		if (v < TLS_V_SSL3 || v > TLS_V_TLS12 ||
		    !(e->cfg.versions & (1u << v)) ||
		    (e->cfg.flags & TLS_EC_NO_ORDER))
			e->st[ST_ORD0 + v].phase = P_DONE;
	if (e->cfg.flags & TLS_EC_NO_FALLBACK) {
		e->st[ST_FALLBACK].phase = P_DONE;
		e->res.fallback_why = TLS_FB_NOT_TESTED;
	}
	return e;
}

void
tls_enum_free(struct tls_enum **ep)
{
	if (ep == NULL || *ep == NULL)
		return;
	free(*ep);
	*ep = NULL;
}

unsigned
tls_enum_inflight(const struct tls_enum *e)
{
	return e->inflight;
}

const struct tls_enum_result *
tls_enum_result(const struct tls_enum *e)
{
	return &e->res;
}

int
tls_enum_done(const struct tls_enum *e)
{
	int i;

	if (e->inflight > 0)
		return 0;
	for (i = 0; i < ST_COUNT; i++)
		if (e->st[i].phase != P_DONE)
			return 0;
	return 1;
}

static void
add_suite(struct tls_hello_opts *h, uint32_t code)
{
	if (h->nsuites < TLS_HELLO_MAX_SUITES)
		h->suites[h->nsuites++] = code;
}

static void
add_groups(struct tls_hello_opts *h, uint64_t set)
{
	const struct tls_group *g;
	size_t i;

	h->ngroups = 0;
	for (i = 0; (g = tls_group_at(i)) != NULL && i < 64; i++)
		if ((set >> i) & 1 && h->ngroups < TLS_HELLO_MAX_GROUPS)
			h->groups[h->ngroups++] = g->code;
}

/* Offers the remaining suites of s (the current chunk if chunked). */
static void
offer_rem(const struct stream *s, struct tls_hello_opts *h)
{
	const struct tls_suite *su;
	size_t i;
	unsigned pos = 0;

	for (i = 0; (su = tls_suite_at(i)) != NULL && i < NBITS; i++) {
		if (su->code > 0xffff || !tls_suite_fits_version(su, s->ver))
			continue;
		/* chunk k is the k-th run of CHUNK suites of the version */
		if (s->chunked && pos++ / CHUNK != s->chunk)
			continue;
		if (bit_get(s->rem, i))
			add_suite(h, su->code);
	}
}

static int
rem_empty(const struct stream *s)
{
	struct tls_hello_opts h;

	h.nsuites = 0;
	offer_rem(s, &h);
	return h.nsuites == 0;
}

static unsigned
nchunks(int v)
{
	const struct tls_suite *su;
	size_t i;
	unsigned n = 0;

	for (i = 0; (su = tls_suite_at(i)) != NULL && i < NBITS; i++)
		if (su->code <= 0xffff && tls_suite_fits_version(su, v))
			n++;
	return (n + CHUNK - 1) / CHUNK;
}

static int
cmp_code_desc(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

static int
cmp_code_asc(const void *a, const void *b)
{
	return -cmp_code_desc(a, b);
}

static int
ascending(const uint16_t *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (v[i - 1] > v[i])
			return 0;
	return 1;
}

static void
fill_rnd(const struct tls_enum *e, uint32_t id, uint8_t rnd[32])
{
	size_t i;
	uint32_t x = id * 2654435761u;

	for (i = 0; i < 32; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		rnd[i] = (uint8_t)(e->cfg.seed[i] ^ (uint8_t)x);
	}
}

/* Highest accepted version, or -1. */
static int
best_version(const struct tls_enum *e)
{
	int v;

	for (v = TLS_V_TLS13; v >= 0; v--)
		if (e->res.versions[v])
			return v;
	return -1;
}

static int
all_verdicts(const struct tls_enum *e)
{
	int v;

	for (v = 0; v < TLS_V_COUNT; v++)
		if (e->res.tested[v] && !e->st[v].verdict &&
		    e->st[v].phase != P_DONE)
			return 0;
	return 1;
}

static int
ecdhe_in(const struct stream *s, uint16_t *out, size_t max)
{
	const struct tls_suite *su;
	size_t i, n = 0;

	for (i = 0; i < s->nacc && n < max; i++)
		if ((su = tls_suite_by_code(s->acc[i])) != NULL &&
		    (su->flags & TLS_SF_ECDHE))
			out[n++] = s->acc[i];
	return (int)n;
}

static void enum_complete(struct tls_enum *, int);
static void finish_version(struct tls_enum *, int);
static void order_settle(struct tls_enum *, int);
static int take_suite(struct stream *, uint16_t);

/*
 * Prepares the next probe of stream i into p, or returns 0 when the
 * stream has nothing to send now.
 */
static int
plan(struct tls_enum *e, int i, struct tls_probe *p)
{
	struct stream *s = &e->st[i];
	struct tls_hello_opts *h = &p->hello;
	const struct tls_suite *su;
	uint16_t tmp[TLS_ENUM_MAX_SUITES] = { 0 };
	size_t k;
	int n, v;

	if (s->phase == P_DONE || s->inflight != 0)
		return 0;
	memset(p, 0, sizeof(*p));
	if (i == ST_CURVES) {
		/*
		 * At the best accepted version <= 1.2, as soon as it has
		 * taken an ECDHE suite: the curves run alongside that
		 * version's suites instead of after them.  Every ECDHE suite of the
		 * table is offered, so no accepted one is needed first.
		 */
		for (v = TLS_V_TLS12; v >= TLS_V_SSL3; v--) {
			if (!e->res.tested[v])
				continue;
			if (e->res.versions[v])
				break;
			if (!e->st[v].verdict && e->st[v].phase != P_DONE)
				return 0;	/* not known yet */
		}
		if (v < TLS_V_SSL3 || s->remg == 0 ||
		    (e->st[v].phase == P_DONE && ecdhe_in(&e->st[v], tmp,
		    1) == 0)) {
			s->phase = P_DONE;
			return 0;
		}
		/* Only once an ECDHE pick shows it can succeed: no hello is
		   spent on a server without ECDHE. */
		if (ecdhe_in(&e->st[v], tmp, 1) == 0)
			return 0;
		s->ver = v;
		tls_hello_defaults(h, v, e->sni);
		for (k = 0; (su = tls_suite_at(k)) != NULL; k++)
			if (su->code <= 0xffff && (su->flags & TLS_SF_ECDHE) &&
			    tls_suite_fits_version(su, v))
				add_suite(h, su->code);
		add_groups(h, s->remg);
		s->offg = s->remg;
		p->parse_flags = TLS_PARSE_FLIGHT;
		return 1;
	}
	if (i == ST_FALLBACK) {
		if (!all_verdicts(e))
			return 0;
		v = best_version(e);
		for (n = v - 1; n >= TLS_V_SSL3; n--)
			if (e->res.versions[n] && n <= TLS_V_TLS12 &&
			    e->st[n].nacc > 0)
				break;
		if (v < 0 || n < TLS_V_SSL3) {
			s->phase = P_DONE;
			e->res.fallback_why = TLS_FB_ONE_VERSION;
			return 0;
		}
		s->ver = n;
		tls_hello_defaults(h, n, e->sni);
		for (k = 0; k < e->st[n].nacc; k++)
			add_suite(h, e->st[n].acc[k]);
		h->flags |= TLS_HO_FALLBACK_SCSV;
		return 1;
	}
	if (i >= ST_ORD0) {
		struct stream *sv = &e->st[i - ST_ORD0];

		v = i - ST_ORD0;
		if (sv->phase != P_ENUM || sv->chunked ||
		    (sv->verdict && !e->res.versions[v])) {
			s->phase = P_DONE;
			return 0;
		}
		if (sv->desc) {
			/*
			 * The server takes the client's order: while the
			 * version stream picks from the bottom, this one
			 * offers the rest highest first and picks from the
			 * top, halving the round trips.
			 */
			tls_hello_defaults(h, v, e->sni);
			h->flags |= TLS_HO_DEFLATE | TLS_HO_OCSP;
			p->parse_flags = TLS_PARSE_FLIGHT;
			offer_rem(sv, h);
			for (k = 0; k < h->nsuites / 2; k++) {
				uint32_t x = h->suites[k];

				h->suites[k] = h->suites[h->nsuites - 1 - k];
				h->suites[h->nsuites - 1 - k] = x;
			}
			if (h->nsuites == 0) {
				s->phase = P_DONE;
				return 0;
			}
			return 1;
		}
		/* Only while two picks or more followed our order. */
		if (sv->nacc < 2 || !ascending(sv->acc, sv->nacc) ||
		    sv->ordq != ORDQ_NONE)
			return 0;
		tls_hello_defaults(h, v, e->sni);
		h->flags |= TLS_HO_DEFLATE | TLS_HO_OCSP;
		p->parse_flags = TLS_PARSE_FLIGHT;
		for (k = 0, n = 0; (su = tls_suite_at(k)) != NULL &&
		    k < NBITS && n < TLS_ENUM_MAX_SUITES; k++)
			if (su->code <= 0xffff &&
			    tls_suite_fits_version(su, v))
				tmp[n++] = (uint16_t)su->code;
		qsort(tmp, (size_t)n, sizeof(tmp[0]), cmp_code_desc);
		for (k = 0; k < (size_t)n; k++)
			add_suite(h, tmp[k]);
		sv->ordq = ORDQ_FLIGHT;
		return 1;
	}
	/* A version stream. */
	v = i;
	/* The order hello in flight will settle the order. */
	if (s->phase == P_ORDER && s->ordq == ORDQ_FLIGHT)
		return 0;
	if (s->retry_wait) {
		/*
		 * Retry (chunked, or with key shares) only once every version
		 * has answered, and only if some answer was TLS at all: a
		 * server that sends garbage to every hello is not intolerant.
		 */
		for (n = 0; n < TLS_V_COUNT; n++)
			if (e->res.tested[n] && !e->st[n].first_done)
				return 0;
		s->retry_wait = 0;
		if (e->clean == 0) {
			enum_complete(e, v);
			return 0;
		}
	}
	tls_hello_defaults(h, v, e->sni);
	if (v == TLS_V_SSL2) {
		for (k = 0; (su = tls_suite_at(k)) != NULL; k++)
			if (su->flags & TLS_SF_SSL2)
				add_suite(h, su->code);
		p->parse_flags = TLS_PARSE_SSL2;
		return 1;
	}
	if (v != TLS_V_TLS13) {
		h->flags |= TLS_HO_DEFLATE | TLS_HO_OCSP;
		p->parse_flags = TLS_PARSE_FLIGHT;
	}
	switch (s->phase) {
	case P_ENUM:
		if (v != TLS_V_TLS13) {
			offer_rem(s, h);
			break;
		}
		/* TLS 1.3: empty key_share, so the answer is an HRR. */
		if (s->mode == M_GROUPS || s->sdone)
			for (k = 0; k < s->nacc; k++)
				add_suite(h, s->acc[k]);
		else
			offer_rem(s, h);
		if (s->mode == M_SUITES || s->gdone) {
			h->ngroups = 0;
			for (k = 0; k < e->res.ngroups13; k++)
				h->groups[h->ngroups++] = e->res.groups13[k];
		} else
			add_groups(h, s->remg);
		if (s->ks_mode) {
			for (k = 0; k < h->ngroups && h->nshares < 2; k++)
				if (h->groups[k] == 29 || h->groups[k] == 23)
					h->shares[h->nshares++] = h->groups[k];
		}
		break;
	case P_RANK:
		for (k = 0; k < s->nacc; k++)
			tmp[k] = s->acc[k];
		qsort(tmp, s->nacc, sizeof(tmp[0]), cmp_code_desc);
		/* unranked ones, ascending (our usual order) */
		for (k = s->nacc; k-- > 0;) {
			size_t j;
			int ranked = 0;

			for (j = 0; j < s->nrank; j++)
				if (s->rank[j] == tmp[k])
					ranked = 1;
			if (!ranked)
				add_suite(h, tmp[k]);
		}
		break;
	case P_ORDER:
		for (k = 0; k < s->nacc; k++)
			tmp[k] = s->acc[k];
		qsort(tmp, s->nacc, sizeof(tmp[0]), cmp_code_desc);
		for (k = 0; k < s->nacc; k++)
			add_suite(h, tmp[k]);
		if (v == TLS_V_TLS13) {
			h->ngroups = 0;
			for (k = 0; k < e->res.ngroups13; k++)
				h->groups[h->ngroups++] = e->res.groups13[k];
		}
		break;
	default:
		return 0;
	}
	if (h->nsuites == 0) {
		/* nothing left to offer: this phase is over */
		if (s->phase == P_ENUM)
			enum_complete(e, v);
		else
			s->phase = P_DONE;
		return 0;
	}
	return 1;
}

/*
 * The j-th stream to ask for a probe.  The long chains go first (TLS 1.2
 * and 1.3 take a hello per accepted suite, one after the other), so the
 * one-hello refusals of old versions fill the slots they leave instead of
 * delaying them by a round trip.
 */
static int
stream_priority(int j)
{
	static const int order[ST_COUNT] = {
		TLS_V_TLS12, TLS_V_TLS13, ST_ORD0 + TLS_V_TLS12, ST_CURVES,
		TLS_V_TLS11, TLS_V_TLS10, TLS_V_SSL3, TLS_V_SSL2,
		ST_ORD0 + TLS_V_TLS11, ST_ORD0 + TLS_V_TLS10,
		ST_ORD0 + TLS_V_SSL3, ST_FALLBACK,
		ST_ORD0 + TLS_V_SSL2, ST_ORD0 + TLS_V_TLS13
	};

	return order[j];
}

int
tls_enum_next(struct tls_enum *e, struct tls_probe *p)
{
	int i, j, pass;

	/*
	 * plan() may finish a stream and so unblock another (fallback and
	 * curves wait for the versions): a few passes reach a fixed point.
	 */
	for (pass = 0; pass < 4 && !e->aborted; pass++) {
		for (j = 0; j < ST_COUNT; j++) {
			i = stream_priority(j);
			if (!plan(e, i, p))
				continue;
			p->id = e->next_id++;
			fill_rnd(e, p->id, p->hello.rnd);
			e->st[i].inflight = p->id;
			e->inflight++;
			return TLS_ENUM_PROBE;
		}
	}
	if (e->inflight == 0 && !tls_enum_done(e)) {
		/*
		 * Nothing in flight and nothing to send would hang the
		 * engine: end every stream with what it knows.
		 */
		for (i = 0; i < ST_COUNT; i++) {
			if (e->st[i].phase == P_DONE)
				continue;
			if (i < TLS_V_COUNT && e->st[i].phase == P_ENUM)
				finish_version(e, i);
			e->st[i].phase = P_DONE;
		}
	}
	return tls_enum_done(e) ? TLS_ENUM_DONE : TLS_ENUM_WAIT;
}

static void
add_group_res(uint16_t *list, uint16_t *n, uint16_t code)
{
	uint16_t i;

	for (i = 0; i < *n; i++)
		if (list[i] == code)
			return;
	if (*n < TLS_ENUM_MAX_GROUPS * 2)
		list[(*n)++] = code;
}

/* Facts every TLS <= 1.2 ServerHello tells, whatever probe it answers. */
static void
observe(struct tls_enum *e, const struct tls_answer *a)
{
	const struct tls_group *g;
	long gi;

	if (a->kind != TLS_ANS_SERVER_HELLO || a->version >= 0x0304)
		return;
	if (a->ext & TLS_AX_RENEG)
		e->reneg_yes++;
	else
		e->reneg_no++;
	e->res.secure_renegotiation = e->reneg_yes > 0 ? 1 : 0;
	if (a->compression != 0)
		e->res.compression = 1;
	else if (e->res.compression == TLS_UNKNOWN)
		e->res.compression = 0;
	if (a->ext & TLS_AX_EMS)
		e->res.ems = 1;
	if (a->ext & TLS_AX_STATUS_REQUEST)
		e->res.ocsp_stapling = 1;
	if (a->dh_bits > 0 &&
	    (e->res.dh_bits == 0 || a->dh_bits < e->res.dh_bits))
		e->res.dh_bits = a->dh_bits;
	/* The curve of an ECDHE pick: the first curve, for free. */
	if (a->ske_group != 0 && (g = tls_group_by_code(a->ske_group)) != NULL &&
	    is_curve12(g) && (gi = group_index(a->ske_group)) >= 0 &&
	    ((e->st[ST_CURVES].remg >> gi) & 1)) {
		e->st[ST_CURVES].remg &= ~((uint64_t)1 << gi);
		add_group_res(e->res.curves12, &e->res.ncurves12, a->ske_group);
		add_group_res(e->res.groups, &e->res.ngroups, a->ske_group);
	}
}

static int
refused(int outcome, const struct tls_answer *a)
{
	return outcome != TLS_OUT_ANSWER || a == NULL ||
	    a->kind == TLS_ANS_ALERT || a->kind == TLS_ANS_SSL2_ERROR ||
	    a->kind == TLS_ANS_NONE;
}

static void
finish_version(struct tls_enum *e, int v)
{
	struct stream *s = &e->st[v];
	size_t k;

	s->phase = P_DONE;
	s->verdict = 1;
	e->res.versions[v] = s->nacc > 0;
	e->res.nsuites[v] = s->nacc;
	for (k = 0; k < s->nacc; k++)
		e->res.suites[v][k] = s->acc[k];
}

/*
 * The order hello (all suites, highest code first) was answered: a server
 * that follows the client picks the highest accepted code, one with its
 * own order its favourite, which our ascending picks showed is the lowest.
 */
static void
order_settle(struct tls_enum *e, int v)
{
	struct stream *s = &e->st[v];
	uint16_t maxc = 0;
	size_t k;
	int in = 0;

	s->phase = P_DONE;
	for (k = 0; k < s->nacc; k++) {
		if (s->acc[k] > maxc)
			maxc = s->acc[k];
		if (s->acc[k] == s->ordpick)
			in = 1;
	}
	/* a pick outside the accepted set proves nothing */
	if (in)
		e->res.server_order[v] = s->ordpick == maxc ? 0 : 1;
}

static void
answer_order(struct tls_enum *e, int v, int outcome,
    const struct tls_answer *a)
{
	struct stream *s = &e->st[v];
	int ok;

	ok = !refused(outcome, a) && a->kind == TLS_ANS_SERVER_HELLO &&
	    a->version == tls_version_wire(v);
	if (s->desc) {
		/* A pick the version stream made meanwhile is no news. */
		if (!ok || s->phase != P_ENUM)
			e->st[ST_ORD0 + v].phase = P_DONE;
		else {
			(void)take_suite(s, a->suite);
			if (rem_empty(s))
				e->st[ST_ORD0 + v].phase = P_DONE;
		}
		return;
	}
	e->st[ST_ORD0 + v].phase = P_DONE;
	if (!ok) {
		s->ordq = ORDQ_FAILED;	/* P_ORDER asks once more */
		return;
	}
	s->ordq = ORDQ_ANSWER;
	s->ordpick = a->suite;
	if (s->phase == P_ORDER)
		order_settle(e, v);
	else if (v == TLS_V_TLS12 && s->phase == P_ENUM && !s->chunked &&
	    s->nacc > 0 && a->suite != s->acc[0] &&
	    ascending(s->acc, s->nacc)) {
		/*
		 * The same full offer, reversed, got another pick: the
		 * server follows the client's order (one with an order of
		 * its own picks its favourite from the same set twice).
		 * Only TLS 1.2, the longest chain: older versions run
		 * alongside it anyway, and the second end costs a hello.
		 */
		s->desc = 1;
		e->st[ST_ORD0 + v].phase = P_ENUM;
	}
}

/* Enumeration of v is complete: order next, or done. */
static void
enum_complete(struct tls_enum *e, int v)
{
	struct stream *s = &e->st[v];

	if (s->desc) {
		/* Client order, found from both ends: report it ascending,
		   the order of our offers. */
		qsort(s->acc, s->nacc, sizeof(s->acc[0]), cmp_code_asc);
		finish_version(e, v);
		e->res.server_order[v] = 0;
		return;
	}
	finish_version(e, v);
	if (s->nacc < 2 || (e->cfg.flags & TLS_EC_NO_ORDER))
		return;
	if (s->chunked) {
		s->phase = P_RANK;
		s->nrank = 0;
		return;
	}
	if (!ascending(s->acc, s->nacc)) {
		/* Picks against our order: the server's own order. */
		e->res.server_order[v] = 1;
		return;
	}
	s->phase = P_ORDER;
	if (s->ordq == ORDQ_ANSWER)
		order_settle(e, v);
}

static int
take_suite(struct stream *s, uint16_t code)
{
	long i;

	if ((i = suite_index(code)) < 0 || i >= NBITS ||
	    !bit_get(s->rem, (size_t)i) || s->nacc >= TLS_ENUM_MAX_SUITES)
		return -1;
	bit_set(s->rem, (size_t)i, 0);
	s->acc[s->nacc++] = code;
	return 0;
}

static void
answer_ssl2(struct tls_enum *e, int outcome, const struct tls_answer *a)
{
	struct stream *s = &e->st[TLS_V_SSL2];
	size_t k;

	s->phase = P_DONE;
	s->verdict = 1;
	if (outcome == TLS_OUT_ANSWER && a != NULL &&
	    a->kind == TLS_ANS_SSL2_HELLO) {
		e->res.versions[TLS_V_SSL2] = 1;
		for (k = 0; k < a->ssl2_nkinds &&
		    k < TLS_ENUM_MAX_SUITES; k++)
			e->res.suites[TLS_V_SSL2][k] = a->ssl2_kinds[k];
		e->res.nsuites[TLS_V_SSL2] = (uint16_t)k;
	}
}

static void
answer_tls12(struct tls_enum *e, int v, int outcome,
    const struct tls_answer *a)
{
	struct stream *s = &e->st[v];
	size_t k;
	uint16_t tmp[TLS_ENUM_MAX_SUITES] = { 0 };
	int ok;

	ok = !refused(outcome, a) && a->kind == TLS_ANS_SERVER_HELLO &&
	    a->version == tls_version_wire(v);
	switch (s->phase) {
	case P_ENUM:
		if (ok && take_suite(s, a->suite) == 0) {
			if (s->chunked)
				s->chunk_ok = 1;
			s->verdict = 1;
			e->res.versions[v] = 1;
			if (rem_empty(s) && (!s->chunked ||
			    ++s->chunk >= nchunks(v)))
				enum_complete(e, v);
			return;
		}
		if (ok) {
			/* Picked a suite we did not offer: stop here. */
			enum_complete(e, v);
			return;
		}
		if (a != NULL && a->kind == TLS_ANS_SERVER_HELLO) {
			/* Answered at another version: v not accepted. */
			enum_complete(e, v);
			return;
		}
		if (a != NULL && a->kind == TLS_ANS_ALERT &&
		    a->alert_desc == TLS_ALERT_PROTOCOL_VERSION) {
			/* says so: not this version, whatever the size */
			enum_complete(e, v);
			return;
		}
		if (s->nacc == 0 && !s->chunked && outcome != TLS_OUT_ANSWER &&
		    outcome != TLS_OUT_CONNECT) {
			/* Maybe intolerant of a big hello: try chunks. */
			s->chunked = 1;
			s->chunk = 0;
			s->retry_wait = 1;
			return;
		}
		if (s->chunked) {
			if (outcome == TLS_OUT_ANSWER)
				s->chunk_ok = 1;
			if (!s->chunk_ok || ++s->chunk >= nchunks(v)) {
				enum_complete(e, v);
				return;
			}
			return;
		}
		enum_complete(e, v);
		return;
	case P_RANK:
		if (!ok) {
			s->phase = P_DONE;
			return;
		}
		for (k = 0; k < s->nacc; k++)
			if (s->acc[k] == a->suite)
				break;
		if (k == s->nacc) {
			s->phase = P_DONE;
			return;
		}
		s->rank[s->nrank++] = a->suite;
		if (s->nrank + 1 == s->nacc) {
			/* the last one needs no hello */
			for (k = 0; k < s->nacc; k++) {
				size_t j;
				int ranked = 0;

				for (j = 0; j < s->nrank; j++)
					if (s->rank[j] == s->acc[k])
						ranked = 1;
				if (!ranked)
					tmp[0] = s->acc[k];
			}
			s->rank[s->nrank++] = tmp[0];
			memcpy(s->acc, s->rank, s->nacc * sizeof(s->acc[0]));
			for (k = 0; k < s->nacc; k++)
				e->res.suites[v][k] = s->acc[k];
			if (!ascending(s->acc, s->nacc)) {
				e->res.server_order[v] = 1;
				s->phase = P_DONE;
			} else
				s->phase = P_ORDER;
		}
		return;
	case P_ORDER:
		s->phase = P_DONE;
		if (!ok)
			return;
		for (k = 0, tmp[0] = 0, tmp[1] = 0; k < s->nacc; k++) {
			if (s->acc[k] > tmp[0])
				tmp[0] = s->acc[k];
			if (s->acc[k] == a->suite)
				tmp[1] = 1;
		}
		/* a pick outside the accepted set proves nothing */
		if (tmp[1])
			e->res.server_order[v] = a->suite == tmp[0] ? 0 : 1;
		return;
	default:
		return;
	}
}

static void
answer_tls13(struct tls_enum *e, int outcome, const struct tls_answer *a)
{
	struct stream *s = &e->st[TLS_V_TLS13];
	const int v = TLS_V_TLS13;
	long gi;
	int ok, mode = s->mode;
	uint16_t maxc = 0;
	size_t k;

	ok = !refused(outcome, a) &&
	    (a->kind == TLS_ANS_HRR || a->kind == TLS_ANS_SERVER_HELLO) &&
	    a->version == 0x0304;
	if (s->phase == P_ORDER) {
		s->phase = P_DONE;
		if (!ok)
			return;
		for (k = 0, ok = 0; k < s->nacc; k++) {
			if (s->acc[k] > maxc)
				maxc = s->acc[k];
			if (s->acc[k] == a->suite)
				ok = 1;
		}
		if (ok)
			e->res.server_order[v] = a->suite == maxc ? 0 : 1;
		return;
	}
	s->mode = M_BOTH;
	if (!ok) {
		if (s->nacc == 0) {
			if (!s->ks_mode && outcome != TLS_OUT_ANSWER &&
			    outcome != TLS_OUT_CONNECT) {
				/* Maybe the empty key_share: real shares. */
				s->ks_mode = 1;
				s->retry_wait = 1;
				return;
			}
			enum_complete(e, v);
			return;
		}
		if (mode == M_SUITES || s->gdone)
			s->sdone = 1;
		else if (mode == M_GROUPS || s->sdone)
			s->gdone = 1;
		else {
			/*
			 * Both sides may be exhausted: test the side with
			 * more left first, its success proves the other.
			 */
			struct tls_hello_opts h;

			h.nsuites = 0;
			offer_rem(s, &h);
			s->mode = (unsigned)__builtin_popcountll(s->remg) >
			    h.nsuites ? M_GROUPS : M_SUITES;
		}
		goto check;
	}
	/* an answer: a suite (unless we offered known ones) and a group */
	if (mode != M_GROUPS && !s->sdone) {
		if (take_suite(s, a->suite) != 0) {
			enum_complete(e, v);
			s->phase = P_DONE;
			return;
		}
	}
	if (mode != M_SUITES && !s->gdone) {
		if ((gi = group_index(a->group)) < 0 || gi >= 64 ||
		    !((s->remg >> gi) & 1)) {
			s->gdone = 1;	/* not offered: believe nothing */
		} else {
			s->remg &= ~((uint64_t)1 << gi);
			add_group_res(e->res.groups13, &e->res.ngroups13,
			    a->group);
			add_group_res(e->res.groups, &e->res.ngroups,
			    a->group);
		}
	}
	/* A test of one side that succeeded proves the other exhausted. */
	if (mode == M_SUITES)
		s->gdone = 1;
	else if (mode == M_GROUPS)
		s->sdone = 1;
	if (e->cfg.flags & TLS_EC_NO_GROUPS)
		s->gdone = 1;
	if (rem_empty(s))
		s->sdone = 1;
	if (s->remg == 0)
		s->gdone = 1;
 check:
	s->verdict = 1;
	e->res.versions[v] = s->nacc > 0;
	if (s->sdone && s->gdone)
		enum_complete(e, v);
}

static void
answer_curves(struct tls_enum *e, int outcome, const struct tls_answer *a)
{
	struct stream *s = &e->st[ST_CURVES];
	long gi;

	/*
	 * Only a curve we offered counts; anything else ends the stream.
	 * The suite streams may have seen the same curve meanwhile: then
	 * it is simply not new.
	 */
	if (refused(outcome, a) || a->kind != TLS_ANS_SERVER_HELLO ||
	    (gi = group_index(a->ske_group)) < 0 || gi >= 64 ||
	    !((s->offg >> gi) & 1)) {
		s->phase = P_DONE;
		return;
	}
	s->remg &= ~((uint64_t)1 << gi);
	add_group_res(e->res.curves12, &e->res.ncurves12, a->ske_group);
	add_group_res(e->res.groups, &e->res.ngroups, a->ske_group);
	if (s->remg == 0)
		s->phase = P_DONE;
}

static void
answer_fallback(struct tls_enum *e, int outcome, const struct tls_answer *a)
{
	e->st[ST_FALLBACK].phase = P_DONE;
	e->res.fallback_why = TLS_FB_NONE;
	if (outcome != TLS_OUT_ANSWER || a == NULL)
		e->res.fallback_why = TLS_FB_NO_ANSWER;
	else if (a->kind == TLS_ANS_ALERT &&
	    a->alert_desc == TLS_ALERT_INAPPROPRIATE_FALLBACK)
		e->res.fallback_scsv = 1;
	else if (a->kind == TLS_ANS_SERVER_HELLO)
		e->res.fallback_scsv = 0;
	else if (a->kind == TLS_ANS_ALERT)
		e->res.fallback_why = TLS_FB_OTHER_ALERT;
	else
		e->res.fallback_why = TLS_FB_NO_ANSWER;
}

int
tls_enum_answer(struct tls_enum *e, uint32_t id, int outcome,
    const struct tls_answer *a)
{
	int i;

	if (id == 0)
		return -1;
	for (i = 0; i < ST_COUNT; i++)
		if (e->st[i].inflight == id)
			break;
	if (i == ST_COUNT)
		return -1;
	e->st[i].inflight = 0;
	e->inflight--;
	e->res.connections++;
	if (outcome != TLS_OUT_ANSWER)
		a = NULL;
	if (a == NULL)
		e->res.failures++;
	if (outcome == TLS_OUT_CONNECT && e->answers == 0) {
		/* Nothing answers there at all: stop the whole target. */
		e->aborted = 1;
		e->res.error = TLS_OUT_CONNECT;
		for (i = 0; i < ST_COUNT; i++)
			e->st[i].phase = P_DONE;
		goto out;
	}
	if (a != NULL) {
		e->answers++;
		if (a->kind != TLS_ANS_NONE)
			e->clean++;
	}
	if (i < TLS_V_COUNT)
		e->st[i].first_done = 1;
	if (e->aborted)
		goto out;
	if (a != NULL && i < TLS_V_COUNT)
		observe(e, a);
	if (i == TLS_V_SSL2)
		answer_ssl2(e, outcome, a);
	else if (i == TLS_V_TLS13)
		answer_tls13(e, outcome, a);
	else if (i < TLS_V_COUNT)
		answer_tls12(e, i, outcome, a);
	else if (i == ST_CURVES)
		answer_curves(e, outcome, a);
	else if (i >= ST_ORD0)
		answer_order(e, i - ST_ORD0, outcome, a);
	else
		answer_fallback(e, outcome, a);
 out:
	e->res.floor = tls_enum_floor(&e->res);
	return 0;
}

uint32_t
tls_enum_floor(const struct tls_enum_result *r)
{
	uint32_t n = 0, accepted = 0, g;
	int v;

	for (v = 0; v < TLS_V_COUNT; v++) {
		if (!r->tested[v])
			continue;
		if (r->versions[v])
			accepted++;
		if (v == TLS_V_SSL2 || !r->versions[v])
			n += 1;
		else if (v == TLS_V_TLS13) {
			g = r->ngroups13 > r->nsuites[v] ? r->ngroups13 :
			    r->nsuites[v];
			n += g + 2;
		} else
			n += (uint32_t)r->nsuites[v] + 1;
	}
	n += r->ncurves12;
	if (accepted >= 2)
		n++;
	return n;
}

const char *
tls_fallback_reason(const struct tls_enum_result *r)
{
	if (r->fallback_scsv != TLS_UNKNOWN)
		return NULL;
	switch (r->fallback_why) {
	case TLS_FB_ONE_VERSION:
		return "fewer than two protocol versions accepted";
	case TLS_FB_NOT_TESTED:
		return "not tested";
	case TLS_FB_NO_ANSWER:
		return "no answer to the fallback hello";
	case TLS_FB_OTHER_ALERT:
		return "the fallback hello was refused with another alert";
	default:
		return "not tested";
	}
}

const char *
tls_group_name(uint16_t code)
{
	const struct tls_group *g;

	return (g = tls_group_by_code(code)) != NULL ? g->name : NULL;
}
