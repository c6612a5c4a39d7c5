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
#include <openssl/x509v3.h>

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
		/* unknown for a chain from the hello: not asked for */
		if (c->chains[i].ocsp_stapled >= 0)
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

/* RFC 5280 4.2.1.3 names of the key usage bits, in its order. */
static const struct {
	int		 bit;
	const char	*name;
} ku_names[] = {
	{ X509v3_KU_DIGITAL_SIGNATURE, "digitalSignature" },
	{ X509v3_KU_NON_REPUDIATION, "nonRepudiation" },
	{ X509v3_KU_KEY_ENCIPHERMENT, "keyEncipherment" },
	{ X509v3_KU_DATA_ENCIPHERMENT, "dataEncipherment" },
	{ X509v3_KU_KEY_AGREEMENT, "keyAgreement" },
	{ X509v3_KU_KEY_CERT_SIGN, "keyCertSign" },
	{ X509v3_KU_CRL_SIGN, "cRLSign" },
	{ X509v3_KU_ENCIPHER_ONLY, "encipherOnly" },
	{ X509v3_KU_DECIPHER_ONLY, "decipherOnly" },
};
#define NKU	(sizeof(ku_names) / sizeof(ku_names[0]))

static const char *
sct_source(int s)
{
	return s == CERT_SCT_TLS ? "tls-extension" : s == CERT_SCT_OCSP ?
	    "ocsp-staple" : "certificate";
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
json_scts(const struct cert_sct *v, size_t n)
{
	json_t *a, *o;
	size_t i;
	int bad = 0;

	if ((a = json_array()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if ((o = json_object()) == NULL)
			return json_whole(a, 1);
		bad |= json_object_set_new(o, "log_id",
		    json_string(v[i].log_id));
		bad |= json_object_set_new(o, "timestamp",
		    json_string(v[i].timestamp));
		bad |= json_object_set_new(o, "source",
		    json_string(sct_source(v[i].source)));
		bad |= json_array_append_new(a, json_whole(o, bad));
	}
	return json_whole(a, bad);
}

/* Usage, locations and CT of one certificate (tilsyn-scan(1)). */
static int
json_cert_more(json_t *o, const struct cert_result *c,
    const struct cert_info *ci)
{
	json_t *ku = json_null();
	size_t i;
	int bad = 0;

	bad |= json_object_set_new(o, "source",
	    json_string(c->chains[ci->chain].source));
	bad |= json_object_set_new(o, "serial", json_string(ci->serial));
	if (ci->key_usage >= 0 && (ku = json_array()) != NULL)
		for (i = 0; i < NKU; i++)
			if (ci->key_usage & ku_names[i].bit)
				bad |= json_array_append_new(ku,
				    json_string(ku_names[i].name));
	bad |= json_object_set_new(o, "key_usage", ku);
	bad |= json_object_set_new(o, "extended_key_usage", ci->has_eku ?
	    json_strings(ci->eku, ci->neku) : json_null());
	bad |= json_object_set_new(o, "crl_distribution_points",
	    json_strings(ci->crl, ci->ncrl));
	bad |= json_object_set_new(o, "ocsp_uris",
	    json_strings(ci->ocsp, ci->nocsp));
	bad |= json_object_set_new(o, "ca_issuers_uris",
	    json_strings(ci->ca_issuers, ci->nca_issuers));
	bad |= json_object_set_new(o, "must_staple",
	    json_boolean(ci->must_staple));
	bad |= json_object_set_new(o, "scts", json_scts(ci->scts,
	    ci->nscts));
	return bad;
}

/* One object per chain: where it came from and its verdicts. */
static json_t *
json_chains(const struct cert_result *c)
{
	const struct cert_chain *ch;
	json_t *a, *o;
	size_t k;
	int bad = 0;

	if ((a = json_array()) == NULL)
		return NULL;
	for (k = 0; k < c->nchains; k++) {
		ch = &c->chains[k];
		if ((o = json_object()) == NULL)
			return json_whole(a, 1);
		bad |= json_object_set_new(o, "key_type",
		    json_string(ch->key_type));
		bad |= json_object_set_new(o, "version",
		    json_string(ch->version));
		bad |= json_object_set_new(o, "source",
		    json_string(ch->source));
		bad |= json_object_set_new(o, "suite", json_str_or_null(
		    ch->suite[0] != '\0' ? ch->suite : NULL));
		bad |= json_object_set_new(o, "valid",
		    json_boolean(ch->valid));
		bad |= json_object_set_new(o, "in_order",
		    json_tri(ch->in_order));
		bad |= json_object_set_new(o, "order_break", ch->in_order ==
		    0 ? json_integer(ch->order_break) : json_null());
		bad |= json_object_set_new(o, "ocsp_stapled",
		    json_tri(ch->ocsp_stapled));
		bad |= json_object_set_new(o, "ocsp_status", json_str_or_null(
		    ch->ocsp_status[0] != '\0' ? ch->ocsp_status : NULL));
		bad |= json_object_set_new(o, "key_usage_missing",
		    json_str_or_null(ch->ku_missing[0] != '\0' ?
		    ch->ku_missing : NULL));
		bad |= json_object_set_new(o, "scts", json_scts(ch->scts,
		    ch->nscts));
		bad |= json_array_append_new(a, json_whole(o, bad));
	}
	return json_whole(a, bad);
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
	bad |= json_cert_more(o, c, ci);
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
	json_t *o, *groups, *certs, *ci, *dhe;
	struct cert_summary cs;
	char name[32];
	size_t i;
	int bad = 0, v;

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
	bad |= json_object_set_new(o, "chains", json_chains(c));
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
	if ((dhe = json_array()) != NULL)
		for (v = 0; v < TLS_V_COUNT; v++)
			if (t->dhe_failed[v])
				bad |= json_array_append_new(dhe,
				    json_string(tls_version_name(v)));
	bad |= json_object_set_new(o, "dhe_failed", dhe);
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
xml_scts(struct xml_out *x, xmlNodePtr parent, const struct cert_sct *v,
    size_t n)
{
	xmlNodePtr e;
	size_t i;

	for (i = 0; i < n; i++) {
		e = xml_child(x, parent, "sct", NULL);
		xml_attr(x, e, "log_id", v[i].log_id);
		xml_attr(x, e, "timestamp", v[i].timestamp);
		xml_attr(x, e, "source", sct_source(v[i].source));
	}
}

static void
xml_cert_more(struct xml_out *x, xmlNodePtr n, const struct cert_info *ci)
{
	xmlNodePtr e;
	size_t i;

	xml_child(x, n, "serial", ci->serial);
	if (ci->key_usage >= 0) {
		e = xml_child(x, n, "key_usage", NULL);
		for (i = 0; i < NKU; i++)
			if (ci->key_usage & ku_names[i].bit)
				xml_child(x, e, "usage", ku_names[i].name);
	}
	if (ci->has_eku) {
		e = xml_child(x, n, "extended_key_usage", NULL);
		for (i = 0; i < ci->neku; i++)
			xml_child(x, e, "usage", ci->eku[i]);
	}
	for (i = 0; i < ci->ncrl; i++)
		xml_child(x, n, "crl_distribution_point", ci->crl[i]);
	for (i = 0; i < ci->nocsp; i++)
		xml_child(x, n, "ocsp_uri", ci->ocsp[i]);
	for (i = 0; i < ci->nca_issuers; i++)
		xml_child(x, n, "ca_issuers_uri", ci->ca_issuers[i]);
	if (ci->must_staple)
		xml_child(x, n, "must_staple", "true");
	xml_scts(x, n, ci->scts, ci->nscts);
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
	xml_cert_more(x, n, ci);
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
		xml_attr(x, n, "source", ch->source);
		if (ch->suite[0] != '\0')
			xml_attr(x, n, "suite", ch->suite);
		if (ch->ocsp_status[0] != '\0')
			xml_attr(x, n, "ocsp_status", ch->ocsp_status);
		xml_tri_attr(x, n, "in_order", ch->in_order);
		if (ch->in_order == 0)
			xml_attr_num(x, n, "order_break", ch->order_break);
		if (ch->ku_missing[0] != '\0')
			xml_attr(x, n, "key_usage_missing", ch->ku_missing);
		xml_scts(x, n, ch->scts, ch->nscts);
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
	for (k = 0; k < TLS_V_COUNT; k++)
		if (e->dhe_failed[k])
			xml_child(x, tls, "dhe_failed", tls_version_name(k));
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
text_scts(FILE *fp, const char *indent, const struct cert_sct *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "%sSCT (%s) log %s at %s\n", indent,
		    sct_source(v[i].source), v[i].log_id, v[i].timestamp);
}

static void
text_list(FILE *fp, const char *what, char *const *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	fprintf(fp, "        %s", what);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s %s", i > 0 ? "," : "", v[i]);
	fprintf(fp, "\n");
}

static void
text_cert_more(FILE *fp, const struct cert_info *ci)
{
	size_t i;
	int first = 1;

	fprintf(fp, "        serial %s%s\n", ci->serial,
	    ci->must_staple ? ", must-staple" : "");
	if (ci->key_usage >= 0) {
		fprintf(fp, "        key usage:");
		for (i = 0; i < NKU; i++)
			if (ci->key_usage & ku_names[i].bit) {
				fprintf(fp, "%s %s", first ? "" : ",",
				    ku_names[i].name);
				first = 0;
			}
		fprintf(fp, "%s\n", first ? " none" : "");
	}
	if (ci->has_eku)
		fprintf(fp, "%s", ci->neku == 0 ?
		    "        extended key usage: none\n" : "");
	text_list(fp, "extended key usage:", ci->eku, ci->neku);
	text_list(fp, "CRL:", ci->crl, ci->ncrl);
	text_list(fp, "OCSP:", ci->ocsp, ci->nocsp);
	text_list(fp, "CA issuers:", ci->ca_issuers, ci->nca_issuers);
	text_scts(fp, "        ", ci->scts, ci->nscts);
}

static void
text_chain(FILE *fp, const struct cert_result *c, size_t k)
{
	const struct cert_chain *chn = &c->chains[k];
	const struct cert_info *ci;
	size_t i;

	fprintf(fp, "  certificate chain (%s, %s%s): %s%s%s, host name "
	    "%s, OCSP stapled: %s%s%s%s\n", chn->key_type, chn->version,
	    strcmp(chn->source, "hello") == 0 ? ", from the hello's "
	    "Certificate message" : "",
	    chn->valid ? "valid" : "not valid: ", chn->verify_error,
	    chn->incomplete ? " (incomplete chain)" : "",
	    chn->hostname_match < 0 ? "not checked" :
	    chn->hostname_match ? "matches" : "does not match",
	    yesno(chn->ocsp_stapled), chn->ocsp_status[0] != '\0' ? " (" : "",
	    chn->ocsp_status, chn->ocsp_status[0] != '\0' ? ")" : "");
	if (chn->in_order == 0)
		fprintf(fp, "    out of order: [%d] is not issued by [%d]\n",
		    chn->order_break, chn->order_break + 1);
	if (chn->ku_missing[0] != '\0')
		fprintf(fp, "    key usage lacks %s, which %s needs\n",
		    chn->ku_missing, chn->suite);
	text_scts(fp, "    ", chn->scts, chn->nscts);
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
		text_cert_more(fp, ci);
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
	for (v = 0; v < TLS_V_COUNT; v++)
		if (t->dhe_failed[v])
			fprintf(fp, "  %s: the server picks DHE suites and then "
			    "fails (internal_error: no DH parameters?); "
			    "enumerated without them\n", tls_version_name(v));
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

/* Behavioural checks (tls_vuln.h) ----------------------------------------- */

json_t *
vuln_report_json(const struct vuln_result *vr)
{
	json_t *o, *e;
	int bad = 0, c;

	if ((o = json_object()) == NULL)
		return NULL;
	for (c = 0; c < VULN_COUNT; c++) {
		if (vr->v[c].state == VULN_UNTESTED)
			continue;
		e = json_pack("{s:s, s:s}", "state",
		    vuln_state_name(vr->v[c].state), "detail",
		    vr->v[c].detail);
		bad |= e == NULL || json_object_set_new(o,
		    vuln_check_name((enum vuln_check)c), e) != 0;
	}
	return json_whole(o, bad);
}

int
vuln_report_xml(struct xml_out *x, xmlNodePtr tls, const struct vuln_result *vr)
{
	xmlNodePtr n, e;
	int c;

	if (!vuln_ran(vr))
		return x->failed ? -1 : 0;
	n = xml_child(x, tls, "vulns", NULL);
	for (c = 0; c < VULN_COUNT; c++) {
		if (vr->v[c].state == VULN_UNTESTED)
			continue;
		e = xml_child(x, n, "check", vr->v[c].detail);
		xml_attr(x, e, "id", vuln_check_name((enum vuln_check)c));
		xml_attr(x, e, "state", vuln_state_name(vr->v[c].state));
	}
	return x->failed ? -1 : 0;
}

int
vuln_report_text(FILE *fp, const struct vuln_result *vr)
{
	int c;

	if (!vuln_ran(vr))
		return 0;
	fprintf(fp, "  vulnerability checks:\n");
	for (c = 0; c < VULN_COUNT; c++)
		if (vr->v[c].state != VULN_UNTESTED)
			fprintf(fp, "    %s: %s%s%s%s\n",
			    vuln_check_name((enum vuln_check)c),
			    vuln_state_name(vr->v[c].state),
			    vr->v[c].detail[0] != '\0' ? " (" : "",
			    vr->v[c].detail,
			    vr->v[c].detail[0] != '\0' ? ")" : "");
	return ferror(fp) ? -1 : 0;
}
