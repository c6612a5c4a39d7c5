# tilsyn-deadline golden tests (§ 13).
# Spring DST crossing: 24 h and 72 h are elapsed hours, printed in summer time.
$ tilsyn-deadline --aware 2025-03-29T12:00 --early-warning 2025-03-30T12:30 --notification 2025-03-31T10:00 --final-report 2025-04-30T10:00 --now 2025-05-10T00:00
> aware: 2025-03-29T12:00:00+01:00
> now: 2025-05-10T00:00:00+02:00
> early-warning: met
>   due: 2025-03-30T13:00:00+02:00 (24 hours after becoming aware; § 13)
>   submitted: 2025-03-30T12:30:00+02:00
> notification: met
>   due: 2025-04-01T13:00:00+02:00 (72 hours after becoming aware; § 13)
>   submitted: 2025-03-31T10:00:00+02:00
> final-report: met
>   due: 2025-04-30T10:00:00+02:00 (one month after the notification; § 13 (directive art. 23(4)(d)))
>   submitted: 2025-04-30T10:00:00+02:00
? 0

# Autumn DST crossing, late early warning (by 30 min), JSON.
$ tilsyn-deadline --aware 2025-10-25T09:00 --early-warning 2025-10-26T08:30 --notification 2025-10-27T12:00 --now 2025-10-28T00:00 -o json
> {"aware":"2025-10-25T09:00:00+02:00","now":"2025-10-28T00:00:00+01:00","ongoing":false,"reports":[{"report":"early-warning","due":"2025-10-26T08:00:00+01:00","due_utc":"2025-10-26T07:00:00Z","submitted":"2025-10-26T08:30:00+01:00","status":"late","late_by_seconds":1800,"basis":"§ 13","rule":"24 hours after becoming aware"},{"report":"notification","due":"2025-10-28T08:00:00+01:00","due_utc":"2025-10-28T07:00:00Z","submitted":"2025-10-27T12:00:00+01:00","status":"met","late_by_seconds":null,"basis":"§ 13","rule":"72 hours after becoming aware"},{"report":"final-report","due":"2025-11-27T12:00:00+01:00","due_utc":"2025-11-27T11:00:00Z","submitted":null,"status":"pending","late_by_seconds":null,"basis":"§ 13 (directive art. 23(4)(d))","rule":"one month after the notification"}]}
? 1

# Notification on the 31st: the final report is due on the last day of the
# next month (28 February; 29 February in a leap year).
$ tilsyn-deadline --aware 2025-01-28T10:00Z --early-warning 2025-01-29T09:00Z --notification 2025-01-31T09:00:00Z --now 2025-02-01T00:00Z -o json
> {"aware":"2025-01-28T10:00:00Z","now":"2025-02-01T00:00:00Z","ongoing":false,"reports":[{"report":"early-warning","due":"2025-01-29T10:00:00Z","due_utc":"2025-01-29T10:00:00Z","submitted":"2025-01-29T09:00:00Z","status":"met","late_by_seconds":null,"basis":"§ 13","rule":"24 hours after becoming aware"},{"report":"notification","due":"2025-01-31T10:00:00Z","due_utc":"2025-01-31T10:00:00Z","submitted":"2025-01-31T09:00:00Z","status":"met","late_by_seconds":null,"basis":"§ 13","rule":"72 hours after becoming aware"},{"report":"final-report","due":"2025-02-28T09:00:00Z","due_utc":"2025-02-28T09:00:00Z","submitted":null,"status":"pending","late_by_seconds":null,"basis":"§ 13 (directive art. 23(4)(d))","rule":"one month after the notification"}]}
? 0

$ tilsyn-deadline --aware 2028-01-29T08:00+01:00 --early-warning 2028-01-29T20:00+01:00 --notification 2028-01-31T23:30+01:00 --final-report 2028-03-01T00:00+01:00 --now 2028-03-02T00:00+01:00
> aware: 2028-01-29T08:00:00+01:00
> now: 2028-03-02T00:00:00+01:00
> early-warning: met
>   due: 2028-01-30T08:00:00+01:00 (24 hours after becoming aware; § 13)
>   submitted: 2028-01-29T20:00:00+01:00
> notification: met
>   due: 2028-02-01T08:00:00+01:00 (72 hours after becoming aware; § 13)
>   submitted: 2028-01-31T23:30:00+01:00
> final-report: late by 30 min
>   due: 2028-02-29T23:30:00+01:00 (one month after the notification; § 13 (directive art. 23(4)(d)))
>   submitted: 2028-03-01T00:00:00+01:00
? 1

