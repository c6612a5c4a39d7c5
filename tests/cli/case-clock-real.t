# The clock of a default build (-Dtest_clock=false, what is installed):
# --now and TILSYN_NOW move "today" only for what reads; a write with
# either is refused before the database is opened, and every write is
# dated by the real clock (the case number's year too).  The same walk
# in a test_clock build is case-clock-test.t.
$ tilsyn-case --now 2026-03-02 init
! tilsyn-case: init: --now dates only what is read (due, show, log, export, letter, report); what changes the case file is dated by the real clock, and a past event takes its own date (--received, --date)
? 2
$ test ! -e tilsyn.db
? 0
$ TILSYN_NOW=2026-03-02 tilsyn-case init
! tilsyn-case: init: TILSYN_NOW dates only what is read (due, show, log, export, letter, report); what changes the case file is dated by the real clock, and a past event takes its own date (--received, --date)
? 2
$ test ! -e tilsyn.db
? 0
# --help opens nothing and changes nothing: a --now does not matter
$ tilsyn-case --now 2026-03-02 respond --help | head -1
> usage: tilsyn-case respond CASE STEP --received DATE [--summary TEXT]
? 0
$ tilsyn-case --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --actor anna --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300
! tilsyn-case: entity add: --now dates only what is read (due, show, log, export, letter, report); what changes the case file is dated by the real clock, and a past event takes its own date (--received, --date)
? 2
$ tilsyn-case --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300
> 24680134 essential
? 0
# the case number's year is the real year, whatever TILSYN_NOW says
$ TILSYN_NOW=1970-01-02 tilsyn-case --actor anna case open --cvr 24680134 --basis routine --subject Tilsyn
! tilsyn-case: case open: TILSYN_NOW dates only what is read (due, show, log, export, letter, report); what changes the case file is dated by the real clock, and a past event takes its own date (--received, --date)
? 2
$ tilsyn-case --actor anna case open --cvr 24680134 --basis routine --subject Tilsyn | sed "s/^NIS-$(TZ=Europe/Copenhagen date +%Y)-/NIS-YEAR-/"
> NIS-YEAR-0001
? 0
$ C=$(tilsyn-case case list | cut -d' ' -f1); tilsyn-case case show "$C" | grep -c "^opened: *$(TZ=Europe/Copenhagen date +%F)$"
> 1
? 0
# a request whose deadline is moved forward by a --now (the attack) ...
$ C=$(tilsyn-case case list | cut -d' ' -f1); tilsyn-case --now 2026-12-22 --actor anna request "$C" --kind information --purpose p --specification s --format PDF --deadline 2030-01-07
! tilsyn-case: request: --now dates only what is read (due, show, log, export, letter, report); what changes the case file is dated by the real clock, and a past event takes its own date (--received, --date)
? 2
# ... and the same request without it; its deadline is set from today
$ C=$(tilsyn-case case list | cut -d' ' -f1); tilsyn-case --actor anna request "$C" --kind information --purpose p --specification s --format PDF --deadline "$(TZ=Europe/Copenhagen date -d '+30 days' +%F)" 2>/dev/null | sed "s/^$C/CASE/"
> CASE/1
? 0
$ C=$(tilsyn-case case list | cut -d' ' -f1); tilsyn-case --now 2026-12-22 --actor anna respond "$C" 1 --received 2026-12-22
! tilsyn-case: respond: --now dates only what is read (due, show, log, export, letter, report); what changes the case file is dated by the real clock, and a past event takes its own date (--received, --date)
? 2
$ C=$(tilsyn-case case list | cut -d' ' -f1); TILSYN_NOW=2026-12-22 tilsyn-case --actor anna case close "$C" --reason x
! tilsyn-case: case close: TILSYN_NOW dates only what is read (due, show, log, export, letter, report); what changes the case file is dated by the real clock, and a past event takes its own date (--received, --date)
? 2
# what reads takes a --now: due two months ahead sees the request overdue
$ tilsyn-case --now "$(TZ=Europe/Copenhagen date -d '+61 days' +%F)" due | cut -c1-8
> overdue 
? 0
$ C=$(tilsyn-case case list | cut -d' ' -f1); TILSYN_NOW=2030-01-01 tilsyn-case letter "$C" 1 -o text | grep -c '^Anmodning om oplysninger$'
> 1
? 0
# issuing a letter journalises it: a write
$ C=$(tilsyn-case case list | cut -d' ' -f1); TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2030-01-01 letter "$C" 1 --issue -o text
! tilsyn-case: letter: --now dates only what is read (due, show, log, export, letter, report); what changes the case file is dated by the real clock, and a past event takes its own date (--received, --date)
? 2
# nothing in the journal was dated by a --now
$ sqlite3 tilsyn.db "SELECT count(*) FROM events WHERE payload LIKE '%as_of%'"
> 0
? 0
$ tilsyn-case verify | cut -d' ' -f1,2,3
> journal intact: 4
? 0
