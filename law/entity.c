/*
 * entity.c: sectors of annex 1 and 2, enterprise size under Recommendation
 * 2003/361/EC, classification under §§ 1, 4 and 5, and the maximum fine.
 * Pure: trusts only that facts passed entity_facts_check().
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "law/entity.h"

static const struct {
	const char	*slug;
	const char	*danish;	/* first alias is the display name */
	const char	*aliases;	/* more accepted names, '|'-separated */
	int		 annex;
} sectors[SECTOR_COUNT] = {
	[SECTOR_ENERGY] = { "energy", "energi", "", 1 },
	[SECTOR_TRANSPORT] = { "transport", "transport", "", 1 },
	[SECTOR_BANKING] = { "banking", "bankvirksomhed", "", 1 },
	[SECTOR_FMI] = { "financial-market-infrastructure",
	    "finansielle-markedsinfrastrukturer", "", 1 },
	[SECTOR_HEALTH] = { "health", "sundhed", "", 1 },
	[SECTOR_DRINKING_WATER] = { "drinking-water", "drikkevand", "", 1 },
	[SECTOR_WASTE_WATER] = { "waste-water", "spildevand", "", 1 },
	[SECTOR_DIGITAL_INFRA] = { "digital-infrastructure",
	    "digital-infrastruktur", "", 1 },
	[SECTOR_ICT_SERVICE] = { "ict-service-management",
	    "forvaltning-af-ikt-tjenester", "ikt-tjenester", 1 },
	[SECTOR_PUBLIC_ADMIN] = { "public-administration",
	    "offentlig-forvaltning", "statslig-og-regional-forvaltning", 1 },
	[SECTOR_SPACE] = { "space", "rummet", "", 1 },
	[SECTOR_POSTAL] = { "postal", "post-og-kurertjenester", "", 2 },
	[SECTOR_WASTE_MGMT] = { "waste-management", "affaldshåndtering",
	    "affaldshaandtering", 2 },
	[SECTOR_CHEMICALS] = { "chemicals", "kemikalier", "", 2 },
	[SECTOR_FOOD] = { "food", "fødevarer", "foedevarer|fodevarer", 2 },
	[SECTOR_MANUFACTURING] = { "manufacturing", "fremstilling",
	    "produktion", 2 },
	[SECTOR_DIGITAL_PROVIDERS] = { "digital-providers",
	    "digitale-udbydere", "digitale-serviceudbydere", 2 },
	[SECTOR_RESEARCH] = { "research", "forskning", "", 2 },
};

/* Recommendation 2003/361/EC, art. 2: the boundaries, in persons and EUR. */
#define LARGE_STAFF		250
#define MEDIUM_STAFF		50
#define LARGE_TURNOVER		INT64_C(50000000)
#define LARGE_BALANCE		INT64_C(43000000)
#define MEDIUM_TURNOVER		INT64_C(10000000)
#define MEDIUM_BALANCE		INT64_C(10000000)
/* Directive art. 34(4) and (5), via § 32. */
#define FINE_ESSENTIAL_FLOOR	INT64_C(10000000)
#define FINE_IMPORTANT_FLOOR	INT64_C(7000000)

/* True when name is one of the '|'-separated names in list (any case). */
static bool
alias_match(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list, *bar;

	while (*p != '\0') {
		bar = strchr(p, '|');
		if (bar == NULL)
			bar = p + strlen(p);
		if ((size_t)(bar - p) == n && strncasecmp(p, name, n) == 0)
			return true;
		p = *bar == '|' ? bar + 1 : bar;
	}
	return false;
}

bool
name_match(const char *slug, const char *danish, const char *aliases,
    const char *name)
{
	return strcasecmp(name, slug) == 0 || strcasecmp(name, danish) == 0 ||
	    alias_match(aliases, name);
}

