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
	struct scan		*sc;
	const struct target	*t;
	struct scan_result	*res;
	struct tls_enum		*en;
	unsigned		 inflight;	/* hello probes */
	unsigned		 holds;		/* other probes */
	int			 certs_started;
	int			 finished;
	int			 started;
	int			 ssh_seen;
	unsigned		 answers;	/* parsed TLS/SSL answers */
	int			 expired;	/* time budget used up */
	uint64_t		 t0;
	uint64_t		 deadline;
	char			 last_fail[160];
	struct cert_config	 cc;
};

struct scan {
	const struct scan_config *cfg;
	struct engine		*e;
	struct scan_target	*v;
	size_t			 n;
	size_t			 done;
	size_t			 next;		/* next target to start */
	size_t			 running;	/* started, not finished */
	size_t			 window;	/* most targets at once */
	int			 nomem;
};

static void pump(struct scan_target *);
static void start_more(struct scan *);
static void check_done(struct scan_target *);
static void start_ssh(struct scan_target *);

/* Hooks --------------------------------------------------------------- */

struct engine *
scan_target_engine(struct scan_target *tg)
{
	return tg->sc->e;
}

const struct target *
scan_target_target(struct scan_target *tg)
{
	return tg->t;
}

struct scan_result *
scan_target_result(struct scan_target *tg)
{
	return tg->res;
}

uint64_t
scan_target_deadline(struct scan_target *tg)
{
	return tg->deadline;
}

void
scan_target_hold(struct scan_target *tg)
{
	tg->holds++;
}

void
scan_target_error(struct scan_target *tg, const char *text)
{
	if (tg->res->error == NULL && (tg->res->error = strdup(text)) == NULL)
		tg->sc->nomem = 1;
}

static void
target_finish(struct scan_target *tg)
{
	struct scan_result *r = tg->res;
	const struct tls_enum_result *er;
	int v, any = 0;

	if (tg->finished)
		return;
	tg->finished = 1;
	r->duration_ms = engine_now_ms() - tg->t0;
	if (tg->en != NULL && r->ssh == NULL) {
		er = tls_enum_result(tg->en);
		r->tls = *er;
		r->has_tls = 1;
		for (v = 0; v < TLS_V_COUNT; v++)
			any |= er->versions[v];
		if (tg->ssh_seen && !any && !tg->t->scheme) {
			/* Auto-detected SSH: run its plan, finish later. */
			r->has_tls = 0;
			start_ssh(tg);
			if (tg->holds > 0) {
				tg->finished = 0;
				return;
			}
		} else if (tg->ssh_seen && !any) {
			r->has_tls = 0;
			scan_target_error(tg, "the server speaks SSH, not TLS");
		} else if (!any && (er->error != 0 || tg->answers == 0)) {
			/* Not one TLS answer (not even an alert): not TLS. */
			r->has_tls = 0;
			scan_target_error(tg, tg->last_fail[0] != '\0' ?
			    tg->last_fail : "no TLS answer");
		}
	}
	/* Nothing is in flight any more: the result is copied out. */
	tls_enum_free(&tg->en);
	if (policy_evaluate(r) == -1)
		tg->sc->nomem = 1;
	tg->sc->done++;
	if (tg->started) {
		tg->sc->running--;
		start_more(tg->sc);
	}
	if (tg->sc->cfg->progress != NULL)
		tg->sc->cfg->progress(tg->sc->cfg->progress_arg, tg->sc->done,
		    tg->sc->n);
}

static void
check_done(struct scan_target *tg)
{
	if (tg->finished || tg->inflight > 0 || tg->holds > 0)
		return;
	if (tg->en != NULL && !tls_enum_done(tg->en) && !tg->expired)
		return;
	target_finish(tg);
}

void
scan_target_release(struct scan_target *tg)
{
	if (tg->holds > 0)
		tg->holds--;
	check_done(tg);
}

/* SSH ----------------------------------------------------------------- */

static void
ssh_done(void *arg)
{
	struct scan_target *tg = arg;
	struct ssh_result *sr = tg->res->ssh;

	tg->res->connections += sr->connections;
	if (sr->error != NULL)
		scan_target_error(tg, sr->error);
	scan_target_release(tg);
}

