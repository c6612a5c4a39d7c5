/*
 * tilsyn-scan against real TLS servers on 127.0.0.1: openssl s_server in
 * several configurations, gnutls-serv, nginx, and the scripted legacy and
 * hostile servers.  Expected suite sets are derived independently of the
 * scanner (openssl ciphers -stdname for the s_server cipher strings), the
 * test PKI is made here with the openssl command, and the scanner's JSON
 * Lines output is compared exactly.
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
#include <cmocka.h>

#include <jansson.h>

#include "itest.h"
#include "testsrv.h"

/*
 * The server of the running test.  File-scope so that the teardown stops
 * it even when an assertion ends the test early.
 */
static struct testsrv srv;

/*
 * The last scan: its object, the object's "tls" member and the exit
 * status.  Valid until the next scan; the teardown frees them.
 */
static json_t *result, *tls;
static int status;

#define scan(...)	itest_scan(&result, &tls, &status, __VA_ARGS__)

/*
 * Every field tilsyn-scan(1) lists is in the object, null where unknown,
 * and nothing else at the top level: a consumer may index any of them.
 */
static void
assert_all_fields(json_t *o)
{
	static const char *top[] = { "type", "index", "target", "host",
	    "ip", "port", "service", "sni", "started", "duration_ms",
	    "connections", "error", "error_kind", "tls", "ssh", "findings",
	    "profile" };
	static const char *tls_fields[] = { "versions", "suites",
	    "server_order", "groups", "dh_bits", "dh_prime", "certificates",
	    "chains",
	    "certificate_error", "chain_valid", "verify_error", "hostname_match", "ocsp_stapled",
	    "secure_renegotiation", "compression", "fallback_scsv",
	    "fallback_scsv_reason", "dhe_failed", "floor" };
	json_t *t;
	size_t i;

	for (i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		if (json_object_get(o, top[i]) == NULL)
			fail_msg("field '%s' missing", top[i]);
	assert_int_equal(json_object_size(o), sizeof(top) / sizeof(top[0]));
	t = json_object_get(o, "tls");
	if (json_is_null(t))
		return;
	for (i = 0; i < sizeof(tls_fields) / sizeof(tls_fields[0]); i++)
		if (json_object_get(t, tls_fields[i]) == NULL)
			fail_msg("field 'tls.%s' missing", tls_fields[i]);
	assert_int_equal(json_object_size(t),
	    sizeof(tls_fields) / sizeof(tls_fields[0]));
}

static json_t *
path(json_t *o, const char *a, const char *b)
{
	json_t *x = json_object_get(o, a);

	return b == NULL ? x : json_object_get(x, b);
}

/* Asserts the sorted set of finding ids, e.g. "tls-tls10 tls-tls11". */
static void
assert_findings(json_t *o, const char *want)
{
	json_t *fs = json_object_get(o, "findings"), *ids;
	char *got, *p;
	size_t i;

	assert_true(json_is_array(fs));
	ids = json_array();
	for (i = 0; i < json_array_size(fs); i++) {
		json_t *f = json_array_get(fs, i);

		assert_non_null(json_string_value(json_object_get(f,
		    "severity")));
		assert_non_null(json_string_value(json_object_get(f,
		    "evidence")));
		assert_non_null(strstr(json_string_value(json_object_get(f,
		    "basis")), "§ 6, stk. 2, nr."));
		json_array_append(ids, json_object_get(f, "id"));
	}
	got = itest_lines_of(ids, 1);
	for (p = got; *p != '\0'; p++)
		if (*p == '\n')
			*p = p[1] == '\0' ? '\0' : ' ';
	assert_string_equal(got, want);
	free(got);
	json_decref(ids);
}

/* A self-signed RSA certificate for cn, signed with digest md. */
static void
make_rsa_cert_md(const struct testsrv *ts, const char *name, int bits,
    const char *cn, const char *md)
{
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -%s "
	    "-newkey rsa:%d -nodes -days 30 -subj /CN=%s -addext "
	    "subjectAltName=DNS:%s -keyout %s.key -out %s.pem 2>/dev/null",
	    ts->dir, md, bits, cn, cn, name, name), 0);
}

static void
make_rsa_cert(const struct testsrv *ts, const char *name, int bits,
    const char *cn)
{
	make_rsa_cert_md(ts, name, bits, cn, "sha256");
}

/*
 * A self-signed certificate for localhost valid from start to end
 * (YYYYMMDDHHMMSSZ), which only `openssl ca` can date freely.
 */
static void
make_dated_cert(const struct testsrv *ts, const char *name,
    const char *start, const char *end)
{
	assert_int_equal(testsrv_write(ts, "ca.cnf", "[ca]\ndefault_ca = d\n"
	    "[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n"
	    "default_md = sha256\npolicy = p\nunique_subject = no\n"
	    "[p]\ncommonName = supplied\n"), 0);
	assert_int_equal(testsrv_sh("cd '%s' && touch index.txt && "
	    "echo 01 > serial && openssl req -new -newkey rsa:2048 -nodes "
	    "-subj /CN=localhost -keyout %s.key -out %s.csr 2>/dev/null && "
	    "openssl ca -batch -config ca.cnf -selfsign -keyfile %s.key "
	    "-in %s.csr -out %s.pem -startdate %s -enddate %s "
	    ">/dev/null 2>&1", ts->dir, name, name, name, name, name, start,
	    end), 0);
}

/* The evidence of finding id, which must be there. */
static const char *
evidence_of(json_t *o, const char *id)
{
	json_t *f = itest_finding(o, id);

	if (f == NULL)
		fail_msg("no finding %s", id);
	return json_string_value(json_object_get(f, "evidence"));
}

/* The CVE ids of finding id (which must be there), joined by spaces. */
static void
assert_cves(json_t *o, const char *id, const char *want)
{
	json_t *f = itest_finding(o, id), *c;
	char got[256] = "";
	size_t k;

	if (f == NULL)
		fail_msg("no finding %s", id);
	c = json_object_get(f, "cve");
	assert_true(json_is_array(c));
	for (k = 0; k < json_array_size(c); k++) {
		if (k > 0)
			strcat(got, " ");
		strcat(got, json_string_value(json_array_get(c, k)));
	}
	assert_string_equal(got, want);
}

