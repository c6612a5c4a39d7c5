/*
 * store.c: every SQL statement of the case file.  Statements are constant
 * strings in one table, prepared once and bound with parameters; nothing is
 * ever pasted into SQL.  The file is opened with care (no symlinks, only
 * regular files, created 0600), and SQLite runs defensive: no writable
 * schema tricks, untrusted schema functions off, foreign keys on, WAL.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "casefile/store.h"

/* Forward migrations: migrations[i] brings user_version i to i + 1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1 */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE entities ("
	"  cvr TEXT PRIMARY KEY CHECK (length(cvr) = 8),"
	"  name TEXT NOT NULL,"
	"  class TEXT NOT NULL,"
	"  public_admin INTEGER NOT NULL,"
	"  turnover INTEGER,"
	"  data TEXT NOT NULL);"
	"CREATE INDEX entities_class ON entities(class, cvr);"
	"CREATE TABLE events ("
	"  seq INTEGER PRIMARY KEY,"
	"  case_id TEXT,"
	"  time TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  payload TEXT NOT NULL,"
	"  prev TEXT NOT NULL,"
	"  hash TEXT NOT NULL);"
	"CREATE INDEX events_case ON events(case_id, kind, seq);"
	/* A second line behind the hash chain: no edits through SQL. */
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	"CREATE TABLE cases ("
	"  id TEXT PRIMARY KEY,"
	"  year INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  cvr TEXT NOT NULL REFERENCES entities(cvr),"
	"  basis TEXT NOT NULL CHECK (basis IN ('routine', 'indication')),"
	"  indication TEXT,"
	"  subject TEXT NOT NULL,"
	"  opened TEXT NOT NULL,"
	"  closed TEXT,"
	"  close_reason TEXT,"
	"  criminal INTEGER NOT NULL DEFAULT 0,"
	"  max_fine INTEGER,"
	"  UNIQUE (year, seq));"
	"CREATE INDEX cases_open ON cases(closed, id);"
	"CREATE TABLE steps ("
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  n INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  measure TEXT,"
	"  date TEXT NOT NULL,"
	"  deadline TEXT,"
	"  report_deadline TEXT,"
	"  ref INTEGER,"
	"  actor TEXT NOT NULL,"
	"  data TEXT NOT NULL,"
	"  event INTEGER NOT NULL REFERENCES events(seq),"
	"  PRIMARY KEY (case_id, n)) WITHOUT ROWID;"
	"CREATE INDEX steps_ref ON steps(case_id, ref) WHERE ref IS NOT NULL;"
	"CREATE UNIQUE INDEX steps_event ON steps(event);"
	/*
	 * The open deadlines, kept by triggers in the same transaction, so
	 * that `due` reads only what is open: a step with a deadline opens
	 * one; an answer, compliance, breach or decision resting on it
	 * settles it; closing the case drops its own.
	 */
	"CREATE TABLE open_deadlines ("
	"  case_id TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (case_id, n)) WITHOUT ROWID;"
	"CREATE TRIGGER deadline_open AFTER INSERT ON steps "
	"  WHEN NEW.kind IN ('request', 'hearing', 'decision') AND "
	"  (NEW.deadline IS NOT NULL OR NEW.report_deadline IS NOT NULL) "
	"  BEGIN INSERT OR IGNORE INTO open_deadlines VALUES "
	"  (NEW.case_id, NEW.n); END;"
	"CREATE TRIGGER deadline_settle AFTER INSERT ON steps "
	"  WHEN NEW.ref IS NOT NULL AND NEW.kind IN "
	"  ('response', 'compliance', 'breach', 'decision') "
	"  BEGIN DELETE FROM open_deadlines WHERE case_id = NEW.case_id "
	"  AND n = NEW.ref; END;"
	"CREATE TRIGGER deadline_close AFTER UPDATE OF closed ON cases "
	"  WHEN NEW.closed IS NOT NULL "
	"  BEGIN DELETE FROM open_deadlines WHERE case_id = NEW.id; END;"
	"CREATE TRIGGER steps_no_update BEFORE UPDATE ON steps "
	"  BEGIN SELECT RAISE(ABORT, 'steps are append-only'); END;"
	"CREATE TRIGGER steps_no_delete BEFORE DELETE ON steps "
	"  BEGIN SELECT RAISE(ABORT, 'steps are append-only'); END;"
	"CREATE TABLE evidence ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL,"
	"  step INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  content BLOB NOT NULL,"
	"  FOREIGN KEY (case_id, step) REFERENCES steps(case_id, n));"
	"CREATE INDEX evidence_case ON evidence(case_id, step);"
	"CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence "
	"  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;"
	"CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence "
	"  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;",
};

