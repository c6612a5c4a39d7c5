/*
 * steps.c: the commands that add a step to a case: request, respond,
 * comply, breach, inspect, incident, hearing, decide and refer.  Each
 * prints the new step's number only after the commit.
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
	if ((j = json_pack("{s:s, s:s}", "id", res->id, "kind",
	    step_kind_name(x->step))) != NULL && extra != NULL &&
	    json_object_update(j, extra) != 0) {
		json_decref(j);
		j = NULL;
	}
	r = print_json(x, j);
	json_decref(j);
	return r;
}

/* The one CASE of a command whose options are parsed; 0 or a status. */
static int
the_case(struct ctx *x, int argc, char **argv, const char **id)
{
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	*id = argv[optind];
	return 0;
}

int
cmd_request(struct ctx *x, int argc, char **argv)
{
	static const int accept[] = { O_REQUEST_KIND, O_PURPOSE, O_SPEC,
	    O_FORMAT, O_DEADLINE, O_LEGAL, O_VOLUNTARY, O_END };
	struct case_result res = { "", "" };
	struct request_args a;
	struct opts o;
	const char *id = NULL;
	int r;

	if ((r = getopts(x, argc, argv, accept, &o, NULL, NULL)) != 0 ||
	    (r = the_case(x, argc, argv, &id)) != 0)
		return r;
	if (o.v[O_REQUEST_KIND] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--kind is required");
	if ((r = parse_case(x, id)) != 0)
		return r;
	a.kind = o.v[O_REQUEST_KIND];
	a.purpose = o.v[O_PURPOSE];
	a.specification = o.v[O_SPEC];
	a.format = o.v[O_FORMAT];
	a.legal_basis = o.v[O_LEGAL];
	a.deadline = o.n[O_DEADLINE];
	a.voluntary = o.v[O_VOLUNTARY] != NULL;
	return added(x, case_request(&x->w, id, &a, &res), &res, NULL);
}

/* respond, comply, breach: CASE STEP plus a date. */
int
cmd_answer(struct ctx *x, int argc, char **argv)
{
	static const int respond[] = { O_RECEIVED, O_SUMMARY, O_END };
	static const int settle[] = { O_DATE, O_END };
	struct case_result res = { "", "" };
	int on = x->step == STEP_RESPONSE ? O_RECEIVED : O_DATE;
	struct opts o;
	int r, target;

	if ((r = getopts(x, argc, argv, on == O_RECEIVED ? respond : settle,
	    &o, NULL, NULL)) != 0)
		return r;
	if (argc - optind != 2)
		return msg(x, NULL, EXIT_USAGE, "needs a case number and a step");
	if (o.v[on] == NULL)
		return msg(x, NULL, EXIT_USAGE, "%s is required",
		    on == O_RECEIVED ? "--received" : "--date");
	if ((r = parse_case(x, argv[optind])) != 0 ||
	    (r = parse_step(x, argv[optind], argv[optind + 1], &target)) != 0)
		return r;
	return added(x, case_answer(&x->w, argv[optind], x->step, target,
	    o.n[on], o.v[O_SUMMARY], &res), &res, NULL);
}

/* Reads the evidence files before the write lock is taken. */
static int
read_files(struct ctx *x, const struct strlist *paths, struct evidence *ev)
{
	size_t i;
	int r;

	for (i = 0; i < paths->n; i++) {
		if ((r = evidence_read(paths->v[i], &ev[i])) == EVIDENCE_OK)
			continue;
		if (r == EVIDENCE_NOMEM)
			return fail_store(x, STORE_NOMEM);
		return msg(x, NULL, EXIT_USAGE, "--evidence '%s': %s",
		    paths->v[i], r == EVIDENCE_SYS ? strerror(ev[i].err) :
		    evidence_errstr(r));
	}
	return 0;
}

/* inspect and incident: steps that carry evidence files. */
int
cmd_record(struct ctx *x, int argc, char **argv)
{
	static const int inspect[] = { O_INSPECT_KIND, O_DATE, O_EVIDENCE,
	    O_SUMMARY, O_END };
	static const int incident[] = { O_RECEIVED, O_EVIDENCE, O_SUMMARY,
	    O_END };
	struct case_result res = { "", "" };
	int on = x->step == STEP_INCIDENT ? O_RECEIVED : O_DATE;
	struct evidence ev[LIST_MAX];
	struct record_args a;
	struct opts o;
	size_t i;
	int r;

	memset(ev, 0, sizeof(ev));
	if ((r = getopts(x, argc, argv, on == O_RECEIVED ? incident : inspect,
	    &o, NULL, NULL)) != 0)
		return r;
	if (argc - optind != 1)
		return msg(x, NULL, EXIT_USAGE, "needs one case number");
	if (on == O_DATE && o.v[O_INSPECT_KIND] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--kind is required");
	if (on == O_RECEIVED && o.v[on] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--received is required");
	if (on == O_RECEIVED && text_blank(o.v[O_SUMMARY]))
		return msg(x, NULL, EXIT_USAGE, "--summary is required");
	if (o.n[on] > x->w.today)
		return msg(x, NULL, EXIT_USAGE, "%s '%s' is in the future",
		    on == O_RECEIVED ? "--received" : "--date", o.v[on]);
	a.step = x->step;
	a.kind = o.v[O_INSPECT_KIND];
	a.day = o.n[on] >= 0 ? o.n[on] : x->w.today;
	a.summary = o.v[O_SUMMARY];
	a.ev = ev;
	a.nev = o.list[O_EVIDENCE].n;
	if ((r = parse_case(x, argv[optind])) == 0 &&
	    (r = read_files(x, &o.list[O_EVIDENCE], ev)) == 0)
		r = added(x, case_record(&x->w, argv[optind], &a, &res), &res,
		    NULL);
	for (i = 0; i < a.nev; i++)
		evidence_release(&ev[i]);
	return r;
}

static int
measure_one(struct ctx *x, int opt, const char *v, void *arg)
{
	if (opt == O_MEASURE && measure_lookup(v, arg) != 0)
		return msg(x, NULL, EXIT_USAGE, "--measure '%s' is not a "
		    "measure; valid: %s", v, measure_slug_list());
	return 0;
}

/* hearing and decide. */
int
cmd_measure(struct ctx *x, int argc, char **argv)
{
	static const int hearing[] = { O_MEASURE, O_GROUNDS, O_DEADLINE,
	    O_END };
	static const int decide[] = { O_MEASURE, O_GROUNDS, O_DEADLINE,
	    O_REPORT, O_END };
	bool decision = x->step == STEP_DECISION;
	struct case_result res = { "", "" };
	struct measure_args a = { x->step, M_NONE, NULL, -1, -1 };
	struct opts o;
	const char *id = NULL;
	int r;

	if ((r = getopts(x, argc, argv, decision ? decide : hearing, &o,
	    measure_one, &a.measure)) != 0 ||
	    (r = the_case(x, argc, argv, &id)) != 0)
		return r;
	if (a.measure == M_NONE)
		return msg(x, NULL, EXIT_USAGE, "--measure is required");
	/* forvaltningsloven § 19 (hearing), §§ 22-24 (reasons) */
	if (text_blank(o.v[O_GROUNDS]))
		return msg(x, NULL, EXIT_USAGE, "--grounds is required (%s)",
		    basis_text(decision ? BASIS_FVL_22_24 : BASIS_FVL_19));
	if (!decision && o.v[O_DEADLINE] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--deadline is required (the "
		    "entity's response deadline)");
	if ((r = parse_case(x, id)) != 0)
		return r;
	a.grounds = o.v[O_GROUNDS];
	a.deadline = o.n[O_DEADLINE];
	a.report_deadline = o.n[O_REPORT];
	return added(x, case_measure(&x->w, id, &a, &res), &res, NULL);
}

int
cmd_refer(struct ctx *x, int argc, char **argv)
{
	static const int accept[] = { O_GROUNDS, O_TURNOVER, O_END };
	struct case_result res = { "", "" };
	struct referral ref;
	struct opts o;
	const char *id = NULL;
	char eur[48];
	int r;

	if ((r = getopts(x, argc, argv, accept, &o, NULL, NULL)) != 0 ||
	    (r = the_case(x, argc, argv, &id)) != 0)
		return r;
	if (text_blank(o.v[O_GROUNDS]))
		return msg(x, NULL, EXIT_USAGE, "--grounds is required");
	if ((r = parse_case(x, id)) != 0)
		return r;
	r = case_refer(&x->w, id, o.v[O_GROUNDS], o.n[O_TURNOVER], &ref, &res);
	if ((r = added(x, r, &res, ref.data)) == EXIT_OK && !x->json) {
		fmt_eur(ref.fine >= 0 ? ref.fine : ref.floor, eur,
		    sizeof(eur));
		if (ref.fine >= 0)
			printf("maximum fine: %s (%s)\n", eur,
			    basis_text(ref.basis));
		else
			printf("maximum fine: at least %s; turnover unknown, "
			    "give --turnover (%s)\n", eur,
			    basis_text(ref.basis));
		printf("criminal fine in view: requests now need --voluntary "
		    "(%s)\n", basis_text(BASIS_RSL));
	}
	json_decref(ref.data);
	return r;
}
