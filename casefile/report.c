/*
 * report.c: the XML of an inspection report, built from what the store
 * and scans.c already made (the run, its results, what changed): no SQL
 * and no judgement here, only the tree the template reads.  Legal
 * references come from law/basis.c's one table.  Trusts its caller for
 * the shape of the JSON (the stored results are the scanner's and are
 * read defensively: a missing member is left out).
 */
#include <stdio.h>
#include <string.h>

#include "common/xmlout.h"
#include "law/basis.h"
#include "casefile/report.h"
#include "casefile/scans.h"

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Attribute key of o's member key when it is a string. */
static void
attr_str(struct xml_out *xo, xmlNodePtr n, json_t *o, const char *key)
{
	const char *v = str(o, key);

	if (v != NULL)
		xml_attr(xo, n, key, v);
}

/* The paragraph of the law whose citation is text, or BASIS_COUNT. */
static enum basis_id
basis_of(const char *text)
{
	int i;

	for (i = 0; text != NULL && i < BASIS_COUNT; i++)
		if (strcmp(basis_text((enum basis_id)i), text) == 0)
			return (enum basis_id)i;
	return BASIS_COUNT;
}

/* The accepted TLS versions of a result, space-separated. */
static const char *const ranks[] = { "info", "low", "medium", "high",
	"critical" };

static int
rank(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < 5; i++)
		if (strcmp(s, ranks[i]) == 0)
			return i;
	return -1;
}

/* The diff entry of the endpoint named name, or NULL. */
static json_t *
diff_of(json_t *diff, const char *name)
{
	json_t *d;
	size_t i;

	json_array_foreach(diff, i, d)
		if (name != NULL && str(d, "endpoint") != NULL &&
		    strcmp(str(d, "endpoint"), name) == 0)
			return d;
	return NULL;
}

/* A finding's CVE ids (a JSON array) as one attribute, space-separated. */
static void
cve_attr(struct xml_out *xo, xmlNodePtr n, json_t *cve)
{
	char buf[256];
	size_t i, len = 0;
	json_t *v;

	buf[0] = '\0';
	json_array_foreach(cve, i, v) {
		const char *s = json_string_value(v);
		int w;

		if (s == NULL)
			continue;
		w = snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    len > 0 ? " " : "", s);
		if (w < 0 || (size_t)w >= sizeof(buf) - len)
			break;	/* a profile allows 8 ids: never reached */
		len += (size_t)w;
	}
	if (len > 0)
		xml_attr(xo, n, "cve", buf);
}

/*
 * The baseline profile of a result or of the run header, when the scanner
 * wrote one: {"name", "version", "sha256"} and, in a result, "verdict"
 * ("pass" or "fail") and "failed" (the rule ids).
 */
static void
profile(struct xml_out *xo, xmlNodePtr parent, json_t *p)
{
	xmlNodePtr n;
	json_t *v;
	size_t i;

	if (!json_is_object(p))
		return;
	n = xml_child(xo, parent, "profile", NULL);
	attr_str(xo, n, p, "name");
	attr_str(xo, n, p, "version");
	attr_str(xo, n, p, "sha256");
	attr_str(xo, n, p, "verdict");
	json_array_foreach(json_object_get(p, "failed"), i, v)
		if (json_is_string(v))
			(void)xml_child(xo, n, "failed", json_string_value(v));
}

static void
endpoint(struct xml_out *xo, xmlNodePtr parent, json_t *item, json_t *diff,
    json_t *names)
{
	json_t *r = json_object_get(item, "result"), *f, *d, *c;
	const char *name = json_string_value(names);
	char vers[128];
	xmlNodePtr n, m;
	size_t i;
	int worst = -1;

	n = xml_child(xo, parent, "endpoint", NULL);
	if (name != NULL)
		xml_attr(xo, n, "name", name);
	attr_str(xo, n, r, "service");
	attr_str(xo, n, r, "host");
	attr_str(xo, n, r, "ip");
	if (json_is_integer(json_object_get(r, "port")))
		xml_attr_num(xo, n, "port",
		    (long long)json_integer_value(json_object_get(r, "port")));
	attr_str(xo, n, r, "error");
	attr_str(xo, n, r, "error_kind");
	attr_str(xo, n, item, "sha256");
	scan_true_keys(json_object_get(json_object_get(r, "tls"), "versions"),
	    vers, sizeof(vers));
	if (vers[0] != '\0')
		xml_attr(xo, n, "versions", vers);
	attr_str(xo, n, json_object_get(r, "ssh"), "banner");
	profile(xo, n, json_object_get(r, "profile"));
	json_array_foreach(json_object_get(r, "findings"), i, f) {
		enum basis_id b = basis_of(str(f, "basis"));

		m = xml_child(xo, n, "finding", str(f, "evidence"));
		attr_str(xo, m, f, "id");
		attr_str(xo, m, f, "severity");
		cve_attr(xo, m, json_object_get(f, "cve"));
		attr_str(xo, m, f, "basis");
		/* what the profile's rule cites beside the act, if anything */
		attr_str(xo, m, f, "regulation");
		attr_str(xo, m, f, "source");
		attr_str(xo, m, f, "section");
		if (b != BASIS_COUNT)
			xml_attr(xo, m, "title", basis_title(b));
		if (rank(str(f, "severity")) > worst)
			worst = rank(str(f, "severity"));
	}
	if (worst >= 0)
		xml_attr(xo, n, "worst", ranks[worst]);
	if ((d = diff_of(diff, name)) == NULL)
		return;
	attr_str(xo, n, d, "status");
	json_array_foreach(json_object_get(d, "new_findings"), i, f)
		xml_attr(xo, xml_child(xo, n, "new", NULL), "id", str(f, "id"));
	json_array_foreach(json_object_get(d, "resolved_findings"), i, f) {
		m = xml_child(xo, n, "resolved", NULL);
		xml_attr(xo, m, "id", str(f, "id"));
		attr_str(xo, m, f, "severity");
	}
	json_array_foreach(json_object_get(d, "changes"), i, c)
		(void)xml_child(xo, n, "change", json_string_value(c));
}

