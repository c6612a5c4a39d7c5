/*
 * Fuzz target: the TLS/SSLv2 answer parser over arbitrary server bytes,
 * with every parse mode and on growing prefixes (as the engine calls it),
 * and the planner fed whatever the parser accepted.  Checks the parser's
 * promises: NEED_MORE on a prefix of a complete answer never turns into
 * an error, and "used" never exceeds the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_hello.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const unsigned modes[] = {
		0, TLS_PARSE_FLIGHT, TLS_PARSE_SSL2,
		TLS_PARSE_FLIGHT | TLS_PARSE_FINAL, TLS_PARSE_FINAL,
	};
	struct tls_enum_config cfg;
	struct tls_enum *e;
	struct tls_probe p;
	struct tls_answer a;
	uint8_t *copy;
	size_t i, cut;
	int r, rfull;

	/* An exact-size heap copy, so a sanitizer sees any overread. */
	if ((copy = malloc(len ? len : 1)) == NULL)
		return 0;
	memcpy(copy, data, len);
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		rfull = tls_answer_parse(copy, len, modes[i], &a);
		if (rfull == TLS_OK && a.used > len)
			__builtin_trap();
		if (rfull == TLS_NEED_MORE && (modes[i] & TLS_PARSE_FINAL))
			__builtin_trap();
		for (cut = 1; cut < len; cut = cut * 2 + 1) {
			r = tls_answer_parse(copy, cut, modes[i], &a);
			/* a prefix cannot be complete where the whole is
			   still waiting */
			if (rfull == TLS_NEED_MORE && r == TLS_OK &&
			    !(modes[i] & TLS_PARSE_FINAL))
				__builtin_trap();
		}
	}
	/* Whatever the parser accepts, the planner must digest. */
	memset(&cfg, 0, sizeof(cfg));
	if ((e = tls_enum_new(&cfg)) != NULL) {
		for (i = 0; i < 64 && tls_enum_next(e, &p) == TLS_ENUM_PROBE;
		    i++) {
			r = tls_answer_parse(copy, len, p.parse_flags, &a);
			(void)tls_enum_answer(e, p.id, r == TLS_OK ?
			    TLS_OUT_ANSWER : TLS_OUT_GARBAGE,
			    r == TLS_OK ? &a : NULL);
		}
		tls_enum_free(&e);
	}
	free(copy);
	return 0;
}
