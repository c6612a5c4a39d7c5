/*
 * export.c: the case as XML (a libxml2 tree, never string concatenation)
 * and as JSON (jansson).  Trusts the loaded case to be what the database
 * holds; the texts in it are UTF-8 without control characters (the
 * commands refuse others), so any of them is safe in XML.  Every libxml2
 * and jansson call that can fail is checked: an export is all there or
 * not at all.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "law/basis.h"
#include "law/caltime.h"
#include "common/xmlout.h"
#include "casefile/export.h"

#define AUTHORITY	"Ministeriet for Samfundssikkerhed og Beredskab"

/*
 * Incident notifications are exempt from aktindsigt (§ 12): an export for
 * an access request leaves them out, and their evidence with them.  The
 * one filter of both exports.
 */
static bool
withheld(const struct case_state *L, bool access_request, int n)
{
	const struct step_row *s;

	return access_request && (s = case_step(L, n)) != NULL &&
	    case_step_kind(s->kind) == STEP_INCIDENT;
}

static size_t
withheld_count(const struct case_state *L, bool access_request)
{
	size_t i, n = 0;

	for (i = 0; i < L->nsteps; i++)
		n += withheld(L, access_request, L->steps[i].n);
	return n;
}

/* ---- XML ---- */

static const xmlChar *
X(const char *s)
{
	return (const xmlChar *)s;
}

static xmlNodePtr
child(struct xml_out *b, xmlNodePtr parent, const char *name,
    const char *text)
{
	return b->failed ? NULL : xml_child(b, parent, name, text);
}

/* An attribute when there is a value: an empty column is no attribute. */
static void
attr(struct xml_out *b, xmlNodePtr n, const char *name, const char *v)
{
	if (v != NULL && *v != '\0')
		xml_attr(b, n, name, v);
}

/* JSON keys become element names: "ip_ranges" -> "ip-range" (in arrays). */
static void
elem_name(const char *key, int plural, char *buf, size_t len)
{
	size_t i, n;

	snprintf(buf, len, "%s", key);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '_')
			buf[i] = '-';
	n = strlen(buf);
	if (plural && n > 1 && buf[n - 1] == 's' && buf[n - 2] != 's' &&
	    strcmp(buf, "basis") != 0)
		buf[n - 1] = '\0';
}

static void json_into(struct xml_out *, xmlNodePtr, const char *, json_t *, int);

