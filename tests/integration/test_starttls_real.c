/*
 * tilsyn-scan against real mail, FTP, chat and news servers on 127.0.0.1,
 * each a private instance with its own configuration in the test's
 * directory (the packages' system instances never run): Postfix smtpd,
 * Postfix behind postscreen (a 6 s pause inside its multi-line greeting),
 * Dovecot IMAP, POP3, LMTP and ManageSieve, vsftpd with AUTH TLS, vsftpd
 * with a limit of two connections per address, Prosody (XMPP client and
 * server streams) and InspIRCd (IRC STARTTLS); NNTP through the scripted
 * starttls-server, Debian's INN needing a resolvable FQDN to install.
 * Each scan must come out exact, the protocol versions and suites that
 * the server's configuration allows (derived here from that configuration
 * with the openssl command), or as an error with exit status 3: never as
 * a partial list with exit 0.  A server of another protocol is named.
 */
#include <sys/types.h>
#include <sys/stat.h>
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

#include "itest.h"
#include "testsrv.h"

#define POSTFIX_MASTER	"/usr/lib/postfix/sbin/master"
/* Dovecot's LMTP with ssl = no, asked for STARTTLS. */
#define LMTP_NOSSL	"server refused STARTTLS: '502 5.5.1 TLS support is not " \
	"enabled.'"


/* The running test's server, stopped by the teardown whatever happened. */
static struct testsrv srv;
/* The last scan's result object, its "tls" member and exit status. */
static json_t *result, *tls;
static int status;

#define scan(...)	itest_scan(&result, &tls, &status, __VA_ARGS__)

/* A scan that failed: exit 3, this error_kind and exactly this error. */
static void
assert_error(const char *kind, const char *want)
{
	const char *err = json_string_value(json_object_get(result, "error"));
	const char *k = json_string_value(json_object_get(result,
	    "error_kind"));

	if (status != 3 || err == NULL || k == NULL || strcmp(err, want) != 0 ||
	    strcmp(k, kind) != 0)
		fail_msg("want exit 3, %s '%s'; got exit %d, %s '%s'", kind,
		    want, status, k != NULL ? k : "(null)",
		    err != NULL ? err : "(null)");
}

/* The test PKI: a self-signed RSA-2048 certificate for localhost. */
static void
make_cert(void)
{
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -sha256 "
	    "-newkey rsa:2048 -nodes -days 30 -subj /CN=localhost -addext "
	    "subjectAltName=DNS:localhost -keyout srv.key -out srv.pem "
	    "2>/dev/null", srv.dir), 0);
}

/*
 * A fresh server directory with the certificate.  Postfix and Dovecot
 * drop privileges: their users must be able to pass through it.
 */
static void
server_dir(const char *program)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1 || test "
	    "-x %s", program, program);
	if (system(cmd) != 0)
		fail_msg("%s is not installed (tools/deps.sh installs it)",
		    program);
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(chmod(srv.dir, 0711), 0);
	make_cert();
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

/* Postfix ------------------------------------------------------------ */

/*
 * TLS 1.2 and later, ECDHE with AES-GCM or ChaCha20 for TLS 1.2 (Postfix
 * uses tls_high_cipherlist for smtpd_tls_ciphers = high); TLS 1.3 keeps
 * OpenSSL's default suites.
 */
#define POSTFIX_CIPHERS	"ECDHE+AESGCM:ECDHE+CHACHA20"

/* What smtpd needs besides itself: logging, rate counters, maps, TLS. */
#define POSTFIX_SERVICES \
	"postlog unix-dgram n - n - 1 postlogd\n" \
	"anvil unix - - n - 1 anvil\n" \
	"proxymap unix - - n - - proxymap\n" \
	"tlsmgr unix - - n 1000? 1 tlsmgr\n"

/*
 * A private Postfix: main.cf and master.cf in the test's directory, the
 * queue and data directories under it, started in the foreground
 * (master -d) so that the test stops it by PID.  With postscreen, the
 * port goes to postscreen, which greets with "220-" and waits
 * postscreen_greet_wait (6 s) before smtpd sends the final "220 " line,
 * and drops (521) a client that talks before that.  extra adds main.cf
 * lines.
 */
