/*
 * Unit tests of the enumeration planner (scanner/tls/tls_enum.c), driven
 * by a simulated server: a function that answers each probe's hello the
 * way a server with a given configuration would.  The tests assert the
 * exact accepted sets, orders and the number of hellos.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <search.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "scanner/tls/tls_cert.h"
#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_report.h"
#include "scanner/tls/tls_suites.h"

/* A sim's list and its length, in a designated initializer. */
#define LIST(f, a)	.f = (a), .n##f = sizeof(a) / sizeof((a)[0])
#define V(v)		(1u << TLS_V_##v)
/* Hellos chains may add: a refusal and a repeated pick per extra chain. */
#define NSUB_BOUND	16

struct sim {
	unsigned	 versions;	/* bit per TLS_V_* */
	const uint16_t	*suites;	/* server preference order */
	size_t		 nsuites;
	int		 server_order;
	const uint16_t	*groups;	/* TLS 1.3 groups, preference order */
	size_t		 ngroups;
	const uint16_t	*curves;	/* ECDHE curves, preference order */
	size_t		 ncurves;
	uint16_t	 dh_bits;
	size_t		 max_suites;	/* closes on bigger hellos; 0 none */
	int		 fallback;	/* honours TLS_FALLBACK_SCSV */
	int		 reneg;
	int		 compress;
	const uint32_t	*ssl2;		/* SSLv2 kinds */
	size_t		 nssl2;
	int		 closed;	/* port closed */
	int		 garbage;	/* answers every hello with junk */
	int		 fallback_close; /* refuses the SCSV by closing */
	unsigned	 throttle;	/* pushes back the first so many */
	unsigned	 after;		/* ... after answering so many */
	unsigned	 silent;	/* lets so many time out, after
					   answering so many */
	unsigned	 hellos;	/* probes answered */
	int		 wire;		/* HelloRetryRequests as bytes, read
					   back by tls_answer_parse() */
	int		 dhe_fail;	/* picks a DHE suite, then fails: 1 by
					   closing (Dovecot without ssl_dh),
					   2 with an internal_error alert */
	int		 refuse_close;	/* refuses by closing, no alert
					   (Dovecot's LMTP) */
};

/*
 * The bytes of a HelloRetryRequest (RFC 8446, 4.1.4) choosing suite and
 * group, as a server sends it: a ServerHello with the special random,
 * supported_versions and a key_share of just the selected group.
 */
static size_t
hrr_bytes(uint8_t *b, size_t cap, uint16_t suite, uint16_t group)
{
	static const uint8_t hrr_random[32] = {
		0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11,
		0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
		0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
		0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
	};
	size_t n = 0, hs, body;

	assert_true(cap >= 128);
	b[n++] = 22;			/* handshake record */
	b[n++] = 3;
	b[n++] = 3;
	n += 2;				/* record length, below */
	hs = n;
	b[n++] = 2;			/* ServerHello */
	n += 3;
	body = n;
	b[n++] = 3;			/* legacy_version 0x0303 */
	b[n++] = 3;
	memcpy(b + n, hrr_random, 32);
	n += 32;
	b[n++] = 32;			/* legacy_session_id_echo */
	memset(b + n, 0x5a, 32);
	n += 32;
	b[n++] = (uint8_t)(suite >> 8);
	b[n++] = (uint8_t)suite;
	b[n++] = 0;			/* compression */
	b[n++] = 0;			/* extensions: 6 + 6 bytes */
	b[n++] = 12;
	b[n++] = 0;			/* supported_versions: 0x0304 */
	b[n++] = 43;
	b[n++] = 0;
	b[n++] = 2;
	b[n++] = 3;
	b[n++] = 4;
	b[n++] = 0;			/* key_share: selected_group */
	b[n++] = 51;
	b[n++] = 0;
	b[n++] = 2;
	b[n++] = (uint8_t)(group >> 8);
	b[n++] = (uint8_t)group;
	b[3] = (uint8_t)((n - hs) >> 8);
	b[4] = (uint8_t)(n - hs);
	b[hs + 1] = 0;
	b[hs + 2] = (uint8_t)((n - body) >> 8);
	b[hs + 3] = (uint8_t)(n - body);
	return n;
}

static int
cmp32(const void *a, const void *b)
{
	return *(const uint32_t *)a != *(const uint32_t *)b;
}

/* Whether the hello offers x (a TLS code or an SSLv2 kind). */
static int
offers(const struct tls_hello_opts *h, uint32_t x)
{
	size_t n = h->nsuites;

	return lfind(&x, h->suites, &n, sizeof(x), cmp32) != NULL;
}
static int
fits(uint16_t code, int v)
{
	return tls_suite_fits_version(tls_suite_by_code(code), v);
}

/* The server's common curve for an ECDHE suite, 0 if none. */
static uint16_t
pick_curve(const struct sim *s, const struct tls_hello_opts *h)
{
	size_t i;

	for (i = 0; i < s->ncurves; i++)
		if (tls_codes_have(h->groups, h->ngroups, s->curves[i]))
			return s->curves[i];
	return 0;
}

static int
usable(const struct sim *s, const struct tls_hello_opts *h, uint16_t code,
    int v)
{
	const struct tls_suite *su = tls_suite_by_code(code);

	if (!tls_codes_have(s->suites, s->nsuites, code) || !fits(code, v))
		return 0;
	if ((su->flags & TLS_SF_ECDHE) && pick_curve(s, h) == 0)
		return 0;
	return 1;
}

static void
alert(struct tls_answer *a, uint8_t desc)
{
	a->kind = TLS_ANS_ALERT;
	a->alert_level = 2;
	a->alert_desc = desc;
}

