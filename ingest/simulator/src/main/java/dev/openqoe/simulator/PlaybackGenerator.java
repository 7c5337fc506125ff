package dev.openqoe.simulator;

import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.StreamType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scripts one session: startup (with pre-roll ads, abandonment and start failures), then playing
 * with stalls, bitrate switches, seeks, pauses, mid-roll ads and errors, until the viewer leaves or
 * playback fails. Incidents that hit the session change the odds; a player bug fails sessions with
 * {@code PLAYER_INTERNAL_ERROR} before or soon after the first frame.
 */
final class PlaybackGenerator {

  /** The longest single step after startup (a pause), so a session never overruns its deadline. */
  static final long LONGEST_STEP_MS = 120_000;

  /** The longest startup: ad load, a 30 s pre-roll, a 30 s start, a failure. */
  static final long LONGEST_STARTUP_MS = 95_000;

  private static final long MINUTE_MS = 60_000;
  private static final List<String> START_ERRORS =
      List.of("MANIFEST_LOAD_FAILED", "SEGMENT_NOT_FOUND", "SOURCE_NOT_SUPPORTED");
  private static final List<String> BUSINESS_ERRORS =
      List.of("GEO_BLOCKED", "NOT_ENTITLED", "CONCURRENT_STREAM_LIMIT");

  /** How soon after the first frame a player bug fails playback, at the latest. */
  private static final long PLAYER_BUG_FAIL_WITHIN_MS = 30_000;

  private final Behaviour behaviour;

