/*
 * SSH scan against real servers on 127.0.0.1: OpenSSH sshd in three
 * configurations (default, hardened, legacy), dropbear, and the scripted
 * hostile-ssh-server.  Expected algorithm lists come from `sshd -T`,
 * fingerprints and bits from `ssh-keygen -lf`: never from our own code.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "scanner/engine.h"
#include "scanner/ssh/ssh_plan.h"
#include "scanner/ssh/ssh_policy.h"
#include "scanner/ssh/ssh_scan.h"
#include "itest.h"
#include "testsrv.h"
#include "tests/unit/scan_helpers.h"

/*
 * The running test's server and, for sshd, what `sshd -T` says and the
 * key types it was given.  The teardown stops the server and frees the
 * rest, also when an assertion ends the test early.
 */
static struct testsrv srv;
static struct {
	char		*dump;
	char		 types[4][32];
	const char	*typev[5];
} sshd;

static int
teardown(void **state)
{
	(void)state;
	testsrv_stop(&srv);
	free(sshd.dump);
	sshd.dump = NULL;
	return 0;
}

/* --- running a scan --- */

static void
on_done(void *arg)
{
	(*(int *)arg)++;
}

/* Scans port on 127.0.0.1, or on ::1 when v6. */
static struct ssh_result *
scan_addr(int v6, int port, int read_timeout_ms, int budget_ms,
    uint64_t *conns)
{
	struct engine_opts o;
	struct engine *e;
	struct sockaddr_in sa;
	struct sockaddr_in6 sa6;
	struct ssh_result *res;
	int done = 0;

	engine_opts_default(&o);
	o.read_timeout_ms = read_timeout_ms;
	assert_non_null(e = engine_new(&o));
	assert_non_null(res = ssh_result_new());
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(&sa6, 0, sizeof(sa6));
	sa6.sin6_family = AF_INET6;
	sa6.sin6_port = htons((uint16_t)port);
	sa6.sin6_addr = in6addr_loopback;
	if (v6)
		assert_int_equal(ssh_scan_submit(e, (struct sockaddr *)&sa6,
		    sizeof(sa6), "::1", engine_now_ms() + (uint64_t)budget_ms,
		    res, on_done, &done), 0);
	else
		assert_int_equal(ssh_scan_submit(e, (struct sockaddr *)&sa,
		    sizeof(sa), "127.0.0.1", engine_now_ms() +
		    (uint64_t)budget_ms, res, on_done, &done), 0);
	assert_int_equal(engine_run(e), 0);
	assert_int_equal(done, 1);
	if (conns != NULL)
		*conns = engine_connections(e);
	assert_int_equal(res->connections, engine_connections(e));
	engine_free(&e);
	return res;
}

static struct ssh_result *
scan_port(int port, int read_timeout_ms, int budget_ms, uint64_t *conns)
{
	return scan_addr(0, port, read_timeout_ms, budget_ms, conns);
}

/* --- independent expectations --- */

/* Output of a shell command, which must exit 0. */
static char *
sh_out(const char *cmd)
{
	char *out;
	int st;

	assert_non_null(out = testsrv_capture(cmd, &st));
	assert_int_equal(st, 0);
	return out;
}

/* The value of keyword kw in `sshd -T` output. */
static void
sshd_t(const char *dump, const char *kw, char *out, size_t outlen)
{
	const char *p = dump;
	size_t kl = strlen(kw), n;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, kw, kl) == 0 && p[kl] == ' ') {
			p += kl + 1;
			n = strcspn(p, "\n");
			assert_true(n < outlen);
			memcpy(out, p, n);
			out[n] = '\0';
			return;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	fail_msg("sshd -T has no '%s'", kw);
}

static void
assert_list(const struct ssh_result *r, enum ssh_list l, const char *want)
{
	assert_namelist(&r->hello.lists[l], want);
}

static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == list || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/*
 * The host-key algorithms sshd puts in its KEXINIT: per HostKey in config
 * order, the signature algorithms of that key that HostKeyAlgorithms
 * allows (RSA keys sign with rsa-sha2-512, rsa-sha2-256 and ssh-rsa).
 */
static void
expected_hostkey_algs(const char *allowed, const char *const types[],
    char *out, size_t outlen)
{
	static const char *const rsa[] = { "rsa-sha2-512", "rsa-sha2-256",
	    "ssh-rsa", NULL };
	const char *one[2] = { NULL, NULL };
	const char *const *algs;
	size_t i, j;

	out[0] = '\0';
	for (i = 0; types[i] != NULL; i++) {
		one[0] = types[i];
		algs = strcmp(types[i], "ssh-rsa") == 0 ? rsa : one;
		for (j = 0; algs[j] != NULL; j++) {
			if (!in_list(allowed, algs[j]))
				continue;
			if (out[0] != '\0')
				strncat(out, ",", outlen - strlen(out) - 1);
			strncat(out, algs[j], outlen - strlen(out) - 1);
		}
	}
}

