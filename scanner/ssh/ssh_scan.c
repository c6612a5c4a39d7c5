/*
 * ssh_scan.c: the SSH plan of one endpoint on the engine (see ssh_scan.h).
 * The byte probes hand what the server sent to ssh_kex_parse() and
 * ssh_kex_parse_reply(); the libssh2 probes run in the engine's fd mode.
 * Everything here runs inside the engine loop; nothing blocks.  Every
 * wait is bounded by the engine's timeouts and the target's deadline;
 * when one runs out the error names what did not arrive.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "scanner/engine.h"
#include "scanner/ssh/ssh_handshake.h"
#include "scanner/ssh/ssh_hostkey.h"
#include "scanner/ssh/ssh_kex.h"
#include "scanner/ssh/ssh_plan.h"
#include "scanner/ssh/ssh_scan.h"

/* One target's SSH plan; freed when its last probe has ended. */
struct ssh_job {
	struct engine		*e;
	struct sockaddr_storage	 addr;
	socklen_t		 addrlen;
	char			*host;
	uint64_t		 deadline;
	struct ssh_result	*res;
	void			(*done)(void *);
	void			*done_arg;
	/* Probes submitted and not yet ended. */
	int			 pending;
	/* Bytes the hello connection received, for error messages. */
	size_t			 seen;
	/* When its current wait began; it got a connection. */
	uint64_t		 wait_t0;
	int			 connected;
	struct ssh_hk_plan	 plan;
	/* Per plan entry: the key, or why not. */
	struct ssh_hostkey	 keys[SSH_HK_MAX_KINDS];
	int			 have_key[SSH_HK_MAX_KINDS];
	char			 key_err[SSH_HK_MAX_KINDS][256];
	/* The auth method list (NULL until read), or why not. */
	char			*auth;
	char			 auth_err[300];
	size_t			 next_auth;
	/* The entry read on the hello connection (-1: none). */
	int			 inline_idx;
	struct ssh_server_hello	 reply;
	/* Our KEXINIT went out on the hello connection. */
	int			 kexinit_sent;
	/* The hello connection goes on as libssh2's handshake (inline). */
	struct ssh_handshake	*lib;
};

struct hk_arg {
	struct ssh_job		*job;
	struct ssh_handshake	*p;
	size_t			 idx;
	int			 want_auth;
	int			 connected;
	uint64_t		 wait_t0;	/* last progress */
};

struct ssh_result *
ssh_result_new(void)
{
	struct ssh_result *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	ssh_server_hello_init(&r->hello);
	return r;
}

void
ssh_result_free(struct ssh_result **rp)
{
	struct ssh_result *r = *rp;
	size_t i;

	if (r == NULL)
		return;
	ssh_server_hello_release(&r->hello);
	free(r->host_keys);
	free(r->host_keys_error);
	for (i = 0; i < r->nauth_methods; i++)
		free(r->auth_methods[i]);
	free(r->auth_methods);
	free(r->auth_error);
	free(r->error);
	free(r);
	*rp = NULL;
}

static char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : strdup(s);
}

/* Splits "a,b,c" into res->auth_methods. */
static int
split_auth(struct ssh_result *res, const char *list)
{
	const char *p, *q;
	size_t n = 1, i = 0;

	for (p = list; *p != '\0'; p++)
		if (*p == ',')
			n++;
	if ((res->auth_methods = calloc(n, sizeof(char *))) == NULL)
		return -1;
	for (p = list; ; p = q + 1) {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		if (q > p) {
			if ((res->auth_methods[i] = strndup(p,
			    (size_t)(q - p))) == NULL)
				return -1;
			res->nauth_methods = ++i;
		}
		if (*q == '\0')
			break;
	}
	return 0;
}

