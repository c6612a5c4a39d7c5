/*
 * target_nmap.c: nmap XML output (nmap -oX) as targets.  The file is not
 * trusted: it is read by libxml2's SAX parser (no tree, so memory does not
 * grow with the document), with no network, no DTD loading, no entity
 * declarations at all (a billion laughs is refused before it starts), the
 * default size limits (no XML_PARSE_HUGE) and errors collected, never
 * printed.  Only nmaprun/host/{status,address,hostnames/hostname,
 * ports/port/{state,service}} is read; everything else is skipped.
 * Endpoints are committed only when the whole document is well-formed.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "common/netsyntax.h"
#include "scanner/target.h"

#define NMAP_MAXDEPTH	8	/* deeper elements are never ours */

enum elem {
	E_OTHER,
	E_NMAPRUN,
	E_HOST,
	E_STATUS,
	E_ADDRESS,
	E_HOSTNAMES,
	E_HOSTNAME,
	E_PORTS,
	E_PORT,
	E_STATE,
	E_SERVICE,
};

/* An endpoint found, committed at the end. */
struct pending {
	unsigned char	 addr[16];
	char		*name;
	int		 family;
	enum service	 svc;
	int		 scheme;
	uint16_t	 port;
};

struct nmap {
	xmlParserCtxtPtr	 ctxt;
	const char		*name;
	struct target_errors	*errs;
	int			 nerr;
	int			 depth;
	enum elem		 path[NMAP_MAXDEPTH + 1];
	int			 stopped;	/* our fatal error */
	int			 nomem;
	char			 xmlerr[256];	/* libxml2's first */
	int			 xmlline;

	/* The host being read. */
	int			 host_line;
	int			 host_down;
	int			 family;	/* 0: no address yet */
	unsigned char		 addr[16];
	char			 hostname[HOST_NAME_MAX_LEN + 1];
	size_t			 host_first;	/* in pv */

	/* The port being read. */
	int			 port_line;
	int			 port_tcp;
	int			 port_open;
	uint16_t		 portid;	/* 0: bad, none */
	int			 svc_seen;
	enum service		 svc;
	int			 svc_named;

	struct pending		*pv;
	size_t			 pn, pcap;
};

static int
line_of(struct nmap *st)
{
	return xmlSAX2GetLineNumber(st->ctxt);
}

