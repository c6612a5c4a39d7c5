/*
 * case.c: loading a case, and every change to the case file: the journal
 * event first, then the row that points at it, in one transaction.  This
 * is the one definition of each event's payload (nis2-rules.md, "Case
 * handling": every document is journalised, nothing is rewritten).  Trusts
 * law/ for what is allowed and what it cites, store.c for the SQL and
 * journal.c for the chain; trusts its callers for the syntax of options
 * (dates parsed, texts checked by common/text.h), not for their sense.
 */
#include <sys/socket.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/netsyntax.h"
#include "common/text.h"
#include "law/caltime.h"
#include "casefile/case.h"
#include "casefile/case_impl.h"
#include "casefile/journal.h"

#define BUF_MAX	((size_t)1 << 30)	/* a payload, at most */

const char *
case_errstr(int r)
{
	switch (r) {
	case CASE_OK:
		return "done";
	case CASE_REFUSED:
		return "refused";
	case CASE_BADINPUT:
		return "bad input";
	case CASE_NOTFOUND:
		return "not found";
	case CASE_EXISTS:
		return "already there";
	case CASE_FULL:
		return "case numbers used up";
	case CASE_NOMEM:
		return "out of memory";
	case CASE_STORE:
		return "database error";
	default:
		return "unknown case code";
	}
}

/* A STORE_* code as a CASE_* code. */
int
case_stored(int r)
{
	switch (r) {
	case STORE_OK:
		return CASE_OK;
	case STORE_NOMEM:
		return CASE_NOMEM;
	default:
		return CASE_STORE;
	}
}

/* Fills res with why; returns code. */
int __attribute__((format(printf, 3, 4)))
case_say(struct case_result *res, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	return code;
}

/* What the rules said (RULES_*), as a CASE_* code with res filled. */
static int
refused(struct case_result *res, int r, const struct refusal *rf)
{
	if (r == RULES_OK)
		return CASE_OK;
	return case_say(res, r == RULES_BADINPUT ? CASE_BADINPUT : CASE_REFUSED,
	    "%s", rf->msg);
}

/* ---- time and names ---- */

int
case_parse_now(const char *v, int64_t *t)
{
	struct caltime ct;
	char err[160];
	int64_t day;

	if (caltime_parse_date(v, &day) == 0) {
		/* A bare date is noon in Copenhagen that day. */
		*t = day * 86400 + 12 * 3600;
		*t -= cph_offset(*t);
	} else if (caltime_parse(v, &ct, err, sizeof(err)) == 0)
		*t = ct.t;
	else
		return -1;
	return 0;
}

void
case_writer_time(struct case_writer *w, int64_t now, bool given,
    int64_t real)
{
	int64_t local = now + cph_offset(now);

	/* "Today" is the date in Copenhagen at that moment. */
	w->today = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	caltime_format_date(w->today, w->today_s, sizeof(w->today_s));
	caltime_format_utc(real, w->clock, sizeof(w->clock));
	w->as_of[0] = '\0';
	if (given)
		caltime_format_utc(now, w->as_of, sizeof(w->as_of));
}

bool
case_id_valid(const char *s)
{
	int i;

	if (strlen(s) != 13 || strncmp(s, "NIS-", 4) != 0 || s[8] != '-')
		return false;
	for (i = 4; i < 13; i++)
		if (i != 8 && !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

enum entity_class
case_class(const char *s)
{
	int i;

	for (i = CLASS_NOT_COVERED; s != NULL && i <= CLASS_UNDETERMINED; i++)
		if (strcmp(class_name((enum entity_class)i), s) == 0)
			return (enum entity_class)i;
	return CLASS_UNDETERMINED;
}

enum step_kind
case_step_kind(const char *s)
{
	enum step_kind k;

	return s != NULL && step_kind_lookup(s, &k) == 0 ? k :
	    STEP_KIND_COUNT;
}

enum measure
case_step_measure(const char *s)
{
	enum measure m;

	return s != NULL && *s != '\0' && measure_lookup(s, &m) == 0 ? m :
	    M_NONE;
}

/* ---- loading ---- */

static int64_t
day_or_none(const char *s)
{
	int64_t d;

	if (s == NULL || *s == '\0' || caltime_parse_date(s, &d) != 0)
		return -1;
	return d;
}

void
case_rstep(const struct step_fields *f, struct rstep *q)
{
	q->n = f->n;
	q->kind = case_step_kind(f->kind);
	q->measure = case_step_measure(f->measure);
	q->date = day_or_none(f->date);
	q->deadline = day_or_none(f->deadline);
	q->report_deadline = day_or_none(f->report_deadline);
	q->ref = f->ref;
	q->enforces = 0;
	q->voluntary = false;
	/*
	 * What the rules read of the data: the notice of rsl § 10 (a step
	 * sent as a voluntary one), the decision a suspension enforces (§ 23).
	 * Only steps whose data names them are parsed.
	 */
	if (f->data != NULL && (strstr(f->data, "\"voluntary\":") != NULL ||
	    strstr(f->data, "\"enforces\":") != NULL)) {
		json_t *j = json_loads(f->data, 0, NULL);
		json_t *v = json_object_get(j, "enforces");

		q->voluntary = json_is_true(json_object_get(j, "voluntary"));
		if (q->kind == STEP_DECISION && q->measure == M_SUSPENSION &&
		    json_is_integer(v) && json_integer_value(v) > 0 &&
		    json_integer_value(v) < INT32_MAX)
			q->enforces = (int)json_integer_value(v);
		json_decref(j);
	}
}

/* A step row seen as the fields a listing reads. */
static const struct step_fields *
step_view(const struct step_row *s, struct step_fields *f)
{
	memset(f, 0, sizeof(*f));
	f->case_id = s->case_id;
	f->kind = s->kind;
	f->measure = s->measure;
	f->date = s->date;
	f->deadline = s->deadline;
	f->report_deadline = s->report_deadline;
	f->actor = s->actor;
	f->data = s->data;
	f->n = s->n;
	f->ref = s->ref;
	return f;
}

static void
documents_free(struct document_item **v, size_t n)
{
	size_t i;

	if (*v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*v)[i].subject);
		free((*v)[i].party);
		free((*v)[i].name);
		free((*v)[i].template);
		free((*v)[i].reason);
		free((*v)[i].actor);
	}
	free(*v);
	*v = NULL;
}

void
case_state_release(struct case_state *L)
{
	if (L->have_c)
		case_row_release(&L->c);
	if (L->have_e)
		entity_row_release(&L->e);
	steps_free(&L->steps, L->nsteps);
	evidence_items_free(&L->ev, L->nev);
	documents_free(&L->docs, L->ndocs);
	free(L->rs);
	memset(L, 0, sizeof(*L));
}

int
case_load(struct store *st, const char *id, struct case_state *L,
    struct case_result *res)
{
	struct store_vec v = { NULL, 0, 0 };
	struct step_fields f;
	size_t i;
	int r;

	memset(L, 0, sizeof(*L));
	snprintf(res->id, sizeof(res->id), "%s", id);
	if ((r = store_case_get(st, id, &L->c)) == STORE_NOTFOUND)
		return case_say(res, CASE_NOTFOUND, "no such case");
	if (r != STORE_OK)
		return case_stored(r);
	L->have_c = 1;
	if ((r = store_entity_get(st, L->c.cvr, &L->e)) != STORE_OK)
		return case_stored(r);
	L->have_e = 1;
	/* What is collected is L's also on failure (case_state_release). */
	r = store_collect(st, STORE_STEPS, id, store_step_copy,
	    sizeof(*L->steps), &v);
	L->steps = v.v;
	L->nsteps = v.n;
	if (r != STORE_OK)
		return case_stored(r);
	if ((L->rs = calloc(L->nsteps + 1, sizeof(*L->rs))) == NULL)
		return CASE_NOMEM;
	for (i = 0; i < L->nsteps; i++)
		case_rstep(step_view(&L->steps[i], &f), &L->rs[i]);
	L->rc.cls = case_class(L->e.cls);
	L->rc.public_admin = L->e.public_admin != 0;
	L->rc.closed = L->c.closed[0] != '\0';
	L->rc.criminal = L->c.criminal != 0;
	L->rc.steps = L->rs;
	L->rc.nsteps = L->nsteps;
	L->rc.opened = day_or_none(L->c.opened);
	return CASE_OK;
}

