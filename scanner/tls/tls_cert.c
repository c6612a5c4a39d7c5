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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_cert.h"

static SSL_CTX *cert_ctx;

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
	struct starttls		 st;
	int			 connected;
	int			 in_preamble;
	int			 throttled;
	uint64_t		 wait_t0;	/* the current wait's start */
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
	starttls_init(&p->st, (enum service)svc);
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

/* Appends one SAN string; keeps only printable ASCII of hostile names. */
static int
add_san(struct cert_info *ci, const char *prefix, const unsigned char *d,
    size_t n)
{
	char **nv, *s;
	size_t i, k, plen = strlen(prefix);

	if (ci->nsan >= 256 || n > 512)
		return 0;
	if ((s = malloc(plen + n + 1)) == NULL)
		return -1;
	memcpy(s, prefix, plen);
	for (i = 0, k = plen; i < n; i++)
		s[k++] = d[i] >= 0x20 && d[i] < 0x7f ? (char)d[i] : '?';
	s[k] = '\0';
	if ((nv = reallocarray(ci->san, ci->nsan + 1, sizeof(*nv))) == NULL) {
		free(s);
		return -1;
	}
	ci->san = nv;
	ci->san[ci->nsan++] = s;
	return 0;
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
	return 0;
fail:
	GENERAL_NAMES_free(gens);
	return -1;
}

/* Records the chain of a finished handshake into the shared result. */
static int
collect(struct cert_probe *p)
{
	STACK_OF(X509) *sk;
	struct cert_result *res = p->res;
	struct cert_chain *ch;
	struct cert_info *nv, *ci;
	X509 *leaf, *last;
	long vr;
	int i, n, chain;
	unsigned char buf[16];

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
	vr = SSL_get_verify_result(p->ssl);
	ch->valid = vr == X509_V_OK;
	if (!ch->valid)
		snprintf(ch->verify_error, sizeof(ch->verify_error), "%s",
		    X509_verify_cert_error_string(vr));
	leaf = sk_X509_value(sk, 0);
	last = sk_X509_value(sk, n - 1);
	/* A chain that ends in a non-CA certificate lacks its issuer. */
	ch->incomplete = (vr == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
	    vr == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE ||
	    vr == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT) &&
	    X509_check_ca(last) == 0 && X509_check_issued(last, last) !=
	    X509_V_OK;
	ch->hostname_match = -1;
	if (p->cfg.host != NULL) {
		if (inet_pton(AF_INET, p->cfg.host, buf) == 1 ||
		    inet_pton(AF_INET6, p->cfg.host, buf) == 1)
			ch->hostname_match = X509_check_ip_asc(leaf,
			    p->cfg.host, 0) == 1;
		else
			ch->hostname_match = X509_check_host(leaf,
			    p->cfg.host, 0, 0, NULL) == 1;
	}
	{
		const unsigned char *resp = NULL;

		ch->ocsp_stapled = SSL_get_tlsext_status_ocsp_resp(p->ssl,
		    &resp) > 0 && resp != NULL;
	}
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

static int
ssl_setup(struct cert_probe *p, int fd)
{
	if (cert_ctx == NULL || (p->ssl = SSL_new(cert_ctx)) == NULL)
		return -1;
	if (SSL_set_fd(p->ssl, fd) != 1 ||
	    SSL_set1_sigalgs_list(p->ssl, kinds[p->kt].sigalgs) != 1 ||
	    SSL_set_cipher_list(p->ssl, kinds[p->kt].ciphers) != 1)
		return -1;
	if (p->cfg.sni != NULL && *p->cfg.sni != '\0' &&
	    SSL_set_tlsext_host_name(p->ssl, p->cfg.sni) != 1)
		return -1;
	SSL_set_tlsext_status_type(p->ssl, TLSEXT_STATUSTYPE_ocsp);
	SSL_set_connect_state(p->ssl);
	return 0;
}

static int
handshake(struct cert_probe *p)
{
	unsigned long e;
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
	switch (SSL_get_error(p->ssl, r)) {
	case SSL_ERROR_WANT_READ:
		return PROBE_FD_READ;
	case SSL_ERROR_WANT_WRITE:
		return PROBE_FD_WRITE;
	default:
		e = ERR_peek_last_error();
		snprintf(p->error, sizeof(p->error), "handshake failed: %s",
		    e != 0 ? ERR_reason_error_string(e) != NULL ?
		    ERR_reason_error_string(e) : "unknown" :
		    "connection closed");
		return ENGINE_EPROTO;
	}
}

static int
cert_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct cert_probe *p = arg;

	(void)out;
	p->connected = 1;
	p->wait_t0 = engine_now_ms();
	if (ssl_setup(p, fd) == -1) {
		snprintf(p->error, sizeof(p->error), "cannot set up OpenSSL");
		return ENGINE_EINTERNAL;
	}
	if (starttls_needed((enum service)p->svc)) {
		p->in_preamble = 1;
		return PROBE_READ;
	}
	return handshake(p);
}

/* The greeting waits longer than anything else (engine.h wait_ms). */
static int
cert_wait_ms(void *arg)
{
	struct cert_probe *p = arg;

	if (p->connected && p->in_preamble && starttls_in_greeting(&p->st))
		return p->greeting_ms;
	return 0;
}

/* The preamble failed with r (STARTTLS_E*). */
static int
preamble_failed(struct cert_probe *p, int r)
{
	p->throttled = r == STARTTLS_ETHROTTLED;
	snprintf(p->error, sizeof(p->error), "%s", p->st.msg);
	return r == STARTTLS_ENOMEM ? ENGINE_ENOMEM : ENGINE_EPROTO;
}

static int
cert_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct cert_probe *p = arg;
	size_t before = out->len;
	int r;

	r = starttls_input(&p->st, in, len, consumed, out);
	/* The engine's rule: consuming or sending is progress. */
	if (*consumed > 0 || out->len > before)
		p->wait_t0 = engine_now_ms();
	if (r == STARTTLS_MORE)
		return PROBE_READ;
	if (r != STARTTLS_READY)
		return preamble_failed(p, r);
	p->in_preamble = 0;
	/* The handshake starts on the next writable event. */
	return PROBE_FD_WRITE;
}

static int
cert_on_eof(void *arg, const uint8_t *in, size_t len)
{
	struct cert_probe *p = arg;

	return preamble_failed(p, starttls_eof(&p->st, in, len));
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
	uint64_t waited = engine_now_ms() - p->wait_t0;
	int deadline = status == ENGINE_EBUDGET;

	if (p->in_preamble) {
		starttls_stalled(&p->st, deadline, waited, p->error,
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

	if (!ok && p->connected && p->in_preamble && (status ==
	    ENGINE_ERESET || status == ENGINE_EIO)) {
		/* Reset inside the preamble: pushed back, like a close. */
		p->throttled = 1;
		snprintf(p->error, sizeof(p->error), "connection reset before "
		    "the %s", starttls_waiting(&p->st));
	} else if (!ok && p->connected && p->error[0] == '\0' &&
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

void
cert_result_release(struct cert_result *r)
{
	size_t i, k;

	for (i = 0; i < r->ncerts; i++) {
		free(r->certs[i].subject);
		free(r->certs[i].issuer);
		for (k = 0; k < r->certs[i].nsan; k++)
			free(r->certs[i].san[k]);
		free(r->certs[i].san);
	}
	free(r->certs);
	memset(r, 0, sizeof(*r));
}

/* For tls_http.c: the same client context, so one --ca-file rules both. */
struct ssl_ctx_st *
tls_cert_ssl_ctx(void)
{
	return cert_ctx;
}