/* Quotes a value for a message: printable ASCII, capped (len >= 8). */
static void
quote(const char *s, char *buf, size_t len)
{
	size_t i, o = 0;

	for (i = 0; s != NULL && s[i] != '\0'; i++) {
		if (o + 4 >= len) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		buf[o++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	}
	buf[o] = '\0';
}

/* Reports a bad element at line (0: the parser's current line). */
static void __attribute__((format(printf, 3, 4)))
bad(struct nmap *st, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	st->nerr++;
	target_errors_add(st->errs, "%s:%d: %s", st->name, line > 0 ? line :
	    line_of(st), msg);
}

static void
stop(struct nmap *st)
{
	st->stopped = 1;
	xmlStopParser(st->ctxt);
}

/* The attribute's value (malloc'd) or NULL; *nomem on failure. */
static char *
attr(struct nmap *st, int nattr, const xmlChar **av, const char *want)
{
	const char *name, *v, *end;
	int i;
	char *s;

	for (i = 0; i < nattr; i++) {
		name = (const char *)av[i * 5];
		if (av[i * 5 + 2] != NULL || strcmp(name, want) != 0)
			continue;
		v = (const char *)av[i * 5 + 3];
		end = (const char *)av[i * 5 + 4];
		if ((s = strndup(v, (size_t)(end - v))) == NULL) {
			st->nomem = 1;
			stop(st);
		}
		return s;
	}
	return NULL;
}

static int
is(const char *s, const char *want)
{
	return s != NULL && strcmp(s, want) == 0;
}

/* nmap's service name (and tunnel) to what we speak to it. */
static enum service
service_of(const char *name, const char *tunnel)
{
	if (is(tunnel, "ssl"))
		return SVC_TLS;
	if (is(name, "ssh"))
		return SVC_SSH;
	if (is(name, "smtp") || is(name, "submission"))
		return SVC_SMTP;
	if (is(name, "imap"))
		return SVC_IMAP;
	if (is(name, "pop3"))
		return SVC_POP3;
	if (is(name, "ftp"))
		return SVC_FTP;
	if (is(name, "ldap"))
		return SVC_LDAP;
	if (is(name, "postgresql"))
		return SVC_POSTGRES;
	if (is(name, "mysql"))
		return SVC_MYSQL;
	if (is(name, "lmtp"))
		return SVC_LMTP;
	if (is(name, "nntp"))
		return SVC_NNTP;
	if (is(name, "xmpp-client") || is(name, "jabber"))
		return SVC_XMPP;
	if (is(name, "xmpp-server"))
		return SVC_XMPP_SERVER;
	if (is(name, "sieve"))
		return SVC_SIEVE;
	if (is(name, "irc"))
		return SVC_IRC;
	return SVC_TLS;
}

static enum elem
classify(const char *n, enum elem parent, int depth)
{
	if (depth == 1)
		return strcmp(n, "nmaprun") == 0 ? E_NMAPRUN : E_OTHER;
	switch (parent) {
	case E_NMAPRUN:
		return strcmp(n, "host") == 0 ? E_HOST : E_OTHER;
	case E_HOST:
		if (strcmp(n, "status") == 0)
			return E_STATUS;
		if (strcmp(n, "address") == 0)
			return E_ADDRESS;
		if (strcmp(n, "hostnames") == 0)
			return E_HOSTNAMES;
		if (strcmp(n, "ports") == 0)
			return E_PORTS;
		return E_OTHER;
	case E_HOSTNAMES:
		return strcmp(n, "hostname") == 0 ? E_HOSTNAME : E_OTHER;
	case E_PORTS:
		return strcmp(n, "port") == 0 ? E_PORT : E_OTHER;
	case E_PORT:
		if (strcmp(n, "state") == 0)
			return E_STATE;
		if (strcmp(n, "service") == 0)
			return E_SERVICE;
		return E_OTHER;
	default:
		return E_OTHER;
	}
}

static void
on_address(struct nmap *st, int nattr, const xmlChar **av)
{
	char *a = attr(st, nattr, av, "addr"), *t = attr(st, nattr, av,
	    "addrtype"), q[80];
	int family = 0;

	if (is(t, "ipv4"))
		family = AF_INET;
	else if (is(t, "ipv6"))
		family = AF_INET6;
	/* The first IP address is the one nmap scanned; MACs are skipped. */
	if (family != 0 && st->family == 0) {
		if (a != NULL && inet_pton(family, a, st->addr) == 1)
			st->family = family;
		else {
			quote(a, q, sizeof(q));
			bad(st, 0, "host address '%s' is not an %s address", q,
			    family == AF_INET ? "IPv4" : "IPv6");
		}
	}
	free(a);
	free(t);
}

static void
on_hostname(struct nmap *st, int nattr, const xmlChar **av)
{
	char *n = attr(st, nattr, av, "name"), *t = attr(st, nattr, av,
	    "type"), q[80];

	/* type="user" is the name nmap was given; PTR names are not SNI. */
	if (is(t, "user") && st->hostname[0] == '\0') {
		if (n != NULL && host_name_valid(n, strlen(n)))
			snprintf(st->hostname, sizeof(st->hostname), "%s", n);
		else {
			quote(n, q, sizeof(q));
			bad(st, 0, "host name '%s' is not a valid name", q);
		}
	}
	free(n);
	free(t);
}

static void
on_port(struct nmap *st, int nattr, const xmlChar **av)
{
	char *proto = attr(st, nattr, av, "protocol");
	char *id = attr(st, nattr, av, "portid"), q[80];

	st->port_line = line_of(st);
	st->port_tcp = is(proto, "tcp");
	st->port_open = 0;
	st->portid = 0;
	st->svc_seen = 0;
	st->svc_named = 0;
	st->svc = SVC_TLS;
	if (st->port_tcp && (id == NULL || port_parse(id, &st->portid) == -1)) {
		quote(id, q, sizeof(q));
		bad(st, 0, "port '%s' is not a port number", q);
		st->portid = 0;
	}
	free(proto);
	free(id);
}

static void
on_service(struct nmap *st, int nattr, const xmlChar **av)
{
	char *n = attr(st, nattr, av, "name");
	char *tun = attr(st, nattr, av, "tunnel");

	st->svc_seen = 1;
	st->svc = service_of(n, tun);
	st->svc_named = n != NULL && !is(n, "unknown");
	free(n);
	free(tun);
}

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr,
    int ndefaulted, const xmlChar **av)
{
	struct nmap *st = ctx;
	const char *n = (const char *)localname;
	enum elem parent, e;
	char *s, q[80];

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	if (st->stopped)
		return;
	st->depth++;
	if (st->depth == 1 && (uri != NULL || strcmp(n, "nmaprun") != 0)) {
		quote(n, q, sizeof(q));
		if (uri != NULL)
			bad(st, 0, "not nmap XML output (the root element "
			    "'%s' is in a namespace)", q);
		else
			bad(st, 0, "not nmap XML output (the root element is "
			    "'%s', not 'nmaprun')", q);
		stop(st);
		return;
	}
	if (st->depth > NMAP_MAXDEPTH)
		return;
	parent = st->depth > 1 ? st->path[st->depth - 1] : E_OTHER;
	e = uri != NULL ? E_OTHER : classify(n, parent, st->depth);
	st->path[st->depth] = e;
	switch (e) {
	case E_HOST:
		st->host_line = line_of(st);
		st->host_down = 0;
		st->family = 0;
		st->hostname[0] = '\0';
		st->host_first = st->pn;
		break;
	case E_STATUS:
		s = attr(st, nattr, av, "state");
		st->host_down = s == NULL || !is(s, "up");
		free(s);
		break;
	case E_ADDRESS:
		on_address(st, nattr, av);
		break;
	case E_HOSTNAME:
		on_hostname(st, nattr, av);
		break;
	case E_PORT:
		on_port(st, nattr, av);
		break;
	case E_STATE:
		s = attr(st, nattr, av, "state");
		st->port_open = is(s, "open");
		free(s);
		break;
	case E_SERVICE:
		on_service(st, nattr, av);
		break;
	default:
		break;
	}
}