/* Bits and fingerprint of a public key file, by ssh-keygen -lf. */
static void
keygen_fp(const char *pub, int *bits, char *fp, size_t fplen)
{
	char cmd[700], *out, *sp;

	snprintf(cmd, sizeof(cmd), "ssh-keygen -E sha256 -lf '%s'", pub);
	out = sh_out(cmd);
	*bits = (int)strtol(out, NULL, 10);
	assert_non_null(sp = strchr(out, ' '));
	snprintf(fp, fplen, "%.*s", (int)strcspn(sp + 1, " "), sp + 1);
	free(out);
}

/* r holds a host key of type that is the public key file name's. */
static void
assert_host_key(const struct ssh_result *r, const char *type,
    const char *name)
{
	char fp[128], pubfile[600];
	int bits;
	size_t i;

	snprintf(pubfile, sizeof(pubfile), "%s/%s", srv.dir, name);
	keygen_fp(pubfile, &bits, fp, sizeof(fp));
	for (i = 0; i < r->nhost_keys; i++) {
		if (strcmp(r->host_keys[i].type, type) != 0)
			continue;
		assert_string_equal(r->host_keys[i].sha256, fp);
		assert_int_equal(r->host_keys[i].bits, bits);
		return;
	}
	fail_msg("no %s host key (%zu keys; error: %s)", type, r->nhost_keys,
	    r->host_keys_error != NULL ? r->host_keys_error : "none");
}

static void
assert_auth(const struct ssh_result *r, const char *want)
{
	char got[512];
	size_t i;

	if (r->auth_methods == NULL)
		fail_msg("no auth methods: %s", r->auth_error);
	got[0] = '\0';
	for (i = 0; i < r->nauth_methods; i++) {
		if (i > 0)
			strcat(got, ",");
		strcat(got, r->auth_methods[i]);
	}
	assert_string_equal(got, want);
	assert_null(r->auth_error);
}

/* --- the tilsyn-scan binary --- */

/* Runs tilsyn-scan -o json on args; returns its result object. */
static json_t *
scan_binary(const char *args, int *status)
{
	char cmd[1024], *out;
	json_t *j;

	snprintf(cmd, sizeof(cmd), "%s -o json %s", itest_scanner, args);
	assert_non_null(out = testsrv_capture(cmd, status));
	assert_true(*status >= 0);
	j = itest_result(out, cmd);
	free(out);
	return j;
}

/* Runs tilsyn-scan -o FORMAT on args; returns its output. */
static char *
scan_binary_text(const char *format, const char *args)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "%s -o %s %s; test $? -eq 1",
	    itest_scanner, format, args);
	return sh_out(cmd);
}

/* A JSON array of strings joined with commas. */
static void
json_joined(json_t *a, char *out, size_t outlen)
{
	size_t i;

	assert_true(json_is_array(a));
	out[0] = '\0';
	for (i = 0; i < json_array_size(a); i++) {
		assert_true(json_is_string(json_array_get(a, i)));
		if (i > 0)
			strncat(out, ",", outlen - strlen(out) - 1);
		strncat(out, json_string_value(json_array_get(a, i)),
		    outlen - strlen(out) - 1);
	}
}

/* The JSON ssh object carries the same lists as the library result. */
static void
assert_json_matches(json_t *ssh, const struct ssh_result *r)
{
	static const struct {
		const char	*key;
		enum ssh_list	 l;
	} keys[] = {
		{ "kex", SSH_L_KEX }, { "host_key_algorithms", SSH_L_HOSTKEY },
		{ "ciphers_c2s", SSH_L_ENC_C2S },
		{ "ciphers_s2c", SSH_L_ENC_S2C }, { "macs_c2s", SSH_L_MAC_C2S },
		{ "macs_s2c", SSH_L_MAC_S2C },
		{ "compression_c2s", SSH_L_COMP_C2S },
		{ "compression_s2c", SSH_L_COMP_S2C },
	};
	char got[4096], want[4096];
	json_t *k;
	size_t i;

	assert_string_equal(json_string_value(json_object_get(ssh, "banner")),
	    r->hello.ident);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_joined(json_object_get(ssh, keys[i].key), got,
		    sizeof(got));
		namelist_joined(&r->hello.lists[keys[i].l], want,
		    sizeof(want));
		assert_string_equal(got, want);
	}
	assert_int_equal(json_array_size(json_object_get(ssh, "host_keys")),
	    r->nhost_keys);
	for (i = 0; i < r->nhost_keys; i++) {
		k = json_array_get(json_object_get(ssh, "host_keys"), i);
		assert_string_equal(json_string_value(json_object_get(k,
		    "type")), r->host_keys[i].type);
		assert_string_equal(json_string_value(json_object_get(k,
		    "sha256")), r->host_keys[i].sha256);
		assert_int_equal(json_integer_value(json_object_get(k,
		    "bits")), r->host_keys[i].bits);
	}
}

/* The finding ids of a JSON target, joined by spaces. */
static void
json_findings(json_t *t, char *out, size_t outlen)
{
	json_t *fs = json_object_get(t, "findings"), *f;
	size_t i;

	assert_true(json_is_array(fs));
	out[0] = '\0';
	for (i = 0; i < json_array_size(fs); i++) {
		f = json_array_get(fs, i);
		if (i > 0)
			strncat(out, " ", outlen - strlen(out) - 1);
		strncat(out, json_string_value(json_object_get(f, "id")),
		    outlen - strlen(out) - 1);
	}
}

