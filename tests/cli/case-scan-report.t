# tilsyn-case report: the Danish inspection report of the last stored scan
# (templates/inspektionsrapport.xsl), as text and as XHTML, from two
# imported runs so that every date in it is fixed.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --ip-range 198.51.100.7/32 --ports 443,22 --host vpn.nordkraft.example --host smtp://mx.nordkraft.example:587
> 24680134 essential
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-03-02 report --entity 24680134
! tilsyn-case: report '24680134': no stored scan to report on (run tilsyn-case scan)
? 2
$ tilsyn-case --now 2026-03-02 --actor anna scan --import $SRCDIR/tests/cli/data/scan-run1.jsonl --entity 24680134
> scan 1: 24680134 Nordkraft A/S, § 21, 3 endpoints
>   tls://vpn.nordkraft.example:443  skipped: outside the registered ranges (--allow-hosted scans it)
>   tls://198.51.100.7:443  new endpoint
>     new finding: tls-tls10 (medium, § 6, stk. 2, nr. 8)
>     new finding: cert-untrusted (high, § 6, stk. 2, nr. 8)
>   ssh://198.51.100.7:22  new endpoint
>     new finding: ssh-auth-password (high, § 6, stk. 2, nr. 10)
? 1
$ tilsyn-case --now 2026-03-09 --actor bo scan --import $SRCDIR/tests/cli/data/scan-run2.jsonl --entity 24680134 --fail-on critical
> scan 2: 24680134 Nordkraft A/S, § 21, 2 endpoints
>   tls://198.51.100.7:443  changed
>     new finding: cert-weak-key (critical, § 6, stk. 2, nr. 8)
>     new finding: tls-sweet32 (medium, CVE-2016-2183, § 6, stk. 2, nr. 8)
>     resolved: tls-tls10 (medium, § 6, stk. 2, nr. 8)
>     TLS versions: TLSv1.0 TLSv1.2 TLSv1.3 -> TLSv1.2 TLSv1.3
>     suites TLSv1.2: added TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 removed TLS_RSA_WITH_AES_128_CBC_SHA
>     certificate RSA: SHA-256 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa -> bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
>     certificate RSA: not after 2026-06-01T00:00:00Z -> 2027-06-01T00:00:00Z
>   smtp://mx.nordkraft.example[198.51.100.7]:587  not scanned: refused (connection refused)
>   ssh://198.51.100.7:22  gone (not in this scan, or no service any more)
? 3
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-03-10 report --entity 24680134 -o text
> Ministeriet for Samfundssikkerhed og Beredskab
>
> Inspektionsrapport: sikkerhedsscanning af Nordkraft A/S
>
> Dato: 10. marts 2026
>
> 1. Enheden og det registrerede scope
>
> Nordkraft A/S, CVR-nr. 24680134, er registreret som væsentlig enhed.
>
> Registrerede IP-adresser (§ 10): 198.51.100.7/32; porte: 443,22.
> Registrerede værter: vpn.nordkraft.example,
> smtp://mx.nordkraft.example:587.
>
> 2. Scanningen
>
> Scanning nr. 2 blev foretaget uden for sagssystemet og indlæst fra filen
> scan-run2.jsonl (SHA-256
> 5e15da40a9ad77604c516867aacfdb01c55da277edaad37f10aaa85349ea1a50) fra 9.
> marts 2026 kl. 10:00 UTC til 9. marts 2026 kl. 10:00 UTC af bo med
> tilsyn-scan 0.1.0.
>
> Hjemmel: § 21 (rutinemæssigt tilsyn med en væsentlig enhed). Scanningen
> omfattede kun adresser i: 198.51.100.7/32.
>
> Basisprofil: tilsyn (standard).
>
> 3. Oversigt over endpoints
>
> Endpoint Versioner Alvorligste fund Vurdering Status
> tls://198.51.100.7:443 TLSv1.2 TLSv1.3 kritisk afvigelser ændret
> smtp://mx.nordkraft.example[198.51.100.7]:587 – ingen fund – ikke
> scannet (connection refused)
>
> 4. Fund efter sikkerhedsforanstaltning (§ 6, stk. 2)
>
> § 6, stk. 2, nr. 8: kryptografi og kryptering
>
> - tls://198.51.100.7:443: cert-untrusted (høj): e
> - tls://198.51.100.7:443: cert-weak-key (kritisk): e
> - tls://198.51.100.7:443: tls-sweet32 (middel, CVE-2016-2183): 3DES
>
> Fundene beskriver, hvad serverne svarede ved scanningen; de er ikke en
> afgørelse af, at en bestemt sårbarhed foreligger.
>
> 5. Ændringer siden forrige scanning
>
> Sammenlignet med hvert endpoints seneste gemte resultat (forrige
> scanning: nr. 1).
>
> tls://198.51.100.7:443:
>
> - nyt fund: cert-weak-key
> - nyt fund: tls-sweet32
> - afhjulpet: tls-tls10
> - TLS-versioner: TLSv1.0 TLSv1.2 TLSv1.3 → TLSv1.2 TLSv1.3
> - Cipher suites i TLSv1.2: tilføjet
>   TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384; fjernet
>   TLS_RSA_WITH_AES_128_CBC_SHA
> - Certifikat RSA: SHA-256
>   aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa →
>   bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
> - Certifikat RSA: gyldigt til 2026-06-01T00:00:00Z →
>   2027-06-01T00:00:00Z
>
> - ssh://198.51.100.7:22: ikke med i denne scanning
>
> Bilag: SHA-256 af de gemte resultater
>
> Hvert endpoints resultat er gemt i sagssystemet byte for byte, som
> scanneren skrev det; kontrolsummen nedenfor er også ført i journalen.
>
> Endpoint SHA-256
> tls://198.51.100.7:443
> 4a7f9c0a2108f79cf8f1ffdcc2824624a8f4380e1565300f8c5a6c586cdb9194
> smtp://mx.nordkraft.example[198.51.100.7]:587
> 37d5c7c9ff507dd57b5569338989010b331ae6a38f2d4e625704f574f29afac0
? 0
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case --now 2026-03-10 report --entity 24680134 --out rapport.xhtml && xmllint --noout rapport.xhtml && grep -c 'size: A4' rapport.xhtml
> 1
? 0
$ tilsyn-case report
! tilsyn-case: report: give --entity CVR or a case number
? 2
$ tilsyn-case report NIS-2026-0001 --entity 24680134
! tilsyn-case: report: give --entity CVR or a case number
? 2
$ tilsyn-case report NIS-2026-0001
! tilsyn-case: report 'NIS-2026-0001': no such case
? 2
$ TILSYN_TEMPLATES=$SRCDIR/templates tilsyn-case report --entity 24680134 --template nosuch
! tilsyn-case: report: --template: template '$SRCDIR/templates/nosuch.xsl': No such file or directory
? 2
$ tilsyn-case verify | cut -d, -f1
> journal intact: 4 events
? 0
