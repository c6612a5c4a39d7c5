/*
 * tls_vuln.c: the table of behavioural checks (see tls_vuln.h): names,
 * defaults, start functions.  The checks themselves are in their own
 * files; this one only knows them by name.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "scanner/tls/tls_ccs.h"
#include "scanner/tls/tls_heartbleed.h"
#include "scanner/tls/tls_ticketbleed.h"
#include "scanner/tls/tls_reneg.h"
#include "scanner/tls/tls_robot.h"
#include "scanner/tls/tls_vuln.h"

static const struct {
	const char	*name;
	vuln_start_fn	 start;
	int		 dflt;		/* on without --vuln LIST */
} checks[VULN_COUNT] = {
	[VULN_HEARTBLEED] = { "heartbleed", heartbleed_start, 1 },	/* 1 */
	[VULN_CCS] = { "ccs-injection", ccs_start, 1 },		/* 1 */
	[VULN_TICKETBLEED] = { "ticketbleed", ticketbleed_start, 1 },	/* 2 */
	[VULN_ROBOT] = { "robot", robot_start, 1 },
	[VULN_RENEG] = { "renegotiation", reneg_start, 1 },
	[VULN_FALLBACK] = { "fallback-scsv", fallback_start, 1 },
};

static const char *const state_names[] = {
	[VULN_UNTESTED] = "not-tested",
	[VULN_NOT_APPLICABLE] = "not-applicable",
	[VULN_NOT_VULNERABLE] = "not-vulnerable",
	[VULN_VULNERABLE] = "vulnerable",
	[VULN_INCONCLUSIVE] = "inconclusive",
};

int
vuln_ran(const struct vuln_result *r)
{
	int c;

	for (c = 0; c < VULN_COUNT; c++)
		if (r->v[c].state != VULN_UNTESTED)
			return 1;
	return 0;
}

void
vuln_detail(struct vuln_verdict *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(v->detail, sizeof(v->detail), fmt, ap);
	va_end(ap);
}

const char *
vuln_check_name(enum vuln_check c)
{
	return (unsigned)c < VULN_COUNT ? checks[c].name : NULL;
}

const char *
vuln_state_name(enum vuln_state s)
{
	return (unsigned)s <= VULN_INCONCLUSIVE ? state_names[s] : NULL;
}

unsigned
vuln_default_mask(void)
{
	unsigned m = 0;
	int c;

	for (c = 0; c < VULN_COUNT; c++)
		if (checks[c].dflt)
			m |= VULN_MASK(c);
	return m;
}

vuln_start_fn
vuln_starter(enum vuln_check c)
{
	return (unsigned)c < VULN_COUNT ? checks[c].start : NULL;
}

int
vuln_check_from_name(const char *s)
{
	int c;

	for (c = 0; c < VULN_COUNT; c++)
		if (strcmp(s, checks[c].name) == 0)
			return c;
	return -1;
}

int
vuln_parse_list(const char *list, unsigned *mask, char *err, size_t errlen)
{
	const char *p = list, *e;
	char name[32];
	unsigned m = 0;
	size_t n;
	int c;

	for (;;) {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == 0 || n >= sizeof(name)) {
			snprintf(err, errlen, "--vuln: empty or overlong name "
			    "in '%s'", list);
			return -1;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		if (strcmp(name, "all") == 0)
			m |= VULN_MASK_ALL;
		else if ((c = vuln_check_from_name(name)) >= 0)
			m |= VULN_MASK(c);
		else {
			snprintf(err, errlen, "--vuln: unknown check '%s' "
			    "(heartbleed, ccs-injection, ticketbleed, robot, "
			    "renegotiation, fallback-scsv, all)", name);
			return -1;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	*mask = m;
	return 0;
}
