/*
 * target.c: target syntax, target files, --resolve, scope and resolution
 * (see target.h).  Names are resolved in one getaddrinfo_a() batch so a
 * long list costs about one lookup's latency; literal addresses and
 * --resolve entries never reach the resolver.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/netsyntax.h"
#include "scanner/target.h"

static const struct {
	const char	*scheme;
	enum service	 svc;
	uint16_t	 port;
	const char	*name;
} services[] = {
	{ "tls", SVC_TLS, 443, "tls" },
	{ "smtp", SVC_SMTP, 25, "smtp" },
	{ "imap", SVC_IMAP, 143, "imap" },
	{ "pop3", SVC_POP3, 110, "pop3" },
	{ "ftp", SVC_FTP, 21, "ftp" },
	{ "ssh", SVC_SSH, 22, "ssh" },
};
#define NSERVICES (sizeof(services) / sizeof(services[0]))

const char *
service_name(enum service s)
{
	size_t i;

	for (i = 0; i < NSERVICES; i++)
		if (services[i].svc == s)
			return services[i].name;
	return "?";
}

uint16_t
service_default_port(enum service s)
{
	size_t i;

	for (i = 0; i < NSERVICES; i++)
		if (services[i].svc == s)
			return services[i].port;
	return 443;
}

/*
 * Splits "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6 literal
 * into host (malloc'd) and port (0 when absent).
 */
static int
split_hostport(const char *s, char **host, uint16_t *port, char *err,
    size_t errlen, const char *what)
{
	const char *p, *colon;
	struct in6_addr a6;
	char *h = NULL;

	*port = 0;
	if (*s == '[') {
		if ((p = strchr(s, ']')) == NULL) {
			snprintf(err, errlen, "%s '%s': missing ']'", what, s);
			return -1;
		}
		if ((h = strndup(s + 1, (size_t)(p - s - 1))) == NULL)
			goto nomem;
		if (inet_pton(AF_INET6, h, &a6) != 1) {
			snprintf(err, errlen, "%s '%s': not an IPv6 address",
			    what, s);
			free(h);
			return -1;
		}
		p++;
		if (*p == ':') {
			if (port_parse(p + 1, port) == -1)
				goto badport;
		} else if (*p != '\0') {
			snprintf(err, errlen, "%s '%s': junk after ']'", what,
			    s);
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
			    "(use [addr]:port)", what, s);
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
		snprintf(err, errlen, "%s '%s': bad host name", what, s);
		free(h);
		return -1;
	}
	*host = h;
	return 0;
badport:
	snprintf(err, errlen, "%s '%s': bad port", what, s);
	free(h);
	return -1;
nomem:
	snprintf(err, errlen, "out of memory");
	return -1;
}

