/*
 * rules.c: the legal path of a case (nis2-rules.md, "Supervision",
 * "Enforcement", "Fines", "Case handling").  Pure: the caller loads the
 * case and applies what these functions allow.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/text.h"
#include "law/caltime.h"
#include "law/rules.h"

static const char *const kind_names[STEP_KIND_COUNT] = {
	[STEP_REQUEST] = "request",
	[STEP_RESPONSE] = "response",
	[STEP_INSPECTION] = "inspection",
	[STEP_HEARING] = "hearing",
	[STEP_DECISION] = "decision",
	[STEP_COMPLIANCE] = "compliance",
	[STEP_BREACH] = "breach",
	[STEP_REFERRAL] = "referral",
	[STEP_INCIDENT] = "incident",
	[STEP_SUSPICION] = "suspicion",
	[STEP_REPORT] = "report",
	[STEP_LIFTING] = "lifting",
};

static const struct measure_def {
	const char	*slug;
	const char	*danish;	/* accepted, and shown */
	const char	*aliases;	/* more accepted names, '|'-separated */
	const char	*title;		/* in letters */
	bool		 essential_only;
} measures[M_COUNT + 1] = {
	[M_WARNING] = { "warning", "advarsel", "", "advarsel", false },
	[M_BINDING_INSTRUCTION] = { "binding-instruction", "bindende-instruks",
	    "instruks", "bindende instruks", false },
	[M_ORDER] = { "order", "påbud", "paabud|pabud", "påbud", false },
	[M_PROHIBITION] = { "prohibition", "forbud", "", "forbud", false },
	[M_NOTIFY_RECIPIENTS] = { "notify-recipients", "underretning",
	    "underret-modtagere", "påbud om underretning af modtagerne af "
	    "tjenesterne", false },
	[M_IMPLEMENT_AUDIT] = { "implement-audit", "auditanbefalinger",
	    "gennemfør-audit|gennemfoer-audit", "påbud om gennemførelse af "
	    "anbefalingerne fra en sikkerhedsaudit", false },
	[M_PUBLISH] = { "publish", "offentliggørelse", "offentliggoerelse",
	    "påbud om offentliggørelse", false },
	[M_REMEDY_ORDER] = { "remedy-order", "afhjælpningspåbud",
	    "afhjaelpningspaabud", "påbud om afhjælpning", true },
	[M_MONITORING_OFFICER] = { "monitoring-officer", "tilsynsansvarlig",
	    "", "udpegning af en tilsynsansvarlig", true },
	[M_SUSPENSION] = { "suspension", "suspendering",
	    "midlertidig-suspension|ledelsesforbud", "midlertidig suspension "
	    "af certificering eller godkendelse, eller midlertidigt forbud "
	    "mod at udøve ledelsesfunktioner", true },
	[M_NONE] = { "", "", "", "", false },
};

/* The measure's entry; M_NONE's (empty) for anything else. */
static const struct measure_def *
def(enum measure m)
{
	return &measures[(unsigned)m < M_COUNT ? m : M_NONE];
}

/* Whether s names the measure: English slug, Danish name or alias. */
static bool
names(const struct measure_def *d, const char *s)
{
	return name_match(d->slug, d->danish, d->aliases, s);
}

const char *
rules_errstr(int r)
{
	switch (r) {
	case RULES_OK:
		return "allowed";
	case RULES_REFUSED:
		return "refused";
	case RULES_BADINPUT:
		return "bad input";
	default:
		return "unknown rules code";
	}
}

const char *
step_kind_name(enum step_kind k)
{
	if ((unsigned)k >= STEP_KIND_COUNT)
		return "?";
	return kind_names[k];
}

/* Danish, for the document journal and letters. */
static const char *const kind_titles[STEP_KIND_COUNT] = {
	[STEP_REQUEST] = "anmodning",
	[STEP_RESPONSE] = "svar",
	[STEP_INSPECTION] = "inspektion",
	[STEP_HEARING] = "partshøring",
	[STEP_DECISION] = "afgørelse",
	[STEP_COMPLIANCE] = "efterlevelse",
	[STEP_BREACH] = "manglende efterlevelse",
	[STEP_REFERRAL] = "politianmeldelse",
	[STEP_INCIDENT] = "hændelsesunderretning",
	[STEP_SUSPICION] = "mistanke",
	[STEP_REPORT] = "rapport",
	[STEP_LIFTING] = "ophævelse",
};

