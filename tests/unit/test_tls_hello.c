/*
 * Unit tests of the ClientHello builder and the answer parser
 * (scanner/tls/tls_hello.c).  The parser is fed answers captured from
 * openssl s_server and gnutls-serv on loopback (the seed corpus of the
 * tls_answer fuzz target) and hand-made broken ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "scanner/buf.h"
#include "scanner/tls/tls_dhprimes.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"
#include "tests/unit/scan_helpers.h"

/* What the test's own ClientHello reader found. */
struct ch {
	uint8_t		 rectype;
	uint16_t	 recver;
	uint16_t	 version;
	size_t		 hslen;		/* handshake message incl. header */
	size_t		 sidlen;
	size_t		 nsuites;
	uint16_t	 suites[600];
	size_t		 ncomp;
	uint8_t		 comp[4];
	size_t		 next;
	uint16_t	 exts[32];
	struct rbuf	 extdata[32];
};

/* Reads a built TLS ClientHello back, checking that every length adds up. */
static void
read_hello(const struct wbuf *w, struct ch *c)
{
	struct rbuf r, hs, body, v, exts;
	uint32_t len24;
	uint16_t reclen, u16;
	uint8_t type;
	size_t i;

	memset(c, 0, sizeof(*c));
	rbuf_init(&r, w->p, w->len);
	assert_int_equal(rbuf_get_u8(&r, &c->rectype), 0);
	assert_int_equal(rbuf_get_u16(&r, &c->recver), 0);
	assert_int_equal(rbuf_get_u16(&r, &reclen), 0);
	assert_int_equal(reclen, rbuf_left(&r));
	assert_int_equal(rbuf_get_sub(&r, reclen, &hs), 0);
	assert_int_equal(rbuf_get_u8(&hs, &type), 0);
	assert_int_equal(type, 1);
	assert_int_equal(rbuf_get_u24(&hs, &len24), 0);
	assert_int_equal(len24, rbuf_left(&hs));
	c->hslen = 4 + len24;
	assert_int_equal(rbuf_get_sub(&hs, len24, &body), 0);
	assert_int_equal(rbuf_get_u16(&body, &c->version), 0);
	assert_int_equal(rbuf_skip(&body, 32), 0);
	assert_int_equal(rbuf_get_vec(&body, 1, &v), 0);
	c->sidlen = rbuf_left(&v);
	assert_int_equal(rbuf_get_vec(&body, 2, &v), 0);
	while (rbuf_left(&v) > 0) {
		assert_int_equal(rbuf_get_u16(&v, &u16), 0);
		assert_true(c->nsuites < 600);
		c->suites[c->nsuites++] = u16;
	}
	assert_int_equal(rbuf_get_vec(&body, 1, &v), 0);
	while (rbuf_left(&v) > 0 && c->ncomp < 4)
		assert_int_equal(rbuf_get_u8(&v, &c->comp[c->ncomp++]), 0);
	if (rbuf_left(&body) == 0)
		return;
	assert_int_equal(rbuf_get_vec(&body, 2, &exts), 0);
	assert_int_equal(rbuf_left(&body), 0);
	while (rbuf_left(&exts) > 0) {
		assert_true(c->next < 32);
		i = c->next++;
		assert_int_equal(rbuf_get_u16(&exts, &c->exts[i]), 0);
		assert_int_equal(rbuf_get_vec(&exts, 2, &c->extdata[i]), 0);
	}
}

static struct rbuf *
find_ext(struct ch *c, uint16_t type)
{
	size_t i;

	for (i = 0; i < c->next; i++)
		if (c->exts[i] == type)
			return &c->extdata[i];
	return NULL;
}

static int
has_suite(const struct ch *c, uint16_t code)
{
	size_t i;

	for (i = 0; i < c->nsuites; i++)
		if (c->suites[i] == code)
			return 1;
	return 0;
}

static void
build(const struct tls_hello_opts *o, struct wbuf *w)
{
	wbuf_init(w, TLS_HELLO_MAX);
	assert_int_equal(tls_hello_build(o, w), 0);
}

