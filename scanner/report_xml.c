/*
 * report_xml.c: the same content as the JSON report as one XML document
 * (libxml2 tree, so every string is escaped by the library), for XSLT
 * templates and archiving.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "scanner/report.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/tls/tls_suites.h"

static xmlNodePtr
child(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)text);
}

static void
attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void
attr_num(xmlNodePtr n, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	attr(n, name, buf);
}

/* An element that stands for a JSON null: present, marked null="true". */
static xmlNodePtr
null_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = child(parent, name, NULL);

	attr(n, "null", "true");
	return n;
}

static const char *
tri(int v)
{
	return v < 0 ? "unknown" : v ? "true" : "false";
}

static void
xml_certs(xmlNodePtr tls, const struct cert_result *c)
{
	const struct cert_info *ci;
	const struct cert_chain *ch;
	xmlNodePtr cs, x, n;
	size_t i, k;

	cs = child(tls, "certificates", NULL);
	if (c->nchains == 0 && c->error[0] != '\0')
		attr(cs, "error", c->error);
	for (k = 0; k < c->nchains; k++) {
		ch = &c->chains[k];
		x = child(cs, "chain", NULL);
		attr(x, "key_type", ch->key_type);
		attr(x, "version", ch->version);
		attr(x, "valid", tri(ch->valid));
		if (!ch->valid)
			attr(x, "verify_error", ch->verify_error);
		attr(x, "incomplete", tri(ch->incomplete));
		attr(x, "hostname_match", tri(ch->hostname_match));
		attr(x, "ocsp_stapled", tri(ch->ocsp_stapled));
		for (i = 0; i < c->ncerts; i++) {
			ci = &c->certs[i];
			if (ci->chain != (int)k)
				continue;
			n = child(x, "certificate", NULL);
			attr_num(n, "position", ci->position);
			child(n, "subject", ci->subject);
			child(n, "issuer", ci->issuer);
			child(n, "not_before", ci->not_before);
			child(n, "not_after", ci->not_after);
			attr_num(child(n, "days_left", NULL), "value",
			    ci->days_left);
			attr_num(child(n, "key", ci->key_type), "bits",
			    ci->key_bits);
			child(n, "signature_algorithm", ci->sig_alg);
			for (size_t s = 0; s < ci->nsan; s++)
				child(n, "san", ci->san[s]);
			child(n, "sha256", ci->sha256);
		}
	}
}

static void
xml_tls(xmlNodePtr t, const struct scan_result *r)
{
	const struct tls_enum_result *e = &r->tls;
	struct cert_summary cs;
	xmlNodePtr tls, vs, v, gs, n;
	char name[32];
	const char *g;
	size_t i;
	int k;

	tls = child(t, "tls", NULL);
	vs = child(tls, "versions", NULL);
	for (k = 0; k < TLS_V_COUNT; k++) {
		v = child(vs, "version", NULL);
		attr(v, "name", tls_version_name(k));
		attr(v, "accepted", tri(e->versions[k]));
		if (!e->versions[k])
			continue;
		attr(v, "server_order", tri(e->server_order[k]));
		for (i = 0; i < e->nsuites[k]; i++)
			child(v, "suite", tls_suite_name(e->suites[k][i], name,
			    sizeof(name)));
	}
	gs = child(tls, "groups", NULL);
	for (i = 0; i < e->ngroups; i++) {
		if ((g = tls_group_name(e->groups[i])) == NULL) {
			snprintf(name, sizeof(name), "0x%04x", e->groups[i]);
			g = name;
		}
		child(gs, "group", g);
	}
	if (e->dh_bits != 0)
		attr_num(child(tls, "dh_bits", NULL), "value", e->dh_bits);
	else
		null_child(tls, "dh_bits");
	report_cert_summary(&r->cert, &cs);
	child(tls, "chain_valid", tri(cs.valid));
	if (cs.verify_error != NULL)
		child(tls, "verify_error", cs.verify_error);
	else
		null_child(tls, "verify_error");
	child(tls, "hostname_match", tri(cs.hostname_match));
	child(tls, "ocsp_stapled", tri(cs.ocsp_stapled));
	child(tls, "secure_renegotiation", tri(e->secure_renegotiation));
	child(tls, "compression", tri(e->compression));
	n = child(tls, "fallback_scsv", tri(e->fallback_scsv));
	if (tls_fallback_reason(e) != NULL)
		attr(n, "reason", tls_fallback_reason(e));
	xml_certs(tls, &r->cert);
}

int
report_xml(FILE *fp, const struct scan_result *res, size_t n)
{
	const struct scan_result *r;
	const struct finding *f;
	xmlDocPtr doc;
	xmlNodePtr root, t, fs, x;
	char when[32];
	size_t i, k;
	int rc;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return -1;
	root = xmlNewNode(NULL, (const xmlChar *)"tilsyn-scan");
	xmlDocSetRootElement(doc, root);
	for (i = 0; i < n; i++) {
		r = &res[i];
		t = child(root, "target", NULL);
		attr(t, "spec", r->target->spec);
		attr(t, "host", r->target->host);
		/* every field is there; an empty ip means not resolved */
		attr(t, "ip", r->target->naddr > 0 ? r->target->ip : "");
		attr_num(t, "port", r->target->port);
		attr(t, "service", r->service);
		report_time(r->started, when, sizeof(when));
		attr(t, "started", when);
		attr_num(t, "duration_ms", (long long)r->duration_ms);
		attr_num(t, "connections", r->connections);
		if (r->error != NULL)
			child(t, "error", r->error);
		else
			null_child(t, "error");
		if (r->has_tls)
			xml_tls(t, r);
		else
			null_child(t, "tls");
		if (r->ssh != NULL && ssh_report_xml(t, r->ssh) != 0) {
			xmlFreeDoc(doc);
			return -1;
		}
		fs = child(t, "findings", NULL);
		for (k = 0; k < r->nfindings; k++) {
			f = &r->findings[k];
			x = child(fs, "finding", f->evidence);
			attr(x, "id", f->id);
			attr(x, "severity", severity_name(f->severity));
			attr(x, "basis", basis_text(f->basis));
		}
	}
	rc = xmlDocFormatDump(fp, doc, 1) < 0 ? -1 : 0;
	xmlFreeDoc(doc);
	if (fflush(fp) != 0)
		rc = -1;
	return rc;
}
