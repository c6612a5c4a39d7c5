/*
 * tilsyn-scan against real directory and database servers on 127.0.0.1
 * through their own TLS preambles, each a private instance with its own
 * configuration and data in the test's directory (the packages' system
 * instances never run): OpenLDAP slapd (the StartTLS extended operation),
 * PostgreSQL (SSLRequest) and MariaDB (an SSLRequest packet in answer to
 * its greeting).  Each with TLS must come out exact, the versions and
 * suites its configuration allows (named there, derived here with the
 * openssl command); each without TLS must be refused with the server's
 * own words and exit status 3.
 *
 * PostgreSQL refuses to run as root: as root it runs as the package's
 * postgres user (setpriv), MariaDB as root with --user=root.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "itest.h"
#include "testsrv.h"

#define SLAPD	"/usr/sbin/slapd"
#define MARIADBD	"/usr/sbin/mariadbd"

/* The running test's server, stopped by the teardown whatever happened. */
static struct testsrv srv;
/* The last scan's result object, its "tls" member and exit status. */
static json_t *result, *tls;
static int status;

#define scan(...)	itest_scan(&result, &tls, &status, __VA_ARGS__)

/*
 * Every behavioural check ran through the preamble (the client speaks
 * first here) and reached a verdict: vulnerable exactly the checks named
 * in want (space-separated), the others not
 * vulnerable or not applicable; none inconclusive or not tested.
 */
static void
assert_vulns(const char *want)
{
	static const char *const checks[] = { "heartbleed", "ccs-injection",
	    "ticketbleed", "robot", "renegotiation", "fallback-scsv" };
	json_t *v = json_object_get(tls, "vulns");
	const char *st, *w;
	size_t i, n;
	int ok;

	assert_non_null(v);
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		st = json_string_value(json_object_get(json_object_get(v,
		    checks[i]), "state"));
		n = strlen(checks[i]);
		w = strstr(want, checks[i]);
		if (st == NULL)
			ok = 0;
		else if (w != NULL && (w[n] == ' ' || w[n] == '\0'))
			ok = strcmp(st, "vulnerable") == 0;
		else
			ok = strcmp(st, "not-vulnerable") == 0 ||
			    strcmp(st, "not-applicable") == 0;
		if (!ok)
			fail_msg("%s: %s (%s)", checks[i], st != NULL ? st :
			    "missing", json_string_value(json_object_get(
			    json_object_get(v, checks[i]), "detail")));
	}
}

/*
 * Refused: exit 3, error_kind protocol, the error as want says, no TLS
 * object, and one wave of connections at most (the no is not asked
 * again).
 */
static void
assert_refused(const char *service, const char *want)
{
	const char *err = json_string_value(json_object_get(result, "error"));

	assert_int_equal(status, 3);
	assert_string_equal(json_string_value(json_object_get(result,
	    "service")), service);
	assert_non_null(err);
	if (strcmp(err, want) != 0)
		fail_msg("error '%s', want '%s'", err, want);
	assert_string_equal(json_string_value(json_object_get(result,
	    "error_kind")), "protocol");
	assert_true(json_is_null(tls) || tls == NULL);
	assert_true(json_integer_value(json_object_get(result,
	    "connections")) <= 16);
}

/* A fresh server directory with a self-signed certificate for localhost. */
static void
server_dir(const char *program)
{
	if (access(program, X_OK) != 0)
		fail_msg("%s is not installed (tools/deps.sh installs it)",
		    program);
	assert_int_equal(testsrv_init(&srv), 0);
	/* PostgreSQL's user must pass through it. */
	assert_int_equal(chmod(srv.dir, 0711), 0);
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -sha256 "
	    "-newkey rsa:2048 -nodes -days 30 -subj /CN=localhost -addext "
	    "subjectAltName=DNS:localhost -keyout srv.key -out srv.pem "
	    "2>/dev/null", srv.dir), 0);
}

