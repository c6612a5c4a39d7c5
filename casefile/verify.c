/*
 * verify.c: the tables the rules read (entities, cases, steps, evidence,
 * open deadlines) and the document journal (letters issued, files
 * received) checked against the journal in the same run as the chain.
 * While journal.c walks the chain, each event that a row must match
 * leaves a fingerprint (SipHash-2-4 from OpenSSL, under a key drawn
 * for this run, so nobody can aim a row at a collision); meanwhile a
 * second thread scans each table once in key order and rebuilds, from
 * each row, the payload its event must have, through case.c's own
 * definitions.  Then the fingerprints are matched: no join and no second
 * read of the events.  The chain walk also notes the hash of each event
 * a checkpoint names, so the journal is checked against them in the same
 * read; last, the schema's triggers.  Both connections only read, at one
 * journal head: no write lock.  Trusts nothing it reads; trusts case.c
 * for what a payload is and law/rules for which deadlines are open.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "law/rules.h"
#include "casefile/case.h"
#include "casefile/evidence.h"
#include "casefile/scans.h"
#include "casefile/verify.h"

#define VS_MAX	((size_t)1 << 40)	/* a sanity cap on any one buffer */

/* A keyed 64-bit SipHash context; the first failure sticks. */
struct fp {
	EVP_MAC_CTX	*ctx;
	int		 err;
};

/*
 * The fingerprint of a record: kind, case, actor (of a step: the row
 * keeps who recorded it, as the event does; NULL for other records) and
 * payload; the payload in up to two pieces (an event's payload around the
 * part a row never holds).  Each call starts afresh from the key
 * (EVP_MAC_init without a key).
 */
static uint64_t
fingerprint(struct fp *h, const char *kind, const char *case_id,
    const char *actor, const char *p1, size_t n1, const char *p2, size_t n2)
{
	unsigned char head[128], out[8];
	const unsigned char *k = (const unsigned char *)kind;
	size_t nk = strlen(kind) + 1, nc, len = 0, i;
	uint64_t v = 0;

	/* kind and case, NUL-terminated ("\1" for none), in one update */
	if (case_id == NULL)
		case_id = "\1";
	nc = strlen(case_id) + (case_id[0] == '\1' ? 0 : 1);
	if (nk + nc <= sizeof(head)) {
		memcpy(head, kind, nk);
		memcpy(head + nk, case_id, nc);
		k = head;
		nk += nc;
		nc = 0;
	}
	if (h->err || EVP_MAC_init(h->ctx, NULL, 0, NULL) != 1 ||
	    EVP_MAC_update(h->ctx, k, nk) != 1 ||
	    (nc > 0 && EVP_MAC_update(h->ctx, (const unsigned char *)case_id,
	    nc) != 1) ||
	    (actor != NULL && EVP_MAC_update(h->ctx,
	    (const unsigned char *)actor, strlen(actor) + 1) != 1) ||
	    EVP_MAC_update(h->ctx, (const unsigned char *)p1, n1) != 1 ||
	    (n2 > 0 && EVP_MAC_update(h->ctx, (const unsigned char *)p2,
	    n2) != 1) ||
	    EVP_MAC_final(h->ctx, out, &len, sizeof(out)) != 1 ||
	    len != sizeof(out)) {
		h->err = 1;
		return 0;
	}
	for (i = 0; i < sizeof(out); i++)
		v |= (uint64_t)out[i] << (8 * i);
	return v;
}

/*
 * Two contexts (one per thread) of OpenSSL's SipHash-2-4 with 64-bit
 * output, keyed from the system's entropy; the key is wiped at once.
 */
static int
fp_keys(struct fp *a, struct fp *b)
{
	unsigned char key[16];
	size_t size = 8;
	OSSL_PARAM params[2];
	EVP_MAC *mac;
	int r = STORE_NOMEM;

	params[0] = OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size);
	params[1] = OSSL_PARAM_construct_end();
	if (getentropy(key, sizeof(key)) != 0)
		return STORE_ERR;
	if ((mac = EVP_MAC_fetch(NULL, "SIPHASH", NULL)) != NULL &&
	    (a->ctx = EVP_MAC_CTX_new(mac)) != NULL &&
	    EVP_MAC_init(a->ctx, key, sizeof(key), params) == 1 &&
	    (b->ctx = EVP_MAC_CTX_dup(a->ctx)) != NULL)
		r = STORE_OK;
	OPENSSL_cleanse(key, sizeof(key));
	EVP_MAC_free(mac);	/* the contexts hold their own reference */
	return r;
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
#define EV_DOC		3	/* a document event, its row not seen yet */
#define EV_DOC_SEEN	4

/* A case-close event, until a case-reopen of its case supersedes it. */
struct closeev {
	char		case_id[CASE_ID_LEN];
	size_t		row;		/* in vstate's rows */
	int		live;
};

/* The chain walker's side: what each event must be matched by. */
struct vstate {
	struct fp		 h;
	uint64_t		*fp;		/* by seq - 1 */
	unsigned char		*flag;
	size_t			 nev, cap, capflag;
	struct rowev		*rows;		/* entity-add, case-open/-close */
	size_t			 nrows, caprows;
	/*
	 * The register as the journal has it: CVR -> {"rec": the
	 * registration, rebuilt from its entity-add and each entity-update
	 * in order (register.c), "seq": the last of them}; and the first
	 * entity event that does not fit it.
	 */
	json_t			*ents;
	int64_t			 ent_bad;
	char			 ent_why[160];
	struct closeev		*closes;	/* case-close events */
	size_t			 nclose, capclose;
	int64_t			 bad_reopen;	/* a reopen of an open case */
	struct verify_anchor	*anchor;	/* checkpoints to meet */
	size_t			 nanchor;
	int64_t			 anchor_max;	/* the last seq they name */
};

/* What a table row says its event must be, in scan order. */
enum rf_kind { RF_STEP, RF_CASE_OPEN, RF_CASE_CLOSE, RF_ENTITY, RF_SCAN,
	RF_DOC, RF_ERR };

