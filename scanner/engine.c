/*
 * engine.c: the event loop behind engine.h.  epoll (level-triggered) for
 * readiness, a binary min-heap of connection timers, per-host FIFO queues
 * for the per-host limit and the pacing delay.  Trusts nothing the peer
 * sends: every read is capped by the probe's max_input.
 */
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scanner/engine.h"

#define HOST_BUCKETS	1024
#define DEFAULT_INPUT	(64 * 1024)
#define MAX_OUTPUT	(1024 * 1024)

enum job_state {
	J_QUEUED,
	J_CONNECTING,
	J_WRITING,
	J_READING,
	J_FD_READ,
	J_FD_WRITE,
};

struct host;

struct job {
	struct job		*next;		/* host queue */
	struct host		*host;
	struct sockaddr_storage	 addr;
	socklen_t		 addrlen;
	const struct probe_ops	*ops;
	void			*arg;
	uint64_t		 deadline;
	int			 fd;
	enum job_state		 state;
	int			 after_write;	/* PROBE_READ / PROBE_FD_* */
	struct wbuf		 out;
	size_t			 out_off;
	uint8_t			*in;
	size_t			 in_len;
	size_t			 in_cap;
	int			 fresh;		/* unseen or shifted input */
	uint64_t		 timer;
	size_t			 heap_idx;
};

struct host {
	struct host	*hnext;		/* hash chain */
	char		*key;
	int		 inflight;
	uint64_t	 last_connect;
	int		 connected_once;
	struct job	*qhead;
	struct job	*qtail;
};

struct engine {
	struct engine_opts	 o;
	int			 epfd;
	struct host		*buckets[HOST_BUCKETS];
	struct host		**hosts;	/* every host, for dispatch */
	size_t			 nhosts;
	size_t			 hosts_cap;
	size_t			 rr;		/* round-robin start */
	struct job		**heap;
	size_t			 heap_len;
	size_t			 heap_cap;
	size_t			 queued;
	int			 active;
	int			 closing;
	uint64_t		 connections;
};

uint64_t
engine_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
engine_opts_default(struct engine_opts *o)
{
	o->max_inflight = 64;
	o->per_host = 4;
	o->delay_ms = 0;
	o->connect_timeout_ms = 5000;
	o->read_timeout_ms = 5000;
}

const char *
engine_errstr(int e)
{
	switch (e) {
	case 0:
		return "success";
	case ENGINE_ECONNECT:
		return "connection failed";
	case ENGINE_ECTIMEOUT:
		return "connect timed out";
	case ENGINE_ETIMEOUT:
		return "read timed out";
	case ENGINE_ECLOSED:
		return "connection closed by peer";
	case ENGINE_ETOOBIG:
		return "answer too large";
	case ENGINE_EIO:
		return "connection error";
	case ENGINE_EBUDGET:
		return "time budget exhausted";
	case ENGINE_ECANCEL:
		return "cancelled";
	case ENGINE_ENOMEM:
		return "out of memory";
	case ENGINE_EPROTO:
		return "protocol error";
	default:
		return "internal error";
	}
}

struct engine *
engine_new(const struct engine_opts *o)
{
	struct engine *e;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->o = *o;
	if (e->o.max_inflight < 1)
		e->o.max_inflight = 1;
	if (e->o.per_host < 1)
		e->o.per_host = 1;
	if ((e->epfd = epoll_create1(EPOLL_CLOEXEC)) == -1) {
		free(e);
		return NULL;
	}
	return e;
}

/*
 * Room for one more element of size in v, whose capacity *cap doubles
 * (from first): the new array, or NULL with v and *cap untouched.
 */
static void *
grow(void *v, size_t *cap, size_t first, size_t size)
{
	size_t ncap = *cap == 0 ? first : *cap * 2;
	void *nv;

	if ((nv = reallocarray(v, ncap, size)) != NULL)
		*cap = ncap;
	return nv;
}

/* Timer heap ---------------------------------------------------------- */

