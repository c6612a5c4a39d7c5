/*
 * report.h: the renderers of a run, one per output format, streamed: a
 * run header (provenance: who scanned what, when, with what), one result
 * per target the moment it finishes, a summary.  They only read the
 * results: the envelope and the findings here, the TLS and SSH parts
 * through tls/tls_report.c and ssh/ssh_report.c.  Each call writes and
 * flushes whole items, so a file is a valid prefix whenever the run
 * stops; each returns 0, or -1 on a write or allocation error (errno is
 * the write's).  A target whose part could not be built is never written
 * half.
 */
#ifndef TILSYN_REPORT_H
#define TILSYN_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "scanner/scan.h"
#include "scanner/target.h"

#define REPORT_SCHEMA	1	/* the JSON/XML schema tilsyn-scan(1) documents */

enum report_format {
	REPORT_TEXT,
	REPORT_JSON,		/* JSON Lines */
	REPORT_XML,
	REPORT_HTML,		/* the XML, through the report template at the end */
};

/* Provenance: what the run header says. */
struct report_run {
	const char		*version;
	int64_t			 started;	/* Unix time */
	char *const		*argv;
	int			 argc;
	const char		*host;		/* the scanning machine */
	const char		*user;
	const struct scope	*scope;
	uint64_t		 targets;	/* endpoints in the input */
	const struct scan_config *cfg;
	const char		*fail_on;	/* severity name */
};

struct report_summary {
	const struct scan_stats	*st;
	uint64_t		 targets;	/* endpoints in the input */
	uint64_t		 duplicates;
	uint64_t		 not_started;	/* left when interrupted */
	int64_t			 finished;	/* Unix time */
	uint64_t		 duration_ms;
	int			 exit_status;
	uint64_t		 pass, fail;	/* the profile's verdicts */
};

/* One output: a stream and its format. */
struct report {
	FILE			*fp;
	enum report_format	 format;
	int			 color;		/* text on a terminal */
	void			*xml;		/* the XML writer */
	const char		*path;		/* REPORT_HTML: FILE, or "-" */
	void			*html;		/* REPORT_HTML: result hashes */
};

int	report_begin(struct report *, const struct report_run *)
	    __attribute__((warn_unused_result));
int	report_result(struct report *, const struct scan_result *)
	    __attribute__((warn_unused_result));
/* Writes the summary and closes the document; frees what begin made. */
int	report_end(struct report *, const struct report_summary *)
	    __attribute__((warn_unused_result));
/* Frees what begin made without writing (a failed run). */
void	report_abandon(struct report *);

/* The formats (report_json.c, report_xml.c, report_text.c). */
int	report_json_begin(FILE *, const struct report_run *);
int	report_json_result(FILE *, const struct scan_result *);
int	report_json_end(FILE *, const struct report_summary *);
int	report_xml_begin(struct report *, const struct report_run *);
int	report_xml_result(struct report *, const struct scan_result *);
int	report_xml_end(struct report *, const struct report_summary *);
void	report_xml_abandon(struct report *);
/*
 * --html FILE (report_html.c): checks that the report template can be
 * read and FILE's directory written, and returns the temporary file the
 * XML goes to while the run lasts (the report's fp; the caller closes
 * it); NULL with err set.  report_html_end() ends the XML, renders it
 * and renames the XHTML into place at r->path ("-": standard output).
 */
FILE	*report_html_open(const char *path, char *err, size_t errlen);
/*
 * Each result as XML, and the SHA-256 of its JSON Lines line (the bytes
 * --json writes and the case file stores), for the report's annex.
 */
int	report_html_result(struct report *, const struct scan_result *);
int	report_html_end(struct report *, const struct report_summary *);
void	report_html_abandon(struct report *);
int	report_text_begin(FILE *, const struct report_run *);
int	report_text_result(FILE *, const struct scan_result *, int color);
int	report_text_end(FILE *, const struct report_summary *);

/* "192.0.2.0/24" for the run header. */
void	report_cidr(const struct cidr *, char *buf, size_t len);

#endif
