#!/usr/bin/env bash
# Compares `supportgrade stats --by vendor,priority --format json` with the same group-by
# quantiles in polars, on one synthetic export of ROWS rows (default 10 million):
# wall time, peak memory (maximum resident set size) and the p50/p90 numbers of every group.
#
#   scripts/bench-vs-polars.sh [ROWS]
#
# Creates a Python virtualenv with polars under target/bench-venv (PyPI must be reachable),
# writes the export under target/bench/, and needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${1:-10000000}"
BENCH=target/bench
VENV=target/bench-venv
FILE="$BENCH/export-$ROWS.csv"
mkdir -p "$BENCH"

if [ ! -x /usr/bin/time ]; then
  echo "GNU time is needed at /usr/bin/time (Debian: apt-get install time)" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet polars
fi

cargo build --release --quiet --bin supportgrade --example gen_export
if [ ! -s "$FILE" ]; then
  echo "writing $ROWS rows to $FILE"
  ./target/release/examples/gen_export "$ROWS" "$FILE"
fi
echo "file: $FILE ($(du -h "$FILE" | cut -f1)), $(nproc) cores"

# Warm the page cache so that neither side pays for the first read from disk.
cat "$FILE" >/dev/null

measure() { # name, output, command...
  local name="$1" out="$2"
  shift 2
  /usr/bin/time -f "%e %M" -o "$BENCH/$name.time" "$@" >"$out"
}

measure supportgrade "$BENCH/supportgrade.json" \
  ./target/release/supportgrade stats "$FILE" --by vendor,priority --format json
measure polars "$BENCH/polars.json" "$VENV/bin/python" scripts/bench_polars.py "$FILE"

"$VENV/bin/python" - "$BENCH" <<'PY'
import json, sys
bench = sys.argv[1]
def timing(name):
    wall, kb = open(f"{bench}/{name}.time").read().split()[-2:]
    return float(wall), int(kb) / 1024
sg = json.load(open(f"{bench}/supportgrade.json"))
pl = json.load(open(f"{bench}/polars.json"))
ours = {(g["key"]["vendor"], g["key"]["priority"]): g for g in sg["groups"]}
theirs = {(g["vendor"], g["priority"]): g for g in pl["groups"]}
mismatches = []
r6 = lambda v: None if v is None else round(v, 6)
for key in sorted(set(ours) | set(theirs)):
    a, b = ours.get(key), theirs.get(key)
    if a is None or b is None:
        mismatches.append(f"{key}: only in {'polars' if a is None else 'supportgrade'}")
        continue
    fr = a["first_response_minutes"]
    pairs = [("n", a["n"], b["n"]), ("answered", a["answered"], b["answered"]),
             ("p50", fr["p50"], r6(b["p50"])), ("p90", fr["p90"], r6(b["p90"])),
             ("p95", fr["p95"], r6(b["p95"])),
             ("resolution p50", a["resolution_minutes"]["p50"], r6(b["resolution_p50"])),
             ("resolution p90", a["resolution_minutes"]["p90"], r6(b["resolution_p90"]))]
    for what, x, y in pairs:
        if x != y:
            mismatches.append(f"{key} {what}: supportgrade {x}, polars {y}")
(sw, sm), (pw, pm) = timing("supportgrade"), timing("polars")
print(f"groups: {len(ours)}, rows used: {sg['rows_used']}")
print(f"{'':14}{'wall s':>10}{'peak MiB':>12}")
print(f"{'supportgrade':14}{sw:>10.2f}{sm:>12.0f}")
print(f"{'polars':14}{pw:>10.2f}{pm:>12.0f}")
print(f"ratio polars/supportgrade: time {pw / sw:.2f}x, memory {pm / sm:.2f}x")
if mismatches:
    print(f"{len(mismatches)} differences in the numbers:")
    print("\n".join(mismatches[:20]))
    sys.exit(1)
print("p50/p90/p95 and resolution p50/p90 identical in every group (to 6 decimals)")
PY
