/*
 * Unit tests of what the heartbleed, ccs-injection and ticketbleed
 * checks read and send, on crafted bytes: the record-head parser and
 * record writer and the hello's session id, session_ticket and heartbeat
 * extension (scanner/tls/tls_hello.c), the judges of the first record
 * after the check's records (tls_heartbleed.c, tls_ccs.c), and the
 * ServerHello session-id reader of tls_ticketbleed.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/buf.h"
#include "scanner/tls/tls_ccs.h"
#include "scanner/tls/tls_heartbleed.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_ticketbleed.h"

#define B(s)	(const uint8_t *)(s), sizeof(s) - 1

static void
test_record_head(void **state)
{
	struct tls_record_head h;

	(void)state;
	/* A heartbeat response: the head only, the body never needed. */
	assert_int_equal(tls_record_head_parse(B("\x18\x03\x03\x00\x23"), &h),
	    TLS_OK);
	assert_int_equal(h.type, TLS_REC_HEARTBEAT);
	assert_int_equal(h.version, 0x0303);
	assert_int_equal(h.length, 35);
	assert_int_equal(tls_record_head_parse(B("\x18\x03\x03\x00"), &h),
	    TLS_NEED_MORE);
	assert_int_equal(tls_record_head_parse(NULL, 0, &h), TLS_NEED_MORE);
	/* An alert needs its two bytes. */
	assert_int_equal(tls_record_head_parse(B("\x15\x03\x01\x00\x02\x02"),
	    &h), TLS_NEED_MORE);
	assert_int_equal(tls_record_head_parse(
	    B("\x15\x03\x01\x00\x02\x02\x0a"), &h), TLS_OK);
	assert_int_equal(h.alert_level, 2);
	assert_int_equal(h.alert_desc, TLS_ALERT_UNEXPECTED_MESSAGE);
	assert_int_equal(tls_record_head_parse(B("\x15\x03\x01\x00\x01\x02"),
	    &h), TLS_EPROTO);
	/* Not TLS: another type, another major version, plain text. */
	assert_int_equal(tls_record_head_parse(B("\x19\x03\x03\x00\x00"), &h),
	    TLS_EGARBAGE);
	assert_int_equal(tls_record_head_parse(B("\x16\x02\x00\x00\x00"), &h),
	    TLS_EGARBAGE);
	assert_int_equal(tls_record_head_parse(B("HTTP/1.1 400"), &h),
	    TLS_EGARBAGE);
}

static void
test_record_write(void **state)
{
	static const uint8_t ccs[] = { 1 };
	struct wbuf w;

	(void)state;
	wbuf_init(&w, 64);
	assert_int_equal(tls_record_write(&w, TLS_REC_CCS, 0x0303, ccs, 1), 0);
	assert_int_equal(w.len, 6);
	assert_memory_equal(w.p, "\x14\x03\x03\x00\x01\x01", 6);
	assert_int_equal(tls_record_write(&w, TLS_REC_CCS, 0x0303, NULL, 3),
	    TLS_EOPTS);
	assert_int_equal(tls_record_write(&w, TLS_REC_APPDATA, 0x0303, ccs,
	    16384), TLS_EOPTS);
	wbuf_release(&w);
	/* A full buffer is an error, not a short record. */
	wbuf_init(&w, 4);
	assert_int_not_equal(tls_record_write(&w, TLS_REC_CCS, 0x0303, ccs,
	    1), 0);
	wbuf_release(&w);
}