const char *
step_kind_title(enum step_kind k)
{
	if ((unsigned)k >= STEP_KIND_COUNT || kind_titles[k] == NULL)
		return "?";
	return kind_titles[k];
}

int
step_kind_lookup(const char *s, enum step_kind *out)
{
	size_t i;

	for (i = 0; i < STEP_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum step_kind)i;
			return 0;
		}
	return -1;
}

int
measure_lookup(const char *s, enum measure *out)
{
	size_t i;

	for (i = 0; i < M_COUNT && !names(&measures[i], s); i++)
		;
	if (i == M_COUNT)
		return -1;
	*out = (enum measure)i;
	return 0;
}

const char *
measure_slug(enum measure m)
{
	return def(m)->slug;
}

const char *
measure_title(enum measure m)
{
	return def(m)->title;
}

bool
measure_essential_only(enum measure m)
{
	return def(m)->essential_only;
}

const char *
measure_slug_list(void)
{
	return "warning, binding-instruction, order, prohibition, "
	    "notify-recipients, implement-audit, publish, remedy-order, "
	    "monitoring-officer, suspension";
}

enum basis_id
rules_supervision_basis(enum entity_class c)
{
	return c == CLASS_ESSENTIAL ? BASIS_S21 : BASIS_S24;
}

enum basis_id
rules_request_basis(enum entity_class c)
{
	return c == CLASS_ESSENTIAL ? BASIS_S21_REQUEST : BASIS_S24_REQUEST;
}

enum basis_id
rules_enforcement_basis(enum entity_class c)
{
	return c == CLASS_ESSENTIAL ? BASIS_S22 : BASIS_S25;
}

enum basis_id
rules_measure_basis(enum entity_class c, enum measure m)
{
	/* § 23: suspension has its own paragraph (essential entities). */
	return m == M_SUSPENSION ? BASIS_S23 : rules_enforcement_basis(c);
}

enum basis_id
rules_fine_basis(enum entity_class c)
{
	enum basis_id b = BASIS_FINE_IMPORTANT;

	/* entity.c's max_fine_eur() is the one table of fines (§ 32). */
	(void)max_fine_eur(c == CLASS_ESSENTIAL ? CLASS_ESSENTIAL :
	    CLASS_IMPORTANT, 0, &b);
	return b;
}

bool
rules_public_admin(bool sector_public_admin, bool state_body, bool region)
{
	/* § 23 / directive art. 32(5): not against public administration. */
	return sector_public_admin || state_body || region;
}

/* Fills the refusal; the message ends with the citation "(§ N)". */
static int __attribute__((format(printf, 4, 5)))
refuse(struct refusal *rf, int status, enum basis_id b, const char *fmt, ...)
{
	char text[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	rf->basis = b;
	snprintf(rf->msg, sizeof(rf->msg), "%s (%s)", text, basis_text(b));
	return status;
}

/* Bad input, not a refusal of the law: no paragraph. */
static int __attribute__((format(printf, 2, 3)))
bad(struct refusal *rf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rf->msg, sizeof(rf->msg), fmt, ap);
	va_end(ap);
	rf->basis = BASIS_COUNT;
	return RULES_BADINPUT;
}

static const char *
day_str(int64_t day, char buf[16])
{
	caltime_format_date(day, buf, 16);
	return buf;
}

const struct rstep *
rules_step(const struct rcase *c, int n)
{
	size_t i;

	for (i = 0; i < c->nsteps; i++)
		if (c->steps[i].n == n)
			return &c->steps[i];
	return NULL;
}

/* The first step that refers to step n with one of the given kinds. */
static const struct rstep *
find_ref(const struct rcase *c, int n, unsigned kinds)
{
	size_t i;

	for (i = 0; i < c->nsteps; i++)
		if (c->steps[i].ref == n &&
		    (kinds & (1u << c->steps[i].kind)) != 0)
			return &c->steps[i];
	return NULL;
}

#define K(k)	(1u << (k))
/*
 * A request, a hearing and a decision set deadlines; a compliance carries
 * its decision's reporting deadline on.
 */
#define OPENS	(K(STEP_REQUEST) | K(STEP_HEARING) | K(STEP_DECISION) | \
	K(STEP_COMPLIANCE))
/*
 * What settles a deadline: an answer, compliance, breach, the decision,
 * or the report (of the compliance it rests on).
 */
