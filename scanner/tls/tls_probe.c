/*
 * tls_probe.c: the planner's hellos on the engine (see tls_probe.h).
 * What the server sends goes to the STARTTLS state machine and the
 * answer parser, which trust none of it; this file only keeps track of
 * which of the two is reading, of when the current wait started (for
 * saying what stalled), and turns their results into a struct
 * tls_hello_end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_probe.h"

struct tls_hello_probe {
	struct tls_probe	 p;
	enum service		 svc;
	int			 greeting_ms;
	struct starttls		 st;
	int			 connected;
	int			 stage;		/* 0 preamble, 1 hello sent */
	struct tls_answer	 ans;
	int			 parsed;
	int			 perr;		/* parser's error, 0 none */
	int			 pre_err;	/* STARTTLS_E*, or 0 */
	int			 ssh;
	uint64_t		 wait_t0;	/* the current wait's start */
	size_t			 got;		/* answer bytes buffered */
	size_t			 want;		/* up to its record end, or 0 */
	char			 why[224];
	int			 keep_certs;
	uint8_t			*certs;		/* Certificate message list */
	size_t			 certs_len;
	void			(*done)(void *, const struct tls_hello_end *);
	void			*arg;
};

struct tls_hello_probe *
tls_hello_probe_new(const struct tls_probe *p, enum service svc,
    int greeting_ms, void (*done)(void *, const struct tls_hello_end *),
    void *arg)
{
	struct tls_hello_probe *hp;

	if ((hp = calloc(1, sizeof(*hp))) == NULL)
		return NULL;
	hp->p = *p;
	hp->svc = svc;
	hp->greeting_ms = greeting_ms > 0 ? greeting_ms : 0;
	hp->done = done;
	hp->arg = arg;
	return hp;
}

void
tls_hello_probe_keep_certs(struct tls_hello_probe *hp)
{
	hp->keep_certs = 1;
}

/* The certificate_list of a complete answer in[0..len), when asked. */
static void
keep_certs(struct tls_hello_probe *hp, const uint8_t *in, size_t len)
{
	if (!hp->keep_certs || !(hp->ans.flight & TLS_FL_CERT) ||
	    hp->certs != NULL)
		return;
	if (tls_answer_certificates(in, len, &hp->certs, &hp->certs_len) !=
	    TLS_OK)
		hp->certs = NULL;
}

void
tls_hello_probe_free(struct tls_hello_probe **hp)
{
	if (*hp != NULL)
		free((*hp)->certs);
	free(*hp);
	*hp = NULL;
}

static int
send_hello(struct tls_hello_probe *hp, struct wbuf *out)
{
	int r;

	hp->stage = 1;
	hp->wait_t0 = engine_now_ms();
	if ((r = tls_hello_build(&hp->p.hello, out)) != 0) {
		hp->perr = r;
		return ENGINE_EINTERNAL;
	}
	return PROBE_READ;
}

static int
hello_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct tls_hello_probe *hp = arg;

	hp->connected = 1;
	hp->wait_t0 = engine_now_ms();
	if (starttls_needed(hp->svc)) {
		if (starttls_begin(&hp->st, hp->svc, hp->p.hello.sni, fd,
		    out) != STARTTLS_MORE)
			return ENGINE_ENOMEM;
		return PROBE_READ;
	}
	return send_hello(hp, out);
}

/* The greeting waits longer than anything else (engine.h wait_ms). */
static int
hello_wait_ms(void *arg)
{
	struct tls_hello_probe *hp = arg;

	if (hp->connected && hp->stage == 0 && starttls_in_greeting(&hp->st))
		return hp->greeting_ms;
	return 0;
}

/* A server that greets with "SSH-" is not TLS: the scan reports it. */
static int
speaks_ssh(struct tls_hello_probe *hp, const uint8_t *in, size_t len)
{
	if (len >= 4 && memcmp(in, "SSH-", 4) == 0)
		hp->ssh = 1;
	return hp->ssh;
}

/*
 * Where the record that is still arriving ends (its header says), or 0
 * when that is not known: for "got 17 of 16389 bytes".
 */
static size_t
answer_want(const uint8_t *in, size_t len)
{
	size_t off = 0, rl;

	while (len - off >= 5) {
		if (in[off] < 20 || in[off] > 24)
			return 0;	/* not TLS records (SSLv2, garbage) */
		rl = (size_t)in[off + 3] << 8 | in[off + 4];
		if (rl > len - off - 5)
			return off + 5 + rl;
		off += 5 + rl;
	}
	return 0;
}

/* The preamble failed with r: the error the engine should end with. */
static int
preamble_failed(struct tls_hello_probe *hp, int r)
{
	hp->pre_err = r;
	snprintf(hp->why, sizeof(hp->why), "%s", hp->st.msg);
	return r == STARTTLS_ENOMEM ? ENGINE_ENOMEM : ENGINE_EPROTO;
}

static int
hello_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct tls_hello_probe *hp = arg;
	size_t before = out->len;
	int r;

	if (hp->stage == 0) {
		r = starttls_input(&hp->st, in, len, consumed, out);
		/* The engine's rule: consuming or sending is progress. */
		if (*consumed > 0 || out->len > before)
			hp->wait_t0 = engine_now_ms();
		if (r == STARTTLS_MORE)
			return PROBE_READ;
		if (r != STARTTLS_READY)
			return preamble_failed(hp, r);
		return send_hello(hp, out);
	}
	if (speaks_ssh(hp, in, len))
		return ENGINE_EPROTO;
	hp->got = len;
	hp->want = answer_want(in, len);
	r = tls_answer_parse(in, len, hp->p.parse_flags, &hp->ans);
	if (r == TLS_NEED_MORE)
		return PROBE_READ;
	if (r != TLS_OK) {
		hp->perr = r;
		return ENGINE_EPROTO;
	}
	hp->parsed = 1;
	keep_certs(hp, in, len);
	*consumed = len;
	return PROBE_DONE;
}

