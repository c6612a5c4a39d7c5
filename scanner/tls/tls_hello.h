/*
 * tls_hello.h: ClientHello builder (SSLv2 to TLS 1.3) and parser of the
 * server's answer (ServerHello, HelloRetryRequest, Alert, SSLv2
 * SERVER-HELLO, and on request the rest of a TLS <= 1.2 flight).
 *
 * No I/O.  The builder writes into a capped struct wbuf.  The parser reads
 * the bytes received so far through bounded cursors; it is stateless, so the
 * engine calls it again with all the bytes each time more arrive, until it
 * stops returning TLS_NEED_MORE.  It trusts nothing it reads; every length
 * is checked and the whole answer is capped at TLS_ANSWER_MAX.
 */
#ifndef TILSYN_TLS_HELLO_H
#define TILSYN_TLS_HELLO_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/buf.h"

/* Protocol versions a probe can speak, in order; indexes result arrays. */
enum tls_version {
	TLS_V_SSL2 = 0,
	TLS_V_SSL3,
	TLS_V_TLS10,
	TLS_V_TLS11,
	TLS_V_TLS12,
	TLS_V_TLS13,
	TLS_V_COUNT
};

/* "SSLv2", "SSLv3", "TLSv1.0", ... "TLSv1.3" (the JSON keys), or "?". */
const char *tls_version_name(int version);
/* Wire value (0x0002, 0x0300 ... 0x0304) of an enum tls_version, or 0. */
uint16_t tls_version_wire(int version);
/* enum tls_version of a wire value, or -1. */
int	tls_version_from_wire(uint16_t wire);

#define TLS_HELLO_MAX_SUITES	512
#define TLS_HELLO_MAX_GROUPS	64
#define TLS_HELLO_MAX_SHARES	4
#define TLS_HELLO_MAX		(16 * 1024)	/* cap of a built hello */

/* struct tls_hello_opts.flags */
#define TLS_HO_RENEG_EXT	0x0001u	/* renegotiation_info extension */
#define TLS_HO_RENEG_SCSV	0x0002u	/* TLS_EMPTY_RENEGOTIATION_INFO_SCSV */
#define TLS_HO_FALLBACK_SCSV	0x0004u	/* TLS_FALLBACK_SCSV (RFC 7507) */
#define TLS_HO_DEFLATE		0x0008u	/* offer DEFLATE compression (<= 1.2) */
#define TLS_HO_OCSP		0x0010u	/* status_request */
#define TLS_HO_NO_EXT		0x0020u	/* no extensions at all (SSLv3 style) */
#define TLS_HO_NO_PAD		0x0040u	/* do not pad out of 256..511 bytes */
#define TLS_HO_EMS		0x0080u	/* extended_master_secret */
#define TLS_HO_HEARTBEAT	0x0100u	/* heartbeat (RFC 6520), peer may send */
#define TLS_HO_TICKET		0x0200u	/* session_ticket (RFC 5077): ticket[] */

/*
 * What to send.  suites[] are sent in the order given (2-byte TLS codes; for
 * SSLv2, 3-byte kinds; a TLS code in an SSLv2 hello is sent as 0x00XXXX).
 * groups[] go into supported_groups (TLS >= 1.0, unless TLS_HO_NO_EXT);
 * shares[] (each also in groups[]) get a key_share entry in a TLS 1.3
 * hello: nshares == 0 sends an empty key_share, which makes a TLS 1.3
 * server answer with a HelloRetryRequest naming its group.  rnd seeds the
 * client random, session id and key share values.
 */
struct tls_hello_opts {
	int		 version;	/* enum tls_version */
	unsigned	 flags;		/* TLS_HO_* */
	uint16_t	 nsuites;
	uint16_t	 ngroups;
	uint16_t	 nshares;
	uint32_t	 suites[TLS_HELLO_MAX_SUITES];
	uint16_t	 groups[TLS_HELLO_MAX_GROUPS];
	uint16_t	 shares[TLS_HELLO_MAX_SHARES];
	char		 sni[256];	/* host name for server_name, "" none */
	uint8_t		 rnd[32];
	/* TLS <= 1.2: a legacy session id of sid_len bytes (0: none) */
	uint8_t		 sid_len;
	uint8_t		 sid[32];
	/* TLS_HO_TICKET: the ticket (not copied: lives until built) */
	const uint8_t	*ticket;
	uint16_t	 ticket_len;
};

/*
 * Fills o with the defaults for a version: no suites, all groups this
 * builder can make shares for (TLS >= 1.0), renegotiation_info (SCSV for
 * SSLv3), EMS, and the given SNI (may be NULL; IP literals are not sent).
 */
void	tls_hello_defaults(struct tls_hello_opts *o, int version,
	    const char *sni);

