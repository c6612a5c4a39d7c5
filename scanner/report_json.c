/*
 * report_json.c: JSON Lines through jansson, one object per target, with
 * the field names tilsyn-scan(1) documents.  A target's object is built
 * whole, every jansson call checked, before its line is written.
 */
#include <stdio.h>

#include <jansson.h>

#include "scanner/render.h"
#include "scanner/report.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/tls/tls_report.h"

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
		    json_pack("{s:s, s:s, s:s, s:s}", "id", f->id,
		    "severity", severity_name(f->severity),
		    "evidence", f->evidence, "basis", basis_text(f->basis)));
	}
	return json_whole(a, bad);
}

/* The object of one target, or NULL when out of memory. */
static json_t *
json_target(const struct scan_result *r)
{
	json_t *o;
	char when[32];
	int bad = 0;

	render_time(r->started, when, sizeof(when));
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
	if (o == NULL)
		return NULL;
	bad |= json_object_set_new(o, "tls", r->has_tls ?
	    tls_report_json(&r->tls, &r->cert) : json_null());
	if (r->ssh != NULL)
		bad |= json_object_set_new(o, "ssh", ssh_report_json(r->ssh));
	bad |= json_object_set_new(o, "findings", json_findings(r));
	return json_whole(o, bad);
}

int
report_json(FILE *fp, const struct scan_result *res, size_t n)
{
	json_t *o;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if ((o = json_target(&res[i])) == NULL)
			return -1;
		rc = json_dumpf(o, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(o);
		if (rc == -1 || fputc('\n', fp) == EOF)
			return -1;
	}
	return fflush(fp) == 0 ? 0 : -1;
}
