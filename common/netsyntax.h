/*
 * netsyntax.h: the syntax of host names, ports and CIDR ranges, for both
 * the scanner's targets and scope and the entity register (§ 10: IP ranges
 * and hosts are the scope of an entity's scans), so the two never disagree
 * on what a host is.  Syntax only: nothing is resolved.
 */
#ifndef TILSYN_NETSYNTAX_H
#define TILSYN_NETSYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HOST_NAME_MAX_LEN	253

/*
 * A host name as resolvers accept it: 1 to 253 letters, digits, '-', '.'
 * and '_' (service labels such as _dmarc carry one).  len bytes of name.
 */
bool	host_name_valid(const char *name, size_t len);
/* A port: decimal 1 to 65535, digits only.  0 or -1. */
int	port_parse(const char *s, uint16_t *port)
	    __attribute__((warn_unused_result));

/*
 * The schemes of the scanner's target syntax, which the entity register
 * shares (§ 10: registered hosts are scan targets), in this order, with
 * their default ports (tilsyn-scan(1)).
 */
enum net_scheme_id {
	NET_TLS, NET_SMTP, NET_IMAP, NET_POP3, NET_FTP, NET_SSH,
	NET_HTTPS,	/* tls:// plus the HTTP headers */
	NET_LDAP,
	NET_POSTGRES,
	NET_MYSQL,
	NET_LMTP,	/* STARTTLS after LHLO */
	NET_XMPP,	/* client-to-server stream */
	NET_XMPP_SERVER,	/* server-to-server stream */
	NET_NNTP,
	NET_SIEVE,	/* ManageSieve */
	NET_IRC,
	NET_NSCHEMES
};
struct net_scheme {
	const char	*name;
	uint16_t	 port;
};
extern const struct net_scheme net_schemes[NET_NSCHEMES];
/* The index of the scheme spelled by the len bytes at s (any case), or -1. */
int	net_scheme_find(const char *s, size_t len);
/* "tls, smtp, ...": every scheme, in net_schemes' order (cut to len). */
void	net_scheme_list(char *buf, size_t len);
/*
 * The scheme a port without one is scanned with: ssh on 22, smtp on 25
 * and 587, imap on 143, pop3 on 110, ftp on 21, ldap on 389, postgres
 * on 5432, mysql on 3306, nntp on 119, sieve on 4190, xmpp on 5222,
 * xmpp-server on 5269, irc on 6667; tls (0) on every other.
 */
enum net_scheme_id net_scheme_for_port(uint16_t port);

struct cidr {
	int		 family;	/* AF_INET or AF_INET6 */
	int		 prefix;	/* 0..32 or 0..128 */
	unsigned char	 addr[16];	/* network byte order */
};

#define CIDR_OK		 0
#define CIDR_TOOLONG	-1	/* "too long" */
#define CIDR_BADADDR	-2	/* "not an address or CIDR" */
#define CIDR_BADPREFIX	-3	/* "bad prefix length" */

/* ADDR or ADDR/PREFIX, IPv4 or IPv6; a bare address is a full prefix. */
int	cidr_parse(const char *s, struct cidr *out)
	    __attribute__((warn_unused_result));
const char *cidr_errstr(int);
/*
 * Whether bits beyond the prefix are set (10.0.0.1/24); net gets the
 * range's network either way ("10.0.0.0/24"), at least CIDR_TEXT_LEN.
 */
#define CIDR_TEXT_LEN	64
bool	cidr_host_bits(const struct cidr *, char *net, size_t len);
/* Whether two ranges share an address (same family, one holds the other). */
bool	cidr_overlap(const struct cidr *, const struct cidr *);

/*
 * An e-mail address: LOCAL@DOMAIN, exactly one '@', both sides
 * non-empty, no space or control character; DOMAIN is labels of letters,
 * digits and '-' joined by single dots (one label will do), at most 254
 * bytes in all.
 */
bool	email_valid(const char *);
/*
 * A telephone number: an optional leading '+', then 6 to 20 digits,
 * single spaces or dashes between digits only ("+45 70 10 20 30").
 */
bool	phone_valid(const char *);

/* A port list: "443", "443,8443", "4430-4439", "22,443,8000-8010". */
#define PORTLIST_MAX	1024	/* ranges per list */
struct portlist {
	struct {
		uint16_t	lo, hi;
	}		 r[PORTLIST_MAX];
	size_t		 n;
};
/* 0, or -1 (empty, bad port, lo > hi, too many ranges). */
int	portlist_parse(const char *s, struct portlist *out)
	    __attribute__((warn_unused_result));
/* The number of ports (a port given twice counts once). */
uint32_t portlist_count(const struct portlist *);

#endif
