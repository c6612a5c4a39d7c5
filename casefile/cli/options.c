/*
 * options.c: the one table of tilsyn-case's options, and their parser:
 * each command says which it takes (main.c), and every value is checked
 * here as it comes, in command-line order.  The entity flags are
 * law/entity.c's list.  Trusts nothing on the command line; check_args()
 * has made sure each argument is text before any of this runs.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/text.h"
#include "law/entity.h"
#include "law/rules.h"
#include "casefile/cli/cli.h"

/* How an option's value is checked (and where it goes in struct opts). */
enum check {
	C_TEXT,		/* text (every argument is checked as text) */
	C_FLAG,		/* no value */
	C_DAY,		/* YYYY-MM-DD: n gets the day number */
	C_EUR,		/* a whole, non-negative figure: n gets it */
	C_CVR,		/* a CVR number */
	C_CHOICE,	/* one of choices */
	C_REG,		/* a value of a registration list (case.h) */
	C_SECTOR,	/* a sector: n gets the bits of all given */
	C_EXCLUSION,	/* enum exclusion into n */
	C_MEASURE,	/* enum measure into n */
	C_CASE,		/* a case number */
	C_PORTS,	/* a port list (common/netsyntax.h) */
	C_FIELD		/* a field of the register entity update clears */
};

static const char *const bases[] = { "routine", "indication", NULL };
/* law/entity.h class_name(): every class, so none is unlistable */
static const char *const classes[] = { "essential", "important",
	"not-covered", "undetermined", NULL };
static const char *const request_kinds[] = { "information", "access",
	"documentation", NULL };
static const char *const inspect_kinds[] = { "onsite", "offsite", "audit",
	"independent-audit", "scan", NULL };
static const char *const suspends[] = { "certification", "management",
	NULL };
static const char *const export_formats[] = { "xml", "json", NULL };
static const char *const letter_formats[] = { "xhtml", "text", NULL };
static const char *const scan_formats[] = { "text", "json", "xml", NULL };
/* tilsyn-scan's severities */
static const char *const severities[] = { "info", "low", "medium", "high",
	"critical", NULL };

