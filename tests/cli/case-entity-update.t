# tilsyn-case entity update (§ 10: the register follows the entity): each
# change one entity-update event with the old and new values and the class
# classified again; an update that changes nothing is refused (exit 1);
# entity show prints the history; verify rebuilds the entities row from
# the entity-add and entity-update events in order.
@include case.tt
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
# Registered without figures: undetermined, and so it cannot be supervised.
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 35792465 --name 'Vandværk Midt' --sector drinking-water --email drift@vandvaerk.example --phone '+45 86 12 34 56' --registered 2026-03-02
> 35792465 undetermined
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 35792465 --basis routine --subject 'Tilsyn'
! tilsyn-case: case open '35792465': the entity's class depends on figures that were not registered (§ 5)
? 1
$ tilsyn-case entity list --class undetermined
> 35792465  undetermined  Vandværk Midt
? 0
# The figures come: the class is computed again and recorded.  A list
# option replaces the whole list.
$ tilsyn-case --now 2026-03-09 --actor bo entity update 35792465 --employees 300 --turnover 60000000 --email it@vandvaerk.example --email drift@vandvaerk.example
> 35792465 essential
> changed: basis, class, emails, employees, size, turnover_eur
? 0
$ tilsyn-case entity list --class essential
> 35792465  essential    Vandværk Midt
? 0
$ tilsyn-case entity list --class undetermined
? 0
$ tilsyn-case --now 2026-03-09 --actor anna case open --cvr 35792465 --basis routine --subject 'Tilsyn'
> NIS-2026-0001
? 0
# Nothing changes: refused, nothing journalised.
$ tilsyn-case --now 2026-03-10 --actor bo entity update 35792465 --employees 300 --email it@vandvaerk.example --email drift@vandvaerk.example
! tilsyn-case: entity update '35792465': nothing changes: the register already holds these values
? 1
$ tilsyn-case --now 2026-03-10 --actor bo entity update 35792465
! tilsyn-case: entity update: nothing to change: give the values to register or --clear FIELD
? 2
$ tilsyn-case --now 2026-03-10 --actor bo entity update 35792465 --clear phone --phone '+45 86 00 00 00'
! tilsyn-case: entity update: --clear phone and a new value for it: give one
? 2
$ tilsyn-case --now 2026-03-10 --actor bo entity update 35792465 --clear name
! tilsyn-case: entity update: --clear 'name' is not a field that can be cleared; valid: email, phone, ip-range, host, member-state, address, subsector, employees, turnover, balance, flags, excluded-by, ports, covered-since, wide-range, overlap
? 2
$ tilsyn-case --now 2026-03-10 --actor bo entity update 24680134 --employees 3
! tilsyn-case: entity update '24680134': no such entity
? 2
$ tilsyn-case --now 2026-03-10 --actor bo entity update 35792465 --name ' '
! tilsyn-case: entity update: --name has no visible character
? 2
$ tilsyn-case --now 2026-03-10 --actor bo entity update 35792465 --municipality --region
! tilsyn-case: entity update '35792465': --municipality and --region exclude each other
? 2
$ tilsyn-case --now 2026-03-10 --actor bo entity update 35792465 --ports 443
! tilsyn-case: entity update '35792465': --ports are the ports of the registered IP ranges, and none would be left: clear --ports too
? 2
$ tilsyn-case --now 2026-03-10 --actor bo entity update 35792465 --phone '++++++++'
! tilsyn-case: entity update: --phone '++++++++' is not a telephone number (an optional '+', then 6 to 20 digits, single spaces or dashes between digits)
? 2
# --clear removes a value; a figure cleared can make the class depend on
# it again.
$ tilsyn-case --now 2026-03-11 --actor anna entity update 35792465 --clear phone --clear turnover --address 'Vandvej 2, 8000 Aarhus C'
> 35792465 essential
> changed: address, phones, turnover_eur
? 0
$ tilsyn-case entity show 35792465
> cvr:          35792465
> name:         Vandværk Midt
> class:        essential (§ 4, stk. 1)
> size:         large
> sectors:      drinking-water
> employees:    300
> address:      Vandvej 2, 8000 Aarhus C
> e-mail:       it@vandvaerk.example
>               drift@vandvaerk.example
> registered:   2026-03-02
> history:      2026-03-02  anna  registered (undetermined)
>               2026-03-09  bo  basis: (none) -> § 4, stk. 1
>                               class: undetermined -> essential
>                               emails: drift@vandvaerk.example -> it@vandvaerk.example; drift@vandvaerk.example
>                               employees: (none) -> 300
>                               size: unknown -> large
>                               turnover_eur: (none) -> 60000000
>               2026-03-11  anna  address: (none) -> Vandvej 2, 8000 Aarhus C
>                                 phones: +45 86 12 34 56 -> (none)
>                                 turnover_eur: 60000000 -> (none)
? 0
$ set -o pipefail; tilsyn-case -o json entity show 35792465 | python3 -c 'import json,sys; j=json.load(sys.stdin); [print(h["seq"], h["date"], h["actor"], h["event"], h["class"], sorted(h.get("changes", {})), h.get("changes", {}).get("employees")) for h in j["history"]]'
> 2 2026-03-02 anna entity-add undetermined [] None
> 3 2026-03-09 bo entity-update essential ['basis', 'class', 'emails', 'employees', 'size', 'turnover_eur'] {'new': 300}
> 5 2026-03-11 anna entity-update essential ['address', 'phones', 'turnover_eur'] None
? 0
$ set -o pipefail; tilsyn-case --now 2026-03-12 --actor bo -o json entity update 35792465 --employees 40 | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["cvr"], j["class"], json.dumps(j["changes"], sort_keys=True))'
> 35792465 undetermined {"basis": {"new": [], "old": ["\u00a7 4, stk. 1"]}, "class": {"new": "undetermined", "old": "essential"}, "employees": {"new": 40, "old": 300}, "size": {"new": "unknown", "old": "large"}}
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 6 events, head HASH
? 0
$ for f in data cls back del; do cp tilsyn.db $f.db; done
? 0
# The row edited after an update: caught, whatever column.
@use broken DB=data.db SQL='UPDATE entities SET data = replace(data, '"'"'"employees":40'"'"', '"'"'"employees":400'"'"')' WANT='journal broken: entity 35792465: its row differs from its registration in the journal (its entity-add and entity-update events)'
@use broken DB=cls.db SQL='UPDATE entities SET class = '"'"'essential'"'"'' WANT='journal broken: entity 35792465: its row differs from its registration in the journal (its entity-add and entity-update events)'
# The row put back to what entity add registered, as if no update had
# been made: the journal's updates say otherwise.
@use broken DB=back.db SQL='UPDATE entities SET class = '"'"'undetermined'"'"', data = (SELECT json_remove(payload, '"'"'$.as_of'"'"') FROM events WHERE kind = '"'"'entity-add'"'"')' WANT='journal broken: entity 35792465: its row differs from its registration in the journal (its entity-add and entity-update events)'
# An update event deleted: the chain breaks as before.
@use broken DB=del.db SQL='DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 5' WANT='journal broken at event 5: event 5 is missing (the next stored event is 6)'
# The flags given replace the registered flags; --clear flags removes
# them; sectors and the exclusion are replaced and cleared the same way.
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 10000009 --name 'Lille ApS' --sector waste-management --employees 5 --turnover 100000 --balance 100000
> 10000009 not-covered
? 0
$ tilsyn-case --now 2026-03-03 --actor anna entity update 10000009 --designated-important
> 10000009 important
> changed: basis, class, flags
? 0
$ tilsyn-case --now 2026-03-03 --actor anna entity update 10000009 --sole-provider --public-impact
> 10000009 essential
> changed: basis, class, flags
? 0
$ tilsyn-case --now 2026-03-04 --actor anna entity update 10000009 --clear flags --sector energy --excluded-by energy
> 10000009 not-covered
> changed: basis, class, excluded_by, flags, sectors
? 0
$ tilsyn-case --now 2026-03-04 --actor anna entity update 10000009 --clear excluded-by
> 10000009 not-covered
> changed: basis, excluded_by
? 0
$ tilsyn-case entity show 10000009
> cvr:          10000009
> name:         Lille ApS
> class:        not-covered (§ 1, stk. 1)
> size:         small
> sectors:      energy
> employees:    5
> turnover:     EUR 100000
> balance:      EUR 100000
> history:      2026-03-02  anna  registered (not-covered)
>               2026-03-03  anna  basis: § 1, stk. 1 -> § 5
>                                 class: not-covered -> important
>                                 flags: (none) -> designated-important
>               2026-03-03  anna  basis: § 5 -> § 4, stk. 3, nr. 5, litra a; § 4, stk. 3, nr. 5, litra b
>                                 class: important -> essential
>                                 flags: designated-important -> sole-provider; public-impact
>               2026-03-04  anna  basis: § 4, stk. 3, nr. 5, litra a; § 4, stk. 3, nr. 5, litra b -> § 1
>                                 class: essential -> not-covered
>                                 excluded_by: (none) -> energy
>                                 flags: sole-provider; public-impact -> (none)
>                                 sectors: waste-management -> energy
>               2026-03-04  anna  basis: § 1 -> § 1, stk. 1
>                                 excluded_by: energy -> (none)
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 11 events, head HASH
? 0