static void
heap_swap(struct engine *e, size_t a, size_t b)
{
	struct job *t = e->heap[a];

	e->heap[a] = e->heap[b];
	e->heap[b] = t;
	e->heap[a]->heap_idx = a;
	e->heap[b]->heap_idx = b;
}

static void
heap_up(struct engine *e, size_t i)
{
	while (i > 0 && e->heap[(i - 1) / 2]->timer > e->heap[i]->timer) {
		heap_swap(e, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void
heap_down(struct engine *e, size_t i)
{
	size_t l, r, m;

	for (;;) {
		l = 2 * i + 1;
		r = l + 1;
		m = i;
		if (l < e->heap_len && e->heap[l]->timer < e->heap[m]->timer)
			m = l;
		if (r < e->heap_len && e->heap[r]->timer < e->heap[m]->timer)
			m = r;
		if (m == i)
			return;
		heap_swap(e, i, m);
		i = m;
	}
}

static int
heap_insert(struct engine *e, struct job *j)
{
	struct job **nh;

	if (e->heap_len == e->heap_cap) {
		if ((nh = grow(e->heap, &e->heap_cap, 64, sizeof(*nh))) == NULL)
			return ENGINE_ENOMEM;
		e->heap = nh;
	}
	j->heap_idx = e->heap_len;
	e->heap[e->heap_len++] = j;
	heap_up(e, j->heap_idx);
	return 0;
}

static void
heap_remove(struct engine *e, struct job *j)
{
	size_t i = j->heap_idx;

	if (i >= e->heap_len || e->heap[i] != j)
		return;
	e->heap_len--;
	if (i != e->heap_len) {
		e->heap[i] = e->heap[e->heap_len];
		e->heap[i]->heap_idx = i;
		heap_down(e, i);
		heap_up(e, i);
	}
	j->heap_idx = (size_t)-1;
}

/* Sets the job's timer to now + ms, capped by its deadline. */
static void
set_timer(struct engine *e, struct job *j, int ms)
{
	uint64_t t = engine_now_ms() + (uint64_t)(ms > 0 ? ms : 1);

	if (j->deadline != 0 && j->deadline < t)
		t = j->deadline;
	j->timer = t;
	heap_down(e, j->heap_idx);
	heap_up(e, j->heap_idx);
}

/* Hosts --------------------------------------------------------------- */

static size_t
host_hash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h % HOST_BUCKETS;
}

static struct host *
host_get(struct engine *e, const char *key)
{
	size_t b = host_hash(key);
	struct host *h, **nv;

	for (h = e->buckets[b]; h != NULL; h = h->hnext)
		if (strcmp(h->key, key) == 0)
			return h;
	if (e->nhosts == e->hosts_cap) {
		if ((nv = grow(e->hosts, &e->hosts_cap, 16, sizeof(*nv))) ==
		    NULL)
			return NULL;
		e->hosts = nv;
	}
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	if ((h->key = strdup(key)) == NULL) {
		free(h);
		return NULL;
	}
	h->hnext = e->buckets[b];
	e->buckets[b] = h;
	e->hosts[e->nhosts++] = h;
	return h;
}

int
engine_submit(struct engine *e, const struct sockaddr *addr,
    socklen_t addrlen, const char *hostkey, const struct probe_ops *ops,
    void *arg, uint64_t deadline_ms)
{
	struct host *h;
	struct job *j;

	if (e->closing)
		return ENGINE_ECANCEL;
	if (addrlen > sizeof(j->addr))
		return ENGINE_EINTERNAL;
	if ((h = host_get(e, hostkey)) == NULL)
		return ENGINE_ENOMEM;
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return ENGINE_ENOMEM;
	memcpy(&j->addr, addr, addrlen);
	j->addrlen = addrlen;
	j->host = h;
	j->ops = ops;
	j->arg = arg;
	j->deadline = deadline_ms;
	j->fd = -1;
	j->state = J_QUEUED;
	j->heap_idx = (size_t)-1;
	wbuf_init(&j->out, MAX_OUTPUT);
	if (h->qtail != NULL)
		h->qtail->next = j;
	else
		h->qhead = j;
	h->qtail = j;
	e->queued++;
	return 0;
}

uint64_t
engine_connections(const struct engine *e)
{
	return e->connections;
}

/* Jobs ---------------------------------------------------------------- */

/* Ends a job: closes its socket, frees it, then tells the probe. */
static void
finish(struct engine *e, struct job *j, int status)
{
	const struct probe_ops *ops = j->ops;
	void *arg = j->arg;

	if (j->fd != -1) {
		epoll_ctl(e->epfd, EPOLL_CTL_DEL, j->fd, NULL);
		close(j->fd);
		j->host->inflight--;
		e->active--;
	}
	heap_remove(e, j);
	wbuf_release(&j->out);
	free(j->in);
	free(j);
	ops->on_end(arg, status);
}

static int
watch(struct engine *e, struct job *j, uint32_t events)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.ptr = j;
	if (epoll_ctl(e->epfd, EPOLL_CTL_MOD, j->fd, &ev) == -1)
		return ENGINE_EINTERNAL;
	return 0;
}

static void step_write(struct engine *, struct job *);
static void deliver(struct engine *, struct job *);

/*
 * Acts on what a probe callback returned: flush pending output first, then
 * wait in the requested mode.
 */
static void
apply(struct engine *e, struct job *j, int rc)
{
	int r;

	if (rc < 0) {
		finish(e, j, rc);
		return;
	}
	if (rc == PROBE_DONE) {
		finish(e, j, 0);
		return;
	}
	if (rc != PROBE_READ && rc != PROBE_FD_READ && rc != PROBE_FD_WRITE) {
		finish(e, j, ENGINE_EINTERNAL);
		return;
	}
	if (wbuf_error(&j->out) != BUF_OK) {
		finish(e, j, ENGINE_EINTERNAL);
		return;
	}
	j->after_write = rc;
	if (j->out.len > j->out_off) {
		j->state = J_WRITING;
		if ((r = watch(e, j, EPOLLOUT)) != 0) {
			finish(e, j, r);
			return;
		}
		set_timer(e, j, e->o.read_timeout_ms);
		step_write(e, j);
		return;
	}
	wbuf_reset(&j->out);
	j->out_off = 0;
	switch (rc) {
	case PROBE_READ:
		j->state = J_READING;
		r = watch(e, j, EPOLLIN);
		break;
	case PROBE_FD_READ:
		j->state = J_FD_READ;
		r = watch(e, j, EPOLLIN);
		break;
	default:
		j->state = J_FD_WRITE;
		r = watch(e, j, EPOLLOUT);
		break;
	}
	if (r != 0) {
		finish(e, j, r);
		return;
	}
	set_timer(e, j, e->o.read_timeout_ms);
	/* Bytes left over from the last read may already hold a message. */
	if (rc == PROBE_READ && j->in_len > 0 && j->fresh)
		deliver(e, j);
}

static void
step_write(struct engine *e, struct job *j)
{
	ssize_t n;

	while (j->out_off < j->out.len) {
		n = send(j->fd, j->out.p + j->out_off, j->out.len - j->out_off,
		    MSG_NOSIGNAL);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			finish(e, j, errno == EPIPE || errno == ECONNRESET ?
			    ENGINE_ECLOSED : ENGINE_EIO);
			return;
		}
		j->out_off += (size_t)n;
	}
	wbuf_reset(&j->out);
	j->out_off = 0;
	apply(e, j, j->after_write);
}

