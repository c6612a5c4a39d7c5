/*
 * engine.c: the event loop behind engine.h.  epoll (level-triggered) for
 * readiness, a binary min-heap of job timers (connect, wait and deadline:
 * a queued job with a deadline is in the heap too, so that it ends on
 * time), per-host FIFO queues for the per-host limit, the pacing delay
 * and throttling, and per-endpoint gates.  Trusts nothing the peer
 * sends: every read is capped by the probe's max_input, and a wait's
 * timer restarts only when the probe makes progress.
 *
 * Memory follows what is queued or in flight: a host is freed when no job
 * refers to it and nothing about it still matters (its --delay has run
 * out, it was never throttled); an endpoint as soon as no job refers to
 * it.  Both are looked up in hash tables that grow with them.
 */
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scanner/engine.h"

#define DEFAULT_INPUT	(64 * 1024)
#define MAX_OUTPUT	(1024 * 1024)
#define TABLE_FIRST	64
#define NO_HEAP		((size_t)-1)

enum job_state {
	J_QUEUED,	/* in its host's queue, may start */
	J_HELD,		/* waits for its endpoint's first connection */
	J_GATED,	/* its endpoint failed: ends with ENGINE_EGATED */
	J_CONNECTING,
	J_WRITING,
	J_READING,
	J_FD_READ,
	J_FD_WRITE,
};

struct job;

/* A doubly linked list of jobs through one pair of links. */
struct jlist {
	struct job	*head;
	struct job	*tail;
};

/* A hash table entry: host and endpoint begin with one. */
struct node {
	struct node	*hnext;
	uint32_t	 hash;
	size_t		 keylen;
	const uint8_t	*key;
};

struct table {
	struct node	**b;
	size_t		 nb;
	size_t		 n;
};

struct host {
	struct node	 n;		/* key: the per-host key string */
	size_t		 idx;		/* in engine.hosts */
	size_t		 njobs;		/* jobs that refer to it */
	int		 inflight;
	int		 limit;		/* per_host, or lower (throttled) */
	int		 connected_once;
	uint64_t	 last_connect;
	uint64_t	 pause_until;	/* throttled: no start before */
	struct jlist	 q;		/* J_QUEUED, submission order */
};

enum ep_state {
	EP_UNKNOWN,	/* no connection yet: one pioneer at a time */
	EP_OPEN,	/* connected once: no gate any more */
	EP_FAILED,	/* refused, unreachable, connect timed out */
};

struct endpoint {
	struct node	 n;		/* key: family, port, address */
	size_t		 njobs;
	enum ep_state	 st;
	struct job	*pioneer;	/* the one that may connect */
	struct jlist	 held;		/* J_HELD, submission order */
};

