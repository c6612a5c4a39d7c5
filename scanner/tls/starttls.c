/*
 * starttls.c: see starttls.h.  Splits the server's bytes into lines, at
 * most STARTTLS_MAX_LINE each, and judges a reply by its last line.  A
 * 4xx (or a "* BYE" / "-ERR" greeting) is the server pushing back for
 * now, not an answer about TLS: it is told apart from a 5xx so that the
 * caller can ask again instead of counting a refused suite.  Trusts
 * nothing the server sends: every line is bounded, every message shows
 * only printable ASCII of it.  XMPP is not line-based: its stream goes
 * through a tokenizer of tags (quotes honoured, no DTD, no entities, no
 * XML library), consumed tag by tag.  The first line of every preamble
 * goes through starttls_recognise() before the dialect judges it.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "scanner/tls/starttls.h"
#include "scanner/tls/starttls_bin.h"	/* binary preambles: starttls_bin.c */

/* reply_line(): the reply goes on, is to be ignored, or is positive. */
#define LINE_MORE	2
#define LINE_SKIP	3
#define LINE_OK		4

/* Per service: the name of each step's reply and the command before it. */
static const struct {
	const char	*proto;
	const char	*cmd[2];	/* sent after the greeting, reply 1 */
	const char	*wire[2];
	int		 steps;		/* replies after the greeting */
	const char	*first;		/* the client speaks first: this */
	enum starttls_proto sp;
	const char	*waiting[3];
} dialects[NET_NSCHEMES] = {
	[SVC_SMTP] = { "SMTP", { "EHLO", "STARTTLS" },
	    { "EHLO tilsyn.invalid\r\n", "STARTTLS\r\n" }, 2, NULL, SP_SMTP,
	    { "SMTP greeting", "answer to EHLO", "answer to STARTTLS" } },
	[SVC_IMAP] = { "IMAP", { "STARTTLS", NULL },
	    { "a1 STARTTLS\r\n", NULL }, 1, NULL, SP_IMAP,
	    { "IMAP greeting", "answer to STARTTLS", NULL } },
	[SVC_POP3] = { "POP3", { "STLS", NULL }, { "STLS\r\n", NULL }, 1,
	    NULL, SP_POP3, { "POP3 greeting", "answer to STLS", NULL } },
	[SVC_FTP] = { "FTP", { "AUTH TLS", NULL }, { "AUTH TLS\r\n", NULL },
	    1, NULL, SP_FTP, { "FTP greeting", "answer to AUTH TLS", NULL } },
	[SVC_LMTP] = { "LMTP", { "LHLO", "STARTTLS" },
	    { "LHLO tilsyn.invalid\r\n", "STARTTLS\r\n" }, 2, NULL, SP_LMTP,
	    { "LMTP greeting", "answer to LHLO", "answer to STARTTLS" } },
	[SVC_NNTP] = { "NNTP", { "CAPABILITIES", "STARTTLS" },
	    { "CAPABILITIES\r\n", "STARTTLS\r\n" }, 2, NULL, SP_NNTP,
	    { "NNTP greeting", "answer to CAPABILITIES",
	    "answer to STARTTLS" } },
	[SVC_SIEVE] = { "ManageSieve", { "STARTTLS", NULL },
	    { "STARTTLS\r\n", NULL }, 1, NULL, SP_SIEVE,
	    { "ManageSieve greeting", "answer to STARTTLS", NULL } },
	[SVC_IRC] = { "IRC", { "STARTTLS", NULL }, { "STARTTLS\r\n", NULL },
	    1, "CAP LS\r\nPING :tilsyn\r\n", SP_IRC,
	    { "answer to CAP LS", "answer to STARTTLS", NULL } },
	[SVC_XMPP] = { "XMPP", { "STARTTLS", NULL },
	    { "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", NULL },
	    1, NULL, SP_XMPP,
	    { "XMPP stream features", "answer to STARTTLS", NULL } },
	[SVC_XMPP_SERVER] = { "XMPP", { "STARTTLS", NULL },
	    { "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", NULL },
	    1, NULL, SP_XMPP,
	    { "XMPP stream features", "answer to STARTTLS", NULL } },
};

static const char *const proto_names[SP_COUNT] = {
	[SP_UNKNOWN] = "?",
	[SP_TLS] = "TLS",
	[SP_SSH] = "SSH",
	[SP_HTTP] = "HTTP",
	[SP_SMTP] = "SMTP",
	[SP_LMTP] = "LMTP",
	[SP_FTP] = "FTP",
	[SP_IMAP] = "IMAP",
	[SP_POP3] = "POP3",
	[SP_NNTP] = "NNTP",
	[SP_SIEVE] = "ManageSieve",
	[SP_XMPP] = "XMPP",
	[SP_IRC] = "IRC",
	[SP_MYSQL] = "MySQL",
	[SP_220] = "SMTP, LMTP or FTP",
};

static int
is_xmpp(enum service svc)
{
	return svc == SVC_XMPP || svc == SVC_XMPP_SERVER;
}

int
starttls_needed(enum service svc)
{
	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(svc))
		return 1;
	return (unsigned)svc < NET_NSCHEMES && dialects[svc].proto != NULL;
}

void
starttls_init(struct starttls *s, enum service svc)
{
	memset(s, 0, sizeof(*s));
	s->svc = svc;
}

const char *
starttls_proto_name(enum starttls_proto p)
{
	return (unsigned)p < SP_COUNT && proto_names[p] != NULL ?
	    proto_names[p] : "?";
}

enum starttls_proto
starttls_proto_of(enum service svc)
{
	return starttls_needed(svc) ? dialects[svc].sp : SP_UNKNOWN;
}

void
starttls_peer(int fd, char *buf, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char a[INET6_ADDRSTRLEN];

	snprintf(buf, len, "localhost");
	if (getpeername(fd, (struct sockaddr *)&ss, &sl) != 0)
		return;
	if (ss.ss_family == AF_INET && inet_ntop(AF_INET,
	    &((struct sockaddr_in *)&ss)->sin_addr, a, sizeof(a)) != NULL)
		snprintf(buf, len, "%s", a);
	else if (ss.ss_family == AF_INET6 && inet_ntop(AF_INET6,
	    &((struct sockaddr_in6 *)&ss)->sin6_addr, a, sizeof(a)) != NULL)
		snprintf(buf, len, "[%s]", a);
}

