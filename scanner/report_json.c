/*
 * report_json.c: JSON Lines through jansson, with the field names
 * tilsyn-scan(1) documents: a "run" object, one "result" object per
 * target, a "summary" object.  Each object is built whole, every jansson
 * call checked, before its line is written and flushed.
 */
#include <stdio.h>

#include <jansson.h>

#include "scanner/profile.h"
#include "scanner/render.h"
#include "scanner/report.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/tls/tls_report.h"

/* Writes o as one line and flushes; takes o over. */
static int
put_line(FILE *fp, json_t *o)
{
	int rc;

	if (o == NULL)
		return -1;
	rc = json_dumpf(o, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (rc == -1 || fputc('\n', fp) == EOF || fflush(fp) != 0)
		return -1;
	return 0;
}

/* The CVE ids of a finding: an array, empty when the rule names none. */
static json_t *
json_cves(const struct finding *f)
{
	char buf[32];
	json_t *a;
	size_t i;
	int bad = 0;

	if ((a = json_array()) == NULL)
		return NULL;
	for (i = 0; policy_cve_at(f->cve, i, buf, sizeof(buf)) != NULL; i++)
		bad |= json_array_append_new(a, json_string(buf));
	return json_whole(a, bad);
}

static json_t *
json_findings(const struct scan_result *r)
{
	const struct finding *f;
	json_t *a;
	size_t i;
	int bad = 0;

	if ((a = json_array()) == NULL)
		return NULL;
	for (i = 0; i < r->nfindings; i++) {
		f = &r->findings[i];
		bad |= json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", f->id,
		    "severity", severity_name(f->severity),
		    "evidence", f->evidence, "basis", basis_text(f->basis),
		    "cve", json_cves(f)));
	}
	return json_whole(a, bad);
}

/* Which profile judged: name, version, SHA-256 of its file. */
static json_t *
json_profile(void)
{
	const struct profile *pf = policy_profile();

	return json_pack("{s:s, s:s, s:s}", "name", pf->name,
	    "version", pf->version, "sha256", pf->sha256);
}

/* The summary's count of verdicts. */
static json_t *
json_tally(const struct report_summary *s)
{
	json_t *o = json_profile();
	int bad = 0;

	if (o == NULL)
		return NULL;
	bad |= json_object_set_new(o, "pass", json_integer((json_int_t)s->pass));
	bad |= json_object_set_new(o, "fail", json_integer((json_int_t)s->fail));
	return json_whole(o, bad);
}

/*
 * The profile's verdict: fail when a rule fired, null when the target
 * was not scanned (its findings, if any, are still the rules that fired).
 */
static json_t *
json_verdict(const struct scan_result *r)
{
	json_t *o, *a;
	size_t i;
	int bad = 0;

	if ((o = json_profile()) == NULL)
		return NULL;
	if ((a = json_array()) == NULL) {
		json_decref(o);
		return NULL;
	}
	for (i = 0; i < r->nfindings; i++)
		bad |= json_array_append_new(a, json_string(r->findings[i].id));
	bad |= json_object_set_new(o, "verdict", r->error != NULL ?
	    json_null() : json_string(r->nfindings > 0 ? "fail" : "pass"));
	bad |= json_object_set_new(o, "failed", a);
	return json_whole(o, bad);
}

int
report_json_result(FILE *fp, const struct scan_result *r)
{
	const struct endpoint *ep = r->ep;
	json_t *o;
	char when[32];
	int bad = 0;

	render_time(r->started, when, sizeof(when));
	o = json_pack("{s:s, s:I, s:s, s:s, s:s?, s:i, s:s, s:s?, s:s, "
	    "s:I, s:I, s:s?, s:s?}",
	    "type", "result",
	    "index", (json_int_t)ep->index,
	    "target", ep->spec,
	    "host", ep->host,
	    "ip", ep->addrlen > 0 ? ep->ip : NULL,
	    "port", (int)ep->port,
	    "service", r->service,
	    "sni", ep->sni,
	    "started", when,
	    "duration_ms", (json_int_t)r->duration_ms,
	    "connections", (json_int_t)r->connections,
	    "error", r->error,
	    "error_kind", scan_errkind_name(r->error_kind));
	if (o == NULL)
		return -1;
	bad |= json_object_set_new(o, "tls", r->has_tls ?
	    tls_report_json(&r->tls, &r->cert) : json_null());
	if (r->has_tls && r->server_version[0] != '\0' &&
	    json_object_get(o, "tls") != NULL)
		bad |= json_object_set_new(json_object_get(o, "tls"),
		    "server_version", json_string(r->server_version));
	if (r->has_tls && r->http.tried && json_object_get(o, "tls") != NULL)
		bad |= json_object_set_new(json_object_get(o, "tls"), "http",
		    http_report_json(&r->http));
	if (r->has_tls && json_object_get(o, "tls") != NULL &&
	    vuln_ran(&r->vuln))
		bad |= json_object_set_new(json_object_get(o, "tls"), "vulns",
		    vuln_report_json(&r->vuln));
	bad |= json_object_set_new(o, "ssh", r->ssh != NULL ?
	    ssh_report_json(r->ssh) : json_null());
	bad |= json_object_set_new(o, "findings", json_findings(r));
	bad |= json_object_set_new(o, "profile", json_verdict(r));
	return put_line(fp, json_whole(o, bad));
}

