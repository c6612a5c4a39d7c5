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

#include <stdlib.h>
#include <string.h>

#include "scanner/buf.h"
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

/* Base points of the NIST curves: valid public values for a key_share. */
static const uint8_t p256_point[65] = {
	0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc,
	0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d,
	0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96,
	0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb,
	0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31,
	0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5,
};
static const uint8_t p384_point[97] = {
	0x04, 0xaa, 0x87, 0xca, 0x22, 0xbe, 0x8b, 0x05, 0x37, 0x8e, 0xb1,
	0xc7, 0x1e, 0xf3, 0x20, 0xad, 0x74, 0x6e, 0x1d, 0x3b, 0x62, 0x8b,
	0xa7, 0x9b, 0x98, 0x59, 0xf7, 0x41, 0xe0, 0x82, 0x54, 0x2a, 0x38,
	0x55, 0x02, 0xf2, 0x5d, 0xbf, 0x55, 0x29, 0x6c, 0x3a, 0x54, 0x5e,
	0x38, 0x72, 0x76, 0x0a, 0xb7, 0x36, 0x17, 0xde, 0x4a, 0x96, 0x26,
	0x2c, 0x6f, 0x5d, 0x9e, 0x98, 0xbf, 0x92, 0x92, 0xdc, 0x29, 0xf8,
	0xf4, 0x1d, 0xbd, 0x28, 0x9a, 0x14, 0x7c, 0xe9, 0xda, 0x31, 0x13,
	0xb5, 0xf0, 0xb8, 0xc0, 0x0a, 0x60, 0xb1, 0xce, 0x1d, 0x7e, 0x81,
	0x9d, 0x7a, 0x43, 0x1d, 0x7c, 0x90, 0xea, 0x0e, 0x5f,
};
static const uint8_t p521_point[133] = {
	0x04, 0x00, 0xc6, 0x85, 0x8e, 0x06, 0xb7, 0x04, 0x04, 0xe9, 0xcd,
	0x9e, 0x3e, 0xcb, 0x66, 0x23, 0x95, 0xb4, 0x42, 0x9c, 0x64, 0x81,
	0x39, 0x05, 0x3f, 0xb5, 0x21, 0xf8, 0x28, 0xaf, 0x60, 0x6b, 0x4d,
	0x3d, 0xba, 0xa1, 0x4b, 0x5e, 0x77, 0xef, 0xe7, 0x59, 0x28, 0xfe,
	0x1d, 0xc1, 0x27, 0xa2, 0xff, 0xa8, 0xde, 0x33, 0x48, 0xb3, 0xc1,
	0x85, 0x6a, 0x42, 0x9b, 0xf9, 0x7e, 0x7e, 0x31, 0xc2, 0xe5, 0xbd,
	0x66, 0x01, 0x18, 0x39, 0x29, 0x6a, 0x78, 0x9a, 0x3b, 0xc0, 0x04,
	0x5c, 0x8a, 0x5f, 0xb4, 0x2c, 0x7d, 0x1b, 0xd9, 0x98, 0xf5, 0x44,
	0x49, 0x57, 0x9b, 0x44, 0x68, 0x17, 0xaf, 0xbd, 0x17, 0x27, 0x3e,
	0x66, 0x2c, 0x97, 0xee, 0x72, 0x99, 0x5e, 0xf4, 0x26, 0x40, 0xc5,
	0x50, 0xb9, 0x01, 0x3f, 0xad, 0x07, 0x61, 0x35, 0x3c, 0x70, 0x86,
	0xa2, 0x72, 0xc2, 0x40, 0x88, 0xbe, 0x94, 0x76, 0x9f, 0xd1, 0x66,
	0x50,
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

static int
has_group(const struct tls_hello_opts *o, uint16_t code)
{
	size_t i;

	for (i = 0; i < o->ngroups; i++)
		if (o->groups[i] == code)
			return 1;
	return 0;
}

static int
put_key_share(const struct tls_hello_opts *o, struct wbuf *w, uint64_t *seed)
{
	const struct tls_group *g;
	size_t i, mark, kmark, at;

	(void)wbuf_put_u16(w, EXT_KEY_SHARE);
	(void)wbuf_vec_open(w, 2, &mark);
	(void)wbuf_vec_open(w, 2, &kmark);
	for (i = 0; i < o->nshares; i++) {
		if ((g = tls_group_by_code(o->shares[i])) == NULL ||
		    g->keyshare_len == 0 || !has_group(o, g->code))
			return TLS_EOPTS;
		(void)wbuf_put_u16(w, g->code);
		(void)wbuf_put_u16(w, g->keyshare_len);
		switch (g->code) {
		case TLS_GROUP_SECP256R1:
			(void)wbuf_put_bytes(w, p256_point, sizeof(p256_point));
			break;
		case TLS_GROUP_SECP384R1:
			(void)wbuf_put_bytes(w, p384_point, sizeof(p384_point));
			break;
		case TLS_GROUP_SECP521R1:
			(void)wbuf_put_bytes(w, p521_point, sizeof(p521_point));
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
	return 0;
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

static int
build_extensions(const struct tls_hello_opts *o, struct wbuf *w,
    uint64_t *seed)
{
	size_t mark, m2, i, n;
	int r;

	if (o->sni[0] != '\0') {
		n = strlen(o->sni);
		(void)wbuf_put_u16(w, EXT_SNI);
		(void)wbuf_put_u16(w, (uint16_t)(n + 5));
		(void)wbuf_put_u16(w, (uint16_t)(n + 3));
		(void)wbuf_put_u8(w, 0);	/* host_name */
		(void)wbuf_put_u16(w, (uint16_t)n);
		(void)wbuf_put_bytes(w, o->sni, n);
	}
	if (o->flags & TLS_HO_OCSP) {
		(void)wbuf_put_u16(w, EXT_STATUS_REQUEST);
		(void)wbuf_put_u16(w, 5);
		(void)wbuf_put_u8(w, 1);	/* ocsp */
		(void)wbuf_put_u32(w, 0);	/* no responder ids, no exts */
	}
	if (o->ngroups > 0) {
		(void)wbuf_put_u16(w, EXT_GROUPS);
		(void)wbuf_vec_open(w, 2, &mark);
		(void)wbuf_vec_open(w, 2, &m2);
		for (i = 0; i < o->ngroups; i++)
			(void)wbuf_put_u16(w, o->groups[i]);
		(void)wbuf_vec_close(w, 2, m2);
		(void)wbuf_vec_close(w, 2, mark);
	}
	if (o->version != TLS_V_TLS13 && (o->ngroups > 0 || offers_ecc(o))) {
		(void)wbuf_put_u16(w, EXT_POINT_FORMATS);
		(void)wbuf_put_u16(w, 2);
		(void)wbuf_put_u8(w, 1);
		(void)wbuf_put_u8(w, 0);	/* uncompressed */
	}
	if (o->version >= TLS_V_TLS12) {
		(void)wbuf_put_u16(w, EXT_SIG_ALGS);
		(void)wbuf_vec_open(w, 2, &mark);
		(void)wbuf_vec_open(w, 2, &m2);
		for (i = 0; i < sizeof(sigalgs) / sizeof(sigalgs[0]); i++)
			(void)wbuf_put_u16(w, sigalgs[i]);
		(void)wbuf_vec_close(w, 2, m2);
		(void)wbuf_vec_close(w, 2, mark);
	}
	if ((o->flags & TLS_HO_EMS) && o->version != TLS_V_TLS13) {
		(void)wbuf_put_u16(w, EXT_EMS);
		(void)wbuf_put_u16(w, 0);
	}
	if (o->version == TLS_V_TLS13) {
		(void)wbuf_put_u16(w, EXT_SUPPORTED_VERSIONS);
		(void)wbuf_put_u16(w, 3);
		(void)wbuf_put_u8(w, 2);
		(void)wbuf_put_u16(w, 0x0304);
		(void)wbuf_put_u16(w, EXT_PSK_MODES);
		(void)wbuf_put_u16(w, 2);
		(void)wbuf_put_u8(w, 1);
		(void)wbuf_put_u8(w, 1);	/* psk_dhe_ke */
		if ((r = put_key_share(o, w, seed)) != 0)
			return r;
	}
	if ((o->flags & TLS_HO_RENEG_EXT) && o->version != TLS_V_TLS13) {
		(void)wbuf_put_u16(w, EXT_RENEG);
		(void)wbuf_put_u16(w, 1);
		(void)wbuf_put_u8(w, 0);
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
	    o->nshares > TLS_HELLO_MAX_SHARES ||
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
	} else
		(void)wbuf_put_u8(w, 0);
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
};

static int
parse_sh_ext(struct tls_answer *a, uint16_t type, struct rbuf *d)
{
	struct rbuf v;
	uint16_t u16;
	uint8_t u8;

	switch (type) {
	case EXT_RENEG:
		if (rbuf_get_vec(d, 1, &v) != 0)
			return TLS_EPROTO;
		if (rbuf_left(&v) == 0)
			a->ext |= TLS_AX_RENEG;
		break;
	case EXT_EMS:
		a->ext |= TLS_AX_EMS;
		break;
	case EXT_ETM:
		a->ext |= TLS_AX_ETM;
		break;
	case EXT_SUPPORTED_VERSIONS:
		if (rbuf_get_u16(d, &u16) != 0)
			return TLS_EPROTO;
		a->ext |= TLS_AX_SUPPORTED_VERSIONS;
		a->version = u16;
		break;
	case EXT_KEY_SHARE:
		if (rbuf_get_u16(d, &u16) != 0)
			return TLS_EPROTO;
		a->ext |= TLS_AX_KEY_SHARE;
		a->group = u16;
		if (a->kind == TLS_ANS_SERVER_HELLO &&
		    rbuf_get_vec(d, 2, &v) != 0)
			return TLS_EPROTO;
		break;
	case EXT_STATUS_REQUEST:
		a->ext |= TLS_AX_STATUS_REQUEST;
		break;
	case EXT_SESSION_TICKET:
		a->ext |= TLS_AX_SESSION_TICKET;
		break;
	case EXT_POINT_FORMATS:
		if (rbuf_get_u8(d, &u8) != 0)
			return TLS_EPROTO;
		a->ext |= TLS_AX_EC_POINT_FORMATS;
		break;
	case EXT_SNI:
		a->ext |= TLS_AX_SNI;
		break;
	case EXT_ALPN:
		a->ext |= TLS_AX_ALPN;
		break;
	case EXT_COOKIE:
		a->ext |= TLS_AX_COOKIE;
		break;
	default:
		break;
	}
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
	}
	return 0;
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
		switch (type) {
		case HS_CERTIFICATE:
			e = parse_certificate(p->a, &m);
			break;
		case HS_CERT_STATUS:
			p->a->flight |= TLS_FL_CERT_STATUS;
			e = 0;
			break;
		case HS_SKE:
			e = parse_ske(p->a, &m);
			break;
		case HS_CERT_REQUEST:
			p->a->flight |= TLS_FL_CERT_REQUEST;
			e = 0;
			break;
		case HS_DONE:
			p->a->flight |= TLS_FL_DONE;
			p->done = 1;
			e = 0;
			break;
		default:
			e = 0;
			break;
		}
		if (e != 0)
			return e;
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

int
tls_answer_parse(const uint8_t *data, size_t len, unsigned flags,
    struct tls_answer *a)
{
	struct parse p;
	size_t n;
	int r;

	memset(a, 0, sizeof(*a));
	memset(&p, 0, sizeof(p));
	p.flags = flags;
	p.a = a;
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
	if ((p.hs = malloc(TLS_ANSWER_MAX)) == NULL) {
		r = TLS_ENOMEM;
		goto out;
	}
	r = parse_tls(&p, data, n);
 out:
	if (r == TLS_NEED_MORE && len >= TLS_ANSWER_MAX)
		r = TLS_ETOOBIG;
	if (r == TLS_NEED_MORE && (flags & TLS_PARSE_FINAL))
		r = p.have_sh ? TLS_OK : TLS_ETRUNC;
	if (r == TLS_OK && p.have_sh && a->used == 0)
		a->used = n;
	free(p.hs);
	if (r != TLS_OK) {
		n = a->used;
		memset(a, 0, sizeof(*a));
		a->used = n;
	}
	return r;
}
