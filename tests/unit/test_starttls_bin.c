/*
 * Unit tests of the binary STARTTLS preambles (scanner/tls/starttls_bin.c)
 * through starttls.h, as the probes use them.  The server answers are
 * the bytes real servers sent (OpenLDAP slapd 2.5, PostgreSQL 15,
 * MariaDB 10.11), and variants of them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/buf.h"
#include "scanner/tls/starttls.h"
#include "scanner/tls/starttls_bin.h"

#define S(x)	(const uint8_t *)(x), sizeof(x) - 1

/* slapd with TLS: success, no matchedDN, no diagnosticMessage. */
static const char slapd_ok[] =
    "\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x00\x04\x00\x04\x00";
/* slapd without a certificate. */
static const char slapd_no_tls[] =
    "\x30\x2a\x02\x01\x01\x78\x25\x0a\x01\x02\x04\x00\x04\x1e"
    "unsupported extended operation";
/* MariaDB 10.11 with TLS: protocol 10, capabilities 0xf7fe | CLIENT_SSL. */
static const char mariadb_ssl[] =
    "\x64\x00\x00\x00\x0a" "5.5.5-10.11.19-MariaDB-0+deb12u1" "\x00"
    "\x03\x00\x00\x00" "Tq]];NUB" "\x00" "\xfe\xff" "\x08\x02\x00\xff\x81"
    "\x15\x00\x00\x00\x00\x00\x00\x1d\x00\x00\x00" ")Eb;?j{J=50/" "\x00"
    "mysql_native_password";	/* and the final NUL of the literal */
/* The same with --skip-ssl: 0xf7fe. */
static const char mariadb_skip_ssl[] =
    "\x64\x00\x00\x00\x0a" "5.5.5-10.11.19-MariaDB-0+deb12u1" "\x00"
    "\x03\x00\x00\x00" "|TnP\"WqR" "\x00" "\xfe\xf7" "\x08\x02\x00\xff\x81"
    "\x15\x00\x00\x00\x00\x00\x00\x1d\x00\x00\x00" "'hYcgZo?,\\k)" "\x00"
    "mysql_native_password";

static struct starttls st;
static struct wbuf out;

static int
setup(void **state)
{
	(void)state;
	wbuf_init(&out, 4096);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	wbuf_release(&out);
	return 0;
}

/* starttls_init() and starttls_start() for svc: what went out. */
static void
start(enum service svc)
{
	wbuf_reset(&out);
	starttls_init(&st, svc);
	assert_true(starttls_needed(svc));
	assert_int_equal(starttls_start(&st, NULL, &out), STARTTLS_MORE);
}

/* Feeds all of in at once; *consumed too. */
static int
feed(const uint8_t *in, size_t len, size_t *consumed)
{
	*consumed = 99;
	return starttls_input(&st, in, len, consumed, &out);
}

/* Feeds in one byte more at a time: MORE until the last. */
static int
trickle(const uint8_t *in, size_t len, size_t *consumed)
{
	size_t i;
	int r;

	for (i = 1; i < len; i++) {
		r = feed(in, i, consumed);
		if (r != STARTTLS_MORE)
			fail_msg("%d after %zu of %zu bytes: %s", r, i, len,
			    st.msg);
		assert_int_equal(*consumed, 0);
	}
	return feed(in, len, consumed);
}

