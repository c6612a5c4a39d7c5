/*
 * The STARTTLS preambles (scanner/tls/starttls.c) against scripted server
 * bytes: what the client sends, exactly, and the verdict, for every
 * protocol; the XMPP tokenizer's refusals; and the recogniser of
 * greetings for every pair of protocols (a server of one, scanned as
 * another, is named: "the server speaks SMTP, not FTP").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/buf.h"
#include "scanner/tls/starttls.h"

/* What one run of a preamble gave. */
struct run {
	int		 r;		/* the last STARTTLS_* */
	char		 sent[2048];	/* everything the client queued */
	size_t		 left;		/* server bytes not consumed */
	char		 msg[160];
};

/*
 * Plays the server's bytes (all of them, len) to a preamble of svc, in
 * chunks of chunk bytes, as the engine does (unconsumed bytes first);
 * with eof, a close after them.  domain goes to starttls_start().
 */
static void
play(struct run *run, enum service svc, const char *domain,
    const void *srv, size_t len, size_t chunk, int eof)
{
	static uint8_t in[32768];
	struct starttls st;
	struct wbuf out;
	size_t have = 0, fed = 0, consumed, n;
	int r;

	assert_true(len <= sizeof(in));
	memset(run, 0, sizeof(*run));
	starttls_init(&st, svc);
	wbuf_init(&out, 4096);
	assert_int_equal(starttls_start(&st, domain, &out), STARTTLS_MORE);
	r = STARTTLS_MORE;
	while (r == STARTTLS_MORE && fed < len) {
		n = len - fed < chunk ? len - fed : chunk;
		memcpy(in + have, (const uint8_t *)srv + fed, n);
		have += n;
		fed += n;
		do {
			consumed = 0;
			r = starttls_input(&st, in, have, &consumed, &out);
			assert_true(consumed <= have);
			memmove(in, in + consumed, have - consumed);
			have -= consumed;
		} while (r == STARTTLS_MORE && consumed > 0 && have > 0);
	}
	if (r == STARTTLS_MORE && eof)
		r = starttls_eof(&st, in, have);
	run->r = r;
	run->left = have + (len - fed);
	assert_true(out.len < sizeof(run->sent));
	if (out.len > 0)
		memcpy(run->sent, out.p, out.len);
	snprintf(run->msg, sizeof(run->msg), "%s", st.msg);
	wbuf_release(&out);
}

/* Both ways: all at once, and a byte at a time. */
static void
both(struct run *run, enum service svc, const char *domain,
    const char *srv, int eof)
{
	struct run one;

	play(&one, svc, domain, srv, strlen(srv), 1, eof);
	play(run, svc, domain, srv, strlen(srv), 8192, eof);
	assert_int_equal(one.r, run->r);
	assert_string_equal(one.sent, run->sent);
	assert_string_equal(one.msg, run->msg);
}

static void
assert_ready(const struct run *run, const char *sent)
{
	if (run->r != STARTTLS_READY)
		fail_msg("not ready (%d): '%s'", run->r, run->msg);
	assert_string_equal(run->sent, sent);
	assert_int_equal(run->left, 0);
}

static void
assert_fails(const struct run *run, int r, const char *msg)
{
	if (run->r != r)
		fail_msg("want %d, got %d: '%s'", r, run->r, run->msg);
	assert_string_equal(run->msg, msg);
}

