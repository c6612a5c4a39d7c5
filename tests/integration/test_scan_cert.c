/*
 * Certificates in depth against real servers on 127.0.0.1: openssl
 * s_server with an RSA and an ECDSA chain (one sent out of order), leaves
 * whose key usage or extended key usage does not fit, a must-staple leaf
 * on nginx without stapling and on s_server with a staple, SCTs embedded
 * in the certificate and sent in the TLS extension (fake ones: their
 * signatures are not checked), and a chain trusted by a "system" store
 * (SSL_CERT_DIR) against one trusted through --ca-file.  The test PKI is
 * made here with the openssl command; each fact is asserted both ways.
 */
#include <sys/types.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "itest.h"
#include "testsrv.h"

/* The servers of the running test (the teardown stops them). */
static struct testsrv srv, srv2;

/* The last scan: its object, its "tls" member and the exit status. */
static json_t *result, *tls;
static int status;

#define scan(...)	itest_scan(&result, &tls, &status, __VA_ARGS__)

/* The sorted finding ids of the last scan, e.g. "cert-chain-order". */
static void
assert_findings(const char *want)
{
	json_t *fs = json_object_get(result, "findings"), *ids;
	char *got, *p;
	size_t i;

	ids = json_array();
	for (i = 0; i < json_array_size(fs); i++)
		json_array_append(ids, json_object_get(json_array_get(fs, i),
		    "id"));
	got = itest_lines_of(ids, 1);
	for (p = got; *p != '\0'; p++)
		if (*p == '\n')
			*p = p[1] == '\0' ? '\0' : ' ';
	assert_string_equal(got, want);
	free(got);
	json_decref(ids);
}

static const char *
evidence_of(const char *id)
{
	json_t *f = itest_finding(result, id);

	if (f == NULL)
		fail_msg("no finding '%s'", id);
	return json_string_value(json_object_get(f, "evidence"));
}

/* The chain of key type kt ("RSA", "ECDSA"), which must be there. */
static json_t *
chain(const char *kt)
{
	json_t *cs = json_object_get(tls, "chains"), *c;
	size_t i;

	for (i = 0; i < json_array_size(cs); i++) {
		c = json_array_get(cs, i);
		if (strcmp(json_string_value(json_object_get(c, "key_type")),
		    kt) == 0)
			return c;
	}
	fail_msg("no %s chain", kt);
	return NULL;
}

/* Certificate pos of the chain of key type kt. */
static json_t *
cert(const char *kt, int pos)
{
	json_t *cs = json_object_get(tls, "certificates"), *c;
	size_t i;

	for (i = 0; i < json_array_size(cs); i++) {
		c = json_array_get(cs, i);
		if (strcmp(json_string_value(json_object_get(c,
		    "key_type_requested")), kt) == 0 &&
		    json_integer_value(json_object_get(c, "position")) == pos)
			return c;
	}
	fail_msg("no %s certificate at %d", kt, pos);
	return NULL;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	if (s == NULL)
		fail_msg("'%s' is not a string", k);
	return s;
}

/* A JSON array of strings as "a b c" (in its order). */
static void
assert_words(json_t *arr, const char *want)
{
	char got[1024] = "";
	size_t i;

	assert_true(json_is_array(arr));
	for (i = 0; i < json_array_size(arr); i++) {
		if (i > 0)
			strcat(got, " ");
		strncat(got, json_string_value(json_array_get(arr, i)),
		    sizeof(got) - strlen(got) - 2);
	}
	assert_string_equal(got, want);
}

/*
 * A fake SCT list (RFC 6962 3.3) in the extension's OCTET STRING: one SCT
 * of log 0xa5 x 32 at 2025-12-05T00:00:00Z; for the TLS extension
 * (s_server -serverinfo) one of log 0x5a x 32 a day later.
 */
#define SCT_EXT "043B0039003700" \
	"A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5" \
	"0000019AEBCEF4000000040300083006020101020101"
