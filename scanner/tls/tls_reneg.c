/*
 * tls_reneg.c: the renegotiation and fallback-scsv checks (see
 * tls_reneg.h).  OpenSSL does the I/O on the engine's socket, as in
 * tls_cert.c, with the client context of tls_cert_global_init() and
 * per-connection settings; this file turns SSL_ERROR_WANT_READ/WRITE
 * into engine waits and OpenSSL's errors into verdicts.  The server's
 * bytes are read by OpenSSL and by the STARTTLS state machine only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_ossl.h"
#include "scanner/tls/tls_reneg.h"

enum { ST_PREAMBLE, ST_HANDSHAKE, ST_RENEG, ST_RENEG_RUN, ST_DONE };

struct reneg_probe {
	const struct vuln_env	*env;
	int			 check;		/* VULN_RENEG, VULN_FALLBACK */
	int			 version;	/* fallback: enum tls_version */
	SSL			*ssl;
	struct tls_ossl		 o;
	int			 state;
	int			 count;		/* renegotiations completed */
	int			 secure;	/* OpenSSL: RFC 5746 */
	char			 neg[16];	/* version of the handshake */
	int			 result;	/* R_* */
	char			 why[160];	/* what OpenSSL said */
};

/* How the last handshake (first or renegotiation) ended. */
enum {
	R_NONE, R_DONE, R_REFUSED_ALERT, R_CLOSED, R_NO_ANSWER, R_FALLBACK,
	R_OTHER_ALERT, R_ERROR
};

/* The alert the server sent, from OpenSSL's reason, or -1. */
static int
alert_of(unsigned long e)
{
	int r = ERR_GET_REASON(e);

	return r >= SSL_AD_REASON_OFFSET && r < SSL_AD_REASON_OFFSET + 256 ?
	    r - SSL_AD_REASON_OFFSET : -1;
}

/* A handshake step failed: what the server did, into p->result. */
static void
failed(struct reneg_probe *p, int r)
{
	unsigned long e = ERR_peek_last_error();
	int err = SSL_get_error(p->ssl, r), a = alert_of(e);
	const char *s;

	if (e != 0 && ERR_GET_REASON(e) == SSL_R_NO_RENEGOTIATION) {
		p->result = R_REFUSED_ALERT;
		snprintf(p->why, sizeof(p->why), "alert no_renegotiation");
	} else if (a == TLS_ALERT_INAPPROPRIATE_FALLBACK) {
		p->result = R_FALLBACK;
		snprintf(p->why, sizeof(p->why), "alert "
		    "inappropriate_fallback");
	} else if (a >= 0) {
		p->result = R_OTHER_ALERT;
		snprintf(p->why, sizeof(p->why), "alert %s",
		    tls_alert_name((uint8_t)a));
	} else if (err == SSL_ERROR_ZERO_RETURN ||
	    (err == SSL_ERROR_SYSCALL && e == 0) || (e != 0 &&
	    ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING)) {
		p->result = R_CLOSED;
		snprintf(p->why, sizeof(p->why), "connection closed");
	} else {
		p->result = R_ERROR;
		s = e != 0 ? ERR_reason_error_string(e) : NULL;
		snprintf(p->why, sizeof(p->why), "%s", s != NULL ? s :
		    "handshake failed");
	}
}

static int
want(struct reneg_probe *p, int r)
{
	int w;

	if ((w = tls_ossl_wait(p->ssl, r)) == PROBE_DONE)
		failed(p, r);
	return w;
}

static int
step(struct reneg_probe *p)
{
	int r;

	ERR_clear_error();
	switch (p->state) {
	case ST_HANDSHAKE:
		if ((r = SSL_connect(p->ssl)) != 1)
			return want(p, r);
		p->secure = SSL_get_secure_renegotiation_support(p->ssl) == 1;
		snprintf(p->neg, sizeof(p->neg), "%s", SSL_get_version(p->ssl));
		if (p->check == VULN_FALLBACK) {
			p->result = R_DONE;
			return PROBE_DONE;
		}
		p->state = ST_RENEG;
		/* Progress (engine.h): the next wait's timer starts now. */
		return PROBE_FD_WRITE;
	case ST_RENEG:
		if (p->count >= RENEG_MAX) {
			p->result = R_DONE;
			return PROBE_DONE;
		}
		if (SSL_renegotiate(p->ssl) != 1) {
			p->result = R_ERROR;
			snprintf(p->why, sizeof(p->why), "OpenSSL cannot "
			    "renegotiate this connection");
			return PROBE_DONE;
		}
		p->state = ST_RENEG_RUN;
		/* FALLTHROUGH */
	case ST_RENEG_RUN:
		if ((r = SSL_do_handshake(p->ssl)) != 1)
			return want(p, r);
		p->count++;
		p->state = ST_RENEG;
		return PROBE_FD_WRITE;
	default:
		return ENGINE_EINTERNAL;
	}
}

