/*
 * incident.c: § 13 incident-report deadlines (see incident.h).  Elapsed
 * hours are counted on the UTC time line, so 24 h stay 24 h across a
 * daylight-saving change; the month is a calendar month (caltime.c).
 */
#include <stdio.h>
#include <string.h>

#include "law/incident.h"

#define HOUR	INT64_C(3600)

static const char *const names[REPORT_KIND_COUNT] = {
	"early-warning", "notification", "progress-report", "final-report"
};
static const char *const options[REPORT_KIND_COUNT] = {
	"--early-warning", "--notification", "--progress-report",
	"--final-report"
};

const char *
report_name(enum report_kind k)
{
	return (unsigned)k < REPORT_KIND_COUNT ? names[k] : "?";
}

const char *
report_option(enum report_kind k)
{
	return (unsigned)k < REPORT_KIND_COUNT ? options[k] : "?";
}

const char *
report_status_name(enum report_status s)
{
	switch (s) {
	case STATUS_MET:
		return "met";
	case STATUS_LATE:
		return "late";
	case STATUS_MISSING:
		return "missing";
	default:
		return "pending";
	}
}

int
incident_check(const struct incident_times *in, char *err, size_t errlen)
{
	int k;

	for (k = 0; k < REPORT_KIND_COUNT; k++) {
		if (in->has[k] && in->at[k].t < in->aware.t) {
			snprintf(err, errlen, "%s is before --aware",
			    options[k]);
			return -1;
		}
	}
	if (in->has_handled && in->handled.t < in->aware.t) {
		snprintf(err, errlen, "--handled is before --aware");
		return -1;
	}
	return 0;
}

static void
settle(struct report_deadline *r, const struct incident_times *in)
{
	r->submitted = in->has[r->kind];
	if (r->submitted) {
		r->submitted_t = in->at[r->kind].t;
		r->submitted_style = &in->at[r->kind];
	}
	if (!r->has_due)
		r->status = r->submitted ? STATUS_MET : STATUS_PENDING;
	else if (r->submitted && r->submitted_t <= r->due)
		r->status = STATUS_MET;
	else if (r->submitted) {
		r->status = STATUS_LATE;
		r->late_by = r->submitted_t - r->due;
	} else
		r->status = in->now > r->due ? STATUS_MISSING : STATUS_PENDING;
}

static struct report_deadline *
add(struct deadline_result *out, enum report_kind k, enum basis_id b)
{
	struct report_deadline *r = &out->r[out->n++];

	memset(r, 0, sizeof(*r));
	r->kind = k;
	r->basis = b;
	return r;
}

void
incident_deadlines(const struct incident_times *in, struct deadline_result *out)
{
	const struct caltime *base_style;
	struct report_deadline *r;
	int64_t base, month;
	size_t i;

	memset(out, 0, sizeof(*out));
	r = add(out, REPORT_EARLY_WARNING, BASIS_S13_EARLY);
	r->has_due = true;
	r->due = in->aware.t + 24 * HOUR;
	r->style = &in->aware;
	snprintf(r->note, sizeof(r->note), "24 hours after becoming aware");

	r = add(out, REPORT_NOTIFICATION, BASIS_S13_NOTIFICATION);
	r->has_due = true;
	r->due = in->aware.t + 72 * HOUR;
	r->style = &in->aware;
	snprintf(r->note, sizeof(r->note), "72 hours after becoming aware");

	/* The month runs from the notification as submitted, else from its
	 * deadline. */
	if (in->has[REPORT_NOTIFICATION]) {
		base = in->at[REPORT_NOTIFICATION].t;
		base_style = &in->at[REPORT_NOTIFICATION];
	} else {
		base = r->due;
		base_style = &in->aware;
	}
	month = caltime_add_month(base, base_style);
	out->ongoing = (in->has_handled && in->handled.t > month) ||
	    (!in->has_handled && in->has[REPORT_PROGRESS]);

	if (out->ongoing) {
		r = add(out, REPORT_PROGRESS, BASIS_S13_PROGRESS);
		r->has_due = true;
		r->due = month;
		r->style = base_style;
		snprintf(r->note, sizeof(r->note), "one month after the "
		    "notification%s; the incident was still ongoing then",
		    in->has[REPORT_NOTIFICATION] ? "" :
		    " (its deadline: none was submitted)");
		r = add(out, REPORT_FINAL, BASIS_S13_PROGRESS);
		if (in->has_handled) {
			r->has_due = true;
			r->due = caltime_add_month(in->handled.t, &in->handled);
			r->style = &in->handled;
			snprintf(r->note, sizeof(r->note),
			    "one month after the incident was handled");
		} else {
			r->style = base_style;
			snprintf(r->note, sizeof(r->note), "one month after "
			    "the incident is handled (--handled not given)");
		}
	} else {
		r = add(out, REPORT_FINAL, BASIS_S13_FINAL);
		r->has_due = true;
		r->due = month;
		r->style = base_style;
		snprintf(r->note, sizeof(r->note), "one month after the "
		    "notification%s", in->has[REPORT_NOTIFICATION] ? "" :
		    " (its deadline: none was submitted)");
	}
	for (i = 0; i < out->n; i++) {
		settle(&out->r[i], in);
		if (out->r[i].status == STATUS_LATE ||
		    out->r[i].status == STATUS_MISSING)
			out->any_overdue = true;
	}
}
