/*
 * buf.c: bounded readers and capped writers (see buf.h).  Trusts nothing it
 * reads; every length is checked against what is left before use.
 */
#include <stdlib.h>
#include <string.h>

#include "scanner/buf.h"

void
rbuf_init(struct rbuf *r, const void *p, size_t len)
{
	r->p = p;
	r->len = p == NULL ? 0 : len;
	r->off = 0;
}

size_t
rbuf_left(const struct rbuf *r)
{
	return r->len - r->off;
}

const uint8_t *
rbuf_ptr(const struct rbuf *r)
{
	return r->p + r->off;
}

int
rbuf_skip(struct rbuf *r, size_t n)
{
	if (n > rbuf_left(r))
		return BUF_ETRUNC;
	r->off += n;
	return BUF_OK;
}

static int
get_be(struct rbuf *r, size_t n, uint32_t *v)
{
	uint32_t x = 0;
	size_t i;

	if (n > rbuf_left(r))
		return BUF_ETRUNC;
	for (i = 0; i < n; i++)
		x = (x << 8) | r->p[r->off + i];
	r->off += n;
	*v = x;
	return BUF_OK;
}

int
rbuf_get_u8(struct rbuf *r, uint8_t *v)
{
	if (rbuf_left(r) < 1)
		return BUF_ETRUNC;
	*v = r->p[r->off++];
	return BUF_OK;
}

int
rbuf_get_u16(struct rbuf *r, uint16_t *v)
{
	uint32_t x;
	int rc;

	if ((rc = get_be(r, 2, &x)) != BUF_OK)
		return rc;
	*v = (uint16_t)x;
	return BUF_OK;
}

int
rbuf_get_u24(struct rbuf *r, uint32_t *v)
{
	return get_be(r, 3, v);
}

int
rbuf_get_u32(struct rbuf *r, uint32_t *v)
{
	return get_be(r, 4, v);
}

int
rbuf_peek_u8(const struct rbuf *r, size_t at, uint8_t *v)
{
	if (at >= rbuf_left(r))
		return BUF_ETRUNC;
	*v = r->p[r->off + at];
	return BUF_OK;
}

int
rbuf_get_bytes(struct rbuf *r, size_t n, const uint8_t **out)
{
	if (n > rbuf_left(r))
		return BUF_ETRUNC;
	*out = r->p + r->off;
	r->off += n;
	return BUF_OK;
}

int
rbuf_get_sub(struct rbuf *r, size_t n, struct rbuf *sub)
{
	if (n > rbuf_left(r))
		return BUF_ETRUNC;
	sub->p = r->p + r->off;
	sub->len = n;
	sub->off = 0;
	r->off += n;
	return BUF_OK;
}

int
rbuf_get_vec(struct rbuf *r, size_t lenbytes, struct rbuf *sub)
{
	size_t save = r->off;
	uint32_t n;
	int rc;

	if (lenbytes < 1 || lenbytes > 4)
		return BUF_ELENGTH;
	if ((rc = get_be(r, lenbytes, &n)) != BUF_OK)
		return rc;
	if ((rc = rbuf_get_sub(r, n, sub)) != BUF_OK) {
		r->off = save;
		return rc;
	}
	return BUF_OK;
}

void
wbuf_init(struct wbuf *w, size_t max)
{
	memset(w, 0, sizeof(*w));
	w->max = max;
}

void
wbuf_release(struct wbuf *w)
{
	size_t max = w->max;

	if (w->p != NULL) {
		memset(w->p, 0, w->cap);
		free(w->p);
	}
	wbuf_init(w, max);
}

void
wbuf_reset(struct wbuf *w)
{
	w->len = 0;
	w->err = BUF_OK;
}

int
wbuf_error(const struct wbuf *w)
{
	return w->err;
}

static int
reserve(struct wbuf *w, size_t n)
{
	size_t need, ncap;
	uint8_t *np;

	if (w->err != BUF_OK)
		return w->err;
	if (n > w->max || w->len > w->max - n)
		return (w->err = BUF_ETOOBIG);
	need = w->len + n;
	if (need <= w->cap)
		return BUF_OK;
	ncap = w->cap == 0 ? 256 : w->cap;
	while (ncap < need)
		ncap = ncap > w->max / 2 ? w->max : ncap * 2;
	if ((np = realloc(w->p, ncap)) == NULL)
		return (w->err = BUF_ENOMEM);
	w->p = np;
	w->cap = ncap;
	return BUF_OK;
}

static int
put_be(struct wbuf *w, size_t n, uint32_t v)
{
	size_t i;
	int rc;

	if ((rc = reserve(w, n)) != BUF_OK)
		return rc;
	for (i = 0; i < n; i++)
		w->p[w->len + i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	w->len += n;
	return BUF_OK;
}

int
wbuf_put_u8(struct wbuf *w, uint8_t v)
{
	return put_be(w, 1, v);
}

int
wbuf_put_u16(struct wbuf *w, uint16_t v)
{
	return put_be(w, 2, v);
}

int
wbuf_put_u24(struct wbuf *w, uint32_t v)
{
	if (v > 0xffffff)
		return (w->err = BUF_ELENGTH);
	return put_be(w, 3, v);
}

int
wbuf_put_u32(struct wbuf *w, uint32_t v)
{
	return put_be(w, 4, v);
}

int
wbuf_put_bytes(struct wbuf *w, const void *p, size_t n)
{
	int rc;

	if (n == 0)
		return w->err;
	if ((rc = reserve(w, n)) != BUF_OK)
		return rc;
	memcpy(w->p + w->len, p, n);
	w->len += n;
	return BUF_OK;
}

int
wbuf_put_zero(struct wbuf *w, size_t n)
{
	int rc;

	if ((rc = reserve(w, n)) != BUF_OK)
		return rc;
	memset(w->p + w->len, 0, n);
	w->len += n;
	return BUF_OK;
}

int
wbuf_vec_open(struct wbuf *w, size_t lenbytes, size_t *mark)
{
	*mark = w->len;
	if (lenbytes < 1 || lenbytes > 4)
		return (w->err = BUF_ELENGTH);
	return wbuf_put_zero(w, lenbytes);
}

int
wbuf_vec_close(struct wbuf *w, size_t lenbytes, size_t mark)
{
	size_t n;

	if (w->err != BUF_OK)
		return w->err;
	if (lenbytes < 1 || lenbytes > 4 || mark + lenbytes > w->len)
		return (w->err = BUF_ELENGTH);
	n = w->len - mark - lenbytes;
	if (lenbytes < 4 && n >> (8 * lenbytes) != 0)
		return (w->err = BUF_ELENGTH);
	return wbuf_poke(w, mark, lenbytes, (uint32_t)n);
}

int
wbuf_poke(struct wbuf *w, size_t off, size_t nbytes, uint32_t v)
{
	size_t i;

	if (w->err != BUF_OK)
		return w->err;
	if (nbytes < 1 || nbytes > 4 || off > w->len || nbytes > w->len - off)
		return (w->err = BUF_ELENGTH);
	for (i = 0; i < nbytes; i++)
		w->p[off + i] = (uint8_t)(v >> (8 * (nbytes - 1 - i)));
	return BUF_OK;
}

const char *
buf_errstr(int e)
{
	switch (e) {
	case BUF_OK:
		return "success";
	case BUF_ETRUNC:
		return "truncated";
	case BUF_ETOOBIG:
		return "too big";
	case BUF_ENOMEM:
		return "out of memory";
	case BUF_ELENGTH:
		return "length out of range";
	default:
		return "unknown error";
	}
}
