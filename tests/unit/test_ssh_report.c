/*
 * Unit tests of the SSH observations -> findings rows (policy.c with
 * scanner/ssh/ssh_policy.c) and of the SSH renderers (ssh_report.c):
 * exact finding sets and exact JSON, XML and text for a hand-built result.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "scanner/policy.h"
#include "scanner/scan.h"
#include "scanner/ssh/ssh_policy.h"
#include "scanner/ssh/ssh_report.h"
#include "scanner/ssh/ssh_scan.h"

static const uint8_t cookie[16];

static void
set_auth(struct ssh_result *r, const char *const *m, size_t n)
{
	size_t i;

	assert_non_null(r->auth_methods = calloc(n + 1, sizeof(char *)));
	for (i = 0; i < n; i++)
		assert_non_null(r->auth_methods[i] = strdup(m[i]));
	r->nauth_methods = n;
}

/*
 * A scanned result from a server that sent these lists and (auth not
 * NULL) offered these n auth methods.
 */
static struct ssh_result *
make(const char *ident, const char *const lists[SSH_L_COUNT],
    const char *const *auth, size_t n)
{
	struct ssh_result *r;
	struct wbuf w;
	char err[256];

	assert_non_null(r = ssh_result_new());
	wbuf_init(&w, 65536);
	assert_int_equal(wbuf_put_bytes(&w, ident, strlen(ident)), BUF_OK);
	if (lists != NULL)
		assert_int_equal(ssh_kex_build_kexinit(&w, lists, cookie, 0),
		    0);
	assert_int_equal(ssh_kex_parse(w.p, w.len, &r->hello, err,
	    sizeof(err)), 0);
	wbuf_release(&w);
	r->scanned = 1;
	if (auth != NULL)
		set_auth(r, auth, n);
	return r;
}

static void
add_key(struct ssh_result *r, const char *type, int bits, const char *fp)
{
	struct ssh_hostkey *k;

	r->host_keys = realloc(r->host_keys, (r->nhost_keys + 1) *
	    sizeof(*k));
	assert_non_null(r->host_keys);
	k = &r->host_keys[r->nhost_keys++];
	memset(k, 0, sizeof(*k));
	snprintf(k->type, sizeof(k->type), "%s", type);
	k->bits = bits;
	snprintf(k->sha256, sizeof(k->sha256), "%s", fp);
}

/* The finding ids of r, in table order, joined by spaces. */
static void
findings(struct ssh_result *s, char *out, size_t len)
{
	struct scan_result r;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.service = "ssh";
	r.ssh = s;
	assert_int_equal(policy_evaluate(&r), 0);
	out[0] = '\0';
	for (i = 0; i < r.nfindings; i++) {
		if (i > 0)
			strncat(out, " ", len - strlen(out) - 1);
		strncat(out, r.findings[i].id, len - strlen(out) - 1);
		/* Every SSH finding cites § 6, stk. 2. */
		assert_int_equal(strncmp(basis_text(r.findings[i].basis),
		    "§ 6, stk. 2, nr. ", strlen("§ 6, stk. 2, nr. ")), 0);
		assert_true(r.findings[i].evidence[0] != '\0');
	}
	free(r.findings);
}

/* ssh_report_json() of s, dumped compactly, must be want. */
static void
assert_json(const struct ssh_result *s, const char *want)
{
	json_t *j;
	char *out;

	assert_non_null(j = ssh_report_json(s));
	assert_non_null(out = json_dumps(j, JSON_COMPACT |
	    JSON_PRESERVE_ORDER));
	assert_string_equal(out, want);
	free(out);
	json_decref(j);
}

static const char *const legacy[SSH_L_COUNT] = {
	"diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,"
	    "curve25519-sha256",
	"ssh-rsa,ssh-dss",
	"aes128-cbc,3des-cbc,arcfour,aes128-ctr",
	"aes128-cbc,aes128-ctr",
	"hmac-md5,hmac-sha1-96,hmac-sha2-256",
	"umac-64@openssh.com,hmac-sha2-256",
	"none,zlib",
	"none,zlib@openssh.com",
	NULL, NULL,
};