/* Answers one probe; returns the enum tls_outcome. */
static int
sim_answer(struct sim *s, const struct tls_probe *p, struct tls_answer *a)
{
	const struct tls_hello_opts *h = &p->hello;
	const struct tls_suite *su;
	size_t i;
	uint32_t pick = 0;
	int v = h->version, found = 0, top;

	memset(a, 0, sizeof(*a));
	s->hellos++;
	if (s->closed)
		return TLS_OUT_CONNECT;
	if (s->hellos > s->after && s->hellos <= s->after + s->throttle)
		return TLS_OUT_THROTTLED;
	if (s->hellos > s->after && s->hellos <= s->after + s->silent)
		return TLS_OUT_TIMEOUT;
	if (s->garbage)
		return TLS_OUT_GARBAGE;
	if (v == TLS_V_SSL2) {
		if (!(s->versions & (1u << TLS_V_SSL2)))
			return TLS_OUT_CLOSED;
		a->kind = TLS_ANS_SSL2_HELLO;
		a->version = 2;
		for (i = 0; i < s->nssl2; i++)
			if (offers(h, s->ssl2[i]))
				a->ssl2_kinds[a->ssl2_nkinds++] = s->ssl2[i];
		return TLS_OUT_ANSWER;
	}
	if (s->max_suites > 0 && h->nsuites > s->max_suites)
		return TLS_OUT_CLOSED;
	for (top = TLS_V_TLS13; top > TLS_V_SSL2; top--)
		if (s->versions & (1u << top))
			break;
	if (v == TLS_V_TLS13) {
		if (!(s->versions & (1u << v))) {
			alert(a, TLS_ALERT_HANDSHAKE_FAILURE);
			return TLS_OUT_ANSWER;
		}
	} else {
		/* negotiate down to the best version at or below v */
		while (v > TLS_V_SSL2 && !(s->versions & (1u << v)))
			v--;
		if (v == TLS_V_SSL2) {
			if (s->refuse_close)
				return TLS_OUT_CLOSED;
			alert(a, TLS_ALERT_PROTOCOL_VERSION);
			return TLS_OUT_ANSWER;
		}
		if ((h->flags & TLS_HO_FALLBACK_SCSV) && s->fallback &&
		    top > h->version) {
			if (s->fallback_close)
				return TLS_OUT_CLOSED;
			alert(a, TLS_ALERT_INAPPROPRIATE_FALLBACK);
			return TLS_OUT_ANSWER;
		}
	}
	if (s->server_order) {
		for (i = 0; i < s->nsuites && !found; i++)
			if (offers(h, s->suites[i]) &&
			    usable(s, h, s->suites[i], v)) {
				pick = s->suites[i];
				found = 1;
			}
	} else {
		for (i = 0; i < h->nsuites && !found; i++)
			if (h->suites[i] <= 0xffff &&
			    usable(s, h, (uint16_t)h->suites[i], v)) {
				pick = h->suites[i];
				found = 1;
			}
	}
	if (!found) {
		if (s->refuse_close)
			return TLS_OUT_CLOSED;
		alert(a, TLS_ALERT_HANDSHAKE_FAILURE);
		return TLS_OUT_ANSWER;
	}
	if (s->dhe_fail && v != TLS_V_TLS13 && tls_suite_by_code(pick) !=
	    NULL && (tls_suite_by_code(pick)->flags & TLS_SF_DHE) != 0) {
		if (s->dhe_fail == 1)
			return TLS_OUT_CLOSED;
		alert(a, TLS_ALERT_INTERNAL_ERROR);
		return TLS_OUT_ANSWER;
	}
	a->suite = (uint16_t)pick;
	a->legacy_version = tls_version_wire(v);
	a->version = a->legacy_version;
	if (v == TLS_V_TLS13) {
		a->legacy_version = 0x0303;
		for (i = 0; i < s->ngroups; i++)
			if (tls_codes_have(h->groups, h->ngroups, s->groups[i]))
				break;
		if (i == s->ngroups) {
			memset(a, 0, sizeof(*a));
			alert(a, TLS_ALERT_HANDSHAKE_FAILURE);
			return TLS_OUT_ANSWER;
		}
		a->group = s->groups[i];
		a->kind = tls_codes_have(h->shares, h->nshares, a->group) ?
		    TLS_ANS_SERVER_HELLO : TLS_ANS_HRR;
		a->ext = TLS_AX_SUPPORTED_VERSIONS | TLS_AX_KEY_SHARE;
		if (s->wire && a->kind == TLS_ANS_HRR) {
			uint8_t b[128];
			size_t n = hrr_bytes(b, sizeof(b), a->suite, a->group);

			memset(a, 0, sizeof(*a));
			assert_int_equal(tls_answer_parse(b, n, 0, a), TLS_OK);
			assert_int_equal(a->kind, TLS_ANS_HRR);
			assert_int_equal(a->used, n);
		}
		return TLS_OUT_ANSWER;
	}
	a->kind = TLS_ANS_SERVER_HELLO;
	if (s->reneg)
		a->ext |= TLS_AX_RENEG;
	if (s->compress && (h->flags & TLS_HO_DEFLATE))
		a->compression = 1;
	su = tls_suite_by_code(pick);
	if (p->parse_flags & TLS_PARSE_FLIGHT) {
		a->flight = TLS_FL_CERT | TLS_FL_SKE | TLS_FL_DONE;
		if (su->flags & TLS_SF_ECDHE)
			a->ske_group = pick_curve(s, h);
		if (su->flags & TLS_SF_DHE)
			a->dh_bits = s->dh_bits;
	}
	return TLS_OUT_ANSWER;
}

/* The planners of the running test, freed by its teardown. */
static struct tls_enum *planners[8];
static size_t nplanners;

static int
free_planners(void **state)
{
	(void)state;
	while (nplanners > 0)
		tls_enum_free(&planners[--nplanners]);
	return 0;
}

/* Keeps e for the teardown; returns its result. */
static const struct tls_enum_result *
kept(struct tls_enum *e)
{
	assert_true(nplanners < sizeof(planners) / sizeof(planners[0]));
	planners[nplanners++] = e;
	return tls_enum_result(e);
}

/*
 * Runs a whole enumeration with up to par probes in flight, answering the
 * oldest first, or with a seed in an order drawn from it (as a real
 * network may).  Returns its result.
 */
static const struct tls_enum_result *
drive(struct sim *s, unsigned par, unsigned flags, uint32_t seed)
{
	struct tls_enum_config cfg;
	struct tls_enum *e;
	struct tls_probe q[8];
	struct tls_answer a;
	unsigned n = 0, k = 0, steps = 0, maxpar = 0;
	int r, out;

	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = flags;
	cfg.sni = "sim.test";
	assert_non_null(e = tls_enum_new(&cfg));
	for (;;) {
		while (n < par && (r = tls_enum_next(e, &q[n])) ==
		    TLS_ENUM_PROBE)
			n++;
		if (n > maxpar)
			maxpar = n;
		if (n == 0) {
			assert_int_equal(tls_enum_next(e, &q[0]),
			    TLS_ENUM_DONE);
			break;
		}
		assert_int_equal(tls_enum_inflight(e), n);
		if (seed != 0) {
			seed = seed * 1103515245u + 12345u;
			k = (seed >> 16) % n;
		}
		out = sim_answer(s, &q[k], &a);
		assert_int_equal(tls_enum_answer(e, q[k].id, out,
		    out == TLS_OUT_ANSWER ? &a : NULL), 0);
		/* an id is only answered once */
		assert_int_equal(tls_enum_answer(e, q[k].id, out, &a), -1);
		memmove(&q[k], &q[k + 1], (--n - k) * sizeof(q[0]));
		assert_true(++steps < 2000);
	}
	assert_true(tls_enum_done(e));
	assert_int_equal(tls_enum_result(e)->connections, s->hellos);
	if (par > 1 && !s->closed)
		assert_true(maxpar > 1);	/* versions in parallel */
	return kept(e);
}

static const struct tls_enum_result *
run(struct sim *s, unsigned par, unsigned flags)
{
	return drive(s, par, flags, 0);
}

static void
assert_suites(const struct tls_enum_result *r, int v, const uint16_t *want,
    size_t n)
{
	size_t i;

	assert_int_equal(r->nsuites[v], n);
	for (i = 0; i < n; i++)
		assert_int_equal(r->suites[v][i], want[i]);
}

static const uint16_t modern[] = { 0xc030, 0xc02f, 0xcca8, 0x009e, 0x0035,
    0x000a };
/* the same set in our offer order (ascending codes) */
static const uint16_t modern_sorted[] = { 0x000a, 0x0035, 0x009e, 0xc02f,
    0xc030, 0xcca8 };
