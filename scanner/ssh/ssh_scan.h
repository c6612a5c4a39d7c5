/*
 * ssh_scan.h: the SSH scan of one endpoint on the engine, and its result.
 *
 * Plan: one byte-mode probe sends our identification and reads the
 * server's identification and KEXINIT (ssh_kex.c).  The KEXINIT decides
 * the rest (ssh_hk_plan()): one connection per host-key kind, the others
 * started at once and run in parallel within the engine's per-host limit.
 * One kind comes from a libssh2 handshake that also reads the auth
 * methods; the others from our own KEX_ECDH exchange.  The hello
 * connection itself reads one kind: when our KEXINIT has not gone out yet
 * (OpenSSH and dropbear send theirs first) and libssh2 can talk to the
 * server, it goes on as that libssh2 handshake, else by KEX_ECDH after
 * our KEXINIT (other servers get ours as soon as their identification is
 * in: some wait for the client's).  Observations only: what they
 * expose is decided by ssh_policy.c.
 */
#ifndef TILSYN_SSH_SCAN_H
#define TILSYN_SSH_SCAN_H

#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>

#include "scanner/engine.h"
#include "scanner/ssh/ssh_hostkey.h"
#include "scanner/ssh/ssh_kex.h"

struct ssh_result {
	/* Identification and KEXINIT (lists in server order). */
	struct ssh_server_hello hello;
	int		 scanned;	/* hello read (error == NULL) */
	struct ssh_hostkey *host_keys;	/* in the server's order */
	size_t		 nhost_keys;
	char		*host_keys_error; /* NULL, or why (some) not */
	char		**auth_methods;	/* NULL when not obtained */
	size_t		 nauth_methods;
	char		*auth_error;	/* why auth_methods is NULL */
	uint32_t	 connections;
	char		*error;		/* NULL, or why no hello */
	int		 error_status;	/* the engine status behind error */
};

struct ssh_result *ssh_result_new(void);
void	ssh_result_free(struct ssh_result **);

/*
 * Queues the SSH scan of addr on e, filling res (owned by the caller, must
 * live until done is called).  host is the engine's per-host key.  done is
 * called exactly once, from the engine loop, when every probe has ended
 * (also when submitting failed later in the plan).  Returns 0, or
 * ENGINE_ENOMEM or ENGINE_ESTOPPED (the engine was stopped) with nothing
 * queued and done not called.  Every probe has deadline_ms (the
 * target's) besides the engine's timeouts: whatever the server does, done
 * is called by then.
 */
int	ssh_scan_submit(struct engine *e, const struct sockaddr *addr,
	    socklen_t addrlen, const char *host, uint64_t deadline_ms,
	    struct ssh_result *res, void (*done)(void *), void *done_arg)
	    __attribute__((warn_unused_result));

#endif
