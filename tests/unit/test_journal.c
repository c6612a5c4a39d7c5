/*
 * Unit tests of casefile/journal.c and store.c: the hash chain, the head
 * kept beside it, the triggers, transactions, and careful opening.  The
 * tampering is done with raw SQL here, as an attacker with the sqlite3
 * shell would.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "journal.h"
#include "store.h"

struct fx {
	char		 dir[64];
	char		 path[128];
	struct store	*st;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/tilsyn-journal.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	if (store_open(f->path, 1, &f->st) != STORE_OK)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char p[160];

	store_close(&f->st);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s/link.db", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
append(struct store *st, int n)
{
	struct journal_event e = { "NIS-2026-0001", "2026-03-02T10:00:00Z",
	    "anna", "request", "{\"n\":0}" };
	char payload[32];
	int64_t seq;
	int i;

	assert_int_equal(store_begin(st), STORE_OK);
	for (i = 0; i < n; i++) {
		snprintf(payload, sizeof(payload), "{\"n\":%d}", i);
		e.payload = payload;
		assert_int_equal(journal_append(st, &e, &seq), STORE_OK);
	}
	assert_int_equal(store_commit(st), STORE_OK);
}

/* Raw SQL on a second connection, as the sqlite3 shell would. */
static void
tamper(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void
test_hash_separates_fields(void **state)
{
	struct journal_event a = { "ab", "t", "c", "k", "{}" };
	struct journal_event b = { "a", "t", "bc", "k", "{}" };
	char ha[JOURNAL_HEX], hb[JOURNAL_HEX], ha2[JOURNAL_HEX];

	(void)state;
	assert_int_equal(journal_hash(1, "00", &a, ha), 0);
	assert_int_equal(journal_hash(1, "00", &b, hb), 0);
	assert_int_equal(journal_hash(1, "00", &a, ha2), 0);
	assert_int_equal(strlen(ha), 64);
	assert_string_equal(ha, ha2);
	assert_string_not_equal(ha, hb);
	/* the sequence number and the previous hash are part of it */
	assert_int_equal(journal_hash(2, "00", &a, hb), 0);
	assert_string_not_equal(ha, hb);
	assert_int_equal(journal_hash(1, "01", &a, hb), 0);
	assert_string_not_equal(ha, hb);
}

static void
test_chain_intact(void **state)
{
	struct fx *f = *state;
	struct journal_check chk;

	append(f->st, 5);
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_true(chk.ok);
	assert_int_equal(chk.events, 5);
	assert_int_equal(strlen(chk.head), 64);
}

static void
test_edit_caught(void **state)
{
	struct fx *f = *state;
	struct journal_check chk;

	append(f->st, 5);
	tamper(f->path, "DROP TRIGGER events_no_update;"
	    "UPDATE events SET actor = 'mallory' WHERE seq = 3");
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 3);
	assert_string_equal(chk.why, "event 3 was altered (its hash does not "
	    "match its contents)");
}

static void
test_delete_middle_and_last_caught(void **state)
{
	struct fx *f = *state;
	struct journal_check chk;

	append(f->st, 5);
	tamper(f->path, "DROP TRIGGER events_no_delete;"
	    "DELETE FROM events WHERE seq = 5");
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 5);
	tamper(f->path, "DELETE FROM events WHERE seq = 2");
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 2);
	assert_string_equal(chk.why, "event 2 is missing (the next stored "
	    "event is 3)");
}

static void
test_insert_caught(void **state)
{
	struct fx *f = *state;
	struct journal_check chk;

	append(f->st, 3);
	tamper(f->path, "INSERT INTO events SELECT seq + 1, case_id, time, "
	    "actor, kind, payload, hash, hash FROM events WHERE seq = 3");
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 4);
	/* and a forged head alone does not help the forger */
	tamper(f->path, "UPDATE meta SET value = '4' WHERE key = "
	    "'journal_seq'");
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 4);
}

static void
test_triggers_refuse(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;

	append(f->st, 2);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE events SET kind = 'x'",
	    NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL,
	    NULL), SQLITE_CONSTRAINT);
	sqlite3_close(db);
}

static void
test_rollback_leaves_no_trace(void **state)
{
	struct fx *f = *state;
	struct journal_event e = { NULL, "t", "a", "k", "{}" };
	struct journal_check chk;
	int64_t seq;

	append(f->st, 2);
	assert_int_equal(store_begin(f->st), STORE_OK);
	assert_int_equal(journal_append(f->st, &e, &seq), STORE_OK);
	assert_int_equal(seq, 3);
	store_rollback(f->st);
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_true(chk.ok);
	assert_int_equal(chk.events, 2);
	append(f->st, 1);
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_true(chk.ok);
	assert_int_equal(chk.events, 3);
}

static void
test_open_with_care(void **state)
{
	struct fx *f = *state;
	struct store *st = NULL;
	struct stat sb;
	char link[160], missing[160];
	int v = 0;

	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_schema_version(f->st, &v), STORE_OK);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	snprintf(link, sizeof(link), "%s/link.db", f->dir);
	assert_int_equal(symlink(f->path, link), 0);
	assert_int_equal(store_open(link, 0, &st), STORE_BADFILE);
	store_close(&st);
	assert_int_equal(store_open(f->dir, 0, &st), STORE_BADFILE);
	store_close(&st);
	snprintf(missing, sizeof(missing), "%s/missing.db", f->dir);
	assert_int_equal(store_open(missing, 0, &st), STORE_NODB);
	store_close(&st);
	/* a second connection to the same file migrates nothing */
	assert_int_equal(store_open(f->path, 0, &st), STORE_OK);
	store_close(&st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_separates_fields),
		cmocka_unit_test_setup_teardown(test_chain_intact, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_edit_caught, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_delete_middle_and_last_caught, setup, teardown),
		cmocka_unit_test_setup_teardown(test_insert_caught, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_triggers_refuse, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rollback_leaves_no_trace,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_with_care, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
