/*
 * steps.c: the commands that add a step to a case: request, respond,
 * comply, breach, inspect, incident, hearing, decide and refer.  Each
 * prints the new step's number only after the commit.  Trusts case.c
 * (the library's) for the rules and the payloads; checks only that what
 * a command needs was given.
 */
#include <stdio.h>
#include <string.h>

#include "common/text.h"
#include "law/basis.h"
#include "casefile/cli/cli.h"

/* "CASE/N", or {"id", "kind"} and extra's members with -o json. */
static int
added(struct ctx *x, int r, const struct case_result *res, json_t *extra)
{
	json_t *j;

	if (r != CASE_OK)
		return fail_case(x, r, res);
	if (!x->json) {
		printf("%s\n", res->id);
		return EXIT_OK;
	}
	/* A referral's data beside: the fine and its basis (§ 32). */
	if ((j = json_pack("{s:s, s:s}", "id", res->id, "kind",
	    step_kind_name(x->step))) != NULL && extra != NULL &&
	    json_object_update(j, extra) != 0) {
		json_decref(j);
		j = NULL;	/* print_json() reports it */
	}
	return print_json(x, j);
}

int
cmd_request(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	struct request_args a;
	int r;

	if (o->v[O_REQUEST_KIND] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--kind is required");
	if ((r = parse_case(x, args[0])) != 0)
		return r;
	a.kind = o->v[O_REQUEST_KIND];
	a.purpose = o->v[O_PURPOSE];
	a.specification = o->v[O_SPEC];
	a.format = o->v[O_FORMAT];
	a.legal_basis = o->v[O_LEGAL];
	a.deadline = o->n[O_DEADLINE];
	a.voluntary = o->v[O_VOLUNTARY] != NULL;
	return added(x, case_request(&x->w, args[0], &a, &res), &res, NULL);
}

/* The option that dates an answer or a record: --received or --date. */
static int
dated(const struct ctx *x)
{
	return x->step == STEP_RESPONSE || x->step == STEP_INCIDENT ?
	    O_RECEIVED : O_DATE;
}

/* Reads the files of option opt before the write lock is taken. */
static int
read_files(struct ctx *x, const char *opt, const struct strlist *paths,
    struct evidence *ev)
{
	size_t i;
	int r;

	for (i = 0; i < paths->n; i++) {
		if ((r = evidence_read(paths->v[i], &ev[i])) == EVIDENCE_OK)
			continue;
		if (r == EVIDENCE_NOMEM)
			return fail_store(x, STORE_NOMEM);
		return msg(x, NULL, EXIT_USAGE, "%s '%s': %s", opt,
		    paths->v[i], r == EVIDENCE_SYS ? strerror(ev[i].err) :
		    evidence_errstr(r));
	}
	return 0;
}

/* respond, comply, breach: CASE STEP plus a date; respond, files. */
int
cmd_answer(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	struct evidence att[LIST_MAX];
	size_t i, natt = o->list[O_ATTACH].n;
	int r, target, on = dated(x);

	if (o->v[on] == NULL)
		return msg(x, NULL, EXIT_USAGE, "%s is required",
		    on == O_RECEIVED ? "--received" : "--date");
	if ((r = parse_case(x, args[0])) != 0 ||
	    (r = parse_step(x, args[0], args[1], &target)) != 0)
		return r;
	memset(att, 0, sizeof(att));
	if ((r = read_files(x, "--attach", &o->list[O_ATTACH], att)) == 0)
		r = added(x, case_answer(&x->w, args[0], x->step, target,
		    o->n[on], o->v[O_SUMMARY], att, natt, &res), &res, NULL);
	for (i = 0; i < natt; i++)
		evidence_release(&att[i]);
	return r;
}

/* inspect and incident: steps that carry evidence files. */
int
cmd_record(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	struct evidence ev[LIST_MAX], att[LIST_MAX];
	struct record_args a;
	size_t i;
	int r, on = dated(x);

	if (on == O_DATE && o->v[O_INSPECT_KIND] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--kind is required");
	if (on == O_RECEIVED && o->v[on] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--received is required");
	if (on == O_RECEIVED && text_blank(o->v[O_SUMMARY]))
		return msg(x, NULL, EXIT_USAGE, "--summary is required");
	if (o->n[on] > x->w.today)
		return msg(x, NULL, EXIT_USAGE, "%s '%s' is in the future",
		    on == O_RECEIVED ? "--received" : "--date", o->v[on]);
	memset(ev, 0, sizeof(ev));
	memset(att, 0, sizeof(att));
	a.step = x->step;
	a.kind = o->v[O_INSPECT_KIND];
	a.day = o->n[on] >= 0 ? o->n[on] : x->w.today;
	a.summary = o->v[O_SUMMARY];
	a.ev = ev;
	a.nev = o->list[O_EVIDENCE].n;
	a.att = att;
	a.natt = o->list[O_ATTACH].n;
	if ((r = parse_case(x, args[0])) == 0 &&
	    (r = read_files(x, "--evidence", &o->list[O_EVIDENCE], ev)) == 0 &&
	    (r = read_files(x, "--attach", &o->list[O_ATTACH], att)) == 0)
		r = added(x, case_record(&x->w, args[0], &a, &res), &res, NULL);
	for (i = 0; i < a.nev; i++)
		evidence_release(&ev[i]);
	for (i = 0; i < a.natt; i++)
		evidence_release(&att[i]);
	return r;
}

/* hearing and decide. */
int
cmd_measure(struct ctx *x, const struct opts *o, char **args)
{
	bool decision = x->step == STEP_DECISION;
	struct case_result res = { "", "" };
	struct measure_args a;
	int r;

	if (o->v[O_MEASURE] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--measure is required");
	/* forvaltningsloven § 19 (hearing), §§ 22-24 (reasons) */
	if (text_blank(o->v[O_GROUNDS]))
		return msg(x, NULL, EXIT_USAGE, "--grounds is required (%s)",
		    basis_text(decision ? BASIS_FVL_22_24 : BASIS_FVL_19));
	if (!decision && o->v[O_DEADLINE] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--deadline is required (the "
		    "entity's response deadline)");
	if ((r = parse_case(x, args[0])) != 0)
		return r;
	a.step = x->step;
	a.measure = (enum measure)o->n[O_MEASURE];
	a.grounds = o->v[O_GROUNDS];
	a.deadline = o->n[O_DEADLINE];
	a.report_deadline = o->n[O_REPORT];
	return added(x, case_measure(&x->w, args[0], &a, &res), &res, NULL);
}

int
cmd_refer(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	struct referral ref;
	char eur[48];
	int r;

	if (text_blank(o->v[O_GROUNDS]))
		return msg(x, NULL, EXIT_USAGE, "--grounds is required");
	if ((r = parse_case(x, args[0])) != 0)
		return r;
	r = case_refer(&x->w, args[0], o->v[O_GROUNDS], o->n[O_TURNOVER], &ref,
	    &res);
	if ((r = added(x, r, &res, ref.data)) == EXIT_OK && !x->json) {
		/* § 32; turnover unknown: the fixed amount is the least */
		eur_text(ref.fine >= 0 ? ref.fine : ref.floor, eur,
		    sizeof(eur));
		printf("maximum fine: %s%s%s (%s)\n", ref.fine >= 0 ? "" :
		    "at least ", eur, ref.fine >= 0 ? "" : "; turnover "
		    "unknown, give --turnover", basis_text(ref.basis));
		printf("criminal fine in view: requests now need --voluntary "
		    "(%s)\n", basis_text(BASIS_RSL));
	}
	json_decref(ref.data);
	return r;
}
