/*
 * tls_robot.c: the ROBOT check (see tls_robot.h).  Each probe is one
 * byte-mode connection: the STARTTLS preamble where the service has one,
 * our ClientHello (tls_hello.c), the server's flight through
 * tls_answer_parse(), then the ClientKeyExchange, ChangeCipherSpec and
 * Finished records built here, and the server's answer through
 * robot_answer_feed().  What the server sends is trusted for nothing:
 * its certificate is parsed by OpenSSL, only for the RSA key that
 * encrypts our premaster.  No secret is involved: the premasters are
 * fixed bytes, and no session is ever established.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_cert.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_robot.h"
#include "scanner/tls/tls_suites.h"

/* Answer parsing ------------------------------------------------------ */

int
robot_answer_feed(struct robot_answer *a, const uint8_t *in, size_t len,
    size_t *consumed)
{
	struct rbuf r, frag;
	uint8_t type, lvl, desc;
	uint16_t ver;

	*consumed = 0;
	if (a->end != ROBOT_END_OPEN)
		return 0;
	rbuf_init(&r, in, len);
	for (;;) {
		if (a->nrec >= ROBOT_MAX_RECORDS) {
			a->end = ROBOT_END_MORE;
			return 0;
		}
		if (rbuf_get_u8(&r, &type) != 0 || rbuf_get_u16(&r, &ver) != 0)
			return 1;
		if (type < 20 || type > 24 || (ver >> 8) != 3) {
			a->end = ROBOT_END_GARBAGE;
			return 0;
		}
		if (rbuf_get_vec(&r, 2, &frag) != 0) {
			if (rbuf_left(&r) >= 2 && (size_t)(rbuf_ptr(&r)[0] << 8 |
			    rbuf_ptr(&r)[1]) > ROBOT_MAX_RECORD) {
				a->end = ROBOT_END_GARBAGE;
				return 0;
			}
			return 1;	/* the record is still arriving */
		}
		if (rbuf_left(&frag) > ROBOT_MAX_RECORD) {
			a->end = ROBOT_END_GARBAGE;
			return 0;
		}
		lvl = desc = 0;
		/* A plaintext alert is two bytes; longer is an encrypted one. */
		if (type == 21 && rbuf_left(&frag) == 2 &&
		    (rbuf_get_u8(&frag, &lvl) != 0 ||
		    rbuf_get_u8(&frag, &desc) != 0))
			return 1;	/* cannot happen: two bytes are there */
		a->type[a->nrec] = type;
		a->level[a->nrec] = lvl;
		a->desc[a->nrec] = desc;
		a->nrec++;
		*consumed = len - rbuf_left(&r);
	}
}

void
robot_answer_text(const struct robot_answer *a, char *buf, size_t len)
{
	static const char *const ends[] = {
		[ROBOT_END_OPEN] = "open",
		[ROBOT_END_CLOSE] = "close",
		[ROBOT_END_RESET] = "reset",
		[ROBOT_END_SILENCE] = "silence",
		[ROBOT_END_MORE] = "more",
		[ROBOT_END_GARBAGE] = "garbage",
	};
	size_t off = 0;
	int i, n;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < a->nrec && i < ROBOT_MAX_RECORDS; i++) {
		if (a->type[i] == 21 && a->level[i] != 0)
			n = snprintf(buf + off, len - off, "%salert %u",
			    i > 0 ? ", " : "", a->desc[i]);
		else
			n = snprintf(buf + off, len - off, "%srecord %u",
			    i > 0 ? ", " : "", a->type[i]);
		if (n < 0 || (size_t)n >= len - off)
			return;
		off += (size_t)n;
	}
	snprintf(buf + off, len - off, "%s%s", off > 0 ? ", " : "",
	    a->end <= ROBOT_END_GARBAGE ? ends[a->end] : "?");
}

/* The premasters -------------------------------------------------------- */

/* Fixed nonzero filler: the bytes need no secrecy, only no 0x00. */
static void
fill_nonzero(uint8_t *p, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(1 + (seed + i * 37) % 255);
}