static void
start_postfix(int postscreen, const char *extra)
{
	char cmd[2048];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	int port = testsrv_free_port();

	server_dir(POSTFIX_MASTER);
	assert_true(port > 0);
	assert_int_equal(testsrv_sh("cd '%s' && mkdir queue data && chown "
	    "postfix data", srv.dir), 0);
	write_file("main.cf",
	    "compatibility_level = 3.6\n"
	    "inet_interfaces = 127.0.0.1\n"
	    "inet_protocols = ipv4\n"
	    "myhostname = mx.tilsyn.invalid\n"
	    "mydestination =\n"
	    "alias_maps =\n"
	    "alias_database =\n"
	    "local_recipient_maps =\n"
	    "queue_directory = %s/queue\n"
	    "data_directory = %s/data\n"
	    "maillog_file = %s/maillog\n"
	    "maillog_file_prefixes = %s\n"
	    "smtpd_peername_lookup = no\n"
	    "smtp_dns_support_level = disabled\n"
	    "smtpd_tls_security_level = may\n"
	    "smtpd_tls_cert_file = %s/srv.pem\n"
	    "smtpd_tls_key_file = %s/srv.key\n"
	    "smtpd_tls_protocols = >=TLSv1.2\n"
	    "smtpd_tls_ciphers = high\n"
	    "tls_high_cipherlist = " POSTFIX_CIPHERS "\n"
	    /* Loopback is in mynetworks: without this it would skip the
	       tests, and the pause. */
	    "postscreen_access_list =\n"
	    "postscreen_greet_banner = $smtpd_banner\n"
	    "postscreen_greet_wait = 6s\n"
	    "postscreen_greet_action = drop\n"
	    "postscreen_cache_map = btree:$data_directory/postscreen_cache\n"
	    "%s",
	    srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, extra);
	if (postscreen)
		write_file("master.cf",
		    "127.0.0.1:%d inet n - n - 1 postscreen\n"
		    "smtpd pass - - n - - smtpd\n"
		    "dnsblog unix - - n - 0 dnsblog\n"
		    "tlsproxy unix - - n - 0 tlsproxy\n"
		    POSTFIX_SERVICES, port);
	else
		write_file("master.cf",
		    "127.0.0.1:%d inet n - n - - smtpd\n"
		    POSTFIX_SERVICES, port);
	/* postfix check makes the queue's subdirectories; exec: the
	   master is the process the teardown signals. */
	snprintf(cmd, sizeof(cmd), "postfix -c '%s' check >/dev/null 2>&1; "
	    "exec " POSTFIX_MASTER " -c '%s' -d", srv.dir, srv.dir);
	assert_int_equal(testsrv_start(&srv, port, argv, 20000), 0);
}

/* What Postfix's configuration allows (see POSTFIX_CIPHERS). */
static void
assert_postfix_exact(void)
{
	itest_assert_exact(result, status, "smtp", "TLSv1.2 TLSv1.3");
	itest_assert_suites(tls, "TLSv1.2", "openssl ciphers -stdname -s -tls1_2 '"
	    POSTFIX_CIPHERS "' | grep 'Au=RSA' | cut -d' ' -f1");
	itest_assert_suites(tls, "TLSv1.3", "openssl ciphers -stdname -s -tls1_3 | "
	    "cut -d' ' -f1");
}

/* Postfix smtpd with STARTTLS: exact. */
static void
test_postfix(void **state)
{
	(void)state;
	start_postfix(0, "");
	scan("--ca-file %s/srv.pem smtp://localhost:%d", srv.dir, srv.port);
	assert_postfix_exact();
	/* Its greeting says ESMTP: not an FTP or LMTP server. */
	scan("--ca-file %s/srv.pem ftp://localhost:%d", srv.dir, srv.port);
	assert_error("protocol", "the server speaks SMTP, not FTP");
	scan("--ca-file %s/srv.pem lmtp://localhost:%d", srv.dir, srv.port);
	assert_error("protocol", "the server speaks SMTP, not LMTP");
}

/*
 * A server that pushed back: either exact after retries (exact() checks
 * it) or exit 3 with error_kind "throttled", never a partial exit 0.
 */
static void
assert_exact_or_throttled(void (*exact)(void))
{
	const char *kind, *err;

	if (status != 3) {
		exact();
		return;
	}
	err = json_string_value(json_object_get(result, "error"));
	kind = json_string_value(json_object_get(result, "error_kind"));
	if (err == NULL || kind == NULL || strcmp(kind, "throttled") != 0)
		fail_msg("exit 3 without error_kind throttled: '%s'",
		    err != NULL ? err : "(null)");
}

