/*
 * starttls.h: the plaintext preambles that come before a TLS handshake on
 * mail and file-transfer ports: SMTP (EHLO, STARTTLS), IMAP (STARTTLS),
 * POP3 (STLS), FTP (AUTH TLS).  A pure state machine over the server's
 * bytes, used from byte-mode probes: no I/O, lines bounded to
 * STARTTLS_MAX_LINE, at most STARTTLS_MAX_LINES lines.
 */
#ifndef TILSYN_STARTTLS_H
#define TILSYN_STARTTLS_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/buf.h"
#include "scanner/target.h"

#define STARTTLS_MAX_LINE	1024
#define STARTTLS_MAX_LINES	200

#define STARTTLS_MORE		1	/* need more bytes (maybe after out) */
#define STARTTLS_READY		0	/* start TLS now */
#define STARTTLS_EPROTO		(-1)	/* not the expected protocol */
#define STARTTLS_EREFUSED	(-2)	/* server refused STARTTLS */
#define STARTTLS_ELINE		(-3)	/* overlong line or too many */

struct starttls {
	enum service	 svc;
	int		 step;
	int		 lines;
	char		 msg[160];	/* why it failed */
};

/* 1 if svc needs a preamble before TLS. */
int	starttls_needed(enum service);
void	starttls_init(struct starttls *, enum service);
/*
 * Feeds the server's bytes (everything not yet consumed).  Sets *consumed,
 * may append a command to out.  Returns STARTTLS_MORE, STARTTLS_READY (all
 * bytes of the preamble consumed) or a STARTTLS_E* error (msg set).
 */
int	starttls_input(struct starttls *, const uint8_t *in, size_t len,
	    size_t *consumed, struct wbuf *out)
	    __attribute__((warn_unused_result));

#endif
