/*
 * tilsyn-scan: the security scan of TLS and SSH endpoints.  Options, the
 * target set (specs, prefixes, files, nmap XML), resolution and the scope
 * check (nothing is sent before every address is known to be in scope),
 * then one engine run over every endpoint, each result written the moment
 * it is finished.  Exit status: 0 scanned, no finding at or above
 * --fail-on; 1 such findings; 2 usage or bad input (incl. out of scope);
 * 3 some target could not be scanned, or the run was interrupted.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/exit.h"
#include "common/fds.h"
#include "common/netsyntax.h"
#include "common/numparse.h"
#include "config.h"
#include "scanner/profile.h"
#include "scanner/report.h"
#include "scanner/scan.h"
#include "scanner/target.h"
#include "scanner/tls/tls_cert.h"

static const char usage_text[] =
"usage: tilsyn-scan [-q] [-o text|json|xml] [-j N] [--per-host N]\n"
"                   [--delay MS] [--timeout SEC] [--target-timeout SEC]\n"
"                   [--greeting-timeout SEC] [--fail-on SEVERITY]\n"
"                   [--sni NAME] [--resolve HOST:PORT:ADDR]\n"
"                   [--scope CIDR,...] [--scope-file FILE]\n"
"                   [--skip-out-of-scope] [--ca-file FILE] [-p PORTS]\n"
"                   [-f FILE] [--json FILE] [--xml FILE] [--text FILE]\n"
"                   [--html FILE] [--profile NAME|FILE]\n"
"                   [--no-http] [--vuln LIST | --no-vuln]\n"
"                   [target ...]\n"
"       tilsyn-scan --list-profiles\n"
"       tilsyn-scan --help | --version\n";

static const char help_text[] =
"\n"
"targets: host, host:port, [v6addr]:port, tls://host:port, smtp://,\n"
"imap://, pop3://, ftp:// (STARTTLS / AUTH TLS), ssh://, https://,\n"
"lmtp://, xmpp://, xmpp-server://, nntp://, sieve://, irc://, ldap://,\n"
"postgres://, mysql:// (STARTTLS), and CIDR prefixes (192.0.2.0/28,\n"
"smtp://[2001:db8::/120]:587); port 443 by default\n"
"\n"
"  -o FORMAT            standard output: text (default), json (JSON\n"
"                       Lines) or xml\n"
"  -q                   no progress and no failure count on stderr\n"
"  -j N                 connections in flight overall (default 64)\n"
"  --per-host N         connections in flight per address (default 4)\n"
"  --delay MS           pause between two connections to one address\n"
"  --timeout SEC        connect and read timeout (default 5)\n"
"  --target-timeout SEC all of one target (default 120)\n"
"  --greeting-timeout SEC  a STARTTLS greeting (default 30)\n"
"  --fail-on SEVERITY   exit 1 on findings at or above it (default high)\n"
"  --sni NAME           server name to send instead of the target's\n"
"  --resolve H:P:A      connect to address A for host H, port P\n"
"  --scope CIDR,...     refuse targets resolving outside these networks\n"
"  --scope-file FILE    the same, one network per line\n"
"  --skip-out-of-scope  report such targets as not scanned instead\n"
"  --ca-file FILE       verify certificates against FILE, not the system\n"
"  -p PORTS             ports of targets without one (443,8443,4430-4439)\n"
"  -f FILE              targets from FILE (- for standard input), one per\n"
"                       line, or nmap XML (nmap -oX)\n"
"  --json FILE, --xml FILE, --text FILE\n"
"                       also write that format to FILE, as it goes\n"
"  --html FILE          the Danish inspection report (XHTML) to FILE, at\n"
"                       the end\n"
"  --profile NAME|FILE  the baseline the findings come from (default\n"
"                       tilsyn); a FILE has a '/' or ends in .xml\n"
"  --list-profiles      the profiles found: name, version, title, source\n"
"  --no-http            no GET / on HTTPS endpoints (443, 8443, https://)\n"
"  --vuln LIST          only these behavioural checks (heartbleed,\n"
"                       ccs-injection, ticketbleed, robot, renegotiation,\n"
"                       fallback-scsv, all); default: every cheap one\n"
"  --no-vuln            no behavioural checks\n"
"\n"
"exit status: 0 no finding at or above --fail-on, 1 such findings,\n"
"2 usage or bad input, 3 some target could not be scanned or the run\n"
"was interrupted\n";

enum {
	OPT_PER_HOST = 256,
	OPT_DELAY,
	OPT_TIMEOUT,
	OPT_TARGET_TIMEOUT,
	OPT_GREETING_TIMEOUT,
	OPT_FAIL_ON,
	OPT_SNI,
	OPT_RESOLVE,
	OPT_SCOPE,
	OPT_SCOPE_FILE,
	OPT_SKIP_SCOPE,
	OPT_CA_FILE,
	OPT_JSON,
	OPT_XML,
	OPT_TEXT,
	OPT_HTML,
	OPT_PROFILE,
	OPT_LIST_PROFILES,
	OPT_NO_HTTP,
	OPT_VULN,
	OPT_NO_VULN,
	OPT_HELP,
	OPT_VERSION,
};

/* getopt_long() rows: options with an argument, and flags. */
#define ARG(name, val)	{ name, required_argument, NULL, val }
#define FLAG(name, val)	{ name, no_argument, NULL, val }

