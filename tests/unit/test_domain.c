/*
 * Unit tests of the law library: calendar arithmetic, the Copenhagen
 * clock, classification edges, the fine and the register's syntax
 * (law/caltime.c, entity.c, incident.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "law/caltime.h"
#include "law/incident.h"
#include "law/entity.h"

static int64_t
utc(const char *s)
{
	struct caltime c;
	char err[200];

	assert_int_equal(caltime_parse(s, &c, err, sizeof(err)), 0);
	return c.t;
}

static void
test_civil_round_trip(void **state)
{
	int64_t d;
	int y, m, dd;

	(void)state;
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(days_from_civil(2000, 3, 1), 11017);
	for (d = -800000; d < 800000; d += 997) {
		civil_from_days(d, &y, &m, &dd);
		assert_int_equal(days_from_civil(y, m, dd), d);
	}
	assert_int_equal(days_in_month(2024, 2), 29);
	assert_int_equal(days_in_month(2100, 2), 28);
	assert_int_equal(days_in_month(2000, 2), 29);
	assert_int_equal(caltime_parse_date("2025-02-29", &d), -1);
	assert_int_equal(caltime_parse_date("2024-02-29", &d), 0);
	assert_int_equal(caltime_parse_date("2024-2-9", &d), -1);
	assert_int_equal(caltime_parse_date("2024-02-09x", &d), -1);
}

static void
test_copenhagen_offsets(void **state)
{
	(void)state;
	/* Summer time 2025: 30 March 01:00Z to 26 October 01:00Z. */
	assert_int_equal(cph_offset(utc("2025-03-30T00:59:59Z")), 3600);
	assert_int_equal(cph_offset(utc("2025-03-30T01:00:00Z")), 7200);
	assert_int_equal(cph_offset(utc("2025-10-26T00:59:59Z")), 7200);
	assert_int_equal(cph_offset(utc("2025-10-26T01:00:00Z")), 3600);
	/* 2026: 29 March and 25 October. */
	assert_int_equal(cph_offset(utc("2026-03-29T01:00:00Z")), 7200);
	assert_int_equal(cph_offset(utc("2026-10-25T01:00:00Z")), 3600);
	assert_int_equal(utc("2025-07-01T12:00"), utc("2025-07-01T10:00Z"));
	assert_int_equal(utc("2025-12-01T12:00"), utc("2025-12-01T11:00Z"));
	assert_int_equal(utc("2025-12-01T12:00-03:30"),
	    utc("2025-12-01T15:30Z"));
}

static void
test_add_month(void **state)
{
	struct caltime z = { 0, false, 0 }, local = { 0, true, 3600 };
	char buf[64];

	(void)state;
	caltime_format_utc(caltime_add_month(utc("2025-01-31T09:00Z"), &z),
	    buf, sizeof(buf));
	assert_string_equal(buf, "2025-02-28T09:00:00Z");
	caltime_format_utc(caltime_add_month(utc("2028-01-31T09:00Z"), &z),
	    buf, sizeof(buf));
	assert_string_equal(buf, "2028-02-29T09:00:00Z");
	caltime_format_utc(caltime_add_month(utc("2025-12-15T09:00Z"), &z),
	    buf, sizeof(buf));
	assert_string_equal(buf, "2026-01-15T09:00:00Z");
	/* Local: 28 March 2027 02:30 does not exist (summer time starts
	 * that night): an hour later.  The day before, the same wall clock. */
	caltime_format(caltime_add_month(utc("2027-02-27T02:30"), &local),
	    &local, buf, sizeof(buf));
	assert_string_equal(buf, "2027-03-27T02:30:00+01:00");
	caltime_format(caltime_add_month(utc("2027-02-28T02:30"), &local),
	    &local, buf, sizeof(buf));
	assert_string_equal(buf, "2027-03-28T03:30:00+02:00");
	/* Twice in autumn: the first, in summer time. */
	caltime_format(caltime_add_month(utc("2026-09-25T02:30"), &local),
	    &local, buf, sizeof(buf));
	assert_string_equal(buf, "2026-10-25T02:30:00+02:00");
}

static enum entity_class
class_of(uint32_t sectors, int64_t staff, int64_t turnover, int64_t balance,
    enum size_class *size)
{
	struct entity_facts f;
	struct classification c;
	char err[200];

	entity_facts_init(&f);
	f.sectors = sectors;
	f.employees = staff;
	f.turnover_eur = turnover;
	f.balance_eur = balance;
	assert_int_equal(entity_facts_check(&f, err, sizeof(err)), 0);
	classify(&f, &c);
	*size = c.size;
	return c.cls;
}

static void
test_size_edges(void **state)
{
	uint32_t a1 = 1u << SECTOR_ENERGY, a2 = 1u << SECTOR_FOOD;
	enum size_class s;

	(void)state;
	assert_int_equal(class_of(a1, 250, 0, 0, &s), CLASS_ESSENTIAL);
	assert_int_equal(s, SIZE_LARGE);
	assert_int_equal(class_of(a1, 249, 0, 0, &s), CLASS_IMPORTANT);
	assert_int_equal(s, SIZE_MEDIUM);
	assert_int_equal(class_of(a2, 50, 0, 0, &s), CLASS_IMPORTANT);
	assert_int_equal(class_of(a2, 49, 0, 0, &s), CLASS_NOT_COVERED);
	assert_int_equal(s, SIZE_SMALL);
	assert_int_equal(class_of(a1, 0, 50000001, 43000001, &s),
	    CLASS_ESSENTIAL);
	assert_int_equal(class_of(a1, 0, 50000001, 43000000, &s),
	    CLASS_IMPORTANT);
	assert_int_equal(class_of(a1, 0, 10000001, 10000001, &s),
	    CLASS_IMPORTANT);
	assert_int_equal(class_of(a1, 0, 10000000, 10000001, &s),
	    CLASS_NOT_COVERED);
	/* Unknown figures span a range. */
	assert_int_equal(class_of(a1, 10, FIGURE_UNKNOWN, FIGURE_UNKNOWN, &s),
	    CLASS_UNDETERMINED);
	assert_int_equal(s, SIZE_UNKNOWN);
	assert_int_equal(class_of(a2, 60, FIGURE_UNKNOWN, 0, &s),
	    CLASS_IMPORTANT);
	assert_int_equal(s, SIZE_MEDIUM);
}

