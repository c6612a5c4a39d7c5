/*
 * ssh_report.h: the "ssh" part of a target's report, in the three output
 * formats; called by report_json.c, report_xml.c and report_text.c.  Read
 * only: the result is rendered as observed.
 */
#ifndef TILSYN_SSH_REPORT_H
#define TILSYN_SSH_REPORT_H

#include <stdio.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "scanner/render.h"
#include "scanner/ssh/ssh_scan.h"

/* The "ssh" object (a new reference), or NULL when out of memory. */
json_t	*ssh_report_json(const struct ssh_result *);
/* Adds an <ssh> element under parent; -1 when x has failed. */
int	ssh_report_xml(struct xml_out *x, xmlNodePtr parent,
	    const struct ssh_result *);
/* Indented lines for a terminal. */
int	ssh_report_text(FILE *, const struct ssh_result *);

#endif
