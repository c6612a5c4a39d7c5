/*
 * tilsyn-classify: is an entity covered by the NIS 2 act, essential or
 * important, and what is its maximum fine.  Options in, one report out; all
 * rules live in law/entity.c.
 */
#include <err.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "config.h"
#include "common/exit.h"
#include "common/fds.h"
#include "common/numparse.h"
#include "law/entity.h"
#include "tools/tool.h"

#define NFIXED	8	/* options other than the entity's yes/no facts */

static const char usage_text[] =
"usage: tilsyn-classify --sector SECTOR [--sector SECTOR ...]\n"
"           [--subsector NAME] [--employees N] [--turnover EUR]\n"
"           [--balance EUR] [--state-body] [--critical-entity]\n"
"           [--sole-provider] [--public-impact]\n"
"           [--qualified-trust-service | --tld-registry | --dns-provider]\n"
"           [--municipality | --region] [--public-ecomm]\n"
"           [--excluded-by energy|telecom|finance]\n"
"           [--designated-important] [-o text|json]\n"
"       tilsyn-classify --help | --version\n";

static int64_t
figure(const char *flag, const char *arg)
{
	const char *why;
	int64_t v;
	int r;

	if ((r = parse_int64(arg, 0, FIGURE_MAX, &v)) != NUM_OK) {
		why = arg[0] == '-' && r != NUM_NOTNUM ?
		    "must not be negative" : numparse_errstr(r);
		errx(EXIT_USAGE, "%s '%s': %s", flag, arg, why);
	}
	return v;
}

static void
print_text(const struct classification *c)
{
	size_t i;

	printf("class: %s\n", class_name(c->cls));
	printf("size: %s\n", size_name(c->size));
	printf("annex:%s%s\n", c->annexes & 2 ? " 1" : "",
	    c->annexes & 4 ? " 2" : "");
	printf("basis:");
	for (i = 0; i < c->nbasis; i++)
		printf("%s %s", i ? ";" : "", basis_text(c->basis[i]));
	printf("%s\n", c->nbasis ? "" : " -");
	if (c->max_fine_eur != FIGURE_UNKNOWN)
		printf("maximum fine: EUR %" PRId64 "\n", c->max_fine_eur);
	else
		printf("maximum fine: -\n");
	printf("reasoning:\n");
	for (i = 0; i < c->nreasons; i++)
		printf("  - %s\n", c->reasons[i]);
}

/* One JSON object on one line; -1 when jansson runs out of memory. */
static int
print_json(const struct classification *c)
{
	json_t *o, *annex, *basis, *reasons;
	size_t i;
	int bad = 0;

	annex = json_array();
	basis = json_array();
	reasons = json_array();
	if (c->annexes & 2)
		bad |= json_array_append_new(annex, json_integer(1));
	if (c->annexes & 4)
		bad |= json_array_append_new(annex, json_integer(2));
	for (i = 0; i < c->nbasis; i++)
		bad |= json_array_append_new(basis,
		    json_string(basis_text(c->basis[i])));
	for (i = 0; i < c->nreasons; i++)
		bad |= json_array_append_new(reasons,
		    json_string(c->reasons[i]));
	/* "o" takes the arrays over, also when the pack fails. */
	o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}",
	    "class", class_name(c->cls), "size", size_name(c->size),
	    "annex", annex, "basis", basis, "max_fine_eur",
	    c->max_fine_eur != FIGURE_UNKNOWN ?
	    json_integer(c->max_fine_eur) : json_null(),
	    "reasoning", reasons);
	if (bad != 0) {
		json_decref(o);
		return -1;
	}
	return tool_print_json(o);
}

int
main(int argc, char *argv[])
{
	enum {
		O_SECTOR = 256, O_SUBSECTOR, O_EMPLOYEES, O_TURNOVER,
		O_BALANCE, O_FLAG, O_EXCLUDED
	};
	static const struct option fixed[] = {
		{ "sector", required_argument, NULL, O_SECTOR },
		{ "subsector", required_argument, NULL, O_SUBSECTOR },
		{ "employees", required_argument, NULL, O_EMPLOYEES },
		{ "turnover", required_argument, NULL, O_TURNOVER },
		{ "balance", required_argument, NULL, O_BALANCE },
		{ "excluded-by", required_argument, NULL, O_EXCLUDED },
		TOOL_OPTIONS,
	};
	_Static_assert(sizeof(fixed) / sizeof(fixed[0]) == NFIXED, "NFIXED");
	/* The yes/no facts are named like their flags: law/entity.c's list. */
	struct option longopts[NFIXED + ENTITY_NFLAGS + 1];
	size_t i;
	struct entity_facts f;
	struct classification c;
	enum sector s;
	char msg[512];
	struct tool tool = { "tilsyn-classify", usage_text, CLI_TEXT };
	int ch, li, r;

	if (fds_ensure_std() != 0)
		err(EXIT_FAIL, "/dev/null");
	memcpy(longopts, fixed, sizeof(fixed));
	for (i = 0; i < ENTITY_NFLAGS; i++)
		longopts[NFIXED + i] = (struct option){ entity_flag_name(i),
		    no_argument, NULL, O_FLAG };
	memset(&longopts[NFIXED + ENTITY_NFLAGS], 0, sizeof(longopts[0]));
	entity_facts_init(&f);
	while ((ch = getopt_long(argc, argv, "o:", longopts, &li)) != -1) {
		switch (ch) {
		case O_SECTOR:
			if (sector_lookup(optarg, &s) == -1)
				errx(EXIT_USAGE, "--sector '%s': unknown sector (one "
				    "of: %s)", optarg, sector_slug_list());
			f.sectors |= 1u << s;
			break;
		case O_SUBSECTOR:
			f.subsector = optarg;
			break;
		case O_EMPLOYEES:
			f.employees = figure("--employees", optarg);
			break;
		case O_TURNOVER:
			f.turnover_eur = figure("--turnover", optarg);
			break;
		case O_BALANCE:
			f.balance_eur = figure("--balance", optarg);
			break;
		case O_EXCLUDED:
			if (exclusion_lookup(optarg, &f.excluded_by) == -1)
				errx(EXIT_USAGE, "--excluded-by '%s': must be energy, "
				    "telecom or finance", optarg);
			break;
		case O_FLAG:
			/* The yes/no facts are named like their flags. */
			if (entity_set_flag(&f, longopts[li].name) != 0)
				errx(EXIT_USAGE, "--%s: no such entity fact",
				    longopts[li].name);
			break;
		default:
			if ((r = tool_option(&tool, ch, optarg)) != TOOL_GO)
				return r;
		}
	}
	if (optind != argc)
		errx(EXIT_USAGE, "unexpected argument '%s'", argv[optind]);
	if (entity_facts_check(&f, msg, sizeof(msg)) == -1)
		errx(EXIT_USAGE, "%s", msg);
	classify(&f, &c);
	r = 0;
	if (tool.out == CLI_JSON)
		r = print_json(&c);
	else
		print_text(&c);
	return tool_done(r, EXIT_OK);
}
