/*
 * register.c: the entity register (§ 10): the syntax of registered
 * values, the register's rules (no range wider than /16 or /32 and none
 * overlapping another entity's without a reason; dates not to come and
 * not before the act), entity add and entity update, each in one
 * transaction with its journal event, and the one definition of how an
 * entity-update changes a registration (verify and due rebuild entities
 * through it).  Trusts law/entity.c to classify, store.c for the SQL and
 * journal.c for the chain; trusts its callers for the syntax of options
 * (texts checked by common/text.h), not for their sense.
 */
#include <sys/socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/netsyntax.h"
#include "law/caltime.h"
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

const char *
reg_problem(enum reg_list l, const char *v, char *buf, size_t len)
{
	char net[CIDR_TEXT_LEN], schemes[200];
	struct reg_host h;
	struct cidr cidr;

	switch (l) {
	case REG_EMAILS:
		return email_valid(v) ? NULL : "is not an e-mail address "
		    "(LOCAL@DOMAIN: one '@', something on both sides, no spaces)";
	case REG_PHONES:
		return phone_valid(v) ? NULL : "is not a telephone number (an "
		    "optional '+', then 6 to 20 digits, single spaces or dashes "
		    "between digits)";
	case REG_IP_RANGES:
		if (cidr_parse(v, &cidr) != CIDR_OK)
			return "is not an address or CIDR range";
		if (!cidr_host_bits(&cidr, net, sizeof(net)))
			return NULL;
		snprintf(buf, len, "has host bits set: the network is %s", net);
		return buf;
	case REG_HOSTS:
		if (reg_host_parse(v, &h) == 0)
			return NULL;
		net_scheme_list(schemes, sizeof(schemes));
		snprintf(buf, len, "is not a scanner target ([SCHEME://]NAME"
		    "[:PORT] or [SCHEME://][IPV6][:PORT]; SCHEME %s)", schemes);
		return buf;
	case REG_MEMBER_STATES:
		return member_state_problem(v);
	default:
		return "is not a registered value";
	}
}

bool
reg_valid(enum reg_list l, const char *v)
{
	char buf[CIDR_TEXT_LEN + 64];

	return reg_problem(l, v, buf, sizeof(buf)) == NULL;
}

/* The record's key of each field, and --clear's name (NULL: never). */
static const struct {
	const char	*key, *clear;
} reg_fields[REGF_NFIELDS] = {
	[REGF_EMAILS] = { "emails", "email" },
	[REGF_PHONES] = { "phones", "phone" },
	[REGF_IP_RANGES] = { "ip_ranges", "ip-range" },
	[REGF_HOSTS] = { "hosts", "host" },
	[REGF_MEMBER_STATES] = { "member_states", "member-state" },
	[REGF_NAME] = { "name", NULL },
	[REGF_ADDRESS] = { "address", "address" },
	[REGF_SECTORS] = { "sectors", NULL },
	[REGF_SUBSECTOR] = { "subsector", "subsector" },
	[REGF_EMPLOYEES] = { "employees", "employees" },
	[REGF_TURNOVER] = { "turnover_eur", "turnover" },
	[REGF_BALANCE] = { "balance_eur", "balance" },
	[REGF_FLAGS] = { "flags", "flags" },
	[REGF_EXCLUDED] = { "excluded_by", "excluded-by" },
	[REGF_PORTS] = { "ports", "ports" },
	[REGF_COVERED_SINCE] = { "covered_since", "covered-since" },
	[REGF_WIDE_RANGE] = { "wide_range", "wide-range" },
	[REGF_OVERLAP] = { "overlap", "overlap" },
};

const char *
reg_field_name(enum reg_field f)
{
	return (unsigned)f < REGF_NFIELDS && reg_fields[f].clear != NULL ?
	    reg_fields[f].clear : "?";
}

