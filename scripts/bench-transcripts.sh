#!/usr/bin/env bash
# Speed of `supportgrade transcript analyze` over a synthetic archive of probe conversations
# (default 10,000 conversations of 60 turns, about 200 MB, mixed Chinese and English), against
# `cat` reading the same files: both in MB/s, and their ratio.
#
#   scripts/bench-transcripts.sh [CONVERSATIONS] [TURNS]
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-10000}"
TURNS="${2:-60}"
DIR="target/bench/transcripts-$N-$TURNS"
mkdir -p target/bench
cargo build --release --quiet --bin supportgrade --example gen_transcripts
if [ ! -d "$DIR" ]; then
  ./target/release/examples/gen_transcripts "$N" "$TURNS" "$DIR"
fi
BYTES=$(find "$DIR" -name '*.txt' -print0 | xargs -0 cat | wc -c)
MB=$(python3 -c "print($BYTES / 1e6)")
echo "archive: $DIR, $N conversations, $MB MB, $(nproc) cores"

# Warm the page cache, then time each reader over the same files.
find "$DIR" -name '*.txt' -print0 | xargs -0 cat >/dev/null
/usr/bin/time -f "%e %M" -o target/bench/cat.time \
  sh -c "find '$DIR' -name '*.txt' -print0 | xargs -0 cat >/dev/null"
/usr/bin/time -f "%e %M" -o target/bench/analyze.time \
  ./target/release/supportgrade transcript analyze "$DIR" --format json >target/bench/analyze.json

python3 - "$MB" <<'PY'
import json, sys
mb = float(sys.argv[1])
def t(name):
    wall, kb = open(f"target/bench/{name}.time").read().split()[-2:]
    return max(float(wall), 0.01), int(kb) / 1024
(cw, cm), (aw, am) = t("cat"), t("analyze")
doc = json.load(open("target/bench/analyze.json"))
print(f"{'':22}{'wall s':>8}{'MB/s':>10}{'peak MiB':>10}")
print(f"{'cat':22}{cw:>8.2f}{mb / cw:>10.0f}{cm:>10.0f}")
print(f"{'transcript analyze':22}{aw:>8.2f}{mb / aw:>10.0f}{am:>10.0f}")
print(f"analyze takes {aw / cw:.2f}x the time of cat; {len(doc['conversations'])} conversations, {len(doc['vendors'])} vendors")
PY
