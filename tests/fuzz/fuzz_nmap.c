/*
 * Fuzz target: the nmap XML reader (scanner/target_nmap.c) on hostile
 * documents, then the endpoints it yields, so that deduplication and the
 * address arithmetic see whatever the reader let through.  Nothing is
 * resolved: nmap endpoints carry their address.
 */
#include <stddef.h>
#include <stdint.h>

#include "scanner/target.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	uint64_t n = 0;

	if ((set = target_set_new()) == NULL)
		return 0;
	if (target_set_add_nmap(set, (const char *)data, size, "fuzz",
	    &errs) >= 0 && (it = target_iter_new(set)) != NULL) {
		while (target_next(it, &ep) == 1) {
			/* Every endpoint from nmap has an address to use. */
			if (ep.addrlen == 0 || ep.index != n++ ||
			    ep.error != TARGET_OK)
				__builtin_trap();
		}
		if (target_iter_consumed(it) != target_set_count(set) ||
		    target_iter_consumed(it) != n + target_iter_duplicates(it))
			__builtin_trap();
		target_iter_free(&it);
	}
	target_errors_free(&errs);
	target_set_free(&set);
	return 0;
}