static void
test_tls12_hello(void **state)
{
	struct tls_hello_opts o;
	struct wbuf w;
	struct ch c;
	struct rbuf *e, v;
	uint16_t u16;
	uint8_t u8;
	const uint8_t *name;

	(void)state;
	tls_hello_defaults(&o, TLS_V_TLS12, "www.example.test");
	o.suites[o.nsuites++] = 0xc02f;
	o.suites[o.nsuites++] = 0x0035;
	o.flags |= TLS_HO_OCSP | TLS_HO_DEFLATE;
	build(&o, &w);
	read_hello(&w, &c);
	assert_int_equal(c.rectype, 22);
	assert_int_equal(c.recver, 0x0301);
	assert_int_equal(c.version, 0x0303);
	assert_int_equal(c.sidlen, 0);
	assert_int_equal(c.nsuites, 2);
	assert_int_equal(c.suites[0], 0xc02f);
	assert_int_equal(c.suites[1], 0x0035);
	assert_int_equal(c.ncomp, 2);
	assert_int_equal(c.comp[0], 1);		/* DEFLATE offered */
	assert_int_equal(c.comp[1], 0);
	/* server_name carries the host name */
	assert_non_null(e = find_ext(&c, 0));
	assert_int_equal(rbuf_get_vec(e, 2, &v), 0);
	assert_int_equal(rbuf_get_u8(&v, &u8), 0);
	assert_int_equal(u8, 0);
	assert_int_equal(rbuf_get_u16(&v, &u16), 0);
	assert_int_equal(u16, strlen("www.example.test"));
	assert_int_equal(rbuf_get_bytes(&v, u16, &name), 0);
	assert_memory_equal(name, "www.example.test", u16);
	assert_non_null(find_ext(&c, 5));	/* status_request */
	assert_non_null(e = find_ext(&c, 10));	/* supported_groups */
	assert_int_equal(rbuf_get_vec(e, 2, &v), 0);
	assert_true(rbuf_left(&v) >= 2 * 5);
	assert_non_null(find_ext(&c, 11));	/* ec_point_formats */
	assert_non_null(find_ext(&c, 13));	/* signature_algorithms */
	assert_non_null(find_ext(&c, 23));	/* extended_master_secret */
	assert_non_null(e = find_ext(&c, 0xff01));
	assert_int_equal(rbuf_left(e), 1);
	assert_null(find_ext(&c, 43));		/* no supported_versions */
	assert_null(find_ext(&c, 51));		/* no key_share */
	wbuf_release(&w);
}

static void
test_tls13_hello_key_shares(void **state)
{
	struct tls_hello_opts o;
	struct wbuf w;
	struct ch c;
	struct rbuf *e, v, ks;
	uint16_t g, u16;
	uint8_t u8;
	const uint8_t *pt;

	(void)state;
	tls_hello_defaults(&o, TLS_V_TLS13, NULL);
	o.suites[o.nsuites++] = 0x1301;
	o.suites[o.nsuites++] = 0x1302;
	o.flags |= TLS_HO_DEFLATE;	/* must be ignored in TLS 1.3 */
	o.shares[o.nshares++] = 29;
	o.shares[o.nshares++] = 23;
	build(&o, &w);
	read_hello(&w, &c);
	assert_int_equal(c.version, 0x0303);
	assert_int_equal(c.sidlen, 32);
	assert_int_equal(c.ncomp, 1);
	assert_int_equal(c.comp[0], 0);
	assert_null(find_ext(&c, 0));		/* no SNI given */
	assert_null(find_ext(&c, 0xff01));
	assert_non_null(e = find_ext(&c, 43));
	assert_int_equal(rbuf_get_u8(e, &u8), 0);
	assert_int_equal(u8, 2);
	assert_int_equal(rbuf_get_u16(e, &u16), 0);
	assert_int_equal(u16, 0x0304);
	assert_non_null(e = find_ext(&c, 51));
	assert_int_equal(rbuf_get_vec(e, 2, &v), 0);
	assert_int_equal(rbuf_get_u16(&v, &g), 0);
	assert_int_equal(g, 29);
	assert_int_equal(rbuf_get_vec(&v, 2, &ks), 0);
	assert_int_equal(rbuf_left(&ks), 32);
	assert_int_equal(rbuf_get_u16(&v, &g), 0);
	assert_int_equal(g, 23);
	assert_int_equal(rbuf_get_vec(&v, 2, &ks), 0);
	assert_int_equal(rbuf_left(&ks), 65);
	assert_int_equal(rbuf_get_bytes(&ks, 65, &pt), 0);
	assert_int_equal(pt[0], 0x04);		/* uncompressed point */
	assert_int_equal(rbuf_left(&v), 0);
	wbuf_release(&w);

	/* no shares: an empty key_share list */
	o.nshares = 0;
	build(&o, &w);
	read_hello(&w, &c);
	assert_non_null(e = find_ext(&c, 51));
	assert_int_equal(rbuf_left(e), 2);
	wbuf_release(&w);

	/* a share for a group not offered is refused */
	o.ngroups = 1;
	o.groups[0] = 23;
	o.shares[0] = 29;
	o.nshares = 1;
	wbuf_init(&w, TLS_HELLO_MAX);
	assert_int_equal(tls_hello_build(&o, &w), TLS_EOPTS);
	wbuf_release(&w);
}

