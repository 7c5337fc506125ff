package dev.openqoe.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Pinot SQL on a broker's HTTP API, rows as column -> text. */
final class PinotQuery {

  private static final ObjectMapper JSON = new ObjectMapper();
  // HTTP/1.1: Pinot's server hangs on the JDK client's h2c upgrade.
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private PinotQuery() {}

  static List<Map<String, String>> rows(String brokerUrl, String sql)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(brokerUrl + "/query/sql"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", sql))))
            .build();
    JsonNode answer =
        JSON.readTree(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body());
    if (answer.path("exceptions").size() > 0) {
      throw new AssertionError("Pinot refused " + sql + ": " + answer.get("exceptions"));
    }
    JsonNode table = answer.path("resultTable");
    JsonNode names = table.path("dataSchema").path("columnNames");
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode row : table.path("rows")) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i).asText(), row.get(i).asText());
      }
      rows.add(values);
    }
    return rows;
  }
}
