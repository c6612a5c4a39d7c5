/*
 * xsltrun.c: see xsltrun.h.
 */
#include <stddef.h>

#include <libxslt/security.h>
#include <libxslt/transform.h>

#include "common/xsltrun.h"

static const xsltSecurityOption forbid[] = {
	XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
	XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
	XSLT_SECPREF_WRITE_NETWORK,
};

/* Security preferences forbidding every file and network access. */
static xsltSecurityPrefsPtr
forbid_all(void)
{
	xsltSecurityPrefsPtr sec;
	size_t i;

	if ((sec = xsltNewSecurityPrefs()) == NULL)
		return NULL;
	for (i = 0; i < sizeof(forbid) / sizeof(forbid[0]); i++)
		if (xsltSetSecurityPrefs(sec, forbid[i], xsltSecurityForbid) !=
		    0) {
			xsltFreeSecurityPrefs(sec);
			return NULL;
		}
	return sec;
}

/*
 * libxslt loads xsl:include and xsl:import while it compiles a template
 * (xsltParseStylesheetDoc), before any transform context exists, and
 * checks them against the default preferences only: without these, a
 * template could pull in any local stylesheet, and the SHA-256 recorded
 * for a letter's template would not cover what it ran.  Set before main()
 * in every program that links this file (each one calls
 * xslt_apply_sandboxed()), so no caller can compile a template first.
 * If they cannot be allocated, xslt_apply_sandboxed() refuses to run.
 */
static xsltSecurityPrefsPtr defaults;

__attribute__((constructor)) static void
sandbox_defaults(void)
{
	if ((defaults = forbid_all()) != NULL)
		xsltSetDefaultSecurityPrefs(defaults);
}

__attribute__((destructor)) static void
sandbox_defaults_free(void)
{
	if (defaults != NULL) {
		xsltSetDefaultSecurityPrefs(NULL);
		xsltFreeSecurityPrefs(defaults);
		defaults = NULL;
	}
}

xmlDocPtr
xslt_apply_sandboxed(xsltStylesheetPtr style, xmlDocPtr doc,
    const char **params)
{
	xsltSecurityPrefsPtr sec;
	xsltTransformContextPtr tctx = NULL;
	xmlDocPtr res = NULL;

	if (defaults == NULL || (sec = forbid_all()) == NULL)
		return NULL;
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