#define SETTLES	(K(STEP_RESPONSE) | K(STEP_COMPLIANCE) | K(STEP_BREACH) | \
	K(STEP_DECISION) | K(STEP_REPORT))

bool
rules_opens_deadline(enum step_kind k)
{
	return (unsigned)k < STEP_KIND_COUNT && (OPENS & K(k)) != 0;
}

bool
rules_settles_deadline(enum step_kind k)
{
	return (unsigned)k < STEP_KIND_COUNT && (SETTLES & K(k)) != 0;
}

/*
 * A closed case takes no step of the authority's: a new matter is a new
 * case, or the case is reopened.  What the entity sends (a response, an
 * incident notification) is still journalised in it (offentlighedsloven
 * § 15): rules_respond() and rules_incident() do not ask this.
 */
static int
check_open(const struct rcase *c, struct refusal *rf)
{
	if (c->closed)
		return refuse(rf, RULES_REFUSED, BASIS_OFFL_15, "the case is "
		    "closed; only documents received (respond, incident) are "
		    "journalised in it until 'case reopen'");
	return RULES_OK;
}

/* The step of an open case that a new step answers or settles. */
static int
target_step(const struct rcase *c, int target, const struct rstep **t,
    struct refusal *rf)
{
	int r;

	if ((r = check_open(c, rf)) != RULES_OK)
		return r;
	if ((*t = rules_step(c, target)) == NULL)
		return bad(rf, "no step %d in the case", target);
	return RULES_OK;
}

/* Not in the future, never before the act (§ 33). */
static int
event_bounds(const char *opt, int64_t day, int64_t today, struct refusal *rf)
{
	char d1[16];

	if (day > today)
		return bad(rf, "%s '%s' is in the future", opt,
		    day_str(day, d1));
	if (day < rules_in_force())
		return refuse(rf, RULES_BADINPUT, BASIS_S33, "%s '%s' is before "
		    "the act entered into force on 2025-07-01", opt,
		    day_str(day, d1));
	return RULES_OK;
}

/* Not before the case was opened. */
static int
event_opened(const struct rcase *c, const char *opt, int64_t day,
    struct refusal *rf)
{
	char d1[16], d2[16];

	if (c->opened >= 0 && day < c->opened)
		return bad(rf, "%s '%s' is before the case was opened (%s)",
		    opt, day_str(day, d1), day_str(c->opened, d2));
	return RULES_OK;
}

int
rules_open_case(enum entity_class cls, bool routine, const char *indication,
    struct refusal *rf)
{
	if (cls == CLASS_NOT_COVERED)
		return refuse(rf, RULES_REFUSED, BASIS_S1_STK1, "the entity is "
		    "not covered by the act");
	if (cls == CLASS_UNDETERMINED)
		return refuse(rf, RULES_REFUSED, BASIS_S5, "the entity's class "
		    "depends on figures that were not registered");
	/* § 24: important entities are supervised on indications only. */
	if (cls == CLASS_IMPORTANT && routine)
		return refuse(rf, RULES_REFUSED, BASIS_S24, "routine "
		    "supervision of an important entity is not allowed; use "
		    "--basis indication and state the indication");
	if (!routine && text_blank(indication))
		return refuse(rf, RULES_REFUSED, rules_supervision_basis(cls),
		    "--basis indication needs --indication stating it");
	return RULES_OK;
}

int
rules_request(const struct rcase *c, const char *purpose, const char *spec,
    const char *format, bool voluntary, struct refusal *rf)
{
	/* § 21 / § 24: purpose, which information, and format. */
	enum basis_id b = rules_request_basis(c->cls);
	int r;

	if ((r = check_open(c, rf)) != RULES_OK)
		return r;
	if (text_blank(purpose))
		return refuse(rf, RULES_REFUSED, b, "--purpose is required");
	if (text_blank(spec))
		return refuse(rf, RULES_REFUSED, b,
		    "--specification is required");
	if (text_blank(format))
		return refuse(rf, RULES_REFUSED, b, "--format is required");
	/* Every kind of request is compulsory: retssikkerhedsloven § 10. */
	return rules_compulsory(c, "the request", INT64_MAX, voluntary, rf);
}

const struct rstep *
rules_protected(const struct rcase *c, int64_t day)
{
	size_t i;

	/* The protection starts with the suspicion, or with the referral. */
	for (i = 0; i < c->nsteps; i++)
		if ((c->steps[i].kind == STEP_SUSPICION ||
		    c->steps[i].kind == STEP_REFERRAL) &&
		    c->steps[i].date <= day)
			return &c->steps[i];
	return NULL;
}

