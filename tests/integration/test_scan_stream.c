/*
 * tilsyn-scan's streaming (issue 9): results are written in the order
 * targets finish, each with its place in the input, between a run line
 * and a summary line; the same run goes to several output files at once;
 * SIGTERM ends a run within a second or two with every finished result
 * written, the target in flight reported as interrupted, and a summary.
 * A real openssl s_server answers; the scripted legacy-tls-server in its
 * "silent" mode (accepts, reads, never answers) is the target that does
 * not finish.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "itest.h"
#include "testsrv.h"

static struct testsrv fast, silent;

static void
start_servers(void)
{
	char cmd[1024];
	const char *s_argv[] = { "openssl", "s_server", "-accept",
	    "127.0.0.1:{PORT}", "-cert", "{DIR}/srv.pem", "-key",
	    "{DIR}/srv.key", "-tls1_3", "-quiet", "-naccept", "1000", NULL };
	const char *l_argv[] = { cmd, "--hostile", "silent", "{PORT}", NULL };

	assert_int_equal(testsrv_init(&fast), 0);
	assert_int_equal(testsrv_sh("openssl req -x509 -newkey rsa:2048 "
	    "-nodes -keyout '%s/srv.key' -out '%s/srv.pem' -subj /CN=localhost "
	    "-days 2 2>/dev/null", fast.dir, fast.dir), 0);
	assert_int_equal(testsrv_start(&fast, 0, s_argv, 10000), 0);
	snprintf(cmd, sizeof(cmd), "%s/tests/servers/legacy-tls-server",
	    itest_srcroot);
	assert_int_equal(testsrv_init(&silent), 0);
	assert_int_equal(testsrv_start(&silent, 0, l_argv, 10000), 0);
}

static int
stop_servers(void **state)
{
	(void)state;
	testsrv_stop(&fast);
	testsrv_stop(&silent);
	return 0;
}

static const char *
str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static long long
num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/*
 * Runs the scanner with args (a NULL-terminated list after the binary),
 * stdout into a pipe; when term_after_first, sends SIGTERM once the first
 * result line has arrived and sets *after to the seconds from the signal
 * to the end.  Returns stdout; *status is the exit status.
 */
