/*
 * ssh_hostkey.c: host key blobs (see ssh_hostkey.h).  The blob comes from
 * a possibly hostile server: it is read through the bounded cursor only,
 * and an mpint's size is capped before its bits are counted.  The
 * fingerprint is OpenSSL's SHA-256.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "scanner/buf.h"
#include "scanner/ssh/ssh_hostkey.h"

/* Bit length of an mpint's magnitude. */
static int
mpint_bits(const struct rbuf *m)
{
	size_t i = 0;
	int bits;
	uint8_t top;

	while (i < m->len && m->p[i] == 0)
		i++;
	if (i == m->len)
		return 0;
	if (m->len - i > 16384)
		return -1;
	bits = (int)(m->len - i - 1) * 8;
	for (top = m->p[i]; top != 0; top >>= 1)
		bits++;
	return bits;
}

int
ssh_hostkey_from_blob(const uint8_t *blob, size_t len, struct ssh_hostkey *k)
{
	unsigned char md[EVP_MAX_MD_SIZE], b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3)
	    + 1];
	struct rbuf r, type, a, b;
	unsigned int mdlen = 0;
	int n, bits = 0;

	memset(k, 0, sizeof(*k));
	rbuf_init(&r, blob, len);
	if (rbuf_get_vec(&r, 4, &type) != BUF_OK || type.len == 0 ||
	    type.len >= sizeof(k->type))
		return SSH_HK_EKEY;
	memcpy(k->type, type.p, type.len);
	k->type[type.len] = '\0';
	if (strcmp(k->type, "ssh-rsa") == 0) {
		/* e, n */
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK ||
		    rbuf_get_vec(&r, 4, &b) != BUF_OK)
			return SSH_HK_EKEY;
		bits = mpint_bits(&b);
	} else if (strcmp(k->type, "ssh-dss") == 0) {
		/* p, q, g, y */
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK)
			return SSH_HK_EKEY;
		bits = mpint_bits(&a);
	} else if (strncmp(k->type, "ecdsa-sha2-", 11) == 0) {
		/* curve name, Q */
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK ||
		    rbuf_get_vec(&r, 4, &b) != BUF_OK)
			return SSH_HK_EKEY;
		if (a.len == 8 && memcmp(a.p, "nistp256", 8) == 0)
			bits = 256;
		else if (a.len == 8 && memcmp(a.p, "nistp384", 8) == 0)
			bits = 384;
		else if (a.len == 8 && memcmp(a.p, "nistp521", 8) == 0)
			bits = 521;
	} else if (strcmp(k->type, "ssh-ed25519") == 0) {
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK || a.len != 32)
			return SSH_HK_EKEY;
		bits = 256;
	} else if (strcmp(k->type, "ssh-ed448") == 0) {
		if (rbuf_get_vec(&r, 4, &a) != BUF_OK || a.len != 57)
			return SSH_HK_EKEY;
		bits = 456;
	}
	if (bits < 0)
		return SSH_HK_EKEY;
	k->bits = bits;
	if (EVP_Digest(blob, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		return SSH_HK_EINTERNAL;
	n = EVP_EncodeBlock(b64, md, (int)mdlen);
	/* OpenSSH prints the base64 without its '=' padding. */
	while (n > 0 && b64[n - 1] == '=')
		n--;
	if ((size_t)n + 8 > sizeof(k->sha256))
		return SSH_HK_EINTERNAL;
	snprintf(k->sha256, sizeof(k->sha256), "SHA256:%.*s", n,
	    (const char *)b64);
	return 0;
}
