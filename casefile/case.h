/*
 * case.h: the case file as the commands change it.  Each change is one
 * transaction and one journal event, and this file is the ONE definition
 * of every event's payload: the commands build theirs here, and verify
 * rebuilds the payload each table row must have had through the same
 * functions.  The law (law/rules) decides what is allowed; this file
 * applies it.  Nothing here prints or exits: every function returns a
 * CASE_* code, and what a refusal says is in struct case_result.
 */
#ifndef TILSYN_CASE_H
#define TILSYN_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "law/entity.h"
#include "law/rules.h"
#include "common/netsyntax.h"
#include "casefile/evidence.h"
#include "casefile/scans.h"
#include "casefile/store.h"
#include "casefile/register.h"

#define CASE_OK		 0
#define CASE_REFUSED	-1	/* the law does not allow it (res.msg cites) */
#define CASE_BADINPUT	-2	/* the step makes no sense (res.msg) */
#define CASE_NOTFOUND	-3	/* no such case or entity (res.msg) */
#define CASE_EXISTS	-4	/* already registered (res.msg) */
#define CASE_FULL	-5	/* the year's case numbers are used up */
#define CASE_NOMEM	-6
#define CASE_STORE	-7	/* the database failed: store_errmsg() */

const char *case_errstr(int);

/* What a change was about, and why it was not made. */
struct case_result {
	char	 id[48];	/* a case, "CASE/N" or a CVR; "" for none */
	char	 msg[384];	/* CASE_REFUSED .. CASE_FULL: why */
};

/* Who acts and when: what every event records beside its payload. */
struct case_writer {
	struct store	*st;
	char		 actor[64];
	char		 clock[32];	/* the real time (UTC): each event's */
	char		 as_of[32];	/* a --now that moved today, or "" */
	int64_t		 today;		/* Copenhagen day number */
	char		 today_s[DATE_LEN];
};

/*
 * A --now value: a date (noon in Copenhagen that day) or an ISO 8601
 * time.  0, or -1 when it is neither.
 */
int	case_parse_now(const char *, int64_t *t)
	    __attribute__((warn_unused_result));
/*
 * Sets the writer's clock: now is the moment "today" is taken from (given:
 * it came from --now, and is recorded as as_of); real is the clock.
 */
void	case_writer_time(struct case_writer *, int64_t now, bool given,
	    int64_t real);

/* A case number: "NIS-YYYY-NNNN". */
bool	case_id_valid(const char *);
/* The class stored as class_name() text; NULL or unknown: undetermined. */
enum entity_class case_class(const char *);
/* A stored step kind or measure; STEP_KIND_COUNT / M_NONE when unknown. */
enum step_kind	case_step_kind(const char *);
enum measure	case_step_measure(const char *);

/* A stored step as the rules see it (law/rules.h). */
void	case_rstep(const struct step_fields *, struct rstep *);

/* A document of the case's document journal, as listings show it. */
struct document_item {
	int	 n, step;
	char	 direction[12];		/* "sent" or "received" */
	char	 date[DATE_LEN];
	char	*subject, *party;
	char	 format[8];		/* letters: "xhtml" or "text"; "" */
	char	*name;			/* received: the file's; NULL */
	int64_t	 size, evidence;	/* evidence: -1 for none */
	char	 sha256[EVIDENCE_HEX];
	char	*template;		/* letters; NULL */
	char	 template_sha256[EVIDENCE_HEX];
	char	*reason;		/* a letter issued again: why */
	char	*actor;
};

/* One loaded case, as the rules, the printers and the exports see it. */
struct case_state {
	struct case_row		 c;
	struct entity_row	 e;
	struct step_row		*steps;
	size_t			 nsteps;
	struct evidence_item	*ev;	/* after case_load_evidence() */
	size_t			 nev;
	struct document_item	*docs;	/* after case_load_documents() */
	size_t			 ndocs;
	struct rstep		*rs;
	struct rcase		 rc;	/* the rules' view of it */
	int			 have_c, have_e;
};

/*
 * Loads a case, its entity and its steps (and the rules' view of them);
 * CASE_NOTFOUND names the case in res.  Release with case_state_release().
 */
int	case_load(struct store *, const char *id, struct case_state *,
	    struct case_result *) __attribute__((warn_unused_result));
int	case_load_evidence(struct store *, struct case_state *)
	    __attribute__((warn_unused_result));
/* The case's document journal, by document number. */
int	case_load_documents(struct store *, struct case_state *)
	    __attribute__((warn_unused_result));