/* Every probe has ended: move what was learned into the result. */
static void
finish(struct ssh_job *job)
{
	struct ssh_result *res = job->res;
	char note[2048];
	size_t i, n = 0;

	if (res->scanned) {
		for (i = 0; i < job->plan.nkeys; i++)
			if (job->have_key[i])
				n++;
		if (n > 0 && (res->host_keys = calloc(n,
		    sizeof(*res->host_keys))) != NULL) {
			for (i = 0; i < job->plan.nkeys; i++)
				if (job->have_key[i])
					res->host_keys[res->nhost_keys++] =
					    job->keys[i];
		}
		note[0] = '\0';
		if (job->plan.keys_note[0] != '\0')
			snprintf(note, sizeof(note), "%s", job->plan.keys_note);
		for (i = 0; i < job->plan.nkeys; i++)
			if (!job->have_key[i] && job->key_err[i][0] != '\0')
				snprintf(note + strlen(note), sizeof(note) -
				    strlen(note), "%s%s: %s",
				    note[0] != '\0' ? "; " : "",
				    job->plan.keys[i].alg, job->key_err[i]);
		if (note[0] != '\0')
			res->host_keys_error = xstrdup(note);
		if (job->auth != NULL) {
			if (split_auth(res, job->auth) == -1 &&
			    res->auth_error == NULL)
				res->auth_error = xstrdup("out of memory");
		} else if (job->plan.session_note[0] != '\0')
			res->auth_error = xstrdup(job->plan.session_note);
		else
			res->auth_error = xstrdup(job->auth_err[0] != '\0' ?
			    job->auth_err : "no handshake succeeded");
	}
	job->done(job->done_arg);
	free(job->auth);
	free(job->host);
	free(job);
}

/*
 * Queues a probe of the plan to the job's address; it is pending then.
 * 0 or the engine's error (ENGINE_ENOMEM, ENGINE_ESTOPPED).
 */
static int
job_submit(struct ssh_job *job, const struct probe_ops *ops, void *arg)
{
	int rc;

	if ((rc = engine_submit(job->e, (const struct sockaddr *)&job->addr,
	    job->addrlen, job->host, ops, arg, job->deadline)) != 0)
		return rc == ENGINE_ESTOPPED ? rc : ENGINE_ENOMEM;
	job->pending++;
	return 0;
}

/*
 * A probe ended.  It cost a connection when it got one or was turned
 * away by the server; not when the engine gated, stopped or cancelled it.
 */
static void
probe_ended(struct ssh_job *job, int connected, int status)
{
	if (connected || status == ENGINE_EREFUSED ||
	    status == ENGINE_EUNREACH || status == ENGINE_ECONNECT ||
	    status == ENGINE_ECTIMEOUT)
		job->res->connections++;
	if (--job->pending == 0)
		finish(job);
}

/* Milliseconds as "5 s" or "0.5 s", for messages. */
static void
fmt_secs(uint64_t ms, char *buf, size_t len)
{
	unsigned long long tenths = (unsigned long long)(ms + 50) / 100;

	if (tenths % 10 == 0)
		snprintf(buf, len, "%llu s", tenths / 10);
	else
		snprintf(buf, len, "%llu.%llu s", tenths / 10, tenths % 10);
}

/*
 * Why a byte probe that waited for what ended with status, into buf:
 * "KEXINIT not received within 5 s (40 bytes received)".  0 when the
 * status is not a wait that ran out.
 */
static int
not_received(char *buf, size_t len, const char *what, int status,
    uint64_t since, size_t seen)
{
	char secs[32];

	if (status == ENGINE_ETIMEOUT) {
		fmt_secs(engine_now_ms() - since, secs, sizeof(secs));
		snprintf(buf, len, "%s not received within %s (%zu bytes "
		    "received)", what, secs, seen);
		return 1;
	}
	if (status == ENGINE_EBUDGET) {
		snprintf(buf, len, "%s not received before the target's "
		    "deadline (%zu bytes received)", what, seen);
		return 1;
	}
	return 0;
}

/* The same for a libssh2 handshake: what it was at when it stalled. */
static const char *
lib_why(struct ssh_handshake *p, int status, uint64_t since, char *buf,
    size_t len)
{
	char secs[32];

	if (status == ENGINE_EPROTO)
		return ssh_handshake_error(p);
	if (status == ENGINE_ETIMEOUT) {
		fmt_secs(engine_now_ms() - since, secs, sizeof(secs));
		snprintf(buf, len, "%s stalled: no progress within %s",
		    ssh_handshake_stage(p), secs);
		return buf;
	}
	if (status == ENGINE_EBUDGET) {
		snprintf(buf, len, "%s cut off by the target's deadline",
		    ssh_handshake_stage(p));
		return buf;
	}
	return engine_errstr(status);
}

/* --- the libssh2 handshakes --- */

/* ssh_handshake_step()'s answer in the engine's terms. */
static int
hk_map(int rc)
{
	if (rc == SSH_HK_WANT_READ)
		return PROBE_FD_READ;
	if (rc == SSH_HK_WANT_WRITE)
		return PROBE_FD_WRITE;
	if (rc == 0)
		return PROBE_DONE;
	return ENGINE_EPROTO;
}

