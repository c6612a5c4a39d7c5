/*
 * tls_enum_answer.c: what each answer teaches the planner (see
 * tls_enum.c for the streams).  It trusts the answers no further than the
 * parser does: a suite or group the server picks that was not offered
 * ends that line of probing instead of being believed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_enum_state.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"

static int take_suite(struct stream *, uint16_t);

/* Table index of a TLS suite code, or -1. */
static long
suite_index(uint32_t code)
{
	const struct tls_suite *s, *first;

	if ((s = tls_suite_by_code(code)) == NULL || !is_tls_code(code))
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

static int
rem_empty(const struct stream *s)
{
	struct tls_hello_opts h;

	h.nsuites = 0;
	tls_enum_offer_rem(s, &h);
	return h.nsuites == 0;
}

static unsigned
nchunks(int v)
{
	const struct tls_suite *su;
	size_t i;
	unsigned n = 0;

	for (i = 0; (su = tls_suite_at(i)) != NULL && i < NBITS; i++)
		if (is_tls_code(su->code) && tls_suite_fits_version(su, v))
			n++;
	return (n + CHUNK - 1) / CHUNK;
}

static void
add_group_res(uint16_t *list, uint16_t *n, uint16_t cap, uint16_t code)
{
	uint16_t i;

	for (i = 0; i < *n; i++)
		if (list[i] == code)
			return;
	if (*n < cap)
		list[(*n)++] = code;
}

/*
 * The server took group code (table index gi) from what s offered: s
 * offers it no more, and it is found, in list (the TLS 1.3 groups or the
 * TLS <= 1.2 curves) and in the union of both.
 */
static void
take_group(struct tls_enum *e, struct stream *s, long gi, uint16_t *list,
    uint16_t *n, uint16_t code)
{
	s->remg &= ~((uint64_t)1 << gi);
	add_group_res(list, n, TLS_ENUM_MAX_GROUPS, code);
	add_group_res(e->res.groups, &e->res.ngroups, 2 * TLS_ENUM_MAX_GROUPS,
	    code);
}

/* Facts every TLS <= 1.2 ServerHello tells, whatever probe it answers. */
static void
observe(struct tls_enum *e, const struct tls_answer *a)
{
	const struct tls_group *g;
	long gi;

	if (a->kind != TLS_ANS_SERVER_HELLO ||
	    a->version >= tls_version_wire(TLS_V_TLS13))
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
	/* The smallest group; of equal ones, a known prime. */
	if (a->dh_bits > 0 &&
	    (e->res.dh_bits == 0 || a->dh_bits < e->res.dh_bits ||
	    (a->dh_bits == e->res.dh_bits && e->res.dh_known == 0))) {
		e->res.dh_bits = a->dh_bits;
		e->res.dh_known = a->dh_known;
	}
	/* The curve of an ECDHE pick: the first curve, for free. */
	if (a->ske_group != 0 &&
	    (g = tls_group_by_code(a->ske_group)) != NULL && is_curve12(g) &&
	    (gi = group_index(a->ske_group)) >= 0 &&
	    ((e->st[ST_CURVES].remg >> gi) & 1))
		take_group(e, &e->st[ST_CURVES], gi, e->res.curves12,
		    &e->res.ncurves12, a->ske_group);
}

static int
refused(int outcome, const struct tls_answer *a)
{
	return outcome != TLS_OUT_ANSWER || a == NULL ||
	    a->kind == TLS_ANS_ALERT || a->kind == TLS_ANS_SSL2_ERROR ||
	    a->kind == TLS_ANS_NONE;
}

void
tls_enum_version_done(struct tls_enum *e, int v)
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
 * The server's pick from a hello that offered the accepted suites (or
 * every suite) highest code first: a server that follows the client
 * picks the highest accepted code, one with its own order its favourite,
 * which our ascending picks showed is the lowest.  A pick outside the
 * accepted set proves nothing.  The version's stream is done.
 */
