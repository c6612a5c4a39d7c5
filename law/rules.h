/*
 * rules.h: which step the law allows when, as pure functions over the state
 * of one case.  No I/O.  Every refusal names its paragraph (basis.h) in its
 * message, which the binary prints as it is.
 */
#ifndef TILSYN_RULES_H
#define TILSYN_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "law/basis.h"
#include "law/entity.h"

enum step_kind {
	STEP_REQUEST,		/* information, access, documentation */
	STEP_RESPONSE,		/* the entity's answer to a request/hearing */
	STEP_INSPECTION,	/* onsite, offsite, audit, scan ... */
	STEP_HEARING,		/* varsel om påtænkt afgørelse */
	STEP_DECISION,		/* an enforcement measure */
	STEP_COMPLIANCE,	/* decision complied with */
	STEP_BREACH,		/* decision deadline passed, not complied */
	STEP_REFERRAL,		/* politianmeldelse */
	STEP_INCIDENT,		/* incident notification (no aktindsigt) */
	STEP_SUSPICION,		/* concrete suspicion of an offence (§ 32) */
	STEP_REPORT,		/* a binding instruction's report, received */
	STEP_LIFTING,		/* a suspension lifted on compliance (§ 23) */
	STEP_KIND_COUNT
};

enum measure {
	M_WARNING, M_BINDING_INSTRUCTION, M_ORDER, M_PROHIBITION,
	M_NOTIFY_RECIPIENTS, M_IMPLEMENT_AUDIT, M_PUBLISH,
	M_REMEDY_ORDER, M_MONITORING_OFFICER, M_SUSPENSION,
	M_COUNT,
	M_NONE = M_COUNT
};

const char	*step_kind_name(enum step_kind);
const char	*step_kind_title(enum step_kind);	/* Danish */
int		 step_kind_lookup(const char *, enum step_kind *)
		    __attribute__((warn_unused_result));
/* English slug or Danish alias, case-insensitive. */
int		 measure_lookup(const char *, enum measure *)
		    __attribute__((warn_unused_result));
const char	*measure_slug(enum measure);
const char	*measure_title(enum measure);	/* Danish, for letters */
const char	*measure_slug_list(void);
bool		 measure_essential_only(enum measure);

/* One step as the rules see it.  Days are day numbers, -1 for none. */
struct rstep {
	int		 n;
	enum step_kind	 kind;
	enum measure	 measure;	/* hearing, decision; else M_NONE */
	int64_t		 date, deadline, report_deadline;
	int		 ref;		/* step answered / rested on, 0 none */
	/* from the step's data: */
	int		 enforces;	/* suspension: the breached decision */
	bool		 voluntary;	/* sent with the notice of no duty */
};

struct rcase {
	enum entity_class	 cls;
	bool			 public_admin;
	bool			 closed;
	bool			 criminal;	/* after a referral */
	const struct rstep	*steps;
	size_t			 nsteps;
	int64_t			 opened;	/* the day it was opened; -1 */
};

/* Step n of a case, or NULL. */
const struct rstep *rules_step(const struct rcase *, int n);

#define RULES_OK	 0
#define RULES_REFUSED	-1	/* the law does not allow it: exit 1 */
#define RULES_BADINPUT	-2	/* the step asked for makes no sense: exit 2 */

/* "refused", "bad input"; the refusal's own message says why. */
const char	*rules_errstr(int);

struct refusal {
	enum basis_id	 basis;	/* the paragraph cited */
	char		 msg[384];
};

/*
 * Whether an entity is a public administration entity, against which § 23
 * (suspension) does not apply: the public administration sector, or a
 * state body or region (central or regional level, directive art. 6(35)).
 */
bool	rules_public_admin(bool sector_public_admin, bool state_body,
	    bool region);

/*
 * The paragraph that applies to an entity of this class, for each thing
 * the case file cites it for; everything that picks one calls these.
 */
/* Supervision: § 21 (essential, routine) or § 24 (important, reactive). */
enum basis_id	rules_supervision_basis(enum entity_class);
/* A request must state purpose, information and format (§ 21 / § 24). */
enum basis_id	rules_request_basis(enum entity_class);
/* Enforcement: § 22 or § 25. */
enum basis_id	rules_enforcement_basis(enum entity_class);
/* A measure: § 23 for suspension, else the enforcement paragraph. */
enum basis_id	rules_measure_basis(enum entity_class, enum measure);
/* The maximum fine (§ 32, directive art. 34(4) or (5)). */
enum basis_id	rules_fine_basis(enum entity_class);

int	rules_open_case(enum entity_class, bool routine, const char *indication,
	    struct refusal *);
int	rules_request(const struct rcase *, const char *purpose,
	    const char *specification, const char *format, bool voluntary,
	    struct refusal *);
int	rules_respond(const struct rcase *, int target, int64_t received,
	    int64_t today, struct refusal *);
/*
 * An inspection of kind ("onsite", ..., "scan") on day; voluntary: with
 * the entity's consent and the notice that it need not take part.
 */
int	rules_inspect(const struct rcase *, const char *kind, int64_t day,
	    bool voluntary, struct refusal *);

/*
 * Self-incrimination (retssikkerhedsloven § 10): the suspicion or the
 * referral in force on day (a concrete suspicion of an offence under
 * § 32, or the referral to the police), or NULL.  From then on every
 * compulsory measure to obtain information from the entity is refused,
 * or sent as a voluntary one with the notice that there is no duty to
 * answer.
 */
