# Text a person wrote (common/text.h): invisible text does not fill a
# mandatory field, one-line fields take one line, bidi controls are
# refused, and every printer escapes what it prints, so that no stored
# value (a legacy one made with sqlite3 here) forges a line of `due`.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name Nordkraft --sector energy --employees 300
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 10000033 --name $'Evil\noverdue  2026-01-01  NIS-2026-0009/1  forged' --sector energy --employees 300
! tilsyn-case: entity add: --name 'Evil\noverdue  2026-01-01  NIS-2026-0009/1  forged' has a tab or a line break (it takes one line)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 10000033 --name $'\u00a0' --sector energy --employees 300
! tilsyn-case: entity add: --name is required
? 2
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 10000033 --name $'A\u202eB' --sector energy --employees 300
! tilsyn-case: entity add: --name: the value contains a bidirectional control character (U+202E)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 10000033 --name N --sector energy --employees 300 --email $'a@b.dk\nx@y.dk'
! tilsyn-case: entity add: --email 'a@b.dk\nx@y.dk' has a tab or a line break (it takes one line)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject $'\u3000'
! tilsyn-case: case open: --subject is required
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject $'Tilsyn\nmed'
! tilsyn-case: case open: --subject 'Tilsyn\nmed' has a tab or a line break (it takes one line)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis indication --indication $'\u00a0' --subject Tilsyn
! tilsyn-case: case open '24680134': --basis indication needs --indication stating it (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject Tilsyn
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose $'\u200b' --specification s --format PDF --deadline 2026-03-20
! tilsyn-case: request 'NIS-2026-0001/1': --purpose is required (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose p --specification $'\u00a0' --format PDF --deadline 2026-03-20
! tilsyn-case: request 'NIS-2026-0001/1': --specification is required (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format $'\u3000' --deadline 2026-03-20
! tilsyn-case: request 'NIS-2026-0001/1': --format is required (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format $'\ufeff\u2060' --deadline 2026-03-20
! tilsyn-case: request 'NIS-2026-0001/1': --format is required (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose $'p\u2066' --specification s --format PDF --deadline 2026-03-20
! tilsyn-case: request: --purpose: the value contains a bidirectional control character (U+2066)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose p --specification s --format PDF --deadline 2026-03-20 --legal-basis $'\u2003'
! tilsyn-case: request: --legal-basis ' ' has no visible character
? 2
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose $'at vurdere\nforanstaltningerne' --specification s --format PDF --deadline 2026-03-20
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure warning --grounds $'\u00a0\u200b' --deadline 2026-03-30
! tilsyn-case: hearing: --grounds is required (forvaltningsloven § 19)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna case close NIS-2026-0001 --reason $'\u00a0'
! tilsyn-case: case close 'NIS-2026-0001': step 1 has an open deadline (answer to the request, 2026-03-20); --reason must say why the case is closed anyway (§ 21)
? 1
$ tilsyn-case --now 2026-03-02 --actor $'anna\u202e' case list
! tilsyn-case: --actor: give a name of 1 to 63 bytes of UTF-8 text on one line
? 2
# A value stored before these rules: printed on one line, escaped.
$ sqlite3 tilsyn.db "UPDATE entities SET name = 'Nordkraft' || char(10) || 'overdue  2026-01-01  NIS-2026-0009/1  forged' || char(27) || '[2J' WHERE cvr = '24680134'"
? 0
$ tilsyn-case --now 2026-03-25 due
> overdue  2026-03-20  NIS-2026-0001/1  answer to the request  Nordkraft\noverdue  2026-01-01  NIS-2026-0009/1  forged\u{001B}[2J (5 days overdue)
? 1
$ tilsyn-case --now 2026-03-25 case list
> NIS-2026-0001  open    24680134  Nordkraft\noverdue  2026-01-01  NIS-2026-0009/1  forged\u{001B}[2J: Tilsyn
? 0
$ tilsyn-case --now 2026-03-25 entity list
> 24680134  essential    Nordkraft\noverdue  2026-01-01  NIS-2026-0009/1  forged\u{001B}[2J
? 0
# A global option without its value is named as such, not as "-d".
$ tilsyn-case --db
! tilsyn-case: --db needs a value
? 2
$ tilsyn-case --now
! tilsyn-case: --now needs a value
? 2
$ tilsyn-case --actor
! tilsyn-case: --actor needs a value
? 2
