/*
 * Unit tests of casefile/checkpoint.c: a signed checkpoint parses back to
 * the same fields and verifies; the parser takes only the one canonical
 * text and survives hostile input (every truncation, every byte changed,
 * overlong, NUL, CRLF, numbers and encodings that are almost right); a
 * changed field fails the signature; the key file is created 0600 and
 * refused when others can read it or it is a symlink.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "casefile/checkpoint.h"

#define HEX_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define HEX_B "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

struct fx {
	char		 dir[64];
	char		 key[128];
	EVP_PKEY	*k;
	char		 text[CHECKPOINT_MAX];
	struct checkpoint c;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	int created = 0;

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/tilsyn-cp.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->key, sizeof(f->key), "%s/k.key", f->dir);
	if (checkpoint_key_load(f->key, 1, &f->k, &created) != CHECKPOINT_OK ||
	    !created)
		return -1;
	memcpy(f->c.db_id, HEX_A, sizeof(f->c.db_id));
	f->c.seq = 42;
	memcpy(f->c.head, HEX_B, sizeof(f->c.head));
	memcpy(f->c.time, "2026-12-07T06:00:00Z", sizeof(f->c.time));
	if (checkpoint_sign(f->k, &f->c, f->text) != CHECKPOINT_OK)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char p[160];

	EVP_PKEY_free(f->k);
	unlink(f->key);
	snprintf(p, sizeof(p), "%s/link.key", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/pub.pem", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static int
parse(const char *s, struct checkpoint *c)
{
	char why[128];

	return checkpoint_parse(s, strlen(s), c, why, sizeof(why));
}

/* Signed, parsed back, verified; the key file is 0600. */
static void
test_round_trip(void **state)
{
	struct fx *f = *state;
	struct checkpoint c;
	struct stat sb;
	char why[128];

	assert_int_equal(stat(f->key, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(strncmp(f->text, "tilsyn-checkpoint 1\ndb-id " HEX_A
	    "\nseq 42\nhead " HEX_B "\ntime 2026-12-07T06:00:00Z\nkey-id ",
	    strlen("tilsyn-checkpoint 1\ndb-id " HEX_A "\nseq 42\nhead "
	    HEX_B "\ntime 2026-12-07T06:00:00Z\nkey-id ")), 0);
	assert_int_equal(checkpoint_parse(f->text, strlen(f->text), &c, why,
	    sizeof(why)), CHECKPOINT_OK);
	assert_int_equal(c.seq, 42);
	assert_string_equal(c.db_id, HEX_A);
	assert_string_equal(c.head, HEX_B);
	assert_string_equal(c.time, "2026-12-07T06:00:00Z");
	assert_string_equal(c.key_id, f->c.key_id);
	assert_memory_equal(c.sig, f->c.sig, sizeof(c.sig));
	assert_int_equal(checkpoint_verify(f->k, &c), CHECKPOINT_OK);
}

/* Every field changed after signing fails the signature or the key. */
static void
test_changed_fields(void **state)
{
	struct fx *f = *state;
	struct checkpoint c;

	assert_int_equal(parse(f->text, &c), CHECKPOINT_OK);
	c.seq = 41;
	assert_int_equal(checkpoint_verify(f->k, &c), CHECKPOINT_BADSIG);
	assert_int_equal(parse(f->text, &c), CHECKPOINT_OK);
	c.head[0] = '1';
	assert_int_equal(checkpoint_verify(f->k, &c), CHECKPOINT_BADSIG);
	assert_int_equal(parse(f->text, &c), CHECKPOINT_OK);
	c.db_id[63] = 'e';
	assert_int_equal(checkpoint_verify(f->k, &c), CHECKPOINT_BADSIG);
	assert_int_equal(parse(f->text, &c), CHECKPOINT_OK);
	c.time[3] = '7';
	assert_int_equal(checkpoint_verify(f->k, &c), CHECKPOINT_BADSIG);
	assert_int_equal(parse(f->text, &c), CHECKPOINT_OK);
	c.sig[10] ^= 1;
	assert_int_equal(checkpoint_verify(f->k, &c), CHECKPOINT_BADSIG);
	assert_int_equal(parse(f->text, &c), CHECKPOINT_OK);
	c.key_id[0] = c.key_id[0] == 'a' ? 'b' : 'a';
	assert_int_equal(checkpoint_verify(f->k, &c), CHECKPOINT_OTHERKEY);
}

/*
 * Every proper prefix is refused; every single byte changed is refused
 * by the parser or by the signature, never accepted.
 */
static void
test_truncated_and_flipped(void **state)
{
	struct fx *f = *state;
	struct checkpoint c;
	char buf[CHECKPOINT_MAX], why[128];
	size_t len = strlen(f->text), i;
	int r, b;

	for (i = 0; i < len; i++)
		assert_int_equal(checkpoint_parse(f->text, i, &c, why,
		    sizeof(why)), CHECKPOINT_FORMAT);
	for (i = 0; i < len; i++)
		for (b = 0; b < 8; b++) {
			memcpy(buf, f->text, len);
			buf[i] = (char)(buf[i] ^ (1 << b));
			r = checkpoint_parse(buf, len, &c, why, sizeof(why));
			if (r == CHECKPOINT_OK)
				r = checkpoint_verify(f->k, &c);
			if (r == CHECKPOINT_OK)
				fail_msg("byte %zu bit %d: accepted", i, b);
		}
}

/* Hostile and almost-right texts. */
static void
test_hostile(void **state)
{
	struct fx *f = *state;
	struct checkpoint c;
	char buf[2 * CHECKPOINT_MAX], why[128], *p;
	size_t len = strlen(f->text);
	static const char *const bad_seq[] = { "0", "007", "-1", "+1", "1 ",
	    "9223372036854775808", "99999999999999999999999", "1e3", "" };
	size_t i;

	/* overlong, trailing text, a second copy, CRLF, NUL */
	memset(buf, 'a', sizeof(buf));
	assert_int_equal(checkpoint_parse(buf, sizeof(buf), &c, why,
	    sizeof(why)), CHECKPOINT_FORMAT);
	snprintf(buf, sizeof(buf), "%sx\n", f->text);
	assert_int_equal(parse(buf, &c), CHECKPOINT_FORMAT);
	snprintf(buf, sizeof(buf), "%s\n", f->text);
	assert_int_equal(parse(buf, &c), CHECKPOINT_FORMAT);
	memcpy(buf, f->text, len);
	buf[len - 1] = '\r';
	buf[len] = '\n';
	assert_int_equal(checkpoint_parse(buf, len + 1, &c, why,
	    sizeof(why)), CHECKPOINT_FORMAT);
	memcpy(buf, f->text, len);
	buf[5] = '\0';
	assert_int_equal(checkpoint_parse(buf, len, &c, why, sizeof(why)),
	    CHECKPOINT_FORMAT);
	/* the last newline missing */
	assert_int_equal(checkpoint_parse(f->text, len - 1, &c, why,
	    sizeof(why)), CHECKPOINT_FORMAT);
	/* seq: decimal from 1, no sign, no leading zero, in range */
	for (i = 0; i < sizeof(bad_seq) / sizeof(bad_seq[0]); i++) {
		p = strstr(f->text, "\nhead ");
		snprintf(buf, sizeof(buf), "tilsyn-checkpoint 1\ndb-id "
		    HEX_A "\nseq %s%s", bad_seq[i], p);
		if (parse(buf, &c) != CHECKPOINT_FORMAT)
			fail_msg("seq '%s' accepted", bad_seq[i]);
	}
	p = strstr(f->text, "\nhead ");
	snprintf(buf, sizeof(buf), "tilsyn-checkpoint 1\ndb-id " HEX_A
	    "\nseq 9223372036854775807%s", p);
	assert_int_equal(parse(buf, &c), CHECKPOINT_OK);
	assert_int_equal(c.seq, INT64_MAX);
	/* upper-case hex is another spelling: refused */
	snprintf(buf, sizeof(buf), "%s", f->text);
	p = strstr(buf, "db-id ") + 6 + 10;
	*p = 'A';
	assert_int_equal(parse(buf, &c), CHECKPOINT_FORMAT);
	/* a time out of range */
	snprintf(buf, sizeof(buf), "%s", f->text);
	p = strstr(buf, "time ") + 5 + 5;
	memcpy(p, "13", 2);
	assert_int_equal(parse(buf, &c), CHECKPOINT_FORMAT);
	/* base64 whose last character carries stray bits */
	snprintf(buf, sizeof(buf), "%s", f->text);
	p = strstr(buf, "==\n") - 1;
	*p = *p == 'B' ? 'C' : 'B';
	assert_int_equal(parse(buf, &c), CHECKPOINT_FORMAT);
	/* lines out of order */
	assert_int_equal(parse("tilsyn-checkpoint 1\nseq 1\n", &c),
	    CHECKPOINT_FORMAT);
	assert_int_equal(parse("tilsyn-checkpoint 2\n", &c),
	    CHECKPOINT_FORMAT);
	assert_int_equal(parse("", &c), CHECKPOINT_FORMAT);
}

/* The key file: 0600 and one's own, never a symlink; PEM Ed25519. */
static void
test_key_file(void **state)
{
	struct fx *f = *state;
	struct checkpoint c;
	EVP_PKEY *k = NULL, *pub = NULL;
	char link[160], pubpath[160], *pem = NULL;
	FILE *fp;

	assert_int_equal(checkpoint_key_load(f->key, 0, &k, NULL),
	    CHECKPOINT_OK);
	EVP_PKEY_free(k);
	assert_int_equal(chmod(f->key, 0640), 0);
	assert_int_equal(checkpoint_key_load(f->key, 0, &k, NULL),
	    CHECKPOINT_KEYMODE);
	assert_null(k);
	assert_int_equal(chmod(f->key, 0600), 0);
	snprintf(link, sizeof(link), "%s/link.key", f->dir);
	assert_int_equal(symlink(f->key, link), 0);
	assert_int_equal(checkpoint_key_load(link, 1, &k, NULL),
	    CHECKPOINT_KEYLINK);
	assert_int_equal(checkpoint_key_load(f->dir, 0, &k, NULL),
	    CHECKPOINT_KEYLINK);
	snprintf(pubpath, sizeof(pubpath), "%s/none.key", f->dir);
	assert_int_equal(checkpoint_key_load(pubpath, 0, &k, NULL),
	    CHECKPOINT_NOKEY);
	/* the public key printed and read back verifies */
	assert_int_equal(checkpoint_pubkey_pem(f->k, &pem), CHECKPOINT_OK);
	snprintf(pubpath, sizeof(pubpath), "%s/pub.pem", f->dir);
	assert_non_null(fp = fopen(pubpath, "w"));
	assert_int_equal(fputs(pem, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	free(pem);
	assert_int_equal(checkpoint_pubkey_load(pubpath, &pub),
	    CHECKPOINT_OK);
	assert_int_equal(parse(f->text, &c), CHECKPOINT_OK);
	assert_int_equal(checkpoint_verify(pub, &c), CHECKPOINT_OK);
	EVP_PKEY_free(pub);
	/* a public key is not a private one */
	assert_int_equal(chmod(pubpath, 0600), 0);
	assert_int_equal(checkpoint_key_load(pubpath, 0, &k, NULL),
	    CHECKPOINT_KEYBAD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_changed_fields, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_truncated_and_flipped,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_file, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
