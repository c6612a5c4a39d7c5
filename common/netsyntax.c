/* netsyntax.c: see netsyntax.h. */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/netsyntax.h"
#include "common/numparse.h"

bool
host_name_valid(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len > HOST_NAME_MAX_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '-' &&
		    name[i] != '.' && name[i] != '_')
			return false;
	return true;
}

int
port_parse(const char *s, uint16_t *port)
{
	int64_t v;

	if (!isdigit((unsigned char)*s) || parse_int64(s, 1, 65535, &v) != 0)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

int
cidr_parse(const char *s, struct cidr *out)
{
	char buf[128], *slash;
	int64_t pfx;
	int max;

	memset(out, 0, sizeof(*out));
	if (strlen(s) >= sizeof(buf))
		return CIDR_TOOLONG;
	snprintf(buf, sizeof(buf), "%s", s);
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	if (inet_pton(AF_INET, buf, out->addr) == 1) {
		out->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, out->addr) == 1) {
		out->family = AF_INET6;
		max = 128;
	} else
		return CIDR_BADADDR;
	out->prefix = max;
	if (slash != NULL) {
		if (!isdigit((unsigned char)*slash) ||
		    parse_int64(slash, 0, max, &pfx) != 0)
			return CIDR_BADPREFIX;
		out->prefix = (int)pfx;
	}
	return CIDR_OK;
}

const char *
cidr_errstr(int r)
{
	switch (r) {
	case CIDR_OK:
		return "ok";
	case CIDR_TOOLONG:
		return "too long";
	case CIDR_BADADDR:
		return "not an address or CIDR";
	case CIDR_BADPREFIX:
		return "bad prefix length";
	default:
		return "not a CIDR range";
	}
}

bool
cidr_host_bits(const struct cidr *c, char *net, size_t len)
{
	unsigned char a[16];
	char addr[INET6_ADDRSTRLEN];
	int i, bytes = c->family == AF_INET ? 4 : 16;
	bool set = false;

	memcpy(a, c->addr, sizeof(a));
	for (i = 0; i < bytes; i++) {
		int keep = c->prefix - 8 * i;
		unsigned char mask = (unsigned char)(keep >= 8 ? 0xffu :
		    keep <= 0 ? 0u : (0xffu << (8 - keep)) & 0xffu);

		set = set || (a[i] & (unsigned char)~mask) != 0;
		a[i] &= mask;
	}
	if (inet_ntop(c->family, a, addr, sizeof(addr)) == NULL)
		snprintf(addr, sizeof(addr), "?");
	snprintf(net, len, "%s/%d", addr, c->prefix);
	return set;
}

bool
cidr_overlap(const struct cidr *a, const struct cidr *b)
{
	int bits = a->prefix < b->prefix ? a->prefix : b->prefix, i;

	if (a->family != b->family)
		return false;
	for (i = 0; i < bits / 8; i++)
		if (a->addr[i] != b->addr[i])
			return false;
	if (bits % 8 != 0) {
		unsigned char mask = (unsigned char)(0xff << (8 - bits % 8));

		if ((a->addr[i] & mask) != (b->addr[i] & mask))
			return false;
	}
	return true;
}

bool
email_valid(const char *v)
{
	const char *at = strchr(v, '@'), *p;
	size_t label = 0;

	if (at == NULL || at == v || strchr(at + 1, '@') != NULL ||
	    strlen(v) > 254 || at[1] == '\0')
		return false;
	for (p = v; p < at; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			return false;
	for (p = at + 1; *p != '\0'; p++) {
		if (*p == '.') {
			if (label == 0)
				return false;
			label = 0;
		} else if (isalnum((unsigned char)*p) || *p == '-')
			label++;
		else
			return false;
	}
	return label > 0;
}

bool
phone_valid(const char *v)
{
	const char *p = v;
	size_t digits = 0;
	bool sep_ok = false;	/* a separator may follow */

	if (*p == '+')
		p++;
	for (; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			digits++;
			sep_ok = true;
		} else if ((*p == ' ' || *p == '-') && sep_ok)
			sep_ok = false;
		else
			return false;
	}
	/* the last character is a digit */
	return sep_ok && digits >= 6 && digits <= 20;
}

