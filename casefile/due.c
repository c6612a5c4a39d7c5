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

#include <jansson.h>

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
	if (a->src != b->src)
		return (int)a->src - (int)b->src;
	if ((c = strcmp(a->cvr, b->cvr)) != 0)
		return c;
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

/* ---- the register (§ 10) ---- */

/* CVR -> {"rec": the registration, "r": its day, "k": complete, or -1} */
struct regwalk {
	json_t		*ents;
	struct due_list	*l;		/* the late changes go here */
	int		 nomem;
};

/* An item of the register: an entity's, of src, due on day. */
static int
reg_push(struct due_list *l, enum due_source src, const char *cvr,
    json_t *rec, int64_t day, int64_t registered)
{
	const char *name = json_string_value(json_object_get(rec, "name"));
	struct due_item *it;

	if ((it = push(l)) == NULL)
		return STORE_NOMEM;
	it->src = src;
	snprintf(it->cvr, sizeof(it->cvr), "%s", cvr);
	it->registered = registered;
	it->day = day;
	it->n = 0;
	it->kind = STEP_KIND_COUNT;
	it->basis = BASIS_S10_CHANGE;
	it->entity = strdup(name != NULL ? name : "");
	return it->entity != NULL ? STORE_OK : STORE_NOMEM;
}

static int
reg_one(const union store_fields *u, void *arg)
{
	const struct event_row *e = &u->event;
	struct regwalk *w = arg;
	json_t *p, *cur, *rec;
	const char *cvr, *cls, *reg;
	int64_t day, r;
	int add = e->kind != NULL && strcmp(e->kind, "entity-add") == 0;

	if (e->payload == NULL || (p = json_loads(e->payload, 0, NULL)) ==
	    NULL)
		return 0;	/* not ours: verify says so */
	if ((cvr = json_string_value(json_object_get(p, "cvr"))) == NULL ||
	    reg_event_day(e, p, &day) != 0) {
		json_decref(p);
		return 0;
	}
	cur = json_object_get(w->ents, cvr);
	if (add && cur == NULL) {
		(void)json_object_del(p, "as_of");
		reg = json_string_value(json_object_get(p, "registered"));
		if (reg == NULL || caltime_parse_date(reg, &r) != 0)
			r = day;
		cls = json_string_value(json_object_get(p, "class"));
		cur = json_pack("{s:O, s:I, s:I}", "rec", p, "r", (json_int_t)r,
		    "k", (json_int_t)(case_class(cls) != CLASS_UNDETERMINED ?
		    r : -1));
		if (cur == NULL || json_object_set_new(w->ents, cvr, cur) != 0)
			w->nomem = 1;
	} else if (!add && cur != NULL) {
		rec = json_object_get(cur, "rec");
		if (reg_apply_update(rec, p) != 0) {
			json_decref(p);
			return 0;	/* not ours: verify says so */
		}
		cls = json_string_value(json_object_get(rec, "class"));
		if (json_integer_value(json_object_get(cur, "k")) < 0 &&
		    case_class(cls) != CLASS_UNDETERMINED &&
		    json_object_set_new(cur, "k", json_integer(day)) != 0)
			w->nomem = 1;
		/* § 10: a change is registered within two weeks of it */
		reg = json_string_value(json_object_get(p, "changed"));
		if (reg != NULL && caltime_parse_date(reg, &r) == 0 &&
		    day > r + 14 && case_class(cls) != CLASS_NOT_COVERED &&
		    reg_push(w->l, DUE_REG_CHANGE_LATE, cvr, rec, r + 14,
		    day) != STORE_OK)
			w->nomem = 1;
	}
	json_decref(p);
	return w->nomem;
}

int
due_register(struct store *st, struct due_list *l)
{
	struct regwalk w = { json_object(), l, 0 };
	const char *cvr, *since;
	enum entity_class cls;
	json_t *cur, *rec;
	int64_t c, k, d;
	int r = STORE_NOMEM;

	if (w.ents == NULL)
		return STORE_NOMEM;
	if ((r = store_list(st, STORE_ENTITY_EVENTS, NULL, reg_one, &w)) !=
	    STORE_OK || w.nomem) {
		r = w.nomem ? STORE_NOMEM : r;
		goto out;
	}
	json_object_foreach(w.ents, cvr, cur) {
		rec = json_object_get(cur, "rec");
		cls = case_class(json_string_value(json_object_get(rec,
		    "class")));
		k = json_integer_value(json_object_get(cur, "k"));
		since = json_string_value(json_object_get(rec,
		    "covered_since"));
		if (since == NULL || caltime_parse_date(since, &c) != 0)
			c = json_integer_value(json_object_get(cur, "r"));
		d = reg_deadline(c);
		if (cls == CLASS_NOT_COVERED || (cls != CLASS_UNDETERMINED &&
		    k <= d))
			continue;
		if ((r = reg_push(l, cls == CLASS_UNDETERMINED ?
		    DUE_REG_INCOMPLETE : DUE_REG_LATE, cvr, rec, d, k)) !=
		    STORE_OK)
			goto out;
	}
	if (l->n > 0)
		qsort(l->v, l->n, sizeof(*l->v), due_cmp);
	r = STORE_OK;
 out:
	json_decref(w.ents);
	return r;
}

const char *
due_what(const struct due_item *it)
{
	if (it->src == DUE_REG_INCOMPLETE)
		return "complete registration (class undetermined: figures "
		    "missing)";
	if (it->src == DUE_REG_LATE)
		return "registration (complete after its deadline)";
	if (it->src == DUE_REG_CHANGE_LATE)
		return "registration of a change (two weeks after it)";
	return rules_deadline_what(it->kind, it->report);
}