/* --- sshd --- */

struct sshd_case {
	const char	*name;
	const char	*keys[4];	/* "ed25519", "rsa:2048", ... */
	const char	*extra;		/* extra config lines */
};

static void
make_key(const char *spec, char *type, size_t typelen)
{
	char t[32], *colon;

	snprintf(t, sizeof(t), "%s", spec);
	if ((colon = strchr(t, ':')) != NULL)
		*colon = '\0';
	assert_int_equal(testsrv_sh("ssh-keygen -q -t %s %s%s -N '' -C test "
	    "-f '%s/key_%s'", t, colon != NULL ? "-b " : "",
	    colon != NULL ? colon + 1 : "", srv.dir, t), 0);
	if (strcmp(t, "ed25519") == 0)
		snprintf(type, typelen, "ssh-ed25519");
	else if (strcmp(t, "rsa") == 0)
		snprintf(type, typelen, "ssh-rsa");
	else if (strcmp(t, "dsa") == 0)
		snprintf(type, typelen, "ssh-dss");
	else
		snprintf(type, typelen, "ecdsa-sha2-nistp%s",
		    colon != NULL ? colon + 1 : "256");
}

/* Starts sshd with the case's config; fills in sshd. */
static void
start_sshd(const struct sshd_case *c)
{
	char conf[4096], cmd[600];
	const char *argv[] = { "/usr/sbin/sshd", "-D", "-e", "-f",
	    "{DIR}/sshd_config", NULL };
	size_t i, n;
	int port;

	(void)mkdir("/run/sshd", 0755);
	assert_int_equal(testsrv_init(&srv), 0);
	assert_true((port = testsrv_free_port()) > 0);
	n = (size_t)snprintf(conf, sizeof(conf), "ListenAddress 127.0.0.1\n"
	    "Port %d\nPidFile %s/sshd.pid\nUsePAM no\n"
	    "AuthorizedKeysFile none\n", port, srv.dir);
	for (i = 0; c->keys[i] != NULL; i++) {
		make_key(c->keys[i], sshd.types[i], sizeof(sshd.types[i]));
		sshd.typev[i] = sshd.types[i];
		n += (size_t)snprintf(conf + n, sizeof(conf) - n,
		    "HostKey %s/key_%.*s\n", srv.dir,
		    (int)strcspn(c->keys[i], ":"), c->keys[i]);
	}
	sshd.typev[i] = NULL;
	snprintf(conf + n, sizeof(conf) - n, "%s", c->extra);
	assert_int_equal(testsrv_write(&srv, "sshd_config", conf), 0);
	assert_int_equal(testsrv_start(&srv, port, argv, 10000), 0);
	snprintf(cmd, sizeof(cmd), "/usr/sbin/sshd -T -f '%s/sshd_config'",
	    srv.dir);
	sshd.dump = sh_out(cmd);
}

/* The lists the scan read are those `sshd -T` says sshd offers. */
static void
assert_sshd_lists(const struct ssh_result *r)
{
	const char *dump = sshd.dump;

	char v[4096], kex[4200];

	assert_int_equal(r->scanned, 1);
	assert_null(r->error);
	assert_string_equal(r->hello.protocol, "2.0");
	assert_int_equal(strncmp(r->hello.software, "OpenSSH_", 8), 0);
	sshd_t(dump, "kexalgorithms", v, sizeof(v));
	/* sshd appends the strict-kex marker (CVE-2023-48795 fix). */
	snprintf(kex, sizeof(kex), "%s,kex-strict-s-v00@openssh.com", v);
	assert_list(r, SSH_L_KEX, kex);
	assert_true(r->hello.strict_kex);
	assert_false(ssh_terrapin(&r->hello));
	sshd_t(dump, "hostkeyalgorithms", v, sizeof(v));
	expected_hostkey_algs(v, sshd.typev, kex, sizeof(kex));
	assert_list(r, SSH_L_HOSTKEY, kex);
	sshd_t(dump, "ciphers", v, sizeof(v));
	assert_list(r, SSH_L_ENC_C2S, v);
	assert_list(r, SSH_L_ENC_S2C, v);
	sshd_t(dump, "macs", v, sizeof(v));
	assert_list(r, SSH_L_MAC_C2S, v);
	assert_list(r, SSH_L_MAC_S2C, v);
	sshd_t(dump, "compression", v, sizeof(v));
	snprintf(kex, sizeof(kex), "%s", strcmp(v, "no") == 0 ? "none" :
	    "none,zlib@openssh.com");
	assert_list(r, SSH_L_COMP_C2S, kex);
	assert_list(r, SSH_L_COMP_S2C, kex);
}

/*
 * Our probes close after what they came for; sshd must not have seen a
 * failed negotiation (it logs "Unable to negotiate" for a KEXINIT with
 * nothing in common, which an operator reads as a failed login attempt).
 */
static void
assert_no_failed_negotiation(void)
{
	char *log, cmd[400];

	snprintf(cmd, sizeof(cmd), "cat '%s'", srv.log);
	log = sh_out(cmd);
	/* The log does record our connections (at the default LogLevel). */
	assert_non_null(strstr(log, "Connection closed by "));
	if (strstr(log, "Unable to negotiate") != NULL)
		fail_msg("sshd logged a failed negotiation:\n%s", log);
	free(log);
}

