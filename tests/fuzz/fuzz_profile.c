/*
 * Fuzz target: the profile parser (scanner/profile.c) on hostile files,
 * then, when one parses, every rule of it matched against a small fixed
 * result, so that whatever the parser lets through meets the match code.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/profile.h"
#include "scanner/scan.h"
#include "scanner/ssh/ssh_scan.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char k1[] = "curve25519-sha256", k2[] = "aes128-cbc";
	static char *kex[] = { k1 }, *enc[] = { k2 };
	static char subject[] = "CN=fuzz";
	struct cert_info c;
	struct ssh_result *s;
	struct scan_result r;
	struct profile *pf;
	char err[512];

	if ((pf = profile_parse("fuzz.xml", data, size, err,
	    sizeof(err))) == NULL)
		return 0;
	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	r.has_tls = 1;
	r.tls.versions[4] = 1;
	r.tls.suites[4][r.tls.nsuites[4]++] = 0xC013;
	r.tls.groups[r.tls.ngroups++] = 23;
	r.tls.dh_bits = 1024;
	c.subject = subject;
	snprintf(c.key_type, sizeof(c.key_type), "RSA");
	c.key_bits = 1024;
	snprintf(c.not_before, sizeof(c.not_before), "2020-01-01T00:00:00Z");
	snprintf(c.not_after, sizeof(c.not_after), "2030-01-01T00:00:00Z");
	r.cert.certs = &c;
	r.cert.ncerts = 1;
	/* Matching names: the mismatch evidence would need an endpoint. */
	r.cert.chains[0].valid = 1;
	r.cert.chains[0].hostname_match = 1;
	r.cert.nchains = 1;
	if ((s = ssh_result_new()) != NULL) {
		s->scanned = 1;
		s->hello.has_kexinit = 1;
		s->hello.lists[SSH_L_KEX].v = kex;
		s->hello.lists[SSH_L_KEX].n = 1;
		s->hello.lists[SSH_L_ENC_C2S].v = enc;
		s->hello.lists[SSH_L_ENC_C2S].n = 1;
		r.ssh = s;
	}
	policy_use(pf);
	if (policy_evaluate(&r) == 0)
		free(r.findings);
	policy_use(NULL);
	if (s != NULL) {
		memset(&s->hello.lists, 0, sizeof(s->hello.lists));
		ssh_result_free(&s);
	}
	profile_free(&pf);
	return 0;
}
