/*
 * main.c: tilsyn-case, the case file of a supervision, from information
 * request through hearing, decision and breach to the police referral.
 * This file is the global options, the one table of commands and the
 * exit status; each noun's commands are in their own file (entity.c,
 * case.c, steps.c, due.c, journal.c, export.c), and everything they do
 * besides options and printing is libtilsyn-casefile's.
 */
#include <err.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "common/exit.h"
#include "common/fds.h"
#include "common/text.h"
#include "casefile/cli/cli.h"

static const char usage_text[] =
"usage: tilsyn-case [--db FILE] [--actor NAME] [--now TIME] [-o text|json]\n"
"           COMMAND ...\n"
"       tilsyn-case init\n"
"       tilsyn-case entity add --cvr CVR --name NAME --sector SECTOR\n"
"           [--sector SECTOR ...] [--subsector NAME] [--employees N]\n"
"           [--turnover EUR] [--balance EUR] [--state-body]\n"
"           [--critical-entity] [--sole-provider] [--public-impact]\n"
"           [--qualified-trust-service | --tld-registry | --dns-provider]\n"
"           [--municipality | --region] [--public-ecomm]\n"
"           [--excluded-by energy|telecom|finance] [--designated-important]\n"
"           [--address TEXT] [--email ADDR ...] [--phone NUM ...]\n"
"           [--ip-range CIDR ...] [--ports LIST] [--host TARGET ...]\n"
"           [--member-state CC ...] [--registered DATE]\n"
"           [--covered-since DATE] [--wide-range REASON] [--overlap REASON]\n"
"       tilsyn-case entity update CVR [--name NAME] [--sector SECTOR ...]\n"
"           [--subsector NAME] [--employees N] [--turnover EUR]\n"
"           [--balance EUR] [--state-body] [--critical-entity]\n"
"           [--sole-provider] [--public-impact]\n"
"           [--qualified-trust-service | --tld-registry | --dns-provider]\n"
"           [--municipality | --region] [--public-ecomm]\n"
"           [--excluded-by energy|telecom|finance] [--designated-important]\n"
"           [--address TEXT] [--email ADDR ...] [--phone NUM ...]\n"
"           [--ip-range CIDR ...] [--ports LIST] [--host TARGET ...]\n"
"           [--member-state CC ...] [--covered-since DATE]\n"
"           [--wide-range REASON] [--overlap REASON] [--clear FIELD ...]\n"
"           [--changed DATE]\n"
"       tilsyn-case entity show CVR\n"
"       tilsyn-case entity list\n"
"           [--class essential|important|not-covered|undetermined]\n"
"       tilsyn-case case open --cvr CVR --basis routine|indication\n"
"           [--indication TEXT] --subject TEXT\n"
"       tilsyn-case case list [--open]\n"
"       tilsyn-case case show CASE\n"
"       tilsyn-case case close CASE [--reason TEXT]\n"
"       tilsyn-case case reopen CASE --reason TEXT\n"
"       tilsyn-case request CASE --kind information|access|documentation\n"
"           --purpose TEXT --specification TEXT --format TEXT --deadline DATE\n"
"           [--legal-basis TEXT] [--voluntary]\n"
"       tilsyn-case respond CASE STEP --received DATE [--summary TEXT]\n"
"           [--attach FILE ...]\n"
"       tilsyn-case inspect CASE\n"
"           --kind onsite|offsite|audit|independent-audit|scan [--date DATE]\n"
"           [--evidence FILE ...] [--summary TEXT] [--voluntary]\n"
"       tilsyn-case incident CASE --received DATE --summary TEXT\n"
"           [--evidence FILE ...] [--attach FILE ...]\n"
"       tilsyn-case hearing CASE --measure MEASURE --grounds TEXT\n"
"           --deadline DATE [--short-period REASON]\n"
"           [--suspend certification|management]\n"
"       tilsyn-case decide CASE --measure MEASURE --grounds TEXT\n"
"           [--deadline DATE] [--report-deadline DATE] [--voluntary]\n"
"           [--suspend certification|management]\n"
"       tilsyn-case comply CASE STEP --date DATE\n"
"       tilsyn-case breach CASE STEP --date DATE\n"
"       tilsyn-case refer CASE --grounds TEXT [--turnover EUR]\n"
"       tilsyn-case suspect CASE --grounds TEXT\n"
"       tilsyn-case report-received CASE STEP --received DATE\n"
"           [--summary TEXT]\n"
"       tilsyn-case due [--at DATE]\n"
"       tilsyn-case log CASE\n"
"       tilsyn-case export CASE [-o xml|json] [--access-request]\n"
"       tilsyn-case letter CASE STEP [--template NAME|FILE] [-o xhtml|text]\n"
"           [--out FILE] [--issue [--recipient TEXT] | --reissue REASON]\n"
"       tilsyn-case scan (--all | --entity CVR ... | --case CASE)\n"
"           [--fail-on SEVERITY] [--allow-hosted] [--dry-run]\n"
"           [-- tilsyn-scan options]\n"
"       tilsyn-case scan --import FILE --entity CVR [--case CASE]\n"
"           [--fail-on SEVERITY]\n"
"       tilsyn-case scans [CVR]\n"
"       tilsyn-case scan-show SCAN [-o text|json|xml]\n"
"       tilsyn-case scan-diff SCAN [SCAN]\n"
"       tilsyn-case report (--entity CVR | CASE) [--template NAME|FILE]\n"
"           [-o xhtml|text] [--out FILE]\n"
"       tilsyn-case verify [--checkpoint FILE ...]\n"
"           [--key FILE | --public-key FILE]\n"
"       tilsyn-case checkpoint [--key FILE] [--out FILE]\n"
"       tilsyn-case checkpoint --public-key [--key FILE]\n"
"\n"
"MEASURE: warning (advarsel), binding-instruction (bindende-instruks),\n"
"order (påbud), prohibition (forbud), notify-recipients, implement-audit,\n"
"publish, remedy-order, monitoring-officer, suspension (§ 23).\n"
"Database: --db, else $TILSYN_DB, else ./tilsyn.db.  See tilsyn-case(1).\n";

