/*
 * tilsyn-scan: the security scan of TLS endpoints (and SSH, where built
 * in).  Options, target list, scope check, then one engine run over every
 * target, then a report.  Exit status: 0 scanned, no finding at or above
 * --fail-on; 1 such findings; 2 usage or bad input (incl. out of scope);
 * 3 some target could not be scanned.
 */
#include <sys/resource.h>

#include <err.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/exit.h"
#include "common/fds.h"
#include "common/netsyntax.h"
#include "common/numparse.h"
#include "config.h"
#include "scanner/report.h"
#include "scanner/scan.h"
#include "scanner/target.h"
#include "scanner/tls/tls_cert.h"

static const char usage_text[] =
"usage: tilsyn-scan [-o text|json|xml] [-j N] [--per-host N] [--delay MS]\n"
"                   [--timeout SEC] [--fail-on SEVERITY] [--sni NAME]\n"
"                   [--resolve HOST:PORT:ADDR] [--scope CIDR,...]\n"
"                   [--scope-file FILE] [--ca-file FILE] [-f FILE]\n"
"                   [target ...]\n"
"       tilsyn-scan --help | --version\n";

static const char help_text[] =
"\n"
"targets: host, host:port, [v6addr]:port, tls://host:port, smtp://,\n"
"imap://, pop3://, ftp:// (STARTTLS / AUTH TLS), ssh://; port 443 by\n"
"default\n"
"\n"
"  -o FORMAT           text (default), json (JSON Lines) or xml\n"
"  -j N                connections in flight overall (default 64)\n"
"  --per-host N        connections in flight per address (default 4)\n"
"  --delay MS          pause between two connections to one address\n"
"  --timeout SEC       connect and read timeout (default 5)\n"
"  --fail-on SEVERITY  exit 1 on findings at or above it (default high)\n"
"  --sni NAME          server name to send instead of the target's\n"
"  --resolve H:P:A     connect to address A for host H, port P\n"
"  --scope CIDR,...    refuse targets resolving outside these networks\n"
"  --scope-file FILE   the same, one network per line\n"
"  --ca-file FILE      verify certificates against FILE, not the system\n"
"  -f FILE             read targets from FILE (- for standard input)\n"
"\n"
"exit status: 0 no finding at or above --fail-on, 1 such findings,\n"
"2 usage or bad input, 3 some target could not be scanned\n";

enum {
	OPT_PER_HOST = 256,
	OPT_DELAY,
	OPT_TIMEOUT,
	OPT_FAIL_ON,
	OPT_SNI,
	OPT_RESOLVE,
	OPT_SCOPE,
	OPT_SCOPE_FILE,
	OPT_CA_FILE,
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
	ARG("fail-on", OPT_FAIL_ON),
	ARG("sni", OPT_SNI),
	ARG("resolve", OPT_RESOLVE),
	ARG("scope", OPT_SCOPE),
	ARG("scope-file", OPT_SCOPE_FILE),
	ARG("ca-file", OPT_CA_FILE),
	FLAG("help", OPT_HELP),
	FLAG("version", OPT_VERSION),
	{ NULL, 0, NULL, 0 },
};

static void
usage(void)
{
	fputs(usage_text, stderr);
}