static void
order_verdict(struct tls_enum *e, int v, uint16_t pick)
{
	struct stream *s = &e->st[v];
	uint16_t maxc = 0;
	size_t k;
	int in = 0;

	s->phase = P_DONE;
	for (k = 0; k < s->nacc; k++) {
		if (s->acc[k] > maxc)
			maxc = s->acc[k];
		if (s->acc[k] == pick)
			in = 1;
	}
	if (in)
		e->res.server_order[v] = pick == maxc ? 0 : 1;
}

/* The parallel order hello was answered (ordpick) before or now. */
static void
order_settle(struct tls_enum *e, int v)
{
	order_verdict(e, v, e->st[v].ordpick);
}

/*
 * The order hello's pick differs from the first pick of the same offer
 * in our order: the server takes the client's order, and hi, the
 * highest suite it has, is found.  Every suite above hi, and below the
 * picks so far, is then known refused: the version stream goes on as a
 * chain over what lies between, which idle slots may split
 * (split_chain()).
 */
static void
enter_client_order(struct tls_enum *e, int v, uint16_t hi)
{
	struct stream *s = &e->st[v];
	long ix, k, lo = -1;
	size_t j;

	if ((ix = suite_index(hi)) < 0 || ix >= NBITS)
		return;
	for (j = 0; j < s->nacc; j++)
		if ((k = suite_index(s->acc[j])) > lo)
			lo = k;
	if (!bit_get(s->rem, (size_t)ix) && !tls_codes_have(s->acc, s->nacc,
	    hi))
		return;		/* not offered: proves nothing */
	if (bit_get(s->rem, (size_t)ix))
		(void)take_suite(s, hi);
	s->desc = 1;
	s->ilo = (uint16_t)(lo + 1);
	s->ihi = (uint16_t)(ix > 0 ? ix - 1 : 0);
}

static void
answer_order(struct tls_enum *e, int v, int outcome,
    const struct tls_answer *a)
{
	struct stream *s = &e->st[v];
	int ok;

	ok = !refused(outcome, a) && (a->kind == TLS_ANS_SERVER_HELLO ||
	    (v == TLS_V_TLS13 && a->kind == TLS_ANS_HRR)) &&
	    a->version == tls_version_wire(v);
	e->st[ST_ORD0 + v].phase = P_DONE;
	if (!ok) {
		s->ordq = ORDQ_FAILED;	/* P_ORDER asks once more */
		return;
	}
	s->ordq = ORDQ_ANSWER;
	s->ordpick = a->suite;
	if (s->phase == P_ORDER)
		order_settle(e, v);
	else if (v != TLS_V_TLS13 && s->phase == P_ENUM && !s->chunked &&
	    s->nacc > 0 &&
	    a->suite != s->acc[0] && tls_enum_ascending(s->acc, s->nacc))
		/* the same full offer, reversed, got another pick (one
		   with an order of its own picks its favourite twice) */
		enter_client_order(e, v, a->suite);
}

/*
 * The answer to chain i of a client-order version (see struct stream).
 * Only a pick from the chain's own offer counts.  A pick another chain
 * took meanwhile (after a split) is no news, only a step.
 */
static void
answer_chain(struct tls_enum *e, int i, int outcome,
    const struct tls_answer *a)
{
	struct stream *s = &e->st[i], *sv = &e->st[s->ver];
	long ix;

	if (refused(outcome, a) || a->kind != TLS_ANS_SERVER_HELLO ||
	    a->version != tls_version_wire(s->ver) ||
	    (ix = suite_index(a->suite)) < s->olo || ix > s->ohi) {
		tls_enum_chain_end(e, i);
		return;
	}
	if (bit_get(sv->rem, (size_t)ix))
		(void)take_suite(sv, a->suite);
	else if (!tls_codes_have(sv->acc, sv->nacc, a->suite)) {
		tls_enum_chain_end(e, i);
		return;
	}
	sv->verdict = 1;
	e->res.versions[s->ver] = 1;
	if (ix >= s->ihi)
		tls_enum_chain_end(e, i);
	else
		s->ilo = (uint16_t)(ix + 1);
}

