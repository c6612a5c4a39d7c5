/*
 * scan.c: the glue between targets, the engine and the protocol planners
 * (see scan.h).  Each target runs its TLS enumeration planner: every probe
 * the planner asks for goes to the engine as a tls_probe.c hello (behind
 * a STARTTLS preamble where the service has one) whose answer goes back
 * to the planner, which then picks the next probes.  The first
 * ServerHello starts the certificate handshakes.  A target whose server
 * speaks first with "SSH-" is reported as SSH.  Reads no network bytes
 * itself: the parsers behind the probes do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scanner/scan.h"
#include "scanner/ssh/ssh_scan.h"
#include "scanner/tls/starttls.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_probe.h"

struct scan_target {
	struct scan_target	*prev, *next;	/* running targets */
	struct scan		*sc;
	struct endpoint		 ep;
	struct scan_result	 res;
	struct tls_enum		*en;
	unsigned		 inflight;	/* hello probes */
	unsigned		 holds;		/* other probes */
	int			 certs_started;
	int			 cert_tries;
	int			 finished;
	int			 ssh_seen;
	unsigned		 answers;	/* parsed TLS/SSL answers */
	int			 expired;	/* target deadline passed */
	int			 greeted;	/* a preamble was ever passed */
	int			 doubt;		/* a preamble failed, none passed
					   yet: nothing new until all end */
	int			 mute;		/* no preamble was ever passed:
					   nothing more to ask */
	int			 last_status;	/* engine status of last_fail */
	uint64_t		 t0;
	uint64_t		 deadline;
	char			 last_fail[200];
	char			 stalled[200];	/* what the deadline cut off */
	struct cert_config	 cc;
	uint8_t			*hello_certs;	/* 1st Certificate message */
	size_t			 hello_certs_len;
	char			 hello_version[16];
	int			 http_started;	/* GET / (tls_http.h) */
	struct http_config	 hc;
	int			 vulns_started;	/* tls_vuln.h */
	struct vuln_env		 venv;
};

struct scan {
	const struct scan_config *cfg;
	struct scan_stats	*st;
	struct engine		*e;
	struct scan_target	*running;	/* list of started targets */
	size_t			 nrunning;
	size_t			 window;	/* most targets at once */
	int			 exhausted;	/* cfg->next said 0 */
	int			 starting;	/* in start_more() */
	int			 failed;	/* next or emit failed */
	int			 nomem;
};

static void pump(struct scan_target *);
static int preamble_failed(const struct scan_target *,
    const struct tls_hello_end *);
static void start_more(struct scan *);
static void check_done(struct scan_target *);
static void start_ssh(struct scan_target *);
static int vulns_wanted(const struct scan_target *);
static void start_vulns(struct scan_target *);

static const char *const errkind_names[SCAN_EK_COUNT] = {
	[SCAN_EK_REFUSED] = "refused",
	[SCAN_EK_UNREACHABLE] = "unreachable",
	[SCAN_EK_TIMEOUT] = "timeout",
	[SCAN_EK_RESET] = "reset",
	[SCAN_EK_PROTOCOL] = "protocol",
	[SCAN_EK_INTERRUPTED] = "interrupted",
	[SCAN_EK_SCOPE] = "scope",
	[SCAN_EK_THROTTLED] = "throttled",
	[SCAN_EK_RESOLVE] = "resolve",
};

const char *
scan_errkind_name(enum scan_errkind k)
{
	return k > SCAN_EK_NONE && k < SCAN_EK_COUNT ? errkind_names[k] :
	    NULL;
}

/* The kind of failure an engine status stands for. */
static enum scan_errkind
kind_of(int status)
{
	switch (status) {
	case ENGINE_EREFUSED:
		return SCAN_EK_REFUSED;
	case ENGINE_EUNREACH:
	case ENGINE_ECONNECT:
		return SCAN_EK_UNREACHABLE;
	case ENGINE_ECTIMEOUT:
	case ENGINE_ETIMEOUT:
	case ENGINE_EBUDGET:
		return SCAN_EK_TIMEOUT;
	case ENGINE_ERESET:
	case ENGINE_EIO:
		return SCAN_EK_RESET;
	case ENGINE_ESTOPPED:
	case ENGINE_ECANCEL:
		return SCAN_EK_INTERRUPTED;
	default:
		return SCAN_EK_PROTOCOL;
	}
}