static int
hello_on_eof(void *arg, const uint8_t *in, size_t len)
{
	struct tls_hello_probe *hp = arg;
	int r;

	if (hp->stage == 0)
		return preamble_failed(hp, starttls_eof(&hp->st, in, len));
	if (speaks_ssh(hp, in, len))
		return ENGINE_EPROTO;
	r = tls_answer_parse(in, len, hp->p.parse_flags | TLS_PARSE_FINAL,
	    &hp->ans);
	if (r == TLS_OK) {
		hp->parsed = 1;
		keep_certs(hp, in, len);
		return PROBE_DONE;
	}
	if (len > 0)
		hp->perr = r;
	return r == TLS_ETRUNC || len == 0 ? ENGINE_ECLOSED : ENGINE_EPROTO;
}

/* The engine's status in the planner's terms. */
static int
outcome_of(const struct tls_hello_probe *hp, int status)
{
	if (hp->parsed && status == 0)
		return TLS_OUT_ANSWER;
	if (hp->pre_err == STARTTLS_ETHROTTLED)
		return TLS_OUT_THROTTLED;
	/*
	 * Reset inside the preamble: pushed back, like a close there.  A
	 * greeting that does not come in time stays a timeout: the caller
	 * slows the whole address down for a push-back, which would starve
	 * its other ports for a server that is merely silent.
	 */
	if (hp->connected && hp->stage == 0 && (status == ENGINE_ERESET ||
	    status == ENGINE_EIO || status == ENGINE_ECLOSED))
		return TLS_OUT_THROTTLED;
	switch (status) {
	case ENGINE_ECONNECT:
	case ENGINE_EREFUSED:
	case ENGINE_EUNREACH:
	case ENGINE_EGATED:
		return TLS_OUT_CONNECT;
	case ENGINE_ECTIMEOUT:
	case ENGINE_ETIMEOUT:
	case ENGINE_EBUDGET:
		return TLS_OUT_TIMEOUT;
	case ENGINE_ECANCEL:
	case ENGINE_ESTOPPED:
		/* The run is ending: no answer, and none will be asked for. */
		return TLS_OUT_TIMEOUT;
	case ENGINE_EIO:
	case ENGINE_ERESET:
		return TLS_OUT_RESET;
	case ENGINE_ECLOSED:
		return TLS_OUT_CLOSED;
	default:
		return TLS_OUT_GARBAGE;
	}
}

/* Why a connected probe got no answer, when its stage tells more. */
static const char *
why_of(struct tls_hello_probe *hp, int status)
{
	uint64_t waited;
	char t[32], got[64];
	int deadline = status == ENGINE_EBUDGET;

	if (hp->pre_err != 0)
		return hp->why;
	if (status == ENGINE_EPROTO)
		return hp->perr != 0 ? tls_errstr(hp->perr) : NULL;
	if (!hp->connected)
		return NULL;
	if (hp->stage == 0 && (status == ENGINE_ERESET ||
	    status == ENGINE_EIO)) {
		snprintf(hp->why, sizeof(hp->why), "connection reset before "
		    "the %s", starttls_waiting(&hp->st));
		return hp->why;
	}
	if (status != ENGINE_ETIMEOUT && status != ENGINE_EBUDGET)
		return NULL;
	waited = engine_now_ms() - hp->wait_t0;
	if (hp->stage == 0) {
		starttls_stalled(&hp->st, deadline, waited, hp->why,
		    sizeof(hp->why));
		return hp->why;
	}
	starttls_secs(waited, t, sizeof(t));
	if (hp->got == 0)
		snprintf(got, sizeof(got), "no bytes");
	else if (hp->want > 0)
		snprintf(got, sizeof(got), "got %zu of %zu bytes", hp->got,
		    hp->want);
	else
		snprintf(got, sizeof(got), "got %zu bytes", hp->got);
	if (deadline)
		snprintf(hp->why, sizeof(hp->why), "timed out waiting for the "
		    "answer to the ClientHello (after %s, %s)", t, got);
	else
		snprintf(hp->why, sizeof(hp->why), "read timed out: no answer "
		    "to the ClientHello within %s (%s)", t, got);
	return hp->why;
}

static void
hello_on_end(void *arg, int status)
{
	struct tls_hello_probe *hp = arg;
	struct tls_hello_end end;

	memset(&end, 0, sizeof(end));
	end.id = hp->p.id;
	end.status = status;
	end.outcome = outcome_of(hp, status);
	end.answer = end.outcome == TLS_OUT_ANSWER ? &hp->ans : NULL;
	end.ssh = hp->ssh;
	end.server = hp->st.server[0] != '\0' ? hp->st.server : NULL;
	end.spoke = hp->stage == 1 || hp->st.lines > 0;
	if (end.outcome != TLS_OUT_ANSWER)
		end.why = why_of(hp, status);
	else if (hp->certs != NULL) {
		end.certs = &hp->certs;
		end.certs_len = hp->certs_len;
	}
	hp->done(hp->arg, &end);
	free(hp->certs);
	free(hp);
}

const struct probe_ops tls_hello_ops = {
	.name = "tls-hello",
	.max_input = TLS_ANSWER_MAX,
	.on_connect = hello_on_connect,
	.on_data = hello_on_data,
	.on_eof = hello_on_eof,
	.on_end = hello_on_end,
	.wait_ms = hello_wait_ms,
};
