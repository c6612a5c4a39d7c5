# Deadlines the case handler sets: on a Saturday, Sunday or holiday they
# move to the next working day (stored moved, the day given kept in the
# step's data as deadline_given, said on stderr, exported); more than two
# years ahead they are refused; a hearing under 14 days needs
# --short-period (forvaltningsloven § 19); a binding instruction's report
# is not due before its implementation.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject Tilsyn
> NIS-2026-0001
? 0
# Saturday 2026-03-21
$ tilsyn-case --now 2026-03-04 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-21
> NIS-2026-0001/1
! tilsyn-case: request 'NIS-2026-0001/1': --deadline '2026-03-21' falls on a Saturday: the deadline is the next working day, 2026-03-23
? 0
$ tilsyn-case --now 2026-03-04 --actor anna -o json request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-22
> {
>   "id": "NIS-2026-0001/2",
>   "kind": "request"
> }
! tilsyn-case: request 'NIS-2026-0001/2': --deadline '2026-03-22' falls on a Sunday: the deadline is the next working day, 2026-03-23
? 0
# a working day stays, and says nothing
$ tilsyn-case --now 2026-03-04 --actor anna request NIS-2026-0001 --kind documentation --purpose p --specification s --format PDF --deadline 2026-03-23
> NIS-2026-0001/3
? 0
# 9999-12-31, and the first day after two years
$ tilsyn-case --now 2026-03-04 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 9999-12-31
! tilsyn-case: request 'NIS-2026-0001/4': --deadline '9999-12-31' is more than 2 years ahead (after 2028-03-04)
? 2
$ tilsyn-case --now 2026-03-04 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2028-03-05
! tilsyn-case: request 'NIS-2026-0001/4': --deadline '2028-03-05' is more than 2 years ahead (after 2028-03-04)
? 2
$ tilsyn-case --now 2026-03-04 --actor anna hearing NIS-2026-0001 --measure påbud --grounds g --deadline 9999-12-31
! tilsyn-case: hearing 'NIS-2026-0001/4': --deadline '9999-12-31' is more than 2 years ahead (after 2028-03-04)
? 2
# a one-day hearing, refused; with a reason, recorded
$ tilsyn-case --now 2026-03-05 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds g --deadline 2026-03-06
! tilsyn-case: hearing 'NIS-2026-0001/4': the hearing gives the entity 1 day (until 2026-03-06), less than 14; give --short-period stating why (forvaltningsloven § 19)
? 1
$ tilsyn-case --now 2026-03-05 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds g --deadline 2026-03-06 --short-period $'\u200b'
! tilsyn-case: hearing: --short-period '​' has no visible character
? 2
$ tilsyn-case --now 2026-03-05 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds g --deadline 2026-03-06 --short-period 'akut risiko for forsyningen'
> NIS-2026-0001/4
? 0
# 13 days is short; 14 days is not, and takes no reason
$ tilsyn-case --now 2026-03-05 --actor anna hearing NIS-2026-0001 --measure forbud --grounds g --deadline 2026-03-18
! tilsyn-case: hearing 'NIS-2026-0001/5': the hearing gives the entity 13 days (until 2026-03-18), less than 14; give --short-period stating why (forvaltningsloven § 19)
? 1
$ tilsyn-case --now 2026-03-05 --actor anna hearing NIS-2026-0001 --measure forbud --grounds g --deadline 2026-03-19 --short-period x
! tilsyn-case: hearing 'NIS-2026-0001/5': --short-period is for a hearing period shorter than 14 days
? 2
$ tilsyn-case --now 2026-03-05 --actor anna decide NIS-2026-0001 --measure forbud --grounds g --short-period x
! tilsyn-case: decide: unknown option '--short-period' or it needs a value
? 2
# Skærtorsdag 2026-04-02: Thursday to Monday are holidays
$ tilsyn-case --now 2026-03-05 --actor anna hearing NIS-2026-0001 --measure bindende-instruks --grounds g --deadline 2026-04-02
> NIS-2026-0001/5
! tilsyn-case: hearing 'NIS-2026-0001/5': --deadline '2026-04-02' falls on skærtorsdag: the deadline is the next working day, 2026-04-07
? 0
$ tilsyn-case --now 2026-03-10 --actor bo respond NIS-2026-0001 5 --received 2026-03-10
> NIS-2026-0001/6
? 0
# the report on a binding instruction is not due before its implementation
$ tilsyn-case --now 2026-03-11 --actor anna decide NIS-2026-0001 --measure binding-instruction --grounds g --deadline 2026-04-30 --report-deadline 2026-04-29
! tilsyn-case: decide 'NIS-2026-0001/7': --report-deadline '2026-04-29' is before the implementation deadline '2026-04-30'; the entity reports on what it implemented (§ 22)
? 1
# Kristi himmelfartsdag and a Saturday: both move, both are said
$ tilsyn-case --now 2026-03-11 --actor anna decide NIS-2026-0001 --measure binding-instruction --grounds g --deadline 2026-05-14 --report-deadline 2026-05-16
> NIS-2026-0001/7
! tilsyn-case: decide 'NIS-2026-0001/7': --deadline '2026-05-14' falls on Kristi himmelfartsdag: the deadline is the next working day, 2026-05-15; --report-deadline '2026-05-16' falls on a Saturday: the deadline is the next working day, 2026-05-18
? 0
$ tilsyn-case --now 2026-03-11 due
> overdue  2026-03-06  NIS-2026-0001/4  response to the hearing  Nordkraft A/S (5 days overdue)
> due      2026-03-23  NIS-2026-0001/1  answer to the request  Nordkraft A/S (in 12 days)
> due      2026-03-23  NIS-2026-0001/2  answer to the request  Nordkraft A/S (in 12 days)
> due      2026-03-23  NIS-2026-0001/3  answer to the request  Nordkraft A/S (in 12 days)
> due      2026-05-15  NIS-2026-0001/7  compliance with the decision  Nordkraft A/S (in 65 days)
> due      2026-05-18  NIS-2026-0001/7  report on the decision  Nordkraft A/S (in 68 days)
? 1
# what was asked for is in the step's data, and so in the export
$ tilsyn-case -o json export NIS-2026-0001 | python3 -c 'import json,sys; [print(s["step"], s.get("deadline"), s.get("report_deadline"), *sorted(k + "=" + v for k, v in s["data"].items() if k.endswith("_given") or k == "short_period")) for s in json.load(sys.stdin)["steps"]]'
> 1 2026-03-23 None deadline_given=2026-03-21
> 2 2026-03-23 None deadline_given=2026-03-22
> 3 2026-03-23 None
> 4 2026-03-06 None short_period=akut risiko for forsyningen
> 5 2026-04-07 None deadline_given=2026-04-02
> 6 None None
> 7 2026-05-15 2026-05-18 deadline_given=2026-05-14 report_deadline_given=2026-05-16
? 0
$ tilsyn-case export NIS-2026-0001 | grep -E '<(deadline|report-deadline)-given>|<short-period>'
>       <deadline-given>2026-03-21</deadline-given>
>       <deadline-given>2026-03-22</deadline-given>
>       <short-period>akut risiko for forsyningen</short-period>
>       <deadline-given>2026-04-02</deadline-given>
>       <deadline-given>2026-05-14</deadline-given>
>       <report-deadline-given>2026-05-16</report-deadline-given>
? 0
$ tilsyn-case verify | cut -d' ' -f1,2
> journal intact:
? 0
