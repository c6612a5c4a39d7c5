/*
 * profile.c: reading baseline profiles (see profile.h, tilsyn-profile(5)).
 * libxml2 builds the tree (no network, no DTD, no entity expansion);
 * every element and attribute is then checked against the kinds below,
 * so a misspelt one is an error with its line, never silently ignored.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>

#include "common/numparse.h"
#include "config.h"
#include "scanner/http.h"
#include "scanner/profile.h"
#include "scanner/ssh/ssh_policy.h"
#include "scanner/tls/tls_hello.h"
#include "scanner/tls/tls_suites.h"
#include "scanner/tls/tls_vuln.h"

/* Built from scanner/profiles/tilsyn.xml (embed.py). */
extern const unsigned char profile_builtin_xml[];
extern const size_t profile_builtin_len;

/* What a match element takes: its attributes and the child list. */
enum { A_NONE, A_NAME, A_FLAGS, A_BITS, A_DAYS, A_HASH, A_KEY, A_CLASS,
    A_LIST, A_RSA, A_METHOD, A_TYPES, A_SECONDS, A_HEADER, A_CHECK };
enum { L_NONE, L_SUITE, L_GROUP, L_NAME, L_ANY };

static const struct {
	const char	*elem;
	enum match_kind	 kind;
	int		 attrs;
	int		 list;
	int		 ssh;
} kinds[] = {
	{ "version", MK_VERSION, A_NAME, L_NONE, 0 },
	{ "suites", MK_SUITES_WITH, A_FLAGS, L_NONE, 0 },
	{ "suites-allowed", MK_SUITES_ALLOWED, A_NONE, L_SUITE, 0 },
	{ "suites-forbidden", MK_SUITES_FORBIDDEN, A_NONE, L_SUITE, 0 },
	{ "groups-allowed", MK_GROUPS_ALLOWED, A_NONE, L_GROUP, 0 },
	{ "dh", MK_DH, A_BITS, L_NONE, 0 },
	{ "secure-renegotiation", MK_RENEGOTIATION, A_NONE, L_NONE, 0 },
	{ "compression", MK_COMPRESSION, A_NONE, L_NONE, 0 },
	{ "fallback-scsv", MK_FALLBACK_SCSV, A_NONE, L_NONE, 0 },
	{ "cert-key", MK_CERT_KEY, A_KEY, L_NONE, 0 },
	{ "cert-key-types", MK_CERT_KEY_TYPE, A_TYPES, L_NONE, 0 },
	{ "cert-signature", MK_CERT_SIGNATURE, A_HASH, L_NONE, 0 },
	{ "cert-expired", MK_CERT_EXPIRED, A_NONE, L_NONE, 0 },
	{ "cert-not-yet-valid", MK_CERT_NOT_YET, A_NONE, L_NONE, 0 },
	{ "cert-lifetime", MK_CERT_LIFETIME, A_DAYS, L_NONE, 0 },
	{ "cert-untrusted", MK_CERT_UNTRUSTED, A_NONE, L_NONE, 0 },
	{ "cert-incomplete-chain", MK_CERT_INCOMPLETE, A_NONE, L_NONE, 0 },
	{ "cert-hostname-mismatch", MK_CERT_MISMATCH, A_NONE, L_NONE, 0 },
	{ "cert-no-server-auth", MK_CERT_NO_SERVER_AUTH, A_NONE, L_NONE, 0 },
	{ "cert-key-usage", MK_CERT_KEY_USAGE, A_NONE, L_NONE, 0 },
	{ "cert-chain-order", MK_CERT_ORDER, A_NONE, L_NONE, 0 },
	{ "cert-must-staple", MK_CERT_MUST_STAPLE, A_NONE, L_NONE, 0 },
	{ "cert-no-sct", MK_CERT_NO_SCT, A_NONE, L_NONE, 0 },
	{ "ssh-protocol-1", MK_SSH_PROTOCOL1, A_NONE, L_NONE, 1 },
	{ "ssh-terrapin", MK_SSH_TERRAPIN, A_NONE, L_NONE, 1 },
	{ "ssh-offers", MK_SSH_OFFERS, A_CLASS, L_NONE, 1 },
	{ "ssh-allowed", MK_SSH_ALLOWED, A_LIST, L_NAME, 1 },
	{ "ssh-forbidden", MK_SSH_FORBIDDEN, A_LIST, L_NAME, 1 },
	{ "ssh-rsa-key", MK_SSH_RSA_KEY, A_RSA, L_NONE, 1 },
	{ "ssh-auth", MK_SSH_AUTH, A_METHOD, L_NONE, 1 },
	{ "hsts-missing", MK_HSTS_MISSING, A_NONE, L_NONE, 0 },
	{ "hsts-max-age", MK_HSTS_SHORT, A_SECONDS, L_NONE, 0 },
	{ "http-header-missing", MK_HTTP_HEADER, A_HEADER, L_NONE, 0 },
	{ "vuln", MK_VULN, A_CHECK, L_NONE, 0 },
	{ "any", MK_ANY, A_NONE, L_ANY, 0 },
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static const struct {
	const char	*word;
	uint32_t	 flag;
} suite_flags[] = {
	{ "export", TLS_SF_EXPORT }, { "null", TLS_SF_NULL },
	{ "anon", TLS_SF_ANON }, { "rc4", TLS_SF_RC4 }, { "des", TLS_SF_DES },
	{ "3des", TLS_SF_3DES }, { "cbc", TLS_SF_CBC }, { "aead", TLS_SF_AEAD },
	{ "fs", TLS_SF_FS }, { "tls13", TLS_SF_TLS13 }, { "psk", TLS_SF_PSK },
	{ "srp", TLS_SF_SRP }, { "md5", TLS_SF_MD5 }, { "sha1", TLS_SF_SHA1 },
	{ "ecdhe", TLS_SF_ECDHE }, { "dhe", TLS_SF_DHE },
	{ "krb5", TLS_SF_KRB5 }, { "gost", TLS_SF_GOST },
	{ "block64", TLS_SF_BLOCK64 },
};

static const char *const version_names[TLS_V_COUNT] = { "SSLv2", "SSLv3",
    "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3" };

static const char *const ssh_classes[SSH_OFFER_COUNT] = {
	[SSH_OFFER_KEX_SHA1] = "kex-sha1",
	[SSH_OFFER_HOSTKEY_SHA1] = "hostkey-sha1",
	[SSH_OFFER_CIPHER_NONE] = "cipher-none",
	[SSH_OFFER_CIPHER_ARCFOUR] = "cipher-arcfour",
	[SSH_OFFER_CIPHER_3DES] = "cipher-3des",
	[SSH_OFFER_CIPHER_CBC] = "cipher-cbc",
	[SSH_OFFER_MAC_NONE] = "mac-none",
	[SSH_OFFER_MAC_WEAK] = "mac-weak",
	[SSH_OFFER_ZLIB] = "compression-zlib",
};

static const char *const ssh_lists[SSH_ALG_COUNT] = {
	[SSH_ALG_KEX] = "kex", [SSH_ALG_HOSTKEY] = "hostkey",
	[SSH_ALG_CIPHER] = "cipher", [SSH_ALG_MAC] = "mac",
	[SSH_ALG_COMPRESSION] = "compression",
};

static const char *const auth_methods[] = { "password",
    "keyboard-interactive", "none" };

/* The rule attributes every rule has; the match element's per kind. */
static const char *const rule_attrs[] = { "id", "severity", "basis",
    "regulation", "section", "cve", NULL };

struct pctx {
	const char	*path;
	char		*err;
	size_t		 errlen;
	int		 failed;
};

static void __attribute__((format(printf, 3, 4)))
perr(struct pctx *p, const xmlNode *n, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%ld: %s", p->path,
	    n != NULL ? xmlGetLineNo(n) : 0L, msg);
}

