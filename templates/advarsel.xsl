<?xml version="1.0" encoding="UTF-8"?>
<!--
  advarsel.xsl: decision: warning (advarsel), § 22 / § 25
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
<tilsyn:serves step="decision" measure="warning"/>
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
  <html xml:lang="da" lang="da">
    <head>
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
      <title>Advarsel <xsl:value-of select="concat(/case/@id, '/', $step)"/></title>
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
          <h1>Afgørelse: advarsel</h1>
          <p>
            <xsl:text>Ministeriet giver hermed virksomheden en advarsel efter NIS 2-lovens </xsl:text>
            <xsl:value-of select="$s/basis"/>
            <xsl:text>.</xsl:text>
          </p>
          <h2>Begrundelse</h2>
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
            <xsl:if test="/case/steps/step[@kind = 'response' and @ref = $s/@ref]">
              <xsl:text> Virksomhedens bemærkninger er indgået i afgørelsen.</xsl:text>
            </xsl:if>
          </p>
          <h2>Retsgrundlag</h2>
          <p>
            <xsl:text>Afgørelsen er truffet efter NIS 2-lovens </xsl:text>
            <xsl:value-of select="$s/basis"/>
            <xsl:text>. Afgørelsen er begrundet efter </xsl:text>
            <xsl:value-of select="$ref[@id = 'reasons']"/>
            <xsl:text>.</xsl:text>
          </p>
          <h2>Klagevejledning</h2>
          <p>
            <xsl:text>Afgørelsen er truffet af </xsl:text>
            <xsl:value-of select="/case/authority"/>
            <xsl:text>. Virksomheden kan indbringe afgørelsen for domstolene. Har virksomheden spørgsmål til afgørelsen, herunder om adgangen til at klage, kan ministeriet kontaktes med angivelse af journalnummeret ovenfor (</xsl:text>
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