static void
test_padding_avoids_256_511(void **state)
{
	struct tls_hello_opts o;
	struct wbuf w;
	struct ch c;
	const struct tls_suite *s;
	size_t i, n;
	int v, seen_pad = 0;

	(void)state;
	for (v = TLS_V_SSL3; v <= TLS_V_TLS13; v++) {
		for (n = 0; n <= 300; n += 3) {
			tls_hello_defaults(&o, v, "a.test");
			for (i = 0; o.nsuites < n &&
			    (s = tls_suite_at(i)) != NULL; i++)
				if (s->code <= 0xffff)
					o.suites[o.nsuites++] = s->code;
			build(&o, &w);
			read_hello(&w, &c);
			assert_false(c.hslen >= 256 && c.hslen < 512);
			if (find_ext(&c, 21) != NULL) {
				seen_pad = 1;
				assert_in_range(c.hslen, 512, 515);
			}
			wbuf_release(&w);
		}
	}
	assert_true(seen_pad);
}

static void
test_scsv_and_ip_sni(void **state)
{
	struct tls_hello_opts o;
	struct wbuf w;
	struct ch c;

	(void)state;
	tls_hello_defaults(&o, TLS_V_SSL3, "192.0.2.7");
	o.suites[o.nsuites++] = 0x000a;
	o.flags |= TLS_HO_FALLBACK_SCSV;
	build(&o, &w);
	read_hello(&w, &c);
	assert_int_equal(c.recver, 0x0300);
	assert_int_equal(c.version, 0x0300);
	assert_int_equal(c.nsuites, 3);
	assert_true(has_suite(&c, 0x000a));
	assert_true(has_suite(&c, 0x00ff));	/* renegotiation SCSV */
	assert_true(has_suite(&c, 0x5600));	/* fallback SCSV */
	assert_null(find_ext(&c, 0));		/* no SNI for an address */
	assert_null(find_ext(&c, 13));		/* no sigalgs before 1.2 */
	wbuf_release(&w);

	tls_hello_defaults(&o, TLS_V_TLS10, "::1");
	o.flags = TLS_HO_NO_EXT;
	o.suites[o.nsuites++] = 0x002f;
	build(&o, &w);
	read_hello(&w, &c);
	assert_int_equal(c.version, 0x0301);
	assert_int_equal(c.next, 0);
	wbuf_release(&w);
}

static void
test_ssl2_hello(void **state)
{
	struct tls_hello_opts o;
	struct wbuf w;

	(void)state;
	tls_hello_defaults(&o, TLS_V_SSL2, NULL);
	o.suites[o.nsuites++] = 0x010080;
	o.suites[o.nsuites++] = 0x020080;
	o.suites[o.nsuites++] = 0x0700c0;
	build(&o, &w);
	/* 2-byte header, CLIENT-HELLO, version 2, 9 bytes of specs, 16 of
	   challenge */
	assert_int_equal(w.len, 2 + 9 + 9 + 16);
	assert_int_equal(w.p[0], 0x80);
	assert_int_equal(w.p[1], 9 + 9 + 16);
	assert_int_equal(w.p[2], 1);
	assert_int_equal(w.p[3], 0x00);
	assert_int_equal(w.p[4], 0x02);
	assert_int_equal(w.p[6], 9);		/* cipher spec length */
	assert_int_equal(w.p[8], 0);		/* session id length */
	assert_int_equal(w.p[10], 16);		/* challenge length */
	assert_memory_equal(w.p + 11, "\x01\x00\x80\x02\x00\x80\x07\x00\xc0",
	    9);
	wbuf_release(&w);
}

