/*
 * export.c: the case as XML (a libxml2 tree, never string concatenation)
 * and as JSON (jansson).  Trusts the loaded case to be what the database
 * holds; the texts in it are UTF-8 without control characters (the
 * commands refuse others), so any of them is safe in XML.  Every libxml2
 * and jansson call that can fail is checked: an export is all there or
 * not at all.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "law/basis.h"
#include "law/caltime.h"
#include "common/xmlout.h"
#include "casefile/export.h"

#define AUTHORITY	"Ministeriet for Samfundssikkerhed og Beredskab"

/* ---- what an access request leaves out ---- */

/*
 * An export for an access request (aktindsigt) leaves out, each listed
 * with its reason:
 * - incident notifications and their evidence (§ 12), and every step
 *   that answers or refers to one (its ref chain reaches an incident);
 * - derived text: the case's indication whenever the case holds an
 *   incident notification (an indication of such a case is drawn from
 *   it), and any other text of the case (subject, close reason, a value
 *   of a step's data) that quotes an incident's summary: the whole
 *   summary, or any QUOTE_WORDS consecutive words of it, compared with
 *   ASCII case and runs of white space ignored; such a text is replaced
 *   by WITHHELD_TEXT;
 * - security-sensitive information (offentlighedsloven § 33, nr. 1): the
 *   entity's registered IP ranges, hosts and ports, and the evidence
 *   and summary of security scans.
 * Where memory runs out while deciding, the text is withheld: the filter
 * fails closed.
 */
#define QUOTE_WORDS	5
#define WITHHELD_TEXT	"[undtaget fra aktindsigt]"
#define AR_NOTE \
	"Udtræk til brug for behandling af en anmodning om aktindsigt. " \
	"Hændelsesunderretninger og deres bilag er udeladt, og det samme " \
	"gælder tekst, der gengiver deres indhold (NIS 2-lovens § 12). " \
	"Sikkerhedsfølsomme oplysninger (registrerede ip-intervaller, værter " \
	"og porte samt resultater og bevismateriale fra sikkerhedsscanninger) " \
	"er udeladt (offentlighedsloven § 33, nr. 1). Hvert udeladt forhold " \
	"er anført med sin begrundelse."

/* The filter of one export: the case, and what it left out. */
struct ar {
	const struct case_state	*L;
	bool			 on;
	json_t			*list;	/* [{what, step?, basis, reason}] */
	bool			 nomem;
	/* read once, on first use (ar_load()) */
	bool			 loaded;
	char			**sums;	/* incident summaries, normal() */
	size_t			 nsums;
	json_t			*hosts;	/* the registered hosts */
};

static bool
withheld(const struct case_state *L, bool access_request, int n)
{
	const struct step_row *s;
	int depth;

	if (!access_request)
		return false;
	/* A ref points back (ref < n), so the walk ends; 64 bounds it. */
	for (depth = 0; depth < 64 && (s = case_step(L, n)) != NULL;
	    depth++) {
		if (case_step_kind(s->kind) == STEP_INCIDENT)
			return true;
		if (s->ref <= 0 || s->ref >= n)
			return false;
		n = s->ref;
	}
	return false;
}

static size_t
withheld_count(const struct case_state *L, bool access_request)
{
	size_t i, n = 0;

	for (i = 0; i < L->nsteps; i++)
		n += access_request &&
		    case_step_kind(L->steps[i].kind) == STEP_INCIDENT;
	return n;
}

static void
ar_note(struct ar *f, const char *what, int step, enum basis_id basis,
    const char *reason)
{
	json_t *e;

	if (!f->on || f->nomem)
		return;
	if (f->list == NULL && (f->list = json_array()) == NULL) {
		f->nomem = true;
		return;
	}
	e = json_pack("{s:s, s:s, s:s}", "what", what, "basis",
	    basis_text(basis), "reason", reason);
	if (e != NULL && step > 0 &&
	    json_object_set_new(e, "step", json_integer(step)) != 0) {
		json_decref(e);
		e = NULL;
	}
	if (e == NULL || json_array_append_new(f->list, e) != 0)
		f->nomem = true;
}

/* The step's stored data, parsed; NULL when it is not JSON. */
static json_t *
step_data(const struct step_row *p)
{
	json_error_t je;

	return p->data != NULL ? json_loads(p->data, 0, &je) : NULL;
}

