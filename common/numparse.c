/* numparse.c: see numparse.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "common/numparse.h"

int
parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const char *p = s;
	char *end;
	long long v;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return NUM_NOTNUM;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p != '\0')
		return NUM_NOTNUM;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE)
		return v < 0 ? NUM_SMALL : NUM_LARGE;
	if (v > max)
		return NUM_LARGE;
	if (v < min)
		return NUM_SMALL;
	*out = v;
	return NUM_OK;
}

int
parse_seconds_ms(const char *s, int64_t min_ms, int64_t max_ms, int64_t *ms)
{
	/* Whole seconds are capped well below overflow of the milliseconds. */
	const int64_t cap = INT64_C(1000000000000);
	int64_t whole = 0, frac = 0, scale = 1, v;
	int digits = 0, dot = 0;

	for (; *s != '\0'; s++) {
		if (*s == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return NUM_NOTNUM;
		digits++;
		if (!dot) {
			if (whole > cap)
				return NUM_LARGE;
			whole = whole * 10 + (*s - '0');
		} else if (scale < 10000) {
			/* four digits decide the rounding to milliseconds */
			frac = frac * 10 + (*s - '0');
			scale *= 10;
		}
	}
	if (digits == 0)
		return NUM_NOTNUM;
	/* in tenths of a millisecond, compared before rounding */
	v = whole * 10000 + frac * (10000 / scale);
	if (v < min_ms * 10)
		return NUM_SMALL;
	if (v > max_ms * 10)
		return NUM_LARGE;
	*ms = (v + 5) / 10;
	return NUM_OK;
}

const char *
numparse_errstr(int r)
{
	switch (r) {
	case NUM_OK:
		return "ok";
	case NUM_NOTNUM:
		return "not a whole number";
	case NUM_SMALL:
		return "too small";
	case NUM_LARGE:
		return "too large";
	default:
		return "not a number";
	}
}
