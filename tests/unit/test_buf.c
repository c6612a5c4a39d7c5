/* Unit tests of the bounded cursors in scanner/buf.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/buf.h"

static void
test_getters_consume_or_fail(void **state)
{
	const uint8_t data[] = { 0x01, 0x02, 0x03, 0x04, 0x05 };
	struct rbuf r;
	uint32_t v32;
	uint16_t v16;
	uint8_t v8;

	(void)state;
	rbuf_init(&r, data, sizeof(data));
	assert_int_equal(rbuf_get_u16(&r, &v16), BUF_OK);
	assert_int_equal(v16, 0x0102);
	assert_int_equal(rbuf_get_u24(&r, &v32), BUF_OK);
	assert_int_equal(v32, 0x030405);
	assert_int_equal(rbuf_left(&r), 0);
	/* Truncation is an error, and consumes nothing. */
	assert_int_equal(rbuf_get_u8(&r, &v8), BUF_ETRUNC);
	rbuf_init(&r, data, 3);
	assert_int_equal(rbuf_get_u32(&r, &v32), BUF_ETRUNC);
	assert_int_equal(rbuf_left(&r), 3);
}

static void
test_vec_rejects_overlong_length(void **state)
{
	const uint8_t ok[] = { 0x00, 0x02, 0xaa, 0xbb, 0xcc };
	const uint8_t bad[] = { 0x00, 0x05, 0xaa, 0xbb };
	struct rbuf r, sub;
	uint8_t v8;

	(void)state;
	rbuf_init(&r, ok, sizeof(ok));
	assert_int_equal(rbuf_get_vec(&r, 2, &sub), BUF_OK);
	assert_int_equal(rbuf_left(&sub), 2);
	assert_int_equal(rbuf_get_u8(&sub, &v8), BUF_OK);
	assert_int_equal(v8, 0xaa);
	assert_int_equal(rbuf_left(&r), 1);

	rbuf_init(&r, bad, sizeof(bad));
	assert_int_equal(rbuf_get_vec(&r, 2, &sub), BUF_ETRUNC);
	assert_int_equal(rbuf_left(&r), sizeof(bad));
}

static void
test_writer_vectors_and_cap(void **state)
{
	struct wbuf w;
	size_t mark;

	(void)state;
	wbuf_init(&w, 8);
	assert_int_equal(wbuf_vec_open(&w, 2, &mark), BUF_OK);
	assert_int_equal(wbuf_put_u24(&w, 0x010203), BUF_OK);
	assert_int_equal(wbuf_vec_close(&w, 2, mark), BUF_OK);
	assert_int_equal(w.len, 5);
	assert_memory_equal(w.p, "\x00\x03\x01\x02\x03", 5);
	/* Past the cap: fails, and the error sticks. */
	assert_int_equal(wbuf_put_u32(&w, 1), BUF_ETOOBIG);
	assert_int_equal(wbuf_put_u8(&w, 1), BUF_ETOOBIG);
	assert_int_equal(wbuf_error(&w), BUF_ETOOBIG);
	assert_int_equal(w.len, 5);
	wbuf_release(&w);
	assert_null(w.p);
	wbuf_release(&w);
}

static void
test_writer_vec_overflow(void **state)
{
	uint8_t big[300];
	struct wbuf w;
	size_t mark;

	(void)state;
	memset(big, 0x41, sizeof(big));
	wbuf_init(&w, 1024);
	assert_int_equal(wbuf_vec_open(&w, 1, &mark), BUF_OK);
	assert_int_equal(wbuf_put_bytes(&w, big, sizeof(big)), BUF_OK);
	assert_int_equal(wbuf_vec_close(&w, 1, mark), BUF_ELENGTH);
	assert_string_equal(buf_errstr(wbuf_error(&w)), "length out of range");
	wbuf_release(&w);
}

/* Skipping, peeking and taking bytes consume exactly what they say. */
static void
test_skip_peek_bytes(void **state)
{
	const uint8_t data[] = { 0x10, 0x20, 0x30, 0x40 };
	const uint8_t *p;
	struct rbuf r;
	uint8_t v8;

	(void)state;
	rbuf_init(&r, data, sizeof(data));
	assert_int_equal(rbuf_skip(&r, 1), BUF_OK);
	assert_int_equal(rbuf_peek_u8(&r, 1, &v8), BUF_OK);
	assert_int_equal(v8, 0x30);
	assert_int_equal(rbuf_left(&r), 3);	/* a peek consumes nothing */
	assert_int_equal(rbuf_peek_u8(&r, 3, &v8), BUF_ETRUNC);
	assert_int_equal(rbuf_get_bytes(&r, 2, &p), BUF_OK);
	assert_ptr_equal(p, data + 1);
	assert_ptr_equal(rbuf_ptr(&r), data + 3);
	assert_int_equal(rbuf_get_bytes(&r, 2, &p), BUF_ETRUNC);
	assert_int_equal(rbuf_skip(&r, 2), BUF_ETRUNC);
	assert_int_equal(rbuf_left(&r), 1);
	/* A NULL range is an empty one. */
	rbuf_init(&r, NULL, 10);
	assert_int_equal(rbuf_left(&r), 0);
}

/* wbuf_poke() overwrites in place, only where something was written. */
static void
test_writer_poke(void **state)
{
	struct wbuf w;

	(void)state;
	wbuf_init(&w, 64);
	assert_int_equal(wbuf_put_zero(&w, 4), BUF_OK);
	assert_int_equal(wbuf_poke(&w, 1, 2, 0xabcd), BUF_OK);
	assert_memory_equal(w.p, "\x00\xab\xcd\x00", 4);
	assert_int_equal(wbuf_poke(&w, 3, 2, 1), BUF_ELENGTH);
	/* the error sticks */
	assert_int_equal(wbuf_put_u8(&w, 1), BUF_ELENGTH);
	assert_int_equal(w.len, 4);
	wbuf_release(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_getters_consume_or_fail),
		cmocka_unit_test(test_vec_rejects_overlong_length),
		cmocka_unit_test(test_writer_vectors_and_cap),
		cmocka_unit_test(test_writer_vec_overflow),
		cmocka_unit_test(test_skip_peek_bytes),
		cmocka_unit_test(test_writer_poke),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