/*
 * Postfix limiting each client to two connections at once (loopback is
 * exempt by default): a third one is told "421 4.7.0 ... Error: too many
 * connections from 127.0.0.1" before any STARTTLS.
 */
static void
test_postfix_client_limit(void **state)
{
	(void)state;
	start_postfix(0, "smtpd_client_connection_count_limit = 2\n"
	    "smtpd_client_event_limit_exceptions =\n");
	scan("--ca-file %s/srv.pem smtp://localhost:%d", srv.dir, srv.port);
	assert_exact_or_throttled(assert_postfix_exact);
}

/*
 * Postfix behind postscreen.  With a greeting timeout shorter than its
 * pause the scan fails and says where it stalled.  With the defaults the
 * scanner waits out the 6 s pause inside the greeting (the greeting
 * timeout is longer than the read timeout) without a word before its
 * end: postscreen logs PREGREET for a client that talks early, and drops
 * it.
 */
static void
test_postscreen(void **state)
{
	const char *err;
	char *log, cmd[1024];
	json_int_t ms;

	(void)state;
	start_postfix(1, "");
	scan("--greeting-timeout 3 --ca-file %s/srv.pem smtp://localhost:%d",
	    srv.dir, srv.port);
	assert_int_equal(status, 3);
	assert_non_null(err = json_string_value(json_object_get(result,
	    "error")));
	if (strstr(err, "SMTP greeting incomplete after 3 s (1 line "
	    "without the last)") == NULL)
		fail_msg("error '%s'", err);
	assert_string_equal(json_string_value(json_object_get(result,
	    "error_kind")), "timeout");

	scan("--ca-file %s/srv.pem smtp://localhost:%d", srv.dir, srv.port);
	assert_postfix_exact();
	/* The pause was there: this scan did wait for it. */
	ms = json_integer_value(json_object_get(result, "duration_ms"));
	assert_true(ms >= 6000);
	snprintf(cmd, sizeof(cmd), "grep -c 'PREGREET' '%s/maillog'; "
	    "grep -c 'PASS NEW' '%s/maillog'", srv.dir, srv.dir);
	log = itest_capture(cmd, NULL);
	/* No early talker; at least one client passed the pause. */
	assert_int_equal(atoi(log), 0);
	assert_true(atoi(strchr(log, '\n') + 1) >= 1);
	free(log);
}

/* Dovecot --------------------------------------------------------------- */

/*
 * A private Dovecot with IMAP and POP3 on two ports, its state under the
 * test's directory; TLS settings at Dovecot's defaults (ssl_min_protocol
 * TLSv1.2, its ssl_cipher_list) and Debian's DH parameters, as Debian's
 * own configuration has.  No login is needed: only the greeting and
 * STARTTLS / STLS.
 */
static void
start_dovecot(int *imap, int *pop3, int dh)
{
	char cmd[1024];
	const char *argv[] = { "sh", "-c", cmd, NULL };

	server_dir("dovecot");
	*imap = testsrv_free_port();
	*pop3 = testsrv_free_port();
	assert_true(*imap > 0 && *pop3 > 0 && *imap != *pop3);
	write_file("dovecot.conf",
	    "base_dir = %s/run\n"
	    "state_dir = %s/state\n"
	    "log_path = %s/dovecot.log\n"
	    "listen = 127.0.0.1\n"
	    "protocols = imap pop3\n"
	    "ssl = yes\n"
	    "ssl_cert = <%s/srv.pem\n"
	    "ssl_key = <%s/srv.key\n"
	    "%s"
	    "passdb {\n  driver = static\n  args = nopassword=y\n}\n"
	    "userdb {\n  driver = static\n"
	    "  args = uid=nobody gid=nogroup home=%s/home\n}\n"
	    "service imap-login {\n"
	    "  inet_listener imap {\n    port = %d\n  }\n"
	    "  inet_listener imaps {\n    port = 0\n  }\n}\n"
	    "service pop3-login {\n"
	    "  inet_listener pop3 {\n    port = %d\n  }\n"
	    "  inet_listener pop3s {\n    port = 0\n  }\n}\n",
	    srv.dir, srv.dir, srv.dir, srv.dir, srv.dir,
	    dh ? "ssl_dh = </usr/share/dovecot/dh.pem\n" : "", srv.dir, *imap,
	    *pop3);
	snprintf(cmd, sizeof(cmd), "exec dovecot -F -c '%s/dovecot.conf'",
	    srv.dir);
	assert_int_equal(testsrv_start(&srv, *imap, argv, 20000), 0);
}

