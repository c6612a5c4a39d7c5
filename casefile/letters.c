/*
 * letters.c: letters rendered from the case XML (export.c) with an XSLT
 * template (libxslt), as XHTML or as wrapped text.  Templates are trusted
 * to be XSLT but not to write files or reach the network: the transform
 * runs with libxslt's security preferences forbidding both.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "common/datadir.h"
#include "common/xsltrun.h"
#include "casefile/evidence.h"
#include "casefile/letters.h"

#define TEXT_WIDTH	72
#define OUT_MAX		(16 * 1024 * 1024)	/* a letter, at most */

const char *
letter_errstr(int r)
{
	switch (r) {
	case LETTER_OK:
		return "rendered";
	case LETTER_BADTEMPLATE:
		return "the template cannot be used";
	case LETTER_FAIL:
		return "the letter could not be rendered";
	case LETTER_NOMEM:
		return "out of memory";
	case LETTER_WRONGKIND:
		return "the template does not serve the step";
	default:
		return "unknown letter code";
	}
}

const char *
letter_default_template(enum step_kind k, enum measure m)
{
	switch (k) {
	case STEP_REQUEST:
		return "informationsanmodning";
	case STEP_HEARING:
		return "hoering";
	case STEP_REFERRAL:
		return "politianmeldelse";
	case STEP_DECISION:
		if (m == M_WARNING)
			return "advarsel";
		if (m == M_BINDING_INSTRUCTION)
			return "bindende-instruks";
		return "paabud";
	default:
		return NULL;
	}
}

int
letter_template_path(const char *name, char *path, size_t len, char *err,
    size_t errlen)
{
	const char *p;
	size_t n = strlen(name);

	if (strchr(name, '/') != NULL || (n > 4 &&
	    strcmp(name + n - 4, ".xsl") == 0)) {
		snprintf(path, len, "%s", name);
		return LETTER_OK;
	}
	for (p = name; *p != '\0'; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '-') {
			snprintf(err, errlen, "'%s' is neither a template name "
			    "(a-z, 0-9, -) nor a file", name);
			return LETTER_BADTEMPLATE;
		}
	if (n == 0) {
		snprintf(err, errlen, "empty template name");
		return LETTER_BADTEMPLATE;
	}
	if (datadir_template(name, path, len) != 0) {
		snprintf(err, errlen, "template path too long");
		return LETTER_BADTEMPLATE;
	}
	return LETTER_OK;
}

/*
 * Errors of libxml2 and libxslt while the template is read: the first XML
 * error with its line, or libxslt's messages (which name file and line).
 */
struct errcap {
	char	buf[512];
	int	any;
};

