/*
 * target.h: what to scan.  Target syntax (host, host:port, [v6]:port,
 * tls:// smtp:// imap:// pop3:// ftp:// ssh://), target files, curl-style
 * --resolve overrides, name resolution without stalling on long lists, and
 * the scope allow-list every resolved address must lie in before any packet
 * is sent.  Trusts nothing it parses; errors come back as text in err.
 */
#ifndef TILSYN_TARGET_H
#define TILSYN_TARGET_H

#include <sys/socket.h>
#include <netinet/in.h>

#include <stddef.h>
#include <stdint.h>

#include "common/netsyntax.h"

#define TARGET_MAXLEN	1024	/* longest target spec or file line */
#define TARGET_MAXADDR	8	/* addresses kept per name */

enum service {
	SVC_TLS,	/* tls:// or no scheme (SSH auto-detected) */
	SVC_SMTP,	/* STARTTLS */
	SVC_IMAP,
	SVC_POP3,
	SVC_FTP,	/* AUTH TLS */
	SVC_SSH,
};

struct target {
	char			*spec;		/* as given */
	enum service		 svc;
	int			 scheme;	/* a scheme was given */
	char			*host;		/* name or literal, no brackets */
	uint16_t		 port;
	char			*sni;		/* NULL for IP literals */
	struct sockaddr_storage	 addr[TARGET_MAXADDR];
	socklen_t		 addrlen[TARGET_MAXADDR];
	size_t			 naddr;
	char			 ip[48];	/* the address scanned */
};

struct target_list {
	struct target	*v;
	size_t		 n;
	size_t		 cap;
};

struct resolve_entry {
	char			*host;
	uint16_t		 port;
	struct sockaddr_storage	 addr;
	socklen_t		 addrlen;
};

struct resolve_map {
	struct resolve_entry	*v;
	size_t			 n;
};

struct scope {
	struct cidr		*v;
	size_t			 n;
	int			 set;	/* --scope or --scope-file given */
};

const char *service_name(enum service);
uint16_t service_default_port(enum service);

/* Parses one target spec and appends it.  0, or -1 with err set. */
int	target_add(struct target_list *, const char *spec, char *err,
	    size_t errlen) __attribute__((warn_unused_result));
/*
 * Reads targets from path ("-" for stdin): one per line, blank lines and
 * '#' comments skipped.  Errors name the file and line.
 */
int	target_add_file(struct target_list *, const char *path, char *err,
	    size_t errlen) __attribute__((warn_unused_result));
void	target_list_free(struct target_list *);

/* Parses "host:port:addr" (addr may be [v6]). */
int	resolve_add(struct resolve_map *, const char *, char *err,
	    size_t errlen) __attribute__((warn_unused_result));
void	resolve_free(struct resolve_map *);

/* Parses "CIDR,CIDR,..." (a bare address is a host route). */
int	scope_add(struct scope *, const char *list, char *err, size_t errlen)
	    __attribute__((warn_unused_result));
/* One CIDR per line, '#' comments. */
int	scope_add_file(struct scope *, const char *path, char *err,
	    size_t errlen) __attribute__((warn_unused_result));
int	scope_contains(const struct scope *, const struct sockaddr *);
void	scope_free(struct scope *);

/*
 * Resolves every target: literals directly, --resolve entries next, names
 * through getaddrinfo_a in one parallel batch.  Sets sni (unless an IP
 * literal, or overridden by sni_override) and ip.  A target that does not
 * resolve gets its error in errs[i] (malloc'd) and naddr 0; returns 0, or
 * -1 on allocation failure.
 */
int	targets_resolve(struct target_list *, const struct resolve_map *,
	    const char *sni_override, char **errs)
	    __attribute__((warn_unused_result));
/*
 * Checks every address of every resolved target against the scope.  On the
 * first address outside it, returns -1 with err naming target and address.
 */
int	targets_check_scope(const struct target_list *, const struct scope *,
	    char *err, size_t errlen) __attribute__((warn_unused_result));

/* Formats the address (no port) into buf. */
void	addr_string(const struct sockaddr *, char *buf, size_t len);

#endif
