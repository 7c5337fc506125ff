#!/usr/bin/env bash
# Replay memory benchmark: replays a small and a large generated beacon file with the same small heap
# and prints peak RSS and throughput for both. Bounded memory means the ratio of peak RSS stays near 1
# while the input grows ~10x. Usage: stream-jobs/replay/bench/replay-memory.sh [LARGE_SESSIONS] [HEAP] [FORMAT]
# FORMAT is jsonl (default) or parquet: the sessions' output file.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
LARGE=${1:-90000}    # ~1 GB of beacons
HEAP=${2:-256m}
FORMAT=${3:-jsonl}
SMALL=$((LARGE / 10))
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qoe-replay-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$ROOT/qoe" replay --version >/dev/null   # builds the jar when needed
JAR="$ROOT/stream-jobs/replay/target/qoe-replay.jar"

run() { # name sessions
  local file="$WORK/$1.jsonl"
  awk -v SESSIONS="$2" -v SEED=7 -f "$ROOT/stream-jobs/replay/bench/generate-beacons.awk" > "$file"
  local bytes; bytes=$(stat -c %s "$file")
  local start; start=$(date +%s.%N)
  java -Xmx"$HEAP" -jar "$JAR" --input "$file" --output "$WORK/$1-sessions.$FORMAT" --tmp-dir "$WORK" -q 2>"$WORK/$1.err" &
  local pid=$! peak=0 hwm
  while kill -0 "$pid" 2>/dev/null; do
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
    sleep 0.2
  done
  wait "$pid" || { cat "$WORK/$1.err" >&2; exit 1; }
  local secs; secs=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN {print a - b}')
  printf "%-6s %10s MiB input %12s beacons %8s sessions %8.1f s %8.1f MiB/s   peak RSS %6d MiB\n" \
    "$1" "$((bytes >> 20))" "$(wc -l < "$file")" "$(sed -n 's/^replay: \([0-9,]*\) sessions.*/\1/p' "$WORK/$1.err")" "$secs" \
    "$(awk -v b="$bytes" -v s="$secs" 'BEGIN {print b / 1048576 / s}')" "$((peak / 1024))"
  eval "PEAK_$1=$peak"
  rm -f "$file" "$WORK/$1-sessions.$FORMAT"
}

echo "qoe replay, heap -Xmx$HEAP, $FORMAT output, sort runs spilled to $WORK"
run small "$SMALL"
run large "$LARGE"
printf "peak RSS large/small: %.2f (bounded memory: close to 1 while the input is 10x larger)\n" \
  "$(awk -v l="$PEAK_large" -v s="$PEAK_small" 'BEGIN {print l / s}')"
