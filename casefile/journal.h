/*
 * journal.h: the append-only, hash-chained event log of the case file
 * (offentlighedsloven § 15: nothing is deleted or rewritten; a correction
 * is a new event).  Each event's hash is SHA-256 over the previous hash and
 * the event's canonical form; the head (count and last hash) is kept in the
 * meta table, written in the same transaction, so a deleted last event is
 * caught too, unless the head is rewritten with it: only a checkpoint kept
 * outside the file (checkpoint.h, verify.h) catches that, and a journal
 * re-chained from an edit.  What an event's payload holds is case.c's business; the
 * tables are checked against the journal by verify.c.
 */
#ifndef TILSYN_JOURNAL_H
#define TILSYN_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "casefile/store.h"

#define JOURNAL_HEX	65	/* 64 hex digits + NUL */

struct journal_event {
	const char	*case_id;	/* NULL outside a case */
	const char	*time;		/* "YYYY-MM-DDTHH:MM:SSZ" */
	const char	*actor;
	const char	*kind;
	const char	*payload;	/* JSON */
};

/*
 * The hash of event seq with the given previous hash (hex).  Fields are
 * length-prefixed, so no two different events share a canonical form.
 * 0, or -1 when OpenSSL fails.
 */
int	journal_hash(int64_t seq, const char *prev,
	    const struct journal_event *, char out[JOURNAL_HEX])
	    __attribute__((warn_unused_result));

/*
 * The head kept in meta: the number of events (-1 when it is not a
 * number: tampered) and the hash of the last one (all zeros before the
 * first).  STORE_*.
 */
int	journal_head(struct store *, int64_t *seq, char hash[JOURNAL_HEX])
	    __attribute__((warn_unused_result));

/*
 * Appends an event; must run inside the caller's transaction
 * (store_begin()).  *seq (may be NULL) gets the event's number.  STORE_*.
 */
int	journal_append(struct store *, const struct journal_event *,
	    int64_t *seq) __attribute__((warn_unused_result));

struct journal_check {
	int	 ok;		/* 1 when the chain is intact */
	int64_t	 events;	/* events read */
	int64_t	 bad_seq;	/* first broken link, 0 when ok */
	char	 head[JOURNAL_HEX];
	char	 first[JOURNAL_HEX];	/* event 1's hash: the journal's id */
	char	 why[512];
};

/*
 * Records the first broken link in chk (seq 0: none in particular) and
 * returns 1, so a row callback can `return journal_broken(...)` to stop.
 */
int	journal_broken(struct journal_check *, int64_t seq, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));

/*
 * Recomputes the chain and compares it with the head; fills chk.  Each
 * event whose hash is right is handed to each (when not NULL) in order;
 * each != 0 stops the walk, and journal_walk() then returns
 * STORE_NOMEM.  Returns a STORE_* code (not the verdict: that is chk).
 */
int	journal_walk(struct store *, struct journal_check *,
	    int (*each)(const struct event_row *, void *), void *arg)
	    __attribute__((warn_unused_result));
/* journal_walk() without a hook. */
int	journal_verify(struct store *, struct journal_check *)
	    __attribute__((warn_unused_result));

#endif
