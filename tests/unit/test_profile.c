/*
 * Unit tests of baseline profiles (scanner/profile.c) and of matching
 * them (policy.c): every shipped profile parses; each kind of error is
 * told with file and line; unknown elements and attributes are refused;
 * oversize input is refused; rules fire on hand-built results.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/profile.h"
#include "scanner/scan.h"
#include "scanner/ssh/ssh_scan.h"
#include "scanner/tls/tls_suites.h"

#define HEAD "<?xml version=\"1.0\"?>\n" \
	"<profile name=\"t\" version=\"1\">\n" \
	"  <title>T</title>\n  <source>S</source>\n"
#define RULE(attrs, body) "  <rule id=\"r1\" severity=\"high\" " \
	"basis=\"§ 6, stk. 2, nr. 8\" regulation=\"9\" section=\"x\"" attrs \
	">\n    " body "\n  </rule>\n"
#define TAIL "</profile>\n"

static struct profile *
parse(const char *text, char *err, size_t len)
{
	err[0] = '\0';
	return profile_parse("t.xml", text, strlen(text), err, len);
}

/* text must be refused with exactly this message. */
static void
assert_refused(const char *text, const char *want)
{
	struct profile *pf;
	char err[512];

	pf = parse(text, err, sizeof(err));
	assert_null(pf);
	assert_string_equal(err, want);
}

static void
test_shipped(void **state)
{
	static const char *const names[] = { "tilsyn", "mozilla-modern",
	    "mozilla-intermediate", "mozilla-old", "bsi-tr-02102-2",
	    "ssh-hardened" };
	struct profile *pf;
	char err[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		pf = profile_find(names[i], err, sizeof(err));
		if (pf == NULL)
			fail_msg("%s: %s", names[i], err);
		assert_string_equal(pf->name, names[i]);
		assert_true(pf->nrules > 0);
		assert_int_equal(strlen(pf->sha256), 64);
		profile_free(&pf);
		assert_null(pf);
	}
	/* The built-in copy is tilsyn.xml byte for byte. */
	assert_non_null(pf = profile_find("tilsyn", err, sizeof(err)));
	assert_string_equal(pf->sha256, profile_builtin()->sha256);
	assert_int_equal(pf->nrules, 61);
	assert_true(pf->has_tls && pf->has_ssh);
	profile_free(&pf);
	assert_non_null(pf = profile_find("ssh-hardened", err, sizeof(err)));
	assert_true(!pf->has_tls && pf->has_ssh);
	profile_free(&pf);
}

static void
test_good(void **state)
{
	struct profile *pf;
	char err[512];

	(void)state;
	pf = parse(HEAD RULE("", "<!-- why -->\n<suites-allowed>\n"
	    "<suite>TLS_AES_128_GCM_SHA256</suite>\n"
	    "<suite>ECDHE-RSA-AES128-GCM-SHA256</suite>\n</suites-allowed>")
	    TAIL, err, sizeof(err));
	if (pf == NULL)
		fail_msg("%s", err);
	assert_string_equal(pf->name, "t");
	assert_string_equal(pf->version, "1");
	assert_string_equal(pf->title, "T");
	assert_string_equal(pf->source, "S");
	assert_int_equal(pf->nrules, 1);
	assert_string_equal(pf->rules[0].id, "r1");
	assert_int_equal(pf->rules[0].severity, SEV_HIGH);
	assert_int_equal(pf->rules[0].basis, BASIS_S6_NR8);
	assert_int_equal(pf->rules[0].regulation, BASIS_REG_2690_CRYPTO);
	assert_int_equal(pf->rules[0].kind, MK_SUITES_ALLOWED);
	assert_int_equal(pf->rules[0].ncodes, 2);
	assert_int_equal(pf->rules[0].codes[0], 0x1301);
	assert_int_equal(pf->rules[0].codes[1], 0xC02F);
	assert_int_equal(pf->rules[0].line, 5);
	profile_free(&pf);
}