/* The options; fields left out are zero: plain text, given once. */
static const struct optdef {
	const char		*name;		/* NULL: a short option only */
	enum check		 check;
	const char *const	*choices;	/* C_CHOICE */
	enum reg_list		 reg;		/* C_REG (register.c's words) */
	bool			 repeat;	/* every value kept, in order */
	char			 letter;	/* its short option, or 0 */
	/*
	 * Text (common/text.h): one line unless lines; a value given must
	 * have a visible character unless later, where the command (or
	 * law/rules.c, citing the paragraph) refuses a blank one itself.
	 */
	bool			 lines;
	bool			 later;
} optdefs[O_NOPTS] = {
	[O_ACCESS] = { "access-request", C_FLAG },
	[O_ADDRESS] = { "address", .lines = true },
	[O_AT] = { "at", C_DAY },
	[O_BALANCE] = { "balance", C_EUR },
	[O_BASIS] = { "basis", C_CHOICE, bases },
	[O_CLASS] = { "class", C_CHOICE, classes },
	[O_CVR] = { "cvr", C_CVR },
	[O_DATE] = { "date", C_DAY },
	[O_DEADLINE] = { "deadline", C_DAY },
	[O_EMAIL] = { "email", C_REG, NULL, REG_EMAILS, true },
	[O_EMPLOYEES] = { "employees", C_EUR },
	[O_EVIDENCE] = { "evidence", .repeat = true },
	[O_EXCLUDED] = { "excluded-by", C_EXCLUSION },
	[O_EXPORT_FORMAT] = { NULL, C_CHOICE, export_formats, .letter = 'o' },
	/* each flag of law/entity.c's one list, by its own name */
	[O_FLAG] = { NULL, C_FLAG, .repeat = true },
	[O_FORMAT] = { "format", .later = true },
	[O_GROUNDS] = { "grounds", .lines = true, .later = true },
	[O_HOST] = { "host", C_REG, NULL, REG_HOSTS, true },
	[O_INDICATION] = { "indication", .lines = true, .later = true },
	[O_INSPECT_KIND] = { "kind", C_CHOICE, inspect_kinds },
	[O_IP_RANGE] = { "ip-range", C_REG, NULL, REG_IP_RANGES, true },
	[O_LEGAL] = { "legal-basis", .lines = true },
	[O_LETTER_FORMAT] = { NULL, C_CHOICE, letter_formats, .letter = 'o' },
	[O_MEASURE] = { "measure", C_MEASURE },
	[O_MEMBER] = { "member-state", C_REG, NULL, REG_MEMBER_STATES, true },
	[O_NAME] = { "name", .later = true },
	[O_OPEN] = { "open", C_FLAG },
	[O_OUT] = { "out" },
	[O_PHONE] = { "phone", C_REG, NULL, REG_PHONES, true },
	[O_PURPOSE] = { "purpose", .lines = true, .later = true },
	[O_REASON] = { "reason", .lines = true, .later = true },
	[O_RECEIVED] = { "received", C_DAY },
	[O_REGISTERED] = { "registered", C_DAY },
	[O_REPORT] = { "report-deadline", C_DAY },
	[O_REQUEST_KIND] = { "kind", C_CHOICE, request_kinds },
	[O_SECTOR] = { "sector", C_SECTOR },
	[O_SPEC] = { "specification", .lines = true, .later = true },
	[O_SUBJECT] = { "subject", .later = true },
	[O_SUBSECTOR] = { "subsector" },
	[O_SUMMARY] = { "summary", .lines = true, .later = true },
	[O_TEMPLATE] = { "template" },
	[O_TURNOVER] = { "turnover", C_EUR },
	[O_VOLUNTARY] = { "voluntary", C_FLAG },
	[O_SUSPEND] = { "suspend", C_CHOICE, suspends },
	[O_SHORT_PERIOD] = { "short-period", .lines = true },
	[O_ALL] = { "all", C_FLAG },
	[O_ALLOW_HOSTED] = { "allow-hosted", C_FLAG },
	[O_CASE] = { "case", C_CASE },
	[O_DRY_RUN] = { "dry-run", C_FLAG },
	[O_ENTITY] = { "entity", C_CVR, .repeat = true },
	[O_FAIL_ON] = { "fail-on", C_CHOICE, severities },
	[O_IMPORT] = { "import" },
	[O_PORTS] = { "ports", C_PORTS },
	[O_SCAN_FORMAT] = { NULL, C_CHOICE, scan_formats, .letter = 'o' },
	[O_CHECKPOINT] = { "checkpoint", .repeat = true },
	[O_KEY] = { "key" },
	[O_PUBKEY] = { "public-key" },		/* verify: the key's file */
	[O_SHOW_PUBKEY] = { "public-key", C_FLAG },	/* checkpoint: print it */
	[O_COVERED] = { "covered-since", C_DAY },
	[O_WIDE_RANGE] = { "wide-range" },
	[O_OVERLAP] = { "overlap" },
	[O_CLEAR] = { "clear", C_FIELD, .repeat = true },
	[O_CHANGED] = { "changed", C_DAY },
	[O_ATTACH] = { "attach", .repeat = true },
	[O_ISSUE] = { "issue", C_FLAG },
	[O_RECIPIENT] = { "recipient", .lines = true },
	[O_REISSUE] = { "reissue", .lines = true },
};

/* "--kind", "-o"; the entity flags are "flags" in messages. */
static void
opt_name(int code, char *buf, size_t len)
{
	const struct optdef *d = &optdefs[code];

	if (code == O_FLAG)
		snprintf(buf, len, "flags");
	else if (d->name != NULL)
		snprintf(buf, len, "--%s", d->name);
	else
		snprintf(buf, len, "-%c", d->letter);
}

