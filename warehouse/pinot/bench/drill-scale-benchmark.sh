#!/usr/bin/env bash
# Drill-down at scale: the shipped ./qoe drill and dashboard queries on 1M simulated sessions and
# ~8.5M interval rows (the last 24 h) in the embedded Pinot, as OFFLINE segments built with Pinot's
# own tools from the shipped table configs, next to the same questions on the same rows in Iceberg
# through Flink SQL (./qoe sql) and Trino (./qoe trino; one question per family unless
# --all-warehouse-questions), measured in one run. Every process it starts ends with it.
# Usage: warehouse/pinot/bench/drill-scale-benchmark.sh [--sessions 1000000] [--runs 20]
#        [--warehouse-runs 1] [--engines flink,trino] [--all-warehouse-questions] [--no-warehouse]
#        [--work-dir DIR] [--help]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
MODULE="$ROOT/warehouse/drill-bench"
LOG=$(mktemp "${TMPDIR:-/tmp}/qoe-bench-build.XXXXXX")
echo "building (the benchmark, the Pinot server and the classpath)..." >&2
if ! (cd "$ROOT" && mvn -B -ntp -DskipTests -Dspotless.check.skip=true -Dcluster-jar.phase=none -pl warehouse/drill-bench -am \
      install dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt) >"$LOG" 2>&1; then
  grep -E '^\[ERROR\]' "$LOG" | head -20 >&2
  echo "build failed; full log: $LOG" >&2
  exit 1
fi
rm -f "$LOG"
cd "$ROOT"
exec java -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  -Dqoe.pinot.server.dir="$ROOT/docker/embedded-stack/pinot-server/target" \
  -cp "$MODULE/target/classes:$(cat "$MODULE/target/bench-classpath.txt")" \
  dev.openqoe.drillbench.DrillScaleBenchmark --dashboards "$ROOT/dashboards/json" "$@"
