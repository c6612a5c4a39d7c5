/*
 * Unit tests of the certificate of a server no handshake completes with:
 * the Certificate message of the answer to our own hello
 * (tls_answer_certificates(), scanner/tls/tls_hello.c) and the chain read
 * from its list (tls_cert_add_hello(), scanner/tls/tls_cert.c).  Fed the
 * captures and crafted flights of the tls_certmsg fuzz target's corpus,
 * their truncations and hand-broken lists.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/tls/tls_cert.h"
#include "scanner/tls/tls_hello.h"
#include "tests/unit/scan_helpers.h"

static const struct cert_config cfg = { NULL, NULL, "legacy.test" };

/* The list of a corpus file, which must have one. */
static uint8_t *
list_of(const char *name, size_t *len)
{
	uint8_t *d, *l;
	size_t n;

	d = corpus_load("tls_certmsg", name, &n);
	assert_int_equal(tls_answer_certificates(d, n, &l, len), TLS_OK);
	assert_non_null(l);
	free(d);
	return l;
}

/* Entries of a certificate_list, checking that they add up. */
static size_t
entries(const uint8_t *l, size_t len, size_t *first)
{
	size_t off = 0, k = 0, n;

	while (off < len) {
		assert_true(len - off >= 3);
		n = (size_t)l[off] << 16 | (size_t)l[off + 1] << 8 | l[off + 2];
		assert_true(n <= len - off - 3);
		if (k++ == 0)
			*first = n;
		off += 3 + n;
	}
	return k;
}

static void
test_openssl_flight(void **state)
{
	struct tls_answer a;
	struct cert_result res;
	uint8_t *d, *l;
	size_t n, len, first = 0;

	(void)state;
	d = corpus_load("tls_certmsg", "openssl-tls12-flight-ecdhe.bin", &n);
	assert_int_equal(tls_answer_parse(d, n, TLS_PARSE_FLIGHT, &a), TLS_OK);
	assert_int_equal(tls_answer_certificates(d, n, &l, &len), TLS_OK);
	assert_non_null(l);
	/* the same message the flight parser counted */
	assert_int_equal(entries(l, len, &first), a.ncerts);
	assert_int_equal(first, a.cert_len[0]);
	memset(&res, 0, sizeof(res));
	assert_int_equal(tls_cert_add_hello(&res, &cfg, l, len, "TLSv1.2"), 0);
	assert_int_equal(res.nchains, 1);
	assert_int_equal(res.ncerts, a.ncerts);
	assert_string_equal(res.chains[0].source, "hello");
	assert_string_equal(res.chains[0].version, "TLSv1.2");
	assert_int_equal(res.chains[0].ocsp_stapled, -1);
	assert_true(res.certs[0].key_bits > 0);
	assert_int_equal(res.certs[0].position, 0);
	cert_result_release(&res);
	free(l);
	free(d);
}

/* The scripted legacy server's TLS 1.0 flight: its P-256 certificate. */
static void
test_legacy_flight(void **state)
{
	struct cert_result res;
	uint8_t *l;
	size_t len;

	(void)state;
	l = list_of("legacy-tls10-flight-ecdhe.bin", &len);
	memset(&res, 0, sizeof(res));
	assert_int_equal(tls_cert_add_hello(&res, &cfg, l, len, "TLSv1.0"), 0);
	assert_int_equal(res.ncerts, 1);
	assert_string_equal(res.certs[0].subject, "CN=legacy.test");
	assert_string_equal(res.certs[0].key_type, "EC");
	assert_int_equal(res.certs[0].key_bits, 256);
	assert_string_equal(res.chains[0].key_type, "ECDSA");
	/* no SAN: OpenSSL matches the subject CN */
	assert_int_equal(res.chains[0].hostname_match, 1);
	assert_int_equal(res.chains[0].in_order, -1);
	assert_false(res.chains[0].valid);
	cert_result_release(&res);
	free(l);
}

/*
 * Two certificates sent out of order (the intermediate first), whole and
 * cut into records of 7 bytes: the same list, the order broken at 0.
 */
static void
test_two_certs_split(void **state)
{
	struct cert_result res;
	uint8_t *l, *l7;
	size_t len, len7, first = 0;

	(void)state;
	l = list_of("crafted-tls12-two-certs.bin", &len);
	l7 = list_of("crafted-tls12-two-certs-split7.bin", &len7);
	assert_int_equal(len, len7);
	assert_memory_equal(l, l7, len);
	assert_int_equal(entries(l, len, &first), 2);
	memset(&res, 0, sizeof(res));
	assert_int_equal(tls_cert_add_hello(&res, &cfg, l, len, "TLSv1.2"), 0);
	assert_int_equal(res.ncerts, 2);
	assert_string_equal(res.certs[0].subject, "CN=Test-Inter");
	assert_string_equal(res.certs[1].subject, "CN=localhost");
	assert_int_equal(res.chains[0].in_order, 0);
	assert_int_equal(res.chains[0].order_break, 0);
	cert_result_release(&res);
	free(l);
	free(l7);
}