/* A captured answer, as long as a test reads it. */
struct capture {
	uint8_t	*d;
	size_t	 len;
};

/*
 * Loads the capture name into c (freeing what c held) and parses it with
 * flags: it must be a complete answer.
 */
static void
answer_of(struct capture *c, const char *name, unsigned flags,
    struct tls_answer *a)
{
	free(c->d);
	c->d = corpus_load("tls_answer", name, &c->len);
	assert_int_equal(tls_answer_parse(c->d, c->len, flags, a), TLS_OK);
}

/* Every strict prefix must ask for more, and nothing may read past it. */
static void
check_prefixes(const uint8_t *d, size_t len, unsigned flags)
{
	struct tls_answer a;
	uint8_t *copy;
	size_t n;

	for (n = 0; n < len; n++) {
		/* a heap copy of exactly n bytes, so ASan sees overreads */
		copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, d, n);
		assert_int_equal(tls_answer_parse(copy, n, flags, &a),
		    TLS_NEED_MORE);
		free(copy);
	}
}

static void
test_openssl_tls12_flight(void **state)
{
	struct tls_answer a;
	struct capture c = { 0 };

	(void)state;
	answer_of(&c, "openssl-tls12-flight-ecdhe.bin", TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.kind, TLS_ANS_SERVER_HELLO);
	assert_int_equal(a.version, 0x0303);
	assert_int_equal(a.suite, 0xc02f);
	assert_int_equal(a.compression, 0);
	assert_true(a.ext & TLS_AX_RENEG);
	assert_true(a.ext & TLS_AX_EMS);
	assert_int_equal(a.flight, TLS_FL_CERT | TLS_FL_SKE | TLS_FL_DONE);
	assert_int_equal(a.ncerts, 1);
	assert_true(a.cert_len[0] > 500 && a.cert_len[0] < 1200);
	assert_int_equal(a.ske_group, 23);	/* secp256r1 */
	assert_int_equal(a.dh_bits, 0);
	assert_int_equal(a.used, c.len);
	check_prefixes(c.d, c.len, TLS_PARSE_FLIGHT);

	/* Without TLS_PARSE_FLIGHT the ServerHello is the answer. */
	assert_int_equal(tls_answer_parse(c.d, c.len, 0, &a), TLS_OK);
	assert_int_equal(a.suite, 0xc02f);
	assert_int_equal(a.flight, 0);
	/* A peer that closes after part of the flight: still a hello. */
	assert_int_equal(tls_answer_parse(c.d, c.len - 10,
	    TLS_PARSE_FLIGHT | TLS_PARSE_FINAL, &a), TLS_OK);
	assert_int_equal(a.suite, 0xc02f);
	assert_false(a.flight & TLS_FL_DONE);
	assert_int_equal(tls_answer_parse(c.d, 20, TLS_PARSE_FINAL, &a),
	    TLS_ETRUNC);

	answer_of(&c, "openssl-tls12-flight-dhe1024.bin", TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.suite, 0x009e);
	assert_int_equal(a.dh_bits, 1024);
	assert_int_equal(a.ske_group, 0);
	free(c.d);
}

static void
test_tls13_answers(void **state)
{
	struct tls_answer a;
	struct capture c = { 0 };

	(void)state;
	answer_of(&c, "openssl-tls13-hrr.bin", 0, &a);
	assert_int_equal(a.kind, TLS_ANS_HRR);
	assert_int_equal(a.legacy_version, 0x0303);
	assert_int_equal(a.version, 0x0304);
	assert_int_equal(a.suite, 0x1301);
	assert_int_equal(a.group, 29);
	assert_true(a.ext & TLS_AX_KEY_SHARE);
	check_prefixes(c.d, a.used, 0);

	answer_of(&c, "openssl-tls13-serverhello.bin", TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.kind, TLS_ANS_SERVER_HELLO);
	assert_int_equal(a.version, 0x0304);
	assert_int_equal(a.group, 29);
	assert_int_equal(a.flight, 0);		/* the rest is encrypted */

	answer_of(&c, "gnutls-tls13-hrr.bin", 0, &a);
	assert_int_equal(a.kind, TLS_ANS_HRR);
	assert_int_equal(a.group, 23);
	free(c.d);
}