static void
test_errors(void **state)
{
	char big[PROFILE_MAX_BYTES + 2];

	(void)state;
	/* Syntax: libxml2's message and line. */
	assert_refused(HEAD "  <rule>\n" TAIL,
	    "t.xml:6: Opening and ending tag mismatch: rule line 5 and "
	    "profile");
	assert_refused("", "t.xml:1: Document is empty");
	/* Unknown keys, each with its line. */
	assert_refused(HEAD RULE(" colour=\"red\"", "<compression/>") TAIL,
	    "t.xml:5: unknown attribute 'colour' on <rule>");
	assert_refused(HEAD "  <author>me</author>\n" TAIL,
	    "t.xml:5: unknown element <author> in <profile>");
	assert_refused(HEAD RULE("", "<teleport/>") TAIL,
	    "t.xml:6: unknown match <teleport>");
	assert_refused(HEAD RULE("", "<dh min-bits=\"2048\" max=\"1\"/>")
	    TAIL, "t.xml:6: unknown attribute 'max' on <dh>");
	assert_refused(HEAD RULE("", "<suites-allowed>\n<cipher>x</cipher>"
	    "\n</suites-allowed>") TAIL, "t.xml:7: unknown element <cipher> "
	    "in <suites-allowed> (want <suite>)");
	/* Values. */
	assert_refused(HEAD RULE("", "<dh min-bits=\"lots\"/>") TAIL,
	    "t.xml:6: min-bits 'lots': want 1 to 65536");
	assert_refused(HEAD RULE("", "<version name=\"TLSv1.4\"/>") TAIL,
	    "t.xml:6: unknown protocol version 'TLSv1.4'");
	assert_refused(HEAD RULE("", "<suites with=\"rc5\"/>") TAIL,
	    "t.xml:6: unknown suite property 'rc5'");
	assert_refused(HEAD RULE("", "<suites-forbidden><suite>TLS_NOPE"
	    "</suite></suites-forbidden>") TAIL,
	    "t.xml:6: unknown cipher suite 'TLS_NOPE'");
	assert_refused(HEAD RULE("", "<groups-allowed><group>p256"
	    "</group></groups-allowed>") TAIL,
	    "t.xml:6: unknown group 'p256'");
	assert_refused(HEAD RULE("", "<cert-key-types allowed=\"EC GOST\"/>")
	    TAIL, "t.xml:6: unknown key type 'GOST'");
	assert_refused(HEAD RULE("", "<ssh-auth method=\"telnet\"/>") TAIL,
	    "t.xml:6: unknown auth method 'telnet'");
	assert_refused(HEAD "  <rule id=\"r1\" severity=\"dire\" basis=\""
	    "§ 6, stk. 2, nr. 8\" regulation=\"9\" section=\"x\">\n"
	    "<compression/></rule>\n" TAIL, "t.xml:5: severity 'dire': want "
	    "info, low, medium, high or critical");
	assert_refused(HEAD "  <rule id=\"r1\" severity=\"low\" basis=\""
	    "§ 99\" regulation=\"9\" section=\"x\">\n<compression/></rule>\n"
	    TAIL, "t.xml:5: basis '§ 99': want a paragraph of § 6 as in "
	    "\"§ 6, stk. 2, nr. 8\"");
	assert_refused(HEAD RULE("", "<compression/>") RULE("",
	    "<compression/>") TAIL, "t.xml:8: rule id 'r1' also on line 5");
	assert_refused(HEAD RULE("", "<compression/><dh min-bits=\"1\"/>")
	    TAIL, "t.xml:5: rule 'r1' has more than one match element");
	assert_refused(HEAD RULE("", "") TAIL,
	    "t.xml:5: rule 'r1' has no match element");
	assert_refused(HEAD RULE("", "<cert-key type=\"RSA\"/>") TAIL,
	    "t.xml:6: <cert-key> needs the attribute 'min-bits'");
	assert_refused(HEAD TAIL, "t.xml:2: a profile has a <title>, a "
	    "<source> and at least one <rule>");
	assert_refused("<?xml version=\"1.0\"?>\n<!DOCTYPE profile [\n"
	    "<!ENTITY a \"b\">]>\n<profile/>\n",
	    "t.xml:2: a DOCTYPE is not allowed");
	assert_refused("<?xml version=\"1.0\"?>\n<rules/>\n",
	    "t.xml:2: the root element is <rules>, not <profile>");
	/* Oversize, whatever it holds. */
	memset(big, ' ', sizeof(big));
	big[sizeof(big) - 1] = '\0';
	assert_refused(big, "t.xml: larger than 262144 bytes");
}

/* The ids of r's findings under pf, joined by spaces. */
static void
ids(const struct profile *pf, struct scan_result *r, char *out, size_t len)
{
	size_t i;

	policy_use(pf);
	assert_int_equal(policy_evaluate(r), 0);
	policy_use(NULL);
	out[0] = '\0';
	for (i = 0; i < r->nfindings; i++) {
		if (i > 0)
			strncat(out, " ", len - strlen(out) - 1);
		strncat(out, r->findings[i].id, len - strlen(out) - 1);
	}
}

