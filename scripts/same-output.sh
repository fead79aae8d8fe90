#!/usr/bin/env bash
# Checks that a change leaves every command's output byte-identical: runs the four commands
# (evaluate, stats, sla extract, transcript analyze) over the sample, the test fixtures and a
# small synthetic transcript archive with two binaries, and diffs standard output, standard
# error, exit codes and written reports.
#
#   scripts/same-output.sh OLD_BINARY NEW_BINARY
#
# e.g. build the old commit's binary first: `git stash; cargo build --release;
# cp target/release/supportgrade /tmp/sg-old; git stash pop; cargo build --release;
# scripts/same-output.sh /tmp/sg-old target/release/supportgrade`.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$(readlink -f "$1")
NEW=$(readlink -f "$2")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ARCHIVE="target/same-output/archive"
if [ ! -d "$ARCHIVE" ]; then
  cargo build --release --quiet --example gen_transcripts
  ./target/release/examples/gen_transcripts 300 30 "$ARCHIVE" 2026 realistic >/dev/null
fi

capture() { # BIN OUT
  local bin=$1 out=$2 n=0
  mkdir -p "$out"
  run() {
    n=$((n + 1))
    "$bin" "$@" >"$out/$n.out" 2>"$out/$n.err" && echo 0 >"$out/$n.rc" || echo $? >"$out/$n.rc"
    echo "$*" >"$out/$n.cmd"
  }
  for f in table markdown json; do run evaluate --format "$f" --out "$WORK/report"; done
  cp -r "$WORK/report" "$out/report-sample"
  for fx in injection knockout quantile; do
    run evaluate --data "tests/fixtures/$fx" --format json --out "$WORK/report"
    run evaluate --data "tests/fixtures/$fx" --lenient --format json --out "$WORK/report"
  done
  for fm in table json csv; do
    run stats data/sample/measurements.csv --by vendor,priority,channel --format "$fm"
  done
  run stats data/sample/measurements.csv --by vendor --business-hours "Mon-Fri 09:00-18:00 Asia/Shanghai" \
    --holidays tests/fixtures/exports/holidays-cn-2026.toml --format json
  for e in tests/fixtures/exports/*.csv; do
    run stats "$e" --format json
    run stats "$e" --timezone Asia/Shanghai --by vendor,priority --format json
  done
  run stats tests/fixtures/exports/bad-rows.csv --strict
  for fm in table json; do
    run sla extract data/sample/sla/*.md tests/fixtures/sla/*.md tests/fixtures/sla/*.html \
      tests/fixtures/sla/*.txt tests/fixtures/sla/*.toml tests/fixtures/sla-heldout/*.md \
      tests/fixtures/sla-heldout/*.html tests/fixtures/sla-heldout/*.txt --format "$fm"
  done
  for fm in table json; do
    run transcript analyze data/sample/transcripts tests/fixtures/transcripts "$ARCHIVE" --format "$fm"
  done
  run transcript analyze data/sample/transcripts --business-hours "Mon-Fri 09:00-18:00 Asia/Shanghai" --format json
  # Paths of the temporary folder are not output.
  grep -rl "$WORK" "$out" | xargs -r sed -i "s|$WORK|WORK|g"
}

capture "$OLD" "$WORK/old"
capture "$NEW" "$WORK/new"
if diff -r "$WORK/old" "$WORK/new"; then
  echo "identical: $(ls "$WORK/old" | grep -c '\.cmd$') command lines, same output"
else
  echo "the outputs differ (above)" >&2
  exit 1
fi
