/*
 * ssh_policy.c: tests for the SSH rows of the rule table (see
 * ssh_policy.h).  They judge only what the server offered or did; a
 * version banner never makes a finding.
 */
#include <stdio.h>
#include <string.h>

#include "scanner/scan.h"
#include "scanner/ssh/ssh_policy.h"
#include "scanner/ssh/ssh_scan.h"

static const struct ssh_result *
ssh_of(const struct scan_result *r)
{
	if (r->ssh == NULL || !r->ssh->scanned)
		return NULL;
	return r->ssh;
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

/*
 * Collects the names of the given lists for which match() holds into ev,
 * once each, prefixed by what.  Returns whether any matched.
 */
static int
collect(const struct ssh_result *s, const enum ssh_list *lists, size_t nl,
    int (*match)(const char *, uint32_t), uint32_t arg, const char *what,
    char *ev, size_t len)
{
	char items[400];
	const struct ssh_namelist *l;
	size_t i, j, k;
	int dup, found = 0;

	items[0] = '\0';
	for (k = 0; k < nl; k++) {
		l = &s->hello.lists[lists[k]];
		for (i = 0; i < l->n; i++) {
			if (!match(l->v[i], arg))
				continue;
			dup = 0;
			for (j = 0; j < k && !dup; j++)
				dup = ssh_namelist_has(
				    &s->hello.lists[lists[j]], l->v[i]);
			if (dup)
				continue;
			ev_item(items, sizeof(items), l->v[i]);
			found = 1;
		}
	}
	if (found)
		snprintf(ev, len, "%s: %s", what, items);
	return found;
}

int
ssh_rule_protocol1(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	const struct ssh_result *s = ssh_of(r);

	(void)arg;
	if (s == NULL || !s->hello.ssh1)
		return 0;
	snprintf(ev, len, "server speaks SSH-1 (identification '%s')",
	    s->hello.ident);
	return 1;
}

int
ssh_rule_terrapin(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	const struct ssh_result *s = ssh_of(r);
	const enum ssh_list enc[] = { SSH_L_ENC_C2S, SSH_L_ENC_S2C };

	(void)arg;
	if (s == NULL || !s->terrapin)
		return 0;
	snprintf(ev, len, "Terrapin (CVE-2023-48795): no strict kex, and ");
	if (ssh_namelist_has(&s->hello.lists[enc[0]],
	    "chacha20-poly1305@openssh.com") ||
	    ssh_namelist_has(&s->hello.lists[enc[1]],
	    "chacha20-poly1305@openssh.com"))
		snprintf(ev + strlen(ev), len - strlen(ev),
		    "chacha20-poly1305@openssh.com offered");
	else
		snprintf(ev + strlen(ev), len - strlen(ev),
		    "a CBC cipher with an -etm@openssh.com MAC offered");
	return 1;
}

static int
is_kex_sha1(const char *n, uint32_t arg)
{
	(void)arg;
	return strcmp(n, "diffie-hellman-group1-sha1") == 0 ||
	    strcmp(n, "diffie-hellman-group14-sha1") == 0 ||
	    strcmp(n, "diffie-hellman-group-exchange-sha1") == 0 ||
	    (strncmp(n, "gss-", 4) == 0 && strstr(n, "-sha1-") != NULL);
}

int
ssh_rule_kex_sha1(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	const struct ssh_result *s = ssh_of(r);
	const enum ssh_list l[] = { SSH_L_KEX };

	if (s == NULL)
		return 0;
	return collect(s, l, 1, is_kex_sha1, arg, "SHA-1 key exchange offered",
	    ev, len);
}

static int
is_hostkey_sha1(const char *n, uint32_t arg)
{
	(void)arg;
	return strcmp(n, "ssh-rsa") == 0 || strcmp(n, "ssh-dss") == 0 ||
	    strcmp(n, "ssh-rsa-cert-v01@openssh.com") == 0 ||
	    strcmp(n, "ssh-dss-cert-v01@openssh.com") == 0;
}

int
ssh_rule_hostkey_sha1(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	const struct ssh_result *s = ssh_of(r);
	const enum ssh_list l[] = { SSH_L_HOSTKEY };

	if (s == NULL)
		return 0;
	return collect(s, l, 1, is_hostkey_sha1, arg,
	    "host-key algorithm with SHA-1 signatures offered", ev, len);
}

int
ssh_rule_rsa_key(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	const struct ssh_result *s = ssh_of(r);
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < s->nhost_keys; i++) {
		const struct ssh_hostkey *k = &s->host_keys[i];

		if (strcmp(k->type, "ssh-rsa") != 0 || k->bits >= (int)arg)
			continue;
		/* 3072 catches 2048..3071; 2048 catches what is below. */
		if (arg == 3072 && k->bits < 2048)
			continue;
		snprintf(ev, len, "RSA host key of %d bits (%s), less than "
		    "%u", k->bits, k->sha256, (unsigned)arg);
		return 1;
	}
	return 0;
}

static int
is_cipher(const char *n, uint32_t arg)
{
	switch (arg) {
	case 0:
		return ssh_cipher_is_cbc(n) && strcmp(n, "3des-cbc") != 0;
	case 1:
		return strcmp(n, "3des-cbc") == 0 || strcmp(n, "3des-ctr") == 0;
	case 2:
		return strncmp(n, "arcfour", 7) == 0;
	default:
		return strcmp(n, "none") == 0;
	}
}

int
ssh_rule_cipher(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	static const char *const what[] = { "CBC cipher offered",
	    "3DES cipher offered", "arcfour (RC4) cipher offered",
	    "no encryption (\"none\" cipher) offered" };
	const struct ssh_result *s = ssh_of(r);
	const enum ssh_list l[] = { SSH_L_ENC_C2S, SSH_L_ENC_S2C };

	if (s == NULL || arg > 3)
		return 0;
	return collect(s, l, 2, is_cipher, arg, what[arg], ev, len);
}

static int
is_weak_mac(const char *n, uint32_t arg)
{
	if (arg == 1)
		return strcmp(n, "none") == 0;
	return strncmp(n, "hmac-md5", 8) == 0 ||
	    strncmp(n, "hmac-sha1", 9) == 0 ||
	    strstr(n, "-96") != NULL ||
	    strncmp(n, "umac-64", 7) == 0;
}

int
ssh_rule_mac(const struct scan_result *r, char *ev, size_t len, uint32_t arg)
{
	const struct ssh_result *s = ssh_of(r);
	const enum ssh_list l[] = { SSH_L_MAC_C2S, SSH_L_MAC_S2C };

	if (s == NULL)
		return 0;
	return collect(s, l, 2, is_weak_mac, arg, arg == 1 ?
	    "no integrity (\"none\" MAC) offered" :
	    "MD5, SHA-1, 96-bit or 64-bit MAC offered", ev, len);
}

static int
is_zlib(const char *n, uint32_t arg)
{
	(void)arg;
	return strcmp(n, "zlib") == 0;
}

int
ssh_rule_compression(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	const struct ssh_result *s = ssh_of(r);
	const enum ssh_list l[] = { SSH_L_COMP_C2S, SSH_L_COMP_S2C };

	if (s == NULL)
		return 0;
	return collect(s, l, 2, is_zlib, arg,
	    "compression before authentication offered", ev, len);
}

int
ssh_rule_auth(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	static const char *const method[] = { "password",
	    "keyboard-interactive", "none" };
	const struct ssh_result *s = ssh_of(r);
	size_t i;
	int publickey = 0, hit = 0;

	if (s == NULL || s->auth_methods == NULL || arg > 2)
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