int
sector_lookup(const char *name, enum sector *out)
{
	int i;

	for (i = 0; i < SECTOR_COUNT; i++)
		if (name_match(sectors[i].slug, sectors[i].danish,
		    sectors[i].aliases, name)) {
			*out = (enum sector)i;
			return 0;
		}
	return -1;
}

const char *
sector_slug(enum sector s)
{
	return (unsigned)s < SECTOR_COUNT ? sectors[s].slug : "?";
}

const char *
sector_danish(enum sector s)
{
	return (unsigned)s < SECTOR_COUNT ? sectors[s].danish : "?";
}

int
sector_annex(enum sector s)
{
	return (unsigned)s < SECTOR_COUNT ? sectors[s].annex : 0;
}

const char *
sector_slug_list(void)
{
	static char list[512];
	size_t len = 0;
	int i;

	if (list[0] != '\0')
		return list;
	for (i = 0; i < SECTOR_COUNT; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i ? ", " : "", sectors[i].slug);
	return list;
}

const char *
size_name(enum size_class s)
{
	switch (s) {
	case SIZE_SMALL:
		return "small";
	case SIZE_MEDIUM:
		return "medium";
	case SIZE_LARGE:
		return "large";
	default:
		return "unknown";
	}
}

const char *
class_name(enum entity_class c)
{
	switch (c) {
	case CLASS_ESSENTIAL:
		return "essential";
	case CLASS_IMPORTANT:
		return "important";
	case CLASS_NOT_COVERED:
		return "not-covered";
	default:
		return "undetermined";
	}
}

static const char *const exclusion_names[] = {
	[EXCL_NONE] = "none",
	[EXCL_ENERGY] = "energy",
	[EXCL_TELECOM] = "telecom",
	[EXCL_FINANCE] = "finance",
};

int
exclusion_lookup(const char *name, enum exclusion *out)
{
	int i;

	for (i = EXCL_ENERGY; i <= EXCL_FINANCE; i++) {
		if (strcasecmp(name, exclusion_names[i]) == 0) {
			*out = (enum exclusion)i;
			return 0;
		}
	}
	return -1;
}

const char *
exclusion_name(enum exclusion e)
{
	return (unsigned)e <= EXCL_FINANCE ? exclusion_names[e] : "?";
}

void
entity_facts_init(struct entity_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->employees = FIGURE_UNKNOWN;
	f->turnover_eur = FIGURE_UNKNOWN;
	f->balance_eur = FIGURE_UNKNOWN;
	f->excluded_by = EXCL_NONE;
}

/* The flags in the order the command lines list them. */
static const struct {
	const char	*name;
	size_t		 off;
} entity_flags[ENTITY_NFLAGS] = {
	{ "state-body", offsetof(struct entity_facts, state_body) },
	{ "critical-entity", offsetof(struct entity_facts, critical_entity) },
	{ "sole-provider", offsetof(struct entity_facts, sole_provider) },
	{ "public-impact", offsetof(struct entity_facts, public_impact) },
	{ "qualified-trust-service", offsetof(struct entity_facts,
	    qualified_trust) },
	{ "tld-registry", offsetof(struct entity_facts, tld_registry) },
	{ "dns-provider", offsetof(struct entity_facts, dns_provider) },
	{ "municipality", offsetof(struct entity_facts, municipality) },
	{ "region", offsetof(struct entity_facts, region) },
	{ "public-ecomm", offsetof(struct entity_facts, public_ecomm) },
	{ "designated-important", offsetof(struct entity_facts,
	    designated_important) },
};

const char *
entity_flag_name(size_t i)
{
	return i < ENTITY_NFLAGS ? entity_flags[i].name : NULL;
}

int
entity_set_flag(struct entity_facts *f, const char *name)
{
	size_t i;

	for (i = 0; i < ENTITY_NFLAGS; i++)
		if (strcmp(entity_flags[i].name, name) == 0) {
			*(bool *)((char *)f + entity_flags[i].off) = true;
			return 0;
		}
	return -1;
}