/* Starts sshd for case c and scans it; the lists must be sshd's. */
static struct ssh_result *
scan_sshd(const struct sshd_case *c)
{
	struct ssh_result *r;

	start_sshd(c);
	r = scan_port(srv.port, 5000, 20000, NULL);
	assert_sshd_lists(r);
	return r;
}

/*
 * The end of an sshd test: the scan took conns connections, and sshd
 * logged no failed negotiation.  Frees *r.
 */
static void
end_sshd(struct ssh_result **r, uint32_t conns)
{
	assert_int_equal((*r)->connections, conns);
	assert_no_failed_negotiation();
	ssh_result_free(r);
}

/* The auth methods sshd -T says are on, in sshd's order. */
static void
expected_auth(char *out, size_t outlen)
{
	const char *dump = sshd.dump;

	char v[64];

	out[0] = '\0';
	sshd_t(dump, "pubkeyauthentication", v, sizeof(v));
	if (strcmp(v, "yes") == 0)
		strncat(out, "publickey,", outlen - strlen(out) - 1);
	sshd_t(dump, "passwordauthentication", v, sizeof(v));
	if (strcmp(v, "yes") == 0)
		strncat(out, "password,", outlen - strlen(out) - 1);
	sshd_t(dump, "kbdinteractiveauthentication", v, sizeof(v));
	if (strcmp(v, "yes") == 0)
		strncat(out, "keyboard-interactive,", outlen - strlen(out) - 1);
	if (out[0] != '\0')
		out[strlen(out) - 1] = '\0';
}

static void
test_sshd_default(void **state)
{
	const struct sshd_case c = { "default",
	    { "rsa:3072", "ecdsa:256", "ed25519", NULL }, "" };
	char want[256];
	struct ssh_result *r;

	(void)state;
	r = scan_sshd(&c);
	/*
	 * OpenSSH 9.2 no longer signs with ssh-rsa by default and libssh2
	 * 1.10 has no rsa-sha2-*: the RSA key comes from our own KEX_ECDH
	 * exchange (rsa-sha2-512), the others from libssh2 handshakes.
	 */
	assert_int_equal(r->nhost_keys, 3);
	assert_host_key(r, "ssh-rsa", "key_rsa.pub");
	assert_int_equal(r->host_keys[0].bits, 3072);
	assert_host_key(r, "ecdsa-sha2-nistp256", "key_ecdsa.pub");
	assert_host_key(r, "ssh-ed25519", "key_ed25519.pub");
	assert_null(r->host_keys_error);
	expected_auth(want, sizeof(want));
	assert_auth(r, want);
	/*
	 * The hello connection goes on as the libssh2 handshake (the first
	 * key kind libssh2 can do, and the auth methods); KEX_ECDH for the
	 * other two.
	 */
	end_sshd(&r, 3);
}

static void
test_sshd_hardened(void **state)
{
	const struct sshd_case c = { "hardened", { "ed25519", NULL },
	    "KexAlgorithms sntrup761x25519-sha512@openssh.com,"
	    "curve25519-sha256\n"
	    "Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,"
	    "aes128-gcm@openssh.com\n"
	    "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com\n"
	    "HostKeyAlgorithms ssh-ed25519\n"
	    "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
	    "AuthenticationMethods publickey\nCompression no\n" };
	struct ssh_result *r;

	(void)state;
	r = scan_sshd(&c);
	/* chacha20 is offered, but so is strict kex: not Terrapin. */
	assert_false(ssh_terrapin(&r->hello));
	/*
	 * libssh2 1.10 has neither chacha20-poly1305 nor AES-GCM: no auth
	 * methods.  The host key still comes from the KEX_ECDH_REPLY.
	 */
	assert_int_equal(r->nhost_keys, 1);
	assert_host_key(r, "ssh-ed25519", "key_ed25519.pub");
	assert_null(r->host_keys_error);
	assert_null(r->auth_methods);
	assert_non_null(r->auth_error);
	assert_non_null(strstr(r->auth_error, "supports none of the "
	    "server's ciphers (client to server)"));
	end_sshd(&r, 1);
}

