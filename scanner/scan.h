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
#include "scanner/tls/tls_http.h"
#include "scanner/tls/tls_vuln.h"

struct ssh_result;	/* scanner/ssh: filled by the SSH probes */

/* Why a target was not (fully) scanned: error_kind in the reports. */
enum scan_errkind {
	SCAN_EK_NONE = 0,
	SCAN_EK_REFUSED,	/* connection refused */
	SCAN_EK_UNREACHABLE,	/* no route, host unreachable */
	SCAN_EK_TIMEOUT,	/* a wait or the target's deadline passed */
	SCAN_EK_RESET,		/* reset by the peer */
	SCAN_EK_PROTOCOL,	/* the peer spoke something else */
	SCAN_EK_INTERRUPTED,	/* the run was stopped (SIGINT, SIGTERM) */
	SCAN_EK_SCOPE,		/* outside the scope: nothing was sent */
	SCAN_EK_THROTTLED,	/* the server kept pushing back */
	SCAN_EK_RESOLVE,	/* the name did not resolve */
	SCAN_EK_COUNT
};

/* "refused", ...; NULL for SCAN_EK_NONE. */
const char *scan_errkind_name(enum scan_errkind);

struct scan_result {
	const struct endpoint	*ep;
	const char		*service;	/* "tls", "ssh", "smtp", ... */
	int64_t			 started;	/* Unix time, seconds */
	uint64_t		 duration_ms;
	uint32_t		 connections;
	char			*error;		/* NULL when scanned */
	enum scan_errkind	 error_kind;	/* NONE iff error == NULL */
	int			 has_tls;	/* tls object present */
	struct tls_enum_result	 tls;
	struct cert_result	 cert;
	struct http_result	 http;		/* GET / on HTTPS (tls_http.h) */
	struct vuln_result	 vuln;		/* behavioural checks */
	struct ssh_result	*ssh;
	char			 server_version[64];	/* MySQL's greeting,
							   "" for none */
	struct finding		*findings;
	size_t			 nfindings;
};

struct scan_config {
	struct engine_opts	 engine;	/* engine.stop interrupts */
	int			 target_timeout_ms;	/* 0 none */
	int			 greeting_timeout_ms;	/* STARTTLS */
	const char		*ca_file;
	int			 no_http;	/* --no-http: no GET / */
	unsigned		 vuln;		/* VULN_MASK() bits to run */
	/*
	 * The endpoints, pulled as slots free up: 1 with *ep filled, 0 at
	 * the end, -1 on failure (the run stops).
	 */
	int	(*next)(void *arg, struct endpoint *ep);
	void	*next_arg;
	/*
	 * Each result the moment its target is finished, in completion
	 * order; r is freed after the call.  -1 (a write failed) stops
	 * the run.
	 */
	int	(*emit)(void *arg, const struct scan_result *r);
	void	*emit_arg;
};

/* What a run did, for the summary. */
struct scan_stats {
	uint64_t	 results;	/* emitted */
	uint64_t	 scanned;	/* without error */
	uint64_t	 failed;	/* with an error */
	uint64_t	 kinds[SCAN_EK_COUNT];	/* failed, by kind */
	uint64_t	 findings[SEV_CRITICAL + 1];	/* by severity */
	uint64_t	 connections;
	int		 worst;		/* worst finding severity, -1 none */
	int		 stopped;	/* engine.stop was seen */
};

/*
 * Scans every endpoint cfg->next yields, at most -j targets at once,
 * handing each result to cfg->emit as it finishes; only what is in
 * flight is held.  Endpoints with an error (not resolved, out of scope)
 * are emitted at once, with nothing sent.  Returns 0 (also when
 * stopped: every target in flight was emitted as interrupted), or -1
 * with err set when the run itself failed (event loop, memory, emit).
 */
int	scan_run(const struct scan_config *, struct scan_stats *,
	    char *err, size_t errlen) __attribute__((warn_unused_result));

#endif
