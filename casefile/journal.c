/*
 * journal.c: hashing, appending and checking the event chain.  Trusts
 * nothing it reads back from the database: verify recomputes every hash
 * from the stored fields and compares the last one with the head kept in
 * meta.  The payloads are opaque here.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "common/hex.h"
#include "common/numparse.h"
#include "casefile/journal.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
#define NFIELDS	8

/*
 * The decimal digits of v, written backwards from end (no NUL); returns
 * where they start.  By hand: snprintf per field dominated verify.
 */
static char *
digits(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	return end;
}

/*
 * The canonical form: "LEN:VALUE\n" for each field.  Assembled in one
 * buffer when it fits (one digest update instead of 24 made verify
 * measurably faster); otherwise hashed field by field.
 */
static int
hash_fields(EVP_MD_CTX *md, const EVP_MD *sha, const char *const f[NFIELDS],
    char out[JOURNAL_HEX])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	char buf[4096], num[24], *p;
	size_t len = 0, n, k;
	int whole = 1;

	if (EVP_DigestInit_ex(md, sha, NULL) != 1)
		return -1;
	for (k = 0; k < NFIELDS; k++) {
		const char *v = f[k] != NULL ? f[k] : "";

		n = strlen(v);
		num[sizeof(num) - 1] = ':';
		p = digits(num + sizeof(num) - 1, n);
		if (whole && len + (size_t)(num + sizeof(num) - p) + n + 1 <=
		    sizeof(buf)) {
			memcpy(buf + len, p, (size_t)(num + sizeof(num) - p));
			len += (size_t)(num + sizeof(num) - p);
			memcpy(buf + len, v, n);
			len += n;
			buf[len++] = '\n';
			continue;
		}
		/* Too long for the buffer: what is in it goes first. */
		if (whole && len > 0 && EVP_DigestUpdate(md, buf, len) != 1)
			return -1;
		whole = 0;
		if (EVP_DigestUpdate(md, p, (size_t)(num + sizeof(num) - p)) !=
		    1 || EVP_DigestUpdate(md, v, n) != 1 ||
		    EVP_DigestUpdate(md, "\n", 1) != 1)
			return -1;
	}
	if (whole && EVP_DigestUpdate(md, buf, len) != 1)
		return -1;
	if (EVP_DigestFinal_ex(md, d, &dlen) != 1 || dlen != 32)
		return -1;
	hex_encode(d, dlen, out);
	return 0;
}

static int
hash_with(EVP_MD_CTX *md, const EVP_MD *sha, int64_t seq, const char *prev,
    const struct journal_event *e, char out[JOURNAL_HEX])
{
	char seqs[24];
	const char *f[NFIELDS];

	seqs[sizeof(seqs) - 1] = '\0';
	if (seq < 0)
		snprintf(seqs, sizeof(seqs), "%" PRId64, seq);
	f[0] = "tilsyn-journal-v1";
	f[1] = prev;
	f[2] = seq < 0 ? seqs : digits(seqs + sizeof(seqs) - 1,
	    (uint64_t)seq);
	f[3] = e->case_id;
	f[4] = e->time;
	f[5] = e->actor;
	f[6] = e->kind;
	f[7] = e->payload;
	return hash_fields(md, sha, f, out);
}

int
journal_hash(int64_t seq, const char *prev, const struct journal_event *e,
    char out[JOURNAL_HEX])
{
	EVP_MD_CTX *md;
	int r = -1;

	if ((md = EVP_MD_CTX_new()) != NULL)
		r = hash_with(md, EVP_sha256(), seq, prev, e, out);
	EVP_MD_CTX_free(md);
	return r;
}

int
journal_head(struct store *s, int64_t *seq, char hash[JOURNAL_HEX])
{
	char *v = NULL;
	int r;

	*seq = 0;
	snprintf(hash, JOURNAL_HEX, "%s", GENESIS);
	if ((r = store_meta_get(s, "journal_seq", &v)) == STORE_NOTFOUND)
		return STORE_OK;
	if (r != STORE_OK)
		return r;
	if (parse_int64(v, 0, INT64_MAX, seq) != NUM_OK)
		*seq = -1;	/* tampered: verify reports it */
	free(v);
	if ((r = store_meta_get(s, "journal_head", &v)) != STORE_OK)
		return r == STORE_NOTFOUND ? STORE_OK : r;
	snprintf(hash, JOURNAL_HEX, "%s", v);
	free(v);
	return STORE_OK;
}

int
journal_append(struct store *s, const struct journal_event *e, int64_t *seq)
{
	struct event_row row;
	char prev[JOURNAL_HEX], hash[JOURNAL_HEX], seqs[32];
	int64_t n;
	int r;

	if ((r = journal_head(s, &n, prev)) != STORE_OK)
		return r;
	if (n < 0)
		return STORE_ERR;
	n++;
	if (journal_hash(n, prev, e, hash) != 0)
		return STORE_NOMEM;
	memset(&row, 0, sizeof(row));
	row.seq = n;
	row.case_id = e->case_id;
	row.time = e->time;
	row.actor = e->actor;
	row.kind = e->kind;
	row.payload = e->payload;
	row.prev = prev;
	row.hash = hash;
	snprintf(seqs, sizeof(seqs), "%" PRId64, n);
	if ((r = store_event_insert(s, &row)) != STORE_OK ||
	    (r = store_meta_set(s, "journal_seq", seqs)) != STORE_OK ||
	    (r = store_meta_set(s, "journal_head", hash)) != STORE_OK)
		return r;
	if (seq != NULL)
		*seq = n;
	return STORE_OK;
}