static void
test_sshd_legacy(void **state)
{
	const struct sshd_case c = { "legacy", { "rsa:2048", "dsa", NULL },
	    "KexAlgorithms diffie-hellman-group14-sha1\n"
	    "HostKeyAlgorithms +ssh-rsa,ssh-dss\n"
	    "Ciphers aes128-cbc\nMACs hmac-sha1\n"
	    "PasswordAuthentication yes\nKbdInteractiveAuthentication no\n" };
	char want[256];
	struct ssh_result *r;
	json_t *j, *ssh;
	char *out, line[256];
	int status;

	(void)state;
	r = scan_sshd(&c);
	/*
	 * No ECDH kex: one libssh2 handshake per key kind, the first (with
	 * the auth methods) on the connection that read the KEXINIT.
	 */
	assert_int_equal(r->nhost_keys, 2);
	assert_host_key(r, "ssh-rsa", "key_rsa.pub");
	assert_int_equal(r->host_keys[0].bits, 2048);
	assert_host_key(r, "ssh-dss", "key_dsa.pub");
	assert_int_equal(r->host_keys[1].bits, 1024);
	assert_null(r->host_keys_error);
	expected_auth(want, sizeof(want));
	assert_string_equal(want, "publickey,password");
	assert_auth(r, want);
	assert_int_equal(r->connections, 2);

	/* The same through tilsyn-scan: JSON, findings, exit status 1. */
	snprintf(want, sizeof(want), "ssh://127.0.0.1:%d", srv.port);
	j = scan_binary(want, &status);
	assert_int_equal(status, 1);
	assert_string_equal(json_string_value(json_object_get(j, "service")),
	    "ssh");
	ssh = json_object_get(j, "error");
	assert_true(ssh == NULL || json_is_null(ssh));
	assert_int_equal(json_integer_value(json_object_get(j,
	    "connections")), 2);
	ssh = json_object_get(j, "ssh");
	assert_json_matches(ssh, r);
	json_joined(json_object_get(ssh, "auth_methods"), want, sizeof(want));
	assert_string_equal(want, "publickey,password");
	assert_true(json_is_true(json_object_get(ssh, "strict_kex")));
	json_findings(j, want, sizeof(want));
	assert_string_equal(want, "ssh-kex-sha1 ssh-hostkey-sha1 "
	    "ssh-rsa-key-short ssh-cipher-cbc ssh-mac-weak "
	    "ssh-auth-password");
	json_decref(j);
	/* Text and XML carry the same key and methods. */
	snprintf(want, sizeof(want), "ssh://127.0.0.1:%d", srv.port);
	out = scan_binary_text("text", want);
	snprintf(line, sizeof(line), "  host key: ssh-rsa 2048 bits %s\n",
	    r->host_keys[0].sha256);
	assert_non_null(strstr(out, line));
	assert_non_null(strstr(out, "  auth methods: publickey, password\n"));
	assert_non_null(strstr(out, "ssh-auth-password: "));
	free(out);
	out = scan_binary_text("xml", want);
	snprintf(line, sizeof(line), "<host_key type=\"ssh-rsa\" "
	    "bits=\"2048\" sha256=\"%s\"/>", r->host_keys[0].sha256);
	assert_non_null(strstr(out, line));
	assert_non_null(strstr(out, "<method>password</method>"));
	assert_non_null(strstr(out, "<algorithm>aes128-cbc</algorithm>"));
	free(out);
	assert_no_failed_negotiation();
	ssh_result_free(&r);
}

/* Only NIST ECDH kex (nistp384), only chacha20: keys through our ECDH. */
static void
test_sshd_ecdh_only(void **state)
{
	const struct sshd_case c = { "ecdh", { "ecdsa:521", "rsa:2048", NULL },
	    "KexAlgorithms ecdh-sha2-nistp384\n"
	    "Ciphers chacha20-poly1305@openssh.com\n" };
	struct ssh_result *r;

	(void)state;
	r = scan_sshd(&c);
	assert_int_equal(r->nhost_keys, 2);
	assert_host_key(r, "ecdsa-sha2-nistp521", "key_ecdsa.pub");
	assert_host_key(r, "ssh-rsa", "key_rsa.pub");
	assert_null(r->host_keys_error);
	assert_null(r->auth_methods);
	end_sshd(&r, 2);
}

/* Post-quantum kex only: the full KEXINIT, but no key, with the reason. */
static void
test_sshd_pq_only(void **state)
{
	const struct sshd_case c = { "pq", { "ed25519", NULL },
	    "KexAlgorithms sntrup761x25519-sha512@openssh.com\n" };
	char want[512];
	struct ssh_result *r;

	(void)state;
	r = scan_sshd(&c);
	assert_int_equal(r->nhost_keys, 0);
	assert_non_null(r->host_keys_error);
	snprintf(want, sizeof(want), "host keys for ssh-ed25519 not "
	    "obtainable: libssh2 %s supports none of the server's key "
	    "exchanges, and the server offers no curve25519 or ECDH key "
	    "exchange", ssh_hk_libssh2_version());
	assert_string_equal(r->host_keys_error, want);
	snprintf(want, sizeof(want), "libssh2 %s supports none of the "
	    "server's key exchanges", ssh_hk_libssh2_version());
	assert_string_equal(r->auth_error, want);
	end_sshd(&r, 1);
}

/*
 * Password only after a key (AuthenticationMethods publickey,password):
 * the first methods offered are publickey alone, so no nr. 10 finding.
 */
static void
test_sshd_key_then_password(void **state)
{
	const struct sshd_case c = { "2fa", { "ed25519", NULL },
	    "AuthenticationMethods publickey,password\n"
	    "PasswordAuthentication yes\n" };
	char args[64], ids[512];
	json_t *j;
	int status;

	(void)state;
	start_sshd(&c);
	snprintf(args, sizeof(args), "ssh://127.0.0.1:%d", srv.port);
	j = scan_binary(args, &status);
	/* Only medium findings (weak MACs): exit 0 with --fail-on high. */
	assert_int_equal(status, 0);
	json_joined(json_object_get(json_object_get(j, "ssh"),
	    "auth_methods"), ids, sizeof(ids));
	assert_string_equal(ids, "publickey");
	json_findings(j, ids, sizeof(ids));
	assert_null(strstr(ids, "ssh-auth-"));
	json_decref(j);
}

