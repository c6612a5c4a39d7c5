/*
 * ssh_policy.c: the SSH verdicts (see ssh_policy.h).  They judge only
 * what the server offered or did; a version banner never makes a
 * finding.  The name-lists were bounded and checked by ssh_kex.c.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "scanner/ssh/ssh_policy.h"

#define CHACHA20_POLY1305	"chacha20-poly1305@openssh.com"

static int
ends_with(const char *s, const char *sfx)
{
	size_t n = strlen(s), k = strlen(sfx);

	return n > k && strcmp(s + n - k, sfx) == 0;
}

static int
is_cbc(const char *c)
{
	return ends_with(c, "-cbc") ||
	    strcmp(c, "rijndael-cbc@lysator.liu.se") == 0;
}

static int
is_etm(const char *m)
{
	return ends_with(m, "-etm@openssh.com");
}

/* Whether some name of l satisfies pred. */
static int
any(const struct ssh_namelist *l, int (*pred)(const char *))
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (pred(l->v[i]))
			return 1;
	return 0;
}

static int
offers_chacha(const struct ssh_server_hello *h)
{
	return ssh_namelist_has(&h->lists[SSH_L_ENC_C2S], CHACHA20_POLY1305) ||
	    ssh_namelist_has(&h->lists[SSH_L_ENC_S2C], CHACHA20_POLY1305);
}

int
ssh_terrapin(const struct ssh_server_hello *h)
{
	if (!h->has_kexinit || h->strict_kex)
		return 0;
	if (offers_chacha(h))
		return 1;
	return (any(&h->lists[SSH_L_ENC_C2S], is_cbc) &&
	    any(&h->lists[SSH_L_MAC_C2S], is_etm)) ||
	    (any(&h->lists[SSH_L_ENC_S2C], is_cbc) &&
	    any(&h->lists[SSH_L_MAC_S2C], is_etm));
}

/* Appends s to ev (comma-separated), ending in "..." when full. */
static void
ev_item(char *ev, size_t len, const char *s)
{
	size_t n = strlen(ev);

	if (n + 1 >= len)
		return;
	if (n + strlen(s) + 6 >= len) {
		snprintf(ev + n, len - n, "%s...", n > 0 ? ", " : "");
		ev[len - 1] = '\0';
		return;
	}
	snprintf(ev + n, len - n, "%s%s", n > 0 ? ", " : "", s);
}

static int
is_kex_sha1(const char *n)
{
	return strcmp(n, "diffie-hellman-group1-sha1") == 0 ||
	    strcmp(n, "diffie-hellman-group14-sha1") == 0 ||
	    strcmp(n, "diffie-hellman-group-exchange-sha1") == 0 ||
	    (strncmp(n, "gss-", 4) == 0 && strstr(n, "-sha1-") != NULL);
}

static int
is_hostkey_sha1(const char *n)
{
	return strcmp(n, "ssh-rsa") == 0 || strcmp(n, "ssh-dss") == 0 ||
	    strcmp(n, "ssh-rsa-cert-v01@openssh.com") == 0 ||
	    strcmp(n, "ssh-dss-cert-v01@openssh.com") == 0;
}

static int
is_none(const char *n)
{
	return strcmp(n, "none") == 0;
}

static int
is_arcfour(const char *n)
{
	return strncmp(n, "arcfour", 7) == 0;
}

static int
is_3des(const char *n)
{
	return strcmp(n, "3des-cbc") == 0 || strcmp(n, "3des-ctr") == 0;
}

/* 3DES has a finding of its own. */
static int
is_cbc_not_3des(const char *n)
{
	return is_cbc(n) && strcmp(n, "3des-cbc") != 0;
}

static int
is_weak_mac(const char *n)
{
	return strncmp(n, "hmac-md5", 8) == 0 ||
	    strncmp(n, "hmac-sha1", 9) == 0 || strstr(n, "-96") != NULL ||
	    strncmp(n, "umac-64", 7) == 0;
}

static int
is_zlib(const char *n)
{
	return strcmp(n, "zlib") == 0;
}

/*
 * Per enum ssh_offer, in its order: the first list to look in and how
 * many (2: the client-to-server list and the server-to-client one after
 * it), what to look for, and how the evidence says it.
 */
static const struct {
	enum ssh_list	 first;
	size_t		 nlists;
	int		(*match)(const char *);
	const char	*what;
} offers[] = {
	{ SSH_L_KEX, 1, is_kex_sha1,
	    "SHA-1 key exchange offered" },
	{ SSH_L_HOSTKEY, 1, is_hostkey_sha1,
	    "host-key algorithm with SHA-1 signatures offered" },
	{ SSH_L_ENC_C2S, 2, is_none,
	    "no encryption (\"none\" cipher) offered" },
	{ SSH_L_ENC_C2S, 2, is_arcfour,
	    "arcfour (RC4) cipher offered" },
	{ SSH_L_ENC_C2S, 2, is_3des,
	    "3DES cipher offered" },
	{ SSH_L_ENC_C2S, 2, is_cbc_not_3des,
	    "CBC cipher offered" },
	{ SSH_L_MAC_C2S, 2, is_none,
	    "no integrity (\"none\" MAC) offered" },
	{ SSH_L_MAC_C2S, 2, is_weak_mac,
	    "MD5, SHA-1, 96-bit or 64-bit MAC offered" },
	{ SSH_L_COMP_C2S, 2, is_zlib,
	    "compression before authentication offered" },
};
_Static_assert(sizeof(offers) / sizeof(offers[0]) == SSH_OFFER_COUNT,
    "a row per enum ssh_offer");