int
case_load_evidence(struct store *st, struct case_state *L)
{
	struct store_vec v = { NULL, 0, 0 };
	int r = store_collect(st, STORE_EVIDENCE, L->c.id, evidence_item_copy,
	    sizeof(*L->ev), &v);

	L->ev = v.v;	/* case_state_release() frees it, also on failure */
	L->nev = v.n;
	return case_stored(r);
}

/* A column that may be NULL, copied; *ok goes false when it fails. */
static char *
dup_or_null(const char *v, bool *ok)
{
	char *p;

	if (v == NULL)
		return NULL;
	if ((p = strdup(v)) == NULL)
		*ok = false;
	return p;
}

static int
document_copy(const union store_fields *u, void *elem)
{
	const struct document_fields *f = &u->document;
	struct document_item *d = elem;
	bool ok = true;

	d->n = (int)f->n;
	d->step = (int)f->step;
	snprintf(d->direction, sizeof(d->direction), "%s",
	    f->direction != NULL ? f->direction : "");
	snprintf(d->date, sizeof(d->date), "%s", f->date != NULL ? f->date :
	    "");
	snprintf(d->format, sizeof(d->format), "%s", f->format != NULL ?
	    f->format : "");
	snprintf(d->sha256, sizeof(d->sha256), "%s", f->sha256 != NULL ?
	    f->sha256 : "");
	snprintf(d->template_sha256, sizeof(d->template_sha256), "%s",
	    f->template_sha256 != NULL ? f->template_sha256 : "");
	d->size = f->size;
	d->evidence = f->evidence;
	d->subject = dup_or_null(f->subject != NULL ? f->subject : "", &ok);
	d->party = dup_or_null(f->party != NULL ? f->party : "", &ok);
	d->actor = dup_or_null(f->actor != NULL ? f->actor : "", &ok);
	d->name = dup_or_null(f->name, &ok);
	d->template = dup_or_null(f->template, &ok);
	d->reason = dup_or_null(f->reason, &ok);
	return ok ? 0 : STORE_NOMEM;
}

int
case_load_documents(struct store *st, struct case_state *L)
{
	struct store_vec v = { NULL, 0, 0 };
	int r = store_collect(st, STORE_DOCUMENTS, L->c.id, document_copy,
	    sizeof(*L->docs), &v);

	L->docs = v.v;	/* case_state_release() frees it, also on failure */
	L->ndocs = v.n;
	return case_stored(r);
}

const struct step_row *
case_step(const struct case_state *L, int n)
{
	const struct rstep *q = L->rs != NULL ? rules_step(&L->rc, n) : NULL;

	/* The rules' view is built step for step (case_load()). */
	return q != NULL ? &L->steps[q - L->rs] : NULL;
}

/* ---- payloads ---- */

void
case_buf_release(struct case_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

static int
put(struct case_buf *b, const char *v, size_t n)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (b->p == NULL || b->len + n + 1 > b->cap) {
		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > BUF_MAX || (p = realloc(b->p, cap)) == NULL)
			return CASE_NOMEM;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, v, n);
	b->len += n;
	b->p[b->len] = '\0';
	return CASE_OK;
}

static int
puts_(struct case_buf *b, const char *v)
{
	return put(b, v, strlen(v));
}

/*
 * Fields other than data are plain (dates, slugs): no JSON can hide
 * there, and they need no escaping.  as_of is a UTC time.
 */
static bool
plain(const char *v, const char *also)
{
	if (v == NULL)
		return true;
	for (; *v != '\0'; v++)
		if (!(*v >= 'a' && *v <= 'z') && !(*v >= '0' && *v <= '9') &&
		    *v != '-' && *v != ':' && strchr(also, *v) == NULL)
			return false;
	return true;
}

/* ,"key":"v" when v has a value; also the first member (sep ""). */
static int
member(struct case_buf *b, const char *sep, const char *key, const char *v)
{
	char head[48];
	size_t n;

	if (v == NULL || *v == '\0')
		return CASE_OK;
	n = (size_t)snprintf(head, sizeof(head), "%s\"%s\":\"", sep, key);
	if (put(b, head, n) != CASE_OK || puts_(b, v) != CASE_OK)
		return CASE_NOMEM;
	return put(b, "\"", 1);
}

/* ,"key":N, the digits by hand (verify rebuilds 200,000 of these). */
static int
number(struct case_buf *b, const char *key, int v)
{
	char num[24], *p = num + sizeof(num);
	unsigned u = v < 0 ? 0 : (unsigned)v;
	int r;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if ((r = puts_(b, ",\"")) != CASE_OK || (r = puts_(b, key)) != CASE_OK ||
	    (r = put(b, "\":", 2)) != CASE_OK)
		return r;
	return put(b, p, (size_t)(num + sizeof(num) - p));
}

int
case_step_payload(const struct step_fields *f, const char *as_of,
    struct case_buf *b)
{
	int r;

	b->len = 0;
	if (f->kind == NULL || !plain(f->kind, "") || !plain(f->measure, "") ||
	    !plain(f->date, "") || !plain(f->deadline, "") ||
	    !plain(f->report_deadline, "") || !plain(as_of, "TZ") ||
	    f->data == NULL || f->data[0] != '{')
		return CASE_BADINPUT;
	/* Keys in sorted order: the text jansson's JSON_SORT_KEYS makes. */
	if ((r = puts_(b, "{")) != CASE_OK ||
	    (r = member(b, "", "as_of", as_of)) != CASE_OK ||
	    (r = puts_(b, b->len > 1 ? ",\"data\":" : "\"data\":")) !=
	    CASE_OK || (r = puts_(b, f->data)) != CASE_OK ||
	    (r = member(b, ",", "date", f->date)) != CASE_OK ||
	    (r = member(b, ",", "deadline", f->deadline)) != CASE_OK ||
	    (r = member(b, ",", "kind", f->kind)) != CASE_OK ||
	    (r = member(b, ",", "measure", f->measure)) != CASE_OK ||
	    (f->ref > 0 && (r = number(b, "ref", f->ref)) != CASE_OK) ||
	    (r = member(b, ",", "report_deadline", f->report_deadline)) !=
	    CASE_OK || (r = number(b, "step", f->n)) != CASE_OK)
		return r;
	return puts_(b, "}");
}

json_t *
case_open_payload(const struct case_fields *c)
{
	/* The power the case runs under (§ 21 or § 24). */
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s*}", "case", c->id,
	    "cvr", c->cvr, "basis", c->basis, "subject", c->subject, "opened",
	    c->opened, "supervision", basis_text(rules_supervision_basis(
	    case_class(c->entity_class))), "indication", c->indication);
}

json_t *
case_close_payload(const char *closed, const char *reason)
{
	return json_pack("{s:s, s:s*}", "closed", closed, "reason", reason);
}

json_t *
case_reopen_payload(const char *reopened, const char *reason)
{
	return json_pack("{s:s, s:s}", "reopened", reopened, "reason", reason);
}

