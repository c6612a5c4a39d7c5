/*
 * report_html.c: --html FILE, the Danish inspection report of a plain
 * scan, for an inspector without a case file.  While the run goes, the
 * XML report (report_xml.c, the very bytes --xml writes) streams into an
 * anonymous temporary file; at the end that document goes through the
 * case file's report template (templates/inspektionsrapport.xsl, found
 * by datadir_template()) and the XHTML is written to a temporary file
 * beside FILE, synced and renamed into place: FILE is either the whole
 * report or untouched.  Each result's JSON Lines line (what --json
 * writes, and what tilsyn-case scan --import stores as evidence) is
 * hashed as it goes: the annex gives each endpoint's SHA-256, the same
 * the case file records when the JSON Lines are imported.
 *
 * Trusts the template to be XSLT, not to write files or reach the
 * network: the transform runs with libxslt's security preferences
 * forbidding files and the network altogether (the template needs
 * neither), and the documents are read with XML_PARSE_NONET.  The XML
 * read back is our own.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <openssl/evp.h>

#include "common/datadir.h"
#include "common/hex.h"
#include "common/xsltrun.h"
#include "scanner/report.h"

#define TEMPLATE	"inspektionsrapport"

/* The SHA-256 of each result's JSON line, in the order written. */
struct html_hashes {
	char	(*v)[65];
	size_t	 n, cap;
};

/* The first error libxml2 or libxslt reports while reading a template. */
struct html_err {
	char	buf[256];
	int	any;
};

static void
on_xml_error(void *arg, const xmlError *e)
{
	struct html_err *he = arg;
	char *p;

	if (he->any || e == NULL || e->message == NULL)
		return;
	if (e->line > 0)
		snprintf(he->buf, sizeof(he->buf), "line %d: %s", e->line,
		    e->message);
	else
		snprintf(he->buf, sizeof(he->buf), "%s", e->message);
	if ((p = strchr(he->buf, '\n')) != NULL)
		*p = '\0';
	he->any = 1;
}

static void
on_xslt_error(void *arg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
on_xslt_error(void *arg, const char *fmt, ...)
{
	struct html_err *he = arg;
	va_list ap;
	char *p;

	if (he->any)
		return;
	va_start(ap, fmt);
	vsnprintf(he->buf, sizeof(he->buf), fmt, ap);
	va_end(ap);
	if ((p = strchr(he->buf, '\n')) != NULL)
		*p = '\0';
	he->any = 1;
}

/*
 * The report template, parsed: NULL with err naming the file (and the
 * line) when it cannot be found or is not a stylesheet without errors.
 */
static xsltStylesheetPtr
load_template(char *err, size_t errlen)
{
	struct html_err he;
	xsltStylesheetPtr style = NULL;
	xmlDocPtr sdoc;
	char path[4096];

	memset(&he, 0, sizeof(he));
	if (datadir_template(TEMPLATE, path, sizeof(path)) != 0) {
		snprintf(err, errlen, "the template path is too long");
		return NULL;
	}
	if (access(path, R_OK) != 0) {
		snprintf(err, errlen, "template '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	xmlSetStructuredErrorFunc(&he, (xmlStructuredErrorFunc)on_xml_error);
	xsltSetGenericErrorFunc(&he, on_xslt_error);
	if ((sdoc = xmlReadFile(path, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOCDATA)) != NULL &&
	    (style = xsltParseStylesheetDoc(sdoc)) == NULL)
		xmlFreeDoc(sdoc);
	/* libxslt warns of unknown instructions without failing: we fail. */
	if (style == NULL || style->errors > 0 || he.any) {
		snprintf(err, errlen, "template '%s': not a valid XSLT "
		    "stylesheet: %s", path, he.any ? he.buf : "unknown error");
		xsltFreeStylesheet(style);
		style = NULL;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
	return style;
}

FILE *
report_html_open(const char *path, char *err, size_t errlen)
{
	xsltStylesheetPtr style;
	struct stat st;
	char dir[4096], *slash;
	FILE *fp;

	/* Refused before anything is sent, like any other output file. */
	if ((style = load_template(err, errlen)) == NULL)
		return NULL;
	xsltFreeStylesheet(style);
	if (strcmp(path, "-") != 0) {
		/* An existing FILE is replaced only when it is a file. */
		if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
		    !S_ISLNK(st.st_mode)) {
			snprintf(err, errlen, "not a regular file");
			return NULL;
		}
		snprintf(dir, sizeof(dir), "%s", path);
		if ((slash = strrchr(dir, '/')) == NULL)
			snprintf(dir, sizeof(dir), ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		if (access(dir, W_OK) != 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			return NULL;
		}
	}
	if ((fp = tmpfile()) == NULL)
		snprintf(err, errlen, "a temporary file: %s", strerror(errno));
	return fp;
}

int
report_html_result(struct report *rep, const struct scan_result *r)
{
	struct html_hashes *h = rep->html;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char *line = NULL, (*v)[65];
	size_t len = 0, cap;
	FILE *mf;
	int rc = -1;

	if (report_xml_result(rep, r) == -1)
		return -1;
	if (h == NULL) {
		if ((h = calloc(1, sizeof(*h))) == NULL)
			return -1;
		rep->html = h;
	}
	if (h->n == h->cap) {
		cap = h->cap ? h->cap * 2 : 64;
		if ((v = reallocarray(h->v, cap, sizeof(*v))) == NULL)
			return -1;
		h->v = v;
		h->cap = cap;
	}
	if ((mf = open_memstream(&line, &len)) == NULL)
		return -1;
	if (report_json_result(mf, r) == -1) {
		(void)fclose(mf);
		goto out;
	}
	if (fclose(mf) != 0 || len == 0 || line[len - 1] != '\n')
		goto out;
	/* The line without its newline: the stored evidence's bytes. */
	if (EVP_Digest(line, len - 1, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != 32)
		goto out;
	hex_encode(md, mdlen, h->v[h->n++]);
	rc = 0;
 out:
	free(line);
	return rc;
}

void
report_html_abandon(struct report *rep)
{
	struct html_hashes *h = rep->html;

	report_xml_abandon(rep);
	if (h != NULL) {
		free(h->v);
		free(h);
		rep->html = NULL;
	}
}

/*
 * Each <target> gets the SHA-256 of its JSON line; when the counts
 * differ (they cannot) no target gets one rather than a wrong one.
 */
static void
add_hashes(xmlDocPtr doc, const struct html_hashes *h)
{
	xmlNodePtr n, root = xmlDocGetRootElement(doc);
	size_t i = 0;

	if (h == NULL || root == NULL)
		return;
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)"target"))
			i++;
	if (i != h->n)
		return;
	for (i = 0, n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)"target"))
			(void)xmlSetProp(n, (const xmlChar *)"sha256",
			    (const xmlChar *)h->v[i++]);
}

