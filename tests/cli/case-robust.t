# tilsyn-case on hostile ground: odd database files, bad text, bad steps,
# evidence that is not a plain file or too big, two writers at once.  Every
# bad input is exit 2 with a message naming what and where, and leaves the
# journal as it was.
@include case.tt
$ tilsyn-case bogus
! tilsyn-case: bogus: unknown command
? 2
$ mkdir dir.db && tilsyn-case --db dir.db case list
! tilsyn-case: case list: database 'dir.db' is not a regular file (or is a symbolic link)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ ln -s tilsyn.db link.db && tilsyn-case --db link.db case list
! tilsyn-case: case list: database 'link.db' is not a regular file (or is a symbolic link)
? 2
$ echo 'not a database' > junk.db && tilsyn-case --db junk.db case list
! tilsyn-case: case list: database 'junk.db' is not an SQLite database
? 2
$ : > empty.db && tilsyn-case --db empty.db case list
! tilsyn-case: case list: database 'empty.db' has no case file schema (run 'tilsyn-case init' first)
? 2
$ wc -c < empty.db
> 0
? 0
$ cp tilsyn.db newer.db && sqlite3 newer.db 'PRAGMA user_version = 7' && tilsyn-case --db newer.db verify
! tilsyn-case: verify: database 'newer.db' has schema version 7; this tilsyn-case knows up to 3 (use a newer tilsyn-case)
? 2
$ tilsyn-case --db no/such/dir/x.db init
! tilsyn-case: init: database 'no/such/dir/x.db': No such file or directory
? 2
$ TILSYN_NOW=yesterday tilsyn-case case list
! tilsyn-case: TILSYN_NOW 'yesterday' is not an ISO 8601 date or time
? 2
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name $'Nord\xffkraft' --sector energy --employees 300
! tilsyn-case: entity add: --name: the value is not valid UTF-8
? 2
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name $'Nord\xc0\xafkraft' --sector energy --employees 300
! tilsyn-case: entity add: --name: the value is not valid UTF-8
? 2
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name $'Nord\x1b[31mkraft' --sector energy --employees 300
! tilsyn-case: entity add: --name: the value contains a control character
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr=24680134 --basis routine --subject=$'Tilsyn \xe2\x82'
! tilsyn-case: case open: --subject: the value is not valid UTF-8
? 2
$ tilsyn-case --now 2026-03-02 --actor $'an\nna' case list
! tilsyn-case: --actor: give a name of 1 to 63 bytes of UTF-8 text on one line
? 2
# Text XML and the shell care about, as an entity's name and a subject.
@use entity-case CVR=24680134 NAME='Ærø Kraft & Co <A/S>' SECTOR=energy FACTS='--employees 300' SUBJECT='Tilsyn "2026" <&>' CASE=NIS-2026-0001
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Andet tilsyn'
> NIS-2026-0002
? 0
$ tilsyn-case --now 2026-03-02 --actor anna inspect NIS-2026-0001 --kind scan --evidence missing.xml
! tilsyn-case: inspect: --evidence 'missing.xml': No such file or directory
? 2
$ mkfifo pipe.xml && tilsyn-case --now 2026-03-02 --actor anna inspect NIS-2026-0001 --kind scan --evidence pipe.xml
! tilsyn-case: inspect: --evidence 'pipe.xml': not a regular file
? 2
$ truncate -s 65M huge.xml && tilsyn-case --now 2026-03-02 --actor anna inspect NIS-2026-0001 --kind scan --evidence huge.xml
! tilsyn-case: inspect: --evidence 'huge.xml': larger than 64 MiB
? 2
$ tilsyn-case --now 2026-03-02 --actor anna inspect NIS-2026-0001 --kind scan --date 2026-03-03
! tilsyn-case: inspect: --date '2026-03-03' is in the future
? 2
$ tilsyn-case --now 2026-03-02 --actor anna inspect NIS-2026-0001 --kind scan --date 2026-02-30
! tilsyn-case: inspect: --date '2026-02-30' is not a date (YYYY-MM-DD)
? 2
$ echo '<scan/>' > scan.xml && tilsyn-case --now 2026-03-02 --actor anna inspect NIS-2026-0001 --kind scan --evidence scan.xml
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-02 --actor anna respond NIS-2026-0001 1 --received 2026-03-02
! tilsyn-case: respond 'NIS-2026-0001/1': step 1 is an inspection, not a request or a hearing
? 2
$ tilsyn-case --now 2026-03-02 --actor anna respond NIS-2026-0001 NIS-2026-0002/1 --received 2026-03-02
! tilsyn-case: respond 'NIS-2026-0002/1': step is not in case 'NIS-2026-0001'
? 2
$ tilsyn-case --now 2026-03-02 --actor anna respond NIS-2026-0001 7 --received 2026-03-02
! tilsyn-case: respond 'NIS-2026-0001/7': no step 7 in the case
? 2
$ tilsyn-case --now 2026-03-02 --actor anna respond NIS-2026-0009 1 --received 2026-03-02
! tilsyn-case: respond 'NIS-2026-0009': no such case
? 2
$ tilsyn-case --now 2026-03-02 --actor anna respond NIS-26-1 1 --received 2026-03-02
! tilsyn-case: respond 'NIS-26-1': not a case number (NIS-YYYY-NNNN)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds $'TLS 1.0 < 1.2 & "RC4" ]]> </p>\n<script>' --deadline 2026-03-09
> NIS-2026-0001/2
? 0
# XML's special characters in the grounds: the letters stay well-formed.
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 2 | xmllint --noout - && echo well-formed
> well-formed
? 0
$ tilsyn-case --now 2026-03-10 --actor anna decide NIS-2026-0001 --measure warning --grounds 'TLS 1.0 < 1.2 & "RC4"'
> NIS-2026-0001/3
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 3 | xmllint --noout - && echo well-formed
> well-formed
? 0
$ tilsyn-case export NIS-2026-0001 | xmllint --noout - && echo well-formed
> well-formed
? 0
# One hearing, one decision.
$ tilsyn-case --now 2026-03-11 --actor anna decide NIS-2026-0001 --measure warning --grounds 'once more'
! tilsyn-case: decide 'NIS-2026-0001/4': the hearing on warning (step 2) already led to a decision (step 3); hear the entity again before a new decision (forvaltningsloven § 19)
? 1
$ tilsyn-case --now 2026-03-11 --actor anna comply NIS-2026-0001 3 --date 2026-03-11
! tilsyn-case: comply 'NIS-2026-0001/3': step 3 is not a decision with a deadline
? 2
# Six writers at once: each waits for the lock (busy_timeout), none fails.
$ (for i in 1 2 3 4 5 6; do tilsyn-case --now 2026-03-11 --actor anna request NIS-2026-0002 --kind information --purpose p --specification s --format PDF --deadline 2026-04-01 & done; wait) 2>&1 | sort
> NIS-2026-0002/1
> NIS-2026-0002/2
> NIS-2026-0002/3
> NIS-2026-0002/4
> NIS-2026-0002/5
> NIS-2026-0002/6
? 0
$ tilsyn-case --now 2026-03-11 due | grep -c 'NIS-2026-0002/[1-6]  answer to the request'
> 6
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head [0-9a-f]*$/head HASH/'
> journal intact: 13 events, head HASH
? 0
# A state body outside the public administration sector is still a public
# administration entity: no suspension (§ 23).
@use no-suspension CVR=31000009 NAME='Statens Sygehus' SECTOR=health SUBJECT=Tilsyn CASE=NIS-2026-0003
# Evidence kept in the database is checked against the hash its step
# recorded in the journal: edited content and a deleted row are caught.
$ cp tilsyn.db ev1.db && cp tilsyn.db ev2.db
? 0
@use broken DB=ev1.db SQL='DROP TRIGGER evidence_no_update; UPDATE evidence SET content = CAST('"'"'<scan ok=\"yes\"/>'"'"' AS BLOB)' WANT='journal broken: evidence NIS-2026-0001/1 '"'"'scan.xml'"'"': its content does not match the SHA-256 the journal recorded'
@use broken DB=ev2.db SQL='DROP TRIGGER evidence_no_delete; DELETE FROM evidence' WANT='journal broken: evidence NIS-2026-0001/1 '"'"'scan.xml'"'"' is missing from the evidence table'
# So is the list of open deadlines that due reads (kept by triggers): a
# deadline removed from it, or one added, would hide or invent a deadline.
$ cp tilsyn.db dl1.db && cp tilsyn.db dl2.db
? 0
$ sqlite3 dl1.db "DELETE FROM open_deadlines WHERE n = 3" && tilsyn-case --db dl1.db verify
> journal broken: step NIS-2026-0002/3: its open deadline is missing from the list that due reads
? 1
$ sqlite3 dl2.db "INSERT INTO open_deadlines VALUES ('NIS-2026-0001', 1)" && tilsyn-case --db dl2.db verify
> journal broken: step NIS-2026-0001/1: the list that due reads holds it, but it has no open deadline
? 1
$ rm ev1.db ev2.db dl1.db dl2.db
? 0
# A letter goes to a regular file or nowhere; a failed one leaves nothing.
$ mkdir out.d && TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 3 --out out.d
! tilsyn-case: letter: --out 'out.d': not a regular file
? 2
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 3 --out no/such/letter.xhtml
! tilsyn-case: letter: --out 'no/such/letter.xhtml': No such file or directory
? 2
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 3 --out advarsel.xhtml && grep -c Klagevejledning advarsel.xhtml
> 1
? 0
# Nothing was left behind by the refused commands (no -wal, no -shm).
$ ls
> advarsel.xhtml
> dir.db
> empty.db
> huge.xml
> junk.db
> link.db
> newer.db
> out.d
> pipe.xml
> scan.xml
> tilsyn.db
? 0
