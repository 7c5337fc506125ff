package dev.openqoe.rootcause;

/**
 * What a closed session's facts say that its delivery record needs, from {@code dwd.sessions}.
 *
 * @param startupOutcome started, vsf, vsf_business, ebvs, or null when there was no attempt
 * @param vpf a fatal technical error ended it after the first frame
 * @param rebufferCount its stalls while playing
 * @param vstMs its video startup time, or -1 when it did not start
 * @param fatalErrorCode the code of the fatal technical error the player reported, or null
 */
public record SessionOutcome(
    String sessionId,
    String propertyId,
    String assetId,
    String cdn,
    String drmSystem,
    SessionDimensions dimensions,
    String startupOutcome,
    boolean vpf,
    int rebufferCount,
    long vstMs,
    long endedAt,
    String fatalErrorCode) {

  /** A technical failure: a video start failure or a video playback failure. */
  public boolean failed() {
    return "vsf".equals(startupOutcome) || vpf;
  }

  public SessionOutcome withFatalErrorCode(String code) {
    return new SessionOutcome(
        sessionId,
        propertyId,
        assetId,
        cdn,
        drmSystem,
        dimensions,
        startupOutcome,
        vpf,
        rebufferCount,
        vstMs,
        endedAt,
        code);
  }
}
