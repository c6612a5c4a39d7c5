/*
 * args.c: tilsyn-case's arguments and what it says about them: option
 * values (dates, amounts, CVR, case and step numbers), the database to
 * open, and every failure as a message in git's manner with its exit
 * status (common/exit.h).
 */
#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/numparse.h"
#include "law/caltime.h"
#include "law/entity.h"
#include "casefile/cli/cli.h"

/* How an option's value is checked. */
enum check {
	C_TEXT,		/* text (every argument is checked as text) */
	C_FLAG,		/* no value */
	C_DAY,		/* YYYY-MM-DD: o->n gets the day number */
	C_EUR,		/* a whole, non-negative figure: o->n gets it */
	C_CVR,		/* a CVR number */
	C_CHOICE,	/* one of choices */
	C_REG		/* a value of a registration list (case.h) */
};

static const char *const bases[] = { "routine", "indication", NULL };
static const char *const classes[] = { "essential", "important", NULL };
static const char *const request_kinds[] = { "information", "access",
	"documentation", NULL };
static const char *const inspect_kinds[] = { "onsite", "offsite", "audit",
	"independent-audit", "scan", NULL };
static const char *const export_formats[] = { "xml", "json", NULL };
static const char *const letter_formats[] = { "xhtml", "text", NULL };