/* Enumeration of v is complete: order next, or done. */
void
tls_enum_version_complete(struct tls_enum *e, int v)
{
	struct stream *s = &e->st[v];

	if (s->desc) {
		/* Client order, found from both ends: report it ascending,
		   the order of our offers. */
		tls_enum_sort_codes(s->acc, s->nacc, 0);
		tls_enum_version_done(e, v);
		e->res.server_order[v] = 0;
		return;
	}
	tls_enum_version_done(e, v);
	if (s->nacc < 2 || (e->cfg.flags & TLS_EC_NO_ORDER))
		return;
	if (s->chunked) {
		s->phase = P_RANK;
		s->nrank = 0;
		return;
	}
	if (!tls_enum_ascending(s->acc, s->nacc)) {
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
	if (tls_suite_by_code(code)->flags & TLS_SF_ECDHE)
		s->took_ecdhe = 1;
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
	uint16_t last = 0;
	int ok;

	ok = !refused(outcome, a) && a->kind == TLS_ANS_SERVER_HELLO &&
	    a->version == tls_version_wire(v);
	switch (s->phase) {
	case P_ENUM:
		if (s->desc) {
			answer_chain(e, v, outcome, a);
			return;
		}
		if (ok && take_suite(s, a->suite) == 0) {
			if (s->chunked)
				s->chunk_ok = 1;
			s->verdict = 1;
			e->res.versions[v] = 1;
			if (rem_empty(s) && (!s->chunked ||
			    ++s->chunk >= nchunks(v)))
				tls_enum_version_complete(e, v);
			return;
		}
		if (ok) {
			/* Picked a suite we did not offer: stop here. */
			tls_enum_version_complete(e, v);
			return;
		}
		if (a != NULL && a->kind == TLS_ANS_SERVER_HELLO) {
			/* Answered at another version: v not accepted. */
			tls_enum_version_complete(e, v);
			return;
		}
		if (a != NULL && a->kind == TLS_ANS_ALERT &&
		    a->alert_desc == TLS_ALERT_PROTOCOL_VERSION) {
			/* says so: not this version, whatever the size */
			tls_enum_version_complete(e, v);
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
				tls_enum_version_complete(e, v);
				return;
			}
			return;
		}
		tls_enum_version_complete(e, v);
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
			for (k = 0; k < s->nacc; k++)
				if (!tls_codes_have(s->rank, s->nrank,
				    s->acc[k]))
					last = s->acc[k];
			s->rank[s->nrank++] = last;
			memcpy(s->acc, s->rank, s->nacc * sizeof(s->acc[0]));
			for (k = 0; k < s->nacc; k++)
				e->res.suites[v][k] = s->acc[k];
			if (!tls_enum_ascending(s->acc, s->nacc)) {
				e->res.server_order[v] = 1;
				s->phase = P_DONE;
			} else
				s->phase = P_ORDER;
		}
		return;
	case P_ORDER:
		s->phase = P_DONE;
		if (ok)
			order_verdict(e, v, a->suite);
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

	ok = !refused(outcome, a) &&
	    (a->kind == TLS_ANS_HRR || a->kind == TLS_ANS_SERVER_HELLO) &&
	    a->version == tls_version_wire(TLS_V_TLS13);
	if (s->phase == P_ORDER) {
		s->phase = P_DONE;
		if (ok)
			order_verdict(e, v, a->suite);
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
			tls_enum_version_complete(e, v);
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
			tls_enum_offer_rem(s, &h);
			s->mode = (unsigned)__builtin_popcountll(s->remg) >
			    h.nsuites ? M_GROUPS : M_SUITES;
		}
		goto check;
	}
	/* an answer: a suite (unless we offered known ones) and a group */
	if (mode != M_GROUPS && !s->sdone) {
		if (take_suite(s, a->suite) != 0) {
			tls_enum_version_complete(e, v);
			s->phase = P_DONE;
			return;
		}
	}
	if (mode != M_SUITES && !s->gdone) {
		if ((gi = group_index(a->group)) < 0 || gi >= GROUP_BITS ||
		    !((s->remg >> gi) & 1)) {
			s->gdone = 1;	/* not offered: believe nothing */
		} else
			take_group(e, s, gi, e->res.groups13,
			    &e->res.ngroups13, a->group);
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
		tls_enum_version_complete(e, v);
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
	    (gi = group_index(a->ske_group)) < 0 || gi >= GROUP_BITS ||
	    !((s->offg >> gi) & 1)) {
		s->phase = P_DONE;
		return;
	}
	take_group(e, s, gi, e->res.curves12, &e->res.ncurves12,
	    a->ske_group);
	if (s->remg == 0)
		s->phase = P_DONE;
}

