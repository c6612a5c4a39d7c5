/*
 * testsrv.c: see testsrv.h.  Test-only code; it trusts its caller.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testsrv.h"

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* 127.0.0.1 or ::1, port in host order, as a socket address. */
static socklen_t
loopback(int ipv6, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sa = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sa6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (ipv6) {
		sa6->sin6_family = AF_INET6;
		sa6->sin6_port = htons((unsigned short)port);
		sa6->sin6_addr = in6addr_loopback;
		return sizeof(*sa6);
	}
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)port);
	sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sizeof(*sa);
}

/* Port 0 bound: the kernel picks a free one, which we hand on. */
static int
free_port(int ipv6)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(ipv6, 0, &ss);
	int fd, port = -1;

	if ((fd = socket(ss.ss_family, SOCK_STREAM, 0)) == -1)
		return -1;
	if (bind(fd, (struct sockaddr *)&ss, len) == 0 &&
	    getsockname(fd, (struct sockaddr *)&ss, &len) == 0)
		port = ntohs(ipv6 ? ((struct sockaddr_in6 *)&ss)->sin6_port :
		    ((struct sockaddr_in *)&ss)->sin_port);
	close(fd);
	return port;
}

int
testsrv_free_port(void)
{
	return free_port(0);
}

int
testsrv_free_port6(void)
{
	return free_port(1);
}

static int
can_connect(int port, int ipv6)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(ipv6, port, &ss);
	int fd, ok;

	if ((fd = socket(ss.ss_family, SOCK_STREAM, 0)) == -1)
		return 0;
	ok = connect(fd, (struct sockaddr *)&ss, len) == 0;
	close(fd);
	return ok;
}

int
testsrv_init(struct testsrv *srv)
{
	const char *tmp = getenv("TMPDIR");

	memset(srv, 0, sizeof(*srv));
	srv->pid = -1;
	snprintf(srv->dir, sizeof(srv->dir), "%s/tilsyn-srv.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(srv->dir) == NULL) {
		srv->dir[0] = '\0';
		return -1;
	}
	snprintf(srv->log, sizeof(srv->log), "%s/server.log", srv->dir);
	return 0;
}

/* Replaces {PORT} and {DIR} in s; returns a malloc'd string. */
static char *
expand(const char *s, const struct testsrv *srv)
{
	char portstr[16], *out;
	size_t cap = strlen(s) + 1, len = 0;
	const char *rep;
	size_t skip;

	snprintf(portstr, sizeof(portstr), "%d", srv->port);
	cap += 16 * strlen(srv->dir) + 64;
	if ((out = malloc(cap)) == NULL)
		return NULL;
	while (*s != '\0') {
		rep = NULL;
		skip = 0;
		if (strncmp(s, "{PORT}", 6) == 0) {
			rep = portstr;
			skip = 6;
		} else if (strncmp(s, "{DIR}", 5) == 0) {
			rep = srv->dir;
			skip = 5;
		}
		if (rep != NULL) {
			if (len + strlen(rep) + 1 > cap)
				break;
			memcpy(out + len, rep, strlen(rep));
			len += strlen(rep);
			s += skip;
		} else {
			if (len + 2 > cap)
				break;
			out[len++] = *s++;
		}
	}
	out[len] = '\0';
	return out;
}

static void
dump_log(const struct testsrv *srv)
{
	char line[512];
	FILE *f;

	if ((f = fopen(srv->log, "r")) == NULL)
		return;
	fprintf(stderr, "--- %s ---\n", srv->log);
	while (fgets(line, sizeof(line), f) != NULL)
		fputs(line, stderr);
	fclose(f);
}

int
testsrv_start(struct testsrv *srv, int port, const char *const argv[],
    int timeout_ms)
{
	char **args = NULL;
	size_t n = 0, i;
	int fd, status, waited = 0;
	pid_t pid;

	if (srv->dir[0] == '\0' && testsrv_init(srv) == -1)
		return -1;
	srv->port = port > 0 ? port : srv->ipv6 ? testsrv_free_port6() :
	    testsrv_free_port();
	if (srv->port <= 0)
		return -1;
	while (argv[n] != NULL)
		n++;
	if ((args = calloc(n + 1, sizeof(*args))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if ((args[i] = expand(argv[i], srv)) == NULL)
			goto fail;
	if ((pid = fork()) == -1)
		goto fail;
	if (pid == 0) {
		setpgid(0, 0);
		fd = open(srv->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		if ((fd = open("/dev/null", O_RDONLY)) != -1) {
			dup2(fd, 0);
			close(fd);
		}
		execvp(args[0], args);
		fprintf(stderr, "exec %s: %s\n", args[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	srv->pid = pid;
	for (i = 0; i < n; i++)
		free(args[i]);
	free(args);
	args = NULL;

	while (waited < timeout_ms) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			srv->pid = -1;
			fprintf(stderr, "testsrv: server exited early\n");
			dump_log(srv);
			return -1;
		}
		if (can_connect(srv->port, srv->ipv6))
			return 0;
		sleep_ms(20);
		waited += 20;
	}
	fprintf(stderr, "testsrv: port %d not listening after %d ms\n",
	    srv->port, timeout_ms);
	dump_log(srv);
	testsrv_stop(srv);
	return -1;
fail:
	if (args != NULL) {
		for (i = 0; i < n; i++)
			free(args[i]);
		free(args);
	}
	return -1;
}

void
testsrv_stop(struct testsrv *srv)
{
	int i, status;

	if (srv->pid > 0) {
		kill(-srv->pid, SIGTERM);
		kill(srv->pid, SIGTERM);
		for (i = 0; i < 100; i++) {
			if (waitpid(srv->pid, &status, WNOHANG) == srv->pid)
				break;
			sleep_ms(20);
		}
		if (i == 100) {
			kill(-srv->pid, SIGKILL);
			kill(srv->pid, SIGKILL);
			waitpid(srv->pid, &status, 0);
		}
		srv->pid = -1;
	}
	if (srv->dir[0] != '\0' && getenv("TILSYN_KEEP_SERVER_DIR") == NULL)
		testsrv_sh("rm -rf '%s'", srv->dir);
	srv->dir[0] = '\0';
}

int
testsrv_write(const struct testsrv *srv, const char *name, const char *text)
{
	char path[512];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", srv->dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	rc = fputs(text, f) < 0 ? -1 : 0;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

int
testsrv_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int n, st;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		return -1;
	st = system(cmd);
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

char *
testsrv_capture(const char *cmd, int *status)
{
	char chunk[4096], *buf, *nbuf;
	size_t len = 0, cap = 4096, n;
	FILE *p;
	int st;

	if ((buf = malloc(cap)) == NULL)
		return NULL;
	if ((p = popen(cmd, "r")) == NULL) {
		free(buf);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			if ((nbuf = realloc(buf, cap)) == NULL) {
				free(buf);
				(void)pclose(p);
				return NULL;
			}
			buf = nbuf;
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	buf[len] = '\0';
	st = pclose(p);
	if (status != NULL)
		*status = st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return buf;
}
