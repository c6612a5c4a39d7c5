/*
 * render.h: what every renderer shares (report_*.c at the top, and the
 * TLS and SSH parts in tls/tls_report.c and ssh/ssh_report.c): the time
 * format and the rule for jansson objects, so that a renderer checks
 * once, at the end, and a failed report is never handed out half built.
 */
#ifndef TILSYN_RENDER_H
#define TILSYN_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "common/xmlout.h"	/* the XML side, shared with the case file */

/* "2026-11-28T22:01:31Z" (UTC), or "?" for a time gmtime cannot take. */
void	render_time(int64_t, char *, size_t);

/*
 * JSON: every jansson call that adds to o is or-ed into bad (a failed
 * json_object_set_new() or json_array_append_new() has already dropped
 * its value).  Returns o when bad is 0, else frees it and returns NULL.
 */
json_t	*json_whole(json_t *o, int bad);
/* A JSON string, or null for NULL. */
json_t	*json_str_or_null(const char *);
/* A JSON array of the n strings v, or NULL when out of memory. */
json_t	*json_strings(char *const *v, size_t n);

#endif
