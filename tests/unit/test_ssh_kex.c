/*
 * Unit tests of the SSH identification and KEXINIT parser
 * (scanner/ssh/ssh_kex.c): hand-built and captured server hellos,
 * truncation at every byte, and the hostile cases (endless banner, garbage,
 * oversize packets, SSH-1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/buf.h"
#include "scanner/ssh/ssh_hostkey.h"
#include "scanner/ssh/ssh_kex.h"
#include "scanner/ssh/ssh_plan.h"
#include "tests/unit/scan_helpers.h"

static const uint8_t cookie[16] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
};

static void
assert_list(const struct ssh_server_hello *h, enum ssh_list which,
    const char *want)
{
	assert_namelist(&h->lists[which], want);
}

/* banner + KEXINIT with the given lists into w. */
static void
build(struct wbuf *w, const char *banner, const char *const lists[SSH_L_COUNT],
    int follows)
{
	wbuf_init(w, 65536);
	assert_int_equal(wbuf_put_bytes(w, banner, strlen(banner)), BUF_OK);
	assert_int_equal(ssh_kex_build_kexinit(w, lists, cookie, follows), 0);
}

static const char *const legacy_lists[SSH_L_COUNT] = {
	"diffie-hellman-group14-sha1,ext-info-s",
	"ssh-rsa",
	"aes128-cbc,3des-cbc",
	"aes128-cbc",
	"hmac-sha1,hmac-md5-96",
	"hmac-sha1",
	"none,zlib",
	"zlib",
	NULL,
	"en",
};

static void
test_hand_built(void **state)
{
	struct ssh_server_hello h;
	struct wbuf w;
	char err[256];

	(void)state;
	build(&w, "pre line one\r\nSSH-2.0-Test_1.0 extra words\r\n",
	    legacy_lists, 1);
	ssh_server_hello_init(&h);
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)), 0);
	assert_string_equal(h.ident, "SSH-2.0-Test_1.0 extra words");
	assert_string_equal(h.protocol, "2.0");
	assert_string_equal(h.software, "Test_1.0");
	assert_string_equal(h.comments, "extra words");
	assert_int_equal(h.pre_lines, 1);
	assert_true(h.ssh2);
	assert_false(h.ssh1);
	assert_true(h.has_kexinit);
	assert_list(&h, SSH_L_KEX, "diffie-hellman-group14-sha1,ext-info-s");
	assert_list(&h, SSH_L_HOSTKEY, "ssh-rsa");
	assert_list(&h, SSH_L_ENC_C2S, "aes128-cbc,3des-cbc");
	assert_list(&h, SSH_L_ENC_S2C, "aes128-cbc");
	assert_list(&h, SSH_L_MAC_C2S, "hmac-sha1,hmac-md5-96");
	assert_list(&h, SSH_L_MAC_S2C, "hmac-sha1");
	assert_list(&h, SSH_L_COMP_C2S, "none,zlib");
	assert_list(&h, SSH_L_COMP_S2C, "zlib");
	assert_int_equal(h.lists[SSH_L_LANG_C2S].n, 0);
	assert_list(&h, SSH_L_LANG_S2C, "en");
	assert_true(h.first_kex_follows);
	assert_true(h.ext_info);
	assert_false(h.strict_kex);
	assert_memory_equal(h.cookie, cookie, 16);
	ssh_server_hello_release(&h);
	wbuf_release(&w);
}

/* Every proper prefix needs more; the whole parses; nothing else. */
static void
check_every_prefix(const uint8_t *p, size_t len)
{
	struct ssh_server_hello h;
	char err[256];
	size_t i;

	ssh_server_hello_init(&h);
	for (i = 0; i < len; i++) {
		int rc = ssh_kex_parse(p, i, &h, err, sizeof(err));

		if (rc != SSH_KEX_MORE)
			fail_msg("prefix of %zu/%zu bytes: %d (%s)", i, len,
			    rc, err);
	}
	assert_int_equal(ssh_kex_parse(p, len, &h, err, sizeof(err)), 0);
	assert_true(h.has_kexinit);
	ssh_server_hello_release(&h);
}

