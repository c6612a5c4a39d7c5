/*
 * Unit tests of stored scans: scans.c's JSON Lines reader (lines split
 * anywhere, bounded, the run header first, other types skipped, each
 * result's bytes and SHA-256 kept), what changed at an endpoint, the
 * registered host syntax (case.c), the scan gate (law/rules.c), and a
 * schema 1 database brought up to schema 2 with its journal intact.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "law/rules.h"
#include "casefile/case.h"
#include "casefile/scans.h"
#include "casefile/verify.h"

#define HDR	"{\"type\":\"run\",\"scanner\":\"tilsyn-scan\",\"version\":" \
	"\"0.1.0\",\"schema\":1,\"started\":\"2026-03-02T10:00:00Z\"}"
#define RES(ip, port, findings) "{\"type\":\"result\",\"host\":\"" ip \
	"\",\"ip\":\"" ip "\",\"port\":" #port ",\"service\":\"tls\"," \
	"\"error\":null,\"error_kind\":null,\"tls\":{\"versions\":" \
	"{\"TLSv1.2\":true}},\"ssh\":null,\"findings\":[" findings "]}"
#define F10	"{\"id\":\"tls-tls10\",\"severity\":\"medium\",\"basis\":\"b\"}"
#define FANON	"{\"id\":\"tls-anon\",\"severity\":\"high\",\"basis\":\"b\"}"
#define SUM	"{\"type\":\"summary\",\"finished\":\"2026-03-02T10:00:09Z\"," \
	"\"exit\":1}"

static const char run_text[] = HDR "\n{\"type\":\"progress\"}\n"
    RES("192.0.2.1", 443, F10) "\n" RES("192.0.2.2", 443, "") "\n" SUM "\n";

static int
feed(struct scan_input *in, const char *text, size_t chunk, char *err,
    size_t errlen)
{
	size_t len = strlen(text), i, n;
	int r = SCAN_OK;

	for (i = 0; i < len && r == SCAN_OK; i += n) {
		n = len - i < chunk ? len - i : chunk;
		r = scan_input_bytes(in, (const unsigned char *)text + i, n,
		    false, err, errlen);
	}
	if (r == SCAN_OK)
		r = scan_input_bytes(in, NULL, 0, true, err, errlen);
	return r;
}

/* Split at every size, the same results with the same bytes. */
static void
test_reader_chunks(void **state)
{
	static const size_t chunks[] = { 1, 2, 7, 64, 4096 };
	const char *r1 = strstr(run_text, "{\"type\":\"result\"");
	char err[256], sha[EVIDENCE_HEX];
	size_t i;

	(void)state;
	assert_int_equal(evidence_sha256(r1, strlen(RES("192.0.2.1", 443,
	    F10)), sha), 0);
	for (i = 0; i < sizeof(chunks) / sizeof(*chunks); i++) {
		struct scan_input in;

		scan_input_init(&in);
		assert_int_equal(feed(&in, run_text, chunks[i], err,
		    sizeof(err)), SCAN_OK);
		assert_int_equal(in.nres, 2);
		assert_int_equal(in.res[0].len, strlen(RES("192.0.2.1", 443,
		    F10)));
		assert_memory_equal(in.res[0].p, r1, in.res[0].len);
		assert_string_equal(in.res[0].sha256, sha);
		assert_string_equal(in.res[1].key.ip, "192.0.2.2");
		assert_int_equal(in.res[1].key.port, 443);
		assert_null(in.res[1].key.error);
		assert_string_equal(in.version, "0.1.0");
		assert_string_equal(in.started, "2026-03-02T10:00:00Z");
		assert_string_equal(in.finished, "2026-03-02T10:00:09Z");
		assert_int_equal(in.exit, 1);
		assert_non_null(in.summary);
		scan_input_release(&in);
	}
}

