/*
 * cli.h: what the files of tilsyn-case share: the context of a run, the
 * messages (in git's manner) with their exit statuses, and the parsing of
 * option values.  The command files hold options, printing and exit
 * status; everything else is libtilsyn-casefile's.
 */
#ifndef TILSYN_CLI_H
#define TILSYN_CLI_H

#include <getopt.h>
#include <stdint.h>

#include <jansson.h>

#include "common/exit.h"
#include "casefile/case.h"

struct ctx {
	const char		*dbpath;
	struct case_writer	 w;		/* w.st once the database is open */
	int			 json;		/* -o json */
	const char		*cmd;		/* "request", "case open", ... */
	char			 cmdbuf[32];
	enum step_kind		 step;		/* the step the command adds */
	const char		*now_from;	/* "--now", "TILSYN_NOW"; NULL */
};

/*
 * A --now (or TILSYN_NOW) given for a command that changes the case
 * file: 0 in a test_clock build or without one, else the exit status
 * after a message (writes are dated by the real clock).  main.c applies
 * it to every command that is not a reader; a reader that writes on an
 * option (letter --issue) calls it itself.
 */
int	refuse_clock(struct ctx *);

/*
 * Every option of the commands, once (args.c has the table: its name,
 * and how its value is checked).  "kind" and -o mean different things
 * to different commands, so they have one code each.
 */
enum opt {
	O_ACCESS, O_ADDRESS, O_AT, O_BALANCE, O_BASIS, O_CLASS, O_CVR,
	O_DATE, O_DEADLINE, O_EMAIL, O_EMPLOYEES, O_EVIDENCE, O_EXCLUDED,
	O_EXPORT_FORMAT, O_FLAG, O_FORMAT, O_GROUNDS, O_HOST, O_INDICATION,
	O_INSPECT_KIND, O_IP_RANGE, O_LEGAL, O_LETTER_FORMAT, O_MEASURE,
	O_MEMBER, O_NAME, O_OPEN, O_OUT, O_PHONE, O_PURPOSE, O_REASON,
	O_RECEIVED, O_REGISTERED, O_REPORT, O_REQUEST_KIND, O_SECTOR, O_SPEC,
	O_SUBJECT, O_SUBSECTOR, O_SUMMARY, O_TEMPLATE, O_TURNOVER,
	O_VOLUNTARY,
	O_SUSPEND,		/* decide --measure suspension (§ 23) */
	O_SHORT_PERIOD,
	/* tilsyn-case scan and its kin */
	O_ALL, O_ALLOW_HOSTED, O_CASE, O_DRY_RUN, O_ENTITY, O_FAIL_ON,
	O_IMPORT, O_PORTS, O_SCAN_FORMAT,
	/* checkpoint and verify: the signing key and its checkpoints */
	O_CHECKPOINT, O_KEY, O_PUBKEY, O_SHOW_PUBKEY,
	/* entity add and update */
	O_COVERED, O_WIDE_RANGE, O_OVERLAP, O_CLEAR, O_CHANGED,
	/* documents: letters issued, files received */
	O_ATTACH, O_ISSUE, O_RECIPIENT, O_REISSUE,
	O_NOPTS,
	O_END = -1	/* ends a command's list of options */
};

/* The options a command was given. */
struct opts {
	const char	*v[O_NOPTS];	/* the last value; a flag: its name */
	int64_t		 n[O_NOPTS];	/* a date's day number, an amount; */
					/* -1 when not given */
	struct strlist	 list[O_NOPTS];	/* each value of a repeatable one */
};

/*
 * Parses a command's options (those in accept, up to O_END; O_FLAG
 * stands for every entity flag of law/entity.c): each value is checked
 * as it comes, in command-line order, against the one table of options.
 * 0, or an exit status after a message.
 */
int	getopts(struct ctx *, int argc, char **argv, const int *accept,
	    struct opts *);
/*
 * Every argument ends up in the journal, the export and the letters: it
 * must be text (common/text.h).  0, or an exit status after a message
 * naming the option an offending value belongs to.
 */
int	check_args(struct ctx *, int argc, char **argv);

