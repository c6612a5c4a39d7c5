/*
 * store.c: every SQL statement of the case file.  Statements are constant
 * strings in one table, each with the columns it returns, prepared once
 * and bound with parameters; nothing a user typed is ever pasted into SQL.
 * The file is opened with care (no symlinks, only regular files, created
 * 0600), and SQLite runs defensive: no writable schema tricks, untrusted
 * schema functions off, foreign keys on, WAL.  Trusts law/rules for which
 * steps open and settle deadlines (the triggers are built from it).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "casefile/store.h"
#include "law/rules.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Schema version 1, around the deadline triggers (see schema_v1()). */
static const char schema_v1_tables[] =
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
;

static const char schema_v1_rest[] =
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
	"  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;";

/*
 * The deadline triggers of schema 1: which kinds open and which settle a
 * deadline come from law/rules (rules_opens_deadline(),
 * rules_settles_deadline()), the one definition that `case show`, `case
 * close` and verify use too.  The kind names are the law table's own
 * constants, never input.
 */
static int
kinds_sql(bool (*pick)(enum step_kind), char *buf, size_t len)
{
	size_t i, n = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i < STEP_KIND_COUNT; i++) {
		if (!pick((enum step_kind)i))
			continue;
		w = snprintf(buf + n, len - n, "%s'%s'", n > 0 ? ", " : "",
		    step_kind_name((enum step_kind)i));
		if (w < 0 || (size_t)w >= len - n)
			return -1;
		n += (size_t)w;
	}
	return 0;
}

/*
 * The deadline triggers, between head and tail, into *out (malloc'd):
 * built from the rules as they are now.
 */
static int
deadline_triggers(const char *head, const char *tail, char **out)
{
	char opens[128], settles[128];
	int n;

	*out = NULL;
	if (kinds_sql(rules_opens_deadline, opens, sizeof(opens)) != 0 ||
	    kinds_sql(rules_settles_deadline, settles, sizeof(settles)) != 0)
		return STORE_ERR;
	n = asprintf(out, "%s"
	    "CREATE TRIGGER deadline_open AFTER INSERT ON steps "
	    "  WHEN NEW.kind IN (%s) AND "
	    "  (NEW.deadline IS NOT NULL OR NEW.report_deadline IS NOT NULL) "
	    "  BEGIN INSERT OR IGNORE INTO open_deadlines VALUES "
	    "  (NEW.case_id, NEW.n); END;"
	    "CREATE TRIGGER deadline_settle AFTER INSERT ON steps "
	    "  WHEN NEW.ref IS NOT NULL AND NEW.kind IN (%s) "
	    "  BEGIN DELETE FROM open_deadlines WHERE case_id = NEW.case_id "
	    "  AND n = NEW.ref; END;"
	    "%s", head, opens, settles, tail);
	if (n < 0) {
		*out = NULL;
		return STORE_NOMEM;
	}
	return STORE_OK;
}

/* The whole of schema 1 into *out (malloc'd). */
static int
schema_v1(char **out)
{
	return deadline_triggers(schema_v1_tables, schema_v1_rest, out);
}

/*
 * Schema 2: stored scans (tilsyn-case scan).  A run is one scanner run on
 * one entity's registered scope; each endpoint's result is kept as the
 * bytes the scanner wrote, beside its SHA-256 and the key columns read
 * from it.  Append-only, like the rest of the evidence.
 */
static const char schema_v2_text[] =
	"CREATE TABLE scan_runs ("
	"  id INTEGER PRIMARY KEY,"
	"  cvr TEXT NOT NULL REFERENCES entities(cvr),"
	"  case_id TEXT REFERENCES cases(id),"
	"  power TEXT NOT NULL,"
	"  origin TEXT NOT NULL CHECK (origin IN ('run', 'import')),"
	"  import_name TEXT,"
	"  import_sha256 TEXT,"
	"  allow_hosted INTEGER NOT NULL,"
	"  hosted TEXT NOT NULL,"
	"  scope TEXT NOT NULL,"
	"  started TEXT NOT NULL,"
	"  finished TEXT NOT NULL,"
	"  scanner_version TEXT NOT NULL,"
	"  argv TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  exit_status INTEGER NOT NULL,"
	"  header BLOB NOT NULL,"
	"  summary BLOB,"
	"  event INTEGER NOT NULL REFERENCES events(seq));"
	"CREATE INDEX scan_runs_cvr ON scan_runs(cvr, id);"
	"CREATE UNIQUE INDEX scan_runs_event ON scan_runs(event);"
	"CREATE TABLE scan_results ("
	"  run INTEGER NOT NULL REFERENCES scan_runs(id),"
	"  n INTEGER NOT NULL,"
	"  service TEXT NOT NULL,"
	"  ip TEXT,"
	"  port INTEGER NOT NULL,"
	"  host TEXT,"
	"  error TEXT,"
	"  error_kind TEXT,"
	"  sha256 TEXT NOT NULL,"
	"  content BLOB NOT NULL,"
	"  PRIMARY KEY (run, n)) WITHOUT ROWID;"
	"CREATE INDEX scan_results_endpoint ON scan_results"
	"  (service, port, ip, host, run);"
	"CREATE TRIGGER scan_runs_no_update BEFORE UPDATE ON scan_runs "
	"  BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;"
	"CREATE TRIGGER scan_runs_no_delete BEFORE DELETE ON scan_runs "
	"  BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;"
	"CREATE TRIGGER scan_results_no_update BEFORE UPDATE ON scan_results "
	"  BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;"
	"CREATE TRIGGER scan_results_no_delete BEFORE DELETE ON scan_results "
	"  BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;";

static int
schema_v2(char **out)
{
	if ((*out = strdup(schema_v2_text)) == NULL)
		return STORE_NOMEM;
	return STORE_OK;
}

/*
 * Schema 3: the document journal (offentlighedsloven § 15).  Each row is
 * a document sent (an issued letter: the bytes sent, their SHA-256, the
 * template's name and SHA-256) or received (a file the entity sent with
 * its response or incident notification: a reference to its evidence
 * row), recorded by one "document" event.  Append-only.  The deadline
 * triggers are made again from the rules as they are now, so a file made
 * under older rules gets today's text.
 */
static const char schema_v3_text[] =
	"CREATE TABLE documents ("
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  n INTEGER NOT NULL,"
	"  step INTEGER NOT NULL,"
	"  direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),"
	"  date TEXT NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  party TEXT NOT NULL,"
	"  format TEXT,"
	"  content BLOB,"
	"  evidence INTEGER REFERENCES evidence(id),"
	"  name TEXT,"
	"  size INTEGER NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  template TEXT,"
	"  template_sha256 TEXT,"
	"  reason TEXT,"
	"  actor TEXT NOT NULL,"
	"  event INTEGER NOT NULL REFERENCES events(seq),"
	"  PRIMARY KEY (case_id, n),"
	"  FOREIGN KEY (case_id, step) REFERENCES steps(case_id, n),"
	"  CHECK ((content IS NULL) != (evidence IS NULL))) WITHOUT ROWID;"
	"CREATE UNIQUE INDEX documents_event ON documents(event);"
	"CREATE INDEX documents_step ON documents(case_id, step, direction);"
	"CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents "
	"  BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;"
	"CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents "
	"  BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;"
	"DROP TRIGGER IF EXISTS deadline_open;"
	"DROP TRIGGER IF EXISTS deadline_settle;";

static int
schema_v3(char **out)
{
	return deadline_triggers(schema_v3_text, "", out);
}