/* SMTP and LMTP: EHLO / LHLO, STARTTLS. */
static void
test_smtp_lmtp(void **state)
{
	struct run run;

	(void)state;
	both(&run, SVC_SMTP, NULL, "220 mx.test ESMTP Postfix\r\n"
	    "250-mx.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n"
	    "220 2.0.0 Ready to start TLS\r\n", 0);
	assert_ready(&run, "EHLO tilsyn.invalid\r\nSTARTTLS\r\n");
	both(&run, SVC_LMTP, NULL, "220 mx.test Dovecot (Debian) ready.\r\n"
	    "250-mx.test\r\n250-STARTTLS\r\n250 PIPELINING\r\n"
	    "220 2.0.0 Begin TLS.\r\n", 0);
	assert_ready(&run, "LHLO tilsyn.invalid\r\nSTARTTLS\r\n");
	both(&run, SVC_LMTP, NULL, "220 lmtp.test LMTP Cyrus ready\r\n"
	    "250-lmtp.test\r\n250 PIPELINING\r\n"
	    "502 5.5.1 Unknown command\r\n", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "server refused STARTTLS: "
	    "'502 5.5.1 Unknown command'");
	both(&run, SVC_LMTP, NULL, "220 lmtp.test ready\r\n"
	    "500 5.5.1 Unknown command\r\n", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "LMTP LHLO refused (an SMTP "
	    "server? try smtp://): '500 5.5.1 Unknown command'");
	both(&run, SVC_SMTP, NULL, "220 vm Dovecot (Debian) ready.\r\n"
	    "500 5.5.1 Unknown command\r\n", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "SMTP EHLO refused (an LMTP "
	    "server? try lmtp://): '500 5.5.1 Unknown command'");
	both(&run, SVC_LMTP, NULL, "220 lmtp.test ready\r\n"
	    "250 lmtp.test\r\n454 4.7.0 TLS not available\r\n", 0);
	assert_fails(&run, STARTTLS_ETHROTTLED, "LMTP STARTTLS: "
	    "'454 4.7.0 TLS not available'");
	both(&run, SVC_LMTP, NULL, "220 lmtp.test ready\r\n250-lmtp", 1);
	assert_fails(&run, STARTTLS_ETHROTTLED, "connection closed before "
	    "the end of the answer to LHLO");
}

/* NNTP: CAPABILITIES (a 101 list up to "."), STARTTLS, 382. */
static void
test_nntp(void **state)
{
	static const char greet[] = "200 news.test InterNetNews NNRP server "
	    "INN 2.7.1 ready (posting ok)\r\n";
	static const char caps[] = "101 Capability list:\r\nVERSION 2\r\n"
	    "READER\r\n..dot-stuffed\r\nSTARTTLS\r\n.\r\n";
	char srv[512];
	struct run run;

	(void)state;
	snprintf(srv, sizeof(srv), "%s%s382 Continue with TLS "
	    "negotiation\r\n", greet, caps);
	both(&run, SVC_NNTP, NULL, srv, 0);
	assert_ready(&run, "CAPABILITIES\r\nSTARTTLS\r\n");
	snprintf(srv, sizeof(srv), "201 news.test ready (no posting)\r\n%s"
	    "580 Can not initiate TLS negotiation\r\n", caps);
	both(&run, SVC_NNTP, NULL, srv, 0);
	assert_fails(&run, STARTTLS_EREFUSED, "server refused STARTTLS: "
	    "'580 Can not initiate TLS negotiation'");
	snprintf(srv, sizeof(srv), "%s%s502 Command unavailable\r\n", greet,
	    caps);
	both(&run, SVC_NNTP, NULL, srv, 0);
	assert_fails(&run, STARTTLS_EREFUSED, "server refused STARTTLS: "
	    "'502 Command unavailable'");
	both(&run, SVC_NNTP, NULL, "400 news.test too busy\r\n", 0);
	assert_fails(&run, STARTTLS_ETHROTTLED, "NNTP greeting: "
	    "'400 news.test too busy'");
	both(&run, SVC_NNTP, NULL, "502 you have no permission\r\n", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "NNTP greeting refused: "
	    "'502 you have no permission'");
	/* The list's "." must come before the answer to STARTTLS. */
	snprintf(srv, sizeof(srv), "%s101 Capability list:\r\nSTARTTLS\r\n",
	    greet);
	both(&run, SVC_NNTP, NULL, srv, 1);
	assert_fails(&run, STARTTLS_ETHROTTLED, "connection closed before "
	    "the end of the answer to CAPABILITIES");
	assert_string_equal(run.sent, "CAPABILITIES\r\n");
}