/* The TLS 1.2 suites Dovecot's configuration allows with an RSA key. */
static void
assert_dovecot_suites(int dh)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "openssl ciphers -stdname -s -tls1_2 "
	    "\"$(doveconf -c '%s/dovecot.conf' -h ssl_cipher_list)\" | "
	    "grep 'Au=RSA' | %s cut -d' ' -f1", srv.dir,
	    dh ? "" : "grep -v 'Kx=DH ' |");
	itest_assert_suites(tls, "TLSv1.2", cmd);
	itest_assert_suites(tls, "TLSv1.3", "openssl ciphers -stdname -s -tls1_3 | "
	    "cut -d' ' -f1");
}

/* Dovecot IMAP (STARTTLS) and POP3 (STLS): exact, both. */
static void
test_dovecot(void **state)
{
	char cmd[512], *min;
	int imap, pop3;

	(void)state;
	start_dovecot(&imap, &pop3, 1);
	snprintf(cmd, sizeof(cmd), "doveconf -c '%s/dovecot.conf' -h "
	    "ssl_min_protocol", srv.dir);
	min = itest_capture(cmd, NULL);
	/* The versions below follow from it. */
	assert_string_equal(min, "TLSv1.2\n");
	free(min);
	scan("--ca-file %s/srv.pem imap://localhost:%d", srv.dir, imap);
	itest_assert_exact(result, status, "imap", "TLSv1.2 TLSv1.3");
	assert_dovecot_suites(1);
	assert_int_equal(json_array_size(json_object_get(tls, "dhe_failed")),
	    0);
	scan("--ca-file %s/srv.pem pop3://localhost:%d", srv.dir, pop3);
	itest_assert_exact(result, status, "pop3", "TLSv1.2 TLSv1.3");
	assert_dovecot_suites(1);
	/* Each port asked for the other's protocol. */
	scan("--ca-file %s/srv.pem pop3://localhost:%d", srv.dir, imap);
	assert_error("protocol", "the server speaks IMAP, not POP3");
	scan("--ca-file %s/srv.pem imap://localhost:%d", srv.dir, pop3);
	assert_error("protocol", "the server speaks POP3, not IMAP");
}

/*
 * Dovecot without ssl_dh picks a DHE suite of a client that offers one
 * first and then closes (it has no DH parameters): every other suite and
 * the version are still found, and the DHE failure is told.
 */
static void
test_dovecot_no_dh(void **state)
{
	json_t *dhe;
	int imap, pop3;

	(void)state;
	start_dovecot(&imap, &pop3, 0);
	scan("--no-vuln --ca-file %s/srv.pem imap://localhost:%d", srv.dir,
	    imap);
	itest_assert_exact(result, status, "imap", "TLSv1.2 TLSv1.3");
	assert_dovecot_suites(0);
	dhe = json_object_get(tls, "dhe_failed");
	assert_int_equal(json_array_size(dhe), 1);
	assert_string_equal(json_string_value(json_array_get(dhe, 0)),
	    "TLSv1.2");
}

/*
 * A private Dovecot with LMTP and ManageSieve (Pigeonhole) on two ports,
 * TLS as in start_dovecot(), or none with ssl = no.
 */
static void
start_dovecot_lmtp_sieve(int ssl, int *lmtp, int *sieve)
{
	char cmd[1024];
	const char *argv[] = { "sh", "-c", cmd, NULL };

	server_dir("dovecot");
	*lmtp = testsrv_free_port();
	*sieve = testsrv_free_port();
	assert_true(*lmtp > 0 && *sieve > 0 && *lmtp != *sieve);
	write_file("dovecot.conf",
	    "base_dir = %s/run\n"
	    "state_dir = %s/state\n"
	    "log_path = %s/dovecot.log\n"
	    "listen = 127.0.0.1\n"
	    "protocols = lmtp sieve\n"
	    "ssl = %s\n"
	    "ssl_cert = <%s/srv.pem\n"
	    "ssl_key = <%s/srv.key\n"
	    "ssl_dh = </usr/share/dovecot/dh.pem\n"
	    "passdb {\n  driver = static\n  args = nopassword=y\n}\n"
	    "userdb {\n  driver = static\n"
	    "  args = uid=nobody gid=nogroup home=%s/home\n}\n"
	    "service lmtp {\n"
	    "  unix_listener lmtp {\n    mode = 0\n  }\n"
	    "  inet_listener lmtp {\n    address = 127.0.0.1\n"
	    "    port = %d\n  }\n}\n"
	    "service managesieve-login {\n"
	    "  inet_listener sieve {\n    port = %d\n  }\n}\n",
	    srv.dir, srv.dir, srv.dir, ssl ? "yes" : "no", srv.dir, srv.dir,
	    srv.dir, *lmtp, *sieve);
	snprintf(cmd, sizeof(cmd), "exec dovecot -F -c '%s/dovecot.conf'",
	    srv.dir);
	assert_int_equal(testsrv_start(&srv, *sieve, argv, 20000), 0);
}

