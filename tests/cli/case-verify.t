# tilsyn-case verify: the hash chain catches an edited, a deleted (in the
# middle and at the end) and an inserted event made with the sqlite3 shell;
# and the tables the rules read must say what the journal says.
@include case.tt
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
@use entity-case CVR=24680134 NAME='Nordkraft A/S' SECTOR=energy FACTS='--employees 300' SUBJECT='Tilsyn 2026' CASE=NIS-2026-0001
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
$ for f in edit del last ins step stepdel mark; do cp tilsyn.db $f.db; done
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
@use broken DB=edit.db SQL='DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, '"'"'PDF'"'"', '"'"'Word'"'"') WHERE seq = 4' WANT='journal broken at event 4: event 4 was altered (its hash does not match its contents)'
@use broken DB=del.db SQL='DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 3' WANT='journal broken at event 3: event 3 is missing (the next stored event is 4)'
@use broken DB=last.db SQL='DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 5' WANT='journal broken at event 5: event 5 is missing (the chain head says 5 events, 4 are stored)'
@use broken DB=ins.db SQL='INSERT INTO events SELECT seq + 1, case_id, '"'"'2026-03-11T10:00:00Z'"'"', '"'"'mallory'"'"', kind, payload, hash, hash FROM events WHERE seq = 5' WANT='journal broken at event 6: event 6 is not in the chain (the chain head says 5 events; inserted?)'
$ set -o pipefail; TILSYN_DB=ins.db tilsyn-case -o json verify | sed 's/"head": "[0-9a-f]*"/"head": "HASH"/'
> {
>   "broken_at": 6,
>   "events": 5,
>   "head": "HASH",
>   "ok": false,
>   "reason": "event 6 is not in the chain (the chain head says 5 events; inserted?)"
> }
? 1
# A step moved behind the journal's back (a later hearing deadline would
# make an early decision look lawful) is caught, and so are a step row
# removed and a case marked closed without its event.
@use broken DB=step.db SQL='DROP TRIGGER steps_no_update; UPDATE steps SET deadline = '"'"'2026-03-31'"'"' WHERE n = 1' WANT='journal broken at event 4: step NIS-2026-0001/1 differs from event 4 that recorded it'
@use broken DB=stepdel.db SQL='DROP TRIGGER steps_no_delete; DELETE FROM steps WHERE n = 2' WANT='journal broken at event 5: event 5 records a step that is not in the steps table'
@use broken DB=mark.db SQL='UPDATE cases SET closed = '"'"'2026-03-11'"'"', close_reason = '"'"'x'"'"'' WANT='journal broken: case NIS-2026-0001: its open, closed or referred mark differs from the journal'
# The rows the rules read besides the steps: an entity made essential
# behind the journal's back (it would allow routine supervision and the
# essential-only measures), a case moved to a routine basis, a closed mark
# removed, and a case row deleted.
$ for f in cls basis reopen gone; do cp tilsyn.db $f.db; done
? 0
@use broken DB=cls.db SQL='UPDATE entities SET class = '"'"'important'"'"'' WANT='journal broken: entity 24680134: its row differs from its registration in the journal (its entity-add and entity-update events)'
@use broken DB=basis.db SQL='UPDATE cases SET basis = '"'"'indication'"'"', indication = '"'"'tip'"'"'' WANT='journal broken: case NIS-2026-0001: its row differs from the case-open event in the journal'
$ tilsyn-case --db reopen.db --now 2026-03-20 case close NIS-2026-0001 --reason 'answered'
> NIS-2026-0001
? 0
@use broken DB=reopen.db SQL='UPDATE cases SET closed = NULL, close_reason = NULL' WANT='journal broken at event 6: event 6 records an entity, a case or a scan that the tables do not hold'
@use broken DB=gone.db SQL='PRAGMA foreign_keys = OFF; DROP TRIGGER steps_no_delete; DELETE FROM steps; DELETE FROM cases' WANT='journal broken at event 4: event 4 records a step that is not in the steps table'
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 5 events, head HASH
? 0
