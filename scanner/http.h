/*
 * http.h: the head of an HTTP/1.x response (status line and header
 * block) as a hostile server sends it, parsed with no I/O.  Only what the
 * scanner reports is kept: the status, the security headers
 * (Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options,
 * Content-Security-Policy, Referrer-Policy, Permissions-Policy), Server
 * and Location.  Values are cut at HTTP_VALUE_MAX bytes and made
 * printable ASCII; nothing else of the server's is trusted.
 */
#ifndef TILSYN_HTTP_H
#define TILSYN_HTTP_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_BYTES	(64 * 1024)	/* a header block, at most */
#define HTTP_MAX_LINES	200		/* header lines, status line too */
#define HTTP_VALUE_MAX	256		/* a kept value, NUL included */

/* http_parse() results. */
#define HTTP_OK		0	/* the whole head was parsed */
#define HTTP_MORE	1	/* no blank line yet: read more */
#define HTTP_ETOOBIG	(-1)	/* past HTTP_MAX_BYTES or HTTP_MAX_LINES */
#define HTTP_EBADSTATUS	(-2)	/* not "HTTP/1.x NNN" */

/* The headers kept, in report order. */
enum http_header {
	HTTP_H_HSTS,		/* Strict-Transport-Security */
	HTTP_H_XCTO,		/* X-Content-Type-Options */
	HTTP_H_XFO,		/* X-Frame-Options */
	HTTP_H_CSP,		/* Content-Security-Policy */
	HTTP_H_REFERRER,	/* Referrer-Policy */
	HTTP_H_PERMISSIONS,	/* Permissions-Policy */
	HTTP_H_SERVER,		/* Server */
	HTTP_H_LOCATION,	/* Location */
	HTTP_H_COUNT
};

/* Strict-Transport-Security as RFC 6797, section 6.1 reads it. */
struct http_hsts {
	int	 valid;			/* the first header parsed */
	int64_t	 max_age;		/* seconds; -1 when not valid */
	int	 include_subdomains;
	int	 preload;
	char	 error[80];		/* why not valid, "" when valid */
};

struct http_head {
	int	 status;		/* 100..999 */
	int	 minor;			/* HTTP/1.minor */
	size_t	 length;		/* bytes of the head, blank line too */
	size_t	 lines;			/* header lines seen */
	size_t	 bad_lines;		/* without a name and colon: skipped */
	/* Per header: how often it came (0 absent), its value (repeats
	   joined with ", ", folded lines with a space) and whether that
	   was cut at HTTP_VALUE_MAX. */
	unsigned count[HTTP_H_COUNT];
	char	 value[HTTP_H_COUNT][HTTP_VALUE_MAX];
	int	 cut[HTTP_H_COUNT];
	struct http_hsts hsts;		/* meaningful when count[HSTS] */
	/* CSP's frame-ancestors directive: its sources, when present. */
	int	 frame_ancestors;
	char	 frame_ancestors_value[HTTP_VALUE_MAX];
};

/* "Strict-Transport-Security", ...: the canonical spelling. */
const char *http_header_name(enum http_header);

/*
 * Parses the len bytes at buf as the start of a response.  HTTP_OK with
 * *h filled when the head ended within them (h->length bytes), HTTP_MORE
 * when it did not yet (h is partial), HTTP_ETOOBIG when it did not end
 * within HTTP_MAX_BYTES or HTTP_MAX_LINES lines, HTTP_EBADSTATUS when the
 * first line is no HTTP/1.x status line.  Lines end in CRLF or a bare LF.
 */
int	http_parse(const uint8_t *buf, size_t len, struct http_head *h)
	    __attribute__((warn_unused_result));

/* Parses an HSTS value (one header's) into *out; 0 valid, -1 not. */
int	http_hsts_parse(const char *value, struct http_hsts *out);

/* "head incomplete", ...: for an http_parse() result. */
const char *http_errstr(int);

#endif