static char *
run_scanner(const char *const *args, int term_after_first, double *after,
    int *status)
{
	char *out = NULL, buf[65536];
	size_t len = 0;
	ssize_t r;
	int fds[2], st, termed = 0;
	double t_sig = 0;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	assert_true((pid = fork()) != -1);
	if (pid == 0) {
		const char *argv[32];
		size_t i = 0;

		argv[i++] = itest_scanner;
		while (*args != NULL && i < 31)
			argv[i++] = *args++;
		argv[i] = NULL;
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(itest_scanner, (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		r = read(fds[0], buf, sizeof(buf));
		if (r <= 0)
			break;
		assert_non_null(out = realloc(out, len + (size_t)r + 1));
		memcpy(out + len, buf, (size_t)r);
		len += (size_t)r;
		out[len] = '\0';
		if (term_after_first && !termed &&
		    strstr(out, "\"type\":\"result\"") != NULL &&
		    strchr(strstr(out, "\"type\":\"result\""), '\n') != NULL) {
			t_sig = itest_now();
			assert_int_equal(kill(pid, SIGTERM), 0);
			termed = 1;
		}
	}
	close(fds[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (after != NULL)
		*after = termed ? itest_now() - t_sig : -1;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (out == NULL)
		assert_non_null(out = strdup(""));
	return out;
}

/* Completion order, input positions, run and summary lines. */
static void
test_order(void **state)
{
	char t1[64], t2[64], *out;
	const char *args[] = { "-o", "json", "--per-host", "16",
	    "--timeout", "1.5", "--target-timeout", "3", t1, t2, NULL };
	json_t **v;
	size_t n;
	int status;

	(void)state;
	start_servers();
	snprintf(t1, sizeof(t1), "127.0.0.1:%d", silent.port);
	snprintf(t2, sizeof(t2), "127.0.0.1:%d", fast.port);
	out = run_scanner(args, 0, NULL, &status);
	v = itest_lines(out, &n, "tilsyn-scan");
	assert_int_equal(n, 4);
	assert_string_equal(str(v[0], "type"), "run");
	assert_string_equal(str(v[0], "scanner"), "tilsyn-scan");
	assert_int_equal(num(v[0], "schema"), 1);
	assert_int_equal(num(v[0], "targets"), 2);
	assert_int_equal(json_array_size(json_object_get(v[0], "argv")), 11);
	/* The fast one (second in the input) is written first. */
	assert_string_equal(str(v[1], "type"), "result");
	assert_int_equal(num(v[1], "index"), 1);
	assert_true(json_is_null(json_object_get(v[1], "error")));
	assert_true(json_is_object(json_object_get(v[1], "tls")));
	assert_true(json_is_null(json_object_get(v[1], "ssh")));
	assert_int_equal(num(v[2], "index"), 0);
	assert_string_equal(str(v[2], "error_kind"), "timeout");
	assert_string_equal(str(v[3], "type"), "summary");
	assert_int_equal(num(v[3], "results"), 2);
	assert_int_equal(num(v[3], "scanned"), 1);
	assert_int_equal(num(v[3], "failed"), 1);
	assert_int_equal(num(json_object_get(v[3], "errors"), "timeout"), 1);
	assert_int_equal(num(v[3], "exit"), 3);
	assert_int_equal(status, 3);
	itest_lines_free(v, n);
	free(out);
}

/* One run, three files and stdout, each a whole report. */
static void
test_output_files(void **state)
{
	char t1[64], jpath[300], xpath[300], tpath[300], cmd[2048];
	char *out, *file;
	const char *args[] = { "-o", "json", "--json", jpath, "--xml", xpath,
	    "--text", tpath, t1, NULL };
	size_t n;
	FILE *f;
	int status;

	(void)state;
	start_servers();
	snprintf(t1, sizeof(t1), "127.0.0.1:%d", fast.port);
	snprintf(jpath, sizeof(jpath), "%s/out.jsonl", fast.dir);
	snprintf(xpath, sizeof(xpath), "%s/out.xml", fast.dir);
	snprintf(tpath, sizeof(tpath), "%s/out.txt", fast.dir);
	out = run_scanner(args, 0, NULL, &status);
	assert_non_null(f = fopen(jpath, "r"));
	assert_non_null(file = calloc(1, 1 << 20));
	n = fread(file, 1, (1 << 20) - 1, f);
	fclose(f);
	file[n] = '\0';
	/* The JSON file is what stdout got, byte for byte. */
	assert_string_equal(file, out);
	free(file);
	snprintf(cmd, sizeof(cmd), "xmllint --xpath 'concat(count(/tilsyn-scan"
	    "/target), \" \", /tilsyn-scan/summary/@results, \" \", "
	    "count(/tilsyn-scan/run/argv/arg))' '%s' | grep -qx '1 1 10' && "
	    "grep -q '^summary$' '%s' && grep -q '^  scanned      1$' '%s'",
	    xpath, tpath, tpath);
	assert_int_equal(testsrv_sh("%s", cmd), 0);
	assert_true(status == 0 || status == 1);
	free(out);
}

/*
 * SIGTERM once the first result is out: the run ends within a second or
 * two, not at its 30 s read timeout; the silent target is written as
 * interrupted; the summary says so; exit 3.
 */
static void
test_sigterm(void **state)
{
	char t1[64], t2[64], *out;
	const char *args[] = { "-o", "json", "--per-host", "16",
	    "--timeout", "30", "--target-timeout", "60", t1, t2, NULL };
	json_t **v;
	double after;
	size_t n;
	int status;

	(void)state;
	start_servers();
	snprintf(t1, sizeof(t1), "127.0.0.1:%d", silent.port);
	snprintf(t2, sizeof(t2), "127.0.0.1:%d", fast.port);
	out = run_scanner(args, 1, &after, &status);
	v = itest_lines(out, &n, "tilsyn-scan");
	assert_int_equal(n, 4);
	assert_int_equal(num(v[1], "index"), 1);
	assert_true(json_is_null(json_object_get(v[1], "error")));
	assert_int_equal(num(v[2], "index"), 0);
	assert_string_equal(str(v[2], "error_kind"), "interrupted");
	assert_string_equal(str(v[3], "type"), "summary");
	assert_true(json_is_true(json_object_get(v[3], "interrupted")));
	assert_int_equal(num(v[3], "results"), 2);
	assert_int_equal(status, 3);
	if (after > 3.0)
		fail_msg("took %.1f s after SIGTERM", after);
	itest_lines_free(v, n);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_order, stop_servers),
		cmocka_unit_test_teardown(test_output_files, stop_servers),
		cmocka_unit_test_teardown(test_sigterm, stop_servers),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