int
starttls_begin(struct starttls *s, enum service svc, const char *domain,
    int fd, struct wbuf *out)
{
	char peer[INET6_ADDRSTRLEN + 2];

	starttls_init(s, svc);
	if (domain == NULL || *domain == '\0') {
		starttls_peer(fd, peer, sizeof(peer));
		domain = peer;
	}
	return starttls_start(s, domain, out);
}

/* A domain for the stream header: host-name characters only. */
static void
xmpp_domain(const char *domain, char *buf, size_t len)
{
	size_t i, k = 0;
	int v6 = domain != NULL && strchr(domain, ':') != NULL &&
	    domain[0] != '[';

	if (domain == NULL || *domain == '\0')
		domain = "localhost";
	if (v6 && k + 1 < len)
		buf[k++] = '[';
	for (i = 0; domain[i] != '\0' && k + 2 < len; i++)
		if (isalnum((unsigned char)domain[i]) || strchr(".-_:[]",
		    domain[i]) != NULL)
			buf[k++] = domain[i];
	if (v6)
		buf[k++] = ']';
	buf[k] = '\0';
}

int
starttls_start(struct starttls *s, const char *domain, struct wbuf *out)
{
	char d[HOST_NAME_MAX_LEN + 3], hdr[512];
	const char *w = NULL;

	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(s->svc))
		return starttls_bin_start(s, out);
	if (is_xmpp(s->svc)) {
		xmpp_domain(domain, d, sizeof(d));
		snprintf(hdr, sizeof(hdr), "<?xml version='1.0'?>"
		    "<stream:stream xmlns='%s' xmlns:stream='http://etherx."
		    "jabber.org/streams' to='%s' version='1.0'>\n",
		    s->svc == SVC_XMPP ? "jabber:client" : "jabber:server", d);
		w = hdr;
	} else if (starttls_needed(s->svc))
		w = dialects[s->svc].first;
	if (w == NULL)
		return STARTTLS_MORE;
	if (wbuf_put_bytes(out, w, strlen(w)) != 0) {
		snprintf(s->msg, sizeof(s->msg), "cannot queue the %s",
		    is_xmpp(s->svc) ? "XMPP stream header" : "CAP LS");
		return STARTTLS_ENOMEM;
	}
	return STARTTLS_MORE;
}

int
starttls_in_greeting(const struct starttls *s)
{
	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(s->svc))
		return starttls_bin_in_greeting(s);
	return starttls_needed(s->svc) && s->step == 0;
}

const char *
starttls_waiting(const struct starttls *s)
{
	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(s->svc))
		return starttls_bin_waiting(s);
	if (!starttls_needed(s->svc) || s->step < 0 || s->step > 2 ||
	    dialects[s->svc].waiting[s->step] == NULL)
		return "TLS";
	return dialects[s->svc].waiting[s->step];
}

void
starttls_secs(uint64_t ms, char *buf, size_t len)
{
	unsigned long long tenths = (unsigned long long)((ms + 50) / 100);

	if (tenths % 10 == 0)
		snprintf(buf, len, "%llu s", tenths / 10);
	else
		snprintf(buf, len, "%llu.%llu s", tenths / 10, tenths % 10);
}

void
starttls_stalled(const struct starttls *s, int deadline, uint64_t waited_ms,
    char *buf, size_t len)
{
	char t[32];
	int n = s->reply_lines;

	starttls_secs(waited_ms, t, sizeof(t));
	if (deadline && n == 0)
		snprintf(buf, len, "timed out waiting for the %s (after %s)",
		    starttls_waiting(s), t);
	else if (deadline)
		snprintf(buf, len, "timed out waiting for the end of the %s "
		    "(after %s, %d line%s without the last)",
		    starttls_waiting(s), t, n, n == 1 ? "" : "s");
	else if (n == 0)
		snprintf(buf, len, "read timed out: no %s within %s%s",
		    starttls_waiting(s), t, s->lines == 0 && s->step == 0 &&
		    dialects[s->svc].proto != NULL &&
		    dialects[s->svc].first == NULL && !is_xmpp(s->svc) ?
		    " (a server that speaks TLS at once "
		    "says nothing: try tls://)" : "");
	else
		snprintf(buf, len, "read timed out: %s incomplete after %s "
		    "(%d line%s without the last)", starttls_waiting(s), t, n,
		    n == 1 ? "" : "s");
}

/* Length of the next line incl. LF, 0 if incomplete, -1 if overlong. */
static long
next_line(const uint8_t *in, size_t len)
{
	size_t i, n = len < STARTTLS_MAX_LINE ? len : STARTTLS_MAX_LINE;

	for (i = 0; i < n; i++)
		if (in[i] == '\n')
			return (long)(i + 1);
	return len >= STARTTLS_MAX_LINE ? -1 : 0;
}

/* Sets msg to "what: 'line'" (printable ASCII of line) and returns code. */
static int
fail(struct starttls *s, int code, const char *what, const uint8_t *line,
    size_t n)
{
	size_t i, k = 0;
	char shown[100];

	for (i = 0; i < n && k + 1 < sizeof(shown); i++)
		if (line[i] >= 0x20 && line[i] < 0x7f)
			shown[k++] = (char)line[i];
	while (k > 0 && shown[k - 1] == ' ')
		k--;
	shown[k] = '\0';
	snprintf(s->msg, sizeof(s->msg), "%s: '%s'", what, shown);
	return code;
}

static uint8_t
upper(uint8_t c)
{
	return c >= 'a' && c <= 'z' ? (uint8_t)(c - 'a' + 'A') : c;
}

/* Case-insensitive prefix test of a line (IMAP and POP3 words). */
static int
starts(const uint8_t *line, size_t n, const char *word)
{
	size_t i, k = strlen(word);

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (upper(line[i]) != upper((uint8_t)word[i]))
			return 0;
	return 1;
}

