/*
 * tilsyn-case scan against real openssl s_server instances on loopback:
 * the legal gate (§ 21, § 24, entities not covered), the registered scope
 * and hosted hosts (--resolve puts a host name outside the ranges), the
 * stored bytes against their SHA-256 and the journal, verify and a result
 * edited with the sqlite3 shell, a server restarted with TLS 1.0 switched
 * off and on between runs and then with an RSA-1024 certificate (resolved
 * and new findings, exit 1), an import
 * outside the scope refused, and an endpoint that cannot be scanned
 * (exit 3).  The built tilsyn-case runs the built tilsyn-scan.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "testsrv.h"

static char casebin[512], scanbin[512];
/* Two s_servers on one port: 127.0.0.1 (registered) and 127.0.0.2. */
static struct testsrv srv;
static char db[600];

#define ESSENTIAL	"24680134"	/* annex 1, large */
#define IMPORTANT	"35792465"	/* annex 1, medium */
#define SMALL		"10000017"	/* annex 1, micro: not covered */
#define UNKNOWN		"10000025"	/* no figures: undetermined */

static char *capture(int *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Runs a shell command; its standard output (and stderr with 2>&1). */
static char *
capture(int *status, const char *fmt, ...)
{
	char cmd[4096], *out;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_non_null(out = testsrv_capture(cmd, status));
	return out;
}

/* tilsyn-case on the test's database; output with stderr; *status. */
static char *tc(int *, const char *, ...) __attribute__((format(printf, 2,
    3)));
static char *
tc(int *status, const char *fmt, ...)
{
	char args[3000];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	return capture(status, "TILSYN_SCAN='%s' '%s' --db '%s' --actor "
	    "tester %s 2>&1", scanbin, casebin, db, args);
}

/* tilsyn-case must exit with want; its output is returned. */
static char *tc_ok(int, const char *, ...) __attribute__((format(printf,
    2, 3)));
static char *
tc_ok(int want, const char *fmt, ...)
{
	char args[3000], *out;
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	out = tc(&st, "%s", args);
	if (st != want)
		fail_msg("tilsyn-case %s: exit %d, not %d:\n%s", args, st, want,
		    out);
	return out;
}

static void
assert_has(const char *hay, const char *needle)
{
	assert_non_null(hay);
	if (strstr(hay, needle) == NULL)
		fail_msg("'%s' not in:\n%s", needle, hay);
}

static void
assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle) != NULL)
		fail_msg("'%s' unexpectedly in:\n%s", needle, hay);
}

/*
 * s_server on 127.0.0.1 and 127.0.0.2, port (0: a free one), the same
 * certificate, and the options extra.  Both are one process group.
 */
static void
servers(int port, const char *extra)
{
	char cmd[2048];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	int i, st;
	char *out;

	snprintf(cmd, sizeof(cmd), "cd '%s' && for a in 127.0.0.2 127.0.0.1; "
	    "do openssl s_server -accept $a:{PORT} -naccept 100000 -quiet "
	    "-cert srv.pem -key srv.key %s </dev/null & done; wait", srv.dir,
	    extra);
	assert_int_equal(testsrv_start(&srv, port, argv, 10000), 0);
	/* testsrv waits for 127.0.0.1; the other one started first. */
	for (i = 0; i < 50; i++) {
		out = capture(&st, "bash -c 'exec 3<>/dev/tcp/127.0.0.2/%d' "
		    "2>/dev/null", srv.port);
		free(out);
		if (st == 0)
			return;
		usleep(100000);
	}
	fail_msg("s_server on 127.0.0.2:%d did not start", srv.port);
}

/* TLS 1.0 and 1.1 offered (security level 0) or not. */
#define OLD_TLS	"-cipher 'DEFAULT:@SECLEVEL=0'"
#define NEW_TLS	"-no_tls1 -no_tls1_1"