/* What a case or entity row that differs from its event is said to do. */
static const char *const differs[] = {
	[RF_CASE_OPEN] = "its row differs from the case-open event in the "
	    "journal",
	[RF_CASE_CLOSE] = "its open, closed or referred mark differs from "
	    "the journal",
	[RF_ENTITY] = "its row differs from its registration in the journal "
	    "(its entity-add and entity-update events)",
	[RF_SCAN] = "its row or its results differ from the scan-run event "
	    "in the journal",
};

struct rowfp {
	uint64_t	fp;
	int64_t		event;		/* RF_STEP: the event it names */
	int		n;		/* RF_STEP: the step number */
	enum rf_kind	kind;
	char		id[CASE_ID_LEN];	/* case number or CVR */
};

struct referral_mark {
	char		case_id[CASE_ID_LEN];
	int64_t		max_fine;	/* -1 for none */
};

/* An evidence file as its step's data (and so the journal) records it. */
struct evexp {
	char		 case_id[CASE_ID_LEN];
	char		 actor[64];	/* its step's: who added it */
	int		 step;
	int64_t		 size;
	char		 sha256[EVIDENCE_HEX];
	char		*name;
};

/* An open deadline as law/rules sees the steps: `due` must list these. */
struct want {
	char		 case_id[CASE_ID_LEN];
	int		 n;
	int		 closed;	/* its case is closed: not listed */
};

/* A stored scan result as its run's event must list it. */
struct scanres {
	int64_t		 run, n;
	char		 sha256[EVIDENCE_HEX];
};

/*
 * The table scanner's side (its own connection and thread): fingerprints
 * of the rows, and the first row that is wrong in itself.
 */
struct tstate {
	struct store		*st;
	struct fp		 h;
	struct rowfp		*v;
	size_t			 n, cap;
	struct referral_mark	*refs;
	size_t			 nrefs, caprefs, ref_at;
	struct case_buf		 buf;		/* a rebuilt step payload */
	struct evexp		*ev;		/* evidence the steps record */
	size_t			 nev, capev, ev_at;
	struct want		*want;		/* deadlines the steps leave open */
	size_t			 nwant, capwant, want_at;
	char			 cur[CASE_ID_LEN];	/* case being scanned */
	struct rstep		*rs;		/* its steps */
	size_t			 nrs, caprs;
	struct open_deadline	*od;
	size_t			 capod;
	struct scanres		*sr;		/* every stored scan result */
	size_t			 nsr, capsr, sr_at;
	const char		**sha;		/* one run's, for its payload */
	size_t			 capsha;
	int64_t			 err_seq;
	char			 err[256];
	int			 r;		/* STORE_* of the scan */
	int			 nomem;
};

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

/* ---- the chain's side ---- */

static void
note_anchor(struct vstate *vs, const struct event_row *e)
{
	size_t k;

	for (k = 0; k < vs->nanchor; k++)
		if (vs->anchor[k].seq == e->seq && e->hash != NULL)
			snprintf(vs->anchor[k].found, JOURNAL_HEX, "%s",
			    e->hash);
}

/* ---- the register's side of the chain walk ---- */

/* The first entity event that does not fit the register before it. */
static int __attribute__((format(printf, 3, 4)))
ent_bad(struct vstate *vs, int64_t seq, const char *fmt, ...)
{
	va_list ap;

	if (vs->ent_bad == 0) {
		vs->ent_bad = seq;
		va_start(ap, fmt);
		vsnprintf(vs->ent_why, sizeof(vs->ent_why), fmt, ap);
		va_end(ap);
	}
	return 0;
}

/*
 * An entity-add or entity-update: the registration it leaves, rebuilt
 * the way register.c defines it.  0, or 1 when out of memory.
 */
static int
note_entity(struct vstate *vs, const struct event_row *e, int add)
{
	json_t *p, *cur;
	const char *cvr;

	if (vs->ent_bad != 0)
		return 0;
	if (vs->ents == NULL && (vs->ents = json_object()) == NULL)
		return 1;
	if (e->payload == NULL || (p = json_loads(e->payload, 0, NULL)) ==
	    NULL)
		return ent_bad(vs, e->seq, "event %" PRId64 ": its payload is "
		    "not JSON", e->seq);
	if ((cvr = json_string_value(json_object_get(p, "cvr"))) == NULL ||
	    strlen(cvr) >= CASE_ID_LEN) {
		json_decref(p);
		return ent_bad(vs, e->seq, "event %" PRId64 ": it names no "
		    "entity", e->seq);
	}
	cur = json_object_get(vs->ents, cvr);
	if (add) {
		/* the moved "today" of --now is the event's, no row's */
		(void)json_object_del(p, "as_of");
		if (cur != NULL) {
			json_decref(p);
			return ent_bad(vs, e->seq, "event %" PRId64 " registers "
			    "entity %s a second time", e->seq, cvr);
		}
		cur = json_pack("{s:o, s:I}", "rec", p, "seq",
		    (json_int_t)e->seq);
		/* cvr lives on in p, now cur's */
		return cur == NULL || json_object_set_new(vs->ents, cvr,
		    cur) != 0;
	}
	if (cur == NULL) {
		ent_bad(vs, e->seq, "event %" PRId64 " updates entity %s, "
		    "which no event before it registered", e->seq, cvr);
		json_decref(p);
		return 0;
	}
	if (reg_apply_update(json_object_get(cur, "rec"), p) != 0)
		ent_bad(vs, e->seq, "event %" PRId64 ": its old values are not "
		    "the registration of entity %s before it", e->seq, cvr);
	json_decref(p);
	return json_object_set_new(cur, "seq", json_integer(e->seq)) != 0;
}

/*
 * A case-open event: the power it records (§ 21 or § 24) is the one the
 * entity's class gave when the case was opened (the register as rebuilt
 * so far); its fingerprint leaves that power out, since the row's entity
 * may have been classified again since.  0, or 1 when out of memory.
 */
