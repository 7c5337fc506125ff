package dev.openqoe.simulator;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.StreamType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scripts what a session's player asked of the delivery chain, from the beacons it sent: the
 * manifest at play_request, the init and first segments before the first frame, one segment per
 * segment of playing time at the rendition in force (none while paused or in an ad, whose media
 * comes from the ad server), a segment when a switch or a seek takes effect, the late segment at
 * the end of each stall; and for a protected asset the license request before the first frame. The
 * session's incidents show on these requests: a degraded CDN answers slowly and with 5xx, a broken
 * transcode leaves a rendition's segments missing (404), a DRM outage fails the license.
 */
final class DeliveryScript {

  /** Segment length of every rendition (CMAF, 6 s as Apple's HLS guidelines recommend). */
  static final long SEGMENT_MS = 6_000;

  /** The distribution's CloudFront domain, and the host name players use for every CDN. */
  static final String CLOUDFRONT_DOMAIN = "d2f8jd7kq1xkzn.cloudfront.net";

  static final String HOST = "video.openqoe.example";

  /** Requests of a degraded CDN's slice that fail with a 5xx before their retry succeeds. */
  private static final double DEGRADED_5XX_SHARE = 0.04;

  /** Stalls in a degraded slice whose late segment first failed with a 5xx. */
  private static final double DEGRADED_STALL_5XX_SHARE = 0.5;

  private final SessionPlan plan;
  private final Random random;
  private final PlayerTraits traits;
  private final boolean degraded;
  private final Set<Integer> missing;
  private final String edge;
  private final double mbps;
  private final int clientPort;
  private final List<MediaRequest> requests = new ArrayList<>();
  private final Set<Integer> initFetched = new HashSet<>();
  private long manifestEnd;
  private long segmentIndex;
  private Integer kbps;

  private DeliveryScript(SessionPlan plan, List<Incident> hits, Random random) {
    this.plan = plan;
    this.random = random;
    this.traits = PlayerTraits.of(plan.device());
    this.degraded = hits.stream().anyMatch(i -> i.kind() == IncidentKind.CDN_DEGRADED);
    this.missing =
        hits.stream()
            .filter(i -> i.kind() == IncidentKind.TRANSCODE_BROKEN)
            .map(Incident::bitrateKbps)
            .collect(Collectors.toSet());
    this.edge = plan.cdn().edgeFor(plan.network(), plan.clientAddress());
    // The client's throughput: mobile networks are slower than fixed ones.
    double median = plan.device().deviceType().equals("mobile") ? 12 : 35;
    this.mbps = Math.max(2, median * Math.exp(0.5 * random.nextGaussian()));
    this.clientPort = 1024 + random.nextInt(64_000);
  }

  /**
   * @param beacons the session's beacons in the order sent
   * @param hits the incidents that hit the session
   * @param random the session's own random source, after its timeline was scripted
   */
  static SessionDelivery script(
      SessionPlan plan, List<BeaconEvent> beacons, List<Incident> hits, Random random) {
    DeliveryScript script = new DeliveryScript(plan, hits, random);
    LicenseRequest license = script.walk(beacons, hits);
    List<MediaRequest> sorted = new ArrayList<>(script.requests);
    sorted.sort(Comparator.comparingLong(MediaRequest::endTs));
    return new SessionDelivery(script.edge, script.traits.reportsCmcd(), sorted, license);
  }

