/*
 * store.h: the case database (SQLite).  store.c holds every SQL statement
 * of the case file, all prepared; callers see rows as plain structs.  The
 * database is only changed between store_begin() and store_commit(), so
 * each command happens completely or not at all.  Every function returns
 * a STORE_* code; store_errstr() says what one means and store_errmsg()
 * what SQLite said.
 */
#ifndef TILSYN_STORE_H
#define TILSYN_STORE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_OK		 0
#define STORE_ERR		-1	/* SQLite error: see store_errmsg() */
#define STORE_NOTFOUND		-2
#define STORE_EXISTS		-3	/* unique key taken */
#define STORE_NODB		-4	/* file missing (run init) */
#define STORE_BADFILE		-5	/* not a regular file, or a symlink */
#define STORE_NEWER		-6	/* schema newer than this program */
#define STORE_NOMEM		-7
#define STORE_NOTDB		-8	/* not an SQLite database */
#define STORE_NOINIT		-9	/* no schema yet (run init) */
#define STORE_CANTOPEN		-10	/* open(2) failed: store_errmsg() */
#define STORE_OLDER		-11	/* read-only, and the schema is older */
#define STORE_BUSY		-12	/* the file kept changing under a read */

#define STORE_SCHEMA_VERSION	3

#define CASE_ID_LEN	32	/* "NIS-YYYY-NNNN" + NUL, with room */
#define DATE_LEN	11	/* "YYYY-MM-DD" + NUL */

struct store;

/* Rows a caller keeps (copied out of SQLite). */
struct case_row {
	char	 id[CASE_ID_LEN];
	int	 year, seq;
	char	 cvr[9];
	char	*basis;		/* "routine" or "indication" */
	char	*indication;	/* NULL when none */
	char	*subject;
	char	 opened[DATE_LEN];
	char	 closed[DATE_LEN];	/* "" while open */
	char	*close_reason;	/* NULL while open */
	int	 criminal;	/* a criminal fine is in view (after refer) */
	int64_t	 max_fine;	/* -1 when unknown or not referred */
	char	*entity_name;	/* joined from entities */
};

struct step_row {
	char	 case_id[CASE_ID_LEN];
	int	 n;
	char	 kind[16];	/* request, response, inspection, ... */
	char	 measure[24];	/* "" when none */
	char	 date[DATE_LEN];
	char	 deadline[DATE_LEN];		/* "" when none */
	char	 report_deadline[DATE_LEN];	/* "" when none */
	int	 ref;		/* step it answers or rests on, 0 when none */
	char	 actor[64];
	char	*data;		/* JSON object of the step's texts */
};

struct entity_row {
	char	 cvr[9];
	char	*name;
	char	 cls[16];	/* class_name() */
	int	 public_admin;
	int64_t	 turnover;	/* -1 when unknown */
	char	*data;		/* JSON object of everything registered */
};

/*
 * Rows as a listing reads them: text borrowed from SQLite for the
 * duration of the callback (NULL where the column is NULL), integers as
 * stored, -1 for a NULL figure.
 */
struct step_fields {
	const char	*case_id, *kind, *measure, *date, *deadline;
	const char	*report_deadline, *actor, *data;
	int		 n, ref;
	int64_t		 event;
};

struct case_fields {
	const char	*id, *cvr, *basis, *indication, *subject, *opened;
	const char	*closed, *close_reason, *entity_name;
	const char	*entity_class;	/* NULL when the entity is missing */
	int64_t		 year, seq, criminal;
	int64_t		 max_fine;	/* -1 when NULL */
};

struct entity_fields {
	const char	*cvr, *name, *cls, *data;
	int64_t		 public_admin;
	int64_t		 turnover;	/* -1 when NULL */
};

struct evidence_fields {
	const char	*case_id, *name, *sha256, *actor;
	int64_t		 id, step, size;
	const void	*content;	/* STORE_SCAN_EVIDENCE only */
	size_t		 len;
};

/* An open deadline: its step, and (in STORE_DUE) the entity's name. */
struct deadline_fields {
	const char	*case_id, *kind, *measure, *deadline;
	const char	*report_deadline, *entity_name;
	int		 n;
};