static int
is_blank(const xmlChar *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* The next element child after c (NULL: the first); text must be blank. */
static xmlNode *
next_elem(struct pctx *p, const xmlNode *parent, xmlNode *c)
{
	for (c = c == NULL ? parent->children : c->next; c != NULL;
	    c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			return c;
		if (c->type == XML_COMMENT_NODE)
			continue;
		if ((c->type == XML_TEXT_NODE && is_blank(c->content)))
			continue;
		perr(p, c, "unexpected text in <%s>", parent->name);
		return NULL;
	}
	return NULL;
}

/* Refuses attributes of n that are not in allowed (NULL-terminated). */
static int
check_attrs(struct pctx *p, const xmlNode *n, const char *const *allowed)
{
	const xmlAttr *a;
	size_t i;

	for (a = n->properties; a != NULL; a = a->next) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp((const char *)a->name, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL || a->ns != NULL) {
			perr(p, n, "unknown attribute '%s' on <%s>", a->name,
			    n->name);
			return -1;
		}
	}
	return 0;
}

/* A required attribute, as a malloc'ed string; NULL with an error. */
static char *
attr(struct pctx *p, const xmlNode *n, const char *name, int required)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL) {
		if (required)
			perr(p, n, "<%s> needs the attribute '%s'", n->name,
			    name);
		return NULL;
	}
	s = strdup((const char *)v);
	xmlFree(v);
	if (s == NULL)
		perr(p, n, "out of memory");
	else if (*s == '\0' && required) {
		perr(p, n, "attribute '%s' of <%s> is empty", name, n->name);
		free(s);
		s = NULL;
	}
	return s;
}

/* The text of an element that holds only text. */
static char *
text_of(struct pctx *p, const xmlNode *n)
{
	const xmlNode *c;
	xmlChar *v;
	char *s;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_COMMENT_NODE) {
			perr(p, c, "<%s> holds text only", n->name);
			return NULL;
		}
	if (n->properties != NULL) {
		perr(p, n, "unknown attribute '%s' on <%s>",
		    n->properties->name, n->name);
		return NULL;
	}
	v = xmlNodeGetContent(n);
	if (v == NULL || is_blank(v)) {
		xmlFree(v);
		perr(p, n, "<%s> is empty", n->name);
		return NULL;
	}
	s = strdup((const char *)v);
	xmlFree(v);
	if (s == NULL)
		perr(p, n, "out of memory");
	return s;
}

static int
int_attr(struct pctx *p, const xmlNode *n, const char *name, int64_t min,
    int64_t max, uint32_t *out)
{
	char *s;
	int64_t v;

	if ((s = attr(p, n, name, 1)) == NULL)
		return -1;
	if (parse_int64(s, min, max, &v) != NUM_OK) {
		perr(p, n, "%s '%s': want %lld to %lld", name, s,
		    (long long)min, (long long)max);
		free(s);
		return -1;
	}
	free(s);
	*out = (uint32_t)v;
	return 0;
}