/* Did this status cost a connection? */
static int
connected(int status)
{
	return status != ENGINE_ECANCEL && status != ENGINE_EGATED &&
	    status != ENGINE_ESTOPPED;
}

static int
stopping(const struct scan *sc)
{
	return sc->cfg->engine.stop != NULL && *sc->cfg->engine.stop != 0;
}

/* Another probe (SSH, a certificate) of the target is out: it is not
   finished until each such probe has released it. */
static void
target_hold(struct scan_target *tg)
{
	tg->holds++;
}

/* Sets the target's error and its kind; the first one wins. */
static void
target_error(struct scan_target *tg, enum scan_errkind kind,
    const char *text)
{
	if (tg->res.error != NULL)
		return;
	if ((tg->res.error = strdup(text)) == NULL) {
		tg->sc->nomem = 1;
		return;
	}
	tg->res.error_kind = kind;
}

/* Results ------------------------------------------------------------- */

static void
result_release(struct scan_result *r)
{
	free(r->error);
	free(r->findings);
	cert_result_release(&r->cert);
	ssh_result_free(&r->ssh);
}

/* Counts r into the stats and hands it to emit. */
static void
emit(struct scan *sc, struct scan_result *r)
{
	struct scan_stats *st = sc->st;
	size_t k;
	int w;

	if (policy_evaluate(r) == -1)
		sc->nomem = 1;
	st->results++;
	st->connections += r->connections;
	if (r->error != NULL) {
		st->failed++;
		st->kinds[r->error_kind]++;
	} else
		st->scanned++;
	for (k = 0; k < r->nfindings; k++)
		st->findings[r->findings[k].severity]++;
	if ((w = policy_worst(r)) > st->worst)
		st->worst = w;
	if (sc->cfg->emit(sc->cfg->emit_arg, r) == -1)
		sc->failed = 1;
}

/*
 * Why a target without one TLS answer failed: the engine status of the
 * last failure, or the probe's own words.
 */
static void
tls_verdict(struct scan_target *tg)
{
	struct scan_result *r = &tg->res;
	const struct tls_enum_result *er = tls_enum_result(tg->en);
	char msg[320];
	int v, any = 0;

	r->tls = *er;
	r->has_tls = 1;
	for (v = 0; v < TLS_V_COUNT; v++)
		any |= er->versions[v];
	if (tg->ssh_seen && !any && !tg->ep.scheme && !stopping(tg->sc)) {
		/* Auto-detected SSH: run its plan, finish later. */
		r->has_tls = 0;
		start_ssh(tg);
		return;
	}
	if (tg->ssh_seen && !any) {
		r->has_tls = 0;
		target_error(tg, SCAN_EK_PROTOCOL,
		    "the server speaks SSH, not TLS");
	} else if (!any && (er->error != 0 || tg->answers == 0)) {
		/* Not one TLS answer (not even an alert): not TLS. */
		r->has_tls = 0;
		if (tg->last_fail[0] != '\0')
			target_error(tg, kind_of(tg->last_status),
			    tg->last_fail);
		else
			target_error(tg, SCAN_EK_PROTOCOL, "no TLS answer");
	}
	if (er->throttled > 0) {
		snprintf(msg, sizeof(msg), "the server kept pushing back or "
		    "fell silent (%s): %u probes got no answer; the results "
		    "are incomplete", tg->last_fail[0] != '\0' ? tg->last_fail :
		    "connections refused", (unsigned)er->throttled);
		target_error(tg, SCAN_EK_THROTTLED, msg);
	}
}

static void
target_free(struct scan_target *tg)
{
	free(tg->hello_certs);
	tls_enum_free(&tg->en);
	result_release(&tg->res);
	free(tg);
}

/*
 * No handshake gave a chain (a server OpenSSL cannot speak with): the one
 * of the Certificate message our own hellos got, if any.
 */
