/*
 * due.c: the open deadlines.  `due` reads the open_deadlines table the
 * store's triggers keep (fast: only what is open is read), `case show` and
 * `case close` ask law/rules; which steps open and settle a deadline is
 * defined once, in law/rules.  Trusts the triggers for the table (verify
 * holds it against the rules); a row whose deadline is not a date is not
 * listed.
 */
#include <stdlib.h>
#include <string.h>

#include "law/caltime.h"
#include "casefile/due.h"

void
due_list_release(struct due_list *l)
{
	while (l->n > 0)
		free(l->v[--l->n].entity);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

/* A new, zeroed last item (counted); NULL when out of memory. */
static struct due_item *
push(struct due_list *l)
{
	struct store_vec vec = { l->v, l->n, l->cap };
	struct due_item *it = store_vec_push(&vec, sizeof(*it));

	l->v = vec.v;
	l->n = vec.n;
	l->cap = vec.cap;
	return it;
}

/* One deadline of a row of STORE_DUE; not a date: not ours, skipped. */
static int
due_push(struct due_list *l, const struct deadline_fields *d,
    const char *day, bool report)
{
	struct due_item *it;

	if (day == NULL || d->case_id == NULL)
		return 0;
	if ((it = push(l)) == NULL)
		return STORE_NOMEM;
	if (caltime_parse_date(day, &it->day) != 0) {
		l->n--;
		return 0;
	}
	snprintf(it->case_id, sizeof(it->case_id), "%s", d->case_id);
	it->n = d->n;
	it->kind = case_step_kind(d->kind);
	it->report = report;
	it->basis = BASIS_COUNT;
	it->entity = strdup(d->entity_name != NULL ? d->entity_name : "");
	return it->entity != NULL ? 0 : STORE_NOMEM;
}

static int
due_one(const union store_fields *u, void *arg)
{
	const struct deadline_fields *d = &u->deadline;
	int r;

	if ((r = due_push(arg, d, d->deadline, false)) != 0)
		return r;
	return due_push(arg, d, d->report_deadline, true);
}

static int
due_cmp(const void *pa, const void *pb)
{
	const struct due_item *a = pa, *b = pb;
	int c;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if ((c = strcmp(a->case_id, b->case_id)) != 0)
		return c;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return (int)a->report - (int)b->report;
}

int
due_all(struct store *st, struct due_list *l)
{
	int r;

	memset(l, 0, sizeof(*l));
	if ((r = store_list(st, STORE_DUE, NULL, due_one, l)) != STORE_OK) {
		due_list_release(l);
		return r;
	}
	if (l->n > 0)
		qsort(l->v, l->n, sizeof(*l->v), due_cmp);
	return STORE_OK;
}

int
due_case(const struct case_state *L, struct due_list *l)
{
	const struct step_row *s;
	struct open_deadline *od;
	struct due_item *it;
	size_t n, i;

	memset(l, 0, sizeof(*l));
	/* Each step sets at most two deadlines. */
	if ((od = calloc(2 * L->nsteps + 1, sizeof(*od))) == NULL)
		return STORE_NOMEM;
	n = rules_open_deadlines(&L->rc, od, 2 * L->nsteps + 1);
	for (i = 0; i < n; i++) {
		if ((it = push(l)) == NULL) {
			free(od);
			due_list_release(l);
			return STORE_NOMEM;
		}
		snprintf(it->case_id, sizeof(it->case_id), "%s", L->c.id);
		it->n = od[i].n;
		s = case_step(L, od[i].n);
		it->kind = s != NULL ? case_step_kind(s->kind) : STEP_KIND_COUNT;
		it->report = od[i].report;
		it->day = od[i].day;
		it->basis = od[i].basis;
	}
	free(od);
	return STORE_OK;
}

const char *
due_what(const struct due_item *it)
{
	return rules_deadline_what(it->kind, it->report);
}