/*
 * Dovecot LMTP (LHLO, STARTTLS) and ManageSieve (its capabilities, then
 * STARTTLS): exact, both.  Dovecot's LMTP greeting names no protocol,
 * so EHLO is what fails there (with a hint); the ManageSieve capability
 * list is named.
 */
static void
test_dovecot_lmtp_sieve(void **state)
{
	int lmtp, sieve;

	(void)state;
	start_dovecot_lmtp_sieve(1, &lmtp, &sieve);
	scan("--ca-file %s/srv.pem lmtp://localhost:%d", srv.dir, lmtp);
	itest_assert_exact(result, status, "lmtp", "TLSv1.2 TLSv1.3");
	assert_dovecot_suites(1);
	scan("--ca-file %s/srv.pem sieve://localhost:%d", srv.dir, sieve);
	itest_assert_exact(result, status, "sieve", "TLSv1.2 TLSv1.3");
	assert_dovecot_suites(1);
	scan("--ca-file %s/srv.pem smtp://localhost:%d", srv.dir, lmtp);
	assert_error("protocol", "SMTP EHLO refused (an LMTP server? try "
	    "lmtp://): '500 5.5.1 Unknown command'");
	scan("--ca-file %s/srv.pem ftp://localhost:%d", srv.dir, sieve);
	assert_error("protocol", "the server speaks ManageSieve, not FTP");
}

/* The same without TLS: ManageSieve offers no STARTTLS, LMTP refuses it. */
static void
test_dovecot_lmtp_sieve_nossl(void **state)
{
	int lmtp, sieve;

	(void)state;
	start_dovecot_lmtp_sieve(0, &lmtp, &sieve);
	scan("--ca-file %s/srv.pem sieve://localhost:%d", srv.dir, sieve);
	assert_error("protocol", "ManageSieve server does not offer "
	    "STARTTLS: 'OK \"Dovecot (Debian) ready.\"'");
	scan("--ca-file %s/srv.pem lmtp://localhost:%d", srv.dir, lmtp);
	assert_error("protocol", LMTP_NOSSL);
}

/* vsftpd ------------------------------------------------------------ */

#define VSFTPD_CIPHERS	"HIGH"

/*
 * A private vsftpd (standalone, in the foreground) with AUTH TLS and
 * ssl_ciphers HIGH; anonymous login only, never used.  extra adds lines
 * (max_per_ip).  Its sandboxes need namespaces and seccomp, which a
 * container may not give: they are off, it only serves the preamble.
 */
static void
start_vsftpd(const char *extra)
{
	char cmd[512];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	int port = testsrv_free_port();

	server_dir("vsftpd");
	assert_true(port > 0);
	assert_int_equal(testsrv_sh("cd '%s' && mkdir empty ftp", srv.dir),
	    0);
	write_file("vsftpd.conf",
	    "listen=YES\n"
	    "listen_ipv6=NO\n"
	    "listen_address=127.0.0.1\n"
	    "listen_port=%d\n"
	    "background=NO\n"
	    "anonymous_enable=YES\n"
	    "anon_root=%s/ftp\n"
	    "local_enable=NO\n"
	    "write_enable=NO\n"
	    "secure_chroot_dir=%s/empty\n"
	    "ssl_enable=YES\n"
	    "rsa_cert_file=%s/srv.pem\n"
	    "rsa_private_key_file=%s/srv.key\n"
	    "ssl_ciphers=" VSFTPD_CIPHERS "\n"
	    "seccomp_sandbox=NO\n"
	    "isolate=NO\n"
	    "isolate_network=NO\n"
	    "xferlog_enable=NO\n"
	    "vsftpd_log_file=%s/vsftpd.log\n"
	    "%s",
	    port, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, extra);
	snprintf(cmd, sizeof(cmd), "exec vsftpd '%s/vsftpd.conf'", srv.dir);
	assert_int_equal(testsrv_start(&srv, port, argv, 20000), 0);
}

