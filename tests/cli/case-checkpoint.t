# tilsyn-case checkpoint and verify --checkpoint: a signed checkpoint kept
# outside the file catches what the chain alone cannot (the last events
# deleted with the head and count rewritten, a re-chain after an edit); a
# forged checkpoint is refused.  verify compares every column (the actors
# of steps and evidence too), reports a dropped or replaced trigger, and
# only reads: a read-only database will do, and a writer holding the lock
# does not hold it up.
@include case.tt
# The attacker's tool: drops the triggers, runs the SQL, optionally
# recomputes the whole chain and the head, and puts the triggers back as
# they were (the same text), so only what the SQL did is left to find.
$ cat > tamper.py
< import hashlib, sqlite3, sys
< db = sqlite3.connect(sys.argv[1], isolation_level=None)
< trig = db.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").fetchall()
< db.execute('BEGIN')
< for name, sql in trig:
<     db.execute('DROP TRIGGER ' + name)
< for stmt in sys.argv[2].split(';'):
<     if stmt.strip():
<         db.execute(stmt)
< if '--rechain' in sys.argv:
<     prev = '0' * 64
<     rows = db.execute('SELECT seq, case_id, time, actor, kind, payload FROM events ORDER BY seq').fetchall()
<     for seq, case_id, time, actor, kind, payload in rows:
<         f = ['tilsyn-journal-v1', prev, str(seq), case_id or '', time, actor, kind, payload]
<         h = hashlib.sha256(''.join('%d:%s\n' % (len(v.encode()), v) for v in f).encode()).hexdigest()
<         db.execute('UPDATE events SET prev = ?, hash = ? WHERE seq = ?', (prev, h, seq))
<         prev = h
<     db.execute("UPDATE meta SET value = ? WHERE key = 'journal_head'", (prev,))
< for name, sql in trig:
<     db.execute(sql)
< db.execute('COMMIT')
? 0
$ printf '<scan ok="no"/>\n' > scan.xml
? 0
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
@use entity-case CVR=24680134 NAME='Nordkraft A/S' SECTOR=energy FACTS='--employees 300' SUBJECT='Tilsyn 2026' CASE=NIS-2026-0001
$ tilsyn-case --now 2026-03-03 --actor anna inspect NIS-2026-0001 --kind scan --evidence scan.xml
> NIS-2026-0001/1
? 0
# The first checkpoint makes the key beside the database, 0600.
$ tilsyn-case checkpoint --out cp4
! tilsyn-case: checkpoint: new signing key 'tilsyn.db.key' (keep its public key: tilsyn-case checkpoint --public-key)
? 0
$ stat -c %a tilsyn.db.key && sed -n '1p;3p' cp4 && sed -n 2p cp4 | grep -c '^db-id [0-9a-f]\{64\}$' && wc -l < cp4
> 600
> tilsyn-checkpoint 1
> seq 4
> 1
> 7
? 0
$ tilsyn-case checkpoint --public-key > pub.pem && head -1 pub.pem
> -----BEGIN PUBLIC KEY-----
? 0
$ tilsyn-case --now 2026-03-04 --actor bo request NIS-2026-0001 --kind information --purpose 'p' --specification 's' --format PDF --deadline 2026-03-18
> NIS-2026-0001/2
? 0
$ tilsyn-case checkpoint > cp5 && sed -n 3p cp5
> seq 5
? 0
# The head a checkpoint signs is the head verify prints.
$ set -o pipefail; tilsyn-case verify | sed 's/.*head //' > head && sed -n 4p cp5 | sed 's/^head //' | cmp - head
? 0
# Intact: the journal extends both.
$ set -o pipefail; tilsyn-case verify --checkpoint cp4 --checkpoint cp5 --public-key pub.pem | sed 's/head [0-9a-f]*$/head HASH/; s/ of [0-9TZ:-]*,/ of TIME,/'
> journal intact: 5 events, head HASH
> checkpoint 'cp4': event 4 of TIME, extended
> checkpoint 'cp5': event 5 of TIME, extended
? 0
$ tilsyn-case -o json verify --checkpoint cp5 --public-key pub.pem | grep -c '"extended": true'
> 1
? 0
# The key beside the database is the default for the signatures too.
$ set -o pipefail; tilsyn-case verify --checkpoint cp5 | sed 's/head [0-9a-f]*$/head HASH/; s/ of [0-9TZ:-]*,/ of TIME,/'
> journal intact: 5 events, head HASH
> checkpoint 'cp5': event 5 of TIME, extended
? 0
# Tail truncation: the last event and its rows deleted, the head and count
# rewritten.  The chain alone cannot tell (see CAVEATS); the checkpoint
# taken at event 5 can, and the one at event 4 is still extended.
$ cp tilsyn.db trunc.db && python3 tamper.py trunc.db "DELETE FROM events WHERE seq = 5; DELETE FROM steps WHERE n = 2; DELETE FROM open_deadlines WHERE n = 2; UPDATE meta SET value = '4' WHERE key = 'journal_seq'; UPDATE meta SET value = (SELECT hash FROM events WHERE seq = 4) WHERE key = 'journal_head'"
? 0
$ set -o pipefail; tilsyn-case --db trunc.db verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 4 events, head HASH
? 0
$ tilsyn-case --db trunc.db verify --checkpoint cp5 --public-key pub.pem
> journal broken at event 5: checkpoint 'cp5' was taken at event 5, but the journal ends at event 4 (events removed and the chain head rewritten)
? 1
$ set -o pipefail; tilsyn-case --db trunc.db verify --checkpoint cp4 --public-key pub.pem | sed 's/head [0-9a-f]*$/head HASH/; s/ of [0-9TZ:-]*,/ of TIME,/'
> journal intact: 4 events, head HASH
> checkpoint 'cp4': event 4 of TIME, extended
? 0
# A re-chain: the request's format edited in the event and its step, and
# every hash and the head recomputed.  Intact to the chain; not to cp5.
$ cp tilsyn.db rechain.db && python3 tamper.py rechain.db "UPDATE events SET payload = replace(payload, 'PDF', 'Word') WHERE seq = 5; UPDATE steps SET data = replace(data, 'PDF', 'Word') WHERE n = 2" --rechain
? 0
$ set -o pipefail; tilsyn-case --db rechain.db verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 5 events, head HASH
? 0
$ tilsyn-case --db rechain.db verify --checkpoint cp4 --checkpoint cp5 --public-key pub.pem
> journal broken at event 5: event 5 is not the one checkpoint 'cp5' signed (the journal was rewritten from there or before)
? 1
# Re-chained from the first event on (a new init): not the journal the
# checkpoint was taken of.
$ cp tilsyn.db rebuilt.db && python3 tamper.py rebuilt.db "UPDATE events SET actor = 'mallory' WHERE seq = 1" --rechain
? 0
$ tilsyn-case --db rebuilt.db verify --checkpoint cp4 --public-key pub.pem
> journal broken at event 1: checkpoint 'cp4': the journal's first event is not the one it was taken of (another case file, or this journal rewritten from its start)
? 1
# A forged checkpoint: edited (its signature no longer verifies), signed
# with another key, or not a checkpoint at all.
$ sed 's/^seq 5$/seq 4/' cp5 > edited && tilsyn-case verify --checkpoint edited --public-key pub.pem
! tilsyn-case: verify 'edited': checkpoint refused: its signature does not verify (forged or altered)
? 1
$ tilsyn-case --db trunc.db checkpoint --key mallory.key > forged
! tilsyn-case: checkpoint: new signing key 'mallory.key' (keep its public key: tilsyn-case checkpoint --public-key)
? 0
$ tilsyn-case --db trunc.db verify --checkpoint forged --public-key pub.pem
! tilsyn-case: verify 'forged': checkpoint refused: it was signed with another key (key-id differs)
? 1
$ printf 'tilsyn-checkpoint 1\r\n' > junk && tilsyn-case verify --checkpoint junk --public-key pub.pem
! tilsyn-case: verify 'junk': not a tilsyn checkpoint: line 1: 'tilsyn-checkpoint 1' expected
? 2
$ head -c 300 cp5 > short && tilsyn-case verify --checkpoint short --public-key pub.pem
! tilsyn-case: verify 'short': not a tilsyn checkpoint: line 7: 'signature' expected, the text ends
? 2
$ tilsyn-case verify --public-key pub.pem
! tilsyn-case: verify: --key and --public-key check checkpoints: give --checkpoint FILE
? 2
# A broken journal is not signed.
$ cp tilsyn.db broken.db && sqlite3 broken.db "DROP TRIGGER steps_no_update; UPDATE steps SET deadline = '2026-03-31' WHERE n = 2" && tilsyn-case --db broken.db checkpoint --key tilsyn.db.key
! tilsyn-case: checkpoint: the journal is not intact (run verify): no checkpoint signed
? 1
# The key: never through a symlink, never one others can read.
$ ln -s tilsyn.db.key link.key && tilsyn-case checkpoint --key link.key
! tilsyn-case: checkpoint: key 'link.key': not a regular file (or a symbolic link)
? 2
$ chmod 640 tilsyn.db.key && tilsyn-case checkpoint
! tilsyn-case: checkpoint: key 'tilsyn.db.key': readable by group or others (chmod 600)
? 2
$ chmod 600 tilsyn.db.key && printf 'not a key\n' > bad.key && chmod 600 bad.key && tilsyn-case checkpoint --key bad.key
! tilsyn-case: checkpoint: key 'bad.key': not an unencrypted Ed25519 key in PEM
? 2
# Every column against the journal: the actor of a step and of evidence.
$ cp tilsyn.db actor.db && python3 tamper.py actor.db "UPDATE steps SET actor = 'mallory' WHERE n = 1"
? 0
$ tilsyn-case --db actor.db verify
> journal broken at event 4: step NIS-2026-0001/1 differs from event 4 that recorded it
? 1
$ cp tilsyn.db evactor.db && python3 tamper.py evactor.db "UPDATE evidence SET actor = 'mallory'"
? 0
$ tilsyn-case --db evactor.db verify
> journal broken: evidence NIS-2026-0001/1 'scan.xml': the evidence table differs from the journal
? 1
# The triggers the schema creates: one dropped, one replaced by a no-op.
$ cp tilsyn.db drop.db
? 0
@use broken DB=drop.db SQL='DROP TRIGGER events_no_delete' WANT='journal broken: the schema'"'"'s trigger '"'"'events_no_delete'"'"' is missing (dropped behind the program'"'"'s back)'
$ cp tilsyn.db noop.db && sqlite3 noop.db "DROP TRIGGER evidence_no_update; CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence BEGIN SELECT 1; END" && tilsyn-case --db noop.db verify
> journal broken: the schema's trigger 'evidence_no_update' differs from the one the schema creates (its guard replaced)
? 1
$ cp tilsyn.db settle.db && sqlite3 settle.db 'DROP TRIGGER deadline_settle' && tilsyn-case --db settle.db verify
> journal broken: the schema's trigger 'deadline_settle' is missing (dropped behind the program's back)
? 1
# Read-only: a file of mode 0444 (root may still write it: verify must not)
# is read, and neither its bytes nor its time change.
$ rm -f *.db-wal *.db-shm && cp tilsyn.db ro.db && chmod 0444 ro.db && touch -d '2026-01-01 00:00:00 UTC' ro.db && sha256sum ro.db > ro.sum
? 0
$ set -o pipefail; tilsyn-case --db ro.db verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 5 events, head HASH
? 0
$ tilsyn-case --db ro.db case list && tilsyn-case --db ro.db --now 2026-03-05 due | grep -c NIS-2026-0001/2 && tilsyn-case --db ro.db log NIS-2026-0001 | wc -l && tilsyn-case --db ro.db entity list
> NIS-2026-0001  open    24680134  Nordkraft A/S: Tilsyn 2026
> 1
> 3
> 24680134  essential    Nordkraft A/S
? 0
$ tilsyn-case --db ro.db checkpoint --key tilsyn.db.key | sed -n 3p
> seq 5
? 0
$ sha256sum -c ro.sum && stat -c %Y ro.db
> ro.db: OK
> 1767225600
? 0
# A writer holding the write lock (BEGIN IMMEDIATE, a change not yet
# committed) holds up neither verify nor case list, and they see the file
# as committed; busy_timeout is 10 s, so a wait would show.
$ python3 -
< import sqlite3, subprocess, time
< db = sqlite3.connect('tilsyn.db', isolation_level=None)
< db.execute('BEGIN IMMEDIATE')
< db.execute("INSERT INTO meta VALUES ('x', 'y')")
< t = time.time()
< for cmd in (['verify'], ['case', 'list'], ['checkpoint']):
<     p = subprocess.run(['tilsyn-case'] + cmd, capture_output=True, text=True)
<     print(' '.join([str(p.returncode)] + p.stdout.split()[:2] + p.stderr.split()))
< print('waited' if time.time() - t > 5 else 'not held up')
< db.execute('ROLLBACK')
> 0 journal intact:
> 0 NIS-2026-0001 open
> 0 tilsyn-checkpoint 1
> not held up
? 0
# A command that only reads does not migrate: an older schema is named.
$ cp tilsyn.db old.db && sqlite3 old.db 'PRAGMA user_version = 1' && tilsyn-case --db old.db case list
! tilsyn-case: case list: database 'old.db' needs its schema brought up to date, which a command that only reads does not do (run 'tilsyn-case init' with write access)
? 2
# init on an existing empty file leaves it 0600, as a file it creates.
$ touch empty.db && chmod 0644 empty.db && tilsyn-case --db empty.db init && stat -c %a empty.db
> empty.db: schema version 3
> 600
? 0
