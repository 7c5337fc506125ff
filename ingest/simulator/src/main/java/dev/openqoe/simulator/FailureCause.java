package dev.openqoe.simulator;

import dev.openqoe.protocol.EventType;
import dev.openqoe.rootcause.FailureStage;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupOutcome;
import java.util.List;

/**
 * Why a session failed technically (a VSF, or a VPF) and the stage of the delivery chain the
 * failure is ground truth for: the fatal error the script chose, placed by the evidence the session
 * left in the delivery chain, by the table of the simulator's README. The evidence is the session's
 * scripted delivery-chain records, whether or not the run emits them ({@code --no-ops}).
 *
 * @param code the fatal error code the player reported
 */
public record FailureCause(String code, FailureStage stage) {

  /** The cause of the session's technical failure, or null when it did not fail technically. */
  static FailureCause of(SimulatedSession session) {
    SessionFacts facts = session.intended();
    if (facts.startupOutcome() != StartupOutcome.VSF && !facts.vpf()) {
      return null;
    }
    String code =
        session.beacons().stream()
            .filter(b -> b.type() == EventType.ERROR && b.error().fatal())
            .map(b -> b.error().code())
            .findFirst()
            .orElseThrow();
    SessionDelivery delivery = session.delivery();
    int status5xx = (int) delivery.requests().stream().filter(r -> r.status() / 100 == 5).count();
    return new FailureCause(
        code, stage(code, missingRenditionAnswered404(session), delivery.cmcd(), status5xx));
  }

  /**
   * @param missingRendition404 whether the CDN answered one of the session's requests 404 for a
   *     rendition a failed transcode job left unwritten
   * @param cmcd whether the session's player sends CMCD, which links its CDN requests to it
   * @param status5xx how many of its CDN requests were answered 5xx
   * @throws IllegalStateException for a code the table does not place: a new failure the generator
   *     scripts needs its row
   */
  static FailureStage stage(String code, boolean missingRendition404, boolean cmcd, int status5xx) {
    return switch (code) {
      case "DRM_LICENSE_FAILED" -> FailureStage.DRM;
      case "SEGMENT_NOT_FOUND" -> missingRendition404 ? FailureStage.TRANSCODE : FailureStage.CDN;
      case "MANIFEST_LOAD_FAILED" -> FailureStage.CDN;
      case "SOURCE_NOT_SUPPORTED", "MEDIA_DECODE_ERROR", "PLAYER_INTERNAL_ERROR" ->
          FailureStage.PLAYER;
      // A stall is the player's or the CDN's; only the session's own CDN requests tell which.
      case "PLAYBACK_STALLED_FATAL" ->
          !cmcd ? FailureStage.UNKNOWN : status5xx > 0 ? FailureStage.CDN : FailureStage.PLAYER;
      default ->
          throw new IllegalStateException(
              "no failure stage for the fatal code " + code + ": FailureCause needs its row");
    };
  }

  private static boolean missingRenditionAnswered404(SimulatedSession session) {
    List<String> missing =
        session.incidents().stream()
            .filter(i -> i.kind() == IncidentKind.TRANSCODE_BROKEN)
            .map(i -> DeliveryScript.renditionPath(i.scope().get("asset_id"), i.bitrateKbps()))
            .toList();
    return session.delivery().requests().stream()
        .filter(r -> r.status() == 404)
        .anyMatch(r -> missing.stream().anyMatch(r.uri()::startsWith));
  }
}