int
robot_premaster(enum robot_oracle o, uint16_t version, uint8_t *b,
    size_t klen)
{
	size_t pad;
	uint8_t *m;

	if (klen < ROBOT_MIN_KEY || (unsigned)o >= ROBOT_ORACLES)
		return -1;
	pad = klen - 3 - 48;
	b[0] = 0x00;
	b[1] = 0x02;
	fill_nonzero(b + 2, pad, 0xab);
	m = b + 2 + pad;		/* the separator, then 48 bytes */
	m[0] = 0x00;
	m[1] = (uint8_t)(version >> 8);
	m[2] = (uint8_t)version;
	fill_nonzero(m + 3, 46, 0x11);
	switch (o) {
	case ROBOT_CORRECT:
		break;
	case ROBOT_WRONG_START:
		b[0] = 0x41;
		b[1] = 0x17;
		break;
	case ROBOT_ZERO_MISPLACED:
		/* No separator after the padding; a 0x00 two bytes before
		   the end (an old JSSE bug took that for one). */
		m[0] = 0x11;
		fill_nonzero(m + 1, 47, 0x11);
		b[klen - 2] = 0x00;
		b[klen - 1] = 0x11;
		break;
	case ROBOT_NO_ZERO:
		m[0] = 0x11;
		m[1] = 0x11;
		m[2] = 0x11;
		break;
	case ROBOT_WRONG_VERSION:
		m[1] = 0x02;
		m[2] = 0x02;
		break;
	default:
		return -1;
	}
	return 0;
}

/* The check ----------------------------------------------------------- */

#define ROBOT_MAX_OFFER	64	/* RSA suites offered in the hello */

struct robot_check {
	const struct vuln_env	*env;
	struct tls_hello_opts	 hello;
	int			 version;	/* enum tls_version */
	unsigned		 pending;	/* probes submitted, not ended */
	int			 round;		/* 0 the five, 1 the repeats */
	int			 asked[2][ROBOT_ORACLES];
	struct robot_answer	 ans[2][ROBOT_ORACLES];
	uint16_t		 suite;		/* what the server chose */
	int			 key_bits;
	int			 failed;	/* the check cannot decide */
	char			 why[160];	/* why, for the evidence */
};

struct robot_probe {
	struct robot_check	*rc;
	int			 round;
	int			 oracle;
	struct starttls		 st;
	int			 connected;
	int			 stage;		/* 0 preamble, 1 hello sent,
						   2 Finished sent */
	struct robot_answer	 ans;
	char			 why[160];	/* no answer: why */
};

/*
 * RSA key exchange with the server's certificate key: TLS_RSA_WITH_*
 * (not the export suites' temporary key, nor RSA_PSK's).
 */
static int
rsa_kx(const struct tls_suite *s)
{
	return s != NULL && !(s->flags & (TLS_SF_SSL2 | TLS_SF_PSK)) &&
	    strncmp(s->iana, "TLS_RSA_WITH_", 13) == 0;
}

static const char *const oracle_names[ROBOT_ORACLES] = {
	[ROBOT_CORRECT] = "correct",
	[ROBOT_WRONG_START] = "0x4117",
	[ROBOT_ZERO_MISPLACED] = "0x00 misplaced",
	[ROBOT_NO_ZERO] = "no 0x00",
	[ROBOT_WRONG_VERSION] = "version",
};

static int
send_hello(struct robot_probe *p, struct wbuf *out)
{
	p->stage = 1;
	return tls_hello_build(&p->rc->hello, out) == 0 ? PROBE_READ :
	    ENGINE_EINTERNAL;
}

static int
robot_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct robot_probe *p = arg;
	const struct endpoint *ep = p->rc->env->ep;

	p->connected = 1;
	if (starttls_needed(ep->svc)) {
		if (starttls_begin(&p->st, ep->svc, ep->sni, fd, out) !=
		    STARTTLS_MORE)
			return ENGINE_ENOMEM;
		return PROBE_READ;
	}
	return send_hello(p, out);
}