int
rules_compulsory(const struct rcase *c, const char *what, int64_t day,
    bool voluntary, struct refusal *rf)
{
	const struct rstep *p = rules_protected(c, day);
	char step[24] = "";

	/*
	 * Once a criminal fine is in view, the entity has no duty to hand
	 * over what may incriminate it: a compulsory measure may only go
	 * out as a voluntary one whose letter says so.
	 */
	if (p == NULL && !c->criminal) {
		if (voluntary)
			return bad(rf, "--voluntary is for measures after a "
			    "suspicion (suspect) or a referral to the police");
		return RULES_OK;
	}
	if (voluntary)
		return RULES_OK;
	if (p != NULL)
		snprintf(step, sizeof(step), " (step %d)", p->n);
	return refuse(rf, RULES_REFUSED, BASIS_RSL, "%s%s and the entity "
	    "need not incriminate itself; %s may go out only with "
	    "--voluntary, which tells the entity it has no duty to answer",
	    p != NULL && p->kind == STEP_SUSPICION ? "an offence is "
	    "suspected" : "the case is referred to the police", step, what);
}

bool
rules_inspection_compulsory(const char *kind)
{
	/*
	 * On-site inspections and audits need the entity's cooperation;
	 * offsite supervision and a scan of its endpoints do not.
	 */
	return kind != NULL && (strcmp(kind, "onsite") == 0 ||
	    strcmp(kind, "audit") == 0 ||
	    strcmp(kind, "independent-audit") == 0);
}

bool
rules_measure_compulsory(enum measure m)
{
	/*
	 * The decisions that make the entity produce material: a binding
	 * instruction's report, and the order to implement (and so to
	 * document) an audit's recommendations.
	 */
	return m == M_BINDING_INSTRUCTION || m == M_IMPLEMENT_AUDIT;
}

int
rules_suspect(const struct rcase *c, const char *grounds, struct refusal *rf)
{
	const struct rstep *p;
	int r;

	if ((r = check_open(c, rf)) != RULES_OK)
		return r;
	if (text_blank(grounds))
		return refuse(rf, RULES_REFUSED, BASIS_RSL, "--grounds must "
		    "state the concrete suspicion");
	if ((p = rules_protected(c, INT64_MAX)) != NULL || c->criminal)
		return bad(rf, "%s", p != NULL && p->kind == STEP_SUSPICION ?
		    "the suspicion is already recorded" : "the case is already "
		    "referred to the police");
	return RULES_OK;
}

int
rules_respond(const struct rcase *c, int target, int64_t received,
    int64_t today, struct refusal *rf)
{
	const struct rstep *t;
	char d1[16], d2[16];
	int r;

	/* Also on a closed case: a document received (see check_open()). */
	if ((t = rules_step(c, target)) == NULL)
		return bad(rf, "no step %d in the case", target);
	if ((r = event_bounds("--received", received, today, rf)) != RULES_OK)
		return r;
	if (t->kind != STEP_REQUEST && t->kind != STEP_HEARING)
		return bad(rf, "step %d is %s %s, not a request or a hearing",
		    target, t->kind == STEP_INSPECTION ||
		    t->kind == STEP_INCIDENT ? "an" : "a",
		    step_kind_name(t->kind));
	if (received < t->date)
		return bad(rf, "--received '%s' is before step %d was sent "
		    "(%s)", day_str(received, d2), target,
		    day_str(t->date, d1));
	if ((r = event_opened(c, "--received", received, rf)) != RULES_OK)
		return r;
	return RULES_OK;
}

int
rules_inspect(const struct rcase *c, const char *kind, int64_t day,
    bool voluntary, struct refusal *rf)
{
	char what[64];
	int r;

	if ((r = check_open(c, rf)) != RULES_OK)
		return r;
	if (!rules_inspection_compulsory(kind)) {
		if (voluntary)
			return bad(rf, "--voluntary is for on-site inspections "
			    "and audits; a %s inspection needs no consent",
			    kind != NULL ? kind : "");
		return RULES_OK;
	}
	snprintf(what, sizeof(what), "an inspection of kind %s", kind);
	return rules_compulsory(c, what, day, voluntary, rf);
}

