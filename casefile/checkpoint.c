/*
 * checkpoint.c: the checkpoint text (checkpoint.h), its Ed25519 signature
 * through OpenSSL's EVP interface, and the key file.  The parser trusts
 * nothing: it reads a bounded buffer line by line through a cursor that
 * fails on truncation, and accepts only the one canonical text, so that a
 * checkpoint has exactly one spelling and the signature is checked over
 * the text rebuilt from the parsed fields.  The key file is opened the way
 * signify opens its keys: no symlinks, regular files only, created 0600
 * with O_EXCL, refused when others can read it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "common/hex.h"
#include "common/numparse.h"
#include "casefile/checkpoint.h"

#define KEY_MAX		4096	/* bytes of a PEM key file, with room */
#define MAGIC		"tilsyn-checkpoint 1"

const char *
checkpoint_errstr(int r)
{
	switch (r) {
	case CHECKPOINT_OK:
		return "ok";
	case CHECKPOINT_FORMAT:
		return "not a tilsyn checkpoint";
	case CHECKPOINT_BADSIG:
		return "its signature does not verify (forged or altered)";
	case CHECKPOINT_OTHERKEY:
		return "it was signed with another key (key-id differs)";
	case CHECKPOINT_NOMEM:
		return "out of memory, or OpenSSL failed";
	case CHECKPOINT_NOKEY:
		return "no key file";
	case CHECKPOINT_KEYLINK:
		return "not a regular file (or a symbolic link)";
	case CHECKPOINT_KEYMODE:
		return "readable by group or others (chmod 600)";
	case CHECKPOINT_KEYOWNER:
		return "not owned by the user";
	case CHECKPOINT_KEYBAD:
		return "not an unencrypted Ed25519 key in PEM";
	case CHECKPOINT_IO:
		return "cannot read or write it";
	default:
		return "unknown checkpoint code";
	}
}

/* ---- the text ---- */

/* A bounded cursor over the text: each getter consumes or fails. */
struct cur {
	const char	*p, *end;
	int		 line;
};

/* The next line (without its '\n') into *v, *n; -1 when there is none. */
static int
next_line(struct cur *c, const char **v, size_t *n)
{
	const char *nl;

	if (c->p >= c->end)
		return -1;
	if ((nl = memchr(c->p, '\n', (size_t)(c->end - c->p))) == NULL)
		return -1;	/* a last line without its newline */
	*v = c->p;
	*n = (size_t)(nl - c->p);
	c->p = nl + 1;
	c->line++;
	return 0;
}

static int
lower_hex(const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') ||
		    (v[i] >= 'a' && v[i] <= 'f')))
			return 0;
	return 1;
}

