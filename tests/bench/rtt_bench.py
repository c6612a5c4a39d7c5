#!/usr/bin/env python3
"""TLS across a network: tilsyn-scan against sslscan and nmap
ssl-enum-ciphers, each on loopback and behind relay.py at 20 and 40 ms RTT.

usage: rtt_bench.py BUILDDIR [--rtt MS,...] [--per-host N] [--repeat N]
                   [--tilsyn-only]

Servers (nginx serves connections concurrently; openssl s_server and
gnutls-serv serve one at a time and would serialise behind a relay):
  - nginx TLS 1.0-1.2 with ALL:@SECLEVEL=0 (88 suites with an RSA key),
  - the same with ssl_prefer_server_ciphers on (its own order: one suite
    per round trip and version, whatever the concurrency),
  - nginx TLS 1.2 + 1.3, Mozilla intermediate.

Per server and RTT it prints, per tool: wall time (the median of --repeat
runs, default 3), connections (connect()
calls to the port, counted with strace in a separate run), and the ratio of
each tool's wall time to tilsyn-scan's.  The floor is what tilsyn-scan's own
enumeration cannot beat at --per-host N: ceil(hellos / N) x RTT, where
hellos is the result's "floor" field (the hellos a minimal enumeration of
this server needs: suites + 1 per version, TLS 1.3 groups, ECDHE curves, the
fallback hello).  It leaves out the certificate handshakes and, like every
figure behind the relay, the TCP connect of each connection (the kernel
completes it at once).  A second, looser floor counts tilsyn-scan's own
connections instead (its hellos and certificate handshakes, one round trip
each).  Neither counts the server's own time per handshake, nor hellos
that must wait for each other (a chain of TLS 1.3 groups, or a server
with its own suite order, takes one round trip per suite or group).
Everything stays on 127.0.0.0/8.
"""
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from loopback import free_port, wait_port
from tls_bench import MOZ, Servers, connections, results, timed

HERE = os.path.dirname(os.path.abspath(__file__))
RELAY_IP = "127.0.0.2"


