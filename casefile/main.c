/*
 * tilsyn-case: the case file of a supervision, from information request
 * through hearing, decision and breach to the police referral.  This file
 * is options, printing and exit status; the law is in rules.c, the SQL in
 * store.c, the chain in journal.c and the letters in letters.c.  Every
 * command that changes something is one transaction.
 */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "config.h"
#include "common/exit.h"
#include "common/fds.h"
#include "common/netsyntax.h"
#include "common/text.h"
#include "law/basis.h"
#include "law/caltime.h"
#include "law/entity.h"
#include "casefile/journal.h"
#include "casefile/letters.h"
#include "common/numparse.h"
#include "law/rules.h"
#include "casefile/store.h"


#define EVIDENCE_MAX	(64 * 1024 * 1024)	/* bytes per file */
#define LIST_MAX	64			/* values per repeated option */

static const struct option no_options[] = { { NULL, 0, NULL, 0 } };

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
"           [--ip-range CIDR ...] [--host NAME[:PORT] ...]\n"
"           [--member-state CC ...] [--registered DATE]\n"
"       tilsyn-case entity show CVR\n"
"       tilsyn-case entity list [--class essential|important]\n"
"       tilsyn-case case open --cvr CVR --basis routine|indication\n"
"           [--indication TEXT] --subject TEXT\n"
"       tilsyn-case case list [--open]\n"
"       tilsyn-case case show CASE\n"
"       tilsyn-case case close CASE [--reason TEXT]\n"
"       tilsyn-case request CASE --kind information|access|documentation\n"
"           --purpose TEXT --specification TEXT --format TEXT --deadline DATE\n"
"           [--legal-basis TEXT] [--voluntary]\n"
"       tilsyn-case respond CASE STEP --received DATE [--summary TEXT]\n"
"       tilsyn-case inspect CASE\n"
"           --kind onsite|offsite|audit|independent-audit|scan [--date DATE]\n"
"           [--evidence FILE ...] [--summary TEXT]\n"
"       tilsyn-case incident CASE --received DATE --summary TEXT\n"
"           [--evidence FILE ...]\n"
"       tilsyn-case hearing CASE --measure MEASURE --grounds TEXT\n"
"           --deadline DATE\n"
"       tilsyn-case decide CASE --measure MEASURE --grounds TEXT\n"
"           [--deadline DATE] [--report-deadline DATE]\n"
"       tilsyn-case comply CASE STEP --date DATE\n"
"       tilsyn-case breach CASE STEP --date DATE\n"
"       tilsyn-case refer CASE --grounds TEXT [--turnover EUR]\n"
"       tilsyn-case due [--at DATE]\n"
"       tilsyn-case log CASE\n"
"       tilsyn-case export CASE [-o xml|json] [--access-request]\n"
"       tilsyn-case letter CASE STEP [--template NAME|FILE] [-o xhtml|text]\n"
"           [--out FILE]\n"
"       tilsyn-case verify\n"
"\n"
"MEASURE: warning (advarsel), binding-instruction (bindende-instruks),\n"
"order (påbud), prohibition (forbud), notify-recipients, implement-audit,\n"
"publish, remedy-order, monitoring-officer, suspension (§ 23).\n"
"Database: --db, else $TILSYN_DB, else ./tilsyn.db.  See tilsyn-case(1).\n";

struct ctx {
	const char	*dbpath;
	struct store	*st;
	char		 actor[64];
	int64_t		 now;		/* seconds since the epoch */
	int64_t		 today;		/* Copenhagen day number */
	char		 today_s[DATE_LEN];
	char		 now_s[32];	/* --now, UTC, when given */
	char		 clock_s[32];	/* the real clock: event time, UTC */
	int		 now_given;	/* --now or TILSYN_NOW */
	int		 json;
	const char	*cmd;		/* "request", "case open", ... */
};

/* One loaded case, as the rules and the printers see it. */
struct loaded {
	struct case_row		 c;
	struct entity_row	 e;
	struct step_row		*steps;
	size_t			 nsteps;
	struct rstep		*rs;
	struct rcase		 rc;
	int			 have_c, have_e;
};

