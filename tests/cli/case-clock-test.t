# The clock of a -Dtest_clock=true build (tools/test's, never installed):
# --now and TILSYN_NOW date writes too, so that the goldens can walk a
# case through months; the journal keeps the real time of each event and
# the --now beside it (as_of).  A default build refuses every write below:
# case-clock-real.t.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ TILSYN_NOW=2026-03-02 tilsyn-case --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject Tilsyn
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-16
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-10 --actor anna respond NIS-2026-0001 1 --received 2026-03-09
> NIS-2026-0001/2
? 0
$ tilsyn-case case show NIS-2026-0001 | grep -E '^(opened|    [12] )'
> opened:   2026-03-02
>     1  2026-03-02  request information, deadline 2026-03-16
>     2  2026-03-09  response (to step 1)
? 0
# each write dated by a --now says so in its event
$ sqlite3 tilsyn.db "SELECT kind, json_extract(payload, '$.as_of') FROM events ORDER BY seq"
> init|2026-03-02T11:00:00Z
> entity-add|2026-03-02T11:00:00Z
> case-open|2026-03-02T11:00:00Z
> request|2026-03-02T11:00:00Z
> response|2026-03-10T11:00:00Z
? 0
$ tilsyn-case verify | cut -d' ' -f1,2,3
> journal intact: 5
? 0