static int
robot_wait_ms(void *arg)
{
	struct robot_probe *p = arg;

	if (p->stage == 2)
		return ROBOT_SILENCE_MS;
	if (p->connected && p->stage == 0 && starttls_in_greeting(&p->st))
		return p->rc->env->greeting_timeout_ms;
	return 0;
}

/* The RSA public key of the first certificate of list[0..len), or NULL. */
static EVP_PKEY *
leaf_rsa_key(const uint8_t *list, size_t len)
{
	STACK_OF(X509) *sk;
	EVP_PKEY *k = NULL;

	if ((sk = tls_cert_list_parse(list, len, 1)) == NULL)
		return NULL;
	if ((k = X509_get_pubkey(sk_X509_value(sk, 0))) != NULL &&
	    EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	sk_X509_pop_free(sk, X509_free);
	return k;
}

/* Encrypts the oracle's premaster under k without padding: into *ct. */
static int
encrypt_premaster(struct robot_probe *p, EVP_PKEY *k, uint8_t *ct,
    size_t *ctlen)
{
	EVP_PKEY_CTX *c = NULL;
	uint8_t block[1024];
	size_t klen = (size_t)EVP_PKEY_get_size(k);
	int r = -1;

	if (klen < ROBOT_MIN_KEY || klen > sizeof(block)) {
		snprintf(p->why, sizeof(p->why), "RSA key of %zu bytes: "
		    "outside %d..%zu", klen, ROBOT_MIN_KEY, sizeof(block));
		return -1;
	}
	if (robot_premaster((enum robot_oracle)p->oracle,
	    tls_version_wire(p->rc->version), block, klen) != 0)
		goto out;
	if ((c = EVP_PKEY_CTX_new(k, NULL)) == NULL ||
	    EVP_PKEY_encrypt_init(c) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_padding(c, RSA_NO_PADDING) <= 0)
		goto out;
	*ctlen = klen;
	if (EVP_PKEY_encrypt(c, ct, ctlen, block, klen) <= 0 ||
	    *ctlen != klen) {
		/* 0x4117... is above a modulus whose top byte is smaller. */
		snprintf(p->why, sizeof(p->why), "cannot encrypt the '%s' "
		    "premaster under the server's %zu-byte key",
		    oracle_names[p->oracle], klen);
		goto out;
	}
	p->rc->key_bits = EVP_PKEY_get_bits(k);
	r = 0;
 out:
	if (r != 0 && p->why[0] == '\0')
		snprintf(p->why, sizeof(p->why), "OpenSSL cannot encrypt the "
		    "premaster");
	EVP_PKEY_CTX_free(c);
	return r;
}

/*
 * ClientKeyExchange (its premaster encrypted under the server's key),
 * ChangeCipherSpec and a Finished of garbage, each its own record at the
 * ServerHello's version.  SSLv3 sends the premaster without its length.
 */
static int
send_kex(struct robot_probe *p, uint16_t ver, EVP_PKEY *k, struct wbuf *out)
{
	uint8_t ct[1024], fin[64];
	size_t ctlen, m;
	int ssl3 = ver == 0x0300;

	if (encrypt_premaster(p, k, ct, &ctlen) != 0)
		return -1;
	fill_nonzero(fin, sizeof(fin), 0x5a);
	if (wbuf_put_u8(out, 22) != 0 || wbuf_put_u16(out, ver) != 0 ||
	    wbuf_vec_open(out, 2, &m) != 0 ||
	    wbuf_put_u8(out, 16) != 0 ||
	    wbuf_put_u24(out, (uint32_t)(ctlen + (ssl3 ? 0 : 2))) != 0 ||
	    (!ssl3 && wbuf_put_u16(out, (uint16_t)ctlen) != 0) ||
	    wbuf_put_bytes(out, ct, ctlen) != 0 ||
	    wbuf_vec_close(out, 2, m) != 0 ||
	    wbuf_put_u8(out, 20) != 0 || wbuf_put_u16(out, ver) != 0 ||
	    wbuf_put_u16(out, 1) != 0 || wbuf_put_u8(out, 1) != 0 ||
	    wbuf_put_u8(out, 22) != 0 || wbuf_put_u16(out, ver) != 0 ||
	    wbuf_put_u16(out, sizeof(fin)) != 0 ||
	    wbuf_put_bytes(out, fin, sizeof(fin)) != 0) {
		snprintf(p->why, sizeof(p->why), "cannot build the "
		    "ClientKeyExchange");
		return -1;
	}
	p->stage = 2;
	return 0;
}

/* The flight is complete in in[0..len): its key, then our records. */
static int
flight(struct robot_probe *p, const uint8_t *in, const struct tls_answer *a,
    size_t *consumed, struct wbuf *out)
{
	const struct tls_suite *s;
	uint8_t *certs = NULL;
	size_t ncerts = 0;
	EVP_PKEY *k = NULL;
	int r = ENGINE_EPROTO;

	if (a->kind == TLS_ANS_ALERT) {
		snprintf(p->why, sizeof(p->why), "the RSA hello was refused "
		    "(alert %s)", tls_alert_name(a->alert_desc));
		goto out;
	}
	s = tls_suite_by_code(a->suite);
	if (a->kind != TLS_ANS_SERVER_HELLO ||
	    a->version != tls_version_wire(p->rc->version) || !rsa_kx(s)) {
		snprintf(p->why, sizeof(p->why), "the server did not answer "
		    "the RSA hello with RSA key exchange at %s",
		    tls_version_name(p->rc->version));
		goto out;
	}
	if (!(a->flight & TLS_FL_DONE) || !(a->flight & TLS_FL_CERT)) {
		snprintf(p->why, sizeof(p->why), "no Certificate and "
		    "ServerHelloDone after the ServerHello");
		goto out;
	}
	p->rc->suite = a->suite;
	if (tls_answer_certificates(in, a->used, &certs, &ncerts) != TLS_OK ||
	    certs == NULL || (k = leaf_rsa_key(certs, ncerts)) == NULL) {
		snprintf(p->why, sizeof(p->why), "no RSA key in the server's "
		    "Certificate");
		goto out;
	}
	if (send_kex(p, a->version, k, out) != 0)
		goto out;
	*consumed = a->used;
	r = PROBE_READ;
 out:
	EVP_PKEY_free(k);
	free(certs);
	return r;
}

static int
robot_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct robot_probe *p = arg;
	struct tls_answer a;
	int r;

	switch (p->stage) {
	case 0:
		r = starttls_input(&p->st, in, len, consumed, out);
		if (r == STARTTLS_MORE)
			return PROBE_READ;
		if (r != STARTTLS_READY) {
			snprintf(p->why, sizeof(p->why), "%s", p->st.msg);
			return ENGINE_EPROTO;
		}
		return send_hello(p, out);
	case 1:
		r = tls_answer_parse(in, len, TLS_PARSE_FLIGHT, &a);
		if (r == TLS_NEED_MORE)
			return PROBE_READ;
		if (r != TLS_OK) {
			snprintf(p->why, sizeof(p->why), "the answer to the "
			    "RSA hello: %s", tls_errstr(r));
			return ENGINE_EPROTO;
		}
		return flight(p, in, &a, consumed, out);
	default:
		return robot_answer_feed(&p->ans, in, len, consumed) ?
		    PROBE_READ : PROBE_DONE;
	}
}

