/*
 * case.c: the commands of a case as a whole: case open, list, show and
 * close.  Trusts case.c (the library's) for the rules and the rows; the
 * values were checked by options.c.
 */
#include <stdio.h>
#include <string.h>

#include "common/text.h"
#include "law/basis.h"
#include "law/caltime.h"
#include "casefile/due.h"
#include "casefile/export.h"
#include "casefile/cli/cli.h"

int
cmd_case_open(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	const char *basis = o->v[O_BASIS];
	int r;

	(void)args;
	if (o->v[O_CVR] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--cvr is required");
	if (basis == NULL)
		return msg(x, NULL, EXIT_USAGE, "--basis is required");
	if (text_blank(o->v[O_SUBJECT]))
		return msg(x, NULL, EXIT_USAGE, "--subject is required");
	if (strcmp(basis, "routine") == 0 && o->v[O_INDICATION] != NULL)
		return msg(x, NULL, EXIT_USAGE, "--indication goes with --basis "
		    "indication");
	if ((r = case_open(&x->w, o->v[O_CVR], strcmp(basis, "routine") == 0,
	    o->v[O_INDICATION], o->v[O_SUBJECT], &res)) != CASE_OK)
		return fail_case(x, r, &res);
	if (x->json)
		return print_json(x, json_pack("{s:s, s:s}", "case", res.id,
		    "cvr", o->v[O_CVR]));
	printf("%s\n", res.id);
	return EXIT_OK;
}

static json_t *
case_json(const union store_fields *u)
{
	const struct case_fields *c = &u->kase;

	return json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:b}", "case", c->id,
	    "cvr", c->cvr, "entity", c->entity_name, "subject", c->subject,
	    "opened", c->opened, "open", c->closed == NULL);
}

static void
case_text(const union store_fields *u)
{
	const struct case_fields *c = &u->kase;

	printf("%s  %-6s  %s  %s: %s\n", c->id, c->closed != NULL ? "closed" :
	    "open", esc(c->cvr), esc(c->entity_name), esc(c->subject));
}

int
cmd_case_list(struct ctx *x, const struct opts *o, char **args)
{
	(void)args;
	return print_rows(x, o->v[O_OPEN] != NULL ? STORE_OPEN_CASES :
	    STORE_CASES, NULL, case_json, case_text);
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
show_text(const struct case_state *L, const struct due_list *d)
{
	const struct case_row *c = &L->c;
	const struct rstep *p;
	char title[96], buf[64], ds[DATE_LEN];
	size_t i;

	printf("%-10s%s\n", "case:", esc(c->id));
	printf("%-10s%s %s (%s)\n", "entity:", esc(c->cvr), esc(L->e.name),
	    esc(L->e.cls));
	printf("%-10s%s (%s)\n", "basis:", c->basis,
	    basis_text(rules_supervision_basis(L->rc.cls)));
	if (c->indication != NULL)
		printf("%-10s%s\n", "indication:", esc(c->indication));
	printf("%-10s%s\n", "subject:", esc(c->subject));
	printf("%-10s%s\n", "opened:", esc(c->opened));
	if (c->closed[0])
		printf("%-10s%s%s%s\n", "closed:", esc(c->closed),
		    c->close_reason ? ": " : "", esc(c->close_reason));
	if (c->criminal) {
		if (c->max_fine >= 0)
			eur_text(c->max_fine, buf, sizeof(buf));
		printf("%-10sreferred to the police; criminal fine in view "
		    "(maximum %s; %s)\n", "criminal:", c->max_fine >= 0 ?
		    buf : "unknown", basis_text(BASIS_RSL));
	} else if ((p = rules_protected(&L->rc, INT64_MAX)) != NULL) {
		caltime_format_date(p->date, ds, sizeof(ds));
		printf("%-10soffence suspected since step %d (%s); compulsory "
		    "measures need --voluntary (%s)\n", "suspect:", p->n, ds,
		    basis_text(BASIS_RSL));
	}
	printf("steps:\n");
	for (i = 0; i < L->nsteps; i++) {
		const struct step_row *s = &L->steps[i];

		step_title(s, title, sizeof(title));
		printf("  %3d  %s  %s", s->n, esc(s->date), esc(title));
		if (s->ref > 0)
			printf(" (to step %d)", s->ref);
		if (s->deadline[0])
			printf(", deadline %s", esc(s->deadline));
		if (s->report_deadline[0])
			printf(", report by %s", esc(s->report_deadline));
		printf("\n");
	}
	if (L->ndocs > 0)
		printf("documents:\n");
	for (i = 0; i < L->ndocs; i++) {
		const struct document_item *x = &L->docs[i];

		printf("  %3d  %s  %-8s  step %d  %s%s%s\n", x->n,
		    esc(x->date), esc(x->direction), x->step, esc(x->subject),
		    x->name != NULL ? ": " : "", esc(x->name));
	}
	if (d->n > 0)
		printf("open deadlines:\n");
	for (i = 0; i < d->n; i++) {
		caltime_format_date(d->v[i].day, ds, sizeof(ds));
		printf("  %s  %s/%d  %s (%s)\n", ds, esc(c->id), d->v[i].n,
		    due_what(&d->v[i]), basis_text(d->v[i].basis));
	}
}

int
cmd_case_show(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	struct case_state L;
	struct due_list d = { NULL, 0, 0 };
	json_t *j = NULL;
	int r;

	(void)o;
	memset(&L, 0, sizeof(L));
	if ((r = parse_case(x, args[0])) != 0)
		return r;
	if ((r = case_load(x->w.st, args[0], &L, &res)) != CASE_OK ||
	    (r = case_load_documents(x->w.st, &L)) != CASE_OK)
		r = fail_case(x, r, &res);
	else if ((r = due_case(&L, &d)) != STORE_OK)
		r = fail_store(x, r);
	else if (!x->json) {
		show_text(&L, &d);
		r = EXIT_OK;
	} else if ((r = export_show_json(&L, &d, &j)) != CASE_OK)
		r = fail_case(x, r, &res);
	else {
		r = print_json(x, j);
		j = NULL;
	}
	json_decref(j);
	due_list_release(&d);
	case_state_release(&L);
	return r;
}

int
cmd_case_reopen(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	int r;

	if ((r = parse_case(x, args[0])) != 0)
		return r;
	if ((r = case_reopen(&x->w, args[0], o->v[O_REASON], &res)) != CASE_OK)
		return fail_case(x, r, &res);
	if (x->json)
		return print_json(x, json_pack("{s:s, s:b}", "case", args[0],
		    "closed", 0));
	printf("%s\n", args[0]);
	return EXIT_OK;
}

int
cmd_case_close(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	int r;

	if ((r = parse_case(x, args[0])) != 0)
		return r;
	if ((r = case_close(&x->w, args[0], o->v[O_REASON], &res)) != CASE_OK)
		return fail_case(x, r, &res);
	if (x->json)
		return print_json(x, json_pack("{s:s, s:b}", "case", args[0],
		    "closed", 1));
	printf("%s\n", args[0]);
	return EXIT_OK;
}
