/*
 * starttls_bin.c: see starttls_bin.h.  Each answer is judged only once it
 * is all there (its own length field says when), read through a bounded
 * cursor; an answer longer than STARTTLS_BIN_MAX, or bytes after a "yes"
 * that the server should not send before the client's ClientHello, fail.
 * Trusts nothing the server sends: every message shows only printable
 * ASCII of it, at most 100 characters.
 */
#include <stdio.h>
#include <string.h>

#include "scanner/tls/starttls_bin.h"

/* step: 0 nothing sent (MySQL: greeting awaited), 1 request sent, 2 done. */
#define STEP_SENT	1
#define STEP_DONE	2

/* LDAP resultCodes worth a name (RFC 4511, 4.1.9). */
static const struct {
	uint32_t	 code;
	const char	*name;
} ldap_codes[] = {
	{ 1, "operationsError" },
	{ 2, "protocolError" },
	{ 8, "strongerAuthRequired" },
	{ 13, "confidentialityRequired" },
	{ 51, "busy" },
	{ 52, "unavailable" },
	{ 53, "unwillingToPerform" },
	{ 80, "other" },
};

/* The LDAP StartTLS request: messageID 1, [APPLICATION 23] { [0] OID }. */
static const uint8_t ldap_request[] = {
	0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16,
	'1', '.', '3', '.', '6', '.', '1', '.', '4', '.', '1', '.',
	'1', '4', '6', '6', '.', '2', '0', '0', '3', '7',
};

int
starttls_bin_needed(enum service svc)
{
	return svc == SVC_LDAP || svc == SVC_POSTGRES || svc == SVC_MYSQL;
}

int
starttls_bin_in_greeting(const struct starttls *s)
{
	return s->svc == SVC_MYSQL && s->step == 0;
}

const char *
starttls_bin_waiting(const struct starttls *s)
{
	if (s->step >= STEP_DONE)
		return "TLS";
	switch (s->svc) {
	case SVC_LDAP:
		return "answer to the LDAP StartTLS request";
	case SVC_POSTGRES:
		return "answer to the PostgreSQL SSLRequest";
	case SVC_MYSQL:
		return "MySQL greeting";
	default:
		return "TLS";
	}
}

/* Printable ASCII of p[0..n), at most 100 characters, into buf. */
static void
shown(const uint8_t *p, size_t n, char *buf, size_t len)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < len && k < 100; i++)
		if (p[i] >= 0x20 && p[i] < 0x7f)
			buf[k++] = (char)p[i];
	buf[k] = '\0';
}

static int
fail(struct starttls *s, int code, const char *what, const uint8_t *p,
    size_t n)
{
	char text[104];

	shown(p, n, text, sizeof(text));
	snprintf(s->msg, sizeof(s->msg), "%s: '%s'", what, text);
	return code;
}

int
starttls_bin_start(struct starttls *s, struct wbuf *out)
{
	int r = 0;

	switch (s->svc) {
	case SVC_LDAP:
		r = wbuf_put_bytes(out, ldap_request, sizeof(ldap_request));
		break;
	case SVC_POSTGRES:
		if ((r = wbuf_put_u32(out, 8)) == 0)
			r = wbuf_put_u32(out, STARTTLS_PG_SSLREQUEST);
		break;
	default:
		/* MySQL: the server speaks first. */
		return STARTTLS_MORE;
	}
	if (r != 0) {
		snprintf(s->msg, sizeof(s->msg), "cannot queue the %s",
		    s->svc == SVC_LDAP ? "LDAP StartTLS request" :
		    "PostgreSQL SSLRequest");
		return STARTTLS_ENOMEM;
	}
	s->step = STEP_SENT;
	return STARTTLS_MORE;
}

/*
 * The first bytes are not proto's: a TLS record (an alert, as a TLS-only
 * port answers a request) says the port wants tls://; anything else is
 * shown as it came, so another protocol's greeting reads as itself.
 */
static int
not_proto(struct starttls *s, const char *proto, const char *what,
    const uint8_t *in, size_t len)
{
	if (len >= 2 && in[0] >= 0x15 && in[0] <= 0x17 && in[1] == 0x03) {
		snprintf(s->msg, sizeof(s->msg), "the server speaks TLS, not "
		    "%s (a tls:// port)", proto);
		return STARTTLS_EPROTO;
	}
	return fail(s, STARTTLS_EPROTO, what, in, len < 40 ? len : 40);
}

