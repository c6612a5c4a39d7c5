/*
 * Baseline profiles against real servers on 127.0.0.1: nginx with
 * Mozilla's intermediate settings passes mozilla-intermediate and fails
 * mozilla-modern; openssl s_server with every suite and TLS 1.0 fails
 * bsi-tr-02102-2 naming its rules; a hardened sshd passes ssh-hardened
 * and a default one fails it.  The run header names the profile with the
 * SHA-256 of its file, as sha256sum computes it.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "itest.h"
#include "testsrv.h"

static struct testsrv srv;

static int
stop_server(void **state)
{
	(void)state;
	testsrv_stop(&srv);
	return 0;
}

/*
 * Scans args with --profile name: the result's profile object (the
 * caller's), after checking the run header names the same profile and
 * the file's SHA-256.
 */
static json_t *judge(const char *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static json_t *
judge(const char *name, const char *fmt, ...)
{
	char args[1024], cmd[2048], *out, *sum;
	json_t **v, *run = NULL, *res = NULL, *pf;
	va_list ap;
	size_t n, i;
	int status;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "%s -o json --profile %s %s", itest_scanner,
	    name, args);
	out = itest_capture(cmd, &status);
	v = itest_lines(out, &n, cmd);
	for (i = 0; i < n; i++) {
		const char *t = json_string_value(json_object_get(v[i],
		    "type"));

		if (strcmp(t, "run") == 0)
			run = v[i];
		else if (strcmp(t, "result") == 0 && res == NULL)
			res = v[i];
	}
	assert_non_null(run);
	assert_non_null(res);
	assert_true(json_is_null(json_object_get(res, "error")));
	snprintf(cmd, sizeof(cmd), "sha256sum '%s/scanner/profiles/%s.xml' | "
	    "cut -c1-64 | tr -d '\\n'", itest_srcroot, name);
	sum = itest_capture(cmd, &status);
	assert_int_equal(status, 0);
	pf = json_object_get(run, "profile");
	assert_string_equal(json_string_value(json_object_get(pf, "name")),
	    name);
	assert_string_equal(json_string_value(json_object_get(pf, "sha256")),
	    sum);
	pf = json_object_get(res, "profile");
	assert_string_equal(json_string_value(json_object_get(pf, "name")),
	    name);
	assert_string_equal(json_string_value(json_object_get(pf, "sha256")),
	    sum);
	json_incref(pf);
	free(sum);
	itest_lines_free(v, n);
	free(out);
	return pf;
}

/* The verdict is want and the failed rules (sorted) are ids. */
static void
assert_verdict(json_t *pf, const char *want, const char *ids)
{
	char *got, *p;

	assert_string_equal(json_string_value(json_object_get(pf, "verdict")),
	    want);
	got = itest_lines_of(json_object_get(pf, "failed"), 1);
	for (p = got; *p != '\0'; p++)
		if (*p == '\n')
			*p = p[1] == '\0' ? '\0' : ' ';
	assert_string_equal(got, ids);
	free(got);
	json_decref(pf);
}

/* What tilsyn-scan with the arguments (and a pipe) prints; the caller's. */
static char *__attribute__((format(printf, 1, 2)))
scan_out(const char *fmt, ...)
{
	char args[1024], cmd[2048];
	va_list ap;
	int status;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "%s %s", itest_scanner, args);
	return itest_capture(cmd, &status);
}

/* sha256sum of a shipped profile; the caller's. */
static char *
sha_of(const char *name)
{
	char cmd[1024];
	int status;

	snprintf(cmd, sizeof(cmd), "sha256sum '%s/scanner/profiles/%s.xml' | "
	    "cut -c1-64 | tr -d '\\n'", itest_srcroot, name);
	return itest_capture(cmd, &status);
}

/* A self-signed RSA certificate srv.pem / srv.key for localhost. */
static void
make_cert(void)
{
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey "
	    "rsa:2048 -nodes -days 30 -subj /CN=localhost -addext "
	    "subjectAltName=DNS:localhost -keyout srv.key -out srv.pem "
	    "2>/dev/null", srv.dir), 0);
}

#define MOZ_INTERMEDIATE "ECDHE-ECDSA-AES128-GCM-SHA256:" \
	"ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:" \
	"ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:" \
	"ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:" \
	"DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305"

