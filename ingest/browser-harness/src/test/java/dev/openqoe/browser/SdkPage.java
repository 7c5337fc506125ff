package dev.openqoe.browser;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the SDK test page measured itself during one run (sdk-scenario.js), every instant the page's
 * {@code performance.now()} in ms (the SDK's clock), and the figures it derived the way the session
 * model defines them.
 *
 * @param firstFrameAt the first frame of playback (presented while the element plays, not paused
 *     and not at playbackRate 0) at the time requestVideoFrameCallback gives it (its rendering
 *     step); {@code firstFrameCallbackAt} is when the callback ran, {@code
 *     firstFramePresentationTime} the frame's presentation time, {@code firstPresentedFrameAt} the
 *     first frame shown at all (a still picture when the element waits to play)
 * @param seekBuffering how often the element (Shaka: the player) said it was buffering during a
 *     seek
 * @param closedAt when the driver closed the page (close-during-startup only), else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SdkPage(
    String adapter,
    String scenario,
    String sessionId,
    String libraryVersion,
    Double playRequestedAt,
    Double firstFrameAt,
    Double firstFrameCallbackAt,
    Double firstFramePresentationTime,
    Double firstPresentedFrameAt,
    int seekBuffering,
    List<Interval> adBreaks,
    List<Interval> stalls,
    List<Interval> pauses,
    List<RenderedRendition> renditions,
    List<LibraryRendition> libraryRenditions,
    List<LibraryError> libraryErrors,
    Double businessErrorAt,
    Double fatalErrorAt,
    Double endedAt,
    Double stoppedAt,
    Figures figures,
    JsonNode sdkStats,
    JsonNode diagnostics,
    List<String> errors,
    List<String> log,
    Double closedAt) {

  /** A stall, pause or ad break; end null while open. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Interval(double start, Double end) {}

  /** The video rendition on screen from {@code at} (the element's frame height). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RenderedRendition(double at, int height, Integer bitrateKbps) {}

  /** What the library's own rendition events said (html5: what the page told the SDK). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LibraryRendition(double at, String source, int bitrateKbps) {}

  /** An error the library (html5: the element) reported. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LibraryError(double at, String code, boolean fatal) {}

  /**
   * The page's figures: startup is play request to first frame less ad time between them; play time
   * is first frame to the end less stalls, pauses and seeks (seeking to seeked); the bitrate is the
   * rendered rendition's, weighted by play time.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Figures(
      Double startupMs,
      double adMs,
      int rebufferCount,
      double rebufferMs,
      int seekCount,
      int pauseCount,
      double pauseMs,
      double playMs,
      Double avgBitrateKbps) {}

  public boolean sawFatalLibraryError() {
    return libraryErrors.stream().anyMatch(LibraryError::fatal);
  }
}