/*
 * openssl s_server on the test server's port, with the certificate and
 * key name.pem and name.key of its directory, and the options extra.
 */
static void
s_server(const char *name, const char *extra)
{
	char cmd[2048];
	const char *argv[] = { "sh", "-c", cmd, NULL };

	/* exec: the server is the process testsrv_stop() signals. */
	snprintf(cmd, sizeof(cmd), "cd '%s' && exec openssl s_server -accept "
	    "127.0.0.1:{PORT} -naccept 100000 -quiet -cert %s.pem -key %s.key "
	    "%s", srv.dir, name, name, extra);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
}

/* A fresh test server: s_server with an RSA-2048 certificate srv.pem. */
static void
rsa_s_server(const char *extra)
{
	assert_int_equal(testsrv_init(&srv), 0);
	make_rsa_cert(&srv, "srv", 2048, "localhost");
	s_server("srv", extra);
}

/* The first certificate of the last scan. */
static json_t *
first_cert(void)
{
	return json_array_get(json_object_get(tls, "certificates"), 0);
}

/* A string field of the last scan's first certificate. */
static const char *
cert_str(const char *key)
{
	return json_string_value(json_object_get(first_cert(), key));
}

/* TLS 1.3 only, a chosen suite list with CCM, in the server's order. */
static void
test_s_server_tls13(void **state)
{
	json_t *o;

	(void)state;
	rsa_s_server("-tls1_3 -serverpref -ciphersuites TLS_AES_128_CCM_SHA256:"
	    "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384:"
	    "TLS_AES_128_CCM_8_SHA256");
	o = scan("--no-vuln --ca-file %s/srv.pem localhost:%d", srv.dir,
	    srv.port);
	assert_true(json_is_null(json_object_get(o, "error")));
	assert_string_equal(json_string_value(json_object_get(o, "ip")),
	    "127.0.0.1");
	itest_assert_versions(json_object_get(o, "tls"), "TLSv1.3");
	assert_true(json_is_true(path(tls, "server_order", "TLSv1.3")));
	itest_assert_lines(path(tls, "suites", "TLSv1.3"), 0,
	    "printf '%s\\n' TLS_AES_128_CCM_SHA256 "
	    "TLS_CHACHA20_POLY1305_SHA256 TLS_AES_256_GCM_SHA384 "
	    "TLS_AES_128_CCM_8_SHA256");
	assert_true(json_is_true(json_object_get(tls, "chain_valid")));
	assert_true(json_is_true(json_object_get(tls, "hostname_match")));
	/* One version: nothing to fall back to, so no answer, and why. */
	assert_true(json_is_null(json_object_get(tls, "fallback_scsv")));
	assert_string_equal(json_string_value(json_object_get(tls,
	    "fallback_scsv_reason")),
	    "fewer than two protocol versions accepted");
	assert_all_fields(o);
	assert_findings(o, "");
	assert_int_equal(status, 0);
}

/* TLS 1.2, ECDHE+AESGCM only, client order. */
static void
test_s_server_tls12_gcm(void **state)
{
	json_t *o;

	(void)state;
	rsa_s_server("-tls1_2 -cipher ECDHE+AESGCM");
	o = scan("--ca-file %s/srv.pem localhost:%d", srv.dir, srv.port);
	itest_assert_versions(json_object_get(o, "tls"), "TLSv1.2");
	assert_true(json_is_false(path(tls, "server_order", "TLSv1.2")));
	itest_assert_lines(path(tls, "suites", "TLSv1.2"), 1,
	    "openssl ciphers -stdname -s -tls1_2 'ECDHE+AESGCM' | "
	    "grep 'Au=RSA' | cut -d' ' -f1");
	assert_true(json_is_true(json_object_get(tls,
	    "secure_renegotiation")));
	assert_true(json_is_false(json_object_get(tls, "compression")));
	assert_findings(o, "");
	assert_int_equal(status, 0);
}

