# tilsyn-case: COMMAND --help prints that command's usage without opening
# (or needing) a database; -o json is honoured by init, case open, case
# close and export.
$ tilsyn-case --db missing.db request --help
> usage: tilsyn-case request CASE --kind information|access|documentation
>            --purpose TEXT --specification TEXT --format TEXT --deadline DATE
>            [--legal-basis TEXT] [--voluntary]
? 0
$ test ! -e missing.db
? 0
$ tilsyn-case --db missing.db case --help
> usage: tilsyn-case case open --cvr CVR --basis routine|indication
>            [--indication TEXT] --subject TEXT
>        tilsyn-case case list [--open]
>        tilsyn-case case show CASE
>        tilsyn-case case close CASE [--reason TEXT]
>        tilsyn-case case reopen CASE --reason TEXT
? 0
$ tilsyn-case --db missing.db case close -h
> usage: tilsyn-case case close CASE [--reason TEXT]
? 0
$ tilsyn-case --db missing.db verify --help
> usage: tilsyn-case verify [--checkpoint FILE ...]
>            [--key FILE | --public-key FILE]
? 0
$ test ! -e missing.db
? 0
$ tilsyn-case --now 2026-03-02 -o json init
> {
>   "db": "tilsyn.db",
>   "schema_version": 3
> }
? 0
$ tilsyn-case --now 2026-03-02 entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 -o json case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> {
>   "case": "NIS-2026-0001",
>   "cvr": "24680134"
> }
? 0
$ tilsyn-case --now 2026-03-03 -o json case close NIS-2026-0001 --reason 'intet at bemærke'
> {
>   "case": "NIS-2026-0001",
>   "closed": true
> }
? 0
$ tilsyn-case -o json export NIS-2026-0001 | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["case"], d["closed"], d["close_reason"])'
> NIS-2026-0001 2026-03-03 intet at bemærke
? 0
$ tilsyn-case export NIS-2026-0001 | head -1
> <?xml version="1.0" encoding="UTF-8"?>
? 0
# letter -o json: what the letter is (draft or document, its SHA-256),
# the letter inside unless --out took it.
$ tilsyn-case --now 2026-03-02 case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0002
? 0
$ tilsyn-case --now 2026-03-02 request NIS-2026-0002 --kind information --purpose 'at vurdere foranstaltningerne' --specification 'risikoanalysen' --format PDF --deadline 2026-03-16
> NIS-2026-0002/1
? 0
$ tilsyn-case -o json letter NIS-2026-0002 1 -o text | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["step"], d["format"], d["draft"], "document" in d, d["letter"].splitlines()[0])'
> NIS-2026-0002/1 text True False UDKAST – ikke afsendt
? 0
$ tilsyn-case --now 2026-03-02 -o json letter NIS-2026-0002 1 -o text --issue --out sent.txt 2>/dev/null > issued.json
? 0
$ python3 -c 'import json,hashlib; d=json.load(open("issued.json")); print(d["document"], d["draft"], d["out"], "letter" in d, d["sha256"] == hashlib.sha256(open("sent.txt","rb").read()).hexdigest())'
> 1 False sent.txt False True
? 0
$ tilsyn-case -o json letter NIS-2026-0002 1 -o text | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["document"], d["draft"], d["letter"] == open("sent.txt").read(), d["sha256"] == json.load(open("issued.json"))["sha256"])'
> 1 False True True
? 0