/* Whether step p is a security scan (inspect --kind scan). */
static bool
is_scan(const struct step_row *p)
{
	json_t *d;
	bool scan;

	if (case_step_kind(p->kind) != STEP_INSPECTION)
		return false;
	d = step_data(p);
	scan = d != NULL && json_is_string(json_object_get(d, "kind")) &&
	    strcmp(json_string_value(json_object_get(d, "kind")), "scan") == 0;
	json_decref(d);
	return scan;
}

/* s lower-cased (ASCII), runs of white space as one space; NULL: memory. */
static char *
normal(const char *s)
{
	char *o, *q;

	if ((o = q = malloc(strlen(s) + 1)) == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s)) {
			if (q > o && q[-1] != ' ')
				*q++ = ' ';
			continue;
		}
		*q++ = (char)tolower((unsigned char)*s);
	}
	if (q > o && q[-1] == ' ')
		q--;
	*q = '\0';
	return o;
}

/*
 * Whether text quotes the summary sum (both normalised, so words are
 * separated by one space): the whole of it, or QUOTE_WORDS consecutive
 * words of it.
 */
static bool
quotes(const char *text, const char *sum)
{
	const char *w, *e;
	size_t tl = strlen(text), k;

	if (*sum == '\0')
		return false;
	for (w = sum;; w = strchr(w, ' ') + 1) {
		for (e = w, k = 0; k < QUOTE_WORDS && e != NULL; k++)
			e = strchr(e + (k > 0), ' ');
		if (e == NULL && k < QUOTE_WORDS && w != sum)
			return false;	/* the tail: inside an earlier run */
		if (e == NULL)
			e = w + strlen(w);
		if (memmem(text, tl, w, (size_t)(e - w)) != NULL)
			return true;
		if (*e == '\0' || strchr(w, ' ') == NULL)
			return false;
	}
}

/*
 * What the filter compares texts with, read once per export: the
 * normalised summaries of the incident notifications and the registered
 * hosts.  Out of memory: f->nomem, and every text is withheld.
 */
static void
ar_load(struct ar *f)
{
	const struct step_row *p;
	json_t *d, *sum;
	size_t i;

	if (f->loaded)
		return;
	f->loaded = true;
	if ((f->sums = calloc(f->L->nsteps + 1, sizeof(*f->sums))) == NULL) {
		f->nomem = true;
		return;
	}
	for (i = 0; i < f->L->nsteps; i++) {
		p = &f->L->steps[i];
		if (case_step_kind(p->kind) != STEP_INCIDENT)
			continue;
		d = step_data(p);
		sum = d != NULL ? json_object_get(d, "summary") : NULL;
		if (json_is_string(sum) && (f->sums[f->nsums++] =
		    normal(json_string_value(sum))) == NULL)
			f->nomem = true;
		json_decref(d);
	}
	if (f->L->e.data != NULL && (d = json_loads(f->L->e.data, 0,
	    NULL)) != NULL) {
		f->hosts = json_incref(json_object_get(d, "hosts"));
		json_decref(d);
	}
}

static void
ar_release(struct ar *f)
{
	size_t i;

	for (i = 0; f->sums != NULL && i < f->nsums; i++)
		free(f->sums[i]);
	free(f->sums);
	json_decref(f->hosts);
	json_decref(f->list);
}

/* Whether text quotes one of the case's incident notifications. */
static bool
quotes_incident(const struct ar *f, const char *text)
{
	char *nt;
	bool q = false;
	size_t i;

	if (!f->on || text == NULL || *text == '\0')
		return false;
	if (f->nomem || (nt = normal(text)) == NULL)
		return true;
	for (i = 0; i < f->nsums && !q; i++)
		q = quotes(nt, f->sums[i]);
	free(nt);
	return q;
}

/* Whether p starts an IPv4 address literal (four numbers 0-255). */
static bool
ipv4_at(const char *p)
{
	int part, digits, v;

	for (part = 0; part < 4; part++) {
		if (part > 0 && *p++ != '.')
			return false;
		for (v = 0, digits = 0; isdigit((unsigned char)*p) &&
		    digits < 4; digits++)
			v = v * 10 + (*p++ - '0');
		if (digits == 0 || digits > 3 || v > 255)
			return false;
	}
	return !isdigit((unsigned char)*p);
}

static bool
v6_char(char c)
{
	return isxdigit((unsigned char)c) || c == ':' || c == '.';
}

/*
 * Whether p (not preceded by a hex digit, ':' or '.') starts an IPv6
 * address literal: the longest run of hex digits, colons and dots, with
 * at least two colons and one decimal digit (so "Face::Cafe" is a word),
 * that inet_pton() takes once a
 * sentence's final '.' or ':' is left off ("[2001:db8::1]:443",
 * "2001:db8::1.", "::ffff:192.0.2.1").
 */
