# tilsyn-case letter: every letter of a case, well-formed XHTML (xmllint)
# and golden; text output; templates given by name and by file; a template
# that does not parse names its file and line.
@include case.tt
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --turnover 800000000 --address 'Kraftvej 1, 7000 Fredericia'
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn med sikkerhedsforanstaltninger 2026'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere virksomhedens foranstaltninger efter § 6' --specification 'risikoanalyse og politik for kryptografi' --format 'PDF via Digital Post' --deadline 2026-03-16
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-14 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds 'risikoanalysen omfatter ikke fjernadgang' --deadline 2026-03-28
> NIS-2026-0001/2
? 0
$ tilsyn-case --now 2026-03-20 --actor anna respond NIS-2026-0001 2 --received 2026-03-20 --summary 'bemærkninger modtaget'
> NIS-2026-0001/3
? 0
$ tilsyn-case --now 2026-03-21 --actor anna decide NIS-2026-0001 --measure warning --grounds 'risikoanalysen omfatter ikke fjernadgang'
> NIS-2026-0001/4
? 0
@use hear-decide CASE=NIS-2026-0001 MEASURE=binding-instruction HEARD=2026-03-21 GROUNDS='VPN accepterer TLS 1.0' ANSWER=2026-03-28 N=5 DECIDED=2026-03-30 DECISION='VPN accepterer TLS 1.0' DEADLINE=2026-04-30 MORE='--report-deadline 2026-05-07' NEXT=6
$ tilsyn-case --now 2026-05-02 --actor anna breach NIS-2026-0001 6 --date 2026-05-01
> NIS-2026-0001/7
? 0
@use hear-decide CASE=NIS-2026-0001 MEASURE=forbud HEARD=2026-05-02 GROUNDS='fjernadgang uden MFA' ANSWER=2026-05-16 N=8 DECIDED=2026-05-17 DECISION='fjernadgang uden MFA må ikke anvendes' DEADLINE=2026-06-01 NEXT=9
$ tilsyn-case --now 2026-06-02 --actor anna breach NIS-2026-0001 9 --date 2026-06-02
> NIS-2026-0001/10
? 0
@use refer NOW=2026-06-03 CASE=NIS-2026-0001 GROUNDS='forbud af 17. maj 2026 er ikke overholdt' STEP=NIS-2026-0001/11 FINE='EUR 16 000 000 (§ 32 (directive art. 34(4)))'
$ for s in 1 2 4 6 9 11; do TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 $s --out letter-$s.xhtml || echo "step $s failed"; done
? 0
$ xmllint --noout letter-*.xhtml && ls letter-*.xhtml
> letter-1.xhtml
> letter-11.xhtml
> letter-2.xhtml
> letter-4.xhtml
> letter-6.xhtml
> letter-9.xhtml
? 0
# What every letter shares (templates/*.xsl): the head, the entity's
# address, the decision letters' legal basis and appeal guidance, the end.
@define letter-head
> <?xml version="1.0" encoding="UTF-8"?>
> <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="da" lang="da">
>   <head>
>     <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
>     <title>${TITLE}</title>
>     <style>body { font-family: serif; max-width: 42em; margin: 2em auto; }
> h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
> .meta { text-align: right; }</style>
>   </head>
>   <body>
>     <p class="udkast">
>       <strong>UDKAST – ikke afsendt</strong>
>     </p>
>     <p class="sender">Ministeriet for Samfundssikkerhed og Beredskab</p>
@end
@define to-entity
>     <address>Nordkraft A/S<br/>Kraftvej 1, 7000 Fredericia<br/>CVR-nr. 24680134</address>
>     <p class="meta">Dato: ${DATE}<br/>J.nr.: NIS-2026-0001/${STEP}</p>
@end
@define letter-end
>     <p>Med venlig hilsen</p>
>     <p>Ministeriet for Samfundssikkerhed og Beredskab</p>
>   </body>
> </html>
? 0
@end

