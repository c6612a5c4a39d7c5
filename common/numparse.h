/*
 * numparse.h: the one range-checked number parser of tilsyn (never atoi,
 * never a bare strtol).  Whole numbers are an optional '-' and decimal
 * digits, nothing else: no '+', no spaces, no hex.
 */
#ifndef TILSYN_NUMPARSE_H
#define TILSYN_NUMPARSE_H

#include <stdint.h>

#define NUM_OK		 0
#define NUM_NOTNUM	-1	/* "not a whole number" */
#define NUM_SMALL	-2	/* "too small" */
#define NUM_LARGE	-3	/* "too large" */

/* Parses s into *out if it is a whole decimal number within [min, max]. */
int	parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
	    __attribute__((warn_unused_result));
/*
 * Parses decimal seconds ("5", "0.5", ".25") into milliseconds, rounded
 * to the nearest, if within [min_ms, max_ms].  NUM_NOTNUM for anything
 * else than digits with at most one '.'.
 */
int	parse_seconds_ms(const char *s, int64_t min_ms, int64_t max_ms,
	    int64_t *ms) __attribute__((warn_unused_result));
/* What a NUM_* code means, in the words the binaries print. */
const char *numparse_errstr(int);

#endif