static void
test_gnutls_and_alerts(void **state)
{
	struct tls_answer a;
	struct capture c = { 0 };

	(void)state;
	answer_of(&c, "gnutls-tls12-flight-rc4.bin", TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.suite, 0x0005);
	assert_true(a.flight & TLS_FL_DONE);
	check_prefixes(c.d, c.len, TLS_PARSE_FLIGHT);

	answer_of(&c, "gnutls-tls10-flight-3des.bin", TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.version, 0x0301);
	assert_int_equal(a.suite, 0x000a);

	answer_of(&c, "gnutls-tls12-flight-dhe.bin", TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.dh_bits, 2048);

	answer_of(&c, "openssl-alert-handshake-failure.bin",
	    TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.kind, TLS_ANS_ALERT);
	assert_int_equal(a.alert_level, 2);
	assert_int_equal(a.alert_desc, TLS_ALERT_HANDSHAKE_FAILURE);
	assert_string_equal(tls_alert_name(a.alert_desc),
	    "handshake_failure");

	answer_of(&c, "openssl-alert-inappropriate-fallback.bin", 0, &a);
	assert_int_equal(a.alert_desc, TLS_ALERT_INAPPROPRIATE_FALLBACK);
	free(c.d);
}

/* The same flight cut into records of 7 bytes: reassembly. */
static void
test_handshake_spans_records(void **state)
{
	struct tls_answer a, b;
	struct wbuf w;
	uint8_t *d;
	size_t len, off, n, reclen;

	(void)state;
	d = corpus_load("tls_answer", "openssl-tls12-flight-ecdhe.bin", &len);
	assert_int_equal(tls_answer_parse(d, len, TLS_PARSE_FLIGHT, &a), 0);
	wbuf_init(&w, TLS_ANSWER_MAX);
	/* every record of the capture, re-cut */
	for (off = 0; off < len; off += 5 + reclen) {
		reclen = (size_t)d[off + 3] << 8 | d[off + 4];
		for (n = 0; n < reclen; n += 7) {
			size_t k = reclen - n < 7 ? reclen - n : 7;

			(void)wbuf_put_u8(&w, d[off]);
			(void)wbuf_put_u16(&w, 0x0303);
			(void)wbuf_put_u16(&w, (uint16_t)k);
			(void)wbuf_put_bytes(&w, d + off + 5 + n, k);
		}
	}
	assert_int_equal(wbuf_error(&w), 0);
	assert_int_equal(tls_answer_parse(w.p, w.len, TLS_PARSE_FLIGHT, &b),
	    TLS_OK);
	assert_int_equal(b.suite, a.suite);
	assert_int_equal(b.ske_group, a.ske_group);
	assert_int_equal(b.ncerts, a.ncerts);
	assert_int_equal(b.cert_len[0], a.cert_len[0]);
	assert_int_equal(b.flight, a.flight);
	assert_int_equal(b.used, w.len);
	wbuf_release(&w);
	free(d);
}

