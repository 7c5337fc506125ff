#!/usr/bin/env bash
# qoe explain benchmark: each metric's explain on the embedded Pinot over an hour of traffic with
# three simultaneous incidents, next to a one-dimension drill-down on the same sessions (same run).
# Usage: warehouse/pinot/bench/explain-benchmark.sh [SESSIONS_PER_HOUR]   (default 36000: 10/s)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
MODULE="$ROOT/warehouse/pinot"
LOG=$(mktemp "${TMPDIR:-/tmp}/qoe-bench-build.XXXXXX")
echo "building (test classes and classpath)..." >&2
if ! (cd "$ROOT" && mvn -B -ntp -DskipTests -Dspotless.check.skip=true -Dcluster-jar.phase=none -pl warehouse/pinot -am \
      install dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt) >"$LOG" 2>&1; then
  grep -E '^\[ERROR\]' "$LOG" | head -20 >&2
  echo "build failed; full log: $LOG" >&2
  exit 1
fi
rm -f "$LOG"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -Dqoe.pinot.server.dir="$ROOT/docker/embedded-stack/pinot-server/target" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench-classpath.txt")" \
  dev.openqoe.pinot.explain.ExplainBenchmark "$@"