static void
test_truncation_at_every_byte(void **state)
{
	struct wbuf w;

	(void)state;
	build(&w, "hello\nworld\r\nSSH-2.0-X\r\n", legacy_lists, 0);
	check_every_prefix(w.p, w.len);
	wbuf_release(&w);
}

/* Captured from OpenSSH 9.2p1 (Debian 12) with its default configuration. */
static void
test_captured_openssh(void **state)
{
	struct ssh_server_hello h;
	char err[256];
	uint8_t *p;
	size_t len;

	(void)state;
	p = corpus_load("ssh_kex", "openssh-9.2-default.bin", &len);
	check_every_prefix(p, len);
	ssh_server_hello_init(&h);
	assert_int_equal(ssh_kex_parse(p, len, &h, err, sizeof(err)), 0);
	assert_string_equal(h.software, "OpenSSH_9.2p1");
	assert_string_equal(h.comments, "Debian-2+deb12u10");
	assert_list(&h, SSH_L_KEX, "sntrup761x25519-sha512,"
	    "sntrup761x25519-sha512@openssh.com,curve25519-sha256,"
	    "curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
	    "ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
	    "diffie-hellman-group-exchange-sha256,"
	    "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
	    "diffie-hellman-group14-sha256,kex-strict-s-v00@openssh.com");
	assert_list(&h, SSH_L_HOSTKEY,
	    "rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519");
	assert_list(&h, SSH_L_ENC_S2C, "chacha20-poly1305@openssh.com,"
	    "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
	    "aes256-gcm@openssh.com");
	assert_list(&h, SSH_L_MAC_C2S, "umac-64-etm@openssh.com,"
	    "umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
	    "hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,"
	    "umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,"
	    "hmac-sha2-512,hmac-sha1");
	assert_list(&h, SSH_L_COMP_S2C, "none,zlib@openssh.com");
	assert_true(h.strict_kex);
	assert_false(h.ext_info);
	assert_false(h.first_kex_follows);
	ssh_server_hello_release(&h);
	free(p);
}

static void
test_captured_dropbear(void **state)
{
	struct ssh_server_hello h;
	char err[256];
	uint8_t *p;
	size_t len;

	(void)state;
	p = corpus_load("ssh_kex", "dropbear-2022.83.bin", &len);
	check_every_prefix(p, len);
	ssh_server_hello_init(&h);
	assert_int_equal(ssh_kex_parse(p, len, &h, err, sizeof(err)), 0);
	assert_string_equal(h.software, "dropbear_2022.83");
	assert_list(&h, SSH_L_HOSTKEY, "ssh-ed25519,rsa-sha2-256,ssh-rsa");
	assert_true(ssh_namelist_has(&h.lists[SSH_L_KEX], "curve25519-sha256"));
	assert_true(h.ext_info == ssh_namelist_has(&h.lists[SSH_L_KEX],
	    "ext-info-s"));
	ssh_server_hello_release(&h);
	free(p);
}

static int
parse_str(const char *s, size_t len, struct ssh_server_hello *h, char *err,
    size_t errlen)
{
	return ssh_kex_parse((const uint8_t *)s, len, h, err, errlen);
}

