# tilsyn-case: bad input is exit 2 with a message naming the option and value.
$ tilsyn-case case list
! tilsyn-case: case list: no database 'tilsyn.db' (run 'tilsyn-case init' first)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680135 --name X --sector energy
! tilsyn-case: entity add: --cvr '24680135' is not a CVR number (8 digits, modulus-11 check)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 2468013 --name X --sector energy
! tilsyn-case: entity add: --cvr '2468013' is not a CVR number (8 digits, modulus-11 check)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name X --sector nuclear
! tilsyn-case: entity add: --sector 'nuclear' is not a sector; valid: energy, transport, banking, financial-market-infrastructure, health, drinking-water, waste-water, digital-infrastructure, ict-service-management, public-administration, space, postal, waste-management, chemicals, food, manufacturing, digital-providers, research
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name X --sector energy --employees many
! tilsyn-case: entity add: --employees 'many': not a whole number
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name X --sector energy --member-state GL
! tilsyn-case: entity add: --member-state 'GL' is not an EU member state code; valid: AT BE BG CY CZ DE EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK (not Greenland or the Faroe Islands)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name X --sector energy --ip-range 10.0.0.0/33
! tilsyn-case: entity add: --ip-range '10.0.0.0/33' is not an address or CIDR range
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name X --sector energy --registered 2025-02-30
! tilsyn-case: entity add: --registered '2025-02-30' is not a date (YYYY-MM-DD)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name X --sector energy --municipality --region
! tilsyn-case: entity add '24680134': --municipality and --region exclude each other
? 2
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energi --employees 250 -o json
! tilsyn-case: entity add: unknown option '-o' or it needs a value
? 2
$ tilsyn-case --now 2026-03-02 --actor anna -o json entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energi --employees 250
> {
>   "basis": [
>     "§ 4, stk. 1"
>   ],
>   "class": "essential",
>   "cvr": "24680134",
>   "emails": [],
>   "employees": 250,
>   "flags": [],
>   "hosts": [],
>   "ip_ranges": [],
>   "member_states": [],
>   "name": "Nordkraft A/S",
>   "phones": [],
>   "sectors": [
>     "energy"
>   ],
>   "size": "large"
> }
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy
! tilsyn-case: entity add '24680134': already registered
? 1
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 30303032 --name 'Ukendt A/S' --sector energy
> 30303032 undetermined
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 30303032 --basis routine --subject 'Tilsyn'
! tilsyn-case: case open '30303032': the entity's class depends on figures that were not registered (§ 5)
? 1
$ tilsyn-case entity show 29920001
! tilsyn-case: entity show '29920001': no such entity
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis suspicion --subject x
! tilsyn-case: case open: --basis 'suspicion': valid: routine, indication
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine
! tilsyn-case: case open: --subject is required
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn' --bogus
! tilsyn-case: case open: unknown option '--bogus' or it needs a value
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn'
> NIS-2026-0001
? 0
$ tilsyn-case case show NIS-26-1
! tilsyn-case: case show 'NIS-26-1': not a case number (NIS-YYYY-NNNN)
? 2
$ tilsyn-case case show NIS-2026-0099
! tilsyn-case: case show 'NIS-2026-0099': no such case
? 2
$ tilsyn-case --now 2026-03-02 request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-02
! tilsyn-case: request 'NIS-2026-0001/1': --deadline '2026-03-02' is not after today (2026-03-02)
? 2
$ tilsyn-case --now 2026-03-02 request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 16-03-2026
! tilsyn-case: request: --deadline '16-03-2026' is not a date (YYYY-MM-DD)
? 2
$ tilsyn-case --now 2026-03-02 request NIS-2026-0001 --kind gossip --purpose p --specification s --format PDF --deadline 2026-03-16
! tilsyn-case: request: --kind 'gossip': valid: information, access, documentation
? 2
$ tilsyn-case --now 2026-03-02 hearing NIS-2026-0001 --measure fine --grounds g --deadline 2026-03-16
! tilsyn-case: hearing: --measure 'fine' is not a measure; valid: warning, binding-instruction, order, prohibition, notify-recipients, implement-audit, publish, remedy-order, monitoring-officer, suspension
? 2
$ tilsyn-case --now 2026-03-02 hearing NIS-2026-0001 --measure warning --deadline 2026-03-16
! tilsyn-case: hearing: --grounds is required (forvaltningsloven § 19)
? 2
$ tilsyn-case --now 2026-03-02 decide NIS-2026-0001 --measure warning --grounds g
! tilsyn-case: decide 'NIS-2026-0001/1': no hearing on warning in the case; the entity must be heard first (forvaltningsloven § 19)
? 1
$ tilsyn-case --now 2026-03-02 respond NIS-2026-0001 NIS-2026-0002/1 --received 2026-03-02
! tilsyn-case: respond 'NIS-2026-0002/1': step is not in case 'NIS-2026-0001'
? 2
$ tilsyn-case --now 2026-03-02 respond NIS-2026-0001 7 --received 2026-03-02
! tilsyn-case: respond 'NIS-2026-0001/7': no step 7 in the case
? 2
$ tilsyn-case --now 2026-03-02 inspect NIS-2026-0001 --kind scan --evidence /nonexistent/scan.xml
! tilsyn-case: inspect: --evidence '/nonexistent/scan.xml': No such file or directory
? 2
$ tilsyn-case --now 2026-03-02 inspect NIS-2026-0001 --kind scan --evidence /tmp
! tilsyn-case: inspect: --evidence '/tmp': not a regular file
? 2
$ tilsyn-case --now 2026-03-02 inspect NIS-2026-0001 --kind scan --date 2026-03-03
! tilsyn-case: inspect: --date '2026-03-03' is in the future
? 2
$ tilsyn-case --now yesterday case list
! tilsyn-case: --now 'yesterday' is not an ISO 8601 date or time
? 2
$ tilsyn-case -o yaml case list
! tilsyn-case: -o 'yaml': valid: text, json
? 2
$ tilsyn-case frobnicate
! tilsyn-case: frobnicate: unknown command
? 2
$ tilsyn-case case
! tilsyn-case: case: needs a subcommand (open, list, show, close, reopen)
? 2
$ tilsyn-case due --at 2026-13-01
! tilsyn-case: due: --at '2026-13-01' is not a date (YYYY-MM-DD)
? 2
$ tilsyn-case letter NIS-2026-0001 1
! tilsyn-case: letter 'NIS-2026-0001/1': no such step
? 2
$ ln -s tilsyn.db link.db && tilsyn-case --db link.db case list
! tilsyn-case: case list: database 'link.db' is not a regular file (or is a symbolic link)
? 2
$ mkdir dir.db && tilsyn-case --db dir.db case list
! tilsyn-case: case list: database 'dir.db' is not a regular file (or is a symbolic link)
? 2
$ tilsyn-case --version | sed 's/[0-9][0-9.]*$/VERSION/'
> tilsyn-case VERSION
? 0
$ tilsyn-case -o json case list
> [
>   {
>     "case": "NIS-2026-0001",
>     "cvr": "24680134",
>     "entity": "Nordkraft A/S",
>     "open": true,
>     "opened": "2026-03-02",
>     "subject": "Tilsyn"
>   }
> ]
? 0
$ tilsyn-case case list --open
> NIS-2026-0001  open    24680134  Nordkraft A/S: Tilsyn
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-16 --voluntary
! tilsyn-case: request 'NIS-2026-0001/1': --voluntary is for measures after a suspicion (suspect) or a referral to the police
? 2
$ tilsyn-case --now 2026-03-02 --actor anna -o json request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-16
> {
>   "id": "NIS-2026-0001/1",
>   "kind": "request"
> }
? 0
$ tilsyn-case --now 2026-03-02 respond NIS-2026-0001 1 --received 2026-03-01
! tilsyn-case: respond 'NIS-2026-0001/1': --received '2026-03-01' is before step 1 was sent (2026-03-02)
? 2
$ tilsyn-case --now 2026-03-02 respond NIS-2026-0001 1 --received 2026-03-03
! tilsyn-case: respond 'NIS-2026-0001/1': --received '2026-03-03' is in the future
? 2
$ tilsyn-case --now 2026-03-02 comply NIS-2026-0001 1 --date 2026-03-02
! tilsyn-case: comply 'NIS-2026-0001/1': step 1 is not a decision with a deadline
? 2
$ tilsyn-case --now 2026-03-02 decide NIS-2026-0001 --measure warning --grounds g --deadline 2026-03-01
! tilsyn-case: decide 'NIS-2026-0001/2': --deadline '2026-03-01' is not after today (2026-03-02)
? 2
$ tilsyn-case --now 2026-03-02 decide NIS-2026-0001 --measure warning --grounds g --report-deadline 2026-04-01
! tilsyn-case: decide 'NIS-2026-0001/2': --report-deadline needs --deadline
? 2
$ tilsyn-case --now 2026-03-02 -o json case show NIS-2026-0001
> {
>   "basis": "routine",
>   "case": "NIS-2026-0001",
>   "class": "essential",
>   "criminal": false,
>   "cvr": "24680134",
>   "entity": "Nordkraft A/S",
>   "open_deadlines": [
>     {
>       "basis": "§ 21",
>       "deadline": "2026-03-16",
>       "step": 1,
>       "what": "answer to the request"
>     }
>   ],
>   "opened": "2026-03-02",
>   "steps": [
>     {
>       "actor": "anna",
>       "data": {
>         "basis": "§ 21",
>         "format": "PDF",
>         "kind": "information",
>         "purpose": "p",
>         "specification": "s",
>         "voluntary": false
>       },
>       "date": "2026-03-02",
>       "deadline": "2026-03-16",
>       "kind": "request",
>       "step": 1
>     }
>   ],
>   "subject": "Tilsyn"
> }
? 0
$ tilsyn-case -o json due --at 2026-03-20
> [
>   {
>     "days": 4,
>     "deadline": "2026-03-16",
>     "entity": "Nordkraft A/S",
>     "overdue": true,
>     "step": "NIS-2026-0001/1",
>     "what": "answer to the request"
>   },
>   {
>     "basis": "§ 10",
>     "cvr": "30303032",
>     "days": 4,
>     "deadline": "2026-03-16",
>     "entity": "Ukendt A/S",
>     "overdue": true,
>     "registration": "incomplete",
>     "what": "complete registration (class undetermined: figures missing)"
>   }
> ]
? 1
$ tilsyn-case -o json entity list
> [
>   {
>     "class": "essential",
>     "cvr": "24680134",
>     "name": "Nordkraft A/S"
>   },
>   {
>     "class": "undetermined",
>     "cvr": "30303032",
>     "name": "Ukendt A/S"
>   }
> ]
? 0
