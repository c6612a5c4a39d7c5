/*
 * Fuzz target: the checkpoint parser of casefile/checkpoint.c, which
 * reads files handed to `tilsyn-case verify --checkpoint`, and, for what
 * it accepts, the signature check against a fixed public key (it must
 * refuse: nobody holds the key's private half).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casefile/checkpoint.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	/* A point of the curve nobody has the scalar of: RFC 8032 test 1. */
	static const unsigned char pub[32] = {
		0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7,
		0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
		0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25,
		0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
	};
	struct checkpoint c;
	EVP_PKEY *k;
	char why[128];

	if (checkpoint_parse((const char *)data, len, &c, why, sizeof(why)) !=
	    CHECKPOINT_OK)
		return 0;
	if ((k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
	    sizeof(pub))) == NULL)
		return 0;
	if (checkpoint_verify(k, &c) == CHECKPOINT_OK)
		abort();	/* a forgery */
	EVP_PKEY_free(k);
	return 0;
}
