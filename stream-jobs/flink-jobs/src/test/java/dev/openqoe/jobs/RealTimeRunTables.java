package dev.openqoe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.embedded.EmbeddedPinot;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotHttp;
import dev.openqoe.pinot.PinotTable;
import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.drill.DrillSql;
import dev.openqoe.pinot.drill.TimeRange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;

/**
 * The shipped {@code qoe_sessions} and {@code qoe_intervals} Pinot tables (schemas, indexes,
 * star-trees, dedup), installed under one pipeline run's name and consuming that run's real-time
 * topics, and the drill-down totals they give.
 */
final class RealTimeRunTables {

  private static final List<List<String>> DRILL_GROUPINGS =
      List.of(List.of("cdn"), List.of("country", "device_type"), List.of("os", "player_name"));

  private final PinotBroker broker;
  private final String sessionsTable;
  private final String intervalsTable;
  private final String sessionsTopic;
  private final String intervalsTopic;

  private RealTimeRunTables(
      PinotBroker broker, String run, String sessionsTopic, String intervalsTopic) {
    this.broker = broker;
    this.sessionsTable = run + "_sessions";
    this.intervalsTable = run + "_intervals";
    this.sessionsTopic = sessionsTopic;
    this.intervalsTopic = intervalsTopic;
  }

  static RealTimeRunTables install(
      EmbeddedPinot pinot,
      EmbeddedKafka kafka,
      String run,
      String sessionsTopic,
      String intervalsTopic) {
    RealTimeRunTables tables =
        new RealTimeRunTables(
            new PinotBroker(pinot.brokerUrl()), run, sessionsTopic, intervalsTopic);
    PinotHttp http = new PinotHttp(Duration.ofSeconds(60));
    tables.create(http, pinot, kafka, PinotTable.SESSIONS, tables.sessionsTable, sessionsTopic);
    tables.create(http, pinot, kafka, PinotTable.INTERVALS, tables.intervalsTable, intervalsTopic);
    return tables;
  }

  private void create(
      PinotHttp http,
      EmbeddedPinot pinot,
      EmbeddedKafka kafka,
      PinotTable shipped,
      String name,
      String topic) {
    ObjectNode schema = shipped.schema();
    schema.put("schemaName", name);
    ObjectNode config = shipped.tableConfig(kafka.bootstrapServers());
    config.put("tableName", name);
    ((ObjectNode) config.path("segmentsConfig")).put("schemaName", name);
    for (JsonNode stream :
        config.path("ingestionConfig").path("streamIngestionConfig").path("streamConfigMaps")) {
      ((ObjectNode) stream).put("stream.kafka.topic.name", topic);
    }
    http.post(pinot.controllerUrl() + "/schemas", PinotHttp.toJson(schema))
        .requireOk(pinot.controllerUrl(), name);
    http.post(pinot.controllerUrl() + "/tables", PinotHttp.toJson(config))
        .requireOk(pinot.controllerUrl(), name);
  }

  /**
   * Appends one marker row to every partition of both topics and waits until Pinot shows them all:
   * Pinot reads a partition in order, so everything before the markers is then consumed too.
   */
  void awaitEverythingConsumed(EmbeddedKafka kafka, int partitions) {
    long now = System.currentTimeMillis();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int partition = 0; partition < partitions; partition++) {
        String id = marker(partition);
        producer.send(record(sessionsTopic, partition, id, "ended_at", now));
        producer.send(record(intervalsTopic, partition, id, "interval_start", now));
      }
    }
    List<String> markers = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      markers.add("'" + marker(partition) + "'");
    }
    String ids = String.join(", ", markers);
    for (String table : List.of(sessionsTable, intervalsTable)) {
      Awaitility.await(table + " consumed up to the markers")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  broker
                          .query(
                              "SELECT COUNT(*) FROM "
                                  + table
                                  + " WHERE session_id IN ("
                                  + ids
                                  + ")")
                          .singleLong()
                      == partitions);
    }
  }

  private static String marker(int partition) {
    return "end-of-partition-" + partition;
  }

  private static ProducerRecord<byte[], byte[]> record(
      String topic, int partition, String sessionId, String timeColumn, long time) {
    String json =
        String.format(
            Locale.ROOT, "{\"session_id\":\"%s\",\"%s\":%d}", sessionId, timeColumn, time);
    return new ProducerRecord<>(
        topic,
        partition,
        sessionId.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8));
  }

  long sessionRows() {
    return broker.query("SELECT COUNT(*) FROM " + sessionsTable).singleLong();
  }

  long intervalRows() {
    return broker.query("SELECT COUNT(*) FROM " + intervalsTable).singleLong();
  }

  /**
   * Per query, its result rows as text: every drill metric over all sessions and by one, two and
   * three dimensions, and the interval totals per CDN the dashboards sum. Numbers with 12
   * significant digits: sums of doubles may differ in their last bits with the order rows were
   * read.
   */
  Map<String, List<String>> drillTotals() {
    Map<String, String> queries = new LinkedHashMap<>();
    TimeRange everything = TimeRange.since(0);
    for (DrillMetric metric : DrillMetric.values()) {
      queries.put(metric.id(), DrillSql.global(metric, Map.of(), everything));
      for (List<String> by : DRILL_GROUPINGS) {
        queries.put(metric.id() + " by " + by, DrillSql.grouped(metric, by, Map.of(), everything));
      }
    }
    Map<String, List<String>> totals = new LinkedHashMap<>();
    queries.forEach(
        (name, sql) ->
            totals.put(
                name,
                rows(
                    sql.replace(" FROM " + DrillSql.TABLE + " ", " FROM " + sessionsTable + " "))));
    totals.put(
        "intervals by cdn",
        rows(
            "SELECT cdn, COUNT(*), SUM(play_ms), SUM(rebuffer_ms), SUM(rebuffer_starts),"
                + " SUM(ad_ms), SUM(bitrate_kbps_ms), SUM(bitrate_known_ms) FROM "
                + intervalsTable
                + " GROUP BY cdn LIMIT 1000"));
    return totals;
  }

  private List<String> rows(String sql) {
    List<String> rows = new ArrayList<>();
    for (List<JsonNode> row : broker.query(sql).rows()) {
      List<String> cells = new ArrayList<>();
      for (JsonNode cell : row) {
        cells.add(
            cell.isNumber()
                ? String.format(Locale.ROOT, "%.12g", cell.doubleValue())
                : cell.asText());
      }
      rows.add(String.join(" | ", cells));
    }
    rows.sort(null);
    return rows;
  }
}
