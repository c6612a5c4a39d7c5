/*
 * starttls.c: see starttls.h.  Splits the server's bytes into lines, at
 * most STARTTLS_MAX_LINE each, and judges a reply by its last line.  A
 * 4xx (or a "* BYE" / "-ERR" greeting) is the server pushing back for
 * now, not an answer about TLS: it is told apart from a 5xx so that the
 * caller can ask again instead of counting a refused suite.  Trusts
 * nothing the server sends: every line is bounded, every message shows
 * only printable ASCII of it.
 */
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
} dialects[] = {
	[SVC_SMTP] = { "SMTP", { "EHLO", "STARTTLS" },
	    { "EHLO tilsyn.invalid\r\n", "STARTTLS\r\n" }, 2 },
	[SVC_IMAP] = { "IMAP", { "STARTTLS", NULL },
	    { "a1 STARTTLS\r\n", NULL }, 1 },
	[SVC_POP3] = { "POP3", { "STLS", NULL }, { "STLS\r\n", NULL }, 1 },
	[SVC_FTP] = { "FTP", { "AUTH TLS", NULL }, { "AUTH TLS\r\n", NULL },
	    1 },
};

static const char *const waiting[][3] = {
	[SVC_SMTP] = { "SMTP greeting", "answer to EHLO",
	    "answer to STARTTLS" },
	[SVC_IMAP] = { "IMAP greeting", "answer to STARTTLS", NULL },
	[SVC_POP3] = { "POP3 greeting", "answer to STLS", NULL },
	[SVC_FTP] = { "FTP greeting", "answer to AUTH TLS", NULL },
};

int
starttls_needed(enum service svc)
{
	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(svc))
		return 1;
	return svc == SVC_SMTP || svc == SVC_IMAP || svc == SVC_POP3 ||
	    svc == SVC_FTP;
}

void
starttls_init(struct starttls *s, enum service svc)
{
	memset(s, 0, sizeof(*s));
	s->svc = svc;
}

int
starttls_start(struct starttls *s, const char *domain, struct wbuf *out)
{
	(void)domain;
	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(s->svc))
		return starttls_bin_start(s, out);
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
	    waiting[s->svc][s->step] == NULL)
		return "TLS";
	return waiting[s->svc][s->step];
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
		snprintf(buf, len, "read timed out: no %s within %s",
		    starttls_waiting(s), t);
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

/* The verdict of a reply whose first digit is c (SMTP and FTP). */
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
	if (s->step == 0 || s->step < dialects[s->svc].steps)
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
		    " refused");
	else
		snprintf(what, sizeof(what), "server refused %s",
		    dialects[s->svc].cmd[s->step - 1]);
	return fail(s, STARTTLS_EREFUSED, what, line, n);
}

/*
 * SMTP and FTP: "ddd-" lines go on until one that starts with the code
 * and a space; FTP allows any text between (RFC 959), and so does this
 * for SMTP, which requires the code on every line (RFC 5321).
 */
static int
code_line(struct starttls *s, const uint8_t *line, size_t n)
{
	int last;

	if (s->reply_lines == 0) {
		if (!is_code(line, n))
			return fail(s, STARTTLS_EPROTO, s->svc == SVC_SMTP ?
			    "not an SMTP reply" : "not an FTP reply", line, n);
		memcpy(s->code, line, 3);
		s->code[3] = '\0';
		last = n == 3 || line[3] != '-';
	} else
		last = is_code(line, n) && (n == 3 || line[3] != '-') &&
		    (s->svc == SVC_SMTP || memcmp(line, s->code, 3) == 0);
	if (!last)
		return LINE_MORE;
	return code_verdict(s, line[0], line, n);
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

/* One complete line of the current reply: LINE_*, or an error. */
static int
reply_line(struct starttls *s, const uint8_t *line, size_t n)
{
	switch (s->svc) {
	case SVC_SMTP:
	case SVC_FTP:
		return code_line(s, line, n);
	case SVC_IMAP:
		return imap_line(s, line, n);
	case SVC_POP3:
		return pop3_line(s, line, n);
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
 * or at an error.
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

int
starttls_input(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed, struct wbuf *out)
{
	int r, ok;

	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(s->svc))
		return starttls_bin_input(s, in, len, consumed, out);
	if ((r = scan_lines(s, in, len, consumed, &ok)) != STARTTLS_MORE)
		return r;
	return ok ? next_step(s, out) : STARTTLS_MORE;
}

int
starttls_eof(struct starttls *s, const uint8_t *in, size_t len)
{
	size_t consumed, rest, n;
	int r, ok;
	char what[96];

	/* binary preambles: starttls_bin.c */
	if (starttls_bin_needed(s->svc))
		return starttls_bin_eof(s, in, len);
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
		    "the %s", what);
	return STARTTLS_ETHROTTLED;
}
