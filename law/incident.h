/*
 * incident.h: the incident-report deadlines of § 13 (early warning 24 h,
 * incident notification 72 h, final report one month after the
 * notification; when the incident is still ongoing then, a progress report
 * at that time and the final report one month after it is handled).
 * Pure: no clock is read here; the caller passes "now".
 */
#ifndef TILSYN_INCIDENT_H
#define TILSYN_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "law/basis.h"
#include "law/caltime.h"

enum report_kind {
	REPORT_EARLY_WARNING, REPORT_NOTIFICATION, REPORT_PROGRESS,
	REPORT_FINAL, REPORT_KIND_COUNT
};
enum report_status { STATUS_PENDING, STATUS_MET, STATUS_LATE, STATUS_MISSING };

struct incident_times {
	struct caltime	aware;
	struct caltime	at[REPORT_KIND_COUNT];	/* when submitted */
	bool		has[REPORT_KIND_COUNT];
	struct caltime	handled;
	bool		has_handled;
	int64_t		now;
};

struct report_deadline {
	enum report_kind kind;
	bool		 has_due;	/* false: not yet known */
	int64_t		 due;
	const struct caltime *style;	/* how to print due and submitted */
	bool		 submitted;
	int64_t		 submitted_t;
	const struct caltime *submitted_style;
	enum report_status status;
	int64_t		 late_by;	/* seconds, when STATUS_LATE */
	enum basis_id	 basis;
	char		 note[200];	/* why the due time is what it is */
};

struct deadline_result {
	struct report_deadline r[REPORT_KIND_COUNT];
	size_t		 n;
	bool		 ongoing;
	bool		 any_overdue;	/* late or missing */
};

const char *report_name(enum report_kind);	/* "early-warning", ... */
const char *report_option(enum report_kind);	/* "--early-warning", ... */
const char *report_status_name(enum report_status);
/*
 * Checks the times for contradictions (a report before --aware, handled
 * before aware); returns 0 or -1 with the option named in err.
 */
int	incident_check(const struct incident_times *, char *err, size_t errlen)
	    __attribute__((warn_unused_result));
/* Computes the deadlines; the result points into *in (keep it alive). */
void	incident_deadlines(const struct incident_times *in,
	    struct deadline_result *out);

#endif