static void
add_suite(struct scan_result *r, int v, uint32_t code)
{
	r->tls.versions[v] = 1;
	r->tls.suites[v][r->tls.nsuites[v]++] = code;
}

static void
test_match_tls(void **state)
{
	struct profile *modern, *inter, *pf;
	struct scan_result r;
	char err[512], out[512];

	(void)state;
	assert_non_null(modern = profile_find("mozilla-modern", err,
	    sizeof(err)));
	assert_non_null(inter = profile_find("mozilla-intermediate", err,
	    sizeof(err)));
	memset(&r, 0, sizeof(r));
	r.has_tls = 1;
	add_suite(&r, TLS_V_TLS13, 0x1301);
	add_suite(&r, TLS_V_TLS12, 0xC02F);
	r.tls.groups[r.tls.ngroups++] = TLS_GROUP_X25519;
	r.tls.secure_renegotiation = 1;
	ids(inter, &r, out, sizeof(out));
	assert_string_equal(out, "");
	ids(modern, &r, out, sizeof(out));
	assert_string_equal(out, "tls-tls12 tls-suites-outside");
	assert_string_equal(r.findings[1].evidence, "1 suites: "
	    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (TLSv1.2)");
	/* A CBC suite and a group outside the list fail intermediate. */
	add_suite(&r, TLS_V_TLS12, 0xC013);
	r.tls.groups[r.tls.ngroups++] = 25;
	r.tls.dh_bits = 1024;
	ids(inter, &r, out, sizeof(out));
	assert_string_equal(out, "tls-suites-outside tls-groups-outside "
	    "tls-dh-weak");
	assert_string_equal(r.findings[1].evidence,
	    "groups outside the profile: secp521r1");
	free(r.findings);
	profile_free(&modern);
	profile_free(&inter);

	/* Suite properties, forbidden lists and the lifetime of the leaf. */
	pf = parse(HEAD RULE("", "<suites with=\"cbc sha1\"/>")
	    "  <rule id=\"r2\" severity=\"low\" basis=\"§ 6, stk. 2, nr. 5\""
	    " regulation=\"6.10\" section=\"y\">\n<suites-forbidden><suite>"
	    "TLS_AES_128_GCM_SHA256</suite></suites-forbidden></rule>\n"
	    "  <rule id=\"r3\" severity=\"low\" basis=\"§ 6, stk. 2, nr. 5\""
	    " regulation=\"6.10\" section=\"y\">\n<cert-lifetime max-days="
	    "\"366\"/></rule>\n" TAIL, err, sizeof(err));
	if (pf == NULL)
		fail_msg("%s", err);
	memset(&r, 0, sizeof(r));
	r.has_tls = 1;
	add_suite(&r, TLS_V_TLS13, 0x1302);
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "");
	add_suite(&r, TLS_V_TLS13, 0x1301);
	add_suite(&r, TLS_V_TLS10, 0x002F);
	char subject[] = "CN=a";
	struct cert_info c = { 0 };

	c.subject = subject;
	snprintf(c.not_before, sizeof(c.not_before), "2024-01-01T00:00:00Z");
	snprintf(c.not_after, sizeof(c.not_after), "2026-01-01T00:00:00Z");
	r.cert.certs = &c;
	r.cert.ncerts = 1;
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "r1 r2 r3");
	assert_string_equal(r.findings[2].evidence,
	    "CN=a: valid for 731 days, more than 366");
	snprintf(c.not_after, sizeof(c.not_after), "2024-12-31T00:00:00Z");
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "r1 r2");
	free(r.findings);
	profile_free(&pf);
}

