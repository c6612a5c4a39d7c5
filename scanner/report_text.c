/*
 * report_text.c: the report for a terminal.  Colour (severity only) when
 * the caller asks for it: main() does so only on a tty without NO_COLOR.
 */
#include <stdio.h>
#include <string.h>

#include "scanner/report.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/tls/tls_suites.h"

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

static const char *
yesno(int v)
{
	return v < 0 ? "unknown" : v ? "yes" : "no";
}

static void
text_tls(FILE *fp, const struct scan_result *r)
{
	const struct tls_enum_result *t = &r->tls;
	const struct cert_result *c = &r->cert;
	const struct cert_info *ci;
	const struct cert_chain *chn;
	char name[32];
	const char *g;
	size_t i, k;
	int v;

	for (v = TLS_V_COUNT - 1; v >= 0; v--) {
		if (!t->versions[v]) {
			fprintf(fp, "  %-8s no\n", tls_version_name(v));
			continue;
		}
		fprintf(fp, "  %-8s yes, %u suites, server order: %s\n",
		    tls_version_name(v), (unsigned)t->nsuites[v],
		    yesno(t->server_order[v]));
		for (i = 0; i < t->nsuites[v]; i++)
			fprintf(fp, "    %s\n", tls_suite_name(t->suites[v][i],
			    name, sizeof(name)));
	}
	fprintf(fp, "  groups:");
	for (i = 0; i < t->ngroups; i++) {
		if ((g = tls_group_name(t->groups[i])) == NULL) {
			snprintf(name, sizeof(name), "0x%04x", t->groups[i]);
			g = name;
		}
		fprintf(fp, "%s %s", i > 0 ? "," : "", g);
	}
	fprintf(fp, "%s\n", t->ngroups == 0 ? " none" : "");
	if (t->dh_bits != 0)
		fprintf(fp, "  DHE group: %u bits\n", (unsigned)t->dh_bits);
	fprintf(fp, "  secure renegotiation: %s, compression: %s, "
	    "fallback SCSV: %s%s%s%s\n", yesno(t->secure_renegotiation),
	    yesno(t->compression), yesno(t->fallback_scsv),
	    tls_fallback_reason(t) != NULL ? " (" : "",
	    tls_fallback_reason(t) != NULL ? tls_fallback_reason(t) : "",
	    tls_fallback_reason(t) != NULL ? ")" : "");
	if (c->nchains == 0 && c->error[0] != '\0')
		fprintf(fp, "  certificate: not obtained (%s)\n", c->error);
	for (k = 0; k < c->nchains; k++) {
		chn = &c->chains[k];
		fprintf(fp, "  certificate chain (%s, %s): %s%s%s, host name "
		    "%s, OCSP stapled: %s\n", chn->key_type, chn->version,
		    chn->valid ? "valid" : "not valid: ", chn->verify_error,
		    chn->incomplete ? " (incomplete chain)" : "",
		    chn->hostname_match < 0 ? "not checked" :
		    chn->hostname_match ? "matches" : "does not match",
		    yesno(chn->ocsp_stapled));
		for (i = 0; i < c->ncerts; i++) {
			ci = &c->certs[i];
			if (ci->chain != (int)k)
				continue;
			fprintf(fp, "    [%d] %s\n", ci->position, ci->subject);
			fprintf(fp, "        issuer %s\n", ci->issuer);
			fprintf(fp, "        valid %s to %s (%ld days left)\n",
			    ci->not_before, ci->not_after, ci->days_left);
			fprintf(fp, "        %s %d bits, %s\n", ci->key_type,
			    ci->key_bits, ci->sig_alg);
			fprintf(fp, "        SHA-256 %s\n", ci->sha256);
		}
	}
}

int
report_text(FILE *fp, const struct scan_result *res, size_t n, int color)
{
	const struct scan_result *r;
	const struct finding *f;
	char when[32];
	size_t i, k;

	for (i = 0; i < n; i++) {
		r = &res[i];
		report_time(r->started, when, sizeof(when));
		fprintf(fp, "%s%s (%s) %s port %u, %s, %llu ms, %u connections\n",
		    i > 0 ? "\n" : "", r->target->spec, r->service,
		    r->target->naddr > 0 ? r->target->ip : "-",
		    (unsigned)r->target->port, when,
		    (unsigned long long)r->duration_ms,
		    (unsigned)r->connections);
		if (r->error != NULL)
			fprintf(fp, "  error: %s\n", r->error);
		if (r->has_tls)
			text_tls(fp, r);
		if (r->ssh != NULL && ssh_report_text(fp, r->ssh) != 0)
			return -1;
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
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}
