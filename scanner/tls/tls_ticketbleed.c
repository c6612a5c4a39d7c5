/*
 * tls_ticketbleed.c: the Ticketbleed check (CVE-2016-9244).  Two
 * connections.  The first is a full TLS <= 1.2 handshake through
 * OpenSSL (the client context of tls_cert.c, tickets allowed, behind
 * the STARTTLS preamble where the service has one) that only keeps the
 * session ticket the server issues (at most TICKETBLEED_TICKET_MAX
 * bytes), the version and the suite.  The second is our own ClientHello
 * at that version offering that suite first, the ticket in the
 * session_ticket extension and a session ID of TICKETBLEED_SID_LEN
 * random bytes.  A server that resumes echoes our session ID (RFC 5077);
 * the F5 bug echoes 32 bytes whatever the length, the rest from its
 * memory.  ticketbleed_parse() reads the ServerHello only up to the end
 * of the session ID and compares it with ours in place: none of it is
 * copied or kept.  No ticket in the first handshake: not applicable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

#include "scanner/buf.h"
#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_ossl.h"
#include "scanner/tls/tls_ticketbleed.h"
#include "scanner/tls/tls_vuln_hello.h"

struct tb {
	const struct vuln_env	*env;
	SSL			*ssl;
	struct tls_ossl		 o;
	int			 ok;		/* handshake done */
	char			 err[160];
	uint8_t			*ticket;
	size_t			 ticket_len;
	uint16_t		 suite;
	int			 version;	/* enum tls_version */
	uint8_t			 sid[TICKETBLEED_SID_LEN];
	struct tb_answer	 ans;
};

int
ticketbleed_parse(const uint8_t *data, size_t len, const uint8_t *ours,
    size_t ourlen, struct tb_answer *a)
{
	struct rbuf r, frag;
	const uint8_t *sid;
	uint16_t ver, rlen;
	uint32_t mlen;
	uint8_t type, level, n;
	size_t have;

	memset(a, 0, sizeof(*a));
	if (ourlen > 32)
		return TLS_EOPTS;
	rbuf_init(&r, data, len);
	if (rbuf_get_u8(&r, &type) != 0 || rbuf_get_u16(&r, &ver) != 0 ||
	    rbuf_get_u16(&r, &rlen) != 0)
		return TLS_NEED_MORE;
	if ((type != TLS_REC_ALERT && type != TLS_REC_HANDSHAKE) ||
	    (ver >> 8) != 3)
		return TLS_EGARBAGE;
	/* The record's bytes so far: all the session ID needs must be in. */
	have = rbuf_left(&r) < rlen ? rbuf_left(&r) : rlen;
	rbuf_init(&frag, rbuf_ptr(&r), have);
	if (type == TLS_REC_ALERT) {
		if (rlen < 2)
			return TLS_EPROTO;
		if (rbuf_get_u8(&frag, &level) != 0 ||
		    rbuf_get_u8(&frag, &a->alert_desc) != 0)
			return TLS_NEED_MORE;
		a->kind = TB_ALERT;
		return TLS_OK;
	}
	if (rbuf_get_u8(&frag, &type) != 0 ||
	    rbuf_get_u24(&frag, &mlen) != 0 ||
	    rbuf_get_u16(&frag, &a->version) != 0 ||
	    rbuf_skip(&frag, 32) != 0 || rbuf_get_u8(&frag, &n) != 0)
		goto short_;
	if (type != 2 || n > 32 || mlen < 2 + 32 + 1 + (uint32_t)n)
		return TLS_EPROTO;
	if (rbuf_get_bytes(&frag, n, &sid) != 0)
		goto short_;
	a->kind = TB_SERVER_HELLO;
	a->sid_len = n;
	a->echo = ourlen > 0 && n >= ourlen && memcmp(sid, ours, ourlen) == 0;
	return TLS_OK;
 short_:
	/* The record is all there and still too short: fragmented. */
	return have == rlen ? TLS_EPROTO : TLS_NEED_MORE;
}

/* The resumption hello -------------------------------------------------- */

static int
tb_on_answer(struct vh_probe *p, const uint8_t *in, size_t len)
{
	struct tb *tb = p->arg;

	return ticketbleed_parse(in, len, tb->sid, sizeof(tb->sid), &tb->ans);
}

static void
tb_free(struct tb *tb)
{
	if (tb == NULL)
		return;
	SSL_free(tb->ssl);
	free(tb->ticket);
	free(tb);
}