int
report_json_begin(FILE *fp, const struct report_run *run)
{
	const struct scan_config *c = run->cfg;
	json_t *o, *argv, *scope;
	char when[32], net[64];
	size_t i;
	int bad = 0;

	render_time(run->started, when, sizeof(when));
	if ((argv = json_strings(run->argv, (size_t)run->argc)) == NULL)
		return -1;
	if (!run->scope->set)
		scope = json_null();
	else if ((scope = json_array()) != NULL)
		for (i = 0; i < run->scope->n; i++) {
			report_cidr(&run->scope->v[i], net, sizeof(net));
			bad |= json_array_append_new(scope, json_string(net));
		}
	if (scope == NULL) {
		json_decref(argv);
		return -1;
	}
	o = json_pack("{s:s, s:s, s:s, s:i, s:s, s:o, s:s?, s:s?, s:o?, "
	    "s:I, s:{s:i, s:i, s:i, s:i, s:i, s:i, s:s}}",
	    "type", "run",
	    "scanner", "tilsyn-scan",
	    "version", run->version,
	    "schema", REPORT_SCHEMA,
	    "started", when,
	    "argv", argv,
	    "host", run->host,
	    "user", run->user,
	    "scope", scope,
	    "targets", (json_int_t)run->targets,
	    "options",
	    "max_inflight", c->engine.max_inflight,
	    "per_host", c->engine.per_host,
	    "delay_ms", c->engine.delay_ms,
	    "timeout_ms", c->engine.read_timeout_ms,
	    "target_timeout_ms", c->target_timeout_ms,
	    "greeting_timeout_ms", c->greeting_timeout_ms,
	    "fail_on", run->fail_on);
	if (o == NULL)
		return -1;
	bad |= json_object_set_new(o, "profile", json_profile());
	return put_line(fp, json_whole(o, bad));
}

int
report_json_end(FILE *fp, const struct report_summary *s)
{
	const struct scan_stats *st = s->st;
	json_t *o, *kinds, *sev;
	char when[32];
	int k, bad = 0;

	if ((kinds = json_object()) == NULL)
		return -1;
	for (k = SCAN_EK_NONE + 1; k < SCAN_EK_COUNT; k++)
		bad |= json_object_set_new(kinds,
		    scan_errkind_name((enum scan_errkind)k),
		    json_integer((json_int_t)st->kinds[k]));
	if ((sev = json_object()) == NULL) {
		json_decref(kinds);
		return -1;
	}
	for (k = SEV_CRITICAL; k >= SEV_INFO; k--)
		bad |= json_object_set_new(sev,
		    severity_name((enum severity)k),
		    json_integer((json_int_t)st->findings[k]));
	render_time(s->finished, when, sizeof(when));
	o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:o, s:o, "
	    "s:I, s:s, s:I, s:i}",
	    "type", "summary",
	    "targets", (json_int_t)s->targets,
	    "results", (json_int_t)st->results,
	    "scanned", (json_int_t)st->scanned,
	    "failed", (json_int_t)st->failed,
	    "duplicates", (json_int_t)s->duplicates,
	    "not_started", (json_int_t)s->not_started,
	    "interrupted", st->stopped,
	    "errors", kinds,
	    "findings", sev,
	    "connections", (json_int_t)st->connections,
	    "finished", when,
	    "duration_ms", (json_int_t)s->duration_ms,
	    "exit", s->exit_status);
	if (o == NULL)
		return -1;
	bad |= json_object_set_new(o, "profile", json_tally(s));
	return put_line(fp, json_whole(o, bad));
}