static int
choice(struct ctx *x, const char *opt, const char *v,
    const char *const *choices)
{
	char valid[128];
	size_t i, n = 0;

	for (i = 0; choices[i] != NULL; i++)
		if (strcmp(v, choices[i]) == 0)
			return 0;
	valid[0] = '\0';
	for (i = 0; choices[i] != NULL && n < sizeof(valid); i++)
		n += (size_t)snprintf(valid + n, sizeof(valid) - n, "%s%s",
		    i > 0 ? ", " : "", choices[i]);
	return msg(x, NULL, EXIT_USAGE, "%s '%s': valid: %s", opt, v, valid);
}

/* The lookups of law/: a sector, an exclusion, a measure, into *n. */
static int
lookup(struct ctx *x, enum check check, const char *opt, const char *v,
    int64_t *n)
{
	enum exclusion e;
	enum measure m;
	enum sector sec;

	switch (check) {
	case C_SECTOR:
		if (sector_lookup(v, &sec) != 0)
			return msg(x, NULL, EXIT_USAGE, "%s '%s' is not a "
			    "sector; valid: %s", opt, v, sector_slug_list());
		*n = (*n < 0 ? 0 : *n) | (int64_t)(1u << sec);
		return 0;
	case C_EXCLUSION:
		if (exclusion_lookup(v, &e) != 0)
			return msg(x, NULL, EXIT_USAGE, "%s '%s': valid: "
			    "energy, telecom, finance", opt, v);
		*n = e;
		return 0;
	default:
		if (measure_lookup(v, &m) != 0)
			return msg(x, NULL, EXIT_USAGE, "%s '%s' is not a "
			    "measure; valid: %s", opt, v, measure_slug_list());
		*n = m;
		return 0;
	}
}

/* Checks and keeps one value of option code. */
static int
take(struct ctx *x, int code, const char *v, struct opts *o)
{
	const struct optdef *d = &optdefs[code];
	struct strlist *l = &o->list[code];
	const char *why;
	char opt[32], buf[320];
	int r = 0;

	opt_name(code, opt, sizeof(opt));
	/* every value: names, subjects, paths, addresses take one line */
	if (d->check != C_FLAG && !d->lines &&
	    (why = text_line_problem(v)) != NULL)
		return msg(x, NULL, EXIT_USAGE, "%s '%s' %s", opt, esc(v), why);
	switch (d->check) {
	case C_DAY:
		r = parse_day(x, opt, v, &o->n[code]);
		break;
	case C_EUR:
		r = parse_eur(x, opt, v, &o->n[code]);
		break;
	case C_CVR:
		if (code == O_CVR)
			r = parse_cvr(x, v);
		else if (!cvr_valid(v))
			r = msg(x, NULL, EXIT_USAGE, "%s '%s' is not a CVR "
			    "number (8 digits, modulus-11 check)", opt, v);
		break;
	case C_CASE:
		if (!case_id_valid(v))
			r = msg(x, NULL, EXIT_USAGE, "%s '%s' is not a case "
			    "number (NIS-YYYY-NNNN)", opt, v);
		break;
	case C_PORTS:
		if (!reg_ports_valid(v))
			r = msg(x, NULL, EXIT_USAGE, "%s '%s' is not a port "
			    "list (443, 22,443, 8000-8010)", opt, v);
		break;
	case C_CHOICE:
		r = choice(x, opt, v, d->choices);
		break;
	case C_REG:
		if ((why = reg_problem(d->reg, v, buf, sizeof(buf))) != NULL)
			r = msg(x, NULL, EXIT_USAGE, "%s '%s' %s", opt, v, why);
		break;
	case C_FIELD:
		if (reg_field_lookup(v) < 0)
			r = msg(x, NULL, EXIT_USAGE, "%s '%s' is not a field that "
			    "can be cleared; valid: email, phone, ip-range, host, "
			    "member-state, address, subsector, employees, turnover, "
			    "balance, flags, excluded-by, ports, covered-since, "
			    "wide-range, overlap", opt, v);
		break;
	case C_SECTOR:
	case C_EXCLUSION:
	case C_MEASURE:
		r = lookup(x, d->check, opt, v, &o->n[code]);
		break;
	default:
		/* C_TEXT: blank text says nothing (common/text.h) */
		if (!d->later && text_blank(v))
			r = msg(x, NULL, EXIT_USAGE, "%s '%s' has no visible "
			    "character", opt, esc(v));
		break;
	}
	if (r != 0)
		return r;
	if (d->repeat && l->n == LIST_MAX)
		return msg(x, NULL, EXIT_USAGE, "%s given more than %d times",
		    opt, LIST_MAX);
	if (d->repeat)
		l->v[l->n++] = v;
	o->v[code] = v;
	return 0;
}

