/*
 * scans.c: the scanner's JSON Lines as the case file reads them, and what
 * changed between two results of an endpoint.  Every line is bounded
 * (SCAN_LINE_MAX), every run too (SCAN_RUN_MAX); a result is kept as the
 * exact bytes of its line, never re-serialised, so its SHA-256 is the
 * hash of what the scanner wrote.  Trusts nothing it reads: a field of
 * the wrong type is bad input, named by its line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile/scans.h"

static const char *const severities[] = { "info", "low", "medium", "high",
	"critical" };

int
scan_severity_rank(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(severities) / sizeof(*severities);
	    i++)
		if (strcmp(s, severities[i]) == 0)
			return (int)i;
	return -1;
}

void
scan_key_release(struct scan_key *k)
{
	free(k->service);
	free(k->ip);
	free(k->host);
	free(k->error);
	free(k->error_kind);
	memset(k, 0, sizeof(*k));
}

/* A string member copied; null or missing is NULL; other types fail. */
static int
opt_str(json_t *o, const char *key, char **out, bool required)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return required ? SCAN_BAD : SCAN_OK;
	if (!json_is_string(v))
		return SCAN_BAD;
	if ((*out = strdup(json_string_value(v))) == NULL)
		return SCAN_NOMEM;
	return SCAN_OK;
}

static int
key_of(json_t *o, struct scan_key *k)
{
	json_t *port = json_object_get(o, "port");
	int r;

	memset(k, 0, sizeof(*k));
	if (!json_is_integer(port) || json_integer_value(port) < 1 ||
	    json_integer_value(port) > 65535)
		return SCAN_BAD;
	k->port = json_integer_value(port);
	if ((r = opt_str(o, "service", &k->service, true)) != SCAN_OK ||
	    (r = opt_str(o, "ip", &k->ip, false)) != SCAN_OK ||
	    (r = opt_str(o, "host", &k->host, false)) != SCAN_OK ||
	    (r = opt_str(o, "error", &k->error, false)) != SCAN_OK ||
	    (r = opt_str(o, "error_kind", &k->error_kind, false)) != SCAN_OK) {
		scan_key_release(k);
		return r;
	}
	return SCAN_OK;
}

