/*
 * entity.c: the commands of the entity register (§ 10): entity add, show
 * and list.  The yes/no facts are law/entity.c's one list of flags.
 * Trusts the library to classify and register; prints what is stored.
 */
#include <stdio.h>
#include <string.h>

#include "common/text.h"
#include "law/basis.h"
#include "law/entity.h"
#include "casefile/cli/cli.h"

int
cmd_entity_add(struct ctx *x, const struct opts *o, char **args)
{
	static const int lists[REG_NLISTS] = { [REG_EMAILS] = O_EMAIL,
	    [REG_PHONES] = O_PHONE, [REG_IP_RANGES] = O_IP_RANGE,
	    [REG_HOSTS] = O_HOST, [REG_MEMBER_STATES] = O_MEMBER };
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
		r = print_json(x, j);
		j = NULL;
	} else {
		print_entity(&e, j);
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
