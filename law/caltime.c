/*
 * caltime.c: proleptic Gregorian day arithmetic (Howard Hinnant's
 * days-from-civil algorithm, written out here), strict ISO 8601 parsing, and
 * the Europe/Copenhagen clock by the EU summer-time rule (Directive
 * 2000/84/EC): CEST from the last Sunday of March 01:00 UTC to the last
 * Sunday of October 01:00 UTC, CET otherwise.  No tz database is consulted,
 * so results do not depend on the machine.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "law/caltime.h"

#define DAY	INT64_C(86400)
#define CET	3600
#define CEST	7200

int64_t
days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int
days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

/* Reads exactly n digits. */
static int
digits(const char **s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return 0;
}

static int
parse_ymd(const char **s, int *y, int *m, int *d)
{
	if (digits(s, 4, y) == -1 || **s != '-')
		return -1;
	(*s)++;
	if (digits(s, 2, m) == -1 || **s != '-')
		return -1;
	(*s)++;
	if (digits(s, 2, d) == -1)
		return -1;
	if (*y < 1900 || *y > 9999 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

int
caltime_parse_date(const char *s, int64_t *days)
{
	int y, m, d;

	if (parse_ymd(&s, &y, &m, &d) == -1 || *s != '\0')
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

void
caltime_format_date(int64_t days, char *buf, size_t len)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
}

/* The instant summer time starts (or ends) in year y: 01:00 UTC. */
static int64_t
last_sunday_0100utc(int y, int m)
{
	int64_t last = days_from_civil(y, m, days_in_month(y, m));
	/* 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) % 7. */
	int64_t wd = ((last + 4) % 7 + 7) % 7;

	return (last - wd) * DAY + 3600;
}

int
cph_offset(int64_t t)
{
	int y, m, d;

	civil_from_days((t >= 0 ? t : t - DAY + 1) / DAY, &y, &m, &d);
	if (t >= last_sunday_0100utc(y, 3) && t < last_sunday_0100utc(y, 10))
		return CEST;
	return CET;
}

int
caltime_parse(const char *str, struct caltime *out, char *err, size_t errlen)
{
	const char *s = str;
	int y, m, d, hh, mm, ss = 0, oh, om, sign, n = 0;
	int64_t wall, t1, t2;

	if (parse_ymd(&s, &y, &m, &d) == -1 || (*s != 'T' && *s != ' ') ||
	    (s++, digits(&s, 2, &hh)) == -1 || *s++ != ':' ||
	    digits(&s, 2, &mm) == -1)
		goto bad;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &ss) == -1)
			goto bad;
	}
	if (*s == '.' || *s == ',') {
		/* Fractions of a second are accepted and dropped. */
		s++;
		while (isdigit((unsigned char)*s))
			s++, n++;
		if (n == 0)
			goto bad;
	}
	if (hh > 23 || mm > 59 || ss > 59)
		goto bad;
	wall = days_from_civil(y, m, d) * DAY + hh * 3600 + mm * 60 + ss;
	memset(out, 0, sizeof(*out));
	if (*s == 'Z' && s[1] == '\0') {
		out->t = wall;
		return 0;
	}
	if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (digits(&s, 2, &oh) == -1)
			goto bad;
		if (*s == ':')
			s++;
		if (digits(&s, 2, &om) == -1 || *s != '\0' || oh > 14 ||
		    om > 59)
			goto bad;
		out->offset = sign * (oh * 3600 + om * 60);
		out->t = wall - out->offset;
		return 0;
	}
	if (*s != '\0')
		goto bad;
	/* Local Copenhagen time: it may be in the spring gap, or twice. */
	out->local = 1;
	t1 = wall - CET;
	t2 = wall - CEST;
	if (cph_offset(t1) == CET && cph_offset(t2) == CEST) {
		snprintf(err, errlen, "'%s' occurs twice in Europe/Copenhagen "
		    "(end of summer time): add +02:00 or +01:00", str);
		return -1;
	}
	if (cph_offset(t1) == CET) {
		out->t = t1;
		out->offset = CET;
	} else if (cph_offset(t2) == CEST) {
		out->t = t2;
		out->offset = CEST;
	} else {
		snprintf(err, errlen, "'%s' does not exist in "
		    "Europe/Copenhagen (clocks skip that hour in spring)", str);
		return -1;
	}
	return 0;
