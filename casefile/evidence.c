/*
 * evidence.c: evidence files.  Trusts nothing about the path it is given:
 * the file is opened without following links and without blocking (a FIFO
 * must not hang the command), must be a regular file, and is read whole
 * up to a fixed cap before any lock on the database is taken.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "common/hex.h"
#include "casefile/evidence.h"

const char *
evidence_errstr(int r)
{
	switch (r) {
	case EVIDENCE_OK:
		return "ok";
	case EVIDENCE_SYS:
		return "cannot be read";
	case EVIDENCE_NOTREG:
		return "not a regular file";
	case EVIDENCE_TOOBIG:
		return "larger than 64 MiB";
	case EVIDENCE_SHORT:
		return "short read";
	case EVIDENCE_NOMEM:
		return "out of memory";
	default:
		return "unknown evidence code";
	}
}

int
evidence_sha256(const void *p, size_t len, char out[EVIDENCE_HEX])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dl = 0;

	if (EVP_Digest(len > 0 ? p : "", len, d, &dl, EVP_sha256(), NULL) !=
	    1 || dl != 32)
		return -1;
	hex_encode(d, dl, out);
	return 0;
}

/* The whole of fd, which fstat says is a regular file of size bytes. */
static int
read_all(int fd, size_t size, unsigned char **out)
{
	unsigned char *p;
	size_t got = 0;
	ssize_t n;

	if ((p = malloc(size + 1)) == NULL)
		return EVIDENCE_NOMEM;
	while (got < size) {
		n = read(fd, p + got, size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != size) {
		free(p);
		return EVIDENCE_SHORT;
	}
	*out = p;
	return EVIDENCE_OK;
}

void
evidence_release(struct evidence *e)
{
	free(e->name);
	free(e->buf);
	e->name = NULL;
	e->buf = NULL;
	e->len = 0;
}

int
evidence_read(const char *path, struct evidence *e)
{
	struct stat sb;
	char *dup = NULL;
	int fd, r;

	memset(e, 0, sizeof(*e));
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK)) == -1) {
		e->err = errno;
		return EVIDENCE_SYS;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode))
		r = EVIDENCE_NOTREG;
	else if (sb.st_size > EVIDENCE_MAX)
		r = EVIDENCE_TOOBIG;
	else
		r = read_all(fd, (size_t)sb.st_size, &e->buf);
	close(fd);
	if (r != EVIDENCE_OK)
		goto out;
	e->len = (size_t)sb.st_size;
	r = EVIDENCE_NOMEM;
	if (evidence_sha256(e->buf, e->len, e->sha256) != 0 ||
	    (dup = strdup(path)) == NULL ||
	    (e->name = strdup(basename(dup))) == NULL)
		goto out;
	r = EVIDENCE_OK;
 out:
	free(dup);
	if (r != EVIDENCE_OK)
		evidence_release(e);
	return r;
}

int
evidence_store(struct store *st, const char *case_id, int n,
    const char *actor, const struct evidence *ev, size_t nev, int64_t *ids)
{
	size_t i;
	int r;

	for (i = 0; i < nev; i++)
		if ((r = store_evidence_insert(st, case_id, n, ev[i].name,
		    (int64_t)ev[i].len, ev[i].sha256, actor, ev[i].buf,
		    ev[i].len, ids != NULL ? &ids[i] : NULL)) != STORE_OK)
			return r;
	return STORE_OK;
}

int
evidence_item_copy(const union store_fields *u, void *elem)
{
	const struct evidence_fields *f = &u->evidence;
	struct evidence_item *p = elem;

	p->step = (int)f->step;
	p->size = f->size;
	snprintf(p->sha256, sizeof(p->sha256), "%s", f->sha256 != NULL ?
	    f->sha256 : "");
	p->name = strdup(f->name != NULL ? f->name : "");
	p->actor = strdup(f->actor != NULL ? f->actor : "");
	return p->name == NULL || p->actor == NULL ? STORE_NOMEM : 0;
}

void
evidence_items_free(struct evidence_item **v, size_t n)
{
	size_t i;

	if (*v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*v)[i].name);
		free((*v)[i].actor);
	}
	free(*v);
	*v = NULL;
}