static void
test_requests(void **state)
{
	static const uint8_t ldap[] = { 0x30, 0x1d, 0x02, 0x01, 0x01, 0x77,
	    0x18, 0x80, 0x16 };
	static const uint8_t pg[] = { 0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f };

	(void)state;
	start(SVC_LDAP);
	assert_int_equal(out.len, sizeof(ldap) + 22);
	assert_memory_equal(out.p, ldap, sizeof(ldap));
	assert_memory_equal(out.p + sizeof(ldap), STARTTLS_LDAP_OID, 22);
	assert_false(starttls_in_greeting(&st));
	assert_string_equal(starttls_waiting(&st),
	    "answer to the LDAP StartTLS request");

	start(SVC_POSTGRES);
	assert_int_equal(out.len, sizeof(pg));
	assert_memory_equal(out.p, pg, sizeof(pg));
	assert_false(starttls_in_greeting(&st));
	assert_string_equal(starttls_waiting(&st),
	    "answer to the PostgreSQL SSLRequest");

	start(SVC_MYSQL);
	assert_int_equal(out.len, 0);
	assert_true(starttls_in_greeting(&st));
	assert_string_equal(starttls_waiting(&st), "MySQL greeting");

	/* The text protocols say nothing first. */
	start(SVC_SMTP);
	assert_int_equal(out.len, 0);
	assert_false(starttls_needed(SVC_TLS));
}

static void
test_ldap_ok(void **state)
{
	size_t c;

	(void)state;
	start(SVC_LDAP);
	wbuf_reset(&out);
	assert_int_equal(trickle(S(slapd_ok), &c), STARTTLS_READY);
	assert_int_equal(c, sizeof(slapd_ok) - 1);
	assert_int_equal(out.len, 0);
	assert_string_equal(starttls_waiting(&st), "TLS");
	assert_int_equal(st.lines, 1);

	/* Long-form lengths and the responseName are fine too. */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x84\x00\x00\x00\x24\x02\x01\x01\x78\x1f"
	    "\x0a\x01\x00\x04\x00\x04\x00\x8a\x16" STARTTLS_LDAP_OID), &c),
	    STARTTLS_READY);
	assert_int_equal(c, 42);
}

static void
test_ldap_no(void **state)
{
	size_t c;

	(void)state;
	start(SVC_LDAP);
	assert_int_equal(feed(S(slapd_no_tls), &c), STARTTLS_EREFUSED);
	assert_int_equal(c, 0);
	assert_string_equal(st.msg, "LDAP server refused StartTLS: "
	    "protocolError (2): 'unsupported extended operation'");

	/* unavailable (52): a no as well; an unnamed code by number. */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x34"
	    "\x04\x00\x04\x00"), &c), STARTTLS_EREFUSED);
	assert_string_equal(st.msg, "LDAP server refused StartTLS: "
	    "unavailable (52): ''");
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x20"
	    "\x04\x00\x04\x00"), &c), STARTTLS_EREFUSED);
	assert_string_equal(st.msg, "LDAP server refused StartTLS: "
	    "resultCode 32: ''");

	/* busy (51): pushed back for now. */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x10\x02\x01\x01\x78\x0b\x0a\x01\x33"
	    "\x04\x00\x04\x04" "full"), &c), STARTTLS_ETHROTTLED);
	assert_string_equal(st.msg, "LDAP server refused StartTLS: busy (51): "
	    "'full'");

	/* The Notice of Disconnection (messageID 0). */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x0c\x02\x01\x00\x78\x07\x0a\x01\x34"
	    "\x04\x00\x04\x00"), &c), STARTTLS_ETHROTTLED);
	assert_string_equal(st.msg, "LDAP notice of disconnection: "
	    "unavailable (52): ''");
}

