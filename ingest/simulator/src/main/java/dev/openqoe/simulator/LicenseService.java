package dev.openqoe.simulator;

import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The DRM license service players ask for keys: which region serves a viewer's country, and how a
 * request fails while the service is out.
 */
final class LicenseService {

  private static final Map<String, String> REGIONS =
      Map.of(
          "US", "us-east-1",
          "BR", "sa-east-1",
          "DE", "eu-central-1",
          "GB", "eu-west-2",
          "IN", "ap-south-1",
          "JP", "ap-northeast-1");

  /** Errors the license servers of each DRM report when their key store does not answer. */
  private static final Map<String, String[]> OUTAGE_ERRORS =
      Map.of(
          "widevine",
          new String[] {"INTERNAL_ERROR", "license server: key store request timed out"},
          "playready",
          new String[] {
            "DRM_E_SERVER_INTERNAL_ERROR",
            "0x8004C600: the license server could not reach its key store"
          },
          "fairplay",
          new String[] {"KSM_INTERNAL_ERROR", "key security module: content key lookup timed out"});

  /** How long the proxy waits for the license server before it answers with an error. */
  static final long UPSTREAM_TIMEOUT_MS = 5_000;

  private LicenseService() {}

  /** The region serving {@code country}; us-east-1 for a country without its own. */
  static String region(String country) {
    return REGIONS.getOrDefault(country, "us-east-1");
  }

  /** The content key id of an asset: stable, as the packager assigned it. */
  static String keyId(String assetId) {
    return UUID.nameUUIDFromBytes(
            ("key:" + assetId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * A request that fails during an outage: most time out behind the proxy (error), the rest are
   * denied because the entitlement check behind it is down too.
   *
   * @return outcome, error code, error message
   */
  static String[] outageFailure(String drmSystem, Random random) {
    if (random.nextDouble() < 0.35) {
      return new String[] {
        "denied", "ENTITLEMENT_CHECK_FAILED", "entitlement service unavailable: request denied"
      };
    }
    String[] error = OUTAGE_ERRORS.getOrDefault(drmSystem, OUTAGE_ERRORS.get("widevine"));
    return new String[] {"error", error[0], error[1]};
  }
}