int
reg_field_lookup(const char *name)
{
	int i;

	for (i = 0; i < REGF_NFIELDS; i++)
		if (reg_fields[i].clear != NULL &&
		    strcmp(reg_fields[i].clear, name) == 0)
			return i;
	return -1;
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
	/* When it became covered (§ 10 deadline), why its ranges are so. */
	if ((g->covered_since != NULL && json_object_set_new(j,
	    "covered_since", json_string(g->covered_since)) != 0) ||
	    (g->wide_range != NULL && json_object_set_new(j, "wide_range",
	    json_string(g->wide_range)) != 0) ||
	    (g->overlap != NULL && json_object_set_new(j, "overlap",
	    json_string(g->overlap)) != 0))
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

/* ---- the register's rules, for entity add and update ---- */

/* Another entity's registered range that one of ours overlaps. */
struct overlap_scan {
	const char		*cvr;		/* ours: skipped */
	const struct strlist	*mine;
	char			*msg;
	size_t			 len;
};

static int
overlap_one(const union store_fields *u, void *arg)
{
	struct overlap_scan *o = arg;
	struct cidr a, b;
	json_t *j, *r;
	size_t i, k;
	int hit = 0;

	if (u->entity.cvr == NULL || strcmp(u->entity.cvr, o->cvr) == 0 ||
	    u->entity.data == NULL ||
	    (j = json_loads(u->entity.data, 0, NULL)) == NULL)
		return 0;
	json_array_foreach(json_object_get(j, "ip_ranges"), k, r) {
		if (!json_is_string(r) ||
		    cidr_parse(json_string_value(r), &b) != CIDR_OK)
			continue;
		for (i = 0; !hit && i < o->mine->n; i++)
			if (cidr_parse(o->mine->v[i], &a) == CIDR_OK &&
			    cidr_overlap(&a, &b)) {
				snprintf(o->msg, o->len, "--ip-range '%s' overlaps "
				    "'%s' registered for entity %s: give --overlap "
				    "REASON to register both (%s)", o->mine->v[i],
				    json_string_value(r), u->entity.cvr,
				    basis_text(BASIS_S10));
				hit = 1;
			}
		if (hit)
			break;
	}
	json_decref(j);
	return hit;
}

/* A registered date: not before the act (§ 33, stk. 1), not to come. */
static int
reg_date(const struct case_writer *w, const char *opt, const char *v,
    struct case_result *res)
{
	int64_t d, act;

	if (v == NULL)
		return CASE_OK;
	if (caltime_parse_date(v, &d) != 0 ||
	    caltime_parse_date("2025-07-01", &act) != 0)
		return case_say(res, CASE_BADINPUT, "%s '%s' is not a date",
		    opt, v);
	if (d < act)
		return case_say(res, CASE_BADINPUT, "%s '%s' is before the act "
		    "entered into force on 2025-07-01 (%s)", opt, v,
		    basis_text(BASIS_S33_STK1));
	if (d > w->today)
		return case_say(res, CASE_BADINPUT, "%s '%s' is in the future",
		    opt, v);
	return CASE_OK;
}

/*
 * The shortest prefix a range is registered with, without a reason: /16
 * for IPv4, /32 for IPv6, and /112 inside the IPv4-mapped ::ffff:0:0/96
 * (those are IPv4 addresses too: ::ffff:0:0/96 is all of them).
 */
static int
wide_limit(const struct cidr *c)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0xff, 0xff };

	if (c->family == AF_INET)
		return REG_WIDE_V4;
	if (c->prefix >= 96 && memcmp(c->addr, mapped, sizeof(mapped)) == 0)
		return 96 + REG_WIDE_V4;
	return REG_WIDE_V6;
}

/* Whether l holds v. */
static bool
strlist_has(const struct strlist *l, const char *v)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->v[i], v) == 0)
			return true;
	return false;
}

/*
 * Whether one of the ranges l overlaps another entity's: 1 with the
 * message in res, 0, or a CASE_* failure.
 */
static int
overlaps(struct case_writer *w, const char *cvr, const struct strlist *l,
    struct case_result *res)
{
	struct overlap_scan o = { cvr, l, res->msg, sizeof(res->msg) };
	int r;

	if (l->n == 0)
		return 0;
	if ((r = store_list(w->st, STORE_ENTITIES, NULL, overlap_one, &o)) < 0)
		return case_stored(r);
	return r == 1;
}

/*
 * What the register holds beyond syntax (§ 10): dates, ports only with
 * ranges, and, when ranges says the ranges or their reasons are being
 * set: no range wider than /16 (IPv4) or /32 (IPv6) without
 * --wide-range, none overlapping another entity's without --overlap.
 * old: the ranges registered before (NULL: entity add); a reason given
 * before covers only those, a new range needs the reason given again
 * (wide_now, overlap_now: given in this command).  A reason given where
 * nothing needs it is refused; one registered before that the ranges no
 * longer need is dropped.
 */
