package dev.openqoe.simulator;

/**
 * A kind of device with the player app that runs on it.
 *
 * @param drmSystem the DRM the device uses for protected assets
 * @param maxBitrateKbps the highest rendition the device's screen and decoder take
 * @param userAgent what the app sends as User-Agent, so the collector classifies it like a real one
 * @param startupFactor multiplies the typical startup time (slower devices start slower)
 */
public record DeviceProfile(
    String deviceType,
    String os,
    String playerName,
    String playerVersion,
    String appVersion,
    String drmSystem,
    int maxBitrateKbps,
    String userAgent,
    double share,
    double startupFactor) {}
