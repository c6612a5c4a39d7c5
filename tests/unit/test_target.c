/*
 * Target syntax, --resolve and the scope allow-list (scanner/target.c),
 * the target set (ranges, port lists, files, nmap XML, deduplication,
 * scope) and the nmap reader (scanner/target_nmap.c).  No name is ever
 * looked up here but "localhost": only literals and --resolve entries.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "scanner/target.h"

/* The schemes as the "unknown scheme" message lists them. */
#define SCHEMES	"tls, smtp, imap, pop3, ftp, ssh, https, ldap, postgres, " \
	"mysql, lmtp, xmpp, xmpp-server, nntp, sieve, irc"

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
		{ "lmtp://mail.test", SVC_LMTP, "mail.test", 24 },
		{ "xmpp://chat.test", SVC_XMPP, "chat.test", 5222 },
		{ "XMPP-Server://chat.test", SVC_XMPP_SERVER, "chat.test",
		    5269 },
		{ "nntp://news.test", SVC_NNTP, "news.test", 119 },
		{ "sieve://mail.test", SVC_SIEVE, "mail.test", 4190 },
		{ "irc://irc.test:6697", SVC_IRC, "irc.test", 6697 },
		/* Without a scheme, the port's usual protocol. */
		{ "chat.test:5222", SVC_XMPP, "chat.test", 5222 },
		{ "chat.test:5269", SVC_XMPP_SERVER, "chat.test", 5269 },
		{ "news.test:119", SVC_NNTP, "news.test", 119 },
		{ "mail.test:4190", SVC_SIEVE, "mail.test", 4190 },
		{ "irc.test:6667", SVC_IRC, "irc.test", 6667 },
		{ "mail.test:24", SVC_TLS, "mail.test", 24 },
	};
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	size_t i;

	(void)state;
	/* One set each: "[::1]" and "::1" are the same endpoint. */
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_non_null(set = target_set_new());
		assert_int_equal(target_set_add(set, ok[i].spec, &errs), 0);
		assert_int_equal(target_set_count(set), 1);
		/* Names are not resolved here: they come out unresolved. */
		assert_non_null(it = target_iter_new(set));
		assert_int_equal(target_next(it, &ep), 1);
		assert_string_equal(ep.spec, ok[i].spec);
		assert_int_equal(ep.svc, ok[i].svc);
		assert_string_equal(ep.host, ok[i].host);
		assert_int_equal(ep.port, ok[i].port);
		assert_int_equal(target_next(it, &ep), 0);
		target_iter_free(&it);
		target_set_free(&set);
	}
	assert_int_equal(errs.total, 0);
}

/* Refused, with the target named, and nothing added. */
static void
test_syntax_bad(void **state)
{
	static const char *bad[] = { "", "bad host!", "foo://x", "[::1",
	    "[::1]x", "[127.0.0.1]:1", "x:0", "x:65536", "x:-1", "x:1a",
	    "tls://", "1:2:3:zz", "a b" };
	struct target_errors errs = { 0 };
	struct target_set *set;
	size_t i;

	(void)state;
	assert_non_null(set = target_set_new());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(target_set_add(set, bad[i], &errs), -1);
		assert_int_equal(errs.n, i + 1);
		assert_non_null(strstr(errs.v[i], "target '"));
	}
	assert_int_equal(target_set_count(set), 0);
	target_errors_free(&errs);
	target_set_free(&set);
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
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct resolve_map m = { 0 };
	struct scope sc = { 0 };
	struct endpoint ep[3];
	char err[256];
	size_t i;

	(void)state;
	assert_int_equal(resolve_add(&m, "www.example.test:443:127.0.0.7",
	    err, sizeof(err)), 0);
	assert_int_equal(resolve_add(&m, "v6.example.test:8443:[::1]", err,
	    sizeof(err)), 0);
	assert_int_equal(resolve_add(&m, "x:1", err, sizeof(err)), -1);
	assert_int_equal(resolve_add(&m, "x:1:nohost", err, sizeof(err)), -1);
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "www.example.test", &errs), 0);
	assert_int_equal(target_set_add(set, "v6.example.test:8443", &errs),
	    0);
	assert_int_equal(target_set_add(set, "127.0.0.1:1", &errs), 0);
	assert_int_equal(target_set_resolve(set, &m, NULL), 0);
	assert_int_equal(scope_add(&sc, "127.0.0.0/8,::1", err, sizeof(err)),
	    0);
	assert_int_equal(target_set_check_scope(set, &sc, 0, &errs), 0);
	assert_non_null(it = target_iter_new(set));
	for (i = 0; i < 3; i++)
		assert_int_equal(target_next(it, &ep[i]), 1);
	assert_int_equal(ep[0].error, TARGET_OK);
	assert_string_equal(ep[0].ip, "127.0.0.7");
	assert_string_equal(ep[0].sni, "www.example.test");
	assert_string_equal(ep[1].ip, "::1");
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&ep[1].addr)->
	    sin6_port), 8443);
	assert_string_equal(ep[2].ip, "127.0.0.1");
	assert_null(ep[2].sni);	/* no SNI for an IP literal */
	target_iter_free(&it);
	scope_free(&sc);
	assert_int_equal(scope_add(&sc, "127.0.0.1", err, sizeof(err)), 0);
	assert_int_equal(target_set_check_scope(set, &sc, 0, &errs), 2);
	assert_int_equal(errs.n, 2);
	assert_string_equal(errs.v[0], "target 'www.example.test': address "
	    "127.0.0.7 is outside the scope");
	target_errors_free(&errs);
	scope_free(&sc);
	resolve_free(&m);
	target_set_free(&set);
}

/* ------------------------------------------------------------------------
 * The target set.
 * ------------------------------------------------------------------------ */

/*
 * Every endpoint the set yields, one line each: "svc ip port sni host",
 * svc with '?' when no scheme was given, " scope" or " unresolved" at the
 * end for endpoints not to be scanned.  Checks index and the counters.
 */
static char *
walk(const struct target_set *set, uint64_t *dups)
{
	struct target_iter *it;
	struct endpoint ep;
	char *out, *nout, line[700];
	size_t len = 0, cap = 1024, n;
	uint64_t idx = 0;
	int r;

	assert_non_null(it = target_iter_new(set));
	assert_non_null(out = calloc(1, cap));
	while ((r = target_next(it, &ep)) == 1) {
		assert_int_equal(ep.index, idx);
		idx++;
		snprintf(line, sizeof(line), "%s%s %s %u %s %s%s\n",
		    service_name(ep.svc), ep.scheme ? "" : "?", ep.ip,
		    ep.port, ep.sni != NULL ? ep.sni : "-", ep.host,
		    ep.error == TARGET_ESCOPE ? " scope" :
		    ep.error == TARGET_ERESOLVE ? " unresolved" : "");
		n = strlen(line);
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			assert_non_null(nout = realloc(out, cap));
			out = nout;
		}
		memcpy(out + len, line, n + 1);
		len += n;
	}
	assert_int_equal(r, 0);
	assert_int_equal(target_iter_consumed(it),
	    idx + target_iter_duplicates(it));
	assert_int_equal(target_iter_consumed(it), target_set_count(set));
	if (dups != NULL)
		*dups = target_iter_duplicates(it);
	target_iter_free(&it);
	assert_null(it);
	return out;
}