/* Bytes after a complete "yes": the server talks out of turn. */
static int
trailing(struct starttls *s, const char *what, size_t extra)
{
	snprintf(s->msg, sizeof(s->msg), "%s, then %zu more byte%s before "
	    "the TLS handshake", what, extra, extra == 1 ? "" : "s");
	return STARTTLS_EPROTO;
}

/* LDAP ---------------------------------------------------------------- */

/*
 * The length of a BER element at in[0..len) (DER-like: definite lengths
 * of at most 4 bytes, low tag numbers): its header length in *hdr and
 * contents length in *clen; STARTTLS_MORE when the header is incomplete,
 * -1 when it is not BER LDAP may send.
 */
static int
ber_head(const uint8_t *in, size_t len, size_t *hdr, size_t *clen)
{
	size_t i, n;

	if (len < 2)
		return STARTTLS_MORE;
	if ((in[0] & 0x1f) == 0x1f || in[1] == 0x80 || in[1] == 0xff)
		return -1;
	if (in[1] < 0x80) {
		*hdr = 2;
		*clen = in[1];
		return 0;
	}
	if ((n = in[1] & 0x7fu) > 4)
		return -1;
	if (len < 2 + n)
		return STARTTLS_MORE;
	*clen = 0;
	for (i = 0; i < n; i++)
		*clen = *clen << 8 | in[2 + i];
	*hdr = 2 + n;
	return 0;
}

/* One TLV from b with tag want: its contents as *val. */
static int
ber_get(struct rbuf *b, uint8_t want, struct rbuf *val)
{
	size_t hdr, clen;

	if (rbuf_left(b) < 1 || *rbuf_ptr(b) != want ||
	    ber_head(rbuf_ptr(b), rbuf_left(b), &hdr, &clen) != 0 ||
	    rbuf_skip(b, hdr) != 0 || rbuf_get_sub(b, clen, val) != 0)
		return -1;
	return 0;
}

/* A non-negative INTEGER or ENUMERATED of at most 4 bytes. */
static int
ber_uint(struct rbuf *b, uint8_t tag, uint32_t *v)
{
	struct rbuf val;
	uint8_t c;

	if (ber_get(b, tag, &val) != 0 || rbuf_left(&val) < 1 ||
	    rbuf_left(&val) > 4 || (*rbuf_ptr(&val) & 0x80) != 0)
		return -1;
	*v = 0;
	while (rbuf_get_u8(&val, &c) == 0)
		*v = *v << 8 | c;
	return 0;
}

/*
 * The LDAPMessage in[0..n) (complete): messageID, then an
 * ExtendedResponse { resultCode, matchedDN, diagnosticMessage, ... }.
 */
static int
ldap_judge(struct starttls *s, const uint8_t *in, size_t n)
{
	struct rbuf msg, b, op, diag;
	uint32_t id, code;
	char what[96];
	const char *name = NULL;
	size_t i;

	rbuf_init(&msg, in, n);
	if (ber_get(&msg, 0x30, &b) != 0 || ber_uint(&b, 0x02, &id) != 0)
		return fail(s, STARTTLS_EPROTO, "not an LDAP message", in, n);
	if (ber_get(&b, 0x78, &op) != 0)
		return fail(s, STARTTLS_EPROTO, "not an LDAP ExtendedResponse",
		    in, n);
	if (ber_uint(&op, 0x0a, &code) != 0 ||
	    ber_get(&op, 0x04, &diag) != 0 ||	/* matchedDN */
	    ber_get(&op, 0x04, &diag) != 0)
		return fail(s, STARTTLS_EPROTO, "malformed LDAP "
		    "ExtendedResponse", in, n);
	if (id != 0 && id != 1) {
		snprintf(s->msg, sizeof(s->msg), "LDAP answer to message %u, "
		    "not to the StartTLS request (1)", id);
		return STARTTLS_EPROTO;
	}
	s->lines++;
	if (code == 0 && id == 1)
		return STARTTLS_READY;
	for (i = 0; i < sizeof(ldap_codes) / sizeof(ldap_codes[0]); i++)
		if (ldap_codes[i].code == code)
			name = ldap_codes[i].name;
	/* messageID 0: the Notice of Disconnection (RFC 4511, 4.4.1). */
	snprintf(what, sizeof(what), "%s: %s%s%u%s",
	    id == 0 ? "LDAP notice of disconnection" :
	    "LDAP server refused StartTLS", name != NULL ? name : "resultCode",
	    name != NULL ? " (" : " ", code, name != NULL ? ")" : "");
	return fail(s, id == 0 || code == 51 ? STARTTLS_ETHROTTLED :
	    STARTTLS_EREFUSED, what, rbuf_ptr(&diag), rbuf_left(&diag));
}

