#!/usr/bin/env python3
"""ssh_bench.py: tilsyn-scan against ssh-audit and nmap ssh2-enum-algos on
the same loopback SSH servers (issue 4).  Called by tests/bench/ssh.sh.

For each server (OpenSSH default / hardened / legacy, dropbear) and for a
list of many servers, it runs every tool, checks that the algorithm lists
agree with ours, and prints wall time and connections (as the servers saw
them: sshd LogLevel VERBOSE and dropbear -E log every accepted connection)
with ratios to tilsyn-scan.  As a floor it also times what the servers
themselves cost: one connection per server that only reads the
identification and KEXINIT, and ssh-keyscan (host keys only).  Only
127.0.0.1 is ever contacted.

usage: ssh_bench.py BUILD_DIR [--list N] [--runs N]
"""
import argparse
import json
import os
import resource
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from loopback import free_port, wait_port
import xml.etree.ElementTree as ET

LISTS = [("kex", "kex", "kex_algorithms"),
         ("host_key_algorithms", "key", "server_host_key_algorithms"),
         ("ciphers_s2c", "enc", "encryption_algorithms"),
         ("macs_s2c", "mac", "mac_algorithms"),
         ("compression_s2c", "compression", "compression_algorithms")]

CONFIGS = {
    "sshd-default": ("rsa:3072 ecdsa:256 ed25519", ""),
    "sshd-hardened": ("ed25519",
                      "KexAlgorithms sntrup761x25519-sha512@openssh.com,"
                      "curve25519-sha256\n"
                      "Ciphers chacha20-poly1305@openssh.com,"
                      "aes256-gcm@openssh.com,aes128-gcm@openssh.com\n"
                      "MACs hmac-sha2-512-etm@openssh.com,"
                      "hmac-sha2-256-etm@openssh.com\n"
                      "PasswordAuthentication no\n"
                      "KbdInteractiveAuthentication no\n"
                      "AuthenticationMethods publickey\n"),
    "sshd-legacy": ("rsa:2048",
                    "KexAlgorithms diffie-hellman-group14-sha1\n"
                    "HostKeyAlgorithms +ssh-rsa\nCiphers aes128-cbc\n"
                    "MACs hmac-sha1\nPasswordAuthentication yes\n"
                    "KbdInteractiveAuthentication no\n"),
}


