package dev.openqoe.pinot.freshness;

import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotException;
import dev.openqoe.pinot.PinotTable;
import dev.openqoe.pinot.ResultTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Posts probe sessions to a collector and watches Pinot until each one's interval and session rows
 * are queryable: the delay from the collector's 2xx answer to the first query that returns the row,
 * through Kafka, the Flink pipeline (its sessionizer closes a probe on its end beacon, and the
 * real-time sink sends at once) and Pinot's consumer. Poll resolution: {@value #POLL_MILLIS} ms.
 */
public final class FreshnessProbe {

  static final long POLL_MILLIS = 100;

  /** Delays in ms per table, for the probes that arrived; the ids of those that did not. */
  public record Result(Map<PinotTable, List<Long>> delays, List<String> missing) {}

  private final URI beaconsUrl;
  private final String ingestKey;
  private final PinotBroker broker;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public FreshnessProbe(String collectorUrl, String ingestKey, PinotBroker broker, Clock clock) {
    this.beaconsUrl = URI.create(collectorUrl.replaceAll("/+$", "") + "/v1/beacons");
    this.ingestKey = ingestKey;
    this.broker = broker;
    this.clock = clock;
  }

  public Result run(int sessions, Duration every, Duration timeout) throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, Long> sentAt = new LinkedHashMap<>();
    Map<PinotTable, Map<String, Long>> seen = new HashMap<>();
    PinotTable.SESSION_TABLES.forEach(table -> seen.put(table, new HashMap<>()));
    long nextSend = clock.millis();
    long deadline = Long.MAX_VALUE;
    while (clock.millis() < deadline && !allSeen(seen, sessions)) {
      if (sentAt.size() < sessions && clock.millis() >= nextSend) {
        ProbeSession probe =
            new ProbeSession("freshness-" + run + "-" + sentAt.size(), clock.millis());
        post(probe);
        sentAt.put(probe.sessionId(), clock.millis());
        nextSend += every.toMillis();
        if (sentAt.size() == sessions) {
          deadline = clock.millis() + timeout.toMillis();
        }
      }
      for (PinotTable table : PinotTable.SESSION_TABLES) {
        Map<String, Long> arrived = seen.get(table);
        List<String> pending =
            sentAt.keySet().stream().filter(id -> !arrived.containsKey(id)).toList();
        if (!pending.isEmpty()) {
          long now = clock.millis();
          visible(table, pending).forEach(id -> arrived.put(id, now - sentAt.get(id)));
        }
      }
      // A fixed poll interval: the measured delay is exact to within it.
      Thread.sleep(POLL_MILLIS);
    }
    Map<PinotTable, List<Long>> delays = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (PinotTable table : PinotTable.SESSION_TABLES) {
      delays.put(table, new ArrayList<>(seen.get(table).values()));
      sentAt.keySet().stream()
          .filter(id -> !seen.get(table).containsKey(id))
          .map(id -> table.tableName() + ":" + id)
          .forEach(missing::add);
    }
    return new Result(delays, missing);
  }

  private static boolean allSeen(Map<PinotTable, Map<String, Long>> seen, int sessions) {
    return seen.values().stream().allMatch(arrived -> arrived.size() == sessions);
  }

  private List<String> visible(PinotTable table, List<String> sessionIds) {
    ResultTable result =
        broker.query(
            "SELECT session_id, COUNT(*) AS row_count FROM "
                + table.tableName()
                + " WHERE session_id IN ("
                + sessionIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "))
                + ") GROUP BY session_id LIMIT "
                + sessionIds.size());
    return result.rows().stream().map(row -> row.get(0).asText()).toList();
  }

  private void post(ProbeSession probe) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(beaconsUrl)
            .header("Content-Type", "application/json")
            .header("X-QoE-Key", ingestKey)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(probe.beaconsJson()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new PinotException(
            "the collector at "
                + beaconsUrl
                + " refused the probe (HTTP "
                + response.statusCode()
                + "): "
                + response.body());
      }
    } catch (IOException e) {
      throw new PinotException("the collector is unreachable at " + beaconsUrl + ": " + e, e);
    }
  }
}
