/*
 * policy.h: observations -> findings.  The rules are a profile's
 * (scanner/profile.h): each has an id, a severity, a legal basis
 * (law/basis.h) and a match kind whose test (policy.c) reads the
 * observations of one target and writes its evidence.  Pure: no I/O, no
 * clock (the scan stores days_left).
 */
#ifndef TILSYN_POLICY_H
#define TILSYN_POLICY_H

#include <stddef.h>

#include "law/basis.h"

enum severity {
	SEV_INFO = 0,
	SEV_LOW,
	SEV_MEDIUM,
	SEV_HIGH,
	SEV_CRITICAL,
};

struct finding {
	const char	*id;		/* "tls-sslv3", ... (static) */
	enum severity	 severity;
	enum basis_id	 basis;
	const char	*cve;		/* "CVE-... CVE-..." (static), or NULL */
	char		 evidence[512];
};

struct scan_result;
struct profile;

/* "info", "low", ... */
const char *severity_name(enum severity);
/* Parses a severity name; -1 if unknown. */
int	severity_parse(const char *);
/*
 * The profile policy_evaluate() applies from now on (kept, not copied);
 * NULL: the built-in tilsyn profile, the default.
 */
void	policy_use(const struct profile *);
/* The profile in use (NULL only if the built-in one failed to parse). */
const struct profile *policy_profile(void);
/*
 * Evaluates every rule of the profile on r and stores the findings in r->findings
 * (replacing any).  Returns 0 or -1 (out of memory).
 */
int	policy_evaluate(struct scan_result *r)
	    __attribute__((warn_unused_result));
/*
 * The n-th CVE id (from 0) of the space-separated list cve, copied into
 * buf (an id is at most 28 bytes: give 32); NULL past the last one or
 * when cve is NULL.
 */
const char *policy_cve_at(const char *cve, size_t n, char *buf, size_t len);
/* The worst severity among r's findings, or -1 if none. */
int	policy_worst(const struct scan_result *r);

#endif
