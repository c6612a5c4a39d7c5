/*
 * tilsyn-deadline: the incident-report deadlines of § 13 and whether they
 * were met.  Times in, one report per deadline out; the rules live in
 * law/incident.c.
 */
#include <err.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "config.h"
#include "common/exit.h"
#include "common/fds.h"
#include "law/incident.h"
#include "tools/tool.h"


static const char usage_text[] =
"usage: tilsyn-deadline --aware TIME [--early-warning TIME]\n"
"           [--notification TIME] [--final-report TIME]\n"
"           [--progress-report TIME] [--handled TIME] [--now TIME]\n"
"           [-o text|json]\n"
"       tilsyn-deadline --help | --version\n";

static void
get_time(const char *flag, const char *arg, struct caltime *out)
{
	char msg[256];

	if (caltime_parse(arg, out, msg, sizeof(msg)) == -1)
		errx(EXIT_USAGE, "%s: %s", flag, msg);
}

/* "2 d 3 h 5 min 7 s" with the zero parts left out. */
static void
span(int64_t s, char *buf, size_t len)
{
	int64_t part[4] = { s / 86400, s / 3600 % 24, s / 60 % 60, s % 60 };
	static const char *const unit[4] = { "d", "h", "min", "s" };
	size_t o = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 4 && o < len; i++)
		if (part[i] != 0)
			o += (size_t)snprintf(buf + o, len - o, "%s%" PRId64
			    " %s", o ? " " : "", part[i], unit[i]);
	if (o == 0)
		snprintf(buf, len, "0 s");
}

static void
print_text(const struct incident_times *in, const struct deadline_result *d)
{
	char a[64], b[64], l[64];
	const struct report_deadline *r;
	size_t i;

	caltime_format(in->aware.t, &in->aware, a, sizeof(a));
	printf("aware: %s\n", a);
	caltime_format(in->now, &in->aware, a, sizeof(a));
	printf("now: %s\n", a);
	if (d->ongoing)
		printf("the incident was still ongoing one month after the "
		    "notification: progress report, then final report\n");
	for (i = 0; i < d->n; i++) {
		r = &d->r[i];
		if (r->has_due)
			caltime_format(r->due, r->style, a, sizeof(a));
		else
			snprintf(a, sizeof(a), "not yet known");
		printf("%s: %s", report_name(r->kind),
		    report_status_name(r->status));
		if (r->status == STATUS_LATE) {
			span(r->late_by, l, sizeof(l));
			printf(" by %s", l);
		}
		printf("\n  due: %s (%s; %s)\n", a, r->note,
		    basis_text(r->basis));
		if (r->submitted) {
			caltime_format(r->submitted_t, r->submitted_style, b,
			    sizeof(b));
			printf("  submitted: %s\n", b);
		}
	}
}

/* A time as the user wrote its kind, or JSON null when there is none. */
static json_t *
jtime(bool has, int64_t t, const struct caltime *style)
{
	char buf[64];

	if (!has)
		return json_null();
	if (style == NULL)
		caltime_format_utc(t, buf, sizeof(buf));
	else
		caltime_format(t, style, buf, sizeof(buf));
	return json_string(buf);
}

/* One JSON object on one line; -1 when jansson runs out of memory. */
static int
print_json(const struct incident_times *in, const struct deadline_result *d)
{
	const struct report_deadline *r;
	json_t *o, *a, *e;
	size_t i;

	if ((a = json_array()) == NULL)
		return -1;
	for (i = 0; i < d->n; i++) {
		r = &d->r[i];
		e = json_pack("{s:s, s:o, s:o, s:o, s:s, s:o, s:s, s:s}",
		    "report", report_name(r->kind),
		    "due", jtime(r->has_due, r->due, r->style),
		    "due_utc", jtime(r->has_due, r->due, NULL),
		    "submitted", jtime(r->submitted, r->submitted_t,
		    r->submitted_style),
		    "status", report_status_name(r->status),
		    "late_by_seconds", r->status == STATUS_LATE ?
		    json_integer(r->late_by) : json_null(),
		    "basis", basis_text(r->basis), "rule", r->note);
		if (json_array_append_new(a, e) != 0) {
			json_decref(a);
			return -1;
		}
	}
	o = json_pack("{s:o, s:o, s:b, s:o}",
	    "aware", jtime(true, in->aware.t, &in->aware),
	    "now", jtime(true, in->now, &in->aware),
	    "ongoing", d->ongoing, "reports", a);
	return tool_print_json(o);
}

int
main(int argc, char *argv[])
{
	enum {
		O_AWARE = 256, O_EARLY, O_NOTIF, O_FINAL, O_PROGRESS,
		O_HANDLED, O_NOW
	};
	static const struct option longopts[] = {
		{ "aware", required_argument, NULL, O_AWARE },
		{ "early-warning", required_argument, NULL, O_EARLY },
		{ "notification", required_argument, NULL, O_NOTIF },
		{ "final-report", required_argument, NULL, O_FINAL },
		{ "progress-report", required_argument, NULL, O_PROGRESS },
		{ "handled", required_argument, NULL, O_HANDLED },
		{ "now", required_argument, NULL, O_NOW },
		TOOL_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct incident_times in;
	struct deadline_result d;
	struct caltime now;
	struct tool tool = { "tilsyn-deadline", usage_text, CLI_TEXT };
	int ch, r, has_aware = 0, has_now = 0;
	enum report_kind k;
	char msg[256];

	if (fds_ensure_std() != 0)
		err(EXIT_FAIL, "/dev/null");
	memset(&in, 0, sizeof(in));
	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (ch) {
		case O_AWARE:
			get_time("--aware", optarg, &in.aware);
			has_aware = 1;
			break;
		case O_EARLY:
		case O_NOTIF:
		case O_FINAL:
		case O_PROGRESS:
			k = ch == O_EARLY ? REPORT_EARLY_WARNING :
			    ch == O_NOTIF ? REPORT_NOTIFICATION :
			    ch == O_FINAL ? REPORT_FINAL : REPORT_PROGRESS;
			get_time(report_option(k), optarg, &in.at[k]);
			in.has[k] = true;
			break;
		case O_HANDLED:
			get_time("--handled", optarg, &in.handled);
			in.has_handled = true;
			break;
		case O_NOW:
			get_time("--now", optarg, &now);
			in.now = now.t;
			has_now = 1;
			break;
		default:
			if ((r = tool_option(&tool, ch, optarg)) != TOOL_GO)
				return r;
		}
	}
	if (optind != argc)
		errx(EXIT_USAGE, "unexpected argument '%s'", argv[optind]);
	if (!has_aware)
		errx(EXIT_USAGE, "--aware is required (when the entity became aware "
		    "of the incident)");
	if (!has_now)
		in.now = (int64_t)time(NULL);
	if (incident_check(&in, msg, sizeof(msg)) == -1)
		errx(EXIT_USAGE, "%s", msg);
	incident_deadlines(&in, &d);
	r = 0;
	if (tool.out == CLI_JSON)
		r = print_json(&in, &d);
	else
		print_text(&in, &d);
	return tool_done(r, d.any_overdue ? EXIT_FINDINGS : EXIT_OK);
}
