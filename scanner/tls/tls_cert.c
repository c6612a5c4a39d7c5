/*
 * tls_cert.c: certificate handshakes through OpenSSL on the engine (see
 * tls_cert.h).  OpenSSL does the I/O on the engine's non-blocking socket;
 * this file only turns SSL_ERROR_WANT_READ/WRITE into engine waits and then
 * reads the facts out of the parsed certificates.  The chain is verified by
 * OpenSSL with SSL_VERIFY_NONE (so a bad chain still yields its
 * certificates) and the result read with SSL_get_verify_result().
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/ct.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_cert.h"
#include "scanner/tls/tls_ossl.h"

static SSL_CTX *cert_ctx;

static void cert_info_release(struct cert_info *);

static const struct {
	const char	*name;
	const char	*sigalgs;
	const char	*ciphers;
} kinds[CERT_KT_COUNT] = {
	[CERT_KT_RSA] = { "RSA",
	    "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:"
	    "rsa_pss_pss_sha256:rsa_pss_pss_sha384:rsa_pss_pss_sha512:"
	    "RSA+SHA256:RSA+SHA384:RSA+SHA512:RSA+SHA224:RSA+SHA1",
	    "aRSA:@SECLEVEL=0" },
	[CERT_KT_ECDSA] = { "ECDSA",
	    "ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:ECDSA+SHA224:ECDSA+SHA1",
	    "aECDSA:@SECLEVEL=0" },
};

struct cert_probe {
	struct cert_config	 cfg;
	int			 kt;
	struct cert_result	*res;
	void			(*done)(void *, int);
	void			*done_arg;
	SSL			*ssl;
	int			 svc;
	int			 greeting_ms;
	struct tls_ossl		 o;
	int			 throttled;
	char			 error[160];
	int			 ok;
};

int
tls_cert_global_init(const char *ca_file, char *err, size_t errlen)
{
	if (cert_ctx != NULL)
		return 0;
	if ((cert_ctx = SSL_CTX_new(TLS_client_method())) == NULL) {
		snprintf(err, errlen, "cannot create an OpenSSL context");
		return -1;
	}
	/* The scanner must see what weak servers hold, so allow it all. */
	SSL_CTX_set_security_level(cert_ctx, 0);
	SSL_CTX_set_min_proto_version(cert_ctx, 0);
	SSL_CTX_set_max_proto_version(cert_ctx, 0);
	SSL_CTX_set_verify(cert_ctx, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_options(cert_ctx, SSL_OP_LEGACY_SERVER_CONNECT |
	    SSL_OP_NO_TICKET);
	if (ca_file != NULL) {
		if (SSL_CTX_load_verify_locations(cert_ctx, ca_file, NULL) !=
		    1) {
			snprintf(err, errlen, "--ca-file '%s': cannot load "
			    "certificates", ca_file);
			SSL_CTX_free(cert_ctx);
			cert_ctx = NULL;
			return -1;
		}
	} else {
		/*
		 * The hashed directory is read lazily, one issuer at a time;
		 * the default bundle file would be parsed whole (about 0.1 s
		 * of CPU per run) for the one or two roots a scan needs.
		 */
		const char *dir = getenv(X509_get_default_cert_dir_env());

		if (dir == NULL || *dir == '\0')
			dir = X509_get_default_cert_dir();
		if (SSL_CTX_load_verify_dir(cert_ctx, dir) != 1 &&
		    SSL_CTX_set_default_verify_paths(cert_ctx) != 1) {
			snprintf(err, errlen, "cannot load the system CA "
			    "store");
			SSL_CTX_free(cert_ctx);
			cert_ctx = NULL;
			return -1;
		}
	}
	return 0;
}

void
tls_cert_global_free(void)
{
	SSL_CTX_free(cert_ctx);
	cert_ctx = NULL;
}

struct cert_probe *
tls_cert_probe_new(const struct cert_config *cfg, int kt,
    struct cert_result *res, void (*done)(void *, int), void *done_arg)
{
	struct cert_probe *p;

