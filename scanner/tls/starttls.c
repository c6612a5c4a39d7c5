/*
 * starttls.c: see starttls.h.  Reads the server's reply lines through a
 * bounded cursor; a reply is complete at its last line (SMTP/FTP "ddd "
 * rather than "ddd-", IMAP the tagged line, POP3 the first line).
 */
#include <stdio.h>
#include <string.h>

#include "scanner/tls/starttls.h"

int
starttls_needed(enum service svc)
{
	return svc == SVC_SMTP || svc == SVC_IMAP || svc == SVC_POP3 ||
	    svc == SVC_FTP;
}

void
starttls_init(struct starttls *s, enum service svc)
{
	memset(s, 0, sizeof(*s));
	s->svc = svc;
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

static int
fail(struct starttls *s, int code, const char *what, const uint8_t *line,
    size_t n)
{
	size_t i, k = 0;
	char shown[64];

	for (i = 0; i < n && k + 1 < sizeof(shown); i++)
		if (line[i] >= 0x20 && line[i] < 0x7f)
			shown[k++] = (char)line[i];
	shown[k] = '\0';
	snprintf(s->msg, sizeof(s->msg), "%s: '%s'", what, shown);
	return code;
}

/*
 * Steps: 0 greeting, 1 reply to the first command, 2 reply to the second
 * (SMTP only: EHLO then STARTTLS).
 */
int
starttls_input(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed, struct wbuf *out)
{
	const uint8_t *line;
	size_t off = 0, n;
	long l;
	int last;

	*consumed = 0;
	for (;;) {
		if ((l = next_line(in + off, len - off)) < 0)
			return fail(s, STARTTLS_ELINE, "line too long",
			    in + off, 40);
		if (l == 0)
			return STARTTLS_MORE;
		line = in + off;
		n = (size_t)l;
		off += n;
		*consumed = off;
		if (++s->lines > STARTTLS_MAX_LINES)
			return fail(s, STARTTLS_ELINE, "too many lines", line,
			    n);
		switch (s->svc) {
		case SVC_SMTP:
		case SVC_FTP:
			if (n < 4 || line[0] < '1' || line[0] > '5')
				return fail(s, STARTTLS_EPROTO,
				    "not an SMTP/FTP reply", line, n);
			last = line[3] != '-';
			if (!last)
				continue;
			if (s->step == 0) {
				if (line[0] != '2')
					return fail(s, STARTTLS_EREFUSED,
					    "greeting refused", line, n);
				(void)wbuf_put_bytes(out, s->svc == SVC_SMTP ?
				    "EHLO tilsyn.invalid\r\n" : "AUTH TLS\r\n",
				    s->svc == SVC_SMTP ? 21 : 10);
				s->step = 1;
				return STARTTLS_MORE;
			}
			if (s->svc == SVC_SMTP && s->step == 1) {
				if (line[0] != '2')
					return fail(s, STARTTLS_EREFUSED,
					    "EHLO refused", line, n);
				(void)wbuf_put_bytes(out, "STARTTLS\r\n", 10);
				s->step = 2;
				return STARTTLS_MORE;
			}
			if (line[0] != '2')
				return fail(s, STARTTLS_EREFUSED,
				    "STARTTLS refused", line, n);
			return STARTTLS_READY;
		case SVC_IMAP:
			if (s->step == 0) {
				if (n < 4 || memcmp(line, "* OK", 4) != 0)
					return fail(s, STARTTLS_EPROTO,
					    "not an IMAP greeting", line, n);
				(void)wbuf_put_bytes(out, "a1 STARTTLS\r\n", 13);
				s->step = 1;
				return STARTTLS_MORE;
			}
			if (n >= 1 && line[0] == '*')
				continue;	/* untagged data */
			if (n < 5 || memcmp(line, "a1 OK", 5) != 0)
				return fail(s, STARTTLS_EREFUSED,
				    "STARTTLS refused", line, n);
			return STARTTLS_READY;
		case SVC_POP3:
			if (n < 3 || memcmp(line, "+OK", 3) != 0)
				return fail(s, s->step == 0 ? STARTTLS_EPROTO :
				    STARTTLS_EREFUSED, s->step == 0 ?
				    "not a POP3 greeting" : "STLS refused",
				    line, n);
			if (s->step == 0) {
				(void)wbuf_put_bytes(out, "STLS\r\n", 6);
				s->step = 1;
				return STARTTLS_MORE;
			}
			return STARTTLS_READY;
		default:
			return STARTTLS_READY;
		}
	}
}