static void
long_opt(struct option *lo, const char *name, int has_arg, int code)
{
	lo->name = name;
	lo->has_arg = has_arg;
	lo->flag = NULL;
	lo->val = 256 + code;
}

/* The getopt_long table of a command's options; shorts: "o:" or "". */
static void
optlist(const int *accept, struct option *lo, char *shorts)
{
	size_t i, k, n = 0, ns = 0;

	for (i = 0; accept[i] != O_END; i++) {
		const struct optdef *d = &optdefs[accept[i]];

		for (k = 0; accept[i] == O_FLAG && k < ENTITY_NFLAGS; k++)
			long_opt(&lo[n++], entity_flag_name(k), no_argument,
			    O_FLAG);
		if (d->name != NULL)
			long_opt(&lo[n++], d->name, d->check == C_FLAG ?
			    no_argument : required_argument, accept[i]);
		if (d->letter != 0) {
			shorts[ns++] = d->letter;
			shorts[ns++] = ':';
		}
	}
	memset(&lo[n], 0, sizeof(lo[n]));
	shorts[ns] = '\0';
}

int
getopts(struct ctx *x, int argc, char **argv, const int *accept,
    struct opts *o)
{
	struct option lo[O_NOPTS + ENTITY_NFLAGS + 1];
	char shorts[2 * O_NOPTS + 1];
	const char *v;
	size_t i;
	int c, li, code, r;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < O_NOPTS; i++)
		o->n[i] = -1;
	optlist(accept, lo, shorts);
	while ((c = getopt_long(argc, argv, shorts, lo, &li)) != -1) {
		code = c >= 256 ? c - 256 : -1;
		for (i = 0; code < 0 && c != '?' && accept[i] != O_END; i++)
			if (optdefs[accept[i]].letter == c)
				code = accept[i];
		if (code < 0)
			return bad_option(x, argv);
		v = optdefs[code].check != C_FLAG ? optarg :
		    code == O_FLAG ? lo[li].name : optdefs[code].name;
		if ((r = take(x, code, v, o)) != 0)
			return r;
	}
	return 0;
}

/* Whether the first n bytes are printable ASCII (an option's name). */
static const char *
text_problem_n(const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] < 0x21 || v[i] > 0x7e)
			return "is not an option name";
	return NULL;
}

int
check_args(struct ctx *x, int argc, char **argv)
{
	const char *why, *opt, *eq;
	int i;

	for (i = 0; i < argc; i++) {
		if ((why = text_problem(argv[i])) == NULL)
			continue;
		/* --name=VALUE or --name VALUE */
		if (strncmp(argv[i], "--", 2) == 0 &&
		    (eq = strchr(argv[i], '=')) != NULL &&
		    text_problem_n(argv[i], (size_t)(eq - argv[i])) == NULL)
			return msg(x, NULL, EXIT_USAGE, "%.*s: the value %s",
			    (int)(eq - argv[i]), argv[i], why);
		opt = i > 0 && strncmp(argv[i - 1], "--", 2) == 0 ?
		    argv[i - 1] : NULL;
		if (opt != NULL && text_problem(opt) == NULL)
			return msg(x, NULL, EXIT_USAGE, "%s: the value %s", opt,
			    why);
		return msg(x, NULL, EXIT_USAGE, "argument %d %s", i + 1, why);
	}
	return 0;
}