static void
certs_from_hello(struct scan_target *tg)
{
	struct cert_result *c = &tg->res.cert;

	if (c->nchains > 0 || tg->hello_certs == NULL)
		return;
	if (tls_cert_add_hello(c, &tg->cc, tg->hello_certs,
	    tg->hello_certs_len, tg->hello_version) == 0)
		c->tried = 1;
}

/* Keeps the first Certificate message an answer brought (end->certs). */
static void
keep_hello_certs(struct scan_target *tg, const struct tls_hello_end *end)
{
	if (tg->hello_certs != NULL || tg->res.cert.nchains > 0 ||
	    end->certs == NULL || *end->certs == NULL || end->answer == NULL)
		return;
	tg->hello_certs = *end->certs;
	*end->certs = NULL;
	tg->hello_certs_len = end->certs_len;
	snprintf(tg->hello_version, sizeof(tg->hello_version), "%s",
	    tls_version_name(tls_version_from_wire(end->answer->version)));
}

static void
target_finish(struct scan_target *tg)
{
	struct scan *sc = tg->sc;
	struct scan_result *r = &tg->res;
	char msg[400];

	if (tg->finished)
		return;
	if (stopping(sc))
		target_error(tg, SCAN_EK_INTERRUPTED, "interrupted");
	if (tg->expired) {
		snprintf(msg, sizeof(msg), "target timeout (%d s) reached; "
		    "the results are incomplete%s%s",
		    sc->cfg->target_timeout_ms / 1000,
		    tg->stalled[0] != '\0' ? ": " : "", tg->stalled);
		target_error(tg, SCAN_EK_TIMEOUT, msg);
	}
	if (tg->en != NULL && r->ssh == NULL) {
		certs_from_hello(tg);
		tls_verdict(tg);
		if (tg->holds > 0)
			return;		/* SSH started */
	}
	tg->finished = 1;
	r->duration_ms = engine_now_ms() - tg->t0;
	/* Nothing is in flight any more: the planner can go. */
	tls_enum_free(&tg->en);
	if (tg->prev != NULL)
		tg->prev->next = tg->next;
	else
		sc->running = tg->next;
	if (tg->next != NULL)
		tg->next->prev = tg->prev;
	sc->nrunning--;
	emit(sc, r);
	target_free(tg);
	start_more(sc);
}

static void
check_done(struct scan_target *tg)
{
	if (tg->finished)
		return;
	if (!tg->vulns_started && vulns_wanted(tg))
		start_vulns(tg);
	if (tg->inflight > 0 || tg->holds > 0)
		return;
	if (tg->en != NULL && !tls_enum_done(tg->en) && !tg->expired &&
	    !tg->mute && !stopping(tg->sc))
		return;
	target_finish(tg);
}

static void
target_release(struct scan_target *tg)
{
	if (tg->holds > 0)
		tg->holds--;
	check_done(tg);
}

/* Notes what the target's deadline cut off (the first such probe). */
static void
note_expired(struct scan_target *tg, int status, const char *why)
{
	if (status != ENGINE_EBUDGET)
		return;
	tg->expired = 1;
	if (tg->stalled[0] == '\0')
		snprintf(tg->stalled, sizeof(tg->stalled), "%s",
		    why != NULL ? why : "a probe was still waiting");
}

/* SSH ----------------------------------------------------------------- */

static void
ssh_done(void *arg)
{
	struct scan_target *tg = arg;
	struct ssh_result *sr = tg->res.ssh;

	tg->res.connections += sr->connections;
	if (tg->deadline != 0 && engine_now_ms() >= tg->deadline)
		note_expired(tg, ENGINE_EBUDGET, sr->error);
	if (sr->error != NULL)
		target_error(tg, stopping(tg->sc) ? SCAN_EK_INTERRUPTED :
		    kind_of(sr->error_status), sr->error);
	target_release(tg);
}