/* A "ddd" reply line: three digits, then a space, '-' or the line end. */
static int
is_code(const uint8_t *l, size_t n)
{
	return n >= 3 && l[0] >= '1' && l[0] <= '5' && l[1] >= '0' &&
	    l[1] <= '9' && l[2] >= '0' && l[2] <= '9' && (n == 3 ||
	    l[3] == ' ' || l[3] == '-' || l[3] == '\r' || l[3] == '\n');
}

/* The protocol the server showed is not the one asked for. */
static int
wrong(struct starttls *s, enum starttls_proto seen)
{
	const char *asked = dialects[s->svc].proto;

	if (seen == SP_TLS)
		snprintf(s->msg, sizeof(s->msg), "the server speaks TLS, not "
		    "%s: scan it as tls://", asked);
	else
		snprintf(s->msg, sizeof(s->msg), "the server speaks %s, not %s",
		    starttls_proto_name(seen), asked);
	return STARTTLS_EPROTO;
}

/* A TLS record header: handshake or alert, major version 3. */
static int
is_tls_record(const uint8_t *in, size_t len)
{
	return len >= 3 && (in[0] == 0x15 || in[0] == 0x16) &&
	    in[1] == 3 && in[2] <= 4;
}

static int
word_char(uint8_t c)
{
	return isalnum(c) || c == '-' || c == '_' || c == '.';
}

/*
 * The words of a "220" greeting name its protocol: ESMTP or LMTP, or
 * one with FTP in it (vsFTPd, ProFTPD, Pure-FTPd, "FTP"); else it is one
 * of the three (SP_220).  Host names (words with a dot) do not count:
 * "ftp.example.test" may run anything.
 */
static enum starttls_proto
greeting_words(const uint8_t *l, size_t n)
{
	enum starttls_proto seen = SP_UNKNOWN;
	char w[24];
	size_t i = 4, k;
	int dot;

	while (i < n) {
		dot = 0;
		for (k = 0; i < n && word_char(l[i]); i++) {
			dot |= l[i] == '.';
			if (k + 1 < sizeof(w))
				w[k++] = (char)upper(l[i]);
		}
		w[k] = '\0';
		if (strcmp(w, "ESMTP") == 0)
			return SP_SMTP;
		if (strcmp(w, "LMTP") == 0)
			return SP_LMTP;
		if (!dot && strstr(w, "FTP") != NULL)
			seen = SP_FTP;
		while (i < n && !word_char(l[i]))
			i++;
	}
	return seen != SP_UNKNOWN ? seen : SP_220;
}

/* An IRC line: ":prefix COMMAND ..." or a bare NOTICE, PING or ERROR. */
static int
is_irc(const uint8_t *l, size_t n)
{
	size_t i;

	if (starts(l, n, "NOTICE ") || starts(l, n, "PING :") ||
	    starts(l, n, "ERROR :"))
		return 1;
	if (n < 4 || l[0] != ':')
		return 0;
	for (i = 1; i < n && l[i] > ' ' && l[i] < 0x7f; i++)
		;
	if (i == 1 || i + 4 > n || l[i] != ' ')
		return 0;
	i++;
	/* A numeric or an upper-case command, then a space. */
	if (is_code(l + i, n - i) && i + 3 < n && l[i + 3] == ' ')
		return 1;
	for (; i < n && l[i] >= 'A' && l[i] <= 'Z'; i++)
		;
	return i < n && l[i] == ' ' && l[i - 1] != ' ';
}

enum starttls_proto
starttls_recognise(const uint8_t *in, size_t len)
{
	size_t i = 0;

	if (is_tls_record(in, len))
		return SP_TLS;
	/* MySQL: a 3-byte length, sequence 0, protocol 10, a version. */
	if (len >= 5 && in[3] == 0 && in[4] == 10 && in[2] == 0 &&
	    (in[0] | in[1] << 8) >= 20 && (in[0] | in[1] << 8) < 1024)
		return SP_MYSQL;
	if (starts(in, len, "SSH-"))
		return SP_SSH;
	if (starts(in, len, "HTTP/") || starts(in, len, "<!DOCTYPE html") ||
	    starts(in, len, "<html"))
		return SP_HTTP;
	while (i < len && (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' ||
	    in[i] == '\n'))
		i++;
	if (starts(in + i, len - i, "<?xml") || starts(in + i, len - i,
	    "<stream:") || starts(in + i, len - i, "<stream "))
		return SP_XMPP;
	if (starts(in, len, "* OK") || starts(in, len, "* PREAUTH") ||
	    starts(in, len, "* BYE"))
		return SP_IMAP;
	if (starts(in, len, "+OK") || starts(in, len, "-ERR"))
		return SP_POP3;
	if (starts(in, len, "\"IMPLEMENTATION\"") || starts(in, len,
	    "\"SIEVE\"") || starts(in, len, "\"SASL\"") || starts(in, len,
	    "\"STARTTLS\""))
		return SP_SIEVE;
	if (is_irc(in, len))
		return SP_IRC;
	if (is_code(in, len) && (starts(in, len, "200") || starts(in, len,
	    "201")))
		return SP_NNTP;
	if (is_code(in, len) && starts(in, len, "220"))
		return greeting_words(in, len);
	return SP_UNKNOWN;
}

/*
 * The first line the server sent (or its first bytes): another protocol
 * than the one asked for is an error; LINE_OK when nothing says so.
 */
static int
first_line(struct starttls *s, const uint8_t *line, size_t n)
{
	enum starttls_proto seen = starttls_recognise(line, n);
	enum starttls_proto sp = dialects[s->svc].sp;

	if (seen == SP_UNKNOWN || seen == sp || (seen == SP_220 &&
	    (sp == SP_SMTP || sp == SP_LMTP || sp == SP_FTP)))
		return LINE_OK;
	return wrong(s, seen);
}

