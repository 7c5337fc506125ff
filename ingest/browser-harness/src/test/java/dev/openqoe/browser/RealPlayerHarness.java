package dev.openqoe.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The whole harness: a DASH stream written by ffmpeg, the test origin, the real collector with its
 * Kafka broker behind a recording tap, and one headless Chromium. {@link #play} runs the scenario
 * once for a player and a CMCD mode and returns everything the run left behind.
 *
 * <p>The scenario, driven by the page from the playhead: play request (autoplay), first frame; one
 * stall at 8 s, as the origin holds the fifth video segment (8-10 s, every rendition) until the
 * page has been stalled for {@link #STALL_LENGTH}; at {@value #PAUSE_AT_S} s a pause of {@value
 * #PAUSE_MILLIS} ms; at {@value #SWITCH_AT_S} s a forced switch to the other video rendition; at
 * {@value #SEEK_AT_S} s a seek to {@value #SEEK_TO_S} s (rendered at the new rendition); then play
 * to the end of the {@value #STREAM_SECONDS} s stream.
 */
public final class RealPlayerHarness implements AutoCloseable {

  public static final int STREAM_SECONDS = 20;
  public static final Duration STALL_LENGTH = Duration.ofMillis(2000);

  /** Segment 5 covers 8-10 s. */
  public static final int HELD_SEGMENT_NUMBER = 5;

  /**
   * After the pause, just before the seek: the seek makes both players fetch the new rendition at
   * once (a switch while a segment is held confused dash.js into a decode error).
   */
  public static final double SWITCH_AT_S = 11.3;

  public static final double PAUSE_AT_S = 11;
  public static final long PAUSE_MILLIS = 1500;
  public static final double SEEK_AT_S = 12;
  public static final double SEEK_TO_S = 16;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path scratch;
  private final DashStream stream;
  private final TestOrigin origin;
  private final CollectorUnderTest collector;
  private final BrowserPlayer browser;

  private RealPlayerHarness(
      Path scratch,
      DashStream stream,
      TestOrigin origin,
      CollectorUnderTest collector,
      BrowserPlayer browser) {
    this.scratch = scratch;
    this.stream = stream;
    this.origin = origin;
    this.collector = collector;
    this.browser = browser;
  }

  /**
   * Starts every part. {@code browserDir} is src/test/browser (page, run-player.mjs, node_modules);
   * the stream, Kafka's data and the browser log go to a new directory under {@code scratchParent}.
   */
  public static RealPlayerHarness start(Path browserDir, Path scratchParent) {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Files.createDirectories(scratchParent);
      Path scratch = Files.createTempDirectory(scratchParent, "run-");
      DashStream stream = DashStream.generate(scratch.resolve("dash"), STREAM_SECONDS);
      TestOrigin origin = TestOrigin.start(browserDir.toAbsolutePath(), stream.directory());
      started.add(origin);
      CollectorUnderTest collector = CollectorUnderTest.start(scratch, origin.url());
      started.add(collector);
      origin.mirrorCmcdTo(collector.cmcdUrl());
      BrowserPlayer browser =
          BrowserPlayer.start(
              browserDir.toAbsolutePath(),
              scratch.resolve("run-player.log"),
              Duration.ofSeconds(90));
      return new RealPlayerHarness(scratch, stream, origin, collector, browser);
    } catch (IOException e) {
      closeAll(started);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /** Plays the scenario once with {@code player} reporting CMCD in {@code mode}. */
  public PlayerRun play(Player player, CmcdMode mode) {
    String sessionId = UUID.randomUUID().toString();
    String runId = player.pageName() + "-" + mode.pageName() + "-" + sessionId.substring(0, 8);
    List<String> held =
        stream.videoRenditions().stream()
            .map(r -> DashStream.segment(r.id(), HELD_SEGMENT_NUMBER))
            .toList();
    origin.plan(new TestOrigin.RunPlan(runId, mode.requests(), held, STALL_LENGTH));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("player", player.pageName());
    query.put("mode", mode.pageName());
    query.put("sid", sessionId);
    query.put("cid", "harness-asset");
    query.put("events", collector.cmcdUrl());
    // absolute: Shaka 5.2.12 in request mode by query turns a root-relative manifest URI
    // (/media/...) into http://media/... (its CMCD encoder resolves it without a base)
    query.put("manifest", origin.url() + "/media/" + runId + "/" + stream.manifest());
    query.put("run", runId);
    query.put("switchAt", Double.toString(SWITCH_AT_S));
    query.put("pauseAt", Double.toString(PAUSE_AT_S));
    query.put("pauseMs", Long.toString(PAUSE_MILLIS));
    query.put("seekAt", Double.toString(SEEK_AT_S));
    query.put("seekTo", Double.toString(SEEK_TO_S));
    StringBuilder url = new StringBuilder(origin.url()).append("/player.html?");
    query.forEach(
        (name, value) ->
            url.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
    PageMeasurements page = browser.play(runId, url.substring(0, url.length() - 1));
    List<CapturedCmcdRequest> accepted =
        collector.tap().requestsOf(sessionId).stream()
            .filter(r -> r.status() >= 200 && r.status() < 300)
            .toList();
    // waits for at least one beacon when the collector accepted at least one request
    var beacons = collector.storedBeacons(sessionId, accepted.isEmpty() ? 0 : 1);
    return new PlayerRun(
        player,
        mode,
        sessionId,
        page,
        collector.tap().requestsOf(sessionId),
        beacons,
        origin.requestsOf(runId));
  }

  public DashStream stream() {
    return stream;
  }

  /**
   * Writes the run's CMCD traffic as {@code <player>-<mode>.jsonl} (one JSON object per CMCD
   * request as it reached the collector, in arrival order) and the page's measurements as {@code
   * <player>-<mode>.page.json} into {@code directory}.
   */
  public static void writeCapture(PlayerRun run, Path directory) {
    try {
      Files.createDirectories(directory);
      StringBuilder lines = new StringBuilder();
      long first = run.cmcdRequests().isEmpty() ? 0 : run.cmcdRequests().get(0).arrivedNanos();
      ObjectMapper compact = new ObjectMapper();
      for (CapturedCmcdRequest request : run.cmcdRequests()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("arrived_ms", TimeUnit.NANOSECONDS.toMillis(request.arrivedNanos() - first));
        line.put("method", request.method());
        line.put("query", request.query());
        line.put("headers", new java.util.TreeMap<>(request.headers()));
        line.put("body", request.body());
        line.put("media", request.mediaPath() == null ? null : mediaFile(request.mediaPath()));
        line.put("status", request.status());
        lines.append(compact.writeValueAsString(line)).append('\n');
      }
      Files.writeString(directory.resolve(run.name() + ".jsonl"), lines.toString());
      ObjectNode page = JSON.valueToTree(run.page());
      ObjectNode derived = page.putObject("derived");
      PageMeasurements m = run.page();
      if (m.firstFrameAt() != null && m.playRequestedAt() != null) {
        derived.put("startup_ms", m.startupMillis());
        derived.put("rebuffer_count", m.rebufferCount());
        derived.put("rebuffer_ms", m.rebufferMillis());
        derived.put("seek_count", m.seekCount());
        derived.put("play_ms", m.playMillis());
        derived.put(
            "time_weighted_video_bitrate_kbps", Math.round(m.timeWeightedVideoBitrateKbps()));
      }
      Files.writeString(
          directory.resolve(run.name() + ".page.json"), JSON.writeValueAsString(page) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** /media/<run>/chunk-0-00003.m4s -> chunk-0-00003.m4s (the run id differs on every run). */
  private static String mediaFile(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    closeAll(List.of(browser, collector, origin));
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        // keep closing the others
      }
    }
  }

  Path scratch() {
    return scratch;
  }
}