/* A fresh directory, certificate, servers and case file. */
static int
setup(void **state)
{
	char *out;
	int st;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey "
	    "rsa:2048 -nodes -days 30 -subj /CN=localhost -addext "
	    "subjectAltName=DNS:localhost -keyout srv.key -out srv.pem "
	    "2>/dev/null", srv.dir), 0);
	servers(0, OLD_TLS);
	snprintf(db, sizeof(db), "%s/case.db", srv.dir);
	free(tc_ok(0, "init"));
	/* The registered range is 127.0.0.1 alone, on the test's port. */
	free(tc_ok(0, "entity add --cvr " ESSENTIAL " --name 'Nordkraft A/S' "
	    "--sector energy --employees 300 --turnover 800000000 "
	    "--ip-range 127.0.0.1/32 --ports %d --host tls://hosted.example:%d",
	    srv.port, srv.port));
	free(tc_ok(0, "entity add --cvr " IMPORTANT " --name 'Vandværk Midt' "
	    "--sector drinking-water --employees 100 --turnover 20000000 "
	    "--balance 15000000 --ip-range 127.0.0.1/32 --ports %d "
	    "--overlap 'one loopback for all'", srv.port));
	free(tc_ok(0, "entity add --cvr " SMALL " --name 'Lille Vand' "
	    "--sector drinking-water --employees 5 --turnover 500000 "
	    "--balance 400000 --ip-range 127.0.0.1/32 --ports %d "
	    "--overlap 'one loopback for all'", srv.port));
	free(tc_ok(0, "entity add --cvr " UNKNOWN " --name 'Ukendt' "
	    "--sector drinking-water --ip-range 127.0.0.1/32 --ports %d "
	    "--overlap 'one loopback for all'", srv.port));
	out = tc(&st, "entity list");
	assert_int_equal(st, 0);
	assert_has(out, ESSENTIAL "  essential");
	assert_has(out, SMALL "  not-covered");
	free(out);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	testsrv_stop(&srv);
	return 0;
}

/* The --resolve that puts the registered host name on 127.0.0.2. */
static char resolve[128];

static const char *
hosted_resolve(void)
{
	snprintf(resolve, sizeof(resolve), "-- --resolve "
	    "hosted.example:%d:127.0.0.2", srv.port);
	return resolve;
}

/* The stored scans, as JSON. */
static json_t *
scans(const char *cvr)
{
	json_t *j;
	char *out = tc_ok(0, "-o json scans %s", cvr);

	assert_non_null(j = json_loads(out, 0, NULL));
	free(out);
	return j;
}

static const char *
run_str(json_t *runs, size_t i, const char *key)
{
	return json_string_value(json_object_get(json_array_get(runs, i),
	    key));
}

/* § 21 routinely, § 24 only in an indication case, the rest never. */
static void
test_gate(void **state)
{
	json_t *runs;
	char *out;

	(void)state;
	/* --all: the essential entity only (routine supervision, § 21). */
	out = tc_ok(1, "scan --all --fail-on medium %s", hosted_resolve());
	assert_has(out, "scan 1: " ESSENTIAL " Nordkraft A/S, § 21");
	assert_lacks(out, IMPORTANT);
	free(out);
	runs = scans(ESSENTIAL);
	assert_int_equal(json_array_size(runs), 1);
	assert_string_equal(run_str(runs, 0, "power"), "§ 21");
	assert_true(json_is_null(json_object_get(json_array_get(runs, 0),
	    "case")));
	json_decref(runs);
	runs = scans(IMPORTANT);
	assert_int_equal(json_array_size(runs), 0);
	json_decref(runs);

	out = tc_ok(1, "scan --entity " IMPORTANT);
	assert_has(out, "an important entity is not scanned routinely; scan "
	    "it with --case in a case opened on an indication (§ 24)");
	free(out);
	out = tc_ok(1, "scan --entity " SMALL);
	assert_has(out, "the entity is not covered by the act; its endpoints "
	    "are never scanned (§ 1, stk. 1)");
	free(out);
	out = tc_ok(1, "scan --entity " UNKNOWN " --dry-run");
	assert_has(out, "(§ 5)");
	free(out);

	/* A routine case cannot be opened on it; an indication case can. */
	free(tc_ok(1, "case open --cvr " IMPORTANT " --basis routine "
	    "--subject s"));
	out = tc_ok(0, "case open --cvr " IMPORTANT " --basis indication "
	    "--indication 'tip om TLS 1.0' --subject 'TLS'");
	assert_string_equal(out, "NIS-2026-0001\n");
	free(out);
	out = tc_ok(1, "scan --case NIS-2026-0001 --fail-on medium");
	assert_has(out, "scan 2: " IMPORTANT " Vandværk Midt, § 24, case "
	    "NIS-2026-0001");
	free(out);
	runs = scans(IMPORTANT);
	assert_int_equal(json_array_size(runs), 1);
	assert_string_equal(run_str(runs, 0, "power"), "§ 24");
	assert_string_equal(run_str(runs, 0, "case"), "NIS-2026-0001");
	json_decref(runs);
	/* The case's journal holds the run. */
	out = tc_ok(0, "log NIS-2026-0001");
	assert_has(out, "scan-run");
	free(out);
	/* A closed case scans no more. */
	free(tc_ok(0, "case close NIS-2026-0001"));
	out = tc_ok(1, "scan --case NIS-2026-0001");
	assert_has(out, "the case is closed");
	free(out);
	out = tc_ok(0, "verify");
	assert_has(out, "journal intact");
	free(out);
}