/*
 * One libssh2 step.  The engine restarts a wait's timer in fd mode only
 * when the probe switches between reading and writing; a step that sent
 * something moved the exchange on, so when it now waits to read it goes
 * through one wait to write first (the socket is writable at once).  A
 * step that only read, a server trickling its answer, changes nothing.
 */
static int
hk_step(struct ssh_handshake *p, int fd, uint64_t *wait_t0)
{
	uint64_t before = ssh_handshake_sent(p);
	int rc = hk_map(ssh_handshake_step(p, fd));

	if (ssh_handshake_sent(p) > before) {
		*wait_t0 = engine_now_ms();
		if (rc == PROBE_FD_READ)
			rc = PROBE_FD_WRITE;
	}
	return rc;
}

static int
hk_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct hk_arg *a = arg;
	int one = 1;

	(void)out;
	/*
	 * libssh2 writes some messages in two sends (NEWKEYS and the next
	 * packet): without TCP_NODELAY each waits for a delayed ACK, 40 ms.
	 */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	a->connected = 1;
	a->wait_t0 = engine_now_ms();
	return hk_step(a->p, fd, &a->wait_t0);
}

static int
hk_on_ready(void *arg, int fd)
{
	struct hk_arg *a = arg;

	return hk_step(a->p, fd, &a->wait_t0);
}

static int	submit_hk(struct ssh_job *, size_t idx, int want_auth,
		    const char *alg);

/* The auth list is worth another handshake with the next key. */
static void
retry_auth(struct ssh_job *job, int status)
{
	size_t next;

	while (job->next_auth < job->plan.nkeys &&
	    job->plan.keys[job->next_auth].ecdh)
		job->next_auth++;
	if (job->auth == NULL && job->next_auth < job->plan.nkeys &&
	    status != ENGINE_EBUDGET && status != ENGINE_ECANCEL &&
	    status != ENGINE_ESTOPPED && status != ENGINE_EGATED) {
		next = job->next_auth++;
		(void)submit_hk(job, next, 1, job->plan.keys[next].alg);
	}
}

static void
hk_on_end(void *arg, int status)
{
	struct hk_arg *a = arg;
	struct ssh_job *job = a->job;
	const struct ssh_hostkey *k;
	const char *why;
	char buf[200];
	int auth_failed = 0, connected = a->connected;

	if (status == PROBE_DONE && (k = ssh_handshake_key(a->p)) != NULL) {
		if (!job->have_key[a->idx]) {
			job->keys[a->idx] = *k;
			job->have_key[a->idx] = 1;
		}
		if (a->want_auth && job->auth == NULL &&
		    (job->auth = xstrdup(ssh_handshake_auth(a->p))) == NULL)
			auth_failed = 1;
	} else {
		why = lib_why(a->p, status, a->wait_t0, buf, sizeof(buf));
		/* On an ECDH entry it only asked for auth: keep that error. */
		if (!job->have_key[a->idx] && !job->plan.keys[a->idx].ecdh)
			snprintf(job->key_err[a->idx],
			    sizeof(job->key_err[a->idx]), "%s", why);
		if (a->want_auth) {
			snprintf(job->auth_err, sizeof(job->auth_err),
			    "%s", why);
			auth_failed = 1;
		}
	}
	if (auth_failed)
		retry_auth(job, status);
	ssh_handshake_free(&a->p);
	free(a);
	probe_ended(job, connected, status);
}

static const struct probe_ops hk_ops = {
	.name = "ssh-hostkey",
	.on_connect = hk_on_connect,
	.on_ready = hk_on_ready,
	.on_end = hk_on_end,
};

static int
submit_hk(struct ssh_job *job, size_t idx, int want_auth, const char *alg)
{
	struct hk_arg *a;

	if ((a = malloc(sizeof(*a))) == NULL)
		return ENGINE_ENOMEM;
	*a = (struct hk_arg){ .job = job, .idx = idx, .want_auth = want_auth,
	    .p = ssh_handshake_new(alg, want_auth) };
	if (a->p == NULL || job_submit(job, &hk_ops, a) != 0) {
		ssh_handshake_free(&a->p);
		free(a);
		return ENGINE_ENOMEM;
	}
	return 0;
}

/* --- our own KEX_ECDH exchange, for keys libssh2 cannot fetch --- */

struct ecdh_arg {
	struct ssh_job		*job;
	size_t			 idx;
	struct ssh_server_hello	 h;
	int			 connected;
	uint64_t		 wait_t0;
	size_t			 seen;
};

