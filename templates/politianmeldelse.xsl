<?xml version="1.0" encoding="UTF-8"?>
<!--
  politianmeldelse.xsl: police referral (politianmeldelse): fines are decided by the courts, § 32
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
<tilsyn:serves step="referral"/>
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
      <title>Politianmeldelse <xsl:value-of select="concat(/case/@id, '/', $step)"/></title>
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
            <xsl:text>Politiet</xsl:text><br/>
            <xsl:text>(anmeldelse af </xsl:text><xsl:value-of select="$e/name"/>
            <xsl:value-of select="concat(', CVR-nr. ', $e/@cvr, ')')"/>
          </address>
          <p class="meta">
            <xsl:text>Dato: </xsl:text>
            <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@date"/></xsl:call-template>
            <br/>
            <xsl:text>J.nr.: </xsl:text>
            <xsl:value-of select="concat(/case/@id, '/', $s/@n)"/>
          </p>
          <h1>Politianmeldelse</h1>
          <p>
            <xsl:value-of select="/case/authority"/>
            <xsl:text> anmelder hermed </xsl:text>
            <xsl:value-of select="$e/name"/>
            <xsl:value-of select="concat(' (CVR-nr. ', $e/@cvr, ')')"/>
            <xsl:text> for overtrædelse af NIS 2-loven med påstand om bøde. Bøder kan ikke pålægges administrativt, men fastsættes af domstolene (NIS 2-lovens </xsl:text>
            <xsl:value-of select="$s/basis"/>
            <xsl:text>).</xsl:text>
          </p>
          <h2>Forholdet</h2>
          <p><xsl:value-of select="$s/grounds"/></p>
          <h2>Sagens forløb</h2>
          <ul>
            <xsl:for-each select="/case/steps/step[@kind = 'hearing' or @kind = 'decision' or @kind = 'breach' or @kind = 'compliance']">
              <li>
                <xsl:call-template name="dato"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                <xsl:text>: </xsl:text>
                <xsl:choose>
                  <xsl:when test="@kind = 'hearing'">partshøring om <xsl:value-of select="measure-title"/></xsl:when>
                  <xsl:when test="@kind = 'decision'">afgørelse om <xsl:value-of select="measure-title"/><xsl:if test="@deadline"> med frist <xsl:call-template name="dato"><xsl:with-param name="d" select="@deadline"/></xsl:call-template></xsl:if></xsl:when>
                  <xsl:when test="@kind = 'breach'">fristen i afgørelsen <xsl:value-of select="concat(/case/@id, '/', @ref)"/> er overskredet uden efterkommelse</xsl:when>
                  <xsl:otherwise>afgørelsen <xsl:value-of select="concat(/case/@id, '/', @ref)"/> er efterkommet</xsl:otherwise>
                </xsl:choose>
                <xsl:value-of select="concat(' (j.nr. ', /case/@id, '/', @n, ')')"/>
              </li>
            </xsl:for-each>
          </ul>
          <h2>Bødens maksimum</h2>
          <p>
            <xsl:text>Virksomheden er en </xsl:text>
            <xsl:choose>
              <xsl:when test="$s/class = 'essential'">væsentlig</xsl:when>
              <xsl:otherwise>vigtig</xsl:otherwise>
            </xsl:choose>
            <xsl:text> enhed. </xsl:text>
            <xsl:choose>
              <xsl:when test="$s/max-fine-eur">
                <xsl:text>Bødens maksimum er beregnet til EUR </xsl:text>
                <xsl:value-of select="translate(format-number($s/max-fine-eur, '#,###'), ',', '.')"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:text>Virksomhedens omsætning er ikke oplyst, så bødens maksimum er ikke beregnet</xsl:text>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:text> (</xsl:text>
            <xsl:value-of select="$s/fine-basis"/>
            <xsl:text>).</xsl:text>
          </p>
          <h2>Retssikkerhed</h2>
          <p>
            <xsl:text>Fra denne anmeldelse er en strafferetlig sanktion i udsigt. Ministeriet anmoder herefter kun om oplysninger fra virksomheden som frivillige bidrag, og virksomheden er gjort bekendt med, at den ikke har pligt til at inkriminere sig selv (</xsl:text>
            <xsl:value-of select="$ref[@id = 'self-incrimination']"/>
            <xsl:text>).</xsl:text>
          </p>
          <p>
            <xsl:text>Sagens akter, herunder bevismateriale med SHA-256-kontrolsummer, kan udleveres efter anmodning.</xsl:text>
          </p>

          <p>Med venlig hilsen</p>
          <p><xsl:value-of select="/case/authority"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </body>
  </html>
</xsl:template>
</xsl:stylesheet>
