/* cli.c: see cli.h. */
#include <stdio.h>
#include <string.h>

#include "common/cli.h"

int
cli_output_parse(const char *v, enum cli_output *out)
{
	if (strcmp(v, "text") == 0)
		*out = CLI_TEXT;
	else if (strcmp(v, "json") == 0)
		*out = CLI_JSON;
	else
		return -1;
	return 0;
}

int
cli_stdout_done(void)
{
	return fflush(stdout) != 0 || ferror(stdout) ? -1 : 0;
}
