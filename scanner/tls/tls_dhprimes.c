/*
 * tls_dhprimes.c: the well-known finite-field Diffie-Hellman primes of
 * 1024 bits and less (see tls_dhprimes.h).  Pure data and a look-up; the
 * primes are compared byte for byte, so a prime one bit off is not
 * "known".
 *
 * Sources: RFC 2409 section 6.1 and 6.2 (Oakley groups 1 and 2; also
 * OpenSSL's BN_get_rfc2409_prime_768/1024, which test_tls_hello checks
 * them against); RFC 5114 section 2.1 (OpenSSL's dh_1024_160); the
 * temporary DH parameters built into Apache httpd's mod_ssl 2.0 and 2.2
 * (modules/ssl/ssl_engine_dh.c) and into nginx before 1.11.0
 * (ngx_ssl_dhparam(), removed when nginx stopped offering DHE by
 * default).  These are the primes the Logjam paper (Adrian et al., 2015)
 * found shared by most servers that use 1024-bit or export DHE: one
 * precomputation breaks them all.
 */
#include <stdio.h>
#include <string.h>

#include "scanner/tls/tls_dhprimes.h"

static const struct tls_dhprime primes[] = {
	{ "RFC 2409 Oakley group 1", 768,
	    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E08"
	    "8A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B"
	    "302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9"
	    "A63A3620FFFFFFFFFFFFFFFF" },
	{ "RFC 2409 Oakley group 2", 1024,
	    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E08"
	    "8A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B"
	    "302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9"
	    "A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE6"
	    "49286651ECE65381FFFFFFFFFFFFFFFF" },
	{ "RFC 5114 1024-bit group", 1024,
	    "B10B8F96A080E01DDE92DE5EAE5D54EC52C99FBCFB06A3C69A6A9DCA"
	    "52D23B616073E28675A23D189838EF1E2EE652C013ECB4AEA9061123"
	    "24975C3CD49B83BFACCBDD7D90C4BD7098488E9C219A73724EFFD6FA"
	    "E5644738FAA31A4FF55BCCC0A151AF5F0DC8B4BD45BF37DF365C1A65"
	    "E68CFDA76D4DA708DF1FB2BC2E4A4371" },
	{ "Apache mod_ssl 2.0/2.2 built-in 512-bit", 512,
	    "D4BCD52406F69B35994B88DE5DB89682C8157F62D8F33633EE5772F1"
	    "1F05AB22D6B5145B9F241E5ACC31FF090A4BC71148976F76795094E7"
	    "1E7903529F5A824B" },
	{ "Apache mod_ssl 2.0/2.2 built-in 1024-bit", 1024,
	    "E6969D3D495BE32C7CF180C3BDD4798E91B7818251BB055E2A206490"
	    "4A79A770FA15A259CBD523A6A6EF09C43048D5A22F971F3C20129B48"
	    "000E6EDD061CBC053E371D794E5327DF611EBBBE1BAC9B5C6044CF02"
	    "3D76E05EEA9BAD991B13A63C974E9EF1839EB5DB125136F7262E56A8"
	    "871538DFD823C6505085E21F0DD5C86B" },
	{ "nginx built-in 1024-bit (before 1.11.0)", 1024,
	    "BBBC2DCAD84674907C43FCF580E9CFDBD958A3F568B42D4B08EED4EB"
	    "0FB3504C6C030276E710800C5CCBBAA8922614C5BEECA565A5FDF1D2"
	    "87A2BC049BE6778060E91A92A757E3048F68B076F7D36CC8F29BA5DF"
	    "81DC2CA725ECE66270CC9A5035D8CECEEF9EA0274A63AB1E58FAFD49"
	    "88D0F65D146757DA071DF045CFE16B9B" },
};

size_t
tls_dhprime_count(void)
{
	return sizeof(primes) / sizeof(primes[0]);
}

const struct tls_dhprime *
tls_dhprime_at(size_t i)
{
	return i < tls_dhprime_count() ? &primes[i] : NULL;
}

const struct tls_dhprime *
tls_dhprime_by_id(unsigned id)
{
	return id >= 1 ? tls_dhprime_at(id - 1) : NULL;
}

unsigned
tls_dhprime_find(const uint8_t *p, size_t len)
{
	static const char hexd[] = "0123456789ABCDEF";
	char hex[2 * TLS_DHPRIME_MAX_BYTES + 1];
	size_t i;

	while (len > 0 && *p == 0) {
		p++;
		len--;
	}
	if (len == 0 || len > TLS_DHPRIME_MAX_BYTES)
		return 0;
	for (i = 0; i < len; i++) {
		hex[2 * i] = hexd[p[i] >> 4];
		hex[2 * i + 1] = hexd[p[i] & 0x0f];
	}
	hex[2 * len] = '\0';
	for (i = 0; i < tls_dhprime_count(); i++)
		if (strcmp(primes[i].hex, hex) == 0)
			return (unsigned)i + 1;
	return 0;
}