/* A host outside the ranges: skipped, or scanned with --allow-hosted. */
static void
test_hosted(void **state)
{
	json_t *runs, *hosted;
	char *out;

	(void)state;
	out = tc_ok(0, "scan --entity " ESSENTIAL " --dry-run");
	assert_has(out, "scope   127.0.0.1/32");
	assert_has(out, "target  tls://hosted.example:");
	free(out);
	out = tc_ok(1, "scan --entity " ESSENTIAL " %s", hosted_resolve());
	assert_has(out, "tls://hosted.example[127.0.0.2]:");
	assert_has(out, "skipped: outside the registered ranges");
	free(out);
	out = tc_ok(1, "scan --entity " ESSENTIAL " --allow-hosted %s",
	    hosted_resolve());
	assert_has(out, "tls://hosted.example[127.0.0.2]:");
	assert_lacks(out, "skipped");
	free(out);
	runs = scans(ESSENTIAL);
	assert_int_equal(json_array_size(runs), 2);
	assert_false(json_is_true(json_object_get(json_array_get(runs, 0),
	    "allow_hosted")));
	assert_true(json_is_true(json_object_get(json_array_get(runs, 1),
	    "allow_hosted")));
	hosted = json_object_get(json_array_get(runs, 1), "hosted");
	assert_int_equal(json_array_size(hosted), 1);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(hosted, 0), "ip")), "127.0.0.2");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    json_array_get(runs, 1), "scope"), 1)), "127.0.0.2/32");
	json_decref(runs);
	/* A scanner option that would pick targets or scope is refused. */
	out = tc_ok(2, "scan --all -- --scope 0.0.0.0/0");
	assert_has(out, "'--scope': not a tilsyn-scan option");
	free(out);
	out = tc_ok(2, "scan --all -- 10.0.0.1");
	assert_has(out, "(§ 10)");
	free(out);
}

/* SHA-256 of len bytes, in hex. */
static void
sha256_hex(const char *p, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int n = 0;
	int i;

	assert_int_equal(EVP_Digest(p, len, md, &n, EVP_sha256(), NULL), 1);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* The stored bytes hash to the recorded SHA-256; an edit is caught. */
static void
test_evidence(void **state)
{
	char *out, *sql, *line, *save = NULL, hex[65], *ev;
	json_t *payload, *results;
	size_t n = 0;
	int st;

	(void)state;
	free(tc_ok(1, "scan --all %s", hosted_resolve()));
	out = tc_ok(0, "scan-show 1 -o json");
	sql = capture(&st, "sqlite3 '%s' 'SELECT sha256 FROM scan_results "
	    "WHERE run = 1 ORDER BY n'", db);
	assert_int_equal(st, 0);
	ev = capture(&st, "sqlite3 '%s' \"SELECT payload FROM events WHERE "
	    "kind = 'scan-run'\"", db);
	assert_int_equal(st, 0);
	assert_non_null(payload = json_loads(ev, JSON_DISABLE_EOF_CHECK,
	    NULL));
	results = json_object_get(payload, "results");
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, "{\"type\":\"result\"") != line)
			continue;
		sha256_hex(line, strlen(line), hex);
		assert_has(sql, hex);
		assert_string_equal(json_string_value(json_array_get(results,
		    n)), hex);
		n++;
	}
	assert_int_equal(n, 2);
	assert_int_equal(json_array_size(results), 2);
	json_decref(payload);
	free(ev);
	free(sql);
	free(out);
	out = tc_ok(0, "scan-show 1 -o xml");
	assert_has(out, "<scan id=\"1\"");
	assert_has(out, "<result n=\"1\" sha256=\"");
	free(out);
	out = tc_ok(0, "verify");
	assert_has(out, "journal intact");
	free(out);
	/* A run's row edited (its power): its event no longer matches. */
	out = capture(&st, "cp '%s' '%s.2' && sqlite3 '%s.2' \"DROP TRIGGER "
	    "scan_runs_no_update; UPDATE scan_runs SET power = '§ 24'\"", db,
	    db, db);
	assert_int_equal(st, 0);
	free(out);
	/* The append-only trigger holds; dropped, verify still sees it. */
	out = capture(&st, "sqlite3 '%s' \"UPDATE scan_results SET error = "
	    "'x'\" 2>&1", db);
	assert_int_not_equal(st, 0);
	assert_has(out, "append-only");
	free(out);
	out = capture(&st, "sqlite3 '%s' \"DROP TRIGGER "
	    "scan_results_no_update; UPDATE scan_results SET content = "
	    "CAST(replace(CAST(content AS TEXT), 'TLSv1.0\\\":true', "
	    "'TLSv1.0\\\":false') AS BLOB) WHERE run = 1 AND n = 2\"", db);
	assert_int_equal(st, 0);
	free(out);
	out = tc_ok(1, "verify");
	assert_has(out, "scan 1 result 2: its content does not match its "
	    "SHA-256");
	free(out);
	out = capture(&st, "'%s' --db '%s.2' verify", casebin, db);
	assert_int_equal(st, 1);
	assert_has(out, "scan 1: its row or its results differ from the "
	    "scan-run event in the journal");
	free(out);
}

