/*
 * caltime.h: calendar and clock arithmetic for deadlines, and the Danish
 * working days they fall on.  Pure functions.
 * Times are seconds since the epoch (UTC); a time written without an offset
 * is Europe/Copenhagen wall-clock time (CET/CEST, EU summer-time rule:
 * last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC).
 */
#ifndef TILSYN_CALTIME_H
#define TILSYN_CALTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A parsed time: the instant, and how it was written (for printing back). */
struct caltime {
	int64_t	t;		/* seconds since 1970-01-01T00:00:00Z */
	bool	local;		/* written without offset: Europe/Copenhagen */
	int	offset;		/* the offset it was written in, seconds east */
};

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t	days_from_civil(int y, int m, int d);
void	civil_from_days(int64_t days, int *y, int *m, int *d);
int	days_in_month(int y, int m);
/* Strict YYYY-MM-DD; returns 0 and the day number, or -1. */
int	caltime_parse_date(const char *, int64_t *days) __attribute__((warn_unused_result));
/* YYYY-MM-DD of a day number into buf (at least 11 bytes). */
void	caltime_format_date(int64_t days, char *buf, size_t len);
/*
 * ISO 8601 date-time: YYYY-MM-DDTHH:MM[:SS] followed by Z, +HH:MM, -HH:MM,
 * or nothing (Europe/Copenhagen).  A space may stand for T.  A local time
 * that does not exist (spring gap) or occurs twice (autumn) is an error;
 * err says which and what to write instead.
 */
int	caltime_parse(const char *, struct caltime *, char *err, size_t errlen)
	    __attribute__((warn_unused_result));
/* Europe/Copenhagen offset from UTC at instant t: 3600 or 7200. */
int	cph_offset(int64_t t);
/*
 * Prints instant t the way `style` was written: in its fixed offset, or for
 * a local time in Copenhagen's offset at t; "YYYY-MM-DDTHH:MM:SS+HH:MM".
 */
void	caltime_format(int64_t t, const struct caltime *style, char *buf, size_t len);
/* "YYYY-MM-DDTHH:MM:SSZ" */
void	caltime_format_utc(int64_t t, char *buf, size_t len);
/*
 * One calendar month after t, as seen in style's clock: the same day of the
 * next month at the same wall-clock time, or the last day of that month
 * when it has no such day.  A local wall-clock time that falls in the
 * spring gap moves forward by an hour; one that occurs twice takes the
 * first.
 */
int64_t	caltime_add_month(int64_t t, const struct caltime *style);

/* Day of the week of a day number: 0 Monday .. 6 Sunday. */
int	caltime_weekday(int64_t day);
/* Easter Sunday of year y (Gregorian; the anonymous algorithm). */
int64_t	caltime_easter(int y);
/*
 * The Danish name of the holiday or closing day of the ministry that day
 * is, or NULL: the public holidays (helligdagsloven; store bededag only
 * before 2024, lov nr. 139 af 28. februar 2023), grundlovsdag, 24 and 31
 * December.  Saturdays and Sundays are not named here.
 */
const char *caltime_holiday(int64_t day);
/* A weekday that is not a holiday (caltime_holiday()). */
bool	caltime_is_working_day(int64_t day);
/* day itself when it is a working day, else the next working day. */
int64_t	caltime_next_working_day(int64_t day);
/* "lørdag", "søndag", or the holiday's name; NULL for a working day. */
const char *caltime_closed_why(int64_t day);

#endif