static int
robot_on_eof(void *arg, const uint8_t *in, size_t len)
{
	struct robot_probe *p = arg;

	(void)in;
	(void)len;
	if (p->stage == 2) {
		/* A partial record before the close is ignored. */
		p->ans.end = ROBOT_END_CLOSE;
		return PROBE_DONE;
	}
	snprintf(p->why, sizeof(p->why), "connection closed before %s",
	    p->stage == 0 ? "the STARTTLS preamble ended" : "the server's "
	    "flight ended");
	return ENGINE_ECLOSED;
}

static void submit_round(struct robot_check *, int);

/* Two answers of one oracle, or of two. */
static int
same(const struct robot_answer *x, const struct robot_answer *y)
{
	return memcmp(x, y, sizeof(*x)) == 0;
}

/* Writes the verdict once every probe of the last round ended. */
static void
judge(struct robot_check *rc)
{
	struct vuln_verdict *v = &rc->env->res->v[VULN_ROBOT];
	struct robot_answer *a = rc->ans[0];
	char t[ROBOT_ORACLES][48], again[48], sn[24], head[96];
	const char *suite;
	int o, differ = 0, strong;

	if (rc->failed) {
		v->state = VULN_INCONCLUSIVE;
		vuln_detail(v, "%s", rc->why);
		return;
	}
	for (o = 0; o < ROBOT_ORACLES; o++)
		robot_answer_text(&a[o], t[o], sizeof(t[o]));
	suite = tls_suite_name(rc->suite, sn, sizeof(sn));
	for (o = 1; o < ROBOT_ORACLES; o++)
		differ |= !same(&a[o], &a[0]);
	if (!differ) {
		v->state = VULN_NOT_VULNERABLE;
		vuln_detail(v,
		    "the same answer to all five premasters (%s) on %s %s, "
		    "%d-bit key", t[0], tls_version_name(rc->version), suite,
		    rc->key_bits);
		return;
	}
	for (o = 0; o < ROBOT_ORACLES; o++)
		if (rc->asked[1][o] && !same(&rc->ans[1][o], &a[o])) {
			v->state = VULN_INCONCLUSIVE;
			robot_answer_text(&rc->ans[1][o], again, sizeof(again));
			vuln_detail(v,
			    "the answers differ, but not consistently: '%s' "
			    "premaster answered %s, then %s", oracle_names[o],
			    t[o], again);
			return;
		}
	/*
	 * Weak: only a fully well-formed block (00 02 ... 00 at its place)
	 * is told apart, the three bad paddings answer alike (the
	 * robot-detect script's rule).
	 */
	strong = !(same(&a[ROBOT_WRONG_START], &a[ROBOT_ZERO_MISPLACED]) &&
	    same(&a[ROBOT_WRONG_START], &a[ROBOT_NO_ZERO]));
	v->state = VULN_VULNERABLE;
	snprintf(head, sizeof(head), "%s oracle on %s %s",
	    strong ? "strong" : "weak", tls_version_name(rc->version), suite);
	vuln_detail(v, "%s: %s: %s; %s: %s; %s: %s; %s: %s; %s: %s", head,
	    oracle_names[0], t[0], oracle_names[1], t[1], oracle_names[2],
	    t[2], oracle_names[3], t[3], oracle_names[4], t[4]);
}

