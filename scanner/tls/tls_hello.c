/*
 * tls_hello.c: builds ClientHellos (SSLv2 .. TLS 1.3) and parses what a
 * server answers to one (see tls_hello.h).
 *
 * The parser trusts nothing: it reads through struct rbuf cursors only,
 * caps the whole answer at TLS_ANSWER_MAX and every record at the TLS
 * limit, and reassembles handshake messages that span records in one
 * buffer bounded by the same cap.  It keeps no state between calls.
 */
#include <arpa/inet.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "scanner/buf.h"
#include "scanner/tls/tls_dhprimes.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"

#define REC_CCS		20
#define REC_ALERT	21
#define REC_HANDSHAKE	22
#define REC_APPDATA	23

#define HS_HELLO_REQUEST	0
#define HS_CLIENT_HELLO		1
#define HS_SERVER_HELLO		2
#define HS_CERTIFICATE		11
#define HS_SKE			12
#define HS_CERT_REQUEST		13
#define HS_DONE			14
#define HS_CERT_STATUS		22

#define EXT_SNI			0
#define EXT_STATUS_REQUEST	5
#define EXT_GROUPS		10
#define EXT_POINT_FORMATS	11
#define EXT_SIG_ALGS		13
#define EXT_HEARTBEAT		15
#define EXT_ALPN		16
#define EXT_PADDING		21
#define EXT_ETM			22
#define EXT_EMS			23
#define EXT_SESSION_TICKET	35
#define EXT_SUPPORTED_VERSIONS	43
#define EXT_COOKIE		44
#define EXT_PSK_MODES		45
#define EXT_KEY_SHARE		51
#define EXT_RENEG		0xff01

/* A TLSCiphertext may be 2^14 + 2048 bytes. */
#define REC_MAX		(16384 + 2048)

/* SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest. */
static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11,
	0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/*
 * Signature schemes offered in TLS >= 1.2: the modern ones first, then the
 * SHA-1/SHA-224 and DSA ones old servers may only have.
 */
static const uint16_t sigalgs[] = {
	0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806,
	0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301,
	0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202,
};

const char *
tls_version_name(int v)
{
	static const char *const names[TLS_V_COUNT] = {
		"SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3",
	};

	return v >= 0 && v < TLS_V_COUNT ? names[v] : "?";
}

uint16_t
tls_version_wire(int v)
{
	static const uint16_t wire[TLS_V_COUNT] = {
		0x0002, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304,
	};

	return v >= 0 && v < TLS_V_COUNT ? wire[v] : 0;
}

int
tls_version_from_wire(uint16_t wire)
{
	int v;

	for (v = 0; v < TLS_V_COUNT; v++)
		if (tls_version_wire(v) == wire)
			return v;
	return -1;
}

const char *
tls_errstr(int e)
{
	switch (e) {
	case TLS_OK:
		return "success";
	case TLS_NEED_MORE:
		return "answer incomplete";
	case TLS_EGARBAGE:
		return "not a TLS or SSL answer";
	case TLS_ETOOBIG:
		return "answer too long";
	case TLS_EPROTO:
		return "malformed TLS message";
	case TLS_ETRUNC:
		return "connection closed in the middle of the answer";
	case TLS_ENOMEM:
		return "out of memory";
	case TLS_EOPTS:
		return "bad hello options";
	default:
		return buf_errstr(e);
	}
}

const char *
tls_alert_name(uint8_t d)
{
	switch (d) {
	case 0: return "close_notify";
	case 10: return "unexpected_message";
	case 20: return "bad_record_mac";
	case 21: return "decryption_failed";
	case 22: return "record_overflow";
	case 30: return "decompression_failure";
	case 40: return "handshake_failure";
	case 41: return "no_certificate";
	case 42: return "bad_certificate";
	case 43: return "unsupported_certificate";
	case 44: return "certificate_revoked";
	case 45: return "certificate_expired";
	case 46: return "certificate_unknown";
	case 47: return "illegal_parameter";
	case 48: return "unknown_ca";
	case 49: return "access_denied";
	case 50: return "decode_error";
	case 51: return "decrypt_error";
	case 60: return "export_restriction";
	case 70: return "protocol_version";
	case 71: return "insufficient_security";
	case 80: return "internal_error";
	case 86: return "inappropriate_fallback";
	case 90: return "user_canceled";
	case 100: return "no_renegotiation";
	case 109: return "missing_extension";
	case 110: return "unsupported_extension";
	case 112: return "unrecognized_name";
	case 113: return "bad_certificate_status_response";
	case 115: return "unknown_psk_identity";
	case 116: return "certificate_required";
	case 120: return "no_application_protocol";
	default: return "unknown";
	}
}