/* ManageSieve: the capabilities are the greeting; "STARTTLS" among them. */
static void
test_sieve(void **state)
{
	static const char caps[] = "\"IMPLEMENTATION\" \"Dovecot "
	    "Pigeonhole\"\r\n\"SIEVE\" \"fileinto reject\"\r\n"
	    "\"NOTIFY\" \"mailto\"\r\n\"SASL\" \"\"\r\n";
	char srv[512];
	struct run run;

	(void)state;
	snprintf(srv, sizeof(srv), "%s\"STARTTLS\"\r\n\"VERSION\" \"1.0\"\r\n"
	    "OK \"Dovecot ready.\"\r\nOK \"Begin TLS negotiation now.\"\r\n",
	    caps);
	both(&run, SVC_SIEVE, NULL, srv, 0);
	assert_ready(&run, "STARTTLS\r\n");
	snprintf(srv, sizeof(srv), "%s\"VERSION\" \"1.0\"\r\n"
	    "OK \"Dovecot ready.\"\r\n", caps);
	both(&run, SVC_SIEVE, NULL, srv, 0);
	assert_fails(&run, STARTTLS_EREFUSED, "ManageSieve server does not "
	    "offer STARTTLS: 'OK \"Dovecot ready.\"'");
	assert_string_equal(run.sent, "");
	snprintf(srv, sizeof(srv), "%s\"STARTTLS\"\r\nOK \"ready\"\r\n"
	    "NO \"TLS unavailable\"\r\n", caps);
	both(&run, SVC_SIEVE, NULL, srv, 0);
	assert_fails(&run, STARTTLS_EREFUSED, "server refused STARTTLS: "
	    "'NO \"TLS unavailable\"'");
	both(&run, SVC_SIEVE, NULL, "BYE \"Too many connections\"\r\n", 0);
	assert_fails(&run, STARTTLS_ETHROTTLED, "ManageSieve greeting: "
	    "'BYE \"Too many connections\"'");
}

/*
 * IRC: CAP LS and a PING first, then STARTTLS if "tls" is a capability;
 * 670 goes, 691 and a 421 about STARTTLS do not.
 */
static void
test_irc(void **state)
{
	static const char hello[] = ":irc.test NOTICE * :*** Looking up "
	    "your hostname...\r\n:irc.test CAP * LS * :cap-notify sts\r\n"
	    ":irc.test CAP * LS :tls userhost-in-names\r\n"
	    ":irc.test 451 * PING :You have not registered.\r\n";
	char srv[512];
	struct run run;

	(void)state;
	snprintf(srv, sizeof(srv), "%s:irc.test 670 * :STARTTLS successful, "
	    "go ahead with TLS handshake\r\n", hello);
	both(&run, SVC_IRC, NULL, srv, 0);
	assert_ready(&run, "CAP LS\r\nPING :tilsyn\r\nSTARTTLS\r\n");
	snprintf(srv, sizeof(srv), "%s:irc.test 691 * :STARTTLS failure\r\n",
	    hello);
	both(&run, SVC_IRC, NULL, srv, 0);
	assert_fails(&run, STARTTLS_EREFUSED, "server refused STARTTLS: "
	    "':irc.test 691 * :STARTTLS failure'");
	both(&run, SVC_IRC, NULL, ":irc.test CAP * LS :tls\r\n"
	    ":irc.test PONG irc.test :tilsyn\r\n"
	    ":irc.test 421 * STARTTLS :Unknown command\r\n", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "server refused STARTTLS: "
	    "':irc.test 421 * STARTTLS :Unknown command'");
	/* No "tls" among the capabilities ("tlsx" is not it). */
	both(&run, SVC_IRC, NULL, ":irc.test CAP * LS :sts tlsx\r\n", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "IRC server does not offer "
	    "STARTTLS (no tls capability): ':irc.test CAP * LS :sts tlsx'");
	assert_string_equal(run.sent, "CAP LS\r\nPING :tilsyn\r\n");
	/* A server without CAP: only the PING is answered. */
	both(&run, SVC_IRC, NULL, ":old.test NOTICE AUTH :*** hello\r\n"
	    ":old.test 451 * PING :You have not registered\r\n", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "IRC server does not offer "
	    "STARTTLS (no CAP): ':old.test 451 * PING :You have not "
	    "registered'");
	both(&run, SVC_IRC, NULL, ":old.test 421 * CAP :Unknown command\r\n",
	    0);
	assert_int_equal(run.r, STARTTLS_EREFUSED);
	both(&run, SVC_IRC, NULL, "PONG :tilsyn\r\n", 0);
	assert_int_equal(run.r, STARTTLS_EREFUSED);
	both(&run, SVC_IRC, NULL, "ERROR :Closing link: (unknown@127.0.0.1) "
	    "[Too many connections]\r\n", 0);
	assert_fails(&run, STARTTLS_ETHROTTLED, "IRC CAP LS: 'ERROR :Closing "
	    "link: (unknown@127.0.0.1) [Too many connections]'");
}