static const uint16_t curves[] = { 29, 23, 24 };

static void
test_server_order(void **state)
{
	struct sim s = {
		.versions = V(TLS12) | V(TLS11), LIST(suites, modern),
		.server_order = 1, LIST(curves, curves),
		.dh_bits = 2048, .reneg = 1, .fallback = 1,
	};
	const struct tls_enum_result *r;
	static const uint16_t want11[] = { 0x0035, 0x000a };

	(void)state;
	r = run(&s, 4, 0);
	assert_false(r->versions[TLS_V_SSL2]);
	assert_false(r->versions[TLS_V_SSL3]);
	assert_false(r->versions[TLS_V_TLS10]);
	assert_true(r->versions[TLS_V_TLS11]);
	assert_true(r->versions[TLS_V_TLS12]);
	assert_false(r->versions[TLS_V_TLS13]);
	assert_suites(r, TLS_V_TLS12, modern, 6);
	assert_suites(r, TLS_V_TLS11, want11, 2);
	/* picks against our order proved the server's order for free */
	assert_int_equal(r->server_order[TLS_V_TLS12], 1);
	assert_int_equal(r->server_order[TLS_V_TLS11], 1);
	assert_int_equal(r->ncurves12, 3);
	assert_int_equal(r->curves12[0], 29);
	assert_int_equal(r->curves12[1], 23);
	assert_int_equal(r->curves12[2], 24);
	assert_int_equal(r->dh_bits, 2048);
	assert_int_equal(r->secure_renegotiation, 1);
	assert_int_equal(r->compression, 0);
	assert_int_equal(r->fallback_scsv, 1);
	assert_null(tls_fallback_reason(r));
	/*
	 * SSLv2 1, SSLv3 1, TLS 1.0 1 (protocol_version alerts),
	 * TLS 1.1 2+1, TLS 1.2 6+1, TLS 1.3 1, curves 2 more + 1 refusal,
	 * fallback 1: the floor exactly.
	 */
	assert_int_equal(r->connections, 1 + 1 + 1 + 3 + 7 + 1 + 3 + 1);
	assert_int_equal(r->floor, r->connections);
}

static void
test_client_order(void **state)
{
	struct sim s = {
		.versions = V(TLS12), LIST(suites, modern),
		.curves = curves, .ncurves = 1, .compress = 1,
	};
	const struct tls_enum_result *r;

	(void)state;
	r = run(&s, 1, 0);
	assert_suites(r, TLS_V_TLS12, modern_sorted, 6);
	assert_int_equal(r->server_order[TLS_V_TLS12], 0);
	assert_int_equal(r->compression, 1);
	assert_int_equal(r->secure_renegotiation, 0);
	assert_int_equal(r->fallback_scsv, TLS_UNKNOWN);  /* one version */
	assert_string_equal(tls_fallback_reason(r),
	    "fewer than two protocol versions accepted");
	/* 5 refused versions, 6+1, one order probe, curves: 1 refusal */
	assert_int_equal(r->connections, 5 + 7 + 1 + 1);
	assert_int_equal(r->floor, r->connections - 1);
}

/* A server whose own order happens to be ours: one reversed probe. */
static void
test_server_order_like_ours(void **state)
{
	struct sim s = {
		.versions = V(TLS12), LIST(suites, modern_sorted),
		.server_order = 1, LIST(curves, curves),
	};
	const struct tls_enum_result *r;

	(void)state;
	r = run(&s, 2, TLS_EC_NO_GROUPS);
	assert_suites(r, TLS_V_TLS12, modern_sorted, 6);
	assert_int_equal(r->server_order[TLS_V_TLS12], 1);
	assert_int_equal(r->connections, 5 + 7 + 1);
}

/*
 * The post-quantum groups (IANA TLS Supported Groups: the ML-KEM hybrids
 * of draft-ietf-tls-ecdhe-mlkem, the Kyber drafts, the pure ML-KEM
 * groups of draft-ietf-tls-mlkem) go out in every TLS 1.3 hello with
 * no key share; the HelloRetryRequest naming one, as bytes, is read as
 * that group supported.
 */
static void
test_tls13_pq_groups(void **state)
{
	static const uint16_t pq[] = { 0x11EC, 0x11EB, 0x11ED, 0x6399,
	    0x639A, 0x0200, 0x0201, 0x0202 };
	static const char *const names[] = { "X25519MLKEM768",
	    "SecP256r1MLKEM768", "SecP384r1MLKEM1024",
	    "X25519Kyber768Draft00", "SecP256r1Kyber768Draft00", "MLKEM512",
	    "MLKEM768", "MLKEM1024", "x25519" };
	static const uint16_t s13[] = { 0x1301, 0x1302 };
	static const uint16_t g13[] = { 0x11EC, 0x11EB, 0x11ED, 0x6399,
	    0x639A, 0x0200, 0x0201, 0x0202, 29 };
	struct sim s = {
		.versions = V(TLS13), LIST(suites, s13), .server_order = 1,
		LIST(groups, g13), .wire = 1,
	};
	struct tls_enum_config cfg;
	const struct tls_enum_result *r;
	struct cert_result cert;
	struct tls_enum *e;
	struct tls_probe p;
	json_t *o, *groups;
	size_t i;

	(void)state;
	/* The first TLS 1.3 hello: all of them, and no key share. */
	memset(&cfg, 0, sizeof(cfg));
	cfg.versions = V(TLS13);
	assert_non_null(e = tls_enum_new(&cfg));
	assert_int_equal(tls_enum_next(e, &p), TLS_ENUM_PROBE);
	assert_int_equal(p.hello.version, TLS_V_TLS13);
	assert_int_equal(p.hello.nshares, 0);
	for (i = 0; i < sizeof(pq) / sizeof(pq[0]); i++)
		if (!tls_codes_have(p.hello.groups, p.hello.ngroups, pq[i]))
			fail_msg("group 0x%04x not offered", pq[i]);
	tls_enum_free(&e);

	r = run(&s, 6, 0);
	assert_true(r->versions[TLS_V_TLS13]);
	assert_int_equal(r->ngroups13, 9);
	assert_memory_equal(r->groups13, g13, sizeof(g13));
	assert_int_equal(r->ngroups, 9);
	/* tls.groups names them */
	memset(&cert, 0, sizeof(cert));
	assert_non_null(o = tls_report_json(r, &cert));
	groups = json_object_get(o, "groups");
	assert_int_equal(json_array_size(groups), 9);
	for (i = 0; i < 9; i++)
		assert_string_equal(json_string_value(json_array_get(groups,
		    i)), names[i]);
	json_decref(o);
}

