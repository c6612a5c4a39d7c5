/*
 * starttls.h: the plaintext preambles that come before a TLS handshake on
 * mail and file-transfer ports: SMTP (EHLO, STARTTLS), IMAP (STARTTLS),
 * POP3 (STLS), FTP (AUTH TLS).  A pure state machine over the server's
 * bytes, used from byte-mode probes: no I/O, lines bounded to
 * STARTTLS_MAX_LINE, at most STARTTLS_MAX_LINES lines.
 *
 * A reply is consumed only once its last line is there (SMTP/FTP "ddd "
 * after "ddd-" lines, IMAP the tagged line, POP3 its one line), so no
 * command goes out in the middle of a multi-line greeting (postscreen
 * drops a client that talks early) and, on the engine, a greeting that
 * trickles in line by line is still bounded by one wait.
 */
#ifndef TILSYN_STARTTLS_H
#define TILSYN_STARTTLS_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/buf.h"
#include "scanner/target.h"

#define STARTTLS_MAX_LINE	1024
#define STARTTLS_MAX_LINES	200

/* The documented default of --greeting-timeout (RFC 5321 waits longer). */
#define STARTTLS_GREETING_MS	30000

#define STARTTLS_MORE		1	/* need more bytes (maybe after out) */
#define STARTTLS_READY		0	/* start TLS now */
#define STARTTLS_EPROTO		(-1)	/* not the expected protocol */
#define STARTTLS_EREFUSED	(-2)	/* a real no: 5xx, "a1 NO", "-ERR" */
#define STARTTLS_ELINE		(-3)	/* overlong line or too many */
#define STARTTLS_ETHROTTLED	(-4)	/* pushed back for now: a 4xx or
					   421, "* BYE" or "-ERR" greeting,
					   a close inside the preamble */
#define STARTTLS_ENOMEM		(-5)	/* could not queue a command */

struct starttls {
	enum service	 svc;
	int		 step;		/* 0 greeting, 1 and 2 the replies */
	int		 lines;		/* complete lines read, all replies */
	size_t		 scanned;	/* bytes of the unconsumed reply
					   already split into lines */
	int		 reply_lines;	/* complete lines of that reply */
	char		 code[4];	/* SMTP/FTP: its first line's code */
	char		 msg[160];	/* why it failed */
	char		 server[64];	/* binary preambles: MySQL's version */
};

/* 1 if svc needs a preamble before TLS. */
int	starttls_needed(enum service);
void	starttls_init(struct starttls *, enum service);
/*
 * Once connected, before the first starttls_input(): queues what the
 * client says first (LDAP's StartTLS request, PostgreSQL's SSLRequest),
 * nothing for the others.  domain is the target's host name, or NULL
 * (none of these uses it).  STARTTLS_MORE or STARTTLS_ENOMEM (msg set).
 */
int	starttls_start(struct starttls *, const char *domain,
	    struct wbuf *out) __attribute__((warn_unused_result));
/*
 * Feeds the server's bytes: everything not yet consumed, the bytes of
 * earlier calls first (the engine's byte mode).  Sets *consumed, may
 * append a command to out.  Returns STARTTLS_MORE, STARTTLS_READY (all
 * bytes of the preamble consumed) or a STARTTLS_E* error (msg set).
 */
int	starttls_input(struct starttls *, const uint8_t *in, size_t len,
	    size_t *consumed, struct wbuf *out)
	    __attribute__((warn_unused_result));
/*
 * The server closed with in[0..len) unconsumed (may be 0): returns the
 * error that tells why (msg set): STARTTLS_ETHROTTLED for a close inside
 * the preamble or a 4xx in its last, unterminated line,
 * STARTTLS_EREFUSED or STARTTLS_EPROTO when that line says so.
 */
int	starttls_eof(struct starttls *, const uint8_t *in, size_t len)
	    __attribute__((warn_unused_result));
/* 1 while the server's greeting is not complete yet. */
int	starttls_in_greeting(const struct starttls *);
/* What the preamble waits for: "SMTP greeting", "answer to EHLO", ... */
const char *starttls_waiting(const struct starttls *);
/*
 * Why the preamble stalled after waited_ms, for messages: "read timed
 * out: no SMTP greeting within 30 s", "read timed out: SMTP greeting
 * incomplete after 30 s (2 lines without the last)"; with deadline set
 * (the target's deadline ended it, which the caller says first) "timed
 * out waiting for the SMTP greeting (after 3.2 s)".
 */
void	starttls_stalled(const struct starttls *, int deadline,
	    uint64_t waited_ms, char *buf, size_t len);
/* A wait for messages: "30 s", "2.5 s". */
void	starttls_secs(uint64_t ms, char *buf, size_t len);

#endif
