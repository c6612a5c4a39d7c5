/*
 * report_xml.c: the same content as the JSON report as one XML document
 * (a libxml2 tree, so every string is escaped by the library), for XSLT
 * templates and archiving.  The whole tree is built, every call checked,
 * before anything is written.
 */
#include <stdio.h>

#include <libxml/tree.h>

#include "scanner/render.h"
#include "scanner/report.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/tls/tls_report.h"

static void
xml_target(struct xml_out *x, xmlNodePtr root, const struct scan_result *r)
{
	const struct finding *f;
	xmlNodePtr t, fs, n;
	char when[32];
	size_t k;

	t = xml_child(x, root, "target", NULL);
	xml_attr(x, t, "spec", r->target->spec);
	xml_attr(x, t, "host", r->target->host);
	/* every field is there; an empty ip means not resolved */
	xml_attr(x, t, "ip", r->target->naddr > 0 ? r->target->ip : "");
	xml_attr_num(x, t, "port", r->target->port);
	xml_attr(x, t, "service", r->service);
	render_time(r->started, when, sizeof(when));
	xml_attr(x, t, "started", when);
	xml_attr_num(x, t, "duration_ms", (long long)r->duration_ms);
	xml_attr_num(x, t, "connections", r->connections);
	if (r->error != NULL)
		xml_child(x, t, "error", r->error);
	else
		xml_null_child(x, t, "error");
	if (r->has_tls)
		(void)tls_report_xml(x, t, &r->tls, &r->cert);
	else
		xml_null_child(x, t, "tls");
	/* A failure stays in x, which report_xml() checks. */
	if (r->ssh != NULL)
		(void)ssh_report_xml(x, t, r->ssh);
	fs = xml_child(x, t, "findings", NULL);
	for (k = 0; k < r->nfindings; k++) {
		f = &r->findings[k];
		n = xml_child(x, fs, "finding", f->evidence);
		xml_attr(x, n, "id", f->id);
		xml_attr(x, n, "severity", severity_name(f->severity));
		xml_attr(x, n, "basis", basis_text(f->basis));
	}
}

int
report_xml(FILE *fp, const struct scan_result *res, size_t n)
{
	struct xml_out x = { 0 };
	xmlDocPtr doc;
	xmlNodePtr root;
	size_t i;
	int rc = -1;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return -1;
	if ((root = xmlNewNode(NULL, (const xmlChar *)"tilsyn-scan")) == NULL)
		goto out;
	xmlDocSetRootElement(doc, root);
	for (i = 0; i < n && !x.failed; i++)
		xml_target(&x, root, &res[i]);
	if (x.failed || xmlDocFormatDump(fp, doc, 1) < 0)
		goto out;
	rc = 0;
out:
	xmlFreeDoc(doc);
	if (fflush(fp) != 0)
		rc = -1;
	return rc;
}