static void
test_nginx_mozilla(void **state)
{
	const char *argv[] = { "nginx", "-c", "{DIR}/nginx.conf", "-p",
	    "{DIR}", NULL };
	char conf[4096], want[512], *out, *sum;
	int port;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	assert_int_equal(testsrv_sh("openssl genpkey -genparam -algorithm DH "
	    "-pkeyopt group:ffdhe2048 -out '%s/dh.pem' 2>/dev/null", srv.dir),
	    0);
	port = testsrv_free_port();
	snprintf(conf, sizeof(conf),
	    "daemon off;\nworker_processes 1;\npid {D}/nginx.pid;\n"
	    "error_log {D}/error.log;\nevents { worker_connections 64; }\n"
	    "http {\n access_log off;\n client_body_temp_path {D};\n"
	    " proxy_temp_path {D};\n fastcgi_temp_path {D};\n"
	    " uwsgi_temp_path {D};\n scgi_temp_path {D};\n"
	    " server {\n  listen 127.0.0.1:%d ssl;\n"
	    "  ssl_certificate {D}/srv.pem;\n  ssl_certificate_key {D}/srv.key;\n"
	    "  ssl_protocols TLSv1.2 TLSv1.3;\n"
	    "  ssl_ecdh_curve X25519:prime256v1:secp384r1;\n"
	    "  ssl_ciphers " MOZ_INTERMEDIATE ";\n"
	    "  ssl_prefer_server_ciphers off;\n  ssl_dhparam {D}/dh.pem;\n"
	    "  location / { return 204; }\n }\n}\n", port);
	/* {D}: the server's directory, filled in by sed. */
	assert_int_equal(testsrv_write(&srv, "nginx.in", conf), 0);
	assert_int_equal(testsrv_sh("cd '%s' && sed 's|{D}|%s|g' nginx.in "
	    "> nginx.conf", srv.dir, srv.dir), 0);
	assert_int_equal(testsrv_start(&srv, port, argv, 10000), 0);
	assert_verdict(judge("mozilla-intermediate", "--ca-file %s/srv.pem "
	    "localhost:%d", srv.dir, srv.port), "pass", "");
	/* Nor does the default profile name an attack on it. */
	assert_verdict(judge("tilsyn", "--ca-file %s/srv.pem localhost:%d",
	    srv.dir, srv.port), "pass", "");
	/* TLS 1.2, its suites and the RSA certificate are not modern. */
	assert_verdict(judge("mozilla-modern", "--ca-file %s/srv.pem "
	    "localhost:%d", srv.dir, srv.port), "fail",
	    "cert-key-type tls-suites-outside tls-tls12");
	/* The same verdict in XML and in the text report. */
	out = scan_out("-o xml --profile mozilla-modern --ca-file %s/srv.pem "
	    "localhost:%d | xmllint --xpath 'concat(//target/profile/verdict, "
	    "\" \", count(//target/profile/failed), \" \", "
	    "//summary/profile/@fail)' -", srv.dir, srv.port);
	assert_string_equal(out, "fail 3 1\n");
	free(out);
	out = scan_out("--profile mozilla-intermediate --ca-file %s/srv.pem "
	    "localhost:%d | grep -E '^  profile '", srv.dir, srv.port);
	sum = sha_of("mozilla-intermediate");
	snprintf(want, sizeof(want), "  profile mozilla-intermediate 5.7: "
	    "pass\n  profile      mozilla-intermediate 5.7 (sha256 %s): "
	    "1 pass, 0 fail, 0 no verdict\n", sum);
	assert_string_equal(out, want);
	free(sum);
	free(out);
}

