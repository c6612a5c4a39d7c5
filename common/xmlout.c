/* xmlout.c: see xmlout.h. */
#include <stdio.h>

#include "common/xmlout.h"

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