#define XSTREAM(ns) "<?xml version='1.0'?><stream:stream xmlns='" ns "' " \
	"xmlns:stream='http://etherx.jabber.org/streams' id='a1>b' " \
	"from=\"chat.test\" version='1.0' xml:lang='en'>"
#define XTLS	"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>" \
	"<required/></starttls>"
#define XSASL	"<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" \
	"<mechanism>PLAIN</mechanism></mechanisms>"
#define XPROCEED "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"

/* XMPP: the stream header, the features, <starttls/>, <proceed/>. */
static void
test_xmpp(void **state)
{
	struct run run;

	(void)state;
	both(&run, SVC_XMPP, "chat.test", XSTREAM("jabber:client")
	    "\n<stream:features>" XSASL XTLS "</stream:features>" XPROCEED,
	    0);
	assert_ready(&run, "<?xml version='1.0'?><stream:stream "
	    "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/"
	    "streams' to='chat.test' version='1.0'>\n"
	    "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
	/* Server to server; an address for a domain; prefixed tags. */
	both(&run, SVC_XMPP_SERVER, "::1", XSTREAM("jabber:server")
	    "<stream:features><tls:starttls xmlns:tls='urn:ietf:params:xml:"
	    "ns:xmpp-tls'/></stream:features><tls:proceed xmlns:tls='urn:"
	    "ietf:params:xml:ns:xmpp-tls'></tls:proceed>", 0);
	assert_ready(&run, "<?xml version='1.0'?><stream:stream "
	    "xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/"
	    "streams' to='[::1]' version='1.0'>\n"
	    "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
	/* What a starttls of another namespace is not. */
	both(&run, SVC_XMPP, "chat.test", XSTREAM("jabber:client")
	    "<stream:features><starttls xmlns='urn:example'/>" XSASL
	    "</stream:features>", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "XMPP server does not offer "
	    "STARTTLS");
	both(&run, SVC_XMPP, "chat.test", XSTREAM("jabber:client")
	    "<stream:features>" XTLS "</stream:features><failure xmlns='urn:"
	    "ietf:params:xml:ns:xmpp-tls'/></stream:stream>", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "server refused STARTTLS: "
	    "'<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>'");
	both(&run, SVC_XMPP, "nowhere.test", XSTREAM("jabber:client")
	    "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:"
	    "xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'"
	    ">This server does not serve nowhere.test</text></stream:error>"
	    "</stream:stream>", 0);
	assert_fails(&run, STARTTLS_EREFUSED, "XMPP stream error: "
	    "host-unknown");
	both(&run, SVC_XMPP, "chat.test", XSTREAM("jabber:client")
	    "<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:"
	    "xmpp-streams'/></stream:error>", 0);
	assert_fails(&run, STARTTLS_ETHROTTLED, "XMPP stream error: "
	    "policy-violation");
	both(&run, SVC_XMPP, "chat.test", XSTREAM("jabber:server")
	    "<stream:features/>", 0);
	assert_fails(&run, STARTTLS_EPROTO, "the server's stream is "
	    "jabber:server, not jabber:client (try xmpp-server://)");
	both(&run, SVC_XMPP, "chat.test", "", 1);
	assert_fails(&run, STARTTLS_ETHROTTLED, "connection closed before "
	    "the XMPP stream features (a server that speaks TLS at once "
	    "closes on plaintext: try tls://)");
	both(&run, SVC_IRC, NULL, "", 1);
	assert_fails(&run, STARTTLS_ETHROTTLED, "connection closed before "
	    "the answer to CAP LS (a server that speaks TLS at once closes "
	    "on plaintext: try tls://)");
	both(&run, SVC_XMPP, "chat.test", XSTREAM("jabber:client")
	    "<stream:features>", 1);
	assert_fails(&run, STARTTLS_ETHROTTLED, "connection closed before "
	    "the XMPP stream features");
}

/* What the tokenizer refuses: DTDs, entities' homes, bad tags, floods. */
static void
test_xmpp_hostile(void **state)
{
	static char big[8192];
	struct run run;
	size_t i, n;

	(void)state;
	both(&run, SVC_XMPP, "c.test", "<?xml version='1.0'?><!DOCTYPE x "
	    "[<!ENTITY a 'aaaa'>]><stream:stream>", 0);
	assert_int_equal(run.r, STARTTLS_EPROTO);
	assert_non_null(strstr(run.msg, "RFC 6120 forbids"));
	both(&run, SVC_XMPP, "c.test", XSTREAM("jabber:client")
	    "<!-- hi -->", 0);
	assert_int_equal(run.r, STARTTLS_EPROTO);
	both(&run, SVC_XMPP, "c.test", XSTREAM("jabber:client")
	    "<a b=c>", 0);
	assert_int_equal(run.r, STARTTLS_EPROTO);
	assert_non_null(strstr(run.msg, "malformed XML"));
	both(&run, SVC_XMPP, "c.test", XSTREAM("jabber:client")
	    "<a b='<'>", 0);
	assert_int_equal(run.r, STARTTLS_EPROTO);
	both(&run, SVC_XMPP, "c.test", "<html><body>", 0);
	assert_fails(&run, STARTTLS_EPROTO, "the server speaks HTTP, not "
	    "XMPP");
	both(&run, SVC_XMPP, "c.test", "\n<!DOCTYPE HTML>\n<html>", 0);
	assert_fails(&run, STARTTLS_EPROTO, "the server speaks HTTP, not "
	    "XMPP");
	both(&run, SVC_XMPP, "c.test", "<foo>", 0);
	assert_fails(&run, STARTTLS_EPROTO, "not an XMPP stream: '<foo>'");
	both(&run, SVC_XMPP, "c.test", "garbage\r\n", 0);
	assert_fails(&run, STARTTLS_EPROTO, "not an XMPP stream: "
	    "'garbage'");
	/* Nested too deep. */
	n = (size_t)snprintf(big, sizeof(big), XSTREAM("jabber:client"));
	for (i = 0; i < 20; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "<a>");
	both(&run, SVC_XMPP, "c.test", big, 0);
	assert_fails(&run, STARTTLS_ELINE, "XML nested too deep: '<a>'");
	/* A tag without its end. */
	memset(big, 'a', sizeof(big) - 1);
	big[0] = '<';
	big[sizeof(big) - 1] = '\0';
	both(&run, SVC_XMPP, "c.test", big, 0);
	assert_int_equal(run.r, STARTTLS_ELINE);
	/* Too many tags, and too many bytes. */
	n = (size_t)snprintf(big, sizeof(big), XSTREAM("jabber:client"));
	while (n + 5 < sizeof(big))
		n += (size_t)snprintf(big + n, sizeof(big) - n, "<a/>");
	both(&run, SVC_XMPP, "c.test", big, 0);
	assert_fails(&run, STARTTLS_ELINE, "too many XML tags: '<a/>'");
	n = (size_t)snprintf(big, sizeof(big), XSTREAM("jabber:client")
	    "<stream:features>");
	memset(big + n, ' ', sizeof(big) - 1 - n);
	play(&run, SVC_XMPP, "c.test", big, sizeof(big) - 1, 8192, 0);
	assert_int_equal(run.r, STARTTLS_MORE);
	{
		/* Twice that much is over STARTTLS_MAX_XML. */
		static char huge[STARTTLS_MAX_XML + 2048];

		memset(huge, ' ', sizeof(huge));
		memcpy(huge, big, n);
		play(&run, SVC_XMPP, "c.test", huge, sizeof(huge), 4096, 0);
		assert_int_equal(run.r, STARTTLS_ELINE);
	}
}

/* The first words of a server of each protocol, and its name. */
static const struct {
	enum starttls_proto	 sp;
	const char		*bytes;
	size_t			 len;	/* 0: strlen */
} greetings[] = {
	{ SP_SMTP, "220 mx.test ESMTP Postfix (Debian/GNU)\r\n", 0 },
	{ SP_SMTP, "220-mx.test Microsoft ESMTP MAIL Service ready\r\n", 0 },
	{ SP_LMTP, "220 lmtp.test LMTP Cyrus v2.4.17 server ready\r\n", 0 },
	{ SP_FTP, "220 (vsFTPd 3.0.3)\r\n", 0 },
	{ SP_FTP, "220 ProFTPD Server (Debian) [::ffff:127.0.0.1]\r\n", 0 },
	{ SP_FTP, "220---------- Welcome to Pure-FTPd ----------\r\n", 0 },
	{ SP_IMAP, "* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n",
	    0 },
	{ SP_POP3, "+OK Dovecot (Debian) ready.\r\n", 0 },
	{ SP_NNTP, "200 news.test InterNetNews NNRP server INN 2.7.1 ready "
	    "(posting ok)\r\n", 0 },
	{ SP_SIEVE, "\"IMPLEMENTATION\" \"Dovecot Pigeonhole\"\r\n", 0 },
	{ SP_XMPP, "<?xml version='1.0'?><stream:stream xmlns='jabber:"
	    "client' version='1.0'><stream:error><not-well-formed xmlns='urn:"
	    "ietf:params:xml:ns:xmpp-streams'/></stream:error>", 0 },
	{ SP_IRC, ":irc.test NOTICE * :*** Looking up your hostname...\r\n",
	    0 },
	{ SP_IRC, ":irc.test 451 * CAP :You have not registered\r\n", 0 },
	{ SP_SSH, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", 0 },
	{ SP_HTTP, "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n", 0 },
	{ SP_TLS, "\x15\x03\x01\x00\x02\x02\x0a", 7 },
	{ SP_TLS, "\x16\x03\x03\x00\x5a\x02\x00\x00\x56\x03\x03", 11 },
	{ SP_MYSQL, "\x4a\x00\x00\x00\x0a" "8.0.36\0\x08\0\0\0", 16 },
	{ SP_220, "220 vm Dovecot (Debian) ready.\r\n", 0 },
	{ SP_220, "220 ftp.example.test ready\r\n", 0 },
};

/* Greetings that name nothing for sure: no complaint, whoever asks. */
static const char *const vague[] = {
	"250 ok\r\n",
	"hello\r\n",
};

static const enum service asked[] = { SVC_SMTP, SVC_LMTP, SVC_IMAP,
    SVC_POP3, SVC_FTP, SVC_NNTP, SVC_SIEVE, SVC_IRC, SVC_XMPP,
    SVC_XMPP_SERVER };

static const struct {
	enum service	 svc;
	const char	*name;
} binary[] = {
	{ SVC_LDAP, "LDAP" },
	{ SVC_POSTGRES, "PostgreSQL" },
	{ SVC_MYSQL, "MySQL" },
};

/* The recogniser alone. */
static void
test_recognise(void **state)
{
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(greetings) / sizeof(greetings[0]); i++) {
		len = greetings[i].len ? greetings[i].len :
		    strlen(greetings[i].bytes);
		if (starttls_recognise((const uint8_t *)greetings[i].bytes,
		    len) != greetings[i].sp)
			fail_msg("greeting %zu: got %s", i, starttls_proto_name(
			    starttls_recognise((const uint8_t *)
			    greetings[i].bytes, len)));
	}
	assert_int_equal(starttls_recognise((const uint8_t *)
	    "220 mail.test ready\r\n", 21), SP_220);
	assert_int_equal(starttls_recognise((const uint8_t *)
	    "220 ftp.example.test ESMTP\r\n", 28), SP_SMTP);
	assert_int_equal(starttls_recognise((const uint8_t *)
	    "220 smtp.example.test FTP ready\r\n", 33), SP_FTP);
	assert_int_equal(starttls_recognise((const uint8_t *)"", 0),
	    SP_UNKNOWN);
	assert_string_equal(starttls_proto_name(SP_SIEVE), "ManageSieve");
	assert_int_equal(starttls_proto_of(SVC_XMPP_SERVER), SP_XMPP);
	assert_int_equal(starttls_proto_of(SVC_TLS), SP_UNKNOWN);
}

/*
 * Every pair: a server of one protocol, scanned as another, fails with
 * "the server speaks P, not A" (TLS: "scan it as tls://"); scanned as
 * its own, it does not.
 */
static void
test_wrong_protocol(void **state)
{
	struct run run;
	char want[160];
	size_t i, k, len;
	enum starttls_proto sp;

	(void)state;
	for (i = 0; i < sizeof(greetings) / sizeof(greetings[0]); i++) {
		len = greetings[i].len ? greetings[i].len :
		    strlen(greetings[i].bytes);
		for (k = 0; k < sizeof(asked) / sizeof(asked[0]); k++) {
			sp = starttls_proto_of(asked[k]);
			play(&run, asked[k], "c.test", greetings[i].bytes, len,
			    8192, 1);
			if (sp == greetings[i].sp || (greetings[i].sp ==
			    SP_220 && (sp == SP_SMTP || sp == SP_LMTP ||
			    sp == SP_FTP))) {
				if (strstr(run.msg, "the server speaks") !=
				    NULL)
					fail_msg("%zu as %s: '%s'", i,
					    service_name(asked[k]), run.msg);
				continue;
			}
			if (greetings[i].sp == SP_TLS)
				snprintf(want, sizeof(want), "the server "
				    "speaks TLS, not %s: scan it as tls://",
				    starttls_proto_name(sp));
			else
				snprintf(want, sizeof(want), "the server "
				    "speaks %s, not %s", starttls_proto_name(
				    greetings[i].sp), starttls_proto_name(sp));
			if (run.r != STARTTLS_EPROTO ||
			    strcmp(run.msg, want) != 0)
				fail_msg("greeting %zu as %s: %d '%s'", i,
				    service_name(asked[k]), run.r, run.msg);
		}
	}
	for (i = 0; i < sizeof(vague) / sizeof(vague[0]); i++)
		for (k = 0; k < sizeof(asked) / sizeof(asked[0]); k++) {
			play(&run, asked[k], "c.test", vague[i],
			    strlen(vague[i]), 8192, 1);
			if (strstr(run.msg, "the server speaks") != NULL)
				fail_msg("'%s' as %s: '%s'", vague[i],
				    service_name(asked[k]), run.msg);
		}
	/* The binary preambles' servers (starttls_bin.c) likewise. */
	for (i = 0; i < sizeof(greetings) / sizeof(greetings[0]); i++) {
		len = greetings[i].len ? greetings[i].len :
		    strlen(greetings[i].bytes);
		for (k = 0; k < sizeof(binary) / sizeof(binary[0]); k++) {
			if (greetings[i].sp == SP_TLS || (greetings[i].sp ==
			    SP_MYSQL && binary[k].svc == SVC_MYSQL))
				continue;	/* starttls_bin.c's own words */
			play(&run, binary[k].svc, "c.test", greetings[i].bytes,
			    len, 8192, 1);
			snprintf(want, sizeof(want), "the server speaks %s, "
			    "not %s", starttls_proto_name(greetings[i].sp),
			    binary[k].name);
			if (run.r != STARTTLS_EPROTO ||
			    strcmp(run.msg, want) != 0)
				fail_msg("greeting %zu as %s: %d '%s'", i,
				    binary[k].name, run.r, run.msg);
		}
	}
	/* The case of the issue: ftp:// against Postfix. */
	play(&run, SVC_FTP, NULL, "220 mx.tilsyn.invalid ESMTP Postfix "
	    "(Debian/GNU)\r\n", 50, 8192, 0);
	assert_fails(&run, STARTTLS_EPROTO, "the server speaks SMTP, not "
	    "FTP");
	assert_string_equal(run.sent, "");
}

/* Messages while waiting, per protocol and step. */
static void
test_waiting(void **state)
{
	struct starttls st;
	char buf[160];

	(void)state;
	starttls_init(&st, SVC_NNTP);
	assert_true(starttls_needed(SVC_NNTP));
	assert_true(starttls_in_greeting(&st));
	assert_string_equal(starttls_waiting(&st), "NNTP greeting");
	st.step = 1;
	assert_string_equal(starttls_waiting(&st), "answer to CAPABILITIES");
	starttls_init(&st, SVC_XMPP_SERVER);
	assert_string_equal(starttls_waiting(&st), "XMPP stream features");
	starttls_stalled(&st, 0, 30000, buf, sizeof(buf));
	assert_string_equal(buf, "read timed out: no XMPP stream features "
	    "within 30 s");
	starttls_init(&st, SVC_IRC);
	assert_string_equal(starttls_waiting(&st), "answer to CAP LS");
	starttls_stalled(&st, 0, 2500, buf, sizeof(buf));
	assert_string_equal(buf, "read timed out: no answer to CAP LS within "
	    "2.5 s");
	/* Silence from a server-first protocol: maybe TLS at once. */
	starttls_init(&st, SVC_LMTP);
	starttls_stalled(&st, 0, 30000, buf, sizeof(buf));
	assert_string_equal(buf, "read timed out: no LMTP greeting within "
	    "30 s (a server that speaks TLS at once says nothing: try "
	    "tls://)");
	starttls_init(&st, SVC_SIEVE);
	assert_string_equal(starttls_waiting(&st), "ManageSieve greeting");
	assert_false(starttls_needed(SVC_TLS));
	assert_false(starttls_needed(SVC_SSH));
	assert_false(starttls_needed((enum service)NET_HTTPS));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smtp_lmtp),
		cmocka_unit_test(test_nntp),
		cmocka_unit_test(test_sieve),
		cmocka_unit_test(test_irc),
		cmocka_unit_test(test_xmpp),
		cmocka_unit_test(test_xmpp_hostile),
		cmocka_unit_test(test_recognise),
		cmocka_unit_test(test_wrong_protocol),
		cmocka_unit_test(test_waiting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
