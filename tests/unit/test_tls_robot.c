/*
 * Unit tests of the ROBOT check's pure parts (scanner/tls/tls_robot.c):
 * the answer parser fed whole, byte by byte and broken answers, the
 * words of an answer, and the five premaster blocks, decrypted by hand
 * as a server would parse them (PKCS#1 v1.5 block type 2).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/tls/tls_robot.h"

/* Feeds in[0..len) as the engine would: unconsumed bytes again. */
static int
feed_all(struct robot_answer *a, const uint8_t *in, size_t len, size_t step)
{
	size_t have = 0, off = 0, c;
	int more = 1;

	while (more && have < len) {
		have = have + step > len ? len : have + step;
		more = robot_answer_feed(a, in + off, have - off, &c);
		assert_true(c <= have - off);
		off += c;
	}
	return more;
}

static const uint8_t alert20[] = { 21, 3, 3, 0, 2, 2, 20 };
static const uint8_t two[] = { 21, 3, 3, 0, 2, 1, 0, 21, 3, 3, 0, 2, 2, 40 };

static void
test_answer_alert(void **state)
{
	struct robot_answer a, b;
	char t[64];
	size_t step;

	(void)state;
	for (step = 1; step <= sizeof(alert20); step++) {
		memset(&a, 0, sizeof(a));
		assert_int_equal(feed_all(&a, alert20, sizeof(alert20), step), 1);
		assert_int_equal(a.nrec, 1);
		assert_int_equal(a.type[0], 21);
		assert_int_equal(a.level[0], 2);
		assert_int_equal(a.desc[0], 20);
		assert_int_equal(a.end, ROBOT_END_OPEN);
	}
	a.end = ROBOT_END_CLOSE;
	robot_answer_text(&a, t, sizeof(t));
	assert_string_equal(t, "alert 20, close");
	memset(&b, 0, sizeof(b));
	assert_int_equal(feed_all(&b, alert20, sizeof(alert20), 3), 1);
	b.end = ROBOT_END_CLOSE;
	assert_memory_equal(&a, &b, sizeof(a));
	/* Two alerts in one segment; an end without records. */
	memset(&a, 0, sizeof(a));
	assert_int_equal(feed_all(&a, two, sizeof(two), sizeof(two)), 1);
	a.end = ROBOT_END_RESET;
	robot_answer_text(&a, t, sizeof(t));
	assert_string_equal(t, "alert 0, alert 40, reset");
	memset(&a, 0, sizeof(a));
	a.end = ROBOT_END_SILENCE;
	robot_answer_text(&a, t, sizeof(t));
	assert_string_equal(t, "silence");
}

static void
test_answer_records(void **state)
{
	static const uint8_t ccs_fin[] = { 20, 3, 3, 0, 1, 1, 22, 3, 3, 0, 3,
	    9, 9, 9, 21, 3, 3, 0, 4, 1, 2, 3, 4 };
	static const uint8_t five[] = { 21, 3, 1, 0, 2, 1, 0, 21, 3, 1, 0, 2,
	    1, 0, 21, 3, 1, 0, 2, 1, 0, 21, 3, 1, 0, 2, 1, 0, 21, 3, 1, 0, 2,
	    1, 0 };
	struct robot_answer a;
	char t[96];

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_int_equal(feed_all(&a, ccs_fin, sizeof(ccs_fin), 2), 1);
	assert_int_equal(a.nrec, 3);
	/* An encrypted alert (not two bytes) is a record, not an alert. */
	assert_int_equal(a.level[2], 0);
	a.end = ROBOT_END_CLOSE;
	robot_answer_text(&a, t, sizeof(t));
	assert_string_equal(t, "record 20, record 22, record 21, close");
	/* ROBOT_MAX_RECORDS, then enough. */
	memset(&a, 0, sizeof(a));
	assert_int_equal(feed_all(&a, five, sizeof(five), sizeof(five)), 0);
	assert_int_equal(a.nrec, ROBOT_MAX_RECORDS);
	assert_int_equal(a.end, ROBOT_END_MORE);
}

