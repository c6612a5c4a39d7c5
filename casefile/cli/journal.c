/*
 * journal.c: the commands of the journal: init (the database and the
 * chain's first event), log (a case's events) and verify (the chain, and
 * the tables against it).
 */
#include <inttypes.h>
#include <stdio.h>

#include "casefile/verify.h"
#include "casefile/cli/cli.h"

int
cmd_init(struct ctx *x, int argc, char **argv)
{
	struct case_result res = { "", "" };
	int r, v = 0;

	(void)argv;
	if (argc > 1)
		return msg(x, NULL, EXIT_USAGE, "takes no arguments");
	if ((r = open_db(x, 1)) != 0)
		return r;
	if ((r = case_init(&x->w, &v)) != CASE_OK)
		return fail_case(x, r, &res);
	printf("%s: schema version %d\n", x->dbpath, v);
	return EXIT_OK;
}

static int
log_one(const union store_fields *u, void *arg)
{
	const struct event_row *e = &u->event;
	json_error_t je;
	json_t *a = arg, *p;

	if (a == NULL) {
		printf("%" PRId64 "  %s  %s  %s  %s\n", e->seq, e->time,
		    e->actor, e->kind, e->payload);
		return 0;
	}
	/* A payload that is not JSON (tampered) is left out. */
	if ((p = json_loads(e->payload != NULL ? e->payload : "", 0,
	    &je)) == NULL && json_error_code(&je) == json_error_out_of_memory)
		return STORE_NOMEM;
	return json_array_append_new(a, json_pack("{s:I, s:s?, s:s?, s:s?, "
	    "s:o*, s:s?}", "seq", (json_int_t)e->seq, "time", e->time,
	    "actor", e->actor, "kind", e->kind, "payload", p, "hash",
	    e->hash)) != 0 ? STORE_NOMEM : 0;
}

int
cmd_log(struct ctx *x, int argc, char **argv)
{
	static const int accept[] = { O_END };
	struct case_row c;
	struct opts o;
	const char *id = NULL;
	int r;

	if ((r = getopts(x, argc, argv, accept, &o, NULL, NULL)) != 0 ||
	    (r = one_case(x, argc, argv, &id)) != 0)
		return r;
	if ((r = store_case_get(x->w.st, id, &c)) == STORE_NOTFOUND)
		return msg(x, id, EXIT_USAGE, "no such case");
	if (r != STORE_OK)
		return fail_store(x, r);
	case_row_release(&c);
	return print_rows(x, STORE_EVENTS, id, log_one);
}

int
cmd_verify(struct ctx *x, int argc, char **argv)
{
	struct journal_check chk;
	json_t *j;
	int r;

	(void)argv;
	if (argc > 1)
		return msg(x, NULL, EXIT_USAGE, "takes no arguments");
	/* One read transaction: head and events from the same moment. */
	if ((r = store_begin(x->w.st)) != STORE_OK ||
	    (r = verify_all(x->w.st, &chk)) != STORE_OK) {
		store_rollback(x->w.st);
		return fail_store(x, r);
	}
	store_rollback(x->w.st);
	if (x->json) {
		j = json_pack("{s:b, s:I, s:s}", "ok", chk.ok, "events",
		    (json_int_t)chk.events, "head", chk.head);
		if (j != NULL && !chk.ok && (json_object_set_new(j,
		    "broken_at", json_integer(chk.bad_seq)) != 0 ||
		    json_object_set_new(j, "reason", json_string(chk.why)) !=
		    0)) {
			json_decref(j);
			j = NULL;
		}
		r = print_json(x, j);
		json_decref(j);
		if (r != EXIT_OK)
			return r;
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
