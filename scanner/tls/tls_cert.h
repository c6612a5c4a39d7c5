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

#include <openssl/x509.h>

#include "scanner/engine.h"

#define CERT_KT_RSA	0
#define CERT_KT_ECDSA	1
#define CERT_KT_COUNT	2

/* Where a Signed Certificate Timestamp came from (RFC 6962, 3.3). */
#define CERT_SCT_CERT	0	/* embedded in the certificate */
#define CERT_SCT_TLS	1	/* the TLS extension (RFC 6962) */
#define CERT_SCT_OCSP	2	/* in the stapled OCSP response */

#define CERT_MAX_SCTS	16	/* kept per certificate and per chain */
#define CERT_MAX_URIS	8	/* kept per list (CRL, OCSP, issuers) */

struct cert_sct {
	char	 log_id[48];		/* base64 of the 32-byte log id */
	char	 timestamp[32];		/* 2026-11-28T12:00:00Z */
	int	 source;		/* CERT_SCT_* */
};

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
	char	 serial[72];		/* hex; cut ones end in "..." */
	int	 key_usage;		/* X509v3_KU_* bits, -1: none */
	int	 has_eku;		/* has extended key usage */
	int	 eku_server_auth;	/* it lists serverAuth */
	char	**eku;			/* "serverAuth", or the OID */
	size_t	 neku;
	char	**crl;			/* CRL distribution points */
	size_t	 ncrl;
	char	**ocsp;			/* AIA OCSP responder URIs */
	size_t	 nocsp;
	char	**ca_issuers;		/* AIA CA issuers URIs */
	size_t	 nca_issuers;
	int	 must_staple;		/* TLS feature status_request */
	struct cert_sct scts[CERT_MAX_SCTS];	/* embedded */
	size_t	 nscts;
};

struct cert_chain {
	char	 key_type[16];		/* what the handshake asked for */
	char	 version[16];		/* "TLSv1.3" */
	int	 valid;			/* verified against the store */
	char	 verify_error[160];	/* "" when valid */
	int	 hostname_match;	/* -1 when no name to check */
	int	 incomplete;		/* issuer not sent and not in store */
	int	 ocsp_stapled;
	/* "handshake": OpenSSL's; "hello": parsed from the Certificate
	   message of our own hello's answer (no handshake completed). */
	char	 source[16];
	int	 store_ca_file;		/* verified with --ca-file */
	char	 ocsp_status[24];	/* the staple: "good", "revoked",
					   "unknown", or the response status
					   ("tryLater", ...); "" none */
	int	 in_order;		/* each issued by the next */
	int	 order_break;		/* first position that is not */
	char	 suite[64];		/* the handshake's, OpenSSL's name */
	/* The key usage of the leaf does not allow the handshake's key
	   exchange: what it lacks ("digitalSignature"), else "". */
	char	 ku_missing[32];
	struct cert_sct scts[CERT_MAX_SCTS];	/* TLS extension and OCSP */
	size_t	 nscts;
};

struct cert_result {
	int			 tried;		/* any handshake attempted */
	struct cert_chain	 chains[CERT_KT_COUNT];
	size_t			 nchains;
	struct cert_info	*certs;
	size_t			 ncerts;
	char			 error[160];	/* when no chain was obtained */
	/* Why the last probe that ended TLS_CERT_THROTTLED was pushed
	   back ("FTP greeting: '421 There are too many ...'"), or "". */
	char			 throttled[160];
	unsigned		 throttled_kts;	/* bit (1u << kt) per key type
						   pushed back, not yet taken */
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
/* The client SSL_CTX of tls_cert_global_init() (NULL before it). */
struct ssl_ctx_st *tls_cert_ssl_ctx(void);

/*
 * done()'s status when the server pushed back before the handshake could
 * start: a STARTTLS 4xx or 421 (vsftpd's max_per_ip), a "* BYE" or "-ERR"
 * greeting, a close or reset inside the preamble.  No chain was added;
 * res->throttled says why, and so does res->error if it was empty (the
 * report shows it only while no chain came, so a retry that succeeds
 * hides it).  The handshake may be tried again with a new probe of the
 * same kt, after a pause: tls_cert_take_throttled() names it.  A caller
 * that gives up should say that the certificates are unknown because the
 * server kept pushing back.
 */
#define TLS_CERT_THROTTLED	(-200)

/*
 * One certificate handshake for key type kt.  The probe's ops are
 * tls_cert_ops; arg is a struct cert_probe from tls_cert_probe_new().  When
 * the engine calls on_end, the probe adds its chain to res (which must
 * outlive it), or the reason to res->error when it got none, and calls
 * done(done_arg, status) after freeing itself: status 0 (a chain), the
 * engine's error, ENGINE_EPROTO (a failed handshake or preamble), or
 * TLS_CERT_THROTTLED.
 */
struct cert_probe;
extern const struct probe_ops tls_cert_ops;
struct cert_probe *tls_cert_probe_new(const struct cert_config *, int kt,
    struct cert_result *res, void (*done)(void *, int), void *done_arg);
/*
 * For STARTTLS: the probe runs svc's preamble (starttls.c) before
 * SSL_connect, waiting up to greeting_ms for the greeting
 * (--greeting-timeout; STARTTLS_GREETING_MS by default; 0: the engine's
 * read timeout), through tls_cert_ops.wait_ms.
 */
void	tls_cert_set_preamble(struct cert_probe *, int svc, int greeting_ms);

/*
 * A key type whose handshake ended TLS_CERT_THROTTLED and was not taken
 * yet (taking it clears it), or -1: what to ask again from done().
 */
int	tls_cert_take_throttled(struct cert_result *);

/*
 * For a server no handshake could be completed with (SSLv3, suites
 * OpenSSL refuses): adds the chain of the Certificate message of our own
 * hello's answer, list[0..len) being its certificate_list (each entry a
 * 3-byte length and the DER; tls_answer_certificates()) at version
 * ("TLSv1.0"), with source "hello".  Verified against the same store; no
 * staple, no SCT extension.  At most CERT_HELLO_MAX certificates are read.
 * Returns 0, or -1 (nothing added: malformed DER or framing, no
 * certificate, no room, or out of memory).
 */
#define CERT_HELLO_MAX	16
/*
 * The certificates of a certificate_list (list[0..len), each a 3-byte
 * length and the DER), at most max of them: a new stack (the caller's),
 * or NULL when none is there, the framing or a DER is bad, or memory
 * ran out.  What follows the max-th is not read.
 */
STACK_OF(X509) *tls_cert_list_parse(const uint8_t *list, size_t len,
	    int max);
int	tls_cert_add_hello(struct cert_result *res,
	    const struct cert_config *cfg, const uint8_t *list, size_t len,
	    const char *version) __attribute__((warn_unused_result));

void	cert_result_release(struct cert_result *);

#endif
