/* Unit tests of the cipher suite table (scanner/tls/tls_suites.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"

static void
test_lookup_by_code(void **state)
{
	const struct tls_suite *s;

	(void)state;
	s = tls_suite_by_code(0xc02f);
	assert_non_null(s);
	assert_string_equal(s->iana, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
	assert_string_equal(s->openssl, "ECDHE-RSA-AES128-GCM-SHA256");
	assert_string_equal(s->kx, "ECDHE");
	assert_string_equal(s->au, "RSA");
	assert_string_equal(s->enc, "AES_128_GCM");
	assert_int_equal(s->bits, 128);
	assert_string_equal(s->mac, "AEAD");
	assert_int_equal(s->flags, TLS_SF_AEAD | TLS_SF_FS | TLS_SF_ECDHE |
	    TLS_SF_ECC | TLS_SF_TLS12);

	s = tls_suite_by_code(0x0003);
	assert_non_null(s);
	assert_string_equal(s->iana, "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
	assert_string_equal(s->openssl, "EXP-RC4-MD5");
	assert_int_equal(s->bits, 40);
	assert_int_equal(s->flags, TLS_SF_EXPORT | TLS_SF_RC4 | TLS_SF_MD5);

	s = tls_suite_by_code(0x000a);
	assert_int_equal(s->flags, TLS_SF_3DES | TLS_SF_CBC | TLS_SF_BLOCK64 |
	    TLS_SF_SHA1);
	assert_int_equal(s->bits, 112);
	/* 64-bit blocks (SWEET32): DES, 3DES, IDEA, RC2; not AES, SEED. */
	assert_true(tls_suite_by_code(0x0007)->flags & TLS_SF_BLOCK64);
	assert_true(tls_suite_by_code(0x0006)->flags & TLS_SF_BLOCK64);
	assert_true(tls_suite_by_code(0x0009)->flags & TLS_SF_BLOCK64);
	assert_true(tls_suite_by_code(0x0700C0)->flags & TLS_SF_BLOCK64);
	assert_false(tls_suite_by_code(0x002F)->flags & TLS_SF_BLOCK64);
	assert_false(tls_suite_by_code(0x0096)->flags & TLS_SF_BLOCK64);
	assert_false(tls_suite_by_code(0x0005)->flags & TLS_SF_BLOCK64);

	s = tls_suite_by_code(0x0018);
	assert_string_equal(s->iana, "TLS_DH_anon_WITH_RC4_128_MD5");
	assert_true(s->flags & TLS_SF_ANON);
	assert_true(s->flags & TLS_SF_RC4);

	s = tls_suite_by_code(0x0001);
	assert_true(s->flags & TLS_SF_NULL);
	assert_false(s->flags & TLS_SF_ANON);

	s = tls_suite_by_code(0x1301);
	assert_string_equal(s->iana, "TLS_AES_128_GCM_SHA256");
	assert_int_equal(s->flags, TLS_SF_TLS13 | TLS_SF_AEAD | TLS_SF_FS);

	assert_int_equal(tls_suite_by_code(0x00ff)->flags, TLS_SF_SCSV);
	assert_int_equal(tls_suite_by_code(0x5600)->flags, TLS_SF_SCSV);
	assert_string_equal(tls_suite_by_code(0x5600)->iana,
	    "TLS_FALLBACK_SCSV");

	/* GOST, SM4, ECCPWD, CCM_8, ARIA, CAMELLIA, PSK, SRP are there. */
	assert_string_equal(tls_suite_by_code(0xc100)->iana,
	    "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC");
	assert_string_equal(tls_suite_by_code(0x00c6)->iana, "TLS_SM4_GCM_SM3");
	assert_string_equal(tls_suite_by_code(0xc0b0)->iana,
	    "TLS_ECCPWD_WITH_AES_128_GCM_SHA256");
	assert_string_equal(tls_suite_by_code(0xc0af)->iana,
	    "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8");
	assert_string_equal(tls_suite_by_code(0xc05c)->iana,
	    "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256");
	assert_string_equal(tls_suite_by_code(0xc09b)->iana,
	    "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384");
	assert_true(tls_suite_by_code(0xccab)->flags & TLS_SF_PSK);
	assert_true(tls_suite_by_code(0xc01a)->flags & TLS_SF_SRP);

	/* Unassigned values are not in the table. */
	assert_null(tls_suite_by_code(0x001c));
	assert_null(tls_suite_by_code(0x0047));
	assert_null(tls_suite_by_code(0xd004));
	assert_null(tls_suite_by_code(0xffff));
}

