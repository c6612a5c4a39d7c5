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
            <xsl:text> for overtrædelse af </xsl:text>
            <xsl:value-of select="$lov"/>
            <xsl:text> med påstand om bøde. Bøde kan ikke pålægges administrativt, men fastsættes af domstolene.</xsl:text>
          </p>
          <h2>Det anmeldte forhold</h2>
          <p><xsl:value-of select="$s/grounds"/></p>
          <xsl:variable name="brud" select="/case/steps/step[@kind = 'breach' and number(@n) &lt; number($step)]"/>
          <xsl:if test="$brud">
            <ul>
              <xsl:for-each select="$brud">
                <xsl:variable name="d" select="/case/steps/step[@n = current()/@ref]"/>
                <li>
                  <xsl:text>Virksomheden har ikke inden fristen den </xsl:text>
                  <xsl:call-template name="dato"><xsl:with-param name="d" select="$d/@deadline"/></xsl:call-template>
                  <xsl:text> efterkommet ministeriets afgørelse af </xsl:text>
                  <xsl:call-template name="dato"><xsl:with-param name="d" select="$d/@date"/></xsl:call-template>
                  <xsl:text> om </xsl:text>
                  <xsl:value-of select="$d/measure-title"/>
                  <xsl:value-of select="concat(' (j.nr. ', /case/@id, '/', @ref, ').')"/>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <p>
            <xsl:text>Forholdet er efter ministeriets vurdering strafbart efter NIS 2-lovens </xsl:text>
            <xsl:value-of select="$ref[@id = 'penalties']"/>
            <xsl:text>, stk. 1</xsl:text>
            <xsl:if test="$s/legal-basis">
              <xsl:text>, jf. </xsl:text>
              <xsl:value-of select="$s/legal-basis"/>
            </xsl:if>
            <xsl:text>, og selskaber kan straffes efter reglerne i straffelovens 5. kapitel (NIS 2-lovens </xsl:text>
            <xsl:value-of select="$ref[@id = 'penalties']"/>
            <xsl:text>, stk. 2).</xsl:text>
          </p>
          <h2>Sagens forløb</h2>
          <ul>
            <xsl:for-each select="/case/steps/step[(@kind = 'hearing' or @kind = 'decision' or @kind = 'breach' or @kind = 'compliance') and number(@n) &lt; number($step)]">
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
              <xsl:when test="string($s/max-fine-eur) != ''">
                <xsl:text>Efter NIS 2-direktivets artikel 34, </xsl:text>
                <xsl:choose>
                  <xsl:when test="$s/class = 'essential'">stk. 4, er bødens maksimum for en væsentlig enhed EUR 10.000.000 eller 2 pct.</xsl:when>
                  <xsl:otherwise>stk. 5, er bødens maksimum for en vigtig enhed EUR 7.000.000 eller 1,4 pct.</xsl:otherwise>
                </xsl:choose>
                <xsl:text> af virksomhedens samlede globale årsomsætning i det foregående regnskabsår, alt efter hvilket beløb der er højest. </xsl:text>
                <xsl:if test="string($s/turnover-eur) != ''">
                  <xsl:text>Med den oplyste omsætning på EUR </xsl:text>
                  <xsl:value-of select="translate(format-number($s/turnover-eur, '#,###'), ',', '.')"/>
                  <xsl:text> er </xsl:text>
                </xsl:if>
                <xsl:if test="string($s/turnover-eur) = ''">
                  <xsl:text>Dermed er </xsl:text>
                </xsl:if>
                <xsl:text>bødens maksimum beregnet til EUR </xsl:text>
                <xsl:value-of select="translate(format-number($s/max-fine-eur, '#,###'), ',', '.')"/>
                <xsl:text>. Bødens størrelse fastsættes af domstolene (NIS 2-lovens </xsl:text>
                <xsl:value-of select="$ref[@id = 'penalties']"/>
                <xsl:text>).</xsl:text>
              </xsl:when>
              <xsl:otherwise>
                <xsl:text>Virksomhedens omsætning er ikke oplyst, og bødens maksimum er derfor ikke beregnet. Ministeriet anmoder politiet om at tilvejebringe oplysning om virksomhedens samlede globale årsomsætning i det foregående regnskabsår.</xsl:text>
              </xsl:otherwise>
            </xsl:choose>
          </p>
          <h2>Retten til ikke at inkriminere sig selv</h2>
          <xsl:variable name="givet" select="/case/steps/step[number(@n) &lt; number($step) and (voluntary = 'yes' or voluntary = 'true')]"/>
          <xsl:choose>
            <xsl:when test="$givet">
              <p>
                <xsl:text>Virksomheden er gjort bekendt med, at den ikke har pligt til at give oplysninger, der kan have betydning for bedømmelsen af den formodede lovovertrædelse (</xsl:text>
                <xsl:value-of select="$ref[@id = 'self-incrimination']"/>
                <xsl:text>), i følgende breve:</xsl:text>
              </p>
              <ul>
                <xsl:for-each select="$givet">
                  <li>
                    <xsl:call-template name="dato"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                    <xsl:value-of select="concat(' (j.nr. ', /case/@id, '/', @n, ')')"/>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise>
              <p>
                <xsl:text>Sagen indeholder ingen meddelelse til virksomheden om, at den ikke har pligt til at inkriminere sig selv (</xsl:text>
                <xsl:value-of select="$ref[@id = 'self-incrimination']"/>
                <xsl:text>).</xsl:text>
              </p>
            </xsl:otherwise>
          </xsl:choose>
          <p>Efter denne anmeldelse anmoder ministeriet kun om oplysninger fra virksomheden som frivillige bidrag og med oplysning om, at der ikke er pligt til at svare.</p>
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