static int
msg(struct ctx *x, const char *what, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * git-style message on stderr: "tilsyn-case: CMD 'WHAT': text"; returns
 * status so callers can `return msg(...)`.
 */
static int
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

static int
store_fail(struct ctx *x, int r)
{
	if (r == STORE_NOMEM)
		return msg(x, NULL, EXIT_FAIL, "out of memory");
	return msg(x, NULL, EXIT_FAIL, "database '%s': %s", x->dbpath,
	    store_errmsg(x->st));
}

/* Options of a subcommand: getopt_long, and errors in our words. */
static int
bad_option(struct ctx *x, char **argv)
{
	if (optopt != 0 && optopt < 256 && isprint(optopt))
		return msg(x, NULL, EXIT_USAGE, "unknown option '-%c' or it "
		    "needs a value", optopt);
	return msg(x, NULL, EXIT_USAGE, "unknown option '%s' or it needs a "
	    "value", argv[optind - 1]);
}

static int
parse_day(struct ctx *x, const char *opt, const char *v, int64_t *day)
{
	if (caltime_parse_date(v, day) != 0)
		return msg(x, NULL, EXIT_USAGE, "%s '%s' is not a date "
		    "(YYYY-MM-DD)", opt, v);
	return 0;
}

static int
parse_eur(struct ctx *x, const char *opt, const char *v, int64_t *out)
{
	int r;

	if ((r = parse_int64(v, 0, FIGURE_MAX, out)) != NUM_OK)
		return msg(x, NULL, EXIT_USAGE, "%s '%s': %s", opt, v,
		    numparse_errstr(r));
	return 0;
}

static int
check_cvr(struct ctx *x, const char *v)
{
	if (!cvr_valid(v))
		return msg(x, NULL, EXIT_USAGE, "--cvr '%s' is not a CVR number "
		    "(8 digits, modulus-11 check)", v);
	return 0;
}

static int
case_id_valid(const char *s)
{
	int i;

	if (strlen(s) != 13 || strncmp(s, "NIS-", 4) != 0 || s[8] != '-')
		return 0;
	for (i = 4; i < 13; i++)
		if (i != 8 && !isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
parse_case(struct ctx *x, const char *v)
{
	if (!case_id_valid(v))
		return msg(x, v, EXIT_USAGE, "not a case number (NIS-YYYY-NNNN)");
	return 0;
}

/* STEP is "N" or "CASE/N" of the same case. */
static int
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

static int
open_db(struct ctx *x, int create)
{
	int r;

	if ((r = store_open(x->dbpath, create, &x->st)) == STORE_OK)
		return 0;
	switch (r) {
	case STORE_NODB:
		r = msg(x, NULL, EXIT_USAGE, "no database '%s' (run "
		    "'tilsyn-case init' first)", x->dbpath);
		break;
	case STORE_BADFILE:
		r = msg(x, NULL, EXIT_USAGE, "database '%s' is not a regular "
		    "file (or is a symbolic link)", x->dbpath);
		break;
	case STORE_NEWER:
		r = msg(x, NULL, EXIT_USAGE, "database '%s' has %s; this "
		    "tilsyn-case knows up to %d (use a newer tilsyn-case)",
		    x->dbpath, store_errmsg(x->st), STORE_SCHEMA_VERSION);
		break;
	case STORE_NOTDB:
		r = msg(x, NULL, EXIT_USAGE, "database '%s' is not an SQLite "
		    "database", x->dbpath);
		break;
	case STORE_NOINIT:
		r = msg(x, NULL, EXIT_USAGE, "database '%s' has no case file "
		    "schema (run 'tilsyn-case init' first)", x->dbpath);
		break;
	case STORE_CANTOPEN:
		r = msg(x, NULL, EXIT_USAGE, "database '%s': %s", x->dbpath,
		    store_errmsg(x->st));
		break;
	default:
		r = store_fail(x, r);
	}
	store_close(&x->st);
	return r;
}

static char *
dumps(json_t *j)
{
	return json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
}

static void
print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);

	if (s != NULL) {
		puts(s);
		free(s);
	}
}

/* An event outside any step (entity, case open/close, init). */
static int
append_event(struct ctx *x, const char *case_id, const char *kind,
    json_t *payload, int64_t *seq)
{
	struct journal_event ev;
	char *p;
	int r;

	/*
	 * The journal keeps the real time of each event; a --now that moved
	 * "today" is recorded beside it, never in its place.
	 */
	if (x->now_given && json_object_set_new(payload, "as_of",
	    json_string(x->now_s)) != 0)
		return STORE_NOMEM;
	p = dumps(payload);
	if (x->now_given)
		(void)json_object_del(payload, "as_of");
	if (p == NULL)
		return STORE_NOMEM;
	ev.case_id = case_id;
	ev.time = x->clock_s;
	ev.actor = x->actor;
	ev.kind = kind;
	ev.payload = p;
	r = journal_append(x->st, &ev, seq);
	free(p);
	return r;
}

static enum entity_class
class_from(const char *s)
{
	int i;

	for (i = CLASS_NOT_COVERED; i <= CLASS_UNDETERMINED; i++)
		if (strcmp(class_name((enum entity_class)i), s) == 0)
			return (enum entity_class)i;
	return CLASS_UNDETERMINED;
}

static int64_t
day_or_none(const char *s)
{
	int64_t d;

	if (*s == '\0' || caltime_parse_date(s, &d) != 0)
		return -1;
	return d;
}

static void
loaded_release(struct loaded *L)
{
	if (L->have_c)
		case_row_release(&L->c);
	if (L->have_e)
		entity_row_release(&L->e);
	steps_free(&L->steps, L->nsteps);
	free(L->rs);
	memset(L, 0, sizeof(*L));
}

/* Loads a case, its entity and its steps, and the rules' view of them. */
static int
load_case(struct ctx *x, const char *id, struct loaded *L)
{
	size_t i;
	int r;

	memset(L, 0, sizeof(*L));
	if ((r = store_case_get(x->st, id, &L->c)) == STORE_NOTFOUND)
		return msg(x, id, EXIT_USAGE, "no such case");
	if (r != STORE_OK)
		return store_fail(x, r);
	L->have_c = 1;
	if ((r = store_entity_get(x->st, L->c.cvr, &L->e)) != STORE_OK)
		return store_fail(x, r);
	L->have_e = 1;
	if ((r = store_steps_load(x->st, id, &L->steps, &L->nsteps)) !=
	    STORE_OK)
		return store_fail(x, r);
	if ((L->rs = calloc(L->nsteps + 1, sizeof(*L->rs))) == NULL)
		return store_fail(x, STORE_NOMEM);
	for (i = 0; i < L->nsteps; i++) {
		struct step_row *s = &L->steps[i];
		struct rstep *q = &L->rs[i];
		enum step_kind k;

		q->n = s->n;
		q->kind = step_kind_lookup(s->kind, &k) == 0 ? k :
		    STEP_KIND_COUNT;
		if (s->measure[0] == '\0' ||
		    measure_lookup(s->measure, &q->measure) != 0)
			q->measure = M_NONE;
		q->date = day_or_none(s->date);
		q->deadline = day_or_none(s->deadline);
		q->report_deadline = day_or_none(s->report_deadline);
		q->ref = s->ref;
	}
	L->rc.cls = class_from(L->e.cls);
	L->rc.public_admin = L->e.public_admin != 0;
	L->rc.closed = L->c.closed[0] != '\0';
	L->rc.criminal = L->c.criminal != 0;
	L->rc.steps = L->rs;
	L->rc.nsteps = L->nsteps;
	return 0;
}

/* Prints a refusal of the rules; returns its exit status. */
static int
refused(struct ctx *x, const char *what, int status, const struct refusal *rf)
{
	return msg(x, what, status == RULES_BADINPUT ? EXIT_USAGE : EXIT_REFUSED,
	    "%s", rf->msg);
}

/*
 * Appends step s (its data JSON taken over) to the loaded case: journal
 * event first, then the step row that points at it.  *n gets the number.
 */
static int
add_step(struct ctx *x, struct loaded *L, struct step_row *s, json_t *data)
{
	json_t *payload = NULL;
	int64_t seq;
	char *d = NULL;
	int r = STORE_NOMEM;

	snprintf(s->case_id, sizeof(s->case_id), "%s", L->c.id);
	snprintf(s->actor, sizeof(s->actor), "%s", x->actor);
	if (s->date[0] == '\0')
		snprintf(s->date, sizeof(s->date), "%s", x->today_s);
	if ((r = store_step_next(x->st, L->c.id, &s->n)) != STORE_OK)
		goto out;
	r = STORE_NOMEM;
	if ((d = dumps(data)) == NULL)
		goto out;
	payload = json_pack("{s:i, s:s, s:s, s:O}", "step", s->n, "kind",
	    s->kind, "date", s->date, "data", data);
	if (payload == NULL)
		goto out;
	if ((s->measure[0] != '\0' && json_object_set_new(payload, "measure",
	    json_string(s->measure)) != 0) ||
	    (s->deadline[0] != '\0' && json_object_set_new(payload, "deadline",
	    json_string(s->deadline)) != 0) ||
	    (s->report_deadline[0] != '\0' && json_object_set_new(payload,
	    "report_deadline", json_string(s->report_deadline)) != 0) ||
	    (s->ref > 0 && json_object_set_new(payload, "ref",
	    json_integer(s->ref)) != 0))
		goto out;
	if ((r = append_event(x, L->c.id, s->kind, payload, &seq)) !=
	    STORE_OK)
		goto out;
	s->data = d;
	r = store_step_insert(x->st, s, seq);
	s->data = NULL;
 out:
	free(d);
	json_decref(payload);
	return r;
}

/* Commits and prints "CASE/N"; the print comes only after the commit. */
static int
commit_step_with(struct ctx *x, const struct step_row *s, json_t *extra)
{
	int r;

	if ((r = store_commit(x->st)) != STORE_OK)
		return store_fail(x, r);
	if (x->json) {
		char id[64];
		json_t *j;

		snprintf(id, sizeof(id), "%s/%d", s->case_id, s->n);
		j = json_pack("{s:s, s:s}", "id", id, "kind", s->kind);
		if (j != NULL && extra != NULL)
			json_object_update(j, extra);
		print_json(j);
		json_decref(j);
	} else
		printf("%s/%d\n", s->case_id, s->n);
	return EXIT_OK;
}

static int
commit_step(struct ctx *x, const struct step_row *s)
{
	return commit_step_with(x, s, NULL);
}

/* Begins the transaction and loads the case. */
static int
begin_case(struct ctx *x, const char *id, struct loaded *L)
{
	int r;

	memset(L, 0, sizeof(*L));
	if ((r = parse_case(x, id)) != 0)
		return r;
	if ((r = store_begin(x->st)) != STORE_OK)
		return store_fail(x, r);
	return load_case(x, id, L);
}

/* The step id the next step would get, for messages. */
static void
next_id(struct loaded *L, char *buf, size_t len)
{
	int n = L->nsteps > 0 ? L->steps[L->nsteps - 1].n + 1 : 1;

	snprintf(buf, len, "%s/%d", L->c.id, n);
}

/* ---- init ---- */

static int
cmd_init(struct ctx *x, int argc, char **argv)
{
	json_t *p = NULL;
	char *head = NULL;
	int r, v = 0;

	(void)argv;
	if (argc > 1)
		return msg(x, NULL, EXIT_USAGE, "takes no arguments");
	if ((r = open_db(x, 1)) != 0)
		return r;
	if ((r = store_begin(x->st)) != STORE_OK)
		return store_fail(x, r);
	r = store_meta_get(x->st, "journal_seq", &head);
	free(head);
	if (r == STORE_NOTFOUND) {
		/* The first event: the chain starts here. */
		p = json_pack("{s:i}", "schema", STORE_SCHEMA_VERSION);
		r = p == NULL ? STORE_NOMEM : append_event(x, NULL, "init", p,
		    NULL);
		json_decref(p);
	}
	if (r != STORE_OK || (r = store_schema_version(x->st, &v)) !=
	    STORE_OK || (r = store_commit(x->st)) != STORE_OK)
		return store_fail(x, r);
	printf("%s: schema version %d\n", x->dbpath, v);
	return EXIT_OK;
}

/* ---- entity ---- */

struct strlist {
	const char	*v[LIST_MAX];
	size_t		 n;
};

static int
list_add(struct ctx *x, struct strlist *l, const char *opt, const char *v)
{
	if (l->n == LIST_MAX)
		return msg(x, NULL, EXIT_USAGE, "%s given more than %d times",
		    opt, LIST_MAX);
	l->v[l->n++] = v;
	return 0;
}

static json_t *
list_json(const struct strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

/* A registered host: NAME[:PORT], the scanner's host-name syntax. */
static int
check_host(const char *v)
{
	const char *colon = strrchr(v, ':');
	size_t len = colon != NULL ? (size_t)(colon - v) : strlen(v);
	uint16_t port;

	if (!host_name_valid(v, len) ||
	    (colon != NULL && port_parse(colon + 1, &port) != 0))
		return -1;
	return 0;
}

enum {
	O_CVR = 256, O_NAME, O_SECTOR, O_SUBSECTOR, O_EMPLOYEES, O_TURNOVER,
	O_BALANCE, O_FLAG, O_EXCLUDED, O_ADDRESS, O_EMAIL, O_PHONE, O_IPRANGE,
	O_HOST, O_MEMBER, O_REGISTERED, O_CLASS, O_BASIS, O_INDICATION,
	O_SUBJECT, O_OPEN, O_REASON, O_KIND, O_PURPOSE, O_SPEC, O_FORMAT,
	O_DEADLINE, O_LEGAL, O_VOLUNTARY, O_RECEIVED, O_SUMMARY, O_DATE,
	O_EVIDENCE, O_MEASURE, O_GROUNDS, O_REPORT, O_AT, O_ACCESS,
	O_TEMPLATE, O_OUT
};

static int
entity_add(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "cvr", required_argument, NULL, O_CVR },
		{ "name", required_argument, NULL, O_NAME },
		{ "sector", required_argument, NULL, O_SECTOR },
		{ "subsector", required_argument, NULL, O_SUBSECTOR },
		{ "employees", required_argument, NULL, O_EMPLOYEES },
		{ "turnover", required_argument, NULL, O_TURNOVER },
		{ "balance", required_argument, NULL, O_BALANCE },
		{ "state-body", no_argument, NULL, O_FLAG },
		{ "critical-entity", no_argument, NULL, O_FLAG },
		{ "sole-provider", no_argument, NULL, O_FLAG },
		{ "public-impact", no_argument, NULL, O_FLAG },
		{ "qualified-trust-service", no_argument, NULL, O_FLAG },
		{ "tld-registry", no_argument, NULL, O_FLAG },
		{ "dns-provider", no_argument, NULL, O_FLAG },
		{ "municipality", no_argument, NULL, O_FLAG },
		{ "region", no_argument, NULL, O_FLAG },
		{ "public-ecomm", no_argument, NULL, O_FLAG },
		{ "designated-important", no_argument, NULL, O_FLAG },
		{ "excluded-by", required_argument, NULL, O_EXCLUDED },
		{ "address", required_argument, NULL, O_ADDRESS },
		{ "email", required_argument, NULL, O_EMAIL },
		{ "phone", required_argument, NULL, O_PHONE },
		{ "ip-range", required_argument, NULL, O_IPRANGE },
		{ "host", required_argument, NULL, O_HOST },
		{ "member-state", required_argument, NULL, O_MEMBER },
		{ "registered", required_argument, NULL, O_REGISTERED },
		{ NULL, 0, NULL, 0 }
	};
	struct entity_facts f;
	struct classification cl;
	struct entity_row row;
	struct cidr cidr;
	struct strlist emails = { 0 }, phones = { 0 }, ranges = { 0 };
	struct strlist hosts = { 0 }, states = { 0 }, flags = { 0 };
	const char *cvr = NULL, *name = NULL, *address = NULL, *reg = NULL;
	enum sector sec;
	json_t *j = NULL, *a;
	char errbuf[256], *data = NULL;
	int64_t day;
	size_t i;
	int c, li, r;

	entity_facts_init(&f);
	while ((c = getopt_long(argc, argv, "", lo, &li)) != -1) {
		r = 0;
		switch (c) {
		case O_CVR:
			cvr = optarg;
			r = check_cvr(x, optarg);
			break;
		case O_NAME:
			name = optarg;
			break;
		case O_SECTOR:
			if (sector_lookup(optarg, &sec) != 0)
				return msg(x, NULL, EXIT_USAGE, "--sector '%s' "
				    "is not a sector; valid: %s", optarg,
				    sector_slug_list());
			f.sectors |= 1u << sec;
			break;
		case O_SUBSECTOR:
			f.subsector = optarg;
			break;
		case O_EMPLOYEES:
			r = parse_eur(x, "--employees", optarg, &f.employees);
			break;
		case O_TURNOVER:
			r = parse_eur(x, "--turnover", optarg, &f.turnover_eur);
			break;
		case O_BALANCE:
			r = parse_eur(x, "--balance", optarg, &f.balance_eur);
			break;
		case O_FLAG:
			if (entity_set_flag(&f, lo[li].name) != 0)
				return msg(x, NULL, EXIT_FAIL, "--%s: no such "
				    "entity fact", lo[li].name);
			r = list_add(x, &flags, "flags", lo[li].name);
			break;
		case O_EXCLUDED:
			if (exclusion_lookup(optarg, &f.excluded_by) != 0)
				return msg(x, NULL, EXIT_USAGE, "--excluded-by "
				    "'%s': valid: energy, telecom, finance",
				    optarg);
			break;
		case O_ADDRESS:
			address = optarg;
			break;
		case O_EMAIL:
			if (strchr(optarg, '@') == NULL ||
			    strchr(optarg, ' ') != NULL)
				return msg(x, NULL, EXIT_USAGE, "--email '%s' is "
				    "not an e-mail address", optarg);
			r = list_add(x, &emails, "--email", optarg);
			break;
		case O_PHONE:
			if (strspn(optarg, "+0123456789 ") != strlen(optarg) ||
			    strlen(optarg) < 8)
				return msg(x, NULL, EXIT_USAGE, "--phone '%s' is "
				    "not a telephone number", optarg);
			r = list_add(x, &phones, "--phone", optarg);
			break;
		case O_IPRANGE:
			if (cidr_parse(optarg, &cidr) != CIDR_OK)
				return msg(x, NULL, EXIT_USAGE, "--ip-range '%s' "
				    "is not an address or CIDR range", optarg);
			r = list_add(x, &ranges, "--ip-range", optarg);
			break;
		case O_HOST:
			if (check_host(optarg) != 0)
				return msg(x, NULL, EXIT_USAGE, "--host '%s' is "
				    "not NAME[:PORT]", optarg);
			r = list_add(x, &hosts, "--host", optarg);
			break;
		case O_MEMBER:
			if (!member_state_valid(optarg))
				return msg(x, NULL, EXIT_USAGE, "--member-state "
				    "'%s' is not an EU member state code "
				    "(DK, DE, SE, ...)", optarg);
			r = list_add(x, &states, "--member-state", optarg);
			break;
		case O_REGISTERED:
			reg = optarg;
			r = parse_day(x, "--registered", optarg, &day);
			break;
		default:
			return bad_option(x, argv);
		}
		if (r != 0)
			return r;
	}
	if (optind != argc)
		return msg(x, NULL, EXIT_USAGE, "unexpected argument '%s'",
		    argv[optind]);
	if (cvr == NULL)
		return msg(x, NULL, EXIT_USAGE, "--cvr is required");
	if (text_blank(name))
		return msg(x, NULL, EXIT_USAGE, "--name is required");
	if (f.sectors == 0)
		return msg(x, NULL, EXIT_USAGE, "--sector is required");
	if (entity_facts_check(&f, errbuf, sizeof(errbuf)) != 0)
		return msg(x, cvr, EXIT_USAGE, "%s", errbuf);
	classify(&f, &cl);

	if ((j = json_pack("{s:s, s:s, s:s, s:s}", "cvr", cvr, "name", name,
	    "class", class_name(cl.cls), "size", size_name(cl.size))) == NULL)
		goto nomem;
	a = json_array();
	for (i = 0; i < SECTOR_COUNT; i++)
		if (f.sectors & (1u << i))
			json_array_append_new(a,
			    json_string(sector_slug((enum sector)i)));
	json_object_set_new(j, "sectors", a);
	if (f.subsector != NULL)
		json_object_set_new(j, "subsector", json_string(f.subsector));
	if (f.employees != FIGURE_UNKNOWN)
		json_object_set_new(j, "employees", json_integer(f.employees));
	if (f.turnover_eur != FIGURE_UNKNOWN)
		json_object_set_new(j, "turnover_eur",
		    json_integer(f.turnover_eur));
	if (f.balance_eur != FIGURE_UNKNOWN)
		json_object_set_new(j, "balance_eur",
		    json_integer(f.balance_eur));
	if (f.excluded_by != EXCL_NONE)
		json_object_set_new(j, "excluded_by",
		    json_string(exclusion_name(f.excluded_by)));
	json_object_set_new(j, "flags", list_json(&flags));
	a = json_array();
	for (i = 0; i < cl.nbasis; i++)
		json_array_append_new(a, json_string(basis_text(cl.basis[i])));
	json_object_set_new(j, "basis", a);
	if (address != NULL)
		json_object_set_new(j, "address", json_string(address));
	json_object_set_new(j, "emails", list_json(&emails));
	json_object_set_new(j, "phones", list_json(&phones));
	json_object_set_new(j, "ip_ranges", list_json(&ranges));
	json_object_set_new(j, "hosts", list_json(&hosts));
	json_object_set_new(j, "member_states", list_json(&states));
	if (reg != NULL)
		json_object_set_new(j, "registered", json_string(reg));
	if ((data = dumps(j)) == NULL)
		goto nomem;

	memset(&row, 0, sizeof(row));
	snprintf(row.cvr, sizeof(row.cvr), "%s", cvr);
	snprintf(row.cls, sizeof(row.cls), "%s", class_name(cl.cls));
	row.name = (char *)name;
	row.data = data;
	row.public_admin = rules_public_admin((f.sectors &
	    (1u << SECTOR_PUBLIC_ADMIN)) != 0, f.state_body, f.region);
	row.turnover = f.turnover_eur;
	if ((r = store_begin(x->st)) != STORE_OK)
		goto fail;
	if ((r = store_entity_insert(x->st, &row)) == STORE_EXISTS) {
		r = msg(x, cvr, EXIT_REFUSED, "already registered");
		goto out;
	}
	if (r != STORE_OK ||
	    (r = append_event(x, NULL, "entity-add", j, NULL)) != STORE_OK ||
	    (r = store_commit(x->st)) != STORE_OK)
		goto fail;
	if (x->json)
		print_json(j);
	else
		printf("%s %s\n", cvr, class_name(cl.cls));
	r = EXIT_OK;
	goto out;
 nomem:
	r = STORE_NOMEM;
 fail:
	r = store_fail(x, r);
 out:
	store_rollback(x->st);
	free(data);
	json_decref(j);
	return r;
}

