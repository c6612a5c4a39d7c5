/*
 * journal.c: hashing and checking the event chain.  Trusts nothing it reads
 * back from the database: verify recomputes every hash from the stored
 * fields and compares the last one with the head kept in meta.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "journal.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

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

/* One hash with a digest context the caller may reuse. */
static int
hash_with(EVP_MD_CTX *md, const EVP_MD *sha, int64_t seq, const char *prev,
    const struct journal_event *e, char out[JOURNAL_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0, i;
	char seqs[32];

	snprintf(seqs, sizeof(seqs), "%" PRId64, seq);
	if (EVP_DigestInit_ex(md, sha, NULL) != 1 ||
	    put_field(md, "tilsyn-journal-v1") != 0 ||
	    put_field(md, prev) != 0 || put_field(md, seqs) != 0 ||
	    put_field(md, e->case_id) != 0 || put_field(md, e->time) != 0 ||
	    put_field(md, e->actor) != 0 || put_field(md, e->kind) != 0 ||
	    put_field(md, e->payload) != 0 ||
	    EVP_DigestFinal_ex(md, d, &dlen) != 1 || dlen != 32)
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

struct walk {
	struct journal_check	*chk;
	EVP_MD_CTX		*md;
	EVP_MD			*sha;	/* fetched once: a fetch per event is slow */
	char			 prev[JOURNAL_HEX];
	int64_t			 head_n;	/* events the head counts */
	int			 hash_err;
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
	return 0;
}

int
journal_verify(struct store *s, struct journal_check *chk)
{
	struct walk w;
	char head[JOURNAL_HEX];
	int64_t n;
	int r;

	memset(chk, 0, sizeof(*chk));
	memset(&w, 0, sizeof(w));
	chk->ok = 1;
	w.chk = chk;
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

struct state_walk {
	struct journal_check	*chk;
	int			 nomem;
};

static int
set_opt(json_t *o, const char *key, const char *v)
{
	if (v == NULL || *v == '\0')
		return 0;
	return json_object_set_new(o, key, json_string(v));
}

/* The first top-level key whose value differs, for the message. */
static const char *
first_diff(json_t *want, json_t *got)
{
	const char *key;
	json_t *v;

	json_object_foreach(want, key, v)
		if (!json_equal(v, json_object_get(got, key)))
			return key;
	json_object_foreach(got, key, v)
		if (json_object_get(want, key) == NULL)
			return key;
	return "?";
}

static int
state_one(const struct step_check_row *r, void *arg)
{
	struct state_walk *w = arg;
	json_t *want = NULL, *got = NULL, *data = NULL;
	int stop = 0;

	if (r->payload == NULL)
		return bad(w->chk, r->event, "step %s/%d: the event %" PRId64
		    " that recorded it is missing", r->case_id, r->n,
		    r->event);
	if (r->event_case == NULL || strcmp(r->event_case, r->case_id) != 0)
		return bad(w->chk, r->event, "step %s/%d: event %" PRId64
		    " belongs to another case", r->case_id, r->n, r->event);
	got = json_loads(r->payload, 0, NULL);
	data = json_loads(r->data != NULL ? r->data : "", 0, NULL);
	if (got == NULL || data == NULL) {
		stop = bad(w->chk, r->event, "step %s/%d: not JSON",
		    r->case_id, r->n);
		goto out;
	}
	(void)json_object_del(got, "as_of");
	want = json_pack("{s:i, s:s, s:s, s:O}", "step", r->n, "kind",
	    r->kind != NULL ? r->kind : "", "date", r->date != NULL ?
	    r->date : "", "data", data);
	if (want == NULL || set_opt(want, "measure", r->measure) != 0 ||
	    set_opt(want, "deadline", r->deadline) != 0 ||
	    set_opt(want, "report_deadline", r->report_deadline) != 0 ||
	    (r->ref > 0 && json_object_set_new(want, "ref",
	    json_integer(r->ref)) != 0)) {
		w->nomem = 1;
		stop = 1;
		goto out;
	}
	if (!json_equal(want, got))
		stop = bad(w->chk, r->event, "step %s/%d differs from event "
		    "%" PRId64 " that recorded it (%s)", r->case_id, r->n,
		    r->event, first_diff(want, got));
 out:
	json_decref(want);
	json_decref(got);
	json_decref(data);
	return stop;
}

int
journal_verify_state(struct store *s, struct journal_check *chk)
{
	struct state_walk w = { chk, 0 };
	char case_id[CASE_ID_LEN];
	int64_t seq;
	int r;

	r = store_step_check_each(s, state_one, &w);
	if (w.nomem)
		return STORE_NOMEM;
	if (r != STORE_OK && r != 1)
		return r;
	if (!chk->ok)
		return STORE_OK;
	if ((r = store_state_orphans(s, &seq, case_id, sizeof(case_id))) !=
	    STORE_OK)
		return r;
	if (seq > 0)
		(void)bad(chk, seq, "event %" PRId64 " records a step that is "
		    "not in the steps table", seq);
	else if (case_id[0] != '\0')
		(void)bad(chk, 0, "case %s: its open, closed or referred mark "
		    "differs from the journal", case_id);
	return STORE_OK;
}
