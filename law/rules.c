/*
 * rules.c: the legal path of a case (nis2-rules.md, "Supervision",
 * "Enforcement", "Fines", "Case handling").  Pure: the caller loads the
 * case and applies what these functions allow.
 */
#include <stdarg.h>
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
/* A request, a hearing and a decision set deadlines. */
#define OPENS	(K(STEP_REQUEST) | K(STEP_HEARING) | K(STEP_DECISION))
/* What settles a deadline: an answer, compliance, breach, or the decision. */
#define SETTLES	(K(STEP_RESPONSE) | K(STEP_COMPLIANCE) | K(STEP_BREACH) | \
	K(STEP_DECISION))

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
	/*
	 * Once a criminal fine is in view, the entity has no duty to hand
	 * over what may incriminate it: a request may only go out as a
	 * voluntary one whose letter says so.
	 */
	if (voluntary && !c->criminal)
		return bad(rf, "--voluntary is for requests after a referral "
		    "to the police");
	if (c->criminal && !voluntary)
		return refuse(rf, RULES_REFUSED, BASIS_RSL, "the case is "
		    "referred to the police and the entity need not "
		    "incriminate itself; send the request only with "
		    "--voluntary, which tells the entity it has no duty to "
		    "answer");
	return RULES_OK;
}

int
rules_respond(const struct rcase *c, int target, int64_t received,
    int64_t today, struct refusal *rf)
{
	const struct rstep *t;
	char d1[16], d2[16];

	/* Also on a closed case: a document received (see check_open()). */
	if ((t = rules_step(c, target)) == NULL)
		return bad(rf, "no step %d in the case", target);
	if (t->kind != STEP_REQUEST && t->kind != STEP_HEARING)
		return bad(rf, "step %d is %s %s, not a request or a hearing",
		    target, t->kind == STEP_INSPECTION ||
		    t->kind == STEP_INCIDENT ? "an" : "a",
		    step_kind_name(t->kind));
	if (received < t->date)
		return bad(rf, "--received '%s' is before step %d was sent "
		    "(%s)", day_str(received, d2), target,
		    day_str(t->date, d1));
	if (received > today)
		return bad(rf, "--received '%s' is in the future",
		    day_str(received, d2));
	return RULES_OK;
}

int
rules_inspect(const struct rcase *c, struct refusal *rf)
{
	return check_open(c, rf);
}

int
rules_incident(const struct rcase *c, struct refusal *rf)
{
	/* A notification received: journalised even in a closed case. */
	(void)c;
	(void)rf;
	return RULES_OK;
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
	/* § 23: a deadline of an enforcement decision passed unmet. */
	for (i = 0; i < c->nsteps; i++) {
		const struct rstep *d;

		if (c->steps[i].kind != STEP_BREACH)
			continue;
		d = rules_step(c, c->steps[i].ref);
		if (d != NULL && d->kind == STEP_DECISION && d->deadline >= 0)
			return RULES_OK;
	}
	return refuse(rf, RULES_REFUSED, BASIS_S23, "suspension needs an "
	    "earlier decision whose deadline was breached");
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
	if (t->kind != STEP_DECISION || t->deadline < 0)
		return bad(rf, "step %d is not a decision with a deadline",
		    target);
	if ((s = find_ref(c, target, K(STEP_COMPLIANCE) | K(STEP_BREACH))) !=
	    NULL)
		return bad(rf, "step %d is already settled (step %d, %s)",
		    target, s->n, step_kind_name(s->kind));
	if (date > today)
		return bad(rf, "--date '%s' is in the future",
		    day_str(date, d2));
	if (date < t->date)
		return bad(rf, "--date '%s' is before the decision (%s)",
		    day_str(date, d2), day_str(t->date, d1));
	/* A breach is a deadline that passed unmet (§ 23, § 32). */
	if (breach && date <= t->deadline)
		return bad(rf, "--date '%s' must be after the deadline %s",
		    day_str(date, d2), day_str(t->deadline, d1));
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