static void
resume_finish(struct vh_probe *p, int status)
{
	struct tb *tb = p->arg;
	struct vuln_verdict *v = &p->env->res->v[VULN_TICKETBLEED];
	const char *vn = tls_version_name(tb->version);
	char why[160];

	if (p->stage != VH_DECIDED) {
		vh_describe(p, status, why, sizeof(why));
		v->state = VULN_INCONCLUSIVE;
		snprintf(v->detail, sizeof(v->detail), "%s: no answer to the "
		    "hello resuming the ticket: %s", vn, why);
	} else if (tb->ans.kind == TB_ALERT) {
		v->state = VULN_INCONCLUSIVE;
		snprintf(v->detail, sizeof(v->detail), "%s: the hello resuming "
		    "the ticket was refused with %s", vn,
		    tls_alert_name(tb->ans.alert_desc));
	} else if (tb->ans.echo && tb->ans.sid_len > TICKETBLEED_SID_LEN) {
		v->state = VULN_VULNERABLE;
		snprintf(v->detail, sizeof(v->detail), "%s: the ServerHello "
		    "echoed our %d-byte session ID padded to %u bytes with "
		    "the server's memory (not kept)", vn, TICKETBLEED_SID_LEN,
		    tb->ans.sid_len);
	} else if (tb->ans.echo) {
		v->state = VULN_NOT_VULNERABLE;
		snprintf(v->detail, sizeof(v->detail), "%s: the ticket was "
		    "resumed and our %d-byte session ID echoed as sent", vn,
		    TICKETBLEED_SID_LEN);
	} else {
		v->state = VULN_NOT_VULNERABLE;
		snprintf(v->detail, sizeof(v->detail), "%s: the ticket was not "
		    "resumed (a new session ID of %u bytes)", vn,
		    tb->ans.sid_len);
	}
	tb_free(tb);
}

/* Submits the resumption hello; 0, or the engine's error (tb freed). */
static int
resume(struct tb *tb)
{
	const struct vuln_env *env = tb->env;
	struct tls_hello_opts *o;
	struct vh_probe *p;
	size_t i;
	int r;

	if ((p = vh_probe_new(env)) == NULL) {
		tb_free(tb);
		return ENGINE_ENOMEM;
	}
	vh_hello_for(p, tb->version);
	o = &p->hello;
	/* The session's suite first: a server resumes only with it. */
	for (i = 0; i < o->nsuites && o->suites[i] != tb->suite; i++)
		;
	if (i == o->nsuites) {
		if (o->nsuites < TLS_HELLO_MAX_SUITES)
			o->nsuites++;
		else
			i--;	/* full: the last one gives way */
	}
	memmove(&o->suites[1], &o->suites[0], i * sizeof(o->suites[0]));
	o->suites[0] = tb->suite;
	o->flags |= TLS_HO_TICKET;
	o->ticket = tb->ticket;
	o->ticket_len = (uint16_t)tb->ticket_len;
	o->sid_len = TICKETBLEED_SID_LEN;
	memcpy(o->sid, tb->sid, sizeof(tb->sid));
	p->on_answer = tb_on_answer;
	p->finish = resume_finish;
	p->check = VULN_TICKETBLEED;
	p->arg = tb;
	if ((r = vh_submit(p)) != 0)
		tb_free(tb);
	return r;
}

/* The handshake that gets a ticket -------------------------------------- */

static int
handshake(struct tb *tb)
{
	SSL_SESSION *s;
	const unsigned char *t;
	unsigned long e;
	size_t n;
	int r;

	ERR_clear_error();
	if ((r = SSL_connect(tb->ssl)) != 1) {
		if ((r = tls_ossl_wait(tb->ssl, r)) != PROBE_DONE)
			return r;
		/* Not tls_ossl_fail(): one without a reason is a close here. */
		e = ERR_peek_last_error();
		snprintf(tb->err, sizeof(tb->err), "handshake failed: %s",
		    e != 0 && ERR_reason_error_string(e) != NULL ?
		    ERR_reason_error_string(e) : "connection closed");
		return ENGINE_EPROTO;
	}
	tb->ok = 1;
	tb->version = tls_version_from_wire((uint16_t)SSL_version(tb->ssl));
	tb->suite = SSL_CIPHER_get_protocol_id(
	    SSL_get_current_cipher(tb->ssl));
	if ((s = SSL_get_session(tb->ssl)) == NULL ||
	    !SSL_SESSION_has_ticket(s))
		return PROBE_DONE;
	SSL_SESSION_get0_ticket(s, &t, &n);
	if (n == 0 || n > TICKETBLEED_TICKET_MAX) {
		snprintf(tb->err, sizeof(tb->err), "a session ticket of %zu "
		    "bytes", n);
		return PROBE_DONE;
	}
	if ((tb->ticket = malloc(n)) == NULL)
		return ENGINE_ENOMEM;
	memcpy(tb->ticket, t, n);
	tb->ticket_len = n;
	return PROBE_DONE;
}

