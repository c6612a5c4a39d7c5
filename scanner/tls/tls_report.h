/*
 * tls_report.h: the "tls" part of a target's report (versions, suites,
 * groups, certificates and their verdicts) in the three output formats;
 * called by report_json.c, report_xml.c and report_text.c.  Read only:
 * the results are rendered as observed.
 */
#ifndef TILSYN_TLS_REPORT_H
#define TILSYN_TLS_REPORT_H

#include <stdio.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "scanner/render.h"
#include "scanner/tls/tls_cert.h"
#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_http.h"
#include "scanner/tls/tls_vuln.h"

/* The "tls" object (a new reference), or NULL when out of memory. */
json_t	*tls_report_json(const struct tls_enum_result *,
	    const struct cert_result *);
/* Adds a <tls> element under parent; -1 when x has failed. */
int	tls_report_xml(struct xml_out *x, xmlNodePtr parent,
	    const struct tls_enum_result *, const struct cert_result *);
/* Indented lines for a terminal; -1 on a write error. */
int	tls_report_text(FILE *, const struct tls_enum_result *,
	    const struct cert_result *);

/*
 * The "http" member of "tls" (the GET of / on HTTPS): JSON object, an
 * <http> element under tls, text lines; same contracts as above.
 */
json_t	*http_report_json(const struct http_result *);
int	http_report_xml(struct xml_out *x, xmlNodePtr tls,
	    const struct http_result *);
int	http_report_text(FILE *, const struct http_result *);

/*
 * The "vulns" member of "tls" (the behavioural checks that ran; NULL
 * when out of memory: the caller asks vuln_ran() first), a <vulns>
 * element under tls and text lines (nothing when none ran).
 */
json_t	*vuln_report_json(const struct vuln_result *);
int	vuln_report_xml(struct xml_out *x, xmlNodePtr tls,
	    const struct vuln_result *);
int	vuln_report_text(FILE *, const struct vuln_result *);

/*
 * Why r->fallback_scsv is unknown, in words; how it was refused when that
 * was by closing the connection (no inappropriate_fallback alert); else
 * NULL.
 */
const char *tls_fallback_reason(const struct tls_enum_result *r);

#endif