/* Index of s in a NULL-free table of n words, or -1 with an error. */
static int
word_in(struct pctx *p, const xmlNode *n, const char *what, const char *s,
    const char *const *tab, size_t ntab)
{
	size_t i;

	for (i = 0; i < ntab; i++)
		if (tab[i] != NULL && strcmp(s, tab[i]) == 0)
			return (int)i;
	perr(p, n, "unknown %s '%s'", what, s);
	return -1;
}

static int
add_name(struct pctx *p, const xmlNode *n, struct profile_rule *r, char *s)
{
	char **v;

	if (r->nnames >= PROFILE_MAX_NAMES) {
		perr(p, n, "more than %d names", PROFILE_MAX_NAMES);
		free(s);
		return -1;
	}
	if ((v = realloc(r->names, (r->nnames + 1) * sizeof(*v))) == NULL) {
		perr(p, n, "out of memory");
		free(s);
		return -1;
	}
	r->names = v;
	r->names[r->nnames++] = s;
	return 0;
}

static int
add_code(struct pctx *p, const xmlNode *n, struct profile_rule *r,
    uint32_t code)
{
	uint32_t *v;
	size_t i;

	for (i = 0; i < r->ncodes; i++)
		if (r->codes[i] == code) {
			perr(p, n, "listed twice");
			return -1;
		}
	if (r->ncodes >= PROFILE_MAX_NAMES) {
		perr(p, n, "more than %d names", PROFILE_MAX_NAMES);
		return -1;
	}
	if ((v = realloc(r->codes, (r->ncodes + 1) * sizeof(*v))) == NULL) {
		perr(p, n, "out of memory");
		return -1;
	}
	r->codes = v;
	r->codes[r->ncodes++] = code;
	return 0;
}

static int
group_code(const char *s, uint32_t *code)
{
	const struct tls_group *g;
	size_t i;

	for (i = 0; i < tls_group_count(); i++) {
		g = tls_group_at(i);
		if (g->name != NULL && strcmp(g->name, s) == 0) {
			*code = g->code;
			return 0;
		}
	}
	return -1;
}

/* The <suite>, <group> or <name> children of a list kind. */
static int
parse_list(struct pctx *p, const xmlNode *m, struct profile_rule *r,
    int list)
{
	static const char *const elems[] = { NULL, "suite", "group", "name" };
	const struct tls_suite *s;
	xmlNode *c = NULL;
	uint32_t code;
	char *t;

	while ((c = next_elem(p, m, c)) != NULL) {
		if (strcmp((const char *)c->name, elems[list]) != 0) {
			perr(p, c, "unknown element <%s> in <%s> (want <%s>)",
			    c->name, m->name, elems[list]);
			return -1;
		}
		if ((t = text_of(p, c)) == NULL)
			return -1;
		if (list == L_NAME) {
			if (add_name(p, c, r, t) == -1)
				return -1;
			continue;
		}
		if (list == L_SUITE) {
			if ((s = tls_suite_by_name(t)) == NULL ||
			    (s->flags & TLS_SF_SCSV)) {
				perr(p, c, "unknown cipher suite '%s'", t);
				free(t);
				return -1;
			}
			code = s->code;
		} else if (group_code(t, &code) == -1) {
			perr(p, c, "unknown group '%s'", t);
			free(t);
			return -1;
		}
		free(t);
		if (add_code(p, c, r, code) == -1)
			return -1;
	}
	if (p->failed)
		return -1;
	if (r->nnames == 0 && r->ncodes == 0) {
		perr(p, m, "<%s> lists nothing", m->name);
		return -1;
	}
	return 0;
}

/* "null rc4" -> the TLS_SF_ mask. */
static int
parse_flags(struct pctx *p, const xmlNode *n, const char *s, uint32_t *mask)
{
	char word[32];
	size_t i, k;

	*mask = 0;
	while (*s != '\0') {
		while (*s == ' ')
			s++;
		for (k = 0; s[k] != '\0' && s[k] != ' '; k++)
			;
		if (k == 0)
			break;
		if (k >= sizeof(word)) {
			perr(p, n, "unknown suite property '%.*s'", (int)k, s);
			return -1;
		}
		memcpy(word, s, k);
		word[k] = '\0';
		for (i = 0; i < sizeof(suite_flags) / sizeof(suite_flags[0]);
		    i++)
			if (strcmp(word, suite_flags[i].word) == 0)
				break;
		if (i == sizeof(suite_flags) / sizeof(suite_flags[0])) {
			perr(p, n, "unknown suite property '%s'", word);
			return -1;
		}
		*mask |= suite_flags[i].flag;
		s += k;
	}
	if (*mask == 0) {
		perr(p, n, "no suite property given");
		return -1;
	}
	return 0;
}