struct event_row {
	int64_t		 seq;
	const char	*case_id;	/* NULL for events outside a case */
	const char	*time, *actor, *kind, *payload, *prev, *hash;
};

/* A stored scan run (tilsyn-case scan); blobs borrowed like text. */
struct scan_run_fields {
	const char	*cvr, *case_id, *power, *origin, *import_name;
	const char	*import_sha256, *hosted, *scope, *started, *finished;
	const char	*scanner_version, *argv, *actor;
	int64_t		 id, allow_hosted, exit_status, event;
	const void	*header, *summary;	/* summary NULL when none */
	size_t		 header_len, summary_len;
};

/* One endpoint's stored result: the scanner's bytes and their key. */
struct scan_result_fields {
	const char	*service, *ip, *host, *error, *error_kind, *sha256;
	int64_t		 run, n, port;
	const void	*content;
	size_t		 len;
};

/*
 * A document of the document journal (offentlighedsloven § 15): a letter
 * sent (content: its bytes) or a file received (evidence: the id of its
 * evidence row; content NULL).  Text NULL where the column is NULL.
 */
struct document_fields {
	const char	*case_id, *direction, *date, *subject, *party;
	const char	*format;		/* letters: "xhtml" or "text" */
	const char	*name;			/* received: the file's name */
	const char	*sha256, *template, *template_sha256, *reason;
	const char	*actor;
	int64_t		 n, step, size, event;
	int64_t		 evidence;		/* -1 for none */
	const void	*content;	/* STORE_SCAN_DOCUMENTS, the letter */
	size_t		 len;
	/* STORE_SCAN_DOCUMENTS: the evidence row named (NULL, -1: none) */
	const char	*ev_case_id, *ev_name, *ev_sha256;
	int64_t		 ev_step, ev_size;
};

/* A value of a single-value query (internal: next numbers, meta). */
struct value_fields {
	const char	*text;
	int64_t		 n;
};

union store_fields {
	struct step_fields	step;
	struct case_fields	kase;
	struct entity_fields	entity;
	struct evidence_fields	evidence;
	struct deadline_fields	deadline;
	struct event_row	event;
	struct value_fields	value;
	struct scan_run_fields	scan_run;
	struct scan_result_fields scan_result;
	struct document_fields	document;
};

/* What store_list() lists, and which member of the union it fills. */
enum store_list {
	STORE_ENTITIES,		/* entity, by CVR; key: a class or NULL */
	STORE_CASES,		/* kase, by year and number */
	STORE_OPEN_CASES,	/* kase, the open ones */
	STORE_EVIDENCE,		/* evidence of case key, without content */
	STORE_DUE,		/* deadline: open deadlines of open cases */
	STORE_EVENTS,		/* event, by seq; key: a case, or NULL */
	STORE_STEPS,		/* step, of case key, by number */
	/* verify: whole tables in key order, no join per row */
	STORE_SCAN_STEPS,	/* step, by case and number */
	STORE_SCAN_CASES,	/* kase, by id, the entity's class joined */
	STORE_SCAN_EVIDENCE,	/* evidence with content, by case and step */
	STORE_SCAN_OPEN_DL,	/* deadline (case and step only) */
	STORE_SCAN_RUNS,	/* scan_run, by id; key: a CVR, or NULL */
	STORE_SCAN_RUN,		/* scan_run: the run whose id is key */
	STORE_SCAN_RESULTS,	/* scan_result of run key, by n */
	STORE_SCAN_ALL_RESULTS,	/* scan_result, by run and n (verify) */
	STORE_ENTITY_EVENTS,	/* event: entity-add and -update, by seq; */
				/* key: a CVR, or NULL for every entity */
	STORE_DOCUMENTS,	/* document of case key, by n, no content */
	STORE_SCAN_DOCUMENTS,	/* document, by case and n, with content and */
				/* the evidence row named (verify) */
	STORE_NLISTS
};

