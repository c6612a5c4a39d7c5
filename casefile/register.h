/*
 * register.h: the entity register (§ 10): what an entity registers, the
 * syntax of each registered value, and the changes that add an entity to
 * the register and update it.  Each change is one transaction and one
 * journal event, and this is the one definition of the entity events'
 * payloads (verify rebuilds the entities rows through it: the entity-add
 * payload, then each entity-update applied in order).
 */
#ifndef TILSYN_REGISTER_H
#define TILSYN_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "law/entity.h"
#include "common/netsyntax.h"

struct case_writer;
struct case_result;

#define LIST_MAX	64	/* values of one repeated option */

struct strlist {
	const char	*v[LIST_MAX];
	size_t		 n;
};

/* The repeatable values of a registration (§ 10). */
enum reg_list {
	REG_EMAILS, REG_PHONES, REG_IP_RANGES, REG_HOSTS, REG_MEMBER_STATES,
	REG_NLISTS
};
/*
 * Whether v is a value of that list.  A host is a target in the
 * scanner's syntax: [SCHEME://]NAME[:PORT] or [SCHEME://][V6][:PORT],
 * SCHEME one of tls, smtp, imap, pop3, ftp, ssh (§ 10: the hosts are
 * part of the scope of the entity's scans).
 */
bool	reg_valid(enum reg_list, const char *v);
/*
 * Why v is not a value of that list, the offending part named (an IP
 * range with host bits names its network; DK and GR say why), in buf;
 * NULL when it is one.
 */
const char *reg_problem(enum reg_list, const char *v, char *buf, size_t len);

/* A registered host split up: its service, name or address, and port. */
struct reg_host {
	char		 service[8];	/* "tls" unless a scheme says else */
	char		 name[HOST_NAME_MAX_LEN + 1];	/* no brackets */
	uint16_t	 port;		/* the scheme's default if none */
};
int	reg_host_parse(const char *v, struct reg_host *)
	    __attribute__((warn_unused_result));

/*
 * The ports scanned on an entity's registered ranges when it registered
 * none (--ports): SSH, SMTP, HTTPS, SMTPS, submission, IMAPS, POP3S.
 */
#define REG_DEFAULT_PORTS	"22,25,443,465,587,993,995"
/* Whether v is a port list (common/netsyntax.h's portlist_parse()). */
bool	reg_ports_valid(const char *v);

/*
 * The narrowest networks registered without a reason (§ 10: the ranges
 * are the scope of the entity's scans): a shorter prefix needs
 * --wide-range REASON, recorded in the registration.  IPv4-mapped IPv6
 * ranges (::ffff:0:0/96) are held to the IPv4 limit, as /112.
 */
#define REG_WIDE_V4	16
#define REG_WIDE_V6	32

struct registration {
	struct entity_facts	 facts;
	const char		*cvr, *name, *address, *registered;
	const char		*ports;		/* --ports, or NULL */
	const char		*covered_since;	/* --covered-since, or NULL */
	const char		*wide_range;	/* --wide-range REASON, or NULL */
	const char		*overlap;	/* --overlap REASON, or NULL */
	struct strlist		 flags;		/* as given, in order */
	struct strlist		 lists[REG_NLISTS];
};

/*
 * The fields entity update changes, each the record's key(s) of the
 * same meaning; the lists in enum reg_list's order from REGF_EMAILS.
 */
enum reg_field {
	REGF_EMAILS, REGF_PHONES, REGF_IP_RANGES, REGF_HOSTS,
	REGF_MEMBER_STATES,
	REGF_NAME, REGF_ADDRESS, REGF_SECTORS, REGF_SUBSECTOR,
	REGF_EMPLOYEES, REGF_TURNOVER, REGF_BALANCE, REGF_FLAGS,
	REGF_EXCLUDED, REGF_PORTS, REGF_COVERED_SINCE, REGF_WIDE_RANGE,
	REGF_OVERLAP,
	REGF_NFIELDS
};
/* What entity update --clear calls a field ("email", "employees"). */
const char *reg_field_name(enum reg_field);
/* The field --clear NAME names; -1 when none (or one never cleared). */
int	reg_field_lookup(const char *name);

/* entity update: the values given replace the registered ones. */
struct reg_update {
	struct registration	 set;	/* cvr: whose; the values given */
	const char		*changed;	/* when it changed, or NULL */
	unsigned		 given;	/* 1u << enum reg_field: in set */
	unsigned		 clear;	/* 1u << enum reg_field: cleared */
};

/*
 * entity add: classifies the entity (§§ 1, 4, 5) and registers it; *record
 * (the caller's) is what was registered.  CASE_BADINPUT for facts that
 * contradict each other, CASE_EXISTS; res.id is the CVR.
 */
int	case_entity_add(struct case_writer *, const struct registration *,
	    json_t **record, enum entity_class *,
	    struct case_result *) __attribute__((warn_unused_result));

/*
 * entity update: the registration with upd's values, classified again
 * (§§ 1, 4, 5), checked like entity add, stored, and its entity-update
 * event journalised in the same transaction; *event (the caller's) is
 * the event's payload: {"changed", "changes": {KEY: {"old", "new"}},
 * "class", "cvr"}, a member left out where the registration had no
 * value ("changed": the day the change happened, when given: § 10 asks
 * for changes within two weeks).
 * CASE_NOTFOUND: no such entity; CASE_REFUSED: nothing would change.
 */
int	case_entity_update(struct case_writer *, const struct reg_update *upd,
	    json_t **event, enum entity_class *, struct case_result *)
	    __attribute__((warn_unused_result));
/*
 * The registration after an entity-update (the one definition: verify
 * and due rebuild an entity through it): record is the registration
 * before it (changed in place).  0, or -1 when the event's old values
 * are not what record holds or the event is malformed.
 */
int	reg_apply_update(json_t *record, json_t *update)
	    __attribute__((warn_unused_result));

struct event_row;
/*
 * The Copenhagen day of an entity event, whose payload is p: the
 * "today" a --now moved (its "as_of"), else its time.  0 or -1.
 */
int	reg_event_day(const struct event_row *, json_t *p, int64_t *day)
	    __attribute__((warn_unused_result));
/*
 * The registration deadline (§ 10: two weeks after becoming covered;
 * § 33, stk. 3: not before 2025-10-01) of an entity covered since day.
 */
int64_t	reg_deadline(int64_t covered_since);

#endif
