#!/bin/bash
# kafka-init: creates OpenQoE's topics on the compose cluster, then exits 0. Idempotent: an existing
# topic is left as it is (its partition count is only ever raised by hand, since more partitions
# re-map session keys and break per-session order for data already in the topic).
#   BOOTSTRAP            broker list
#   TOPICS               space-separated name:partitions (the compose file's x-topics)
#   REPLICATION_FACTOR   replicas per partition
#   MIN_INSYNC_REPLICAS  replicas that must have a write before it is acknowledged
set -euo pipefail

kafka_topics=/opt/kafka/bin/kafka-topics.sh

for spec in $TOPICS; do
  name="${spec%%:*}"
  partitions="${spec##*:}"
  "$kafka_topics" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" \
    --config min.insync.replicas="$MIN_INSYNC_REPLICAS"
done

# Fail (and so hold back every dependent service) unless each topic is now there.
existing="$("$kafka_topics" --bootstrap-server "$BOOTSTRAP" --list)"
for spec in $TOPICS; do
  name="${spec%%:*}"
  if ! grep -qx "$name" <<<"$existing"; then
    echo "kafka-init: topic $name is missing after creation" >&2
    exit 1
  fi
done
echo "kafka-init: topics ready: $TOPICS"