static void
expect_walk(const struct target_set *set, const char *want,
    uint64_t want_dups)
{
	uint64_t dups;
	char *got = walk(set, &dups);

	assert_string_equal(got, want);
	assert_int_equal(dups, want_dups);
	free(got);
}

/* The first and last endpoint, and how many. */
static uint64_t
ends(const struct target_set *set, struct endpoint *first,
    struct endpoint *last)
{
	struct target_iter *it;
	struct endpoint ep;
	uint64_t n = 0;

	assert_non_null(it = target_iter_new(set));
	while (target_next(it, &ep) == 1) {
		if (n++ == 0)
			*first = ep;
		*last = ep;
	}
	target_iter_free(&it);
	return n;
}

static void
test_set_cidr(void **state)
{
	static const struct {
		const char	*spec;
		uint64_t	 count;
		enum service	 svc;
		unsigned	 port;
		const char	*first, *last;
	} ok[] = {
		{ "192.0.2.0/28", 16, SVC_TLS, 443, "192.0.2.0", "192.0.2.15" },
		{ "smtp://192.0.2.0/29:587", 8, SVC_SMTP, 587, "192.0.2.0",
		    "192.0.2.7" },
		{ "tls://10.0.0.0/30", 4, SVC_TLS, 443, "10.0.0.0",
		    "10.0.0.3" },
		{ "[2001:db8::/120]:8443", 256, SVC_TLS, 8443, "2001:db8::",
		    "2001:db8::ff" },
		{ "ssh://2001:db8::/126", 4, SVC_SSH, 22, "2001:db8::",
		    "2001:db8::3" },
		{ "2001:db8::/112", 65536, SVC_TLS, 443, "2001:db8::",
		    "2001:db8::ffff" },
		{ "192.0.2.7/32", 1, SVC_TLS, 443, "192.0.2.7", "192.0.2.7" },
		{ "[2001:db8::7/128]", 1, SVC_TLS, 443, "2001:db8::7",
		    "2001:db8::7" },
		{ "255.255.255.252/30", 4, SVC_TLS, 443, "255.255.255.252",
		    "255.255.255.255" },
		{ "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124]:1", 16,
		    SVC_TLS, 1, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0",
		    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	};
	static const struct {
		const char	*spec, *msg;
	} bad[] = {
		{ "10.0.0.0/7", "target '10.0.0.0/7': prefix too large (IPv4 "
		    "prefixes must be /8 or longer)" },
		{ "0.0.0.0/0", "target '0.0.0.0/0': prefix too large (IPv4 "
		    "prefixes must be /8 or longer)" },
		{ "2001:db8::/111", "target '2001:db8::/111': prefix too large "
		    "(IPv6 prefixes may hold at most 65536 addresses, a "
		    "/112)" },
		{ "[::/0]:443", "target '[::/0]:443': prefix too large (IPv6 "
		    "prefixes may hold at most 65536 addresses, a /112)" },
		{ "192.0.2.5/24", "target '192.0.2.5/24': host bits set (did "
		    "you mean 192.0.2.0/24?)" },
		{ "smtp://[2001:db8::1/120]:25", "target "
		    "'smtp://[2001:db8::1/120]:25': host bits set (did you "
		    "mean 2001:db8::/120?)" },
		{ "10.0.0.0/33", "target '10.0.0.0/33': bad prefix length" },
		{ "10.0.0.0/", "target '10.0.0.0/': bad prefix length" },
		{ "10.0.0.0/24x", "target '10.0.0.0/24x': bad prefix length" },
		{ "10.0.0.0/24:0", "target '10.0.0.0/24:0': bad port" },
		{ "10.0.0.0/24:", "target '10.0.0.0/24:': bad port" },
		{ "[10.0.0.0/8]", "target '[10.0.0.0/8]': not an IPv6 "
		    "prefix" },
		{ "[2001:db8::/120", "target '[2001:db8::/120': missing ']'" },
		{ "[2001:db8::/120]x", "target '[2001:db8::/120]x': junk "
		    "after ']'" },
		{ "2001:db8::/120:443", "target '2001:db8::/120:443': bad "
		    "prefix length" },
		{ "example.test/24", "target 'example.test/24': not an "
		    "address or CIDR" },
		{ "foo://10.0.0.0/24", "target 'foo://10.0.0.0/24': unknown "
		    "scheme (" SCHEMES ")" },
	};
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct endpoint first, last;
	uint64_t total = 0;
	size_t i;

	(void)state;
	assert_non_null(set = target_set_new());
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct target_set *one = target_set_new();

		assert_int_equal(target_set_add(one, ok[i].spec, &errs), 0);
		assert_int_equal(target_set_add(set, ok[i].spec, &errs), 0);
		assert_int_equal(target_set_count(one), ok[i].count);
		assert_int_equal(ends(one, &first, &last), ok[i].count);
		assert_string_equal(first.ip, ok[i].first);
		assert_string_equal(first.host, ok[i].first);
		assert_string_equal(last.ip, ok[i].last);
		assert_string_equal(last.host, ok[i].last);
		assert_string_equal(last.spec, ok[i].spec);
		assert_int_equal(first.svc, ok[i].svc);
		assert_int_equal(first.port, ok[i].port);
		assert_int_equal(last.port, ok[i].port);
		assert_null(first.sni);
		assert_int_equal(first.error, TARGET_OK);
		assert_int_not_equal(first.addrlen, 0);
		target_set_free(&one);
		assert_null(one);
		total += ok[i].count;
	}
	assert_int_equal(errs.total, 0);
	assert_int_equal(target_set_count(set), total);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(target_set_add(set, bad[i].spec, &errs), -1);
		assert_int_equal(errs.n, i + 1);
		assert_string_equal(errs.v[i], bad[i].msg);
	}
	assert_int_equal(errs.total, sizeof(bad) / sizeof(bad[0]));
	assert_int_equal(target_set_count(set), total);
	/* Input quoted in a message cannot drive the terminal. */
	assert_int_equal(target_set_add(set, "a\033[2Jb\x7f\n", &errs), -1);
	assert_string_equal(errs.v[errs.n - 1], "target 'a?[2Jb?"
	    "?': bad host name");	/* split: "??'" is a trigraph */
	/* A /8, the largest IPv4 prefix, is one entry however large. */
	assert_int_equal(target_set_add(set, "10.0.0.0/8", &errs), 0);
	assert_int_equal(target_set_count(set), total + 16777216);
	target_errors_free(&errs);
	assert_int_equal(errs.n, 0);
	target_set_free(&set);
	target_set_free(&set);	/* NULL is fine */
}

