/*
 * ssh_kex.c: the server identification and its KEXINIT (see ssh_kex.h).
 * Trusts nothing it reads: every byte comes from a possibly hostile server,
 * every length is checked through the bounded cursor of buf.h, and every
 * loop is capped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/buf.h"
#include "scanner/ssh/ssh_kex.h"

static const char *const list_names[SSH_L_COUNT] = {
	"kex_algorithms",
	"server_host_key_algorithms",
	"encryption_algorithms_client_to_server",
	"encryption_algorithms_server_to_client",
	"mac_algorithms_client_to_server",
	"mac_algorithms_server_to_client",
	"compression_algorithms_client_to_server",
	"compression_algorithms_server_to_client",
	"languages_client_to_server",
	"languages_server_to_client",
};

static void seterr(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

void
ssh_server_hello_init(struct ssh_server_hello *h)
{
	memset(h, 0, sizeof(*h));
}

void
ssh_server_hello_release(struct ssh_server_hello *h)
{
	size_t i, j;

	for (i = 0; i < SSH_L_COUNT; i++) {
		for (j = 0; j < h->lists[i].n; j++)
			free(h->lists[i].v[j]);
		free(h->lists[i].v);
	}
	ssh_server_hello_init(h);
}

int
ssh_namelist_has(const struct ssh_namelist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], name) == 0)
			return 1;
	return 0;
}

const char *
ssh_kex_errstr(int e)
{
	switch (e) {
	case 0:
		return "success";
	case SSH_KEX_MORE:
		return "more input needed";
	case SSH_KEX_ENOMEM:
		return "out of memory";
	case SSH_KEX_EBANNER:
		return "endless banner";
	case SSH_KEX_EGARBAGE:
		return "not an SSH server (garbage)";
	case SSH_KEX_EIDENT:
		return "malformed identification";
	case SSH_KEX_EPACKET:
		return "malformed packet";
	case SSH_KEX_EKEXINIT:
		return "malformed KEXINIT";
	case SSH_KEX_EDISCONNECT:
		return "server disconnected";
	case SSH_KEX_EUNEXPECTED:
		return "unexpected message";
	case SSH_KEX_EREPLY:
		return "malformed KEX_ECDH_REPLY";
	default:
		return "internal error";
	}
}

/* Pre-identification lines are text: control bytes mean garbage. */
static int
is_garbage(uint8_t c)
{
	return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f;
}

/*
 * Splits the identification line (CR LF removed) into its parts.
 * RFC 4253 4.2: SSH-protoversion-softwareversion SP comments.
 */
static int
parse_ident(const uint8_t *line, size_t n, struct ssh_server_hello *h,
    char *err, size_t errlen)
{
	size_t i, pv, sw;

	for (i = 0; i < n; i++) {
		if (line[i] < 0x20 || line[i] > 0x7e) {
			seterr(err, errlen, "identification contains byte "
			    "0x%02x at column %zu", line[i], i + 1);
			return SSH_KEX_EIDENT;
		}
	}
	memcpy(h->ident, line, n);
	h->ident[n] = '\0';
	/* line starts with "SSH-" (checked by the caller). */
	for (pv = 4; pv < n && line[pv] != '-' && line[pv] != ' '; pv++)
		;
	if (pv == 4 || pv >= n || line[pv] != '-' ||
	    pv - 4 >= sizeof(h->protocol)) {
		seterr(err, errlen, "identification '%s' has no "
		    "protocol version", h->ident);
		return SSH_KEX_EIDENT;
	}
	memcpy(h->protocol, line + 4, pv - 4);
	h->protocol[pv - 4] = '\0';
	for (sw = pv + 1; sw < n && line[sw] != ' '; sw++)
		;
	memcpy(h->software, line + pv + 1, sw - pv - 1);
	h->software[sw - pv - 1] = '\0';
	if (sw < n) {
		memcpy(h->comments, line + sw + 1, n - sw - 1);
		h->comments[n - sw - 1] = '\0';
	}
	if (strcmp(h->protocol, "2.0") == 0)
		h->ssh2 = 1;
	else if (strcmp(h->protocol, "1.99") == 0)
		h->ssh1 = h->ssh2 = 1;
	else if (strncmp(h->protocol, "1.", 2) == 0)
		h->ssh1 = 1;
	else {
		seterr(err, errlen, "identification '%s': unknown protocol "
		    "version '%s'", h->ident, h->protocol);
		return SSH_KEX_EIDENT;
	}
	return 0;
}