static void
progress(void *arg, size_t done, size_t total)
{
	(void)arg;
	fprintf(stderr, "\rtilsyn-scan: %zu/%zu targets", done, total);
	if (done == total)
		fputc('\n', stderr);
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

int
main(int argc, char *argv[])
{
	struct target_list tl = { 0 };
	struct resolve_map rm = { 0 };
	struct scope sc = { 0 };
	struct scan_config cfg;
	struct scan_result *res = NULL;
	const char *format = "text", *sni = NULL, *ca_file = NULL;
	char errbuf[512], **pre = NULL;
	size_t i;
	int64_t v;
	int ch, fail_on = SEV_HIGH, timeout_ms = 5000, rc = EXIT_USAGE;
	int worst, unscanned = 0, color, found = 0;
	const char *nc;

	/* Before any open(): no socket may become stdout by accident. */
	if (fds_ensure_std() != 0)
		err(EXIT_FAIL, "/dev/null");
	signal(SIGPIPE, SIG_IGN);
	memset(&cfg, 0, sizeof(cfg));
	engine_opts_default(&cfg.engine);

	while ((ch = getopt_long(argc, argv, "o:j:f:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "xml") != 0) {
				warnx("-o '%s': want text, json or xml",
				    optarg);
				goto out;
			}
			format = optarg;
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
			if (parse_seconds_ms(optarg, 10, 3600 * 1000, &v) !=
			    NUM_OK) {
				warnx("--timeout '%s': want seconds from 0.01 "
				    "to 3600", optarg);
				goto out;
			}
			timeout_ms = (int)v;
			break;
		case OPT_FAIL_ON:
			if ((fail_on = severity_parse(optarg)) == -1) {
				warnx("--fail-on '%s': want info, low, medium, "
				    "high or critical", optarg);
				goto out;
			}
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
		case OPT_CA_FILE:
			ca_file = optarg;
			break;
		case 'f':
			if (target_add_file(&tl, optarg, errbuf,
			    sizeof(errbuf)) == -1) {
				warnx("%s", errbuf);
				goto out;
			}
			break;
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
	for (i = 0; i < (size_t)argc; i++)
		if (target_add(&tl, argv[i], errbuf, sizeof(errbuf)) == -1) {
			warnx("%s", errbuf);
			goto out;
		}
	if (tl.n == 0) {
		warnx("no target given");
		usage();
		goto out;
	}
	if (tls_cert_global_init(ca_file, errbuf, sizeof(errbuf)) == -1) {
		warnx("%s", errbuf);
		goto out;
	}
	if ((pre = calloc(tl.n, sizeof(*pre))) == NULL)
		err(EXIT_FAIL, NULL);
	if (targets_resolve(&tl, &rm, sni, pre) == -1)
		err(EXIT_FAIL, NULL);
	/* Nothing is sent before every address is known to be in scope. */
	if (targets_check_scope(&tl, &sc, errbuf, sizeof(errbuf)) == -1) {
		warnx("%s", errbuf);
		goto out;
	}
	fit_fd_limit(&cfg.engine);
	cfg.engine.connect_timeout_ms = timeout_ms;
	cfg.engine.read_timeout_ms = timeout_ms;
	cfg.budget_ms = timeout_ms * 24 > 60000 ? timeout_ms * 24 : 60000;
	cfg.ca_file = ca_file;
	if (isatty(STDERR_FILENO) && tl.n >= 10)
		cfg.progress = progress;
	if (scan_run(&cfg, &tl, pre, &res, errbuf, sizeof(errbuf)) == -1) {
		warnx("%s", errbuf);
		rc = EXIT_FAIL;
		goto out;
	}
	nc = getenv("NO_COLOR");
	color = isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
	if (strcmp(format, "json") == 0)
		rc = report_json(stdout, res, tl.n);
	else if (strcmp(format, "xml") == 0)
		rc = report_xml(stdout, res, tl.n);
	else
		rc = report_text(stdout, res, tl.n, color);
	if (rc == -1) {
		warn("writing the report");
		rc = EXIT_FAIL;
		goto out;
	}
	for (i = 0; i < tl.n; i++) {
		if (res[i].error != NULL) {
			unscanned = 1;
			warnx("%s: %s", res[i].target->spec, res[i].error);
		}
		worst = policy_worst(&res[i]);
		if (worst >= fail_on)
			found = 1;
	}
	rc = unscanned ? EXIT_FAIL : found ? EXIT_FINDINGS : EXIT_OK;
out:
	if (res != NULL)
		scan_results_free(res, tl.n);
	if (pre != NULL) {
		for (i = 0; i < tl.n; i++)
			free(pre[i]);
		free(pre);
	}
	tls_cert_global_free();
	target_list_free(&tl);
	resolve_free(&rm);
	scope_free(&sc);
	return rc;
}