static int
reg_rules(struct case_writer *w, struct registration *g, bool ranges,
    const struct strlist *old, bool wide_now, bool overlap_now,
    struct case_result *res)
{
	const struct strlist *l = &g->lists[REG_IP_RANGES];
	struct strlist fresh;
	struct cidr c;
	size_t i;
	int r, wide = 0, bits;

	if ((r = reg_date(w, "--registered", g->registered, res)) !=
	    CASE_OK || (r = reg_date(w, "--covered-since", g->covered_since,
	    res)) != CASE_OK)
		return r;
	if (g->ports != NULL && l->n == 0)
		return case_say(res, CASE_BADINPUT, "--ports are the ports of "
		    "the registered IP ranges, and none would be left: clear "
		    "--ports too");
	if (!ranges)
		return CASE_OK;
	fresh.n = 0;
	for (i = 0; i < l->n; i++) {
		if (cidr_parse(l->v[i], &c) != CIDR_OK)
			return case_say(res, CASE_BADINPUT, "--ip-range '%s' is "
			    "not an address or CIDR range", l->v[i]);
		if (old == NULL || overlap_now || !strlist_has(old, l->v[i]))
			fresh.v[fresh.n++] = l->v[i];
		bits = wide_limit(&c);
		if (c.prefix >= bits)
			continue;
		wide = 1;
		if (wide_now)
			continue;
		if (g->wide_range == NULL)
			return case_say(res, CASE_REFUSED, "--ip-range '%s' is "
			    "wider than /%d: the registered ranges are the scope "
			    "of the entity's security scans (%s); give "
			    "--wide-range REASON to register it", l->v[i], bits,
			    basis_text(BASIS_S10));
		if (old != NULL && !strlist_has(old, l->v[i]))
			return case_say(res, CASE_REFUSED, "--ip-range '%s' is "
			    "wider than /%d, and the reason registered was given "
			    "for other ranges: give --wide-range REASON for it "
			    "(%s)", l->v[i], bits, basis_text(BASIS_S10));
	}
	if (!wide && g->wide_range != NULL) {
		if (wide_now)
			return case_say(res, CASE_BADINPUT, "--wide-range: no "
			    "range is wider than /%d (IPv4) or /%d (IPv6)",
			    REG_WIDE_V4, REG_WIDE_V6);
		g->wide_range = NULL;
	}
	/* the ranges a reason registered before does not cover */
	if ((r = overlaps(w, g->cvr, &fresh, res)) < 0)
		return r;
	if (r == 1 && !overlap_now)
		return CASE_REFUSED;
	if (r == 0 && overlap_now)
		return case_say(res, CASE_BADINPUT, "--overlap: no range "
		    "overlaps another entity's");
	if (r == 0 && g->overlap != NULL) {
		if ((r = overlaps(w, g->cvr, l, res)) < 0)
			return r;
		if (r == 0)
			g->overlap = NULL;
	}
	res->msg[0] = '\0';
	return CASE_OK;
}

int
case_entity_add(struct case_writer *w, const struct registration *g,
    json_t **record, enum entity_class *cls, struct case_result *res)
{
	const struct entity_facts *f = &g->facts;
	struct registration reg = *g;
	struct classification cl;
	struct entity_row row;
	json_t *j = NULL;
	char *data = NULL;
	int r;

	*record = NULL;
	snprintf(res->id, sizeof(res->id), "%s", g->cvr);
	if (entity_facts_check(f, res->msg, sizeof(res->msg)) != 0)
		return CASE_BADINPUT;
	if ((r = store_begin(w->st)) != STORE_OK)
		return case_stored(r);
	if ((r = reg_rules(w, &reg, true, NULL, reg.wide_range != NULL,
	    reg.overlap != NULL, res)) != CASE_OK)
		return case_end(w, NULL, r);
	classify(f, &cl);
	*cls = cl.cls;
	r = CASE_NOMEM;
	if ((j = entity_record(&reg, &cl)) == NULL ||
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
	if ((r = store_entity_insert(w->st, &row)) == STORE_EXISTS)
		r = case_say(res, CASE_EXISTS, "already registered");
	else if ((r = case_stored(r)) == CASE_OK)
		r = case_append_json(w, NULL, "entity-add", json_incref(j));
 out:
	r = case_end(w, NULL, r);
	free(data);
	if (r == CASE_OK)
		*record = j;
	else
		json_decref(j);
	return r;
}


/* ---- entity update ---- */

/* A string member of j, or NULL. */
static const char *
str_of(json_t *j, const char *key)
{
	return json_string_value(json_object_get(j, key));
}

/* A figure member of j, or FIGURE_UNKNOWN. */
static int64_t
fig_of(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);

	return json_is_integer(v) ? json_integer_value(v) : FIGURE_UNKNOWN;
}

