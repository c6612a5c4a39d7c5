# The parts forvaltningsloven §§ 22-25 and the act want in a letter, each
# rendered only when the case has it (issue 11): the act named in full,
# the obligation (--legal-basis), the duty to answer and § 32 in a
# request, no duty in a voluntary one; a referral that states only the
# self-incrimination notices given, does not cite § 32 for a fine it
# could not compute, records the offence and is Danish throughout; a
# hearing's short period and a moved deadline.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
# No turnover: the referral cannot compute the maximum fine.
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere kryptografien' --specification 'politik for kryptografi' --format PDF --deadline 2026-03-16 --legal-basis '§ 6, stk. 2, nr. 8'
> NIS-2026-0001/1
? 0
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure paabud --grounds 'TLS 1.0 på VPN' --deadline 2026-03-20
> NIS-2026-0001/2
? 0
$ tilsyn-case --now 2026-03-02 --actor anna refer NIS-2026-0001 --grounds 'TLS 1.0 på VPN efter påbud'
> NIS-2026-0001/3
> maximum fine: at least EUR 10 000 000; turnover unknown, give --turnover (§ 32 (directive art. 34(4)))
> criminal fine in view: requests now need --voluntary (retssikkerhedsloven § 10)
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at belyse forholdet' --specification 'logfiler' --format PDF --deadline 2026-03-16 --voluntary
> NIS-2026-0001/4
? 0
$ for s in 1 2 3 4; do TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 $s -o text > t$s.txt || echo "step $s failed"; done
? 0
# Every letter names the act in full (wrapped: joined again here).
$ for s in 1 2 3 4; do tr '\n' ' ' < t$s.txt | grep -c 'lov nr. 434 af 6. maj 2025 om foranstaltninger til sikring af et højt cybersikkerhedsniveau (NIS 2-loven)'; done
> 1
> 1
> 1
> 1
? 0
# The compulsory request: the duty, the deadline, obstruction (§ 32),
# and the obligation it concerns.
$ sed -n '/^Frist$/,/^Med venlig/p' t1.txt
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
> hvilket format. Anmodningen angår virksomhedens forpligtelse efter
> NIS 2-lovens § 6, stk. 2, nr. 8.
>
> Med venlig hilsen
? 0
# The voluntary one: no duty, no threat of a fine.
$ sed -n '/^Frist$/,/^Retsgrundlag$/p' t4.txt
> Frist
>
> Vil virksomheden besvare anmodningen, bedes oplysningerne sendt senest
> den 16. marts 2026.
>
> Ingen pligt til at svare
>
> Virksomheden har ikke pligt til at besvare denne anmodning, og
> besvarelsen er frivillig. Da der er en konkret mistanke om en strafbar
> lovovertrædelse, har virksomheden ikke pligt til at give oplysninger,
> der kan have betydning for bedømmelsen af den formodede lovovertrædelse
> (retssikkerhedsloven § 10).
>
> Retsgrundlag
? 0
$ grep -c -e 'Pligt til at svare' -e '§ 32' t4.txt
> 0
? 1
# The referral: the offence, the fine not computed and § 32 not cited
# for it, no notice claimed, no English.
$ sed -n '/^Det anmeldte forhold$/,/^Med venlig/p' t3.txt
> Det anmeldte forhold
>
> TLS 1.0 på VPN efter påbud
>
> Forholdet er efter ministeriets vurdering strafbart efter NIS 2-lovens
> § 32, stk. 1, og selskaber kan straffes efter reglerne i straffelovens
> 5. kapitel (NIS 2-lovens § 32, stk. 2).
>
> Sagens forløb
>
> - 2. marts 2026: partshøring om påbud (j.nr. NIS-2026-0001/2)
>
> Bødens maksimum
>
> Virksomheden er en væsentlig enhed. Virksomhedens omsætning er ikke
> oplyst, og bødens maksimum er derfor ikke beregnet. Ministeriet anmoder
> politiet om at tilvejebringe oplysning om virksomhedens samlede globale
> årsomsætning i det foregående regnskabsår.
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
? 0
$ grep -c -i -w -e directive -e the -e of -e and -e fine -e turnover -e art t3.txt
> 0
? 1
# A notice given before the referral (a voluntary request: step data
# voluntary) is stated with its date and number; the voluntary request
# after the referral is not (the letter speaks as of its date).  Fields
# other commands record (short_period, deadline_given, a legal basis on
# the hearing) are set in the export here and the template run alone.
$ tilsyn-case --now 2026-03-02 export NIS-2026-0001 > case.xml && sed -i '0,/<voluntary>no<\/voluntary>/s//<voluntary>yes<\/voluntary>/' case.xml && xsltproc --stringparam step 3 $SRCDIR/templates/politianmeldelse.xsl case.xml | sed -n '/<h2>Retten/,/<\/ul>/p'
>     <h2>Retten til ikke at inkriminere sig selv</h2>
>     <p>Virksomheden er gjort bekendt med, at den ikke har pligt til at give oplysninger, der kan have betydning for bedømmelsen af den formodede lovovertrædelse (retssikkerhedsloven § 10), i følgende breve:</p>
>     <ul>
>       <li>2. marts 2026 (j.nr. NIS-2026-0001/1)</li>
>     </ul>
? 0
$ sed 's|<grounds>TLS 1.0 på VPN</grounds>|&<short-period>virksomheden har selv bedt om en hurtig afgørelse</short-period><deadline-given>2026-03-21</deadline-given><legal-basis>§ 6, stk. 2, nr. 8</legal-basis>|; s|deadline="2026-03-20"|deadline="2026-03-23"|' case.xml > h.xml && xsltproc --stringparam step 2 $SRCDIR/templates/hoering.xsl h.xml | sed -n '/<h2>Den forpligtelse/,/<p>Med venlig/p'
>     <h2>Den forpligtelse, sagen angår</h2>
>     <p>Ministeriet vurderer foreløbig, at virksomheden ikke overholder sin forpligtelse efter NIS 2-lovens § 6, stk. 2, nr. 8.</p>
>     <h2>Grundlaget for den påtænkte afgørelse</h2>
>     <p>TLS 1.0 på VPN</p>
>     <h2>Frist for bemærkninger</h2>
>     <p>Virksomhedens eventuelle bemærkninger skal være ministeriet i hænde senest den 23. marts 2026. Fristen er flyttet fra den 21. marts 2026 til den 23. marts 2026, da den 21. marts 2026 er en lørdag. Fristen er kortere end 14 dage af følgende grund: virksomheden har selv bedt om en hurtig afgørelse. Herefter træffer ministeriet afgørelse på det foreliggende grundlag.</p>
>     <p>Med venlig hilsen</p>
? 0
# A Sunday, and Good Friday (a holiday on a weekday); a deadline not
# moved says nothing.
$ for d in 2026-03-22:2026-03-23 2026-04-03:2026-04-07 2026-03-20:2026-03-20; do sed "s|<grounds>TLS 1.0 på VPN</grounds>|&<deadline-given>${d%:*}</deadline-given>|; s|deadline=\"2026-03-20\"|deadline=\"${d#*:}\"|" case.xml > m.xml && xsltproc --stringparam step 2 $SRCDIR/templates/hoering.xsl m.xml | grep -o 'senest den .*</p>' | sed 's/ Herefter.*//'; done
> senest den 23. marts 2026. Fristen er flyttet fra den 22. marts 2026 til den 23. marts 2026, da den 22. marts 2026 er en søndag.
> senest den 7. april 2026. Fristen er flyttet fra den 3. april 2026 til den 7. april 2026, da den 3. april 2026 er en helligdag eller en dag, hvor ministeriet holder lukket.
> senest den 20. marts 2026.
? 0
# A decision: facts, reasons, klagevejledning (no higher administrative
# authority; the courts, grundloven § 63).
$ tilsyn-case --now 2026-03-21 --actor anna decide NIS-2026-0001 --measure paabud --grounds 'VPN accepterer TLS 1.0' --deadline 2026-04-30
> NIS-2026-0001/5
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case letter NIS-2026-0001 5 -o text | sed -n '/^Sagens faktiske/,/^Med venlig/p'
> Sagens faktiske omstændigheder
>
> VPN accepterer TLS 1.0
>
> Virksomheden er blevet hørt om den påtænkte afgørelse (forvaltningsloven
> § 19) ved brev af 2. marts 2026 (j.nr. NIS-2026-0001/2). Ministeriet har
> ikke modtaget bemærkninger fra virksomheden.
>
> Begrundelse
>
> Ministeriet har på grundlag af de faktiske omstændigheder, der er
> beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine
> forpligtelser efter NIS 2-loven, og at en afgørelse om påbud er
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
? 0
# The obligation from the hearing the decision rests on, a moved
# deadline, and for a suspension (§ 23) that it lasts until compliance
# and that § 23, stk. 3 rules out an administrative appeal.
$ tilsyn-case --now 2026-03-21 export NIS-2026-0001 > case5.xml && sed 's|<grounds>TLS 1.0 på VPN</grounds>|&<legal-basis>§ 6, stk. 2, nr. 8</legal-basis>|; s|measure="order" deadline="2026-04-30" actor="anna" ref="2">|measure="suspension" deadline="2026-05-04" actor="anna" ref="2"><deadline-given>2026-05-02</deadline-given>|' case5.xml > s.xml && xsltproc --stringparam step 5 $SRCDIR/templates/paabud.xsl s.xml | grep -e 'indtil' -e 'flyttet' -e 'herunder' -e 'følger af' -e 'påklages'
>     <p>Foranstaltningen gælder kun, indtil virksomheden har truffet de nødvendige tiltag for at afhjælpe de mangler eller opfylde de krav, som gav anledning til den (NIS 2-lovens § 23, stk. 2).</p>
>     <p>Afgørelsen skal være efterkommet senest den 4. maj 2026. Fristen er flyttet fra den 2. maj 2026 til den 4. maj 2026, da den 2. maj 2026 er en lørdag.</p>
>     <p>Ministeriet har på grundlag af de faktiske omstændigheder, der er beskrevet ovenfor, vurderet, at virksomheden ikke overholder sine forpligtelser efter NIS 2-loven, herunder § 6, stk. 2, nr. 8, og at en afgørelse om påbud er nødvendig og forholdsmæssig for at sikre, at forpligtelserne overholdes.</p>
>     <p>Afgørelsen er truffet efter NIS 2-lovens § 22. Den forpligtelse, der ikke er overholdt, følger af NIS 2-lovens § 6, stk. 2, nr. 8. Afgørelsen er begrundet efter forvaltningsloven §§ 22-24.</p>
>     <p>Afgørelsen er truffet af Ministeriet for Samfundssikkerhed og Beredskab. Der er ingen højere administrativ myndighed, og afgørelsen kan derfor ikke påklages til anden administrativ myndighed (NIS 2-lovens § 23, stk. 3). Virksomheden kan indbringe afgørelsen for domstolene (grundloven § 63). Har virksomheden spørgsmål til afgørelsen, kan ministeriet kontaktes med angivelse af journalnummeret ovenfor (forvaltningsloven § 25).</p>
? 0