/* Runs the SSH plan of scanner/ssh on this target. */
static void
start_ssh(struct scan_target *tg)
{
	const struct endpoint *ep = &tg->ep;
	int r;

	tg->res.service = "ssh";
	if ((tg->res.ssh = ssh_result_new()) == NULL) {
		tg->sc->nomem = 1;
		return;
	}
	target_hold(tg);
	if ((r = ssh_scan_submit(tg->sc->e, (const struct sockaddr *)&ep->addr,
	    ep->addrlen, ep->ip, tg->deadline, tg->res.ssh, ssh_done,
	    tg)) != 0) {
		tg->holds--;
		if (r == ENGINE_ESTOPPED)
			target_error(tg, SCAN_EK_INTERRUPTED, "interrupted");
		else
			tg->sc->nomem = 1;
	}
}

/* Queues a probe of the target: its address, its deadline. */
static int
submit(struct scan_target *tg, const struct probe_ops *ops, void *arg)
{
	const struct endpoint *ep = &tg->ep;

	return engine_submit(tg->sc->e, (const struct sockaddr *)&ep->addr,
	    ep->addrlen, ep->ip, ops, arg, tg->deadline);
}

/* Certificate handshakes ---------------------------------------------- */

static void cert_start(struct scan_target *, int);

static void
cert_done(void *arg, int status)
{
	struct scan_target *tg = arg;
	int kt;

	if (connected(status))
		tg->res.connections++;
	note_expired(tg, status, "a certificate handshake");
	if (status == TLS_CERT_THROTTLED &&
	    (kt = tls_cert_take_throttled(&tg->res.cert)) >= 0) {
		if (tg->cert_tries++ < 6 && !stopping(tg->sc) && !tg->expired) {
			engine_host_throttle(tg->sc->e, tg->ep.ip, 1, 500);
			cert_start(tg, kt);
		} else
			target_error(tg, SCAN_EK_THROTTLED, "certificates "
			    "unknown: the server kept pushing back");
	}
	target_release(tg);
}

static void
cert_start(struct scan_target *tg, int kt)
{
	const struct endpoint *ep = &tg->ep;
	struct cert_probe *cp;

	if ((cp = tls_cert_probe_new(&tg->cc, kt, &tg->res.cert,
	    cert_done, tg)) == NULL) {
		tg->sc->nomem = 1;
		return;
	}
	if (starttls_needed(ep->svc))
		tls_cert_set_preamble(cp, (int)ep->svc,
		    tg->sc->cfg->greeting_timeout_ms);
	target_hold(tg);
	if (submit(tg, &tls_cert_ops, cp) != 0) {
		tg->holds--;
		free(cp);
		tg->sc->nomem = 1;
	}
}

static void
start_certs(struct scan_target *tg)
{
	int kt;

	tg->certs_started = 1;
	tg->res.cert.tried = 1;
	for (kt = 0; kt < CERT_KT_COUNT; kt++)
		cert_start(tg, kt);
}

/* HTTP headers -------------------------------------------------------- */

/* An HTTPS endpoint: https://, or TLS on 443 or 8443; not --no-http. */
static int
http_wanted(const struct scan_target *tg)
{
	const struct endpoint *ep = &tg->ep;

	if (tg->sc->cfg->no_http || tg->http_started)
		return 0;
	return ep->svc == (enum service)NET_HTTPS || (ep->svc == SVC_TLS &&
	    (ep->port == 443 || ep->port == 8443));
}

static void
http_done(void *arg, int status)
{
	struct scan_target *tg = arg;

	if (connected(status))
		tg->res.connections++;
	note_expired(tg, status, "the GET of / for the HTTP headers");
	target_release(tg);
}

/* One GET of / over TLS: its answer's head goes into res.http. */
static void
start_http(struct scan_target *tg)
{
	const struct endpoint *ep = &tg->ep;
	struct http_probe *hp;

	tg->http_started = 1;
	tg->hc.sni = ep->sni;
	tg->hc.host = ep->sni != NULL ? ep->sni : ep->host;
	tg->hc.port = ep->port;
	if ((hp = tls_http_probe_new(&tg->hc, &tg->res.http, http_done,
	    tg)) == NULL) {
		tg->sc->nomem = 1;
		return;
	}
	target_hold(tg);
	if (submit(tg, &tls_http_ops, hp) != 0) {
		tg->holds--;
		tls_http_probe_free(&hp);
		if (!stopping(tg->sc))
			tg->sc->nomem = 1;
	}
}