/* What a command takes after its options. */
enum args {
	ARGS_NONE,	/* nothing: init, without options too */
	ARGS_NO_MORE,	/* options only */
	ARGS_CASE,	/* CASE */
	ARGS_CASE_STEP,	/* CASE STEP */
	ARGS_CVR,	/* CVR */
	ARGS_OPT_CVR,	/* [CVR] */
	ARGS_SCAN,	/* SCAN */
	ARGS_SCANS,	/* SCAN [SCAN] */
	ARGS_PASS,	/* none, then "--" and options for tilsyn-scan */
	ARGS_OPT_CASE	/* [CASE] */
};

static const struct {
	int		 n;		/* how many; -1: none at all */
	int		 max;
	const char	*want;
} arguments[] = {
	[ARGS_NONE] = { -1, -1, "takes no arguments" },
	[ARGS_NO_MORE] = { 0, 0, NULL },
	[ARGS_CASE] = { 1, 1, "needs one case number" },
	[ARGS_CASE_STEP] = { 2, 2, "needs a case number and a step" },
	[ARGS_CVR] = { 1, 1, "needs one CVR number" },
	[ARGS_OPT_CVR] = { 0, 1, "takes at most one CVR number" },
	[ARGS_SCAN] = { 1, 1, "needs one scan number" },
	[ARGS_SCANS] = { 1, 2, "needs one or two scan numbers" },
	[ARGS_PASS] = { 0, 0, NULL },
	[ARGS_OPT_CASE] = { 0, 1, "takes at most one case number" },
};

#define OPTS(...)	((const int[]){ __VA_ARGS__, O_END })
#define NO_OPTS		OPTS(O_END)

/*
 * The one table of commands, a noun's subcommands together: what runs,
 * the step it adds, and what it takes.
 */