/* -p applies to every spec without a port, address by address. */
static void
test_set_ports(void **state)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	char err[256];

	(void)state;
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "192.0.2.0/31", &errs), 0);
	assert_int_equal(target_set_add(set, "192.0.2.9:25", &errs), 0);
	assert_int_equal(target_set_add(set, "ssh://[2001:db8::1]", &errs),
	    0);
	/* Without -p: each service's default port. */
	expect_walk(set,
	    "tls? 192.0.2.0 443 - 192.0.2.0\n"
	    "tls? 192.0.2.1 443 - 192.0.2.1\n"
	    "smtp? 192.0.2.9 25 - 192.0.2.9\n"
	    "ssh 2001:db8::1 22 - 2001:db8::1\n", 0);
	assert_int_equal(target_set_ports(set, "8443,443,8443,4430-4431",
	    err, sizeof(err)), 0);
	assert_int_equal(target_set_count(set), 2 * 4 + 1 + 4);
	expect_walk(set,
	    "tls? 192.0.2.0 8443 - 192.0.2.0\n"
	    "tls? 192.0.2.0 443 - 192.0.2.0\n"
	    "tls? 192.0.2.0 4430 - 192.0.2.0\n"
	    "tls? 192.0.2.0 4431 - 192.0.2.0\n"
	    "tls? 192.0.2.1 8443 - 192.0.2.1\n"
	    "tls? 192.0.2.1 443 - 192.0.2.1\n"
	    "tls? 192.0.2.1 4430 - 192.0.2.1\n"
	    "tls? 192.0.2.1 4431 - 192.0.2.1\n"
	    "smtp? 192.0.2.9 25 - 192.0.2.9\n"
	    "ssh 2001:db8::1 8443 - 2001:db8::1\n"
	    "ssh 2001:db8::1 443 - 2001:db8::1\n"
	    "ssh 2001:db8::1 4430 - 2001:db8::1\n"
	    "ssh 2001:db8::1 4431 - 2001:db8::1\n", 0);
	assert_int_equal(target_set_ports(set, "443,", err, sizeof(err)), -1);
	assert_string_equal(err, "ports '443,': want a list such as "
	    "443,8443,4430-4439 (ports 1 to 65535, at most 1024 items)");
	/* The list in force stays. */
	assert_int_equal(target_set_count(set), 13);
	assert_int_equal(target_set_ports(set, "1-65535", err, sizeof(err)),
	    0);
	assert_int_equal(target_set_count(set), 2 * 65535 + 1 + 65535);
	target_set_free(&set);
	target_errors_free(&errs);
}

static char *
tmpfile_with(const char *text)
{
	char *path;
	FILE *f;
	int fd;

	assert_non_null(path = strdup("/tmp/tilsyn-test-target-XXXXXX"));
	assert_true((fd = mkstemp(path)) != -1);
	assert_non_null(f = fdopen(fd, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Every bad line is reported as FILE:LINE, not only the first. */
static void
test_set_file_errors(void **state)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	char want[512], *path, *text, *p;
	size_t i;

	(void)state;
	assert_non_null(text = malloc(8192));
	p = text;
	p += sprintf(p, "# targets\n127.0.0.1:4433\nbad host!\n"
	    "10.0.0.0/7\n\n   foo://x   \n192.0.2.5/24   # host bits\n"
	    "\t[::1]:443 # fine\r\n");
	for (i = 0; i < TARGET_MAXLEN + 1; i++)
		*p++ = 'a';
	p += sprintf(p, "\n127.0.0.2\n");
	memcpy(p, "x\0y\n127.0.0.3", 13);
	p += 13;
	path = tmpfile_with("");
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		assert_int_equal(fwrite(text, 1, (size_t)(p - text), f),
		    (size_t)(p - text));
		assert_int_equal(fclose(f), 0);
	}
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add_file(set, path, &errs), 6);
	assert_int_equal(errs.n, 6);
	assert_int_equal(errs.total, 6);
	snprintf(want, sizeof(want), "%s:3: target 'bad host!': bad host "
	    "name", path);
	assert_string_equal(errs.v[0], want);
	snprintf(want, sizeof(want), "%s:4: target '10.0.0.0/7': prefix too "
	    "large (IPv4 prefixes must be /8 or longer)", path);
	assert_string_equal(errs.v[1], want);
	snprintf(want, sizeof(want), "%s:6: target 'foo://x': unknown scheme "
	    "(" SCHEMES ")", path);
	assert_string_equal(errs.v[2], want);
	snprintf(want, sizeof(want), "%s:7: target '192.0.2.5/24': host bits "
	    "set (did you mean 192.0.2.0/24?)", path);
	assert_string_equal(errs.v[3], want);
	snprintf(want, sizeof(want), "%s:9: line too long", path);
	assert_string_equal(errs.v[4], want);
	snprintf(want, sizeof(want), "%s:11: NUL byte in line", path);
	assert_string_equal(errs.v[5], want);
	/* The good lines are all there, the last one without a newline. */
	expect_walk(set,
	    "tls? 127.0.0.1 4433 - 127.0.0.1\n"
	    "tls? ::1 443 - ::1\n"
	    "tls? 127.0.0.2 443 - 127.0.0.2\n"
	    "tls? 127.0.0.3 443 - 127.0.0.3\n", 0);
	target_errors_free(&errs);
	target_set_free(&set);

	/* More bad lines than are kept: all counted. */
	p = text;
	for (i = 0; i < 150; i++)
		p += sprintf(p, "bad!%zu\n", i);
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		assert_int_equal(fputs(text, f) >= 0, 1);
		assert_int_equal(fclose(f), 0);
	}
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add_file(set, path, &errs), 150);
	assert_int_equal(errs.n, TARGET_MAX_ERRORS);
	assert_int_equal(errs.total, 150);
	snprintf(want, sizeof(want), "%s:100: target 'bad!99': bad host "
	    "name", path);
	assert_string_equal(errs.v[99], want);
	target_errors_free(&errs);
	unlink(path);

	/* Unreadable: -1, with the reason. */
	assert_int_equal(target_set_add_file(set, path, &errs), -1);
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	assert_string_equal(errs.v[0], want);
	target_errors_free(&errs);
	assert_int_equal(target_set_add_file(set, "/tmp", &errs), -1);
	assert_string_equal(errs.v[0], "/tmp: not a regular file");
	target_errors_free(&errs);
	assert_int_equal(target_set_count(set), 0);
	target_set_free(&set);
	free(path);
	free(text);
}