/*
 * Reads lines until the identification.  On success *off is the offset
 * of the first byte after its LF.
 */
static int
parse_banner(const uint8_t *in, size_t len, struct ssh_server_hello *h,
    size_t *off, char *err, size_t errlen)
{
	static const char magic[] = "SSH-";
	size_t pos = 0, i, end, n;
	int ident;

	for (;;) {
		/* Is the line at pos the identification? */
		ident = 1;
		for (i = 0; i < 4; i++) {
			if (pos + i >= len)
				return SSH_KEX_MORE;
			if (in[pos + i] != (uint8_t)magic[i]) {
				ident = 0;
				break;
			}
		}
		for (end = pos; end < len && in[end] != '\n'; end++) {
			if (!ident && is_garbage(in[end])) {
				seterr(err, errlen, "garbage before "
				    "identification: byte 0x%02x at offset "
				    "%zu", in[end], end);
				return SSH_KEX_EGARBAGE;
			}
			if (ident && end - pos >= SSH_KEX_MAX_IDENT)
				break;
			if (end >= SSH_KEX_MAX_PRE)
				break;
		}
		if (ident && end - pos >= SSH_KEX_MAX_IDENT) {
			seterr(err, errlen, "identification longer than %d "
			    "bytes", SSH_KEX_MAX_IDENT);
			return SSH_KEX_EIDENT;
		}
		if (end >= SSH_KEX_MAX_PRE) {
			seterr(err, errlen, "endless banner: no SSH "
			    "identification in the first %d bytes (%zu lines)",
			    SSH_KEX_MAX_PRE, h->pre_lines);
			return SSH_KEX_EBANNER;
		}
		if (end >= len)
			return SSH_KEX_MORE;
		if (ident)
			break;
		if (++h->pre_lines > SSH_KEX_MAX_PRELINES) {
			seterr(err, errlen, "endless banner: more than %d "
			    "lines before the SSH identification",
			    SSH_KEX_MAX_PRELINES);
			return SSH_KEX_EBANNER;
		}
		pos = end + 1;
	}
	n = end - pos;
	if (n > 0 && in[end - 1] == '\r')
		n--;
	*off = end + 1;
	return parse_ident(in + pos, n, h, err, errlen);
}

