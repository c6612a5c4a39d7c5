/*
 * Fuzz target: the ROBOT check's parser of the server's answer to our
 * ClientKeyExchange (robot_answer_feed(), scanner/tls/tls_robot.c),
 * fed as the engine feeds it (the unconsumed bytes again, a few more each
 * time), and the words of whatever answer it made.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/tls/tls_robot.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct robot_answer a;
	size_t have = 0, off = 0, c, step;
	char t[128];
	int more = 1;

	step = size > 0 ? 1 + data[0] % 16 : 1;
	memset(&a, 0, sizeof(a));
	while (more && have < size) {
		have = have + step > size ? size : have + step;
		more = robot_answer_feed(&a, data + off, have - off, &c);
		if (c > have - off || a.nrec > ROBOT_MAX_RECORDS)
			__builtin_trap();
		off += c;
	}
	a.end = (uint8_t)(size % 7);
	robot_answer_text(&a, t, sizeof(t));
	if (strlen(t) >= sizeof(t))
		__builtin_trap();
	return 0;
}
