/*
 * render.c: see render.h.  A call on a NULL node (a failed parent) fails
 * too, so one failure anywhere in a tree is seen at the end.
 */
#include <stdio.h>
#include <time.h>

#include "scanner/render.h"

void
render_time(int64_t t, char *buf, size_t len)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}

json_t *
json_whole(json_t *o, int bad)
{
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
json_str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
json_strings(char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;
	int bad = a == NULL;

	for (i = 0; i < n && !bad; i++)
		bad |= json_array_append_new(a, json_string(v[i]));
	return json_whole(a, bad);
}

xmlNodePtr
xml_child(struct xml_out *x, xmlNodePtr parent, const char *name,
    const char *text)
{
	xmlNodePtr n = NULL;

	if (parent != NULL)
		n = xmlNewTextChild(parent, NULL, (const xmlChar *)name,
		    (const xmlChar *)text);
	if (n == NULL)
		x->failed = 1;
	return n;
}

xmlNodePtr
xml_null_child(struct xml_out *x, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = xml_child(x, parent, name, NULL);

	xml_attr(x, n, "null", "true");
	return n;
}

void
xml_attr(struct xml_out *x, xmlNodePtr n, const char *name,
    const char *value)
{
	if (n == NULL || xmlNewProp(n, (const xmlChar *)name,
	    (const xmlChar *)value) == NULL)
		x->failed = 1;
}

void
xml_attr_num(struct xml_out *x, xmlNodePtr n, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	xml_attr(x, n, name, buf);
}

const char *
xml_bool(int v)
{
	return v ? "true" : "false";
}

const char *
xml_tri(int v)
{
	return v < 0 ? "unknown" : xml_bool(v);
}