static const struct option longopts[] = {
	ARG("per-host", OPT_PER_HOST),
	ARG("delay", OPT_DELAY),
	ARG("timeout", OPT_TIMEOUT),
	ARG("target-timeout", OPT_TARGET_TIMEOUT),
	ARG("greeting-timeout", OPT_GREETING_TIMEOUT),
	ARG("fail-on", OPT_FAIL_ON),
	ARG("sni", OPT_SNI),
	ARG("resolve", OPT_RESOLVE),
	ARG("scope", OPT_SCOPE),
	ARG("scope-file", OPT_SCOPE_FILE),
	FLAG("skip-out-of-scope", OPT_SKIP_SCOPE),
	ARG("ca-file", OPT_CA_FILE),
	ARG("json", OPT_JSON),
	ARG("xml", OPT_XML),
	ARG("text", OPT_TEXT),
	ARG("html", OPT_HTML),
	ARG("profile", OPT_PROFILE),
	FLAG("list-profiles", OPT_LIST_PROFILES),
	FLAG("no-http", OPT_NO_HTTP),
	ARG("vuln", OPT_VULN),
	FLAG("no-vuln", OPT_NO_VULN),
	FLAG("help", OPT_HELP),
	FLAG("version", OPT_VERSION),
	{ NULL, 0, NULL, 0 },
};

#define MAX_REPORTS	5	/* stdout and the four files */

/* What the callbacks of one run share. */
struct run {
	struct target_iter	*it;
	struct report		 rep[MAX_REPORTS];
	size_t			 nrep;
	uint64_t		 total;
	uint64_t		 t0;
	uint64_t		 last_progress;
	int			 progress;	/* on a tty, not -q */
	uint64_t		 pass, fail;	/* the profile's verdicts */
};

/* Set by the first SIGINT/SIGTERM; a second SIGINT exits at once. */
static volatile sig_atomic_t stop_flag;

static void
on_signal(int sig)
{
	if (stop_flag && sig == SIGINT)
		_exit(EXIT_FAIL);
	stop_flag = 1;
}

static void
usage(void)
{
	fputs(usage_text, stderr);
}

/*
 * Raises the descriptor limit as far as allowed and keeps -j below it, so
 * a large -j waits for slots instead of failing connects with EMFILE.
 */
static void
fit_fd_limit(struct engine_opts *o)
{
	struct rlimit rl;
	rlim_t room;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		(void)getrlimit(RLIMIT_NOFILE, &rl);
	}
	/* stdio, epoll, the resolver and OpenSSL's files need a few. */
	room = rl.rlim_cur > 64 ? rl.rlim_cur - 32 : 32;
	if ((rlim_t)o->max_inflight > room)
		o->max_inflight = (int)room;
}

static int
next_endpoint(void *arg, struct endpoint *ep)
{
	struct run *run = arg;

	return target_next(run->it, ep);
}