static void
port_done(struct nmap *st)
{
	struct pending *nv, *p;
	size_t ncap;

	if (!st->port_tcp || !st->port_open || st->portid == 0)
		return;
	if (st->pn == st->pcap) {
		ncap = st->pcap == 0 ? 64 : st->pcap * 2;
		if ((nv = reallocarray(st->pv, ncap, sizeof(*nv))) == NULL) {
			st->nomem = 1;
			stop(st);
			return;
		}
		st->pv = nv;
		st->pcap = ncap;
	}
	p = &st->pv[st->pn++];
	memset(p, 0, sizeof(*p));
	p->port = st->portid;
	p->svc = st->svc_seen ? st->svc : service_for_port(st->portid);
	p->scheme = st->svc_seen && st->svc_named;
}

/* The host's address and name are known only at its end. */
static void
host_done(struct nmap *st)
{
	size_t i;

	if (st->host_down || st->pn == st->host_first) {
		for (i = st->host_first; i < st->pn; i++)
			free(st->pv[i].name);
		st->pn = st->host_first;
		return;
	}
	if (st->family == 0) {
		bad(st, st->host_line, "host with open ports has no IPv4 or "
		    "IPv6 address");
		st->pn = st->host_first;
		return;
	}
	for (i = st->host_first; i < st->pn; i++) {
		st->pv[i].family = st->family;
		memcpy(st->pv[i].addr, st->addr, sizeof(st->addr));
		if (st->hostname[0] != '\0' &&
		    (st->pv[i].name = strdup(st->hostname)) == NULL) {
			st->nomem = 1;
			stop(st);
			return;
		}
	}
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct nmap *st = ctx;

	(void)localname;
	(void)prefix;
	(void)uri;
	if (st->stopped)
		return;
	if (st->depth >= 1 && st->depth <= NMAP_MAXDEPTH) {
		if (st->path[st->depth] == E_PORT)
			port_done(st);
		else if (st->path[st->depth] == E_HOST)
			host_done(st);
	}
	st->depth--;
}

static void
on_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
    const xmlChar *sys, xmlChar *content)
{
	struct nmap *st = ctx;

	(void)name;
	(void)type;
	(void)pub;
	(void)sys;
	(void)content;
	if (st->stopped)
		return;
	bad(st, 0, "entity declarations are not allowed in nmap XML");
	stop(st);
}

/* Any other declaration: an nmap file has none (only <!DOCTYPE nmaprun>). */
static void
refuse_decl(struct nmap *st)
{
	if (st->stopped)
		return;
	bad(st, 0, "declarations (a DTD) are not allowed in nmap XML");
	stop(st);
}

static void
on_attr_decl(void *ctx, const xmlChar *elem, const xmlChar *name, int type,
    int def, const xmlChar *value, xmlEnumerationPtr tree)
{
	(void)elem;
	(void)name;
	(void)type;
	(void)def;
	(void)value;
	xmlFreeEnumeration(tree);	/* ours to free, says SAX2.c */
	refuse_decl(ctx);
}

static void
on_elem_decl(void *ctx, const xmlChar *name, int type,
    xmlElementContentPtr content)
{
	(void)name;
	(void)type;
	(void)content;
	refuse_decl(ctx);
}

static void
on_notation_decl(void *ctx, const xmlChar *name, const xmlChar *pub,
    const xmlChar *sys)
{
	(void)name;
	(void)pub;
	(void)sys;
	refuse_decl(ctx);
}

