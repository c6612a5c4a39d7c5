<?xml version="1.0" encoding="UTF-8"?>
<!--
  ophaevelse.xsl: lifting of a suspension (ophævelse), § 23: the entity
  complied with the decision the suspension enforced
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
<tilsyn:serves step="lifting"/>
<xsl:param name="step"/>
<xsl:variable name="s" select="/case/steps/step[@n = $step]"/>
<xsl:variable name="e" select="/case/entity"/>
<xsl:variable name="ref" select="/case/references/ref"/>

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

<xsl:template match="/">
  <xsl:variable name="susp" select="/case/steps/step[@n = $s/@ref]"/>
  <xsl:variable name="dec" select="/case/steps/step[@n = $s/decision]"/>
  <html xml:lang="da" lang="da">
    <head>
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
      <title>Ophævelse <xsl:value-of select="concat(/case/@id, '/', $step)"/></title>
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
          <h1>Ophævelse af <xsl:choose>
            <xsl:when test="$s/suspend = 'management'">midlertidigt forbud mod at udøve ledelsesfunktioner</xsl:when>
            <xsl:otherwise>midlertidig suspension af certificering eller godkendelse</xsl:otherwise>
          </xsl:choose></h1>
          <p>
            <xsl:text>Ved afgørelse af </xsl:text>
            <xsl:call-template name="dato"><xsl:with-param name="d" select="$susp/@date"/></xsl:call-template>
            <xsl:text> (j.nr. </xsl:text>
            <xsl:value-of select="concat(/case/@id, '/', $s/@ref)"/>
            <xsl:text>) traf ministeriet efter NIS 2-lovens </xsl:text>
            <xsl:value-of select="$s/basis"/>
            <xsl:text> afgørelse om </xsl:text>
            <xsl:choose>
              <xsl:when test="$s/suspend = 'management'">midlertidigt forbud mod at udøve ledelsesfunktioner</xsl:when>
              <xsl:otherwise>midlertidig suspension af certificering eller godkendelse</xsl:otherwise>
            </xsl:choose>
            <xsl:text>, indtil virksomheden havde efterkommet afgørelsen af </xsl:text>
            <xsl:call-template name="dato"><xsl:with-param name="d" select="$dec/@date"/></xsl:call-template>
            <xsl:text> (j.nr. </xsl:text>
            <xsl:value-of select="concat(/case/@id, '/', $s/decision)"/>
            <xsl:text>).</xsl:text>
          </p>
          <p>
            <xsl:text>Virksomheden har efterkommet afgørelsen den </xsl:text>
            <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@date"/></xsl:call-template>
            <xsl:text>. Foranstaltningen er derfor ophævet fra denne dato.</xsl:text>
          </p>

          <p>Med venlig hilsen</p>
          <p><xsl:value-of select="/case/authority"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </body>
  </html>
</xsl:template>
</xsl:stylesheet>
