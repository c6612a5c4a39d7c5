# tilsyn-case export: the case as XML and JSON; an export for an access
# request (aktindsigt) leaves incident notifications out and says so.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 35792465 --name 'Vandværk Midt' --sector drinking-water --employees 100 --turnover 20000000 --balance 15000000 --email drift@vandvaerk.example
> 35792465 important
? 0
$ tilsyn-case --now 2026-03-02 --actor anna case open --cvr 35792465 --basis indication --indication 'hændelse anmeldt 2026-02-20' --subject 'Hændelse i SCADA-net'
> NIS-2026-0001
? 0
$ printf 'early warning 2026-02-20T08:00+01:00\n' > notification.txt
? 0
$ tilsyn-case --now 2026-03-02 --actor anna incident NIS-2026-0001 --received 2026-02-20 --summary 'ransomware i SCADA-net' --evidence notification.txt
> NIS-2026-0001/1
? 0
$ printf 'port 22 password auth\n' > scan.txt
? 0
$ tilsyn-case --now 2026-03-03 --actor anna inspect NIS-2026-0001 --kind scan --evidence scan.txt
> NIS-2026-0001/2
? 0
$ tilsyn-case export NIS-2026-0001 --now 2026-03-04
! tilsyn-case: export: unknown option '--now' or it needs a value
? 2
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001
> <?xml version="1.0" encoding="UTF-8"?>
> <case id="NIS-2026-0001" opened="2026-03-02" basis="indication" status="open" criminal="no" generated="2026-03-04">
>   <authority>Ministeriet for Samfundssikkerhed og Beredskab</authority>
>   <references>
>     <ref id="supervision" title="supervision of important entities (on indications only)">§ 24</ref>
>     <ref id="request" title="a request states its purpose, the information requested and its format">§ 24</ref>
>     <ref id="enforcement" title="enforcement against important entities">§ 25</ref>
>     <ref id="suspension" title="suspension of certification or authorisation, ban on management (essential entities)">§ 23</ref>
>     <ref id="hearing" title="the party is heard before a decision">forvaltningsloven § 19</ref>
>     <ref id="reasons" title="a written decision states its reasons and the rules applied">forvaltningsloven §§ 22-24</ref>
>     <ref id="appeal" title="appeal guidance">forvaltningsloven § 25</ref>
>     <ref id="journal" title="documents are journalised">offentlighedsloven § 15</ref>
>     <ref id="penalties" title="fines are imposed by the courts">§ 32</ref>
>     <ref id="fine" title="maximum fine for an important entity: EUR 7 000 000 or 1.4 % of worldwide annual turnover, whichever is higher">§ 32 (directive art. 34(5))</ref>
>     <ref id="self-incrimination" title="no duty to incriminate oneself once a criminal sanction is in view">retssikkerhedsloven § 10</ref>
>   </references>
>   <subject>Hændelse i SCADA-net</subject>
>   <indication>hændelse anmeldt 2026-02-20</indication>
>   <entity cvr="35792465" class="important" public-administration="no">
>     <balance-eur>15000000</balance-eur>
>     <basis>§ 5</basis>
>     <class>important</class>
>     <email>drift@vandvaerk.example</email>
>     <employees>100</employees>
>     <name>Vandværk Midt</name>
>     <sector>drinking-water</sector>
>     <size>medium</size>
>     <turnover-eur>20000000</turnover-eur>
>   </entity>
>   <steps>
>     <step n="1" kind="incident" date="2026-02-20" actor="anna">
>       <basis>§ 12</basis>
>       <summary>ransomware i SCADA-net</summary>
>       <evidence name="notification.txt" size="37" sha256="8838bdb90d7a1c927b0c658a0d9bddf2eff17a6d77289073a15473bbf96d66f7" actor="anna"/>
>     </step>
>     <step n="2" kind="inspection" date="2026-03-03" actor="anna">
>       <kind>scan</kind>
>       <power>§ 24</power>
>       <evidence name="scan.txt" size="22" sha256="ab138fdb8fccb28877b5c4f3382b41892248c283324a9fd7668a8b64ab6fc32b" actor="anna"/>
>     </step>
>   </steps>
>   <documents/>
> </case>
? 0
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 -o json --access-request
> {
>   "basis": "indication",
>   "case": "NIS-2026-0001",
>   "criminal": false,
>   "cvr": "35792465",
>   "documents": [],
>   "entity": "Vandværk Midt",
>   "entity_data": {
>     "balance_eur": 15000000,
>     "basis": [
>       "§ 5"
>     ],
>     "class": "important",
>     "cvr": "35792465",
>     "emails": [
>       "drift@vandvaerk.example"
>     ],
>     "employees": 100,
>     "flags": [],
>     "member_states": [],
>     "name": "Vandværk Midt",
>     "phones": [],
>     "sectors": [
>       "drinking-water"
>     ],
>     "size": "medium",
>     "turnover_eur": 20000000
>   },
>   "evidence": [],
>   "omitted": {
>     "basis": "§ 12",
>     "incident_notifications": 1,
>     "note": "Udtræk til brug for behandling af en anmodning om aktindsigt. Hændelsesunderretninger og deres bilag er udeladt, og det samme gælder tekst, der gengiver deres indhold (NIS 2-lovens § 12). Sikkerhedsfølsomme oplysninger (registrerede ip-intervaller, værter og porte samt resultater og bevismateriale fra sikkerhedsscanninger) er udeladt (offentlighedsloven § 33, nr. 1). Hvert udeladt forhold er anført med sin begrundelse.",
>     "withheld": [
>       {
>         "basis": "§ 12",
>         "reason": "sagen omfatter en hændelsesunderretning, og sagens indikation kan gengive dens indhold",
>         "what": "indication"
>       },
>       {
>         "basis": "§ 12",
>         "reason": "hændelsesunderretninger og deres bilag er undtaget fra aktindsigt",
>         "step": 1,
>         "what": "incident-notification"
>       },
>       {
>         "basis": "offentlighedsloven § 33, nr. 1",
>         "reason": "bevismateriale fra en sikkerhedsscanning er sikkerhedsfølsomt",
>         "step": 2,
>         "what": "scan-evidence"
>       }
>     ]
>   },
>   "opened": "2026-03-02",
>   "steps": [
>     {
>       "actor": "anna",
>       "data": {
>         "kind": "scan",
>         "power": "§ 24"
>       },
>       "date": "2026-03-03",
>       "kind": "inspection",
>       "step": 2
>     }
>   ],
>   "subject": "Hændelse i SCADA-net"
> }
! tilsyn-case: export 'NIS-2026-0001': incident notifications left out (§ 12: incident notifications are exempt from access to documents (aktindsigt))
? 0
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 --access-request | grep -c -e ransomware -e notification.txt
> 0
! tilsyn-case: export 'NIS-2026-0001': incident notifications left out (§ 12: incident notifications are exempt from access to documents (aktindsigt))
? 1
$ tilsyn-case --now 2026-03-04 export NIS-2026-0001 --access-request 2>/dev/null | xmllint --noout - && echo well-formed
> well-formed
? 0
$ tilsyn-case --now 2026-03-05 --actor anna -o json refer NIS-2026-0001 --grounds 'manglende MFA på fjernadgang'
> {
>   "basis": "§ 32",
>   "class": "important",
>   "fine_basis": "§ 32 (directive art. 34(5))",
>   "grounds": "manglende MFA på fjernadgang",
>   "id": "NIS-2026-0001/3",
>   "kind": "referral",
>   "max_fine_eur": 7000000,
>   "self_incrimination": "retssikkerhedsloven § 10",
>   "turnover_eur": 20000000
> }
? 0