int
rules_incident(const struct rcase *c, struct refusal *rf)
{
	/* A notification received: journalised even in a closed case. */
	(void)c;
	(void)rf;
	return RULES_OK;
}

/* § 23: the decisions whose breached deadline a suspension enforces. */
static bool
enforceable(enum measure m)
{
	return m == M_BINDING_INSTRUCTION || m == M_ORDER ||
	    m == M_REMEDY_ORDER;
}

/* Whether the measure exists against this entity at all. */
static int
measure_allowed(const struct rcase *c, enum measure m, struct refusal *rf)
{
	size_t i;

	if (measure_essential_only(m) && c->cls != CLASS_ESSENTIAL) {
		if (m == M_SUSPENSION)
			return refuse(rf, RULES_REFUSED, BASIS_S23, "suspension "
			    "is only available against essential entities");
		return refuse(rf, RULES_REFUSED, BASIS_S25, "%s is only "
		    "available against essential entities, and the entity "
		    "is important", measure_slug(m));
	}
	if (m != M_SUSPENSION)
		return RULES_OK;
	if (c->public_admin)
		return refuse(rf, RULES_REFUSED, BASIS_S23, "suspension is "
		    "not available against public administration entities");
	if (rules_suspension_target(c) != 0)
		return RULES_OK;
	/*
	 * Why not: the last breach says.  A warning, say, with a deadline is
	 * no decision § 23 enforces.
	 */
	for (i = c->nsteps; i-- > 0;) {
		const struct rstep *d;
		int n;

		if (c->steps[i].kind != STEP_BREACH ||
		    (d = rules_step(c, c->steps[i].ref)) == NULL)
			continue;
		if (!enforceable(d->measure))
			return refuse(rf, RULES_REFUSED, BASIS_S23,
			    "suspension needs a breached binding instruction, "
			    "order or remedy order; step %d is a %s", d->n,
			    measure_slug(d->measure));
		if ((n = rules_suspension_in_force(c, d->n)) != 0)
			return refuse(rf, RULES_REFUSED, BASIS_S23, "decision "
			    "%d is already enforced by the suspension in step "
			    "%d", d->n, n);
		return refuse(rf, RULES_REFUSED, BASIS_S23, "decision %d was "
		    "complied with after its breach", d->n);
	}
	return refuse(rf, RULES_REFUSED, BASIS_S23, "suspension needs an "
	    "earlier decision whose deadline was breached");
}

int
rules_suspension_in_force(const struct rcase *c, int n)
{
	size_t i;

	for (i = 0; i < c->nsteps; i++) {
		const struct rstep *s = &c->steps[i];

		if (s->kind == STEP_DECISION && s->measure == M_SUSPENSION &&
		    s->enforces == n && find_ref(c, s->n, K(STEP_LIFTING)) ==
		    NULL)
			return s->n;
	}
	return 0;
}

int
rules_suspension_target(const struct rcase *c)
{
	size_t i;
	int n = 0;

	/*
	 * § 23: a deadline for compliance set in a binding instruction, an
	 * order or a remedy order passed unmet, and the entity has not
	 * complied since.
	 */
	for (i = 0; i < c->nsteps; i++) {
		const struct rstep *d;

		if (c->steps[i].kind != STEP_BREACH)
			continue;
		d = rules_step(c, c->steps[i].ref);
		if (d == NULL || d->kind != STEP_DECISION || d->deadline < 0 ||
		    !enforceable(d->measure) ||
		    find_ref(c, d->n, K(STEP_COMPLIANCE)) != NULL ||
		    rules_suspension_in_force(c, d->n) != 0)
			continue;
		n = d->n;
	}
	return n;
}

int64_t
rules_days_late(const struct rcase *c, int n, int64_t day)
{
	const struct rstep *d = rules_step(c, n);

	if (d == NULL || d->deadline < 0 || day <= d->deadline)
		return 0;
	return day - d->deadline;
}

int
rules_hearing(const struct rcase *c, enum measure m, int64_t deadline,
    int64_t today, struct refusal *rf)
{
	char d1[16], d2[16];
	int r;

	if ((r = check_open(c, rf)) != RULES_OK)
		return r;
	if ((r = measure_allowed(c, m, rf)) != RULES_OK)
		return r;
	if (deadline <= today)
		return bad(rf, "--deadline '%s' is not after today (%s)",
		    day_str(deadline, d1), day_str(today, d2));
	return RULES_OK;
}

