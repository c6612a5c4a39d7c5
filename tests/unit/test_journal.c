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

#include <openssl/sha.h>
#include <sqlite3.h>

#include "casefile/journal.h"
#include "casefile/store.h"
#include "casefile/verify.h"

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

/* The canonical form, computed independently: "LEN:VALUE\n" per field. */
static void
expect_hash(int64_t seq, const char *prev, const struct journal_event *e)
{
	const char *f[8];
	char seqs[32], got[JOURNAL_HEX], want[JOURNAL_HEX], *buf;
	unsigned char d[32];
	size_t len = 0, cap = 0, k;

	snprintf(seqs, sizeof(seqs), "%lld", (long long)seq);
	f[0] = "tilsyn-journal-v1"; f[1] = prev; f[2] = seqs;
	f[3] = e->case_id; f[4] = e->time; f[5] = e->actor; f[6] = e->kind;
	f[7] = e->payload;
	for (k = 0; k < 8; k++)
		cap += strlen(f[k] ? f[k] : "") + 24;
	buf = malloc(cap);
	assert_non_null(buf);
	for (k = 0; k < 8; k++)
		len += (size_t)snprintf(buf + len, cap - len, "%zu:%s\n",
		    strlen(f[k] ? f[k] : ""), f[k] ? f[k] : "");
	assert_non_null(SHA256((unsigned char *)buf, len, d));
	for (k = 0; k < 32; k++)
		snprintf(want + 2 * k, 3, "%02x", d[k]);
	free(buf);
	assert_int_equal(journal_hash(seq, prev, e, got), 0);
	assert_string_equal(got, want);
}

static void
test_hash_canonical_form(void **state)
{
	struct journal_event e = { NULL, "2026-03-02T10:00:00Z", "anna",
	    "init", "{\"schema\":1}" };
	char *big;

	(void)state;
	expect_hash(1, "0000", &e);
	e.case_id = "NIS-2026-0001";
	e.actor = "bø";	/* lengths are bytes */
	expect_hash(12345, "ab", &e);
	/* larger than one buffer: hashed field by field, same result */
	big = malloc(10000);
	assert_non_null(big);
	memset(big, 'x', 9999);
	big[9999] = '\0';
	e.payload = big;
	expect_hash(7, "cd", &e);
	free(big);
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

/*
 * Tampers with raw SQL, then verify must find the chain broken at seq
 * (and say why, when why is not NULL).
 */
static void
broken(struct fx *f, const char *sql, int64_t seq, const char *why)
{
	struct journal_check chk;

	tamper(f->path, sql);
	assert_int_equal(journal_verify(f->st, &chk), STORE_OK);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, seq);
	if (why != NULL)
		assert_string_equal(chk.why, why);
}

static void
test_edit_caught(void **state)
{
	append((*(struct fx **)state)->st, 5);
	broken(*state, "DROP TRIGGER events_no_update;"
	    "UPDATE events SET actor = 'mallory' WHERE seq = 3", 3,
	    "event 3 was altered (its hash does not match its contents)");
}

static void
test_delete_middle_and_last_caught(void **state)
{
	append((*(struct fx **)state)->st, 5);
	broken(*state, "DROP TRIGGER events_no_delete;"
	    "DELETE FROM events WHERE seq = 5", 5, NULL);
	broken(*state, "DELETE FROM events WHERE seq = 2", 2,
	    "event 2 is missing (the next stored event is 3)");
}