/* ALL:@SECLEVEL=0 with a 1024-bit DH group: every old suite OpenSSL has. */
static void
test_s_server_all(void **state)
{
	json_t *o;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_rsa_cert(&srv, "srv", 2048, "localhost");
	/* RFC 2409 group 2 (1024-bit MODP), so no prime is generated. */
	assert_int_equal(testsrv_write(&srv, "dh.pem",
	    "-----BEGIN DH PARAMETERS-----\n"
	    "MIGHAoGBAP//////////yQ/aoiFowjTExmKLgNwc0SkCTgiKZ8x0Agu+pjsTmyJR\n"
	    "Sgh5jjQE3e+VGbPNOkMbMCsKbfJfFDdP4TVtbVHCReSFtXZiXn7G9ExC6aY37WsL\n"
	    "/1y29Aa37e44a/taiZ+lrp8kEXxLH+ZJKGZR7OZTgf//////////AgEC\n"
	    "-----END DH PARAMETERS-----\n"), 0);
	s_server("srv", "-provider legacy -provider default -serverpref "
	    "-cipher 'ALL:@SECLEVEL=0' -dhparam dh.pem");
	o = scan("--no-vuln --ca-file %s/srv.pem localhost:%d", srv.dir,
	    srv.port);
	itest_assert_versions(json_object_get(o, "tls"),
	    "TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3");
	/* The server's order is its cipher string's, minus what its RSA
	   certificate cannot serve. */
	itest_assert_lines(path(tls, "suites", "TLSv1.2"), 0,
	    "openssl ciphers -provider legacy -provider default -stdname -s "
	    "-tls1_2 'ALL:@SECLEVEL=0' | "
	    "grep -E 'Au=(RSA|None)' | cut -d' ' -f1");
	itest_assert_lines(path(tls, "suites", "TLSv1.0"), 0,
	    "openssl ciphers -provider legacy -provider default -stdname -s "
	    "-tls1 'ALL:@SECLEVEL=0' | "
	    "grep -E 'Au=(RSA|None)' | cut -d' ' -f1");
	itest_assert_lines(path(tls, "suites", "TLSv1.3"), 1,
	    "openssl ciphers -stdname -s -tls1_3 | cut -d' ' -f1");
	assert_true(json_is_true(path(tls, "server_order", "TLSv1.2")));
	assert_int_equal(json_integer_value(json_object_get(tls, "dh_bits")),
	    1024);
	assert_string_equal(json_string_value(json_object_get(tls,
	    "dh_prime")), "RFC 2409 Oakley group 2");
	/* CBC in TLS 1.0 (BEAST) and TLS (LUCKY13), the shared prime. */
	assert_findings(o, "tls-anon-suites tls-beast tls-dh-weak tls-logjam "
	    "tls-lucky13 tls-no-forward-secrecy tls-tls10 tls-tls11");
	assert_string_equal(evidence_of(o, "tls-logjam"), "DHE group of 1024 "
	    "bits (RFC 2409 Oakley group 2, a prime many servers share)");
	assert_cves(o, "tls-beast", "CVE-2011-3389");
	assert_cves(o, "tls-tls10", "");
	/* A TLS 1.2 hello with TLS_FALLBACK_SCSV gets inappropriate_fallback
	   from a server that speaks TLS 1.3. */
	assert_true(json_is_true(json_object_get(tls, "fallback_scsv")));
	assert_true(json_is_null(json_object_get(tls,
	    "fallback_scsv_reason")));
	assert_all_fields(o);
	assert_int_equal(status, 1);
	/* The worst finding is high: --fail-on critical lets it pass. */
	o = scan("--fail-on critical --ca-file %s/srv.pem localhost:%d",
	    srv.dir, srv.port);
	assert_int_equal(status, 0);
}

/* Certificate facts of an ECDSA P-256 certificate. */
static void
test_s_server_ecdsa(void **state)
{
	char cmd[512], *fp, *p;
	json_t *o, *c;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey ec "
	    "-pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 "
	    "-subj /CN=ec.test -addext subjectAltName=DNS:ec.test "
	    "-keyout ec.key -out ec.pem 2>/dev/null", srv.dir), 0);
	s_server("ec", "");
	o = scan("--ca-file %s/ec.pem --resolve ec.test:%d:127.0.0.1 "
	    "ec.test:%d", srv.dir, srv.port, srv.port);
	assert_int_equal(json_array_size(json_object_get(tls,
	    "certificates")), 1);
	c = first_cert();
	assert_string_equal(cert_str("key_type"),
	    "EC");
	assert_int_equal(json_integer_value(json_object_get(c, "key_bits")),
	    256);
	assert_string_equal(cert_str("subject"),
	    "CN=ec.test");
	assert_string_equal(cert_str("signature_algorithm"),
	    "ecdsa-with-SHA256");
	assert_true(json_integer_value(json_object_get(c, "days_left")) >= 29);
	snprintf(cmd, sizeof(cmd), "openssl x509 -in '%s/ec.pem' -noout "
	    "-fingerprint -sha256 | cut -d= -f2 | tr -d ':\\n' | "
	    "tr A-F a-f", srv.dir);
	fp = itest_capture(cmd, NULL);
	assert_string_equal(cert_str("sha256"),
	    fp);
	free(fp);
	p = itest_lines_of(json_object_get(c, "san"), 0);
	assert_string_equal(p, "DNS:ec.test\n");
	free(p);
	assert_true(json_is_true(json_object_get(tls, "chain_valid")));
	assert_true(json_is_true(json_object_get(tls, "hostname_match")));
	/* OpenSSL's DEFAULT keeps CBC suites with HMAC-SHA1 in TLS 1.2. */
	assert_findings(o, "tls-lucky13");
	assert_cves(o, "tls-lucky13", "CVE-2013-0169");
	assert_int_equal(status, 0);
}

/* An expired self-signed certificate, not in any store. */
static void
test_s_server_expired(void **state)
{
	json_t *o;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_dated_cert(&srv, "old", "20200101000000Z", "20200201000000Z");
	s_server("old", "");
	o = scan("localhost:%d", srv.port);
	assert_string_equal(json_string_value(json_object_get(
	    first_cert(),
	    "not_after")), "2020-02-01T00:00:00Z");
	assert_true(json_is_false(json_object_get(tls, "chain_valid")));
	assert_non_null(json_string_value(json_object_get(tls,
	    "verify_error")));
	/* s_server's DEFAULT suites include RSA key exchange. */
	assert_findings(o, "cert-expired cert-untrusted tls-lucky13 "
	    "tls-no-forward-secrecy");
	assert_int_equal(status, 1);
}

/* A certificate whose validity begins in 2099: not valid yet. */
static void
test_s_server_not_yet_valid(void **state)
{
	json_t *o;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_dated_cert(&srv, "new", "20990101000000Z", "21000101000000Z");
	/* TLS 1.3 only: no suite findings beside the certificate's. */
	s_server("new", "-tls1_3");
	o = scan("--ca-file %s/new.pem localhost:%d", srv.dir, srv.port);
	assert_string_equal(cert_str("not_before"), "2099-01-01T00:00:00Z");
	assert_true(json_is_false(json_object_get(tls, "chain_valid")));
	assert_string_equal(json_string_value(json_object_get(tls,
	    "verify_error")), "certificate is not yet valid");
	assert_findings(o, "cert-not-yet-valid cert-untrusted");
	assert_string_equal(evidence_of(o, "cert-not-yet-valid"),
	    "CN=localhost: not valid before 2099-01-01T00:00:00Z");
	assert_int_equal(status, 1);
}

/*
 * A leaf signed with SHA-1, trusted through --ca-file: the signature is
 * the one finding.  s_server serves it only at security level 0.
 */