static void
test_ssh1(void **state)
{
	struct ssh_server_hello h;
	const char *s1 = "SSH-1.5-OpenSSH_2.3.0\n";
	const char *s199 = "SSH-1.99-OpenSSH_3.9p1\r\n";
	char err[256];

	(void)state;
	ssh_server_hello_init(&h);
	assert_int_equal(parse_str(s1, strlen(s1), &h, err, sizeof(err)), 0);
	assert_string_equal(h.protocol, "1.5");
	assert_true(h.ssh1);
	assert_false(h.ssh2);
	assert_false(h.has_kexinit);
	assert_string_equal(h.software, "OpenSSH_2.3.0");
	/* 1.99 speaks both: the KEXINIT is still to come. */
	assert_int_equal(parse_str(s199, strlen(s199), &h, err, sizeof(err)),
	    SSH_KEX_MORE);
	assert_true(h.ssh1);
	assert_true(h.ssh2);
	assert_string_equal(h.protocol, "1.99");
	ssh_server_hello_release(&h);
}

static void
test_endless_banner(void **state)
{
	struct ssh_server_hello h;
	char err[256], *s;
	size_t i;

	(void)state;
	ssh_server_hello_init(&h);
	/* 64 lines are fine, the 65th is one too many. */
	s = malloc(SSH_KEX_MAX_PRELINES * 3 + 64);
	assert_non_null(s);
	s[0] = '\0';
	for (i = 0; i < SSH_KEX_MAX_PRELINES; i++)
		strcat(s, "x\r\n");
	assert_int_equal(parse_str(s, strlen(s), &h, err, sizeof(err)),
	    SSH_KEX_MORE);
	strcat(s, "x\n");
	assert_int_equal(parse_str(s, strlen(s), &h, err, sizeof(err)),
	    SSH_KEX_EBANNER);
	assert_non_null(strstr(err, "more than 64 lines"));
	free(s);
	/* One long line: more is needed up to the cap, then it fails. */
	s = malloc(SSH_KEX_MAX_PRE + 10);
	assert_non_null(s);
	memset(s, 'a', SSH_KEX_MAX_PRE + 10);
	assert_int_equal(parse_str(s, SSH_KEX_MAX_PRE - 1, &h, err,
	    sizeof(err)), SSH_KEX_MORE);
	assert_int_equal(parse_str(s, SSH_KEX_MAX_PRE, &h, err, sizeof(err)),
	    SSH_KEX_EBANNER);
	assert_non_null(strstr(err, "endless banner"));
	free(s);
	ssh_server_hello_release(&h);
}

static void
test_garbage_and_bad_ident(void **state)
{
	struct ssh_server_hello h;
	const uint8_t bin[] = { 0x16, 0x03, 0x01, 0x00, 0x2a };
	char err[256], longid[400];

	(void)state;
	ssh_server_hello_init(&h);
	assert_int_equal(ssh_kex_parse(bin, sizeof(bin), &h, err,
	    sizeof(err)), SSH_KEX_EGARBAGE);
	assert_string_equal(err, "garbage before identification: byte 0x16 "
	    "at offset 0");
	assert_int_equal(parse_str("SSH-3.0-x\r\n", 11, &h, err, sizeof(err)),
	    SSH_KEX_EIDENT);
	assert_non_null(strstr(err, "unknown protocol version '3.0'"));
	assert_int_equal(parse_str("SSH-2.0\r\n", 9, &h, err, sizeof(err)),
	    SSH_KEX_EIDENT);
	assert_int_equal(parse_str("SSH-2.0-a\tb\r\n", 13, &h, err,
	    sizeof(err)), SSH_KEX_EIDENT);
	memset(longid, 'v', sizeof(longid));
	memcpy(longid, "SSH-2.0-", 8);
	assert_int_equal(parse_str(longid, 254, &h, err, sizeof(err)),
	    SSH_KEX_MORE);
	longid[254] = '\n';
	assert_int_equal(parse_str(longid, 255, &h, err, sizeof(err)),
	    SSH_KEX_MORE);	/* SSH-2 waits for the KEXINIT */
	longid[254] = 'v';
	assert_int_equal(parse_str(longid, sizeof(longid), &h, err,
	    sizeof(err)), SSH_KEX_EIDENT);
	assert_non_null(strstr(err, "longer than 255"));
	ssh_server_hello_release(&h);
}

