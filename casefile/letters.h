/*
 * letters.h: letters rendered from the case XML (export.h) by an XSLT
 * template through libxslt.  Templates are data: a case handler may copy
 * and edit one.
 */
#ifndef TILSYN_LETTERS_H
#define TILSYN_LETTERS_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "law/rules.h"

#define LETTER_XHTML	0
#define LETTER_TEXT	1

#define LETTER_OK		 0
#define LETTER_BADTEMPLATE	-1	/* the template's name or file: err */
#define LETTER_FAIL		-2	/* the transformation failed: err */
#define LETTER_NOMEM		-3
#define LETTER_WRONGKIND	-4	/* not a template for the step: err */

/* The namespace of a template's declarations (<serves step= measure=>). */
#define LETTER_NS	"urn:x-tilsyn:template"
/* The line a letter that was not issued carries at its top. */
#define LETTER_DRAFT_MARK	"UDKAST \xe2\x80\x93 ikke afsendt"

const char *letter_errstr(int);

/* The template a step gets by default, or NULL when it has no letter. */
const char *letter_default_template(enum step_kind, enum measure);

/*
 * Resolves --template: a value with a '/' or ending in ".xsl" is a file;
 * otherwise a name looked up by datadir_template() ($TILSYN_TEMPLATES, the
 * installed templates directory, the source tree).  LETTER_OK, or LETTER_BADTEMPLATE with err set.
 */
int	letter_template_path(const char *name, char *path, size_t len,
	    char *err, size_t errlen) __attribute__((warn_unused_result));

/*
 * Renders the letter for step n of the case with the template at path.
 * *out (malloc'd, *len bytes) is XHTML or plain text.  LETTER_OK;
 * LETTER_BADTEMPLATE with err naming the file and line when the template
 * does not parse; LETTER_FAIL or LETTER_NOMEM otherwise (err set).
 */
int	letter_render(const char *path, xmlDocPtr casedoc, int step, int fmt,
	    char **out, size_t *len, char *err, size_t errlen)
	    __attribute__((warn_unused_result));

/*
 * The letter of step n, of kind k and measure m (M_NONE for none): the
 * template must declare that it serves them (<serves step="KIND"
 * [measure="MEASURE"]/> in LETTER_NS; no measure: every measure), else
 * LETTER_WRONGKIND with err naming the template, the step's kind and
 * what the template serves; read before anything runs.  draft puts
 * LETTER_DRAFT_MARK at the top.  sha256 (NULL: not wanted) gets the
 * SHA-256 of the template's bytes, the same bytes that were used.
 */
int	letter_render_step(const char *path, xmlDocPtr casedoc, int step,
	    enum step_kind k, enum measure m, bool draft, int fmt, char **out,
	    size_t *len, char sha256[65], char *err, size_t errlen)
	    __attribute__((warn_unused_result));

#endif
