/*
 * Unit tests of libtilsyn-common: the number parsers, text and network
 * syntax, hex, the output choice (common/).
 */
#include <sys/socket.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "common/cli.h"
#include "common/hex.h"
#include "common/netsyntax.h"
#include "common/numparse.h"
#include "common/text.h"

static void
test_parse_int64(void **state)
{
	int64_t v = 7;

	(void)state;
	assert_int_equal(parse_int64("0", 0, 10, &v), NUM_OK);
	assert_int_equal(v, 0);
	assert_int_equal(parse_int64("-5", -10, 10, &v), NUM_OK);
	assert_int_equal(v, -5);
	assert_int_equal(parse_int64("9223372036854775807", 0, INT64_MAX, &v),
	    NUM_OK);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(parse_int64("9223372036854775808", 0, INT64_MAX, &v),
	    NUM_LARGE);
	assert_int_equal(parse_int64("-9223372036854775809", INT64_MIN, 0,
	    &v), NUM_SMALL);
	assert_int_equal(parse_int64("11", 0, 10, &v), NUM_LARGE);
	assert_int_equal(parse_int64("-1", 0, 10, &v), NUM_SMALL);
	v = 7;
	assert_int_equal(parse_int64("", 0, 10, &v), NUM_NOTNUM);
	assert_int_equal(parse_int64("-", 0, 10, &v), NUM_NOTNUM);
	assert_int_equal(parse_int64("+1", 0, 10, &v), NUM_NOTNUM);
	assert_int_equal(parse_int64(" 1", 0, 10, &v), NUM_NOTNUM);
	assert_int_equal(parse_int64("1 ", 0, 10, &v), NUM_NOTNUM);
	assert_int_equal(parse_int64("0x1", 0, 10, &v), NUM_NOTNUM);
	assert_int_equal(v, 7);		/* untouched on failure */
	assert_string_equal(numparse_errstr(NUM_NOTNUM), "not a whole number");
	assert_string_equal(numparse_errstr(NUM_SMALL), "too small");
	assert_string_equal(numparse_errstr(NUM_LARGE), "too large");
}

static void
test_parse_seconds(void **state)
{
	int64_t ms = -1;

	(void)state;
	assert_int_equal(parse_seconds_ms("5", 10, 3600000, &ms), NUM_OK);
	assert_int_equal(ms, 5000);
	assert_int_equal(parse_seconds_ms("0.5", 10, 3600000, &ms), NUM_OK);
	assert_int_equal(ms, 500);
	assert_int_equal(parse_seconds_ms(".25", 10, 3600000, &ms), NUM_OK);
	assert_int_equal(ms, 250);
	assert_int_equal(parse_seconds_ms("1.", 10, 3600000, &ms), NUM_OK);
	assert_int_equal(ms, 1000);
	assert_int_equal(parse_seconds_ms("0.0125", 10, 3600000, &ms), NUM_OK);
	assert_int_equal(ms, 13);	/* rounded to the nearest */
	assert_int_equal(parse_seconds_ms("0.01", 10, 3600000, &ms), NUM_OK);
	assert_int_equal(ms, 10);
	/* the bounds are compared before rounding */
	assert_int_equal(parse_seconds_ms("0.0099", 10, 3600000, &ms),
	    NUM_SMALL);
	assert_int_equal(parse_seconds_ms("3600", 10, 3600000, &ms), NUM_OK);
	assert_int_equal(parse_seconds_ms("3600.0001", 10, 3600000, &ms),
	    NUM_LARGE);
	assert_int_equal(parse_seconds_ms("99999999999999999999", 10, 3600000,
	    &ms), NUM_LARGE);
	assert_int_equal(parse_seconds_ms("", 10, 3600000, &ms), NUM_NOTNUM);
	assert_int_equal(parse_seconds_ms(".", 10, 3600000, &ms), NUM_NOTNUM);
	assert_int_equal(parse_seconds_ms("1.2.3", 10, 3600000, &ms),
	    NUM_NOTNUM);
	assert_int_equal(parse_seconds_ms("-1", 10, 3600000, &ms), NUM_NOTNUM);
	assert_int_equal(parse_seconds_ms("1e3", 10, 3600000, &ms),
	    NUM_NOTNUM);
	assert_int_equal(parse_seconds_ms("0x10", 10, 3600000, &ms),
	    NUM_NOTNUM);
}