@define decision-end
>     <h2>Retsgrundlag</h2>
>     <p>Afgørelsen er truffet efter NIS 2-lovens § 22. Afgørelsen er begrundet efter forvaltningsloven §§ 22-24.</p>
>     <h2>Klagevejledning</h2>
>     <p>Afgørelsen er truffet af Ministeriet for Samfundssikkerhed og Beredskab. Der er ingen højere administrativ myndighed, og afgørelsen kan derfor ikke påklages til anden administrativ myndighed. Virksomheden kan indbringe afgørelsen for domstolene (grundloven § 63). Har virksomheden spørgsmål til afgørelsen, kan ministeriet kontaktes med angivelse af journalnummeret ovenfor (forvaltningsloven § 25).</p>
@use letter-end
@end
$ cat letter-1.xhtml
@use letter-head TITLE="Anmodning NIS-2026-0001/1"
@use to-entity DATE="2. marts 2026" STEP=1
>     <h1>Anmodning om oplysninger</h1>
>     <p>I sagen om Tilsyn med sikkerhedsforanstaltninger 2026 anmoder ministeriet som led i sit tilsyn med virksomheden efter § 21 i lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt cybersikkerhedsniveau (NIS 2-loven) om følgende.</p>
>     <h2>Formål</h2>
>     <p>at vurdere virksomhedens foranstaltninger efter § 6</p>
>     <h2>Hvilke oplysninger</h2>
>     <p>risikoanalyse og politik for kryptografi</p>
>     <h2>Format</h2>
>     <p>PDF via Digital Post</p>
>     <h2>Frist</h2>
>     <p>Oplysningerne skal være ministeriet i hænde senest den 16. marts 2026.</p>
>     <h2>Pligt til at svare</h2>
>     <p>Virksomheden har pligt til at give ministeriet de oplysninger, der anmodes om, inden fristen (NIS 2-lovens § 21). Den, der hindrer ministeriet i at føre tilsyn, kan straffes med bøde, som fastsættes af domstolene (NIS 2-lovens § 32).</p>
>     <h2>Retsgrundlag</h2>
>     <p>Anmodningen sendes efter NIS 2-lovens § 21, hvorefter ministeriet skal angive formålet med anmodningen, hvilke oplysninger der anmodes om, og i hvilket format.</p>
@use letter-end
$ cat letter-2.xhtml
@use letter-head TITLE="Varsel om påtænkt afgørelse NIS-2026-0001/2"
@use to-entity DATE="14. marts 2026" STEP=2
>     <h1>Varsel om påtænkt afgørelse: advarsel</h1>
>     <p>Ministeriet overvejer at træffe afgørelse om advarsel over for virksomheden efter § 22 i lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt cybersikkerhedsniveau (NIS 2-loven). Inden ministeriet træffer afgørelse, får virksomheden lejlighed til at udtale sig (forvaltningsloven § 19).</p>
>     <h2>Grundlaget for den påtænkte afgørelse</h2>
>     <p>risikoanalysen omfatter ikke fjernadgang</p>
>     <h2>Frist for bemærkninger</h2>
>     <p>Virksomhedens eventuelle bemærkninger skal være ministeriet i hænde senest den 28. marts 2026. Herefter træffer ministeriet afgørelse på det foreliggende grundlag.</p>
@use letter-end
$ cat letter-4.xhtml
@use letter-head TITLE="Advarsel NIS-2026-0001/4"
@use to-entity DATE="21. marts 2026" STEP=4
>     <h1>Afgørelse: advarsel</h1>
>     <p>Ministeriet giver hermed virksomheden en advarsel efter § 22 i lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt cybersikkerhedsniveau (NIS 2-loven).</p>
>     <h2>Sagens faktiske omstændigheder</h2>
>     <p>risikoanalysen omfatter ikke fjernadgang</p>
>     <p>Virksomheden er blevet hørt om den påtænkte afgørelse (forvaltningsloven § 19) ved brev af 14. marts 2026 (j.nr. NIS-2026-0001/2). Virksomhedens bemærkninger er indgået i afgørelsen.</p>
>     <h2>Begrundelse</h2>
>     <p>Ministeriet har på grundlag af de faktiske omstændigheder, der er beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine forpligtelser efter NIS 2-loven, og at en afgørelse om advarsel er nødvendig og forholdsmæssig for at sikre, at forpligtelserne overholdes.</p>
@use decision-end
$ cat letter-6.xhtml
@use letter-head TITLE="Bindende instruks NIS-2026-0001/6"
@use to-entity DATE="30. marts 2026" STEP=6
>     <h1>Afgørelse: bindende instruks</h1>
>     <p>Ministeriet giver hermed virksomheden en bindende instruks efter § 22 i lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt cybersikkerhedsniveau (NIS 2-loven) om at træffe de foranstaltninger, der er beskrevet nedenfor.</p>
>     <h2>Frister</h2>
>     <ul>
>       <li>Foranstaltningerne skal være gennemført senest den 30. april 2026.</li>
>       <li>Virksomheden skal rapportere om gennemførelsen senest den 7. maj 2026.</li>
>     </ul>
>     <p>Manglende efterkommelse af afgørelsen kan straffes med bøde, som fastsættes af domstolene (NIS 2-lovens § 32).</p>
>     <h2>Sagens faktiske omstændigheder</h2>
>     <p>VPN accepterer TLS 1.0</p>
>     <p>Virksomheden er blevet hørt om den påtænkte afgørelse (forvaltningsloven § 19) ved brev af 21. marts 2026 (j.nr. NIS-2026-0001/5). Ministeriet har ikke modtaget bemærkninger fra virksomheden.</p>
>     <h2>Begrundelse</h2>
>     <p>Ministeriet har på grundlag af de faktiske omstændigheder, der er beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine forpligtelser efter NIS 2-loven, og at en afgørelse om bindende instruks er nødvendig og forholdsmæssig for at sikre, at forpligtelserne overholdes.</p>
@use decision-end
$ cat letter-9.xhtml
@use letter-head TITLE="Afgørelse NIS-2026-0001/9"
@use to-entity DATE="17. maj 2026" STEP=9
>     <h1>Afgørelse: forbud</h1>
>     <p>Ministeriet træffer hermed afgørelse om forbud over for virksomheden efter § 22 i lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt cybersikkerhedsniveau (NIS 2-loven).</p>
>     <h2>Frist</h2>
>     <p>Afgørelsen skal være efterkommet senest den 1. juni 2026.</p>
>     <p>Manglende efterkommelse af afgørelsen kan straffes med bøde, som fastsættes af domstolene (NIS 2-lovens § 32).</p>
>     <h2>Sagens faktiske omstændigheder</h2>
>     <p>fjernadgang uden MFA må ikke anvendes</p>
>     <p>Virksomheden er blevet hørt om den påtænkte afgørelse (forvaltningsloven § 19) ved brev af 2. maj 2026 (j.nr. NIS-2026-0001/8). Ministeriet har ikke modtaget bemærkninger fra virksomheden.</p>
>     <h2>Begrundelse</h2>
>     <p>Ministeriet har på grundlag af de faktiske omstændigheder, der er beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine forpligtelser efter NIS 2-loven, og at en afgørelse om forbud er nødvendig og forholdsmæssig for at sikre, at forpligtelserne overholdes.</p>
@use decision-end
$ cat letter-11.xhtml
@use letter-head TITLE="Politianmeldelse NIS-2026-0001/11"
>     <address>Politiet<br/>(anmeldelse af Nordkraft A/S, CVR-nr. 24680134)</address>
>     <p class="meta">Dato: 3. juni 2026<br/>J.nr.: NIS-2026-0001/11</p>
>     <h1>Politianmeldelse</h1>
>     <p>Ministeriet for Samfundssikkerhed og Beredskab anmelder hermed Nordkraft A/S (CVR-nr. 24680134) for overtrædelse af lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt cybersikkerhedsniveau (NIS 2-loven) med påstand om bøde. Bøde kan ikke pålægges administrativt, men fastsættes af domstolene.</p>
>     <h2>Det anmeldte forhold</h2>
>     <p>forbud af 17. maj 2026 er ikke overholdt</p>
>     <ul>
>       <li>Virksomheden har ikke inden fristen den 30. april 2026 efterkommet ministeriets afgørelse af 30. marts 2026 om bindende instruks (j.nr. NIS-2026-0001/6).</li>
>       <li>Virksomheden har ikke inden fristen den 1. juni 2026 efterkommet ministeriets afgørelse af 17. maj 2026 om forbud (j.nr. NIS-2026-0001/9).</li>
>     </ul>
>     <p>Forholdet er efter ministeriets vurdering strafbart efter NIS 2-lovens § 32, stk. 1, og selskaber kan straffes efter reglerne i straffelovens 5. kapitel (NIS 2-lovens § 32, stk. 2).</p>
>     <h2>Sagens forløb</h2>
>     <ul>
>       <li>14. marts 2026: partshøring om advarsel (j.nr. NIS-2026-0001/2)</li>
>       <li>21. marts 2026: afgørelse om advarsel (j.nr. NIS-2026-0001/4)</li>
>       <li>21. marts 2026: partshøring om bindende instruks (j.nr. NIS-2026-0001/5)</li>
>       <li>30. marts 2026: afgørelse om bindende instruks med frist 30. april 2026 (j.nr. NIS-2026-0001/6)</li>
>       <li>1. maj 2026: fristen i afgørelsen NIS-2026-0001/6 er overskredet uden efterkommelse (j.nr. NIS-2026-0001/7)</li>
>       <li>2. maj 2026: partshøring om forbud (j.nr. NIS-2026-0001/8)</li>
>       <li>17. maj 2026: afgørelse om forbud med frist 1. juni 2026 (j.nr. NIS-2026-0001/9)</li>
>       <li>2. juni 2026: fristen i afgørelsen NIS-2026-0001/9 er overskredet uden efterkommelse (j.nr. NIS-2026-0001/10)</li>
>     </ul>
>     <h2>Bødens maksimum</h2>
>     <p>Virksomheden er en væsentlig enhed. Efter NIS 2-direktivets artikel 34, stk. 4, er bødens maksimum for en væsentlig enhed EUR 10.000.000 eller 2 pct. af virksomhedens samlede globale årsomsætning i det foregående regnskabsår, alt efter hvilket beløb der er højest. Med den oplyste omsætning på EUR 800.000.000 er bødens maksimum beregnet til EUR 16.000.000. Bødens størrelse fastsættes af domstolene (NIS 2-lovens § 32).</p>
>     <h2>Retten til ikke at inkriminere sig selv</h2>
>     <p>Sagen indeholder ingen meddelelse til virksomheden om, at den ikke har pligt til at inkriminere sig selv (retssikkerhedsloven § 10).</p>
>     <p>Efter denne anmeldelse anmoder ministeriet kun om oplysninger fra virksomheden som frivillige bidrag og med oplysning om, at der ikke er pligt til at svare.</p>
>     <p>Sagens akter, herunder bevismateriale med SHA-256-kontrolsummer, kan udleveres efter anmodning.</p>
@use letter-end
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 1 -o text
> UDKAST – ikke afsendt
>
> Ministeriet for Samfundssikkerhed og Beredskab
>
> Nordkraft A/S
> Kraftvej 1, 7000 Fredericia
> CVR-nr. 24680134
>
> Dato: 2. marts 2026
> J.nr.: NIS-2026-0001/1
>
> Anmodning om oplysninger
>
> I sagen om Tilsyn med sikkerhedsforanstaltninger 2026 anmoder
> ministeriet som led i sit tilsyn med virksomheden efter § 21 i lov nr.
> 434 af 6. maj 2025 om foranstaltninger til sikring af et højt
> cybersikkerhedsniveau (NIS 2-loven) om følgende.
>
> Formål
>
> at vurdere virksomhedens foranstaltninger efter § 6
>
> Hvilke oplysninger
>
> risikoanalyse og politik for kryptografi
>
> Format
>
> PDF via Digital Post
>
> Frist
>
> Oplysningerne skal være ministeriet i hænde senest den 16. marts 2026.
>
> Pligt til at svare
>
> Virksomheden har pligt til at give ministeriet de oplysninger, der
> anmodes om, inden fristen (NIS 2-lovens § 21). Den, der hindrer
> ministeriet i at føre tilsyn, kan straffes med bøde, som fastsættes af
> domstolene (NIS 2-lovens § 32).
>
> Retsgrundlag
>
> Anmodningen sendes efter NIS 2-lovens § 21, hvorefter ministeriet skal
> angive formålet med anmodningen, hvilke oplysninger der anmodes om, og i
> hvilket format.
>
> Med venlig hilsen
>
> Ministeriet for Samfundssikkerhed og Beredskab
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 2 -o text
> UDKAST – ikke afsendt
>
> Ministeriet for Samfundssikkerhed og Beredskab
>
> Nordkraft A/S
> Kraftvej 1, 7000 Fredericia
> CVR-nr. 24680134
>
> Dato: 14. marts 2026
> J.nr.: NIS-2026-0001/2
>
> Varsel om påtænkt afgørelse: advarsel
>
> Ministeriet overvejer at træffe afgørelse om advarsel over for
> virksomheden efter § 22 i lov nr. 434 af 6. maj 2025 om foranstaltninger
> til sikring af et højt cybersikkerhedsniveau (NIS 2-loven). Inden
> ministeriet træffer afgørelse, får virksomheden lejlighed til at udtale
> sig (forvaltningsloven § 19).
>
> Grundlaget for den påtænkte afgørelse
>
> risikoanalysen omfatter ikke fjernadgang
>
> Frist for bemærkninger
>
> Virksomhedens eventuelle bemærkninger skal være ministeriet i hænde
> senest den 28. marts 2026. Herefter træffer ministeriet afgørelse på det
> foreliggende grundlag.
>
> Med venlig hilsen
>
> Ministeriet for Samfundssikkerhed og Beredskab
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 4 -o text
> UDKAST – ikke afsendt
>
> Ministeriet for Samfundssikkerhed og Beredskab
>
> Nordkraft A/S
> Kraftvej 1, 7000 Fredericia
> CVR-nr. 24680134
>
> Dato: 21. marts 2026
> J.nr.: NIS-2026-0001/4
>
> Afgørelse: advarsel
>
> Ministeriet giver hermed virksomheden en advarsel efter § 22 i lov nr.
> 434 af 6. maj 2025 om foranstaltninger til sikring af et højt
> cybersikkerhedsniveau (NIS 2-loven).
>
> Sagens faktiske omstændigheder
>
> risikoanalysen omfatter ikke fjernadgang
>
> Virksomheden er blevet hørt om den påtænkte afgørelse (forvaltningsloven
> § 19) ved brev af 14. marts 2026 (j.nr. NIS-2026-0001/2). Virksomhedens
> bemærkninger er indgået i afgørelsen.
>
> Begrundelse
>
> Ministeriet har på grundlag af de faktiske omstændigheder, der er
> beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine
> forpligtelser efter NIS 2-loven, og at en afgørelse om advarsel er
> nødvendig og forholdsmæssig for at sikre, at forpligtelserne overholdes.
>
> Retsgrundlag
>
> Afgørelsen er truffet efter NIS 2-lovens § 22. Afgørelsen er begrundet
> efter forvaltningsloven §§ 22-24.
>
> Klagevejledning
>
> Afgørelsen er truffet af Ministeriet for Samfundssikkerhed og Beredskab.
> Der er ingen højere administrativ myndighed, og afgørelsen kan derfor
> ikke påklages til anden administrativ myndighed. Virksomheden kan
> indbringe afgørelsen for domstolene (grundloven § 63). Har virksomheden
> spørgsmål til afgørelsen, kan ministeriet kontaktes med angivelse af
> journalnummeret ovenfor (forvaltningsloven § 25).
>
> Med venlig hilsen
>
> Ministeriet for Samfundssikkerhed og Beredskab
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 NIS-2026-0001/6 -o text
> UDKAST – ikke afsendt
>
> Ministeriet for Samfundssikkerhed og Beredskab
>
> Nordkraft A/S
> Kraftvej 1, 7000 Fredericia
> CVR-nr. 24680134
>
> Dato: 30. marts 2026
> J.nr.: NIS-2026-0001/6
>
> Afgørelse: bindende instruks
>
> Ministeriet giver hermed virksomheden en bindende instruks efter § 22 i
> lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt
> cybersikkerhedsniveau (NIS 2-loven) om at træffe de foranstaltninger,
> der er beskrevet nedenfor.
>
> Frister
>
> - Foranstaltningerne skal være gennemført senest den 30. april 2026.
> - Virksomheden skal rapportere om gennemførelsen senest den 7. maj 2026.
>
> Manglende efterkommelse af afgørelsen kan straffes med bøde, som
> fastsættes af domstolene (NIS 2-lovens § 32).
>
> Sagens faktiske omstændigheder
>
> VPN accepterer TLS 1.0
>
> Virksomheden er blevet hørt om den påtænkte afgørelse (forvaltningsloven
> § 19) ved brev af 21. marts 2026 (j.nr. NIS-2026-0001/5). Ministeriet
> har ikke modtaget bemærkninger fra virksomheden.
>
> Begrundelse
>
> Ministeriet har på grundlag af de faktiske omstændigheder, der er
> beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine
> forpligtelser efter NIS 2-loven, og at en afgørelse om bindende instruks
> er nødvendig og forholdsmæssig for at sikre, at forpligtelserne
> overholdes.
>
> Retsgrundlag
>
> Afgørelsen er truffet efter NIS 2-lovens § 22. Afgørelsen er begrundet
> efter forvaltningsloven §§ 22-24.
>
> Klagevejledning
>
> Afgørelsen er truffet af Ministeriet for Samfundssikkerhed og Beredskab.
> Der er ingen højere administrativ myndighed, og afgørelsen kan derfor
> ikke påklages til anden administrativ myndighed. Virksomheden kan
> indbringe afgørelsen for domstolene (grundloven § 63). Har virksomheden
> spørgsmål til afgørelsen, kan ministeriet kontaktes med angivelse af
> journalnummeret ovenfor (forvaltningsloven § 25).
>
> Med venlig hilsen
>
> Ministeriet for Samfundssikkerhed og Beredskab
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 9 -o text
> UDKAST – ikke afsendt
>
> Ministeriet for Samfundssikkerhed og Beredskab
>
> Nordkraft A/S
> Kraftvej 1, 7000 Fredericia
> CVR-nr. 24680134
>
> Dato: 17. maj 2026
> J.nr.: NIS-2026-0001/9
>
> Afgørelse: forbud
>
> Ministeriet træffer hermed afgørelse om forbud over for virksomheden
> efter § 22 i lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring
> af et højt cybersikkerhedsniveau (NIS 2-loven).
>
> Frist
>
> Afgørelsen skal være efterkommet senest den 1. juni 2026.
>
> Manglende efterkommelse af afgørelsen kan straffes med bøde, som
> fastsættes af domstolene (NIS 2-lovens § 32).
>
> Sagens faktiske omstændigheder
>
> fjernadgang uden MFA må ikke anvendes
>
> Virksomheden er blevet hørt om den påtænkte afgørelse (forvaltningsloven
> § 19) ved brev af 2. maj 2026 (j.nr. NIS-2026-0001/8). Ministeriet har
> ikke modtaget bemærkninger fra virksomheden.
>
> Begrundelse
>
> Ministeriet har på grundlag af de faktiske omstændigheder, der er
> beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine
> forpligtelser efter NIS 2-loven, og at en afgørelse om forbud er
> nødvendig og forholdsmæssig for at sikre, at forpligtelserne overholdes.
>
> Retsgrundlag
>
> Afgørelsen er truffet efter NIS 2-lovens § 22. Afgørelsen er begrundet
> efter forvaltningsloven §§ 22-24.
>
> Klagevejledning
>
> Afgørelsen er truffet af Ministeriet for Samfundssikkerhed og Beredskab.
> Der er ingen højere administrativ myndighed, og afgørelsen kan derfor
> ikke påklages til anden administrativ myndighed. Virksomheden kan
> indbringe afgørelsen for domstolene (grundloven § 63). Har virksomheden
> spørgsmål til afgørelsen, kan ministeriet kontaktes med angivelse af
> journalnummeret ovenfor (forvaltningsloven § 25).
>
> Med venlig hilsen
>
> Ministeriet for Samfundssikkerhed og Beredskab
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 11 -o text
> UDKAST – ikke afsendt
>
> Ministeriet for Samfundssikkerhed og Beredskab
>
> Politiet
> (anmeldelse af Nordkraft A/S, CVR-nr. 24680134)
>
> Dato: 3. juni 2026
> J.nr.: NIS-2026-0001/11
>
> Politianmeldelse
>
> Ministeriet for Samfundssikkerhed og Beredskab anmelder hermed Nordkraft
> A/S (CVR-nr. 24680134) for overtrædelse af lov nr. 434 af 6. maj 2025 om
> foranstaltninger til sikring af et højt cybersikkerhedsniveau
> (NIS 2-loven) med påstand om bøde. Bøde kan ikke pålægges
> administrativt, men fastsættes af domstolene.
>
> Det anmeldte forhold
>
> forbud af 17. maj 2026 er ikke overholdt
>
> - Virksomheden har ikke inden fristen den 30. april 2026 efterkommet
>   ministeriets afgørelse af 30. marts 2026 om bindende instruks (j.nr.
>   NIS-2026-0001/6).
> - Virksomheden har ikke inden fristen den 1. juni 2026 efterkommet
>   ministeriets afgørelse af 17. maj 2026 om forbud (j.nr.
>   NIS-2026-0001/9).
>
> Forholdet er efter ministeriets vurdering strafbart efter NIS 2-lovens
> § 32, stk. 1, og selskaber kan straffes efter reglerne i straffelovens
> 5. kapitel (NIS 2-lovens § 32, stk. 2).
>
> Sagens forløb
>
> - 14. marts 2026: partshøring om advarsel (j.nr. NIS-2026-0001/2)
> - 21. marts 2026: afgørelse om advarsel (j.nr. NIS-2026-0001/4)
> - 21. marts 2026: partshøring om bindende instruks (j.nr.
>   NIS-2026-0001/5)
> - 30. marts 2026: afgørelse om bindende instruks med frist 30. april
>   2026 (j.nr. NIS-2026-0001/6)
> - 1. maj 2026: fristen i afgørelsen NIS-2026-0001/6 er overskredet uden
>   efterkommelse (j.nr. NIS-2026-0001/7)
> - 2. maj 2026: partshøring om forbud (j.nr. NIS-2026-0001/8)
> - 17. maj 2026: afgørelse om forbud med frist 1. juni 2026 (j.nr.
>   NIS-2026-0001/9)
> - 2. juni 2026: fristen i afgørelsen NIS-2026-0001/9 er overskredet uden
>   efterkommelse (j.nr. NIS-2026-0001/10)
>
> Bødens maksimum
>
> Virksomheden er en væsentlig enhed. Efter NIS 2-direktivets artikel 34,
> stk. 4, er bødens maksimum for en væsentlig enhed EUR 10.000.000 eller 2
> pct. af virksomhedens samlede globale årsomsætning i det foregående
> regnskabsår, alt efter hvilket beløb der er højest. Med den oplyste
> omsætning på EUR 800.000.000 er bødens maksimum beregnet til EUR
> 16.000.000. Bødens størrelse fastsættes af domstolene (NIS 2-lovens
> § 32).
>
> Retten til ikke at inkriminere sig selv
>
> Sagen indeholder ingen meddelelse til virksomheden om, at den ikke har
> pligt til at inkriminere sig selv (retssikkerhedsloven § 10).
>
> Efter denne anmeldelse anmoder ministeriet kun om oplysninger fra
> virksomheden som frivillige bidrag og med oplysning om, at der ikke er
> pligt til at svare.
>
> Sagens akter, herunder bevismateriale med SHA-256-kontrolsummer, kan
> udleveres efter anmodning.
>
> Med venlig hilsen
>
> Ministeriet for Samfundssikkerhed og Beredskab
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 3
! tilsyn-case: letter 'NIS-2026-0001/3': no letter for a step of kind response (give --template)
? 2
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 1 --template nosuch
! tilsyn-case: letter 'NIS-2026-0001/1': template '$SRCDIR/templates/nosuch.xsl': No such file or directory
? 2
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 1 -o pdf
! tilsyn-case: letter: -o 'pdf': valid: xhtml, text
? 2
# A handler's copy of a template is used as it is ...
$ sed 's/Anmodning om oplysninger/Anmodning om oplysninger (kopi)/' $SRCDIR/templates/informationsanmodning.xsl > mine.xsl && tilsyn-case letter NIS-2026-0001 1 --template ./mine.xsl -o text | grep kopi
> Anmodning om oplysninger (kopi)
? 0
# ... and a broken one is refused with its file and line.
$ sed 's|<h2>Formål</h2>|<h2>Formål</h3>|' $SRCDIR/templates/informationsanmodning.xsl > broken.xsl && tilsyn-case letter NIS-2026-0001 1 --template broken.xsl
! tilsyn-case: letter 'NIS-2026-0001/1': template 'broken.xsl': line 123: Opening and ending tag mismatch: h2 line 123 and h3
? 2
$ printf '<?xml version="1.0"?>\n<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/"><xsl:frobnicate/></xsl:template>\n</xsl:stylesheet>\n' > bad.xsl && tilsyn-case letter NIS-2026-0001 1 --template bad.xsl
! tilsyn-case: letter 'NIS-2026-0001/1': template 'bad.xsl': not a valid XSLT stylesheet: compilation error: file bad.xsl line 3 element frobnicate xsltStylePreCompute: unknown xsl:frobnicate
? 2
