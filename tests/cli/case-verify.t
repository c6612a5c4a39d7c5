# tilsyn-case verify: the hash chain catches an edited, a deleted (in the
# middle and at the end) and an inserted event made with the sqlite3 shell.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 1
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'p' --specification 's' --format PDF --deadline 2026-03-16
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-10 --actor bo respond NIS-2026-0001 1 --received 2026-03-10
> NIS-2026-0001/2
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 5 events, head HASH
? 0
# The last connection checkpoints the WAL: the file alone is the database.
$ ls
> tilsyn.db
? 0
$ for f in edit del last ins; do cp tilsyn.db $f.db; done
? 0
# Triggers refuse edits through SQL ...
$ sqlite3 tilsyn.db "UPDATE events SET actor = 'mallory' WHERE seq = 4" 2>&1 | grep -c append-only
> 1
? 0
$ sqlite3 tilsyn.db "DELETE FROM events WHERE seq = 4" 2>&1 | grep -c append-only
> 1
? 0
$ sqlite3 tilsyn.db "UPDATE steps SET date = '2026-01-01'" 2>&1 | grep -c append-only
> 1
? 0
# ... and the chain catches what gets past them.
$ sqlite3 edit.db "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'PDF', 'Word') WHERE seq = 4"
? 0
$ tilsyn-case --db edit.db verify
> journal broken at event 4: event 4 was altered (its hash does not match its contents)
? 1
$ sqlite3 del.db "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 3"
? 0
$ tilsyn-case --db del.db verify
> journal broken at event 3: event 3 is missing (the next stored event is 4)
? 1
$ sqlite3 last.db "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 5"
? 0
$ tilsyn-case --db last.db verify
> journal broken at event 5: event 5 is missing (the chain head says 5 events, 4 are stored)
? 1
$ sqlite3 ins.db "INSERT INTO events SELECT seq + 1, case_id, '2026-03-11T10:00:00Z', 'mallory', kind, payload, hash, hash FROM events WHERE seq = 5"
? 0
$ tilsyn-case --db ins.db verify
> journal broken at event 6: event 6 is not in the chain (the chain head says 5 events; inserted?)
? 1
$ set -o pipefail; TILSYN_DB=ins.db tilsyn-case -o json verify | sed 's/"head": "[0-9a-f]*"/"head": "HASH"/'
> {
>   "broken_at": 6,
>   "events": 5,
>   "head": "HASH",
>   "ok": false,
>   "reason": "event 6 is not in the chain (the chain head says 5 events; inserted?)"
> }
? 1
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 5 events, head HASH
? 0