/* YYYY-MM-DDTHH:MM:SSZ, each field in range (days up to 31). */
static int
utc_time(const char *v, size_t n)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	int mo, d, h, mi, s;
	size_t i;

	if (n != sizeof(shape) - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (shape[i] == 'd' ? !(v[i] >= '0' && v[i] <= '9') :
		    v[i] != shape[i])
			return 0;
#define TWO(k) ((v[k] - '0') * 10 + (v[(k) + 1] - '0'))
	mo = TWO(5);
	d = TWO(8);
	h = TWO(11);
	mi = TWO(14);
	s = TWO(17);
#undef TWO
	return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 &&
	    mi <= 59 && s <= 60;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Standard base64 with padding, of exactly 64 bytes (88 characters). */
static void
b64_encode(const unsigned char in[CHECKPOINT_SIG], char out[89])
{
	size_t i, o = 0;
	uint32_t w;

	for (i = 0; i + 3 <= CHECKPOINT_SIG; i += 3) {
		w = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = b64[w >> 18 & 63];
		out[o++] = b64[w >> 12 & 63];
		out[o++] = b64[w >> 6 & 63];
		out[o++] = b64[w & 63];
	}
	/* 64 = 21 * 3 + 1: one byte left, two characters and "==" */
	w = (uint32_t)in[i] << 16;
	out[o++] = b64[w >> 18 & 63];
	out[o++] = b64[w >> 12 & 63];
	out[o++] = '=';
	out[o++] = '=';
	out[o] = '\0';
}

static int
b64_value(char ch)
{
	const char *q;

	if (ch == '\0' || (q = strchr(b64, ch)) == NULL)
		return -1;
	return (int)(q - b64);
}

/* The inverse of b64_encode(), canonical only (no stray bits). */
static int
b64_decode(const char *v, size_t n, unsigned char out[CHECKPOINT_SIG])
{
	size_t i, o = 0;
	int a, b, c, d;

	if (n != 88 || v[86] != '=' || v[87] != '=')
		return -1;
	for (i = 0; i < 84; i += 4) {
		if ((a = b64_value(v[i])) < 0 || (b = b64_value(v[i + 1])) < 0 ||
		    (c = b64_value(v[i + 2])) < 0 ||
		    (d = b64_value(v[i + 3])) < 0)
			return -1;
		out[o++] = (unsigned char)(a << 2 | b >> 4);
		out[o++] = (unsigned char)((b & 15) << 4 | c >> 2);
		out[o++] = (unsigned char)((c & 3) << 6 | d);
	}
	if ((a = b64_value(v[84])) < 0 || (b = b64_value(v[85])) < 0 ||
	    (b & 15) != 0)
		return -1;
	out[o] = (unsigned char)(a << 2 | b >> 4);
	return 0;
}

/* "KEY VALUE": *v and *n become the value; 0, or -1 with why. */
static int
field(struct cur *c, const char *key, const char **v, size_t *n,
    char *why, size_t whylen)
{
	size_t k = strlen(key);

	if (next_line(c, v, n) != 0) {
		snprintf(why, whylen, "line %d: '%s' expected, the text ends",
		    c->line + 1, key);
		return -1;
	}
	if (*n <= k || memcmp(*v, key, k) != 0 || (*v)[k] != ' ') {
		snprintf(why, whylen, "line %d: '%s' expected", c->line, key);
		return -1;
	}
	*v += k + 1;
	*n -= k + 1;
	return 0;
}

/* A 64-digit lower-case hex value of key into out. */
static int
hex_field(struct cur *c, const char *key, char out[CHECKPOINT_HEX],
    char *why, size_t whylen)
{
	const char *v;
	size_t n;

	if (field(c, key, &v, &n, why, whylen) != 0)
		return -1;
	if (n != CHECKPOINT_HEX - 1 || !lower_hex(v, n)) {
		snprintf(why, whylen, "line %d: %s is not 64 lower-case hex "
		    "digits", c->line, key);
		return -1;
	}
	memcpy(out, v, n);
	out[n] = '\0';
	return 0;
}

int
checkpoint_parse(const char *buf, size_t len, struct checkpoint *c,
    char *why, size_t whylen)
{
	struct cur cu;
	const char *v;
	char num[24];
	size_t n;

	memset(c, 0, sizeof(*c));
	why[0] = '\0';
	if (len > CHECKPOINT_MAX) {
		snprintf(why, whylen, "longer than %d bytes", CHECKPOINT_MAX);
		return CHECKPOINT_FORMAT;
	}
	if (memchr(buf, '\0', len) != NULL) {
		snprintf(why, whylen, "it holds a NUL byte");
		return CHECKPOINT_FORMAT;
	}
	cu.p = buf;
	cu.end = buf + len;
	cu.line = 0;
	if (next_line(&cu, &v, &n) != 0 || n != strlen(MAGIC) ||
	    memcmp(v, MAGIC, n) != 0) {
		snprintf(why, whylen, "line 1: '%s' expected", MAGIC);
		return CHECKPOINT_FORMAT;
	}
	if (hex_field(&cu, "db-id", c->db_id, why, whylen) != 0)
		return CHECKPOINT_FORMAT;
	if (field(&cu, "seq", &v, &n, why, whylen) != 0)
		return CHECKPOINT_FORMAT;
	if (n == 0 || n >= sizeof(num) || v[0] == '0') {
		snprintf(why, whylen, "line %d: seq is not a number from 1",
		    cu.line);
		return CHECKPOINT_FORMAT;
	}
	memcpy(num, v, n);
	num[n] = '\0';
	if (parse_int64(num, 1, INT64_MAX, &c->seq) != NUM_OK) {
		snprintf(why, whylen, "line %d: seq is not a number from 1",
		    cu.line);
		return CHECKPOINT_FORMAT;
	}
	if (hex_field(&cu, "head", c->head, why, whylen) != 0)
		return CHECKPOINT_FORMAT;
	if (field(&cu, "time", &v, &n, why, whylen) != 0)
		return CHECKPOINT_FORMAT;
	if (!utc_time(v, n)) {
		snprintf(why, whylen, "line %d: time is not "
		    "YYYY-MM-DDTHH:MM:SSZ", cu.line);
		return CHECKPOINT_FORMAT;
	}
	memcpy(c->time, v, n);
	c->time[n] = '\0';
	if (hex_field(&cu, "key-id", c->key_id, why, whylen) != 0)
		return CHECKPOINT_FORMAT;
	if (field(&cu, "signature", &v, &n, why, whylen) != 0)
		return CHECKPOINT_FORMAT;
	if (b64_decode(v, n, c->sig) != 0) {
		snprintf(why, whylen, "line %d: signature is not 64 bytes in "
		    "base64", cu.line);
		return CHECKPOINT_FORMAT;
	}
	if (cu.p != cu.end) {
		snprintf(why, whylen, "line %d: text after the signature",
		    cu.line + 1);
		return CHECKPOINT_FORMAT;
	}
	return CHECKPOINT_OK;
}

/* The six signed lines of c into out; their length, or 0 on overflow. */
static size_t
body(const struct checkpoint *c, char out[CHECKPOINT_MAX])
{
	int n;

	n = snprintf(out, CHECKPOINT_MAX, MAGIC "\ndb-id %s\nseq %" PRId64
	    "\nhead %s\ntime %s\nkey-id %s\n", c->db_id, c->seq, c->head,
	    c->time, c->key_id);
	return n < 0 || n >= CHECKPOINT_MAX ? 0 : (size_t)n;
}

int
checkpoint_key_id(EVP_PKEY *key, char out[CHECKPOINT_HEX])
{
	unsigned char raw[64], d[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	size_t len = sizeof(raw);

	if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1 ||
	    EVP_Digest(raw, len, d, &dlen, EVP_sha256(), NULL) != 1 ||
	    dlen != 32)
		return CHECKPOINT_NOMEM;
	hex_encode(d, dlen, out);
	return CHECKPOINT_OK;
}

int
checkpoint_sign(EVP_PKEY *key, struct checkpoint *c, char out[CHECKPOINT_MAX])
{
	EVP_MD_CTX *md = NULL;
	char sig[89];
	size_t n, slen = sizeof(c->sig);
	int r = CHECKPOINT_NOMEM;

	if (checkpoint_key_id(key, c->key_id) != CHECKPOINT_OK ||
	    (n = body(c, out)) == 0)
		goto out;
	/* Ed25519 signs the message itself: no digest of our own. */
	if ((md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(md, NULL, NULL, NULL, key) != 1 ||
	    EVP_DigestSign(md, c->sig, &slen, (const unsigned char *)out,
	    n) != 1 || slen != sizeof(c->sig))
		goto out;
	b64_encode(c->sig, sig);
	if ((size_t)snprintf(out + n, CHECKPOINT_MAX - n, "signature %s\n",
	    sig) >= CHECKPOINT_MAX - n)
		goto out;
	r = CHECKPOINT_OK;
 out:
	EVP_MD_CTX_free(md);
	return r;
}

int
checkpoint_verify(EVP_PKEY *key, const struct checkpoint *c)
{
	EVP_MD_CTX *md = NULL;
	char text[CHECKPOINT_MAX], id[CHECKPOINT_HEX];
	size_t n;
	int r = CHECKPOINT_NOMEM, ok;

	if (checkpoint_key_id(key, id) != CHECKPOINT_OK)
		return CHECKPOINT_NOMEM;
	if (strcmp(id, c->key_id) != 0)
		return CHECKPOINT_OTHERKEY;
	if ((n = body(c, text)) == 0)
		return CHECKPOINT_FORMAT;
	if ((md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestVerifyInit(md, NULL, NULL, NULL, key) != 1)
		goto out;
	ok = EVP_DigestVerify(md, c->sig, sizeof(c->sig),
	    (const unsigned char *)text, n);
	r = ok == 1 ? CHECKPOINT_OK : CHECKPOINT_BADSIG;
 out:
	EVP_MD_CTX_free(md);
	return r;
}

/* ---- the key file ---- */

/* No passphrase: an encrypted key is refused, never prompted for. */
static int
no_pass(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return 0;
}

/* Reads the whole of fd (at most KEY_MAX bytes) into buf. */
static int
read_all(int fd, char *buf, size_t *len)
{
	ssize_t k;
	size_t n = 0;

	for (;;) {
		k = read(fd, buf + n, KEY_MAX - n);
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			return CHECKPOINT_IO;
		if (k == 0)
			break;
		n += (size_t)k;
		if (n == KEY_MAX)
			return CHECKPOINT_KEYBAD;	/* too long for a key */
	}
	*len = n;
	return CHECKPOINT_OK;
}

/* An Ed25519 key from PEM text: private (priv) or public. */
static int
pem_key(const char *buf, size_t len, int priv, EVP_PKEY **out)
{
	EVP_PKEY *k;
	BIO *b;

	if ((b = BIO_new_mem_buf(buf, (int)len)) == NULL)
		return CHECKPOINT_NOMEM;
	k = priv ? PEM_read_bio_PrivateKey(b, NULL, no_pass, NULL) :
	    PEM_read_bio_PUBKEY(b, NULL, no_pass, NULL);
	BIO_free(b);
	if (k == NULL || EVP_PKEY_get_base_id(k) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(k);
		return CHECKPOINT_KEYBAD;
	}
	*out = k;
	return CHECKPOINT_OK;
}

/* A new key into path, which must not exist; the file is 0600. */
static int
key_create(const char *path, EVP_PKEY **out)
{
	EVP_PKEY *k = NULL;
	BIO *b = NULL;
	char *pem;
	long n;
	ssize_t w;
	size_t done = 0;
	int fd = -1, r = CHECKPOINT_NOMEM, e;

	if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) == NULL ||
	    (b = BIO_new(BIO_s_secmem())) == NULL ||
	    PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL) != 1 ||
	    (n = BIO_get_mem_data(b, &pem)) <= 0)
		goto out;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		r = errno == ELOOP ? CHECKPOINT_KEYLINK : CHECKPOINT_IO;
		goto out;
	}
	while (done < (size_t)n) {
		w = write(fd, pem + done, (size_t)n - done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done != (size_t)n || fsync(fd) != 0) {
		e = errno;
		(void)unlink(path);
		errno = e;
		r = CHECKPOINT_IO;
		goto out;
	}
	*out = k;
	k = NULL;
	r = CHECKPOINT_OK;
 out:
	e = errno;
	if (fd != -1)
		close(fd);
	BIO_free(b);	/* secure memory: cleansed as it is freed */
	EVP_PKEY_free(k);
	errno = e;
	return r;
}