#define SCT_LOG_A5 "paWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaU="
#define SCT_LOG_5A "WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo="
#define SERVERINFO "-----BEGIN SERVERINFO FOR signed_certificate_timestamp" \
	"-----\nABIAOwA5ADcAWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWloAAAGa8" \
	"PVQAAAABAMACDAGAgEBAgEB\n-----END SERVERINFO FOR " \
	"signed_certificate_timestamp-----\n"

/*
 * The test PKI in srv.dir: Test-Root (RSA) -> Test-Inter (RSA) -> leaves
 * for localhost, each NAME.pem / NAME.key with the extensions of the
 * ext.cnf section NAME: good (RSA) and good-ec (P-256, digitalSignature,
 * serverAuth, CRL and AIA URIs), client (clientAuth only, keyEncipherment
 * only), kuenc (serverAuth, keyEncipherment only), staple (must-staple),
 * sct (an embedded SCT) and plain (no usage extensions beyond serverAuth).
 */
static void
make_pki(void)
{
	static const char *const leaves[][2] = {
	    { "good", "rsa:2048" }, { "good-ec", "ec -pkeyopt "
	    "ec_paramgen_curve:P-256" }, { "client", "rsa:2048" },
	    { "kuenc", "rsa:2048" }, { "staple", "rsa:2048" },
	    { "sct", "rsa:2048" }, { "plain", "rsa:2048" } };
	const char *ext = "[ca]\nbasicConstraints=critical,CA:TRUE\n"
	    "keyUsage=critical,keyCertSign,cRLSign\n"
	    "[good]\nbasicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost\n"
	    "keyUsage=critical,digitalSignature,keyEncipherment\n"
	    "extendedKeyUsage=serverAuth\n"
	    "crlDistributionPoints=URI:http://crl.invalid/inter.crl\n"
	    "authorityInfoAccess=OCSP;URI:http://ocsp.invalid/,"
	    "caIssuers;URI:http://ca.invalid/inter.cer\n"
	    "[good-ec]\nbasicConstraints=CA:FALSE\n"
	    "subjectAltName=DNS:localhost\n"
	    "keyUsage=critical,digitalSignature\n"
	    "extendedKeyUsage=serverAuth\n"
	    "[client]\nbasicConstraints=CA:FALSE\n"
	    "subjectAltName=DNS:localhost\n"
	    "keyUsage=critical,keyEncipherment\nextendedKeyUsage=clientAuth\n"
	    "[kuenc]\nbasicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost\n"
	    "keyUsage=critical,keyEncipherment\nextendedKeyUsage=serverAuth\n"
	    "[staple]\nbasicConstraints=CA:FALSE\n"
	    "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n"
	    "tlsfeature=status_request\n"
	    "[sct]\nbasicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost\n"
	    "extendedKeyUsage=serverAuth\n"
	    "1.3.6.1.4.1.11129.2.4.2=DER:" SCT_EXT "\n"
	    "[plain]\nbasicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost\n"
	    "extendedKeyUsage=serverAuth\n";
	size_t i;

	assert_int_equal(testsrv_write(&srv, "ext.cnf", ext), 0);
	assert_int_equal(testsrv_sh("cd '%s' && "
	    "openssl req -x509 -newkey rsa:2048 -nodes -days 30 "
	    "-subj /CN=Test-Root -keyout root.key -out root.pem 2>/dev/null && "
	    "openssl req -new -newkey rsa:2048 -nodes -subj /CN=Test-Inter "
	    "-keyout inter.key -out inter.csr 2>/dev/null && "
	    "openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key "
	    "-CAcreateserial -days 30 -extfile ext.cnf -extensions ca "
	    "-out inter.pem 2>/dev/null", srv.dir), 0);
	for (i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++)
		assert_int_equal(testsrv_sh("cd '%s' && openssl req -new "
		    "-newkey %s -nodes -subj /CN=localhost -keyout %s.key "
		    "-out %s.csr 2>/dev/null && openssl x509 -req -in %s.csr "
		    "-CA inter.pem -CAkey inter.key -CAcreateserial -days 30 "
		    "-extfile ext.cnf -extensions %s -out %s.pem 2>/dev/null",
		    srv.dir, leaves[i][1], leaves[i][0], leaves[i][0],
		    leaves[i][0], leaves[i][0], leaves[i][0]), 0);
	/* out of order: the root before the intermediate */
	assert_int_equal(testsrv_sh("cd '%s' && cat root.pem inter.pem > "
	    "wrong.pem", srv.dir), 0);
}