static bool
ipv6_at(const char *p)
{
	struct in6_addr a;
	char tok[INET6_ADDRSTRLEN + 8];
	size_t n, colons = 0, digits = 0;

	for (n = 0; v6_char(p[n]); n++) {
		if (n >= sizeof(tok) - 1)
			return false;
		colons += p[n] == ':';
		digits += isdigit((unsigned char)p[n]) != 0;
	}
	if (colons < 2 || digits == 0)
		return false;
	memcpy(tok, p, n);
	tok[n] = '\0';
	while (n > 0 && (tok[n - 1] == '.' || (tok[n - 1] == ':' &&
	    (n < 2 || tok[n - 2] != ':'))))
		tok[--n] = '\0';
	return inet_pton(AF_INET6, tok, &a) == 1;
}

/*
 * Whether text names an address: an IPv4 or IPv6 literal, or one of the
 * entity's registered hosts (ASCII case ignored).
 */
static bool
names_address(const struct ar *f, const char *text)
{
	const char *p;
	json_t *h;
	size_t i;

	for (p = text; *p != '\0'; p++)
		if (isdigit((unsigned char)*p) && (p == text ||
		    (!isdigit((unsigned char)p[-1]) && p[-1] != '.')) &&
		    ipv4_at(p))
			return true;
	for (p = text; *p != '\0'; p++)
		if (v6_char(*p) && (p == text || !v6_char(p[-1])) && ipv6_at(p))
			return true;
	json_array_foreach(f->hosts, i, h)
		if (json_is_string(h) && *json_string_value(h) != '\0' &&
		    strcasestr(text, json_string_value(h)) != NULL)
			return true;
	return false;
}

/* A text of the case as an access request may see it. */
static const char *
ar_text(struct ar *f, const char *what, int step, const char *text)
{
	if (!f->on || text == NULL)
		return text;
	ar_load(f);
	if (quotes_incident(f, text)) {
		ar_note(f, what, step, BASIS_S12_NO_ACCESS, "teksten gengiver "
		    "indhold af en hændelsesunderretning, som er undtaget fra "
		    "aktindsigt");
		return WITHHELD_TEXT;
	}
	if (names_address(f, text)) {
		ar_note(f, what, step, BASIS_OFFL_33_1, "teksten nævner en "
		    "ip-adresse eller en registreret vært, som er "
		    "sikkerhedsfølsom");
		return WITHHELD_TEXT;
	}
	return text;
}

/* The strings of v (depth-limited) that quote an incident, replaced. */
static void
ar_strings(struct ar *f, int step, const char *key, json_t *v, int depth)
{
	const char *k;
	json_t *item;
	size_t i;

	if (depth > 4)
		return;
	if (json_is_object(v)) {
		json_object_foreach(v, k, item) {
			if (json_is_string(item) && ar_text(f, k, step,
			    json_string_value(item)) != json_string_value(item)) {
				if (json_object_set_new(v, k,
				    json_string(WITHHELD_TEXT)) != 0)
					f->nomem = true;
			} else
				ar_strings(f, step, k, item, depth + 1);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, item) {
			if (json_is_string(item) && ar_text(f, key, step,
			    json_string_value(item)) != json_string_value(item)) {
				if (json_array_set_new(v, i,
				    json_string(WITHHELD_TEXT)) != 0)
					f->nomem = true;
			} else
				ar_strings(f, step, key, item, depth + 1);
		}
	}
}

/*
 * A step's data as an access request may see it: a new object, NULL when
 * the data is not JSON (f->nomem set when memory ran out on the way).
 */
static json_t *
ar_step_data(struct ar *f, const struct step_row *p, bool *nomem)
{
	json_t *d;

	(void)nomem;
	if ((d = step_data(p)) == NULL || !f->on)
		return d;
	if (is_scan(p)) {
		if (json_object_get(d, "evidence") != NULL &&
		    json_array_size(json_object_get(d, "evidence")) > 0)
			ar_note(f, "scan-evidence", p->n, BASIS_OFFL_33_1,
			    "bevismateriale fra en sikkerhedsscanning er "
			    "sikkerhedsfølsomt");
		if (json_object_get(d, "summary") != NULL)
			ar_note(f, "scan-summary", p->n, BASIS_OFFL_33_1,
			    "resultatet af en sikkerhedsscanning er "
			    "sikkerhedsfølsomt");
		(void)json_object_del(d, "evidence");
		(void)json_object_del(d, "summary");
	}
	ar_strings(f, p->n, NULL, d, 0);
	return d;
}

