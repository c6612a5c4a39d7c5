/*
 * tls_enum.c: the enumeration planner of one target (see tls_enum.h for
 * the method): its streams, and the hello each sends next (plan_*()).
 * No I/O: it hands out hellos; tls_enum_answer.c learns from the parsed
 * answers the engine gives back.
 *
 * The work is split in streams that each have at most one probe in
 * flight: one per protocol version, one for the TLS <= 1.2 ECDHE curves,
 * one for TLS_FALLBACK_SCSV, per version one for the order hello (TLS
 * <= 1.2: every suite, in reverse, as soon as two picks followed our
 * order; TLS 1.3: the accepted suites once known, while the groups go
 * on), whose answer is then ready when the enumeration ends instead of
 * costing a round trip after it, and NSUB extra chains that idle slots
 * give to client-order versions (split_chain()).  Streams run in
 * parallel, so a target has up to six probes in flight at the start; the
 * engine's limits decide, and tls_enum_next() is asked whenever one of
 * the target's slots is free: a call that finds nothing else to send is
 * an idle slot.
 */
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_enum_state.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"

/* Real key shares of a TLS 1.3 retry: x25519 and secp256r1 (offer_tls13). */
#define KS_SHARES	2
/*
 * Passes of tls_enum_next() over the streams.  plan() may end a stream
 * and so unblock one that comes before it in stream_priority() (the
 * curves and the fallback wait for the versions' verdicts), which can
 * then only go out in the next pass.  The chains are short (a version,
 * then the curves or the fallback): a few passes reach the fixed point.
 */
#define PLAN_PASSES	4
/*
 * A chain is split only when the suites it is expected still to find
 * (what is left of its interval times the share of suites taken among
 * those settled so far) are at least this many: each split costs one
 * more refused hello at the end.
 */
#define SPLIT_MIN	3.0
/* Knuth's multiplicative hash constant (2^32 / phi): spreads probe ids. */
#define ID_MIX		2654435761u

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
			if (is_tls_code(su->code) &&
			    tls_suite_fits_version(su, v))
				bit_set(s->rem, i, 1);
	}
	for (i = 0; (g = tls_group_at(i)) != NULL && i < GROUP_BITS; i++) {
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
		if (v < TLS_V_SSL3 || !(e->cfg.versions & (1u << v)) ||
		    (e->cfg.flags & TLS_EC_NO_ORDER))
			e->st[ST_ORD0 + v].phase = P_DONE;
	for (v = ST_SUB0; v < ST_COUNT; v++)
		e->st[v].phase = P_DONE;
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
	for (i = 0; (g = tls_group_at(i)) != NULL && i < GROUP_BITS; i++)
		if ((set >> i) & 1 && h->ngroups < TLS_HELLO_MAX_GROUPS)
			h->groups[h->ngroups++] = g->code;
}

/* Offers the remaining suites of s (the current chunk if chunked). */
void
tls_enum_offer_rem(const struct stream *s, struct tls_hello_opts *h)
{
	const struct tls_suite *su;
	size_t i;
	unsigned pos = 0;

	for (i = 0; (su = tls_suite_at(i)) != NULL && i < NBITS; i++) {
		if (!is_tls_code(su->code) ||
		    !tls_suite_fits_version(su, s->ver))
			continue;
		/* chunk k is the k-th run of CHUNK suites of the version */
		if (s->chunked && pos++ / CHUNK != s->chunk)
			continue;
		if (bit_get(s->rem, i))
			add_suite(h, su->code);
	}
}

void
tls_enum_offer_range(const struct stream *sv, unsigned lo, unsigned hi,
    struct tls_hello_opts *h)
{
	const struct tls_suite *su;
	size_t i;

	for (i = lo; i <= hi && (su = tls_suite_at(i)) != NULL && i < NBITS;
	    i++)
		if (bit_get(sv->rem, i))
			add_suite(h, su->code);
}