static void
test_oversize_and_bad_padding(void **state)
{
	struct ssh_server_hello h;
	const char huge[] = "SSH-2.0-x\r\n\x7f\xff\xff\xff";
	const char odd[] = "SSH-2.0-x\r\n\x00\x00\x00\x0d";
	const char pad[] = "SSH-2.0-x\r\n\x00\x00\x00\x0c\x02\x14zzzzzzzzzz";
	const char big[] = "SSH-2.0-x\r\n\x00\x00\x88\xbc";
	char err[256];

	(void)state;
	ssh_server_hello_init(&h);
	assert_int_equal(parse_str(huge, sizeof(huge) - 1, &h, err,
	    sizeof(err)), SSH_KEX_EPACKET);
	assert_string_equal(err, "oversize packet: packet_length 2147483647 "
	    "exceeds 35000");
	/* 35004 = 35000 + 4 rounded: just over the cap. */
	assert_int_equal(parse_str(big, sizeof(big) - 1, &h, err,
	    sizeof(err)), SSH_KEX_EPACKET);
	assert_int_equal(parse_str(odd, sizeof(odd) - 1, &h, err,
	    sizeof(err)), SSH_KEX_EPACKET);
	assert_int_equal(parse_str(pad, sizeof(pad) - 1, &h, err,
	    sizeof(err)), SSH_KEX_EPACKET);
	assert_non_null(strstr(err, "padding_length 2"));
	ssh_server_hello_release(&h);
}

/* A packet: padding_length, payload, padding to a multiple of 8. */
static void
put_packet(struct wbuf *w, const uint8_t *payload, size_t n)
{
	size_t pad = 8 - ((n + 5) % 8);

	if (pad < 4)
		pad += 8;
	assert_int_equal(wbuf_put_u32(w, (uint32_t)(n + pad + 1)), BUF_OK);
	assert_int_equal(wbuf_put_u8(w, (uint8_t)pad), BUF_OK);
	assert_int_equal(wbuf_put_bytes(w, payload, n), BUF_OK);
	assert_int_equal(wbuf_put_zero(w, pad), BUF_OK);
}

static void
test_messages_before_kexinit(void **state)
{
	const uint8_t ignore[] = { SSH_MSG_IGNORE, 0, 0, 0, 1, 'x' };
	const uint8_t disc[] = { SSH_MSG_DISCONNECT, 0, 0, 0, 2, 0, 0, 0, 9,
	    't', 'o', 'o', ' ', 'm', 'a', 'n', 'y', '\x01', 0, 0, 0, 0 };
	const uint8_t other[] = { 21 };
	struct ssh_server_hello h;
	struct wbuf w;
	char err[256];
	int i;

	(void)state;
	ssh_server_hello_init(&h);
	/* IGNORE is skipped, KEXINIT follows. */
	wbuf_init(&w, 65536);
	assert_int_equal(wbuf_put_bytes(&w, "SSH-2.0-x\r\n", 11), BUF_OK);
	put_packet(&w, ignore, sizeof(ignore));
	assert_int_equal(ssh_kex_build_kexinit(&w, legacy_lists, cookie, 0), 0);
	check_every_prefix(w.p, w.len);
	wbuf_release(&w);
	/* Too many IGNOREs. */
	wbuf_init(&w, 65536);
	assert_int_equal(wbuf_put_bytes(&w, "SSH-2.0-x\r\n", 11), BUF_OK);
	for (i = 0; i <= SSH_KEX_MAX_SKIPPED; i++)
		put_packet(&w, ignore, sizeof(ignore));
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)),
	    SSH_KEX_EUNEXPECTED);
	wbuf_release(&w);
	/* DISCONNECT: the reason is shown, control bytes replaced. */
	wbuf_init(&w, 65536);
	assert_int_equal(wbuf_put_bytes(&w, "SSH-2.0-x\r\n", 11), BUF_OK);
	put_packet(&w, disc, sizeof(disc));
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)),
	    SSH_KEX_EDISCONNECT);
	assert_string_equal(err, "server disconnected: reason 2: "
	    "'too many?'");
	wbuf_release(&w);
	wbuf_init(&w, 65536);
	assert_int_equal(wbuf_put_bytes(&w, "SSH-2.0-x\r\n", 11), BUF_OK);
	put_packet(&w, other, sizeof(other));
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)),
	    SSH_KEX_EUNEXPECTED);
	assert_string_equal(err, "message type 21 before KEXINIT");
	wbuf_release(&w);
	ssh_server_hello_release(&h);
}

