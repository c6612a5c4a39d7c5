# tilsyn-case: § 23 and decisions with deadlines (issue 11).  Only a
# breached binding instruction, order or remedy order opens a suspension;
# the suspension names its measure and lasts until compliance, which
# lifts it (a step, with a letter); a binding instruction's report is a
# step of its own and its deadline stays open after compliance;
# compliance after the deadline is recorded as late.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --turnover 800000000 --address 'Kraftvej 1, 7000 Fredericia'
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0001
? 0
# A warning with a deadline, breached: no ground for a suspension.
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure warning --grounds 'TLS 1.0' --deadline 2026-03-16
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-17 --actor anna decide NIS-2026-0001 --measure warning --grounds 'TLS 1.0' --deadline 2026-03-31
> NIS-2026-0001/2
? 0
$ tilsyn-case --now 2026-04-02 --actor anna breach NIS-2026-0001 2 --date 2026-04-01
> NIS-2026-0001/3
? 0
$ tilsyn-case --now 2026-04-02 --actor anna hearing NIS-2026-0001 --measure suspension --grounds 'advarslen er ikke efterlevet' --deadline 2026-04-16
! tilsyn-case: hearing 'NIS-2026-0001/4': suspension needs a breached binding instruction, order or remedy order; step 2 is a warning (§ 23)
? 1
# A binding instruction: its report cannot come before the implementation.
$ tilsyn-case --now 2026-04-02 --actor anna hearing NIS-2026-0001 --measure binding-instruction --grounds 'TLS 1.0' --deadline 2026-04-16
> NIS-2026-0001/4
? 0
$ tilsyn-case --now 2026-04-17 --actor anna decide NIS-2026-0001 --measure binding-instruction --grounds 'TLS 1.0' --deadline 2026-05-15 --report-deadline 2026-05-08
! tilsyn-case: decide 'NIS-2026-0001/5': --report-deadline '2026-05-08' is before the implementation deadline '2026-05-15'; the entity reports on what it implemented (§ 22)
? 1
$ tilsyn-case --now 2026-04-17 --actor anna decide NIS-2026-0001 --measure binding-instruction --grounds 'TLS 1.0' --deadline 2026-05-15 --report-deadline 2026-05-29
> NIS-2026-0001/5
? 0
$ tilsyn-case --now 2026-04-20 --actor anna report-received NIS-2026-0001 5 --received 2026-04-20
! tilsyn-case: report-received 'NIS-2026-0001/6': decision 5 is not complied with; record the compliance first (comply), then its report (§ 22)
? 1
$ tilsyn-case --now 2026-05-18 --actor anna breach NIS-2026-0001 5 --date 2026-05-18
> NIS-2026-0001/6
? 0
$ tilsyn-case --now 2026-05-18 --actor anna hearing NIS-2026-0001 --measure suspension --grounds 'instruksen er ikke efterkommet' --deadline 2026-06-01
! tilsyn-case: hearing 'NIS-2026-0001/7': a suspension needs --suspend certification|management (§ 23)
? 2
$ tilsyn-case --now 2026-05-18 --actor anna hearing NIS-2026-0001 --measure suspension --grounds 'instruksen er ikke efterkommet' --deadline 2026-06-01 --suspend management
> NIS-2026-0001/7
? 0
# The suspension: which of the two measures, no deadline of its own.
$ tilsyn-case --now 2026-06-02 --actor anna decide NIS-2026-0001 --measure suspension --grounds 'instruksen er ikke efterkommet'
! tilsyn-case: decide 'NIS-2026-0001/8': a suspension needs --suspend certification|management (§ 23)
? 2
$ tilsyn-case --now 2026-06-02 --actor anna decide NIS-2026-0001 --measure suspension --grounds 'instruksen er ikke efterkommet' --suspend management --deadline 2026-06-30
! tilsyn-case: decide 'NIS-2026-0001/8': a suspension lasts until the entity complies with decision 5; it takes no --deadline
? 2
# Decided as heard (forvaltningsloven § 19): the hearing was on the ban.
$ tilsyn-case --now 2026-06-02 --actor anna decide NIS-2026-0001 --measure suspension --grounds 'instruksen er ikke efterkommet' --suspend certification
! tilsyn-case: decide 'NIS-2026-0001/8': the hearing (step 7) was on --suspend management, not certification; hear the entity on this measure first (forvaltningsloven § 19)
? 1
$ tilsyn-case --now 2026-06-02 --actor anna decide NIS-2026-0001 --measure suspension --grounds 'instruksen er ikke efterkommet' --suspend management
> NIS-2026-0001/8
? 0
$ tilsyn-case log NIS-2026-0001 | grep '  decision  ' | tail -n 1 | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/"
> 11  TIME  anna  decision  {"as_of":"2026-06-02T10:00:00Z","data":{"basis":"§ 23","enforces":5,"grounds":"instruksen er ikke efterkommet","measure_title":"midlertidig suspension af certificering eller godkendelse, eller midlertidigt forbud mod at udøve ledelsesfunktioner","suspend":"management","until":"compliance"},"date":"2026-06-02","kind":"decision","measure":"suspension","ref":7,"step":8}
? 0
# The hearing and the decision name the measure of § 23, the decision
# the one it enforces and that it lasts until compliance.
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 7 -o text | tr '\n' ' ' | grep -o 'afgørelse om midlertidigt forbud mod at udøve ledelsesfunktioner'
> afgørelse om midlertidigt forbud mod at udøve ledelsesfunktioner
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 8 -o text | tr '\n' ' ' | grep -o -e 'Afgørelse: midlertidigt forbud mod at udøve ledelsesfunktioner' -e 'håndhæver ministeriets afgørelse af [0-9]*\. [a-z]* 2026 (j.nr. NIS-2026-0001/5)' -e 'gælder, indtil virksomheden har efterkommet den'
> Afgørelse: midlertidigt forbud mod at udøve ledelsesfunktioner
> håndhæver ministeriets afgørelse af 17. april 2026 (j.nr. NIS-2026-0001/5)
> gælder, indtil virksomheden har efterkommet den
? 0
# One suspension per breached decision.
$ tilsyn-case --now 2026-06-02 --actor anna hearing NIS-2026-0001 --measure suspension --grounds 'igen' --deadline 2026-06-20
! tilsyn-case: hearing 'NIS-2026-0001/9': decision 5 is already enforced by the suspension in step 8 (§ 23)
? 1
# Compliance goes on the breached decision, late, and lifts the suspension.
$ tilsyn-case --now 2026-06-10 --actor anna comply NIS-2026-0001 8 --date 2026-06-09
! tilsyn-case: comply 'NIS-2026-0001/8': step 8 is a suspension; record compliance with the decision it enforces (step 5)
? 2
$ tilsyn-case --now 2026-06-10 --actor anna comply NIS-2026-0001 5 --date 2026-05-17
! tilsyn-case: comply 'NIS-2026-0001/5': --date '2026-05-17' is before the breach (step 6, 2026-05-18)
? 2
$ tilsyn-case --now 2026-06-10 --actor anna comply NIS-2026-0001 5 --date 2026-06-09
> NIS-2026-0001/9
> late: 25 days after the deadline
> report due: 2026-05-29 (report-received NIS-2026-0001 5)
> suspension lifted: NIS-2026-0001/10 (§ 23)
? 0
$ tilsyn-case --now 2026-06-10 --actor anna comply NIS-2026-0001 5 --date 2026-06-10
! tilsyn-case: comply 'NIS-2026-0001/5': step 5 is already settled (step 9, compliance)
? 2
$ tilsyn-case --now 2026-06-10 --actor anna breach NIS-2026-0001 5 --date 2026-06-10
! tilsyn-case: breach 'NIS-2026-0001/5': step 5 is already settled (step 6, breach)
? 2
$ tilsyn-case log NIS-2026-0001 | tail -n 2 | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/"
> 12  TIME  anna  compliance  {"as_of":"2026-06-10T10:00:00Z","data":{"days_late":25,"late":true},"date":"2026-06-09","kind":"compliance","ref":5,"report_deadline":"2026-05-29","step":9}
> 13  TIME  anna  lifting  {"as_of":"2026-06-10T10:00:00Z","data":{"basis":"§ 23","compliance":9,"decision":5,"measure_title":"midlertidig suspension af certificering eller godkendelse, eller midlertidigt forbud mod at udøve ledelsesfunktioner","suspend":"management"},"date":"2026-06-09","kind":"lifting","ref":8,"step":10}
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-06-10 letter NIS-2026-0001 10 -o text
> UDKAST – ikke afsendt
> 
> Ministeriet for Samfundssikkerhed og Beredskab
> 
> Nordkraft A/S
> Kraftvej 1, 7000 Fredericia
> CVR-nr. 24680134
> 
> Dato: 9. juni 2026
> J.nr.: NIS-2026-0001/10
> 
> Ophævelse af midlertidigt forbud mod at udøve ledelsesfunktioner
> 
> Ved afgørelse af 2. juni 2026 (j.nr. NIS-2026-0001/8) traf ministeriet
> efter NIS 2-lovens § 23 afgørelse om midlertidigt forbud mod at udøve
> ledelsesfunktioner, indtil virksomheden havde efterkommet afgørelsen af
> 17. april 2026 (j.nr. NIS-2026-0001/5).
> 
> Virksomheden har efterkommet afgørelsen den 9. juni 2026.
> Foranstaltningen er derfor ophævet fra denne dato.
> 
> Med venlig hilsen
> 
> Ministeriet for Samfundssikkerhed og Beredskab
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-06-10 letter NIS-2026-0001 10 | xmllint --noout - && echo well-formed
> well-formed
? 0
# Issued, the lifting is a document of the case.
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-06-10 --actor anna letter NIS-2026-0001 10 --issue --out lifted.xhtml 2> issued.txt; echo $?; grep -c UDKAST lifted.xhtml; sed "s/$(sha256sum lifted.xhtml | cut -c1-64)/SHA/" issued.txt
> 0
> 0
> tilsyn-case: letter 'NIS-2026-0001/10': issued as document 1 (SHA-256 SHA)
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-06-10 letter NIS-2026-0001 9 --template ophaevelse
! tilsyn-case: letter 'NIS-2026-0001/9': template '$SRCDIR/templates/ophaevelse.xsl' serves lifting, not a compliance
? 1
# The report deadline stays open after compliance, until the report.
$ tilsyn-case --now 2026-06-10 due
> overdue  2026-05-29  NIS-2026-0001/9  report on the decision  Nordkraft A/S (12 days overdue)
? 1
$ tilsyn-case --now 2026-06-10 case show NIS-2026-0001 | sed -n '/^    9 /,$p'
>     9  2026-06-09  compliance (to step 5), report by 2026-05-29
>    10  2026-06-09  lifting (to step 8)
> documents:
>     1  2026-06-10  sent      step 10  brev, trin 10 (ophævelse)
> open deadlines:
>   2026-05-29  NIS-2026-0001/9  report on the decision (§ 22)
? 0
$ tilsyn-case --now 2026-06-10 --actor anna report-received NIS-2026-0001 5 --received 2026-06-08
! tilsyn-case: report-received 'NIS-2026-0001/11': --received '2026-06-08' is before the compliance (step 9, 2026-06-09)
? 2
$ tilsyn-case --now 2026-06-10 --actor anna report-received NIS-2026-0001 2 --received 2026-06-10
! tilsyn-case: report-received 'NIS-2026-0001/11': step 2 is not a decision with a reporting deadline
? 2
$ tilsyn-case --now 2026-06-10 --actor anna report-received NIS-2026-0001 9 --received 2026-06-10 --summary 'rapport om gennemførelsen modtaget'
> NIS-2026-0001/11
? 0
$ tilsyn-case --now 2026-06-10 --actor anna report-received NIS-2026-0001 5 --received 2026-06-10
! tilsyn-case: report-received 'NIS-2026-0001/12': the report on decision 5 is already recorded (step 11)
? 2
$ tilsyn-case --now 2026-06-10 due
? 0
$ tilsyn-case verify | sed -E "s/head [0-9a-f]{64}/head HEAD/"
> journal intact: 15 events, head HEAD
? 0
# In time: no lateness; an order (no report) complied with on its deadline.
$ tilsyn-case --now 2026-06-10 --actor anna hearing NIS-2026-0001 --measure order --grounds 'MFA' --deadline 2026-06-24
> NIS-2026-0001/12
? 0
$ tilsyn-case --now 2026-06-25 --actor anna decide NIS-2026-0001 --measure order --grounds 'MFA' --deadline 2026-07-31
> NIS-2026-0001/13
? 0
$ tilsyn-case --now 2026-07-31 --actor anna -o json comply NIS-2026-0001 13 --date 2026-07-31
> {
>   "id": "NIS-2026-0001/14",
>   "kind": "compliance",
>   "late": false
> }
? 0
$ tilsyn-case log NIS-2026-0001 | grep '  compliance  ' | tail -n 1 | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/"
> 18  TIME  anna  compliance  {"as_of":"2026-07-31T10:00:00Z","data":{},"date":"2026-07-31","kind":"compliance","ref":13,"step":14}
? 0
$ tilsyn-case --now 2026-08-01 due
? 0
# verify catches a lifting edited behind its back (the guard put back).
$ cp tilsyn.db edited.db && T=$(sqlite3 edited.db "SELECT sql FROM sqlite_schema WHERE name = 'steps_no_update'") && sqlite3 edited.db "DROP TRIGGER steps_no_update; UPDATE steps SET ref = 2 WHERE case_id = 'NIS-2026-0001' AND n = 10; $T;"
? 0
$ tilsyn-case --db edited.db verify
> journal broken at event 13: step NIS-2026-0001/10 differs from event 13 that recorded it
? 1