/* allowed="EC ED25519": the certificate key types a profile takes. */
static int
parse_key_types(struct pctx *p, const xmlNode *n, struct profile_rule *r,
    const char *s)
{
	static const char *const types[] = { "RSA", "RSA-PSS", "EC", "DSA",
	    "ED25519", "ED448" };
	char word[16], *t;
	size_t k;

	while (*s != '\0') {
		while (*s == ' ')
			s++;
		if ((k = strcspn(s, " ")) == 0)
			break;
		snprintf(word, sizeof(word), "%.*s", (int)k, s);
		if (k >= sizeof(word) || word_in(p, n, "key type", word, types,
		    sizeof(types) / sizeof(types[0])) < 0) {
			if (!p->failed)
				perr(p, n, "unknown key type '%.*s'", (int)k,
				    s);
			return -1;
		}
		if ((t = strdup(word)) == NULL) {
			perr(p, n, "out of memory");
			return -1;
		}
		if (add_name(p, n, r, t) == -1)
			return -1;
		s += k;
	}
	if (r->nnames == 0) {
		perr(p, n, "no key type given");
		return -1;
	}
	return 0;
}

/*
 * The next space-separated word of *s into word (len bytes), *s moved
 * past it: its length, 0 at the end, -1 (with an error) if too long.
 */
static int
next_word(struct pctx *p, const xmlNode *n, const char **s, char *word,
    size_t len, const char *what)
{
	size_t k;

	while (**s == ' ')
		(*s)++;
	if ((k = strcspn(*s, " ")) == 0)
		return 0;
	if (k >= len) {
		perr(p, n, "%s '%.*s' is too long", what, (int)k, *s);
		return -1;
	}
	memcpy(word, *s, k);
	word[k] = '\0';
	*s += k;
	return (int)k;
}

/* Whether a suite of the table has w as its key exchange (or MAC). */
static int
suite_column_has(int mac, const char *w)
{
	const struct tls_suite *su;
	size_t i;

	for (i = 0; (su = tls_suite_at(i)) != NULL; i++)
		if (strcmp(mac ? su->mac : su->kx, w) == 0)
			return 1;
	return 0;
}

/*
 * The optional filters of <suites>: version="SSLv3 TLSv1.0",
 * kx="RSA DHE", mac="SHA SHA256" (words of the suite table).
 */
static int
parse_suite_filters(struct pctx *p, const xmlNode *m, struct profile_rule *r)
{
	static const char *const names[] = { "kx", "mac" };
	const char *c;
	char *v, word[32], **slot;
	int i, k, nw;

	if ((v = attr(p, m, "version", 0)) != NULL) {
		for (c = v; (k = next_word(p, m, &c, word, sizeof(word),
		    "protocol version")) > 0; ) {
			if ((i = word_in(p, m, "protocol version", word,
			    version_names, TLS_V_COUNT)) < 0)
				break;
			r->vmask |= 1u << i;
		}
		free(v);
		if (p->failed)
			return -1;
		if (r->vmask == 0) {
			perr(p, m, "no protocol version given");
			return -1;
		}
	} else if (p->failed)
		return -1;
	for (i = 0; i < 2; i++) {
		slot = i == 0 ? &r->kx : &r->mac;
		if ((*slot = attr(p, m, names[i], 0)) == NULL) {
			if (p->failed)
				return -1;
			continue;
		}
		nw = 0;
		for (c = *slot; (k = next_word(p, m, &c, word, sizeof(word),
		    names[i])) > 0; nw++)
			if (!suite_column_has(i, word)) {
				perr(p, m, "%s '%s': no cipher suite has it",
				    names[i], word);
				return -1;
			}
		if (k < 0)
			return -1;
		if (nw == 0) {
			perr(p, m, "attribute '%s' of <%s> is empty", names[i],
			    m->name);
			return -1;
		}
	}
	return 0;
}

/*
 * cve="CVE-2013-2566 CVE-2015-2808": each id CVE-YYYY-NNNN (four or more
 * digits), none twice; stored with single spaces.
 */
static int
parse_cve(struct pctx *p, const xmlNode *n, const char *s, char **out)
{
	char word[32], *v;
	const char *c = s, *q;
	size_t len = 0, nids = 0, d;
	int k;

	if ((v = calloc(1, strlen(s) + 1)) == NULL) {
		perr(p, n, "out of memory");
		return -1;
	}
	while ((k = next_word(p, n, &c, word, sizeof(word), "CVE id")) > 0) {
		d = (size_t)k >= 13 ? strspn(word + 9, "0123456789") : 0;
		if (strncmp(word, "CVE-", 4) != 0 ||
		    strspn(word + 4, "0123456789") != 4 || word[8] != '-' ||
		    d < 4 || d > 19 || word[9 + d] != '\0') {
			perr(p, n, "cve '%s': want CVE-YYYY-NNNN", word);
			goto fail;
		}
		for (q = v; (q = strstr(q, word)) != NULL; q += strlen(word))
			if ((q == v || q[-1] == ' ') && (q[strlen(word)] ==
			    '\0' || q[strlen(word)] == ' ')) {
				perr(p, n, "cve '%s' listed twice", word);
				goto fail;
			}
		if (++nids > PROFILE_MAX_CVES) {
			perr(p, n, "more than %d CVE ids", PROFILE_MAX_CVES);
			goto fail;
		}
		len += (size_t)snprintf(v + len, strlen(s) + 1 - len, "%s%s",
		    len > 0 ? " " : "", word);
	}
	if (k < 0)
		goto fail;
	if (nids == 0) {
		perr(p, n, "attribute 'cve' of <%s> is empty", n->name);
		goto fail;
	}
	*out = v;
	return 0;
fail:
	free(v);
	return -1;
}

static int parse_match(struct pctx *, xmlNode *, struct profile_rule *,
    int *);

