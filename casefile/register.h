/*
 * register.h: the entity register (§ 10): what an entity registers, the
 * syntax of each registered value, and the changes that add an entity to
 * the register.  Each change is one transaction and one journal event,
 * and this is the one definition of the entity events' payloads (verify
 * rebuilds the entities rows through it).
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

struct registration {
	struct entity_facts	 facts;
	const char		*cvr, *name, *address, *registered;
	const char		*ports;		/* --ports, or NULL */
	struct strlist		 flags;		/* as given, in order */
	struct strlist		 lists[REG_NLISTS];
};

/*
 * entity add: classifies the entity (§§ 1, 4, 5) and registers it; *record
 * (the caller's) is what was registered.  CASE_BADINPUT for facts that
 * contradict each other, CASE_EXISTS; res.id is the CVR.
 */
int	case_entity_add(struct case_writer *, const struct registration *,
	    json_t **record, enum entity_class *,
	    struct case_result *) __attribute__((warn_unused_result));

#endif
