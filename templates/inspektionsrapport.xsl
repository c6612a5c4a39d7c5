<?xml version="1.0" encoding="UTF-8"?>
<!--
  inspektionsrapport.xsl: the inspection report of a stored security scan
  (sikkerhedsscanning), § 21 / § 24.
  Input: either the report XML of tilsyn-case report (<report>: entity,
  registered scope, the scan run, each endpoint with its findings and
  what changed, each result's SHA-256), or a plain scan (<tilsyn-scan>,
  the XML of tilsyn-scan -o xml, rendered by the html option of tilsyn-scan) for
  an inspector without a case file.  Output: XHTML, one file with its
  own style sheet, and a print style sheet for A4 (margins, page
  numbers, the annex on a new page, no table row split across pages).
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
<!-- a plain scan of tilsyn-scan, without a case file -->
<xsl:variable name="ts" select="/tilsyn-scan"/>
<!-- the endpoints: the case file's, or the scanner's targets -->
<xsl:variable name="eps" select="/report/endpoints/endpoint | /tilsyn-scan/target"/>
<xsl:key name="by-basis" match="finding" use="@basis"/>
<xsl:key name="by-nr" match="finding"
    use="normalize-space(substring-after(@basis, 'nr.'))"/>

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

<!-- s with every occurrence of from replaced by to -->
<xsl:template name="erstat">
  <xsl:param name="s"/>
  <xsl:param name="from"/>
  <xsl:param name="to"/>
  <xsl:choose>
    <xsl:when test="contains($s, $from)">
      <xsl:value-of select="substring-before($s, $from)"/>
      <xsl:value-of select="$to"/>
      <xsl:call-template name="erstat">
        <xsl:with-param name="s" select="substring-after($s, $from)"/>
        <xsl:with-param name="from" select="$from"/>
        <xsl:with-param name="to" select="$to"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!--
  One line of what changed, in Danish.  The case file writes them as
  "what: old -> new" or "what: added A B removed C" (casefile/scans.c);
  the values (versions, suites, fingerprints, times) stay as they are.
-->
<xsl:template name="aendring">
  <xsl:param name="c"/>
  <xsl:variable name="what" select="substring-before($c, ': ')"/>
  <xsl:variable name="rest" select="substring-after($c, ': ')"/>
  <xsl:choose>
    <xsl:when test="$what = 'TLS versions'">TLS-versioner</xsl:when>
    <xsl:when test="starts-with($what, 'suites ')">Cipher suites i <xsl:value-of select="substring-after($what, 'suites ')"/></xsl:when>
    <xsl:when test="starts-with($what, 'certificate')">Certifikat<xsl:value-of select="substring-after($what, 'certificate')"/></xsl:when>
    <xsl:when test="$what = 'SSH banner'">SSH-banner</xsl:when>
    <xsl:when test="$what = 'SSH host keys'">SSH-værtsnøgler</xsl:when>
    <xsl:when test="$what = 'kex'">SSH-nøgleudveksling</xsl:when>
    <xsl:when test="$what = 'host_key_algorithms'">SSH-værtsnøglealgoritmer</xsl:when>
    <xsl:when test="$what = 'ciphers_c2s'">SSH-kryptering (klient til server)</xsl:when>
    <xsl:when test="$what = 'ciphers_s2c'">SSH-kryptering (server til klient)</xsl:when>
    <xsl:when test="$what = 'macs_c2s'">SSH-MAC (klient til server)</xsl:when>
    <xsl:when test="$what = 'macs_s2c'">SSH-MAC (server til klient)</xsl:when>
    <xsl:when test="$what = 'auth_methods'">SSH-godkendelsesmetoder</xsl:when>
    <xsl:when test="$what = ''">Ændring</xsl:when>
    <xsl:otherwise><xsl:value-of select="$what"/></xsl:otherwise>
  </xsl:choose>
  <xsl:text>: </xsl:text>
  <xsl:variable name="r1">
    <xsl:choose>
      <xsl:when test="$what = ''"><xsl:value-of select="$c"/></xsl:when>
      <xsl:when test="starts-with($rest, 'added ')">tilføjet <xsl:value-of select="substring-after($rest, 'added ')"/></xsl:when>
      <xsl:when test="starts-with($rest, 'removed ')">fjernet <xsl:value-of select="substring-after($rest, 'removed ')"/></xsl:when>
      <xsl:when test="starts-with($rest, 'new, ')">nyt, <xsl:value-of select="substring-after($rest, 'new, ')"/></xsl:when>
      <xsl:when test="starts-with($rest, 'not after ')">gyldigt til <xsl:value-of select="substring-after($rest, 'not after ')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="r2">
    <xsl:call-template name="erstat">
      <xsl:with-param name="s" select="string($r1)"/>
      <xsl:with-param name="from" select="' removed '"/>
      <xsl:with-param name="to" select="'; fjernet '"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="r3">
    <xsl:call-template name="erstat">
      <xsl:with-param name="s" select="string($r2)"/>
      <xsl:with-param name="from" select="', not after '"/>
      <xsl:with-param name="to" select="', gyldigt til '"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:call-template name="erstat">
    <xsl:with-param name="s" select="string($r3)"/>
    <xsl:with-param name="from" select="' -> '"/>
    <xsl:with-param name="to" select="' → '"/>
  </xsl:call-template>