/* The hello carries the session id, the ticket and heartbeat(1). */
static void
test_hello_additions(void **state)
{
	static const uint8_t ticket[] = { 0xde, 0xad, 0xbe, 0xef, 0x42 };
	struct tls_hello_opts o;
	struct wbuf w;
	size_t i;

	(void)state;
	tls_hello_defaults(&o, TLS_V_TLS12, NULL);
	o.suites[o.nsuites++] = 0xc02f;
	o.flags |= TLS_HO_HEARTBEAT | TLS_HO_TICKET;
	o.sid_len = 31;
	for (i = 0; i < 31; i++)
		o.sid[i] = (uint8_t)(0xa0 + i);
	o.ticket = ticket;
	o.ticket_len = sizeof(ticket);
	wbuf_init(&w, TLS_HELLO_MAX);
	assert_int_equal(tls_hello_build(&o, &w), 0);
	/* record and handshake lengths add up */
	assert_int_equal((size_t)(w.p[3] << 8 | w.p[4]), w.len - 5);
	assert_int_equal((size_t)(w.p[7] << 8 | w.p[8]), w.len - 9);
	/* session id after version and random */
	assert_int_equal(w.p[9 + 2 + 32], 31);
	assert_memory_equal(&w.p[9 + 2 + 32 + 1], o.sid, 31);
	assert_non_null(memmem(w.p, w.len, "\x00\x0f\x00\x01\x01", 5));
	assert_non_null(memmem(w.p, w.len,
	    "\x00\x23\x00\x05\xde\xad\xbe\xef\x42", 9));
	wbuf_release(&w);

	/* An empty session_ticket asks for one; no sid in TLS 1.3. */
	o.ticket = NULL;
	o.ticket_len = 0;
	o.sid_len = 0;
	wbuf_init(&w, TLS_HELLO_MAX);
	assert_int_equal(tls_hello_build(&o, &w), 0);
	assert_int_equal(w.p[9 + 2 + 32], 0);
	assert_non_null(memmem(w.p, w.len, "\x00\x23\x00\x00", 4));
	wbuf_release(&w);
	o.ticket_len = 3;	/* a length without a ticket */
	wbuf_init(&w, TLS_HELLO_MAX);
	assert_int_equal(tls_hello_build(&o, &w), TLS_EOPTS);
	wbuf_release(&w);
	o.ticket_len = 0;
	o.sid_len = 33;
	wbuf_init(&w, TLS_HELLO_MAX);
	assert_int_equal(tls_hello_build(&o, &w), TLS_EOPTS);
	wbuf_release(&w);
	tls_hello_defaults(&o, TLS_V_TLS13, NULL);
	o.suites[o.nsuites++] = 0x1301;
	o.sid_len = 4;
	wbuf_init(&w, TLS_HELLO_MAX);
	assert_int_equal(tls_hello_build(&o, &w), TLS_EOPTS);
	wbuf_release(&w);
}

/* The ServerHello's heartbeat extension is noted. */
static void
test_heartbeat_ack(void **state)
{
	/* ServerHello, TLS 1.2, no sid, suite c02f, heartbeat(1). */
	static const uint8_t sh[] =
	    "\x16\x03\x03\x00\x31" "\x02\x00\x00\x2d" "\x03\x03"
	    "0123456789abcdef0123456789abcdef" "\x00" "\xc0\x2f" "\x00"
	    "\x00\x05" "\x00\x0f\x00\x01\x01";
	struct tls_answer a;

	(void)state;
	assert_int_equal(tls_answer_parse(sh, sizeof(sh) - 1, 0, &a), TLS_OK);
	assert_int_equal(a.kind, TLS_ANS_SERVER_HELLO);
	assert_true(a.ext & TLS_AX_HEARTBEAT);
}

static void
test_judges(void **state)
{
	struct tls_record_head h;
	char d[240];

	(void)state;
	memset(&h, 0, sizeof(h));
	h.type = TLS_REC_HEARTBEAT;
	h.length = 3 + HEARTBLEED_CLAIM + 16;
	assert_int_equal(heartbleed_judge(&h, d, sizeof(d)), VULN_VULNERABLE);
	assert_non_null(strstr(d, "of 35 bytes to a 3-byte request"));
	h.length = HEARTBLEED_SENT;
	assert_int_equal(heartbleed_judge(&h, d, sizeof(d)),
	    VULN_NOT_VULNERABLE);
	h.type = TLS_REC_ALERT;
	h.alert_desc = TLS_ALERT_UNEXPECTED_MESSAGE;
	assert_int_equal(heartbleed_judge(&h, d, sizeof(d)),
	    VULN_NOT_VULNERABLE);
	assert_string_equal(d, "the heartbeat request was refused with "
	    "unexpected_message");
	h.type = TLS_REC_HANDSHAKE;
	assert_int_equal(heartbleed_judge(&h, d, sizeof(d)), VULN_UNTESTED);

	h.type = TLS_REC_ALERT;
	h.alert_desc = TLS_ALERT_UNEXPECTED_MESSAGE;
	assert_int_equal(ccs_judge(&h, d, sizeof(d)), VULN_NOT_VULNERABLE);
	h.alert_desc = TLS_ALERT_BAD_RECORD_MAC;
	assert_int_equal(ccs_judge(&h, d, sizeof(d)), VULN_VULNERABLE);
	h.alert_desc = TLS_ALERT_DECRYPTION_FAILED;
	assert_int_equal(ccs_judge(&h, d, sizeof(d)), VULN_VULNERABLE);
	h.alert_desc = TLS_ALERT_HANDSHAKE_FAILURE;
	assert_int_equal(ccs_judge(&h, d, sizeof(d)), VULN_INCONCLUSIVE);
	assert_non_null(strstr(d, "handshake_failure"));
	h.type = TLS_REC_HANDSHAKE;
	assert_int_equal(ccs_judge(&h, d, sizeof(d)), VULN_INCONCLUSIVE);
}