static void
robot_on_end(void *arg, int status)
{
	struct robot_probe *p = arg;
	struct robot_check *rc = p->rc;
	const struct vuln_env *env = rc->env;
	int o, diff, silence = 0;

	if (p->stage == 2 && p->ans.end == ROBOT_END_OPEN) {
		if (status == ENGINE_ERESET || status == ENGINE_EIO)
			p->ans.end = ROBOT_END_RESET;
		else if (status == ENGINE_ETIMEOUT) {
			p->ans.end = ROBOT_END_SILENCE;
			silence = 1;
		}
	}
	if (p->stage == 2 && p->ans.end != ROBOT_END_OPEN)
		rc->ans[p->round][p->oracle] = p->ans;
	else if (!rc->failed) {
		rc->failed = 1;
		if (p->why[0] != '\0')
			snprintf(rc->why, sizeof(rc->why), "%s", p->why);
		else
			snprintf(rc->why, sizeof(rc->why), "the '%s' probe: "
			    "%s", oracle_names[p->oracle],
			    status == ENGINE_EBUDGET ? "target timeout" :
			    engine_errstr(status));
	}
	rc->pending--;
	free(p);
	if (rc->pending == 0 && rc->round == 0 && !rc->failed) {
		for (diff = 0, o = 1; o < ROBOT_ORACLES; o++)
			diff |= !same(&rc->ans[0][o], &rc->ans[0][0]);
		if (diff)
			submit_round(rc, 1);
	}
	if (rc->pending == 0) {
		judge(rc);
		free(rc);
	}
	/* A silence was an answer, not a failure. */
	env->done(env->arg, silence ? 0 : status);
}