static void
print_list(json_t *j, const char *key, const char *label)
{
	json_t *a = json_object_get(j, key), *v;
	size_t i;

	json_array_foreach(a, i, v)
		printf("%-14s%s\n", i == 0 ? label : "", json_string_value(v));
}

static void
print_fig(json_t *j, const char *key, const char *label, const char *unit)
{
	json_t *v = json_object_get(j, key);

	if (json_is_integer(v))
		printf("%-14s%s%" JSON_INTEGER_FORMAT "\n", label, unit,
		    json_integer_value(v));
}

static int
entity_show(struct ctx *x, int argc, char **argv)
{
	struct entity_row e;
	json_t *j, *a, *v;
	json_error_t je;
	size_t i;
	int r;

	if (getopt_long(argc, argv, "", no_options, NULL) !=
	    -1)
		return bad_option(x, argv);
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one CVR number");
	if (check_cvr(x, argv[optind]) != 0)
		return EXIT_USAGE;
	if ((r = store_entity_get(x->st, argv[optind], &e)) == STORE_NOTFOUND)
		return msg(x, argv[optind], EXIT_USAGE, "no such entity");
	if (r != STORE_OK)
		return store_fail(x, r);
	if ((j = json_loads(e.data, 0, &je)) == NULL) {
		entity_row_release(&e);
		return msg(x, argv[optind], EXIT_FAIL, "stored entity is not "
		    "JSON");
	}
	if (x->json)
		print_json(j);
	else {
		printf("%-14s%s\n", "cvr:", e.cvr);
		printf("%-14s%s\n", "name:", e.name);
		printf("%-14s%s", "class:", e.cls);
		a = json_object_get(j, "basis");
		json_array_foreach(a, i, v)
			printf("%s%s", i == 0 ? " (" : "; ",
			    json_string_value(v));
		printf("%s\n", json_array_size(a) ? ")" : "");
		printf("%-14s%s\n", "size:",
		    json_string_value(json_object_get(j, "size")));
		print_list(j, "sectors", "sectors:");
		print_fig(j, "employees", "employees:", "");
		print_fig(j, "turnover_eur", "turnover:", "EUR ");
		print_fig(j, "balance_eur", "balance:", "EUR ");
		print_list(j, "flags", "flags:");
		if ((v = json_object_get(j, "address")) != NULL)
			printf("%-14s%s\n", "address:", json_string_value(v));
		print_list(j, "emails", "e-mail:");
		print_list(j, "phones", "phone:");
		print_list(j, "ip_ranges", "ip-range:");
		print_list(j, "hosts", "host:");
		print_list(j, "member_states", "member-state:");
		if ((v = json_object_get(j, "registered")) != NULL)
			printf("%-14s%s\n", "registered:",
			    json_string_value(v));
	}
	json_decref(j);
	entity_row_release(&e);
	return EXIT_OK;
}

static int
entity_list_one(const struct entity_row *e, void *arg)
{
	json_t *a = arg;

	if (a != NULL)
		return json_array_append_new(a, json_pack("{s:s, s:s, s:s}",
		    "cvr", e->cvr, "name", e->name, "class", e->cls));
	printf("%s  %-11s  %s\n", e->cvr, e->cls, e->name);
	return 0;
}

static int
entity_list(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "class", required_argument, NULL, O_CLASS },
		{ NULL, 0, NULL, 0 }
	};
	const char *cls = NULL;
	json_t *a = NULL;
	int c, r;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c != O_CLASS)
			return bad_option(x, argv);
		if (strcmp(optarg, "essential") != 0 &&
		    strcmp(optarg, "important") != 0)
			return msg(x, NULL, EXIT_USAGE, "--class '%s': valid: "
			    "essential, important", optarg);
		cls = optarg;
	}
	if (optind != argc)
		return msg(x, NULL, EXIT_USAGE, "unexpected argument '%s'",
		    argv[optind]);
	if (x->json && (a = json_array()) == NULL)
		return store_fail(x, STORE_NOMEM);
	if ((r = store_entity_each(x->st, cls, entity_list_one, a)) !=
	    STORE_OK) {
		json_decref(a);
		return store_fail(x, r);
	}
	if (a != NULL)
		print_json(a);
	json_decref(a);
	return EXIT_OK;
}

/* ---- case ---- */

static int
case_open(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "cvr", required_argument, NULL, O_CVR },
		{ "basis", required_argument, NULL, O_BASIS },
		{ "indication", required_argument, NULL, O_INDICATION },
		{ "subject", required_argument, NULL, O_SUBJECT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cvr = NULL, *basis = NULL, *ind = NULL, *subject = NULL;
	struct entity_row e;
	struct case_row cr;
	struct refusal rf;
	json_t *p = NULL;
	int c, r, y, m, d, have_e = 0;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case O_CVR:
			if ((r = check_cvr(x, optarg)) != 0)
				return r;
			cvr = optarg;
			break;
		case O_BASIS:
			if (strcmp(optarg, "routine") != 0 &&
			    strcmp(optarg, "indication") != 0)
				return msg(x, NULL, EXIT_USAGE, "--basis '%s': "
				    "valid: routine, indication", optarg);
			basis = optarg;
			break;
		case O_INDICATION:
			ind = optarg;
			break;
		case O_SUBJECT:
			subject = optarg;
			break;
		default:
			return bad_option(x, argv);
		}
	}
	if (optind != argc)
		return msg(x, NULL, EXIT_USAGE, "unexpected argument '%s'",
		    argv[optind]);
	if (cvr == NULL)
		return msg(x, NULL, EXIT_USAGE, "--cvr is required");
	if (basis == NULL)
		return msg(x, NULL, EXIT_USAGE, "--basis is required");
	if (text_blank(subject))
		return msg(x, NULL, EXIT_USAGE, "--subject is required");
	if (strcmp(basis, "routine") == 0 && ind != NULL)
		return msg(x, NULL, EXIT_USAGE, "--indication goes with --basis "
		    "indication");

	memset(&cr, 0, sizeof(cr));
	if ((r = store_begin(x->st)) != STORE_OK)
		goto fail;
	if ((r = store_entity_get(x->st, cvr, &e)) == STORE_NOTFOUND) {
		r = msg(x, cvr, EXIT_USAGE, "no such entity (register it with "
		    "'tilsyn-case entity add')");
		goto out;
	}
	if (r != STORE_OK)
		goto fail;
	have_e = 1;
	if ((r = rules_open_case(class_from(e.cls),
	    strcmp(basis, "routine") == 0, ind, &rf)) != RULES_OK) {
		r = refused(x, cvr, r, &rf);
		goto out;
	}
	civil_from_days(x->today, &y, &m, &d);
	cr.year = y;
	if ((r = store_case_next_seq(x->st, y, &cr.seq)) != STORE_OK)
		goto fail;
	if (cr.seq > 9999) {
		r = msg(x, NULL, EXIT_FAIL, "case numbers of %d are used up", y);
		goto out;
	}
	snprintf(cr.id, sizeof(cr.id), "NIS-%04d-%04d", y, cr.seq);
	snprintf(cr.cvr, sizeof(cr.cvr), "%s", cvr);
	snprintf(cr.opened, sizeof(cr.opened), "%s", x->today_s);
	cr.basis = (char *)basis;
	cr.indication = (char *)ind;
	cr.subject = (char *)subject;
	if ((p = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "case", cr.id,
	    "cvr", cvr, "basis", basis, "subject", subject, "opened",
	    cr.opened, "supervision", basis_text(rules_supervision_basis(
	    class_from(e.cls))))) == NULL) {
		r = STORE_NOMEM;
		goto fail;
	}
	if (ind != NULL)
		json_object_set_new(p, "indication", json_string(ind));
	if ((r = store_case_insert(x->st, &cr)) != STORE_OK ||
	    (r = append_event(x, cr.id, "case-open", p, NULL)) != STORE_OK ||
	    (r = store_commit(x->st)) != STORE_OK)
		goto fail;
	printf("%s\n", cr.id);
	r = EXIT_OK;
	goto out;
 fail:
	r = store_fail(x, r);
 out:
	store_rollback(x->st);
	json_decref(p);
	if (have_e)
		entity_row_release(&e);
	return r;
}

