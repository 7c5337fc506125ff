#!/bin/bash
# pinot-init: adds OpenQoE's REALTIME tables to the compose Pinot cluster, then exits 0.
# Reads <table>.schema.json and <table>.table.json from /opt/openqoe/pinot (warehouse/pinot's
# configs, mounted read-only) and points each table's Kafka consumer at this cluster's brokers:
# the repository's configs carry the embedded development broker (127.0.0.1:9092).
# Idempotent: a schema is posted with override, a table that exists is updated in place.
#   CONTROLLER_URL   Pinot controller, e.g. http://pinot-controller:9000
#   KAFKA_BOOTSTRAP  broker list for stream.kafka.broker.list
#   TABLES           space-separated table names
set -euo pipefail

configs=/opt/openqoe/pinot
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# POSTs or PUTs file $3 to $2; prints the HTTP status, keeps the answer in $work/answer.
send() {
  curl -sS -o "$work/answer" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
    --data-binary "@$3" "$2"
}

for table in $TABLES; do
  schema="$configs/$table.schema.json"
  config="$configs/$table.table.json"
  for file in "$schema" "$config"; do
    [ -f "$file" ] || { echo "pinot-init: $file not found" >&2; exit 1; }
  done

  status="$(send POST "$CONTROLLER_URL/schemas?override=true" "$schema")"
  if [ "$status" != 200 ]; then
    echo "pinot-init: schema $table: HTTP $status: $(cat "$work/answer")" >&2
    exit 1
  fi

  sed -E "s#(\"stream\.kafka\.broker\.list\"[[:space:]]*:[[:space:]]*)\"[^\"]*\"#\1\"$KAFKA_BOOTSTRAP\"#" \
    "$config" >"$work/$table.table.json"
  grep -q "\"$KAFKA_BOOTSTRAP\"" "$work/$table.table.json" \
    || { echo "pinot-init: no stream.kafka.broker.list in $config" >&2; exit 1; }

  status="$(send POST "$CONTROLLER_URL/tables" "$work/$table.table.json")"
  if [ "$status" = 409 ]; then
    status="$(send PUT "$CONTROLLER_URL/tables/$table" "$work/$table.table.json")"
  fi
  if [ "$status" != 200 ]; then
    echo "pinot-init: table $table: HTTP $status: $(cat "$work/answer")" >&2
    exit 1
  fi
  echo "pinot-init: table $table ready (Kafka $KAFKA_BOOTSTRAP)"
done