static void
test_insert_caught(void **state)
{
	append((*(struct fx **)state)->st, 3);
	broken(*state, "INSERT INTO events SELECT seq + 1, case_id, time, "
	    "actor, kind, payload, hash, hash FROM events WHERE seq = 3", 4,
	    NULL);
	/* and a forged head alone does not help the forger */
	broken(*state, "UPDATE meta SET value = '4' WHERE key = "
	    "'journal_seq'", 4, NULL);
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

/* Files that are not ours: refused with their own code, left untouched. */
static void
test_open_refuses_foreign(void **state)
{
	struct fx *f = *state;
	struct store *st = NULL;
	struct stat sb;
	char p[160];
	FILE *fp;

	snprintf(p, sizeof(p), "%s/junk.db", f->dir);
	assert_non_null(fp = fopen(p, "w"));
	fputs("not a database, just text that is long enough\n", fp);
	fclose(fp);
	assert_int_equal(store_open(p, 0, &st), STORE_NOTDB);
	store_close(&st);
	unlink(p);
	/* an empty file is an empty SQLite database: only init takes it */
	assert_non_null(fp = fopen(p, "w"));
	fclose(fp);
	assert_int_equal(store_open(p, 0, &st), STORE_NOINIT);
	store_close(&st);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	unlink(p);
	/* a newer schema names its version */
	tamper(f->path, "PRAGMA user_version = 9");
	assert_int_equal(store_open(f->path, 0, &st), STORE_NEWER);
	assert_string_equal(store_errmsg(st), "schema version 9");
	store_close(&st);
	/* a missing directory on create is not "run init" */
	snprintf(p, sizeof(p), "%s/no/such.db", f->dir);
	assert_int_equal(store_open(p, 1, &st), STORE_CANTOPEN);
	store_close(&st);
}

/*
 * verify_all(): a step event without its step row is caught, and
 * so is an entity-add event without its entity, whether or not --now put
 * an "as_of" member in the payload (after "address", keys being sorted).
 */
/* verify as the binary runs it: under the write lock, nothing pending */
static void
verify_locked(struct store *st, struct journal_check *chk)
{
	assert_int_equal(store_begin(st), STORE_OK);
	assert_int_equal(verify_all(st, chk), STORE_OK);
	store_rollback(st);
}

/*
 * verify_all(): an entity-add event without its entity is caught,
 * and the row matches once it is there, although --now put an "as_of"
 * member in the event's payload (after "address", keys being sorted); a
 * step event without its step row is caught.
 */
static void
test_verify_all_rows(void **state)
{
	struct fx *f = *state;
	struct journal_event e = { NULL, "2026-03-02T10:00:00Z", "anna",
	    "init", "{\"as_of\":\"2026-03-02T11:00:00Z\",\"schema\":1}" };
	struct journal_check chk;
	struct entity_row row;
	char name[] = "N";
	char data[] = "{\"address\":\"Vej 1\",\"class\":\"essential\","
	    "\"cvr\":\"24680134\",\"name\":\"N\"}";

	assert_int_equal(store_begin(f->st), STORE_OK);
	assert_int_equal(journal_append(f->st, &e, NULL), STORE_OK);
	e.kind = "entity-add";
	e.payload = "{\"address\":\"Vej 1\",\"as_of\":\"2026-03-02T11:00:00Z\","
	    "\"class\":\"essential\",\"cvr\":\"24680134\",\"name\":\"N\"}";
	assert_int_equal(journal_append(f->st, &e, NULL), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	verify_locked(f->st, &chk);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 2);
	assert_string_equal(chk.why, "event 2 records an entity, a case or "
	    "a scan that the tables do not hold");
	memset(&row, 0, sizeof(row));
	snprintf(row.cvr, sizeof(row.cvr), "24680134");
	snprintf(row.cls, sizeof(row.cls), "essential");
	row.name = name;
	row.turnover = -1;
	row.data = data;
	assert_int_equal(store_begin(f->st), STORE_OK);
	assert_int_equal(store_entity_insert(f->st, &row), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	verify_locked(f->st, &chk);
	assert_true(chk.ok);
	assert_int_equal(chk.events, 2);
	append(f->st, 2);
	verify_locked(f->st, &chk);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 3);
	assert_string_equal(chk.why, "event 3 records a step that is not in "
	    "the steps table");
}

/* An entity registered by its entity-add event and its row. */
static void
entity_registered(struct fx *f, const char *upd_payload, const char *name,
    const char *data)
{
	struct journal_event e = { NULL, "2026-03-02T10:00:00Z", "anna",
	    "init", "{\"schema\":1}" };
	struct entity_row row;
	char n[32], d[160];

	snprintf(n, sizeof(n), "%s", name);
	snprintf(d, sizeof(d), "%s", data);
	assert_int_equal(store_begin(f->st), STORE_OK);
	assert_int_equal(journal_append(f->st, &e, NULL), STORE_OK);
	e.kind = "entity-add";
	e.payload = "{\"class\":\"essential\",\"cvr\":\"24680134\","
	    "\"name\":\"N\"}";
	assert_int_equal(journal_append(f->st, &e, NULL), STORE_OK);
	e.kind = "entity-update";
	e.payload = upd_payload;
	assert_int_equal(journal_append(f->st, &e, NULL), STORE_OK);
	memset(&row, 0, sizeof(row));
	snprintf(row.cvr, sizeof(row.cvr), "24680134");
	snprintf(row.cls, sizeof(row.cls), "essential");
	row.name = n;
	row.turnover = -1;
	row.data = d;
	assert_int_equal(store_entity_insert(f->st, &row), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
}

/*
 * verify_all() rebuilds an entity from its entity-add and entity-update
 * events (register.c): the row after an update matches ...
 */
static void
test_verify_entity_update(void **state)
{
	struct fx *f = *state;
	struct journal_check chk;

	entity_registered(f, "{\"as_of\":\"2026-03-05T11:00:00Z\","
	    "\"changes\":{\"name\":{\"new\":\"M\",\"old\":\"N\"}},"
	    "\"class\":\"essential\",\"cvr\":\"24680134\"}", "M",
	    "{\"class\":\"essential\",\"cvr\":\"24680134\",\"name\":\"M\"}");
	verify_locked(f->st, &chk);
	assert_true(chk.ok);
	assert_int_equal(chk.events, 3);
}

/* ... and an update whose old values are not the registration before it
 * is caught, though its row says what it would make. */
static void
test_verify_entity_update_forged(void **state)
{
	struct fx *f = *state;
	struct journal_check chk;

	entity_registered(f, "{\"changes\":{\"name\":{\"new\":\"M\","
	    "\"old\":\"X\"}},\"class\":\"essential\",\"cvr\":\"24680134\"}",
	    "M", "{\"class\":\"essential\",\"cvr\":\"24680134\","
	    "\"name\":\"M\"}");
	verify_locked(f->st, &chk);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 3);
	assert_string_equal(chk.why, "event 3: its old values are not the "
	    "registration of entity 24680134 before it");
}

/* ... and so is a class recorded that the changes do not leave. */
static void
test_verify_entity_update_class(void **state)
{
	struct fx *f = *state;
	struct journal_check chk;

	entity_registered(f, "{\"changes\":{\"name\":{\"new\":\"M\","
	    "\"old\":\"N\"}},\"class\":\"important\",\"cvr\":\"24680134\"}",
	    "M", "{\"class\":\"essential\",\"cvr\":\"24680134\","
	    "\"name\":\"M\"}");
	verify_locked(f->st, &chk);
	assert_false(chk.ok);
	assert_int_equal(chk.bad_seq, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_separates_fields),
		cmocka_unit_test(test_hash_canonical_form),
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
		cmocka_unit_test_setup_teardown(test_open_refuses_foreign,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_all_rows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_verify_entity_update, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_verify_entity_update_forged, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_verify_entity_update_class, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
