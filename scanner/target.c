/*
 * target.c: target syntax, target files, --resolve, scope and resolution
 * (see target.h), and the target set: specs kept compact, endpoints
 * generated from them on demand (nmap XML is read by target_nmap.c).
 * Names are resolved in one getaddrinfo_a() batch so a long list costs
 * about one lookup's latency; literal addresses and --resolve entries
 * never reach the resolver.  Specs and files are not trusted: every
 * line is bounded (TARGET_MAXLEN), every file capped (TARGET_MAX_FILE).
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/netsyntax.h"
#include "scanner/target.h"

const char *
service_name(enum service s)
{
	return (unsigned)s < NET_NSCHEMES ? net_schemes[s].name : "?";
}

enum service
service_for_port(uint16_t port)
{
	return (enum service)net_scheme_for_port(port);
}

uint16_t
service_default_port(enum service s)
{
	return (unsigned)s < NET_NSCHEMES ? net_schemes[s].port : 443;
}

/*
 * Splits "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6 literal
 * into host (malloc'd) and port (0 when absent).
 */
static int
split_hostport(const char *s, char **host, uint16_t *port, char *err,
    size_t errlen, const char *what, const char *shown)
{
	const char *p, *colon;
	struct in6_addr a6;
	char *h = NULL;

	*port = 0;
	if (*s == '[') {
		if ((p = strchr(s, ']')) == NULL) {
			snprintf(err, errlen, "%s '%s': missing ']'", what,
			    shown);
			return -1;
		}
		if ((h = strndup(s + 1, (size_t)(p - s - 1))) == NULL)
			goto nomem;
		if (inet_pton(AF_INET6, h, &a6) != 1) {
			snprintf(err, errlen, "%s '%s': not an IPv6 address",
			    what, shown);
			free(h);
			return -1;
		}
		p++;
		if (*p == ':') {
			if (port_parse(p + 1, port) == -1)
				goto badport;
		} else if (*p != '\0') {
			snprintf(err, errlen, "%s '%s': junk after ']'", what,
			    shown);
			free(h);
			return -1;
		}
		*host = h;
		return 0;
	}
	colon = strchr(s, ':');
	if (colon != NULL && strchr(colon + 1, ':') != NULL) {
		/* Several colons: a bare IPv6 literal without port. */
		if (inet_pton(AF_INET6, s, &a6) != 1) {
			snprintf(err, errlen, "%s '%s': not an IPv6 address "
			    "(use [addr]:port)", what, shown);
			return -1;
		}
		if ((h = strdup(s)) == NULL)
			goto nomem;
		*host = h;
		return 0;
	}
	if (colon != NULL) {
		if ((h = strndup(s, (size_t)(colon - s))) == NULL)
			goto nomem;
		if (port_parse(colon + 1, port) == -1)
			goto badport;
	} else if ((h = strdup(s)) == NULL)
		goto nomem;
	if (!host_name_valid(h, strlen(h))) {
		snprintf(err, errlen, "%s '%s': bad host name", what, shown);
		free(h);
		return -1;
	}
	*host = h;
	return 0;
badport:
	snprintf(err, errlen, "%s '%s': bad port", what, shown);
	free(h);
	return -1;
nomem:
	snprintf(err, errlen, "out of memory");
	return -1;
}

static void
trim(char *s)
{
	size_t n = strlen(s);
	char *p = s;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)*p))
		p++;
	if (p != s)
		memmove(s, p, strlen(p) + 1);
}

/*
 * Adds each non-comment line of path ("-" = stdin), lines bounded to
 * TARGET_MAXLEN, as networks to sc.
 */
static int
each_line(const char *path, struct scope *sc, char *err, size_t errlen)
{
	char line[TARGET_MAXLEN + 2], sub[512], *hash;
	struct stat st;
	FILE *f;
	int fd, lineno = 0, r = -1;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
			snprintf(err, errlen, "%s: not a regular file", path);
			close(fd);
			return -1;
		}
		if ((f = fdopen(fd, "r")) == NULL) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errlen, "%s:%d: line too long", path,
			    lineno);
			goto out;
		}
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		trim(line);
		if (line[0] == '\0')
			continue;
		if (scope_add(sc, line, sub, sizeof(sub)) == -1) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, sub);
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		goto out;
	}
	r = 0;
out:
	if (f != stdin)
		fclose(f);
	return r;
}

static int
parse_literal(const char *s, uint16_t port, struct sockaddr_storage *ss,
    socklen_t *len)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		*len = sizeof(*s4);
		return 0;
	}
	if (inet_pton(AF_INET6, s, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		*len = sizeof(*s6);
		return 0;
	}
	return -1;
}