static char *
data_path(const char *name)
{
	const char *root = getenv("TILSYN_SOURCE_ROOT");
	char *p;

	assert_non_null(root);
	assert_non_null(p = malloc(strlen(root) + strlen(name) + 32));
	sprintf(p, "%s/tests/data/nmap/%s", root, name);
	return p;
}

/* The captured nmap -sV -oX of servers on 127.0.0.1 (one port closed). */
static void
test_nmap_loopback(void **state)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct endpoint first, last;
	char *path = data_path("loopback.xml");

	(void)state;
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add_file(set, path, &errs), 0);
	assert_int_equal(errs.total, 0);
	/* ssh, smtp by name; s_server (http over ssl) and http as TLS. */
	expect_walk(set,
	    "ssh 127.0.0.1 42222 - 127.0.0.1\n"
	    "smtp 127.0.0.1 42525 - 127.0.0.1\n"
	    "tls 127.0.0.1 44331 - 127.0.0.1\n"
	    "tls 127.0.0.1 48080 - 127.0.0.1\n", 0);
	assert_int_equal(ends(set, &first, &last), 4);
	assert_string_equal(first.spec, "ssh://127.0.0.1:42222");
	assert_int_equal(first.addr.ss_family, AF_INET);
	assert_int_equal(ntohs(((struct sockaddr_in *)&first.addr)->sin_port),
	    42222);
	/* Read twice: the same endpoints again are duplicates. */
	assert_int_equal(target_set_add_file(set, path, &errs), 0);
	expect_walk(set,
	    "ssh 127.0.0.1 42222 - 127.0.0.1\n"
	    "smtp 127.0.0.1 42525 - 127.0.0.1\n"
	    "tls 127.0.0.1 44331 - 127.0.0.1\n"
	    "tls 127.0.0.1 48080 - 127.0.0.1\n", 4);
	target_set_free(&set);
	free(path);

	/* nmap -Pn localhost: the name it was given is the SNI, no -sV. */
	path = data_path("localhost.xml");
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add_file(set, path, &errs), 0);
	expect_walk(set,
	    "tls? 127.0.0.1 42222 localhost localhost\n"
	    "tls? 127.0.0.1 44331 localhost localhost\n", 0);
	assert_int_equal(ends(set, &first, &last), 2);
	assert_string_equal(first.spec, "tls://localhost:42222");
	/* --sni replaces it. */
	assert_int_equal(target_set_resolve(set, NULL, "other.test"), 0);
	expect_walk(set,
	    "tls? 127.0.0.1 42222 other.test localhost\n"
	    "tls? 127.0.0.1 44331 other.test localhost\n", 0);
	target_set_free(&set);
	free(path);
}

/* Hand-made: IPv6, user and PTR names, closed/filtered/UDP, host down. */
static void
test_nmap_mixed(void **state)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	char *path = data_path("mixed.xml"), want[512];

	(void)state;
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add_file(set, path, &errs), 0);
	assert_int_equal(errs.total, 0);
	expect_walk(set,
	    "tls ::1 443 v6.example.test v6.example.test\n"
	    "tls ::1 465 v6.example.test v6.example.test\n"
	    "smtp ::1 587 v6.example.test v6.example.test\n"
	    "ssh? 127.0.0.3 22 - 127.0.0.3\n"
	    "smtp? 127.0.0.3 25 - 127.0.0.3\n"
	    "pop3 127.0.0.3 110 - 127.0.0.3\n"
	    "imap 127.0.0.3 143 - 127.0.0.3\n"
	    "ftp 127.0.0.3 21 - 127.0.0.3\n"
	    "tls 127.0.0.3 990 - 127.0.0.3\n"
	    "tls? 127.0.0.3 2222 - 127.0.0.3\n"
	    "tls? 127.0.0.3 8443 - 127.0.0.3\n", 0);
	/* Resolution leaves nmap's addresses alone: no lookup. */
	assert_int_equal(target_set_resolve(set, NULL, NULL), 0);
	assert_int_equal(target_set_count(set), 11);
	target_set_free(&set);
	free(path);

	/* Bad values: each reported with its line, the good port kept. */
	path = data_path("badvalues.xml");
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add_file(set, path, &errs), 6);
	assert_int_equal(errs.n, 6);
	snprintf(want, sizeof(want), "%s:5: host address '127.0.0.300' is "
	    "not an IPv4 address", path);
	assert_string_equal(errs.v[0], want);
	snprintf(want, sizeof(want), "%s:4: host with open ports has no IPv4 "
	    "or IPv6 address", path);
	assert_string_equal(errs.v[1], want);
	snprintf(want, sizeof(want), "%s:10: host name 'bad name!' is not a "
	    "valid name", path);
	assert_string_equal(errs.v[2], want);
	snprintf(want, sizeof(want), "%s:12: port '0' is not a port number",
	    path);
	assert_string_equal(errs.v[3], want);
	snprintf(want, sizeof(want), "%s:13: port '99999' is not a port "
	    "number", path);
	assert_string_equal(errs.v[4], want);
	snprintf(want, sizeof(want), "%s:17: host with open ports has no "
	    "IPv4 or IPv6 address", path);
	assert_string_equal(errs.v[5], want);
	expect_walk(set, "tls? 127.0.0.4 4433 - 127.0.0.4\n", 0);
	target_errors_free(&errs);
	target_set_free(&set);
	free(path);
}

/* The STARTTLS services by nmap's names and by port; SSL is TLS. */
static void
test_nmap_chat(void **state)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	char *path = data_path("chat.xml");

	(void)state;
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add_file(set, path, &errs), 0);
	assert_int_equal(errs.total, 0);
	expect_walk(set,
	    "lmtp 127.0.0.5 2424 - 127.0.0.5\n"
	    "nntp 127.0.0.5 1119 - 127.0.0.5\n"
	    "sieve 127.0.0.5 4190 - 127.0.0.5\n"
	    "xmpp 127.0.0.5 5222 - 127.0.0.5\n"
	    "tls 127.0.0.5 5223 - 127.0.0.5\n"
	    "xmpp-server 127.0.0.5 15269 - 127.0.0.5\n"
	    "irc 127.0.0.5 6668 - 127.0.0.5\n"
	    "irc? 127.0.0.5 6667 - 127.0.0.5\n"
	    "nntp? 127.0.0.5 119 - 127.0.0.5\n", 0);
	target_set_free(&set);
	free(path);
}

