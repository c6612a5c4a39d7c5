/* text.c: see text.h.  Pure: no I/O, no allocation. */
#include <stdint.h>
#include <stdio.h>

#include "common/text.h"

/*
 * The code point at p (n bytes); 0 bytes for invalid UTF-8 (overlong
 * forms, surrogates, beyond Unicode, U+FFFE/F, truncation).
 */
static size_t
decode(const unsigned char *p, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (*p < 0x80) {
		*cp = *p;
		return 1;
	}
	if ((*p & 0xe0) == 0xc0) {
		n = 1;
		c = *p & 0x1f;
	} else if ((*p & 0xf0) == 0xe0) {
		n = 2;
		c = *p & 0x0f;
	} else if ((*p & 0xf8) == 0xf0) {
		n = 3;
		c = *p & 0x07;
	} else
		return 0;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((n == 1 && c < 0x80) || (n == 2 && c < 0x800) ||
	    (n == 3 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff)
		return 0;
	*cp = c;
	return n + 1;
}

static bool
is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/* Unicode's Bidi_Control characters. */
static bool
is_bidi(uint32_t c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static bool
is_break(uint32_t c)
{
	return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 ||
	    c == 0x2029;
}

/* Spaces (Zs), format characters (Cf) and the fillers: not visible. */
static bool
is_invisible(uint32_t c)
{
	static const uint32_t ranges[][2] = {
		{ 0x0009, 0x000d }, { 0x0020, 0x0020 }, { 0x0085, 0x0085 },
		{ 0x00a0, 0x00a0 }, { 0x00ad, 0x00ad }, { 0x034f, 0x034f },
		{ 0x0600, 0x0605 }, { 0x061c, 0x061c }, { 0x06dd, 0x06dd },
		{ 0x070f, 0x070f }, { 0x0890, 0x0891 }, { 0x08e2, 0x08e2 },
		{ 0x115f, 0x1160 }, { 0x1680, 0x1680 }, { 0x17b4, 0x17b5 },
		{ 0x180b, 0x180f }, { 0x2000, 0x200f }, { 0x2028, 0x202f },
		{ 0x205f, 0x206f }, { 0x2800, 0x2800 }, { 0x3000, 0x3000 },
		{ 0x3164, 0x3164 }, { 0xfe00, 0xfe0f }, { 0xfeff, 0xfeff },
		{ 0xffa0, 0xffa0 }, { 0xfff9, 0xfffb }, { 0x110bd, 0x110bd },
		{ 0x110cd, 0x110cd }, { 0x13430, 0x1343f },
		{ 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a },
		{ 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
		{ 0xe0100, 0xe01ef },
	};
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (c >= ranges[i][0] && c <= ranges[i][1])
			return true;
	return false;
}

static const char *
problem(const char *v, bool line)
{
	static char why[64];
	const unsigned char *p = (const unsigned char *)v;
	uint32_t c;
	size_t n;

	while (*p != '\0') {
		if ((n = decode(p, &c)) == 0)
			return "is not valid UTF-8";
		p += n;
		if (line && (is_break(c) || c == '\t'))
			return "has a tab or a line break (it takes one line)";
		if (is_control(c) && c != '\t' && c != '\n' && c != '\r')
			return "contains a control character";
		if (is_bidi(c)) {
			snprintf(why, sizeof(why), "contains a bidirectional "
			    "control character (U+%04X)", (unsigned)c);
			return why;
		}
		if (c == 0x2028 || c == 0x2029)
			return "contains a Unicode line or paragraph "
			    "separator (use a line end)";
	}
	return NULL;
}

const char *
text_problem(const char *v)
{
	return problem(v, false);
}

const char *
text_line_problem(const char *v)
{
	return problem(v, true);
}

bool
text_blank(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	uint32_t c;
	size_t n;

	if (v == NULL)
		return true;
	while (*p != '\0') {
		/* a byte that is not UTF-8 is something to see */
		if ((n = decode(p, &c)) == 0)
			return false;
		if (!is_invisible(c))
			return false;
		p += n;
	}
	return true;
}

/* Appends s to dst at *o, counting what does not fit. */
static void
put(char *dst, size_t len, size_t *o, const char *s)
{
	for (; *s != '\0'; s++, (*o)++)
		if (*o + 1 < len)
			dst[*o] = *s;
}

size_t
text_escape(char *dst, size_t len, const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	char e[16];
	uint32_t c;
	size_t n, o = 0, i;

	while (*p != '\0') {
		if ((n = decode(p, &c)) == 0) {
			snprintf(e, sizeof(e), "\\x{%02X}", *p);
			put(dst, len, &o, e);
			p++;
			continue;
		}
		if (c == '\\')
			put(dst, len, &o, "\\\\");
		else if (c == '\n')
			put(dst, len, &o, "\\n");
		else if (c == '\r')
			put(dst, len, &o, "\\r");
		else if (c == '\t')
			put(dst, len, &o, "\\t");
		else if (is_control(c) || is_bidi(c) || c == 0x2028 ||
		    c == 0x2029) {
			snprintf(e, sizeof(e), "\\u{%04X}", (unsigned)c);
			put(dst, len, &o, e);
		} else {
			for (i = 0; i < n; i++, o++)
				if (o + 1 < len)
					dst[o] = (char)p[i];
		}
		p += n;
	}
	if (len > 0)
		dst[o < len ? o : len - 1] = '\0';
	return o;
}