def nginx(srv, port, protocols, ciphers, prefer="off"):
    d = tempfile.mkdtemp(dir=srv.tmp)
    conf = (f"daemon off; worker_processes 2; pid {d}/nginx.pid;\n"
            f"error_log {d}/error.log;\n"
            f"events {{ worker_connections 4096; }}\n"
            f"http {{ access_log off; client_body_temp_path {d}; "
            f"proxy_temp_path {d}; fastcgi_temp_path {d}; "
            f"uwsgi_temp_path {d}; scgi_temp_path {d};\n"
            f" server {{ listen 127.0.0.1:{port} ssl; "
            f"ssl_certificate {srv.tmp}/srv.pem; "
            f"ssl_certificate_key {srv.tmp}/srv.key; "
            f"ssl_protocols {protocols}; ssl_ciphers '{ciphers}'; "
            f"ssl_prefer_server_ciphers {prefer}; "
            f"ssl_dhparam {srv.tmp}/ffdhe2048.pem; "
            f"location / {{ return 204; }} }}\n}}\n")
    with open(f"{d}/nginx.conf", "w") as f:
        f.write(conf)
    p = subprocess.Popen(["nginx", "-c", f"{d}/nginx.conf", "-p", d],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    srv.procs.append(p)
    wait_port(port, p)
    return port


def relay_port():
    s = socket.socket()
    s.bind((RELAY_IP, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def build_relay(tmp):
    """relay.c built into tmp, or None (then relay.py, slower)."""
    out = os.path.join(tmp, "relay")
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or subprocess.run(
            [cc, "-O2", "-o", out, os.path.join(HERE, "relay.c")]).returncode:
        return None
    return out


def start_relay(srv, relay, port, rtt):
    """A relay on 127.0.0.2 in front of 127.0.0.1:port; its address."""
    rp = relay_port()
    if relay is not None:
        argv = [relay, RELAY_IP, str(rp), "127.0.0.1", str(port), str(rtt)]
    else:
        argv = [sys.executable, os.path.join(HERE, "relay.py"),
                f"{RELAY_IP}:{rp}", f"127.0.0.1:{port}", str(rtt)]
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                         start_new_session=True)
    srv.procs.append(p)
    end = time.time() + 10
    while time.time() < end:
        try:
            socket.create_connection((RELAY_IP, rp), 0.2).close()
            return RELAY_IP, rp
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("relay not listening")


def median_wall(argv, repeat):
    """The median wall time of repeat runs of argv, and the last output."""
    walls = []
    for _ in range(repeat):
        w, _, out = timed(argv)
        walls.append(w)
    return sorted(walls)[len(walls) // 2], out


def run_one(scan, ip, port, per_host, repeat, others=True):
    """Rows (tool, wall s, connections, result) for one address."""
    rows = []
    argv = [scan, "-o", "json", "--per-host", str(per_host),
            f"{ip}:{port}"]
    w, out = median_wall(argv, repeat)
    r = results(out)[0]
    rows.append(("tilsyn-scan", w, connections(argv, [port]), r))
    if not others:
        return rows
    argv = ["sslscan", "--no-colour", f"{ip}:{port}"]
    w, _ = median_wall(argv, repeat)
    rows.append(("sslscan", w, connections(argv, [port]), None))
    argv = ["nmap", "-n", "-Pn", "-p", str(port), "--script",
            "ssl-enum-ciphers", ip]
    w, _ = median_wall(argv, repeat)
    rows.append(("nmap", w, connections(argv, [port]), None))
    return rows


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = sys.argv[1]
    rtts = [0, 20, 40]
    per_host = 4
    if "--rtt" in sys.argv:
        rtts = [int(x) for x in
                sys.argv[sys.argv.index("--rtt") + 1].split(",")]
    if "--per-host" in sys.argv:
        per_host = int(sys.argv[sys.argv.index("--per-host") + 1])
    repeat = 3
    if "--repeat" in sys.argv:
        repeat = int(sys.argv[sys.argv.index("--repeat") + 1])
    others = "--tilsyn-only" not in sys.argv
    scan = os.path.abspath(os.path.join(build, "scanner", "tilsyn-scan"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    for tool in ("sslscan", "nmap", "strace", "nginx"):
        if shutil.which(tool) is None:
            sys.exit(f"rtt_bench: {tool} is not installed")
    tmp = tempfile.mkdtemp(prefix="tilsyn-rtt.")
    srv = Servers(tmp)
    relay = build_relay(tmp)
    summary = []
    try:
        servers = [
            ("nginx TLS 1.0-1.2 ALL:@SECLEVEL=0",
             nginx(srv, free_port(), "TLSv1 TLSv1.1 TLSv1.2",
                   "ALL:@SECLEVEL=0")),
            ("nginx TLS 1.0-1.2 ALL, server order",
             nginx(srv, free_port(), "TLSv1 TLSv1.1 TLSv1.2",
                   "ALL:@SECLEVEL=0", prefer="on")),
            ("nginx TLS 1.2+1.3 Mozilla intermediate",
             nginx(srv, free_port(), "TLSv1.2 TLSv1.3", MOZ)),
        ]
        print(f"relay: {'relay.c' if relay else 'relay.py (no C compiler)'};"
              f" wall times are the median of {repeat} runs")
        print("Behind the relay the TCP connect costs nothing (the kernel "
              "completes it at once):\nthe figures leave out one RTT per "
              "connection.  floor = ceil(hellos / per-host) x RTT, hellos\n"
              "= the minimal enumeration's hellos (the result's \"floor\": "
              "suites + 1 per version,\nTLS 1.3 groups, ECDHE curves, the "
              "fallback hello; no certificate handshakes).")
        for title, port in servers:
            for rtt in rtts:
                if rtt == 0:
                    ip, p = "127.0.0.1", port
                else:
                    ip, p = start_relay(srv, relay, port, rtt)
                rows = run_one(scan, ip, p, per_host, repeat, others)
                r = rows[0][3]
                nsuites = sum(len(v) for v in
                              (r["tls"]["suites"] or {}).values())
                hellos = r["tls"]["floor"]
                floor = math.ceil(hellos / per_host) * rtt / 1000.0
                print(f"\n== {title}, {nsuites} suites, "
                      f"{'loopback' if rtt == 0 else f'RTT {rtt} ms'}"
                      f" (tilsyn-scan --per-host {per_host})")
                print(f"  {'tool':<12} {'wall s':>8} {'conns':>6} "
                      f"{'wall x':>7}")
                base = rows[0][1]
                for name, w, n, _ in rows:
                    print(f"  {name:<12} {w:8.3f} {n:6d} {w / base:7.1f}")
                own = math.ceil(rows[0][2] / per_host) * rtt / 1000.0
                if rtt:
                    print(f"  floor: {hellos} hellos -> "
                          f"{math.ceil(hellos / per_host)} round trips = "
                          f"{floor:.3f} s; tilsyn-scan is "
                          f"{base / floor:.2f} x the floor")
                    print(f"  floor of its own {rows[0][2]} connections: "
                          f"{math.ceil(rows[0][2] / per_host)} round trips"
                          f" = {own:.3f} s; {base / own:.2f} x")
                summary.append((title, rtt, rows, floor, own))
        print("\n== side by side (wall s; x = sslscan or nmap / tilsyn-scan;"
              " floor x = tilsyn-scan / floor,\n   own x = tilsyn-scan / "
              "floor of its own connections)")
        print(f"  {'server':<40} {'rtt':>4} {'tilsyn':>7} {'conns':>5}"
              f" {'sslscan':>8} {'x':>5} {'nmap':>7} {'x':>5} {'floor x':>8}"
              f" {'own x':>6}")
        for title, rtt, rows, floor, own in summary:
            if len(rows) < 3:
                continue
            t, s, n = rows[0], rows[1], rows[2]
            fx = f"{t[1] / floor:8.2f}" if floor else f"{'-':>8}"
            ox = f"{t[1] / own:6.2f}" if own else f"{'-':>6}"
            print(f"  {title:<40} {rtt:4d} {t[1]:7.3f} {t[2]:5d}"
                  f" {s[1]:8.3f} {s[1] / t[1]:5.1f} {n[1]:7.3f}"
                  f" {n[1] / t[1]:5.1f} {fx} {ox}")
    finally:
        srv.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