/* done/total, rate and time left, at most five times a second. */
static void
show_progress(struct run *run, uint64_t done, int last)
{
	uint64_t now = engine_now_ms(), ms = now - run->t0;
	double rate;

	if (!run->progress || (!last && now - run->last_progress < 200))
		return;
	run->last_progress = now;
	rate = ms > 0 ? (double)done * 1000.0 / (double)ms : 0.0;
	fprintf(stderr, "\rtilsyn-scan: %llu/%llu targets, %.1f/s",
	    (unsigned long long)done, (unsigned long long)run->total, rate);
	if (!last && rate > 0.0 && done < run->total)
		fprintf(stderr, ", %.0f s left  ",
		    (double)(run->total - done) / rate);
	else
		fputs("           ", stderr);
	if (last)
		fputc('\n', stderr);
}

static int
emit_result(void *arg, const struct scan_result *r)
{
	struct run *run = arg;
	size_t i;

	if (r->error == NULL && r->nfindings > 0)
		run->fail++;
	else if (r->error == NULL)
		run->pass++;
	for (i = 0; i < run->nrep; i++)
		if (report_result(&run->rep[i], r) == -1)
			return -1;
	show_progress(run, target_iter_consumed(run->it) -
	    target_iter_duplicates(run->it), 0);
	return 0;
}

/* Opens an output file before anything is sent; NULL with a message. */
static FILE *
open_output(const char *opt, const char *path)
{
	FILE *fp;
	int fd;

	if (strcmp(path, "-") == 0)
		return stdout;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0644)) == -1) {
		warn("%s '%s'", opt, path);
		return NULL;
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		warn("%s '%s'", opt, path);
		close(fd);
	}
	return fp;
}

static int
add_output(struct run *run, const char *opt, const char *path,
    enum report_format f)
{
	char err[512];
	FILE *fp;

	if (f == REPORT_HTML) {
		if ((fp = report_html_open(path, err, sizeof(err))) == NULL)
			warnx("%s '%s': %s", opt, path, err);
	} else
		fp = open_output(opt, path);
	if (fp == NULL)
		return -1;
	run->rep[run->nrep].fp = fp;
	run->rep[run->nrep].format = f;
	run->rep[run->nrep].path = path;
	run->nrep++;
	return 0;
}

/* Prints every collected input error; returns their number. */
static size_t
print_errors(const struct target_errors *errs)
{
	size_t i;

	for (i = 0; i < errs->n; i++)
		warnx("%s", errs->v[i]);
	if (errs->total > errs->n)
		warnx("... and %zu more", errs->total - errs->n);
	return errs->total;
}

/* "3 of 10 targets could not be scanned (refused 2, timeout 1)". */
static void
print_failures(const struct scan_stats *st)
{
	char buf[512];
	size_t len = 0;
	int k;

	for (k = SCAN_EK_NONE + 1; k < SCAN_EK_COUNT; k++)
		if (st->kinds[k] > 0 && len < sizeof(buf))
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
			    "%s%s %llu", len == 0 ? "" : ", ",
			    scan_errkind_name((enum scan_errkind)k),
			    (unsigned long long)st->kinds[k]);
	warnx("%llu of %llu targets could not be scanned (%s)",
	    (unsigned long long)st->failed, (unsigned long long)st->results,
	    len > 0 ? buf : "?");
}

/* By file name: the directory a profile was found in is no order. */
static int
cmp_base(const void *a, const void *b)
{
	return strcmp(strrchr(*(char *const *)a, '/'),
	    strrchr(*(char *const *)b, '/'));
}

/*
 * One line per profile of the search directories, sorted by file name;
 * an earlier directory's NAME.xml hides a later one's.  A broken file is
 * told and makes the exit status 2.
 */
static int
list_profiles(void)
{
	const char *const *d;
	struct profile *pf;
	struct dirent *de;
	char **names = NULL, **v, path[4096], errbuf[512];
	size_t i, k, n = 0, len;
	int rc = EXIT_OK;
	DIR *dir;

	for (d = profile_dirs(); *d != NULL; d++) {
		if ((dir = opendir(*d)) == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			len = strlen(de->d_name);
			/* '/' in front: every name has one for cmp_base(). */
			if (len < 5 || de->d_name[0] == '.' ||
			    strcmp(de->d_name + len - 4, ".xml") != 0)
				continue;
			for (k = 0; k < n; k++)
				if (strcmp(strrchr(names[k], '/') + 1,
				    de->d_name) == 0)
					break;
			if (k < n)
				continue;
			snprintf(path, sizeof(path), "%s/%s", *d, de->d_name);
			if ((v = realloc(names, (n + 1) * sizeof(*v))) ==
			    NULL || (v[n] = strdup(path)) == NULL)
				err(EXIT_FAIL, NULL);
			names = v;
			n++;
		}
		closedir(dir);
	}
	qsort(names, n, sizeof(*names), cmp_base);
	for (i = 0; i < n; i++) {
		if ((pf = profile_load_file(names[i], errbuf,
		    sizeof(errbuf))) == NULL) {
			warnx("%s", errbuf);
			rc = EXIT_USAGE;
		} else
			printf("%s %s: %s (%s)\n", pf->name, pf->version,
			    pf->title, pf->source);
		profile_free(&pf);
		free(names[i]);
	}
	free(names);
	return rc;
}

