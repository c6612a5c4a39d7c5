/*
 * scan.c: tilsyn-case scan: run tilsyn-scan on the registered endpoints
 * of entities, or import a laptop's run.  The legal gate and the storing
 * are the library's (case.c, law/rules.c); reading the JSON Lines is
 * casefile/scans.c's, printing what changed cli/scans.c's; this file
 * builds the scanner's command line from the registration, runs it as a
 * child and reads it.  Trusts the
 * registration for syntax (checked at entity add), nothing the scanner
 * or an imported file says.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/netsyntax.h"
#include "law/basis.h"
#include "law/caltime.h"
#include "law/entity.h"
#include "casefile/scans.h"
#include "casefile/cli/cli.h"

#define EXPAND_PORTS	64	/* ports given as one target each */

/* Options of tilsyn-scan that may follow "--": none picks targets, */
/* scope or the output the case file reads. */
static const struct {
	const char	*name;
	int		 value;
} pass_ok[] = {
	{ "-j", 1 }, { "--per-host", 1 }, { "--delay", 1 }, { "--timeout", 1 },
	{ "--target-timeout", 1 }, { "--greeting-timeout", 1 },
	{ "--resolve", 1 }, { "--ca-file", 1 }, { "--sni", 1 },
	{ "--json", 1 }, { "--xml", 1 }, { "--text", 1 },
};

static int
check_pass(struct ctx *x, char **pass)
{
	const char *eq;
	size_t i, n;

	for (; *pass != NULL; pass++) {
		eq = strchr(*pass, '=');
		n = eq != NULL && strncmp(*pass, "--", 2) == 0 ?
		    (size_t)(eq - *pass) : strlen(*pass);
		for (i = 0; i < sizeof(pass_ok) / sizeof(*pass_ok); i++)
			if (strlen(pass_ok[i].name) == n &&
			    strncmp(pass_ok[i].name, *pass, n) == 0)
				break;
		if (i == sizeof(pass_ok) / sizeof(*pass_ok))
			return msg(x, *pass, EXIT_USAGE, "not a tilsyn-scan "
			    "option that may follow '--': the targets and "
			    "scope of a scan are the entity's registration "
			    "(§ 10)");
		if (pass_ok[i].value && (*pass)[n] != '=' && pass[1] == NULL)
			return msg(x, *pass, EXIT_USAGE, "the tilsyn-scan "
			    "option needs a value");
		if (pass_ok[i].value && (*pass)[n] != '=')
			pass++;
	}
	return 0;
}

/* ---- the scanner's command line ---- */

struct argvec {
	char	**v;
	size_t	  n, cap;
	int	  nomem;
};

static void
push(struct argvec *a, const char *s)
{
	char **v;

	if (a->nomem)
		return;
	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		if ((v = reallocarray(a->v, a->cap, sizeof(*v))) == NULL) {
			a->nomem = 1;
			return;
		}
		a->v = v;
	}
	if ((a->v[a->n] = strdup(s)) == NULL) {
		a->nomem = 1;
		return;
	}
	a->v[++a->n] = NULL;
}