static int
case_list_one(const struct case_row *c, void *arg)
{
	json_t *a = arg;

	if (a != NULL)
		return json_array_append_new(a, json_pack("{s:s, s:s, s:s, "
		    "s:s, s:s, s:b}", "case", c->id, "cvr", c->cvr, "entity",
		    c->entity_name, "subject", c->subject, "opened", c->opened,
		    "open", c->closed[0] == '\0'));
	printf("%s  %-6s  %s  %s: %s\n", c->id, c->closed[0] ? "closed" :
	    "open", c->cvr, c->entity_name, c->subject);
	return 0;
}

static int
case_list(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "open", no_argument, NULL, O_OPEN },
		{ NULL, 0, NULL, 0 }
	};
	json_t *a = NULL;
	int c, r, open_only = 0;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c != O_OPEN)
			return bad_option(x, argv);
		open_only = 1;
	}
	if (optind != argc)
		return msg(x, NULL, EXIT_USAGE, "unexpected argument '%s'",
		    argv[optind]);
	if (x->json && (a = json_array()) == NULL)
		return store_fail(x, STORE_NOMEM);
	if ((r = store_case_each(x->st, open_only, case_list_one, a)) !=
	    STORE_OK) {
		json_decref(a);
		return store_fail(x, r);
	}
	if (a != NULL)
		print_json(a);
	json_decref(a);
	return EXIT_OK;
}

/* "request information", "decision warning", ... for listings. */
static void
step_title(const struct step_row *s, char *buf, size_t len)
{
	json_t *d = json_loads(s->data, 0, NULL);
	const char *k = json_string_value(json_object_get(d, "kind"));

	if (s->measure[0] != '\0')
		snprintf(buf, len, "%s %s", s->kind, s->measure);
	else if (k != NULL)
		snprintf(buf, len, "%s %s", s->kind, k);
	else
		snprintf(buf, len, "%s", s->kind);
	json_decref(d);
}

static void
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

static json_t *
steps_json(const struct loaded *L)
{
	json_t *a = json_array(), *s;
	size_t i;

	for (i = 0; a != NULL && i < L->nsteps; i++) {
		const struct step_row *p = &L->steps[i];

		s = json_pack("{s:i, s:s, s:s, s:s, s:o*}", "step", p->n,
		    "kind", p->kind, "date", p->date, "actor", p->actor,
		    "data", json_loads(p->data, 0, NULL));
		if (s == NULL)
			continue;
		if (p->measure[0])
			json_object_set_new(s, "measure",
			    json_string(p->measure));
		if (p->deadline[0])
			json_object_set_new(s, "deadline",
			    json_string(p->deadline));
		if (p->report_deadline[0])
			json_object_set_new(s, "report_deadline",
			    json_string(p->report_deadline));
		if (p->ref > 0)
			json_object_set_new(s, "ref", json_integer(p->ref));
		json_array_append_new(a, s);
	}
	return a;
}

static const struct step_row *
loaded_step(const struct loaded *L, int n)
{
	size_t i;

	for (i = 0; i < L->nsteps; i++)
		if (L->steps[i].n == n)
			return &L->steps[i];
	return NULL;
}

static int
case_show(struct ctx *x, int argc, char **argv)
{
	struct loaded L;
	struct open_deadline od[64];
	size_t nd, i;
	char title[96], buf[64], ds[16];
	int r;

	if (getopt_long(argc, argv, "", no_options, NULL) !=
	    -1)
		return bad_option(x, argv);
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if ((r = parse_case(x, argv[optind])) != 0)
		return r;
	if ((r = load_case(x, argv[optind], &L)) != 0)
		goto out;
	nd = rules_open_deadlines(&L.rc, od, 64);
	if (nd > 64)
		nd = 64;
	if (x->json) {
		json_t *j, *a = json_array();

		for (i = 0; i < nd; i++) {
			const struct step_row *sr = loaded_step(&L, od[i].n);
			enum step_kind k;

			if (sr == NULL || step_kind_lookup(sr->kind, &k) != 0)
				k = STEP_KIND_COUNT;
			caltime_format_date(od[i].day, ds, sizeof(ds));
			json_array_append_new(a, json_pack("{s:i, s:s, s:s, "
			    "s:s}", "step", od[i].n, "deadline", ds, "what",
			    rules_deadline_what(k, od[i].report), "basis",
			    basis_text(od[i].basis)));
		}
		j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s*, s:s, s:s*, "
		    "s:s*, s:b, s:o, s:o}", "case", L.c.id, "cvr", L.c.cvr,
		    "entity", L.e.name, "class", L.e.cls, "basis", L.c.basis,
		    "indication", L.c.indication, "subject", L.c.subject,
		    "closed", L.c.closed[0] ? L.c.closed : NULL,
		    "close_reason", L.c.close_reason, "criminal",
		    L.c.criminal != 0, "steps", steps_json(&L),
		    "open_deadlines", a);
		json_object_set_new(j, "opened", json_string(L.c.opened));
		if (L.c.max_fine >= 0)
			json_object_set_new(j, "max_fine_eur",
			    json_integer(L.c.max_fine));
		print_json(j);
		json_decref(j);
		r = EXIT_OK;
		goto out;
	}
	printf("%-10s%s\n", "case:", L.c.id);
	printf("%-10s%s %s (%s)\n", "entity:", L.c.cvr, L.e.name, L.e.cls);
	printf("%-10s%s (%s)\n", "basis:", L.c.basis,
	    basis_text(rules_supervision_basis(L.rc.cls)));
	if (L.c.indication != NULL)
		printf("%-10s%s\n", "indication:", L.c.indication);
	printf("%-10s%s\n", "subject:", L.c.subject);
	printf("%-10s%s\n", "opened:", L.c.opened);
	if (L.c.closed[0])
		printf("%-10s%s%s%s\n", "closed:", L.c.closed,
		    L.c.close_reason ? ": " : "",
		    L.c.close_reason ? L.c.close_reason : "");
	if (L.c.criminal) {
		if (L.c.max_fine >= 0)
			fmt_eur(L.c.max_fine, buf, sizeof(buf));
		printf("%-10sreferred to the police; criminal fine in view "
		    "(maximum %s; %s)\n", "criminal:", L.c.max_fine >= 0 ?
		    buf : "unknown", basis_text(BASIS_RSL));
	}
	printf("steps:\n");
	for (i = 0; i < L.nsteps; i++) {
		const struct step_row *s = &L.steps[i];

		step_title(s, title, sizeof(title));
		printf("  %3d  %s  %s", s->n, s->date, title);
		if (s->ref > 0)
			printf(" (to step %d)", s->ref);
		if (s->deadline[0])
			printf(", deadline %s", s->deadline);
		if (s->report_deadline[0])
			printf(", report by %s", s->report_deadline);
		printf("\n");
	}
	if (nd > 0)
		printf("open deadlines:\n");
	for (i = 0; i < nd; i++) {
		const struct step_row *s = loaded_step(&L, od[i].n);
		enum step_kind k = STEP_REQUEST;

		if (s != NULL && step_kind_lookup(s->kind, &k) != 0)
			k = STEP_KIND_COUNT;
		caltime_format_date(od[i].day, ds, sizeof(ds));
		printf("  %s  %s/%d  %s (%s)\n", ds, L.c.id, od[i].n,
		    rules_deadline_what(k, od[i].report),
		    basis_text(od[i].basis));
	}
	r = EXIT_OK;
 out:
	loaded_release(&L);
	return r;
}

static int
case_close(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "reason", required_argument, NULL, O_REASON },
		{ NULL, 0, NULL, 0 }
	};
	const char *reason = NULL;
	struct refusal rf;
	struct loaded L;
	json_t *p = NULL;
	int c, r;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c != O_REASON)
			return bad_option(x, argv);
		reason = optarg;
	}
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if ((r = begin_case(x, argv[optind], &L)) != 0)
		goto out;
	if ((r = rules_close(&L.rc, reason, x->today, &rf)) != RULES_OK) {
		r = refused(x, L.c.id, r, &rf);
		goto out;
	}
	if ((p = json_pack("{s:s, s:s*}", "closed", x->today_s, "reason",
	    text_blank(reason) ? NULL : reason)) == NULL) {
		r = store_fail(x, STORE_NOMEM);
		goto out;
	}
	if ((r = store_case_close(x->st, L.c.id, x->today_s,
	    text_blank(reason) ? NULL : reason)) != STORE_OK ||
	    (r = append_event(x, L.c.id, "case-close", p, NULL)) != STORE_OK ||
	    (r = store_commit(x->st)) != STORE_OK) {
		r = store_fail(x, r);
		goto out;
	}
	printf("%s\n", L.c.id);
	r = EXIT_OK;
 out:
	store_rollback(x->st);
	json_decref(p);
	loaded_release(&L);
	return r;
}

/* ---- steps ---- */

