/*
 * numparse.h: the one range-checked number parser of the binaries (never
 * atoi).  Accepts optional leading '-' and decimal digits only.
 */
#ifndef TILSYN_NUMPARSE_H
#define TILSYN_NUMPARSE_H

#include <stdint.h>

/*
 * Parses s into *out if it is a whole decimal number within [min, max].
 * Returns 0, or -1 with *why set to "not a whole number", "too small" or
 * "too large".
 */
int	parse_int64(const char *s, int64_t min, int64_t max, int64_t *out,
	    const char **why) __attribute__((warn_unused_result));

#endif