static void
test_host_port(void **state)
{
	char long_name[300];
	uint16_t port = 0;

	(void)state;
	assert_true(host_name_valid("vpn.example", 11));
	assert_true(host_name_valid("_dmarc.example", 14));
	assert_true(host_name_valid("a-b.c", 5));
	assert_true(host_name_valid("host:443", 4));	/* len stops at ':' */
	assert_false(host_name_valid("", 0));
	assert_false(host_name_valid("a b", 3));
	assert_false(host_name_valid("a/b", 3));
	assert_false(host_name_valid("\xc3\xa6", 2));
	memset(long_name, 'a', sizeof(long_name));
	assert_true(host_name_valid(long_name, HOST_NAME_MAX_LEN));
	assert_false(host_name_valid(long_name, HOST_NAME_MAX_LEN + 1));
	assert_int_equal(port_parse("443", &port), 0);
	assert_int_equal(port, 443);
	assert_int_equal(port_parse("65535", &port), 0);
	assert_int_equal(port_parse("0", &port), -1);
	assert_int_equal(port_parse("65536", &port), -1);
	assert_int_equal(port_parse("-1", &port), -1);
	assert_int_equal(port_parse("", &port), -1);
	assert_int_equal(port_parse("44a", &port), -1);
	assert_int_equal(port, 65535);
}

static void
test_cidr(void **state)
{
	static const unsigned char net[4] = { 192, 0, 2, 0 };
	struct cidr c;

	(void)state;
	assert_int_equal(cidr_parse("192.0.2.0/24", &c), CIDR_OK);
	assert_int_equal(c.family, AF_INET);
	assert_int_equal(c.prefix, 24);
	assert_memory_equal(c.addr, net, sizeof(net));
	assert_int_equal(cidr_parse("192.0.2.7", &c), CIDR_OK);
	assert_int_equal(c.prefix, 32);
	assert_int_equal(cidr_parse("2001:db8::/32", &c), CIDR_OK);
	assert_int_equal(c.family, AF_INET6);
	assert_int_equal(c.prefix, 32);
	assert_int_equal(cidr_parse("::1", &c), CIDR_OK);
	assert_int_equal(c.prefix, 128);
	assert_int_equal(cidr_parse("10.0.0.0/33", &c), CIDR_BADPREFIX);
	assert_int_equal(cidr_parse("2001:db8::/129", &c), CIDR_BADPREFIX);
	assert_int_equal(cidr_parse("10.0.0.0/", &c), CIDR_BADPREFIX);
	assert_int_equal(cidr_parse("10.0.0.0/-0", &c), CIDR_BADPREFIX);
	assert_int_equal(cidr_parse("10.0.0.0/8x", &c), CIDR_BADPREFIX);
	assert_int_equal(cidr_parse("10.0.0/8", &c), CIDR_BADADDR);
	assert_int_equal(cidr_parse("example.com/8", &c), CIDR_BADADDR);
	assert_int_equal(cidr_parse(
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    &c), CIDR_TOOLONG);
	assert_string_equal(cidr_errstr(CIDR_BADPREFIX), "bad prefix length");
}