static const struct cmd {
	const char	*name;
	const char	*sub;		/* a noun's subcommand, or NULL */
	command_fn	*fn;
	enum step_kind	 step;		/* the step it adds, if any */
	enum args	 args;
	const int	*opts;		/* NULL: no options either */
} cmds[] = {
	{ "init", NULL, cmd_init, STEP_KIND_COUNT, ARGS_NONE, NULL },
	{ "entity", "add", cmd_entity_add, STEP_KIND_COUNT, ARGS_NO_MORE,
	    OPTS(O_CVR, O_NAME, O_SECTOR, O_SUBSECTOR, O_EMPLOYEES,
	    O_TURNOVER, O_BALANCE, O_FLAG, O_EXCLUDED, O_ADDRESS, O_EMAIL,
	    O_PHONE, O_IP_RANGE, O_PORTS, O_HOST, O_MEMBER, O_REGISTERED,
	    O_COVERED, O_WIDE_RANGE, O_OVERLAP) },
	{ "entity", "update", cmd_entity_update, STEP_KIND_COUNT, ARGS_CVR,
	    OPTS(O_NAME, O_SECTOR, O_SUBSECTOR, O_EMPLOYEES, O_TURNOVER,
	    O_BALANCE, O_FLAG, O_EXCLUDED, O_ADDRESS, O_EMAIL, O_PHONE,
	    O_IP_RANGE, O_PORTS, O_HOST, O_MEMBER, O_COVERED, O_WIDE_RANGE,
	    O_OVERLAP, O_CLEAR, O_CHANGED) },
	{ "entity", "show", cmd_entity_show, STEP_KIND_COUNT, ARGS_CVR,
	    NO_OPTS },
	{ "entity", "list", cmd_entity_list, STEP_KIND_COUNT, ARGS_NO_MORE,
	    OPTS(O_CLASS) },
	{ "case", "open", cmd_case_open, STEP_KIND_COUNT, ARGS_NO_MORE,
	    OPTS(O_CVR, O_BASIS, O_INDICATION, O_SUBJECT) },
	{ "case", "list", cmd_case_list, STEP_KIND_COUNT, ARGS_NO_MORE,
	    OPTS(O_OPEN) },
	{ "case", "show", cmd_case_show, STEP_KIND_COUNT, ARGS_CASE,
	    NO_OPTS },
	{ "case", "close", cmd_case_close, STEP_KIND_COUNT, ARGS_CASE,
	    OPTS(O_REASON) },
	{ "case", "reopen", cmd_case_reopen, STEP_KIND_COUNT, ARGS_CASE,
	    OPTS(O_REASON) },
	{ "request", NULL, cmd_request, STEP_REQUEST, ARGS_CASE,
	    OPTS(O_REQUEST_KIND, O_PURPOSE, O_SPEC, O_FORMAT, O_DEADLINE,
	    O_LEGAL, O_VOLUNTARY) },
	{ "respond", NULL, cmd_answer, STEP_RESPONSE, ARGS_CASE_STEP,
	    OPTS(O_RECEIVED, O_SUMMARY, O_ATTACH) },
	{ "inspect", NULL, cmd_record, STEP_INSPECTION, ARGS_CASE,
	    OPTS(O_INSPECT_KIND, O_DATE, O_EVIDENCE, O_SUMMARY,
	    O_VOLUNTARY) },
	{ "incident", NULL, cmd_record, STEP_INCIDENT, ARGS_CASE,
	    OPTS(O_RECEIVED, O_EVIDENCE, O_SUMMARY, O_ATTACH) },
	{ "hearing", NULL, cmd_measure, STEP_HEARING, ARGS_CASE,
	    OPTS(O_MEASURE, O_GROUNDS, O_DEADLINE, O_SHORT_PERIOD,
	    O_SUSPEND) },
	{ "decide", NULL, cmd_measure, STEP_DECISION, ARGS_CASE,
	    OPTS(O_MEASURE, O_GROUNDS, O_DEADLINE, O_REPORT, O_VOLUNTARY,
	    O_SUSPEND) },
	{ "comply", NULL, cmd_answer, STEP_COMPLIANCE, ARGS_CASE_STEP,
	    OPTS(O_DATE) },
	{ "breach", NULL, cmd_answer, STEP_BREACH, ARGS_CASE_STEP,
	    OPTS(O_DATE) },
	{ "refer", NULL, cmd_refer, STEP_REFERRAL, ARGS_CASE,
	    OPTS(O_GROUNDS, O_TURNOVER) },
	{ "suspect", NULL, cmd_suspect, STEP_SUSPICION, ARGS_CASE,
	    OPTS(O_GROUNDS) },
	{ "report-received", NULL, cmd_report_received, STEP_REPORT,
	    ARGS_CASE_STEP, OPTS(O_RECEIVED, O_SUMMARY) },
	{ "due", NULL, cmd_due, STEP_KIND_COUNT, ARGS_NO_MORE, OPTS(O_AT) },
	{ "log", NULL, cmd_log, STEP_KIND_COUNT, ARGS_CASE, NO_OPTS },
	{ "export", NULL, cmd_export, STEP_KIND_COUNT, ARGS_CASE,
	    OPTS(O_EXPORT_FORMAT, O_ACCESS) },
	{ "letter", NULL, cmd_letter, STEP_KIND_COUNT, ARGS_CASE_STEP,
	    OPTS(O_TEMPLATE, O_OUT, O_LETTER_FORMAT, O_ISSUE, O_RECIPIENT,
	    O_REISSUE) },
	{ "scan", NULL, cmd_scan, STEP_KIND_COUNT, ARGS_PASS,
	    OPTS(O_ALL, O_ENTITY, O_CASE, O_FAIL_ON, O_ALLOW_HOSTED,
	    O_DRY_RUN, O_IMPORT) },
	{ "scans", NULL, cmd_scans, STEP_KIND_COUNT, ARGS_OPT_CVR, NO_OPTS },
	{ "scan-show", NULL, cmd_scan_show, STEP_KIND_COUNT, ARGS_SCAN,
	    OPTS(O_SCAN_FORMAT) },
	{ "scan-diff", NULL, cmd_scan_diff, STEP_KIND_COUNT, ARGS_SCANS,
	    NO_OPTS },
	{ "report", NULL, cmd_report, STEP_KIND_COUNT, ARGS_OPT_CASE,
	    OPTS(O_ENTITY, O_TEMPLATE, O_OUT, O_LETTER_FORMAT) },
	{ "verify", NULL, cmd_verify, STEP_KIND_COUNT, ARGS_NO_MORE,
	    OPTS(O_CHECKPOINT, O_KEY, O_PUBKEY) },
	{ "checkpoint", NULL, cmd_checkpoint, STEP_KIND_COUNT, ARGS_NO_MORE,
	    OPTS(O_KEY, O_OUT, O_SHOW_PUBKEY) },
};
#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