static void
test_s_server_sha1_signature(void **state)
{
	json_t *o;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_rsa_cert_md(&srv, "old", 2048, "localhost", "sha1");
	s_server("old", "-cipher 'ECDHE+AESGCM:@SECLEVEL=0'");
	o = scan("--ca-file %s/old.pem localhost:%d", srv.dir, srv.port);
	assert_string_equal(cert_str("signature_algorithm"),
	    "sha1WithRSAEncryption");
	assert_true(json_is_true(json_object_get(tls, "chain_valid")));
	assert_findings(o, "cert-sha1-signature");
	assert_string_equal(evidence_of(o, "cert-sha1-signature"),
	    "CN=localhost: signed with sha1WithRSAEncryption");
	/* A medium finding is below the default --fail-on high. */
	assert_int_equal(status, 0);
}

/* RSA-1024 (the server must drop to security level 0 to use it). */
static void
test_s_server_rsa1024(void **state)
{
	json_t *o, *c;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_rsa_cert(&srv, "small", 1024, "localhost");
	s_server("small", "-cipher 'DEFAULT:@SECLEVEL=0' -tls1_2");
	o = scan("--ca-file %s/small.pem localhost:%d", srv.dir, srv.port);
	c = first_cert();
	assert_int_equal(json_integer_value(json_object_get(c, "key_bits")),
	    1024);
	assert_string_equal(cert_str("key_type"),
	    "RSA");
	/* OpenSSL sizes its automatic DH group to the 1024-bit key. */
	assert_int_equal(json_integer_value(path(o, "tls", "dh_bits")), 1024);
	assert_findings(o, "cert-rsa-weak tls-dh-weak tls-logjam tls-lucky13 "
	    "tls-no-forward-secrecy");
	assert_int_equal(status, 1);
}

/* Root -> intermediate -> leaf for another name; leaf sent alone. */
static void
test_s_server_wrong_name_no_intermediate(void **state)
{
	json_t *o;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_write(&srv, "ext.cnf",
	    "[ca]\nbasicConstraints=critical,CA:TRUE\n"
	    "keyUsage=keyCertSign,cRLSign\n"
	    "[leaf]\nbasicConstraints=CA:FALSE\n"
	    "subjectAltName=DNS:other.example\n"), 0);
	assert_int_equal(testsrv_sh("cd '%s' && "
	    "openssl req -x509 -newkey rsa:2048 -nodes -days 30 "
	    "-subj /CN=Test-Root -keyout root.key -out root.pem 2>/dev/null && "
	    "openssl req -new -newkey rsa:2048 -nodes -subj /CN=Test-Inter "
	    "-keyout inter.key -out inter.csr 2>/dev/null && "
	    "openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key "
	    "-CAcreateserial -days 30 -extfile ext.cnf -extensions ca "
	    "-out inter.pem 2>/dev/null && "
	    "openssl req -new -newkey rsa:2048 -nodes -subj /CN=other.example "
	    "-keyout leaf.key -out leaf.csr 2>/dev/null && "
	    "openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key "
	    "-CAcreateserial -days 30 -extfile ext.cnf -extensions leaf "
	    "-out leaf.pem 2>/dev/null", srv.dir), 0);
	s_server("leaf", "");
	o = scan("--ca-file %s/root.pem localhost:%d", srv.dir, srv.port);
	assert_int_equal(json_array_size(json_object_get(tls,
	    "certificates")), 1);
	assert_true(json_is_false(json_object_get(tls, "chain_valid")));
	assert_true(json_is_false(json_object_get(tls, "hostname_match")));
	assert_string_equal(json_string_value(json_object_get(
	    first_cert(),
	    "issuer")), "CN=Test-Inter");
	assert_findings(o, "cert-hostname-mismatch cert-incomplete-chain "
	    "tls-lucky13 tls-no-forward-secrecy");
	assert_int_equal(status, 1);
}

/*
 * gnutls-serv with TLS 1.0/1.1, 3DES and RC4 enabled.  Expected sets come
 * from gnutls-cli -l for the same priority string (codes, mapped to IANA
 * names through the registry data file), minus ECDSA suites: the server
 * holds an RSA key.  gnutls-serv listens on the wildcard address for the
 * test's duration; it sends nothing.
 */
#define GNUTLS_PRIO "NORMAL:+VERS-TLS1.0:+VERS-TLS1.1:+3DES-CBC:+ARCFOUR-128:+MD5"

static void
test_gnutls(void **state)
{
	char cmd[1024];
	const char *argv[] = { "gnutls-serv", "--priority", GNUTLS_PRIO,
	    "--x509certfile", "{DIR}/srv.pem", "--x509keyfile", "{DIR}/srv.key",
	    "-p", "{PORT}", "-q", NULL };
	json_t *o;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_rsa_cert(&srv, "srv", 2048, "localhost");
	assert_int_equal(testsrv_write(&srv, "expect.sh",
	    "gnutls-cli -l --priority \"$1\" | "
	    "awk -F'\\t' -v v=\"$2\" '$3 ~ v && $1 !~ /ECDSA/ "
	    "{ c = $2; gsub(/0x|, /, \"\", c); print \"0x\" toupper(c) }' | "
	    "awk -F'\\t' 'NR == FNR { n[$1] = $2; next } { print n[$1] }' "
	    "\"$3\" -\n"), 0);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
	o = scan("--ca-file %s/srv.pem localhost:%d", srv.dir, srv.port);
	itest_assert_versions(json_object_get(o, "tls"),
	    "TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3");
	snprintf(cmd, sizeof(cmd), "sh %s/expect.sh '%s' '^TLS1[.]0$' "
	    "%s/scanner/tls/suites.txt", srv.dir, GNUTLS_PRIO, itest_srcroot);
	itest_assert_lines(path(tls, "suites", "TLSv1.0"), 1, cmd);
	itest_assert_lines(path(tls, "suites", "TLSv1.1"), 1, cmd);
	snprintf(cmd, sizeof(cmd), "sh %s/expect.sh '%s' '^TLS1[.][02]$' "
	    "%s/scanner/tls/suites.txt", srv.dir, GNUTLS_PRIO, itest_srcroot);
	itest_assert_lines(path(tls, "suites", "TLSv1.2"), 1, cmd);
	snprintf(cmd, sizeof(cmd), "sh %s/expect.sh '%s' '^TLS1[.]3$' "
	    "%s/scanner/tls/suites.txt", srv.dir, GNUTLS_PRIO, itest_srcroot);
	itest_assert_lines(path(tls, "suites", "TLSv1.3"), 1, cmd);
	/* GnuTLS follows the client's order unless %SERVER_PRECEDENCE. */
	assert_true(json_is_false(path(tls, "server_order", "TLSv1.2")));
	/* GnuTLS honours TLS_FALLBACK_SCSV too. */
	assert_true(json_is_true(json_object_get(tls, "fallback_scsv")));
	/* 3DES: SWEET32; CBC in TLS 1.0: BEAST; CBC-SHA: LUCKY13.  GnuTLS
	   lets the client renegotiate (the renegotiation check). */
	assert_findings(o, "tls-3des-suites tls-beast "
	    "tls-client-renegotiation tls-lucky13 tls-no-forward-secrecy tls-rc4-suites tls-sweet32 tls-tls10 "
	    "tls-tls11");
	assert_cves(o, "tls-sweet32", "CVE-2016-2183");
	assert_cves(o, "tls-rc4-suites", "CVE-2013-2566 CVE-2015-2808");
	assert_int_equal(status, 1);
}

