/*
 * Fuzz target: the Certificate message of a TLS <= 1.2 answer
 * (tls_answer_certificates() in scanner/tls/tls_hello.c) and the chain
 * read from it (tls_cert_add_hello() in scanner/tls/tls_cert.c), over
 * arbitrary server bytes, whole and on growing prefixes.  Checks the
 * promises: a list is never longer than the input, a prefix that holds
 * the whole first Certificate message yields the same list, and the
 * chain reader takes any bytes (as a list of its own too).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tls/tls_cert.h"
#include "scanner/tls/tls_hello.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
chain_of(const uint8_t *list, size_t len)
{
	struct cert_result res;
	struct cert_config cfg;

	memset(&res, 0, sizeof(res));
	memset(&cfg, 0, sizeof(cfg));
	cfg.host = "legacy.test";
	if (tls_cert_add_hello(&res, &cfg, list, len, "TLSv1.0") == 0 &&
	    (res.nchains != 1 || res.ncerts == 0 ||
	    res.ncerts > CERT_HELLO_MAX))
		__builtin_trap();
	cert_result_release(&res);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	uint8_t *copy, *full = NULL, *part;
	size_t fulllen = 0, partlen, cut;
	int r;

	/* An exact-size heap copy, so a sanitizer sees any overread. */
	if ((copy = malloc(len ? len : 1)) == NULL)
		return 0;
	memcpy(copy, data, len);
	r = tls_answer_certificates(copy, len, &full, &fulllen);
	if (r != TLS_OK && full != NULL)
		__builtin_trap();
	if (full != NULL && (fulllen == 0 || fulllen > len))
		__builtin_trap();
	for (cut = 1; cut < len; cut = cut * 2 + 1) {
		if (tls_answer_certificates(copy, cut, &part, &partlen) !=
		    TLS_OK)
			continue;
		if (part != NULL && full != NULL && (partlen != fulllen ||
		    memcmp(part, full, fulllen) != 0))
			__builtin_trap();
		free(part);
	}
	if (full != NULL)
		chain_of(full, fulllen);
	chain_of(copy, len);
	free(full);
	free(copy);
	return 0;
}
