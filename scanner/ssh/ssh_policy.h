/*
 * ssh_policy.h: the tests behind the SSH rows of policy.c's rule table.
 * Each looks at r->ssh (observations only), writes its evidence and
 * returns 1 when the rule fires; arg selects a variant where noted.
 */
#ifndef TILSYN_SSH_POLICY_H
#define TILSYN_SSH_POLICY_H

#include <stddef.h>
#include <stdint.h>

struct scan_result;

/* SSH-1 offered ("1.x" or "1.99"). */
int	ssh_rule_protocol1(const struct scan_result *, char *, size_t,
	    uint32_t);
/* Terrapin: see ssh_terrapin(). */
int	ssh_rule_terrapin(const struct scan_result *, char *, size_t,
	    uint32_t);
/* SHA-1 key exchanges. */
int	ssh_rule_kex_sha1(const struct scan_result *, char *, size_t,
	    uint32_t);
/* Host-key algorithms that sign with SHA-1: ssh-rsa, ssh-dss. */
int	ssh_rule_hostkey_sha1(const struct scan_result *, char *, size_t,
	    uint32_t);
/* RSA host keys shorter than arg bits (and at least the next rule's). */
int	ssh_rule_rsa_key(const struct scan_result *, char *, size_t,
	    uint32_t);
/* Ciphers: arg 0 CBC (not 3DES), 1 3DES, 2 arcfour, 3 none. */
int	ssh_rule_cipher(const struct scan_result *, char *, size_t,
	    uint32_t);
/* MD5, SHA-1, 96-bit and umac-64 MACs; arg 1: the "none" MAC. */
int	ssh_rule_mac(const struct scan_result *, char *, size_t, uint32_t);
/* "zlib" (compression before authentication). */
int	ssh_rule_compression(const struct scan_result *, char *, size_t,
	    uint32_t);
/* Auth methods: arg 0 password, 1 keyboard-interactive, 2 none. */
int	ssh_rule_auth(const struct scan_result *, char *, size_t, uint32_t);

#endif
