/*
 * tool.h: what tilsyn-classify and tilsyn-deadline share around getopt:
 * -o text|json, --help, --version, getopt's refusals, and the end of the
 * run (a JSON encoding failure or a lost stdout is a failure, exit 3).
 */
#ifndef TILSYN_TOOL_H
#define TILSYN_TOOL_H

#include <getopt.h>

#include <jansson.h>

#include "common/cli.h"

#define TOOL_O_HELP	1000
#define TOOL_O_VERSION	1001
#define TOOL_OPTIONS	\
	{ "help", no_argument, NULL, TOOL_O_HELP }, \
	{ "version", no_argument, NULL, TOOL_O_VERSION }

#define TOOL_GO		(-1)	/* the option was handled: go on */

struct tool {
	const char	*name;		/* "tilsyn-classify" */
	const char	*usage;		/* exactly the man page's SYNOPSIS */
	enum cli_output	 out;
};

/*
 * Handles ch if it is -o, --help, --version or getopt's '?': TOOL_GO to go
 * on, or the exit status main() returns now.
 */
int	tool_option(struct tool *, int ch, const char *arg);
/*
 * After the report: status, or EXIT_FAIL (with a message) when the report
 * could not be encoded (rc != 0) or did not all reach stdout.
 */
int	tool_done(int rc, int status);
/*
 * Prints o (taken over; NULL from a failed json_pack is fine) as one line
 * of JSON, keys in the order they were added.  0, or -1 when it could not
 * be encoded.
 */
int	tool_print_json(json_t *o);

#endif
