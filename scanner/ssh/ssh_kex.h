/*
 * ssh_kex.h: the server's side of the SSH identification exchange and its
 * first binary packet (SSH_MSG_KEXINIT), read by our own code (RFC 4253
 * sections 4.2, 6 and 7.1).
 *
 * ssh_kex_parse() is a pure function over the bytes received so far: it
 * does no I/O and may be called again on a longer prefix of the same
 * stream.  It answers SSH_KEX_MORE while a proper prefix could still become
 * valid, 0 when the identification (and, for SSH-2 servers, the KEXINIT)
 * has been read, or a negative SSH_KEX_E* code with a message naming what
 * was wrong.  Every length is capped: at most SSH_KEX_MAX_PRELINES lines
 * and SSH_KEX_MAX_PRE bytes before the identification, packets of at most
 * SSH_KEX_MAX_PACKET bytes, SSH_KEX_MAX_NAMES names per name-list.
 */
#ifndef TILSYN_SSH_KEX_H
#define TILSYN_SSH_KEX_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/buf.h"

#define SSH_KEX_MORE		1	/* need more bytes */

#define SSH_KEX_EINTERNAL	(-1)
#define SSH_KEX_ENOMEM		(-2)
#define SSH_KEX_EBANNER		(-3)	/* endless banner */
#define SSH_KEX_EGARBAGE	(-4)	/* bytes that are not SSH */
#define SSH_KEX_EIDENT		(-5)	/* bad identification */
#define SSH_KEX_EPACKET		(-6)	/* bad length or padding */
#define SSH_KEX_EKEXINIT	(-7)	/* malformed KEXINIT */
#define SSH_KEX_EDISCONNECT	(-8)	/* SSH_MSG_DISCONNECT */
#define SSH_KEX_EUNEXPECTED	(-9)	/* other message type */
#define SSH_KEX_EREPLY		(-10)	/* bad KEX_ECDH_REPLY */

#define SSH_KEX_MAX_PRELINES	64	/* lines before SSH- */
#define SSH_KEX_MAX_PRE		8192	/* bytes up to SSH- line */
#define SSH_KEX_MAX_IDENT	255	/* identification incl. CR LF */
#define SSH_KEX_MAX_PACKET	35000	/* RFC 4253 6.1 */
#define SSH_KEX_MAX_SKIPPED	4	/* IGNORE/DEBUG before KEXINIT */
#define SSH_KEX_MAX_NAMES	128	/* names per name-list */
#define SSH_KEX_MAX_NAME	64	/* bytes per name (RFC 4251 6) */
/* The most a server must send for ssh_kex_parse() to answer. */
#define SSH_KEX_MAX_INPUT	(SSH_KEX_MAX_PRE + \
	(SSH_KEX_MAX_SKIPPED + 1) * (SSH_KEX_MAX_PACKET + 4))
/* The same for ssh_kex_parse_reply(): one packet more. */
#define SSH_KEX_MAX_REPLY_INPUT	\
	(SSH_KEX_MAX_INPUT + SSH_KEX_MAX_PACKET + 4)

#define SSH_MSG_DISCONNECT	1
#define SSH_MSG_IGNORE		2
#define SSH_MSG_UNIMPLEMENTED	3
#define SSH_MSG_DEBUG		4
#define SSH_MSG_KEXINIT		20
#define SSH_MSG_KEX_ECDH_INIT	30	/* RFC 5656 7.1, RFC 8731 */
#define SSH_MSG_KEX_ECDH_REPLY	31

/* The ten name-lists of a KEXINIT, in wire order. */
enum ssh_list {
	SSH_L_KEX,
	SSH_L_HOSTKEY,
	SSH_L_ENC_C2S,
	SSH_L_ENC_S2C,
	SSH_L_MAC_C2S,
	SSH_L_MAC_S2C,
	SSH_L_COMP_C2S,
	SSH_L_COMP_S2C,
	SSH_L_LANG_C2S,
	SSH_L_LANG_S2C,
	SSH_L_COUNT
};

struct ssh_namelist {
	char	**v;		/* NUL-terminated names, server order */
	size_t	  n;
};

struct ssh_server_hello {
	/* Identification, without CR LF; protocol and software split out. */
	char	ident[SSH_KEX_MAX_IDENT + 1];
	char	protocol[32];	/* "2.0", "1.99", "1.5" */
	char	software[SSH_KEX_MAX_IDENT + 1];
	char	comments[SSH_KEX_MAX_IDENT + 1];
	size_t	pre_lines;	/* lines the server sent before it */
	int	ssh1;		/* speaks SSH-1 (1.x, also 1.99) */
	int	ssh2;		/* speaks SSH-2 (2.0 or 1.99) */
	/* KEXINIT, when has_kexinit. */
	int	has_kexinit;
	struct ssh_namelist lists[SSH_L_COUNT];
	int	first_kex_follows;
	int	strict_kex;	/* kex-strict-s-v00@openssh.com offered */
	int	ext_info;	/* ext-info-s offered */
	uint8_t	cookie[16];
};

void	ssh_server_hello_init(struct ssh_server_hello *);
void	ssh_server_hello_release(struct ssh_server_hello *);

/*
 * Parses the len bytes the server sent so far into *h (released and
 * refilled on every call).  On errors other than SSH_KEX_MORE a message
 * naming the problem is written to err.  Returns 0, SSH_KEX_MORE or < 0.
 */
int	ssh_kex_parse(const uint8_t *in, size_t len,
	    struct ssh_server_hello *h, char *err, size_t errlen)
	    __attribute__((warn_unused_result));

/*
 * Like ssh_kex_parse(), then reads on to the server's KEX_ECDH_REPLY (the
 * answer to our KEXINIT and KEX_ECDH_INIT) and points *blob at the host
 * key blob K_S inside in.  Nothing is verified or decrypted: the blob is
 * what the server claims, as with ssh-keyscan.
 */
int	ssh_kex_parse_reply(const uint8_t *in, size_t len,
	    struct ssh_server_hello *h, const uint8_t **blob, size_t *bloblen,
	    char *err, size_t errlen) __attribute__((warn_unused_result));

/* Whether a name occurs in a list. */
int	ssh_namelist_has(const struct ssh_namelist *, const char *);
const char *ssh_kex_errstr(int);

/* Our identification line, CR LF included. */
#define SSH_CLIENT_IDENT	"SSH-2.0-tilsyn_scan\r\n"

/* Appends an unencrypted binary packet around payload (RFC 4253 6). */
int	ssh_kex_build_packet(struct wbuf *, const uint8_t *payload, size_t n)
	    __attribute__((warn_unused_result));
/*
 * Appends a KEXINIT packet offering the given comma-separated lists, in
 * enum ssh_list order (NULL means empty), with the cookie given.
 */
int	ssh_kex_build_kexinit(struct wbuf *,
	    const char *const lists[SSH_L_COUNT], const uint8_t cookie[16],
	    int first_kex_follows)
	    __attribute__((warn_unused_result));
/* Appends SSH_MSG_KEX_ECDH_INIT with our ephemeral public key Q_C. */
int	ssh_kex_build_ecdh_init(struct wbuf *, const uint8_t *q, size_t qlen)
	    __attribute__((warn_unused_result));

#endif