/*
 * The fallback hello (and its control, see plan_fallback()).  A close or
 * reset without an alert is how Dovecot and GnuTLS-based servers refuse
 * it: a downgrade refused, when the same hello without the SCSV is known
 * to be taken.
 */
static void
answer_fallback(struct tls_enum *e, int outcome, const struct tls_answer *a)
{
	struct stream *s = &e->st[ST_FALLBACK];
	int closed = outcome == TLS_OUT_CLOSED || outcome == TLS_OUT_RESET;

	s->phase = P_DONE;
	e->res.fallback_why = TLS_FB_NONE;
	if (s->control) {
		if (a != NULL && a->kind == TLS_ANS_SERVER_HELLO &&
		    a->version == tls_version_wire(s->ver)) {
			e->res.fallback_scsv = 1;
			e->res.fallback_closed = 1;
		} else
			e->res.fallback_why = TLS_FB_NO_ANSWER;
		return;
	}
	if (closed && e->st[s->ver].first_ok) {
		e->res.fallback_scsv = 1;
		e->res.fallback_closed = 1;
	} else if (closed) {
		s->control = 1;		/* ask the hello without the SCSV */
		s->phase = P_ENUM;
	} else if (outcome != TLS_OUT_ANSWER || a == NULL)
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

/*
 * Stream i's probe was pushed back before its hello was read (a
 * STARTTLS 4xx, a close before the greeting): it told nothing, so the
 * stream asks the same again, up to TLS_ENUM_TRIES hellos.  Then it is
 * given up: counted in res.throttled, and what it would have learnt stays
 * unknown (never read as refused).
 */
static void
answer_throttled(struct tls_enum *e, int i)
{
	struct stream *s = &e->st[i];
	int v;

	if (i >= ST_ORD0 && i < ST_SUB0)
		e->st[i - ST_ORD0].ordq = ORDQ_NONE;
	if (++s->tries < TLS_ENUM_TRIES)
		return;			/* plan() asks the same again */
	s->tries = 0;
	e->res.throttled++;
	if (i >= ST_SUB0 || (i < TLS_V_COUNT && s->desc &&
	    s->phase == P_ENUM)) {
		e->st[s->ver].incomplete = 1;
		tls_enum_chain_end(e, i);
	} else if (i < TLS_V_COUNT) {
		s->incomplete = 1;
		if (s->phase == P_ENUM)
			tls_enum_version_done(e, i);
		s->phase = P_DONE;
	} else if (i >= ST_ORD0) {
		v = i - ST_ORD0;
		s->phase = P_DONE;
		e->st[v].ordq = ORDQ_FAILED;	/* P_ORDER asks its own */
	} else if (i == ST_FALLBACK) {
		s->phase = P_DONE;
		e->res.fallback_why = TLS_FB_THROTTLED;
	} else
		s->phase = P_DONE;
}

/*
 * An OpenSSL server without DH parameters (Dovecot without ssl_dh) picks
 * a DHE suite of our offer and then fails, with an internal_error alert
 * or a close, no ServerHello.  Read as a refusal, that would lose every
 * suite, and even the version, that it does serve.  So at such a failure
 * of an offer with DHE suites they are set aside at that version (left
 * out of every hello at it: filter_dhe()) and the stream that failed,
 * the suspicion's owner, asks again without them; the version's other
 * streams wait meanwhile (tls_enum_dhe_waits()), as what they would
 * offer and conclude depends on it.  Only the owner's answer decides:
 * taken then, after an internal_error or a close once the full offer
 * was taken, they are what fails (res.dhe_failed).  After a close of
 * the version's first hello, which is also how an intolerant server
 * drops a big one, one hello of those DHE suites alone decides: it
 * fails too, or it is answered (the server was intolerant: they are put
 * back and the version is offered in chunks, tls_enum.h).  The same
 * failure without them puts them back, and the answer is read as
 * before: a server that refuses by closing (Dovecot's LMTP) closes on
 * both.  A DHE suite picked in any stream's answer puts them back too.
 * 1 when the answer is consumed here (the stream asks again).
 */

/* The version whose suites stream i enumerates, or -1 (curves, fallback). */
static int
stream_version(const struct tls_enum *e, int i)
{
	if (i < TLS_V_COUNT)
		return i;
	if (i >= ST_SUB0)	/* an unused chain's is its own index */
		return e->st[i].ver < TLS_V_COUNT ? e->st[i].ver : -1;
	if (i >= ST_ORD0)
		return i - ST_ORD0;
	return -1;
}

int
tls_enum_dhe_open(const struct tls_enum *e, int v)
{
	return v >= 0 && (e->dhe[v] == DHE_SUSPECT ||
	    e->dhe[v] == DHE_CONFIRM);
}

/* Not the DHE suites after all: they are offered again. */
static void
dhe_put_back(struct tls_enum *e, int v)
{
	size_t k;

	e->dhe[v] = DHE_INNOCENT;
	for (k = 0; k < NBITS / 8; k++)
		e->st[v].rem[k] |= e->dhe_rem[v][k];
}

int
tls_enum_dhe_waits(const struct tls_enum *e, int i)
{
	int v = stream_version(e, i);

	return tls_enum_dhe_open(e, v) && e->dhe_owner[v] != i;
}

void
tls_enum_dhe_planned(struct tls_enum *e, int i, int r)
{
	int v = stream_version(e, i);

	/* Its next probe is what decides: none, or not the confirmation
	   (the version moved on), and nothing will be learnt. */
	if (tls_enum_dhe_open(e, v) && e->dhe_owner[v] == i && (!r ||
	    (e->dhe[v] == DHE_CONFIRM && !e->st[i].probe_confirm)))
		dhe_put_back(e, v);
}

static int
dhe_failure(struct tls_enum *e, int i, int outcome,
    const struct tls_answer *a)
{
	struct stream *s = &e->st[i], *sv;
	int v = s->probe_v, alert, closed, first, picked;
	size_t k;

	if (v < TLS_V_SSL3 || v > TLS_V_TLS12 || i == ST_FALLBACK ||
	    i == ST_CURVES)
		return 0;	/* a close there says something else */
	sv = &e->st[v];
	alert = a != NULL && a->kind == TLS_ANS_ALERT &&
	    a->alert_desc == TLS_ALERT_INTERNAL_ERROR;
	/*
	 * A close counts to the version's first, full hello (first), or
	 * once that was taken: then no smaller hello is too big.  Never in
	 * chunks.
	 */
	first = i == v && !sv->first_done && sv->nacc == 0;
	closed = (outcome == TLS_OUT_CLOSED || outcome == TLS_OUT_RESET) &&
	    !sv->chunked && (first || sv->first_ok);
	picked = a != NULL && a->kind == TLS_ANS_SERVER_HELLO &&
	    a->version == tls_version_wire(v);
	switch (e->dhe[v]) {
	case DHE_UNKNOWN:
		if ((!alert && !closed) || s->probe_dhe != 1)
			return 0;
		e->dhe[v] = DHE_SUSPECT;
		e->dhe_owner[v] = i;
		e->dhe_close[v] = !alert && first;
		for (k = 0; k < NBITS; k++)
			if (bit_get(sv->rem, k) &&
			    (tls_suite_at(k)->flags & TLS_SF_DHE) != 0) {
				e->dhe_rem[v][k / 8] |= (uint8_t)(1u << (k % 8));
				sv->rem[k / 8] &= (uint8_t)~(1u << (k % 8));
			}
		break;
	case DHE_SUSPECT:
		if (picked && tls_suite_by_code(a->suite) != NULL &&
		    (tls_suite_by_code(a->suite)->flags & TLS_SF_DHE) != 0) {
			dhe_put_back(e, v);	/* served one */
			return 0;
		}
		if ((alert || closed) && s->probe_dhe == 1)
			break;		/* sent before: ask it again too */
		if (i != e->dhe_owner[v])
			return 0;	/* another offer: proves nothing */
		/* the owner's offer again, without them */
		if (picked && s->probe_dhe == 0) {
			e->dhe[v] = e->dhe_close[v] ? DHE_CONFIRM : DHE_BROKEN;
			e->res.dhe_failed[v] = e->dhe[v] == DHE_BROKEN;
		} else
			dhe_put_back(e, v);	/* failed too, or no answer */
		return 0;
	case DHE_CONFIRM:
		if (!s->probe_confirm)
			return 0;
		if (alert || outcome == TLS_OUT_CLOSED ||
		    outcome == TLS_OUT_RESET) {
			e->dhe[v] = DHE_BROKEN;
			e->res.dhe_failed[v] = 1;
			return 1;
		}
		/* answered: the first close was the size; chunks now */
		dhe_put_back(e, v);
		sv->chunked = 1;
		sv->chunk = 0;
		sv->chunk_ok = 1;
		return 1;
	default:
		return 0;
	}
	/* As a pushed-back probe: the stream asks the same again. */
	if (i >= ST_ORD0 && i < ST_SUB0)
		e->st[i - ST_ORD0].ordq = ORDQ_NONE;
	return 1;
}

/*
 * A hello that got no answer in time, at a version whose hellos the
 * server has taken: servers refuse with an alert or a close, not by
 * silence, so this is a server that is busy (one that serves one
 * connection at a time, behind another), not a refusal.  Read as a
 * push-back: asked again, and given up as unknown, never as refused.
 * Not the fallback hello (its silence has a word of its own).
 */
static int
silent(const struct tls_enum *e, int i, int outcome)
{
	int v = e->st[i].probe_v;

	return outcome == TLS_OUT_TIMEOUT && i != ST_FALLBACK && v >= 0 &&
	    v < TLS_V_COUNT && e->st[v].nacc > 0;
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
	if (outcome == TLS_OUT_THROTTLED || silent(e, i, outcome)) {
		if (!e->aborted)
			answer_throttled(e, i);
		goto out;
	}
	e->st[i].tries = 0;
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
	if (!e->aborted && dhe_failure(e, i, outcome, a))
		goto out;
	if (i < TLS_V_COUNT && !e->st[i].first_done) {
		e->st[i].first_done = 1;
		/* the full offer taken at this version: plan_fallback() */
		e->st[i].first_ok = a != NULL &&
		    a->kind == TLS_ANS_SERVER_HELLO &&
		    a->version == tls_version_wire(i);
	}
	if (e->aborted)
		goto out;
	if (a != NULL && (i < TLS_V_COUNT || i >= ST_SUB0))
		observe(e, a);
	if (i == TLS_V_SSL2)
		answer_ssl2(e, outcome, a);
	else if (i == TLS_V_TLS13)
		answer_tls13(e, outcome, a);
	else if (i < TLS_V_COUNT)
		answer_tls12(e, i, outcome, a);
	else if (i == ST_CURVES)
		answer_curves(e, outcome, a);
	else if (i >= ST_SUB0)
		answer_chain(e, i, outcome, a);
	else if (i >= ST_ORD0)
		answer_order(e, i - ST_ORD0, outcome, a);
	else
		answer_fallback(e, outcome, a);
 out:
	e->res.floor = tls_enum_floor(&e->res);
	return 0;
}
