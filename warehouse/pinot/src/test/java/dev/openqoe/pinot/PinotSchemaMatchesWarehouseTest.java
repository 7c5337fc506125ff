package dev.openqoe.pinot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.pinot.drill.DrillDimension;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * The topics carry dwd.sessions, dwd.session_intervals, dws.ops_minute, dwd.session_delivery and
 * dws.slo_alerts rows with the Iceberg column names; a column added there and not here (or the
 * reverse) would be silently dropped by Pinot, so drift fails the build.
 */
class PinotSchemaMatchesWarehouseTest {

  /** Pinot 0.11 has no map type; the player's custom dimensions stay in Iceberg. */
  private static final Set<String> NOT_IN_PINOT = Set.of("custom");

  /**
   * Columns Pinot derives from a row's own columns at ingestion, so the star-tree can serve the
   * drill's sums (see DrillMetric): named here so that one more is a decision, not drift.
   */
  private static final Map<PinotTable, Set<String>> DERIVED_AT_INGESTION =
      Map.of(
          PinotTable.SESSIONS,
          Set.of("vsf_flag", "ebvs_flag", "vpf_flag", "bitrate_known", "bitrate_kbps_play_ms"));

  @Test
  void sessionsHaveTheColumnsOfDwdSessionsAndTheDerivedOnes() {
    List<String> expected = new ArrayList<>(pinotColumns(QoeTables.DWD_SESSIONS));
    expected.addAll(DERIVED_AT_INGESTION.get(PinotTable.SESSIONS));
    assertThat(PinotTable.SESSIONS.columns()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void derivedColumnsAreExactlyTheTransformedOnesAndReadTopicColumnsOnly() {
    for (PinotTable table : PinotTable.ALL) {
      Set<String> named = DERIVED_AT_INGESTION.getOrDefault(table, Set.of());
      Set<String> derived = new HashSet<>();
      for (JsonNode transform :
          table.tableConfig("kafka:9092").path("ingestionConfig").path("transformConfigs")) {
        derived.add(transform.path("columnName").asText());
        // Pinot applies them in one pass: each reads the topic's columns, not another derived one
        for (String other : named) {
          assertThat(transform.path("transformFunction").asText())
              .as(transform.toString())
              .doesNotContainPattern("\\b" + other + "\\b");
        }
      }
      assertThat(derived).as(table.tableName()).isEqualTo(named);
    }
  }

  @Test
  void intervalsHaveTheColumnsOfDwdSessionIntervals() {
    assertThat(PinotTable.INTERVALS.columns())
        .containsExactlyInAnyOrderElementsOf(pinotColumns(QoeTables.DWD_INTERVALS));
  }

  @Test
  void opsHealthHasTheColumnsOfDwsOpsMinute() {
    assertThat(PinotTable.OPS_HEALTH.columns())
        .containsExactlyInAnyOrderElementsOf(pinotColumns(QoeTables.DWS_OPS_MINUTE));
  }

  @Test
  void sessionDeliveryHasTheColumnsOfDwdSessionDeliveryKeyedBySession() {
    assertThat(PinotTable.SESSION_DELIVERY.columns())
        .containsExactlyInAnyOrderElementsOf(pinotColumns(QoeTables.DWD_SESSION_DELIVERY));
    // Every revision of a session replaces the one before: the newest updated_at wins.
    assertThat(PinotTable.SESSION_DELIVERY.schema().path("primaryKeyColumns").get(0).asText())
        .isEqualTo("session_id");
    ObjectNode config = PinotTable.SESSION_DELIVERY.tableConfig("kafka:9092");
    assertThat(config.path("upsertConfig").path("mode").asText()).isEqualTo("FULL");
    assertThat(config.path("segmentsConfig").path("timeColumnName").asText())
        .isEqualTo("updated_at");
  }

  @Test
  void sessionsAndIntervalsKeepTheFirstRowOfEachKeyAndTheirStarTrees() {
    // The pipeline writes them at least once: a restart repeats rows, which must not count twice.
    assertThat(PinotTable.SESSIONS.schema().path("primaryKeyColumns"))
        .extracting(JsonNode::asText)
        .containsExactly("session_id");
    assertThat(PinotTable.INTERVALS.schema().path("primaryKeyColumns"))
        .extracting(JsonNode::asText)
        .containsExactly("session_id", "interval_start");
    for (PinotTable table : PinotTable.SESSION_TABLES) {
      ObjectNode config = table.tableConfig("kafka:9092");
      assertThat(config.path("dedupConfig").path("dedupEnabled").asBoolean())
          .as(table.tableName())
          .isTrue();
      assertThat(config.path("routing").path("instanceSelectorType").asText())
          .isEqualTo("strictReplicaGroup");
      // Pinot refuses star-trees on upsert tables, not on dedup ones.
      assertThat(config.has("upsertConfig")).isFalse();
      assertThat(config.path("tableIndexConfig").path("starTreeIndexConfigs")).isNotEmpty();
    }
  }

  @Test
  void sloAlertsHaveTheColumnsOfDwsSloAlertsAndTheirEventTime() {
    assertThat(PinotTable.SLO_ALERTS.columns())
        .containsExactlyInAnyOrderElementsOf(pinotColumns(QoeTables.DWS_SLO_ALERTS));
    assertThat(
            PinotTable.SLO_ALERTS
                .tableConfig("kafka:9092")
                .path("segmentsConfig")
                .path("timeColumnName")
                .asText())
        .isEqualTo("event_at");
    // The alert log's times are epoch milliseconds already: no transform.
    for (JsonNode time : PinotTable.SLO_ALERTS.schema().path("dateTimeFieldSpecs")) {
      assertThat(time.path("format").asText()).isEqualTo("1:MILLISECONDS:EPOCH");
    }
  }

  @Test
  void theTimeColumnIsATimestampOfTheWarehouseTable() {
    Map<PinotTable, TableDefinition> warehouseTables =
        Map.of(
            PinotTable.SESSIONS, QoeTables.DWD_SESSIONS,
            PinotTable.INTERVALS, QoeTables.DWD_INTERVALS,
            PinotTable.OPS_HEALTH, QoeTables.DWS_OPS_MINUTE,
            PinotTable.SESSION_DELIVERY, QoeTables.DWD_SESSION_DELIVERY,
            PinotTable.SLO_ALERTS, QoeTables.DWS_SLO_ALERTS);
    assertThat(warehouseTables.keySet()).containsExactlyInAnyOrderElementsOf(PinotTable.ALL);
    for (PinotTable table : PinotTable.ALL) {
      String time =
          table.tableConfig("kafka:9092").path("segmentsConfig").path("timeColumnName").asText();
      TableDefinition warehouse = warehouseTables.get(table);
      assertThat(warehouse.schema().findField(time).type())
          .isEqualTo(Types.TimestampType.withZone());
    }
  }

  @Test
  void everyDrillDimensionIsAnIndexedSessionColumn() {
    ObjectNode config = PinotTable.SESSIONS.tableConfig("kafka:9092");
    List<String> inverted = new ArrayList<>();
    config
        .path("tableIndexConfig")
        .path("invertedIndexColumns")
        .forEach(c -> inverted.add(c.asText()));
    assertThat(PinotTable.SESSIONS.columns()).containsAll(DrillDimension.ALL);
    assertThat(inverted).containsAll(DrillDimension.ALL);
  }

  @Test
  void drillDimensionsAreTheAggregateDimensionsPlusRegion() {
    // Kept as a list of its own so the CLI does not carry Iceberg; this keeps the two in step.
    List<String> expected = new ArrayList<>(QoeTables.AGGREGATE_DIMENSIONS);
    expected.add("region");
    assertThat(DrillDimension.ALL).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theTablesConsumeTheirTopicFromTheGivenKafka() {
    assertThat(PinotTable.SESSIONS.topic()).isEqualTo(QoeTopics.SESSIONS.name());
    assertThat(PinotTable.INTERVALS.topic()).isEqualTo(QoeTopics.INTERVALS.name());
    assertThat(PinotTable.OPS_HEALTH.topic()).isEqualTo(QoeTopics.OPS_HEALTH.name());
    assertThat(PinotTable.SLO_ALERTS.topic()).isEqualTo(QoeTopics.SLO_ALERTS.name());
    assertThat(
            PinotTable.SESSIONS
                .tableConfig("broker-1:9092")
                .findValue("stream.kafka.broker.list")
                .asText())
        .isEqualTo("broker-1:9092");
  }

  @Test
  void generatedTestRowsHaveExactlyTheWarehouseColumns() {
    GeneratedQoeRows.Rows rows = GeneratedQoeRows.generate(20, 1, 1_800_000_000_000L);
    assertThat(fieldNames(rows.sessions().get(0)))
        .containsExactlyInAnyOrderElementsOf(columns(QoeTables.DWD_SESSIONS));
    assertThat(fieldNames(rows.intervals().get(0)))
        .containsExactlyInAnyOrderElementsOf(columns(QoeTables.DWD_INTERVALS));
  }

  private static List<String> pinotColumns(TableDefinition table) {
    return columns(table).stream().filter(name -> !NOT_IN_PINOT.contains(name)).toList();
  }

  private static List<String> columns(TableDefinition table) {
    return table.schema().columns().stream().map(Types.NestedField::name).toList();
  }

  private static Set<String> fieldNames(ObjectNode row) {
    Set<String> names = new HashSet<>();
    row.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
