/* Unit tests of law/rules.c: the legal path of a case. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "law/caltime.h"
#include "law/rules.h"

#define D(y, m, d)	days_from_civil(y, m, d)

static struct rstep
step(int n, enum step_kind k, enum measure m, int64_t date, int64_t dl,
    int64_t rdl, int ref)
{
	struct rstep s = { n, k, m, date, dl, rdl, ref, 0, false };

	return s;
}

static struct rcase
mkcase(enum entity_class cls, const struct rstep *steps, size_t n)
{
	struct rcase c;

	memset(&c, 0, sizeof(c));
	c.cls = cls;
	c.steps = steps;
	c.nsteps = n;
	return c;
}

static void
test_open_case(void **state)
{
	struct refusal rf;

	(void)state;
	assert_int_equal(rules_open_case(CLASS_ESSENTIAL, true, NULL, &rf),
	    RULES_OK);
	assert_int_equal(rules_open_case(CLASS_IMPORTANT, true, NULL, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S24);
	assert_non_null(strstr(rf.msg, "(§ 24)"));
	assert_int_equal(rules_open_case(CLASS_IMPORTANT, false, "  ", &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S24);
	assert_int_equal(rules_open_case(CLASS_IMPORTANT, false, "a tip",
	    &rf), RULES_OK);
	assert_int_equal(rules_open_case(CLASS_NOT_COVERED, false, "a tip",
	    &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S1_STK1);
	assert_int_equal(rules_open_case(CLASS_UNDETERMINED, false, "x", &rf),
	    RULES_REFUSED);
}

/*
 * § 21 / § 24: a request states its purpose, the information and the
 * format; after a referral it is voluntary (retssikkerhedsloven § 10).
 */
static void
test_request(void **state)
{
	const struct {
		enum entity_class	 cls;
		bool			 criminal, voluntary;
		const char		*purpose, *spec, *format;
		int			 want;
		enum basis_id		 basis;
		const char		*msg;
	} cases[] = {
		{ CLASS_ESSENTIAL, false, false, "p", "s", "PDF", RULES_OK,
		    BASIS_COUNT, NULL },
		{ CLASS_ESSENTIAL, false, false, NULL, "s", "PDF", RULES_REFUSED,
		    BASIS_S21_REQUEST, "--purpose is required (§ 21)" },
		{ CLASS_ESSENTIAL, false, false, "p", "\t ", "PDF",
		    RULES_REFUSED, BASIS_S21_REQUEST,
		    "--specification is required (§ 21)" },
		{ CLASS_ESSENTIAL, false, false, "p", "s", "", RULES_REFUSED,
		    BASIS_S21_REQUEST, "--format is required (§ 21)" },
		{ CLASS_IMPORTANT, false, false, "p", "s", NULL, RULES_REFUSED,
		    BASIS_S24_REQUEST, NULL },
		{ CLASS_ESSENTIAL, false, true, "p", "s", "f", RULES_BADINPUT,
		    BASIS_COUNT, NULL },
		{ CLASS_ESSENTIAL, true, false, "p", "s", "f", RULES_REFUSED,
		    BASIS_RSL, NULL },
		{ CLASS_ESSENTIAL, true, true, "p", "s", "f", RULES_OK,
		    BASIS_COUNT, NULL },
	};
	struct rcase c = mkcase(CLASS_ESSENTIAL, NULL, 0);
	struct refusal rf;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c.cls = cases[i].cls;
		c.criminal = cases[i].criminal;
		assert_int_equal(rules_request(&c, cases[i].purpose,
		    cases[i].spec, cases[i].format, cases[i].voluntary, &rf),
		    cases[i].want);
		if (cases[i].want != RULES_OK)
			assert_int_equal(rf.basis, cases[i].basis);
		if (cases[i].msg != NULL)
			assert_string_equal(rf.msg, cases[i].msg);
	}
}