static void
on_unparsed_decl(void *ctx, const xmlChar *name, const xmlChar *pub,
    const xmlChar *sys, const xmlChar *notation)
{
	(void)name;
	(void)pub;
	(void)sys;
	(void)notation;
	refuse_decl(ctx);
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct nmap *st = ctx;
	char msg[256];
	size_t i, n;

	if (e == NULL || e->level < XML_ERR_ERROR || st->xmlerr[0] != '\0')
		return;
	snprintf(msg, sizeof(msg), "%s", e->message != NULL ? e->message :
	    "error");
	/* libxml2 ends its messages with a newline, some have two lines. */
	n = strlen(msg);
	for (i = 0; i < n; i++)
		if (msg[i] == '\n')
			msg[i] = ' ';
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	quote(msg, st->xmlerr, sizeof(st->xmlerr));
	st->xmlline = e->line;
}

int
target_set_add_nmap(struct target_set *set, const char *buf, size_t len,
    const char *name, struct target_errors *errs)
{
	xmlStructuredErrorFunc oerr;
	xmlSAXHandler sax;
	struct nmap st;
	void *oerrctx;
	size_t i = 0;
	int r = -1, rc;

	memset(&st, 0, sizeof(st));
	st.name = name;
	st.errs = errs;
	if (len > TARGET_MAX_FILE) {
		target_errors_add(errs, "%s: larger than %u bytes", name,
		    TARGET_MAX_FILE);
		return 1;
	}
	if (len == 0) {
		/* libxml2 would call it "extra content". */
		target_errors_add(errs, "%s: empty document, not nmap XML",
		    name);
		return 1;
	}
	/*
	 * Markup first and no NUL: libxml2 then reads UTF-8 only (with
	 * XML_PARSE_IGNORE_ENC below), and never converts an encoding.
	 */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' ||
	    buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i == len || buf[i] != '<' || memchr(buf, '\0', len) != NULL) {
		target_errors_add(errs, "%s: not nmap XML (%s)", name,
		    i < len && buf[i] == '<' ? "a NUL byte" :
		    "no markup at the start");
		return 1;
	}
	xmlInitParser();
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.entityDecl = on_entity;
	sax.attributeDecl = on_attr_decl;
	sax.elementDecl = on_elem_decl;
	sax.notationDecl = on_notation_decl;
	sax.unparsedEntityDecl = on_unparsed_decl;
	sax.serror = on_error;
	/*
	 * The pull parser over the buffer (its messages name what is wrong
	 * better than the push parser's) with our handler in place of the
	 * default one.  No getEntity, externalSubset or resolveEntity:
	 * nothing is ever loaded.
	 */
	if ((st.ctxt = xmlCreateMemoryParserCtxt(buf, (int)len)) == NULL ||
	    st.ctxt->sax == NULL)
		goto nomem;
	memcpy(st.ctxt->sax, &sax, sizeof(sax));
	st.ctxt->userData = &st;
	(void)xmlCtxtUseOptions(st.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
	/* Errors raised without the context would go to stderr. */
	oerr = xmlStructuredError;
	oerrctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&st, on_error);
	rc = xmlParseDocument(st.ctxt);
	xmlSetStructuredErrorFunc(oerrctx, oerr);
	if (st.nomem)
		goto nomem;
	if (!st.stopped && (rc != 0 || !st.ctxt->wellFormed)) {
		st.nerr++;
		if (st.xmlline > 0)
			target_errors_add(errs, "%s:%d: not well-formed XML: "
			    "%s", name, st.xmlline, st.xmlerr[0] != '\0' ?
			    st.xmlerr : "parse error");
		else
			target_errors_add(errs, "%s: not well-formed XML: %s",
			    name, st.xmlerr[0] != '\0' ? st.xmlerr :
			    "parse error");
	}
	/* Nothing from a document that is not whole and well-formed. */
	if (!st.stopped && st.ctxt->wellFormed && rc == 0)
		for (i = 0; i < st.pn; i++)
			if (target_set_add_pinned(set, st.pv[i].svc,
			    st.pv[i].scheme, st.pv[i].family, st.pv[i].addr,
			    st.pv[i].port, st.pv[i].name) == -1)
				goto nomem;
	r = st.nerr;
	goto out;
nomem:
	target_errors_add(errs, "%s: out of memory", name);
	r = -1;
out:
	if (st.ctxt != NULL) {
		if (st.ctxt->myDoc != NULL)
			xmlFreeDoc(st.ctxt->myDoc);
		xmlFreeParserCtxt(st.ctxt);
	}
	for (i = 0; i < st.pn; i++)
		free(st.pv[i].name);
	free(st.pv);
	return r;
}
