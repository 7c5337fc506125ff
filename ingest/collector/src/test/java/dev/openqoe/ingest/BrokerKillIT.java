package dev.openqoe.ingest;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.ingest.PacedBeaconLoad.Outcome;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.IngestedBeacon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker SIGKILLed 10 times while beacons arrive at 200 requests/s (issue 20, item 9). Every
 * beacon answered 2xx is in the topic afterwards, found by its identity (session id and a seq no
 * other request has), and every other request was answered 503 with a reason and Retry-After: no
 * other status, no hang, no connection error. The broker runs in a JVM of its own, on a fixed data
 * directory and fixed ports. Each kill falls at a random moment, 2-6 s after the collector accepted
 * again, and the broker is started again 1-3 s after it; the schedule is seeded, the seed printed,
 * and {@code -Dbroker-kill.seed=<seed>} repeats it.
 *
 * <p>Beacons stored twice are counted, not refused. The producer is idempotent only within one
 * producer epoch: when a batch it sent before a kill expires, or the restarted broker answers a
 * retried batch with OUT_OF_ORDER_SEQUENCE_NUMBER, the Java producer bumps its epoch and sends what
 * it has not seen acknowledged again, and a batch the broker had stored before it died is then
 * stored twice. Consumers drop repeats by (session_id, seq), as the protocol says.
 */
class BrokerKillIT {