/*
 * The commands that only read: they open the database read-only (a
 * read-only file or directory will do), take no lock and never migrate.
 */
static command_fn *const readers[] = {
	cmd_entity_show, cmd_entity_list, cmd_case_list, cmd_case_show,
	cmd_due, cmd_log, cmd_export, cmd_scans, cmd_scan_show, cmd_scan_diff,
	cmd_verify, cmd_checkpoint,
};

static int
reads_only(const struct cmd *c)
{
	size_t i;

	for (i = 0; c != NULL && i < sizeof(readers) / sizeof(readers[0]);
	    i++)
		if (readers[i] == c->fn)
			return 1;
	return 0;
}

/*
 * Whether a --now may move "today" for c: only for what reads (the
 * readers, and the letters and reports rendered from what is stored).
 * What changes the case file is dated by the real clock (nis2-rules.md,
 * "Case handling"; DESIGN.md); a build with -Dtest_clock=true, never
 * installed, lets --now date writes too, so tests can walk a case
 * through months.
 */
static int
dated_by_now(const struct cmd *c)
{
	return reads_only(c) || c->fn == cmd_letter || c->fn == cmd_report;
}

int
refuse_clock(struct ctx *x)
{
	if (TILSYN_TEST_CLOCK || x->now_from == NULL)
		return 0;
	return msg(x, NULL, EXIT_USAGE, "%s dates only what is read (due, "
	    "show, log, export, letter, report); what changes the case file "
	    "is dated by the real clock, and a past event takes its own date "
	    "(--received, --date)", x->now_from);
}