static void
test_bad_namelists(void **state)
{
	const char *lists[SSH_L_COUNT] = { "a,,b", "ssh-ed25519" };
	struct ssh_server_hello h;
	struct wbuf w;
	char err[256], many[SSH_KEX_MAX_NAMES * 3 + 8];
	size_t i;

	(void)state;
	ssh_server_hello_init(&h);
	build(&w, "SSH-2.0-x\r\n", lists, 0);
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)),
	    SSH_KEX_EKEXINIT);
	assert_string_equal(err, "kex_algorithms: name 2 is empty");
	wbuf_release(&w);
	lists[0] = "curve25519-sha256";
	lists[2] = "aes128-ctr,bad name";
	build(&w, "SSH-2.0-x\r\n", lists, 0);
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)),
	    SSH_KEX_EKEXINIT);
	assert_string_equal(err, "encryption_algorithms_client_to_server: "
	    "byte 0x20 in a name");
	wbuf_release(&w);
	many[0] = '\0';
	for (i = 0; i <= SSH_KEX_MAX_NAMES; i++)
		strcat(many, i == 0 ? "a" : ",a");
	lists[2] = many;
	build(&w, "SSH-2.0-x\r\n", lists, 0);
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)),
	    SSH_KEX_EKEXINIT);
	assert_non_null(strstr(err, "129 names"));
	wbuf_release(&w);
	ssh_server_hello_release(&h);
}

/* The KEXINIT ends early inside a name-list length: malformed. */
static void
test_kexinit_truncated_inside(void **state)
{
	const uint8_t payload[] = { SSH_MSG_KEXINIT, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 'a' };
	struct ssh_server_hello h;
	struct wbuf w;
	char err[256];

	(void)state;
	ssh_server_hello_init(&h);
	wbuf_init(&w, 4096);
	assert_int_equal(wbuf_put_bytes(&w, "SSH-2.0-x\r\n", 11), BUF_OK);
	put_packet(&w, payload, sizeof(payload));
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)),
	    SSH_KEX_EKEXINIT);
	assert_string_equal(err, "KEXINIT truncated in kex_algorithms");
	wbuf_release(&w);
	ssh_server_hello_release(&h);
}

