#!/usr/bin/env bash
# tests/bench/case.sh: tilsyn-case on a big case file: 10,000 cases and
# about 200,000 journal events.  Times `due`, `case show` and `verify`
# (goals: due < 100 ms, verify < 2 s).  Not run by tools/test.
#
# The database is created by `tilsyn-case init` and then filled directly by
# an embedded Python generator that writes the same rows and the same hash
# chain the program writes (200,000 separate commands would mostly time
# fsync).  That `verify` accepts the chain and the rows is itself a check
# that the canonical forms documented in casefile/journal.c (events) and
# casefile/case.c (payloads: compact JSON, sorted keys) are what the code
# does.
#
# usage: tests/bench/case.sh [BUILDDIR]     (default: build)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${1:-build}
bin="$top/$builddir/casefile/tilsyn-case"
[ -x "$bin" ] || { echo "case.sh: build first: $bin" >&2; exit 2; }
work=$(mktemp -d /tmp/tilsyn-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/bench.db"

# init is a write: dated by the real clock (a --now is for reads)
"$bin" --db "$db" --actor bench init >/dev/null

python3 - "$db" <<'PY'
import hashlib, json, sqlite3, sys, time

db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA foreign_keys = ON")
prev, seq = db.execute("SELECT (SELECT value FROM meta WHERE key = "
                       "'journal_head'), (SELECT value FROM meta WHERE "
                       "key = 'journal_seq')").fetchone()
seq = int(seq)
events, cases, steps, ents = [], [], [], []

def field(v):
    b = (v or "").encode()
    return str(len(b)).encode() + b":" + b + b"\n"

def event(case, t, kind, payload):
    global prev, seq
    seq += 1
    p = json.dumps(payload, sort_keys=True, separators=(",", ":"),
                   ensure_ascii=False)
    h = hashlib.sha256(b"".join(field(x) for x in (
        "tilsyn-journal-v1", prev, str(seq), case, t, "bench", kind,
        p))).hexdigest()
    events.append((seq, case, t, "bench", kind, p, prev, h))
    prev = h
    return seq

def cvrs_valid():
    w = [2, 7, 6, 5, 4, 3, 2, 1]
    for v in range(10000000, 99999999):
        s = str(v)
        if sum(int(c) * x for c, x in zip(s, w)) % 11 == 0:
            yield s

def day(n):
    return "2026-%02d-%02d" % (1 + (n // 28) % 12, 1 + n % 28)

t0 = time.time()
cvrs = []
gen = cvrs_valid()
for e in range(1000):
    c = next(gen)
    cvrs.append(c)
    data = {"cvr": c, "name": "Entity %d A/S" % e, "class": "essential",
            "size": "large", "sectors": ["energy"], "basis": ["§ 4, stk. 1"],
            "employees": 300, "flags": [], "emails": [], "phones": [],
            "ip_ranges": [], "hosts": [], "member_states": []}
    event(None, "2026-01-02T10:00:00Z", "entity-add", data)
    ents.append((c, data["name"], "essential", 0, None,
                 json.dumps(data, sort_keys=True, separators=(",", ":"),
                            ensure_ascii=False)))

for i in range(1, 10001):
    cid = "NIS-2026-%04d" % i
    c = cvrs[i % 1000]
    t = "2026-01-03T10:00:00Z"
    event(cid, t, "case-open", {"case": cid, "cvr": c, "basis": "routine",
                                "subject": "bench %d" % i,
                                "opened": "2026-01-03",
                                "supervision": "§ 21"})
    cases.append((cid, 2026, i, c, "routine", None, "bench %d" % i,
                  "2026-01-03"))
    n = 0
    def step(kind, measure=None, dl=None, rdl=None, ref=None, data=None):
        global n
        n += 1
        data = data or {}
        p = {"step": n, "kind": kind, "date": day(n), "data": data}
        if measure: p["measure"] = measure
        if dl: p["deadline"] = dl
        if rdl: p["report_deadline"] = rdl
        if ref: p["ref"] = ref
        s = event(cid, t, kind, p)
        steps.append((cid, n, kind, measure, day(n), dl, rdl, ref, "bench",
                      json.dumps(data, sort_keys=True, separators=(",", ":"),
                                 ensure_ascii=False), s))
        return n
    for k in range(8):
        r = step("request", dl=day(n + 2), data={"kind": "information",
                 "purpose": "p", "specification": "s", "format": "PDF"})
        step("response", ref=r, data={"summary": "answer %d" % k})
    h = step("hearing", "order", dl=day(n + 3), data={"grounds": "g"})
    d = step("decision", "order", dl=day(100 + i % 200), ref=h,
             data={"grounds": "g"})
    if i % 3 == 0:
        step("breach", ref=d)
    elif i % 3 == 1:
        step("compliance", ref=d)
    else:
        step("inspection", data={"kind": "offsite"})

db.execute("BEGIN")
db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?)", events)
db.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?)", ents)
db.executemany("INSERT INTO cases (id, year, seq, cvr, basis, indication, "
               "subject, opened) VALUES (?,?,?,?,?,?,?,?)", cases)
db.executemany("INSERT INTO steps VALUES (?,?,?,?,?,?,?,?,?,?,?)", steps)
db.execute("UPDATE meta SET value = ? WHERE key = 'journal_head'", (prev,))
db.execute("UPDATE meta SET value = ? WHERE key = 'journal_seq'", (str(seq),))
db.commit()
db.close()
print("generated %d events, %d cases, %d steps in %.1f s" %
      (len(events), len(cases), len(steps), time.time() - t0))
PY

ms() {	# ms CMD...: the median of 5 runs: wall time and CPU time in ms
	local i
	for i in 1 2 3 4 5; do
		/usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1 ||
		    true
		# the last line: time(1) says first when the exit status != 0
		tail -n 1 "$work/time" |
		    awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }'
	done | sort -n | sed -n 3p | awk '{ printf "%s ms (cpu %s ms)", $1, $2 }'
}

echo "due (--at 2026-06-01):       $(ms "$bin" --db "$db" due --at 2026-06-01) (goal < 100)"
echo "case show NIS-2026-5000:     $(ms "$bin" --db "$db" case show NIS-2026-5000)"
echo "verify:                      $(ms "$bin" --db "$db" verify) (goal < 2000)"
"$bin" --db "$db" verify | sed 's/head .*/head .../'
echo "open deadlines listed: $("$bin" --db "$db" due --at 2026-06-01 | wc -l)"
