/*
 * Crash test of tilsyn-case: a loop of writes, each process killed with
 * SIGKILL at a random moment, at least 200 times.  Afterwards the journal
 * verifies, the database is intact, and every command that printed its
 * step (reported success) is in the database with what it was given.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#define KILLS_WANTED	200
#define MAX_ROUNDS	4000

static char bin[512], dir[64], db[128];

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * Runs tilsyn-case with args; kills it after delay_us when delay_us >= 0.
 * Returns the wait status; out gets what it printed on stdout.
 */
static int
run(const char *const args[], int64_t delay_us, char *out, size_t outlen)
{
	int fds[2], st = 0, devnull;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		devnull = open("/dev/null", O_WRONLY);
		dup2(fds[1], 1);
		dup2(devnull, 2);
		close(fds[0]);
		close(fds[1]);
		execv(bin, (char *const *)(uintptr_t)args);
		_exit(127);
	}
	close(fds[1]);
	if (delay_us >= 0) {
		struct timespec ts = { delay_us / 1000000,
		    (delay_us % 1000000) * 1000 };

		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
	}
	while (got + 1 < outlen &&
	    (n = read(fds[0], out + got, outlen - 1 - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		got += (size_t)n;
	}
	out[got] = '\0';
	close(fds[0]);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	return st;
}

static void
must(const char *const args[])
{
	char out[256];
	int st = run(args, -1, out, sizeof(out));

	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

struct ok {
	int	step;		/* step number, or case number when is_case */
	int	round;
	int	is_case;
};

/* The summary (or subject) round wrote; the warm-up rounds are < 0. */
static void
round_text(int round, char *buf, size_t len)
{
	if (round < 0)
		snprintf(buf, len, "warmup-%d", -1 - round);
	else
		snprintf(buf, len, "round-%d", round);
}

/*
 * Every success reported of a case (is_case) or a step is stored with
 * what its round gave: sql selects that text by number (?1).
 */
static void
expect_stored(sqlite3 *sq, const char *sql, const struct ok *oks, int nok,
    int is_case)
{
	sqlite3_stmt *stmt;
	char want[64];
	int i;

	assert_int_equal(sqlite3_prepare_v2(sq, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	for (i = 0; i < nok; i++) {
		if (oks[i].is_case != is_case)
			continue;
		round_text(oks[i].round, want, sizeof(want));
		sqlite3_reset(stmt);
		assert_int_equal(sqlite3_bind_int(stmt, 1, oks[i].step),
		    SQLITE_OK);
		assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(stmt, 0),
		    want);
	}
	sqlite3_finalize(stmt);
}

static void
test_sigkill_loop(void **state)
{
	struct ok *oks = calloc(MAX_ROUNDS, sizeof(*oks));
	char summary[64], out[256];
	const char *insp[] = { bin, "--db", db, "--actor", "crash", "--now",
	    "2026-03-02", "inspect", "NIS-2026-0001", "--kind", "offsite",
	    "--summary", summary, NULL };
	const char *verify[] = { bin, "--db", db, "verify", NULL };
	const char *open_case[] = { bin, "--db", db, "--actor", "crash",
	    "--now", "2026-03-02", "case", "open", "--cvr", "24680134",
	    "--basis", "routine", "--subject", summary, NULL };
	sqlite3 *sq;
	sqlite3_stmt *stmt;
	int64_t t0, typical = 0;
	int kills = 0, nok = 0, rounds, i, st, n, steps = 0;

	(void)state;
	assert_non_null(oks);
	{
		const char *a1[] = { bin, "--db", db, "--actor", "crash", "--now",
		    "2026-03-02", "init", NULL };
		const char *a2[] = { bin, "--db", db, "--actor", "crash", "--now",
		    "2026-03-02", "entity", "add", "--cvr", "24680134",
		    "--name", "Nordkraft A/S", "--sector", "energy",
		    "--employees", "300", NULL };
		const char *a3[] = { bin, "--db", db, "--actor", "crash", "--now",
		    "2026-03-02", "case", "open", "--cvr", "24680134",
		    "--basis", "routine", "--subject", "crash test", NULL };

		must(a1);
		must(a2);
		must(a3);
	}
	/* How long one write takes here, to spread the kills over it. */
	for (i = 0; i < 5; i++) {
		round_text(-1 - i, summary, sizeof(summary));
		t0 = now_us();
		st = run(insp, -1, out, sizeof(out));
		typical += now_us() - t0;
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		assert_int_equal(sscanf(out, "NIS-2026-0001/%d", &n), 1);
		oks[nok].step = n;
		oks[nok++].round = -1 - i;
	}
	typical /= 5;
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	for (rounds = 0; kills < KILLS_WANTED && rounds < MAX_ROUNDS;
	    rounds++) {
		int64_t delay = random() % (typical * 3 / 2 + 1);

		/* Every fourth write opens a case: numbering under crashes. */
		int is_case = rounds % 4 == 3;

		round_text(rounds, summary, sizeof(summary));
		st = run(is_case ? open_case : insp, delay, out, sizeof(out));
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			kills++;
		/* Success is reported by a whole line with the identifier. */
		if (strchr(out, '\n') == NULL)
			continue;
		if (is_case ? sscanf(out, "NIS-2026-%d", &n) == 1 :
		    sscanf(out, "NIS-2026-0001/%d", &n) == 1) {
			assert_true(nok < MAX_ROUNDS);
			oks[nok].step = n;
			oks[nok].is_case = is_case;
			oks[nok++].round = rounds;
		}
	}
	print_message("# %d rounds, %d killed, %d reported success, "
	    "typical write %lld us\n", rounds, kills, nok,
	    (long long)typical);
	assert_true(kills >= KILLS_WANTED);

	/* The journal verifies. */
	st = run(verify, -1, out, sizeof(out));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_non_null(strstr(out, "journal intact"));

	/* The file is sound, and every reported step is there. */
	assert_int_equal(sqlite3_open_v2(db, &sq, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(sq, "PRAGMA integrity_check", -1,
	    &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "ok");
	sqlite3_finalize(stmt);
	expect_stored(sq, "SELECT subject FROM cases WHERE year = 2026 AND "
	    "seq = ?1", oks, nok, 1);
	/* Case numbers run 1..N without gaps or doubles. */
	assert_int_equal(sqlite3_prepare_v2(sq, "SELECT count(*), max(seq), "
	    "count(DISTINCT seq) FROM cases", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0),
	    sqlite3_column_int(stmt, 1));
	assert_int_equal(sqlite3_column_int(stmt, 0),
	    sqlite3_column_int(stmt, 2));
	sqlite3_finalize(stmt);
	expect_stored(sq, "SELECT json_extract(data, '$.summary') FROM steps "
	    "WHERE case_id = 'NIS-2026-0001' AND n = ?1", oks, nok, 0);
	/* Steps are numbered without gaps, each with its event. */
	assert_int_equal(sqlite3_prepare_v2(sq, "SELECT count(*), max(n), "
	    "(SELECT count(*) FROM events WHERE kind = 'inspection') "
	    "FROM steps", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	steps = sqlite3_column_int(stmt, 0);
	assert_int_equal(sqlite3_column_int(stmt, 1), steps);
	assert_int_equal(sqlite3_column_int(stmt, 2), steps);
	for (i = 0, n = 0; i < nok; i++)
		n += !oks[i].is_case;
	assert_true(steps >= n);
	sqlite3_finalize(stmt);
	sqlite3_close(sq);
	free(oks);
}

int
main(void)
{
	const char *root = getenv("TILSYN_BUILD_ROOT");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigkill_loop),
	};
	char cmd[256];
	int r;

	snprintf(bin, sizeof(bin), "%s/casefile/tilsyn-case",
	    root != NULL ? root : ".");
	snprintf(dir, sizeof(dir), "/tmp/tilsyn-crash.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(db, sizeof(db), "%s/crash.db", dir);
	r = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		r = 1;
	return r;
}
