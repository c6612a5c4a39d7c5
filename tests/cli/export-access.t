# tilsyn-case export --access-request (aktindsigt): incident notifications
# are left out with their evidence (§ 12), and so is text derived from
# them: the indication of a case that holds one, and any text that quotes
# an incident's summary (the whole, or 5 consecutive words, case and
# spacing ignored) is replaced.  Security-sensitive information
# (offentlighedsloven § 33, nr. 1): registered IP ranges, hosts and
# ports, and a scan's evidence and summary.  Each is listed, in Danish,
# with its reason (issue 11).
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 35792465 --name 'Vandværk Midt' --sector drinking-water --employees 100 --turnover 20000000 --balance 15000000 --ip-range 198.51.100.0/24 --host vpn.vandvaerk.example --ports 22,443
> 35792465 important
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 35792465 --basis indication --indication 'underretning om, at filserveren blev krypteret' --subject 'Ransomware krypterede  filserveren FIL01 natten til mandag'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 --actor anna incident NIS-2026-0001 --received 2026-03-01 --summary 'ransomware krypterede filserveren fil01 natten til mandag'
> NIS-2026-0001/1
? 0
$ printf 'open port 22 on 198.51.100.7\n' > scan.txt
? 0
$ tilsyn-case --now 2026-03-02 --actor anna inspect NIS-2026-0001 --kind scan --evidence scan.txt --summary 'ssh med adgangskode på 198.51.100.7'
> NIS-2026-0001/2
? 0
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure paabud --grounds 'efter hændelsen, hvor ransomware krypterede filserveren fil01 natten til mandag, mangler backup' --deadline 2026-03-20
> NIS-2026-0001/3
? 0
# Four words in common are no quote: kept.
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere backup efter at ransomware krypterede filserveren' --specification 'backuppolitik' --format PDF --deadline 2026-03-20
> NIS-2026-0001/4
? 0
# The full export has all of it ...
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 | grep -c -i -e 'natten til mandag' -e 198.51.100 -e vpn.vandvaerk -e scan.txt -e '22,443' -e 'filserveren blev'
> 9
? 0
# ... the access request's has none of it, in XML or in JSON.
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 --access-request 2>/dev/null | grep -c -i -e 'natten til mandag' -e 198.51.100 -e vpn.vandvaerk -e scan.txt -e '22,443' -e 'filserveren blev' -e fil01
> 0
? 1
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 -o json --access-request 2>/dev/null | grep -c -i -e 'natten til mandag' -e 198.51.100 -e vpn.vandvaerk -e scan.txt -e '22,443' -e 'filserveren blev' -e fil01
> 0
? 1
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 --access-request 2>/dev/null | xmllint --noout - && echo well-formed
> well-formed
? 0
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 --access-request 2>/dev/null | sed -n '/<subject>/,$p'
>   <subject>[undtaget fra aktindsigt]</subject>
>   <entity cvr="35792465" class="important" public-administration="no">
>     <balance-eur>15000000</balance-eur>
>     <basis>§ 5</basis>
>     <class>important</class>
>     <employees>100</employees>
>     <name>Vandværk Midt</name>
>     <sector>drinking-water</sector>
>     <size>medium</size>
>     <turnover-eur>20000000</turnover-eur>
>   </entity>
>   <steps>
>     <step n="2" kind="inspection" date="2026-03-02" actor="anna">
>       <kind>scan</kind>
>       <power>§ 24</power>
>     </step>
>     <step n="3" kind="hearing" date="2026-03-02" measure="order" deadline="2026-03-20" actor="anna">
>       <basis>§ 25</basis>
>       <grounds>[undtaget fra aktindsigt]</grounds>
>       <measure-title>påbud</measure-title>
>     </step>
>     <step n="4" kind="request" date="2026-03-02" deadline="2026-03-20" actor="anna">
>       <basis>§ 24</basis>
>       <format>PDF</format>
>       <kind>information</kind>
>       <purpose>at vurdere backup efter at ransomware krypterede filserveren</purpose>
>       <specification>backuppolitik</specification>
>       <voluntary>no</voluntary>
>     </step>
>   </steps>
>   <documents/>
>   <omitted incident-notifications="1" basis="§ 12">
>     <note>Udtræk til brug for behandling af en anmodning om aktindsigt. Hændelsesunderretninger og deres bilag er udeladt, og det samme gælder tekst, der gengiver deres indhold (NIS 2-lovens § 12). Sikkerhedsfølsomme oplysninger (registrerede ip-intervaller, værter og porte samt resultater og bevismateriale fra sikkerhedsscanninger) er udeladt (offentlighedsloven § 33, nr. 1). Hvert udeladt forhold er anført med sin begrundelse.</note>
>     <withheld what="subject" basis="§ 12">teksten gengiver indhold af en hændelsesunderretning, som er undtaget fra aktindsigt</withheld>
>     <withheld what="indication" basis="§ 12">sagen omfatter en hændelsesunderretning, og sagens indikation kan gengive dens indhold</withheld>
>     <withheld what="ip-ranges" basis="offentlighedsloven § 33, nr. 1">virksomhedens registrerede ip-intervaller er sikkerhedsfølsomme</withheld>
>     <withheld what="hosts" basis="offentlighedsloven § 33, nr. 1">virksomhedens registrerede værter er sikkerhedsfølsomme</withheld>
>     <withheld what="ports" basis="offentlighedsloven § 33, nr. 1">virksomhedens registrerede porte er sikkerhedsfølsomme</withheld>
>     <withheld what="incident-notification" step="1" basis="§ 12">hændelsesunderretninger og deres bilag er undtaget fra aktindsigt</withheld>
>     <withheld what="scan-evidence" step="2" basis="offentlighedsloven § 33, nr. 1">bevismateriale fra en sikkerhedsscanning er sikkerhedsfølsomt</withheld>
>     <withheld what="scan-summary" step="2" basis="offentlighedsloven § 33, nr. 1">resultatet af en sikkerhedsscanning er sikkerhedsfølsomt</withheld>
>     <withheld what="grounds" step="3" basis="§ 12">teksten gengiver indhold af en hændelsesunderretning, som er undtaget fra aktindsigt</withheld>
>   </omitted>
> </case>
? 0
# JSON lists the same, in the same order.
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 -o json --access-request 2>/dev/null | python3 -c 'import json, sys; j = json.load(sys.stdin); [print(w["what"], w.get("step", "-"), w["basis"]) for w in j["omitted"]["withheld"]]; print(j["subject"]); print("indication" in j, j["entity_data"].keys() & {"ip_ranges", "hosts", "ports"}, j["evidence"])'
> subject - § 12
> indication - § 12
> ip-ranges - offentlighedsloven § 33, nr. 1
> hosts - offentlighedsloven § 33, nr. 1
> ports - offentlighedsloven § 33, nr. 1
> incident-notification 1 § 12
> scan-evidence 2 offentlighedsloven § 33, nr. 1
> scan-summary 2 offentlighedsloven § 33, nr. 1
> grounds 3 § 12
> [undtaget fra aktindsigt]
> False set() []
? 0
# A free text that names an IPv4 address or a registered host (any
# letter case) is replaced too; a version number of three parts is not
# an address.
$ tilsyn-case --now 2026-03-02 --actor anna hearing NIS-2026-0001 --measure advarsel --grounds 'VPN.Vandvaerk.example accepterer TLS 1.0' --deadline 2026-03-20
> NIS-2026-0001/5
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere serveren på 198.51.100.9' --specification 'OpenSSH 9.6.1 konfiguration' --format PDF --deadline 2026-03-20
> NIS-2026-0001/6
? 0
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 --access-request 2>/dev/null | grep -e '<grounds>' -e '<purpose>' -e '<specification>' -e 'step="[56]"'
>       <grounds>[undtaget fra aktindsigt]</grounds>
>       <purpose>at vurdere backup efter at ransomware krypterede filserveren</purpose>
>       <specification>backuppolitik</specification>
>       <grounds>[undtaget fra aktindsigt]</grounds>
>       <purpose>[undtaget fra aktindsigt]</purpose>
>       <specification>OpenSSH 9.6.1 konfiguration</specification>
>     <withheld what="grounds" step="5" basis="offentlighedsloven § 33, nr. 1">teksten nævner en ip-adresse eller en registreret vært, som er sikkerhedsfølsom</withheld>
>     <withheld what="purpose" step="6" basis="offentlighedsloven § 33, nr. 1">teksten nævner en ip-adresse eller en registreret vært, som er sikkerhedsfølsom</withheld>
? 0
# An IPv6 literal is an address too, with or without brackets and port,
# at a sentence's end; a time of day or a word is not.
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere [2001:db8:4::25]:443 fra kl. 12:30:45' --specification 'logs for ::ffff:c000:221 og fe80::1.' --format PDF --deadline 2026-03-20
> NIS-2026-0001/7
? 0
$ tilsyn-case --now 2026-03-02 --actor anna request NIS-2026-0001 --kind information --purpose 'at vurdere logning kl. 12:30:45 og 1:2:3' --specification 'Face::Cafe-politik' --format PDF --deadline 2026-03-20
> NIS-2026-0001/8
? 0
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 --access-request 2>/dev/null | grep -e '<purpose>' -e '<specification>' | tail -4
>       <purpose>[undtaget fra aktindsigt]</purpose>
>       <specification>[undtaget fra aktindsigt]</specification>
>       <purpose>at vurdere logning kl. 12:30:45 og 1:2:3</purpose>
>       <specification>Face::Cafe-politik</specification>
? 0
# The reason given for a wide range names the entity's net: withheld too.
$ tilsyn-case --now 2026-03-05 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --ip-range 10.0.0.0/8 --wide-range 'koncernens net 10.0.0.0/8'
> 24680134 essential
? 0
$ tilsyn-case --now 2026-03-05 --actor anna case open --cvr 24680134 --basis routine --subject 'Tilsyn 2026'
> NIS-2026-0002
? 0
$ tilsyn-case --now 2026-03-05 export NIS-2026-0002 --access-request 2>/dev/null | grep -c '10\.0\.0\.0'
> 0
? 1
$ tilsyn-case --now 2026-03-05 export NIS-2026-0002 -o json --access-request 2>/dev/null | python3 -c 'import json, sys; j = json.load(sys.stdin); print(sorted(w["what"] for w in j["omitted"]["withheld"]), "wide_range" in j["entity_data"])'
> ['ip-ranges', 'wide-range'] False
? 0
