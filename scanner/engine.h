/*
 * engine.h: the one non-blocking event loop (epoll) that runs every probe of
 * every target: connect with a timeout, write, read with a timeout, close.
 *
 * Contract for probe writers (TLS, STARTTLS, certificates, SSH):
 * - A probe is one TCP connection driven by a struct probe_ops vtable and an
 *   opaque arg owned by the caller.  The engine owns the socket.
 * - After the connect, on_connect() is called.  It may put bytes into out
 *   (sent in full before anything else happens) and returns what it wants
 *   next:
 *     PROBE_READ      byte mode: call on_data() when more bytes arrived
 *     PROBE_FD_READ   fd mode: call on_ready() when the fd is readable
 *     PROBE_FD_WRITE  fd mode: call on_ready() when the fd is writable
 *     PROBE_DONE      finished: the engine closes the connection
 *     < 0             an ENGINE_E* error (or the probe's own negative code)
 * - Byte mode: the engine reads into a buffer capped at probe_ops.max_input
 *   and calls on_data() with everything not yet consumed.  The probe sets
 *   *consumed (bytes to drop from the front; 0 when it needs more to parse)
 *   and may append bytes to out, which are sent before the next read.  A
 *   full buffer that the probe does not consume is ENGINE_ETOOBIG.
 * - Fd mode: a library (OpenSSL, libssh2) does the I/O on the fd itself;
 *   on_ready() returns PROBE_FD_READ / PROBE_FD_WRITE / PROBE_DONE / < 0.
 *   A probe may switch from byte mode to fd mode (STARTTLS, then
 *   SSL_connect) by returning PROBE_FD_* from on_data(); bytes already
 *   buffered at that moment are lost, which is fine for line protocols.
 * - Optional on_eof(arg, in, len): in byte mode, when the peer closes, the
 *   engine hands it the unconsumed bytes; it returns PROBE_DONE (the bytes
 *   were a complete answer after all) or an error.  Without it a close is
 *   ENGINE_ECLOSED.
 * - Every wait (connect, each read or readiness) has a timeout; the probe
 *   also fails when its deadline (engine_submit) passes, queued or not.
 *   A wait's timer starts when the wait starts and restarts only on
 *   progress: the probe consumed input, queued output (sending it is a
 *   wait of its own; the next starts when it is all sent), or switched
 *   between waiting to read and to write.  Bytes that arrive but
 *   complete nothing do not restart it: a trickle is not progress.  In fd
 *   mode readiness alone is no progress either: a probe whose library
 *   made progress without changing direction can say so by waiting to
 *   write once (a connected socket is writable at once).
 * - The first connection to an endpoint (address and port) goes alone;
 *   only once it connected do the others start.  When it is refused or
 *   unreachable, or its connect times out, every other queued probe of
 *   that endpoint ends with ENGINE_EGATED without a connection, and so
 *   do probes submitted to it while any of them is still queued or
 *   running (an endpoint is forgotten once nothing refers to it).  When
 *   the first ends otherwise before connecting (its deadline, a local
 *   error) the next queued one goes alone.
 * - on_end(arg, status) is called exactly once per submitted probe, with 0
 *   (PROBE_DONE), a negative error, or ENGINE_ECLOSED when the peer closed
 *   before the probe was done.  It runs with the socket already closed and
 *   may call engine_submit() to queue the next probe of the plan: that is
 *   how plans adapt to answers.  It is called for probes that never got a
 *   connection too (ENGINE_EREFUSED and the other connect failures,
 *   ENGINE_EGATED, ENGINE_EBUDGET, ENGINE_ESTOPPED, ENGINE_ECANCEL); never
 *   from inside engine_submit().
 * - Limits: max_inflight connections overall, per_host connections to one
 *   host key (the address, so that one IP sees at most per_host at once)
 *   and delay_ms between two connects to one host key.  Probes of one host
 *   key start in the order they were submitted, except that those held by
 *   their endpoint's gate join the queue when it opens.
 * - Memory follows what is queued or in flight: a host key or endpoint
 *   that nothing refers to is freed (a host once its --delay has run
 *   out; a throttled host is kept, with its lowered limit).
 */
#ifndef TILSYN_ENGINE_H
#define TILSYN_ENGINE_H

#include <sys/socket.h>

#include <signal.h>

#include <stddef.h>
#include <stdint.h>

#include "scanner/buf.h"

#define PROBE_DONE	0
#define PROBE_READ	1
#define PROBE_FD_READ	2
#define PROBE_FD_WRITE	3

