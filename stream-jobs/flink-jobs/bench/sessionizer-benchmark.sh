#!/usr/bin/env bash
# Sessionizer benchmark: the sessionizer's throughput next to a keyed-count job over the same Kafka
# input (the engine's ceiling on this machine), and state bytes per open session.
# Usage: stream-jobs/flink-jobs/bench/sessionizer-benchmark.sh [SESSIONS]   (default 20000, ~1M beacons)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
MODULE="$ROOT/stream-jobs/flink-jobs"
LOG=$(mktemp "${TMPDIR:-/tmp}/qoe-bench-build.XXXXXX")
echo "building (test classes and classpath)..." >&2
if ! (cd "$ROOT" && mvn -B -ntp -DskipTests -Dspotless.check.skip=true -pl stream-jobs/flink-jobs -am \
      test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt) >"$LOG" 2>&1; then
  grep -E '^\[ERROR\]' "$LOG" | head -20 >&2
  echo "build failed; full log: $LOG" >&2
  exit 1
fi
rm -f "$LOG"
exec java -Xmx2g \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench-classpath.txt")" \
  dev.openqoe.jobs.bench.SessionizerBenchmark "$@"