# A month in Copenhagen time across the DST change keeps the wall clock:
# notified 31 March 15:00 CEST, final report due 30 April 15:00 CEST.
$ tilsyn-deadline --aware 2025-03-28T16:00 --early-warning 2025-03-29T10:00 --notification 2025-03-31T15:00 --now 2025-04-01T00:00 -o json
> {"aware":"2025-03-28T16:00:00+01:00","now":"2025-04-01T00:00:00+02:00","ongoing":false,"reports":[{"report":"early-warning","due":"2025-03-29T16:00:00+01:00","due_utc":"2025-03-29T15:00:00Z","submitted":"2025-03-29T10:00:00+01:00","status":"met","late_by_seconds":null,"basis":"§ 13","rule":"24 hours after becoming aware"},{"report":"notification","due":"2025-03-31T17:00:00+02:00","due_utc":"2025-03-31T15:00:00Z","submitted":"2025-03-31T15:00:00+02:00","status":"met","late_by_seconds":null,"basis":"§ 13","rule":"72 hours after becoming aware"},{"report":"final-report","due":"2025-04-30T15:00:00+02:00","due_utc":"2025-04-30T13:00:00Z","submitted":null,"status":"pending","late_by_seconds":null,"basis":"§ 13 (directive art. 23(4)(d))","rule":"one month after the notification"}]}
? 0

# Ongoing incident: handled after the month -> progress report then, final
# report one month after handling.
$ tilsyn-deadline --aware 2025-05-01T08:00Z --early-warning 2025-05-01T20:00Z --notification 2025-05-03T08:00Z --progress-report 2025-06-03T08:00Z --handled 2025-06-20T12:00Z --final-report 2025-07-25T12:00Z --now 2025-08-01T00:00Z -o json
> {"aware":"2025-05-01T08:00:00Z","now":"2025-08-01T00:00:00Z","ongoing":true,"reports":[{"report":"early-warning","due":"2025-05-02T08:00:00Z","due_utc":"2025-05-02T08:00:00Z","submitted":"2025-05-01T20:00:00Z","status":"met","late_by_seconds":null,"basis":"§ 13","rule":"24 hours after becoming aware"},{"report":"notification","due":"2025-05-04T08:00:00Z","due_utc":"2025-05-04T08:00:00Z","submitted":"2025-05-03T08:00:00Z","status":"met","late_by_seconds":null,"basis":"§ 13","rule":"72 hours after becoming aware"},{"report":"progress-report","due":"2025-06-03T08:00:00Z","due_utc":"2025-06-03T08:00:00Z","submitted":"2025-06-03T08:00:00Z","status":"met","late_by_seconds":null,"basis":"§ 13 (directive art. 23(4)(e))","rule":"one month after the notification; the incident was still ongoing then"},{"report":"final-report","due":"2025-07-20T12:00:00Z","due_utc":"2025-07-20T12:00:00Z","submitted":"2025-07-25T12:00:00Z","status":"late","late_by_seconds":432000,"basis":"§ 13 (directive art. 23(4)(e))","rule":"one month after the incident was handled"}]}
? 1

# Ongoing, not yet handled: the final report's due time is not known yet.
$ tilsyn-deadline --aware 2025-05-01T08:00Z --early-warning 2025-05-01T20:00Z --notification 2025-05-03T08:00Z --progress-report 2025-06-02T08:00Z --now 2025-06-10T00:00Z
> aware: 2025-05-01T08:00:00Z
> now: 2025-06-10T00:00:00Z
> the incident was still ongoing one month after the notification: progress report, then final report
> early-warning: met
>   due: 2025-05-02T08:00:00Z (24 hours after becoming aware; § 13)
>   submitted: 2025-05-01T20:00:00Z
> notification: met
>   due: 2025-05-04T08:00:00Z (72 hours after becoming aware; § 13)
>   submitted: 2025-05-03T08:00:00Z
> progress-report: met
>   due: 2025-06-03T08:00:00Z (one month after the notification; the incident was still ongoing then; § 13 (directive art. 23(4)(e)))
>   submitted: 2025-06-02T08:00:00Z
> final-report: pending
>   due: not yet known (one month after the incident is handled (--handled not given); § 13 (directive art. 23(4)(e)))
? 0

