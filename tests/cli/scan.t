# tilsyn-scan golden tests: usage errors, --help, --version, bad targets
# and scope refusals.  None of these sends a packet: every error comes
# before the engine starts (the scope check names target and address).

$ tilsyn-scan --version
> tilsyn-scan 0.1.0
? 0

$ tilsyn-scan --help
> usage: tilsyn-scan [-q] [-o text|json|xml] [-j N] [--per-host N]
>                    [--delay MS] [--timeout SEC] [--target-timeout SEC]
>                    [--greeting-timeout SEC] [--fail-on SEVERITY]
>                    [--sni NAME] [--resolve HOST:PORT:ADDR]
>                    [--scope CIDR,...] [--scope-file FILE]
>                    [--skip-out-of-scope] [--ca-file FILE] [-p PORTS]
>                    [-f FILE] [--json FILE] [--xml FILE] [--text FILE]
>                    [--html FILE] [--profile NAME|FILE]
>                    [--no-http] [--vuln LIST | --no-vuln]
>                    [target ...]
>        tilsyn-scan --list-profiles
>        tilsyn-scan --help | --version
>
> targets: host, host:port, [v6addr]:port, tls://host:port, smtp://,
> imap://, pop3://, ftp:// (STARTTLS / AUTH TLS), ssh://, https://,
> lmtp://, xmpp://, xmpp-server://, nntp://, sieve://, irc://, ldap://,
> postgres://, mysql:// (STARTTLS), and CIDR prefixes (192.0.2.0/28,
> smtp://[2001:db8::/120]:587); port 443 by default
>
>   -o FORMAT            standard output: text (default), json (JSON
>                        Lines) or xml
>   -q                   no progress and no failure count on stderr
>   -j N                 connections in flight overall (default 64)
>   --per-host N         connections in flight per address (default 4)
>   --delay MS           pause between two connections to one address
>   --timeout SEC        connect and read timeout (default 5)
>   --target-timeout SEC all of one target (default 120)
>   --greeting-timeout SEC  a STARTTLS greeting (default 30)
>   --fail-on SEVERITY   exit 1 on findings at or above it (default high)
>   --sni NAME           server name to send instead of the target's
>   --resolve H:P:A      connect to address A for host H, port P
>   --scope CIDR,...     refuse targets resolving outside these networks
>   --scope-file FILE    the same, one network per line
>   --skip-out-of-scope  report such targets as not scanned instead
>   --ca-file FILE       verify certificates against FILE, not the system
>   -p PORTS             ports of targets without one (443,8443,4430-4439)
>   -f FILE              targets from FILE (- for standard input), one per
>                        line, or nmap XML (nmap -oX)
>   --json FILE, --xml FILE, --text FILE
>                        also write that format to FILE, as it goes
>   --html FILE          the Danish inspection report (XHTML) to FILE, at
>                        the end
>   --profile NAME|FILE  the baseline the findings come from (default
>                        tilsyn); a FILE has a '/' or ends in .xml
>   --list-profiles      the profiles found: name, version, title, source
>   --no-http            no GET / on HTTPS endpoints (443, 8443, https://)
>   --vuln LIST          only these behavioural checks (heartbleed,
>                        ccs-injection, ticketbleed, robot, renegotiation,
>                        fallback-scsv, all); default: every cheap one
>   --no-vuln            no behavioural checks
>
> exit status: 0 no finding at or above --fail-on, 1 such findings,
> 2 usage or bad input, 3 some target could not be scanned or the run
> was interrupted
? 0

$ tilsyn-scan
! tilsyn-scan: no target given
! usage: tilsyn-scan [-q] [-o text|json|xml] [-j N] [--per-host N]
!                    [--delay MS] [--timeout SEC] [--target-timeout SEC]
!                    [--greeting-timeout SEC] [--fail-on SEVERITY]
!                    [--sni NAME] [--resolve HOST:PORT:ADDR]
!                    [--scope CIDR,...] [--scope-file FILE]
!                    [--skip-out-of-scope] [--ca-file FILE] [-p PORTS]
!                    [-f FILE] [--json FILE] [--xml FILE] [--text FILE]
!                    [--html FILE] [--profile NAME|FILE]
!                    [--no-http] [--vuln LIST | --no-vuln]
!                    [target ...]
!        tilsyn-scan --list-profiles
!        tilsyn-scan --help | --version
? 2

$ tilsyn-scan -o yaml 127.0.0.1
! tilsyn-scan: -o 'yaml': want text, json or xml
? 2

$ tilsyn-scan -j 0 127.0.0.1
! tilsyn-scan: -j '0': want 1 to 4096
? 2

$ tilsyn-scan --per-host 1x 127.0.0.1
! tilsyn-scan: --per-host '1x': want 1 to 1024
? 2

$ tilsyn-scan --delay -5 127.0.0.1
! tilsyn-scan: --delay '-5': want 0 to 600000 milliseconds
? 2

$ tilsyn-scan --timeout 0 127.0.0.1
! tilsyn-scan: --timeout '0': want seconds from 0.01 to 3600
? 2

$ tilsyn-scan --fail-on huge 127.0.0.1
! tilsyn-scan: --fail-on 'huge': want info, low, medium, high or critical
? 2

$ tilsyn-scan 'bad host!'
! tilsyn-scan: target 'bad host!': bad host name
? 2

$ tilsyn-scan foo://example.test
! tilsyn-scan: target 'foo://example.test': unknown scheme (tls, smtp, imap, pop3, ftp, ssh, https, ldap, postgres, mysql, lmtp, xmpp, xmpp-server, nntp, sieve, irc)
? 2

$ tilsyn-scan '[::1'
! tilsyn-scan: target '[::1': missing ']'
? 2

$ tilsyn-scan '[127.0.0.1]:443'
! tilsyn-scan: target '[127.0.0.1]:443': not an IPv6 address
? 2

$ tilsyn-scan 127.0.0.1:99999
! tilsyn-scan: target '127.0.0.1:99999': bad port
? 2

$ tilsyn-scan 127.0.0.1:0
! tilsyn-scan: target '127.0.0.1:0': bad port
? 2

$ tilsyn-scan smtp://
! tilsyn-scan: target 'smtp://': no host
? 2

$ tilsyn-scan --resolve x:1 example.test
! tilsyn-scan: --resolve 'x:1': want host:port:addr
? 2

$ tilsyn-scan --resolve example.test:443:not-an-address example.test
! tilsyn-scan: --resolve 'example.test:443:not-an-address': want host:port:addr with a literal address
? 2

$ tilsyn-scan --scope nonsense 127.0.0.1
! tilsyn-scan: --scope: scope 'nonsense': not an address or CIDR
? 2

$ tilsyn-scan --scope 127.0.0.0/33 127.0.0.1
! tilsyn-scan: --scope: scope '127.0.0.0/33': bad prefix length
? 2

$ tilsyn-scan -f /nonexistent/targets
! tilsyn-scan: /nonexistent/targets: No such file or directory
? 2

$ tilsyn-scan --scope-file /nonexistent/scope 127.0.0.1
! tilsyn-scan: --scope-file: /nonexistent/scope: No such file or directory
? 2

# Out of scope: refused before any packet, exit 2, no report.
$ tilsyn-scan --scope 10.0.0.0/8 127.0.0.1:443
! tilsyn-scan: target '127.0.0.1:443': address 127.0.0.1 is outside the scope
? 2

$ tilsyn-scan --scope 10.0.0.0/8,::1 --resolve www.example.test:443:127.0.0.2 www.example.test
! tilsyn-scan: target 'www.example.test': address 127.0.0.2 is outside the scope
? 2

$ tilsyn-scan --scope ::1/128 '[::2]:8443'
! tilsyn-scan: target '[::2]:8443': address ::2 is outside the scope
? 2

$ tilsyn-scan --scope 127.0.0.0/8 ssh://127.0.0.1:22 tls://[::1]:443
! tilsyn-scan: target 'tls://[::1]:443': address ::1 is outside the scope
? 2

# Target files: comments, blank lines, "-" for standard input; errors name
# the file and line.
$ tilsyn-scan --scope 127.0.0.0/24 -f -
< # endpoints of the entity
< 127.0.0.1:443   # in scope
<
< tls://127.0.1.1:8443
! tilsyn-scan: target 'tls://127.0.1.1:8443': address 127.0.1.1 is outside the scope
? 2

$ tilsyn-scan -f -
< 127.0.0.1
< bad host!
! tilsyn-scan: stdin:2: target 'bad host!': bad host name
? 2

# Every bad target is told, not only the first; nothing is scanned.
$ tilsyn-scan 127.0.0.1:99999 smtp:// 'a b'
! tilsyn-scan: target '127.0.0.1:99999': bad port
! tilsyn-scan: target 'smtp://': no host
! tilsyn-scan: target 'a b': bad host name
? 2

# Every address outside the scope is told.
$ tilsyn-scan --scope 10.0.0.0/8 127.0.0.1:443 '[::1]:443'
! tilsyn-scan: target '127.0.0.1:443': address 127.0.0.1 is outside the scope
! tilsyn-scan: target '[::1]:443': address ::1 is outside the scope
? 2

# --skip-out-of-scope: the target is reported as not scanned, and nothing
# is sent to it (no connection).
$ tilsyn-scan -q -o json --skip-out-of-scope --scope 10.0.0.0/8 127.0.0.1:443 | grep -o '"type":"[a-z]*"\|"error_kind":"[a-z]*"\|"connections":[0-9]*\|"exit":[0-9]*'; echo "exit ${PIPESTATUS[0]}"
> "type":"run"
> "type":"result"
> "connections":0
> "error_kind":"scope"
> "type":"summary"
> "connections":0
> "exit":3
> exit 3
? 0

$ tilsyn-scan --target-timeout 0 127.0.0.1
! tilsyn-scan: --target-timeout '0': want seconds from 0.01 to 3600
? 2

$ tilsyn-scan --greeting-timeout x 127.0.0.1
! tilsyn-scan: --greeting-timeout 'x': want seconds from 0.01 to 3600
? 2

# Output files are opened before anything is sent.
$ tilsyn-scan --json /nonexistent/dir/out.jsonl 127.0.0.1
! tilsyn-scan: --json '/nonexistent/dir/out.jsonl': No such file or directory
? 2

# Prefixes: host bits are refused, naming the prefix that was meant.
$ tilsyn-scan 192.0.2.5/24
! tilsyn-scan: target '192.0.2.5/24': host bits set (did you mean 192.0.2.0/24?)
? 2

$ tilsyn-scan -p 1-0 127.0.0.1
! tilsyn-scan: -p: ports '1-0': want a list such as 443,8443,4430-4439 (ports 1 to 65535, at most 1024 items)
? 2

# A prefix half outside the scope names the addresses outside it.
$ tilsyn-scan --scope 127.0.0.0/30 -p 9 127.0.0.0/29
! tilsyn-scan: target '127.0.0.0/29': addresses 127.0.0.4 to 127.0.0.7 are outside the scope
? 2

# A prefix on two ports, half of it skipped as out of scope, one target
# given twice: 8 refused (one connection each), 8 skipped (none), one
# duplicate.
$ tilsyn-scan --scope 127.0.0.0/30 -q -o json --skip-out-of-scope -p 9,10 127.0.0.0/29 127.0.0.1:9 | grep -o '"error_kind":"[a-z]*"\|"duplicates":[0-9]*\|"connections":[0-9]*,"finished"' | sort | uniq -c
>       1 "connections":8,"finished"
>       1 "duplicates":1
>       8 "error_kind":"refused"
>       8 "error_kind":"scope"
? 0

# nmap XML (a captured nmap -oX of loopback servers): its open ports,
# by nmap's service name; all outside this scope, so nothing is sent.
$ tilsyn-scan --skip-out-of-scope --scope 10.0.0.0/8 -q -o json -f "$SRCDIR/tests/data/nmap/loopback.xml" | grep -o '"index":[0-9]*,"target":"[^"]*"\|"error_kind":"[a-z]*"' | sort | uniq -c
>       4 "error_kind":"scope"
>       1 "index":0,"target":"ssh://127.0.0.1:42222"
>       1 "index":1,"target":"smtp://127.0.0.1:42525"
>       1 "index":2,"target":"tls://127.0.0.1:44331"
>       1 "index":3,"target":"tls://127.0.0.1:48080"
? 0

# Baseline profiles: the shipped ones listed; a bad profile is bad input,
# told with its file and line before anything is sent (exit 2).
$ TILSYN_PROFILES=$SRCDIR/scanner/profiles tilsyn-scan --list-profiles | cut -d: -f1
> bsi-tr-02102-2 2025-01
> mozilla-intermediate 5.7
> mozilla-modern 5.7
> mozilla-old 5.7
> ssh-hardened 1
> tilsyn 3
? 0

$ printf '<?xml version="1.0"?>\n<profile name="x" version="1">\n  <title>x</title>\n  <source>x</source>\n  <rule id="a" severity="high" basis="§ 6, stk. 2, nr. 8" regulation="9" section="s" colour="red">\n    <compression/>\n  </rule>\n</profile>\n' > bad.xml; tilsyn-scan --profile ./bad.xml 127.0.0.1:1
! tilsyn-scan: ./bad.xml:5: unknown attribute 'colour' on <rule>
? 2

$ printf '<?xml version="1.0"?>\n<profile name="x" version="1">\n  <title>x\n</profile>\n' > broken.xml; tilsyn-scan --profile broken.xml 127.0.0.1:1
! tilsyn-scan: broken.xml:4: Opening and ending tag mismatch: title line 3 and profile
? 2

$ tilsyn-scan --profile no-such-profile 127.0.0.1:1
! tilsyn-scan: profile 'no-such-profile': not found (see --list-profiles)
? 2

$ tilsyn-scan --profile ./missing.xml 127.0.0.1:1
! tilsyn-scan: ./missing.xml: No such file or directory
? 2

# $TILSYN_PROFILES comes first: a NAME.xml there must carry that name, and
# a broken file there is told by --list-profiles (exit 2).
$ mkdir p && cp bad.xml p/tilsyn.xml && sed 's/name="x"/name="other"/; s/ colour="red"//' bad.xml > p/mine.xml && TILSYN_PROFILES=p tilsyn-scan --profile mine 127.0.0.1:1
! tilsyn-scan: p/mine.xml: the profile is named 'other', not 'mine'
? 2

$ TILSYN_PROFILES=p tilsyn-scan --list-profiles > list.txt
! tilsyn-scan: p/tilsyn.xml:5: unknown attribute 'colour' on <rule>
? 2

$ cut -d: -f1 list.txt
> bsi-tr-02102-2 2025-01
> other 1
> mozilla-intermediate 5.7
> mozilla-modern 5.7
> mozilla-old 5.7
> ssh-hardened 1
? 0

# --vuln takes known check names only (exit 2 before anything is sent);
# a profile rule names a check the scanner runs.
$ tilsyn-scan --vuln heartbleed,heartbled 127.0.0.1:1
! tilsyn-scan: --vuln: unknown check 'heartbled' (heartbleed, ccs-injection, ticketbleed, robot, renegotiation, fallback-scsv, all)
? 2

$ tilsyn-scan --vuln heartbleed, 127.0.0.1:1
! tilsyn-scan: --vuln: empty or overlong name in 'heartbleed,'
? 2

$ printf '<?xml version="1.0"?>\n<profile name="x" version="1">\n  <title>x</title>\n  <source>x</source>\n  <rule id="a" severity="high" basis="§ 6, stk. 2, nr. 5" regulation="6.10" section="s">\n    <vuln check="poodle"/>\n  </rule>\n</profile>\n' > vuln.xml; tilsyn-scan --profile ./vuln.xml 127.0.0.1:1
! tilsyn-scan: ./vuln.xml:6: check 'poodle': not one the scanner runs
? 2
