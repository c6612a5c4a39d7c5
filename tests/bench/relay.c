/*
 * relay.c: a TCP relay on loopback that makes a server look RTT away
 * (the benchmarks' network; rtt_bench.py builds and runs it).
 *
 * usage: relay LISTEN_IP PORT SERVER_IP PORT RTT_MS
 *
 * Every byte is held RTT/2 in each direction, in order: per direction a
 * queue of chunks with release times, drained when a timerfd (armed for
 * the earliest one) fires; an EOF or a reset travels the same way.  Both
 * sockets have TCP_NODELAY.  The kernel completes the client's connect
 * at once, so a connection's TCP handshake costs nothing here: figures
 * behind the relay leave out one RTT per connection.  One thread, epoll:
 * the relay's own time per connection must stay far below a round trip
 * (relay.py, on asyncio, adds about 2 ms to each).  Loopback only.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define K_DATA	0
#define K_EOF	1
#define K_RESET	2

struct chunk {
	struct chunk	*next;
	uint64_t	 at;		/* release time, ns */
	int		 kind;
	size_t		 len, off;
	char		 data[];
};

struct conn;

struct side {
	struct conn	*c;
	int		 i;		/* reads fd[i], writes fd[1 - i] */
};

struct conn {
	struct conn	*next;
	int		 fd[2];		/* client, server */
	struct side	 s[2];
	struct chunk	*head[2], *tail[2];
	int		 done[2];	/* EOF delivered this way */
	int		 dead;
};

static struct conn *conns;
static uint64_t delay_ns;
static int ep, tfd;

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
push(struct conn *c, int i, int kind, const char *p, size_t n)
{
	struct chunk *k;

	if ((k = malloc(sizeof(*k) + n)) == NULL) {
		perror("relay: malloc");
		exit(1);
	}
	k->next = NULL;
	k->at = now_ns() + delay_ns;
	k->kind = kind;
	k->len = n;
	k->off = 0;
	memcpy(k->data, p, n);
	if (c->tail[i] != NULL)
		c->tail[i]->next = k;
	else
		c->head[i] = k;
	c->tail[i] = k;
}

static void
nodelay(int fd)
{
	int one = 1;

	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static int
parse(const char *ip, const char *port, struct sockaddr_in *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)atoi(port));
	if (inet_pton(AF_INET, ip, &sa->sin_addr) != 1 ||
	    (ntohl(sa->sin_addr.s_addr) >> 24) != 127) {
		fprintf(stderr, "relay: %s: not a loopback address\n", ip);
		return -1;
	}
	return 0;
}