/* A known DH prime is named in JSON and text; another is not. */
static void
test_report_dh_prime(void **state)
{
	struct tls_enum_result r;
	struct cert_result cert;
	char *text = NULL;
	size_t len = 0;
	json_t *o;
	FILE *fp;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&cert, 0, sizeof(cert));
	r.versions[TLS_V_TLS12] = 1;
	r.dh_bits = 1024;
	r.dh_known = 2;
	assert_non_null(o = tls_report_json(&r, &cert));
	assert_string_equal(json_string_value(json_object_get(o, "dh_prime")),
	    "RFC 2409 Oakley group 2");
	json_decref(o);
	assert_non_null(fp = open_memstream(&text, &len));
	assert_int_equal(tls_report_text(fp, &r, &cert), 0);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(strstr(text,
	    "  DHE group: 1024 bits (RFC 2409 Oakley group 2)\n"));
	free(text);
	r.dh_known = 0;
	assert_non_null(o = tls_report_json(&r, &cert));
	assert_true(json_is_null(json_object_get(o, "dh_prime")));
	json_decref(o);
	text = NULL;
	assert_non_null(fp = open_memstream(&text, &len));
	assert_int_equal(tls_report_text(fp, &r, &cert), 0);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(strstr(text, "  DHE group: 1024 bits\n"));
	free(text);
}

/* A HelloRetryRequest for a group we did not offer proves nothing. */
static void
test_tls13_hrr_not_offered(void **state)
{
	struct tls_enum_config cfg;
	struct tls_answer a;
	struct tls_enum *e;
	struct tls_probe p;
	uint8_t b[128];
	size_t n;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.versions = V(TLS13);
	cfg.flags = TLS_EC_NO_ORDER;
	assert_non_null(e = tls_enum_new(&cfg));
	assert_int_equal(tls_enum_next(e, &p), TLS_ENUM_PROBE);
	/* 0x0A0A: a GREASE value (RFC 8701), never a real group */
	assert_false(tls_codes_have(p.hello.groups, p.hello.ngroups, 0x0A0A));
	n = hrr_bytes(b, sizeof(b), 0x1301, 0x0A0A);
	assert_int_equal(tls_answer_parse(b, n, 0, &a), TLS_OK);
	assert_int_equal(a.kind, TLS_ANS_HRR);
	assert_int_equal(a.group, 0x0A0A);
	assert_int_equal(tls_enum_answer(e, p.id, TLS_OUT_ANSWER, &a), 0);
	assert_false(tls_codes_have(tls_enum_result(e)->groups13,
	    tls_enum_result(e)->ngroups13, 0x0A0A));
	tls_enum_free(&e);
}

static void
test_tls13_only(void **state)
{
	static const uint16_t s13[] = { 0x1302, 0x1301, 0x1303, 0x1304 };
	static const uint16_t g13[] = { 29, 23, 30, 24, 25, 256 };
	struct sim s = {
		.versions = V(TLS13), .suites = s13, .nsuites = 4,
		.server_order = 1, .groups = g13, .ngroups = 6,
	};
	const struct tls_enum_result *r;

	(void)state;
	r = run(&s, 6, 0);
	assert_true(r->versions[TLS_V_TLS13]);
	assert_false(r->versions[TLS_V_TLS12]);
	assert_suites(r, TLS_V_TLS13, s13, 4);
	assert_int_equal(r->server_order[TLS_V_TLS13], 1);
	assert_int_equal(r->ngroups13, 6);
	assert_memory_equal(r->groups13, g13, sizeof(g13));
	assert_int_equal(r->ngroups, 6);
	assert_int_equal(r->ncurves12, 0);
	assert_int_equal(r->secure_renegotiation, TLS_UNKNOWN);
	assert_int_equal(r->fallback_scsv, TLS_UNKNOWN);
	/* 5 refused versions; 1.3: 6 answers + 2 refusals = floor */
	assert_int_equal(r->floor, 5 + 6 + 2);
	assert_int_equal(r->connections, r->floor);
}

/* More suites than groups: the suites side runs out first. */
static void
test_tls13_more_suites_than_groups(void **state)
{
	static const uint16_t s13[] = { 0x1301, 0x1302, 0x1303, 0x1304,
	    0x1305 };
	static const uint16_t g13[] = { 23, 29 };
	struct sim s = {
		.versions = V(TLS13) | V(TLS12), .suites = s13,
		.nsuites = 5, .groups = g13, .ngroups = 2,
	};
	const struct tls_enum_result *r;

	(void)state;
	r = run(&s, 3, TLS_EC_NO_FALLBACK);
	assert_suites(r, TLS_V_TLS13, s13, 5);
	assert_int_equal(r->server_order[TLS_V_TLS13], 0);
	assert_int_equal(r->ngroups13, 2);
	assert_false(r->versions[TLS_V_TLS12]);	/* no 1.2 suites */
	/*
	 * 1.3: 5 answers; the refusal after the 2 groups is ambiguous, the
	 * groups (more left) are tested first and refused, then the suites
	 * run out: 3 refusals; one order probe.
	 */
	assert_int_equal(r->connections, 5 + 5 + 3 + 1);
}

/* A server that drops hellos with more than 100 suites. */
static void
test_intolerant_of_big_hellos(void **state)
{
	struct sim s = {
		.versions = V(TLS12) | V(TLS10), LIST(suites, modern),
		.server_order = 1, LIST(curves, curves), .reneg = 1,
	};
	struct sim t;
	const struct tls_enum_result *r, *rt;

	(void)state;
	t = s;
	s.max_suites = 100;
	r = run(&s, 4, 0);
	rt = run(&t, 4, 0);
	/* the same answer as from a tolerant server, order included */
	assert_suites(r, TLS_V_TLS12, modern, 6);
	assert_int_equal(r->server_order[TLS_V_TLS12], 1);
	assert_int_equal(r->nsuites[TLS_V_TLS10], rt->nsuites[TLS_V_TLS10]);
	assert_memory_equal(r->suites[TLS_V_TLS10], rt->suites[TLS_V_TLS10],
	    sizeof(r->suites[0][0]) * r->nsuites[TLS_V_TLS10]);
	assert_int_equal(r->server_order[TLS_V_TLS10], 1);
	assert_int_equal(r->ncurves12, 3);
	assert_true(r->connections > rt->connections);
	/* a close of the full hello is first asked again without DHE */
	assert_true(r->connections < rt->connections + 24);
	assert_memory_equal(r->dhe_failed, rt->dhe_failed,
	    sizeof(r->dhe_failed));
	assert_int_equal(r->dhe_failed[TLS_V_TLS12], 0);
}

/*
 * A server that picks DHE suites and cannot serve them (OpenSSL without
 * DH parameters), closing or with internal_error, in its own order or
 * the client's: every other suite is found, and the DHE failure told.
 */
static void
test_dhe_without_parameters(void **state)
{
	static const uint16_t want[] = { 0xc030, 0xc02f, 0xcca8, 0x0035,
	    0x000a };
	static const uint16_t want_sorted[] = { 0x000a, 0x0035, 0xc02f,
	    0xc030, 0xcca8 };
	struct sim s;
	const struct tls_enum_result *r;
	int fail, order;

	(void)state;
	for (fail = 1; fail <= 2; fail++)
		for (order = 0; order <= 1; order++) {
			memset(&s, 0, sizeof(s));
			s.versions = V(TLS12);
			s.suites = modern;
			s.nsuites = sizeof(modern) / sizeof(modern[0]);
			s.server_order = order;
			s.curves = curves;
			s.ncurves = sizeof(curves) / sizeof(curves[0]);
			s.reneg = 1;
			s.dhe_fail = fail;
			r = run(&s, 4, 0);
			assert_true(r->versions[TLS_V_TLS12]);
			if (order)
				assert_suites(r, TLS_V_TLS12, want, 5);
			else
				assert_suites(r, TLS_V_TLS12, want_sorted, 5);
			assert_int_equal(r->dhe_failed[TLS_V_TLS12], 1);
			assert_int_equal(r->dhe_failed[TLS_V_TLS11], 0);
		}
}

