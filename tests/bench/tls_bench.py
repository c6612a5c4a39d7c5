#!/usr/bin/env python3
"""TLS benchmark: tilsyn-scan against sslscan, nmap ssl-enum-ciphers and
(with --testssl) testssl.sh, on the same servers on 127.0.0.1.

usage: tls_bench.py BUILDDIR [--testssl] [--list N]   (--list 0: no list)

Per server it prints, per tool: wall time, CPU time (user+sys of the tool
and its children), connections, and the ratios to tilsyn-scan; where a
tool's accepted suite set differs from tilsyn-scan's, the difference; and
the floor: the number of hellos a minimal enumeration needs (tilsyn's
"floor" field) times the server's own time per handshake (the CPU time of
the server's processes during a tilsyn-scan run, divided by its
connections).  Then the same for a list of N endpoints (default 100:
s_server and nginx ports).

Connections are counted with strace: the number of connect() calls to the
server's port made by the tool and its children (a separate run from the
timed one, so strace does not slow the timing).  Nothing here contacts an
address outside 127.0.0.0/8; testssl.sh runs in a private mount namespace
whose resolv.conf points at 127.0.0.1 (TEST-SERVERS.md).
"""
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from loopback import free_port, wait_port

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
MOZ = ("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
       "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
       "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
       "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:"
       "DHE-RSA-CHACHA20-POLY1305")
GNUTLS = "NORMAL:+VERS-TLS1.0:+VERS-TLS1.1:+3DES-CBC:+ARCFOUR-128:+MD5"
DH1024 = """-----BEGIN DH PARAMETERS-----
MIGHAoGBAP//////////yQ/aoiFowjTExmKLgNwc0SkCTgiKZ8x0Agu+pjsTmyJR
Sgh5jjQE3e+VGbPNOkMbMCsKbfJfFDdP4TVtbVHCReSFtXZiXn7G9ExC6aY37WsL
/1y29Aa37e44a/taiZ+lrp8kEXxLH+ZJKGZR7OZTgf//////////AgEC
-----END DH PARAMETERS-----
"""


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


class Servers:
    # What the servers read; s_server ends a renegotiating connection at
    # the end of its input, so verdicts.py gives it a pipe that stays open.
    stdin = subprocess.DEVNULL

    def __init__(self, tmp):
        self.tmp = tmp
        self.procs = []
        self.pid = {}
        sh(f"cd {tmp} && openssl req -x509 -newkey rsa:2048 -nodes -days 30 "
           f"-subj /CN=localhost -addext subjectAltName=DNS:localhost "
           f"-keyout srv.key -out srv.pem")
        sh(f"cd {tmp} && openssl genpkey -genparam -algorithm DH "
           f"-pkeyopt group:ffdhe2048 -out ffdhe2048.pem")
        with open(f"{tmp}/dh1024.pem", "w") as f:
            f.write(DH1024)

    def start(self, argv, port):
        p = subprocess.Popen(argv, cwd=self.tmp, stdin=self.stdin,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL,
                             start_new_session=True)
        self.procs.append(p)
        wait_port(port, p)
        self.pid[port] = p.pid
        return port

    def s_server(self, extra):
        port = free_port()
        return self.start(["openssl", "s_server", "-accept",
                           f"127.0.0.1:{port}", "-cert", "srv.pem", "-key",
                           "srv.key", "-naccept", "1000000", "-quiet"]
                          + extra, port)

    def gnutls(self):
        port = free_port()
        return self.start(["gnutls-serv", "--priority", GNUTLS,
                           "--x509certfile", "srv.pem", "--x509keyfile",
                           "srv.key", "-p", str(port), "-q"], port)

    def nginx(self, ports):
        d = tempfile.mkdtemp(dir=self.tmp)
        servers = "".join(
            f" server {{ listen 127.0.0.1:{p} ssl; "
            f"ssl_certificate {self.tmp}/srv.pem; "
            f"ssl_certificate_key {self.tmp}/srv.key; "
            f"ssl_protocols TLSv1.2 TLSv1.3; "
            f"ssl_ecdh_curve X25519:prime256v1:secp384r1; "
            f"ssl_ciphers {MOZ}; ssl_prefer_server_ciphers off; "
            f"ssl_dhparam {self.tmp}/ffdhe2048.pem; "
            f"location / {{ return 204; }} }}\n" for p in ports)
        with open(f"{d}/nginx.conf", "w") as f:
            f.write(f"daemon off; worker_processes 2; pid {d}/nginx.pid;\n"
                    f"error_log {d}/error.log;\n"
                    f"events {{ worker_connections 4096; }}\n"
                    f"http {{ access_log off; client_body_temp_path {d}; "
                    f"proxy_temp_path {d}; fastcgi_temp_path {d}; "
                    f"uwsgi_temp_path {d}; scgi_temp_path {d};\n"
                    f"{servers}}}\n")
        p = subprocess.Popen(["nginx", "-c", f"{d}/nginx.conf", "-p", d],
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL,
                             start_new_session=True)
        self.procs.append(p)
        for port in ports:
            wait_port(port, p)
            self.pid[port] = p.pid
        return ports

    def stop(self):
        for p in self.procs:
            try:
                os.killpg(p.pid, 15)
            except ProcessLookupError:
                pass
        for p in self.procs:
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, 9)