/* KEX_ECDH_REPLY: string K_S, string Q_S, string signature. */
static void
test_ecdh_reply(void **state)
{
	const uint8_t blob[] = { 0, 0, 0, 11, 's', 's', 'h', '-', 'e', 'd',
	    '2', '5', '5', '1', '9', 0, 0, 0, 2, 0xaa, 0xbb };
	uint8_t reply[64], q[32];
	struct ssh_server_hello h;
	const uint8_t *got;
	struct wbuf w;
	size_t n = 0, i, glen;
	char err[256];

	(void)state;
	memset(q, 7, sizeof(q));
	reply[n++] = SSH_MSG_KEX_ECDH_REPLY;
	reply[n++] = 0; reply[n++] = 0; reply[n++] = 0;
	reply[n++] = (uint8_t)sizeof(blob);
	memcpy(reply + n, blob, sizeof(blob));
	n += sizeof(blob);
	memset(reply + n, 0, 8);	/* empty Q_S and signature */
	n += 8;
	build(&w, "SSH-2.0-x\r\n", legacy_lists, 0);
	assert_int_equal(ssh_kex_build_packet(&w, reply, n), 0);
	ssh_server_hello_init(&h);
	for (i = 0; i < w.len; i++)
		if (ssh_kex_parse_reply(w.p, i, &h, &got, &glen, err,
		    sizeof(err)) != SSH_KEX_MORE)
			fail_msg("prefix %zu: %s", i, err);
	assert_int_equal(ssh_kex_parse_reply(w.p, w.len, &h, &got, &glen, err,
	    sizeof(err)), 0);
	assert_int_equal(glen, sizeof(blob));
	assert_memory_equal(got, blob, sizeof(blob));
	assert_true(h.has_kexinit);
	/* ssh_kex_parse() stops at the KEXINIT, as before. */
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)), 0);
	wbuf_release(&w);
	/* Anything but the reply after the KEXINIT is an error. */
	build(&w, "SSH-2.0-x\r\n", legacy_lists, 0);
	assert_int_equal(ssh_kex_build_ecdh_init(&w, q, sizeof(q)), 0);
	assert_int_equal(ssh_kex_parse_reply(w.p, w.len, &h, &got, &glen, err,
	    sizeof(err)), SSH_KEX_EUNEXPECTED);
	assert_string_equal(err, "message type 30 instead of KEX_ECDH_REPLY");
	wbuf_release(&w);
	/* An empty host key. */
	build(&w, "SSH-2.0-x\r\n", legacy_lists, 0);
	memset(reply + 1, 0, 12);
	assert_int_equal(ssh_kex_build_packet(&w, reply, 13), 0);
	assert_int_equal(ssh_kex_parse_reply(w.p, w.len, &h, &got, &glen, err,
	    sizeof(err)), SSH_KEX_EREPLY);
	wbuf_release(&w);
	/* A server's wrong kex guess is skipped, once. */
	build(&w, "SSH-2.0-x\r\n", legacy_lists, 1);
	assert_int_equal(ssh_kex_build_ecdh_init(&w, q, sizeof(q)), 0);
	n = 0;
	reply[n++] = SSH_MSG_KEX_ECDH_REPLY;
	reply[n++] = 0; reply[n++] = 0; reply[n++] = 0;
	reply[n++] = (uint8_t)sizeof(blob);
	memcpy(reply + n, blob, sizeof(blob));
	n += sizeof(blob);
	memset(reply + n, 0, 8);
	n += 8;
	assert_int_equal(ssh_kex_build_packet(&w, reply, n), 0);
	assert_int_equal(ssh_kex_parse_reply(w.p, w.len, &h, &got, &glen, err,
	    sizeof(err)), 0);
	assert_int_equal(glen, sizeof(blob));
	wbuf_release(&w);
	/* An SSH-1 server has no reply to give. */
	assert_int_equal(ssh_kex_parse_reply((const uint8_t *)"SSH-1.5-x\n",
	    10, &h, &got, &glen, err, sizeof(err)), SSH_KEX_EUNEXPECTED);
	ssh_server_hello_release(&h);
}