int
rules_decide(const struct rcase *c, enum measure m, int64_t deadline,
    int64_t report_deadline, int64_t today, int *hearing, struct refusal *rf)
{
	const struct rstep *h = NULL, *last = NULL, *used = NULL;
	const struct rstep *used_h = NULL;
	char d1[16], d2[16];
	size_t i;
	int r;

	*hearing = 0;
	if ((r = check_open(c, rf)) != RULES_OK)
		return r;
	if ((r = measure_allowed(c, m, rf)) != RULES_OK)
		return r;
	if (m == M_BINDING_INSTRUCTION && (deadline < 0 || report_deadline < 0))
		return refuse(rf, RULES_REFUSED,
		    rules_enforcement_basis(c->cls), "binding-instruction "
		    "needs an implementation deadline (--deadline) and a "
		    "reporting deadline (--report-deadline)");
	if (deadline >= 0 && deadline <= today)
		return bad(rf, "--deadline '%s' is not after today (%s)",
		    day_str(deadline, d1), day_str(today, d2));
	if (report_deadline >= 0 && report_deadline <= today)
		return bad(rf, "--report-deadline '%s' is not after today (%s)",
		    day_str(report_deadline, d1), day_str(today, d2));
	if (report_deadline >= 0 && deadline < 0)
		return bad(rf, "--report-deadline needs --deadline");
	/* § 23: a suspension lasts until the entity complies. */
	if (m == M_SUSPENSION && deadline >= 0)
		return bad(rf, "a suspension lasts until the entity complies "
		    "with decision %d; it takes no --deadline",
		    rules_suspension_target(c));
	/* The report is on what was implemented: not before it is due. */
	if (report_deadline >= 0 && report_deadline < deadline)
		return refuse(rf, RULES_REFUSED, rules_enforcement_basis(c->cls),
		    "--report-deadline '%s' is before the implementation "
		    "deadline '%s'; the entity reports on what it implemented",
		    day_str(report_deadline, d1), day_str(deadline, d2));
	/*
	 * forvaltningsloven § 19: heard on this measure, and heard out.  A
	 * hearing carries one decision: a new decision (after a breach, say)
	 * needs a new hearing on its own grounds.
	 */
	for (i = 0; i < c->nsteps; i++) {
		const struct rstep *s = &c->steps[i];

		if (s->kind != STEP_HEARING || s->measure != m)
			continue;
		if ((used = find_ref(c, s->n, K(STEP_DECISION))) != NULL) {
			used_h = s;
			continue;
		}
		last = s;
		if (find_ref(c, s->n, K(STEP_RESPONSE)) != NULL ||
		    s->deadline < today)
			h = s;
	}
	if (last == NULL && used_h != NULL)
		return refuse(rf, RULES_REFUSED, BASIS_FVL_19, "the hearing on "
		    "%s (step %d) already led to a decision (step %d); hear "
		    "the entity again before a new decision", measure_slug(m),
		    used_h->n, used->n);
	if (last == NULL)
		return refuse(rf, RULES_REFUSED, BASIS_FVL_19, "no hearing on "
		    "%s in the case; the entity must be heard first",
		    measure_slug(m));
	if (h == NULL)
		return refuse(rf, RULES_REFUSED, BASIS_FVL_19, "the hearing "
		    "(step %d) runs until %s and no response is recorded",
		    last->n, day_str(last->deadline, d1));
	*hearing = h->n;
	return RULES_OK;
}

int
rules_settle(const struct rcase *c, int target, bool breach, int64_t date,
    int64_t today, struct refusal *rf)
{
	const struct rstep *t, *s;
	char d1[16], d2[16];
	int r;

	if ((r = target_step(c, target, &t, rf)) != RULES_OK)
		return r;
	if (t->kind == STEP_DECISION && t->measure == M_SUSPENSION)
		return bad(rf, "step %d is a suspension; record compliance "
		    "with the decision it enforces (step %d)", target,
		    t->enforces);
	if (t->kind != STEP_DECISION || t->deadline < 0)
		return bad(rf, "step %d is not a decision with a deadline",
		    target);
	/*
	 * Compliance may follow a breach (late; it ends a suspension, § 23);
	 * nothing follows a compliance.
	 */
	if ((s = find_ref(c, target, K(STEP_COMPLIANCE) | (breach ?
	    K(STEP_BREACH) : 0))) != NULL)
		return bad(rf, "step %d is already settled (step %d, %s)",
		    target, s->n, step_kind_name(s->kind));
	if (!breach && (s = find_ref(c, target, K(STEP_BREACH))) != NULL &&
	    date < s->date)
		return bad(rf, "--date '%s' is before the breach (step %d, %s)",
		    day_str(date, d2), s->n, day_str(s->date, d1));
	if ((r = event_bounds("--date", date, today, rf)) != RULES_OK)
		return r;
	if (date < t->date)
		return bad(rf, "--date '%s' is before the decision (%s)",
		    day_str(date, d2), day_str(t->date, d1));
	if ((r = event_opened(c, "--date", date, rf)) != RULES_OK)
		return r;
	/* A breach is a deadline that passed unmet (§ 23, § 32). */
	if (breach && date <= t->deadline)
		return bad(rf, "--date '%s' must be after the deadline %s",
		    day_str(date, d2), day_str(t->deadline, d1));
	return RULES_OK;
}

