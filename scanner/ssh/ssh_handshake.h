/*
 * ssh_handshake.h: one libssh2 handshake in non-blocking mode on a socket
 * the engine owns: it asks for one host-key algorithm, reads that host
 * key and, if asked, the auth methods of a throwaway user ("none"
 * request, RFC 4252 5.2).  No password or key is ever offered.
 */
#ifndef TILSYN_SSH_HANDSHAKE_H
#define TILSYN_SSH_HANDSHAKE_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/ssh/ssh_hostkey.h"

#define SSH_HK_WANT_READ	1
#define SSH_HK_WANT_WRITE	2

#define SSH_HK_USER		"tilsyn-scan-probe"

struct ssh_handshake;

/*
 * A handshake that asks only for hostkey_alg (a static string) and, with
 * want_auth, for the auth methods.  NULL on allocation failure.
 */
struct ssh_handshake *ssh_handshake_new(const char *hostkey_alg,
    int want_auth);
void	ssh_handshake_free(struct ssh_handshake **);
/*
 * For a connection on which our identification (SSH_CLIENT_IDENT) was
 * already sent and the server's first len bytes (its identification and
 * KEXINIT, copied) already read: libssh2 reads those bytes first and does
 * not send an identification of its own, so the handshake goes on where
 * the KEXINIT read stopped.  Call before the first step.  0 or
 * SSH_HK_ENOMEM.
 */
int	ssh_handshake_resume(struct ssh_handshake *, const uint8_t *replay,
	    size_t len) __attribute__((warn_unused_result));
/*
 * Advances the handshake on fd (connected, non-blocking).  Returns
 * SSH_HK_WANT_READ or SSH_HK_WANT_WRITE when it must wait for fd, 0 when
 * finished, or < 0 with ssh_handshake_error() saying why.
 */
int	ssh_handshake_step(struct ssh_handshake *, int fd)
	    __attribute__((warn_unused_result));
const char *ssh_handshake_error(const struct ssh_handshake *);
/* After success: the server's host key (else NULL). */
const struct ssh_hostkey *ssh_handshake_key(const struct ssh_handshake *);
/*
 * The comma-separated method list, or NULL when not asked.  When the
 * server let the throwaway user in without authentication it is "none".
 */
const char *ssh_handshake_auth(const struct ssh_handshake *);
/*
 * Bytes libssh2 has sent on fd so far (without a resumed identification):
 * a step that sent something moved the exchange on, one that only read
 * did not (a server may trickle its answer).
 */
uint64_t ssh_handshake_sent(const struct ssh_handshake *);
/* What the handshake is at, for messages: "key exchange", ... */
const char *ssh_handshake_stage(const struct ssh_handshake *);

#endif
