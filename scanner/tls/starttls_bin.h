/*
 * starttls_bin.h: the binary preambles before a TLS handshake on directory
 * and database ports, behind the API of starttls.h (which forwards
 * SVC_LDAP, SVC_POSTGRES and SVC_MYSQL here), with its struct, its return
 * codes and its contract: a pure state machine over the server's bytes,
 * no I/O, every message bounded to STARTTLS_BIN_MAX bytes.
 *
 * - LDAP (RFC 4511, 4.14): the client sends the StartTLS extended request
 *   first; the ExtendedResponse's resultCode 0 means TLS now, any other is
 *   the server's no, with its diagnosticMessage.
 * - PostgreSQL: the client sends an SSLRequest first; 'S' means TLS now,
 *   'N' no, 'E' an ErrorResponse (a server that does not know it).
 * - MySQL and MariaDB: the server greets with its Initial Handshake
 *   (protocol 10) and says with CLIENT_SSL whether it offers TLS; the
 *   client answers with an SSLRequest packet (sequence id 1), then TLS.
 *   The server's version string is kept (struct starttls server).  Nothing
 *   ever authenticates: no user name goes out.
 */
#ifndef TILSYN_STARTTLS_BIN_H
#define TILSYN_STARTTLS_BIN_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/buf.h"
#include "scanner/target.h"
#include "scanner/tls/starttls.h"

/* The longest answer read: real ones are under 200 bytes. */
#define STARTTLS_BIN_MAX	4096

/* The LDAP StartTLS OID (RFC 4511, 4.14.1). */
#define STARTTLS_LDAP_OID	"1.3.6.1.4.1.1466.20037"
/* PostgreSQL's SSLRequest code: 1234 << 16 | 5679. */
#define STARTTLS_PG_SSLREQUEST	80877103u
/* MySQL capability flags. */
#define MYSQL_CLIENT_LONG_PASSWORD	0x00000001u
#define MYSQL_CLIENT_PROTOCOL_41	0x00000200u
#define MYSQL_CLIENT_SSL		0x00000800u
#define MYSQL_CLIENT_SECURE_CONNECTION	0x00008000u
/* What the SSLRequest packet says it can do. */
#define STARTTLS_MYSQL_CAPS	(MYSQL_CLIENT_LONG_PASSWORD | \
	    MYSQL_CLIENT_PROTOCOL_41 | MYSQL_CLIENT_SSL | \
	    MYSQL_CLIENT_SECURE_CONNECTION)
#define STARTTLS_MYSQL_MAXPACKET	0x01000000u	/* 16 MiB */
#define STARTTLS_MYSQL_CHARSET		33	/* utf8_general_ci */

/* 1 for the services handled here. */
int	starttls_bin_needed(enum service);
/*
 * Right after the connect: queues what the client says first (LDAP's
 * request, PostgreSQL's SSLRequest) into out; nothing for MySQL, whose
 * server speaks first.  STARTTLS_MORE, or STARTTLS_ENOMEM (msg set).
 */
int	starttls_bin_start(struct starttls *, struct wbuf *out)
	    __attribute__((warn_unused_result));
/* starttls_input() for these services (see starttls.h). */
int	starttls_bin_input(struct starttls *, const uint8_t *in, size_t len,
	    size_t *consumed, struct wbuf *out)
	    __attribute__((warn_unused_result));
/* starttls_eof() for these services. */
int	starttls_bin_eof(struct starttls *, const uint8_t *in, size_t len)
	    __attribute__((warn_unused_result));
/* 1 while MySQL's greeting has not come (LDAP and PostgreSQL have none). */
int	starttls_bin_in_greeting(const struct starttls *);
/* "MySQL greeting", "answer to the LDAP StartTLS request", "TLS". */
const char *starttls_bin_waiting(const struct starttls *);

#endif