static void
json_value(struct xml_out *b, xmlNodePtr parent, const char *name, json_t *v,
    int depth)
{
	char num[32];
	xmlNodePtr n;

	switch (json_typeof(v)) {
	case JSON_STRING:
		(void)child(b, parent, name, json_string_value(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		(void)child(b, parent, name, num);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		(void)child(b, parent, name, json_is_true(v) ? "yes" : "no");
		break;
	case JSON_OBJECT:
		if ((n = child(b, parent, name, NULL)) != NULL)
			json_into(b, n, NULL, v, depth + 1);
		break;
	default:
		break;
	}
}

/* The members of a JSON object as child elements of parent. */
static void
json_into(struct xml_out *b, xmlNodePtr parent, const char *skip, json_t *obj,
    int depth)
{
	const char *key;
	json_t *v, *item;
	char name[64];
	size_t i;

	if (depth > 4)
		return;
	json_object_foreach(obj, key, v) {
		if (skip != NULL && strcmp(key, skip) == 0)
			continue;
		elem_name(key, json_is_array(v), name, sizeof(name));
		if (!json_is_array(v))
			json_value(b, parent, name, v, depth);
		else
			json_array_foreach(v, i, item)
				json_value(b, parent, name, item, depth);
	}
}

/* Stored JSON text as elements; text that does not parse is left out. */
static void
json_text_into(struct xml_out *b, xmlNodePtr parent, const char *skip,
    const char *text)
{
	json_error_t je;
	json_t *j;

	if ((j = json_loads(text, 0, &je)) == NULL) {
		if (json_error_code(&je) == json_error_out_of_memory)
			b->failed = 1;
		return;
	}
	json_into(b, parent, skip, j, 0);
	json_decref(j);
}

static void
add_ref(struct xml_out *b, xmlNodePtr refs, const char *id, enum basis_id basis)
{
	xmlNodePtr n = child(b, refs, "ref", basis_text(basis));

	attr(b, n, "id", id);
	attr(b, n, "title", basis_title(basis));
}

/* The paragraphs a letter may cite, picked for the entity's class. */
static void
add_refs(struct xml_out *b, xmlNodePtr root, enum entity_class cls)
{
	xmlNodePtr refs = child(b, root, "references", NULL);

	add_ref(b, refs, "supervision", rules_supervision_basis(cls));
	add_ref(b, refs, "request", rules_request_basis(cls));
	add_ref(b, refs, "enforcement", rules_enforcement_basis(cls));
	add_ref(b, refs, "suspension", BASIS_S23);
	add_ref(b, refs, "hearing", BASIS_FVL_19);
	add_ref(b, refs, "reasons", BASIS_FVL_22_24);
	add_ref(b, refs, "appeal", BASIS_FVL_25);
	add_ref(b, refs, "journal", BASIS_OFFL_15);
	add_ref(b, refs, "penalties", BASIS_S32);
	add_ref(b, refs, "fine", rules_fine_basis(cls));
	add_ref(b, refs, "self-incrimination", BASIS_RSL);
}

static void
add_step(struct xml_out *b, xmlNodePtr steps, const struct case_state *L,
    const struct step_row *p)
{
	xmlNodePtr s, n;
	size_t k;

	s = child(b, steps, "step", NULL);
	xml_attr_num(b, s, "n", (long long)p->n);
	attr(b, s, "kind", p->kind);
	attr(b, s, "date", p->date);
	attr(b, s, "measure", p->measure);
	attr(b, s, "deadline", p->deadline);
	attr(b, s, "report-deadline", p->report_deadline);
	attr(b, s, "actor", p->actor);
	if (p->ref > 0)
		xml_attr_num(b, s, "ref", (long long)p->ref);
	json_text_into(b, s, "evidence", p->data);
	for (k = 0; k < L->nev; k++) {
		const struct evidence_item *e = &L->ev[k];

		if (e->step != p->n)
			continue;
		n = child(b, s, "evidence", NULL);
		attr(b, n, "name", e->name);
		xml_attr_num(b, n, "size", (long long)e->size);
		attr(b, n, "sha256", e->sha256);
		attr(b, n, "actor", e->actor);
	}
}

/*
 * The document journal (offentlighedsloven § 15): every document sent
 * and received, with its date, direction, subject and SHA-256; those of
 * a withheld step are left out with it.
 */
static void
add_documents(struct xml_out *b, xmlNodePtr root, const struct case_state *L,
    bool access_request)
{
	xmlNodePtr docs = child(b, root, "documents", NULL), n;
	size_t i;

	for (i = 0; i < L->ndocs; i++) {
		const struct document_item *d = &L->docs[i];

		if (withheld(L, access_request, d->step))
			continue;
		n = child(b, docs, "document", d->subject);
		xml_attr_num(b, n, "n", (long long)d->n);
		xml_attr_num(b, n, "step", (long long)d->step);
		attr(b, n, "direction", d->direction);
		attr(b, n, "date", d->date);
		attr(b, n, "party", d->party);
		attr(b, n, "name", d->name);
		attr(b, n, "format", d->format);
		xml_attr_num(b, n, "size", (long long)d->size);
		attr(b, n, "sha256", d->sha256);
		attr(b, n, "template", d->template);
		attr(b, n, "template-sha256", d->template_sha256);
		attr(b, n, "reason", d->reason);
		attr(b, n, "actor", d->actor);
	}
}

int
export_xml(const struct case_state *L, bool access_request,
    const char *today, xmlDocPtr *out)
{
	const struct case_row *c = &L->c;
	struct xml_out b = { 0 };
	xmlDocPtr doc = NULL;
	xmlNodePtr root = NULL, n, steps;
	size_t i;

	*out = NULL;
	if ((doc = xmlNewDoc(X("1.0"))) == NULL ||
	    (root = xmlNewNode(NULL, X("case"))) == NULL) {
		xmlFreeDoc(doc);
		return CASE_NOMEM;
	}
	xmlDocSetRootElement(doc, root);
	attr(&b, root, "id", c->id);
	attr(&b, root, "opened", c->opened);
	attr(&b, root, "basis", c->basis);
	attr(&b, root, "status", c->closed[0] ? "closed" : "open");
	attr(&b, root, "criminal", c->criminal ? "yes" : "no");
	attr(&b, root, "generated", today);
	(void)child(&b, root, "authority", AUTHORITY);
	add_refs(&b, root, L->rc.cls);
	(void)child(&b, root, "subject", c->subject);
	if (c->indication != NULL)
		(void)child(&b, root, "indication", c->indication);
	if (c->closed[0]) {
		n = child(&b, root, "closed", c->close_reason);
		attr(&b, n, "date", c->closed);
	}
	if (c->max_fine >= 0) {
		char num[32];

		snprintf(num, sizeof(num), "%" PRId64, c->max_fine);
		(void)child(&b, root, "max-fine-eur", num);
	}
	n = child(&b, root, "entity", NULL);
	attr(&b, n, "cvr", L->e.cvr);
	attr(&b, n, "class", L->e.cls);
	attr(&b, n, "public-administration", L->e.public_admin ? "yes" :
	    "no");
	json_text_into(&b, n, "cvr", L->e.data);
	steps = child(&b, root, "steps", NULL);
	for (i = 0; i < L->nsteps; i++)
		if (!withheld(L, access_request, L->steps[i].n))
			add_step(&b, steps, L, &L->steps[i]);
	add_documents(&b, root, L, access_request);
	if (access_request) {
		n = child(&b, root, "omitted",
		    basis_title(BASIS_S12_NO_ACCESS));
		xml_attr_num(&b, n, "incident-notifications",
		    (long long)withheld_count(L, access_request));
		attr(&b, n, "basis", basis_text(BASIS_S12_NO_ACCESS));
	}
	if (b.failed) {
		xmlFreeDoc(doc);
		return CASE_NOMEM;
	}
	*out = doc;
	return CASE_OK;
}

/* ---- JSON ---- */

/* Stored JSON text; *bad when it is not JSON for want of memory. */
static json_t *
stored_json(const char *text, bool *nomem)
{
	json_error_t je;
	json_t *j;

	if ((j = json_loads(text, 0, &je)) == NULL &&
	    json_error_code(&je) == json_error_out_of_memory)
		*nomem = true;
	return j;
}

static const char *
opt(const char *v)
{
	return v != NULL && *v != '\0' ? v : NULL;
}

/* What an item of a case's list needs: the case, and the filter. */
struct items {
	const struct case_state	*L;
	bool			 access_request;
	const struct due_list	*due;
};

/* A step (unless withheld), its data as stored. */
static json_t *
step_item(size_t i, const void *arg, bool *skip)
{
	const struct items *it = arg;
	const struct step_row *p = &it->L->steps[i];
	bool nomem = false;
	json_t *s;

	if ((*skip = withheld(it->L, it->access_request, p->n)))
		return NULL;
	s = json_pack("{s:i, s:s, s:s, s:s, s:o*, s:s*, s:s*, s:s*}", "step",
	    p->n, "kind", p->kind, "date", p->date, "actor", p->actor, "data",
	    stored_json(p->data, &nomem), "measure", opt(p->measure),
	    "deadline", opt(p->deadline), "report_deadline",
	    opt(p->report_deadline));
	if (s != NULL && (nomem || (p->ref > 0 && json_object_set_new(s,
	    "ref", json_integer(p->ref)) != 0))) {
		json_decref(s);
		s = NULL;
	}
	return s;
}

/* An evidence file (unless its step is withheld). */
static json_t *
evidence_item(size_t i, const void *arg, bool *skip)
{
	const struct items *it = arg;
	const struct evidence_item *e = &it->L->ev[i];

	if ((*skip = withheld(it->L, it->access_request, e->step)))
		return NULL;
	return json_pack("{s:i, s:s, s:I, s:s, s:s}", "step", e->step, "name",
	    e->name, "size", (json_int_t)e->size, "sha256", e->sha256, "actor",
	    e->actor);
}

/* A document of the document journal (unless its step is withheld). */
static json_t *
document_item(size_t i, const void *arg, bool *skip)
{
	const struct items *it = arg;
	const struct document_item *d = &it->L->docs[i];

	if ((*skip = withheld(it->L, it->access_request, d->step)))
		return NULL;
	return json_pack("{s:i, s:i, s:s, s:s, s:s, s:s, s:s*, s:s*, s:I, "
	    "s:s, s:s*, s:s*, s:s*, s:s}", "document", d->n, "step", d->step,
	    "direction", d->direction, "date", d->date, "subject", d->subject,
	    "party", d->party, "name", d->name, "format", opt(d->format),
	    "size", (json_int_t)d->size, "sha256", d->sha256, "template",
	    d->template, "template_sha256", opt(d->template_sha256), "reason",
	    d->reason, "actor", d->actor);
}

/* An open deadline of the case. */
static json_t *
deadline_item(size_t i, const void *arg, bool *skip)
{
	const struct due_item *d = &((const struct items *)arg)->due->v[i];
	char day[DATE_LEN];

	(void)skip;
	caltime_format_date(d->day, day, sizeof(day));
	return json_pack("{s:i, s:s, s:s, s:s}", "step", d->n, "deadline", day,
	    "what", due_what(d), "basis", basis_text(d->basis));
}

int
export_json(const struct case_state *L, bool access_request, json_t **out)
{
	const struct items it = { L, access_request, NULL };
	const struct case_row *c = &L->c;
	bool nomem = false;
	json_t *j;

	*out = NULL;
	j = json_pack("{s:s, s:s, s:s, s:s, s:s*, s:s, s:s, s:s*, s:s*, s:b, "
	    "s:o, s:o, s:o*}", "case", c->id, "cvr", c->cvr, "entity",
	    L->e.name, "basis", c->basis, "indication", c->indication,
	    "subject", c->subject, "opened", c->opened, "closed",
	    opt(c->closed), "close_reason", c->close_reason, "criminal",
	    c->criminal != 0, "steps", case_array(L->nsteps, step_item, &it),
	    "evidence", case_array(L->nev, evidence_item, &it), "entity_data",
	    stored_json(L->e.data, &nomem));
	if (j != NULL && json_object_set_new(j, "documents", case_array(
	    L->ndocs, document_item, &it)) != 0)
		nomem = true;
	if (j != NULL && !nomem && access_request &&
	    json_object_set_new(j, "omitted", json_pack("{s:I, s:s, s:s}",
	    "incident_notifications", (json_int_t)withheld_count(L,
	    access_request), "basis", basis_text(BASIS_S12_NO_ACCESS), "note",
	    basis_title(BASIS_S12_NO_ACCESS))) != 0)
		nomem = true;
	if (j == NULL || nomem) {
		json_decref(j);
		return CASE_NOMEM;
	}
	*out = j;
	return CASE_OK;
}

int
export_show_json(const struct case_state *L, const struct due_list *d,
    json_t **out)
{
	const struct items it = { L, false, d };
	const struct case_row *c = &L->c;
	json_t *j;

	*out = NULL;
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s*, s:s, s:s, s:s*, s:s*, "
	    "s:b, s:o, s:o}", "case", c->id, "cvr", c->cvr, "entity",
	    L->e.name, "class", L->e.cls, "basis", c->basis, "indication",
	    c->indication, "subject", c->subject, "opened", c->opened,
	    "closed", opt(c->closed), "close_reason", c->close_reason,
	    "criminal", c->criminal != 0, "steps", case_array(L->nsteps,
	    step_item, &it), "open_deadlines", case_array(d->n, deadline_item,
	    &it));
	if (j != NULL && c->max_fine >= 0 && json_object_set_new(j,
	    "max_fine_eur", json_integer(c->max_fine)) != 0) {
		json_decref(j);
		j = NULL;
	}
	if (j == NULL)
		return CASE_NOMEM;
	*out = j;
	return CASE_OK;
}
