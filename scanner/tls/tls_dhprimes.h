/*
 * tls_dhprimes.h: well-known Diffie-Hellman primes of 1024 bits and less,
 * which a server's ServerKeyExchange may carry: RFC 2409 Oakley groups 1
 * and 2, RFC 5114's 1024-bit group, and the built-in defaults of Apache
 * mod_ssl 2.0/2.2 and of old nginx.  A shared weak prime is worse than a
 * weak prime of one's own (Logjam, CVE-2015-4000): the precomputation
 * for it is done once for every server that uses it.  No I/O.
 */
#ifndef TILSYN_TLS_DHPRIMES_H
#define TILSYN_TLS_DHPRIMES_H

#include <stddef.h>
#include <stdint.h>

#define TLS_DHPRIME_MAX_BYTES	128	/* 1024 bits */

struct tls_dhprime {
	const char	*name;		/* "RFC 2409 Oakley group 2" */
	unsigned	 bits;
	const char	*hex;		/* the prime, upper-case hex */
};

/*
 * The id (1 ..) of the known prime p[0..len) (big-endian, leading zero
 * bytes ignored), or 0 when it is none of them.
 */
unsigned tls_dhprime_find(const uint8_t *p, size_t len);
/* The prime of an id from tls_dhprime_find(), or NULL (0, unknown). */
const struct tls_dhprime *tls_dhprime_by_id(unsigned id);
size_t	tls_dhprime_count(void);
const struct tls_dhprime *tls_dhprime_at(size_t i);

#endif