static int
note_case_open(struct vstate *vs, const struct event_row *e, uint64_t *fp)
{
	json_t *p, *cur;
	const char *cvr, *sup, *cls;
	char *text;

	if (vs->ent_bad != 0)
		return 0;
	if (e->payload == NULL || (p = json_loads(e->payload, 0, NULL)) ==
	    NULL)
		return ent_bad(vs, e->seq, "event %" PRId64 ": its payload is "
		    "not JSON", e->seq);
	cvr = json_string_value(json_object_get(p, "cvr"));
	sup = json_string_value(json_object_get(p, "supervision"));
	cur = cvr != NULL && vs->ents != NULL ? json_object_get(vs->ents,
	    cvr) : NULL;
	cls = json_string_value(json_object_get(json_object_get(cur, "rec"),
	    "class"));
	if (cur == NULL || sup == NULL || cls == NULL || strcmp(sup,
	    basis_text(rules_supervision_basis(case_class(cls)))) != 0) {
		json_decref(p);
		return ent_bad(vs, e->seq, "event %" PRId64 ": the case it opens "
		    "does not fit the register before it (its entity or the "
		    "power it was supervised under)", e->seq);
	}
	(void)json_object_del(p, "supervision");
	(void)json_object_del(p, "as_of");
	text = case_payload_text(p, NULL);
	json_decref(p);
	if (text == NULL)
		return 1;
	*fp = fingerprint(&vs->h, "case-open", e->case_id, NULL, text,
	    strlen(text), "", 0);
	free(text);
	return vs->h.err;
}

/* Each entity's registration, as a row it must match. */
static int
entity_rows(struct vstate *vs)
{
	const char *cvr;
	json_t *cur;
	char *text;

	json_object_foreach(vs->ents, cvr, cur) {
		if ((text = case_payload_text(json_object_get(cur, "rec"),
		    NULL)) == NULL || grow((void **)&vs->rows, &vs->caprows,
		    vs->nrows + 1, sizeof(*vs->rows)) != 0) {
			free(text);
			return STORE_NOMEM;
		}
		vs->rows[vs->nrows].fp = fingerprint(&vs->h, "entity-add", NULL,
		    NULL, text, strlen(text), "", 0);
		vs->rows[vs->nrows].seq = json_integer_value(json_object_get(cur,
		    "seq"));
		vs->rows[vs->nrows].used = 0;
		vs->nrows++;
		free(text);
	}
	return vs->h.err ? STORE_NOMEM : STORE_OK;
}

/*
 * A case-close event: the case's row must show it closed, until a
 * case-reopen supersedes it (the row then shows it open, and the close
 * needs no row).  A reopen of a case not closed is a finding.
 */
static int
note_close(struct vstate *vs, const struct event_row *e, bool reopen)
{
	struct closeev *c;
	size_t k;

	if (strlen(e->case_id) >= CASE_ID_LEN) {
		if (reopen && vs->bad_reopen == 0)
			vs->bad_reopen = e->seq;
		return 0;
	}
	if (reopen) {
		for (k = vs->nclose; k > 0; k--) {
			c = &vs->closes[k - 1];
			if (strcmp(c->case_id, e->case_id) != 0)
				continue;
			if (c->live) {
				c->live = 0;
				vs->rows[c->row].used = 1;
				return 0;
			}
			break;
		}
		if (vs->bad_reopen == 0)
			vs->bad_reopen = e->seq;
		return 0;
	}
	if (grow((void **)&vs->closes, &vs->capclose, vs->nclose + 1,
	    sizeof(*vs->closes)) != 0)
		return 1;
	c = &vs->closes[vs->nclose++];
	snprintf(c->case_id, sizeof(c->case_id), "%s", e->case_id);
	c->row = vs->nrows - 1;
	c->live = 1;
	return 0;
}

static int
note_event(const struct event_row *e, void *arg)
{
	struct vstate *vs = arg;
	const char *kind = e->kind != NULL ? e->kind : "";
	const char *piece[2];
	size_t i = (size_t)(e->seq - 1), len[2];
	int ent = strcmp(kind, "entity-add") == 0 ? 1 :
	    strcmp(kind, "entity-update") == 0 ? 2 : 0;
	int row = strcmp(kind, "scan-run") == 0 ||
	    (e->case_id != NULL && (strcmp(kind, "case-open") == 0 ||
	    strcmp(kind, "case-close") == 0));

	/* The chain walk hands events in order 1, 2, ... */
	if (grow((void **)&vs->fp, &vs->cap, i + 1, sizeof(*vs->fp)) != 0 ||
	    grow((void **)&vs->flag, &vs->capflag, i + 1, 1) != 0)
		return 1;
	/* The hash of each event a checkpoint names (right: the walk said). */
	if (e->seq <= vs->anchor_max)
		note_anchor(vs, e);
	/* Without the moved "today" of --now, which no row holds. */
	case_payload_cut_as_of(kind, e->payload != NULL ? e->payload : "",
	    piece, len);
	vs->fp[i] = fingerprint(&vs->h, kind, e->case_id, row ? NULL :
	    e->actor != NULL ? e->actor : "", piece[0], len[0], piece[1],
	    len[1]);
	vs->flag[i] = EV_OTHER;
	vs->nev = i + 1;
	/* An entity's row is its registration after its last event. */
	if (ent != 0 && e->case_id == NULL && note_entity(vs, e, ent == 1))
		return 1;
	if (row) {
		if (grow((void **)&vs->rows, &vs->caprows, vs->nrows + 1,
		    sizeof(*vs->rows)) != 0)
			return 1;
		if (strcmp(kind, "case-open") == 0 &&
		    note_case_open(vs, e, &vs->fp[i]) != 0)
			return 1;
		vs->rows[vs->nrows].fp = vs->fp[i];
		vs->rows[vs->nrows].seq = e->seq;
		vs->rows[vs->nrows].used = 0;
		vs->nrows++;
		if (strcmp(kind, "case-close") == 0 && note_close(vs, e,
		    false) != 0)
			return 1;
	} else if (e->case_id != NULL && strcmp(kind, "case-reopen") == 0) {
		if (note_close(vs, e, true) != 0)
			return 1;
	} else if (e->case_id != NULL)
		vs->flag[i] = strcmp(kind, "document") == 0 ? EV_DOC : EV_STEP;
	return vs->h.err;
}

