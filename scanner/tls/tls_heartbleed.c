/*
 * tls_heartbleed.c: the Heartbleed check (CVE-2014-0160).  One
 * connection: a ClientHello at the best TLS version <= 1.2 the
 * enumeration saw taken, offering its suites and the heartbeat
 * extension (RFC 6520); after the server's flight (ServerHelloDone) a
 * HeartbeatRequest record of HEARTBLEED_SENT bytes whose payload_length
 * claims HEARTBLEED_CLAIM bytes it does not carry.  A server that reads
 * the claim and not the record copies HEARTBLEED_CLAIM bytes of its
 * memory into a heartbeat response: that record's 5-byte head is all
 * this check reads (tls_record_head_parse()); its body is never looked
 * at, copied or kept, and the connection is closed at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_heartbleed.h"
#include "scanner/tls/tls_vuln_hello.h"

/* At most this many other records are skipped while waiting. */
#define HB_MAX_SKIPPED	4

struct hb {
	enum vuln_state	 state;		/* VULN_UNTESTED until decided */
	char		 detail[160];
	int		 skipped;
	int		 version;	/* enum tls_version of the hello */
};

enum vuln_state
heartbleed_judge(const struct tls_record_head *h, char *detail, size_t len)
{
	if (h->type == TLS_REC_HEARTBEAT && h->length > HEARTBLEED_SENT) {
		snprintf(detail, len, "a heartbeat response of %u bytes to a "
		    "%u-byte request claiming %u: memory it was not sent (its "
		    "header read, nothing kept)",
		    h->length, HEARTBLEED_SENT, HEARTBLEED_CLAIM);
		return VULN_VULNERABLE;
	}
	if (h->type == TLS_REC_HEARTBEAT) {
		snprintf(detail, len, "a heartbeat response of %u bytes, no "
		    "more than was sent", h->length);
		return VULN_NOT_VULNERABLE;
	}
	if (h->type == TLS_REC_ALERT) {
		snprintf(detail, len, "the heartbeat request was refused with "
		    "%s", tls_alert_name(h->alert_desc));
		return VULN_NOT_VULNERABLE;
	}
	return VULN_UNTESTED;
}

static int
hb_after_hello(struct vh_probe *p, struct wbuf *out)
{
	static const uint8_t req[HEARTBLEED_SENT] = {
		1,	/* heartbeat_request */
		HEARTBLEED_CLAIM >> 8, HEARTBLEED_CLAIM & 0xff,
	};

	if (p->ans.kind != TLS_ANS_SERVER_HELLO ||
	    !(p->ans.flight & TLS_FL_DONE) ||
	    (p->ans.flight & TLS_FL_ALERT))
		return -1;
	return tls_record_write(out, TLS_REC_HEARTBEAT, p->ans.version, req,
	    sizeof(req)) != 0 ? -1 : 0;
}

static int
hb_on_record(struct vh_probe *p, const struct tls_record_head *h)
{
	struct hb *hb = p->arg;

	hb->state = heartbleed_judge(h, hb->detail, sizeof(hb->detail));
	if (hb->state != VULN_UNTESTED)
		return 1;
	if (++hb->skipped < HB_MAX_SKIPPED)
		return 0;
	hb->state = VULN_INCONCLUSIVE;
	snprintf(hb->detail, sizeof(hb->detail), "%d records of other types "
	    "after the heartbeat request, none a heartbeat response",
	    hb->skipped);
	return 1;
}

static void
hb_finish(struct vh_probe *p, int status)
{
	struct hb *hb = p->arg;
	struct vuln_verdict *v = &p->env->res->v[VULN_HEARTBLEED];
	const char *ext = p->have_ans && (p->ans.ext & TLS_AX_HEARTBEAT) ?
	    "heartbeat extension acknowledged" :
	    "heartbeat extension not acknowledged";
	char why[200];

	if (p->stage == VH_DECIDED) {
		v->state = hb->state;
		snprintf(v->detail, sizeof(v->detail), "%s: %s; %s",
		    tls_version_name(hb->version), hb->detail, ext);
	} else if (p->stage == VH_AFTER && (p->closed ||
	    status == ENGINE_ERESET || status == ENGINE_EIO)) {
		v->state = VULN_NOT_VULNERABLE;
		snprintf(v->detail, sizeof(v->detail), "%s: the server %s the "
		    "connection on the heartbeat request; %s",
		    tls_version_name(hb->version), p->closed ? "closed" :
		    "reset", ext);
	} else if (p->stage == VH_AFTER && status == ENGINE_ETIMEOUT) {
		v->state = VULN_NOT_VULNERABLE;
		snprintf(v->detail, sizeof(v->detail), "%s: no heartbeat "
		    "response within %d ms (the request was dropped); %s",
		    tls_version_name(hb->version), HEARTBLEED_QUIET_MS, ext);
	} else if (p->have_ans && p->ans.kind == TLS_ANS_SERVER_HELLO &&
	    p->stage != VH_AFTER) {
		v->state = VULN_INCONCLUSIVE;
		snprintf(v->detail, sizeof(v->detail), "%s: the server's "
		    "flight ended %s before ServerHelloDone: no heartbeat sent",
		    tls_version_name(hb->version), (p->ans.flight &
		    TLS_FL_ALERT) ? "with an alert" : "early");
	} else {
		vh_describe(p, status, why, sizeof(why));
		v->state = VULN_INCONCLUSIVE;
		snprintf(v->detail, sizeof(v->detail), "%s: %s",
		    tls_version_name(hb->version), why);
	}
	free(hb);
}

int
heartbleed_start(const struct vuln_env *env)
{
	struct vuln_verdict *v = &env->res->v[VULN_HEARTBLEED];
	struct vh_probe *p;
	struct hb *hb;
	int ver, r;

	if ((ver = vh_best_tls12(env->tls)) < 0) {
		v->state = VULN_NOT_APPLICABLE;
		snprintf(v->detail, sizeof(v->detail), "no TLS 1.0 to 1.2 "
		    "accepted: no heartbeat extension to misuse");
		return 0;
	}
	if ((hb = calloc(1, sizeof(*hb))) == NULL)
		return -1;
	if ((p = vh_probe_new(env)) == NULL) {
		free(hb);
		return -1;
	}
	hb->version = ver;
	vh_hello_for(p, ver);
	p->hello.flags |= TLS_HO_HEARTBEAT;
	p->quiet_ms = HEARTBLEED_QUIET_MS;
	p->after_hello = hb_after_hello;
	p->on_record = hb_on_record;
	p->finish = hb_finish;
	p->check = VULN_HEARTBLEED;
	p->arg = hb;
	if ((r = vh_submit(p)) != 0) {
		free(hb);
		if (r != ENGINE_ESTOPPED)
			return -1;
	}
	return 0;
}