/* The entity's registered data as an access request may see it. */
static json_t *
ar_entity_data(struct ar *f, const char *text, bool *nomem)
{
	static const struct {
		const char	*key;
		const char	*reason;
	} sensitive[] = {
		{ "ip_ranges", "virksomhedens registrerede ip-intervaller er "
		    "sikkerhedsfølsomme" },
		{ "hosts", "virksomhedens registrerede værter er "
		    "sikkerhedsfølsomme" },
		{ "ports", "virksomhedens registrerede porte er "
		    "sikkerhedsfølsomme" },
		{ "wide_range", "begrundelsen for et bredt ip-interval "
		    "beskriver virksomhedens net" },
		{ "overlap", "begrundelsen for et overlappende ip-interval "
		    "beskriver virksomhedens net" },
	};
	json_error_t je;
	json_t *d, *v;
	size_t i;

	if ((d = json_loads(text, 0, &je)) == NULL) {
		if (json_error_code(&je) == json_error_out_of_memory)
			*nomem = true;
		return NULL;
	}
	if (!f->on)
		return d;
	for (i = 0; i < sizeof(sensitive) / sizeof(sensitive[0]); i++) {
		if ((v = json_object_get(d, sensitive[i].key)) == NULL)
			continue;
		if (!json_is_array(v) || json_array_size(v) > 0) {
			char what[32], *q;

			snprintf(what, sizeof(what), "%s", sensitive[i].key);
			for (q = what; *q != '\0'; q++)
				if (*q == '_')
					*q = '-';
			ar_note(f, what, 0, BASIS_OFFL_33_1,
			    sensitive[i].reason);
		}
		(void)json_object_del(d, sensitive[i].key);
	}
	return d;
}

/* Whether a step is left out, noted once (the list says why). */
static bool
ar_step_withheld(struct ar *f, const struct step_row *p)
{
	if (!withheld(f->L, f->on, p->n))
		return false;
	if (case_step_kind(p->kind) == STEP_INCIDENT)
		ar_note(f, "incident-notification", p->n, BASIS_S12_NO_ACCESS,
		    "hændelsesunderretninger og deres bilag er undtaget fra "
		    "aktindsigt");
	else
		ar_note(f, "step", p->n, BASIS_S12_NO_ACCESS, "trinnet besvarer "
		    "eller henviser til en hændelsesunderretning");
	return true;
}