/* --- dropbear --- */

static void
test_dropbear(void **state)
{
	const char *argv[] = { "dropbear", "-F", "-E", "-p",
	    "127.0.0.1:{PORT}", "-p", "[::1]:{PORT}", "-r", "{DIR}/db_ed25519",
	    "-r", "{DIR}/db_rsa", "-r", "{DIR}/db_ecdsa", NULL };
	static const char *const kinds[] = { "ed25519", "rsa", "ecdsa" };
	static const char *const types[] = { "ssh-ed25519", "ssh-rsa",
	    "ecdsa-sha2-nistp384" };
	struct ssh_result *r, *r6;
	char pub[64], args[64];
	json_t *j;
	size_t i;
	int status;

	(void)state;
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_sh("cd '%s' && "
	    "dropbearkey -t ed25519 -f db_ed25519 >/dev/null 2>&1 && "
	    "dropbearkey -t rsa -s 2048 -f db_rsa >/dev/null 2>&1 && "
	    "dropbearkey -t ecdsa -s 384 -f db_ecdsa >/dev/null 2>&1",
	    srv.dir), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(testsrv_sh("cd '%s' && dropbearkey -y -f "
		    "db_%s | grep '^ssh-\\|^ecdsa-' > db_%s.pub", srv.dir,
		    kinds[i], kinds[i]), 0);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
	r = scan_port(srv.port, 5000, 20000, NULL);
	assert_int_equal(r->scanned, 1);
	assert_null(r->error);
	assert_string_equal(r->hello.protocol, "2.0");
	assert_int_equal(strncmp(r->hello.software, "dropbear_", 9), 0);
	for (i = 0; i < 3; i++) {
		snprintf(pub, sizeof(pub), "db_%s.pub", kinds[i]);
		assert_host_key(r, types[i], pub);
	}
	assert_int_equal(r->nhost_keys, 3);
	assert_auth(r, "publickey,password");
	/*
	 * dropbear sends its KEXINIT first: the hello connection goes on as
	 * libssh2's handshake (one key, the auth methods), KEX_ECDH for the
	 * other two; one connection per key kind, none more.
	 */
	assert_int_equal(r->connections, 3);

	/* The same over IPv6. */
	r6 = scan_addr(1, srv.port, 5000, 20000, NULL);
	assert_null(r6->error);
	assert_int_equal(r6->nhost_keys, 3);
	for (i = 0; i < 3; i++)
		assert_string_equal(r6->host_keys[i].sha256,
		    r->host_keys[i].sha256);
	assert_auth(r6, "publickey,password");
	ssh_result_free(&r6);

	/* tilsyn-scan: ssh://[::1], and SSH detected without a scheme. */
	snprintf(args, sizeof(args), "ssh://[::1]:%d", srv.port);
	j = scan_binary(args, &status);
	assert_int_equal(status, 1);
	assert_string_equal(json_string_value(json_object_get(j, "ip")), "::1");
	assert_json_matches(json_object_get(j, "ssh"), r);
	json_decref(j);
	snprintf(args, sizeof(args), "127.0.0.1:%d", srv.port);
	j = scan_binary(args, &status);
	assert_int_equal(status, 1);
	assert_string_equal(json_string_value(json_object_get(j, "service")),
	    "ssh");
	assert_json_matches(json_object_get(j, "ssh"), r);
	json_decref(j);
	ssh_result_free(&r);
}

/* --- the scripted hostile server --- */

/* The scripted server in mode (stopping the one before, if any). */
static void
start_hostile(const char *mode)
{
	char path[600];
	const char *argv[] = { path, mode, "{PORT}", NULL };

	snprintf(path, sizeof(path), "%s/tests/servers/hostile-ssh-server",
	    itest_srcroot);
	testsrv_stop(&srv);
	assert_int_equal(testsrv_init(&srv), 0);
	assert_int_equal(testsrv_start(&srv, 0, argv, 10000), 0);
}

static struct ssh_result *
hostile(const char *mode, int read_ms, int budget_ms)
{
	start_hostile(mode);
	return scan_port(srv.port, read_ms, budget_ms, NULL);
}

/* tilsyn-scan -o json ssh://127.0.0.1:PORT on a hostile server's port. */
static json_t *
hostile_binary(int *status)
{
	char args[64];

	snprintf(args, sizeof(args), "ssh://127.0.0.1:%d", srv.port);
	return scan_binary(args, status);
}

static void
test_hostile_ssh1(void **state)
{
	struct ssh_result *r;

	(void)state;
	r = hostile("ssh1", 2000, 5000);
	assert_null(r->error);
	assert_int_equal(r->scanned, 1);
	assert_string_equal(r->hello.protocol, "1.5");
	assert_string_equal(r->hello.software, "OldServer_1.2.27");
	assert_true(r->hello.ssh1);
	assert_false(r->hello.ssh2);
	assert_int_equal(r->nhost_keys, 0);
	assert_string_equal(r->auth_error, "the server speaks only SSH-1 "
	    "(protocol 1.5)");
	assert_int_equal(r->connections, 1);
	ssh_result_free(&r);
}

