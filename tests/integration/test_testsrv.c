/*
 * The test-server helper itself, against a real openssl s_server: it must
 * find a free loopback port, see the server listen, and stop it by PID.
 */
#include <sys/types.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testsrv.h"

/* An s_server on {addr}:{PORT} with a fresh P-256 key, started. */
static void
start_s_server(struct testsrv *srv, const char *addr)
{
	const char *argv[] = { "openssl", "s_server", "-accept", addr,
	    "-cert", "{DIR}/cert.pem", "-key", "{DIR}/key.pem", "-naccept",
	    "100", "-quiet", NULL };

	assert_int_equal(testsrv_sh("openssl req -x509 -newkey ec "
	    "-pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=t "
	    "-keyout %s/key.pem -out %s/cert.pem 2>/dev/null",
	    srv->dir, srv->dir), 0);
	assert_int_equal(testsrv_start(srv, 0, argv, 10000), 0);
}

static void
test_start_and_stop_openssl(void **state)
{
	struct testsrv srv;
	pid_t pid;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	start_s_server(&srv, "127.0.0.1:{PORT}");
	assert_true(srv.port > 0);
	pid = srv.pid;
	assert_true(pid > 0);
	assert_int_equal(kill(pid, 0), 0);
	testsrv_stop(&srv);
	assert_int_equal(srv.pid, -1);
	assert_int_equal(kill(pid, 0), -1);
}

/* With ipv6 set it picks a port on ::1 and waits there. */
static void
test_ipv6_loopback(void **state)
{
	struct testsrv srv;

	(void)state;
	assert_true(testsrv_free_port6() > 0);
	assert_int_equal(testsrv_init(&srv), 0);
	srv.ipv6 = 1;
	start_s_server(&srv, "[::1]:{PORT}");
	assert_true(srv.port > 0);
	/* It listens on ::1 only: 127.0.0.1 on that port refuses. */
	assert_int_equal(testsrv_sh("bash -c 'exec 3<>/dev/tcp/::1/%d' "
	    "2>/dev/null", srv.port), 0);
	assert_int_not_equal(testsrv_sh("bash -c "
	    "'exec 3<>/dev/tcp/127.0.0.1/%d' 2>/dev/null", srv.port), 0);
	testsrv_stop(&srv);
	assert_int_equal(srv.pid, -1);
}

static void
test_early_exit_is_reported(void **state)
{
	struct testsrv srv;
	const char *argv[] = { "false", NULL };

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_start(&srv, 0, argv, 3000), -1);
	testsrv_stop(&srv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_and_stop_openssl),
		cmocka_unit_test(test_ipv6_loopback),
		cmocka_unit_test(test_early_exit_is_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
