/*
 * verify.h: `tilsyn-case verify`: the journal's hash chain (journal.c)
 * and, in the same read, the tables the rules read against it.
 */
#ifndef TILSYN_VERIFY_H
#define TILSYN_VERIFY_H

#include "casefile/journal.h"
#include "casefile/store.h"

/*
 * The chain, and that the tables say what the journal says: each step,
 * case (opened, closed, referred) and entity row equals the payload its
 * event recorded, rebuilt through case.c's definitions; each such event
 * has its row; each evidence file still has the size and SHA-256 its step
 * recorded; and the open_deadlines list that `due` reads holds exactly
 * the deadlines law/rules sees open.  The caller must hold the write lock
 * (store_begin()) with nothing written in it: the tables are read on a
 * second connection, which then sees the same, committed state.  Returns
 * a STORE_* code; the verdict is in chk.
 */
int	verify_all(struct store *, struct journal_check *chk)
	    __attribute__((warn_unused_result));

#endif
