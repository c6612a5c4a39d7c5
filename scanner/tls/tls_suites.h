/*
 * tls_suites.h: the table of every cipher suite of the IANA TLS Cipher
 * Suites registry and of the SSLv2 cipher kinds, generated at build time
 * from tls/suites.txt (tls/gen_suites.py validates it).
 *
 * TLS codes are the 2-byte registry values (0x0000-0xffff); SSLv2 kinds are
 * 3-byte values (0x010080 ...) and carry TLS_SF_SSL2.  The table is sorted by
 * code within each of the two kinds, TLS first.  Nothing here allocates.
 */
#ifndef TILSYN_TLS_SUITES_H
#define TILSYN_TLS_SUITES_H

#include <stddef.h>
#include <stdint.h>

/* Flags of a suite (struct tls_suite.flags). */
#define TLS_SF_EXPORT	0x00000001u	/* export grade (40/56-bit) */
#define TLS_SF_NULL	0x00000002u	/* no encryption */
#define TLS_SF_ANON	0x00000004u	/* no server authentication */
#define TLS_SF_RC4	0x00000008u
#define TLS_SF_DES	0x00000010u	/* single DES (incl. DES40) */
#define TLS_SF_3DES	0x00000020u
#define TLS_SF_CBC	0x00000040u	/* block cipher in CBC mode */
#define TLS_SF_AEAD	0x00000080u	/* GCM, CCM, ChaCha20-Poly1305, MGM */
#define TLS_SF_FS	0x00000100u	/* forward secrecy (ephemeral kx) */
#define TLS_SF_TLS13	0x00000200u	/* TLS 1.3 suite (only in TLS 1.3) */
#define TLS_SF_SCSV	0x00000400u	/* signalling value, not a suite */
#define TLS_SF_SSL2	0x00000800u	/* SSLv2 cipher kind (3-byte code) */
#define TLS_SF_PSK	0x00001000u	/* needs a pre-shared key */
#define TLS_SF_SRP	0x00002000u	/* needs an SRP password */
#define TLS_SF_TLS12	0x00004000u	/* needs TLS 1.2 (AEAD or SHA-2 PRF) */
#define TLS_SF_MD5	0x00008000u	/* MD5 record MAC */
#define TLS_SF_SHA1	0x00010000u	/* SHA-1 record MAC */
#define TLS_SF_ECDHE	0x00020000u	/* key exchange ECDHE (curve matters) */
#define TLS_SF_DHE	0x00040000u	/* key exchange DHE (group size matters) */
#define TLS_SF_ECC	0x00080000u	/* needs supported_groups (any EC kx/auth) */
#define TLS_SF_KRB5	0x00100000u	/* Kerberos kx */
#define TLS_SF_GOST	0x00200000u
#define TLS_SF_DRAFT	0x00400000u	/* not in the IANA registry (e.g. SSLv2) */
#define TLS_SF_BLOCK64	0x00800000u	/* 64-bit block cipher in CBC mode
					   (DES, 3DES, IDEA, RC2) */

struct tls_suite {
	uint32_t	 code;
	const char	*iana;		/* IANA (or SSLv2 spec) name */
	const char	*openssl;	/* OpenSSL name, NULL if none */
	const char	*kx;		/* "RSA", "ECDHE", "DHE", "PSK", ... */
	const char	*au;		/* "RSA", "ECDSA", "anon", ... */
	const char	*enc;		/* "AES_128_GCM", "3DES_EDE_CBC", ... */
	uint16_t	 bits;		/* effective key bits of enc */
	const char	*mac;		/* "SHA", "SHA256", "AEAD", ... */
	uint32_t	 flags;
};

/* The suite with this code (TLS 2-byte, or SSLv2 3-byte kind), or NULL. */
const struct tls_suite *tls_suite_by_code(uint32_t code);
/* Looks a suite up by IANA or OpenSSL name (exact, case-sensitive). */
const struct tls_suite *tls_suite_by_name(const char *name);
/* Number of entries (TLS suites, then SSLv2 kinds) and the i-th one. */
size_t	tls_suite_count(void);
const struct tls_suite *tls_suite_at(size_t i);
/*
 * IANA name of a code, or "UNKNOWN_0x%04X" written into buf (which must hold
 * at least 24 bytes) for a code not in the table.  Never NULL.
 */
const char *tls_suite_name(uint32_t code, char *buf, size_t bufsz);

/*
 * Versions of a probe (enum tls_version) that may carry this suite:
 * TLS13 suites only TLS 1.3; TLS12 ones TLS 1.2; SCSVs none; SSLv2 kinds
 * only SSLv2; the rest SSLv3 to TLS 1.2.  Returns nonzero if it may.
 */
int	tls_suite_fits_version(const struct tls_suite *, int version);

/* The highest 2-byte TLS code; above it are the SSLv2 kinds. */
#define TLS_SUITE_CODE_MAX	0xffffu

/* Named groups (IANA TLS Supported Groups registry). */
#define TLS_GROUP_SECP256R1	23
#define TLS_GROUP_SECP384R1	24
#define TLS_GROUP_SECP521R1	25
#define TLS_GROUP_X25519	29
/*
 * Codes 1 to 30 (up to x448) are the elliptic curves of RFC 8422 and
 * RFC 7027: the groups an ECDHE key exchange can use before TLS 1.3.
 */
#define TLS_GROUP_CURVE12_MAX	30

struct tls_group {
	uint16_t	 code;
	const char	*name;		/* "x25519", "secp256r1", "ffdhe2048" */
	uint16_t	 bits;		/* nominal strength: curve / prime bits */
	uint16_t	 keyshare_len;	/* key_share public value length, 0 unknown */
	uint8_t		 ffdhe;		/* finite field group */
};

const struct tls_group *tls_group_by_code(uint16_t code);
/* Whether code is one of the n 2-byte codes (suites or groups) at v. */
int	tls_codes_have(const uint16_t *v, size_t n, uint16_t code);
size_t	tls_group_count(void);
const struct tls_group *tls_group_at(size_t i);

#endif