/* Hostile XML: an error naming the file, nothing added, no crash. */
static void
test_nmap_hostile(void **state)
{
	static const struct {
		const char	*doc, *msg;
	} bad[] = {
		{ "", "x: empty document, not nmap XML" },
		{ "<nmaprun><host>", "x:1: not well-formed XML: " },
		{ "<nmaprun></host></nmaprun>", "x:1: not well-formed XML: "
		    "Opening and ending tag mismatch: nmaprun line 1 and "
		    "host" },
		{ "<?xml version=\"1.0\"?>\n<nmaprun a='1' a='2'/>", "x:2: not "
		    "well-formed XML: " },
		{ "<nmaprun>&undefined;</nmaprun>", "x:1: not well-formed XML: "
		    "Entity 'undefined' not defined" },
		{ "<nmaprun/><nmaprun/>", "x:1: not well-formed XML: Extra "
		    "content at the end of the document" },
		{ "<svg><host/></svg>", "x:1: not nmap XML output (the root "
		    "element is 'svg', not 'nmaprun')" },
		{ "<x:nmaprun xmlns:x='urn:x'/>", "x:1: not nmap XML output "
		    "(the root element 'nmaprun' is in a namespace)" },
		{ "<!DOCTYPE nmaprun [<!ENTITY x SYSTEM "
		    "\"file:///etc/passwd\">]><nmaprun>&x;</nmaprun>", "x:1: "
		    "entity declarations are not allowed in nmap XML" },
		{ "<!DOCTYPE nmaprun [<!ENTITY % p SYSTEM "
		    "\"http://127.0.0.1:9/x.dtd\"> %p;]><nmaprun/>", "x:1: "
		    "entity declarations are not allowed in nmap XML" },
		{ "<!DOCTYPE nmaprun [<!ATTLIST state state CDATA \"open\">]>"
		    "<nmaprun/>", "x:1: declarations (a DTD) are not allowed "
		    "in nmap XML" },
		{ "<!DOCTYPE nmaprun [<!ELEMENT nmaprun ANY>]><nmaprun/>",
		    "x:1: declarations (a DTD) are not allowed in nmap XML" },
		{ "hello", "x: not nmap XML (no markup at the start)" },
		{ "\xef\xbb\xbf \n", "x: not nmap XML (no markup at the "
		    "start)" },
		{ "<\xff\xfe", "x:1: not well-formed XML: " },
		{ "<?xml version=\"1.0\" encoding=\"UTF-16\"?><nmaprun>"
		    "<host><address addr=\"\xe6\" addrtype=\"ipv4\"/></host>"
		    "</nmaprun>", "x:1: not well-formed XML: " },
		{ "<!DOCTYPE nmaprun SYSTEM \"http://127.0.0.1:9/x.dtd\">"
		    "<nmaprun>&x;</nmaprun>", NULL },
	};
	struct target_errors errs = { 0 };
	struct target_set *set;
	char *path, *doc;
	size_t i, n;
	time_t t0;

	(void)state;
	assert_non_null(set = target_set_new());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = target_set_add_nmap(set, bad[i].doc,
		    strlen(bad[i].doc), "x", &errs);

		if (bad[i].msg == NULL) {
			/* An external DTD is not loaded; the entity stays. */
			assert_true(r >= 0);
			target_errors_free(&errs);
			continue;
		}
		if (r != 1 || errs.n != 1 ||
		    strncmp(errs.v[0], bad[i].msg, strlen(bad[i].msg)) != 0)
			fail_msg("'%s': %d, '%s'", bad[i].doc, r, errs.n > 0 ?
			    errs.v[0] : "");
		target_errors_free(&errs);
	}
	/* A NUL byte (UTF-16 or UCS-4 would need one). */
	assert_int_equal(target_set_add_nmap(set, "<\0n\0", 4, "x", &errs), 1);
	assert_string_equal(errs.v[0], "x: not nmap XML (a NUL byte)");
	target_errors_free(&errs);
	assert_int_equal(target_set_count(set), 0);

	/* A billion laughs is refused at its first declaration, at once. */
	path = data_path("laughs.xml");
	t0 = time(NULL);
	assert_int_equal(target_set_add_file(set, path, &errs), 1);
	assert_true(time(NULL) - t0 < 5);
	assert_non_null(strstr(errs.v[0], "laughs.xml:3: entity declarations "
	    "are not allowed in nmap XML"));
	target_errors_free(&errs);
	free(path);

	/* Truncated output (nmap killed): nothing from it. */
	path = data_path("truncated.xml");
	assert_int_equal(target_set_add_file(set, path, &errs), 1);
	assert_non_null(strstr(errs.v[0], "truncated.xml:3: not well-formed "
	    "XML: "));
	target_errors_free(&errs);
	free(path);
	assert_int_equal(target_set_count(set), 0);

	/* An attribute past libxml2's default limit (no XML_PARSE_HUGE). */
	n = 11 * 1024 * 1024;
	assert_non_null(doc = malloc(n + 100));
	strcpy(doc, "<nmaprun><host><address addr=\"");
	memset(doc + strlen(doc), 'a', n);
	strcpy(doc + 31 + n, "\" addrtype=\"ipv4\"/></host></nmaprun>");
	assert_int_equal(target_set_add_nmap(set, doc, strlen(doc), "huge",
	    &errs), 1);
	assert_non_null(strstr(errs.v[0], "huge:1: not well-formed XML: "));
	target_errors_free(&errs);
	free(doc);

	/* Nesting deeper than libxml2's default limit. */
	n = 100000;
	assert_non_null(doc = malloc(n * 7 + 64));
	memcpy(doc, "<nmaprun>", 9);
	for (i = 0; i < n; i++)
		memcpy(doc + 9 + i * 3, "<a>", 3);
	doc[9 + n * 3] = '\0';
	assert_int_equal(target_set_add_nmap(set, doc, strlen(doc), "deep",
	    &errs), 1);
	assert_non_null(strstr(errs.v[0], "deep:1: not well-formed XML: "));
	target_errors_free(&errs);
	free(doc);

	/* Larger than TARGET_MAX_FILE: refused unread. */
	assert_non_null(doc = calloc(1, (size_t)TARGET_MAX_FILE + 1));
	assert_int_equal(target_set_add_nmap(set, doc,
	    (size_t)TARGET_MAX_FILE + 1, "big", &errs), 1);
	assert_string_equal(errs.v[0], "big: larger than 67108864 bytes");
	target_errors_free(&errs);
	free(doc);
	assert_int_equal(target_set_count(set), 0);
	target_set_free(&set);
}