/* The verdict of a reply whose first digit is c (SMTP, LMTP and FTP). */
static int
code_verdict(struct starttls *s, uint8_t c, const uint8_t *line, size_t n)
{
	char what[64];
	const char *proto = dialects[s->svc].proto;

	if (c == '2')
		return LINE_OK;
	if (c == '1' && s->svc == SVC_FTP && s->step == 0)
		return LINE_SKIP;	/* "120 ready in n minutes": wait */
	if (s->step == 0)
		snprintf(what, sizeof(what), "%s greeting", proto);
	else
		snprintf(what, sizeof(what), "%s %s", proto,
		    dialects[s->svc].cmd[s->step - 1]);
	if (c == '4')
		return fail(s, STARTTLS_ETHROTTLED, what, line, n);
	if (s->step == 1 && (s->svc == SVC_SMTP || s->svc == SVC_LMTP))
		/* The other one's server refuses EHLO or LHLO. */
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
		    " refused (an %s server? try %s://)", s->svc == SVC_SMTP ?
		    "LMTP" : "SMTP", s->svc == SVC_SMTP ? "lmtp" : "smtp");
	else if (s->step == 0 || s->step < dialects[s->svc].steps)
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
		    " refused");
	else
		snprintf(what, sizeof(what), "server refused %s",
		    dialects[s->svc].cmd[s->step - 1]);
	return fail(s, STARTTLS_EREFUSED, what, line, n);
}

/*
 * SMTP, LMTP and FTP: "ddd-" lines go on until one that starts with the
 * code and a space; FTP allows any text between (RFC 959), and so does
 * this for SMTP, which requires the code on every line (RFC 5321).
 */
static int
code_line(struct starttls *s, const uint8_t *line, size_t n)
{
	char what[32];
	int last;

	if (s->reply_lines == 0) {
		if (!is_code(line, n)) {
			snprintf(what, sizeof(what), "not an %s reply",
			    dialects[s->svc].proto);
			return fail(s, STARTTLS_EPROTO, what, line, n);
		}
		memcpy(s->code, line, 3);
		s->code[3] = '\0';
		last = n == 3 || line[3] != '-';
	} else
		last = is_code(line, n) && (n == 3 || line[3] != '-') &&
		    (s->svc != SVC_FTP || memcmp(line, s->code, 3) == 0);
	if (!last)
		return LINE_MORE;
	return code_verdict(s, line[0], line, n);
}

/*
 * NNTP (RFC 3977, RFC 4642): one status line per reply, the 101 of
 * CAPABILITIES then a list up to a line ".".  200 and 201 greet, 400 is
 * "service not available now", 382 lets TLS begin, 502 and 580 refuse.
 */
static int
nntp_line(struct starttls *s, const uint8_t *line, size_t n)
{
	const char *what;

	if (s->multi) {
		if ((n == 2 && line[0] == '.' && line[1] == '\n') ||
		    (n == 3 && line[0] == '.' && line[1] == '\r')) {
			s->multi = 0;
			return LINE_OK;
		}
		return LINE_MORE;
	}
	if (!is_code(line, n) || (n > 3 && line[3] == '-'))
		return fail(s, STARTTLS_EPROTO, s->step == 0 ?
		    "not an NNTP greeting" : "not an NNTP reply", line, n);
	what = s->step == 0 ? "NNTP greeting" : s->step == 1 ?
	    "NNTP CAPABILITIES refused" : "server refused STARTTLS";
	if (starts(line, n, "400"))
		return fail(s, STARTTLS_ETHROTTLED, s->step == 0 ? what :
		    s->step == 1 ? "NNTP CAPABILITIES" : "NNTP STARTTLS",
		    line, n);
	if (s->step == 0 && (starts(line, n, "200") ||
	    starts(line, n, "201")))
		return LINE_OK;
	if (s->step == 1 && starts(line, n, "101")) {
		s->multi = 1;
		return LINE_MORE;
	}
	if (s->step == 2 && starts(line, n, "382"))
		return LINE_OK;
	if (s->step == 0 && !starts(line, n, "502"))
		return fail(s, STARTTLS_EPROTO, "not an NNTP greeting", line,
		    n);
	return fail(s, STARTTLS_EREFUSED, s->step == 0 ?
	    "NNTP greeting refused" : what, line, n);
}

static int
imap_line(struct starttls *s, const uint8_t *line, size_t n)
{
	if (s->step == 0) {
		if (starts(line, n, "* OK"))
			return LINE_OK;
		if (starts(line, n, "* BYE"))
			return fail(s, STARTTLS_ETHROTTLED, "IMAP greeting",
			    line, n);
		if (starts(line, n, "* PREAUTH"))
			return fail(s, STARTTLS_EREFUSED, "IMAP greeting "
			    "PREAUTH, no STARTTLS possible", line, n);
		return fail(s, STARTTLS_EPROTO, "not an IMAP greeting", line,
		    n);
	}
	if (starts(line, n, "* BYE"))
		return fail(s, STARTTLS_ETHROTTLED, "IMAP STARTTLS", line, n);
	if (starts(line, n, "*"))
		return LINE_MORE;	/* untagged data */
	if (starts(line, n, "a1 OK"))
		return LINE_OK;
	if (starts(line, n, "a1 NO") || starts(line, n, "a1 BAD"))
		return fail(s, STARTTLS_EREFUSED, "server refused STARTTLS",
		    line, n);
	return fail(s, STARTTLS_EPROTO, "not an IMAP reply", line, n);
}

static int
pop3_line(struct starttls *s, const uint8_t *line, size_t n)
{
	if (starts(line, n, "+OK"))
		return LINE_OK;
	if (starts(line, n, "-ERR"))
		return s->step == 0 ? fail(s, STARTTLS_ETHROTTLED,
		    "POP3 greeting", line, n) : fail(s, STARTTLS_EREFUSED,
		    "server refused STLS", line, n);
	return fail(s, STARTTLS_EPROTO, s->step == 0 ?
	    "not a POP3 greeting" : "not a POP3 reply", line, n);
}

/* A ManageSieve "OK", "NO" or "BYE": the word, then a space or the end. */
static int
sieve_word(const uint8_t *line, size_t n, const char *w)
{
	size_t k = strlen(w);

	return starts(line, n, w) && (n == k || line[k] == ' ' ||
	    line[k] == '\r' || line[k] == '\n' || line[k] == '(');
}

/*
 * ManageSieve (RFC 5804): the greeting is the capability list, one
 * quoted string per line, ending with OK; "STARTTLS" among them says it
 * may be asked.  STARTTLS is answered OK, NO (refused) or BYE.
 */
