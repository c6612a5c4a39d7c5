/*
 * buf.h: bounded byte cursors for everything tilsyn reads from or writes to
 * the network.
 *
 * A struct rbuf reads a byte range it does not own.  Every getter either
 * consumes and succeeds or fails with BUF_ETRUNC and consumes nothing, so
 * truncation can never look like data (unlike getters that return 0 when out
 * of bounds).  A struct wbuf owns a growable buffer with a hard cap fixed at
 * creation; once a write fails the error is sticky, so a builder may check
 * once at the end.
 */
#ifndef TILSYN_BUF_H
#define TILSYN_BUF_H

#include <stddef.h>
#include <stdint.h>

#define BUF_OK		0
#define BUF_ETRUNC	(-1)	/* read past the end of the data */
#define BUF_ETOOBIG	(-2)	/* write past the buffer's cap */
#define BUF_ENOMEM	(-3)
#define BUF_ELENGTH	(-4)	/* a length field does not fit its prefix */

#define BUF_WUR __attribute__((warn_unused_result))

struct rbuf {
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;
};

void	rbuf_init(struct rbuf *, const void *, size_t);
size_t	rbuf_left(const struct rbuf *);
const uint8_t *rbuf_ptr(const struct rbuf *);
int	rbuf_skip(struct rbuf *, size_t) BUF_WUR;
int	rbuf_get_u8(struct rbuf *, uint8_t *) BUF_WUR;
int	rbuf_get_u16(struct rbuf *, uint16_t *) BUF_WUR;
int	rbuf_get_u24(struct rbuf *, uint32_t *) BUF_WUR;
int	rbuf_get_u32(struct rbuf *, uint32_t *) BUF_WUR;
int	rbuf_peek_u8(const struct rbuf *, size_t, uint8_t *) BUF_WUR;
/* Points *out at the next n bytes (inside the reader's data) and consumes them. */
int	rbuf_get_bytes(struct rbuf *, size_t, const uint8_t **) BUF_WUR;
/* Makes *sub a reader over the next n bytes and consumes them. */
int	rbuf_get_sub(struct rbuf *, size_t, struct rbuf *) BUF_WUR;
/* Reads a big-endian length of lenbytes (1..4), then that many bytes as *sub. */
int	rbuf_get_vec(struct rbuf *, size_t lenbytes, struct rbuf *sub) BUF_WUR;

struct wbuf {
	uint8_t		*p;
	size_t		 len;
	size_t		 cap;
	size_t		 max;
	int		 err;
};

/* A writer that will never hold more than max bytes. */
void	wbuf_init(struct wbuf *, size_t max);
/* Frees the data (wiped first) and resets the writer; safe to call twice. */
void	wbuf_release(struct wbuf *);
void	wbuf_reset(struct wbuf *);
int	wbuf_error(const struct wbuf *);
int	wbuf_put_u8(struct wbuf *, uint8_t);
int	wbuf_put_u16(struct wbuf *, uint16_t);
int	wbuf_put_u24(struct wbuf *, uint32_t);
int	wbuf_put_u32(struct wbuf *, uint32_t);
int	wbuf_put_bytes(struct wbuf *, const void *, size_t);
int	wbuf_put_zero(struct wbuf *, size_t);
/*
 * Length-prefixed vectors: wbuf_vec_open() writes a placeholder length of
 * lenbytes and returns its offset in *mark; wbuf_vec_close() fills it in
 * with the number of bytes written since, or fails with BUF_ELENGTH.
 */
int	wbuf_vec_open(struct wbuf *, size_t lenbytes, size_t *mark);
int	wbuf_vec_close(struct wbuf *, size_t lenbytes, size_t mark);
/* Overwrites a big-endian value of nbytes at off (already written). */
int	wbuf_poke(struct wbuf *, size_t off, size_t nbytes, uint32_t);

const char *buf_errstr(int);

#endif
