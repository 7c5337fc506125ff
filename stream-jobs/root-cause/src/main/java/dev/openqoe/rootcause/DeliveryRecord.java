package dev.openqoe.rootcause;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the delivery chain recorded of one session: its CDN requests (those carrying its CMCD
 * session id) and its license requests (those a DRM proxy logged with its session id). Adding an
 * event gives a new record; its counts do not depend on the order events come in.
 *
 * @param edges the CDN edge locations it was served from, sorted, comma-separated (the first
 *     {@value #MAX_LISTED} seen)
 * @param notFoundPaths the directories of the requests answered 404 or 410 (e.g. {@code
 *     /v/asset-7/3000k}), sorted, comma-separated (the first {@value #MAX_LISTED} seen)
 * @param worstTtfbMs the longest time to first byte, or -1 when no request told it
 * @param licenseOutcome the worst outcome of its license requests (error, then denied, then
 *     granted), or null when none was linked
 * @param licenseErrorCode the error code of that worst request
 * @param worstLicenseLatencyMs the longest license latency, or -1
 * @param firstEventAt the earliest event time, or {@link Long#MAX_VALUE} when empty
 * @param lastEventAt the latest event time, or {@link Long#MIN_VALUE} when empty
 */
public record DeliveryRecord(
    int cdnRequests,
    int cdn4xx,
    int cdn5xx,
    int cacheMisses,
    long worstTtfbMs,
    String edges,
    String notFoundPaths,
    int licenseRequests,
    String licenseOutcome,
    String licenseErrorCode,
    long worstLicenseLatencyMs,
    String drmSystem,
    String drmRegion,
    long firstEventAt,
    long lastEventAt) {

  /** Edge locations and not-found directories kept per session: enough to name them. */
  public static final int MAX_LISTED = 8;

  public static final DeliveryRecord EMPTY =
      new DeliveryRecord(
          0, 0, 0, 0, -1, "", "", 0, null, null, -1, null, null, Long.MAX_VALUE, Long.MIN_VALUE);

  private static final Map<String, Integer> OUTCOME_RANK =
      Map.of("granted", 0, "denied", 1, "error", 2);

  /** Whether any event is linked to the session. */
  public boolean linked() {
    return cdnRequests > 0 || licenseRequests > 0;
  }

  /** Whether a linked license request was denied or failed. */
  public boolean licenseFailed() {
    return licenseOutcome != null && !licenseOutcome.equals("granted");
  }

  public DeliveryRecord plus(OpsEvent event) {
    long first = Math.min(firstEventAt, event.eventTime());
    long last = Math.max(lastEventAt, event.eventTime());
    if (event.cdnRequest() != null) {
      return plusCdn(event.cdnRequest(), first, last);
    }
    if (event.license() != null) {
      return plusLicense(event.license(), event.errorCode(), first, last);
    }
    return this;
  }

  private DeliveryRecord plusCdn(CdnRequest request, long first, long last) {
    int status = request.statusCode() == null ? 0 : request.statusCode();
    boolean notFound = status == 404 || status == 410;
    return new DeliveryRecord(
        cdnRequests + 1,
        cdn4xx + (status / 100 == 4 ? 1 : 0),
        cdn5xx + (status / 100 == 5 ? 1 : 0),
        cacheMisses + ("miss".equals(request.cacheResult()) ? 1 : 0),
        request.ttfbMs() == null ? worstTtfbMs : Math.max(worstTtfbMs, request.ttfbMs()),
        withListed(edges, request.edge()),
        notFound ? withListed(notFoundPaths, directory(request.uri())) : notFoundPaths,
        licenseRequests,
        licenseOutcome,
        licenseErrorCode,
        worstLicenseLatencyMs,
        drmSystem,
        drmRegion,
        first,
        last);
  }

  private DeliveryRecord plusLicense(
      LicenseRequest license, String errorCode, long first, long last) {
    String outcome = license.outcome() == null ? "error" : license.outcome();
    boolean worse =
        licenseOutcome == null
            || OUTCOME_RANK.getOrDefault(outcome, 2) > OUTCOME_RANK.getOrDefault(licenseOutcome, 2);
    return new DeliveryRecord(
        cdnRequests,
        cdn4xx,
        cdn5xx,
        cacheMisses,
        worstTtfbMs,
        edges,
        notFoundPaths,
        licenseRequests + 1,
        worse ? outcome : licenseOutcome,
        worse ? errorCode : licenseErrorCode,
        license.latencyMs() == null
            ? worstLicenseLatencyMs
            : Math.max(worstLicenseLatencyMs, license.latencyMs()),
        license.drmSystem() == null ? drmSystem : license.drmSystem(),
        license.region() == null ? drmRegion : license.region(),
        first,
        last);
  }

  /**
   * The renditions among {@code failed} that a request answered 404 named as a directory of its
   * path; {@link TranscodeFailures#WHOLE_LADDER} names every rendition.
   */
  public Set<String> notFoundRenditions(Set<String> failed) {
    Set<String> named = new TreeSet<>();
    for (String path : list(notFoundPaths)) {
      for (String segment : path.split("/")) {
        if (failed.contains(segment)) {
          named.add(segment);
        }
      }
      if (failed.contains(TranscodeFailures.WHOLE_LADDER) && !path.isEmpty()) {
        named.add(TranscodeFailures.WHOLE_LADDER);
      }
    }
    return named;
  }

  static String[] list(String joined) {
    return joined.isEmpty() ? new String[0] : joined.split(",");
  }

  private static String withListed(String joined, String value) {
    if (value == null || value.isEmpty()) {
      return joined;
    }
    String clean = value.replace(",", "%2C");
    Set<String> values = new TreeSet<>(Arrays.asList(list(joined)));
    if (values.contains(clean) || values.size() >= MAX_LISTED) {
      return joined;
    }
    values.add(clean);
    return String.join(",", values);
  }

  private static String directory(String uri) {
    if (uri == null) {
      return null;
    }
    int slash = uri.lastIndexOf('/');
    return slash <= 0 ? "/" : uri.substring(0, slash);
  }
}