static void
accept_one(int ls, const struct sockaddr_in *server)
{
	struct epoll_event ev;
	struct conn *c;
	int cfd, sfd, i;

	if ((cfd = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) < 0)
		return;
	/* loopback: the connect is done at once, before it goes non-blocking */
	if ((sfd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(sfd, (const struct sockaddr *)server,
	    sizeof(*server)) != 0 ||
	    fcntl(sfd, F_SETFL, fcntl(sfd, F_GETFL) | O_NONBLOCK) != 0) {
		if (sfd >= 0)
			close(sfd);
		close(cfd);
		return;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		exit(1);
	c->fd[0] = cfd;
	c->fd[1] = sfd;
	for (i = 0; i < 2; i++) {
		nodelay(c->fd[i]);
		c->s[i].c = c;
		c->s[i].i = i;
		ev.events = EPOLLIN;
		ev.data.ptr = &c->s[i];
		(void)epoll_ctl(ep, EPOLL_CTL_ADD, c->fd[i], &ev);
	}
	c->next = conns;
	conns = c;
}

/* Reads what fd[i] has; it leaves delay_ns later (deliver()). */
static void
readable(struct side *s)
{
	struct conn *c = s->c;
	char buf[65536];
	ssize_t n;

	for (;;) {
		n = read(c->fd[s->i], buf, sizeof(buf));
		if (n > 0) {
			push(c, s->i, K_DATA, buf, (size_t)n);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		push(c, s->i, n == 0 ? K_EOF : K_RESET, NULL, 0);
		(void)epoll_ctl(ep, EPOLL_CTL_DEL, c->fd[s->i], NULL);
		return;
	}
}

/* Writes out what is due; a pair is dead once both ways ended. */
static void
deliver(struct conn *c, uint64_t now)
{
	struct linger lg = { 1, 0 };
	struct chunk *k;
	ssize_t n;
	int i, out;

	for (i = 0; i < 2 && !c->dead; i++) {
		out = c->fd[1 - i];
		while ((k = c->head[i]) != NULL && k->at <= now) {
			if (k->kind == K_DATA) {
				n = write(out, k->data + k->off,
				    k->len - k->off);
				if (n < 0 && errno == EAGAIN)
					break;	/* the timer tries again */
				if (n < 0) {
					c->dead = 1;
					break;
				}
				k->off += (size_t)n;
				if (k->off < k->len)
					break;
			} else if (k->kind == K_EOF) {
				(void)shutdown(out, SHUT_WR);
				c->done[i] = 1;
			} else {
				(void)setsockopt(out, SOL_SOCKET, SO_LINGER,
				    &lg, sizeof(lg));
				c->dead = 1;
			}
			c->head[i] = k->next;
			if (c->head[i] == NULL)
				c->tail[i] = NULL;
			free(k);
		}
	}
	if (c->done[0] && c->done[1])
		c->dead = 1;
}

static void
release(struct conn *c)
{
	struct chunk *k;
	int i;

	for (i = 0; i < 2; i++) {
		close(c->fd[i]);
		while ((k = c->head[i]) != NULL) {
			c->head[i] = k->next;
			free(k);
		}
	}
	free(c);
}

/* Delivers what is due, frees finished pairs, arms the timer. */
static void
tick(void)
{
	struct itimerspec its;
	struct conn **pp, *c;
	uint64_t now = now_ns(), next = 0;
	int i;

	for (pp = &conns; (c = *pp) != NULL;) {
		deliver(c, now);
		if (c->dead) {
			*pp = c->next;
			release(c);
			continue;
		}
		for (i = 0; i < 2; i++)
			if (c->head[i] != NULL) {
				uint64_t at = c->head[i]->at;

				if (at <= now)
					at = now + 1000000;	/* EAGAIN */
				if (next == 0 || at < next)
					next = at;
			}
		pp = &c->next;
	}
	memset(&its, 0, sizeof(its));
	if (next != 0) {
		its.it_value.tv_sec = (time_t)(next / 1000000000u);
		its.it_value.tv_nsec = (long)(next % 1000000000u);
	}
	(void)timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in la, sa;
	struct epoll_event ev, evs[64];
	uint64_t x;
	int ls, one = 1, n, k;

	if (argc != 6) {
		fprintf(stderr, "usage: relay LISTEN_IP PORT SERVER_IP PORT "
		    "RTT_MS\n");
		return 2;
	}
	if (parse(argv[1], argv[2], &la) != 0 ||
	    parse(argv[3], argv[4], &sa) != 0)
		return 2;
	delay_ns = (uint64_t)(atof(argv[5]) * 500000.0);
	signal(SIGPIPE, SIG_IGN);
	if ((ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) < 0 ||
	    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(ls, (struct sockaddr *)&la, sizeof(la)) != 0 ||
	    listen(ls, 1024) != 0) {
		perror("relay: listen");
		return 1;
	}
	if ((ep = epoll_create1(0)) < 0 ||
	    (tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK)) < 0) {
		perror("relay: epoll");
		return 1;
	}
	ev.events = EPOLLIN;
	ev.data.ptr = NULL;
	(void)epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
	ev.data.ptr = &tfd;
	(void)epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
	for (;;) {
		if ((n = epoll_wait(ep, evs, 64, -1)) < 0) {
			if (errno == EINTR)
				continue;
			perror("relay: epoll_wait");
			return 1;
		}
		for (k = 0; k < n; k++) {
			if (evs[k].data.ptr == NULL)
				accept_one(ls, &sa);
			else if (evs[k].data.ptr == &tfd)
				(void)read(tfd, &x, sizeof(x));
			else
				readable(evs[k].data.ptr);
		}
		tick();
	}
}
