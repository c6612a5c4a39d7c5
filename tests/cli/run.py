#!/usr/bin/env python3
"""Golden tests of the built binaries: arguments in, exact output out.

usage: run.py BINDIRS CASEFILE   (BINDIRS: directories joined with ":")

A case file is a sequence of commands, each followed by what it must print:
    # comment
    $ tilsyn-classify --sector energy --employees 250
    < a line of standard input
    > an exact line of standard output
    ! an exact line of standard error
    ? 0                  (exit status; required)
Commands of one file run in order in one fresh temporary directory (so a
database created by one is seen by the next), with BINDIRS first in PATH,
TZ=UTC, LC_ALL=C.UTF-8, NO_COLOR=1 and SRCDIR set to the source tree.
A line '>*' or '!*' means "any output" for that stream.  The source
tree's path in the output is compared as the literal text $SRCDIR.

Lines written once and used in several places (each use still asserts
its exact output):
    @define NAME         the lines up to @end are the block NAME: commands
    ...                  with their expectations, or expectation lines
    @end                 alone (then they belong to the command before)
    @use NAME K=V ...    the block's lines here; each K is in the
                         environment of the block's commands ("$K" in
                         bash), and ${K} in its expectation lines and
                         in the @use lines inside it is V (shell words:
                         quote a V with spaces)
    @include FILE        FILE's lines here (relative to this file), e.g.
                         blocks that several case files share
"""
import os
import shlex
import subprocess
import sys
import tempfile


def expand(path, blocks, depth=0):
    """The lines of path with @include and @use done: (text, where, env)."""
    if depth > 8:
        sys.exit(f"{path}: @include or @use nested too deep")
    out, name, body = [], None, []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = f"{os.path.basename(path)}:{lineno}"
            if line.startswith("@define "):
                if name is not None:
                    sys.exit(f"{where}: @define inside @define {name}")
                name, body = line.split(None, 1)[1].strip(), []
            elif line == "@end":
                if name is None:
                    sys.exit(f"{where}: @end without @define")
                blocks[name], name = body, None
            elif name is not None:
                body.append((line, where))
            elif line.startswith("@include "):
                inc = os.path.join(os.path.dirname(path),
                                   line.split(None, 1)[1].strip())
                out += expand(inc, blocks, depth + 1)
            elif line.startswith("@use "):
                out += use(line, where, blocks, depth)
            elif line.startswith("@"):
                sys.exit(f"{where}: unknown directive: {line!r}")
            else:
                out.append((line, where, {}))
    if name is not None:
        sys.exit(f"{path}: @define {name} without @end")
    return out


def use(line, where, blocks, depth):
    words = shlex.split(line)[1:]
    if not words or words[0] not in blocks:
        sys.exit(f"{where}: no such block: {line!r}")
    env = {}
    for w in words[1:]:
        k, eq, v = w.partition("=")
        if not eq or not k.isidentifier():
            sys.exit(f"{where}: @use takes NAME K=V ...: {w!r}")
        env[k] = v
    out = []
    for text, inner in blocks[words[0]]:
        if text.startswith("@use "):
            for k, v in env.items():
                text = text.replace("${" + k + "}", shlex.quote(v))
            out += [(t, f"{where} ({w})", {**env, **e})
                    for t, w, e in use(text, inner, blocks, depth + 1)]
            continue
        if not text.startswith("$ "):
            for k, v in env.items():
                text = text.replace("${" + k + "}", v)
        out.append((text, f"{where} ({inner})", env))
    return out


def parse(path):
    cases, cur = [], None
    for line, where, env in expand(path, {}):
        if line.startswith("$ "):
            cur = {"cmd": line[2:], "line": where, "stdin": [],
                   "stdout": [], "stderr": [], "status": None,
                   "any_out": False, "any_err": False, "env": env}
            cases.append(cur)
        elif line == "" or line.startswith("#"):
            continue
        elif cur is None:
            sys.exit(f"{where}: expectation before any command")
        elif line == ">*":
            cur["any_out"] = True
        elif line == "!*":
            cur["any_err"] = True
        elif line.startswith(">"):
            cur["stdout"].append(line[2:] if line.startswith("> ") else "")
        elif line.startswith("!"):
            cur["stderr"].append(line[2:] if line.startswith("! ") else "")
        elif line.startswith("<"):
            cur["stdin"].append(line[2:] if line.startswith("< ") else "")
        elif line.startswith("? "):
            cur["status"] = int(line[2:])
        else:
            sys.exit(f"{where}: cannot parse: {line!r}")
    for c in cases:
        if c["status"] is None:
            sys.exit(f"{c['line']}: no '? STATUS' line")
    return cases


def lines(text):
    if text == "":
        return []
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def main():
    bindir, path = sys.argv[1], sys.argv[2]
    srcdir = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    cases = parse(path)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TILSYN_") and k not in ("COLUMNS",)}
    env.update(PATH=os.pathsep.join(os.path.abspath(d) for d in bindir.split(":"))
               + os.pathsep + env.get("PATH", ""),
               TZ="UTC", LC_ALL="C.UTF-8", NO_COLOR="1", SRCDIR=srcdir,
               LOGNAME="tester", USER="tester")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="tilsyn-cli.") as tmp:
        for n, c in enumerate(cases, 1):
            stdin = "".join(s + "\n" for s in c["stdin"])
            p = subprocess.run(["bash", "-c", c["cmd"]], cwd=tmp,
                               env={**env, **c["env"]},
                               input=stdin.encode(), capture_output=True,
                               timeout=120)
            # The checkout's path is written $SRCDIR, so goldens hold
            # anywhere the tree is cloned.
            out = lines(p.stdout.decode("utf-8", "replace")
                        .replace(srcdir, "$SRCDIR"))
            err = lines(p.stderr.decode("utf-8", "replace")
                        .replace(srcdir, "$SRCDIR"))
            problems = []
            if p.returncode != c["status"]:
                problems.append(f"exit status {p.returncode}, want {c['status']}")
            if not c["any_out"] and out != c["stdout"]:
                problems.append("stdout differs")
            if not c["any_err"] and err != c["stderr"]:
                problems.append("stderr differs")
            name = c["line"]
            if problems:
                failed += 1
                print(f"not ok {n} - {name}: {'; '.join(problems)}")
                print(f"  $ {c['cmd']}")
                for tag, got, want in (("stdout", out, c["stdout"]),
                                       ("stderr", err, c["stderr"])):
                    if got != want:
                        print(f"  --- want {tag}")
                        print("".join(f"  | {s}\n" for s in want), end="")
                        print(f"  --- got {tag}")
                        print("".join(f"  | {s}\n" for s in got), end="")
            else:
                print(f"ok {n} - {name}")
    print(f"1..{len(cases)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