static void
test_s_server_bsi(void **state)
{
	char cmd[1024];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	json_t *pf;
	char *got;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_cert();
	snprintf(cmd, sizeof(cmd), "cd '%s' && exec openssl s_server -accept "
	    "127.0.0.1:{PORT} -naccept 100000 -quiet -cert srv.pem -key "
	    "srv.key -cipher 'ALL:@SECLEVEL=0' -tls1", srv.dir);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
	pf = judge("bsi-tr-02102-2", "--ca-file %s/srv.pem localhost:%d",
	    srv.dir, srv.port);
	got = itest_lines_of(json_object_get(pf, "failed"), 1);
	/*
	 * TLS 1.0 only, its suites, x25519 and a 2048-bit DH group and RSA
	 * key (BSI: NIST and Brainpool curves, 3000 bits).
	 */
	assert_string_equal(got, "cert-rsa-weak\ntls-dh-weak\n"
	    "tls-groups-outside\ntls-suites-outside\ntls-tls10\n");
	free(got);
	assert_verdict(pf, "fail", "cert-rsa-weak tls-dh-weak "
	    "tls-groups-outside tls-suites-outside tls-tls10");
	/*
	 * The default profile names the attacks TLS 1.0 with CBC opens
	 * (BEAST, LUCKY13), Logjam for the 1024-bit group OpenSSL picks
	 * for anonymous DH (no certificate to size it by), and none that
	 * needs what OpenSSL 3.0 cannot play (SSLv3, 3DES, export, SSLv2).
	 */
	assert_verdict(judge("tilsyn", "--ca-file %s/srv.pem localhost:%d",
	    srv.dir, srv.port), "fail", "tls-anon-suites tls-beast "
	    "tls-dh-weak tls-logjam tls-lucky13 tls-no-forward-secrecy "
	    "tls-tls10");
	/* The CVE in the text report and in the XML. */
	got = scan_out("--ca-file %s/srv.pem localhost:%d | grep -E "
	    "'^    (low|medium|high) +tls-(beast|lucky13):' | sed 's/: .* (/ (/'",
	    srv.dir, srv.port);
	assert_string_equal(got, "    low      tls-beast (CVE-2011-3389; "
	    "§ 6, stk. 2, nr. 8)\n    low      tls-lucky13 (CVE-2013-0169; "
	    "§ 6, stk. 2, nr. 8)\n");
	free(got);
	got = scan_out("-o xml --ca-file %s/srv.pem localhost:%d | xmllint "
	    "--xpath 'concat(//finding[@id=\"tls-beast\"]/@cve, \" \", "
	    "count(//finding[@id=\"tls-tls10\"]/@cve))' -", srv.dir,
	    srv.port);
	assert_string_equal(got, "CVE-2011-3389 0\n");
	free(got);
}

/* sshd on loopback with an ed25519 host key and the extra lines. */
static void
start_sshd(const char *keyspec, const char *extra)
{
	const char *argv[] = { "/usr/sbin/sshd", "-D", "-e", "-f",
	    "{DIR}/sshd_config", NULL };
	char conf[2048];
	int port;

	(void)mkdir("/run/sshd", 0755);
	assert_int_equal(testsrv_init(&srv), 0);
	assert_true((port = testsrv_free_port()) > 0);
	assert_int_equal(testsrv_sh("ssh-keygen -q -t %s -N '' -C test -f "
	    "'%s/key'", keyspec, srv.dir), 0);
	snprintf(conf, sizeof(conf), "ListenAddress 127.0.0.1\nPort %d\n"
	    "PidFile %s/sshd.pid\nUsePAM no\nAuthorizedKeysFile none\n"
	    "HostKey %s/key\n%s", port, srv.dir, srv.dir, extra);
	assert_int_equal(testsrv_write(&srv, "sshd_config", conf), 0);
	assert_int_equal(testsrv_start(&srv, port, argv, 10000), 0);
}

static void
test_sshd_hardened(void **state)
{
	(void)state;
	start_sshd("ed25519",
	    "KexAlgorithms sntrup761x25519-sha512@openssh.com,"
	    "curve25519-sha256\n"
	    "Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,"
	    "aes128-gcm@openssh.com\n"
	    "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com\n"
	    "HostKeyAlgorithms ssh-ed25519\n"
	    "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
	    "AuthenticationMethods publickey\n");
	assert_verdict(judge("ssh-hardened", "ssh://127.0.0.1:%d", srv.port),
	    "pass", "");
}

static void
test_sshd_default(void **state)
{
	json_t *pf;
	char *got;

	(void)state;
	start_sshd("ed25519", "");
	pf = judge("ssh-hardened", "ssh://127.0.0.1:%d", srv.port);
	got = itest_lines_of(json_object_get(pf, "failed"), 1);
	/* OpenSSH's defaults keep NIST-curve kex, ecdsa and SHA-1 MACs. */
	assert_non_null(strstr(got, "ssh-kex-outside\n"));
	assert_non_null(strstr(got, "ssh-mac-outside\n"));
	assert_non_null(strstr(got, "ssh-auth-password\n"));
	free(got);
	assert_string_equal(json_string_value(json_object_get(pf, "verdict")),
	    "fail");
	json_decref(pf);
}

#define T(f)	cmocka_unit_test_teardown(f, stop_server)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_nginx_mozilla),
		T(test_s_server_bsi),
		T(test_sshd_hardened),
		T(test_sshd_default),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