/* The connection's OpenSSL settings: TLS <= 1.2, any suite. */
static int
ssl_setup(struct reneg_probe *p, int fd)
{
	int v;

	if ((p->ssl = tls_ossl_new(fd, p->env->ep->sni)) == NULL ||
	    SSL_set_cipher_list(p->ssl, "ALL:COMPLEMENTOFALL:@SECLEVEL=0") !=
	    1)
		return -1;
	if (p->check == VULN_FALLBACK) {
		v = tls_version_wire(p->version);
		if (SSL_set_min_proto_version(p->ssl, v) != 1 ||
		    SSL_set_max_proto_version(p->ssl, v) != 1)
			return -1;
		SSL_set_mode(p->ssl, SSL_MODE_SEND_FALLBACK_SCSV);
	} else {
		if (SSL_set_max_proto_version(p->ssl, TLS1_2_VERSION) != 1)
			return -1;
		/*
		 * Also without RFC 5746: whether the server lets a client
		 * renegotiate is the question, however it does.
		 */
		SSL_set_options(p->ssl,
		    SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION);
	}
	return 0;
}

static int
reneg_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct reneg_probe *p = arg;
	const struct endpoint *ep = p->env->ep;

	tls_ossl_connected(&p->o);
	if (ssl_setup(p, fd) == -1) {
		p->result = R_ERROR;
		snprintf(p->why, sizeof(p->why), "cannot set up OpenSSL");
		return ENGINE_EINTERNAL;
	}
	if (starttls_needed(ep->svc)) {
		p->state = ST_PREAMBLE;
		return tls_ossl_begin(&p->o, ep->svc, ep->sni, fd, out);
	}
	p->state = ST_HANDSHAKE;
	return step(p);
}

static int
reneg_wait_ms(void *arg)
{
	struct reneg_probe *p = arg;

	return tls_ossl_wait_ms(&p->o, p->env->greeting_timeout_ms);
}

/*
 * The preamble failed: an error whatever the reason (ENGINE_EPROTO even
 * for STARTTLS_ENOMEM), the message says it all.
 */
static int
preamble_failed(struct reneg_probe *p)
{
	p->result = R_ERROR;
	snprintf(p->why, sizeof(p->why), "%s", p->o.st.msg);
	return ENGINE_EPROTO;
}

static int
reneg_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct reneg_probe *p = arg;
	int r;

	if ((r = tls_ossl_input(&p->o, in, len, consumed, out)) < 0)
		return preamble_failed(p);
	if (r == PROBE_FD_WRITE)
		p->state = ST_HANDSHAKE;
	return r;
}

static int
reneg_on_eof(void *arg, const uint8_t *in, size_t len)
{
	struct reneg_probe *p = arg;
	int r;

	r = starttls_eof(&p->o.st, in, len);
	(void)r;	/* the message says it all */
	return preamble_failed(p);
}

static int
reneg_on_ready(void *arg, int fd)
{
	(void)fd;
	return step(arg);
}

/* The RFC 5746 cross-check, for the detail. */
static const char *
secure_words(const struct reneg_probe *p)
{
	int e = p->env->tls->secure_renegotiation;

	if (e == TLS_UNKNOWN)
		return p->secure ? "RFC 5746 secure renegotiation: yes "
		    "(the enumeration did not tell)" : "RFC 5746 secure "
		    "renegotiation: no (the enumeration did not tell)";
	if (e == p->secure)
		return p->secure ? "RFC 5746 secure renegotiation: yes, as "
		    "the enumeration saw" : "RFC 5746 secure renegotiation: "
		    "no, as the enumeration saw";
	return p->secure ? "RFC 5746 secure renegotiation: yes, but the "
	    "enumeration saw no" : "RFC 5746 secure renegotiation: no, "
	    "but the enumeration saw yes";
}

