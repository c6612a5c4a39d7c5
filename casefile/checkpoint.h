/*
 * checkpoint.h: signed checkpoints of the journal (tilsyn-case checkpoint,
 * verify --checkpoint).  A checkpoint says "event SEQ of the journal whose
 * first event hashes to DB-ID had hash HEAD at TIME", signed with an
 * Ed25519 key, so that it can be kept outside the case file (mail, paper,
 * another system) and the file later proven to extend it: the hash chain
 * alone cannot tell a journal cut short, its head rewritten, or one
 * re-chained from an edit, from an honest one.  The text (tilsyn-case(1),
 * CHECKPOINTS), one line each, in this order, nothing else:
 *
 *	tilsyn-checkpoint 1
 *	db-id HEX64		the hash of the journal's first event
 *	seq N			1 ... 2^63 - 1
 *	head HEX64		the hash of event N
 *	time YYYY-MM-DDTHH:MM:SSZ
 *	key-id HEX64		SHA-256 of the raw Ed25519 public key
 *	signature BASE64	Ed25519 over the six lines above, bytes as is
 *
 * The parser does no I/O and reads at most CHECKPOINT_MAX bytes.
 */
#ifndef TILSYN_CHECKPOINT_H
#define TILSYN_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#define CHECKPOINT_HEX		65	/* 64 hex digits + NUL */
#define CHECKPOINT_SIG		64	/* an Ed25519 signature */
#define CHECKPOINT_MAX		512	/* bytes of a checkpoint, with room */

#define CHECKPOINT_OK		 0
#define CHECKPOINT_FORMAT	-1	/* not a checkpoint: see why */
#define CHECKPOINT_BADSIG	-2	/* the signature does not verify */
#define CHECKPOINT_OTHERKEY	-3	/* signed by another key (key-id) */
#define CHECKPOINT_NOMEM	-4	/* or OpenSSL failed */
#define CHECKPOINT_NOKEY	-5	/* no key file (errno) */
#define CHECKPOINT_KEYLINK	-6	/* a symlink, or not a regular file */
#define CHECKPOINT_KEYMODE	-7	/* readable by group or others */
#define CHECKPOINT_KEYOWNER	-8	/* not the user's own file */
#define CHECKPOINT_KEYBAD	-9	/* not a PEM Ed25519 key */
#define CHECKPOINT_IO		-10	/* read or write failed (errno) */

struct checkpoint {
	char		 db_id[CHECKPOINT_HEX];
	int64_t		 seq;
	char		 head[CHECKPOINT_HEX];
	char		 time[21];	/* YYYY-MM-DDTHH:MM:SSZ */
	char		 key_id[CHECKPOINT_HEX];
	unsigned char	 sig[CHECKPOINT_SIG];
};

const char *checkpoint_errstr(int);

/*
 * Parses len bytes (not NUL-terminated; more than CHECKPOINT_MAX is
 * refused) into c.  CHECKPOINT_OK, or CHECKPOINT_FORMAT with why (line
 * and what is wrong) filled.
 */
int	checkpoint_parse(const char *buf, size_t len, struct checkpoint *c,
	    char *why, size_t whylen) __attribute__((warn_unused_result));

/*
 * Signs c's fields with key (an Ed25519 private key): fills c->key_id
 * and c->sig, and writes the whole text into out (NUL-terminated).
 * CHECKPOINT_OK or CHECKPOINT_NOMEM.
 */
int	checkpoint_sign(EVP_PKEY *key, struct checkpoint *c,
	    char out[CHECKPOINT_MAX]) __attribute__((warn_unused_result));

/*
 * Whether c was signed by key (public or private): CHECKPOINT_OK,
 * CHECKPOINT_OTHERKEY (key-id is another key's), CHECKPOINT_BADSIG.
 */
int	checkpoint_verify(EVP_PKEY *key, const struct checkpoint *c)
	    __attribute__((warn_unused_result));

/* SHA-256 of the raw public key, in hex.  CHECKPOINT_OK or _NOMEM. */
int	checkpoint_key_id(EVP_PKEY *key, char out[CHECKPOINT_HEX])
	    __attribute__((warn_unused_result));

/*
 * Loads the Ed25519 private key in PEM at path: never through a symlink,
 * only a regular file of the user's own that nobody else can read (mode
 * 0600 or stricter).  With create, a missing file is made (O_CREAT |
 * O_EXCL | O_NOFOLLOW, 0600) with a new key, and *created (may be NULL)
 * is set.  *out is the caller's (EVP_PKEY_free()).  CHECKPOINT_* codes;
 * with _NOKEY and _IO errno tells why.
 */
int	checkpoint_key_load(const char *path, int create, EVP_PKEY **out,
	    int *created) __attribute__((warn_unused_result));

/*
 * Loads an Ed25519 public key ("PUBLIC KEY" PEM, as checkpoint
 * --public-key prints it) from path, a regular file.
 */
int	checkpoint_pubkey_load(const char *path, EVP_PKEY **out)
	    __attribute__((warn_unused_result));

/* The public key of key as PEM, malloc'd into *pem; CHECKPOINT_*. */
int	checkpoint_pubkey_pem(EVP_PKEY *key, char **pem)
	    __attribute__((warn_unused_result));

#endif