/* Host key blobs (ssh_hostkey.c): sizes, and malformed blobs refused. */
static void
test_hostkey_blob(void **state)
{
	uint8_t rsa[4 + 7 + 4 + 3 + 4 + 1 + 256];
	const uint8_t ed[] = { 0, 0, 0, 11, 's', 's', 'h', '-', 'e', 'd', '2',
	    '5', '5', '1', '9', 0, 0, 0, 32, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
	    12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
	    29, 30, 31, 32 };
	const uint8_t ec[] = { 0, 0, 0, 19, 'e', 'c', 'd', 's', 'a', '-', 's',
	    'h', 'a', '2', '-', 'n', 'i', 's', 't', 'p', '3', '8', '4', 0, 0, 0,
	    8, 'n', 'i', 's', 't', 'p', '3', '8', '4', 0, 0, 0, 1, 4 };
	struct ssh_hostkey k;
	size_t n = 0, i;

	(void)state;
	memcpy(rsa + n, "\0\0\0\7ssh-rsa\0\0\0\3\1\0\1\0\0\1\1\0", 23);
	n += 23;
	memset(rsa + n, 0xc5, 256);	/* a 2048-bit modulus after a 0 */
	n += 256;
	assert_int_equal(n, sizeof(rsa));
	assert_int_equal(ssh_hostkey_from_blob(rsa, n, &k), 0);
	assert_string_equal(k.type, "ssh-rsa");
	assert_int_equal(k.bits, 2048);
	assert_int_equal(strncmp(k.sha256, "SHA256:", 7), 0);
	/* 32 bytes in base64 without its '=' */
	assert_int_equal(strlen(k.sha256), 7 + 43);
	assert_int_equal(ssh_hostkey_from_blob(ed, sizeof(ed), &k), 0);
	assert_string_equal(k.type, "ssh-ed25519");
	assert_int_equal(k.bits, 256);
	assert_int_equal(ssh_hostkey_from_blob(ec, sizeof(ec), &k), 0);
	assert_int_equal(k.bits, 384);
	/* Every truncation of a blob is refused. */
	for (i = 0; i < sizeof(ed); i++)
		assert_int_equal(ssh_hostkey_from_blob(ed, i, &k), SSH_HK_EKEY);
	for (i = 0; i < 23 + 255; i++)
		assert_int_equal(ssh_hostkey_from_blob(rsa, i, &k),
		    SSH_HK_EKEY);
}

/* The plan as "alg/how" words, how = lib or ecdh. */
static void
plan_of(const char *const lists[SSH_L_COUNT], const char *inline_alg,
    struct ssh_hk_plan *p, char *out, size_t len)
{
	struct ssh_server_hello h;
	struct wbuf w;
	char err[256];
	size_t i;

	build(&w, "SSH-2.0-x\r\n", lists, 0);
	ssh_server_hello_init(&h);
	assert_int_equal(ssh_kex_parse(w.p, w.len, &h, err, sizeof(err)), 0);
	assert_int_equal(ssh_hk_plan(&h, inline_alg, p), 0);
	out[0] = '\0';
	for (i = 0; i < p->nkeys; i++)
		snprintf(out + strlen(out), len - strlen(out), "%s%s/%s",
		    i > 0 ? " " : "", p->keys[i].alg, p->keys[i].inline_ ?
		    "inline" : p->keys[i].ecdh ? "ecdh" : "lib");
	ssh_server_hello_release(&h);
	wbuf_release(&w);
}

