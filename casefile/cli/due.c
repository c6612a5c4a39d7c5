/*
 * due.c: the due command: every open deadline of every open case and
 * the register's (§ 10: incomplete and late registrations), the overdue
 * ones first; exit 1 when one is overdue.  The list is due.c's (the
 * library's); this prints it.
 */
#include <inttypes.h>
#include <stdio.h>

#include "law/basis.h"
#include "law/caltime.h"
#include "casefile/due.h"
#include "casefile/cli/cli.h"

/* A registration's item as due -o json lists it. */
static json_t *
reg_json(const struct due_item *it, const char *day, int64_t at)
{
	char reg[DATE_LEN] = "";
	bool late = it->day < at;

	if (it->src != DUE_REG_INCOMPLETE)
		caltime_format_date(it->registered, reg, sizeof(reg));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s*, s:s*, s:b, s:I, "
	    "s:s}",
	    "cvr", it->cvr, "entity", it->entity, "deadline", day, "what",
	    due_what(it), "registration", it->src == DUE_REG_LATE ? "late" :
	    it->src == DUE_REG_CHANGE_LATE ? "change-late" : "incomplete",
	    "completed", it->src == DUE_REG_LATE ? reg : NULL, "registered",
	    it->src == DUE_REG_CHANGE_LATE ? reg : NULL,
	    "overdue", it->src == DUE_REG_INCOMPLETE && late, "days",
	    (json_int_t)(it->src != DUE_REG_INCOMPLETE ? it->registered -
	    it->day : late ? at - it->day : it->day - at), "basis",
	    it->src == DUE_REG_LATE ? "§ 10; § 33, stk. 3" :
	    basis_text(BASIS_S10));
}

/* A registration's item as text. */
static void
reg_text(const struct due_item *it, const char *day, int64_t at)
{
	char reg[DATE_LEN];
	int64_t days;

	if (it->src != DUE_REG_INCOMPLETE) {
		caltime_format_date(it->registered, reg, sizeof(reg));
		days = it->registered - it->day;
		printf("%-7s  %s  %s  %s  %s (%s %s, %" PRId64 " day%s late; "
		    "%s%s%s)\n", "late", day, esc(it->cvr), due_what(it),
		    esc(it->entity), it->src == DUE_REG_LATE ? "complete" :
		    "registered", reg, days, days == 1 ? "" : "s",
		    basis_text(BASIS_S10), it->src == DUE_REG_LATE ? ", " : "",
		    it->src == DUE_REG_LATE ? basis_text(BASIS_S33_STK3) : "");
		return;
	}
	days = it->day < at ? at - it->day : it->day - at;
	printf("%-7s  %s  %s  %s  %s", it->day < at ? "overdue" : "due", day,
	    esc(it->cvr), due_what(it), esc(it->entity));
	if (it->day < at)
		printf(" (%" PRId64 " day%s overdue; %s)\n", days,
		    days == 1 ? "" : "s", basis_text(BASIS_S10));
	else if (it->day == at)
		printf(" (today; %s)\n", basis_text(BASIS_S10));
	else
		printf(" (in %" PRId64 " day%s; %s)\n", days, days == 1 ? "" :
		    "s", basis_text(BASIS_S10));
}

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
	if ((r = due_register(x->w.st, &d)) != STORE_OK) {
		r = fail_store(x, r);
		goto out;
	}
	if (x->json && (a = json_array()) == NULL) {
		r = fail_store(x, STORE_NOMEM);
		goto out;
	}
	for (i = 0; i < d.n; i++) {
		const struct due_item *it = &d.v[i];

		/* a late registration is history: listed, not overdue */
		overdue += (it->src == DUE_STEP || it->src ==
		    DUE_REG_INCOMPLETE) && it->day < at;
		caltime_format_date(it->day, day, sizeof(day));
		snprintf(id, sizeof(id), "%s/%d", it->case_id, it->n);
		if (a == NULL && it->src != DUE_STEP)
			reg_text(it, day, at);
		else if (a == NULL)
			item_text(it, id, day, at);
		else if (json_array_append_new(a, it->src != DUE_STEP ?
		    reg_json(it, day, at) : item_json(it, id, day, at)) != 0) {
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