static void
test_match_ssh(void **state)
{
	struct ssh_result *s;
	struct scan_result r;
	struct profile *pf;
	char err[512], out[512];
	static char k1[] = "curve25519-sha256", k2[] = "ext-info-s",
	    k3[] = "diffie-hellman-group14-sha1", e1[] = "aes128-ctr",
	    e2[] = "aes128-cbc";
	static char *kex[] = { k1, k2, k3 };
	static char *enc[] = { e1, e2 };

	(void)state;
	assert_non_null(pf = profile_find("ssh-hardened", err, sizeof(err)));
	assert_non_null(s = ssh_result_new());
	s->scanned = 1;
	s->hello.has_kexinit = 1;
	s->hello.strict_kex = 1;
	s->hello.lists[SSH_L_KEX].v = kex;
	s->hello.lists[SSH_L_KEX].n = 3;
	s->hello.lists[SSH_L_ENC_C2S].v = enc;
	s->hello.lists[SSH_L_ENC_C2S].n = 2;
	s->hello.lists[SSH_L_ENC_S2C].v = enc;
	s->hello.lists[SSH_L_ENC_S2C].n = 1;
	memset(&r, 0, sizeof(r));
	r.ssh = s;
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "ssh-kex-outside ssh-cipher-outside");
	assert_string_equal(r.findings[0].evidence, "key exchange outside "
	    "the profile offered: diffie-hellman-group14-sha1");
	assert_string_equal(r.findings[1].evidence, "cipher outside the "
	    "profile offered: aes128-cbc");
	/* A TLS-only profile gives an SSH target nothing. */
	profile_free(&pf);
	assert_non_null(pf = profile_find("mozilla-modern", err, sizeof(err)));
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "");
	free(r.findings);
	profile_free(&pf);
	/* Not ours to free. */
	memset(&s->hello.lists, 0, sizeof(s->hello.lists));
	ssh_result_free(&s);
}

/* The kinds no shipped profile uses, on hand-built results. */
static void
test_match_more(void **state)
{
	static char h1[] = "ssh-ed25519", h2[] = "ssh-dss";
	static char *hk[] = { h1, h2 };
	char subject[] = "CN=b", err[512], out[512];
	struct cert_info c = { 0 };
	struct ssh_hostkey keys[2];
	struct ssh_result *s;
	struct scan_result r;
	struct profile *pf;

	(void)state;
	pf = parse(HEAD
	    RULE("", "<fallback-scsv/>")
	    "  <rule id=\"ec\" severity=\"low\" basis=\"§ 6, stk. 2, nr. 8\""
	    " regulation=\"9\" section=\"y\"><cert-key type=\"EC\" "
	    "min-bits=\"384\"/></rule>\n"
	    "  <rule id=\"kt\" severity=\"low\" basis=\"§ 6, stk. 2, nr. 8\""
	    " regulation=\"9\" section=\"y\"><cert-key-types allowed=\"RSA "
	    "ED25519\"/></rule>\n"
	    "  <rule id=\"md5\" severity=\"low\" basis=\"§ 6, stk. 2, nr. 8\""
	    " regulation=\"9\" section=\"y\"><cert-signature hash=\"md5\"/>"
	    "</rule>\n"
	    "  <rule id=\"dss\" severity=\"low\" basis=\"§ 6, stk. 2, nr. 8\""
	    " regulation=\"9\" section=\"y\"><ssh-forbidden list=\"hostkey\">"
	    "<name>ssh-dss*</name></ssh-forbidden></rule>\n"
	    "  <rule id=\"rsa\" severity=\"low\" basis=\"§ 6, stk. 2, nr. 8\""
	    " regulation=\"9\" section=\"y\"><ssh-rsa-key min-bits=\"4096\" "
	    "floor-bits=\"2048\"/></rule>\n" TAIL, err, sizeof(err));
	if (pf == NULL)
		fail_msg("%s", err);
	memset(&r, 0, sizeof(r));
	r.has_tls = 1;
	r.tls.fallback_scsv = 0;
	c.subject = subject;
	snprintf(c.key_type, sizeof(c.key_type), "EC");
	c.key_bits = 256;
	c.sig_sha1 = 1;
	snprintf(c.sig_alg, sizeof(c.sig_alg), "ecdsa-with-SHA1");
	r.cert.certs = &c;
	r.cert.ncerts = 1;
	assert_non_null(s = ssh_result_new());
	s->scanned = 1;
	s->hello.has_kexinit = 1;
	s->hello.lists[SSH_L_HOSTKEY].v = hk;
	s->hello.lists[SSH_L_HOSTKEY].n = 2;
	memset(keys, 0, sizeof(keys));
	snprintf(keys[0].type, sizeof(keys[0].type), "ssh-rsa");
	keys[0].bits = 1024;
	snprintf(keys[1].type, sizeof(keys[1].type), "ssh-rsa");
	keys[1].bits = 3072;
	snprintf(keys[1].sha256, sizeof(keys[1].sha256), "SHA256:x");
	s->host_keys = keys;
	s->nhost_keys = 2;
	r.ssh = s;
	/* SHA-1 is not MD5; the 1024-bit key is below the floor. */
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "r1 ec kt dss rsa");
	assert_string_equal(r.findings[0].evidence,
	    "TLS_FALLBACK_SCSV not honoured (RFC 7507)");
	assert_string_equal(r.findings[1].evidence, "CN=b: EC key of 256 bits");
	assert_string_equal(r.findings[2].evidence,
	    "CN=b: EC key, not one the profile allows");
	assert_string_equal(r.findings[3].evidence, "host-key algorithm the "
	    "profile forbids offered: ssh-dss");
	assert_string_equal(r.findings[4].evidence, "RSA host key of 3072 "
	    "bits (SHA256:x), less than 4096");
	/* Unknown (not measured) is no finding. */
	r.tls.fallback_scsv = TLS_UNKNOWN;
	c.sig_md5 = 1;
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "ec kt md5 dss rsa");
	free(r.findings);
	profile_free(&pf);
	s->host_keys = NULL;
	s->nhost_keys = 0;
	memset(&s->hello.lists, 0, sizeof(s->hello.lists));
	ssh_result_free(&s);
}