	if (kt < 0 || kt >= CERT_KT_COUNT ||
	    (p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->cfg = *cfg;
	p->kt = kt;
	p->res = res;
	p->done = done;
	p->done_arg = done_arg;
	p->svc = SVC_TLS;
	return p;
}

void
tls_cert_set_preamble(struct cert_probe *p, int svc, int greeting_ms)
{
	p->svc = svc;
	p->greeting_ms = greeting_ms > 0 ? greeting_ms : 0;
}

/*
 * Replaces what is not valid UTF-8 (and control characters) with '?', so
 * a hostile name cannot break the JSON and XML reports.
 */
static void
utf8_clean(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t i, need;

	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f) {
			*p++ = '?';
			continue;
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		need = (*p & 0xe0) == 0xc0 && *p >= 0xc2 ? 1 :
		    (*p & 0xf0) == 0xe0 ? 2 :
		    (*p & 0xf8) == 0xf0 && *p <= 0xf4 ? 3 : 0;
		for (i = 1; i <= need; i++)
			if ((p[i] & 0xc0) != 0x80)
				break;
		/* Overlong forms, surrogates and code points past U+10FFFF. */
		if (need == 0 || i <= need ||
		    (p[0] == 0xe0 && p[1] < 0xa0) ||
		    (p[0] == 0xed && p[1] >= 0xa0) ||
		    (p[0] == 0xf0 && p[1] < 0x90) ||
		    (p[0] == 0xf4 && p[1] >= 0x90)) {
			*p++ = '?';
			continue;
		}
		p += need + 1;
	}
}

static char *
name_string(const X509_NAME *n)
{
	BIO *b;
	BUF_MEM *m;
	char *s = NULL;

	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return NULL;
	if (X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253 &
	    ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		BIO_get_mem_ptr(b, &m);
		if ((s = strndup(m->data, m->length)) != NULL)
			utf8_clean(s);
	}
	BIO_free(b);
	return s;
}

static void
time_string(const ASN1_TIME *t, char *buf, size_t len)
{
	struct tm tm;

	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1) {
		snprintf(buf, len, "?");
		return;
	}
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * Appends prefix and the printable ASCII of d[0..n) (hostile names and
 * URIs: anything else becomes '?') to the list *v of *nv strings, which
 * keeps at most max of them, each of at most 512 bytes.
 */
static int
add_str(char ***v, size_t *nv, size_t max, const char *prefix,
    const unsigned char *d, size_t n)
{
	char **nl, *s;
	size_t i, k, plen = strlen(prefix);

	if (*nv >= max || n > 512)
		return 0;
	if ((s = malloc(plen + n + 1)) == NULL)
		return -1;
	memcpy(s, prefix, plen);
	for (i = 0, k = plen; i < n; i++)
		s[k++] = d[i] >= 0x20 && d[i] < 0x7f ? (char)d[i] : '?';
	s[k] = '\0';
	if ((nl = reallocarray(*v, *nv + 1, sizeof(*nl))) == NULL) {
		free(s);
		return -1;
	}
	*v = nl;
	(*v)[(*nv)++] = s;
	return 0;
}

/* Appends one SAN string. */
static int
add_san(struct cert_info *ci, const char *prefix, const unsigned char *d,
    size_t n)
{
	return add_str(&ci->san, &ci->nsan, 256, prefix, d, n);
}

/* Adds the URI of g (the other kinds of name are not locations). */
static int
add_uri(char ***v, size_t *nv, const GENERAL_NAME *g)
{
	if (g == NULL || g->type != GEN_URI)
		return 0;
	return add_str(v, nv, CERT_MAX_URIS, "",
	    ASN1_STRING_get0_data(g->d.uniformResourceIdentifier),
	    (size_t)ASN1_STRING_length(g->d.uniformResourceIdentifier));
}

/* The serial number in hex, cut short (with "...") past the buffer. */
static void
fill_serial(X509 *x, struct cert_info *ci)
{
	const ASN1_INTEGER *sn = X509_get0_serialNumber(x);
	BIGNUM *bn;
	char *hex;
	size_t n;

	if (sn == NULL || (bn = ASN1_INTEGER_to_BN(sn, NULL)) == NULL)
		return;
	if ((hex = BN_bn2hex(bn)) != NULL) {
		n = strlen(hex);
		if (n >= sizeof(ci->serial))
			snprintf(ci->serial, sizeof(ci->serial), "%.*s...",
			    (int)sizeof(ci->serial) - 4, hex);
		else
			snprintf(ci->serial, sizeof(ci->serial), "%s", hex);
		OPENSSL_free(hex);
	}
	BN_free(bn);
}

/* Key usage, extended key usage and the TLS feature (must-staple). */
static int
fill_usage(X509 *x, struct cert_info *ci)
{
	EXTENDED_KEY_USAGE *eku;
	TLS_FEATURE *tf;
	const ASN1_OBJECT *o;
	char oid[80];
	const char *name;
	int i, nid, r = 0;

	ci->key_usage = -1;
	if (X509_get_ext_by_NID(x, NID_key_usage, -1) >= 0)
		ci->key_usage = (int)(X509_get_key_usage(x) & 0xffffu);
	if ((eku = X509_get_ext_d2i(x, NID_ext_key_usage, NULL, NULL)) !=
	    NULL) {
		ci->has_eku = 1;
		for (i = 0; i < sk_ASN1_OBJECT_num(eku) && r == 0; i++) {
			o = sk_ASN1_OBJECT_value(eku, i);
			nid = OBJ_obj2nid(o);
			if (nid == NID_server_auth)
				ci->eku_server_auth = 1;
			if (nid != NID_undef && (name = OBJ_nid2sn(nid)) !=
			    NULL)
				snprintf(oid, sizeof(oid), "%s", name);
			else if (OBJ_obj2txt(oid, sizeof(oid), o, 1) <= 0)
				snprintf(oid, sizeof(oid), "?");
			r = add_str(&ci->eku, &ci->neku, 32, "",
			    (const unsigned char *)oid, strlen(oid));
		}
		EXTENDED_KEY_USAGE_free(eku);
	}
	/* RFC 7633: the feature status_request (5) is must-staple. */
	if ((tf = X509_get_ext_d2i(x, NID_tlsfeature, NULL, NULL)) != NULL) {
		for (i = 0; i < sk_ASN1_INTEGER_num(tf); i++)
			if (ASN1_INTEGER_get(sk_ASN1_INTEGER_value(tf, i)) ==
			    TLSEXT_TYPE_status_request)
				ci->must_staple = 1;
		sk_ASN1_INTEGER_pop_free(tf, ASN1_INTEGER_free);
	}
	return r;
}

/* CRL distribution points and the AIA locations: read, never fetched. */
static int
fill_uris(X509 *x, struct cert_info *ci)
{
	STACK_OF(DIST_POINT) *dps;
	AUTHORITY_INFO_ACCESS *aia;
	const DIST_POINT *dp;
	const ACCESS_DESCRIPTION *ad;
	int i, k, nid, r = 0;

	if ((dps = X509_get_ext_d2i(x, NID_crl_distribution_points, NULL,
	    NULL)) != NULL) {
		for (i = 0; i < sk_DIST_POINT_num(dps) && r == 0; i++) {
			dp = sk_DIST_POINT_value(dps, i);
			if (dp->distpoint == NULL || dp->distpoint->type != 0)
				continue;
			for (k = 0; k < sk_GENERAL_NAME_num(
			    dp->distpoint->name.fullname) && r == 0; k++)
				r = add_uri(&ci->crl, &ci->ncrl,
				    sk_GENERAL_NAME_value(
				    dp->distpoint->name.fullname, k));
		}
		sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	}
	if (r == 0 && (aia = X509_get_ext_d2i(x, NID_info_access, NULL,
	    NULL)) != NULL) {
		for (i = 0; i < sk_ACCESS_DESCRIPTION_num(aia) && r == 0;
		    i++) {
			ad = sk_ACCESS_DESCRIPTION_value(aia, i);
			nid = OBJ_obj2nid(ad->method);
			if (nid == NID_ad_OCSP)
				r = add_uri(&ci->ocsp, &ci->nocsp,
				    ad->location);
			else if (nid == NID_ad_ca_issuers)
				r = add_uri(&ci->ca_issuers, &ci->nca_issuers,
				    ad->location);
		}
		AUTHORITY_INFO_ACCESS_free(aia);
	}
	return r;
}

/* One SCT into v (at most CERT_MAX_SCTS); its signature is not checked. */
static void
add_sct(struct cert_sct *v, size_t *nv, const SCT *sct, int source)
{
	struct cert_sct *c;
	unsigned char *id = NULL;
	uint64_t ms;
	time_t t;
	struct tm tm;
	size_t n;

	if (*nv >= CERT_MAX_SCTS)
		return;
	c = &v[(*nv)++];
	memset(c, 0, sizeof(*c));
	c->source = source;
	n = SCT_get0_log_id(sct, &id);
	if (id != NULL && n == 32)
		(void)EVP_EncodeBlock((unsigned char *)c->log_id, id, 32);
	else
		snprintf(c->log_id, sizeof(c->log_id), "?");
	ms = SCT_get_timestamp(sct);
	t = (time_t)(ms / 1000);
	if (ms / 1000 > (uint64_t)253402300799 || gmtime_r(&t, &tm) == NULL)
		snprintf(c->timestamp, sizeof(c->timestamp), "?");
	else
		strftime(c->timestamp, sizeof(c->timestamp),
		    "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
fill_scts(X509 *x, struct cert_info *ci)
{
	STACK_OF(SCT) *scts;
	int i;

	if ((scts = X509_get_ext_d2i(x, NID_ct_precert_scts, NULL, NULL)) ==
	    NULL)
		return;
	for (i = 0; i < sk_SCT_num(scts); i++)
		add_sct(ci->scts, &ci->nscts, sk_SCT_value(scts, i),
		    CERT_SCT_CERT);
	SCT_LIST_free(scts);
}

static int
fill_cert(X509 *x, struct cert_info *ci)
{
	GENERAL_NAMES *gens;
	const GENERAL_NAME *g;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char ip[64];
	EVP_PKEY *pk;
	int day = 0, sec = 0, nid, mdnid = NID_undef, pknid, k;
	const char *kt;

	if ((ci->subject = name_string(X509_get_subject_name(x))) == NULL ||
	    (ci->issuer = name_string(X509_get_issuer_name(x))) == NULL)
		return -1;
	time_string(X509_get0_notBefore(x), ci->not_before,
	    sizeof(ci->not_before));
	time_string(X509_get0_notAfter(x), ci->not_after,
	    sizeof(ci->not_after));
	if (ASN1_TIME_diff(&day, &sec, NULL, X509_get0_notAfter(x)) == 1)
		ci->days_left = day - (day <= 0 && sec < 0 ? 1 : 0);
	ci->not_yet_valid = X509_cmp_current_time(X509_get0_notBefore(x)) > 0;
	if ((pk = X509_get0_pubkey(x)) != NULL) {
		switch (EVP_PKEY_get_base_id(pk)) {
		case EVP_PKEY_RSA:
			kt = "RSA";
			break;
		case EVP_PKEY_RSA_PSS:
			kt = "RSA-PSS";
			break;
		case EVP_PKEY_EC:
			kt = "EC";
			break;
		case EVP_PKEY_ED25519:
			kt = "ED25519";
			break;
		case EVP_PKEY_ED448:
			kt = "ED448";
			break;
		case EVP_PKEY_DSA:
			kt = "DSA";
			break;
		default:
			kt = "other";
			break;
		}
		snprintf(ci->key_type, sizeof(ci->key_type), "%s", kt);
		ci->key_bits = EVP_PKEY_get_bits(pk);
	}
	nid = X509_get_signature_nid(x);
	snprintf(ci->sig_alg, sizeof(ci->sig_alg), "%s", OBJ_nid2ln(nid));
	if (OBJ_find_sigid_algs(nid, &mdnid, &pknid) == 1) {
		ci->sig_sha1 = mdnid == NID_sha1;
		ci->sig_md5 = mdnid == NID_md5;
	}
	ci->self_signed = X509_check_issued(x, x) == X509_V_OK;
	if (X509_digest(x, EVP_sha256(), md, &mdlen) == 1)
		for (i = 0; i < mdlen && 2 * i + 2 < sizeof(ci->sha256); i++)
			snprintf(ci->sha256 + 2 * i, 3, "%02x", md[i]);
	gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	for (k = 0; gens != NULL && k < sk_GENERAL_NAME_num(gens); k++) {
		g = sk_GENERAL_NAME_value(gens, k);
		if (g->type == GEN_DNS) {
			if (add_san(ci, "DNS:",
			    ASN1_STRING_get0_data(g->d.dNSName),
			    (size_t)ASN1_STRING_length(g->d.dNSName)) == -1)
				goto fail;
		} else if (g->type == GEN_IPADD) {
			int len = ASN1_STRING_length(g->d.iPAddress);

			if ((len != 4 && len != 16) ||
			    inet_ntop(len == 4 ? AF_INET : AF_INET6,
			    ASN1_STRING_get0_data(g->d.iPAddress), ip,
			    sizeof(ip)) == NULL)
				continue;
			if (add_san(ci, "IP:", (const unsigned char *)ip,
			    strlen(ip)) == -1)
				goto fail;
		}
	}
	GENERAL_NAMES_free(gens);
	fill_serial(x, ci);
	fill_scts(x, ci);
	if (fill_usage(x, ci) == -1 || fill_uris(x, ci) == -1)
		return -1;
	return 0;
fail:
	GENERAL_NAMES_free(gens);
	return -1;
}

/* Whether each certificate as sent is issued by the one after it. */
static void
chain_order(STACK_OF(X509) *sk, struct cert_chain *ch)
{
	int i, n = sk_X509_num(sk);

	ch->in_order = n > 1 ? 1 : -1;
	for (i = 0; i + 1 < n; i++)
		if (X509_check_issued(sk_X509_value(sk, i + 1),
		    sk_X509_value(sk, i)) != X509_V_OK) {
			ch->in_order = 0;
			ch->order_break = i;
			return;
		}
}

/*
 * The stapled OCSP response's status: the response status unless it is
 * "successful", else the first single response's certificate status.
 * What the responder says, read, not verified.
 */
static void
staple_status(SSL *ssl, struct cert_chain *ch)
{
	const unsigned char *der = NULL, *q;
	OCSP_RESPONSE *rsp = NULL;
	OCSP_BASICRESP *bs = NULL;
	OCSP_SINGLERESP *one;
	long n;
	int st;

	if ((n = SSL_get_tlsext_status_ocsp_resp(ssl, &der)) <= 0 ||
	    der == NULL)
		return;
	ch->ocsp_stapled = 1;
	q = der;
	if ((rsp = d2i_OCSP_RESPONSE(NULL, &q, n)) == NULL) {
		snprintf(ch->ocsp_status, sizeof(ch->ocsp_status),
		    "malformed");
		return;
	}
	st = OCSP_response_status(rsp);
	if (st != OCSP_RESPONSE_STATUS_SUCCESSFUL)
		snprintf(ch->ocsp_status, sizeof(ch->ocsp_status), "%s",
		    OCSP_response_status_str(st));
	else if ((bs = OCSP_response_get1_basic(rsp)) == NULL ||
	    (one = OCSP_resp_get0(bs, 0)) == NULL)
		snprintf(ch->ocsp_status, sizeof(ch->ocsp_status),
		    "malformed");
	else
		snprintf(ch->ocsp_status, sizeof(ch->ocsp_status), "%s",
		    OCSP_cert_status_str(OCSP_single_get0_status(one, NULL,
		    NULL, NULL, NULL)));
	OCSP_BASICRESP_free(bs);
	OCSP_RESPONSE_free(rsp);
}

/* The SCTs of the TLS extension and of the staple (not the embedded). */
static void
chain_scts(SSL *ssl, struct cert_chain *ch)
{
	const STACK_OF(SCT) *scts;
	const SCT *sct;
	int i;

	if ((scts = SSL_get0_peer_scts(ssl)) == NULL)
		return;
	for (i = 0; i < sk_SCT_num(scts); i++) {
		sct = sk_SCT_value(scts, i);
		if (SCT_get_source(sct) == SCT_SOURCE_TLS_EXTENSION)
			add_sct(ch->scts, &ch->nscts, sct, CERT_SCT_TLS);
		else if (SCT_get_source(sct) ==
		    SCT_SOURCE_OCSP_STAPLED_RESPONSE)
			add_sct(ch->scts, &ch->nscts, sct, CERT_SCT_OCSP);
	}
	ERR_clear_error();
}

/*
 * The key usage the handshake's key exchange needs of the leaf (RFC 5280,
 * 4.2.1.3; RFC 5246, 7.4.2): keyEncipherment for RSA key transport,
 * digitalSignature where the leaf signs (ECDHE, DHE, TLS 1.3).
 */
static void
kx_usage(SSL *ssl, X509 *leaf, struct cert_chain *ch)
{
	const SSL_CIPHER *c;
	uint32_t ku;
	int kx;

	if ((c = SSL_get_current_cipher(ssl)) == NULL)
		return;
	snprintf(ch->suite, sizeof(ch->suite), "%s", SSL_CIPHER_get_name(c));
	if (X509_get_ext_by_NID(leaf, NID_key_usage, -1) < 0)
		return;
	ku = X509_get_key_usage(leaf);
	kx = SSL_CIPHER_get_kx_nid(c);
	if (kx == NID_kx_rsa || kx == NID_kx_rsa_psk) {
		if (!(ku & X509v3_KU_KEY_ENCIPHERMENT))
			snprintf(ch->ku_missing, sizeof(ch->ku_missing),
			    "keyEncipherment");
	} else if (!(ku & X509v3_KU_DIGITAL_SIGNATURE))
		snprintf(ch->ku_missing, sizeof(ch->ku_missing),
		    "digitalSignature");
}

/* Adds the n certificates of sk, as sent, to res as chain number chain. */
static int
add_certs(struct cert_result *res, STACK_OF(X509) *sk, int chain)
{
	struct cert_info *nv, *ci;
	int i, n = sk_X509_num(sk);

	nv = reallocarray(res->certs, res->ncerts + (size_t)n, sizeof(*nv));
	if (nv == NULL)
		return -1;
	res->certs = nv;
	for (i = 0; i < n; i++) {
		ci = &res->certs[res->ncerts];
		memset(ci, 0, sizeof(*ci));
		ci->chain = chain;
		ci->position = i;
		res->ncerts++;
		if (fill_cert(sk_X509_value(sk, i), ci) == -1)
			return -1;
	}
	return 0;
}

/*
 * The verdicts on a chain as sent (sk, the leaf first) that the store's
 * verification ended with vr: valid, incomplete, the host name, order.
 */
static void
judge_chain(struct cert_chain *ch, STACK_OF(X509) *sk, long vr,
    const struct cert_config *cfg)
{
	X509 *leaf = sk_X509_value(sk, 0);
	X509 *last = sk_X509_value(sk, sk_X509_num(sk) - 1);
	unsigned char buf[16];

	ch->valid = vr == X509_V_OK;
	if (!ch->valid)
		snprintf(ch->verify_error, sizeof(ch->verify_error), "%s",
		    X509_verify_cert_error_string(vr));
	/* A chain that ends in a non-CA certificate lacks its issuer. */
	ch->incomplete = (vr == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
	    vr == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE ||
	    vr == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT) &&
	    X509_check_ca(last) == 0 && X509_check_issued(last, last) !=
	    X509_V_OK;
	ch->hostname_match = -1;
	if (cfg->host != NULL) {
		if (inet_pton(AF_INET, cfg->host, buf) == 1 ||
		    inet_pton(AF_INET6, cfg->host, buf) == 1)
			ch->hostname_match = X509_check_ip_asc(leaf,
			    cfg->host, 0) == 1;
		else
			ch->hostname_match = X509_check_host(leaf,
			    cfg->host, 0, 0, NULL) == 1;
	}
	ch->store_ca_file = cfg->ca_file != NULL;
	chain_order(sk, ch);
}

/* Records the chain of a finished handshake into the shared result. */
static int
collect(struct cert_probe *p)
{
	STACK_OF(X509) *sk;
	struct cert_result *res = p->res;
	struct cert_chain *ch;
	X509 *leaf;
	int n, chain;

	if ((sk = SSL_get_peer_cert_chain(p->ssl)) == NULL ||
	    (n = sk_X509_num(sk)) == 0) {
		snprintf(p->error, sizeof(p->error), "no certificate sent");
		return -1;
	}
	if (res->nchains >= CERT_KT_COUNT)
		return -1;
	chain = (int)res->nchains;
	ch = &res->chains[res->nchains++];
	memset(ch, 0, sizeof(*ch));
	snprintf(ch->key_type, sizeof(ch->key_type), "%s", kinds[p->kt].name);
	snprintf(ch->version, sizeof(ch->version), "%s",
	    SSL_get_version(p->ssl));
	judge_chain(ch, sk, SSL_get_verify_result(p->ssl), &p->cfg);
	leaf = sk_X509_value(sk, 0);
	snprintf(ch->source, sizeof(ch->source), "handshake");
	staple_status(p->ssl, ch);
	chain_scts(p->ssl, ch);
	kx_usage(p->ssl, leaf, ch);
	return add_certs(res, sk, chain);
}

/* The SCTs are reported, never a reason to end the handshake. */
static int
accept_scts(const CT_POLICY_EVAL_CTX *ctx, const STACK_OF(SCT) *scts,
    void *arg)
{
	(void)ctx;
	(void)scts;
	(void)arg;
	return 1;
}

static int
ssl_setup(struct cert_probe *p, int fd)
{
	if ((p->ssl = tls_ossl_new(fd, p->cfg.sni)) == NULL ||
	    SSL_set1_sigalgs_list(p->ssl, kinds[p->kt].sigalgs) != 1 ||
	    SSL_set_cipher_list(p->ssl, kinds[p->kt].ciphers) != 1)
		return -1;
	SSL_set_tlsext_status_type(p->ssl, TLSEXT_STATUSTYPE_ocsp);
	/* Asks for SCTs in the TLS extension; any answer is accepted. */
	if (SSL_set_ct_validation_callback(p->ssl, accept_scts, NULL) != 1)
		return -1;
	return 0;
}

static int
handshake(struct cert_probe *p)
{
	int r;

	ERR_clear_error();
	r = SSL_connect(p->ssl);
	if (r == 1) {
		if (collect(p) == -1) {
			if (p->error[0] == '\0')
				snprintf(p->error, sizeof(p->error),
				    "cannot read the certificates");
			return ENGINE_EPROTO;
		}
		p->ok = 1;
		return PROBE_DONE;
	}
	if ((r = tls_ossl_wait(p->ssl, r)) != PROBE_DONE)
		return r;
	return tls_ossl_fail(p->error, sizeof(p->error), "handshake failed");
}

static int
cert_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct cert_probe *p = arg;

	tls_ossl_connected(&p->o);
	if (ssl_setup(p, fd) == -1) {
		snprintf(p->error, sizeof(p->error), "cannot set up OpenSSL");
		return ENGINE_EINTERNAL;
	}
	if (starttls_needed((enum service)p->svc))
		return tls_ossl_begin(&p->o, (enum service)p->svc, p->cfg.host,
		    fd, out);
	return handshake(p);
}

/* The greeting waits longer than anything else (engine.h wait_ms). */
static int
cert_wait_ms(void *arg)
{
	struct cert_probe *p = arg;

	return tls_ossl_wait_ms(&p->o, p->greeting_ms);
}

/* The preamble failed with r (STARTTLS_E*). */
static int
preamble_failed(struct cert_probe *p, int r)
{
	p->throttled = r == STARTTLS_ETHROTTLED;
	return tls_ossl_preamble_failed(&p->o, r, p->error, sizeof(p->error));
}

static int
cert_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct cert_probe *p = arg;
	int r;

	if ((r = tls_ossl_input(&p->o, in, len, consumed, out)) < 0)
		return preamble_failed(p, r);
	return r;
}

static int
cert_on_eof(void *arg, const uint8_t *in, size_t len)
{
	struct cert_probe *p = arg;

	return preamble_failed(p, starttls_eof(&p->o.st, in, len));
}

static int
cert_on_ready(void *arg, int fd)
{
	(void)fd;
	return handshake(arg);
}

/* What stalled, for a timeout or the target's deadline. */
static void
stalled(struct cert_probe *p, int status)
{
	char t[32];
	uint64_t waited = engine_now_ms() - p->o.wait_t0;
	int deadline = status == ENGINE_EBUDGET;

	if (p->o.in_preamble) {
		starttls_stalled(&p->o.st, deadline, waited, p->error,
		    sizeof(p->error));
		return;
	}
	starttls_secs(waited, t, sizeof(t));
	snprintf(p->error, sizeof(p->error), deadline ? "timed out waiting "
	    "for the certificate handshake (after %s)" : "read timed out: "
	    "certificate handshake unfinished after %s", t);
}

static void
cert_on_end(void *arg, int status)
{
	struct cert_probe *p = arg;
	struct cert_result *res = p->res;
	void (*done)(void *, int) = p->done;
	void *done_arg = p->done_arg;
	int ok = p->ok, st;

	if (!ok && p->o.connected && p->o.in_preamble && (status ==
	    ENGINE_ERESET || status == ENGINE_EIO)) {
		/* Reset inside the preamble: pushed back, like a close. */
		p->throttled = 1;
		snprintf(p->error, sizeof(p->error), "connection reset before "
		    "the %s", starttls_waiting(&p->o.st));
	} else if (!ok && p->o.connected && p->error[0] == '\0' &&
	    (status == ENGINE_ETIMEOUT || status == ENGINE_EBUDGET))
		stalled(p, status);
	if (!ok && res->error[0] == '\0')
		snprintf(res->error, sizeof(res->error), "%s",
		    p->error[0] != '\0' ? p->error : engine_errstr(status));
	if (p->throttled) {
		snprintf(res->throttled, sizeof(res->throttled), "%s",
		    p->error);
		res->throttled_kts |= 1u << p->kt;
		st = TLS_CERT_THROTTLED;
	} else
		st = ok ? 0 : status != 0 ? status : ENGINE_EPROTO;
	SSL_free(p->ssl);
	free(p);
	done(done_arg, st);
}

const struct probe_ops tls_cert_ops = {
	.name = "tls-cert",
	.max_input = 16 * 1024,
	.on_connect = cert_on_connect,
	.on_data = cert_on_data,
	.on_ready = cert_on_ready,
	.on_eof = cert_on_eof,
	.on_end = cert_on_end,
	.wait_ms = cert_wait_ms,
};

/* Verifies sk (the leaf first) against the store as a TLS server chain. */
static long
verify_sent(STACK_OF(X509) *sk)
{
	X509_STORE_CTX *vc;
	long vr = X509_V_ERR_UNSPECIFIED;

	if (cert_ctx == NULL || (vc = X509_STORE_CTX_new()) == NULL)
		return vr;
	if (X509_STORE_CTX_init(vc, SSL_CTX_get_cert_store(cert_ctx),
	    sk_X509_value(sk, 0), sk) == 1 &&
	    X509_STORE_CTX_set_default(vc, "ssl_server") == 1) {
		vr = X509_verify_cert(vc) == 1 ? X509_V_OK :
		    X509_STORE_CTX_get_error(vc);
		if (vr == X509_V_OK && X509_STORE_CTX_get_error(vc) !=
		    X509_V_OK)
			vr = X509_STORE_CTX_get_error(vc);
	}
	X509_STORE_CTX_free(vc);
	ERR_clear_error();
	return vr;
}

STACK_OF(X509) *
tls_cert_list_parse(const uint8_t *list, size_t len, int max)
{
	STACK_OF(X509) *sk;
	const unsigned char *q;
	X509 *x = NULL;
	size_t off = 0, n;

	if ((sk = sk_X509_new_null()) == NULL)
		return NULL;
	while (len - off >= 3 && sk_X509_num(sk) < max) {
		n = (size_t)list[off] << 16 | (size_t)list[off + 1] << 8 |
		    list[off + 2];
		off += 3;
		if (n == 0 || n > len - off || n > LONG_MAX)
			goto bad;
		q = list + off;
		if ((x = d2i_X509(NULL, &q, (long)n)) == NULL ||
		    q != list + off + n)
			goto bad;
		if (sk_X509_push(sk, x) == 0)
			goto bad;
		x = NULL;
		off += n;
	}
	if (sk_X509_num(sk) == 0 || (off != len && sk_X509_num(sk) < max))
		goto bad;
	return sk;
 bad:
	X509_free(x);
	sk_X509_pop_free(sk, X509_free);
	ERR_clear_error();
	return NULL;
}

int
tls_cert_add_hello(struct cert_result *res, const struct cert_config *cfg,
    const uint8_t *list, size_t len, const char *version)
{
	STACK_OF(X509) *sk = NULL;
	struct cert_chain *ch;
	EVP_PKEY *pk;
	int r = -1;

	if (res->nchains >= CERT_KT_COUNT ||
	    (sk = tls_cert_list_parse(list, len, CERT_HELLO_MAX)) == NULL)
		goto out;
	ch = &res->chains[res->nchains];
	memset(ch, 0, sizeof(*ch));
	pk = X509_get0_pubkey(sk_X509_value(sk, 0));
	snprintf(ch->key_type, sizeof(ch->key_type), "%s", pk == NULL ? "?" :
	    EVP_PKEY_get_base_id(pk) == EVP_PKEY_EC ? "ECDSA" :
	    EVP_PKEY_get_base_id(pk) == EVP_PKEY_RSA ? "RSA" : "other");
	snprintf(ch->version, sizeof(ch->version), "%s", version);
	snprintf(ch->source, sizeof(ch->source), "hello");
	judge_chain(ch, sk, verify_sent(sk), cfg);
	ch->ocsp_stapled = -1;
	if (add_certs(res, sk, (int)res->nchains) == -1)
		goto out;
	res->nchains++;
	r = 0;
 out:
	if (r != 0 && res->ncerts > 0)
		while (res->ncerts > 0 && res->certs[res->ncerts - 1].chain ==
		    (int)res->nchains)
			cert_info_release(&res->certs[--res->ncerts]);
	sk_X509_pop_free(sk, X509_free);
	ERR_clear_error();
	return r;
}

int
tls_cert_take_throttled(struct cert_result *r)
{
	int kt;

	for (kt = 0; kt < CERT_KT_COUNT; kt++)
		if (r->throttled_kts & (1u << kt)) {
			r->throttled_kts &= ~(1u << kt);
			return kt;
		}
	return -1;
}

static void
str_list_free(char **v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

static void
cert_info_release(struct cert_info *ci)
{
	free(ci->subject);
	free(ci->issuer);
	str_list_free(ci->san, ci->nsan);
	str_list_free(ci->eku, ci->neku);
	str_list_free(ci->crl, ci->ncrl);
	str_list_free(ci->ocsp, ci->nocsp);
	str_list_free(ci->ca_issuers, ci->nca_issuers);
	memset(ci, 0, sizeof(*ci));
}

void
cert_result_release(struct cert_result *r)
{
	size_t i;

	for (i = 0; i < r->ncerts; i++)
		cert_info_release(&r->certs[i]);
	free(r->certs);
	memset(r, 0, sizeof(*r));
}

/* For tls_http.c: the same client context, so one --ca-file rules both. */
struct ssl_ctx_st *
tls_cert_ssl_ctx(void)
{
	return cert_ctx;
}
