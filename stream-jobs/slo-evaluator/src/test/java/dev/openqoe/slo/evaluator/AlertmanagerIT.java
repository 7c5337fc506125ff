package dev.openqoe.slo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Severity;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluator against a real Alertmanager, its alert log on the in-process Kafka broker, the SLI
 * minutes scripted (the engine under test here is Alertmanager; PinotSliSourceIT tests the Pinot
 * source): two slices of a {@code by: [cdn]} SLO burn together and reach the receiver as one
 * notification with their labels and annotations; the evaluator is stopped while they fire and a
 * new one started on the same log, which sends no second firing notification and logs no second
 * firing; the resolution still arrives, with the start of the first firing.
 */
class AlertmanagerIT {

  private static final Duration EVERY = Duration.ofSeconds(2);
  private static final Slice FASTLY = new Slice(Map.of("cdn", "fastly"));
  private static final Slice AKAMAI = new Slice(Map.of("cdn", "akamai"));
  private static final SloDefinition STARTS =
      new SloDefinition(
          "start-success",
          "dev",
          Sli.START_SUCCESS,
          Optional.empty(),
          0.99,
          Map.of(),
          List.of("cdn"),
          List.of(
              new BurnRateRule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4)));

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static HttpServer receiver;
  private static LocalAlertmanager alertmanager;
  private static final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

  private final ScriptedSource source = new ScriptedSource(List.of(FASTLY, AKAMAI));

  @BeforeAll
  static void start() throws IOException {
    kafka = EmbeddedKafka.on(dir.resolve("kafka"), 0).start();
    kafka.createTopics(List.of(QoeTopics.SLO_ALERTS));
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/notify",
        exchange -> {
          notifications.add(AlertJson.JSON.readTree(exchange.getRequestBody()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    alertmanager =
        LocalAlertmanager.start(
            dir, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify");
  }

  @AfterAll
  static void stop() {
    if (alertmanager != null) {
      alertmanager.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    if (kafka != null) {
      kafka.stopAndDelete();
    }
  }

  @Test
  void slicesBurningTogetherNotifyOnceAcrossARestartAndResolve() {
    source.set((slice, minute) -> 0.5);
    Instant firstFiring;
    RunningEvaluator first = evaluator();
    try {
      await().until(() -> notifications.size() == 1);
      JsonNode firing = notifications.get(0);
      assertThat(firing.get("status").asText()).isEqualTo("firing");
      assertThat(labels(firing.get("groupLabels")))
          .isEqualTo(
              Map.of(
                  "alertname", "QoeSloBurn",
                  "property", "dev",
                  "slo", "start-success",
                  "severity", "page"));
      assertThat(firing.get("alerts"))
          .extracting(alert -> alert.path("labels").path("cdn").asText())
          .containsExactlyInAnyOrder("fastly", "akamai");
      JsonNode fastly = alert(firing, "fastly");
      assertThat(labels(fastly.get("labels")))
          .isEqualTo(
              Map.of(
                  "alertname", "QoeSloBurn",
                  "property", "dev",
                  "slo", "start-success",
                  "sli", "start_success",
                  "severity", "page",
                  "cdn", "fastly"));
      JsonNode annotations = fastly.get("annotations");
      assertThat(annotations.get("summary").asText())
          .isEqualTo(
              "dev/start-success cdn=fastly: burning its error budget 50.0x over 1h and 50.0x over"
                  + " 5m (page at 14.4x); VSF 50 % of attempts over 1h against a budget of 1 %");
      assertThat(annotations.get("description").asText())
          .startsWith("SLO start-success of property dev: at least 99 % good");
      assertThat(annotations.get("explain").asText())
          .isEqualTo(
              "VSF of cdn=fastly: 50 % of 60000 attempts over the last 1h, 50 % of 5000 attempts"
                  + " over the last 5m; the SLO allows 1 %.");
      assertThat(annotations.get("dashboard").asText())
          .isEqualTo("http://127.0.0.1:3000/d/openqoe-drilldown?from=now-1h&to=now&var-cdn=fastly");
      firstFiring = Instant.parse(fastly.get("startsAt").asText());
    } finally {
      first.close();
    }

    RunningEvaluator restarted = evaluator();
    try {
      int queries = source.queries();
      await().during(Duration.ofSeconds(5)).until(() -> notifications.size() == 1);
      assertThat(source.queries())
          .as("the restarted evaluator evaluated meanwhile")
          .isGreaterThanOrEqualTo(queries + 2);
      assertThat(AlertLogReader.read(kafka.bootstrapServers()).records())
          .extracting(AlertRecord::slice, AlertRecord::status)
          .containsExactlyInAnyOrder(tuple("cdn=fastly", "firing"), tuple("cdn=akamai", "firing"));

      source.set((slice, minute) -> 0);
      await().until(() -> notifications.size() == 2);
    } finally {
      restarted.close();
    }
    JsonNode resolved = notifications.get(1);
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.get("alerts")).hasSize(2);
    assertThat(Instant.parse(alert(resolved, "fastly").get("startsAt").asText()))
        .as("the start of the first firing, from the log")
        .isEqualTo(firstFiring);
    assertThat(Instant.parse(alert(resolved, "fastly").get("endsAt").asText()))
        .isAfter(firstFiring);
    assertThat(notifications)
        .filteredOn(notification -> notification.get("status").asText().equals("firing"))
        .hasSize(1);
    assertThat(AlertLogReader.read(kafka.bootstrapServers()).records())
        .extracting(AlertRecord::slice, AlertRecord::status)
        .containsExactlyInAnyOrder(
            tuple("cdn=fastly", "firing"),
            tuple("cdn=akamai", "firing"),
            tuple("cdn=fastly", "resolved"),
            tuple("cdn=akamai", "resolved"));
  }

  private RunningEvaluator evaluator() {
    return RunningEvaluator.start(
        List.of(STARTS),
        source,
        kafka.bootstrapServers(),
        new AlertRecords(new SliValueExplainer(), "http://127.0.0.1:3000/d/openqoe-drilldown"),
        List.of(new AlertmanagerTarget(alertmanager.url(), EVERY)),
        EVERY,
        Clock.systemUTC(),
        new Reporter(System.out, System.err));
  }

  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100));
  }

  private static JsonNode alert(JsonNode notification, String cdn) {
    for (JsonNode alert : notification.get("alerts")) {
      if (alert.path("labels").path("cdn").asText().equals(cdn)) {
        return alert;
      }
    }
    throw new AssertionError("no alert of cdn " + cdn + " in " + notification);
  }

  private static Map<String, String> labels(JsonNode object) {
    return AlertJson.JSON.convertValue(object, new TypeReference<Map<String, String>>() {});
  }
}
