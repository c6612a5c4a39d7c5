/*
 * The engine's contract (scanner/engine.h) against a small server thread on
 * 127.0.0.1: the per-host limit as the server sees it, the pacing delay,
 * read timeouts, the input cap, refused connects, and on_eof; the progress
 * rule (a trickle is not progress), the endpoint gate, the stop flag,
 * throttling and flat memory.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <sys/time.h>

#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "scanner/engine.h"

/*
 * M_TRICKLE sends one byte every TICK_MS to every connection and
 * M_LINES one line every 4 ticks: neither ever answers "HELLO".
 */
enum mode { M_ANSWER, M_SILENT, M_FLOOD, M_PARTIAL, M_TRICKLE, M_LINES };

#define TICK_MS	50

struct server {
	int		 lfd;
	int		 port;
	enum mode	 mode;
	int		 stop;
	int		 open;		/* connections open now */
	int		 max_open;	/* most at once */
	int		 accepted;
	pthread_t	 th;
};

/* A client that went away shows up as EOF on the next read. */
static void
put(int fd, const void *b, size_t n)
{
	ssize_t r = send(fd, b, n, MSG_NOSIGNAL);

	(void)r;
}

static void *
serve(void *arg)
{
	struct server *s = arg;
	struct pollfd pf[65];
	char buf[4096], flood[8192];
	uint64_t next_tick = engine_now_ms() + TICK_MS;
	unsigned ticks = 0;
	int n = 1, i, fd;
	ssize_t r;

	memset(flood, 'x', sizeof(flood));
	pf[0].fd = s->lfd;
	pf[0].events = POLLIN;
	while (!__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST)) {
		if (engine_now_ms() >= next_tick) {
			next_tick += TICK_MS;
			ticks++;
			for (i = 1; i < n; i++)
				if (s->mode == M_TRICKLE)
					put(pf[i].fd, "x", 1);
				else if (s->mode == M_LINES && ticks % 4 == 0)
					put(pf[i].fd, "L\n", 2);
		}
		if (poll(pf, (nfds_t)n, 10) <= 0)
			continue;
		/* Closes before accepts, so open never counts a closed one. */
		for (i = 1; i < n; i++) {
			if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = read(pf[i].fd, buf, sizeof(buf));
			if (r <= 0) {
				close(pf[i].fd);
				pf[i] = pf[--n];
				s->open--;
				i--;
				continue;
			}
			if (s->mode == M_ANSWER)
				put(pf[i].fd, "HELLO\n", 6);
			else if (s->mode == M_FLOOD)
				put(pf[i].fd, flood, sizeof(flood));
		}
		if ((pf[0].revents & POLLIN) && n < 65 &&
		    (fd = accept(s->lfd, NULL, NULL)) != -1) {
			pf[n].fd = fd;
			pf[n].events = POLLIN;
			pf[n].revents = 0;
			n++;
			s->accepted++;
			if (++s->open > s->max_open)
				s->max_open = s->open;
			if (s->mode == M_PARTIAL) {
				put(fd, "part", 4);
				shutdown(fd, SHUT_WR);
			}
		}
	}
	for (i = 1; i < n; i++)
		close(pf[i].fd);
	return NULL;
}

