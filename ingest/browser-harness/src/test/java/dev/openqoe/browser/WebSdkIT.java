package dev.openqoe.browser;

import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.session.EndedBy;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupOutcome;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenQoE web SDK in headless Chromium with each adapter (the native element, hls.js, dash.js,
 * Shaka Player) and each scenario of issue 18, sending to the real collector through the tap: the
 * session the session model computes from what the collector stored on Kafka ({@link
 * ComputedSession}) is compared with what the page measured itself from the media element and the
 * library's events (sdk-scenario.js). One browser, one collector, one origin for all runs.
 *
 * <p>Every combination runs; none is impossible. The native element cannot switch rendition by
 * itself: its switch scenario loads the top rendition's file where the playhead is and tells the
 * SDK the new bitrate through {@code tracker.setBitrate}, since a native element's rendition is not
 * visible to script. Its "manifest" is the MP4 file, and its stall is the file stopping after its
 * first part.
 *
 * <p>{@code -Dqoe.adapters=hlsjs,shaka -Dqoe.scenarios=stall,seek} (page names) narrow it down.
 */
class WebSdkIT {

  /** Startup time: session against the page (play request to first frame), issue 18. */
  private static final long STARTUP_TOLERANCE_MS = 50;

  /** Rebuffer time, issue 18. */
  private static final long REBUFFER_TOLERANCE_MS = 100;

  /** Ad time against the page's own ad break, as exact as startup. */
  private static final long AD_TOLERANCE_MS = 50;

  /** Play time: not a figure of the issue; both ends are the same events as startup's. */
  private static final long PLAY_TOLERANCE_MS = 250;

  /** Time-weighted average bitrate, issue 18. */
  private static final double BITRATE_TOLERANCE_PERCENT = 1;

  private static SdkHarness harness;
  private static final Map<SdkAdapter, Map<SdkScenario, Supplier<SdkRun>>> RUNS =
      new EnumMap<>(SdkAdapter.class);

  @BeforeAll
  static void start() {
    harness =
        SdkHarness.start(
            Path.of(System.getProperty("qoe.browser.dir", "src/test/browser")),
            Path.of(System.getProperty("qoe.sdk.dist", "../web-sdk/dist")),
            Path.of("target", "browser-harness"));
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  static Stream<SdkAdapter> adapters() {
    List<String> chosen = selection("qoe.adapters");
    return Stream.of(SdkAdapter.values())
        .filter(a -> chosen.isEmpty() || chosen.contains(a.pageName()));
  }

  private static List<String> selection(String property) {
    String value = System.getProperty(property, "");
    return value.isBlank() ? List.of() : List.of(value.split(","));
  }

  /** Skips (visibly, as JUnit reports it) a scenario left out by -Dqoe.scenarios. */
  private static void chosen(SdkScenario scenario) {
    List<String> chosen = selection("qoe.scenarios");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        chosen.isEmpty() || chosen.contains(scenario.pageName()),
        () -> "not in -Dqoe.scenarios=" + chosen);
  }