class Server:
    """One loopback SSH server with its own directory and log."""

    def __init__(self, kind, keys_dir):
        self.kind = kind
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="tilsyn-sshbench.")
        self.log = os.path.join(self.dir, "server.log")
        if kind == "dropbear":
            argv = ["dropbear", "-F", "-E", "-p", "127.0.0.1:%d" % self.port]
            for k in ("ed25519", "rsa", "ecdsa"):
                argv += ["-r", os.path.join(keys_dir, "db_" + k)]
            self.marker = "Child connection from"
        else:
            keys, extra = CONFIGS[kind]
            conf = ["ListenAddress 127.0.0.1", "Port %d" % self.port,
                    "PidFile %s/sshd.pid" % self.dir, "UsePAM no",
                    "LogLevel VERBOSE", "MaxStartups 200",
                    "AuthorizedKeysFile none"]
            for k in keys.split():
                conf.append("HostKey %s/%s" % (keys_dir,
                                               k.replace(":", "_")))
            path = os.path.join(self.dir, "sshd_config")
            with open(path, "w") as f:
                f.write("\n".join(conf) + "\n" + extra)
            argv = ["/usr/sbin/sshd", "-D", "-e", "-f", path]
            self.marker = "Connection from 127.0.0.1"
        logf = open(self.log, "w")
        self.proc = subprocess.Popen(argv, stdout=logf, stderr=logf,
                                     stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        wait_port(self.port)
        self.base = 0

    def connections(self):
        """Connections accepted since the last call."""
        time.sleep(0.1)     # let the server log the last one
        with open(self.log, errors="replace") as f:
            n = f.read().count(self.marker)
        d, self.base = n - self.base, n
        return d

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def make_keys(d):
    for spec in ("rsa:3072", "rsa:2048", "ecdsa:256", "ed25519"):
        t, _, bits = spec.partition(":")
        cmd = ["ssh-keygen", "-q", "-t", t, "-N", "", "-f",
               os.path.join(d, spec.replace(":", "_"))]
        if bits:
            cmd[4:4] = ["-b", bits]
        subprocess.run(cmd, check=True)
    for t, extra in (("ed25519", []), ("rsa", ["-s", "2048"]),
                     ("ecdsa", ["-s", "256"])):
        subprocess.run(["dropbearkey", "-t", t, "-f",
                        os.path.join(d, "db_" + t)] + extra, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


CPU = [0.0]
SCAN_MS = []


def timed(argv, stdout=subprocess.PIPE):
    """Wall time of argv; its CPU time (user + system) is added to CPU."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    p = subprocess.run(argv, stdout=stdout, stderr=subprocess.DEVNULL,
                       text=True)
    dt = time.monotonic() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[0] += (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return dt, p.stdout


def run_tilsyn(scan, servers):
    targets = ["ssh://127.0.0.1:%d" % s.port for s in servers]
    # Every server here is 127.0.0.1: --per-host would otherwise cap the
    # whole list at 4 connections, unlike a list of distinct hosts.
    opts = ["--per-host", "64"] if len(servers) > 1 else []
    dt, out = timed([scan, "-o", "json"] + opts + targets)
    res = {}
    for line in out.splitlines():
        o = json.loads(line)
        # the run header and the summary are not results
        if o.get("type", "result") == "result":
            res[o["port"]] = o
    # The scan itself, without start-up (e.g. loading the CA store).
    SCAN_MS.append(max((o["duration_ms"] for o in res.values()), default=0))
    return dt, res


def run_ssh_audit(servers):
    if len(servers) == 1:
        dt, out = timed(["ssh-audit", "-j", "-p", str(servers[0].port),
                         "127.0.0.1"])
        try:
            return dt, {servers[0].port: json.loads(out)}
        except ValueError:
            return dt, {}
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        for s in servers:
            f.write("127.0.0.1:%d\n" % s.port)
        f.flush()
        dt, out = timed(["ssh-audit", "-j", "-T", f.name])
    res = {}
    try:
        data = json.loads(out)
    except ValueError:
        data = []
    for o in data if isinstance(data, list) else [data]:
        port = o.get("target", "").rpartition(":")[2]
        if port.isdigit():
            res[int(port)] = o
    return dt, res


def run_nmap(servers):
    ports = ",".join(str(s.port) for s in servers)
    with tempfile.NamedTemporaryFile(suffix=".xml") as f:
        dt, _ = timed(["nmap", "-n", "-Pn", "-p", ports, "--script",
                       "+ssh2-enum-algos", "-oX", f.name, "127.0.0.1"],
                      stdout=subprocess.DEVNULL)
        tree = ET.parse(f.name)
    res = {}
    for port in tree.iter("port"):
        for sc in port.iter("script"):
            if sc.get("id") != "ssh2-enum-algos":
                continue
            lists = {}
            for tb in sc.iter("table"):
                lists[tb.get("key")] = [e.text for e in tb.findall("elem")]
            res[int(port.get("portid"))] = lists
    return dt, res


def run_floor(servers):
    """The least any scanner must do: one connection per server that sends
    an identification and reads the server's identification and KEXINIT
    (no host key, no auth methods), all servers at once."""
    sel = selectors.DefaultSelector()
    t = time.monotonic()
    for s in servers:
        c = socket.socket()
        c.setblocking(False)
        c.connect_ex(("127.0.0.1", s.port))
        sel.register(c, selectors.EVENT_WRITE, [b"", False])
    left = len(servers)
    while left:
        ev = sel.select(10)
        if not ev:
            raise SystemExit("floor: a server did not answer")
        for key, mask in ev:
            c, st = key.fileobj, key.data
            if not st[1]:
                c.send(b"SSH-2.0-floor\r\n")
                st[1] = True
                sel.modify(c, selectors.EVENT_READ, st)
                continue
            d = c.recv(65536)
            st[0] += d
            buf = st[0]
            nl = buf.find(b"\n")
            pkt = buf[nl + 1:] if nl >= 0 else b""
            if (not d or len(pkt) >= 4 and
                    len(pkt) >= 4 + int.from_bytes(pkt[:4], "big")):
                sel.unregister(c)
                c.close()
                left -= 1
    return time.monotonic() - t, {}


def run_keyscan(servers):
    """ssh-keyscan for every key type these servers have (one connection
    per type; no auth methods, no algorithm lists)."""
    dt, _ = timed(["ssh-keyscan", "-T", "5", "-t", "rsa,ecdsa,ed25519",
                   "-p", str(servers[0].port), "127.0.0.1"])
    return dt, {}


def compare(ours, audit, nmap):
    """Names of the lists where a tool disagrees with us."""
    bad = []
    ssh = ours.get("ssh") or {}
    for key, akey, nkey in LISTS:
        mine = ssh.get(key) or []
        if audit is not None:
            theirs = [a["algorithm"] if isinstance(a, dict) else a
                      for a in audit.get(akey, [])]
            # ssh-audit lists each host-key algorithm once per key size
            if akey == "key":
                theirs = list(dict.fromkeys(theirs))
            if theirs != mine:
                bad.append("ssh-audit:" + key)
        if nmap is not None and nmap.get(nkey, []) != mine:
            bad.append("nmap:" + key)
    return bad


def median_run(fn, servers, runs):
    times, res, conns, cpus = [], None, [], []
    for _ in range(runs):
        for s in servers:
            s.connections()
        CPU[0] = 0.0
        dt, res = fn(servers)
        times.append(dt)
        cpus.append(CPU[0])
        conns.append(sum(s.connections() for s in servers))
    return (statistics.median(times), res, statistics.median(conns),
            statistics.median(cpus))


def bench(scan, servers, label, runs):
    del SCAN_MS[:]
    t_ours, ours, c_ours, u_ours = median_run(
        lambda s: run_tilsyn(scan, s), servers, runs)
    scan_s = statistics.median(SCAN_MS) / 1000.0
    t_audit, audit, c_audit, u_audit = median_run(run_ssh_audit, servers,
                                                  runs)
    t_nmap, nmap, c_nmap, u_nmap = median_run(run_nmap, servers, runs)
    t_floor, _, c_floor, _ = median_run(run_floor, servers, runs)
    if len(servers) == 1:
        t_ks, _, c_ks, _ = median_run(run_keyscan, servers, runs)
    disagree, keys, auth = [], 0, 0
    for s in servers:
        o = ours.get(s.port, {})
        for b in compare(o, audit.get(s.port), nmap.get(s.port)):
            disagree.append("%s %s" % (s.kind, b))
        ssh = o.get("ssh") or {}
        keys += len(ssh.get("host_keys") or [])
        auth += ssh.get("auth_methods") is not None
    print("%-14s %-10s %7.3f s wall %6.3f s cpu %4d conns   "
          "(slowest target's own duration_ms: %.3f s)" % (
              label, "tilsyn", t_ours, u_ours, c_ours, scan_s))
    for name, t, u, c in (("ssh-audit", t_audit, u_audit, c_audit),
                          ("nmap", t_nmap, u_nmap, c_nmap)):
        print("%-14s %-10s %7.3f s wall %6.3f s cpu %4d conns   "
              "wall x%.1f, cpu x%.1f, conns x%.2f" % (
                  "", name, t, u, c, t / max(t_ours, 0.001),
                  u / max(u_ours, 0.001), c / max(c_ours, 1)))
    # What the servers themselves cost, as a floor: the least any scanner
    # does (ident and KEXINIT, one connection per server, all at once), and
    # ssh-keyscan (host keys only; it negotiates sntrup where offered).
    floors = [("floor", t_floor, c_floor, "ident+KEXINIT only")]
    if len(servers) == 1:
        floors.append(("ssh-keyscan", t_ks, c_ks, "keys only"))
    for name, t, c, what in floors:
        print("%-14s %-10s %7.3f s wall %-17s %4d conns   "
              "tilsyn / this x%.1f" % ("", name, t, "(" + what + ")", c,
                                       t_ours / max(t, 0.001)))
    print("%-14s tilsyn also read %d host keys and %d auth-method lists; "
          "algorithm lists: %s" % ("", keys, auth,
                                  "all agree" if not disagree else
                                  "DISAGREE: " + ", ".join(disagree)))
    return not disagree


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--list", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    scan = os.path.join(a.build, "scanner", "tilsyn-scan")
    if not os.access(scan, os.X_OK):
        raise SystemExit("no %s: build first" % scan)
    os.makedirs("/run/sshd", exist_ok=True)
    keys = tempfile.mkdtemp(prefix="tilsyn-sshbench-keys.")
    servers = []
    ok = True
    try:
        make_keys(keys)
        kinds = ["sshd-default", "sshd-hardened", "sshd-legacy", "dropbear"]
        print("SSH benchmark: median of %d runs; connections as the "
              "servers logged them; cpu of the scanner process; "
              "load average %.1f" % (a.runs, os.getloadavg()[0]))
        print("ratios: other tool / tilsyn-scan")
        for kind in kinds:
            s = Server(kind, keys)
            servers.append(s)
            ok &= bench(scan, [s], kind, a.runs)
        extra = [Server(kinds[i % len(kinds)], keys)
                 for i in range(len(servers), a.list)]
        servers += extra
        ok &= bench(scan, servers[:a.list], "%d servers" % a.list, a.runs)
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(keys, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