/* nginx with the Mozilla "intermediate" configuration (v5.7). */
#define MOZ_CIPHERS "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:" \
	"ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:" \
	"ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:" \
	"DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:" \
	"DHE-RSA-CHACHA20-POLY1305"

static void
test_nginx(void **state)
{
	char conf[8192];
	const char *argv[] = { "nginx", "-c", "{DIR}/nginx.conf", "-p",
	    "{DIR}", NULL };
	json_t *o;
	int port;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_rsa_cert(&srv, "srv", 2048, "localhost");
	assert_int_equal(testsrv_sh("openssl genpkey -genparam -algorithm DH "
	    "-pkeyopt group:ffdhe2048 -out '%s/dh.pem' 2>/dev/null", srv.dir),
	    0);
	port = testsrv_free_port();
	snprintf(conf, sizeof(conf),
	    "daemon off;\nworker_processes 1;\npid %s/nginx.pid;\n"
	    "error_log %s/error.log;\nevents { worker_connections 256; }\n"
	    "http {\n access_log %s/access.log;\n"
	    " client_body_temp_path %s;\n proxy_temp_path %s;\n"
	    " fastcgi_temp_path %s;\n uwsgi_temp_path %s;\n"
	    " scgi_temp_path %s;\n"
	    " server {\n  listen 127.0.0.1:%d ssl;\n"
	    "  ssl_certificate %s/srv.pem;\n"
	    "  ssl_certificate_key %s/srv.key;\n"
	    "  ssl_protocols TLSv1.2 TLSv1.3;\n"
	    "  ssl_ecdh_curve X25519:prime256v1:secp384r1;\n"
	    "  ssl_ciphers %s;\n  ssl_prefer_server_ciphers off;\n"
	    "  ssl_dhparam %s/dh.pem;\n"
	    "  location / { return 204; }\n }\n}\n",
	    srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir,
	    srv.dir, port, srv.dir, srv.dir, MOZ_CIPHERS, srv.dir);
	assert_int_equal(testsrv_write(&srv, "nginx.conf", conf), 0);
	assert_int_equal(testsrv_start(&srv, port, argv, 10000), 0);
	o = scan("--no-vuln --ca-file %s/srv.pem localhost:%d", srv.dir,
	    srv.port);
	itest_assert_versions(json_object_get(o, "tls"), "TLSv1.2 TLSv1.3");
	itest_assert_lines(path(tls, "suites", "TLSv1.2"), 1,
	    "openssl ciphers -stdname -s -tls1_2 '" MOZ_CIPHERS "' | "
	    "grep 'Au=RSA' | cut -d' ' -f1");
	itest_assert_lines(path(tls, "suites", "TLSv1.3"), 1,
	    "openssl ciphers -stdname -s -tls1_3 | cut -d' ' -f1");
	assert_true(json_is_false(path(tls, "server_order", "TLSv1.2")));
	itest_assert_lines(json_object_get(tls, "groups"), 1,
	    "printf '%s\\n' x25519 secp256r1 secp384r1");
	assert_int_equal(json_integer_value(json_object_get(tls, "dh_bits")),
	    2048);
	assert_true(json_is_true(json_object_get(tls, "chain_valid")));
	assert_true(json_is_true(json_object_get(tls, "fallback_scsv")));
	assert_all_fields(o);
	assert_findings(o, "");
	assert_int_equal(status, 0);
}

