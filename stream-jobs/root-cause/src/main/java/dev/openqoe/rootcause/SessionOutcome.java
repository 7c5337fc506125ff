package dev.openqoe.rootcause;

/**
 * What a closed session's facts say that its failure attribution needs, from {@code dwd.sessions}.
 *
 * @param startupOutcome started, vsf, vsf_business, ebvs, or null when there was no attempt
 * @param vpf a fatal technical error ended it after the first frame
 * @param fatalErrorCode the code of the fatal technical error the player reported, or null
 */
public record SessionOutcome(
    String sessionId,
    String propertyId,
    String assetId,
    String cdn,
    String drmSystem,
    String startupOutcome,
    boolean vpf,
    long endedAt,
    String fatalErrorCode) {

  /** A technical failure: a video start failure or a video playback failure. */
  public boolean failed() {
    return "vsf".equals(startupOutcome) || vpf;
  }

  public SessionOutcome withFatalErrorCode(String code) {
    return new SessionOutcome(
        sessionId, propertyId, assetId, cdn, drmSystem, startupOutcome, vpf, endedAt, code);
  }
}
