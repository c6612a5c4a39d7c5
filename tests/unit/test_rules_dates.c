/*
 * Unit tests of the date rules of law/rules.c: past events (not in the
 * future, not before the case or the act, § 33), deadlines (after today,
 * at most two years ahead, moved off closed days), a hearing's period
 * (forvaltningsloven § 19), a binding instruction's report deadline.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "law/caltime.h"
#include "law/rules.h"

#define D(y, m, d)	days_from_civil(y, m, d)

static void
test_in_force(void **state)
{
	struct refusal rf;

	(void)state;
	assert_int_equal(rules_in_force(), D(2025, 7, 1));
	assert_int_equal(rules_open_day(D(2025, 7, 1), &rf), RULES_OK);
	assert_int_equal(rules_open_day(D(2025, 6, 30), &rf), RULES_BADINPUT);
	assert_int_equal(rf.basis, BASIS_S33);
	assert_int_equal(rules_open_day(D(1970, 1, 2), &rf), RULES_BADINPUT);
	assert_non_null(strstr(rf.msg, "(§ 33, stk. 1)"));
}

static void
test_event_date(void **state)
{
	struct rcase c;
	struct refusal rf;
	const int64_t today = D(2026, 3, 10);

	(void)state;
	memset(&c, 0, sizeof(c));
	c.cls = CLASS_ESSENTIAL;
	c.opened = D(2026, 3, 2);
	assert_int_equal(rules_event_date(&c, "--date", today, today, &rf),
	    RULES_OK);
	assert_int_equal(rules_event_date(&c, "--date", c.opened, today, &rf),
	    RULES_OK);
	assert_int_equal(rules_event_date(&c, "--date", today + 1, today, &rf),
	    RULES_BADINPUT);
	assert_string_equal(rf.msg, "--date '2026-03-11' is in the future");
	assert_int_equal(rules_event_date(&c, "--date", c.opened - 1, today,
	    &rf), RULES_BADINPUT);
	assert_string_equal(rf.msg, "--date '2026-03-01' is before the case "
	    "was opened (2026-03-02)");
	assert_int_equal(rules_event_date(&c, "--received", D(2024, 6, 1),
	    today, &rf), RULES_BADINPUT);
	assert_int_equal(rf.basis, BASIS_S33);
	/* an incident notification may predate its case, not the act */
	assert_int_equal(rules_incident_date(c.opened - 10, today, &rf),
	    RULES_OK);
	assert_int_equal(rules_incident_date(D(2025, 6, 30), today, &rf),
	    RULES_BADINPUT);
	assert_int_equal(rules_incident_date(today + 1, today, &rf),
	    RULES_BADINPUT);
}

/* A response before its request; a settlement before its decision. */
static void
test_answer_dates(void **state)
{
	struct rstep s[2];
	struct rcase c;
	struct refusal rf;
	const int64_t today = D(2026, 4, 2);

	(void)state;
	memset(s, 0, sizeof(s));
	s[0].n = 1;
	s[0].kind = STEP_REQUEST;
	s[0].measure = M_NONE;
	s[0].date = D(2026, 3, 4);
	s[0].deadline = D(2026, 3, 18);
	s[0].report_deadline = -1;
	s[1].n = 2;
	s[1].kind = STEP_DECISION;
	s[1].measure = M_ORDER;
	s[1].date = D(2026, 3, 20);
	s[1].deadline = D(2026, 3, 31);
	s[1].report_deadline = -1;
	memset(&c, 0, sizeof(c));
	c.cls = CLASS_ESSENTIAL;
	c.steps = s;
	c.nsteps = 2;
	c.opened = D(2026, 3, 2);
	assert_int_equal(rules_respond(&c, 1, D(2026, 3, 4), today, &rf),
	    RULES_OK);
	assert_int_equal(rules_respond(&c, 1, D(2026, 3, 3), today, &rf),
	    RULES_BADINPUT);
	assert_non_null(strstr(rf.msg, "before step 1 was sent"));
	assert_int_equal(rules_respond(&c, 1, D(2024, 12, 1), today, &rf),
	    RULES_BADINPUT);
	assert_int_equal(rf.basis, BASIS_S33);
	assert_int_equal(rules_settle(&c, 2, false, D(2026, 3, 19), today,
	    &rf), RULES_BADINPUT);
	assert_int_equal(rules_settle(&c, 2, false, D(2025, 1, 1), today,
	    &rf), RULES_BADINPUT);
	assert_int_equal(rf.basis, BASIS_S33);
	assert_int_equal(rules_settle(&c, 2, true, D(2026, 4, 1), today, &rf),
	    RULES_OK);
}