</xsl:template>

<!-- Per endpoint (context: <endpoint> of a report, <target> of a scan). -->
<xsl:template name="ep-navn">
  <xsl:choose>
    <xsl:when test="self::target"><xsl:value-of select="@spec"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="ep-versioner">
  <xsl:choose>
    <xsl:when test="self::target and tls/versions/version[@accepted = 'true']">
      <xsl:for-each select="tls/versions/version[@accepted = 'true']">
        <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="@name"/>
      </xsl:for-each>
    </xsl:when>
    <xsl:when test="self::target and string(ssh/banner) != ''"><xsl:value-of select="ssh/banner"/></xsl:when>
    <xsl:when test="@versions"><xsl:value-of select="@versions"/></xsl:when>
    <xsl:when test="@banner"><xsl:value-of select="@banner"/></xsl:when>
    <xsl:otherwise>–</xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="ep-fund">
  <xsl:variable name="f" select="finding | findings/finding"/>
  <xsl:call-template name="alvor">
    <xsl:with-param name="v">
      <xsl:choose>
        <xsl:when test="@worst"><xsl:value-of select="@worst"/></xsl:when>
        <xsl:when test="$f[@severity = 'critical']">critical</xsl:when>
        <xsl:when test="$f[@severity = 'high']">high</xsl:when>
        <xsl:when test="$f[@severity = 'medium']">medium</xsl:when>
        <xsl:when test="$f[@severity = 'low']">low</xsl:when>
        <xsl:when test="$f[@severity = 'info']">info</xsl:when>
      </xsl:choose>
    </xsl:with-param>
  </xsl:call-template>
</xsl:template>

<!-- The error of an endpoint that could not be scanned, or ''. -->
<xsl:template name="ep-fejl">
  <xsl:choose>
    <xsl:when test="self::target and not(error/@null)"><xsl:value-of select="error"/></xsl:when>
    <xsl:when test="self::endpoint"><xsl:value-of select="@error"/></xsl:when>
  </xsl:choose>
</xsl:template>

<!-- The verdict: the profile's when the result has one (an attribute in
     the case file's XML, an element in the scanner's, where it may be
     null). -->
<xsl:template name="ep-vurdering">
  <xsl:variable name="fejl"><xsl:call-template name="ep-fejl"/></xsl:variable>
  <xsl:variable name="dom" select="concat(profile/@verdict,
      profile/verdict[not(@null)])"/>
  <xsl:choose>
    <xsl:when test="$dom = 'pass'">bestået</xsl:when>
    <xsl:when test="$dom = 'fail'">ikke bestået<xsl:if test="profile/failed">
        (<xsl:for-each select="profile/failed">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="."/><xsl:value-of select="@id"/>
        </xsl:for-each>)</xsl:if></xsl:when>
    <xsl:when test="$fejl != '' and self::endpoint">–</xsl:when>
    <xsl:when test="$fejl != ''">ikke scannet (<xsl:value-of select="$fejl"/>)</xsl:when>
    <xsl:when test="finding | findings/finding">afvigelser</xsl:when>
    <xsl:otherwise>ingen afvigelser</xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The baseline profile a run was judged against. -->