static int
rowev_cmp(const void *pa, const void *pb)
{
	const struct rowev *a = pa, *b = pb;

	if (a->fp != b->fp)
		return a->fp < b->fp ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Marks the first unused row event with this fingerprint; 0 if found,
 * with its seq in *seq.
 */
static int
take_row(struct vstate *vs, uint64_t fp, int64_t *seq)
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
			*seq = vs->rows[lo].seq;
			return 0;
		}
	return -1;
}

/* ---- the tables' side ---- */

/* The first row that is wrong in itself: recorded, and the scan stops. */
static int __attribute__((format(printf, 3, 4)))
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

/* A row's fingerprint, to be matched with its event's. */
static int
tpush(struct tstate *t, enum rf_kind k, const char *kind, const char *id,
    const char *actor, const char *payload, size_t len, int64_t event, int n)
{
	struct rowfp *f;

	if (grow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v)) != 0)
		return t->nomem = 1;
	f = &t->v[t->n++];
	f->fp = fingerprint(&t->h, kind, k == RF_ENTITY ? NULL : id, actor,
	    payload, len, "", 0);
	f->event = event;
	f->n = n;
	f->kind = k;
	/* The callers checked that id fits (strlen < CASE_ID_LEN). */
	memcpy(f->id, id, strlen(id) + 1);
	return t->h.err ? (t->nomem = 1) : 0;
}

