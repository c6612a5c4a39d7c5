/*
 * The Danish inspection report as a browser shows and prints it: Debian's
 * chromium, headless and offline (no network, a private profile, only
 * file:// URLs), renders the XHTML that tilsyn-case report writes, and
 * the XHTML of tilsyn-scan --html, to PNG (--screenshot) and to PDF
 * (--print-to-pdf), and dumps the DOM it built (--dump-dom).  Asserted:
 * a valid PNG of the window's size, a PDF of A4 pages (MediaBox 595 x
 * 842 points) with the annex on a page of its own, and in the DOM the
 * entity, each finding id under the heading of its basis, and the
 * annex with each stored result's SHA-256.  tools/test installs
 * chromium: without it the test fails, it does not skip.
 *
 * The case file gets its scans by --import of canned JSON Lines (fixed
 * dates and hashes); the second run is given the profile members the
 * scanner writes ("profile" in the header and in each result), so the
 * report's profile and verdicts are rendered too.  The plain scan is of
 * a real openssl s_server on 127.0.0.1; its annex's SHA-256 of the
 * result is checked against what the case file stores on --import.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "itest.h"
#include "testsrv.h"

#define WIN_W	1024
#define WIN_H	1400

static char dir[256];		/* the test's private directory */
static char casebin[600];	/* build/casefile/tilsyn-case */
static struct testsrv srv;