<xsl:template name="profil">
  <xsl:param name="p"/>
  <xsl:choose>
    <xsl:when test="$p/@name">
      <xsl:value-of select="$p/@name"/>
      <xsl:if test="$p/@version">
        <xsl:text> </xsl:text><xsl:value-of select="$p/@version"/>
      </xsl:if>
      <xsl:if test="$p/@sha256"> (profilfilens SHA-256
        <span class="hash"><xsl:value-of select="$p/@sha256"/></span>)</xsl:if>
    </xsl:when>
    <xsl:otherwise>tilsyn (standard)</xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="liste">
  <xsl:param name="n"/>
  <xsl:param name="ingen" select="'ingen'"/>
  <xsl:for-each select="$n">
    <xsl:if test="position() &gt; 1">, </xsl:if>
    <xsl:value-of select="."/>
  </xsl:for-each>
  <xsl:if test="not($n)"><xsl:value-of select="$ingen"/></xsl:if>
</xsl:template>

<xsl:template match="/">
  <html xml:lang="da" lang="da">
    <head>
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
      <title>Inspektionsrapport: <xsl:choose>
          <xsl:when test="$e"><xsl:value-of select="$e/name"/></xsl:when>
          <xsl:otherwise>sikkerhedsscanning</xsl:otherwise>
        </xsl:choose></title>
      <style>body { font-family: serif; max-width: 48em; margin: 2em auto;
  line-height: 1.35; color: #000; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
h3 { font-size: 1em; margin-bottom: 0.3em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.2em 0.5em;
  border-bottom: 1px solid #ccc; }
th { border-bottom: 1px solid #000; }
.hash { font-family: monospace; font-size: 0.8em; word-break: break-all; }
.kilde { font-size: 0.9em; }
.note { font-size: 0.9em; font-style: italic; }
@media print {
  @page { size: A4; margin: 20mm 18mm 22mm 18mm;
    @bottom-right { content: "Side " counter(page) " af " counter(pages);
      font-size: 9pt; } }
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  li:has(ul) { break-inside: auto; page-break-inside: auto; }
  .bilag { break-before: page; page-break-before: always; }
}</style>
    </head>
    <body>
      <p class="sender">Ministeriet for Samfundssikkerhed og Beredskab</p>
      <xsl:choose>
        <xsl:when test="$e">
          <h1>Inspektionsrapport: sikkerhedsscanning af
            <xsl:value-of select="$e/name"/></h1>
          <p>Dato: <xsl:call-template name="dato">
              <xsl:with-param name="d" select="/report/@date"/>
            </xsl:call-template></p>
          <xsl:call-template name="enhed"/>
          <xsl:call-template name="scanning"/>
        </xsl:when>
        <xsl:otherwise>
          <h1>Inspektionsrapport: sikkerhedsscanning</h1>
          <p>Dato: <xsl:call-template name="dato">
              <xsl:with-param name="d" select="$ts/summary/@finished"/>
            </xsl:call-template></p>
          <xsl:call-template name="scan-uden-sag"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="oversigt"/>
      <xsl:call-template name="fund"/>
      <xsl:if test="$e">
        <xsl:call-template name="aendringer"/>
      </xsl:if>
      <xsl:call-template name="bilag"/>
    </body>
  </html>
</xsl:template>

<xsl:template name="enhed">
  <h2>1. Enheden og det registrerede scope</h2>
  <p><xsl:value-of select="$e/name"/>, CVR-nr. <xsl:value-of select="$e/@cvr"/>,
    er registreret som
    <xsl:choose>
      <xsl:when test="$e/@class = 'essential'">væsentlig enhed</xsl:when>
      <xsl:when test="$e/@class = 'important'">vigtig enhed</xsl:when>
      <xsl:otherwise><xsl:value-of select="$e/@class"/></xsl:otherwise>
    </xsl:choose>.</p>
  <p>Registrerede IP-adresser (§ 10):
    <xsl:call-template name="liste">
      <xsl:with-param name="n" select="$e/range"/>
    </xsl:call-template>;
    porte: <xsl:value-of select="$e/@ports"/>
    <xsl:if test="not($e/@ports)">standardportene</xsl:if>.
    Registrerede værter:
    <xsl:call-template name="liste">
      <xsl:with-param name="n" select="$e/host"/>
    </xsl:call-template>.</p>
</xsl:template>

<xsl:template name="scanning">
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
    <xsl:call-template name="liste">
      <xsl:with-param name="n" select="$s/scope"/>
    </xsl:call-template>.
    <xsl:if test="$s/hosted">Værter hos tredjepart, som efter beslutning blev
      scannet: <xsl:for-each select="$s/hosted">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:value-of select="concat(@host, ' (', @ip, ')')"/>
      </xsl:for-each>.</xsl:if></p>
  <p>Basisprofil: <xsl:call-template name="profil">
      <xsl:with-param name="p" select="$s/profile"/>
    </xsl:call-template>.</p>
</xsl:template>

<xsl:template name="scan-uden-sag">
  <h2>1. Scanningen</h2>
  <p>Scanningen blev udført uden for sagssystemet
    fra <xsl:call-template name="dato">
      <xsl:with-param name="d" select="$ts/@started"/>
    </xsl:call-template>
    til <xsl:call-template name="dato">
      <xsl:with-param name="d" select="$ts/summary/@finished"/>
    </xsl:call-template>
    af <xsl:value-of select="$ts/run/@user"/>
    <xsl:if test="$ts/run/@host"> på <xsl:value-of select="$ts/run/@host"/></xsl:if>
    med tilsyn-scan <xsl:value-of select="$ts/@version"/>.
    Den omfattede <xsl:value-of select="count($ts/target)"/> endpoints.</p>
  <xsl:if test="$ts/summary/@interrupted = 'true'">
    <p>Scanningen blev afbrudt: <xsl:value-of select="$ts/summary/@not_started"/>
      endpoints blev ikke scannet, og rapporten er derfor ufuldstændig.</p>
  </xsl:if>
  <xsl:choose>
    <xsl:when test="$ts/run/scope/network">
      <p>Scanningen omfattede kun adresser i:
        <xsl:call-template name="liste">
          <xsl:with-param name="n" select="$ts/run/scope/network"/>
        </xsl:call-template>.</p>
    </xsl:when>
    <xsl:otherwise>
      <p>Scanningen var ikke begrænset til bestemte IP-adresser (intet scope
        angivet).</p>
    </xsl:otherwise>
  </xsl:choose>
  <p>Basisprofil: <xsl:call-template name="profil">
      <xsl:with-param name="p" select="$ts/run/profile"/>
    </xsl:call-template>.</p>
  <p class="note">Hjemmel (§ 21 eller § 24) og enheden fremgår ikke af
    scanningen; resultaterne bliver bevis i sagen, når scannerens JSON
    Lines indlæses med tilsyn-case scan --import.</p>
</xsl:template>

<xsl:template name="oversigt">
  <h2><xsl:if test="$e">3</xsl:if><xsl:if test="not($e)">2</xsl:if>.
    Oversigt over endpoints</h2>
  <table>
    <thead>
      <tr><th>Endpoint</th><th>Versioner</th><th>Alvorligste fund</th><th>Vurdering</th>
        <xsl:if test="$e"><th>Status</th></xsl:if></tr>
    </thead>
    <tbody>
      <xsl:for-each select="$eps">
        <tr>
          <td><xsl:call-template name="ep-navn"/></td>
          <td><xsl:call-template name="ep-versioner"/></td>
          <td><xsl:call-template name="ep-fund"/></td>
          <td><xsl:call-template name="ep-vurdering"/></td>
          <xsl:if test="$e">
            <td><xsl:call-template name="status">
                <xsl:with-param name="v" select="@status"/>
              </xsl:call-template></td>
          </xsl:if>
        </tr>
      </xsl:for-each>
    </tbody>
  </table>
  <xsl:if test="/report/endpoints/@no_service &gt; 0">
    <p>Desuden svarede <xsl:value-of select="/report/endpoints/@no_service"/>
      porte på adresser i de registrerede IP-adresser ikke (ingen tjeneste);
      deres resultater er gemt og vises med tilsyn-case scan-show.</p>
  </xsl:if>
</xsl:template>

<xsl:template name="fund">
  <h2><xsl:if test="$e">4</xsl:if><xsl:if test="not($e)">3</xsl:if>.
    Fund efter sikkerhedsforanstaltning (§ 6, stk. 2)</h2>
  <xsl:if test="not(//finding)"><p>Scanningen gav ingen fund.</p></xsl:if>
  <xsl:for-each select="//finding[generate-id() = generate-id(key('by-basis', @basis)[1])]">
    <xsl:sort select="normalize-space(substring-after(@basis, 'nr.'))" data-type="number"/>
    <xsl:sort select="@basis"/>
    <h3><xsl:value-of select="@basis"/>:
      <xsl:call-template name="foranstaltning">
        <xsl:with-param name="b" select="@basis"/>
      </xsl:call-template></h3>
    <ul>
      <xsl:for-each select="key('by-basis', @basis)">
        <li><xsl:for-each select="(ancestor::endpoint | ancestor::target)[1]">
            <xsl:call-template name="ep-navn"/>
          </xsl:for-each>: <xsl:value-of select="@id"/>
          (<xsl:call-template name="alvor">
            <xsl:with-param name="v" select="@severity"/>
          </xsl:call-template><xsl:if test="@cve">, <xsl:value-of select="@cve"/></xsl:if>): <xsl:value-of select="."/>
          <xsl:if test="@regulation or @source or @section">
            <span class="kilde"> (<xsl:if test="@regulation">gennemførelsesforordning
              (EU) 2024/2690, <xsl:value-of select="@regulation"/><xsl:if test="@source or @section">; </xsl:if></xsl:if>
              <xsl:if test="@source or @section">kilde: <xsl:value-of select="@source"/>
                <xsl:if test="@source and @section">, </xsl:if>
                <xsl:value-of select="@section"/></xsl:if>)</span>
          </xsl:if></li>
      </xsl:for-each>
    </ul>
  </xsl:for-each>
  <p>Fundene beskriver, hvad serverne svarede ved scanningen; de er ikke
    en afgørelse af, at en bestemt sårbarhed foreligger.</p>
</xsl:template>

<xsl:template name="aendringer">
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
            <xsl:if test="@status = 'new'">nyt endpoint</xsl:if>
            <ul>
              <xsl:for-each select="new">
                <li>nyt fund: <xsl:value-of select="@id"/></li>
              </xsl:for-each>
              <xsl:for-each select="resolved">
                <li>afhjulpet: <xsl:value-of select="@id"/></li>
              </xsl:for-each>
              <xsl:for-each select="change">
                <li><xsl:call-template name="aendring">
                    <xsl:with-param name="c" select="string(.)"/>
                  </xsl:call-template></li>
              </xsl:for-each>
            </ul></li>
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
</xsl:template>

<xsl:template name="bilag">
  <div class="bilag">
    <xsl:choose>
      <xsl:when test="$e">
        <h2>Bilag: SHA-256 af de gemte resultater</h2>
        <p>Hvert endpoints resultat er gemt i sagssystemet byte for byte, som
          scanneren skrev det; kontrolsummen nedenfor er også ført i journalen.</p>
        <table>
          <thead><tr><th>Endpoint</th><th>SHA-256</th></tr></thead>
          <tbody>
            <xsl:for-each select="/report/endpoints/endpoint">
              <tr><td><xsl:value-of select="@name"/></td>
                <td class="hash"><xsl:value-of select="@sha256"/></td></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <h2>Bilag: SHA-256 af resultaterne, scanningens kommando og certifikaterne</h2>
        <p>Kommando: <span class="hash"><xsl:for-each select="$ts/run/argv/arg">
            <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
            <xsl:value-of select="."/>
          </xsl:for-each></span></p>
        <xsl:if test="$ts/target/@sha256">
          <p>Kontrolsummen af hvert endpoints resultat, som scanneren skrev
            det i JSON Lines (--json); det er den samme, som sagssystemet
            fører i journalen, når filen indlæses med tilsyn-case scan
            --import.</p>
          <table>
            <thead><tr><th>Endpoint</th><th>SHA-256</th></tr></thead>
            <tbody>
              <xsl:for-each select="$ts/target">
                <tr><td><xsl:value-of select="@spec"/></td>
                  <td class="hash"><xsl:value-of select="@sha256"/></td></tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:if>
        <h3>Certifikater</h3>
        <table>
          <thead><tr><th>Endpoint</th><th>Certifikat</th><th>SHA-256</th></tr></thead>
          <tbody>
            <xsl:for-each select="$ts/target/tls/certificates/chain/certificate[@position = '0']">
              <tr><td><xsl:value-of select="ancestor::target/@spec"/></td>
                <td><xsl:value-of select="../@key_type"/>: <xsl:value-of select="subject"/></td>
                <td class="hash"><xsl:value-of select="sha256"/></td></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </div>
</xsl:template>
</xsl:stylesheet>