enum stmt {
	S_BEGIN, S_BEGIN_READ, S_COMMIT, S_ROLLBACK,
	S_META_GET, S_META_SET,
	S_ENT_INSERT, S_ENT_GET, S_ENT_ALL, S_ENT_CLASS,
	S_CASE_SEQ, S_CASE_INSERT, S_CASE_GET, S_CASE_ALL, S_CASE_OPEN,
	S_CASE_CLOSE, S_CASE_REFER,
	S_STEP_NEXT, S_STEP_INSERT, S_STEP_LOAD,
	S_EVID_INSERT, S_EVID_LIST,
	S_DUE,
	S_EVENT_INSERT, S_EVENT_ALL, S_EVENT_CASE,
	S_SCAN_STEPS, S_SCAN_CASES, S_SCAN_ENTITIES, S_SCAN_EVIDENCE,
	S_SCAN_OPEN_DL,
	S_COUNT
};

#define CASE_COLS "c.id, c.year, c.seq, c.cvr, c.basis, c.indication, " \
	"c.subject, c.opened, c.closed, c.close_reason, c.criminal, " \
	"c.max_fine, e.name"
#define EVENT_COLS "seq, case_id, time, actor, kind, payload, prev, hash"

static const char *const sql[S_COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_BEGIN_READ] = "BEGIN",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[S_META_SET] = "INSERT INTO meta (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[S_ENT_INSERT] = "INSERT INTO entities "
	    "(cvr, name, class, public_admin, turnover, data) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_ENT_GET] = "SELECT cvr, name, class, public_admin, turnover, data "
	    "FROM entities WHERE cvr = ?1",
	[S_ENT_ALL] = "SELECT cvr, name, class, public_admin, turnover, data "
	    "FROM entities ORDER BY cvr",
	[S_ENT_CLASS] = "SELECT cvr, name, class, public_admin, turnover, "
	    "data FROM entities WHERE class = ?1 ORDER BY cvr",
	[S_CASE_SEQ] = "SELECT coalesce(max(seq), 0) + 1 FROM cases "
	    "WHERE year = ?1",
	[S_CASE_INSERT] = "INSERT INTO cases "
	    "(id, year, seq, cvr, basis, indication, subject, opened) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_CASE_GET] = "SELECT " CASE_COLS " FROM cases c "
	    "JOIN entities e ON e.cvr = c.cvr WHERE c.id = ?1",
	[S_CASE_ALL] = "SELECT " CASE_COLS " FROM cases c "
	    "JOIN entities e ON e.cvr = c.cvr ORDER BY c.year, c.seq",
	[S_CASE_OPEN] = "SELECT " CASE_COLS " FROM cases c "
	    "JOIN entities e ON e.cvr = c.cvr WHERE c.closed IS NULL "
	    "ORDER BY c.year, c.seq",
	[S_CASE_CLOSE] = "UPDATE cases SET closed = ?2, close_reason = ?3 "
	    "WHERE id = ?1 AND closed IS NULL",
	[S_CASE_REFER] = "UPDATE cases SET criminal = 1, max_fine = ?2 "
	    "WHERE id = ?1",
	[S_STEP_NEXT] = "SELECT coalesce(max(n), 0) + 1 FROM steps "
	    "WHERE case_id = ?1",
	[S_STEP_INSERT] = "INSERT INTO steps (case_id, n, kind, measure, "
	    "date, deadline, report_deadline, ref, actor, data, event) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_STEP_LOAD] = "SELECT case_id, n, kind, measure, date, deadline, "
	    "report_deadline, ref, actor, data FROM steps WHERE case_id = ?1 "
	    "ORDER BY n",
	[S_EVID_INSERT] = "INSERT INTO evidence "
	    "(case_id, step, name, size, sha256, actor, content) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_EVID_LIST] = "SELECT id, step, name, size, sha256, actor "
	    "FROM evidence WHERE case_id = ?1 ORDER BY id",
	[S_DUE] = "SELECT s.case_id, s.n, s.kind, s.measure, s.deadline, "
	    "s.report_deadline, e.name FROM open_deadlines o "
	    /* CROSS JOIN keeps this order: only the open ones are read */
	    "CROSS JOIN cases c ON c.id = o.case_id "
	    "JOIN steps s ON s.case_id = o.case_id AND s.n = o.n "
	    "JOIN entities e ON e.cvr = c.cvr WHERE c.closed IS NULL",
	/* verify: sequential scans in primary-key order, no joins per row */
	[S_SCAN_STEPS] = "SELECT case_id, n, kind, measure, date, deadline, "
	    "report_deadline, ref, data, event FROM steps ORDER BY case_id, n",
	[S_SCAN_CASES] = "SELECT c.id, c.year, c.seq, c.cvr, c.basis, "
	    "c.indication, c.subject, c.opened, c.closed, c.close_reason, "
	    "c.criminal, c.max_fine, e.class FROM cases c "
	    "LEFT JOIN entities e ON e.cvr = c.cvr ORDER BY c.id",
	[S_SCAN_ENTITIES] = "SELECT cvr, name, class, public_admin, turnover, "
	    "data FROM entities ORDER BY cvr",
	[S_SCAN_EVIDENCE] = "SELECT case_id, step, name, size, sha256, content "
	    "FROM evidence ORDER BY case_id, step, id",
	[S_SCAN_OPEN_DL] = "SELECT case_id, n FROM open_deadlines "
	    "ORDER BY case_id, n",
	[S_EVENT_INSERT] = "INSERT INTO events (" EVENT_COLS ") "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_EVENT_ALL] = "SELECT " EVENT_COLS " FROM events ORDER BY seq",
	[S_EVENT_CASE] = "SELECT " EVENT_COLS " FROM events "
	    "WHERE case_id = ?1 ORDER BY seq",
};