static void
test_legacy_ssl2_ssl3(void **state)
{
	static const uint16_t old[] = { 0x0004, 0x0003, 0x0001, 0x0009,
	    0x0005 };
	static const uint32_t kinds[] = { 0x010080, 0x020080, 0x0700c0 };
	struct sim s = {
		.versions = V(SSL2) | V(SSL3) | V(TLS10),
		LIST(suites, old), .server_order = 1, LIST(ssl2, kinds),
	};
	const struct tls_enum_result *r;

	(void)state;
	r = run(&s, 6, 0);
	assert_true(r->versions[TLS_V_SSL2]);
	assert_int_equal(r->nsuites[TLS_V_SSL2], 3);
	assert_int_equal(r->suites[TLS_V_SSL2][2], 0x0700c0);
	assert_true(r->versions[TLS_V_SSL3]);
	assert_true(r->versions[TLS_V_TLS10]);
	assert_false(r->versions[TLS_V_TLS11]);
	assert_suites(r, TLS_V_SSL3, old, 5);
	assert_suites(r, TLS_V_TLS10, old, 5);
	/* no fallback support: the SSLv3 hello with the SCSV is taken */
	assert_int_equal(r->fallback_scsv, 0);
	assert_null(tls_fallback_reason(r));
	assert_int_equal(r->connections, r->floor);
}

static void
test_closed_port(void **state)
{
	struct sim s = {
		.closed = 1,
	};
	const struct tls_enum_result *r;

	(void)state;
	r = run(&s, 1, 0);
	assert_int_equal(r->error, TLS_OUT_CONNECT);
	assert_int_equal(r->connections, 1);
	/* with several in flight the others still get answered */
	s.hellos = 0;
	assert_int_equal(run(&s, 4, 0)->connections, 4);
}

/* Not TLS at all: one hello per version, no retries. */
static void
test_garbage_server(void **state)
{
	struct sim s = {
		.garbage = 1,
	};
	const struct tls_enum_result *r;
	int v;

	(void)state;
	r = run(&s, 6, 0);
	for (v = 0; v < TLS_V_COUNT; v++)
		assert_false(r->versions[v]);
	assert_int_equal(r->connections, 6);
	assert_int_equal(r->failures, 6);
	assert_int_equal(r->error, 0);
}

/* Same result however many probes run at once. */
/*
 * Runs an enumeration in waves: every probe the planner hands out (up to
 * par) is answered before the next wave.  Returns the number of waves,
 * the round trips a server with time to spare would see.
 */
static unsigned
waves(struct sim *s, unsigned par, const struct tls_enum_result **rp)
{
	struct tls_enum_config cfg;
	struct tls_enum *e;
	struct tls_probe q[8];
	struct tls_answer a;
	unsigned n, i, w = 0;
	int out;

	memset(&cfg, 0, sizeof(cfg));
	cfg.sni = "sim.test";
	assert_non_null(e = tls_enum_new(&cfg));
	for (;;) {
		for (n = 0; n < par && tls_enum_next(e, &q[n]) ==
		    TLS_ENUM_PROBE; n++)
			;
		if (n == 0)
			break;
		w++;
		for (i = 0; i < n; i++) {
			out = sim_answer(s, &q[i], &a);
			assert_int_equal(tls_enum_answer(e, q[i].id, out,
			    out == TLS_OUT_ANSWER ? &a : NULL), 0);
		}
		assert_true(w < 500);
	}
	assert_true(tls_enum_done(e));
	*rp = kept(e);
	return w;
}

/*
 * A server that takes the client's order is enumerated from both ends at
 * once (the reversed hello shows the order early): the same result in
 * about half the round trips, for at most two more hellos.
 */
static void
test_client_order_both_ends(void **state)
{
	static const uint16_t many[] = { 0x002f, 0x0035, 0x003c, 0x003d,
	    0x009c, 0x009d, 0x009e, 0x009f, 0xc013, 0xc014, 0xc027, 0xc02f,
	    0xc030, 0xcca8 };
	struct sim s = {
		.versions = V(TLS12), LIST(suites, many),
		.curves = curves, .ncurves = 1,
	};
	struct sim t;
	const struct tls_enum_result *a, *b;
	unsigned w1, w4;

	(void)state;
	t = s;
	w1 = waves(&s, 1, &a);
	w4 = waves(&t, 4, &b);
	assert_suites(a, TLS_V_TLS12, many, 14);
	assert_suites(b, TLS_V_TLS12, many, 14);
	assert_int_equal(a->server_order[TLS_V_TLS12], 0);
	assert_int_equal(b->server_order[TLS_V_TLS12], 0);
	/*
	 * Alone: 14 picks, a refusal and the order hello in sequence, after
	 * the first wave of the other versions.  From both ends about half;
	 * the second end's refusal and a pick both ends make at once cost
	 * up to three more hellos.
	 */
	assert_true(w1 >= 16);
	assert_true(w4 <= 11);
	assert_true(b->connections <= a->connections + 3);
}

static void
test_parallelism_does_not_change_result(void **state)
{
	static const uint16_t s13[] = { 0x1301, 0x1302 };
	static const uint16_t g13[] = { 29, 23 };
	static const uint16_t both[] = { 0x1301, 0x1302, 0xc02f, 0xc013,
	    0x009e, 0x0033, 0x002f };
	struct sim s = {
		.versions = V(TLS13) | V(TLS12) | V(TLS11) | V(TLS10),
		LIST(suites, both), .server_order = 1, .groups = g13,
		.ngroups = 2, .curves = curves, .ncurves = 2,
		.dh_bits = 1024, .fallback = 1,
	};
	struct sim t;
	const struct tls_enum_result *a, *b;

	(void)state;
	(void)s13;
	t = s;
	a = run(&s, 1, 0);
	b = run(&t, 6, 0);
	assert_memory_equal(a->versions, b->versions, sizeof(a->versions));
	assert_memory_equal(a->nsuites, b->nsuites, sizeof(a->nsuites));
	assert_memory_equal(a->suites, b->suites, sizeof(a->suites));
	assert_memory_equal(a->server_order, b->server_order,
	    sizeof(a->server_order));
	assert_int_equal(a->connections, b->connections);
	assert_int_equal(a->dh_bits, 1024);
	assert_int_equal(a->fallback_scsv, 1);
	assert_int_equal(a->nsuites[TLS_V_TLS12], 5);
	assert_int_equal(a->nsuites[TLS_V_TLS11], 3);
	assert_int_equal(a->nsuites[TLS_V_TLS13], 2);
	assert_int_equal(a->ngroups, 2);	/* x25519, secp256r1 */
}

