package dev.openqoe.simulator;

/**
 * One DRM license request of a protected playback, as the license proxy logs it.
 *
 * @param ts when the proxy answered
 * @param outcome granted, denied or error
 * @param region the license service region the client's country is served from
 * @param requestId the proxy's id of the request
 */
public record LicenseRequest(
    long ts,
    String sessionId,
    String contentId,
    String drmSystem,
    String keyId,
    String region,
    String outcome,
    String errorCode,
    String errorMessage,
    long latencyMs,
    String requestId) {

  public boolean granted() {
    return outcome.equals("granted");
  }
}