/* Opens path for a key: no symlink, a regular file; its stat in sb. */
static int
key_open(const char *path, int *fdp, struct stat *sb)
{
	int fd;

	*fdp = -1;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK)) == -1) {
		if (errno == ENOENT)
			return CHECKPOINT_NOKEY;
		return errno == ELOOP ? CHECKPOINT_KEYLINK : CHECKPOINT_IO;
	}
	if (fstat(fd, sb) == -1 || !S_ISREG(sb->st_mode)) {
		close(fd);
		return CHECKPOINT_KEYLINK;
	}
	*fdp = fd;
	return CHECKPOINT_OK;
}

int
checkpoint_key_load(const char *path, int create, EVP_PKEY **out,
    int *created)
{
	struct stat sb;
	char *buf = NULL;
	size_t len = 0;
	int fd = -1, r;

	*out = NULL;
	if (created != NULL)
		*created = 0;
	r = key_open(path, &fd, &sb);
	if (r == CHECKPOINT_NOKEY && create) {
		if ((r = key_create(path, out)) == CHECKPOINT_OK &&
		    created != NULL)
			*created = 1;
		return r;
	}
	if (r != CHECKPOINT_OK)
		return r;
	/* A private key is the user's alone (signify, ssh). */
	if ((sb.st_mode & 077) != 0)
		r = CHECKPOINT_KEYMODE;
	else if (sb.st_uid != geteuid())
		r = CHECKPOINT_KEYOWNER;
	else if ((buf = OPENSSL_secure_malloc(KEY_MAX)) == NULL)
		r = CHECKPOINT_NOMEM;
	else if ((r = read_all(fd, buf, &len)) == CHECKPOINT_OK)
		r = pem_key(buf, len, 1, out);
	close(fd);
	if (buf != NULL)
		OPENSSL_secure_clear_free(buf, KEY_MAX);
	return r;
}

int
checkpoint_pubkey_load(const char *path, EVP_PKEY **out)
{
	struct stat sb;
	char buf[KEY_MAX];
	size_t len = 0;
	int fd = -1, r;

	*out = NULL;
	if ((r = key_open(path, &fd, &sb)) != CHECKPOINT_OK)
		return r;
	if ((r = read_all(fd, buf, &len)) == CHECKPOINT_OK)
		r = pem_key(buf, len, 0, out);
	close(fd);
	return r;
}

int
checkpoint_pubkey_pem(EVP_PKEY *key, char **pem)
{
	BIO *b;
	char *p;
	long n;
	int r = CHECKPOINT_NOMEM;

	*pem = NULL;
	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return CHECKPOINT_NOMEM;
	if (PEM_write_bio_PUBKEY(b, key) == 1 &&
	    (n = BIO_get_mem_data(b, &p)) > 0 &&
	    (*pem = malloc((size_t)n + 1)) != NULL) {
		memcpy(*pem, p, (size_t)n);
		(*pem)[n] = '\0';
		r = CHECKPOINT_OK;
	}
	BIO_free(b);
	return r;
}