static void
test_hostile_ssh199_and_terrapin(void **state)
{
	struct ssh_result *r;

	(void)state;
	r = hostile("ssh199", 2000, 5000);
	assert_null(r->error);
	assert_string_equal(r->hello.protocol, "1.99");
	assert_true(r->hello.ssh1 && r->hello.ssh2);
	assert_list(r, SSH_L_ENC_C2S, "aes128-cbc,3des-cbc,arcfour");
	assert_list(r, SSH_L_MAC_S2C, "hmac-md5,hmac-sha1-96");
	assert_false(ssh_terrapin(&r->hello));	/* CBC, but no EtM MAC */
	ssh_result_free(&r);
	testsrv_stop(&srv);
	r = hostile("terrapin", 2000, 5000);
	assert_null(r->error);
	assert_true(ssh_terrapin(&r->hello));
	assert_false(r->hello.strict_kex);
	assert_true(r->hello.ext_info);
	ssh_result_free(&r);
}

/*
 * A server that offers the "none" cipher and the "none" MAC (beside real
 * ones): both critical findings, and nothing else, since the rest of its
 * KEXINIT is modern.  No real server can be made to offer them.
 */
static void
test_hostile_none_cipher_and_mac(void **state)
{
	struct ssh_result *r;
	char ids[512];
	json_t *j, *f;
	int status;

	(void)state;
	r = hostile("nocrypt", 2000, 5000);
	assert_null(r->error);
	assert_int_equal(r->scanned, 1);
	assert_list(r, SSH_L_ENC_C2S, "aes128-ctr,none");
	assert_list(r, SSH_L_ENC_S2C, "aes128-ctr,none");
	assert_list(r, SSH_L_MAC_C2S, "hmac-sha2-256,none");
	assert_list(r, SSH_L_MAC_S2C, "hmac-sha2-256,none");
	ssh_result_free(&r);
	j = hostile_binary(&status);
	json_findings(j, ids, sizeof(ids));
	assert_string_equal(ids, "ssh-cipher-none ssh-mac-none");
	f = json_array_get(json_object_get(j, "findings"), 0);
	assert_string_equal(json_string_value(json_object_get(f, "severity")),
	    "critical");
	assert_string_equal(json_string_value(json_object_get(f, "evidence")),
	    "no encryption (\"none\" cipher) offered: none");
	f = json_array_get(json_object_get(j, "findings"), 1);
	assert_string_equal(json_string_value(json_object_get(f, "severity")),
	    "critical");
	assert_string_equal(json_string_value(json_object_get(f, "evidence")),
	    "no integrity (\"none\" MAC) offered: none");
	/* Critical findings at the default --fail-on high: exit 1. */
	assert_int_equal(status, 1);
	json_decref(j);
}

/* A server that waits for the client's KEXINIT before sending its own. */
static void
test_hostile_waitkex(void **state)
{
	struct ssh_result *r;
	uint64_t t0 = engine_now_ms();

	(void)state;
	r = hostile("waitkex", 3000, 10000);
	assert_null(r->error);
	assert_int_equal(r->scanned, 1);
	assert_true(engine_now_ms() - t0 < 2500);
	assert_string_equal(r->hello.software, "Switch_1.0");
	assert_list(r, SSH_L_KEX, "curve25519-sha256");
	assert_list(r, SSH_L_HOSTKEY, "ssh-ed25519");
	assert_list(r, SSH_L_ENC_C2S, "aes128-ctr");
	/* It never answers a key exchange: no key, and it says so. */
	assert_int_equal(r->nhost_keys, 0);
	assert_non_null(r->host_keys_error);
	assert_non_null(strstr(r->host_keys_error, "ssh-ed25519: "));
	assert_null(r->auth_methods);
	assert_non_null(r->auth_error);
	ssh_result_free(&r);
}

/* KEXINIT and DISCONNECT in one go: the reason is kept. */
static void
test_hostile_kexdisc(void **state)
{
	struct ssh_result *r;

	(void)state;
	r = hostile("kexdisc", 3000, 10000);
	assert_null(r->error);
	assert_int_equal(r->scanned, 1);
	assert_list(r, SSH_L_HOSTKEY, "ssh-ed25519");
	assert_int_equal(r->nhost_keys, 0);
	assert_non_null(r->host_keys_error);
	assert_non_null(strstr(r->host_keys_error, "ssh-ed25519: server "
	    "disconnected: reason 3: 'no matching host key type found'"));
	ssh_result_free(&r);
}

static void
assert_fails(const char *mode, int read_ms, int budget_ms, const char *msg,
    uint64_t max_ms)
{
	struct ssh_result *r;
	uint64_t t0 = engine_now_ms(), took;

	r = hostile(mode, read_ms, budget_ms);
	took = engine_now_ms() - t0;
	assert_int_equal(r->scanned, 0);
	assert_non_null(r->error);
	if (strstr(r->error, msg) == NULL)
		fail_msg("%s: error '%s' lacks '%s'", mode, r->error, msg);
	if (took > max_ms)
		fail_msg("%s: took %llu ms", mode, (unsigned long long)took);
	assert_int_equal(r->nhost_keys, 0);
	assert_null(r->auth_methods);
	ssh_result_free(&r);
}

