/*
 * journal.c: hashing and checking the event chain.  Trusts nothing it reads
 * back from the database: verify recomputes every hash from the stored
 * fields and compares the last one with the head kept in meta.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "casefile/journal.h"
#include "law/rules.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* v in decimal into buf; by hand, as snprintf per event showed in verify. */
static void
put_int(char buf[24], int64_t v)
{
	char t[24];
	size_t i = sizeof(t), j = 0;
	uint64_t u;

	if (v < 0) {
		snprintf(buf, 24, "%" PRId64, v);
		return;
	}
	u = (uint64_t)v;
	do {
		t[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	while (i < sizeof(t))
		buf[j++] = t[i++];
	buf[j] = '\0';
}

/* "LEN:VALUE\n"; the length by hand, as snprintf dominated verify. */
static int
put_field(EVP_MD_CTX *md, const char *v)
{
	char buf[24];
	size_t n, i = sizeof(buf);

	if (v == NULL)
		v = "";
	n = strlen(v);
	buf[--i] = ':';
	do {
		buf[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	n = strlen(v);
	return EVP_DigestUpdate(md, buf + i, sizeof(buf) - i) == 1 &&
	    EVP_DigestUpdate(md, v, n) == 1 &&
	    EVP_DigestUpdate(md, "\n", 1) == 1 ? 0 : -1;
}

/* Appends "LEN:VALUE\n" to buf; returns the new length, or 0 if too long. */
static size_t
put_small(char *buf, size_t len, size_t cap, const char *v)
{
	char num[24];
	size_t n, i = sizeof(num);

	size_t k;

	if (v == NULL)
		v = "";
	k = n = strlen(v);
	num[--i] = ':';
	do {
		num[--i] = (char)('0' + k % 10);
		k /= 10;
	} while (k > 0);
	if (len + (sizeof(num) - i) + n + 1 > cap)
		return 0;
	memcpy(buf + len, num + i, sizeof(num) - i);
	len += sizeof(num) - i;
	memcpy(buf + len, v, n);
	len += n;
	buf[len++] = '\n';
	return len;
}

/*
 * One hash with a digest context the caller may reuse.  The canonical
 * form is assembled in one buffer when it fits (one digest update instead
 * of 27 made verify measurably faster); otherwise field by field.
 */
static int
hash_with(EVP_MD_CTX *md, const EVP_MD *sha, int64_t seq, const char *prev,
    const struct journal_event *e, char out[JOURNAL_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0, i;
	char seqs[24], buf[4096];
	const char *f[8];
	size_t len = 0, k;

	put_int(seqs, seq);
	f[0] = "tilsyn-journal-v1";
	f[1] = prev;
	f[2] = seqs;
	f[3] = e->case_id;
	f[4] = e->time;
	f[5] = e->actor;
	f[6] = e->kind;
	f[7] = e->payload;
	if (EVP_DigestInit_ex(md, sha, NULL) != 1)
		return -1;
	for (k = 0; k < 8; k++)
		if ((len = put_small(buf, len, sizeof(buf), f[k])) == 0)
			break;
	if (k == 8) {
		if (EVP_DigestUpdate(md, buf, len) != 1)
			return -1;
	} else {
		for (k = 0; k < 8; k++)
			if (put_field(md, f[k]) != 0)
				return -1;
	}
	if (EVP_DigestFinal_ex(md, d, &dlen) != 1 || dlen != 32)
		return -1;
	for (i = 0; i < dlen; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 0xf];
	}
	out[2 * dlen] = '\0';
	return 0;
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

/* The head: number of events and hash of the last one. */
static int
head_get(struct store *s, int64_t *seq, char hash[JOURNAL_HEX])
{
	char *v = NULL, *end;
	int r;

	*seq = 0;
	snprintf(hash, JOURNAL_HEX, "%s", GENESIS);
	if ((r = store_meta_get(s, "journal_seq", &v)) == STORE_NOTFOUND)
		return STORE_OK;
	if (r != STORE_OK)
		return r;
	*seq = strtoll(v, &end, 10);
	if (*end != '\0' || *seq < 0)
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

	if ((r = head_get(s, &n, prev)) != STORE_OK)
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

struct vstate;
static int	note_event(struct vstate *, const struct event_row *);

struct walk {
	struct journal_check	*chk;
	EVP_MD_CTX		*md;
	EVP_MD			*sha;	/* fetched once: a fetch per event is slow */
	char			 prev[JOURNAL_HEX];
	int64_t			 head_n;	/* events the head counts */
	int			 hash_err;
	struct vstate		*vs;	/* NULL: the chain only */
};

static int
bad(struct journal_check *chk, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(struct journal_check *chk, int64_t seq, const char *fmt, ...)
{
	va_list ap;

	chk->ok = 0;
	chk->bad_seq = seq;
	va_start(ap, fmt);
	vsnprintf(chk->why, sizeof(chk->why), fmt, ap);
	va_end(ap);
	return 1;	/* stop at the first broken link */
}

static int
walk_one(const struct event_row *row, void *arg)
{
	struct walk *w = arg;
	struct journal_check *chk = w->chk;
	struct journal_event e;
	char hash[JOURNAL_HEX];
	int64_t want = chk->events + 1;

	if (row->seq != want)
		return bad(chk, want, "event %" PRId64 " is missing (the next "
		    "stored event is %" PRId64 ")", want, row->seq);
	if (w->head_n >= 0 && row->seq > w->head_n)
		return bad(chk, want, "event %" PRId64 " is not in the chain "
		    "(the chain head says %" PRId64 " events; inserted?)",
		    want, w->head_n);
	if (row->prev == NULL || strcmp(row->prev, w->prev) != 0)
		return bad(chk, want, "event %" PRId64 " does not link to "
		    "event %" PRId64 " (previous hash differs)", want,
		    want - 1);
	e.case_id = row->case_id;
	e.time = row->time;
	e.actor = row->actor;
	e.kind = row->kind;
	e.payload = row->payload;
	if (hash_with(w->md, w->sha, row->seq, row->prev, &e, hash) != 0) {
		w->hash_err = 1;
		return 1;
	}
	if (row->hash == NULL || strcmp(row->hash, hash) != 0)
		return bad(chk, want, "event %" PRId64 " was altered (its hash "
		    "does not match its contents)", want);
	memcpy(w->prev, hash, sizeof(w->prev));
	chk->events = want;
	if (row->case_id != NULL && row->kind != NULL &&
	    strcmp(row->kind, "case-open") != 0 &&
	    strcmp(row->kind, "case-close") != 0)
		chk->step_events++;
	if (w->vs != NULL && note_event(w->vs, row) != 0) {
		w->hash_err = 1;
		return 1;
	}
	return 0;
}

static int
verify_chain(struct store *s, struct journal_check *chk, struct vstate *vs)
{
	struct walk w;
	char head[JOURNAL_HEX];
	int64_t n;
	int r;

	memset(chk, 0, sizeof(*chk));
	memset(&w, 0, sizeof(w));
	chk->ok = 1;
	w.chk = chk;
	w.vs = vs;
	snprintf(w.prev, sizeof(w.prev), "%s", GENESIS);
	if ((r = head_get(s, &n, head)) != STORE_OK)
		return r;
	w.head_n = n;
	if ((w.md = EVP_MD_CTX_new()) == NULL ||
	    (w.sha = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL) {
		EVP_MD_CTX_free(w.md);
		return STORE_NOMEM;
	}
	r = store_event_each(s, NULL, walk_one, &w);
	EVP_MD_free(w.sha);
	EVP_MD_CTX_free(w.md);
	if (w.hash_err)
		return STORE_NOMEM;
	if (r != STORE_OK && r != 1)
		return r;
	snprintf(chk->head, sizeof(chk->head), "%s", w.prev);
	if (!chk->ok)
		return STORE_OK;
	if (n < 0)
		(void)bad(chk, chk->events, "the chain head in meta is "
		    "not a number");
	else if (n > chk->events)
		(void)bad(chk, chk->events + 1, "event %" PRId64 " is missing "
		    "(the chain head says %" PRId64 " events, %" PRId64
		    " are stored)", chk->events + 1, n, chk->events);
	else if (n < chk->events)
		(void)bad(chk, n + 1, "event %" PRId64 " is not in the chain "
		    "(the chain head says %" PRId64 " events; inserted?)",
		    n + 1, n);
	else if (strcmp(head, chk->head) != 0)
		(void)bad(chk, n, "event %" PRId64 " does not match the chain "
		    "head hash", n);
	return STORE_OK;
}

int
journal_verify(struct store *s, struct journal_check *chk)
{
	return verify_chain(s, chk, NULL);
}

/*
 * The tables the rules read (entities, cases, steps) are checked against
 * the journal in the same run: while the chain is walked, each event that
 * a row must match leaves a fingerprint (SipHash-2-4 under a key drawn for
 * this run, so nobody can aim a row at a collision); then one sequential
 * scan per table rebuilds, from each row, the payload its event must have
 * and compares fingerprints.  No join and no second read of the events.
 */
struct sip {
	uint64_t	v0, v1, v2, v3;
	uint64_t	tail;	/* bytes not yet in a full word */
	size_t		len;
};

#define ROTL(x, b)	(uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
/* One SipRound on local variables v0..v3 (a macro: kept in registers). */
#define SIPROUND() do {							\
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);	\
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);	\
} while (0)

static void
sip_init(struct sip *h, const uint64_t k[2])
{
	h->v0 = k[0] ^ 0x736f6d6570736575ULL;
	h->v1 = k[1] ^ 0x646f72616e646f6dULL;
	h->v2 = k[0] ^ 0x6c7967656e657261ULL;
	h->v3 = k[1] ^ 0x7465646279746573ULL;
	h->tail = 0;
	h->len = 0;
}

static void
sip_update(struct sip *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t v0 = h->v0, v1 = h->v1, v2 = h->v2, v3 = h->v3, m;
	size_t pos = h->len % 8;	/* bytes waiting in h->tail */

	h->len += n;
	for (; n > 0 && pos != 0; n--, b++) {
		h->tail |= (uint64_t)*b << (8 * pos);
		if (++pos == 8) {
			m = h->tail;
			v3 ^= m; SIPROUND(); SIPROUND(); v0 ^= m;
			h->tail = 0;
			pos = 0;
		}
	}
	for (; n >= 8; n -= 8, b += 8) {
		m = (uint64_t)b[0] | (uint64_t)b[1] << 8 |
		    (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
		    (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 |
		    (uint64_t)b[6] << 48 | (uint64_t)b[7] << 56;
		v3 ^= m; SIPROUND(); SIPROUND(); v0 ^= m;
	}
	for (; n > 0; n--, b++, pos++)
		h->tail |= (uint64_t)*b << (8 * pos);
	h->v0 = v0; h->v1 = v1; h->v2 = v2; h->v3 = v3;
}

static uint64_t
sip_final(struct sip *h)
{
	uint64_t v0 = h->v0, v1 = h->v1, v2 = h->v2, v3 = h->v3;
	uint64_t m = ((uint64_t)h->len << 56) | h->tail;

	v3 ^= m; SIPROUND(); SIPROUND(); v0 ^= m;
	v2 ^= 0xff;
	SIPROUND(); SIPROUND(); SIPROUND(); SIPROUND();
	return v0 ^ v1 ^ v2 ^ v3;
}

/* An event that a table row must match. */
struct rowev {
	uint64_t	fp;
	int64_t		seq;
	int		used;
};

#define EV_OTHER	0	/* init and the like: no row */
#define EV_STEP		1	/* a step event whose step is not seen yet */
#define EV_STEP_SEEN	2

/* The chain walker's side: what each event must be matched by. */
struct vstate {
	uint64_t		 key[2];
	uint64_t		*fp;		/* by seq - 1 */
	unsigned char		*flag;
	size_t			 nev, cap, capflag;
	struct rowev		*rows;		/* entity-add, case-open/-close */
	size_t			 nrows, caprows;
	int			 nomem;
};

/* What a table row says its event must be, in scan order. */
enum rf_kind { RF_STEP, RF_CASE_OPEN, RF_CASE_CLOSE, RF_ENTITY, RF_ERR };

struct rowfp {
	uint64_t	fp;
	int64_t		event;		/* RF_STEP: the event it names */
	int		n;		/* RF_STEP: the step number */
	enum rf_kind	kind;
	char		id[CASE_ID_LEN];	/* case number or CVR */
};

struct referral {
	char		case_id[CASE_ID_LEN];
	int64_t		max_fine;	/* -1 for none */
};

/* An evidence file as its step's data (and so the journal) records it. */
struct evexp {
	char		 case_id[CASE_ID_LEN];
	int		 step;
	int64_t		 size;
	char		 sha256[65];
	char		*name;
};

/* An open deadline as the steps say: `due` must list exactly these. */
struct want {
	char		 case_id[CASE_ID_LEN];
	int		 n;
	int		 closed;	/* its case is closed: not listed */
};

/*
 * The table scanner's side (its own connection and thread): fingerprints
 * of the rows, and the first row that is wrong in itself.
 */
struct tstate {
	struct store		*st;
	const uint64_t		*key;
	struct rowfp		*v;
	size_t			 n, cap;
	struct referral		*refs;
	size_t			 nrefs, caprefs, ref_at;
	char			*buf;		/* a rebuilt step payload */
	size_t			 len, bufcap;
	struct evexp		*ev;		/* evidence the steps record */
	size_t			 nev, capev, ev_at;
	struct want		*want;		/* deadlines the steps leave open */
	size_t			 nwant, capwant, want_at;
	char			 cur[CASE_ID_LEN];	/* case being scanned */
	int			*cur_dl, *cur_set;	/* its steps */
	size_t			 ndl, capdl, nset, capset;
	int64_t			 err_seq;
	char			 err[256];
	int			 r;		/* STORE_* of the scan */
	int			 nomem;
};

#define VS_MAX	((size_t)1 << 40)	/* a sanity cap on any one buffer */

static int
grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 1024;
	void *q;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if (c > VS_MAX / size || (q = realloc(*p, c * size)) == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

/*
 * The fingerprint of a record: kind, case and payload; the payload in up
 * to two pieces (an event's payload around the part a row never holds).
 */
static uint64_t
fingerprint(const uint64_t key[2], const char *kind, const char *case_id,
    const char *p1, size_t n1, const char *p2, size_t n2)
{
	struct sip h;

	sip_init(&h, key);
	sip_update(&h, kind, strlen(kind) + 1);
	if (case_id != NULL)
		sip_update(&h, case_id, strlen(case_id) + 1);
	else
		sip_update(&h, "\1", 1);
	sip_update(&h, p1, n1);
	sip_update(&h, p2, n2);
	return sip_final(&h);
}

/*
 * An event's fingerprint without the moved "today" of --now: the member
 * "as_of":"TIME" that append_event() in main.c adds beside the data.  A
 * quote inside a JSON string is escaped, so '{"as_of":"' or ',"as_of":"'
 * is a member, never text.
 */
static uint64_t
event_fingerprint(const uint64_t key[2], const char *kind,
    const char *case_id, const char *payload)
{
	size_t n = strlen(payload);
	const char *p, *q;

	/*
	 * Keys are sorted, so "as_of" comes first, except after the
	 * "address" of an entity-add.
	 */
	if (strncmp(payload, "{\"as_of\":\"", 10) == 0)
		p = payload + 1;
	else if (strcmp(kind, "entity-add") == 0)
		p = strstr(payload, "\"as_of\":\"");
	else
		p = NULL;
	if (p != NULL && p > payload &&
	    (p[-1] == '{' || p[-1] == ',') &&
	    (q = strchr(p + 9, '"')) != NULL) {
		if (q[1] == ',')	/* {"as_of":"T",... or ,"as_of":"T",... */
			return fingerprint(key, kind, case_id, payload,
			    (size_t)(p - payload), q + 2,
			    n - (size_t)(q + 2 - payload));
		if (p[-1] == ',')	/* ...,"as_of":"T"} */
			return fingerprint(key, kind, case_id, payload,
			    (size_t)(p - 1 - payload), q + 1,
			    n - (size_t)(q + 1 - payload));
	}
	return fingerprint(key, kind, case_id, payload, n, "", 0);
}

static int
note_event(struct vstate *vs, const struct event_row *e)
{
	const char *kind = e->kind != NULL ? e->kind : "";
	const char *payload = e->payload != NULL ? e->payload : "";
	size_t i = (size_t)(e->seq - 1);
	int row = strcmp(kind, "entity-add") == 0 ||
	    (e->case_id != NULL && (strcmp(kind, "case-open") == 0 ||
	    strcmp(kind, "case-close") == 0));

	/* The chain walk hands events in order 1, 2, ... */
	if (grow((void **)&vs->fp, &vs->cap, i + 1, sizeof(*vs->fp)) != 0 ||
	    grow((void **)&vs->flag, &vs->capflag, i + 1, 1) != 0)
		return vs->nomem = 1;
	vs->fp[i] = event_fingerprint(vs->key, kind, e->case_id, payload);
	vs->flag[i] = EV_OTHER;
	vs->nev = i + 1;
	if (row) {
		if (grow((void **)&vs->rows, &vs->caprows, vs->nrows + 1,
		    sizeof(*vs->rows)) != 0)
			return vs->nomem = 1;
		vs->rows[vs->nrows].fp = vs->fp[i];
		vs->rows[vs->nrows].seq = e->seq;
		vs->rows[vs->nrows].used = 0;
		vs->nrows++;
	} else if (e->case_id != NULL)
		vs->flag[i] = EV_STEP;
	return 0;
}

static int
rowev_cmp(const void *pa, const void *pb)
{
	const struct rowev *a = pa, *b = pb;

	if (a->fp != b->fp)
		return a->fp < b->fp ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Marks the first unused row event with this fingerprint; 0 if found. */
static int
take_row(struct vstate *vs, uint64_t fp)
{
	size_t lo = 0, hi = vs->nrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (vs->rows[mid].fp < fp)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < vs->nrows && vs->rows[lo].fp == fp; lo++)
		if (!vs->rows[lo].used) {
			vs->rows[lo].used = 1;
			return 0;
		}
	return -1;
}

static int
terr(struct tstate *t, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The first row that is wrong in itself: recorded, and the scan stops. */
static int
terr(struct tstate *t, int64_t seq, const char *fmt, ...)
{
	va_list ap;

	if (grow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v)) != 0)
		return t->nomem = 1;
	memset(&t->v[t->n], 0, sizeof(t->v[t->n]));
	t->v[t->n++].kind = RF_ERR;
	t->err_seq = seq;
	va_start(ap, fmt);
	vsnprintf(t->err, sizeof(t->err), fmt, ap);
	va_end(ap);
	return 1;
}

static int
tpush(struct tstate *t, enum rf_kind k, uint64_t fp, const char *id,
    int64_t event, int n)
{
	struct rowfp *f;

	if (grow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v)) != 0)
		return t->nomem = 1;
	f = &t->v[t->n++];
	f->fp = fp;
	f->event = event;
	f->n = n;
	f->kind = k;
	snprintf(f->id, sizeof(f->id), "%s", id);
	return 0;
}

static void
t_add(struct tstate *t, const char *v, size_t n)
{
	if (t->nomem)
		return;
	if (grow((void **)&t->buf, &t->bufcap, t->len + n + 1, 1) != 0) {
		t->nomem = 1;
		return;
	}
	memcpy(t->buf + t->len, v, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static void
t_str(struct tstate *t, const char *v)
{
	t_add(t, v, strlen(v));
}

/* Fields other than data are plain (dates, slugs): no JSON can hide there. */
static int
plain(const char *v)
{
	if (v == NULL)
		return 1;
	for (; *v != '\0'; v++)
		if (!((*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') ||
		    *v == '-' || *v == ':'))
			return 0;
	return 1;
}

static void
t_member(struct tstate *t, const char *key, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	t_str(t, ",\"");
	t_str(t, key);
	t_str(t, "\":\"");
	t_str(t, v);
	t_str(t, "\"");
}

/* The maximum fine a referral step recorded: -1 for none, -2 unreadable. */
static int64_t
referral_fine(const char *data)
{
	json_t *j, *v;
	int64_t fine = -1;

	if ((j = json_loads(data, 0, NULL)) == NULL)
		return -2;
	if ((v = json_object_get(j, "max_fine_eur")) != NULL &&
	    json_is_integer(v))
		fine = json_integer_value(v);
	json_decref(j);
	return fine;
}

/*
 * The deadlines of the case just scanned that no later step settles, as
 * the triggers of store.c keep them in open_deadlines (and as
 * rules_open_deadlines() sees them).
 */
static int
flush_deadlines(struct tstate *t)
{
	size_t i, j;

	for (i = 0; i < t->ndl; i++) {
		for (j = 0; j < t->nset; j++)
			if (t->cur_set[j] == t->cur_dl[i])
				break;
		if (j < t->nset)
			continue;
		if (grow((void **)&t->want, &t->capwant, t->nwant + 1,
		    sizeof(*t->want)) != 0)
			return t->nomem = 1;
		snprintf(t->want[t->nwant].case_id, CASE_ID_LEN, "%s", t->cur);
		t->want[t->nwant].n = t->cur_dl[i];
		t->want[t->nwant++].closed = 0;
	}
	t->ndl = t->nset = 0;
	return 0;
}

static int
note_deadline(struct tstate *t, const struct step_scan_row *r)
{
	int opens, settles;

	if (strcmp(t->cur, r->case_id) != 0) {
		if (flush_deadlines(t) != 0)
			return 1;
		snprintf(t->cur, sizeof(t->cur), "%s", r->case_id);
	}
	opens = (strcmp(r->kind, "request") == 0 ||
	    strcmp(r->kind, "hearing") == 0 ||
	    strcmp(r->kind, "decision") == 0) &&
	    ((r->deadline != NULL && *r->deadline != '\0') ||
	    (r->report_deadline != NULL && *r->report_deadline != '\0'));
	settles = r->ref > 0 && (strcmp(r->kind, "response") == 0 ||
	    strcmp(r->kind, "compliance") == 0 ||
	    strcmp(r->kind, "breach") == 0 ||
	    strcmp(r->kind, "decision") == 0);
	if (opens) {
		if (grow((void **)&t->cur_dl, &t->capdl, t->ndl + 1,
		    sizeof(int)) != 0)
			return t->nomem = 1;
		t->cur_dl[t->ndl++] = r->n;
	}
	if (settles) {
		if (grow((void **)&t->cur_set, &t->capset, t->nset + 1,
		    sizeof(int)) != 0)
			return t->nomem = 1;
		t->cur_set[t->nset++] = r->ref;
	}
	return 0;
}

/* open_deadlines against the deadlines the steps leave open. */
static int
deadline_one(const char *case_id, int n, void *arg)
{
	struct tstate *t = arg;
	const struct want *w;
	int c;

	while (t->want_at < t->nwant && t->want[t->want_at].closed)
		t->want_at++;
	if (case_id == NULL)
		return terr(t, 0, "the list of open deadlines has a malformed "
		    "row");
	w = t->want_at < t->nwant ? &t->want[t->want_at] : NULL;
	c = w == NULL ? 1 : strcmp(w->case_id, case_id);
	if (c == 0 && w->n == n) {
		t->want_at++;
		return 0;
	}
	if (w != NULL && (c < 0 || (c == 0 && w->n < n)))
		return terr(t, 0, "step %s/%d: its open deadline is missing "
		    "from the list that due reads", w->case_id, w->n);
	return terr(t, 0, "step %s/%d: the list that due reads holds it, "
	    "but it has no open deadline", case_id, n);
}

/* Notes the evidence list of a step's data, for the evidence scan. */
static int
note_evidence(struct tstate *t, const struct step_scan_row *r)
{
	json_t *j, *a, *v, *name, *size, *sha;
	struct evexp *x;
	size_t i;
	int rc = 0;

	if ((j = json_loads(r->data, 0, NULL)) == NULL)
		return terr(t, r->event, "step %s/%d differs from event "
		    "%" PRId64 " that recorded it (malformed row)", r->case_id,
		    r->n, r->event);
	a = json_object_get(j, "evidence");
	json_array_foreach(a, i, v) {
		name = json_object_get(v, "name");
		size = json_object_get(v, "size");
		sha = json_object_get(v, "sha256");
		if (!json_is_string(name) || !json_is_integer(size) ||
		    !json_is_string(sha)) {
			rc = terr(t, r->event, "step %s/%d: its evidence "
			    "record is malformed", r->case_id, r->n);
			break;
		}
		if (grow((void **)&t->ev, &t->capev, t->nev + 1,
		    sizeof(*t->ev)) != 0) {
			rc = t->nomem = 1;
			break;
		}
		x = &t->ev[t->nev];
		if ((x->name = strdup(json_string_value(name))) == NULL) {
			rc = t->nomem = 1;
			break;
		}
		t->nev++;
		snprintf(x->case_id, sizeof(x->case_id), "%s", r->case_id);
		x->step = r->n;
		x->size = json_integer_value(size);
		snprintf(x->sha256, sizeof(x->sha256), "%s",
		    json_string_value(sha));
	}
	json_decref(j);
	return rc;
}

/*
 * An evidence row against what its step recorded: the same file in the
 * same place, and content whose SHA-256 and size are the recorded ones.
 */
static int
evidence_one(const struct evidence_scan_row *e, void *arg)
{
	static const char hex[] = "0123456789abcdef";
	struct tstate *t = arg;
	const struct evexp *x;
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dl = 0, i;
	char sha[65];

	if (e->case_id == NULL || e->name == NULL || e->sha256 == NULL)
		return terr(t, 0, "evidence of case %s: a row is malformed",
		    e->case_id != NULL ? e->case_id : "?");
	if (t->ev_at >= t->nev)
		return terr(t, 0, "evidence %s/%" PRId64 " '%s' is not "
		    "recorded in the journal", e->case_id, e->step, e->name);
	x = &t->ev[t->ev_at++];
	if (strcmp(x->case_id, e->case_id) != 0 || x->step != e->step ||
	    strcmp(x->name, e->name) != 0 || x->size != e->size ||
	    strcmp(x->sha256, e->sha256) != 0)
		return terr(t, 0, "evidence %s/%d '%s': the evidence table "
		    "differs from the journal", x->case_id, x->step, x->name);
	if (EVP_Digest(e->len > 0 ? e->content : "", e->len, d, &dl,
	    EVP_sha256(), NULL) != 1 || dl != 32)
		return t->nomem = 1;
	for (i = 0; i < dl; i++) {
		sha[2 * i] = hex[d[i] >> 4];
		sha[2 * i + 1] = hex[d[i] & 0xf];
	}
	sha[64] = '\0';
	if ((int64_t)e->len != x->size || strcmp(sha, x->sha256) != 0)
		return terr(t, 0, "evidence %s/%d '%s': its content does not "
		    "match the SHA-256 the journal recorded", x->case_id,
		    x->step, x->name);
	return 0;
}

/*
 * A step row, rebuilt into the payload of the event that recorded it.
 * add_step() in main.c dumps that payload with JSON_COMPACT |
 * JSON_SORT_KEYS, so it is known byte for byte.
 */
static int
step_one(const struct step_scan_row *r, void *arg)
{
	struct tstate *t = arg;
	char num[24];

	if (r->case_id == NULL || strlen(r->case_id) >= CASE_ID_LEN ||
	    r->kind == NULL || !plain(r->kind) || !plain(r->measure) ||
	    !plain(r->date) || !plain(r->deadline) ||
	    !plain(r->report_deadline) || r->data == NULL ||
	    r->data[0] != '{')
		return terr(t, r->event, "step %s/%d differs from event "
		    "%" PRId64 " that recorded it (malformed row)",
		    r->case_id != NULL ? r->case_id : "?", r->n, r->event);
	t->len = 0;
	t_str(t, "{\"data\":");
	t_str(t, r->data);
	t_member(t, "date", r->date);
	t_member(t, "deadline", r->deadline);
	t_member(t, "kind", r->kind);
	t_member(t, "measure", r->measure);
	if (r->ref > 0) {
		put_int(num, r->ref);
		t_str(t, ",\"ref\":");
		t_str(t, num);
	}
	t_member(t, "report_deadline", r->report_deadline);
	put_int(num, r->n);
	t_str(t, ",\"step\":");
	t_str(t, num);
	t_str(t, "}");
	if (t->nomem)
		return 1;
	if (tpush(t, RF_STEP, fingerprint(t->key, r->kind, r->case_id,
	    t->buf, t->len, "", 0), r->case_id, r->event, r->n) != 0)
		return 1;
	if (note_deadline(t, r) != 0)
		return 1;
	if (strstr(r->data, "\"evidence\":") != NULL &&
	    note_evidence(t, r) != 0)
		return 1;
	if (strcmp(r->kind, "referral") == 0) {
		struct referral *f;

		if (grow((void **)&t->refs, &t->caprefs, t->nrefs + 1,
		    sizeof(*t->refs)) != 0)
			return t->nomem = 1;
		f = &t->refs[t->nrefs++];
		snprintf(f->case_id, sizeof(f->case_id), "%s", r->case_id);
		f->max_fine = referral_fine(r->data);
	}
	return 0;
}

static int
case_mark_bad(struct tstate *t, const char *id)
{
	return terr(t, 0, "case %s: its open, closed or referred mark "
	    "differs from the journal", id);
}

/* Pushes the fingerprint of j (taken over) as a row of kind k. */
static int
tpush_json(struct tstate *t, enum rf_kind k, const char *kind,
    const char *case_id, json_t *j)
{
	char *p;
	int r;

	if (j == NULL || (p = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS)) ==
	    NULL) {
		json_decref(j);
		return t->nomem = 1;
	}
	json_decref(j);
	r = tpush(t, k, fingerprint(t->key, kind, case_id, p, strlen(p), "",
	    0), case_id, 0, 0);
	free(p);
	return r;
}

static int
case_one(const struct case_scan_row *c, void *arg)
{
	struct tstate *t = arg;
	const struct referral *f = NULL;
	char id[CASE_ID_LEN];
	json_t *j;

	if (c->id == NULL || strlen(c->id) >= CASE_ID_LEN || c->cvr == NULL ||
	    c->basis == NULL || c->subject == NULL || c->opened == NULL)
		return terr(t, 0, "case %s: its row is malformed",
		    c->id != NULL ? c->id : "?");
	snprintf(id, sizeof(id), "NIS-%04" PRId64 "-%04" PRId64, c->year,
	    c->seq);
	if (strcmp(id, c->id) != 0 || c->entity_class == NULL)
		return terr(t, 0, "case %s: its row differs from the "
		    "case-open event in the journal", c->id);
	/* As case_open() in main.c writes it. */
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "case", c->id, "cvr",
	    c->cvr, "basis", c->basis, "subject", c->subject, "opened",
	    c->opened, "supervision", basis_text(rules_supervision_basis(
	    strcmp(c->entity_class, class_name(CLASS_ESSENTIAL)) == 0 ?
	    CLASS_ESSENTIAL : CLASS_IMPORTANT)));
	if (j != NULL && c->indication != NULL &&
	    json_object_set_new(j, "indication", json_string(c->indication)))
		t->nomem = 1;
	if (tpush_json(t, RF_CASE_OPEN, "case-open", c->id, j) != 0)
		return 1;
	if (c->closed != NULL) {
		/* As case_close() writes it. */
		j = json_pack("{s:s, s:s*}", "closed", c->closed, "reason",
		    c->close_reason);
		if (tpush_json(t, RF_CASE_CLOSE, "case-close", c->id, j) != 0)
			return 1;
	} else if (c->close_reason != NULL)
		return case_mark_bad(t, c->id);
	/* The lists are sorted by case number, as the cases are scanned. */
	while (t->want_at < t->nwant &&
	    strcmp(t->want[t->want_at].case_id, c->id) < 0)
		t->want_at++;
	for (; t->want_at < t->nwant &&
	    strcmp(t->want[t->want_at].case_id, c->id) == 0; t->want_at++)
		t->want[t->want_at].closed = c->closed != NULL;
	while (t->ref_at < t->nrefs &&
	    strcmp(t->refs[t->ref_at].case_id, c->id) < 0)
		t->ref_at++;
	if (t->ref_at < t->nrefs &&
	    strcmp(t->refs[t->ref_at].case_id, c->id) == 0)
		f = &t->refs[t->ref_at];
	if ((c->criminal != 0) != (f != NULL) ||
	    (f != NULL && f->max_fine != c->max_fine) ||
	    (f == NULL && c->max_fine != -1))
		return case_mark_bad(t, c->id);
	return 0;
}

static int
entity_one(const struct entity_scan_row *e, void *arg)
{
	struct tstate *t = arg;
	json_t *j, *v, *a;
	int64_t turnover = -1;
	bool sector_pa = false, state_body = false, region = false;
	int bad_cols, pa;
	size_t i;

	if (e->cvr == NULL || strlen(e->cvr) >= CASE_ID_LEN ||
	    e->name == NULL || e->cls == NULL || e->data == NULL ||
	    (j = json_loads(e->data, 0, NULL)) == NULL)
		return terr(t, 0, "entity %s: its row is malformed",
		    e->cvr != NULL ? e->cvr : "?");
	/* The columns the rules read say what the registered data says. */
	if ((v = json_object_get(j, "turnover_eur")) != NULL)
		turnover = json_is_integer(v) ? json_integer_value(v) : -2;
	a = json_object_get(j, "sectors");
	json_array_foreach(a, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v),
		    sector_slug(SECTOR_PUBLIC_ADMIN)) == 0)
			sector_pa = true;
	a = json_object_get(j, "flags");
	json_array_foreach(a, i, v) {
		if (json_is_string(v) && strcmp(json_string_value(v),
		    "state-body") == 0)
			state_body = true;
		if (json_is_string(v) && strcmp(json_string_value(v),
		    "region") == 0)
			region = true;
	}
	pa = rules_public_admin(sector_pa, state_body, region);
	bad_cols = !json_is_string(json_object_get(j, "cvr")) ||
	    strcmp(json_string_value(json_object_get(j, "cvr")), e->cvr) != 0 ||
	    !json_is_string(json_object_get(j, "name")) ||
	    strcmp(json_string_value(json_object_get(j, "name")), e->name) !=
	    0 || !json_is_string(json_object_get(j, "class")) ||
	    strcmp(json_string_value(json_object_get(j, "class")), e->cls) !=
	    0 || turnover != e->turnover || pa != (e->public_admin != 0);
	json_decref(j);
	if (bad_cols)
		return terr(t, 0, "entity %s: its row differs from the "
		    "entity-add event in the journal", e->cvr);
	return tpush(t, RF_ENTITY, fingerprint(t->key, "entity-add", NULL,
	    e->data, strlen(e->data), "", 0), e->cvr, 0, 0);
}

/* The table scans; runs beside the chain walk. */
static void *
scan_tables(void *arg)
{
	struct tstate *t = arg;
	int r;

	if ((r = store_tune_scan(t->st)) != STORE_OK ||
	    (r = store_begin_read(t->st)) != STORE_OK)
		goto out;
	/* Entities before cases: a case row is rebuilt from its entity. */
	if ((r = store_step_scan(t->st, step_one, t)) != STORE_OK ||
	    (r = flush_deadlines(t)) != 0 ||
	    (r = store_entity_scan(t->st, entity_one, t)) != STORE_OK ||
	    (r = store_case_scan(t->st, case_one, t)) != STORE_OK)
		goto done;
	if ((r = store_evidence_scan(t->st, evidence_one, t)) != STORE_OK)
		goto done;
	if (t->ev_at < t->nev) {
		r = terr(t, 0, "evidence %s/%d '%s' is missing from the "
		    "evidence table", t->ev[t->ev_at].case_id,
		    t->ev[t->ev_at].step, t->ev[t->ev_at].name);
		goto done;
	}
	t->want_at = 0;
	if ((r = store_open_deadline_scan(t->st, deadline_one, t)) !=
	    STORE_OK)
		goto done;
	while (t->want_at < t->nwant && t->want[t->want_at].closed)
		t->want_at++;
	if (t->want_at < t->nwant)
		r = terr(t, 0, "step %s/%d: its open deadline is missing "
		    "from the list that due reads",
		    t->want[t->want_at].case_id, t->want[t->want_at].n);
 done:
	store_rollback(t->st);
 out:
	t->r = t->nomem ? STORE_NOMEM : r == 1 ? STORE_OK : r;
	return NULL;
}

/* Matches the rows against the events; fills chk at the first mismatch. */
static void
match(struct vstate *vs, const struct tstate *t, struct journal_check *chk)
{
	const struct rowfp *f;
	int64_t seq = 0;
	size_t i, k, j;
	int orphans_done = 0;

	if (vs->nrows > 0)
		qsort(vs->rows, vs->nrows, sizeof(*vs->rows), rowev_cmp);
	for (i = 0; i <= t->n; i++) {
		f = i < t->n ? &t->v[i] : NULL;
		if (!orphans_done && (f == NULL || f->kind != RF_STEP)) {
			/* Each step event has its step. */
			orphans_done = 1;
			for (k = 0; k < vs->nev; k++)
				if (vs->flag[k] == EV_STEP) {
					(void)bad(chk, (int64_t)k + 1, "event "
					    "%zu records a step that is not in "
					    "the steps table", k + 1);
					return;
				}
		}
		if (f == NULL)
			break;
		switch (f->kind) {
		case RF_STEP:
			if (f->event < 1 || (size_t)f->event > vs->nev ||
			    vs->flag[f->event - 1] == EV_OTHER) {
				(void)bad(chk, f->event, "step %s/%d: the "
				    "event %" PRId64 " that recorded it is "
				    "missing", f->id, f->n, f->event);
				return;
			}
			j = (size_t)f->event - 1;
			if (vs->flag[j] == EV_STEP_SEEN || vs->fp[j] != f->fp) {
				(void)bad(chk, f->event, "step %s/%d differs "
				    "from event %" PRId64 " that recorded it",
				    f->id, f->n, f->event);
				return;
			}
			vs->flag[j] = EV_STEP_SEEN;
			break;
		case RF_CASE_OPEN:
			if (take_row(vs, f->fp) != 0) {
				(void)bad(chk, 0, "case %s: its row differs "
				    "from the case-open event in the journal",
				    f->id);
				return;
			}
			break;
		case RF_CASE_CLOSE:
			if (take_row(vs, f->fp) != 0) {
				(void)bad(chk, 0, "case %s: its open, closed "
				    "or referred mark differs from the journal",
				    f->id);
				return;
			}
			break;
		case RF_ENTITY:
			if (take_row(vs, f->fp) != 0) {
				(void)bad(chk, 0, "entity %s: its row differs "
				    "from the entity-add event in the journal",
				    f->id);
				return;
			}
			break;
		case RF_ERR:
			(void)bad(chk, t->err_seq, "%s", t->err);
			return;
		}
	}
	for (i = 0; i < vs->nrows; i++)
		if (!vs->rows[i].used && (seq == 0 || vs->rows[i].seq < seq))
			seq = vs->rows[i].seq;
	if (seq > 0)
		(void)bad(chk, seq, "event %" PRId64 " records an entity or a "
		    "case that the tables do not hold", seq);
}

int
journal_verify_all(struct store *s, struct journal_check *chk)
{
	struct vstate vs;
	struct tstate t;
	pthread_t th;
	size_t i;
	int r, started = 0;

	memset(&vs, 0, sizeof(vs));
	memset(&t, 0, sizeof(t));
	if (getentropy(vs.key, sizeof(vs.key)) != 0)
		return STORE_ERR;
	t.key = vs.key;
	/*
	 * Two cores: the tables are scanned on a second connection while
	 * this one walks the chain.  The caller holds the write lock
	 * (store_begin()), so both read the same state.
	 */
	if ((r = store_tune_scan(s)) != STORE_OK ||
	    (r = store_open_reader(s, &t.st)) != STORE_OK)
		goto out;
	if (store_threadsafe()) {
		if (pthread_create(&th, NULL, scan_tables, &t) != 0) {
			r = STORE_NOMEM;
			goto out;
		}
		started = 1;
		r = verify_chain(s, chk, &vs);
		pthread_join(th, NULL);
		started = 0;
	} else {
		/* An SQLite built without threads: one after the other. */
		r = verify_chain(s, chk, &vs);
		(void)scan_tables(&t);
	}
	if (r != STORE_OK)
		goto out;
	if (vs.nomem) {
		r = STORE_NOMEM;
		goto out;
	}
	if (!chk->ok)
		goto out;
	if ((r = t.r) != STORE_OK) {
		/* the scanner's message, for store_errmsg() on s */
		store_copy_error(s, t.st);
		goto out;
	}
	match(&vs, &t, chk);
	r = STORE_OK;
 out:
	if (started)
		pthread_join(th, NULL);
	store_close(&t.st);
	free(vs.fp);
	free(vs.flag);
	free(vs.rows);
	free(t.v);
	free(t.refs);
	free(t.buf);
	for (i = 0; i < t.nev; i++)
		free(t.ev[i].name);
	free(t.ev);
	free(t.want);
	free(t.cur_dl);
	free(t.cur_set);
	return r;
}
