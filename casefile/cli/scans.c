/*
 * scans.c: the commands that read stored scans: scans, scan-show (the
 * stored bytes, as JSON Lines or in XML), scan-diff and report (the Danish
 * inspection report through its template), and what changed at each
 * endpoint, which scan prints too.  The comparison itself is
 * libtilsyn-casefile's (scans.c there); this file collects the stored
 * results and prints.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "common/numparse.h"
#include "common/xmlout.h"
#include "law/entity.h"
#include "casefile/letters.h"
#include "casefile/report.h"
#include "casefile/scans.h"
#include "casefile/cli/cli.h"

/* ---- what changed ---- */

/* A stored result as a diff reads it. */
struct sres {
	struct scan_key	 key;
	json_t		*j;
	int		 seen;
};

struct sresv {
	struct sres	*v;
	size_t		 n, cap;
	int		 bad;
};

static void
sresv_free(struct sresv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		scan_key_release(&v->v[i].key);
		json_decref(v->v[i].j);
	}
	free(v->v);
	memset(v, 0, sizeof(*v));
}

static int
sres_one(const union store_fields *u, void *arg)
{
	const struct scan_result_fields *f = &u->scan_result;
	struct sresv *v = arg;
	struct sres *s;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		if ((s = reallocarray(v->v, v->cap, sizeof(*s))) == NULL)
			return STORE_NOMEM;
		v->v = s;
	}
	s = &v->v[v->n];
	memset(s, 0, sizeof(*s));
	if (scan_result_key(f->content, f->len, &s->key) != SCAN_OK ||
	    (s->j = json_loadb(f->content, f->len, 0, NULL)) == NULL) {
		scan_key_release(&s->key);
		v->bad = 1;
		return 1;
	}
	v->n++;
	return 0;
}

static int
load_results(struct ctx *x, int64_t run, struct sresv *v)
{
	char key[24];
	int r;

	memset(v, 0, sizeof(*v));
	snprintf(key, sizeof(key), "%" PRId64, run);
	r = store_list(x->w.st, STORE_SCAN_RESULTS, key, sres_one, v);
	if (v->bad)
		return msg(x, key, EXIT_FAIL, "a stored result is not what "
		    "the scanner writes (run verify)");
	return r < 0 ? fail_store(x, r) : 0;
}

