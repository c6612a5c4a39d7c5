/*
 * journal.c: the commands of the journal: init (the database and the
 * chain's first event), log (a case's events) and verify (the chain, and
 * the tables against it).  The verdict is verify.c's; this prints it.
 */
#include <inttypes.h>
#include <stdio.h>

#include "casefile/verify.h"
#include "casefile/cli/cli.h"

int
cmd_init(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	int r, v = 0;

	(void)o;
	(void)args;
	if ((r = open_db(x, 1)) != 0)
		return r;
	if ((r = case_init(&x->w, &v)) != CASE_OK)
		return fail_case(x, r, &res);
	printf("%s: schema version %d\n", x->dbpath, v);
	return EXIT_OK;
}

/* An event as log -o json lists it; NULL when out of memory. */
static json_t *
event_json(const union store_fields *u)
{
	const struct event_row *e = &u->event;
	json_error_t je;
	json_t *p;

	/* A payload that is not JSON (tampered) is left out. */
	if ((p = json_loads(e->payload != NULL ? e->payload : "", 0,
	    &je)) == NULL && json_error_code(&je) == json_error_out_of_memory)
		return NULL;
	return json_pack("{s:I, s:s?, s:s?, s:s?, s:o*, s:s?}", "seq",
	    (json_int_t)e->seq, "time", e->time, "actor", e->actor, "kind",
	    e->kind, "payload", p, "hash", e->hash);
}

static void
event_text(const union store_fields *u)
{
	const struct event_row *e = &u->event;

	printf("%" PRId64 "  %s  %s  %s  %s\n", e->seq, esc(e->time),
	    esc(e->actor), esc(e->kind), esc(e->payload));
}

int
cmd_log(struct ctx *x, const struct opts *o, char **args)
{
	struct case_row c;
	int r;

	(void)o;
	if ((r = parse_case(x, args[0])) != 0)
		return r;
	if ((r = store_case_get(x->w.st, args[0], &c)) == STORE_NOTFOUND)
		return msg(x, args[0], EXIT_USAGE, "no such case");
	if (r != STORE_OK)
		return fail_store(x, r);
	case_row_release(&c);
	return print_rows(x, STORE_EVENTS, args[0], event_json, event_text);
}

static int
print_check(struct ctx *x, const struct journal_check *chk)
{
	json_t *j;

	if (!x->json) {
		if (chk->ok)
			printf("journal intact: %" PRId64 " event%s, head %s\n",
			    chk->events, chk->events == 1 ? "" : "s",
			    chk->head);
		else if (chk->bad_seq > 0)
			printf("journal broken at event %" PRId64 ": %s\n",
			    chk->bad_seq, chk->why);
		else
			printf("journal broken: %s\n", chk->why);
		return EXIT_OK;
	}
	if (chk->ok)
		j = json_pack("{s:b, s:I, s:s}", "ok", 1, "events",
		    (json_int_t)chk->events, "head", chk->head);
	else
		j = json_pack("{s:b, s:I, s:s, s:I, s:s}", "ok", 0, "events",
		    (json_int_t)chk->events, "head", chk->head, "broken_at",
		    (json_int_t)chk->bad_seq, "reason", chk->why);
	return print_json(x, j);
}

int
cmd_verify(struct ctx *x, const struct opts *o, char **args)
{
	struct journal_check chk;
	int r;

	(void)o;
	(void)args;
	/* One read transaction: head and events from the same moment. */
	if ((r = store_begin(x->w.st)) != STORE_OK ||
	    (r = verify_all(x->w.st, &chk)) != STORE_OK) {
		store_rollback(x->w.st);
		return fail_store(x, r);
	}
	store_rollback(x->w.st);
	if ((r = print_check(x, &chk)) != EXIT_OK)
		return r;
	return chk.ok ? EXIT_OK : EXIT_REFUSED;
}
