package dev.openqoe.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sessions linked to the delivery chain: every session the simulator failed has a record in {@code
 * dwd.session_delivery} whose newest revision attributes the failure to the stage of the ground
 * truth, for at least {@value #REQUIRED_AGREEMENT} of them.
 */
final class FailureStageChecks {

  static final double REQUIRED_AGREEMENT = 0.99;

  /** The newest revision of each failed session's record. */
  private static final String NEWEST_FAILED =
      "SELECT d.session_id, d.failure_stage, d.failure_evidence FROM dwd.session_delivery d"
          + " JOIN (SELECT session_id, MAX(revision) AS revision FROM dwd.session_delivery"
          + " GROUP BY session_id) n ON d.session_id = n.session_id AND d.revision = n.revision"
          + " WHERE d.failed";

  private FailureStageChecks() {}

  /**
   * Waits until the stored stages agree with the truth as required (late CDN logs revise them),
   * then asserts it, listing the disagreements.
   */
  static void assertStagesMatchGroundTruth(Path data, Map<String, JsonNode> truth) {
    Map<String, String> expected = new TreeMap<>();
    truth.forEach(
        (id, session) -> {
          JsonNode stage = session.get("failure_stage");
          if (stage != null && !stage.isNull()) {
            expected.put(id, stage.asText());
          }
        });
    assertThat(expected).as("the run failed some sessions").isNotEmpty();
    AtomicReference<Map<String, JsonNode>> stored = new AtomicReference<>(Map.of());
    await("dwd.session_delivery attributes the failed sessions as the ground truth does")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(5))
        .ignoreExceptions()
        .until(
            () -> {
              Map<String, JsonNode> rows = new TreeMap<>();
              for (JsonNode row : QoeCommand.sql(data, NEWEST_FAILED)) {
                rows.put(row.get("session_id").asText(), row);
              }
              stored.set(rows);
              return rows.keySet().equals(expected.keySet())
                  && agreement(expected, rows) >= REQUIRED_AGREEMENT;
            });
    Map<String, JsonNode> rows = stored.get();
    assertThat(rows.keySet()).as("failed sessions").isEqualTo(expected.keySet());
    Map<String, String> disagreements = new TreeMap<>();
    expected.forEach(
        (id, stage) -> {
          if (!stage.equals(rows.get(id).get("failure_stage").asText())) {
            disagreements.put(id, "truth " + stage + ", stored " + rows.get(id));
          }
        });
    System.err.printf(
        "failure_stage: %d of %d failed sessions as in the ground truth%n",
        expected.size() - disagreements.size(), expected.size());
    assertThat(agreement(expected, rows))
        .as(
            "share of failed sessions attributed as in the ground truth; the others: %s",
            disagreements)
        .isGreaterThanOrEqualTo(REQUIRED_AGREEMENT);
  }

  private static double agreement(Map<String, String> expected, Map<String, JsonNode> rows) {
    long same =
        expected.entrySet().stream()
            .filter(e -> rows.containsKey(e.getKey()))
            .filter(e -> e.getValue().equals(rows.get(e.getKey()).get("failure_stage").asText()))
            .count();
    return (double) same / expected.size();
  }
}