/* SSLv2, SSLv3, export, NULL, RC4, DES40, 3DES; its own order. */
static void
test_legacy(void **state)
{
	json_t *o;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	itest_start_script(&srv, "legacy-tls-server", "--versions "
	    "ssl2,ssl3,tls1.0 --suites "
	    "0x0004,0x0005,0x000a,0x0003,0x0001,0x0014 --order server "
	    "--no-reneg --compression --dh-bits 512");
	o = scan("127.0.0.1:%d", srv.port);
	assert_true(json_is_null(json_object_get(o, "error")));
	itest_assert_versions(json_object_get(o, "tls"), "SSLv2 SSLv3 TLSv1.0");
	itest_assert_lines(path(tls, "suites", "SSLv2"), 1,
	    "printf '%s\\n' SSL_CK_RC4_128_WITH_MD5 "
	    "SSL_CK_RC4_128_EXPORT40_WITH_MD5 SSL_CK_RC2_128_CBC_WITH_MD5 "
	    "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5 SSL_CK_IDEA_128_CBC_WITH_MD5 "
	    "SSL_CK_DES_64_CBC_WITH_MD5 SSL_CK_DES_192_EDE3_CBC_WITH_MD5");
	assert_true(json_is_true(path(tls, "server_order", "TLSv1.0")));
	assert_true(json_is_true(path(tls, "server_order", "SSLv3")));
	itest_assert_lines(path(tls, "suites", "SSLv3"), 0,
	    "printf '%s\\n' TLS_RSA_WITH_RC4_128_MD5 TLS_RSA_WITH_RC4_128_SHA "
	    "TLS_RSA_WITH_3DES_EDE_CBC_SHA TLS_RSA_EXPORT_WITH_RC4_40_MD5 "
	    "TLS_RSA_WITH_NULL_MD5 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA");
	itest_assert_lines(path(tls, "suites", "TLSv1.0"), 0,
	    "printf '%s\\n' TLS_RSA_WITH_RC4_128_MD5 TLS_RSA_WITH_RC4_128_SHA "
	    "TLS_RSA_WITH_3DES_EDE_CBC_SHA TLS_RSA_EXPORT_WITH_RC4_40_MD5 "
	    "TLS_RSA_WITH_NULL_MD5 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA");
	assert_int_equal(json_integer_value(json_object_get(tls, "dh_bits")),
	    512);
	assert_true(json_is_false(json_object_get(tls,
	    "secure_renegotiation")));
	assert_true(json_is_true(json_object_get(tls, "compression")));
	/* It ignores TLS_FALLBACK_SCSV: the SSLv3 hello with it is taken. */
	assert_true(json_is_false(json_object_get(tls, "fallback_scsv")));
	assert_true(json_is_null(json_object_get(tls,
	    "fallback_scsv_reason")));
	/*
	 * OpenSSL cannot complete a handshake: the certificate comes from
	 * the Certificate message of the scanner's own hello, key and all.
	 */
	assert_int_equal(json_array_size(json_object_get(tls,
	    "certificates")), 1);
	assert_true(json_is_null(json_object_get(tls, "certificate_error")));
	assert_string_equal(json_string_value(json_object_get(first_cert(),
	    "source")), "hello");
	assert_string_equal(json_string_value(json_object_get(first_cert(),
	    "subject")), "CN=legacy.test");
	assert_string_equal(json_string_value(json_object_get(first_cert(),
	    "key_type")), "EC");
	assert_int_equal(json_integer_value(json_object_get(first_cert(),
	    "key_bits")), 256);
	assert_findings(o, "cert-hostname-mismatch cert-untrusted "
	    "tls-3des-suites tls-beast tls-compression "
	    "tls-des-suites tls-dh-weak tls-drown tls-export-suites tls-freak "
	    "tls-logjam tls-lucky13 tls-no-fallback-scsv "
	    "tls-no-forward-secrecy tls-no-secure-renegotiation "
	    "tls-null-suites tls-poodle tls-rc4-suites tls-sslv2 tls-sslv3 "
	    "tls-sweet32 tls-tls10");
	/* Every named attack with its CVE; the evidence says what fired. */
	assert_cves(o, "tls-poodle", "CVE-2014-3566");
	assert_cves(o, "tls-drown", "CVE-2016-0800");
	assert_cves(o, "tls-freak", "CVE-2015-0204");
	assert_cves(o, "tls-logjam", "CVE-2015-4000");
	assert_cves(o, "tls-compression", "CVE-2012-4929");
	assert_cves(o, "tls-sslv3", "");
	assert_string_equal(evidence_of(o, "tls-poodle"), "2 suites: "
	    "TLS_RSA_WITH_3DES_EDE_CBC_SHA (SSLv3), "
	    "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA (SSLv3)");
	assert_string_equal(evidence_of(o, "tls-freak"), "2 suites: "
	    "TLS_RSA_EXPORT_WITH_RC4_40_MD5 (SSLv3), "
	    "TLS_RSA_EXPORT_WITH_RC4_40_MD5 (TLSv1.0)");
	/* export DHE and the 512-bit prime (not a known one) */
	assert_string_equal(evidence_of(o, "tls-logjam"), "2 suites: "
	    "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA (SSLv3), "
	    "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA (TLSv1.0); DHE group of "
	    "512 bits");
	assert_true(json_is_null(json_object_get(tls, "dh_prime")));
	assert_int_equal(status, 1);
}

/* Hostile peers: a clear per-target error, exit 3, never a hang. */
static void
test_hostile(void **state)
{
	static const struct {
		const char	*mode;
		const char	*error;
	} cases[] = {
		{ "garbage", "not a TLS or SSL answer" },
		{ "endless", "answer too long" },
		{ "huge", "answer too long" },
		{ "close", "connection closed by peer" },
		{ "reset", "connection closed by peer" },
		{ "silent", "read timed out: no answer to the ClientHello "
		    "within 0.5 s (no bytes)" },
	};
	char extra[64];
	json_t *o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(testsrv_init(&srv), 0);
		snprintf(extra, sizeof(extra), "--hostile %s", cases[i].mode);
		itest_start_script(&srv, "legacy-tls-server", "%s", extra);
		o = scan("--timeout 0.5 127.0.0.1:%d 2>/dev/null",
		    srv.port);
		assert_string_equal(json_string_value(json_object_get(o,
		    "error")), cases[i].error);
		assert_true(json_is_null(json_object_get(o, "tls")));
		assert_true(json_integer_value(json_object_get(o,
		    "duration_ms")) < 5000);
		assert_int_equal(status, 3);
		testsrv_stop(&srv);
	}
}