static int
setup(void **state)
{
	const char *b = getenv("TILSYN_BUILD_ROOT");

	(void)state;
	itest_init();
	snprintf(casebin, sizeof(casebin), "%s/casefile/tilsyn-case",
	    b != NULL ? b : "build");
	snprintf(dir, sizeof(dir), "/tmp/tilsyn-render-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	testsrv_stop(&srv);
	if (dir[0] != '\0')
		(void)testsrv_sh("rm -rf '%s'", dir);
	return 0;
}

/* Runs a shell command in dir; its exit status, its stdout in *out. */
static int
sh(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
sh(char **out, const char *fmt, ...)
{
	char cmd[4096], full[4400];
	va_list ap;
	char *o;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd '%s' && %s", dir, cmd);
	o = itest_capture(full, &st);
	if (out != NULL)
		*out = o;
	else
		free(o);
	return st;
}

/* The whole of a file (malloc'd, NUL-terminated) and its size. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (f == NULL)
		fail_msg("%s: cannot be opened", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true((n = ftell(f)) >= 0);
	rewind(f);
	assert_non_null(p = malloc((size_t)n + 1));
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return p;
}

/*
 * chromium, headless and offline, on file://dir/name, with what (a
 * --screenshot=, --print-to-pdf= or --dump-dom flag); its stdout.
 */
static char *
chromium(const char *name, const char *what)
{
	char *out;
	int st;

	if (sh(NULL, "command -v chromium >/dev/null") != 0)
		fail_msg("chromium is not installed (tools/test installs it)");
	st = sh(&out, "timeout 60 chromium --headless --no-sandbox "
	    "--disable-gpu --user-data-dir='%s/profile' --no-first-run "
	    "--disable-background-networking --disable-sync "
	    "--disable-extensions --dns-prefetch-disable "
	    "--disable-component-update --no-default-browser-check "
	    "--proxy-server=127.0.0.1:9 "
	    "--host-resolver-rules='MAP * ~NOTFOUND' "
	    "--no-pdf-header-footer --window-size=%d,%d %s "
	    "'file://%s/%s' 2>>chromium.log", dir, WIN_W, WIN_H, what, dir,
	    name);
	if (st != 0) {
		(void)sh(NULL, "tail -n 20 chromium.log >&2");
		fail_msg("chromium %s %s: exit %d", what, name, st);
	}
	return out;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* PNG: the signature, an IHDR of the window's size, not a blank page. */
static void
assert_png(const char *name)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	char path[600];
	unsigned char *p;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	p = (unsigned char *)slurp(path, &len);
	assert_true(len > 20000);	/* a page of text, not an empty one */
	assert_memory_equal(p, sig, sizeof(sig));
	assert_memory_equal(p + 12, "IHDR", 4);
	assert_int_equal(be32(p + 16), WIN_W);
	assert_int_equal(be32(p + 20), WIN_H);
	free(p);
}

/* PDF: "%PDF-", every page A4 (595 x 842 points), at least min_pages. */
static void
assert_pdf(const char *name, int min_pages)
{
	char path[600], *p, *m;
	double x0, y0, x1, y1;
	size_t len;
	int pages = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	p = slurp(path, &len);
	assert_true(len > 5000);
	assert_memory_equal(p, "%PDF-", 5);
	for (m = p; (m = memmem(m, len - (size_t)(m - p), "/MediaBox",
	    9)) != NULL; m += 9) {
		char *b = m + 9;

		while (*b == ' ')
			b++;
		if (*b != '[' || sscanf(b + 1, "%lf %lf %lf %lf", &x0, &y0,
		    &x1, &y1) != 4)
			fail_msg("%s: unreadable MediaBox", name);
		assert_int_equal(lround(x1 - x0), 595);
		assert_int_equal(lround(y1 - y0), 842);
		pages++;
	}
	if (pages < min_pages)
		fail_msg("%s: %d pages with a MediaBox, want at least %d "
		    "(the annex starts a page)", name, pages, min_pages);
	free(p);
}

/* Asserts that the DOM text holds s. */
static void
assert_has(const char *dom, const char *s)
{
	if (strstr(dom, s) == NULL)
		fail_msg("the DOM does not hold '%s'", s);
}

/* The finding id is listed under the <h3> of its basis. */
static void
assert_under(const char *dom, const char *id, const char *basis)
{
	const char *at, *h = NULL, *p;
	char li[128];

	snprintf(li, sizeof(li), ": %s\n", id);
	if ((at = strstr(dom, li)) == NULL) {
		snprintf(li, sizeof(li), ": %s ", id);
		if ((at = strstr(dom, li)) == NULL)
			fail_msg("finding '%s' is not listed", id);
	}
	for (p = dom; (p = strstr(p, "<h3>")) != NULL && p < at; p += 4)
		h = p;
	if (h == NULL || strncmp(h + 4, basis, strlen(basis)) != 0)
		fail_msg("finding '%s' is not under '%s'", id, basis);
}

/*
 * Writes in.jsonl's lines to out with the profile members the scanner
 * writes: the header's {"name","version","sha256"}, and per result the
 * same with a verdict and the ids of the rules that failed.
 */
static void
with_profile(const char *in, const char *out)
{
	FILE *fi = fopen(in, "r"), *fo;
	char line[65536];
	json_t *j, *p, *failed, *f;
	size_t i;

	assert_non_null(fi);
	assert_non_null(fo = fopen(out, "w"));
	while (fgets(line, sizeof(line), fi) != NULL) {
		const char *type;

		assert_non_null(j = json_loads(line, 0, NULL));
		type = json_string_value(json_object_get(j, "type"));
		p = json_pack("{s:s, s:s, s:s}", "name", "mozilla-intermediate",
		    "version", "5.7", "sha256", "0123456789abcdef0123456789abcdef"
		    "0123456789abcdef0123456789abcdef");
		assert_non_null(p);
		if (strcmp(type, "result") == 0 &&
		    json_is_null(json_object_get(j, "error"))) {
			assert_non_null(failed = json_array());
			json_array_foreach(json_object_get(j, "findings"), i, f)
				json_array_append(failed,
				    json_object_get(f, "id"));
			json_object_set_new(p, "verdict", json_string(
			    json_array_size(failed) > 0 ? "fail" : "pass"));
			json_object_set_new(p, "failed", failed);
		}
		if (strcmp(type, "run") == 0 || strcmp(type, "result") == 0)
			json_object_set_new(j, "profile", p);
		else
			json_decref(p);
		assert_int_equal(json_dumpf(j, fo, JSON_COMPACT), 0);
		fputc('\n', fo);
		json_decref(j);
	}
	fclose(fi);
	assert_int_equal(fclose(fo), 0);
}

static void
test_case_report(void **state)
{
	char run2[600], path[600], *dom, *xhtml;
	size_t len;

	(void)state;
	assert_int_equal(sh(NULL, "'%s' --now 2026-03-02 --actor anna init "
	    ">/dev/null", casebin), 0);
	assert_int_equal(sh(NULL, "'%s' --now 2026-03-02 --actor anna entity "
	    "add --cvr 24680134 --name 'Nordkraft A/S' --sector energy "
	    "--employees 300 --ip-range 198.51.100.7/32 --ports 443,22 "
	    ">/dev/null", casebin), 0);
	/* Exit 1: new findings at or above --fail-on. */
	assert_int_equal(sh(NULL, "'%s' --now 2026-03-02 --actor anna scan "
	    "--import '%s/tests/cli/data/scan-run1.jsonl' --entity 24680134 "
	    ">/dev/null", casebin, itest_srcroot), 1);
	snprintf(run2, sizeof(run2), "%s/tests/cli/data/scan-run2.jsonl",
	    itest_srcroot);
	snprintf(path, sizeof(path), "%s/run2.jsonl", dir);
	with_profile(run2, path);
	/* Exit 3: one endpoint could not be scanned. */
	assert_int_equal(sh(NULL, "'%s' --now 2026-03-09 --actor bo scan "
	    "--import run2.jsonl --entity 24680134 --fail-on critical "
	    ">/dev/null", casebin), 3);
	assert_int_equal(sh(NULL, "TILSYN_TEMPLATES='%s/templates' '%s' "
	    "--now 2026-03-10 report --entity 24680134 --out rapport.xhtml",
	    itest_srcroot, casebin), 0);
	assert_int_equal(sh(NULL, "xmllint --noout rapport.xhtml"), 0);

	free(chromium("rapport.xhtml", "--screenshot=rapport.png"));
	assert_png("rapport.png");
	free(chromium("rapport.xhtml", "--print-to-pdf=rapport.pdf"));
	assert_pdf("rapport.pdf", 2);
	dom = chromium("rapport.xhtml", "--dump-dom");
	assert_has(dom, "<title>Inspektionsrapport: Nordkraft A/S</title>");
	assert_has(dom, "Nordkraft A/S, CVR-nr. 24680134");
	assert_has(dom, "Hjemmel: § 21");
	assert_has(dom, "Basisprofil: mozilla-intermediate 5.7");
	assert_has(dom, "ikke bestået");
	assert_under(dom, "cert-untrusted", "§ 6, stk. 2, nr. 8");
	assert_under(dom, "cert-weak-key", "§ 6, stk. 2, nr. 8");
	assert_has(dom, "TLS-versioner: TLSv1.0 TLSv1.2 TLSv1.3 → TLSv1.2 "
	    "TLSv1.3");
	assert_has(dom, "Bilag: SHA-256 af de gemte resultater");
	/* The annex holds the SHA-256 of each stored result's bytes. */
	assert_int_equal(sh(&xhtml, "'%s' scan-show 2 -o json | grep "
	    "'\"type\":\"result\"' | while IFS= read -r l; do printf %%s "
	    "\"$l\" | sha256sum | cut -c1-64; done", casebin), 0);
	len = 0;
	for (char *h = strtok(xhtml, "\n"); h != NULL; h = strtok(NULL, "\n")) {
		assert_int_equal(strlen(h), 64);
		assert_has(dom, h);
		len++;
	}
	assert_int_equal(len, 2);
	free(xhtml);
	free(dom);
}

/*
 * tilsyn-scan --html of a real server: well-formed XHTML with the target
 * and each of its findings under its basis, rendered by chromium.
 */
static void
test_scan_html(void **state)
{
	const char *s_argv[] = { "openssl", "s_server", "-accept",
	    "127.0.0.1:{PORT}", "-cert", "{DIR}/srv.pem", "-key",
	    "{DIR}/srv.key", "-no_tls1_3", "-cipher",
	    "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256", "-quiet", "-naccept",
	    "1000", NULL };
	char path[600], target[64], *x, *dom, *out;
	json_t *res, *f;
	size_t len, i;
	int st;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_sh("openssl req -x509 -newkey rsa:2048 "
	    "-nodes -keyout '%s/srv.key' -out '%s/srv.pem' -subj /CN=localhost "
	    "-days 2 2>/dev/null", srv.dir, srv.dir), 0);
	assert_int_equal(testsrv_start(&srv, 0, s_argv, 10000), 0);
	snprintf(target, sizeof(target), "127.0.0.1:%d", srv.port);

	/* A template that cannot be read is refused before the scan. */
	st = sh(&out, "TILSYN_TEMPLATES='%s/none' '%s' -q --html none.xhtml "
	    "%s 2>&1", dir, itest_scanner, target);
	assert_int_equal(st, 2);
	assert_non_null(strstr(out, "--html 'none.xhtml': template"));
	free(out);
	assert_int_equal(sh(NULL, "test ! -e none.xhtml"), 0);
	/* So is a FILE that is a directory (it could not be renamed over). */
	st = sh(&out, "'%s' -q --html . %s 2>&1", itest_scanner, target);
	assert_int_equal(st, 2);
	assert_non_null(strstr(out, "--html '.': not a regular file"));
	free(out);

	/* Exit 1: findings at or above high (an untrusted certificate). */
	assert_int_equal(sh(NULL, "TILSYN_TEMPLATES='%s/templates' '%s' -q "
	    "--scope 127.0.0.1/32 --json scan.jsonl --html scan.xhtml %s",
	    itest_srcroot, itest_scanner, target), 1);
	assert_int_equal(sh(NULL, "xmllint --noout scan.xhtml"), 0);
	assert_int_equal(sh(NULL, "ls scan.xhtml.* 2>/dev/null | wc -l "
	    "| grep -qx 0"), 0);	/* no temporary file left */
	snprintf(path, sizeof(path), "%s/scan.xhtml", dir);
	x = slurp(path, &len);
	snprintf(path, sizeof(path), "%s/scan.jsonl", dir);
	{
		char *jl = slurp(path, &len);

		res = itest_result(jl, "tilsyn-scan --json");
		free(jl);
	}
	assert_has(x, "<html xmlns=\"http://www.w3.org/1999/xhtml\"");
	assert_has(x, target);
	/* "tilsyn (standard)", or the tilsyn profile the header names */
	assert_has(x, "Basisprofil: tilsyn");
	assert_has(x, "127.0.0.1/32");
	assert_true(json_array_size(json_object_get(res, "findings")) >= 2);

	free(chromium("scan.xhtml", "--screenshot=scan.png"));
	assert_png("scan.png");
	free(chromium("scan.xhtml", "--print-to-pdf=scan.pdf"));
	assert_pdf("scan.pdf", 2);
	dom = chromium("scan.xhtml", "--dump-dom");
	assert_has(dom, target);
	json_array_foreach(json_object_get(res, "findings"), i, f) {
		const char *id = json_string_value(json_object_get(f, "id"));
		const char *b = json_string_value(json_object_get(f, "basis"));

		assert_under(x, id, b);
		assert_under(dom, id, b);
	}
	assert_has(dom, "Bilag: SHA-256 af resultaterne");

	/*
	 * The annex's SHA-256 of the result is the one the case file
	 * records when the JSON Lines are imported: the same bytes.
	 */
	assert_int_equal(sh(NULL, "'%s' --now 2026-03-02 --actor anna init "
	    ">/dev/null && '%s' --now 2026-03-02 --actor anna entity add "
	    "--cvr 24680134 --name 'Nordkraft A/S' --sector energy "
	    "--employees 300 --ip-range 127.0.0.1/32 --ports %d >/dev/null",
	    casebin, casebin, srv.port), 0);
	assert_int_equal(sh(NULL, "'%s' --actor anna scan --import scan.jsonl "
	    "--entity 24680134 >/dev/null", casebin), 1);
	assert_int_equal(sh(&out, "'%s' scan-show 1 -o json | grep "
	    "'\"type\":\"result\"' | while IFS= read -r l; do printf %%s "
	    "\"$l\" | sha256sum | cut -c1-64; done", casebin), 0);
	assert_int_equal(strlen(out), 65);
	out[64] = '\0';
	assert_has(dom, out);
	assert_int_equal(sh(NULL, "'%s' --actor anna verify >/dev/null",
	    casebin), 0);
	free(out);
	json_decref(res);
	free(dom);
	free(x);

	/* Another profile: its name and the endpoint's verdict with the
	   rules that failed (the scanner writes the verdict as an element). */
	assert_int_equal(sh(NULL, "TILSYN_TEMPLATES='%s/templates' '%s' -q "
	    "--profile mozilla-modern --html modern.xhtml %s",
	    itest_srcroot, itest_scanner, target), 1);
	snprintf(path, sizeof(path), "%s/modern.xhtml", dir);
	x = slurp(path, &len);
	assert_has(x, "Basisprofil: mozilla-modern");
	assert_has(x, "ikke bestået");
	dom = chromium("modern.xhtml", "--dump-dom");
	assert_has(dom, "ikke bestået");
	assert_has(dom, "tls-suites-outside");	/* a failed rule, named */
	free(dom);
	free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_case_report, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scan_html, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