/*
 * "tilsyn-case: CMD 'WHAT': text" on stderr (WHAT NULL: left out);
 * returns status, so that callers can `return msg(...)`.
 */
int	msg(struct ctx *, const char *what, int status, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* A STORE_* failure: "out of memory" or the database's own message. */
int	fail_store(struct ctx *, int r);
/* Any CASE_* code but CASE_OK, with what res says, and its exit status. */
int	fail_case(struct ctx *, int r, const struct case_result *res);
/* getopt_long said '?': the option it could not take. */
int	bad_option(struct ctx *, char **argv);
/* Option values: 0, or the exit status after a message. */
int	parse_day(struct ctx *, const char *opt, const char *v, int64_t *day);
int	parse_eur(struct ctx *, const char *opt, const char *v, int64_t *out);
int	parse_cvr(struct ctx *, const char *v);
int	parse_case(struct ctx *, const char *v);
/* STEP is "N" or "CASE/N" of the same case. */
int	parse_step(struct ctx *, const char *case_id, const char *v, int *n);

/*
 * Lists the rows of a listing: each row as text, or with -o json as a
 * JSON array of json(row) (NULL: out of memory).
 */
int	print_rows(struct ctx *, enum store_list, const char *key,
	    json_t *(*json)(const union store_fields *),
	    void (*text)(const union store_fields *));

/*
 * Stored text as it may be printed: on one line, control, bidirectional
 * and line-break characters escaped (common/text.h, text_escape()).  The
 * result lives until ESC_RING more calls; NULL gives "" and so does a
 * failed allocation (the escaped text is then left out, never the raw).
 */
#define ESC_RING	8
const char *esc(const char *);


/*
 * Opens the database at x->dbpath: mode STORE_OPEN_CREATE (init),
 * _WRITE, or _READ for the commands that only read; 0 or an exit status.
 */
int	open_db(struct ctx *, int mode);
/*
 * Writes a rendered document (letters, reports) to standard output when
 * path is NULL, else through a file beside path renamed into place; 0 or
 * an exit status after a message.
 */
int	write_out(struct ctx *, const char *path, const char *buf, size_t len);
/* Prints j (taken over; NULL: out of memory) indented, keys sorted. */
int	print_json(struct ctx *, json_t *j);
/* "EUR 16 000 000" */

/* What the changes of a scan came to. */
struct tally {
	int	 worst;		/* the worst new finding, -1 none */
	int	 failed;	/* endpoints not scanned (scope skips aside) */
	int	 closed;	/* ports of the ranges without a service */
};
/*
 * The changes of stored run newer (scans.c): each endpoint against older's
 * result of it, or (older 0) against the endpoint's last stored result
 * before newer, as scan-diff -o json lists them.  NULL with *rc an exit
 * status after a message.
 */
json_t	*diff_runs(struct ctx *, const char *cvr, int64_t older,
	    int64_t newer, struct tally *, int *rc);
/* The changes as text, one endpoint after the other. */
void	print_diff(json_t *, const struct tally *);

/*
 * The commands: their options are parsed and their arguments counted
 * (main.c's table says which); args are the arguments after the options.
 * init takes neither (o NULL).
 */
typedef int command_fn(struct ctx *, const struct opts *o, char **args);
command_fn cmd_init, cmd_log, cmd_verify;			/* journal.c */
command_fn cmd_checkpoint;					/* journal.c */
command_fn cmd_entity_add, cmd_entity_show, cmd_entity_list;	/* entity.c */
command_fn cmd_entity_update;					/* entity.c */
command_fn cmd_case_open, cmd_case_list, cmd_case_show, cmd_case_close;
command_fn cmd_case_reopen;
command_fn cmd_request, cmd_answer, cmd_record, cmd_measure;	/* steps.c */
command_fn cmd_refer;
command_fn cmd_suspect, cmd_report_received;			/* steps.c */
command_fn cmd_due;						/* due.c */
command_fn cmd_export, cmd_letter;				/* export.c */
/* scan.c; its args are the tilsyn-scan options after "--" */
command_fn cmd_scan;
command_fn cmd_scans, cmd_scan_show, cmd_scan_diff, cmd_report; /* scans.c */

#endif