static void
test_garbage_and_oversize(void **state)
{
	static const uint8_t http[] = "HTTP/1.1 400 Bad Request\r\n";
	static const uint8_t bigrec[] = { 0x16, 0x03, 0x03, 0xff, 0xff };
	static const uint8_t badver[] = { 0x16, 0x04, 0x03, 0x00, 0x01, 0x00 };
	static const uint8_t notsh[] = { 0x16, 0x03, 0x03, 0x00, 0x04,
	    0x0b, 0x00, 0x00, 0x00 };
	/* ServerHello whose extensions length overruns the message */
	static const uint8_t badext[] = { 0x16, 0x03, 0x03, 0x00, 0x2c,
	    0x02, 0x00, 0x00, 0x28, 0x03, 0x03,
	    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
	    0x00, 0xc0, 0x2f, 0x00, 0x00, 0x09 };
	static const uint8_t empty_hs[] = { 0x16, 0x03, 0x03, 0x00, 0x00 };
	struct tls_answer a;
	struct wbuf w;
	size_t i;

	(void)state;
	assert_int_equal(tls_answer_parse(http, sizeof(http) - 1, 0, &a),
	    TLS_EGARBAGE);
	assert_int_equal(tls_answer_parse(bigrec, sizeof(bigrec), 0, &a),
	    TLS_ETOOBIG);
	assert_int_equal(tls_answer_parse(badver, sizeof(badver), 0, &a),
	    TLS_EGARBAGE);
	assert_int_equal(tls_answer_parse(notsh, sizeof(notsh), 0, &a),
	    TLS_EPROTO);
	assert_int_equal(tls_answer_parse(badext, sizeof(badext), 0, &a),
	    TLS_EPROTO);
	assert_int_equal(tls_answer_parse(empty_hs, sizeof(empty_hs), 0, &a),
	    TLS_EPROTO);
	assert_int_equal(tls_answer_parse(http, 0, TLS_PARSE_FINAL, &a),
	    TLS_ETRUNC);

	/*
	 * A server that streams one endless handshake message: more than
	 * TLS_ANSWER_MAX bytes without an answer is refused.
	 */
	wbuf_init(&w, 2 * TLS_ANSWER_MAX);
	for (i = 0; w.len < TLS_ANSWER_MAX + 100; i++) {
		(void)wbuf_put_u8(&w, 0x16);
		(void)wbuf_put_u16(&w, 0x0303);
		(void)wbuf_put_u16(&w, 16000);
		if (i == 0) {
			(void)wbuf_put_u8(&w, 0x02);
			(void)wbuf_put_u24(&w, 0xffff);
			(void)wbuf_put_zero(&w, 16000 - 4);
		} else
			(void)wbuf_put_zero(&w, 16000);
	}
	assert_int_equal(wbuf_error(&w), 0);
	assert_int_equal(tls_answer_parse(w.p, 3 * 16005, 0, &a),
	    TLS_NEED_MORE);
	assert_int_equal(tls_answer_parse(w.p, w.len, 0, &a), TLS_ETOOBIG);
	/* a message length beyond the cap is refused at once */
	w.p[6] = 0x7f;
	assert_int_equal(tls_answer_parse(w.p, 16005, 0, &a), TLS_ETOOBIG);
	wbuf_release(&w);
}

static void
test_ssl2_answers(void **state)
{
	/* SERVER-HELLO: no session hit, X.509, version 2, cert 3 bytes,
	   two cipher kinds, connection id 16 bytes */
	static const uint8_t hello[] = { 0x80, 0x00 + 11 + 3 + 6 + 16,
	    0x04, 0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x06, 0x00, 0x10,
	    0xaa, 0xbb, 0xcc,
	    0x01, 0x00, 0x80, 0x07, 0x00, 0xc0,
	    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	static const uint8_t error[] = { 0x80, 0x03, 0x00, 0x00, 0x01 };
	static const uint8_t junk[] = { 0x80, 0x03, 0x07, 0x00, 0x01 };
	struct tls_answer a;

	(void)state;
	assert_int_equal(tls_answer_parse(hello, sizeof(hello),
	    TLS_PARSE_SSL2, &a), TLS_OK);
	assert_int_equal(a.kind, TLS_ANS_SSL2_HELLO);
	assert_int_equal(a.version, 0x0002);
	assert_int_equal(a.ssl2_cert_len, 3);
	assert_int_equal(a.ssl2_nkinds, 2);
	assert_int_equal(a.ssl2_kinds[0], 0x010080);
	assert_int_equal(a.ssl2_kinds[1], 0x0700c0);
	assert_int_equal(a.used, sizeof(hello));
	check_prefixes(hello, sizeof(hello), TLS_PARSE_SSL2);
	assert_int_equal(tls_answer_parse(error, sizeof(error),
	    TLS_PARSE_SSL2, &a), TLS_OK);
	assert_int_equal(a.kind, TLS_ANS_SSL2_ERROR);
	assert_int_equal(a.ssl2_error, 1);
	assert_int_equal(tls_answer_parse(junk, sizeof(junk),
	    TLS_PARSE_SSL2, &a), TLS_EGARBAGE);
}

/* Captured from tests/servers/legacy-tls-server. */
static void
test_legacy_server_answers(void **state)
{
	struct tls_answer a;
	struct capture c = { 0 };

	(void)state;
	answer_of(&c, "legacy-ssl2-server-hello.bin", TLS_PARSE_SSL2, &a);
	assert_int_equal(a.kind, TLS_ANS_SSL2_HELLO);
	assert_int_equal(a.ssl2_cert_len, 392);
	assert_int_equal(a.ssl2_nkinds, 3);
	assert_int_equal(a.ssl2_kinds[1], 0x020080);
	check_prefixes(c.d, c.len, TLS_PARSE_SSL2);

	answer_of(&c, "legacy-ssl3-flight-dhe-export.bin",
	    TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.version, 0x0300);
	assert_int_equal(a.suite, 0x0014);
	assert_int_equal(a.dh_bits, 1024);
	assert_int_equal(a.cert_len[0], 392);

	answer_of(&c, "legacy-tls10-flight-ecdhe.bin", TLS_PARSE_FLIGHT, &a);
	assert_int_equal(a.version, 0x0301);
	assert_int_equal(a.ske_group, 23);
	free(c.d);
}

/* The bytes of BIGNUM b, big-endian, into out (len bytes); its length. */
static size_t
bn_bytes(BIGNUM *b, uint8_t *out, size_t len)
{
	int n = BN_num_bytes(b);

	assert_true(n > 0 && (size_t)n <= len);
	assert_int_equal(BN_bn2bin(b, out), n);
	BN_free(b);
	return (size_t)n;
}

/* OpenSSL's copy of a named DH group's prime (dh_1024_160, ...). */
static size_t
named_prime(const char *group, uint8_t *out, size_t len)
{
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *pk = NULL;
	BIGNUM *p = NULL;

	assert_non_null(ctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL));
	assert_int_equal(EVP_PKEY_paramgen_init(ctx), 1);
	assert_int_equal(EVP_PKEY_CTX_set_group_name(ctx, group), 1);
	assert_int_equal(EVP_PKEY_paramgen(ctx, &pk), 1);
	assert_int_equal(EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_FFC_P, &p),
	    1);
	EVP_PKEY_free(pk);
	EVP_PKEY_CTX_free(ctx);
	return bn_bytes(p, out, len);
}

