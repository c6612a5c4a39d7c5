/*
 * Fuzz target: the ServerHello session-id reader of the ticketbleed
 * check (ticketbleed_parse() in scanner/tls/tls_ticketbleed.c).  The
 * first input byte picks the length of "our" session id (0..32), the
 * next bytes are it, the rest is what the server sent; read whole and on
 * growing prefixes.  Checks the promises: a session id is at most 32
 * bytes, an echo is at least as long as ours, and a prefix that decides
 * decides the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_ticketbleed.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct tb_answer a, ap;
	uint8_t ours[32], *copy;
	size_t ourlen, cut;
	int r;

	if (len < 1)
		return 0;
	ourlen = data[0] % 33;
	if (len < 1 + ourlen)
		return 0;
	memcpy(ours, data + 1, ourlen);
	data += 1 + ourlen;
	len -= 1 + ourlen;
	/* An exact-size heap copy, so a sanitizer sees any overread. */
	if ((copy = malloc(len ? len : 1)) == NULL)
		return 0;
	memcpy(copy, data, len);
	r = ticketbleed_parse(copy, len, ours, ourlen, &a);
	if (r == TLS_OK && a.kind == TB_SERVER_HELLO &&
	    (a.sid_len > 32 || (a.echo && a.sid_len < ourlen)))
		__builtin_trap();
	if (r == TLS_OK && a.kind != TB_SERVER_HELLO && a.kind != TB_ALERT)
		__builtin_trap();
	for (cut = 0; cut < len; cut = cut * 2 + 1) {
		if (ticketbleed_parse(copy, cut, ours, ourlen, &ap) != TLS_OK)
			continue;
		if (r != TLS_OK || memcmp(&a, &ap, sizeof(a)) != 0)
			__builtin_trap();
	}
	free(copy);
	return 0;
}