static int
parse_namelist(struct rbuf *r, enum ssh_list which, struct ssh_namelist *l,
    char *err, size_t errlen)
{
	struct rbuf s;
	const uint8_t *p;
	size_t i, start, nlen, count = 0;
	char **v = NULL;
	int rc = SSH_KEX_EINTERNAL;

	if (rbuf_get_vec(r, 4, &s) != BUF_OK) {
		seterr(err, errlen, "KEXINIT truncated in %s",
		    list_names[which]);
		return SSH_KEX_EKEXINIT;
	}
	if (rbuf_left(&s) == 0)
		return 0;
	p = rbuf_ptr(&s);
	for (i = 0; i < s.len; i++) {
		if (p[i] == ',')
			count++;
	}
	count++;
	if (count > SSH_KEX_MAX_NAMES) {
		seterr(err, errlen, "%s has %zu names (at most %d)",
		    list_names[which], count, SSH_KEX_MAX_NAMES);
		return SSH_KEX_EKEXINIT;
	}
	if ((v = calloc(count, sizeof(*v))) == NULL)
		return SSH_KEX_ENOMEM;
	l->v = v;
	start = 0;
	for (i = 0; i <= s.len; i++) {
		if (i < s.len && p[i] != ',') {
			if (p[i] <= 0x20 || p[i] >= 0x7f) {
				seterr(err, errlen, "%s: byte 0x%02x in a "
				    "name", list_names[which], p[i]);
				rc = SSH_KEX_EKEXINIT;
				goto out;
			}
			continue;
		}
		nlen = i - start;
		if (nlen == 0 || nlen > SSH_KEX_MAX_NAME) {
			seterr(err, errlen, "%s: name %zu is %s",
			    list_names[which], l->n + 1,
			    nlen == 0 ? "empty" : "longer than 64 bytes");
			rc = SSH_KEX_EKEXINIT;
			goto out;
		}
		if ((v[l->n] = malloc(nlen + 1)) == NULL) {
			rc = SSH_KEX_ENOMEM;
			goto out;
		}
		memcpy(v[l->n], p + start, nlen);
		v[l->n][nlen] = '\0';
		l->n++;
		start = i + 1;
	}
	rc = 0;
out:
	/* On error the partial list is freed by ssh_server_hello_release. */
	return rc;
}

static int
parse_kexinit(struct rbuf *r, struct ssh_server_hello *h, char *err,
    size_t errlen)
{
	const uint8_t *cookie;
	uint8_t follows;
	uint32_t reserved;
	int rc, i;

	if (rbuf_get_bytes(r, 16, &cookie) != BUF_OK) {
		seterr(err, errlen, "KEXINIT truncated in cookie");
		return SSH_KEX_EKEXINIT;
	}
	memcpy(h->cookie, cookie, 16);
	for (i = 0; i < SSH_L_COUNT; i++)
		if ((rc = parse_namelist(r, (enum ssh_list)i, &h->lists[i],
		    err, errlen)) != 0)
			return rc;
	if (rbuf_get_u8(r, &follows) != BUF_OK ||
	    rbuf_get_u32(r, &reserved) != BUF_OK) {
		seterr(err, errlen, "KEXINIT truncated after the name-lists");
		return SSH_KEX_EKEXINIT;
	}
	h->first_kex_follows = follows != 0;
	h->strict_kex = ssh_namelist_has(&h->lists[SSH_L_KEX],
	    "kex-strict-s-v00@openssh.com");
	h->ext_info = ssh_namelist_has(&h->lists[SSH_L_KEX], "ext-info-s");
	h->has_kexinit = 1;
	return 0;
}

/* SSH_MSG_DISCONNECT: uint32 reason, string description, string lang. */
static int
parse_disconnect(struct rbuf *r, char *err, size_t errlen)
{
	char desc[128];
	struct rbuf s;
	uint32_t reason;
	size_t i, n = 0;

	if (rbuf_get_u32(r, &reason) != BUF_OK ||
	    rbuf_get_vec(r, 4, &s) != BUF_OK) {
		seterr(err, errlen, "server disconnected (truncated message)");
		return SSH_KEX_EDISCONNECT;
	}
	for (i = 0; i < s.len && n < sizeof(desc) - 1; i++)
		desc[n++] = s.p[i] >= 0x20 && s.p[i] < 0x7f ? (char)s.p[i] :
		    '?';
	desc[n] = '\0';
	seterr(err, errlen, "server disconnected: reason %u: '%s'",
	    (unsigned)reason, desc);
	return SSH_KEX_EDISCONNECT;
}

/*
 * Binary packets (RFC 4253 6) until the KEXINIT, and with reply != NULL
 * on to the KEX_ECDH_REPLY, whose host key blob *reply then covers.
 */
static int
parse_packets(const uint8_t *in, size_t len, struct ssh_server_hello *h,
    struct rbuf *reply, char *err, size_t errlen)
{
	struct rbuf r, pkt, payload;
	uint32_t plen;
	uint8_t padlen, type;
	size_t skipped = 0;
	int rc, guess = 0;

