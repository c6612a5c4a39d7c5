# Templates cannot read files or reach the network (issue 11): XSLT
# document() on a local file (absolute, relative, file:) or an http URL,
# xsl:include and xsl:import (loaded while the template is compiled), and
# an external entity are refused with a clear error, and nothing of the
# file reaches the output.  common/xsltrun.c sets libxslt's security
# preferences for the transform and as the defaults.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --turnover 800000000
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere foranstaltningerne' --specification 'risikoanalyse' --format PDF --deadline 2026-03-16
> NIS-2026-0001/1
? 0
$ printf '<x>HEMMELIG-42</x>\n' > secret.xml && printf '<?xml version="1.0"?>\n<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template name="h"><p>HEMMELIG-42</p></xsl:template></xsl:stylesheet>\n' > secret.xsl
? 0
# A template that copies document(URI) into the letter.
$ printf '<?xml version="1.0"?>\n<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tilsyn="urn:x-tilsyn:template" exclude-result-prefixes="tilsyn">\n<tilsyn:serves step="request"/>\n<xsl:template match="/"><html><body><p>brev</p><xsl:copy-of select="document(%s)"/></body></html></xsl:template>\n</xsl:stylesheet>\n' "'URI'" > doc.xsl
? 0
$ sed 's|URI|secret.xml|' doc.xsl > rel.xsl && tilsyn-case letter NIS-2026-0001 1 --template rel.xsl
! tilsyn-case: letter 'NIS-2026-0001/1': template 'rel.xsl': the transformation failed: runtime error: file rel.xsl line 4 element copy-of Local file read for secret.xml refused runtime error: file rel.xsl line 4 element copy-of xsltLoadDocument: read rights for secret.xml denied
? 3
$ sed 's|URI|/etc/passwd|' doc.xsl > abs.xsl && tilsyn-case letter NIS-2026-0001 1 --template abs.xsl
! tilsyn-case: letter 'NIS-2026-0001/1': template 'abs.xsl': the transformation failed: runtime error: file abs.xsl line 4 element copy-of Local file read for /etc/passwd refused runtime error: file abs.xsl line 4 element copy-of xsltLoadDocument: read rights for /etc/passwd denied
? 3
$ sed "s|URI|file://$PWD/secret.xml|" doc.xsl > file.xsl && tilsyn-case letter NIS-2026-0001 1 --template file.xsl -o text 2>&1 | grep -c -e HEMMELIG -e '^brev'; tilsyn-case letter NIS-2026-0001 1 --template file.xsl 2>&1 | grep -o 'Local file read for file://.*/secret.xml refused' | sed 's|//.*/|//DIR/|'
> 0
> Local file read for file://DIR/secret.xml refused
? 0
# The network: refused before any connection (port 9 on loopback).
$ sed 's|URI|http://127.0.0.1:9/x.xml|' doc.xsl > net.xsl && tilsyn-case letter NIS-2026-0001 1 --template net.xsl
! tilsyn-case: letter 'NIS-2026-0001/1': template 'net.xsl': the transformation failed: runtime error: file net.xsl line 4 element copy-of Network file read for http://127.0.0.1:9/x.xml refused runtime error: file net.xsl line 4 element copy-of xsltLoadDocument: read rights for http://127.0.0.1:9/x.xml denied
? 3
# xsl:include and xsl:import: refused when the template is compiled.
$ printf '<?xml version="1.0"?>\n<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tilsyn="urn:x-tilsyn:template" exclude-result-prefixes="tilsyn">\n<xsl:include href="secret.xsl"/>\n<tilsyn:serves step="request"/>\n<xsl:template match="/"><html><body><xsl:call-template name="h"/></body></html></xsl:template>\n</xsl:stylesheet>\n' > inc.xsl && tilsyn-case letter NIS-2026-0001 1 --template inc.xsl
! tilsyn-case: letter 'NIS-2026-0001/1': template 'inc.xsl': not a valid XSLT stylesheet: error Local file read for secret.xsl refused error xsltLoadStyleDocument: read rights for secret.xsl denied compilation error: file inc.xsl line 3 element include xsl:include : unable to load secret.xsl
? 2
$ sed 's|xsl:include|xsl:import|' inc.xsl > imp.xsl && tilsyn-case letter NIS-2026-0001 1 --template imp.xsl
! tilsyn-case: letter 'NIS-2026-0001/1': template 'imp.xsl': not a valid XSLT stylesheet: error Local file read for secret.xsl refused error xsl:import: read rights for secret.xsl denied
? 2
# An external entity is not expanded.
$ printf '<?xml version="1.0"?>\n<!DOCTYPE xsl:stylesheet [ <!ENTITY x SYSTEM "secret.xml"> ]>\n<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tilsyn="urn:x-tilsyn:template" exclude-result-prefixes="tilsyn">\n<tilsyn:serves step="request"/>\n<xsl:template match="/"><html><body><p>før &x; efter</p></body></html></xsl:template>\n</xsl:stylesheet>\n' > ent.xsl && tilsyn-case letter NIS-2026-0001 1 --template ent.xsl -o text | grep -c HEMMELIG
> 0
? 1
