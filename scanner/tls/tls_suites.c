/*
 * tls_suites.c: look-ups in the generated cipher suite table and the table
 * of named groups.  Pure data; trusts only the generator's sorting (which
 * gen_suites.py enforces).
 */
#include <stdio.h>
#include <string.h>

#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"
#include "scanner/tls/tls_suites_table.h"

const struct tls_suite *
tls_suite_by_code(uint32_t code)
{
	size_t lo, hi, mid;

	/* TLS codes occupy [0, ntls), SSLv2 kinds the rest; both sorted. */
	if (code > TLS_SUITE_CODE_MAX) {
		lo = tls_suite_table_ntls;
		hi = tls_suite_table_len;
	} else {
		lo = 0;
		hi = tls_suite_table_ntls;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (tls_suite_table[mid].code == code)
			return &tls_suite_table[mid];
		if (tls_suite_table[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct tls_suite *
tls_suite_by_name(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < tls_suite_table_len; i++) {
		if (strcmp(tls_suite_table[i].iana, name) == 0 ||
		    (tls_suite_table[i].openssl != NULL &&
		    strcmp(tls_suite_table[i].openssl, name) == 0))
			return &tls_suite_table[i];
	}
	return NULL;
}

size_t
tls_suite_count(void)
{
	return tls_suite_table_len;
}

const struct tls_suite *
tls_suite_at(size_t i)
{
	return i < tls_suite_table_len ? &tls_suite_table[i] : NULL;
}

const char *
tls_suite_name(uint32_t code, char *buf, size_t bufsz)
{
	const struct tls_suite *s;

	if ((s = tls_suite_by_code(code)) != NULL)
		return s->iana;
	if (buf == NULL || bufsz == 0)
		return "UNKNOWN";
	snprintf(buf, bufsz, code > TLS_SUITE_CODE_MAX ? "UNKNOWN_0x%06X" :
	    "UNKNOWN_0x%04X", (unsigned)code);
	return buf;
}

int
tls_suite_fits_version(const struct tls_suite *s, int version)
{
	if (s == NULL || (s->flags & TLS_SF_SCSV))
		return 0;
	if (s->flags & TLS_SF_SSL2)
		return version == TLS_V_SSL2;
	if (s->flags & TLS_SF_TLS13)
		return version == TLS_V_TLS13;
	if (s->flags & TLS_SF_TLS12)
		return version == TLS_V_TLS12;
	return version >= TLS_V_SSL3 && version <= TLS_V_TLS12;
}

/*
 * IANA "TLS Supported Groups" (RFC 8422, 7919, 8446, 8734, 9189, 8998 and
 * the ML-KEM drafts).  keyshare_len is the TLS 1.3 key_share size; 0 for
 * the curves TLS 1.3 forbids.
 */
static const struct tls_group groups[] = {
	{ 1, "sect163k1", 163, 0, 0 },
	{ 2, "sect163r1", 163, 0, 0 },
	{ 3, "sect163r2", 163, 0, 0 },
	{ 4, "sect193r1", 193, 0, 0 },
	{ 5, "sect193r2", 193, 0, 0 },
	{ 6, "sect233k1", 233, 0, 0 },
	{ 7, "sect233r1", 233, 0, 0 },
	{ 8, "sect239k1", 239, 0, 0 },
	{ 9, "sect283k1", 283, 0, 0 },
	{ 10, "sect283r1", 283, 0, 0 },
	{ 11, "sect409k1", 409, 0, 0 },
	{ 12, "sect409r1", 409, 0, 0 },
	{ 13, "sect571k1", 571, 0, 0 },
	{ 14, "sect571r1", 571, 0, 0 },
	{ 15, "secp160k1", 160, 0, 0 },
	{ 16, "secp160r1", 160, 0, 0 },
	{ 17, "secp160r2", 160, 0, 0 },
	{ 18, "secp192k1", 192, 0, 0 },
	{ 19, "secp192r1", 192, 0, 0 },
	{ 20, "secp224k1", 224, 0, 0 },
	{ 21, "secp224r1", 224, 0, 0 },
	{ 22, "secp256k1", 256, 0, 0 },
	{ 23, "secp256r1", 256, 65, 0 },
	{ 24, "secp384r1", 384, 97, 0 },
	{ 25, "secp521r1", 521, 133, 0 },
	{ 26, "brainpoolP256r1", 256, 0, 0 },
	{ 27, "brainpoolP384r1", 384, 0, 0 },
	{ 28, "brainpoolP512r1", 512, 0, 0 },
	{ 29, "x25519", 255, 32, 0 },
	{ 30, "x448", 448, 56, 0 },
	{ 31, "brainpoolP256r1tls13", 256, 65, 0 },
	{ 32, "brainpoolP384r1tls13", 384, 97, 0 },
	{ 33, "brainpoolP512r1tls13", 512, 129, 0 },
	{ 34, "GC256A", 256, 64, 0 },
	{ 35, "GC256B", 256, 64, 0 },
	{ 36, "GC256C", 256, 64, 0 },
	{ 37, "GC256D", 256, 64, 0 },
	{ 38, "GC512A", 512, 128, 0 },
	{ 39, "GC512B", 512, 128, 0 },
	{ 40, "GC512C", 512, 128, 0 },
	{ 41, "curveSM2", 256, 65, 0 },
	{ 256, "ffdhe2048", 2048, 256, 1 },
	{ 257, "ffdhe3072", 3072, 384, 1 },
	{ 258, "ffdhe4096", 4096, 512, 1 },
	{ 259, "ffdhe6144", 6144, 768, 1 },
	{ 260, "ffdhe8192", 8192, 1024, 1 },
	{ 512, "MLKEM512", 512, 800, 0 },
	{ 513, "MLKEM768", 768, 1184, 0 },
	{ 514, "MLKEM1024", 1024, 1568, 0 },
	{ 4587, "SecP256r1MLKEM768", 768, 1249, 0 },
	{ 4588, "X25519MLKEM768", 768, 1216, 0 },
	{ 4589, "SecP384r1MLKEM1024", 1024, 1665, 0 },
	{ 25497, "X25519Kyber768Draft00", 768, 1216, 0 },
	{ 25498, "SecP256r1Kyber768Draft00", 768, 1249, 0 },
};

const struct tls_group *
tls_group_by_code(uint16_t code)
{
	size_t i;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (groups[i].code == code)
			return &groups[i];
	return NULL;
}

size_t
tls_group_count(void)
{
	return sizeof(groups) / sizeof(groups[0]);
}

const struct tls_group *
tls_group_at(size_t i)
{
	return i < tls_group_count() ? &groups[i] : NULL;
}

int
tls_codes_have(const uint16_t *v, size_t n, uint16_t code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == code)
			return 1;
	return 0;
}