struct store {
	sqlite3		*db;
	sqlite3_stmt	*st[S_COUNT];
	char		 err[256];
};

static int
fail(struct store *s, int r)
{
	if (r == STORE_ERR && s->db != NULL)
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
	return r;
}

static int
prep(struct store *s, enum stmt k, sqlite3_stmt **out)
{
	if (s->st[k] == NULL && sqlite3_prepare_v3(s->db, sql[k], -1,
	    SQLITE_PREPARE_PERSISTENT, &s->st[k], NULL) != SQLITE_OK)
		return fail(s, STORE_ERR);
	sqlite3_reset(s->st[k]);
	sqlite3_clear_bindings(s->st[k]);
	*out = s->st[k];
	return STORE_OK;
}

/* Binds a string, or NULL for NULL and "" (optional fields). */
static int
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL || *v == '\0')
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static int
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	if (v == NULL)
		return NULL;
	return strdup((const char *)v);
}

static void
col_copy(sqlite3_stmt *st, int i, char *buf, size_t len)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	snprintf(buf, len, "%s", v != NULL ? (const char *)v : "");
}

/* Runs a statement that returns no rows. */
static int
run(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return STORE_OK;
	if (rc == SQLITE_CONSTRAINT)
		return fail(s, STORE_EXISTS);
	return fail(s, STORE_ERR);
}

static int
exec_const(struct store *s, const char *text)
{
	if (sqlite3_exec(s->db, text, NULL, NULL, NULL) != SQLITE_OK)
		return fail(s, STORE_ERR);
	return STORE_OK;
}

static int
migrate(struct store *s, int create)
{
	int v, r;

	if ((r = store_schema_version(s, &v)) != STORE_OK)
		return r;
	if (v > STORE_SCHEMA_VERSION) {
		snprintf(s->err, sizeof(s->err), "schema version %d", v);
		return STORE_NEWER;
	}
	if (v == STORE_SCHEMA_VERSION)
		return STORE_OK;
	/* Only init turns a file into a case database. */
	if (v == 0 && !create)
		return STORE_NOINIT;
	if ((r = exec_const(s, "BEGIN IMMEDIATE")) != STORE_OK)
		return r;
	/* Read again under the write lock: another process may have won. */
	if ((r = store_schema_version(s, &v)) != STORE_OK)
		goto out;
	for (; v < STORE_SCHEMA_VERSION; v++) {
		char pragma[64];

		if ((r = exec_const(s, migrations[v])) != STORE_OK)
			goto out;
		/* PRAGMA takes no parameters; v + 1 is our own integer. */
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    v + 1);
		if ((r = exec_const(s, pragma)) != STORE_OK)
			goto out;
	}
	r = exec_const(s, "COMMIT");
 out:
	if (r != STORE_OK)
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