/* Hands the buffered bytes to the probe until it wants more or is done. */
static void
deliver(struct engine *e, struct job *j)
{
	size_t consumed;
	int rc;

	for (;;) {
		consumed = 0;
		j->fresh = 0;
		rc = j->ops->on_data(j->arg, j->in, j->in_len, &consumed,
		    &j->out);
		if (consumed > j->in_len) {
			finish(e, j, ENGINE_EINTERNAL);
			return;
		}
		if (consumed > 0) {
			memmove(j->in, j->in + consumed, j->in_len - consumed);
			j->in_len -= consumed;
			j->fresh = 1;
		}
		if (rc != PROBE_READ || j->out.len > 0 || !j->fresh ||
		    j->in_len == 0)
			break;
	}
	if (rc == PROBE_READ && j->out.len == 0) {
		/* Needs more bytes: keep reading, unless there is no room. */
		if (j->in_len == j->in_cap) {
			finish(e, j, ENGINE_ETOOBIG);
			return;
		}
		set_timer(e, j, e->o.read_timeout_ms);
		return;
	}
	apply(e, j, rc);
}

static void
step_read(struct engine *e, struct job *j)
{
	size_t cap = j->ops->max_input != 0 ? j->ops->max_input :
	    DEFAULT_INPUT;
	ssize_t n;
	int r, rc;

	if (j->in == NULL) {
		if ((j->in = malloc(cap)) == NULL) {
			finish(e, j, ENGINE_ENOMEM);
			return;
		}
		j->in_cap = cap;
	}
	if (j->in_len == j->in_cap) {
		finish(e, j, ENGINE_ETOOBIG);
		return;
	}
	n = recv(j->fd, j->in + j->in_len, j->in_cap - j->in_len, 0);
	if (n == -1 && (errno == EINTR || errno == EAGAIN ||
	    errno == EWOULDBLOCK))
		return;
	if (n == 0 || (n == -1 && errno == ECONNRESET)) {
		/* A reset often follows a final alert: let the probe judge. */
		rc = n == 0 ? ENGINE_ECLOSED : ENGINE_EIO;
		if (j->ops->on_eof != NULL && (n == 0 || j->in_len > 0)) {
			r = j->ops->on_eof(j->arg, j->in, j->in_len);
			rc = r == PROBE_DONE ? 0 : r < 0 ? r : rc;
		}
		finish(e, j, rc);
		return;
	}
	if (n == -1) {
		finish(e, j, ENGINE_EIO);
		return;
	}
	j->in_len += (size_t)n;
	j->fresh = 1;
	deliver(e, j);
}