static void
test_set_dedupe(void **state)
{
	static const char nmap[] = "<nmaprun><host><address addr=\"127.0.0.1\" "
	    "addrtype=\"ipv4\"/><ports><port protocol=\"tcp\" portid=\"443\">"
	    "<state state=\"open\"/></port></ports></host></nmaprun>";
	struct target_errors errs = { 0 };
	struct resolve_map m = { 0 };
	struct target_set *set;
	uint64_t dups;
	char err[256], *got;

	(void)state;
	/* A literal, then a prefix holding it. */
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "127.0.0.5:443", &errs), 0);
	assert_int_equal(target_set_add(set, "127.0.0.4/30", &errs), 0);
	expect_walk(set,
	    "tls? 127.0.0.5 443 - 127.0.0.5\n"
	    "tls? 127.0.0.4 443 - 127.0.0.4\n"
	    "tls? 127.0.0.6 443 - 127.0.0.6\n"
	    "tls? 127.0.0.7 443 - 127.0.0.7\n", 1);
	target_set_free(&set);
	/* A prefix, then a literal in it (another port is another one). */
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "127.0.0.4/31", &errs), 0);
	assert_int_equal(target_set_add(set, "tls://127.0.0.5", &errs), 0);
	assert_int_equal(target_set_add(set, "127.0.0.5:8443", &errs), 0);
	assert_int_equal(target_set_add(set, "ssh://127.0.0.5:443", &errs), 0);
	expect_walk(set,
	    "tls? 127.0.0.4 443 - 127.0.0.4\n"
	    "tls? 127.0.0.5 443 - 127.0.0.5\n"
	    "tls? 127.0.0.5 8443 - 127.0.0.5\n"
	    "ssh 127.0.0.5 443 - 127.0.0.5\n", 1);
	target_set_free(&set);

	/* Prefix vs prefix, both ways; another service is not a duplicate. */
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "10.0.0.0/24", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.0.0/26", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.0.64/26:443", &errs), 0);
	got = walk(set, &dups);
	assert_int_equal(dups, 128);
	free(got);
	target_set_free(&set);
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "10.0.0.0/26", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.0.0/24", &errs), 0);
	assert_int_equal(target_set_add(set, "ssh://10.0.0.0/24", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.0.0/24", &errs), 0);
	got = walk(set, &dups);
	assert_int_equal(dups, 64 + 256);
	assert_int_equal(target_set_count(set), 64 + 3 * 256);
	free(got);
	target_set_free(&set);

	/* Port lists: a port in an earlier prefix's list. */
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_ports(set, "443,8443", err, sizeof(err)),
	    0);
	assert_int_equal(target_set_add(set, "10.0.1.0/24:8443", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.0.0/23:443", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.0.0/22", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.3.7:8443", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.3.7:4433", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.3.0/30", &errs), 0);
	got = walk(set, &dups);
	assert_int_equal(dups, 256 + 512 + 1 + 8);
	assert_int_equal(target_set_count(set), 256 + 512 + 2048 + 2 + 8);
	free(got);
	target_set_free(&set);

	/* Names: the same address with another SNI is another endpoint. */
	assert_int_equal(resolve_add(&m, "a.test:443:127.0.0.1", err,
	    sizeof(err)), 0);
	assert_int_equal(resolve_add(&m, "b.test:443:127.0.0.1", err,
	    sizeof(err)), 0);
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "a.test", &errs), 0);
	assert_int_equal(target_set_add(set, "127.0.0.1", &errs), 0);
	assert_int_equal(target_set_add(set, "b.test", &errs), 0);
	assert_int_equal(target_set_add(set, "A.TEST:443", &errs), 0);
	assert_int_equal(target_set_add(set, "127.0.0.0/31", &errs), 0);
	assert_int_equal(target_set_add_nmap(set, nmap, strlen(nmap), "n",
	    &errs), 0);
	assert_int_equal(target_set_resolve(set, &m, NULL), 0);
	expect_walk(set,
	    "tls? 127.0.0.1 443 a.test a.test\n"
	    "tls? 127.0.0.1 443 - 127.0.0.1\n"
	    "tls? 127.0.0.1 443 b.test b.test\n"
	    "tls? 127.0.0.0 443 - 127.0.0.0\n", 3);
	/* With --sni, all of them are the same endpoint. */
	assert_int_equal(target_set_resolve(set, &m, "x.test"), 0);
	expect_walk(set,
	    "tls? 127.0.0.1 443 x.test a.test\n"
	    "tls? 127.0.0.0 443 x.test 127.0.0.0\n", 5);
	target_set_free(&set);
	resolve_free(&m);
	assert_int_equal(errs.total, 0);
}

/* Deduplication against a brute force over random nested entries. */
static void
test_set_dedupe_random(void **state)
{
	static const unsigned ports[] = { 443, 8443, 25, 22 };
	static const char *lists[] = { "443,8443", NULL };
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	unsigned char *seen, *want;
	char spec[80], err[64];
	uint32_t rnd = 12345, a, len, off, pi;
	size_t i, nseen, nwant, bit, round, l;
	unsigned svc, port, k;
	int x;

	(void)state;
	/* svc (2) x address in 10.0.0.0/20 (4096) x port (4) */
	assert_non_null(seen = calloc(2 * 4096 * 4, 1));
	assert_non_null(want = calloc(2 * 4096 * 4, 1));
	for (round = 0; round < 8; round++) {
		memset(seen, 0, 2 * 4096 * 4);
		memset(want, 0, 2 * 4096 * 4);
		assert_non_null(set = target_set_new());
		if (lists[round % 2] != NULL)
			assert_int_equal(target_set_ports(set,
			    lists[round % 2], err, sizeof(err)), 0);
		for (i = 0; i < 300; i++) {
			rnd = rnd * 1103515245u + 12345u;
			len = 22 + (rnd >> 16) % 11;		/* /22 to /32 */
			rnd = rnd * 1103515245u + 12345u;
			a = ((rnd >> 8) % 4096) & ~((1u << (32 - len)) - 1);
			rnd = rnd * 1103515245u + 12345u;
			svc = (rnd >> 16) % 2;
			rnd = rnd * 1103515245u + 12345u;
			port = (rnd >> 16) % 4;		/* 3: none given */
			snprintf(spec, sizeof(spec), "%s10.0.%u.%u/%u",
			    svc ? "ssh://" : "", a >> 8, a & 255, len);
			if (port < 3)
				snprintf(spec + strlen(spec), sizeof(spec) -
				    strlen(spec), ":%u", ports[port]);
			assert_int_equal(target_set_add(set, spec, &errs), 0);
			/* What it yields, by hand. */
			for (off = 0; off < (1u << (32 - len)); off++)
				for (pi = 0; pi < 4; pi++) {
					if (port < 3)
						x = pi == port;
					else if (lists[round % 2] != NULL)
						x = pi < 2;
					else
						x = pi == (svc ? 3u : 0u);
					if (x)
						want[(svc * 4096 + a + off) *
						    4 + pi] = 1;
				}
		}
		assert_non_null(it = target_iter_new(set));
		nseen = 0;
		while (target_next(it, &ep) == 1) {
			const struct sockaddr_in *s4 =
			    (const struct sockaddr_in *)&ep.addr;

			for (k = 0; k < 4; k++)
				if (ports[k] == ep.port)
					break;
			assert_true(k < 4);
			bit = ((ep.svc == SVC_SSH ? 4096u : 0u) +
			    (ntohl(s4->sin_addr.s_addr) & 4095)) * 4 + k;
			if (seen[bit])
				fail_msg("round %zu: %s %s:%u yielded twice",
				    round, service_name(ep.svc), ep.ip,
				    ep.port);
			seen[bit] = 1;
			nseen++;
		}
		for (l = 0, nwant = 0; l < 2 * 4096 * 4; l++) {
			nwant += want[l];
			if (want[l] != seen[l])
				fail_msg("round %zu: bit %zu", round, l);
		}
		assert_int_equal(nseen, nwant);
		assert_int_equal(target_iter_consumed(it), target_set_count(set));
		assert_int_equal(nseen + target_iter_duplicates(it),
		    target_set_count(set));
		target_iter_free(&it);
		target_set_free(&set);
	}
	free(seen);
	free(want);
	assert_int_equal(errs.total, 0);
}