static void
cap_append(struct errcap *ec, const char *m)
{
	size_t used = strlen(ec->buf);
	char *p;

	if (used > 0 && used + 1 < sizeof(ec->buf))
		ec->buf[used++] = ' ';
	if (used < sizeof(ec->buf))
		snprintf(ec->buf + used, sizeof(ec->buf) - used, "%s", m);
	for (p = ec->buf; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	for (used = strlen(ec->buf); used > 0 && ec->buf[used - 1] == ' ';)
		ec->buf[--used] = '\0';
	ec->any = 1;
}

static void
on_xml_error(void *arg, const xmlError *e)
{
	struct errcap *ec = arg;
	char m[300];

	if (e == NULL || e->message == NULL)
		return;
	if (e->file != NULL && e->line > 0 && !ec->any)
		snprintf(m, sizeof(m), "line %d: %s", e->line, e->message);
	else
		snprintf(m, sizeof(m), "%s", e->message);
	cap_append(ec, m);
}

static void
on_xslt_error(void *arg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
on_xslt_error(void *arg, const char *fmt, ...)
{
	struct errcap *ec = arg;
	char m[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	cap_append(ec, m);
}

/* ---- XHTML to text ---- */

/*
 * The paragraph being gathered grows as needed (up to OUT_MAX, the cap of
 * the whole letter): a paragraph is wrapped, never cut.
 */
struct text {
	char	*out;
	size_t	 len, cap;
	char	*para;
	size_t	 plen, pcap;
	int	 space;		/* a space is due before the next word */
	int	 started;	/* something was written */
	int	 blank;		/* a blank line is due before the next text */
	int	 err;
};

#define NBSP	"\xc2\xa0"	/* U+00A0: joins two words, printed as a space */

static void
t_put(struct text *t, const char *s, size_t n)
{
	char *p;
	size_t cap;

	if (t->err)
		return;
	if (t->len + n + 1 > t->cap) {
		cap = t->cap ? t->cap : 4096;
		while (cap < t->len + n + 1)
			cap *= 2;
		if (cap > OUT_MAX || (p = realloc(t->out, cap)) == NULL) {
			t->err = 1;
			return;
		}
		t->out = p;
		t->cap = cap;
	}
	memcpy(t->out + t->len, s, n);
	t->len += n;
	t->out[t->len] = '\0';
}

/* One byte more in the paragraph; 0, or -1 (t->err set) when it cannot. */
static int
t_para(struct text *t, char c)
{
	char *p;
	size_t cap;

	if (t->err)
		return -1;
	if (t->plen + 1 >= t->pcap) {
		cap = t->pcap ? t->pcap * 2 : 1024;
		if (cap > OUT_MAX || (p = realloc(t->para, cap)) == NULL) {
			t->err = 1;
			return -1;
		}
		t->para = p;
		t->pcap = cap;
	}
	t->para[t->plen++] = c;
	return 0;
}

static void
t_text(struct text *t, const char *s)
{
	for (; *s != '\0' && !t->err; s++) {
		if (isspace((unsigned char)*s)) {
			t->space = t->plen > 0;
			continue;
		}
		if (t->space && t_para(t, ' ') != 0)
			return;
		t->space = 0;
		(void)t_para(t, *s);
	}
}

/* The columns of n bytes of UTF-8. */
static size_t
t_cols(const char *w, size_t n)
{
	size_t cols = 0, k;

	for (k = 0; k < n; k++)
		cols += ((unsigned char)w[k] & 0xc0) != 0x80;
	return cols;
}

/*
 * Whether the word w (n bytes) is bound to the word after it, which
 * begins at next: "§ 22" and "§§ 22-24" are not broken across lines, nor
 * is "NIS 2" (the act's name, "NIS 2-loven").
 */
static int
t_bound(const char *w, size_t n, const char *next, const char *end)
{
	if (next >= end)
		return 0;
	if ((n == 2 && memcmp(w, "§", 2) == 0) ||
	    (n == 4 && memcmp(w, "§§", 4) == 0))
		return 1;
	return n >= 3 && memcmp(w + n - 3, "NIS", 3) == 0 &&
	    (n == 3 || !isalpha((unsigned char)w[n - 4])) && *next == '2';
}

/* Writes n bytes of a word, U+00A0 as a space. */
static void
t_word(struct text *t, const char *w, size_t n)
{
	const char *p;

	while (n > 0 && (p = memmem(w, n, NBSP, 2)) != NULL) {
		t_put(t, w, (size_t)(p - w));
		t_put(t, " ", 1);
		n -= (size_t)(p - w) + 2;
		w = p + 2;
	}
	t_put(t, w, n);
}

/*
 * Writes the paragraph wrapped at TEXT_WIDTH columns (UTF-8 aware),
 * breaking only at ordinary spaces.  A word longer than a line has a line
 * of its own: nothing is cut.
 */
static void
t_flush(struct text *t, const char *first, const char *rest)
{
	const char *p = t->para, *end = t->para + t->plen, *w, *prefix = first;
	size_t col = 0, wl, cols;

	if (t->plen == 0 || t->err)
		return;
	if (t->started && t->blank)
		t_put(t, "\n", 1);
	t->blank = 0;
	while (p < end) {
		w = p;
		for (;;) {
			const char *s = p;

			while (p < end && *p != ' ')
				p++;
			if (!t_bound(s, (size_t)(p - s), p + 1, end))
				break;
			p++;
		}
		wl = (size_t)(p - w);
		cols = t_cols(w, wl);
		if (col > 0 && col + 1 + cols > TEXT_WIDTH) {
			t_put(t, "\n", 1);
			col = 0;
			prefix = rest;
		}
		if (col == 0) {
			t_put(t, prefix, strlen(prefix));
			col = strlen(prefix);
		} else {
			t_put(t, " ", 1);
			col++;
		}
		t_word(t, w, wl);
		col += cols;
		while (p < end && *p == ' ')
			p++;
	}
	t_put(t, "\n", 1);
	t->plen = 0;
	t->space = 0;
	t->started = 1;
}

static int
is_block(const char *n)
{
	static const char *const blocks[] = { "html", "body", "div", "p",
	    "h1", "h2", "h3", "h4", "ul", "ol", "li", "table", "tr",
	    "address", "section", "header", "footer", "blockquote", "dl",
	    "dt", "dd", "br", "hr", NULL };
	size_t i;

	for (i = 0; blocks[i] != NULL; i++)
		if (strcmp(n, blocks[i]) == 0)
			return 1;
	return 0;
}

static void
t_walk(struct text *t, xmlNodePtr n, int depth)
{
	for (; n != NULL && !t->err; n = n->next) {
		const char *name = (const char *)n->name;
		int tight, li;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				t_text(t, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || depth > 64)
			continue;
		if (strcmp(name, "head") == 0 || strcmp(name, "style") == 0 ||
		    strcmp(name, "script") == 0)
			continue;
		if (!is_block(name)) {
			t_walk(t, n->children, depth + 1);
			if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
				t_text(t, " ");
			continue;
		}
		li = strcmp(name, "li") == 0;
		tight = li || strcmp(name, "tr") == 0 ||
		    strcmp(name, "br") == 0 || strcmp(name, "dd") == 0;
		/* Blocks are set apart by a blank line; br, li, tr are not. */
		t_flush(t, "", "");
		t->blank |= !tight;
		t_walk(t, n->children, depth + 1);
		t_flush(t, li ? "- " : "", li ? "  " : "");
		t->blank |= !tight;
	}
}

static int
to_text(xmlDocPtr res, char **out, size_t *len)
{
	struct text t;

	memset(&t, 0, sizeof(t));
	t_walk(&t, xmlDocGetRootElement(res), 0);
	t_flush(&t, "", "");
	free(t.para);
	if (t.err || t.out == NULL) {
		free(t.out);
		return -1;
	}
	*out = t.out;
	*len = t.len;
	return 0;
}

/* ---- what a template serves ---- */

/*
 * The declarations of a template: top-level elements <serves step="KIND"
 * [measure="MEASURE"]/> in the namespace LETTER_NS (XSLT 1.0 lets a
 * stylesheet carry top-level elements of other namespaces and ignores
 * them).  A declaration without a measure serves every measure of the
 * kind.  What it serves goes into what ("hearing, decision (warning)"),
 * for the refusal; 1 when one of them is the step's kind and measure.
 */
static int
serves(xmlDocPtr sdoc, enum step_kind k, enum measure m, char *what,
    size_t len)
{
	xmlNodePtr root = xmlDocGetRootElement(sdoc), n;
	xmlChar *step, *meas;
	size_t used;
	int ok = 0;

	what[0] = '\0';
	for (n = root != NULL ? root->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->ns == NULL ||
		    xmlStrcmp(n->ns->href, BAD_CAST LETTER_NS) != 0 ||
		    xmlStrcmp(n->name, BAD_CAST "serves") != 0)
			continue;
		step = xmlGetNoNsProp(n, BAD_CAST "step");
		meas = xmlGetNoNsProp(n, BAD_CAST "measure");
		if (step != NULL && k < STEP_KIND_COUNT &&
		    strcmp((const char *)step, step_kind_name(k)) == 0 &&
		    (meas == NULL || (m != M_NONE &&
		    strcmp((const char *)meas, measure_slug(m)) == 0)))
			ok = 1;
		used = strlen(what);
		if (used + 1 < len)
			snprintf(what + used, len - used, "%s%s%s%s%s",
			    used > 0 ? ", " : "", step != NULL ?
			    (const char *)step : "?", meas != NULL ? " (" : "",
			    meas != NULL ? (const char *)meas : "",
			    meas != NULL ? ")" : "");
		xmlFree(step);
		xmlFree(meas);
	}
	return ok;
}

/*
 * The draft mark: a line at the top of the letter's body, so a letter
 * that was never issued cannot pass for the one that was sent.
 */
static int
mark_draft(xmlDocPtr res)
{
	xmlNodePtr n = xmlDocGetRootElement(res), body = NULL, p, strong;

	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "body") == 0)
			body = n;
	if (body == NULL)
		body = xmlDocGetRootElement(res);
	if (body == NULL)
		return -1;
	if ((p = xmlNewDocNode(res, body->ns, BAD_CAST "p", NULL)) == NULL)
		return -1;
	(void)xmlSetProp(p, BAD_CAST "class", BAD_CAST "udkast");
	if ((strong = xmlNewDocNode(res, body->ns, BAD_CAST "strong",
	    BAD_CAST LETTER_DRAFT_MARK)) == NULL ||
	    xmlAddChild(p, strong) == NULL) {
		xmlFreeNode(strong);
		xmlFreeNode(p);
		return -1;
	}
	if (body->children != NULL)
		return xmlAddPrevSibling(body->children, p) != NULL ? 0 : -1;
	return xmlAddChild(body, p) != NULL ? 0 : -1;
}

