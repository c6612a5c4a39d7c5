#!/usr/bin/env python3
"""Verdicts side by side: tilsyn-scan, testssl.sh and nmap's vulnerability
scripts on the same loopback servers, check by check (issue 12).

usage: verdicts.py BUILDDIR [--no-testssl] [--only NAME,...]

Per server a table: each named attack or defect, what each tool says
(yes = vulnerable / present, no = tested and not, - = that tool has no
such check or did not run it), and '*' where a tool disagrees with
tilsyn-scan.  Also the wall time of each tool.  Servers: real ones
(openssl s_server, nginx) where they can play the part, the scripted
servers of tests/servers/ for what no maintained library still does.
Nothing here contacts an address outside 127.0.0.0/8; testssl.sh runs in a
private mount namespace whose resolv.conf points at 127.0.0.1
(TEST-SERVERS.md).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

from loopback import free_port
from tls_bench import Servers

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))

# concept: (tilsyn finding id or ("vuln", check), testssl id(s), nmap script)
CHECKS = [
    ("Heartbleed", ("vuln", "heartbleed"), ["heartbleed"], "ssl-heartbleed"),
    ("CCS injection", ("vuln", "ccs-injection"), ["CCS"],
     "ssl-ccs-injection"),
    ("Ticketbleed", ("vuln", "ticketbleed"), ["ticketbleed"],
     "tls-ticketbleed"),
    ("ROBOT", ("vuln", "robot"), ["ROBOT"], None),
    ("client renegotiation", ("vuln", "renegotiation"),
     ["secure_client_renego"], None),
    ("no secure renegotiation", "tls-no-secure-renegotiation",
     ["secure_renego"], None),
    ("no fallback SCSV", ("tls", "fallback_scsv"), ["fallback_SCSV"], None),
    ("no fallback SCSV (OpenSSL)", ("vuln", "fallback-scsv"),
     ["fallback_SCSV"], None),
    ("POODLE (SSLv3)", "tls-poodle", ["POODLE_SSL"], "ssl-poodle"),
    ("BEAST", "tls-beast", ["BEAST"], None),
    ("LUCKY13", "tls-lucky13", ["LUCKY13"], None),
    ("SWEET32", "tls-sweet32", ["SWEET32"], None),
    ("FREAK", "tls-freak", ["FREAK"], None),
    ("Logjam", "tls-logjam", ["LOGJAM", "LOGJAM-common_primes"],
     "ssl-dh-params"),
    ("DROWN", "tls-drown", ["DROWN"], "sslv2-drown"),
    ("RC4", "tls-rc4-suites", ["RC4"], None),
    ("CRIME (TLS compression)", "tls-compression", ["CRIME_TLS"], None),
    ("HSTS missing", "http-hsts-missing", ["HSTS"], "http-security-headers"),
    ("HSTS max-age < 1 year", "http-hsts-short", ["HSTS_time"], None),
    ("chain out of order", "cert-chain-order",
     ["certs_list_ordering_problem"], None),
]

# testssl.sh severities that mean "not vulnerable / fine".
FINE = {"OK", "INFO"}


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def timed(argv):
    t = time.time()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return time.time() - t, p.stdout


def tilsyn(scan, target, ca):
    w, out = timed([scan, "-o", "json", "--vuln", "all", "--ca-file", ca,
                    target])
    ids, vulns = set(), {}
    for line in out.splitlines():
        o = json.loads(line)
        if o.get("type") != "result":
            continue
        ids |= {f["id"] for f in o.get("findings", [])}
        tls = o.get("tls") or {}
        vulns = {k: v["state"] for k, v in (tls.get("vulns") or {}).items()}
        # Observations the comparison reads besides the verdicts.
        vulns["tls:fallback_scsv"] = tls.get("fallback_scsv")
    return w, ids, vulns


def tilsyn_says(check, ids, vulns):
    if isinstance(check, tuple) and check[0] == "tls":
        v = vulns.get("tls:" + check[1])
        return "-" if v is None else "no" if v else "yes"
    if isinstance(check, tuple):
        st = vulns.get(check[1])
        if st in (None, "not-tested"):
            return "-"
        if st == "not-applicable":
            return "n/a"
        return {"vulnerable": "yes", "not-vulnerable": "no"}.get(st, "?")
    return "yes" if check in ids else "no"


def testssl(port, tmp):
    jf = os.path.join(tmp, "testssl.json")
    if os.path.exists(jf):
        os.unlink(jf)
    resolv = os.path.join(tmp, "resolv.conf")
    with open(resolv, "w") as f:
        f.write("nameserver 127.0.0.1\n")
    # Debian's OpenSSL refuses TLS 1.0 and SECLEVEL 0 suites by default:
    # without this testssl.sh "cannot connect" to a legacy server at all.
    cnf = os.path.join(tmp, "openssl-legacy.cnf")
    with open(cnf, "w") as f:
        f.write("openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\n"
                "system_default = sd\n[sd]\nMinProtocol = None\n"
                "CipherString = ALL:@SECLEVEL=0\n")
    inner = (f"mount --bind {resolv} /etc/resolv.conf && "
             f"OPENSSL_CONF={cnf} exec testssl "
             f"--nodns none --warnings batch --jsonfile {jf} -U -h -S "
             f"127.0.0.1:{port}")
    w, _ = timed(["unshare", "-m", "sh", "-c", inner])
    try:
        data = json.load(open(jf))
    except (OSError, ValueError):
        data = []
    return w, {e["id"]: e for e in data if "id" in e}


def testssl_says(ids, res):
    found = [res[i] for i in ids if i in res]
    if not found:
        return "-"
    for e in found:
        fnd = e.get("finding", "")
        if e["id"] == "certs_list_ordering_problem":
            return "yes" if fnd.startswith("yes") else "no"
        if e["id"] == "secure_renego":
            return "yes" if "not" in fnd.lower() else "no"
        if e["id"] == "fallback_SCSV" and ("no protocol below" in fnd or
                                           "can't test" in fnd):
            return "n/a"
        if e.get("severity") not in FINE and "not vulnerable" not in fnd:
            return "yes"
    return "no"


def nmap(port, scripts, tmp):
    xf = os.path.join(tmp, "nmap.xml")
    w, _ = timed(["nmap", "-n", "-Pn", "-p", str(port), "--script",
                  ",".join("+" + s for s in scripts), "-oX", xf,
                  "127.0.0.1"])
    out = {}
    try:
        for s in ET.parse(xf).getroot().iter("script"):
            out[s.get("id")] = s.get("output", "")
    except (OSError, ET.ParseError):
        pass
    return w, out


def nmap_says(script, res):
    if script is None:
        return "-"
    out = res.get(script)
    if out is None:
        return "no" if script != "http-security-headers" else "-"
    if script == "http-security-headers":
        return "yes" if "HSTS not configured" in out else "no"
    return "yes" if re.search(r"State: (LIKELY )?VULNERABLE", out) else "no"


def servers(sv):
    """(name, port, what it plays) of every server; started here."""
    out = []
    legacy = os.path.join(SRC, "tests/servers/legacy-tls-server")
    vuln = os.path.join(SRC, "tests/servers/vuln-tls-server")
    robot = os.path.join(SRC, "tests/servers/robot-tls-server")
    p = sv.s_server(["-www", "-tls1_2", "-cipher",
                     "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256"])
    out.append(("s_server TLS 1.2, RSA key exchange, -www", p))
    p = sv.s_server(["-www", "-tls1", "-cipher", "ALL:@SECLEVEL=0",
                     "-dhparam", "dh1024.pem"])
    out.append(("s_server TLS 1.0, ALL:@SECLEVEL=0, DH 1024", p))
    p = free_port()
    sv.start([legacy, "--versions", "ssl3,tls1.0", "--suites",
              "0x0005,0x000a,0x002f", str(p)], p)
    out.append(("legacy-tls-server SSLv3+TLS 1.0, RC4, 3DES", p))
    p = free_port()
    sv.start([legacy, "--versions", "tls1.0,tls1.2", "--suites",
              "0x002f,0x0035", "--no-reneg", str(p)], p)
    out.append(("legacy-tls-server TLS 1.0/1.2, no RFC 5746, no SCSV", p))
    p = sv.nginx_hsts(300)
    out.append(("nginx TLS 1.2/1.3, HSTS max-age=300", p))
    p = sv.nginx_hsts(None)
    out.append(("nginx TLS 1.2/1.3, no HSTS", p))
    for mode in ("heartbleed", "ccs", "ticketbleed"):
        p = free_port()
        sv.start([vuln, "--vulnerable", mode, str(p)], p)
        out.append((f"vuln-tls-server vulnerable to {mode}", p))
    for mode in ("strong", "weak", "fixed"):
        p = free_port()
        sv.start([robot, "--oracle", mode, "--reneg", "20", str(p)], p)
        out.append((f"robot-tls-server, {mode} oracle, 20 "
                    f"renegotiations, SCSV ignored", p))
    p = sv.s_server(["-www", "-tls1_2", "-client_renegotiation"])
    out.append(("s_server TLS 1.2, -client_renegotiation", p))
    return out


class VServers(Servers):
    stdin = subprocess.PIPE

    def nginx_hsts(self, max_age):
        port = free_port()
        d = tempfile.mkdtemp(dir=self.tmp)
        hsts = (f"add_header Strict-Transport-Security \"max-age={max_age}\""
                f" always; " if max_age is not None else "")
        with open(f"{d}/nginx.conf", "w") as f:
            f.write(f"daemon off; worker_processes 1; pid {d}/nginx.pid;\n"
                    f"error_log {d}/error.log;\n"
                    f"events {{ worker_connections 256; }}\n"
                    f"http {{ access_log off; client_body_temp_path {d}; "
                    f"proxy_temp_path {d}; fastcgi_temp_path {d}; "
                    f"uwsgi_temp_path {d}; scgi_temp_path {d};\n"
                    f" server {{ listen 127.0.0.1:{port} ssl; "
                    f"ssl_certificate {self.tmp}/srv.pem; "
                    f"ssl_certificate_key {self.tmp}/srv.key; "
                    f"ssl_protocols TLSv1.2 TLSv1.3; {hsts}"
                    f"location / {{ return 200 ok; }} }}\n}}\n")
        return self.start(["nginx", "-c", f"{d}/nginx.conf", "-p", d], port)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    build = args[0]
    use_testssl = "--no-testssl" not in args
    only = None
    if "--only" in args:
        only = args[args.index("--only") + 1].split(",")
    scan = os.path.join(build, "scanner", "tilsyn-scan")
    tmp = tempfile.mkdtemp(prefix="tilsyn-verdicts-")
    sv = VServers(tmp)
    scripts = sorted({c[3] for c in CHECKS if c[3]})
    try:
        for name, port in servers(sv):
            if only and not any(o in name for o in only):
                continue
            tw, ids, vulns = tilsyn(scan, f"https://127.0.0.1:{port}",
                                    os.path.join(tmp, "srv.pem"))
            sw, sres = testssl(port, tmp) if use_testssl else (0.0, {})
            nw, nres = nmap(port, scripts, tmp)
            print(f"\n== {name} (port {port})")
            print(f"  wall s: tilsyn-scan {tw:.2f}, testssl.sh -U -h -S "
                  f"{sw:.2f}, nmap {nw:.2f}")
            print(f"  {'check':<26} {'tilsyn':>7} {'testssl':>8} "
                  f"{'nmap':>6}")
            for concept, t_id, s_ids, n_script in CHECKS:
                a = tilsyn_says(t_id, ids, vulns)
                b = testssl_says(s_ids, sres) if use_testssl else "-"
                c = nmap_says(n_script, nres)
                mark = lambda x: x + ("*" if x in ("yes", "no") and
                                      a in ("yes", "no") and x != a
                                      else "")
                print(f"  {concept:<26} {a:>7} {mark(b):>8} {mark(c):>6}")
            sys.stdout.flush()
    finally:
        sv.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
