/*
 * Target syntax, --resolve and the scope allow-list (scanner/target.c).
 * No name is ever looked up here: only literals and --resolve entries.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/target.h"

static void
test_syntax(void **state)
{
	static const struct {
		const char	*spec;
		enum service	 svc;
		const char	*host;
		unsigned	 port;
	} ok[] = {
		{ "example.test", SVC_TLS, "example.test", 443 },
		{ "example.test:8443", SVC_TLS, "example.test", 8443 },
		{ "tls://example.test", SVC_TLS, "example.test", 443 },
		{ "TLS://example.test:1/", SVC_TLS, "example.test", 1 },
		{ "127.0.0.1:4433", SVC_TLS, "127.0.0.1", 4433 },
		{ "[::1]:4433", SVC_TLS, "::1", 4433 },
		{ "[::1]", SVC_TLS, "::1", 443 },
		{ "::1", SVC_TLS, "::1", 443 },
		{ "smtp://mail.test", SVC_SMTP, "mail.test", 25 },
		{ "smtp://mail.test:587", SVC_SMTP, "mail.test", 587 },
		{ "imap://mail.test", SVC_IMAP, "mail.test", 143 },
		{ "pop3://mail.test", SVC_POP3, "mail.test", 110 },
		{ "ftp://files.test", SVC_FTP, "files.test", 21 },
		{ "ssh://gw.test", SVC_SSH, "gw.test", 22 },
		{ "ssh://[fe80::1]:2222", SVC_SSH, "fe80::1", 2222 },
	};
	struct target_list l = { 0 };
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(target_add(&l, ok[i].spec, err, sizeof(err)),
		    0);
		assert_string_equal(l.v[i].spec, ok[i].spec);
		assert_int_equal(l.v[i].svc, ok[i].svc);
		assert_string_equal(l.v[i].host, ok[i].host);
		assert_int_equal(l.v[i].port, ok[i].port);
	}
	assert_int_equal(l.n, sizeof(ok) / sizeof(ok[0]));
	target_list_free(&l);
}

/* Refused, with the target named, and nothing added. */
static void
test_syntax_bad(void **state)
{
	static const char *bad[] = { "", "bad host!", "foo://x", "[::1",
	    "[::1]x", "[127.0.0.1]:1", "x:0", "x:65536", "x:-1", "x:1a",
	    "tls://", "1:2:3:zz", "a b" };
	struct target_list l = { 0 };
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(target_add(&l, bad[i], err, sizeof(err)), -1);
		assert_non_null(strstr(err, "target '"));
	}
	assert_int_equal(l.n, 0);
	target_list_free(&l);
}

static struct sockaddr_storage
addr(const char *s)
{
	struct sockaddr_storage ss;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, s, &((struct sockaddr_in *)&ss)->sin_addr) ==
	    1)
		ss.ss_family = AF_INET;
	else {
		assert_int_equal(inet_pton(AF_INET6, s,
		    &((struct sockaddr_in6 *)&ss)->sin6_addr), 1);
		ss.ss_family = AF_INET6;
	}
	return ss;
}

static void
test_scope(void **state)
{
	static const struct {
		const char	*addr;
		int		 in;
	} cases[] = {
		{ "127.255.0.1", 1 }, { "128.0.0.1", 0 },
		{ "10.1.2.128", 1 }, { "10.1.2.127", 0 },
		{ "::1", 1 }, { "::2", 0 },
		{ "2001:db8:ffff::1", 1 }, { "2001:db9::1", 0 },
		/* An IPv4-mapped address is judged by its IPv4 address. */
		{ "::ffff:127.0.0.1", 1 }, { "::ffff:192.0.2.1", 0 },
	};
	struct scope sc = { 0 }, none = { 0 };
	struct sockaddr_storage a;
	char err[256];
	size_t i;

	(void)state;
	/* No scope given: everything is in it. */
	a = addr("192.0.2.1");
	assert_true(scope_contains(&none, (struct sockaddr *)&a));
	assert_int_equal(scope_add(&sc, "127.0.0.0/8, 10.1.2.128/25,::1,"
	    "2001:db8::/32", err, sizeof(err)), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = addr(cases[i].addr);
		if (scope_contains(&sc, (struct sockaddr *)&a) != cases[i].in)
			fail_msg("%s: want %s the scope", cases[i].addr,
			    cases[i].in ? "in" : "outside");
	}
	scope_free(&sc);
}