static const char *const modern[SSH_L_COUNT] = {
	"curve25519-sha256,kex-strict-s-v00@openssh.com",
	"ssh-ed25519,rsa-sha2-512",
	"chacha20-poly1305@openssh.com,aes256-gcm@openssh.com",
	"chacha20-poly1305@openssh.com,aes256-gcm@openssh.com",
	"hmac-sha2-512-etm@openssh.com",
	"hmac-sha2-512-etm@openssh.com",
	"none,zlib@openssh.com",
	"none,zlib@openssh.com",
	NULL, NULL,
};

static void
test_legacy_findings(void **state)
{
	const char *const auth[] = { "publickey", "password",
	    "keyboard-interactive" };
	struct ssh_result *s;
	char ids[1024];

	(void)state;
	s = make("SSH-2.0-Old\r\n", legacy, auth, 3);
	add_key(s, "ssh-rsa", 2048, "SHA256:x");
	findings(s, ids, sizeof(ids));
	assert_string_equal(ids, "ssh-kex-sha1 ssh-hostkey-sha1 "
	    "ssh-rsa-key-short ssh-cipher-arcfour ssh-cipher-3des "
	    "ssh-cipher-cbc ssh-mac-weak ssh-compression-preauth "
	    "ssh-auth-password ssh-auth-keyboard-interactive");
	/* A 1024-bit key is the high finding, not the medium one. */
	s->host_keys[0].bits = 1024;
	findings(s, ids, sizeof(ids));
	assert_non_null(strstr(ids, "ssh-rsa-key-weak"));
	assert_null(strstr(ids, "ssh-rsa-key-short"));
	s->host_keys[0].bits = 3072;
	findings(s, ids, sizeof(ids));
	assert_null(strstr(ids, "ssh-rsa-key"));
	ssh_result_free(&s);
}

static void
test_modern_has_none(void **state)
{
	const char *const auth[] = { "publickey" };
	struct ssh_result *s;
	char ids[1024];

	(void)state;
	s = make("SSH-2.0-New\r\n", modern, auth, 1);
	add_key(s, "ssh-ed25519", 256, "SHA256:y");
	add_key(s, "ssh-rsa", 4096, "SHA256:z");
	findings(s, ids, sizeof(ids));
	assert_string_equal(ids, "");
	ssh_result_free(&s);
}

static void
test_terrapin_ssh1_none(void **state)
{
	const char *lists[SSH_L_COUNT];
	const char *const none[] = { "none" };
	struct ssh_result *s;
	char ids[1024];

	(void)state;
	memcpy(lists, modern, sizeof(lists));
	lists[0] = "curve25519-sha256";
	s = make("SSH-1.99-Both\r\n", lists, none, 1);
	findings(s, ids, sizeof(ids));
	assert_string_equal(ids, "ssh-protocol-1 ssh-terrapin ssh-auth-none");
	ssh_result_free(&s);
	s = make("SSH-1.5-Old\n", NULL, NULL, 0);
	findings(s, ids, sizeof(ids));
	assert_string_equal(ids, "ssh-protocol-1");
	ssh_result_free(&s);
	/* An unscanned target has no SSH findings. */
	s = ssh_result_new();
	findings(s, ids, sizeof(ids));
	assert_string_equal(ids, "");
	ssh_result_free(&s);
}

