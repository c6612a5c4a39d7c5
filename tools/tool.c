/* tool.c: see tool.h. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "common/exit.h"
#include "tools/tool.h"

int
tool_option(struct tool *t, int ch, const char *arg)
{
	switch (ch) {
	case 'o':
		if (cli_output_parse(arg, &t->out) == 0)
			return TOOL_GO;
		warnx("-o '%s': must be text or json", arg);
		return EXIT_USAGE;
	case TOOL_O_HELP:
		fputs(t->usage, stdout);
		return EXIT_OK;
	case TOOL_O_VERSION:
		printf("%s %s\n", t->name, TILSYN_VERSION);
		return EXIT_OK;
	default:
		fputs(t->usage, stderr);
		return EXIT_USAGE;
	}
}

int
tool_done(int rc, int status)
{
	if (rc != 0) {
		warnx("cannot encode JSON");
		return EXIT_FAIL;
	}
	if (cli_stdout_done() != 0) {
		warn("stdout");
		return EXIT_FAIL;
	}
	return status;
}

int
tool_print_json(json_t *o)
{
	char *s;

	if (o == NULL)
		return -1;
	s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		return -1;
	printf("%s\n", s);
	free(s);
	return 0;
}