/* Bad networks are refused with the words the user sees. */
static void
test_scope_errors(void **state)
{
	struct scope sc = { 0 };
	char err[256];

	(void)state;
	assert_int_equal(scope_add(&sc, "10.0.0.0/33", err, sizeof(err)), -1);
	assert_string_equal(err, "scope '10.0.0.0/33': bad prefix length");
	assert_int_equal(scope_add(&sc, "10.0.0.0/", err, sizeof(err)), -1);
	assert_string_equal(err, "scope '10.0.0.0/': bad prefix length");
	assert_int_equal(scope_add(&sc, "example.test", err, sizeof(err)), -1);
	assert_string_equal(err, "scope 'example.test': not an address or "
	    "CIDR");
	scope_free(&sc);
}

/* Addresses as reports show them; an unknown family is "?". */
static void
test_addr_string(void **state)
{
	struct sockaddr_storage a;
	char buf[64];

	(void)state;
	a = addr("192.0.2.7");
	addr_string((struct sockaddr *)&a, buf, sizeof(buf));
	assert_string_equal(buf, "192.0.2.7");
	a = addr("2001:db8::1");
	addr_string((struct sockaddr *)&a, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::1");
	memset(&a, 0, sizeof(a));
	a.ss_family = AF_UNIX;
	addr_string((struct sockaddr *)&a, buf, sizeof(buf));
	assert_string_equal(buf, "?");
}

static void
test_resolve_and_check(void **state)
{
	struct target_list l = { 0 };
	struct resolve_map m = { 0 };
	struct scope sc = { 0 };
	char err[256], *errs[3];

	(void)state;
	assert_int_equal(resolve_add(&m, "www.example.test:443:127.0.0.7",
	    err, sizeof(err)), 0);
	assert_int_equal(resolve_add(&m, "v6.example.test:8443:[::1]", err,
	    sizeof(err)), 0);
	assert_int_equal(resolve_add(&m, "x:1", err, sizeof(err)), -1);
	assert_int_equal(resolve_add(&m, "x:1:nohost", err, sizeof(err)), -1);
	assert_int_equal(target_add(&l, "www.example.test", err, sizeof(err)),
	    0);
	assert_int_equal(target_add(&l, "v6.example.test:8443", err,
	    sizeof(err)), 0);
	assert_int_equal(target_add(&l, "127.0.0.1:1", err, sizeof(err)), 0);
	assert_int_equal(targets_resolve(&l, &m, NULL, errs), 0);
	assert_null(errs[0]);
	assert_string_equal(l.v[0].ip, "127.0.0.7");
	assert_string_equal(l.v[0].sni, "www.example.test");
	assert_string_equal(l.v[1].ip, "::1");
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&l.v[1].addr[0])->
	    sin6_port), 8443);
	assert_string_equal(l.v[2].ip, "127.0.0.1");
	assert_null(l.v[2].sni);	/* no SNI for an IP literal */
	assert_int_equal(scope_add(&sc, "127.0.0.0/8,::1", err, sizeof(err)),
	    0);
	assert_int_equal(targets_check_scope(&l, &sc, err, sizeof(err)), 0);
	scope_free(&sc);
	assert_int_equal(scope_add(&sc, "127.0.0.1", err, sizeof(err)), 0);
	assert_int_equal(targets_check_scope(&l, &sc, err, sizeof(err)), -1);
	assert_string_equal(err, "target 'www.example.test': address "
	    "127.0.0.7 is outside the scope");
	scope_free(&sc);
	resolve_free(&m);
	target_list_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_syntax_bad),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_scope_errors),
		cmocka_unit_test(test_addr_string),
		cmocka_unit_test(test_resolve_and_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