/* Reads an evidence file (no symlinks, regular files, bounded). */
static int
read_evidence(struct ctx *x, const char *path, unsigned char **buf,
    size_t *len)
{
	struct stat sb;
	unsigned char *p = NULL;
	size_t got = 0;
	ssize_t n;
	int fd, r = EXIT_USAGE;

	*buf = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)) ==
	    -1)
		return msg(x, NULL, EXIT_USAGE, "--evidence '%s': %s", path,
		    strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		r = msg(x, NULL, EXIT_USAGE, "--evidence '%s': not a regular "
		    "file", path);
		goto out;
	}
	if (sb.st_size > EVIDENCE_MAX) {
		r = msg(x, NULL, EXIT_USAGE, "--evidence '%s': larger than %d "
		    "MiB", path, EVIDENCE_MAX / (1024 * 1024));
		goto out;
	}
	if ((p = malloc((size_t)sb.st_size + 1)) == NULL) {
		r = store_fail(x, STORE_NOMEM);
		goto out;
	}
	while (got < (size_t)sb.st_size) {
		n = read(fd, p + got, (size_t)sb.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != (size_t)sb.st_size) {
		r = msg(x, NULL, EXIT_USAGE, "--evidence '%s': short read", path);
		goto out;
	}
	*buf = p;
	*len = got;
	p = NULL;
	r = 0;
 out:
	free(p);
	close(fd);
	return r;
}

static int
sha256_hex(const void *p, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dl = 0, i;

	if (EVP_Digest(p, len, d, &dl, EVP_sha256(), NULL) != 1 || dl != 32)
		return -1;
	for (i = 0; i < dl; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 0xf];
	}
	out[64] = '\0';
	return 0;
}

/*
 * Copies the evidence files into the database under step n; adds their
 * name, size and hash to the step's data (and so to the journal).
 */
struct evfile {
	const char	*path;
	unsigned char	*buf;
	size_t		 len;
	char		 sha[65];
};

static int
load_evidence(struct ctx *x, struct evfile *ev, size_t nev, json_t *data)
{
	json_t *a = json_array();
	char *dup, *base;
	size_t i;
	int r;

	if (a == NULL)
		return store_fail(x, STORE_NOMEM);
	json_object_set_new(data, "evidence", a);
	for (i = 0; i < nev; i++) {
		if ((r = read_evidence(x, ev[i].path, &ev[i].buf,
		    &ev[i].len)) != 0)
			return r;
		if (sha256_hex(ev[i].buf, ev[i].len, ev[i].sha) != 0)
			return store_fail(x, STORE_NOMEM);
		if ((dup = strdup(ev[i].path)) == NULL)
			return store_fail(x, STORE_NOMEM);
		base = basename(dup);
		json_array_append_new(a, json_pack("{s:s, s:I, s:s}", "name",
		    base, "size", (json_int_t)ev[i].len, "sha256", ev[i].sha));
		free(dup);
	}
	return 0;
}

static int
store_evidence_files(struct ctx *x, const struct step_row *s,
    struct evfile *ev, size_t nev)
{
	char *dup;
	size_t i;
	int r;

	for (i = 0; i < nev; i++) {
		if ((dup = strdup(ev[i].path)) == NULL)
			return STORE_NOMEM;
		r = store_evidence_insert(x->st, s->case_id, s->n,
		    basename(dup), (int64_t)ev[i].len, ev[i].sha, x->actor,
		    ev[i].buf, ev[i].len);
		free(dup);
		if (r != STORE_OK)
			return r;
	}
	return STORE_OK;
}

static void
evfiles_free(struct evfile *ev, size_t nev)
{
	size_t i;

	for (i = 0; i < nev; i++)
		free(ev[i].buf);
}

static int
cmd_request(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "kind", required_argument, NULL, O_KIND },
		{ "purpose", required_argument, NULL, O_PURPOSE },
		{ "specification", required_argument, NULL, O_SPEC },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "deadline", required_argument, NULL, O_DEADLINE },
		{ "legal-basis", required_argument, NULL, O_LEGAL },
		{ "voluntary", no_argument, NULL, O_VOLUNTARY },
		{ NULL, 0, NULL, 0 }
	};
	const char *kind = NULL, *purpose = NULL, *spec = NULL, *format = NULL;
	const char *legal = NULL, *deadline = NULL;
	struct step_row s;
	struct refusal rf;
	struct loaded L;
	json_t *data = NULL;
	char id[48];
	int64_t dl = -1;
	int c, r, voluntary = 0;

	memset(&L, 0, sizeof(L));
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case O_KIND:
			if (strcmp(optarg, "information") != 0 &&
			    strcmp(optarg, "access") != 0 &&
			    strcmp(optarg, "documentation") != 0)
				return msg(x, NULL, EXIT_USAGE, "--kind '%s': "
				    "valid: information, access, "
				    "documentation", optarg);
			kind = optarg;
			break;
		case O_PURPOSE:
			purpose = optarg;
			break;
		case O_SPEC:
			spec = optarg;
			break;
		case O_FORMAT:
			format = optarg;
			break;
		case O_DEADLINE:
			deadline = optarg;
			if ((r = parse_day(x, "--deadline", optarg, &dl)) != 0)
				return r;
			break;
		case O_LEGAL:
			legal = optarg;
			break;
		case O_VOLUNTARY:
			voluntary = 1;
			break;
		default:
			return bad_option(x, argv);
		}
	}
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if (kind == NULL)
		return msg(x, NULL, EXIT_USAGE, "--kind is required");
	if ((r = begin_case(x, argv[optind], &L)) != 0)
		goto out;
	next_id(&L, id, sizeof(id));
	if ((r = rules_request(&L.rc, purpose, spec, format, voluntary != 0,
	    &rf)) != RULES_OK) {
		r = refused(x, id, r, &rf);
		goto out;
	}
	if (deadline == NULL) {
		r = msg(x, id, EXIT_USAGE, "--deadline is required");
		goto out;
	}
	if (dl <= x->today) {
		r = msg(x, id, EXIT_USAGE, "--deadline '%s' is not after today "
		    "(%s)", deadline, x->today_s);
		goto out;
	}
	memset(&s, 0, sizeof(s));
	snprintf(s.kind, sizeof(s.kind), "request");
	snprintf(s.deadline, sizeof(s.deadline), "%s", deadline);
	data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "kind", kind,
	    "purpose", purpose, "specification", spec, "format", format,
	    "basis", basis_text(L.rc.cls == CLASS_ESSENTIAL ?
	    BASIS_S21_REQUEST : BASIS_S24_REQUEST), "voluntary",
	    voluntary != 0);
	if (data == NULL) {
		r = store_fail(x, STORE_NOMEM);
		goto out;
	}
	if (legal != NULL)
		json_object_set_new(data, "legal_basis", json_string(legal));
	if ((r = add_step(x, &L, &s, data)) != STORE_OK) {
		r = store_fail(x, r);
		goto out;
	}
	r = commit_step(x, &s);
 out:
	store_rollback(x->st);
	json_decref(data);
	loaded_release(&L);
	return r;
}

