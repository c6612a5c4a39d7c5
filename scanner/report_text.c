/*
 * report_text.c: the report for a terminal: a header line, each target
 * as it finishes, a summary table.  Colour (severity only) when the
 * caller asks for it: main() does so only on a tty without NO_COLOR.
 * Write errors are the stream's; each call checks them once it flushed.
 */
#include <stdio.h>

#include "scanner/profile.h"
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
		fprintf(fp, "    %s%-8s%s %s: %s (%s%s%s)\n",
		    sev_color(f->severity, color),
		    severity_name(f->severity), color ? "\033[0m" : "",
		    f->id, f->evidence, f->cve != NULL ? f->cve : "",
		    f->cve != NULL ? "; " : "", basis_text(f->basis));
	}
}

/* "profile tilsyn 1: fail (tls-tls10, cert-untrusted)". */
static void
text_verdict(FILE *fp, const struct scan_result *r)
{
	const struct profile *pf = policy_profile();
	size_t k;

	fprintf(fp, "  profile %s %s: %s", pf->name, pf->version,
	    r->error != NULL ? "no verdict (not scanned)" :
	    r->nfindings > 0 ? "fail" : "pass");
	for (k = 0; k < r->nfindings && r->error == NULL; k++)
		fprintf(fp, "%s%s", k == 0 ? " (" : ", ", r->findings[k].id);
	fprintf(fp, "%s\n", r->nfindings > 0 && r->error == NULL ? ")" : "");
}

int
report_text_begin(FILE *fp, const struct report_run *run)
{
	const struct profile *pf = policy_profile();
	char when[32];

	render_time(run->started, when, sizeof(when));
	fprintf(fp, "tilsyn-scan %s: %llu target%s, started %s, profile "
	    "%s %s\n", run->version, (unsigned long long)run->targets,
	    run->targets == 1 ? "" : "s", when, pf->name, pf->version);
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}

int
report_text_result(FILE *fp, const struct scan_result *r, int color)
{
	const struct endpoint *ep = r->ep;
	char when[32];

	render_time(r->started, when, sizeof(when));
	fprintf(fp, "\n%s (%s) %s port %u, %s, %llu ms, %u connections\n",
	    ep->spec, r->service, ep->addrlen > 0 ? ep->ip : "-",
	    (unsigned)ep->port, when, (unsigned long long)r->duration_ms,
	    (unsigned)r->connections);
	if (r->error != NULL)
		fprintf(fp, "  error (%s): %s\n",
		    scan_errkind_name(r->error_kind), r->error);
	if (r->has_tls && r->server_version[0] != '\0')
		fprintf(fp, "  server version: %s\n", r->server_version);
	if (r->has_tls && tls_report_text(fp, &r->tls, &r->cert) != 0)
		return -1;
	if (r->has_tls && r->http.tried && http_report_text(fp, &r->http) != 0)
		return -1;
	if (r->has_tls && vuln_report_text(fp, &r->vuln) != 0)
		return -1;
	if (r->ssh != NULL && ssh_report_text(fp, r->ssh) != 0)
		return -1;
	text_findings(fp, r, color);
	text_verdict(fp, r);
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}

int
report_text_end(FILE *fp, const struct report_summary *s)
{
	const struct scan_stats *st = s->st;
	const char *sep = "";
	int k;

	fprintf(fp, "\nsummary\n");
	fprintf(fp, "  targets      %llu", (unsigned long long)s->targets);
	if (s->duplicates > 0)
		fprintf(fp, " (%llu duplicates skipped)",
		    (unsigned long long)s->duplicates);
	fprintf(fp, "\n  scanned      %llu\n  failed       %llu",
	    (unsigned long long)st->scanned, (unsigned long long)st->failed);
	for (k = SCAN_EK_NONE + 1; k < SCAN_EK_COUNT; k++)
		if (st->kinds[k] > 0) {
			fprintf(fp, "%s%s %llu", *sep == '\0' ? " (" : sep,
			    scan_errkind_name((enum scan_errkind)k),
			    (unsigned long long)st->kinds[k]);
			sep = ", ";
		}
	fprintf(fp, "%s\n", *sep != '\0' ? ")" : "");
	if (st->stopped)
		fprintf(fp, "  interrupted  %llu not started\n",
		    (unsigned long long)s->not_started);
	fprintf(fp, "  findings    ");
	for (k = SEV_CRITICAL; k >= SEV_INFO; k--)
		fprintf(fp, " %s %llu", severity_name((enum severity)k),
		    (unsigned long long)st->findings[k]);
	fprintf(fp, "\n  profile      %s %s (sha256 %s): %llu pass, %llu "
	    "fail, %llu no verdict", policy_profile()->name,
	    policy_profile()->version, policy_profile()->sha256,
	    (unsigned long long)s->pass, (unsigned long long)s->fail,
	    (unsigned long long)st->failed);
	fprintf(fp, "\n  took         %llu ms, %llu connections\n",
	    (unsigned long long)s->duration_ms,
	    (unsigned long long)st->connections);
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}
