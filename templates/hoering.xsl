<?xml version="1.0" encoding="UTF-8"?>
<!--
  hoering.xsl: hearing: varsel om påtænkt afgørelse (partshøring, forvaltningsloven § 19)
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
<tilsyn:serves step="hearing"/>
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
      <title>Varsel om påtænkt afgørelse <xsl:value-of select="concat(/case/@id, '/', $step)"/></title>
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
          <!-- § 23: the one of its two measures the hearing is on -->
          <xsl:variable name="mt">
            <xsl:choose>
              <xsl:when test="$s/suspend = 'management'">midlertidigt forbud mod at udøve ledelsesfunktioner</xsl:when>
              <xsl:when test="$s/suspend = 'certification'">midlertidig suspension af en certificering eller godkendelse af virksomhedens tjenester</xsl:when>
              <xsl:otherwise><xsl:value-of select="$s/measure-title"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <h1>Varsel om påtænkt afgørelse: <xsl:value-of select="$mt"/></h1>
          <p>
            <xsl:text>Ministeriet overvejer at træffe afgørelse om </xsl:text>
            <xsl:value-of select="$mt"/>
            <xsl:text> over for virksomheden efter </xsl:text>
            <xsl:value-of select="$s/basis"/>
            <xsl:text> i </xsl:text>
            <xsl:value-of select="$lov"/>
            <xsl:text>. Inden ministeriet træffer afgørelse, får virksomheden lejlighed til at udtale sig (</xsl:text>
            <xsl:value-of select="$ref[@id = 'hearing']"/>
            <xsl:text>).</xsl:text>
          </p>
          <xsl:if test="$lb">
            <h2>Den forpligtelse, sagen angår</h2>
            <p>
              <xsl:text>Ministeriet vurderer foreløbig, at virksomheden ikke overholder sin forpligtelse efter NIS 2-lovens </xsl:text>
              <xsl:value-of select="$lb"/>
              <xsl:text>.</xsl:text>
            </p>
          </xsl:if>
          <h2>Grundlaget for den påtænkte afgørelse</h2>
          <p><xsl:value-of select="$s/grounds"/></p>
          <h2>Frist for bemærkninger</h2>
          <p>
            <xsl:text>Virksomhedens eventuelle bemærkninger skal være ministeriet i hænde senest den </xsl:text>
            <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@deadline"/></xsl:call-template>
            <xsl:text>.</xsl:text>
            <xsl:call-template name="flyttet">
              <xsl:with-param name="fra" select="$s/deadline-given"/>
              <xsl:with-param name="til" select="$s/@deadline"/>
            </xsl:call-template>
            <xsl:if test="string($s/short-period) != ''">
              <xsl:text> Fristen er kortere end 14 dage af følgende grund: </xsl:text>
              <xsl:value-of select="$s/short-period"/>
              <xsl:if test="substring($s/short-period, string-length($s/short-period)) != '.'">
                <xsl:text>.</xsl:text>
              </xsl:if>
            </xsl:if>
            <xsl:text> Herefter træffer ministeriet afgørelse på det foreliggende grundlag.</xsl:text>
          </p>

          <p>Med venlig hilsen</p>
          <p><xsl:value-of select="/case/authority"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </body>
  </html>
</xsl:template>
</xsl:stylesheet>