/* The names of one KEXINIT list: n of them at v. */
struct names {
	const char *const	*v;
	size_t			 n;
};

/* A KEXINIT offering lists (joined with commas), with a random cookie. */
static int
put_kexinit(struct wbuf *out, const struct names lists[SSH_L_COUNT])
{
	const char *joined[SSH_L_COUNT];
	struct wbuf w[SSH_L_COUNT];
	uint8_t cookie[16];
	size_t i, k;
	int rc = ENGINE_ENOMEM;

	for (i = 0; i < SSH_L_COUNT; i++)
		wbuf_init(&w[i], SSH_KEX_MAX_PACKET);
	for (i = 0; i < SSH_L_COUNT; i++) {
		for (k = 0; k < lists[i].n; k++) {
			if (k > 0)
				(void)wbuf_put_u8(&w[i], ',');
			(void)wbuf_put_bytes(&w[i], lists[i].v[k],
			    strlen(lists[i].v[k]));
		}
		/* The writer's error sticks: one check covers the list. */
		if (wbuf_put_u8(&w[i], 0) != BUF_OK)
			goto out;
		joined[i] = (const char *)w[i].p;
	}
	if (RAND_bytes(cookie, sizeof(cookie)) != 1) {
		rc = ENGINE_EINTERNAL;
		goto out;
	}
	if (ssh_kex_build_kexinit(out, joined, cookie, 0) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < SSH_L_COUNT; i++)
		wbuf_release(&w[i]);
	return rc;
}

/* KEX_ECDH_INIT alone, for the plan's ECDH kex. */
static int
put_ecdh_init(struct ssh_job *job, struct wbuf *out)
{
	uint8_t q[160];
	size_t qlen = 0;

	if (ssh_ecdh_client_key(job->plan.ecdh_kex, q, sizeof(q), &qlen) != 0)
		return ENGINE_EINTERNAL;
	if (ssh_kex_build_ecdh_init(out, q, qlen) != 0)
		return ENGINE_ENOMEM;
	return 0;
}

/*
 * Our KEXINIT and KEX_ECDH_INIT asking for plan entry idx: one kex and one
 * host-key algorithm, and the server's own lists for the rest, so that
 * negotiation picks exactly what we ask for.
 */
static int
put_ecdh_request(struct ssh_job *job, size_t idx, struct wbuf *out)
{
	const struct ssh_server_hello *sh = &job->res->hello;
	struct names lists[SSH_L_COUNT];
	size_t i;
	int rc;

	memset(lists, 0, sizeof(lists));
	lists[SSH_L_KEX].v = &job->plan.ecdh_kex;
	lists[SSH_L_KEX].n = 1;
	lists[SSH_L_HOSTKEY].v = &job->plan.keys[idx].alg;
	lists[SSH_L_HOSTKEY].n = 1;
	for (i = SSH_L_ENC_C2S; i <= SSH_L_COMP_S2C; i++) {
		lists[i].v = (const char *const *)sh->lists[i].v;
		lists[i].n = sh->lists[i].n;
	}
	if ((rc = put_kexinit(out, lists)) != 0)
		return rc;
	return put_ecdh_init(job, out);
}

/* Reads the KEX_ECDH_REPLY for plan entry idx from what arrived so far. */
static int
take_ecdh_reply(struct ssh_job *job, size_t idx, struct ssh_server_hello *h,
    const uint8_t *in, size_t len)
{
	const uint8_t *blob;
	size_t bloblen = 0;
	char err[256];
	int rc;

	rc = ssh_kex_parse_reply(in, len, h, &blob, &bloblen, err,
	    sizeof(err));
	if (rc == SSH_KEX_MORE)
		return PROBE_READ;
	if (rc == 0 && ssh_hostkey_from_blob(blob, bloblen,
	    &job->keys[idx]) == 0) {
		job->have_key[idx] = 1;
		return PROBE_DONE;
	}
	if (rc == 0)
		snprintf(err, sizeof(err), "malformed host key blob (%zu "
		    "bytes) in KEX_ECDH_REPLY", bloblen);
	snprintf(job->key_err[idx], sizeof(job->key_err[idx]), "%.250s",
	    err[0] != '\0' ? err : ssh_kex_errstr(rc));
	return ENGINE_EPROTO;
}

static int
ecdh_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct ecdh_arg *a = arg;
	int rc;

	(void)fd;
	a->connected = 1;
	a->wait_t0 = engine_now_ms();
	if (wbuf_put_bytes(out, SSH_CLIENT_IDENT,
	    sizeof(SSH_CLIENT_IDENT) - 1) != BUF_OK)
		return ENGINE_ENOMEM;
	if ((rc = put_ecdh_request(a->job, a->idx, out)) != 0)
		return rc;
	return PROBE_READ;
}