/* A network repeated thousands of times costs one lookup per address. */
static void
test_set_dedupe_repeats(void **state)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	char spec[64];
	uint64_t dups, n = 0;
	unsigned i;

	(void)state;
	assert_non_null(set = target_set_new());
	for (i = 1; i <= 2000; i++) {
		snprintf(spec, sizeof(spec), "10.0.0.0/24:%u", i);
		assert_int_equal(target_set_add(set, spec, &errs), 0);
		assert_int_equal(target_set_add(set, "10.0.0.0/24:1", &errs),
		    0);
	}
	assert_int_equal(target_set_add(set, "10.0.0.0/23:2000", &errs), 0);
	assert_non_null(it = target_iter_new(set));
	while (target_next(it, &ep) == 1)
		n++;
	dups = target_iter_duplicates(it);
	target_iter_free(&it);
	assert_int_equal(n, 256u * 2000 + 256);
	assert_int_equal(dups, 256u * 2000 + 256);
	assert_int_equal(target_set_count(set), 256u * 4000 + 512);
	target_set_free(&set);
}

/* Every offender is listed; with or without skip none is scanned. */
static void
test_set_scope(void **state)
{
	struct target_errors errs = { 0 };
	struct resolve_map m = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	struct scope sc = { 0 }, none = { 0 };
	uint64_t out = 0;
	char err[256], *got;

	(void)state;
	assert_int_equal(resolve_add(&m, "a.test:443:10.0.0.1", err,
	    sizeof(err)), 0);
	assert_int_equal(scope_add(&sc, "127.0.0.0/25,::1", err, sizeof(err)),
	    0);
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "127.0.0.0/24", &errs), 0);
	assert_int_equal(target_set_add(set, "192.0.2.1:443", &errs), 0);
	assert_int_equal(target_set_add(set, "a.test", &errs), 0);
	assert_int_equal(target_set_add(set, "::/127", &errs), 0);
	assert_int_equal(target_set_add(set, "127.0.0.1:8443", &errs), 0);
	assert_int_equal(target_set_resolve(set, &m, NULL), 0);
	assert_int_equal(target_set_check_scope(set, &none, 0, &errs), 0);
	assert_int_equal(target_set_check_scope(set, &sc, 0, &errs), 4);
	assert_int_equal(errs.n, 4);
	assert_string_equal(errs.v[0], "target '127.0.0.0/24': addresses "
	    "127.0.0.128 to 127.0.0.255 are outside the scope");
	assert_string_equal(errs.v[1], "target '192.0.2.1:443': address "
	    "192.0.2.1 is outside the scope");
	assert_string_equal(errs.v[2], "target 'a.test': address 10.0.0.1 is "
	    "outside the scope");
	assert_string_equal(errs.v[3], "target '::/127': address :: is "
	    "outside the scope");
	target_errors_free(&errs);
	/* Skip mode: the same, and the endpoints come out marked. */
	assert_int_equal(target_set_check_scope(set, &sc, 1, &errs), 4);
	assert_non_null(it = target_iter_new(set));
	while (target_next(it, &ep) == 1) {
		int in = scope_contains(&sc, (struct sockaddr *)&ep.addr);

		assert_int_equal(ep.error == TARGET_ESCOPE, !in);
		if (!in) {
			assert_string_equal(ep.why, "outside the scope");
			out++;
		}
	}
	assert_int_equal(out, 128 + 1 + 1 + 1);
	target_iter_free(&it);
	target_errors_free(&errs);
	target_set_free(&set);
	scope_free(&sc);

	/* Holes in the scope: each offending sub-range. */
	assert_int_equal(scope_add(&sc, "10.0.0.0/26,10.0.0.128/26,10.0.0.64",
	    err, sizeof(err)), 0);
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "10.0.0.0/24", &errs), 0);
	assert_int_equal(target_set_add(set, "10.0.0.0/26", &errs), 0);
	assert_int_equal(target_set_check_scope(set, &sc, 1, &errs), 2);
	assert_string_equal(errs.v[0], "target '10.0.0.0/24': addresses "
	    "10.0.0.65 to 10.0.0.127 are outside the scope");
	assert_string_equal(errs.v[1], "target '10.0.0.0/24': addresses "
	    "10.0.0.192 to 10.0.0.255 are outside the scope");
	got = walk(set, NULL);
	assert_non_null(strstr(got, "tls? 10.0.0.64 443 - 10.0.0.64\n"
	    "tls? 10.0.0.65 443 - 10.0.0.65 scope\n"));
	free(got);
	target_errors_free(&errs);
	target_set_free(&set);
	scope_free(&sc);

	/* IPv4-mapped addresses are judged as IPv4, as scope_contains(). */
	assert_int_equal(scope_add(&sc, "127.0.0.0/8,::/0", err, sizeof(err)),
	    0);
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "[::ffff:127.0.0.0/120]:443",
	    &errs), 0);
	assert_int_equal(target_set_add(set, "[::ffff:10.0.0.0/126]:443",
	    &errs), 0);
	assert_int_equal(target_set_add(set, "[2001:db8::/120]:443", &errs),
	    0);
	assert_int_equal(target_set_check_scope(set, &sc, 1, &errs), 1);
	assert_string_equal(errs.v[0], "target '[::ffff:10.0.0.0/126]:443': "
	    "addresses ::ffff:10.0.0.0 to ::ffff:10.0.0.3 are outside the "
	    "scope");
	assert_non_null(it = target_iter_new(set));
	while (target_next(it, &ep) == 1)
		assert_int_equal(ep.error == TARGET_ESCOPE,
		    !scope_contains(&sc, (struct sockaddr *)&ep.addr));
	target_iter_free(&it);
	target_errors_free(&errs);
	target_set_free(&set);
	scope_free(&sc);
	resolve_free(&m);
}

