/*
 * ssh_hostkey.h: a host key blob as the server sent it (RFC 4253 6.6,
 * RFC 5656, RFC 8709): its type, its size in bits and its OpenSSH
 * SHA-256 fingerprint.  A parser of hostile bytes: no I/O.
 */
#ifndef TILSYN_SSH_HOSTKEY_H
#define TILSYN_SSH_HOSTKEY_H

#include <stddef.h>
#include <stdint.h>

#define SSH_HK_EINTERNAL	(-1)
#define SSH_HK_ENOMEM		(-2)
#define SSH_HK_EHANDSHAKE	(-3)	/* libssh2 handshake failed */
#define SSH_HK_EKEY		(-4)	/* malformed host key blob */
#define SSH_HK_EAUTH		(-5)	/* no auth method list */

/* One host key as the server sent it. */
struct ssh_hostkey {
	char	type[64];	/* from the blob: "ssh-rsa", ... */
	int	bits;		/* modulus, curve; 256 for ed25519 */
	char	sha256[64];	/* "SHA256:" + unpadded base64 */
};

/*
 * Parses a public key blob into *k and computes its fingerprint.  0,
 * SSH_HK_EKEY, or SSH_HK_EINTERNAL when OpenSSL fails.
 */
int	ssh_hostkey_from_blob(const uint8_t *, size_t, struct ssh_hostkey *)
	    __attribute__((warn_unused_result));

#endif
