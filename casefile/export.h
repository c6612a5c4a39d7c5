/*
 * export.h: a loaded case as XML (the export, and the input of every
 * letter) and as JSON (the export, and `case show`).  An export for an
 * access request (aktindsigt) leaves out what § 12 exempts, and says so.
 */
#ifndef TILSYN_EXPORT_H
#define TILSYN_EXPORT_H

#include <stdbool.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "casefile/case.h"
#include "casefile/due.h"

/*
 * The case file as XML; L's evidence must be loaded
 * (case_load_evidence()).  today is the date it is generated.  *out is the
 * caller's (xmlFreeDoc).  CASE_OK or CASE_NOMEM.
 */
int	export_xml(const struct case_state *L, bool access_request,
	    const char *today, xmlDocPtr *out)
	    __attribute__((warn_unused_result));
/* The case file as JSON, likewise; *out is the caller's. */
int	export_json(const struct case_state *L, bool access_request,
	    json_t **out) __attribute__((warn_unused_result));
/* A case with its steps and its open deadlines, as `case show` gives it. */
int	export_show_json(const struct case_state *L, const struct due_list *,
	    json_t **out) __attribute__((warn_unused_result));

#endif