static int
tb_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct tb *tb = arg;
	const char *sni = tb->env->ep->sni;

	tls_ossl_connected(&tb->o);
	if ((tb->ssl = tls_ossl_new(fd, sni)) == NULL ||
	    SSL_set_cipher_list(tb->ssl, "ALL:@SECLEVEL=0") != 1 ||
	    SSL_set_max_proto_version(tb->ssl, TLS1_2_VERSION) != 1) {
		snprintf(tb->err, sizeof(tb->err), "cannot set up OpenSSL");
		return ENGINE_EINTERNAL;
	}
	SSL_clear_options(tb->ssl, SSL_OP_NO_TICKET);
	if (starttls_needed(tb->env->ep->svc))
		return tls_ossl_begin(&tb->o, tb->env->ep->svc, sni, fd, out);
	return handshake(tb);
}

static int
tb_wait_ms(void *arg)
{
	struct tb *tb = arg;

	return tls_ossl_wait_ms(&tb->o, tb->env->greeting_timeout_ms);
}

static int
tb_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct tb *tb = arg;
	int r;

	if ((r = tls_ossl_input(&tb->o, in, len, consumed, out)) < 0)
		return tls_ossl_preamble_failed(&tb->o, r, tb->err,
		    sizeof(tb->err));
	return r;
}

static int
tb_on_eof(void *arg, const uint8_t *in, size_t len)
{
	struct tb *tb = arg;

	return tls_ossl_preamble_failed(&tb->o, starttls_eof(&tb->o.st, in,
	    len), tb->err, sizeof(tb->err));
}

static int
tb_on_ready(void *arg, int fd)
{
	(void)fd;
	return handshake(arg);
}

static void
tb_on_end(void *arg, int status)
{
	struct tb *tb = arg;
	const struct vuln_env *env = tb->env;
	struct vuln_verdict *v = &env->res->v[VULN_TICKETBLEED];
	const char *vn;

	SSL_free(tb->ssl);
	tb->ssl = NULL;
	if (tb->ok && tb->ticket != NULL && tb->version >= TLS_V_TLS10 &&
	    tb->version <= TLS_V_TLS12) {
		/* The next probe goes before this one's done(). */
		if (RAND_bytes(tb->sid, sizeof(tb->sid)) != 1) {
			v->state = VULN_INCONCLUSIVE;
			snprintf(v->detail, sizeof(v->detail), "no random "
			    "session ID from OpenSSL");
			tb_free(tb);
		} else if (resume(tb) == ENGINE_ENOMEM) {
			v->state = VULN_INCONCLUSIVE;
			snprintf(v->detail, sizeof(v->detail), "out of memory");
		}
		env->done(env->arg, status);
		return;
	}
	if (tb->ok) {
		vn = tls_version_name(tb->version);
		v->state = VULN_NOT_APPLICABLE;
		snprintf(v->detail, sizeof(v->detail), "%s: no session ticket "
		    "issued in a full handshake%s%s", vn,
		    tb->err[0] != '\0' ? ": " : "", tb->err);
	} else if (!vh_cut_short(v, status)) {
		v->state = VULN_INCONCLUSIVE;
		snprintf(v->detail, sizeof(v->detail), "no handshake to get a "
		    "session ticket: %s", tb->err[0] != '\0' ? tb->err :
		    engine_errstr(status));
	}
	tb_free(tb);
	env->done(env->arg, status);
}

static const struct probe_ops tb_ops = {
	.name = "tls-ticket",
	.max_input = 16 * 1024,
	.on_connect = tb_on_connect,
	.on_data = tb_on_data,
	.on_ready = tb_on_ready,
	.on_eof = tb_on_eof,
	.on_end = tb_on_end,
	.wait_ms = tb_wait_ms,
};

int
ticketbleed_start(const struct vuln_env *env)
{
	struct vuln_verdict *v = &env->res->v[VULN_TICKETBLEED];
	struct tb *tb;
	int r;

	if (vh_best_tls12(env->tls) < 0) {
		v->state = VULN_NOT_APPLICABLE;
		snprintf(v->detail, sizeof(v->detail), "no TLS 1.0 to 1.2 "
		    "accepted: no TLS 1.2 session ticket to resume");
		return 0;
	}
	if ((tb = calloc(1, sizeof(*tb))) == NULL)
		return -1;
	tb->env = env;
	if ((r = env->submit(env->arg, &tb_ops, tb)) != 0) {
		tb_free(tb);
		if (r != ENGINE_ESTOPPED)
			return -1;
	}
	return 0;
}
