#!/usr/bin/env python3
"""gen_suites.py SUITES.TXT OUT.C: turns tls/suites.txt into the C table
that tls_suites.c searches.  It refuses (exit 1, naming file:line) a
duplicate or out-of-order code, a wrong field count, an unknown flag, a
name that does not match its columns, or bits out of range, so a typo in
the data file breaks the build instead of a scan."""
import re
import sys

KNOWN_FLAGS = {"EXPORT", "TLS13", "SCSV", "SSL2", "DRAFT"}
NAME_RE = re.compile(r"^(TLS|SSL_CK)_[A-Za-z0-9_]+$")
OSSL_RE = re.compile(r"^[A-Z0-9][A-Za-z0-9_-]*$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_]+$")
DES = {"DES_CBC", "DES40_CBC", "DES_CBC_40"}
# Ciphers with 64-bit blocks: a CBC stream repeats after 2^32 blocks
# (SWEET32, CVE-2016-2183).
BLOCK64 = {"DES", "DES40", "3DES", "IDEA", "RC2"}


def derive(kx, au, enc, mac, flags, code):
    """Flags implied by the columns (see suites.txt)."""
    f = set(flags)
    scsv = "SCSV" in f
    if scsv:
        return f
    if enc == "NULL":
        f.add("NULL")
    if au == "anon" or kx == "NULL":
        f.add("ANON")
    if enc.startswith("RC4"):
        f.add("RC4")
    if enc in DES:
        f.add("DES")
    if enc.startswith("3DES"):
        f.add("3DES")
    if "CBC" in enc:
        f.add("CBC")
        if enc.split("_")[0] in BLOCK64:
            f.add("BLOCK64")
    if mac == "AEAD":
        f.add("AEAD")
    tls13 = "TLS13" in f
    if (tls13 or kx in ("DHE", "ECDHE", "ECCPWD") or
            (kx in ("DH", "ECDH") and au == "anon")):
        f.add("FS")
    if "PSK" in kx or au == "PSK":
        f.add("PSK")
    if kx == "SRP":
        f.add("SRP")
    if kx.startswith("GOST"):
        f.add("GOST")
    if not tls13 and "SSL2" not in f and (
            mac in ("AEAD", "SHA256", "SHA384") or "GOST" in f):
        f.add("TLS12")
    if mac == "MD5":
        f.add("MD5")
    if mac == "SHA":
        f.add("SHA1")
    if kx == "ECDHE":
        f.add("ECDHE")
    if kx == "DHE":
        f.add("DHE")
    if kx.startswith("EC") or au == "ECDSA":
        f.add("ECC")
    if kx == "KRB5":
        f.add("KRB5")
    return f


def fail(path, lineno, msg):
    sys.stderr.write("%s:%d: %s\n" % (path, lineno, msg))
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: gen_suites.py SUITES.TXT OUT.C\n")
        sys.exit(2)
    path = sys.argv[1]
    rows = []
    seen = {}
    last = {False: -1, True: -1}
    with open(path, encoding="ascii") as fp:
        for lineno, line in enumerate(fp, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 9:
                fail(path, lineno, "%d fields, want 9 (tab-separated)"
                     % len(fields))
            code_s, name, ossl, kx, au, enc, bits_s, mac, flags_s = fields
            m = re.match(r"^0x([0-9A-F]{4}|[0-9A-F]{6})$", code_s)
            if not m:
                fail(path, lineno, "bad code '%s'" % code_s)
            code = int(m.group(1), 16)
            ssl2 = len(m.group(1)) == 6
            if code in seen:
                fail(path, lineno, "duplicate code %s (first on line %d)"
                     % (code_s, seen[code]))
            if code <= last[ssl2]:
                fail(path, lineno, "code %s out of order" % code_s)
            seen[code] = lineno
            last[ssl2] = code
            if not NAME_RE.match(name):
                fail(path, lineno, "bad name '%s'" % name)
            if ossl != "-" and not OSSL_RE.match(ossl):
                fail(path, lineno, "bad OpenSSL name '%s'" % ossl)
            for what, v in (("kx", kx), ("au", au), ("enc", enc),
                            ("mac", mac)):
                if v != "-" and not TOKEN_RE.match(v):
                    fail(path, lineno, "bad %s '%s'" % (what, v))
            if not re.match(r"^[0-9]+$", bits_s) or int(bits_s) > 256:
                fail(path, lineno, "bad bits '%s'" % bits_s)
            flags = [] if flags_s == "-" else flags_s.split(",")
            for fl in flags:
                if fl not in KNOWN_FLAGS:
                    fail(path, lineno, "unknown flag '%s'" % fl)
            if ssl2 != ("SSL2" in flags):
                fail(path, lineno, "SSL2 flag and 3-byte code disagree")
            if ("SCSV" in flags) != (kx == "-"):
                fail(path, lineno, "SCSV needs kx '-' and only SCSV has it")
            # The name must carry the cipher and the MAC of its columns.
            if kx not in ("-", "any"):
                if not ssl2 and "_WITH_" not in name:
                    fail(path, lineno, "name without _WITH_")
                if (not enc.startswith(("KUZNYECHIK", "MAGMA", "GOST")) and
                        not ssl2 and enc not in name):
                    fail(path, lineno, "name does not contain enc '%s'"
                         % enc)
                if mac not in ("AEAD", "OMAC", "IMIT") and \
                        not name.endswith("_" + mac):
                    fail(path, lineno, "name does not end in mac '%s'"
                         % mac)
            if ("EXPORT" in flags) != ("EXPORT" in name):
                fail(path, lineno, "EXPORT flag and name disagree")
            rows.append((ssl2, code, name, ossl, kx, au, enc,
                         int(bits_s), mac,
                         derive(kx, au, enc, mac, flags, code)))
    rows.sort(key=lambda r: (r[0], r[1]))
    out = []
    out.append("/* Generated by gen_suites.py from suites.txt: "
               "do not edit. */")
    out.append('#include "scanner/tls/tls_suites_table.h"')
    out.append("")
    out.append("const struct tls_suite tls_suite_table[] = {")
    for (ssl2, code, name, ossl, kx, au, enc, bits, mac, fl) in rows:
        flags = " | ".join("TLS_SF_" + x for x in sorted(fl)) or "0"
        out.append('\t{ 0x%06x, "%s", %s, "%s", "%s", "%s", %d, "%s",'
                   % (code, name,
                      "NULL" if ossl == "-" else '"%s"' % ossl,
                      kx, au, enc, bits, mac))
        out.append("\t    %s }," % flags)
    out.append("};")
    out.append("const size_t tls_suite_table_len = "
               "sizeof(tls_suite_table) / sizeof(tls_suite_table[0]);")
    out.append("const size_t tls_suite_table_ntls = %d;"
               % sum(1 for r in rows if not r[0]))
    with open(sys.argv[2], "w", encoding="ascii") as fp:
        fp.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
