# Past events carry their own date (--received, --date), checked: not in
# the future, not before the case was opened or the step it answers or
# settles, never before the act entered into force on 2025-07-01 (§ 33,
# stk. 1); no case is opened before that day (NIS-1970-0001).  An incident
# notification may predate its case, which is often opened on it.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300
> 24680134 essential
? 0
$ tilsyn-case --now 1970-01-02 --actor anna case open --cvr 24680134 --basis routine --subject Tilsyn
! tilsyn-case: case open '24680134': today (1970-01-02) is before the act entered into force on 2025-07-01; no case is opened under it before (is the clock right?) (§ 33, stk. 1)
? 2
$ tilsyn-case --now 2025-06-30 --actor anna case open --cvr 24680134 --basis routine --subject Tilsyn
! tilsyn-case: case open '24680134': today (2025-06-30) is before the act entered into force on 2025-07-01; no case is opened under it before (is the clock right?) (§ 33, stk. 1)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject Tilsyn
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-04 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-18
> NIS-2026-0001/1
? 0
# a response dated before the request it answers
$ tilsyn-case --now 2026-03-05 --actor anna respond NIS-2026-0001 1 --received 2026-03-03
! tilsyn-case: respond 'NIS-2026-0001/1': --received '2026-03-03' is before step 1 was sent (2026-03-04)
? 2
# a date in 2024, before the act
$ tilsyn-case --now 2026-03-05 --actor anna respond NIS-2026-0001 1 --received 2024-06-01
! tilsyn-case: respond 'NIS-2026-0001/1': --received '2024-06-01' is before the act entered into force on 2025-07-01 (§ 33, stk. 1)
? 2
$ tilsyn-case --now 2026-03-05 --actor anna respond NIS-2026-0001 1 --received 2026-03-06
! tilsyn-case: respond 'NIS-2026-0001/1': --received '2026-03-06' is in the future
? 2
# an inspection dated before its case, or before the act
$ tilsyn-case --now 2026-03-05 --actor anna inspect NIS-2026-0001 --kind onsite --date 2026-03-01
! tilsyn-case: inspect 'NIS-2026-0001/2': --date '2026-03-01' is before the case was opened (2026-03-02)
? 2
$ tilsyn-case --now 2026-03-05 --actor anna inspect NIS-2026-0001 --kind onsite --date 2025-06-30
! tilsyn-case: inspect 'NIS-2026-0001/2': --date '2025-06-30' is before the act entered into force on 2025-07-01 (§ 33, stk. 1)
? 2
$ tilsyn-case --now 2026-03-05 --actor anna incident NIS-2026-0001 --received 2025-06-30 --summary 'DDoS-angreb'
! tilsyn-case: incident 'NIS-2026-0001/2': --received '2025-06-30' is before the act entered into force on 2025-07-01 (§ 33, stk. 1)
? 2
$ tilsyn-case --now 2026-03-05 --actor anna incident NIS-2026-0001 --received 2026-02-20 --summary 'DDoS-angreb'
> NIS-2026-0001/2
? 0
$ tilsyn-case --now 2026-03-05 --actor anna inspect NIS-2026-0001 --kind onsite --date 2026-03-02
> NIS-2026-0001/3
? 0
$ tilsyn-case --now 2026-03-05 --actor anna respond NIS-2026-0001 1 --received 2026-03-04
> NIS-2026-0001/4
? 0
# compliance and breach: not before the decision, nor before the act
$ tilsyn-case --now 2026-03-05 --actor anna hearing NIS-2026-0001 --measure påbud --grounds g --deadline 2026-03-19
> NIS-2026-0001/5
? 0
$ tilsyn-case --now 2026-03-20 --actor anna decide NIS-2026-0001 --measure påbud --grounds g --deadline 2026-04-30
> NIS-2026-0001/6
? 0
$ tilsyn-case --now 2026-03-21 --actor anna comply NIS-2026-0001 6 --date 2025-01-31
! tilsyn-case: comply 'NIS-2026-0001/6': --date '2025-01-31' is before the act entered into force on 2025-07-01 (§ 33, stk. 1)
? 2
$ tilsyn-case --now 2026-03-21 --actor anna comply NIS-2026-0001 6 --date 2026-03-19
! tilsyn-case: comply 'NIS-2026-0001/6': --date '2026-03-19' is before the decision (2026-03-20)
? 2
$ tilsyn-case --now 2026-03-21 --actor anna comply NIS-2026-0001 6 --date 2026-03-22
! tilsyn-case: comply 'NIS-2026-0001/6': --date '2026-03-22' is in the future
? 2
$ tilsyn-case --now 2026-03-21 --actor anna comply NIS-2026-0001 6 --date 2026-03-21
> NIS-2026-0001/7
? 0
$ tilsyn-case case show NIS-2026-0001 | sed -n '/^steps:/,$p'
> steps:
>     1  2026-03-04  request information, deadline 2026-03-18
>     2  2026-02-20  incident
>     3  2026-03-02  inspection onsite
>     4  2026-03-04  response (to step 1)
>     5  2026-03-05  hearing order, deadline 2026-03-19
>     6  2026-03-20  decision order (to step 5), deadline 2026-04-30
>     7  2026-03-21  compliance (to step 6)
? 0
