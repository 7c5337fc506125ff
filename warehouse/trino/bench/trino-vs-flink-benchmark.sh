#!/usr/bin/env bash
# Example queries on Trino vs Flink SQL (the baseline), both warm, over the sample warehouse of
# warehouse/sql's tests, in one run: p50 per query and engine, and the ratio.
# Usage: warehouse/trino/bench/trino-vs-flink-benchmark.sh [RUNS]   (default 7)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
MODULE="$ROOT/warehouse/trino"
LOG=$(mktemp "${TMPDIR:-/tmp}/qoe-bench-build.XXXXXX")
echo "building (test classes and classpath)..." >&2
if ! (cd "$ROOT" && mvn -B -ntp -DskipTests -Dspotless.check.skip=true -Dcluster-jar.phase=none -pl warehouse/trino -am \
      install dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt) >"$LOG" 2>&1; then
  grep -E '^\[ERROR\]' "$LOG" | head -20 >&2
  echo "build failed; full log: $LOG" >&2
  exit 1
fi
rm -f "$LOG"
cd "$MODULE"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench-classpath.txt")" \
  dev.openqoe.trino.TrinoVsFlinkBenchmark "$@"
