/*
 * journal.h: the append-only, hash-chained event log of the case file
 * (offentlighedsloven § 15: nothing is deleted or rewritten; a correction
 * is a new event).  Each event's hash is SHA-256 over the previous hash and
 * the event's canonical form; the head (count and last hash) is kept in the
 * meta table, written in the same transaction, so a deleted last event is
 * caught too.
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
 */
int	journal_hash(int64_t seq, const char *prev,
	    const struct journal_event *, char out[JOURNAL_HEX])
	    __attribute__((warn_unused_result));

/*
 * Appends an event; must run inside the caller's transaction
 * (store_begin()).  *seq gets the event's number.
 */
int	journal_append(struct store *, const struct journal_event *,
	    int64_t *seq) __attribute__((warn_unused_result));

struct journal_check {
	int	 ok;		/* 1 when the chain is intact */
	int64_t	 events;	/* events read */
	int64_t	 bad_seq;	/* first broken link, 0 when ok */
	int64_t	 step_events;	/* events that record a step */
	char	 head[JOURNAL_HEX];
	char	 why[256];
};

/* Recomputes the chain; fills chk.  Returns a STORE_* code (not the verdict). */
int	journal_verify(struct store *, struct journal_check *chk)
	    __attribute__((warn_unused_result));

/*
 * journal_verify() and, in the same read, that the tables the rules read
 * say what the journal says: each step, case (opened, closed, referred)
 * and entity row equals the event that recorded it, and each such event
 * has its row.  The caller must hold the write lock (store_begin()) with
 * nothing written in it: the tables are read on a second connection, which
 * then sees the same, committed state.
 */
int	journal_verify_all(struct store *, struct journal_check *chk)
	    __attribute__((warn_unused_result));

#endif