const struct rstep *rules_protected(const struct rcase *, int64_t day);
/*
 * Whether a compulsory measure (what: "a request", "an onsite
 * inspection", ...) may go out on day: RULES_OK, a refusal citing
 * retssikkerhedsloven § 10, or bad input for voluntary when no suspicion
 * is in force.
 */
int	rules_compulsory(const struct rcase *, const char *what, int64_t day,
	    bool voluntary, struct refusal *);
/* Whether inspection kind, or decision measure m, compels information. */
bool	rules_inspection_compulsory(const char *kind);
bool	rules_measure_compulsory(enum measure);
/* suspect: a concrete suspicion, once, before any referral. */
int	rules_suspect(const struct rcase *, const char *grounds,
	    struct refusal *);
int	rules_incident(const struct rcase *, struct refusal *);
int	rules_hearing(const struct rcase *, enum measure, int64_t deadline,
	    int64_t today, struct refusal *);
/* On success *hearing is the hearing step the decision rests on. */
int	rules_decide(const struct rcase *, enum measure, int64_t deadline,
	    int64_t report_deadline, int64_t today, int *hearing,
	    struct refusal *);
int	rules_settle(const struct rcase *, int target, bool breach,
	    int64_t date, int64_t today, struct refusal *);
int	rules_refer(const struct rcase *, struct refusal *);

/*
 * § 23: the decision a suspension would enforce: the latest binding
 * instruction, order or remedy order whose deadline was breached, that
 * is not complied with and not already enforced by a suspension in
 * force; 0 for none.
 */
int	rules_suspension_target(const struct rcase *);
/* The suspension in force that enforces decision n, or 0. */
int	rules_suspension_in_force(const struct rcase *, int n);
/* Compliance on day with decision n: days late (0: in time). */
int64_t	rules_days_late(const struct rcase *, int n, int64_t day);
/*
 * A binding instruction's report received on day: target is the decision
 * or its compliance; *ref is the compliance step whose carried reporting
 * deadline the report settles.
 */
int	rules_report(const struct rcase *, int target, int64_t received,
	    int64_t today, int *ref, struct refusal *);
int	rules_close(const struct rcase *, const char *reason, int64_t today,
	    struct refusal *);

/* ---- dates (nis2-rules.md; tilsyn-case(1), "Time and deadlines") ---- */

/* 2025-07-01, the day the act entered into force (§ 33, stk. 1). */
int64_t	rules_in_force(void);
/* A case opened today: not before the act (§ 33); the clock is wrong. */
int	rules_open_day(int64_t today, struct refusal *);
/*
 * The day of a past event a step records (opt: "--received", "--date"):
 * not after today, never before the act entered into force (§ 33), not
 * before the case was opened.  RULES_BADINPUT, citing § 33 for the act.
 */
int	rules_event_date(const struct rcase *, const char *opt, int64_t day,
	    int64_t today, struct refusal *);
/*
 * The day an incident notification was received: as above, but it may
 * be before the case was opened (the case is often opened on it).
 */
int	rules_incident_date(int64_t day, int64_t today, struct refusal *);
/*
 * A deadline the case handler sets (opt: "--deadline", ...): after today
 * and at most two years ahead (RULES_BADINPUT).  *due is the day it falls
 * due: given itself, or when that is a Saturday, Sunday or a day the
 * ministry is closed (caltime_holiday()) the next working day.
 */
#define RULES_DEADLINE_YEARS	2
int	rules_deadline(const char *opt, int64_t given, int64_t today,
	    int64_t *due, struct refusal *);
/*
 * A hearing's period, today to its deadline (moved, rules_deadline()):
 * at least RULES_HEARING_DAYS, or a reason for a shorter one
 * (short_period, text a person wrote) (forvaltningsloven § 19).
 */
#define RULES_HEARING_DAYS	14
int	rules_hearing_period(int64_t deadline, int64_t today,
	    const char *short_period, struct refusal *);

/*
 * A security scan of an entity's registered endpoints (directive art.
 * 32(2)(d), 33(2)(c)): of an essential entity routinely (§ 21), of an
 * important one only in an open case opened on an indication (§ 24),
 * never of an entity not covered or undetermined.  c: the case of a scan
 * run through --case (NULL otherwise).  *power is the paragraph the scan
 * runs under.
 */
int	rules_scan(enum entity_class, const struct rcase *c,
	    bool on_indication, enum basis_id *power, struct refusal *);

/*
 * The ONE definition of which steps open and settle a deadline: a step of
 * a kind that opens one and carries a deadline (or a reporting deadline)
 * opens it; a later step of a kind that settles, resting on it (its ref),
 * settles it.  A compliance with a decision that set a reporting deadline
 * carries that deadline (its report_deadline) until the report, resting
 * on the compliance, settles it.  rules_open_deadlines() applies them,
 * the store's triggers are built from them, and verify holds the two
 * against each other.
 */
bool	rules_opens_deadline(enum step_kind);
bool	rules_settles_deadline(enum step_kind);

/* An open deadline of a case. */
struct open_deadline {
	int		 n;		/* the step that set it */
	bool		 report;	/* the reporting deadline of a decision */
	int64_t		 day;
	enum basis_id	 basis;
};

/*
 * The open deadlines of a case (settled ones left out), in step order; at
 * most max are stored, the count is returned.
 */
size_t	rules_open_deadlines(const struct rcase *, struct open_deadline *,
	    size_t max);
/* "answer to the request", "response to the hearing", ... */
const char *rules_deadline_what(enum step_kind, bool report);

#endif
