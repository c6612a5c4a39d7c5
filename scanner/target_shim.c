/*
 * target_shim.c: TRANSITIONAL.  The target-set API of target.h over the
 * old target list (no prefixes, no port lists, no nmap input, no
 * deduplication), so that scan.c and main.c can move to it while
 * target.c gets the real implementation.  Removed when that lands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/target.h"

struct target_set {
	struct target_list	 tl;
	char			**why;
	int			*scope_bad;
};

struct target_iter {
	const struct target_set	*set;
	size_t			 i;
};

static int
add_error(struct target_errors *errs, const char *msg)
{
	errs->total++;
	if (errs->n < TARGET_MAX_ERRORS &&
	    (errs->v[errs->n] = strdup(msg)) != NULL)
		errs->n++;
	return -1;
}

void
target_errors_free(struct target_errors *errs)
{
	size_t i;

	for (i = 0; i < errs->n; i++)
		free(errs->v[i]);
	memset(errs, 0, sizeof(*errs));
}

struct target_set *
target_set_new(void)
{
	return calloc(1, sizeof(struct target_set));
}

void
target_set_free(struct target_set **sp)
{
	struct target_set *s;
	size_t i;

	if (sp == NULL || (s = *sp) == NULL)
		return;
	if (s->why != NULL)
		for (i = 0; i < s->tl.n; i++)
			free(s->why[i]);
	free(s->why);
	free(s->scope_bad);
	target_list_free(&s->tl);
	free(s);
	*sp = NULL;
}

int
target_set_add(struct target_set *s, const char *spec,
    struct target_errors *errs)
{
	char err[512];

	if (target_add(&s->tl, spec, err, sizeof(err)) == -1)
		return add_error(errs, err);
	return 0;
}

int
target_set_add_file(struct target_set *s, const char *path,
    struct target_errors *errs)
{
	char err[512];

	if (target_add_file(&s->tl, path, err, sizeof(err)) == -1) {
		add_error(errs, err);
		return 1;
	}
	return 0;
}

int
target_set_add_nmap(struct target_set *s, const char *buf, size_t len,
    const char *name, struct target_errors *errs)
{
	(void)s;
	(void)buf;
	(void)len;
	(void)name;
	add_error(errs, "nmap XML is not supported yet");
	return 1;
}

int
target_set_ports(struct target_set *s, const char *list, char *err,
    size_t errlen)
{
	(void)s;
	snprintf(err, errlen, "-p '%s': not supported yet", list);
	return -1;
}

int
target_set_resolve(struct target_set *s, const struct resolve_map *m,
    const char *sni_override)
{
	if ((s->why = calloc(s->tl.n + 1, sizeof(*s->why))) == NULL ||
	    (s->scope_bad = calloc(s->tl.n + 1, sizeof(int))) == NULL)
		return -1;
	return targets_resolve(&s->tl, m, sni_override, s->why);
}

size_t
target_set_check_scope(struct target_set *s, const struct scope *sc,
    int skip, struct target_errors *errs)
{
	char ip[64], msg[600];
	size_t i, k, bad = 0;

	for (i = 0; i < s->tl.n; i++)
		for (k = 0; k < s->tl.v[i].naddr; k++)
			if (!scope_contains(sc,
			    (const struct sockaddr *)&s->tl.v[i].addr[k])) {
				addr_string((const struct sockaddr *)
				    &s->tl.v[i].addr[k], ip, sizeof(ip));
				snprintf(msg, sizeof(msg), "target '%s': "
				    "address %s is outside the scope",
				    s->tl.v[i].spec, ip);
				if (!skip)
					add_error(errs, msg);
				else if (s->why[i] == NULL)
					s->why[i] = strdup(msg);
				s->scope_bad[i] = 1;
				bad++;
				break;
			}
	return bad;
}

uint64_t
target_set_count(const struct target_set *s)
{
	return s->tl.n;
}

struct target_iter *
target_iter_new(const struct target_set *s)
{
	struct target_iter *it;

	if ((it = calloc(1, sizeof(*it))) != NULL)
		it->set = s;
	return it;
}

void
target_iter_free(struct target_iter **ip)
{
	if (ip != NULL) {
		free(*ip);
		*ip = NULL;
	}
}

int
target_next(struct target_iter *it, struct endpoint *ep)
{
	const struct target *t;
	size_t i = it->i;

	if (i >= it->set->tl.n)
		return 0;
	it->i++;
	t = &it->set->tl.v[i];
	memset(ep, 0, sizeof(*ep));
	ep->index = i;
	ep->spec = t->spec;
	ep->svc = t->svc;
	ep->scheme = t->scheme;
	snprintf(ep->host, sizeof(ep->host), "%s", t->host);
	ep->port = t->port;
	ep->sni = t->sni;
	if (it->set->scope_bad != NULL && it->set->scope_bad[i]) {
		ep->error = TARGET_ESCOPE;
		ep->why = it->set->why[i];
	} else if (t->naddr == 0) {
		ep->error = TARGET_ERESOLVE;
		ep->why = it->set->why != NULL ? it->set->why[i] : NULL;
	} else {
		memcpy(&ep->addr, &t->addr[0], t->addrlen[0]);
		ep->addrlen = t->addrlen[0];
		snprintf(ep->ip, sizeof(ep->ip), "%s", t->ip);
	}
	return 1;
}

uint64_t
target_iter_duplicates(const struct target_iter *it)
{
	(void)it;
	return 0;
}

uint64_t
target_iter_consumed(const struct target_iter *it)
{
	return it->i;
}
