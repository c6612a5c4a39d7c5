/*
 * tls_vuln_hello.c: the byte-mode probe of the hello-based behavioural
 * checks (see tls_vuln_hello.h).  The STARTTLS dialogue is starttls.c's
 * state machine, the answer tls_answer_parse() or the check's own
 * parser, the records after it tls_record_head_parse(): this file only
 * says which of them reads, and when the check's records go out.  It
 * trusts nothing the server sends and keeps none of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_suites.h"
#include "scanner/tls/tls_vuln_hello.h"

struct vh_probe *
vh_probe_new(const struct vuln_env *env)
{
	struct vh_probe *p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->env = env;
	p->parse_flags = TLS_PARSE_FLIGHT;
	return p;
}

int
vh_best_tls12(const struct tls_enum_result *er)
{
	int v;

	for (v = TLS_V_TLS12; v >= TLS_V_TLS10; v--)
		if (er->versions[v])
			return v;
	return -1;
}

void
vh_hello_for(struct vh_probe *p, int v)
{
	const struct tls_enum_result *er = p->env->tls;
	struct tls_hello_opts *o = &p->hello;
	const struct tls_suite *s;
	size_t i;

	tls_hello_defaults(o, v, p->env->ep->sni);
	for (i = 0; i < er->nsuites[v] && o->nsuites < TLS_HELLO_MAX_SUITES;
	    i++)
		o->suites[o->nsuites++] = er->suites[v][i];
	for (i = 0; o->nsuites == 0 && (s = tls_suite_at(i)) != NULL; i++)
		if (tls_suite_fits_version(s, v) &&
		    o->nsuites < TLS_HELLO_MAX_SUITES)
			o->suites[o->nsuites++] = s->code;
	for (i = 0; i < sizeof(o->rnd); i++)
		o->rnd[i] = (uint8_t)(0x5a ^ (i * 37));
}

static int
send_hello(struct vh_probe *p, struct wbuf *out)
{
	p->stage = VH_HELLO;
	if ((p->perr = tls_hello_build(&p->hello, out)) != 0)
		return ENGINE_EINTERNAL;
	return PROBE_READ;
}

static int
vh_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct vh_probe *p = arg;

	p->connected = 1;
	if (starttls_needed(p->env->ep->svc)) {
		if (starttls_begin(&p->st, p->env->ep->svc, p->env->ep->sni,
		    fd, out) != STARTTLS_MORE)
			return ENGINE_ENOMEM;
		return PROBE_READ;
	}
	return send_hello(p, out);
}

/* The greeting waits as the hellos' do; after our records, quiet_ms. */
static int
vh_wait_ms(void *arg)
{
	struct vh_probe *p = arg;

	if (p->connected && p->stage == VH_PREAMBLE &&
	    starttls_in_greeting(&p->st))
		return p->env->greeting_timeout_ms;
	if (p->stage == VH_AFTER)
		return p->quiet_ms;
	return 0;
}

static int
preamble_failed(struct vh_probe *p, int r)
{
	p->pre_err = r;
	snprintf(p->why, sizeof(p->why), "%s", p->st.msg);
	return r == STARTTLS_ENOMEM ? ENGINE_ENOMEM : ENGINE_EPROTO;
}

/* The answer to the hello is in[0..len): judge it or send the records. */
static int
answer(struct vh_probe *p, const uint8_t *in, size_t len, int final,
    size_t *consumed, struct wbuf *out)
{
	int r;

	if (p->on_answer != NULL) {
		r = p->on_answer(p, in, len);
		if (r == TLS_NEED_MORE)
			return final ? ENGINE_ECLOSED : PROBE_READ;
		if (r != TLS_OK) {
			p->perr = r;
			return ENGINE_EPROTO;
		}
		p->stage = VH_DECIDED;
		return PROBE_DONE;
	}
	r = tls_answer_parse(in, len, p->parse_flags |
	    (final ? TLS_PARSE_FINAL : 0), &p->ans);
	if (r == TLS_NEED_MORE)
		return PROBE_READ;
	if (r != TLS_OK) {
		p->perr = r;
		return r == TLS_ETRUNC ? ENGINE_ECLOSED : ENGINE_EPROTO;
	}
	p->have_ans = 1;
	if (final || p->after_hello == NULL || p->after_hello(p, out) != 0)
		return PROBE_DONE;
	*consumed = p->ans.used;
	p->stage = VH_AFTER;
	return PROBE_READ;
}