static void
write_file(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
write_file(const char *name, const char *fmt, ...)
{
	char text[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof(text));
	assert_int_equal(testsrv_write(&srv, name, text), 0);
}

/* OpenLDAP slapd ------------------------------------------------------- */

/*
 * Debian's slapd uses GnuTLS: TLS 1.2 only, ECDHE-RSA with AES-GCM, in
 * GnuTLS's priority syntax.
 */
#define SLAPD_PRIORITY	"NONE:+VERS-TLS1.2:+ECDHE-RSA:+AES-128-GCM:" \
	"+AES-256-GCM:+AEAD:+SIGN-ALL:+GROUP-ALL:+COMP-NULL"

/*
 * A private slapd: slapd.conf with one ldif database in the test's
 * directory, in the foreground (-d 0) so the teardown stops it by PID;
 * with a certificate and SLAPD_PRIORITY when tls, without any TLS
 * setting when not.
 */
static void
start_slapd(int with_tls)
{
	char cmd[1024];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	int port = testsrv_free_port();

	server_dir(SLAPD);
	assert_true(port > 0);
	assert_int_equal(testsrv_sh("mkdir '%s/db'", srv.dir), 0);
	write_file("slapd.conf",
	    "include /etc/ldap/schema/core.schema\n"
	    "pidfile %s/slapd.pid\n"
	    "argsfile %s/slapd.args\n"
	    "%s%s%s%s%s%s%s"
	    "database ldif\n"
	    "suffix \"dc=tilsyn,dc=invalid\"\n"
	    "directory %s/db\n",
	    srv.dir, srv.dir,
	    with_tls ? "TLSCertificateFile " : "", with_tls ? srv.dir : "",
	    with_tls ? "/srv.pem\nTLSCertificateKeyFile " : "",
	    with_tls ? srv.dir : "", with_tls ? "/srv.key\n" : "",
	    with_tls ? "TLSCipherSuite " SLAPD_PRIORITY : "",
	    with_tls ? "\n" : "", srv.dir);
	snprintf(cmd, sizeof(cmd), "exec " SLAPD " -f '%s/slapd.conf' -h "
	    "ldap://127.0.0.1:%d/ -d 0", srv.dir, port);
	assert_int_equal(testsrv_start(&srv, port, argv, 20000), 0);
}

/* slapd with a certificate: exact, through the StartTLS operation. */
static void
test_slapd(void **state)
{
	(void)state;
	start_slapd(1);
	scan("--ca-file %s/srv.pem ldap://localhost:%d", srv.dir, srv.port);
	itest_assert_exact(result, status, "ldap", "TLSv1.2");
	/*
	 * slapd (GnuTLS) lets the client renegotiate, as gnutls-serv does,
	 * and closes the connection after a varying number of them (its
	 * reads race the renegotiation): vulnerable either way.
	 */
	assert_vulns("renegotiation");
	itest_assert_suites(tls, "TLSv1.2", "openssl ciphers -stdname -s -tls1_2 "
	    "'ECDHE+AESGCM' | grep 'Au=RSA' | cut -d' ' -f1");
	/* LDAP's answer names no software. */
	assert_null(json_object_get(tls, "server_version"));
}

/* slapd without one answers protocolError. */
static void
test_slapd_no_tls(void **state)
{
	(void)state;
	start_slapd(0);
	scan("ldap://localhost:%d", srv.port);
	assert_refused("ldap", "LDAP server refused StartTLS: protocolError "
	    "(2): 'unsupported extended operation'");
}

/* PostgreSQL ------------------------------------------------------------ */

#define PG_CIPHERS	"ECDHE+AESGCM:ECDHE+CHACHA20"

/*
 * A private PostgreSQL: initdb into the test's directory, then postgres
 * in the foreground on 127.0.0.1 with its socket there too; as root both
 * run as the postgres user, who owns the data directory and the key.
 * ssl is "on" (with TLS 1.2 and later and PG_CIPHERS) or "off".
 */
static void
start_postgres(int ssl)
{
	char cmd[2048], as[128] = "";
	const char *argv[] = { "sh", "-c", cmd, NULL };
	int port = testsrv_free_port();

	server_dir("/bin/sh");
	assert_true(port > 0);
	if (geteuid() == 0)
		snprintf(as, sizeof(as), "setpriv --reuid=postgres "
		    "--regid=postgres --init-groups");
	if (testsrv_sh("ls -d /usr/lib/postgresql/*/bin/postgres >/dev/null "
	    "2>&1") != 0)
		fail_msg("PostgreSQL is not installed (tools/deps.sh installs "
		    "it)");
	assert_int_equal(testsrv_sh("cd '%s' && bin=$(ls -d "
	    "/usr/lib/postgresql/*/bin | sort -V | tail -n 1) && mkdir data && "
	    "{ [ -z '%s' ] || chown postgres data; } && %s \"$bin/initdb\" -D "
	    "'%s/data' -A trust -U postgres -E UTF8 --locale=C --no-sync "
	    ">initdb.log 2>&1 && cp srv.pem srv.key data/ && chmod 600 "
	    "data/srv.key && { [ -z '%s' ] || chown postgres data/srv.pem "
	    "data/srv.key; }", srv.dir, as, as, srv.dir, as), 0);
	snprintf(cmd, sizeof(cmd), "bin=$(ls -d /usr/lib/postgresql/*/bin | "
	    "sort -V | tail -n 1); exec %s \"$bin/postgres\" -D '%s/data' -k "
	    "'%s/data' -c port=%d -c listen_addresses=127.0.0.1 -c fsync=off "
	    "-c ssl=%s -c ssl_cert_file=srv.pem -c ssl_key_file=srv.key -c "
	    "ssl_min_protocol_version=TLSv1.2 -c ssl_ciphers='" PG_CIPHERS "'",
	    as, srv.dir, srv.dir, port, ssl ? "on" : "off");
	assert_int_equal(testsrv_start(&srv, port, argv, 20000), 0);
}

/* ssl=on: exact, through SSLRequest. */
static void
test_postgres(void **state)
{
	(void)state;
	start_postgres(1);
	scan("--ca-file %s/srv.pem postgres://localhost:%d", srv.dir,
	    srv.port);
	itest_assert_exact(result, status, "postgres", "TLSv1.2 TLSv1.3");
	assert_vulns("");
	itest_assert_suites(tls, "TLSv1.2", "openssl ciphers -stdname -s -tls1_2 '"
	    PG_CIPHERS "' | grep 'Au=RSA' | cut -d' ' -f1");
	itest_assert_suites(tls, "TLSv1.3", "openssl ciphers -stdname -s -tls1_3 | "
	    "cut -d' ' -f1");
	/* Nor does PostgreSQL's 'S'. */
	assert_null(json_object_get(tls, "server_version"));
}

/* ssl=off: 'N'. */
static void
test_postgres_no_tls(void **state)
{
	(void)state;
	start_postgres(0);
	scan("postgres://localhost:%d", srv.port);
	assert_refused("postgres", "PostgreSQL server refused SSLRequest: 'N' "
	    "(no TLS)");
}

/* MariaDB --------------------------------------------------------------- */

/*
 * A private MariaDB: mariadb-install-db into the test's directory (small
 * InnoDB files), then mariadbd on 127.0.0.1 with its socket there; TLS
 * 1.2 only with ECDHE and AES-GCM, or --skip-ssl.
 */
static void
start_mariadb(int ssl)
{
	char cmd[4096], opts[1024];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	const char *user = geteuid() == 0 ? "--user=root" : "";
	int port = testsrv_free_port();

	server_dir(MARIADBD);
	assert_true(port > 0);
	snprintf(opts, sizeof(opts), "--datadir='%s/data' %s "
	    "--innodb-log-file-size=4M --innodb-data-file-path=ibdata1:4M:"
	    "autoextend", srv.dir, user);
	assert_int_equal(testsrv_sh("cd '%s' && mariadb-install-db "
	    "--no-defaults %s --auth-root-authentication-method=normal "
	    "--skip-test-db >install.log 2>&1", srv.dir, opts), 0);
	snprintf(cmd, sizeof(cmd), "exec " MARIADBD " --no-defaults %s "
	    "--socket='%s/sock' --pid-file='%s/mariadbd.pid' "
	    "--log-error='%s/error.log' --port=%d --bind-address=127.0.0.1 "
	    "--skip-name-resolve --innodb-buffer-pool-size=8M %s%s%s%s%s",
	    opts, srv.dir, srv.dir, srv.dir, port,
	    ssl ? "--ssl-cert=" : "--skip-ssl", ssl ? srv.dir : "",
	    ssl ? "/srv.pem --ssl-key=" : "", ssl ? srv.dir : "",
	    ssl ? "/srv.key --tls-version=TLSv1.2 --ssl-cipher=ECDHE+AESGCM" :
	    "");
	assert_int_equal(testsrv_start(&srv, port, argv, 20000), 0);
}

/*
 * The version MariaDB's greeting names: its own, after "5.5.5-" (which
 * old MySQL clients need to see a version 5 server).
 */
static void
mariadb_version(char *buf, size_t len)
{
	char *v = itest_capture(MARIADBD " --version | sed -n "
	    "'s/.*Ver \\([^ ]*\\) .*/\\1/p' | tr -d '\\n'", NULL);

	assert_true(strlen(v) > 0);
	snprintf(buf, len, "5.5.5-%s", v);
	free(v);
}

/* With TLS: exact, through the SSLRequest packet; the version reported. */
static void
test_mariadb(void **state)
{
	char version[128];

	(void)state;
	start_mariadb(1);
	scan("--ca-file %s/srv.pem mysql://localhost:%d", srv.dir, srv.port);
	itest_assert_exact(result, status, "mysql", "TLSv1.2");
	assert_vulns("");
	itest_assert_suites(tls, "TLSv1.2", "openssl ciphers -stdname -s -tls1_2 "
	    "'ECDHE+AESGCM' | grep 'Au=RSA' | cut -d' ' -f1");
	mariadb_version(version, sizeof(version));
	assert_string_equal(json_string_value(json_object_get(tls,
	    "server_version")), version);
}

/* --skip-ssl: no CLIENT_SSL in the greeting, whose version is named. */
static void
test_mariadb_no_tls(void **state)
{
	char version[128], want[256];

	(void)state;
	start_mariadb(0);
	scan("mysql://localhost:%d", srv.port);
	mariadb_version(version, sizeof(version));
	snprintf(want, sizeof(want), "the server offers no TLS: MySQL "
	    "greeting without CLIENT_SSL ('%s')", version);
	assert_refused("mysql", want);
}

/* Ports, schemes and nmap ------------------------------------------------ */

/*
 * The three services by scheme (with their default ports), by port
 * without one, and by nmap's service name (unless nmap saw TLS at
 * once, as on ldaps 636).  All outside the scope: nothing is sent.
 */
static void
test_services(void **state)
{
	char cmd[2048], *got;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	write_file("db.xml",
	    "<?xml version=\"1.0\"?>\n"
	    "<nmaprun scanner=\"nmap\" args=\"nmap -sV -oX db.xml 192.0.2.7\" "
	    "start=\"1796605282\" version=\"7.93\" xmloutputversion=\"1.05\">\n"
	    "<host><status state=\"up\" reason=\"syn-ack\" reason_ttl=\"0\"/>\n"
	    "<address addr=\"192.0.2.7\" addrtype=\"ipv4\"/>\n<ports>\n"
	    "<port protocol=\"tcp\" portid=\"10389\"><state state=\"open\"/>"
	    "<service name=\"ldap\" method=\"probed\" conf=\"10\"/></port>\n"
	    "<port protocol=\"tcp\" portid=\"15432\"><state state=\"open\"/>"
	    "<service name=\"postgresql\" method=\"probed\" conf=\"10\"/>"
	    "</port>\n"
	    "<port protocol=\"tcp\" portid=\"13306\"><state state=\"open\"/>"
	    "<service name=\"mysql\" method=\"probed\" conf=\"10\"/></port>\n"
	    "<port protocol=\"tcp\" portid=\"636\"><state state=\"open\"/>"
	    "<service name=\"ldap\" tunnel=\"ssl\" method=\"probed\" "
	    "conf=\"10\"/></port>\n"
	    "</ports></host></nmaprun>\n");
	snprintf(cmd, sizeof(cmd), "'%s' --skip-out-of-scope --scope "
	    "10.0.0.0/8 -q -o json -f '%s/db.xml' ldap://192.0.2.7 "
	    "postgres://192.0.2.7 mysql://192.0.2.7 192.0.2.7:389 "
	    "192.0.2.7:5432 192.0.2.7:3306 | grep -o '\"target\":\"[^\"]*\","
	    "\"host\":\"[^\"]*\",\"ip\":\"[^\"]*\",\"port\":[0-9]*,"
	    "\"service\":\"[a-z]*\"' | "
	    "sed 's/\"host\":[^,]*,\"ip\":[^,]*,//' | LC_ALL=C sort",
	    itest_scanner, srv.dir);
	got = itest_capture(cmd, NULL);
	assert_string_equal(got,
	    "\"target\":\"192.0.2.7:3306\",\"port\":3306,"
	    "\"service\":\"mysql\"\n"
	    "\"target\":\"192.0.2.7:389\",\"port\":389,"
	    "\"service\":\"ldap\"\n"
	    "\"target\":\"192.0.2.7:5432\",\"port\":5432,"
	    "\"service\":\"postgres\"\n"
	    "\"target\":\"ldap://192.0.2.7\",\"port\":389,"
	    "\"service\":\"ldap\"\n"
	    "\"target\":\"ldap://192.0.2.7:10389\",\"port\":10389,"
	    "\"service\":\"ldap\"\n"
	    "\"target\":\"mysql://192.0.2.7\",\"port\":3306,"
	    "\"service\":\"mysql\"\n"
	    "\"target\":\"mysql://192.0.2.7:13306\",\"port\":13306,"
	    "\"service\":\"mysql\"\n"
	    "\"target\":\"postgres://192.0.2.7\",\"port\":5432,"
	    "\"service\":\"postgres\"\n"
	    "\"target\":\"postgres://192.0.2.7:15432\",\"port\":15432,"
	    "\"service\":\"postgres\"\n"
	    "\"target\":\"tls://192.0.2.7:636\",\"port\":636,"
	    "\"service\":\"tls\"\n");
	free(got);
}

/* Stops the test's server whether the test passed or not. */
static int
stop_server(void **state)
{
	(void)state;
	testsrv_stop(&srv);
	json_decref(result);
	result = tls = NULL;
	return 0;
}

#define T(f)	cmocka_unit_test_teardown(f, stop_server)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_slapd),
		T(test_slapd_no_tls),
		T(test_postgres),
		T(test_postgres_no_tls),
		T(test_mariadb),
		T(test_mariadb_no_tls),
		T(test_services),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
