/*
 * report.h: the inspection report of a stored scan (tilsyn-case report):
 * the entity, its registered scope, the scan run, each endpoint with its
 * findings and what changed since the previous scan, and each result's
 * SHA-256, as an XML document for the report template
 * (templates/inspektionsrapport.xsl, rendered like the letters).
 */
#ifndef TILSYN_REPORT_H
#define TILSYN_REPORT_H

#include <stdint.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "casefile/store.h"

/* What the report is made of; all borrowed. */
struct report_in {
	const struct entity_row	*e;
	json_t			*reg;		/* the entity's registration */
	json_t			*run;		/* the run, as `scans` lists it */
	json_t			*results;	/* [{"sha256", "result"}] */
	json_t			*diff;		/* as scan-diff -o json lists */
	int64_t			 previous;	/* the scan compared with, 0 */
	int			 no_service;	/* range ports left out */
	const char		*today;		/* YYYY-MM-DD */
};

/* The report's XML into *out; 0, or -1 when out of memory. */
int	report_xml(const struct report_in *, xmlDocPtr *out)
	    __attribute__((warn_unused_result));

#endif