int
target_add(struct target_list *l, const char *spec, char *err, size_t errlen)
{
	struct target t, *nv;
	const char *rest = spec, *sep;
	size_t i, ncap, slen;
	int r = -1;

	memset(&t, 0, sizeof(t));
	t.svc = SVC_TLS;
	if ((slen = strlen(spec)) == 0 || slen > TARGET_MAXLEN) {
		snprintf(err, errlen, "target '%.64s': empty or too long",
		    spec);
		return -1;
	}
	if ((sep = strstr(spec, "://")) != NULL) {
		for (i = 0; i < NSERVICES; i++)
			if (strlen(services[i].scheme) ==
			    (size_t)(sep - spec) &&
			    strncasecmp(spec, services[i].scheme,
			    (size_t)(sep - spec)) == 0)
				break;
		if (i == NSERVICES) {
			snprintf(err, errlen, "target '%s': unknown scheme "
			    "(tls, smtp, imap, pop3, ftp, ssh)", spec);
			return -1;
		}
		t.svc = services[i].svc;
		t.scheme = 1;
		rest = sep + 3;
		slen = strlen(rest);
		if (slen > 0 && rest[slen - 1] == '/')
			slen--;
	} else
		slen = strlen(rest);
	{
		char *hp;

		if ((hp = strndup(rest, slen)) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		if (*hp == '\0') {
			snprintf(err, errlen, "target '%s': no host", spec);
			free(hp);
			return -1;
		}
		r = split_hostport(hp, &t.host, &t.port, err, errlen,
		    "target");
		free(hp);
		if (r == -1) {
			/* Name the whole spec when a scheme was stripped. */
			return -1;
		}
		r = -1;
	}
	if (t.port == 0)
		t.port = service_default_port(t.svc);
	if ((t.spec = strdup(spec)) == NULL)
		goto nomem;
	if (l->n == l->cap) {
		ncap = l->cap == 0 ? 16 : l->cap * 2;
		if ((nv = reallocarray(l->v, ncap, sizeof(*nv))) == NULL)
			goto nomem;
		l->v = nv;
		l->cap = ncap;
	}
	l->v[l->n++] = t;
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
	free(t.spec);
	free(t.host);
	return r;
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
 * TARGET_MAXLEN, as a target to tl or as networks to sc (one of them is
 * NULL).
 */
static int
each_line(const char *path, struct target_list *tl, struct scope *sc,
    char *err, size_t errlen)
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
		if ((tl != NULL ? target_add(tl, line, sub, sizeof(sub)) :
		    scope_add(sc, line, sub, sizeof(sub))) == -1) {
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

int
target_add_file(struct target_list *l, const char *path, char *err,
    size_t errlen)
{
	return each_line(path, l, NULL, err, errlen);
}

void
target_list_free(struct target_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].spec);
		free(l->v[i].host);
		free(l->v[i].sni);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Parses a literal address into ss; returns 0 or -1. */
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
	return each_line(path, NULL, sc, err, errlen);
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

int
targets_resolve(struct target_list *l, const struct resolve_map *m,
    const char *sni_override, char **errs)
{
	struct gaicb **reqs = NULL, *cbs = NULL;
	struct addrinfo hints, *ai;
	struct target *t;
	size_t i, k, nreq = 0;
	int r = -1, literal, rc;

	if ((reqs = calloc(l->n + 1, sizeof(*reqs))) == NULL ||
	    (cbs = calloc(l->n + 1, sizeof(*cbs))) == NULL)
		goto out;
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	for (i = 0; i < l->n; i++) {
		t = &l->v[i];
		errs[i] = NULL;
		t->naddr = 0;
		literal = parse_literal(t->host, t->port, &t->addr[0],
		    &t->addrlen[0]) == 0;
		free(t->sni);
		t->sni = NULL;
		if (sni_override != NULL) {
			if ((t->sni = strdup(sni_override)) == NULL)
				goto out;
		} else if (!literal && (t->sni = strdup(t->host)) == NULL)
			goto out;
		if (literal) {
			t->naddr = 1;
			continue;
		}
		for (k = 0; k < m->n; k++)
			if (strcasecmp(m->v[k].host, t->host) == 0 &&
			    m->v[k].port == t->port)
				break;
		if (k < m->n) {
			memcpy(&t->addr[0], &m->v[k].addr, m->v[k].addrlen);
			t->addrlen[0] = m->v[k].addrlen;
			t->naddr = 1;
			continue;
		}
		cbs[nreq].ar_name = t->host;
		cbs[nreq].ar_request = &hints;
		reqs[nreq] = &cbs[nreq];
		nreq++;
	}
	/* Per-request errors are read below through gai_error(). */
	if (nreq > 0 && getaddrinfo_a(GAI_WAIT, reqs, (int)nreq, NULL) ==
	    EAI_MEMORY)
		goto out;
	for (i = 0, k = 0; i < l->n; i++) {
		t = &l->v[i];
		if (t->naddr > 0 || k >= nreq || cbs[k].ar_name != t->host)
			continue;
		rc = gai_error(&cbs[k]);
		if (rc != 0) {
			char msg[300];

			snprintf(msg, sizeof(msg), "cannot resolve '%s': %s",
			    t->host, gai_strerror(rc));
			if ((errs[i] = strdup(msg)) == NULL)
				goto out;
		} else {
			for (ai = cbs[k].ar_result; ai != NULL &&
			    t->naddr < TARGET_MAXADDR; ai = ai->ai_next) {
				if (ai->ai_addrlen > sizeof(t->addr[0]))
					continue;
				memcpy(&t->addr[t->naddr], ai->ai_addr,
				    ai->ai_addrlen);
				t->addrlen[t->naddr] = ai->ai_addrlen;
				set_port(&t->addr[t->naddr], t->port);
				t->naddr++;
			}
			if (t->naddr == 0 &&
			    (errs[i] = strdup("no usable address")) == NULL)
				goto out;
		}
		k++;
	}
	for (i = 0; i < l->n; i++) {
		t = &l->v[i];
		if (t->naddr > 0)
			addr_string((struct sockaddr *)&t->addr[0], t->ip,
			    sizeof(t->ip));
	}
	r = 0;
out:
	if (cbs != NULL)
		for (i = 0; i < nreq; i++)
			if (cbs[i].ar_result != NULL)
				freeaddrinfo(cbs[i].ar_result);
	free(cbs);
	free(reqs);
	return r;
}

int
targets_check_scope(const struct target_list *l, const struct scope *sc,
    char *err, size_t errlen)
{
	char ip[64];
	size_t i, k;

	for (i = 0; i < l->n; i++)
		for (k = 0; k < l->v[i].naddr; k++)
			if (!scope_contains(sc,
			    (const struct sockaddr *)&l->v[i].addr[k])) {
				addr_string((const struct sockaddr *)
				    &l->v[i].addr[k], ip, sizeof(ip));
				snprintf(err, errlen, "target '%s': address "
				    "%s is outside the scope", l->v[i].spec,
				    ip);
				return -1;
			}
	return 0;
}