/* The register's syntax (§ 10): networks, overlaps, e-mail, telephone. */
static void
test_register_syntax(void **state)
{
	struct cidr a, b;
	char net[CIDR_TEXT_LEN];

	(void)state;
	assert_int_equal(cidr_parse("10.0.0.1/24", &a), CIDR_OK);
	assert_true(cidr_host_bits(&a, net, sizeof(net)));
	assert_string_equal(net, "10.0.0.0/24");
	assert_int_equal(cidr_parse("10.0.0.0/24", &a), CIDR_OK);
	assert_false(cidr_host_bits(&a, net, sizeof(net)));
	assert_int_equal(cidr_parse("10.0.0.128/25", &a), CIDR_OK);
	assert_false(cidr_host_bits(&a, net, sizeof(net)));
	assert_int_equal(cidr_parse("10.0.0.129/25", &a), CIDR_OK);
	assert_true(cidr_host_bits(&a, net, sizeof(net)));
	assert_string_equal(net, "10.0.0.128/25");
	assert_int_equal(cidr_parse("2001:db8::1/64", &a), CIDR_OK);
	assert_true(cidr_host_bits(&a, net, sizeof(net)));
	assert_string_equal(net, "2001:db8::/64");
	assert_int_equal(cidr_parse("0.0.0.0/0", &a), CIDR_OK);
	assert_false(cidr_host_bits(&a, net, sizeof(net)));
	/* overlaps: one holds the other, or not; families never mix */
	assert_int_equal(cidr_parse("192.0.2.0/24", &a), CIDR_OK);
	assert_int_equal(cidr_parse("192.0.2.128/25", &b), CIDR_OK);
	assert_true(cidr_overlap(&a, &b));
	assert_true(cidr_overlap(&b, &a));
	assert_int_equal(cidr_parse("192.0.3.0/24", &b), CIDR_OK);
	assert_false(cidr_overlap(&a, &b));
	assert_int_equal(cidr_parse("192.0.2.7", &b), CIDR_OK);
	assert_true(cidr_overlap(&a, &b));
	assert_int_equal(cidr_parse("192.0.0.0/23", &b), CIDR_OK);
	assert_false(cidr_overlap(&a, &b));
	assert_int_equal(cidr_parse("::ffff:192.0.2.0/120", &b), CIDR_OK);
	assert_false(cidr_overlap(&a, &b));
	/* e-mail */
	assert_true(email_valid("it@nordkraft.example"));
	assert_true(email_valid("drift@localhost"));
	assert_true(email_valid("a.b+c@x-y.example"));
	assert_false(email_valid("@"));
	assert_false(email_valid("a@"));
	assert_false(email_valid("@b.example"));
	assert_false(email_valid("a@@b.example"));
	assert_false(email_valid("a@b@c.example"));
	assert_false(email_valid("a b@c.example"));
	assert_false(email_valid("a@b .example"));
	assert_false(email_valid("a@b..example"));
	assert_false(email_valid("a@.example"));
	assert_false(email_valid("a@example."));
	assert_false(email_valid("a\t@example"));
	assert_false(email_valid("nordkraft.example"));
	/* telephone */
	assert_true(phone_valid("+45 70 10 20 30"));
	assert_true(phone_valid("70102030"));
	assert_true(phone_valid("+45-7010-2030"));
	assert_true(phone_valid("123456"));
	assert_false(phone_valid("12345"));
	assert_false(phone_valid("123456789012345678901"));
	assert_false(phone_valid("++++++++"));
	assert_false(phone_valid("+"));
	assert_false(phone_valid("++45 70102030"));
	assert_false(phone_valid("45  70102030"));
	assert_false(phone_valid("45 -70102030"));
	assert_false(phone_valid(" 4570102030"));
	assert_false(phone_valid("4570102030 "));
	assert_false(phone_valid("45+70102030"));
	assert_false(phone_valid("70 10 20 3x"));
}

static void
test_text(void **state)
{
	(void)state;
	assert_null(text_problem("Tilsyn med Nordkraft A/S \xc3\xa6\xc3\xb8"));
	assert_null(text_problem("tab\tand\nnewline"));
	assert_string_equal(text_problem("bell\a"),
	    "contains a control character");
	assert_string_equal(text_problem("del\x7f"),
	    "contains a control character");
	assert_string_equal(text_problem("\xc3"), "is not valid UTF-8");
	assert_string_equal(text_problem("\xc0\xaf"), "is not valid UTF-8");
	assert_string_equal(text_problem("\xed\xa0\x80"), "is not valid UTF-8");
	assert_string_equal(text_problem("\xef\xbf\xbf"), "is not valid UTF-8");
	assert_string_equal(text_problem("\xf4\x90\x80\x80"),
	    "is not valid UTF-8");
	assert_null(text_problem("\xf0\x9f\x94\x92"));
	assert_true(text_blank(NULL));
	assert_true(text_blank(""));
	assert_true(text_blank(" \t\r\n"));
	assert_false(text_blank(" x "));
	/* invisible text is blank: NBSP, U+2000, U+3000, ZWSP, WJ, BOM */
	assert_true(text_blank("\xc2\xa0"));
	assert_true(text_blank("\xe2\x80\x80\xe2\x80\x8a"));
	assert_true(text_blank("\xe3\x80\x80"));
	assert_true(text_blank("\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d"));
	assert_true(text_blank("\xe2\x81\xa0\xef\xbb\xbf\xc2\xad"));
	assert_false(text_blank("\xc2\xa0x"));
	assert_false(text_blank("\xc3\xa6"));
	/* bidi controls and C1 controls are refused everywhere */
	assert_string_equal(text_problem("a\xe2\x80\xae" "b"),
	    "contains a bidirectional control character (U+202E)");
	assert_string_equal(text_problem("\xe2\x81\xa6"),
	    "contains a bidirectional control character (U+2066)");
	assert_string_equal(text_problem("\xe2\x80\x8f"),
	    "contains a bidirectional control character (U+200F)");
	assert_string_equal(text_problem("\xd8\x9c"),
	    "contains a bidirectional control character (U+061C)");
	assert_string_equal(text_problem("csi\xc2\x9b"),
	    "contains a control character");
	/* one-line fields */
	assert_null(text_line_problem("Nordkraft A/S"));
	assert_string_equal(text_line_problem("a\nb"),
	    "has a tab or a line break (it takes one line)");
	assert_string_equal(text_line_problem("a\rb"),
	    "has a tab or a line break (it takes one line)");
	assert_string_equal(text_line_problem("a\xe2\x80\xa8" "b"),
	    "has a tab or a line break (it takes one line)");
	assert_null(text_problem("a\nb"));
}

