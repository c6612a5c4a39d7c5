/*
 * Fuzz target: the record heads the heartbleed and ccs-injection checks
 * read after their records (tls_record_head_parse() in
 * scanner/tls/tls_hello.c) and the judges of them (tls_heartbleed.c,
 * tls_ccs.c), over arbitrary server bytes, whole and on every prefix.
 * Checks the promises: a head is TLS_OK only on a TLS record type, a
 * prefix that holds the head gives the same head, and every judged head
 * leaves a detail.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_ccs.h"
#include "scanner/tls/tls_heartbleed.h"
#include "scanner/tls/tls_hello.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct tls_record_head h, hp;
	char detail[240];
	uint8_t *copy;
	size_t cut;
	int r;

	/* An exact-size heap copy, so a sanitizer sees any overread. */
	if ((copy = malloc(len ? len : 1)) == NULL)
		return 0;
	memcpy(copy, data, len);
	r = tls_record_head_parse(copy, len, &h);
	if (r == TLS_OK) {
		if (h.type < TLS_REC_CCS || h.type > TLS_REC_HEARTBEAT ||
		    (h.version >> 8) != 3)
			__builtin_trap();
		detail[0] = '\0';
		if (heartbleed_judge(&h, detail, sizeof(detail)) !=
		    VULN_UNTESTED && detail[0] == '\0')
			__builtin_trap();
		detail[0] = '\0';
		(void)ccs_judge(&h, detail, sizeof(detail));
		if (detail[0] == '\0')
			__builtin_trap();
	}
	for (cut = 0; cut < len && cut < 16; cut++) {
		if (tls_record_head_parse(copy, cut, &hp) != TLS_OK)
			continue;
		if (r != TLS_OK || memcmp(&h, &hp, sizeof(h)) != 0)
			__builtin_trap();
	}
	free(copy);
	return 0;
}