/* The one table of the commands' options. */
static const struct optdef {
	const char		*name;		/* NULL: a short option only */
	char			 letter;	/* its short option, or 0 */
	enum check		 check;
	bool			 repeat;	/* every value kept, in order */
	const char *const	*choices;	/* C_CHOICE */
	enum reg_list		 reg;		/* C_REG */
	const char		*not;		/* C_REG: what a bad one is not */
} optdefs[O_NOPTS] = {
	[O_ACCESS] = { "access-request", 0, C_FLAG, false, NULL, 0, NULL },
	[O_ADDRESS] = { "address", 0, C_TEXT, false, NULL, 0, NULL },
	[O_AT] = { "at", 0, C_DAY, false, NULL, 0, NULL },
	[O_BALANCE] = { "balance", 0, C_EUR, false, NULL, 0, NULL },
	[O_BASIS] = { "basis", 0, C_CHOICE, false, bases, 0, NULL },
	[O_CLASS] = { "class", 0, C_CHOICE, false, classes, 0, NULL },
	[O_CVR] = { "cvr", 0, C_CVR, false, NULL, 0, NULL },
	[O_DATE] = { "date", 0, C_DAY, false, NULL, 0, NULL },
	[O_DEADLINE] = { "deadline", 0, C_DAY, false, NULL, 0, NULL },
	[O_EMAIL] = { "email", 0, C_REG, true, NULL, REG_EMAILS,
	    "an e-mail address" },
	[O_EMPLOYEES] = { "employees", 0, C_EUR, false, NULL, 0, NULL },
	[O_EVIDENCE] = { "evidence", 0, C_TEXT, true, NULL, 0, NULL },
	[O_EXCLUDED] = { "excluded-by", 0, C_TEXT, false, NULL, 0, NULL },
	[O_EXPORT_FORMAT] = { NULL, 'o', C_CHOICE, false, export_formats, 0,
	    NULL },
	/* every flag of law/entity.c's list, by its own name */
	[O_FLAG] = { NULL, 0, C_FLAG, true, NULL, 0, NULL },
	[O_FORMAT] = { "format", 0, C_TEXT, false, NULL, 0, NULL },
	[O_GROUNDS] = { "grounds", 0, C_TEXT, false, NULL, 0, NULL },
	[O_HOST] = { "host", 0, C_REG, true, NULL, REG_HOSTS, "NAME[:PORT]" },
	[O_INDICATION] = { "indication", 0, C_TEXT, false, NULL, 0, NULL },
	[O_INSPECT_KIND] = { "kind", 0, C_CHOICE, false, inspect_kinds, 0,
	    NULL },
	[O_IP_RANGE] = { "ip-range", 0, C_REG, true, NULL, REG_IP_RANGES,
	    "an address or CIDR range" },
	[O_LEGAL] = { "legal-basis", 0, C_TEXT, false, NULL, 0, NULL },
	[O_LETTER_FORMAT] = { NULL, 'o', C_CHOICE, false, letter_formats, 0,
	    NULL },
	[O_MEASURE] = { "measure", 0, C_TEXT, false, NULL, 0, NULL },
	[O_MEMBER] = { "member-state", 0, C_REG, true, NULL,
	    REG_MEMBER_STATES, "an EU member state code (DK, DE, SE, ...)" },
	[O_NAME] = { "name", 0, C_TEXT, false, NULL, 0, NULL },
	[O_OPEN] = { "open", 0, C_FLAG, false, NULL, 0, NULL },
	[O_OUT] = { "out", 0, C_TEXT, false, NULL, 0, NULL },
	[O_PHONE] = { "phone", 0, C_REG, true, NULL, REG_PHONES,
	    "a telephone number" },
	[O_PURPOSE] = { "purpose", 0, C_TEXT, false, NULL, 0, NULL },
	[O_REASON] = { "reason", 0, C_TEXT, false, NULL, 0, NULL },
	[O_RECEIVED] = { "received", 0, C_DAY, false, NULL, 0, NULL },
	[O_REGISTERED] = { "registered", 0, C_DAY, false, NULL, 0, NULL },
	[O_REPORT] = { "report-deadline", 0, C_DAY, false, NULL, 0, NULL },
	[O_REQUEST_KIND] = { "kind", 0, C_CHOICE, false, request_kinds, 0,
	    NULL },
	[O_SECTOR] = { "sector", 0, C_TEXT, false, NULL, 0, NULL },
	[O_SPEC] = { "specification", 0, C_TEXT, false, NULL, 0, NULL },
	[O_SUBJECT] = { "subject", 0, C_TEXT, false, NULL, 0, NULL },
	[O_SUBSECTOR] = { "subsector", 0, C_TEXT, false, NULL, 0, NULL },
	[O_SUMMARY] = { "summary", 0, C_TEXT, false, NULL, 0, NULL },
	[O_TEMPLATE] = { "template", 0, C_TEXT, false, NULL, 0, NULL },
	[O_TURNOVER] = { "turnover", 0, C_EUR, false, NULL, 0, NULL },
	[O_VOLUNTARY] = { "voluntary", 0, C_FLAG, false, NULL, 0, NULL },
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

/* Checks and keeps one value of option code. */
static int
take(struct ctx *x, int code, const char *v, struct opts *o)
{
	const struct optdef *d = &optdefs[code];
	struct strlist *l = &o->list[code];
	char opt[32];
	int r = 0;

	opt_name(code, opt, sizeof(opt));
	switch (d->check) {
	case C_DAY:
		r = parse_day(x, opt, v, &o->n[code]);
		break;
	case C_EUR:
		r = parse_eur(x, opt, v, &o->n[code]);
		break;
	case C_CVR:
		r = parse_cvr(x, v);
		break;
	case C_CHOICE:
		r = choice(x, opt, v, d->choices);
		break;
	case C_REG:
		if (!reg_valid(d->reg, v))
			r = msg(x, NULL, EXIT_USAGE, "%s '%s' is not %s", opt, v,
			    d->not);
		break;
	default:
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

/* The getopt_long table of a command's options; shorts: "o:" or "". */
static void
optlist(const int *accept, struct option *lo, char *shorts)
{
	size_t i, k, n = 0, ns = 0;

	for (i = 0; accept[i] != O_END; i++) {
		const struct optdef *d = &optdefs[accept[i]];

		for (k = 0; accept[i] == O_FLAG && k < ENTITY_NFLAGS; k++) {
			lo[n].name = entity_flag_name(k);
			lo[n].has_arg = no_argument;
			lo[n].flag = NULL;
			lo[n++].val = 256 + O_FLAG;
		}
		if (d->name != NULL) {
			lo[n].name = d->name;
			lo[n].has_arg = d->check == C_FLAG ? no_argument :
			    required_argument;
			lo[n].flag = NULL;
			lo[n++].val = 256 + accept[i];
		}
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
    struct opts *o, int (*each)(struct ctx *, int, const char *, void *),
    void *arg)
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
		for (i = 0; code < 0 && accept[i] != O_END; i++)
			if (c != '?' && optdefs[accept[i]].letter == c)
				code = accept[i];
		if (code < 0)
			return bad_option(x, argv);
		v = optdefs[code].check != C_FLAG ? optarg :
		    code == O_FLAG ? lo[li].name : optdefs[code].name;
		if ((r = take(x, code, v, o)) != 0 ||
		    (each != NULL && (r = each(x, code, v, arg)) != 0))
			return r;
	}
	return 0;
}

int
msg(struct ctx *x, const char *what, int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tilsyn-case: %s", x->cmd);
	if (what != NULL)
		fprintf(stderr, " '%s'", what);
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int
fail_store(struct ctx *x, int r)
{
	if (r == STORE_NOMEM)
		return msg(x, NULL, EXIT_FAIL, "out of memory");
	return msg(x, NULL, EXIT_FAIL, "database '%s': %s", x->dbpath,
	    store_errmsg(x->w.st));
}

int
fail_case(struct ctx *x, int r, const struct case_result *res)
{
	const char *what = res->id[0] != '\0' ? res->id : NULL;

	switch (r) {
	case CASE_REFUSED:
	case CASE_EXISTS:
		return msg(x, what, EXIT_REFUSED, "%s", res->msg);
	case CASE_BADINPUT:
	case CASE_NOTFOUND:
		return msg(x, what, EXIT_USAGE, "%s", res->msg);
	case CASE_FULL:
		return msg(x, what, EXIT_FAIL, "%s", res->msg);
	case CASE_NOMEM:
		return fail_store(x, STORE_NOMEM);
	default:
		return fail_store(x, STORE_ERR);
	}
}

int
bad_option(struct ctx *x, char **argv)
{
	if (optopt != 0 && optopt < 256 && isprint(optopt))
		return msg(x, NULL, EXIT_USAGE, "unknown option '-%c' or it "
		    "needs a value", optopt);
	return msg(x, NULL, EXIT_USAGE, "unknown option '%s' or it needs a "
	    "value", argv[optind - 1]);
}

int
no_more_args(struct ctx *x, int argc, char **argv)
{
	if (optind != argc)
		return msg(x, NULL, EXIT_USAGE, "unexpected argument '%s'",
		    argv[optind]);
	return 0;
}

int
one_case(struct ctx *x, int argc, char **argv, const char **id)
{
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	*id = argv[optind];
	return parse_case(x, *id);
}

int
parse_day(struct ctx *x, const char *opt, const char *v, int64_t *day)
{
	if (caltime_parse_date(v, day) != 0)
		return msg(x, NULL, EXIT_USAGE, "%s '%s' is not a date "
		    "(YYYY-MM-DD)", opt, v);
	return 0;
}

int
parse_eur(struct ctx *x, const char *opt, const char *v, int64_t *out)
{
	int r;

	if ((r = parse_int64(v, 0, FIGURE_MAX, out)) != NUM_OK)
		return msg(x, NULL, EXIT_USAGE, "%s '%s': %s", opt, v,
		    numparse_errstr(r));
	return 0;
}

int
parse_cvr(struct ctx *x, const char *v)
{
	if (!cvr_valid(v))
		return msg(x, NULL, EXIT_USAGE, "--cvr '%s' is not a CVR number "
		    "(8 digits, modulus-11 check)", v);
	return 0;
}

int
parse_case(struct ctx *x, const char *v)
{
	if (!case_id_valid(v))
		return msg(x, v, EXIT_USAGE, "not a case number (NIS-YYYY-NNNN)");
	return 0;
}

int
parse_step(struct ctx *x, const char *case_id, const char *v, int *n)
{
	const char *p = v;
	int64_t k;
	int r;

	if (strchr(v, '/') != NULL) {
		size_t l = strlen(case_id);

		if (strncmp(v, case_id, l) != 0 || v[l] != '/')
			return msg(x, v, EXIT_USAGE, "step is not in case '%s'",
			    case_id);
		p = v + l + 1;
	}
	if ((r = parse_int64(p, 1, 1000000, &k)) != NUM_OK)
		return msg(x, v, EXIT_USAGE, "not a step (N or CASE/N): %s",
		    numparse_errstr(r));
	*n = (int)k;
	return 0;
}

/* Why a database cannot be used: "WHAT 'PATH'WHY". */
static const struct {
	int		 r;
	const char	*what, *why;
} unusable[] = {
	{ STORE_NODB, "no database", " (run 'tilsyn-case init' first)" },
	{ STORE_BADFILE, "database", " is not a regular file (or is a "
	    "symbolic link)" },
	{ STORE_NOTDB, "database", " is not an SQLite database" },
	{ STORE_NOINIT, "database", " has no case file schema (run "
	    "'tilsyn-case init' first)" },
};
#define NUNUSABLE	(sizeof(unusable) / sizeof(unusable[0]))

int
open_db(struct ctx *x, int create)
{
	const char *p = x->dbpath;
	size_t i;
	int r;

	if ((r = store_open(p, create, &x->w.st)) == STORE_OK)
		return 0;
	for (i = 0; i < NUNUSABLE && unusable[i].r != r; i++)
		;
	if (i < NUNUSABLE)
		r = msg(x, NULL, EXIT_USAGE, "%s '%s'%s", unusable[i].what, p,
		    unusable[i].why);
	else if (r == STORE_NEWER)
		r = msg(x, NULL, EXIT_USAGE, "database '%s' has %s; this "
		    "tilsyn-case knows up to %d (use a newer tilsyn-case)", p,
		    store_errmsg(x->w.st), STORE_SCHEMA_VERSION);
	else if (r == STORE_CANTOPEN)
		r = msg(x, NULL, EXIT_USAGE, "database '%s': %s", p,
		    store_errmsg(x->w.st));
	else
		r = fail_store(x, r);
	store_close(&x->w.st);
	return r;
}

int
print_rows(struct ctx *x, enum store_list l, const char *key,
    int (*fn)(const union store_fields *, void *))
{
	json_t *a = NULL;
	int r;

	if (x->json && (a = json_array()) == NULL)
		return fail_store(x, STORE_NOMEM);
	if ((r = store_list(x->w.st, l, key, fn, a)) != STORE_OK)
		r = fail_store(x, r);
	else
		r = a != NULL ? print_json(x, a) : EXIT_OK;
	json_decref(a);
	return r;
}

int
print_json(struct ctx *x, json_t *j)
{
	char *s;

	if (j == NULL || (s = json_dumps(j, JSON_INDENT(2) |
	    JSON_SORT_KEYS)) == NULL)
		return fail_store(x, STORE_NOMEM);
	puts(s);
	free(s);
	return EXIT_OK;
}

void
fmt_eur(int64_t v, char *buf, size_t len)
{
	char digits[32], out[48];
	size_t n, i, o = 0;

	snprintf(digits, sizeof(digits), "%" PRId64, v);
	n = strlen(digits);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, len, "EUR %s", out);
}