/* respond, comply, breach: CASE STEP plus a date. */
static int
cmd_answer(struct ctx *x, int argc, char **argv, const char *kind)
{
	static const struct option lo_respond[] = {
		{ "received", required_argument, NULL, O_RECEIVED },
		{ "summary", required_argument, NULL, O_SUMMARY },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option lo_settle[] = {
		{ "date", required_argument, NULL, O_DATE },
		{ NULL, 0, NULL, 0 }
	};
	bool respond = strcmp(kind, "response") == 0;
	const char *date = NULL, *summary = NULL, *dopt;
	struct step_row s;
	struct refusal rf;
	struct loaded L;
	json_t *data = NULL;
	char id[48];
	int64_t day = -1;
	int c, r, target;

	memset(&L, 0, sizeof(L));
	dopt = respond ? "--received" : "--date";
	while ((c = getopt_long(argc, argv, "", respond ? lo_respond :
	    lo_settle, NULL)) != -1) {
		switch (c) {
		case O_RECEIVED:
		case O_DATE:
			date = optarg;
			if ((r = parse_day(x, dopt, optarg, &day)) != 0)
				return r;
			break;
		case O_SUMMARY:
			summary = optarg;
			break;
		default:
			return bad_option(x, argv);
		}
	}
	if (argc - optind != 2)
		return msg(x, NULL, EXIT_USAGE, "needs a case number and a step");
	if (date == NULL)
		return msg(x, NULL, EXIT_USAGE, "%s is required", dopt);
	if ((r = parse_case(x, argv[optind])) != 0 ||
	    (r = parse_step(x, argv[optind], argv[optind + 1], &target)) != 0)
		return r;
	if ((r = begin_case(x, argv[optind], &L)) != 0)
		goto out;
	snprintf(id, sizeof(id), "%s/%d", L.c.id, target);
	if (respond)
		r = rules_respond(&L.rc, target, day, x->today, &rf);
	else
		r = rules_settle(&L.rc, target, strcmp(kind, "breach") == 0,
		    day, x->today, &rf);
	if (r != RULES_OK) {
		r = refused(x, id, r, &rf);
		goto out;
	}
	memset(&s, 0, sizeof(s));
	snprintf(s.kind, sizeof(s.kind), "%s", kind);
	snprintf(s.date, sizeof(s.date), "%s", date);
	s.ref = target;
	if ((data = json_object()) == NULL) {
		r = store_fail(x, STORE_NOMEM);
		goto out;
	}
	if (summary != NULL)
		json_object_set_new(data, "summary", json_string(summary));
	if ((r = add_step(x, &L, &s, data)) != STORE_OK) {
		r = store_fail(x, r);
		goto out;
	}
	r = commit_step(x, &s);
 out:
	store_rollback(x->st);
	json_decref(data);
	loaded_release(&L);
	return r;
}

/* inspect and incident: steps that carry evidence files. */
static int
cmd_evidence_step(struct ctx *x, int argc, char **argv, bool incident)
{
	static const struct option lo_inspect[] = {
		{ "kind", required_argument, NULL, O_KIND },
		{ "date", required_argument, NULL, O_DATE },
		{ "evidence", required_argument, NULL, O_EVIDENCE },
		{ "summary", required_argument, NULL, O_SUMMARY },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option lo_incident[] = {
		{ "received", required_argument, NULL, O_RECEIVED },
		{ "evidence", required_argument, NULL, O_EVIDENCE },
		{ "summary", required_argument, NULL, O_SUMMARY },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const kinds[] = { "onsite", "offsite", "audit",
	    "independent-audit", "scan" };
	const char *kind = NULL, *date = NULL, *summary = NULL;
	struct evfile ev[LIST_MAX];
	struct step_row s;
	struct refusal rf;
	struct loaded L;
	json_t *data = NULL;
	size_t nev = 0, i;
	int64_t day = x->today;
	int c, r;

	memset(&L, 0, sizeof(L));
	memset(ev, 0, sizeof(ev));
	while ((c = getopt_long(argc, argv, "", incident ? lo_incident :
	    lo_inspect, NULL)) != -1) {
		switch (c) {
		case O_KIND:
			for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
				if (strcmp(optarg, kinds[i]) == 0)
					kind = kinds[i];
			if (kind == NULL)
				return msg(x, NULL, EXIT_USAGE, "--kind '%s': "
				    "valid: onsite, offsite, audit, "
				    "independent-audit, scan", optarg);
			break;
		case O_DATE:
		case O_RECEIVED:
			date = optarg;
			if ((r = parse_day(x, c == O_DATE ? "--date" :
			    "--received", optarg, &day)) != 0)
				return r;
			break;
		case O_EVIDENCE:
			if (nev == LIST_MAX)
				return msg(x, NULL, EXIT_USAGE, "--evidence "
				    "given more than %d times", LIST_MAX);
			ev[nev++].path = optarg;
			break;
		case O_SUMMARY:
			summary = optarg;
			break;
		default:
			return bad_option(x, argv);
		}
	}
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if (!incident && kind == NULL)
		return msg(x, NULL, EXIT_USAGE, "--kind is required");
	if (incident && date == NULL)
		return msg(x, NULL, EXIT_USAGE, "--received is required");
	if (incident && text_blank(summary))
		return msg(x, NULL, EXIT_USAGE, "--summary is required");
	if (day > x->today)
		return msg(x, NULL, EXIT_USAGE, "%s '%s' is in the future",
		    incident ? "--received" : "--date", date);
	if ((r = parse_case(x, argv[optind])) != 0)
		return r;
	/* The files are read before the write lock is taken. */
	if ((data = json_object()) == NULL) {
		r = store_fail(x, STORE_NOMEM);
		goto out;
	}
	if ((r = load_evidence(x, ev, nev, data)) != 0)
		goto out;
	if ((r = begin_case(x, argv[optind], &L)) != 0)
		goto out;
	if ((r = incident ? rules_incident(&L.rc, &rf) :
	    rules_inspect(&L.rc, &rf)) != RULES_OK) {
		char id[48];

		next_id(&L, id, sizeof(id));
		r = refused(x, id, r, &rf);
		goto out;
	}
	memset(&s, 0, sizeof(s));
	snprintf(s.kind, sizeof(s.kind), "%s", incident ? "incident" :
	    "inspection");
	caltime_format_date(day, s.date, sizeof(s.date));
	if (kind != NULL) {
		json_object_set_new(data, "kind", json_string(kind));
		/* The power the supervision ran under (§ 21 or § 24). */
		json_object_set_new(data, "power", json_string(basis_text(
		    rules_supervision_basis(L.rc.cls))));
	} else
		json_object_set_new(data, "basis",
		    json_string(basis_text(BASIS_S12)));
	if (summary != NULL)
		json_object_set_new(data, "summary", json_string(summary));
	if ((r = add_step(x, &L, &s, data)) != STORE_OK ||
	    (r = store_evidence_files(x, &s, ev, nev)) != STORE_OK) {
		r = store_fail(x, r);
		goto out;
	}
	r = commit_step(x, &s);
 out:
	store_rollback(x->st);
	json_decref(data);
	evfiles_free(ev, nev);
	loaded_release(&L);
	return r;
}

/* hearing and decide. */
static int
cmd_measure(struct ctx *x, int argc, char **argv, bool decide)
{
	static const struct option lo[] = {
		{ "measure", required_argument, NULL, O_MEASURE },
		{ "grounds", required_argument, NULL, O_GROUNDS },
		{ "deadline", required_argument, NULL, O_DEADLINE },
		{ "report-deadline", required_argument, NULL, O_REPORT },
		{ NULL, 0, NULL, 0 }
	};
	const char *grounds = NULL, *deadline = NULL, *report = NULL;
	enum measure m = M_NONE;
	struct step_row s;
	struct refusal rf;
	struct loaded L;
	json_t *data = NULL;
	char id[48];
	int64_t dl = -1, rdl = -1;
	int c, r, hearing = 0;

	memset(&L, 0, sizeof(L));
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case O_MEASURE:
			if (measure_lookup(optarg, &m) != 0)
				return msg(x, NULL, EXIT_USAGE, "--measure '%s' "
				    "is not a measure; valid: %s", optarg,
				    measure_slug_list());
			break;
		case O_GROUNDS:
			grounds = optarg;
			break;
		case O_DEADLINE:
			deadline = optarg;
			if ((r = parse_day(x, "--deadline", optarg, &dl)) != 0)
				return r;
			break;
		case O_REPORT:
			if (!decide)
				return bad_option(x, argv);
			report = optarg;
			if ((r = parse_day(x, "--report-deadline", optarg,
			    &rdl)) != 0)
				return r;
			break;
		default:
			return bad_option(x, argv);
		}
	}
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if (m == M_NONE)
		return msg(x, NULL, EXIT_USAGE, "--measure is required");
	if (text_blank(grounds))
		return msg(x, NULL, EXIT_USAGE, "--grounds is required "
		    "(%s)", basis_text(decide ? BASIS_FVL_22_24 :
		    BASIS_FVL_19));
	if (!decide && deadline == NULL)
		return msg(x, NULL, EXIT_USAGE, "--deadline is required (the "
		    "entity's response deadline)");
	if ((r = begin_case(x, argv[optind], &L)) != 0)
		goto out;
	next_id(&L, id, sizeof(id));
	if (decide)
		r = rules_decide(&L.rc, m, dl, rdl, x->today, &hearing, &rf);
	else
		r = rules_hearing(&L.rc, m, dl, x->today, &rf);
	if (r != RULES_OK) {
		r = refused(x, id, r, &rf);
		goto out;
	}
	memset(&s, 0, sizeof(s));
	snprintf(s.kind, sizeof(s.kind), "%s", decide ? "decision" :
	    "hearing");
	snprintf(s.measure, sizeof(s.measure), "%s", measure_slug(m));
	if (deadline != NULL)
		snprintf(s.deadline, sizeof(s.deadline), "%s", deadline);
	if (report != NULL)
		snprintf(s.report_deadline, sizeof(s.report_deadline), "%s",
		    report);
	s.ref = hearing;
	data = json_pack("{s:s, s:s, s:s}", "grounds", grounds, "basis",
	    basis_text(m == M_SUSPENSION ? BASIS_S23 :
	    rules_enforcement_basis(L.rc.cls)), "measure_title",
	    measure_title(m));
	if (data == NULL) {
		r = store_fail(x, STORE_NOMEM);
		goto out;
	}
	if ((r = add_step(x, &L, &s, data)) != STORE_OK) {
		r = store_fail(x, r);
		goto out;
	}
	r = commit_step(x, &s);
 out:
	store_rollback(x->st);
	json_decref(data);
	loaded_release(&L);
	return r;
}

static int
cmd_refer(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "grounds", required_argument, NULL, O_GROUNDS },
		{ "turnover", required_argument, NULL, O_TURNOVER },
		{ NULL, 0, NULL, 0 }
	};
	const char *grounds = NULL;
	enum basis_id fb = BASIS_S32;
	struct step_row s;
	struct refusal rf;
	struct loaded L;
	json_t *data = NULL;
	char id[48], eur[48];
	int64_t turnover = -1, fine;
	int c, r;

	memset(&L, 0, sizeof(L));
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case O_GROUNDS:
			grounds = optarg;
			break;
		case O_TURNOVER:
			if ((r = parse_eur(x, "--turnover", optarg,
			    &turnover)) != 0)
				return r;
			break;
		default:
			return bad_option(x, argv);
		}
	}
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if (text_blank(grounds))
		return msg(x, NULL, EXIT_USAGE, "--grounds is required");
	if ((r = begin_case(x, argv[optind], &L)) != 0)
		goto out;
	next_id(&L, id, sizeof(id));
	if ((r = rules_refer(&L.rc, &rf)) != RULES_OK) {
		r = refused(x, id, r, &rf);
		goto out;
	}
	if (turnover < 0)
		turnover = L.e.turnover;
	/* The same computation as tilsyn-classify (entity.c). */
	fine = max_fine_eur(L.rc.cls, turnover < 0 ? FIGURE_UNKNOWN :
	    turnover, &fb);
	memset(&s, 0, sizeof(s));
	snprintf(s.kind, sizeof(s.kind), "referral");
	data = json_pack("{s:s, s:s, s:s, s:s, s:s}", "grounds", grounds,
	    "class", L.e.cls, "basis", basis_text(BASIS_S32), "fine_basis",
	    basis_text(fb), "self_incrimination", basis_text(BASIS_RSL));
	if (data == NULL) {
		r = store_fail(x, STORE_NOMEM);
		goto out;
	}
	json_object_set_new(data, "turnover_eur", turnover >= 0 ?
	    json_integer(turnover) : json_null());
	json_object_set_new(data, "max_fine_eur", fine >= 0 ?
	    json_integer(fine) : json_null());
	if ((r = add_step(x, &L, &s, data)) != STORE_OK ||
	    (r = store_case_refer(x->st, L.c.id, fine)) != STORE_OK) {
		r = store_fail(x, r);
		goto out;
	}
	if ((r = commit_step_with(x, &s, data)) != EXIT_OK)
		goto out;
	if (!x->json) {
		if (fine >= 0) {
			fmt_eur(fine, eur, sizeof(eur));
			printf("maximum fine: %s (%s)\n", eur, basis_text(fb));
		} else {
			/* Turnover unknown: the fixed amount is the floor. */
			fmt_eur(max_fine_eur(L.rc.cls, 0, &fb), eur,
			    sizeof(eur));
			printf("maximum fine: at least %s; turnover unknown, "
			    "give --turnover (%s)\n", eur, basis_text(fb));
		}
		printf("criminal fine in view: requests now need --voluntary "
		    "(%s)\n", basis_text(BASIS_RSL));
	}
 out:
	store_rollback(x->st);
	json_decref(data);
	loaded_release(&L);
	return r;
}

/* ---- due ---- */

struct due_item {
	char		 id[CASE_ID_LEN];
	int		 n;
	enum step_kind	 kind;
	bool		 report;
	int64_t		 day;
	char		*entity;
};

struct due_acc {
	struct due_item	*v;
	size_t		 n, cap;
	int		 nomem;
};

static int
due_push(struct due_acc *a, const struct due_row *d, const char *day,
    bool report)
{
	struct due_item *it, *p;
	enum step_kind k;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		if ((p = reallocarray(a->v, a->cap, sizeof(*p))) == NULL)
			return a->nomem = 1;
		a->v = p;
	}
	it = &a->v[a->n];
	snprintf(it->id, sizeof(it->id), "%s", d->case_id);
	it->n = d->n;
	it->kind = step_kind_lookup(d->kind, &k) == 0 ? k : STEP_KIND_COUNT;
	it->report = report;
	if (caltime_parse_date(day, &it->day) != 0)
		return 0;	/* not a date: not ours, skip */
	if ((it->entity = strdup(d->entity_name)) == NULL)
		return a->nomem = 1;
	a->n++;
	return 0;
}

static int
due_one(const struct due_row *d, void *arg)
{
	struct due_acc *a = arg;

	if (d->deadline[0] && due_push(a, d, d->deadline, false) != 0)
		return 1;
	if (d->report_deadline[0] && due_push(a, d, d->report_deadline,
	    true) != 0)
		return 1;
	return 0;
}

static int
due_cmp(const void *pa, const void *pb)
{
	const struct due_item *a = pa, *b = pb;
	int c;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if ((c = strcmp(a->id, b->id)) != 0)
		return c;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return (int)a->report - (int)b->report;
}