static void
reneg_verdict(struct reneg_probe *p, int status, struct vuln_verdict *v)
{
	if (p->state == ST_RENEG_RUN && status == ENGINE_ETIMEOUT)
		p->result = R_NO_ANSWER;
	if (p->state < ST_RENEG) {
		v->state = VULN_INCONCLUSIVE;
		vuln_detail(v,
		    "no TLS <= 1.2 handshake: %s", p->why[0] != '\0' ?
		    p->why : status == ENGINE_EBUDGET ? "target timeout" :
		    engine_errstr(status));
		return;
	}
	switch (p->result) {
	case R_DONE:
		v->state = VULN_VULNERABLE;
		vuln_detail(v,
		    "client-initiated renegotiation accepted %d times in "
		    "one %s connection; %s", p->count, p->neg,
		    secure_words(p));
		return;
	case R_CLOSED:
		if (p->count > 0) {
			/*
			 * Taken, then a close: a limit says so with an
			 * alert.  slapd closes after a varying number of
			 * them; the renegotiations were made all the same.
			 */
			v->state = VULN_VULNERABLE;
			vuln_detail(v,
			    "client-initiated renegotiation accepted %d "
			    "times in one %s connection, then the server "
			    "closed it; %s", p->count, p->neg,
			    secure_words(p));
			return;
		}
		/* FALLTHROUGH */
	case R_REFUSED_ALERT:
	case R_NO_ANSWER:
	case R_OTHER_ALERT:
		v->state = VULN_NOT_VULNERABLE;
		if (p->result == R_NO_ANSWER)
			snprintf(p->why, sizeof(p->why), "no answer");
		if (p->count == 0)
			vuln_detail(v,
			    "client-initiated renegotiation refused (%s) "
			    "on %s; %s", p->why, p->neg, secure_words(p));
		else
			vuln_detail(v,
			    "client-initiated renegotiation limited after "
			    "%d (%s) on %s; %s", p->count, p->why, p->neg,
			    secure_words(p));
		return;
	default:
		v->state = VULN_INCONCLUSIVE;
		vuln_detail(v, "renegotiation %d: %s; %s", p->count + 1,
		    p->why[0] != '\0' ? p->why :
		    status == ENGINE_EBUDGET ? "target timeout" :
		    engine_errstr(status), secure_words(p));
		return;
	}
}

/* What the enumeration's raw probe said, for the detail. */
static const char *
raw_words(const struct tls_enum_result *er)
{
	if (er->fallback_scsv == 1)
		return er->fallback_closed ? "the raw probe saw it refused "
		    "(closed)" : "the raw probe saw it refused";
	if (er->fallback_scsv == 0)
		return "the raw probe saw it taken";
	return "the raw probe did not tell";
}

static void
fallback_verdict(struct reneg_probe *p, int status, struct vuln_verdict *v)
{
	const struct tls_enum_result *er = p->env->tls;
	const char *vn = tls_version_name(p->version);
	int raw = er->fallback_scsv;

	switch (p->result) {
	case R_DONE:
		v->state = raw == 1 ? VULN_INCONCLUSIVE : VULN_VULNERABLE;
		vuln_detail(v, "OpenSSL's %s handshake with TLS_FALLBACK_SCSV "
		    "completed; %s%s", vn,
		    raw_words(er), raw == 1 ? ": they disagree" :
		    raw == 0 ? ", they agree" : "");
		return;
	case R_FALLBACK:
		v->state = raw == 0 ? VULN_INCONCLUSIVE : VULN_NOT_VULNERABLE;
		vuln_detail(v, "OpenSSL's %s handshake with TLS_FALLBACK_SCSV "
		    "refused (alert inappropriate_fallback); %s%s", vn,
		    raw_words(er),
		    raw == 0 ? ": they disagree" : raw == 1 ? ", they agree" :
		    "");
		return;
	case R_CLOSED:
		/* A close is a refusal only where the raw control says so. */
		v->state = raw == 1 && er->fallback_closed ?
		    VULN_NOT_VULNERABLE : VULN_INCONCLUSIVE;
		vuln_detail(v, "OpenSSL's %s handshake with TLS_FALLBACK_SCSV: "
		    "connection closed; %s", vn, raw_words(er));
		return;
	default:
		v->state = VULN_INCONCLUSIVE;
		vuln_detail(v,
		    "OpenSSL's %s handshake with TLS_FALLBACK_SCSV: %s; "
		    "%s", vn,
		    p->why[0] != '\0' ? p->why : status == ENGINE_EBUDGET ?
		    "target timeout" : engine_errstr(status), raw_words(er));
		return;
	}
}