	rbuf_init(&r, in, len);
	for (;;) {
		if (rbuf_get_u32(&r, &plen) != BUF_OK)
			return SSH_KEX_MORE;
		if (plen > SSH_KEX_MAX_PACKET) {
			seterr(err, errlen, "oversize packet: packet_length "
			    "%u exceeds %d", (unsigned)plen,
			    SSH_KEX_MAX_PACKET);
			return SSH_KEX_EPACKET;
		}
		if ((plen + 4) % 8 != 0 || plen < 12) {
			seterr(err, errlen, "packet_length %u is not a "
			    "multiple of 8 minus 4 (at least 12)",
			    (unsigned)plen);
			return SSH_KEX_EPACKET;
		}
		if (rbuf_get_sub(&r, plen, &pkt) != BUF_OK)
			return SSH_KEX_MORE;
		if (rbuf_get_u8(&pkt, &padlen) != BUF_OK)
			return SSH_KEX_EINTERNAL;
		if (padlen < 4 || (size_t)padlen + 1 >= plen) {
			seterr(err, errlen, "padding_length %u invalid in a "
			    "packet of %u bytes", padlen, (unsigned)plen);
			return SSH_KEX_EPACKET;
		}
		if (rbuf_get_sub(&pkt, plen - 1 - padlen, &payload) != BUF_OK ||
		    rbuf_get_u8(&payload, &type) != BUF_OK)
			return SSH_KEX_EINTERNAL;
		if (type == SSH_MSG_DISCONNECT)
			return parse_disconnect(&payload, err, errlen);
		if (type == SSH_MSG_IGNORE || type == SSH_MSG_DEBUG) {
			if (++skipped <= SSH_KEX_MAX_SKIPPED)
				continue;
			seterr(err, errlen, "more than %d IGNORE/DEBUG "
			    "messages", SSH_KEX_MAX_SKIPPED);
			return SSH_KEX_EUNEXPECTED;
		}
		if (!h->has_kexinit) {
			if (type != SSH_MSG_KEXINIT) {
				seterr(err, errlen, "message type %u before "
				    "KEXINIT", type);
				return SSH_KEX_EUNEXPECTED;
			}
			rc = parse_kexinit(&payload, h, err, errlen);
			if (rc != 0 || reply == NULL)
				return rc;
			guess = h->first_kex_follows;
			continue;
		}
		/*
		 * A server that guessed the kex sends its guess next; our
		 * ECDH kex makes the client speak first, so it guessed
		 * wrong and the packet is to be ignored (RFC 4253 7).
		 */
		if (guess && type != SSH_MSG_KEX_ECDH_REPLY) {
			guess = 0;
			continue;
		}
		if (type != SSH_MSG_KEX_ECDH_REPLY) {
			seterr(err, errlen, "message type %u instead of "
			    "KEX_ECDH_REPLY", type);
			return SSH_KEX_EUNEXPECTED;
		}
		/* string K_S (host key), string Q_S, string signature */
		if (rbuf_get_vec(&payload, 4, reply) != BUF_OK ||
		    reply->len == 0) {
			seterr(err, errlen, "KEX_ECDH_REPLY without a host "
			    "key");
			return SSH_KEX_EREPLY;
		}
		return 0;
	}
}

/*
 * What both parsers read first: h refilled from scratch, err emptied,
 * the banner and the identification; *off is where the packets start
 * (and *len is 0 when there is no input).
 */
static int
parse_start(const uint8_t *in, size_t *len, struct ssh_server_hello *h,
    size_t *off, char *err, size_t errlen)
{
	ssh_server_hello_release(h);
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (in == NULL)
		*len = 0;
	return parse_banner(in, *len, h, off, err, errlen);
}

