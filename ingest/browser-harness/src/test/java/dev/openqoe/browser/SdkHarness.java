package dev.openqoe.browser;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The OpenQoE web SDK (its build, ingest/web-sdk/dist, served under {@code /sdk/}) in the browser
 * harness: test media written by ffmpeg (a DASH and an HLS stream and progressive MP4 files, three
 * video renditions each, {@value #STREAM_SECONDS} s in 1 s segments), the test origin, the real
 * collector with its Kafka broker behind the tap, one headless Chromium. {@link #run} plays one
 * {@link SdkScenario} with one {@link SdkAdapter} and returns what it left behind.
 */
public final class SdkHarness implements AutoCloseable {

  public static final int STREAM_SECONDS = 8;

  /** How long the origin holds a file once the page stalled: the stall scenario's length. */
  public static final Duration STALL_LENGTH = Duration.ofMillis(1000);

  /** The stall scenario's held segment covers 3-4 s (DASH numbers from 1, HLS from 0). */
  public static final int STALLED_SECOND = 3;

  /** The corrupt-segment scenario's corrupt segment covers 2-3 s. */
  public static final int CORRUPT_SECOND = 2;

  public static final double SEEK_AT_S = 2;
  public static final double SEEK_TO_S = 5;
  public static final double PAUSE_AT_S = 2;
  public static final long PAUSE_MILLIS = 1000;
  public static final double SWITCH_AT_S = 3;
  public static final long AD_MILLIS = 1000;

  /** How long after the play request the viewer closes the page in close-during-startup. */
  public static final long CLOSE_AFTER_MILLIS = 800;

  /** How long the tap answers 503 in collector-503, from the run's first beacon request. */
  public static final Duration REFUSAL = Duration.ofMillis(2500);

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final DashStream dash;
  private final HlsStream hls;
  private final ProgressiveMp4 mp4;
  private final TestOrigin origin;
  private final CollectorUnderTest collector;
  private final BrowserPlayer browser;

  private SdkHarness(
      DashStream dash,
      HlsStream hls,
      ProgressiveMp4 mp4,
      TestOrigin origin,
      CollectorUnderTest collector,
      BrowserPlayer browser) {
    this.dash = dash;
    this.hls = hls;
    this.mp4 = mp4;
    this.origin = origin;
    this.collector = collector;
    this.browser = browser;
  }

  /**
   * Starts every part. {@code browserDir} is src/test/browser (pages, run-player.mjs,
   * node_modules), {@code sdkDist} the SDK's build; media, Kafka's data and the browser log go to a
   * new directory under {@code scratchParent}. Fails at once when the SDK was not built.
   */
  public static SdkHarness start(Path browserDir, Path sdkDist, Path scratchParent) {
    if (!Files.isRegularFile(sdkDist.resolve("openqoe.mjs"))) {
      throw new IllegalStateException(
          "the web SDK is not built: no "
              + sdkDist.toAbsolutePath().normalize().resolve("openqoe.mjs")
              + " (the reactor builds it in qoe-web-sdk; by hand: cd ingest/web-sdk && npm ci && npm"
              + " run build)");
    }
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Files.createDirectories(scratchParent);
      Path scratch = Files.createTempDirectory(scratchParent, "sdk-");
      Path media = scratch.resolve("media");
      DashStream dash =
          DashStream.generate(media.resolve("dash"), STREAM_SECONDS, VideoRendition.THREE, 1);
      HlsStream hls =
          HlsStream.generate(media.resolve("hls"), STREAM_SECONDS, VideoRendition.THREE, 1);
      ProgressiveMp4 mp4 =
          ProgressiveMp4.generate(media.resolve("mp4"), STREAM_SECONDS, VideoRendition.THREE);
      TestOrigin origin = TestOrigin.start(browserDir.toAbsolutePath(), media);
      started.add(origin);
      origin.mount("sdk", sdkDist);
      CollectorUnderTest collector = CollectorUnderTest.start(scratch, origin.url());
      started.add(collector);
      BrowserPlayer browser =
          BrowserPlayer.start(
              browserDir.toAbsolutePath(),
              scratch.resolve("run-player.log"),
              Duration.ofSeconds(45));
      return new SdkHarness(dash, hls, mp4, origin, collector, browser);
    } catch (IOException e) {
      closeAll(started);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /** Plays {@code scenario} once with {@code adapter}. */
  public SdkRun run(SdkAdapter adapter, SdkScenario scenario) {
    String runId =
        adapter.pageName()
            + "-"
            + scenario.pageName()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    String media = origin.url() + "/media/" + runId + "/";
    origin.plan(
        new TestOrigin.RunPlan(
            runId,
            false,
            hold(adapter, scenario),
            notFound(adapter, scenario),
            corrupt(adapter, scenario)));
    if (scenario == SdkScenario.COLLECTOR_503) {
      collector.tap().refuseBeaconsFor(REFUSAL);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("adapter", adapter.pageName());
    query.put("scenario", scenario.pageName());
    query.put("collector", collector.tap().url());
    query.put("key", CollectorUnderTest.KEY);
    query.put("source", media + source(adapter));
    if (adapter == SdkAdapter.HTML5) {
      query.put(
          "files",
          mp4.renditions().stream()
              .map(
                  r ->
                      r.bitrateKbps()
                          + ":"
                          + r.height()
                          + ":"
                          + media
                          + "mp4/"
                          + ProgressiveMp4.file(r))
              .collect(Collectors.joining(",")));
    }
    query.put("run", runId);
    query.put("seekAt", Double.toString(SEEK_AT_S));
    query.put("seekTo", Double.toString(SEEK_TO_S));
    query.put("pauseAt", Double.toString(PAUSE_AT_S));
    query.put("pauseMs", Long.toString(PAUSE_MILLIS));
    query.put("switchAt", Double.toString(SWITCH_AT_S));
    query.put("adMs", Long.toString(AD_MILLIS));
    query.put("closeAfterMs", Long.toString(CLOSE_AFTER_MILLIS));
    StringBuilder url = new StringBuilder(origin.url()).append("/sdk.html?");
    query.forEach(
        (name, value) ->
            url.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
    JsonNode answer =
        browser.run(
            runId,
            url.substring(0, url.length() - 1),
            scenario == SdkScenario.CLOSE_DURING_STARTUP);
    SdkPage page = page(answer);
    var stored = collector.storedSession(page.sessionId(), Duration.ofSeconds(15));
    return new SdkRun(
        adapter,
        scenario,
        page,
        answer,
        collector.tap().beaconRequestsOf(page.sessionId()),
        stored,
        origin.requestsOf(runId));
  }

  private static SdkPage page(JsonNode answer) {
    try {
      ObjectNode measurements = (ObjectNode) answer.get("measurements").deepCopy();
      measurements.set("closedAt", answer.get("closedAt"));
      return JSON.treeToValue(measurements, SdkPage.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file the page loads, under the run's media directory. */
  private String source(SdkAdapter adapter) {
    return switch (adapter) {
      case HTML5 -> "mp4/" + ProgressiveMp4.file(mp4.renditions().get(0));
      case HLSJS -> "hls/" + hls.masterPlaylist();
      case DASHJS, SHAKA -> "dash/" + dash.manifest();
    };
  }

  /**
   * What the origin holds: in the stall scenario the segment at {@value #STALLED_SECOND} s of every
   * video rendition (progressive: the lowest file from that second on) until the page has been
   * stalled for {@link #STALL_LENGTH}; in close-during-startup the first segment of every video
   * rendition (progressive: the whole file), which the page never gets.
   */
  private TestOrigin.Hold hold(SdkAdapter adapter, SdkScenario scenario) {
    if (scenario != SdkScenario.STALL && scenario != SdkScenario.CLOSE_DURING_STARTUP) {
      return TestOrigin.Hold.NONE;
    }
    int second = scenario == SdkScenario.STALL ? STALLED_SECOND : 0;
    Set<String> files =
        switch (adapter) {
          case HTML5 -> Set.of("mp4/" + ProgressiveMp4.file(mp4.renditions().get(0)));
          case HLSJS ->
              hls.videoRenditions().stream()
                  .map(r -> "hls/" + HlsStream.segment(r.id(), second))
                  .collect(Collectors.toSet());
          case DASHJS, SHAKA ->
              dash.videoRenditions().stream()
                  .map(r -> "dash/" + DashStream.segment(r.id(), second + 1))
                  .collect(Collectors.toSet());
        };
    double sentAtOnce =
        adapter == SdkAdapter.HTML5 ? (double) second / STREAM_SECONDS : 0; // the moov is in front
    return new TestOrigin.Hold(files, sentAtOnce, STALL_LENGTH);
  }

  /**
   * What the origin corrupts in corrupt-segment: the segment at {@value #CORRUPT_SECOND} s of every
   * video rendition; the progressive file whole, since an element fetches one file (it then has no
   * frame to show at all).
   */
  private Set<String> corrupt(SdkAdapter adapter, SdkScenario scenario) {
    if (scenario != SdkScenario.CORRUPT_SEGMENT) {
      return Set.of();
    }
    return switch (adapter) {
      case HTML5 -> Set.of(source(adapter));
      case HLSJS ->
          hls.videoRenditions().stream()
              .map(r -> "hls/" + HlsStream.segment(r.id(), CORRUPT_SECOND))
              .collect(Collectors.toSet());
      case DASHJS, SHAKA ->
          dash.videoRenditions().stream()
              .map(r -> "dash/" + DashStream.segment(r.id(), CORRUPT_SECOND + 1))
              .collect(Collectors.toSet());
    };
  }

  private Set<String> notFound(SdkAdapter adapter, SdkScenario scenario) {
    return scenario == SdkScenario.MANIFEST_404 ? Set.of(source(adapter)) : Set.of();
  }

  /**
   * Writes a run's page answer, beacon requests, stored beacons and origin requests to {@code
   * directory}/{@code <adapter>-<scenario>.json}.
   */
  public static void writeRun(SdkRun run, String sessionSummary, Path directory) {
    try {
      Files.createDirectories(directory);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("session", sessionSummary);
      out.put("page", run.pageAnswer());
      out.put("beacon_requests", run.beaconRequests());
      out.put(
          "stored_beacons", run.storedBeacons().stream().map(b -> b.event().toString()).toList());
      out.put(
          "origin_requests",
          run.originRequests().stream()
              .map(r -> r.method() + " " + r.path() + " held " + r.heldMillis() + " ms")
              .toList());
      Files.writeString(
          directory.resolve(run.name() + ".json"),
          JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
}
