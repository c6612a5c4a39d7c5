/*
 * http.c: the head of an HTTP/1.x response, parsed with no I/O (see
 * http.h).  The input is hostile: every index stays below the length
 * handed in (and below HTTP_MAX_BYTES), every kept value below
 * HTTP_VALUE_MAX, and the header count below HTTP_MAX_LINES, so a server
 * that sends a megabyte of headers costs a bounded amount of work.
 * Field names compare case-insensitively (RFC 9110, section 5.1); a
 * field that comes twice is joined with ", " (section 5.3), except that
 * HSTS is read from its first field alone (RFC 6797, section 8.1); an
 * obsolete line fold is replaced by one space (RFC 9112, section 5.2).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "scanner/http.h"

static const char *const header_names[HTTP_H_COUNT] = {
	[HTTP_H_HSTS] = "Strict-Transport-Security",
	[HTTP_H_XCTO] = "X-Content-Type-Options",
	[HTTP_H_XFO] = "X-Frame-Options",
	[HTTP_H_CSP] = "Content-Security-Policy",
	[HTTP_H_REFERRER] = "Referrer-Policy",
	[HTTP_H_PERMISSIONS] = "Permissions-Policy",
	[HTTP_H_SERVER] = "Server",
	[HTTP_H_LOCATION] = "Location",
};

const char *
http_header_name(enum http_header h)
{
	return (unsigned)h < HTTP_H_COUNT ? header_names[h] : "?";
}

const char *
http_errstr(int r)
{
	switch (r) {
	case HTTP_OK:
		return "complete";
	case HTTP_MORE:
		return "header block incomplete";
	case HTTP_ETOOBIG:
		return "header block too large";
	case HTTP_EBADSTATUS:
		return "not an HTTP/1.x status line";
	default:
		return "unknown error";
	}
}

static int
is_ows(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/* RFC 9110 tchar. */
static int
is_tchar(uint8_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* Appends n bytes to a kept value, printable ASCII only; notes a cut. */
static void
value_add(char *v, int *cut, const uint8_t *s, size_t n)
{
	size_t k = strlen(v), i;

	for (i = 0; i < n; i++) {
		if (k + 1 >= HTTP_VALUE_MAX) {
			*cut = 1;
			break;
		}
		v[k++] = s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '?';
	}
	v[k] = '\0';
}

/* Strips optional white space from both ends of [*s, *s + *n). */
static void
trim(const uint8_t **s, size_t *n)
{
	while (*n > 0 && is_ows(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_ows((*s)[*n - 1]))
		(*n)--;
}

/* "HTTP/1.x NNN[ reason]": 0, or -1. */
static int
status_line(const uint8_t *s, size_t n, struct http_head *h)
{
	if (n < 12 || memcmp(s, "HTTP/1.", 7) != 0 || s[7] < '0' ||
	    s[7] > '9' || s[8] != ' ' || s[9] < '1' || s[9] > '9' ||
	    s[10] < '0' || s[10] > '9' || s[11] < '0' || s[11] > '9' ||
	    (n > 12 && s[12] != ' '))
		return -1;
	h->minor = s[7] - '0';
	h->status = (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
	return 0;
}

/* Whether the first n bytes could still start a status line. */
static int
status_prefix(const uint8_t *s, size_t n)
{
	static const char pre[] = "HTTP/1.";

	return memcmp(s, pre, n < 7 ? n : 7) == 0;
}

/* One directive's value of HSTS: delta-seconds, maybe quoted. */
static int
hsts_seconds(const char *v, size_t n, int64_t *out)
{
	int64_t x = 0;
	size_t i;

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		/* Past 10^15 s (31 million years) it is just "large". */
		if (x < 1000000000000000LL)
			x = x * 10 + (v[i] - '0');
	}
	*out = x;
	return 0;
}

int
http_hsts_parse(const char *value, struct http_hsts *out)
{
	const char *p = value, *name, *eq, *end, *val;
	size_t nlen, vlen;
	int seen_age = 0;

	memset(out, 0, sizeof(*out));
	out->max_age = -1;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		name = p;
		for (eq = name; eq < end && *eq != '='; eq++)
			;
		nlen = (size_t)(eq - name);
		while (nlen > 0 && (name[nlen - 1] == ' ' ||
		    name[nlen - 1] == '\t'))
			nlen--;
		val = eq < end ? eq + 1 : end;
		while (val < end && (*val == ' ' || *val == '\t'))
			val++;
		vlen = (size_t)(end - val);
		while (vlen > 0 && (val[vlen - 1] == ' ' ||
		    val[vlen - 1] == '\t'))
			vlen--;
		if (nlen == 0 && eq < end) {
			snprintf(out->error, sizeof(out->error),
			    "a directive without a name");
			goto bad;
		}
		if (nlen == 7 && strncasecmp(name, "max-age", 7) == 0) {
			if (seen_age++) {
				snprintf(out->error, sizeof(out->error),
				    "max-age given twice");
				goto bad;
			}
			if (eq == end || hsts_seconds(val, vlen,
			    &out->max_age) == -1) {
				snprintf(out->error, sizeof(out->error),
				    "max-age is not a number of seconds");
				goto bad;
			}
		} else if (nlen == 17 &&
		    strncasecmp(name, "includeSubDomains", 17) == 0) {
			if (out->include_subdomains++) {
				snprintf(out->error, sizeof(out->error),
				    "includeSubDomains given twice");
				goto bad;
			}
		} else if (nlen == 7 && strncasecmp(name, "preload", 7) == 0) {
			if (out->preload++) {
				snprintf(out->error, sizeof(out->error),
				    "preload given twice");
				goto bad;
			}
		}
		/* Other directives are ignored (section 6.1, point 2). */
		p = *end == ';' ? end + 1 : end;
	}
	if (!seen_age) {
		snprintf(out->error, sizeof(out->error), "no max-age");
		goto bad;
	}
	out->valid = 1;
	return 0;
bad:
	out->valid = 0;
	out->max_age = -1;
	out->include_subdomains = out->preload = 0;
	return -1;
}

/* The frame-ancestors directive of a policy list (';' and ','). */
static void
frame_ancestors(struct http_head *h)
{
	const char *p = h->value[HTTP_H_CSP], *end, *q;
	size_t n;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		for (end = p; *end != '\0' && *end != ';' && *end != ','; end++)
			;
		for (q = p; q < end && *q != ' ' && *q != '\t'; q++)
			;
		if ((size_t)(q - p) == 15 &&
		    strncasecmp(p, "frame-ancestors", 15) == 0) {
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			n = (size_t)(end - q);
			while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t'))
				n--;
			h->frame_ancestors = 1;
			memcpy(h->frame_ancestors_value, q, n);
			h->frame_ancestors_value[n] = '\0';
			return;
		}
		p = *end != '\0' ? end + 1 : end;
	}
}

