# tilsyn-case letter: a letter is rendered only with a template that
# declares the step's kind (and measure): <tilsyn:serves step= measure=/>
# in urn:x-tilsyn:template.  A warning template for a hearing is refused,
# so is a copied template without its declaration (issue 11).
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --turnover 800000000 --address 'Kraftvej 1, 7000 Fredericia'
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere foranstaltningerne efter § 6' --specification 'risikoanalyse' --format 'PDF' --deadline 2026-03-16
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-14 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds 'risikoanalysen omfatter ikke fjernadgang' --deadline 2026-03-28
> NIS-2026-0001/2
? 0
# A decision's template for a hearing: refused, naming both.
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 2 --template advarsel
! tilsyn-case: letter 'NIS-2026-0001/2': template '$SRCDIR/templates/advarsel.xsl' serves decision (warning), not a hearing (warning)
? 1
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 1 --template hoering
! tilsyn-case: letter 'NIS-2026-0001/1': template '$SRCDIR/templates/hoering.xsl' serves hearing, not a request
? 1
# A copy without the declaration serves nothing.
$ grep -v 'tilsyn:serves' $SRCDIR/templates/hoering.xsl > mine.xsl && tilsyn-case letter NIS-2026-0001 2 --template mine.xsl
! tilsyn-case: letter 'NIS-2026-0001/2': template 'mine.xsl' serves no step (it has no <serves> declaration), not a hearing (warning)
? 1
# A declaration for another measure does not serve this one.
$ sed 's|<tilsyn:serves step="hearing"/>|<tilsyn:serves step="hearing" measure="order"/>|' $SRCDIR/templates/hoering.xsl > order.xsl && tilsyn-case letter NIS-2026-0001 2 --template order.xsl
! tilsyn-case: letter 'NIS-2026-0001/2': template 'order.xsl' serves hearing (order), not a hearing (warning)
? 1
# The declaration in another namespace is not one.
$ sed 's|urn:x-tilsyn:template|urn:x-other|' $SRCDIR/templates/hoering.xsl > other.xsl && tilsyn-case letter NIS-2026-0001 2 --template other.xsl
! tilsyn-case: letter 'NIS-2026-0001/2': template 'other.xsl' serves no step (it has no <serves> declaration), not a hearing (warning)
? 1
# The copy with its declaration, and the default template, serve.
$ cp $SRCDIR/templates/hoering.xsl copy.xsl && tilsyn-case letter NIS-2026-0001 2 --template copy.xsl -o text | grep -c 'Varsel om påtænkt afgørelse'
> 1
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 2 -o text | grep -c 'Varsel om påtænkt afgørelse'
> 1
? 0
$ tilsyn-case verify | sed 's/head .*/head H/'
> journal intact: 5 events, head H
? 0