#define ENGINE_EINTERNAL	(-100)
#define ENGINE_ECONNECT		(-101)	/* connect failed otherwise */
#define ENGINE_ECTIMEOUT	(-102)	/* connect timed out */
#define ENGINE_ETIMEOUT		(-103)	/* read/readiness timed out */
#define ENGINE_ECLOSED		(-104)	/* peer closed before done */
#define ENGINE_ETOOBIG		(-105)	/* input beyond max_input */
#define ENGINE_EIO		(-106)	/* read/write or socket error */
#define ENGINE_EBUDGET		(-107)	/* the probe's deadline passed */
#define ENGINE_ECANCEL		(-108)	/* engine freed before it ran */
#define ENGINE_ENOMEM		(-109)
#define ENGINE_EPROTO		(-110)	/* for probes: the peer made no sense */
#define ENGINE_EREFUSED		(-111)	/* connection refused */
#define ENGINE_EUNREACH		(-112)	/* network or host unreachable */
#define ENGINE_ERESET		(-113)	/* reset by the peer after connect */
#define ENGINE_EGATED		(-114)	/* never connected: the first
					   connection to this endpoint
					   (address and port) failed */
#define ENGINE_ESTOPPED		(-115)	/* the run was stopped (signal) */

struct engine;

struct probe_ops {
	const char	*name;		/* for messages: "tls-hello", ... */
	size_t		 max_input;	/* byte-mode buffer cap; 0 = 64 KiB */
	int	(*on_connect)(void *arg, int fd, struct wbuf *out);
	int	(*on_data)(void *arg, const uint8_t *in, size_t len,
		    size_t *consumed, struct wbuf *out);
	int	(*on_ready)(void *arg, int fd);
	int	(*on_eof)(void *arg, const uint8_t *in, size_t len);
	void	(*on_end)(void *arg, int status);
	/*
	 * Optional: the timeout in ms of the wait that starts now (a
	 * STARTTLS greeting waits longer than a hello's answer); 0 or a
	 * NULL hook means read_timeout_ms.
	 */
	int	(*wait_ms)(void *arg);
};

struct engine_opts {
	int	max_inflight;		/* -j, default 64 */
	int	per_host;		/* --per-host, default 4 */
	int	delay_ms;		/* --delay, default 0 */
	int	connect_timeout_ms;	/* default 5000 */
	int	read_timeout_ms;	/* default 5000 */
	/* When *stop becomes nonzero (a signal handler sets it), every job
	   ends with ENGINE_ESTOPPED and engine_run() returns; may be NULL. */
	const volatile sig_atomic_t *stop;
};

/* Fills o with the documented defaults. */
void	engine_opts_default(struct engine_opts *o);
/* NULL on allocation failure or when epoll cannot be created. */
struct engine *engine_new(const struct engine_opts *);
/* Cancels what is left (on_end with ENGINE_ECANCEL) and frees; NULLs *e. */
void	engine_free(struct engine **);
/*
 * Queues a probe to addr.  host is the per-host key (copied).  deadline_ms
 * is an absolute engine_now_ms() time after which the probe fails with
 * ENGINE_EBUDGET (0 = none).  ops and arg must live until on_end().
 * Returns 0, ENGINE_ENOMEM, or ENGINE_ESTOPPED after a stop (on_end is
 * then not called).
 */
int	engine_submit(struct engine *, const struct sockaddr *addr,
	    socklen_t addrlen, const char *host, const struct probe_ops *ops,
	    void *arg, uint64_t deadline_ms) __attribute__((warn_unused_result));
/*
 * Runs until no probe is queued or in flight, or until *stop is set (then
 * every probe ends with ENGINE_ESTOPPED and engine_submit() refuses with
 * ENGINE_ESTOPPED, on_end not called).  0 or ENGINE_EINTERNAL.
 */
int	engine_run(struct engine *) __attribute__((warn_unused_result));
/*
 * A server pushed back (a 421, a refused greeting): from now on at most
 * limit connections (>= 1; a limit is only ever lowered) go to hostkey at
 * once, and none starts before pause_ms from now.
 */
void	engine_host_throttle(struct engine *, const char *hostkey, int limit,
	    int pause_ms);
/* Monotonic milliseconds. */
uint64_t engine_now_ms(void);
/* Connections the engine opened so far (connect attempts). */
uint64_t engine_connections(const struct engine *);
const char *engine_errstr(int);

#endif
