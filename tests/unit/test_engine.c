/*
 * The engine's contract (scanner/engine.h) against a small server thread on
 * 127.0.0.1: the per-host limit as the server sees it, the pacing delay,
 * read timeouts, the input cap, refused connects, and on_eof.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "scanner/engine.h"

enum mode { M_ANSWER, M_SILENT, M_FLOOD, M_PARTIAL };

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
	int n = 1, i, fd;
	ssize_t r;

	memset(flood, 'x', sizeof(flood));
	pf[0].fd = s->lfd;
	pf[0].events = POLLIN;
	while (!__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST)) {
		if (poll(pf, (nfds_t)n, 20) <= 0)
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
	assert_int_equal(pthread_create(&s->th, NULL, serve, s), 0);
}

static void
server_stop(struct server *s)
{
	__atomic_store_n(&s->stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(s->th, NULL);
	close(s->lfd);
}

struct probe {
	int	 status;
	int	 ended;
	int	 got_hello;
	char	 eof[16];
};

static int
p_connect(void *arg, int fd, struct wbuf *out)
{
	(void)arg;
	(void)fd;
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

static int
p_eof(void *arg, const uint8_t *in, size_t len)
{
	struct probe *p = arg;

	if (len >= sizeof(p->eof))
		return ENGINE_EPROTO;
	memcpy(p->eof, in, len);
	return PROBE_DONE;
}

static void
p_end(void *arg, int status)
{
	struct probe *p = arg;

	p->status = status;
	p->ended++;
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

/* Runs n probes of ops against port; returns the elapsed milliseconds. */
static uint64_t
run(const struct engine_opts *o, int port, struct probe *p, int n,
    const struct probe_ops *po)
{
	struct sockaddr_in sa = loopback(port);
	struct engine *e;
	uint64_t t0;
	int i;

	assert_non_null(e = engine_new(o));
	for (i = 0; i < n; i++)
		assert_int_equal(engine_submit(e, (struct sockaddr *)&sa,
		    sizeof(sa), "127.0.0.1", po, &p[i], 0), 0);
	t0 = engine_now_ms();
	assert_int_equal(engine_run(e), 0);
	t0 = engine_now_ms() - t0;
	assert_int_equal((int)engine_connections(e), n);
	engine_free(&e);
	for (i = 0; i < n; i++)
		assert_int_equal(p[i].ended, 1);
	return t0;
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

static void
test_refused_and_eof(void **state)
{
	struct engine_opts o;
	struct server s;
	struct probe p[1];
	int port;

	(void)state;
	engine_opts_default(&o);
	server_start(&s, M_ANSWER);
	port = s.port;
	server_stop(&s);	/* closes the listener: the port refuses */
	memset(p, 0, sizeof(p));
	run(&o, port, p, 1, &ops);
	assert_int_equal(p[0].status, ENGINE_ECONNECT);

	/* A peer that closes: on_eof may call it an answer, else ECLOSED. */
	assert_int_equal(one_probe(&o, M_PARTIAL, &ops_eof, &p[0]), 0);
	assert_string_equal(p[0].eof, "part");
	assert_int_equal(one_probe(&o, M_PARTIAL, &ops, &p[0]),
	    ENGINE_ECLOSED);
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
		cmocka_unit_test(test_refused_and_eof),
		cmocka_unit_test(test_cancel_before_run),
		cmocka_unit_test(test_errstr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
