# tilsyn-case: self-incrimination (retssikkerhedsloven § 10) and § 23
# (issue 11).  From a suspicion (suspect) or a referral on, every
# compulsory measure is refused or, with --voluntary, recorded with the
# notice that there is no duty to answer; the referral records the
# notices given.  Commands share one directory; --now fixes "today".
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --turnover 800000000
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0001
? 0
# Before any suspicion a request is compulsory, and --voluntary means nothing.
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-16 --voluntary
! tilsyn-case: request 'NIS-2026-0001/1': --voluntary is for measures after a suspicion (suspect) or a referral to the police
? 2
$ tilsyn-case --now 2026-03-02 --actor anna inspect NIS-2026-0001 --kind onsite --date 2026-03-02 --summary 'inspektion på stedet'
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-03 --actor anna suspect NIS-2026-0001 --grounds ' '
! tilsyn-case: suspect: --grounds is required (retssikkerhedsloven § 10)
? 2
$ tilsyn-case --now 2026-03-03 --actor anna suspect NIS-2026-0001 --grounds 'logdata slettet efter hændelsen'
> NIS-2026-0001/2
> offence suspected: compulsory measures now need --voluntary (retssikkerhedsloven § 10)
? 0
$ tilsyn-case --now 2026-03-03 --actor anna suspect NIS-2026-0001 --grounds 'igen'
! tilsyn-case: suspect 'NIS-2026-0001/3': the suspicion is already recorded
? 2
$ tilsyn-case case show NIS-2026-0001 | grep '^suspect:'
> suspect:  offence suspected since step 2 (2026-03-03); compulsory measures need --voluntary (retssikkerhedsloven § 10)
? 0
# From the suspicion on: every kind of request is refused ...
$ tilsyn-case --now 2026-03-04 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-16
! tilsyn-case: request 'NIS-2026-0001/3': an offence is suspected (step 2) and the entity need not incriminate itself; the request may go out only with --voluntary, which tells the entity it has no duty to answer (retssikkerhedsloven § 10)
? 1
$ tilsyn-case --now 2026-03-04 --actor anna request NIS-2026-0001 --kind access --purpose p --specification s --format PDF --deadline 2026-03-16
! tilsyn-case: request 'NIS-2026-0001/3': an offence is suspected (step 2) and the entity need not incriminate itself; the request may go out only with --voluntary, which tells the entity it has no duty to answer (retssikkerhedsloven § 10)
? 1
# ... or sent as a voluntary one, with the notice recorded.
$ tilsyn-case --now 2026-03-04 --actor anna request NIS-2026-0001 --kind documentation --purpose p --specification s --format PDF --deadline 2026-03-16 --voluntary
> NIS-2026-0001/3
? 0
# On-site inspections and audits need the entity's cooperation.
$ tilsyn-case --now 2026-03-04 --actor anna inspect NIS-2026-0001 --kind onsite
! tilsyn-case: inspect 'NIS-2026-0001/4': an offence is suspected (step 2) and the entity need not incriminate itself; an inspection of kind onsite may go out only with --voluntary, which tells the entity it has no duty to answer (retssikkerhedsloven § 10)
? 1
$ tilsyn-case --now 2026-03-04 --actor anna inspect NIS-2026-0001 --kind audit
! tilsyn-case: inspect 'NIS-2026-0001/4': an offence is suspected (step 2) and the entity need not incriminate itself; an inspection of kind audit may go out only with --voluntary, which tells the entity it has no duty to answer (retssikkerhedsloven § 10)
? 1
$ tilsyn-case --now 2026-03-04 --actor anna inspect NIS-2026-0001 --kind independent-audit
! tilsyn-case: inspect 'NIS-2026-0001/4': an offence is suspected (step 2) and the entity need not incriminate itself; an inspection of kind independent-audit may go out only with --voluntary, which tells the entity it has no duty to answer (retssikkerhedsloven § 10)
? 1
$ tilsyn-case --now 2026-03-04 --actor anna inspect NIS-2026-0001 --kind independent-audit --voluntary
> NIS-2026-0001/4
? 0
# An audit held before the suspicion is recorded as it was.
$ tilsyn-case --now 2026-03-04 --actor anna inspect NIS-2026-0001 --kind audit --date 2026-03-02
> NIS-2026-0001/5
? 0
# A scan or offsite supervision needs no consent.
$ tilsyn-case --now 2026-03-04 --actor anna inspect NIS-2026-0001 --kind scan --voluntary
! tilsyn-case: inspect 'NIS-2026-0001/6': --voluntary is for on-site inspections and audits; a scan inspection needs no consent
? 2
$ tilsyn-case --now 2026-03-04 --actor anna inspect NIS-2026-0001 --kind scan
> NIS-2026-0001/6
? 0
# An order to implement an audit's recommendations makes the entity produce material.
$ tilsyn-case --now 2026-03-04 --actor anna hearing NIS-2026-0001 --measure implement-audit --grounds 'auditrapportens anbefalinger' --deadline 2026-03-18
> NIS-2026-0001/7
? 0
$ tilsyn-case --now 2026-03-19 --actor anna decide NIS-2026-0001 --measure implement-audit --grounds 'auditrapportens anbefalinger' --deadline 2026-04-30
! tilsyn-case: decide 'NIS-2026-0001/8': an offence is suspected (step 2) and the entity need not incriminate itself; the decision may go out only with --voluntary, which tells the entity it has no duty to answer (retssikkerhedsloven § 10)
? 1
$ tilsyn-case --now 2026-03-19 --actor anna decide NIS-2026-0001 --measure implement-audit --grounds 'auditrapportens anbefalinger' --deadline 2026-04-30 --voluntary
> NIS-2026-0001/8
? 0
$ tilsyn-case --now 2026-03-19 --actor anna hearing NIS-2026-0001 --measure warning --grounds 'g' --deadline 2026-04-08
> NIS-2026-0001/9
? 0
$ tilsyn-case --now 2026-04-09 --actor anna decide NIS-2026-0001 --measure warning --grounds 'g' --voluntary
! tilsyn-case: decide 'NIS-2026-0001/10': --voluntary is for decisions that make the entity produce material (binding-instruction, implement-audit)
? 2
# The referral records the notices actually given (steps 3, 4 and 8)
# and the suspicion they followed.
$ tilsyn-case --now 2026-04-09 --actor anna -o json refer NIS-2026-0001 --grounds 'logdata slettet'
> {
>   "basis": "§ 32",
>   "class": "essential",
>   "fine_basis": "§ 32 (directive art. 34(4))",
>   "grounds": "logdata slettet",
>   "id": "NIS-2026-0001/10",
>   "kind": "referral",
>   "max_fine_eur": 16000000,
>   "noticed_steps": [
>     3,
>     4,
>     8
>   ],
>   "self_incrimination": "retssikkerhedsloven § 10",
>   "suspicion": 2,
>   "turnover_eur": 800000000
> }
? 0
$ tilsyn-case --now 2026-04-09 --actor anna suspect NIS-2026-0001 --grounds 'igen'
! tilsyn-case: suspect 'NIS-2026-0001/11': the suspicion is already recorded
? 2
$ tilsyn-case log NIS-2026-0001 | sed -n '4,7p' | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/"
> 6  TIME  anna  request  {"as_of":"2026-03-04T11:00:00Z","data":{"basis":"§ 21","format":"PDF","kind":"documentation","notice":"ingen pligt til at svare eller udlevere materiale (retssikkerhedsloven § 10)","purpose":"p","specification":"s","voluntary":true},"date":"2026-03-04","deadline":"2026-03-16","kind":"request","step":3}
> 7  TIME  anna  inspection  {"as_of":"2026-03-04T11:00:00Z","data":{"evidence":[],"kind":"independent-audit","notice":"ingen pligt til at svare eller udlevere materiale (retssikkerhedsloven § 10)","power":"§ 21","voluntary":true},"date":"2026-03-04","kind":"inspection","step":4}
> 8  TIME  anna  inspection  {"as_of":"2026-03-04T11:00:00Z","data":{"evidence":[],"kind":"audit","power":"§ 21"},"date":"2026-03-02","kind":"inspection","step":5}
> 9  TIME  anna  inspection  {"as_of":"2026-03-04T11:00:00Z","data":{"evidence":[],"kind":"scan","power":"§ 21"},"date":"2026-03-04","kind":"inspection","step":6}
? 0
$ tilsyn-case verify | sed -E "s/head [0-9a-f]{64}/head HEAD/"
> journal intact: 13 events, head HEAD
? 0
# A second case: after the referral, an on-site inspection is refused too.
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Opfølgning'
> NIS-2026-0002
? 0
$ tilsyn-case --now 2026-03-02 --actor anna refer NIS-2026-0002 --grounds 'påbud ikke efterkommet'
> NIS-2026-0002/1
> maximum fine: EUR 16 000 000 (§ 32 (directive art. 34(4)))
> criminal fine in view: compulsory measures now need --voluntary (retssikkerhedsloven § 10)
? 0
$ tilsyn-case --now 2026-03-03 --actor anna inspect NIS-2026-0002 --kind onsite
! tilsyn-case: inspect 'NIS-2026-0002/2': the case is referred to the police (step 1) and the entity need not incriminate itself; an inspection of kind onsite may go out only with --voluntary, which tells the entity it has no duty to answer (retssikkerhedsloven § 10)
? 1
$ tilsyn-case --now 2026-03-03 --actor anna inspect NIS-2026-0002 --kind onsite --voluntary --summary 'med samtykke'
> NIS-2026-0002/2
? 0
# verify catches a notice edited out of a step (the guard put back).
$ cp tilsyn.db edited.db && T=$(sqlite3 edited.db "SELECT sql FROM sqlite_schema WHERE name = 'steps_no_update'") && sqlite3 edited.db "DROP TRIGGER steps_no_update; UPDATE steps SET data = replace(data, '\"voluntary\":true', '\"voluntary\":false') WHERE case_id = 'NIS-2026-0001' AND n = 3; $T;"
? 0
$ tilsyn-case --db edited.db verify
> journal broken at event 6: step NIS-2026-0001/3 differs from event 6 that recorded it
? 1