static int
cmd_due(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "at", required_argument, NULL, O_AT },
		{ NULL, 0, NULL, 0 }
	};
	struct due_acc acc = { 0 };
	json_t *a = NULL;
	char ds[16];
	int64_t at = x->today;
	size_t i, overdue = 0;
	int c, r;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c != O_AT)
			return bad_option(x, argv);
		if ((r = parse_day(x, "--at", optarg, &at)) != 0)
			return r;
	}
	if (optind != argc)
		return msg(x, NULL, EXIT_USAGE, "unexpected argument '%s'",
		    argv[optind]);
	r = store_due_each(x->st, due_one, &acc);
	if (acc.nomem)
		r = STORE_NOMEM;
	if (r != STORE_OK) {
		r = store_fail(x, r);
		goto out;
	}
	/* Sorted by day, so the overdue ones come first. */
	if (acc.n > 0)
		qsort(acc.v, acc.n, sizeof(*acc.v), due_cmp);
	if (x->json)
		a = json_array();
	for (i = 0; i < acc.n; i++) {
		struct due_item *it = &acc.v[i];
		bool late = it->day < at;
		char id[48];

		overdue += late;
		caltime_format_date(it->day, ds, sizeof(ds));
		snprintf(id, sizeof(id), "%s/%d", it->id, it->n);
		if (a != NULL) {
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, "
			    "s:s, s:b, s:I}", "step", id, "deadline", ds,
			    "what", rules_deadline_what(it->kind, it->report),
			    "entity", it->entity, "overdue", late,
			    "days", (json_int_t)(late ? at - it->day :
			    it->day - at)));
			continue;
		}
		printf("%-7s  %s  %s  %s  %s", late ? "overdue" : "due", ds,
		    id, rules_deadline_what(it->kind, it->report), it->entity);
		if (late)
			printf(" (%" PRId64 " day%s overdue)\n", at - it->day,
			    at - it->day == 1 ? "" : "s");
		else if (it->day == at)
			printf(" (today)\n");
		else
			printf(" (in %" PRId64 " day%s)\n", it->day - at,
			    it->day - at == 1 ? "" : "s");
	}
	if (a != NULL)
		print_json(a);
	r = overdue > 0 ? EXIT_REFUSED : EXIT_OK;
 out:
	for (i = 0; i < acc.n; i++)
		free(acc.v[i].entity);
	free(acc.v);
	json_decref(a);
	return r;
}

/* ---- log, verify ---- */

static int
log_one(const struct event_row *e, void *arg)
{
	json_t *a = arg;

	if (a != NULL)
		return json_array_append_new(a, json_pack("{s:I, s:s, s:s, "
		    "s:s, s:o*, s:s}", "seq", (json_int_t)e->seq, "time",
		    e->time, "actor", e->actor, "kind", e->kind, "payload",
		    json_loads(e->payload, 0, NULL), "hash", e->hash));
	printf("%" PRId64 "  %s  %s  %s  %s\n", e->seq, e->time, e->actor,
	    e->kind, e->payload);
	return 0;
}

static int
cmd_log(struct ctx *x, int argc, char **argv)
{
	struct case_row c;
	json_t *a = NULL;
	int r;

	if (getopt_long(argc, argv, "", no_options, NULL) !=
	    -1)
		return bad_option(x, argv);
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if ((r = parse_case(x, argv[optind])) != 0)
		return r;
	if ((r = store_case_get(x->st, argv[optind], &c)) == STORE_NOTFOUND)
		return msg(x, argv[optind], EXIT_USAGE, "no such case");
	if (r != STORE_OK)
		return store_fail(x, r);
	case_row_release(&c);
	if (x->json && (a = json_array()) == NULL)
		return store_fail(x, STORE_NOMEM);
	if ((r = store_event_each(x->st, argv[optind], log_one, a)) !=
	    STORE_OK) {
		json_decref(a);
		return store_fail(x, r);
	}
	if (a != NULL)
		print_json(a);
	json_decref(a);
	return EXIT_OK;
}

static int
cmd_verify(struct ctx *x, int argc, char **argv)
{
	struct journal_check chk;
	int r;

	(void)argv;
	if (argc > 1)
		return msg(x, NULL, EXIT_USAGE, "takes no arguments");
	/* One read transaction: head and events from the same moment. */
	if ((r = store_begin(x->st)) != STORE_OK ||
	    (r = journal_verify_all(x->st, &chk)) != STORE_OK) {
		store_rollback(x->st);
		return store_fail(x, r);
	}
	store_rollback(x->st);
	if (x->json) {
		json_t *j = json_pack("{s:b, s:I, s:s}", "ok", chk.ok,
		    "events", (json_int_t)chk.events, "head", chk.head);

		if (!chk.ok) {
			json_object_set_new(j, "broken_at",
			    json_integer(chk.bad_seq));
			json_object_set_new(j, "reason", json_string(chk.why));
		}
		print_json(j);
		json_decref(j);
	} else if (chk.ok)
		printf("journal intact: %" PRId64 " event%s, head %s\n",
		    chk.events, chk.events == 1 ? "" : "s", chk.head);
	else if (chk.bad_seq > 0)
		printf("journal broken at event %" PRId64 ": %s\n",
		    chk.bad_seq, chk.why);
	else
		printf("journal broken: %s\n", chk.why);
	return chk.ok ? EXIT_OK : EXIT_REFUSED;
}

/* ---- export, letter ---- */

struct ev_acc {
	struct evidence_item	*v;
	size_t			 n, cap;
	int			 nomem;
};

static int
ev_one(const struct evidence_row *e, void *arg)
{
	struct ev_acc *a = arg;
	struct evidence_item *p;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		if ((p = reallocarray(a->v, a->cap, sizeof(*p))) == NULL)
			return a->nomem = 1;
		a->v = p;
	}
	p = &a->v[a->n];
	memset(p, 0, sizeof(*p));
	p->step = e->step;
	p->size = e->size;
	snprintf(p->sha256, sizeof(p->sha256), "%s", e->sha256);
	p->name = strdup(e->name);
	p->actor = strdup(e->actor);
	a->n++;
	if (p->name == NULL || p->actor == NULL)
		return a->nomem = 1;
	return 0;
}

static void
ev_free(struct ev_acc *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].name);
		free(a->v[i].actor);
	}
	free(a->v);
}

static int
load_file(struct ctx *x, const char *id, struct loaded *L, struct ev_acc *ev,
    struct case_file *cf)
{
	int r;

	memset(ev, 0, sizeof(*ev));
	if ((r = parse_case(x, id)) != 0 || (r = load_case(x, id, L)) != 0)
		return r;
	r = store_evidence_each(x->st, id, ev_one, ev);
	if (ev->nomem)
		r = STORE_NOMEM;
	if (r != STORE_OK)
		return store_fail(x, r);
	memset(cf, 0, sizeof(*cf));
	cf->c = &L->c;
	cf->e = &L->e;
	cf->steps = L->steps;
	cf->nsteps = L->nsteps;
	cf->ev = ev->v;
	cf->nev = ev->n;
	cf->today = x->today_s;
	return 0;
}

static json_t *
export_json(const struct case_file *cf, const struct loaded *L)
{
	json_t *j, *steps = json_array(), *ev = json_array();
	size_t i, omitted = 0;

	for (i = 0; i < cf->nsteps; i++) {
		const struct step_row *p = &cf->steps[i];
		json_t *s;

		if (cf->access_request && strcmp(p->kind, "incident") == 0) {
			omitted++;
			continue;
		}
		s = json_pack("{s:i, s:s, s:s, s:s, s:o*}", "step", p->n,
		    "kind", p->kind, "date", p->date, "actor", p->actor,
		    "data", json_loads(p->data, 0, NULL));
		if (p->measure[0])
			json_object_set_new(s, "measure",
			    json_string(p->measure));
		if (p->deadline[0])
			json_object_set_new(s, "deadline",
			    json_string(p->deadline));
		if (p->report_deadline[0])
			json_object_set_new(s, "report_deadline",
			    json_string(p->report_deadline));
		if (p->ref > 0)
			json_object_set_new(s, "ref", json_integer(p->ref));
		json_array_append_new(steps, s);
	}
	for (i = 0; i < cf->nev; i++) {
		const struct step_row *p = loaded_step(L, cf->ev[i].step);

		if (cf->access_request && p != NULL &&
		    strcmp(p->kind, "incident") == 0)
			continue;
		json_array_append_new(ev, json_pack("{s:i, s:s, s:I, s:s, "
		    "s:s}", "step", cf->ev[i].step, "name", cf->ev[i].name,
		    "size", (json_int_t)cf->ev[i].size, "sha256",
		    cf->ev[i].sha256, "actor", cf->ev[i].actor));
	}
	j = json_pack("{s:s, s:s, s:s, s:s, s:s*, s:s, s:s, s:s*, s:s*, "
	    "s:b, s:o, s:o, s:o*}", "case", cf->c->id, "cvr", cf->c->cvr,
	    "entity", cf->e->name, "basis", cf->c->basis, "indication",
	    cf->c->indication, "subject", cf->c->subject, "opened",
	    cf->c->opened, "closed", cf->c->closed[0] ? cf->c->closed : NULL,
	    "close_reason", cf->c->close_reason, "criminal",
	    cf->c->criminal != 0, "steps", steps, "evidence", ev,
	    "entity_data", json_loads(cf->e->data, 0, NULL));
	if (j != NULL && cf->access_request)
		json_object_set_new(j, "omitted", json_pack("{s:I, s:s, s:s}",
		    "incident_notifications", (json_int_t)omitted, "basis",
		    basis_text(BASIS_S12_NO_ACCESS), "note",
		    basis_title(BASIS_S12_NO_ACCESS)));
	return j;
}

static int
cmd_export(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "access-request", no_argument, NULL, O_ACCESS },
		{ NULL, 0, NULL, 0 }
	};
	struct case_file cf;
	struct loaded L;
	struct ev_acc ev;
	xmlDocPtr doc = NULL;
	xmlChar *buf = NULL;
	const char *fmt = "xml";
	int c, r, len = 0, access = 0;

	memset(&L, 0, sizeof(L));
	memset(&ev, 0, sizeof(ev));
	while ((c = getopt_long(argc, argv, "o:", lo, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (strcmp(optarg, "xml") != 0 &&
			    strcmp(optarg, "json") != 0)
				return msg(x, NULL, EXIT_USAGE, "-o '%s': valid: "
				    "xml, json", optarg);
			fmt = optarg;
			break;
		case O_ACCESS:
			access = 1;
			break;
		default:
			return bad_option(x, argv);
		}
	}
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if ((r = load_file(x, argv[optind], &L, &ev, &cf)) != 0)
		goto out;
	cf.access_request = access;
	if (strcmp(fmt, "json") == 0) {
		json_t *j = export_json(&cf, &L);

		if (j == NULL) {
			r = store_fail(x, STORE_NOMEM);
			goto out;
		}
		print_json(j);
		json_decref(j);
	} else {
		if (case_xml(&cf, &doc) != 0) {
			r = store_fail(x, STORE_NOMEM);
			goto out;
		}
		xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
		if (buf == NULL) {
			r = store_fail(x, STORE_NOMEM);
			goto out;
		}
		fwrite(buf, 1, (size_t)len, stdout);
	}
	if (access)
		fprintf(stderr, "tilsyn-case: export '%s': incident "
		    "notifications left out (%s: %s)\n", L.c.id,
		    basis_text(BASIS_S12_NO_ACCESS),
		    basis_title(BASIS_S12_NO_ACCESS));
	r = EXIT_OK;
 out:
	xmlFree(buf);
	xmlFreeDoc(doc);
	ev_free(&ev);
	loaded_release(&L);
	return r;
}