json_t *
case_document_payload(const struct document_fields *d)
{
	json_t *j;

	if (d->direction == NULL || d->date == NULL || d->subject == NULL ||
	    d->party == NULL || d->sha256 == NULL)
		return NULL;
	j = json_pack("{s:s, s:s, s:I, s:s*, s:s*, s:s, s:s*, s:s, s:I, s:I, "
	    "s:s, s:s*, s:s*}", "date", d->date, "direction", d->direction,
	    "document", (json_int_t)d->n, "format", d->format, "name", d->name,
	    "party", d->party, "reason", d->reason, "sha256", d->sha256,
	    "size", (json_int_t)d->size, "step", (json_int_t)d->step,
	    "subject", d->subject, "template", d->template,
	    "template_sha256", d->template_sha256);
	if (j != NULL && d->evidence >= 0 && json_object_set_new(j,
	    "evidence", json_integer(d->evidence)) != 0) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

char *
case_payload_text(json_t *j, const char *as_of)
{
	char *p;

	/*
	 * The journal keeps the real time of each event; a --now that moved
	 * "today" is recorded beside it, never in its place.
	 */
	if (as_of != NULL && *as_of != '\0' &&
	    json_object_set_new(j, "as_of", json_string(as_of)) != 0)
		return NULL;
	p = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	if (as_of != NULL && *as_of != '\0')
		(void)json_object_del(j, "as_of");
	return p;
}

void
case_payload_cut_as_of(const char *kind, const char *payload,
    const char *piece[2], size_t len[2])
{
	size_t n = strlen(payload);
	const char *p, *q;

	piece[0] = payload;
	len[0] = n;
	piece[1] = "";
	len[1] = 0;
	/*
	 * Keys are sorted, so "as_of" comes first, except after the
	 * "address" of an entity-add.  A quote inside a JSON string is
	 * escaped, so '{"as_of":"' or ',"as_of":"' is a member, never text.
	 */
	if (strncmp(payload, "{\"as_of\":\"", 10) == 0)
		p = payload + 1;
	else if (strcmp(kind, "entity-add") == 0)
		p = strstr(payload, "\"as_of\":\"");
	else
		p = NULL;
	if (p == NULL || p == payload || (p[-1] != '{' && p[-1] != ',') ||
	    (q = strchr(p + 9, '"')) == NULL)
		return;
	if (q[1] == ',') {	/* {"as_of":"T",... or ,"as_of":"T",... */
		len[0] = (size_t)(p - payload);
		piece[1] = q + 2;
	} else if (p[-1] == ',') {	/* ...,"as_of":"T"} */
		len[0] = (size_t)(p - 1 - payload);
		piece[1] = q + 1;
	} else
		return;
	len[1] = n - (size_t)(piece[1] - payload);
}

/* ---- events ---- */

static int
append_text(struct case_writer *w, const char *case_id, const char *kind,
    const char *payload, int64_t *seq)
{
	struct journal_event ev;

	ev.case_id = case_id;
	ev.time = w->clock;
	ev.actor = w->actor;
	ev.kind = kind;
	ev.payload = payload;
	return case_stored(journal_append(w->st, &ev, seq));
}

/*
 * An event outside any step (entity, case open and close, init); the
 * payload is taken over (NULL: its allocation failed).
 */
int
case_append_json(struct case_writer *w, const char *case_id, const char *kind,
    json_t *payload)
{
	char *p = NULL;
	int r = CASE_NOMEM;

	if (payload != NULL && (p = case_payload_text(payload,
	    w->as_of)) != NULL)
		r = append_text(w, case_id, kind, p, NULL);
	free(p);
	json_decref(payload);
	return r;
}

/*
 * A document of the document journal: its number, the "document" event
 * first, then its row, which names the event.  d->case_id, the actor and
 * the number are filled here.
 */
static int
add_document(struct case_writer *w, const char *case_id,
    struct document_fields *d)
{
	json_t *j = NULL;
	char *p = NULL;
	int64_t seq;
	int r, n = 0;

	d->case_id = case_id;
	d->actor = w->actor;
	if ((r = case_stored(store_document_next(w->st, case_id, &n))) !=
	    CASE_OK)
		return r;
	d->n = n;
	r = CASE_NOMEM;
	if ((j = case_document_payload(d)) != NULL &&
	    (p = case_payload_text(j, w->as_of)) != NULL &&
	    (r = append_text(w, case_id, "document", p, &seq)) == CASE_OK) {
		d->event = seq;
		r = case_stored(store_document_insert(w->st, d));
	}
	free(p);
	json_decref(j);
	return r;
}

/* The entity's name, and its address when registered; malloc'd. */
static char *
entity_party(const struct case_state *L)
{
	json_t *j = json_loads(L->e.data != NULL ? L->e.data : "", 0, NULL);
	const char *a = json_string_value(json_object_get(j, "address"));
	char *p = NULL;

	if (asprintf(&p, "%s%s%s", L->e.name != NULL ? L->e.name : L->e.cvr,
	    a != NULL ? ", " : "", a != NULL ? a : "") < 0)
		p = NULL;
	json_decref(j);
	return p;
}

/*
 * The files an entity sent with step n (stored as evidence under it, ids
 * in that order) as documents received that day (offentlighedsloven
 * § 15).
 */
static int
add_received(struct case_writer *w, const struct case_state *L, int n,
    const char *date, const struct evidence *att, size_t natt,
    const int64_t *ids)
{
	struct document_fields d;
	char subject[96], *party;
	size_t i;
	int r = CASE_OK;

	if (natt == 0)
		return CASE_OK;
	if ((party = entity_party(L)) == NULL)
		return CASE_NOMEM;
	for (i = 0; i < natt && r == CASE_OK; i++) {
		memset(&d, 0, sizeof(d));
		snprintf(subject, sizeof(subject), "bilag %zu af %zu til "
		    "trin %d", i + 1, natt, n);
		d.step = n;
		d.direction = "received";
		d.date = date;
		d.subject = subject;
		d.party = party;
		d.name = att[i].name;
		d.evidence = ids[i];
		d.size = (int64_t)att[i].len;
		d.sha256 = att[i].sha256;
		r = add_document(w, L->c.id, &d);
	}
	free(party);
	return r;
}

/* Begins a change of case id: the write lock, then the case as it is. */
static int
begin(struct case_writer *w, const char *id, struct case_state *L,
    struct case_result *res)
{
	int r;

	memset(L, 0, sizeof(*L));
	if ((r = store_begin(w->st)) != STORE_OK)
		return case_stored(r);
	return case_load(w->st, id, L, res);
}

/* Ends a change: committed when r is CASE_OK, else rolled back. */
int
case_end(struct case_writer *w, struct case_state *L, int r)
{
	if (r == CASE_OK)
		r = case_stored(store_commit(w->st));
	store_rollback(w->st);
	if (L != NULL)
		case_state_release(L);
	return r;
}

/* The step a new step of the loaded case would be, for messages. */
static void
next_id(const struct case_state *L, struct case_result *res)
{
	int n = L->nsteps > 0 ? L->steps[L->nsteps - 1].n + 1 : 1;

	snprintf(res->id, sizeof(res->id), "%s/%d", L->c.id, n);
}

/* A step being added: the case as it is, the new row and its data. */
struct change {
	struct case_state	 L;
	struct step_row		 s;
	struct refusal		 rf;
	json_t			*data;	/* the step's data object */
};

/* Begins a step of case id: the lock, the case, the number it will get. */
static int
step_begin(struct case_writer *w, const char *id, struct change *c,
    struct case_result *res)
{
	int r;

	memset(c, 0, sizeof(*c));
	if ((r = begin(w, id, &c->L, res)) == CASE_OK)
		next_id(&c->L, res);
	return r;
}

/* Ends a step: committed when r is CASE_OK, else rolled back. */
static int
step_end(struct case_writer *w, struct change *c, int r)
{
	json_decref(c->data);
	c->data = NULL;
	return case_end(w, &c->L, r);
}

/*
 * Adds the step of c to its case: the journal event first, then the step
 * row that points at it.  res.id becomes "CASE/N".
 */
static int
add_step(struct case_writer *w, struct change *c, struct case_result *res)
{
	struct step_row *s = &c->s;
	struct step_fields f;
	struct case_buf b = { NULL, 0, 0 };
	int64_t seq;
	int r;

	snprintf(s->case_id, sizeof(s->case_id), "%s", c->L.c.id);
	snprintf(s->actor, sizeof(s->actor), "%s", w->actor);
	if (s->date[0] == '\0')
		snprintf(s->date, sizeof(s->date), "%s", w->today_s);
	if ((r = case_stored(store_step_next(w->st, s->case_id, &s->n))) != CASE_OK)
		return r;
	if (c->data == NULL ||
	    (s->data = case_payload_text(c->data, NULL)) == NULL)
		return CASE_NOMEM;
	if ((r = case_step_payload(step_view(s, &f), w->as_of, &b)) ==
	    CASE_OK &&
	    (r = append_text(w, s->case_id, s->kind, b.p, &seq)) == CASE_OK)
		r = case_stored(store_step_insert(w->st, s, seq));
	case_buf_release(&b);
	free(s->data);
	s->data = NULL;
	snprintf(res->id, sizeof(res->id), "%s/%d", s->case_id, s->n);
	return r;
}

/* A new step of kind k on date (a day number, -1 for today). */
static void
step_init(struct step_row *s, enum step_kind k, int64_t date)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->kind, sizeof(s->kind), "%s", step_kind_name(k));
	if (date >= 0)
		caltime_format_date(date, s->date, sizeof(s->date));
}