struct job {
	struct job		*prev, *next;	/* queue, held or gated */
	struct job		*aprev, *anext;	/* every job */
	struct host		*host;
	struct endpoint		*ep;
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

struct engine {
	struct engine_opts	 o;
	int			 epfd;
	struct table		 htab;
	struct table		 etab;
	struct host		**hosts;	/* every host, for dispatch */
	size_t			 nhosts;
	size_t			 hosts_cap;
	size_t			 nidle;		/* hosts with njobs == 0 */
	size_t			 rr;		/* round-robin start */
	struct job		**heap;
	size_t			 heap_len;
	size_t			 heap_cap;
	struct jlist		 all;
	struct jlist		 gated;
	size_t			 njobs;
	int			 active;	/* jobs with a socket */
	int			 kick;		/* a job became startable */
	int			 dispatching;	/* hosts are being walked */
	int			 closing;
	int			 stopped;
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
	o->stop = NULL;
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
	case ENGINE_EREFUSED:
		return "connection refused";
	case ENGINE_EUNREACH:
		return "network unreachable";
	case ENGINE_ERESET:
		return "connection reset by peer";
	case ENGINE_EGATED:
		return "not tried: the first connection to this address and "
		    "port failed";
	case ENGINE_ESTOPPED:
		return "interrupted";
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

/* Job lists ----------------------------------------------------------- */

static void
jl_push(struct jlist *l, struct job *j)
{
	j->next = NULL;
	j->prev = l->tail;
	if (l->tail != NULL)
		l->tail->next = j;
	else
		l->head = j;
	l->tail = j;
}

static void
jl_unlink(struct jlist *l, struct job *j)
{
	if (j->prev != NULL)
		j->prev->next = j->next;
	else
		l->head = j->next;
	if (j->next != NULL)
		j->next->prev = j->prev;
	else
		l->tail = j->prev;
	j->prev = j->next = NULL;
}

/* The same for the list of every job, through the other links. */
static void
all_push(struct engine *e, struct job *j)
{
	j->anext = NULL;
	j->aprev = e->all.tail;
	if (e->all.tail != NULL)
		e->all.tail->anext = j;
	else
		e->all.head = j;
	e->all.tail = j;
}

static void
all_unlink(struct engine *e, struct job *j)
{
	if (j->aprev != NULL)
		j->aprev->anext = j->anext;
	else
		e->all.head = j->anext;
	if (j->anext != NULL)
		j->anext->aprev = j->aprev;
	else
		e->all.tail = j->aprev;
}

/* Hash tables --------------------------------------------------------- */

static uint32_t
hash_bytes(const void *p, size_t len)
{
	const uint8_t *s = p;
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 16777619u;
	}
	return h;
}

static struct node *
tab_find(const struct table *t, const void *key, size_t len, uint32_t h)
{
	struct node *n;

	if (t->nb == 0)
		return NULL;
	for (n = t->b[h % t->nb]; n != NULL; n = n->hnext)
		if (n->hash == h && n->keylen == len &&
		    memcmp(n->key, key, len) == 0)
			return n;
	return NULL;
}

/* Doubles the buckets; on allocation failure the chains just get longer. */
static void
tab_grow(struct table *t)
{
	size_t nb = t->nb == 0 ? TABLE_FIRST : t->nb * 2, i;
	struct node **b, *n, *next;

	if ((b = calloc(nb, sizeof(*b))) == NULL)
		return;
	for (i = 0; i < t->nb; i++)
		for (n = t->b[i]; n != NULL; n = next) {
			next = n->hnext;
			n->hnext = b[n->hash % nb];
			b[n->hash % nb] = n;
		}
	free(t->b);
	t->b = b;
	t->nb = nb;
}

static int
tab_add(struct table *t, struct node *n)
{
	if (t->n >= t->nb * 2)
		tab_grow(t);
	if (t->nb == 0)
		return ENGINE_ENOMEM;
	n->hnext = t->b[n->hash % t->nb];
	t->b[n->hash % t->nb] = n;
	t->n++;
	return 0;
}

static void
tab_del(struct table *t, struct node *n)
{
	struct node **pp;

	for (pp = &t->b[n->hash % t->nb]; *pp != NULL; pp = &(*pp)->hnext)
		if (*pp == n) {
			*pp = n->hnext;
			t->n--;
			return;
		}
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

/*
 * Puts j in the heap at time t, or moves it there.  Cannot fail:
 * engine_submit() keeps room for every job.
 */
static void
heap_set(struct engine *e, struct job *j, uint64_t t)
{
	j->timer = t;
	if (j->heap_idx == NO_HEAP) {
		j->heap_idx = e->heap_len;
		e->heap[e->heap_len++] = j;
	}
	heap_down(e, j->heap_idx);
	heap_up(e, j->heap_idx);
}

static void
heap_remove(struct engine *e, struct job *j)
{
	size_t i = j->heap_idx;

	if (i == NO_HEAP || i >= e->heap_len || e->heap[i] != j)
		return;
	e->heap_len--;
	if (i != e->heap_len) {
		e->heap[i] = e->heap[e->heap_len];
		e->heap[i]->heap_idx = i;
		heap_down(e, i);
		heap_up(e, i);
	}
	j->heap_idx = NO_HEAP;
}

/* now + ms, no later than the job's deadline. */
static uint64_t
timer_at(const struct job *j, int ms)
{
	uint64_t t = engine_now_ms() + (uint64_t)(ms > 0 ? ms : 1);

	if (j->deadline != 0 && j->deadline < t)
		t = j->deadline;
	return t;
}

/* A new wait starts: its own timeout from now (probe_ops.wait_ms). */
static void
wait_start(struct engine *e, struct job *j)
{
	int ms = 0;

	if (j->ops->wait_ms != NULL)
		ms = j->ops->wait_ms(j->arg);
	if (ms <= 0)
		ms = e->o.read_timeout_ms;
	heap_set(e, j, timer_at(j, ms));
}

/* Hosts and endpoints ------------------------------------------------- */

static struct host *
host_get(struct engine *e, const char *key)
{
	size_t len = strlen(key);
	uint32_t hv = hash_bytes(key, len);
	struct host *h, **nv;

	if ((h = (struct host *)tab_find(&e->htab, key, len, hv)) != NULL)
		return h;
	if (e->nhosts == e->hosts_cap) {
		if ((nv = grow(e->hosts, &e->hosts_cap, 16, sizeof(*nv))) ==
		    NULL)
			return NULL;
		e->hosts = nv;
	}
	if ((h = calloc(1, sizeof(*h) + len + 1)) == NULL)
		return NULL;
	memcpy(h + 1, key, len + 1);
	h->n.key = (const uint8_t *)(h + 1);
	h->n.keylen = len;
	h->n.hash = hv;
	h->limit = e->o.per_host;
	if (tab_add(&e->htab, &h->n) != 0) {
		free(h);
		return NULL;
	}
	h->idx = e->nhosts;
	e->hosts[e->nhosts++] = h;
	e->nidle++;
	return h;
}

/* Whether nothing about an idle host matters any more. */
static int
host_forgettable(const struct engine *e, const struct host *h, uint64_t now)
{
	if (h->njobs > 0 || h->limit < e->o.per_host || now < h->pause_until)
		return 0;
	return e->o.delay_ms <= 0 || !h->connected_once ||
	    now >= h->last_connect + (uint64_t)e->o.delay_ms;
}

/* Frees an idle host; never while dispatch() walks the hosts. */
static void
host_drop(struct engine *e, struct host *h)
{
	size_t i = h->idx;

	tab_del(&e->htab, &h->n);
	e->hosts[i] = e->hosts[--e->nhosts];
	e->hosts[i]->idx = i;
	e->nidle--;
	free(h);
}

/* Frees the idle hosts nothing depends on any more. */
static void
host_sweep(struct engine *e)
{
	uint64_t now = engine_now_ms();
	struct host *h;
	size_t i = 0;

	while (e->nidle > 0 && i < e->nhosts) {
		h = e->hosts[i];
		if (host_forgettable(e, h, now))
			host_drop(e, h);
		else
			i++;
	}
}

/* The endpoint key: family, port and address (and IPv6 scope). */
static size_t
ep_key(const struct sockaddr_storage *ss, socklen_t len, uint8_t *k)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;
	size_t n = 0;

	k[n++] = (uint8_t)ss->ss_family;
	if (ss->ss_family == AF_INET) {
		memcpy(k + n, &sin->sin_port, 2);
		memcpy(k + n + 2, &sin->sin_addr, 4);
		return n + 6;
	}
	if (ss->ss_family == AF_INET6) {
		memcpy(k + n, &sin6->sin6_port, 2);
		memcpy(k + n + 2, &sin6->sin6_addr, 16);
		memcpy(k + n + 18, &sin6->sin6_scope_id, 4);
		return n + 22;
	}
	memcpy(k, ss, len);
	return len;
}

static struct endpoint *
ep_get(struct engine *e, const struct sockaddr_storage *ss, socklen_t len)
{
	uint8_t key[sizeof(struct sockaddr_storage) + 1];
	size_t klen = ep_key(ss, len, key);
	uint32_t hv = hash_bytes(key, klen);
	struct endpoint *ep;

	if ((ep = (struct endpoint *)tab_find(&e->etab, key, klen, hv)) !=
	    NULL)
		return ep;
	if ((ep = calloc(1, sizeof(*ep) + klen)) == NULL)
		return NULL;
	memcpy(ep + 1, key, klen);
	ep->n.key = (const uint8_t *)(ep + 1);
	ep->n.keylen = klen;
	ep->n.hash = hv;
	if (tab_add(&e->etab, &ep->n) != 0) {
		free(ep);
		return NULL;
	}
	return ep;
}

static void
ep_free_if_unused(struct engine *e, struct endpoint *ep)
{
	if (ep->njobs > 0)
		return;
	tab_del(&e->etab, &ep->n);
	free(ep);
}

static void
host_ref(struct engine *e, struct host *h)
{
	if (h->njobs++ == 0)
		e->nidle--;
}

static void
host_unref(struct engine *e, struct host *h)
{
	if (--h->njobs == 0)
		e->nidle++;
}

/* Moves a job that may start now into its host's queue. */
static void
make_startable(struct engine *e, struct job *j)
{
	j->state = J_QUEUED;
	jl_push(&j->host->q, j);
	e->kick = 1;
}

/* The endpoint's gate after its pioneer j ended before connecting. */
static void
gate_after(struct engine *e, struct endpoint *ep, int status)
{
	struct job *j;

	ep->pioneer = NULL;
	if (ep->st != EP_UNKNOWN)
		return;
	if (status == ENGINE_EREFUSED || status == ENGINE_EUNREACH ||
	    status == ENGINE_ECTIMEOUT) {
		/* Nobody there: the others need not knock. */
		ep->st = EP_FAILED;
		while ((j = ep->held.head) != NULL) {
			jl_unlink(&ep->held, j);
			j->state = J_GATED;
			jl_push(&e->gated, j);
		}
		return;
	}
	/* Not the endpoint's answer (deadline, local error): next one. */
	if ((j = ep->held.head) != NULL) {
		jl_unlink(&ep->held, j);
		ep->pioneer = j;
		make_startable(e, j);
	}
}

/* The pioneer connected: the endpoint is open to everyone queued. */
static void
gate_open(struct engine *e, struct endpoint *ep)
{
	struct job *j;

	ep->pioneer = NULL;
	ep->st = EP_OPEN;
	while ((j = ep->held.head) != NULL) {
		jl_unlink(&ep->held, j);
		make_startable(e, j);
	}
}

int
engine_submit(struct engine *e, const struct sockaddr *addr,
    socklen_t addrlen, const char *hostkey, const struct probe_ops *ops,
    void *arg, uint64_t deadline_ms)
{
	struct job **nh;
	struct host *h;
	struct endpoint *ep;
	struct job *j;

	if (e->closing)
		return ENGINE_ECANCEL;
	if (e->stopped)
		return ENGINE_ESTOPPED;
	if (addrlen > sizeof(j->addr))
		return ENGINE_EINTERNAL;
	/* Room in the heap for every job, so that timers never fail. */
	if (e->njobs + 1 > e->heap_cap) {
		if ((nh = grow(e->heap, &e->heap_cap, 64, sizeof(*nh))) == NULL)
			return ENGINE_ENOMEM;
		e->heap = nh;
	}
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return ENGINE_ENOMEM;
	memcpy(&j->addr, addr, addrlen);
	j->addrlen = addrlen;
	if ((h = host_get(e, hostkey)) == NULL ||
	    (ep = ep_get(e, &j->addr, addrlen)) == NULL) {
		free(j);
		return ENGINE_ENOMEM;
	}
	j->host = h;
	j->ep = ep;
	j->ops = ops;
	j->arg = arg;
	j->deadline = deadline_ms;
	j->fd = -1;
	j->heap_idx = NO_HEAP;
	wbuf_init(&j->out, MAX_OUTPUT);
	host_ref(e, h);
	ep->njobs++;
	all_push(e, j);
	e->njobs++;
	if (deadline_ms != 0)
		heap_set(e, j, deadline_ms);
	switch (ep->st) {
	case EP_OPEN:
		make_startable(e, j);
		break;
	case EP_FAILED:
		/* Ends from the loop: on_end never runs inside a submit. */
		j->state = J_GATED;
		jl_push(&e->gated, j);
		e->kick = 1;
		break;
	default:
		if (ep->pioneer == NULL) {
			ep->pioneer = j;
			make_startable(e, j);
		} else {
			j->state = J_HELD;
			jl_push(&ep->held, j);
		}
		break;
	}
	return 0;
}

uint64_t
engine_connections(const struct engine *e)
{
	return e->connections;
}

void
engine_host_throttle(struct engine *e, const char *hostkey, int limit,
    int pause_ms)
{
	struct host *h;
	uint64_t until;

	if (e->closing || (h = host_get(e, hostkey)) == NULL)
		return;
	if (limit < 1)
		limit = 1;
	if (limit < h->limit)
		h->limit = limit;
	if (pause_ms > 0) {
		until = engine_now_ms() + (uint64_t)pause_ms;
		if (until > h->pause_until)
			h->pause_until = until;
	}
}

/* Jobs ---------------------------------------------------------------- */

/*
 * Ends a job: takes it out of wherever it waits, closes its socket,
 * frees it, then tells the probe.  Its endpoint and host go once no job
 * refers to them, checked after on_end, which may submit to them again
 * (a host held by --delay or throttling stays for host_sweep()).
 */
static void
finish(struct engine *e, struct job *j, int status)
{
	const struct probe_ops *ops = j->ops;
	struct endpoint *ep = j->ep;
	struct host *h = j->host;
	void *arg = j->arg;

	switch (j->state) {
	case J_QUEUED:
		jl_unlink(&j->host->q, j);
		break;
	case J_HELD:
		jl_unlink(&ep->held, j);
		break;
	case J_GATED:
		jl_unlink(&e->gated, j);
		break;
	default:
		break;
	}
	if (j->fd != -1) {
		epoll_ctl(e->epfd, EPOLL_CTL_DEL, j->fd, NULL);
		close(j->fd);
		j->host->inflight--;
		e->active--;
	}
	if (ep->pioneer == j)
		gate_after(e, ep, status);
	heap_remove(e, j);
	all_unlink(e, j);
	e->njobs--;
	host_unref(e, j->host);
	ep->njobs--;
	wbuf_release(&j->out);
	free(j->in);
	free(j);
	ops->on_end(arg, status);
	ep_free_if_unused(e, ep);
	if (!e->dispatching && host_forgettable(e, h, engine_now_ms()))
		host_drop(e, h);
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
 * wait in the requested mode.  progress says whether the callback moved
 * on (the wait's timer restarts) or only asked to go on waiting.
 */
static void
apply(struct engine *e, struct job *j, int rc, int progress)
{
	enum job_state st;
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
		/* Queued output is progress; its sending is a wait too. */
		j->state = J_WRITING;
		if ((r = watch(e, j, EPOLLOUT)) != 0) {
			finish(e, j, r);
			return;
		}
		wait_start(e, j);
		step_write(e, j);
		return;
	}
	wbuf_reset(&j->out);
	j->out_off = 0;
	st = rc == PROBE_READ ? J_READING : rc == PROBE_FD_READ ? J_FD_READ :
	    J_FD_WRITE;
	if (st != j->state) {
		j->state = st;
		if ((r = watch(e, j, st == J_FD_WRITE ? EPOLLOUT :
		    EPOLLIN)) != 0) {
			finish(e, j, r);
			return;
		}
		progress = 1;
	}
	if (progress)
		wait_start(e, j);
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
	/* All sent: the wait for what comes back starts now. */
	apply(e, j, j->after_write, 1);
}

/* Hands the buffered bytes to the probe until it wants more or is done. */
static void
deliver(struct engine *e, struct job *j)
{
	size_t consumed;
	int rc, progress = 0;

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
			progress = 1;
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
		/* Bytes that completed nothing leave the timer alone. */
		if (progress)
			wait_start(e, j);
		return;
	}
	apply(e, j, rc, 1);
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
		rc = n == 0 ? ENGINE_ECLOSED : ENGINE_ERESET;
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

/* A failed connect in the engine's terms. */
static int
connect_status(int err)
{
	switch (err) {
	case ECONNREFUSED:
		return ENGINE_EREFUSED;
	case ENETUNREACH:
	case EHOSTUNREACH:
	case EADDRNOTAVAIL:
	case ENETDOWN:
	case EHOSTDOWN:
		return ENGINE_EUNREACH;
	case ETIMEDOUT:
		return ENGINE_ECTIMEOUT;
	default:
		return ENGINE_ECONNECT;
	}
}

static void
step_connected(struct engine *e, struct job *j)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(j->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1) {
		finish(e, j, ENGINE_ECONNECT);
		return;
	}
	if (err == ECONNRESET || err == EPIPE) {
		/* Accepted, then reset before we looked: the peer is there. */
		if (j->ep->pioneer == j)
			gate_open(e, j->ep);
		finish(e, j, ENGINE_ECLOSED);
		return;
	}
	if (err != 0) {
		finish(e, j, connect_status(err));
		return;
	}
	if (j->ep->pioneer == j)
		gate_open(e, j->ep);
	apply(e, j, j->ops->on_connect(j->arg, j->fd, &j->out), 1);
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
	heap_set(e, j, timer_at(j, e->o.connect_timeout_ms));
	if (connect(fd, (struct sockaddr *)&j->addr, j->addrlen) == -1 &&
	    errno != EINPROGRESS) {
		finish(e, j, connect_status(errno));
		return;
	}
	/* Completion (or refusal) is reported as writability. */
}

/* The earlier of two wake-up times, 0 meaning none. */
static uint64_t
earlier(uint64_t a, uint64_t b)
{
	return a == 0 || (b != 0 && b < a) ? b : a;
}

/*
 * Ends gated jobs, then starts queued jobs while the limits allow.
 * Returns the earliest time a host held back by --delay or by throttling
 * becomes ready (0 if none).
 */
static uint64_t
dispatch(struct engine *e)
{
	uint64_t now, wake = 0;
	struct host *h;
	struct job *j;
	size_t k, n;

	if (e->nidle > 0)
		host_sweep(e);
	e->kick = 0;
	e->dispatching = 1;
	while ((j = e->gated.head) != NULL)
		finish(e, j, ENGINE_EGATED);
	/* Hosts added by callbacks below get their turn next time. */
	n = e->nhosts;
	for (k = 0; k < n && e->active < e->o.max_inflight; k++) {
		h = e->hosts[(e->rr + k) % n];
		while ((j = h->q.head) != NULL) {
			now = engine_now_ms();
			if (j->deadline != 0 && now >= j->deadline) {
				finish(e, j, ENGINE_EBUDGET);
				continue;
			}
			if (e->active >= e->o.max_inflight ||
			    h->inflight >= h->limit)
				break;
			if (now < h->pause_until) {
				wake = earlier(wake, h->pause_until);
				break;
			}
			if (e->o.delay_ms > 0 && h->connected_once &&
			    now < h->last_connect + (uint64_t)e->o.delay_ms) {
				wake = earlier(wake, h->last_connect +
				    (uint64_t)e->o.delay_ms);
				break;
			}
			jl_unlink(&h->q, j);
			start(e, j);
		}
	}
	e->dispatching = 0;
	e->rr = e->nhosts > 0 ? (e->rr + 1) % e->nhosts : 0;
	return wake;
}

/* Timers that ran out: connect, wait, or the deadline. */
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

/* Ends every job with status; on_end may not add any (see submit). */
static void
end_all(struct engine *e, int status)
{
	while (e->all.head != NULL)
		finish(e, e->all.head, status);
}

static void
on_event(struct engine *e, struct job *j)
{
	int rc, same;

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
		/* Readiness alone is no progress; a change of direction is. */
		rc = j->ops->on_ready(j->arg, j->fd);
		same = (rc == PROBE_FD_READ && j->state == J_FD_READ) ||
		    (rc == PROBE_FD_WRITE && j->state == J_FD_WRITE);
		apply(e, j, rc, !same);
		break;
	default:
		break;
	}
}