static int
ecdh_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct ecdh_arg *a = arg;

	(void)out;
	*consumed = 0;
	a->seen = len;
	return take_ecdh_reply(a->job, a->idx, &a->h, in, len);
}

/* What a connection that reads up to a KEX_ECDH_REPLY waited for. */
static const char *
reply_stage(const struct ssh_server_hello *h)
{
	if (h->ident[0] == '\0')
		return "identification";
	return h->has_kexinit ? "KEX_ECDH_REPLY" : "KEXINIT";
}

static void
ecdh_on_end(void *arg, int status)
{
	struct ecdh_arg *a = arg;
	struct ssh_job *job = a->job;
	char *err = job->key_err[a->idx];
	size_t errlen = sizeof(job->key_err[a->idx]);
	int connected = a->connected;

	if (status != PROBE_DONE && err[0] == '\0' &&
	    !not_received(err, errlen, reply_stage(&a->h), status, a->wait_t0,
	    a->seen))
		snprintf(err, errlen, "%s", engine_errstr(status));
	ssh_server_hello_release(&a->h);
	free(a);
	probe_ended(job, connected, status);
}

static const struct probe_ops ecdh_ops = {
	.name = "ssh-ecdh-hostkey",
	.max_input = SSH_KEX_MAX_REPLY_INPUT,
	.on_connect = ecdh_on_connect,
	.on_data = ecdh_on_data,
	.on_end = ecdh_on_end,
};

static int
submit_ecdh(struct ssh_job *job, size_t idx)
{
	struct ecdh_arg *a;

	if ((a = malloc(sizeof(*a))) == NULL)
		return ENGINE_ENOMEM;
	*a = (struct ecdh_arg){ .job = job, .idx = idx };
	ssh_server_hello_init(&a->h);
	if (job_submit(job, &ecdh_ops, a) != 0) {
		free(a);
		return ENGINE_ENOMEM;
	}
	return 0;
}

/* --- the identification and KEXINIT --- */

/*
 * What the hello connection's KEXINIT offers.  Some servers (network
 * switches, SBCs) send their KEXINIT only after the client's, so ours goes
 * out with our identification.  The ECDH kexes come first, in
 * ssh_ecdh_kexes order, so that the key exchange can go on to read one
 * host key whenever the server has one; then every other common kex, so
 * that a server without ECDH does not log a failed negotiation ("Unable to
 * negotiate") when we close after its KEXINIT.  Broad lists otherwise, for
 * the same reason (nothing is ever encrypted).  RSA comes first among the
 * host keys: libssh2 cannot fetch rsa-sha2-* keys.
 */
static const char *const our_kexes[] = {
	"curve25519-sha256", "curve25519-sha256@libssh.org",
	"ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
	"sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
	"mlkem768x25519-sha256", "curve448-sha512",
	"diffie-hellman-group-exchange-sha256",
	"diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
	"diffie-hellman-group14-sha256", "diffie-hellman-group15-sha512",
	"diffie-hellman-group17-sha512", "diffie-hellman-group14-sha1",
	"diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1",
	NULL
};
static const char *const our_hostkeys[] = {
	"rsa-sha2-512", "rsa-sha2-256", "ssh-ed25519", "ecdsa-sha2-nistp256",
	"ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-ed448", "ssh-rsa",
	"ssh-dss", NULL
};
static const char *const our_ciphers[] = {
	"chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com",
	"aes128-gcm@openssh.com", "aes256-ctr", "aes192-ctr", "aes128-ctr",
	"aes256-cbc", "aes192-cbc", "aes128-cbc",
	"rijndael-cbc@lysator.liu.se", "3des-cbc", "blowfish-cbc",
	"cast128-cbc", "arcfour256", "arcfour128", "arcfour", "none", NULL
};
static const char *const our_macs[] = {
	"hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
	"umac-128-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512",
	"umac-128@openssh.com", "hmac-sha1-etm@openssh.com", "hmac-sha1",
	"umac-64-etm@openssh.com", "umac-64@openssh.com", "hmac-sha1-96",
	"hmac-md5-etm@openssh.com", "hmac-md5", "hmac-md5-96",
	"hmac-ripemd160", "hmac-ripemd160@openssh.com", "none", NULL
};
static const char *const our_comp[] = {
	"none", "zlib@openssh.com", "zlib", NULL
};

