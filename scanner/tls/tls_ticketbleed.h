/*
 * tls_ticketbleed.h: the Ticketbleed check (CVE-2016-9244), see
 * tls_ticketbleed.c and tilsyn-scan(1), "Vulnerability checks".
 */
#ifndef TILSYN_TLS_TICKETBLEED_H
#define TILSYN_TLS_TICKETBLEED_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/tls/tls_vuln.h"

/*
 * The session ID the resumption hello sends: 31 bytes, so that a server
 * that pads the echo to 32 shows one byte of its memory, and a fresh
 * 32-byte ID cannot start with ours by chance.
 */
#define TICKETBLEED_SID_LEN	31
/* The longest ticket kept for the resumption hello. */
#define TICKETBLEED_TICKET_MAX	4096

int	ticketbleed_start(const struct vuln_env *);

/* What the first record of the answer to the resumption hello is. */
enum tb_kind {
	TB_NONE = 0,
	TB_SERVER_HELLO,
	TB_ALERT
};

struct tb_answer {
	int		 kind;		/* enum tb_kind */
	uint16_t	 version;	/* ServerHello.server_version */
	uint8_t		 sid_len;	/* its session ID's length */
	uint8_t		 echo;		/* it starts with ours */
	uint8_t		 alert_desc;
};

/*
 * Reads the answer to the resumption hello in data[0..len) up to the
 * end of the ServerHello's session ID, which it compares with ours[0..
 * ourlen) (ourlen <= 32) without copying it; or the alert that came
 * instead.  TLS_OK, TLS_NEED_MORE, TLS_EGARBAGE (not TLS) or TLS_EPROTO
 * (malformed, or a ServerHello fragmented before its session ID ends).
 */
int	ticketbleed_parse(const uint8_t *data, size_t len,
	    const uint8_t *ours, size_t ourlen, struct tb_answer *a)
	    __attribute__((warn_unused_result));

#endif