static bool
same_str(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static bool
same_key(const struct scan_key *a, const struct scan_key *b)
{
	return a->port == b->port && same_str(a->service, b->service) &&
	    same_str(a->ip, b->ip) && same_str(a->host, b->host);
}

static struct sres *
find_key(struct sresv *v, const struct scan_key *k)
{
	size_t i;

	for (i = 0; v != NULL && i < v->n; i++)
		if (same_key(&v->v[i].key, k))
			return &v->v[i];
	return NULL;
}

static int
last_one(const union store_fields *u, void *arg)
{
	json_t **j = arg;

	*j = json_loadb(u->scan_result.content, u->scan_result.len, 0, NULL);
	return 1;
}


/*
 * The changes of run newer: each endpoint against older's result of it,
 * or (older 0) against the endpoint's last stored result before newer.
 */
/*
 * An address of a registered range where nothing answers on the port
 * (refused, unreachable, timed out): most of a range is like that, so it
 * is no failure to scan, only a port without a service.
 */
static bool
no_service(json_t *r, const struct scan_key *k)
{
	const char *target = json_string_value(json_object_get(r, "target"));
	const char *scheme = target != NULL ? strstr(target, "://") : NULL;

	/* A range: a prefix length after the address (and any scheme). */
	if (scheme != NULL)
		target = scheme + 3;
	return target != NULL && strchr(target, '/') != NULL &&
	    (same_str(k->error_kind, "refused") ||
	    same_str(k->error_kind, "unreachable") ||
	    same_str(k->error_kind, "timeout"));
}

json_t *
diff_runs(struct ctx *x, const char *cvr, int64_t older, int64_t newer,
    struct tally *t, int *rc)
{
	struct sresv a, b;
	struct sres *o;
	json_t *out = NULL, *d, *prev;
	int64_t base = older;
	size_t i;
	int worst;

	memset(&a, 0, sizeof(a));
	t->worst = -1;
	t->failed = 0;
	t->closed = 0;
	if ((*rc = load_results(x, newer, &b)) != 0)
		return NULL;
	if (older == 0 && (*rc = store_scan_previous(x->w.st, cvr, newer,
	    &base)) != STORE_OK) {
		*rc = fail_store(x, *rc);
		goto out;
	}
	if (base > 0 && (*rc = load_results(x, base, &a)) != 0)
		goto out;
	if ((out = json_array()) == NULL)
		goto nomem;
	for (i = 0; i < b.n; i++) {
		const struct scan_key *k = &b.v[i].key;

		bool closed = no_service(b.v[i].j, k);

		prev = NULL;
		if ((o = find_key(&a, k)) != NULL)
			o->seen = 1;
		if (older != 0)
			prev = o != NULL && json_is_null(json_object_get(o->j,
			    "error")) ? json_incref(o->j) : NULL;
		else if ((k->error == NULL || closed) &&
		    (*rc = store_scan_endpoint_last(x->w.st, cvr, newer,
		    k->service, k->ip, k->port, k->host, last_one, &prev)) < 0) {
			*rc = fail_store(x, *rc);
			goto out;
		}
		if (closed) {
			/*
			 * No service: news once, when the run before had
			 * one there; then only counted.
			 */
			bool news = prev != NULL && o != NULL &&
			    o->key.error == NULL;

			t->closed++;
			d = news ? scan_diff_endpoint(k, prev, NULL, &worst) :
			    NULL;
			json_decref(prev);
			if (news && (d == NULL ||
			    json_array_append_new(out, d) != 0))
				goto nomem;
			continue;
		}
		d = scan_diff_endpoint(k, prev, b.v[i].j, &worst);
		json_decref(prev);
		if (d == NULL || json_array_append_new(out, d) != 0)
			goto nomem;
		if (worst > t->worst)
			t->worst = worst;
		if (k->error != NULL && !same_str(k->error_kind, "scope"))
			t->failed++;
	}
	/* Gone: scanned before, not in this run (a failure is not news). */
	for (i = 0; i < a.n; i++)
		if (!a.v[i].seen && a.v[i].key.error == NULL &&
		    ((d = scan_diff_endpoint(&a.v[i].key,
		    a.v[i].j, NULL, &worst)) == NULL ||
		    json_array_append_new(out, d) != 0))
			goto nomem;
	*rc = 0;
	goto out;
 nomem:
	*rc = fail_store(x, STORE_NOMEM);
 out:
	sresv_free(&a);
	sresv_free(&b);
	if (*rc != 0) {
		json_decref(out);
		out = NULL;
	}
	return out;
}

static void
print_list(json_t *a, const char *label)
{
	json_t *f, *c;
	size_t i, k;

	json_array_foreach(a, i, f) {
		const char *sev = json_string_value(json_object_get(f,
		    "severity"));
		const char *basis = json_string_value(json_object_get(f,
		    "basis"));

		printf("    %s: %s (%s", label, esc(json_string_value(
		    json_object_get(f, "id"))), sev != NULL ? esc(sev) : "?");
		json_array_foreach(json_object_get(f, "cve"), k, c)
			printf(", %s", esc(json_string_value(c)));
		printf(", %s)\n", basis != NULL ? esc(basis) : "no basis");
	}
}

void
print_diff(json_t *diff, const struct tally *t)
{
	json_t *d, *c;
	size_t i, k;

	json_array_foreach(diff, i, d) {
		const char *st = json_string_value(json_object_get(d,
		    "status"));
		const char *kind = json_string_value(json_object_get(d,
		    "error_kind"));

		printf("  %s  ", json_string_value(json_object_get(d,
		    "endpoint")));
		if (strcmp(st, "not-scanned") == 0 && kind != NULL &&
		    strcmp(kind, "scope") == 0)
			printf("skipped: outside the registered ranges "
			    "(--allow-hosted scans it)\n");
		else if (strcmp(st, "not-scanned") == 0)
			printf("not scanned: %s (%s)\n", kind != NULL ? kind :
			    "error", json_string_value(json_object_get(d,
			    "error")));
		else if (strcmp(st, "gone") == 0)
			printf("gone (not in this scan, or no service any "
			    "more)\n");
		else
			printf("%s\n", strcmp(st, "new") == 0 ?
			    "new endpoint" : st);
		print_list(json_object_get(d, "new_findings"), "new finding");
		print_list(json_object_get(d, "resolved_findings"),
		    "resolved");
		json_array_foreach(json_object_get(d, "changes"), k, c)
			printf("    %s\n", json_string_value(c));
	}
	if (t->closed > 0)
		printf("  %d port%s of the registered ranges without a service "
		    "(refused, unreachable or timed out)\n", t->closed,
		    t->closed == 1 ? "" : "s");
}

/* ---- scans, scan-show, scan-diff ---- */

/*
 * The baseline profile a run applied, as its stored header names it
 * ({name, version, sha256}); NULL for a scanner that wrote none.
 */
static json_t *
run_profile(const struct scan_run_fields *f)
{
	json_t *h, *p = NULL;

	if (f->header == NULL || (h = json_loadb(f->header, f->header_len, 0,
	    NULL)) == NULL)
		return NULL;
	if (json_is_object(json_object_get(h, "profile")))
		p = json_deep_copy(json_object_get(h, "profile"));
	json_decref(h);
	return p;
}

static json_t *
run_json(const union store_fields *u)
{
	const struct scan_run_fields *f = &u->scan_run;

	json_t *hosted = f->hosted ? json_loads(f->hosted, 0, NULL) : NULL;
	json_t *scope = f->scope ? json_loads(f->scope, 0, NULL) : NULL;

	return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, "
	    "s:I, s:b, s:o*, s:o*, s:s?, s:o*, s:s?, s:s?}", "scan",
	    (json_int_t)f->id, "cvr", f->cvr, "case", f->case_id, "power",
	    f->power, "origin", f->origin, "started", f->started, "finished",
	    f->finished, "actor", f->actor, "exit", (json_int_t)f->exit_status,
	    "allow_hosted", f->allow_hosted != 0, "hosted", hosted, "scope",
	    scope, "scanner_version", f->scanner_version, "profile",
	    run_profile(f), "import", f->import_name, "import_sha256",
	    f->import_sha256);
}

