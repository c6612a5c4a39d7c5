/*
 * ssh_plan.h: which host key of a server is fetched how, decided from its
 * KEXINIT alone, and the KEX_ECDH exchanges we can start ourselves.
 *
 * One key kind comes through a full libssh2 handshake, which also reads
 * the auth methods (the first kind libssh2 can negotiate); the others
 * through our own KEX_ECDH exchange (ecdh), which reads the host key from
 * the server's KEX_ECDH_REPLY without completing the key exchange
 * (nothing decrypted; as with ssh-keyscan, nothing verified).  That also
 * reaches keys libssh2 cannot (rsa-sha2-* only, chacha20/AES-GCM-only
 * servers).  Without a curve25519/ECDH kex, every kind libssh2 can do
 * gets its own handshake.  The kind of inline_alg is read on the hello
 * connection (inline).
 */
#ifndef TILSYN_SSH_PLAN_H
#define TILSYN_SSH_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/ssh/ssh_kex.h"

#define SSH_HK_MAX_KINDS	8

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
 * 0, or SSH_HK_ENOMEM / SSH_HK_EINTERNAL when libssh2 cannot say what it
 * supports.
 */
int	ssh_hk_plan(const struct ssh_server_hello *, const char *inline_alg,
	    struct ssh_hk_plan *) __attribute__((warn_unused_result));
/* libssh2's version string, as the plan's notes name it. */
const char *ssh_hk_libssh2_version(void);

/* The kex names ssh_ecdh_client_key() can serve, our preference first. */
extern const char *const ssh_ecdh_kexes[];
/*
 * A fresh ephemeral public key Q_C for one of ssh_ecdh_kexes, into q (at
 * most qmax bytes).  The private half is thrown away: the exchange is
 * never completed.  0 or SSH_HK_EINTERNAL.
 */
int	ssh_ecdh_client_key(const char *kex, uint8_t *q, size_t qmax,
	    size_t *qlen) __attribute__((warn_unused_result));

#endif
