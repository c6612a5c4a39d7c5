/*
 * evidence.h: evidence files (an inspection's scan output, an incident
 * notification): read from disk with care, hashed with SHA-256, and kept
 * in the database byte for byte beside the hash that the step's journal
 * event records.
 */
#ifndef TILSYN_EVIDENCE_H
#define TILSYN_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "casefile/store.h"

#define EVIDENCE_MAX	(64 * 1024 * 1024)	/* bytes per file */
#define EVIDENCE_HEX	65			/* SHA-256 in hex + NUL */

#define EVIDENCE_OK	 0
#define EVIDENCE_SYS	-1	/* open(2) or read(2) failed: errno in err */
#define EVIDENCE_NOTREG	-2	/* "not a regular file" */
#define EVIDENCE_TOOBIG	-3	/* "larger than 64 MiB" */
#define EVIDENCE_SHORT	-4	/* "short read" (the file shrank) */
#define EVIDENCE_NOMEM	-5

/* What an EVIDENCE_* code means; for EVIDENCE_SYS see strerror(err). */
const char *evidence_errstr(int);

/* A file read for a step. */
struct evidence {
	char		*name;		/* its base name, as the step records */
	unsigned char	*buf;
	size_t		 len;
	char		 sha256[EVIDENCE_HEX];
	int		 err;		/* errno of EVIDENCE_SYS */
};

/*
 * Reads the file at path (no symbolic links, regular files only, at most
 * EVIDENCE_MAX bytes) and hashes it.  On failure e holds nothing to free.
 */
int	evidence_read(const char *path, struct evidence *e)
	    __attribute__((warn_unused_result));
void	evidence_release(struct evidence *);

/* SHA-256 of len bytes in lower-case hex: the one place it is computed. */
int	evidence_sha256(const void *p, size_t len, char out[EVIDENCE_HEX])
	    __attribute__((warn_unused_result));

/*
 * Stores the files under step n of a case (in the caller's transaction);
 * ids (NULL: not wanted) gets each new row's id, nev of them.
 */
int	evidence_store(struct store *, const char *case_id, int n,
	    const char *actor, const struct evidence *, size_t nev,
	    int64_t *ids) __attribute__((warn_unused_result));

/* An evidence file as a case's listing shows it (no content). */
struct evidence_item {
	int	 step;
	char	*name;
	int64_t	 size;
	char	 sha256[EVIDENCE_HEX];
	char	*actor;
};

/* A row of STORE_EVIDENCE into an item (a copy for store_collect()). */
int	evidence_item_copy(const union store_fields *, void *item);
void	evidence_items_free(struct evidence_item **, size_t n);

#endif
