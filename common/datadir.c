/* datadir.c: see datadir.h.  Trusts nothing it reads but the environment. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "common/datadir.h"

static int
put(char *path, size_t len, const char *dir, const char *name)
{
	int n = snprintf(path, len, "%s/%s.xsl", dir, name);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int
datadir_template(const char *name, char *path, size_t len)
{
	const char *dir = getenv("TILSYN_TEMPLATES");

	if (dir != NULL && *dir != '\0')
		return put(path, len, dir, name);
	if (put(path, len, TILSYN_DATADIR "/templates", name) == 0 &&
	    access(path, R_OK) == 0)
		return 0;
	if (put(path, len, TILSYN_SOURCE_ROOT "/templates", name) == 0 &&
	    access(path, R_OK) == 0)
		return 0;
	return put(path, len, TILSYN_DATADIR "/templates", name);
}