static void
day_text(int64_t day, char *buf, size_t len)
{
	buf[0] = '\0';
	if (day >= 0)
		caltime_format_date(day, buf, len);
}

/*
 * A deadline the case handler gave for opt, checked and moved
 * (rules_deadline()): *due the day stored.  When it moved, data gets
 * key (the day given) and res.msg a note of the move.
 */
static int
deadline(struct case_writer *w, struct change *c, const char *opt,
    const char *key, int64_t given, int64_t *due, struct case_result *res)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	const char *why;
	size_t n;
	int r;

	*due = given;
	if (given < 0)
		return CASE_OK;
	if ((r = refused(res, rules_deadline(opt, given, w->today, due,
	    &c->rf), &c->rf)) != CASE_OK || *due == given)
		return r;
	caltime_format_date(given, d1, sizeof(d1));
	caltime_format_date(*due, d2, sizeof(d2));
	if (c->data == NULL || json_object_set_new(c->data, key,
	    json_string(d1)) != 0)
		return CASE_NOMEM;
	why = caltime_closed_why(given);
	n = strlen(res->msg);
	snprintf(res->msg + n, sizeof(res->msg) - n, "%s%s '%s' falls on "
	    "%s: the deadline is the next working day, %s", n > 0 ? "; " : "",
	    opt, d1, strcmp(why, "lørdag") == 0 ? "a Saturday" :
	    strcmp(why, "søndag") == 0 ? "a Sunday" : why, d2);
	return CASE_OK;
}

/* ---- init, entities, cases ---- */

int
case_init(struct case_writer *w, int *version)
{
	char *head = NULL;
	int r;

	if ((r = case_stored(store_begin(w->st))) != CASE_OK)
		return r;
	r = store_meta_get(w->st, "journal_seq", &head);
	free(head);
	if (r == STORE_NOTFOUND)	/* the first event: the chain starts */
		r = case_append_json(w, NULL, "init", json_pack("{s:i}", "schema",
		    STORE_SCHEMA_VERSION));
	else
		r = case_stored(r);
	if (r == CASE_OK)
		r = case_stored(store_schema_version(w->st, version));
	return case_end(w, NULL, r);
}