/* The indication of a case that holds an incident notification: out. */
static bool
ar_indication_withheld(struct ar *f)
{
	if (f->L->c.indication == NULL || withheld_count(f->L, f->on) == 0)
		return false;
	ar_note(f, "indication", 0, BASIS_S12_NO_ACCESS, "sagen omfatter en "
	    "hændelsesunderretning, og sagens indikation kan gengive dens "
	    "indhold");
	return true;
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
add_step(struct xml_out *b, xmlNodePtr steps, struct ar *f,
    const struct step_row *p)
{
	const struct case_state *L = f->L;
	xmlNodePtr s, n;
	bool nomem = false;
	json_t *d;
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
	if (!f->on)
		json_text_into(b, s, "evidence", p->data);
	else if ((d = ar_step_data(f, p, &nomem)) != NULL) {
		json_into(b, s, "evidence", d, 0);
		json_decref(d);
	} else if (f->nomem)
		b->failed = 1;
	for (k = 0; k < L->nev; k++) {
		const struct evidence_item *e = &L->ev[k];

		if (e->step != p->n || (f->on && is_scan(p)))
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

/* What the access request left out, and why (Danish: it goes out). */
static void
add_omitted(struct xml_out *b, xmlNodePtr root, struct ar *f)
{
	xmlNodePtr o, n;
	json_t *e;
	size_t i;

	o = child(b, root, "omitted", NULL);
	xml_attr_num(b, o, "incident-notifications",
	    (long long)withheld_count(f->L, f->on));
	attr(b, o, "basis", basis_text(BASIS_S12_NO_ACCESS));
	(void)child(b, o, "note", AR_NOTE);
	json_array_foreach(f->list, i, e) {
		n = child(b, o, "withheld", json_string_value(json_object_get(e,
		    "reason")));
		attr(b, n, "what", json_string_value(json_object_get(e,
		    "what")));
		if (json_object_get(e, "step") != NULL)
			xml_attr_num(b, n, "step", (long long)json_integer_value(
			    json_object_get(e, "step")));
		attr(b, n, "basis", json_string_value(json_object_get(e,
		    "basis")));
	}
}

int
export_xml(const struct case_state *L, bool access_request,
    const char *today, xmlDocPtr *out)
{
	const struct case_row *c = &L->c;
	struct ar f = { .L = L, .on = access_request };
	struct xml_out b = { 0 };
	xmlDocPtr doc = NULL;
	xmlNodePtr root = NULL, n, steps;
	bool nomem = false;
	json_t *ed;
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
	(void)child(&b, root, "subject", ar_text(&f, "subject", 0,
	    c->subject));
	if (c->indication != NULL && !ar_indication_withheld(&f))
		(void)child(&b, root, "indication", c->indication);
	if (c->closed[0]) {
		n = child(&b, root, "closed", ar_text(&f, "close-reason", 0,
		    c->close_reason));
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
	if (!f.on)
		json_text_into(&b, n, "cvr", L->e.data);
	else if ((ed = ar_entity_data(&f, L->e.data, &nomem)) != NULL) {
		json_into(&b, n, "cvr", ed, 0);
		json_decref(ed);
	}
	steps = child(&b, root, "steps", NULL);
	for (i = 0; i < L->nsteps; i++)
		if (!ar_step_withheld(&f, &L->steps[i]))
			add_step(&b, steps, &f, &L->steps[i]);
	add_documents(&b, root, L, access_request);
	if (access_request)
		add_omitted(&b, root, &f);
	ar_release(&f);
	if (b.failed || f.nomem || nomem) {
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
	struct ar		*ar;	/* the filter (off: not an access request) */
};

/* A step (unless withheld), its data as stored. */
static json_t *
step_item(size_t i, const void *arg, bool *skip)
{
	const struct items *it = arg;
	const struct step_row *p = &it->L->steps[i];
	bool nomem = false;
	json_t *s;

	if ((*skip = it->ar != NULL && ar_step_withheld(it->ar, p)))
		return NULL;
	s = json_pack("{s:i, s:s, s:s, s:s, s:o*, s:s*, s:s*, s:s*}", "step",
	    p->n, "kind", p->kind, "date", p->date, "actor", p->actor, "data",
	    it->ar != NULL && it->ar->on ? ar_step_data(it->ar, p, &nomem) :
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

	const struct step_row *p = case_step(it->L, e->step);

	/* Its step withheld (noted there), or a scan's (noted there). */
	if ((*skip = withheld(it->L, it->access_request, e->step) ||
	    (it->access_request && p != NULL && is_scan(p))))
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
	struct ar f = { .L = L, .on = access_request };
	const struct items it = { L, access_request, NULL, &f };
	const struct case_row *c = &L->c;
	const char *subject, *reason, *indication;
	json_t *j = NULL, *steps, *ev, *ed = NULL, *om;
	bool nomem = false;

	*out = NULL;
	/* In this order, so that the list of what was left out is too. */
	subject = ar_text(&f, "subject", 0, c->subject);
	indication = ar_indication_withheld(&f) ? NULL : c->indication;
	reason = ar_text(&f, "close-reason", 0, c->close_reason);
	if (!access_request)
		ed = stored_json(L->e.data, &nomem);
	else
		ed = ar_entity_data(&f, L->e.data, &nomem);
	steps = case_array(L->nsteps, step_item, &it);
	ev = case_array(L->nev, evidence_item, &it);
	j = json_pack("{s:s, s:s, s:s, s:s, s:s*, s:s, s:s, s:s*, s:s*, s:b, "
	    "s:o, s:o, s:o*}", "case", c->id, "cvr", c->cvr, "entity",
	    L->e.name, "basis", c->basis, "indication", indication,
	    "subject", subject, "opened", c->opened, "closed",
	    opt(c->closed), "close_reason", reason, "criminal",
	    c->criminal != 0, "steps", steps, "evidence", ev, "entity_data",
	    ed);
	if (j != NULL && json_object_set_new(j, "documents", case_array(
	    L->ndocs, document_item, &it)) != 0)
		nomem = true;
	if (j != NULL && !nomem && access_request) {
		om = json_pack("{s:I, s:s, s:s, s:o}", "incident_notifications",
		    (json_int_t)withheld_count(L, access_request), "basis",
		    basis_text(BASIS_S12_NO_ACCESS), "note", AR_NOTE,
		    "withheld", f.list != NULL ? json_incref(f.list) :
		    json_array());
		if (om == NULL || json_object_set_new(j, "omitted", om) != 0)
			nomem = true;
	}
	ar_release(&f);
	if (j == NULL || nomem || f.nomem) {
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
	const struct items it = { L, false, d, NULL };
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