/* Only ECDHE-GCM in TLS 1.2: no suite finding gets in the way. */
#define CIPHERS "-cipher ECDHE-RSA-AES128-GCM-SHA256:" \
	"ECDHE-ECDSA-AES128-GCM-SHA256"

/* openssl s_server on ts with the files of srv.dir and args. */
static void
s_server(struct testsrv *ts, const char *args)
{
	char cmd[2048];
	const char *argv[] = { "sh", "-c", cmd, NULL };

	snprintf(cmd, sizeof(cmd), "cd '%s' && exec openssl s_server -accept "
	    "127.0.0.1:{PORT} -naccept 100000 -quiet %s", srv.dir, args);
	assert_int_equal(testsrv_start(ts, 0, argv, 10000), 0);
}

/*
 * An RSA chain sent out of order (leaf, root, intermediate) next to an
 * ECDSA chain in order: cert-chain-order names the RSA one; both verify
 * (OpenSSL builds the path whatever the order).  The usage, serial and
 * locations of the leaf are read as openssl x509 prints them.
 */
static void
test_chain_order(void **state)
{
	char cmd[1024], *serial;
	json_t *leaf;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_pki();
	s_server(&srv, "-cert good.pem -key good.key -cert_chain wrong.pem "
	    "-dcert good-ec.pem -dkey good-ec.key -dcert_chain inter.pem "
	    CIPHERS);
	(void)scan("--fail-on low --ca-file %s/root.pem localhost:%d", srv.dir,
	    srv.port);
	assert_int_equal(json_array_size(json_object_get(tls, "chains")), 2);
	assert_true(json_is_false(json_object_get(chain("RSA"), "in_order")));
	assert_int_equal(json_integer_value(json_object_get(chain("RSA"),
	    "order_break")), 0);
	assert_true(json_is_true(json_object_get(chain("ECDSA"),
	    "in_order")));
	assert_true(json_is_null(json_object_get(chain("ECDSA"),
	    "order_break")));
	assert_true(json_is_true(json_object_get(chain("RSA"), "valid")));
	assert_true(json_is_true(json_object_get(chain("ECDSA"), "valid")));
	assert_string_equal(str(chain("RSA"), "source"), "handshake");
	assert_string_equal(str(cert("RSA", 1), "subject"), "CN=Test-Root");
	assert_string_equal(str(cert("ECDSA", 1), "subject"), "CN=Test-Inter");
	assert_findings("cert-chain-order");
	assert_string_equal(evidence_of("cert-chain-order"), "RSA chain out "
	    "of order: [0] CN=localhost is not issued by [1] CN=Test-Root");
	/* the leaf's facts */
	leaf = cert("RSA", 0);
	snprintf(cmd, sizeof(cmd), "openssl x509 -in '%s/good.pem' -noout "
	    "-serial | cut -d= -f2 | tr -d '\\n'", srv.dir);
	serial = itest_capture(cmd, NULL);
	assert_string_equal(str(leaf, "serial"), serial);
	free(serial);
	assert_words(json_object_get(leaf, "key_usage"),
	    "digitalSignature keyEncipherment");
	assert_words(json_object_get(leaf, "extended_key_usage"),
	    "serverAuth");
	assert_words(json_object_get(leaf, "crl_distribution_points"),
	    "http://crl.invalid/inter.crl");
	assert_words(json_object_get(leaf, "ocsp_uris"),
	    "http://ocsp.invalid/");
	assert_words(json_object_get(leaf, "ca_issuers_uris"),
	    "http://ca.invalid/inter.cer");
	assert_true(json_is_false(json_object_get(leaf, "must_staple")));
	assert_int_equal(json_array_size(json_object_get(leaf, "scts")), 0);
	assert_words(json_object_get(cert("ECDSA", 0), "key_usage"),
	    "digitalSignature");
	assert_words(json_object_get(cert("ECDSA", 1), "key_usage"),
	    "keyCertSign cRLSign");
	assert_true(json_is_null(json_object_get(cert("ECDSA", 1),
	    "extended_key_usage")));
	assert_int_equal(status, 1);	/* low, at --fail-on low */
	/* the same chain in order: no finding */
	testsrv_stop(&srv2);
	s_server(&srv2, "-cert good.pem -key good.key -cert_chain inter.pem "
	    CIPHERS);
	(void)scan("--fail-on low --ca-file %s/root.pem localhost:%d", srv.dir,
	    srv2.port);
	assert_true(json_is_true(json_object_get(chain("RSA"), "in_order")));
	assert_findings("");
	assert_int_equal(status, 0);
}