/* The servers again on the same port, with a new RSA certificate. */
static void
restart_bits(int bits, const char *extra)
{
	int port = srv.port;

	testsrv_stop(&srv);
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey "
	    "rsa:%d -nodes -days 30 -subj /CN=localhost -keyout srv.key "
	    "-out srv.pem 2>/dev/null", srv.dir, bits), 0);
	servers(port, extra);
}

static void
restart(const char *extra)
{
	restart_bits(2048, extra);
}

/* TLS 1.0 switched off, then on again, between runs. */
static void
test_restart(void **state)
{
	char *out;
	char dbdir[600];

	(void)state;
	/* The database outlives the servers' directory: keep it apart. */
	snprintf(dbdir, sizeof(dbdir), "%s", db);
	free(tc_ok(1, "scan --entity " ESSENTIAL " --fail-on medium %s",
	    hosted_resolve()));
	assert_int_equal(testsrv_sh("cp '%s' /tmp/tilsyn-case-scan-%d.db",
	    dbdir, (int)getpid()), 0);
	restart(NEW_TLS);
	snprintf(db, sizeof(db), "/tmp/tilsyn-case-scan-%d.db", (int)getpid());
	out = tc_ok(0, "scan --entity " ESSENTIAL " --fail-on medium %s",
	    hosted_resolve());
	assert_has(out, "changed");
	assert_has(out, "resolved: tls-tls10 (medium, § 6, stk. 2, nr. 8)");
	assert_has(out, "resolved: tls-tls11");
	assert_has(out, "TLS versions: TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3 -> "
	    "TLSv1.2 TLSv1.3");
	assert_has(out, "certificate RSA: SHA-256 ");
	assert_lacks(out, "new finding");
	free(out);
	restart(OLD_TLS);
	out = tc_ok(1, "scan --entity " ESSENTIAL " --fail-on medium %s",
	    hosted_resolve());
	assert_has(out, "new finding: tls-tls10 (medium, § 6, stk. 2, nr. 8)");
	free(out);
	out = tc_ok(0, "scan-diff 2 3");
	assert_has(out, "scan 3 against scan 2 (" ESSENTIAL ")");
	assert_has(out, "new finding: tls-tls10");
	free(out);
	out = tc_ok(0, "scan-diff 2");
	assert_has(out, "resolved: tls-tls10");
	free(out);
	out = tc_ok(2, "scan-diff 1");
	assert_has(out, "no earlier scan");
	free(out);
	/* An RSA-1024 certificate: a new finding, exit 1. */
	restart_bits(1024, OLD_TLS);
	out = tc_ok(1, "scan --entity " ESSENTIAL " --fail-on high %s",
	    hosted_resolve());
	assert_has(out, "new finding: cert-rsa-weak (high, § 6, stk. 2, nr. 8)");
	free(out);
	out = tc_ok(0, "verify");
	assert_has(out, "journal intact");
	free(out);
	unlink(db);
	snprintf(db, sizeof(db), "%s", dbdir);
}

/*
 * A registered host that cannot be scanned: exit 3, and it is stored so;
 * a port of a range where nothing answers is only counted.
 */
static void
test_unscannable(void **state)
{
	char *out;
	int closed = testsrv_free_port();

	(void)state;
	free(tc_ok(0, "entity add --cvr 10000009 --name 'Net A/S' --sector "
	    "energy --employees 300 --ip-range 127.0.0.1/32 --ports %d,%d "
	    "--overlap 'one loopback for all'", srv.port, closed));
	out = tc_ok(1, "scan --entity 10000009");
	assert_has(out, "1 port of the registered ranges without a service");
	assert_lacks(out, "not scanned");
	free(out);
	free(tc_ok(0, "entity add --cvr 10000041 --name 'Vært A/S' --sector "
	    "energy --employees 300 --ip-range 127.0.0.1/32 --ports %d "
	    "--host 127.0.0.1:%d --overlap 'one loopback for all'", srv.port,
	    closed));
	out = tc_ok(3, "scan --entity 10000041");
	assert_has(out, "not scanned: ");
	free(out);
	out = tc_ok(0, "scan-show 2");
	assert_has(out, "scanned");
	free(out);
}