/* The finding id of r, or NULL. */
static const struct finding *
finding(const struct scan_result *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (strcmp(r->findings[i].id, id) == 0)
			return &r->findings[i];
	return NULL;
}

static void
test_cve(void **state)
{
	struct profile *pf;
	char err[512], buf[32];

	(void)state;
	pf = parse(HEAD RULE(" cve=\"  CVE-2013-2566   CVE-2015-2808 \"",
	    "<compression/>") "  <rule id=\"r2\" severity=\"low\" basis=\""
	    "§ 6, stk. 2, nr. 8\" regulation=\"9\" section=\"x\" cve=\""
	    "CVE-2021-3449123\"><compression/></rule>\n"
	    "  <rule id=\"r3\" severity=\"low\" basis=\"§ 6, stk. 2, nr. 8\""
	    " regulation=\"9\" section=\"x\"><compression/></rule>\n" TAIL,
	    err, sizeof(err));
	if (pf == NULL)
		fail_msg("%s", err);
	assert_string_equal(pf->rules[0].cve, "CVE-2013-2566 CVE-2015-2808");
	assert_string_equal(pf->rules[1].cve, "CVE-2021-3449123");
	assert_null(pf->rules[2].cve);
	assert_string_equal(policy_cve_at(pf->rules[0].cve, 0, buf,
	    sizeof(buf)), "CVE-2013-2566");
	assert_string_equal(policy_cve_at(pf->rules[0].cve, 1, buf,
	    sizeof(buf)), "CVE-2015-2808");
	assert_null(policy_cve_at(pf->rules[0].cve, 2, buf, sizeof(buf)));
	assert_null(policy_cve_at(NULL, 0, buf, sizeof(buf)));
	profile_free(&pf);
	assert_refused(HEAD RULE(" cve=\"cve-2014-3566\"", "<compression/>")
	    TAIL, "t.xml:5: cve 'cve-2014-3566': want CVE-YYYY-NNNN");
	assert_refused(HEAD RULE(" cve=\"CVE-2014-356\"", "<compression/>")
	    TAIL, "t.xml:5: cve 'CVE-2014-356': want CVE-YYYY-NNNN");
	assert_refused(HEAD RULE(" cve=\"CVE-14-35660\"", "<compression/>")
	    TAIL, "t.xml:5: cve 'CVE-14-35660': want CVE-YYYY-NNNN");
	assert_refused(HEAD RULE(" cve=\"CVE-2014-3566x\"", "<compression/>")
	    TAIL, "t.xml:5: cve 'CVE-2014-3566x': want CVE-YYYY-NNNN");
	assert_refused(HEAD RULE(" cve=\"CVE-2014-3566,CVE-2014-3567\"",
	    "<compression/>") TAIL, "t.xml:5: cve 'CVE-2014-3566,CVE-2014-3567"
	    "': want CVE-YYYY-NNNN");
	assert_refused(HEAD RULE(" cve=\"CVE-2014-3566 CVE-2014-3566\"",
	    "<compression/>") TAIL,
	    "t.xml:5: cve 'CVE-2014-3566' listed twice");
	assert_refused(HEAD RULE(" cve=\" \"", "<compression/>") TAIL,
	    "t.xml:5: attribute 'cve' of <rule> is empty");
	assert_refused(HEAD RULE(" cve=\"CVE-2001-0001 CVE-2001-0002 "
	    "CVE-2001-0003 CVE-2001-0004 CVE-2001-0005 CVE-2001-0006 "
	    "CVE-2001-0007 CVE-2001-0008 CVE-2001-0009\"", "<compression/>")
	    TAIL, "t.xml:5: more than 8 CVE ids");
}

