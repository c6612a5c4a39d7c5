# Closed cases (offentlighedsloven § 15): what the entity sends is still
# journalised (respond, incident, with files attached), every step of the
# ministry's is refused; case reopen opens the case again with its open
# deadlines back.  verify follows closes and reopens.  An incident's
# documents stay out of an access-request export.  A file of schema 2 is
# brought to schema 3 with the deadline triggers made again.
@include case.tt
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
@use entity-case CVR=24680134 NAME='Nordkraft A/S' SECTOR=energy FACTS='--employees 300' SUBJECT='Tilsyn 2026' CASE=NIS-2026-0001
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'p' --specification 's' --format PDF --deadline 2026-03-16
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind documentation --purpose 'p' --specification 's' --format PDF --deadline 2026-03-20
> NIS-2026-0001/2
? 0
$ tilsyn-case --now 2026-03-04 --actor anna case reopen NIS-2026-0001 --reason 'x'
! tilsyn-case: case reopen 'NIS-2026-0001': the case is open; only a closed case is reopened
? 1
$ tilsyn-case --now 2026-03-05 --actor anna case close NIS-2026-0001 --reason 'henlagt'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-17 due
? 0
# Documents received are journalised in the closed case ...
$ printf 'varsling\n' > varsling.txt && printf 'svar\n' > svar.pdf
? 0
$ tilsyn-case --now 2026-03-06 --actor bo incident NIS-2026-0001 --received 2026-03-06 --summary 'hændelse anmeldt' --attach varsling.txt
> NIS-2026-0001/3
? 0
$ tilsyn-case --now 2026-03-07 --actor bo respond NIS-2026-0001 1 --received 2026-03-07 --attach svar.pdf
> NIS-2026-0001/4
? 0
# ... nothing else is.
$ tilsyn-case --now 2026-03-07 --actor anna inspect NIS-2026-0001 --kind offsite
! tilsyn-case: inspect 'NIS-2026-0001/5': the case is closed; only documents received (respond, incident) are journalised in it until 'case reopen' (offentlighedsloven § 15)
? 1
$ tilsyn-case --now 2026-03-07 --actor anna hearing NIS-2026-0001 --measure warning --grounds 'g' --deadline 2026-03-28
! tilsyn-case: hearing 'NIS-2026-0001/5': the case is closed; only documents received (respond, incident) are journalised in it until 'case reopen' (offentlighedsloven § 15)
? 1
$ tilsyn-case --now 2026-03-07 --actor anna letter NIS-2026-0001 1 --issue
! tilsyn-case: letter 'NIS-2026-0001/1': the case is closed; no letter is issued in it (reopen it with 'case reopen')
? 1
$ tilsyn-case --now 2026-03-07 --actor anna case close NIS-2026-0001
! tilsyn-case: case close 'NIS-2026-0001': the case is closed; only documents received (respond, incident) are journalised in it until 'case reopen' (offentlighedsloven § 15)
? 1
$ set -o pipefail; tilsyn-case verify | sed 's/head .*/head H/'
> journal intact: 10 events, head H
? 0
# The document journal lists both files; the access-request export leaves
# out the incident's (§ 12) and keeps the response's.
$ tilsyn-case log NIS-2026-0001 | sed -n '/^documents:/,$p' | sed 's/  [0-9a-f]\{64\}$/  SHA/'
> documents:
>   1  2026-03-06  received  step 3  attachment 1 of 1 to step 3: varsling.txt  SHA
>   2  2026-03-07  received  step 4  attachment 1 of 1 to step 4: svar.pdf  SHA
? 0
$ tilsyn-case export NIS-2026-0001 --access-request 2>/dev/null | grep -c varsling
> 0
? 1
$ tilsyn-case -o json export NIS-2026-0001 --access-request 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print([x["name"] for x in d["documents"]], [x["name"] for x in d["evidence"]])'
> ['svar.pdf'] ['svar.pdf']
? 0
$ tilsyn-case -o json export NIS-2026-0001 | python3 -c 'import json,sys; d=json.load(sys.stdin); print([x["name"] for x in d["documents"]])'
> ['varsling.txt', 'svar.pdf']
? 0
# Reopened: with a reason; the deadline left open (step 2) is due again,
# the one the response settled (step 1) is not.
$ tilsyn-case --now 2026-03-08 --actor anna case reopen NIS-2026-0001
! tilsyn-case: case reopen 'NIS-2026-0001': --reason is required (why the case is taken up again)
? 2
$ tilsyn-case --now 2026-03-08 --actor anna case reopen NIS-2026-0001 --reason 'ny oplysning i hændelsen'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-17 due
> due      2026-03-20  NIS-2026-0001/2  answer to the request  Nordkraft A/S (in 3 days)
? 0
$ tilsyn-case --now 2026-03-17 case show NIS-2026-0001 | sed -n '/^steps:/,$p'
> steps:
>     1  2026-03-02  request information, deadline 2026-03-16
>     2  2026-03-02  request documentation, deadline 2026-03-20
>     3  2026-03-06  incident
>     4  2026-03-07  response (to step 1)
> documents:
>     1  2026-03-06  received  step 3  attachment 1 of 1 to step 3: varsling.txt
>     2  2026-03-07  received  step 4  attachment 1 of 1 to step 4: svar.pdf
> open deadlines:
>   2026-03-20  NIS-2026-0001/2  answer to the request (§ 21)
? 0
$ tilsyn-case case list
> NIS-2026-0001  open    24680134  Nordkraft A/S: Tilsyn 2026
? 0
$ tilsyn-case log NIS-2026-0001 | grep -c '  case-reopen  {"as_of":"2026-03-08T11:00:00Z","reason":"ny oplysning i hændelsen","reopened":"2026-03-08"}'
> 1
? 0
$ tilsyn-case --now 2026-03-09 --actor anna inspect NIS-2026-0001 --kind offsite
> NIS-2026-0001/5
? 0
# Open again, letters are issued; --reissue only after a first issue.
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-03-09 --actor anna letter NIS-2026-0001 2 --reissue 'ny adresse'
! tilsyn-case: letter 'NIS-2026-0001/2': --reissue: its letter was not issued before
? 2
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-03-09 --actor anna letter NIS-2026-0001 2 --issue -o text --recipient 'Nordkraft A/S, Postboks 9' 2>&1 >/dev/null | sed 's/SHA-256 [0-9a-f]*/SHA-256 SHA/'
> tilsyn-case: letter 'NIS-2026-0001/2': issued as document 3 (SHA-256 SHA)
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head .*/head H/'
> journal intact: 13 events, head H
? 0
# The reopened case's row marked closed behind the journal's back.
$ cp tilsyn.db mark.db
? 0
@use broken DB=mark.db SQL='UPDATE cases SET closed = '"'"'2026-03-09'"'"', close_reason = '"'"'x'"'"'' WANT='journal broken: case NIS-2026-0001: its open, closed or referred mark differs from the journal'
# Closed again: intact; its row reopened without an event is found.
$ tilsyn-case --now 2026-03-10 --actor anna case close NIS-2026-0001 --reason 'afsluttet'
> NIS-2026-0001
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head .*/head H/'
> journal intact: 14 events, head H
? 0
$ cp tilsyn.db open.db
? 0
@use broken DB=open.db SQL='UPDATE cases SET closed = NULL, close_reason = NULL' WANT='journal broken: step NIS-2026-0001/2: its open deadline is missing from the list that due reads'
# A case-reopen event for a case that is not closed, added with the
# chain and its head recomputed: the reopen itself is the finding.
$ cat > rechain.py
< import hashlib, sqlite3, sys
< db = sqlite3.connect(sys.argv[1], isolation_level=None)
< db.execute('BEGIN')
< db.execute("INSERT INTO events SELECT seq + 1, case_id, time, actor, 'case-reopen', '{\"reason\":\"x\",\"reopened\":\"2026-03-11\"}', hash, hash FROM events WHERE seq = (SELECT max(seq) FROM events)")
< prev = '0' * 64
< rows = db.execute('SELECT seq, case_id, time, actor, kind, payload FROM events ORDER BY seq').fetchall()
< for seq, case_id, time, actor, kind, payload in rows:
<     f = ['tilsyn-journal-v1', prev, str(seq), case_id or '', time, actor, kind, payload]
<     h = hashlib.sha256(''.join('%d:%s\n' % (len(v.encode()), v) for v in f).encode()).hexdigest()
<     db.execute('UPDATE events SET prev = ?, hash = ? WHERE seq = ?', (prev, h, seq))
<     prev = h
< db.execute("UPDATE meta SET value = ? WHERE key = 'journal_head'", (prev,))
< db.execute("UPDATE meta SET value = ? WHERE key = 'journal_seq'", (str(len(rows)),))
< db.execute('COMMIT')
? 0
$ cp tilsyn.db twice.db && tilsyn-case --db twice.db --now 2026-03-11 case reopen NIS-2026-0001 --reason 'igen' && sqlite3 twice.db 'DROP TRIGGER events_no_update' && python3 rechain.py twice.db && tilsyn-case --db twice.db verify
> NIS-2026-0001
> journal broken at event 16: event 16 reopens a case that was not closed
? 1
# A file of schema 2 whose deadline triggers are older text: brought to
# schema 3, the triggers made again from the rules, the journal intact.
$ tilsyn-case --db old.db --now 2026-03-02 --actor anna init && tilsyn-case --db old.db --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 && tilsyn-case --db old.db --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'S'
> old.db: schema version 3
> 24680134 essential
> NIS-2026-0001
? 0
$ sqlite3 old.db "DROP TABLE documents; DROP TRIGGER deadline_open; CREATE TRIGGER deadline_open AFTER INSERT ON steps WHEN NEW.kind IN ('request') BEGIN SELECT 1; END; PRAGMA user_version = 2"
? 0
$ tilsyn-case --db old.db --now 2026-03-10 --actor anna hearing NIS-2026-0001 --measure warning --grounds 'g' --deadline 2026-03-24
> NIS-2026-0001/1
? 0
$ sqlite3 old.db "SELECT sql FROM sqlite_schema WHERE name IN ('deadline_open', 'deadline_settle') ORDER BY name" > got && sqlite3 tilsyn.db "SELECT sql FROM sqlite_schema WHERE name IN ('deadline_open', 'deadline_settle') ORDER BY name" | cmp - got && ! grep -q 'SELECT 1' got && echo replaced
> replaced
? 0
# The hearing's deadline is open: the new trigger made it so.
$ tilsyn-case --db old.db --now 2026-03-11 due
> due      2026-03-24  NIS-2026-0001/1  response to the hearing  Nordkraft A/S (in 13 days)
? 0
$ set -o pipefail; tilsyn-case --db old.db verify | sed 's/head .*/head H/'
> journal intact: 4 events, head H
? 0