  PlaybackGenerator(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /**
   * @param maxLengthMs the session ends (the viewer leaves) by then at the latest; at least {@link
   *     #LONGEST_STARTUP_MS} + {@link #LONGEST_STEP_MS}
   */
  SimulatedSession generate(
      SessionPlan plan, long startTs, long maxLengthMs, List<Incident> incidents, Random random) {
    List<Incident> hits = incidents.stream().filter(i -> i.affects(plan)).toList();
    Effects effects = new Effects(plan, hits);
    Timeline timeline = new Timeline(plan, startTs, behaviour.heartbeatMs());
    timeline.playRequest();
    if (startup(plan, effects, timeline, random)) {
      play(plan, effects, timeline, startTs + maxLengthMs, random);
    }
    // Drawn after the timeline, so the delivery chain never changes what the player does.
    return timeline.finish(hits, DeliveryScript.script(plan, timeline.beacons(), hits, random));
  }

  /** Returns whether the first frame was shown. */
  private boolean startup(SessionPlan plan, Effects effects, Timeline t, Random random) {
    double draw = random.nextDouble();
    double startupScale =
        plan.cdn().startupFactor() * plan.device().startupFactor() * (effects.degraded ? 1.6 : 1);
    long loadMs =
        clamp(
            logNormal(behaviour.startupMedianMs() * startupScale, behaviour.startupSigma(), random),
            150,
            30_000);
    if (plan.asset().streamType() == StreamType.VOD
        && random.nextDouble() < behaviour.prerollShare()) {
      t.pass(uniform(200, 1_500, random));
      t.adBreakStart();
      if (draw < behaviour.ebvsShare() / 2) {
        t.pass(uniform(2_000, 14_000, random));
        t.end();
        return false;
      }
      t.pass(random.nextBoolean() ? 15_000 : 30_000);
      t.adBreakEnd();
    }
    if (effects.drmOutage && random.nextDouble() < behaviour.drmOutageFailureShare()) {
      t.pass(uniform(800, 4_000, random));
      t.error("DRM_LICENSE_FAILED", true, ErrorCategory.TECHNICAL);
      return false;
    }
    // Drawn only in a player bug's slice, so an incident never changes the sessions it misses.
    if (effects.playerBug && random.nextDouble() < behaviour.playerBugStartFailureShare()) {
      t.pass(uniform(200, loadMs + 1_000, random));
      t.error("PLAYER_INTERNAL_ERROR", true, ErrorCategory.TECHNICAL);
      return false;
    }
    if (draw < behaviour.ebvsShare()) {
      t.pass(uniform(1_500, 20_000, random));
      t.end();
      return false;
    }
    draw -= behaviour.ebvsShare();
    if (draw < behaviour.vsfShare()) {
      t.pass(uniform(300, loadMs + 5_000, random));
      t.error(START_ERRORS.get(random.nextInt(START_ERRORS.size())), true, ErrorCategory.TECHNICAL);
      return false;
    }
    draw -= behaviour.vsfShare();
    if (draw < behaviour.vsfBusinessShare()) {
      t.pass(uniform(200, 1_500, random));
      t.error(
          BUSINESS_ERRORS.get(random.nextInt(BUSINESS_ERRORS.size())),
          true,
          ErrorCategory.BUSINESS);
      return false;
    }
    t.pass(loadMs);
    List<Integer> ladder = effects.ladder;
    int first = ladder.get(Math.min(ladder.size() - 1, 1 + random.nextInt(2)));
    // A rendition missing at the origin fails the first segment request: the player starts on the
    // next one it can fetch (the 404 itself is simulated once playing, where players differ).
    t.firstFrame(effects.missing.contains(first) ? effects.fallbackFrom(first) : first);
    return true;
  }

  private void play(SessionPlan plan, Effects effects, Timeline t, long deadline, Random random) {
    boolean vod = plan.asset().streamType() == StreamType.VOD;
    long watchMs =
        Math.max(
            5_000,
            exponential(vod ? behaviour.meanVodWatchMs() : behaviour.meanLiveWatchMs(), random));
    if (vod) {
      watchMs = Math.min(watchMs, plan.asset().lengthMs());
    }
    long failAtMs = -1;
    String failCode = null;
    ErrorCategory failCategory = null;
    double failDraw = random.nextDouble();
    if (failDraw < behaviour.playbackFailureShare()) {
      failAtMs = uniform(0, watchMs, random);
      failCode = "PLAYBACK_STALLED_FATAL";
      failCategory = ErrorCategory.TECHNICAL;
    } else if (failDraw
        < behaviour.playbackFailureShare() + behaviour.playbackBusinessFailureShare()) {
      failAtMs = uniform(0, watchMs, random);
      failCode = "CONCURRENT_STREAM_LIMIT";
      failCategory = ErrorCategory.BUSINESS;
    }
    // Drawn only in the slice, like the start failure; the defect's failure replaces the
    // baseline's.
    if (effects.playerBug && random.nextDouble() < behaviour.playerBugPlaybackFailureShare()) {
      failAtMs = uniform(1_000, Math.min(PLAYER_BUG_FAIL_WITHIN_MS, watchMs), random);
      failCode = "PLAYER_INTERNAL_ERROR";
      failCategory = ErrorCategory.TECHNICAL;
    }
    long midrollAtMs = vod && random.nextDouble() < behaviour.midrollShare() ? watchMs / 2 : -1;
    // On a good network the adaptation climbs to the broken rendition within the first minute.
    Integer brokenKbps = effects.reachableBrokenBitrate();
    long climbAtMs = brokenKbps == null ? -1 : uniform(2_000, Math.min(60_000, watchMs), random);
    double rebufferRate =
        behaviour.rebuffersPerMinute()
            * plan.cdn().rebufferFactor()
            * (effects.degraded ? behaviour.degradedRebufferFactor() : 1);
    double seekRate = vod ? behaviour.seeksPerMinute() : 0;
    double[] rates = {
      rebufferRate,
      behaviour.switchesPerMinute(),
      seekRate,
      behaviour.pausesPerMinute(),
      behaviour.softErrorsPerMinute()
    };
    double totalRate = 0;
    for (double rate : rates) {
      totalRate += rate;
    }
    long playedMs = 0;
    while (true) {
      if (effects.badBitrates.contains(t.bitrateKbps())) {
        // The broken rendition plays for a moment, then the decoder gives up.
        t.pass(Math.min(uniform(500, 4_000, random), Math.max(0, deadline - t.now())));
        t.error("MEDIA_DECODE_ERROR", true, ErrorCategory.TECHNICAL);
        return;
      }
      if (effects.missing.contains(t.bitrateKbps())) {
        // Its segments answer 404; the player retries them while the buffer lasts.
        int missingKbps = t.bitrateKbps();
        t.pass(Math.min(uniform(300, 2_500, random), Math.max(0, deadline - t.now())));
        int fallback = effects.fallbackFrom(missingKbps);
        if (!PlayerTraits.of(plan.device()).skipsMissingRendition() || fallback == missingKbps) {
          t.error("SEGMENT_NOT_FOUND", true, ErrorCategory.TECHNICAL);
          return;
        }
        t.error("SEGMENT_NOT_FOUND", false, ErrorCategory.TECHNICAL);
        effects.dropRendition(missingKbps);
        t.bitrateChange(fallback);
        continue;
      }
      long nextStop = watchMs;
      if (failAtMs >= 0) {
        nextStop = Math.min(nextStop, failAtMs);
      }
      if (midrollAtMs >= 0) {
        nextStop = Math.min(nextStop, midrollAtMs);
      }
      if (climbAtMs >= 0) {
        nextStop = Math.min(nextStop, climbAtMs);
      }
      long untilEvent = exponential(MINUTE_MS / totalRate, random);
      long latest = deadline - LONGEST_STEP_MS - t.now();
      if (latest <= 0) {
        leave(t, random);
        return;
      }
      if (playedMs + untilEvent >= nextStop || untilEvent >= latest) {
        long step = Math.min(nextStop - playedMs, latest);
        t.pass(step);
        playedMs += step;
        if (step == latest || playedMs >= watchMs) {
          leave(t, random);
          return;
        }
        if (playedMs == failAtMs) {
          t.error(failCode, true, failCategory);
          return;
        }
        if (playedMs == climbAtMs) {
          climbAtMs = -1;
          if (!brokenKbps.equals(t.bitrateKbps())) {
            t.bitrateChange(brokenKbps);
          }
          continue;
        }
        midrollAtMs = -1;
        t.adBreakStart();
        t.pass(random.nextBoolean() ? 15_000 : 30_000);
        t.adBreakEnd();
        continue;
      }
      t.pass(untilEvent);
      playedMs += untilEvent;
      double pick = random.nextDouble() * totalRate;
      if ((pick -= rates[0]) < 0) {
        stall(effects, t, random);
      } else if ((pick -= rates[1]) < 0) {
        switchBitrate(effects, t, random);
      } else if ((pick -= rates[2]) < 0) {
        seek(t, random);
      } else if ((pick -= rates[3]) < 0) {
        t.pause();
        t.pass(clamp(logNormal(15_000, 1.0, random), 1_000, LONGEST_STEP_MS));
        t.resume();
      } else {
        t.error("SEGMENT_RETRY", false, ErrorCategory.TECHNICAL);
      }
    }
  }

  private void stall(Effects effects, Timeline t, Random random) {
    double median =
        behaviour.rebufferMedianMs()
            * (effects.degraded ? behaviour.degradedRebufferLengthFactor() : 1);
    t.rebufferStart();
    t.pass(clamp(logNormal(median, 0.7, random), 100, 60_000));
    t.rebufferEnd();
    if (effects.degraded && random.nextBoolean()) {
      // The player's adaptation reacts to the stall by stepping down.
      int index = effects.ladder.indexOf(t.bitrateKbps());
      if (index > 0) {
        t.bitrateChange(effects.ladder.get(index - 1));
      }
    }
  }

  private void switchBitrate(Effects effects, Timeline t, Random random) {
    List<Integer> ladder = effects.ladder;
    int index = ladder.indexOf(t.bitrateKbps());
    boolean up = index == 0 || (index < ladder.size() - 1 && random.nextDouble() < 0.6);
    int next = up ? index + 1 : index - 1;
    if (next >= 0 && next < ladder.size()) {
      t.bitrateChange(ladder.get(next));
    }
  }

  private void seek(Timeline t, Random random) {
    t.seekStart();
    if (random.nextDouble() < 0.3) {
      t.pass(uniform(50, 300, random));
      t.rebufferStart();
      t.pass(uniform(200, 2_500, random));
      t.rebufferEnd();
    }
    t.pass(uniform(100, 1_500, random));
    t.seekEnd();
  }

  private void leave(Timeline t, Random random) {
    if (random.nextDouble() < behaviour.vanishShare()) {
      t.vanish();
    } else {
      t.end();
    }
  }

  private static long logNormal(double median, double sigma, Random random) {
    return Math.round(median * Math.exp(sigma * random.nextGaussian()));
  }

  private static long exponential(double mean, Random random) {
    return Math.max(1, Math.round(-mean * Math.log(1 - random.nextDouble())));
  }

  private static long uniform(long from, long to, Random random) {
    return from >= to ? from : from + (long) (random.nextDouble() * (to - from));
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }

  /** What the incidents that hit a session change for it. */
  private static final class Effects {
    final boolean degraded;
    final boolean drmOutage;
    final boolean playerBug;
    final Set<Integer> badBitrates;
    final Set<Integer> missing;
    final List<Integer> ladder;

    Effects(SessionPlan plan, List<Incident> hits) {
      degraded = hits.stream().anyMatch(i -> i.kind() == IncidentKind.CDN_DEGRADED);
      drmOutage =
          plan.drmSystem() != null
              && hits.stream().anyMatch(i -> i.kind() == IncidentKind.DRM_OUTAGE);
      playerBug = hits.stream().anyMatch(i -> i.kind() == IncidentKind.PLAYER_BUG);
      badBitrates =
          hits.stream()
              .filter(i -> i.kind() == IncidentKind.BAD_RENDITION)
              .map(Incident::bitrateKbps)
              .collect(Collectors.toSet());
      missing =
          hits.stream()
              .filter(i -> i.kind() == IncidentKind.TRANSCODE_BROKEN)
              .map(Incident::bitrateKbps)
              .collect(Collectors.toSet());
      int cap = plan.device().maxBitrateKbps();
      List<Integer> playable = plan.asset().ladder().stream().filter(kbps -> kbps <= cap).toList();
      ladder = new ArrayList<>(playable.isEmpty() ? plan.asset().ladder().subList(0, 1) : playable);
    }

    /** The lowest broken or missing rendition this session's device can play, or null. */
    Integer reachableBrokenBitrate() {
      return ladder.stream()
          .filter(kbps -> badBitrates.contains(kbps) || missing.contains(kbps))
          .findFirst()
          .orElse(null);
    }

    /**
     * Where a player goes from a missing rendition: the highest available one below it, else the
     * lowest above it, else (nothing else to play) the rendition itself.
     */
    int fallbackFrom(int kbps) {
      Integer below = null;
      Integer above = null;
      for (int candidate : ladder) {
        if (missing.contains(candidate)) {
          continue;
        }
        if (candidate < kbps) {
          below = candidate;
        } else if (above == null && candidate > kbps) {
          above = candidate;
        }
      }
      return below != null ? below : above != null ? above : kbps;
    }

    /** The player no longer switches to a rendition it found missing. */
    void dropRendition(int kbps) {
      if (ladder.size() > 1) {
        ladder.remove(Integer.valueOf(kbps));
      }
    }
  }
}