static void
test_ssl2_kinds(void **state)
{
	const struct tls_suite *s;

	(void)state;
	s = tls_suite_by_code(0x020080);
	assert_non_null(s);
	assert_string_equal(s->iana, "SSL_CK_RC4_128_EXPORT40_WITH_MD5");
	assert_int_equal(s->flags, TLS_SF_SSL2 | TLS_SF_EXPORT | TLS_SF_RC4 |
	    TLS_SF_MD5);
	s = tls_suite_by_code(0x0700c0);
	assert_string_equal(s->iana, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5");
	assert_true(s->flags & TLS_SF_3DES);
	assert_true(tls_suite_fits_version(s, TLS_V_SSL2));
	assert_false(tls_suite_fits_version(s, TLS_V_SSL3));
	/* kinds not in the SSLv2 specification */
	assert_null(tls_suite_by_code(0x010081));
}

static void
test_by_name_and_unknown(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(tls_suite_by_name("DES-CBC3-SHA")->code, 0x000a);
	assert_int_equal(tls_suite_by_name(
	    "TLS_CHACHA20_POLY1305_SHA256")->code, 0x1303);
	assert_null(tls_suite_by_name("NO-SUCH-SUITE"));
	assert_string_equal(tls_suite_name(0x1234, buf, sizeof(buf)),
	    "UNKNOWN_0x1234");
	assert_string_equal(tls_suite_name(0x0035, buf, sizeof(buf)),
	    "TLS_RSA_WITH_AES_256_CBC_SHA");
}

static void
test_table_sorted_and_complete(void **state)
{
	const struct tls_suite *s, *prev = NULL;
	size_t i, ntls = 0, n13 = 0, nscsv = 0, nssl2 = 0;

	(void)state;
	for (i = 0; (s = tls_suite_at(i)) != NULL; i++) {
		if (prev != NULL && (prev->code > 0xffff) == (s->code > 0xffff))
			assert_true(prev->code < s->code);
		assert_ptr_equal(tls_suite_by_code(s->code), s);
		if (s->flags & TLS_SF_SSL2)
			nssl2++;
		else
			ntls++;
		if (s->flags & TLS_SF_TLS13)
			n13++;
		if (s->flags & TLS_SF_SCSV)
			nscsv++;
		prev = s;
	}
	assert_int_equal(i, tls_suite_count());
	/* Every assigned value of the registry, SSLv2's 8 kinds. */
	assert_int_equal(ntls, 352);
	assert_int_equal(nssl2, 8);
	assert_int_equal(n13, 15);
	assert_int_equal(nscsv, 2);
}

static void
test_fits_version(void **state)
{
	(void)state;
	assert_true(tls_suite_fits_version(tls_suite_by_code(0x0005),
	    TLS_V_SSL3));
	assert_true(tls_suite_fits_version(tls_suite_by_code(0x0005),
	    TLS_V_TLS12));
	assert_false(tls_suite_fits_version(tls_suite_by_code(0x0005),
	    TLS_V_TLS13));
	assert_false(tls_suite_fits_version(tls_suite_by_code(0xc02f),
	    TLS_V_TLS11));
	assert_true(tls_suite_fits_version(tls_suite_by_code(0xc02f),
	    TLS_V_TLS12));
	assert_true(tls_suite_fits_version(tls_suite_by_code(0x1302),
	    TLS_V_TLS13));
	assert_false(tls_suite_fits_version(tls_suite_by_code(0x1302),
	    TLS_V_TLS12));
	assert_false(tls_suite_fits_version(tls_suite_by_code(0x00ff),
	    TLS_V_TLS12));
}

static void
test_groups(void **state)
{
	(void)state;
	assert_string_equal(tls_group_by_code(29)->name, "x25519");
	assert_int_equal(tls_group_by_code(29)->keyshare_len, 32);
	assert_int_equal(tls_group_by_code(23)->keyshare_len, 65);
	assert_string_equal(tls_group_by_code(256)->name, "ffdhe2048");
	assert_true(tls_group_by_code(256)->ffdhe);
	assert_string_equal(tls_group_by_code(4588)->name, "X25519MLKEM768");
	assert_null(tls_group_by_code(999));
}

/* Runs gen_suites.py on text; returns its exit status. */
static int
run_generator(const char *text)
{
	char in[] = "/tmp/tilsyn-suitesXXXXXX", cmd[1024];
	const char *root = getenv("TILSYN_SOURCE_ROOT");
	FILE *f;
	int fd, st;

	assert_non_null(root);
	assert_true((fd = mkstemp(in)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "python3 %s/scanner/tls/gen_suites.py "
	    "%s %s.c 2>/dev/null", root, in, in);
	st = system(cmd);
	unlink(in);
	snprintf(cmd, sizeof(cmd), "%s.c", in);
	unlink(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
test_generator_refuses_bad_data(void **state)
{
	(void)state;
	assert_int_equal(run_generator(
	    "0x0001\tTLS_RSA_WITH_NULL_MD5\tNULL-MD5\tRSA\tRSA\tNULL\t0\tMD5\t-\n"),
	    0);
	/* duplicate code */
	assert_int_equal(run_generator(
	    "0x0001\tTLS_RSA_WITH_NULL_MD5\tNULL-MD5\tRSA\tRSA\tNULL\t0\tMD5\t-\n"
	    "0x0001\tTLS_RSA_WITH_NULL_SHA\tNULL-SHA\tRSA\tRSA\tNULL\t0\tSHA\t-\n"),
	    1);
	/* 8 fields */
	assert_int_equal(run_generator(
	    "0x0001\tTLS_RSA_WITH_NULL_MD5\tNULL-MD5\tRSA\tRSA\tNULL\t0\tMD5\n"),
	    1);
	/* unknown flag */
	assert_int_equal(run_generator(
	    "0x0001\tTLS_RSA_WITH_NULL_MD5\tNULL-MD5\tRSA\tRSA\tNULL\t0\tMD5\tWEAK\n"),
	    1);
	/* name and mac disagree */
	assert_int_equal(run_generator(
	    "0x0001\tTLS_RSA_WITH_NULL_MD5\tNULL-MD5\tRSA\tRSA\tNULL\t0\tSHA\t-\n"),
	    1);
	/* bits out of range */
	assert_int_equal(run_generator(
	    "0x0001\tTLS_RSA_WITH_NULL_MD5\tNULL-MD5\tRSA\tRSA\tNULL\t999\tMD5\t-\n"),
	    1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_by_code),
		cmocka_unit_test(test_ssl2_kinds),
		cmocka_unit_test(test_by_name_and_unknown),
		cmocka_unit_test(test_table_sorted_and_complete),
		cmocka_unit_test(test_fits_version),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_generator_refuses_bad_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
