/*
 * case_impl.h: what case.c shares with the other files that change the
 * case file (register.c), not with its callers: the code conversions, the
 * journal append and the end of a transaction.
 */
#ifndef TILSYN_CASE_IMPL_H
#define TILSYN_CASE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "casefile/case.h"

/* A STORE_* code as a CASE_* code. */
int	case_stored(int);
/* Fills res with why; returns code. */
int	case_say(struct case_result *res, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * An event outside any step (entity, case open and close, init); the
 * payload is taken over (NULL: its allocation failed).  case_id NULL for
 * an event outside a case.
 */
int	case_append_json(struct case_writer *, const char *case_id,
	    const char *kind, json_t *payload)
	    __attribute__((warn_unused_result));
/*
 * Ends a change: committed when r is CASE_OK, else rolled back; L (may be
 * NULL) is released.
 */
int	case_end(struct case_writer *, struct case_state *L, int r)
	    __attribute__((warn_unused_result));
/* A JSON array of the strings v[0..n-1]; NULL when out of memory. */
json_t	*case_strings(const char *const *v, size_t n);

#endif
