/*
 * target.h: what to scan.  Target syntax (host, host:port, [v6]:port,
 * tls:// smtp:// imap:// pop3:// ftp:// ssh:// https:// lmtp:// xmpp://
 * xmpp-server:// nntp:// sieve:// irc://), target files, curl-style
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

/* A service is its scheme's index in net_schemes (common/netsyntax.h). */
enum service {
	SVC_TLS = NET_TLS,	/* tls:// or no scheme (SSH auto-detected) */
	SVC_SMTP = NET_SMTP,	/* STARTTLS */
	SVC_IMAP = NET_IMAP,
	SVC_POP3 = NET_POP3,
	SVC_FTP = NET_FTP,	/* AUTH TLS */
	SVC_SSH = NET_SSH,
	SVC_LDAP = NET_LDAP,		/* StartTLS extended operation */
	SVC_POSTGRES = NET_POSTGRES,	/* SSLRequest */
	SVC_MYSQL = NET_MYSQL,		/* SSLRequest in the handshake */
	SVC_LMTP = NET_LMTP,	/* LHLO, STARTTLS */
	SVC_XMPP = NET_XMPP,	/* <starttls/> in a jabber:client stream */
	SVC_XMPP_SERVER = NET_XMPP_SERVER,	/* in a jabber:server stream */
	SVC_NNTP = NET_NNTP,	/* CAPABILITIES, STARTTLS */
	SVC_SIEVE = NET_SIEVE,	/* ManageSieve STARTTLS */
	SVC_IRC = NET_IRC,	/* CAP LS, STARTTLS */
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
/* The protocol a port without a scheme is scanned with (net_scheme_for_port). */
enum service service_for_port(uint16_t);

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

/* Formats the address (no port) into buf. */
void	addr_string(const struct sockaddr *, char *buf, size_t len);

/* ------------------------------------------------------------------------
 * The target set (issue 9): what main() builds and scan_run() consumes.
 * Input specs are kept as given (compact: one entry per spec, a CIDR is one
 * entry however many addresses it holds); the endpoints to scan are
 * generated from them lazily, in input order, by a target_iter, so memory
 * is proportional to the input, never to the expansion.
 *
 * Spec syntax (target_set_add): everything target_add() accepts, plus
 * CIDR prefixes "192.0.2.0/28", "[2001:db8::/120]:8443", "tls://10.0.0.0/30",
 * "smtp://192.0.2.0/29:587".  A prefix means every address in it, network and
 * broadcast included, as nmap does.  IPv4 prefixes must be /8 or longer;
 * IPv6 prefixes may hold at most TARGET_MAX_V6_ADDRS addresses.  Host bits
 * set ("192.0.2.5/24") are an error (say which prefix was meant).
 * A spec without a port gets every port of the set's port list (-p), or its
 * service's default port when there is none.
 * ------------------------------------------------------------------------ */

#define TARGET_MAX_V6_ADDRS	65536u	/* a /112 */
#define TARGET_MAX_ERRORS	100	/* messages kept; the rest are counted */

/* Why an endpoint will not be scanned (it is still reported). */
enum target_error {
	TARGET_OK = 0,
	TARGET_ERESOLVE,	/* the name did not resolve */
	TARGET_ESCOPE,		/* outside the scope (target_set_check_scope, skip) */
};

/* One endpoint: one address, one port, one service.  Yielded by value. */
struct endpoint {
	uint64_t		 index;		/* among the endpoints yielded,
						   from 0 (duplicates get none) */
	const char		*spec;		/* the spec it came from, as given
						   (owned by the set) */
	enum service		 svc;
	int			 scheme;	/* a scheme was given, or nmap
						   named the service (else SSH
						   may be auto-detected) */
	char			 host[HOST_NAME_MAX_LEN + 1];	/* name, or the
						   address literal for a prefix */
	uint16_t		 port;
	const char		*sni;		/* NULL for literals and prefixes
						   unless --sni (owned by the
						   set) */
	struct sockaddr_storage	 addr;		/* the address to connect to */
	socklen_t		 addrlen;	/* 0 when not resolved */
	char			 ip[48];	/* addr as text, "" when not resolved */
	enum target_error	 error;
	const char		*why;		/* message when error != TARGET_OK
						   (owned by the set) */
};

/* Messages collected while reading input: every bad line, not the first. */
struct target_errors {
	char	*v[TARGET_MAX_ERRORS];
	size_t	 n;		/* kept in v */
	size_t	 total;		/* including those not kept */
};
void	target_errors_free(struct target_errors *);
/* Adds a message; past TARGET_MAX_ERRORS (or out of memory) only counts. */
void	target_errors_add(struct target_errors *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

struct target_set;

struct target_set *target_set_new(void);
void	target_set_free(struct target_set **);
/*
 * Parses one spec and appends it.  0, or -1 with the message (naming the
 * spec) added to errs.
 */
int	target_set_add(struct target_set *, const char *spec,
	    struct target_errors *errs) __attribute__((warn_unused_result));
/*
 * Reads path ("-" = stdin): nmap XML (nmap -oX, recognised by its
 * <nmaprun> root: every open TCP port of every host becomes an endpoint,
 * ssh/smtp/submission/imap/pop3/ftp/lmtp/nntp/xmpp-client/xmpp-server/
 * sieve/irc by nmap's service name or else the
 * port's usual service, everything else TLS, also a service nmap found
 * inside SSL (tunnel="ssl": smtps is not STARTTLS); a hostname nmap was
 * given becomes the SNI; nothing from a document that is not well-formed)
 * or else one spec per line ('#' comments, blank lines).  A file whose
 * first character (after a BOM and space) is '<' is XML, and must be
 * nmap's.
 * Every bad line is reported as "FILE:LINE: message"; returns the number of
 * errors added (0 = all good) or -1 when the file cannot be read at all
 * (message in errs too).  Input is capped (TARGET_MAX_FILE bytes).
 */
#define TARGET_MAX_FILE		(64u * 1024 * 1024)
int	target_set_add_file(struct target_set *, const char *path,
	    struct target_errors *errs) __attribute__((warn_unused_result));
/* The same for nmap XML already in memory (name for messages); fuzzed. */
int	target_set_add_nmap(struct target_set *, const char *buf, size_t len,
	    const char *name, struct target_errors *errs)
	    __attribute__((warn_unused_result));
/*
 * -p: the ports of every spec given without one ("443,8443,4430-4439",
 * syntax of portlist_parse() in common/netsyntax.h).  0 or -1 with err.
 */
int	target_set_ports(struct target_set *, const char *list, char *err,
	    size_t errlen) __attribute__((warn_unused_result));
/*
 * Resolves every name (literals and --resolve entries without the
 * resolver; names in one getaddrinfo_a batch).  A name that does not
 * resolve yields endpoints with TARGET_ERESOLVE.  sni_override (may be
 * NULL) replaces every endpoint's SNI.  0, or -1 when out of memory.
 */
int	target_set_resolve(struct target_set *, const struct resolve_map *,
	    const char *sni_override) __attribute__((warn_unused_result));
/*
 * Checks every address the set can yield (every resolved address of a
 * name; a prefix as a whole) against the scope.  Each offender is
 * reported ("target 'SPEC': address A is outside the scope", or for a
 * prefix "... addresses A to B are outside ..."); returns their number.
 * With skip, offenders are not errors of the run: their endpoints are
 * yielded with TARGET_ESCOPE instead (and nothing is sent to them).
 * They are marked so without skip too, whatever the caller then does.
 * A name is an offender when any of its addresses is.  Call it after
 * target_set_resolve() (again after each resolve).
 */
size_t	target_set_check_scope(struct target_set *, const struct scope *,
	    int skip, struct target_errors *errs);
/*
 * For the nmap reader (target_nmap.c): appends one endpoint whose address
 * nmap connected to, so no lookup is made; name (may be NULL) is the host
 * shown and the SNI.  0, or -1 (out of memory, or bad arguments).
 */
int	target_set_add_pinned(struct target_set *, enum service, int scheme,
	    int family, const unsigned char *addr, uint16_t port,
	    const char *name) __attribute__((warn_unused_result));
/* Endpoints the set yields, duplicates included (for progress). */
uint64_t target_set_count(const struct target_set *);

/*
 * Yields the endpoints in input order, skipping duplicates: an endpoint
 * with the same service, address, port and SNI as an earlier one (also
 * across prefixes and files).  Memory stays proportional to the input.
 * A prefix yields address by address, each address with all its ports.
 * The set must not change while an iterator is alive.
 */
struct target_iter;
struct target_iter *target_iter_new(const struct target_set *);
void	target_iter_free(struct target_iter **);
/* 1 with *ep filled, 0 at the end, -1 out of memory. */
int	target_next(struct target_iter *, struct endpoint *ep)
	    __attribute__((warn_unused_result));
/* Duplicates skipped so far. */
uint64_t target_iter_duplicates(const struct target_iter *);
/* Endpoints consumed so far, duplicates included. */
uint64_t target_iter_consumed(const struct target_iter *);

#endif