/* The string array key of j into l (borrowed from j); -1 if it is not. */
static int
list_of(json_t *j, const char *key, struct strlist *l)
{
	json_t *a = json_object_get(j, key), *v;
	size_t i;

	l->n = 0;
	if (a == NULL)
		return 0;
	if (!json_is_array(a) || json_array_size(a) > LIST_MAX)
		return -1;
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return -1;
		l->v[l->n++] = json_string_value(v);
	}
	return 0;
}

/*
 * A stored registration (entity_record()'s) back into g, its strings
 * borrowed from rec; the yes/no facts are left to reg_set_flags().
 */
static int
reg_from_record(json_t *rec, struct registration *g)
{
	struct strlist sectors;
	enum sector sec;
	enum exclusion e;
	const char *v;
	size_t i;

	memset(g, 0, sizeof(*g));
	entity_facts_init(&g->facts);
	g->cvr = str_of(rec, "cvr");
	g->name = str_of(rec, "name");
	g->address = str_of(rec, "address");
	g->registered = str_of(rec, "registered");
	g->ports = str_of(rec, "ports");
	g->covered_since = str_of(rec, "covered_since");
	g->wide_range = str_of(rec, "wide_range");
	g->overlap = str_of(rec, "overlap");
	g->facts.subsector = str_of(rec, "subsector");
	g->facts.employees = fig_of(rec, "employees");
	g->facts.turnover_eur = fig_of(rec, "turnover_eur");
	g->facts.balance_eur = fig_of(rec, "balance_eur");
	if (g->cvr == NULL || g->name == NULL ||
	    list_of(rec, "sectors", &sectors) != 0 ||
	    list_of(rec, "flags", &g->flags) != 0)
		return -1;
	for (i = 0; i < sectors.n; i++) {
		if (sector_lookup(sectors.v[i], &sec) != 0)
			return -1;
		g->facts.sectors |= 1u << sec;
	}
	if ((v = str_of(rec, "excluded_by")) != NULL) {
		if (exclusion_lookup(v, &e) != 0)
			return -1;
		g->facts.excluded_by = e;
	}
	for (i = 0; i < REG_NLISTS; i++)
		if (list_of(rec, reg_keys[i], &g->lists[i]) != 0)
			return -1;
	return 0;
}

/* The yes/no facts from g's flags, afresh. */
static int
reg_set_flags(struct registration *g)
{
	struct entity_facts f;
	size_t i;

	entity_facts_init(&f);
	f.sectors = g->facts.sectors;
	f.subsector = g->facts.subsector;
	f.employees = g->facts.employees;
	f.turnover_eur = g->facts.turnover_eur;
	f.balance_eur = g->facts.balance_eur;
	f.excluded_by = g->facts.excluded_by;
	for (i = 0; i < g->flags.n; i++)
		if (entity_set_flag(&f, g->flags.v[i]) != 0)
			return -1;
	g->facts = f;
	return 0;
}