  private LicenseRequest walk(List<BeaconEvent> beacons, List<Incident> hits) {
    BeaconEvent startupError = startupError(beacons);
    boolean playing = false;
    boolean playingBeforeAd = false;
    long stallStart = -1;
    long seekStart = -1;
    long playhead = 0;
    long nextFetch = 0;
    long firstFrameTs = -1;
    long prevTs = beacons.get(0).ts();
    long lastTs = prevTs;
    loop:
    for (BeaconEvent beacon : beacons) {
      long t = beacon.ts();
      if (playing) {
        // One segment per segment of playing time keeps the buffer where startup filled it.
        while (nextFetch <= playhead + (t - prevTs)) {
          segment(prevTs + (nextFetch - playhead), 0);
          nextFetch += SEGMENT_MS;
        }
        playhead += t - prevTs;
      }
      prevTs = t;
      lastTs = t;
      switch (beacon.type()) {
        case PLAY_REQUEST -> manifest(t, startupError);
        case FIRST_FRAME -> {
          firstFrameTs = t;
          kbps = beacon.bitrateKbps();
          startupSegments(t);
          playing = true;
          nextFetch = playhead + SEGMENT_MS;
        }
        case BITRATE_CHANGE -> {
          kbps = beacon.bitrateKbps();
          if (playing) {
            segment(t, 0); // the switch shows once the first segment of the new rendition is in
            nextFetch = playhead + SEGMENT_MS;
          }
        }
        case REBUFFER_START -> {
          if (playing) {
            playing = false;
            stallStart = t;
          }
        }
        case REBUFFER_END -> {
          if (stallStart >= 0) {
            lateSegment(stallStart, t);
            stallStart = -1;
            playing = true;
            nextFetch = playhead + SEGMENT_MS;
          }
        }
        case SEEK_START -> {
          playing = false;
          seekStart = t;
        }
        case SEEK_END -> {
          if (plan.asset().streamType() == StreamType.VOD) {
            segmentIndex = random.nextInt((int) Math.max(1, plan.asset().lengthMs() / SEGMENT_MS));
          }
          segment(t, Math.max(0, t - seekStart) / 2);
          playing = true;
          nextFetch = playhead + SEGMENT_MS;
        }
        case PAUSE -> playing = false;
        case RESUME -> playing = true;
        case AD_BREAK_START -> {
          playingBeforeAd = playing;
          playing = false;
        }
        case AD_BREAK_END -> playing = playingBeforeAd;
        case ERROR -> {
          error(beacon, t, firstFrameTs >= 0);
          if (beacon.error().fatal()) {
            break loop;
          }
        }
        case END -> {
          break loop;
        }
        default -> {}
      }
    }
    return license(hits, startupError, firstFrameTs, lastTs);
  }

  /** The fatal error that ended the session before its first frame, or null. */
  private static BeaconEvent startupError(List<BeaconEvent> beacons) {
    for (BeaconEvent beacon : beacons) {
      if (beacon.type() == EventType.FIRST_FRAME) {
        return null;
      }
      if (beacon.type() == EventType.ERROR && beacon.error().fatal()) {
        return beacon;
      }
    }
    return null;
  }

  private void manifest(long playRequestTs, BeaconEvent startupError) {
    String code = startupError == null ? null : startupError.error().code();
    int status =
        switch (code == null ? "" : code) {
          case "GEO_BLOCKED", "NOT_ENTITLED" -> 403;
          case "MANIFEST_LOAD_FAILED" -> 404;
          default -> 200;
        };
    String detail =
        switch (status) {
          case 403 -> code.equals("GEO_BLOCKED") ? "ClientGeoBlocked" : "Error";
          case 404 -> "Error";
          default -> null;
        };
    long ttfb = scaled(uniform(8, 40));
    long bytes = status == 200 ? uniform(1_200, 4_000) : uniform(300, 500);
    long taken = ttfb + uniform(2, 15);
    manifestEnd = playRequestTs + taken + uniform(20, 80);
    String path = traits.hls() ? "master.m3u8" : "manifest.mpd";
    requests.add(
        request(
            manifestEnd,
            "/v/" + plan.asset().assetId() + "/" + path,
            "m",
            null,
            status,
            bytes,
            ttfb,
            taken,
            status == 200 ? cacheHitOrMiss() : "Error",
            detail,
            traits.hls() ? "application/vnd.apple.mpegurl" : "application/dash+xml"));
  }

  /** The init segment and two media segments of the first rendition, fetched before it shows. */
  private void startupSegments(long firstFrameTs) {
    long[] ends = {firstFrameTs - uniform(420, 600), firstFrameTs - uniform(200, 400)};
    for (long end : ends) {
      segment(Math.max(end, manifestEnd + 10), 0);
    }
  }

  /** A segment that came late enough to stall the player: it arrived when the stall ended. */
  private void lateSegment(long stallStart, long stallEnd) {
    long stall = stallEnd - stallStart;
    if (degraded && random.nextDouble() < DEGRADED_STALL_5XX_SHARE) {
      failedAttempt(stallStart + stall / 2, stall / 2);
      segment(stallEnd, stall / 2, false);
    } else {
      segment(stallEnd, stall, false);
    }
  }

