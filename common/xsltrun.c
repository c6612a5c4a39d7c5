/*
 * xsltrun.c: see xsltrun.h.
 */
#include <stddef.h>

#include <libxslt/security.h>
#include <libxslt/transform.h>

#include "common/xsltrun.h"

xmlDocPtr
xslt_apply_sandboxed(xsltStylesheetPtr style, xmlDocPtr doc,
    const char **params)
{
	static const xsltSecurityOption forbid[] = {
		XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
		XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
		XSLT_SECPREF_WRITE_NETWORK,
	};
	xsltSecurityPrefsPtr sec;
	xsltTransformContextPtr tctx = NULL;
	xmlDocPtr res = NULL;
	size_t i;

	if ((sec = xsltNewSecurityPrefs()) == NULL)
		return NULL;
	for (i = 0; i < sizeof(forbid) / sizeof(forbid[0]); i++)
		if (xsltSetSecurityPrefs(sec, forbid[i], xsltSecurityForbid) !=
		    0)
			goto out;
	if ((tctx = xsltNewTransformContext(style, doc)) == NULL ||
	    xsltSetCtxtSecurityPrefs(sec, tctx) != 0)
		goto out;
	res = xsltApplyStylesheetUser(style, doc, params, NULL, NULL, tctx);
	if (res != NULL && tctx->state != XSLT_STATE_OK) {
		xmlFreeDoc(res);
		res = NULL;
	}
out:
	xsltFreeTransformContext(tctx);
	xsltFreeSecurityPrefs(sec);
	return res;
}