/* Forward migrations: migrations[i] brings user_version i to i + 1. */
static int (*const migrations[STORE_SCHEMA_VERSION])(char **) = {
	schema_v1,
	schema_v2,
	schema_v3,
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
	S_SCAN_STEPS, S_SCAN_CASES, S_SCAN_EVIDENCE, S_SCAN_OPEN_DL,
	S_SR_NEXT, S_SR_INSERT, S_SR_ALL, S_SR_CVR, S_SR_GET, S_SR_PREV,
	S_RES_INSERT, S_RES_RUN, S_RES_ALL, S_RES_LAST,
	/* the entity register's history (entity update, show, due) */
	S_ENT_UPDATE, S_ENT_EVENTS_ALL, S_ENT_EVENTS_CVR,
	S_DOC_NEXT, S_DOC_INSERT, S_DOC_LIST, S_DOC_LETTER, S_SCAN_DOCS,
	S_CASE_REOPEN, S_DL_INSERT,
	S_COUNT
};

/* Where column i of a row goes in union store_fields. */
enum coltype { C_TEXT, C_INT, C_I64, C_FIGURE, C_BLOB };
struct col {
	enum coltype	 type;
	size_t		 off;
	size_t		 len_off;	/* C_BLOB: where its length goes */
};

#define F(m)		offsetof(union store_fields, m)
#define TEXT_COL(m)	{ C_TEXT, F(m), 0 }
#define INT_COL(m)	{ C_INT, F(m), 0 }
#define I64_COL(m)	{ C_I64, F(m), 0 }
#define FIGURE_COL(m)	{ C_FIGURE, F(m), 0 }	/* NULL reads as -1 */

#define ENTITY_COLS "cvr, name, class, public_admin, turnover, data"
static const struct col entity_cols[] = {
	TEXT_COL(entity.cvr), TEXT_COL(entity.name), TEXT_COL(entity.cls),
	I64_COL(entity.public_admin), FIGURE_COL(entity.turnover),
	TEXT_COL(entity.data),
};

#define CASE_COLS "c.id, c.year, c.seq, c.cvr, c.basis, c.indication, " \
	"c.subject, c.opened, c.closed, c.close_reason, c.criminal, " \
	"c.max_fine, e.name, e.class"
static const struct col case_cols[] = {
	TEXT_COL(kase.id), I64_COL(kase.year), I64_COL(kase.seq),
	TEXT_COL(kase.cvr), TEXT_COL(kase.basis), TEXT_COL(kase.indication),
	TEXT_COL(kase.subject), TEXT_COL(kase.opened), TEXT_COL(kase.closed),
	TEXT_COL(kase.close_reason), I64_COL(kase.criminal),
	FIGURE_COL(kase.max_fine), TEXT_COL(kase.entity_name),
	TEXT_COL(kase.entity_class),
};

#define STEP_COLS "case_id, n, kind, measure, date, deadline, " \
	"report_deadline, ref, actor, data, event"
static const struct col step_cols[] = {
	TEXT_COL(step.case_id), INT_COL(step.n), TEXT_COL(step.kind),
	TEXT_COL(step.measure), TEXT_COL(step.date), TEXT_COL(step.deadline),
	TEXT_COL(step.report_deadline), INT_COL(step.ref),
	TEXT_COL(step.actor), TEXT_COL(step.data), I64_COL(step.event),
};

/* The listing leaves the content out: the first 7 columns only. */
#define EVIDENCE_COLS "id, case_id, step, name, size, sha256, actor"
static const struct col evidence_cols[] = {
	I64_COL(evidence.id), TEXT_COL(evidence.case_id),
	I64_COL(evidence.step), TEXT_COL(evidence.name),
	I64_COL(evidence.size), TEXT_COL(evidence.sha256),
	TEXT_COL(evidence.actor),
	{ C_BLOB, F(evidence.content), F(evidence.len) },
};

/* The open_deadlines scan reads the first 2 columns only. */
static const struct col deadline_cols[] = {
	TEXT_COL(deadline.case_id), INT_COL(deadline.n),
	TEXT_COL(deadline.kind), TEXT_COL(deadline.measure),
	TEXT_COL(deadline.deadline), TEXT_COL(deadline.report_deadline),
	TEXT_COL(deadline.entity_name),
};

#define EVENT_COLS "seq, case_id, time, actor, kind, payload, prev, hash"
static const struct col event_cols[] = {
	I64_COL(event.seq), TEXT_COL(event.case_id), TEXT_COL(event.time),
	TEXT_COL(event.actor), TEXT_COL(event.kind), TEXT_COL(event.payload),
	TEXT_COL(event.prev), TEXT_COL(event.hash),
};

#define SCAN_RUN_COLS "id, cvr, case_id, power, origin, import_name, " \
	"import_sha256, allow_hosted, hosted, scope, started, finished, " \
	"scanner_version, argv, actor, exit_status, header, summary, event"
static const struct col scan_run_cols[] = {
	I64_COL(scan_run.id), TEXT_COL(scan_run.cvr),
	TEXT_COL(scan_run.case_id), TEXT_COL(scan_run.power),
	TEXT_COL(scan_run.origin), TEXT_COL(scan_run.import_name),
	TEXT_COL(scan_run.import_sha256), I64_COL(scan_run.allow_hosted),
	TEXT_COL(scan_run.hosted), TEXT_COL(scan_run.scope),
	TEXT_COL(scan_run.started), TEXT_COL(scan_run.finished),
	TEXT_COL(scan_run.scanner_version), TEXT_COL(scan_run.argv),
	TEXT_COL(scan_run.actor), I64_COL(scan_run.exit_status),
	{ C_BLOB, F(scan_run.header), F(scan_run.header_len) },
	{ C_BLOB, F(scan_run.summary), F(scan_run.summary_len) },
	I64_COL(scan_run.event),
};

#define SCAN_RESULT_COLS "run, n, service, ip, port, host, error, " \
	"error_kind, sha256, content"
static const struct col scan_result_cols[] = {
	I64_COL(scan_result.run), I64_COL(scan_result.n),
	TEXT_COL(scan_result.service), TEXT_COL(scan_result.ip),
	I64_COL(scan_result.port), TEXT_COL(scan_result.host),
	TEXT_COL(scan_result.error), TEXT_COL(scan_result.error_kind),
	TEXT_COL(scan_result.sha256),
	{ C_BLOB, F(scan_result.content), F(scan_result.len) },
};

#define DOCUMENT_COLS "d.case_id, d.n, d.step, d.direction, d.date, " \
	"d.subject, d.party, d.format, d.evidence, d.name, d.size, " \
	"d.sha256, d.template, d.template_sha256, d.reason, d.actor, " \
	"d.event"
/* A listing leaves the content out: the first 17 columns only. */
static const struct col document_cols[] = {
	TEXT_COL(document.case_id), I64_COL(document.n),
	I64_COL(document.step), TEXT_COL(document.direction),
	TEXT_COL(document.date), TEXT_COL(document.subject),
	TEXT_COL(document.party), TEXT_COL(document.format),
	FIGURE_COL(document.evidence), TEXT_COL(document.name),
	I64_COL(document.size), TEXT_COL(document.sha256),
	TEXT_COL(document.template), TEXT_COL(document.template_sha256),
	TEXT_COL(document.reason), TEXT_COL(document.actor),
	I64_COL(document.event),
	{ C_BLOB, F(document.content), F(document.len) },
	/* verify: the evidence row an attachment names */
	TEXT_COL(document.ev_case_id), FIGURE_COL(document.ev_step),
	TEXT_COL(document.ev_name), FIGURE_COL(document.ev_size),
	TEXT_COL(document.ev_sha256),
};

static const struct col text_col[] = { TEXT_COL(value.text) };
static const struct col number_col[] = { I64_COL(value.n) };

#define ROWS(cols)	cols, nitems(cols)
#define FIRST(cols, n)	cols, (n)

