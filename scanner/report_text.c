/*
 * report_text.c: the report for a terminal.  Colour (severity only) when
 * the caller asks for it: main() does so only on a tty without NO_COLOR.
 * Write errors are the stream's; they are checked at the end.
 */
#include <stdio.h>

#include "scanner/render.h"
#include "scanner/report.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/tls/tls_report.h"

static const char *
sev_color(enum severity s, int color)
{
	if (!color)
		return "";
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "\033[1;31m";
	case SEV_MEDIUM:
		return "\033[33m";
	default:
		return "\033[36m";
	}
}

static void
text_findings(FILE *fp, const struct scan_result *r, int color)
{
	const struct finding *f;
	size_t k;

	if (r->nfindings == 0 && r->error == NULL)
		fprintf(fp, "  findings: none\n");
	else if (r->nfindings > 0)
		fprintf(fp, "  findings:\n");
	for (k = 0; k < r->nfindings; k++) {
		f = &r->findings[k];
		fprintf(fp, "    %s%-8s%s %s: %s (%s)\n",
		    sev_color(f->severity, color),
		    severity_name(f->severity), color ? "\033[0m" : "",
		    f->id, f->evidence, basis_text(f->basis));
	}
}

int
report_text(FILE *fp, const struct scan_result *res, size_t n, int color)
{
	const struct scan_result *r;
	char when[32];
	size_t i;

	for (i = 0; i < n; i++) {
		r = &res[i];
		render_time(r->started, when, sizeof(when));
		fprintf(fp, "%s%s (%s) %s port %u, %s, %llu ms, "
		    "%u connections\n", i > 0 ? "\n" : "", r->target->spec,
		    r->service, r->target->naddr > 0 ? r->target->ip : "-",
		    (unsigned)r->target->port, when,
		    (unsigned long long)r->duration_ms,
		    (unsigned)r->connections);
		if (r->error != NULL)
			fprintf(fp, "  error: %s\n", r->error);
		if (r->has_tls && tls_report_text(fp, &r->tls, &r->cert) != 0)
			return -1;
		if (r->ssh != NULL && ssh_report_text(fp, r->ssh) != 0)
			return -1;
		text_findings(fp, r, color);
	}
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}
