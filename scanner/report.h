/*
 * report.h: renderers of scan results, one per output format.  They only
 * read the results: the envelope and the findings here, the TLS and SSH
 * parts through tls/tls_report.c and ssh/ssh_report.c.  Each returns 0,
 * or -1 on a write or allocation error (errno is the write's); a target
 * whose part could not be built is never written half.
 */
#ifndef TILSYN_REPORT_H
#define TILSYN_REPORT_H

#include <stdio.h>

#include "scanner/scan.h"

/* JSON Lines: one object per target. */
int	report_json(FILE *, const struct scan_result *, size_t n)
	    __attribute__((warn_unused_result));
/* For a terminal; colour when color is nonzero. */
int	report_text(FILE *, const struct scan_result *, size_t n, int color)
	    __attribute__((warn_unused_result));
/* One XML document <tilsyn-scan> with one <target> per target. */
int	report_xml(FILE *, const struct scan_result *, size_t n)
	    __attribute__((warn_unused_result));

#endif
