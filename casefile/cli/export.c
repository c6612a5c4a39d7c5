/*
 * export.c: the commands that give a case away: export (XML or JSON, or
 * for an access request) and letter (a step's letter through its XSLT
 * template, to stdout or to a file put in place whole).  Trusts
 * export.c and letters.c for the documents; owns only where they go.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "law/basis.h"
#include "casefile/export.h"
#include "casefile/letters.h"
#include "casefile/cli/cli.h"

/* The case and its evidence; 0 or an exit status. */
static int
load(struct ctx *x, const char *id, struct case_state *L)
{
	struct case_result res = { "", "" };
	int r;

	if ((r = case_load(x->w.st, id, L, &res)) != CASE_OK ||
	    (r = case_load_evidence(x->w.st, L)) != CASE_OK ||
	    (r = case_load_documents(x->w.st, L)) != CASE_OK)
		return fail_case(x, r, &res);
	return 0;
}

static int
print_xml(struct ctx *x, const struct case_state *L, bool access)
{
	xmlDocPtr doc = NULL;
	xmlChar *buf = NULL;
	int len = 0, r = EXIT_OK;

	if (export_xml(L, access, x->w.today_s, &doc) != CASE_OK)
		return fail_store(x, STORE_NOMEM);
	xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
	if (buf == NULL || len < 0)
		r = fail_store(x, STORE_NOMEM);
	else if (fwrite(buf, 1, (size_t)len, stdout) != (size_t)len)
		r = msg(x, NULL, EXIT_FAIL, "write failed: %s", strerror(errno));
	xmlFree(buf);
	xmlFreeDoc(doc);
	return r;
}

int
cmd_export(struct ctx *x, const struct opts *o, char **args)
{
	bool access = o->v[O_ACCESS] != NULL;
	struct case_state L;
	json_t *j = NULL;
	int r;

	memset(&L, 0, sizeof(L));
	if ((r = parse_case(x, args[0])) != 0 || (r = load(x, args[0], &L)) !=
	    0)
		goto out;
	/* Its own -o first; else the global -o json picks JSON. */
	if (o->v[O_EXPORT_FORMAT] == NULL ? !x->json :
	    strcmp(o->v[O_EXPORT_FORMAT], "xml") == 0)
		r = print_xml(x, &L, access);
	else if (export_json(&L, access, &j) != CASE_OK)
		r = fail_store(x, STORE_NOMEM);
	else {
		r = print_json(x, j);
		j = NULL;
	}
	/* § 12: incident notifications are exempt from aktindsigt. */
	if (r == EXIT_OK && access)
		fprintf(stderr, "tilsyn-case: export '%s': incident "
		    "notifications left out (%s: %s)\n", L.c.id,
		    basis_text(BASIS_S12_NO_ACCESS),
		    basis_title(BASIS_S12_NO_ACCESS));
 out:
	json_decref(j);
	case_state_release(&L);
	return r;
}

/*
 * Writes a rendered document to standard output (path NULL), or beside
 * path and renames it into place, so a failed write never leaves half a
 * letter under the name asked for.
 */
