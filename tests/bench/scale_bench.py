#!/usr/bin/env python3
"""Scale benchmark: tilsyn-scan on many endpoints, for throughput and
memory (issue 9).

usage: scale_bench.py BUILDDIR [--sizes 300,10000] [--cidr 100000]

It re-executes itself inside a private network namespace (unshare -n;
needs root), where only a loopback interface exists: nginx may then listen
on the wildcard address of a few ports and answer on every 127.x address,
so N endpoints are N distinct address:port pairs (the per-host limit is
per address) without a packet leaving the namespace.

- For each size: a list of that many endpoints (127.0.x.y on 100 nginx
  ports, TLS 1.2 and 1.3, ECDSA), scanned with -q --json FILE; wall time,
  targets per second, peak RSS of tilsyn-scan, connections.  Peak RSS of
  the largest run must stay within 1.25x of the smallest.
- --cidr N: N endpoints from prefix expansion (127.64.0.0/... on one
  closed port): every one refused; wall time, peak RSS and connections per
  target (must be 1).
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

NPORTS = 100
BASE = 20000


def run_scan(scanner, args, out):
    """Runs tilsyn-scan; returns (wall s, peak RSS KiB, summary, rc)."""
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.execv(scanner, [scanner, "-q", "--json", out] + args)
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - t0
    summary = None
    with open(out) as f:
        for line in f:
            o = json.loads(line)
            if o.get("type") == "summary":
                summary = o
    return wall, ru.ru_maxrss, summary, os.waitstatus_to_exitcode(status)


def nginx(tmp):
    subprocess.run(
        f"openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
        f"-nodes -keyout {tmp}/k.pem -out {tmp}/c.pem -subj /CN=bench "
        f"-days 2 2>/dev/null", shell=True, check=True)
    listens = "".join(f"    listen {BASE + i} ssl;\n" for i in range(NPORTS))
    conf = f"""worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 8192; }}
worker_rlimit_nofile 20000;
http {{
  access_log off;
  server {{
{listens}    ssl_certificate {tmp}/c.pem;
    ssl_certificate_key {tmp}/k.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384;
    return 204;
  }}
}}
"""
    with open(f"{tmp}/nginx.conf", "w") as f:
        f.write(conf)
    subprocess.run(["nginx", "-c", f"{tmp}/nginx.conf", "-p", tmp,
                    "-e", f"{tmp}/error.log"], check=True)
    time.sleep(0.5)


def inner(build, sizes, cidr):
    scanner = os.path.join(build, "scanner", "tilsyn-scan")
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    tmp = tempfile.mkdtemp(prefix="tilsyn-scale-")
    nginx(tmp)
    rows = []
    try:
        for n in sizes:
            path = f"{tmp}/targets-{n}"
            with open(path, "w") as f:
                for i in range(n):
                    a, p = divmod(i, NPORTS)
                    f.write(f"127.0.{a // 250}.{a % 250 + 1}:{BASE + p}\n")
            wall, rss, s, rc = run_scan(scanner, [
                "--scope", "127.0.0.0/8", "-j", "256", "-f", path],
                f"{tmp}/out-{n}.jsonl")
            rows.append((n, wall, rss, s))
            print(f"{n:>7} targets: {wall:7.2f} s, {n / wall:7.1f} "
                  f"targets/s, peak RSS {rss / 1024:6.1f} MiB, "
                  f"{s['connections']} connections, "
                  f"{s['scanned']} scanned, {s['failed']} failed, exit {rc}")
        if len(rows) > 1:
            ratio = rows[-1][2] / rows[0][2]
            print(f"peak RSS {rows[-1][0]} / {rows[0][0]} targets: "
                  f"{ratio:.2f}x (goal <= 1.25x)")
        if cidr:
            # The same -j on a prefix 32 times smaller: memory is what is
            # in flight (-j targets), not what the prefix holds.
            small = []
            for want in (max(cidr // 32, 1024), cidr):
                bits = 32 - (want - 1).bit_length()
                prefix = f"127.64.0.0/{bits}"
                wall, rss, s, rc = run_scan(scanner, [
                    "--scope", "127.0.0.0/8", "-j", "1024", "-p", "9",
                    prefix], f"{tmp}/out-cidr.jsonl")
                n = s["targets"]
                small.append(rss)
                print(f"{n:>7} targets from {prefix} (port 9, closed): "
                      f"{wall:7.2f} s, {n / wall:7.0f} targets/s, peak RSS "
                      f"{rss / 1024:6.1f} MiB, "
                      f"{s['connections'] / n:.2f} connections per target, "
                      f"refused {s['errors']['refused']}, exit {rc}")
            print(f"peak RSS, prefix 32x larger: {small[1] / small[0]:.2f}x")
    finally:
        with open(f"{tmp}/nginx.pid") as f:
            os.kill(int(f.read()), 15)
        time.sleep(0.3)
        subprocess.run(["rm", "-rf", tmp])


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    build = os.path.abspath(args[0])
    sizes, cidr = [300, 10000], 0
    i = 1
    while i < len(args):
        if args[i] == "--sizes":
            sizes = [int(x) for x in args[i + 1].split(",")]
            i += 2
        elif args[i] == "--cidr":
            cidr = int(args[i + 1])
            i += 2
        elif args[i] == "--inner":
            i += 1
        else:
            sys.exit(__doc__)
    if "--inner" in args:
        inner(build, sizes, cidr)
        return
    os.execvp("unshare", ["unshare", "-n", sys.executable,
                          os.path.abspath(__file__)] + args + ["--inner"])


if __name__ == "__main__":
    main()
