/*
 * entity.c: the commands of the entity register (§ 10): entity add,
 * update, show (with the registration's history) and list.  The yes/no
 * facts are law/entity.c's one list of flags.  Trusts the library to
 * classify and register; prints what is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"
#include "law/basis.h"
#include "law/caltime.h"
#include "law/entity.h"
#include "casefile/cli/cli.h"

/* The options of the register's lists, in enum reg_list's order. */
static const int lists[REG_NLISTS] = { [REG_EMAILS] = O_EMAIL,
    [REG_PHONES] = O_PHONE, [REG_IP_RANGES] = O_IP_RANGE,
    [REG_HOSTS] = O_HOST, [REG_MEMBER_STATES] = O_MEMBER };

int
cmd_entity_add(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	struct registration g;
	enum entity_class cls;
	json_t *record = NULL;
	size_t i;
	int r;

	(void)args;
	memset(&g, 0, sizeof(g));
	entity_facts_init(&g.facts);
	if (o->v[O_CVR] == NULL)
		return msg(x, NULL, EXIT_USAGE, "--cvr is required");
	if (text_blank(o->v[O_NAME]))
		return msg(x, NULL, EXIT_USAGE, "--name is required");
	if (o->n[O_SECTOR] <= 0)
		return msg(x, NULL, EXIT_USAGE, "--sector is required");
	g.cvr = o->v[O_CVR];
	g.name = o->v[O_NAME];
	g.address = o->v[O_ADDRESS];
	g.registered = o->v[O_REGISTERED];
	g.ports = o->v[O_PORTS];
	g.covered_since = o->v[O_COVERED];
	g.wide_range = o->v[O_WIDE_RANGE];
	g.overlap = o->v[O_OVERLAP];
	if (g.ports != NULL && o->list[O_IP_RANGE].n == 0)
		return msg(x, NULL, EXIT_USAGE, "--ports are the ports of the "
		    "registered IP ranges: give --ip-range too");
	g.facts.sectors = (uint32_t)o->n[O_SECTOR];
	g.facts.subsector = o->v[O_SUBSECTOR];
	g.facts.employees = o->n[O_EMPLOYEES];
	g.facts.turnover_eur = o->n[O_TURNOVER];
	g.facts.balance_eur = o->n[O_BALANCE];
	if (o->n[O_EXCLUDED] >= 0)
		g.facts.excluded_by = (enum exclusion)o->n[O_EXCLUDED];
	/* The flags, in the order given: law/entity.c's names. */
	g.flags = o->list[O_FLAG];
	for (i = 0; i < g.flags.n; i++)
		if (entity_set_flag(&g.facts, g.flags.v[i]) != 0)
			return msg(x, NULL, EXIT_FAIL, "--%s: no such entity "
			    "fact", g.flags.v[i]);
	for (i = 0; i < REG_NLISTS; i++)
		g.lists[i] = o->list[lists[i]];
	if ((r = case_entity_add(&x->w, &g, &record, &cls, &res)) != CASE_OK)
		return fail_case(x, r, &res);
	if (x->json)
		return print_json(x, record);
	printf("%s %s\n", g.cvr, class_name(cls));
	json_decref(record);
	return EXIT_OK;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * entity update: each option given replaces the registered value (a
 * repeated option's values replace the whole list, the flags given
 * replace the flags); --clear FIELD removes one.
 */
int
cmd_entity_update(struct ctx *x, const struct opts *o, char **args)
{
	static const struct {
		int		 opt;
		enum reg_field	 f;
	} given[] = {
		{ O_NAME, REGF_NAME }, { O_ADDRESS, REGF_ADDRESS },
		{ O_SECTOR, REGF_SECTORS }, { O_SUBSECTOR, REGF_SUBSECTOR },
		{ O_EMPLOYEES, REGF_EMPLOYEES }, { O_TURNOVER, REGF_TURNOVER },
		{ O_BALANCE, REGF_BALANCE }, { O_FLAG, REGF_FLAGS },
		{ O_EXCLUDED, REGF_EXCLUDED }, { O_PORTS, REGF_PORTS },
		{ O_COVERED, REGF_COVERED_SINCE },
		{ O_WIDE_RANGE, REGF_WIDE_RANGE }, { O_OVERLAP, REGF_OVERLAP },
		{ O_EMAIL, REGF_EMAILS }, { O_PHONE, REGF_PHONES },
		{ O_IP_RANGE, REGF_IP_RANGES }, { O_HOST, REGF_HOSTS },
		{ O_MEMBER, REGF_MEMBER_STATES },
	};
	struct case_result res = { "", "" };
	struct reg_update u;
	struct registration *g = &u.set;
	enum entity_class cls;
	json_t *ev = NULL, *v;
	const char *k, *keys[32];
	size_t i, n;
	int r, f;

	if (parse_cvr(x, args[0]) != 0)
		return EXIT_USAGE;
	memset(&u, 0, sizeof(u));
	entity_facts_init(&g->facts);
	g->cvr = args[0];
	for (i = 0; i < sizeof(given) / sizeof(given[0]); i++)
		if (o->v[given[i].opt] != NULL)
			u.given |= 1u << given[i].f;
	for (i = 0; i < o->list[O_CLEAR].n; i++)
		if ((f = reg_field_lookup(o->list[O_CLEAR].v[i])) >= 0)
			u.clear |= 1u << f;
	for (i = 0; i < REGF_NFIELDS; i++)
		if ((u.given & u.clear & (1u << i)) != 0)
			return msg(x, NULL, EXIT_USAGE, "--clear %s and a new "
			    "value for it: give one", reg_field_name(i));
	if (u.given == 0 && u.clear == 0)
		return msg(x, NULL, EXIT_USAGE, "nothing to change: give the "
		    "values to register or --clear FIELD");
	if (o->v[O_NAME] != NULL && text_blank(o->v[O_NAME]))
		return msg(x, NULL, EXIT_USAGE, "--name has no visible "
		    "character");
	g->name = o->v[O_NAME];
	g->address = o->v[O_ADDRESS];
	g->ports = o->v[O_PORTS];
	g->covered_since = o->v[O_COVERED];
	g->wide_range = o->v[O_WIDE_RANGE];
	g->overlap = o->v[O_OVERLAP];
	u.changed = o->v[O_CHANGED];
	if (o->n[O_SECTOR] > 0)
		g->facts.sectors = (uint32_t)o->n[O_SECTOR];
	g->facts.subsector = o->v[O_SUBSECTOR];
	g->facts.employees = o->n[O_EMPLOYEES];
	g->facts.turnover_eur = o->n[O_TURNOVER];
	g->facts.balance_eur = o->n[O_BALANCE];
	if (o->n[O_EXCLUDED] >= 0)
		g->facts.excluded_by = (enum exclusion)o->n[O_EXCLUDED];
	g->flags = o->list[O_FLAG];
	for (i = 0; i < REG_NLISTS; i++)
		g->lists[i] = o->list[lists[i]];
	if ((r = case_entity_update(&x->w, &u, &ev, &cls, &res)) != CASE_OK)
		return fail_case(x, r, &res);
	if (x->json)
		return print_json(x, ev);
	printf("%s %s\n", args[0], class_name(cls));
	/* the keys in the order the stored event has them: sorted */
	n = 0;
	json_object_foreach(json_object_get(ev, "changes"), k, v)
		if (n < sizeof(keys) / sizeof(keys[0]))
			keys[n++] = k;
	qsort(keys, n, sizeof(keys[0]), key_cmp);
	printf("changed:");
	for (i = 0; i < n; i++)
		printf("%s %s", i > 0 ? "," : "", esc(keys[i]));
	printf("\n");
	json_decref(ev);
	return EXIT_OK;
}

static void
print_list(json_t *j, const char *key, const char *label)
{
	json_t *a = json_object_get(j, key), *v;
	size_t i;

	json_array_foreach(a, i, v)
		printf("%-14s%s\n", i == 0 ? label : "", esc(json_string_value(v)));
}

static void
print_fig(json_t *j, const char *key, const char *label, const char *unit)
{
	json_t *v = json_object_get(j, key);

	if (json_is_integer(v))
		printf("%-14s%s%" JSON_INTEGER_FORMAT "\n", label, unit,
		    json_integer_value(v));
}

static void
print_str(json_t *j, const char *key, const char *label)
{
	json_t *v = json_object_get(j, key);

	if (v != NULL)
		printf("%-14s%s\n", label, esc(json_string_value(v)));
}

static void
print_entity(const struct entity_row *e, json_t *j)
{
	json_t *a, *v;
	size_t i;

	printf("%-14s%s\n", "cvr:", esc(e->cvr));
	printf("%-14s%s\n", "name:", esc(e->name));
	printf("%-14s%s", "class:", esc(e->cls));
	a = json_object_get(j, "basis");
	json_array_foreach(a, i, v)
		printf("%s%s", i == 0 ? " (" : "; ", esc(json_string_value(v)));
	printf("%s\n", json_array_size(a) ? ")" : "");
	printf("%-14s%s\n", "size:", esc(json_string_value(json_object_get(j,
	    "size"))));
	print_list(j, "sectors", "sectors:");
	print_fig(j, "employees", "employees:", "");
	print_fig(j, "turnover_eur", "turnover:", "EUR ");
	print_fig(j, "balance_eur", "balance:", "EUR ");
	print_list(j, "flags", "flags:");
	print_str(j, "address", "address:");
	print_list(j, "emails", "e-mail:");
	print_list(j, "phones", "phone:");
	print_list(j, "ip_ranges", "ip-range:");
	print_str(j, "ports", "ports:");
	print_list(j, "hosts", "host:");
	print_list(j, "member_states", "member-state:");
	print_str(j, "registered", "registered:");
	print_str(j, "covered_since", "covered since:");
	print_str(j, "wide_range", "wide range:");
	print_str(j, "overlap", "overlap:");
}

/*
 * A registered value as the history prints it: a list's values joined by
 * "; " (as the basis is printed: a citation holds commas), "(none)" for
 * nothing.
 */
static void
print_value(json_t *v)
{
	json_t *m;
	size_t i;

	if (json_is_string(v))
		printf("%s", esc(json_string_value(v)));
	else if (json_is_integer(v))
		printf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_array(v) && json_array_size(v) > 0)
		json_array_foreach(v, i, m) {
			printf("%s", i > 0 ? "; " : "");
			print_value(m);
		}
	else
		printf("(none)");
}

