/*
 * report_xml.c: the same content as the JSON report as one XML document,
 * streamed: the root <tilsyn-scan> with the run's attributes and <run>,
 * one <target> per target as it finishes, <summary>, and the end tag.
 * Each target is a libxml2 subtree (every string escaped by the
 * library), built whole, every call checked, then serialised through a
 * libxml2 text writer that also writes the envelope.
 */
#include <stdio.h>

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "scanner/render.h"
#include "scanner/profile.h"
#include "scanner/report.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/tls/tls_report.h"

/* <profile name version sha256/>: which profile judged. */
static xmlNodePtr
xml_profile(struct xml_out *x, xmlNodePtr parent)
{
	const struct profile *pf = policy_profile();
	xmlNodePtr n = xml_child(x, parent, "profile", NULL);

	xml_attr(x, n, "name", pf->name);
	xml_attr(x, n, "version", pf->version);
	xml_attr(x, n, "sha256", pf->sha256);
	return n;
}

static void
xml_target(struct xml_out *x, xmlNodePtr t, const struct scan_result *r)
{
	const struct endpoint *ep = r->ep;
	const struct finding *f;
	xmlNodePtr fs, n;
	char when[32];
	size_t k;

	xml_attr_num(x, t, "index", (long long)ep->index);
	xml_attr(x, t, "spec", ep->spec);
	xml_attr(x, t, "host", ep->host);
	/* every field is there; an empty ip means not resolved */
	xml_attr(x, t, "ip", ep->addrlen > 0 ? ep->ip : "");
	xml_attr_num(x, t, "port", ep->port);
	xml_attr(x, t, "service", r->service);
	if (ep->sni != NULL)
		xml_attr(x, t, "sni", ep->sni);
	render_time(r->started, when, sizeof(when));
	xml_attr(x, t, "started", when);
	xml_attr_num(x, t, "duration_ms", (long long)r->duration_ms);
	xml_attr_num(x, t, "connections", r->connections);
	if (r->error != NULL) {
		n = xml_child(x, t, "error", r->error);
		xml_attr(x, n, "kind", scan_errkind_name(r->error_kind));
	} else
		xml_null_child(x, t, "error");
	if (r->has_tls) {
		(void)tls_report_xml(x, t, &r->tls, &r->cert);
		if (r->server_version[0] != '\0')
			xml_attr(x, t != NULL ? xmlGetLastChild(t) : NULL,
			    "server_version", r->server_version);
		if (r->http.tried)
			(void)http_report_xml(x, t != NULL ?
			    xmlGetLastChild(t) : NULL, &r->http);
		(void)vuln_report_xml(x, t != NULL ? xmlGetLastChild(t) :
		    NULL, &r->vuln);
	} else
		xml_null_child(x, t, "tls");
	/* A failure stays in x, which the caller checks. */
	if (r->ssh != NULL)
		(void)ssh_report_xml(x, t, r->ssh);
	else
		xml_null_child(x, t, "ssh");
	fs = xml_child(x, t, "findings", NULL);
	for (k = 0; k < r->nfindings; k++) {
		f = &r->findings[k];
		n = xml_child(x, fs, "finding", f->evidence);
		xml_attr(x, n, "id", f->id);
		xml_attr(x, n, "severity", severity_name(f->severity));
		if (f->cve != NULL)
			xml_attr(x, n, "cve", f->cve);
		xml_attr(x, n, "basis", basis_text(f->basis));
	}
	/* The verdict: null when the target was not scanned. */
	n = xml_profile(x, t);
	if (r->error != NULL)
		xml_null_child(x, n, "verdict");
	else
		xml_child(x, n, "verdict", r->nfindings > 0 ? "fail" : "pass");
	for (k = 0; k < r->nfindings; k++)
		xml_child(x, n, "failed", r->findings[k].id);
}

/* Writes the subtree at node through the writer, then flushes. */
static int
put_node(struct report *rep, xmlNodePtr node)
{
	xmlTextWriterPtr w = rep->xml;
	xmlBufferPtr b;
	int rc = -1;

	if ((b = xmlBufferCreate()) == NULL)
		return -1;
	if (xmlNodeDump(b, node->doc, node, 1, 1) == -1)
		goto out;
	if (xmlTextWriterWriteRaw(w, (const xmlChar *)"\n  ") < 0 ||
	    xmlTextWriterWriteRaw(w, xmlBufferContent(b)) < 0 ||
	    xmlTextWriterFlush(w) < 0 || fflush(rep->fp) != 0)
		goto out;
	rc = 0;
out:
	xmlBufferFree(b);
	return rc;
}