static void
test_deadline(void **state)
{
	struct refusal rf;
	int64_t due;
	const int64_t today = D(2026, 3, 4);

	(void)state;
	assert_int_equal(rules_deadline("--deadline", D(2026, 3, 23), today,
	    &due, &rf), RULES_OK);
	assert_int_equal(due, D(2026, 3, 23));
	/* Saturday 2026-03-21, skærtorsdag 2026-04-02 */
	assert_int_equal(rules_deadline("--deadline", D(2026, 3, 21), today,
	    &due, &rf), RULES_OK);
	assert_int_equal(due, D(2026, 3, 23));
	assert_int_equal(rules_deadline("--deadline", D(2026, 4, 2), today,
	    &due, &rf), RULES_OK);
	assert_int_equal(due, D(2026, 4, 7));
	assert_int_equal(rules_deadline("--deadline", today, today, &due,
	    &rf), RULES_BADINPUT);
	assert_string_equal(rf.msg, "--deadline '2026-03-04' is not after "
	    "today (2026-03-04)");
	/* two years ahead, to the day; 29 February counts to 28 February */
	assert_int_equal(rules_deadline("--deadline", D(2028, 3, 4), today,
	    &due, &rf), RULES_OK);
	assert_int_equal(rules_deadline("--deadline", D(2028, 3, 5), today,
	    &due, &rf), RULES_BADINPUT);
	assert_int_equal(rules_deadline("--deadline", D(9999, 12, 31), today,
	    &due, &rf), RULES_BADINPUT);
	assert_int_equal(rules_deadline("--deadline", D(2030, 2, 28),
	    D(2028, 2, 29), &due, &rf), RULES_OK);
	assert_int_equal(rules_deadline("--deadline", D(2030, 3, 1),
	    D(2028, 2, 29), &due, &rf), RULES_BADINPUT);
}

static void
test_hearing_period(void **state)
{
	struct refusal rf;
	const int64_t today = D(2026, 3, 5);

	(void)state;
	assert_int_equal(rules_hearing_period(today + 14, today, NULL, &rf),
	    RULES_OK);
	assert_int_equal(rules_hearing_period(today + 13, today, NULL, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_FVL_19);
	assert_int_equal(rules_hearing_period(today + 1, today, " ", &rf),
	    RULES_REFUSED);
	assert_non_null(strstr(rf.msg, "1 day (until 2026-03-06)"));
	assert_int_equal(rules_hearing_period(today + 1, today, "akut", &rf),
	    RULES_OK);
}

static void
test_report_after_implementation(void **state)
{
	struct rstep s[1];
	struct rcase c;
	struct refusal rf;
	int h;

	(void)state;
	memset(s, 0, sizeof(s));
	s[0].n = 1;
	s[0].kind = STEP_HEARING;
	s[0].measure = M_BINDING_INSTRUCTION;
	s[0].date = D(2026, 3, 1);
	s[0].deadline = D(2026, 3, 16);
	s[0].report_deadline = -1;
	memset(&c, 0, sizeof(c));
	c.cls = CLASS_ESSENTIAL;
	c.steps = s;
	c.nsteps = 1;
	assert_int_equal(rules_decide(&c, M_BINDING_INSTRUCTION,
	    D(2026, 4, 30), D(2026, 4, 29), D(2026, 3, 20), &h, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S22);
	assert_int_equal(rules_decide(&c, M_BINDING_INSTRUCTION,
	    D(2026, 4, 30), D(2026, 4, 30), D(2026, 3, 20), &h, &rf),
	    RULES_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_force),
		cmocka_unit_test(test_event_date),
		cmocka_unit_test(test_answer_dates),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_hearing_period),
		cmocka_unit_test(test_report_after_implementation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