/* The Copenhagen date of an event: its moved "today" or its time. */
static void
event_date(const struct event_row *e, json_t *p, char *buf, size_t len)
{
	int64_t day;

	if (reg_event_day(e, p, &day) != 0)
		snprintf(buf, len, "?");
	else
		caltime_format_date(day, buf, len);
}

/* The history of one entity: its entity-add and entity-update events. */
struct history {
	json_t	*a;	/* -o json: the entries */
	size_t	 n;	/* entries printed */
	int	 nomem;
};

static int
history_one(const union store_fields *u, void *arg)
{
	const struct event_row *e = &u->event;
	struct history *h = arg;
	json_t *p, *ch, *c, *item;
	const char *k, *cls;
	char day[DATE_LEN];
	int add = e->kind != NULL && strcmp(e->kind, "entity-add") == 0;
	int width;
	size_t i = 0;

	if (e->payload == NULL || (p = json_loads(e->payload, 0, NULL)) ==
	    NULL)
		return 0;
	event_date(e, p, day, sizeof(day));
	cls = json_string_value(json_object_get(p, "class"));
	ch = json_object_get(p, "changes");
	if (h->a != NULL) {
		item = json_pack("{s:I, s:s, s:s?, s:s?, s:s?, s:O*, s:O*}",
		    "seq", (json_int_t)e->seq, "date", day, "actor", e->actor,
		    "event", e->kind, "class", cls, "changes", add ? NULL : ch,
		    "changed", json_object_get(p, "changed"));
		if (item == NULL || json_array_append_new(h->a, item) != 0)
			h->nomem = 1;
		json_decref(p);
		return h->nomem;
	}
	/* one change a line, under the first */
	width = printf("%-14s%s  %s  ", h->n++ == 0 ? "history:" : "", day,
	    esc(e->actor));
	if (add)
		printf("registered (%s)\n", esc(cls));
	else
		json_object_foreach(ch, k, c) {
			printf("%*s%s: ", i++ > 0 ? width : 0, "", esc(k));
			print_value(json_object_get(c, "old"));
			printf(" -> ");
			print_value(json_object_get(c, "new"));
			printf("\n");
		}
	if (!add && json_is_string(json_object_get(p, "changed")))
		printf("%*s(changed on %s)\n", width, "", esc(json_string_value(
		    json_object_get(p, "changed"))));
	json_decref(p);
	return 0;
}

