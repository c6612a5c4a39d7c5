/*
 * tls_report.c: renders a target's TLS observations and certificates
 * (see tls_report.h).  Strings from the server (names in certificates)
 * were made printable UTF-8 by tls_cert.c; jansson and libxml2 escape
 * them.  Every jansson and libxml2 call is checked.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "scanner/render.h"
#include "scanner/tls/tls_dhprimes.h"
#include "scanner/tls/tls_report.h"
#include "scanner/tls/tls_suites.h"

/* The certificate verdicts over every chain fetched (-1 = unknown). */
struct cert_summary {
	int		 valid;		/* every chain verifies */
	const char	*verify_error;	/* of the first failing chain */
	int		 hostname_match;
	int		 ocsp_stapled;
};

static void
cert_summary(const struct cert_result *c, struct cert_summary *s)
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

/* The certificate error worth showing: only when no chain came. */
static const char *
cert_error(const struct cert_result *c)
{
	return c->nchains == 0 && c->error[0] != '\0' ? c->error : NULL;
}

/* The group's IANA name, or its code in hex when the table has none. */
static const char *
group_label(uint16_t code, char *buf, size_t len)
{
	const struct tls_group *g;

	if ((g = tls_group_by_code(code)) != NULL)
		return g->name;
	snprintf(buf, len, "0x%04x", code);
	return buf;
}

const char *
tls_fallback_reason(const struct tls_enum_result *r)
{
	if (r->fallback_scsv == 1 && r->fallback_closed)
		return "refused by closing the connection";
	if (r->fallback_scsv != TLS_UNKNOWN)
		return NULL;
	switch (r->fallback_why) {
	case TLS_FB_ONE_VERSION:
		return "fewer than two protocol versions accepted";
	case TLS_FB_NO_ANSWER:
		return "no answer to the fallback hello";
	case TLS_FB_OTHER_ALERT:
		return "the fallback hello was refused with another alert";
	case TLS_FB_THROTTLED:
		return "the server kept pushing back (throttled)";
	case TLS_FB_NOT_TESTED:
	default:
		return "not tested";
	}
}

/* JSON ------------------------------------------------------------------ */

