<?xml version="1.0" encoding="UTF-8"?>
<!--
  paabud.xsl: decision: påbud or forbud and the other orders of § 22 / § 25 (and § 23)
  Input: the XML export of a case (tilsyn-case export CASE); parameter
  "step": the number of the step the letter is for.  Output: XHTML.
  A template is data: copy it, edit the text, and use the copy with
  the template option of tilsyn-case letter.  Legal references come from
  /case/references (the program's one table), not from this file.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tilsyn="urn:x-tilsyn:template"
    exclude-result-prefixes="tilsyn"
    xmlns="http://www.w3.org/1999/xhtml">
<xsl:output method="xml" encoding="UTF-8" indent="yes"
    omit-xml-declaration="no"/>
<!-- What this template is for: tilsyn-case letter refuses it for any other step. -->
<tilsyn:serves step="decision" measure="order"/>
<tilsyn:serves step="decision" measure="prohibition"/>
<tilsyn:serves step="decision" measure="notify-recipients"/>
<tilsyn:serves step="decision" measure="implement-audit"/>
<tilsyn:serves step="decision" measure="publish"/>
<tilsyn:serves step="decision" measure="remedy-order"/>
<tilsyn:serves step="decision" measure="monitoring-officer"/>
<tilsyn:serves step="decision" measure="suspension"/>
<xsl:param name="step"/>
<xsl:variable name="s" select="/case/steps/step[@n = $step]"/>
<xsl:variable name="e" select="/case/entity"/>
<xsl:variable name="ref" select="/case/references/ref"/>
<xsl:variable name="lb" select="($s/legal-basis | /case/steps/step[@n = $s/@ref]/legal-basis)[1]"/>

<!-- 2026-03-02 -> 2. marts 2026 -->
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
</xsl:template>

<!-- The act, named in full in every letter (tilsyn-case(1), CAVEATS). -->
<xsl:variable name="lov">lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt cybersikkerhedsniveau (NIS 2-loven)</xsl:variable>

<!--
  A deadline moved to the next working day (step data deadline_given: the
  date given; @deadline: the date in force): one sentence, or nothing.
  The day of the week by Sakamoto's method (0 Sunday, 6 Saturday).
-->
<xsl:template name="flyttet">
  <xsl:param name="fra"/>
  <xsl:param name="til"/>
  <xsl:if test="string($fra) != '' and string($fra) != string($til)">
    <xsl:variable name="m" select="number(substring($fra, 6, 2))"/>
    <xsl:variable name="y" select="number(substring($fra, 1, 4)) - number($m &lt; 3)"/>
    <xsl:variable name="w" select="($y + floor($y div 4) - floor($y div 100) + floor($y div 400) + number(substring('032503514624', $m, 1)) + number(substring($fra, 9, 2))) mod 7"/>
    <xsl:text> Fristen er flyttet fra den </xsl:text>
    <xsl:call-template name="dato"><xsl:with-param name="d" select="$fra"/></xsl:call-template>
    <xsl:text> til den </xsl:text>
    <xsl:call-template name="dato"><xsl:with-param name="d" select="$til"/></xsl:call-template>
    <xsl:text>, da den </xsl:text>
    <xsl:call-template name="dato"><xsl:with-param name="d" select="$fra"/></xsl:call-template>
    <xsl:choose>
      <xsl:when test="$w = 6"> er en lørdag.</xsl:when>
      <xsl:when test="$w = 0"> er en søndag.</xsl:when>
      <xsl:otherwise> er en helligdag eller en dag, hvor ministeriet holder lukket.</xsl:otherwise>
    </xsl:choose>
  </xsl:if>
</xsl:template>

<xsl:template match="/">
  <html xml:lang="da" lang="da">
    <head>
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
      <title>Afgørelse <xsl:value-of select="concat(/case/@id, '/', $step)"/></title>
      <style>body { font-family: serif; max-width: 42em; margin: 2em auto; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
.meta { text-align: right; }</style>
    </head>
    <body>
      <xsl:choose>
        <xsl:when test="not($s)">
          <p>Sagen har intet trin <xsl:value-of select="$step"/>.</p>
        </xsl:when>
        <xsl:otherwise>
          <p class="sender"><xsl:value-of select="/case/authority"/></p>
          <address>
            <xsl:value-of select="$e/name"/><br/>
            <xsl:if test="$e/address"><xsl:value-of select="$e/address"/><br/></xsl:if>
            <xsl:value-of select="concat('CVR-nr. ', $e/@cvr)"/>
          </address>
          <p class="meta">
            <xsl:text>Dato: </xsl:text>
            <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@date"/></xsl:call-template>
            <br/>
            <xsl:text>J.nr.: </xsl:text>
            <xsl:value-of select="concat(/case/@id, '/', $s/@n)"/>
          </p>
          <!-- § 23: the one of its two measures decided -->
          <xsl:variable name="t">
            <xsl:choose>
              <xsl:when test="$s/suspend = 'management'">midlertidigt forbud mod at udøve ledelsesfunktioner</xsl:when>
              <xsl:when test="$s/suspend = 'certification'">midlertidig suspension af en certificering eller godkendelse af virksomhedens tjenester</xsl:when>
              <xsl:otherwise><xsl:value-of select="$s/measure-title"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <h1>
            <xsl:text>Afgørelse: </xsl:text>
            <xsl:value-of select="$t"/>
          </h1>
          <p>
            <xsl:text>Ministeriet træffer hermed afgørelse om </xsl:text>
            <xsl:value-of select="$t"/>
            <xsl:text> over for virksomheden efter </xsl:text>
            <xsl:value-of select="$s/basis"/>
            <xsl:text> i </xsl:text>
            <xsl:value-of select="$lov"/>
            <xsl:text>.</xsl:text>
          </p>
          <xsl:if test="$s/@measure = 'suspension' and $s/enforces">
            <xsl:variable name="dec" select="/case/steps/step[@n = $s/enforces]"/>
            <p>
              <xsl:text>Afgørelsen håndhæver ministeriets afgørelse af </xsl:text>
              <xsl:call-template name="dato"><xsl:with-param name="d" select="$dec/@date"/></xsl:call-template>
              <xsl:value-of select="concat(' (j.nr. ', /case/@id, '/', $s/enforces, ')')"/>
              <xsl:text>, som virksomheden ikke har efterkommet inden fristen, og gælder, indtil virksomheden har efterkommet den.</xsl:text>
            </p>
          </xsl:if>
          <xsl:if test="$s/@measure = 'suspension'">
            <p>
              <xsl:text>Foranstaltningen gælder kun, indtil virksomheden har truffet de nødvendige tiltag for at afhjælpe de mangler eller opfylde de krav, som gav anledning til den (NIS 2-lovens </xsl:text>
              <xsl:value-of select="$ref[@id = 'suspension']"/>
              <xsl:text>, stk. 2).</xsl:text>
            </p>
          </xsl:if>
          <xsl:if test="$s/@deadline">
            <h2>Frist</h2>
            <p>
              <xsl:text>Afgørelsen skal være efterkommet senest den </xsl:text>
              <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@deadline"/></xsl:call-template>
              <xsl:text>.</xsl:text>
              <xsl:call-template name="flyttet">
                <xsl:with-param name="fra" select="$s/deadline-given"/>
                <xsl:with-param name="til" select="$s/@deadline"/>
              </xsl:call-template>
              <xsl:if test="$s/@report-deadline">
                <xsl:text> Virksomheden skal rapportere herom senest den </xsl:text>
                <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@report-deadline"/></xsl:call-template>
                <xsl:text>.</xsl:text>
              </xsl:if>
            </p>
          </xsl:if>
          <p>
            <xsl:text>Manglende efterkommelse af afgørelsen kan straffes med bøde, som fastsættes af domstolene (NIS 2-lovens </xsl:text>
            <xsl:value-of select="$ref[@id = 'penalties']"/>
            <xsl:text>).</xsl:text>
          </p>
          <h2>Sagens faktiske omstændigheder</h2>
          <p><xsl:value-of select="$s/grounds"/></p>
          <p>
            <xsl:text>Virksomheden er blevet hørt om den påtænkte afgørelse (</xsl:text>
            <xsl:value-of select="$ref[@id = 'hearing']"/>
            <xsl:text>)</xsl:text>
            <xsl:if test="$s/@ref">
              <xsl:text> ved brev af </xsl:text>
              <xsl:call-template name="dato"><xsl:with-param name="d" select="/case/steps/step[@n = $s/@ref]/@date"/></xsl:call-template>
              <xsl:text> (j.nr. </xsl:text>
              <xsl:value-of select="concat(/case/@id, '/', $s/@ref)"/>
              <xsl:text>)</xsl:text>
            </xsl:if>
            <xsl:text>.</xsl:text>
            <xsl:choose>
              <xsl:when test="/case/steps/step[@kind = 'response' and @ref = $s/@ref]">
                <xsl:text> Virksomhedens bemærkninger er indgået i afgørelsen.</xsl:text>
              </xsl:when>
              <xsl:when test="$s/@ref">
                <xsl:text> Ministeriet har ikke modtaget bemærkninger fra virksomheden.</xsl:text>
              </xsl:when>
            </xsl:choose>
          </p>
          <h2>Begrundelse</h2>
          <p>
            <xsl:text>Ministeriet har på grundlag af de faktiske omstændigheder, der er beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine forpligtelser efter NIS 2-loven</xsl:text>
            <xsl:if test="$lb">
              <xsl:text>, herunder </xsl:text>
              <xsl:value-of select="$lb"/>
            </xsl:if>
            <xsl:text>, og at en afgørelse om </xsl:text>
            <xsl:value-of select="$s/measure-title"/>
            <xsl:text> er nødvendig og forholdsmæssig for at sikre, at forpligtelserne overholdes.</xsl:text>
          </p>
          <h2>Retsgrundlag</h2>
          <p>
            <xsl:text>Afgørelsen er truffet efter NIS 2-lovens </xsl:text>
            <xsl:value-of select="$s/basis"/>
            <xsl:text>.</xsl:text>
            <xsl:if test="$lb">
              <xsl:text> Den forpligtelse, der ikke er overholdt, følger af NIS 2-lovens </xsl:text>
              <xsl:value-of select="$lb"/>
              <xsl:text>.</xsl:text>
            </xsl:if>
            <xsl:text> Afgørelsen er begrundet efter </xsl:text>
            <xsl:value-of select="$ref[@id = 'reasons']"/>
            <xsl:text>.</xsl:text>
          </p>
          <h2>Klagevejledning</h2>
          <p>
            <xsl:text>Afgørelsen er truffet af </xsl:text>
            <xsl:value-of select="/case/authority"/>
            <xsl:text>. Der er ingen højere administrativ myndighed, og afgørelsen kan derfor ikke påklages til anden administrativ myndighed</xsl:text>
            <xsl:if test="$s/@measure = 'suspension'">
              <xsl:text> (NIS 2-lovens </xsl:text>
              <xsl:value-of select="$ref[@id = 'suspension']"/>
              <xsl:text>, stk. 3)</xsl:text>
            </xsl:if>
            <xsl:text>. Virksomheden kan indbringe afgørelsen for domstolene (grundloven § 63). Har virksomheden spørgsmål til afgørelsen, kan ministeriet kontaktes med angivelse af journalnummeret ovenfor (</xsl:text>
            <xsl:value-of select="$ref[@id = 'appeal']"/>
            <xsl:text>).</xsl:text>
          </p>

          <p>Med venlig hilsen</p>
          <p><xsl:value-of select="/case/authority"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </body>
  </html>
</xsl:template>
</xsl:stylesheet>