/* tilsyn-scan names the problem per target and exits 3. */
static void
binary_fails(const char *mode, const char *msg)
{
	const char *e;
	json_t *j;
	int status;

	start_hostile(mode);
	j = hostile_binary(&status);
	assert_int_equal(status, 3);
	assert_non_null(e = json_string_value(json_object_get(j, "error")));
	if (strstr(e, msg) == NULL)
		fail_msg("%s: error '%s' lacks '%s'", mode, e, msg);
	json_decref(j);
}

static void
test_hostile_errors(void **state)
{
	(void)state;
	assert_fails("garbage", 2000, 5000, "garbage before identification: "
	    "byte 0x16 at offset 0", 3000);
	assert_fails("endless", 2000, 5000, "endless banner: more than 64 "
	    "lines", 3000);
	assert_fails("longline", 2000, 5000, "endless banner: no SSH "
	    "identification in the first 8192 bytes", 3000);
	assert_fails("oversize", 2000, 5000, "oversize packet: "
	    "packet_length 2147483647 exceeds 35000", 3000);
	binary_fails("oversize", "oversize packet: packet_length 2147483647 "
	    "exceeds 35000");
	binary_fails("garbage", "garbage before identification");
	assert_fails("silent", 500, 5000, "identification not received "
	    "within 0.5 s (0 bytes received)", 3000);
	/*
	 * A drip (a byte every 200 ms) completes nothing: the read times
	 * out after the read timeout, the budget is not needed.
	 */
	assert_fails("drip", 500, 5000, "identification not received "
	    "within 0.5 s", 3000);
	assert_fails("drip", 3000, 800, "identification not received "
	    "before the target's deadline", 3000);
}

/*
 * Trickling servers, a byte a second: the identification, the KEXINIT,
 * and the key exchange reply libssh2 waits for in fd mode.  Each ends
 * within the read timeout (plus what came before), not when the server
 * is done, and the error names what did not arrive.
 */
static void
test_hostile_trickle(void **state)
{
	struct ssh_result *r;
	uint64_t t0;

	(void)state;
	assert_fails("tricklebanner", 500, 20000, "identification not "
	    "received within 0.5 s", 500 + 3000);
	assert_fails("tricklekex", 500, 20000, "KEXINIT not received within "
	    "0.5 s", 500 + 3000);

	t0 = engine_now_ms();
	r = hostile("tricklereply", 500, 20000);
	if (engine_now_ms() - t0 > 500 + 3000)
		fail_msg("tricklereply: took %llu ms",
		    (unsigned long long)(engine_now_ms() - t0));
	/* The KEXINIT was read; the key exchange stalled in libssh2. */
	assert_null(r->error);
	assert_int_equal(r->scanned, 1);
	assert_list(r, SSH_L_HOSTKEY, "ssh-ed25519");
	assert_int_equal(r->nhost_keys, 0);
	assert_non_null(r->host_keys_error);
	if (strstr(r->host_keys_error, "ssh-ed25519: key exchange stalled: "
	    "no progress within 0.5 s") == NULL)
		fail_msg("host_keys_error '%s'", r->host_keys_error);
	assert_null(r->auth_methods);
	assert_non_null(strstr(r->auth_error, "key exchange stalled"));
	assert_int_equal(r->connections, 1);
	ssh_result_free(&r);

	/* The target's deadline cuts it short of the read timeout. */
	t0 = engine_now_ms();
	r = hostile("tricklereply", 5000, 800);
	assert_true(engine_now_ms() - t0 < 800 + 3000);
	assert_non_null(r->host_keys_error);
	if (strstr(r->host_keys_error, "key exchange cut off by the "
	    "target's deadline") == NULL)
		fail_msg("host_keys_error '%s'", r->host_keys_error);
	ssh_result_free(&r);
}

/* A refused port: one connection, the words for it. */
static void
test_refused(void **state)
{
	struct ssh_result *r;
	uint64_t conns;

	(void)state;
	r = scan_port(testsrv_free_port(), 1000, 5000, &conns);
	assert_int_equal(conns, 1);
	assert_int_equal(r->connections, 1);
	assert_string_equal(r->error, "connection refused");
	assert_int_equal(r->error_status, ENGINE_EREFUSED);
	ssh_result_free(&r);
}

#define T(f)	cmocka_unit_test_teardown(f, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sshd_default),
		T(test_sshd_hardened),
		T(test_sshd_legacy),
		T(test_sshd_ecdh_only),
		T(test_sshd_pq_only),
		T(test_sshd_key_then_password),
		T(test_dropbear),
		T(test_hostile_ssh1),
		T(test_hostile_ssh199_and_terrapin),
		T(test_hostile_none_cipher_and_mac),
		T(test_hostile_waitkex),
		T(test_hostile_kexdisc),
		T(test_hostile_errors),
		T(test_hostile_trickle),
		T(test_refused),
	};

	itest_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