/*
 * A leaf for clients only (clientAuth, keyEncipherment): no serverAuth,
 * and its key usage forbids the signature of ECDHE and TLS 1.3; with RSA
 * key transport only, the same key usage is right.
 */
static void
test_usage(void **state)
{
	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_pki();
	s_server(&srv, "-cert client.pem -key client.key -cert_chain "
	    "inter.pem " CIPHERS);
	(void)scan("--ca-file %s/root.pem localhost:%d", srv.dir, srv.port);
	assert_words(json_object_get(cert("RSA", 0), "extended_key_usage"),
	    "clientAuth");
	assert_string_equal(str(chain("RSA"), "key_usage_missing"),
	    "digitalSignature");
	assert_findings("cert-key-usage cert-no-server-auth cert-untrusted");
	assert_string_equal(evidence_of("cert-no-server-auth"), "CN=localhost: "
	    "extended key usage without serverAuth: clientAuth");
	assert_string_equal(evidence_of("cert-key-usage"), "RSA chain: the key "
	    "usage of CN=localhost lacks digitalSignature, which "
	    "TLS_AES_256_GCM_SHA384 needs");
	/* keyEncipherment with RSA key transport: fine */
	s_server(&srv2, "-cert kuenc.pem -key kuenc.key -cert_chain "
	    "inter.pem -no_tls1_3 -cipher AES128-GCM-SHA256");
	(void)scan("--ca-file %s/root.pem localhost:%d", srv.dir, srv2.port);
	assert_string_equal(str(chain("RSA"), "suite"), "AES128-GCM-SHA256");
	assert_true(json_is_null(json_object_get(chain("RSA"),
	    "key_usage_missing")));
	assert_findings("tls-no-forward-secrecy");
}

/* nginx: a private instance with the leaf name and ssl_stapling off. */
static void
nginx(const char *leaf)
{
	char conf[4096];
	const char *argv[] = { "nginx", "-c", "{DIR}/nginx.conf", "-p",
	    "{DIR}", NULL };
	int port = testsrv_free_port();

	snprintf(conf, sizeof(conf),
	    "daemon off;\nworker_processes 1;\npid %s/nginx.pid;\n"
	    "error_log %s/error.log;\nevents { worker_connections 64; }\n"
	    "http {\n access_log off;\n"
	    " client_body_temp_path %s;\n proxy_temp_path %s;\n"
	    " fastcgi_temp_path %s;\n uwsgi_temp_path %s;\n"
	    " scgi_temp_path %s;\n"
	    " server {\n  listen 127.0.0.1:%d ssl;\n"
	    "  ssl_certificate %s/%s-chain.pem;\n"
	    "  ssl_certificate_key %s/%s.key;\n"
	    "  ssl_protocols TLSv1.2 TLSv1.3;\n"
	    "  ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;\n"
	    "  ssl_stapling off;\n"
	    "  location / { return 204; }\n }\n}\n",
	    srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir, srv.dir,
	    port, srv.dir, leaf, srv.dir, leaf);
	assert_int_equal(testsrv_sh("cd '%s' && cat %s.pem inter.pem > "
	    "%s-chain.pem", srv.dir, leaf, leaf), 0);
	assert_int_equal(testsrv_write(&srv, "nginx.conf", conf), 0);
	assert_int_equal(testsrv_start(&srv, port, argv, 10000), 0);
}

