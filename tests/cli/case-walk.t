# tilsyn-case: a whole case against an essential entity, from routine
# supervision to the police referral (issue 5, "Done when").  Commands share
# one directory, so the database persists; --now fixes "today".
@include case.tt
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --turnover 800000000 --address 'Kraftvej 1, 7000 Fredericia' --email it@nordkraft.example --phone '+45 70 10 20 30' --ip-range 192.0.2.0/24 --host vpn.nordkraft.example:443 --member-state SE --registered 2025-10-01
> 24680134 essential
? 0
$ tilsyn-case entity show 24680134
> cvr:          24680134
> name:         Nordkraft A/S
> class:        essential (§ 4, stk. 1)
> size:         large
> sectors:      energy
> employees:    300
> turnover:     EUR 800000000
> address:      Kraftvej 1, 7000 Fredericia
> e-mail:       it@nordkraft.example
> phone:        +45 70 10 20 30
> ip-range:     192.0.2.0/24
> host:         vpn.nordkraft.example:443
> member-state: SE
> registered:   2025-10-01
> history:      2026-03-02  anna  registered (essential)
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn med sikkerhedsforanstaltninger 2026'
> NIS-2026-0001
? 0
# The act's requirement: purpose, which information, and format.
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'vurdere foranstaltningerne efter § 6' --specification 'risikoanalyse og politik for kryptografi' --deadline 2026-03-16
! tilsyn-case: request 'NIS-2026-0001/1': --format is required (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose '' --specification 'risikoanalyse' --format PDF --deadline 2026-03-16
! tilsyn-case: request 'NIS-2026-0001/1': --purpose is required (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'vurdere foranstaltningerne efter § 6' --format PDF --deadline 2026-03-16
! tilsyn-case: request 'NIS-2026-0001/1': --specification is required (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'vurdere foranstaltningerne efter § 6' --specification 'risikoanalyse og politik for kryptografi' --format 'PDF via Digital Post' --deadline 2026-03-16
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-17 due
> overdue  2026-03-16  NIS-2026-0001/1  answer to the request  Nordkraft A/S (1 day overdue)
? 1
$ tilsyn-case --now 2026-03-12 --actor bo respond NIS-2026-0001 1 --received 2026-03-12 --summary 'risikoanalyse modtaget'
> NIS-2026-0001/2
? 0
$ printf 'vpn.nordkraft.example:443 accepts TLS 1.0\n' > scan.txt
? 0
$ tilsyn-case --now 2026-03-13 --actor anna inspect NIS-2026-0001 --kind scan --evidence scan.txt --summary 'TLS 1.0 accepteret på VPN'
> NIS-2026-0001/3
? 0
$ tilsyn-case --now 2026-03-13 --actor anna hearing NIS-2026-0001 --measure bindende-instruks --grounds 'VPN-tjenesten accepterer TLS 1.0 (§ 6, stk. 2, nr. 8)' --deadline 2026-03-27
> NIS-2026-0001/4
? 0
# Premature: the hearing runs until 2026-03-27 and nothing was answered.
$ tilsyn-case --now 2026-03-20 --actor anna decide NIS-2026-0001 --measure binding-instruction --grounds 'TLS 1.0' --deadline 2026-04-30 --report-deadline 2026-05-07
! tilsyn-case: decide 'NIS-2026-0001/5': the hearing (step 4) runs until 2026-03-27 and no response is recorded (forvaltningsloven § 19)
? 1
$ tilsyn-case --now 2026-03-30 --actor anna decide NIS-2026-0001 --measure binding-instruction --grounds 'TLS 1.0' --deadline 2026-04-30
! tilsyn-case: decide 'NIS-2026-0001/5': binding-instruction needs an implementation deadline (--deadline) and a reporting deadline (--report-deadline) (§ 22)
? 1
$ tilsyn-case --now 2026-03-30 --actor anna decide NIS-2026-0001 --measure binding-instruction --grounds 'VPN-tjenesten accepterer fortsat TLS 1.0' --deadline 2026-04-30 --report-deadline 2026-05-07
> NIS-2026-0001/5
? 0
$ tilsyn-case --now 2026-04-15 due
> due      2026-04-30  NIS-2026-0001/5  compliance with the decision  Nordkraft A/S (in 15 days)
> due      2026-05-07  NIS-2026-0001/5  report on the decision  Nordkraft A/S (in 22 days)
? 0
$ tilsyn-case --now 2026-05-02 due
> overdue  2026-04-30  NIS-2026-0001/5  compliance with the decision  Nordkraft A/S (2 days overdue)
> due      2026-05-07  NIS-2026-0001/5  report on the decision  Nordkraft A/S (in 5 days)
? 1
$ tilsyn-case --now 2026-05-02 --actor anna breach NIS-2026-0001 4 --date 2026-04-30
! tilsyn-case: breach 'NIS-2026-0001/4': step 4 is not a decision with a deadline
? 2
$ tilsyn-case --now 2026-05-02 --actor anna breach NIS-2026-0001 5 --date 2026-05-01
> NIS-2026-0001/6
? 0
$ tilsyn-case --now 2026-05-02 --actor anna hearing NIS-2026-0001 --measure påbud --grounds 'den bindende instruks er ikke efterkommet' --deadline 2026-05-18
> NIS-2026-0001/7
? 0
$ tilsyn-case --now 2026-05-10 --actor bo respond NIS-2026-0001 NIS-2026-0001/7 --received 2026-05-09 --summary 'virksomheden beder om udsættelse'
> NIS-2026-0001/8
? 0
$ tilsyn-case --now 2026-05-11 --actor anna decide NIS-2026-0001 --measure påbud --grounds 'TLS 1.0 skal slås fra på VPN-tjenesten' --deadline 2026-06-01
> NIS-2026-0001/9
? 0
$ tilsyn-case --now 2026-06-02 --actor anna breach NIS-2026-0001 9 --date 2026-06-02
> NIS-2026-0001/10
? 0
@use refer NOW=2026-06-03 CASE=NIS-2026-0001 GROUNDS='påbud af 11. maj 2026 er ikke efterkommet' STEP=NIS-2026-0001/11 FINE='EUR 16 000 000 (§ 32 (directive art. 34(4)))'
# After the referral the entity need not incriminate itself.
$ tilsyn-case --now 2026-06-04 --actor anna request NIS-2026-0001 --kind documentation --purpose 'status' --specification 'konfiguration' --format PDF --deadline 2026-06-22
! tilsyn-case: request 'NIS-2026-0001/12': the case is referred to the police (step 11) and the entity need not incriminate itself; the request may go out only with --voluntary, which tells the entity it has no duty to answer (retssikkerhedsloven § 10)
? 1
$ tilsyn-case --now 2026-06-04 --actor anna request NIS-2026-0001 --kind documentation --purpose 'status' --specification 'konfiguration' --format PDF --deadline 2026-06-22 --voluntary
> NIS-2026-0001/12
? 0
$ tilsyn-case case show NIS-2026-0001
> case:     NIS-2026-0001
> entity:   24680134 Nordkraft A/S (essential)
> basis:    routine (§ 21)
> subject:  Tilsyn med sikkerhedsforanstaltninger 2026
> opened:   2026-03-02
> criminal: referred to the police; criminal fine in view (maximum EUR 16 000 000; retssikkerhedsloven § 10)
> steps:
>     1  2026-03-02  request information, deadline 2026-03-16
>     2  2026-03-12  response (to step 1)
>     3  2026-03-13  inspection scan
>     4  2026-03-13  hearing binding-instruction, deadline 2026-03-27
>     5  2026-03-30  decision binding-instruction (to step 4), deadline 2026-04-30, report by 2026-05-07
>     6  2026-05-01  breach (to step 5)
>     7  2026-05-02  hearing order, deadline 2026-05-18
>     8  2026-05-09  response (to step 7)
>     9  2026-05-11  decision order (to step 7), deadline 2026-06-01
>    10  2026-06-02  breach (to step 9)
>    11  2026-06-03  referral
>    12  2026-06-04  request documentation, deadline 2026-06-22
> open deadlines:
>   2026-06-22  NIS-2026-0001/12  answer to the request (§ 21)
? 0
$ tilsyn-case --now 2026-06-05 --actor anna case close NIS-2026-0001
! tilsyn-case: case close 'NIS-2026-0001': step 12 has an open deadline (answer to the request, 2026-06-22); --reason must say why the case is closed anyway (§ 21)
? 1
$ tilsyn-case --now 2026-06-05 --actor anna case close NIS-2026-0001 --reason 'overgivet til politiet; frivillig anmodning besvares ikke'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-06-06 --actor anna inspect NIS-2026-0001 --kind offsite
! tilsyn-case: inspect 'NIS-2026-0001/13': the case is closed; only documents received (respond, incident) are journalised in it until 'case reopen' (offentlighedsloven § 15)
? 1
$ tilsyn-case --now 2026-06-06 due
? 0
$ tilsyn-case case list
> NIS-2026-0001  closed  24680134  Nordkraft A/S: Tilsyn med sikkerhedsforanstaltninger 2026
? 0
$ tilsyn-case log NIS-2026-0001 | head -n 3 | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/"
> 3  TIME  anna  case-open  {"as_of":"2026-03-02T11:00:00Z","basis":"routine","case":"NIS-2026-0001","cvr":"24680134","opened":"2026-03-02","subject":"Tilsyn med sikkerhedsforanstaltninger 2026","supervision":"§ 21"}
> 4  TIME  anna  request  {"as_of":"2026-03-02T11:00:00Z","data":{"basis":"§ 21","format":"PDF via Digital Post","kind":"information","purpose":"vurdere foranstaltningerne efter § 6","specification":"risikoanalyse og politik for kryptografi","voluntary":false},"date":"2026-03-02","deadline":"2026-03-16","kind":"request","step":1}
> 5  TIME  bo  response  {"as_of":"2026-03-12T11:00:00Z","data":{"summary":"risikoanalyse modtaget"},"date":"2026-03-12","kind":"response","ref":1,"step":2}
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 16 events, head HASH
? 0
$ sqlite3 tilsyn.db 'SELECT name, size, sha256, actor FROM evidence'
> scan.txt|42|2f3e38daa7c035e99ba30f139089c1aecef092514a27a18ebe4e34e38b5f26b1|anna
? 0
$ sha256sum scan.txt
> 2f3e38daa7c035e99ba30f139089c1aecef092514a27a18ebe4e34e38b5f26b1  scan.txt
? 0
$ stat -c %a tilsyn.db
> 600
? 0
