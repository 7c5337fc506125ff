#!/usr/bin/env bash
# Delivery-chain normaliser benchmark: the normaliser's throughput on CloudFront standard log lines
# next to a pass-through topology (raw -> byte copy) over the same Kafka input, in the same run.
# Usage: stream-jobs/ops-normaliser/bench/normaliser-benchmark.sh [LINES] [LINES_PER_RECORD]
#        (default 200000 lines in records of 20)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
MODULE="$ROOT/stream-jobs/ops-normaliser"
LOG=$(mktemp "${TMPDIR:-/tmp}/qoe-bench-build.XXXXXX")
echo "building (test classes and classpath)..." >&2
if ! (cd "$ROOT" && mvn -B -ntp -DskipTests -Dspotless.check.skip=true -pl stream-jobs/ops-normaliser -am \
      test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt) >"$LOG" 2>&1; then
  grep -E '^\[ERROR\]' "$LOG" | head -20 >&2
  echo "build failed; full log: $LOG" >&2
  exit 1
fi
rm -f "$LOG"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench-classpath.txt")" \
  dev.openqoe.ops.normaliser.bench.OpsNormaliserBenchmark "$@"