static int
ldap_input(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed)
{
	size_t hdr, clen;
	int r;

	if (len > 0 && in[0] != 0x30)
		return not_proto(s, "LDAP", "not an LDAP message", in, len);
	if ((r = ber_head(in, len, &hdr, &clen)) == STARTTLS_MORE)
		return r;
	if (r != 0)
		return not_proto(s, "LDAP", "not an LDAP message", in, len);
	if (clen > STARTTLS_BIN_MAX - hdr) {
		snprintf(s->msg, sizeof(s->msg), "LDAP message too long "
		    "(%zu bytes)", clen);
		return STARTTLS_ELINE;
	}
	if (len < hdr + clen)
		return STARTTLS_MORE;
	if ((r = ldap_judge(s, in, hdr + clen)) != STARTTLS_READY)
		return r;
	if (len > hdr + clen)
		return trailing(s, "LDAP StartTLS accepted", len - hdr - clen);
	*consumed = hdr + clen;
	return STARTTLS_READY;
}

/* PostgreSQL ----------------------------------------------------------- */

/*
 * An ErrorResponse ('E', int32 length, fields of a type byte and a
 * C string, then 0): a server that does not know SSLRequest, or failed.
 */
static int
pg_error(struct starttls *s, const uint8_t *in, size_t len)
{
	struct rbuf b, body;
	uint32_t n;
	uint8_t type;
	const uint8_t *f, *nul;
	const uint8_t *sev = NULL, *code = NULL, *text = NULL;
	size_t left, sevn = 0, coden = 0, textn = 0;
	char a[24], c[12], what[64];

	rbuf_init(&b, in, len);
	if (rbuf_skip(&b, 1) != 0 || rbuf_get_u32(&b, &n) != 0)
		return STARTTLS_MORE;
	if (n < 4 || n > STARTTLS_BIN_MAX) {
		/* Before protocol 3, a bare C string followed the 'E'. */
		return fail(s, STARTTLS_EPROTO, "PostgreSQL error", in + 1,
		    len - 1);
	}
	if (rbuf_get_sub(&b, n - 4, &body) != 0)
		return STARTTLS_MORE;
	while (rbuf_get_u8(&body, &type) == 0 && type != 0) {
		left = rbuf_left(&body);
		f = rbuf_ptr(&body);
		if ((nul = memchr(f, 0, left)) == NULL)
			break;
		if (type == 'S')
			sev = f, sevn = (size_t)(nul - f);
		else if (type == 'C')
			code = f, coden = (size_t)(nul - f);
		else if (type == 'M')
			text = f, textn = (size_t)(nul - f);
		if (rbuf_skip(&body, (size_t)(nul - f) + 1) != 0)
			break;
	}
	s->lines++;
	shown(sev, sevn, a, sizeof(a));
	shown(code, coden, c, sizeof(c));
	snprintf(what, sizeof(what), "PostgreSQL error%s%s%s%s",
	    a[0] != '\0' ? " " : "", a, c[0] != '\0' ? " " : "", c);
	return fail(s, STARTTLS_EPROTO, what, text, textn);
}

static int
pg_input(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed)
{
	if (len == 0)
		return STARTTLS_MORE;
	switch (in[0]) {
	case 'S':
		s->lines++;
		if (len > 1)
			return trailing(s, "PostgreSQL SSLRequest accepted "
			    "('S')", len - 1);
		*consumed = 1;
		return STARTTLS_READY;
	case 'N':
		s->lines++;
		snprintf(s->msg, sizeof(s->msg), "PostgreSQL server refused "
		    "SSLRequest: 'N' (no TLS)");
		return STARTTLS_EREFUSED;
	case 'E':
		return pg_error(s, in, len);
	default:
		return not_proto(s, "PostgreSQL", "not a PostgreSQL answer "
		    "to SSLRequest", in, len);
	}
}