/* Names: literals and --resolve entries only; localhost at most. */
static void
test_set_resolve(void **state)
{
	struct target_errors errs = { 0 };
	struct resolve_map m = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	char err[256];

	(void)state;
	assert_int_equal(resolve_add(&m, "a.test:443:127.0.0.7", err,
	    sizeof(err)), 0);
	assert_int_equal(resolve_add(&m, "a.test:8443:127.0.0.8", err,
	    sizeof(err)), 0);
	assert_int_equal(resolve_add(&m, "v6.test:25:[::1]", err,
	    sizeof(err)), 0);
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "a.test", &errs), 0);
	assert_int_equal(target_set_add(set, "smtp://v6.test:2525", &errs), 0);
	/* Before target_set_resolve(): names are not scanned. */
	expect_walk(set,
	    "tls?  443 a.test a.test unresolved\n"
	    "smtp  2525 v6.test v6.test unresolved\n", 0);
	assert_int_equal(target_set_ports(set, "8443,443", err, sizeof(err)),
	    0);
	assert_int_equal(target_set_resolve(set, &m, NULL), 0);
	/* The first entry for one of its ports; any for the name else. */
	expect_walk(set,
	    "tls? 127.0.0.7 8443 a.test a.test\n"
	    "tls? 127.0.0.7 443 a.test a.test\n"
	    "smtp ::1 2525 v6.test v6.test\n", 0);
	target_set_free(&set);

	/* The resolver itself, with the one name a test may look up. */
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_add(set, "localhost:4433", &errs), 0);
	assert_int_equal(target_set_resolve(set, NULL, NULL), 0);
	assert_non_null(it = target_iter_new(set));
	assert_int_equal(target_next(it, &ep), 1);
	if (ep.error == TARGET_OK) {
		assert_true(strcmp(ep.ip, "127.0.0.1") == 0 ||
		    strcmp(ep.ip, "::1") == 0);
		assert_int_equal(ep.port, 4433);
		assert_string_equal(ep.sni, "localhost");
	} else {
		assert_int_equal(ep.error, TARGET_ERESOLVE);
		assert_non_null(strstr(ep.why, "cannot resolve 'localhost'"));
	}
	assert_int_equal(target_next(it, &ep), 0);
	target_iter_free(&it);
	target_set_free(&set);
	resolve_free(&m);
}

/* Index counts what is yielded, in input order; duplicates get none. */
static void
test_set_index(void **state)
{
	static const char *specs[] = { "127.0.0.1:1", "127.0.0.0/30:1",
	    "ssh://127.0.0.1:1", "127.0.0.2:1", "[::1]:1" };
	static const char *want[] = { "127.0.0.1:1", "127.0.0.0/30:1",
	    "127.0.0.0/30:1", "127.0.0.0/30:1", "ssh://127.0.0.1:1",
	    "[::1]:1" };
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	size_t i;

	(void)state;
	assert_non_null(set = target_set_new());
	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		assert_int_equal(target_set_add(set, specs[i], &errs), 0);
	assert_int_equal(target_set_count(set), 8);
	assert_non_null(it = target_iter_new(set));
	for (i = 0; target_next(it, &ep) == 1; i++) {
		assert_true(i < sizeof(want) / sizeof(want[0]));
		assert_int_equal(ep.index, i);
		assert_string_equal(ep.spec, want[i]);
	}
	assert_int_equal(i, 6);
	assert_int_equal(target_iter_duplicates(it), 2);
	assert_int_equal(target_iter_consumed(it), 8);
	/* At the end it stays at the end. */
	assert_int_equal(target_next(it, &ep), 0);
	target_iter_free(&it);
	target_set_free(&set);
}

/* Iterating a prefix allocates nothing per address. */
static void
test_set_flat(void **state)
{
	struct target_errors errs = { 0 };
	struct target_set *set;
	struct target_iter *it;
	struct endpoint ep;
	struct mallinfo2 before, after;
	char err[64];
	uint64_t n = 0;

	(void)state;
	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_ports(set, "443,8443", err, sizeof(err)),
	    0);
	assert_int_equal(target_set_add(set, "10.0.0.0/8", &errs), 0);
	assert_int_equal(target_set_count(set), 33554432);
	target_set_free(&set);

	assert_non_null(set = target_set_new());
	assert_int_equal(target_set_ports(set, "443,8443", err, sizeof(err)),
	    0);
	assert_int_equal(target_set_add(set, "10.0.0.0/16", &errs), 0);
	assert_int_equal(target_set_add(set, "10.1.0.0/16", &errs), 0);
	assert_int_equal(target_set_count(set), 262144);
	assert_non_null(it = target_iter_new(set));
	assert_int_equal(target_next(it, &ep), 1);
	n++;
	before = mallinfo2();
	while (target_next(it, &ep) == 1)
		n++;
	after = mallinfo2();
	assert_int_equal(n, 262144);
	assert_int_equal(after.uordblks, before.uordblks);
	assert_string_equal(ep.ip, "10.1.255.255");
	assert_int_equal(ep.port, 8443);
	assert_int_equal(ep.index, 262143);
	assert_int_equal(target_iter_duplicates(it), 0);
	target_iter_free(&it);
	target_set_free(&set);
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
		cmocka_unit_test(test_set_cidr),
		cmocka_unit_test(test_set_ports),
		cmocka_unit_test(test_set_file_errors),
		cmocka_unit_test(test_nmap_loopback),
		cmocka_unit_test(test_nmap_mixed),
		cmocka_unit_test(test_nmap_chat),
		cmocka_unit_test(test_nmap_hostile),
		cmocka_unit_test(test_set_dedupe),
		cmocka_unit_test(test_set_dedupe_random),
		cmocka_unit_test(test_set_dedupe_repeats),
		cmocka_unit_test(test_set_scope),
		cmocka_unit_test(test_set_resolve),
		cmocka_unit_test(test_set_index),
		cmocka_unit_test(test_set_flat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