/* A ServerHello record with a session id of n bytes, first ours. */
static size_t
server_hello(uint8_t *b, const uint8_t *sid, uint8_t n, int fragment)
{
	size_t hs = 2 + 32 + 1 + n + 2 + 1, i = 0;

	b[i++] = 22;
	b[i++] = 3;
	b[i++] = 3;
	b[i++] = 0;
	b[i++] = (uint8_t)(fragment ? 4 + 2 + 32 : 4 + hs);
	b[i++] = 2;
	b[i++] = 0;
	b[i++] = 0;
	b[i++] = (uint8_t)hs;
	b[i++] = 3;
	b[i++] = 3;
	memset(b + i, 0x77, 32);
	i += 32;
	if (fragment)
		return i;
	b[i++] = n;
	memcpy(b + i, sid, n);
	i += n;
	b[i++] = 0xc0;
	b[i++] = 0x2f;
	b[i++] = 0;
	return i;
}

static void
test_ticketbleed_parse(void **state)
{
	uint8_t ours[32], b[128];
	struct tb_answer a;
	size_t n, cut;

	(void)state;
	memset(ours, 0x31, sizeof(ours));
	ours[31] = 0xee;	/* the server's "memory" */
	/* padded to 32: the bug */
	n = server_hello(b, ours, 32, 0);
	assert_int_equal(ticketbleed_parse(b, n, ours, 31, &a), TLS_OK);
	assert_int_equal(a.kind, TB_SERVER_HELLO);
	assert_int_equal(a.sid_len, 32);
	assert_true(a.echo);
	assert_int_equal(a.version, 0x0303);
	/* the session ID end is enough; every shorter prefix is more */
	assert_int_equal(ticketbleed_parse(b, 5 + 4 + 2 + 32 + 1 + 32, ours,
	    31, &a), TLS_OK);
	for (cut = 0; cut < 5 + 4 + 2 + 32 + 1 + 32; cut++)
		assert_int_equal(ticketbleed_parse(b, cut, ours, 31, &a),
		    TLS_NEED_MORE);
	/* echoed as sent: a resumption, fixed */
	n = server_hello(b, ours, 31, 0);
	assert_int_equal(ticketbleed_parse(b, n, ours, 31, &a), TLS_OK);
	assert_int_equal(a.sid_len, 31);
	assert_true(a.echo);
	/* a new session: not ours */
	ours[0] = 0x32;
	n = server_hello(b, ours, 32, 0);
	ours[0] = 0x31;
	assert_int_equal(ticketbleed_parse(b, n, ours, 31, &a), TLS_OK);
	assert_false(a.echo);
	/* no session id at all */
	n = server_hello(b, ours, 0, 0);
	assert_int_equal(ticketbleed_parse(b, n, ours, 31, &a), TLS_OK);
	assert_int_equal(a.sid_len, 0);
	assert_false(a.echo);
	/* a ServerHello cut before its session id by its record */
	n = server_hello(b, ours, 32, 1);
	assert_int_equal(ticketbleed_parse(b, n, ours, 31, &a), TLS_EPROTO);
	/* session id longer than 32 */
	n = server_hello(b, ours, 32, 0);
	b[5 + 4 + 2 + 32] = 33;
	assert_int_equal(ticketbleed_parse(b, n, ours, 31, &a), TLS_EPROTO);
	/* not a ServerHello */
	n = server_hello(b, ours, 32, 0);
	b[5] = 11;
	assert_int_equal(ticketbleed_parse(b, n, ours, 31, &a), TLS_EPROTO);
	/* an alert instead */
	assert_int_equal(ticketbleed_parse(B("\x15\x03\x03\x00\x02\x02\x28"),
	    ours, 31, &a), TLS_OK);
	assert_int_equal(a.kind, TB_ALERT);
	assert_int_equal(a.alert_desc, TLS_ALERT_HANDSHAKE_FAILURE);
	assert_int_equal(ticketbleed_parse(B("\x15\x03\x03\x00\x01\x02"),
	    ours, 31, &a), TLS_EPROTO);
	assert_int_equal(ticketbleed_parse(B("\x17\x03\x03\x00\x01\x02"),
	    ours, 31, &a), TLS_EGARBAGE);
	assert_int_equal(ticketbleed_parse(B("SSH-2.0-x\r\n"), ours, 31, &a),
	    TLS_EGARBAGE);
	assert_int_equal(ticketbleed_parse(b, n, ours, 33, &a), TLS_EOPTS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_head),
		cmocka_unit_test(test_record_write),
		cmocka_unit_test(test_hello_additions),
		cmocka_unit_test(test_heartbeat_ack),
		cmocka_unit_test(test_judges),
		cmocka_unit_test(test_ticketbleed_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