/* The letter of one step, or (k STEP_KIND_COUNT) a report: see .h. */
static int
render(const char *path, xmlDocPtr casedoc, int step, enum step_kind k,
    enum measure m, bool draft, int fmt, char **out, size_t *len,
    char *sha256, char *err, size_t errlen)
{
	struct errcap ec;
	struct evidence tf;
	xsltStylesheetPtr style = NULL;
	xmlDocPtr sdoc = NULL, res = NULL;
	xmlChar *buf = NULL;
	const char *params[3];
	char stepv[32], what[256];
	int r = LETTER_FAIL, blen = 0, er;

	*out = NULL;
	*len = 0;
	err[0] = '\0';
	memset(&ec, 0, sizeof(ec));
	/* The bytes hashed are the bytes parsed (evidence.c's reading). */
	if ((er = evidence_read(path, &tf)) != EVIDENCE_OK) {
		snprintf(err, errlen, "template '%s': %s", path,
		    er == EVIDENCE_SYS ? strerror(tf.err) :
		    evidence_errstr(er));
		return er == EVIDENCE_NOMEM ? LETTER_NOMEM : LETTER_BADTEMPLATE;
	}
	if (sha256 != NULL)
		memcpy(sha256, tf.sha256, EVIDENCE_HEX);
	xmlSetStructuredErrorFunc(&ec, (xmlStructuredErrorFunc)on_xml_error);
	xsltSetGenericErrorFunc(&ec, on_xslt_error);
	if (tf.len > INT32_MAX)
		sdoc = NULL;
	else
		sdoc = xmlReadMemory((const char *)tf.buf, (int)tf.len, path,
		    NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (sdoc == NULL) {
		snprintf(err, errlen, "template '%s': %s", path,
		    ec.any ? ec.buf : "cannot be read");
		r = LETTER_BADTEMPLATE;
		goto out;
	}
	style = xsltParseStylesheetDoc(sdoc);
	if (style != NULL)
		sdoc = NULL;	/* owned by style now */
	/* libxslt reports unknown instructions without failing: we fail. */
	if (style == NULL || style->errors > 0 || ec.any) {
		snprintf(err, errlen, "template '%s': not a valid XSLT "
		    "stylesheet: %s", path, ec.any ? ec.buf : "unknown error");
		r = LETTER_BADTEMPLATE;
		goto out;
	}
	/* Read before it runs: a template for another kind of step. */
	if (k != STEP_KIND_COUNT &&
	    !serves(style->doc, k, m, what, sizeof(what))) {
		snprintf(err, errlen, "template '%s' serves %s, not a %s%s%s%s",
		    path, what[0] != '\0' ? what : "no step (it has no "
		    "<serves> declaration)", step_kind_name(k),
		    m != M_NONE ? " (" : "", m != M_NONE ? measure_slug(m) : "",
		    m != M_NONE ? ")" : "");
		r = LETTER_WRONGKIND;
		goto out;
	}
	snprintf(stepv, sizeof(stepv), "%d", step);
	params[0] = "step";
	params[1] = stepv;
	params[2] = NULL;
	if ((res = xslt_apply_sandboxed(style, casedoc, params)) == NULL) {
		snprintf(err, errlen, "template '%s': the transformation "
		    "failed%s%s", path, ec.any ? ": " : "", ec.buf);
		goto out;
	}
	if (draft && mark_draft(res) != 0) {
		snprintf(err, errlen, "out of memory");
		r = LETTER_NOMEM;
		goto out;
	}
	if (fmt == LETTER_TEXT) {
		if (to_text(res, out, len) != 0) {
			snprintf(err, errlen, "out of memory");
			r = LETTER_NOMEM;
			goto out;
		}
	} else {
		if (xsltSaveResultToString(&buf, &blen, res, style) != 0 ||
		    buf == NULL) {
			snprintf(err, errlen, "template '%s': produced no "
			    "output", path);
			goto out;
		}
		if ((*out = malloc((size_t)blen + 1)) == NULL) {
			snprintf(err, errlen, "out of memory");
			r = LETTER_NOMEM;
			goto out;
		}
		memcpy(*out, buf, (size_t)blen);
		(*out)[blen] = '\0';
		*len = (size_t)blen;
	}
	r = LETTER_OK;
 out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlFree(buf);
	xmlFreeDoc(res);
	xsltFreeStylesheet(style);
	xmlFreeDoc(sdoc);
	evidence_release(&tf);
	return r;
}

int
letter_render(const char *path, xmlDocPtr casedoc, int step, int fmt,
    char **out, size_t *len, char *err, size_t errlen)
{
	return render(path, casedoc, step, STEP_KIND_COUNT, M_NONE, false, fmt,
	    out, len, NULL, err, errlen);
}

int
letter_render_step(const char *path, xmlDocPtr casedoc, int step,
    enum step_kind k, enum measure m, bool draft, int fmt, char **out,
    size_t *len, char sha256[65], char *err, size_t errlen)
{
	return render(path, casedoc, step, k, m, draft, fmt, out, len, sha256,
	    err, errlen);
}