static const char *const *const our_lists[SSH_L_LANG_C2S] = {
	our_kexes, our_hostkeys, our_ciphers, our_ciphers, our_macs,
	our_macs, our_comp, our_comp,
};

/* Our hello KEXINIT into out. */
static int
put_hello_kexinit(struct wbuf *out)
{
	struct names lists[SSH_L_COUNT];
	size_t i;

	memset(lists, 0, sizeof(lists));
	for (i = 0; i < SSH_L_LANG_C2S; i++)
		for (lists[i].v = our_lists[i]; lists[i].v[lists[i].n] != NULL;
		    lists[i].n++)
			;
	return put_kexinit(out, lists);
}

/*
 * Servers known to send their KEXINIT without waiting for the client's:
 * with them ours waits until theirs is read, so that the connection can
 * still become libssh2's handshake (which sends a KEXINIT of its own).
 */
static int
sends_kexinit_first(const struct ssh_server_hello *h)
{
	return strncmp(h->software, "OpenSSH_", 8) == 0 ||
	    strncmp(h->software, "dropbear", 8) == 0;
}

static int
hello_on_connect(void *arg, int fd, struct wbuf *out)
{
	struct ssh_job *job = arg;
	int one = 1;

	job->connected = 1;
	job->wait_t0 = engine_now_ms();
	/* It may become libssh2's handshake: see hk_on_connect(). */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (wbuf_put_bytes(out, SSH_CLIENT_IDENT,
	    sizeof(SSH_CLIENT_IDENT) - 1) != BUF_OK)
		return ENGINE_ENOMEM;
	return PROBE_READ;
}

/* RFC 4253 7.1: the first of the client's names the server also has. */
static const char *
negotiate(const char *const *ours, const struct ssh_namelist *theirs)
{
	size_t i;

	for (i = 0; ours[i] != NULL; i++)
		if (ssh_namelist_has(theirs, ours[i]))
			return ours[i];
	return NULL;
}

/*
 * The host-key algorithm our hello KEXINIT agreed on with the server's, or
 * NULL when some list has nothing in common (the server will disconnect)
 * or the agreed kex is not one whose reply we can read.
 */
static const char *
hello_agreed_hostkey(const struct ssh_server_hello *h)
{
	size_t i;

	const char *kex;

	for (i = 0; i < SSH_L_LANG_C2S; i++)
		if (negotiate(our_lists[i], &h->lists[i]) == NULL)
			return NULL;
	/* Only an ECDH kex lets this connection go on to a host key. */
	kex = negotiate(our_kexes, &h->lists[SSH_L_KEX]);
	for (i = 0; ssh_ecdh_kexes[i] != NULL; i++)
		if (strcmp(kex, ssh_ecdh_kexes[i]) == 0)
			return negotiate(our_hostkeys,
			    &h->lists[SSH_L_HOSTKEY]);
	return NULL;
}

static void	plan_probes(struct ssh_job *);

/*
 * Whether the server sent nothing after its KEXINIT yet.  What it did send
 * (a DISCONNECT) is for our own parser to read and report.
 */
static int
nothing_after_kexinit(const uint8_t *in, size_t len)
{
	struct ssh_server_hello h;
	const uint8_t *blob;
	size_t bloblen = 0;
	int rc;

	ssh_server_hello_init(&h);
	rc = ssh_kex_parse_reply(in, len, &h, &blob, &bloblen, NULL, 0);
	ssh_server_hello_release(&h);
	return rc == SSH_KEX_MORE;
}

/*
 * The server's KEXINIT is in: plan the other probes now (they connect
 * while this one goes on), and if one key is to be read by our own
 * KEX_ECDH exchange, read it on this connection.
 */
static int
hello_planned(struct ssh_job *job, const uint8_t *in, size_t len,
    struct wbuf *out)
{
	struct ssh_result *res = job->res;
	size_t i;
	int rc;