int
resolve_add(struct resolve_map *m, const char *s, char *err, size_t errlen)
{
	struct resolve_entry e, *nv;
	const char *c1, *c2;
	char *port = NULL, *addr = NULL;
	size_t n;
	int r = -1;

	memset(&e, 0, sizeof(e));
	if ((c1 = strchr(s, ':')) == NULL ||
	    (c2 = strchr(c1 + 1, ':')) == NULL || c1 == s) {
		snprintf(err, errlen, "--resolve '%s': want host:port:addr", s);
		return -1;
	}
	if ((e.host = strndup(s, (size_t)(c1 - s))) == NULL ||
	    (port = strndup(c1 + 1, (size_t)(c2 - c1 - 1))) == NULL ||
	    (addr = strdup(c2 + 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (port_parse(port, &e.port) == -1) {
		snprintf(err, errlen, "--resolve '%s': bad port", s);
		goto out;
	}
	n = strlen(addr);
	if (n >= 2 && addr[0] == '[' && addr[n - 1] == ']') {
		memmove(addr, addr + 1, n - 2);
		addr[n - 2] = '\0';
	}
	if (!host_name_valid(e.host, strlen(e.host)) ||
	    parse_literal(addr, e.port, &e.addr, &e.addrlen) == -1) {
		snprintf(err, errlen, "--resolve '%s': want host:port:addr "
		    "with a literal address", s);
		goto out;
	}
	if ((nv = reallocarray(m->v, m->n + 1, sizeof(*nv))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	m->v = nv;
	m->v[m->n++] = e;
	e.host = NULL;
	r = 0;
out:
	free(e.host);
	free(port);
	free(addr);
	return r;
}

void
resolve_free(struct resolve_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].host);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static int
scope_add_one(struct scope *sc, const char *s, char *err, size_t errlen)
{
	struct cidr net, *nv;
	int r;

	if ((r = cidr_parse(s, &net)) != CIDR_OK) {
		snprintf(err, errlen, "scope '%s': %s", s, cidr_errstr(r));
		return -1;
	}
	if ((nv = reallocarray(sc->v, sc->n + 1, sizeof(*nv))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sc->v = nv;
	sc->v[sc->n++] = net;
	sc->set = 1;
	return 0;
}

int
scope_add(struct scope *sc, const char *list, char *err, size_t errlen)
{
	char *copy, *p, *tok, *save = NULL;
	int r = 0;

	if ((copy = strdup(list)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sc->set = 1;
	for (p = copy; (tok = strtok_r(p, ", \t", &save)) != NULL; p = NULL)
		if ((r = scope_add_one(sc, tok, err, errlen)) == -1)
			break;
	free(copy);
	return r;
}

int
scope_add_file(struct scope *sc, const char *path, char *err, size_t errlen)
{
	sc->set = 1;
	return each_line(path, sc, err, errlen);
}

int
scope_contains(const struct scope *sc, const struct sockaddr *sa)
{
	const uint8_t *a;
	uint8_t mapped[16];
	size_t i;
	int fam, bits, full, rem;

	if (!sc->set)
		return 1;
	if (sa->sa_family == AF_INET) {
		fam = AF_INET;
		a = (const uint8_t *)&((const struct sockaddr_in *)sa)->sin_addr;
	} else if (sa->sa_family == AF_INET6) {
		fam = AF_INET6;
		a = (const uint8_t *)
		    &((const struct sockaddr_in6 *)sa)->sin6_addr;
		/* An IPv4-mapped address is judged as IPv4. */
		if (IN6_IS_ADDR_V4MAPPED(
		    &((const struct sockaddr_in6 *)sa)->sin6_addr)) {
			memcpy(mapped, a + 12, 4);
			a = mapped;
			fam = AF_INET;
		}
	} else
		return 0;
	for (i = 0; i < sc->n; i++) {
		if (sc->v[i].family != fam)
			continue;
		bits = sc->v[i].prefix;
		full = bits / 8;
		rem = bits % 8;
		if (memcmp(a, sc->v[i].addr, (size_t)full) != 0)
			continue;
		if (rem != 0 && ((a[full] ^ sc->v[i].addr[full]) &
		    (uint8_t)(0xff << (8 - rem))) != 0)
			continue;
		return 1;
	}
	return 0;
}

void
scope_free(struct scope *sc)
{
	free(sc->v);
	memset(sc, 0, sizeof(*sc));
}

void
addr_string(const struct sockaddr *sa, char *buf, size_t len)
{
	const void *a;

	if (sa->sa_family == AF_INET)
		a = &((const struct sockaddr_in *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
	else {
		snprintf(buf, len, "?");
		return;
	}
	if (inet_ntop(sa->sa_family, a, buf, (socklen_t)len) == NULL)
		snprintf(buf, len, "?");
}

static void
set_port(struct sockaddr_storage *ss, uint16_t port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons(port);
	else if (ss->ss_family == AF_INET6)
		((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
}

/* ------------------------------------------------------------------------
 * The target set.  Each spec is one entry; a prefix is a range of numbers
 * [lo, hi] and its addresses are lo + offset, so nothing is stored per
 * address.  Deduplication needs no set of every address either: a single
 * endpoint is looked up in a hash of the earlier single entries, and any
 * endpoint is compared arithmetically with the earlier prefixes holding
 * its address, found in a sorted index of the prefixes (prefixes either
 * nest or are disjoint, so those holding one address form a chain).
 * ------------------------------------------------------------------------ */

__extension__ typedef unsigned __int128 u128;

enum ekind {
	EK_NAME,	/* resolved by target_set_resolve() */
	EK_LITERAL,	/* an address given as such */
	EK_PREFIX,	/* a CIDR range */
	EK_PINNED,	/* an address from nmap output, maybe with a name */
};

struct addr_range {
	u128	lo, hi;
};

/*
 * One spec.  lo/hi: the prefix, or the address (hi = lo) once known;
 * host: the name or literal (NULL for a prefix and an unnamed pin); why:
 * the resolver's message; ra: the resolved addresses of a name; oos: the
 * parts of a prefix outside the scope (sorted, disjoint); outside: a
 * single entry is outside the scope; port 0: the set's list, or the
 * service's default; family 0: not resolved (yet).
 */
struct tentry {
	u128			 lo, hi;
	char			*spec;
	char			*host;
	char			*why;
	struct sockaddr_storage	*ra;
	size_t			 nra;
	struct addr_range	*oos;
	size_t			 noos;
	enum ekind		 kind;
	enum service		 svc;
	int			 scheme;
	int			 family;
	int			 outside;
	uint16_t		 port;
};

/* ports: -p, each port once in the order given; inlist: the same. */
struct target_set {
	struct tentry	*v;
	size_t		 n, cap;
	uint16_t	*ports;
	size_t		 nports;
	uint8_t		 inlist[65536 / 8];
	char		*sni_override;
};

static const char why_unresolved[] = "not resolved";
static const char why_scope[] = "outside the scope";

static u128
bytes_to_u128(int family, const unsigned char *b)
{
	u128 v = 0;
	size_t i, n = family == AF_INET ? 4 : 16;

	for (i = 0; i < n; i++)
		v = (v << 8) | b[i];
	return v;
}

static void
u128_to_bytes(int family, u128 v, unsigned char *b)
{
	size_t i, n = family == AF_INET ? 4 : 16;

	for (i = n; i > 0; i--) {
		b[i - 1] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static void
make_sockaddr(int family, u128 v, uint16_t port, struct sockaddr_storage *ss,
    socklen_t *len)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		u128_to_bytes(AF_INET, v, (unsigned char *)&s4->sin_addr);
		*len = sizeof(*s4);
	} else {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		u128_to_bytes(AF_INET6, v, (unsigned char *)&s6->sin6_addr);
		*len = sizeof(*s6);
	}
}

/* The address of a sockaddr as a number; 0 or -1 (not IPv4 or IPv6). */
static int
sockaddr_value(const struct sockaddr_storage *ss, int *family, u128 *v)
{
	if (ss->ss_family == AF_INET) {
		*family = AF_INET;
		*v = bytes_to_u128(AF_INET, (const unsigned char *)
		    &((const struct sockaddr_in *)ss)->sin_addr);
		return 0;
	}
	if (ss->ss_family == AF_INET6) {
		*family = AF_INET6;
		*v = bytes_to_u128(AF_INET6, (const unsigned char *)
		    &((const struct sockaddr_in6 *)ss)->sin6_addr);
		return 0;
	}
	return -1;
}

static void
cidr_range(const struct cidr *c, u128 *lo, u128 *hi)
{
	int bits = c->family == AF_INET ? 32 : 128;
	int host = bits - c->prefix;
	u128 mask, v = bytes_to_u128(c->family, c->addr);

	mask = host >= 128 ? ~(u128)0 : ((u128)1 << host) - 1;
	*lo = v & ~mask;
	*hi = *lo | mask;
}

/* The address as text; IPv4 by hand because a /8 formats 16M of them. */
static void
format_addr(int family, u128 v, char *buf, size_t len)
{
	unsigned char b[16];
	char *p = buf;
	unsigned int o;
	int i;

	u128_to_bytes(family, v, b);
	if (family == AF_INET && len >= INET_ADDRSTRLEN) {
		for (i = 0; i < 4; i++) {
			o = b[i];
			if (o >= 100)
				*p++ = (char)('0' + o / 100);
			if (o >= 10)
				*p++ = (char)('0' + o / 10 % 10);
			*p++ = (char)('0' + o % 10);
			*p++ = i < 3 ? '.' : '\0';
		}
		return;
	}
	if (inet_ntop(family, b, buf, (socklen_t)len) == NULL)
		snprintf(buf, len, "?");
}

void
target_errors_free(struct target_errors *errs)
{
	size_t i;

	if (errs == NULL)
		return;
	for (i = 0; i < errs->n; i++)
		free(errs->v[i]);
	memset(errs, 0, sizeof(*errs));
}

void
target_errors_add(struct target_errors *errs, const char *fmt, ...)
{
	char buf[TARGET_MAXLEN + 512], *p;
	va_list ap;

	errs->total++;
	if (errs->n >= TARGET_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* Messages quote input and go to a terminal: no control bytes. */
	for (p = buf; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	if ((errs->v[errs->n] = strdup(buf)) != NULL)
		errs->n++;
}

static void
entry_release(struct tentry *e)
{
	free(e->spec);
	free(e->host);
	free(e->why);
	free(e->ra);
	free(e->oos);
	memset(e, 0, sizeof(*e));
}

struct target_set *
target_set_new(void)
{
	return calloc(1, sizeof(struct target_set));
}

void
target_set_free(struct target_set **setp)
{
	struct target_set *set;
	size_t i;

	if (setp == NULL || (set = *setp) == NULL)
		return;
	for (i = 0; i < set->n; i++)
		entry_release(&set->v[i]);
	free(set->v);
	free(set->ports);
	free(set->sni_override);
	free(set);
	*setp = NULL;
}

/* Takes e over (on failure too). */
static int
set_append(struct target_set *set, struct tentry *e)
{
	struct tentry *nv;
	size_t ncap;

	if (set->n == set->cap) {
		ncap = set->cap == 0 ? 16 : set->cap * 2;
		if ((nv = reallocarray(set->v, ncap, sizeof(*nv))) == NULL) {
			entry_release(e);
			return -1;
		}
		set->v = nv;
		set->cap = ncap;
	}
	set->v[set->n++] = *e;
	memset(e, 0, sizeof(*e));
	return 0;
}

/*
 * "192.0.2.0/28", "192.0.2.0/28:443", "[2001:db8::/120]:443" or a bare
 * "2001:db8::/120" (rest: the spec without its scheme) into e.
 */
static int
parse_prefix(const char *spec, const char *rest, struct tentry *e,
    char *err, size_t errlen)
{
	char buf[TARGET_MAXLEN + 1], want[INET6_ADDRSTRLEN + 8], *net, *p;
	const char *colons;
	struct cidr c;
	u128 lo, hi, v;
	int r, family;

	snprintf(buf, sizeof(buf), "%s", rest);
	net = buf;
	if (buf[0] == '[') {
		if ((p = strchr(buf, ']')) == NULL) {
			snprintf(err, errlen, "target '%s': missing ']'", spec);
			return -1;
		}
		*p++ = '\0';
		net = buf + 1;
		if (*p == ':') {
			if (port_parse(p + 1, &e->port) == -1)
				goto badport;
		} else if (*p != '\0') {
			snprintf(err, errlen, "target '%s': junk after ']'",
			    spec);
			return -1;
		}
		family = AF_INET6;
	} else if ((colons = strchr(buf, ':')) != NULL &&
	    strchr(colons + 1, ':') != NULL)
		family = AF_INET6;	/* bare IPv6 prefix, no port */
	else {
		family = AF_INET;
		if ((p = strchr(strchr(buf, '/'), ':')) != NULL) {
			*p++ = '\0';
			if (port_parse(p, &e->port) == -1)
				goto badport;
		}
	}
	if ((r = cidr_parse(net, &c)) != CIDR_OK) {
		snprintf(err, errlen, "target '%s': %s", spec, cidr_errstr(r));
		return -1;
	}
	if (c.family != family) {
		snprintf(err, errlen, "target '%s': %s", spec, family ==
		    AF_INET6 ? "not an IPv6 prefix" : "not an IPv4 prefix");
		return -1;
	}
	if (family == AF_INET && c.prefix < 8) {
		snprintf(err, errlen, "target '%s': prefix too large (IPv4 "
		    "prefixes must be /8 or longer)", spec);
		return -1;
	}
	if (family == AF_INET6 && (128 - c.prefix >= 64 ||
	    ((uint64_t)1 << (128 - c.prefix)) > TARGET_MAX_V6_ADDRS)) {
		snprintf(err, errlen, "target '%s': prefix too large (IPv6 "
		    "prefixes may hold at most %u addresses, a /112)", spec,
		    TARGET_MAX_V6_ADDRS);
		return -1;
	}
	v = bytes_to_u128(family, c.addr);
	cidr_range(&c, &lo, &hi);
	if (v != lo) {
		format_addr(family, lo, want, sizeof(want));
		snprintf(err, errlen, "target '%s': host bits set (did you "
		    "mean %s/%d?)", spec, want, c.prefix);
		return -1;
	}
	e->family = family;
	e->lo = lo;
	e->hi = hi;
	if (lo == hi) {
		/* A /32 or /128 is one address: a literal, found by hash. */
		e->kind = EK_LITERAL;
		format_addr(family, lo, want, sizeof(want));
		if ((e->host = strdup(want)) == NULL)
			goto nomem;
	} else
		e->kind = EK_PREFIX;
	return 0;
badport:
	snprintf(err, errlen, "target '%s': bad port", spec);
	return -1;
nomem:
	snprintf(err, errlen, "out of memory");
	return -1;
}

/* Parses spec into set; -1 with err naming the spec. */
static int
set_add_spec(struct target_set *set, const char *spec, char *err,
    size_t errlen)
{
	struct tentry e;
	struct sockaddr_storage ss;
	socklen_t sslen;
	const char *rest = spec, *sep;
	char *hp = NULL, names[256];
	size_t slen;
	int k, r = -1;

	memset(&e, 0, sizeof(e));
	e.svc = SVC_TLS;
	if ((slen = strlen(spec)) == 0 || slen > TARGET_MAXLEN) {
		snprintf(err, errlen, "target '%.64s': empty or too long",
		    spec);
		return -1;
	}
	if ((sep = strstr(spec, "://")) != NULL) {
		if ((k = net_scheme_find(spec, (size_t)(sep - spec))) == -1) {
			net_scheme_list(names, sizeof(names));
			snprintf(err, errlen, "target '%s': unknown scheme "
			    "(%s)", spec, names);
			return -1;
		}
		e.svc = (enum service)k;
		e.scheme = 1;
		rest = sep + 3;
	}
	slen = strlen(rest);
	if (e.scheme && slen > 0 && rest[slen - 1] == '/')
		slen--;
	if ((hp = strndup(rest, slen)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (*hp == '\0') {
		snprintf(err, errlen, "target '%s': no host", spec);
		goto out;
	}
	if (strchr(hp, '/') != NULL) {
		if (parse_prefix(spec, hp, &e, err, errlen) == -1)
			goto out;
	} else {
		if (split_hostport(hp, &e.host, &e.port, err, errlen,
		    "target", spec) == -1)
			goto out;
		if (parse_literal(e.host, 0, &ss, &sslen) == 0) {
			e.kind = EK_LITERAL;
			(void)sockaddr_value(&ss, &e.family, &e.lo);
			e.hi = e.lo;
		} else
			e.kind = EK_NAME;
	}
	if ((e.spec = strdup(spec)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (set_append(set, &e) == -1) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	r = 0;
out:
	entry_release(&e);
	free(hp);
	return r;
}

int
target_set_add(struct target_set *set, const char *spec,
    struct target_errors *errs)
{
	char err[TARGET_MAXLEN + 256];

	if (set_add_spec(set, spec, err, sizeof(err)) == -1) {
		target_errors_add(errs, "%s", err);
		return -1;
	}
	return 0;
}

int
target_set_add_pinned(struct target_set *set, enum service svc, int scheme,
    int family, const unsigned char *addr, uint16_t port, const char *name)
{
	struct tentry e;
	char ip[INET6_ADDRSTRLEN], spec[TARGET_MAXLEN];
	const char *shown;

	if ((family != AF_INET && family != AF_INET6) || port == 0 ||
	    (name != NULL && !host_name_valid(name, strlen(name))))
		return -1;
	memset(&e, 0, sizeof(e));
	e.kind = EK_PINNED;
	e.svc = svc;
	e.scheme = scheme;
	e.family = family;
	e.lo = e.hi = bytes_to_u128(family, addr);
	e.port = port;
	format_addr(family, e.lo, ip, sizeof(ip));
	shown = name != NULL ? name : ip;
	snprintf(spec, sizeof(spec), "%s://%s%s%s:%u", service_name(svc),
	    name == NULL && family == AF_INET6 ? "[" : "", shown,
	    name == NULL && family == AF_INET6 ? "]" : "", port);
	if ((e.spec = strdup(spec)) == NULL ||
	    (name != NULL && (e.host = strdup(name)) == NULL)) {
		entry_release(&e);
		return -1;
	}
	return set_append(set, &e);
}

/* Reads at most TARGET_MAX_FILE bytes of fd; -1 with err when larger. */
static int
read_capped(int fd, const char *name, char **bufp, size_t *lenp,
    struct target_errors *errs)
{
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0, ncap;
	ssize_t n;

	for (;;) {
		if (len == cap) {
			if (cap > TARGET_MAX_FILE) {
				target_errors_add(errs, "%s: larger than %u bytes", name,
				    TARGET_MAX_FILE);
				goto fail;
			}
			ncap = cap == 0 ? 65536 : cap * 2;
			if (ncap > (size_t)TARGET_MAX_FILE + 1)
				ncap = (size_t)TARGET_MAX_FILE + 1;
			if ((nb = realloc(buf, ncap + 1)) == NULL) {
				target_errors_add(errs, "%s: out of memory", name);
				goto fail;
			}
			buf = nb;
			cap = ncap;
		}
		if ((n = read(fd, buf + len, cap - len)) == -1) {
			if (errno == EINTR)
				continue;
			target_errors_add(errs, "%s: %s", name, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > TARGET_MAX_FILE) {
		target_errors_add(errs, "%s: larger than %u bytes", name,
		    TARGET_MAX_FILE);
		goto fail;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	free(buf);
	return -1;
}

/* XML (so nmap output) when the first thing after a BOM and space is '<'. */
static int
looks_like_xml(const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' ||
	    buf[i] == '\r' || buf[i] == '\n'))
		i++;
	return i < len && buf[i] == '<';
}

static int
add_lines(struct target_set *set, const char *buf, size_t len,
    const char *name, struct target_errors *errs)
{
	char line[TARGET_MAXLEN + 1], err[TARGET_MAXLEN + 256], *hash;
	const char *p = buf, *end = buf + len, *nl;
	size_t n;
	unsigned long lineno = 0;
	int bad = 0;

	while (p < end) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > TARGET_MAXLEN) {
			target_errors_add(errs, "%s:%lu: line too long", name, lineno);
			bad++;
		} else if (memchr(p, '\0', n) != NULL) {
			target_errors_add(errs, "%s:%lu: NUL byte in line", name,
			    lineno);
			bad++;
		} else {
			memcpy(line, p, n);
			line[n] = '\0';
			if ((hash = strchr(line, '#')) != NULL)
				*hash = '\0';
			trim(line);
			if (line[0] != '\0' && set_add_spec(set, line, err,
			    sizeof(err)) == -1) {
				target_errors_add(errs, "%s:%lu: %s", name, lineno,
				    err);
				bad++;
			}
		}
		p = nl + 1;
	}
	return bad;
}

int
target_set_add_file(struct target_set *set, const char *path,
    struct target_errors *errs)
{
	struct stat st;
	const char *name = path;
	char *buf = NULL;
	size_t len;
	int fd = -1, r = -1;

	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		name = "stdin";
	} else {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) ==
		    -1) {
			target_errors_add(errs, "%s: %s", path, strerror(errno));
			return -1;
		}
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
			target_errors_add(errs, "%s: not a regular file", path);
			goto out;
		}
	}
	if (read_capped(fd, name, &buf, &len, errs) == -1)
		goto out;
	if (looks_like_xml(buf, len))
		r = target_set_add_nmap(set, buf, len, name, errs);
	else
		r = add_lines(set, buf, len, name, errs);
out:
	if (fd != STDIN_FILENO && fd != -1)
		close(fd);
	free(buf);
	return r;
}

int
target_set_ports(struct target_set *set, const char *list, char *err,
    size_t errlen)
{
	struct portlist *pl;
	uint16_t *ports = NULL;
	uint32_t p;
	size_t i, n = 0;
	int r = -1;

	if ((pl = malloc(sizeof(*pl))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (portlist_parse(list, pl) == -1) {
		snprintf(err, errlen, "ports '%.200s': want a list such as "
		    "443,8443,4430-4439 (ports 1 to 65535, at most %d items)",
		    list, PORTLIST_MAX);
		goto out;
	}
	if ((ports = calloc(portlist_count(pl), sizeof(*ports))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	memset(set->inlist, 0, sizeof(set->inlist));
	for (i = 0; i < pl->n; i++)
		for (p = pl->r[i].lo; p <= pl->r[i].hi; p++)
			if ((set->inlist[p / 8] & (1u << (p % 8))) == 0) {
				set->inlist[p / 8] |= (uint8_t)(1u << (p % 8));
				ports[n++] = (uint16_t)p;
			}
	free(set->ports);
	set->ports = ports;
	set->nports = n;
	ports = NULL;
	r = 0;
out:
	free(ports);
	free(pl);
	return r;
}

static uint64_t
entry_naddrs(const struct tentry *e)
{
	return e->kind == EK_PREFIX ? (uint64_t)(e->hi - e->lo) + 1 : 1;
}

static size_t
entry_nports(const struct target_set *set, const struct tentry *e)
{
	return e->port != 0 || set->nports == 0 ? 1 : set->nports;
}

static uint16_t
entry_port(const struct target_set *set, const struct tentry *e, size_t i)
{
	if (e->port != 0)
		return e->port;
	if (set->nports != 0)
		return set->ports[i];
	return service_default_port(e->svc);
}

static int
in_list(const struct target_set *set, uint16_t p)
{
	return (set->inlist[p / 8] & (1u << (p % 8))) != 0;
}

/* Whether e yields port p. */
static int
entry_has_port(const struct target_set *set, const struct tentry *e,
    uint16_t p)
{
	if (e->port != 0)
		return p == e->port;
	if (set->nports != 0)
		return in_list(set, p);
	return p == service_default_port(e->svc);
}

/* The SNI e's endpoints carry (owned by the set). */
static const char *
entry_sni(const struct target_set *set, const struct tentry *e)
{
	if (set->sni_override != NULL)
		return set->sni_override;
	if (e->kind == EK_NAME || e->kind == EK_PINNED)
		return e->host;
	return NULL;
}

uint64_t
target_set_count(const struct target_set *set)
{
	uint64_t total = 0, n;
	size_t i;

	for (i = 0; i < set->n; i++) {
		n = entry_naddrs(&set->v[i]) * entry_nports(set, &set->v[i]);
		total = total > UINT64_MAX - n ? UINT64_MAX : total + n;
	}
	return total;
}

/* A --resolve entry for e: its port first, else any for the name. */
static const struct resolve_entry *
resolve_lookup(const struct target_set *set, const struct tentry *e,
    const struct resolve_map *m)
{
	size_t k;

	if (m == NULL)
		return NULL;
	for (k = 0; k < m->n; k++)
		if (strcasecmp(m->v[k].host, e->host) == 0 &&
		    entry_has_port(set, e, m->v[k].port))
			return &m->v[k];
	for (k = 0; k < m->n; k++)
		if (strcasecmp(m->v[k].host, e->host) == 0)
			return &m->v[k];
	return NULL;
}

int
target_set_resolve(struct target_set *set, const struct resolve_map *m,
    const char *sni_override)
{
	struct gaicb **reqs = NULL, *cbs = NULL;
	const struct resolve_entry *re;
	struct addrinfo hints, *ai;
	struct tentry *e;
	size_t i, k, nreq = 0, *who = NULL;
	char msg[HOST_NAME_MAX_LEN + 128];
	int r = -1, rc;

	free(set->sni_override);
	set->sni_override = NULL;
	if (sni_override != NULL &&
	    (set->sni_override = strdup(sni_override)) == NULL)
		return -1;
	if ((reqs = calloc(set->n + 1, sizeof(*reqs))) == NULL ||
	    (cbs = calloc(set->n + 1, sizeof(*cbs))) == NULL ||
	    (who = calloc(set->n + 1, sizeof(*who))) == NULL)
		goto out;
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	for (i = 0; i < set->n; i++) {
		e = &set->v[i];
		if (e->kind != EK_NAME)
			continue;
		free(e->ra);
		free(e->why);
		e->ra = NULL;
		e->why = NULL;
		e->nra = 0;
		e->family = 0;
		if ((re = resolve_lookup(set, e, m)) != NULL) {
			if ((e->ra = calloc(1, sizeof(*e->ra))) == NULL)
				goto out;
			memcpy(e->ra, &re->addr, re->addrlen);
			e->nra = 1;
			continue;
		}
		cbs[nreq].ar_name = e->host;
		cbs[nreq].ar_request = &hints;
		reqs[nreq] = &cbs[nreq];
		who[nreq++] = i;
	}
	/* Per-request errors are read below through gai_error(). */
	if (nreq > 0 && getaddrinfo_a(GAI_WAIT, reqs, (int)nreq, NULL) ==
	    EAI_MEMORY)
		goto out;
	for (k = 0; k < nreq; k++) {
		e = &set->v[who[k]];
		if ((rc = gai_error(&cbs[k])) != 0) {
			snprintf(msg, sizeof(msg), "cannot resolve '%s': %s",
			    e->host, gai_strerror(rc));
			if ((e->why = strdup(msg)) == NULL)
				goto out;
			continue;
		}
		if ((e->ra = calloc(TARGET_MAXADDR, sizeof(*e->ra))) == NULL)
			goto out;
		for (ai = cbs[k].ar_result; ai != NULL &&
		    e->nra < TARGET_MAXADDR; ai = ai->ai_next) {
			if ((ai->ai_family != AF_INET &&
			    ai->ai_family != AF_INET6) ||
			    ai->ai_addrlen > sizeof(e->ra[0]))
				continue;
			memcpy(&e->ra[e->nra++], ai->ai_addr, ai->ai_addrlen);
		}
		if (e->nra == 0) {
			snprintf(msg, sizeof(msg), "cannot resolve '%s': no "
			    "usable address", e->host);
			if ((e->why = strdup(msg)) == NULL)
				goto out;
		}
	}
	for (i = 0; i < set->n; i++) {
		e = &set->v[i];
		if (e->kind == EK_NAME && e->nra > 0 &&
		    sockaddr_value(&e->ra[0], &e->family, &e->lo) == 0)
			e->hi = e->lo;
	}
	r = 0;
out:
	if (cbs != NULL)
		for (k = 0; k < nreq; k++)
			if (cbs[k].ar_result != NULL)
				freeaddrinfo(cbs[k].ar_result);
	free(cbs);
	free(reqs);
	free(who);
	return r;
}

static int
range_cmp(const void *a, const void *b)
{
	const struct addr_range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return 0;
}

/* IPv4-mapped IPv6 addresses, which scope_contains() judges as IPv4. */
#define MAPPED_LO	((u128)0xffff << 32)
#define MAPPED_HI	(MAPPED_LO | 0xffffffffu)

/*
 * The parts of [e->lo, e->hi] outside the scope, sorted, into e->oos:
 * the same judgement as scope_contains(), by ranges.  0 or -1.
 */
static int
prefix_outside(struct tentry *e, const struct scope *sc)
{
	struct addr_range *in = NULL, *out = NULL;
	size_t i, nin = 0, nout = 0;
	u128 lo, hi, cur;
	int done = 0;

	/* A net may split in two around the mapped range; a gap per piece. */
	if ((in = calloc(2 * sc->n + 1, sizeof(*in))) == NULL ||
	    (out = calloc(2 * sc->n + 2, sizeof(*out))) == NULL)
		goto fail;
	for (i = 0; i < sc->n; i++) {
		cidr_range(&sc->v[i], &lo, &hi);
		if (e->family == AF_INET) {
			if (sc->v[i].family == AF_INET)
				in[nin++] = (struct addr_range){ lo, hi };
		} else if (sc->v[i].family == AF_INET)
			in[nin++] = (struct addr_range){ MAPPED_LO + lo,
			    MAPPED_LO + hi };
		else if (hi < MAPPED_LO || lo > MAPPED_HI)
			in[nin++] = (struct addr_range){ lo, hi };
		else {
			if (lo < MAPPED_LO)
				in[nin++] = (struct addr_range){ lo,
				    MAPPED_LO - 1 };
			if (hi > MAPPED_HI)
				in[nin++] = (struct addr_range){ MAPPED_HI + 1,
				    hi };
		}
	}
	qsort(in, nin, sizeof(*in), range_cmp);
	cur = e->lo;
	for (i = 0; i < nin && !done; i++) {
		if (in[i].hi < cur)
			continue;
		if (in[i].lo > e->hi)
			break;
		if (in[i].lo > cur)
			out[nout++] = (struct addr_range){ cur, in[i].lo - 1 };
		if (in[i].hi >= e->hi)
			done = 1;
		else
			cur = in[i].hi + 1;
	}
	if (!done)
		out[nout++] = (struct addr_range){ cur, e->hi };
	free(in);
	free(e->oos);
	e->oos = out;
	e->noos = nout;
	return 0;
fail:
	free(in);
	free(out);
	return -1;
}

size_t
target_set_check_scope(struct target_set *set, const struct scope *sc,
    int skip, struct target_errors *errs)
{
	struct sockaddr_storage ss;
	struct tentry *e;
	socklen_t sslen;
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	size_t i, k, bad = 0;

	/* Offenders are marked even without skip: nothing goes to them. */
	(void)skip;
	for (i = 0; i < set->n; i++) {
		e = &set->v[i];
		e->outside = 0;
		free(e->oos);
		e->oos = NULL;
		e->noos = 0;
		if (!sc->set)
			continue;
		switch (e->kind) {
		case EK_PREFIX:
			if (prefix_outside(e, sc) == -1) {
				/* Out of memory: the whole prefix is out. */
				e->outside = 1;
				target_errors_add(errs, "target '%s': out of memory "
				    "checking the scope", e->spec);
				bad++;
				break;
			}
			for (k = 0; k < e->noos; k++) {
				format_addr(e->family, e->oos[k].lo, a,
				    sizeof(a));
				format_addr(e->family, e->oos[k].hi, b,
				    sizeof(b));
				if (e->oos[k].lo == e->oos[k].hi)
					target_errors_add(errs, "target '%s': address "
					    "%s is outside the scope", e->spec,
					    a);
				else
					target_errors_add(errs, "target '%s': addresses "
					    "%s to %s are outside the scope",
					    e->spec, a, b);
				bad++;
			}
			break;
		case EK_NAME:
			for (k = 0; k < e->nra; k++)
				if (!scope_contains(sc,
				    (const struct sockaddr *)&e->ra[k])) {
					addr_string((const struct sockaddr *)
					    &e->ra[k], a, sizeof(a));
					target_errors_add(errs, "target '%s': address "
					    "%s is outside the scope", e->spec,
					    a);
					e->outside = 1;
					bad++;
				}
			break;
		case EK_LITERAL:
		case EK_PINNED:
			make_sockaddr(e->family, e->lo, 0, &ss, &sslen);
			if (!scope_contains(sc, (const struct sockaddr *)&ss)) {
				format_addr(e->family, e->lo, a, sizeof(a));
				target_errors_add(errs, "target '%s': address %s is "
				    "outside the scope", e->spec, a);
				e->outside = 1;
				bad++;
			}
			break;
		}
	}
	return bad;
}

/* ------------------------------------------------------------------------
 * Iteration.
 * ------------------------------------------------------------------------ */

#define NOPOS	SIZE_MAX

/* A prefix entry, for sorting. */
struct pnode {
	u128	lo, hi;
	size_t	e;
	int	family;
};

/* An explicit port of a group: the first entry yielding it. */
struct pport {
	size_t		e;
	uint16_t	port;
	uint8_t		svc;
};

/*
 * The prefix entries of one network, so that repeating a network costs
 * one lookup, not one per repeat: the first entry with the set's port
 * list per service, and the explicit ports sorted by (svc, port).
 * parent: the nearest group holding this one.
 */
struct pgroup {
	u128		 lo, hi;
	size_t		 parent;
	size_t		 list_e[NET_NSCHEMES];
	struct pport	*pp;
	size_t		 npp;
	int		 family;
};

/* A single endpoint yielded (port 0: every port of the set's list). */
struct hkey {
	u128		 a;
	const char	*sni;
	uint16_t	 port;
	uint8_t		 family;
	uint8_t		 svc;
	uint8_t		 used;
};

struct target_iter {
	const struct target_set	*set;
	size_t			 k;		/* entry */
	uint64_t		 ai;		/* address within it */
	size_t			 pi;		/* port within that */
	uint64_t		 index, consumed, dups;
	struct pgroup		*gv;		/* prefixes, sorted */
	size_t			 ng;
	struct pport		*ppv;		/* the groups' ports */
	size_t			 np;		/* prefix entries */
	struct hkey		*h;		/* the single endpoints */
	size_t			 hn, hcap;
	uint64_t		 seed;
	size_t			 fmt_k;		/* ip is of (k, ai) */
	uint64_t		 fmt_ai;
	char			 ip[48];
};

static int
pnode_cmp(const void *a, const void *b)
{
	const struct pnode *x = a, *y = b;

	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi > y->hi ? -1 : 1;	/* the larger first */
	return x->e < y->e ? -1 : x->e > y->e;
}

static int
pport_cmp(const void *a, const void *b)
{
	const struct pport *x = a, *y = b;

	if (x->svc != y->svc)
		return x->svc < y->svc ? -1 : 1;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e;
}

/*
 * The prefixes sorted by (family, start, larger first) and grouped by
 * network.  Prefixes nest or are disjoint, so a stack finds the parents.
 */
static int
index_prefixes(struct target_iter *it)
{
	const struct target_set *set = it->set;
	const struct tentry *e;
	struct pnode *pv = NULL;
	struct pgroup *g = NULL;
	size_t i, k, n = 0, sp = 0, *stack = NULL;
	int r = -1;

	for (i = 0; i < set->n; i++)
		if (set->v[i].kind == EK_PREFIX)
			n++;
	it->np = n;
	if (n == 0)
		return 0;
	if ((pv = calloc(n, sizeof(*pv))) == NULL ||
	    (it->gv = calloc(n, sizeof(*it->gv))) == NULL ||
	    (it->ppv = calloc(n, sizeof(*it->ppv))) == NULL ||
	    (stack = calloc(n, sizeof(*stack))) == NULL)
		goto out;
	for (i = 0, n = 0; i < set->n; i++)
		if (set->v[i].kind == EK_PREFIX)
			pv[n++] = (struct pnode){ set->v[i].lo, set->v[i].hi, i,
			    set->v[i].family };
	qsort(pv, n, sizeof(*pv), pnode_cmp);
	for (i = 0; i < n; i++) {
		if (g == NULL || g->family != pv[i].family ||
		    g->lo != pv[i].lo || g->hi != pv[i].hi) {
			if (g != NULL)
				qsort(g->pp, g->npp, sizeof(*g->pp),
				    pport_cmp);
			g = &it->gv[it->ng++];
			g->lo = pv[i].lo;
			g->hi = pv[i].hi;
			g->family = pv[i].family;
			g->parent = NOPOS;
			for (k = 0; k < NET_NSCHEMES; k++)
				g->list_e[k] = NOPOS;
			g->pp = &it->ppv[i];
		}
		e = &set->v[pv[i].e];
		/* Members come in entry order: the first is the smallest. */
		if (e->port == 0 && set->nports != 0) {
			if (g->list_e[e->svc] == NOPOS)
				g->list_e[e->svc] = pv[i].e;
		} else
			g->pp[g->npp++] = (struct pport){ pv[i].e,
			    entry_port(set, e, 0), (uint8_t)e->svc };
	}
	qsort(g->pp, g->npp, sizeof(*g->pp), pport_cmp);
	for (i = 0; i < it->ng; i++) {
		while (sp > 0 && (it->gv[stack[sp - 1]].family !=
		    it->gv[i].family || it->gv[stack[sp - 1]].hi <
		    it->gv[i].lo))
			sp--;
		it->gv[i].parent = sp > 0 ? stack[sp - 1] : NOPOS;
		stack[sp++] = i;
	}
	r = 0;
out:
	free(stack);
	free(pv);
	return r;
}

struct target_iter *
target_iter_new(const struct target_set *set)
{
	struct target_iter *it;

	if ((it = calloc(1, sizeof(*it))) == NULL)
		return NULL;
	it->set = set;
	it->fmt_k = NOPOS;
	if (index_prefixes(it) == -1) {
		target_iter_free(&it);
		return NULL;
	}
	if (getentropy(&it->seed, sizeof(it->seed)) == -1)
		it->seed = (uint64_t)(uintptr_t)it ^ 0x9e3779b97f4a7c15ull;
	return it;
}

void
target_iter_free(struct target_iter **itp)
{
	if (itp == NULL || *itp == NULL)
		return;
	free((*itp)->gv);
	free((*itp)->ppv);
	free((*itp)->h);
	free(*itp);
	*itp = NULL;
}

uint64_t
target_iter_duplicates(const struct target_iter *it)
{
	return it->dups;
}

uint64_t
target_iter_consumed(const struct target_iter *it)
{
	return it->consumed;
}

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

static uint64_t
hkey_hash(const struct target_iter *it, const struct hkey *k)
{
	uint64_t h = it->seed;
	const char *s;

	h = mix64(h ^ (uint64_t)k->a);
	h = mix64(h ^ (uint64_t)(k->a >> 64));
	h = mix64(h ^ ((uint64_t)k->port << 16 | (uint64_t)k->family << 8 |
	    k->svc));
	if (k->sni != NULL)
		for (s = k->sni; *s != '\0'; s++)
			h = (h ^ (unsigned char)tolower((unsigned char)*s)) *
			    0x100000001b3ull;
	return mix64(h);
}

static int
sni_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcasecmp(a, b) == 0;
}

static int
hkey_equal(const struct hkey *x, const struct hkey *y)
{
	return x->a == y->a && x->port == y->port && x->family == y->family &&
	    x->svc == y->svc && sni_equal(x->sni, y->sni);
}

static int
hash_has(const struct target_iter *it, const struct hkey *k)
{
	size_t i;

	if (it->hcap == 0)
		return 0;
	for (i = hkey_hash(it, k) & (it->hcap - 1); it->h[i].used;
	    i = (i + 1) & (it->hcap - 1))
		if (hkey_equal(&it->h[i], k))
			return 1;
	return 0;
}

static int
hash_put(struct target_iter *it, const struct hkey *k)
{
	struct hkey *nh, *old = it->h;
	size_t i, j, ncap, ocap = it->hcap;

	if (hash_has(it, k))
		return 0;
	if ((it->hn + 1) * 2 > it->hcap) {
		ncap = it->hcap == 0 ? 64 : it->hcap * 2;
		if ((nh = calloc(ncap, sizeof(*nh))) == NULL)
			return -1;
		it->h = nh;
		it->hcap = ncap;
		for (j = 0; j < ocap; j++) {
			if (!old[j].used)
				continue;
			for (i = hkey_hash(it, &old[j]) & (ncap - 1);
			    nh[i].used; i = (i + 1) & (ncap - 1))
				;
			nh[i] = old[j];
		}
		free(old);
	}
	for (i = hkey_hash(it, k) & (it->hcap - 1); it->h[i].used;
	    i = (i + 1) & (it->hcap - 1))
		;
	it->h[i] = *k;
	it->h[i].used = 1;
	it->hn++;
	return 0;
}

/* A single entry done: its endpoints are now "earlier" ones. */
static int
entry_done(struct target_iter *it, const struct tentry *e)
{
	const struct target_set *set = it->set;
	struct hkey k;

	if (e->kind == EK_PREFIX || e->family == 0)
		return 0;
	memset(&k, 0, sizeof(k));
	k.a = e->lo;
	k.family = (uint8_t)e->family;
	k.svc = (uint8_t)e->svc;
	k.sni = entry_sni(set, e);
	k.port = e->port != 0 ? e->port : set->nports != 0 ? 0 :
	    service_default_port(e->svc);
	return hash_put(it, &k);
}

/* Whether an entry before k in group g yields (svc, port). */
static int
group_yields(const struct target_iter *it, const struct pgroup *g,
    size_t k, enum service svc, uint16_t port)
{
	size_t lo = 0, hi = g->npp, mid;
	const struct pport *pp;

	if (it->set->nports != 0 && g->list_e[svc] < k &&
	    in_list(it->set, port))
		return 1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		pp = &g->pp[mid];
		if (pp->svc < svc || (pp->svc == svc && pp->port < port))
			lo = mid + 1;
		else
			hi = mid;
	}
	/* The first of equal (svc, port) is the smallest entry. */
	return lo < g->npp && g->pp[lo].svc == svc && g->pp[lo].port == port &&
	    g->pp[lo].e < k;
}

/*
 * Whether a prefix entry before k yields (svc, a, port, sni).  The groups
 * holding a are the last one starting at or before a and those of its
 * ancestors that reach a (at most one per prefix length).
 */
static int
prefix_dup(const struct target_iter *it, size_t k, int family, u128 a,
    enum service svc, uint16_t port, const char *sni)
{
	const struct pgroup *g;
	size_t lo = 0, hi = it->ng, mid, i;
	int holds = 0;

	if (it->ng == 0 || !sni_equal(sni, it->set->sni_override))
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		g = &it->gv[mid];
		if (g->family < family || (g->family == family && g->lo <= a))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || it->gv[lo - 1].family != family)
		return 0;
	for (i = lo - 1; i != NOPOS; i = it->gv[i].parent) {
		g = &it->gv[i];
		if (!holds && g->hi < a)
			continue;
		holds = 1;
		if (group_yields(it, g, k, svc, port))
			return 1;
	}
	return 0;
}

static int
is_dup(const struct target_iter *it, size_t k, const struct tentry *e,
    u128 a, uint16_t port, const char *sni)
{
	const struct target_set *set = it->set;
	struct hkey key;

	if (e->family == 0)
		return 0;	/* not resolved: nothing to compare */
	if (it->hn > 0) {
		memset(&key, 0, sizeof(key));
		key.a = a;
		key.family = (uint8_t)e->family;
		key.svc = (uint8_t)e->svc;
		key.sni = sni;
		key.port = port;
		if (hash_has(it, &key))
			return 1;
		key.port = 0;
		if (set->nports != 0 && in_list(set, port) &&
		    hash_has(it, &key))
			return 1;
	}
	if (e->kind == EK_PREFIX && it->np < 2)
		return 0;
	return prefix_dup(it, k, e->family, a, e->svc, port, sni);
}

static int
in_ranges(const struct addr_range *r, size_t n, u128 a)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r[mid].hi < a)
			lo = mid + 1;
		else if (r[mid].lo > a)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

int
target_next(struct target_iter *it, struct endpoint *ep)
{
	const struct target_set *set = it->set;
	const struct tentry *e;
	const char *sni;
	uint64_t ai;
	uint16_t port;
	u128 a;

	for (;;) {
		if (it->k >= set->n)
			return 0;
		e = &set->v[it->k];
		if (it->ai >= entry_naddrs(e)) {
			if (entry_done(it, e) == -1)
				return -1;
			it->k++;
			it->ai = 0;
			it->pi = 0;
			continue;
		}
		ai = it->ai;
		port = entry_port(set, e, it->pi);
		if (++it->pi >= entry_nports(set, e)) {
			it->pi = 0;
			it->ai++;
		}
		it->consumed++;
		a = e->lo + ai;
		sni = entry_sni(set, e);
		if (is_dup(it, it->k, e, a, port, sni)) {
			it->dups++;
			continue;
		}
		break;
	}
	memset(ep, 0, offsetof(struct endpoint, host));
	ep->index = it->index++;
	ep->spec = e->spec;
	/* No scheme: a plaintext port's own protocol, else TLS. */
	ep->svc = e->scheme || e->svc != SVC_TLS ? e->svc :
	    service_for_port(port);
	ep->scheme = e->scheme;
	ep->port = port;
	ep->sni = sni;
	ep->error = TARGET_OK;
	ep->why = NULL;
	ep->addrlen = 0;
	ep->ip[0] = '\0';
	if (e->family == 0)
		memset(&ep->addr, 0, sizeof(ep->addr));
	else {
		if (it->fmt_k != it->k || it->fmt_ai != ai) {
			format_addr(e->family, a, it->ip, sizeof(it->ip));
			it->fmt_k = it->k;
			it->fmt_ai = ai;
		}
		memcpy(ep->ip, it->ip, strlen(it->ip) + 1);
		if (e->kind == EK_NAME) {
			memcpy(&ep->addr, &e->ra[0], sizeof(ep->addr));
			set_port(&ep->addr, port);
			ep->addrlen = ep->addr.ss_family == AF_INET ?
			    sizeof(struct sockaddr_in) :
			    sizeof(struct sockaddr_in6);
		} else
			make_sockaddr(e->family, a, port, &ep->addr,
			    &ep->addrlen);
	}
	snprintf(ep->host, sizeof(ep->host), "%s", e->host != NULL ?
	    e->host : ep->ip);
	if (e->kind == EK_NAME && e->family == 0) {
		ep->error = TARGET_ERESOLVE;
		ep->why = e->why != NULL ? e->why : why_unresolved;
	} else if (e->outside || (e->noos > 0 && in_ranges(e->oos, e->noos,
	    a))) {
		ep->error = TARGET_ESCOPE;
		ep->why = why_scope;
	}
	return 1;
}
