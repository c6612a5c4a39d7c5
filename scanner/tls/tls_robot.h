/*
 * tls_robot.h: the ROBOT check (Return Of Bleichenbacher's Oracle
 * Threat; Böck, Somorovsky, Young 2018; CVE-2017-13099 and the vendors'
 * CVEs): does the server answer a ClientKeyExchange whose RSA-encrypted
 * premaster secret is badly padded differently from one that is padded
 * well?  Five probes, one connection each: a ClientHello with the
 * TLS_RSA_* suites the enumeration saw accepted, the server's flight up
 * to ServerHelloDone (its certificate's RSA key), then a
 * ClientKeyExchange with one of five crafted premasters, a
 * ChangeCipherSpec and a Finished of garbage; the server's answer
 * (alerts, close, reset, silence) is compared across the five.  The
 * answers that differ are asked again once, to rule out noise.
 *
 * The answer parser (robot_answer_feed) reads hostile bytes through
 * bounded cursors and does no I/O; the RSA operations are OpenSSL's.
 */
#ifndef TILSYN_TLS_ROBOT_H
#define TILSYN_TLS_ROBOT_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/tls/tls_vuln.h"

/* The five premasters (PKCS#1 v1.5 block type 2 of the key's size). */
enum robot_oracle {
	ROBOT_CORRECT = 0,	/* 00 02 pad 00 version random */
	ROBOT_WRONG_START,	/* 41 17 pad 00 version random */
	ROBOT_ZERO_MISPLACED,	/* 00 02 pad 11 random 00 11 */
	ROBOT_NO_ZERO,		/* 00 02 pad 11 11 11 random */
	ROBOT_WRONG_VERSION,	/* 00 02 pad 00 02 02 random */
	ROBOT_ORACLES
};

/*
 * How long the server may stay silent after our Finished before that
 * silence is its answer: short, since a server that is not vulnerable
 * answers at once, and a silence costs this much per probe.
 */
#define ROBOT_SILENCE_MS	2000

#define ROBOT_MAX_RECORDS	4	/* answer records kept; then stop */
#define ROBOT_MAX_RECORD	(16384 + 2048)	/* a TLSCiphertext's cap */

/* struct robot_answer.end */
#define ROBOT_END_OPEN		0	/* still reading */
#define ROBOT_END_CLOSE		1	/* the server closed */
#define ROBOT_END_RESET		2	/* the connection was reset */
#define ROBOT_END_SILENCE	3	/* nothing for ROBOT_SILENCE_MS */
#define ROBOT_END_MORE		4	/* ROBOT_MAX_RECORDS came: enough */
#define ROBOT_END_GARBAGE	5	/* bytes that are not TLS records */

/*
 * The server's answer, as compared between oracles: its records in
 * order (an alert: level and description; any other record: its type,
 * level 0) and how it ended.  Zeroed before the first feed, so that two
 * answers compare with memcmp().
 */
struct robot_answer {
	uint8_t		 nrec;
	uint8_t		 type[ROBOT_MAX_RECORDS];
	uint8_t		 level[ROBOT_MAX_RECORDS];
	uint8_t		 desc[ROBOT_MAX_RECORDS];
	uint8_t		 end;		/* ROBOT_END_* */
};

/*
 * Feeds the server's bytes after our Finished: everything not yet
 * consumed, from a record boundary.  Whole records are added to a and
 * *consumed says how many bytes they took; a partial record is left for
 * the next call.  Sets a->end to ROBOT_END_MORE once ROBOT_MAX_RECORDS
 * records came and to ROBOT_END_GARBAGE for bytes that are no TLS record
 * (an unknown type, a length over ROBOT_MAX_RECORD); then nothing more
 * should be read.  Returns 1 while more may be read, 0 when done.
 */
int	robot_answer_feed(struct robot_answer *a, const uint8_t *in,
	    size_t len, size_t *consumed);
/*
 * The answer in words, for the evidence: "alert 20, close", "reset",
 * "silence", "record 22, alert 40, close" (at most a few dozen bytes).
 */
void	robot_answer_text(const struct robot_answer *a, char *buf,
	    size_t len);

/*
 * The encrypted premaster of oracle o for a key of klen bytes: the
 * plaintext block into block[0..klen) (klen >= ROBOT_MIN_KEY), version
 * the ClientHello's client_version.  No I/O, no secret: the bytes are
 * fixed and not random.
 */
#define ROBOT_MIN_KEY		64	/* 512 bits: 48 + 3 + 8 of padding */
int	robot_premaster(enum robot_oracle o, uint16_t version, uint8_t *block,
	    size_t klen) __attribute__((warn_unused_result));

/* The check's start function (tls_vuln.c). */
int	robot_start(const struct vuln_env *);

#endif