static void
server_start(struct server *s, enum mode m)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	sigset_t set, old;

	memset(s, 0, sizeof(*s));
	s->mode = m;
	assert_true((s->lfd = socket(AF_INET, SOCK_STREAM, 0)) != -1);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(s->lfd, 64), 0);
	assert_int_equal(getsockname(s->lfd, (struct sockaddr *)&sa, &len), 0);
	s->port = ntohs(sa.sin_port);
	/* SIGALRM (the stop test) must interrupt the engine, not this. */
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	assert_int_equal(pthread_create(&s->th, NULL, serve, s), 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void
server_stop(struct server *s)
{
	__atomic_store_n(&s->stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(s->th, NULL);
	close(s->lfd);
}

/*
 * One probe's record.  With again set, on_end submits again to the same
 * endpoint (once), as a plan that adapts to an answer would.
 */
struct probe {
	int		 status;
	int		 ended;
	int		 got_hello;
	int		 lines;
	uint64_t	 conns_at_connect;	/* engine_connections() then */
	uint64_t	 ended_ms;
	char		 eof[16];
	struct probe	*again;
};

/* The engine of the running test, for callbacks that look at it. */
static struct engine *cur;
static struct sockaddr_in cur_sa;

static int
p_connect(void *arg, int fd, struct wbuf *out)
{
	struct probe *p = arg;

	(void)fd;
	if (cur != NULL)
		p->conns_at_connect = engine_connections(cur);
	(void)wbuf_put_bytes(out, "hi\n", 3);
	return PROBE_READ;
}

static int
p_data(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct probe *p = arg;

	(void)out;
	if (len >= 6 && memcmp(in, "HELLO\n", 6) == 0) {
		p->got_hello = 1;
		*consumed = 6;
		return PROBE_DONE;
	}
	return PROBE_READ;	/* never consumes: the cap must stop it */
}

/* Needs four lines; consumes each as it comes. */
static int
p_lines(void *arg, const uint8_t *in, size_t len, size_t *consumed,
    struct wbuf *out)
{
	struct probe *p = arg;
	const uint8_t *nl;

	(void)out;
	if ((nl = memchr(in, '\n', len)) == NULL)
		return PROBE_READ;
	*consumed = (size_t)(nl - in) + 1;
	return ++p->lines == 4 ? PROBE_DONE : PROBE_READ;
}

static int
p_eof(void *arg, const uint8_t *in, size_t len)
{
	struct probe *p = arg;

	if (len >= sizeof(p->eof))
		return ENGINE_EPROTO;
	memcpy(p->eof, in, len);
	return PROBE_DONE;
}

static const struct probe_ops ops;

static void
p_end(void *arg, int status)
{
	struct probe *p = arg;

	p->status = status;
	p->ended++;
	p->ended_ms = engine_now_ms();
	if (p->again != NULL && cur != NULL) {
		assert_int_equal(engine_submit(cur, (struct sockaddr *)&cur_sa,
		    sizeof(cur_sa), "127.0.0.1", &ops, p->again, 0), 0);
		p->again = NULL;
	}
}

/* Fd mode: reads (and drops) whatever is there, never done. */
static int
p_fd_connect(void *arg, int fd, struct wbuf *out)
{
	(void)arg;
	(void)fd;
	(void)out;
	return PROBE_FD_READ;
}

static int
p_fd_ready(void *arg, int fd)
{
	char b[64];

	(void)arg;
	if (recv(fd, b, sizeof(b), 0) == 0)
		return ENGINE_ECLOSED;
	return PROBE_FD_READ;
}

static int
p_wait_long(void *arg)
{
	(void)arg;
	return 600;
}

static const struct probe_ops ops = {
	.name = "test",
	.max_input = 1024,
	.on_connect = p_connect,
	.on_data = p_data,
	.on_end = p_end,
};

static const struct probe_ops ops_eof = {
	.name = "test-eof",
	.on_connect = p_connect,
	.on_data = p_data,
	.on_eof = p_eof,
	.on_end = p_end,
};

static const struct probe_ops ops_lines = {
	.name = "test-lines",
	.on_connect = p_connect,
	.on_data = p_lines,
	.on_end = p_end,
};

static const struct probe_ops ops_fd = {
	.name = "test-fd",
	.on_connect = p_fd_connect,
	.on_ready = p_fd_ready,
	.on_end = p_end,
};

static const struct probe_ops ops_wait = {
	.name = "test-wait",
	.on_connect = p_connect,
	.on_data = p_data,
	.on_end = p_end,
	.wait_ms = p_wait_long,
};

static struct sockaddr_in
loopback(int port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sa;
}

/*
 * Runs n probes of po against port; returns the elapsed milliseconds and
 * the connections the engine opened in *conns.  pre, when set, runs on
 * the engine before engine_run().
 */
static uint64_t
run_ex(const struct engine_opts *o, int port, struct probe *p, int n,
    const struct probe_ops *po, uint64_t *conns,
    void (*pre)(struct engine *))
{
	struct engine *e;
	uint64_t t0;
	int i;

	cur_sa = loopback(port);
	assert_non_null(e = engine_new(o));
	cur = e;
	for (i = 0; i < n; i++)
		assert_int_equal(engine_submit(e, (struct sockaddr *)&cur_sa,
		    sizeof(cur_sa), "127.0.0.1", po, &p[i], 0), 0);
	if (pre != NULL)
		pre(e);
	t0 = engine_now_ms();
	assert_int_equal(engine_run(e), 0);
	t0 = engine_now_ms() - t0;
	*conns = engine_connections(e);
	cur = NULL;
	engine_free(&e);
	for (i = 0; i < n; i++)
		assert_int_equal(p[i].ended, 1);
	return t0;
}

/* The same, where every probe must have had its own connection. */
static uint64_t
run(const struct engine_opts *o, int port, struct probe *p, int n,
    const struct probe_ops *po)
{
	uint64_t conns, ms;

	ms = run_ex(o, port, p, n, po, &conns, NULL);
	assert_int_equal((int)conns, n);
	return ms;
}

/* One probe of po against a fresh server in mode m; its status. */
static int
one_probe(const struct engine_opts *o, enum mode m,
    const struct probe_ops *po, struct probe *p)
{
	struct server s;

	memset(p, 0, sizeof(*p));
	server_start(&s, m);
	run(o, s.port, p, 1, po);
	server_stop(&s);
	return p->status;
}

/* A port nothing listens on (it did a moment ago). */
static int
closed_port(void)
{
	struct server s;
	int port;

	server_start(&s, M_ANSWER);
	port = s.port;
	server_stop(&s);
	return port;
}

static void
test_per_host_limit(void **state)
{
	struct engine_opts o;
	struct server s;
	struct probe p[24];
	int i;

	(void)state;
	memset(p, 0, sizeof(p));
	engine_opts_default(&o);
	o.per_host = 3;
	server_start(&s, M_ANSWER);
	run(&o, s.port, p, 24, &ops);
	server_stop(&s);
	for (i = 0; i < 24; i++) {
		assert_int_equal(p[i].status, 0);
		assert_true(p[i].got_hello);
	}
	assert_int_equal(s.accepted, 24);
	assert_true(s.max_open <= 3);
	assert_true(s.max_open >= 2);	/* and it does run them in parallel */
}

static void
test_delay(void **state)
{
	struct engine_opts o;
	struct server s;
	struct probe p[5];

	(void)state;
	memset(p, 0, sizeof(p));
	engine_opts_default(&o);
	o.per_host = 4;
	o.delay_ms = 40;
	server_start(&s, M_ANSWER);
	/* Five connects, each at least 40 ms after the one before. */
	assert_true(run(&o, s.port, p, 5, &ops) >= 4 * 40);
	server_stop(&s);
	assert_int_equal(p[4].status, 0);
}

static void
test_timeout_and_cap(void **state)
{
	struct engine_opts o;
	struct server s;
	struct probe p[2];
	uint64_t ms;

	(void)state;
	memset(p, 0, sizeof(p));
	engine_opts_default(&o);
	o.read_timeout_ms = 150;
	server_start(&s, M_SILENT);
	ms = run(&o, s.port, p, 2, &ops);
	server_stop(&s);
	assert_int_equal(p[0].status, ENGINE_ETIMEOUT);
	assert_int_equal(p[1].status, ENGINE_ETIMEOUT);
	assert_true(ms >= 150 && ms < 2000);
	assert_int_equal(one_probe(&o, M_FLOOD, &ops, &p[0]),
	    ENGINE_ETOOBIG);
}

/*
 * A peer that sends one byte every 50 ms never completes an answer: the
 * read times out read_timeout after the wait began, in byte mode and in
 * fd mode alike (before, every byte restarted the timer: the 1024-byte
 * cap would have ended it after 51 s).  Bytes the probe consumes are
 * progress: four lines 200 ms apart pass a 500 ms timeout.
 */
static void
test_trickle_is_not_progress(void **state)
{
	struct engine_opts o;
	struct server s;
	struct probe p[2];
	uint64_t ms;

	(void)state;
	engine_opts_default(&o);
	o.read_timeout_ms = 300;
	memset(p, 0, sizeof(p));
	server_start(&s, M_TRICKLE);
	ms = run(&o, s.port, p, 1, &ops);
	assert_int_equal(p[0].status, ENGINE_ETIMEOUT);
	assert_true(ms >= 300 && ms < 300 + 2000);
	memset(p, 0, sizeof(p));
	ms = run(&o, s.port, p, 1, &ops_fd);
	assert_int_equal(p[0].status, ENGINE_ETIMEOUT);
	assert_true(ms >= 300 && ms < 300 + 2000);
	server_stop(&s);

	o.read_timeout_ms = 500;
	memset(p, 0, sizeof(p));
	server_start(&s, M_LINES);
	ms = run(&o, s.port, p, 1, &ops_lines);
	server_stop(&s);
	assert_int_equal(p[0].status, 0);
	assert_int_equal(p[0].lines, 4);
	assert_true(ms > 500);
}

/* probe_ops.wait_ms sets the wait's timeout instead of read_timeout. */
static void
test_wait_ms(void **state)
{
	struct engine_opts o;
	struct server s;
	struct probe p[1];
	uint64_t ms;

	(void)state;
	engine_opts_default(&o);
	o.read_timeout_ms = 100;
	memset(p, 0, sizeof(p));
	server_start(&s, M_SILENT);
	ms = run(&o, s.port, p, 1, &ops_wait);
	server_stop(&s);
	assert_int_equal(p[0].status, ENGINE_ETIMEOUT);
	assert_true(ms >= 600 && ms < 600 + 2000);
}

static void
test_refused_and_eof(void **state)
{
	struct engine_opts o;
	struct probe p[1];

	(void)state;
	engine_opts_default(&o);
	memset(p, 0, sizeof(p));
	run(&o, closed_port(), p, 1, &ops);
	assert_int_equal(p[0].status, ENGINE_EREFUSED);

	/* A peer that closes: on_eof may call it an answer, else ECLOSED. */
	assert_int_equal(one_probe(&o, M_PARTIAL, &ops_eof, &p[0]), 0);
	assert_string_equal(p[0].eof, "part");
	assert_int_equal(one_probe(&o, M_PARTIAL, &ops, &p[0]),
	    ENGINE_ECLOSED);
}

/*
 * The endpoint gate: of eight probes to a refused port only the first
 * connects; the others, and one submitted from an on_end afterwards, end
 * with EGATED and no connection.  On an open port the first connects
 * alone and the rest follow in parallel.
 */
static void
test_gate(void **state)
{
	struct engine_opts o;
	struct server s;
	struct probe p[8], late;
	uint64_t conns;
	int i, most = 0;

	(void)state;
	engine_opts_default(&o);
	memset(p, 0, sizeof(p));
	memset(&late, 0, sizeof(late));
	p[3].again = &late;
	run_ex(&o, closed_port(), p, 8, &ops, &conns, NULL);
	assert_int_equal((int)conns, 1);
	assert_int_equal(p[0].status, ENGINE_EREFUSED);
	for (i = 1; i < 8; i++)
		assert_int_equal(p[i].status, ENGINE_EGATED);
	assert_int_equal(late.ended, 1);
	assert_int_equal(late.status, ENGINE_EGATED);

	memset(p, 0, sizeof(p));
	server_start(&s, M_ANSWER);
	run(&o, s.port, p, 8, &ops);
	server_stop(&s);
	assert_int_equal((int)p[0].conns_at_connect, 1);
	for (i = 0; i < 8; i++) {
		assert_int_equal(p[i].status, 0);
		if ((int)p[i].conns_at_connect > most)
			most = (int)p[i].conns_at_connect;
	}
	assert_true(most >= 2);
	assert_true(s.max_open <= 4);
}

/*
 * A connect that times out closes the gate too.  A listener with a
 * backlog of 0, whose one slot a connection of ours fills, drops SYNs.
 */
static void
test_gate_connect_timeout(void **state)
{
	struct sockaddr_in sa = loopback(0);
	socklen_t len = sizeof(sa);
	struct engine_opts o;
	struct probe p[4];
	uint64_t conns, ms;
	int lfd, cfd;
	int i;

	(void)state;
	assert_true((lfd = socket(AF_INET, SOCK_STREAM, 0)) != -1);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 0), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)&sa, &len), 0);
	assert_true((cfd = socket(AF_INET, SOCK_STREAM, 0)) != -1);
	assert_int_equal(connect(cfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	engine_opts_default(&o);
	o.connect_timeout_ms = 300;
	memset(p, 0, sizeof(p));
	ms = run_ex(&o, ntohs(sa.sin_port), p, 4, &ops, &conns, NULL);
	close(cfd);
	close(lfd);
	assert_int_equal((int)conns, 1);
	assert_int_equal(p[0].status, ENGINE_ECTIMEOUT);
	for (i = 1; i < 4; i++)
		assert_int_equal(p[i].status, ENGINE_EGATED);
	assert_true(ms >= 300 && ms < 300 + 2000);
}

static volatile sig_atomic_t stop_flag;

static void
on_alarm(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/*
 * The stop flag, set by a signal handler 200 ms into a run of probes that
 * would wait 10 s: every job, in flight or queued, ends with ESTOPPED at
 * once, and a submit afterwards is refused without on_end.
 */
static void
test_stop(void **state)
{
	struct itimerval it = { { 0, 0 }, { 0, 200000 } };
	struct sigaction sa, old;
	struct engine_opts o;
	struct server s;
	struct sockaddr_in addr;
	struct probe p[6], after;
	struct engine *e;
	uint64_t t0;
	int i;

	(void)state;
	memset(p, 0, sizeof(p));
	memset(&after, 0, sizeof(after));
	engine_opts_default(&o);
	o.read_timeout_ms = 10000;
	o.per_host = 2;
	stop_flag = 0;
	o.stop = &stop_flag;
	server_start(&s, M_SILENT);
	addr = loopback(s.port);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);
	assert_non_null(e = engine_new(&o));
	for (i = 0; i < 6; i++)
		assert_int_equal(engine_submit(e, (struct sockaddr *)&addr,
		    sizeof(addr), "127.0.0.1", &ops, &p[i], 0), 0);
	t0 = engine_now_ms();
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	assert_int_equal(engine_run(e), 0);
	t0 = engine_now_ms() - t0;
	assert_int_equal(engine_submit(e, (struct sockaddr *)&addr,
	    sizeof(addr), "127.0.0.1", &ops, &after, 0), ENGINE_ESTOPPED);
	assert_int_equal((int)engine_connections(e), 2);
	engine_free(&e);
	sigaction(SIGALRM, &old, NULL);
	server_stop(&s);
	for (i = 0; i < 6; i++) {
		assert_int_equal(p[i].ended, 1);
		assert_int_equal(p[i].status, ENGINE_ESTOPPED);
	}
	assert_int_equal(after.ended, 0);
	assert_true(t0 >= 200 && t0 < 200 + 2000);
}

static void
throttle_before(struct engine *e)
{
	engine_host_throttle(e, "127.0.0.1", 1, 300);
	engine_host_throttle(e, "127.0.0.1", 3, 0);	/* never raises */
}

/*
 * engine_host_throttle(): one connection at a time from then on, none
 * before the pause is over.
 */
static void
test_throttle(void **state)
{
	struct engine_opts o;
	struct server s;
	struct probe p[4];
	uint64_t conns, ms;
	int i;

	(void)state;
	memset(p, 0, sizeof(p));
	engine_opts_default(&o);
	o.per_host = 4;
	server_start(&s, M_ANSWER);
	ms = run_ex(&o, s.port, p, 4, &ops, &conns, throttle_before);
	server_stop(&s);
	assert_int_equal((int)conns, 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(p[i].status, 0);
	assert_int_equal(s.max_open, 1);
	assert_true(ms >= 300 && ms < 300 + 2000);
}

/* Memory of a chain of probes, each to a new host and port. */
struct chain {
	struct engine	*e;
	int		 left;
	int		 n;
	size_t		 inuse_early;
	size_t		 inuse_late;
};

static void chain_next(struct chain *);

static void
chain_end(void *arg, int status)
{
	struct chain *c = arg;

	assert_int_equal(status, ENGINE_EBUDGET);
	chain_next(c);
}

static const struct probe_ops ops_chain = {
	.name = "test-chain",
	.on_connect = p_connect,
	.on_data = p_data,
	.on_end = chain_end,
};

/* Submits the next probe of the chain; its deadline is already over. */
static void
chain_next(struct chain *c)
{
	struct sockaddr_in sa = loopback(1 + c->n % 60000);
	char key[32];

	if (c->n == 100)
		c->inuse_early = mallinfo2().uordblks;
	if (c->n == 10000)
		c->inuse_late = mallinfo2().uordblks;
	if (c->left-- == 0)
		return;
	snprintf(key, sizeof(key), "10.%d.%d.%d", c->n >> 16,
	    (c->n >> 8) & 255, c->n & 255);
	c->n++;
	assert_int_equal(engine_submit(c->e, (struct sockaddr *)&sa,
	    sizeof(sa), key, &ops_chain, c, 1), 0);
}

/*
 * Hosts and endpoints that nothing refers to any more are freed: 10,000
 * probes to 10,000 hosts, one after the other, end with the memory in
 * use it had after 100 (before, every host stayed until engine_free).
 * The probes' deadline is over before they start: no packet is sent.
 */
static void
test_memory_flat(void **state)
{
	struct engine_opts o;
	struct chain c;

	(void)state;
	engine_opts_default(&o);
	memset(&c, 0, sizeof(c));
	c.left = 10001;
	assert_non_null(c.e = engine_new(&o));
	chain_next(&c);
	assert_int_equal(engine_run(c.e), 0);
	assert_int_equal((int)engine_connections(c.e), 0);
	engine_free(&c.e);
	assert_int_equal(c.n, 10001);
	if (c.inuse_late >= c.inuse_early + 16384)
		fail_msg("memory in use: %zu bytes after 100 probes, %zu after "
		    "10,000", c.inuse_early, c.inuse_late);
}

/* Probes still queued when the engine is freed end with ECANCEL. */
static void
test_cancel_before_run(void **state)
{
	struct sockaddr_in sa = loopback(9);
	struct engine_opts o;
	struct engine *e;
	struct probe p[3];
	int i;

	(void)state;
	memset(p, 0, sizeof(p));
	engine_opts_default(&o);
	assert_non_null(e = engine_new(&o));
	for (i = 0; i < 3; i++)
		assert_int_equal(engine_submit(e, (struct sockaddr *)&sa,
		    sizeof(sa), "127.0.0.1", &ops, &p[i], 0), 0);
	engine_free(&e);
	assert_null(e);
	for (i = 0; i < 3; i++) {
		assert_int_equal(p[i].ended, 1);
		assert_int_equal(p[i].status, ENGINE_ECANCEL);
	}
	assert_int_equal(p[0].got_hello, 0);
}

/* The words reports and golden tests show for each status. */
static void
test_errstr(void **state)
{
	(void)state;
	assert_string_equal(engine_errstr(0), "success");
	assert_string_equal(engine_errstr(ENGINE_ECONNECT),
	    "connection failed");
	assert_string_equal(engine_errstr(ENGINE_EREFUSED),
	    "connection refused");
	assert_string_equal(engine_errstr(ENGINE_EUNREACH),
	    "network unreachable");
	assert_string_equal(engine_errstr(ENGINE_ERESET),
	    "connection reset by peer");
	assert_string_equal(engine_errstr(ENGINE_ECTIMEOUT),
	    "connect timed out");
	assert_string_equal(engine_errstr(ENGINE_ESTOPPED), "interrupted");
	assert_non_null(strstr(engine_errstr(ENGINE_EGATED), "first "
	    "connection"));
	assert_string_equal(engine_errstr(ENGINE_ETIMEOUT), "read timed out");
	assert_string_equal(engine_errstr(ENGINE_ECLOSED),
	    "connection closed by peer");
	assert_string_equal(engine_errstr(ENGINE_ETOOBIG), "answer too large");
	assert_string_equal(engine_errstr(ENGINE_EBUDGET),
	    "time budget exhausted");
	assert_string_equal(engine_errstr(-1), "internal error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_per_host_limit),
		cmocka_unit_test(test_delay),
		cmocka_unit_test(test_timeout_and_cap),
		cmocka_unit_test(test_trickle_is_not_progress),
		cmocka_unit_test(test_wait_ms),
		cmocka_unit_test(test_refused_and_eof),
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_gate_connect_timeout),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_throttle),
		cmocka_unit_test(test_memory_flat),
		cmocka_unit_test(test_cancel_before_run),
		cmocka_unit_test(test_errstr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