/* Behavioural checks -------------------------------------------------- */

/*
 * Once the enumeration is done (they use what it saw) and the server
 * took some version, the checks asked for; alongside the certificate
 * handshakes and the GET, not after them.
 */
static int
vulns_wanted(const struct scan_target *tg)
{
	const struct tls_enum_result *er;
	int v;

	if (tg->sc->cfg->vuln == 0 || tg->en == NULL || tg->res.ssh != NULL ||
	    tg->inflight > 0 || !tls_enum_done(tg->en) || tg->expired ||
	    tg->mute || stopping(tg->sc))
		return 0;
	er = tls_enum_result(tg->en);
	for (v = 0; v < TLS_V_COUNT; v++)
		if (er->versions[v])
			return 1;
	return 0;
}

static int
vuln_submit(void *arg, const struct probe_ops *ops, void *probe)
{
	struct scan_target *tg = arg;
	int r;

	target_hold(tg);
	if ((r = submit(tg, ops, probe)) != 0)
		tg->holds--;
	return r;
}

static void
vuln_done(void *arg, int status)
{
	struct scan_target *tg = arg;

	if (connected(status))
		tg->res.connections++;
	note_expired(tg, status, "a vulnerability check");
	target_release(tg);
}

/* Called from check_done(), which goes on to see the holds. */
static void
start_vulns(struct scan_target *tg)
{
	const struct scan_config *cfg = tg->sc->cfg;
	struct vuln_env *env = &tg->venv;
	vuln_start_fn start;
	int c;

	tg->vulns_started = 1;
	env->ep = &tg->ep;
	env->tls = tls_enum_result(tg->en);
	env->greeting_timeout_ms = cfg->greeting_timeout_ms;
	env->res = &tg->res.vuln;
	env->submit = vuln_submit;
	env->done = vuln_done;
	env->arg = tg;
	/* A check that ends at once must not finish the target here. */
	tg->holds++;
	for (c = 0; c < VULN_COUNT; c++) {
		if ((cfg->vuln & VULN_MASK(c)) == 0 ||
		    (start = vuln_starter((enum vuln_check)c)) == NULL)
			continue;
		if (start(env) == -1) {
			tg->sc->nomem = 1;
			break;
		}
	}
	tg->holds--;
}

/* Hello probes -------------------------------------------------------- */

/* Speaks a version OpenSSL can complete a handshake in. */
static int
openssl_can_follow(const struct tls_answer *a)
{
	return (a->kind == TLS_ANS_SERVER_HELLO || a->kind == TLS_ANS_HRR) &&
	    a->version != tls_version_wire(TLS_V_SSL3) &&
	    a->version != tls_version_wire(TLS_V_SSL2);
}

static void
hello_done(void *arg, const struct tls_hello_end *end)
{
	struct scan_target *tg = arg;
	const struct tls_answer *a = end->answer;

	tg->inflight--;
	if (connected(end->status))
		tg->res.connections++;
	if (end->ssh)
		tg->ssh_seen = 1;
	if (end->server != NULL && tg->res.server_version[0] == '\0')
		snprintf(tg->res.server_version,
		    sizeof(tg->res.server_version), "%s", end->server);
	note_expired(tg, end->status, end->why);
	/* The error of a target without one TLS answer: the last failure. */
	if (a != NULL)
		tg->answers++;
	else if (end->status == ENGINE_EGATED)
		;	/* the first connection's failure says it all */
	else if (end->why != NULL) {
		snprintf(tg->last_fail, sizeof(tg->last_fail), "%s", end->why);
		tg->last_status = end->status;
	} else if (end->status != ENGINE_EPROTO || tg->last_fail[0] == '\0') {
		snprintf(tg->last_fail, sizeof(tg->last_fail), "%s",
		    engine_errstr(end->status));
		tg->last_status = end->status;
	}
	if (end->spoke || a != NULL)
		tg->greeted = 1;
	else if (preamble_failed(tg, end))
		tg->doubt = 1;
	if (end->outcome == TLS_OUT_THROTTLED && !stopping(tg->sc) &&
	    !tg->doubt)
		/*
		 * Half as many at once, and a pause: the server said so.
		 * Not what it had open: a server counts a connection until
		 * its process is gone, a moment after the close.
		 */
		engine_host_throttle(tg->sc->e, tg->ep.ip,
		    tg->inflight > 1 ? (int)tg->inflight / 2 : 1, 500);
	keep_hello_certs(tg, end);
	(void)tls_enum_answer(tg->en, end->id, end->outcome, a);
	/* The first answer OpenSSL can follow starts the certificates. */
	if (a != NULL && !tg->certs_started && openssl_can_follow(a))
		start_certs(tg);
	if (a != NULL && openssl_can_follow(a) && http_wanted(tg))
		start_http(tg);
	if (end->status == ENGINE_ECANCEL)
		return;
	pump(tg);
	check_done(tg);
}