static const struct probe_ops robot_ops = {
	.name = "tls-robot",
	.max_input = TLS_ANSWER_MAX,
	.on_connect = robot_on_connect,
	.on_data = robot_on_data,
	.on_eof = robot_on_eof,
	.on_end = robot_on_end,
	.wait_ms = robot_wait_ms,
};

/*
 * Round 0: the five oracles.  Round 1: again the correct one and every
 * one whose answer differed from it (so a difference that was noise
 * shows as an inconsistency).
 */
static void
submit_round(struct robot_check *rc, int round)
{
	struct robot_probe *p;
	int o, r;

	rc->round = round;
	for (o = 0; o < ROBOT_ORACLES && !rc->failed; o++) {
		if (round == 1 && o != ROBOT_CORRECT &&
		    same(&rc->ans[0][o], &rc->ans[0][ROBOT_CORRECT]))
			continue;
		if ((p = calloc(1, sizeof(*p))) == NULL) {
			rc->failed = 1;
			snprintf(rc->why, sizeof(rc->why), "out of memory");
			break;
		}
		p->rc = rc;
		p->round = round;
		p->oracle = o;
		rc->pending++;
		if ((r = rc->env->submit(rc->env->arg, &robot_ops, p)) != 0) {
			rc->pending--;
			free(p);
			rc->failed = 1;
			snprintf(rc->why, sizeof(rc->why), "%s",
			    r == ENGINE_ESTOPPED ? "interrupted" :
			    engine_errstr(r));
			break;
		}
		rc->asked[round][o] = 1;
	}
}

/* The best version at which a TLS_RSA_* suite was accepted, or -1. */
static int
rsa_version(const struct tls_enum_result *er, struct tls_hello_opts *o)
{
	const struct tls_suite *s;
	int v, i;

	for (v = TLS_V_TLS12; v >= TLS_V_SSL3; v--) {
		o->nsuites = 0;
		for (i = 0; i < er->nsuites[v]; i++) {
			s = tls_suite_by_code(er->suites[v][i]);
			if (!rsa_kx(s) || o->nsuites >= ROBOT_MAX_OFFER)
				continue;
			o->suites[o->nsuites++] = er->suites[v][i];
		}
		if (er->versions[v] && o->nsuites > 0)
			return v;
	}
	return -1;
}

int
robot_start(const struct vuln_env *env)
{
	struct vuln_verdict *v = &env->res->v[VULN_ROBOT];
	struct robot_check *rc;
	uint32_t offer[ROBOT_MAX_OFFER];
	uint16_t n;
	int ver;

	if ((rc = calloc(1, sizeof(*rc))) == NULL)
		return -1;
	rc->env = env;
	if ((ver = rsa_version(env->tls, &rc->hello)) >= 0) {
		/* The defaults of that version, with the RSA suites. */
		n = rc->hello.nsuites;
		memcpy(offer, rc->hello.suites, n * sizeof(offer[0]));
		tls_hello_defaults(&rc->hello, ver, env->ep->sni);
		memcpy(rc->hello.suites, offer, n * sizeof(offer[0]));
		rc->hello.nsuites = n;
	}
	if (ver < 0) {
		v->state = VULN_NOT_APPLICABLE;
		vuln_detail(v, "no TLS_RSA_* key-exchange suite accepted");
		free(rc);
		return 0;
	}
	rc->version = ver;
	memset(rc->hello.rnd, 0x52, sizeof(rc->hello.rnd));
	submit_round(rc, 0);
	if (rc->pending == 0) {
		/* Nothing was taken: no done() will come. */
		v->state = VULN_INCONCLUSIVE;
		vuln_detail(v, "%s", rc->why);
		free(rc);
	}
	return 0;
}
