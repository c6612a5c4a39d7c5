/*
 * args.c: what tilsyn-case says about its arguments and its work: every
 * failure as a message in git's manner with its exit status
 * (common/exit.h), the values options and arguments take (dates,
 * amounts, CVR, case and step numbers), the database to open, and JSON
 * on stdout.  The checks themselves are law/'s and the library's.
 */
#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/numparse.h"
#include "common/text.h"
#include "law/caltime.h"
#include "law/entity.h"
#include "casefile/cli/cli.h"

int
msg(struct ctx *x, const char *what, int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tilsyn-case: %s", x->cmd);
	if (what != NULL)
		fprintf(stderr, " '%s'", esc(what));
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

const char *
esc(const char *v)
{
	static char *ring[ESC_RING];
	static size_t next;
	char *b;
	size_t n;

	if (v == NULL)
		return "";
	n = text_escape(NULL, 0, v) + 1;
	b = realloc(ring[next], n);
	if (b == NULL)
		return "";
	ring[next] = b;
	next = (next + 1) % ESC_RING;
	(void)text_escape(b, n, v);
	return b;
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
	{ STORE_OLDER, "database", " needs its schema brought up to date, "
	    "which a command that only reads does not do (run 'tilsyn-case "
	    "init' with write access)" },
};
#define NUNUSABLE	(sizeof(unusable) / sizeof(unusable[0]))

int
open_db(struct ctx *x, int mode)
{
	const char *p = x->dbpath;
	size_t i;
	int r;

	if ((r = store_open(p, mode, &x->w.st)) == STORE_OK)
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

struct rows {
	json_t	*a;		/* -o json: the array */
	json_t	*(*json)(const union store_fields *);
	void	(*text)(const union store_fields *);
};

static int
row_one(const union store_fields *u, void *arg)
{
	struct rows *w = arg;

	if (w->a == NULL) {
		w->text(u);
		return 0;
	}
	return json_array_append_new(w->a, w->json(u)) != 0 ? STORE_NOMEM : 0;
}

int
print_rows(struct ctx *x, enum store_list l, const char *key,
    json_t *(*json)(const union store_fields *),
    void (*text)(const union store_fields *))
{
	struct rows w = { NULL, json, text };
	int r;

	if (x->json && (w.a = json_array()) == NULL)
		return fail_store(x, STORE_NOMEM);
	if ((r = store_list(x->w.st, l, key, row_one, &w)) != STORE_OK)
		r = fail_store(x, r);
	else if (w.a != NULL)
		return print_json(x, w.a);
	json_decref(w.a);
	return r;
}

int
print_json(struct ctx *x, json_t *j)
{
	char *s = j != NULL ? json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS) :
	    NULL;

	json_decref(j);
	if (s == NULL)
		return fail_store(x, STORE_NOMEM);
	puts(s);
	free(s);
	return EXIT_OK;
}