/* STARTTLS: SMTP, IMAP, POP3 and FTP preambles, then a real TLS 1.2. */
static void
test_starttls(void **state)
{
	static const char *protos[] = { "smtp", "imap", "pop3", "ftp" };
	json_t *o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		assert_int_equal(testsrv_init(&srv), 0);
		make_rsa_cert(&srv, "srv", 2048, "localhost");
		itest_start_script(&srv, "starttls-server", "--proto %s "
		    "--cert srv.pem --key srv.key", protos[i]);
		o = scan("--ca-file %s/srv.pem %s://localhost:%d",
		    srv.dir, protos[i], srv.port);
		assert_string_equal(json_string_value(json_object_get(o,
		    "service")), protos[i]);
		assert_true(json_is_null(json_object_get(o, "error")));
		itest_assert_versions(json_object_get(o, "tls"), "TLSv1.2");
		itest_assert_lines(path(tls, "suites", "TLSv1.2"), 1,
		    "openssl ciphers -stdname -s -tls1_2 'ECDHE+AESGCM' | "
		    "grep 'Au=RSA' | cut -d' ' -f1");
		assert_true(json_is_true(json_object_get(tls, "chain_valid")));
		assert_findings(o, "");
		assert_int_equal(status, 0);
		testsrv_stop(&srv);
	}
}

/*
 * Pacing: with --per-host 1 --delay 40 the connections to one address are
 * at least 40 ms apart, so the scan takes at least (connections - 1) x 40
 * ms.  The XML and text reports carry the same facts as the JSON one.
 */
static void
test_pacing_and_formats(void **state)
{
	char args[512], cmd[2048], *out;
	json_t *o;
	long long conns, ms;

	(void)state;
	rsa_s_server("-tls1_3");
	o = scan("--per-host 1 --delay 40 --ca-file %s/srv.pem "
	    "localhost:%d", srv.dir, srv.port);
	conns = json_integer_value(json_object_get(o, "connections"));
	ms = json_integer_value(json_object_get(o, "duration_ms"));
	assert_true(conns > 5);
	assert_true(ms >= (conns - 1) * 40);

	snprintf(cmd, sizeof(cmd), "%s -o xml --ca-file %s/srv.pem "
	    "localhost:%d | xmllint --xpath 'concat(count(//version"
	    "[@name=\"TLSv1.3\"][@accepted=\"true\"]/suite), \" \", "
	    "count(//version[@accepted=\"true\"]), \" \", "
	    "//chain/@valid)' -", itest_scanner, srv.dir, srv.port);
	out = itest_capture(cmd, NULL);
	assert_string_equal(out, "3 1 true\n");
	free(out);

	/* XML has every field too: what JSON says with null is an element
	   marked null="true" (or an empty ip attribute). */
	snprintf(cmd, sizeof(cmd), "%s -o xml --ca-file %s/srv.pem "
	    "localhost:%d 127.0.0.1:%d 2>/dev/null | xmllint --xpath "
	    "'concat(count(//target[@index=0]/error[@null=\"true\"]), \" \", "
	    "//target[@index=0]/@ip, \" \", "
	    "//target[@index=0]/tls/chain_valid, \" \", "
	    "//target[@index=0]/tls/hostname_match, \" \", "
	    "count(//target[@index=0]/tls/verify_error[@null=\"true\"]), "
	    "\" \", count(//target[@index=0]/tls/dh_bits[@null=\"true\"]), "
	    "\" \", "
	    "count(//target[@index=0]/tls/fallback_scsv[@null=\"true\"]), "
	    "\"/\", "
	    "//target[@index=0]/tls/fallback_scsv/@reason, \"/\", "
	    "count(//target[@index=1]/error[@kind]), \" \", "
	    "count(//target[@index=1]/tls[@null=\"true\"]), \" \", "
	    "count(//target[@index=1]/ssh[@null=\"true\"]), \" \", "
	    "count(/tilsyn-scan[@schema=1]/run/argv/arg), \" \", "
	    "/tilsyn-scan/summary/@failed)' -",
	    itest_scanner, srv.dir, srv.port, testsrv_free_port());
	out = itest_capture(cmd, NULL);
	assert_string_equal(out, "1 127.0.0.1 true true 1 1 1/fewer "
	    "than two protocol versions accepted/1 1 1 7 1\n");
	free(out);

	snprintf(cmd, sizeof(cmd), "NO_COLOR=1 %s --ca-file %s/srv.pem "
	    "localhost:%d | grep -c -e '^  TLSv1.3  yes, 3 suites' "
	    "-e '^  findings: none$' -e \"$(printf '\\033')\"", itest_scanner,
	    srv.dir, srv.port);
	out = itest_capture(cmd, NULL);
	assert_string_equal(out, "2\n");
	free(out);

	/* A list: a run line, one result line per target in completion
	   order, each with its place in the input, and a summary; a target
	   that could not be scanned makes it exit 3, findings or not. */
	snprintf(cmd, sizeof(cmd), "printf 'localhost:%d\\n# gone\\n"
	    "127.0.0.1:%d\\n' | %s -o json -f - 2>/dev/null | "
	    "sed -e 's/^{\"type\":\"\\([a-z]*\\)\".*\"index\":"
	    "\\([0-9]*\\),\"target\":\"\\([^\"]*\\)\".*/\\1 \\2 \\3/' "
	    "-e 's/^{\"type\":\"\\([a-z]*\\)\".*/\\1/' | sort",
	    srv.port, testsrv_free_port(), itest_scanner);
	out = itest_capture(cmd, NULL);
	snprintf(args, sizeof(args), "result 0 localhost:%d\nresult 1 "
	    "127.0.0.1:", srv.port);
	assert_int_equal(strncmp(out, args, strlen(args)), 0);
	assert_non_null(strstr(out, "\nrun\nsummary\n"));
	free(out);
	snprintf(cmd, sizeof(cmd), "%s -o json localhost:%d 127.0.0.1:%d "
	    ">/dev/null 2>&1; echo $?", itest_scanner, srv.port, testsrv_free_port());
	out = itest_capture(cmd, NULL);
	assert_string_equal(out, "3\n");
	free(out);

	/* Without --ca-file: the system store, here a hashed directory. */
	assert_int_equal(testsrv_sh("mkdir '%s/store' && cp '%s/srv.pem' "
	    "'%s/store/' && openssl rehash '%s/store'", srv.dir, srv.dir,
	    srv.dir, srv.dir), 0);
	snprintf(cmd, sizeof(cmd), "SSL_CERT_DIR=%s/store %s -o json "
	    "localhost:%d | grep -o '\"chain_valid\":[a-z]*'", srv.dir,
	    itest_scanner, srv.port);
	out = itest_capture(cmd, NULL);
	assert_string_equal(out, "\"chain_valid\":true\n");
	free(out);
}