/*
 * Writes the letter beside path and renames it into place, so a failed
 * write never leaves half a letter under the name asked for.
 */
static int
write_out(struct ctx *x, const char *path, const char *buf, size_t len)
{
	struct stat sb;
	char tmp[4096];
	mode_t um;
	FILE *f = NULL;
	int fd, r = EXIT_FAIL;

	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return msg(x, NULL, EXIT_USAGE, "--out '%s': not a regular file",
		    path);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >=
	    sizeof(tmp))
		return msg(x, NULL, EXIT_USAGE, "--out '%s': name too long",
		    path);
	if ((fd = mkstemp(tmp)) == -1)
		return msg(x, NULL, EXIT_USAGE, "--out '%s': %s", path,
		    strerror(errno));
	um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um) == -1 || (f = fdopen(fd, "w")) == NULL) {
		r = msg(x, NULL, EXIT_FAIL, "--out '%s': %s", path,
		    strerror(errno));
		close(fd);
		goto out;
	}
	if (fwrite(buf, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		r = msg(x, NULL, EXIT_FAIL, "--out '%s': write failed: %s", path,
		    strerror(errno));
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) == -1) {
		r = msg(x, NULL, EXIT_FAIL, "--out '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	return 0;
 out:
	unlink(tmp);
	return r;
}

static int
cmd_letter(struct ctx *x, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "template", required_argument, NULL, O_TEMPLATE },
		{ "out", required_argument, NULL, O_OUT },
		{ NULL, 0, NULL, 0 }
	};
	const char *tmpl = NULL, *outp = NULL;
	const struct step_row *s;
	struct case_file cf;
	struct loaded L;
	struct ev_acc ev;
	enum step_kind k;
	enum measure m = M_NONE;
	xmlDocPtr doc = NULL;
	char path[4096], err[512], id[48], *out = NULL;
	size_t len = 0;
	int c, r, fmt = LETTER_XHTML, n;

	memset(&L, 0, sizeof(L));
	memset(&ev, 0, sizeof(ev));
	while ((c = getopt_long(argc, argv, "o:", lo, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (strcmp(optarg, "xhtml") == 0)
				fmt = LETTER_XHTML;
			else if (strcmp(optarg, "text") == 0)
				fmt = LETTER_TEXT;
			else
				return msg(x, NULL, EXIT_USAGE, "-o '%s': valid: "
				    "xhtml, text", optarg);
			break;
		case O_TEMPLATE:
			tmpl = optarg;
			break;
		case O_OUT:
			outp = optarg;
			break;
		default:
			return bad_option(x, argv);
		}
	}
	if (argc - optind != 2)
		return msg(x, NULL, EXIT_USAGE, "needs a case number and a step");
	if ((r = parse_case(x, argv[optind])) != 0 ||
	    (r = parse_step(x, argv[optind], argv[optind + 1], &n)) != 0)
		return r;
	if ((r = load_file(x, argv[optind], &L, &ev, &cf)) != 0)
		goto out;
	snprintf(id, sizeof(id), "%s/%d", L.c.id, n);
	if ((s = loaded_step(&L, n)) == NULL) {
		r = msg(x, id, EXIT_USAGE, "no such step");
		goto out;
	}
	if (step_kind_lookup(s->kind, &k) != 0)
		k = STEP_KIND_COUNT;
	if (s->measure[0] && measure_lookup(s->measure, &m) != 0)
		m = M_NONE;
	if (tmpl == NULL && (tmpl = letter_default_template(k, m)) == NULL) {
		r = msg(x, id, EXIT_USAGE, "no letter for a step of kind %s "
		    "(give --template)", s->kind);
		goto out;
	}
	if (letter_template_path(tmpl, path, sizeof(path), err,
	    sizeof(err)) != 0) {
		r = msg(x, id, EXIT_USAGE, "--template: %s", err);
		goto out;
	}
	if (case_xml(&cf, &doc) != 0) {
		r = store_fail(x, STORE_NOMEM);
		goto out;
	}
	if ((r = letter_render(path, doc, n, fmt, &out, &len, err,
	    sizeof(err))) != 0) {
		r = msg(x, id, r == -1 ? EXIT_USAGE : EXIT_FAIL, "%s", err);
		goto out;
	}
	if (outp != NULL)
		r = write_out(x, outp, out, len);
	else {
		fwrite(out, 1, len, stdout);
		r = EXIT_OK;
	}
 out:
	free(out);
	xmlFreeDoc(doc);
	ev_free(&ev);
	loaded_release(&L);
	return r;
}

/* ---- main ---- */

static int
set_now(struct ctx *x, const char *v)
{
	struct caltime ct;
	char err[160];
	int64_t day;

	if (caltime_parse_date(v, &day) == 0) {
		/* A bare date is noon in Copenhagen that day. */
		x->now = day * 86400 + 12 * 3600;
		x->now -= cph_offset(x->now);
	} else if (caltime_parse(v, &ct, err, sizeof(err)) == 0)
		x->now = ct.t;
	else
		return -1;
	return 0;
}

static void
set_today(struct ctx *x)
{
	int64_t local = x->now + cph_offset(x->now);

	x->today = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	caltime_format_date(x->today, x->today_s, sizeof(x->today_s));
	caltime_format_utc(x->now, x->now_s, sizeof(x->now_s));
	caltime_format_utc((int64_t)time(NULL), x->clock_s,
	    sizeof(x->clock_s));
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

/* Names the option an offending argument belongs to, if any. */
static int
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

static int
dispatch(struct ctx *x, int argc, char **argv)
{
	static const struct {
		const char	*name;
		const char	*sub;
		int		 (*fn)(struct ctx *, int, char **);
	} cmds[] = {
		{ "entity", "add", entity_add },
		{ "entity", "show", entity_show },
		{ "entity", "list", entity_list },
		{ "case", "open", case_open },
		{ "case", "list", case_list },
		{ "case", "show", case_show },
		{ "case", "close", case_close },
		{ "request", NULL, cmd_request },
		{ "due", NULL, cmd_due },
		{ "log", NULL, cmd_log },
		{ "export", NULL, cmd_export },
		{ "letter", NULL, cmd_letter },
		{ "verify", NULL, cmd_verify },
	};
	static const char *const known[] = { "init", "entity", "case",
	    "request", "respond", "inspect", "incident", "hearing", "decide",
	    "comply", "breach", "refer", "due", "log", "export", "letter",
	    "verify" };
	static char name[32];
	const char *cmd = argv[0];
	size_t i;
	int r;

	x->cmd = cmd;
	optind = 0;	/* GNU: reinitialise getopt for the subcommand */
	opterr = 0;
	/* An unknown command is a usage error, whatever the database. */
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(cmd, known[i]) == 0)
			break;
	if (i == sizeof(known) / sizeof(known[0]))
		return msg(x, NULL, EXIT_USAGE, "unknown command");
	if (argc >= 2 && (strcmp(cmd, "entity") == 0 ||
	    strcmp(cmd, "case") == 0)) {
		snprintf(name, sizeof(name), "%s %s", cmd, argv[1]);
		x->cmd = name;
	}
	if ((r = check_args(x, argc, argv)) != 0)
		return r;
	if (strcmp(cmd, "init") == 0)
		return cmd_init(x, argc, argv);
	if ((r = open_db(x, 0)) != 0)
		return r;
	x->cmd = cmd;
	if (strcmp(cmd, "respond") == 0)
		return cmd_answer(x, argc, argv, "response");
	if (strcmp(cmd, "comply") == 0)
		return cmd_answer(x, argc, argv, "compliance");
	if (strcmp(cmd, "breach") == 0)
		return cmd_answer(x, argc, argv, "breach");
	if (strcmp(cmd, "inspect") == 0)
		return cmd_evidence_step(x, argc, argv, false);
	if (strcmp(cmd, "incident") == 0)
		return cmd_evidence_step(x, argc, argv, true);
	if (strcmp(cmd, "hearing") == 0)
		return cmd_measure(x, argc, argv, false);
	if (strcmp(cmd, "decide") == 0)
		return cmd_measure(x, argc, argv, true);
	if (strcmp(cmd, "refer") == 0)
		return cmd_refer(x, argc, argv);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(cmd, cmds[i].name) != 0)
			continue;
		if (cmds[i].sub == NULL)
			return cmds[i].fn(x, argc, argv);
		if (argc < 2)
			return msg(x, NULL, EXIT_USAGE, "needs a subcommand "
			    "(%s)", strcmp(cmd, "entity") == 0 ?
			    "add, show, list" : "open, list, show, close");
		if (strcmp(argv[1], cmds[i].sub) != 0)
			continue;
		snprintf(name, sizeof(name), "%s %s", cmd, argv[1]);
		x->cmd = name;
		return cmds[i].fn(x, argc - 1, argv + 1);
	}
	return msg(x, argc > 1 ? argv[1] : NULL, EXIT_USAGE, "unknown command");
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
	struct passwd *pw;
	const char *actor = NULL, *now = NULL, *now_from, *env;
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
			    strlen(optarg) >= sizeof(x.actor) ||
			    text_problem(optarg) != NULL ||
			    strpbrk(optarg, "\t\n\r") != NULL)
				errx(EXIT_USAGE, "--actor: give a name of 1 to "
				    "%zu bytes of UTF-8 text on one line",
				    sizeof(x.actor) - 1);
			actor = optarg;
			break;
		case 'n':
			now = optarg;
			now_from = "--now";
			break;
		case 'o':
			if (strcmp(optarg, "text") == 0)
				x.json = 0;
			else if (strcmp(optarg, "json") == 0)
				x.json = 1;
			else
				errx(EXIT_USAGE, "-o '%s': valid: text, json",
				    optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		case 'V':
			printf("tilsyn-case %s\n", TILSYN_VERSION);
			return EXIT_OK;
		default:
			if (optopt != 0)
				errx(EXIT_USAGE, "unknown option '-%c' or it "
				    "needs a value", optopt);
			errx(EXIT_USAGE, "unknown option '%s' or it needs a "
			    "value", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		errx(EXIT_USAGE, "no command (see tilsyn-case --help)");
	if (now != NULL && *now != '\0') {
		if (set_now(&x, now) != 0)
			errx(EXIT_USAGE, "%s '%s' is not an ISO 8601 date or "
			    "time", now_from, now);
		x.now_given = 1;
	} else
		x.now = (int64_t)time(NULL);
	set_today(&x);
	if (actor != NULL)
		snprintf(x.actor, sizeof(x.actor), "%s", actor);
	else if ((pw = getpwuid(getuid())) != NULL)
		snprintf(x.actor, sizeof(x.actor), "%s", pw->pw_name);
	else
		snprintf(x.actor, sizeof(x.actor), "uid %u",
		    (unsigned)getuid());

	r = dispatch(&x, argc - optind, argv + optind);
	if (fflush(stdout) != 0 && r == EXIT_OK)
		r = EXIT_FAIL;
	store_close(&x.st);
	return r;
}
