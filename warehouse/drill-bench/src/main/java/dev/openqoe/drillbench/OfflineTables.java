package dev.openqoe.drillbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.pinot.PinotHttp;
import dev.openqoe.pinot.PinotTable;
import java.time.Duration;
import java.util.List;

/**
 * OFFLINE tables with the shipped schemas and the shipped tables' design: the REALTIME config of
 * warehouse/pinot without what only consuming from a stream means (the stream settings, dedup or
 * upsert, the replica-group routing they need); its indexes, star-trees, sorted column,
 * partitioning and retention are kept as they are. A query names the table the same way ({@code
 * FROM qoe_sessions}), so the shipped queries run on it unchanged.
 */
final class OfflineTables {

  /** Config parts that belong to stream ingestion only. */
  private static final List<String> STREAM_ONLY = List.of("dedupConfig", "upsertConfig", "routing");

  private final String controller;
  private final PinotHttp http = new PinotHttp(Duration.ofSeconds(60));

  OfflineTables(String controllerUrl) {
    this.controller = controllerUrl;
  }

  /** The OFFLINE form of {@code table}'s shipped REALTIME config. */
  static ObjectNode offlineConfig(PinotTable table) {
    ObjectNode config = table.tableConfig("127.0.0.1:9092");
    config.put("tableType", "OFFLINE");
    config.remove(STREAM_ONLY);
    ((ObjectNode) config.path("segmentsConfig")).remove("replicasPerPartition");
    JsonNode ingestion = config.path("ingestionConfig");
    if (ingestion instanceof ObjectNode ingestionConfig) {
      ingestionConfig.remove("streamIngestionConfig");
      if (ingestionConfig.isEmpty()) {
        config.remove("ingestionConfig");
      }
    }
    return config;
  }

  /** Creates the schema and the OFFLINE table of {@code table}. */
  void install(PinotTable table) {
    http.post(controller + "/schemas?override=true", PinotHttp.toJson(table.schema()))
        .requireOk(controller, "schema " + table.tableName());
    http.post(controller + "/tables", PinotHttp.toJson(offlineConfig(table)))
        .requireOk(controller, "OFFLINE table " + table.tableName());
  }
}
