/*
 * due.c: the due command: every open deadline of every open case, the
 * overdue ones first; exit 1 when one is overdue.  The list is due.c's
 * (the library's); this prints it.
 */
#include <inttypes.h>
#include <stdio.h>

#include "law/caltime.h"
#include "casefile/due.h"
#include "casefile/cli/cli.h"

/* One deadline as due -o json lists it. */
static json_t *
item_json(const struct due_item *it, const char *id, const char *day,
    int64_t at)
{
	bool late = it->day < at;

	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:I}", "step", id,
	    "deadline", day, "what", due_what(it), "entity", it->entity,
	    "overdue", late, "days", (json_int_t)(late ? at - it->day :
	    it->day - at));
}

static void
item_text(const struct due_item *it, const char *id, const char *day,
    int64_t at)
{
	int64_t days = it->day < at ? at - it->day : it->day - at;

	printf("%-7s  %s  %s  %s  %s", it->day < at ? "overdue" : "due", day,
	    esc(id), due_what(it), esc(it->entity));
	if (it->day < at)
		printf(" (%" PRId64 " day%s overdue)\n", days,
		    days == 1 ? "" : "s");
	else if (it->day == at)
		printf(" (today)\n");
	else
		printf(" (in %" PRId64 " day%s)\n", days, days == 1 ? "" : "s");
}

int
cmd_due(struct ctx *x, const struct opts *o, char **args)
{
	struct due_list d;
	json_t *a = NULL;
	char day[DATE_LEN], id[48];
	int64_t at = o->n[O_AT] >= 0 ? o->n[O_AT] : x->w.today;
	size_t i, overdue = 0;
	int r;

	(void)args;
	if ((r = due_all(x->w.st, &d)) != STORE_OK)
		return fail_store(x, r);
	if (x->json && (a = json_array()) == NULL) {
		r = fail_store(x, STORE_NOMEM);
		goto out;
	}
	for (i = 0; i < d.n; i++) {
		const struct due_item *it = &d.v[i];

		overdue += it->day < at;
		caltime_format_date(it->day, day, sizeof(day));
		snprintf(id, sizeof(id), "%s/%d", it->case_id, it->n);
		if (a == NULL)
			item_text(it, id, day, at);
		else if (json_array_append_new(a, item_json(it, id, day,
		    at)) != 0) {
			r = fail_store(x, STORE_NOMEM);
			goto out;
		}
	}
	if (a != NULL) {
		r = print_json(x, a);
		a = NULL;	/* released */
		if (r != EXIT_OK)
			goto out;
	}
	/* Exit 1 when a deadline is overdue, for scripts. */
	r = overdue > 0 ? EXIT_REFUSED : EXIT_OK;
 out:
	json_decref(a);
	due_list_release(&d);
	return r;
}