/* The filters of <suites> and the <any> match: what they refuse. */
static void
test_filters_refused(void **state)
{
	(void)state;
	assert_refused(HEAD RULE("", "<suites with=\"cbc\" version=\"SSLv3 "
	    "TLSv1.4\"/>") TAIL, "t.xml:6: unknown protocol version 'TLSv1.4'");
	assert_refused(HEAD RULE("", "<suites with=\"cbc\" version=\"\"/>")
	    TAIL, "t.xml:6: no protocol version given");
	assert_refused(HEAD RULE("", "<suites with=\"cbc\" kx=\"RSA FOO\"/>")
	    TAIL, "t.xml:6: kx 'FOO': no cipher suite has it");
	assert_refused(HEAD RULE("", "<suites with=\"cbc\" mac=\"SHA1\"/>")
	    TAIL, "t.xml:6: mac 'SHA1': no cipher suite has it");
	assert_refused(HEAD RULE("", "<suites with=\"cbc\" mac=\" \"/>")
	    TAIL, "t.xml:6: attribute 'mac' of <suites> is empty");
	assert_refused(HEAD RULE("", "<suites-allowed version=\"SSLv3\">"
	    "<suite>RC4-SHA</suite></suites-allowed>") TAIL,
	    "t.xml:6: unknown attribute 'version' on <suites-allowed>");
	assert_refused(HEAD RULE("", "<any><compression/></any>") TAIL,
	    "t.xml:6: <any> needs at least two match elements");
	assert_refused(HEAD RULE("", "<any><compression/><any><compression/>"
	    "<dh min-bits=\"1\"/></any></any>") TAIL,
	    "t.xml:6: <any> inside <any>");
	assert_refused(HEAD RULE("", "<any><compression/><ssh-terrapin/></any>")
	    TAIL, "t.xml:6: <any> mixes TLS and SSH matches");
	assert_refused(HEAD RULE("", "<any><compression/><teleport/></any>")
	    TAIL, "t.xml:6: unknown match <teleport>");
	assert_refused(HEAD RULE("", "<any><compression/><dh min-bits=\"x\"/>"
	    "</any>") TAIL, "t.xml:6: min-bits 'x': want 1 to 65536");
	assert_refused(HEAD RULE("", "<any colour=\"red\"><compression/>"
	    "<compression/></any>") TAIL,
	    "t.xml:6: unknown attribute 'colour' on <any>");
}

/* The tilsyn profile on a TLS result with the suites given at v. */
static void
judge(struct scan_result *r, char *out, size_t len)
{
	ids(profile_builtin(), r, out, len);
}

static void
reset(struct scan_result *r)
{
	free(r->findings);
	memset(r, 0, sizeof(*r));
	r->has_tls = 1;
	r->tls.secure_renegotiation = 1;
	r->tls.compression = 0;
	r->tls.fallback_scsv = TLS_UNKNOWN;
}

/* Whether id fired (1) or not (0); its CVE list when it did. */
static int
fired(const struct scan_result *r, const char *id, const char *cve)
{
	const struct finding *f = finding(r, id);

	if (f == NULL)
		return 0;
	if (cve == NULL)
		assert_null(f->cve);
	else {
		assert_non_null(f->cve);
		assert_string_equal(f->cve, cve);
	}
	return 1;
}