void	case_state_release(struct case_state *);
const struct step_row *case_step(const struct case_state *, int n);

/* ---- the payloads: the one definition, shared with verify ---- */

/* A growable buffer of text. */
struct case_buf {
	char	*p;
	size_t	 len, cap;
};
void	case_buf_release(struct case_buf *);

/*
 * The payload of the event that records a step, into b: {"as_of",
 * "data", "date", "deadline", "kind", "measure", "ref",
 * "report_deadline", "step"}, compact, keys sorted, members without a
 * value left out; data is the step's data as stored (the canonical text
 * of its object).  as_of NULL or "" for none.  CASE_BADINPUT when a field
 * would need escaping (a row is not what a command writes).
 */
int	case_step_payload(const struct step_fields *, const char *as_of,
	    struct case_buf *b) __attribute__((warn_unused_result));
/* The payloads of case-open and case-close; NULL when out of memory. */
json_t	*case_open_payload(const struct case_fields *);
json_t	*case_close_payload(const char *closed, const char *reason);
/* The payload of case-reopen. */
json_t	*case_reopen_payload(const char *reopened, const char *reason);
/*
 * The payload of a "document" event, from the document's row (verify
 * rebuilds it from the documents table): {"date", "direction",
 * "document", "evidence", "format", "name", "party", "reason", "sha256",
 * "size", "step", "subject", "template", "template_sha256"}, members
 * without a value left out.  NULL when out of memory or a column that
 * every document has is missing.
 */
json_t	*case_document_payload(const struct document_fields *);
/*
 * The canonical text of a payload (compact, keys sorted), with the
 * member "as_of" when as_of is not NULL or ""; malloc'd, NULL when out of
 * memory.  An entity's stored data is its entity-add payload's text.
 */
char	*case_payload_text(json_t *, const char *as_of);
/*
 * A stored payload without the "as_of" member: the text before it and
 * the text after it (piece[1] may be empty).
 */
void	case_payload_cut_as_of(const char *kind, const char *payload,
	    const char *piece[2], size_t len[2]);

/*
 * A JSON array of what item() makes of each i < n; item returns NULL
 * when out of memory, or NULL with *skip set to leave i out.  NULL when
 * out of memory.
 */
json_t	*case_array(size_t n, json_t *(*item)(size_t i, const void *arg,
	    bool *skip), const void *arg);

/* ---- changes; each is one transaction ---- */

/* init: the journal starts with its first event.  *version: the schema's. */
int	case_init(struct case_writer *, int *version)
	    __attribute__((warn_unused_result));

/* case open: res.id gets the new number.  CASE_NOTFOUND: no entity. */
int	case_open(struct case_writer *, const char *cvr, bool routine,
	    const char *indication, const char *subject,
	    struct case_result *) __attribute__((warn_unused_result));
int	case_close(struct case_writer *, const char *id, const char *reason,
	    struct case_result *) __attribute__((warn_unused_result));
/*
 * case reopen: a closed case open again (its open deadlines back), one
 * case-reopen event; CASE_REFUSED on an open case.
 */
int	case_reopen(struct case_writer *, const char *id, const char *reason,
	    struct case_result *) __attribute__((warn_unused_result));

/*
 * The steps.  On success res.id is the new step "CASE/N"; on a refusal it
 * names the step the message is about.  Days are day numbers, -1 for none.
 */
struct request_args {
	const char	*kind;		/* information, access, documentation */
	const char	*purpose, *specification, *format, *legal_basis;
	int64_t		 deadline;
	bool		 voluntary;
};
int	case_request(struct case_writer *, const char *id,
	    const struct request_args *, struct case_result *)
	    __attribute__((warn_unused_result));

/*
 * respond (STEP_RESPONSE), comply, breach: to step target, on day.  A
 * response's attachments (att, natt; NULL, 0 for none) are stored as
 * evidence and journalised as documents received.
 */
int	case_answer(struct case_writer *, const char *id, enum step_kind,
	    int target, int64_t day, const char *summary,
	    const struct evidence *att, size_t natt,
	    struct case_result *) __attribute__((warn_unused_result));

/* inspect (STEP_INSPECTION, with its kind) and incident, with files. */
struct record_args {
	enum step_kind		 step;
	const char		*kind;		/* onsite, ..., scan; NULL */
	int64_t			 day;
	const char		*summary;
	const struct evidence	*ev;
	size_t			 nev;
	const struct evidence	*att;	/* incident: documents received */
	size_t			 natt;
};
int	case_record(struct case_writer *, const char *id,
	    const struct record_args *, struct case_result *)
	    __attribute__((warn_unused_result));