def timed(argv, **kw):
    """Runs argv; returns (wall, cpu, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       **kw)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p.stdout.decode("utf-8", "replace")


def connections(argv, ports):
    """connect() calls to 127.0.0.1:PORTS by argv and its children."""
    with tempfile.NamedTemporaryFile() as log:
        subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o",
                        log.name] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        text = open(log.name, encoding="utf-8", errors="replace").read()
    want = {str(p) for p in ports}
    return sum(1 for m in re.finditer(r"sin_port=htons\((\d+)\)", text)
               if m.group(1) in want)


def openssl_to_iana():
    m = {}
    with open(os.path.join(SRC, "scanner/tls/suites.txt")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) > 2:
                if c[2] != "-":
                    m[c[2]] = c[1]
                m[c[1]] = c[1]
                m[c[0].lower()] = c[1]
    return m


NAMES = openssl_to_iana()


def results(out):
    """The result objects of tilsyn-scan's JSON Lines: objects whose
    "type" is not "result" (the run header, the summary) are skipped;
    output without "type" (older tilsyn-scan) is all results."""
    res = []
    for line in out.splitlines():
        if line.strip():
            o = json.loads(line)
            if o.get("type", "result") == "result":
                res.append(o)
    return res


def sets_tilsyn(out):
    res = {}
    for o in results(out):
        tls = o.get("tls") or {}
        for v, names in (tls.get("suites") or {}).items():
            res.setdefault(v, set()).update(names)
    return res


def sets_sslscan(out):
    res = {}
    for m in re.finditer(r"^(?:Preferred|Accepted)\s+(\S+)\s+\d+ bits\s+(\S+)",
                         out, re.M):
        v = m.group(1)
        res.setdefault(v, set()).add(NAMES.get(m.group(2), m.group(2)))
    return res


def sets_nmap(out):
    res, cur = {}, None
    for line in out.splitlines():
        m = re.match(r"^\|\s+(TLSv1\.[0-3]|SSLv3):\s*$", line)
        if m:
            cur = m.group(1)
            continue
        m = re.match(r"^\|\s+(TLS_\w+|SSL_\w+)", line)
        if m and cur:
            # nmap 7.93 still prints TLS 1.3 suites by their draft names.
            n = m.group(1).replace("TLS_AKE_WITH_", "TLS_")
            res.setdefault(cur, set()).add(NAMES.get(n, n))
    return res


def sets_testssl(path):
    res = {}
    try:
        data = json.load(open(path))
    except (OSError, ValueError):
        return res
    for e in data if isinstance(data, list) else data.get("scanResult", []):
        m = re.match(r"cipher-(tls1(?:_[0-3])?|ssl3)_x([0-9a-f]+)",
                     e.get("id", ""))
        if not m:
            continue
        v = {"ssl3": "SSLv3", "tls1": "TLSv1.0", "tls1_1": "TLSv1.1",
             "tls1_2": "TLSv1.2", "tls1_3": "TLSv1.3"}[m.group(1)]
        code = "0x%04x" % int(m.group(2), 16)
        res.setdefault(v, set()).add(NAMES.get(code, code))
    return res


def diff(name, ours, theirs):
    lines = []
    for v in sorted(set(ours) | set(theirs)):
        a, b = ours.get(v, set()), theirs.get(v, set())
        if a - b:
            lines.append(f"    {name} lacks {v}: {', '.join(sorted(a - b))}")
        if b - a:
            lines.append(f"    {name} has more {v}: {', '.join(sorted(b - a))}")
    return lines or [f"    {name}: same accepted sets"]


def run_tools(scan, targets, ports, testssl, tmp, per_host):
    """Returns rows: (tool, wall, cpu, conns, sets)."""
    rows = []
    tlist = os.path.join(tmp, "targets.txt")
    with open(tlist, "w") as f:
        f.write("".join(t + "\n" for t in targets))
    argv = [scan, "-o", "json", "--per-host", str(per_host), "-j", "64",
            "-f", tlist]
    w, c, out = timed(argv)
    rows.append(("tilsyn-scan", w, c, connections(argv, ports),
                 sets_tilsyn(out), out))
    argv = ["sslscan", "--no-colour", f"--targets={tlist}"]
    w, c, out = timed(argv)
    rows.append(("sslscan", w, c, connections(argv, ports),
                 sets_sslscan(out), out))
    argv = ["nmap", "-n", "-Pn", "-p", ",".join(str(p) for p in ports),
            "--script", "ssl-enum-ciphers", "127.0.0.1"]
    w, c, out = timed(argv)
    rows.append(("nmap", w, c, connections(argv, ports), sets_nmap(out), out))
    if testssl and len(targets) == 1:
        jf = os.path.join(tmp, "testssl.json")
        if os.path.exists(jf):
            os.unlink(jf)
        resolv = os.path.join(tmp, "resolv.conf")
        with open(resolv, "w") as f:
            f.write("nameserver 127.0.0.1\n")
        inner = (f"mount --bind {resolv} /etc/resolv.conf && exec testssl "
                 f"--nodns none --warnings batch --jsonfile {jf} -p -E -S "
                 f"{targets[0]}")
        argv = ["unshare", "-m", "sh", "-c", inner]
        w, c, out = timed(argv)
        rows.append(("testssl.sh", w, c, connections(argv, ports),
                     sets_testssl(jf), out))
    return rows


def report(title, rows, floor_s=None):
    base = rows[0]
    print(f"\n== {title}")
    print(f"  {'tool':<12} {'wall s':>8} {'cpu s':>8} {'conns':>6}"
          f" {'wall x':>7} {'cpu x':>7} {'conns x':>8}")
    for name, w, c, n, _, _ in rows:
        print(f"  {name:<12} {w:8.3f} {c:8.3f} {n:6d} {w / base[1]:7.1f}"
              f" {c / max(base[2], 1e-3):7.1f} {n / max(base[3], 1):8.2f}")
    if floor_s:
        print(f"  floor: {floor_s:.3f} s; tilsyn-scan is "
              f"{base[1] / floor_s:.2f} x the floor")
    for name, _, _, _, sets, _ in rows[1:]:
        for line in diff(name, base[4], sets):
            print(line)


def session_cpu(sid):
    """CPU seconds (user+sys) of every process in session sid."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = open(f"/proc/{d}/stat").read()
        except OSError:
            continue
        f = stat[stat.rindex(")") + 2:].split()
        if int(f[3]) == sid:
            total += int(f[11]) + int(f[12])
    return total / tick


