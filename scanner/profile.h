/*
 * profile.h: a baseline profile, the rules of policy.c as data
 * (tilsyn-profile(5)).  A profile file is XML read through libxml2: a
 * name, version, title and source document, and rules, each an id, a
 * severity, a legal basis (law/basis.h), the source section and one
 * match element of a fixed set of kinds.  The matching itself is C
 * (policy.c); the profile only says which kind fires with what
 * arguments.  Parsing is strict: unknown elements and attributes are
 * refused, every error names file and line.
 */
#ifndef TILSYN_PROFILE_H
#define TILSYN_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "law/basis.h"
#include "scanner/policy.h"

#define PROFILE_MAX_BYTES	(256 * 1024)	/* a file, at most */
#define PROFILE_MAX_RULES	256
#define PROFILE_MAX_NAMES	256	/* names in one list */
#define PROFILE_MAX_CVES	8	/* CVE ids of one rule */
#define PROFILE_MAX_SUBS	8	/* match elements in one <any> */

/* The match kinds: the element name in the file is in profile.c. */
enum match_kind {
	MK_VERSION,		/* arg: TLS_V_* accepted */
	MK_SUITES_WITH,		/* arg: TLS_SF_* mask, any bit set */
	MK_SUITES_WITHOUT,	/* arg: TLS_SF_* mask, no bit set */
	MK_SUITES_ALLOWED,	/* codes: suites outside the list accepted */
	MK_SUITES_FORBIDDEN,	/* codes: suites of the list accepted */
	MK_GROUPS_ALLOWED,	/* codes: groups outside the list offered */
	MK_DH,			/* arg: DHE prime below arg bits */
	MK_RENEGOTIATION,	/* no secure renegotiation (TLS <= 1.2) */
	MK_COMPRESSION,		/* DEFLATE accepted */
	MK_FALLBACK_SCSV,	/* TLS_FALLBACK_SCSV not honoured */
	MK_CERT_KEY,		/* names[0] key type, arg min bits */
	MK_CERT_KEY_TYPE,	/* names: the key types allowed */
	MK_CERT_SIGNATURE,	/* arg: 1 SHA-1, 2 MD5 signature */
	MK_CERT_EXPIRED,
	MK_CERT_NOT_YET,
	MK_CERT_LIFETIME,	/* arg: leaf valid longer than arg days */
	MK_CERT_UNTRUSTED,
	MK_CERT_INCOMPLETE,
	MK_CERT_MISMATCH,
	MK_CERT_NO_SERVER_AUTH,	/* leaf EKU without serverAuth */
	MK_CERT_KEY_USAGE,	/* leaf KU forbids the key exchange */
	MK_CERT_ORDER,		/* chain not sent in issuing order */
	MK_CERT_MUST_STAPLE,	/* must-staple leaf, no staple */
	MK_CERT_NO_SCT,		/* publicly trusted chain, no SCT */
	MK_SSH_PROTOCOL1,
	MK_SSH_TERRAPIN,
	MK_SSH_OFFERS,		/* arg: enum ssh_offer */
	MK_SSH_ALLOWED,		/* arg: enum ssh_alg_list; names: patterns */
	MK_SSH_FORBIDDEN,	/* the same, names the server must not offer */
	MK_SSH_RSA_KEY,		/* arg min bits, arg2 floor (0 none) */
	MK_SSH_AUTH,		/* arg: 0 password, 1 keyboard-int., 2 none */
	MK_HSTS_MISSING,	/* HTTPS answer without a valid HSTS */
	MK_HSTS_SHORT,		/* arg: HSTS max-age below arg seconds */
	MK_HTTP_HEADER,		/* arg: enum http_header missing (no 3xx) */
	MK_VULN,		/* arg: enum vuln_check found vulnerable */
	MK_ANY,			/* subs: fires when one of them does */
	MK_COUNT
};

/*
 * A rule, or (in subs of MK_ANY) one match of a rule: then only kind and
 * its arguments are set.
 */
struct profile_rule {
	char		*id;
	enum severity	 severity;
	enum basis_id	 basis;		/* § 6, stk. 2, nr. N */
	enum basis_id	 regulation;	/* 2024/2690 annex point */
	char		*section;	/* of the source document */
	char		*cve;		/* "CVE-2014-3566 ...", NULL if none */
	enum match_kind	 kind;
	uint32_t	 arg, arg2;
	char		**names;	/* key type, SSH name patterns */
	size_t		 nnames;
	uint32_t	*codes;		/* suite or group codes */
	size_t		 ncodes;
	/* MK_SUITES_*: only suites accepted at these versions (bit
	   1u << TLS_V_*; 0 any), of these key exchanges and record MACs
	   (space-separated suite table words, NULL any) */
	unsigned	 vmask;
	char		*kx, *mac;
	struct profile_rule *subs;	/* MK_ANY */
	size_t		 nsubs;
	int		 line;		/* in the file */
};

struct profile {
	char			*name, *version, *title, *source;
	char			*path;		/* the file, or "(built in)" */
	char			 sha256[65];	/* hex of the file's bytes */
	int			 has_tls, has_ssh;	/* rules of each */
	struct profile_rule	*rules;
	size_t			 nrules;
};

/*
 * Parses len bytes of a profile; path names it in messages.  NULL with
 * "path:line: what" in err on any error (also out of memory).
 */
struct profile *profile_parse(const char *path, const void *buf, size_t len,
	    char *err, size_t errlen);
/* Reads and parses a file (at most PROFILE_MAX_BYTES). */
struct profile *profile_load_file(const char *path, char *err, size_t errlen);
/*
 * NAME or FILE: a spec with a '/' or ending in ".xml" is a file; a name
 * is looked up as NAME.xml in $TILSYN_PROFILES, the source tree, then
 * the installed directory (profile_dirs()).  "tilsyn" falls back to the
 * copy built into the binary.
 */
struct profile *profile_find(const char *spec, char *err, size_t errlen);
/* The built-in tilsyn profile (parsed once; never freed). */
const struct profile *profile_builtin(void);
/* The search directories, in order, NULL-terminated (static). */
const char *const *profile_dirs(void);
void	profile_free(struct profile **);

#endif