/* hearing (STEP_HEARING) and decide (STEP_DECISION). */
struct measure_args {
	enum step_kind	 step;
	enum measure	 measure;
	const char	*grounds;
	int64_t		 deadline, report_deadline;
};
int	case_measure(struct case_writer *, const char *id,
	    const struct measure_args *, struct case_result *)
	    __attribute__((warn_unused_result));

/* A letter to issue: the bytes rendered, and what they came from. */
struct letter_issue {
	const char	*content;
	size_t		 len;
	const char	*format;	/* "xhtml" or "text" */
	const char	*template;	/* the template's name or file */
	const char	*template_sha256;
	const char	*recipient;	/* NULL: the entity's name, address */
	const char	*reason;	/* issued again: why; else NULL */
};
/*
 * letter --issue: the letter of step n as sent, kept in the documents
 * table with its SHA-256 and one "document" event (offentlighedsloven
 * § 15).  Refused on a closed case, and when the step's letter was issued
 * before and no reason is given.  *doc gets the document's number.
 */
int	case_issue_letter(struct case_writer *, const char *id, int n,
	    const struct letter_issue *, int *doc, struct case_result *)
	    __attribute__((warn_unused_result));
/*
 * The letter of step n as last issued, to fn once (the row with its
 * content), or never when it was not issued.
 */
int	case_issued_letter(struct store *, const char *id, int n,
	    int (*fn)(const union store_fields *, void *), void *arg)
	    __attribute__((warn_unused_result));

/* What a referral computed (§ 32); data is the step's (the caller's). */
struct referral {
	int64_t		 fine;		/* -1: the turnover is unknown */
	int64_t		 floor;		/* the fixed amount, the least fine */
	enum basis_id	 basis;
	json_t		*data;
};
/* refer: turnover -1 takes the registered one. */
int	case_refer(struct case_writer *, const char *id, const char *grounds,
	    int64_t turnover, struct referral *, struct case_result *)
	    __attribute__((warn_unused_result));

/* ---- stored scans (tilsyn-case scan) ---- */

/* What the law allows for a scan of one entity, and what it scans. */
struct scan_gate {
	struct entity_row	 e;
	json_t			*reg;		/* the entity's registration */
	enum basis_id		 power;		/* § 21 or § 24 */
	char			 case_id[CASE_ID_LEN];	/* "" for none */
	int			 have_e;
};
void	scan_gate_release(struct scan_gate *);
/*
 * The legal gate (law/rules.c rules_scan()) for a scan of entity cvr, or
 * of the entity of case_id when cvr is NULL; both given: the case must be
 * on that entity.  CASE_REFUSED cites the paragraph; CASE_NOTFOUND names
 * what is missing.  Release g with scan_gate_release() in every case.
 */
int	case_scan_gate(struct store *, const char *cvr, const char *case_id,
	    struct scan_gate *g, struct case_result *)
	    __attribute__((warn_unused_result));

/* A scan run to store: the gate it passed, what ran, what it wrote. */
struct scan_record {
	const char		*cvr, *case_id;	/* case_id NULL or "" */
	enum basis_id		 power;
	const char		*import_name;	/* --import: the file's name */
	const char		*import_sha256;
	bool			 allow_hosted;
	json_t			*hosted;	/* [{"host", "ip"}] let in */
	json_t			*scope;		/* the --scope given */
	json_t			*argv;		/* the scanner's argv */
	const char		*started, *finished;
	int			 exit_status;	/* the scanner's */
	const struct scan_input	*in;
};

/*
 * The payload of a scan-run event (the ONE definition; verify rebuilds
 * it from the scan_runs row and the SHA-256 of its results in order):
 * {"actor", "allow_hosted", "argv", "case", "cvr", "exit", "finished",
 * "header_sha256", "hosted", "import", "origin", "power", "results",
 * "run", "scanner_version", "scope", "started", "summary_sha256"},
 * compact, keys sorted.  run's text columns argv, hosted and scope are
 * JSON.  NULL when out of memory or a column is not what scan wrote.
 */
char	*case_scan_payload(const struct scan_run_fields *run,
	    const char *const *sha256, size_t n);

/*
 * Stores a scan run: the gate once more, in the same transaction (a case
 * closed meanwhile refuses it), the journal event, the run row, one row
 * per result.  *id gets the run's number.
 */
int	case_scan_store(struct case_writer *, const struct scan_record *,
	    int64_t *id, struct case_result *)
	    __attribute__((warn_unused_result));

#endif
