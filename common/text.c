/* text.c: see text.h. */
#include <stddef.h>
#include <stdint.h>

#include "common/text.h"

const char *
text_problem(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	uint32_t c;
	int n, i;

	while (*p != '\0') {
		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t' && *p != '\n' &&
			    *p != '\r') || *p == 0x7f)
				return "contains a control character";
			p++;
			continue;
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
			return "is not valid UTF-8";
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return "is not valid UTF-8";
			c = (c << 6) | (p[i] & 0x3f);
		}
		/* overlong forms, surrogates, beyond Unicode, U+FFFE/F */
		if ((n == 1 && c < 0x80) || (n == 2 && c < 0x800) ||
		    (n == 3 && c < 0x10000) || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe ||
		    c == 0xffff)
			return "is not valid UTF-8";
		p += n + 1;
	}
	return NULL;
}

bool
text_blank(const char *v)
{
	if (v == NULL)
		return true;
	for (; *v != '\0'; v++)
		if (*v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
			return false;
	return true;
}