static void
test_answer_garbage(void **state)
{
	static const uint8_t http[] = "HTTP/1.1 400 Bad Request\r\n";
	static const uint8_t huge[] = { 23, 3, 3, 0xff, 0xff, 0 };
	static const uint8_t ver[] = { 21, 2, 0, 0, 2, 2, 20 };
	struct robot_answer a;
	size_t c;

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_int_equal(robot_answer_feed(&a, http, sizeof(http) - 1, &c), 0);
	assert_int_equal(a.end, ROBOT_END_GARBAGE);
	assert_int_equal(c, 0);
	/* Nothing more is read once it is done. */
	assert_int_equal(robot_answer_feed(&a, alert20, sizeof(alert20), &c),
	    0);
	assert_int_equal(a.nrec, 0);
	memset(&a, 0, sizeof(a));
	assert_int_equal(robot_answer_feed(&a, huge, sizeof(huge), &c), 0);
	assert_int_equal(a.end, ROBOT_END_GARBAGE);
	memset(&a, 0, sizeof(a));
	assert_int_equal(robot_answer_feed(&a, ver, sizeof(ver), &c), 0);
	assert_int_equal(a.end, ROBOT_END_GARBAGE);
	/* A record header alone: more to come. */
	memset(&a, 0, sizeof(a));
	assert_int_equal(robot_answer_feed(&a, alert20, 5, &c), 1);
	assert_int_equal(c, 0);
	assert_int_equal(a.nrec, 0);
}

/* Where a server's PKCS#1 v1.5 parse finds the message, or -1. */
static long
message_at(const uint8_t *b, size_t k)
{
	size_t i;

	if (b[0] != 0x00 || b[1] != 0x02)
		return -1;
	for (i = 2; i < k; i++)
		if (b[i] == 0x00)
			return i < 10 ? -1 : (long)(i + 1);
	return -1;
}

static void
test_premasters(void **state)
{
	uint8_t b[256];
	size_t k;
	long m;

	(void)state;
	for (k = ROBOT_MIN_KEY; k <= sizeof(b); k += 64) {
		assert_int_equal(robot_premaster(ROBOT_CORRECT, 0x0303, b, k),
		    0);
		assert_int_equal(m = message_at(b, k), (long)(k - 48));
		assert_int_equal(b[m], 0x03);
		assert_int_equal(b[m + 1], 0x03);
		assert_int_equal(robot_premaster(ROBOT_WRONG_START, 0x0303, b,
		    k), 0);
		assert_int_equal(b[0], 0x41);
		assert_int_equal(b[1], 0x17);
		assert_int_equal(b[k - 49], 0x00);
		assert_int_equal(robot_premaster(ROBOT_ZERO_MISPLACED, 0x0303,
		    b, k), 0);
		assert_int_equal(message_at(b, k), (long)(k - 1));
		assert_int_equal(robot_premaster(ROBOT_NO_ZERO, 0x0303, b, k),
		    0);
		assert_int_equal(message_at(b, k), -1);
		assert_int_equal(robot_premaster(ROBOT_WRONG_VERSION, 0x0301, b,
		    k), 0);
		assert_int_equal(m = message_at(b, k), (long)(k - 48));
		assert_int_equal(b[m], 0x02);
		assert_int_equal(b[m + 1], 0x02);
		assert_int_equal(robot_premaster(ROBOT_CORRECT, 0x0301, b, k),
		    0);
		assert_int_equal(b[k - 47], 0x01);
	}
	assert_int_equal(robot_premaster(ROBOT_CORRECT, 0x0303, b,
	    ROBOT_MIN_KEY - 1), -1);
	assert_int_equal(robot_premaster(ROBOT_ORACLES, 0x0303, b, 128), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_alert),
		cmocka_unit_test(test_answer_records),
		cmocka_unit_test(test_answer_garbage),
		cmocka_unit_test(test_premasters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
