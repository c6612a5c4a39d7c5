/*
 * entity.h: sectors (annex 1 and 2), enterprise size (Recommendation
 * 2003/361/EC), classification under §§ 1, 4 and 5, and the maximum fine.
 * Pure functions: no I/O, no allocation.
 */
#ifndef TILSYN_ENTITY_H
#define TILSYN_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "law/basis.h"

enum sector {
	/* annex 1 */
	SECTOR_ENERGY, SECTOR_TRANSPORT, SECTOR_BANKING, SECTOR_FMI,
	SECTOR_HEALTH, SECTOR_DRINKING_WATER, SECTOR_WASTE_WATER,
	SECTOR_DIGITAL_INFRA, SECTOR_ICT_SERVICE, SECTOR_PUBLIC_ADMIN,
	SECTOR_SPACE,
	/* annex 2 */
	SECTOR_POSTAL, SECTOR_WASTE_MGMT, SECTOR_CHEMICALS, SECTOR_FOOD,
	SECTOR_MANUFACTURING, SECTOR_DIGITAL_PROVIDERS, SECTOR_RESEARCH,
	SECTOR_COUNT
};

/*
 * True when name is the English slug, the Danish name or one of the
 * '|'-separated aliases (any case): how sectors and measures are named.
 */
bool		 name_match(const char *slug, const char *danish,
		    const char *aliases, const char *name);
/* Finds a sector by English slug or Danish alias (case-insensitive). */
int		 sector_lookup(const char *, enum sector *) __attribute__((warn_unused_result));
const char	*sector_slug(enum sector);
const char	*sector_danish(enum sector);
int		 sector_annex(enum sector);		/* 1 or 2 */
/* "energy, transport, ..." for error messages. */
const char	*sector_slug_list(void);

enum size_class { SIZE_UNKNOWN, SIZE_SMALL, SIZE_MEDIUM, SIZE_LARGE };
enum entity_class {
	CLASS_NOT_COVERED,
	CLASS_IMPORTANT,
	CLASS_ESSENTIAL,
	CLASS_UNDETERMINED	/* depends on figures that were not given */
};
enum exclusion { EXCL_NONE, EXCL_ENERGY, EXCL_TELECOM, EXCL_FINANCE };

const char	*size_name(enum size_class);	/* "large", ..., "unknown" */
const char	*class_name(enum entity_class);	/* "essential", "not-covered" */
int		 exclusion_lookup(const char *, enum exclusion *) __attribute__((warn_unused_result));
const char	*exclusion_name(enum exclusion);

#define FIGURE_UNKNOWN	(-1)
#define FIGURE_MAX	INT64_C(1000000000000000)	/* 10^15: sanity cap */

struct entity_facts {
	uint32_t	 sectors;	/* bit (1u << enum sector) */
	const char	*subsector;	/* free text, reported only */
	int64_t		 employees;	/* annual work units, or FIGURE_UNKNOWN */
	int64_t		 turnover_eur;	/* or FIGURE_UNKNOWN */
	int64_t		 balance_eur;	/* or FIGURE_UNKNOWN */
	bool		 state_body, critical_entity, sole_provider;
	bool		 public_impact, qualified_trust, tld_registry;
	bool		 dns_provider, municipality, region, public_ecomm;
	bool		 designated_important;
	enum exclusion	 excluded_by;
};

#define CLASSIFY_MAX_BASIS	12
#define CLASSIFY_MAX_REASONS	24
#define CLASSIFY_REASON_LEN	320

struct classification {
	enum entity_class cls;
	enum size_class	 size;		/* SIZE_UNKNOWN if lo != hi */
	enum size_class	 size_lo, size_hi;	/* what the figures allow */
	unsigned	 annexes;	/* bit 1: annex 1, bit 2: annex 2 */
	enum basis_id	 basis[CLASSIFY_MAX_BASIS];
	size_t		 nbasis;
	int64_t		 max_fine_eur;	/* FIGURE_UNKNOWN when not computable */
	char		 reasons[CLASSIFY_MAX_REASONS][CLASSIFY_REASON_LEN];
	size_t		 nreasons;
};

void	entity_facts_init(struct entity_facts *);
/*
 * The yes/no facts, named like their command-line flags without the
 * dashes: entity_flag_name(0) .. entity_flag_name(ENTITY_NFLAGS - 1).
 */
#define ENTITY_NFLAGS	11
const char	*entity_flag_name(size_t);

/* A CVR number (§ 10): 8 digits, no leading zero, modulus-11 check. */
bool	cvr_valid(const char *);
/*
 * An EU member state code as the EU writes it (EL for Greece), for the
 * register's other member states (§ 10: not Greenland and the Faroes).
 */
bool	member_state_valid(const char *);
/*
 * Why v is not an other member state of the register (NULL: it is one):
 * DK is not another member state (§ 10 asks where else services are
 * provided), GR is written EL in the EU; else the valid codes.
 */
const char *member_state_problem(const char *);
/*
 * Sets the yes/no fact named like its command-line flag, without the dashes
 * ("state-body", "public-ecomm", ...).  Returns 0, or -1 for no such fact.
 */
int	entity_set_flag(struct entity_facts *, const char *name)
	    __attribute__((warn_unused_result));
/*
 * Checks facts for contradictions (no sector, municipality and region,
 * more than one of the art. 3(1)(b) kinds, figures out of range).  Returns 0
 * or -1 with a message naming the flag in err.
 */
int	entity_facts_check(const struct entity_facts *, char *err, size_t errlen)
	    __attribute__((warn_unused_result));
/* Classifies; facts must have passed entity_facts_check(). */
void	classify(const struct entity_facts *, struct classification *);
/*
 * The maximum fine in whole euros (rounded down) for a class and a worldwide
 * annual turnover, or FIGURE_UNKNOWN when the class has none or turnover is
 * unknown.  *basis gets the paragraph.
 */
/*
 * "EUR 10 000 000": an amount in groups of three, as nis2-rules.md writes
 * amounts, into buf; returns buf.
 */
const char *eur_text(int64_t v, char *buf, size_t len);
int64_t	max_fine_eur(enum entity_class, int64_t turnover_eur, enum basis_id *basis);

#endif
