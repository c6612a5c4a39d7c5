/*
 * test_caltime.c: the Danish working days of law/caltime.c: Easter by the
 * anonymous Gregorian algorithm, the holidays computed from it, the fixed
 * holidays and closing days, store bededag only before 2024, and the move
 * of a deadline to the next working day.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "law/caltime.h"

static int64_t
day(const char *s)
{
	int64_t d = -1;

	assert_int_equal(caltime_parse_date(s, &d), 0);
	return d;
}

static void
assert_day(int64_t got, const char *want)
{
	char buf[16];

	caltime_format_date(got, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void
test_easter(void **state)
{
	(void)state;
	/* Published dates, including the earliest and latest possible. */
	assert_day(caltime_easter(2026), "2026-04-05");
	assert_day(caltime_easter(2027), "2027-03-28");
	assert_day(caltime_easter(2025), "2025-04-20");
	assert_day(caltime_easter(2024), "2024-03-31");
	assert_day(caltime_easter(2000), "2000-04-23");
	assert_day(caltime_easter(2019), "2019-04-21");
	assert_day(caltime_easter(2038), "2038-04-25");
	assert_day(caltime_easter(1818), "1818-03-22");
	assert_day(caltime_easter(2285), "2285-03-22");
	assert_day(caltime_easter(1943), "1943-04-25");
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(caltime_weekday(day("1970-01-01")), 3);
	assert_int_equal(caltime_weekday(day("2026-03-21")), 5);
	assert_int_equal(caltime_weekday(day("2026-03-22")), 6);
	assert_int_equal(caltime_weekday(day("2026-03-23")), 0);
	assert_int_equal(caltime_weekday(day("1969-12-31")), 2);
}

static void
test_holidays(void **state)
{
	static const struct {
		const char	*day, *name;
	} h[] = {
		{ "2026-01-01", "nytårsdag" },
		{ "2026-04-02", "skærtorsdag" },
		{ "2026-04-03", "langfredag" },
		{ "2026-04-05", "påskedag" },
		{ "2026-04-06", "2. påskedag" },
		{ "2026-05-14", "Kristi himmelfartsdag" },
		{ "2026-05-24", "pinsedag" },
		{ "2026-05-25", "2. pinsedag" },
		{ "2026-06-05", "grundlovsdag" },
		{ "2026-12-24", "juleaftensdag" },
		{ "2026-12-25", "juledag" },
		{ "2026-12-26", "2. juledag" },
		{ "2026-12-31", "nytårsaftensdag" },
		{ "2027-03-25", "skærtorsdag" },
		{ "2027-03-29", "2. påskedag" },
		{ "2027-05-06", "Kristi himmelfartsdag" },
		{ "2027-05-17", "2. pinsedag" },
		{ "2023-05-05", "store bededag" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		assert_non_null(caltime_holiday(day(h[i].day)));
		assert_string_equal(caltime_holiday(day(h[i].day)), h[i].name);
		assert_false(caltime_is_working_day(day(h[i].day)));
	}
	/* Store bededag is a working day from 2024 (lov nr. 139/2023). */
	assert_null(caltime_holiday(day("2024-04-26")));
	assert_null(caltime_holiday(day("2026-05-01")));
	assert_true(caltime_is_working_day(day("2026-05-01")));
	assert_true(caltime_is_working_day(day("2027-04-23")));
	/* Ordinary days; 1 May and 23 December are working days. */
	assert_true(caltime_is_working_day(day("2026-03-02")));
	assert_true(caltime_is_working_day(day("2026-12-23")));
	assert_null(caltime_closed_why(day("2026-03-20")));
	assert_string_equal(caltime_closed_why(day("2026-03-21")), "lørdag");
	assert_string_equal(caltime_closed_why(day("2026-03-22")), "søndag");
	/* A holiday on a Sunday is named as the holiday. */
	assert_string_equal(caltime_closed_why(day("2026-04-05")), "påskedag");
}

static void
test_next_working_day(void **state)
{
	(void)state;
	assert_day(caltime_next_working_day(day("2026-03-23")), "2026-03-23");
	assert_day(caltime_next_working_day(day("2026-03-21")), "2026-03-23");
	assert_day(caltime_next_working_day(day("2026-03-22")), "2026-03-23");
	/* Skærtorsdag to 2. påskedag: Tuesday after Easter. */
	assert_day(caltime_next_working_day(day("2026-04-02")), "2026-04-07");
	assert_day(caltime_next_working_day(day("2026-05-14")), "2026-05-15");
	assert_day(caltime_next_working_day(day("2026-05-23")), "2026-05-26");
	assert_day(caltime_next_working_day(day("2026-06-05")), "2026-06-08");
	assert_day(caltime_next_working_day(day("2026-12-24")), "2026-12-28");
	assert_day(caltime_next_working_day(day("2026-12-31")), "2027-01-04");
	assert_day(caltime_next_working_day(day("2023-05-05")), "2023-05-08");
	assert_day(caltime_next_working_day(day("2024-04-26")), "2024-04-26");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_holidays),
		cmocka_unit_test(test_next_working_day),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