/* A detached document holding one element, for building a subtree. */
static xmlNodePtr
new_elem(xmlDocPtr *docp, const char *name)
{
	xmlDocPtr doc;
	xmlNodePtr n;

	*docp = NULL;
	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	if ((n = xmlNewNode(NULL, (const xmlChar *)name)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, n);
	*docp = doc;
	return n;
}

int
report_xml_result(struct report *rep, const struct scan_result *r)
{
	struct xml_out x = { 0 };
	xmlDocPtr doc;
	xmlNodePtr t;
	int rc = -1;

	if ((t = new_elem(&doc, "target")) == NULL)
		return -1;
	xml_target(&x, t, r);
	if (!x.failed)
		rc = put_node(rep, t);
	xmlFreeDoc(doc);
	return rc;
}

int
report_xml_begin(struct report *rep, const struct report_run *run)
{
	const struct scan_config *c = run->cfg;
	struct xml_out x = { 0 };
	xmlOutputBufferPtr ob;
	xmlTextWriterPtr w;
	xmlDocPtr doc;
	xmlNodePtr n, a, o;
	char when[32], net[64];
	size_t i;
	int rc = -1;

	if ((ob = xmlOutputBufferCreateFile(rep->fp, NULL)) == NULL)
		return -1;
	if ((w = xmlNewTextWriter(ob)) == NULL) {
		xmlOutputBufferClose(ob);
		return -1;
	}
	rep->xml = w;
	render_time(run->started, when, sizeof(when));
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, (const xmlChar *)"tilsyn-scan") < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"scanner",
	    (const xmlChar *)"tilsyn-scan") < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"version",
	    (const xmlChar *)run->version) < 0 ||
	    xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"schema",
	    "%d", REPORT_SCHEMA) < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"started",
	    (const xmlChar *)when) < 0)
		return -1;
	if ((n = new_elem(&doc, "run")) == NULL)
		return -1;
	if (run->host != NULL)
		xml_attr(&x, n, "host", run->host);
	if (run->user != NULL)
		xml_attr(&x, n, "user", run->user);
	xml_attr_num(&x, n, "targets", (long long)run->targets);
	a = xml_child(&x, n, "argv", NULL);
	for (i = 0; i < (size_t)run->argc; i++)
		xml_child(&x, a, "arg", run->argv[i]);
	if (!run->scope->set)
		xml_null_child(&x, n, "scope");
	else {
		a = xml_child(&x, n, "scope", NULL);
		for (i = 0; i < run->scope->n; i++) {
			report_cidr(&run->scope->v[i], net, sizeof(net));
			xml_child(&x, a, "network", net);
		}
	}
	o = xml_child(&x, n, "options", NULL);
	xml_attr_num(&x, o, "max_inflight", c->engine.max_inflight);
	xml_attr_num(&x, o, "per_host", c->engine.per_host);
	xml_attr_num(&x, o, "delay_ms", c->engine.delay_ms);
	xml_attr_num(&x, o, "timeout_ms", c->engine.read_timeout_ms);
	xml_attr_num(&x, o, "target_timeout_ms", c->target_timeout_ms);
	xml_attr_num(&x, o, "greeting_timeout_ms", c->greeting_timeout_ms);
	xml_attr(&x, o, "fail_on", run->fail_on);
	(void)xml_profile(&x, n);
	if (!x.failed)
		rc = put_node(rep, n);
	xmlFreeDoc(doc);
	return rc;
}

int
report_xml_end(struct report *rep, const struct report_summary *s)
{
	const struct scan_stats *st = s->st;
	struct xml_out x = { 0 };
	xmlDocPtr doc;
	xmlNodePtr n, e;
	char when[32];
	int k, rc = -1;

	if ((n = new_elem(&doc, "summary")) == NULL)
		goto out;
	xml_attr_num(&x, n, "targets", (long long)s->targets);
	xml_attr_num(&x, n, "results", (long long)st->results);
	xml_attr_num(&x, n, "scanned", (long long)st->scanned);
	xml_attr_num(&x, n, "failed", (long long)st->failed);
	xml_attr_num(&x, n, "duplicates", (long long)s->duplicates);
	xml_attr_num(&x, n, "not_started", (long long)s->not_started);
	xml_attr(&x, n, "interrupted", xml_bool(st->stopped));
	xml_attr_num(&x, n, "connections", (long long)st->connections);
	render_time(s->finished, when, sizeof(when));
	xml_attr(&x, n, "finished", when);
	xml_attr_num(&x, n, "duration_ms", (long long)s->duration_ms);
	xml_attr_num(&x, n, "exit", s->exit_status);
	e = xml_child(&x, n, "errors", NULL);
	for (k = SCAN_EK_NONE + 1; k < SCAN_EK_COUNT; k++)
		xml_attr_num(&x, e, scan_errkind_name((enum scan_errkind)k),
		    (long long)st->kinds[k]);
	e = xml_profile(&x, n);
	xml_attr_num(&x, e, "pass", (long long)s->pass);
	xml_attr_num(&x, e, "fail", (long long)s->fail);
	e = xml_child(&x, n, "findings", NULL);
	for (k = SEV_CRITICAL; k >= SEV_INFO; k--)
		xml_attr_num(&x, e, severity_name((enum severity)k),
		    (long long)st->findings[k]);
	if (!x.failed && put_node(rep, n) == 0 &&
	    xmlTextWriterWriteRaw(rep->xml, (const xmlChar *)"\n") >= 0 &&
	    xmlTextWriterEndDocument(rep->xml) >= 0 &&
	    xmlTextWriterFlush(rep->xml) >= 0)
		rc = 0;
	xmlFreeDoc(doc);
out:
	report_xml_abandon(rep);
	if (fflush(rep->fp) != 0)
		rc = -1;
	return rc;
}

void
report_xml_abandon(struct report *rep)
{
	if (rep->xml != NULL) {
		xmlFreeTextWriter(rep->xml);	/* flushes, then frees */
		rep->xml = NULL;
	}
}
