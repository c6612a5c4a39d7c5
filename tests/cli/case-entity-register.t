# tilsyn-case entity add and update: the register's values checked (§ 10).
# IP ranges are the scope of automated scans: no host bits (the network is
# named), nothing wider than IPv4 /16 or IPv6 /32 without --wide-range
# REASON, no overlap with another entity's range without --overlap REASON
# (both recorded); e-mail and telephone syntax; DK is no other member
# state, GR is written EL.  Syntax is exit 2, a rule a reason can meet 1.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range 0.0.0.0/0
! tilsyn-case: entity add '24680134': --ip-range '0.0.0.0/0' is wider than /16: the registered ranges are the scope of the entity's security scans (§ 10); give --wide-range REASON to register it
? 1
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range ::/0
! tilsyn-case: entity add '24680134': --ip-range '::/0' is wider than /32: the registered ranges are the scope of the entity's security scans (§ 10); give --wide-range REASON to register it
? 1
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range 10.0.0.0/15
! tilsyn-case: entity add '24680134': --ip-range '10.0.0.0/15' is wider than /16: the registered ranges are the scope of the entity's security scans (§ 10); give --wide-range REASON to register it
? 1
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range 2001:db8::/31
! tilsyn-case: entity add '24680134': --ip-range '2001:db8::/31' is wider than /32: the registered ranges are the scope of the entity's security scans (§ 10); give --wide-range REASON to register it
? 1
# All of IPv4 written as IPv4-mapped IPv6 is held to the IPv4 limit.
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range ::ffff:0.0.0.0/96
! tilsyn-case: entity add '24680134': --ip-range '::ffff:0.0.0.0/96' is wider than /112: the registered ranges are the scope of the entity's security scans (§ 10); give --wide-range REASON to register it
? 1
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range 10.0.0.1/24
! tilsyn-case: entity add: --ip-range '10.0.0.1/24' has host bits set: the network is 10.0.0.0/24
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range 2001:db8::1/64
! tilsyn-case: entity add: --ip-range '2001:db8::1/64' has host bits set: the network is 2001:db8::/64
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --email @
! tilsyn-case: entity add: --email '@' is not an e-mail address (LOCAL@DOMAIN: one '@', something on both sides, no spaces)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --email it@
! tilsyn-case: entity add: --email 'it@' is not an e-mail address (LOCAL@DOMAIN: one '@', something on both sides, no spaces)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --email 'it@nord@kraft.example'
! tilsyn-case: entity add: --email 'it@nord@kraft.example' is not an e-mail address (LOCAL@DOMAIN: one '@', something on both sides, no spaces)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --email 'it @nordkraft.example'
! tilsyn-case: entity add: --email 'it @nordkraft.example' is not an e-mail address (LOCAL@DOMAIN: one '@', something on both sides, no spaces)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --phone '++++++++'
! tilsyn-case: entity add: --phone '++++++++' is not a telephone number (an optional '+', then 6 to 20 digits, single spaces or dashes between digits)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --phone 12345
! tilsyn-case: entity add: --phone '12345' is not a telephone number (an optional '+', then 6 to 20 digits, single spaces or dashes between digits)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --phone '70  10 20 30'
! tilsyn-case: entity add: --phone '70  10 20 30' is not a telephone number (an optional '+', then 6 to 20 digits, single spaces or dashes between digits)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --member-state DK
! tilsyn-case: entity add: --member-state 'DK' is Denmark: the register lists the other member states where the entity provides services (§ 10)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --member-state GR
! tilsyn-case: entity add: --member-state 'GR' is not the EU's code of Greece: write EL
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --member-state GL
! tilsyn-case: entity add: --member-state 'GL' is not an EU member state code; valid: AT BE BG CY CZ DE EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK (not Greenland or the Faroe Islands)
? 2
# A reason where none is needed is refused too.
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range 192.0.2.0/24 --wide-range 'all of it'
! tilsyn-case: entity add '24680134': --wide-range: no range is wider than /16 (IPv4) or /32 (IPv6)
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range 192.0.2.0/24 --overlap 'shared'
! tilsyn-case: entity add '24680134': --overlap: no range overlaps another entity's
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --ip-range 10.0.0.0/8 --wide-range ' '
! tilsyn-case: entity add: --wide-range ' ' has no visible character
? 2
# With a reason, a wide range is registered and the reason kept.
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --ip-range 10.0.0.0/8 --wide-range 'the entity routes all of 10/8' --ip-range 192.0.2.0/24 --email it@nordkraft.example --phone '+45 70 10 20 30' --member-state EL --member-state SE
> 24680134 essential
? 0
$ tilsyn-case entity show 24680134
> cvr:          24680134
> name:         Nordkraft A/S
> class:        essential (§ 4, stk. 1)
> size:         large
> sectors:      energy
> employees:    300
> e-mail:       it@nordkraft.example
> phone:        +45 70 10 20 30
> ip-range:     10.0.0.0/8
>               192.0.2.0/24
> member-state: EL
>               SE
> wide range:   the entity routes all of 10/8
> history:      2026-03-02  anna  registered (essential)
? 0
# The reason covers the ranges it was given for: a new wide range needs it
# again; clearing it while the range stays is refused.
$ tilsyn-case --now 2026-03-03 --actor anna entity update 24680134 --ip-range 0.0.0.0/0 --ip-range 10.0.0.0/8
! tilsyn-case: entity update '24680134': --ip-range '0.0.0.0/0' is wider than /16, and the reason registered was given for other ranges: give --wide-range REASON for it (§ 10)
? 1
$ tilsyn-case --now 2026-03-03 --actor anna entity update 24680134 --ip-range ::/0
! tilsyn-case: entity update '24680134': --ip-range '::/0' is wider than /32, and the reason registered was given for other ranges: give --wide-range REASON for it (§ 10)
? 1
$ tilsyn-case --now 2026-03-03 --actor anna entity update 24680134 --clear wide-range
! tilsyn-case: entity update '24680134': --ip-range '10.0.0.0/8' is wider than /16: the registered ranges are the scope of the entity's security scans (§ 10); give --wide-range REASON to register it
? 1
$ tilsyn-case --now 2026-03-03 --actor anna entity update 24680134 --member-state DK
! tilsyn-case: entity update: --member-state 'DK' is Denmark: the register lists the other member states where the entity provides services (§ 10)
? 2
$ tilsyn-case --now 2026-03-03 --actor anna entity update 24680134 --email '@'
! tilsyn-case: entity update: --email '@' is not an e-mail address (LOCAL@DOMAIN: one '@', something on both sides, no spaces)
? 2
# Narrowed: the reason is no longer needed and goes with the old ranges.
$ tilsyn-case --now 2026-03-03 --actor anna entity update 24680134 --ip-range 10.0.0.0/16
> 24680134 essential
> changed: ip_ranges, wide_range
? 0
# Another entity's range inside it: said so, or refused.
$ tilsyn-case --now 2026-03-03 --actor anna entity add --cvr 35792465 --name Vand --sector drinking-water --ip-range 10.0.7.0/24
! tilsyn-case: entity add '35792465': --ip-range '10.0.7.0/24' overlaps '10.0.0.0/16' registered for entity 24680134: give --overlap REASON to register both (§ 10)
? 1
$ tilsyn-case --now 2026-03-03 --actor anna entity add --cvr 35792465 --name Vand --sector drinking-water --ip-range 10.0.7.0/24 --overlap 'hosted in the data centre of 24680134'
> 35792465 undetermined
? 0
$ tilsyn-case --now 2026-03-04 --actor anna entity update 35792465 --ip-range 10.0.7.0/24 --ip-range 10.0.9.0/24
! tilsyn-case: entity update '35792465': --ip-range '10.0.9.0/24' overlaps '10.0.0.0/16' registered for entity 24680134: give --overlap REASON to register both (§ 10)
? 1
$ tilsyn-case --now 2026-03-04 --actor anna entity update 24680134 --ip-range 10.0.0.0/16 --ip-range 198.51.100.0/24
> 24680134 essential
> changed: ip_ranges
? 0
$ tilsyn-case --now 2026-03-04 --actor anna entity update 35792465 --ip-range 198.51.100.128/25
! tilsyn-case: entity update '35792465': --ip-range '198.51.100.128/25' overlaps '198.51.100.0/24' registered for entity 24680134: give --overlap REASON to register both (§ 10)
? 1
$ tilsyn-case --now 2026-03-04 --actor anna entity update 35792465 --ip-range 10.0.7.0/24 --ip-range 198.51.100.128/25 --overlap 'both hosted by 24680134'
> 35792465 undetermined
> changed: ip_ranges, overlap
? 0
# Moved out of the other's ranges: the reason goes with them.
$ tilsyn-case --now 2026-03-05 --actor anna entity update 35792465 --ip-range 203.0.113.0/24
> 35792465 undetermined
> changed: ip_ranges, overlap
? 0
$ tilsyn-case entity show 35792465
> cvr:          35792465
> name:         Vand
> class:        undetermined
> size:         unknown
> sectors:      drinking-water
> ip-range:     203.0.113.0/24
> history:      2026-03-03  anna  registered (undetermined)
>               2026-03-04  anna  ip_ranges: 10.0.7.0/24 -> 10.0.7.0/24; 198.51.100.128/25
>                                 overlap: hosted in the data centre of 24680134 -> both hosted by 24680134
>               2026-03-05  anna  ip_ranges: 10.0.7.0/24; 198.51.100.128/25 -> 203.0.113.0/24
>                                 overlap: both hosted by 24680134 -> (none)
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 7 events, head HASH
? 0
