/*
 * xmlout.h: building a libxml2 tree whose first failure sticks, so that
 * a builder checks once, at the end, and a document is never handed out
 * half built (the scanner's XML report, the case file's export and the
 * letters made from it).  A call on a NULL node (a failed parent) fails
 * too.
 */
#ifndef TILSYN_XMLOUT_H
#define TILSYN_XMLOUT_H

#include <libxml/tree.h>

struct xml_out {
	int	failed;		/* set by the first call that fails */
};

/* A child element with text (escaped by libxml2; NULL for none). */
xmlNodePtr xml_child(struct xml_out *, xmlNodePtr parent, const char *name,
    const char *text);
/* An element that stands for a JSON null: present, marked null="true". */
xmlNodePtr xml_null_child(struct xml_out *, xmlNodePtr parent,
    const char *name);
void	xml_attr(struct xml_out *, xmlNodePtr, const char *name,
	    const char *value);
void	xml_attr_num(struct xml_out *, xmlNodePtr, const char *name,
	    long long);
/* "true" or "false". */
const char *xml_bool(int);
/* A tri-state (-1 unknown): "unknown", "true" or "false". */
const char *xml_tri(int);

#endif