static int
sieve_line(struct starttls *s, const uint8_t *line, size_t n)
{
	if (sieve_word(line, n, "OK")) {
		if (s->step == 0 && !s->offered)
			return fail(s, STARTTLS_EREFUSED, "ManageSieve server "
			    "does not offer STARTTLS", line, n);
		return LINE_OK;
	}
	if (sieve_word(line, n, "BYE"))
		return fail(s, STARTTLS_ETHROTTLED, s->step == 0 ?
		    "ManageSieve greeting" : "ManageSieve STARTTLS", line, n);
	if (sieve_word(line, n, "NO"))
		return fail(s, STARTTLS_EREFUSED, s->step == 0 ?
		    "ManageSieve greeting refused" : "server refused STARTTLS",
		    line, n);
	if (s->step == 0 && n > 0 && line[0] == '"') {
		if (starts(line, n, "\"STARTTLS\""))
			s->offered = 1;
		return LINE_MORE;
	}
	return fail(s, STARTTLS_EPROTO, s->step == 0 ?
	    "not a ManageSieve greeting" : "not a ManageSieve reply", line, n);
}

/*
 * IRC: the command of a line (after any ":prefix"), into cmd (at most
 * 15 characters), and where its parameters begin.
 */
static size_t
irc_command(const uint8_t *l, size_t n, char *cmd, size_t len)
{
	size_t i = 0, k = 0;

	if (n > 0 && l[0] == ':')
		while (i < n && l[i] != ' ')
			i++;
	while (i < n && l[i] == ' ')
		i++;
	for (; i < n && l[i] > ' ' && l[i] < 0x7f; i++)
		if (k + 1 < len)
			cmd[k++] = (char)upper(l[i]);
	cmd[k] = '\0';
	while (i < n && l[i] == ' ')
		i++;
	return i;
}

/* Whether an IRC CAP LS line lists "tls" (or "tls=..."). */
static int
irc_has_tls(const uint8_t *l, size_t n, size_t p)
{
	size_t i;

	for (i = p; i + 3 <= n; i++)
		if ((l[i - 1] == ' ' || l[i - 1] == ':') &&
		    memcmp(l + i, "tls", 3) == 0 && (i + 3 == n ||
		    l[i + 3] == ' ' || l[i + 3] == '=' || l[i + 3] == '\r' ||
		    l[i + 3] == '\n'))
			return 1;
	return 0;
}

/* A numeric about the command w: "<nnn> <target> w ...". */
static int
irc_about(const uint8_t *l, size_t n, size_t p, const char *w)
{
	size_t k = strlen(w);

	while (p < n && l[p] != ' ')
		p++;
	return p + 1 + k <= n && memcmp(l + p + 1, w, k) == 0 &&
	    (p + 1 + k == n || l[p + 1 + k] == ' ');
}

/*
 * IRC (the IRCv3 tls extension): "CAP LS" and "PING :tilsyn" go first;
 * the server answers CAP LS before the PING, and one without CAP (421,
 * 451, or nothing at all: InspIRCd passes over unknown commands before
 * registration) answers only the PING.  The "tls" capability says
 * STARTTLS may be asked: 670 lets TLS begin, 691 is a failure, a 4xx or
 * 5xx numeric about STARTTLS a refusal.  NOTICEs, the PING's answer and
 * other lines on the way are passed over.
 */
static int
irc_line(struct starttls *s, const uint8_t *line, size_t n)
{
	char cmd[16];
	size_t p = irc_command(line, n, cmd, sizeof(cmd)), q;

	if (strcmp(cmd, "ERROR") == 0)
		return fail(s, STARTTLS_ETHROTTLED, s->step == 0 ?
		    "IRC CAP LS" : "IRC STARTTLS", line, n);
	if (s->step == 0) {
		if (strcmp(cmd, "CAP") == 0) {
			s->offered |= irc_has_tls(line, n, p);
			/* "CAP * LS * :..." goes on, "CAP * LS :..." ends. */
			for (q = p; q < n && line[q] != ' '; q++)
				;
			if (q + 6 < n && memcmp(line + q, " LS * ", 6) == 0)
				return LINE_MORE;
			if (!s->offered)
				return fail(s, STARTTLS_EREFUSED, "IRC server "
				    "does not offer STARTTLS (no tls "
				    "capability)", line, n);
			return LINE_OK;
		}
		if (strcmp(cmd, "PONG") == 0 || irc_about(line, n, p, "PING") ||
		    irc_about(line, n, p, "CAP"))
			return fail(s, STARTTLS_EREFUSED, "IRC server does "
			    "not offer STARTTLS (no CAP)", line, n);
		return LINE_SKIP;
	}
	if (strcmp(cmd, "670") == 0)
		return LINE_OK;
	if (strcmp(cmd, "691") == 0 || (cmd[0] >= '4' && cmd[0] <= '5' &&
	    is_code((const uint8_t *)cmd, strlen(cmd)) &&
	    irc_about(line, n, p, "STARTTLS")))
		return fail(s, STARTTLS_EREFUSED, "server refused STARTTLS",
		    line, n);
	return LINE_SKIP;
}

/* One complete line of the current reply: LINE_*, or an error. */
static int
reply_line(struct starttls *s, const uint8_t *line, size_t n)
{
	switch (s->svc) {
	case SVC_SMTP:
	case SVC_LMTP:
	case SVC_FTP:
		return code_line(s, line, n);
	case SVC_IMAP:
		return imap_line(s, line, n);
	case SVC_POP3:
		return pop3_line(s, line, n);
	case SVC_NNTP:
		return nntp_line(s, line, n);
	case SVC_SIEVE:
		return sieve_line(s, line, n);
	case SVC_IRC:
		return irc_line(s, line, n);
	default:
		return LINE_OK;
	}
}

/* A positive reply came: the next command, or TLS. */
static int
next_step(struct starttls *s, struct wbuf *out)
{
	const char *w;

	if (!starttls_needed(s->svc) || s->step >= dialects[s->svc].steps)
		return STARTTLS_READY;
	w = dialects[s->svc].wire[s->step];
	s->step++;
	if (wbuf_put_bytes(out, w, strlen(w)) != 0) {
		snprintf(s->msg, sizeof(s->msg), "cannot queue %s",
		    dialects[s->svc].cmd[s->step - 1]);
		return STARTTLS_ENOMEM;
	}
	return STARTTLS_MORE;
}