/* How store_open() opens the file. */
#define STORE_OPEN_WRITE	0	/* read and write, migrate */
#define STORE_OPEN_CREATE	1	/* init: create when missing */
#define STORE_OPEN_READ		2	/* read only: no lock, no migration */

/*
 * Opens the database at path.  With STORE_OPEN_CREATE, a missing file is
 * created with mode 0600 (O_EXCL) and an existing empty one is made 0600;
 * otherwise a missing file is STORE_NODB and a file without a schema is
 * STORE_NOINIT.  Refuses symlinks and non-regular files (STORE_BADFILE),
 * other files (STORE_NOTDB) and newer schemas (STORE_NEWER; store_errmsg()
 * names the version).  Sets the defensive flags and pragmas and brings
 * the schema up to STORE_SCHEMA_VERSION.  STORE_OPEN_READ opens the file
 * read-only (SQLITE_OPEN_READONLY; a read-only file or directory works),
 * writes nothing and takes no write lock; an older schema is then
 * STORE_OLDER (store_errmsg() names the version).  On failure *out may
 * still hold the store for store_errmsg(); store_close() it.
 */
int	store_open(const char *path, int mode, struct store **out)
	    __attribute__((warn_unused_result));
void	store_close(struct store **);
const char *store_errmsg(const struct store *);
const char *store_errstr(int);
int	store_schema_version(struct store *, int *)
	    __attribute__((warn_unused_result));

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK (a no-op outside a transaction). */
int	store_begin(struct store *) __attribute__((warn_unused_result));
int	store_commit(struct store *) __attribute__((warn_unused_result));
void	store_rollback(struct store *);

/* meta table: the journal head lives here. *val is malloc'd. */
int	store_meta_get(struct store *, const char *key, char **val)
	    __attribute__((warn_unused_result));
int	store_meta_set(struct store *, const char *key, const char *val)
	    __attribute__((warn_unused_result));

/*
 * Calls fn for each row of a listing; fn != 0 stops it and is returned,
 * else STORE_OK or a STORE_* error.
 */
int	store_list(struct store *, enum store_list, const char *key,
	    int (*fn)(const union store_fields *, void *), void *arg)
	    __attribute__((warn_unused_result));

/* A growable array of the rows a listing collects. */
struct store_vec {
	void	*v;
	size_t	 n, cap;
};
/* A zeroed new last element of size bytes; NULL when out of memory. */
void	*store_vec_push(struct store_vec *, size_t size);
/*
 * Collects the rows of a listing into v, copy() filling each new zeroed
 * element of size bytes (copy != 0 stops: it is returned).  What was
 * collected stays in v also on failure, for the caller to free.
 */
int	store_collect(struct store *, enum store_list, const char *key,
	    int (*copy)(const union store_fields *, void *elem), size_t size,
	    struct store_vec *v) __attribute__((warn_unused_result));

int	store_entity_insert(struct store *, const struct entity_row *)
	    __attribute__((warn_unused_result));
int	store_entity_get(struct store *, const char *cvr, struct entity_row *)
	    __attribute__((warn_unused_result));
void	entity_row_release(struct entity_row *);
/* The row of e->cvr rewritten (entity update); STORE_NOTFOUND: none. */
int	store_entity_update(struct store *, const struct entity_row *)
	    __attribute__((warn_unused_result));

/* The next free case number of a year. */
int	store_case_next_seq(struct store *, int year, int *seq)
	    __attribute__((warn_unused_result));
int	store_case_insert(struct store *, const struct case_row *)
	    __attribute__((warn_unused_result));
int	store_case_get(struct store *, const char *id, struct case_row *)
	    __attribute__((warn_unused_result));
int	store_case_close(struct store *, const char *id, const char *date,
	    const char *reason) __attribute__((warn_unused_result));
int	store_case_refer(struct store *, const char *id, int64_t max_fine)
	    __attribute__((warn_unused_result));
void	case_row_release(struct case_row *);

int	store_step_next(struct store *, const char *case_id, int *n)
	    __attribute__((warn_unused_result));
