package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs SQL on a Pinot broker ({@code POST /query/sql}) and returns the result table. */
public final class PinotBroker {

  private final String broker;
  private final PinotHttp http = new PinotHttp(Duration.ofSeconds(30));

  public PinotBroker(String brokerUrl) {
    this.broker = PinotTables.stripSlash(brokerUrl);
  }

  public String url() {
    return broker;
  }

  public ResultTable query(String sql) {
    PinotHttp.Response response =
        http.post(broker + "/query/sql", PinotHttp.toJson(Map.of("sql", sql)));
    if (!response.ok()) {
      throw new PinotException(
          "Pinot broker at "
              + broker
              + " answered HTTP "
              + response.status()
              + ": "
              + response.body());
    }
    JsonNode json = response.json();
    JsonNode exceptions = json.path("exceptions");
    if (!exceptions.isEmpty()) {
      throw new PinotException(
          "Pinot broker at " + broker + " could not run the query: " + exceptions + "\n" + sql);
    }
    JsonNode table = json.path("resultTable");
    List<String> columns = new ArrayList<>();
    table.path("dataSchema").path("columnNames").forEach(c -> columns.add(c.asText()));
    List<List<JsonNode>> rows = new ArrayList<>();
    for (JsonNode row : table.path("rows")) {
      List<JsonNode> values = new ArrayList<>();
      row.forEach(values::add);
      rows.add(values);
    }
    return new ResultTable(columns, rows);
  }
}
