/*
 * Fuzz target: the nmap XML reader (scanner/target_nmap.c) on hostile
 * documents, then the endpoints it yields, so that deduplication and the
 * address arithmetic see whatever the reader let through.  An input not
 * starting with '<' is read as target specs instead, one per line (a
 * first line "-p LIST" sets the port list), and checked against a fixed
 * scope: the prefix index, the dedupe and the scope ranges then meet
 * hostile specs too.  Nothing is resolved: nmap endpoints carry their
 * address and names stay unresolved.
 */
#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/target.h"

/* Larger sets are parsed and indexed but not walked (a /8 is 16M). */
#define MAX_COUNT	4096

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
add_specs(struct target_set *set, const uint8_t *data, size_t size,
    struct target_errors *errs)
{
	char line[TARGET_MAXLEN + 1], err[64];
	const uint8_t *p = data, *end = data + size, *nl;
	size_t n;
	int first = 1;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n <= TARGET_MAXLEN && memchr(p, '\0', n) == NULL) {
			memcpy(line, p, n);
			line[n] = '\0';
			/* Refusals are expected; the set must stay sound. */
			if (first && strncmp(line, "-p ", 3) == 0) {
				if (target_set_ports(set, line + 3, err,
				    sizeof(err)) == -1)
					err[0] = '\0';
			} else if (target_set_add(set, line, errs) == -1)
				err[0] = '\0';
		}
		first = 0;
		p = nl + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	struct scope sc = { 0 };
	char err[64];
	uint64_t n = 0;
	int nmap = size > 0 && data[0] == '<', in;

	if ((set = target_set_new()) == NULL)
		return 0;
	if (nmap) {
		if (target_set_add_nmap(set, (const char *)data, size, "fuzz",
		    &errs) < 0)
			goto out;
	} else {
		add_specs(set, data, size, &errs);
		if (scope_add(&sc, "10.0.0.0/9,10.200.0.0/16,192.0.2.64/26,"
		    "2001:db8::/116,::ffff:127.0.0.0/104", err,
		    sizeof(err)) == -1)
			__builtin_trap();
		target_errors_free(&errs);
		(void)target_set_check_scope(set, &sc, 1, &errs);
	}
	if ((it = target_iter_new(set)) == NULL)
		goto out;
	if (target_set_count(set) > MAX_COUNT) {
		target_iter_free(&it);
		goto out;
	}
	while (target_next(it, &ep) == 1) {
		if (ep.index != n++)
			__builtin_trap();
		if (nmap && (ep.addrlen == 0 || ep.error != TARGET_OK))
			__builtin_trap();
		/* The scope marks agree with scope_contains() everywhere. */
		if (!nmap && ep.addrlen != 0) {
			in = scope_contains(&sc, (struct sockaddr *)&ep.addr);
			if (in != (ep.error != TARGET_ESCOPE))
				__builtin_trap();
		}
	}
	if (target_iter_consumed(it) != target_set_count(set) ||
	    target_iter_consumed(it) != n + target_iter_duplicates(it))
		__builtin_trap();
	target_iter_free(&it);
out:
	scope_free(&sc);
	target_errors_free(&errs);
	target_set_free(&set);
	return 0;
}