/* MySQL ------------------------------------------------------------------ */

/* The SSLRequest packet: 32 bytes of payload, sequence id 1. */
static int
mysql_ssl_request(struct starttls *s, struct wbuf *out)
{
	uint8_t p[36];
	uint32_t caps = STARTTLS_MYSQL_CAPS, max = STARTTLS_MYSQL_MAXPACKET;
	int i;

	memset(p, 0, sizeof(p));
	p[0] = 32;		/* payload length, 3 bytes little-endian */
	p[3] = 1;		/* sequence id */
	for (i = 0; i < 4; i++) {
		p[4 + i] = (uint8_t)(caps >> (8 * i));
		p[8 + i] = (uint8_t)(max >> (8 * i));
	}
	p[12] = STARTTLS_MYSQL_CHARSET;	/* then 23 bytes of filler */
	if (wbuf_put_bytes(out, p, sizeof(p)) != 0) {
		snprintf(s->msg, sizeof(s->msg), "cannot queue the MySQL "
		    "SSLRequest");
		return STARTTLS_ENOMEM;
	}
	return 0;
}

/* An ERR packet in place of the greeting: 0xff, code, [#sqlstate], text. */
static int
mysql_error(struct starttls *s, struct rbuf *b)
{
	uint16_t le;
	uint32_t code;
	uint8_t c;
	char what[64];

	if (rbuf_get_u16(b, &le) != 0) {
		snprintf(s->msg, sizeof(s->msg), "MySQL error packet without "
		    "a code");
		return STARTTLS_EPROTO;
	}
	code = (uint32_t)(le >> 8 | (le & 0xff) << 8);
	if (rbuf_peek_u8(b, 0, &c) == 0 && c == '#' && rbuf_skip(b, 6) != 0)
		return fail(s, STARTTLS_EPROTO, "MySQL error packet truncated",
		    rbuf_ptr(b), rbuf_left(b));
	snprintf(what, sizeof(what), "MySQL greeting refused: error %u",
	    code);
	/*
	 * ER_CON_COUNT_ERROR ("Too many connections") and
	 * ER_TOO_MANY_USER_CONNECTIONS push back for now; "Host is not
	 * allowed" (1130) or blocked (1129) is a no.
	 */
	return fail(s, code == 1040 || code == 1203 ? STARTTLS_ETHROTTLED :
	    STARTTLS_EREFUSED, what, rbuf_ptr(b), rbuf_left(b));
}

/* The Initial Handshake, protocol 10, of n bytes: up to its capabilities. */
static int
mysql_greeting(struct starttls *s, struct rbuf *b)
{
	const uint8_t *v, *nul;
	uint16_t caps;
	uint8_t proto;
	size_t vn;

	if (rbuf_get_u8(b, &proto) != 0)
		return STARTTLS_EPROTO;
	if (proto == 0xff)
		return mysql_error(s, b);
	if (proto != 10 && proto != 9)
		return fail(s, STARTTLS_EPROTO, "not a MySQL greeting",
		    rbuf_ptr(b) - 1, rbuf_left(b) + 1 < 40 ?
		    rbuf_left(b) + 1 : 40);
	v = rbuf_ptr(b);
	if ((nul = memchr(v, 0, rbuf_left(b))) == NULL)
		return fail(s, STARTTLS_EPROTO, "MySQL greeting without the "
		    "end of its version", v, rbuf_left(b));
	vn = (size_t)(nul - v);
	shown(v, vn, s->server, sizeof(s->server));
	if (proto == 9) {
		snprintf(s->msg, sizeof(s->msg), "the server offers no TLS: "
		    "MySQL protocol 9 ('%s')", s->server);
		return STARTTLS_EREFUSED;
	}
	/* thread id 4, auth-plugin-data-part-1 8, filler 1, capabilities. */
	if (rbuf_skip(b, vn + 1 + 4 + 8 + 1) != 0 ||
	    rbuf_get_u16(b, &caps) != 0) {
		snprintf(s->msg, sizeof(s->msg), "MySQL greeting ('%s') "
		    "truncated before its capability flags", s->server);
		return STARTTLS_EPROTO;
	}
	caps = (uint16_t)(caps >> 8 | (caps & 0xff) << 8);	/* LE */
	if ((caps & MYSQL_CLIENT_SSL) == 0) {
		snprintf(s->msg, sizeof(s->msg), "the server offers no TLS: "
		    "MySQL greeting without CLIENT_SSL ('%s')", s->server);
		return STARTTLS_EREFUSED;
	}
	if ((caps & MYSQL_CLIENT_PROTOCOL_41) == 0) {
		snprintf(s->msg, sizeof(s->msg), "MySQL server ('%s') without "
		    "CLIENT_PROTOCOL_41: its SSLRequest is not supported",
		    s->server);
		return STARTTLS_EPROTO;
	}
	return STARTTLS_READY;
}