bad:
	snprintf(err, errlen, "'%s' is not an ISO 8601 time "
	    "(YYYY-MM-DDTHH:MM[:SS] with Z, +HH:MM or nothing for "
	    "Copenhagen time)", str);
	return -1;
}

static void
format_at(int64_t t, int offset, char *buf, size_t len)
{
	int64_t wall = t + offset, days, sod;
	int y, m, d, a = offset < 0 ? -offset : offset;

	days = (wall >= 0 ? wall : wall - DAY + 1) / DAY;
	sod = wall - days * DAY;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
	    y, m, d, (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60),
	    offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

void
caltime_format(int64_t t, const struct caltime *style, char *buf, size_t len)
{
	if (style->local)
		format_at(t, cph_offset(t), buf, len);
	else if (style->offset == 0) {
		caltime_format_utc(t, buf, len);
	} else
		format_at(t, style->offset, buf, len);
}

void
caltime_format_utc(int64_t t, char *buf, size_t len)
{
	char tmp[40];

	format_at(t, 0, tmp, sizeof(tmp));
	tmp[19] = 'Z';
	tmp[20] = '\0';
	snprintf(buf, len, "%s", tmp);
}

int64_t
caltime_add_month(int64_t t, const struct caltime *style)
{
	int offset = style->local ? cph_offset(t) : style->offset;
	int64_t wall = t + offset, days, sod, nwall, t1, t2;
	int y, m, d;

	days = (wall >= 0 ? wall : wall - DAY + 1) / DAY;
	sod = wall - days * DAY;
	civil_from_days(days, &y, &m, &d);
	if (++m > 12) {
		m = 1;
		y++;
	}
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	nwall = days_from_civil(y, m, d) * DAY + sod;
	if (!style->local)
		return nwall - style->offset;
	t1 = nwall - CET;
	t2 = nwall - CEST;
	if (cph_offset(t2) == CEST)
		return t2;	/* summer time, or the first of two */
	if (cph_offset(t1) == CET)
		return t1;
	return nwall - CET;	/* in the spring gap: an hour later */
}

/* ---- working days ---- */

int
caltime_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (3). */
	int64_t w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int64_t
caltime_easter(int y)
{
	/* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int dd = (h + l - 7 * m + 114) % 31 + 1;

	return days_from_civil(y, month, dd);
}

const char *
caltime_holiday(int64_t day)
{
	/* Days from Easter Sunday (helligdagsloven, the church's calendar). */
	static const struct {
		int		 off;
		const char	*name;
	} easter[] = {
		{ -3, "skærtorsdag" }, { -2, "langfredag" }, { 0, "påskedag" },
		{ 1, "2. påskedag" }, { 26, "store bededag" },
		{ 39, "Kristi himmelfartsdag" }, { 49, "pinsedag" },
		{ 50, "2. pinsedag" },
	};
	/* Fixed days; 5 June, 24 and 31 December: the ministry is closed. */
	static const struct {
		int		 m, d;
		const char	*name;
	} fixed[] = {
		{ 1, 1, "nytårsdag" }, { 6, 5, "grundlovsdag" },
		{ 12, 24, "juleaftensdag" }, { 12, 25, "juledag" },
		{ 12, 26, "2. juledag" }, { 12, 31, "nytårsaftensdag" },
	};
	int64_t e;
	size_t i;
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (fixed[i].m == m && fixed[i].d == d)
			return fixed[i].name;
	e = caltime_easter(y);
	for (i = 0; i < sizeof(easter) / sizeof(easter[0]); i++) {
		/* Store bededag was abolished from 2024 (lov nr. 139/2023). */
		if (easter[i].off == 26 && y >= 2024)
			continue;
		if (day == e + easter[i].off)
			return easter[i].name;
	}
	return NULL;
}

const char *
caltime_closed_why(int64_t day)
{
	const char *h = caltime_holiday(day);
	int w = caltime_weekday(day);

	if (h != NULL)
		return h;
	return w == 5 ? "lørdag" : w == 6 ? "søndag" : NULL;
}

bool
caltime_is_working_day(int64_t day)
{
	return caltime_closed_why(day) == NULL;
}

int64_t
caltime_next_working_day(int64_t day)
{
	/* At most 24-26 December and a weekend, or Easter: a few days. */
	while (!caltime_is_working_day(day))
		day++;
	return day;
}
