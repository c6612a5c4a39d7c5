/*
 * policy.c: the one table of rules (see policy.h).  Each row reads the
 * observations of one scan result and, when it fires, writes the evidence:
 * what was seen, in the words of the report.  Severities follow the usual
 * baselines (BSI TR-02102-2, Mozilla intermediate): broken protocols and
 * ciphers high or critical, legacy-but-not-broken medium.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/scan.h"
#include "scanner/ssh/ssh_policy.h"
#include "scanner/ssh/ssh_scan.h"
#include "scanner/tls/tls_suites.h"

/*
 * A row tests either the whole result (TLS and certificates) or, for the
 * SSH rows, a scanned r->ssh (scanner/ssh/ssh_policy.c decides those).
 */
struct rule {
	const char	*id;
	enum severity	 severity;
	enum basis_id	 basis;
	int		(*test)(const struct scan_result *, char *, size_t,
			    uint32_t);
	int		(*ssh)(const struct ssh_result *, char *, size_t,
			    uint32_t);
	uint32_t	 arg;
};

static const char *sev_names[] = {
	"info", "low", "medium", "high", "critical",
};

const char *
severity_name(enum severity s)
{
	if ((unsigned)s > SEV_CRITICAL)
		return "?";
	return sev_names[s];
}

int
severity_parse(const char *s)
{
	int i;

	for (i = 0; i <= SEV_CRITICAL; i++)
		if (strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

/* Appends to an evidence buffer; once full it ends in "..." for good. */
static void
ev_add(char *ev, size_t len, const char *s)
{
	size_t n = strlen(ev);

	if (n >= 3 && strcmp(ev + n - 3, "...") == 0)
		return;
	if (n + strlen(s) + 4 >= len) {
		if (n + 4 <= len)
			snprintf(ev + n, len - n, "...");
		return;
	}
	snprintf(ev + n, len - n, "%s", s);
}

static int
version_accepted(const struct scan_result *r, char *ev, size_t len,
    uint32_t v)
{
	if (!r->has_tls || !r->tls.versions[v])
		return 0;
	snprintf(ev, len, "%s accepted", tls_version_name((int)v));
	return 1;
}

/* Lists the accepted suites (any version) with one of the flags. */
static int
suites_with(const struct scan_result *r, char *ev, size_t len,
    uint32_t flags, int without)
{
	const struct tls_suite *s;
	char name[32], item[128];
	int v, hit, found = 0;
	uint16_t i;

	ev[0] = '\0';
	if (!r->has_tls)
		return 0;
	for (v = 0; v < TLS_V_COUNT; v++) {
		for (i = 0; i < r->tls.nsuites[v]; i++) {
			s = tls_suite_by_code(r->tls.suites[v][i]);
			if (s == NULL || (s->flags & TLS_SF_SCSV))
				continue;
			hit = without ? (s->flags & flags) == 0 :
			    (s->flags & flags) != 0;
			if (!hit)
				continue;
			snprintf(item, sizeof(item), "%s%s (%s)",
			    found ? ", " : "", tls_suite_name(s->code, name,
			    sizeof(name)), tls_version_name(v));
			/* Room for the count put in front below. */
			ev_add(ev, len - 16, item);
			found++;
		}
	}
	if (found > 0) {
		snprintf(item, sizeof(item), "%d suites: ", found);
		if (strlen(item) + strlen(ev) < len) {
			memmove(ev + strlen(item), ev, strlen(ev) + 1);
			memcpy(ev, item, strlen(item));
		}
	}
	return found > 0;
}

static int
r_flag(const struct scan_result *r, char *ev, size_t len, uint32_t flag)
{
	return suites_with(r, ev, len, flag, 0);
}

/* Some accepted suite without forward secrecy (TLS 1.3 always has it). */
static int
r_no_fs(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	(void)arg;
	return suites_with(r, ev, len, TLS_SF_FS | TLS_SF_TLS13, 1);
}

static int
r_dh(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	(void)arg;
	if (!r->has_tls || r->tls.dh_bits == 0 || r->tls.dh_bits >= 2048)
		return 0;
	snprintf(ev, len, "DHE group of %u bits", (unsigned)r->tls.dh_bits);
	return 1;
}

static int
r_reneg(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	(void)arg;
	int v, old = 0;

	if (!r->has_tls || r->tls.secure_renegotiation != 0)
		return 0;
	for (v = TLS_V_SSL3; v <= TLS_V_TLS12; v++)
		old |= r->tls.versions[v];
	if (!old)
		return 0;
	snprintf(ev, len, "no renegotiation_info in the ServerHello "
	    "(RFC 5746)");
	return 1;
}

static int
r_compression(const struct scan_result *r, char *ev, size_t len,
    uint32_t arg)
{
	(void)arg;
	if (!r->has_tls || r->tls.compression != 1)
		return 0;
	snprintf(ev, len, "DEFLATE compression accepted (CRIME)");
	return 1;
}

/* Certificate rules: one line of evidence per certificate that fires. */
static int
each_cert_pred(const struct scan_result *r, char *ev, size_t len,
    int (*pred)(const struct cert_info *, char *, size_t))
{
	char item[600], what[200];
	size_t i;
	int found = 0;

	ev[0] = '\0';
	for (i = 0; i < r->cert.ncerts; i++) {
		what[0] = '\0';
		if (!pred(&r->cert.certs[i], what, sizeof(what)))
			continue;
		snprintf(item, sizeof(item), "%s%s: %s", found ? "; " : "",
		    r->cert.certs[i].subject, what);
		ev_add(ev, len, item);
		found++;
	}
	return found > 0;
}

static int
p_rsa(const struct cert_info *c, char *w, size_t l)
{
	if (strncmp(c->key_type, "RSA", 3) != 0 || c->key_bits >= 2048)
		return 0;
	snprintf(w, l, "RSA key of %d bits", c->key_bits);
	return 1;
}

static int
p_sha1(const struct cert_info *c, char *w, size_t l)
{
	/* A trust anchor's own signature is never checked. */
	if ((!c->sig_sha1 && !c->sig_md5) || (c->self_signed &&
	    c->position > 0))
		return 0;
	snprintf(w, l, "signed with %s", c->sig_alg);
	return 1;
}

static int
p_expired(const struct cert_info *c, char *w, size_t l)
{
	if (c->days_left >= 0)
		return 0;
	snprintf(w, l, "expired %s", c->not_after);
	return 1;
}

static int
p_notyet(const struct cert_info *c, char *w, size_t l)
{
	if (!c->not_yet_valid)
		return 0;
	snprintf(w, l, "not valid before %s", c->not_before);
	return 1;
}

enum cert_rule { CERT_RSA_WEAK, CERT_SHA1, CERT_EXPIRED, CERT_NOT_YET };

static int (*const cert_preds[])(const struct cert_info *, char *,
    size_t) = {
	[CERT_RSA_WEAK] = p_rsa,
	[CERT_SHA1] = p_sha1,
	[CERT_EXPIRED] = p_expired,
	[CERT_NOT_YET] = p_notyet,
};

static int
each_cert(const struct scan_result *r, char *ev, size_t len, uint32_t which)
{
	return each_cert_pred(r, ev, len, cert_preds[which]);
}

/*
 * Chain rules (one chain per key type asked for): the first chain with
 * the problem is the evidence.
 */
enum chain_rule { CHAIN_UNTRUSTED, CHAIN_INCOMPLETE, CHAIN_MISMATCH };

static int
each_chain(const struct scan_result *r, char *ev, size_t len,
    uint32_t which)
{
	const struct cert_chain *c;
	size_t i;

	for (i = 0; i < r->cert.nchains; i++) {
		c = &r->cert.chains[i];
		switch (which) {
		case CHAIN_UNTRUSTED:
			/* an incomplete chain has a finding of its own */
			if (c->valid || c->incomplete)
				continue;
			snprintf(ev, len, "%s chain: %s", c->key_type,
			    c->verify_error);
			return 1;
		case CHAIN_INCOMPLETE:
			if (!c->incomplete)
				continue;
			snprintf(ev, len, "%s chain: intermediate certificate "
			    "not sent (%s)", c->key_type, c->verify_error);
			return 1;
		default:
			if (c->hostname_match != 0)
				continue;
			snprintf(ev, len, "%s certificate does not match '%s'",
			    c->key_type, r->ep->sni != NULL ?
			    r->ep->sni : r->ep->host);
			return 1;
		}
	}
	return 0;
}

static const struct rule rules[] = {
	{ "tls-sslv2", SEV_CRITICAL, BASIS_S6_NR8,
	    version_accepted, NULL, TLS_V_SSL2 },
	{ "tls-sslv3", SEV_HIGH, BASIS_S6_NR8,
	    version_accepted, NULL, TLS_V_SSL3 },
	{ "tls-tls10", SEV_MEDIUM, BASIS_S6_NR8,
	    version_accepted, NULL, TLS_V_TLS10 },
	{ "tls-tls11", SEV_MEDIUM, BASIS_S6_NR8,
	    version_accepted, NULL, TLS_V_TLS11 },
	{ "tls-null-suites", SEV_CRITICAL, BASIS_S6_NR8,
	    r_flag, NULL, TLS_SF_NULL },
	{ "tls-export-suites", SEV_CRITICAL, BASIS_S6_NR8,
	    r_flag, NULL, TLS_SF_EXPORT },
	{ "tls-anon-suites", SEV_HIGH, BASIS_S6_NR8,
	    r_flag, NULL, TLS_SF_ANON },
	{ "tls-rc4-suites", SEV_HIGH, BASIS_S6_NR8,
	    r_flag, NULL, TLS_SF_RC4 },
	{ "tls-des-suites", SEV_HIGH, BASIS_S6_NR8,
	    r_flag, NULL, TLS_SF_DES },
	{ "tls-3des-suites", SEV_MEDIUM, BASIS_S6_NR8,
	    r_flag, NULL, TLS_SF_3DES },
	{ "tls-no-forward-secrecy", SEV_MEDIUM, BASIS_S6_NR8,
	    r_no_fs, NULL, 0 },
	{ "tls-dh-weak", SEV_MEDIUM, BASIS_S6_NR8,
	    r_dh, NULL, 0 },
	{ "tls-no-secure-renegotiation", SEV_MEDIUM, BASIS_S6_NR5,
	    r_reneg, NULL, 0 },
	{ "tls-compression", SEV_MEDIUM, BASIS_S6_NR5,
	    r_compression, NULL, 0 },
	{ "cert-rsa-weak", SEV_HIGH, BASIS_S6_NR8,
	    each_cert, NULL, CERT_RSA_WEAK },
	{ "cert-sha1-signature", SEV_MEDIUM, BASIS_S6_NR8,
	    each_cert, NULL, CERT_SHA1 },
	{ "cert-expired", SEV_HIGH, BASIS_S6_NR5,
	    each_cert, NULL, CERT_EXPIRED },
	{ "cert-not-yet-valid", SEV_HIGH, BASIS_S6_NR5,
	    each_cert, NULL, CERT_NOT_YET },
	{ "cert-untrusted", SEV_HIGH, BASIS_S6_NR8,
	    each_chain, NULL, CHAIN_UNTRUSTED },
	{ "cert-incomplete-chain", SEV_MEDIUM, BASIS_S6_NR5,
	    each_chain, NULL, CHAIN_INCOMPLETE },
	{ "cert-hostname-mismatch", SEV_HIGH, BASIS_S6_NR8,
	    each_chain, NULL, CHAIN_MISMATCH },
	/* SSH: the tests are scanner/ssh/ssh_policy.c's. */
	{ "ssh-protocol-1", SEV_HIGH, BASIS_S6_NR5,
	    NULL, ssh_rule_protocol1, 0 },
	{ "ssh-terrapin", SEV_MEDIUM, BASIS_S6_NR5,
	    NULL, ssh_rule_terrapin, 0 },
	{ "ssh-kex-sha1", SEV_MEDIUM, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_KEX_SHA1 },
	{ "ssh-hostkey-sha1", SEV_MEDIUM, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_HOSTKEY_SHA1 },
	{ "ssh-rsa-key-weak", SEV_HIGH, BASIS_S6_NR8,
	    NULL, ssh_rule_rsa_key, 2048 },
	{ "ssh-rsa-key-short", SEV_MEDIUM, BASIS_S6_NR8,
	    NULL, ssh_rule_rsa_key, 3072 },
	{ "ssh-cipher-none", SEV_CRITICAL, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_CIPHER_NONE },
	{ "ssh-cipher-arcfour", SEV_HIGH, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_CIPHER_ARCFOUR },
	{ "ssh-cipher-3des", SEV_MEDIUM, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_CIPHER_3DES },
	{ "ssh-cipher-cbc", SEV_MEDIUM, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_CIPHER_CBC },
	{ "ssh-mac-none", SEV_CRITICAL, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_MAC_NONE },
	{ "ssh-mac-weak", SEV_MEDIUM, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_MAC_WEAK },
	{ "ssh-compression-preauth", SEV_LOW, BASIS_S6_NR8,
	    NULL, ssh_rule_offers, SSH_OFFER_ZLIB },
	{ "ssh-auth-none", SEV_CRITICAL, BASIS_S6_NR10,
	    NULL, ssh_rule_auth, 2 },
	{ "ssh-auth-password", SEV_HIGH, BASIS_S6_NR10,
	    NULL, ssh_rule_auth, 0 },
	{ "ssh-auth-keyboard-interactive", SEV_MEDIUM, BASIS_S6_NR10,
	    NULL, ssh_rule_auth, 1 },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

/* SSH rows judge only a target whose server's hello was read. */
static int
ssh_scanned(const struct scan_result *r)
{
	return r->ssh != NULL && r->ssh->scanned;
}

int
policy_evaluate(struct scan_result *r)
{
	struct finding *f;
	char ev[sizeof(f->evidence)];
	size_t i, n = 0;

	free(r->findings);
	r->findings = NULL;
	r->nfindings = 0;
	if ((f = calloc(NRULES, sizeof(*f))) == NULL)
		return -1;
	for (i = 0; i < NRULES; i++) {
		ev[0] = '\0';
		if (!(rules[i].test != NULL ?
		    rules[i].test(r, ev, sizeof(ev), rules[i].arg) :
		    ssh_scanned(r) && rules[i].ssh(r->ssh, ev, sizeof(ev),
		    rules[i].arg)))
			continue;
		f[n].id = rules[i].id;
		f[n].severity = rules[i].severity;
		f[n].basis = rules[i].basis;
		snprintf(f[n].evidence, sizeof(f[n].evidence), "%s", ev);
		n++;
	}
	r->findings = f;
	r->nfindings = n;
	return 0;
}

int
policy_worst(const struct scan_result *r)
{
	size_t i;
	int w = -1;

	for (i = 0; i < r->nfindings; i++)
		if ((int)r->findings[i].severity > w)
			w = (int)r->findings[i].severity;
	return w;
}