/* Each named attack of tilsyn.xml: what makes it fire, and what not. */
static void
test_attacks(void **state)
{
	struct scan_result r;
	char out[1024];

	(void)state;
	memset(&r, 0, sizeof(r));
	/* POODLE: CBC in SSLv3; RC4 in SSLv3 or CBC in TLS 1.0 is not. */
	reset(&r);
	add_suite(&r, TLS_V_SSL3, 0x0005);
	add_suite(&r, TLS_V_TLS10, 0x002F);
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-poodle", NULL));
	assert_true(fired(&r, "tls-beast", "CVE-2011-3389"));
	assert_true(fired(&r, "tls-rc4-suites",
	    "CVE-2013-2566 CVE-2015-2808"));
	add_suite(&r, TLS_V_SSL3, 0x002F);
	judge(&r, out, sizeof(out));
	assert_true(fired(&r, "tls-poodle", "CVE-2014-3566"));
	assert_string_equal(finding(&r, "tls-poodle")->evidence, "1 suites: "
	    "TLS_RSA_WITH_AES_128_CBC_SHA (SSLv3)");
	assert_int_equal(finding(&r, "tls-poodle")->basis, BASIS_S6_NR8);
	assert_int_equal(finding(&r, "tls-poodle")->severity, SEV_HIGH);
	assert_string_equal(finding(&r, "tls-beast")->evidence, "2 suites: "
	    "TLS_RSA_WITH_AES_128_CBC_SHA (SSLv3), "
	    "TLS_RSA_WITH_AES_128_CBC_SHA (TLSv1.0)");

	/* BEAST: CBC in TLS 1.0; not in TLS 1.1 or 1.2, not RC4 in 1.0. */
	reset(&r);
	add_suite(&r, TLS_V_TLS10, 0x0005);
	add_suite(&r, TLS_V_TLS11, 0x002F);
	add_suite(&r, TLS_V_TLS12, 0x002F);
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-beast", NULL));
	assert_false(fired(&r, "tls-poodle", NULL));

	/* LUCKY13: CBC with HMAC-SHA1 or -SHA256 in TLS (low). */
	assert_true(fired(&r, "tls-lucky13", "CVE-2013-0169"));
	assert_int_equal(finding(&r, "tls-lucky13")->severity, SEV_LOW);
	assert_string_equal(finding(&r, "tls-lucky13")->evidence, "2 suites: "
	    "TLS_RSA_WITH_AES_128_CBC_SHA (TLSv1.1), "
	    "TLS_RSA_WITH_AES_128_CBC_SHA (TLSv1.2)");
	reset(&r);
	add_suite(&r, TLS_V_TLS12, 0x003C);	/* AES128-SHA256 */
	judge(&r, out, sizeof(out));
	assert_true(fired(&r, "tls-lucky13", "CVE-2013-0169"));
	reset(&r);
	add_suite(&r, TLS_V_TLS12, 0xC02F);	/* GCM */
	add_suite(&r, TLS_V_TLS12, 0xC028);	/* CBC, HMAC-SHA384 */
	add_suite(&r, TLS_V_TLS13, 0x1301);
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-lucky13", NULL));
	assert_string_equal(out, "");
	/* ... and not CBC in SSLv3, which is not TLS (POODLE is). */
	reset(&r);
	add_suite(&r, TLS_V_SSL3, 0x002F);
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-lucky13", NULL));

	/* SWEET32: 64-bit blocks, 3DES, DES and IDEA, not AES or SEED. */
	reset(&r);
	add_suite(&r, TLS_V_TLS12, 0x002F);
	add_suite(&r, TLS_V_TLS12, 0x0096);
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-sweet32", NULL));
	add_suite(&r, TLS_V_TLS12, 0x000A);
	add_suite(&r, TLS_V_TLS12, 0x0007);
	judge(&r, out, sizeof(out));
	assert_true(fired(&r, "tls-sweet32", "CVE-2016-2183"));
	assert_true(fired(&r, "tls-3des-suites", NULL));
	assert_string_equal(finding(&r, "tls-sweet32")->evidence, "2 suites: "
	    "TLS_RSA_WITH_3DES_EDE_CBC_SHA (TLSv1.2), "
	    "TLS_RSA_WITH_IDEA_CBC_SHA (TLSv1.2)");

	/* FREAK: export RSA key exchange; export DHE is Logjam's. */
	reset(&r);
	add_suite(&r, TLS_V_TLS10, 0x0014);	/* DHE_RSA_EXPORT */
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-freak", NULL));
	assert_true(fired(&r, "tls-logjam", "CVE-2015-4000"));
	assert_string_equal(finding(&r, "tls-logjam")->evidence, "1 suites: "
	    "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA (TLSv1.0)");
	add_suite(&r, TLS_V_TLS10, 0x0003);	/* RSA_EXPORT */
	judge(&r, out, sizeof(out));
	assert_true(fired(&r, "tls-freak", "CVE-2015-0204"));
	assert_string_equal(finding(&r, "tls-freak")->evidence, "1 suites: "
	    "TLS_RSA_EXPORT_WITH_RC4_40_MD5 (TLSv1.0)");
	/* An SSLv2 export kind is DROWN's, not FREAK's. */
	reset(&r);
	add_suite(&r, TLS_V_SSL2, 0x020080);
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-freak", NULL));
	assert_true(fired(&r, "tls-export-suites", NULL));

	/* DROWN: SSLv2 at all, with the note on shared keys. */
	assert_true(fired(&r, "tls-drown", "CVE-2016-0800"));
	assert_int_equal(finding(&r, "tls-drown")->severity, SEV_CRITICAL);
	assert_string_equal(finding(&r, "tls-drown")->evidence, "SSLv2 "
	    "accepted (DROWN: also against every server that uses the same "
	    "RSA key)");

	/* Logjam: DHE of 1024 bits or less, named when the prime is known. */
	reset(&r);
	add_suite(&r, TLS_V_TLS12, 0x009E);	/* DHE-RSA-AES128-GCM */
	r.tls.dh_bits = 2048;
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-logjam", NULL));
	r.tls.dh_bits = 1025;
	judge(&r, out, sizeof(out));
	assert_false(fired(&r, "tls-logjam", NULL));
	assert_true(fired(&r, "tls-dh-weak", NULL));
	r.tls.dh_bits = 1024;
	judge(&r, out, sizeof(out));
	assert_true(fired(&r, "tls-logjam", "CVE-2015-4000"));
	assert_string_equal(finding(&r, "tls-logjam")->evidence,
	    "DHE group of 1024 bits");
	r.tls.dh_known = 2;
	judge(&r, out, sizeof(out));
	assert_string_equal(finding(&r, "tls-logjam")->evidence,
	    "DHE group of 1024 bits (RFC 2409 Oakley group 2, a prime many "
	    "servers share)");
	/* Both: the evidence of each, in the order of the rule. */
	add_suite(&r, TLS_V_TLS10, 0x0014);
	judge(&r, out, sizeof(out));
	assert_string_equal(finding(&r, "tls-logjam")->evidence, "1 suites: "
	    "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA (TLSv1.0); DHE group of "
	    "1024 bits (RFC 2409 Oakley group 2, a prime many servers share)");

	/* CRIME is tls-compression, with its CVE. */
	reset(&r);
	add_suite(&r, TLS_V_TLS12, 0xC02F);
	r.tls.compression = 1;
	judge(&r, out, sizeof(out));
	assert_string_equal(out, "tls-compression");
	assert_true(fired(&r, "tls-compression", "CVE-2012-4929"));
	/* NULL and anonymous suites: findings without a CVE. */
	reset(&r);
	add_suite(&r, TLS_V_TLS12, 0x0002);
	add_suite(&r, TLS_V_TLS12, 0x0034);
	judge(&r, out, sizeof(out));
	assert_true(fired(&r, "tls-null-suites", NULL));
	assert_true(fired(&r, "tls-anon-suites", NULL));
	free(r.findings);
}

