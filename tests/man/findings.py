#!/usr/bin/env python3
"""The FINDINGS table of tilsyn-scan(1) is the default profile's rules:
the same ids in the same order, with their severities, paragraphs and
CVE ids (\\(em in the table for a rule without one).

usage: findings.py MANPAGE PROFILE
"""
import re
import sys
import xml.etree.ElementTree as ET


def main():
    page, profile = sys.argv[1], sys.argv[2]
    text = open(page, encoding="utf-8").read()
    m = re.search(r"^\.Sh FINDINGS\n(.*?)^\.El", text, re.S | re.M)
    rows = []
    for line in (m.group(1) if m else "").splitlines():
        if line.startswith(".It ") and "Sy id" not in line:
            rows.append(tuple(c.strip() for c in line[4:].split(" Ta ")))
    want = []
    for rule in ET.parse(profile).getroot().iter("rule"):
        nr = rule.get("basis").rsplit(", ", 1)[-1]
        cve = " ".join((rule.get("cve") or "").split()) or "\\(em"
        want.append((rule.get("id"), rule.get("severity"), nr, cve))
    if rows == want:
        print("ok 1 - FINDINGS is the tilsyn profile")
    else:
        print("not ok 1 - FINDINGS differs from the tilsyn profile")
        for a, b in zip(rows + [None] * len(want), want + [None] * len(rows)):
            if a != b:
                print(f"#  man: {a}  profile: {b}")
                break
    print("1..1")
    return 0 if rows == want else 1


if __name__ == "__main__":
    sys.exit(main())