/* <any>: two or more match elements of one protocol, none an <any>. */
static int
parse_any(struct pctx *p, xmlNode *m, struct profile_rule *r, int *ssh)
{
	struct profile_rule *v;
	xmlNode *c = NULL;
	int sub_ssh = 0;

	while ((c = next_elem(p, m, c)) != NULL) {
		if (strcmp((const char *)c->name, "any") == 0) {
			perr(p, c, "<any> inside <any>");
			return -1;
		}
		if (r->nsubs >= PROFILE_MAX_SUBS) {
			perr(p, c, "more than %d matches in <any>",
			    PROFILE_MAX_SUBS);
			return -1;
		}
		if ((v = realloc(r->subs, (r->nsubs + 1) *
		    sizeof(*v))) == NULL) {
			perr(p, c, "out of memory");
			return -1;
		}
		r->subs = v;
		memset(&v[r->nsubs], 0, sizeof(*v));
		v[r->nsubs].line = (int)xmlGetLineNo(c);
		/* counted first: rule_release() frees a half-parsed one */
		r->nsubs++;
		if (parse_match(p, c, &v[r->nsubs - 1], &sub_ssh) == -1)
			return -1;
		if (r->nsubs > 1 && sub_ssh != *ssh) {
			perr(p, c, "<any> mixes TLS and SSH matches");
			return -1;
		}
		*ssh = sub_ssh;
	}
	if (p->failed)
		return -1;
	if (r->nsubs < 2) {
		perr(p, m, "<any> needs at least two match elements");
		return -1;
	}
	return 0;
}

/* The match element of a rule: its kind and arguments. */
static int
parse_match(struct pctx *p, xmlNode *m, struct profile_rule *r, int *ssh)
{
	static const char *const none[] = { NULL };
	static const char *const a_name[] = { "name", NULL };
	static const char *const a_flags[] = { "with", "without", "version",
	    "kx", "mac", NULL };
	static const char *const a_bits[] = { "min-bits", NULL };
	static const char *const a_days[] = { "max-days", NULL };
	static const char *const a_hash[] = { "hash", NULL };
	static const char *const a_key[] = { "type", "min-bits", NULL };
	static const char *const a_class[] = { "class", NULL };
	static const char *const a_list[] = { "list", NULL };
	static const char *const a_rsa[] = { "min-bits", "floor-bits", NULL };
	static const char *const a_method[] = { "method", NULL };
	static const char *const a_types[] = { "allowed", NULL };
	static const char *const a_seconds[] = { "min-seconds", NULL };
	static const char *const a_check[] = { "check", NULL };
	static const char *const *const attr_sets[] = {
		[A_NONE] = none, [A_NAME] = a_name, [A_FLAGS] = a_flags,
		[A_BITS] = a_bits, [A_DAYS] = a_days, [A_HASH] = a_hash,
		[A_KEY] = a_key, [A_CLASS] = a_class, [A_LIST] = a_list,
		[A_RSA] = a_rsa, [A_METHOD] = a_method, [A_TYPES] = a_types,
		[A_SECONDS] = a_seconds, [A_HEADER] = a_name,
		[A_CHECK] = a_check,
	};
	char *s = NULL, *w = NULL;
	size_t k;
	int i, rc = -1;

	for (k = 0; k < NKINDS; k++)
		if (strcmp((const char *)m->name, kinds[k].elem) == 0)
			break;
	if (k == NKINDS) {
		perr(p, m, "unknown match <%s>", m->name);
		return -1;
	}
	r->kind = kinds[k].kind;
	*ssh = kinds[k].ssh;
	if (check_attrs(p, m, attr_sets[kinds[k].attrs]) == -1)
		return -1;
	if (kinds[k].list == L_ANY)
		return parse_any(p, m, r, ssh);
	if (kinds[k].list != L_NONE) {
		if (parse_list(p, m, r, kinds[k].list) == -1)
			return -1;
	} else if (next_elem(p, m, NULL) != NULL || p->failed) {
		perr(p, m, "<%s> takes no content", m->name);
		return -1;
	}
	switch (kinds[k].attrs) {
	case A_NONE:
		return 0;
	case A_NAME:
		if ((s = attr(p, m, "name", 1)) == NULL)
			return -1;
		if ((i = word_in(p, m, "protocol version", s, version_names,
		    TLS_V_COUNT)) >= 0) {
			r->arg = (uint32_t)i;
			rc = 0;
		}
		break;
	case A_FLAGS:
		s = attr(p, m, "with", 0);
		w = attr(p, m, "without", 0);
		if (p->failed)
			break;
		if ((s == NULL) == (w == NULL)) {
			perr(p, m, "<suites> takes one of 'with' or 'without'");
			break;
		}
		if (w != NULL)
			r->kind = MK_SUITES_WITHOUT;
		if ((rc = parse_flags(p, m, s != NULL ? s : w, &r->arg)) == 0)
			rc = parse_suite_filters(p, m, r);
		break;
	case A_BITS:
		return int_attr(p, m, "min-bits", 1, 65536, &r->arg);
	case A_DAYS:
		return int_attr(p, m, "max-days", 1, 100000, &r->arg);
	case A_HASH:
		if ((s = attr(p, m, "hash", 1)) == NULL)
			return -1;
		/* SHA-1 includes MD5: both are broken for signatures. */
		if (strcmp(s, "sha1") == 0)
			r->arg = 3;
		else if (strcmp(s, "md5") == 0)
			r->arg = 2;
		else {
			perr(p, m, "hash '%s': want sha1 or md5", s);
			break;
		}
		rc = 0;
		break;
	case A_KEY:
		if ((s = attr(p, m, "type", 1)) == NULL ||
		    int_attr(p, m, "min-bits", 1, 65536, &r->arg) == -1)
			break;
		if (strcmp(s, "RSA") != 0 && strcmp(s, "EC") != 0 &&
		    strcmp(s, "DSA") != 0) {
			perr(p, m, "key type '%s': want RSA, EC or DSA", s);
			break;
		}
		rc = add_name(p, m, r, s);
		s = NULL;
		break;
	case A_TYPES:
		if ((s = attr(p, m, "allowed", 1)) == NULL)
			return -1;
		rc = parse_key_types(p, m, r, s);
		break;
	case A_CLASS:
		if ((s = attr(p, m, "class", 1)) == NULL)
			return -1;
		if ((i = word_in(p, m, "SSH class", s, ssh_classes,
		    SSH_OFFER_COUNT)) >= 0) {
			r->arg = (uint32_t)i;
			rc = 0;
		}
		break;
	case A_LIST:
		if ((s = attr(p, m, "list", 1)) == NULL)
			return -1;
		if ((i = word_in(p, m, "SSH algorithm list", s, ssh_lists,
		    SSH_ALG_COUNT)) >= 0) {
			r->arg = (uint32_t)i;
			rc = 0;
		}
		break;
	case A_RSA:
		if (int_attr(p, m, "min-bits", 1, 65536, &r->arg) == -1)
			return -1;
		if ((s = attr(p, m, "floor-bits", 0)) != NULL) {
			free(s);
			s = NULL;
			if (int_attr(p, m, "floor-bits", 1, r->arg,
			    &r->arg2) == -1)
				break;
		} else if (p->failed)
			break;
		rc = 0;
		break;
	case A_SECONDS:
		return int_attr(p, m, "min-seconds", 1, 1000000000, &r->arg);
	case A_HEADER:
		if ((s = attr(p, m, "name", 1)) == NULL)
			return -1;
		for (i = 0; i <= HTTP_H_PERMISSIONS; i++)
			if (strcmp(s, http_header_name(i)) == 0)
				break;
		if (i > HTTP_H_PERMISSIONS) {
			perr(p, m, "header '%s': not one the scanner reads",
			    s);
			break;
		}
		r->arg = (uint32_t)i;
		rc = 0;
		break;
	case A_CHECK:
		if ((s = attr(p, m, "check", 1)) == NULL)
			return -1;
		if ((i = vuln_check_from_name(s)) < 0) {
			perr(p, m, "check '%s': not one the scanner runs", s);
			break;
		}
		r->arg = (uint32_t)i;
		rc = 0;
		break;
	case A_METHOD:
		if ((s = attr(p, m, "method", 1)) == NULL)
			return -1;
		if ((i = word_in(p, m, "auth method", s, auth_methods,
		    3)) >= 0) {
			r->arg = (uint32_t)i;
			rc = 0;
		}
		break;
	}
	free(s);
	free(w);
	return rc;
}