/* signify's xopen, for a database: no symlinks, regular files only. */
static int
check_file(const char *path, int create)
{
	struct stat sb;
	int fd, flags = O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;

	fd = open(path, flags);
	if (fd == -1 && errno == ENOENT && create)
		fd = open(path, flags | O_CREAT | O_EXCL, 0600);
	if (fd == -1) {
		if (errno == ENOENT && !create)
			return STORE_NODB;
		if (errno == ELOOP || errno == EISDIR)
			return STORE_BADFILE;
		return STORE_CANTOPEN;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return STORE_BADFILE;
	}
	close(fd);
	return STORE_OK;
}

int
store_open(const char *path, int create, struct store **out)
{
	struct store *s = NULL;
	int r = STORE_ERR, on = 1, v = 0;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return STORE_NOMEM;
	if ((r = check_file(path, create)) != STORE_OK) {
		if (r == STORE_CANTOPEN)
			snprintf(s->err, sizeof(s->err), "%s", strerror(errno));
		goto out;
	}
	r = STORE_ERR;
	/* One connection, one thread: no mutexes (verify reads 400k rows). */
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		(void)fail(s, STORE_ERR);
		goto out;
	}
	/* sqlite.org/security.html */
	if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) !=
	    SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) !=
	    SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL) != SQLITE_OK) {
		(void)fail(s, STORE_ERR);
		goto out;
	}
	sqlite3_extended_result_codes(s->db, 0);
	if (sqlite3_busy_timeout(s->db, 10000) != SQLITE_OK) {
		(void)fail(s, STORE_ERR);
		goto out;
	}
	/* Refuse what is not ours before any pragma writes to the file. */
	if ((r = store_schema_version(s, &v)) != STORE_OK)
		goto out;
	if (v == 0 && !create) {
		r = STORE_NOINIT;
		goto out;
	}
	if (v > STORE_SCHEMA_VERSION) {
		snprintf(s->err, sizeof(s->err), "schema version %d", v);
		r = STORE_NEWER;
		goto out;
	}
	if ((r = exec_const(s, "PRAGMA trusted_schema = OFF;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;")) != STORE_OK)
		goto out;
	if ((r = migrate(s, create)) != STORE_OK)
		goto out;
	*out = s;
	s = NULL;
	r = STORE_OK;
 out:
	if (r == STORE_ERR && s->db != NULL &&
	    (sqlite3_errcode(s->db) & 0xff) == SQLITE_NOTADB)
		r = STORE_NOTDB;
	if (s != NULL && r != STORE_OK) {
		/* keep the message for the caller */
		*out = s;
		if (s->db != NULL) {
			sqlite3_close(s->db);
			s->db = NULL;
		}
	}
	return r;
}

void
store_close(struct store **sp)
{
	struct store *s;
	size_t i;

	if (sp == NULL || (s = *sp) == NULL)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	if (s->db != NULL)
		sqlite3_close(s->db);
	free(s);
	*sp = NULL;
}

const char *
store_errmsg(const struct store *s)
{
	if (s == NULL)
		return "out of memory";
	return s->err[0] != '\0' ? s->err : "unknown error";
}

int
store_schema_version(struct store *s, int *v)
{
	sqlite3_stmt *st = NULL;
	int r = STORE_ERR;

	/* Not in the cached table: read once per open. */
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(s, STORE_ERR);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		r = STORE_OK;
	} else
		r = fail(s, STORE_ERR);
	sqlite3_finalize(st);
	return r;
}

static int
run_k(struct store *s, enum stmt k)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, k, &st)) != STORE_OK)
		return r;
	return run(s, st);
}

int
store_begin(struct store *s)
{
	return run_k(s, S_BEGIN);
}

int
store_begin_read(struct store *s)
{
	return run_k(s, S_BEGIN_READ);
}