/* An import with a result outside the registered ranges is refused. */
static void
test_import(void **state)
{
	char *out, path[700], inside[700];
	json_t *runs;
	int st;

	(void)state;
	snprintf(path, sizeof(path), "%s/laptop.jsonl", srv.dir);
	snprintf(inside, sizeof(inside), "%s/inside.jsonl", srv.dir);
	out = capture(&st, "'%s' -o json -q --scope 127.0.0.0/8 "
	    "127.0.0.1:%d 127.0.0.2:%d > '%s'", scanbin, srv.port, srv.port,
	    path);
	free(out);
	out = tc_ok(1, "scan --import '%s' --entity " ESSENTIAL, path);
	snprintf(path, sizeof(path), "(tls://127.0.0.2:%d) lies outside the "
	    "registered IP ranges of " ESSENTIAL "; nothing imported (§ 10, "
	    "§ 21)", srv.port);
	assert_has(out, path);
	free(out);
	runs = scans(ESSENTIAL);
	assert_int_equal(json_array_size(runs), 0);
	json_decref(runs);
	out = capture(&st, "'%s' -o json -q --scope 127.0.0.0/8 "
	    "127.0.0.1:%d > '%s'", scanbin, srv.port, inside);
	free(out);
	out = tc_ok(2, "scan --import '%s' --entity " ESSENTIAL " -- -j 1",
	    inside);
	free(out);
	out = tc_ok(1, "scan --import '%s' --entity " ESSENTIAL
	    " --fail-on medium", inside);
	assert_has(out, "scan 1: " ESSENTIAL);
	free(out);
	runs = scans(ESSENTIAL);
	assert_int_equal(json_array_size(runs), 1);
	assert_string_equal(run_str(runs, 0, "origin"), "import");
	assert_string_equal(run_str(runs, 0, "import"), "inside.jsonl");
	assert_int_equal(strlen(run_str(runs, 0, "import_sha256")), 64);
	json_decref(runs);
	/* An important entity's import needs its indication case too. */
	out = tc_ok(1, "scan --import '%s' --entity " IMPORTANT, inside);
	assert_has(out, "(§ 24)");
	free(out);
	out = tc_ok(0, "verify");
	assert_has(out, "journal intact");
	free(out);
}

/*
 * SIGTERM while the scanner waits on a stopped server: passed on to the
 * scanner, whose interrupted results are still stored (exit 3).
 */
static void
test_interrupt(void **state)
{
	char out[700], *text;
	pid_t pid;
	int st;

	(void)state;
	snprintf(out, sizeof(out), "%s/scan.out", srv.dir);
	/* The servers stop answering; connects still complete. */
	assert_int_equal(kill(-srv.pid, SIGSTOP), 0);
	/* The registered host name resolved by the test, never by DNS. */
	snprintf(resolve, sizeof(resolve), "hosted.example:%d:127.0.0.2",
	    srv.port);
	if ((pid = fork()) == 0) {
		if (freopen(out, "w", stdout) == NULL)
			_exit(99);
		setenv("TILSYN_SCAN", scanbin, 1);
		execl(casebin, casebin, "--db", db, "scan", "--entity",
		    ESSENTIAL, "--", "--resolve", resolve, (char *)NULL);
		_exit(98);
	}
	assert_true(pid > 0);
	sleep(1);
	assert_int_equal(kill(pid, SIGTERM), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	(void)kill(-srv.pid, SIGCONT);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 3);
	text = capture(&st, "cat '%s'", out);
	assert_has(text, "not scanned: interrupted");
	free(text);
	text = tc_ok(0, "scans " ESSENTIAL);
	assert_has(text, "exit 3");
	free(text);
	text = tc_ok(0, "verify");
	assert_has(text, "journal intact");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_gate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hosted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unscannable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_interrupt, setup,
		    teardown),
	};
	const char *root = getenv("TILSYN_BUILD_ROOT");

	signal(SIGPIPE, SIG_IGN);
	snprintf(scanbin, sizeof(scanbin), "%s/scanner/tilsyn-scan",
	    root != NULL ? root : ".");
	snprintf(casebin, sizeof(casebin), "%s/casefile/tilsyn-case",
	    root != NULL ? root : ".");
	/* Dates of cases are today's: case numbers carry the year. */
	setenv("TILSYN_NOW", "2026-03-02", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