/*
 * Runs an enumeration as the engine does: par slots, each probe answered
 * one round trip after it went out, and a slot refilled the moment its
 * answer is in.  Returns the round trips of the whole scan.
 */
static unsigned
pipelined(struct sim *s, unsigned par, const struct tls_enum_result **rp)
{
	struct tls_enum_config cfg;
	struct tls_enum *e;
	struct tls_probe q[8];
	unsigned sent[8];
	struct tls_answer a;
	unsigned n = 0, i, now = 0, best;
	int out;

	memset(&cfg, 0, sizeof(cfg));
	cfg.sni = "sim.test";
	assert_non_null(e = tls_enum_new(&cfg));
	for (;;) {
		while (n < par && tls_enum_next(e, &q[n]) == TLS_ENUM_PROBE)
			sent[n++] = now;
		if (n == 0)
			break;
		/* the oldest probe answers next */
		for (best = 0, i = 1; i < n; i++)
			if (sent[i] < sent[best])
				best = i;
		now = sent[best] + 1;
		out = sim_answer(s, &q[best], &a);
		assert_int_equal(tls_enum_answer(e, q[best].id, out,
		    out == TLS_OUT_ANSWER ? &a : NULL), 0);
		q[best] = q[n - 1];
		sent[best] = sent[n - 1];
		n--;
		assert_true(now < 500);
	}
	assert_true(tls_enum_done(e));
	*rp = kept(e);
	return now;
}

static void assert_same(const struct tls_enum_result *,
    const struct tls_enum_result *);

/* nginx with ALL:@SECLEVEL=0 and an RSA key, TLS 1.0-1.2 (client order). */
static const uint16_t nginx_all[] = { 0x002f, 0x0033, 0x0034, 0x0035,
    0x0039, 0x003a, 0x003c, 0x003d, 0x0041, 0x0045, 0x0046, 0x0067, 0x006b,
    0x006c, 0x006d, 0x0084, 0x0088, 0x0089, 0x009c, 0x009d, 0x009e, 0x009f,
    0x00a6, 0x00a7, 0x00ba, 0x00be, 0x00bf, 0x00c0, 0x00c4, 0x00c5, 0xc013,
    0xc014, 0xc018, 0xc019, 0xc027, 0xc028, 0xc02f, 0xc030, 0xc050, 0xc051,
    0xc052, 0xc053, 0xc060, 0xc061, 0xc076, 0xc077, 0xc09c, 0xc09d, 0xc09e,
    0xc09f, 0xc0a0, 0xc0a1, 0xc0a2, 0xc0a3, 0xcca8, 0xccaa };
static const uint16_t curves5[] = { 23, 24, 25, 29, 30 };

/* The suites of list that version v can carry, in list order. */
static size_t
fitting(const uint16_t *list, size_t n, int v, uint16_t *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (fits(list[i], v))
			out[k++] = list[i];
	return k;
}

/*
 * A client-order server with many suites: the chains find exactly the
 * same sets as one chain, in the client's order, and with four probes in
 * flight take about a quarter of the round trips of a lone chain, for a
 * few more hellos (one refusal per extra chain, and a pick an in-flight
 * hello makes twice after a split).
 */
static void
test_client_order_chains(void **state)
{
	struct sim s = {
		.versions = V(TLS12) | V(TLS11) | V(TLS10), LIST(suites, nginx_all),
		LIST(curves, curves5), .dh_bits = 2048, .fallback = 1,
		.reneg = 1,
	};
	struct sim t;
	uint16_t want[sizeof(nginx_all) / sizeof(nginx_all[0])];
	const struct tls_enum_result *a, *b;
	struct sim u;
	const struct tls_enum_result *c;
	unsigned w1, w4, p4;
	size_t n;
	int v;

	(void)state;
	t = s;
	u = s;
	w1 = waves(&s, 1, &a);
	w4 = waves(&t, 4, &b);
	p4 = pipelined(&u, 4, &c);
	for (v = TLS_V_TLS10; v <= TLS_V_TLS12; v++) {
		n = fitting(nginx_all, sizeof(nginx_all) / sizeof(nginx_all[0]),
		    v, want);
		assert_suites(a, v, want, n);
		assert_suites(b, v, want, n);
		assert_int_equal(b->server_order[v], 0);
	}
	assert_int_equal(b->nsuites[TLS_V_TLS12], 56);
	assert_int_equal(b->nsuites[TLS_V_TLS10], 16);
	assert_int_equal(b->ncurves12, 5);
	assert_int_equal(b->fallback_scsv, 1);
	assert_int_equal(b->floor, 100);
	assert_same(b, c);
	/*
	 * One chain at a time: a round trip per hello.  Four in flight:
	 * ceil(100 / 4) = 25 round trips at best; 26 today, for one hello
	 * more than the floor (with the engine's timing too).
	 */
	assert_int_equal(w1, a->connections);
	assert_true(w4 <= 27);
	assert_true(p4 <= 27);
	assert_true(b->connections <= b->floor + 4);
	assert_true(c->connections <= c->floor + 4);
}

/* nginx with the Mozilla intermediate suites, TLS 1.2 and 1.3. */
static void
test_mozilla_round_trips(void **state)
{
	static const uint16_t moz[] = { 0x1301, 0x1302, 0x1303, 0xc02f,
	    0xc030, 0xcca8, 0x009e, 0x009f, 0xccaa };
	static const uint16_t g5[] = { 29, 23, 30, 25, 24 };
	struct sim s = {
		.versions = V(TLS12) | V(TLS13), LIST(suites, moz),
		LIST(groups, g5), LIST(curves, g5), .dh_bits = 2048,
		.fallback = 1,
	};
	const struct tls_enum_result *r;
	unsigned rt;

	(void)state;
	rt = pipelined(&s, 4, &r);
	assert_suites(r, TLS_V_TLS13, moz, 3);
	assert_int_equal(r->server_order[TLS_V_TLS13], 0);
	assert_int_equal(r->nsuites[TLS_V_TLS12], 6);
	assert_int_equal(r->server_order[TLS_V_TLS12], 0);
	assert_int_equal(r->ngroups13, 5);
	assert_memory_equal(r->groups13, g5, sizeof(g5));
	assert_int_equal(r->ncurves12, 5);
	/*
	 * TLS 1.3 takes a hello per group, one after the other (their order
	 * is the server's preference): 5 + a refusal + 1; its order hello
	 * goes alongside the groups.
	 */
	assert_true(rt <= 8);
	assert_true(r->connections <= r->floor + 2);
}

static void
assert_same(const struct tls_enum_result *a, const struct tls_enum_result *b)
{
	assert_memory_equal(a->versions, b->versions, sizeof(a->versions));
	assert_memory_equal(a->nsuites, b->nsuites, sizeof(a->nsuites));
	assert_memory_equal(a->suites, b->suites, sizeof(a->suites));
	assert_memory_equal(a->server_order, b->server_order,
	    sizeof(a->server_order));
	assert_int_equal(a->ngroups, b->ngroups);
	assert_memory_equal(a->groups, b->groups, sizeof(a->groups));
	assert_int_equal(a->fallback_scsv, b->fallback_scsv);
	assert_int_equal(a->dh_bits, b->dh_bits);
	assert_int_equal(a->secure_renegotiation, b->secure_renegotiation);
}