/* The values u gives or clears put into g. */
static void
reg_merge(struct registration *g, const struct reg_update *u)
{
	const struct registration *s = &u->set;
	struct entity_facts *f = &g->facts;
	size_t i;

#define GIVEN(x)	((u->given & (1u << (x))) != 0)
#define CLEARED(x)	((u->clear & (1u << (x))) != 0)
#define TAKE(x, dst, src, none) do {					\
	if (GIVEN(x))							\
		(dst) = (src);						\
	else if (CLEARED(x))						\
		(dst) = (none);						\
} while (0)
	TAKE(REGF_NAME, g->name, s->name, g->name);
	TAKE(REGF_ADDRESS, g->address, s->address, NULL);
	TAKE(REGF_SECTORS, f->sectors, s->facts.sectors, f->sectors);
	TAKE(REGF_SUBSECTOR, f->subsector, s->facts.subsector, NULL);
	TAKE(REGF_EMPLOYEES, f->employees, s->facts.employees,
	    FIGURE_UNKNOWN);
	TAKE(REGF_TURNOVER, f->turnover_eur, s->facts.turnover_eur,
	    FIGURE_UNKNOWN);
	TAKE(REGF_BALANCE, f->balance_eur, s->facts.balance_eur,
	    FIGURE_UNKNOWN);
	TAKE(REGF_EXCLUDED, f->excluded_by, s->facts.excluded_by, EXCL_NONE);
	TAKE(REGF_PORTS, g->ports, s->ports, NULL);
	TAKE(REGF_COVERED_SINCE, g->covered_since, s->covered_since, NULL);
	TAKE(REGF_WIDE_RANGE, g->wide_range, s->wide_range, NULL);
	TAKE(REGF_OVERLAP, g->overlap, s->overlap, NULL);
	if (GIVEN(REGF_FLAGS))
		g->flags = s->flags;
	else if (CLEARED(REGF_FLAGS))
		g->flags.n = 0;
	for (i = 0; i < REG_NLISTS; i++)
		if (GIVEN(REGF_EMAILS + i))
			g->lists[i] = s->lists[i];
		else if (CLEARED(REGF_EMAILS + i))
			g->lists[i].n = 0;
#undef TAKE
#undef CLEARED
#undef GIVEN
}

/*
 * The changes from record old to record new: {KEY: {"old", "new"}} for
 * each member that differs, "old" or "new" left out where the record
 * has none.  NULL when out of memory.
 */
static json_t *
record_diff(json_t *old, json_t *new)
{
	json_t *c = json_object(), *v, *o, *ch;
	const char *k;

	if (c == NULL)
		return NULL;
	json_object_foreach(new, k, v) {
		o = json_object_get(old, k);
		if (o != NULL && json_equal(o, v))
			continue;
		if ((ch = json_pack("{s:O, s:O*}", "new", v, "old", o)) == NULL ||
		    json_object_set_new(c, k, ch) != 0)
			goto fail;
	}
	json_object_foreach(old, k, o) {
		if (json_object_get(new, k) != NULL)
			continue;
		if ((ch = json_pack("{s:O}", "old", o)) == NULL ||
		    json_object_set_new(c, k, ch) != 0)
			goto fail;
	}
	return c;
 fail:
	json_decref(c);
	return NULL;
}

int
reg_apply_update(json_t *rec, json_t *upd)
{
	json_t *ch = json_object_get(upd, "changes"), *c, *o, *n, *cur;
	const char *k, *cls = str_of(upd, "class");

	if (!json_is_object(ch) || json_object_size(ch) == 0 || cls == NULL ||
	    str_of(upd, "cvr") == NULL || str_of(rec, "cvr") == NULL ||
	    strcmp(str_of(upd, "cvr"), str_of(rec, "cvr")) != 0)
		return -1;
	json_object_foreach(ch, k, c) {
		o = json_object_get(c, "old");
		n = json_object_get(c, "new");
		cur = json_object_get(rec, k);
		if (!json_is_object(c) || strcmp(k, "cvr") == 0 ||
		    (o == NULL && n == NULL) || (o == NULL) != (cur == NULL) ||
		    (o != NULL && !json_equal(o, cur)))
			return -1;
		if (n == NULL)
			(void)json_object_del(rec, k);
		else if (json_object_set_new(rec, k, json_deep_copy(n)) != 0)
			return -1;
	}
	/* The class recorded is the one the registration now has. */
	return str_of(rec, "class") != NULL && strcmp(str_of(rec, "class"),
	    cls) == 0 ? 0 : -1;
}

