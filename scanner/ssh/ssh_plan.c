/*
 * ssh_plan.c: the host-key plan and our KEX_ECDH client key (see
 * ssh_plan.h).  It reads the server's parsed KEXINIT (already bounded by
 * ssh_kex.c) and asks libssh2 what it supports; the ephemeral key comes
 * from OpenSSL.
 */
#include <stdio.h>
#include <string.h>

#include <libssh2.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "scanner/ssh/ssh_hostkey.h"
#include "scanner/ssh/ssh_plan.h"

/* Key kinds: the algorithms of one kind all fetch the same key. */
enum hk_kind {
	K_NONE, K_ED25519, K_ED448, K_EC256, K_EC384, K_EC521, K_RSA, K_DSS
};

static const struct {
	const char	*alg;
	enum hk_kind	 kind;
} kinds[] = {
	{ "ssh-ed25519", K_ED25519 },
	{ "ssh-ed448", K_ED448 },
	{ "ecdsa-sha2-nistp256", K_EC256 },
	{ "ecdsa-sha2-nistp384", K_EC384 },
	{ "ecdsa-sha2-nistp521", K_EC521 },
	{ "rsa-sha2-512", K_RSA },
	{ "rsa-sha2-256", K_RSA },
	{ "ssh-rsa", K_RSA },
	{ "ssh-dss", K_DSS },
};

/* Index of alg in kinds[], or -1 for certificates, sk-keys, unknown. */
static int
alg_index(const char *alg)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].alg, alg) == 0)
			return (int)i;
	return -1;
}

const char *
ssh_hk_libssh2_version(void)
{
	return libssh2_version(0);
}

/* Appends "libssh2 V supports none of the server's WHAT" to buf. */
static void
addnote(char *buf, size_t len, const char *what)
{
	size_t used = strlen(buf);

	if (used >= len - 1)
		return;
	snprintf(buf + used, len - used, "%slibssh2 %s supports none of the "
	    "server's %s", used > 0 ? "; " : "", libssh2_version(0), what);
}

/* Whether libssh2 knows one of the names of list l. */
static int
any_supported(const struct ssh_namelist *l, const char **sup, int nsup)
{
	size_t i;
	int j;

	for (i = 0; i < l->n; i++)
		for (j = 0; j < nsup; j++)
			if (strcmp(l->v[i], sup[j]) == 0)
				return 1;
	return 0;
}

static int
list_supported(const char **sup, int nsup, const char *name)
{
	int j;

	for (j = 0; j < nsup; j++)
		if (strcmp(name, sup[j]) == 0)
			return 1;
	return 0;
}

/* Key exchanges whose client message we can build: our preference. */
const char *const ssh_ecdh_kexes[] = {
	"curve25519-sha256",
	"curve25519-sha256@libssh.org",
	"ecdh-sha2-nistp256",
	"ecdh-sha2-nistp384",
	"ecdh-sha2-nistp521",
	NULL
};

int
ssh_hk_plan(const struct ssh_server_hello *h, const char *inline_alg,
    struct ssh_hk_plan *p)
{
	static const struct {
		int		 method;
		enum ssh_list	 list;
		const char	*what;
	} checks[] = {
		{ LIBSSH2_METHOD_KEX, SSH_L_KEX, "key exchanges" },
		{ LIBSSH2_METHOD_HOSTKEY, SSH_L_HOSTKEY,
		    "host-key algorithms" },
		{ LIBSSH2_METHOD_CRYPT_CS, SSH_L_ENC_C2S,
		    "ciphers (client to server)" },
		{ LIBSSH2_METHOD_CRYPT_SC, SSH_L_ENC_S2C,
		    "ciphers (server to client)" },
		{ LIBSSH2_METHOD_MAC_CS, SSH_L_MAC_C2S,
		    "MACs (client to server)" },
		{ LIBSSH2_METHOD_MAC_SC, SSH_L_MAC_S2C,
		    "MACs (server to client)" },
		{ LIBSSH2_METHOD_COMP_CS, SSH_L_COMP_C2S,
		    "compression methods (client to server)" },
		{ LIBSSH2_METHOD_COMP_SC, SSH_L_COMP_S2C,
		    "compression methods (server to client)" },
	};
	LIBSSH2_SESSION *s = NULL;
	const char **sup = NULL, **hksup = NULL;
	const char *lib_alg[K_DSS + 1], *any_alg[K_DSS + 1];
	int nsup, nhk = 0, done[K_DSS + 1], missing[K_DSS + 1];
	const struct ssh_namelist *hk = &h->lists[SSH_L_HOSTKEY];
	char unsup[400];
	size_t i, c, used;
	enum hk_kind kind;
	int ix, libok, lib_used = 0;
	enum hk_kind inline_kind = K_NONE;
	int r = SSH_HK_EINTERNAL;