int
store_open_reader(struct store *s, struct store **out)
{
	struct store *t;
	const char *path;
	int on = 1;

	*out = NULL;
	if ((path = sqlite3_db_filename(s->db, "main")) == NULL ||
	    *path == '\0') {
		snprintf(s->err, sizeof(s->err), "no file behind the database");
		return STORE_ERR;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return STORE_NOMEM;
	/* The schema is current: s is open and migrated. */
	if (sqlite3_open_v2(path, &t->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_db_config(t->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) !=
	    SQLITE_OK ||
	    sqlite3_db_config(t->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) !=
	    SQLITE_OK ||
	    sqlite3_busy_timeout(t->db, 10000) != SQLITE_OK) {
		snprintf(s->err, sizeof(s->err), "%s", t->db != NULL ?
		    sqlite3_errmsg(t->db) : "out of memory");
		store_close(&t);
		return STORE_ERR;
	}
	*out = t;
	return STORE_OK;
}

int
store_threadsafe(void)
{
	return sqlite3_threadsafe() != 0;
}

void
store_copy_error(struct store *s, const struct store *from)
{
	if (from != NULL)
		snprintf(s->err, sizeof(s->err), "%s", from->err);
}

int
store_commit(struct store *s)
{
	return run_k(s, S_COMMIT);
}

void
store_rollback(struct store *s)
{
	if (s != NULL && s->db != NULL && !sqlite3_get_autocommit(s->db))
		(void)run_k(s, S_ROLLBACK);
}

int
store_meta_get(struct store *s, const char *key, char **val)
{
	sqlite3_stmt *st;
	int r, rc;

	*val = NULL;
	if ((r = prep(s, S_META_GET, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if ((*val = col_dup(st, 0)) == NULL)
			r = STORE_NOMEM;
	} else if (rc == SQLITE_DONE)
		r = STORE_NOTFOUND;
	else
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_meta_set(struct store *s, const char *key, const char *val)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_META_SET, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, key);
	bind_text(st, 2, val);
	return run(s, st);
}

int
store_entity_insert(struct store *s, const struct entity_row *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_ENT_INSERT, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, e->cvr);
	bind_text(st, 2, e->name);
	bind_text(st, 3, e->cls);
	sqlite3_bind_int(st, 4, e->public_admin);
	if (e->turnover >= 0)
		sqlite3_bind_int64(st, 5, e->turnover);
	bind_text(st, 6, e->data);
	return run(s, st);
}

static int
entity_from(sqlite3_stmt *st, struct entity_row *e)
{
	memset(e, 0, sizeof(*e));
	col_copy(st, 0, e->cvr, sizeof(e->cvr));
	col_copy(st, 2, e->cls, sizeof(e->cls));
	e->public_admin = sqlite3_column_int(st, 3);
	e->turnover = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 4);
	e->name = col_dup(st, 1);
	e->data = col_dup(st, 5);
	if (e->name == NULL || e->data == NULL) {
		entity_row_release(e);
		return STORE_NOMEM;
	}
	return STORE_OK;
}

void
entity_row_release(struct entity_row *e)
{
	free(e->name);
	free(e->data);
	e->name = e->data = NULL;
}

int
store_entity_get(struct store *s, const char *cvr, struct entity_row *e)
{
	sqlite3_stmt *st;
	int r, rc;

	if ((r = prep(s, S_ENT_GET, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, cvr);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r = entity_from(st, e);
	else if (rc == SQLITE_DONE)
		r = STORE_NOTFOUND;
	else
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_entity_each(struct store *s, const char *cls,
    int (*fn)(const struct entity_row *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct entity_row e;
	int r, rc;

	if ((r = prep(s, cls != NULL ? S_ENT_CLASS : S_ENT_ALL, &st)) !=
	    STORE_OK)
		return r;
	if (cls != NULL)
		bind_text(st, 1, cls);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((r = entity_from(st, &e)) != STORE_OK)
			break;
		r = fn(&e, arg);
		entity_row_release(&e);
		if (r != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_case_next_seq(struct store *s, int year, int *seq)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_CASE_SEQ, &st)) != STORE_OK)
		return r;
	sqlite3_bind_int(st, 1, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		*seq = sqlite3_column_int(st, 0);
	else
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_case_insert(struct store *s, const struct case_row *c)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_CASE_INSERT, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, c->id);
	sqlite3_bind_int(st, 2, c->year);
	sqlite3_bind_int(st, 3, c->seq);
	bind_text(st, 4, c->cvr);
	bind_text(st, 5, c->basis);
	bind_opt(st, 6, c->indication);
	bind_text(st, 7, c->subject);
	bind_text(st, 8, c->opened);
	return run(s, st);
}

static int
case_from(sqlite3_stmt *st, struct case_row *c)
{
	memset(c, 0, sizeof(*c));
	col_copy(st, 0, c->id, sizeof(c->id));
	c->year = sqlite3_column_int(st, 1);
	c->seq = sqlite3_column_int(st, 2);
	col_copy(st, 3, c->cvr, sizeof(c->cvr));
	c->basis = col_dup(st, 4);
	c->indication = col_dup(st, 5);
	c->subject = col_dup(st, 6);
	col_copy(st, 7, c->opened, sizeof(c->opened));
	col_copy(st, 8, c->closed, sizeof(c->closed));
	c->close_reason = col_dup(st, 9);
	c->criminal = sqlite3_column_int(st, 10);
	c->max_fine = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 11);
	c->entity_name = col_dup(st, 12);
	if (c->basis == NULL || c->subject == NULL || c->entity_name == NULL) {
		case_row_release(c);
		return STORE_NOMEM;
	}
	return STORE_OK;
}

void
case_row_release(struct case_row *c)
{
	free(c->basis);
	free(c->indication);
	free(c->subject);
	free(c->close_reason);
	free(c->entity_name);
	c->basis = c->indication = c->subject = NULL;
	c->close_reason = c->entity_name = NULL;
}

int
store_case_get(struct store *s, const char *id, struct case_row *c)
{
	sqlite3_stmt *st;
	int r, rc;

	if ((r = prep(s, S_CASE_GET, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r = case_from(st, c);
	else if (rc == SQLITE_DONE)
		r = STORE_NOTFOUND;
	else
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_case_each(struct store *s, int open_only,
    int (*fn)(const struct case_row *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct case_row c;
	int r, rc;

	if ((r = prep(s, open_only ? S_CASE_OPEN : S_CASE_ALL, &st)) !=
	    STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((r = case_from(st, &c)) != STORE_OK)
			break;
		r = fn(&c, arg);
		case_row_release(&c);
		if (r != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_case_close(struct store *s, const char *id, const char *date,
    const char *reason)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_CASE_CLOSE, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, id);
	bind_text(st, 2, date);
	bind_opt(st, 3, reason);
	if ((r = run(s, st)) != STORE_OK)
		return r;
	return sqlite3_changes(s->db) == 1 ? STORE_OK : STORE_NOTFOUND;
}

int
store_case_refer(struct store *s, const char *id, int64_t max_fine)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_CASE_REFER, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, id);
	if (max_fine >= 0)
		sqlite3_bind_int64(st, 2, max_fine);
	return run(s, st);
}

int
store_step_next(struct store *s, const char *case_id, int *n)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_STEP_NEXT, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	else
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_step_insert(struct store *s, const struct step_row *p,
    int64_t event_seq)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_STEP_INSERT, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, p->case_id);
	sqlite3_bind_int(st, 2, p->n);
	bind_text(st, 3, p->kind);
	bind_opt(st, 4, p->measure);
	bind_text(st, 5, p->date);
	bind_opt(st, 6, p->deadline);
	bind_opt(st, 7, p->report_deadline);
	if (p->ref > 0)
		sqlite3_bind_int(st, 8, p->ref);
	bind_text(st, 9, p->actor);
	bind_text(st, 10, p->data);
	sqlite3_bind_int64(st, 11, event_seq);
	return run(s, st);
}

void
steps_free(struct step_row **steps, size_t n)
{
	size_t i;

	if (*steps == NULL)
		return;
	for (i = 0; i < n; i++)
		free((*steps)[i].data);
	free(*steps);
	*steps = NULL;
}

int
store_steps_load(struct store *s, const char *case_id,
    struct step_row **out, size_t *nout)
{
	sqlite3_stmt *st;
	struct step_row *v = NULL, *p;
	size_t n = 0, cap = 0;
	int r, rc;

	*out = NULL;
	*nout = 0;
	if ((r = prep(s, S_STEP_LOAD, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((p = reallocarray(v, cap, sizeof(*v))) == NULL) {
				r = STORE_NOMEM;
				goto out;
			}
			v = p;
		}
		p = &v[n];
		memset(p, 0, sizeof(*p));
		col_copy(st, 0, p->case_id, sizeof(p->case_id));
		p->n = sqlite3_column_int(st, 1);
		col_copy(st, 2, p->kind, sizeof(p->kind));
		col_copy(st, 3, p->measure, sizeof(p->measure));
		col_copy(st, 4, p->date, sizeof(p->date));
		col_copy(st, 5, p->deadline, sizeof(p->deadline));
		col_copy(st, 6, p->report_deadline, sizeof(p->report_deadline));
		p->ref = sqlite3_column_int(st, 7);
		col_copy(st, 8, p->actor, sizeof(p->actor));
		if ((p->data = col_dup(st, 9)) == NULL) {
			r = STORE_NOMEM;
			goto out;
		}
		n++;
	}
	if (rc != SQLITE_DONE) {
		r = fail(s, STORE_ERR);
		goto out;
	}
	*out = v;
	*nout = n;
	v = NULL;
	r = STORE_OK;
 out:
	sqlite3_reset(st);
	steps_free(&v, n);
	return r;
}

int
store_evidence_insert(struct store *s, const char *case_id, int step,
    const char *name, int64_t size, const char *sha256, const char *actor,
    const void *content, size_t len)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_EVID_INSERT, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, case_id);
	sqlite3_bind_int(st, 2, step);
	bind_text(st, 3, name);
	sqlite3_bind_int64(st, 4, size);
	bind_text(st, 5, sha256);
	bind_text(st, 6, actor);
	sqlite3_bind_blob64(st, 7, len ? content : "", len, SQLITE_STATIC);
	return run(s, st);
}

int
store_evidence_each(struct store *s, const char *case_id,
    int (*fn)(const struct evidence_row *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct evidence_row e;
	int r, rc;

	if ((r = prep(s, S_EVID_LIST, &st)) != STORE_OK)
		return r;
	bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&e, 0, sizeof(e));
		e.id = sqlite3_column_int64(st, 0);
		e.step = sqlite3_column_int(st, 1);
		e.size = sqlite3_column_int64(st, 3);
		col_copy(st, 4, e.sha256, sizeof(e.sha256));
		e.name = col_dup(st, 2);
		e.actor = col_dup(st, 5);
		if (e.name == NULL || e.actor == NULL)
			r = STORE_NOMEM;
		else
			r = fn(&e, arg);
		free(e.name);
		free(e.actor);
		if (r != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_due_each(struct store *s, int (*fn)(const struct due_row *, void *),
    void *arg)
{
	sqlite3_stmt *st;
	struct due_row d;
	int r, rc;

	if ((r = prep(s, S_DUE, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&d, 0, sizeof(d));
		col_copy(st, 0, d.case_id, sizeof(d.case_id));
		d.n = sqlite3_column_int(st, 1);
		col_copy(st, 2, d.kind, sizeof(d.kind));
		col_copy(st, 3, d.measure, sizeof(d.measure));
		col_copy(st, 4, d.deadline, sizeof(d.deadline));
		col_copy(st, 5, d.report_deadline, sizeof(d.report_deadline));
		if ((d.entity_name = col_dup(st, 6)) == NULL)
			r = STORE_NOMEM;
		else
			r = fn(&d, arg);
		free(d.entity_name);
		if (r != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_event_insert(struct store *s, const struct event_row *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = prep(s, S_EVENT_INSERT, &st)) != STORE_OK)
		return r;
	sqlite3_bind_int64(st, 1, e->seq);
	bind_opt(st, 2, e->case_id);
	bind_text(st, 3, e->time);
	bind_text(st, 4, e->actor);
	bind_text(st, 5, e->kind);
	bind_text(st, 6, e->payload);
	bind_text(st, 7, e->prev);
	bind_text(st, 8, e->hash);
	return run(s, st);
}

/* Columns are borrowed from SQLite for the duration of the callback. */
static const char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	return v != NULL ? (const char *)v : NULL;
}

int
store_event_each(struct store *s, const char *case_id,
    int (*fn)(const struct event_row *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct event_row e;
	int r, rc;

	if ((r = prep(s, case_id != NULL ? S_EVENT_CASE : S_EVENT_ALL, &st)) !=
	    STORE_OK)
		return r;
	if (case_id != NULL)
		bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.seq = sqlite3_column_int64(st, 0);
		/* text columns; a NULL where text belongs reads as "" */
		e.case_id = col_str(st, 1);
		e.time = col_str(st, 2);
		e.actor = col_str(st, 3);
		e.kind = col_str(st, 4);
		e.payload = col_str(st, 5);
		e.prev = col_str(st, 6);
		e.hash = col_str(st, 7);
		if ((r = fn(&e, arg)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_tune_scan(struct store *s)
{
	/* A whole-file read: map it, and give the page cache room. */
	return exec_const(s, "PRAGMA mmap_size = 1073741824;"
	    "PRAGMA cache_size = -65536;");
}

int
store_step_scan(struct store *s,
    int (*fn)(const struct step_scan_row *, void *), void *arg)
{
	struct step_scan_row c;
	sqlite3_stmt *st;
	int r, rc;

	if ((r = prep(s, S_SCAN_STEPS, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.case_id = col_str(st, 0);
		c.n = sqlite3_column_int(st, 1);
		c.kind = col_str(st, 2);
		c.measure = col_str(st, 3);
		c.date = col_str(st, 4);
		c.deadline = col_str(st, 5);
		c.report_deadline = col_str(st, 6);
		c.ref = sqlite3_column_int(st, 7);
		c.data = col_str(st, 8);
		c.event = sqlite3_column_int64(st, 9);
		if ((r = fn(&c, arg)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_case_scan(struct store *s,
    int (*fn)(const struct case_scan_row *, void *), void *arg)
{
	struct case_scan_row c;
	sqlite3_stmt *st;
	int r, rc;

	if ((r = prep(s, S_SCAN_CASES, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.id = col_str(st, 0);
		c.year = sqlite3_column_int64(st, 1);
		c.seq = sqlite3_column_int64(st, 2);
		c.cvr = col_str(st, 3);
		c.basis = col_str(st, 4);
		c.indication = col_str(st, 5);
		c.subject = col_str(st, 6);
		c.opened = col_str(st, 7);
		c.closed = col_str(st, 8);
		c.close_reason = col_str(st, 9);
		c.criminal = sqlite3_column_int64(st, 10);
		c.max_fine = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 11);
		c.entity_class = col_str(st, 12);
		if ((r = fn(&c, arg)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_entity_scan(struct store *s,
    int (*fn)(const struct entity_scan_row *, void *), void *arg)
{
	struct entity_scan_row e;
	sqlite3_stmt *st;
	int r, rc;

	if ((r = prep(s, S_SCAN_ENTITIES, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.cvr = col_str(st, 0);
		e.name = col_str(st, 1);
		e.cls = col_str(st, 2);
		e.public_admin = sqlite3_column_int64(st, 3);
		e.turnover = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 4);
		e.data = col_str(st, 5);
		if ((r = fn(&e, arg)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_evidence_scan(struct store *s,
    int (*fn)(const struct evidence_scan_row *, void *), void *arg)
{
	struct evidence_scan_row e;
	sqlite3_stmt *st;
	int r, rc;

	if ((r = prep(s, S_SCAN_EVIDENCE, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.case_id = col_str(st, 0);
		e.step = sqlite3_column_int64(st, 1);
		e.name = col_str(st, 2);
		e.size = sqlite3_column_int64(st, 3);
		e.sha256 = col_str(st, 4);
		e.content = sqlite3_column_blob(st, 5);
		e.len = (size_t)sqlite3_column_bytes(st, 5);
		if ((r = fn(&e, arg)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}

int
store_open_deadline_scan(struct store *s,
    int (*fn)(const char *case_id, int n, void *), void *arg)
{
	sqlite3_stmt *st;
	int r, rc;

	if ((r = prep(s, S_SCAN_OPEN_DL, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((r = fn(col_str(st, 0), sqlite3_column_int(st, 1),
		    arg)) != 0)
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(s, STORE_ERR);
	sqlite3_reset(st);
	return r;
}
