# tilsyn-case: what the law refuses against important entities, public
# administration and entities outside the act.
@include case.tt
# A case is referred to the police once (§ 32).
@define refer-once
@use refer NOW=${NOW} CASE=${CASE} GROUNDS=${GROUNDS} STEP=${STEP} FINE=${FINE}
$ tilsyn-case --now "$NOW" --actor anna refer "$CASE" --grounds "$AGAIN"
! tilsyn-case: refer '${NEXT}': the case is already referred to the police
? 2
@end
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
# annex 1, medium: important (§ 5)
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 35792465 --name 'Vandværk Midt' --sector drinking-water --employees 100 --turnover 20000000 --balance 15000000
> 35792465 important
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 35792465 --basis routine --subject 'Tilsyn 2026'
! tilsyn-case: case open '35792465': routine supervision of an important entity is not allowed; use --basis indication and state the indication (§ 24)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 35792465 --basis indication --subject 'Tilsyn 2026'
! tilsyn-case: case open '35792465': --basis indication needs --indication stating it (§ 24)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 35792465 --basis indication --indication 'hændelse anmeldt 2026-02-20' --subject 'Hændelse i SCADA-net'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind access --purpose 'x' --specification 'y' --format ' ' --deadline 2026-03-20
! tilsyn-case: request 'NIS-2026-0001/1': --format is required (§ 24)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure remedy-order --grounds 'g' --deadline 2026-03-20
! tilsyn-case: hearing 'NIS-2026-0001/1': remedy-order is only available against essential entities, and the entity is important (§ 25)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure tilsynsansvarlig --grounds 'g' --deadline 2026-03-20
! tilsyn-case: hearing 'NIS-2026-0001/1': monitoring-officer is only available against essential entities, and the entity is important (§ 25)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure suspension --grounds 'g' --deadline 2026-03-20
! tilsyn-case: hearing 'NIS-2026-0001/1': suspension is only available against essential entities (§ 23)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna decide NIS-2026-0001 --measure afhjælpningspåbud --grounds 'g' --deadline 2026-03-20
! tilsyn-case: decide 'NIS-2026-0001/1': remedy-order is only available against essential entities, and the entity is important (§ 25)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds 'manglende logning (§ 6, stk. 2, nr. 2)' --deadline 2026-03-20
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-21 --actor anna decide NIS-2026-0001 --measure order --grounds 'g'
! tilsyn-case: decide 'NIS-2026-0001/2': no hearing on order in the case; the entity must be heard first (forvaltningsloven § 19)
? 1
$ tilsyn-case --now 2026-03-21 --actor anna decide NIS-2026-0001 --measure warning --grounds 'manglende logning (§ 6, stk. 2, nr. 2)'
> NIS-2026-0001/2
? 0
@use refer-once NOW=2026-03-22 CASE=NIS-2026-0001 GROUNDS='overtrædelse af § 6' STEP=NIS-2026-0001/3 FINE='EUR 7 000 000 (§ 32 (directive art. 34(5)))' AGAIN=igen NEXT=NIS-2026-0001/4
$ tilsyn-case --now 2026-03-22 --actor anna refer NIS-2026-0002 --grounds 'x'
! tilsyn-case: refer 'NIS-2026-0002': no such case
? 2
# public administration (state body): essential, but no suspension (§ 23)
@use no-suspension CVR=11223346 NAME='Styrelsen for Eksempler' SECTOR=public-administration SUBJECT='Tilsyn 2026' CASE=NIS-2026-0002
# essential, not public administration: suspension needs a breached decision
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 44556677 --name 'Elnet Øst A/S' --sector energy --employees 400
> 44556677 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 44556677 --basis indication --indication 'scanning viste SSLv3' --subject 'SSLv3 på kundeportal'
> NIS-2026-0003
? 0
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0003 --measure suspension --grounds 'g' --deadline 2026-03-20
! tilsyn-case: hearing 'NIS-2026-0003/1': suspension needs an earlier decision whose deadline was breached (§ 23)
? 1
@use hear-decide CASE=NIS-2026-0003 MEASURE=order HEARD=2026-03-02 GROUNDS='SSLv3 skal slås fra' ANSWER=2026-03-16 N=1 DECIDED=2026-03-17 DECISION='SSLv3 skal slås fra' DEADLINE=2026-03-31 NEXT=2
$ tilsyn-case --now 2026-03-31 --actor anna breach NIS-2026-0003 2 --date 2026-03-31
! tilsyn-case: breach 'NIS-2026-0003/2': --date '2026-03-31' must be after the deadline 2026-03-31
? 2
$ tilsyn-case --now 2026-04-01 --actor anna breach NIS-2026-0003 2 --date 2026-04-01
> NIS-2026-0003/3
? 0
$ tilsyn-case --now 2026-04-01 --actor anna hearing NIS-2026-0003 --measure suspension --grounds 'påbud af 17. marts er ikke efterkommet' --deadline 2026-04-15 --suspend certification
> NIS-2026-0003/4
? 0
$ tilsyn-case --now 2026-04-01 --actor anna hearing NIS-2026-0003 --measure monitoring-officer --grounds 'g' --deadline 2026-04-15
> NIS-2026-0003/5
? 0
@use refer-once NOW=2026-04-02 CASE=NIS-2026-0003 GROUNDS='påbud ikke efterkommet' STEP=NIS-2026-0003/6 FINE='at least EUR 10 000 000; turnover unknown, give --turnover (§ 32 (directive art. 34(4)))' AGAIN=x NEXT=NIS-2026-0003/7
# not covered: small, and outside the annexes' size rules
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 55667780 --name 'Lille Bageri ApS' --sector food --employees 5 --turnover 1000000 --balance 500000
> 55667780 not-covered
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 55667780 --basis indication --indication 'tip' --subject 'x'
! tilsyn-case: case open '55667780': the entity is not covered by the act (§ 1, stk. 1)
? 1
$ tilsyn-case entity list --class important
> 35792465  important    Vandværk Midt
? 0
$ tilsyn-case --now 2026-04-02 due
> due      2026-04-15  NIS-2026-0003/4  response to the hearing  Elnet Øst A/S (in 13 days)
> due      2026-04-15  NIS-2026-0003/5  response to the hearing  Elnet Øst A/S (in 13 days)
? 0