/* Post-quantum groups by their IANA names in <groups-allowed>. */
static void
test_pq_groups(void **state)
{
	struct scan_result r;
	struct profile *pf;
	char err[512], out[256];

	(void)state;
	pf = parse(HEAD RULE("", "<groups-allowed><group>x25519</group>"
	    "<group>X25519MLKEM768</group></groups-allowed>") TAIL, err,
	    sizeof(err));
	if (pf == NULL)
		fail_msg("%s", err);
	assert_int_equal(pf->rules[0].codes[1], 0x11EC);
	memset(&r, 0, sizeof(r));
	r.has_tls = 1;
	r.tls.groups[r.tls.ngroups++] = 0x11EC;
	r.tls.groups[r.tls.ngroups++] = TLS_GROUP_X25519;
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "");
	r.tls.groups[r.tls.ngroups++] = 0x6399;
	r.tls.groups[r.tls.ngroups++] = 0x0201;
	ids(pf, &r, out, sizeof(out));
	assert_string_equal(out, "r1");
	assert_string_equal(r.findings[0].evidence, "groups outside the "
	    "profile: X25519Kyber768Draft00, MLKEM768");
	free(r.findings);
	profile_free(&pf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_match_tls),
		cmocka_unit_test(test_match_ssh),
		cmocka_unit_test(test_match_more),
		cmocka_unit_test(test_cve),
		cmocka_unit_test(test_filters_refused),
		cmocka_unit_test(test_attacks),
		cmocka_unit_test(test_pq_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
