package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One of our REALTIME tables: its schema and table config as kept in {@code
 * src/main/resources/pinot/}, and the Kafka topic it consumes.
 */
public enum PinotTable {
  SESSIONS("qoe_sessions"),
  INTERVALS("qoe_intervals"),
  /** The delivery-chain normaliser's per-minute health per slice. */
  OPS_HEALTH("qoe_ops_health"),
  /**
   * Each session's delivery record and failure stage, an upsert table: the newest revision of a
   * session is the only one queries see.
   */
  SESSION_DELIVERY("qoe_session_delivery"),
  /**
   * The SLO evaluator's alert transitions (firing, resolved), one row each, for the dashboards'
   * annotations.
   */
  SLO_ALERTS("qoe_slo_alerts");

  public static final List<PinotTable> ALL = List.of(values());

  /** The tables of session rows, keyed by {@code session_id}. */
  public static final List<PinotTable> SESSION_TABLES = List.of(SESSIONS, INTERVALS);

  private final String tableName;

  PinotTable(String tableName) {
    this.tableName = tableName;
  }

  public String tableName() {
    return tableName;
  }

  public ObjectNode schema() {
    return resource(tableName + ".schema.json");
  }

  /** The table config, consuming from the Kafka cluster at {@code kafkaBootstrap}. */
  public ObjectNode tableConfig(String kafkaBootstrap) {
    ObjectNode config = resource(tableName + ".table.json");
    for (JsonNode stream : streamConfigs(config)) {
      ((ObjectNode) stream).put("stream.kafka.broker.list", kafkaBootstrap);
    }
    return config;
  }

  /** The topics our tables consume, as the topic registry defines them. */
  public static List<QoeTopic<?, ?>> topics() {
    return ALL.stream()
        .<QoeTopic<?, ?>>map(
            table ->
                QoeTopics.byName(table.topic())
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                table.tableName() + " consumes unregistered " + table.topic())))
        .toList();
  }

  public String topic() {
    return streamConfigs(resource(tableName + ".table.json"))
        .get(0)
        .path("stream.kafka.topic.name")
        .asText();
  }

  /** Every column of the schema: dimensions, metrics and date-times. */
  public List<String> columns() {
    ObjectNode schema = schema();
    return List.of("dimensionFieldSpecs", "metricFieldSpecs", "dateTimeFieldSpecs").stream()
        .flatMap(specs -> schema.path(specs).findValuesAsText("name").stream())
        .toList();
  }

  private static JsonNode streamConfigs(ObjectNode config) {
    return config.path("ingestionConfig").path("streamIngestionConfig").path("streamConfigMaps");
  }

  private static ObjectNode resource(String name) {
    try (InputStream in = PinotTable.class.getResourceAsStream("/pinot/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /pinot/" + name);
      }
      return (ObjectNode) PinotHttp.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
