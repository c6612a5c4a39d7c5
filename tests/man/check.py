#!/usr/bin/env python3
"""Man page checks: mandoc -Tlint -W warning is clean, and the SYNOPSIS of
each page says exactly what the binary's --help usage lines say (word for
word, whitespace folded).

usage: check.py MANPAGE [BINARY]   (no BINARY: a section 5 page, lint only)
"""
import re
import subprocess
import sys


def fold(text):
    return " ".join(text.split())


def main():
    page = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else None
    ok = True
    lint = subprocess.run(["mandoc", "-Tlint", "-W", "warning", page],
                          capture_output=True, text=True)
    msgs = (lint.stdout + lint.stderr).strip()
    print("ok 1 - mandoc -Tlint" if not msgs else f"not ok 1 - mandoc -Tlint\n{msgs}")
    ok = ok and not msgs
    if binary is None:
        print("1..1")
        return 0 if ok else 1

    rendered = subprocess.run(["mandoc", "-Tascii", "-Owidth=250", page],
                              capture_output=True, text=True, check=True).stdout
    rendered = re.sub(r".\x08", "", rendered)
    m = re.search(r"^SYNOPSIS\n(.*?)^\S", rendered, re.S | re.M)
    synopsis = fold(m.group(1)) if m else ""
    helptext = subprocess.run([binary, "--help"], capture_output=True,
                              text=True)
    usage = helptext.stdout.split("\n\n")[0]
    usage = re.sub(r"^usage:\s*", "", usage)
    usage = fold(usage)
    if helptext.returncode != 0:
        print(f"not ok 2 - {binary} --help exits {helptext.returncode}")
        ok = False
    elif synopsis != usage:
        print(f"not ok 2 - SYNOPSIS differs from --help\n"
              f"#  man:  {synopsis}\n#  help: {usage}")
        ok = False
    else:
        print("ok 2 - SYNOPSIS matches --help")
    print("1..2")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