int
rules_report(const struct rcase *c, int target, int64_t received,
    int64_t today, int *ref, struct refusal *rf)
{
	const struct rstep *t, *d, *k, *s;
	char d1[16], d2[16];
	int r;

	*ref = 0;
	if ((r = target_step(c, target, &t, rf)) != RULES_OK)
		return r;
	d = t->kind == STEP_COMPLIANCE ? rules_step(c, t->ref) : t;
	if (d == NULL || d->kind != STEP_DECISION || d->report_deadline < 0)
		return bad(rf, "step %d is not a decision with a reporting "
		    "deadline", target);
	/* The report is on the implementation: the compliance comes first. */
	if ((k = find_ref(c, d->n, K(STEP_COMPLIANCE))) == NULL)
		return refuse(rf, RULES_REFUSED,
		    rules_enforcement_basis(c->cls), "decision %d is not "
		    "complied with; record the compliance first (comply), "
		    "then its report", d->n);
	if ((s = find_ref(c, k->n, K(STEP_REPORT))) != NULL)
		return bad(rf, "the report on decision %d is already recorded "
		    "(step %d)", d->n, s->n);
	if (received < k->date)
		return bad(rf, "--received '%s' is before the compliance "
		    "(step %d, %s)", day_str(received, d2), k->n,
		    day_str(k->date, d1));
	if (received > today)
		return bad(rf, "--received '%s' is in the future",
		    day_str(received, d2));
	*ref = k->n;
	return RULES_OK;
}

int
rules_refer(const struct rcase *c, struct refusal *rf)
{
	int r;

	if ((r = check_open(c, rf)) != RULES_OK)
		return r;
	if (c->criminal)
		return bad(rf, "the case is already referred to the police");
	return RULES_OK;
}

static enum basis_id
deadline_basis(const struct rcase *c, const struct rstep *s)
{
	switch (s->kind) {
	case STEP_REQUEST:
		return rules_request_basis(c->cls);
	case STEP_HEARING:
		return BASIS_FVL_19;
	default:
		return rules_measure_basis(c->cls, s->measure);
	}
}

size_t
rules_open_deadlines(const struct rcase *c, struct open_deadline *out,
    size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < c->nsteps; i++) {
		const struct rstep *s = &c->steps[i];
		int64_t days[2] = { s->deadline, s->report_deadline };
		int j;

		if (!rules_opens_deadline(s->kind))
			continue;
		if (find_ref(c, s->n, SETTLES) != NULL)
			continue;
		for (j = 0; j < 2; j++) {
			if (days[j] < 0)
				continue;
			if (n < max) {
				out[n].n = s->n;
				out[n].report = j == 1;
				out[n].day = days[j];
				out[n].basis = deadline_basis(c, s);
			}
			n++;
		}
	}
	return n;
}

const char *
rules_deadline_what(enum step_kind k, bool report)
{
	switch (k) {
	case STEP_REQUEST:
		return "answer to the request";
	case STEP_HEARING:
		return "response to the hearing";
	case STEP_DECISION:
		return report ? "report on the decision" :
		    "compliance with the decision";
	case STEP_COMPLIANCE:
		return "report on the decision";
	default:
		return "deadline";
	}
}

int
rules_close(const struct rcase *c, const char *reason, int64_t today,
    struct refusal *rf)
{
	struct open_deadline d[1];
	char d1[16];
	int r;

