/*
 * ssh_hostkey.c: host keys and auth methods via libssh2 (see
 * ssh_hostkey.h).  libssh2 does the I/O on the engine's socket in
 * non-blocking mode; this file parses the host key blob the server sent
 * (untrusted, through the bounded cursor) and computes its fingerprint
 * with OpenSSL.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh2.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "buf.h"
#include "ssh_hostkey.h"

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

/* Bit length of an mpint's magnitude. */
static int
mpint_bits(const struct rbuf *m)
{
	size_t i = 0;
	int bits;
	uint8_t top;

	while (i < m->len && m->p[i] == 0)
		i++;
	if (i == m->len)
		return 0;
	if (m->len - i > 16384)
		return -1;
	bits = (int)(m->len - i - 1) * 8;
	for (top = m->p[i]; top != 0; top >>= 1)
		bits++;
	return bits;
}

int
ssh_hostkey_from_blob(const uint8_t *blob, size_t len, struct ssh_hostkey *k)
{
	unsigned char md[EVP_MAX_MD_SIZE], b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3)
	    + 1];
	struct rbuf r, type, a, b;
	unsigned int mdlen = 0;
	int n, bits = 0;

	memset(k, 0, sizeof(*k));
	rbuf_init(&r, blob, len);
	if (rbuf_get_vec(&r, 4, &type) != BUF_OK || type.len == 0 ||
	    type.len >= sizeof(k->type))
		return SSH_HK_EKEY;
	memcpy(k->type, type.p, type.len);
	k->type[type.len] = '\0';
	if (strcmp(k->type, "ssh-rsa") == 0) {
		/* e, n */
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK ||
		    rbuf_get_vec(&r, 4, &b) != BUF_OK)
			return SSH_HK_EKEY;
		bits = mpint_bits(&b);
	} else if (strcmp(k->type, "ssh-dss") == 0) {
		/* p, q, g, y */
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK)
			return SSH_HK_EKEY;
		bits = mpint_bits(&a);
	} else if (strncmp(k->type, "ecdsa-sha2-", 11) == 0) {
		/* curve name, Q */
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK ||
		    rbuf_get_vec(&r, 4, &b) != BUF_OK)
			return SSH_HK_EKEY;
		if (a.len == 8 && memcmp(a.p, "nistp256", 8) == 0)
			bits = 256;
		else if (a.len == 8 && memcmp(a.p, "nistp384", 8) == 0)
			bits = 384;
		else if (a.len == 8 && memcmp(a.p, "nistp521", 8) == 0)
			bits = 521;
	} else if (strcmp(k->type, "ssh-ed25519") == 0) {
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK || a.len != 32)
			return SSH_HK_EKEY;
		bits = 256;
	} else if (strcmp(k->type, "ssh-ed448") == 0) {
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK || a.len != 57)
			return SSH_HK_EKEY;
		bits = 456;
	}
	if (bits < 0)
		return SSH_HK_EKEY;
	k->bits = bits;
	if (EVP_Digest(blob, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		return SSH_HK_EINTERNAL;
	n = EVP_EncodeBlock(b64, md, (int)mdlen);
	/* OpenSSH prints the base64 without its '=' padding. */
	while (n > 0 && b64[n - 1] == '=')
		n--;
	if ((size_t)n + 8 > sizeof(k->sha256))
		return SSH_HK_EINTERNAL;
	snprintf(k->sha256, sizeof(k->sha256), "SHA256:%.*s", n,
	    (const char *)b64);
	return 0;
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

enum hk_phase { P_HANDSHAKE, P_AUTHLIST, P_DONE };

struct ssh_hk_probe {
	LIBSSH2_SESSION	*s;
	const char	*alg;
	int		 want_auth;
	enum hk_phase	 phase;
	struct ssh_hostkey key;
	char		*auth;
	char		 err[256];
	/* ssh_hk_probe_resume(): server bytes to hand libssh2 first. */
	uint8_t		*replay;
	size_t		 replay_len, replay_off;
	/* Bytes of libssh2's identification not to send (already sent). */
	size_t		 skip;
};

/* libssh2's I/O on a resumed connection: the replay first, then fd. */
static ssize_t
resume_recv(libssh2_socket_t fd, void *buf, size_t len, int flags,
    void **abstract)
{
	struct ssh_hk_probe *p = *abstract;
	ssize_t n;

	if (p->replay_off < p->replay_len) {
		if (len > p->replay_len - p->replay_off)
			len = p->replay_len - p->replay_off;
		memcpy(buf, p->replay + p->replay_off, len);
		p->replay_off += len;
		return (ssize_t)len;
	}
	n = recv(fd, buf, len, flags);
	return n == -1 ? -errno : n;
}

static ssize_t
resume_send(libssh2_socket_t fd, const void *buf, size_t len, int flags,
    void **abstract)
{
	struct ssh_hk_probe *p = *abstract;
	ssize_t n;

	if (p->skip > 0) {
		/* libssh2 sends its identification first, in one piece. */
		if (len > p->skip)
			len = p->skip;
		p->skip -= len;
		return (ssize_t)len;
	}
	n = send(fd, buf, len, flags | MSG_NOSIGNAL);
	return n == -1 ? -errno : n;
}

/* libssh2 takes its callbacks as void *. */
typedef LIBSSH2_RECV_FUNC((*recv_fn));
typedef LIBSSH2_SEND_FUNC((*send_fn));
_Static_assert(sizeof(recv_fn) == sizeof(void *) &&
    sizeof(send_fn) == sizeof(void *), "callbacks fit in a void *");

int
ssh_hk_probe_resume(struct ssh_hk_probe *p, const uint8_t *replay,
    size_t len)
{
	recv_fn rf = resume_recv;
	send_fn sf = resume_send;
	char banner[sizeof(SSH_CLIENT_IDENT)];
	void *v;

	if (len == 0 || (p->replay = malloc(len)) == NULL)
		return SSH_HK_ENOMEM;
	memcpy(p->replay, replay, len);
	p->replay_len = len;
	/* The same identification: it is part of the exchange hash. */
	snprintf(banner, sizeof(banner), "%.*s",
	    (int)(sizeof(SSH_CLIENT_IDENT) - 3), SSH_CLIENT_IDENT);
	if (libssh2_session_banner_set(p->s, banner) != 0)
		return SSH_HK_ENOMEM;
	p->skip = sizeof(SSH_CLIENT_IDENT) - 1;
	memcpy(&v, &rf, sizeof(v));
	libssh2_session_callback_set(p->s, LIBSSH2_CALLBACK_RECV, v);
	memcpy(&v, &sf, sizeof(v));
	libssh2_session_callback_set(p->s, LIBSSH2_CALLBACK_SEND, v);
	return 0;
}

struct ssh_hk_probe *
ssh_hk_probe_new(const char *hostkey_alg, int want_auth)
{
	struct ssh_hk_probe *p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->alg = hostkey_alg;
	p->want_auth = want_auth;
	if ((p->s = libssh2_session_init_ex(NULL, NULL, NULL, p)) == NULL) {
		free(p);
		return NULL;
	}
	libssh2_session_set_blocking(p->s, 0);
	if (libssh2_session_method_pref(p->s, LIBSSH2_METHOD_HOSTKEY,
	    hostkey_alg) != 0) {
		libssh2_session_free(p->s);
		free(p);
		return NULL;
	}
	return p;
}

void
ssh_hk_probe_free(struct ssh_hk_probe **pp)
{
	struct ssh_hk_probe *p = *pp;

	if (p == NULL)
		return;
	/* The engine has closed the socket; this frees memory only. */
	if (p->s != NULL)
		libssh2_session_free(p->s);
	free(p->auth);
	free(p->replay);
	free(p);
	*pp = NULL;
}

const char *
ssh_hk_probe_error(const struct ssh_hk_probe *p)
{
	return p->err;
}

const struct ssh_hostkey *
ssh_hk_probe_key(const struct ssh_hk_probe *p)
{
	return p->phase == P_DONE && p->key.type[0] != '\0' ? &p->key : NULL;
}

const char *
ssh_hk_probe_auth(const struct ssh_hk_probe *p)
{
	return p->auth;
}

/* What libssh2 waits for; both directions: writing comes first. */
static int
direction(struct ssh_hk_probe *p)
{
	int d = libssh2_session_block_directions(p->s);

	if (d & LIBSSH2_SESSION_BLOCK_OUTBOUND)
		return SSH_HK_WANT_WRITE;
	return SSH_HK_WANT_READ;
}

static int
fail(struct ssh_hk_probe *p, const char *what, int code)
{
	char *msg = NULL;

	libssh2_session_last_error(p->s, &msg, NULL, 0);
	snprintf(p->err, sizeof(p->err), "%s: %s", what,
	    msg != NULL && *msg != '\0' ? msg : "failed");
	return code;
}

int
ssh_hk_probe_step(struct ssh_hk_probe *p, int fd)
{
	const char *blob, *list;
	size_t len = 0;
	int rc, type;

	switch (p->phase) {
	case P_HANDSHAKE:
		rc = libssh2_session_handshake(p->s, (libssh2_socket_t)fd);
		if (rc == LIBSSH2_ERROR_EAGAIN)
			return direction(p);
		if (rc != 0)
			return fail(p, "libssh2 handshake", SSH_HK_EHANDSHAKE);
		if ((blob = libssh2_session_hostkey(p->s, &len, &type)) ==
		    NULL)
			return fail(p, "host key", SSH_HK_EKEY);
		if (ssh_hostkey_from_blob((const uint8_t *)blob, len,
		    &p->key) != 0) {
			snprintf(p->err, sizeof(p->err), "malformed %s host "
			    "key blob (%zu bytes)", p->alg, len);
			return SSH_HK_EKEY;
		}
		if (!p->want_auth) {
			p->phase = P_DONE;
			return 0;
		}
		p->phase = P_AUTHLIST;
		/* FALLTHROUGH */
	case P_AUTHLIST:
		list = libssh2_userauth_list(p->s, SSH_HK_USER,
		    (unsigned int)strlen(SSH_HK_USER));
		if (list == NULL) {
			if (libssh2_userauth_authenticated(p->s))
				list = "none";
			else if (libssh2_session_last_errno(p->s) ==
			    LIBSSH2_ERROR_EAGAIN)
				return direction(p);
			else
				return fail(p, "auth method list",
				    SSH_HK_EAUTH);
		}
		if ((p->auth = strdup(list)) == NULL)
			return SSH_HK_ENOMEM;
		p->phase = P_DONE;
		return 0;
	case P_DONE:
		return 0;
	}
	return SSH_HK_EINTERNAL;
}