int
cmd_entity_show(struct ctx *x, const struct opts *o, char **args)
{
	struct entity_row e;
	json_t *j;
	int r;

	(void)o;
	if (parse_cvr(x, args[0]) != 0)
		return EXIT_USAGE;
	if ((r = store_entity_get(x->w.st, args[0], &e)) == STORE_NOTFOUND)
		return msg(x, args[0], EXIT_USAGE, "no such entity");
	if (r != STORE_OK)
		return fail_store(x, r);
	if ((j = json_loads(e.data, 0, NULL)) == NULL)
		r = msg(x, args[0], EXIT_FAIL, "stored entity is not JSON");
	else if (x->json) {
		struct history h = { json_array(), 0, 0 };

		if (h.a == NULL || json_object_set_new(j, "history", h.a) != 0)
			r = fail_store(x, STORE_NOMEM);
		else if ((r = store_list(x->w.st, STORE_ENTITY_EVENTS, args[0],
		    history_one, &h)) != STORE_OK || h.nomem)
			r = fail_store(x, h.nomem ? STORE_NOMEM : r);
		else {
			r = print_json(x, j);
			j = NULL;
		}
	} else {
		struct history h = { NULL, 0, 0 };

		print_entity(&e, j);
		if ((r = store_list(x->w.st, STORE_ENTITY_EVENTS, args[0],
		    history_one, &h)) != STORE_OK)
			r = fail_store(x, r);
		else
			r = EXIT_OK;
	}
	json_decref(j);
	entity_row_release(&e);
	return r;
}

static json_t *
entity_json(const union store_fields *u)
{
	return json_pack("{s:s?, s:s?, s:s?}", "cvr", u->entity.cvr, "name",
	    u->entity.name, "class", u->entity.cls);
}

static void
entity_text(const union store_fields *u)
{
	printf("%s  %-11s  %s\n", esc(u->entity.cvr), esc(u->entity.cls),
	    esc(u->entity.name));
}

int
cmd_entity_list(struct ctx *x, const struct opts *o, char **args)
{
	(void)args;
	return print_rows(x, STORE_ENTITIES, o->v[O_CLASS], entity_json,
	    entity_text);
}