/* The XHTML of doc to fd, whole; 0 or -1 (errno set). */
static int
save(int fd, xmlDocPtr res, xsltStylesheetPtr style)
{
	xmlChar *buf = NULL;
	size_t off = 0;
	ssize_t w;
	int len = 0, r = -1;

	if (xsltSaveResultToString(&buf, &len, res, style) != 0 ||
	    buf == NULL || len <= 0) {
		errno = ENOMEM;
		goto out;
	}
	while (off < (size_t)len) {
		if ((w = write(fd, buf + off, (size_t)len - off)) == -1) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		off += (size_t)w;
	}
	r = 0;
 out:
	xmlFree(buf);
	return r;
}

/* Writes through path.XXXXXX, synced, renamed into place. */
static int
install(const char *path, xmlDocPtr res, xsltStylesheetPtr style)
{
	char tmp[4096];
	mode_t mask;
	int fd, e;

	if (strcmp(path, "-") == 0)
		return save(STDOUT_FILENO, res, style);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >=
	    sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		return -1;
	mask = umask(0);
	(void)umask(mask);
	if (fchmod(fd, 0644 & ~mask) == -1 || save(fd, res, style) == -1 ||
	    fsync(fd) == -1) {
		e = errno;
		(void)close(fd);
		(void)unlink(tmp);
		errno = e;
		return -1;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		e = errno;
		(void)unlink(tmp);
		errno = e;
		return -1;
	}
	return 0;
}

int
report_html_end(struct report *rep, const struct report_summary *sum)
{
	xsltStylesheetPtr style = NULL;
	xmlDocPtr doc = NULL, res = NULL;
	char err[512];
	int fd, r = -1;

	if (report_xml_end(rep, sum) == -1)
		goto out;
	fd = fileno(rep->fp);
	if (lseek(fd, 0, SEEK_SET) == -1)
		goto out;
	errno = EINVAL;		/* what a failure below without errno is */
	if ((doc = xmlReadFd(fd, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_HUGE)) == NULL ||
	    (style = load_template(err, sizeof(err))) == NULL)
		goto out;
	add_hashes(doc, rep->html);
	if ((res = xslt_apply_sandboxed(style, doc, NULL)) == NULL)
		goto out;
	r = install(rep->path, res, style);
 out:
	report_html_abandon(rep);
	xmlFreeDoc(res);
	xsltFreeStylesheet(style);
	xmlFreeDoc(doc);
	return r;
}