/* What the reader refuses, and the line it names. */
static void
test_reader_refuses(void **state)
{
	static const struct {
		const char	*text;
		int		 r;
		const char	*err;
	} cases[] = {
		{ RES("192.0.2.1", 443, "") "\n", SCAN_BAD, "line 1: the run "
		    "header (\"type\":\"run\") must come first" },
		{ HDR "\n" HDR "\n", SCAN_BAD, "line 2: a second run header" },
		{ HDR "\nnot json\n", SCAN_BAD, "line 2: not a JSON object" },
		{ HDR "\n[1]\n", SCAN_BAD, "line 2: not a JSON object" },
		{ HDR "\n{\"type\":\"result\",\"port\":0,\"service\":\"tls\"}\n",
		    SCAN_BAD, "line 2: a result without its service and port, "
		    "or with a field of the wrong type" },
		{ HDR "\n{\"type\":\"result\",\"port\":443,\"service\":\"tls\","
		    "\"ip\":7}\n", SCAN_BAD, "line 2: a result without its "
		    "service and port, or with a field of the wrong type" },
		{ HDR "\n" SUM "\n" RES("192.0.2.1", 443, "") "\n", SCAN_BAD,
		    "line 3: more after the summary" },
		{ "{\"type\":\"run\",\"scanner\":\"other\",\"schema\":1}\n",
		    SCAN_BAD, "line 1: the run header does not name tilsyn-scan "
		    "as its scanner" },
		{ "{\"type\":\"run\",\"scanner\":\"tilsyn-scan\",\"version\":"
		    "\"1\",\"schema\":2}\n", SCAN_BAD, "line 1: the run "
		    "header's schema is not 1" },
		{ HDR "\n{\"type\":\"x\",\"type\":\"y\"}\n", SCAN_BAD,
		    "line 2: not a JSON object" },
	};
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct scan_input in;

		scan_input_init(&in);
		err[0] = '\0';
		assert_int_equal(feed(&in, cases[i].text, 5, err,
		    sizeof(err)), cases[i].r);
		assert_string_equal(err, cases[i].err);
		scan_input_release(&in);
	}
}

/* A line over SCAN_LINE_MAX is refused before it is all read. */
static void
test_reader_bounded(void **state)
{
	struct scan_input in;
	char err[256], *big;
	size_t n = SCAN_LINE_MAX / 4 + 1, i;
	int r = SCAN_OK;

	(void)state;
	assert_non_null(big = malloc(n));
	memset(big, ' ', n);
	scan_input_init(&in);
	assert_int_equal(scan_input_bytes(&in, (const unsigned char *)HDR "\n",
	    strlen(HDR) + 1, false, err, sizeof(err)), SCAN_OK);
	for (i = 0; i < 5 && r == SCAN_OK; i++)
		r = scan_input_bytes(&in, (unsigned char *)big, n, false, err,
		    sizeof(err));
	assert_int_equal(r, SCAN_TOOBIG);
	assert_int_equal(i, 4);
	assert_string_equal(err, "line 2: longer than 16777216 bytes");
	scan_input_release(&in);
	free(big);
}

static json_t *
j(const char *text)
{
	json_t *o = json_loads(text, 0, NULL);

	assert_non_null(o);
	return o;
}

static void
test_diff(void **state)
{
	struct scan_key k = { (char *)"tls", (char *)"192.0.2.1",
	    (char *)"www.example", NULL, NULL, 443 };
	json_t *a = j(RES("192.0.2.1", 443, F10)), *b = j(RES("192.0.2.1",
	    443, FANON)), *d;
	int worst;

	(void)state;
	d = scan_diff_endpoint(&k, a, b, &worst);
	assert_int_equal(worst, 3);
	assert_string_equal(json_string_value(json_object_get(d, "status")),
	    "changed");
	assert_string_equal(json_string_value(json_object_get(d,
	    "endpoint")), "tls://www.example[192.0.2.1]:443");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(d, "new_findings"), 0), "id")), "tls-anon");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(d, "resolved_findings"), 0), "id")), "tls-tls10");
	json_decref(d);
	d = scan_diff_endpoint(&k, a, a, &worst);
	assert_int_equal(worst, -1);
	assert_string_equal(json_string_value(json_object_get(d, "status")),
	    "same");
	json_decref(d);
	d = scan_diff_endpoint(&k, NULL, a, &worst);
	assert_int_equal(worst, 2);
	assert_string_equal(json_string_value(json_object_get(d, "status")),
	    "new");
	json_decref(d);
	d = scan_diff_endpoint(&k, a, NULL, &worst);
	assert_string_equal(json_string_value(json_object_get(d, "status")),
	    "gone");
	json_decref(d);
	json_decref(a);
	json_decref(b);
	assert_int_equal(scan_severity_rank("critical"), 4);
	assert_int_equal(scan_severity_rank("severe"), -1);
}