static void
reneg_on_end(void *arg, int status)
{
	struct reneg_probe *p = arg;
	const struct vuln_env *env = p->env;
	struct vuln_verdict *v = &env->res->v[p->check];

	if (p->result == R_NONE && p->state >= ST_HANDSHAKE &&
	    p->state != ST_RENEG && (status == ENGINE_ERESET ||
	    status == ENGINE_EIO)) {
		/* A reset in the middle of a handshake: like a close. */
		p->result = R_CLOSED;
		snprintf(p->why, sizeof(p->why), "connection reset");
		status = 0;
	}
	if (p->check == VULN_RENEG) {
		reneg_verdict(p, status, v);
		/* A renegotiation the server ignores is its answer. */
		if (p->result == R_NO_ANSWER)
			status = 0;
	} else
		fallback_verdict(p, status, v);
	SSL_free(p->ssl);
	free(p);
	env->done(env->arg, status);
}

static const struct probe_ops reneg_ops = {
	.name = "tls-reneg",
	.max_input = 16 * 1024,
	.on_connect = reneg_on_connect,
	.on_data = reneg_on_data,
	.on_ready = reneg_on_ready,
	.on_eof = reneg_on_eof,
	.on_end = reneg_on_end,
	.wait_ms = reneg_wait_ms,
};

static int
submit(const struct vuln_env *env, int check, int version)
{
	struct vuln_verdict *v = &env->res->v[check];
	struct reneg_probe *p;
	int r;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	p->env = env;
	p->check = check;
	p->version = version;
	if ((r = env->submit(env->arg, &reneg_ops, p)) != 0) {
		free(p);
		v->state = VULN_INCONCLUSIVE;
		vuln_detail(v, "%s", r == ENGINE_ESTOPPED ? "interrupted" :
		    engine_errstr(r));
	}
	return 0;
}

int
reneg_start(const struct vuln_env *env)
{
	struct vuln_verdict *v = &env->res->v[VULN_RENEG];
	const struct tls_enum_result *er = env->tls;

	if (!er->versions[TLS_V_TLS10] && !er->versions[TLS_V_TLS11] &&
	    !er->versions[TLS_V_TLS12]) {
		v->state = VULN_NOT_APPLICABLE;
		vuln_detail(v, "no TLS 1.0 to 1.2 accepted%s",
		    er->versions[TLS_V_TLS13] ? " (TLS 1.3 has no "
		    "renegotiation)" : "");
		return 0;
	}
	return submit(env, VULN_RENEG, 0);
}

int
fallback_start(const struct vuln_env *env)
{
	struct vuln_verdict *v = &env->res->v[VULN_FALLBACK];
	const struct tls_enum_result *er = env->tls;
	int best = -1, second = -1, i;

	for (i = TLS_V_TLS13; i >= TLS_V_SSL2; i--) {
		if (!er->versions[i])
			continue;
		if (best < 0)
			best = i;
		else if (second < 0)
			second = i;
	}
	if (second < 0) {
		v->state = VULN_NOT_APPLICABLE;
		vuln_detail(v,
		    "fewer than two versions accepted: nothing to fall "
		    "back to");
		return 0;
	}
	if (second < TLS_V_TLS10) {
		v->state = VULN_NOT_APPLICABLE;
		vuln_detail(v,
		    "OpenSSL cannot speak %s, the second-best version; "
		    "%s", tls_version_name(second), raw_words(er));
		return 0;
	}
	return submit(env, VULN_FALLBACK, second);
}