  private void error(BeaconEvent beacon, long t, boolean started) {
    switch (beacon.error().code()) {
      case "SEGMENT_NOT_FOUND" -> {
        if (!started) {
          kbps = plan.asset().ladder().get(0);
        }
        // The player's last retry of the segment it could not get.
        segmentAt(t - uniform(30, 120), 0, 404, false);
      }
      case "SEGMENT_RETRY" -> segmentAt(t + uniform(50, 400), 0, 200, false);
      case "SOURCE_NOT_SUPPORTED" -> {
        kbps = plan.asset().ladder().get(0);
        init(t - uniform(100, 300));
      }
      default -> {}
    }
  }

  private void segment(long endTs, long waitedMs) {
    segment(endTs, waitedMs, true);
  }

  /**
   * A media segment at the rendition in force; in a degraded slice some first fail with a 5xx and
   * are retried.
   */
  private void segment(long endTs, long waitedMs, boolean mayFail) {
    if (!initFetched.contains(kbps)) {
      init(endTs - uniform(5, 40));
    }
    int status = missing.contains(kbps) ? 404 : 200;
    if (status == 200 && mayFail && degraded && random.nextDouble() < DEGRADED_5XX_SHARE) {
      failedAttempt(endTs - uniform(150, 900), 0);
    }
    segmentAt(endTs, waitedMs, status, status == 200);
  }

  private void segmentAt(long endTs, long waitedMs, int status, boolean advance) {
    boolean live = plan.asset().streamType() == StreamType.LIVE;
    long number = live ? endTs / SEGMENT_MS : segmentIndex;
    if (advance && !live) {
      segmentIndex++;
    }
    long bytes =
        status == 200
            ? Math.round(kbps * 125.0 * SEGMENT_MS / 1000 * uniformDouble(0.85, 1.15))
            : uniform(300, 500);
    String cache = status == 200 ? cacheHitOrMiss() : "Error";
    long ttfb = scaled(cache.equals("Miss") ? uniform(60, 250) : uniform(5, 40));
    long transfer = status == 200 ? Math.round(bytes * 8 / (mbps * 1000) * (degraded ? 3 : 1)) : 1;
    requests.add(
        request(
            endTs,
            renditionPath() + String.format("seg-%05d.m4s", number),
            "v",
            kbps,
            status,
            bytes,
            ttfb,
            ttfb + transfer + waitedMs,
            cache,
            status == 200 ? null : "Error",
            "video/mp4"));
  }

  private void init(long endTs) {
    initFetched.add(kbps);
    int status = missing.contains(kbps) ? 404 : 200;
    long ttfb = scaled(uniform(5, 40));
    requests.add(
        request(
            endTs,
            renditionPath() + "init.mp4",
            "i",
            kbps,
            status,
            status == 200 ? uniform(700, 1_200) : uniform(300, 500),
            ttfb,
            ttfb + uniform(1, 10),
            status == 200 ? "Hit" : "Error",
            status == 200 ? null : "Error",
            "video/mp4"));
  }

  /** A segment request the degraded edge answered with a 5xx; the player retries it. */
  private void failedAttempt(long endTs, long waitedMs) {
    boolean timeout = random.nextBoolean();
    long ttfb = timeout ? uniform(1_000, 4_000) : uniform(50, 600);
    requests.add(
        request(
            endTs,
            renditionPath()
                + String.format(
                    "seg-%05d.m4s",
                    plan.asset().streamType() == StreamType.LIVE
                        ? endTs / SEGMENT_MS
                        : segmentIndex),
            "v",
            kbps,
            timeout ? 504 : 502,
            uniform(300, 600),
            ttfb,
            Math.max(ttfb, waitedMs),
            "Error",
            timeout ? "OriginCommError" : "OriginConnectError",
            "text/html"));
  }

  private MediaRequest request(
      long endTs,
      String uri,
      String objectType,
      Integer bitrate,
      int status,
      long bytes,
      long ttfbMs,
      long timeTakenMs,
      String cacheResult,
      String errorDetail,
      String contentType) {
    return new MediaRequest(
        // Nothing a player fetches arrives before its manifest.
        Math.max(endTs, manifestEnd),
        plan.sessionId(),
        plan.cdn().name(),
        edge,
        plan.clientAddress(),
        clientPort,
        plan.device().userAgent(),
        uri,
        traits.reportsCmcd() ? "CMCD=" + encode(cmcd(objectType, bitrate)) : null,
        objectType,
        status,
        bytes,
        ttfbMs,
        timeTakenMs,
        cacheResult,
        errorDetail,
        requestId(),
        contentType);
  }