/*
 * A must-staple leaf on nginx without stapling: cert-must-staple; on
 * s_server with -status_file (a "good" response of the test CA): the
 * staple is there and says good.
 */
static void
test_must_staple(void **state)
{
	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_pki();
	nginx("staple");
	(void)scan("--ca-file %s/root.pem localhost:%d", srv.dir, srv.port);
	assert_true(json_is_true(json_object_get(cert("RSA", 0),
	    "must_staple")));
	assert_true(json_is_false(json_object_get(chain("RSA"),
	    "ocsp_stapled")));
	assert_findings("cert-must-staple");
	assert_string_equal(evidence_of("cert-must-staple"), "RSA chain: "
	    "CN=localhost is must-staple (RFC 7633), but no OCSP response "
	    "was stapled");
	assert_int_equal(testsrv_sh("cd '%s' && printf "
	    "'V\\t300101000000Z\\t\\t%%s\\tunknown\\t/CN=localhost\\n' "
	    "$(openssl x509 -in staple.pem -noout -serial | cut -d= -f2) "
	    "> index.txt && openssl ocsp -index index.txt -rsigner inter.pem "
	    "-rkey inter.key -CA inter.pem -issuer inter.pem -cert staple.pem "
	    "-respout resp.der -ndays 2 >/dev/null 2>&1", srv.dir), 0);
	s_server(&srv2, "-cert staple.pem -key staple.key -cert_chain "
	    "inter.pem -status_file resp.der " CIPHERS);
	(void)scan("--ca-file %s/root.pem localhost:%d", srv.dir, srv2.port);
	assert_true(json_is_true(json_object_get(chain("RSA"),
	    "ocsp_stapled")));
	assert_string_equal(str(chain("RSA"), "ocsp_status"), "good");
	assert_findings("");
	/* a staple that says revoked is reported as it says */
	testsrv_stop(&srv2);
	assert_int_equal(testsrv_sh("cd '%s' && printf "
	    "'R\\t300101000000Z\\t251201000000Z\\t%%s\\tunknown\\t"
	    "/CN=localhost\\n' "
	    "$(openssl x509 -in staple.pem -noout -serial | cut -d= -f2) "
	    "> index.txt && openssl ocsp -index index.txt -rsigner inter.pem "
	    "-rkey inter.key -CA inter.pem -issuer inter.pem -cert staple.pem "
	    "-respout resp.der -ndays 2 >/dev/null 2>&1", srv.dir), 0);
	s_server(&srv2, "-cert staple.pem -key staple.key -cert_chain "
	    "inter.pem -status_file resp.der " CIPHERS);
	(void)scan("--ca-file %s/root.pem localhost:%d", srv.dir, srv2.port);
	assert_string_equal(str(chain("RSA"), "ocsp_status"), "revoked");
}

/*
 * Certificate Transparency, with the test root as the "system" store
 * (SSL_CERT_DIR): no SCT at all is cert-no-sct (info); one embedded in
 * the certificate, or one in the TLS extension, is enough; through
 * --ca-file (a private CA) no SCT is expected.
 */