/*
 * Every prefix: the whole message or nothing, never a part of it, and
 * never a read past the prefix (exact-size copies for ASan).
 */
static void
test_truncations(void **state)
{
	uint8_t *d, *l, *copy, *p;
	size_t n, len, cut, plen, got = 0;
	int r;

	(void)state;
	d = corpus_load("tls_certmsg", "crafted-tls12-two-certs-split7.bin",
	    &n);
	l = list_of("crafted-tls12-two-certs-split7.bin", &len);
	for (cut = 0; cut < n; cut++) {
		assert_non_null(copy = malloc(cut ? cut : 1));
		memcpy(copy, d, cut);
		r = tls_answer_certificates(copy, cut, &p, &plen);
		assert_true(r == TLS_OK || r == TLS_ETRUNC);
		if (p != NULL) {
			assert_int_equal(plen, len);
			assert_memory_equal(p, l, len);
			got++;
		}
		free(p);
		free(copy);
	}
	/* only prefixes holding the whole message (its last record on) */
	assert_true(got > 0 && got < 20);
	free(l);
	free(d);
}

/* Answers without the message: nothing, no error. */
static void
test_no_message(void **state)
{
	static const char *const names[] = { "openssl-tls13-serverhello.bin",
	    "legacy-ssl2-server-hello.bin",
	    "trunc-gnutls-mid-certificate.bin" };
	uint8_t *d, *l;
	size_t i, n, len;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		d = corpus_load("tls_certmsg", names[i], &n);
		assert_int_equal(tls_answer_certificates(d, n, &l, &len),
		    TLS_OK);
		assert_null(l);
		assert_int_equal(len, 0);
		free(d);
	}
}

/* An entry longer than its list: a protocol error, nothing kept. */
static void
test_bad_entry(void **state)
{
	uint8_t *d, *l;
	size_t n, len;

	(void)state;
	d = corpus_load("tls_certmsg", "crafted-tls12-bad-entry.bin", &n);
	assert_int_equal(tls_answer_certificates(d, n, &l, &len), TLS_EPROTO);
	assert_null(l);
	free(d);
}

/* The chain reader on broken lists: -1, and nothing added. */
static void
test_broken_lists(void **state)
{
	struct cert_result res;
	uint8_t *l, *b;
	size_t len, i;

	(void)state;
	l = corpus_load("tls_certmsg", "list-two-certs.bin", &len);
	memset(&res, 0, sizeof(res));
	/* every cut but the one between the entries */
	for (i = 1; i < len; i += 97) {
		assert_int_equal(tls_cert_add_hello(&res, &cfg, l, i,
		    "TLSv1.0"), -1);
		assert_int_equal(res.nchains, 0);
		assert_int_equal(res.ncerts, 0);
	}
	/* trailing bytes, a DER one byte short inside its entry */
	assert_non_null(b = malloc(len + 1));
	memcpy(b, l, len);
	b[len] = 0;
	assert_int_equal(tls_cert_add_hello(&res, &cfg, b, len + 1, "TLSv1.0"),
	    -1);
	b[2]++;
	assert_int_equal(tls_cert_add_hello(&res, &cfg, b, len + 1, "TLSv1.0"),
	    -1);
	/* an empty entry */
	memset(b, 0, 3);
	assert_int_equal(tls_cert_add_hello(&res, &cfg, b, 3, "TLSv1.0"), -1);
	assert_int_equal(res.ncerts, 0);
	/* the whole list, and then no room for another chain */
	assert_int_equal(tls_cert_add_hello(&res, &cfg, l, len, "TLSv1.0"), 0);
	res.nchains = CERT_KT_COUNT;
	assert_int_equal(tls_cert_add_hello(&res, &cfg, l, len, "TLSv1.0"), -1);
	assert_int_equal(res.ncerts, 2);
	cert_result_release(&res);
	free(b);
	free(l);
}

/* More than CERT_HELLO_MAX certificates: the first ones are read. */
static void
test_cap(void **state)
{
	struct cert_result res;
	uint8_t *l, *big;
	size_t len, i;

	(void)state;
	l = corpus_load("tls_certmsg", "list-two-certs.bin", &len);
	assert_non_null(big = malloc(len * 10));
	for (i = 0; i < 10; i++)
		memcpy(big + i * len, l, len);
	memset(&res, 0, sizeof(res));
	assert_int_equal(tls_cert_add_hello(&res, &cfg, big, len * 10,
	    "TLSv1.0"), 0);
	assert_int_equal(res.ncerts, CERT_HELLO_MAX);
	cert_result_release(&res);
	free(big);
	free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openssl_flight),
		cmocka_unit_test(test_legacy_flight),
		cmocka_unit_test(test_two_certs_split),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_no_message),
		cmocka_unit_test(test_bad_entry),
		cmocka_unit_test(test_broken_lists),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
