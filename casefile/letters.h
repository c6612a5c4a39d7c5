/*
 * letters.h: the case as an XML document (the export, and the input of
 * every letter), and letters rendered from it by an XSLT template through
 * libxslt.  Templates are data: a case handler may copy and edit one.
 */
#ifndef TILSYN_LETTERS_H
#define TILSYN_LETTERS_H

#include <stddef.h>

#include <libxml/tree.h>

#include "law/rules.h"
#include "casefile/store.h"

struct evidence_item {
	int	 step;
	char	*name;
	int64_t	 size;
	char	 sha256[65];
	char	*actor;
};

/* A loaded case: everything the export and the letters show. */
struct case_file {
	const struct case_row		*c;
	const struct entity_row		*e;
	const struct step_row		*steps;
	size_t				 nsteps;
	const struct evidence_item	*ev;
	size_t				 nev;
	int				 access_request;	/* leave out incidents */
	const char			*today;		/* YYYY-MM-DD */
};

#define LETTER_XHTML	0
#define LETTER_TEXT	1

/* Builds the case XML; *out is the caller's (xmlFreeDoc). 0 or -1. */
int	case_xml(const struct case_file *, xmlDocPtr *out)
	    __attribute__((warn_unused_result));

/* The template a step gets by default, or NULL when it has no letter. */
const char *letter_default_template(enum step_kind, enum measure);

/*
 * Resolves --template: a value with a '/' or ending in ".xsl" is a file;
 * otherwise a name looked up in $TILSYN_TEMPLATES or the installed
 * templates directory.  0, or -1 with err set.
 */
int	letter_template_path(const char *name, char *path, size_t len,
	    char *err, size_t errlen) __attribute__((warn_unused_result));

/*
 * Renders the letter for step n of the case with the template at path.
 * *out (malloc'd, *len bytes) is XHTML or plain text.  Returns 0; -1 with
 * err naming the file and line when the template does not parse; -2 on
 * other failures (err set).
 */
int	letter_render(const char *path, xmlDocPtr casedoc, int step, int fmt,
	    char **out, size_t *len, char *err, size_t errlen)
	    __attribute__((warn_unused_result));

#endif
