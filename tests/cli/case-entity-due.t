# tilsyn-case due and the register (§ 10; § 33, stk. 3): an entity
# registers within two weeks of becoming covered, but the first
# registrations were due 2025-10-01.  due lists a registration completed
# after that deadline as late (history: it does not make due exit 1) and
# a registration whose class is undetermined (figures missing) as due, or
# overdue, on the deadline.  --covered-since says when the entity became
# covered; without it, the day it registered.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
# Covered since 5 January, registered 10 February: due 19 January.
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --covered-since 2026-01-05 --registered 2026-02-10
> 24680134 essential
? 0
# Covered when the act came into force, registered on the first deadline
# (§ 33, stk. 3): on time; a day later: late.
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 10000009 --name 'Tidlig A/S' --sector energy --employees 300 --covered-since 2025-07-01 --registered 2025-10-01
> 10000009 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 10000025 --name 'Sen A/S' --sector energy --employees 300 --covered-since 2025-07-01 --registered 2025-10-02
> 10000025 essential
? 0
# Registered today without figures: its class is undetermined, the
# registration incomplete, due in two weeks.
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 35792465 --name 'Vandværk Midt' --sector drinking-water
> 35792465 undetermined
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 30303032 --name 'Ukendt A/S' --sector health
> 30303032 undetermined
? 0
# Not covered: no registration duty, nothing listed.
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 29920001 --name 'Lille ApS' --sector energy --employees 5 --turnover 100000 --balance 100000
> 29920001 not-covered
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 10000033 --name 'Lille ApS' --sector energy --employees 5 --turnover 100000 --balance 100000 --covered-since 2025-07-01 --registered 2026-01-01
> 10000033 not-covered
? 0
$ tilsyn-case due --at 2026-03-10
> late     2025-10-01  10000025  registration (complete after its deadline)  Sen A/S (complete 2025-10-02, 1 day late; § 10, § 33, stk. 3)
> late     2026-01-19  24680134  registration (complete after its deadline)  Nordkraft A/S (complete 2026-02-10, 22 days late; § 10, § 33, stk. 3)
> due      2026-03-16  30303032  complete registration (class undetermined: figures missing)  Ukendt A/S (in 6 days; § 10)
> due      2026-03-16  35792465  complete registration (class undetermined: figures missing)  Vandværk Midt (in 6 days; § 10)
? 0
$ tilsyn-case due --at 2026-03-16
> late     2025-10-01  10000025  registration (complete after its deadline)  Sen A/S (complete 2025-10-02, 1 day late; § 10, § 33, stk. 3)
> late     2026-01-19  24680134  registration (complete after its deadline)  Nordkraft A/S (complete 2026-02-10, 22 days late; § 10, § 33, stk. 3)
> due      2026-03-16  30303032  complete registration (class undetermined: figures missing)  Ukendt A/S (today; § 10)
> due      2026-03-16  35792465  complete registration (class undetermined: figures missing)  Vandværk Midt (today; § 10)
? 0
$ tilsyn-case due --at 2026-03-20
> late     2025-10-01  10000025  registration (complete after its deadline)  Sen A/S (complete 2025-10-02, 1 day late; § 10, § 33, stk. 3)
> late     2026-01-19  24680134  registration (complete after its deadline)  Nordkraft A/S (complete 2026-02-10, 22 days late; § 10, § 33, stk. 3)
> overdue  2026-03-16  30303032  complete registration (class undetermined: figures missing)  Ukendt A/S (4 days overdue; § 10)
> overdue  2026-03-16  35792465  complete registration (class undetermined: figures missing)  Vandværk Midt (4 days overdue; § 10)
? 1
# The figures come in time for one, after the deadline for the other.
$ tilsyn-case --now 2026-03-12 --actor bo entity update 35792465 --employees 120 --turnover 5000000 --balance 5000000
> 35792465 important
> changed: balance_eur, basis, class, employees, size, turnover_eur
? 0
$ tilsyn-case --now 2026-03-25 --actor bo entity update 30303032 --employees 300
> 30303032 essential
> changed: basis, class, employees, size
? 0
$ tilsyn-case due --at 2026-03-26
> late     2025-10-01  10000025  registration (complete after its deadline)  Sen A/S (complete 2025-10-02, 1 day late; § 10, § 33, stk. 3)
> late     2026-01-19  24680134  registration (complete after its deadline)  Nordkraft A/S (complete 2026-02-10, 22 days late; § 10, § 33, stk. 3)
> late     2026-03-16  30303032  registration (complete after its deadline)  Ukendt A/S (complete 2026-03-25, 9 days late; § 10, § 33, stk. 3)
? 0
$ set -o pipefail; tilsyn-case -o json due --at 2026-03-26 | python3 -c 'import json,sys; [print(i["cvr"], i["registration"], i["deadline"], i.get("completed"), i["days"], i["overdue"], i["basis"]) for i in json.load(sys.stdin)]'
> 10000025 late 2025-10-01 2025-10-02 1 False § 10; § 33, stk. 3
> 24680134 late 2026-01-19 2026-02-10 22 False § 10; § 33, stk. 3
> 30303032 late 2026-03-16 2026-03-25 9 False § 10; § 33, stk. 3
? 0
# A corrected --covered-since moves the deadline; the history says so.
$ tilsyn-case --now 2026-03-26 --actor bo entity update 24680134 --covered-since 2026-02-01
> 24680134 essential
> changed: covered_since
? 0
$ tilsyn-case due --at 2026-03-26
> late     2025-10-01  10000025  registration (complete after its deadline)  Sen A/S (complete 2025-10-02, 1 day late; § 10, § 33, stk. 3)
> late     2026-03-16  30303032  registration (complete after its deadline)  Ukendt A/S (complete 2026-03-25, 9 days late; § 10, § 33, stk. 3)
? 0
$ tilsyn-case --now 2026-03-26 --actor bo entity update 24680134 --covered-since 2026-03-27
! tilsyn-case: entity update '24680134': --covered-since '2026-03-27' is in the future
? 2
$ tilsyn-case --now 2026-03-26 --actor bo entity update 24680134 --covered-since 2025-06-01
! tilsyn-case: entity update '24680134': --covered-since '2025-06-01' is before the act entered into force on 2025-07-01 (§ 33, stk. 1)
? 2
$ tilsyn-case entity show 24680134 | tail -2
> history:      2026-03-02  anna  registered (essential)
>               2026-03-26  bo  covered_since: 2026-01-05 -> 2026-02-01
? 0
# § 10: a change is registered within two weeks of it.  --changed says
# when it happened; registered later, due lists it as late (history).
$ tilsyn-case --now 2026-03-26 --actor bo entity update 10000009 --employees 320 --changed 2026-03-20
> 10000009 essential
> changed: employees
? 0
$ tilsyn-case --now 2026-03-26 --actor bo entity update 10000009 --address 'Kraftvej 2' --changed 2026-03-01
> 10000009 essential
> changed: address
? 0
$ tilsyn-case --now 2026-03-26 --actor bo entity update 10000009 --employees 330 --changed 2026-03-27
! tilsyn-case: entity update '10000009': --changed '2026-03-27' is in the future
? 2
$ tilsyn-case --now 2026-03-26 --actor bo entity update 10000009 --changed 2026-03-20
! tilsyn-case: entity update: nothing to change: give the values to register or --clear FIELD
? 2
$ tilsyn-case due --at 2026-03-26
> late     2025-10-01  10000025  registration (complete after its deadline)  Sen A/S (complete 2025-10-02, 1 day late; § 10, § 33, stk. 3)
> late     2026-03-15  10000009  registration of a change (two weeks after it)  Tidlig A/S (registered 2026-03-26, 11 days late; § 10)
> late     2026-03-16  30303032  registration (complete after its deadline)  Ukendt A/S (complete 2026-03-25, 9 days late; § 10, § 33, stk. 3)
? 0
$ tilsyn-case entity show 10000009 | tail -3
>                               (changed on 2026-03-20)
>               2026-03-26  bo  address: (none) -> Kraftvej 2
>                               (changed on 2026-03-01)
? 0
$ set -o pipefail; tilsyn-case -o json due --at 2026-03-26 | python3 -c 'import json,sys; [print(i["cvr"], i["registration"], i["deadline"], i.get("completed"), i.get("registered"), i["days"], i["overdue"], i["basis"]) for i in json.load(sys.stdin)]'
> 10000025 late 2025-10-01 2025-10-02 None 1 False § 10; § 33, stk. 3
> 10000009 change-late 2026-03-15 None 2026-03-26 11 False § 10
> 30303032 late 2026-03-16 2026-03-25 None 9 False § 10; § 33, stk. 3
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 13 events, head HASH
? 0
