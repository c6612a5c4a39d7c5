/*
 * starttls.h: the plaintext preambles that come before a TLS handshake on
 * mail, news, chat and file-transfer ports: SMTP (EHLO, STARTTLS), LMTP
 * (LHLO, STARTTLS), IMAP (STARTTLS), POP3 (STLS), FTP (AUTH TLS), NNTP
 * (CAPABILITIES, STARTTLS), ManageSieve (STARTTLS), IRC (CAP LS,
 * STARTTLS) and XMPP (a stream header, <starttls/>).  A pure state
 * machine over the server's bytes, used from byte-mode probes: no I/O,
 * lines bounded to STARTTLS_MAX_LINE, at most STARTTLS_MAX_LINES lines;
 * XMPP through a bounded tokenizer of its own (no XML library, no DTD,
 * no entities), at most STARTTLS_MAX_XML bytes.
 *
 * The first bytes the server sends go through one recogniser of all the
 * protocols tilsyn knows (starttls_recognise()): when they show another
 * protocol than the one asked for, the preamble fails with
 * STARTTLS_EPROTO and msg "the server speaks SMTP, not FTP".
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
#define STARTTLS_MAX_XML	16384	/* XMPP: bytes before <proceed/> */
#define STARTTLS_MAX_DEPTH	16	/* XMPP: nesting of elements */

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

/*
 * What the recogniser can tell apart (starttls_recognise()).  Each value on
 * its own line: more protocols are added below.
 */
enum starttls_proto {
	SP_UNKNOWN = 0,
	SP_TLS,		/* a TLS record: the server speaks TLS at once */
	SP_SSH,
	SP_HTTP,
	SP_SMTP,
	SP_LMTP,
	SP_FTP,
	SP_IMAP,
	SP_POP3,
	SP_NNTP,
	SP_SIEVE,
	SP_XMPP,
	SP_IRC,
	SP_MYSQL,	/* its server-first handshake packet */
	SP_220,		/* a "220" greeting that names nothing more:
			   SMTP, LMTP or FTP */
	SP_COUNT
};

struct starttls {
	enum service	 svc;
	int		 step;		/* 0 greeting, 1 and 2 the replies */
	int		 lines;		/* complete lines read, all replies
					   (XMPP: tags) */
	size_t		 scanned;	/* bytes of the unconsumed reply
					   already split into lines */
	int		 reply_lines;	/* complete lines of that reply */
	char		 code[4];	/* SMTP/FTP: its first line's code */
	int		 multi;		/* NNTP: in a 101 list */
	int		 offered;	/* ManageSieve: "STARTTLS" seen;
					   XMPP: <starttls/> in features */
	/* XMPP */
	size_t		 xml_bytes;	/* consumed so far */
	int		 depth;		/* open elements */
	int		 tags;		/* tags read */
	char		 top[16];	/* the open child of the stream */
	char		 cond[32];	/* a stream error's condition */
	int		 heard;		/* binary preambles: bytes consumed,
					   the recogniser had its say */
	char		 msg[160];	/* why it failed */
	char		 server[64];	/* binary preambles: MySQL's version */
};

/* 1 if svc needs a preamble before TLS. */
int	starttls_needed(enum service);
void	starttls_init(struct starttls *, enum service);
/*
 * Once connected, before the first starttls_input(): queues what the
 * client says first (XMPP its stream header with to='domain' and a
 * newline, which a line-based server of another protocol answers; IRC
 * "CAP LS"; LDAP's StartTLS request, PostgreSQL's SSLRequest), nothing
 * for the others.  domain is the target's host name, or its address when
 * there is none (starttls_peer()); NULL is taken as "localhost".
 * STARTTLS_MORE or STARTTLS_ENOMEM (msg set).
 */
int	starttls_start(struct starttls *, const char *domain,
	    struct wbuf *out) __attribute__((warn_unused_result));
/* The address of fd's peer as an XMPP domain ("192.0.2.1", "[::1]"). */
void	starttls_peer(int fd, char *buf, size_t len);
/*
 * What every probe does once connected to a service with a preamble:
 * starttls_init() and starttls_start() with domain, or with the peer's
 * address (starttls_peer()) when domain is NULL or "".  STARTTLS_MORE or
 * STARTTLS_ENOMEM.
 */
int	starttls_begin(struct starttls *, enum service, const char *domain,
	    int fd, struct wbuf *out) __attribute__((warn_unused_result));
/*
 * What the first bytes of a server show (at most one line, or fewer
 * bytes), SP_UNKNOWN when they tell nothing for sure.
 */
enum starttls_proto starttls_recognise(const uint8_t *in, size_t len);
/* "SMTP", "TLS", ...; "?" for SP_UNKNOWN. */
const char *starttls_proto_name(enum starttls_proto);
/* The protocol svc's preamble expects, SP_UNKNOWN for none. */
enum starttls_proto starttls_proto_of(enum service);
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
 * out: no SMTP greeting within 30 s (a server that speaks TLS at once
 * says nothing: try tls://)", "read timed out: SMTP greeting
 * incomplete after 30 s (2 lines without the last)"; with deadline set
 * (the target's deadline ended it, which the caller says first) "timed
 * out waiting for the SMTP greeting (after 3.2 s)".
 */
void	starttls_stalled(const struct starttls *, int deadline,
	    uint64_t waited_ms, char *buf, size_t len);
/* A wait for messages: "30 s", "2.5 s". */
void	starttls_secs(uint64_t ms, char *buf, size_t len);

#endif