int
ssh_kex_parse(const uint8_t *in, size_t len, struct ssh_server_hello *h,
    char *err, size_t errlen)
{
	size_t off = 0;
	int rc;

	if ((rc = parse_start(in, &len, h, &off, err, errlen)) != 0)
		return rc;
	if (!h->ssh2)
		return 0;	/* SSH-1 only: it sends no KEXINIT */
	return parse_packets(in + off, len - off, h, NULL, err, errlen);
}

int
ssh_kex_parse_reply(const uint8_t *in, size_t len, struct ssh_server_hello *h,
    const uint8_t **blob, size_t *bloblen, char *err, size_t errlen)
{
	struct rbuf ks;
	size_t off = 0;
	int rc;

	if ((rc = parse_start(in, &len, h, &off, err, errlen)) != 0)
		return rc;
	if (!h->ssh2) {
		seterr(err, errlen, "the server speaks only SSH-1");
		return SSH_KEX_EUNEXPECTED;
	}
	if ((rc = parse_packets(in + off, len - off, h, &ks, err, errlen)) != 0)
		return rc;
	*blob = ks.p;
	*bloblen = ks.len;
	return 0;
}

int
ssh_kex_build_packet(struct wbuf *w, const uint8_t *payload, size_t n)
{
	size_t pad;

	/* packet_length + 4 a multiple of 8, at least 4 bytes of padding */
	pad = 8 - ((n + 5) % 8);
	if (pad < 4)
		pad += 8;
	if (n > SSH_KEX_MAX_PACKET)
		return BUF_ELENGTH;
	if (wbuf_put_u32(w, (uint32_t)(n + pad + 1)) != BUF_OK ||
	    wbuf_put_u8(w, (uint8_t)pad) != BUF_OK ||
	    wbuf_put_bytes(w, payload, n) != BUF_OK ||
	    wbuf_put_zero(w, pad) != BUF_OK)
		return wbuf_error(w);
	return 0;
}

int
ssh_kex_build_kexinit(struct wbuf *w, const char *const lists[SSH_L_COUNT],
    const uint8_t cookie[16], int first_kex_follows)
{
	struct wbuf p;
	size_t i, n;
	int rc = BUF_ELENGTH;

	wbuf_init(&p, SSH_KEX_MAX_PACKET);
	if (wbuf_put_u8(&p, SSH_MSG_KEXINIT) != BUF_OK ||
	    wbuf_put_bytes(&p, cookie, 16) != BUF_OK)
		goto out;
	for (i = 0; i < SSH_L_COUNT; i++) {
		n = lists[i] == NULL ? 0 : strlen(lists[i]);
		if (n > SSH_KEX_MAX_PACKET)
			goto out;
		if (wbuf_put_u32(&p, (uint32_t)n) != BUF_OK ||
		    wbuf_put_bytes(&p, lists[i], n) != BUF_OK)
			goto out;
	}
	if (wbuf_put_u8(&p, first_kex_follows ? 1 : 0) != BUF_OK ||
	    wbuf_put_u32(&p, 0) != BUF_OK)
		goto out;
	rc = ssh_kex_build_packet(w, p.p, p.len);
out:
	if (rc == BUF_ELENGTH && wbuf_error(&p) != BUF_OK)
		rc = wbuf_error(&p);
	wbuf_release(&p);
	return rc;
}

int
ssh_kex_build_ecdh_init(struct wbuf *w, const uint8_t *q, size_t qlen)
{
	uint8_t payload[1 + 4 + 256];

	if (qlen > 256)
		return BUF_ELENGTH;
	payload[0] = SSH_MSG_KEX_ECDH_INIT;
	payload[1] = (uint8_t)(qlen >> 24);
	payload[2] = (uint8_t)(qlen >> 16);
	payload[3] = (uint8_t)(qlen >> 8);
	payload[4] = (uint8_t)qlen;
	memcpy(payload + 5, q, qlen);
	return ssh_kex_build_packet(w, payload, 5 + qlen);
}