static void
test_json(void **state)
{
	const char *lists[SSH_L_COUNT] = { "curve25519-sha256,ext-info-s",
	    "ssh-ed25519", "aes128-ctr", "aes256-ctr", "hmac-sha2-256",
	    "hmac-sha2-512", "none", "none,zlib@openssh.com", NULL, NULL };
	const char *const auth[] = { "publickey", "password" };
	struct ssh_result *s;

	(void)state;
	s = make("SSH-2.0-X_1 c\r\n", lists, auth, 2);
	add_key(s, "ssh-ed25519", 256, "SHA256:abc");
	assert_non_null(s->host_keys_error = strdup("rsa: no"));
	assert_json(s, "{\"banner\":\"SSH-2.0-X_1 c\","
	    "\"software\":\"X_1\",\"protocol\":\"2.0\","
	    "\"kex\":[\"curve25519-sha256\",\"ext-info-s\"],"
	    "\"host_key_algorithms\":[\"ssh-ed25519\"],"
	    "\"ciphers_c2s\":[\"aes128-ctr\"],\"ciphers_s2c\":[\"aes256-ctr\"],"
	    "\"macs_c2s\":[\"hmac-sha2-256\"],\"macs_s2c\":[\"hmac-sha2-512\"],"
	    "\"compression_c2s\":[\"none\"],"
	    "\"compression_s2c\":[\"none\",\"zlib@openssh.com\"],"
	    "\"first_kex_packet_follows\":false,\"strict_kex\":false,"
	    "\"ext_info\":true,\"terrapin\":false,"
	    "\"host_keys\":[{\"type\":\"ssh-ed25519\",\"bits\":256,"
	    "\"sha256\":\"SHA256:abc\"}],\"host_keys_error\":\"rsa: no\","
	    "\"auth_methods\":[\"publickey\",\"password\"],"
	    "\"auth_error\":null}");
	ssh_result_free(&s);
	/* SSH-1 only: the lists were not seen, so they are null. */
	s = make("SSH-1.5-Old\n", NULL, NULL, 0);
	assert_non_null(s->auth_error = strdup("the server speaks only SSH-1"));
	assert_json(s, "{\"banner\":\"SSH-1.5-Old\","
	    "\"software\":\"Old\",\"protocol\":\"1.5\",\"kex\":null,"
	    "\"host_key_algorithms\":null,\"ciphers_c2s\":null,"
	    "\"ciphers_s2c\":null,\"macs_c2s\":null,\"macs_s2c\":null,"
	    "\"compression_c2s\":null,\"compression_s2c\":null,"
	    "\"first_kex_packet_follows\":null,\"strict_kex\":false,"
	    "\"ext_info\":false,\"terrapin\":false,\"host_keys\":[],"
	    "\"host_keys_error\":null,\"auth_methods\":null,"
	    "\"auth_error\":\"the server speaks only SSH-1\"}");
	ssh_result_free(&s);
}

