/*
 * register.c: the entity register (§ 10): the syntax of registered
 * values, and entity add, in one transaction with its journal event.
 * Trusts law/entity.c to classify, store.c for the SQL and journal.c for
 * the chain; trusts its callers for the syntax of options (texts checked
 * by common/text.h), not for their sense.
 */
#include <sys/socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/netsyntax.h"
#include "law/rules.h"
#include "casefile/case.h"
#include "casefile/case_impl.h"
#include "casefile/register.h"

/* The record's keys of the lists, in enum reg_list's order. */
static const char *const reg_keys[REG_NLISTS] = { "emails", "phones",
	"ip_ranges", "hosts", "member_states" };

int
reg_host_parse(const char *v, struct reg_host *h)
{
	const char *p = v, *end, *sep;
	struct cidr c;
	size_t n;
	int k;

	memset(h, 0, sizeof(*h));
	snprintf(h->service, sizeof(h->service), "tls");
	h->port = 443;
	if ((sep = strstr(v, "://")) != NULL) {
		if ((k = net_scheme_find(v, (size_t)(sep - v))) == -1)
			return -1;
		snprintf(h->service, sizeof(h->service), "%s",
		    net_schemes[k].name);
		h->port = net_schemes[k].port;
		p = sep + 3;
	}
	if (*p == '[') {
		/* [V6] or [V6]:PORT: an address, never a range */
		if ((end = strchr(p, ']')) == NULL ||
		    (n = (size_t)(end - p - 1)) == 0 || n >= sizeof(h->name))
			return -1;
		memcpy(h->name, p + 1, n);
		h->name[n] = '\0';
		if (strchr(h->name, '/') != NULL ||
		    cidr_parse(h->name, &c) != CIDR_OK || c.family != AF_INET6)
			return -1;
		end++;
	} else {
		end = strchr(p, ':');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if (n >= sizeof(h->name) || !host_name_valid(p, n))
			return -1;
		memcpy(h->name, p, n);
		h->name[n] = '\0';
		if (end == NULL)
			return 0;
	}
	if (*end == '\0')
		return 0;
	if (*end != ':' || port_parse(end + 1, &h->port) != 0)
		return -1;
	return 0;
}

bool
reg_ports_valid(const char *v)
{
	struct portlist *pl = malloc(sizeof(*pl));
	bool ok = pl != NULL && portlist_parse(v, pl) == 0;

	free(pl);
	return ok;
}

bool
reg_valid(enum reg_list l, const char *v)
{
	struct reg_host h;
	struct cidr cidr;

	switch (l) {
	case REG_EMAILS:
		return strchr(v, '@') != NULL && strchr(v, ' ') == NULL;
	case REG_PHONES:
		return strspn(v, "+0123456789 ") == strlen(v) && strlen(v) >= 8;
	case REG_IP_RANGES:
		return cidr_parse(v, &cidr) == CIDR_OK;
	case REG_HOSTS:
		return reg_host_parse(v, &h) == 0;
	case REG_MEMBER_STATES:
		return member_state_valid(v);
	default:
		return false;
	}
}

/*
 * The entity-add payload: what was registered (§ 10) and how the law
 * classifies it (§§ 1, 4, 5).  Stored as the entity's data, too.
 */
static json_t *
entity_record(const struct registration *g, const struct classification *cl)
{
	const struct entity_facts *f = &g->facts;
	const struct {
		const char	*key;
		int64_t		 v;
	} figures[] = {
		{ "employees", f->employees },
		{ "turnover_eur", f->turnover_eur },
		{ "balance_eur", f->balance_eur },
	};
	const char *v[SECTOR_COUNT + CLASSIFY_MAX_BASIS];
	json_t *j;
	size_t i, n = 0;

	if ((j = json_pack("{s:s, s:s, s:s, s:s, s:s*, s:s*, s:s*, s:s*}",
	    "cvr", g->cvr, "name", g->name, "class", class_name(cl->cls),
	    "size", size_name(cl->size), "subsector", f->subsector,
	    "address", g->address, "registered", g->registered,
	    "excluded_by", f->excluded_by != EXCL_NONE ?
	    exclusion_name(f->excluded_by) : NULL)) == NULL)
		return NULL;
	/* The ports of the ranges, when registered (§ 10 scope). */
	if (g->ports != NULL && json_object_set_new(j, "ports",
	    json_string(g->ports)) != 0)
		goto fail;
	for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++)
		if (figures[i].v != FIGURE_UNKNOWN && json_object_set_new(j,
		    figures[i].key, json_integer(figures[i].v)) != 0)
			goto fail;
	for (i = 0; i < SECTOR_COUNT; i++)
		if (f->sectors & (1u << i))
			v[n++] = sector_slug((enum sector)i);
	if (json_object_set_new(j, "sectors", case_strings(v, n)) != 0)
		goto fail;
	for (n = 0; n < cl->nbasis; n++)
		v[n] = basis_text(cl->basis[n]);
	if (json_object_set_new(j, "basis", case_strings(v, n)) != 0 ||
	    json_object_set_new(j, "flags", case_strings(g->flags.v,
	    g->flags.n)) != 0)
		goto fail;
	for (i = 0; i < REG_NLISTS; i++)
		if (json_object_set_new(j, reg_keys[i], case_strings(g->lists[i].v,
		    g->lists[i].n)) != 0)
			goto fail;
	return j;
 fail:
	json_decref(j);
	return NULL;
}

int
case_entity_add(struct case_writer *w, const struct registration *g,
    json_t **record, enum entity_class *cls, struct case_result *res)
{
	const struct entity_facts *f = &g->facts;
	struct classification cl;
	struct entity_row row;
	json_t *j = NULL;
	char *data = NULL;
	int r;

	*record = NULL;
	snprintf(res->id, sizeof(res->id), "%s", g->cvr);
	if (entity_facts_check(f, res->msg, sizeof(res->msg)) != 0)
		return CASE_BADINPUT;
	classify(f, &cl);
	*cls = cl.cls;
	r = CASE_NOMEM;
	if ((j = entity_record(g, &cl)) == NULL ||
	    (data = case_payload_text(j, NULL)) == NULL)
		goto out;
	memset(&row, 0, sizeof(row));
	snprintf(row.cvr, sizeof(row.cvr), "%s", g->cvr);
	snprintf(row.cls, sizeof(row.cls), "%s", class_name(cl.cls));
	row.name = (char *)(uintptr_t)g->name;
	row.data = data;
	/* § 23 does not apply to public administration entities. */
	row.public_admin = rules_public_admin((f->sectors &
	    (1u << SECTOR_PUBLIC_ADMIN)) != 0, f->state_body, f->region);
	row.turnover = f->turnover_eur;
	if ((r = case_stored(store_begin(w->st))) != CASE_OK)
		goto out;
	if ((r = store_entity_insert(w->st, &row)) == STORE_EXISTS)
		r = case_say(res, CASE_EXISTS, "already registered");
	else if ((r = case_stored(r)) == CASE_OK)
		r = case_append_json(w, NULL, "entity-add", json_incref(j));
	r = case_end(w, NULL, r);
 out:
	free(data);
	if (r == CASE_OK)
		*record = j;
	else
		json_decref(j);
	return r;
}