/* A root-signed leaf with the whole chain valid and an OCSP staple. */
static void
test_s_server_ocsp(void **state)
{
	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_write(&srv, "ext",
	    "subjectAltName=DNS:localhost\n"), 0);
	assert_int_equal(testsrv_sh("cd '%s' && "
	    "openssl req -x509 -newkey rsa:2048 -nodes -days 30 "
	    "-subj /CN=Test-Root -keyout root.key -out root.pem 2>/dev/null && "
	    "openssl req -new -newkey rsa:2048 -nodes -subj /CN=localhost "
	    "-keyout leaf.key -out leaf.csr 2>/dev/null && "
	    "openssl x509 -req -in leaf.csr -CA root.pem -CAkey root.key "
	    "-CAcreateserial -days 30 -extfile ext -out leaf.pem 2>/dev/null && "
	    "printf 'V\\t300101000000Z\\t\\t%%s\\tunknown\\t/CN=localhost\\n' "
	    "$(openssl x509 -in leaf.pem -noout -serial | cut -d= -f2) "
	    "> index.txt && openssl ocsp -index index.txt -rsigner root.pem "
	    "-rkey root.key -CA root.pem -issuer root.pem -cert leaf.pem "
	    "-respout resp.der -ndays 2 >/dev/null 2>&1", srv.dir), 0);
	s_server("leaf", "-status_file resp.der");
	(void)scan("--ca-file %s/root.pem localhost:%d", srv.dir, srv.port);
	assert_true(json_is_true(json_object_get(tls, "ocsp_stapled")));
	assert_true(json_is_true(json_object_get(tls, "chain_valid")));
	assert_true(json_is_true(json_object_get(tls, "hostname_match")));
	assert_string_equal(json_string_value(json_object_get(
	    first_cert(),
	    "issuer")), "CN=Test-Root");
}

/* IPv6: a server on [::1]; the address is the target, SNI-less. */
static void
test_ipv6(void **state)
{
	char cmd[1024], args[512], *out;
	const char *argv[] = { "sh", "-c", cmd, NULL };
	json_t *o;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	srv.ipv6 = 1;
	assert_int_equal(testsrv_sh("cd '%s' && openssl req -x509 -newkey "
	    "rsa:2048 -nodes -days 30 -subj /CN=v6.test -addext "
	    "subjectAltName=IP:::1 -keyout srv.key -out srv.pem 2>/dev/null",
	    srv.dir), 0);
	snprintf(cmd, sizeof(cmd), "cd '%s' && exec openssl s_server -accept "
	    "'[::1]:{PORT}' -naccept 100000 -quiet -cert srv.pem -key srv.key "
	    "-tls1_3 -ciphersuites TLS_AES_256_GCM_SHA384", srv.dir);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
	o = scan("--no-vuln --scope ::1/128 --ca-file %s/srv.pem '[::1]:%d'",
	    srv.dir, srv.port);
	assert_true(json_is_null(json_object_get(o, "error")));
	snprintf(args, sizeof(args), "[::1]:%d", srv.port);
	assert_string_equal(json_string_value(json_object_get(o, "target")),
	    args);
	assert_string_equal(json_string_value(json_object_get(o, "ip")),
	    "::1");
	assert_int_equal(json_integer_value(json_object_get(o, "port")),
	    srv.port);
	itest_assert_versions(json_object_get(o, "tls"), "TLSv1.3");
	itest_assert_lines(path(tls, "suites", "TLSv1.3"), 0,
	    "printf '%s\\n' TLS_AES_256_GCM_SHA384");
	/* The certificate names the address: it matches, and verifies. */
	assert_true(json_is_true(json_object_get(tls, "chain_valid")));
	assert_true(json_is_true(json_object_get(tls, "hostname_match")));
	assert_all_fields(o);
	assert_findings(o, "");
	assert_int_equal(status, 0);
	/* ::1 is outside an IPv4-only scope: refused, nothing sent. */
	snprintf(cmd, sizeof(cmd), "%s -o json --scope 127.0.0.0/8 "
	    "'[::1]:%d' 2>&1 >/dev/null; echo $?", itest_scanner, srv.port);
	out = itest_capture(cmd, NULL);
	assert_non_null(strstr(out, "::1"));
	assert_non_null(strstr(out, "\n2\n"));
	free(out);
}

/* Nothing listens: a per-target error and exit 3, quickly. */
static void
test_refused(void **state)
{
	json_t *o;
	int port = testsrv_free_port();

	(void)state;
	o = scan("127.0.0.1:%d 2>/dev/null", port);
	assert_non_null(json_string_value(json_object_get(o, "error")));
	/* Refused: told apart from other failures, and one connection. */
	assert_string_equal(json_string_value(json_object_get(o,
	    "error_kind")), "refused");
	assert_int_equal(json_integer_value(json_object_get(o,
	    "connections")), 1);
	assert_true(json_is_null(json_object_get(o, "tls")));
	assert_all_fields(o);
	assert_int_equal(status, 3);
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
		T(test_s_server_tls13),
		T(test_s_server_tls12_gcm),
		T(test_s_server_all),
		T(test_s_server_ecdsa),
		T(test_s_server_expired),
		T(test_s_server_not_yet_valid),
		T(test_s_server_sha1_signature),
		T(test_s_server_rsa1024),
		T(test_s_server_wrong_name_no_intermediate),
		T(test_gnutls),
		T(test_nginx),
		T(test_legacy),
		T(test_hostile),
		T(test_starttls),
		T(test_pacing_and_formats),
		T(test_s_server_ocsp),
		T(test_refused),
		T(test_ipv6),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