/* splitmix64: expands the caller's seed into the hello's other values. */
static uint64_t
mix_next(uint64_t *s)
{
	uint64_t z;

	z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
put_random(struct wbuf *w, uint64_t *s, size_t n)
{
	uint8_t b[8];
	uint64_t v;
	size_t i, k;

	for (i = 0; i < n; i += k) {
		v = mix_next(s);
		for (k = 0; k < 8; k++)
			b[k] = (uint8_t)(v >> (8 * k));
		k = n - i < 8 ? n - i : 8;
		(void)wbuf_put_bytes(w, b, k);
	}
}

void
tls_hello_defaults(struct tls_hello_opts *o, int version, const char *sni)
{
	size_t i;
	const struct tls_group *g;

	memset(o, 0, sizeof(*o));
	o->version = version;
	if (version == TLS_V_SSL2)
		return;
	o->flags = TLS_HO_RENEG_EXT | TLS_HO_EMS;
	if (version == TLS_V_SSL3)
		o->flags = TLS_HO_RENEG_SCSV;
	if (version == TLS_V_TLS13)
		o->flags = 0;
	for (i = 0; (g = tls_group_at(i)) != NULL; i++) {
		if (o->ngroups >= TLS_HELLO_MAX_GROUPS)
			break;
		/* TLS 1.3 forbids the curves without a key_share form. */
		if (version == TLS_V_TLS13 && g->keyshare_len == 0)
			continue;
		/* Before TLS 1.3: curves and RFC 7919 groups only. */
		if (version != TLS_V_TLS13 &&
		    g->code > TLS_GROUP_CURVE12_MAX && !g->ffdhe)
			continue;
		o->groups[o->ngroups++] = g->code;
	}
	if (sni != NULL)
		(void)tls_hello_set_sni(o, sni);
}

int
tls_hello_set_sni(struct tls_hello_opts *o, const char *sni)
{
	struct in6_addr a6;
	struct in_addr a4;
	size_t n;

	o->sni[0] = '\0';
	if (sni == NULL || *sni == '\0')
		return 0;
	/* RFC 6066: literal IP addresses are not permitted in server_name. */
	if (inet_pton(AF_INET, sni, &a4) == 1 ||
	    inet_pton(AF_INET6, sni, &a6) == 1)
		return 0;
	if ((n = strlen(sni)) >= sizeof(o->sni))
		return TLS_EOPTS;
	memcpy(o->sni, sni, n + 1);
	return 0;
}

static int
build_ssl2(const struct tls_hello_opts *o, struct wbuf *w, uint64_t *seed)
{
	size_t body, i;

	/* CLIENT-HELLO: type, version, 3 lengths, specs, challenge. */
	body = 1 + 2 + 2 + 2 + 2 + 3 * (size_t)o->nsuites + 16;
	if (body > 0x7fff)
		return TLS_EOPTS;
	(void)wbuf_put_u16(w, (uint16_t)(0x8000 | body));
	(void)wbuf_put_u8(w, 1);
	(void)wbuf_put_u16(w, 0x0002);
	(void)wbuf_put_u16(w, (uint16_t)(3 * o->nsuites));
	(void)wbuf_put_u16(w, 0);	/* session id */
	(void)wbuf_put_u16(w, 16);	/* challenge */
	for (i = 0; i < o->nsuites; i++)
		(void)wbuf_put_u24(w, o->suites[i] & 0xffffff);
	put_random(w, seed, 16);
	return wbuf_error(w);
}

/*
 * The base point of a NIST curve, uncompressed, is a valid public value
 * for a key_share (the exchange is never completed): from OpenSSL rather
 * than typed in, computed once (a curve costs 10-20 us to set up, and
 * TLS 1.3 hellos carry these shares).
 */
static struct base_point {
	int	 nid;
	size_t	 len;			/* 0: OpenSSL could not give it */
	uint8_t	 pt[1 + 2 * 66];	/* P-521 */
} base_points[] = {
	{ NID_X9_62_prime256v1, 0, { 0 } },
	{ NID_secp384r1, 0, { 0 } },
	{ NID_secp521r1, 0, { 0 } },
};
static pthread_once_t base_points_once = PTHREAD_ONCE_INIT;

static void
base_points_init(void)
{
	struct base_point *b;
	EC_GROUP *g;
	size_t i;

	for (i = 0; i < sizeof(base_points) / sizeof(base_points[0]); i++) {
		b = &base_points[i];
		if ((g = EC_GROUP_new_by_curve_name(b->nid)) != NULL)
			b->len = EC_POINT_point2oct(g,
			    EC_GROUP_get0_generator(g),
			    POINT_CONVERSION_UNCOMPRESSED, b->pt,
			    sizeof(b->pt), NULL);
		EC_GROUP_free(g);
	}
}

static int
put_base_point(struct wbuf *w, int nid, size_t len)
{
	size_t i;

	(void)pthread_once(&base_points_once, base_points_init);
	for (i = 0; i < sizeof(base_points) / sizeof(base_points[0]); i++)
		if (base_points[i].nid == nid && base_points[i].len == len)
			return wbuf_put_bytes(w, base_points[i].pt, len);
	return TLS_ENOMEM;
}

static int
put_key_share(const struct tls_hello_opts *o, struct wbuf *w, uint64_t *seed)
{
	const struct tls_group *g;
	size_t i, mark, kmark, at;
	int r = 0;

	(void)wbuf_put_u16(w, EXT_KEY_SHARE);
	(void)wbuf_vec_open(w, 2, &mark);
	(void)wbuf_vec_open(w, 2, &kmark);
	for (i = 0; i < o->nshares && r == 0; i++) {
		if ((g = tls_group_by_code(o->shares[i])) == NULL ||
		    g->keyshare_len == 0 ||
		    !tls_codes_have(o->groups, o->ngroups, g->code))
			return TLS_EOPTS;
		(void)wbuf_put_u16(w, g->code);
		(void)wbuf_put_u16(w, g->keyshare_len);
		switch (g->code) {
		case TLS_GROUP_SECP256R1:
			r = put_base_point(w, NID_X9_62_prime256v1,
			    g->keyshare_len);
			break;
		case TLS_GROUP_SECP384R1:
			r = put_base_point(w, NID_secp384r1, g->keyshare_len);
			break;
		case TLS_GROUP_SECP521R1:
			r = put_base_point(w, NID_secp521r1, g->keyshare_len);
			break;
		default:
			/*
			 * X25519/X448 take any string; a finite-field value
			 * below p (top bit clear) is a valid one too.
			 */
			at = w->len;
			put_random(w, seed, g->keyshare_len);
			if (g->ffdhe && wbuf_error(w) == 0)
				w->p[at] &= 0x7f;
			break;
		}
	}
	(void)wbuf_vec_close(w, 2, kmark);
	(void)wbuf_vec_close(w, 2, mark);
	return r;
}

static int
offers_ecc(const struct tls_hello_opts *o)
{
	const struct tls_suite *s;
	size_t i;

	for (i = 0; i < o->nsuites; i++)
		if ((s = tls_suite_by_code(o->suites[i])) != NULL &&
		    (s->flags & TLS_SF_ECC))
			return 1;
	return 0;
}

/* An extension with a body of n bytes. */
static void
put_ext(struct wbuf *w, uint16_t type, const void *body, size_t n)
{
	(void)wbuf_put_u16(w, type);
	(void)wbuf_put_u16(w, (uint16_t)n);
	(void)wbuf_put_bytes(w, body, n);
}

/* An extension holding one vector of 2-byte values. */
static void
put_ext_u16s(struct wbuf *w, uint16_t type, const uint16_t *v, size_t n)
{
	size_t mark, m2, i;

	(void)wbuf_put_u16(w, type);
	(void)wbuf_vec_open(w, 2, &mark);
	(void)wbuf_vec_open(w, 2, &m2);
	for (i = 0; i < n; i++)
		(void)wbuf_put_u16(w, v[i]);
	(void)wbuf_vec_close(w, 2, m2);
	(void)wbuf_vec_close(w, 2, mark);
}

static int
build_extensions(const struct tls_hello_opts *o, struct wbuf *w,
    uint64_t *seed)
{
	static const uint8_t ocsp[] = { 1, 0, 0, 0, 0 };  /* no ids, no exts */
	static const uint8_t uncompressed[] = { 1, 0 };
	static const uint8_t tls13_only[] = { 2, 0x03, 0x04 };
	static const uint8_t psk_dhe_ke[] = { 1, 1 };
	static const uint8_t empty_reneg[] = { 0 };
	static const uint8_t peer_may_send[] = { 1 };
	size_t n;
	int r, tls13 = o->version == TLS_V_TLS13;

	if (o->sni[0] != '\0') {
		n = strlen(o->sni);
		(void)wbuf_put_u16(w, EXT_SNI);
		(void)wbuf_put_u16(w, (uint16_t)(n + 5));
		(void)wbuf_put_u16(w, (uint16_t)(n + 3));
		(void)wbuf_put_u8(w, 0);	/* host_name */
		(void)wbuf_put_u16(w, (uint16_t)n);
		(void)wbuf_put_bytes(w, o->sni, n);
	}
	if (o->flags & TLS_HO_OCSP)
		put_ext(w, EXT_STATUS_REQUEST, ocsp, sizeof(ocsp));
	if (o->ngroups > 0)
		put_ext_u16s(w, EXT_GROUPS, o->groups, o->ngroups);
	if (!tls13 && (o->ngroups > 0 || offers_ecc(o)))
		put_ext(w, EXT_POINT_FORMATS, uncompressed,
		    sizeof(uncompressed));
	if (o->version >= TLS_V_TLS12)
		put_ext_u16s(w, EXT_SIG_ALGS, sigalgs,
		    sizeof(sigalgs) / sizeof(sigalgs[0]));
	if ((o->flags & TLS_HO_EMS) && !tls13)
		put_ext(w, EXT_EMS, NULL, 0);
	if (tls13) {
		put_ext(w, EXT_SUPPORTED_VERSIONS, tls13_only,
		    sizeof(tls13_only));
		put_ext(w, EXT_PSK_MODES, psk_dhe_ke, sizeof(psk_dhe_ke));
		if ((r = put_key_share(o, w, seed)) != 0)
			return r;
	}
	if ((o->flags & TLS_HO_RENEG_EXT) && !tls13)
		put_ext(w, EXT_RENEG, empty_reneg, sizeof(empty_reneg));
	if ((o->flags & TLS_HO_HEARTBEAT) && !tls13)
		put_ext(w, EXT_HEARTBEAT, peer_may_send, sizeof(peer_may_send));
	if ((o->flags & TLS_HO_TICKET) && !tls13) {
		if (o->ticket_len > 0 && o->ticket == NULL)
			return TLS_EOPTS;
		put_ext(w, EXT_SESSION_TICKET, o->ticket, o->ticket_len);
	}
	return wbuf_error(w);
}

int
tls_hello_build(const struct tls_hello_opts *o, struct wbuf *w)
{
	struct wbuf ext;
	uint64_t seed = 0;
	size_t i, fixed, total, pad, rec, hs, nsuites, ncomp;
	uint16_t cv;
	int r = TLS_EOPTS;

	wbuf_init(&ext, TLS_HELLO_MAX);
	if (o == NULL || o->version < 0 || o->version >= TLS_V_COUNT ||
	    o->nsuites > TLS_HELLO_MAX_SUITES ||
	    o->ngroups > TLS_HELLO_MAX_GROUPS ||
	    o->nshares > TLS_HELLO_MAX_SHARES || o->sid_len > 32 ||
	    (o->sid_len > 0 && o->version == TLS_V_TLS13) ||
	    memchr(o->sni, '\0', sizeof(o->sni)) == NULL)
		goto out;
	for (i = 0; i < 8; i++)
		seed = (seed << 8) | o->rnd[i];
	if (o->version == TLS_V_SSL2) {
		r = build_ssl2(o, w, &seed);
		goto out;
	}
	if (!(o->flags & TLS_HO_NO_EXT) &&
	    (r = build_extensions(o, &ext, &seed)) != 0)
		goto out;
	r = TLS_EOPTS;
	/* version, random, session id, suites, compression */
	nsuites = (size_t)o->nsuites + ((o->flags & TLS_HO_RENEG_SCSV) ? 1 : 0) +
	    ((o->flags & TLS_HO_FALLBACK_SCSV) ? 1 : 0);
	ncomp = (o->flags & TLS_HO_DEFLATE) && o->version != TLS_V_TLS13 ?
	    2 : 1;
	fixed = 2 + 32 + 1 + (o->version == TLS_V_TLS13 ? 32u : 0u) +
	    o->sid_len +
	    2 + 2 * nsuites + 1 + ncomp;
	total = fixed + (o->flags & TLS_HO_NO_EXT ? 0 : 2 + ext.len);
	/*
	 * Some F5 load balancers hang on a ClientHello of 256..511 bytes
	 * (RFC 7685): pad it to 512.
	 */
	if (!(o->flags & (TLS_HO_NO_EXT | TLS_HO_NO_PAD)) &&
	    total + 4 >= 256 && total + 4 < 512) {
		pad = 512 - (total + 4) >= 4 ? 512 - (total + 4) - 4 : 0;
		(void)wbuf_put_u16(&ext, EXT_PADDING);
		(void)wbuf_put_u16(&ext, (uint16_t)pad);
		(void)wbuf_put_zero(&ext, pad);
		total += 4 + pad;
	}
	if ((r = wbuf_error(&ext)) != 0)
		goto out;
	r = TLS_EOPTS;
	hs = 4 + total;
	if (hs > 16384)
		goto out;
	rec = w->len;
	(void)wbuf_put_u8(w, REC_HANDSHAKE);
	(void)wbuf_put_u16(w, o->version == TLS_V_SSL3 ? 0x0300 : 0x0301);
	(void)wbuf_put_u16(w, (uint16_t)hs);
	(void)wbuf_put_u8(w, HS_CLIENT_HELLO);
	(void)wbuf_put_u24(w, (uint32_t)total);
	cv = o->version == TLS_V_TLS13 ? 0x0303 : tls_version_wire(o->version);
	(void)wbuf_put_u16(w, cv);
	(void)wbuf_put_bytes(w, o->rnd, sizeof(o->rnd));
	if (o->version == TLS_V_TLS13) {
		(void)wbuf_put_u8(w, 32);	/* middlebox compatibility */
		put_random(w, &seed, 32);
	} else {
		(void)wbuf_put_u8(w, o->sid_len);
		(void)wbuf_put_bytes(w, o->sid, o->sid_len);
	}
	(void)wbuf_put_u16(w, (uint16_t)(2 * nsuites));
	for (i = 0; i < o->nsuites; i++) {
		if (o->suites[i] > TLS_SUITE_CODE_MAX)
			goto out;
		(void)wbuf_put_u16(w, (uint16_t)o->suites[i]);
	}
	if (o->flags & TLS_HO_RENEG_SCSV)
		(void)wbuf_put_u16(w, 0x00ff);
	if (o->flags & TLS_HO_FALLBACK_SCSV)
		(void)wbuf_put_u16(w, 0x5600);
	if ((o->flags & TLS_HO_DEFLATE) && o->version != TLS_V_TLS13) {
		(void)wbuf_put_u8(w, 2);
		(void)wbuf_put_u8(w, 1);
		(void)wbuf_put_u8(w, 0);
	} else {
		(void)wbuf_put_u8(w, 1);
		(void)wbuf_put_u8(w, 0);
	}
	if (!(o->flags & TLS_HO_NO_EXT)) {
		(void)wbuf_put_u16(w, (uint16_t)ext.len);
		(void)wbuf_put_bytes(w, ext.p, ext.len);
	}
	if ((r = wbuf_error(w)) != 0)
		goto out;
	/* The lengths written above must add up. */
	r = w->len - rec == 5 + hs ? 0 : TLS_EOPTS;
 out:
	wbuf_release(&ext);
	return r;
}

int
tls_record_write(struct wbuf *w, uint8_t type, uint16_t version,
    const void *body, size_t n)
{
	if (n >= 16384 || (n > 0 && body == NULL))
		return TLS_EOPTS;
	(void)wbuf_put_u8(w, type);
	(void)wbuf_put_u16(w, version);
	(void)wbuf_put_u16(w, (uint16_t)n);
	(void)wbuf_put_bytes(w, body, n);
	return wbuf_error(w);
}

int
tls_record_head_parse(const uint8_t *data, size_t len,
    struct tls_record_head *h)
{
	struct rbuf r;

	memset(h, 0, sizeof(*h));
	rbuf_init(&r, data, len);
	if (rbuf_get_u8(&r, &h->type) != 0 ||
	    rbuf_get_u16(&r, &h->version) != 0 ||
	    rbuf_get_u16(&r, &h->length) != 0)
		return TLS_NEED_MORE;
	if (h->type < REC_CCS || h->type > TLS_REC_HEARTBEAT ||
	    (h->version >> 8) != 3)
		return TLS_EGARBAGE;
	if (h->type != REC_ALERT)
		return TLS_OK;
	if (h->length < 2)
		return TLS_EPROTO;
	if (rbuf_get_u8(&r, &h->alert_level) != 0 ||
	    rbuf_get_u8(&r, &h->alert_desc) != 0)
		return TLS_NEED_MORE;
	return TLS_OK;
}

/*
 * Parser.
 */

struct parse {
	unsigned	 flags;
	struct tls_answer *a;
	uint8_t		*hs;		/* reassembled handshake bytes */
	size_t		 hslen;
	size_t		 hsoff;		/* next unparsed message */
	int		 have_sh;
	int		 done;
	size_t		 cert_off;	/* 1st Certificate's list in hs */
	size_t		 cert_len;
	int		 have_cert;
};

/* Extensions whose presence is all we note. */
static const struct {
	uint16_t	 type;
	unsigned	 flag;
} presence[] = {
	{ EXT_EMS, TLS_AX_EMS },
	{ EXT_ETM, TLS_AX_ETM },
	{ EXT_STATUS_REQUEST, TLS_AX_STATUS_REQUEST },
	{ EXT_SESSION_TICKET, TLS_AX_SESSION_TICKET },
	{ EXT_SNI, TLS_AX_SNI },
	{ EXT_ALPN, TLS_AX_ALPN },
	{ EXT_COOKIE, TLS_AX_COOKIE },
	{ EXT_HEARTBEAT, TLS_AX_HEARTBEAT },
};

static int
parse_sh_ext(struct tls_answer *a, uint16_t type, struct rbuf *d)
{
	struct rbuf v;
	uint16_t u16;
	uint8_t u8;
	size_t i;

	switch (type) {
	case EXT_RENEG:
		if (rbuf_get_vec(d, 1, &v) != 0)
			return TLS_EPROTO;
		if (rbuf_left(&v) == 0)
			a->ext |= TLS_AX_RENEG;
		return 0;
	case EXT_SUPPORTED_VERSIONS:
		if (rbuf_get_u16(d, &u16) != 0)
			return TLS_EPROTO;
		a->ext |= TLS_AX_SUPPORTED_VERSIONS;
		a->version = u16;
		return 0;
	case EXT_KEY_SHARE:
		/* an HRR names the group only, a ServerHello adds its share */
		if (rbuf_get_u16(d, &u16) != 0 ||
		    (a->kind == TLS_ANS_SERVER_HELLO &&
		    rbuf_get_vec(d, 2, &v) != 0))
			return TLS_EPROTO;
		a->ext |= TLS_AX_KEY_SHARE;
		a->group = u16;
		return 0;
	case EXT_POINT_FORMATS:
		if (rbuf_get_u8(d, &u8) != 0)
			return TLS_EPROTO;
		a->ext |= TLS_AX_EC_POINT_FORMATS;
		return 0;
	}
	for (i = 0; i < sizeof(presence) / sizeof(presence[0]); i++)
		if (presence[i].type == type)
			a->ext |= presence[i].flag;
	return 0;
}

static int
parse_server_hello(struct parse *p, struct rbuf *m)
{
	struct tls_answer *a = p->a;
	struct rbuf sid, exts, d;
	const uint8_t *rnd;
	uint16_t type;
	int r;

	if (rbuf_get_u16(m, &a->legacy_version) != 0 ||
	    rbuf_get_bytes(m, 32, &rnd) != 0 ||
	    rbuf_get_vec(m, 1, &sid) != 0 || rbuf_left(&sid) > 32 ||
	    rbuf_get_u16(m, &a->suite) != 0 ||
	    rbuf_get_u8(m, &a->compression) != 0)
		return TLS_EPROTO;
	if ((a->legacy_version >> 8) != 3)
		return TLS_EPROTO;
	a->version = a->legacy_version;
	a->kind = memcmp(rnd, hrr_random, 32) == 0 ? TLS_ANS_HRR :
	    TLS_ANS_SERVER_HELLO;
	if (rbuf_left(m) > 0) {
		if (rbuf_get_vec(m, 2, &exts) != 0)
			return TLS_EPROTO;
		while (rbuf_left(&exts) > 0) {
			if (rbuf_get_u16(&exts, &type) != 0 ||
			    rbuf_get_vec(&exts, 2, &d) != 0)
				return TLS_EPROTO;
			if ((r = parse_sh_ext(a, type, &d)) != 0)
				return r;
		}
	}
	p->have_sh = 1;
	/* TLS 1.3 encrypts the rest; an HRR waits for our second hello. */
	if (a->kind == TLS_ANS_HRR || a->version >= 0x0304 ||
	    !(p->flags & TLS_PARSE_FLIGHT))
		p->done = 1;
	return 0;
}

static int
parse_certificate(struct tls_answer *a, struct rbuf *m)
{
	struct rbuf list, cert;

	a->flight |= TLS_FL_CERT;
	if (rbuf_get_vec(m, 3, &list) != 0)
		return TLS_EPROTO;
	while (rbuf_left(&list) > 0) {
		if (rbuf_get_vec(&list, 3, &cert) != 0)
			return TLS_EPROTO;
		if (a->ncerts < TLS_MAX_CERTS)
			a->cert_len[a->ncerts] = (uint32_t)rbuf_left(&cert);
		if (a->ncerts < UINT16_MAX)
			a->ncerts++;
	}
	return 0;
}

static int
parse_ske(struct tls_answer *a, struct rbuf *m)
{
	const struct tls_suite *s;
	struct rbuf hint, prime;
	const uint8_t *pp;
	uint16_t curve;
	uint8_t type;
	size_t n, bits;

	a->flight |= TLS_FL_SKE;
	if ((s = tls_suite_by_code(a->suite)) == NULL)
		return 0;
	/* PSK suites put an identity hint first (RFC 4279, 5489). */
	if ((s->flags & TLS_SF_PSK) && rbuf_get_vec(m, 2, &hint) != 0)
		return TLS_EPROTO;
	if (strcmp(s->kx, "ECDHE") == 0 ||
	    (strcmp(s->kx, "ECDH") == 0 && (s->flags & TLS_SF_ANON))) {
		if (rbuf_get_u8(m, &type) != 0)
			return TLS_EPROTO;
		if (type == 3) {	/* named_curve */
			if (rbuf_get_u16(m, &curve) != 0)
				return TLS_EPROTO;
			a->ske_group = curve;
		}
	} else if (strcmp(s->kx, "DHE") == 0 ||
	    (strcmp(s->kx, "DH") == 0 && (s->flags & TLS_SF_ANON))) {
		if (rbuf_get_vec(m, 2, &prime) != 0)
			return TLS_EPROTO;
		n = rbuf_left(&prime);
		if (rbuf_get_bytes(&prime, n, &pp) != 0)
			return TLS_EPROTO;
		while (n > 0 && *pp == 0) {
			pp++;
			n--;
		}
		bits = 0;
		if (n > 0) {
			bits = 8 * (n - 1);
			for (type = pp[0]; type != 0; type >>= 1)
				bits++;
		}
		a->dh_bits = bits > UINT16_MAX ? UINT16_MAX : (uint16_t)bits;
		a->dh_known = (uint8_t)tls_dhprime_find(pp, n);
	}
	return 0;
}

/*
 * Where the first Certificate message's certificate_list is in p->hs
 * (m is a cursor on the message body there), for
 * tls_answer_certificates(); parse_certificate() checks its framing.
 */
static void
keep_certificate(struct parse *p, const struct rbuf *m)
{
	struct rbuf c = *m, list;

	if (rbuf_get_vec(&c, 3, &list) != 0)
		return;
	p->have_cert = 1;
	p->cert_off = (size_t)(rbuf_ptr(&list) - p->hs);
	p->cert_len = rbuf_left(&list);
}

/* Parses every complete handshake message gathered so far. */
static int
parse_messages(struct parse *p)
{
	struct rbuf r, m;
	uint32_t mlen;
	uint8_t type;
	int e;

	while (!p->done) {
		rbuf_init(&r, p->hs + p->hsoff, p->hslen - p->hsoff);
		if (rbuf_get_u8(&r, &type) != 0 || rbuf_get_u24(&r, &mlen) != 0)
			return TLS_NEED_MORE;
		if (mlen > TLS_ANSWER_MAX)
			return TLS_ETOOBIG;
		if (rbuf_get_sub(&r, mlen, &m) != 0)
			return TLS_NEED_MORE;
		p->hsoff += 4 + (size_t)mlen;
		if (!p->have_sh) {
			if (type == HS_HELLO_REQUEST)
				continue;
			if (type != HS_SERVER_HELLO)
				return TLS_EPROTO;
			if ((e = parse_server_hello(p, &m)) != 0)
				return e;
			continue;
		}
		/* After the ServerHello: what the flight holds. */
		if (type == HS_CERTIFICATE && !p->have_cert)
			keep_certificate(p, &m);
		if (type == HS_CERTIFICATE &&
		    (e = parse_certificate(p->a, &m)) != 0)
			return e;
		if (type == HS_SKE && (e = parse_ske(p->a, &m)) != 0)
			return e;
		if (type == HS_CERT_STATUS)
			p->a->flight |= TLS_FL_CERT_STATUS;
		if (type == HS_CERT_REQUEST)
			p->a->flight |= TLS_FL_CERT_REQUEST;
		if (type == HS_DONE) {
			p->a->flight |= TLS_FL_DONE;
			p->done = 1;
		}
	}
	return 0;
}

static int
parse_ssl2(const uint8_t *data, size_t len, struct tls_answer *a)
{
	struct rbuf r, body, specs;
	uint16_t hdr, certlen, speclen, idlen, ver, code;
	uint8_t type, hit, ctype;
	uint32_t kind;

	rbuf_init(&r, data, len);
	/* Only ERROR (0) and SERVER-HELLO (4) can come from a server. */
	if (len >= 3 && data[2] != 0 && data[2] != 4)
		return TLS_EGARBAGE;
	if (rbuf_get_u16(&r, &hdr) != 0)
		return TLS_NEED_MORE;
	if (rbuf_get_sub(&r, (size_t)(hdr & 0x7fff), &body) != 0)
		return TLS_NEED_MORE;
	if (rbuf_get_u8(&body, &type) != 0)
		return TLS_EPROTO;
	a->record_version = 0x0002;
	if (type == 0) {		/* ERROR */
		if (rbuf_get_u16(&body, &code) != 0)
			return TLS_EPROTO;
		a->kind = TLS_ANS_SSL2_ERROR;
		a->ssl2_error = code;
		a->used = len - rbuf_left(&r);
		return TLS_OK;
	}
	if (type != 4)			/* SERVER-HELLO */
		return TLS_EGARBAGE;
	if (rbuf_get_u8(&body, &hit) != 0 ||
	    rbuf_get_u8(&body, &ctype) != 0 ||
	    rbuf_get_u16(&body, &ver) != 0 ||
	    rbuf_get_u16(&body, &certlen) != 0 ||
	    rbuf_get_u16(&body, &speclen) != 0 ||
	    rbuf_get_u16(&body, &idlen) != 0 ||
	    rbuf_skip(&body, certlen) != 0 ||
	    rbuf_get_sub(&body, speclen, &specs) != 0 ||
	    rbuf_skip(&body, idlen) != 0 || speclen % 3 != 0)
		return TLS_EPROTO;
	(void)hit;
	(void)ctype;
	a->kind = TLS_ANS_SSL2_HELLO;
	a->legacy_version = ver;
	a->version = 0x0002;
	a->ssl2_cert_len = certlen;
	if (certlen > 0)
		a->flight |= TLS_FL_CERT;
	while (rbuf_get_u24(&specs, &kind) == 0) {
		if (a->ssl2_nkinds < TLS_SSL2_MAX_KINDS)
			a->ssl2_kinds[a->ssl2_nkinds++] = kind;
	}
	a->used = len - rbuf_left(&r);
	return TLS_OK;
}

static int
parse_tls(struct parse *p, const uint8_t *data, size_t len)
{
	struct tls_answer *a = p->a;
	struct rbuf r, frag;
	uint16_t ver, rlen;
	uint8_t type, level, desc;
	size_t n;
	int e, first = 1;

	rbuf_init(&r, data, len);
	while (!p->done) {
		if (rbuf_left(&r) < 5)
			return TLS_NEED_MORE;
		if (rbuf_get_u8(&r, &type) != 0 ||
		    rbuf_get_u16(&r, &ver) != 0 ||
		    rbuf_get_u16(&r, &rlen) != 0)
			return TLS_NEED_MORE;
		if (type < REC_CCS || type > REC_APPDATA || (ver >> 8) != 3)
			return first ? TLS_EGARBAGE : TLS_EPROTO;
		if (rlen > REC_MAX)
			return TLS_ETOOBIG;
		if (first)
			a->record_version = ver;
		first = 0;
		if (rbuf_get_sub(&r, rlen, &frag) != 0)
			return TLS_NEED_MORE;
		switch (type) {
		case REC_ALERT:
			if (rbuf_get_u8(&frag, &level) != 0 ||
			    rbuf_get_u8(&frag, &desc) != 0)
				return TLS_EPROTO;
			a->alert_level = level;
			a->alert_desc = desc;
			if (p->have_sh)
				a->flight |= TLS_FL_ALERT;
			else
				a->kind = TLS_ANS_ALERT;
			p->done = 1;
			break;
		case REC_HANDSHAKE:
			n = rbuf_left(&frag);
			if (n == 0)
				return TLS_EPROTO;
			if (p->hslen + n > TLS_ANSWER_MAX)
				return TLS_ETOOBIG;
			memcpy(p->hs + p->hslen, rbuf_ptr(&frag), n);
			p->hslen += n;
			if ((e = parse_messages(p)) < 0)
				return e;
			break;
		default:
			/* CCS or data before the ServerHello makes no sense. */
			if (!p->have_sh)
				return TLS_EPROTO;
			break;
		}
		a->used = len - rbuf_left(&r);
	}
	return TLS_OK;
}

/* tls_answer_parse() on p, which the caller frees (p->hs). */
static int
answer_parse(struct parse *p, const uint8_t *data, size_t len,
    unsigned flags, struct tls_answer *a)
{
	size_t n;
	int r;

	memset(a, 0, sizeof(*a));
	memset(p, 0, sizeof(*p));
	p->flags = flags;
	p->a = a;
	n = len > TLS_ANSWER_MAX ? TLS_ANSWER_MAX : len;
	if (n == 0) {
		r = TLS_NEED_MORE;
		goto out;
	}
	/* An SSLv2 record header has the top bit set (2-byte form). */
	if (data[0] & 0x80) {
		r = parse_ssl2(data, n, a);
		goto out;
	}
	if ((p->hs = malloc(TLS_ANSWER_MAX)) == NULL) {
		r = TLS_ENOMEM;
		goto out;
	}
	r = parse_tls(p, data, n);
 out:
	if (r == TLS_NEED_MORE && len >= TLS_ANSWER_MAX)
		r = TLS_ETOOBIG;
	if (r == TLS_NEED_MORE && (flags & TLS_PARSE_FINAL))
		r = p->have_sh ? TLS_OK : TLS_ETRUNC;
	if (r == TLS_OK && p->have_sh && a->used == 0)
		a->used = n;
	if (r != TLS_OK) {
		n = a->used;
		memset(a, 0, sizeof(*a));
		a->used = n;
	}
	return r;
}

int
tls_answer_parse(const uint8_t *data, size_t len, unsigned flags,
    struct tls_answer *a)
{
	struct parse p;
	int r;

	r = answer_parse(&p, data, len, flags, a);
	free(p.hs);
	return r;
}

int
tls_answer_certificates(const uint8_t *data, size_t len, uint8_t **out,
    size_t *outlen)
{
	struct tls_answer a;
	struct parse p;
	int r;

	*out = NULL;
	*outlen = 0;
	r = answer_parse(&p, data, len, TLS_PARSE_FLIGHT | TLS_PARSE_FINAL,
	    &a);
	if (r != TLS_OK)
		goto out;
	/* TLS 1.3 encrypts it; SSLv2 has no such message. */
	if (a.kind != TLS_ANS_SERVER_HELLO || a.version < 0x0300 ||
	    a.version > 0x0303 || !p.have_cert || p.cert_len == 0)
		goto out;
	if ((*out = malloc(p.cert_len)) == NULL) {
		r = TLS_ENOMEM;
		goto out;
	}
	memcpy(*out, p.hs + p.cert_off, p.cert_len);
	*outlen = p.cert_len;
 out:
	free(p.hs);
	return r;
}