	memset(p, 0, sizeof(*p));
	memset(done, 0, sizeof(done));
	memset(missing, 0, sizeof(missing));
	memset(lib_alg, 0, sizeof(lib_alg));
	memset(any_alg, 0, sizeof(any_alg));
	unsup[0] = '\0';
	if (!h->has_kexinit) {
		snprintf(p->session_note, sizeof(p->session_note),
		    "the server sent no SSH-2 KEXINIT");
		return 0;
	}
	if ((s = libssh2_session_init()) == NULL)
		return SSH_HK_ENOMEM;
	for (c = 0; c < sizeof(checks) / sizeof(checks[0]); c++) {
		if ((nsup = libssh2_session_supported_algs(s, checks[c].method,
		    &sup)) <= 0) {
			sup = NULL;
			goto out;
		}
		if (!any_supported(&h->lists[checks[c].list], sup, nsup))
			addnote(p->session_note, sizeof(p->session_note),
			    checks[c].what);
		if (checks[c].method == LIBSSH2_METHOD_HOSTKEY) {
			hksup = sup;
			nhk = nsup;
		} else
			libssh2_free(s, sup);
		sup = NULL;
	}
	/* Our own KEX_ECDH exchange reads what libssh2 cannot. */
	for (c = 0; ssh_ecdh_kexes[c] != NULL; c++)
		if (ssh_namelist_has(&h->lists[SSH_L_KEX], ssh_ecdh_kexes[c])) {
			p->ecdh_kex = ssh_ecdh_kexes[c];
			break;
		}
	libok = p->session_note[0] == '\0';
	/* The inline exchange needs an ECDH kex the server offers. */
	if (inline_alg != NULL && p->ecdh_kex != NULL &&
	    ssh_namelist_has(hk, inline_alg) && alg_index(inline_alg) >= 0)
		inline_kind = kinds[alg_index(inline_alg)].kind;
	for (i = 0; i < hk->n; i++) {
		if ((ix = alg_index(hk->v[i])) < 0)
			continue;
		kind = kinds[ix].kind;
		if (any_alg[kind] == NULL)
			any_alg[kind] = kinds[ix].alg;
		if (libok && lib_alg[kind] == NULL &&
		    list_supported(hksup, nhk, hk->v[i]))
			lib_alg[kind] = kinds[ix].alg;
	}
	for (i = 0; i < hk->n; i++) {
		if ((ix = alg_index(hk->v[i])) < 0)
			continue;
		kind = kinds[ix].kind;
		if (done[kind])
			continue;
		done[kind] = 1;
		if (p->nkeys == SSH_HK_MAX_KINDS)
			break;
		/*
		 * One libssh2 handshake (it also reads the auth methods);
		 * the other keys by KEX_ECDH, which costs the server and us
		 * one round trip and no full key exchange.
		 */
		if (inline_kind != K_NONE && kind == inline_kind) {
			p->keys[p->nkeys].alg =
			    kinds[alg_index(inline_alg)].alg;
			p->keys[p->nkeys].inline_ = 1;
			p->keys[p->nkeys++].ecdh = 1;
		} else if (lib_alg[kind] != NULL && (!lib_used ||
		    p->ecdh_kex == NULL)) {
			p->keys[p->nkeys].alg = lib_alg[kind];
			p->keys[p->nkeys++].ecdh = 0;
			lib_used = 1;
		} else if (p->ecdh_kex != NULL) {
			p->keys[p->nkeys].alg = any_alg[kind];
			p->keys[p->nkeys++].ecdh = 1;
		} else
			missing[kind] = 1;
	}
	/* libssh2 can only do the inline kind: a handshake for auth alone. */
	if (!lib_used && inline_kind != K_NONE && lib_alg[inline_kind] != NULL)
		p->auth_alg = lib_alg[inline_kind];
	for (i = 0; i < hk->n; i++) {
		if ((ix = alg_index(hk->v[i])) < 0 || !missing[kinds[ix].kind])
			continue;
		used = strlen(unsup);
		snprintf(unsup + used, sizeof(unsup) - used, "%s%s",
		    used > 0 ? ", " : "", hk->v[i]);
	}
	if (unsup[0] != '\0')
		snprintf(p->keys_note, sizeof(p->keys_note), "host keys for "
		    "%.150s not obtainable: %.250s, and the server offers no "
		    "curve25519 or ECDH key exchange", unsup, libok ?
		    "libssh2 does not support them" : p->session_note);
	r = 0;
out:
	if (hksup != NULL)
		libssh2_free(s, hksup);
	if (sup != NULL)
		libssh2_free(s, sup);
	libssh2_session_free(s);
	return r;
}

int
ssh_ecdh_client_key(const char *kex, uint8_t *q, size_t qmax, size_t *qlen)
{
	EVP_PKEY *k = NULL;
	const char *curve = NULL;
	int r = SSH_HK_EINTERNAL;

	if (strncmp(kex, "curve25519-sha256", 17) == 0) {
		if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "X25519")) == NULL)
			goto out;
		*qlen = qmax;
		if (EVP_PKEY_get_raw_public_key(k, q, qlen) != 1)
			goto out;
		r = 0;
		goto out;
	}
	if (strcmp(kex, "ecdh-sha2-nistp256") == 0)
		curve = "P-256";
	else if (strcmp(kex, "ecdh-sha2-nistp384") == 0)
		curve = "P-384";
	else if (strcmp(kex, "ecdh-sha2-nistp521") == 0)
		curve = "P-521";
	else
		goto out;
	if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", curve)) == NULL)
		goto out;
	/* The uncompressed point, as RFC 5656 wants Q_C. */
	if (EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, q,
	    qmax, qlen) != 1)
		goto out;
	r = 0;
out:
	EVP_PKEY_free(k);
	return r;
}