/* basis="§ 6, stk. 2, nr. 8": a paragraph of § 6 in law/basis. */
static int
parse_basis(struct pctx *p, const xmlNode *n, const char *s,
    enum basis_id *out)
{
	int b;

	for (b = BASIS_S6_STK1; b <= BASIS_S6_NR10; b++)
		if (strcmp(s, basis_text((enum basis_id)b)) == 0) {
			*out = (enum basis_id)b;
			return 0;
		}
	perr(p, n, "basis '%s': want a paragraph of § 6 as in "
	    "\"§ 6, stk. 2, nr. 8\"", s);
	return -1;
}

/* regulation="9": an annex point of Implementing Regulation 2024/2690. */
static int
parse_regulation(struct pctx *p, const xmlNode *n, const char *s,
    enum basis_id *out)
{
	if (strcmp(s, "9") == 0)
		*out = BASIS_REG_2690_CRYPTO;
	else if (strcmp(s, "11") == 0)
		*out = BASIS_REG_2690_ACCESS;
	else if (strcmp(s, "6.10") == 0)
		*out = BASIS_REG_2690_VULN;
	else {
		perr(p, n, "regulation '%s': want annex point 9, 11 or 6.10",
		    s);
		return -1;
	}
	return 0;
}

static int
parse_rule(struct pctx *p, xmlNode *n, struct profile *pf,
    struct profile_rule *r)
{
	char *sev = NULL, *basis = NULL, *reg = NULL, *cve = NULL;
	xmlNode *m;
	size_t i;
	int s, ssh, rc = -1;

