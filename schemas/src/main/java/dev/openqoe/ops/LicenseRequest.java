package dev.openqoe.ops;

/**
 * One DRM license request, as a license server or proxy logs it.
 *
 * @param drmSystem widevine, playready, fairplay
 * @param outcome granted, denied, error
 */
public record LicenseRequest(
    String drmSystem, String keyId, String outcome, Long latencyMs, String region) {}