static json_t *
json_tri(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

static json_t *
json_cert(const struct cert_result *c, const struct cert_info *ci)
{
	json_t *o;
	int bad = 0;

	if ((o = json_object()) == NULL)
		return NULL;
	bad |= json_object_set_new(o, "key_type_requested",
	    json_string(c->chains[ci->chain].key_type));
	bad |= json_object_set_new(o, "position", json_integer(ci->position));
	bad |= json_object_set_new(o, "subject",
	    json_string(ci->subject != NULL ? ci->subject : ""));
	bad |= json_object_set_new(o, "issuer",
	    json_string(ci->issuer != NULL ? ci->issuer : ""));
	bad |= json_object_set_new(o, "not_before",
	    json_string(ci->not_before));
	bad |= json_object_set_new(o, "not_after", json_string(ci->not_after));
	bad |= json_object_set_new(o, "days_left",
	    json_integer((json_int_t)ci->days_left));
	bad |= json_object_set_new(o, "key_type", json_string(ci->key_type));
	bad |= json_object_set_new(o, "key_bits", json_integer(ci->key_bits));
	bad |= json_object_set_new(o, "signature_algorithm",
	    json_string(ci->sig_alg));
	bad |= json_object_set_new(o, "san", json_strings(ci->san, ci->nsan));
	bad |= json_object_set_new(o, "sha256", json_string(ci->sha256));
	bad |= json_object_set_new(o, "self_signed",
	    json_boolean(ci->self_signed));
	return json_whole(o, bad);
}

/* Per version: accepted, and for those accepted their suites and order. */
static int
json_versions(json_t *o, const struct tls_enum_result *t)
{
	json_t *vers, *suites, *order, *arr;
	char name[32];
	size_t i;
	int v, bad = 0;

	vers = json_object();
	suites = json_object();
	order = json_object();
	for (v = 0; v < TLS_V_COUNT; v++) {
		bad |= json_object_set_new(vers, tls_version_name(v),
		    json_boolean(t->versions[v]));
		if (!t->versions[v])
			continue;
		if ((arr = json_array()) != NULL)
			for (i = 0; i < t->nsuites[v]; i++)
				bad |= json_array_append_new(arr,
				    json_string(tls_suite_name(t->suites[v][i],
				    name, sizeof(name))));
		bad |= json_object_set_new(suites, tls_version_name(v), arr);
		bad |= json_object_set_new(order, tls_version_name(v),
		    json_tri(t->server_order[v]));
	}
	bad |= json_object_set_new(o, "versions", vers);
	bad |= json_object_set_new(o, "suites", suites);
	bad |= json_object_set_new(o, "server_order", order);
	return bad;
}

json_t *
tls_report_json(const struct tls_enum_result *t, const struct cert_result *c)
{
	json_t *o, *groups, *certs, *ci;
	struct cert_summary cs;
	char name[32];
	size_t i;
	int bad = 0;

	if ((o = json_object()) == NULL)
		return NULL;
	bad |= json_versions(o, t);
	if ((groups = json_array()) != NULL)
		for (i = 0; i < t->ngroups; i++)
			bad |= json_array_append_new(groups, json_string(
			    group_label(t->groups[i], name, sizeof(name))));
	bad |= json_object_set_new(o, "groups", groups);
	bad |= json_object_set_new(o, "dh_bits", t->dh_bits != 0 ?
	    json_integer(t->dh_bits) : json_null());
	bad |= json_object_set_new(o, "dh_prime",
	    tls_dhprime_by_id(t->dh_known) != NULL ?
	    json_string(tls_dhprime_by_id(t->dh_known)->name) : json_null());
	if ((certs = json_array()) != NULL)
		for (i = 0; i < c->ncerts; i++) {
			ci = json_cert(c, &c->certs[i]);
			bad |= json_array_append_new(certs, ci);
		}
	bad |= json_object_set_new(o, "certificates", certs);
	bad |= json_object_set_new(o, "certificate_error",
	    json_str_or_null(cert_error(c)));
	cert_summary(c, &cs);
	bad |= json_object_set_new(o, "chain_valid", json_tri(cs.valid));
	bad |= json_object_set_new(o, "verify_error",
	    json_str_or_null(cs.verify_error));
	bad |= json_object_set_new(o, "hostname_match",
	    json_tri(cs.hostname_match));
	bad |= json_object_set_new(o, "ocsp_stapled",
	    json_tri(cs.ocsp_stapled));
	bad |= json_object_set_new(o, "secure_renegotiation",
	    json_tri(t->secure_renegotiation));
	bad |= json_object_set_new(o, "compression", json_tri(t->compression));
	bad |= json_object_set_new(o, "fallback_scsv",
	    json_tri(t->fallback_scsv));
	bad |= json_object_set_new(o, "fallback_scsv_reason",
	    json_str_or_null(tls_fallback_reason(t)));
	bad |= json_object_set_new(o, "floor", json_integer(t->floor));
	return json_whole(o, bad);
}

/* XML ------------------------------------------------------------------- */

/*
 * A tri-state element: "true" or "false", and for unknown the same null
 * as every other (xml_null_child(): null="true"), never the text.
 */
static xmlNodePtr
xml_tri_child(struct xml_out *x, xmlNodePtr parent, const char *name, int v)
{
	return v < 0 ? xml_null_child(x, parent, name) :
	    xml_child(x, parent, name, xml_bool(v));
}

/* A tri-state attribute: left out when unknown (an attribute has no
   null="true"). */
static void
xml_tri_attr(struct xml_out *x, xmlNodePtr n, const char *name, int v)
{
	if (v >= 0)
		xml_attr(x, n, name, xml_bool(v));
}

static void
xml_cert(struct xml_out *x, xmlNodePtr chain, const struct cert_info *ci)
{
	xmlNodePtr n;
	size_t s;

	n = xml_child(x, chain, "certificate", NULL);
	xml_attr_num(x, n, "position", ci->position);
	xml_child(x, n, "subject", ci->subject);
	xml_child(x, n, "issuer", ci->issuer);
	xml_child(x, n, "not_before", ci->not_before);
	xml_child(x, n, "not_after", ci->not_after);
	xml_attr_num(x, xml_child(x, n, "days_left", NULL), "value",
	    ci->days_left);
	xml_attr_num(x, xml_child(x, n, "key", ci->key_type), "bits",
	    ci->key_bits);
	xml_child(x, n, "signature_algorithm", ci->sig_alg);
	for (s = 0; s < ci->nsan; s++)
		xml_child(x, n, "san", ci->san[s]);
	xml_child(x, n, "sha256", ci->sha256);
}

static void
xml_certs(struct xml_out *x, xmlNodePtr tls, const struct cert_result *c)
{
	const struct cert_chain *ch;
	xmlNodePtr cs, n;
	size_t i, k;

	cs = xml_child(x, tls, "certificates", NULL);
	if (cert_error(c) != NULL)
		xml_attr(x, cs, "error", cert_error(c));
	for (k = 0; k < c->nchains; k++) {
		ch = &c->chains[k];
		n = xml_child(x, cs, "chain", NULL);
		xml_attr(x, n, "key_type", ch->key_type);
		xml_attr(x, n, "version", ch->version);
		xml_tri_attr(x, n, "valid", ch->valid);
		if (!ch->valid)
			xml_attr(x, n, "verify_error", ch->verify_error);
		xml_tri_attr(x, n, "incomplete", ch->incomplete);
		xml_tri_attr(x, n, "hostname_match", ch->hostname_match);
		xml_tri_attr(x, n, "ocsp_stapled", ch->ocsp_stapled);
		for (i = 0; i < c->ncerts; i++)
			if (c->certs[i].chain == (int)k)
				xml_cert(x, n, &c->certs[i]);
	}
}

int
tls_report_xml(struct xml_out *x, xmlNodePtr parent,
    const struct tls_enum_result *e, const struct cert_result *c)
{
	struct cert_summary cs;
	xmlNodePtr tls, vs, v, gs, n;
	char name[32];
	size_t i;
	int k;

	tls = xml_child(x, parent, "tls", NULL);
	vs = xml_child(x, tls, "versions", NULL);
	for (k = 0; k < TLS_V_COUNT; k++) {
		v = xml_child(x, vs, "version", NULL);
		xml_attr(x, v, "name", tls_version_name(k));
		xml_attr(x, v, "accepted", xml_bool(e->versions[k]));
		if (!e->versions[k])
			continue;
		xml_tri_attr(x, v, "server_order", e->server_order[k]);
		for (i = 0; i < e->nsuites[k]; i++)
			xml_child(x, v, "suite", tls_suite_name(e->suites[k][i],
			    name, sizeof(name)));
	}
	gs = xml_child(x, tls, "groups", NULL);
	for (i = 0; i < e->ngroups; i++)
		xml_child(x, gs, "group", group_label(e->groups[i], name,
		    sizeof(name)));
	if (e->dh_bits != 0) {
		xmlNodePtr dh = xml_child(x, tls, "dh_bits", NULL);

		xml_attr_num(x, dh, "value", e->dh_bits);
		if (tls_dhprime_by_id(e->dh_known) != NULL)
			xml_attr(x, dh, "prime",
			    tls_dhprime_by_id(e->dh_known)->name);
	} else
		xml_null_child(x, tls, "dh_bits");
	cert_summary(c, &cs);
	xml_tri_child(x, tls, "chain_valid", cs.valid);
	if (cs.verify_error != NULL)
		xml_child(x, tls, "verify_error", cs.verify_error);
	else
		xml_null_child(x, tls, "verify_error");
	xml_tri_child(x, tls, "hostname_match", cs.hostname_match);
	xml_tri_child(x, tls, "ocsp_stapled", cs.ocsp_stapled);
	xml_tri_child(x, tls, "secure_renegotiation",
	    e->secure_renegotiation);
	xml_tri_child(x, tls, "compression", e->compression);
	n = xml_tri_child(x, tls, "fallback_scsv", e->fallback_scsv);
	if (tls_fallback_reason(e) != NULL)
		xml_attr(x, n, "reason", tls_fallback_reason(e));
	xml_certs(x, tls, c);
	return x->failed ? -1 : 0;
}

/* Text ------------------------------------------------------------------ */

static const char *
yesno(int v)
{
	return v < 0 ? "unknown" : v ? "yes" : "no";
}

static void
text_chain(FILE *fp, const struct cert_result *c, size_t k)
{
	const struct cert_chain *chn = &c->chains[k];
	const struct cert_info *ci;
	size_t i;

	fprintf(fp, "  certificate chain (%s, %s): %s%s%s, host name "
	    "%s, OCSP stapled: %s\n", chn->key_type, chn->version,
	    chn->valid ? "valid" : "not valid: ", chn->verify_error,
	    chn->incomplete ? " (incomplete chain)" : "",
	    chn->hostname_match < 0 ? "not checked" :
	    chn->hostname_match ? "matches" : "does not match",
	    yesno(chn->ocsp_stapled));
	for (i = 0; i < c->ncerts; i++) {
		ci = &c->certs[i];
		if (ci->chain != (int)k)
			continue;
		fprintf(fp, "    [%d] %s\n", ci->position, ci->subject);
		fprintf(fp, "        issuer %s\n", ci->issuer);
		fprintf(fp, "        valid %s to %s (%ld days left)\n",
		    ci->not_before, ci->not_after, ci->days_left);
		fprintf(fp, "        %s %d bits, %s\n", ci->key_type,
		    ci->key_bits, ci->sig_alg);
		fprintf(fp, "        SHA-256 %s\n", ci->sha256);
	}
}

int
tls_report_text(FILE *fp, const struct tls_enum_result *t,
    const struct cert_result *c)
{
	const char *why = tls_fallback_reason(t);
	char name[32];
	size_t i, k;
	int v;

	for (v = TLS_V_COUNT - 1; v >= 0; v--) {
		if (!t->versions[v]) {
			fprintf(fp, "  %-8s no\n", tls_version_name(v));
			continue;
		}
		fprintf(fp, "  %-8s yes, %u suites, server order: %s\n",
		    tls_version_name(v), (unsigned)t->nsuites[v],
		    yesno(t->server_order[v]));
		for (i = 0; i < t->nsuites[v]; i++)
			fprintf(fp, "    %s\n", tls_suite_name(t->suites[v][i],
			    name, sizeof(name)));
	}
	fprintf(fp, "  groups:");
	for (i = 0; i < t->ngroups; i++)
		fprintf(fp, "%s %s", i > 0 ? "," : "",
		    group_label(t->groups[i], name, sizeof(name)));
	fprintf(fp, "%s\n", t->ngroups == 0 ? " none" : "");
	if (t->dh_bits != 0)
		fprintf(fp, "  DHE group: %u bits%s%s%s\n", (unsigned)t->dh_bits,
		    tls_dhprime_by_id(t->dh_known) != NULL ? " (" : "",
		    tls_dhprime_by_id(t->dh_known) != NULL ?
		    tls_dhprime_by_id(t->dh_known)->name : "",
		    tls_dhprime_by_id(t->dh_known) != NULL ? ")" : "");
	fprintf(fp, "  secure renegotiation: %s, compression: %s, "
	    "fallback SCSV: %s%s%s%s\n", yesno(t->secure_renegotiation),
	    yesno(t->compression), yesno(t->fallback_scsv),
	    why != NULL ? " (" : "", why != NULL ? why : "",
	    why != NULL ? ")" : "");
	if (cert_error(c) != NULL)
		fprintf(fp, "  certificate: not obtained (%s)\n", c->error);
	for (k = 0; k < c->nchains; k++)
		text_chain(fp, c, k);
	return ferror(fp) ? -1 : 0;
}

/* HTTP headers (tls_http.h) ---------------------------------------------- */

/* The headers reported by name; Location only with a redirect. */
static int
http_redirect(const struct http_head *h)
{
	return h->status >= 300 && h->status < 400;
}

json_t *
http_report_json(const struct http_result *hr)
{
	const struct http_head *h = &hr->head;
	json_t *o, *hs, *hd;
	int bad = 0, k;

	if ((o = json_object()) == NULL)
		return NULL;
	bad |= json_object_set_new(o, "status", hr->ok ?
	    json_integer(h->status) : json_null());
	bad |= json_object_set_new(o, "error", hr->ok ? json_null() :
	    json_string(hr->error));
	if (hr->ok && h->count[HTTP_H_HSTS] > 0) {
		hs = json_pack("{s:o,s:b,s:b,s:b,s:s?,s:i}",
		    "max_age", h->hsts.valid ? json_integer(h->hsts.max_age) :
		    json_null(),
		    "include_subdomains", h->hsts.include_subdomains,
		    "preload", h->hsts.preload,
		    "valid", h->hsts.valid,
		    "error", h->hsts.valid ? NULL : h->hsts.error,
		    "fields", (int)h->count[HTTP_H_HSTS]);
		bad |= hs == NULL;
	} else
		hs = json_null();
	bad |= json_object_set_new(o, "hsts", hs);
	if ((hd = json_object()) != NULL)
		for (k = 0; hr->ok && k < HTTP_H_COUNT; k++)
			bad |= json_object_set_new(hd, http_header_name(k),
			    h->count[k] > 0 ? json_string(h->value[k]) :
			    json_null());
	bad |= json_object_set_new(o, "headers", hr->ok ? hd :
	    (json_decref(hd), json_null()));
	bad |= json_object_set_new(o, "frame_ancestors", hr->ok &&
	    h->frame_ancestors ? json_string(h->frame_ancestors_value) :
	    json_null());
	bad |= json_object_set_new(o, "redirect", json_boolean(hr->ok &&
	    http_redirect(h)));
	return json_whole(o, bad);
}

int
http_report_xml(struct xml_out *x, xmlNodePtr tls, const struct http_result *hr)
{
	const struct http_head *h = &hr->head;
	xmlNodePtr n, hs, hd, e;
	int k;

	n = xml_child(x, tls, "http", NULL);
	if (!hr->ok) {
		xml_child(x, n, "error", hr->error);
		return x->failed ? -1 : 0;
	}
	xml_attr_num(x, n, "status", h->status);
	xml_attr(x, n, "redirect", xml_bool(http_redirect(h)));
	if (h->count[HTTP_H_HSTS] > 0) {
		hs = xml_child(x, n, "hsts", NULL);
		xml_attr(x, hs, "valid", xml_bool(h->hsts.valid));
		if (h->hsts.valid)
			xml_attr_num(x, hs, "max_age", h->hsts.max_age);
		else
			xml_attr(x, hs, "error", h->hsts.error);
		xml_attr(x, hs, "include_subdomains",
		    xml_bool(h->hsts.include_subdomains));
		xml_attr(x, hs, "preload", xml_bool(h->hsts.preload));
		xml_attr_num(x, hs, "fields", h->count[HTTP_H_HSTS]);
	} else
		xml_null_child(x, n, "hsts");
	hd = xml_child(x, n, "headers", NULL);
	for (k = 0; k < HTTP_H_COUNT; k++) {
		if (h->count[k] == 0)
			continue;
		e = xml_child(x, hd, "header", h->value[k]);
		xml_attr(x, e, "name", http_header_name(k));
	}
	if (h->frame_ancestors)
		xml_child(x, n, "frame_ancestors", h->frame_ancestors_value);
	return x->failed ? -1 : 0;
}

int
http_report_text(FILE *fp, const struct http_result *hr)
{
	const struct http_head *h = &hr->head;
	const char *sep = "";
	int k;

	if (!hr->ok) {
		fprintf(fp, "  HTTP (GET /): no answer (%s)\n", hr->error);
		return ferror(fp) ? -1 : 0;
	}
	fprintf(fp, "  HTTP (GET /): status %d%s%s\n", h->status,
	    http_redirect(h) ? ", redirect to " : "",
	    !http_redirect(h) ? "" : h->count[HTTP_H_LOCATION] > 0 ?
	    h->value[HTTP_H_LOCATION] : "(no Location)");
	if (h->count[HTTP_H_HSTS] == 0)
		fprintf(fp, "  HSTS: none\n");
	else if (!h->hsts.valid)
		fprintf(fp, "  HSTS: not valid (%s): %s\n", h->hsts.error,
		    h->value[HTTP_H_HSTS]);
	else
		fprintf(fp, "  HSTS: max-age %lld s%s%s\n",
		    (long long)h->hsts.max_age, h->hsts.include_subdomains ?
		    ", includeSubDomains" : "", h->hsts.preload ?
		    ", preload" : "");
	for (k = 0; k < HTTP_H_COUNT; k++)
		if (k != HTTP_H_HSTS && k != HTTP_H_LOCATION &&
		    h->count[k] > 0)
			fprintf(fp, "  %s: %s\n", http_header_name(k),
			    h->value[k]);
	fprintf(fp, "  headers missing:");
	for (k = 0; k < HTTP_H_COUNT; k++)
		if (k != HTTP_H_SERVER && k != HTTP_H_LOCATION &&
		    h->count[k] == 0) {
			fprintf(fp, "%s %s", sep, http_header_name(k));
			sep = ",";
		}
	fprintf(fp, "%s\n", sep[0] == '\0' ? " none" : "");
	return ferror(fp) ? -1 : 0;
}