	res->scanned = 1;
	/*
	 * Our KEXINIT has not gone out yet and libssh2 can talk to the
	 * server: this connection goes on as libssh2's handshake (a host
	 * key and the auth methods), the other keys start at once.
	 */
	if (res->hello.ssh2 && !job->kexinit_sent &&
	    nothing_after_kexinit(in, len) &&
	    ssh_hk_plan(&res->hello, NULL, &job->plan) == 0 &&
	    job->plan.session_note[0] == '\0') {
		for (i = 0; i < job->plan.nkeys; i++)
			if (!job->plan.keys[i].ecdh)
				break;
		if (i < job->plan.nkeys &&
		    (job->lib = ssh_handshake_new(job->plan.keys[i].alg,
		    1)) != NULL) {
			if (ssh_handshake_resume(job->lib, in, len) == 0) {
				job->plan.keys[i].inline_ = 1;
				job->inline_idx = (int)i;
				plan_probes(job);
				return PROBE_FD_WRITE;
			}
			ssh_handshake_free(&job->lib);
		}
	}
	if (!res->hello.ssh2 || ssh_hk_plan(&res->hello,
	    hello_agreed_hostkey(&res->hello), &job->plan) != 0) {
		memset(&job->plan, 0, sizeof(job->plan));
		if (!res->hello.ssh2)
			snprintf(job->plan.session_note,
			    sizeof(job->plan.session_note), "the server "
			    "speaks only SSH-1 (protocol %s)",
			    res->hello.protocol);
		else
			snprintf(job->plan.session_note,
			    sizeof(job->plan.session_note), "out of memory");
		snprintf(job->plan.keys_note, sizeof(job->plan.keys_note),
		    "not obtainable: %.480s", job->plan.session_note);
		return PROBE_DONE;
	}
	for (i = 0; i < job->plan.nkeys; i++)
		if (job->plan.keys[i].inline_) {
			job->inline_idx = (int)i;
			break;
		}
	plan_probes(job);
	if (job->inline_idx < 0)
		return PROBE_DONE;
	rc = 0;
	if (!job->kexinit_sent && (rc = put_hello_kexinit(out)) == 0)
		job->kexinit_sent = 1;
	if (rc != 0 || (rc = put_ecdh_init(job, out)) != 0) {
		snprintf(job->key_err[job->inline_idx],
		    sizeof(job->key_err[job->inline_idx]), "%s",
		    engine_errstr(rc));
		job->inline_idx = -1;
		return PROBE_DONE;
	}
	return PROBE_READ;
}

static int
hello_data(struct ssh_job *job, const uint8_t *in, size_t len,
    size_t *consumed, struct wbuf *out)
{
	char err[256];
	int rc;

	*consumed = 0;
	job->seen = len;
	if (job->res->scanned)
		return take_ecdh_reply(job, (size_t)job->inline_idx,
		    &job->reply, in, len);
	rc = ssh_kex_parse(in, len, &job->res->hello, err, sizeof(err));
	if (rc == SSH_KEX_MORE) {
		/* Others may wait for our KEXINIT before sending theirs. */
		if (!job->kexinit_sent && job->res->hello.ident[0] != '\0' &&
		    !sends_kexinit_first(&job->res->hello)) {
			if (put_hello_kexinit(out) != 0)
				return ENGINE_ENOMEM;
			job->kexinit_sent = 1;
		}
		return PROBE_READ;
	}
	if (rc == 0) {
		if ((rc = hello_planned(job, in, len, out)) != PROBE_READ)
			return rc;
		/*
		 * What came after the KEXINIT may already say how it ends
		 * (a DISCONNECT when negotiation failed): read it now, for
		 * no more bytes may come.
		 */
		return take_ecdh_reply(job, (size_t)job->inline_idx,
		    &job->reply, in, len);
	}
	free(job->res->error);
	if (err[0] == '\0')
		snprintf(err, sizeof(err), "%s", ssh_kex_errstr(rc));
	if ((job->res->error = xstrdup(err)) == NULL)
		return ENGINE_ENOMEM;
	job->res->error_status = ENGINE_EPROTO;
	return ENGINE_EPROTO;
}

static int
hello_on_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct ssh_job *job = arg;
	size_t before = out->len;
	int rc;

	rc = hello_data(job, in, len, consumed, out);
	/* What went out (or libssh2 taking over) starts the next wait. */
	if (out->len > before || rc == PROBE_FD_READ || rc == PROBE_FD_WRITE)
		job->wait_t0 = engine_now_ms();
	return rc;
}

