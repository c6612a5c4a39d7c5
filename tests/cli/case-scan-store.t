# tilsyn-case scan with a stand-in scanner (data/fake-scan writes canned
# JSON Lines): the command line it gets, the stored bytes, what changed
# between runs, exit statuses, tamper detection and a failing scanner.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --ip-range 198.51.100.7/32 --ports 443,22 --host vpn.nordkraft.example --host smtp://mx.nordkraft.example:587
> 24680134 essential
? 0
$ FAKE_SCAN=$SRCDIR/tests/cli/data/scan-run1.jsonl TILSYN_SCAN=$SRCDIR/tests/cli/data/fake-scan FAKE_EXIT=1 tilsyn-case --actor anna scan --all -- --per-host 2
> scan 1: 24680134 Nordkraft A/S, § 21, 3 endpoints
>   tls://vpn.nordkraft.example:443  skipped: outside the registered ranges (--allow-hosted scans it)
>   tls://198.51.100.7:443  new endpoint
>     new finding: tls-tls10 (medium, § 6, stk. 2, nr. 8)
>     new finding: cert-untrusted (high, § 6, stk. 2, nr. 8)
>   ssh://198.51.100.7:22  new endpoint
>     new finding: ssh-auth-password (high, § 6, stk. 2, nr. 10)
? 1
$ cat fake-scan.argv
> -o
> json
> -q
> --scope
> 198.51.100.7/32
> --skip-out-of-scope
> --per-host
> 2
> vpn.nordkraft.example
> smtp://mx.nordkraft.example:587
> 198.51.100.7/32:443
> ssh://198.51.100.7/32:22
? 0
$ tilsyn-case -o json scans | grep -v '"started"\|"finished"'
> [
>   {
>     "actor": "anna",
>     "allow_hosted": false,
>     "case": null,
>     "cvr": "24680134",
>     "exit": 1,
>     "hosted": [],
>     "import": null,
>     "import_sha256": null,
>     "origin": "run",
>     "power": "§ 21",
>     "scan": 1,
>     "scanner_version": "0.1.0",
>     "scope": [
>       "198.51.100.7/32"
>     ],
>   }
> ]
? 0
$ tilsyn-case scan-show 1 -o json | cmp - <(grep -v progress $SRCDIR/tests/cli/data/scan-run1.jsonl) && echo same bytes
> same bytes
? 0
$ tilsyn-case scan-show 1 | tail -n +2
>   tls://vpn.nordkraft.example:443          43fe207bb20dd357633b2c945e1a061a8b8aff9cac3255f7d5a8d578df13e3ec  target 'vpn.nordkraft.example': address 203.0.113.5 is outside the scope
>   tls://198.51.100.7:443                   b628747e527a481a65a2694fdfafa2453dc9714be80050b6bb7f5d73e271a70a  scanned
>   ssh://198.51.100.7:22                    9d53f2b03353491a41048436bfe8c4ba9489ee0d5f9ad969bf596f7e88666b5b  scanned
? 0
$ FAKE_SCAN=$SRCDIR/tests/cli/data/scan-run2.jsonl TILSYN_SCAN=$SRCDIR/tests/cli/data/fake-scan tilsyn-case --actor anna scan --entity 24680134
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
$ tilsyn-case scan-diff 1 2
> scan 2 against scan 1 (24680134)
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
? 0
$ tilsyn-case -o json scan-diff 2 | head -20
> {
>   "endpoints": [
>     {
>       "changes": [
>         "TLS versions: TLSv1.0 TLSv1.2 TLSv1.3 -> TLSv1.2 TLSv1.3",
>         "suites TLSv1.2: added TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 removed TLS_RSA_WITH_AES_128_CBC_SHA",
>         "certificate RSA: SHA-256 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa -> bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
>         "certificate RSA: not after 2026-06-01T00:00:00Z -> 2027-06-01T00:00:00Z"
>       ],
>       "endpoint": "tls://198.51.100.7:443",
>       "error": null,
>       "error_kind": null,
>       "new_findings": [
>         {
>           "basis": "§ 6, stk. 2, nr. 8",
>           "id": "cert-weak-key",
>           "severity": "critical"
>         },
>         {
>           "basis": "§ 6, stk. 2, nr. 8",
? 0
$ FAKE_SCAN=$SRCDIR/tests/cli/data/scan-run1.jsonl TILSYN_SCAN=$SRCDIR/tests/cli/data/fake-scan tilsyn-case --actor anna scan --entity 24680134 --fail-on critical
> scan 3: 24680134 Nordkraft A/S, § 21, 3 endpoints
>   tls://vpn.nordkraft.example:443  skipped: outside the registered ranges (--allow-hosted scans it)
>   tls://198.51.100.7:443  changed
>     new finding: tls-tls10 (medium, § 6, stk. 2, nr. 8)
>     resolved: cert-weak-key (critical, § 6, stk. 2, nr. 8)
>     resolved: tls-sweet32 (medium, CVE-2016-2183, § 6, stk. 2, nr. 8)
>     TLS versions: TLSv1.2 TLSv1.3 -> TLSv1.0 TLSv1.2 TLSv1.3
>     suites TLSv1.2: added TLS_RSA_WITH_AES_128_CBC_SHA removed TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
>     certificate RSA: SHA-256 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb -> aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
>     certificate RSA: not after 2027-06-01T00:00:00Z -> 2026-06-01T00:00:00Z
>   ssh://198.51.100.7:22  same
? 0
# A port of a range that no longer answers: told once (it had a service),
# then only counted; no failure.
$ FAKE_SCAN=$SRCDIR/tests/cli/data/scan-run3.jsonl TILSYN_SCAN=$SRCDIR/tests/cli/data/fake-scan tilsyn-case --actor anna scan --entity 24680134
> scan 4: 24680134 Nordkraft A/S, § 21, 2 endpoints
>   tls://198.51.100.7:443  changed
>     new finding: cert-weak-key (critical, § 6, stk. 2, nr. 8)
>     resolved: tls-tls10 (medium, § 6, stk. 2, nr. 8)
>     TLS versions: TLSv1.0 TLSv1.2 TLSv1.3 -> TLSv1.2 TLSv1.3
>     suites TLSv1.2: added TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 removed TLS_RSA_WITH_AES_128_CBC_SHA
>     certificate RSA: SHA-256 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa -> bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
>     certificate RSA: not after 2026-06-01T00:00:00Z -> 2027-06-01T00:00:00Z
>   ssh://198.51.100.7:22  gone (not in this scan, or no service any more)
>   1 port of the registered ranges without a service (refused, unreachable or timed out)
? 1
$ FAKE_SCAN=$SRCDIR/tests/cli/data/scan-run3.jsonl TILSYN_SCAN=$SRCDIR/tests/cli/data/fake-scan tilsyn-case --actor anna scan --entity 24680134
> scan 5: 24680134 Nordkraft A/S, § 21, 2 endpoints
>   tls://198.51.100.7:443  same
>   1 port of the registered ranges without a service (refused, unreachable or timed out)
? 0
$ tilsyn-case verify | cut -d, -f1
> journal intact: 7 events
? 0
$ cp tilsyn.db t2.db && sqlite3 t2.db "DROP TRIGGER scan_results_no_update; UPDATE scan_results SET host = 'other.example' WHERE run = 2 AND n = 2" && tilsyn-case --db t2.db verify
> journal broken: scan 2 result 2: its endpoint columns differ from its content
? 1
$ cp tilsyn.db t3.db && sqlite3 t3.db "DROP TRIGGER scan_results_no_delete; DELETE FROM scan_results WHERE run = 1 AND n = 1" && tilsyn-case --db t3.db verify
> journal broken: scan 1: its row or its results differ from the scan-run event in the journal
? 1
$ TILSYN_SCAN=false tilsyn-case scan --all
! tilsyn-case: scan '24680134': tilsyn-scan (false) wrote no run header (exit 1); nothing stored
? 3
$ TILSYN_SCAN=echo tilsyn-case scan --all
! tilsyn-case: scan '24680134': tilsyn-scan wrote what it does not write: line 1: not a JSON object
? 3
$ FAKE_SCAN=/dev/null FAKE_EXIT=2 TILSYN_SCAN=$SRCDIR/tests/cli/data/fake-scan tilsyn-case scan --all
! tilsyn-case: scan '24680134': tilsyn-scan refused its command line (exit 2; its message is above); nothing stored
? 3
$ tilsyn-case scans | wc -l
> 5
? 0