static int
mysql_input(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed)
{
	struct rbuf b, pl;
	uint32_t n;
	uint8_t seq;
	int r;

	if (len < 4)
		return STARTTLS_MORE;
	n = (uint32_t)in[0] | (uint32_t)in[1] << 8 | (uint32_t)in[2] << 16;
	seq = in[3];
	if (n == 0 || n > STARTTLS_BIN_MAX - 4 || seq != 0)
		return not_proto(s, "MySQL", "not a MySQL greeting", in, len);
	if (len < 4 + n)
		return STARTTLS_MORE;
	rbuf_init(&b, in, len);
	if (rbuf_skip(&b, 4) != 0 || rbuf_get_sub(&b, n, &pl) != 0)
		return STARTTLS_MORE;
	s->lines++;
	if ((r = mysql_greeting(s, &pl)) != STARTTLS_READY)
		return r;
	if (len > 4 + n)
		return trailing(s, "MySQL greeting", len - 4 - n);
	*consumed = 4 + n;
	return STARTTLS_READY;
}

/* ---------------------------------------------------------------------- */

/* The verdict on in[0..len), without side effects beyond s's fields. */
static int
judge(struct starttls *s, const uint8_t *in, size_t len, size_t *consumed)
{
	*consumed = 0;
	if (s->step >= STEP_DONE) {
		snprintf(s->msg, sizeof(s->msg), "preamble already done");
		return STARTTLS_EPROTO;
	}
	switch (s->svc) {
	case SVC_LDAP:
		return ldap_input(s, in, len, consumed);
	case SVC_POSTGRES:
		return pg_input(s, in, len, consumed);
	case SVC_MYSQL:
		return mysql_input(s, in, len, consumed);
	default:
		snprintf(s->msg, sizeof(s->msg), "no binary preamble");
		return STARTTLS_EPROTO;
	}
}

int
starttls_bin_input(struct starttls *s, const uint8_t *in, size_t len,
    size_t *consumed, struct wbuf *out)
{
	int lines = s->lines, r;

	r = judge(s, in, len, consumed);
	if (r == STARTTLS_MORE) {
		s->lines = lines;	/* counted once, when complete */
		return r;
	}
	if (r != STARTTLS_READY) {
		*consumed = 0;
		return r;
	}
	if (s->svc == SVC_MYSQL && (r = mysql_ssl_request(s, out)) != 0) {
		*consumed = 0;
		return r;
	}
	s->step = STEP_DONE;
	return STARTTLS_READY;
}

int
starttls_bin_eof(struct starttls *s, const uint8_t *in, size_t len)
{
	size_t consumed;
	int r;
	char what[64];

	snprintf(what, sizeof(what), "%s", starttls_bin_waiting(s));
	if (len > STARTTLS_BIN_MAX)
		len = STARTTLS_BIN_MAX;
	r = judge(s, in, len, &consumed);
	if (r < 0)
		return r;
	if (r == STARTTLS_READY)
		snprintf(s->msg, sizeof(s->msg), "connection closed after the "
		    "%s", what);
	else if (len > 0)
		snprintf(s->msg, sizeof(s->msg), "connection closed before "
		    "the end of the %s (%zu byte%s)", what, len,
		    len == 1 ? "" : "s");
	else
		snprintf(s->msg, sizeof(s->msg), "connection closed before "
		    "the %s", what);
	return STARTTLS_ETHROTTLED;
}
