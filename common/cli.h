/*
 * cli.h: what the binaries' main() functions share beyond getopt: the
 * text|json output choice and the final check that stdout got everything.
 * Nothing here prints or exits; main() does.
 */
#ifndef TILSYN_CLI_H
#define TILSYN_CLI_H

enum cli_output { CLI_TEXT, CLI_JSON };

/* "text" or "json" into *out: 0, or -1 for anything else. */
int	cli_output_parse(const char *v, enum cli_output *out)
	    __attribute__((warn_unused_result));
/*
 * Flushes stdout: 0, or -1 when what was printed did not all get out (a
 * full disk, a closed pipe): a report cut short must not exit 0.
 */
int	cli_stdout_done(void) __attribute__((warn_unused_result));

#endif
