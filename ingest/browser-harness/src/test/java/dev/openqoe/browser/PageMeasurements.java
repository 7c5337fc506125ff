package dev.openqoe.browser;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the harness page measured itself during one run, every instant a {@code Date.now()} in
 * milliseconds. The derived figures (startup time, rebuffering, seeks, play time, time-weighted
 * average video bitrate) are what a correct session model should compute from the same playback.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PageMeasurements(
    String player,
    String mode,
    String sessionId,
    String playerVersion,
    Long playRequestedAt,
    Double playRequestedPerfMs,
    Long firstFrameAt,
    Double firstFramePerfMs,
    List<Interval> stalls,
    List<Seek> seeks,
    List<Interval> pauses,
    Long renditionSwitchRequestedAt,
    Long endedAt,
    Long stoppedAt,
    Double playheadAtStopS,
    List<RenderedRendition> renditions,
    List<PlayerRendition> playerRenditions,
    List<Representation> representations,
    List<String> errors,
    List<String> log) {

  /** A stall or a pause: start, and end (null while open). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Interval(long start, Long end, double playheadS) {
    public long millis() {
      return end == null ? 0 : end - start;
    }
  }

  /** A seek from the playhead {@code fromS} to {@code toS}; it ends when playback resumes. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Seek(long start, Long end, Long seekedAt, double fromS, double toS) {}

  /** The video rendition on screen from {@code at} (the video element's frame size). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RenderedRendition(long at, Integer bitrateKbps, int width, int height) {}

  /** What the player's own events said about its video rendition. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PlayerRendition(long at, String source, int bitrateKbps) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Representation(int bitrateKbps, Integer width, Integer height, String id) {}

  /** Play request to first frame. */
  public long startupMillis() {
    return firstFrameAt - playRequestedAt;
  }

  public int rebufferCount() {
    return stalls.size();
  }

  public long rebufferMillis() {
    return stalls.stream().mapToLong(Interval::millis).sum();
  }

  public int seekCount() {
    return seeks.size();
  }

  /** The end of playback: ended, else when the scenario stopped. */
  public long playbackEnd() {
    return endedAt != null ? endedAt : stoppedAt;
  }

  /**
   * Time spent playing: first frame to the end of playback, less stalls, pauses and seeks (each
   * seek from its start until playback resumed).
   */
  public long playMillis() {
    long seekMillis =
        seeks.stream().mapToLong(s -> s.end() == null ? 0 : s.end() - s.start()).sum();
    long pauseMillis = pauses.stream().mapToLong(Interval::millis).sum();
    return playbackEnd() - firstFrameAt - rebufferMillis() - pauseMillis - seekMillis;
  }

  /**
   * The rendered video bitrate weighted by wall-clock time on screen from first frame to the end of
   * playback (stalls and pauses included, as the frame stays on screen), in kbps.
   */
  public double timeWeightedVideoBitrateKbps() {
    long end = playbackEnd();
    double weighted = 0;
    long total = 0;
    for (int i = 0; i < renditions.size(); i++) {
      RenderedRendition r = renditions.get(i);
      long from = Math.max(r.at(), firstFrameAt);
      long to = i + 1 < renditions.size() ? renditions.get(i + 1).at() : end;
      if (to > from && r.bitrateKbps() != null) {
        weighted += (double) r.bitrateKbps() * (to - from);
        total += to - from;
      }
    }
    return total == 0 ? Double.NaN : weighted / total;
  }

  /** The distinct video bitrates rendered, in order of first appearance. */
  public List<Integer> renderedBitratesKbps() {
    return renditions.stream().map(RenderedRendition::bitrateKbps).distinct().toList();
  }
}