	r->line = (int)xmlGetLineNo(n);
	if (check_attrs(p, n, rule_attrs) == -1 ||
	    (r->id = attr(p, n, "id", 1)) == NULL ||
	    (sev = attr(p, n, "severity", 1)) == NULL ||
	    (basis = attr(p, n, "basis", 1)) == NULL ||
	    (reg = attr(p, n, "regulation", 1)) == NULL ||
	    (r->section = attr(p, n, "section", 1)) == NULL)
		goto out;
	if (strlen(r->id) > 63 || strspn(r->id,
	    "abcdefghijklmnopqrstuvwxyz0123456789-.") != strlen(r->id)) {
		perr(p, n, "rule id '%s': want at most 63 of a-z 0-9 - .",
		    r->id);
		goto out;
	}
	for (i = 0; i < pf->nrules; i++)
		if (strcmp(pf->rules[i].id, r->id) == 0) {
			perr(p, n, "rule id '%s' also on line %d", r->id,
			    pf->rules[i].line);
			goto out;
		}
	if ((s = severity_parse(sev)) == -1) {
		perr(p, n, "severity '%s': want info, low, medium, high or "
		    "critical", sev);
		goto out;
	}
	r->severity = (enum severity)s;
	if (parse_basis(p, n, basis, &r->basis) == -1 ||
	    parse_regulation(p, n, reg, &r->regulation) == -1)
		goto out;
	if ((cve = attr(p, n, "cve", 0)) != NULL) {
		if (parse_cve(p, n, cve, &r->cve) == -1)
			goto out;
	} else if (p->failed)
		goto out;
	if ((m = next_elem(p, n, NULL)) == NULL) {
		if (!p->failed)
			perr(p, n, "rule '%s' has no match element", r->id);
		goto out;
	}
	if (parse_match(p, m, r, &ssh) == -1)
		goto out;
	if (next_elem(p, n, m) != NULL || p->failed) {
		perr(p, n, "rule '%s' has more than one match element",
		    r->id);
		goto out;
	}
	if (ssh)
		pf->has_ssh = 1;
	else
		pf->has_tls = 1;
	rc = 0;
out:
	free(sev);
	free(basis);
	free(reg);
	free(cve);
	return rc;
}