static int
vh_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct vh_probe *p = arg;
	struct tls_record_head h;
	int r;

	switch (p->stage) {
	case VH_PREAMBLE:
		r = starttls_input(&p->st, in, len, consumed, out);
		if (r == STARTTLS_MORE)
			return PROBE_READ;
		if (r != STARTTLS_READY)
			return preamble_failed(p, r);
		return send_hello(p, out);
	case VH_HELLO:
		return answer(p, in, len, 0, consumed, out);
	case VH_AFTER:
		r = tls_record_head_parse(in, len, &h);
		if (r == TLS_NEED_MORE)
			return PROBE_READ;
		if (r != TLS_OK) {
			p->perr = r;
			return ENGINE_EPROTO;
		}
		/* Each head goes to the check once, however it trickles. */
		if (!p->head_seen && p->on_record(p, &h)) {
			p->stage = VH_DECIDED;
			return PROBE_DONE;
		}
		p->head_seen = 1;
		/* Another record: skip it whole, once it is all there. */
		if (len - 5 < h.length)
			return PROBE_READ;
		*consumed = 5 + (size_t)h.length;
		p->head_seen = 0;
		return PROBE_READ;
	default:
		return PROBE_DONE;
	}
}

static int
vh_on_eof(void *arg, const uint8_t *in, size_t len)
{
	struct vh_probe *p = arg;
	size_t consumed = 0;
	struct wbuf none;
	int r;

	switch (p->stage) {
	case VH_PREAMBLE:
		return preamble_failed(p, starttls_eof(&p->st, in, len));
	case VH_HELLO:
		wbuf_init(&none, 0);
		r = answer(p, in, len, 1, &consumed, &none);
		wbuf_release(&none);
		return r;
	case VH_AFTER:
		/* A close after our records is an answer of its own. */
		p->closed = 1;
		return PROBE_DONE;
	default:
		return PROBE_DONE;
	}
}

int
vh_cut_short(struct vuln_verdict *v, int status)
{
	if (status != ENGINE_ESTOPPED && status != ENGINE_ECANCEL &&
	    status != ENGINE_EBUDGET)
		return 0;
	v->state = VULN_UNTESTED;
	snprintf(v->detail, sizeof(v->detail), "%s", status ==
	    ENGINE_EBUDGET ? "the target's deadline came first" :
	    "interrupted");
	return 1;
}

static void
vh_on_end(void *arg, int status)
{
	struct vh_probe *p = arg;
	const struct vuln_env *env = p->env;

	p->finish(p, status);
	if (p->stage != VH_DECIDED)
		(void)vh_cut_short(&env->res->v[p->check], status);
	free(p);
	env->done(env->arg, status);
}

static const struct probe_ops vh_ops = {
	.name = "tls-vuln",
	.max_input = TLS_ANSWER_MAX,
	.on_connect = vh_on_connect,
	.on_data = vh_on_data,
	.on_eof = vh_on_eof,
	.on_end = vh_on_end,
	.wait_ms = vh_wait_ms,
};

int
vh_submit(struct vh_probe *p)
{
	const struct vuln_env *env = p->env;
	int r;

	if ((r = env->submit(env->arg, &vh_ops, p)) != 0)
		free(p);
	return r;
}

void
vh_describe(const struct vh_probe *p, int status, char *buf, size_t len)
{
	if (p->pre_err != 0)
		snprintf(buf, len, "%s", p->why);
	else if (p->have_ans && p->ans.kind == TLS_ANS_ALERT)
		snprintf(buf, len, "the hello was refused with %s",
		    tls_alert_name(p->ans.alert_desc));
	else if (p->perr != 0)
		snprintf(buf, len, "%s", tls_errstr(p->perr));
	else if (status != 0)
		snprintf(buf, len, "%s", engine_errstr(status));
	else
		snprintf(buf, len, "no answer");
}