# Nothing submitted: missing once due, pending before.
$ tilsyn-deadline --aware 2025-09-01T08:00Z --now 2025-09-03T08:00Z -o json
> {"aware":"2025-09-01T08:00:00Z","now":"2025-09-03T08:00:00Z","ongoing":false,"reports":[{"report":"early-warning","due":"2025-09-02T08:00:00Z","due_utc":"2025-09-02T08:00:00Z","submitted":null,"status":"missing","late_by_seconds":null,"basis":"§ 13","rule":"24 hours after becoming aware"},{"report":"notification","due":"2025-09-04T08:00:00Z","due_utc":"2025-09-04T08:00:00Z","submitted":null,"status":"pending","late_by_seconds":null,"basis":"§ 13","rule":"72 hours after becoming aware"},{"report":"final-report","due":"2025-10-04T08:00:00Z","due_utc":"2025-10-04T08:00:00Z","submitted":null,"status":"pending","late_by_seconds":null,"basis":"§ 13 (directive art. 23(4)(d))","rule":"one month after the notification (its deadline: none was submitted)"}]}
? 1

# Bad input.
$ tilsyn-deadline --early-warning 2025-01-01T00:00Z
! tilsyn-deadline: --aware is required (when the entity became aware of the incident)
? 2

$ tilsyn-deadline --aware 2025-13-01T00:00Z
! tilsyn-deadline: --aware: '2025-13-01T00:00Z' is not an ISO 8601 time (YYYY-MM-DDTHH:MM[:SS] with Z, +HH:MM or nothing for Copenhagen time)
? 2

$ tilsyn-deadline --aware 2025-02-29T10:00
! tilsyn-deadline: --aware: '2025-02-29T10:00' is not an ISO 8601 time (YYYY-MM-DDTHH:MM[:SS] with Z, +HH:MM or nothing for Copenhagen time)
? 2

$ tilsyn-deadline --aware yesterday
! tilsyn-deadline: --aware: 'yesterday' is not an ISO 8601 time (YYYY-MM-DDTHH:MM[:SS] with Z, +HH:MM or nothing for Copenhagen time)
? 2

$ tilsyn-deadline --aware 2025-03-30T02:30
! tilsyn-deadline: --aware: '2025-03-30T02:30' does not exist in Europe/Copenhagen (clocks skip that hour in spring)
? 2

$ tilsyn-deadline --aware 2025-10-26T02:30
! tilsyn-deadline: --aware: '2025-10-26T02:30' occurs twice in Europe/Copenhagen (end of summer time): add +02:00 or +01:00
? 2

$ tilsyn-deadline --aware 2025-10-26T02:30+02:00 --now 2025-10-26T03:00+01:00
> aware: 2025-10-26T02:30:00+02:00
> now: 2025-10-26T04:00:00+02:00
> early-warning: pending
>   due: 2025-10-27T02:30:00+02:00 (24 hours after becoming aware; § 13)
> notification: pending
>   due: 2025-10-29T02:30:00+02:00 (72 hours after becoming aware; § 13)
> final-report: pending
>   due: 2025-11-29T02:30:00+02:00 (one month after the notification (its deadline: none was submitted); § 13 (directive art. 23(4)(d)))
? 0

$ tilsyn-deadline --aware 2025-05-01T08:00Z --notification 2025-04-30T08:00Z
! tilsyn-deadline: --notification is before --aware
? 2

$ tilsyn-deadline --aware 2025-05-01T08:00Z --handled 2025-04-30T08:00Z
! tilsyn-deadline: --handled is before --aware
? 2

$ tilsyn-deadline --aware 2025-05-01T08:00Z -o yaml
! tilsyn-deadline: -o 'yaml': must be text or json
? 2

$ tilsyn-deadline --version
> tilsyn-deadline 0.1.0
? 0