static void
argvec_free(struct argvec *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* What one entity's scan runs on, and what ran. */
struct plan {
	struct argvec	 argv;
	json_t		*scope;		/* the networks given as --scope */
	json_t		*targets;
	json_t		*hosted;	/* [{"host", "ip"}] let in */
	const char	*ports;
	char		 scanner[PATH_MAX];
};

static void
plan_release(struct plan *p)
{
	argvec_free(&p->argv);
	json_decref(p->scope);
	json_decref(p->targets);
	json_decref(p->hosted);
	memset(p, 0, sizeof(*p));
}

/* Whether address text a lies in one of the ranges (JSON strings). */
static bool
in_ranges(const char *a, json_t *ranges)
{
	struct cidr ad, r;
	json_t *v;
	size_t i;
	int k, bits;

	if (cidr_parse(a, &ad) != CIDR_OK)
		return false;
	json_array_foreach(ranges, i, v) {
		if (cidr_parse(json_string_value(v), &r) != CIDR_OK ||
		    r.family != ad.family)
			continue;
		for (k = 0, bits = r.prefix; bits >= 8; k++, bits -= 8)
			if (r.addr[k] != ad.addr[k])
				break;
		if (bits >= 8)
			continue;
		if (bits == 0 || ((r.addr[k] ^ ad.addr[k]) &
		    (0xff << (8 - bits)) & 0xff) == 0)
			return true;
	}
	return false;
}

/* The address --resolve H:P:A gives for host:port, or NULL. */
static const char *
resolve_opt(char **pass, const char *host, unsigned port, char *buf,
    size_t len)
{
	const char *v, *p, *q;
	char want[HOST_NAME_MAX_LEN + 16];

	snprintf(want, sizeof(want), "%s:%u:", host, port);
	for (; *pass != NULL; pass++) {
		v = NULL;
		if (strcmp(*pass, "--resolve") == 0 && pass[1] != NULL)
			v = *++pass;
		else if (strncmp(*pass, "--resolve=", 10) == 0)
			v = *pass + 10;
		if (v == NULL || strncmp(v, want, strlen(want)) != 0)
			continue;
		p = v + strlen(want);
		q = p;
		if (*p == '[' && (q = strchr(p, ']')) != NULL)
			snprintf(buf, len, "%.*s", (int)(q - p - 1), p + 1);
		else
			snprintf(buf, len, "%s", p);
		return buf;
	}
	return NULL;
}

static int
add_hosted(struct plan *p, const char *host, const char *addr)
{
	char net[INET6_ADDRSTRLEN + 5];

	snprintf(net, sizeof(net), "%s/%d", addr, strchr(addr, ':') != NULL ?
	    128 : 32);
	if (json_array_append_new(p->scope, json_string(net)) != 0 ||
	    json_array_append_new(p->hosted, json_pack("{s:s, s:s}", "host",
	    host, "ip", addr)) != 0)
		return -1;
	return 0;
}

/*
 * --allow-hosted: the addresses of registered hosts outside the ranges
 * join the scope, so the scanner scans them.  A name is looked up the
 * way the scanner will (a --resolve given to it first).
 */
static int
let_hosted(struct ctx *x, struct plan *p, json_t *hosts, json_t *ranges,
    char **pass)
{
	struct addrinfo hints, *ai = NULL, *a;
	struct reg_host h;
	char buf[INET6_ADDRSTRLEN + 2], addr[INET6_ADDRSTRLEN];
	const char *r;
	json_t *v;
	size_t i;
	json_array_foreach(hosts, i, v) {
		if (reg_host_parse(json_string_value(v), &h) != 0)
			return msg(x, json_string_value(v), EXIT_USAGE,
			    "registered host is not a target (run verify)");
		if ((r = resolve_opt(pass, h.name, h.port, buf,
		    sizeof(buf))) == NULL && cidr_parse(h.name,
		    &(struct cidr){ 0 }) == CIDR_OK)
			r = h.name;
		if (r != NULL) {
			if (!in_ranges(r, ranges) && add_hosted(p, h.name, r) != 0)
				return fail_store(x, STORE_NOMEM);
			continue;
		}
		memset(&hints, 0, sizeof(hints));
		hints.ai_socktype = SOCK_STREAM;
		/* Not found: the scanner tells it as its own result. */
		if (getaddrinfo(h.name, NULL, &hints, &ai) != 0)
			continue;
		for (a = ai; a != NULL; a = a->ai_next) {
			const void *in = a->ai_family == AF_INET6 ?
			    (const void *)&((struct sockaddr_in6 *)(void *)
			    a->ai_addr)->sin6_addr : (const void *)
			    &((struct sockaddr_in *)(void *)a->ai_addr)->sin_addr;

			if (inet_ntop(a->ai_family, in, addr, sizeof(addr)) !=
			    NULL && !in_ranges(addr, ranges) &&
			    !in_ranges(addr, p->scope) &&
			    add_hosted(p, h.name, addr) != 0) {
				freeaddrinfo(ai);
				return fail_store(x, STORE_NOMEM);
			}
		}
		freeaddrinfo(ai);
	}
	return 0;
}

/*
 * The targets of the ranges: one per range and port, with the service
 * the port usually has (RANGE:PORT, as tilsyn-scan takes it), so the
 * command line says exactly what is scanned; a longer port list goes as
 * -p, all TLS.  True when -p is needed.
 */
static bool
range_targets(struct plan *p, json_t *ranges, const struct portlist *pl)
{
	char t[INET6_ADDRSTRLEN + 40];
	enum net_scheme_id sch;
	bool need_p = false, v6;
	json_t *v;
	size_t i, k;
	unsigned port;

	json_array_foreach(ranges, i, v) {
		const char *s = json_string_value(v);

		v6 = strchr(s, ':') != NULL;
		if (portlist_count(pl) > EXPAND_PORTS) {
			(void)json_array_append_new(p->targets, json_string(s));
			need_p = true;
			continue;
		}
		for (k = 0; k < pl->n; k++)
			for (port = pl->r[k].lo; port <= pl->r[k].hi; port++) {
				sch = net_scheme_for_port((uint16_t)port);
				/* tls is the scanner's default: no scheme */
				snprintf(t, sizeof(t), "%s%s%s%s%s:%u",
				    sch != NET_TLS ? net_schemes[sch].name : "",
				    sch != NET_TLS ? "://" : "", v6 ? "[" : "", s,
				    v6 ? "]" : "", port);
				(void)json_array_append_new(p->targets,
				    json_string(t));
			}
	}
	return need_p;
}

/* The scanner: $TILSYN_SCAN, beside tilsyn-case (or in the build */
/* tree's scanner/), else the PATH. */
static void
find_scanner(char *buf, size_t len)
{
	static const char *const rel[] = { "tilsyn-scan",
	    "../scanner/tilsyn-scan" };
	const char *env = getenv("TILSYN_SCAN");
	char self[PATH_MAX], *slash;
	ssize_t n;
	size_t i;

	if (env != NULL && *env != '\0') {
		snprintf(buf, len, "%s", env);
		return;
	}
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL)
			*slash = '\0';
		for (i = 0; i < sizeof(rel) / sizeof(*rel); i++) {
			int w = snprintf(buf, len, "%s/%s", self, rel[i]);

			if (w > 0 && (size_t)w < len && access(buf, X_OK) == 0)
				return;
		}
	}
	snprintf(buf, len, "tilsyn-scan");
}

