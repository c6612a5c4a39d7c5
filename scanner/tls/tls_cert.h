/*
 * tls_cert.h: certificates through OpenSSL, on the engine (an fd-driven
 * probe: non-blocking SSL_connect on the engine's socket).  One handshake
 * per key type (RSA, ECDSA), restricted through the signature algorithms
 * and suites, at the best version both sides speak.  The chain is kept as
 * the server sent it; verification against the system store or a CA file,
 * host-name match, missing intermediates and OCSP stapling come from the
 * same handshake.  Trusts nothing the peer sends beyond what OpenSSL has
 * parsed.
 */
#ifndef TILSYN_TLS_CERT_H
#define TILSYN_TLS_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/engine.h"

#define CERT_KT_RSA	0
#define CERT_KT_ECDSA	1
#define CERT_KT_COUNT	2

struct cert_info {
	int	 chain;			/* index of the handshake */
	int	 position;		/* 0 = leaf, as sent */
	char	*subject;		/* RFC 2253 */
	char	*issuer;
	char	 not_before[32];	/* 2026-11-28T12:00:00Z */
	char	 not_after[32];
	long	 days_left;		/* negative when expired */
	int	 not_yet_valid;
	char	 key_type[16];		/* "RSA", "EC", "ED25519", ... */
	int	 key_bits;
	char	 sig_alg[64];		/* "sha256WithRSAEncryption" */
	int	 sig_sha1;		/* SHA-1 or MD5 signature */
	int	 sig_md5;
	int	 self_signed;
	char	**san;			/* "DNS:name", "IP:addr" */
	size_t	 nsan;
	char	 sha256[65];		/* hex of the DER */
};

struct cert_chain {
	char	 key_type[16];		/* what the handshake asked for */
	char	 version[16];		/* "TLSv1.3" */
	int	 valid;			/* verified against the store */
	char	 verify_error[160];	/* "" when valid */
	int	 hostname_match;	/* -1 when no name to check */
	int	 incomplete;		/* issuer not sent and not in store */
	int	 ocsp_stapled;
};

struct cert_result {
	int			 tried;		/* any handshake attempted */
	struct cert_chain	 chains[CERT_KT_COUNT];
	size_t			 nchains;
	struct cert_info	*certs;
	size_t			 ncerts;
	char			 error[160];	/* when no chain was obtained */
};

struct cert_config {
	const char	*ca_file;	/* NULL: the system store */
	const char	*sni;		/* may be NULL */
	const char	*host;		/* name or IP literal to match */
};

/* Initialises OpenSSL contexts once; 0 or -1 (bad CA file: err set). */
int	tls_cert_global_init(const char *ca_file, char *err, size_t errlen)
	    __attribute__((warn_unused_result));
void	tls_cert_global_free(void);

/*
 * One certificate handshake for key type kt.  The probe's ops are
 * tls_cert_ops; arg is a struct cert_probe from tls_cert_probe_new().  When
 * the engine calls on_end, the probe adds its chain to res (which must
 * outlive it) and calls done(done_arg) after freeing itself.
 */
struct cert_probe;
extern const struct probe_ops tls_cert_ops;
struct cert_probe *tls_cert_probe_new(const struct cert_config *, int kt,
    struct cert_result *res, void (*done)(void *, int), void *done_arg);
/*
 * For STARTTLS: returns the probe's byte-mode preamble hook slot.  The
 * preamble (if any) is run by starttls.c before SSL_connect.
 */
void	tls_cert_set_preamble(struct cert_probe *, int svc);

void	cert_result_release(struct cert_result *);

#endif