/*
 * A server that pushes back now and then, or falls silent for a while in
 * the middle (busy: it serves one connection at a time, behind another):
 * asked again, the same result.  Only a hello at a version with nothing
 * taken yet is not asked again after silence (TLS 1.1 here: a tarpit is
 * not asked again and again).
 */
static void
test_throttled_then_answered(void **state)
{
	static const uint16_t s13[] = { 0x1301, 0x1302 };
	static const uint16_t both[] = { 0x1301, 0x1302, 0xc02f, 0xc013,
	    0x009e, 0x0033, 0x002f };
	struct sim s = {
		.versions = V(TLS13) | V(TLS12) | V(TLS11),
		LIST(suites, both), .server_order = 1, LIST(groups, s13),
		.curves = curves, .ncurves = 2, .dh_bits = 2048,
		.fallback = 1, .reneg = 1,
	};
	struct sim w = {
		.versions = V(TLS12) | V(TLS11) | V(TLS10),
		LIST(suites, nginx_all), LIST(curves, curves5), .fallback = 1,
	};
	struct sim t;
	const struct tls_enum_result *a, *aw, *b;
	int silent;

	(void)state;
	t = s;
	a = run(&t, 4, 0);
	t = w;
	aw = run(&t, 4, 0);
	/* the first 3 answers of a lone chain: one probe, 3 times */
	t = s;
	t.throttle = 3;
	b = run(&t, 1, 0);
	assert_same(a, b);
	assert_int_equal(b->throttled, 0);
	assert_int_equal(b->connections, a->connections + 3);
	for (silent = 0; silent <= 1; silent++) {
		/* 6 in a row in the middle, with 4 in flight */
		t = s;
		t.after = 9;
		*(silent ? &t.silent : &t.throttle) = 6;
		b = run(&t, 4, 0);
		assert_same(a, b);
		assert_int_equal(b->throttled, 0);
		assert_true(b->connections > a->connections &&
		    b->connections <= a->connections + 6);
		if (!silent)
			assert_int_equal(b->connections, a->connections + 6);
		/* and a client-order server, whose versions run as chains */
		t = w;
		t.after = 30;
		*(silent ? &t.silent : &t.throttle) = 9;
		b = run(&t, 4, 0);
		assert_same(aw, b);
		assert_int_equal(b->throttled, 0);
		assert_int_equal(b->nsuites[TLS_V_TLS12], 56);
	}
}

/*
 * A server that always pushes back: every probe is given up after
 * TLS_ENUM_TRIES hellos, counted, and nothing is reported as refused by
 * it: the result says it is incomplete.
 */
static void
test_throttled_forever(void **state)
{
	struct sim s = {
		.versions = V(TLS12) | V(TLS11), LIST(suites, modern),
		.server_order = 1, LIST(curves, curves), .fallback = 1,
		.throttle = 100000,
	};
	struct sim t;
	const struct tls_enum_result *r;
	int v;

	(void)state;
	t = s;
	r = run(&s, 4, 0);
	assert_true(r->throttled > 0);
	/* 6 version streams, 4 hellos each, nothing else was learnt */
	assert_int_equal(r->throttled, 6);
	assert_int_equal(r->connections, 6 * 4);
	for (v = 0; v < TLS_V_COUNT; v++)
		assert_int_equal(r->server_order[v], TLS_UNKNOWN);
	assert_int_equal(r->fallback_scsv, TLS_UNKNOWN);
	/* from the 12th hello on, with picks made: incomplete, and so said */
	t.after = 12;
	r = run(&t, 4, 0);
	assert_true(r->throttled > 0);
	assert_true(r->nsuites[TLS_V_TLS12] < 6 ||
	    r->nsuites[TLS_V_TLS11] < 2 || r->ncurves12 < 3 ||
	    r->fallback_scsv == TLS_UNKNOWN);
	assert_true(r->nsuites[TLS_V_TLS12] <= 6);
}

/*
 * Dovecot and GnuTLS-based servers refuse the SCSV hello by closing: a
 * downgrade refused, since the same hello without the SCSV was taken
 * (the version's first).  For a server that took only chunks, one more
 * hello, the control, shows it.
 */
static void
test_fallback_refused_by_close(void **state)
{
	struct sim s = {
		.versions = V(TLS12) | V(TLS11), LIST(suites, modern),
		.server_order = 1, LIST(curves, curves), .fallback = 1,
		.fallback_close = 1,
	};
	static const uint16_t two[] = { 0x000a, 0x002f };
	struct sim t, u, w;
	const struct tls_enum_result *a, *b, *c, *d;

	(void)state;
	t = s;
	t.fallback_close = 0;
	u = s;
	u.max_suites = 100;
	w = u;
	w.fallback_close = 0;
	a = run(&s, 4, 0);
	b = run(&t, 4, 0);
	assert_int_equal(a->fallback_scsv, 1);
	assert_int_equal(a->fallback_closed, 1);
	assert_string_equal(tls_fallback_reason(a),
	    "refused by closing the connection");
	assert_int_equal(b->fallback_scsv, 1);
	assert_int_equal(b->fallback_closed, 0);
	assert_null(tls_fallback_reason(b));
	assert_int_equal(a->connections, b->connections);
	/* chunked: the fallback hello offers the suites taken, a control */
	c = run(&u, 4, 0);
	d = run(&w, 4, 0);
	assert_int_equal(c->fallback_scsv, 1);
	assert_int_equal(c->fallback_closed, 1);
	assert_int_equal(d->fallback_closed, 0);
	assert_int_equal(c->connections, d->connections + 1);
	/* TLS 1.2 and SSLv3: the SSLv3 hello repeated with the SCSV */
	memset(&u, 0, sizeof(u));
	u.versions = V(TLS12) | V(SSL3);
	u.suites = two;
	u.nsuites = 2;
	u.fallback = 1;
	u.fallback_close = 1;
	c = run(&u, 4, 0);
	assert_int_equal(c->fallback_scsv, 1);
	assert_int_equal(c->fallback_closed, 1);
}

/*
 * Chains keep the server's order where it has one (one chain: its picks
 * are that order), and find the exact set from chunks.
 */
static void
test_chains_server_order_and_chunks(void **state)
{
	uint16_t rev[sizeof(nginx_all) / sizeof(nginx_all[0])];
	uint16_t want[sizeof(nginx_all) / sizeof(nginx_all[0])];
	size_t i, n = sizeof(nginx_all) / sizeof(nginx_all[0]);
	struct sim s = {
		.versions = V(TLS12) | V(TLS10), .server_order = 1,
		LIST(curves, curves5), .fallback = 1,
	};
	struct sim t;
	const struct tls_enum_result *a, *b;
	int v;

	(void)state;
	/* the server's order: a shuffle of ours (every 5th, wrapping) */
	for (i = 0; i < n; i++)
		rev[i] = nginx_all[(i * 5) % n];
	s.suites = rev;
	s.nsuites = n;
	a = run(&s, 4, 0);
	for (v = TLS_V_TLS10; v <= TLS_V_TLS12; v += 2) {
		assert_suites(a, v, want, fitting(rev, n, v, want));
		assert_int_equal(a->server_order[v], 1);
	}
	/* client order, and only hellos of up to 100 suites answered */
	memset(&t, 0, sizeof(t));
	t.versions = V(TLS12) | V(TLS10);
	t.suites = nginx_all;
	t.nsuites = n;
	t.curves = curves5;
	t.ncurves = 5;
	t.max_suites = 100;
	b = run(&t, 4, 0);
	for (v = TLS_V_TLS10; v <= TLS_V_TLS12; v += 2) {
		assert_suites(b, v, want, fitting(nginx_all, n, v, want));
		assert_int_equal(b->server_order[v], 0);
	}
}