int
engine_run(struct engine *e)
{
	struct epoll_event evs[64];
	uint64_t wake, now, next;
	int n, i, timeout;

	for (;;) {
		if (e->o.stop != NULL && *e->o.stop != 0) {
			e->stopped = 1;
			end_all(e, ENGINE_ESTOPPED);
			return 0;
		}
		wake = dispatch(e);
		if (e->njobs == 0)
			return 0;
		now = engine_now_ms();
		next = wake;
		if (e->heap_len > 0)
			next = earlier(next, e->heap[0]->timer);
		if (e->kick || e->gated.head != NULL)
			timeout = 0;
		else if (next == 0)
			timeout = e->active > 0 ? 1000 : 10;
		else
			timeout = next <= now ? 0 : (int)(next - now);
		n = epoll_wait(e->epfd, evs, 64, timeout);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return ENGINE_EINTERNAL;
		}
		/*
		 * A job finished by its own earlier callback is never in this
		 * batch twice (one event per fd), and no callback finishes
		 * another job that has a socket, so each j is live.
		 */
		for (i = 0; i < n; i++)
			on_event(e, evs[i].data.ptr);
		expire(e);
	}
}

void
engine_free(struct engine **ep)
{
	struct engine *e;
	struct node *nd, *next;
	size_t i;

	if (ep == NULL || (e = *ep) == NULL)
		return;
	e->closing = 1;
	e->dispatching = 0;
	end_all(e, ENGINE_ECANCEL);
	for (i = 0; i < e->nhosts; i++)
		free(e->hosts[i]);
	/* Endpoints go with their last job; this is only a safety net. */
	for (i = 0; i < e->etab.nb; i++)
		for (nd = e->etab.b[i]; nd != NULL; nd = next) {
			next = nd->hnext;
			free(nd);
		}
	free(e->htab.b);
	free(e->etab.b);
	free(e->hosts);
	free(e->heap);
	close(e->epfd);
	free(e);
	*ep = NULL;
}