static void
rule_release(struct profile_rule *r)
{
	size_t i;

	free(r->id);
	free(r->section);
	free(r->cve);
	free(r->kx);
	free(r->mac);
	for (i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	free(r->codes);
	for (i = 0; i < r->nsubs; i++)
		rule_release(&r->subs[i]);
	free(r->subs);
}

void
profile_free(struct profile **pp)
{
	struct profile *pf = *pp;
	size_t i;

	if (pf == NULL)
		return;
	for (i = 0; i < pf->nrules; i++)
		rule_release(&pf->rules[i]);
	free(pf->rules);
	free(pf->name);
	free(pf->version);
	free(pf->title);
	free(pf->source);
	free(pf->path);
	free(pf);
	*pp = NULL;
}

static int
parse_root(struct pctx *p, xmlNode *root, struct profile *pf)
{
	static const char *const root_attrs[] = { "name", "version", NULL };
	struct profile_rule *v;
	xmlNode *c = NULL;

	if (strcmp((const char *)root->name, "profile") != 0 ||
	    root->ns != NULL) {
		perr(p, root, "the root element is <%s>, not <profile>",
		    root->name);
		return -1;
	}
	if (check_attrs(p, root, root_attrs) == -1 ||
	    (pf->name = attr(p, root, "name", 1)) == NULL ||
	    (pf->version = attr(p, root, "version", 1)) == NULL)
		return -1;
	if (strlen(pf->name) > 63 || strspn(pf->name,
	    "abcdefghijklmnopqrstuvwxyz0123456789-._") != strlen(pf->name)) {
		perr(p, root, "profile name '%s': want at most 63 of a-z 0-9 "
		    "- . _", pf->name);
		return -1;
	}
	while ((c = next_elem(p, root, c)) != NULL) {
		if (strcmp((const char *)c->name, "title") == 0 ||
		    strcmp((const char *)c->name, "source") == 0) {
			char **slot = c->name[0] == 't' ? &pf->title :
			    &pf->source;

			if (*slot != NULL || pf->nrules > 0) {
				perr(p, c, "<%s> once, before the rules",
				    c->name);
				return -1;
			}
			if ((*slot = text_of(p, c)) == NULL)
				return -1;
			continue;
		}
		if (strcmp((const char *)c->name, "rule") != 0) {
			perr(p, c, "unknown element <%s> in <profile>",
			    c->name);
			return -1;
		}
		if (pf->title == NULL || pf->source == NULL) {
			perr(p, c, "<title> and <source> come before the "
			    "rules");
			return -1;
		}
		if (pf->nrules >= PROFILE_MAX_RULES) {
			perr(p, c, "more than %d rules", PROFILE_MAX_RULES);
			return -1;
		}
		if ((v = realloc(pf->rules, (pf->nrules + 1) *
		    sizeof(*v))) == NULL) {
			perr(p, c, "out of memory");
			return -1;
		}
		pf->rules = v;
		memset(&v[pf->nrules], 0, sizeof(*v));
		if (parse_rule(p, c, pf, &v[pf->nrules]) == -1) {
			rule_release(&v[pf->nrules]);
			return -1;
		}
		pf->nrules++;
	}
	if (p->failed)
		return -1;
	if (pf->title == NULL || pf->source == NULL || pf->nrules == 0) {
		perr(p, root, "a profile has a <title>, a <source> and at "
		    "least one <rule>");
		return -1;
	}
	return 0;
}

/* The line of the first what in buf (1 if none: the DTD node has none). */
static int
line_of(const char *buf, size_t len, const char *what)
{
	size_t i, k = strlen(what);
	int line = 1;

	for (i = 0; i + k <= len; i++) {
		if (memcmp(buf + i, what, k) == 0)
			return line;
		if (buf[i] == '\n')
			line++;
	}
	return 1;
}

/* The first error libxml2 raises (later ones follow from it). */
struct first_err {
	int	 line;
	int	 set;
	char	 msg[200];
};

static void
on_xml_error(void *arg, xmlErrorPtr e)
{
	struct first_err *f = arg;
	size_t k;

	if (f->set || e == NULL || e->level < XML_ERR_ERROR)
		return;
	f->set = 1;
	f->line = e->line;
	snprintf(f->msg, sizeof(f->msg), "%s", e->message != NULL ?
	    e->message : "not XML");
	k = strlen(f->msg);
	while (k > 0 && (f->msg[k - 1] == '\n' || f->msg[k - 1] == ' '))
		f->msg[--k] = '\0';
}

static void
hex_sha256(const void *buf, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	out[0] = '\0';
	if (EVP_Digest(buf, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return;
	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

struct profile *
profile_parse(const char *path, const void *buf, size_t len, char *err,
    size_t errlen)
{
	struct pctx p = { path, err, errlen, 0 };
	struct first_err fe = { 0, 0, "" };
	xmlParserCtxtPtr ctx;
	struct profile *pf = NULL;
	xmlDoc *doc = NULL;

	if (len > PROFILE_MAX_BYTES) {
		snprintf(err, errlen, "%s: larger than %d bytes", path,
		    PROFILE_MAX_BYTES);
		return NULL;
	}
	if ((ctx = xmlNewParserCtxt()) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	/* Nothing on stderr: the first error is ours to tell. */
	xmlSetStructuredErrorFunc(&fe, on_xml_error);
	doc = xmlCtxtReadMemory(ctx, buf, (int)len, path, NULL,
	    XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc == NULL || fe.set) {
		snprintf(err, errlen, "%s:%d: %s", path, fe.line, fe.set ?
		    fe.msg : "not XML");
		goto fail;
	}
	/* No DTD: no entities, nothing fetched, nothing expanded. */
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		snprintf(err, errlen, "%s:%d: a DOCTYPE is not allowed", path,
		    line_of(buf, len, "<!DOCTYPE"));
		goto fail;
	}
	if ((pf = calloc(1, sizeof(*pf))) == NULL ||
	    (pf->path = strdup(path)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	if (parse_root(&p, xmlDocGetRootElement(doc), pf) == -1)
		goto fail;
	hex_sha256(buf, len, pf->sha256);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctx);
	return pf;
fail:
	profile_free(&pf);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctx);
	return NULL;
}

struct profile *
profile_load_file(const char *path, char *err, size_t errlen)
{
	struct profile *pf;
	struct stat stb;
	char *buf;
	ssize_t n;
	size_t len = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &stb) == -1 || !S_ISREG(stb.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	/* One byte more than allowed tells an oversize file. */
	if ((buf = malloc(PROFILE_MAX_BYTES + 1)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		close(fd);
		return NULL;
	}
	while (len <= PROFILE_MAX_BYTES && (n = read(fd, buf + len,
	    PROFILE_MAX_BYTES + 1 - len)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		len += (size_t)n;
	}
	close(fd);
	pf = profile_parse(path, buf, len, err, errlen);
	free(buf);
	return pf;
}

const char *const *
profile_dirs(void)
{
	static const char *dirs[4];
	const char *env = getenv("TILSYN_PROFILES");
	size_t n = 0;

	if (env != NULL && *env != '\0')
		dirs[n++] = env;
#ifdef TILSYN_PROFILES_SRCDIR
	dirs[n++] = TILSYN_PROFILES_SRCDIR;
#endif
	dirs[n++] = TILSYN_DATADIR "/profiles";
	dirs[n] = NULL;
	return dirs;
}

static int
ends_with(const char *s, const char *sfx)
{
	size_t n = strlen(s), k = strlen(sfx);

	return n >= k && strcmp(s + n - k, sfx) == 0;
}

struct profile *
profile_find(const char *spec, char *err, size_t errlen)
{
	const char *const *d;
	struct profile *pf;
	char path[4096];

	if (strchr(spec, '/') != NULL || ends_with(spec, ".xml"))
		return profile_load_file(spec, err, errlen);
	if (*spec == '\0' || strlen(spec) > 63 || strspn(spec,
	    "abcdefghijklmnopqrstuvwxyz0123456789-._") != strlen(spec)) {
		snprintf(err, errlen, "profile '%s': not a profile name "
		    "(a file needs a '/' or .xml)", spec);
		return NULL;
	}
	for (d = profile_dirs(); *d != NULL; d++) {
		snprintf(path, sizeof(path), "%s/%s.xml", *d, spec);
		if (access(path, F_OK) != 0)
			continue;
		if ((pf = profile_load_file(path, err, errlen)) != NULL &&
		    strcmp(pf->name, spec) != 0) {
			snprintf(err, errlen, "%s: the profile is named '%s', "
			    "not '%s'", path, pf->name, spec);
			profile_free(&pf);
		}
		return pf;
	}
	if (strcmp(spec, "tilsyn") == 0)
		return profile_parse("(built in)", profile_builtin_xml,
		    profile_builtin_len, err, errlen);
	snprintf(err, errlen, "profile '%s': not found (see "
	    "--list-profiles)", spec);
	return NULL;
}

const struct profile *
profile_builtin(void)
{
	static struct profile *pf;
	char err[512];

	if (pf == NULL)
		pf = profile_parse("(built in)", profile_builtin_xml,
		    profile_builtin_len, err, sizeof(err));
	return pf;
}