def floor_of(scan, target, pid, runs=10):
    """Hellos of a minimal enumeration x the server's own CPU time per
    handshake (CPU of the server's processes during tilsyn-scan runs,
    divided by their connections).  /proc counts CPU in clock ticks
    (10 ms), more than one scan of a fast server costs: several runs."""
    argv = [scan, "-o", "json", target]
    c0 = session_cpu(pid)
    conns = 0
    for _ in range(runs):
        _, _, out = timed(argv)
        o = results(out)[0]
        conns += o["connections"]
    c1 = session_cpu(pid)
    per = (c1 - c0) / max(conns, 1)
    return o["tls"]["floor"] * per, o["tls"]["floor"], per


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = sys.argv[1]
    testssl = "--testssl" in sys.argv
    nlist = 100
    if "--list" in sys.argv:
        nlist = int(sys.argv[sys.argv.index("--list") + 1])
    scan = os.path.abspath(os.path.join(build, "scanner", "tilsyn-scan"))
    # A SIGTERM (timeout, ^C) still stops every server below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    for tool in ("sslscan", "nmap", "strace") + (("testssl",) if testssl else ()):
        if shutil.which(tool) is None:
            sys.exit(f"tls_bench: {tool} is not installed")
    tmp = tempfile.mkdtemp(prefix="tilsyn-bench.")
    srv = Servers(tmp)
    try:
        servers = [
            ("openssl s_server ALL:@SECLEVEL=0, DH 1024",
             srv.s_server(["-cipher", "ALL:@SECLEVEL=0", "-dhparam",
                           "dh1024.pem"])),
            ("openssl s_server TLS 1.2 ECDHE+AESGCM",
             srv.s_server(["-tls1_2", "-cipher", "ECDHE+AESGCM"])),
            ("openssl s_server TLS 1.3 only",
             srv.s_server(["-tls1_3"])),
            ("nginx Mozilla intermediate", srv.nginx([free_port()])[0]),
            ("gnutls-serv TLS 1.0-1.3, 3DES, RC4", srv.gnutls()),
        ]
        for title, port in servers:
            target = f"127.0.0.1:{port}"
            rows = run_tools(scan, [target], [port], testssl, tmp, 4)
            fl, nfl, per = floor_of(scan, target, srv.pid[port])
            report(f"{title} (floor {nfl} hellos x {per * 1000:.2f} ms)",
                   rows, fl)
        if nlist == 0:
            return
        half = nlist // 2
        ports = [srv.s_server(["-cipher", "ALL:@SECLEVEL=0"])
                 for _ in range(nlist - half)]
        ports += srv.nginx([free_port() for _ in range(half)])
        targets = [f"127.0.0.1:{p}" for p in ports]
        for ph in (4, 64):
            rows = run_tools(scan, targets, ports, False, tmp, ph)
            report(f"list of {len(targets)} endpoints "
                   f"({len(ports) - half} s_server, {half} nginx ports; "
                   f"tilsyn-scan --per-host {ph})", rows)
    finally:
        srv.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