static void
run_text(const union store_fields *u)
{
	const struct scan_run_fields *f = &u->scan_run;
	json_t *p = run_profile(f);
	const char *name = json_string_value(json_object_get(p, "name"));

	printf("%" PRId64 "  %s  %s  %s  %s%s%s  profile %s  exit %" PRId64
	    "\n", f->id, f->started, f->cvr, f->power, f->origin,
	    f->case_id ? "  " : "", f->case_id ? f->case_id : "",
	    name != NULL ? name : "tilsyn", f->exit_status);
	json_decref(p);
}

int
cmd_scans(struct ctx *x, const struct opts *o, char **args)
{
	(void)o;
	if (args[0] != NULL && !cvr_valid(args[0]))
		return msg(x, args[0], EXIT_USAGE, "not a CVR number (8 digits, "
		    "modulus-11 check)");
	return print_rows(x, STORE_SCAN_RUNS, args[0], run_json, run_text);
}

/* A stored run, copied out of SQLite. */
struct runcopy {
	int64_t		 id;
	char		 cvr[9];
	char		*text;		/* its JSON summary (run_json) */
	unsigned char	*header, *summary;
	size_t		 header_len, summary_len;
	int		 found, nomem;
};

static int
run_copy(const union store_fields *u, void *arg)
{
	const struct scan_run_fields *f = &u->scan_run;
	struct runcopy *c = arg;
	json_t *j = run_json(u);

	c->found = 1;
	c->id = f->id;
	snprintf(c->cvr, sizeof(c->cvr), "%s", f->cvr ? f->cvr : "");
	c->text = j != NULL ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) :
	    NULL;
	json_decref(j);
	if ((c->header = malloc(f->header_len + 1)) != NULL)
		memcpy(c->header, f->header, f->header_len);
	c->header_len = f->header_len;
	if (f->summary != NULL &&
	    (c->summary = malloc(f->summary_len + 1)) != NULL)
		memcpy(c->summary, f->summary, f->summary_len);
	c->summary_len = f->summary_len;
	c->nomem = c->text == NULL || c->header == NULL ||
	    (f->summary != NULL && c->summary == NULL);
	return 1;
}

static void
runcopy_free(struct runcopy *c)
{
	free(c->text);
	free(c->header);
	free(c->summary);
	memset(c, 0, sizeof(*c));
}

