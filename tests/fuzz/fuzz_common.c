/*
 * Fuzz target: the syntax checks of common/ that read command lines and
 * files (scope files, target lists, the entity register): numbers,
 * seconds, CIDR ranges, host names, ports and UTF-8 text.  Whatever they
 * accept must also be what they say they accept.
 */
#include <sys/socket.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/netsyntax.h"
#include "common/numparse.h"
#include "common/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct cidr c;
	uint16_t port;
	int64_t v;
	char *s;

	if (len > 512 || (s = malloc(len + 1)) == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	if (parse_int64(s, -1000, 1000, &v) == NUM_OK &&
	    (v < -1000 || v > 1000))
		abort();
	if (parse_seconds_ms(s, 10, 3600000, &v) == NUM_OK &&
	    (v < 10 || v > 3600000))
		abort();
	if (cidr_parse(s, &c) == CIDR_OK &&
	    (c.prefix < 0 || c.prefix > (c.family == AF_INET ? 32 : 128)))
		abort();
	if (port_parse(s, &port) == 0 && port == 0)
		abort();
	if (host_name_valid(s, len) && (len == 0 || strlen(s) != len))
		abort();
	(void)text_problem(s);
	(void)text_blank(s);
	free(s);
	return 0;
}
