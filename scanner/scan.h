/*
 * scan.h: one scan of a list of targets on one engine.  Per target it
 * builds the plan (TLS enumeration planner, certificate handshakes, SSH
 * probes), runs it on the engine and fills a struct scan_result, then runs
 * the policy over it.  No printing: report_*.c render the results.
 */
#ifndef TILSYN_SCAN_H
#define TILSYN_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/engine.h"
#include "scanner/policy.h"
#include "scanner/target.h"
#include "scanner/tls/tls_enum.h"
#include "scanner/tls/tls_cert.h"

struct ssh_result;	/* scanner/ssh: filled by the SSH probes */

struct scan_result {
	const struct target	*target;
	const char		*service;	/* "tls", "ssh", "smtp", ... */
	int64_t			 started;	/* Unix time, seconds */
	uint64_t		 duration_ms;
	uint32_t		 connections;
	char			*error;		/* NULL when scanned */
	int			 has_tls;	/* tls object present */
	struct tls_enum_result	 tls;
	struct cert_result	 cert;
	struct ssh_result	*ssh;
	struct finding		*findings;
	size_t			 nfindings;
};

struct scan_config {
	struct engine_opts	 engine;
	int			 budget_ms;	/* per target, 0 none */
	const char		*ca_file;
	/* Called (may be NULL) each time a target completes. */
	void			(*progress)(void *, size_t done, size_t total);
	void			*progress_arg;
};

/*
 * Scans the resolved targets of l (those with naddr > 0; others get
 * pre_errors[i] as their error, taken over).  *out is an array of l->n
 * results, in the order of l.  Returns 0, or -1 with err set when the scan
 * itself could not run (not when a target failed).
 */
int	scan_run(const struct scan_config *, const struct target_list *l,
	    char **pre_errors, struct scan_result **out, char *err,
	    size_t errlen) __attribute__((warn_unused_result));
void	scan_results_free(struct scan_result *, size_t n);

/*
 * For protocol modules that add probes to a target (SSH): the target's
 * engine, address, deadline and result, and a hold count.  A module calls
 * scan_target_hold() before each engine_submit() and scan_target_release()
 * from that probe's on_end; the target completes (policy, progress) when
 * nothing holds it any more.
 */
struct scan_target;
struct engine	*scan_target_engine(struct scan_target *);
const struct target *scan_target_target(struct scan_target *);
struct scan_result *scan_target_result(struct scan_target *);
uint64_t	 scan_target_deadline(struct scan_target *);
void		 scan_target_hold(struct scan_target *);
void		 scan_target_release(struct scan_target *);
/* Sets the target's error (first one wins); text is copied. */
void		 scan_target_error(struct scan_target *, const char *text);

#endif
