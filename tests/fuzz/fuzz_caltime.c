/*
 * Fuzz target: the ISO 8601 time and date parsers of law/caltime.c,
 * which read command-line and case-file input, and the formatter and month
 * arithmetic on whatever they accept.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "law/caltime.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct caltime c;
	char err[256], out[64], *s;
	int64_t days;

	if (len > 256)
		return 0;
	if ((s = malloc(len + 1)) == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	if (caltime_parse(s, &c, err, sizeof(err)) == 0) {
		caltime_format(c.t, &c, out, sizeof(out));
		caltime_format_utc(caltime_add_month(c.t, &c), out,
		    sizeof(out));
	}
	if (caltime_parse_date(s, &days) == 0)
		caltime_format_date(days, out, sizeof(out));
	free(s);
	return 0;
}