/*
 * A TLS 1.2 flight choosing DHE-RSA-AES128-GCM-SHA256 whose
 * ServerKeyExchange carries the prime p[0..plen) (with a leading zero
 * byte, as some servers send it); its length.
 */
static size_t
dhe_flight(uint8_t *b, size_t cap, const uint8_t *p, size_t plen)
{
	size_t n = 0, rec, hs;

	assert_true(cap >= plen + 128);
	b[n++] = 22;
	b[n++] = 3;
	b[n++] = 3;
	n += 2;
	rec = n;
	/* ServerHello: version, random, empty session id, suite, null */
	b[n++] = 2;
	b[n++] = 0;
	b[n++] = 0;
	b[n++] = 38;
	b[n++] = 3;
	b[n++] = 3;
	memset(b + n, 0x11, 32);
	n += 32;
	b[n++] = 0;
	b[n++] = 0x00;
	b[n++] = 0x9e;
	b[n++] = 0;
	/* ServerKeyExchange: dh_p, dh_g, dh_Ys (the signature left out) */
	b[n++] = 12;
	hs = n;
	n += 3;
	b[n++] = (uint8_t)((plen + 1) >> 8);
	b[n++] = (uint8_t)(plen + 1);
	b[n++] = 0;
	memcpy(b + n, p, plen);
	n += plen;
	b[n++] = 0;
	b[n++] = 1;
	b[n++] = 2;
	b[n++] = 0;
	b[n++] = 1;
	b[n++] = 5;
	b[hs] = 0;
	b[hs + 1] = (uint8_t)((n - hs - 3) >> 8);
	b[hs + 2] = (uint8_t)(n - hs - 3);
	/* ServerHelloDone */
	b[n++] = 14;
	b[n++] = 0;
	b[n++] = 0;
	b[n++] = 0;
	b[rec - 2] = (uint8_t)((n - rec) >> 8);
	b[rec - 1] = (uint8_t)(n - rec);
	return n;
}

/*
 * The well-known DH primes: the table agrees with OpenSSL's copies where
 * OpenSSL has one; a ServerKeyExchange carrying one is named, a prime one
 * bit off is not.
 */