/* One probe per host-key kind; the first libssh2 one reads auth methods. */
static void
plan_probes(struct ssh_job *job)
{
	size_t i;
	int auth_asked = job->lib != NULL;

	/* With libssh2 on the hello connection, that one reads them. */
	if (auth_asked)
		job->next_auth = (size_t)job->inline_idx + 1;
	for (i = 0; i < job->plan.nkeys; i++) {
		if ((int)i == job->inline_idx)
			continue;
		if (job->plan.keys[i].ecdh) {
			if (submit_ecdh(job, i) != 0)
				break;
			continue;
		}
		if (submit_hk(job, i, !auth_asked, job->plan.keys[i].alg) != 0)
			break;
		if (!auth_asked)
			job->next_auth = i + 1;
		auth_asked = 1;
	}
	if (!auth_asked && job->plan.auth_alg != NULL &&
	    submit_hk(job, (size_t)job->inline_idx, 1,
	    job->plan.auth_alg) == 0)
		auth_asked = 1;
	if (!auth_asked)
		snprintf(job->auth_err, sizeof(job->auth_err), "%.290s",
		    job->plan.session_note[0] != '\0' ?
		    job->plan.session_note : "libssh2 supports none of the "
		    "server's host-key algorithms");
}

static void
hello_on_end(void *arg, int status)
{
	struct ssh_job *job = arg;
	struct ssh_result *res = job->res;
	const struct ssh_hostkey *key;
	const char *why, *what;
	char msg[300];
	int k = job->inline_idx;

	if (job->lib != NULL) {
		if (status == PROBE_DONE &&
		    (key = ssh_handshake_key(job->lib)) != NULL) {
			job->keys[k] = *key;
			job->have_key[k] = 1;
			if (job->auth == NULL && (job->auth =
			    xstrdup(ssh_handshake_auth(job->lib))) == NULL)
				snprintf(job->auth_err, sizeof(job->auth_err),
				    "out of memory");
		} else {
			why = lib_why(job->lib, status, job->wait_t0, msg,
			    sizeof(msg));
			snprintf(job->key_err[k], sizeof(job->key_err[k]),
			    "%s", why);
			snprintf(job->auth_err, sizeof(job->auth_err), "%s",
			    why);
			retry_auth(job, status);
		}
		ssh_handshake_free(&job->lib);
	} else if (res->scanned) {
		/* Only the key read on this connection can have failed. */
		if (k >= 0 && !job->have_key[k] && job->key_err[k][0] == '\0' &&
		    !not_received(job->key_err[k], sizeof(job->key_err[k]),
		    "KEX_ECDH_REPLY", status, job->wait_t0, job->seen))
			snprintf(job->key_err[k], sizeof(job->key_err[k]),
			    "%s", engine_errstr(status));
	} else if (res->error == NULL) {
		what = res->hello.ident[0] != '\0' ? "KEXINIT" :
		    "identification";
		if (status == ENGINE_ECLOSED)
			snprintf(msg, sizeof(msg), "%s after %zu bytes, before "
			    "the server's %s was complete",
			    engine_errstr(status), job->seen, what);
		else if (!not_received(msg, sizeof(msg), what, status,
		    job->wait_t0, job->seen))
			snprintf(msg, sizeof(msg), "%s", engine_errstr(status));
		res->error = xstrdup(msg);
		res->error_status = status;
	}
	ssh_server_hello_release(&job->reply);
	probe_ended(job, job->connected, status);
}

/* The hello connection as libssh2's handshake. */
static int
hello_on_ready(void *arg, int fd)
{
	struct ssh_job *job = arg;

	if (job->lib == NULL)
		return ENGINE_EINTERNAL;
	return hk_step(job->lib, fd, &job->wait_t0);
}

static const struct probe_ops hello_ops = {
	.name = "ssh-hello",
	.max_input = SSH_KEX_MAX_REPLY_INPUT,
	.on_connect = hello_on_connect,
	.on_data = hello_on_data,
	.on_ready = hello_on_ready,
	.on_end = hello_on_end,
};

int
ssh_scan_submit(struct engine *e, const struct sockaddr *addr,
    socklen_t addrlen, const char *host, uint64_t deadline_ms,
    struct ssh_result *res, void (*done)(void *), void *done_arg)
{
	struct ssh_job *job;
	int rc = ENGINE_ENOMEM;

	if (addrlen > sizeof(job->addr))
		return ENGINE_EINTERNAL;
	if ((job = malloc(sizeof(*job))) == NULL)
		return ENGINE_ENOMEM;
	*job = (struct ssh_job){ .e = e, .addrlen = addrlen,
	    .host = strdup(host), .deadline = deadline_ms, .res = res,
	    .done = done, .done_arg = done_arg, .inline_idx = -1 };
	memcpy(&job->addr, addr, addrlen);
	ssh_server_hello_init(&job->reply);
	if (job->host == NULL || (rc = job_submit(job, &hello_ops, job)) != 0) {
		free(job->host);
		free(job);
		return rc;
	}
	return 0;
}