/*
 * Sets o->sni to name, or to "" when name is NULL, empty or an IP literal
 * (RFC 6066 forbids those).  Returns 0, or TLS_EOPTS if it is too long.
 */
int	tls_hello_set_sni(struct tls_hello_opts *o, const char *name);

/*
 * Appends the ClientHello record(s) for o to w (w->max should be at least
 * TLS_HELLO_MAX).  Returns 0, or a BUF_* / TLS_E* error (bad options).
 */
int	tls_hello_build(const struct tls_hello_opts *o, struct wbuf *w)
	    __attribute__((warn_unused_result));

/* Parser results. */
#define TLS_OK		0
#define TLS_NEED_MORE	1	/* answer incomplete; nothing consumed */
#define TLS_EGARBAGE	(-20)	/* not TLS/SSL at all */
#define TLS_ETOOBIG	(-21)	/* longer than TLS_ANSWER_MAX or a record cap */
#define TLS_EPROTO	(-22)	/* TLS framing, but a malformed message */
#define TLS_ETRUNC	(-23)	/* TLS_PARSE_FINAL and still incomplete */
#define TLS_ENOMEM	(-24)
#define TLS_EOPTS	(-25)	/* bad builder options */

/* "need more data", "not TLS (garbage)", ... for any TLS_* or BUF_* code. */
const char *tls_errstr(int);

#define TLS_ANSWER_MAX	(64 * 1024)
#define TLS_MAX_CERTS	16
#define TLS_SSL2_MAX_KINDS 64

/* tls_answer_parse() flags */
#define TLS_PARSE_SSL2		0x1u	/* an SSLv2 CLIENT-HELLO was sent */
#define TLS_PARSE_FLIGHT	0x2u	/* read on to ServerHelloDone (<= 1.2) */
#define TLS_PARSE_FINAL		0x4u	/* peer closed: no more data will come */

enum tls_answer_kind {
	TLS_ANS_NONE = 0,
	TLS_ANS_SERVER_HELLO,	/* incl. TLS 1.3 ServerHello */
	TLS_ANS_HRR,		/* TLS 1.3 HelloRetryRequest */
	TLS_ANS_ALERT,		/* an alert came before any ServerHello */
	TLS_ANS_SSL2_HELLO,	/* SSLv2 SERVER-HELLO */
	TLS_ANS_SSL2_ERROR	/* SSLv2 ERROR message */
};

/* struct tls_answer.ext: extensions present in the ServerHello / HRR. */
#define TLS_AX_RENEG		0x0001u	/* renegotiation_info (valid, empty) */
#define TLS_AX_EMS		0x0002u	/* extended_master_secret */
#define TLS_AX_ETM		0x0004u	/* encrypt_then_mac */
#define TLS_AX_SUPPORTED_VERSIONS 0x0008u
#define TLS_AX_KEY_SHARE	0x0010u
#define TLS_AX_STATUS_REQUEST	0x0020u	/* server will staple OCSP */
#define TLS_AX_SESSION_TICKET	0x0040u
#define TLS_AX_EC_POINT_FORMATS	0x0080u
#define TLS_AX_SNI		0x0100u
#define TLS_AX_ALPN		0x0200u
#define TLS_AX_COOKIE		0x0400u	/* HRR cookie */
#define TLS_AX_HEARTBEAT	0x0800u	/* heartbeat (RFC 6520) */

/* struct tls_answer.flight: messages seen after the ServerHello. */
#define TLS_FL_CERT		0x01u
#define TLS_FL_CERT_STATUS	0x02u
#define TLS_FL_SKE		0x04u
#define TLS_FL_CERT_REQUEST	0x08u
#define TLS_FL_DONE		0x10u	/* ServerHelloDone */
#define TLS_FL_ALERT		0x20u	/* an alert followed the ServerHello */

struct tls_answer {
	int		 kind;		/* enum tls_answer_kind */
	uint16_t	 record_version; /* of the first record */
	uint16_t	 legacy_version; /* ServerHello.server_version */
	uint16_t	 version;	/* negotiated wire version (after
					   supported_versions); SSLv2: 0x0002 */
	uint16_t	 suite;		/* chosen cipher suite (SH and HRR) */
	uint8_t		 compression;	/* chosen compression method */
	uint16_t	 group;		/* HRR selected_group / SH key_share */
	unsigned	 ext;		/* TLS_AX_* */
	uint8_t		 alert_level;	/* TLS_ANS_ALERT, or TLS_FL_ALERT */
	uint8_t		 alert_desc;
	/* TLS <= 1.2 flight (TLS_PARSE_FLIGHT) */
	unsigned	 flight;	/* TLS_FL_* */
	uint16_t	 ncerts;	/* in the Certificate message */
	uint32_t	 cert_len[TLS_MAX_CERTS]; /* DER length of the first ones */
	uint16_t	 ske_group;	/* ECDHE named curve, 0 if none */
	uint16_t	 dh_bits;	/* DHE prime size in bits, 0 if none */
	uint8_t		 dh_known;	/* tls_dhprime_find() of the prime */
	/* SSLv2 */
	uint16_t	 ssl2_nkinds;
	uint32_t	 ssl2_kinds[TLS_SSL2_MAX_KINDS];
	uint32_t	 ssl2_cert_len;
	uint16_t	 ssl2_error;	/* TLS_ANS_SSL2_ERROR code */
	size_t		 used;		/* bytes of the input that were parsed */
};