/*
 * Items are "N" or "N-M", separated by single commas; nothing else (no
 * spaces, no empty items), so a typo is refused rather than guessed at.
 */
int
portlist_parse(const char *s, struct portlist *out)
{
	char item[16], *dash;
	const char *p = s, *end;
	uint16_t lo, hi;
	size_t len;

	out->n = 0;
	for (;;) {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		len = (size_t)(end - p);
		if (len == 0 || len >= sizeof(item) || out->n == PORTLIST_MAX)
			goto bad;
		memcpy(item, p, len);
		item[len] = '\0';
		if ((dash = strchr(item, '-')) != NULL)
			*dash++ = '\0';
		if (port_parse(item, &lo) == -1)
			goto bad;
		hi = lo;
		if (dash != NULL && (port_parse(dash, &hi) == -1 || hi < lo))
			goto bad;
		out->r[out->n].lo = lo;
		out->r[out->n].hi = hi;
		out->n++;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	return 0;
bad:
	out->n = 0;
	return -1;
}

uint32_t
portlist_count(const struct portlist *pl)
{
	uint8_t seen[65536 / 8];
	uint32_t n = 0, port;
	size_t i;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < pl->n && i < PORTLIST_MAX; i++)
		for (port = pl->r[i].lo; port <= pl->r[i].hi; port++)
			if ((seen[port / 8] & (1u << (port % 8))) == 0) {
				seen[port / 8] |= (uint8_t)(1u << (port % 8));
				n++;
			}
	return n;
}

const struct net_scheme net_schemes[NET_NSCHEMES] = {
	[NET_TLS] = { "tls", 443 },
	[NET_SMTP] = { "smtp", 25 },
	[NET_IMAP] = { "imap", 143 },
	[NET_POP3] = { "pop3", 110 },
	[NET_FTP] = { "ftp", 21 },
	[NET_SSH] = { "ssh", 22 },
	[NET_HTTPS] = { "https", 443 },
	[NET_LDAP] = { "ldap", 389 },
	[NET_POSTGRES] = { "postgres", 5432 },
	[NET_MYSQL] = { "mysql", 3306 },
	[NET_LMTP] = { "lmtp", 24 },
	[NET_XMPP] = { "xmpp", 5222 },
	[NET_XMPP_SERVER] = { "xmpp-server", 5269 },
	[NET_NNTP] = { "nntp", 119 },
	[NET_SIEVE] = { "sieve", 4190 },
	[NET_IRC] = { "irc", 6667 },
};

int
net_scheme_find(const char *s, size_t len)
{
	int i;

	for (i = 0; i < NET_NSCHEMES; i++)
		if (strlen(net_schemes[i].name) == len &&
		    strncasecmp(s, net_schemes[i].name, len) == 0)
			return i;
	return -1;
}

void
net_scheme_list(char *buf, size_t len)
{
	size_t k = 0;
	int i, n;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < NET_NSCHEMES && k < len; i++) {
		n = snprintf(buf + k, len - k, "%s%s", i > 0 ? ", " : "",
		    net_schemes[i].name);
		if (n < 0)
			break;
		k += (size_t)n;
	}
}

enum net_scheme_id
net_scheme_for_port(uint16_t port)
{
	switch (port) {
	case 22:
		return NET_SSH;
	case 25:
	case 587:
		return NET_SMTP;
	case 143:
		return NET_IMAP;
	case 110:
		return NET_POP3;
	case 21:
		return NET_FTP;
	case 389:
		return NET_LDAP;
	case 5432:
		return NET_POSTGRES;
	case 3306:
		return NET_MYSQL;
	case 119:
		return NET_NNTP;
	case 4190:
		return NET_SIEVE;
	case 5222:
		return NET_XMPP;
	case 5269:
		return NET_XMPP_SERVER;
	case 6667:
		return NET_IRC;
	default:
		return NET_TLS;
	}
}
