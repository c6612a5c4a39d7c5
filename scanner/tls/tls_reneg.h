/*
 * tls_reneg.h: two behavioural checks that need a real TLS <= 1.2
 * handshake, so OpenSSL speaks (on the engine's socket in fd mode, the
 * way tls_cert.c does, after the STARTTLS preamble where there is one):
 *
 * renegotiation: one connection; after the handshake (at most TLS 1.2)
 *   the client renegotiates (SSL_renegotiate) up to RENEG_MAX times.
 *   All accepted: vulnerable (client-initiated renegotiation, a lever
 *   for denial of service, CVE-2011-1473).  Refused at once (alert
 *   no_renegotiation, a close, no answer): not vulnerable; refused after
 *   some: not vulnerable, "limited after N".  The detail also says
 *   whether OpenSSL saw RFC 5746 secure renegotiation as the enumeration
 *   did (that defect stays the finding of the enumeration's rule).
 *
 * fallback-scsv: one connection; a handshake at the second-best version
 *   the enumeration saw accepted, with TLS_FALLBACK_SCSV
 *   (SSL_MODE_SEND_FALLBACK_SCSV).  Completed: vulnerable (the server
 *   lets a downgrade through); alert inappropriate_fallback: not
 *   vulnerable.  The detail says whether the enumeration's raw probe
 *   agreed; when the two disagree the verdict is inconclusive.
 */
#ifndef TILSYN_TLS_RENEG_H
#define TILSYN_TLS_RENEG_H

#include "scanner/tls/tls_vuln.h"

/* Renegotiations asked for in one connection before "accepted". */
#define RENEG_MAX	10

/* The checks' start functions (tls_vuln.c). */
int	reneg_start(const struct vuln_env *);
int	fallback_start(const struct vuln_env *);

#endif
