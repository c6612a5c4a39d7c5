/*
 * tls_heartbleed.h: the Heartbleed check (CVE-2014-0160), see
 * tls_heartbleed.c and tilsyn-scan(1), "Vulnerability checks".
 */
#ifndef TILSYN_TLS_HEARTBLEED_H
#define TILSYN_TLS_HEARTBLEED_H

#include <stddef.h>

#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_vuln.h"

/*
 * How long a server may stay silent after the heartbeat request before
 * it counts as having dropped it (a fixed OpenSSL drops it silently, as
 * RFC 6520 asks): shorter than --timeout, which a silent server would
 * otherwise cost in full.
 */
#define HEARTBLEED_QUIET_MS	2000
/* The payload_length the request claims; it carries no payload. */
#define HEARTBLEED_CLAIM	16
/* Bytes of the request record's body: type and payload_length. */
#define HEARTBLEED_SENT		3

int	heartbleed_start(const struct vuln_env *);
/*
 * The verdict on the first record head after the request: a heartbeat
 * response longer than HEARTBLEED_SENT is vulnerable; an alert is not;
 * anything else decides nothing (VULN_UNTESTED: read on).  detail says
 * what was seen.
 */
enum vuln_state heartbleed_judge(const struct tls_record_head *,
	    char *detail, size_t len);

#endif
