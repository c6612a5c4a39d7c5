/*
 * ssh_report.c: renders a struct ssh_result (see ssh_report.h).  Name-lists
 * come out in the server's order; a list is null (JSON), an element marked
 * null="true" (XML) or "not read" (text) when the server sent no KEXINIT,
 * so that "offers nothing" and "not seen" never look alike.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "scanner/render.h"
#include "scanner/ssh/ssh_policy.h"
#include "scanner/ssh/ssh_report.h"

/* JSON and XML field names of the lists, in enum ssh_list order. */
static const struct {
	enum ssh_list	 list;
	const char	*key;
	const char	*label;
} fields[] = {
	{ SSH_L_KEX, "kex", "kex" },
	{ SSH_L_HOSTKEY, "host_key_algorithms", "host key algorithms" },
	{ SSH_L_ENC_C2S, "ciphers_c2s", "ciphers c2s" },
	{ SSH_L_ENC_S2C, "ciphers_s2c", "ciphers s2c" },
	{ SSH_L_MAC_C2S, "macs_c2s", "MACs c2s" },
	{ SSH_L_MAC_S2C, "macs_s2c", "MACs s2c" },
	{ SSH_L_COMP_C2S, "compression_c2s", "compression c2s" },
	{ SSH_L_COMP_S2C, "compression_s2c", "compression s2c" },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

json_t *
ssh_report_json(const struct ssh_result *r)
{
	const struct ssh_server_hello *h = &r->hello;
	const struct ssh_namelist *l;
	json_t *o, *keys;
	size_t i;
	int bad = 0;

	if ((o = json_object()) == NULL)
		return NULL;
	bad |= json_object_set_new(o, "banner",
	    json_str_or_null(h->ident[0] != '\0' ? h->ident : NULL));
	bad |= json_object_set_new(o, "software",
	    json_str_or_null(h->ident[0] != '\0' ? h->software : NULL));
	bad |= json_object_set_new(o, "protocol",
	    json_str_or_null(h->ident[0] != '\0' ? h->protocol : NULL));
	for (i = 0; i < NFIELDS; i++) {
		l = &h->lists[fields[i].list];
		bad |= json_object_set_new(o, fields[i].key, h->has_kexinit ?
		    json_strings(l->v, l->n) : json_null());
	}
	bad |= json_object_set_new(o, "first_kex_packet_follows",
	    h->has_kexinit ? json_boolean(h->first_kex_follows) : json_null());
	bad |= json_object_set_new(o, "strict_kex",
	    json_boolean(h->strict_kex));
	bad |= json_object_set_new(o, "ext_info", json_boolean(h->ext_info));
	bad |= json_object_set_new(o, "terrapin",
	    json_boolean(ssh_terrapin(h)));
	if ((keys = json_array()) != NULL)
		for (i = 0; i < r->nhost_keys; i++)
			bad |= json_array_append_new(keys,
			    json_pack("{s:s, s:i, s:s}", "type",
			    r->host_keys[i].type, "bits", r->host_keys[i].bits,
			    "sha256", r->host_keys[i].sha256));
	bad |= json_object_set_new(o, "host_keys", keys);
	bad |= json_object_set_new(o, "host_keys_error",
	    json_str_or_null(r->host_keys_error));
	bad |= json_object_set_new(o, "auth_methods",
	    r->auth_methods != NULL ? json_strings(r->auth_methods,
	    r->nauth_methods) : json_null());
	bad |= json_object_set_new(o, "auth_error",
	    json_str_or_null(r->auth_error));
	return json_whole(o, bad);
}

/* A text element, or an element marked null="true" for NULL. */
static void
xml_text_or_null(struct xml_out *x, xmlNodePtr parent, const char *name,
    const char *text)
{
	if (text != NULL)
		xml_child(x, parent, name, text);
	else
		xml_null_child(x, parent, name);
}

/*
 * The JSON object's fields in its order.  Fields that are never null are
 * attributes; each one JSON may write as null is an element, marked
 * null="true" when it is, the way the rest of the report writes nulls.
 */
int
ssh_report_xml(struct xml_out *x, xmlNodePtr parent,
    const struct ssh_result *r)
{
	const struct ssh_server_hello *h = &r->hello;
	int ident = h->ident[0] != '\0';
	xmlNodePtr s, l, k;
	size_t i, j;

	s = xml_child(x, parent, "ssh", NULL);
	xml_attr(x, s, "strict_kex", xml_bool(h->strict_kex));
	xml_attr(x, s, "ext_info", xml_bool(h->ext_info));
	xml_attr(x, s, "terrapin", xml_bool(ssh_terrapin(h)));
	xml_text_or_null(x, s, "banner", ident ? h->ident : NULL);
	xml_text_or_null(x, s, "software", ident ? h->software : NULL);
	xml_text_or_null(x, s, "protocol", ident ? h->protocol : NULL);
	for (i = 0; i < NFIELDS; i++) {
		if (!h->has_kexinit) {
			xml_null_child(x, s, fields[i].key);
			continue;
		}
		l = xml_child(x, s, fields[i].key, NULL);
		for (j = 0; j < h->lists[fields[i].list].n; j++)
			xml_child(x, l, "algorithm",
			    h->lists[fields[i].list].v[j]);
	}
	xml_text_or_null(x, s, "first_kex_packet_follows", h->has_kexinit ?
	    xml_bool(h->first_kex_follows) : NULL);
	l = xml_child(x, s, "host_keys", NULL);
	for (i = 0; i < r->nhost_keys; i++) {
		k = xml_child(x, l, "host_key", NULL);
		xml_attr(x, k, "type", r->host_keys[i].type);
		xml_attr_num(x, k, "bits", r->host_keys[i].bits);
		xml_attr(x, k, "sha256", r->host_keys[i].sha256);
	}
	xml_text_or_null(x, s, "host_keys_error", r->host_keys_error);
	if (r->auth_methods != NULL) {
		l = xml_child(x, s, "auth_methods", NULL);
		for (i = 0; i < r->nauth_methods; i++)
			xml_child(x, l, "method", r->auth_methods[i]);
	} else {
		xml_null_child(x, s, "auth_methods");
	}
	xml_text_or_null(x, s, "auth_error", r->auth_error);
	return x->failed ? -1 : 0;
}

static void
text_list(FILE *fp, const char *label, const struct ssh_namelist *l)
{
	size_t i;

	fprintf(fp, "  %s:", label);
	for (i = 0; i < l->n; i++)
		fprintf(fp, "%s %s", i > 0 ? "," : "", l->v[i]);
	fprintf(fp, "%s\n", l->n == 0 ? " none" : "");
}

static int
same_list(const struct ssh_namelist *a, const struct ssh_namelist *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

int
ssh_report_text(FILE *fp, const struct ssh_result *r)
{
	const struct ssh_server_hello *h = &r->hello;
	static const struct {
		enum ssh_list	 c2s, s2c;
		const char	*both;
	} pairs[] = {
		{ SSH_L_ENC_C2S, SSH_L_ENC_S2C, "ciphers" },
		{ SSH_L_MAC_C2S, SSH_L_MAC_S2C, "MACs" },
		{ SSH_L_COMP_C2S, SSH_L_COMP_S2C, "compression" },
	};
	size_t i;

	if (h->ident[0] != '\0')
		fprintf(fp, "  banner: %s (protocol %s%s)\n", h->ident,
		    h->protocol, h->ssh1 ? ", SSH-1" : "");
	if (!h->has_kexinit) {
		if (r->scanned)
			fprintf(fp, "  algorithms: not read (no SSH-2 "
			    "KEXINIT)\n");
	} else {
		text_list(fp, "kex", &h->lists[SSH_L_KEX]);
		text_list(fp, "host key algorithms", &h->lists[SSH_L_HOSTKEY]);
		for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
			if (same_list(&h->lists[pairs[i].c2s],
			    &h->lists[pairs[i].s2c])) {
				text_list(fp, pairs[i].both,
				    &h->lists[pairs[i].c2s]);
				continue;
			}
			text_list(fp, fields[pairs[i].c2s].label,
			    &h->lists[pairs[i].c2s]);
			text_list(fp, fields[pairs[i].s2c].label,
			    &h->lists[pairs[i].s2c]);
		}
		fprintf(fp, "  strict kex: %s, ext-info: %s, first kex packet "
		    "follows: %s, Terrapin: %s\n", h->strict_kex ? "yes" : "no",
		    h->ext_info ? "yes" : "no",
		    h->first_kex_follows ? "yes" : "no",
		    ssh_terrapin(h) ? "exposed" : "not exposed");
	}
	for (i = 0; i < r->nhost_keys; i++)
		fprintf(fp, "  host key: %s %d bits %s\n", r->host_keys[i].type,
		    r->host_keys[i].bits, r->host_keys[i].sha256);
	if (r->host_keys_error != NULL)
		fprintf(fp, "  host keys: %s\n", r->host_keys_error);
	if (r->auth_methods != NULL) {
		fprintf(fp, "  auth methods:");
		for (i = 0; i < r->nauth_methods; i++)
			fprintf(fp, "%s %s", i > 0 ? "," : "",
			    r->auth_methods[i]);
		fprintf(fp, "\n");
	} else if (r->auth_error != NULL)
		fprintf(fp, "  auth methods: not obtained: %s\n",
		    r->auth_error);
	return ferror(fp) ? -1 : 0;
}
