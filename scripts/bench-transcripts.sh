#!/usr/bin/env bash
# Speed of `supportgrade transcript analyze` over a synthetic archive of probe conversations
# (10,000 conversations, about 220 MB, mixed Chinese and English), against `cat` reading the
# same files: both in MB/s, and their ratio. Two archives by default:
#   dense      every round a probe and every reply a probe answer or a deflection (a rubric
#              phrase every ~64 bytes: the matcher's worst case), 60 rounds per conversation;
#   realistic  one round in twelve a probe, the rest ordinary pre-sales talk (about one
#              message in eight touched by a phrase, replies written afresh), 60 rounds too.
# Each is timed from a warm page cache and, when this user may drop the page cache (root on
# Linux), from a cold one too, where reading the disk is what cat measures.
#
#   scripts/bench-transcripts.sh [CONVERSATIONS] [MIX...]
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-10000}"
shift || true
MIXES=("$@")
[ ${#MIXES[@]} -eq 0 ] && MIXES=(dense realistic)
mkdir -p target/bench
cargo build --release --quiet --bin supportgrade --example gen_transcripts

can_drop() { [ -w /proc/sys/vm/drop_caches ]; }
drop_caches() { sync; echo 3 >/proc/sys/vm/drop_caches; }

for MIX in "${MIXES[@]}"; do
  case "$MIX" in
    dense) TURNS=60 ;;
    realistic) TURNS=60 ;;
    *) echo "unknown mix $MIX: expected dense or realistic" >&2; exit 2 ;;
  esac
  DIR="target/bench/transcripts-$N-$TURNS"
  [ "$MIX" = dense ] || DIR="$DIR-$MIX"
  if [ ! -d "$DIR" ]; then
    ./target/release/examples/gen_transcripts "$N" "$TURNS" "$DIR" 2026 "$MIX"
  fi
  BYTES=$(find "$DIR" -name '*.txt' -print0 | xargs -0 cat | wc -c)
  MB=$(python3 -c "print($BYTES / 1e6)")
  echo
  echo "== $MIX archive: $DIR, $N conversations, $MB MB, $(nproc) cores"

  CAT="find '$DIR' -name '*.txt' -print0 | xargs -0 cat >/dev/null"
  # Timed writing to /dev/null like cat; the document is checked once afterwards.
  ANALYZE="./target/release/supportgrade transcript analyze '$DIR' --format json >/dev/null"
  # Warm: the files already in the page cache (best of three).
  sh -c "$CAT"
  for name in cat analyze; do
    cmd=$CAT
    [ $name = analyze ] && cmd=$ANALYZE
    for i in 1 2 3; do
      /usr/bin/time -f "%e %M" -o "target/bench/$name-warm-$i.time" sh -c "$cmd"
    done
  done
  # Cold: the page cache dropped before each run.
  if can_drop; then
    for name in cat analyze; do
      cmd=$CAT
      [ $name = analyze ] && cmd=$ANALYZE
      for i in 1 2 3; do
        drop_caches
        /usr/bin/time -f "%e %M" -o "target/bench/$name-cold-$i.time" sh -c "$cmd"
      done
    done
  else
    rm -f target/bench/*-cold-*.time
  fi

  ./target/release/supportgrade transcript analyze "$DIR" --format json >"target/bench/analyze-$MIX.json"
  python3 - "$MB" "$MIX" <<'PY'
import glob, json, sys
mb, mix = float(sys.argv[1]), sys.argv[2]
def best(name, cache):
    runs = []
    for f in sorted(glob.glob(f"target/bench/{name}-{cache}-*.time")):
        wall, kb = open(f).read().split()[-2:]
        runs.append((max(float(wall), 0.01), int(kb) / 1024))
    return min(runs) if runs else None
doc = json.load(open(f"target/bench/analyze-{mix}.json"))
print(f"{'':28}{'wall s':>8}{'MB/s':>8}{'peak MiB':>10}")
for cache in ("warm", "cold"):
    c, a = best("cat", cache), best("analyze", cache)
    if not c or not a:
        print(f"{cache} page cache: not measured (dropping the page cache needs root)")
        continue
    print(f"{'cat, ' + cache:28}{c[0]:>8.2f}{mb / c[0]:>8.0f}{c[1]:>10.0f}")
    print(f"{'transcript analyze, ' + cache:28}{a[0]:>8.2f}{mb / a[0]:>8.0f}{a[1]:>10.0f}")
    print(f"  {cache}: analyze takes {a[0] / c[0]:.2f}x the time of cat")
probes = sum(len(c["probes"]) for c in doc["conversations"])
stalls = sum(len(c["stalls"]) for c in doc["conversations"])
out_mb = len(open(f"target/bench/analyze-{mix}.json", "rb").read()) / 1e6
print(f"{len(doc['conversations'])} conversations, {probes} probes judged, {stalls} stalls, "
      f"{len(doc['vendors'])} vendors; {out_mb:.0f} MB of JSON written")
PY
done