static void
test_xml_and_text(void **state)
{
	const char *lists[SSH_L_COUNT] = { "curve25519-sha256", "ssh-ed25519",
	    "aes128-ctr", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256",
	    "none", "none", NULL, NULL };
	const char *const auth[] = { "publickey" };
	struct ssh_result *s;
	struct xml_out x = { 0 };
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlBufferPtr buf;
	char *text = NULL;
	size_t tlen = 0;
	FILE *f;

	(void)state;
	s = make("SSH-2.0-X <&>\r\n", lists, auth, 1);
	add_key(s, "ssh-ed25519", 256, "SHA256:abc");
	assert_non_null(doc = xmlNewDoc((const xmlChar *)"1.0"));
	root = xmlNewNode(NULL, (const xmlChar *)"t");
	xmlDocSetRootElement(doc, root);
	assert_int_equal(ssh_report_xml(&x, root, s), 0);
	assert_non_null(buf = xmlBufferCreate());
	assert_true(xmlNodeDump(buf, doc, root, 0, 0) > 0);
	assert_string_equal((const char *)xmlBufferContent(buf), "<t><ssh "
	    "strict_kex=\"false\" ext_info=\"false\" terrapin=\"false\">"
	    "<banner>SSH-2.0-X &lt;&amp;&gt;</banner>"
	    "<software>X</software><protocol>2.0</protocol>"
	    "<kex><algorithm>curve25519-sha256</algorithm></kex>"
	    "<host_key_algorithms><algorithm>ssh-ed25519</algorithm>"
	    "</host_key_algorithms>"
	    "<ciphers_c2s><algorithm>aes128-ctr</algorithm></ciphers_c2s>"
	    "<ciphers_s2c><algorithm>aes128-ctr</algorithm></ciphers_s2c>"
	    "<macs_c2s><algorithm>hmac-sha2-256</algorithm></macs_c2s>"
	    "<macs_s2c><algorithm>hmac-sha2-256</algorithm></macs_s2c>"
	    "<compression_c2s><algorithm>none</algorithm></compression_c2s>"
	    "<compression_s2c><algorithm>none</algorithm></compression_s2c>"
	    "<first_kex_packet_follows>false</first_kex_packet_follows>"
	    "<host_keys><host_key type=\"ssh-ed25519\" bits=\"256\" "
	    "sha256=\"SHA256:abc\"/></host_keys>"
	    "<host_keys_error null=\"true\"/>"
	    "<auth_methods><method>publickey</method></auth_methods>"
	    "<auth_error null=\"true\"/>"
	    "</ssh></t>");
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
	assert_non_null(f = open_memstream(&text, &tlen));
	assert_int_equal(ssh_report_text(f, s), 0);
	fclose(f);
	assert_string_equal(text,
	    "  banner: SSH-2.0-X <&> (protocol 2.0)\n"
	    "  kex: curve25519-sha256\n"
	    "  host key algorithms: ssh-ed25519\n"
	    "  ciphers: aes128-ctr\n"
	    "  MACs: hmac-sha2-256\n"
	    "  compression: none\n"
	    "  strict kex: no, ext-info: no, first kex packet follows: no, "
	    "Terrapin: not exposed\n"
	    "  host key: ssh-ed25519 256 bits SHA256:abc\n"
	    "  auth methods: publickey\n");
	free(text);
	ssh_result_free(&s);
}

/*
 * Every field JSON writes as null is an element marked null="true" in
 * XML, never left out or written as text: a target that sent nothing.
 */
static void
test_xml_nulls(void **state)
{
	struct ssh_result *s;
	struct xml_out x = { 0 };
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlBufferPtr buf;

	(void)state;
	assert_non_null(s = ssh_result_new());
	assert_non_null(doc = xmlNewDoc((const xmlChar *)"1.0"));
	root = xmlNewNode(NULL, (const xmlChar *)"t");
	xmlDocSetRootElement(doc, root);
	assert_int_equal(ssh_report_xml(&x, root, s), 0);
	assert_non_null(buf = xmlBufferCreate());
	assert_true(xmlNodeDump(buf, doc, root, 0, 0) > 0);
	assert_string_equal((const char *)xmlBufferContent(buf), "<t><ssh "
	    "strict_kex=\"false\" ext_info=\"false\" terrapin=\"false\">"
	    "<banner null=\"true\"/><software null=\"true\"/>"
	    "<protocol null=\"true\"/><kex null=\"true\"/>"
	    "<host_key_algorithms null=\"true\"/>"
	    "<ciphers_c2s null=\"true\"/><ciphers_s2c null=\"true\"/>"
	    "<macs_c2s null=\"true\"/><macs_s2c null=\"true\"/>"
	    "<compression_c2s null=\"true\"/>"
	    "<compression_s2c null=\"true\"/>"
	    "<first_kex_packet_follows null=\"true\"/><host_keys/>"
	    "<host_keys_error null=\"true\"/><auth_methods null=\"true\"/>"
	    "<auth_error null=\"true\"/></ssh></t>");
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
	ssh_result_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_findings),
		cmocka_unit_test(test_modern_has_none),
		cmocka_unit_test(test_terrapin_ssh1_none),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_xml_and_text),
		cmocka_unit_test(test_xml_nulls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