static int
get_run(struct ctx *x, const char *arg, struct runcopy *c)
{
	int64_t id;
	int r;

	memset(c, 0, sizeof(*c));
	if (parse_int64(arg, 1, INT64_MAX, &id) != NUM_OK)
		return msg(x, arg, EXIT_USAGE, "not a scan number");
	if ((r = store_list(x->w.st, STORE_SCAN_RUN, arg, run_copy, c)) < 0)
		return fail_store(x, r);
	if (c->nomem) {
		runcopy_free(c);
		return fail_store(x, STORE_NOMEM);
	}
	if (!c->found)
		return msg(x, arg, EXIT_USAGE, "no such scan");
	return 0;
}

struct show {
	xmlNodePtr	 root;
	struct xml_out	 xo;
	int		 mode;		/* 0 text, 1 json, 2 xml */
};

static int
show_one(const union store_fields *u, void *arg)
{
	const struct scan_result_fields *f = &u->scan_result;
	struct show *s = arg;
	struct scan_key k;
	xmlNodePtr n;
	char *text, *name;

	if (s->mode == 1) {
		/* the stored bytes, as the scanner wrote them */
		fwrite(f->content, 1, f->len, stdout);
		putchar('\n');
		return 0;
	}
	if ((text = strndup(f->content, f->len)) == NULL)
		return STORE_NOMEM;
	if (s->mode == 2) {
		n = xml_child(&s->xo, s->root, "result", text);
		xml_attr_num(&s->xo, n, "n", (long long)f->n);
		xml_attr(&s->xo, n, "sha256", f->sha256);
		xml_attr(&s->xo, n, "service", f->service);
		if (f->ip != NULL)
			xml_attr(&s->xo, n, "ip", f->ip);
		xml_attr_num(&s->xo, n, "port", (long long)f->port);
		if (f->host != NULL)
			xml_attr(&s->xo, n, "host", f->host);
		if (f->error_kind != NULL)
			xml_attr(&s->xo, n, "error_kind", f->error_kind);
		free(text);
		return 0;
	}
	free(text);
	memset(&k, 0, sizeof(k));
	k.service = (char *)(uintptr_t)f->service;
	k.ip = (char *)(uintptr_t)f->ip;
	k.host = (char *)(uintptr_t)f->host;
	k.port = f->port;
	name = scan_endpoint_name(&k);
	printf("  %-40s %s  %s\n", name != NULL ? name : "?", f->sha256,
	    f->error != NULL ? f->error : "scanned");
	free(name);
	return 0;
}

int
cmd_scan_show(struct ctx *x, const struct opts *o, char **args)
{
	struct runcopy c;
	struct show s;
	xmlDocPtr doc = NULL;
	xmlChar *out = NULL;
	int r, len = 0;
	char sha[EVIDENCE_HEX];

	memset(&s, 0, sizeof(s));
	s.mode = o->v[O_SCAN_FORMAT] == NULL ? (x->json ? 1 : 0) :
	    strcmp(o->v[O_SCAN_FORMAT], "json") == 0 ? 1 :
	    strcmp(o->v[O_SCAN_FORMAT], "xml") == 0 ? 2 : 0;
	if ((r = get_run(x, args[0], &c)) != 0)
		return r;
	if (s.mode == 1) {
		fwrite(c.header, 1, c.header_len, stdout);
		putchar('\n');
	} else if (s.mode == 2) {
		if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
		    (s.root = xmlNewNode(NULL, BAD_CAST "scan")) == NULL) {
			xmlFreeDoc(doc);
			runcopy_free(&c);
			return fail_store(x, STORE_NOMEM);
		}
		xmlDocSetRootElement(doc, s.root);
		xml_attr_num(&s.xo, s.root, "id", (long long)c.id);
		xml_attr(&s.xo, s.root, "run", c.text);
		if (evidence_sha256(c.header, c.header_len, sha) != 0)
			s.xo.failed = 1;
		xml_attr(&s.xo, xml_child(&s.xo, s.root, "header",
		    (char *)c.header), "sha256", sha);
	} else
		printf("scan %s\n", c.text);
	r = store_list(x->w.st, STORE_SCAN_RESULTS, args[0], show_one, &s);
	if (r == STORE_OK && s.mode == 1 && c.summary != NULL) {
		fwrite(c.summary, 1, c.summary_len, stdout);
		putchar('\n');
	}
	if (r == STORE_OK && s.mode == 2) {
		if (c.summary != NULL)
			(void)xml_child(&s.xo, s.root, "summary",
			    (char *)c.summary);
		if (s.xo.failed)
			r = STORE_NOMEM;
		else {
			xmlDocDumpFormatMemoryEnc(doc, &out, &len, "UTF-8", 1);
			if (out == NULL)
				r = STORE_NOMEM;
			else
				fwrite(out, 1, (size_t)len, stdout);
			xmlFree(out);
		}
	}
	xmlFreeDoc(doc);
	runcopy_free(&c);
	return r != STORE_OK ? fail_store(x, r) : EXIT_OK;
}