static void
test_ldap_garbage(void **state)
{
	size_t c;

	(void)state;
	/* A BindResponse is LDAP, but no answer to StartTLS. */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x0c\x02\x01\x01\x61\x07\x0a\x01\x00"
	    "\x04\x00\x04\x00"), &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "not an LDAP ExtendedResponse: '0a'");
	/* Another protocol's greeting: named (starttls_recognise()). */
	start(SVC_LDAP);
	assert_int_equal(feed(S("220 mx.example ESMTP\r\n"), &c),
	    STARTTLS_EPROTO);
	assert_string_equal(st.msg, "the server speaks SMTP, not LDAP");
	/* A TLS-only port answers with an alert. */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x15\x03\x01\x00\x02\x02\x32"), &c),
	    STARTTLS_EPROTO);
	assert_string_equal(st.msg, "the server speaks TLS, not LDAP (a "
	    "tls:// port)");
	start(SVC_POSTGRES);
	assert_int_equal(feed(S("\x15\x03\x03\x00\x02\x02\x46"), &c),
	    STARTTLS_EPROTO);
	assert_string_equal(st.msg, "the server speaks TLS, not PostgreSQL "
	    "(a tls:// port)");
	start(SVC_MYSQL);
	assert_int_equal(feed(S("\x15\x03\x03\x00\x02\x02\x46"), &c),
	    STARTTLS_EPROTO);
	assert_string_equal(st.msg, "the server speaks TLS, not MySQL (a "
	    "tls:// port)");
	/* An answer to another message. */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x0c\x02\x01\x07\x78\x07\x0a\x01\x00"
	    "\x04\x00\x04\x00"), &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "LDAP answer to message 7, not to the "
	    "StartTLS request (1)");
	/* Lengths that do not fit: inner, indefinite, too long, huge. */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x0c\x02\x01\x01\x78\x08\x0a\x01\x00"
	    "\x04\x00\x04\x00"), &c), STARTTLS_EPROTO);
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x05\x02\x01\x01\x78\x00"), &c),
	    STARTTLS_EPROTO);
	assert_string_equal(st.msg, "malformed LDAP ExtendedResponse: "
	    "'0x'");
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x80\x02\x01\x01"), &c), STARTTLS_EPROTO);
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x82\x10\x00\x02"), &c), STARTTLS_ELINE);
	assert_string_equal(st.msg, "LDAP message too long (4096 bytes)");
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x85\x01\x00\x00\x00\x00"), &c),
	    STARTTLS_EPROTO);
	/* A yes, then bytes the server should not send before TLS. */
	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x00"
	    "\x04\x00\x04\x00" "\x16\x03"), &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "LDAP StartTLS accepted, then 2 more "
	    "bytes before the TLS handshake");
	assert_int_equal(c, 0);
}