/* Which key comes how (ssh_hostkey.c's plan), from the KEXINIT alone. */
static void
test_plan(void **state)
{
	const char *l[SSH_L_COUNT] = {
		"sntrup761x25519-sha512@openssh.com,curve25519-sha256,"
		    "ecdh-sha2-nistp256,kex-strict-s-v00@openssh.com",
		"rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519,"
		    "ssh-ed25519-cert-v01@openssh.com",
		"aes128-ctr", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256",
		"none", "none", NULL, NULL };
	const char *v = ssh_hk_libssh2_version();
	struct ssh_hk_plan p;
	char got[512], want[512];

	(void)state;
	/* libssh2 for the first kind it can do; RSA (rsa-sha2 only) too. */
	plan_of(l, NULL, &p, got, sizeof(got));
	assert_string_equal(got, "rsa-sha2-512/ecdh "
	    "ecdsa-sha2-nistp256/lib ssh-ed25519/ecdh");
	assert_string_equal(p.ecdh_kex, "curve25519-sha256");
	assert_string_equal(p.keys_note, "");
	assert_string_equal(p.session_note, "");
	assert_null(p.auth_alg);
	/* The hello connection reads the RSA key. */
	plan_of(l, "rsa-sha2-512", &p, got, sizeof(got));
	assert_string_equal(got, "rsa-sha2-512/inline "
	    "ecdsa-sha2-nistp256/lib ssh-ed25519/ecdh");
	/* Inline Ed25519: libssh2 takes the next kind it can do. */
	plan_of(l, "ssh-ed25519", &p, got, sizeof(got));
	assert_string_equal(got, "rsa-sha2-512/ecdh "
	    "ecdsa-sha2-nistp256/lib ssh-ed25519/inline");
	/* An algorithm the server lacks is not inline. */
	plan_of(l, "ssh-dss", &p, got, sizeof(got));
	assert_string_equal(got, "rsa-sha2-512/ecdh "
	    "ecdsa-sha2-nistp256/lib ssh-ed25519/ecdh");
	/* One kind only, inline: libssh2 again for the auth methods. */
	l[1] = "ssh-ed25519";
	plan_of(l, "ssh-ed25519", &p, got, sizeof(got));
	assert_string_equal(got, "ssh-ed25519/inline");
	assert_string_equal(p.auth_alg, "ssh-ed25519");
	l[1] = "rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519,"
	    "ssh-ed25519-cert-v01@openssh.com";
	/* chacha20 only: no libssh2 at all, keys still by ECDH. */
	l[2] = l[3] = "chacha20-poly1305@openssh.com";
	plan_of(l, NULL, &p, got, sizeof(got));
	assert_string_equal(got, "rsa-sha2-512/ecdh "
	    "ecdsa-sha2-nistp256/ecdh ssh-ed25519/ecdh");
	snprintf(want, sizeof(want), "libssh2 %s supports none of the "
	    "server's ciphers (client to server); libssh2 %s supports none "
	    "of the server's ciphers (server to client)", v, v);
	assert_string_equal(p.session_note, want);
	/* Classic DH only: one libssh2 handshake per kind it can do. */
	l[0] = "diffie-hellman-group14-sha1";
	l[1] = "rsa-sha2-512,ssh-rsa,ssh-dss,ssh-ed448";
	l[2] = l[3] = "aes128-cbc";
	plan_of(l, "ssh-rsa", &p, got, sizeof(got));
	assert_string_equal(got, "ssh-rsa/lib ssh-dss/lib");
	assert_null(p.ecdh_kex);
	assert_string_equal(p.keys_note, "host keys for ssh-ed448 not "
	    "obtainable: libssh2 does not support them, and the server "
	    "offers no curve25519 or ECDH key exchange");
	/* Post-quantum kex only. */
	l[0] = "mlkem768x25519-sha256,sntrup761x25519-sha512@openssh.com";
	l[1] = "ssh-ed25519";
	plan_of(l, NULL, &p, got, sizeof(got));
	assert_string_equal(got, "");
	snprintf(want, sizeof(want), "host keys for ssh-ed25519 not "
	    "obtainable: libssh2 %s supports none of the server's key "
	    "exchanges, and the server offers no curve25519 or ECDH key "
	    "exchange", v);
	assert_string_equal(p.keys_note, want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_built),
		cmocka_unit_test(test_truncation_at_every_byte),
		cmocka_unit_test(test_captured_openssh),
		cmocka_unit_test(test_captured_dropbear),
		cmocka_unit_test(test_ssh1),
		cmocka_unit_test(test_endless_banner),
		cmocka_unit_test(test_garbage_and_bad_ident),
		cmocka_unit_test(test_oversize_and_bad_padding),
		cmocka_unit_test(test_messages_before_kexinit),
		cmocka_unit_test(test_bad_namelists),
		cmocka_unit_test(test_kexinit_truncated_inside),
		cmocka_unit_test(test_ecdh_reply),
		cmocka_unit_test(test_hostkey_blob),
		cmocka_unit_test(test_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