static char *
joined(json_t *a)
{
	size_t i, n = 1;
	json_t *v;
	char *s;

	json_array_foreach(a, i, v)
		n += strlen(json_string_value(v)) + 1;
	if ((s = calloc(1, n)) == NULL)
		return NULL;
	json_array_foreach(a, i, v) {
		if (i > 0)
			strcat(s, ",");
		strcat(s, json_string_value(v));
	}
	return s;
}

/*
 * The scan of one entity: its ranges are the scope, its hosts and ranges
 * the targets, its ports those of the ranges.  0, or an exit status
 * after a message.
 */
static int
make_plan(struct ctx *x, const struct scan_gate *g, bool allow_hosted,
    char **pass, struct plan *p)
{
	json_t *ranges = json_object_get(g->reg, "ip_ranges");
	json_t *hosts = json_object_get(g->reg, "hosts"), *v;
	struct portlist *pl = NULL;
	char *scope = NULL;
	size_t i;
	int r;
	bool need_p;

	memset(p, 0, sizeof(*p));
	p->ports = json_string_value(json_object_get(g->reg, "ports"));
	if (p->ports == NULL)
		p->ports = REG_DEFAULT_PORTS;
	if ((p->scope = json_array()) == NULL ||
	    (p->targets = json_array()) == NULL ||
	    (p->hosted = json_array()) == NULL ||
	    (pl = malloc(sizeof(*pl))) == NULL)
		return fail_store(x, STORE_NOMEM);
	if (portlist_parse(p->ports, pl) != 0) {
		free(pl);
		return msg(x, g->e.cvr, EXIT_USAGE, "registered ports '%s' are "
		    "not a port list (run verify)", p->ports);
	}
	json_array_foreach(ranges, i, v)
		(void)json_array_append(p->scope, v);
	if (allow_hosted && (r = let_hosted(x, p, hosts, ranges, pass)) != 0) {
		free(pl);
		return r;
	}
	json_array_foreach(hosts, i, v)
		(void)json_array_append(p->targets, v);
	need_p = range_targets(p, ranges, pl);
	free(pl);
	find_scanner(p->scanner, sizeof(p->scanner));
	push(&p->argv, p->scanner);
	push(&p->argv, "-o");
	push(&p->argv, "json");
	push(&p->argv, "-q");
	if ((scope = joined(p->scope)) == NULL)
		return fail_store(x, STORE_NOMEM);
	push(&p->argv, "--scope");
	push(&p->argv, scope);
	free(scope);
	/*
	 * Always: a host whose address is outside the scope (with
	 * --allow-hosted: one that DNS moved since it was looked up) is
	 * reported as skipped, not a reason to refuse the whole run.
	 */
	push(&p->argv, "--skip-out-of-scope");
	if (need_p) {
		push(&p->argv, "-p");
		push(&p->argv, p->ports);
	}
	for (; *pass != NULL; pass++)
		push(&p->argv, *pass);
	json_array_foreach(p->targets, i, v)
		push(&p->argv, json_string_value(v));
	return p->argv.nomem ? fail_store(x, STORE_NOMEM) : 0;
}