static void
test_closed_case_takes_nothing(void **state)
{
	struct rstep s[] = { step(1, STEP_HEARING, M_WARNING, D(2026, 3, 1),
	    D(2026, 3, 10), -1, 0) };
	struct rcase c = mkcase(CLASS_ESSENTIAL, s, 1);
	struct refusal rf;
	int h;

	(void)state;
	c.closed = true;
	assert_int_equal(rules_request(&c, "p", "s", "f", false, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_OFFL_15);
	assert_int_equal(rules_inspect(&c, "offsite", D(2026, 3, 20), false,
	    &rf), RULES_REFUSED);
	assert_int_equal(rules_hearing(&c, M_WARNING, D(2026, 4, 1),
	    D(2026, 3, 20), &rf), RULES_REFUSED);
	assert_int_equal(rules_decide(&c, M_WARNING, -1, -1, D(2026, 3, 20),
	    &h, &rf), RULES_REFUSED);
	assert_int_equal(rules_refer(&c, &rf), RULES_REFUSED);
	assert_int_equal(rules_close(&c, "r", D(2026, 3, 20), &rf),
	    RULES_REFUSED);
}

static void
test_decide_needs_hearing_heard_out(void **state)
{
	struct rstep s[3];
	struct rcase c;
	struct refusal rf;
	int h = -1;

	(void)state;
	c = mkcase(CLASS_ESSENTIAL, s, 0);
	assert_int_equal(rules_decide(&c, M_WARNING, -1, -1, D(2026, 3, 20),
	    &h, &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_FVL_19);
	s[0] = step(1, STEP_HEARING, M_WARNING, D(2026, 3, 1), D(2026, 3, 10),
	    -1, 0);
	c.nsteps = 1;
	/* on the deadline day the entity may still answer */
	assert_int_equal(rules_decide(&c, M_WARNING, -1, -1, D(2026, 3, 10),
	    &h, &rf), RULES_REFUSED);
	assert_string_equal(rf.msg, "the hearing (step 1) runs until "
	    "2026-03-10 and no response is recorded (forvaltningsloven § 19)");
	assert_int_equal(rules_decide(&c, M_WARNING, -1, -1, D(2026, 3, 11),
	    &h, &rf), RULES_OK);
	assert_int_equal(h, 1);
	/* a hearing on another measure does not count */
	assert_int_equal(rules_decide(&c, M_ORDER, D(2026, 4, 1), -1,
	    D(2026, 3, 11), &h, &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_FVL_19);
	/* a recorded response ends the hearing early */
	s[1] = step(2, STEP_RESPONSE, M_NONE, D(2026, 3, 5), -1, -1, 1);
	c.nsteps = 2;
	assert_int_equal(rules_decide(&c, M_WARNING, -1, -1, D(2026, 3, 6),
	    &h, &rf), RULES_OK);
	assert_int_equal(h, 1);
	/* one hearing, one decision: a second decision needs a new hearing */
	s[2] = step(3, STEP_DECISION, M_WARNING, D(2026, 3, 6), -1, -1, 1);
	c.nsteps = 3;
	assert_int_equal(rules_decide(&c, M_WARNING, -1, -1, D(2026, 3, 7),
	    &h, &rf), RULES_REFUSED);
	assert_string_equal(rf.msg, "the hearing on warning (step 1) already "
	    "led to a decision (step 3); hear the entity again before a new "
	    "decision (forvaltningsloven § 19)");
}

static void
test_binding_instruction_deadlines(void **state)
{
	struct rstep s[] = { step(1, STEP_HEARING, M_BINDING_INSTRUCTION,
	    D(2026, 3, 1), D(2026, 3, 10), -1, 0) };
	struct rcase c = mkcase(CLASS_ESSENTIAL, s, 1);
	struct refusal rf;
	int h;

	(void)state;
	assert_int_equal(rules_decide(&c, M_BINDING_INSTRUCTION,
	    D(2026, 4, 1), -1, D(2026, 3, 20), &h, &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S22);
	c.cls = CLASS_IMPORTANT;
	assert_int_equal(rules_decide(&c, M_BINDING_INSTRUCTION, -1,
	    D(2026, 4, 1), D(2026, 3, 20), &h, &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S25);
	assert_int_equal(rules_decide(&c, M_BINDING_INSTRUCTION,
	    D(2026, 4, 1), D(2026, 4, 8), D(2026, 3, 20), &h, &rf), RULES_OK);
}

static void
test_essential_only_measures(void **state)
{
	struct rcase c = mkcase(CLASS_IMPORTANT, NULL, 0);
	struct refusal rf;

	(void)state;
	assert_int_equal(rules_hearing(&c, M_REMEDY_ORDER, D(2026, 4, 1),
	    D(2026, 3, 1), &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S25);
	assert_int_equal(rules_hearing(&c, M_MONITORING_OFFICER,
	    D(2026, 4, 1), D(2026, 3, 1), &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S25);
	assert_int_equal(rules_hearing(&c, M_SUSPENSION, D(2026, 4, 1),
	    D(2026, 3, 1), &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S23);
	assert_int_equal(rules_hearing(&c, M_ORDER, D(2026, 4, 1),
	    D(2026, 3, 1), &rf), RULES_OK);
	c.cls = CLASS_ESSENTIAL;
	assert_int_equal(rules_hearing(&c, M_REMEDY_ORDER, D(2026, 4, 1),
	    D(2026, 3, 1), &rf), RULES_OK);
}

/*
 * A hearing on an order (step 1), the order with a deadline of
 * 2026-03-31 (step 2), and step 3 of kind k on day, resting on it.
 */
static void
ordered(struct rstep s[3], enum step_kind k, int64_t day)
{
	s[0] = step(1, STEP_HEARING, M_ORDER, D(2026, 3, 1), D(2026, 3, 8), -1,
	    0);
	s[1] = step(2, STEP_DECISION, M_ORDER, D(2026, 3, 9), D(2026, 3, 31),
	    -1, 1);
	s[2] = step(3, k, M_NONE, day, -1, -1, 2);
}

static void
test_suspension(void **state)
{
	struct rstep s[3];
	struct rcase c;
	struct refusal rf;

	(void)state;
	ordered(s, STEP_BREACH, D(2026, 4, 1));
	/* § 23: only after a decision's deadline was breached */
	c = mkcase(CLASS_ESSENTIAL, s, 2);
	assert_int_equal(rules_hearing(&c, M_SUSPENSION, D(2026, 4, 20),
	    D(2026, 4, 2), &rf), RULES_REFUSED);
	assert_string_equal(rf.msg, "suspension needs an earlier decision "
	    "whose deadline was breached (§ 23)");
	c.nsteps = 3;
	assert_int_equal(rules_hearing(&c, M_SUSPENSION, D(2026, 4, 20),
	    D(2026, 4, 2), &rf), RULES_OK);
	/* and never against public administration */
	c.public_admin = true;
	assert_int_equal(rules_hearing(&c, M_SUSPENSION, D(2026, 4, 20),
	    D(2026, 4, 2), &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S23);
	assert_non_null(strstr(rf.msg, "public administration"));
}

static void
test_settle(void **state)
{
	struct rstep s[3];
	struct rcase c;
	struct refusal rf;
	/* today is 2026-04-02; the decision's deadline 2026-03-31 */
	const struct {
		size_t	 nsteps;
		int	 target;
		bool	 breach;
		int64_t	 date;
		int	 want;
	} cases[] = {
		{ 2, 1, true, D(2026, 4, 1), RULES_BADINPUT },	/* a hearing */
		{ 2, 2, true, D(2026, 3, 31), RULES_BADINPUT },	/* not after */
		{ 2, 2, true, D(2026, 4, 1), RULES_OK },
		{ 2, 2, false, D(2026, 3, 30), RULES_OK },
		{ 2, 2, true, D(2026, 4, 3), RULES_BADINPUT },	/* future */
		{ 3, 2, true, D(2026, 4, 1), RULES_BADINPUT },	/* settled */
	};
	size_t i;

	(void)state;
	ordered(s, STEP_COMPLIANCE, D(2026, 3, 30));
	c = mkcase(CLASS_ESSENTIAL, s, 3);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c.nsteps = cases[i].nsteps;
		assert_int_equal(rules_settle(&c, cases[i].target,
		    cases[i].breach, cases[i].date, D(2026, 4, 2), &rf),
		    cases[i].want);
	}
	assert_non_null(strstr(rf.msg, "already settled"));
}

static void
test_open_deadlines_and_close(void **state)
{
	struct rstep s[] = {
		step(1, STEP_REQUEST, M_NONE, D(2026, 3, 1), D(2026, 3, 15),
		    -1, 0),
		step(2, STEP_RESPONSE, M_NONE, D(2026, 3, 10), -1, -1, 1),
		step(3, STEP_HEARING, M_BINDING_INSTRUCTION, D(2026, 3, 11),
		    D(2026, 3, 20), -1, 0),
		step(4, STEP_DECISION, M_BINDING_INSTRUCTION, D(2026, 3, 21),
		    D(2026, 4, 30), D(2026, 5, 7), 3),
		step(5, STEP_BREACH, M_NONE, D(2026, 5, 1), -1, -1, 4),
	};
	struct rcase c = mkcase(CLASS_ESSENTIAL, s, 1);
	struct open_deadline od[4];
	struct refusal rf;

	(void)state;
	assert_int_equal(rules_open_deadlines(&c, od, 4), 1);
	assert_int_equal(od[0].n, 1);
	assert_int_equal(od[0].basis, BASIS_S21_REQUEST);
	c.nsteps = 2;	/* answered */
	assert_int_equal(rules_open_deadlines(&c, od, 4), 0);
	c.nsteps = 3;	/* hearing open */
	assert_int_equal(rules_open_deadlines(&c, od, 4), 1);
	assert_int_equal(od[0].basis, BASIS_FVL_19);
	c.nsteps = 4;	/* decided: two deadlines */
	assert_int_equal(rules_open_deadlines(&c, od, 4), 2);
	assert_int_equal(od[0].n, 4);
	assert_false(od[0].report);
	assert_true(od[1].report);
	assert_int_equal(od[1].day, D(2026, 5, 7));
	assert_int_equal(rules_close(&c, NULL, D(2026, 4, 1), &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S22);
	assert_int_equal(rules_close(&c, "entity dissolved", D(2026, 4, 1),
	    &rf), RULES_OK);
	c.nsteps = 5;	/* breached: settled */
	assert_int_equal(rules_open_deadlines(&c, od, 4), 0);
	assert_int_equal(rules_close(&c, NULL, D(2026, 5, 2), &rf), RULES_OK);
}

static void
test_measure_names(void **state)
{
	/* English slugs, Danish names and aliases, in any case */
	static const struct {
		const char	*name;
		int		 want;	/* enum measure, or -1 */
	} names[] = {
		{ "påbud", M_ORDER }, { "PAABUD", M_ORDER },
		{ "forbud", M_PROHIBITION }, { "Advarsel", M_WARNING },
		{ "bindende-instruks", M_BINDING_INSTRUCTION },
		{ "suspension", M_SUSPENSION }, { "fine", -1 }, { "", -1 },
	};
	enum measure m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		m = M_NONE;
		assert_int_equal(measure_lookup(names[i].name, &m),
		    names[i].want < 0 ? -1 : 0);
		assert_int_equal(m, names[i].want < 0 ? M_NONE :
		    names[i].want);
	}
	assert_string_equal(measure_slug(M_IMPLEMENT_AUDIT), "implement-audit");
	assert_true(measure_essential_only(M_MONITORING_OFFICER));
	assert_false(measure_essential_only(M_PUBLISH));
}

/*
 * The one definition of which steps open and settle a deadline, and the
 * paragraph each class gets for each thing the case file cites.
 */
static void
test_deadline_kinds_and_bases(void **state)
{
	(void)state;
	assert_true(rules_opens_deadline(STEP_REQUEST));
	assert_true(rules_opens_deadline(STEP_HEARING));
	assert_true(rules_opens_deadline(STEP_DECISION));
	assert_false(rules_opens_deadline(STEP_RESPONSE));
	assert_false(rules_opens_deadline(STEP_KIND_COUNT));
	assert_true(rules_settles_deadline(STEP_RESPONSE));
	assert_true(rules_settles_deadline(STEP_BREACH));
	assert_false(rules_settles_deadline(STEP_INSPECTION));
	assert_int_equal(rules_request_basis(CLASS_IMPORTANT),
	    BASIS_S24_REQUEST);
	assert_int_equal(rules_measure_basis(CLASS_ESSENTIAL, M_SUSPENSION),
	    BASIS_S23);
	assert_int_equal(rules_measure_basis(CLASS_IMPORTANT, M_ORDER),
	    BASIS_S25);
	assert_int_equal(rules_fine_basis(CLASS_ESSENTIAL),
	    BASIS_FINE_ESSENTIAL);
	assert_int_equal(rules_fine_basis(CLASS_UNDETERMINED),
	    BASIS_FINE_IMPORTANT);
}

/*
 * retssikkerhedsloven § 10: from the suspicion's date (or a referral) on,
 * compulsory measures are refused unless voluntary.
 */
static void
test_self_incrimination(void **state)
{
	struct rstep s[] = {
		step(1, STEP_INSPECTION, M_NONE, D(2026, 3, 2), -1, -1, 0),
		step(2, STEP_SUSPICION, M_NONE, D(2026, 3, 5), -1, -1, 0),
	};
	struct rcase c = mkcase(CLASS_ESSENTIAL, s, 1);
	struct refusal rf;

	(void)state;
	/* no suspicion: compulsory, and --voluntary means nothing */
	assert_null(rules_protected(&c, D(2026, 3, 6)));
	assert_int_equal(rules_request(&c, "p", "s", "f", false, &rf),
	    RULES_OK);
	assert_int_equal(rules_request(&c, "p", "s", "f", true, &rf),
	    RULES_BADINPUT);
	assert_int_equal(rules_inspect(&c, "onsite", D(2026, 3, 6), false,
	    &rf), RULES_OK);
	assert_int_equal(rules_suspect(&c, " ", &rf), RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_RSL);
	assert_int_equal(rules_suspect(&c, "logs deleted", &rf), RULES_OK);
	c.nsteps = 2;
	assert_int_equal(rules_suspect(&c, "again", &rf), RULES_BADINPUT);
	/* from the suspicion's date on */
	assert_null(rules_protected(&c, D(2026, 3, 4)));
	assert_int_equal(rules_protected(&c, D(2026, 3, 5))->n, 2);
	assert_int_equal(rules_request(&c, "p", "s", "f", false, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_RSL);
	assert_non_null(strstr(rf.msg, "(step 2)"));
	assert_non_null(strstr(rf.msg, "(retssikkerhedsloven § 10)"));
	assert_int_equal(rules_request(&c, "p", "s", "f", true, &rf),
	    RULES_OK);
	assert_int_equal(rules_inspect(&c, "onsite", D(2026, 3, 5), false,
	    &rf), RULES_REFUSED);
	assert_int_equal(rules_inspect(&c, "audit", D(2026, 3, 6), false,
	    &rf), RULES_REFUSED);
	assert_int_equal(rules_inspect(&c, "independent-audit", D(2026, 3, 6),
	    true, &rf), RULES_OK);
	/* an audit held before the suspicion */
	assert_int_equal(rules_inspect(&c, "audit", D(2026, 3, 4), false,
	    &rf), RULES_OK);
	/* no cooperation needed: no consent either */
	assert_int_equal(rules_inspect(&c, "scan", D(2026, 3, 6), false, &rf),
	    RULES_OK);
	assert_int_equal(rules_inspect(&c, "offsite", D(2026, 3, 6), true,
	    &rf), RULES_BADINPUT);
	assert_true(rules_measure_compulsory(M_BINDING_INSTRUCTION));
	assert_true(rules_measure_compulsory(M_IMPLEMENT_AUDIT));
	assert_false(rules_measure_compulsory(M_ORDER));
	assert_int_equal(rules_compulsory(&c, "the decision", D(2026, 3, 6),
	    false, &rf), RULES_REFUSED);
	/* a referral without a suspicion protects as well */
	c.nsteps = 1;
	c.criminal = true;
	assert_int_equal(rules_request(&c, "p", "s", "f", false, &rf),
	    RULES_REFUSED);
	assert_non_null(strstr(rf.msg, "referred to the police"));
	assert_int_equal(rules_suspect(&c, "x", &rf), RULES_BADINPUT);
}

/*
 * § 23: a breached binding instruction, order or remedy order, not
 * complied with, not already suspended; compliance lifts it.
 */
static void
test_suspension_enforces(void **state)
{
	struct rstep s[8];
	struct rcase c;
	struct refusal rf;
	int h;

	(void)state;
	s[0] = step(1, STEP_HEARING, M_WARNING, D(2026, 3, 1), D(2026, 3, 8),
	    -1, 0);
	s[1] = step(2, STEP_DECISION, M_WARNING, D(2026, 3, 9),
	    D(2026, 3, 31), -1, 1);
	s[2] = step(3, STEP_BREACH, M_NONE, D(2026, 4, 1), -1, -1, 2);
	c = mkcase(CLASS_ESSENTIAL, s, 3);
	/* a warning with a deadline is no ground */
	assert_int_equal(rules_suspension_target(&c), 0);
	assert_int_equal(rules_hearing(&c, M_SUSPENSION, D(2026, 4, 20),
	    D(2026, 4, 2), &rf), RULES_REFUSED);
	assert_non_null(strstr(rf.msg, "step 2 is a warning"));
	s[3] = step(4, STEP_DECISION, M_BINDING_INSTRUCTION, D(2026, 3, 9),
	    D(2026, 3, 31), D(2026, 4, 7), 0);
	s[4] = step(5, STEP_BREACH, M_NONE, D(2026, 4, 1), -1, -1, 4);
	s[5] = step(6, STEP_HEARING, M_SUSPENSION, D(2026, 4, 2),
	    D(2026, 4, 16), -1, 0);
	c.nsteps = 6;
	assert_int_equal(rules_suspension_target(&c), 4);
	/* no deadline of its own */
	assert_int_equal(rules_decide(&c, M_SUSPENSION, D(2026, 5, 1), -1,
	    D(2026, 4, 17), &h, &rf), RULES_BADINPUT);
	assert_int_equal(rules_decide(&c, M_SUSPENSION, -1, -1,
	    D(2026, 4, 17), &h, &rf), RULES_OK);
	s[6] = step(7, STEP_DECISION, M_SUSPENSION, D(2026, 4, 17), -1, -1, 6);
	s[6].enforces = 4;
	c.nsteps = 7;
	assert_int_equal(rules_suspension_in_force(&c, 4), 7);
	assert_int_equal(rules_suspension_target(&c), 0);
	assert_int_equal(rules_hearing(&c, M_SUSPENSION, D(2026, 4, 30),
	    D(2026, 4, 17), &rf), RULES_REFUSED);
	assert_non_null(strstr(rf.msg, "already enforced"));
	/* compliance goes on the decision, after the breach; it is late */
	assert_int_equal(rules_settle(&c, 7, false, D(2026, 4, 20),
	    D(2026, 4, 20), &rf), RULES_BADINPUT);
	assert_int_equal(rules_settle(&c, 4, false, D(2026, 3, 31),
	    D(2026, 4, 20), &rf), RULES_BADINPUT);	/* before the breach */
	assert_int_equal(rules_settle(&c, 4, false, D(2026, 4, 20),
	    D(2026, 4, 20), &rf), RULES_OK);
	assert_int_equal(rules_settle(&c, 4, true, D(2026, 4, 20),
	    D(2026, 4, 20), &rf), RULES_BADINPUT);	/* breached once */
	assert_int_equal(rules_days_late(&c, 4, D(2026, 4, 20)), 20);
	assert_int_equal(rules_days_late(&c, 4, D(2026, 3, 31)), 0);
	s[7] = step(8, STEP_LIFTING, M_NONE, D(2026, 4, 20), -1, -1, 7);
	c.nsteps = 8;
	assert_int_equal(rules_suspension_in_force(&c, 4), 0);
}

/*
 * A binding instruction's report: after the compliance, which carries the
 * reporting deadline until the report settles it.
 */
static void
test_report_deadline_carried(void **state)
{
	struct rstep s[4];
	struct open_deadline od[4];
	struct rcase c;
	struct refusal rf;
	int ref, h;

	(void)state;
	s[0] = step(1, STEP_HEARING, M_BINDING_INSTRUCTION, D(2026, 3, 1),
	    D(2026, 3, 8), -1, 0);
	s[1] = step(2, STEP_DECISION, M_BINDING_INSTRUCTION, D(2026, 3, 9),
	    D(2026, 3, 31), D(2026, 4, 7), 1);
	c = mkcase(CLASS_ESSENTIAL, s, 1);
	/* the report is on the implementation: not before it */
	assert_int_equal(rules_decide(&c, M_BINDING_INSTRUCTION,
	    D(2026, 3, 31), D(2026, 3, 30), D(2026, 3, 9), &h, &rf),
	    RULES_REFUSED);
	c.nsteps = 2;
	assert_int_equal(rules_open_deadlines(&c, od, 4), 2);
	assert_int_equal(rules_report(&c, 2, D(2026, 3, 20), D(2026, 3, 20),
	    &ref, &rf), RULES_REFUSED);
	assert_int_equal(rules_report(&c, 1, D(2026, 3, 20), D(2026, 3, 20),
	    &ref, &rf), RULES_BADINPUT);
	s[2] = step(3, STEP_COMPLIANCE, M_NONE, D(2026, 3, 30), -1,
	    D(2026, 4, 7), 2);
	c.nsteps = 3;
	assert_true(rules_opens_deadline(STEP_COMPLIANCE));
	assert_true(rules_settles_deadline(STEP_REPORT));
	assert_int_equal(rules_open_deadlines(&c, od, 4), 1);
	assert_int_equal(od[0].n, 3);
	assert_true(od[0].report);
	assert_int_equal(od[0].day, D(2026, 4, 7));
	assert_string_equal(rules_deadline_what(STEP_COMPLIANCE, true),
	    "report on the decision");
	assert_int_equal(rules_report(&c, 2, D(2026, 3, 29), D(2026, 4, 2),
	    &ref, &rf), RULES_BADINPUT);	/* before the compliance */
	assert_int_equal(rules_report(&c, 2, D(2026, 4, 2), D(2026, 4, 2),
	    &ref, &rf), RULES_OK);
	assert_int_equal(ref, 3);
	assert_int_equal(rules_report(&c, 3, D(2026, 4, 2), D(2026, 4, 2),
	    &ref, &rf), RULES_OK);
	assert_int_equal(ref, 3);
	s[3] = step(4, STEP_REPORT, M_NONE, D(2026, 4, 2), -1, -1, 3);
	c.nsteps = 4;
	assert_int_equal(rules_open_deadlines(&c, od, 4), 0);
	assert_int_equal(rules_report(&c, 2, D(2026, 4, 2), D(2026, 4, 2),
	    &ref, &rf), RULES_BADINPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_case),
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_closed_case_takes_nothing),
		cmocka_unit_test(test_decide_needs_hearing_heard_out),
		cmocka_unit_test(test_binding_instruction_deadlines),
		cmocka_unit_test(test_essential_only_measures),
		cmocka_unit_test(test_suspension),
		cmocka_unit_test(test_settle),
		cmocka_unit_test(test_open_deadlines_and_close),
		cmocka_unit_test(test_measure_names),
		cmocka_unit_test(test_deadline_kinds_and_bases),
		cmocka_unit_test(test_self_incrimination),
		cmocka_unit_test(test_suspension_enforces),
		cmocka_unit_test(test_report_deadline_carried),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