bool
cvr_valid(const char *s)
{
	static const int w[8] = { 2, 7, 6, 5, 4, 3, 2, 1 };
	int i, sum = 0;

	if (strlen(s) != 8 || s[0] == '0')
		return false;
	for (i = 0; i < 8; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		sum += (s[i] - '0') * w[i];
	}
	return sum % 11 == 0;
}

/* The EU's codes of the member states other than Denmark (§ 10). */
static const char other_states[] = "AT BE BG CY CZ DE EE EL ES FI FR HR "
    "HU IE IT LT LU LV MT NL PL PT RO SE SI SK";

bool
member_state_valid(const char *v)
{
	return member_state_problem(v) == NULL;
}

const char *
member_state_problem(const char *v)
{
	if (strcmp(v, "DK") == 0)
		return "is Denmark: the register lists the other member states "
		    "where the entity provides services (§ 10)";
	if (strcmp(v, "GR") == 0)
		return "is not the EU's code of Greece: write EL";
	/* two capitals, a whole code of the list (no match across a space) */
	if (strlen(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' ||
	    v[1] > 'Z' || strstr(other_states, v) == NULL)
		return "is not an EU member state code; valid: AT BE BG CY CZ "
		    "DE EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI "
		    "SK (not Greenland or the Faroe Islands)";
	return NULL;
}

int
entity_facts_check(const struct entity_facts *f, char *err, size_t errlen)
{
	if (f->sectors == 0 || f->sectors >> SECTOR_COUNT != 0) {
		snprintf(err, errlen, "--sector is required (one of: %s)",
		    sector_slug_list());
		return -1;
	}
	if (f->employees < FIGURE_UNKNOWN || f->employees > FIGURE_MAX) {
		snprintf(err, errlen, "--employees is out of range");
		return -1;
	}
	if (f->turnover_eur < FIGURE_UNKNOWN || f->turnover_eur > FIGURE_MAX) {
		snprintf(err, errlen, "--turnover is out of range");
		return -1;
	}
	if (f->balance_eur < FIGURE_UNKNOWN || f->balance_eur > FIGURE_MAX) {
		snprintf(err, errlen, "--balance is out of range");
		return -1;
	}
	if (f->municipality && f->region) {
		snprintf(err, errlen,
		    "--municipality and --region exclude each other");
		return -1;
	}
	if ((int)f->qualified_trust + (int)f->tld_registry +
	    (int)f->dns_provider > 1) {
		snprintf(err, errlen, "--qualified-trust-service, "
		    "--tld-registry and --dns-provider exclude each other");
		return -1;
	}
	if (f->public_ecomm && !f->municipality && !f->region) {
		snprintf(err, errlen,
		    "--public-ecomm needs --municipality or --region");
		return -1;
	}
	return 0;
}

static void
reason(struct classification *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
reason(struct classification *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nreasons >= CLASSIFY_MAX_REASONS)
		return;
	va_start(ap, fmt);
	vsnprintf(c->reasons[c->nreasons++], CLASSIFY_REASON_LEN, fmt, ap);
	va_end(ap);
}

static void
add_basis(struct classification *c, enum basis_id b)
{
	size_t i;

	for (i = 0; i < c->nbasis; i++)
		if (c->basis[i] == b)
			return;
	if (c->nbasis < CLASSIFY_MAX_BASIS)
		c->basis[c->nbasis++] = b;
}

const char *
eur_text(int64_t v, char *buf, size_t len)
{
	char digits[32];
	size_t n, i, o = 0;

	snprintf(digits, sizeof(digits), "%" PRId64, v);
	n = strlen(digits);
	o = (size_t)snprintf(buf, len, "EUR ");
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ' ';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

static enum size_class
by_headcount(int64_t staff)
{
	if (staff >= LARGE_STAFF)
		return SIZE_LARGE;
	if (staff >= MEDIUM_STAFF)
		return SIZE_MEDIUM;
	return SIZE_SMALL;
}

static enum size_class
by_financials(int64_t turnover, int64_t balance)
{
	if (turnover > LARGE_TURNOVER && balance > LARGE_BALANCE)
		return SIZE_LARGE;
	if (turnover > MEDIUM_TURNOVER && balance > MEDIUM_BALANCE)
		return SIZE_MEDIUM;
	return SIZE_SMALL;
}

static enum size_class
max_size(enum size_class a, enum size_class b)
{
	return a > b ? a : b;
}

/*
 * Size is monotone in each figure, so an unknown figure spans what it would
 * give at zero and at infinity: that is the range the figures allow.
 */
static void
size_range(const struct entity_facts *f, struct classification *c)
{
	int64_t e = f->employees, t = f->turnover_eur, b = f->balance_eur;
	char b1[40], b2[40];
	enum size_class h, fin;

	if (e != FIGURE_UNKNOWN) {
		h = by_headcount(e);
		reason(c, "headcount %" PRId64 ": %s by headcount (%s)", e,
		    size_name(h), h == SIZE_LARGE ? ">= 250" :
		    h == SIZE_MEDIUM ? ">= 50 and < 250" : "< 50");
	} else
		reason(c, "headcount not given: treated as unknown, not as "
		    "zero");
	if (t != FIGURE_UNKNOWN && b != FIGURE_UNKNOWN) {
		fin = by_financials(t, b);
		reason(c, "turnover %s, balance sheet %s: %s by the financial "
		    "criterion (large: turnover > EUR 50 000 000 and balance "
		    "> EUR 43 000 000; medium: both > EUR 10 000 000)",
		    eur_text(t, b1, sizeof(b1)),
		    eur_text(b, b2, sizeof(b2)), size_name(fin));
	} else if (t == FIGURE_UNKNOWN && b == FIGURE_UNKNOWN)
		reason(c, "turnover and balance sheet not given: treated as "
		    "unknown, not as zero");
	else
		reason(c, "%s not given: treated as unknown, not as zero; the "
		    "financial criterion needs both figures",
		    t == FIGURE_UNKNOWN ? "turnover" : "balance sheet");

	c->size_lo = max_size(by_headcount(e == FIGURE_UNKNOWN ? 0 : e),
	    by_financials(t == FIGURE_UNKNOWN ? 0 : t,
	    b == FIGURE_UNKNOWN ? 0 : b));
	c->size_hi = max_size(by_headcount(e == FIGURE_UNKNOWN ? FIGURE_MAX : e),
	    by_financials(t == FIGURE_UNKNOWN ? FIGURE_MAX : t,
	    b == FIGURE_UNKNOWN ? FIGURE_MAX : b));
	if (c->size_lo == c->size_hi) {
		c->size = c->size_lo;
		reason(c, "size: %s (Recommendation 2003/361/EC; one criterion "
		    "suffices)", size_name(c->size));
	} else {
		c->size = SIZE_UNKNOWN;
		reason(c, "size: unknown, between %s and %s on the figures "
		    "given (Recommendation 2003/361/EC)",
		    size_name(c->size_lo), size_name(c->size_hi));
	}
}

/* Classifies for one assumed size s; fills basis and, if why, reasons. */
static enum entity_class
classify_at(const struct entity_facts *f, enum size_class s,
    struct classification *c, int why)
{
	bool annex1 = (c->annexes & 2) != 0, ecomm;
	enum entity_class cls = CLASS_NOT_COVERED;

	ecomm = (f->municipality || f->region) && f->public_ecomm &&
	    s >= SIZE_MEDIUM;
	if (f->excluded_by != EXCL_NONE && !ecomm) {
		add_basis(c, BASIS_S1_EXCLUDED);
		if (why)
			reason(c, "covered by the %s law, which the NIS 2 act "
			    "does not apply to (%s)",
			    exclusion_name(f->excluded_by),
			    basis_text(BASIS_S1_EXCLUDED));
		return CLASS_NOT_COVERED;
	}
	if (f->excluded_by != EXCL_NONE && why)
		reason(c, "excluded by the %s law, except that a %s providing "
		    "public electronic communications that is at least "
		    "medium-sized is covered (%s)",
		    exclusion_name(f->excluded_by),
		    f->municipality ? "municipality" : "region",
		    basis_text(BASIS_S1_EXCLUDED));

#define ESSENTIAL(cond, id, ...) do {					\
	if (cond) {							\
		cls = CLASS_ESSENTIAL;					\
		add_basis(c, id);					\
		if (why)						\
			reason(c, __VA_ARGS__);				\
	}								\
} while (0)
	ESSENTIAL(annex1 && s == SIZE_LARGE, BASIS_S4_STK1,
	    "essential: annex 1 entity that is large (%s)",
	    basis_text(BASIS_S4_STK1));
	ESSENTIAL(ecomm, BASIS_S4_STK2, "essential: %s providing public "
	    "electronic communications networks or services, at least "
	    "medium-sized (%s)", f->municipality ? "municipality" : "region",
	    basis_text(BASIS_S4_STK2));
	ESSENTIAL(f->state_body, BASIS_S4_STK3_NR2, "essential regardless of "
	    "size: state body (%s)", basis_text(BASIS_S4_STK3_NR2));
	ESSENTIAL(f->critical_entity, BASIS_S4_STK3_NR3, "essential "
	    "regardless of size: designated critical entity (%s)",
	    basis_text(BASIS_S4_STK3_NR3));
	ESSENTIAL(f->sole_provider, BASIS_S4_STK3_NR5A, "essential regardless "
	    "of size: sole provider in Denmark of a service essential for "
	    "critical societal or economic activity (%s)",
	    basis_text(BASIS_S4_STK3_NR5A));
	ESSENTIAL(f->public_impact, BASIS_S4_STK3_NR5B, "essential regardless "
	    "of size: disruption could significantly affect public safety or "
	    "public health (%s)", basis_text(BASIS_S4_STK3_NR5B));
	ESSENTIAL(f->qualified_trust || f->tld_registry || f->dns_provider,
	    BASIS_DIR_ART3_1B, "essential regardless of size: %s (%s)",
	    f->qualified_trust ? "qualified trust service provider" :
	    f->tld_registry ? "TLD name registry" : "DNS service provider",
	    basis_text(BASIS_DIR_ART3_1B));
#undef ESSENTIAL

	if (cls == CLASS_ESSENTIAL) {
		/* E.g. active in annex 1 and annex 2: essential wins. */
		if (s >= SIZE_MEDIUM && (c->annexes & 4) != 0) {
			add_basis(c, BASIS_S4_BOTH);
			if (why)
				reason(c, "its annex 2 activity alone would "
				    "make it important (§ 5); an entity that "
				    "is both is essential (%s)",
				    basis_text(BASIS_S4_BOTH));
		}
		return cls;
	}
	if (s >= SIZE_MEDIUM) {
		add_basis(c, BASIS_S5);
		if (why)
			reason(c, "important: annex %s entity, not essential "
			    "under § 4, at least medium-sized (%s)",
			    annex1 ? "1" : "2", basis_text(BASIS_S5));
		return CLASS_IMPORTANT;
	}
	if (f->designated_important) {
		add_basis(c, BASIS_S5_DESIGNATED);
		if (why)
			reason(c, "important: designated by decision of the "
			    "competent authority, regardless of size (%s)",
			    basis_text(BASIS_S5_DESIGNATED));
		return CLASS_IMPORTANT;
	}
	add_basis(c, BASIS_S1_STK1);
	if (why)
		reason(c, "not covered: %s entity in an annex sector and not "
		    "named in § 4 (§ 5 covers medium and large entities)",
		    s == SIZE_SMALL ? "a micro or small" : "a");
	return CLASS_NOT_COVERED;
}

void
classify(const struct entity_facts *f, struct classification *c)
{
	enum entity_class at[SIZE_LARGE + 1];
	struct classification scratch;
	char sbuf[128];
	size_t len = 0;
	int s, i, same = 1;
	enum basis_id fb;

	memset(c, 0, sizeof(*c));
	c->max_fine_eur = FIGURE_UNKNOWN;
	for (i = 0; i < SECTOR_COUNT; i++) {
		if ((f->sectors & (1u << i)) == 0)
			continue;
		c->annexes |= 1u << sector_annex((enum sector)i);
		len += (size_t)snprintf(sbuf + len, sizeof(sbuf) - len,
		    "%s%s (annex %d)", len ? ", " : "",
		    sector_slug((enum sector)i), sector_annex((enum sector)i));
		if (len >= sizeof(sbuf))
			len = sizeof(sbuf) - 1;
	}
	reason(c, "sectors: %s%s%s", sbuf,
	    f->subsector != NULL ? "; subsector " : "",
	    f->subsector != NULL ? f->subsector : "");
	size_range(f, c);

	for (s = c->size_lo; s <= (int)c->size_hi; s++) {
		memset(&scratch, 0, sizeof(scratch));
		scratch.annexes = c->annexes;
		at[s] = classify_at(f, (enum size_class)s, &scratch, 0);
		if (at[s] != at[c->size_lo])
			same = 0;
	}
	if (same) {
		c->cls = classify_at(f, c->size_lo, c, 1);
		if (c->size == SIZE_UNKNOWN)
			reason(c, "the class is the same for every size the "
			    "figures allow");
	} else {
		c->cls = CLASS_UNDETERMINED;
		for (s = c->size_lo; s <= (int)c->size_hi; s++)
			reason(c, "if %s: %s", size_name((enum size_class)s),
			    class_name(at[s]));
		reason(c, "class undetermined: give headcount, turnover and "
		    "balance sheet");
	}

	c->max_fine_eur = max_fine_eur(c->cls, f->turnover_eur, &fb);
	if (c->max_fine_eur != FIGURE_UNKNOWN) {
		char b1[40], b2[40];

		reason(c, "maximum fine: %s, the higher of %s and %s of "
		    "turnover %s (%s)",
		    eur_text(c->max_fine_eur, b1, sizeof(b1)),
		    c->cls == CLASS_ESSENTIAL ? "EUR 10 000 000" :
		    "EUR 7 000 000", c->cls == CLASS_ESSENTIAL ? "2 %" :
		    "1.4 %", eur_text(f->turnover_eur, b2, sizeof(b2)),
		    basis_text(fb));
	} else if (c->cls == CLASS_ESSENTIAL || c->cls == CLASS_IMPORTANT)
		reason(c, "maximum fine: not computed, turnover not given");
}

int64_t
max_fine_eur(enum entity_class cls, int64_t turnover, enum basis_id *basis)
{
	int64_t share;

	if (turnover < 0 || turnover > FIGURE_MAX)
		return FIGURE_UNKNOWN;
	/* Whole euros, rounded down: the cap may not exceed the percentage. */
	switch (cls) {
	case CLASS_ESSENTIAL:
		*basis = BASIS_FINE_ESSENTIAL;
		share = turnover / 100 * 2 + turnover % 100 * 2 / 100;
		return share > FINE_ESSENTIAL_FLOOR ? share :
		    FINE_ESSENTIAL_FLOOR;
	case CLASS_IMPORTANT:
		*basis = BASIS_FINE_IMPORTANT;
		share = turnover / 1000 * 14 + turnover % 1000 * 14 / 1000;
		return share > FINE_IMPORTANT_FLOOR ? share :
		    FINE_IMPORTANT_FLOOR;
	default:
		return FIGURE_UNKNOWN;
	}
}