int
cmd_scan_diff(struct ctx *x, const struct opts *o, char **args)
{
	struct runcopy a, b;
	struct tally t;
	json_t *diff;
	int64_t older = 0;
	int r;

	(void)o;
	memset(&a, 0, sizeof(a));
	if ((r = get_run(x, args[1] != NULL ? args[1] : args[0], &b)) != 0)
		return r;
	if (args[1] != NULL) {
		if ((r = get_run(x, args[0], &a)) != 0)
			goto out;
		if (strcmp(a.cvr, b.cvr) != 0) {
			r = msg(x, args[1], EXIT_USAGE, "scans %s and %s are of "
			    "two entities (%s, %s)", args[0], args[1], a.cvr,
			    b.cvr);
			goto out;
		}
		older = a.id;
	} else if ((r = store_scan_previous(x->w.st, b.cvr, b.id,
	    &older)) != STORE_OK) {
		r = fail_store(x, r);
		goto out;
	}
	if (older == 0) {
		r = msg(x, args[0], EXIT_USAGE, "no earlier scan of entity %s to "
		    "compare with", b.cvr);
		goto out;
	}
	if ((diff = diff_runs(x, b.cvr, older, b.id, &t, &r)) == NULL)
		goto out;
	if (x->json)
		r = print_json(x, json_pack("{s:I, s:I, s:o, s:i}", "older",
		    (json_int_t)older, "newer", (json_int_t)b.id, "endpoints",
		    diff, "no_service", t.closed));
	else {
		printf("scan %" PRId64 " against scan %" PRId64 " (%s)\n", b.id,
		    older, b.cvr);
		print_diff(diff, &t);
		json_decref(diff);
		r = EXIT_OK;
	}
 out:
	runcopy_free(&a);
	runcopy_free(&b);
	return r;
}

/* ---- report ---- */

/* The last run of cvr, or of case_id when not NULL (0: none). */
struct last_run {
	const char	*case_id;
	int64_t		 id;
};

static int
last_one_run(const union store_fields *u, void *arg)
{
	struct last_run *l = arg;

	if (l->case_id == NULL || (u->scan_run.case_id != NULL &&
	    strcmp(u->scan_run.case_id, l->case_id) == 0))
		l->id = u->scan_run.id;
	return 0;
}

/* The results of a run as the report reads them. */
struct report_acc {
	json_t	*a;
	int	 closed;
};

static int
report_result(const union store_fields *u, void *arg)
{
	const struct scan_result_fields *f = &u->scan_result;
	struct report_acc *acc = arg;
	json_t *a = acc->a, *r;
	struct scan_key k;
	char *name;

	if (scan_result_key(f->content, f->len, &k) != SCAN_OK)
		return 1;
	name = scan_endpoint_name(&k);
	r = json_loadb(f->content, f->len, 0, NULL);
	/* A port of a range without a service is counted, not listed. */
	if (r != NULL && no_service(r, &k)) {
		scan_key_release(&k);
		free(name);
		json_decref(r);
		acc->closed++;
		return 0;
	}
	scan_key_release(&k);
	if (name == NULL || r == NULL || json_array_append_new(a,
	    json_pack("{s:s, s:s, s:o}", "name", name, "sha256", f->sha256,
	    "result", r)) != 0) {
		free(name);
		return STORE_NOMEM;
	}
	free(name);
	return 0;
}

