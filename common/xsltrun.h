/*
 * xsltrun.h: the one way tilsyn applies an XSLT template (letters, the
 * inspection report, tilsyn-scan --html): with every file and network
 * access forbidden through libxslt's security preferences, so a crafted
 * template can neither read nor write anything beyond its input.  The
 * same preferences are libxslt's defaults from before main() (xsltrun.c),
 * so xsl:include and xsl:import cannot load a file when a template is
 * compiled either.
 */
#ifndef TILSYN_XSLTRUN_H
#define TILSYN_XSLTRUN_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

/*
 * Applies style to doc with params (name, value, ..., NULL; may be NULL):
 * the result, or NULL when the transformation failed or could not be set
 * up (the reason went to libxslt's error handlers).
 */
xmlDocPtr xslt_apply_sandboxed(xsltStylesheetPtr style, xmlDocPtr doc,
    const char **params);

#endif
