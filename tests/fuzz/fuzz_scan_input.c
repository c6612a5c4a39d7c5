/*
 * Fuzz target: the case file's reader of the scanner's JSON Lines (what
 * tilsyn-case scan reads from the scanner's pipe and --import from an
 * inspector's file), in chunks whose sizes come from the data, then the
 * key of every result and what changed between consecutive results.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "casefile/scans.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_input in;
	struct scan_key key;
	json_t *prev = NULL, *cur, *d;
	char err[512];
	size_t off = 0, chunk, i;
	int worst, r = 0;

	scan_input_init(&in);
	while (off < size && r == 0) {
		chunk = 1 + (size_t)(data[off] % 251) * 7;
		if (chunk > size - off)
			chunk = size - off;
		r = scan_input_bytes(&in, data + off, chunk, false, err,
		    sizeof(err));
		off += chunk;
	}
	if (r == 0)
		r = scan_input_bytes(&in, NULL, 0, true, err, sizeof(err));
	for (i = 0; i < in.nres; i++) {
		if (scan_result_key(in.res[i].p, in.res[i].len, &key) == 0)
			scan_key_release(&key);
		cur = json_loadb((const char *)in.res[i].p, in.res[i].len, 0,
		    NULL);
		if (cur != NULL &&
		    (d = scan_diff_endpoint(&in.res[i].key, prev, cur,
		    &worst)) != NULL)
			json_decref(d);
		json_decref(prev);
		prev = cur;
	}
	json_decref(prev);
	scan_input_release(&in);
	return 0;
}