static void
test_sct(void **state)
{
	char dir[512];
	json_t *s;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	make_pki();
	assert_int_equal(testsrv_write(&srv, "si.pem", SERVERINFO), 0);
	assert_int_equal(testsrv_sh("cd '%s' && mkdir store && cp root.pem "
	    "store/ && openssl rehash store", srv.dir), 0);
	snprintf(dir, sizeof(dir), "%s/store", srv.dir);
	s_server(&srv2, "-cert plain.pem -key plain.key -cert_chain inter.pem "
	    CIPHERS);
	(void)scan("localhost:%d", srv2.port);	/* the real system store */
	assert_true(json_is_false(json_object_get(chain("RSA"), "valid")));
	assert_findings("cert-untrusted");
	assert_int_equal(setenv("SSL_CERT_DIR", dir, 1), 0);
	(void)scan("localhost:%d", srv2.port);
	assert_true(json_is_true(json_object_get(chain("RSA"), "valid")));
	assert_findings("cert-no-sct");
	assert_string_equal(evidence_of("cert-no-sct"), "RSA chain: no SCT in "
	    "CN=localhost, the TLS extension or the OCSP staple");
	(void)scan("--ca-file %s/root.pem localhost:%d", srv.dir, srv2.port);
	assert_findings("");
	testsrv_stop(&srv2);
	/* embedded */
	s_server(&srv2, "-cert sct.pem -key sct.key -cert_chain inter.pem "
	    CIPHERS);
	(void)scan("localhost:%d", srv2.port);
	s = json_array_get(json_object_get(cert("RSA", 0), "scts"), 0);
	assert_non_null(s);
	assert_string_equal(str(s, "log_id"), SCT_LOG_A5);
	assert_string_equal(str(s, "timestamp"), "2025-12-05T00:00:00Z");
	assert_string_equal(str(s, "source"), "certificate");
	assert_int_equal(json_array_size(json_object_get(chain("RSA"),
	    "scts")), 0);
	assert_findings("");
	testsrv_stop(&srv2);
	/* in the TLS extension (TLS 1.2: s_server's serverinfo) */
	s_server(&srv2, "-cert plain.pem -key plain.key -cert_chain inter.pem "
	    "-serverinfo si.pem -no_tls1_3 " CIPHERS);
	(void)scan("localhost:%d", srv2.port);
	s = json_array_get(json_object_get(chain("RSA"), "scts"), 0);
	assert_non_null(s);
	assert_string_equal(str(s, "log_id"), SCT_LOG_5A);
	assert_string_equal(str(s, "timestamp"), "2025-12-06T00:00:00Z");
	assert_string_equal(str(s, "source"), "tls-extension");
	assert_findings("");
	assert_int_equal(unsetenv("SSL_CERT_DIR"), 0);
}

/*
 * The scripted legacy server (SSLv3 and TLS 1.0 with RC4 and export
 * suites, which OpenSSL 3 refuses): its certificate, from the Certificate
 * message of the scanner's own hello, in all three formats.
 */
static void
test_legacy_from_hello(void **state)
{
	char cmd[1024], *out;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	itest_start_script(&srv, "legacy-tls-server", "--versions ssl3,tls1.0 "
	    "--suites 0x0004,0x0003");
	(void)scan("--sni legacy.test 127.0.0.1:%d", srv.port);
	assert_true(json_is_null(json_object_get(tls, "certificate_error")));
	assert_string_equal(str(chain("ECDSA"), "source"), "hello");
	assert_string_equal(str(chain("ECDSA"), "version"), "TLSv1.0");
	assert_true(json_is_null(json_object_get(chain("ECDSA"),
	    "ocsp_stapled")));
	assert_true(json_is_null(json_object_get(tls, "ocsp_stapled")));
	assert_string_equal(str(cert("ECDSA", 0), "subject"), "CN=legacy.test");
	assert_int_equal(json_integer_value(json_object_get(cert("ECDSA", 0),
	    "key_bits")), 256);
	assert_string_equal(str(cert("ECDSA", 0), "serial"),
	    "1348C39394AD9892845E8E0D17D2B57ADF559937");
	snprintf(cmd, sizeof(cmd), "%s --sni legacy.test 127.0.0.1:%d | "
	    "grep 'certificate chain'", itest_scanner, srv.port);
	out = itest_capture(cmd, NULL);
	assert_non_null(strstr(out, "(ECDSA, TLSv1.0, from the hello's "
	    "Certificate message)"));
	free(out);
	snprintf(cmd, sizeof(cmd), "%s -o xml 127.0.0.1:%d | xmllint "
	    "--xpath 'string(//chain/@source)' -", itest_scanner, srv.port);
	out = itest_capture(cmd, NULL);
	assert_string_equal(out, "hello\n");
	free(out);
}

static int
stop_servers(void **state)
{
	(void)state;
	testsrv_stop(&srv2);
	testsrv_stop(&srv);
	json_decref(result);
	result = tls = NULL;
	(void)unsetenv("SSL_CERT_DIR");
	return 0;
}

#define T(f)	cmocka_unit_test_teardown(f, stop_servers)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_chain_order),
		T(test_usage),
		T(test_must_staple),
		T(test_sct),
		T(test_legacy_from_hello),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