static void
test_fines(void **state)
{
	enum basis_id b;

	(void)state;
	assert_int_equal(max_fine_eur(CLASS_ESSENTIAL, 0, &b), 10000000);
	assert_int_equal(b, BASIS_FINE_ESSENTIAL);
	assert_int_equal(max_fine_eur(CLASS_ESSENTIAL, 500000000, &b),
	    10000000);
	assert_int_equal(max_fine_eur(CLASS_ESSENTIAL, 500000099, &b),
	    10000001);
	assert_int_equal(max_fine_eur(CLASS_IMPORTANT, 500000000, &b),
	    7000000);
	assert_int_equal(max_fine_eur(CLASS_IMPORTANT, 500000072, &b),
	    7000001);
	assert_int_equal(b, BASIS_FINE_IMPORTANT);
	assert_int_equal(max_fine_eur(CLASS_IMPORTANT, FIGURE_MAX, &b),
	    INT64_C(14000000000000));
	assert_int_equal(max_fine_eur(CLASS_NOT_COVERED, 1000, &b),
	    FIGURE_UNKNOWN);
	assert_int_equal(max_fine_eur(CLASS_ESSENTIAL, FIGURE_UNKNOWN, &b),
	    FIGURE_UNKNOWN);
}

static void
test_sector_names(void **state)
{
	enum sector s;

	(void)state;
	assert_int_equal(sector_lookup("ENERGY", &s), 0);
	assert_int_equal(s, SECTOR_ENERGY);
	assert_int_equal(sector_lookup("fødevarer", &s), 0);
	assert_int_equal(s, SECTOR_FOOD);
	assert_int_equal(sector_lookup("affaldshaandtering", &s), 0);
	assert_int_equal(s, SECTOR_WASTE_MGMT);
	assert_int_equal(sector_lookup("energ", &s), -1);
	assert_int_equal(sector_annex(SECTOR_SPACE), 1);
	assert_int_equal(sector_annex(SECTOR_RESEARCH), 2);
}

static void
test_deadlines_elapsed_hours(void **state)
{
	struct incident_times in;
	struct deadline_result d;
	char err[200];

	(void)state;
	memset(&in, 0, sizeof(in));
	assert_int_equal(caltime_parse("2025-10-25T09:00", &in.aware, err,
	    sizeof(err)), 0);
	in.now = in.aware.t;
	assert_int_equal(incident_check(&in, err, sizeof(err)), 0);
	incident_deadlines(&in, &d);
	assert_int_equal(d.n, 3);
	/* 24 elapsed hours over the autumn change: 08:00 CET next day. */
	assert_int_equal(d.r[0].due, utc("2025-10-26T08:00+01:00"));
	assert_int_equal(d.r[1].due - in.aware.t, 72 * 3600);
	assert_false(d.any_overdue);
}

static void
test_register_syntax(void **state)
{
	size_t i;

	(void)state;
	assert_true(cvr_valid("24680134"));
	assert_false(cvr_valid("24680135"));	/* modulus 11 */
	assert_false(cvr_valid("04680134"));	/* leading zero */
	assert_false(cvr_valid("2468013"));
	assert_false(cvr_valid("2468013a"));
	assert_true(member_state_valid("SE"));
	assert_true(member_state_valid("EL"));
	assert_false(member_state_valid("GL"));	/* § 10: not Greenland */
	assert_false(member_state_valid("FO"));
	assert_false(member_state_valid("GR"));	/* the EU writes EL */
	assert_false(member_state_valid("se"));
	assert_false(member_state_valid("E "));
	assert_false(member_state_valid("SEE"));
	/* § 10: the other member states; DK is Denmark itself */
	assert_false(member_state_valid("DK"));
	assert_non_null(strstr(member_state_problem("DK"), "Denmark"));
	assert_non_null(strstr(member_state_problem("GR"), "EL"));
	assert_non_null(strstr(member_state_problem("GL"), "AT BE BG"));
	assert_null(strstr(member_state_problem("GL"), "DK"));
	assert_null(member_state_problem("DE"));
	/* no code made of two halves across the list's spaces */
	assert_false(member_state_valid("TB"));
	assert_false(member_state_valid("EE "));
	assert_true(name_match("energy", "energi", "el|gas", "GAS"));
	assert_false(name_match("energy", "energi", "el|gas", "ga"));
	/* every flag name sets a fact, and nothing else does */
	for (i = 0; i < ENTITY_NFLAGS; i++) {
		struct entity_facts f;

		entity_facts_init(&f);
		assert_non_null(entity_flag_name(i));
		assert_int_equal(entity_set_flag(&f, entity_flag_name(i)), 0);
	}
	assert_null(entity_flag_name(ENTITY_NFLAGS));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_copenhagen_offsets),
		cmocka_unit_test(test_add_month),
		cmocka_unit_test(test_size_edges),
		cmocka_unit_test(test_fines),
		cmocka_unit_test(test_sector_names),
		cmocka_unit_test(test_deadlines_elapsed_hours),
		cmocka_unit_test(test_register_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
