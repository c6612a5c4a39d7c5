/*
 * datadir.h: where the installed data of tilsyn is found, the one lookup
 * that tilsyn-case's letters and reports and tilsyn-scan's --html share.
 */
#ifndef TILSYN_DATADIR_H
#define TILSYN_DATADIR_H

#include <stddef.h>

/*
 * The path of template name (without ".xsl") into path: under
 * $TILSYN_TEMPLATES when that is set; else the installed templates
 * directory when the file is there; else the source tree's templates/
 * when it is there (a binary run from its build tree); else the
 * installed path, which the caller's open then names.  0, or -1 when the
 * path does not fit in len bytes.
 */
int	datadir_template(const char *name, char *path, size_t len)
	    __attribute__((warn_unused_result));

#endif