static const char *
user_name(void)
{
	struct passwd *pw;

	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_name;
	return NULL;
}

int
main(int argc, char *argv[])
{
	struct target_set *set = NULL;
	struct target_errors errs;
	struct resolve_map rm = { 0 };
	struct scope sc = { 0 };
	struct scan_config cfg;
	struct scan_stats st;
	struct report_run hdr;
	struct report_summary sum;
	struct run run;
	struct sigaction sa;
	const char *sni = NULL, *ca_file = NULL, *fail_name = "high";
	const char *json_path = NULL, *xml_path = NULL, *text_path = NULL;
	const char *html_path = NULL;
	const char *profile_spec = "tilsyn";
	struct profile *profile = NULL;
	enum report_format out_fmt = REPORT_TEXT;
	char errbuf[512], host[256];
	char **orig_argv = argv;
	size_t i;
	int64_t v;
	int ch, fail_on = SEV_HIGH, timeout_ms = 5000, rc = EXIT_USAGE;
	int orig_argc = argc, quiet = 0, skip_scope = 0, out_given = 0;
	int begun = 0;
	const char *nc;

	/* Before any open(): no socket may become stdout by accident. */
	if (fds_ensure_std() != 0)
		err(EXIT_FAIL, "/dev/null");
	signal(SIGPIPE, SIG_IGN);
	memset(&cfg, 0, sizeof(cfg));
	memset(&run, 0, sizeof(run));
	memset(&errs, 0, sizeof(errs));
	engine_opts_default(&cfg.engine);
	cfg.target_timeout_ms = 120 * 1000;
	cfg.greeting_timeout_ms = 30 * 1000;
	cfg.vuln = vuln_default_mask();
	if ((set = target_set_new()) == NULL)
		err(EXIT_FAIL, NULL);

	while ((ch = getopt_long(argc, argv, "o:j:f:p:q", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'o':
			if (strcmp(optarg, "text") == 0)
				out_fmt = REPORT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				out_fmt = REPORT_JSON;
			else if (strcmp(optarg, "xml") == 0)
				out_fmt = REPORT_XML;
			else {
				warnx("-o '%s': want text, json or xml",
				    optarg);
				goto out;
			}
			out_given = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'j':
			if (parse_int64(optarg, 1, 4096, &v) != NUM_OK) {
				warnx("-j '%s': want 1 to 4096", optarg);
				goto out;
			}
			cfg.engine.max_inflight = (int)v;
			break;
		case OPT_PER_HOST:
			if (parse_int64(optarg, 1, 1024, &v) != NUM_OK) {
				warnx("--per-host '%s': want 1 to 1024",
				    optarg);
				goto out;
			}
			cfg.engine.per_host = (int)v;
			break;
		case OPT_DELAY:
			if (parse_int64(optarg, 0, 600000, &v) != NUM_OK) {
				warnx("--delay '%s': want 0 to 600000 "
				    "milliseconds", optarg);
				goto out;
			}
			cfg.engine.delay_ms = (int)v;
			break;
		case OPT_TIMEOUT:
		case OPT_TARGET_TIMEOUT:
		case OPT_GREETING_TIMEOUT:
			if (parse_seconds_ms(optarg, 10, 3600 * 1000, &v) !=
			    NUM_OK) {
				warnx("--%s '%s': want seconds from 0.01 to "
				    "3600", ch == OPT_TIMEOUT ? "timeout" :
				    ch == OPT_TARGET_TIMEOUT ?
				    "target-timeout" : "greeting-timeout",
				    optarg);
				goto out;
			}
			if (ch == OPT_TIMEOUT)
				timeout_ms = (int)v;
			else if (ch == OPT_TARGET_TIMEOUT)
				cfg.target_timeout_ms = (int)v;
			else
				cfg.greeting_timeout_ms = (int)v;
			break;
		case OPT_FAIL_ON:
			if ((fail_on = severity_parse(optarg)) == -1) {
				warnx("--fail-on '%s': want info, low, medium, "
				    "high or critical", optarg);
				goto out;
			}
			fail_name = optarg;
			break;
		case OPT_SNI:
			if (*optarg == '\0' ||
			    strlen(optarg) > HOST_NAME_MAX_LEN) {
				warnx("--sni '%s': bad server name", optarg);
				goto out;
			}
			sni = optarg;
			break;
		case OPT_RESOLVE:
			if (resolve_add(&rm, optarg, errbuf,
			    sizeof(errbuf)) == -1) {
				warnx("%s", errbuf);
				goto out;
			}
			break;
		case OPT_SCOPE:
			if (scope_add(&sc, optarg, errbuf, sizeof(errbuf)) ==
			    -1) {
				warnx("--scope: %s", errbuf);
				goto out;
			}
			break;
		case OPT_SCOPE_FILE:
			if (scope_add_file(&sc, optarg, errbuf,
			    sizeof(errbuf)) == -1) {
				warnx("--scope-file: %s", errbuf);
				goto out;
			}
			break;
		case OPT_SKIP_SCOPE:
			skip_scope = 1;
			break;
		case OPT_CA_FILE:
			ca_file = optarg;
			break;
		case 'p':
			if (target_set_ports(set, optarg, errbuf,
			    sizeof(errbuf)) == -1) {
				warnx("-p: %s", errbuf);
				goto out;
			}
			break;
		case 'f':
			/* Every bad line is told (errs); stops below. */
			if (target_set_add_file(set, optarg, &errs) != 0)
				continue;
			break;
		case OPT_JSON:
			json_path = optarg;
			break;
		case OPT_XML:
			xml_path = optarg;
			break;
		case OPT_TEXT:
			text_path = optarg;
			break;
		case OPT_HTML:
			html_path = optarg;
			break;
		case OPT_PROFILE:
			profile_spec = optarg;
			break;
		case OPT_NO_HTTP:
			cfg.no_http = 1;
			break;
		case OPT_VULN:
			if (vuln_parse_list(optarg, &cfg.vuln, errbuf,
			    sizeof(errbuf)) == -1) {
				warnx("%s", errbuf);
				goto out;
			}
			break;
		case OPT_NO_VULN:
			cfg.vuln = 0;
			break;
		case OPT_LIST_PROFILES:
			rc = list_profiles();
			goto out;
		case OPT_HELP:
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			rc = EXIT_OK;
			goto out;
		case OPT_VERSION:
			printf("tilsyn-scan %s\n", TILSYN_VERSION);
			rc = EXIT_OK;
			goto out;
		default:
			usage();
			goto out;
		}
	}
	argc -= optind;
	argv += optind;
	/*
	 * A bad profile is bad input: told before any name is resolved or
	 * any packet sent.
	 */
	if ((profile = profile_find(profile_spec, errbuf,
	    sizeof(errbuf))) == NULL) {
		warnx("%s", errbuf);
		goto out;
	}
	policy_use(profile);
	/* Every bad spec is told (errs), then the run stops below. */
	for (i = 0; i < (size_t)argc; i++)
		if (target_set_add(set, argv[i], &errs) == -1)
			continue;
	if (print_errors(&errs) > 0)
		goto out;
	if (target_set_count(set) == 0) {
		warnx("no target given");
		usage();
		goto out;
	}
	if (tls_cert_global_init(ca_file, errbuf, sizeof(errbuf)) == -1) {
		warnx("%s", errbuf);
		goto out;
	}
	if (target_set_resolve(set, &rm, sni) == -1)
		err(EXIT_FAIL, NULL);
	/* Nothing is sent before every address is known to be in scope. */
	if (target_set_check_scope(set, &sc, skip_scope, &errs) > 0 &&
	    !skip_scope) {
		(void)print_errors(&errs);
		goto out;
	}
	/* Outputs: stdout unless only files were asked for. */
	if (out_given || (json_path == NULL && xml_path == NULL &&
	    text_path == NULL && html_path == NULL)) {
		run.rep[run.nrep].fp = stdout;
		run.rep[run.nrep].format = out_fmt;
		nc = getenv("NO_COLOR");
		run.rep[run.nrep].color = out_fmt == REPORT_TEXT &&
		    isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
		run.nrep++;
	}
	if ((json_path != NULL &&
	    add_output(&run, "--json", json_path, REPORT_JSON) == -1) ||
	    (xml_path != NULL &&
	    add_output(&run, "--xml", xml_path, REPORT_XML) == -1) ||
	    (text_path != NULL &&
	    add_output(&run, "--text", text_path, REPORT_TEXT) == -1) ||
	    (html_path != NULL &&
	    add_output(&run, "--html", html_path, REPORT_HTML) == -1))
		goto out;

	fit_fd_limit(&cfg.engine);
	cfg.engine.connect_timeout_ms = timeout_ms;
	cfg.engine.read_timeout_ms = timeout_ms;
	cfg.engine.stop = &stop_flag;
	cfg.ca_file = ca_file;
	cfg.next = next_endpoint;
	cfg.next_arg = &run;
	cfg.emit = emit_result;
	cfg.emit_arg = &run;
	if ((run.it = target_iter_new(set)) == NULL)
		err(EXIT_FAIL, NULL);
	run.total = target_set_count(set);
	run.t0 = engine_now_ms();
	run.progress = !quiet && isatty(STDERR_FILENO) && run.total >= 10;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGINT, &sa, NULL);
	(void)sigaction(SIGTERM, &sa, NULL);

	memset(&hdr, 0, sizeof(hdr));
	hdr.version = TILSYN_VERSION;
	hdr.started = (int64_t)time(NULL);
	hdr.argv = orig_argv;
	hdr.argc = orig_argc;
	if (gethostname(host, sizeof(host)) == 0) {
		host[sizeof(host) - 1] = '\0';
		hdr.host = host;
	}
	hdr.user = user_name();
	hdr.scope = &sc;
	hdr.targets = run.total;
	hdr.cfg = &cfg;
	hdr.fail_on = fail_name;
	rc = EXIT_FAIL;
	for (i = 0; i < run.nrep; i++)
		if (report_begin(&run.rep[i], &hdr) == -1) {
			warn("writing the report");
			goto out;
		}
	begun = 1;
	if (scan_run(&cfg, &st, errbuf, sizeof(errbuf)) == -1) {
		warnx("%s", errbuf);
		goto out;
	}
	show_progress(&run, st.results + target_iter_duplicates(run.it), 1);

	memset(&sum, 0, sizeof(sum));
	sum.st = &st;
	sum.targets = run.total;
	sum.duplicates = target_iter_duplicates(run.it);
	sum.not_started = run.total - target_iter_consumed(run.it);
	sum.finished = (int64_t)time(NULL);
	sum.duration_ms = engine_now_ms() - run.t0;
	rc = st.stopped || st.failed > 0 ? EXIT_FAIL :
	    st.worst >= fail_on ? EXIT_FINDINGS : EXIT_OK;
	sum.exit_status = rc;
	sum.pass = run.pass;
	sum.fail = run.fail;
	begun = 0;
	for (i = 0; i < run.nrep; i++)
		if (report_end(&run.rep[i], &sum) == -1) {
			warn("writing the report");
			rc = EXIT_FAIL;
		}
	if (!quiet && st.failed > 0)
		print_failures(&st);
	if (st.stopped && !quiet)
		warnx("interrupted: %llu targets not started",
		    (unsigned long long)sum.not_started);
out:
	for (i = 0; i < run.nrep; i++) {
		if (begun)
			report_abandon(&run.rep[i]);
		if (run.rep[i].fp != stdout && fclose(run.rep[i].fp) != 0 &&
		    rc != EXIT_USAGE) {
			warn("closing an output file");
			rc = EXIT_FAIL;
		}
	}
	target_iter_free(&run.it);
	target_errors_free(&errs);
	tls_cert_global_free();
	target_set_free(&set);
	resolve_free(&rm);
	scope_free(&sc);
	policy_use(NULL);
	profile_free(&profile);
	return rc;
}
