# tilsyn-case scan: registered endpoints in the scanner's syntax, the legal
# gate (§ 21, § 24, not covered, undetermined), usage errors, scanner
# options that would pick targets or scope, and imports refused.
$ tilsyn-case --now 2026-03-02 --actor anna init
> tilsyn.db: schema version 3
? 0
$ tilsyn-case --now 2026-03-02 --actor anna entity add --cvr 24680134 --name 'Nordkraft A/S' --sector energy --employees 300 --turnover 800000000 --ip-range 192.0.2.0/28 --ip-range 198.51.100.7/32 --ports 443,22 --host vpn.nordkraft.example --host smtp://mx.nordkraft.example:587 --host '[2001:db8::1]:8443' --host ssh://bastion.nordkraft.example
> 24680134 essential
? 0
$ tilsyn-case entity show 24680134
> cvr:          24680134
> name:         Nordkraft A/S
> class:        essential (§ 4, stk. 1)
> size:         large
> sectors:      energy
> employees:    300
> turnover:     EUR 800000000
> ip-range:     192.0.2.0/28
>               198.51.100.7/32
> ports:        443,22
> host:         vpn.nordkraft.example
>               smtp://mx.nordkraft.example:587
>               [2001:db8::1]:8443
>               ssh://bastion.nordkraft.example
> history:      2026-03-02  anna  registered (essential)
? 0
$ tilsyn-case entity add --cvr 35792465 --name x --sector energy --host 'gopher://x.example'
! tilsyn-case: entity add: --host 'gopher://x.example' is not a scanner target ([SCHEME://]NAME[:PORT] or [SCHEME://][IPV6][:PORT]; SCHEME tls, smtp, imap, pop3, ftp, ssh, https, ldap, postgres, mysql, lmtp, xmpp, xmpp-server, nntp, sieve, irc)
? 2
$ tilsyn-case entity add --cvr 35792465 --name x --sector energy --host 'x.example:0'
! tilsyn-case: entity add: --host 'x.example:0' is not a scanner target ([SCHEME://]NAME[:PORT] or [SCHEME://][IPV6][:PORT]; SCHEME tls, smtp, imap, pop3, ftp, ssh, https, ldap, postgres, mysql, lmtp, xmpp, xmpp-server, nntp, sieve, irc)
? 2
$ tilsyn-case entity add --cvr 35792465 --name x --sector energy --host '2001:db8::1'
! tilsyn-case: entity add: --host '2001:db8::1' is not a scanner target ([SCHEME://]NAME[:PORT] or [SCHEME://][IPV6][:PORT]; SCHEME tls, smtp, imap, pop3, ftp, ssh, https, ldap, postgres, mysql, lmtp, xmpp, xmpp-server, nntp, sieve, irc)
? 2
$ tilsyn-case entity add --cvr 35792465 --name x --sector energy --host '[192.0.2.1]:443'
! tilsyn-case: entity add: --host '[192.0.2.1]:443' is not a scanner target ([SCHEME://]NAME[:PORT] or [SCHEME://][IPV6][:PORT]; SCHEME tls, smtp, imap, pop3, ftp, ssh, https, ldap, postgres, mysql, lmtp, xmpp, xmpp-server, nntp, sieve, irc)
? 2
$ tilsyn-case entity add --cvr 35792465 --name x --sector energy --host 'tls://192.0.2.0/28'
! tilsyn-case: entity add: --host 'tls://192.0.2.0/28' is not a scanner target ([SCHEME://]NAME[:PORT] or [SCHEME://][IPV6][:PORT]; SCHEME tls, smtp, imap, pop3, ftp, ssh, https, ldap, postgres, mysql, lmtp, xmpp, xmpp-server, nntp, sieve, irc)
? 2
$ tilsyn-case entity add --cvr 35792465 --name x --sector energy --ip-range 192.0.2.0/28 --ports 443,,22
! tilsyn-case: entity add: --ports '443,,22' is not a port list (443, 22,443, 8000-8010)
? 2
$ tilsyn-case entity add --cvr 35792465 --name x --sector energy --ip-range 192.0.2.0/28 --ports 22-21
! tilsyn-case: entity add: --ports '22-21' is not a port list (443, 22,443, 8000-8010)
? 2
$ tilsyn-case entity add --cvr 35792465 --name x --sector energy --ports 443
! tilsyn-case: entity add: --ports are the ports of the registered IP ranges: give --ip-range too
? 2
$ tilsyn-case --now 2026-03-02 scan --all --dry-run
> 24680134 Nordkraft A/S: § 21 (routine supervision of an essential entity)
>   scope   192.0.2.0/28
>   scope   198.51.100.7/32
>   target  vpn.nordkraft.example
>   target  smtp://mx.nordkraft.example:587
>   target  [2001:db8::1]:8443
>   target  ssh://bastion.nordkraft.example
>   target  192.0.2.0/28:443
>   target  ssh://192.0.2.0/28:22
>   target  198.51.100.7/32:443
>   target  ssh://198.51.100.7/32:22
>   ports of the ranges: 443,22
? 0
$ tilsyn-case --now 2026-03-02 scan --entity 24680134 --dry-run --allow-hosted
> 24680134 Nordkraft A/S: § 21 (routine supervision of an essential entity)
>   scope   192.0.2.0/28
>   scope   198.51.100.7/32
>   target  vpn.nordkraft.example
>   target  smtp://mx.nordkraft.example:587
>   target  [2001:db8::1]:8443
>   target  ssh://bastion.nordkraft.example
>   target  192.0.2.0/28:443
>   target  ssh://192.0.2.0/28:22
>   target  198.51.100.7/32:443
>   target  ssh://198.51.100.7/32:22
>   (registered hosts outside the ranges: looked up when the scan runs, --allow-hosted)
>   ports of the ranges: 443,22
? 0
$ tilsyn-case scan
! tilsyn-case: scan: give one of --all, --entity CVR ... or --case CASE
? 2
$ tilsyn-case scan --all --entity 24680134
! tilsyn-case: scan: give one of --all, --entity CVR ... or --case CASE
? 2
$ tilsyn-case scan --all --case NIS-2026-0001
! tilsyn-case: scan: give one of --all, --entity CVR ... or --case CASE
? 2
$ tilsyn-case scan --all --fail-on severe
! tilsyn-case: scan: --fail-on 'severe': valid: info, low, medium, high, critical
? 2
$ tilsyn-case scan --entity 12345678
! tilsyn-case: scan: --entity '12345678' is not a CVR number (8 digits, modulus-11 check)
? 2
$ tilsyn-case scan --case NIS-26-1
! tilsyn-case: scan: --case 'NIS-26-1' is not a case number (NIS-YYYY-NNNN)
? 2
$ tilsyn-case scan --case NIS-2026-0009
! tilsyn-case: scan 'NIS-2026-0009': no such case
? 2
$ tilsyn-case scan --all -- -f targets.txt
! tilsyn-case: scan '-f': not a tilsyn-scan option that may follow '--': the targets and scope of a scan are the entity's registration (§ 10)
? 2
$ tilsyn-case scan --all -- --scope=0.0.0.0/0
! tilsyn-case: scan '--scope=0.0.0.0/0': not a tilsyn-scan option that may follow '--': the targets and scope of a scan are the entity's registration (§ 10)
? 2
$ tilsyn-case scan --all -- -o xml
! tilsyn-case: scan '-o': not a tilsyn-scan option that may follow '--': the targets and scope of a scan are the entity's registration (§ 10)
? 2
$ tilsyn-case scan --all -- 203.0.113.9
! tilsyn-case: scan '203.0.113.9': not a tilsyn-scan option that may follow '--': the targets and scope of a scan are the entity's registration (§ 10)
? 2
$ tilsyn-case scan --all -- --timeout
! tilsyn-case: scan '--timeout': the tilsyn-scan option needs a value
? 2
$ tilsyn-case scan --all extra
! tilsyn-case: scan: unexpected argument 'extra'
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 35792465 --name 'Vandværk Midt' --sector drinking-water --employees 100 --turnover 20000000 --balance 15000000 --ip-range 192.0.2.16/28
> 35792465 important
? 0
$ tilsyn-case scan --entity 35792465 --dry-run
! tilsyn-case: scan '35792465': an important entity is not scanned routinely; scan it with --case in a case opened on an indication (§ 24)
? 1
$ tilsyn-case --now 2026-03-02 case open --cvr 35792465 --basis indication --indication 'anmeldt hændelse' --subject 'Hændelse'
> NIS-2026-0001
? 0
$ tilsyn-case --now 2026-03-02 scan --case NIS-2026-0001 --dry-run
> 35792465 Vandværk Midt: § 24 (supervision on an indication), case NIS-2026-0001
>   scope   192.0.2.16/28
>   target  ssh://192.0.2.16/28:22
>   target  smtp://192.0.2.16/28:25
>   target  192.0.2.16/28:443
>   target  192.0.2.16/28:465
>   target  smtp://192.0.2.16/28:587
>   target  192.0.2.16/28:993
>   target  192.0.2.16/28:995
>   ports of the ranges: 22,25,443,465,587,993,995
? 0
$ tilsyn-case --now 2026-03-02 scan --entity 24680134 --case NIS-2026-0001 --dry-run
! tilsyn-case: scan: give one of --all, --entity CVR ... or --case CASE
? 2
$ tilsyn-case --now 2026-03-02 entity add --cvr 10000017 --name 'Lille Vand' --sector drinking-water --employees 5 --turnover 500000 --balance 400000 --ip-range 192.0.2.32/28
> 10000017 not-covered
? 0
$ tilsyn-case scan --entity 10000017 --dry-run
! tilsyn-case: scan '10000017': the entity is not covered by the act; its endpoints are never scanned (§ 1, stk. 1)
? 1
$ tilsyn-case --now 2026-03-02 entity add --cvr 10000025 --name 'Ukendt' --sector drinking-water --ip-range 192.0.2.48/28
> 10000025 undetermined
? 0
$ tilsyn-case scan --entity 10000025 --dry-run
! tilsyn-case: scan '10000025': the entity's class depends on figures that were not registered; it is not scanned until it is known to be covered (§ 5)
? 1
$ tilsyn-case --now 2026-03-02 entity add --cvr 10000009 --name 'Tom A/S' --sector energy --employees 300
> 10000009 essential
? 0
$ tilsyn-case scan --entity 10000009 --dry-run
! tilsyn-case: scan '10000009': no registered IP ranges or hosts to scan (§ 10)
? 2
$ tilsyn-case scan --all --dry-run
> 10000009: no registered IP ranges: not scanned
> 24680134 Nordkraft A/S: § 21 (routine supervision of an essential entity)
>   scope   192.0.2.0/28
>   scope   198.51.100.7/32
>   target  vpn.nordkraft.example
>   target  smtp://mx.nordkraft.example:587
>   target  [2001:db8::1]:8443
>   target  ssh://bastion.nordkraft.example
>   target  192.0.2.0/28:443
>   target  ssh://192.0.2.0/28:22
>   target  198.51.100.7/32:443
>   target  ssh://198.51.100.7/32:22
>   ports of the ranges: 443,22
? 0
$ printf 'not json\n' > bad.jsonl && tilsyn-case scan --import bad.jsonl --entity 24680134
! tilsyn-case: scan 'bad.jsonl': line 1: not a JSON object
? 2
$ printf '{"type":"result","port":443,"service":"tls"}\n' > nohead.jsonl && tilsyn-case scan --import nohead.jsonl --entity 24680134
! tilsyn-case: scan 'nohead.jsonl': line 1: the run header ("type":"run") must come first
? 2
$ printf '{"type":"run","scanner":"tilsyn-scan","version":"0.1.0","schema":9}\n' > schema.jsonl && tilsyn-case scan --import schema.jsonl --entity 24680134
! tilsyn-case: scan 'schema.jsonl': line 1: the run header's schema is not 1
? 2
$ printf '{"type":"run","scanner":"tilsyn-scan","version":"0.1.0","schema":1,"started":"2026-03-02T10:00:00Z"}\n{"type":"result","service":"tls","port":"443"}\n' > badres.jsonl && tilsyn-case scan --import badres.jsonl --entity 24680134
! tilsyn-case: scan 'badres.jsonl': line 2: a result without its service and port, or with a field of the wrong type
? 2
$ printf '{"type":"run","scanner":"tilsyn-scan","version":"0.1.0","schema":1,"started":"2026-03-02T10:00:00Z"}\n{"type":"result","index":0,"target":"203.0.113.9:443","host":"203.0.113.9","ip":"203.0.113.9","port":443,"service":"tls","error":"connection refused","error_kind":"refused","tls":null,"ssh":null,"findings":[]}\n' > outside.jsonl && tilsyn-case scan --import outside.jsonl --entity 24680134
! tilsyn-case: scan 'outside.jsonl': result 1 (tls://203.0.113.9:443) lies outside the registered IP ranges of 24680134; nothing imported (§ 10, § 21)
? 1
$ tilsyn-case scan --import missing.jsonl --entity 24680134
! tilsyn-case: scan 'missing.jsonl': No such file or directory
? 2
$ tilsyn-case scan --import outside.jsonl --all
! tilsyn-case: scan: --import needs one --entity CVR (and --case CASE where the law asks for one)
? 2
$ tilsyn-case scan --import outside.jsonl --entity 24680134 -- -j 1
! tilsyn-case: scan: --import takes no scanner options, --dry-run or --allow-hosted
? 2
$ tilsyn-case scan --import outside.jsonl --entity 35792465
! tilsyn-case: scan '35792465': an important entity is not scanned routinely; scan it with --case in a case opened on an indication (§ 24)
? 1
$ tilsyn-case scans
? 0
$ tilsyn-case scans 1234
! tilsyn-case: scans '1234': not a CVR number (8 digits, modulus-11 check)
? 2
$ tilsyn-case scan-show 1
! tilsyn-case: scan-show '1': no such scan
? 2
$ tilsyn-case scan-show x
! tilsyn-case: scan-show 'x': not a scan number
? 2
$ tilsyn-case scan-diff 1 2 3
! tilsyn-case: scan-diff: needs one or two scan numbers
? 2
$ tilsyn-case verify | cut -d, -f1
> journal intact: 7 events
? 0
# IPv6: a range, a result inside it and one outside
$ tilsyn-case --now 2026-03-02 entity add --cvr 10000033 --name 'Seks A/S' --sector energy --employees 300 --ip-range 2001:db8::/64 --ports 443 --host 'imap://[2001:db8::9]'
> 10000033 essential
? 0
$ tilsyn-case scan --entity 10000033 --dry-run
> 10000033 Seks A/S: § 21 (routine supervision of an essential entity)
>   scope   2001:db8::/64
>   target  imap://[2001:db8::9]
>   target  [2001:db8::/64]:443
>   ports of the ranges: 443
? 0
$ printf '%s\n%s\n%s\n' '{"type":"run","scanner":"tilsyn-scan","version":"0.1.0","schema":1,"started":"2026-03-02T10:00:00Z"}' '{"type":"result","index":0,"target":"[2001:db8::5]:443","host":"2001:db8::5","ip":"2001:db8::5","port":443,"service":"tls","error":"connection refused","error_kind":"refused","tls":null,"ssh":null,"findings":[]}' '{"type":"result","index":1,"target":"[2001:db8:1::5]:443","host":"2001:db8:1::5","ip":"2001:db8:1::5","port":443,"service":"tls","error":"connection refused","error_kind":"refused","tls":null,"ssh":null,"findings":[]}' > v6.jsonl && tilsyn-case scan --import v6.jsonl --entity 10000033
! tilsyn-case: scan 'v6.jsonl': result 2 (tls://[2001:db8:1::5]:443) lies outside the registered IP ranges of 10000033; nothing imported (§ 10, § 21)
? 1
$ printf '%s\n%s\n' '{"type":"run","scanner":"tilsyn-scan","version":"0.1.0","schema":1,"started":"2026-03-02T10:00:00Z"}' '{"type":"result","index":0,"target":"[2001:db8::5]:443","host":"2001:db8::5","ip":"2001:db8::5","port":443,"service":"tls","error":"connection refused","error_kind":"refused","tls":null,"ssh":null,"findings":[]}' > v6in.jsonl && tilsyn-case scan --import v6in.jsonl --entity 10000033
> scan 1: 10000033 Seks A/S, § 21, 1 endpoint
>   tls://[2001:db8::5]:443  not scanned: refused (connection refused)
? 3
$ tilsyn-case scans 10000033 | cut -c24-
>   10000033  § 21  import  profile tilsyn  exit -1
? 0
