/*
 * Fuzz target: the HTTP response head parser over hostile server bytes,
 * whole and at every prefix length the probe could hand it (every tenth,
 * to stay fast), and the HSTS directive parser over the data as one
 * value.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct http_head h;
	struct http_hsts t;
	char v[HTTP_VALUE_MAX];
	size_t n;
	int r;

	for (n = size % 10; n <= size; n += 10) {
		r = http_parse(data, n, &h);
		if (r == HTTP_OK && (h.length > n || h.status < 100))
			__builtin_trap();
	}
	r = http_parse(data, size, &h);
	(void)http_errstr(r);
	n = size < sizeof(v) - 1 ? size : sizeof(v) - 1;
	memcpy(v, data, n);
	v[n] = '\0';
	if (http_hsts_parse(v, &t) == 0 && t.max_age < 0)
		__builtin_trap();
	return 0;
}