/* Runs the SSH plan of scanner/ssh on this target. */
static void
start_ssh(struct scan_target *tg)
{
	const struct target *t = tg->t;

	tg->res->service = "ssh";
	if ((tg->res->ssh = ssh_result_new()) == NULL) {
		tg->sc->nomem = 1;
		return;
	}
	scan_target_hold(tg);
	if (ssh_scan_submit(tg->sc->e, (const struct sockaddr *)&t->addr[0],
	    t->addrlen[0], t->ip, tg->deadline, tg->res->ssh, ssh_done,
	    tg) != 0) {
		tg->holds--;
		tg->sc->nomem = 1;
	}
}

/* Queues a probe of the target: its address, its deadline. */
static int
submit(struct scan_target *tg, const struct probe_ops *ops, void *arg)
{
	const struct target *t = tg->t;

	return engine_submit(tg->sc->e, (const struct sockaddr *)&t->addr[0],
	    t->addrlen[0], t->ip, ops, arg, tg->deadline);
}

/* Certificate handshakes ---------------------------------------------- */

static void
cert_done(void *arg, int status)
{
	struct scan_target *tg = arg;

	if (status != ENGINE_ECANCEL)
		tg->res->connections++;
	scan_target_release(tg);
}

static void
start_certs(struct scan_target *tg)
{
	const struct target *t = tg->t;
	struct cert_probe *cp;
	int kt;

	tg->certs_started = 1;
	tg->res->cert.tried = 1;
	for (kt = 0; kt < CERT_KT_COUNT; kt++) {
		if ((cp = tls_cert_probe_new(&tg->cc, kt, &tg->res->cert,
		    cert_done, tg)) == NULL) {
			tg->sc->nomem = 1;
			return;
		}
		if (starttls_needed(t->svc))
			tls_cert_set_preamble(cp, (int)t->svc,
			    STARTTLS_GREETING_MS);
		scan_target_hold(tg);
		if (submit(tg, &tls_cert_ops, cp) != 0) {
			tg->holds--;
			free(cp);
			tg->sc->nomem = 1;
			return;
		}
	}
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
	if (end->status != ENGINE_ECANCEL)
		tg->res->connections++;
	if (end->ssh)
		tg->ssh_seen = 1;
	/* The error of a target without one TLS answer: the last failure. */
	if (a != NULL)
		tg->answers++;
	else if (end->why != NULL)
		snprintf(tg->last_fail, sizeof(tg->last_fail), "%s", end->why);
	else if (end->status != ENGINE_EPROTO || tg->last_fail[0] == '\0')
		snprintf(tg->last_fail, sizeof(tg->last_fail), "%s",
		    engine_errstr(end->status));
	(void)tls_enum_answer(tg->en, end->id, end->outcome, a);
	/* The first answer OpenSSL can follow starts the certificates. */
	if (a != NULL && !tg->certs_started && openssl_can_follow(a))
		start_certs(tg);
	if (end->status == ENGINE_ECANCEL)
		return;
	pump(tg);
	check_done(tg);
}

/* Asks the planner for as many probes as the target may have in flight. */
static void
pump(struct scan_target *tg)
{
	const struct target *t = tg->t;
	struct tls_hello_probe *hp;
	struct tls_probe p;
	unsigned cap = (unsigned)tg->sc->cfg->engine.per_host;

	while (!tg->finished && tg->inflight < cap) {
		/* Out of budget: ask for nothing more, report what is known. */
		if (tg->deadline != 0 && engine_now_ms() >= tg->deadline) {
			if (!tg->expired)
				scan_target_error(tg, "time budget exhausted; "
				    "the results are incomplete");
			tg->expired = 1;
			return;
		}
		if (tls_enum_next(tg->en, &p) != TLS_ENUM_PROBE)
			return;
		if ((hp = tls_hello_probe_new(&p, t->svc, STARTTLS_GREETING_MS,
		    hello_done, tg)) == NULL) {
			(void)tls_enum_answer(tg->en, p.id, TLS_OUT_TIMEOUT,
			    NULL);
			tg->sc->nomem = 1;
			return;
		}
		tg->inflight++;
		if (submit(tg, &tls_hello_ops, hp) != 0) {
			tg->inflight--;
			(void)tls_enum_answer(tg->en, p.id, TLS_OUT_TIMEOUT,
			    NULL);
			tls_hello_probe_free(&hp);
			tg->sc->nomem = 1;
			return;
		}
	}
}

