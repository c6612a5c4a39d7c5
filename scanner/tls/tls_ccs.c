/*
 * tls_ccs.c: the CCS injection check (CVE-2014-0224).  One connection:
 * a ClientHello at the best version from SSLv3 to TLS 1.2 the
 * enumeration saw taken, offering its suites; after the server's flight
 * (ServerHelloDone) two ChangeCipherSpec records, long before the key
 * exchange that would make one legitimate.  A fixed server refuses the
 * first with an unexpected_message alert; one that takes it switches to
 * keys made from an empty master secret and fails to decrypt the second
 * (bad_record_mac or decryption_failed).  The decision follows nmap's
 * ssl-ccs-injection and testssl.sh, which send the same two records;
 * unlike them an alert that is neither answer, any other record, a close
 * or silence is not called vulnerable.  Only record heads are read
 * (tls_record_head_parse()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_ccs.h"
#include "scanner/tls/tls_vuln_hello.h"

struct ccs {
	enum vuln_state	 state;
	char		 detail[200];
	int		 version;
};

enum vuln_state
ccs_judge(const struct tls_record_head *h, char *detail, size_t len)
{
	if (h->type != TLS_REC_ALERT) {
		snprintf(detail, len, "a record of type %u came back, not an "
		    "alert", h->type);
		return VULN_INCONCLUSIVE;
	}
	switch (h->alert_desc) {
	case TLS_ALERT_UNEXPECTED_MESSAGE:
		snprintf(detail, len, "the early ChangeCipherSpec was refused "
		    "with unexpected_message");
		return VULN_NOT_VULNERABLE;
	case TLS_ALERT_BAD_RECORD_MAC:
	case TLS_ALERT_DECRYPTION_FAILED:
		snprintf(detail, len, "the early ChangeCipherSpec was taken: "
		    "the second failed with %s, keys from an empty master "
		    "secret", tls_alert_name(h->alert_desc));
		return VULN_VULNERABLE;
	default:
		snprintf(detail, len, "the early ChangeCipherSpec was answered "
		    "with %s, neither the refusal (unexpected_message) nor "
		    "the failure of a server that took it",
		    tls_alert_name(h->alert_desc));
		return VULN_INCONCLUSIVE;
	}
}

static int
ccs_after_hello(struct vh_probe *p, struct wbuf *out)
{
	static const uint8_t ccs[1] = { 1 };

	if (p->ans.kind != TLS_ANS_SERVER_HELLO ||
	    !(p->ans.flight & TLS_FL_DONE) ||
	    (p->ans.flight & TLS_FL_ALERT))
		return -1;
	if (tls_record_write(out, TLS_REC_CCS, p->ans.version, ccs,
	    sizeof(ccs)) != 0 ||
	    tls_record_write(out, TLS_REC_CCS, p->ans.version, ccs,
	    sizeof(ccs)) != 0)
		return -1;
	return 0;
}

static int
ccs_on_record(struct vh_probe *p, const struct tls_record_head *h)
{
	struct ccs *c = p->arg;

	c->state = ccs_judge(h, c->detail, sizeof(c->detail));
	return 1;
}

static void
ccs_finish(struct vh_probe *p, int status)
{
	struct ccs *c = p->arg;
	struct vuln_verdict *v = &p->env->res->v[VULN_CCS];
	const char *vn = tls_version_name(c->version);
	char why[200];

	if (p->stage == VH_DECIDED) {
		v->state = c->state;
		snprintf(v->detail, sizeof(v->detail), "%s: %s", vn, c->detail);
	} else if (p->stage == VH_AFTER && (p->closed ||
	    status == ENGINE_ERESET || status == ENGINE_EIO)) {
		v->state = VULN_NOT_VULNERABLE;
		snprintf(v->detail, sizeof(v->detail), "%s: the server %s the "
		    "connection on the early ChangeCipherSpec, without an "
		    "alert", vn, p->closed ? "closed" : "reset");
	} else if (p->stage == VH_AFTER && status == ENGINE_ETIMEOUT) {
		v->state = VULN_INCONCLUSIVE;
		snprintf(v->detail, sizeof(v->detail), "%s: no answer to the "
		    "early ChangeCipherSpec within %d ms", vn, CCS_QUIET_MS);
	} else if (p->have_ans && p->ans.kind == TLS_ANS_SERVER_HELLO &&
	    p->stage != VH_AFTER) {
		v->state = VULN_INCONCLUSIVE;
		snprintf(v->detail, sizeof(v->detail), "%s: the server's "
		    "flight ended %s before ServerHelloDone: nothing sent", vn,
		    (p->ans.flight & TLS_FL_ALERT) ? "with an alert" :
		    "early");
	} else {
		vh_describe(p, status, why, sizeof(why));
		v->state = VULN_INCONCLUSIVE;
		snprintf(v->detail, sizeof(v->detail), "%s: %s", vn, why);
	}
	free(c);
}

int
ccs_start(const struct vuln_env *env)
{
	struct vuln_verdict *v = &env->res->v[VULN_CCS];
	struct vh_probe *p;
	struct ccs *c;
	int ver, r;

	/* OpenSSL took it in SSLv3 too. */
	if ((ver = vh_best_tls12(env->tls)) < 0 &&
	    env->tls->versions[TLS_V_SSL3])
		ver = TLS_V_SSL3;
	if (ver < 0) {
		v->state = VULN_NOT_APPLICABLE;
		snprintf(v->detail, sizeof(v->detail), "no SSLv3 to TLS 1.2 "
		    "accepted: TLS 1.3 has no ChangeCipherSpec to inject");
		return 0;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	if ((p = vh_probe_new(env)) == NULL) {
		free(c);
		return -1;
	}
	c->version = ver;
	vh_hello_for(p, ver);
	p->quiet_ms = CCS_QUIET_MS;
	p->after_hello = ccs_after_hello;
	p->on_record = ccs_on_record;
	p->finish = ccs_finish;
	p->check = VULN_CCS;
	p->arg = c;
	if ((r = vh_submit(p)) != 0) {
		free(c);
		if (r != ENGINE_ESTOPPED)
			return -1;
	}
	return 0;
}
