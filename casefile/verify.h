/*
 * verify.h: `tilsyn-case verify`: the journal's hash chain (journal.c),
 * checkpoints kept outside the file (checkpoint.h), and, in the same
 * read, the tables the rules read against the journal.
 */
#ifndef TILSYN_VERIFY_H
#define TILSYN_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "casefile/journal.h"
#include "casefile/store.h"

/* A checkpoint the journal must still extend. */
struct verify_anchor {
	const char	*name;		/* for the verdict: its file */
	int64_t		 seq;
	char		 head[JOURNAL_HEX];
	char		 db_id[JOURNAL_HEX];
	char		 found[JOURNAL_HEX];	/* set: event seq's hash */
};

/*
 * The chain; that the journal extends each anchor (its first event is
 * the anchor's db_id, it reaches the anchor's seq, and that event's hash
 * is the anchor's head); and that the tables say what the journal says:
 * each step (its actor too), case (opened, closed, referred), entity and
 * scan run row equals the payload its event recorded, rebuilt through
 * case.c's definitions; each such event has its row; each evidence file
 * still has the size, SHA-256 and actor its step recorded; the
 * open_deadlines list that `due` reads holds exactly the deadlines
 * law/rules sees open; and the triggers the schema creates are all there.
 * Takes no write lock: the tables are read on a second, read-only
 * connection at the same moment (the same journal head) as the chain; s
 * may be read-only.  When the caller holds a transaction on s it must
 * have written nothing in it.  Returns a STORE_* code; the verdict (the
 * first finding) is in chk.
 */
int	verify_run(struct store *, struct verify_anchor *, size_t nanchor,
	    struct journal_check *chk) __attribute__((warn_unused_result));
/* verify_run() without checkpoints. */
int	verify_all(struct store *, struct journal_check *chk)
	    __attribute__((warn_unused_result));

#endif
