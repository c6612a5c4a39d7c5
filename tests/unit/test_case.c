/*
 * Unit tests of casefile/case.c, due.c and verify.c together: a case is
 * driven through the library (request, response, hearing, decision with
 * its two deadlines, compliance, a second order and its breach, close),
 * and after every step the three places that know which deadlines are
 * open must agree: law/rules (rules_open_deadlines(), as `case show`
 * and `case close` see them), the store's triggers (the open_deadlines
 * table that `due` reads) and verify, which holds the two against each
 * other and every row against its journal event.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "law/caltime.h"
#include "casefile/case.h"
#include "casefile/due.h"
#include "casefile/verify.h"

#define CASE_ID	"NIS-2026-0001"
#define DIR_TEMPLATE	"/tmp/tilsyn-case.XXXXXX"
#define D(y, m, d)	days_from_civil(y, m, d)

struct fx {
	char			 dir[64];
	char			 path[128];
	struct case_writer	 w;
};

/* Today is noon in Copenhagen of day; the journal still has --now. */
static void
today(struct fx *f, int64_t day)
{
	case_writer_time(&f->w, day * 86400 + 11 * 3600, true,
	    day * 86400 + 11 * 3600);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct case_result res;
	struct registration g;
	enum entity_class cls;
	json_t *record = NULL;
	int v;

	/* The database in a directory of its own, for its -wal and -shm. */
	if (f == NULL)
		return -1;
	memcpy(f->dir, DIR_TEMPLATE, sizeof(DIR_TEMPLATE));
	if (mkdtemp(f->dir) == NULL ||
	    snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir) < 0)
		return -1;
	snprintf(f->w.actor, sizeof(f->w.actor), "anna");
	today(f, D(2026, 3, 2));
	if (store_open(f->path, 1, &f->w.st) != STORE_OK ||
	    case_init(&f->w, &v) != CASE_OK)
		return -1;
	memset(&g, 0, sizeof(g));
	entity_facts_init(&g.facts);
	g.cvr = "24680134";
	g.name = "Nordkraft A/S";
	g.facts.sectors = 1u << SECTOR_ENERGY;
	g.facts.employees = 300;
	if (case_entity_add(&f->w, &g, &record, &cls, &res) != CASE_OK ||
	    cls != CLASS_ESSENTIAL ||
	    case_open(&f->w, g.cvr, true, NULL, "Tilsyn 2026", &res) !=
	    CASE_OK || strcmp(res.id, CASE_ID) != 0)
		return -1;
	json_decref(record);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	static const char *const tails[] = { "", "-wal", "-shm" };
	struct fx *f = *state;
	char p[160];
	size_t i;

	store_close(&f->w.st);
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", f->path, tails[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static int
by_step(const void *pa, const void *pb)
{
	const struct due_item *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n - b->n;
	return (int)a->report - (int)b->report;
}

/*
 * The deadlines the rules see open (none once the case is closed: `due`
 * lists open cases only), those the triggers keep, and want (step
 * numbers, a decision's twice: implementation and report) agree, and
 * verify finds the file intact.
 */
static void
agree(struct fx *f, const int *want, size_t nwant)
{
	struct case_result res;
	struct case_state L;
	struct due_list rules, table;
	struct journal_check chk;
	size_t i, nrules;

	assert_int_equal(case_load(f->w.st, CASE_ID, &L, &res), CASE_OK);
	assert_int_equal(due_case(&L, &rules), STORE_OK);
	assert_int_equal(due_all(f->w.st, &table), STORE_OK);
	nrules = L.rc.closed ? 0 : rules.n;
	if (table.n > 0)
		qsort(table.v, table.n, sizeof(*table.v), by_step);
	assert_int_equal(nrules, nwant);
	assert_int_equal(table.n, nwant);
	for (i = 0; i < nwant; i++) {
		assert_int_equal(rules.v[i].n, want[i]);
		assert_int_equal(table.v[i].n, want[i]);
		assert_string_equal(table.v[i].case_id, CASE_ID);
		assert_int_equal(rules.v[i].report, table.v[i].report);
		assert_int_equal(rules.v[i].day, table.v[i].day);
		assert_int_equal(rules.v[i].kind, table.v[i].kind);
	}
	due_list_release(&rules);
	due_list_release(&table);
	case_state_release(&L);
	assert_int_equal(store_begin(f->w.st), STORE_OK);
	assert_int_equal(verify_all(f->w.st, &chk), STORE_OK);
	store_rollback(f->w.st);
	if (!chk.ok)
		fail_msg("verify: %s", chk.why);
}

static void
ok(int r, const struct case_result *res, const char *id)
{
	if (r != CASE_OK)
		fail_msg("%s: %s: %s", res->id, case_errstr(r), res->msg);
	assert_string_equal(res->id, id);
}