int
cmd_report(struct ctx *x, const struct opts *o, char **args)
{
	const char *f = o->v[O_LETTER_FORMAT], *cvr = NULL;
	int fmt = f != NULL && strcmp(f, "text") == 0 ? LETTER_TEXT :
	    LETTER_XHTML;
	struct report_in in;
	struct report_acc acc;
	struct last_run last = { NULL, 0 };
	struct entity_row e;
	struct case_row c;
	struct runcopy rc;
	struct tally t;
	xmlDocPtr doc = NULL;
	char key[24], path[4096], err[512], *out = NULL;
	size_t len = 0;
	int r, have_e = 0, have_c = 0;

	memset(&in, 0, sizeof(in));
	memset(&rc, 0, sizeof(rc));
	if ((args[0] != NULL) == (o->list[O_ENTITY].n > 0) ||
	    o->list[O_ENTITY].n > 1)
		return msg(x, NULL, EXIT_USAGE, "give --entity CVR or a case "
		    "number");
	if (args[0] != NULL) {
		if ((r = parse_case(x, args[0])) != 0)
			return r;
		if ((r = store_case_get(x->w.st, args[0], &c)) ==
		    STORE_NOTFOUND)
			return msg(x, args[0], EXIT_USAGE, "no such case");
		if (r != STORE_OK)
			return fail_store(x, r);
		have_c = 1;
		cvr = c.cvr;
		last.case_id = c.id;
	} else
		cvr = o->list[O_ENTITY].v[0];
	if ((r = store_entity_get(x->w.st, cvr, &e)) != STORE_OK) {
		r = r == STORE_NOTFOUND ? msg(x, cvr, EXIT_USAGE, "no such "
		    "entity") : fail_store(x, r);
		goto out;
	}
	have_e = 1;
	if ((r = store_list(x->w.st, STORE_SCAN_RUNS, cvr, last_one_run,
	    &last)) != STORE_OK) {
		r = fail_store(x, r);
		goto out;
	}
	if (last.id == 0) {
		r = msg(x, args[0] != NULL ? args[0] : cvr, EXIT_USAGE, "no "
		    "stored scan to report on (run tilsyn-case scan)");
		goto out;
	}
	snprintf(key, sizeof(key), "%" PRId64, last.id);
	if ((r = get_run(x, key, &rc)) != 0)
		goto out;
	in.e = &e;
	in.today = x->w.today_s;
	if ((in.reg = json_loads(e.data, 0, NULL)) == NULL ||
	    (in.run = json_loads(rc.text, 0, NULL)) == NULL ||
	    (in.results = json_array()) == NULL) {
		r = fail_store(x, STORE_NOMEM);
		goto out;
	}
	acc.a = in.results;
	acc.closed = 0;
	r = store_list(x->w.st, STORE_SCAN_RESULTS, key, report_result, &acc);
	in.no_service = acc.closed;
	if (r != STORE_OK) {
		r = r == 1 ? msg(x, key, EXIT_FAIL, "a stored result is not "
		    "what the scanner writes (run verify)") : fail_store(x, r);
		goto out;
	}
	if ((r = store_scan_previous(x->w.st, cvr, last.id, &in.previous)) !=
	    STORE_OK) {
		r = fail_store(x, r);
		goto out;
	}
	if ((in.diff = diff_runs(x, cvr, 0, last.id, &t, &r)) == NULL)
		goto out;
	if (report_xml(&in, &doc) != 0) {
		r = fail_store(x, STORE_NOMEM);
		goto out;
	}
	if (letter_template_path(o->v[O_TEMPLATE] != NULL ? o->v[O_TEMPLATE] :
	    "inspektionsrapport", path, sizeof(path), err, sizeof(err)) !=
	    LETTER_OK) {
		r = msg(x, NULL, EXIT_USAGE, "--template: %s", err);
		goto out;
	}
	if ((r = letter_render(path, doc, 0, fmt, &out, &len, err,
	    sizeof(err))) != LETTER_OK) {
		r = r == LETTER_BADTEMPLATE ? msg(x, NULL, EXIT_USAGE,
		    "--template: %s", err) : msg(x, key, EXIT_FAIL, "%s", err);
		goto out;
	}
	r = write_out(x, o->v[O_OUT], out, len);
 out:
	free(out);
	xmlFreeDoc(doc);
	json_decref(in.reg);
	json_decref(in.run);
	json_decref(in.results);
	json_decref(in.diff);
	runcopy_free(&rc);
	if (have_e)
		entity_row_release(&e);
	if (have_c)
		case_row_release(&c);
	return r;
}