int
write_out(struct ctx *x, const char *path, const char *buf, size_t len)
{
	struct stat sb;
	char tmp[4096];
	mode_t um;
	FILE *f = NULL;
	int fd, r = EXIT_FAIL;

	if (path == NULL)
		return fwrite(buf, 1, len, stdout) == len ? EXIT_OK :
		    msg(x, NULL, EXIT_FAIL, "write failed: %s",
		    strerror(errno));
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return msg(x, NULL, EXIT_USAGE, "--out '%s': not a regular file",
		    path);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >=
	    sizeof(tmp))
		return msg(x, NULL, EXIT_USAGE, "--out '%s': name too long",
		    path);
	if ((fd = mkstemp(tmp)) == -1)
		return msg(x, NULL, EXIT_USAGE, "--out '%s': %s", path,
		    strerror(errno));
	um = umask(0);
	(void)umask(um);
	if (fchmod(fd, 0666 & ~um) == -1 || (f = fdopen(fd, "w")) == NULL) {
		r = msg(x, NULL, EXIT_FAIL, "--out '%s': %s", path,
		    strerror(errno));
		(void)close(fd);
		goto out;
	}
	if (fwrite(buf, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		r = msg(x, NULL, EXIT_FAIL, "--out '%s': write failed: %s", path,
		    strerror(errno));
		(void)fclose(f);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) == -1) {
		r = msg(x, NULL, EXIT_FAIL, "--out '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	return EXIT_OK;
 out:
	(void)unlink(tmp);
	return r;
}

/*
 * Renders the letter of step s of L (draft: marked as not sent); sha256
 * (NULL: not wanted) gets the template's; *used the template's name.  0
 * or an exit status.
 */
static int
render(struct ctx *x, const struct case_state *L, const struct step_row *s,
    const char *id, const char *tmpl, int fmt, bool draft, char **out,
    size_t *len, char sha256[EVIDENCE_HEX], const char **used)
{
	xmlDocPtr doc = NULL;
	char path[4096], err[512];
	int r;

	if (tmpl == NULL && (tmpl = letter_default_template(
	    case_step_kind(s->kind), case_step_measure(s->measure))) == NULL)
		return msg(x, id, EXIT_USAGE, "no letter for a step of kind %s "
		    "(give --template)", s->kind);
	*used = tmpl;
	if (letter_template_path(tmpl, path, sizeof(path), err,
	    sizeof(err)) != LETTER_OK)
		return msg(x, id, EXIT_USAGE, "--template: %s", err);
	if (export_xml(L, false, x->w.today_s, &doc) != CASE_OK)
		return fail_store(x, STORE_NOMEM);
	/* Only a template that declares the step's kind (and measure). */
	if ((r = letter_render_step(path, doc, s->n, case_step_kind(s->kind),
	    case_step_measure(s->measure), draft, fmt, out, len, sha256, err,
	    sizeof(err))) != LETTER_OK)
		r = msg(x, id, r == LETTER_WRONGKIND ? EXIT_REFUSED :
		    r == LETTER_BADTEMPLATE ? EXIT_USAGE : EXIT_FAIL, "%s",
		    err);
	xmlFreeDoc(doc);
	return r;
}

/*
 * Writes a letter: its bytes (to --out or standard output), or with -o
 * json one object saying what it is, the letter inside unless --out took
 * it.  doc: the document it is, 0 for a draft.  0 or an exit status.
 */
static int
put_letter(struct ctx *x, const char *path, const char *id, const char *buf,
    size_t len, int fmt, int doc)
{
	char sha[EVIDENCE_HEX];
	json_t *j;
	int r;

	if (!x->json)
		return write_out(x, path, buf, len);
	if (path != NULL && (r = write_out(x, path, buf, len)) != 0)
		return r;
	if (evidence_sha256(buf, len, sha) != 0)
		return fail_store(x, STORE_NOMEM);
	j = json_pack("{s:s, s:s, s:b, s:s, s:s%}", "step", id, "format",
	    fmt == LETTER_TEXT ? "text" : "xhtml", "draft", doc == 0,
	    "sha256", sha, path != NULL ? "out" : "letter",
	    path != NULL ? path : buf, path != NULL ? strlen(path) : len);
	if (j != NULL && doc > 0 && json_object_set_new(j, "document",
	    json_integer(doc)) != 0) {
		json_decref(j);
		j = NULL;
	}
	return print_json(x, j);
}

/* A letter as issued: its bytes copied, and the format they are in. */
struct sent {
	char	*buf;
	size_t	 len;
	char	 format[8];
	char	 date[DATE_LEN];
	int	 n, nomem;
};

static int
sent_one(const union store_fields *u, void *arg)
{
	const struct document_fields *d = &u->document;
	struct sent *t = arg;

	t->n = (int)d->n;
	snprintf(t->format, sizeof(t->format), "%s", d->format != NULL ?
	    d->format : "");
	snprintf(t->date, sizeof(t->date), "%s", d->date != NULL ? d->date :
	    "");
	if ((t->buf = malloc(d->len + 1)) == NULL) {
		t->nomem = 1;
		return 1;
	}
	if (d->len > 0)
		memcpy(t->buf, d->content, d->len);
	t->buf[d->len] = '\0';
	t->len = d->len;
	return 1;
}

/*
 * letter --issue: renders the letter as sent (no draft mark), keeps it in
 * the document journal, and writes the bytes kept.  0 or an exit status.
 */
static int
issue(struct ctx *x, const struct opts *o, const struct case_state *L,
    const struct step_row *s, const char *id, int fmt)
{
	struct case_result res = { "", "" };
	struct letter_issue li;
	char sha[EVIDENCE_HEX], *out = NULL;
	const char *used = NULL;
	size_t len = 0;
	int r, doc = 0;

	if ((r = render(x, L, s, id, o->v[O_TEMPLATE], fmt, false, &out, &len,
	    sha, &used)) != 0)
		return r;
	memset(&li, 0, sizeof(li));
	li.content = out;
	li.len = len;
	li.format = fmt == LETTER_TEXT ? "text" : "xhtml";
	li.template = used;
	li.template_sha256 = sha;
	li.recipient = o->v[O_RECIPIENT];
	li.reason = o->v[O_REISSUE];
	if ((r = case_issue_letter(&x->w, L->c.id, s->n, &li, &doc, &res)) !=
	    CASE_OK)
		r = fail_case(x, r, &res);
	else if ((r = put_letter(x, o->v[O_OUT], id, out, len, fmt, doc)) ==
	    0 && evidence_sha256(out, len, sha) == 0)
		/* offentlighedsloven § 15: journalised as it was sent */
		(void)msg(x, id, EXIT_OK, "issued as document %d (SHA-256 %s)",
		    doc, sha);
	free(out);
	return r;
}

int
cmd_letter(struct ctx *x, const struct opts *o, char **args)
{
	const char *f = o->v[O_LETTER_FORMAT];
	int fmt = f != NULL && strcmp(f, "text") == 0 ? LETTER_TEXT :
	    LETTER_XHTML;
	const struct step_row *s;
	struct case_result res = { "", "" };
	struct case_state L;
	struct sent t;
	const char *used;
	char id[48], *out = NULL;
	size_t len = 0;
	int r, n;

	memset(&L, 0, sizeof(L));
	memset(&t, 0, sizeof(t));
	if (o->v[O_RECIPIENT] != NULL && o->v[O_ISSUE] == NULL &&
	    o->v[O_REISSUE] == NULL)
		return msg(x, NULL, EXIT_USAGE,
		    "--recipient goes with --issue");
	if ((r = parse_case(x, args[0])) != 0 ||
	    (r = parse_step(x, args[0], args[1], &n)) != 0 ||
	    (r = load(x, args[0], &L)) != 0)
		goto out;
	snprintf(id, sizeof(id), "%s/%d", L.c.id, n);
	if ((s = case_step(&L, n)) == NULL) {
		r = msg(x, id, EXIT_USAGE, "no such step");
		goto out;
	}
	if (o->v[O_ISSUE] != NULL || o->v[O_REISSUE] != NULL) {
		r = issue(x, o, &L, s, id, fmt);
		goto out;
	}
	/* Issued: the bytes sent, whatever the templates say now. */
	if ((r = case_issued_letter(x->w.st, L.c.id, n, sent_one, &t)) !=
	    CASE_OK) {
		r = fail_case(x, r, &res);
		goto out;
	}
	if (t.nomem)
		r = fail_store(x, STORE_NOMEM);
	else if (t.n > 0 && strcmp(t.format, fmt == LETTER_TEXT ? "text" :
	    "xhtml") != 0)
		r = msg(x, id, EXIT_REFUSED, "its letter was issued on %s as "
		    "%s (document %d); print it with -o %s", t.date, t.format,
		    t.n, t.format);
	else if (t.n > 0)
		r = put_letter(x, o->v[O_OUT], id, t.buf, t.len, fmt, t.n);
	/* Not issued: a draft, marked as one. */
	else if ((r = render(x, &L, s, id, o->v[O_TEMPLATE], fmt, true, &out,
	    &len, NULL, &used)) == 0)
		r = put_letter(x, o->v[O_OUT], id, out, len, fmt, 0);
 out:
	free(t.buf);
	free(out);
	case_state_release(&L);
	return r;
}