/* The entry of name (and sub, when not NULL); the first of a noun. */
static const struct cmd *
find(const char *name, const char *sub)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i].name, name) == 0 && (sub == NULL ||
		    (cmds[i].sub != NULL && strcmp(cmds[i].sub, sub) == 0)))
			return &cmds[i];
	return NULL;
}

/* "open, list, show, close": a noun's subcommands, in table order. */
static void
subs(const char *name, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < NCMDS && n < len; i++)
		if (strcmp(cmds[i].name, name) == 0)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
			    n > 0 ? ", " : "", cmds[i].sub);
}

/* Parses c's options and counts its arguments, then runs it. */
static int
run(struct ctx *x, const struct cmd *c, int argc, char **argv)
{
	struct opts o;
	char **pass = NULL;
	int r, i, want = arguments[c->args].n, max = arguments[c->args].max;

	x->step = c->step;
	if (c->opts == NULL) {
		if (argc > 1)
			return msg(x, NULL, EXIT_USAGE, "%s",
			    arguments[c->args].want);
		return c->fn(x, NULL, argv + 1);
	}
	/* What follows "--" is the scanner's, never parsed as ours. */
	if (c->args == ARGS_PASS) {
		for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
			;
		pass = argv + (i < argc ? i + 1 : argc);
		argc = i;
	}
	if ((r = getopts(x, argc, argv, c->opts, &o)) != 0)
		return r;
	if (max == 0 && optind < argc)
		return msg(x, NULL, EXIT_USAGE, "unexpected argument '%s'",
		    argv[optind]);
	if (want > 0 && (argc - optind < want || argc - optind > max))
		return msg(x, NULL, EXIT_USAGE, "%s", arguments[c->args].want);
	if (max > 0 && argc - optind > max)
		return msg(x, NULL, EXIT_USAGE, "%s", arguments[c->args].want);
	return c->fn(x, &o, pass != NULL ? pass : argv + optind);
}

/*
 * COMMAND --help: the usage lines of that command (and of every
 * subcommand of a noun given alone), before any database is opened.
 */
static int
command_help(const char *name, const char *sub)
{
	const char *p = usage_text, *e;
	char head[64];
	size_t hl;
	int on = 0, any = 0;

	hl = (size_t)snprintf(head, sizeof(head), "       tilsyn-case %s%s%s",
	    name, sub != NULL ? " " : "", sub != NULL ? sub : "");
	for (; *p != '\0'; p = *e == '\n' ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (strncmp(p, "           ", 11) != 0)
			on = strncmp(p, head, hl) == 0 && (p[hl] == ' ' ||
			    p + hl == e);
		if (on) {
			printf("%s%.*s\n", !any ? "usage: " : "       ",
			    (int)(e - p - 7), p + 7);
			any = 1;
		}
	}
	return EXIT_OK;
}

static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") ==
		    0)
			return 1;
	return 0;
}

static int
dispatch(struct ctx *x, int argc, char **argv)
{
	const struct cmd *c, *n;
	char list[64];
	int r;

	x->cmd = argv[0];
	optind = 0;	/* GNU: reinitialise getopt for the subcommand */
	opterr = 0;
	/* An unknown command is a usage error, whatever the database. */
	if ((c = find(argv[0], NULL)) == NULL)
		return msg(x, NULL, EXIT_USAGE, "unknown command");
	if (c->sub != NULL && argc >= 2) {
		snprintf(x->cmdbuf, sizeof(x->cmdbuf), "%s %s", argv[0],
		    argv[1]);
		x->cmd = x->cmdbuf;
	}
	if (wants_help(argc, argv))
		return command_help(c->name, c->sub != NULL && argc >= 2 &&
		    argv[1][0] != '-' && find(argv[0], argv[1]) != NULL ?
		    argv[1] : NULL);
	if ((r = check_args(x, argc, argv)) != 0)
		return r;
	/* A --now on a write is refused before the database is opened. */
	if ((n = c->sub == NULL ? c : argc >= 2 ? find(argv[0], argv[1]) :
	    NULL) != NULL && !dated_by_now(n) && (r = refuse_clock(x)) != 0)
		return r;
	/* init opens the database itself: it creates it */
	if (c->fn != cmd_init && (r = open_db(x, reads_only(c->sub == NULL ?
	    c : argc >= 2 ? find(argv[0], argv[1]) : NULL) ? STORE_OPEN_READ :
	    STORE_OPEN_WRITE)) != 0)
		return r;
	x->cmd = argv[0];
	if (c->sub == NULL)
		return run(x, c, argc, argv);
	if (argc < 2) {
		subs(c->name, list, sizeof(list));
		return msg(x, NULL, EXIT_USAGE, "needs a subcommand (%s)", list);
	}
	if ((c = find(argv[0], argv[1])) == NULL)
		return msg(x, argv[1], EXIT_USAGE, "unknown command");
	x->cmd = x->cmdbuf;
	return run(x, c, argc - 1, argv + 1);
}

