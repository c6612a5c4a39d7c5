/*
 * report.h: renderers of scan results.  They only read the results; each
 * returns 0 or -1 (write or allocation error).
 */
#ifndef TILSYN_REPORT_H
#define TILSYN_REPORT_H

#include <stdio.h>

#include "scanner/scan.h"

/* JSON Lines: one object per target. */
int	report_json(FILE *, const struct scan_result *, size_t n);
/* For a terminal; colour when color is nonzero. */
int	report_text(FILE *, const struct scan_result *, size_t n, int color);
/* One XML document <tilsyn-scan> with one <target> per target. */
int	report_xml(FILE *, const struct scan_result *, size_t n);

/* Shared by the renderers: "2026-11-28T22:01:31Z". */
void	report_time(int64_t, char *, size_t);

/* The certificate verdicts over every chain fetched (-1 = unknown). */
struct cert_summary {
	int		 valid;		/* every chain verifies */
	const char	*verify_error;	/* of the first failing chain */
	int		 hostname_match;
	int		 ocsp_stapled;
};
void	report_cert_summary(const struct cert_result *, struct cert_summary *);

#endif