static int
target_start(struct scan_target *tg)
{
	struct tls_enum_config ec;
	const struct target *t = tg->t;
	size_t i;

	tg->started = 1;
	tg->sc->running++;
	tg->t0 = engine_now_ms();
	tg->res->started = (int64_t)time(NULL);
	if (tg->sc->cfg->budget_ms > 0)
		tg->deadline = tg->t0 + (uint64_t)tg->sc->cfg->budget_ms;
	if (t->svc == SVC_SSH) {
		start_ssh(tg);
		check_done(tg);
		return 0;
	}
	memset(&ec, 0, sizeof(ec));
	ec.sni = t->sni;
	for (i = 0; i < sizeof(ec.seed); i++)
		ec.seed[i] = (uint8_t)arc4random();
	if ((tg->en = tls_enum_new(&ec)) == NULL)
		return -1;
	tg->cc.ca_file = tg->sc->cfg->ca_file;
	tg->cc.sni = t->sni;
	tg->cc.host = t->sni != NULL ? t->sni : t->host;
	pump(tg);
	check_done(tg);
	return 0;
}

/* Starts targets in list order while fewer than window are running. */
static void
start_more(struct scan *sc)
{
	struct scan_target *tg;

	while (sc->running < sc->window && sc->next < sc->n) {
		tg = &sc->v[sc->next++];
		if (tg->finished)
			continue;
		if (target_start(tg) == -1)
			sc->nomem = 1;
	}
}

int
scan_run(const struct scan_config *cfg, const struct target_list *l,
    char **pre_errors, struct scan_result **out, char *err, size_t errlen)
{
	struct scan sc;
	struct scan_result *res = NULL;
	size_t i;
	int r = -1;

	memset(&sc, 0, sizeof(sc));
	sc.cfg = cfg;
	sc.n = l->n;
	*out = NULL;
	if ((res = calloc(l->n + 1, sizeof(*res))) == NULL ||
	    (sc.v = calloc(l->n + 1, sizeof(*sc.v))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if ((sc.e = engine_new(&cfg->engine)) == NULL) {
		snprintf(err, errlen, "cannot create the event loop");
		goto out;
	}
	for (i = 0; i < l->n; i++) {
		res[i].target = &l->v[i];
		res[i].service = service_name(l->v[i].svc);
		sc.v[i].sc = &sc;
		sc.v[i].t = &l->v[i];
		sc.v[i].res = &res[i];
		if (l->v[i].naddr == 0) {
			res[i].started = (int64_t)time(NULL);
			res[i].error = pre_errors[i];
			pre_errors[i] = NULL;
			if (res[i].error == NULL &&
			    (res[i].error = strdup("not resolved")) == NULL) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			sc.v[i].t0 = engine_now_ms();
			target_finish(&sc.v[i]);
		}
	}
	/*
	 * Targets start as others finish, so the planners and queued probes
	 * in memory stay proportional to -j, not to the length of the list.
	 */
	sc.window = (size_t)(cfg->engine.max_inflight > 0 ?
	    cfg->engine.max_inflight : 1);
	start_more(&sc);
	if (engine_run(sc.e) != 0) {
		snprintf(err, errlen, "event loop failed");
		goto out;
	}
	for (i = 0; i < l->n; i++)
		if (!sc.v[i].finished) {
			scan_target_error(&sc.v[i], "scan did not complete");
			target_finish(&sc.v[i]);
		}
	if (sc.nomem) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	*out = res;
	res = NULL;
	r = 0;
out:
	engine_free(&sc.e);
	if (sc.v != NULL)
		for (i = 0; i < l->n; i++)
			tls_enum_free(&sc.v[i].en);
	free(sc.v);
	if (res != NULL)
		scan_results_free(res, l->n);
	return r;
}

void
scan_results_free(struct scan_result *res, size_t n)
{
	size_t i;

	if (res == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(res[i].error);
		free(res[i].findings);
		cert_result_release(&res[i].cert);
		ssh_result_free(&res[i].ssh);
	}
	free(res);
}