/* The object of a line; its "type" in *type (borrowed). */
static json_t *
parse(const void *p, size_t len, const char **type)
{
	json_t *o;

	*type = NULL;
	/* A line is one object: no trailing text, no NUL inside. */
	if ((o = json_loadb(p, len, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		return NULL;
	}
	*type = json_string_value(json_object_get(o, "type"));
	return o;
}

int
scan_result_key(const void *p, size_t len, struct scan_key *k)
{
	const char *type;
	json_t *o;
	int r = SCAN_BAD;

	memset(k, 0, sizeof(*k));
	if ((o = parse(p, len, &type)) == NULL)
		return SCAN_BAD;
	if (type != NULL && strcmp(type, "result") == 0)
		r = key_of(o, k);
	json_decref(o);
	return r;
}

void
scan_input_init(struct scan_input *in)
{
	memset(in, 0, sizeof(*in));
	in->exit = -1;
}

void
scan_input_release(struct scan_input *in)
{
	size_t i;

	free(in->header);
	free(in->summary);
	free(in->version);
	for (i = 0; i < in->nres; i++) {
		free(in->res[i].p);
		scan_key_release(&in->res[i].key);
	}
	free(in->res);
	free(in->line);
	scan_input_init(in);
}

static int __attribute__((format(printf, 4, 5)))
bad(const struct scan_input *in, char *err, size_t errlen, const char *fmt,
    ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "line %zu: %s", in->lineno, what);
	return SCAN_BAD;
}

static unsigned char *
copy(const unsigned char *p, size_t len)
{
	unsigned char *q = malloc(len + 1);

	if (q != NULL) {
		memcpy(q, p, len);
		q[len] = '\0';
	}
	return q;
}

/* A time member into buf ("" when missing); SCAN_BAD when not text. */
static int
time_of(json_t *o, const char *key, char *buf, size_t len)
{
	json_t *v = json_object_get(o, key);

	buf[0] = '\0';
	if (v == NULL)
		return SCAN_OK;
	if (!json_is_string(v) || strlen(json_string_value(v)) >= len)
		return SCAN_BAD;
	snprintf(buf, len, "%s", json_string_value(v));
	return SCAN_OK;
}

static int
header(struct scan_input *in, json_t *o, const unsigned char *p, size_t len,
    char *err, size_t errlen)
{
	json_t *schema = json_object_get(o, "schema");
	const char *scanner = json_string_value(json_object_get(o, "scanner"));
	const char *version = json_string_value(json_object_get(o, "version"));

	if (scanner == NULL || strcmp(scanner, "tilsyn-scan") != 0)
		return bad(in, err, errlen, "the run header does not name "
		    "tilsyn-scan as its scanner");
	if (!json_is_integer(schema) || json_integer_value(schema) !=
	    SCAN_SCHEMA)
		return bad(in, err, errlen, "the run header's schema is not %d",
		    SCAN_SCHEMA);
	if (version == NULL)
		return bad(in, err, errlen, "the run header has no version");
	if (time_of(o, "started", in->started, sizeof(in->started)) !=
	    SCAN_OK)
		return bad(in, err, errlen, "the run header's start is not a "
		    "time");
	if ((in->version = strdup(version)) == NULL ||
	    (in->header = copy(p, len)) == NULL)
		return SCAN_NOMEM;
	in->header_len = len;
	return SCAN_OK;
}

static int
result(struct scan_input *in, json_t *o, const unsigned char *p, size_t len,
    char *err, size_t errlen)
{
	struct scan_result *r;
	size_t cap;
	int rc;

	if (in->total + len > SCAN_RUN_MAX) {
		snprintf(err, errlen, "line %zu: the results are larger than "
		    "%zu bytes in all", in->lineno, SCAN_RUN_MAX);
		return SCAN_TOOBIG;
	}
	if (in->nres == in->cap) {
		cap = in->cap ? in->cap * 2 : 64;
		if ((r = reallocarray(in->res, cap, sizeof(*r))) == NULL)
			return SCAN_NOMEM;
		in->res = r;
		in->cap = cap;
	}
	r = &in->res[in->nres];
	memset(r, 0, sizeof(*r));
	if ((rc = key_of(o, &r->key)) == SCAN_BAD)
		return bad(in, err, errlen, "a result without its service and "
		    "port, or with a field of the wrong type");
	if (rc != SCAN_OK)
		return rc;
	if ((r->p = copy(p, len)) == NULL ||
	    evidence_sha256(p, len, r->sha256) != 0) {
		free(r->p);
		scan_key_release(&r->key);
		return SCAN_NOMEM;
	}
	r->len = len;
	in->nres++;
	in->total += len;
	return SCAN_OK;
}

int
scan_input_line(struct scan_input *in, const unsigned char *p, size_t len,
    char *err, size_t errlen)
{
	const char *type;
	json_t *o, *exit;
	int r = SCAN_OK;

	in->lineno++;
	if (len == 0)
		return SCAN_OK;
	if ((o = parse(p, len, &type)) == NULL)
		return bad(in, err, errlen, "not a JSON object");
	if (in->header == NULL && (type == NULL || strcmp(type, "run") != 0))
		r = bad(in, err, errlen, "the run header (\"type\":\"run\") "
		    "must come first");
	else if (type == NULL)
		r = bad(in, err, errlen, "an object without a \"type\"");
	else if (strcmp(type, "run") == 0) {
		if (in->header != NULL)
			r = bad(in, err, errlen, "a second run header");
		else
			r = header(in, o, p, len, err, errlen);
	} else if (in->summary != NULL)
		r = bad(in, err, errlen, "more after the summary");
	else if (strcmp(type, "result") == 0)
		r = result(in, o, p, len, err, errlen);
	else if (strcmp(type, "summary") == 0) {
		exit = json_object_get(o, "exit");
		if (time_of(o, "finished", in->finished,
		    sizeof(in->finished)) != SCAN_OK)
			r = bad(in, err, errlen, "the summary's end is not a "
			    "time");
		else if ((in->summary = copy(p, len)) == NULL)
			r = SCAN_NOMEM;
		else {
			in->summary_len = len;
			in->exit = json_is_integer(exit) ?
			    json_integer_value(exit) : -1;
		}
	}
	/* Other types (progress and the like) are skipped. */
	json_decref(o);
	return r;
}

int
scan_input_bytes(struct scan_input *in, const unsigned char *p, size_t len,
    bool end, char *err, size_t errlen)
{
	const unsigned char *nl;
	unsigned char *nline;
	size_t n, cap;
	int r;

	while (len > 0) {
		nl = memchr(p, '\n', len);
		n = nl != NULL ? (size_t)(nl - p) : len;
		if (in->line_len + n > SCAN_LINE_MAX) {
			snprintf(err, errlen, "line %zu: longer than %d bytes",
			    in->lineno + 1, SCAN_LINE_MAX);
			return SCAN_TOOBIG;
		}
		if (nl != NULL && in->line_len == 0) {
			/* a whole line in the buffer: no copy */
			if ((r = scan_input_line(in, p, n, err, errlen)) !=
			    SCAN_OK)
				return r;
		} else {
			if (in->line_len + n > in->line_cap) {
				cap = in->line_cap ? in->line_cap : 4096;
				while (cap < in->line_len + n)
					cap *= 2;
				if ((nline = realloc(in->line, cap)) == NULL)
					return SCAN_NOMEM;
				in->line = nline;
				in->line_cap = cap;
			}
			memcpy(in->line + in->line_len, p, n);
			in->line_len += n;
			if (nl != NULL) {
				size_t whole = in->line_len;

				in->line_len = 0;
				if ((r = scan_input_line(in, in->line, whole,
				    err, errlen)) != SCAN_OK)
					return r;
			}
		}
		if (nl == NULL)
			break;
		p = nl + 1;
		len -= n + 1;
	}
	if (end && in->line_len > 0) {
		n = in->line_len;
		in->line_len = 0;
		return scan_input_line(in, in->line, n, err, errlen);
	}
	return SCAN_OK;
}

/* ---- what changed ---- */

char *
scan_endpoint_name(const struct scan_key *k)
{
	char *s = NULL;
	const char *ip = k->ip != NULL ? k->ip : "?";
	bool v6 = strchr(ip, ':') != NULL;
	int n;

	if (k->host != NULL && k->ip == NULL)
		n = asprintf(&s, "%s://%s:%lld", k->service, k->host,
		    (long long)k->port);
	else if (k->host != NULL && strcmp(k->host, k->ip) != 0)
		n = asprintf(&s, "%s://%s[%s]:%lld", k->service, k->host, ip,
		    (long long)k->port);
	else
		n = asprintf(&s, "%s://%s%s%s:%lld", k->service, v6 ? "[" : "",
		    ip, v6 ? "]" : "", (long long)k->port);
	return n < 0 ? NULL : s;
}

/* Whether array a holds a finding with id. */
static json_t *
finding(json_t *a, const char *id)
{
	json_t *f;
	size_t i;

	json_array_foreach(a, i, f) {
		const char *fid = json_string_value(json_object_get(f, "id"));

		if (fid != NULL && strcmp(fid, id) == 0)
			return f;
	}
	return NULL;
}

/* The findings of a that b lacks, as {id, severity, basis, cve}. */
static int
findings_minus(json_t *a, json_t *b, json_t *out, int *worst)
{
	json_t *f, *o, *cve;
	size_t i;

	json_array_foreach(a, i, f) {
		const char *id = json_string_value(json_object_get(f, "id"));
		const char *sev = json_string_value(json_object_get(f,
		    "severity"));
		int rank = scan_severity_rank(sev);

		if (id == NULL || finding(b, id) != NULL)
			continue;
		if (worst != NULL && rank > *worst)
			*worst = rank;
		if ((o = json_pack("{s:s, s:s?, s:s?}", "id", id, "severity",
		    sev, "basis", json_string_value(json_object_get(f,
		    "basis")))) == NULL)
			return -1;
		/* the scanner's CVE ids, when its profile named any */
		if (json_array_size(cve = json_object_get(f, "cve")) > 0 &&
		    json_object_set(o, "cve", cve) != 0) {
			json_decref(o);
			return -1;
		}
		if (json_array_append_new(out, o) != 0)
			return -1;
	}
	return 0;
}

/* The strings of array a that b lacks, joined with ", " (at most max). */
static void
strings_minus(json_t *a, json_t *b, char *buf, size_t len, size_t *count)
{
	json_t *v, *w;
	size_t i, j, n = 0;
	bool found;

	buf[0] = '\0';
	*count = 0;
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			continue;
		found = false;
		json_array_foreach(b, j, w)
			if (json_equal(v, w))
				found = true;
		if (found)
			continue;
		if (*count < 4 && n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
			    n > 0 ? ", " : "", json_string_value(v));
		(*count)++;
	}
	if (*count > 4 && n < len)
		snprintf(buf + n, len - n, ", ...");
}

