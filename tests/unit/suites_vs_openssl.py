#!/usr/bin/env python3
"""The suite table (scanner/tls/suites.txt) against OpenSSL's own registry:
every suite the installed OpenSSL knows must be in the table under the same
code, the same IANA name and the same OpenSSL name.  A typo in the
hand-typed table fails here.

usage: suites_vs_openssl.py SUITES_TXT
"""
import subprocess
import sys


def main():
    table = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.startswith("0x"):
                col = line.rstrip("\n").split("\t")
                table[int(col[0], 16)] = (col[1], col[2])
    out = subprocess.run(["openssl", "ciphers", "-V", "-stdname",
                          "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                         capture_output=True, text=True, check=True).stdout
    n = bad = 0
    for line in out.splitlines():
        word = line.split()
        if len(word) < 5:
            continue
        hi, lo = word[0].split(",")
        code, iana, ossl = int(hi, 16) << 8 | int(lo, 16), word[2], word[4]
        n += 1
        if code not in table:
            print(f"not ok - 0x{code:04X} {iana}: not in the table")
            bad += 1
        elif table[code] != (iana, ossl):
            print(f"not ok - 0x{code:04X}: table says {table[code]}, "
                  f"OpenSSL says {(iana, ossl)}")
            bad += 1
    if n < 100:
        print(f"not ok - OpenSSL listed only {n} suites")
        return 1
    if bad:
        print(f"not ok - {bad} of {n} suites of OpenSSL disagree")
        return 1
    print(f"ok - {n} suites of OpenSSL agree with the table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