json_t *
case_array(size_t n, json_t *(*item)(size_t, const void *, bool *),
    const void *arg)
{
	json_t *a, *v;
	bool skip;
	size_t i;

	if ((a = json_array()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		skip = false;
		if ((v = item(i, arg, &skip)) == NULL && skip)
			continue;
		if (json_array_append_new(a, v) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *
string_item(size_t i, const void *arg, bool *skip)
{
	const char *const *v = arg;

	(void)skip;
	return json_string(v[i]);
}

json_t *
case_strings(const char *const *v, size_t n)
{
	return case_array(n, string_item, v);
}

int
case_open(struct case_writer *w, const char *cvr, bool routine,
    const char *indication, const char *subject, struct case_result *res)
{
	struct entity_row e;
	struct case_fields f;
	struct case_row cr;
	struct refusal rf;
	int r, y, m, d, have_e = 0;

	memset(&cr, 0, sizeof(cr));
	snprintf(res->id, sizeof(res->id), "%s", cvr);
	if ((r = case_stored(store_begin(w->st))) != CASE_OK)
		goto out;
	if ((r = store_entity_get(w->st, cvr, &e)) == STORE_NOTFOUND) {
		r = case_say(res, CASE_NOTFOUND, "no such entity (register it with "
		    "'tilsyn-case entity add')");
		goto out;
	}
	if ((r = case_stored(r)) != CASE_OK)
		goto out;
	have_e = 1;
	if ((r = rules_open_case(case_class(e.cls), routine, indication,
	    &rf)) != RULES_OK || (r = rules_open_day(w->today, &rf)) !=
	    RULES_OK) {
		r = refused(res, r, &rf);
		goto out;
	}
	/* Journal numbers run per year (offentlighedsloven § 15). */
	civil_from_days(w->today, &y, &m, &d);
	cr.year = y;
	if ((r = case_stored(store_case_next_seq(w->st, y, &cr.seq))) != CASE_OK)
		goto out;
	if (cr.seq > 9999) {
		res->id[0] = '\0';
		r = case_say(res, CASE_FULL, "case numbers of %d are used up", y);
		goto out;
	}
	snprintf(cr.id, sizeof(cr.id), "NIS-%04d-%04d", y, cr.seq);
	snprintf(cr.cvr, sizeof(cr.cvr), "%s", cvr);
	snprintf(cr.opened, sizeof(cr.opened), "%s", w->today_s);
	cr.basis = (char *)(uintptr_t)(routine ? "routine" : "indication");
	cr.indication = (char *)(uintptr_t)indication;
	cr.subject = (char *)(uintptr_t)subject;
	memset(&f, 0, sizeof(f));
	f.id = cr.id;
	f.cvr = cr.cvr;
	f.basis = cr.basis;
	f.indication = indication;
	f.subject = subject;
	f.opened = cr.opened;
	f.entity_class = e.cls;
	if ((r = case_stored(store_case_insert(w->st, &cr))) == CASE_OK &&
	    (r = case_append_json(w, cr.id, "case-open", case_open_payload(&f))) ==
	    CASE_OK)
		snprintf(res->id, sizeof(res->id), "%s", cr.id);
 out:
	if (have_e)
		entity_row_release(&e);
	return case_end(w, NULL, r);
}

int
case_close(struct case_writer *w, const char *id, const char *reason,
    struct case_result *res)
{
	struct case_state L;
	struct refusal rf;
	int r;

	if ((r = begin(w, id, &L, res)) != CASE_OK)
		return case_end(w, &L, r);
	if ((r = rules_close(&L.rc, reason, w->today, &rf)) != RULES_OK)
		return case_end(w, &L, refused(res, r, &rf));
	if (text_blank(reason))
		reason = NULL;
	if ((r = case_stored(store_case_close(w->st, L.c.id, w->today_s,
	    reason))) == CASE_OK)
		r = case_append_json(w, L.c.id, "case-close",
		    case_close_payload(w->today_s, reason));
	return case_end(w, &L, r);
}

int
case_reopen(struct case_writer *w, const char *id, const char *reason,
    struct case_result *res)
{
	struct open_deadline *od = NULL;
	struct case_state L;
	int *open = NULL;
	size_t i, n, k = 0;
	int r;

	if ((r = begin(w, id, &L, res)) != CASE_OK)
		return case_end(w, &L, r);
	if (!L.rc.closed)
		return case_end(w, &L, case_say(res, CASE_REFUSED,
		    "the case is open; only a closed case is reopened"));
	if (text_blank(reason))
		return case_end(w, &L, case_say(res, CASE_BADINPUT,
		    "--reason is required (why the case is taken up again)"));
	/* The deadlines the steps leave open, as `case show` sees them. */
	if ((od = calloc(2 * L.nsteps + 1, sizeof(*od))) == NULL ||
	    (open = calloc(2 * L.nsteps + 1, sizeof(*open))) == NULL) {
		r = CASE_NOMEM;
		goto out;
	}
	n = rules_open_deadlines(&L.rc, od, 2 * L.nsteps);
	for (i = 0; i < n && i < 2 * L.nsteps; i++)
		if (k == 0 || open[k - 1] != od[i].n)
			open[k++] = od[i].n;
	if ((r = case_stored(store_case_reopen(w->st, L.c.id, open, k))) ==
	    CASE_OK)
		r = case_append_json(w, L.c.id, "case-reopen",
		    case_reopen_payload(w->today_s, reason));
 out:
	free(od);
	free(open);
	return case_end(w, &L, r);
}

int
case_issued_letter(struct store *st, const char *id, int n,
    int (*fn)(const union store_fields *, void *), void *arg)
{
	int r = store_document_letter(st, id, n, fn, arg);

	return r > 0 ? CASE_OK : case_stored(r);
}

/* The number and date of a letter issued before (found: n > 0). */
struct issued {
	int	 n;
	char	 date[DATE_LEN];
};

static int
issued_one(const union store_fields *u, void *arg)
{
	struct issued *is = arg;

	is->n = (int)u->document.n;
	snprintf(is->date, sizeof(is->date), "%s", u->document.date != NULL ?
	    u->document.date : "");
	return 1;
}

int
case_issue_letter(struct case_writer *w, const char *id, int n,
    const struct letter_issue *li, int *doc, struct case_result *res)
{
	struct document_fields d;
	struct issued is = { 0, "" };
	const struct step_row *s;
	struct case_state L;
	char subject[256], sha[EVIDENCE_HEX], *party = NULL;
	int r;

	*doc = 0;
	if ((r = begin(w, id, &L, res)) != CASE_OK)
		return case_end(w, &L, r);
	snprintf(res->id, sizeof(res->id), "%s/%d", L.c.id, n);
	if ((s = case_step(&L, n)) == NULL)
		return case_end(w, &L, case_say(res, CASE_BADINPUT,
		    "no such step"));
	if (L.rc.closed)
		return case_end(w, &L, case_say(res, CASE_REFUSED,
		    "the case is closed; no letter is issued in it (reopen it "
		    "with 'case reopen')"));
	if ((r = store_document_letter(w->st, L.c.id, n, issued_one, &is)) <
	    0)
		return case_end(w, &L, case_stored(r));
	/* A letter is sent once; a second one says why (a new document). */
	if (is.n > 0 && text_blank(li->reason))
		return case_end(w, &L, case_say(res, CASE_REFUSED, "its letter "
		    "was issued on %s as document %d; give --reissue REASON to "
		    "issue it again (%s)", is.date, is.n,
		    basis_text(BASIS_OFFL_15)));
	if (is.n == 0 && li->reason != NULL)
		return case_end(w, &L, case_say(res, CASE_BADINPUT,
		    "--reissue: its letter was not issued before"));
	if (evidence_sha256(li->content, li->len, sha) != 0 ||
	    (li->recipient == NULL && (party = entity_party(&L)) == NULL)) {
		free(party);
		return case_end(w, &L, CASE_NOMEM);
	}
	if (s->measure[0] != '\0')
		snprintf(subject, sizeof(subject), "brev, trin %d (%s: %s)",
		    n, step_kind_title(case_step_kind(s->kind)),
		    measure_title(case_step_measure(s->measure)));
	else
		snprintf(subject, sizeof(subject), "brev, trin %d (%s)", n,
		    step_kind_title(case_step_kind(s->kind)));
	memset(&d, 0, sizeof(d));
	d.step = n;
	d.direction = "sent";
	d.date = w->today_s;
	d.subject = subject;
	d.party = li->recipient != NULL ? li->recipient : party;
	d.format = li->format;
	d.content = li->content;
	d.len = li->len;
	d.evidence = -1;
	d.size = (int64_t)li->len;
	d.sha256 = sha;
	d.template = li->template;
	d.template_sha256 = li->template_sha256;
	d.reason = li->reason;
	if ((r = add_document(w, L.c.id, &d)) == CASE_OK)
		*doc = (int)d.n;
	free(party);
	return case_end(w, &L, r);
}

/* ---- steps ---- */

/* Into a data member of c; CASE_NOMEM when v (taken over) is NULL. */
static int
set(struct change *c, const char *key, json_t *v)
{
	if (c->data == NULL || v == NULL ||
	    json_object_set_new(c->data, key, v) != 0) {
		json_decref(v);
		return CASE_NOMEM;
	}
	return CASE_OK;
}

/* retssikkerhedsloven § 10: a voluntary step states the notice it gave. */
static int
notice(struct change *c, bool voluntary)
{
	if (!voluntary)
		return c->data != NULL ? CASE_OK : CASE_NOMEM;
	if (set(c, "voluntary", json_true()) != CASE_OK)
		return CASE_NOMEM;
	return set(c, "notice", json_string(CASE_NOTICE));
}

/*
 * A referral records the notices actually given (rsl § 10): the steps
 * sent as voluntary ones, and the suspicion they followed.
 */
static int
notices(struct change *c)
{
	const struct rstep *p = rules_protected(&c->L.rc, INT64_MAX);
	json_t *a;
	size_t i;

	if ((a = json_array()) == NULL)
		return CASE_NOMEM;
	for (i = 0; i < c->L.rc.nsteps; i++)
		if (c->L.rc.steps[i].voluntary && json_array_append_new(a,
		    json_integer(c->L.rc.steps[i].n)) != 0) {
			json_decref(a);
			return CASE_NOMEM;
		}
	if (set(c, "noticed_steps", a) != CASE_OK)
		return CASE_NOMEM;
	return set(c, "suspicion", p != NULL ? json_integer(p->n) :
	    json_null());
}

/*
 * § 23: which of the two measures, the decision it enforces, and that it
 * lasts until the entity complies with that decision.
 */
static int
suspension(struct change *c, const char *suspend)
{
	int n = rules_suspension_target(&c->L.rc);

	if (set(c, "suspend", json_string(suspend)) != CASE_OK ||
	    set(c, "enforces", json_integer(n)) != CASE_OK)
		return CASE_NOMEM;
	return set(c, "until", json_string("compliance"));
}

/*
 * forvaltningsloven § 19: a suspension is decided as it was heard on: the
 * hearing's measure of § 23 (a hearing recorded before hearings named it
 * names none).
 */
static int
heard_suspend(struct change *c, int hearing, const char *suspend,
    struct case_result *res)
{
	const struct step_row *h = case_step(&c->L, hearing);
	const char *heard = NULL;
	json_t *d = NULL;
	int r = CASE_OK;

	if (h != NULL && h->data != NULL && (d = json_loads(h->data, 0,
	    NULL)) != NULL)
		heard = json_string_value(json_object_get(d, "suspend"));
	if (heard != NULL && strcmp(heard, suspend) != 0)
		r = case_say(res, CASE_REFUSED, "the hearing (step %d) was on "
		    "--suspend %s, not %s; hear the entity on this measure "
		    "first (%s)", hearing, heard, suspend,
		    basis_text(BASIS_FVL_19));
	json_decref(d);
	return r;
}

/*
 * A compliance: late when after the decision's deadline (the days
 * recorded), and carrying the decision's reporting deadline on until the
 * report is received (rules_opens_deadline()).
 */
static int
compliance(struct change *c, int target, int64_t day)
{
	const struct rstep *d = rules_step(&c->L.rc, target);
	int64_t late = rules_days_late(&c->L.rc, target, day);

	if (c->data == NULL || d == NULL)
		return CASE_NOMEM;
	if (late > 0 && (set(c, "late", json_true()) != CASE_OK ||
	    set(c, "days_late", json_integer(late)) != CASE_OK))
		return CASE_NOMEM;
	day_text(d->report_deadline, c->s.report_deadline,
	    sizeof(c->s.report_deadline));
	return CASE_OK;
}

/*
 * § 23: compliance with a decision that a suspension enforces ends the
 * suspension: a lifting step resting on it, on the compliance's date.
 */
static int
lift(struct case_writer *w, struct change *c, int target,
    struct case_result *res)
{
	char keep[sizeof(res->id)];
	int n = rules_suspension_in_force(&c->L.rc, target), done = c->s.n;
	const struct step_row *s = case_step(&c->L, n);
	json_t *d;
	int r;

	if (n == 0)
		return CASE_OK;
	snprintf(keep, sizeof(keep), "%s", res->id);
	d = s != NULL ? json_loads(s->data, 0, NULL) : NULL;
	json_decref(c->data);
	c->data = json_pack("{s:s, s:i, s:i, s:O*, s:s}", "basis",
	    basis_text(BASIS_S23), "compliance", done, "decision", target,
	    "suspend", json_object_get(d, "suspend"), "measure_title",
	    measure_title(M_SUSPENSION));
	json_decref(d);
	c->s.report_deadline[0] = '\0';
	c->s.ref = n;
	snprintf(c->s.kind, sizeof(c->s.kind), "%s",
	    step_kind_name(STEP_LIFTING));
	r = add_step(w, c, res);
	snprintf(res->id, sizeof(res->id), "%s", keep);
	return r;
}

int
case_suspect(struct case_writer *w, const char *id, const char *grounds,
    struct case_result *res)
{
	struct change c;
	int r;

	if ((r = step_begin(w, id, &c, res)) != CASE_OK ||
	    (r = refused(res, rules_suspect(&c.L.rc, grounds, &c.rf),
	    &c.rf)) != CASE_OK)
		return step_end(w, &c, r);
	step_init(&c.s, STEP_SUSPICION, -1);
	/* § 32 makes it punishable; rsl § 10 protects the entity from now. */
	c.data = json_pack("{s:s, s:s, s:s}", "grounds", grounds, "basis",
	    basis_text(BASIS_RSL), "offence", basis_text(BASIS_S32));
	return step_end(w, &c, add_step(w, &c, res));
}

int
case_report(struct case_writer *w, const char *id, int target, int64_t day,
    const char *summary, struct case_result *res)
{
	struct change c;
	int r, ref = 0;

	if ((r = step_begin(w, id, &c, res)) != CASE_OK ||
	    (r = refused(res, rules_report(&c.L.rc, target, day, w->today,
	    &ref, &c.rf), &c.rf)) != CASE_OK)
		return step_end(w, &c, r);
	step_init(&c.s, STEP_REPORT, day);
	c.s.ref = ref;	/* the compliance that carries the deadline */
	c.data = json_pack("{s:i, s:s*}", "decision",
	    rules_step(&c.L.rc, ref)->ref, "summary", summary);
	return step_end(w, &c, add_step(w, &c, res));
}

int
case_request(struct case_writer *w, const char *id,
    const struct request_args *a, struct case_result *res)
{
	struct change c;
	int64_t due;
	int r;

	if ((r = step_begin(w, id, &c, res)) != CASE_OK ||
	    (r = refused(res, rules_request(&c.L.rc, a->purpose,
	    a->specification, a->format, a->voluntary, &c.rf), &c.rf)) !=
	    CASE_OK)
		return step_end(w, &c, r);
	step_init(&c.s, STEP_REQUEST, -1);
	if (a->deadline < 0)
		return step_end(w, &c, case_say(res, CASE_BADINPUT,
		    "--deadline is required"));
	/* § 21 / § 24: the purpose, the information asked for, the format. */
	c.data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s*}", "kind",
	    a->kind, "purpose", a->purpose, "specification", a->specification,
	    "format", a->format, "basis", basis_text(rules_request_basis(
	    c.L.rc.cls)), "voluntary", a->voluntary, "legal_basis",
	    a->legal_basis);
	if ((r = notice(&c, a->voluntary)) != CASE_OK)
		return step_end(w, &c, r);
	if ((r = deadline(w, &c, "--deadline", "deadline_given", a->deadline,
	    &due, res)) != CASE_OK)
		return step_end(w, &c, r);
	day_text(due, c.s.deadline, sizeof(c.s.deadline));
	return step_end(w, &c, add_step(w, &c, res));
}

static json_t *
evidence_item(size_t i, const void *arg, bool *skip)
{
	const struct evidence *ev = arg;

	(void)skip;
	return json_pack("{s:s, s:I, s:s}", "name", ev[i].name, "size",
	    (json_int_t)ev[i].len, "sha256", ev[i].sha256);
}

int
case_answer(struct case_writer *w, const char *id, enum step_kind kind,
    int target, int64_t day, const char *summary, const struct evidence *att,
    size_t natt, struct case_result *res)
{
	struct change c;
	int64_t *ids = NULL;
	int r;

	if ((r = step_begin(w, id, &c, res)) != CASE_OK)
		return step_end(w, &c, r);
	snprintf(res->id, sizeof(res->id), "%s/%d", c.L.c.id, target);
	if (kind == STEP_RESPONSE)
		r = rules_respond(&c.L.rc, target, day, w->today, &c.rf);
	else
		r = rules_settle(&c.L.rc, target, kind == STEP_BREACH, day,
		    w->today, &c.rf);
	if ((r = refused(res, r, &c.rf)) != CASE_OK)
		return step_end(w, &c, r);
	step_init(&c.s, kind, day);
	c.s.ref = target;
	/* A response's files: evidence, and documents received. */
	c.data = json_pack("{s:s*, s:o*}", "summary", summary, "evidence",
	    natt > 0 ? case_array(natt, evidence_item, att) : NULL);
	if (kind == STEP_COMPLIANCE && (r = compliance(&c, target, day)) !=
	    CASE_OK)
		return step_end(w, &c, r);
	if ((r = add_step(w, &c, res)) == CASE_OK && natt > 0) {
		if ((ids = calloc(natt, sizeof(*ids))) == NULL)
			r = CASE_NOMEM;
		else if ((r = case_stored(evidence_store(w->st, c.s.case_id,
		    c.s.n, w->actor, att, natt, ids))) == CASE_OK)
			r = add_received(w, &c.L, c.s.n, c.s.date, att, natt,
			    ids);
	}
	if (r == CASE_OK && kind == STEP_COMPLIANCE)
		r = lift(w, &c, target, res);
	free(ids);
	return step_end(w, &c, r);
}

int
case_record(struct case_writer *w, const char *id,
    const struct record_args *a, struct case_result *res)
{
	bool incident = a->step == STEP_INCIDENT;
	struct change c;
	json_t *files, *more = NULL;
	int64_t *ids = NULL;
	int r;

	if ((r = step_begin(w, id, &c, res)) != CASE_OK ||
	    (r = refused(res, incident ? rules_incident(&c.L.rc, &c.rf) :
	    rules_inspect(&c.L.rc, a->kind, a->day, a->voluntary, &c.rf),
	    &c.rf)) != CASE_OK ||
	    (r = refused(res, incident ? rules_incident_date(a->day,
	    w->today, &c.rf) : rules_event_date(&c.L.rc, "--date", a->day,
	    w->today, &c.rf), &c.rf)) != CASE_OK)
		return step_end(w, &c, r);
	step_init(&c.s, a->step, a->day);
	/*
	 * The files' names, sizes and SHA-256 go into the journal.  An
	 * inspection records the power it ran under (§ 21 or § 24), an
	 * incident notification its paragraph (§ 12).
	 */
	files = case_array(a->nev, evidence_item, a->ev);
	/* The documents received come after the evidence, in that order. */
	if (a->natt > 0 && ((more = case_array(a->natt, evidence_item,
	    a->att)) == NULL || json_array_extend(files, more) != 0)) {
		json_decref(files);
		files = NULL;
	}
	json_decref(more);
	c.data = json_pack("{s:o, s:s*, s:s*, s:s*, s:s*}", "evidence",
	    files, "kind", a->kind,
	    "power", incident ? NULL :
	    basis_text(rules_supervision_basis(c.L.rc.cls)), "basis",
	    incident ? basis_text(BASIS_S12) : NULL, "summary", a->summary);
	if ((r = notice(&c, a->voluntary)) == CASE_OK &&
	    (r = add_step(w, &c, res)) == CASE_OK)
		r = case_stored(evidence_store(w->st, c.s.case_id, c.s.n, w->actor,
		    a->ev, a->nev, NULL));
	if (r == CASE_OK && a->natt > 0) {
		if ((ids = calloc(a->natt, sizeof(*ids))) == NULL)
			r = CASE_NOMEM;
		else if ((r = case_stored(evidence_store(w->st, c.s.case_id,
		    c.s.n, w->actor, a->att, a->natt, ids))) == CASE_OK)
			r = add_received(w, &c.L, c.s.n, c.s.date, a->att,
			    a->natt, ids);
	}
	free(ids);
	return step_end(w, &c, r);
}

int
case_measure(struct case_writer *w, const char *id,
    const struct measure_args *a, struct case_result *res)
{
	struct change c;
	int64_t due, report_due;
	int r, hearing = 0;

	if ((r = step_begin(w, id, &c, res)) != CASE_OK)
		return step_end(w, &c, r);
	if (a->step == STEP_DECISION)
		r = rules_decide(&c.L.rc, a->measure, a->deadline,
		    a->report_deadline, w->today, &hearing, &c.rf);
	else
		r = rules_hearing(&c.L.rc, a->measure, a->deadline, w->today,
		    &c.rf);
	/* retssikkerhedsloven § 10: decisions that make it produce material */
	if (r == RULES_OK && a->step == STEP_DECISION &&
	    rules_measure_compulsory(a->measure))
		r = rules_compulsory(&c.L.rc, "the decision", w->today,
		    a->voluntary, &c.rf);
	if ((r = refused(res, r, &c.rf)) != CASE_OK)
		return step_end(w, &c, r);
	if (a->voluntary && (a->step != STEP_DECISION ||
	    !rules_measure_compulsory(a->measure)))
		return step_end(w, &c, case_say(res, CASE_BADINPUT,
		    "--voluntary is for decisions that make the entity "
		    "produce material (binding-instruction, implement-audit)"));
	/* § 23: which of its two measures, heard on and decided alike */
	if ((a->measure == M_SUSPENSION) != (a->suspend != NULL))
		return step_end(w, &c, case_say(res, CASE_BADINPUT, "%s",
		    a->suspend == NULL ? "a suspension needs --suspend "
		    "certification|management (§ 23)" : "--suspend is for "
		    "--measure suspension"));
	if (a->step == STEP_DECISION && a->suspend != NULL &&
	    (r = heard_suspend(&c, hearing, a->suspend, res)) != CASE_OK)
		return step_end(w, &c, r);
	step_init(&c.s, a->step, -1);
	snprintf(c.s.measure, sizeof(c.s.measure), "%s",
	    measure_slug(a->measure));
	c.s.ref = hearing;	/* a decision rests on its hearing */
	c.data = json_pack("{s:s, s:s, s:s}", "grounds", a->grounds, "basis",
	    basis_text(rules_measure_basis(c.L.rc.cls, a->measure)),
	    "measure_title", measure_title(a->measure));
	if ((r = notice(&c, a->voluntary)) == CASE_OK &&
	    a->measure == M_SUSPENSION)
		r = a->step == STEP_DECISION ? suspension(&c, a->suspend) :
		    set(&c, "suspend", json_string(a->suspend));
	if (r != CASE_OK)
		return step_end(w, &c, r);
	/* Deadlines on a closed day move on; a hearing's period is § 19's. */
	if ((r = deadline(w, &c, "--deadline", "deadline_given", a->deadline,
	    &due, res)) != CASE_OK || (r = deadline(w, &c,
	    "--report-deadline", "report_deadline_given", a->report_deadline,
	    &report_due, res)) != CASE_OK)
		return step_end(w, &c, r);
	if (a->step == STEP_HEARING && (r = refused(res, rules_hearing_period(
	    due, w->today, a->short_period, &c.rf), &c.rf)) != CASE_OK)
		return step_end(w, &c, r);
	if (!text_blank(a->short_period) && (a->step != STEP_HEARING ||
	    due - w->today >= RULES_HEARING_DAYS))
		return step_end(w, &c, case_say(res, CASE_BADINPUT,
		    "--short-period is for a hearing period shorter than %d "
		    "days", RULES_HEARING_DAYS));
	if (!text_blank(a->short_period) && (c.data == NULL ||
	    json_object_set_new(c.data, "short_period",
	    json_string(a->short_period)) != 0))
		return step_end(w, &c, CASE_NOMEM);
	day_text(due, c.s.deadline, sizeof(c.s.deadline));
	day_text(report_due, c.s.report_deadline,
	    sizeof(c.s.report_deadline));
	return step_end(w, &c, add_step(w, &c, res));
}

/* A figure, or null when unknown. */
static json_t *
figure(int64_t v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

int
case_refer(struct case_writer *w, const char *id, const char *grounds,
    int64_t turnover, struct referral *ref, struct case_result *res)
{
	enum basis_id fb = BASIS_S32;
	struct change c;
	int r;

	memset(ref, 0, sizeof(*ref));
	if ((r = step_begin(w, id, &c, res)) != CASE_OK ||
	    (r = refused(res, rules_refer(&c.L.rc, &c.rf), &c.rf)) != CASE_OK)
		return step_end(w, &c, r);
	if (turnover < 0)
		turnover = c.L.e.turnover;
	/* § 32: the same computation as tilsyn-classify (entity.c). */
	ref->fine = max_fine_eur(c.L.rc.cls, turnover < 0 ? FIGURE_UNKNOWN :
	    turnover, &fb);
	/* Turnover unknown: the fixed amount is the floor. */
	ref->basis = fb;
	ref->floor = max_fine_eur(c.L.rc.cls, 0, &ref->basis);
	if (ref->fine >= 0)
		ref->basis = fb;
	step_init(&c.s, STEP_REFERRAL, -1);
	c.data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "grounds",
	    grounds, "class", c.L.e.cls, "basis", basis_text(BASIS_S32),
	    "fine_basis", basis_text(fb), "self_incrimination",
	    basis_text(BASIS_RSL), "turnover_eur", figure(turnover),
	    "max_fine_eur", figure(ref->fine));
	if ((r = notices(&c)) == CASE_OK &&
	    (r = add_step(w, &c, res)) == CASE_OK)
		r = case_stored(store_case_refer(w->st, c.L.c.id, ref->fine));
	if (r == CASE_OK)
		ref->data = json_incref(c.data);
	if ((r = step_end(w, &c, r)) != CASE_OK) {
		json_decref(ref->data);
		ref->data = NULL;
	}
	return r;
}

/* ---- stored scans ---- */

void
scan_gate_release(struct scan_gate *g)
{
	if (g->have_e)
		entity_row_release(&g->e);
	json_decref(g->reg);
	memset(g, 0, sizeof(*g));
}

/* The gate on an entity already read, and the case (NULL: none). */
static int
gate(const struct scan_gate *g, const struct case_state *L,
    enum basis_id *power, struct case_result *res)
{
	struct refusal rf;
	bool indication = L != NULL && L->c.basis != NULL &&
	    strcmp(L->c.basis, "indication") == 0;

	return refused(res, rules_scan(case_class(g->e.cls), L != NULL ?
	    &L->rc : NULL, indication, power, &rf), &rf);
}

int
case_scan_gate(struct store *st, const char *cvr, const char *case_id,
    struct scan_gate *g, struct case_result *res)
{
	struct case_state L;
	int r, have_l = 0;

	memset(g, 0, sizeof(*g));
	memset(&L, 0, sizeof(L));
	if (case_id != NULL && *case_id != '\0') {
		if ((r = case_load(st, case_id, &L, res)) != CASE_OK)
			goto out;
		have_l = 1;
		if (cvr != NULL && strcmp(cvr, L.c.cvr) != 0) {
			r = case_say(res, CASE_BADINPUT, "the case is on entity %s, "
			    "not %s", L.c.cvr, cvr);
			goto out;
		}
		cvr = L.c.cvr;
		snprintf(g->case_id, sizeof(g->case_id), "%s", L.c.id);
	}
	snprintf(res->id, sizeof(res->id), "%s", cvr);
	if ((r = store_entity_get(st, cvr, &g->e)) == STORE_NOTFOUND) {
		r = case_say(res, CASE_NOTFOUND, "no such entity");
		goto out;
	}
	if ((r = case_stored(r)) != CASE_OK)
		goto out;
	g->have_e = 1;
	if ((g->reg = json_loads(g->e.data, 0, NULL)) == NULL) {
		r = case_say(res, CASE_BADINPUT, "the stored registration is not "
		    "JSON (run verify)");
		goto out;
	}
	r = gate(g, have_l ? &L : NULL, &g->power, res);
 out:
	if (have_l)
		case_state_release(&L);
	return r;
}

/* A JSON text column of a run, parsed; NULL when it is not JSON. */
static json_t *
json_col(const char *v)
{
	return v != NULL ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
}

char *
case_scan_payload(const struct scan_run_fields *f, const char *const *sha,
    size_t n)
{
	char hs[EVIDENCE_HEX], ss[EVIDENCE_HEX];
	json_t *j = NULL, *argv, *hosted, *scope, *imp = NULL;
	char *p = NULL;

	argv = json_col(f->argv);
	hosted = json_col(f->hosted);
	scope = json_col(f->scope);
	if (!json_is_array(argv) || !json_is_array(hosted) ||
	    !json_is_array(scope) || f->cvr == NULL || f->power == NULL ||
	    f->origin == NULL || f->started == NULL || f->finished == NULL ||
	    f->scanner_version == NULL || f->actor == NULL ||
	    evidence_sha256(f->header, f->header_len, hs) != 0 ||
	    (f->summary != NULL && evidence_sha256(f->summary,
	    f->summary_len, ss) != 0))
		goto out;
	if (f->import_name != NULL && (imp = json_pack("{s:s, s:s?}", "name",
	    f->import_name, "sha256", f->import_sha256)) == NULL)
		goto out;
	/* The hashes of the results, in the order they were written. */
	j = json_pack("{s:s, s:b, s:O, s:s*, s:s, s:I, s:s, s:s, s:O, s:o*, "
	    "s:s, s:s, s:o, s:I, s:s, s:O, s:s, s:s*}",
	    "actor", f->actor, "allow_hosted", f->allow_hosted != 0,
	    "argv", argv, "case", f->case_id, "cvr", f->cvr,
	    "exit", (json_int_t)f->exit_status, "finished", f->finished,
	    "header_sha256", hs, "hosted", hosted, "import", imp,
	    "origin", f->origin, "power", f->power,
	    "results", case_strings(sha, n), "run", (json_int_t)f->id,
	    "scanner_version", f->scanner_version, "scope", scope,
	    "started", f->started,
	    "summary_sha256", f->summary != NULL ? ss : NULL);
	if (j != NULL)
		p = case_payload_text(j, NULL);
 out:
	json_decref(j);
	json_decref(argv);
	json_decref(hosted);
	json_decref(scope);
	return p;
}

int
case_scan_store(struct case_writer *w, const struct scan_record *rec,
    int64_t *id, struct case_result *res)
{
	const struct scan_input *in = rec->in;
	struct scan_run_fields f;
	struct scan_result_fields rf;
	struct scan_gate g;
	struct case_state L;
	enum basis_id power;
	const char **sha = NULL;
	char *argv = NULL, *hosted = NULL, *scope = NULL, *payload = NULL;
	int64_t seq;
	size_t i;
	int r, have_l = 0;

	memset(&g, 0, sizeof(g));
	memset(&L, 0, sizeof(L));
	*id = 0;
	snprintf(res->id, sizeof(res->id), "%s", rec->cvr);
	if ((r = case_stored(store_begin(w->st))) != CASE_OK)
		goto out;
	/* The gate again, under the write lock: the case may have closed. */
	if (rec->case_id != NULL && *rec->case_id != '\0') {
		if ((r = case_load(w->st, rec->case_id, &L, res)) != CASE_OK)
			goto out;
		have_l = 1;
	}
	if ((r = store_entity_get(w->st, rec->cvr, &g.e)) != STORE_OK) {
		r = r == STORE_NOTFOUND ? case_say(res, CASE_NOTFOUND, "no such "
		    "entity") : case_stored(r);
		goto out;
	}
	g.have_e = 1;
	if ((r = gate(&g, have_l ? &L : NULL, &power, res)) != CASE_OK)
		goto out;
	r = CASE_NOMEM;
	if ((sha = calloc(in->nres + 1, sizeof(*sha))) == NULL ||
	    (argv = case_payload_text(rec->argv, NULL)) == NULL ||
	    (hosted = case_payload_text(rec->hosted, NULL)) == NULL ||
	    (scope = case_payload_text(rec->scope, NULL)) == NULL)
		goto out;
	for (i = 0; i < in->nres; i++)
		sha[i] = in->res[i].sha256;
	memset(&f, 0, sizeof(f));
	if ((r = case_stored(store_scan_next_id(w->st, &f.id))) != CASE_OK)
		goto out;
	f.cvr = rec->cvr;
	f.case_id = have_l ? L.c.id : NULL;
	f.power = basis_text(power);
	f.origin = rec->import_name != NULL ? "import" : "run";
	f.import_name = rec->import_name;
	f.import_sha256 = rec->import_sha256;
	f.allow_hosted = rec->allow_hosted;
	f.hosted = hosted;
	f.scope = scope;
	f.started = rec->started;
	f.finished = rec->finished;
	f.scanner_version = in->version;
	f.argv = argv;
	f.actor = w->actor;
	f.exit_status = rec->exit_status;
	f.header = in->header;
	f.header_len = in->header_len;
	f.summary = in->summary;
	f.summary_len = in->summary_len;
	r = CASE_NOMEM;
	if ((payload = case_scan_payload(&f, sha, in->nres)) == NULL)
		goto out;
	/* The journal event first, then the rows that point at it. */
	if ((r = append_text(w, f.case_id, "scan-run", payload, &seq)) !=
	    CASE_OK)
		goto out;
	f.event = seq;
	if ((r = case_stored(store_scan_run_insert(w->st, &f))) != CASE_OK)
		goto out;
	for (i = 0; i < in->nres; i++) {
		const struct scan_result *x = &in->res[i];

		memset(&rf, 0, sizeof(rf));
		rf.run = f.id;
		rf.n = (int64_t)i + 1;
		rf.service = x->key.service;
		rf.ip = x->key.ip;
		rf.port = x->key.port;
		rf.host = x->key.host;
		rf.error = x->key.error;
		rf.error_kind = x->key.error_kind;
		rf.sha256 = x->sha256;
		rf.content = x->p;
		rf.len = x->len;
		if ((r = case_stored(store_scan_result_insert(w->st, &rf))) !=
		    CASE_OK)
			goto out;
	}
	*id = f.id;
	r = CASE_OK;
 out:
	free(sha);
	free(argv);
	free(hosted);
	free(scope);
	free(payload);
	scan_gate_release(&g);
	if (have_l)
		case_state_release(&L);
	return case_end(w, NULL, r);
}