/*
 * What vsftpd's configuration allows: it leaves the versions to OpenSSL,
 * whose default security level cannot sign a TLS 1.0 or 1.1 handshake
 * (alert internal_error), and it sets no DH parameters, so OpenSSL
 * offers no DHE suite.
 */
static void
assert_vsftpd_exact(void)
{
	itest_assert_exact(result, status, "ftp", "TLSv1.2 TLSv1.3");
	itest_assert_suites(tls, "TLSv1.2", "openssl ciphers -stdname -s -tls1_2 '"
	    VSFTPD_CIPHERS "' | grep 'Au=RSA' | grep -v '_DHE_' | "
	    "cut -d' ' -f1");
	itest_assert_suites(tls, "TLSv1.3", "openssl ciphers -stdname -s -tls1_3 | "
	    "cut -d' ' -f1");
}

/* vsftpd with AUTH TLS: exact. */
static void
test_vsftpd(void **state)
{
	(void)state;
	start_vsftpd("");
	scan("--ca-file %s/srv.pem ftp://localhost:%d", srv.dir, srv.port);
	assert_vsftpd_exact();
	scan("--ca-file %s/srv.pem smtp://localhost:%d", srv.dir, srv.port);
	assert_error("protocol", "the server speaks FTP, not SMTP");
}

/*
 * vsftpd with max_per_ip=2 answers "421 There are too many connections
 * from your internet address" to a third connection at once, which the
 * scanner's default --per-host 4 opens.  Those hellos were never sent:
 * the scan must retry them (and slow down) until it is exact, or say it
 * was throttled and exit 3.
 */
static void
test_vsftpd_max_per_ip(void **state)
{
	(void)state;
	start_vsftpd("max_per_ip=2\n");
	scan("--ca-file %s/srv.pem ftp://localhost:%d", srv.dir, srv.port);
	assert_exact_or_throttled(assert_vsftpd_exact);
}

/* Prosody ------------------------------------------------------------ */

#define PROSODY_CIPHERS	"ECDHE+AESGCM"

/*
 * A private Prosody (in the foreground, its data under the test's
 * directory) with one VirtualHost "localhost", client and server streams
 * on two ports, TLS 1.2 and later with PROSODY_CIPHERS.  No account, no
 * DNS: only the stream features and <starttls/> are asked for.
 */
static void
start_prosody(int *c2s, int *s2s)
{
	char cmd[1024];
	const char *argv[] = { "sh", "-c", cmd, NULL };

	server_dir("prosody");
	*c2s = testsrv_free_port();
	*s2s = testsrv_free_port();
	assert_true(*c2s > 0 && *s2s > 0 && *c2s != *s2s);
	assert_int_equal(testsrv_sh("mkdir '%s/data' '%s/certs'", srv.dir,
	    srv.dir), 0);
	write_file("prosody.cfg.lua",
	    "data_path = \"%s/data\"\n"
	    "certificates = \"%s/certs\"\n"
	    "pidfile = \"%s/prosody.pid\"\n"
	    "run_as_root = true\n"
	    "interfaces = { \"127.0.0.1\" }\n"
	    "c2s_ports = { %d }\n"
	    "s2s_ports = { %d }\n"
	    "c2s_direct_tls_ports = { }\n"
	    "s2s_direct_tls_ports = { }\n"
	    "legacy_ssl_ports = { }\n"
	    "http_ports = { }\n"
	    "https_ports = { }\n"
	    "component_ports = { }\n"
	    "log = { { levels = { min = \"info\" }, to = \"file\", "
	    "filename = \"%s/prosody.log\" } }\n"
	    "modules_enabled = { \"tls\", \"saslauth\", \"dialback\" }\n"
	    "modules_disabled = { \"posix\" }\n"
	    "c2s_require_encryption = true\n"
	    "s2s_require_encryption = true\n"
	    "authentication = \"internal_hashed\"\n"
	    "ssl = { key = \"%s/srv.key\", certificate = \"%s/srv.pem\", "
	    "protocol = \"tlsv1_2+\", ciphers = \"" PROSODY_CIPHERS "\" }\n"
	    "VirtualHost \"localhost\"\n",
	    srv.dir, srv.dir, srv.dir, *c2s, *s2s, srv.dir, srv.dir, srv.dir);
	snprintf(cmd, sizeof(cmd), "exec prosody --config "
	    "'%s/prosody.cfg.lua'", srv.dir);
	assert_int_equal(testsrv_start(&srv, *c2s, argv, 20000), 0);
}