/*
 * Splits complete lines from in + s->scanned on.  A reply is consumed
 * once its last line is there; s->scanned stays relative to what the
 * caller keeps.  Stops at the first complete positive reply (*ok set)
 * or at an error.  The connection's first line (or a TLS record before
 * it) goes through the recogniser first.
 */
static int
scan_lines(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed, int *ok)
{
	size_t off, n;
	long l;
	int r;

	*consumed = 0;
	*ok = 0;
	if (s->scanned > len) {
		/* Not the bytes of the last call: start the reply over. */
		s->scanned = 0;
		s->reply_lines = 0;
	}
	if (s->lines == 0 && is_tls_record(in, len))
		return wrong(s, SP_TLS);
	off = s->scanned;
	for (;;) {
		if ((l = next_line(in + off, len - off)) < 0)
			return fail(s, STARTTLS_ELINE, "line too long",
			    in + off, 40);
		if (l == 0)
			break;
		n = (size_t)l;
		if (++s->lines > STARTTLS_MAX_LINES)
			return fail(s, STARTTLS_ELINE, "too many lines",
			    in + off, n);
		if (s->lines == 1 && (r = first_line(s, in + off, n)) < 0)
			return r;
		r = reply_line(s, in + off, n);
		off += n;
		if (r == LINE_MORE) {
			s->reply_lines++;
			continue;
		}
		if (r < 0)
			return r;
		*consumed = off;
		s->reply_lines = 0;
		if (r == LINE_OK) {
			*ok = 1;
			break;
		}
	}
	s->scanned = off - *consumed;
	return STARTTLS_MORE;
}

/* XMPP ----------------------------------------------------------------- */

#define NS_TLS	"urn:ietf:params:xml:ns:xmpp-tls"

/* One tag of the server's stream, pointing into its bytes. */
struct xtag {
	int		 kind;		/* XT_OPEN, XT_CLOSE or XT_EMPTY */
	const uint8_t	*name;		/* the qualified name */
	size_t		 nlen;
	const uint8_t	*attrs;		/* after the name, up to '>' or "/>" */
	size_t		 alen;
};
#define XT_OPEN		1
#define XT_CLOSE	2
#define XT_EMPTY	3

static int
xml_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
xml_namechar(uint8_t c)
{
	return isalnum(c) || c == ':' || c == '-' || c == '_' || c == '.' ||
	    c >= 0x80;
}

/* Whether the tag's local name (after any prefix) is w. */
static int
local_is(const struct xtag *t, const char *w)
{
	size_t i, k = strlen(w);

	for (i = t->nlen; i > 0 && t->name[i - 1] != ':'; i--)
		;
	return t->nlen - i == k && memcmp(t->name + i, w, k) == 0;
}

/*
 * The value of attribute name (exact) into val (truncated), 1 if there,
 * 0 if not, -1 if the attributes are not well-formed.  With name NULL:
 * the number of attributes, or -1.
 */
static int
xml_attr(const struct xtag *t, const char *name, char *val, size_t len)
{
	const uint8_t *a = t->attrs, *nm, *v;
	size_t i = 0, n = t->alen, nl, vl, k;
	uint8_t q;
	int found = 0;

	for (;;) {
		while (i < n && xml_space(a[i]))
			i++;
		if (i == n)
			return found;
		nm = a + i;
		while (i < n && xml_namechar(a[i]))
			i++;
		if ((nl = (size_t)(a + i - nm)) == 0)
			return -1;
		while (i < n && xml_space(a[i]))
			i++;
		if (i == n || a[i++] != '=')
			return -1;
		while (i < n && xml_space(a[i]))
			i++;
		if (i == n || (a[i] != '\'' && a[i] != '"'))
			return -1;
		q = a[i++];
		v = a + i;
		while (i < n && a[i] != q) {
			if (a[i] == '<')
				return -1;
			i++;
		}
		if (i == n)
			return -1;
		vl = (size_t)(a + i - v);
		i++;
		if (name == NULL)
			found++;
		else if (!found && nl == strlen(name) &&
		    memcmp(nm, name, nl) == 0) {
			k = vl < len - 1 ? vl : len - 1;
			memcpy(val, v, k);
			val[k] = '\0';
			found = 1;
		}
	}
}

/* Whether the tag is in namespace ns: its xmlns, or its prefix's. */
static int
in_ns(const struct xtag *t, const char *ns)
{
	char a[80], v[64];
	size_t i;

	for (i = 0; i < t->nlen && t->name[i] != ':'; i++)
		;
	if (i == t->nlen)
		snprintf(a, sizeof(a), "xmlns");
	else
		snprintf(a, sizeof(a), "xmlns:%.*s", (int)(i < 60 ? i : 60),
		    (const char *)t->name);
	return xml_attr(t, a, v, sizeof(v)) == 1 && strcmp(v, ns) == 0;
}

/*
 * The next tag at in[0] == '<': its length (through '>'), 0 when it is
 * not all there yet, or an error.  Quotes are honoured, so a '>' in an
 * attribute does not end it.
 */
static long
xml_tag(struct starttls *s, const uint8_t *in, size_t len, struct xtag *t)
{
	size_t i, end, max = len < STARTTLS_MAX_LINE ? len : STARTTLS_MAX_LINE;
	uint8_t q = 0;
	int r;

	for (end = 1; end < max; end++) {
		if (q != 0) {
			if (in[end] == q)
				q = 0;
		} else if (in[end] == '\'' || in[end] == '"')
			q = in[end];
		else if (in[end] == '>')
			break;
	}
	if (end == max)
		return len >= STARTTLS_MAX_LINE ? fail(s, STARTTLS_ELINE,
		    "XML tag too long", in, 40) : 0;
	if (len >= 2 && (in[1] == '!'))
		return fail(s, STARTTLS_EPROTO, "XMPP stream with a comment, "
		    "DTD or CDATA, which RFC 6120 forbids", in, end + 1);
	memset(t, 0, sizeof(*t));
	i = 1;
	t->kind = XT_OPEN;
	if (in[1] == '?') {
		t->kind = 0;	/* the XML declaration */
		return in[end - 1] == '?' ? (long)(end + 1) : fail(s,
		    STARTTLS_EPROTO, "malformed XML in the XMPP stream", in,
		    end + 1);
	}
	if (in[1] == '/') {
		t->kind = XT_CLOSE;
		i = 2;
	}
	t->name = in + i;
	while (i < end && xml_namechar(in[i]))
		i++;
	t->nlen = (size_t)(in + i - t->name);
	t->attrs = in + i;
	t->alen = end - i;
	if (t->kind == XT_OPEN && end > i && in[end - 1] == '/') {
		t->kind = XT_EMPTY;
		t->alen--;
	}
	if (t->nlen == 0 || (t->alen > 0 && !xml_space(t->attrs[0])) ||
	    (r = xml_attr(t, NULL, NULL, 0)) < 0 ||
	    (t->kind == XT_CLOSE && r != 0))
		return fail(s, STARTTLS_EPROTO, "malformed XML in the XMPP "
		    "stream", in, end + 1);
	return (long)(end + 1);
}

