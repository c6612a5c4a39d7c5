# Letters are journalised documents (offentlighedsloven § 15): a letter
# not issued is a draft (UDKAST); letter --issue keeps the bytes sent with
# their SHA-256, the template's name and SHA-256, date and recipient, and
# journalises them; printing an issued letter gives those bytes back
# whatever the templates say now; issuing twice needs --reissue REASON.
# verify finds edited bytes, an edited SHA-256 and a deleted document.
@include case.tt
# The attacker's tool: drops the triggers, runs the SQL (sha256() at
# hand), and puts the triggers back as they were.
$ cat > tamper.py
< import hashlib, sqlite3, sys
< db = sqlite3.connect(sys.argv[1], isolation_level=None)
< db.create_function('sha256', 1, lambda b: hashlib.sha256(b).hexdigest())
< trig = db.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").fetchall()
< db.execute('BEGIN')
< for name, sql in trig:
<     db.execute('DROP TRIGGER ' + name)
< for stmt in sys.argv[2].split(';'):
<     if stmt.strip():
<         db.execute(stmt)
< for name, sql in trig:
<     db.execute(sql)
< db.execute('COMMIT')
? 0
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --address 'Kraftvej 1, 7000 Fredericia'
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere foranstaltningerne' --specification 'risikoanalyse' --format 'PDF' --deadline 2026-03-16
> NIS-2026-0001/1
? 0
# The templates in a copy the handler may edit.
$ cp -r $SRCDIR/templates tpl
? 0
# Not issued: a draft, marked so in text and XHTML.
$ TILSYN_TEMPLATES=tpl tilsyn-case letter NIS-2026-0001 1 -o text | head -2
> UDKAST – ikke afsendt
>
? 0
$ TILSYN_TEMPLATES=tpl tilsyn-case letter NIS-2026-0001 1 | grep -c '<strong>UDKAST – ikke afsendt</strong>'
> 1
? 0
# Issued: the letter sent has no draft mark; stdout is what was kept.
$ TILSYN_TEMPLATES=tpl tilsyn-case --now 2026-03-02 --actor anna letter NIS-2026-0001 1 --issue --out sent.xhtml 2> issued.txt; echo $?; grep -c UDKAST sent.xhtml; sed "s/$(sha256sum sent.xhtml | cut -c1-64)/SHA/" issued.txt
> 0
> 0
> tilsyn-case: letter 'NIS-2026-0001/1': issued as document 1 (SHA-256 SHA)
? 0
$ xmllint --noout sent.xhtml
? 0
# A second issue is refused; --reissue says why, a new document.
$ TILSYN_TEMPLATES=tpl tilsyn-case --now 2026-03-03 --actor anna letter NIS-2026-0001 1 --issue
! tilsyn-case: letter 'NIS-2026-0001/1': its letter was issued on 2026-03-02 as document 1; give --reissue REASON to issue it again (offentlighedsloven § 15)
? 1
$ tilsyn-case --now 2026-03-03 --actor anna letter NIS-2026-0001 1 --recipient 'Nordkraft A/S, Postboks 9'
! tilsyn-case: letter: --recipient goes with --issue
? 2
$ tilsyn-case --now 2026-03-03 --actor anna letter NIS-2026-0001 1 --reissue ' '
! tilsyn-case: letter: --reissue ' ' has no visible character
? 2
# The template edited after the issue ...
$ sed -i 's/Anmodning om oplysninger/Anmodning om andet/' tpl/informationsanmodning.xsl && grep -c 'Anmodning om andet' tpl/informationsanmodning.xsl
> 1
? 0
# ... but the issued letter prints as it was sent, byte for byte.
$ TILSYN_TEMPLATES=tpl tilsyn-case --now 2026-04-01 letter NIS-2026-0001 1 | cmp - sent.xhtml && echo same
> same
? 0
$ tilsyn-case letter NIS-2026-0001 1 --template nosuch | cmp - sent.xhtml && echo same
> same
? 0
# Only the format issued is kept.
$ tilsyn-case letter NIS-2026-0001 1 -o text
! tilsyn-case: letter 'NIS-2026-0001/1': its letter was issued on 2026-03-02 as xhtml (document 1); print it with -o xhtml
? 1
# Reissued with the edited template, to another recipient, as text.
$ TILSYN_TEMPLATES=tpl tilsyn-case --now 2026-03-03 --actor anna letter NIS-2026-0001 1 --reissue 'sendt til ny adresse' --recipient 'Nordkraft A/S, Postboks 9' -o text --out re.txt 2>/dev/null && grep -c 'Anmodning om andet' re.txt && tilsyn-case letter NIS-2026-0001 1 -o text | cmp - re.txt && echo same
> 1
> same
? 0
# Files the entity sent with its response: evidence, and documents received.
$ printf 'svar\n' > svar.pdf && printf 'bilag 1\n' > bilag.pdf
? 0
$ tilsyn-case --now 2026-03-10 --actor bo respond NIS-2026-0001 1 --received 2026-03-09 --summary 'svar modtaget' --attach svar.pdf --attach bilag.pdf
> NIS-2026-0001/2
? 0
$ tilsyn-case --now 2026-03-10 --actor bo respond NIS-2026-0001 1 --received 2026-03-09 --attach nosuch.pdf
! tilsyn-case: respond: --attach 'nosuch.pdf': No such file or directory
? 2
# The document journal: log, export (XML and JSON).
$ tilsyn-case log NIS-2026-0001 | sed -n '/^documents:/,$p' | sed 's/  [0-9a-f]\{64\}$/  SHA/'
> documents:
>   1  2026-03-02  sent      step 1  letter of step 1 (request)  SHA
>   2  2026-03-03  sent      step 1  letter of step 1 (request)  SHA
>   3  2026-03-09  received  step 2  attachment 1 of 2 to step 2: svar.pdf  SHA
>   4  2026-03-09  received  step 2  attachment 2 of 2 to step 2: bilag.pdf  SHA
? 0
$ tilsyn-case log NIS-2026-0001 | grep -c '  document  '
> 4
? 0
$ tilsyn-case export NIS-2026-0001 | sed -n '/<documents>/,/<\/documents>/p' | sed 's/sha256="[0-9a-f]*"/sha256="SHA"/g'
>   <documents>
>     <document n="1" step="1" direction="sent" date="2026-03-02" party="Nordkraft A/S, Kraftvej 1, 7000 Fredericia" format="xhtml" size="1776" sha256="SHA" template="informationsanmodning" template-sha256="SHA" actor="anna">letter of step 1 (request)</document>
>     <document n="2" step="1" direction="sent" date="2026-03-03" party="Nordkraft A/S, Postboks 9" format="text" size="1061" sha256="SHA" template="informationsanmodning" template-sha256="SHA" reason="sendt til ny adresse" actor="anna">letter of step 1 (request)</document>
>     <document n="3" step="2" direction="received" date="2026-03-09" party="Nordkraft A/S, Kraftvej 1, 7000 Fredericia" name="svar.pdf" size="5" sha256="SHA" actor="bo">attachment 1 of 2 to step 2</document>
>     <document n="4" step="2" direction="received" date="2026-03-09" party="Nordkraft A/S, Kraftvej 1, 7000 Fredericia" name="bilag.pdf" size="8" sha256="SHA" actor="bo">attachment 2 of 2 to step 2</document>
>   </documents>
? 0
# The SHA-256 the journal lists is that of the bytes sent and received.
$ tilsyn-case -o json export NIS-2026-0001 | python3 -c 'import json,sys; d=json.load(sys.stdin)["documents"]; print(d[0]["sha256"], d[3]["sha256"], d[0]["template_sha256"])' > got && sha256sum sent.xhtml bilag.pdf $SRCDIR/templates/informationsanmodning.xsl | cut -c1-64 | tr '\n' ' ' | sed 's/ $/\n/' | cmp - got && echo same
> same
? 0
$ set -o pipefail; tilsyn-case verify | sed 's/head .*/head H/'
> journal intact: 9 events, head H
? 0
# What verify finds: a letter's bytes edited, its SHA-256 edited with
# them, a received file's SHA-256 edited, a document deleted, and a
# document's actor changed.
$ for f in bytes both recv del actor; do cp tilsyn.db $f.db; done
? 0
$ sqlite3 tilsyn.db "UPDATE documents SET content = CAST('x' AS BLOB)" 2>&1 | grep -c append-only
> 1
? 0
$ python3 tamper.py bytes.db "UPDATE documents SET content = CAST(replace(CAST(content AS TEXT), 'risikoanalyse', 'intet') AS BLOB) WHERE n = 1" && tilsyn-case --db bytes.db verify
> journal broken at event 5: document 1 of case NIS-2026-0001: its content does not match its SHA-256
? 1
$ python3 tamper.py both.db "UPDATE documents SET content = CAST(replace(CAST(content AS TEXT), 'risikoanalyse', 'intet') AS BLOB) WHERE n = 1; UPDATE documents SET sha256 = sha256(content), size = length(content) WHERE n = 1" && tilsyn-case --db both.db verify
> journal broken at event 5: document 1 of case NIS-2026-0001 differs from event 5 that recorded it
? 1
$ python3 tamper.py recv.db "UPDATE documents SET sha256 = sha256(CAST('other' AS BLOB)) WHERE n = 4" && tilsyn-case --db recv.db verify
> journal broken at event 9: document 4 of case NIS-2026-0001: the evidence row it names differs from it
? 1
$ python3 tamper.py del.db "DELETE FROM documents WHERE n = 2" && tilsyn-case --db del.db verify
> journal broken at event 6: event 6 records a document that is not in the documents table
? 1
$ python3 tamper.py actor.db "UPDATE documents SET actor = 'mallory' WHERE n = 3" && tilsyn-case --db actor.db verify
> journal broken at event 8: document 3 of case NIS-2026-0001 differs from event 8 that recorded it
? 1
# A dropped guard of the documents table is found too.
$ cp tilsyn.db trig.db && sqlite3 trig.db 'DROP TRIGGER documents_no_delete' && tilsyn-case --db trig.db verify
> journal broken: the schema's trigger 'documents_no_delete' is missing (dropped behind the program's back)
? 1
# Steps without a letter cannot be issued.
$ tilsyn-case --now 2026-03-10 letter NIS-2026-0001 2 --issue
! tilsyn-case: letter 'NIS-2026-0001/2': no letter for a step of kind response (give --template)
? 2