int
case_entity_update(struct case_writer *w, const struct reg_update *u,
    json_t **event, enum entity_class *cls, struct case_result *res)
{
	struct classification cl;
	struct registration g;
	struct strlist old_ranges;
	struct entity_row cur, row;
	json_t *old = NULL, *rec = NULL, *ev = NULL, *changes = NULL;
	char *data = NULL;
	bool ranges;
	int r, have = 0;

	*event = NULL;
	snprintf(res->id, sizeof(res->id), "%s", u->set.cvr);
	if ((r = store_begin(w->st)) != STORE_OK)
		return case_stored(r);
	if ((r = store_entity_get(w->st, u->set.cvr, &cur)) == STORE_NOTFOUND) {
		r = case_say(res, CASE_NOTFOUND, "no such entity");
		goto out;
	}
	if ((r = case_stored(r)) != CASE_OK)
		goto out;
	have = 1;
	if ((old = json_loads(cur.data, 0, NULL)) == NULL ||
	    reg_from_record(old, &g) != 0) {
		r = case_say(res, CASE_BADINPUT, "its stored registration is "
		    "not what entity add writes (see verify)");
		goto out;
	}
	old_ranges = g.lists[REG_IP_RANGES];
	reg_merge(&g, u);
	if ((r = reg_date(w, "--changed", u->changed, res)) != CASE_OK)
		goto out;
	if (reg_set_flags(&g) != 0) {
		r = case_say(res, CASE_BADINPUT, "a flag is no entity fact");
		goto out;
	}
	if (entity_facts_check(&g.facts, res->msg, sizeof(res->msg)) != 0) {
		r = CASE_BADINPUT;
		goto out;
	}
	ranges = (u->given | u->clear) & (1u << REGF_IP_RANGES |
	    1u << REGF_WIDE_RANGE | 1u << REGF_OVERLAP);
	if ((r = reg_rules(w, &g, ranges, &old_ranges,
	    (u->given & (1u << REGF_WIDE_RANGE)) != 0,
	    (u->given & (1u << REGF_OVERLAP)) != 0, res)) != CASE_OK)
		goto out;
	classify(&g.facts, &cl);
	*cls = cl.cls;
	r = CASE_NOMEM;
	if ((rec = entity_record(&g, &cl)) == NULL ||
	    (changes = record_diff(old, rec)) == NULL)
		goto out;
	if (json_object_size(changes) == 0) {
		r = case_say(res, CASE_REFUSED, "nothing changes: the register "
		    "already holds these values");
		goto out;
	}
	if ((ev = json_pack("{s:s, s:s, s:O, s:s*}", "cvr", g.cvr, "class",
	    class_name(cl.cls), "changes", changes, "changed",
	    u->changed)) == NULL ||
	    (data = case_payload_text(rec, NULL)) == NULL)
		goto out;
	memset(&row, 0, sizeof(row));
	snprintf(row.cvr, sizeof(row.cvr), "%s", g.cvr);
	snprintf(row.cls, sizeof(row.cls), "%s", class_name(cl.cls));
	row.name = (char *)(uintptr_t)g.name;
	row.data = data;
	/* § 23 does not apply to public administration entities. */
	row.public_admin = rules_public_admin((g.facts.sectors &
	    (1u << SECTOR_PUBLIC_ADMIN)) != 0, g.facts.state_body,
	    g.facts.region);
	row.turnover = g.facts.turnover_eur;
	if ((r = case_stored(store_entity_update(w->st, &row))) == CASE_OK)
		r = case_append_json(w, NULL, "entity-update", json_incref(ev));
 out:
	r = case_end(w, NULL, r);
	free(data);
	json_decref(changes);
	json_decref(rec);
	json_decref(old);
	if (have)
		entity_row_release(&cur);
	if (r == CASE_OK)
		*event = ev;
	else
		json_decref(ev);
	return r;
}

int
reg_event_day(const struct event_row *e, json_t *p, int64_t *day)
{
	const char *t = json_string_value(json_object_get(p, "as_of"));
	int64_t s, local;

	if (t == NULL)
		t = e->time;
	if (t == NULL || case_parse_now(t, &s) != 0)
		return -1;
	local = s + cph_offset(s);
	*day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	return 0;
}

int64_t
reg_deadline(int64_t covered_since)
{
	int64_t floor = 0;

	/* § 33, stk. 3: the first registrations were due 1 October 2025 */
	if (caltime_parse_date("2025-10-01", &floor) != 0)
		floor = 0;
	return covered_since + 14 > floor ? covered_since + 14 : floor;
}