/* Pushes the fingerprint of payload j (taken over) as a row of kind k. */
static int
tpush_json(struct tstate *t, enum rf_kind k, const char *kind,
    const char *case_id, json_t *j)
{
	char *p;
	int r;

	p = j != NULL ? case_payload_text(j, NULL) : NULL;
	json_decref(j);
	if (p == NULL)
		return t->nomem = 1;
	r = tpush(t, k, kind, case_id, NULL, p, strlen(p), 0, 0);
	free(p);
	return r;
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
 * The deadlines of the case just scanned that law/rules sees open (the
 * definition `case show` and `case close` use), one per step.
 */
static int
flush_deadlines(struct tstate *t)
{
	struct rcase c;
	size_t i, n;

	if (t->nrs == 0)
		return 0;
	memset(&c, 0, sizeof(c));
	c.cls = CLASS_UNDETERMINED;
	c.steps = t->rs;
	c.nsteps = t->nrs;
	if (grow((void **)&t->od, &t->capod, 2 * t->nrs, sizeof(*t->od)) != 0)
		return t->nomem = 1;
	n = rules_open_deadlines(&c, t->od, 2 * t->nrs);
	for (i = 0; i < n && i < 2 * t->nrs; i++) {
		/* A decision's two deadlines are one row of open_deadlines. */
		if (i > 0 && t->od[i].n == t->od[i - 1].n)
			continue;
		if (grow((void **)&t->want, &t->capwant, t->nwant + 1,
		    sizeof(*t->want)) != 0)
			return t->nomem = 1;
		snprintf(t->want[t->nwant].case_id, CASE_ID_LEN, "%s", t->cur);
		t->want[t->nwant].n = t->od[i].n;
		t->want[t->nwant++].closed = 0;
	}
	t->nrs = 0;
	return 0;
}

static int
note_deadline(struct tstate *t, const struct step_fields *r)
{
	if (strcmp(t->cur, r->case_id) != 0) {
		if (flush_deadlines(t) != 0)
			return 1;
		snprintf(t->cur, sizeof(t->cur), "%s", r->case_id);
	}
	if (grow((void **)&t->rs, &t->caprs, t->nrs + 1, sizeof(*t->rs)) != 0)
		return t->nomem = 1;
	case_rstep(r, &t->rs[t->nrs++]);
	return 0;
}

/* open_deadlines against the deadlines the steps leave open. */
static int
deadline_one(const union store_fields *u, void *arg)
{
	const char *case_id = u->deadline.case_id;
	int n = u->deadline.n;
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
note_evidence(struct tstate *t, const struct step_fields *r)
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
		snprintf(x->actor, sizeof(x->actor), "%s", r->actor != NULL ?
		    r->actor : "");
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
evidence_one(const union store_fields *u, void *arg)
{
	const struct evidence_fields *e = &u->evidence;
	struct tstate *t = arg;
	const struct evexp *x;
	char sha[EVIDENCE_HEX];

	if (e->case_id == NULL || e->name == NULL || e->sha256 == NULL ||
	    e->actor == NULL)
		return terr(t, 0, "evidence of case %s: a row is malformed",
		    e->case_id != NULL ? e->case_id : "?");
	if (t->ev_at >= t->nev)
		return terr(t, 0, "evidence %s/%" PRId64 " '%s' is not "
		    "recorded in the journal", e->case_id, e->step, e->name);
	x = &t->ev[t->ev_at++];
	if (strcmp(x->case_id, e->case_id) != 0 || x->step != e->step ||
	    strcmp(x->name, e->name) != 0 || x->size != e->size ||
	    strcmp(x->sha256, e->sha256) != 0 ||
	    strcmp(x->actor, e->actor) != 0)
		return terr(t, 0, "evidence %s/%d '%s': the evidence table "
		    "differs from the journal", x->case_id, x->step, x->name);
	if (evidence_sha256(e->content, e->len, sha) != 0)
		return t->nomem = 1;
	if ((int64_t)e->len != x->size || strcmp(sha, x->sha256) != 0)
		return terr(t, 0, "evidence %s/%d '%s': its content does not "
		    "match the SHA-256 the journal recorded", x->case_id,
		    x->step, x->name);
	return 0;
}

/* A step row, rebuilt into the payload of the event that recorded it. */
static int
step_one(const union store_fields *u, void *arg)
{
	const struct step_fields *r = &u->step;
	struct tstate *t = arg;
	int rc = CASE_OK;

	if (r->case_id == NULL || strlen(r->case_id) >= CASE_ID_LEN ||
	    (rc = case_step_payload(r, NULL, &t->buf)) == CASE_BADINPUT)
		return terr(t, r->event, "step %s/%d differs from event "
		    "%" PRId64 " that recorded it (malformed row)",
		    r->case_id != NULL ? r->case_id : "?", r->n, r->event);
	if (rc != CASE_OK)
		return t->nomem = 1;
	if (tpush(t, RF_STEP, r->kind, r->case_id, r->actor != NULL ?
	    r->actor : "", t->buf.p, t->buf.len, r->event, r->n) != 0 ||
	    note_deadline(t, r) != 0)
		return 1;
	if (strstr(r->data, "\"evidence\":") != NULL &&
	    note_evidence(t, r) != 0)
		return 1;
	if (case_step_kind(r->kind) == STEP_REFERRAL) {
		struct referral_mark *f;

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
	return terr(t, 0, "case %s: %s", id, differs[RF_CASE_CLOSE]);
}

static int
case_one(const union store_fields *u, void *arg)
{
	const struct case_fields *c = &u->kase;
	struct tstate *t = arg;
	const struct referral_mark *f = NULL;
	char id[CASE_ID_LEN];
	json_t *j;

	if (c->id == NULL || strlen(c->id) >= CASE_ID_LEN || c->cvr == NULL ||
	    c->basis == NULL || c->subject == NULL || c->opened == NULL)
		return terr(t, 0, "case %s: its row is malformed",
		    c->id != NULL ? c->id : "?");
	snprintf(id, sizeof(id), "NIS-%04" PRId64 "-%04" PRId64, c->year,
	    c->seq);
	if (strcmp(id, c->id) != 0 || c->entity_class == NULL)
		return terr(t, 0, "case %s: %s", c->id, differs[RF_CASE_OPEN]);
	/*
	 * Without the power, which the entity's class at opening gave and
	 * the chain's side checks there (the class may have changed since).
	 */
	if ((j = case_open_payload(c)) != NULL)
		(void)json_object_del(j, "supervision");
	if (tpush_json(t, RF_CASE_OPEN, "case-open", c->id, j) != 0)
		return 1;
	if (c->closed != NULL) {
		if (tpush_json(t, RF_CASE_CLOSE, "case-close", c->id,
		    case_close_payload(c->closed, c->close_reason)) != 0)
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

/* Whether member key of j is the string v. */
static bool
is_str(json_t *j, const char *key, const char *v)
{
	json_t *m = json_object_get(j, key);

	return json_is_string(m) && strcmp(json_string_value(m), v) == 0;
}

/* Whether the string array key of j holds v. */
static bool
holds(json_t *j, const char *key, const char *v)
{
	json_t *a = json_object_get(j, key), *m;
	size_t i;

	json_array_foreach(a, i, m)
		if (json_is_string(m) && strcmp(json_string_value(m), v) == 0)
			return true;
	return false;
}

static int
entity_one(const union store_fields *u, void *arg)
{
	const struct entity_fields *e = &u->entity;
	struct tstate *t = arg;
	json_t *j, *v;
	int64_t turnover = -1;
	int bad_cols, pa;

	if (e->cvr == NULL || strlen(e->cvr) >= CASE_ID_LEN ||
	    e->name == NULL || e->cls == NULL || e->data == NULL ||
	    (j = json_loads(e->data, 0, NULL)) == NULL)
		return terr(t, 0, "entity %s: its row is malformed",
		    e->cvr != NULL ? e->cvr : "?");
	/* The columns the rules read say what the registered data says. */
	if ((v = json_object_get(j, "turnover_eur")) != NULL)
		turnover = json_is_integer(v) ? json_integer_value(v) : -2;
	pa = rules_public_admin(holds(j, "sectors",
	    sector_slug(SECTOR_PUBLIC_ADMIN)), holds(j, "flags",
	    "state-body"), holds(j, "flags", "region"));
	bad_cols = !is_str(j, "cvr", e->cvr) || !is_str(j, "name", e->name) ||
	    !is_str(j, "class", e->cls) || turnover != e->turnover ||
	    pa != (e->public_admin != 0);
	json_decref(j);
	if (bad_cols)
		return terr(t, 0, "entity %s: %s", e->cvr, differs[RF_ENTITY]);
	/* The stored data is the entity-add payload (case.c). */
	return tpush(t, RF_ENTITY, "entity-add", e->cvr, NULL, e->data,
	    strlen(e->data), 0, 0);
}

/*
 * A stored scan result: its bytes still hash to the SHA-256 beside them,
 * and its key columns are what the bytes say (scans.c's one reading).
 */
static int
scanres_one(const union store_fields *u, void *arg)
{
	const struct scan_result_fields *r = &u->scan_result;
	struct tstate *t = arg;
	struct scan_key k;
	char sha[EVIDENCE_HEX];
	int same;

	if (r->sha256 == NULL || r->service == NULL || r->content == NULL)
		return terr(t, 0, "scan %" PRId64 " result %" PRId64 ": its "
		    "row is malformed", r->run, r->n);
	if (evidence_sha256(r->content, r->len, sha) != 0)
		return t->nomem = 1;
	if (strcmp(sha, r->sha256) != 0)
		return terr(t, 0, "scan %" PRId64 " result %" PRId64 ": its "
		    "content does not match its SHA-256", r->run, r->n);
	if (scan_result_key(r->content, r->len, &k) != SCAN_OK)
		return terr(t, 0, "scan %" PRId64 " result %" PRId64 ": its "
		    "content is not a scanner result", r->run, r->n);
#define SAME(a, b) ((a) == NULL ? (b) == NULL : (b) != NULL && \
	strcmp((a), (b)) == 0)
	same = SAME(k.service, r->service) && SAME(k.ip, r->ip) &&
	    SAME(k.host, r->host) && SAME(k.error, r->error) &&
	    SAME(k.error_kind, r->error_kind) && k.port == r->port;
#undef SAME
	scan_key_release(&k);
	if (!same)
		return terr(t, 0, "scan %" PRId64 " result %" PRId64 ": its "
		    "endpoint columns differ from its content", r->run, r->n);
	if (grow((void **)&t->sr, &t->capsr, t->nsr + 1, sizeof(*t->sr)) != 0)
		return t->nomem = 1;
	t->sr[t->nsr].run = r->run;
	t->sr[t->nsr].n = r->n;
	memcpy(t->sr[t->nsr].sha256, r->sha256, EVIDENCE_HEX);
	t->nsr++;
	return 0;
}

/* A scan run, rebuilt with its results' hashes into its event. */
static int
scanrun_one(const union store_fields *u, void *arg)
{
	const struct scan_run_fields *f = &u->scan_run;
	struct tstate *t = arg;
	struct rowfp *rf;
	char *p;
	size_t n = 0;

	if (t->sr_at < t->nsr && t->sr[t->sr_at].run < f->id)
		return terr(t, 0, "scan %" PRId64 " result %" PRId64 " has no "
		    "scan run", t->sr[t->sr_at].run, t->sr[t->sr_at].n);
	for (; t->sr_at + n < t->nsr && t->sr[t->sr_at + n].run == f->id; n++) {
		if (grow((void **)&t->sha, &t->capsha, n + 1,
		    sizeof(*t->sha)) != 0)
			return t->nomem = 1;
		t->sha[n] = t->sr[t->sr_at + n].sha256;
	}
	t->sr_at += n;
	if (f->case_id != NULL && strlen(f->case_id) >= CASE_ID_LEN)
		return terr(t, 0, "scan %" PRId64 ": its row is malformed",
		    f->id);
	if ((p = case_scan_payload(f, t->sha, n)) == NULL)
		return terr(t, 0, "scan %" PRId64 ": its row is malformed",
		    f->id);
	if (grow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v)) != 0) {
		free(p);
		return t->nomem = 1;
	}
	rf = &t->v[t->n++];
	memset(rf, 0, sizeof(*rf));
	rf->fp = fingerprint(&t->h, "scan-run", f->case_id, NULL, p, strlen(p),
	    "", 0);
	rf->kind = RF_SCAN;
	rf->event = f->event;
	snprintf(rf->id, sizeof(rf->id), "%" PRId64, f->id);
	free(p);
	return t->h.err ? (t->nomem = 1) : 0;
}

/*
 * A document row: a letter's bytes still hash to its SHA-256; a file
 * received names the evidence row that holds it, with the same name,
 * size and SHA-256 under the same step; and the row rebuilds the
 * payload of the "document" event it names (case.c's definition).
 */
static int
document_one(const union store_fields *u, void *arg)
{
	const struct document_fields *d = &u->document;
	struct tstate *t = arg;
	char sha[EVIDENCE_HEX], *p;
	json_t *j;
	int r;

	if (d->case_id == NULL || strlen(d->case_id) >= CASE_ID_LEN ||
	    d->sha256 == NULL || d->actor == NULL ||
	    (j = case_document_payload(d)) == NULL)
		return terr(t, d->event, "document %" PRId64 " of case %s: its "
		    "row is malformed", d->n, d->case_id != NULL ? d->case_id :
		    "?");
	p = case_payload_text(j, NULL);
	json_decref(j);
	if (p == NULL)
		return t->nomem = 1;
	if (d->evidence < 0) {
		if (evidence_sha256(d->content, d->len, sha) != 0) {
			free(p);
			return t->nomem = 1;
		}
		if (strcmp(sha, d->sha256) != 0 || (int64_t)d->len != d->size) {
			free(p);
			return terr(t, d->event, "document %" PRId64 " of case "
			    "%s: its content does not match its SHA-256",
			    d->n, d->case_id);
		}
	} else if (d->ev_sha256 == NULL || d->ev_case_id == NULL ||
	    d->ev_name == NULL || d->name == NULL ||
	    strcmp(d->ev_case_id, d->case_id) != 0 || d->ev_step != d->step ||
	    strcmp(d->ev_name, d->name) != 0 || d->ev_size != d->size ||
	    strcmp(d->ev_sha256, d->sha256) != 0) {
		free(p);
		return terr(t, d->event, "document %" PRId64 " of case %s: the "
		    "evidence row it names differs from it", d->n, d->case_id);
	}
	r = tpush(t, RF_DOC, "document", d->case_id, d->actor, p, strlen(p),
	    d->event, (int)d->n);
	free(p);
	return r;
}

/*
 * The table scans; runs beside the chain walk, in the read transaction
 * verify_run() opened on t->st.  Each table has its function above;
 * a table added to the schema gets its own beside them, called here.
 */
static void *
scan_tables(void *arg)
{
	struct tstate *t = arg;
	int r;

	if ((r = store_list(t->st, STORE_SCAN_STEPS, NULL, step_one, t)) !=
	    STORE_OK || (r = flush_deadlines(t)) != 0 ||
	    (r = store_list(t->st, STORE_ENTITIES, NULL, entity_one, t)) !=
	    STORE_OK ||
	    (r = store_list(t->st, STORE_SCAN_CASES, NULL, case_one, t)) !=
	    STORE_OK ||
	    (r = store_list(t->st, STORE_SCAN_EVIDENCE, NULL, evidence_one,
	    t)) != STORE_OK ||
	    (r = store_list(t->st, STORE_SCAN_ALL_RESULTS, NULL, scanres_one,
	    t)) != STORE_OK ||
	    (r = store_list(t->st, STORE_SCAN_RUNS, NULL, scanrun_one, t)) !=
	    STORE_OK ||
	    (r = store_list(t->st, STORE_SCAN_DOCUMENTS, NULL, document_one,
	    t)) != STORE_OK)
		goto done;
	if (t->sr_at < t->nsr) {
		r = terr(t, 0, "scan %" PRId64 " result %" PRId64 " has no "
		    "scan run", t->sr[t->sr_at].run, t->sr[t->sr_at].n);
		goto done;
	}
	if (t->ev_at < t->nev) {
		r = terr(t, 0, "evidence %s/%d '%s' is missing from the "
		    "evidence table", t->ev[t->ev_at].case_id,
		    t->ev[t->ev_at].step, t->ev[t->ev_at].name);
		goto done;
	}
	t->want_at = 0;
	if ((r = store_list(t->st, STORE_SCAN_OPEN_DL, NULL, deadline_one,
	    t)) != STORE_OK)
		goto done;
	while (t->want_at < t->nwant && t->want[t->want_at].closed)
		t->want_at++;
	if (t->want_at < t->nwant)
		r = terr(t, 0, "step %s/%d: its open deadline is missing "
		    "from the list that due reads",
		    t->want[t->want_at].case_id, t->want[t->want_at].n);
 done:
	t->r = t->nomem ? STORE_NOMEM : r == 1 ? STORE_OK : r;
	return NULL;
}

/* The first step event whose step row is missing, or 0. */
static int64_t
orphan_step_event(const struct vstate *vs)
{
	size_t k;

	for (k = 0; k < vs->nev; k++)
		if (vs->flag[k] == EV_STEP)
			return (int64_t)k + 1;
	return 0;
}

/* Matches one row against the events; 0, or 1 with chk filled. */
static int
match_row(struct vstate *vs, const struct tstate *t, const struct rowfp *f,
    struct journal_check *chk)
{
	int64_t seq = 0;
	size_t j;

	switch (f->kind) {
	case RF_STEP:
		if (f->event < 1 || (size_t)f->event > vs->nev ||
		    vs->flag[f->event - 1] == EV_OTHER)
			return journal_broken(chk, f->event, "step %s/%d: the "
			    "event %" PRId64 " that recorded it is missing",
			    f->id, f->n, f->event);
		j = (size_t)f->event - 1;
		if (vs->flag[j] == EV_STEP_SEEN || vs->fp[j] != f->fp)
			return journal_broken(chk, f->event, "step %s/%d "
			    "differs from event %" PRId64 " that recorded it",
			    f->id, f->n, f->event);
		vs->flag[j] = EV_STEP_SEEN;
		return 0;
	case RF_DOC:
		if (f->event < 1 || (size_t)f->event > vs->nev ||
		    (vs->flag[f->event - 1] != EV_DOC &&
		    vs->flag[f->event - 1] != EV_DOC_SEEN))
			return journal_broken(chk, f->event, "document %d of "
			    "case %s: the event %" PRId64 " that recorded it "
			    "is missing", f->n, f->id, f->event);
		j = (size_t)f->event - 1;
		if (vs->flag[j] == EV_DOC_SEEN || vs->fp[j] != f->fp)
			return journal_broken(chk, f->event, "document %d of "
			    "case %s differs from event %" PRId64 " that "
			    "recorded it", f->n, f->id, f->event);
		vs->flag[j] = EV_DOC_SEEN;
		return 0;
	case RF_CASE_OPEN:
	case RF_CASE_CLOSE:
	case RF_ENTITY:
	case RF_SCAN:
		if (take_row(vs, f->fp, &seq) != 0)
			return journal_broken(chk, 0, "%s %s: %s", f->kind ==
			    RF_ENTITY ? "entity" : f->kind == RF_SCAN ? "scan" :
			    "case", f->id, differs[f->kind]);
		/* A run names its event: it must be the one it matches. */
		if (f->kind == RF_SCAN && seq != f->event)
			return journal_broken(chk, seq, "scan %s: its row names "
			    "event %" PRId64 ", but event %" PRId64 " recorded "
			    "it", f->id, f->event, seq);
		return 0;
	case RF_ERR:
	default:
		return journal_broken(chk, t->err_seq, "%s", t->err);
	}
}

/* Matches the rows against the events; fills chk at the first mismatch. */
static void
match(struct vstate *vs, const struct tstate *t, struct journal_check *chk)
{
	int64_t seq = 0;
	size_t i;
	int orphans_done = 0;

	if (vs->nrows > 0)
		qsort(vs->rows, vs->nrows, sizeof(*vs->rows), rowev_cmp);
	for (i = 0; i <= t->n; i++) {
		const struct rowfp *f = i < t->n ? &t->v[i] : NULL;

		/* The steps come first: then each step event has its step. */
		if (!orphans_done && (f == NULL || f->kind != RF_STEP)) {
			orphans_done = 1;
			if ((seq = orphan_step_event(vs)) != 0) {
				(void)journal_broken(chk, seq, "event %" PRId64
				    " records a step that is not in the steps "
				    "table", seq);
				return;
			}
		}
		if (f == NULL)
			break;
		if (match_row(vs, t, f, chk) != 0)
			return;
	}
	for (i = 0; i < vs->nev; i++)
		if (vs->flag[i] == EV_DOC) {
			(void)journal_broken(chk, (int64_t)i + 1, "event %zu "
			    "records a document that is not in the documents "
			    "table", i + 1);
			return;
		}
	if (vs->bad_reopen > 0) {
		(void)journal_broken(chk, vs->bad_reopen, "event %" PRId64
		    " reopens a case that was not closed", vs->bad_reopen);
		return;
	}
	seq = 0;
	for (i = 0; i < vs->nrows; i++)
		if (!vs->rows[i].used && (seq == 0 || vs->rows[i].seq < seq))
			seq = vs->rows[i].seq;
	if (seq > 0)
		(void)journal_broken(chk, seq, "event %" PRId64 " records an "
		    "entity, a case or a scan that the tables do not hold",
		    seq);
}

static void
tstate_release(struct tstate *t)
{
	size_t i;

	store_close(&t->st);
	EVP_MAC_CTX_free(t->h.ctx);
	free(t->v);
	free(t->refs);
	case_buf_release(&t->buf);
	for (i = 0; i < t->nev; i++)
		free(t->ev[i].name);
	free(t->ev);
	free(t->want);
	free(t->rs);
	free(t->od);
	free(t->sr);
	free(t->sha);
}

/*
 * The checkpoints against the chain just walked (intact): the journal is
 * the one each was taken of, reaches its event, and that event's hash is
 * its head.  0, or 1 with chk filled.
 */
static int
check_anchors(const struct vstate *vs, struct journal_check *chk)
{
	const struct verify_anchor *a;
	size_t k;

	for (k = 0; k < vs->nanchor; k++) {
		a = &vs->anchor[k];
		if (strcmp(a->db_id, chk->first) != 0)
			return journal_broken(chk, 1, "checkpoint '%s': the "
			    "journal's first event is not the one it was taken "
			    "of (another case file, or this journal rewritten "
			    "from its start)", a->name);
		if (a->seq > chk->events)
			return journal_broken(chk, chk->events + 1, "checkpoint "
			    "'%s' was taken at event %" PRId64 ", but the "
			    "journal ends at event %" PRId64 " (events removed "
			    "and the chain head rewritten)", a->name, a->seq,
			    chk->events);
		if (strcmp(a->found, a->head) != 0)
			return journal_broken(chk, a->seq, "event %" PRId64
			    " is not the one checkpoint '%s' signed (the "
			    "journal was rewritten from there or before)",
			    a->seq, a->name);
	}
	return 0;
}

/* The append-only guards and the deadline triggers are all there. */
static int
check_triggers(struct store *s, struct journal_check *chk)
{
	char name[64];
	int r, found;

	if ((r = store_check_triggers(s, &found, name, sizeof(name))) !=
	    STORE_OK)
		return r;
	if (found == STORE_TRIGGERS_MISSING)
		(void)journal_broken(chk, 0, "the schema's trigger '%s' is "
		    "missing (dropped behind the program's back)", name);
	else if (found != STORE_TRIGGERS_OK)
		(void)journal_broken(chk, 0, "the schema's trigger '%s' differs "
		    "from the one the schema creates (its guard replaced)",
		    name);
	return STORE_OK;
}

/*
 * Read transactions on s (unless the caller holds one) and t at the
 * same committed state.  Every command that writes appends an event, so
 * the same head means the same state; a writer in between moves it, and
 * then both start again.
 */
#define SAME_TRIES	50
static int
same_moment(struct store *s, struct store *t, int held)
{
	char h1[JOURNAL_HEX], h2[JOURNAL_HEX];
	int64_t n1, n2;
	int r, i;

	for (i = 0; i < SAME_TRIES; i++) {
		if ((!held && (r = store_begin_read(s)) != STORE_OK) ||
		    (r = journal_head(s, &n1, h1)) != STORE_OK ||
		    (r = store_begin_read(t)) != STORE_OK ||
		    (r = journal_head(t, &n2, h2)) != STORE_OK) {
			store_copy_error(s, t);
			return r;
		}
		if (n1 == n2 && strcmp(h1, h2) == 0)
			return STORE_OK;
		store_rollback(t);
		if (!held)
			store_rollback(s);
	}
	return STORE_BUSY;
}

int
verify_run(struct store *s, struct verify_anchor *anchor, size_t nanchor,
    struct journal_check *chk)
{
	struct vstate vs;
	struct tstate t;
	pthread_t th;
	size_t k;
	int r, started = 0, held = store_in_transaction(s);

	memset(&vs, 0, sizeof(vs));
	memset(&t, 0, sizeof(t));
	memset(chk, 0, sizeof(*chk));
	vs.anchor = anchor;
	vs.nanchor = nanchor;
	for (k = 0; k < nanchor; k++) {
		anchor[k].found[0] = '\0';
		if (anchor[k].seq > vs.anchor_max)
			vs.anchor_max = anchor[k].seq;
	}
	if ((r = fp_keys(&vs.h, &t.h)) != STORE_OK)
		goto out;
	/*
	 * Two cores: the tables are scanned on a second connection while
	 * this one walks the chain, both read-only at the same moment; no
	 * write lock is taken, so a writer is neither blocked nor blocks.
	 */
	if ((r = store_tune_scan(s)) != STORE_OK ||
	    (r = store_open_reader(s, &t.st)) != STORE_OK ||
	    (r = store_tune_scan(t.st)) != STORE_OK ||
	    (r = same_moment(s, t.st, held)) != STORE_OK)
		goto out;
	if (store_threadsafe()) {
		if (pthread_create(&th, NULL, scan_tables, &t) != 0) {
			r = STORE_NOMEM;
			goto out;
		}
		started = 1;
		r = journal_walk(s, chk, note_event, &vs);
		pthread_join(th, NULL);
		started = 0;
	} else {
		/* An SQLite built without threads: one after the other. */
		r = journal_walk(s, chk, note_event, &vs);
		(void)scan_tables(&t);
	}
	if (r != STORE_OK || !chk->ok)
		goto out;
	/* A checkpoint not met says more than any row: it comes first. */
	if (check_anchors(&vs, chk) != 0)
		goto out;
	if ((r = t.r) != STORE_OK) {
		/* the scanner's message, for store_errmsg() on s */
		store_copy_error(s, t.st);
		goto out;
	}
	if (vs.ent_bad != 0) {
		(void)journal_broken(chk, vs.ent_bad, "%s", vs.ent_why);
		goto out;
	}
	if ((r = entity_rows(&vs)) != STORE_OK)
		goto out;
	match(&vs, &t, chk);
	if (chk->ok)
		r = check_triggers(s, chk);
 out:
	if (started)
		pthread_join(th, NULL);
	if (t.st != NULL)
		store_rollback(t.st);
	if (!held)
		store_rollback(s);
	tstate_release(&t);
	EVP_MAC_CTX_free(vs.h.ctx);
	free(vs.fp);
	free(vs.flag);
	free(vs.rows);
	json_decref(vs.ents);
	free(vs.closes);
	return r;
}

int
verify_all(struct store *s, struct journal_check *chk)
{
	return verify_run(s, NULL, 0, chk);
}