static const struct query {
	const char		*sql;
	const struct col	*cols;		/* NULL: no rows */
	size_t			 ncols;
} queries[S_COUNT] = {
	[S_BEGIN] = { "BEGIN IMMEDIATE", NULL, 0 },
	[S_BEGIN_READ] = { "BEGIN", NULL, 0 },
	[S_COMMIT] = { "COMMIT", NULL, 0 },
	[S_ROLLBACK] = { "ROLLBACK", NULL, 0 },
	[S_META_GET] = { "SELECT value FROM meta WHERE key = ?1",
	    ROWS(text_col) },
	[S_META_SET] = { "INSERT INTO meta (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", NULL, 0 },
	[S_ENT_INSERT] = { "INSERT INTO entities (" ENTITY_COLS ") "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", NULL, 0 },
	[S_ENT_GET] = { "SELECT " ENTITY_COLS " FROM entities WHERE cvr = ?1",
	    ROWS(entity_cols) },
	[S_ENT_ALL] = { "SELECT " ENTITY_COLS " FROM entities ORDER BY cvr",
	    ROWS(entity_cols) },
	[S_ENT_CLASS] = { "SELECT " ENTITY_COLS " FROM entities "
	    "WHERE class = ?1 ORDER BY cvr", ROWS(entity_cols) },
	[S_CASE_SEQ] = { "SELECT coalesce(max(seq), 0) + 1 FROM cases "
	    "WHERE year = ?1", ROWS(number_col) },
	[S_CASE_INSERT] = { "INSERT INTO cases "
	    "(id, year, seq, cvr, basis, indication, subject, opened) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", NULL, 0 },
	[S_CASE_GET] = { "SELECT " CASE_COLS " FROM cases c "
	    "JOIN entities e ON e.cvr = c.cvr WHERE c.id = ?1",
	    ROWS(case_cols) },
	[S_CASE_ALL] = { "SELECT " CASE_COLS " FROM cases c "
	    "JOIN entities e ON e.cvr = c.cvr ORDER BY c.year, c.seq",
	    ROWS(case_cols) },
	[S_CASE_OPEN] = { "SELECT " CASE_COLS " FROM cases c "
	    "JOIN entities e ON e.cvr = c.cvr WHERE c.closed IS NULL "
	    "ORDER BY c.year, c.seq", ROWS(case_cols) },
	[S_CASE_CLOSE] = { "UPDATE cases SET closed = ?2, close_reason = ?3 "
	    "WHERE id = ?1 AND closed IS NULL", NULL, 0 },
	[S_CASE_REFER] = { "UPDATE cases SET criminal = 1, max_fine = ?2 "
	    "WHERE id = ?1", NULL, 0 },
	[S_STEP_NEXT] = { "SELECT coalesce(max(n), 0) + 1 FROM steps "
	    "WHERE case_id = ?1", ROWS(number_col) },
	[S_STEP_INSERT] = { "INSERT INTO steps (" STEP_COLS ") "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", NULL, 0 },
	[S_STEP_LOAD] = { "SELECT " STEP_COLS " FROM steps "
	    "WHERE case_id = ?1 ORDER BY n", ROWS(step_cols) },
	[S_EVID_INSERT] = { "INSERT INTO evidence "
	    "(case_id, step, name, size, sha256, actor, content) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", NULL, 0 },
	[S_EVID_LIST] = { "SELECT " EVIDENCE_COLS " FROM evidence "
	    "WHERE case_id = ?1 ORDER BY id", FIRST(evidence_cols, 7) },
	[S_DUE] = { "SELECT s.case_id, s.n, s.kind, s.measure, s.deadline, "
	    "s.report_deadline, e.name FROM open_deadlines o "
	    /* CROSS JOIN keeps this order: only the open ones are read */
	    "CROSS JOIN cases c ON c.id = o.case_id "
	    "JOIN steps s ON s.case_id = o.case_id AND s.n = o.n "
	    "JOIN entities e ON e.cvr = c.cvr WHERE c.closed IS NULL",
	    ROWS(deadline_cols) },
	[S_EVENT_INSERT] = { "INSERT INTO events (" EVENT_COLS ") "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", NULL, 0 },
	[S_EVENT_ALL] = { "SELECT " EVENT_COLS " FROM events ORDER BY seq",
	    ROWS(event_cols) },
	[S_EVENT_CASE] = { "SELECT " EVENT_COLS " FROM events "
	    "WHERE case_id = ?1 ORDER BY seq", ROWS(event_cols) },
	/* verify: sequential scans in primary-key order */
	[S_SCAN_STEPS] = { "SELECT " STEP_COLS " FROM steps "
	    "ORDER BY case_id, n", ROWS(step_cols) },
	[S_SCAN_CASES] = { "SELECT " CASE_COLS " FROM cases c "
	    "LEFT JOIN entities e ON e.cvr = c.cvr ORDER BY c.id",
	    ROWS(case_cols) },
	[S_SCAN_EVIDENCE] = { "SELECT " EVIDENCE_COLS ", content "
	    "FROM evidence ORDER BY case_id, step, id", ROWS(evidence_cols) },
	[S_SCAN_OPEN_DL] = { "SELECT case_id, n FROM open_deadlines "
	    "ORDER BY case_id, n", FIRST(deadline_cols, 2) },
	[S_SR_NEXT] = { "SELECT coalesce(max(id), 0) + 1 FROM scan_runs",
	    ROWS(number_col) },
	[S_SR_INSERT] = { "INSERT INTO scan_runs (" SCAN_RUN_COLS ") VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	    "?15, ?16, ?17, ?18, ?19)", NULL, 0 },
	[S_SR_ALL] = { "SELECT " SCAN_RUN_COLS " FROM scan_runs ORDER BY id",
	    ROWS(scan_run_cols) },
	[S_SR_CVR] = { "SELECT " SCAN_RUN_COLS " FROM scan_runs "
	    "WHERE cvr = ?1 ORDER BY id", ROWS(scan_run_cols) },
	[S_SR_GET] = { "SELECT " SCAN_RUN_COLS " FROM scan_runs "
	    "WHERE id = CAST(?1 AS INTEGER)", ROWS(scan_run_cols) },
	[S_SR_PREV] = { "SELECT coalesce(max(id), 0) FROM scan_runs "
	    "WHERE cvr = ?1 AND id < ?2", ROWS(number_col) },
	[S_RES_INSERT] = { "INSERT INTO scan_results (" SCAN_RESULT_COLS ") "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", NULL, 0 },
	[S_RES_RUN] = { "SELECT " SCAN_RESULT_COLS " FROM scan_results "
	    "WHERE run = CAST(?1 AS INTEGER) ORDER BY n",
	    ROWS(scan_result_cols) },
	[S_RES_ALL] = { "SELECT " SCAN_RESULT_COLS " FROM scan_results "
	    "ORDER BY run, n", ROWS(scan_result_cols) },
	[S_RES_LAST] = { "SELECT r.run, r.n, r.service, r.ip, r.port, r.host, "
	    "r.error, r.error_kind, r.sha256, r.content FROM scan_results r "
	    "JOIN scan_runs s ON s.id = r.run WHERE r.service = ?2 AND "
	    "r.port = ?4 AND r.ip IS ?3 AND r.host IS ?5 AND r.run < ?6 AND "
	    "s.cvr = ?1 AND r.error IS NULL ORDER BY r.run DESC LIMIT 1",
	    ROWS(scan_result_cols) },
	/*
	 * The entity register: a row holds the current registration; its
	 * history is the entity-add and entity-update events (events_case
	 * index: case_id NULL, by kind, then seq).
	 */
	[S_ENT_UPDATE] = { "UPDATE entities SET name = ?2, class = ?3, "
	    "public_admin = ?4, turnover = ?5, data = ?6 WHERE cvr = ?1",
	    NULL, 0 },
	[S_ENT_EVENTS_ALL] = { "SELECT " EVENT_COLS " FROM events "
	    "WHERE case_id IS NULL AND kind IN ('entity-add', 'entity-update') "
	    "ORDER BY seq", ROWS(event_cols) },
	[S_ENT_EVENTS_CVR] = { "SELECT " EVENT_COLS " FROM events "
	    "WHERE case_id IS NULL AND kind IN ('entity-add', 'entity-update') "
	    "AND json_valid(payload) AND json_extract(payload, '$.cvr') = ?1 "
	    "ORDER BY seq", ROWS(event_cols) },
	[S_DOC_NEXT] = { "SELECT coalesce(max(n), 0) + 1 FROM documents "
	    "WHERE case_id = ?1", ROWS(number_col) },
	[S_DOC_INSERT] = { "INSERT INTO documents (case_id, n, step, "
	    "direction, date, subject, party, format, evidence, name, size, "
	    "sha256, template, template_sha256, reason, actor, event, "
	    "content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12, ?13, ?14, ?15, ?16, ?17, ?18)", NULL, 0 },
	[S_DOC_LIST] = { "SELECT " DOCUMENT_COLS " FROM documents d "
	    "WHERE d.case_id = ?1 ORDER BY d.n", FIRST(document_cols, 17) },
	/* The letter of a step as last issued, with its bytes. */
	[S_DOC_LETTER] = { "SELECT " DOCUMENT_COLS ", d.content "
	    "FROM documents d WHERE d.case_id = ?1 AND d.step = ?2 AND "
	    "d.direction = 'sent' ORDER BY d.n DESC LIMIT 1",
	    FIRST(document_cols, 18) },
	[S_SCAN_DOCS] = { "SELECT " DOCUMENT_COLS ", d.content, e.case_id, "
	    "e.step, e.name, e.size, e.sha256 FROM documents d "
	    "LEFT JOIN evidence e ON e.id = d.evidence "
	    "ORDER BY d.case_id, d.n", ROWS(document_cols) },
	[S_CASE_REOPEN] = { "UPDATE cases SET closed = NULL, "
	    "close_reason = NULL WHERE id = ?1 AND closed IS NOT NULL",
	    NULL, 0 },
	[S_DL_INSERT] = { "INSERT OR IGNORE INTO open_deadlines (case_id, n) "
	    "VALUES (?1, ?2)", NULL, 0 },
};

/* The statement of each listing: without a key, and with one. */
static const struct {
	enum stmt	 all, keyed;
} lists[STORE_NLISTS] = {
	[STORE_ENTITIES] = { S_ENT_ALL, S_ENT_CLASS },
	[STORE_CASES] = { S_CASE_ALL, S_COUNT },
	[STORE_OPEN_CASES] = { S_CASE_OPEN, S_COUNT },
	[STORE_EVIDENCE] = { S_COUNT, S_EVID_LIST },
	[STORE_DUE] = { S_DUE, S_COUNT },
	[STORE_EVENTS] = { S_EVENT_ALL, S_EVENT_CASE },
	[STORE_STEPS] = { S_COUNT, S_STEP_LOAD },
	[STORE_SCAN_STEPS] = { S_SCAN_STEPS, S_COUNT },
	[STORE_SCAN_CASES] = { S_SCAN_CASES, S_COUNT },
	[STORE_SCAN_EVIDENCE] = { S_SCAN_EVIDENCE, S_COUNT },
	[STORE_SCAN_OPEN_DL] = { S_SCAN_OPEN_DL, S_COUNT },
	[STORE_SCAN_RUNS] = { S_SR_ALL, S_SR_CVR },
	[STORE_SCAN_RUN] = { S_COUNT, S_SR_GET },
	[STORE_SCAN_RESULTS] = { S_COUNT, S_RES_RUN },
	[STORE_SCAN_ALL_RESULTS] = { S_RES_ALL, S_COUNT },
	[STORE_ENTITY_EVENTS] = { S_ENT_EVENTS_ALL, S_ENT_EVENTS_CVR },
	[STORE_DOCUMENTS] = { S_COUNT, S_DOC_LIST },
	[STORE_SCAN_DOCUMENTS] = { S_SCAN_DOCS, S_COUNT },
};

/* A parameter of a statement: ?1, ?2, ... in order. */
struct param {
	enum { P_TEXT, P_OPT, P_INT, P_FIGURE, P_BLOB } type;
	const char	*text;
	int64_t		 i;
	const void	*blob;
	size_t		 len;
};
#define TEXT(v)		{ P_TEXT, (v), 0, NULL, 0 }	/* NULL: NULL */
#define OPT(v)		{ P_OPT, (v), 0, NULL, 0 }	/* "" too */
#define INT(v)		{ P_INT, NULL, (v), NULL, 0 }
#define FIGURE(v)	{ P_FIGURE, NULL, (v), NULL, 0 }  /* < 0: NULL */
#define BLOB(p, n)	{ P_BLOB, NULL, 0, (p), (n) }

struct store {
	sqlite3		*db;
	sqlite3_stmt	*st[S_COUNT];
	char		 err[256];
	int		 immutable;	/* read-only dir: opened immutable=1 */
};

const char *
store_errstr(int r)
{
	switch (r) {
	case STORE_OK:
		return "ok";
	case STORE_ERR:
		return "database error";
	case STORE_NOTFOUND:
		return "not found";
	case STORE_EXISTS:
		return "already there";
	case STORE_NODB:
		return "no database (run init)";
	case STORE_BADFILE:
		return "not a regular file, or a symbolic link";
	case STORE_NEWER:
		return "newer schema";
	case STORE_NOMEM:
		return "out of memory";
	case STORE_NOTDB:
		return "not an SQLite database";
	case STORE_NOINIT:
		return "no case file schema (run init)";
	case STORE_CANTOPEN:
		return "cannot open";
	case STORE_OLDER:
		return "older schema (a read-only open does not migrate)";
	case STORE_BUSY:
		return "the database kept changing while it was read";
	default:
		return "unknown store code";
	}
}

static int
fail(struct store *s, int r)
{
	if (r == STORE_ERR && s->db != NULL)
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
	return r;
}

/* The result code of a failed call, as a STORE_* code. */
static int
sqlite_fail(struct store *s, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return STORE_NOMEM;
	case SQLITE_CONSTRAINT:
		return fail(s, STORE_EXISTS);
	default:
		return fail(s, STORE_ERR);
	}
}

static int
prep(struct store *s, enum stmt k, sqlite3_stmt **out)
{
	int rc;

	if (s->st[k] == NULL && (rc = sqlite3_prepare_v3(s->db,
	    queries[k].sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st[k],
	    NULL)) != SQLITE_OK)
		return sqlite_fail(s, rc);
	/* Both only repeat the outcome of the last step, read already. */
	(void)sqlite3_reset(s->st[k]);
	(void)sqlite3_clear_bindings(s->st[k]);
	*out = s->st[k];
	return STORE_OK;
}

static int
bind_one(sqlite3_stmt *st, int at, const struct param *p)
{
	switch (p->type) {
	case P_OPT:
		if (p->text != NULL && *p->text == '\0')
			return sqlite3_bind_null(st, at);
		/* FALLTHROUGH */
	case P_TEXT:
		if (p->text == NULL)
			return sqlite3_bind_null(st, at);
		return sqlite3_bind_text(st, at, p->text, -1, SQLITE_STATIC);
	case P_FIGURE:
		if (p->i < 0)
			return sqlite3_bind_null(st, at);
		/* FALLTHROUGH */
	case P_INT:
		return sqlite3_bind_int64(st, at, p->i);
	case P_BLOB:
		return sqlite3_bind_blob64(st, at, p->len > 0 ? p->blob : "",
		    p->len, SQLITE_STATIC);
	}
	return SQLITE_MISUSE;
}

/* Prepares statement k and binds its parameters. */
static int
start(struct store *s, enum stmt k, const struct param *p, size_t n,
    sqlite3_stmt **out)
{
	size_t i;
	int r, rc;

	if ((r = prep(s, k, out)) != STORE_OK)
		return r;
	for (i = 0; i < n; i++)
		if ((rc = bind_one(*out, (int)i + 1, &p[i])) != SQLITE_OK)
			return sqlite_fail(s, rc);
	return STORE_OK;
}

/* Runs a statement that returns no rows; a constraint is STORE_EXISTS. */
static int
exec(struct store *s, enum stmt k, const struct param *p, size_t n)
{
	sqlite3_stmt *st;
	int r, rc;

	if ((r = start(s, k, p, n, &st)) != STORE_OK)
		return r;
	rc = sqlite3_step(st);
	(void)sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : sqlite_fail(s, rc);
}

static void
fill(sqlite3_stmt *st, const struct query *q, union store_fields *f)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < q->ncols; i++) {
		char *p = (char *)f + q->cols[i].off;
		int c = (int)i;

		switch (q->cols[i].type) {
		case C_TEXT:
			*(const char **)(void *)p =
			    (const char *)sqlite3_column_text(st, c);
			break;
		case C_INT:
			*(int *)(void *)p = sqlite3_column_int(st, c);
			break;
		case C_FIGURE:
			if (sqlite3_column_type(st, c) == SQLITE_NULL) {
				*(int64_t *)(void *)p = -1;
				break;
			}
			/* FALLTHROUGH */
		case C_I64:
			*(int64_t *)(void *)p = sqlite3_column_int64(st, c);
			break;
		case C_BLOB:
			*(const void **)(void *)p = sqlite3_column_blob(st, c);
			*(size_t *)(void *)((char *)f + q->cols[i].len_off) =
			    (size_t)sqlite3_column_bytes(st, c);
			break;
		}
	}
}

/*
 * The one row loop: runs statement k and calls fn for each row; fn != 0
 * stops it and is returned.
 */
static int
each(struct store *s, enum stmt k, const struct param *p, size_t n,
    int (*fn)(const union store_fields *, void *), void *arg)
{
	union store_fields f;
	sqlite3_stmt *st;
	int r, rc;

	if ((r = start(s, k, p, n, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fill(st, &queries[k], &f);
		if ((r = fn(&f, arg)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = sqlite_fail(s, rc);
	(void)sqlite3_reset(st);
	return r;
}

int
store_list(struct store *s, enum store_list l, const char *key,
    int (*fn)(const union store_fields *, void *), void *arg)
{
	const struct param p[] = { TEXT(key) };
	enum stmt k;

	if ((unsigned)l >= STORE_NLISTS ||
	    (k = key != NULL ? lists[l].keyed : lists[l].all) == S_COUNT) {
		snprintf(s->err, sizeof(s->err), "no such listing");
		return STORE_ERR;
	}
	return each(s, k, p, key != NULL ? 1 : 0, fn, arg);
}

/* Single-value queries: the first row's value, or STORE_NOTFOUND. */
struct value {
	int64_t	 n;
	char	*text;
	int	 found, nomem;
};

static int
value_one(const union store_fields *f, void *arg)
{
	struct value *v = arg;

	v->found = 1;
	v->n = f->value.n;
	if (f->value.text != NULL && (v->text = strdup(f->value.text)) == NULL)
		v->nomem = 1;
	return 1;
}

static int
value_of(struct store *s, enum stmt k, const struct param *p, size_t n,
    struct value *v)
{
	int r;

	memset(v, 0, sizeof(*v));
	if ((r = each(s, k, p, n, value_one, v)) < 0)
		return r;
	if (v->nomem)
		return STORE_NOMEM;
	return v->found ? STORE_OK : STORE_NOTFOUND;
}

static int
exec_const(struct store *s, const char *text)
{
	int rc;

	if ((rc = sqlite3_exec(s->db, text, NULL, NULL, NULL)) != SQLITE_OK)
		return sqlite_fail(s, rc);
	return STORE_OK;
}

static int
migrate(struct store *s, int mode)
{
	char *text = NULL;
	int v, r;

	if ((r = store_schema_version(s, &v)) != STORE_OK)
		return r;
	if (v > STORE_SCHEMA_VERSION) {
		snprintf(s->err, sizeof(s->err), "schema version %d", v);
		return STORE_NEWER;
	}
	if (v == STORE_SCHEMA_VERSION)
		return STORE_OK;
	if (mode == STORE_OPEN_READ) {
		snprintf(s->err, sizeof(s->err), "schema version %d", v);
		return STORE_OLDER;
	}
	/* Only init turns a file into a case database. */
	if (v == 0 && mode != STORE_OPEN_CREATE)
		return STORE_NOINIT;
	if ((r = exec_const(s, "BEGIN IMMEDIATE")) != STORE_OK)
		return r;
	/* Read again under the write lock: another process may have won. */
	if ((r = store_schema_version(s, &v)) != STORE_OK)
		goto out;
	for (; v < STORE_SCHEMA_VERSION; v++) {
		char pragma[64];

		if ((r = migrations[v](&text)) != STORE_OK ||
		    (r = exec_const(s, text)) != STORE_OK)
			goto out;
		free(text);
		text = NULL;
		/* PRAGMA takes no parameters; v + 1 is our own integer. */
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    v + 1);
		if ((r = exec_const(s, pragma)) != STORE_OK)
			goto out;
	}
	r = exec_const(s, "COMMIT");
 out:
	free(text);
	if (r != STORE_OK)
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

/*
 * signify's xopen, for a database: no symlinks, regular files only.  init
 * on an existing empty file (touch, mktemp) makes it 0600, as a file it
 * creates: the case file holds personal data.
 */
static int
check_file(const char *path, int mode)
{
	struct stat sb;
	int fd, flags = O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, create;
	int e;

	create = mode == STORE_OPEN_CREATE;
	flags |= mode == STORE_OPEN_READ ? O_RDONLY : O_RDWR;
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
	if (create && sb.st_size == 0 && (sb.st_mode & 077) != 0 &&
	    fchmod(fd, 0600) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return STORE_CANTOPEN;
	}
	close(fd);
	return STORE_OK;
}

/*
 * "file:PATH?immutable=1" for a read-only open in a read-only directory
 * (no -shm can be made there, and no writer can make a -wal).  NULL when
 * out of memory.
 */
static char *
immutable_uri(const char *path)
{
	static const char hexd[] = "0123456789ABCDEF";
	const unsigned char *p;
	char *u, *q;

	if ((u = malloc(strlen(path) * 3 + 32)) == NULL)
		return NULL;
	q = u + sprintf(u, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL) {
			*q++ = (char)*p;
			continue;
		}
		*q++ = '%';
		*q++ = hexd[*p >> 4];
		*q++ = hexd[*p & 15];
	}
	snprintf(q, 16, "?immutable=1");
	return u;
}

/*
 * Whether a read-only open may fall back to immutable=1: the first read
 * failed because no -shm could be made, and there is no -wal to miss.
 */
static bool
wants_immutable(struct store *s, const char *path)
{
	struct stat sb;
	char wal[4096];
	int rc = sqlite3_extended_errcode(s->db);

	if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
		return false;
	if ((size_t)snprintf(wal, sizeof(wal), "%s-wal", path) >= sizeof(wal))
		return false;
	return lstat(wal, &sb) == -1 && errno == ENOENT;
}

/*
 * How a reader opens the file.  SQLITE_OPEN_READONLY makes the -wal and
 * -shm beside the database when they are missing, and, unable to write,
 * never removes them: every `case list` would leave them behind.  So
 * where this process may write the file and its directory, and no -wal
 * with content is there, a reader opens read-write with query_only set:
 * it writes nothing (no page, no lock beyond a reader's), and its close
 * removes the -wal and -shm it made, as a writer's does.  Elsewhere (a
 * read-only file or directory, or a -wal to leave alone) it opens
 * SQLITE_OPEN_READONLY.
 */
static bool
reader_may_write(const char *path)
{
	struct stat sb;
	char buf[4096];
	const char *slash;
	size_t n;

	if (access(path, R_OK | W_OK) != 0)
		return false;
	if ((slash = strrchr(path, '/')) == NULL)
		snprintf(buf, sizeof(buf), ".");
	else if ((n = (size_t)(slash - path)) == 0)
		snprintf(buf, sizeof(buf), "/");
	else if (n < sizeof(buf))
		snprintf(buf, sizeof(buf), "%.*s", (int)n, path);
	else
		return false;
	if (access(buf, W_OK | X_OK) != 0)
		return false;
	if ((size_t)snprintf(buf, sizeof(buf), "%s-wal", path) >= sizeof(buf))
		return false;
	if (lstat(buf, &sb) == 0)
		return S_ISREG(sb.st_mode) && sb.st_size == 0;
	return errno == ENOENT;
}

/* sqlite3_open_v2() on path in mode; the defensive configuration. */
static int
open_conn(struct store *s, const char *path, int mode, bool immutable)
{
	char *uri = NULL;
	int on = 1, flags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE |
	    SQLITE_OPEN_NOMUTEX, rc;
	bool ro = mode == STORE_OPEN_READ && (immutable ||
	    !reader_may_write(path));

	flags |= ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (immutable) {
		if ((uri = immutable_uri(path)) == NULL)
			return STORE_NOMEM;
		flags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(uri != NULL ? uri : path, &s->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return fail(s, STORE_ERR);
	/* sqlite.org/security.html */
	if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) !=
	    SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) !=
	    SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL) != SQLITE_OK)
		return fail(s, STORE_ERR);
	if (sqlite3_extended_result_codes(s->db, 0) != SQLITE_OK ||
	    sqlite3_busy_timeout(s->db, 10000) != SQLITE_OK)
		return fail(s, STORE_ERR);
	/* A reader opened read-write refuses every change (see above). */
	if (mode == STORE_OPEN_READ && !ro)
		return exec_const(s, "PRAGMA query_only = ON");
	return STORE_OK;
}

int
store_open(const char *path, int mode, struct store **out)
{
	struct store *s = NULL;
	int r = STORE_ERR, v = 0, create = mode == STORE_OPEN_CREATE;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return STORE_NOMEM;
	if ((r = check_file(path, mode)) != STORE_OK) {
		if (r == STORE_CANTOPEN)
			snprintf(s->err, sizeof(s->err), "%s", strerror(errno));
		goto out;
	}
	/* One connection, one thread: no mutexes (verify reads 400k rows). */
	if ((r = open_conn(s, path, mode, false)) != STORE_OK)
		goto out;
	/* Refuse what is not ours before any pragma writes to the file. */
	r = store_schema_version(s, &v);
	if (r == STORE_ERR && mode == STORE_OPEN_READ &&
	    wants_immutable(s, path)) {
		/* A read-only directory: nobody can write there either. */
		sqlite3_close(s->db);
		s->db = NULL;
		if ((r = open_conn(s, path, mode, true)) != STORE_OK)
			goto out;
		s->immutable = 1;
		r = store_schema_version(s, &v);
	}
	if (r != STORE_OK)
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
	    "PRAGMA foreign_keys = ON;")) != STORE_OK)
		goto out;
	/* journal_mode writes the file: a reader leaves it as it is. */
	if (mode != STORE_OPEN_READ && (r = exec_const(s,
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;")) != STORE_OK)
		goto out;
	if ((r = migrate(s, mode)) != STORE_OK)
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

int
store_begin(struct store *s)
{
	return exec(s, S_BEGIN, NULL, 0);
}

int
store_begin_read(struct store *s)
{
	return exec(s, S_BEGIN_READ, NULL, 0);
}

int
store_open_reader(struct store *s, struct store **out)
{
	struct store *t;
	const char *path;

	*out = NULL;
	if ((path = sqlite3_db_filename(s->db, "main")) == NULL ||
	    *path == '\0') {
		snprintf(s->err, sizeof(s->err), "no file behind the database");
		return STORE_ERR;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return STORE_NOMEM;
	/* The schema is current: s is open and migrated. */
	if (open_conn(t, path, STORE_OPEN_READ, s->immutable != 0) !=
	    STORE_OK) {
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
	return exec(s, S_COMMIT, NULL, 0);
}

void
store_rollback(struct store *s)
{
	if (s != NULL && s->db != NULL && !sqlite3_get_autocommit(s->db))
		(void)exec(s, S_ROLLBACK, NULL, 0);
}

int
store_meta_get(struct store *s, const char *key, char **val)
{
	const struct param p[] = { TEXT(key) };
	struct value v;
	int r;

	*val = NULL;
	if ((r = value_of(s, S_META_GET, p, nitems(p), &v)) != STORE_OK)
		return r;
	if (v.text == NULL)
		return STORE_NOTFOUND;	/* NOT NULL in the schema */
	*val = v.text;
	return STORE_OK;
}

int
store_meta_set(struct store *s, const char *key, const char *val)
{
	const struct param p[] = { TEXT(key), TEXT(val) };

	return exec(s, S_META_SET, p, nitems(p));
}

int
store_entity_insert(struct store *s, const struct entity_row *e)
{
	const struct param p[] = { TEXT(e->cvr), TEXT(e->name), TEXT(e->cls),
	    INT(e->public_admin), FIGURE(e->turnover), TEXT(e->data) };

	return exec(s, S_ENT_INSERT, p, nitems(p));
}

int
store_entity_update(struct store *s, const struct entity_row *e)
{
	const struct param p[] = { TEXT(e->cvr), TEXT(e->name), TEXT(e->cls),
	    INT(e->public_admin), FIGURE(e->turnover), TEXT(e->data) };
	int r;

	if ((r = exec(s, S_ENT_UPDATE, p, nitems(p))) != STORE_OK)
		return r;
	return sqlite3_changes(s->db) == 1 ? STORE_OK : STORE_NOTFOUND;
}

/* A string column copied (NULL as ""); *ok goes false when it fails. */
static char *
dup_text(const char *v, bool *ok)
{
	char *p = strdup(v != NULL ? v : "");

	*ok = *ok && p != NULL;
	return p;
}

/* A column that may be NULL, copied. */
static char *
dup_opt(const char *v, bool *ok)
{
	return v != NULL ? dup_text(v, ok) : NULL;
}

static void
copy_text(char *buf, size_t len, const char *v)
{
	snprintf(buf, len, "%s", v != NULL ? v : "");
}

void
entity_row_release(struct entity_row *e)
{
	free(e->name);
	free(e->data);
	e->name = e->data = NULL;
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

static bool
entity_copy(const union store_fields *u, void *out)
{
	const struct entity_fields *f = &u->entity;
	struct entity_row *e = out;
	bool ok = true;

	copy_text(e->cvr, sizeof(e->cvr), f->cvr);
	copy_text(e->cls, sizeof(e->cls), f->cls);
	e->public_admin = f->public_admin != 0;
	e->turnover = f->turnover;
	e->name = dup_text(f->name, &ok);
	e->data = dup_text(f->data, &ok);
	if (!ok)
		entity_row_release(e);
	return ok;
}

/* The one row of a lookup, copied by copy() into out (zeroed first). */
struct copy {
	void	*out;
	size_t	 size;
	bool	(*copy)(const union store_fields *, void *);
	int	 r;		/* STORE_NOTFOUND until a row came */
};

static int
copy_one(const union store_fields *u, void *arg)
{
	struct copy *c = arg;

	memset(c->out, 0, c->size);
	c->r = c->copy(u, c->out) ? STORE_OK : STORE_NOMEM;
	return 1;
}

static int
get(struct store *s, enum stmt k, const char *key,
    bool (*copy)(const union store_fields *, void *), void *out, size_t size)
{
	const struct param p[] = { TEXT(key) };
	struct copy c = { out, size, copy, STORE_NOTFOUND };
	int r;

	if ((r = each(s, k, p, nitems(p), copy_one, &c)) < 0)
		return r;
	return c.r;
}

int
store_entity_get(struct store *s, const char *cvr, struct entity_row *e)
{
	return get(s, S_ENT_GET, cvr, entity_copy, e, sizeof(*e));
}

/* The number a query of np parameters returns. */
static int
number_of(struct store *s, enum stmt k, const struct param *p, size_t np,
    int64_t *out)
{
	struct value v;
	int r;

	if ((r = value_of(s, k, p, np, &v)) == STORE_OK)
		*out = v.n;
	free(v.text);
	return r;
}

/* The same, for numbers that fit an int (sequence numbers). */
static int
int_of(struct store *s, enum stmt k, const struct param *p, int *out)
{
	int64_t n = 0;
	int r;

	if ((r = number_of(s, k, p, 1, &n)) == STORE_OK)
		*out = (int)n;
	return r;
}

int
store_case_next_seq(struct store *s, int year, int *seq)
{
	const struct param p[] = { INT(year) };

	return int_of(s, S_CASE_SEQ, p, seq);
}

int
store_case_insert(struct store *s, const struct case_row *c)
{
	const struct param p[] = { TEXT(c->id), INT(c->year), INT(c->seq),
	    TEXT(c->cvr), TEXT(c->basis), OPT(c->indication),
	    TEXT(c->subject), TEXT(c->opened) };

	return exec(s, S_CASE_INSERT, p, nitems(p));
}

static bool
case_copy(const union store_fields *u, void *out)
{
	const struct case_fields *f = &u->kase;
	struct case_row *c = out;
	bool ok = true;

	c->basis = dup_text(f->basis, &ok);
	c->indication = dup_opt(f->indication, &ok);
	c->subject = dup_text(f->subject, &ok);
	c->close_reason = dup_opt(f->close_reason, &ok);
	c->entity_name = dup_text(f->entity_name, &ok);
	copy_text(c->id, sizeof(c->id), f->id);
	copy_text(c->cvr, sizeof(c->cvr), f->cvr);
	copy_text(c->opened, sizeof(c->opened), f->opened);
	copy_text(c->closed, sizeof(c->closed), f->closed);
	c->year = (int)f->year;
	c->seq = (int)f->seq;
	c->criminal = f->criminal != 0;
	c->max_fine = f->max_fine;
	if (!ok)
		case_row_release(c);
	return ok;
}

int
store_case_get(struct store *s, const char *id, struct case_row *c)
{
	return get(s, S_CASE_GET, id, case_copy, c, sizeof(*c));
}

int
store_case_close(struct store *s, const char *id, const char *date,
    const char *reason)
{
	const struct param p[] = { TEXT(id), TEXT(date), OPT(reason) };
	int r;

	if ((r = exec(s, S_CASE_CLOSE, p, nitems(p))) != STORE_OK)
		return r;
	return sqlite3_changes(s->db) == 1 ? STORE_OK : STORE_NOTFOUND;
}

int
store_case_refer(struct store *s, const char *id, int64_t max_fine)
{
	const struct param p[] = { TEXT(id), FIGURE(max_fine) };

	return exec(s, S_CASE_REFER, p, nitems(p));
}

int
store_step_next(struct store *s, const char *case_id, int *n)
{
	const struct param p[] = { TEXT(case_id) };

	return int_of(s, S_STEP_NEXT, p, n);
}

int
store_step_insert(struct store *s, const struct step_row *st,
    int64_t event_seq)
{
	const struct param p[] = { TEXT(st->case_id), INT(st->n),
	    TEXT(st->kind), OPT(st->measure), TEXT(st->date),
	    OPT(st->deadline), OPT(st->report_deadline),
	    FIGURE(st->ref > 0 ? st->ref : -1), TEXT(st->actor),
	    TEXT(st->data), INT(event_seq) };

	return exec(s, S_STEP_INSERT, p, nitems(p));
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

void *
store_vec_push(struct store_vec *a, size_t size)
{
	size_t cap = a->cap ? a->cap * 2 : 16;
	char *p;

	if (a->n == a->cap) {
		if ((p = reallocarray(a->v, cap, size)) == NULL)
			return NULL;
		a->v = p;
		a->cap = cap;
	}
	p = (char *)a->v + a->n++ * size;
	memset(p, 0, size);
	return p;
}

struct collect {
	struct store_vec	*v;
	size_t			 size;
	int			(*copy)(const union store_fields *, void *);
};

static int
collect_one(const union store_fields *u, void *arg)
{
	struct collect *c = arg;
	void *elem;

	if ((elem = store_vec_push(c->v, c->size)) == NULL)
		return STORE_NOMEM;
	return c->copy(u, elem);
}

int
store_collect(struct store *s, enum store_list l, const char *key,
    int (*copy)(const union store_fields *, void *), size_t size,
    struct store_vec *v)
{
	struct collect c = { v, size, copy };

	return store_list(s, l, key, collect_one, &c);
}

int
store_step_copy(const union store_fields *u, void *elem)
{
	const struct step_fields *f = &u->step;
	struct step_row *p = elem;

	copy_text(p->case_id, sizeof(p->case_id), f->case_id);
	p->n = f->n;
	copy_text(p->kind, sizeof(p->kind), f->kind);
	copy_text(p->measure, sizeof(p->measure), f->measure);
	copy_text(p->date, sizeof(p->date), f->date);
	copy_text(p->deadline, sizeof(p->deadline), f->deadline);
	copy_text(p->report_deadline, sizeof(p->report_deadline),
	    f->report_deadline);
	p->ref = f->ref;
	copy_text(p->actor, sizeof(p->actor), f->actor);
	p->data = strdup(f->data != NULL ? f->data : "");
	return p->data != NULL ? 0 : STORE_NOMEM;
}

int
store_evidence_insert(struct store *s, const char *case_id, int step,
    const char *name, int64_t size, const char *sha256, const char *actor,
    const void *content, size_t len, int64_t *id)
{
	const struct param p[] = { TEXT(case_id), INT(step), TEXT(name),
	    INT(size), TEXT(sha256), TEXT(actor), BLOB(content, len) };
	int r;

	if ((r = exec(s, S_EVID_INSERT, p, nitems(p))) == STORE_OK &&
	    id != NULL)
		*id = (int64_t)sqlite3_last_insert_rowid(s->db);
	return r;
}

int
store_document_next(struct store *s, const char *case_id, int *n)
{
	const struct param p[] = { TEXT(case_id) };

	return int_of(s, S_DOC_NEXT, p, n);
}

int
store_document_insert(struct store *s, const struct document_fields *d)
{
	const struct param p[] = { TEXT(d->case_id), INT(d->n),
	    INT(d->step), TEXT(d->direction), TEXT(d->date),
	    TEXT(d->subject), TEXT(d->party), TEXT(d->format),
	    FIGURE(d->evidence), TEXT(d->name), INT(d->size),
	    TEXT(d->sha256), TEXT(d->template), TEXT(d->template_sha256),
	    TEXT(d->reason), TEXT(d->actor), INT(d->event),
	    d->content != NULL ? (struct param)BLOB(d->content, d->len) :
	    (struct param)TEXT(NULL) };

	return exec(s, S_DOC_INSERT, p, nitems(p));
}

int
store_document_letter(struct store *s, const char *case_id, int step,
    int (*fn)(const union store_fields *, void *), void *arg)
{
	const struct param p[] = { TEXT(case_id), INT(step) };

	return each(s, S_DOC_LETTER, p, nitems(p), fn, arg);
}

int
store_case_reopen(struct store *s, const char *id, const int *open,
    size_t nopen)
{
	const struct param p[] = { TEXT(id) };
	size_t i;
	int r;

	if ((r = exec(s, S_CASE_REOPEN, p, nitems(p))) != STORE_OK)
		return r;
	if (sqlite3_changes(s->db) != 1)
		return STORE_NOTFOUND;
	/* deadline_close dropped them: the ones the steps leave open. */
	for (i = 0; i < nopen; i++) {
		const struct param q[] = { TEXT(id), INT(open[i]) };

		if ((r = exec(s, S_DL_INSERT, q, nitems(q))) != STORE_OK)
			return r;
	}
	return STORE_OK;
}

int
store_event_insert(struct store *s, const struct event_row *e)
{
	const struct param p[] = { INT(e->seq), OPT(e->case_id),
	    TEXT(e->time), TEXT(e->actor), TEXT(e->kind), TEXT(e->payload),
	    TEXT(e->prev), TEXT(e->hash) };

	return exec(s, S_EVENT_INSERT, p, nitems(p));
}

int
store_scan_next_id(struct store *s, int64_t *id)
{
	return number_of(s, S_SR_NEXT, NULL, 0, id);
}

int
store_scan_run_insert(struct store *s, const struct scan_run_fields *f)
{
	const struct param p[] = { INT(f->id), TEXT(f->cvr),
	    OPT(f->case_id), TEXT(f->power), TEXT(f->origin),
	    OPT(f->import_name), OPT(f->import_sha256), INT(f->allow_hosted),
	    TEXT(f->hosted), TEXT(f->scope), TEXT(f->started),
	    TEXT(f->finished), TEXT(f->scanner_version), TEXT(f->argv),
	    TEXT(f->actor), INT(f->exit_status),
	    BLOB(f->header, f->header_len),
	    f->summary != NULL ? (struct param)BLOB(f->summary,
	    f->summary_len) : (struct param)TEXT(NULL), INT(f->event) };

	return exec(s, S_SR_INSERT, p, nitems(p));
}

int
store_scan_result_insert(struct store *s, const struct scan_result_fields *f)
{
	const struct param p[] = { INT(f->run), INT(f->n), TEXT(f->service),
	    TEXT(f->ip), INT(f->port), TEXT(f->host), TEXT(f->error),
	    TEXT(f->error_kind), TEXT(f->sha256), BLOB(f->content, f->len) };

	return exec(s, S_RES_INSERT, p, nitems(p));
}

int
store_scan_previous(struct store *s, const char *cvr, int64_t run,
    int64_t *prev)
{
	const struct param p[] = { TEXT(cvr), INT(run) };
	struct value v;
	int r;

	if ((r = value_of(s, S_SR_PREV, p, nitems(p), &v)) == STORE_OK)
		*prev = v.n;
	free(v.text);
	return r;
}

int
store_scan_endpoint_last(struct store *s, const char *cvr, int64_t run,
    const char *service, const char *ip, int64_t port, const char *host,
    int (*fn)(const union store_fields *, void *), void *arg)
{
	const struct param p[] = { TEXT(cvr), TEXT(service), TEXT(ip),
	    INT(port), TEXT(host), INT(run) };

	return each(s, S_RES_LAST, p, nitems(p), fn, arg);
}

int
store_tune_scan(struct store *s)
{
	/* A whole-file read: map it, and give the page cache room. */
	return exec_const(s, "PRAGMA mmap_size = 1073741824;"
	    "PRAGMA cache_size = -65536;");
}

int
store_in_transaction(struct store *s)
{
	return sqlite3_get_autocommit(s->db) == 0;
}

/* The SQL of a trigger as sqlite_schema keeps it: up to its "END". */
static int
trigger_at(const char *p, char *name, size_t len, const char **sql,
    size_t *sqllen)
{
	const char *n = p + strlen("CREATE TRIGGER "), *e;
	size_t k = strcspn(n, " ");

	if (k == 0 || k >= len || (e = strstr(n, " END;")) == NULL)
		return -1;
	memcpy(name, n, k);
	name[k] = '\0';
	*sql = p;
	*sqllen = (size_t)(e + strlen(" END") - p);
	return 0;
}

/* The SQL sqlite_schema holds for trigger name; NULL when none. */
static int
trigger_sql(struct store *s, sqlite3_stmt *st, const char *name,
    char **out)
{
	const unsigned char *t;
	int rc;

	*out = NULL;
	(void)sqlite3_reset(st);
	if (sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK)
		return fail(s, STORE_ERR);
	if ((rc = sqlite3_step(st)) == SQLITE_DONE)
		return STORE_OK;
	if (rc != SQLITE_ROW)
		return sqlite_fail(s, rc);
	t = sqlite3_column_text(st, 0);
	if ((*out = strdup(t != NULL ? (const char *)t : "")) == NULL)
		return STORE_NOMEM;
	return STORE_OK;
}

int
store_check_triggers(struct store *s, int *found, char *name, size_t len)
{
	sqlite3_stmt *st = NULL;
	const char *p, *sql;
	char *text = NULL, *have = NULL, trig[64];
	size_t n;
	int r = STORE_ERR, v;

	*found = STORE_TRIGGERS_OK;
	name[0] = '\0';
	/* Not in the cached table: run once per verify. */
	if (sqlite3_prepare_v2(s->db, "SELECT sql FROM sqlite_schema "
	    "WHERE type = 'trigger' AND name = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(s, STORE_ERR);
	for (v = 0; v < STORE_SCHEMA_VERSION && *found == 0; v++) {
		if ((r = migrations[v](&text)) != STORE_OK)
			goto out;
		for (p = text; (p = strstr(p, "CREATE TRIGGER ")) != NULL;
		    p += n) {
			if (trigger_at(p, trig, sizeof(trig), &sql, &n) != 0) {
				r = STORE_ERR;
				snprintf(s->err, sizeof(s->err), "the schema "
				    "text has a trigger it cannot read");
				goto out;
			}
			if ((r = trigger_sql(s, st, trig, &have)) != STORE_OK)
				goto out;
			/*
			 * The append-only guards are constant text; the
			 * deadline triggers follow law/rules (a file made
			 * before a change of the law keeps the old text), and
			 * verify checks what they keep against the rules.
			 */
			if (have == NULL || (memmem(sql, n, "RAISE(ABORT", 11) !=
			    NULL && (strlen(have) != n ||
			    memcmp(have, sql, n) != 0))) {
				*found = have == NULL ?
				    STORE_TRIGGERS_MISSING :
				    STORE_TRIGGERS_ALTERED;
				snprintf(name, len, "%s", trig);
				break;
			}
			free(have);
			have = NULL;
		}
		free(text);
		text = NULL;
	}
	r = STORE_OK;
 out:
	free(have);
	free(text);
	sqlite3_finalize(st);
	return r;
}
