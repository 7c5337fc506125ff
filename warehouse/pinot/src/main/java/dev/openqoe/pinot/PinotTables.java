package dev.openqoe.pinot;

import dev.openqoe.kafka.TopicCreator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates or updates our schemas and REALTIME tables on a Pinot controller. Running it again with
 * the same configs changes nothing; with changed configs it updates them in place (Pinot refuses
 * backward-incompatible schema changes, and the error says so).
 */
public final class PinotTables {

  private final String controller;
  private final PinotHttp http = new PinotHttp(Duration.ofSeconds(60));

  public PinotTables(String controllerUrl) {
    this.controller = stripSlash(controllerUrl);
  }

  /**
   * Creates the topics the tables consume when they are missing (Pinot cannot create a table on a
   * topic that does not exist yet, and the pipeline creates them only when it first writes), then
   * the tables. What was done to each table: "created" or "updated".
   */
  public List<String> install(String kafkaBootstrap) {
    short replication = (short) Math.min(3, kafkaBootstrap.split(",").length);
    try {
      TopicCreator.createMissing(kafkaBootstrap, PinotTable.topics(), replication);
    } catch (RuntimeException e) {
      throw new PinotException(
          "cannot reach Kafka at " + kafkaBootstrap + " to create the topics: " + e.getMessage(),
          e);
    }
    List<String> done = new ArrayList<>();
    for (PinotTable table : PinotTable.ALL) {
      done.add(table.tableName() + ": " + install(table, kafkaBootstrap));
    }
    return done;
  }

  private String install(PinotTable table, String kafkaBootstrap) {
    http.post(controller + "/schemas?override=true", PinotHttp.toJson(table.schema()))
        .requireOk(controller, "schema " + table.tableName());
    String config = PinotHttp.toJson(table.tableConfig(kafkaBootstrap));
    // Pinot 0.11 answers {} for a missing table, newer versions 404.
    PinotHttp.Response existing = http.get(controller + "/tables/" + table.tableName());
    if (existing.status() != 404) {
      existing.requireOk(controller, "table " + table.tableName());
    }
    if (existing.ok() && existing.json().has("REALTIME")) {
      http.put(controller + "/tables/" + table.tableName(), config)
          .requireOk(controller, table.tableName());
      return "updated";
    }
    http.post(controller + "/tables", config).requireOk(controller, "table " + table.tableName());
    return "created";
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