/* The stream's conditions that mean "not now". */
static int
xmpp_pushback(const char *cond)
{
	return strcmp(cond, "resource-constraint") == 0 ||
	    strcmp(cond, "connection-timeout") == 0 ||
	    strcmp(cond, "system-shutdown") == 0 ||
	    strcmp(cond, "policy-violation") == 0;
}

/*
 * One tag of the server's stream: STARTTLS_MORE, STARTTLS_READY (for
 * <proceed/>), an error, or XMPP_FEATURES when the features are complete
 * (the caller sends <starttls/>).
 */
#define XMPP_FEATURES	2
static int
xmpp_tag(struct starttls *s, const struct xtag *t, const uint8_t *raw,
    size_t rlen)
{
	char v[64];
	const char *ns = s->svc == SVC_XMPP ? "jabber:client" :
	    "jabber:server";
	int r;

	if (t->kind == 0) {
		if (s->depth > 0 || s->tags > 1)
			return fail(s, STARTTLS_EPROTO, "XML declaration "
			    "inside the XMPP stream", raw, rlen);
		return STARTTLS_MORE;
	}
	if (s->depth == 0) {
		if (t->kind != XT_OPEN || !local_is(t, "stream")) {
			if ((r = first_line(s, raw, rlen)) < 0)
				return r;
			return fail(s, STARTTLS_EPROTO, "not an XMPP stream",
			    raw, rlen);
		}
		if (xml_attr(t, "xmlns", v, sizeof(v)) == 1 &&
		    strcmp(v, ns) != 0) {
			snprintf(s->msg, sizeof(s->msg), "the server's stream "
			    "is %s, not %s (try %s://)", v, ns,
			    strcmp(v, "jabber:server") == 0 ? "xmpp-server" :
			    "xmpp");
			return STARTTLS_EPROTO;
		}
		s->depth = 1;
		return STARTTLS_MORE;
	}
	if (t->kind == XT_CLOSE) {
		if (--s->depth == 0)
			return fail(s, STARTTLS_EREFUSED, "server closed the "
			    "XMPP stream", raw, rlen);
		if (s->depth > 1)
			return STARTTLS_MORE;
		/* An element of the stream is complete. */
	} else if (s->depth == 1) {
		snprintf(s->top, sizeof(s->top), "%.*s", (int)(t->nlen < 15 ?
		    t->nlen : 15), (const char *)t->name);
		if (s->step == 1 && t->kind == XT_EMPTY &&
		    local_is(t, "proceed") && in_ns(t, NS_TLS))
			return STARTTLS_READY;
		if (s->step == 1 && local_is(t, "failure"))
			return fail(s, STARTTLS_EREFUSED, "server refused "
			    "STARTTLS", raw, rlen);
		if (t->kind == XT_OPEN) {
			s->depth++;
			return STARTTLS_MORE;
		}
	} else {
		if (s->depth == 2 && local_is(t, "starttls") && in_ns(t,
		    NS_TLS) && strstr(s->top, "features") != NULL)
			s->offered = 1;
		if (s->depth == 2 && s->cond[0] == '\0' && strstr(s->top,
		    "error") != NULL && !local_is(t, "text"))
			snprintf(s->cond, sizeof(s->cond), "%.*s",
			    (int)(t->nlen < 31 ? t->nlen : 31),
			    (const char *)t->name);
		if (t->kind == XT_OPEN && ++s->depth > STARTTLS_MAX_DEPTH)
			return fail(s, STARTTLS_ELINE, "XML nested too deep",
			    raw, rlen);
		return STARTTLS_MORE;
	}
	/* A child of the stream ended (or was empty): s->top. */
	if (strstr(s->top, "error") != NULL) {
		snprintf(s->msg, sizeof(s->msg), "XMPP stream error: %s",
		    s->cond[0] != '\0' ? s->cond : "(no condition)");
		return xmpp_pushback(s->cond) ? STARTTLS_ETHROTTLED :
		    STARTTLS_EREFUSED;
	}
	if (s->step == 0 && strstr(s->top, "features") != NULL) {
		if (!s->offered) {
			snprintf(s->msg, sizeof(s->msg), "XMPP server does "
			    "not offer STARTTLS");
			return STARTTLS_EREFUSED;
		}
		return XMPP_FEATURES;
	}
	if (s->step == 1 && strstr(s->top, "proceed") != NULL)
		return STARTTLS_READY;
	return STARTTLS_MORE;
}

/*
 * XMPP: the server's stream, tag by tag, consumed as it goes.  What is
 * not a tag between tags is text, passed over, but before the stream
 * header the first line goes through the recogniser.
 */