static int __attribute__((format(printf, 2, 3)))
change(json_t *a, const char *fmt, ...)
{
	char buf[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return json_array_append_new(a, json_string(buf));
}

void
scan_true_keys(json_t *o, char *buf, size_t len)
{
	const char *k;
	json_t *v;
	size_t n = 0;

	buf[0] = '\0';
	json_object_foreach(o, k, v)
		if (json_is_true(v) && n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
			    n > 0 ? " " : "", k);
}

/* The same, "none" for none. */
static void
true_keys(json_t *o, char *buf, size_t len)
{
	scan_true_keys(o, buf, len);
	if (buf[0] == '\0')
		snprintf(buf, len, "none");
}

/* A list that changed: "what: +added -removed". */
static int
list_change(json_t *out, const char *what, json_t *older, json_t *newer)
{
	char add[300], del[300];
	size_t na, nd;

	strings_minus(newer, older, add, sizeof(add), &na);
	strings_minus(older, newer, del, sizeof(del), &nd);
	if (na == 0 && nd == 0)
		return 0;
	return change(out, "%s:%s%s%s%s", what, na ? " added " : "", add,
	    nd ? " removed " : "", del);
}

/* The certificate of key type kt at position 0, or NULL. */
static json_t *
leaf(json_t *certs, const char *kt)
{
	json_t *c;
	size_t i;

	json_array_foreach(certs, i, c) {
		json_t *pos = json_object_get(c, "position");
		const char *t = json_string_value(json_object_get(c,
		    "key_type_requested"));

		if (json_is_integer(pos) && json_integer_value(pos) == 0 &&
		    ((t == NULL && kt == NULL) || (t != NULL && kt != NULL &&
		    strcmp(t, kt) == 0)))
			return c;
	}
	return NULL;
}

static int
cert_changes(json_t *out, json_t *older, json_t *newer)
{
	json_t *c, *o;
	size_t i;

	json_array_foreach(newer, i, c) {
		const char *kt, *s1, *s2, *t1, *t2;

		if (!json_is_integer(json_object_get(c, "position")) ||
		    json_integer_value(json_object_get(c, "position")) != 0)
			continue;
		kt = json_string_value(json_object_get(c,
		    "key_type_requested"));
		s2 = json_string_value(json_object_get(c, "sha256"));
		t2 = json_string_value(json_object_get(c, "not_after"));
		if ((o = leaf(older, kt)) == NULL) {
			if (change(out, "certificate%s%s: new, SHA-256 %s, "
			    "not after %s", kt ? " " : "", kt ? kt : "",
			    s2 ? s2 : "?", t2 ? t2 : "?") != 0)
				return -1;
			continue;
		}
		s1 = json_string_value(json_object_get(o, "sha256"));
		t1 = json_string_value(json_object_get(o, "not_after"));
		if (s1 != NULL && s2 != NULL && strcmp(s1, s2) != 0 &&
		    change(out, "certificate%s%s: SHA-256 %s -> %s", kt ? " " :
		    "", kt ? kt : "", s1, s2) != 0)
			return -1;
		if (t1 != NULL && t2 != NULL && strcmp(t1, t2) != 0 &&
		    change(out, "certificate%s%s: not after %s -> %s", kt ?
		    " " : "", kt ? kt : "", t1, t2) != 0)
			return -1;
	}
	return 0;
}

static int
tls_changes(json_t *out, json_t *a, json_t *b)
{
	char v1[128], v2[128], what[64];
	json_t *sa = json_object_get(a, "suites"), *sb = json_object_get(b,
	    "suites"), *v;
	const char *k;

	true_keys(json_object_get(a, "versions"), v1, sizeof(v1));
	true_keys(json_object_get(b, "versions"), v2, sizeof(v2));
	if (strcmp(v1, v2) != 0 && change(out, "TLS versions: %s -> %s", v1,
	    v2) != 0)
		return -1;
	/* Suites of a version accepted before and now; a version that */
	/* came or went is told by the line above. */
	json_object_foreach(sb, k, v) {
		if (json_object_get(sa, k) == NULL)
			continue;
		snprintf(what, sizeof(what), "suites %s", k);
		if (list_change(out, what, json_object_get(sa, k), v) != 0)
			return -1;
	}
	return cert_changes(out, json_object_get(a, "certificates"),
	    json_object_get(b, "certificates"));
}

/* An SSH host key as "type SHA256:...". */
static json_t *
host_keys(json_t *keys)
{
	json_t *a = json_array(), *k;
	size_t i;

	json_array_foreach(keys, i, k) {
		char buf[300];

		snprintf(buf, sizeof(buf), "%s %s", json_string_value(
		    json_object_get(k, "type")) ? json_string_value(
		    json_object_get(k, "type")) : "?", json_string_value(
		    json_object_get(k, "sha256")) ? json_string_value(
		    json_object_get(k, "sha256")) : "?");
		if (a != NULL)
			(void)json_array_append_new(a, json_string(buf));
	}
	return a;
}

static int
ssh_changes(json_t *out, json_t *a, json_t *b)
{
	static const char *const lists[] = { "kex", "host_key_algorithms",
	    "ciphers_c2s", "ciphers_s2c", "macs_c2s", "macs_s2c",
	    "auth_methods" };
	json_t *ka, *kb;
	const char *b1, *b2;
	size_t i;
	int r;

	b1 = json_string_value(json_object_get(a, "banner"));
	b2 = json_string_value(json_object_get(b, "banner"));
	if (b1 != NULL && b2 != NULL && strcmp(b1, b2) != 0 &&
	    change(out, "SSH banner: %s -> %s", b1, b2) != 0)
		return -1;
	ka = host_keys(json_object_get(a, "host_keys"));
	kb = host_keys(json_object_get(b, "host_keys"));
	r = ka == NULL || kb == NULL ? -1 :
	    list_change(out, "SSH host keys", ka, kb);
	json_decref(ka);
	json_decref(kb);
	for (i = 0; r == 0 && i < sizeof(lists) / sizeof(*lists); i++)
		r = list_change(out, lists[i], json_object_get(a, lists[i]),
		    json_object_get(b, lists[i]));
	return r;
}

json_t *
scan_diff_endpoint(const struct scan_key *k, json_t *older, json_t *newer,
    int *worst)
{
	json_t *o, *nf = json_array(), *rf = json_array(), *ch = json_array();
	const char *status, *err;
	char *name = scan_endpoint_name(k);
	json_t *fo = json_object_get(older, "findings");
	json_t *fn = json_object_get(newer, "findings");

	*worst = -1;
	if (nf == NULL || rf == NULL || ch == NULL || name == NULL)
		goto fail;
	err = json_string_value(json_object_get(newer, "error"));
	if (newer != NULL && err != NULL)
		status = "not-scanned";
	else if (newer == NULL)
		status = "gone";
	else if (older == NULL) {
		status = "new";
		if (findings_minus(fn, NULL, nf, worst) != 0)
			goto fail;
	} else {
		if (findings_minus(fn, fo, nf, worst) != 0 ||
		    findings_minus(fo, fn, rf, NULL) != 0)
			goto fail;
		if (json_is_object(json_object_get(newer, "tls")) &&
		    json_is_object(json_object_get(older, "tls")) &&
		    tls_changes(ch, json_object_get(older, "tls"),
		    json_object_get(newer, "tls")) != 0)
			goto fail;
		if (json_is_object(json_object_get(newer, "ssh")) &&
		    json_is_object(json_object_get(older, "ssh")) &&
		    ssh_changes(ch, json_object_get(older, "ssh"),
		    json_object_get(newer, "ssh")) != 0)
			goto fail;
		status = json_array_size(nf) + json_array_size(rf) +
		    json_array_size(ch) > 0 ? "changed" : "same";
	}
	o = json_pack("{s:s, s:s, s:s?, s:s?, s:o, s:o, s:o}", "endpoint",
	    name, "status", status, "error", newer != NULL ? err : NULL,
	    "error_kind", newer != NULL ? json_string_value(json_object_get(
	    newer, "error_kind")) : NULL, "new_findings", nf,
	    "resolved_findings", rf, "changes", ch);
	free(name);
	return o;
 fail:
	free(name);
	json_decref(nf);
	json_decref(rf);
	json_decref(ch);
	return NULL;
}
