/*
 * tls_vuln.h: the behavioural vulnerability checks of a TLS endpoint
 * (--vuln LIST, --no-vuln): what each check is called, which run by
 * default, and the verdicts they leave in a scan result.  Each check is
 * a small probe (or a short series of probes) of its own file under
 * scanner/tls/, started by scan.c once the enumeration is done, with what
 * the enumeration saw; the profile's <vuln check="..."/> rules turn a
 * "vulnerable" verdict into a finding.
 */
#ifndef TILSYN_TLS_VULN_H
#define TILSYN_TLS_VULN_H

#include <stddef.h>

#include "scanner/engine.h"
#include "scanner/target.h"
#include "scanner/tls/tls_enum.h"

enum vuln_check {
	VULN_HEARTBLEED,	/* CVE-2014-0160 */
	VULN_CCS,		/* CCS injection, CVE-2014-0224 */
	VULN_TICKETBLEED,	/* CVE-2016-9244 */
	VULN_ROBOT,		/* Bleichenbacher oracle, CVE-2017-13099 ... */
	VULN_RENEG,		/* client-initiated renegotiation */
	VULN_FALLBACK,		/* TLS_FALLBACK_SCSV through OpenSSL */
	VULN_COUNT
};

#define VULN_MASK(c)	(1u << (c))
#define VULN_MASK_ALL	((1u << VULN_COUNT) - 1)

enum vuln_state {
	VULN_UNTESTED = 0,	/* not asked for, or never got that far */
	VULN_NOT_APPLICABLE,	/* e.g. no RSA key exchange for ROBOT */
	VULN_NOT_VULNERABLE,
	VULN_VULNERABLE,
	VULN_INCONCLUSIVE	/* asked, but the answers decide nothing */
};

struct vuln_verdict {
	enum vuln_state	 state;
	char		 detail[240];	/* what was seen, for the evidence */
};

struct vuln_result {
	struct vuln_verdict v[VULN_COUNT];
};

/*
 * What a check gets.  submit() queues one probe on the target (its
 * address, deadline, scope gate): 0, or an ENGINE_E* code when the
 * engine did not take it (the check frees it, no done() for it; on
 * ENGINE_ESTOPPED the run is being interrupted).  Every probe taken ends with
 * exactly one call of done(arg, status) (status: 0 or an ENGINE_E*
 * code, for the connection count and the deadline), after the check has
 * written its verdict into res->v[its check].  A check may submit its
 * next probe from an earlier probe's end, before that probe's done().
 * Everything here lives until the last done() of the target.
 */
struct vuln_env {
	const struct endpoint		*ep;
	const struct tls_enum_result	*tls;	/* what enumeration saw */
	int				 greeting_timeout_ms;	/* STARTTLS */
	struct vuln_result		*res;
	int	(*submit)(void *arg, const struct probe_ops *, void *probe);
	void	(*done)(void *arg, int status);
	void	*arg;
};

/*
 * Starts one check: submits its probes, or writes a verdict at once (not
 * applicable) and submits none.  0, or -1 when out of memory (nothing
 * submitted then).
 */
typedef int (*vuln_start_fn)(const struct vuln_env *);

/* 1 when some check has a verdict in r (it ran). */
int	vuln_ran(const struct vuln_result *r);
/* Writes v's detail, cut at its size (the evidence stays readable). */
void	vuln_detail(struct vuln_verdict *v, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* "heartbleed", "ccs-injection", ...; NULL out of range. */
const char *vuln_check_name(enum vuln_check);
/* "not-tested", "not-applicable", "not-vulnerable", "vulnerable",
   "inconclusive". */
const char *vuln_state_name(enum vuln_state);
/* The checks --vuln is without a list: the cheap ones. */
unsigned vuln_default_mask(void);
/* The check's start function, NULL while it has none. */
vuln_start_fn vuln_starter(enum vuln_check);
/*
 * A --vuln LIST: comma-separated names, or "all"; into *mask.  0, or -1
 * with err naming the unknown name.
 */
int	vuln_parse_list(const char *, unsigned *mask, char *err, size_t errlen)
	    __attribute__((warn_unused_result));
/* The check whose name is s, or -1. */
int	vuln_check_from_name(const char *s);

#endif
