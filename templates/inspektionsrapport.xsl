<?xml version="1.0" encoding="UTF-8"?>
<!--
  inspektionsrapport.xsl: the inspection report of a stored security scan
  (sikkerhedsscanning), § 21 / § 24.
  Input: the report XML of tilsyn-case report (entity, registered scope,
  the scan run, each endpoint with its findings and what changed, each
  result's SHA-256).  Output: XHTML, with a print stylesheet for A4.
  A template is data: copy it, edit the text, and use the copy with the
  template option of tilsyn-case report.  Legal references come from the
  input (the program's one table); the Danish headings of the measures
  of § 6, stk. 2 are this file's.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml">
<xsl:output method="xml" encoding="UTF-8" indent="yes"
    omit-xml-declaration="no"/>
<xsl:param name="step"/>
<xsl:variable name="e" select="/report/entity"/>
<xsl:variable name="s" select="/report/scan"/>
<xsl:key name="by-basis" match="finding" use="@basis"/>

<!-- 2026-03-02 (or a time) -> 2. marts 2026 -->
<xsl:template name="dato">
  <xsl:param name="d"/>
  <xsl:variable name="m" select="number(substring($d, 6, 2))"/>
  <xsl:value-of select="number(substring($d, 9, 2))"/>
  <xsl:text>. </xsl:text>
  <xsl:choose>
    <xsl:when test="$m = 1">januar</xsl:when>
    <xsl:when test="$m = 2">februar</xsl:when>
    <xsl:when test="$m = 3">marts</xsl:when>
    <xsl:when test="$m = 4">april</xsl:when>
    <xsl:when test="$m = 5">maj</xsl:when>
    <xsl:when test="$m = 6">juni</xsl:when>
    <xsl:when test="$m = 7">juli</xsl:when>
    <xsl:when test="$m = 8">august</xsl:when>
    <xsl:when test="$m = 9">september</xsl:when>
    <xsl:when test="$m = 10">oktober</xsl:when>
    <xsl:when test="$m = 11">november</xsl:when>
    <xsl:otherwise>december</xsl:otherwise>
  </xsl:choose>
  <xsl:text> </xsl:text>
  <xsl:value-of select="substring($d, 1, 4)"/>
  <xsl:if test="string-length($d) &gt; 10">
    <xsl:text> kl. </xsl:text>
    <xsl:value-of select="substring($d, 12, 5)"/>
    <xsl:text> UTC</xsl:text>
  </xsl:if>
</xsl:template>

<xsl:template name="alvor">
  <xsl:param name="v"/>
  <xsl:choose>
    <xsl:when test="$v = 'critical'">kritisk</xsl:when>
    <xsl:when test="$v = 'high'">høj</xsl:when>
    <xsl:when test="$v = 'medium'">middel</xsl:when>
    <xsl:when test="$v = 'low'">lav</xsl:when>
    <xsl:when test="$v = 'info'">information</xsl:when>
    <xsl:when test="$v = ''">ingen fund</xsl:when>
    <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The measure of § 6, stk. 2 a finding's basis names, in Danish. -->
<xsl:template name="foranstaltning">
  <xsl:param name="b"/>
  <xsl:variable name="nr" select="normalize-space(substring-after($b, 'nr.'))"/>
  <xsl:choose>
    <xsl:when test="$nr = '1'">politikker for risikoanalyse og informationssikkerhed</xsl:when>
    <xsl:when test="$nr = '2'">håndtering af hændelser</xsl:when>
    <xsl:when test="$nr = '3'">driftskontinuitet og krisestyring</xsl:when>
    <xsl:when test="$nr = '4'">sikkerhed i forsyningskæden</xsl:when>
    <xsl:when test="$nr = '5'">sikkerhed ved erhvervelse, udvikling og vedligeholdelse, herunder håndtering af sårbarheder</xsl:when>
    <xsl:when test="$nr = '6'">vurdering af foranstaltningernes effektivitet</xsl:when>
    <xsl:when test="$nr = '7'">grundlæggende cyberhygiejne og uddannelse</xsl:when>
    <xsl:when test="$nr = '8'">kryptografi og kryptering</xsl:when>
    <xsl:when test="$nr = '9'">personalesikkerhed, adgangskontrol og forvaltning af aktiver</xsl:when>
    <xsl:when test="$nr = '10'">multifaktorautentificering og sikret kommunikation</xsl:when>
    <xsl:otherwise>anden foranstaltning</xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="status">
  <xsl:param name="v"/>
  <xsl:choose>
    <xsl:when test="$v = 'new'">nyt endpoint</xsl:when>
    <xsl:when test="$v = 'changed'">ændret</xsl:when>
    <xsl:when test="$v = 'same'">uændret</xsl:when>
    <xsl:when test="$v = 'not-scanned' and @error_kind = 'scope'">ikke scannet: uden for de registrerede IP-adresser</xsl:when>
    <xsl:when test="$v = 'not-scanned'">ikke scannet (<xsl:value-of select="@error"/>)</xsl:when>
    <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="/">
  <html xml:lang="da" lang="da">
    <head>
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
      <title>Inspektionsrapport: <xsl:value-of select="$e/name"/></title>
      <style>body { font-family: serif; max-width: 48em; margin: 2em auto; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.2em 0.5em;
  border-bottom: 1px solid #ccc; }
.hash { font-family: monospace; font-size: 0.8em; word-break: break-all; }
@media print {
  @page { size: A4; margin: 20mm 18mm; }
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } tr { break-inside: avoid; }
}</style>
    </head>
    <body>
      <p class="sender">Ministeriet for Samfundssikkerhed og Beredskab</p>
      <h1>Inspektionsrapport: sikkerhedsscanning af
        <xsl:value-of select="$e/name"/></h1>
      <p>Dato: <xsl:call-template name="dato">
          <xsl:with-param name="d" select="/report/@date"/>
        </xsl:call-template></p>

      <h2>1. Enheden og det registrerede scope</h2>
      <p><xsl:value-of select="$e/name"/>, CVR-nr. <xsl:value-of select="$e/@cvr"/>,
        er registreret som
        <xsl:choose>
          <xsl:when test="$e/@class = 'essential'">væsentlig enhed</xsl:when>
          <xsl:when test="$e/@class = 'important'">vigtig enhed</xsl:when>
          <xsl:otherwise><xsl:value-of select="$e/@class"/></xsl:otherwise>
        </xsl:choose>.</p>
      <p>Registrerede IP-adresser (§ 10):
        <xsl:for-each select="$e/range">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
        <xsl:if test="not($e/range)">ingen</xsl:if>;
        porte: <xsl:value-of select="$e/@ports"/>
        <xsl:if test="not($e/@ports)">standardportene</xsl:if>.
        Registrerede værter:
        <xsl:for-each select="$e/host">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
        <xsl:if test="not($e/host)">ingen</xsl:if>.</p>

      <h2>2. Scanningen</h2>
      <p>Scanning nr. <xsl:value-of select="$s/@scan"/> blev
        <xsl:choose>
          <xsl:when test="$s/@origin = 'import'">foretaget uden for sagssystemet og
            indlæst fra filen <xsl:value-of select="$s/@import"/>
            (SHA-256 <span class="hash"><xsl:value-of select="$s/@import_sha256"/></span>)</xsl:when>
          <xsl:otherwise>udført</xsl:otherwise>
        </xsl:choose>
        fra <xsl:call-template name="dato">
          <xsl:with-param name="d" select="$s/@started"/>
        </xsl:call-template>
        til <xsl:call-template name="dato">
          <xsl:with-param name="d" select="$s/@finished"/>
        </xsl:call-template>
        af <xsl:value-of select="$s/@actor"/> med tilsyn-scan
        <xsl:value-of select="$s/@scanner_version"/>.</p>
      <p>Hjemmel: <xsl:value-of select="$s/@power"/>
        <xsl:choose>
          <xsl:when test="$s/@case"> (tilsyn med en vigtig enhed på
            grundlag af en indikation, sag <xsl:value-of select="$s/@case"/>)</xsl:when>
          <xsl:otherwise> (rutinemæssigt tilsyn med en væsentlig enhed)</xsl:otherwise>
        </xsl:choose>.
        Scanningen omfattede kun adresser i:
        <xsl:for-each select="$s/scope">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>.
        <xsl:if test="$s/hosted">Værter hos tredjepart, som efter beslutning blev
          scannet: <xsl:for-each select="$s/hosted">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="concat(@host, ' (', @ip, ')')"/>
          </xsl:for-each>.</xsl:if></p>

      <h2>3. Oversigt over endpoints</h2>
      <table>
        <tr><th>Endpoint</th><th>TLS-versioner</th><th>Alvorligste fund</th><th>Status</th></tr>
        <xsl:for-each select="/report/endpoints/endpoint">
          <tr>
            <td><xsl:value-of select="@name"/></td>
            <td><xsl:value-of select="@versions"/>
              <xsl:if test="not(@versions)">–</xsl:if></td>
            <td><xsl:call-template name="alvor">
                <xsl:with-param name="v" select="string(@worst)"/>
              </xsl:call-template></td>
            <td><xsl:call-template name="status">
                <xsl:with-param name="v" select="@status"/>
              </xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </table>
      <xsl:if test="/report/endpoints/@no_service &gt; 0">
        <p>Desuden svarede <xsl:value-of select="/report/endpoints/@no_service"/>
          porte på adresser i de registrerede IP-adresser ikke (ingen tjeneste);
          deres resultater er gemt og vises med tilsyn-case scan-show.</p>
      </xsl:if>

      <h2>4. Fund efter sikkerhedsforanstaltning (§ 6, stk. 2)</h2>
      <xsl:if test="not(//finding)"><p>Scanningen gav ingen fund.</p></xsl:if>
      <xsl:for-each select="//finding[generate-id() = generate-id(key('by-basis', @basis)[1])]">
        <xsl:sort select="@basis"/>
        <h3><xsl:value-of select="@basis"/>:
          <xsl:call-template name="foranstaltning">
            <xsl:with-param name="b" select="@basis"/>
          </xsl:call-template></h3>
        <ul>
          <xsl:for-each select="key('by-basis', @basis)">
            <li><xsl:value-of select="../@name"/>: <xsl:value-of select="@id"/>
              (<xsl:call-template name="alvor">
                <xsl:with-param name="v" select="@severity"/>
              </xsl:call-template>): <xsl:value-of select="."/></li>
          </xsl:for-each>
        </ul>
      </xsl:for-each>
      <p>Fundene beskriver, hvad serverne svarede ved scanningen; de er ikke
        en afgørelse af, at en bestemt sårbarhed foreligger.</p>

      <h2>5. Ændringer siden forrige scanning</h2>
      <xsl:choose>
        <xsl:when test="not($s/@previous)">
          <p>Der er ingen tidligere scanning af enheden.</p>
        </xsl:when>
        <xsl:otherwise>
          <p>Sammenlignet med hvert endpoints seneste gemte resultat
            (forrige scanning: nr. <xsl:value-of select="$s/@previous"/>).</p>
          <ul>
            <xsl:for-each select="/report/endpoints/endpoint[new or resolved or change or @status = 'new']">
              <li><xsl:value-of select="@name"/>:
                <xsl:for-each select="new">nyt fund <xsl:value-of select="@id"/>; </xsl:for-each>
                <xsl:for-each select="resolved">afhjulpet <xsl:value-of select="@id"/>; </xsl:for-each>
                <xsl:if test="change">tekniske ændringer (scannerens betegnelser):
                  <xsl:for-each select="change"><xsl:value-of select="."/>; </xsl:for-each></xsl:if>
                <xsl:if test="@status = 'new' and not(new)">nyt endpoint</xsl:if></li>
            </xsl:for-each>
            <xsl:for-each select="/report/endpoints/gone">
              <li><xsl:value-of select="@name"/>: ikke med i denne scanning</li>
            </xsl:for-each>
          </ul>
          <xsl:if test="not(/report/endpoints/endpoint[new or resolved or change or @status = 'new'] or /report/endpoints/gone)">
            <p>Ingen ændringer.</p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>

      <h2>Bilag: SHA-256 af de gemte resultater</h2>
      <p>Hvert endpoints resultat er gemt i sagssystemet byte for byte, som
        scanneren skrev det; kontrolsummen nedenfor er også ført i journalen.</p>
      <table>
        <tr><th>Endpoint</th><th>SHA-256</th></tr>
        <xsl:for-each select="/report/endpoints/endpoint">
          <tr><td><xsl:value-of select="@name"/></td>
            <td class="hash"><xsl:value-of select="@sha256"/></td></tr>
        </xsl:for-each>
      </table>
    </body>
  </html>
</xsl:template>
</xsl:stylesheet>
