/*
 * tls_probe.c: the planner's hellos on the engine (see tls_probe.h).
 * What the server sends goes to the STARTTLS state machine and the
 * answer parser, which trust none of it; this file only keeps track of
 * which of the two is reading and turns their results into a
 * struct tls_hello_end.
 */
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_probe.h"

struct tls_hello_probe {
	struct tls_probe	 p;
	enum service		 svc;
	struct starttls		 st;
	int			 stage;		/* 0 preamble, 1 hello sent */
	struct tls_answer	 ans;
	int			 parsed;
	int			 perr;		/* parser's error, 0 none */
	int			 ssh;
	int			 preamble_failed;
	void			(*done)(void *, const struct tls_hello_end *);
	void			*arg;
};

struct tls_hello_probe *
tls_hello_probe_new(const struct tls_probe *p, enum service svc,
    void (*done)(void *, const struct tls_hello_end *), void *arg)
{
	struct tls_hello_probe *hp;

	if ((hp = calloc(1, sizeof(*hp))) == NULL)
		return NULL;
	hp->p = *p;
	hp->svc = svc;
	hp->done = done;
	hp->arg = arg;
	return hp;
}

void
tls_hello_probe_free(struct tls_hello_probe **hp)
{
	free(*hp);
	*hp = NULL;
}

static int
send_hello(struct tls_hello_probe *hp, struct wbuf *out)
{
	int r;

	hp->stage = 1;
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

	(void)fd;
	if (starttls_needed(hp->svc)) {
		starttls_init(&hp->st, hp->svc);
		return PROBE_READ;
	}
	return send_hello(hp, out);
}

/* A server that greets with "SSH-" is not TLS: the scan reports it. */
static int
speaks_ssh(struct tls_hello_probe *hp, const uint8_t *in, size_t len)
{
	if (len >= 4 && memcmp(in, "SSH-", 4) == 0)
		hp->ssh = 1;
	return hp->ssh;
}

static int
hello_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct tls_hello_probe *hp = arg;
	int r;

	if (hp->stage == 0) {
		r = starttls_input(&hp->st, in, len, consumed, out);
		if (r == STARTTLS_MORE)
			return PROBE_READ;
		if (r != STARTTLS_READY) {
			hp->preamble_failed = 1;
			return ENGINE_EPROTO;
		}
		return send_hello(hp, out);
	}
	if (speaks_ssh(hp, in, len))
		return ENGINE_EPROTO;
	r = tls_answer_parse(in, len, hp->p.parse_flags, &hp->ans);
	if (r == TLS_NEED_MORE)
		return PROBE_READ;
	if (r != TLS_OK) {
		hp->perr = r;
		return ENGINE_EPROTO;
	}
	hp->parsed = 1;
	*consumed = len;
	return PROBE_DONE;
}

static int
hello_on_eof(void *arg, const uint8_t *in, size_t len)
{
	struct tls_hello_probe *hp = arg;
	int r;

	if (hp->stage == 0)
		return ENGINE_ECLOSED;
	if (speaks_ssh(hp, in, len))
		return ENGINE_EPROTO;
	r = tls_answer_parse(in, len, hp->p.parse_flags | TLS_PARSE_FINAL,
	    &hp->ans);
	if (r == TLS_OK) {
		hp->parsed = 1;
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
	switch (status) {
	case ENGINE_ECONNECT:
		return TLS_OUT_CONNECT;
	case ENGINE_ECTIMEOUT:
	case ENGINE_ETIMEOUT:
	case ENGINE_EBUDGET:
	case ENGINE_ECANCEL:
		return TLS_OUT_TIMEOUT;
	case ENGINE_EIO:
		return TLS_OUT_RESET;
	case ENGINE_ECLOSED:
		return TLS_OUT_CLOSED;
	default:
		return TLS_OUT_GARBAGE;
	}
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
	if (status == ENGINE_EPROTO && hp->perr != 0)
		end.why = tls_errstr(hp->perr);
	else if (status == ENGINE_EPROTO && hp->preamble_failed)
		end.why = hp->st.msg;
	hp->done(hp->arg, &end);
	free(hp);
}

const struct probe_ops tls_hello_ops = {
	.name = "tls-hello",
	.max_input = TLS_ANSWER_MAX,
	.on_connect = hello_on_connect,
	.on_data = hello_on_data,
	.on_eof = hello_on_eof,
	.on_end = hello_on_end,
};
