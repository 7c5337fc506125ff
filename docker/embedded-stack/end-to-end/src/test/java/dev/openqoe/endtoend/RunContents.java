package dev.openqoe.endtoend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one run of the pipeline left: every Iceberg table as a multiset of rows (each row counted),
 * and each real-time topic as the distinct values published under each key, with how many records
 * it took. The warehouse is written exactly once, so rows compare as multisets; the real-time
 * topics at least once, so they compare as keyed sets, a repeat being the same value again.
 */
record RunContents(
    Map<String, Map<Map<String, String>, Long>> tables,
    Map<String, Map<String, Set<String>>> topics,
    Map<String, Integer> topicRecords) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Tables and topics that hold revisions of one record per session: a late delivery event makes a
   * new revision, and whether a session's fatal error reaches the linker before or after its facts
   * decides whether its record takes one revision or two. Only each session's newest revision is
   * compared, without its number and the pipeline-clock time it was made at.
   */
  private static final Set<String> REVISED =
      Set.of(QoeTables.DWD_SESSION_DELIVERY.name(), QoeTopics.SESSION_DELIVERY.name());

  private static final Set<String> REVISION_COLUMNS = Set.of("revision", "updated_at");

  /** Reads the warehouse under {@code dataDir} and {@code realTimeTopics} on {@code kafka}. */
  static RunContents read(Path dataDir, String kafka, List<QoeTopic<String, String>> realTimeTopics)
      throws IOException {
    Map<String, Map<Map<String, String>, Long>> tables = new LinkedHashMap<>();
    try (WarehouseCatalog warehouse = WarehouseCatalog.open(WarehouseConfig.embedded(dataDir))) {
      for (TableDefinition definition : QoeTables.ALL) {
        List<Map<String, String>> rows = rows(warehouse.load(definition));
        tables.put(
            definition.name(),
            occurrences(REVISED.contains(definition.name()) ? newestRevisions(rows) : rows));
      }
    }
    Map<String, Map<String, Set<String>>> topics = new LinkedHashMap<>();
    Map<String, Integer> records = new LinkedHashMap<>();
    for (QoeTopic<String, String> topic : realTimeTopics) {
      List<ConsumerRecord<String, String>> published =
          topic.committedRecords(kafka, Duration.ofSeconds(60));
      records.put(topic.name(), published.size());
      Map<String, Set<String>> byKey = new TreeMap<>();
      for (ConsumerRecord<String, String> record : published) {
        byKey.computeIfAbsent(record.key(), k -> new TreeSet<>()).add(record.value());
      }
      if (REVISED.contains(topic.name())) {
        byKey.replaceAll((key, values) -> newestRevision(values));
      }
      topics.put(topic.name(), byKey);
    }
    return new RunContents(tables, topics, records);
  }

  /** Rows in the warehouse, over all tables. */
  long rowCount() {
    return tables.values().stream().flatMap(t -> t.values().stream()).mapToLong(n -> n).sum();
  }

  /** Row count per table. */
  Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    tables.forEach((table, rows) -> counts.put(table, count(rows)));
    return counts;
  }

  /** Distinct keys per real-time topic. */
  Map<String, Integer> topicKeys() {
    Map<String, Integer> keys = new LinkedHashMap<>();
    topics.forEach((topic, byKey) -> keys.put(topic, byKey.size()));
    return keys;
  }

  /** Sessions with beacons in ods.beacons and no row in dwd.sessions yet. */
  Set<String> openSessions() {
    Set<String> open = sessionIds(QoeTables.ODS_BEACONS);
    open.removeAll(sessionIds(QoeTables.DWD_SESSIONS));
    return open;
  }

  private Set<String> sessionIds(TableDefinition table) {
    Set<String> ids = new TreeSet<>();
    tables.get(table.name()).keySet().forEach(row -> ids.add(row.get("session_id")));
    return ids;
  }

  /** Rows of {@code expected} missing here, counted per occurrence. */
  long rowsLostAgainst(RunContents expected) {
    return surplus(expected.tables, tables);
  }

  /** Rows here beyond {@code expected}'s, counted per occurrence. */
  long rowsDuplicatedAgainst(RunContents expected) {
    return surplus(tables, expected.tables);
  }

  /**
   * How this run differs from {@code expected}, a line per difference (a few rows of each): empty
   * when every table holds the same rows as often, and every topic key the same values.
   */
  List<String> differencesFrom(RunContents expected) {
    List<String> differences = new ArrayList<>();
    for (String table : expected.tables.keySet()) {
      Map<Map<String, String>, Long> want = expected.tables.get(table);
      Map<Map<String, String>, Long> have = tables.get(table);
      if (!want.equals(have)) {
        differences.add(
            String.format(
                "%s: %d rows, expected %d; missing %s; extra %s",
                table, count(have), count(want), sample(want, have), sample(have, want)));
      }
    }
    for (String topic : expected.topics.keySet()) {
      Map<String, Set<String>> want = expected.topics.get(topic);
      Map<String, Set<String>> have = topics.get(topic);
      if (!want.equals(have)) {
        differences.add(
            String.format(
                "%s: %d keys, expected %d; differing keys %s",
                topic,
                have.size(),
                want.size(),
                want.keySet().stream()
                    .filter(key -> !want.get(key).equals(have.get(key)))
                    .limit(3)
                    .map(key -> key + " " + have.get(key) + " expected " + want.get(key))
                    .toList()));
      }
    }
    return differences;
  }

  private static long surplus(
      Map<String, Map<Map<String, String>, Long>> of,
      Map<String, Map<Map<String, String>, Long>> over) {
    long surplus = 0;
    for (var table : of.entrySet()) {
      Map<Map<String, String>, Long> other = over.getOrDefault(table.getKey(), Map.of());
      for (var row : table.getValue().entrySet()) {
        surplus += Math.max(0, row.getValue() - other.getOrDefault(row.getKey(), 0L));
      }
    }
    return surplus;
  }

  private static long count(Map<Map<String, String>, Long> rows) {
    return rows.values().stream().mapToLong(n -> n).sum();
  }

  private static List<Map<String, String>> sample(
      Map<Map<String, String>, Long> of, Map<Map<String, String>, Long> over) {
    return of.entrySet().stream()
        .filter(row -> row.getValue() > over.getOrDefault(row.getKey(), 0L))
        .limit(2)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static Map<Map<String, String>, Long> occurrences(List<Map<String, String>> rows) {
    return rows.stream()
        .collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
  }

  private static List<Map<String, String>> rows(Table table) throws IOException {
    table.refresh();
    List<Map<String, String>> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record record : records) {
        Map<String, String> row = new TreeMap<>();
        for (var field : table.schema().columns()) {
          row.put(field.name(), text(record.getField(field.name())));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Each session's rows of its highest revision, without the revision columns. */
  private static List<Map<String, String>> newestRevisions(List<Map<String, String>> rows) {
    Map<String, Integer> newest = new HashMap<>();
    rows.forEach(row -> newest.merge(row.get("session_id"), revision(row), Math::max));
    List<Map<String, String>> kept = new ArrayList<>();
    for (Map<String, String> row : rows) {
      if (revision(row) == newest.get(row.get("session_id"))) {
        Map<String, String> stripped = new TreeMap<>(row);
        stripped.keySet().removeAll(REVISION_COLUMNS);
        kept.add(stripped);
      }
    }
    return kept;
  }

  private static int revision(Map<String, String> row) {
    return Integer.parseInt(row.get("revision"));
  }

  /** The JSON values of one key's highest revision, without the revision fields. */
  private static Set<String> newestRevision(Set<String> values) {
    List<ObjectNode> rows = new ArrayList<>();
    for (String value : values) {
      try {
        rows.add((ObjectNode) JSON.readTree(value));
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + value, e);
      }
    }
    int newest = rows.stream().mapToInt(row -> row.get("revision").asInt()).max().orElse(0);
    Set<String> kept = new TreeSet<>();
    for (ObjectNode row : rows) {
      if (row.get("revision").asInt() == newest) {
        row.remove(REVISION_COLUMNS);
        kept.add(row.toString());
      }
    }
    return kept;
  }

  private static String text(Object value) {
    if (value instanceof Double number) {
      // Sums of doubles over a window depend on the order the rows came in: 6.860744E8 in one
      // run, 6.860743999999999E8 in the other. Ten significant digits are the same.
      return String.format(Locale.ROOT, "%.9e", number);
    }
    if (value instanceof OffsetDateTime time) {
      return Long.toString(time.toInstant().toEpochMilli());
    }
    if (value instanceof ByteBuffer bytes) {
      return StandardCharsets.ISO_8859_1.decode(bytes.duplicate()).toString();
    }
    if (value instanceof Map<?, ?> map) {
      return new TreeMap<>(map).toString();
    }
    return String.valueOf(value);
  }
}
