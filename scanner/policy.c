/*
 * policy.c: the match kinds of a profile (see policy.h, profile.h).  Each
 * kind reads the observations of one scan result and, when its rule
 * fires, writes the evidence: what was seen, in the words of the report.
 * Which rules exist, their ids, severities and basis are the profile's
 * (scanner/profiles/NAME.xml); the default is tilsyn.xml, built in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/profile.h"
#include "scanner/scan.h"
#include "scanner/ssh/ssh_policy.h"
#include "scanner/ssh/ssh_scan.h"
#include "scanner/tls/tls_dhprimes.h"
#include "scanner/tls/tls_suites.h"

/* The profile policy_evaluate() applies; NULL: the built-in tilsyn. */
static const struct profile *active;

void
policy_use(const struct profile *pf)
{
	active = pf;
}

const struct profile *
policy_profile(void)
{
	return active != NULL ? active : profile_builtin();
}

static const char *sev_names[] = {
	"info", "low", "medium", "high", "critical",
};

const char *
severity_name(enum severity s)
{
	if ((unsigned)s > SEV_CRITICAL)
		return "?";
	return sev_names[s];
}

int
severity_parse(const char *s)
{
	int i;

	for (i = 0; i <= SEV_CRITICAL; i++)
		if (strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

/* Appends to an evidence buffer; once full it ends in "..." for good. */
static void
ev_add(char *ev, size_t len, const char *s)
{
	size_t n = strlen(ev);

	if (n >= 3 && strcmp(ev + n - 3, "...") == 0)
		return;
	if (n + strlen(s) + 4 >= len) {
		if (n + 4 <= len)
			snprintf(ev + n, len - n, "...");
		return;
	}
	snprintf(ev + n, len - n, "%s", s);
}

static int
version_accepted(const struct scan_result *r, char *ev, size_t len,
    uint32_t v)
{
	if (!r->has_tls || !r->tls.versions[v])
		return 0;
	/* DROWN needs only the key: a server elsewhere that shares it. */
	snprintf(ev, len, "%s accepted%s", tls_version_name((int)v),
	    v == TLS_V_SSL2 ? " (DROWN: also against every server that uses "
	    "the same RSA key)" : "");
	return 1;
}

/* Whether w is one of the space-separated words of list. */
static int
word_listed(const char *list, const char *w)
{
	size_t k, n = strlen(w);

	while (*list != '\0') {
		list += strspn(list, " ");
		k = strcspn(list, " ");
		if (k == n && strncmp(list, w, n) == 0)
			return 1;
		list += k;
	}
	return 0;
}

/* Whether a suite accepted at version v counts for the rule. */
static int
suite_hit(const struct profile_rule *pr, const struct tls_suite *s, int v)
{
	size_t i;
	int listed = 0;

	if (pr->vmask != 0 && !(pr->vmask & (1u << v)))
		return 0;
	if (pr->kx != NULL && !word_listed(pr->kx, s->kx))
		return 0;
	if (pr->mac != NULL && !word_listed(pr->mac, s->mac))
		return 0;
	switch (pr->kind) {
	case MK_SUITES_WITH:
		return (s->flags & pr->arg) != 0;
	case MK_SUITES_WITHOUT:
		return (s->flags & pr->arg) == 0;
	default:
		for (i = 0; i < pr->ncodes; i++)
			if (pr->codes[i] == s->code)
				listed = 1;
		return pr->kind == MK_SUITES_ALLOWED ? !listed : listed;
	}
}

/* Lists the accepted suites (any version) the rule counts. */
static int
suites_with(const struct scan_result *r, char *ev, size_t len,
    const struct profile_rule *pr)
{
	const struct tls_suite *s;
	char name[32], item[128];
	int v, found = 0;
	uint16_t i;

	ev[0] = '\0';
	if (!r->has_tls)
		return 0;
	for (v = 0; v < TLS_V_COUNT; v++) {
		for (i = 0; i < r->tls.nsuites[v]; i++) {
			s = tls_suite_by_code(r->tls.suites[v][i]);
			if (s == NULL || (s->flags & TLS_SF_SCSV))
				continue;
			if (!suite_hit(pr, s, v))
				continue;
			snprintf(item, sizeof(item), "%s%s (%s)",
			    found ? ", " : "", tls_suite_name(s->code, name,
			    sizeof(name)), tls_version_name(v));
			/* Room for the count put in front below. */
			ev_add(ev, len - 16, item);
			found++;
		}
	}
	if (found > 0) {
		snprintf(item, sizeof(item), "%d suites: ", found);
		if (strlen(item) + strlen(ev) < len) {
			memmove(ev + strlen(item), ev, strlen(ev) + 1);
			memcpy(ev, item, strlen(item));
		}
	}
	return found > 0;
}

/* Groups (TLS 1.3 and ECDHE curves) offered that the list leaves out. */
static int
groups_outside(const struct scan_result *r, char *ev, size_t len,
    const struct profile_rule *pr)
{
	const struct tls_group *g;
	char item[64];
	size_t i, k;
	int found = 0;

	ev[0] = '\0';
	if (!r->has_tls)
		return 0;
	for (i = 0; i < r->tls.ngroups; i++) {
		for (k = 0; k < pr->ncodes; k++)
			if (pr->codes[k] == r->tls.groups[i])
				break;
		if (k < pr->ncodes)
			continue;
		g = tls_group_by_code(r->tls.groups[i]);
		if (g != NULL && g->name != NULL)
			snprintf(item, sizeof(item), "%s%s", found ? ", " : "",
			    g->name);
		else
			snprintf(item, sizeof(item), "%s0x%04x",
			    found ? ", " : "", (unsigned)r->tls.groups[i]);
		if (!found)
			ev_add(ev, len, "groups outside the profile: ");
		ev_add(ev, len, item);
		found++;
	}
	return found > 0;
}

static int
r_dh(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	const struct tls_dhprime *p;

	if (!r->has_tls || r->tls.dh_bits == 0 || r->tls.dh_bits >= arg)
		return 0;
	/* A shared prime: one precomputation breaks every server using it. */
	p = tls_dhprime_by_id(r->tls.dh_known);
	snprintf(ev, len, "DHE group of %u bits%s%s%s",
	    (unsigned)r->tls.dh_bits, p != NULL ? " (" : "",
	    p != NULL ? p->name : "", p != NULL ? ", a prime many servers "
	    "share)" : "");
	return 1;
}

static int
r_reneg(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	(void)arg;
	int v, old = 0;

	if (!r->has_tls || r->tls.secure_renegotiation != 0)
		return 0;
	for (v = TLS_V_SSL3; v <= TLS_V_TLS12; v++)
		old |= r->tls.versions[v];
	if (!old)
		return 0;
	snprintf(ev, len, "no renegotiation_info in the ServerHello "
	    "(RFC 5746)");
	return 1;
}

static int
r_compression(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	(void)arg;
	if (!r->has_tls || r->tls.compression != 1)
		return 0;
	snprintf(ev, len, "DEFLATE compression accepted (CRIME)");
	return 1;
}

/* Only when measured: an unknown answer is no finding. */
static int
r_fallback(const struct scan_result *r, char *ev, size_t len)
{
	if (!r->has_tls || r->tls.fallback_scsv != 0)
		return 0;
	snprintf(ev, len, "TLS_FALLBACK_SCSV not honoured (RFC 7507)");
	return 1;
}

/* Certificate rules: one line of evidence per certificate that fires. */
static int
each_cert_pred(const struct scan_result *r, char *ev, size_t len,
    const struct profile_rule *pr,
    int (*pred)(const struct cert_info *, const struct profile_rule *,
    char *, size_t))
{
	char item[600], what[200];
	size_t i;
	int found = 0;

	ev[0] = '\0';
	for (i = 0; i < r->cert.ncerts; i++) {
		what[0] = '\0';
		if (!pred(&r->cert.certs[i], pr, what, sizeof(what)))
			continue;
		snprintf(item, sizeof(item), "%s%s: %s", found ? "; " : "",
		    r->cert.certs[i].subject, what);
		ev_add(ev, len, item);
		found++;
	}
	return found > 0;
}

static int
p_key(const struct cert_info *c, const struct profile_rule *pr, char *w,
    size_t l)
{
	const char *t = pr->names[0];

	if (strncmp(c->key_type, t, strlen(t)) != 0 ||
	    c->key_bits >= (int)pr->arg)
		return 0;
	snprintf(w, l, "%s key of %d bits", t, c->key_bits);
	return 1;
}

/* The leaf's key type must be one of the names (a CA's is its own). */
static int
p_key_type(const struct cert_info *c, const struct profile_rule *pr,
    char *w, size_t l)
{
	size_t i;

	if (c->position != 0)
		return 0;
	for (i = 0; i < pr->nnames; i++)
		if (strcmp(c->key_type, pr->names[i]) == 0)
			return 0;
	snprintf(w, l, "%s key, not one the profile allows", c->key_type);
	return 1;
}

static int
p_sig(const struct cert_info *c, const struct profile_rule *pr, char *w,
    size_t l)
{
	if (!((pr->arg & 1) && c->sig_sha1) && !((pr->arg & 2) &&
	    c->sig_md5))
		return 0;
	/* A trust anchor's own signature is never checked. */
	if (c->self_signed && c->position > 0)
		return 0;
	snprintf(w, l, "signed with %s", c->sig_alg);
	return 1;
}

static int
p_expired(const struct cert_info *c, const struct profile_rule *pr,
    char *w, size_t l)
{
	(void)pr;
	if (c->days_left >= 0)
		return 0;
	snprintf(w, l, "expired %s", c->not_after);
	return 1;
}

static int
p_notyet(const struct cert_info *c, const struct profile_rule *pr,
    char *w, size_t l)
{
	(void)pr;
	if (!c->not_yet_valid)
		return 0;
	snprintf(w, l, "not valid before %s", c->not_before);
	return 1;
}

/* Days since 1970-01-01 of "2026-11-28T12:00:00Z"; -1 if not that form. */
static long
day_number(const char *t)
{
	long y, m, d, era, yoe, doy;
	int iy, im, id;

	if (sscanf(t, "%4d-%2d-%2d", &iy, &im, &id) != 3 || im < 1 ||
	    im > 12 || id < 1 || id > 31 || iy < 1)
		return -1;
	y = iy - (im <= 2);
	m = im;
	d = id;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The leaf only: CA certificates live long by design. */
static int
p_lifetime(const struct cert_info *c, const struct profile_rule *pr,
    char *w, size_t l)
{
	long a = day_number(c->not_before), b = day_number(c->not_after);

	if (c->position != 0 || a < 0 || b < 0 || b - a <= (long)pr->arg)
		return 0;
	snprintf(w, l, "valid for %ld days, more than %u", b - a,
	    (unsigned)pr->arg);
	return 1;
}

/*
 * Chain rules (one chain per key type asked for): the first chain with
 * the problem is the evidence.
 */
enum chain_rule { CHAIN_UNTRUSTED, CHAIN_INCOMPLETE, CHAIN_MISMATCH };

static int
each_chain(const struct scan_result *r, char *ev, size_t len,
    uint32_t which)
{
	const struct cert_chain *c;
	size_t i;

	for (i = 0; i < r->cert.nchains; i++) {
		c = &r->cert.chains[i];
		switch (which) {
		case CHAIN_UNTRUSTED:
			/* an incomplete chain has a finding of its own */
			if (c->valid || c->incomplete)
				continue;
			snprintf(ev, len, "%s chain: %s", c->key_type,
			    c->verify_error);
			return 1;
		case CHAIN_INCOMPLETE:
			if (!c->incomplete)
				continue;
			snprintf(ev, len, "%s chain: intermediate certificate "
			    "not sent (%s)", c->key_type, c->verify_error);
			return 1;
		default:
			if (c->hostname_match != 0)
				continue;
			snprintf(ev, len, "%s certificate does not match '%s'",
			    c->key_type, r->ep->sni != NULL ?
			    r->ep->sni : r->ep->host);
			return 1;
		}
	}
	return 0;
}

/* The leaf of chain k, or NULL. */
static const struct cert_info *
chain_cert(const struct cert_result *c, size_t k, int position)
{
	size_t i;

	for (i = 0; i < c->ncerts; i++)
		if (c->certs[i].chain == (int)k &&
		    c->certs[i].position == position)
			return &c->certs[i];
	return NULL;
}

/* A leaf whose extended key usage leaves out TLS servers (RFC 5280). */
static int
p_no_server_auth(const struct cert_info *c, const struct profile_rule *pr,
    char *w, size_t l)
{
	size_t i;

	(void)pr;
	if (c->position != 0 || !c->has_eku || c->eku_server_auth)
		return 0;
	snprintf(w, l, "extended key usage without serverAuth:");
	for (i = 0; i < c->neku; i++) {
		ev_add(w, l, i > 0 ? ", " : " ");
		ev_add(w, l, c->eku[i]);
	}
	return 1;
}

/*
 * The certificate rules read per chain (one per key type asked for, or
 * the one of the hello): the first chain with the defect is the evidence.
 */
static int
chain_defect(const struct scan_result *r, char *ev, size_t len,
    enum match_kind which)
{
	const struct cert_chain *c;
	const struct cert_info *leaf, *a, *b;
	size_t k;

	for (k = 0; k < r->cert.nchains; k++) {
		c = &r->cert.chains[k];
		if ((leaf = chain_cert(&r->cert, k, 0)) == NULL)
			continue;
		switch (which) {
		case MK_CERT_KEY_USAGE:
			if (c->ku_missing[0] == '\0')
				continue;
			snprintf(ev, len, "%s chain: the key usage of %s lacks "
			    "%s, which %s needs", c->key_type, leaf->subject,
			    c->ku_missing, c->suite);
			return 1;
		case MK_CERT_ORDER:
			if (c->in_order != 0 ||
			    (a = chain_cert(&r->cert, k, c->order_break)) ==
			    NULL || (b = chain_cert(&r->cert, k,
			    c->order_break + 1)) == NULL)
				continue;
			snprintf(ev, len, "%s chain out of order: [%d] %s is "
			    "not issued by [%d] %s", c->key_type,
			    c->order_break, a->subject, c->order_break + 1,
			    b->subject);
			return 1;
		case MK_CERT_MUST_STAPLE:
			/* the hello's answer was not asked for a staple */
			if (!leaf->must_staple || c->ocsp_stapled != 0 ||
			    strcmp(c->source, "handshake") != 0)
				continue;
			snprintf(ev, len, "%s chain: %s is must-staple (RFC "
			    "7633), but no OCSP response was stapled",
			    c->key_type, leaf->subject);
			return 1;
		default:
			/* CT is for publicly trusted certificates. */
			if (!c->valid || c->store_ca_file || c->nscts > 0 ||
			    leaf->nscts > 0 || strcmp(c->source,
			    "handshake") != 0)
				continue;
			snprintf(ev, len, "%s chain: no SCT in %s, the TLS "
			    "extension or the OCSP staple", c->key_type,
			    leaf->subject);
			return 1;
		}
	}
	return 0;
}

/*
 * HTTP rules judge only an answer to the GET of / (tls_http.h): no
 * answer, no verdict.  What a redirect lacks is the concern of the page
 * it leads to, so only HSTS, which every HTTPS answer may set (RFC 6797,
 * section 7.1), is judged on a 3xx.
 */
static int
r_hsts_missing(const struct scan_result *r, char *ev, size_t len)
{
	const struct http_head *h = &r->http.head;

	if (!r->has_tls || !r->http.ok || (h->count[HTTP_H_HSTS] > 0 && h->hsts.valid))
		return 0;
	if (h->count[HTTP_H_HSTS] == 0)
		snprintf(ev, len, "no Strict-Transport-Security header in the "
		    "answer to GET / (status %d)", h->status);
	else
		snprintf(ev, len, "Strict-Transport-Security not valid (%s): "
		    "'%s'", h->hsts.error, h->value[HTTP_H_HSTS]);
	return 1;
}

static int
r_hsts_short(const struct scan_result *r, char *ev, size_t len,
    uint32_t min)
{
	const struct http_head *h = &r->http.head;

	if (!r->has_tls || !r->http.ok || h->count[HTTP_H_HSTS] == 0 || !h->hsts.valid ||
	    h->hsts.max_age >= (int64_t)min)
		return 0;
	snprintf(ev, len, "Strict-Transport-Security max-age=%lld, below "
	    "%u seconds", (long long)h->hsts.max_age, (unsigned)min);
	return 1;
}

static int
r_http_header(const struct scan_result *r, char *ev, size_t len,
    uint32_t k)
{
	const struct http_head *h = &r->http.head;

	if (!r->has_tls || !r->http.ok || k >= HTTP_H_COUNT || h->count[k] > 0 ||
	    (h->status >= 300 && h->status < 400))
		return 0;
	/* CSP frame-ancestors supersedes X-Frame-Options. */
	if (k == HTTP_H_XFO && h->frame_ancestors)
		return 0;
	snprintf(ev, len, "no %s header in the answer to GET / (status %d)",
	    http_header_name((enum http_header)k), h->status);
	return 1;
}

/* A behavioural check (tls_vuln.h) that found the server vulnerable. */
static int
r_vuln(const struct scan_result *r, char *ev, size_t len, uint32_t c)
{
	const struct vuln_verdict *v;

	if (!r->has_tls || c >= VULN_COUNT)
		return 0;
	v = &r->vuln.v[c];
	if (v->state != VULN_VULNERABLE)
		return 0;
	snprintf(ev, len, "%s: %s", vuln_check_name((enum vuln_check)c),
	    v->detail);
	return 1;
}

/* SSH rules judge only a target whose server's hello was read. */
static int
ssh_scanned(const struct scan_result *r)
{
	return r->ssh != NULL && r->ssh->scanned;
}

static int fires(const struct scan_result *, const struct profile_rule *,
    char *, size_t);

/* <any>: the evidence of every match that fires, joined by "; ". */
static int
any_fires(const struct scan_result *r, const struct profile_rule *pr,
    char *ev, size_t len)
{
	char one[sizeof(((struct finding *)0)->evidence)];
	size_t i;
	int found = 0;

	ev[0] = '\0';
	for (i = 0; i < pr->nsubs; i++) {
		one[0] = '\0';
		if (!fires(r, &pr->subs[i], one, sizeof(one)))
			continue;
		if (found++)
			ev_add(ev, len, "; ");
		ev_add(ev, len, one);
	}
	return found > 0;
}

/* Whether rule pr fires on r; the evidence goes to ev. */
static int
fires(const struct scan_result *r, const struct profile_rule *pr, char *ev,
    size_t len)
{
	const struct ssh_result *s = r->ssh;

	switch (pr->kind) {
	case MK_ANY:
		return any_fires(r, pr, ev, len);
	case MK_HSTS_MISSING:
		return r_hsts_missing(r, ev, len);
	case MK_HSTS_SHORT:
		return r_hsts_short(r, ev, len, pr->arg);
	case MK_HTTP_HEADER:
		return r_http_header(r, ev, len, pr->arg);
	case MK_VULN:
		return r_vuln(r, ev, len, pr->arg);
	case MK_VERSION:
		return version_accepted(r, ev, len, pr->arg);
	case MK_SUITES_WITH:
	case MK_SUITES_WITHOUT:
	case MK_SUITES_ALLOWED:
	case MK_SUITES_FORBIDDEN:
		return suites_with(r, ev, len, pr);
	case MK_GROUPS_ALLOWED:
		return groups_outside(r, ev, len, pr);
	case MK_DH:
		return r_dh(r, ev, len, pr->arg);
	case MK_RENEGOTIATION:
		return r_reneg(r, ev, len, 0);
	case MK_COMPRESSION:
		return r_compression(r, ev, len, 0);
	case MK_FALLBACK_SCSV:
		return r_fallback(r, ev, len);
	case MK_CERT_KEY:
		return each_cert_pred(r, ev, len, pr, p_key);
	case MK_CERT_KEY_TYPE:
		return each_cert_pred(r, ev, len, pr, p_key_type);
	case MK_CERT_SIGNATURE:
		return each_cert_pred(r, ev, len, pr, p_sig);
	case MK_CERT_EXPIRED:
		return each_cert_pred(r, ev, len, pr, p_expired);
	case MK_CERT_NOT_YET:
		return each_cert_pred(r, ev, len, pr, p_notyet);
	case MK_CERT_LIFETIME:
		return each_cert_pred(r, ev, len, pr, p_lifetime);
	case MK_CERT_UNTRUSTED:
		return each_chain(r, ev, len, CHAIN_UNTRUSTED);
	case MK_CERT_INCOMPLETE:
		return each_chain(r, ev, len, CHAIN_INCOMPLETE);
	case MK_CERT_MISMATCH:
		return each_chain(r, ev, len, CHAIN_MISMATCH);
	case MK_CERT_NO_SERVER_AUTH:
		return each_cert_pred(r, ev, len, pr, p_no_server_auth);
	case MK_CERT_KEY_USAGE:
	case MK_CERT_ORDER:
	case MK_CERT_MUST_STAPLE:
	case MK_CERT_NO_SCT:
		return chain_defect(r, ev, len, pr->kind);
	default:
		break;
	}
	if (!ssh_scanned(r))
		return 0;
	switch (pr->kind) {
	case MK_SSH_PROTOCOL1:
		return ssh_rule_protocol1(s, ev, len, 0);
	case MK_SSH_TERRAPIN:
		return ssh_rule_terrapin(s, ev, len, 0);
	case MK_SSH_OFFERS:
		return ssh_rule_offers(s, ev, len, pr->arg);
	case MK_SSH_ALLOWED:
	case MK_SSH_FORBIDDEN:
		return ssh_rule_names(s, ev, len, (enum ssh_alg_list)pr->arg,
		    pr->names, pr->nnames, pr->kind == MK_SSH_ALLOWED);
	case MK_SSH_RSA_KEY:
		return ssh_rule_rsa_key(s, ev, len, pr->arg, pr->arg2);
	case MK_SSH_AUTH:
		return ssh_rule_auth(s, ev, len, pr->arg);
	default:
		return 0;
	}
}

int
policy_evaluate(struct scan_result *r)
{
	const struct profile *pf = policy_profile();
	const struct profile_rule *pr;
	struct finding *f;
	char ev[sizeof(f->evidence)];
	size_t i, n = 0;

	free(r->findings);
	r->findings = NULL;
	r->nfindings = 0;
	if (pf == NULL)
		return -1;
	if ((f = calloc(pf->nrules, sizeof(*f))) == NULL)
		return -1;
	for (i = 0; i < pf->nrules; i++) {
		pr = &pf->rules[i];
		ev[0] = '\0';
		if (!fires(r, pr, ev, sizeof(ev)))
			continue;
		f[n].id = pr->id;
		f[n].severity = pr->severity;
		f[n].basis = pr->basis;
		f[n].cve = pr->cve;
		snprintf(f[n].evidence, sizeof(f[n].evidence), "%s", ev);
		n++;
	}
	r->findings = f;
	r->nfindings = n;
	return 0;
}

const char *
policy_cve_at(const char *cve, size_t n, char *buf, size_t len)
{
	size_t k;

	if (cve == NULL)
		return NULL;
	for (;;) {
		cve += strspn(cve, " ");
		if (*cve == '\0')
			return NULL;
		k = strcspn(cve, " ");
		if (n-- == 0)
			break;
		cve += k;
	}
	snprintf(buf, len, "%.*s", (int)k, cve);
	return buf;
}

int
policy_worst(const struct scan_result *r)
{
	size_t i;
	int w = -1;

	for (i = 0; i < r->nfindings; i++)
		if ((int)r->findings[i].severity > w)
			w = (int)r->findings[i].severity;
	return w;
}
