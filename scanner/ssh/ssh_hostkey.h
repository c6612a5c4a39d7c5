/*
 * ssh_hostkey.h: host keys and authentication methods.  libssh2 handshakes
 * in non-blocking mode on a socket the engine owns (struct ssh_hk_probe),
 * the plan of which key is fetched how (ssh_hk_plan()), host key blobs and
 * their fingerprints, and the ephemeral key of our own KEX_ECDH exchange.
 *
 * The auth methods are those of a throwaway user ("none" request, RFC 4252
 * 5.2).  No password or key is ever offered.
 */
#ifndef TILSYN_SSH_HOSTKEY_H
#define TILSYN_SSH_HOSTKEY_H

#include <stddef.h>
#include <stdint.h>

#include "ssh_kex.h"

#define SSH_HK_WANT_READ	1
#define SSH_HK_WANT_WRITE	2

#define SSH_HK_EINTERNAL	(-1)
#define SSH_HK_ENOMEM		(-2)
#define SSH_HK_EHANDSHAKE	(-3)	/* libssh2 handshake failed */
#define SSH_HK_EKEY		(-4)	/* malformed host key blob */
#define SSH_HK_EAUTH		(-5)	/* no auth method list */

#define SSH_HK_USER		"tilsyn-scan-probe"
#define SSH_HK_MAX_KINDS	8

/* One host key as the server sent it. */
struct ssh_hostkey {
	char	type[64];	/* from the blob: "ssh-rsa", ... */
	int	bits;		/* modulus, curve; 256 for ed25519 */
	char	sha256[64];	/* "SHA256:" + unpadded base64 */
};

/*
 * Parses a public key blob (RFC 4253 6.6, RFC 5656, RFC 8709) into *k and
 * computes its OpenSSH SHA-256 fingerprint.  0 or SSH_HK_EKEY.
 */
int	ssh_hostkey_from_blob(const uint8_t *, size_t, struct ssh_hostkey *)
	    __attribute__((warn_unused_result));

/*
 * How to fetch each host-key kind a server offers, in the server's order.
 * One kind through a full libssh2 handshake, which also reads the auth
 * methods (the first kind libssh2 can negotiate); the others through our
 * own KEX_ECDH exchange (ecdh), which reads the host key from the server's
 * KEX_ECDH_REPLY without completing the key exchange (nothing decrypted;
 * as with ssh-keyscan, nothing verified).  That also reaches keys libssh2
 * cannot (rsa-sha2-* only, chacha20/AES-GCM-only servers).  Without a
 * curve25519/ECDH kex, every kind libssh2 can do gets its own handshake.
 * The kind of inline_alg is read on the hello connection (inline).
 */
struct ssh_hk_plan {
	struct {
		const char	*alg;	/* static string */
		int		 ecdh;
		int		 inline_;	/* on the hello conn */
	} keys[SSH_HK_MAX_KINDS];
	size_t	nkeys;
	const char *ecdh_kex;	/* static; NULL when the server has none */
	/*
	 * When libssh2 can talk to the server but only for the inline kind:
	 * the algorithm of an extra handshake for the auth methods.
	 */
	const char *auth_alg;
	/* Why some host keys cannot be had, or "". */
	char	keys_note[512];
	/* Why libssh2 cannot talk to the server at all, or "". */
	char	session_note[512];
};

/*
 * Plans from the server's KEXINIT.  inline_alg (NULL for none) is the
 * host-key algorithm the hello connection's own KEXINIT negotiated.
 */
int	ssh_hk_plan(const struct ssh_server_hello *, const char *inline_alg,
	    struct ssh_hk_plan *) __attribute__((warn_unused_result));
/*
 * A fresh ephemeral public key Q_C for one of the plan's ecdh_kex names,
 * into q (at most qmax bytes).  The private half is thrown away: the
 * exchange is never completed.  0 or SSH_HK_EINTERNAL.
 */
int	ssh_ecdh_client_key(const char *kex, uint8_t *q, size_t qmax,
	    size_t *qlen) __attribute__((warn_unused_result));
/* The kex names ssh_ecdh_client_key() can serve, our preference first. */
extern const char *const ssh_ecdh_kexes[];
/* libssh2's version string, for reasons shown to the user. */
const char *ssh_hk_libssh2_version(void);

struct ssh_hk_probe;

/*
 * A handshake that asks only for hostkey_alg (a static string) and, with
 * want_auth, for the auth methods.  NULL on allocation failure.
 */
struct ssh_hk_probe *ssh_hk_probe_new(const char *hostkey_alg, int want_auth);
void	ssh_hk_probe_free(struct ssh_hk_probe **);
/*
 * For a connection on which our identification (SSH_CLIENT_IDENT) was
 * already sent and the server's first len bytes (its identification and
 * KEXINIT, copied) already read: libssh2 reads those bytes first and does
 * not send an identification of its own, so the handshake goes on where
 * the KEXINIT read stopped.  Call before the first step.  0 or
 * SSH_HK_ENOMEM.
 */
int	ssh_hk_probe_resume(struct ssh_hk_probe *, const uint8_t *replay,
	    size_t len) __attribute__((warn_unused_result));
/*
 * Advances the handshake on fd (connected, non-blocking).  Returns
 * SSH_HK_WANT_READ or SSH_HK_WANT_WRITE when it must wait for fd, 0 when
 * finished, or < 0 with ssh_hk_probe_error() saying why.
 */
int	ssh_hk_probe_step(struct ssh_hk_probe *, int fd)
	    __attribute__((warn_unused_result));
const char *ssh_hk_probe_error(const struct ssh_hk_probe *);
/* After success: the server's host key (else NULL). */
const struct ssh_hostkey *ssh_hk_probe_key(const struct ssh_hk_probe *);
/*
 * The comma-separated method list, or NULL when not asked.  When the
 * server let the throwaway user in without authentication it is "none".
 */
const char *ssh_hk_probe_auth(const struct ssh_hk_probe *);

#endif