	(void)today;
	if ((r = check_open(c, rf)) != RULES_OK)
		return r;
	if (rules_open_deadlines(c, d, 1) > 0 && text_blank(reason))
		return refuse(rf, RULES_REFUSED, d[0].basis, "step %d has an "
		    "open deadline (%s, %s); --reason must say why the case "
		    "is closed anyway", d[0].n,
		    rules_deadline_what(rules_step(c, d[0].n)->kind,
		    d[0].report), day_str(d[0].day, d1));
	return RULES_OK;
}

/* ---- dates ---- */

int64_t
rules_in_force(void)
{
	return days_from_civil(2025, 7, 1);
}

int
rules_open_day(int64_t today, struct refusal *rf)
{
	char d1[16];

	if (today < rules_in_force())
		return refuse(rf, RULES_BADINPUT, BASIS_S33, "today (%s) is "
		    "before the act entered into force on 2025-07-01; no case "
		    "is opened under it before (is the clock right?)",
		    day_str(today, d1));
	return RULES_OK;
}

int
rules_event_date(const struct rcase *c, const char *opt, int64_t day,
    int64_t today, struct refusal *rf)
{
	int r;

	if ((r = event_bounds(opt, day, today, rf)) != RULES_OK)
		return r;
	return event_opened(c, opt, day, rf);
}

int
rules_incident_date(int64_t day, int64_t today, struct refusal *rf)
{
	/*
	 * A notification is often what the case was opened on: it may be
	 * received before the case, never before the act.
	 */
	return event_bounds("--received", day, today, rf);
}

int
rules_deadline(const char *opt, int64_t given, int64_t today, int64_t *due,
    struct refusal *rf)
{
	char d1[16], d2[16];
	int64_t limit;
	int y, m, d;

	*due = given;
	if (given <= today)
		return bad(rf, "%s '%s' is not after today (%s)", opt,
		    day_str(given, d1), day_str(today, d2));
	/* Two years from today; 29 February counts to 28 February. */
	civil_from_days(today, &y, &m, &d);
	limit = days_from_civil(y + RULES_DEADLINE_YEARS, m,
	    d > days_in_month(y + RULES_DEADLINE_YEARS, m) ?
	    days_in_month(y + RULES_DEADLINE_YEARS, m) : d);
	if (given > limit)
		return bad(rf, "%s '%s' is more than %d years ahead (after %s)",
		    opt, day_str(given, d1), RULES_DEADLINE_YEARS,
		    day_str(limit, d2));
	*due = caltime_next_working_day(given);
	return RULES_OK;
}

int
rules_hearing_period(int64_t deadline, int64_t today,
    const char *short_period, struct refusal *rf)
{
	char d1[16];

	/*
	 * forvaltningsloven § 19: a period to answer that lets the party
	 * speak; 14 days is the usual least, shorter only for a reason.
	 */
	if (deadline - today < RULES_HEARING_DAYS && text_blank(short_period))
		return refuse(rf, RULES_REFUSED, BASIS_FVL_19, "the hearing "
		    "gives the entity %lld day%s (until %s), less than %d; "
		    "give --short-period stating why", (long long)(deadline -
		    today), deadline - today == 1 ? "" : "s",
		    day_str(deadline, d1), RULES_HEARING_DAYS);
	return RULES_OK;
}

int
rules_scan(enum entity_class cls, const struct rcase *c, bool on_indication,
    enum basis_id *power, struct refusal *rf)
{
	int r;

	*power = rules_supervision_basis(cls);
	if (cls == CLASS_NOT_COVERED)
		return refuse(rf, RULES_REFUSED, BASIS_S1_STK1, "the entity is "
		    "not covered by the act; its endpoints are never scanned");
	if (cls == CLASS_UNDETERMINED)
		return refuse(rf, RULES_REFUSED, BASIS_S5, "the entity's class "
		    "depends on figures that were not registered; it is not "
		    "scanned until it is known to be covered");
	if (c != NULL && (r = check_open(c, rf)) != RULES_OK)
		return r;
	/* § 24: important entities only on an indication, in its case. */
	if (cls == CLASS_IMPORTANT && c == NULL)
		return refuse(rf, RULES_REFUSED, BASIS_S24, "an important "
		    "entity is not scanned routinely; scan it with --case in a "
		    "case opened on an indication");
	if (cls == CLASS_IMPORTANT && !on_indication)
		return refuse(rf, RULES_REFUSED, BASIS_S24, "the case was not "
		    "opened on an indication; an important entity is scanned "
		    "only in such a case");
	return RULES_OK;
}