  /** Plays a scenario once per adapter; the run (or its failure) is kept. */
  static SdkRun run(SdkAdapter adapter, SdkScenario scenario) {
    return RUNS.computeIfAbsent(adapter, a -> new EnumMap<>(SdkScenario.class))
        .computeIfAbsent(
            scenario,
            s -> {
              try {
                SdkRun run = harness.run(adapter, s);
                return () -> run;
              } catch (RuntimeException e) {
                return () -> {
                  throw new IllegalStateException(adapter + " " + s + " did not run", e);
                };
              }
            })
        .get();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void playToTheEnd(SdkAdapter adapter) {
    chosen(SdkScenario.PLAY);
    check(
        run(adapter, SdkScenario.PLAY),
        (page, session, soft) ->
            soft.assertThat(page.renditions()).as("page: renditions rendered").hasSize(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void stallFromADelayedSegment(SdkAdapter adapter) {
    chosen(SdkScenario.STALL);
    check(
        run(adapter, SdkScenario.STALL),
        (page, session, soft) -> {
          // Shaka may stall by itself as well on a loaded box (short, at its start); every stall
          // counts in the comparison with the session, this only checks the origin's one happened
          soft.assertThat(page.stalls())
              .as(
                  "page: a stall as long as the origin held on after it began (%s)",
                  SdkHarness.STALL_LENGTH)
              .anySatisfy(
                  stall ->
                      soft.assertThat(stall.end() - stall.start())
                          .isGreaterThanOrEqualTo(SdkHarness.STALL_LENGTH.toMillis() * 0.9));
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void seekIsNotARebuffer(SdkAdapter adapter) {
    chosen(SdkScenario.SEEK);
    check(
        run(adapter, SdkScenario.SEEK),
        (page, session, soft) -> {
          // a seek the player made itself counts too: hls.js seeks over the gap at the start of
          // the TS stream (bufferSeekOverHole), which the page and the SDK both see
          soft.assertThat(page.figures().seekCount()).as("page: seeks").isGreaterThanOrEqualTo(1);
          // the general checks hold the session's rebuffers to the page's stalls outside seeks;
          // the players buffer during this seek, since it goes past their buffer. html5 cannot:
          // the element has the whole progressive file from 127.0.0.1 within milliseconds
          if (adapter != SdkAdapter.HTML5) {
            soft.assertThat(page.seekBuffering())
                .as("page: buffering during the seek (the seek goes past the buffer)")
                .isPositive();
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void pause(SdkAdapter adapter) {
    chosen(SdkScenario.PAUSE);
    check(
        run(adapter, SdkScenario.PAUSE),
        (page, session, soft) -> {
          soft.assertThat(page.figures().pauseCount()).as("page: pauses").isEqualTo(1);
          soft.assertThat(page.figures().pauseMs())
              .as("page: pause length")
              .isGreaterThanOrEqualTo(SdkHarness.PAUSE_MILLIS * 0.9);
          soft.assertThat(count(session, EventType.PAUSE)).as("pause beacons").isEqualTo(1);
          soft.assertThat(count(session, EventType.RESUME)).as("resume beacons").isEqualTo(1);
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void renditionSwitch(SdkAdapter adapter) {
    chosen(SdkScenario.SWITCH);
    // html5: the page loads the top rendition's file and tells the SDK (tracker.setBitrate)
    check(
        run(adapter, SdkScenario.SWITCH),
        (page, session, soft) -> {
          soft.assertThat(
                  page.renditions().stream().map(SdkPage.RenderedRendition::height).distinct())
              .as("page: renditions rendered, lowest then highest")
              .containsExactly(180, 360);
          soft.assertThat(session.facts().bitrateSwitches()).as("bitrate switches").isEqualTo(1);
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void manifestNotFoundIsAVideoStartFailure(SdkAdapter adapter) {
    chosen(SdkScenario.MANIFEST_404);
    check(
        run(adapter, SdkScenario.MANIFEST_404),
        (page, session, soft) -> {
          soft.assertThat(page.sawFatalLibraryError())
              .as("page: a fatal error from the library (%s)", page.libraryErrors())
              .isTrue();
          soft.assertThat(page.firstFrameAt()).as("page: first frame").isNull();
          soft.assertThat(session.facts().startupOutcome())
              .as("startup outcome")
              .isEqualTo(StartupOutcome.VSF);
          soft.assertThat(session.facts().endedBy()).as("ended by").isEqualTo(EndedBy.ERROR);
          soft.assertThat(errors(session))
              .as("error beacons")
              .anySatisfy(
                  e -> {
                    soft.assertThat(e.error().fatal()).as("fatal").isTrue();
                    soft.assertThat(e.error().category()).isEqualTo(ErrorCategory.TECHNICAL);
                  });
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void businessErrorIsABusinessStartFailure(SdkAdapter adapter) {
    chosen(SdkScenario.BUSINESS_ERROR);
    check(
        run(adapter, SdkScenario.BUSINESS_ERROR),
        (page, session, soft) -> {
          soft.assertThat(session.facts().startupOutcome())
              .as("startup outcome")
              .isEqualTo(StartupOutcome.VSF_BUSINESS);
          soft.assertThat(session.facts().endedBy()).as("ended by").isEqualTo(EndedBy.ERROR);
          soft.assertThat(errors(session))
              .as("error beacons")
              .singleElement()
              .satisfies(
                  e -> {
                    soft.assertThat(e.error().code()).isEqualTo("ENTITLEMENT_DENIED");
                    soft.assertThat(e.error().category()).isEqualTo(ErrorCategory.BUSINESS);
                    soft.assertThat(e.error().fatal()).isTrue();
                  });
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void closingThePageDuringStartupIsAnExitBeforeStart(SdkAdapter adapter) {
    chosen(SdkScenario.CLOSE_DURING_STARTUP);
    check(
        run(adapter, SdkScenario.CLOSE_DURING_STARTUP),
        (page, session, soft) -> {
          soft.assertThat(page.firstFrameAt()).as("page: first frame").isNull();
          soft.assertThat(page.closedAt()).as("page closed").isNotNull();
          soft.assertThat(session.facts().startupOutcome())
              .as("startup outcome")
              .isEqualTo(StartupOutcome.EBVS);
          soft.assertThat(session.facts().endedBy()).as("ended by").isEqualTo(EndedBy.END);
          soft.assertThat(session.run().beaconRequests())
              .as("the request that carried the end beacon")
              .filteredOn(r -> r.beacons().stream().anyMatch(b -> "end".equals(b.type())))
              .singleElement()
              .satisfies(
                  r ->
                      soft.assertThat(r.sentByBeaconApi())
                          .as("sent by navigator.sendBeacon (Sec-Fetch-Mode %s)", r.fetchMode())
                          .isTrue());
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void prerollAdIsNotStartupTime(SdkAdapter adapter) {
    chosen(SdkScenario.PREROLL_AD);
    check(
        run(adapter, SdkScenario.PREROLL_AD),
        (page, session, soft) -> {
          soft.assertThat(page.figures().adMs())
              .as("page: ad break")
              .isGreaterThanOrEqualTo(SdkHarness.AD_MILLIS * 0.9);
          soft.assertThat(session.facts().vstMs())
              .as("startup time leaves the ad out")
              .isLessThan(
                  Math.round(
                      page.firstFrameAt() - page.playRequestedAt() - page.figures().adMs() / 2));
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void collectorRefusingForAWhileLosesNothing(SdkAdapter adapter) {
    chosen(SdkScenario.COLLECTOR_503);
    check(
        run(adapter, SdkScenario.COLLECTOR_503),
        (page, session, soft) -> {
          soft.assertThat(session.run().beaconRequests())
              .as("beacon requests the tap refused with 503")
              .anyMatch(BeaconRequest::refusedByTap);
          soft.assertThat(session.run().beaconRequests())
              .as("beacon requests the collector took after that")
              .anyMatch(r -> !r.refusedByTap() && r.status() / 100 == 2);
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void corruptSegmentEndsTheWayTheLibrarySaid(SdkAdapter adapter) {
    chosen(SdkScenario.CORRUPT_SEGMENT);
    // What a player makes of a corrupt segment is its own (a fatal error, a skip, a stall): the
    // session must say what the library said. html5 gets its whole file corrupt, so it fails to
    // start (VSF) where the others fail, or not, during playback.
    check(
        run(adapter, SdkScenario.CORRUPT_SEGMENT),
        (page, session, soft) -> {
          long fatal = page.libraryErrors().stream().filter(SdkPage.LibraryError::fatal).count();
          soft.assertThat(errors(session).stream().filter(e -> e.error().fatal()).count())
              .as("fatal error beacons (the library's errors: %s)", page.libraryErrors())
              .isEqualTo(Math.min(fatal, 1));
          if (page.firstFrameAt() == null) {
            soft.assertThat(session.facts().startupOutcome())
                .as("startup outcome")
                .isEqualTo(StartupOutcome.VSF);
          }
        });
  }

  /** What one scenario checks beyond what every run is checked for. */
  private interface ScenarioChecks {
    void check(SdkPage page, Checked session, SoftAssertions soft);
  }

  /** The run and the session computed from its stored beacons. */
  private record Checked(SdkRun run, ComputedSession computed) {
    SessionFacts facts() {
      return computed.facts();
    }
  }

  private static long count(Checked session, EventType type) {
    return session.run().storedBeacons().stream().filter(b -> b.event().type() == type).count();
  }

  private static List<BeaconEvent> errors(Checked session) {
    return session.run().storedBeacons().stream()
        .map(IngestedBeacon::event)
        .filter(e -> e.type() == EventType.ERROR && e.error() != null)
        .toList();
  }

  /**
   * Checks a run: the page played without errors of its own; the collector stored every seq of the
   * session from 0 to its end exactly once and the session model applied all; for a session that
   * started, its figures are the page's within the tolerances above; then the scenario's own
   * checks. A failing run's figures go to target/browser-harness/failed-sdk-runs/.
   */
  private static void check(SdkRun run, ScenarioChecks scenarioChecks) {
    SdkPage page = run.page();
    ComputedSession computed = ComputedSession.of(run.sessionId(), run.storedBeacons());
    SessionFacts facts = computed.facts();
    SeqCoverage coverage = SeqCoverage.of(run.storedBeacons());
    SdkPage.Figures f = page.figures();
    System.out.printf(
        Locale.ROOT,
        "%s: page: startup %s ms, ad %.0f ms, rebuffers %d (%.0f ms), seeks %d, pauses %d, play %.0f"
            + " ms, bitrate %s kbps; session: %s; beacons %d (seq to %d), requests %d (%d refused)%n",
        run.name(),
        f.startupMs() == null ? "-" : Math.round(f.startupMs()),
        f.adMs(),
        f.rebufferCount(),
        f.rebufferMs(),
        f.seekCount(),
        f.pauseCount(),
        f.playMs(),
        f.avgBitrateKbps() == null ? "-" : Math.round(f.avgBitrateKbps()),
        computed.summary(),
        run.storedBeacons().size(),
        coverage.highest(),
        run.beaconRequests().size(),
        run.beaconRequests().stream().filter(BeaconRequest::refusedByTap).count());

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(page.errors()).as("errors of the page itself").isEmpty();
    soft.assertThat(coverage.closed()).as("the session's end (or fatal error) stored").isTrue();
    soft.assertThat(coverage.missing()).as("seq missing on Kafka").isEmpty();
    soft.assertThat(coverage.repeated()).as("seq stored more than once").isEmpty();
    soft.assertThat(computed.verdicts()).as("beacons the session model refused").isEmpty();
    if (page.firstFrameAt() != null) {
      soft.assertThat(facts.startupOutcome())
          .as("startup outcome")
          .isEqualTo(StartupOutcome.STARTED);
      if (page.sawFatalLibraryError()) {
        // playback failed: the page's figures end at the library's fatal error
        soft.assertThat(facts.endedBy()).as("ended by").isEqualTo(EndedBy.ERROR);
        soft.assertThat(facts.vpf()).as("failed during playback (VPF)").isTrue();
      } else {
        soft.assertThat(page.endedAt()).as("page: played to the end").isNotNull();
        soft.assertThat(facts.endedBy()).as("ended by").isEqualTo(EndedBy.END);
      }
      soft.assertThat(facts.vstMs())
          .as("startup time (page: play request to first frame, less ads)")
          .isNotNull()
          .isCloseTo(Math.round(f.startupMs()), within(STARTUP_TOLERANCE_MS));
      soft.assertThat(facts.adMs())
          .as("ad time")
          .isCloseTo(Math.round(f.adMs()), within(AD_TOLERANCE_MS));
      soft.assertThat(facts.rebufferCount()).as("rebuffers").isEqualTo(f.rebufferCount());
      soft.assertThat(facts.rebufferMs())
          .as("rebuffer time")
          .isCloseTo(Math.round(f.rebufferMs()), within(REBUFFER_TOLERANCE_MS));
      soft.assertThat(facts.seekCount()).as("seeks").isEqualTo(f.seekCount());
      soft.assertThat(facts.playMs())
          .as("play time")
          .isCloseTo(Math.round(f.playMs()), within(PLAY_TOLERANCE_MS));
      soft.assertThat(facts.avgBitrateKbps())
          .as("average bitrate (page: rendered rendition by play time)")
          .isNotNull()
          .isCloseTo(f.avgBitrateKbps(), withinPercentage(BITRATE_TOLERANCE_PERCENT));
    }
    scenarioChecks.check(page, new Checked(run, computed), soft);
    try {
      soft.assertAll();
    } catch (AssertionError failed) {
      SdkHarness.writeRun(
          run, computed.summary(), Path.of("target", "browser-harness", "failed-sdk-runs"));
      throw failed;
    }
  }
}