static void
test_hosts(void **state)
{
	static const struct {
		const char	*v;
		const char	*service, *name;
		int		 port;	/* -1: refused */
	} cases[] = {
		{ "www.example", "tls", "www.example", 443 },
		{ "www.example:8443", "tls", "www.example", 8443 },
		{ "192.0.2.1", "tls", "192.0.2.1", 443 },
		{ "[2001:db8::1]", "tls", "2001:db8::1", 443 },
		{ "[2001:db8::1]:993", "tls", "2001:db8::1", 993 },
		{ "smtp://mx.example", "smtp", "mx.example", 25 },
		{ "smtp://mx.example:587", "smtp", "mx.example", 587 },
		{ "imap://[2001:db8::2]", "imap", "2001:db8::2", 143 },
		{ "pop3://p.example", "pop3", "p.example", 110 },
		{ "ftp://f.example", "ftp", "f.example", 21 },
		{ "ssh://s.example:2222", "ssh", "s.example", 2222 },
		{ "tls://t.example", "tls", "t.example", 443 },
		{ "gopher://l.example", NULL, NULL, -1 },
		{ "www.example:0", NULL, NULL, -1 },
		{ "www.example:", NULL, NULL, -1 },
		{ "2001:db8::1", NULL, NULL, -1 },
		{ "[192.0.2.1]", NULL, NULL, -1 },
		{ "[2001:db8::/64]", NULL, NULL, -1 },
		{ "192.0.2.0/28", NULL, NULL, -1 },
		{ "[2001:db8::1]x", NULL, NULL, -1 },
		{ "ssh://", NULL, NULL, -1 },
		{ "", NULL, NULL, -1 },
	};
	struct reg_host h;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int r = reg_host_parse(cases[i].v, &h);

		if (cases[i].port < 0) {
			if (r != -1)
				fail_msg("'%s' accepted", cases[i].v);
			assert_false(reg_valid(REG_HOSTS, cases[i].v));
			continue;
		}
		if (r != 0)
			fail_msg("'%s' refused", cases[i].v);
		assert_string_equal(h.service, cases[i].service);
		assert_string_equal(h.name, cases[i].name);
		assert_int_equal(h.port, cases[i].port);
	}
	assert_true(reg_ports_valid("22,443,8000-8010"));
	assert_false(reg_ports_valid("443,"));
	assert_false(reg_ports_valid("0"));
}

static void
test_gate(void **state)
{
	struct rstep st[1];
	struct rcase open = { CLASS_IMPORTANT, false, false, false, st, 0, -1 };
	struct rcase closed = { CLASS_IMPORTANT, false, true, false, st, 0, -1 };
	struct refusal rf;
	enum basis_id p;

	(void)state;
	assert_int_equal(rules_scan(CLASS_ESSENTIAL, NULL, false, &p, &rf),
	    RULES_OK);
	assert_int_equal(p, BASIS_S21);
	assert_int_equal(rules_scan(CLASS_IMPORTANT, NULL, false, &p, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S24);
	assert_int_equal(rules_scan(CLASS_IMPORTANT, &open, false, &p, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S24);
	assert_int_equal(rules_scan(CLASS_IMPORTANT, &open, true, &p, &rf),
	    RULES_OK);
	assert_int_equal(p, BASIS_S24);
	assert_int_equal(rules_scan(CLASS_IMPORTANT, &closed, true, &p, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_OFFL_15);
	assert_int_equal(rules_scan(CLASS_NOT_COVERED, NULL, false, &p, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S1_STK1);
	assert_int_equal(rules_scan(CLASS_UNDETERMINED, &open, true, &p, &rf),
	    RULES_REFUSED);
	assert_int_equal(rf.basis, BASIS_S5);
	assert_non_null(strstr(rf.msg, "(§ 5)"));
}

/* A file of schema 1 (no scan tables) opens as the latest, intact. */
static void
test_migration(void **state)
{
	char dir[] = "/tmp/tilsyn-scans.XXXXXX", path[64];
	struct case_writer w;
	struct journal_check chk;
	sqlite3 *db;
	int v;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	memset(&w, 0, sizeof(w));
	case_writer_time(&w, 1772448000, false, 1772448000);
	snprintf(w.actor, sizeof(w.actor), "t");
	assert_int_equal(store_open(path, 1, &w.st), STORE_OK);
	assert_int_equal(case_init(&w, &v), CASE_OK);
	store_close(&w.st);
	/* What schema 2 added, taken away again: a file of schema 1. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE documents; "
	    "DROP TABLE scan_results; DROP TABLE scan_runs; "
	    "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, 0, &w.st), STORE_OK);
	assert_int_equal(store_schema_version(w.st, &v), STORE_OK);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	assert_int_equal(store_begin(w.st), STORE_OK);
	assert_int_equal(verify_all(w.st, &chk), STORE_OK);
	store_rollback(w.st);
	assert_true(chk.ok);
	assert_int_equal(chk.events, 1);
	store_close(&w.st);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-shm", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_chunks),
		cmocka_unit_test(test_reader_refuses),
		cmocka_unit_test(test_reader_bounded),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_migration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