/*
 * Parses the server's answer in data[0..len).  Returns TLS_OK with *a
 * filled once a ServerHello, HRR, alert or SSLv2 SERVER-HELLO/ERROR is
 * complete (and, with TLS_PARSE_FLIGHT and a TLS <= 1.2 ServerHello, the
 * flight through ServerHelloDone or an alert); TLS_NEED_MORE while it is
 * not; a TLS_E* error for garbage, malformed or oversized input.  With
 * TLS_PARSE_FINAL a complete ServerHello whose flight was cut short is
 * still TLS_OK (flight tells what came), and an incomplete answer is
 * TLS_ETRUNC.  Never reads outside data[0..len).
 */
int	tls_answer_parse(const uint8_t *data, size_t len, unsigned flags,
	    struct tls_answer *a) __attribute__((warn_unused_result));

/*
 * The certificate_list of the first Certificate message of a TLS <= 1.2
 * (or SSLv3) answer in data[0..len) (as tls_answer_parse() with
 * TLS_PARSE_FLIGHT | TLS_PARSE_FINAL reads it): its entries, each a
 * 3-byte length and the DER, copied into *out (the caller's, at most
 * TLS_ANSWER_MAX bytes), its length in *outlen.  The list's own framing
 * is checked, the DER is not.  Returns TLS_OK with *out NULL when the
 * answer has no such message (an alert, TLS 1.3, SSLv2, an empty list),
 * or a TLS_E* error (*out NULL).
 */
int	tls_answer_certificates(const uint8_t *data, size_t len,
	    uint8_t **out, size_t *outlen) __attribute__((warn_unused_result));

/*
 * Appends one TLS record of type with body[0..n) (n < 2^14) to w: for
 * the records the behavioural checks send after the hello (a heartbeat
 * request, a ChangeCipherSpec).  0 or a BUF_* / TLS_EOPTS error.
 */
int	tls_record_write(struct wbuf *w, uint8_t type, uint16_t version,
	    const void *body, size_t n) __attribute__((warn_unused_result));

/*
 * The head of the next record in data[0..len): its type, version and
 * length, and for an alert its level and description; nothing else of
 * the body is read (a heartbeat response is judged by its length
 * alone, its bytes never looked at).  TLS_OK, TLS_NEED_MORE (fewer
 * than 5 bytes, or 7 for an alert), TLS_EGARBAGE (not a TLS record
 * header) or TLS_EPROTO (an alert shorter than 2 bytes).
 */
struct tls_record_head {
	uint8_t		 type;		/* TLS_REC_* */
	uint16_t	 version;
	uint16_t	 length;
	uint8_t		 alert_level;	/* TLS_REC_ALERT only */
	uint8_t		 alert_desc;
};
int	tls_record_head_parse(const uint8_t *data, size_t len,
	    struct tls_record_head *h) __attribute__((warn_unused_result));

#define TLS_REC_CCS		20
#define TLS_REC_ALERT		21
#define TLS_REC_HANDSHAKE	22
#define TLS_REC_APPDATA		23
#define TLS_REC_HEARTBEAT	24

/* Alert description name ("handshake_failure", ...) or "unknown". */
const char *tls_alert_name(uint8_t desc);

#define TLS_ALERT_CLOSE_NOTIFY		0
#define TLS_ALERT_UNEXPECTED_MESSAGE	10
#define TLS_ALERT_BAD_RECORD_MAC	20
#define TLS_ALERT_DECRYPTION_FAILED	21
#define TLS_ALERT_HANDSHAKE_FAILURE	40
#define TLS_ALERT_ILLEGAL_PARAMETER	47
#define TLS_ALERT_DECODE_ERROR		50
#define TLS_ALERT_PROTOCOL_VERSION	70
#define TLS_ALERT_INSUFFICIENT_SECURITY	71
#define TLS_ALERT_INTERNAL_ERROR	80
#define TLS_ALERT_INAPPROPRIATE_FALLBACK 86
#define TLS_ALERT_UNRECOGNIZED_NAME	112

#endif