  /** CMCD v1 keys in the order the specification sorts them: alphabetical. */
  private String cmcd(String objectType, Integer bitrate) {
    return (bitrate == null ? "" : "br=" + bitrate + ",")
        + "cid=\""
        + plan.asset().assetId()
        + "\",ot="
        + objectType
        + ",sf="
        + (traits.hls() ? "h" : "d")
        + ",sid=\""
        + plan.sessionId()
        + "\"";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** CloudFront's ids are 40 random bytes in URL-safe base64; the others' 16 bytes in hex. */
  private String requestId() {
    byte[] bytes = new byte[plan.cdn().isCloudFront() ? 40 : 16];
    random.nextBytes(bytes);
    return plan.cdn().isCloudFront()
        ? Base64.getUrlEncoder().encodeToString(bytes)
        : HexFormat.of().formatHex(bytes);
  }

  private String renditionPath() {
    return renditionPath(plan.asset().assetId(), kbps);
  }

  /** Where a rendition's init and media segments are: {@code /v/<asset>/<kbps>k/}. */
  static String renditionPath(String assetId, int kbps) {
    return "/v/" + assetId + "/" + Asset.renditionName(kbps) + "/";
  }

  private String cacheHitOrMiss() {
    double draw = random.nextDouble();
    return draw < 0.88 ? "Hit" : draw < 0.89 ? "RefreshHit" : "Miss";
  }

  /** A degraded edge is slow to answer. */
  private long scaled(long ms) {
    return degraded ? ms * 4 : ms;
  }

  /**
   * The license request of a protected asset: before the first frame, or failing during a DRM
   * outage; none when the manifest already failed or the viewer left before the player asked.
   */
  private LicenseRequest license(
      List<Incident> hits, BeaconEvent startupError, long firstFrameTs, long lastTs) {
    String system = plan.drmSystem();
    if (system == null) {
      return null;
    }
    boolean outage = hits.stream().anyMatch(i -> i.kind() == IncidentKind.DRM_OUTAGE);
    String code = startupError == null ? null : startupError.error().code();
    String outcome = "granted";
    String errorCode = null;
    String errorMessage = null;
    long end;
    long latency;
    if ("DRM_LICENSE_FAILED".equals(code)) {
      String[] failure = LicenseService.outageFailure(system, random);
      outcome = failure[0];
      errorCode = failure[1];
      errorMessage = failure[2];
      end = startupError.ts() - uniform(20, 150);
      latency =
          outcome.equals("denied")
              ? uniform(20, 80)
              : Math.min(LicenseService.UPSTREAM_TIMEOUT_MS, Math.max(1, end - manifestEnd));
    } else if (code != null
        && List.of("MANIFEST_LOAD_FAILED", "GEO_BLOCKED", "NOT_ENTITLED").contains(code)) {
      return null;
    } else {
      long before = firstFrameTs >= 0 ? firstFrameTs : code != null ? startupError.ts() : lastTs;
      end = Math.max(manifestEnd + 20, before - uniform(150, 700));
      if (end >= before && firstFrameTs < 0) {
        return null; // the viewer left before the player asked for a license
      }
      long normal = Math.max(10, Math.round(45 * Math.exp(0.5 * random.nextGaussian())));
      latency = Math.min(outage ? uniform(1_500, 4_000) : normal, Math.max(1, end - manifestEnd));
    }
    return new LicenseRequest(
        end,
        plan.sessionId(),
        plan.asset().assetId(),
        system,
        LicenseService.keyId(plan.asset().assetId()),
        LicenseService.region(plan.network().country()),
        outcome,
        errorCode,
        errorMessage,
        latency,
        RandomIds.uuid(random));
  }

  private long uniform(long from, long to) {
    return from + (long) (random.nextDouble() * (to - from));
  }

  private double uniformDouble(double from, double to) {
    return from + random.nextDouble() * (to - from);
  }
}