/*
 * A STARTTLS probe that timed out or was closed before the server said
 * a word, while no probe of this target ever heard one.  Pushback only
 * makes sense from a server that speaks (a 421 greeting is a word); one
 * that never does (a tarpit, another protocol) would otherwise be asked
 * again until the deadline.
 */
static int
preamble_failed(const struct scan_target *tg, const struct tls_hello_end *e)
{
	if (tg->greeted || e->spoke || !connected(e->status) ||
	    !starttls_needed(tg->ep.svc))
		return 0;
	return e->outcome == TLS_OUT_TIMEOUT ||
	    e->outcome == TLS_OUT_THROTTLED;
}

/* Asks the planner for as many probes as the target may have in flight. */
static void
pump(struct scan_target *tg)
{
	const struct endpoint *ep = &tg->ep;
	struct tls_hello_probe *hp;
	struct tls_probe p;
	unsigned cap = (unsigned)tg->sc->cfg->engine.per_host;

	/* In doubt, wait for what is out: did any of it get a greeting? */
	if (tg->doubt && tg->inflight == 0) {
		tg->doubt = 0;
		tg->mute = !tg->greeted;
	}
	while (!tg->finished && tg->inflight < cap && !stopping(tg->sc) &&
	    !tg->mute && !tg->doubt) {
		/* Out of time: ask for nothing more, report what is known. */
		if (tg->deadline != 0 && engine_now_ms() >= tg->deadline) {
			tg->expired = 1;
			return;
		}
		if (tls_enum_next(tg->en, &p) != TLS_ENUM_PROBE)
			return;
		if ((hp = tls_hello_probe_new(&p, ep->svc,
		    tg->sc->cfg->greeting_timeout_ms, hello_done, tg)) == NULL) {
			(void)tls_enum_answer(tg->en, p.id, TLS_OUT_TIMEOUT,
			    NULL);
			tg->sc->nomem = 1;
			return;
		}
		/* Not needed once a handshake brought a chain. */
		if (tg->hello_certs == NULL && tg->res.cert.nchains == 0)
			tls_hello_probe_keep_certs(hp);
		tg->inflight++;
		if (submit(tg, &tls_hello_ops, hp) != 0) {
			tg->inflight--;
			(void)tls_enum_answer(tg->en, p.id, TLS_OUT_TIMEOUT,
			    NULL);
			tls_hello_probe_free(&hp);
			if (!stopping(tg->sc))
				tg->sc->nomem = 1;
			return;
		}
	}
}