static void
test_text_escape(void **state)
{
	char b[64], small[5];

	(void)state;
	assert_int_equal(text_escape(b, sizeof(b), "\xc3\xa6 A/S"), 6);
	assert_string_equal(b, "\xc3\xa6 A/S");
	assert_int_equal(text_escape(b, sizeof(b), "x\noverdue\t\\"),
	    14);
	assert_string_equal(b, "x\\noverdue\\t\\\\");
	text_escape(b, sizeof(b), "\x1b[2J\xe2\x80\xae\xc2\x85\xff");
	assert_string_equal(b, "\\u{001B}[2J\\u{202E}\\u{0085}\\x{FF}");
	/* snprintf-like: the length needed, truncated but terminated */
	assert_int_equal(text_escape(small, sizeof(small), "a\nbcdef"), 8);
	assert_string_equal(small, "a\\nb");
	assert_int_equal(text_escape(NULL, 0, "\n"), 2);
}

static void
test_hex(void **state)
{
	static const unsigned char b[] = { 0x00, 0x0f, 0xa5, 0xff };
	char out[2 * sizeof(b) + 1];

	(void)state;
	hex_encode(b, sizeof(b), out);
	assert_string_equal(out, "000fa5ff");
	hex_encode(b, 0, out);
	assert_string_equal(out, "");
}

static void
test_cli_output(void **state)
{
	enum cli_output o = CLI_JSON;

	(void)state;
	assert_int_equal(cli_output_parse("text", &o), 0);
	assert_int_equal(o, CLI_TEXT);
	assert_int_equal(cli_output_parse("json", &o), 0);
	assert_int_equal(o, CLI_JSON);
	assert_int_equal(cli_output_parse("JSON", &o), -1);
	assert_int_equal(cli_output_parse("", &o), -1);
	assert_int_equal(o, CLI_JSON);
}

/* Port lists: ranges kept in order, a port given twice counted once. */
static void
test_portlist(void **state)
{
	static const char *bad[] = { "", ",", "443,", ",443", "443,,8443",
	    "0", "65536", "1-0", "10-5", "-5", "5-", "1-2-3", " 443",
	    "443 ", "0x1bb", "443;8443", "99999999999999999999" };
	struct portlist pl;
	char big[PORTLIST_MAX * 2 + 8];
	size_t i;

	(void)state;
	assert_int_equal(portlist_parse("443", &pl), 0);
	assert_int_equal(pl.n, 1);
	assert_int_equal(pl.r[0].lo, 443);
	assert_int_equal(pl.r[0].hi, 443);
	assert_int_equal(portlist_count(&pl), 1);
	assert_int_equal(portlist_parse("443,8443,4430-4439", &pl), 0);
	assert_int_equal(pl.n, 3);
	assert_int_equal(pl.r[2].lo, 4430);
	assert_int_equal(pl.r[2].hi, 4439);
	assert_int_equal(portlist_count(&pl), 12);
	assert_int_equal(portlist_parse("1-65535", &pl), 0);
	assert_int_equal(portlist_count(&pl), 65535);
	/* Overlaps and repeats count once. */
	assert_int_equal(portlist_parse("443,443,440-445,22", &pl), 0);
	assert_int_equal(portlist_count(&pl), 7);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pl.n = 5;
		if (portlist_parse(bad[i], &pl) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(pl.n, 0);
	}
	/* PORTLIST_MAX ranges are fine, one more is refused. */
	big[0] = '\0';
	for (i = 0; i < PORTLIST_MAX; i++)
		strcat(big, i == 0 ? "1" : ",1");
	assert_int_equal(portlist_parse(big, &pl), 0);
	assert_int_equal(pl.n, PORTLIST_MAX);
	assert_int_equal(portlist_count(&pl), 1);
	strcat(big, ",2");
	assert_int_equal(portlist_parse(big, &pl), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_int64),
		cmocka_unit_test(test_parse_seconds),
		cmocka_unit_test(test_host_port),
		cmocka_unit_test(test_cidr),
		cmocka_unit_test(test_portlist),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_escape),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_register_syntax),
		cmocka_unit_test(test_cli_output),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