int
journal_broken(struct journal_check *chk, int64_t seq, const char *fmt, ...)
{
	va_list ap;

	chk->ok = 0;
	chk->bad_seq = seq;
	va_start(ap, fmt);
	vsnprintf(chk->why, sizeof(chk->why), fmt, ap);
	va_end(ap);
	return 1;	/* stop at the first broken link */
}

struct walk {
	struct journal_check	*chk;
	EVP_MD_CTX		*md;
	EVP_MD			*sha;	/* fetched once: a fetch per event is slow */
	char			 prev[JOURNAL_HEX];
	int64_t			 head_n;	/* events the head counts */
	int			 failed;	/* OpenSSL or the hook failed */
	int			(*each)(const struct event_row *, void *);
	void			*arg;
};

static int
walk_one(const union store_fields *u, void *arg)
{
	const struct event_row *row = &u->event;
	struct walk *w = arg;
	struct journal_check *chk = w->chk;
	struct journal_event e;
	char hash[JOURNAL_HEX];
	int64_t want = chk->events + 1;

	if (row->seq != want)
		return journal_broken(chk, want, "event %" PRId64 " is missing "
		    "(the next stored event is %" PRId64 ")", want, row->seq);
	if (w->head_n >= 0 && row->seq > w->head_n)
		return journal_broken(chk, want, "event %" PRId64 " is not in "
		    "the chain (the chain head says %" PRId64 " events; "
		    "inserted?)", want, w->head_n);
	if (row->prev == NULL || strcmp(row->prev, w->prev) != 0)
		return journal_broken(chk, want, "event %" PRId64 " does not "
		    "link to event %" PRId64 " (previous hash differs)", want,
		    want - 1);
	e.case_id = row->case_id;
	e.time = row->time;
	e.actor = row->actor;
	e.kind = row->kind;
	e.payload = row->payload;
	if (hash_with(w->md, w->sha, row->seq, row->prev, &e, hash) != 0)
		return w->failed = 1;
	if (row->hash == NULL || strcmp(row->hash, hash) != 0)
		return journal_broken(chk, want, "event %" PRId64 " was altered "
		    "(its hash does not match its contents)", want);
	memcpy(w->prev, hash, sizeof(w->prev));
	if (want == 1)
		memcpy(chk->first, hash, sizeof(chk->first));
	chk->events = want;
	if (w->each != NULL && w->each(row, w->arg) != 0)
		return w->failed = 1;
	return 0;
}

int
journal_walk(struct store *s, struct journal_check *chk,
    int (*each)(const struct event_row *, void *), void *arg)
{
	struct walk w;
	char head[JOURNAL_HEX];
	int64_t n;
	int r;

	memset(chk, 0, sizeof(*chk));
	memset(&w, 0, sizeof(w));
	chk->ok = 1;
	w.chk = chk;
	w.each = each;
	w.arg = arg;
	snprintf(w.prev, sizeof(w.prev), "%s", GENESIS);
	if ((r = journal_head(s, &n, head)) != STORE_OK)
		return r;
	w.head_n = n;
	if ((w.md = EVP_MD_CTX_new()) == NULL ||
	    (w.sha = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL) {
		EVP_MD_CTX_free(w.md);
		return STORE_NOMEM;
	}
	r = store_list(s, STORE_EVENTS, NULL, walk_one, &w);
	EVP_MD_free(w.sha);
	EVP_MD_CTX_free(w.md);
	if (w.failed)
		return STORE_NOMEM;
	if (r < 0)
		return r;
	snprintf(chk->head, sizeof(chk->head), "%s", w.prev);
	if (!chk->ok)
		return STORE_OK;
	if (n < 0)
		(void)journal_broken(chk, chk->events, "the chain head in meta "
		    "is not a number");
	else if (n > chk->events)
		(void)journal_broken(chk, chk->events + 1, "event %" PRId64
		    " is missing (the chain head says %" PRId64 " events, %"
		    PRId64 " are stored)", chk->events + 1, n, chk->events);
	else if (n < chk->events)
		(void)journal_broken(chk, n + 1, "event %" PRId64 " is not in "
		    "the chain (the chain head says %" PRId64 " events; "
		    "inserted?)", n + 1, n);
	else if (strcmp(head, chk->head) != 0)
		(void)journal_broken(chk, n, "event %" PRId64 " does not match "
		    "the chain head hash", n);
	return STORE_OK;
}

int
journal_verify(struct store *s, struct journal_check *chk)
{
	return journal_walk(s, chk, NULL, NULL);
}
