/*
 * testsrv.h: start a real server (openssl s_server, nginx, sshd, ...) on a
 * free loopback port for one test, wait until it accepts connections, and
 * stop it by PID (its whole process group) when the test ends.
 *
 * Only loopback addresses are ever probed.  Every argv element may contain
 * "{PORT}" (replaced by the chosen port) and "{DIR}" (replaced by a private
 * temporary directory that testsrv_stop() removes).
 */
#ifndef TILSYN_TESTSRV_H
#define TILSYN_TESTSRV_H

#include <sys/types.h>

struct testsrv {
	pid_t	pid;
	int	port;
	char	dir[256];	/* private temp dir, also holds server.log */
	char	log[300];
	int	ipv6;		/* set after testsrv_init(): port and wait
				   on ::1 instead of 127.0.0.1 */
};

/* A TCP port on 127.0.0.1 that was free a moment ago, or -1. */
int	testsrv_free_port(void);
/* The same on ::1, or -1 (also when the host has no IPv6 loopback). */
int	testsrv_free_port6(void);
/* Makes srv->dir; call before testsrv_start() to write config files there. */
int	testsrv_init(struct testsrv *);
/*
 * Starts argv[0] (searched in PATH) with its output in srv->log and waits up
 * to timeout_ms until 127.0.0.1:port (::1 with srv->ipv6) accepts a
 * connection.  If port is 0 a
 * free one is chosen.  Returns 0, or -1 with the server stopped and its log
 * copied to stderr.
 */
int	testsrv_start(struct testsrv *, int port, const char *const argv[],
	    int timeout_ms);
/* Stops the server's process group (TERM, then KILL) and removes srv->dir. */
void	testsrv_stop(struct testsrv *);
/* Writes a file under srv->dir; returns 0 or -1. */
int	testsrv_write(const struct testsrv *, const char *name, const char *text);
/*
 * Runs a shell command; its whole standard output (malloc'd, NULL when out
 * of memory or it cannot run) and, when status is not NULL, its exit
 * status (-1 when it did not exit).
 */
char	*testsrv_capture(const char *cmd, int *status);
/* Returns 0 when a shell command exits 0 (used to make test PKI, keys). */
int	testsrv_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
