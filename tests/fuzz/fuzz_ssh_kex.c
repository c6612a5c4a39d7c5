/*
 * Fuzz target: the SSH identification + KEXINIT parser over arbitrary
 * server bytes, on a few prefix lengths a reader could see, and the same
 * bytes read as the answer to our KEX_ECDH_INIT.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/ssh/ssh_hostkey.h"
#include "scanner/ssh/ssh_kex.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct ssh_server_hello h;
	struct ssh_hostkey key;
	const uint8_t *blob;
	char err[256];
	size_t i, cut, bloblen;
	int rc;

	ssh_server_hello_init(&h);
	/* The whole input, then a few prefixes (as a reader grows). */
	rc = ssh_kex_parse(data, len, &h, err, sizeof(err));
	if (rc == 0 && h.has_kexinit)
		for (i = 0; i < SSH_L_COUNT; i++)
			if (h.lists[i].n > 0 && strlen(h.lists[i].v[0]) == 0)
				__builtin_trap();
	for (cut = 1; cut < len; cut *= 3)
		if (ssh_kex_parse(data, cut, &h, err, sizeof(err)) == 0 &&
		    h.ssh2 && !h.has_kexinit)
			__builtin_trap();
	/* The same bytes as an answer to our KEX_ECDH_INIT. */
	if (ssh_kex_parse_reply(data, len, &h, &blob, &bloblen, err,
	    sizeof(err)) == 0) {
		if (blob < data || blob + bloblen > data + len)
			__builtin_trap();
		if (ssh_hostkey_from_blob(blob, bloblen, &key) == 0 &&
		    strncmp(key.sha256, "SHA256:", 7) != 0)
			__builtin_trap();
	}
	/* And the whole input as a host key blob. */
	if (ssh_hostkey_from_blob(data, len, &key) == 0 && key.bits < 0)
		__builtin_trap();
	ssh_server_hello_release(&h);
	return 0;
}
