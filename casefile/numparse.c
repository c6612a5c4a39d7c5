/* numparse.c: see numparse.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "numparse.h"

int
parse_int64(const char *s, int64_t min, int64_t max, int64_t *out,
    const char **why)
{
	const char *p = s;
	char *end;
	long long v;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p)) {
		*why = "not a whole number";
		return -1;
	}
	while (isdigit((unsigned char)*p))
		p++;
	if (*p != '\0') {
		*why = "not a whole number";
		return -1;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE || v > max) {
		*why = v < 0 && errno == ERANGE ? "too small" : "too large";
		return -1;
	}
	if (v < min) {
		*why = "too small";
		return -1;
	}
	*out = v;
	return 0;
}