/*
 * Eight in flight against a client-order server whose suites sit in a
 * few clusters: chains split while their probes are out, so picks land
 * in the half given away and come twice.  Still exactly the set, in the
 * client's order; a few more hellos.
 */
static void
test_chains_split_in_flight(void **state)
{
	static const uint16_t sparse[] = { 0x002f, 0x0035, 0x009c, 0x009d,
	    0x009e, 0x009f, 0xc02b, 0xc02c, 0xc02f, 0xc030, 0xc09c, 0xc09d,
	    0xc09e, 0xc09f, 0xc0a0, 0xc0a1, 0xc0a2, 0xc0a3, 0xcca8, 0xcca9,
	    0xccaa };
	struct sim s = {
		.versions = V(TLS12), LIST(suites, sparse),
		LIST(curves, curves5),
	};
	struct sim t;
	const struct tls_enum_result *a, *b;
	uint16_t want[sizeof(sparse) / sizeof(sparse[0])];
	size_t n;

	(void)state;
	t = s;
	a = run(&s, 1, TLS_EC_NO_GROUPS);
	b = run(&t, 8, TLS_EC_NO_GROUPS);
	n = fitting(sparse, sizeof(sparse) / sizeof(sparse[0]), TLS_V_TLS12,
	    want);
	assert_suites(a, TLS_V_TLS12, want, n);
	assert_suites(b, TLS_V_TLS12, want, n);
	assert_int_equal(a->server_order[TLS_V_TLS12], 0);
	assert_int_equal(b->server_order[TLS_V_TLS12], 0);
	assert_true(b->connections <= a->connections + NSUB_BOUND);
}

/*
 * A server that falls silent for good in the middle leaves the result
 * incomplete (throttled), never a suite refused by silence; one silent
 * from the start is not asked again and again.
 */
static void
test_silent_for_good(void **state)
{
	struct sim w = {
		.versions = V(TLS12) | V(TLS11) | V(TLS10),
		LIST(suites, nginx_all), LIST(curves, curves5), .fallback = 1,
	};
	struct sim t;
	const struct tls_enum_result *a, *b;
	size_t k, j;
	int v;

	(void)state;
	t = w;
	a = run(&t, 4, 0);
	t = w;
	t.after = 30;
	t.silent = 100000;
	b = run(&t, 4, 0);
	assert_true(b->throttled > 0);
	assert_true(b->nsuites[TLS_V_TLS12] < 56);
	for (v = TLS_V_TLS10; v <= TLS_V_TLS12; v++)
		for (k = 0; k < b->nsuites[v]; k++) {
			for (j = 0; j < a->nsuites[v] &&
			    a->suites[v][j] != b->suites[v][k]; j++)
				;
			assert_true(j < a->nsuites[v]);
		}
	t = w;
	t.silent = 100000;
	b = run(&t, 4, 0);
	assert_int_equal(b->throttled, 0);
	for (v = 0; v < TLS_V_COUNT; v++)
		assert_false(b->versions[v]);
	assert_true(b->connections < 20);
}

/*
 * A client-order server that refuses by closing, without an alert, as
 * Dovecot's LMTP does: a chain's refusal of an offer with DHE suites
 * looks like the failure of a server without DH parameters until the
 * same offer without them is refused too.  Whatever order the answers
 * come in, every suite is found and no DHE failure is told; and a server
 * whose DHE does fail is still told, in any order.
 */
static void
test_refusals_by_close_in_any_order(void **state)
{
	struct sim s = {
		.versions = V(TLS12), LIST(suites, nginx_all),
		LIST(curves, curves5), .dh_bits = 2048, .reneg = 1,
		.refuse_close = 1,
	};
	struct sim t;
	uint16_t want[sizeof(nginx_all) / sizeof(nginx_all[0])];
	uint16_t want_fail[sizeof(nginx_all) / sizeof(nginx_all[0])];
	const struct tls_enum_result *r;
	size_t n, nf = 0, k;
	uint32_t seed;

	(void)state;
	n = fitting(nginx_all, sizeof(nginx_all) / sizeof(nginx_all[0]),
	    TLS_V_TLS12, want);
	for (k = 0; k < n; k++)
		if (!(tls_suite_by_code(want[k])->flags & TLS_SF_DHE))
			want_fail[nf++] = want[k];
	assert_true(nf > 10 && nf < n);
	for (seed = 1; seed <= 80; seed++) {
		s.server_order = seed % 4 == 0;
		t = s;
		r = drive(&t, 4, 0, seed);
		assert_suites(r, TLS_V_TLS12, want, n);
		assert_int_equal(r->dhe_failed[TLS_V_TLS12], 0);
		free_planners(NULL);
		t = s;
		t.dhe_fail = 1 + seed % 2;
		r = drive(&t, 4, 0, seed);
		assert_suites(r, TLS_V_TLS12, want_fail, nf);
		assert_int_equal(r->dhe_failed[TLS_V_TLS12], 1);
		assert_int_equal(r->dhe_failed[TLS_V_TLS11], 0);
		assert_false(r->versions[TLS_V_TLS11]);
		free_planners(NULL);
	}
}

/* tls_enum_free() takes NULL and nulls the pointer. */
static void
test_free_nulls(void **state)
{
	struct tls_enum_config cfg;
	struct tls_enum *e;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	assert_non_null(e = tls_enum_new(&cfg));
	tls_enum_free(&e);
	assert_null(e);
	tls_enum_free(&e);
	tls_enum_free(NULL);
}

#define T(f)	cmocka_unit_test_teardown(f, free_planners)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_server_order),
		T(test_client_order),
		T(test_server_order_like_ours),
		T(test_tls13_only),
		T(test_tls13_pq_groups),
		T(test_tls13_hrr_not_offered),
		T(test_report_dh_prime),
		T(test_tls13_more_suites_than_groups),
		T(test_intolerant_of_big_hellos),
		T(test_dhe_without_parameters),
		T(test_legacy_ssl2_ssl3),
		T(test_closed_port),
		T(test_garbage_server),
		T(test_parallelism_does_not_change_result),
		T(test_client_order_both_ends),
		T(test_client_order_chains),
		T(test_mozilla_round_trips),
		T(test_throttled_then_answered),
		T(test_throttled_forever),
		T(test_fallback_refused_by_close),
		T(test_chains_server_order_and_chunks),
		T(test_chains_split_in_flight),
		T(test_refusals_by_close_in_any_order),
		T(test_silent_for_good),
		cmocka_unit_test(test_free_nulls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