int	store_step_insert(struct store *, const struct step_row *,
	    int64_t event_seq) __attribute__((warn_unused_result));
/* A step of STORE_STEPS into a step_row (a copy for store_collect()). */
int	store_step_copy(const union store_fields *, void *row);
void	steps_free(struct step_row **, size_t);

/* *id (NULL: not wanted) gets the new row's id. */
int	store_evidence_insert(struct store *, const char *case_id, int step,
	    const char *name, int64_t size, const char *sha256,
	    const char *actor, const void *content, size_t len, int64_t *id)
	    __attribute__((warn_unused_result));

/* The next free document number of a case, and a new document row. */
int	store_document_next(struct store *, const char *case_id, int *n)
	    __attribute__((warn_unused_result));
int	store_document_insert(struct store *, const struct document_fields *)
	    __attribute__((warn_unused_result));
/*
 * The letter of step step as last issued (with its content), to fn once,
 * or never when the step's letter was not issued.
 */
int	store_document_letter(struct store *, const char *case_id, int step,
	    int (*fn)(const union store_fields *, void *), void *arg)
	    __attribute__((warn_unused_result));
/*
 * Reopens a closed case: clears its closed mark and reason and puts back
 * the open deadlines of steps open[0..nopen-1] (the deadline_close
 * trigger removed them).  STORE_NOTFOUND when the case is not closed.
 */
int	store_case_reopen(struct store *, const char *id, const int *open,
	    size_t nopen) __attribute__((warn_unused_result));

int	store_event_insert(struct store *, const struct event_row *)
	    __attribute__((warn_unused_result));

/* The id the next scan run gets. */
int	store_scan_next_id(struct store *, int64_t *id)
	    __attribute__((warn_unused_result));
/* A run row (its id and event set by the caller), then its results. */
int	store_scan_run_insert(struct store *, const struct scan_run_fields *)
	    __attribute__((warn_unused_result));
int	store_scan_result_insert(struct store *,
	    const struct scan_result_fields *)
	    __attribute__((warn_unused_result));
/* The run of the same entity before run (0 when none). */
int	store_scan_previous(struct store *, const char *cvr, int64_t run,
	    int64_t *prev) __attribute__((warn_unused_result));
/*
 * The latest result of the endpoint (service, ip, port, host; NULL ip or
 * host match NULL) of entity cvr stored before run and scanned without
 * error, to fn (once, or never when there is none).
 */
int	store_scan_endpoint_last(struct store *, const char *cvr, int64_t run,
	    const char *service, const char *ip, int64_t port, const char *host,
	    int (*fn)(const union store_fields *, void *), void *arg)
	    __attribute__((warn_unused_result));

/* A plain BEGIN: a read transaction (for a reader connection). */
int	store_begin_read(struct store *) __attribute__((warn_unused_result));
/*
 * A second, read-only connection to the database of s, for reading beside
 * it in another thread (verify).  No migration: s is already current.
 */
int	store_open_reader(struct store *s, struct store **)
	    __attribute__((warn_unused_result));
/* Whether two connections may be used from two threads. */
int	store_threadsafe(void);
/* Takes over from's error message, so store_errmsg(s) tells it. */
void	store_copy_error(struct store *s, const struct store *from);
/* Read tuning for a scan of the whole file (verify). */
int	store_tune_scan(struct store *) __attribute__((warn_unused_result));
/* Whether a transaction is open on the connection. */
int	store_in_transaction(struct store *);

/* What store_check_triggers() found. */
#define STORE_TRIGGERS_OK	0
#define STORE_TRIGGERS_MISSING	1	/* a trigger the schema creates is gone */
#define STORE_TRIGGERS_ALTERED	2	/* it is there with other SQL */
/*
 * The triggers the schema creates (every migration's CREATE TRIGGER,
 * read from the schema text itself) against sqlite_schema: *found gets
 * a STORE_TRIGGERS_* verdict and name the first trigger that is missing
 * or altered.  A STORE_* code.
 */
int	store_check_triggers(struct store *, int *found, char *name,
	    size_t len) __attribute__((warn_unused_result));

#endif