static void
test_deadlines_agree(void **state)
{
	struct fx *f = *state;
	struct request_args req = { "information", "p", "s", "PDF", NULL,
	    D(2026, 3, 16), false };
	struct measure_args m = { STEP_HEARING, M_ORDER, "g", D(2026, 3, 20),
	    -1 };
	struct case_result res;
	const int none[1] = { 0 };

	agree(f, none, 0);
	ok(case_request(&f->w, CASE_ID, &req, &res), &res, CASE_ID "/1");
	agree(f, (const int[]){ 1 }, 1);
	today(f, D(2026, 3, 10));
	ok(case_answer(&f->w, CASE_ID, STEP_RESPONSE, 1, D(2026, 3, 10), "r",
	    NULL, 0, &res), &res, CASE_ID "/2");
	agree(f, none, 0);
	ok(case_measure(&f->w, CASE_ID, &m, &res), &res, CASE_ID "/3");
	agree(f, (const int[]){ 3 }, 1);
	/* a decision settles its hearing and sets two deadlines of its own */
	today(f, D(2026, 3, 21));
	m.step = STEP_DECISION;
	m.measure = M_BINDING_INSTRUCTION;
	m.deadline = D(2026, 4, 30);
	m.report_deadline = D(2026, 5, 7);
	assert_int_equal(case_measure(&f->w, CASE_ID, &m, &res),
	    CASE_REFUSED);	/* no hearing on a binding instruction */
	m.step = STEP_HEARING;
	m.deadline = D(2026, 3, 28);
	m.report_deadline = -1;
	ok(case_measure(&f->w, CASE_ID, &m, &res), &res, CASE_ID "/4");
	agree(f, (const int[]){ 3, 4 }, 2);
	today(f, D(2026, 3, 30));
	m.step = STEP_DECISION;
	m.deadline = D(2026, 4, 30);
	m.report_deadline = D(2026, 5, 7);
	ok(case_measure(&f->w, CASE_ID, &m, &res), &res, CASE_ID "/5");
	agree(f, (const int[]){ 3, 5, 5 }, 3);
	/* the order heard on in step 3 */
	m.measure = M_ORDER;
	m.report_deadline = -1;
	ok(case_measure(&f->w, CASE_ID, &m, &res), &res, CASE_ID "/6");
	agree(f, (const int[]){ 5, 5, 6 }, 3);
	today(f, D(2026, 4, 29));
	ok(case_answer(&f->w, CASE_ID, STEP_COMPLIANCE, 5, D(2026, 4, 29),
	    NULL, NULL, 0, &res), &res, CASE_ID "/7");
	agree(f, (const int[]){ 6 }, 1);
	today(f, D(2026, 5, 2));
	ok(case_answer(&f->w, CASE_ID, STEP_BREACH, 6, D(2026, 5, 1), NULL,
	    NULL, 0, &res), &res, CASE_ID "/8");
	agree(f, none, 0);
	req.deadline = D(2026, 5, 20);
	ok(case_request(&f->w, CASE_ID, &req, &res), &res, CASE_ID "/9");
	agree(f, (const int[]){ 9 }, 1);
	/* closed: the rules still see the deadline, due no longer lists it */
	assert_int_equal(case_close(&f->w, CASE_ID, NULL, &res), CASE_REFUSED);
	ok(case_close(&f->w, CASE_ID, "withdrawn", &res), &res, CASE_ID);
	agree(f, none, 0);
	/* reopened: the deadline the close dropped is kept again */
	ok(case_reopen(&f->w, CASE_ID, "new facts", &res), &res, CASE_ID);
	agree(f, (const int[]){ 9 }, 1);
	assert_int_equal(case_reopen(&f->w, CASE_ID, "again", &res),
	    CASE_REFUSED);
	ok(case_close(&f->w, CASE_ID, "withdrawn again", &res), &res, CASE_ID);
	agree(f, none, 0);
}

/* A document's payload: keys sorted, members without a value left out. */
static void
test_document_payload(void **state)
{
	struct document_fields d;
	json_t *j;
	char *p;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.n = 2;
	d.step = 4;
	d.direction = "received";
	d.date = "2026-03-09";
	d.subject = "attachment 1 of 1 to step 4";
	d.party = "Nordkraft A/S";
	d.name = "svar.pdf";
	d.size = 5;
	d.sha256 = "ab";
	d.evidence = 7;
	assert_non_null(j = case_document_payload(&d));
	assert_non_null(p = case_payload_text(j, NULL));
	assert_string_equal(p, "{\"date\":\"2026-03-09\",\"direction\":"
	    "\"received\",\"document\":2,\"evidence\":7,\"name\":"
	    "\"svar.pdf\",\"party\":\"Nordkraft A/S\",\"sha256\":\"ab\","
	    "\"size\":5,\"step\":4,\"subject\":\"attachment 1 of 1 to "
	    "step 4\"}");
	free(p);
	json_decref(j);
	/* a row without a column every document has is not one */
	d.sha256 = NULL;
	assert_null(case_document_payload(&d));
}

/* The payloads verify rebuilds are the ones the steps were written with. */
static void
test_step_payload(void **state)
{
	struct step_fields s;
	struct case_buf b = { NULL, 0, 0 };

	(void)state;
	memset(&s, 0, sizeof(s));
	s.kind = "decision";
	s.measure = "order";
	s.date = "2026-03-30";
	s.deadline = "2026-04-30";
	s.data = "{\"grounds\":\"g\"}";
	s.n = 5;
	s.ref = 3;
	assert_int_equal(case_step_payload(&s, "2026-03-30T11:00:00Z", &b),
	    CASE_OK);
	assert_string_equal(b.p, "{\"as_of\":\"2026-03-30T11:00:00Z\","
	    "\"data\":{\"grounds\":\"g\"},\"date\":\"2026-03-30\","
	    "\"deadline\":\"2026-04-30\",\"kind\":\"decision\","
	    "\"measure\":\"order\",\"ref\":3,\"step\":5}");
	assert_int_equal(case_step_payload(&s, NULL, &b), CASE_OK);
	assert_string_equal(b.p, "{\"data\":{\"grounds\":\"g\"},"
	    "\"date\":\"2026-03-30\",\"deadline\":\"2026-04-30\","
	    "\"kind\":\"decision\",\"measure\":\"order\",\"ref\":3,"
	    "\"step\":5}");
	/* a row no command writes is not dressed up as one */
	s.kind = "decision\",\"x\":\"";
	assert_int_equal(case_step_payload(&s, NULL, &b), CASE_BADINPUT);
	case_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_deadlines_agree, setup,
		    teardown),
		cmocka_unit_test(test_step_payload),
		cmocka_unit_test(test_document_payload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