int
ssh_rule_offers(const struct ssh_result *s, char *ev, size_t len,
    uint32_t which)
{
	const struct ssh_namelist *l, *seen;
	char items[400];
	size_t i, k;
	int found = 0;

	if (which >= SSH_OFFER_COUNT)
		return 0;
	items[0] = '\0';
	for (k = 0; k < offers[which].nlists; k++) {
		l = &s->hello.lists[offers[which].first + k];
		/* Both directions usually list the same: each name once. */
		seen = k > 0 ? &s->hello.lists[offers[which].first] : NULL;
		for (i = 0; i < l->n; i++) {
			if (!offers[which].match(l->v[i]) ||
			    (seen != NULL && ssh_namelist_has(seen, l->v[i])))
				continue;
			ev_item(items, sizeof(items), l->v[i]);
			found = 1;
		}
	}
	if (found)
		snprintf(ev, len, "%s: %s", offers[which].what, items);
	return found;
}

int
ssh_rule_protocol1(const struct ssh_result *s, char *ev, size_t len,
    uint32_t arg)
{
	(void)arg;
	if (!s->hello.ssh1)
		return 0;
	snprintf(ev, len, "server speaks SSH-1 (identification '%s')",
	    s->hello.ident);
	return 1;
}

int
ssh_rule_terrapin(const struct ssh_result *s, char *ev, size_t len,
    uint32_t arg)
{
	(void)arg;
	if (!ssh_terrapin(&s->hello))
		return 0;
	snprintf(ev, len, "Terrapin (CVE-2023-48795): no strict kex, and %s",
	    offers_chacha(&s->hello) ? CHACHA20_POLY1305 " offered" :
	    "a CBC cipher with an -etm@openssh.com MAC offered");
	return 1;
}

int
ssh_rule_rsa_key(const struct ssh_result *s, char *ev, size_t len,
    uint32_t arg, uint32_t floor)
{
	const struct ssh_hostkey *k;
	size_t i;

	for (i = 0; i < s->nhost_keys; i++) {
		k = &s->host_keys[i];
		if (strcmp(k->type, "ssh-rsa") != 0 || k->bits >= (int)arg)
			continue;
		if (k->bits < (int)floor)
			continue;
		snprintf(ev, len, "RSA host key of %d bits (%s), less than "
		    "%u", k->bits, k->sha256, (unsigned)arg);
		return 1;
	}
	return 0;
}

int
ssh_rule_auth(const struct ssh_result *s, char *ev, size_t len,
    uint32_t arg)
{
	static const char *const method[] = { "password",
	    "keyboard-interactive", "none" };
	size_t i;
	int publickey = 0, hit = 0;

	if (s->auth_methods == NULL || arg > 2)
		return 0;
	for (i = 0; i < s->nauth_methods; i++) {
		if (strcmp(s->auth_methods[i], method[arg]) == 0)
			hit = 1;
		if (strcmp(s->auth_methods[i], "publickey") == 0)
			publickey = 1;
	}
	if (!hit)
		return 0;
	if (arg == 2)
		snprintf(ev, len, "the server let a made-up user in without "
		    "authentication");
	else
		snprintf(ev, len, "%s is offered as a first method%s: a "
		    "password alone may log a user in", method[arg],
		    publickey ? " beside publickey" : "");
	return 1;
}

static int
matches(const char *name, char *const *pat, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fnmatch(pat[i], name, 0) == 0)
			return 1;
	return 0;
}

int
ssh_rule_names(const struct ssh_result *s, char *ev, size_t len,
    enum ssh_alg_list list, char *const *pat, size_t n, int allowed)
{
	static const struct {
		enum ssh_list	 first;
		size_t		 nlists;
		const char	*what;
	} lists[SSH_ALG_COUNT] = {
		[SSH_ALG_KEX] = { SSH_L_KEX, 1, "key exchange" },
		[SSH_ALG_HOSTKEY] = { SSH_L_HOSTKEY, 1, "host-key algorithm" },
		[SSH_ALG_CIPHER] = { SSH_L_ENC_C2S, 2, "cipher" },
		[SSH_ALG_MAC] = { SSH_L_MAC_C2S, 2, "MAC" },
		[SSH_ALG_COMPRESSION] = { SSH_L_COMP_C2S, 2, "compression" },
	};
	const struct ssh_namelist *l, *seen;
	char items[400];
	size_t i, k;
	int found = 0;

	if ((unsigned)list >= SSH_ALG_COUNT || !s->hello.has_kexinit)
		return 0;
	items[0] = '\0';
	for (k = 0; k < lists[list].nlists; k++) {
		l = &s->hello.lists[lists[list].first + k];
		seen = k > 0 ? &s->hello.lists[lists[list].first] : NULL;
		for (i = 0; i < l->n; i++) {
			/* Markers in the kex list, not algorithms. */
			if (allowed && list == SSH_ALG_KEX &&
			    (strncmp(l->v[i], "ext-info-", 9) == 0 ||
			    strncmp(l->v[i], "kex-strict-", 11) == 0))
				continue;
			if (matches(l->v[i], pat, n) == allowed ||
			    (seen != NULL && ssh_namelist_has(seen, l->v[i])))
				continue;
			ev_item(items, sizeof(items), l->v[i]);
			found = 1;
		}
	}
	if (found)
		snprintf(ev, len, "%s %s offered: %s", lists[list].what,
		    allowed ? "outside the profile" : "the profile forbids",
		    items);
	return found;
}
