/*
 * ssh_handshake.c: libssh2 handshakes on the engine's socket (see
 * ssh_handshake.h).  libssh2 does the I/O in non-blocking mode and parses
 * the server's packets; the host key blob it hands back is read by
 * ssh_hostkey.c like any other hostile input.  Each session allocates
 * through a list of its own blocks: libssh2 1.10 loses some of its key
 * exchange state when a session is freed in the middle of an exchange
 * (a server that stalls), and that is freed with the handshake.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh2.h>

#include "scanner/ssh/ssh_handshake.h"
#include "scanner/ssh/ssh_kex.h"

enum hk_phase { P_HANDSHAKE, P_AUTHLIST, P_DONE };

/* The header of a block libssh2 allocated; aligned like malloc's. */
union block {
	struct {
		union block	*prev, *next;
	} l;
	max_align_t	 align;
};

struct ssh_handshake {
	LIBSSH2_SESSION	*s;
	union block	*blocks;	/* what libssh2 holds now */
	const char	*alg;
	int		 want_auth;
	enum hk_phase	 phase;
	struct ssh_hostkey key;
	char		*auth;
	char		 err[256];
	/* ssh_handshake_resume(): server bytes to hand libssh2 first. */
	uint8_t		*replay;
	size_t		 replay_len, replay_off;
	/* Bytes of libssh2's identification not to send (already sent). */
	size_t		 skip;
	/* Bytes libssh2 sent: each step of the exchange sends something. */
	uint64_t	 sent;
};

/* libssh2's I/O: on a resumed connection the replay first, then fd. */
static ssize_t
io_recv(libssh2_socket_t fd, void *buf, size_t len, int flags,
    void **abstract)
{
	struct ssh_handshake *p = *abstract;
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
io_send(libssh2_socket_t fd, const void *buf, size_t len, int flags,
    void **abstract)
{
	struct ssh_handshake *p = *abstract;
	ssize_t n;

	if (p->skip > 0) {
		/* libssh2 sends its identification first, in one piece. */
		if (len > p->skip)
			len = p->skip;
		p->skip -= len;
		return (ssize_t)len;
	}
	n = send(fd, buf, len, flags | MSG_NOSIGNAL);
	if (n > 0)
		p->sent += (uint64_t)n;
	return n == -1 ? -errno : n;
}

static void
block_link(struct ssh_handshake *p, union block *b)
{
	b->l.prev = NULL;
	b->l.next = p->blocks;
	if (p->blocks != NULL)
		p->blocks->l.prev = b;
	p->blocks = b;
}

static void
block_unlink(struct ssh_handshake *p, union block *b)
{
	if (b->l.prev != NULL)
		b->l.prev->l.next = b->l.next;
	else
		p->blocks = b->l.next;
	if (b->l.next != NULL)
		b->l.next->l.prev = b->l.prev;
}

static void *
lib_alloc(size_t n, void **abstract)
{
	struct ssh_handshake *p = *abstract;
	union block *b;

	if (n > SIZE_MAX - sizeof(*b) || (b = malloc(sizeof(*b) + n)) == NULL)
		return NULL;
	block_link(p, b);
	return b + 1;
}

static void
lib_free(void *ptr, void **abstract)
{
	struct ssh_handshake *p = *abstract;
	union block *b;

	if (ptr == NULL)
		return;
	b = (union block *)ptr - 1;
	block_unlink(p, b);
	free(b);
}

static void *
lib_realloc(void *ptr, size_t n, void **abstract)
{
	struct ssh_handshake *p = *abstract;
	union block *b, *nb;

	if (ptr == NULL)
		return lib_alloc(n, abstract);
	if (n > SIZE_MAX - sizeof(*b))
		return NULL;
	b = (union block *)ptr - 1;
	block_unlink(p, b);
	if ((nb = realloc(b, sizeof(*b) + n)) == NULL) {
		block_link(p, b);
		return NULL;
	}
	block_link(p, nb);
	return nb + 1;
}

/* libssh2 takes its callbacks as void *. */
typedef LIBSSH2_RECV_FUNC((*recv_fn));
typedef LIBSSH2_SEND_FUNC((*send_fn));
_Static_assert(sizeof(recv_fn) == sizeof(void *) &&
    sizeof(send_fn) == sizeof(void *), "callbacks fit in a void *");

/* Our callbacks instead of libssh2's own recv and send. */
static void
set_io(struct ssh_handshake *p)
{
	recv_fn rf = io_recv;
	send_fn sf = io_send;
	void *v;

	memcpy(&v, &rf, sizeof(v));
	libssh2_session_callback_set(p->s, LIBSSH2_CALLBACK_RECV, v);
	memcpy(&v, &sf, sizeof(v));
	libssh2_session_callback_set(p->s, LIBSSH2_CALLBACK_SEND, v);
}

int
ssh_handshake_resume(struct ssh_handshake *p, const uint8_t *replay,
    size_t len)
{
	char banner[sizeof(SSH_CLIENT_IDENT)];

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
	return 0;
}

struct ssh_handshake *
ssh_handshake_new(const char *hostkey_alg, int want_auth)
{
	struct ssh_handshake *p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->alg = hostkey_alg;
	p->want_auth = want_auth;
	if ((p->s = libssh2_session_init_ex(lib_alloc, lib_free,
	    lib_realloc, p)) == NULL) {
		free(p);
		return NULL;
	}
	libssh2_session_set_blocking(p->s, 0);
	set_io(p);
	if (libssh2_session_method_pref(p->s, LIBSSH2_METHOD_HOSTKEY,
	    hostkey_alg) != 0) {
		ssh_handshake_free(&p);
		return NULL;
	}
	return p;
}

void
ssh_handshake_free(struct ssh_handshake **pp)
{
	struct ssh_handshake *p = *pp;
	union block *b;

	if (p == NULL)
		return;
	/* The engine has closed the socket; this frees memory only. */
	if (p->s != NULL)
		libssh2_session_free(p->s);
	/* What libssh2 forgot (an exchange cut off in the middle). */
	while ((b = p->blocks) != NULL) {
		block_unlink(p, b);
		free(b);
	}
	free(p->auth);
	free(p->replay);
	free(p);
	*pp = NULL;
}

const char *
ssh_handshake_error(const struct ssh_handshake *p)
{
	return p->err;
}

const struct ssh_hostkey *
ssh_handshake_key(const struct ssh_handshake *p)
{
	return p->phase == P_DONE && p->key.type[0] != '\0' ? &p->key : NULL;
}

const char *
ssh_handshake_auth(const struct ssh_handshake *p)
{
	return p->auth;
}

uint64_t
ssh_handshake_sent(const struct ssh_handshake *p)
{
	return p->sent;
}

const char *
ssh_handshake_stage(const struct ssh_handshake *p)
{
	return p->phase == P_HANDSHAKE ? "key exchange" : "auth method list";
}

/* What libssh2 waits for; both directions: writing comes first. */
static int
direction(struct ssh_handshake *p)
{
	int d = libssh2_session_block_directions(p->s);

	if (d & LIBSSH2_SESSION_BLOCK_OUTBOUND)
		return SSH_HK_WANT_WRITE;
	return SSH_HK_WANT_READ;
}

static int
fail(struct ssh_handshake *p, const char *what, int code)
{
	char *msg = NULL;

	libssh2_session_last_error(p->s, &msg, NULL, 0);
	snprintf(p->err, sizeof(p->err), "%s: %s", what,
	    msg != NULL && *msg != '\0' ? msg : "failed");
	return code;
}

int
ssh_handshake_step(struct ssh_handshake *p, int fd)
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
		__attribute__((fallthrough));
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
