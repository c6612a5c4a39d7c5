/*
 * ssh_policy.h: what the SSH observations mean.  The scan records what
 * the server offered and did (struct ssh_result); these functions decide
 * what that exposes.  Pure: no I/O.  The profile (scanner/profile.h)
 * holds the ids, severities and legal basis; policy.c calls the tests
 * below on a scanned result; each writes its evidence and returns 1 when
 * the rule fires.
 */
#ifndef TILSYN_SSH_POLICY_H
#define TILSYN_SSH_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/ssh/ssh_kex.h"
#include "scanner/ssh/ssh_scan.h"

/*
 * Terrapin (CVE-2023-48795) exposure from the KEXINIT alone: the server
 * offers chacha20-poly1305@openssh.com, or a CBC cipher together with an
 * encrypt-then-MAC (-etm@openssh.com) MAC in one direction, and does not
 * offer strict kex.  0 without a KEXINIT.
 */
int	ssh_terrapin(const struct ssh_server_hello *);

/* What ssh_rule_offers() looks for in the server's name-lists. */
enum ssh_offer {
	SSH_OFFER_KEX_SHA1,	/* SHA-1 key exchanges */
	SSH_OFFER_HOSTKEY_SHA1,	/* host keys signing with SHA-1 */
	SSH_OFFER_CIPHER_NONE,
	SSH_OFFER_CIPHER_ARCFOUR,
	SSH_OFFER_CIPHER_3DES,
	SSH_OFFER_CIPHER_CBC,	/* CBC modes other than 3DES */
	SSH_OFFER_MAC_NONE,
	SSH_OFFER_MAC_WEAK,	/* MD5, SHA-1, 96-bit and 64-bit MACs */
	SSH_OFFER_ZLIB,		/* compression before authentication */
	SSH_OFFER_COUNT
};

/* SSH-1 offered ("1.x" or "1.99"). */
int	ssh_rule_protocol1(const struct ssh_result *, char *, size_t,
	    uint32_t);
/* ssh_terrapin(), with which of its two conditions holds. */
int	ssh_rule_terrapin(const struct ssh_result *, char *, size_t,
	    uint32_t);
/* The names of one enum ssh_offer kind the server offers, each once. */
int	ssh_rule_offers(const struct ssh_result *, char *, size_t, uint32_t);
/*
 * An RSA host key shorter than min bits and at least floor bits (0: no
 * floor), so that a short key and a weak one are two findings.
 */
int	ssh_rule_rsa_key(const struct ssh_result *, char *, size_t,
	    uint32_t min, uint32_t floor);

/* The algorithm name-lists a profile can constrain by pattern. */
enum ssh_alg_list {
	SSH_ALG_KEX,
	SSH_ALG_HOSTKEY,
	SSH_ALG_CIPHER,		/* both directions */
	SSH_ALG_MAC,
	SSH_ALG_COMPRESSION,
	SSH_ALG_COUNT
};

/*
 * Names of list offered that match one of the fnmatch(3) patterns
 * (allowed 0), or that match none of them (allowed 1), each once.
 */
int	ssh_rule_names(const struct ssh_result *, char *, size_t,
	    enum ssh_alg_list list, char *const *patterns, size_t n,
	    int allowed);
/* Auth methods: arg 0 password, 1 keyboard-interactive, 2 none. */
int	ssh_rule_auth(const struct ssh_result *, char *, size_t, uint32_t);

#endif