static void
step_connected(struct engine *e, struct job *j)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(j->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1 ||
	    err != 0) {
		finish(e, j, ENGINE_ECONNECT);
		return;
	}
	apply(e, j, j->ops->on_connect(j->arg, j->fd, &j->out));
}

/* Opens the job's connection; on failure the job is finished. */
static void
start(struct engine *e, struct job *j)
{
	struct epoll_event ev;
	int fd;

	j->state = J_CONNECTING;
	j->host->last_connect = engine_now_ms();
	j->host->connected_once = 1;
	e->connections++;
	fd = socket(j->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (fd == -1) {
		finish(e, j, ENGINE_EIO);
		return;
	}
	j->fd = fd;
	j->host->inflight++;
	e->active++;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLOUT;
	ev.data.ptr = j;
	if (epoll_ctl(e->epfd, EPOLL_CTL_ADD, fd, &ev) == -1) {
		close(fd);
		j->fd = -1;
		j->host->inflight--;
		e->active--;
		finish(e, j, ENGINE_EINTERNAL);
		return;
	}
	j->timer = engine_now_ms() + (uint64_t)e->o.connect_timeout_ms;
	if (j->deadline != 0 && j->deadline < j->timer)
		j->timer = j->deadline;
	if (heap_insert(e, j) != 0) {
		finish(e, j, ENGINE_ENOMEM);
		return;
	}
	if (connect(fd, (struct sockaddr *)&j->addr, j->addrlen) == -1 &&
	    errno != EINPROGRESS) {
		finish(e, j, ENGINE_ECONNECT);
		return;
	}
	/* Completion (or refusal) is reported as writability. */
}

/*
 * Starts queued jobs while the limits allow.  Returns the earliest time a
 * host held back only by --delay becomes ready (0 if none).
 */
static uint64_t
dispatch(struct engine *e)
{
	uint64_t now, ready, wake = 0;
	struct host *h;
	struct job *j;
	size_t i, n, idx;

	for (n = 0; n < e->nhosts; n++) {
		if (e->active >= e->o.max_inflight)
			break;
		idx = (e->rr + n) % e->nhosts;
		h = e->hosts[idx];
		while ((j = h->qhead) != NULL) {
			now = engine_now_ms();
			if (j->deadline != 0 && now >= j->deadline) {
				h->qhead = j->next;
				if (h->qhead == NULL)
					h->qtail = NULL;
				e->queued--;
				finish(e, j, ENGINE_EBUDGET);
				continue;
			}
			if (e->active >= e->o.max_inflight ||
			    h->inflight >= e->o.per_host)
				break;
			if (e->o.delay_ms > 0 && h->connected_once) {
				ready = h->last_connect +
				    (uint64_t)e->o.delay_ms;
				if (now < ready) {
					if (wake == 0 || ready < wake)
						wake = ready;
					break;
				}
			}
			h->qhead = j->next;
			if (h->qhead == NULL)
				h->qtail = NULL;
			j->next = NULL;
			e->queued--;
			start(e, j);
		}
	}
	i = e->nhosts > 0 ? (e->rr + 1) % e->nhosts : 0;
	e->rr = i;
	return wake;
}

static void
expire(struct engine *e)
{
	uint64_t now = engine_now_ms();
	struct job *j;
	int status;

	while (e->heap_len > 0 && e->heap[0]->timer <= now) {
		j = e->heap[0];
		if (j->deadline != 0 && now >= j->deadline)
			status = ENGINE_EBUDGET;
		else if (j->state == J_CONNECTING)
			status = ENGINE_ECTIMEOUT;
		else
			status = ENGINE_ETIMEOUT;
		finish(e, j, status);
	}
}

int
engine_run(struct engine *e)
{
	struct epoll_event evs[64];
	struct job *j;
	uint64_t wake, now, next;
	int n, i, timeout;

	for (;;) {
		wake = dispatch(e);
		if (e->active == 0 && e->queued == 0)
			return 0;
		now = engine_now_ms();
		next = wake;
		if (e->heap_len > 0 && (next == 0 || e->heap[0]->timer < next))
			next = e->heap[0]->timer;
		if (next == 0)
			timeout = e->active > 0 ? 1000 : 10;
		else
			timeout = next <= now ? 0 : (int)(next - now);
		n = epoll_wait(e->epfd, evs, 64, timeout);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return ENGINE_EINTERNAL;
		}
		for (i = 0; i < n; i++) {
			j = evs[i].data.ptr;
			/*
			 * A job finished by its own earlier callback is never
			 * in this batch twice (one event per fd), and no
			 * callback finishes another job, so j is live.
			 */
			switch (j->state) {
			case J_CONNECTING:
				step_connected(e, j);
				break;
			case J_WRITING:
				step_write(e, j);
				break;
			case J_READING:
				step_read(e, j);
				break;
			case J_FD_READ:
			case J_FD_WRITE:
				set_timer(e, j, e->o.read_timeout_ms);
				apply(e, j, j->ops->on_ready(j->arg, j->fd));
				break;
			default:
				break;
			}
		}
		expire(e);
	}
}

void
engine_free(struct engine **ep)
{
	struct engine *e;
	struct host *h;
	struct job *j;
	size_t i;

	if (ep == NULL || (e = *ep) == NULL)
		return;
	e->closing = 1;
	while (e->heap_len > 0)
		finish(e, e->heap[0], ENGINE_ECANCEL);
	for (i = 0; i < e->nhosts; i++) {
		h = e->hosts[i];
		while ((j = h->qhead) != NULL) {
			h->qhead = j->next;
			finish(e, j, ENGINE_ECANCEL);
		}
	}
	for (i = 0; i < e->nhosts; i++) {
		free(e->hosts[i]->key);
		free(e->hosts[i]);
	}
	free(e->hosts);
	free(e->heap);
	close(e->epfd);
	free(e);
	*ep = NULL;
}

/* TRANSITIONAL: the limit and pause land with the engine's rework. */
void
engine_host_throttle(struct engine *e, const char *hostkey, int limit,
    int pause_ms)
{
	(void)e;
	(void)hostkey;
	(void)limit;
	(void)pause_ms;
}
