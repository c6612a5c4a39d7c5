# tilsyn-case letter -o text: a paragraph is wrapped at 72 columns and
# never cut (issue 11: 22.5 KB of grounds showed up to a word about
# halfway), and "NIS 2" is never split across lines, whether written with
# an ordinary space or a no-break space (U+00A0, printed as a space).
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --turnover 800000000
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0001
? 0
# 2800 numbered words (22.4 KB) and a last word.
$ G=$(python3 -c "print(' '.join('ord%04d' % i for i in range(2800)))") && echo ${#G} && tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure forbud --grounds "$G slutord" --deadline 2026-03-20
> 22399
> NIS-2026-0001/1
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 1 -o text > long.txt && tr ' ' '\n' < long.txt | grep -c '^ord[0-9]*$'
> 2800
? 0
$ grep -n 'slutord' long.txt | sed 's/:.*//' | xargs test 300 -lt && grep -o 'ord2799 slutord$' long.txt
> ord2799 slutord
? 0
$ python3 -c 'import sys; print(max(len(l) for l in open("long.txt", encoding="utf-8").read().splitlines()))'
> 72
? 0
# "NIS 2-loven" 300 times after words of 1 to 9 letters, so that many of
# them fall at the end of a line; every other one with U+00A0.
$ G=$(python3 -c "print(' '.join(('x' * (i % 9 + 1)) + (' NIS 2-loven' if i % 2 else ' NIS\u00a02-loven') for i in range(300)))") && tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds "$G" --deadline 2026-03-20
> NIS-2026-0001/2
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 2 -o text > nis.txt && grep -oE 'NIS 2-loven( |$)' nis.txt | wc -l
> 300
? 0
$ grep -c -e 'NIS$' -e '^2-' -e $'\xc2\xa0' nis.txt
> 0
? 1
$ python3 -c 'import sys; print(max(len(l) for l in open("nis.txt", encoding="utf-8").read().splitlines()))'
> 72
? 0
# A word longer than a line gets a line of its own, whole.
$ W=$(python3 -c "print('a' * 100)") && tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure paabud --grounds "kort $W kort" --deadline 2026-03-20 && TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 3 -o text | grep -x -e 'kort' -e 'a\+'
> NIS-2026-0001/3
> kort
> aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
> kort
? 0