unsigned
tls_enum_range_count(const struct stream *sv, unsigned lo, unsigned hi)
{
	size_t i;
	unsigned n = 0;

	for (i = lo; i <= hi && i < NBITS; i++)
		n += (unsigned)bit_get(sv->rem, i);
	return n;
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

void
tls_enum_sort_codes(uint16_t *v, size_t n, int desc)
{
	qsort(v, n, sizeof(v[0]), desc ? cmp_code_desc : cmp_code_asc);
}

int
tls_enum_ascending(const uint16_t *v, size_t n)
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
	uint32_t x = id * ID_MIX;

	/* xorshift32 (Marsaglia's 13, 17, 5): a different stream per id. */
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

/* The accepted suites sorted by code, highest first when desc. */
static void
accepted_sorted(const struct stream *s, uint16_t *out, int desc)
{
	memcpy(out, s->acc, s->nacc * sizeof(s->acc[0]));
	tls_enum_sort_codes(out, s->nacc, desc);
}

static void
reverse_suites(struct tls_hello_opts *h)
{
	uint32_t x;
	size_t k;

	for (k = 0; k < h->nsuites / 2; k++) {
		x = h->suites[k];
		h->suites[k] = h->suites[h->nsuites - 1 - k];
		h->suites[h->nsuites - 1 - k] = x;
	}
}

/* Every suite of the table that v can carry and that has all flags. */
static void
offer_table(struct tls_hello_opts *h, int v, uint32_t flags)
{
	const struct tls_suite *su;
	size_t k;

	for (k = 0; (su = tls_suite_at(k)) != NULL; k++)
		if ((su->flags & flags) == flags &&
		    tls_suite_fits_version(su, v))
			add_suite(h, su->code);
}

static void
offer_accepted(const struct stream *s, struct tls_hello_opts *h)
{
	size_t k;

	for (k = 0; k < s->nacc; k++)
		add_suite(h, s->acc[k]);
}

/* The TLS 1.3 groups found so far. */
static void
offer_groups13(const struct tls_enum *e, struct tls_hello_opts *h)
{
	size_t k;

	h->ngroups = 0;
	for (k = 0; k < e->res.ngroups13; k++)
		h->groups[h->ngroups++] = e->res.groups13[k];
}

/*
 * The ECDHE curves of TLS <= 1.2, one removed per hello, at the best
 * accepted version <= 1.2.  Every ECDHE suite of the table is offered, so
 * no accepted one is needed first; but the stream starts only once that
 * version has taken an ECDHE suite (no hello is spent on a server without
 * ECDHE), and then runs alongside its suites instead of after them.
 */
static int
plan_curves(struct tls_enum *e, struct tls_probe *p)
{
	struct stream *s = &e->st[ST_CURVES];
	int v;

	for (v = TLS_V_TLS12; v >= TLS_V_SSL3; v--) {
		if (!e->res.tested[v])
			continue;
		if (e->res.versions[v])
			break;
		if (!e->st[v].verdict && e->st[v].phase != P_DONE)
			return 0;	/* not known yet */
	}
	if (v < TLS_V_SSL3 || s->remg == 0 ||
	    (e->st[v].phase == P_DONE && !e->st[v].took_ecdhe)) {
		s->phase = P_DONE;
		return 0;
	}
	if (!e->st[v].took_ecdhe)
		return 0;
	s->ver = v;
	tls_hello_defaults(&p->hello, v, e->sni);
	offer_table(&p->hello, v, TLS_SF_ECDHE);
	add_groups(&p->hello, s->remg);
	s->offg = s->remg;
	p->parse_flags = TLS_PARSE_FLIGHT;
	return 1;
}

/* Every suite version v can carry: the first hello of its stream. */
static void
offer_initial(struct tls_hello_opts *h, int v)
{
	const struct tls_suite *su;
	size_t i;

	for (i = 0; (su = tls_suite_at(i)) != NULL && i < NBITS; i++)
		if (is_tls_code(su->code) && tls_suite_fits_version(su, v))
			add_suite(h, su->code);
}

/*
 * TLS_FALLBACK_SCSV, once every version has its verdict: one hello at the
 * second-best accepted version (<= 1.2).  A server that speaks the best
 * one must refuse it (RFC 7507).  It is the first hello of that version
 * again (every suite) when the server took that one, so a close in
 * answer is told apart from a hello the server never takes; otherwise the
 * suites the version took, and then a close costs one more hello, the
 * same without the SCSV (the control).
 */
static int
plan_fallback(struct tls_enum *e, struct tls_probe *p)
{
	struct stream *s = &e->st[ST_FALLBACK];
	int v, n;

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
	tls_hello_defaults(&p->hello, n, e->sni);
	if (e->st[n].first_ok) {
		p->hello.flags |= TLS_HO_DEFLATE | TLS_HO_OCSP;
		p->parse_flags = TLS_PARSE_FLIGHT;
		offer_initial(&p->hello, n);
	} else
		offer_accepted(&e->st[n], &p->hello);
	if (!s->control)
		p->hello.flags |= TLS_HO_FALLBACK_SCSV;
	return 1;
}

/*
 * The order stream of version v, alongside its enumeration.  While two
 * picks or more followed our (ascending) order: one hello with every
 * suite v can carry, highest code first, whose pick tells the two kinds
 * of server apart (answer_order()).  A server that takes the client's
 * order picks the highest suite it has: that pick is a suite found, and
 * the version is then enumerated as chains (plan_chain()).
 */
/*
 * The order hello of TLS 1.3 (the accepted suites, highest first) goes
 * out as soon as the suites are known, alongside the groups, which take
 * a hello each: not one round trip after them.
 */
static int
plan_order13(struct tls_enum *e, struct tls_probe *p)
{
	struct stream *s = &e->st[ST_ORD0 + TLS_V_TLS13];
	struct stream *sv = &e->st[TLS_V_TLS13];
	uint16_t sorted[TLS_ENUM_MAX_SUITES];
	size_t k;

	if (sv->phase != P_ENUM || (sv->verdict && !sv->nacc)) {
		s->phase = P_DONE;
		return 0;
	}
	if (!sv->sdone || sv->gdone || sv->nacc < 2 ||
	    !tls_enum_ascending(sv->acc, sv->nacc) || sv->ordq != ORDQ_NONE)
		return 0;
	tls_hello_defaults(&p->hello, TLS_V_TLS13, e->sni);
	accepted_sorted(sv, sorted, 1);
	for (k = 0; k < sv->nacc; k++)
		add_suite(&p->hello, sorted[k]);
	offer_groups13(e, &p->hello);
	sv->ordq = ORDQ_FLIGHT;
	return 1;
}

static int
plan_order(struct tls_enum *e, int v, struct tls_probe *p)
{
	struct stream *s = &e->st[ST_ORD0 + v], *sv = &e->st[v];
	struct tls_hello_opts *h = &p->hello;

	if (v == TLS_V_TLS13)
		return plan_order13(e, p);
	if (sv->phase != P_ENUM || sv->chunked || sv->desc ||
	    (sv->verdict && !e->res.versions[v])) {
		s->phase = P_DONE;
		return 0;
	}
	if (sv->nacc < 2 || !tls_enum_ascending(sv->acc, sv->nacc) ||
	    sv->ordq != ORDQ_NONE)
		return 0;
	tls_hello_defaults(h, v, e->sni);
	h->flags |= TLS_HO_DEFLATE | TLS_HO_OCSP;
	p->parse_flags = TLS_PARSE_FLIGHT;
	offer_table(h, v, 0);
	sv->ordq = ORDQ_FLIGHT;
	reverse_suites(h);
	return 1;
}

/*
 * A chain of a client-order version v: the rest of its interval, in our
 * order.  Nothing left: the chain is over (tls_enum_chain_end()).
 */
static int
plan_chain(struct tls_enum *e, int i, struct tls_probe *p)
{
	struct stream *s = &e->st[i], *sv = &e->st[s->ver];
	struct tls_hello_opts *h = &p->hello;

	if (s->sdone)
		return 0;
	if (s->ilo > s->ihi ||
	    tls_enum_range_count(sv, s->ilo, s->ihi) == 0) {
		tls_enum_chain_end(e, i);
		return 0;
	}
	tls_hello_defaults(h, s->ver, e->sni);
	h->flags |= TLS_HO_DEFLATE | TLS_HO_OCSP;
	p->parse_flags = TLS_PARSE_FLIGHT;
	tls_enum_offer_range(sv, s->ilo, s->ihi, h);
	s->olo = s->ilo;
	s->ohi = s->ihi;
	return 1;
}

/*
 * A retry of version v (chunked, or with key shares) waits until every
 * version has answered, and happens only if some answer was TLS at all:
 * a server that sends garbage to every hello is not intolerant.  Whether
 * the retry may go out now.
 */
static int
retry_ready(struct tls_enum *e, int v)
{
	int n;

	for (n = 0; n < TLS_V_COUNT; n++)
		if (e->res.tested[n] && !e->st[n].first_done)
			return 0;
	e->st[v].retry_wait = 0;
	if (e->clean == 0) {
		tls_enum_version_complete(e, v);
		return 0;
	}
	return 1;
}

/*
 * TLS 1.3 enumeration: an empty key_share, so every answer is a
 * HelloRetryRequest naming both a suite and a group.  The side the probe
 * tests (enum mode13) offers what is left of it, the other side what was
 * accepted.  When an empty key_share got no answer at all (ks_mode),
 * real shares go with it for the two groups nearly every server has.
 */
static void
offer_tls13(const struct tls_enum *e, const struct stream *s,
    struct tls_hello_opts *h)
{
	size_t k;

	if (s->mode == M_GROUPS || s->sdone)
		offer_accepted(s, h);
	else
		tls_enum_offer_rem(s, h);
	if (s->mode == M_SUITES || s->gdone)
		offer_groups13(e, h);
	else
		add_groups(h, s->remg);
	if (!s->ks_mode)
		return;
	for (k = 0; k < h->ngroups && h->nshares < KS_SHARES; k++)
		if (h->groups[k] == TLS_GROUP_X25519 ||
		    h->groups[k] == TLS_GROUP_SECP256R1)
			h->shares[h->nshares++] = h->groups[k];
}

/* A version stream: enumerate, rank (chunked servers), then the order. */
static int
plan_version(struct tls_enum *e, int v, struct tls_probe *p)
{
	struct stream *s = &e->st[v];
	struct tls_hello_opts *h = &p->hello;
	uint16_t sorted[TLS_ENUM_MAX_SUITES];
	size_t k;

	/* The order hello in flight will settle the order. */
	if (s->phase == P_ORDER && s->ordq == ORDQ_FLIGHT)
		return 0;
	if (s->retry_wait && !retry_ready(e, v))
		return 0;
	tls_hello_defaults(h, v, e->sni);
	if (v == TLS_V_SSL2) {
		offer_table(h, v, TLS_SF_SSL2);
		p->parse_flags = TLS_PARSE_SSL2;
		return 1;
	}
	if (v != TLS_V_TLS13) {
		h->flags |= TLS_HO_DEFLATE | TLS_HO_OCSP;
		p->parse_flags = TLS_PARSE_FLIGHT;
	}
	switch (s->phase) {
	case P_ENUM:
		if (e->dhe[v] == DHE_CONFIRM) {
			/* the DHE suites put aside, alone (a small hello) */
			for (k = 0; k < NBITS && h->nsuites < CHUNK; k++)
				if (bit_get(e->dhe_rem[v], k))
					add_suite(h, tls_suite_at(k)->code);
			s->probe_confirm = 1;
			break;
		}
		if (s->desc)
			return plan_chain(e, v, p);
		s->olo = 0;
		s->ohi = NBITS - 1;
		if (v == TLS_V_TLS13)
			offer_tls13(e, s, h);
		else
			tls_enum_offer_rem(s, h);
		break;
	case P_RANK:
		/* the ones not ranked yet, in our usual (ascending) order */
		accepted_sorted(s, sorted, 0);
		for (k = 0; k < s->nacc; k++)
			if (!tls_codes_have(s->rank, s->nrank, sorted[k]))
				add_suite(h, sorted[k]);
		break;
	case P_ORDER:
		accepted_sorted(s, sorted, 1);
		for (k = 0; k < s->nacc; k++)
			add_suite(h, sorted[k]);
		if (v == TLS_V_TLS13)
			offer_groups13(e, h);
		break;
	default:
		return 0;
	}
	if (h->nsuites == 0) {
		/* nothing left to offer: this phase is over */
		if (s->phase == P_ENUM)
			tls_enum_version_complete(e, v);
		else
			s->phase = P_DONE;
		return 0;
	}
	return 1;
}

void
tls_enum_chain_end(struct tls_enum *e, int i)
{
	struct stream *s = &e->st[i];
	int v = s->ver, k;

	if (i >= ST_SUB0)
		s->phase = P_DONE;
	else
		s->sdone = 1;
	if (!e->st[v].sdone || e->st[v].phase != P_ENUM)
		return;
	for (k = ST_SUB0; k < ST_COUNT; k++)
		if (e->st[k].phase != P_DONE && e->st[k].ver == v)
			return;
	tls_enum_version_complete(e, v);
}

static int
is_live_chain(const struct tls_enum *e, int i)
{
	const struct stream *s = &e->st[i];

	if (i < TLS_V_COUNT)
		return s->desc && s->phase == P_ENUM && !s->sdone;
	return i >= ST_SUB0 && s->phase == P_ENUM;
}

/*
 * Splits the chain expected to find the most suites, when an idle slot
 * asks for work: its interval's upper half (by suites left to offer)
 * becomes a new chain.  The probe in flight of the old one offered both
 * halves: a pick in the upper half then ends the old chain and comes
 * again from the new one, which just finds it taken.  Returns the new
 * stream, or -1.
 */
static int
split_chain(struct tls_enum *e)
{
	const struct stream *sv;
	struct stream *s, *ns;
	double want, best = SPLIT_MIN;
	unsigned n, left[TLS_V_COUNT], total[TLS_V_COUNT], settled, k;
	int i, c = -1, free_k = -1;
	size_t b;

	for (i = ST_SUB0; i < ST_COUNT && free_k < 0; i++)
		if (e->st[i].phase == P_DONE && e->st[i].inflight == 0)
			free_k = i;
	if (free_k < 0)
		return -1;
	memset(left, 0, sizeof(left));
	for (i = 0; i < ST_COUNT; i++)
		if (is_live_chain(e, i))
			left[e->st[i].ver] += tls_enum_range_count(
			    &e->st[e->st[i].ver], e->st[i].ilo, e->st[i].ihi);
	/* rem holds what was not taken: with the taken, every suite */
	for (i = 0; i < TLS_V_COUNT; i++)
		total[i] = tls_enum_range_count(&e->st[i], 0, NBITS - 1) +
		    e->st[i].nacc;
	for (i = 0; i < ST_COUNT; i++) {
		if (!is_live_chain(e, i) || tls_enum_dhe_open(e, e->st[i].ver))
			continue;
		s = &e->st[i];
		sv = &e->st[s->ver];
		if ((n = tls_enum_range_count(sv, s->ilo, s->ihi)) < 2)
			continue;
		/* suites settled: taken, or known refused (outside every
		   chain: client order) */
		settled = total[s->ver] - left[s->ver];
		want = (double)n * sv->nacc / (settled > 0 ? settled : 1);
		if (want >= best) {
			best = want;
			c = i;
		}
	}
	if (c < 0)
		return -1;
	s = &e->st[c];
	sv = &e->st[s->ver];
	n = tls_enum_range_count(sv, s->ilo, s->ihi);
	for (b = s->ilo, k = 0; b <= s->ihi; b++)
		if (bit_get(sv->rem, b) && k++ == n / 2)
			break;
	ns = &e->st[free_k];
	memset(ns, 0, sizeof(*ns));
	ns->phase = P_ENUM;
	ns->ver = s->ver;
	ns->ilo = (uint16_t)b;
	ns->ihi = s->ihi;
	s->ihi = (uint16_t)(b - 1);
	return free_k;
}

static int
is_dhe(uint32_t code)
{
	const struct tls_suite *su = tls_suite_by_code(code);

	return su != NULL && (su->flags & TLS_SF_DHE) != 0;
}

/*
 * While the DHE suites of the probe's version are suspected or known to
 * fail (tls_enum_answer.c), they are left out of every hello at it, the
 * order and fallback hellos' full offers too; unless nothing else would
 * be left.  Notes what the probe offers for the answer.
 */
static void
filter_dhe(struct tls_enum *e, struct stream *s, struct tls_hello_opts *h)
{
	size_t k, n = 0, dhe = 0;
	int v = h->version;

	for (k = 0; k < h->nsuites; k++)
		dhe += (size_t)is_dhe(h->suites[k]);
	if (v >= TLS_V_SSL3 && v <= TLS_V_TLS12 && dhe > 0 &&
	    dhe < h->nsuites && (e->dhe[v] == DHE_SUSPECT ||
	    e->dhe[v] == DHE_CONFIRM || e->dhe[v] == DHE_BROKEN)) {
		for (k = 0; k < h->nsuites; k++)
			if (!is_dhe(h->suites[k]))
				h->suites[n++] = h->suites[k];
		h->nsuites = (uint16_t)n;
		dhe = 0;
	}
	s->probe_v = v;
	s->probe_dhe = dhe == 0 ? 0 : dhe == h->nsuites ? 2 : 1;
}

/*
 * Prepares the next probe of stream i into p, or returns 0 when the
 * stream has nothing to send now.
 */
static int
plan(struct tls_enum *e, int i, struct tls_probe *p)
{
	struct stream *s = &e->st[i];
	int r;

	if (s->inflight != 0 || tls_enum_dhe_waits(e, i))
		return 0;
	if (s->phase == P_DONE) {
		tls_enum_dhe_planned(e, i, 0);
		return 0;
	}
	memset(p, 0, sizeof(*p));
	s->probe_confirm = 0;
	if (i == ST_CURVES)
		r = plan_curves(e, p);
	else if (i == ST_FALLBACK)
		r = plan_fallback(e, p);
	else if (i >= ST_SUB0)
		r = plan_chain(e, i, p);
	else if (i >= ST_ORD0)
		r = plan_order(e, i - ST_ORD0, p);
	else
		r = plan_version(e, i, p);
	if (r)
		filter_dhe(e, s, &p->hello);
	tls_enum_dhe_planned(e, i, r);
	return r;
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
	static const int order[] = {
		TLS_V_TLS12, TLS_V_TLS13, ST_ORD0 + TLS_V_TLS12,
		ST_SUB0, ST_SUB0 + 1, ST_SUB0 + 2, ST_SUB0 + 3, ST_SUB0 + 4,
		ST_SUB0 + 5, ST_SUB0 + 6, ST_SUB0 + 7, ST_CURVES,
		TLS_V_TLS11, TLS_V_TLS10, TLS_V_SSL3, TLS_V_SSL2,
		ST_ORD0 + TLS_V_TLS11, ST_ORD0 + TLS_V_TLS10,
		ST_ORD0 + TLS_V_SSL3, ST_FALLBACK,
		ST_ORD0 + TLS_V_SSL2, ST_ORD0 + TLS_V_TLS13
	};
	/* every stream once: a missing one would never be asked */
	_Static_assert(sizeof(order) / sizeof(order[0]) == ST_COUNT,
	    "stream_priority() lists every stream");

	return order[j];
}

/* Hands out the probe plan() put in p, for stream i. */
static int
hand_out(struct tls_enum *e, int i, struct tls_probe *p)
{
	p->id = e->next_id++;
	fill_rnd(e, p->id, p->hello.rnd);
	e->st[i].inflight = p->id;
	e->inflight++;
	return TLS_ENUM_PROBE;
}

int
tls_enum_next(struct tls_enum *e, struct tls_probe *p)
{
	int i, j, pass;

	/*
	 * plan() may finish a stream and so unblock another (fallback and
	 * curves wait for the versions): a few passes reach a fixed point.
	 */
	for (pass = 0; pass < PLAN_PASSES && !e->aborted; pass++) {
		for (j = 0; j < ST_COUNT; j++) {
			i = stream_priority(j);
			if (plan(e, i, p))
				return hand_out(e, i, p);
		}
	}
	/* A slot is idle: a client-order chain may use it. */
	if (!e->aborted && (i = split_chain(e)) >= 0 && plan(e, i, p))
		return hand_out(e, i, p);
	if (e->inflight == 0 && !tls_enum_done(e)) {
		/*
		 * Nothing in flight and nothing to send would hang the
		 * engine: end every stream with what it knows.
		 */
		for (i = 0; i < ST_COUNT; i++) {
			if (e->st[i].phase == P_DONE)
				continue;
			if (i < TLS_V_COUNT && e->st[i].phase == P_ENUM)
				tls_enum_version_done(e, i);
			e->st[i].phase = P_DONE;
		}
	}
	return tls_enum_done(e) ? TLS_ENUM_DONE : TLS_ENUM_WAIT;
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
