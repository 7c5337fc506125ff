package dev.openqoe.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFactsJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void writesOneSessionPerLineSortedBySessionIdEqualToTheSessionModel() throws IOException {
    List<List<String>> sessions = GeneratedBeacons.sessions(300, 1);
    Path input = write("in.jsonl", GeneratedBeacons.shuffled(sessions, 2));
    Path output = dir.resolve("sessions.jsonl");

    assertThat(replay("--input", input.toString(), "--output", output.toString(), "-q")).isZero();

    List<String> lines = Files.readAllLines(output);
    assertThat(lines).hasSize(300);
    List<String> ids = lines.stream().map(l -> field(l, "session_id")).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    // The reference: each session's beacons fed in seq order straight into the session model.
    List<String> expected = new ArrayList<>();
    for (List<String> session : sessions) {
      SessionAccumulator accumulator = null;
      for (String line : session) {
        BeaconEvent beacon = ((ParseResult.Valid) BeaconParser.lenientClock().parse(line)).event();
        if (accumulator == null) {
          accumulator =
              new SessionAccumulator(
                  beacon.sessionId(), SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT);
        }
        accumulator.offer(beacon);
      }
      expected.add(SessionFactsJson.toJson(accumulator.close()));
    }
    assertThat(lines).isEqualTo(expected);
    assertThat(Files.exists(dir.resolve("sessions.jsonl.partial"))).isFalse();
  }

  @Test
  void outOfOrderAndDuplicatedInputGivesTheSameSessionsAsOrderedInput() throws IOException {
    List<List<String>> sessions = GeneratedBeacons.sessions(200, 3);
    List<String> ordered = GeneratedBeacons.ordered(sessions);
    List<String> messy = new ArrayList<>(GeneratedBeacons.shuffled(sessions, 4));
    messy.addAll(GeneratedBeacons.shuffled(sessions, 5).subList(0, 500)); // retried beacons

    String fromOrdered = replayToString(write("ordered.jsonl", ordered));
    stderr.reset();
    String fromMessy = replayToString(write("messy.jsonl", messy));

    assertThat(fromMessy).isEqualTo(fromOrdered);
    assertThat(stderr.toString()).contains("500 duplicates");
  }

  @Test
  void firstOfTwoBeaconsWithTheSameSeqWins() throws IOException {
    Path input =
        write(
            "dup.jsonl",
            List.of(
                "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"first_frame\",\"ts\":0,\"bitrate_kbps\":1000}",
                "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"first_frame\",\"ts\":0,\"bitrate_kbps\":5000}",
                "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"end\",\"ts\":1000}"));

    JsonNode session = JSON.readTree(replayToString(input));

    assertThat(session.get("avg_bitrate_kbps").asDouble()).isEqualTo(1000.0);
  }

  @Test
  void cmcdReportsInAnyOrderBecomeTheSessionThePlayerReported() throws IOException {
    // dash.js: s, r, p at startup; a seek k, w, p; an e=t report after the end.
    String[][] reports = {
      {"0", "0", "s", "ps", null},
      {"300", "1", "r", "ps", null},
      {"900", "2", "p", "ps", "400"},
      {"5900", "3", "k", "ps", "800"},
      {"6000", "4", "w", "ps", null},
      {"6400", "5", "p", "ps", null},
      {"9400", "6", "e", "ps", null},
      {"9500", "7", null, "t", null},
    };
    List<String> lines = new ArrayList<>();
    for (String[] r : reports) {
      long ts = 1_767_225_600_000L + Long.parseLong(r[0]);
      lines.add(
          "{\"v\":1,\"session_id\":\"c\",\"seq\":"
              + (ts * 2048 + Long.parseLong(r[1]) * 2)
              + ",\"type\":\"cmcd\",\"ts\":"
              + ts
              + ",\"cmcd_mode\":\"event\",\"cmcd_sn\":"
              + r[1]
              + (r[2] == null ? "" : ",\"cmcd_sta\":\"" + r[2] + "\"")
              + ",\"cmcd_e\":\""
              + r[3]
              + "\""
              + (r[4] == null ? "" : ",\"bitrate_kbps\":" + r[4])
              + "}");
    }
    Collections.reverse(lines);

    JsonNode session = JSON.readTree(replayToString(write("cmcd.jsonl", lines)));

    assertThat(session.get("vst_ms").asLong()).isEqualTo(900);
    assertThat(session.get("seek_count").asInt()).isEqualTo(1);
    assertThat(session.get("rebuffer_count").asInt()).isZero();
    assertThat(session.get("play_ms").asLong()).isEqualTo(5_000 + 3_000);
    assertThat(session.get("avg_bitrate_kbps").asDouble()).isEqualTo((5 * 400 + 3 * 800) / 8.0);
    assertThat(session.get("ended_by").asText()).isEqualTo("end");
    assertThat(stderr.toString()).contains("0 after session end, 1 CMCD reports after the end");
  }

  @Test
  void spillingToDiskGivesTheSameOutputAndCleansUp() throws IOException {
    List<String> lines = GeneratedBeacons.shuffled(GeneratedBeacons.sessions(3_000, 6), 7);
    Path input = write("big.jsonl", lines);
    assertThat(Files.size(input)).isGreaterThan(5L << 20);
    Path spill = Files.createDirectory(dir.resolve("spill"));

    String inMemory = replayToString(input);
    String spilled = replayToString(input, "--sort-memory", "1", "--tmp-dir", spill.toString());

    assertThat(spilled).isEqualTo(inMemory);
    assertThat(stderr.toString()).containsPattern("sorted in \\d+ runs on disk");
    try (Stream<Path> left = Files.list(spill)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void invalidLinesAreReportedWithNumberAndReasonAndTheRunGoesOn() throws IOException {
    Path input =
        write(
            "mixed.jsonl",
            List.of(
                "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"play_request\",\"ts\":0}",
                "{\"v\":1,\"session_id\":\"s\",\"seq\":1,",
                "",
                "{\"v\":1,\"session_id\":\"s\",\"seq\":2,\"type\":\"warp\",\"ts\":10}",
                "{\"v\":1,\"session_id\":\"s\",\"seq\":3,\"type\":\"first_frame\",\"ts\":900}"));

    JsonNode session = JSON.readTree(replayToString(input));

    assertThat(session.get("vst_ms").asLong()).isEqualTo(900);
    assertThat(stderr.toString())
        .contains("line 2: invalid: not valid JSON")
        .contains("line 4: invalid: field 'type': must be one of")
        .doesNotContain("line 3:")
        .contains("2 invalid lines");
  }

  @Test
  void overlongLinesAreRejectedWithoutBeingHeld() throws IOException {
    Path input =
        write(
            "long.jsonl",
            List.of(
                "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"play_request\",\"ts\":0,\"cdn\":\""
                    + "x".repeat(5_000)
                    + "\"}",
                "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"end\",\"ts\":5}"));

    String out = replayToString(input, "--max-line-bytes", "1024");

    assertThat(out.lines()).hasSize(1);
    assertThat(stderr.toString())
        .contains("line 1: invalid: line is 5070 bytes, longer than --max-line-bytes 1024");
  }

  @Test
  void beaconsAfterTheSessionEndedAreReported() throws IOException {
    Path input =
        write(
            "late.jsonl",
            List.of(
                "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"first_frame\",\"ts\":0}",
                "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"heartbeat\",\"ts\":10000}",
                "{\"v\":1,\"session_id\":\"s\",\"seq\":2,\"type\":\"heartbeat\",\"ts\":200000}"));

    JsonNode session = JSON.readTree(replayToString(input));

    assertThat(session.get("ended_by").asText()).isEqualTo("timeout");
    assertThat(session.get("ended_at").asLong()).isEqualTo(10_000);
    assertThat(stderr.toString())
        .contains("line 3: ignored: session s seq 2 arrived after session timeout");

    stderr.reset();
    JsonNode noTimeout = JSON.readTree(replayToString(input, "--inactivity-timeout", "0"));
    assertThat(noTimeout.get("ended_at").asLong()).isEqualTo(200_000);
  }

  @Test
  void readsStandardInputAndGzipFiles() throws IOException {
    List<String> lines = GeneratedBeacons.ordered(GeneratedBeacons.sessions(20, 8));
    String fromFile = replayToString(write("plain.jsonl", lines));

    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    stdout.reset();
    assertThat(
            ReplayCommand.run(new String[] {"-q"}, new ByteArrayInputStream(text), stdout, err()))
        .isZero();
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(fromFile);

    Path gz = dir.resolve("beacons.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text);
    }
    assertThat(replayToString(gz)).isEqualTo(fromFile);
  }

  @Test
  void summaryPrintsTheAggregateRates() throws IOException {
    Path input = Path.of("../../schemas/examples/beacons-v1.jsonl");
    Path output = dir.resolve("s.jsonl");

    assertThat(
            replay("--input", input.toString(), "--output", output.toString(), "--summary", "-q"))
        .isZero();

    String table = stdout.toString(StandardCharsets.UTF_8);
    assertThat(table)
        .containsPattern("Sessions\\s+4")
        .containsPattern("VST p50\\s+1,200 ms")
        .containsPattern("VSF\\s+25.00 %\\s+1 of 4 attempts")
        .containsPattern("EBVS\\s+25.00 %")
        .containsPattern("VPF\\s+50.00 %\\s+1 of 2 started")
        .containsPattern("Rebuffering ratio\\s+2.44 %");
  }

  @Test
  void missingInputIsAClearErrorAndBadUsageExitsTwo() {
    assertThat(replay("--input", dir.resolve("nope.jsonl").toString())).isEqualTo(1);
    assertThat(stderr.toString()).contains("qoe replay: no such file:").contains("nope.jsonl");

    assertThat(replay("--inactivity-timeout", "soon")).isEqualTo(2);
    assertThat(stderr.toString()).contains("'soon' is not a duration");
  }

  private String replayToString(Path input, String... extra) {
    stdout.reset();
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "-q"));
    args.addAll(List.of(extra));
    assertThat(replay(args.toArray(String[]::new))).as(stderr.toString()).isZero();
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private int replay(String... args) {
    return ReplayCommand.run(args, new ByteArrayInputStream(new byte[0]), stdout, err());
  }

  private PrintStream err() {
    return new PrintStream(stderr, true, StandardCharsets.UTF_8);
  }

  private Path write(String name, List<String> lines) throws IOException {
    return Files.write(dir.resolve(name), lines);
  }

  private static String field(String json, String name) {
    try {
      return JSON.readTree(json).get(name).asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
