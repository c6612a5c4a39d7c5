/*
 * report_json.c: JSON Lines through jansson, one object per target, with
 * the field names of the issue (tilsyn-scan(1) documents them).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "scanner/report.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/tls/tls_suites.h"

void
report_time(int64_t t, char *buf, size_t len)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}

void
report_cert_summary(const struct cert_result *c, struct cert_summary *s)
{
	size_t i;

	s->valid = s->hostname_match = s->ocsp_stapled = -1;
	s->verify_error = NULL;
	for (i = 0; i < c->nchains; i++) {
		s->valid = (s->valid == -1 ? 1 : s->valid) &&
		    c->chains[i].valid;
		if (!c->chains[i].valid && s->verify_error == NULL)
			s->verify_error = c->chains[i].verify_error;
		if (c->chains[i].hostname_match >= 0)
			s->hostname_match = (s->hostname_match == -1 ? 1 :
			    s->hostname_match) && c->chains[i].hostname_match;
		s->ocsp_stapled = (s->ocsp_stapled == -1 ? 0 :
		    s->ocsp_stapled) || c->chains[i].ocsp_stapled;
	}
}

static json_t *
tri(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

static json_t *
json_certs(const struct cert_result *c)
{
	const struct cert_info *ci;
	json_t *a, *o, *san;
	size_t i, k;

	if ((a = json_array()) == NULL)
		return NULL;
	for (i = 0; i < c->ncerts; i++) {
		ci = &c->certs[i];
		if ((san = json_array()) == NULL)
			goto fail;
		for (k = 0; k < ci->nsan; k++)
			json_array_append_new(san, json_string(ci->san[k]));
		o = json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:I, s:s, s:i, "
		    "s:s, s:o, s:s, s:b}",
		    "key_type_requested", c->chains[ci->chain].key_type,
		    "position", ci->position,
		    "subject", ci->subject != NULL ? ci->subject : "",
		    "issuer", ci->issuer != NULL ? ci->issuer : "",
		    "not_before", ci->not_before,
		    "not_after", ci->not_after,
		    "days_left", (json_int_t)ci->days_left,
		    "key_type", ci->key_type,
		    "key_bits", ci->key_bits,
		    "signature_algorithm", ci->sig_alg,
		    "san", san,
		    "sha256", ci->sha256,
		    "self_signed", ci->self_signed);
		if (o == NULL || json_array_append_new(a, o) == -1)
			goto fail;
	}
	return a;
fail:
	json_decref(a);
	return NULL;
}

static json_t *
json_tls(const struct scan_result *r)
{
	const struct tls_enum_result *t = &r->tls;
	const struct cert_result *c = &r->cert;
	json_t *o, *vers, *suites, *order, *arr, *groups, *certs;
	struct cert_summary cs;
	char name[32];
	const char *g;
	size_t i;
	int v;

	o = json_object();
	vers = json_object();
	suites = json_object();
	order = json_object();
	groups = json_array();
	if (o == NULL || vers == NULL || suites == NULL || order == NULL ||
	    groups == NULL)
		goto fail;
	for (v = 0; v < TLS_V_COUNT; v++) {
		json_object_set_new(vers, tls_version_name(v),
		    json_boolean(t->versions[v]));
		if (!t->versions[v])
			continue;
		if ((arr = json_array()) == NULL)
			goto fail;
		for (i = 0; i < t->nsuites[v]; i++)
			json_array_append_new(arr, json_string(
			    tls_suite_name(t->suites[v][i], name,
			    sizeof(name))));
		json_object_set_new(suites, tls_version_name(v), arr);
		json_object_set_new(order, tls_version_name(v),
		    tri(t->server_order[v]));
	}
	for (i = 0; i < t->ngroups; i++) {
		if ((g = tls_group_name(t->groups[i])) == NULL) {
			snprintf(name, sizeof(name), "0x%04x", t->groups[i]);
			g = name;
		}
		json_array_append_new(groups, json_string(g));
	}
	report_cert_summary(c, &cs);
	if ((certs = json_certs(c)) == NULL)
		goto fail;
	json_object_set_new(o, "versions", vers);
	json_object_set_new(o, "suites", suites);
	json_object_set_new(o, "server_order", order);
	json_object_set_new(o, "groups", groups);
	json_object_set_new(o, "dh_bits", t->dh_bits != 0 ?
	    json_integer(t->dh_bits) : json_null());
	json_object_set_new(o, "certificates", certs);
	json_object_set_new(o, "certificate_error", c->nchains == 0 &&
	    c->error[0] != '\0' ? json_string(c->error) : json_null());
	json_object_set_new(o, "chain_valid", tri(cs.valid));
	json_object_set_new(o, "verify_error", cs.verify_error != NULL ?
	    json_string(cs.verify_error) : json_null());
	json_object_set_new(o, "hostname_match", tri(cs.hostname_match));
	json_object_set_new(o, "ocsp_stapled", tri(cs.ocsp_stapled));
	json_object_set_new(o, "secure_renegotiation",
	    tri(t->secure_renegotiation));
	json_object_set_new(o, "compression", tri(t->compression));
	json_object_set_new(o, "fallback_scsv", tri(t->fallback_scsv));
	json_object_set_new(o, "fallback_scsv_reason",
	    tls_fallback_reason(t) != NULL ?
	    json_string(tls_fallback_reason(t)) : json_null());
	json_object_set_new(o, "floor", json_integer(t->floor));
	return o;
fail:
	json_decref(o);
	json_decref(vers);
	json_decref(suites);
	json_decref(order);
	json_decref(groups);
	return NULL;
}

static json_t *
json_findings(const struct scan_result *r)
{
	const struct finding *f;
	json_t *a, *o;
	size_t i;

	if ((a = json_array()) == NULL)
		return NULL;
	for (i = 0; i < r->nfindings; i++) {
		f = &r->findings[i];
		o = json_pack("{s:s, s:s, s:s, s:s}", "id", f->id,
		    "severity", severity_name(f->severity),
		    "evidence", f->evidence,
		    "basis", basis_text(f->basis));
		if (o == NULL || json_array_append_new(a, o) == -1) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

int
report_json(FILE *fp, const struct scan_result *res, size_t n)
{
	const struct scan_result *r;
	json_t *o, *tls, *fs;
	char when[32];
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		r = &res[i];
		report_time(r->started, when, sizeof(when));
		tls = r->has_tls ? json_tls(r) : json_null();
		fs = json_findings(r);
		o = json_pack("{s:s, s:s, s:s?, s:i, s:s, s:s, s:I, s:I, s:s?}",
		    "target", r->target->spec,
		    "host", r->target->host,
		    "ip", r->target->naddr > 0 ? r->target->ip : NULL,
		    "port", (int)r->target->port,
		    "service", r->service,
		    "started", when,
		    "duration_ms", (json_int_t)r->duration_ms,
		    "connections", (json_int_t)r->connections,
		    "error", r->error);
		if (o == NULL || tls == NULL || fs == NULL) {
			json_decref(o);
			json_decref(tls);
			json_decref(fs);
			return -1;
		}
		json_object_set_new(o, "tls", tls);
		if (r->ssh != NULL && json_object_set_new(o, "ssh",
		    ssh_report_json(r->ssh)) != 0) {
			json_decref(o);
			json_decref(fs);
			return -1;
		}
		json_object_set_new(o, "findings", fs);
		rc = json_dumpf(o, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(o);
		if (rc == -1 || fputc('\n', fp) == EOF)
			return -1;
	}
	return fflush(fp) == 0 ? 0 : -1;
}
