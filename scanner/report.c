/*
 * report.c: one report, whatever its format (see report.h).
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdio.h>

#include "scanner/report.h"

int
report_begin(struct report *r, const struct report_run *run)
{
	switch (r->format) {
	case REPORT_JSON:
		return report_json_begin(r->fp, run);
	case REPORT_XML:
	case REPORT_HTML:
		return report_xml_begin(r, run);
	default:
		return report_text_begin(r->fp, run);
	}
}

int
report_result(struct report *r, const struct scan_result *res)
{
	switch (r->format) {
	case REPORT_JSON:
		return report_json_result(r->fp, res);
	case REPORT_XML:
		return report_xml_result(r, res);
	case REPORT_HTML:
		return report_html_result(r, res);
	default:
		return report_text_result(r->fp, res, r->color);
	}
}

int
report_end(struct report *r, const struct report_summary *sum)
{
	switch (r->format) {
	case REPORT_JSON:
		return report_json_end(r->fp, sum);
	case REPORT_XML:
		return report_xml_end(r, sum);
	case REPORT_HTML:
		return report_html_end(r, sum);
	default:
		return report_text_end(r->fp, sum);
	}
}

void
report_abandon(struct report *r)
{
	if (r->format == REPORT_XML)
		report_xml_abandon(r);
	else if (r->format == REPORT_HTML)
		report_html_abandon(r);
}

void
report_cidr(const struct cidr *c, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	if (inet_ntop(c->family, c->addr, a, sizeof(a)) == NULL)
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "%s/%d", a, c->prefix);
}