static void
test_postgres(void **state)
{
	size_t c;

	(void)state;
	start(SVC_POSTGRES);
	wbuf_reset(&out);
	assert_int_equal(feed(S(""), &c), STARTTLS_MORE);
	assert_int_equal(feed(S("S"), &c), STARTTLS_READY);
	assert_int_equal(c, 1);
	assert_int_equal(out.len, 0);

	start(SVC_POSTGRES);
	assert_int_equal(feed(S("N"), &c), STARTTLS_EREFUSED);
	assert_string_equal(st.msg, "PostgreSQL server refused SSLRequest: "
	    "'N' (no TLS)");

	/* An ErrorResponse (protocol 3), as PostgreSQL 15 words one. */
	start(SVC_POSTGRES);
	assert_int_equal(trickle(S("E\x00\x00\x00\x66" "SFATAL\0VFATAL\0"
	    "C28000\0Mrole \"nosuchuser\" does not exist\0Fmiscinit.c\0L768\0"
	    "RInitializeSessionUserId\0\0"), &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "PostgreSQL error FATAL 28000: 'role "
	    "\"nosuchuser\" does not exist'");
	/* Before protocol 3: a bare string. */
	start(SVC_POSTGRES);
	assert_int_equal(feed(S("EFATAL:  unsupported frontend protocol\n"),
	    &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "PostgreSQL error: 'FATAL:  unsupported "
	    "frontend protocol'");

	/* SSH on the port: named, not read as an 'S' and more. */
	start(SVC_POSTGRES);
	assert_int_equal(feed(S("SSH-2.0-OpenSSH_9.2\r\n"), &c),
	    STARTTLS_EPROTO);
	assert_string_equal(st.msg, "the server speaks SSH, not PostgreSQL");
	start(SVC_POSTGRES);
	assert_int_equal(feed(S("220 mx ESMTP\r\n"), &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "the server speaks SMTP, not PostgreSQL");
}

/* A protocol 10 greeting with this version and capabilities. */
static size_t
greeting(uint8_t *p, const char *version, uint16_t caps)
{
	size_t n = 0, vl = strlen(version);

	p[n++] = 0x0a;
	memcpy(p + n, version, vl + 1);
	n += vl + 1;
	memset(p + n, 'x', 12);		/* thread id, scramble */
	n += 12;
	p[n++] = 0;
	p[n++] = (uint8_t)caps;
	p[n++] = (uint8_t)(caps >> 8);
	memmove(p + 4, p, n);
	p[0] = (uint8_t)n;
	p[1] = p[2] = p[3] = 0;
	return n + 4;
}

static void
test_mysql_ok(void **state)
{
	static const uint8_t req[] = { 32, 0, 0, 1, 0x01, 0x8a, 0, 0,
	    0, 0, 0, 1, 33 };
	uint8_t p[128];
	size_t c, n;

	(void)state;
	start(SVC_MYSQL);
	assert_int_equal(trickle(S(mariadb_ssl) + 1, &c), STARTTLS_READY);
	assert_int_equal(c, 104);
	assert_string_equal(st.server, "5.5.5-10.11.19-MariaDB-0+deb12u1");
	assert_false(starttls_in_greeting(&st));
	assert_string_equal(starttls_waiting(&st), "TLS");
	/* The SSLRequest: 32 bytes of payload, sequence id 1. */
	assert_int_equal(out.len, 36);
	assert_memory_equal(out.p, req, sizeof(req));
	for (n = sizeof(req); n < 36; n++)
		assert_int_equal(out.p[n], 0);

	/* MySQL 4.1 and later greet without the extended part too. */
	start(SVC_MYSQL);
	n = greeting(p, "8.0.36", 0x0a00);
	assert_int_equal(feed(p, n, &c), STARTTLS_READY);
	assert_int_equal(c, n);
	assert_string_equal(st.server, "8.0.36");
}

static void
test_mysql_no(void **state)
{
	uint8_t p[128];
	size_t c, n;

	(void)state;
	start(SVC_MYSQL);
	assert_int_equal(feed(S(mariadb_skip_ssl) + 1, &c), STARTTLS_EREFUSED);
	assert_string_equal(st.msg, "the server offers no TLS: MySQL greeting "
	    "without CLIENT_SSL ('5.5.5-10.11.19-MariaDB-0+deb12u1')");
	assert_int_equal(out.len, 0);
	assert_int_equal(c, 0);

	start(SVC_MYSQL);
	assert_int_equal(feed(S("\x44\x00\x00\x00\xff\x6a\x04"
	    "Host '192.0.2.7' is not allowed to connect to this MariaDB "
	    "server"), &c), STARTTLS_EREFUSED);
	assert_string_equal(st.msg, "MySQL greeting refused: error 1130: "
	    "'Host '192.0.2.7' is not allowed to connect to this MariaDB "
	    "server'");
	start(SVC_MYSQL);
	assert_int_equal(feed(S("\x17\x00\x00\x00\xff\x10\x04"
	    "Too many connections"), &c), STARTTLS_ETHROTTLED);
	assert_string_equal(st.msg, "MySQL greeting refused: error 1040: "
	    "'Too many connections'");
	/* With an SQL state. */
	start(SVC_MYSQL);
	assert_int_equal(feed(S("\x1d\x00\x00\x00\xff\x10\x04#08004"
	    "Too many connections"), &c), STARTTLS_ETHROTTLED);
	assert_string_equal(st.msg, "MySQL greeting refused: error 1040: "
	    "'Too many connections'");

	/* Protocol 9 knew no TLS. */
	start(SVC_MYSQL);
	assert_int_equal(feed(S("\x07\x00\x00\x00\x09" "3.22\0\0"), &c),
	    STARTTLS_EREFUSED);
	assert_string_equal(st.msg, "the server offers no TLS: MySQL protocol "
	    "9 ('3.22')");
	/* CLIENT_SSL without CLIENT_PROTOCOL_41 (a 4.0 server). */
	start(SVC_MYSQL);
	n = greeting(p, "4.0.27", 0x0800);
	assert_int_equal(feed(p, n, &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "MySQL server ('4.0.27') without "
	    "CLIENT_PROTOCOL_41: its SSLRequest is not supported");
}

static void
test_mysql_garbage(void **state)
{
	uint8_t p[128];
	size_t c, n;

	(void)state;
	start(SVC_MYSQL);
	assert_int_equal(feed(S("SSH-2.0-OpenSSH_9.2\r\n"), &c),
	    STARTTLS_EPROTO);
	assert_string_equal(st.msg, "the server speaks SSH, not MySQL");
	/* Sequence id 1 where 0 belongs. */
	start(SVC_MYSQL);
	n = greeting(p, "8.0.36", 0x0a00);
	p[3] = 1;
	assert_int_equal(feed(p, n, &c), STARTTLS_EPROTO);
	/* Cut before the capabilities; a version without its end. */
	start(SVC_MYSQL);
	n = greeting(p, "8.0.36", 0x0a00);
	p[0] -= 2;
	assert_int_equal(feed(p, n - 2, &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "MySQL greeting ('8.0.36') truncated "
	    "before its capability flags");
	start(SVC_MYSQL);
	assert_int_equal(feed(S("\x04\x00\x00\x00\x0a" "8.0"), &c),
	    STARTTLS_EPROTO);
	assert_string_equal(st.msg, "MySQL greeting without the end of its "
	    "version: '8.0'");
	/* Another protocol version byte. */
	start(SVC_MYSQL);
	assert_int_equal(feed(S("\x02\x00\x00\x00\x0b\x00"), &c),
	    STARTTLS_EPROTO);
	/* Bytes after the greeting, before the client's turn. */
	start(SVC_MYSQL);
	n = greeting(p, "8.0.36", 0x0a00);
	p[n] = 0;
	assert_int_equal(feed(p, n + 1, &c), STARTTLS_EPROTO);
	assert_string_equal(st.msg, "MySQL greeting, then 1 more byte before "
	    "the TLS handshake");
	assert_int_equal(out.len, 0);
}

static void
test_eof_and_stall(void **state)
{
	char why[224];
	size_t c;

	(void)state;
	start(SVC_MYSQL);
	assert_int_equal(starttls_eof(&st, NULL, 0), STARTTLS_ETHROTTLED);
	assert_string_equal(st.msg, "connection closed before the MySQL "
	    "greeting");
	start(SVC_MYSQL);
	assert_int_equal(starttls_eof(&st, S(mariadb_ssl) - 10),
	    STARTTLS_ETHROTTLED);
	assert_string_equal(st.msg, "connection closed before the end of the "
	    "MySQL greeting (93 bytes)");
	/* A complete no, then the close: the no. */
	start(SVC_LDAP);
	assert_int_equal(starttls_eof(&st, S(slapd_no_tls)),
	    STARTTLS_EREFUSED);
	start(SVC_POSTGRES);
	assert_int_equal(starttls_eof(&st, S("S")), STARTTLS_ETHROTTLED);
	assert_string_equal(st.msg, "connection closed after the answer to "
	    "the PostgreSQL SSLRequest");

	start(SVC_LDAP);
	assert_int_equal(feed(S("\x30\x0c\x02"), &c), STARTTLS_MORE);
	starttls_stalled(&st, 0, 5000, why, sizeof(why));
	assert_string_equal(why, "read timed out: no answer to the LDAP "
	    "StartTLS request within 5 s");
	start(SVC_MYSQL);
	starttls_stalled(&st, 1, 3200, why, sizeof(why));
	assert_string_equal(why, "timed out waiting for the MySQL greeting "
	    "(after 3.2 s)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_requests),
		cmocka_unit_test(test_ldap_ok),
		cmocka_unit_test(test_ldap_no),
		cmocka_unit_test(test_ldap_garbage),
		cmocka_unit_test(test_postgres),
		cmocka_unit_test(test_mysql_ok),
		cmocka_unit_test(test_mysql_no),
		cmocka_unit_test(test_mysql_garbage),
		cmocka_unit_test(test_eof_and_stall),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