/* ---- running it ---- */

static void
now_utc(char *buf, size_t len)
{
	caltime_format_utc((int64_t)time(NULL), buf, len);
}

/* The scanner running, for the signal handler to pass signals on to. */
static volatile sig_atomic_t child;

/*
 * SIGINT and SIGTERM go to the scanner, which then writes what it
 * finished and its summary and exits: what it wrote is still stored.
 */
static void
pass_on(int sig)
{
	if (child > 0)
		(void)kill((pid_t)child, sig);
}

/*
 * Runs the scanner with its output on a pipe, reading the JSON Lines as
 * they come.  0, or an exit status after a message (the child is
 * stopped and reaped in every case).
 */
static int
run_scanner(struct ctx *x, const char *cvr, char **argv,
    struct scan_input *in, int *status)
{
	struct sigaction sa, old_int, old_term;
	unsigned char buf[65536];
	char err[256];
	int fd[2], st, r = 0, rc = SCAN_OK;
	ssize_t n;
	pid_t pid;

	*status = -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = pass_on;
	sigemptyset(&sa.sa_mask);
	if (pipe2(fd, O_CLOEXEC) != 0)
		return msg(x, cvr, EXIT_FAIL, "pipe: %s", strerror(errno));
	if ((pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		return msg(x, cvr, EXIT_FAIL, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		if (dup2(fd[1], STDOUT_FILENO) == -1)
			_exit(127);
		/* its own process group: a terminal's ^C reaches it once, */
		/* through pass_on() */
		(void)setpgid(0, 0);
		if (strchr(argv[0], '/') != NULL)
			execv(argv[0], argv);
		else
			execvp(argv[0], argv);
		fprintf(stderr, "tilsyn-case: scan: %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	child = pid;
	(void)sigaction(SIGINT, &sa, &old_int);
	(void)sigaction(SIGTERM, &sa, &old_term);
	close(fd[1]);
	for (;;) {
		n = read(fd[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = msg(x, cvr, EXIT_FAIL, "reading tilsyn-scan: %s",
			    strerror(errno));
			break;
		}
		if ((rc = scan_input_bytes(in, buf, (size_t)n, n == 0, err,
		    sizeof(err))) != SCAN_OK) {
			r = rc == SCAN_NOMEM ? fail_store(x, STORE_NOMEM) :
			    msg(x, cvr, EXIT_FAIL, "tilsyn-scan wrote what it "
			    "does not write: %s", err);
			(void)kill(pid, SIGTERM);
			break;
		}
		if (n == 0)
			break;
	}
	close(fd[0]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			st = -1;
			break;
		}
	child = 0;
	(void)sigaction(SIGINT, &old_int, NULL);
	(void)sigaction(SIGTERM, &old_term, NULL);
	*status = st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (r != 0)
		return r;
	if (*status == EXIT_USAGE)
		return msg(x, cvr, EXIT_FAIL, "tilsyn-scan refused its command "
		    "line (exit 2; its message is above); nothing stored");
	if (in->header == NULL)
		return msg(x, cvr, EXIT_FAIL, "tilsyn-scan (%s) wrote no run "
		    "header (exit %d); nothing stored", argv[0], *status);
	return 0;
}

/* ---- scan ---- */

struct scan_opts {
	bool		 allow_hosted, dry_run;
	int		 fail_on;
	char		**pass;
};

/* The exit status the runs add up to: 3 over 1 over 0. */
static int
worse(int a, int b)
{
	if (a == EXIT_FAIL || b == EXIT_FAIL)
		return EXIT_FAIL;
	if (a == EXIT_USAGE || b == EXIT_USAGE)
		return EXIT_USAGE;
	return a > b ? a : b;
}

static void
print_dry(const struct scan_gate *g, const struct plan *p, bool hosted)
{
	json_t *v;
	size_t i;

	printf("%s %s: %s (%s)%s%s\n", g->e.cvr, esc(g->e.name),
	    basis_text(g->power), g->power == BASIS_S21 ? "routine "
	    "supervision of an essential entity" : "supervision on an "
	    "indication", g->case_id[0] ? ", case " : "", g->case_id);
	json_array_foreach(p->scope, i, v)
		printf("  scope   %s\n", json_string_value(v));
	json_array_foreach(p->targets, i, v)
		printf("  target  %s\n", json_string_value(v));
	if (hosted)
		printf("  (registered hosts outside the ranges: looked up "
		    "when the scan runs, --allow-hosted)\n");
	printf("  ports of the ranges: %s\n", p->ports);
}

/* The results to store: their "started"/"finished" from the run. */
static int
store_run(struct ctx *x, const struct scan_gate *g, struct scan_record *rec,
    const struct scan_opts *so, int *status)
{
	struct case_result res = { "", "" };
	struct tally t;
	json_t *diff;
	int64_t id;
	int r;

	if ((r = case_scan_store(&x->w, rec, &id, &res)) != CASE_OK)
		return fail_case(x, r, &res);
	if ((diff = diff_runs(x, g->e.cvr, 0, id, &t, &r)) == NULL)
		return r;
	if (x->json) {
		json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:o, s:i}",
		    "scan", (json_int_t)id, "cvr", g->e.cvr, "name", g->e.name,
		    "power", basis_text(g->power), "case", g->case_id[0] ?
		    g->case_id : NULL, "endpoints", diff, "no_service",
		    t.closed);

		/* JSON Lines: one object per entity scanned */
		char *text = j != NULL ? json_dumps(j, JSON_COMPACT |
		    JSON_SORT_KEYS) : NULL;

		json_decref(j);
		if (text == NULL)
			return fail_store(x, STORE_NOMEM);
		puts(text);
		free(text);
	} else {
		printf("scan %" PRId64 ": %s %s, %s%s%s, %zu endpoint%s\n", id,
		    g->e.cvr, g->e.name, basis_text(g->power),
		    g->case_id[0] ? ", case " : "", g->case_id,
		    rec->in->nres, rec->in->nres == 1 ? "" : "s");
		print_diff(diff, &t);
		json_decref(diff);
	}
	*status = t.failed > 0 ? EXIT_FAIL : t.worst >= so->fail_on ?
	    EXIT_REFUSED : EXIT_OK;
	return 0;
}

static int
scan_one(struct ctx *x, const char *cvr, const char *case_id,
    const struct scan_opts *so)
{
	struct case_result res = { "", "" };
	struct scan_gate g;
	struct scan_record rec;
	struct scan_input in;
	struct plan p;
	char started[32], finished[32];
	json_t *argv = NULL;
	size_t i;
	int r, st = -1, status = EXIT_OK;

	memset(&p, 0, sizeof(p));
	scan_input_init(&in);
	if ((r = case_scan_gate(x->w.st, cvr, case_id, &g, &res)) !=
	    CASE_OK) {
		r = fail_case(x, r, &res);
		goto out;
	}
	if (json_array_size(json_object_get(g.reg, "ip_ranges")) == 0 &&
	    json_array_size(json_object_get(g.reg, "hosts")) == 0) {
		r = msg(x, g.e.cvr, EXIT_USAGE, "no registered IP ranges or "
		    "hosts to scan (§ 10)");
		goto out;
	}
	if (json_array_size(json_object_get(g.reg, "ip_ranges")) == 0 &&
	    !so->allow_hosted) {
		r = msg(x, g.e.cvr, EXIT_USAGE, "no registered IP ranges: its "
		    "hosts lie outside any, and are scanned only with "
		    "--allow-hosted (§ 10)");
		goto out;
	}
	if ((r = make_plan(x, &g, so->allow_hosted && !so->dry_run, so->pass,
	    &p)) != 0)
		goto out;
	if (so->dry_run) {
		print_dry(&g, &p, so->allow_hosted);
		r = 0;
		goto out;
	}
	now_utc(started, sizeof(started));
	fflush(stdout);
	if ((r = run_scanner(x, g.e.cvr, p.argv.v, &in, &st)) != 0)
		goto out;
	now_utc(finished, sizeof(finished));
	if ((argv = json_array()) == NULL) {
		r = fail_store(x, STORE_NOMEM);
		goto out;
	}
	for (i = 0; i < p.argv.n; i++)
		(void)json_array_append_new(argv, json_string(p.argv.v[i]));
	memset(&rec, 0, sizeof(rec));
	rec.cvr = g.e.cvr;
	rec.case_id = g.case_id;
	rec.power = g.power;
	rec.allow_hosted = so->allow_hosted;
	rec.hosted = p.hosted;
	rec.scope = p.scope;
	rec.argv = argv;
	rec.started = started;
	rec.finished = finished;
	rec.exit_status = st;
	rec.in = &in;
	if ((r = store_run(x, &g, &rec, so, &status)) != 0)
		goto out;
	/* A run cut short (no summary) did not scan everything. */
	if (in.summary == NULL)
		status = EXIT_FAIL;
	r = status;
 out:
	json_decref(argv);
	plan_release(&p);
	scan_input_release(&in);
	scan_gate_release(&g);
	return r;
}

static int
all_one(const union store_fields *u, void *arg)
{
	struct store_vec *v = arg;
	char *p;

	if ((p = store_vec_push(v, 9)) == NULL)
		return STORE_NOMEM;
	snprintf(p, 9, "%s", u->entity.cvr);
	return 0;
}

/* --import FILE: a laptop's run, read with care, checked, stored. */
static int
import(struct ctx *x, const char *path, const char *cvr,
    const char *case_id, const struct scan_opts *so)
{
	struct case_result res = { "", "" };
	struct scan_gate g;
	struct scan_record rec;
	struct scan_input in;
	struct evidence ev;
	char err[256];
	const char *base;
	json_t *ranges, *argv = NULL, *hosted = NULL, *scope = NULL, *hj;
	size_t i;
	int r, status = EXIT_OK;

	scan_input_init(&in);
	memset(&ev, 0, sizeof(ev));
	if ((r = case_scan_gate(x->w.st, cvr, case_id, &g, &res)) !=
	    CASE_OK) {
		r = fail_case(x, r, &res);
		goto out;
	}
	if ((r = evidence_read(path, &ev)) != EVIDENCE_OK) {
		r = msg(x, path, EXIT_USAGE, "%s", r == EVIDENCE_SYS ?
		    strerror(ev.err) : evidence_errstr(r));
		goto out;
	}
	if ((r = scan_input_bytes(&in, ev.buf, ev.len, true, err,
	    sizeof(err))) != SCAN_OK) {
		r = r == SCAN_NOMEM ? fail_store(x, STORE_NOMEM) :
		    msg(x, path, EXIT_USAGE, "%s", err);
		goto out;
	}
	if (in.header == NULL) {
		r = msg(x, path, EXIT_USAGE, "no run header: not the JSON Lines "
		    "of tilsyn-scan -o json");
		goto out;
	}
	/* Every address scanned lies in the registered ranges (§ 10). */
	ranges = json_object_get(g.reg, "ip_ranges");
	for (i = 0; i < in.nres; i++) {
		const struct scan_key *k = &in.res[i].key;

		if (k->ip != NULL && !in_ranges(k->ip, ranges)) {
			char *name = scan_endpoint_name(k);

			r = msg(x, path, EXIT_REFUSED, "result %zu (%s) lies "
			    "outside the registered IP ranges of %s; nothing "
			    "imported (§ 10, %s)", i + 1, name != NULL ? name :
			    k->ip, g.e.cvr, basis_text(g.power));
			free(name);
			goto out;
		}
	}
	hj = json_loadb((const char *)in.header, in.header_len, 0, NULL);
	argv = json_incref(json_object_get(hj, "argv"));
	json_decref(hj);
	if (!json_is_array(argv)) {
		json_decref(argv);
		argv = json_array();
	}
	hosted = json_array();
	scope = json_copy(ranges);
	if (argv == NULL || hosted == NULL || scope == NULL) {
		r = fail_store(x, STORE_NOMEM);
		goto out;
	}
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	memset(&rec, 0, sizeof(rec));
	rec.cvr = g.e.cvr;
	rec.case_id = g.case_id;
	rec.power = g.power;
	rec.import_name = base;
	rec.import_sha256 = ev.sha256;
	rec.hosted = hosted;
	rec.scope = scope;
	rec.argv = argv;
	rec.started = in.started[0] ? in.started : x->w.clock;
	rec.finished = in.finished[0] ? in.finished : rec.started;
	rec.exit_status = (int)in.exit;
	rec.in = &in;
	if ((r = store_run(x, &g, &rec, so, &status)) == 0)
		r = status;
 out:
	json_decref(argv);
	json_decref(hosted);
	json_decref(scope);
	evidence_release(&ev);
	scan_input_release(&in);
	scan_gate_release(&g);
	return r;
}

int
cmd_scan(struct ctx *x, const struct opts *o, char **pass)
{
	struct store_vec v = { NULL, 0, 0 };
	struct scan_opts so;
	const struct strlist *ents = &o->list[O_ENTITY];
	int n, r = EXIT_OK, r1;
	size_t i;

	memset(&so, 0, sizeof(so));
	so.allow_hosted = o->v[O_ALLOW_HOSTED] != NULL;
	so.dry_run = o->v[O_DRY_RUN] != NULL;
	so.fail_on = scan_severity_rank(o->v[O_FAIL_ON] != NULL ?
	    o->v[O_FAIL_ON] : "high");
	so.pass = pass;
	n = (o->v[O_ALL] != NULL) + (ents->n > 0) + (o->v[O_CASE] != NULL &&
	    o->v[O_IMPORT] == NULL);
	if (o->v[O_IMPORT] != NULL) {
		if (ents->n != 1 || o->v[O_ALL] != NULL)
			return msg(x, NULL, EXIT_USAGE, "--import needs one "
			    "--entity CVR (and --case CASE where the law asks "
			    "for one)");
		if (*pass != NULL || so.dry_run || so.allow_hosted)
			return msg(x, NULL, EXIT_USAGE, "--import takes no "
			    "scanner options, --dry-run or --allow-hosted");
		return import(x, o->v[O_IMPORT], ents->v[0], o->v[O_CASE], &so);
	}
	if (n != 1)
		return msg(x, NULL, EXIT_USAGE, "give one of --all, --entity "
		    "CVR ... or --case CASE");
	if ((r = check_pass(x, pass)) != 0)
		return r;
	if (o->v[O_CASE] != NULL)
		return scan_one(x, NULL, o->v[O_CASE], &so);
	if (ents->n > 0) {
		for (i = 0; i < ents->n; i++)
			r = worse(r, scan_one(x, ents->v[i], NULL, &so));
		return r;
	}
	/* --all: routine supervision of the essential entities (§ 21). */
	if ((r1 = store_list(x->w.st, STORE_ENTITIES, "essential", all_one,
	    &v)) != STORE_OK) {
		free(v.v);
		return fail_store(x, r1);
	}
	if (v.n == 0 && !x->json)
		printf("no essential entities registered: nothing to scan "
		    "(§ 21)\n");
	for (i = 0; i < v.n; i++) {
		const char *cvr = (const char *)v.v + i * 9;
		struct entity_row e;
		json_t *j;
		bool none;

		/* An essential entity without endpoints is told, not an error. */
		if (store_entity_get(x->w.st, cvr, &e) != STORE_OK)
			continue;
		j = json_loads(e.data, 0, NULL);
		none = json_array_size(json_object_get(j, "ip_ranges")) == 0 &&
		    (json_array_size(json_object_get(j, "hosts")) == 0 ||
		    !so.allow_hosted);
		json_decref(j);
		entity_row_release(&e);
		if (none) {
			if (!x->json)
				printf("%s: no registered IP ranges%s: not "
				    "scanned\n", cvr, so.allow_hosted ? " or "
				    "hosts" : "");
			continue;
		}
		r = worse(r, scan_one(x, cvr, NULL, &so));
	}
	free(v.v);
	return r;
}