int
http_parse(const uint8_t *buf, size_t len, struct http_head *h)
{
	const uint8_t *s, *nl, *colon;
	size_t off = 0, n, k, first_hsts = 0;
	int last = -1, i, hsts_cut = 0;

	memset(h, 0, sizeof(*h));
	if (len > HTTP_MAX_BYTES)
		len = HTTP_MAX_BYTES;
	if (len > 0 && !status_prefix(buf, len))
		return HTTP_EBADSTATUS;
	for (;;) {
		if (off >= len || (nl = memchr(buf + off, '\n',
		    len - off)) == NULL)
			return len >= HTTP_MAX_BYTES ? HTTP_ETOOBIG :
			    HTTP_MORE;
		s = buf + off;
		n = (size_t)(nl - s);
		off += n + 1;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (h->lines == 0) {
			h->lines++;
			if (status_line(s, n, h) == -1)
				return HTTP_EBADSTATUS;
			continue;
		}
		if (n == 0)
			break;		/* the blank line: the head ends */
		if (++h->lines > HTTP_MAX_LINES)
			return HTTP_ETOOBIG;
		if (is_ows(s[0])) {
			/* obs-fold: continues the field before. */
			trim(&s, &n);
			if (last >= 0 && n > 0) {
				value_add(h->value[last], &h->cut[last],
				    (const uint8_t *)" ", 1);
				value_add(h->value[last], &h->cut[last], s, n);
			}
			if (last == HTTP_H_HSTS && h->count[last] == 1)
				first_hsts = strlen(h->value[last]);
			continue;
		}
		last = -1;
		if ((colon = memchr(s, ':', n)) == NULL || colon == s) {
			h->bad_lines++;
			continue;
		}
		for (k = 0; s + k < colon && is_tchar(s[k]); k++)
			;
		if (s + k != colon) {
			h->bad_lines++;	/* white space before the colon */
			continue;
		}
		for (i = 0; i < HTTP_H_COUNT; i++)
			if (strlen(header_names[i]) == k &&
			    strncasecmp((const char *)s, header_names[i],
			    k) == 0)
				break;
		if (i == HTTP_H_COUNT)
			continue;
		last = i;
		n -= k + 1;
		s = colon + 1;
		trim(&s, &n);
		if (h->count[i]++ > 0)
			value_add(h->value[i], &h->cut[i],
			    (const uint8_t *)", ", 2);
		value_add(h->value[i], &h->cut[i], s, n);
		if (i == HTTP_H_HSTS && h->count[i] == 1) {
			first_hsts = strlen(h->value[i]);
			hsts_cut = h->cut[i];
		}
	}
	h->length = off;
	if (h->count[HTTP_H_HSTS] > 0) {
		char first[HTTP_VALUE_MAX];

		memcpy(first, h->value[HTTP_H_HSTS], first_hsts);
		first[first_hsts] = '\0';
		if (http_hsts_parse(first, &h->hsts) == 0 && hsts_cut) {
			h->hsts.valid = 0;
			h->hsts.max_age = -1;
			h->hsts.include_subdomains = h->hsts.preload = 0;
			snprintf(h->hsts.error, sizeof(h->hsts.error),
			    "longer than %d bytes", HTTP_VALUE_MAX - 1);
		}
	}
	if (h->count[HTTP_H_CSP] > 0)
		frame_ancestors(h);
	return HTTP_OK;
}