/* Starts one target: its plan goes to the engine.  Takes ep over. */
static void
target_start(struct scan *sc, const struct endpoint *ep)
{
	struct tls_enum_config ec;
	struct scan_target *tg;
	size_t i;

	if ((tg = calloc(1, sizeof(*tg))) == NULL) {
		sc->nomem = 1;
		return;
	}
	tg->sc = sc;
	tg->ep = *ep;
	tg->res.ep = &tg->ep;
	tg->res.service = service_name(ep->svc);
	tg->res.started = (int64_t)time(NULL);
	tg->t0 = engine_now_ms();
	if ((tg->next = sc->running) != NULL)
		tg->next->prev = tg;
	sc->running = tg;
	sc->nrunning++;
	if (ep->error != TARGET_OK) {
		/* Nothing is sent: the result says why. */
		target_error(tg, ep->error == TARGET_ESCOPE ? SCAN_EK_SCOPE :
		    SCAN_EK_RESOLVE, ep->why != NULL ? ep->why :
		    "not resolved");
		target_finish(tg);
		return;
	}
	if (sc->cfg->target_timeout_ms > 0)
		tg->deadline = tg->t0 + (uint64_t)sc->cfg->target_timeout_ms;
	if (ep->svc == SVC_SSH) {
		start_ssh(tg);
		check_done(tg);
		return;
	}
	memset(&ec, 0, sizeof(ec));
	ec.sni = ep->sni;
	for (i = 0; i < sizeof(ec.seed); i++)
		ec.seed[i] = (uint8_t)arc4random();
	if ((tg->en = tls_enum_new(&ec)) == NULL) {
		sc->nomem = 1;
		target_finish(tg);
		return;
	}
	tg->cc.ca_file = sc->cfg->ca_file;
	tg->cc.sni = ep->sni;
	tg->cc.host = ep->sni != NULL ? ep->sni : ep->host;
	pump(tg);
	check_done(tg);
}

/*
 * Starts targets while fewer than window are running.  Not re-entered
 * from a target that finishes at once (an error endpoint): the loop here
 * takes the next one, so a long run of them costs no stack.
 */
static void
start_more(struct scan *sc)
{
	struct endpoint ep;
	int r;

	if (sc->starting)
		return;
	sc->starting = 1;
	while (sc->nrunning < sc->window && !sc->exhausted && !sc->failed &&
	    !sc->nomem && !stopping(sc)) {
		if ((r = sc->cfg->next(sc->cfg->next_arg, &ep)) <= 0) {
			sc->exhausted = 1;
			if (r < 0)
				sc->failed = 1;
			break;
		}
		target_start(sc, &ep);
	}
	sc->starting = 0;
}

int
scan_run(const struct scan_config *cfg, struct scan_stats *st, char *err,
    size_t errlen)
{
	struct scan sc;
	struct scan_target *tg;
	int r = -1;

	memset(&sc, 0, sizeof(sc));
	memset(st, 0, sizeof(*st));
	st->worst = -1;
	sc.cfg = cfg;
	sc.st = st;
	if ((sc.e = engine_new(&cfg->engine)) == NULL) {
		snprintf(err, errlen, "cannot create the event loop");
		goto out;
	}
	/*
	 * Targets start as others finish, so the planners and queued probes
	 * in memory stay proportional to -j, not to the length of the list.
	 */
	sc.window = (size_t)(cfg->engine.max_inflight > 0 ?
	    cfg->engine.max_inflight : 1);
	for (;;) {
		start_more(&sc);
		if (sc.nrunning == 0 && (sc.exhausted || sc.failed ||
		    sc.nomem || stopping(&sc)))
			break;
		if (engine_run(sc.e) != 0) {
			snprintf(err, errlen, "event loop failed");
			goto out;
		}
		/*
		 * The engine has nothing left: a target still running will
		 * get no more answers.  None starts while these finish.
		 */
		sc.starting = 1;
		while ((tg = sc.running) != NULL) {
			target_error(tg, stopping(&sc) ?
			    SCAN_EK_INTERRUPTED : SCAN_EK_PROTOCOL,
			    stopping(&sc) ? "interrupted" :
			    "scan did not complete");
			tg->holds = 0;
			tg->inflight = 0;
			tls_enum_free(&tg->en);
			target_finish(tg);
		}
		sc.starting = 0;
	}
	st->stopped = stopping(&sc);
	if (sc.nomem) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (sc.failed) {
		snprintf(err, errlen, "writing the results failed");
		goto out;
	}
	r = 0;
out:
	engine_free(&sc.e);
	while ((tg = sc.running) != NULL) {
		sc.running = tg->next;
		target_free(tg);
	}
	return r;
}