static int
xmpp_input(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed, struct wbuf *out, int eof)
{
	struct xtag t;
	size_t off = 0, i;
	long l;
	int r;

	*consumed = 0;
	if (s->tags == 0 && s->depth == 0) {
		if (is_tls_record(in, len))
			return wrong(s, SP_TLS);
		for (i = 0; i < len && xml_space(in[i]); i++)
			;
		if (i < len && in[i] != '<') {
			/* Not XML: a line of another protocol? */
			if ((l = next_line(in, len)) == 0 && !eof)
				return STARTTLS_MORE;
			i = l > 0 ? (size_t)l : len < STARTTLS_MAX_LINE ? len :
			    STARTTLS_MAX_LINE;
			if ((r = first_line(s, in, i)) < 0)
				return r;
			return fail(s, STARTTLS_EPROTO, "not an XMPP stream",
			    in, i);
		}
		/* Markup, but maybe HTML ("<!DOCTYPE html>"). */
		if (i < len && (r = first_line(s, in + i, len - i)) < 0)
			return r;
	}
	while (off < len) {
		if (in[off] != '<') {
			if (s->depth == 0 && !xml_space(in[off]))
				return fail(s, STARTTLS_EPROTO, "text outside "
				    "the XMPP stream", in + off, len - off);
			off++;
			continue;
		}
		if ((l = xml_tag(s, in + off, len - off, &t)) < 0)
			return (int)l;
		if (l == 0)
			break;
		if (++s->tags > STARTTLS_MAX_LINES)
			return fail(s, STARTTLS_ELINE, "too many XML tags",
			    in + off, (size_t)l);
		s->lines = s->tags;	/* the server spoke */
		r = xmpp_tag(s, &t, in + off, (size_t)l);
		off += (size_t)l;
		if (r < 0 || r == STARTTLS_READY) {
			s->xml_bytes += off;
			*consumed = off;
			return r;
		}
		if (r == XMPP_FEATURES) {
			s->step = 1;
			s->depth = 1;
			if (wbuf_put_bytes(out, dialects[s->svc].wire[0],
			    strlen(dialects[s->svc].wire[0])) != 0) {
				snprintf(s->msg, sizeof(s->msg), "cannot "
				    "queue STARTTLS");
				return STARTTLS_ENOMEM;
			}
		}
	}
	s->xml_bytes += off;
	*consumed = off;
	if (s->xml_bytes + (len - off) > STARTTLS_MAX_XML)
		return fail(s, STARTTLS_ELINE, "XMPP stream too long before "
		    "TLS", in + off, len - off);
	return STARTTLS_MORE;
}

/*
 * The binary preambles' first bytes: another protocol's greeting or
 * banner is named ("the server speaks SSH, not PostgreSQL"); a TLS
 * record, and what tells nothing, are starttls_bin.c's to judge.
 */
static int
bin_first(struct starttls *s, const uint8_t *in, size_t len)
{
	enum starttls_proto seen, sp = s->svc == SVC_MYSQL ? SP_MYSQL :
	    SP_UNKNOWN;
	long l = next_line(in, len);
	size_t n = l > 0 ? (size_t)l : len < STARTTLS_MAX_LINE ? len :
	    STARTTLS_MAX_LINE;

	if (len == 0 || (seen = starttls_recognise(in, n)) == SP_UNKNOWN ||
	    seen == sp || seen == SP_TLS)
		return 0;
	snprintf(s->msg, sizeof(s->msg), "the server speaks %s, not %s",
	    starttls_proto_name(seen), s->svc == SVC_LDAP ? "LDAP" :
	    s->svc == SVC_POSTGRES ? "PostgreSQL" : "MySQL");
	return STARTTLS_EPROTO;
}

int
starttls_input(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed, struct wbuf *out)
{
	int r, ok;

	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(s->svc)) {
		*consumed = 0;
		if (!s->heard && (r = bin_first(s, in, len)) < 0)
			return r;
		r = starttls_bin_input(s, in, len, consumed, out);
		s->heard |= *consumed > 0;
		return r;
	}
	if (is_xmpp(s->svc))
		return xmpp_input(s, in, len, consumed, out, 0);
	if ((r = scan_lines(s, in, len, consumed, &ok)) != STARTTLS_MORE)
		return r;
	return ok ? next_step(s, out) : STARTTLS_MORE;
}

/* A close before any answer to what the client said first. */
#define TLS_HINT	" (a server that speaks TLS at once closes on " \
	"plaintext: try tls://)"

/* XMPP: the server closed the stream's connection. */
static int
xmpp_eof(struct starttls *s, const uint8_t *in, size_t len)
{
	struct wbuf none;
	size_t consumed;
	int r;

	wbuf_init(&none, 256);
	r = xmpp_input(s, in, len, &consumed, &none, 1);
	wbuf_release(&none);
	if (r < 0)
		return r;
	snprintf(s->msg, sizeof(s->msg), "connection closed before the %s%s",
	    starttls_waiting(s), s->xml_bytes == 0 && len == 0 ? TLS_HINT :
	    "");
	return STARTTLS_ETHROTTLED;
}

int
starttls_eof(struct starttls *s, const uint8_t *in, size_t len)
{
	size_t consumed, rest, n;
	int r, ok;
	char what[40];

	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(s->svc)) {
		if (!s->heard && (r = bin_first(s, in, len)) < 0)
			return r;
		return starttls_bin_eof(s, in, len);
	}
	if (is_xmpp(s->svc))
		return xmpp_eof(s, in, len);
	if ((r = scan_lines(s, in, len, &consumed, &ok)) != STARTTLS_MORE)
		return r;
	if (ok) {
		snprintf(s->msg, sizeof(s->msg), "connection closed after "
		    "the %s", starttls_waiting(s));
		return STARTTLS_ETHROTTLED;
	}
	/* A last line without its end may still say why ("421 ..."). */
	rest = len - consumed - s->scanned;
	n = rest < STARTTLS_MAX_LINE ? rest : STARTTLS_MAX_LINE;
	if (n > 0) {
		if (s->lines == 0 && (r = first_line(s, in + consumed +
		    s->scanned, n)) < 0)
			return r;
		r = reply_line(s, in + consumed + s->scanned, n);
		if (r < 0)
			return r;
	}
	snprintf(what, sizeof(what), "%s", starttls_waiting(s));
	if (s->reply_lines > 0 || n > 0)
		snprintf(s->msg, sizeof(s->msg), "connection closed before "
		    "the end of the %s", what);
	else
		snprintf(s->msg, sizeof(s->msg), "connection closed before "
		    "the %s%s", what, s->lines == 0 &&
		    dialects[s->svc].first != NULL ? TLS_HINT : "");
	return STARTTLS_ETHROTTLED;
}