static void
test_dh_known_primes(void **state)
{
	const struct tls_dhprime *k;
	struct tls_answer a;
	uint8_t p[600], b[800];
	size_t n, len, i;
	unsigned id;

	(void)state;
	n = bn_bytes(BN_get_rfc2409_prime_768(NULL), p, sizeof(p));
	assert_int_equal(n, 96);
	assert_string_equal(tls_dhprime_by_id(tls_dhprime_find(p, n))->name,
	    "RFC 2409 Oakley group 1");
	n = bn_bytes(BN_get_rfc2409_prime_1024(NULL), p, sizeof(p));
	assert_int_equal(id = tls_dhprime_find(p, n), 2);
	assert_string_equal(tls_dhprime_by_id(id)->name,
	    "RFC 2409 Oakley group 2");
	n = named_prime("dh_1024_160", p, sizeof(p));
	assert_string_equal(tls_dhprime_by_id(tls_dhprime_find(p, n))->name,
	    "RFC 5114 1024-bit group");
	/* Larger well-known groups are not in the table (nor weak). */
	n = bn_bytes(BN_get_rfc3526_prime_2048(NULL), p, sizeof(p));
	assert_int_equal(tls_dhprime_find(p, n), 0);
	n = named_prime("ffdhe2048", p, sizeof(p));
	assert_int_equal(tls_dhprime_find(p, n), 0);
	assert_null(tls_dhprime_by_id(0));
	assert_null(tls_dhprime_by_id((unsigned)tls_dhprime_count() + 1));

	/* Each entry: its size, found by its bytes, not with a bit off. */
	for (i = 0; i < tls_dhprime_count(); i++) {
		k = tls_dhprime_at(i);
		len = strlen(k->hex) / 2;
		assert_int_equal(len * 8, k->bits);
		assert_true(k->bits <= 1024);
		for (n = 0; n < len; n++)
			assert_int_equal(sscanf(k->hex + 2 * n, "%2hhx", &p[n]),
			    1);
		assert_int_equal(p[0] & 0x80, 0x80);	/* exactly bits long */
		assert_int_equal(p[len - 1] & 1, 1);	/* odd */
		assert_int_equal(tls_dhprime_find(p, len), i + 1);
		n = dhe_flight(b, sizeof(b), p, len);
		assert_int_equal(tls_answer_parse(b, n, TLS_PARSE_FLIGHT, &a),
		    TLS_OK);
		assert_true(a.flight & TLS_FL_DONE);
		assert_int_equal(a.dh_bits, k->bits);
		assert_int_equal(a.dh_known, i + 1);
		p[len / 2] ^= 0x04;
		assert_int_equal(tls_dhprime_find(p, len), 0);
		n = dhe_flight(b, sizeof(b), p, len);
		assert_int_equal(tls_answer_parse(b, n, TLS_PARSE_FLIGHT, &a),
		    TLS_OK);
		assert_int_equal(a.dh_bits, k->bits);
		assert_int_equal(a.dh_known, 0);
	}
	/* A prime longer than any known one is looked at no further. */
	memset(p, 0xff, 300);
	assert_int_equal(tls_dhprime_find(p, 300), 0);
	assert_int_equal(tls_dhprime_find(p, 0), 0);
}

static void
test_version_names(void **state)
{
	(void)state;
	assert_string_equal(tls_version_name(TLS_V_SSL2), "SSLv2");
	assert_string_equal(tls_version_name(TLS_V_TLS13), "TLSv1.3");
	assert_string_equal(tls_version_name(9), "?");
	assert_int_equal(tls_version_wire(TLS_V_TLS11), 0x0302);
	assert_int_equal(tls_version_from_wire(0x0300), TLS_V_SSL3);
	assert_int_equal(tls_version_from_wire(0x0305), -1);
	assert_string_equal(tls_errstr(TLS_ETOOBIG), "answer too long");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tls12_hello),
		cmocka_unit_test(test_tls13_hello_key_shares),
		cmocka_unit_test(test_padding_avoids_256_511),
		cmocka_unit_test(test_scsv_and_ip_sni),
		cmocka_unit_test(test_ssl2_hello),
		cmocka_unit_test(test_openssl_tls12_flight),
		cmocka_unit_test(test_tls13_answers),
		cmocka_unit_test(test_gnutls_and_alerts),
		cmocka_unit_test(test_handshake_spans_records),
		cmocka_unit_test(test_garbage_and_oversize),
		cmocka_unit_test(test_ssl2_answers),
		cmocka_unit_test(test_legacy_server_answers),
		cmocka_unit_test(test_dh_known_primes),
		cmocka_unit_test(test_version_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
