/*
 * tls_ccs.h: the CCS injection check (CVE-2014-0224), see tls_ccs.c and
 * tilsyn-scan(1), "Vulnerability checks".
 */
#ifndef TILSYN_TLS_CCS_H
#define TILSYN_TLS_CCS_H

#include <stddef.h>

#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_vuln.h"

/*
 * How long a server may stay silent after the two early
 * ChangeCipherSpec records; both a fixed and a vulnerable OpenSSL
 * answer at once with an alert.
 */
#define CCS_QUIET_MS	2000

int	ccs_start(const struct vuln_env *);
/*
 * The verdict on the first record head after the two ChangeCipherSpec
 * records: unexpected_message is the refusal of a fixed server;
 * bad_record_mac or decryption_failed is a server that took the first
 * and could not decrypt the second; another alert or record is
 * inconclusive.  detail says what was seen.
 */
enum vuln_state ccs_judge(const struct tls_record_head *, char *detail,
	    size_t len);

#endif