/* What Prosody's ssl settings allow, for an RSA key. */
static void
assert_prosody_suites(void)
{
	itest_assert_suites(tls, "TLSv1.2", "openssl ciphers -stdname -s -tls1_2 '"
	    PROSODY_CIPHERS "' | grep 'Au=RSA' | cut -d' ' -f1");
	itest_assert_suites(tls, "TLSv1.3", "openssl ciphers -stdname -s -tls1_3 | "
	    "cut -d' ' -f1");
}

/*
 * Prosody: the client and the server stream, exact, with to='localhost';
 * an address it does not serve is a stream error, a stream of the other
 * kind or another protocol's first words are named.
 */
static void
test_prosody(void **state)
{
	int c2s, s2s;

	(void)state;
	start_prosody(&c2s, &s2s);
	scan("--ca-file %s/srv.pem xmpp://localhost:%d", srv.dir, c2s);
	itest_assert_exact(result, status, "xmpp", "TLSv1.2 TLSv1.3");
	assert_prosody_suites();
	scan("--ca-file %s/srv.pem xmpp-server://localhost:%d", srv.dir, s2s);
	itest_assert_exact(result, status, "xmpp-server", "TLSv1.2 TLSv1.3");
	assert_prosody_suites();
	scan("--ca-file %s/srv.pem xmpp://127.0.0.1:%d", srv.dir, c2s);
	assert_error("protocol", "XMPP stream error: host-unknown");
	scan("--ca-file %s/srv.pem xmpp://localhost:%d", srv.dir, s2s);
	assert_error("protocol", "the server's stream is jabber:server, not "
	    "jabber:client (try xmpp-server://)");
	scan("--ca-file %s/srv.pem irc://localhost:%d", srv.dir, c2s);
	assert_error("protocol", "the server speaks XMPP, not IRC");
}

/* InspIRCd ----------------------------------------------------------- */

/*
 * GnuTLS's priority for the STARTTLS profile: TLS 1.2 and 1.3, ECDHE-RSA
 * with AES-GCM; the suites it makes, in IANA's names.
 */
#define INSPIRCD_PRIORITY "NONE:+VERS-TLS1.2:+VERS-TLS1.3:+ECDHE-RSA:" \
	"+AES-128-GCM:+AES-256-GCM:+AEAD:+SIGN-ALL:+GROUP-ALL:+COMP-NULL:" \
	"+CTYPE-X509"
#define INSPIRCD_TLS12	"echo TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; " \
	"echo TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
#define INSPIRCD_TLS13	"echo TLS_AES_128_GCM_SHA256; " \
	"echo TLS_AES_256_GCM_SHA384"

/*
 * A private InspIRCd in the foreground, clients on one port, no host
 * name lookups, the cap module; with starttls, also the ssl_gnutls and
 * starttls modules (the IRCv3 tls capability).
 */