/* The actor: --actor, else the user's name. */
static void
set_actor(struct ctx *x, const char *actor)
{
	struct passwd *pw;
	char *a = x->w.actor;
	size_t len = sizeof(x->w.actor);

	if (actor != NULL)
		snprintf(a, len, "%s", actor);
	else if ((pw = getpwuid(getuid())) != NULL)
		snprintf(a, len, "%s", pw->pw_name);
	else
		snprintf(a, len, "uid %u", (unsigned)getuid());
}

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "actor", required_argument, NULL, 'a' },
		{ "now", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctx x;
	const char *actor = NULL, *now = NULL, *now_from, *env;
	int64_t t;
	int c, r;

	/* fds 0-2 must be open, so the database never lands on them. */
	if (fds_ensure_std() != 0)
		err(EXIT_FAIL, "/dev/null");

	memset(&x, 0, sizeof(x));
	x.cmd = "tilsyn-case";
	x.dbpath = (env = getenv("TILSYN_DB")) != NULL && *env != '\0' ? env :
	    "tilsyn.db";
	now = getenv("TILSYN_NOW");
	now_from = "TILSYN_NOW";
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:", lo, NULL)) != -1) {
		switch (c) {
		case 'd':
			x.dbpath = optarg;
			break;
		case 'a':
			if (text_blank(optarg) ||
			    strlen(optarg) >= sizeof(x.w.actor) ||
			    text_problem(optarg) != NULL ||
			    strpbrk(optarg, "\t\n\r") != NULL)
				errx(EXIT_USAGE, "--actor: give a name of 1 to "
				    "%zu bytes of UTF-8 text on one line",
				    sizeof(x.w.actor) - 1);
			actor = optarg;
			break;
		case 'n':
			now = optarg;
			now_from = "--now";
			break;
		case 'o':
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0)
				errx(EXIT_USAGE, "-o '%s': valid: text, json",
				    optarg);
			x.json = strcmp(optarg, "json") == 0;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		case 'V':
			printf("tilsyn-case %s\n", TILSYN_VERSION);
			return EXIT_OK;
		default:
			/* getopt_long gives a long option's val as optopt */
			if (optopt == 'd' || optopt == 'a' || optopt == 'n')
				errx(EXIT_USAGE, "--%s needs a value",
				    optopt == 'd' ? "db" : optopt == 'a' ?
				    "actor" : "now");
			if (optopt == 'o')
				errx(EXIT_USAGE, "-o needs a value (text or "
				    "json)");
			if (optopt != 0)
				errx(EXIT_USAGE, "unknown option '-%c' or it "
				    "needs a value", optopt);
			errx(EXIT_USAGE, "unknown option '%s' or it needs a "
			    "value", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		errx(EXIT_USAGE, "no command (see tilsyn-case --help)");
	t = (int64_t)time(NULL);
	if (now != NULL && *now != '\0' && case_parse_now(now, &t) != 0)
		errx(EXIT_USAGE, "%s '%s' is not an ISO 8601 date or time",
		    now_from, now);
	if (now != NULL && *now != '\0')
		x.now_from = now_from;
	case_writer_time(&x.w, t, x.now_from != NULL, (int64_t)time(NULL));
	set_actor(&x, actor);

	r = dispatch(&x, argc - optind, argv + optind);
	if (fflush(stdout) != 0 && r == EXIT_OK)
		r = EXIT_FAIL;
	store_close(&x.w.st);
	return r;
}