  private static final int REQUESTS_PER_SECOND = 200;
  private static final int CLIENTS = 4;
  private static final int KILLS = 10;
  private static final int RESPONSE_TIMEOUT_MS = 1_500;
  private static final String RETRY_AFTER_SECONDS = "2";
  private static final int SIGKILLED = 128 + 9;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyBeaconAnswered2xxOutlivesTenBrokerKillsAndEveryOtherIsAnswered503(@TempDir Path dir)
      throws Exception {
    long seed = Long.getLong("broker-kill.seed", System.nanoTime());
    System.out.println("BrokerKillIT seed " + seed + " (-Dbroker-kill.seed=" + seed + ")");
    Random random = new Random(seed);
    ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
    List<Long> upSince = new ArrayList<>();
    List<Long> killedAt = new ArrayList<>();
    List<Outcome> outcomes;
    double rate;
    long stallMillis;
    Map<String, List<String>> stored;
    try (CrashableBroker broker = CrashableBroker.startOn(dir.resolve("kafka"))) {
      try (TestCollector collector =
              TestCollector.startOn(
                  broker.bootstrapServers(),
                  "--response-timeout-ms=" + RESPONSE_TIMEOUT_MS,
                  "--retry-after-seconds=" + RETRY_AFTER_SECONDS,
                  // Idle keep-alive connections stay open: a request sent on one as the collector
                  // closes it fails in the client, a race of HTTP/1.1 itself, not of a broker crash
                  // (HostileConnectionsIT tries the head timeout).
                  "--request-head-timeout-ms=600000");
          PacedBeaconLoad load =
              new PacedBeaconLoad(collector.url("/v1/beacons"), REQUESTS_PER_SECOND, CLIENTS)) {
        load.start();
        upSince.add(System.nanoTime());
        for (int kill = 0; kill < KILLS; kill++) {
          awaitAccepting(load, upSince.get(kill));
          int status =
              faults.schedule(broker::kill, between(random, 2_000, 6_000), MILLISECONDS).get();
          killedAt.add(System.nanoTime());
          assertThat(status).as("exit status of the killed broker").isEqualTo(SIGKILLED);
          faults
              .schedule(
                  () -> {
                    broker.start();
                    return null;
                  },
                  between(random, 1_000, 3_000),
                  MILLISECONDS)
              .get();
          upSince.add(System.nanoTime());
        }
        awaitAccepting(load, upSince.get(KILLS));
        faults
            .schedule(
                () -> {
                  load.stop();
                  return null;
                },
                2_000,
                MILLISECONDS)
            .get();
        await().atMost(Duration.ofSeconds(60)).until(load::allAnswered);
        outcomes = load.outcomes();
        rate = load.rate();
        stallMillis = load.longestStall().toMillis();
      } finally {
        faults.shutdownNow();
      }
      // The collector is closed now: its producer has sent everything it still held.
      stored = storedCopies(broker.bootstrapServers());
    }

    List<Outcome> accepted = outcomes.stream().filter(Outcome::accepted).toList();
    List<Outcome> unavailable = outcomes.stream().filter(o -> o.status() == 503).toList();
    List<Outcome> unanswered = outcomes.stream().filter(o -> o.failure() != null).toList();
    List<Outcome> other =
        outcomes.stream()
            .filter(o -> o.failure() == null && !o.accepted() && o.status() != 503)
            .toList();
    List<String> lost =
        accepted.stream().map(Outcome::identity).filter(id -> !stored.containsKey(id)).toList();
    Set<String> sent = outcomes.stream().map(Outcome::identity).collect(Collectors.toSet());
    List<String> foreign = stored.keySet().stream().filter(id -> !sent.contains(id)).toList();
    List<Outcome> duplicated =
        outcomes.stream()
            .filter(o -> stored.getOrDefault(o.identity(), List.of()).size() > 1)
            .toList();
    int extraCopies = duplicated.stream().mapToInt(o -> stored.get(o.identity()).size() - 1).sum();
    long storedAfter503 =
        unavailable.stream().filter(o -> stored.containsKey(o.identity())).count();
    List<Long> acceptedPerUpWindow =
        IntStream.rangeClosed(0, KILLS)
            .mapToObj(
                i -> {
                  long from = upSince.get(i);
                  long to = i < KILLS ? killedAt.get(i) : Long.MAX_VALUE;
                  return accepted.stream()
                      .filter(o -> o.sentNanos() >= from && o.sentNanos() < to)
                      .count();
                })
            .toList();
    List<Long> downMillis =
        IntStream.range(0, KILLS)
            .mapToObj(i -> (upSince.get(i + 1) - killedAt.get(i)) / 1_000_000)
            .toList();
    List<Long> millis = outcomes.stream().map(Outcome::millis).sorted().toList();

    System.out.printf(
        "BrokerKillIT seed %d: %d kills, broker down %s ms (kill to ready); %,d requests at %.1f/s"
            + " from %d clients (longest stall of the test JVM %,d ms): %,d answered 2xx, %,d"
            + " answered 503 %s, %d other, %d without an answer; answer p99 %,d ms, slowest %,d ms;"
            + " 2xx found in the topic %,d, lost %d; in the topic twice %d (answered 2xx %d, 503"
            + " %d); 503 but stored %,d; 2xx per up-window %s%n",
        seed,
        killedAt.size(),
        downMillis,
        outcomes.size(),
        rate,
        CLIENTS,
        stallMillis,
        accepted.size(),
        unavailable.size(),
        unavailable.stream()
            .collect(
                Collectors.groupingBy(
                    o -> answer(o).path("error").asText(), TreeMap::new, Collectors.counting())),
        other.size(),
        unanswered.size(),
        millis.get(millis.size() * 99 / 100),
        millis.get(millis.size() - 1),
        accepted.size() - lost.size(),
        lost.size(),
        extraCopies,
        duplicated.stream().filter(Outcome::accepted).count(),
        duplicated.stream().filter(o -> o.status() == 503).count(),
        storedAfter503,
        acceptedPerUpWindow);
    duplicated.stream()
        .limit(20)
        .forEach(
            o ->
                System.out.println(
                    "  in the topic twice: "
                        + o.identity()
                        + ", answered "
                        + o.status()
                        + " after "
                        + o.millis()
                        + " ms, at (partition@offset) "
                        + stored.get(o.identity())));

    assertThat(killedAt).hasSize(KILLS);
    assertThat(rate).as("requests per second").isGreaterThan(REQUESTS_PER_SECOND * 0.95);
    assertThat(unanswered)
        .as("requests without an answer (connection errors, hangs)")
        .extracting(o -> o.identity() + ": " + o.failure())
        .isEmpty();
    assertThat(other)
        .as("answers neither 2xx nor 503")
        .extracting(o -> o.status() + " " + o.body())
        .isEmpty();
    assertThat(unavailable)
        .as("the kills were felt: some requests answered 503")
        .isNotEmpty()
        .allSatisfy(
            o -> {
              JsonNode answer = answer(o);
              assertThat(o.retryAfter()).as(o.body()).isEqualTo(RETRY_AFTER_SECONDS);
              assertThat(answer.path("error").asText()).as(o.body()).startsWith("kafka_");
              assertThat(answer.path("reason").asText()).as(o.body()).isNotBlank();
            });
    assertThat(lost).as("beacons answered 2xx and missing from the topic").isEmpty();
    assertThat(foreign).as("beacons in the topic that no request sent").isEmpty();
    assertThat(acceptedPerUpWindow)
        .as("2xx answers between restarts: the collector accepts again after each")
        .allMatch(count -> count > 0);
  }

  /** Waits until a request sent after {@code sinceNanos} was answered 2xx. */
  private static void awaitAccepting(PacedBeaconLoad load, long sinceNanos) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> load.acceptedSentAfter(sinceNanos));
  }

  private static long between(Random random, int fromMillis, int toMillis) {
    return fromMillis + random.nextInt(toMillis - fromMillis + 1);
  }

  private static JsonNode answer(Outcome outcome) {
    try {
      return JSON.readTree(outcome.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON answer: " + outcome.body(), e);
    }
  }

  /** Every beacon in the topic, read committed to its end: where each copy of each is. */
  private static Map<String, List<String>> storedCopies(String bootstrapServers) {
    Map<String, List<String>> copies = new HashMap<>();
    for (ConsumerRecord<String, IngestedBeacon> record :
        QoeTopics.BEACONS.committedRecords(bootstrapServers, Duration.ofSeconds(60))) {
      copies
          .computeIfAbsent(
              PacedBeaconLoad.identity(
                  record.value().event().sessionId(), record.value().event().seq()),
              id -> new ArrayList<>())
          .add(record.partition() + "@" + record.offset());
    }
    return copies;
  }
}