int
report_xml(const struct report_in *in, xmlDocPtr *out)
{
	struct xml_out xo = { 0 };
	xmlDocPtr doc;
	xmlNodePtr root, n, s;
	json_t *v, *d;
	const char *k;
	size_t i;

	*out = NULL;
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (root = xmlNewNode(NULL, BAD_CAST "report")) == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	xmlDocSetRootElement(doc, root);
	xml_attr(&xo, root, "date", in->today);
	n = xml_child(&xo, root, "entity", NULL);
	xml_attr(&xo, n, "cvr", in->e->cvr);
	xml_attr(&xo, n, "class", in->e->cls);
	(void)xml_child(&xo, n, "name", in->e->name);
	attr_str(&xo, n, in->reg, "address");
	json_array_foreach(json_object_get(in->reg, "ip_ranges"), i, v)
		(void)xml_child(&xo, n, "range", json_string_value(v));
	json_array_foreach(json_object_get(in->reg, "hosts"), i, v)
		(void)xml_child(&xo, n, "host", json_string_value(v));
	attr_str(&xo, n, in->reg, "ports");
	s = xml_child(&xo, root, "scan", NULL);
	json_object_foreach(in->run, k, v) {
		if (json_is_string(v))
			xml_attr(&xo, s, k, json_string_value(v));
		else if (json_is_integer(v))
			xml_attr_num(&xo, s, k, (long long)json_integer_value(v));
		else if (json_is_boolean(v))
			xml_attr(&xo, s, k, xml_bool(json_is_true(v)));
	}
	if (in->previous > 0)
		xml_attr_num(&xo, s, "previous", (long long)in->previous);
	if (str(in->run, "power") != NULL &&
	    basis_of(str(in->run, "power")) != BASIS_COUNT)
		xml_attr(&xo, s, "power_title",
		    basis_title(basis_of(str(in->run, "power"))));
	json_array_foreach(json_object_get(in->run, "scope"), i, v)
		(void)xml_child(&xo, s, "scope", json_string_value(v));
	/* The run's profile: the one its results were judged against. */
	json_array_foreach(in->results, i, v)
		if (json_is_object(d = json_object_get(json_object_get(v,
		    "result"), "profile"))) {
			xmlNodePtr p = xml_child(&xo, s, "profile", NULL);

			attr_str(&xo, p, d, "name");
			attr_str(&xo, p, d, "version");
			attr_str(&xo, p, d, "sha256");
			break;
		}
	json_array_foreach(json_object_get(in->run, "hosted"), i, v) {
		xmlNodePtr h = xml_child(&xo, s, "hosted", NULL);

		attr_str(&xo, h, v, "host");
		attr_str(&xo, h, v, "ip");
	}
	n = xml_child(&xo, root, "endpoints", NULL);
	xml_attr_num(&xo, n, "no_service", in->no_service);
	json_array_foreach(in->results, i, v)
		endpoint(&xo, n, v, in->diff, json_object_get(v, "name"));
	/* Endpoints that were there in the previous scan and are gone. */
	json_array_foreach(in->diff, i, d)
		if (str(d, "status") != NULL &&
		    strcmp(str(d, "status"), "gone") == 0)
			xml_attr(&xo, xml_child(&xo, n, "gone", NULL), "name",
			    str(d, "endpoint"));
	if (xo.failed) {
		xmlFreeDoc(doc);
		return -1;
	}
	*out = doc;
	return 0;
}