static void
start_inspircd(int starttls)
{
	char cmd[1024];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	int port;

	server_dir("inspircd");
	assert_true((port = testsrv_free_port()) > 0);
	write_file("inspircd.conf",
	    "<path configdir=\"%s\" datadir=\"%s\" logdir=\"%s\">\n"
	    "<pid file=\"%s/inspircd.pid\">\n"
	    "<server name=\"irc.tilsyn.test\" description=\"tilsyn\" "
	    "network=\"tilsyn\">\n"
	    "<admin name=\"t\" nick=\"t\" email=\"t@tilsyn.invalid\">\n"
	    "<bind address=\"127.0.0.1\" port=\"%d\" type=\"clients\">\n"
	    "<connect name=\"main\" allow=\"*\" localmax=\"1000\" "
	    "globalmax=\"1000\" maxconnwarn=\"off\" resolvehostnames=\"no\" "
	    "useident=\"no\" limit=\"5000\" timeout=\"20\">\n"
	    "<dns timeout=\"1\" server=\"127.0.0.1\">\n"
	    "<performance clonesonconnect=\"no\" timeskipwarn=\"0\">\n"
	    "<log method=\"file\" type=\"*\" level=\"default\" "
	    "target=\"%s/ircd.log\">\n"
	    "%s",
	    srv.dir, srv.dir, srv.dir, srv.dir, port, srv.dir, !starttls ?
	    "<module name=\"cap\">\n" :
	    "<module name=\"cap\">\n"
	    "<module name=\"ssl_gnutls\">\n"
	    "<module name=\"starttls\">\n"
	    "<starttls provider=\"gnutls\">\n");
	if (starttls)
		assert_int_equal(testsrv_sh("printf '<sslprofile name=\"gnutls\" "
		    "provider=\"gnutls\" certfile=\"%%s\" keyfile=\"%%s\" "
		    "priority=\"%%s\" hash=\"sha256\" "
		    "requestclientcert=\"no\">\\n' '%s/srv.pem' '%s/srv.key' "
		    "'" INSPIRCD_PRIORITY "' >> '%s/inspircd.conf'", srv.dir,
		    srv.dir, srv.dir), 0);
	snprintf(cmd, sizeof(cmd), "exec inspircd --nofork --runasroot "
	    "--config '%s/inspircd.conf'", srv.dir);
	assert_int_equal(testsrv_start(&srv, port, argv, 20000), 0);
}

/*
 * InspIRCd: CAP LS, STARTTLS, 670: exact; without the starttls module
 * the tls capability is missing.  (Asked for an XMPP stream it says
 * nothing until its registration timeout closes the link with IRC's
 * ERROR, which is named, but only after that timeout: not tested here.)
 */
static void
test_inspircd(void **state)
{
	(void)state;
	start_inspircd(1);
	scan("--ca-file %s/srv.pem irc://localhost:%d", srv.dir, srv.port);
	itest_assert_exact(result, status, "irc", "TLSv1.2 TLSv1.3");
	itest_assert_suites(tls, "TLSv1.2", INSPIRCD_TLS12);
	itest_assert_suites(tls, "TLSv1.3", INSPIRCD_TLS13);
	testsrv_stop(&srv);
	start_inspircd(0);
	scan("--ca-file %s/srv.pem irc://localhost:%d", srv.dir, srv.port);
	assert_error("protocol", "IRC server does not offer STARTTLS (no tls "
	    "capability): ':irc.tilsyn.test CAP * LS :inspircd.org/poison "
	    "inspircd.org/standard-replies'");
}

/* NNTP (scripted) ------------------------------------------------------ */

/*
 * NNTP through starttls-server: CAPABILITIES (a 101 list), STARTTLS,
 * 382, then OpenSSL's TLS 1.2 with ECDHE+AESGCM: exact; with --refuse
 * the 580 is the answer.
 */
static void
test_nntp_scripted(void **state)
{
	int refuse;

	(void)state;
	for (refuse = 0; refuse < 2; refuse++) {
		server_dir("python3");
		itest_start_script(&srv, "starttls-server", "--proto nntp "
		    "%s--cert srv.pem --key srv.key", refuse ? "--refuse " : "");
		scan("--ca-file %s/srv.pem nntp://localhost:%d", srv.dir,
		    srv.port);
		if (refuse) {
			assert_error("protocol", "server refused STARTTLS: "
			    "'580 Can not initiate TLS negotiation'");
			break;
		}
		itest_assert_exact(result, status, "nntp", "TLSv1.2");
		itest_assert_suites(tls, "TLSv1.2", "openssl ciphers -stdname -s -tls1_2 "
		    "'ECDHE+AESGCM' | grep 'Au=RSA' | cut -d' ' -f1");
		/* An NNTP greeting is not SMTP's. */
		scan("--ca-file %s/srv.pem smtp://localhost:%d", srv.dir,
		    srv.port);
		assert_error("protocol", "the server speaks NNTP, not SMTP");
		testsrv_stop(&srv);
	}
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
		T(test_postfix),
		T(test_postfix_client_limit),
		T(test_postscreen),
		T(test_dovecot),
		T(test_dovecot_no_dh),
		T(test_dovecot_lmtp_sieve),
		T(test_dovecot_lmtp_sieve_nossl),
		T(test_vsftpd),
		T(test_vsftpd_max_per_ip),
		T(test_prosody),
		T(test_inspircd),
		T(test_nntp_scripted),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
