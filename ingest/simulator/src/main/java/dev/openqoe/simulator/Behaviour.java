package dev.openqoe.simulator;

/**
 * How viewers and players behave: the distributions sessions are drawn from. Rates per minute are
 * per minute of playing time; shares are probabilities per session.
 *
 * @param ebvsShare attempts the viewer abandons before the first frame
 * @param vsfShare attempts that fail with a technical error before the first frame
 * @param vsfBusinessShare attempts refused for business reasons (geo-block, entitlement)
 * @param startupMedianMs typical time from play_request to first frame, before device and CDN
 *     factors; startup times are log-normal around it
 * @param startupSigma the log-normal spread of startup times
 * @param prerollShare VOD sessions that start with a pre-roll ad break
 * @param midrollShare VOD sessions with one mid-roll ad break halfway through
 * @param meanVodWatchMs mean watch time of VOD sessions (exponential, capped by the asset)
 * @param meanLiveWatchMs mean watch time of live sessions (exponential)
 * @param rebuffersPerMinute stalls per minute of playing, before the CDN's factor
 * @param rebufferMedianMs typical stall length (log-normal)
 * @param switchesPerMinute adaptive bitrate switches per minute of playing
 * @param seeksPerMinute seeks per minute of playing, VOD only
 * @param pausesPerMinute pauses per minute of playing
 * @param softErrorsPerMinute non-fatal errors (a segment retried) per minute of playing
 * @param playbackFailureShare started sessions ended by a fatal technical error
 * @param playbackBusinessFailureShare started sessions ended by a fatal business error
 * @param vanishShare sessions whose app is killed without an end beacon, so the session closes on
 *     the inactivity timeout (ended_by timeout): 0 for tests that cannot wait for it
 * @param degradedRebufferFactor how many times as often a degraded CDN stalls
 * @param degradedRebufferLengthFactor how many times as long its stalls last
 * @param drmOutageFailureShare protected starts that fail during a DRM outage
 * @param playerBugStartFailureShare attempts in a player bug's slice that the defect fails before
 *     the first frame
 * @param playerBugPlaybackFailureShare started sessions in a player bug's slice that the defect
 *     fails soon after the first frame
 * @param heartbeatMs time between heartbeats, which are also when the player sends its beacons
 */
public record Behaviour(
    double ebvsShare,
    double vsfShare,
    double vsfBusinessShare,
    long startupMedianMs,
    double startupSigma,
    double prerollShare,
    double midrollShare,
    long meanVodWatchMs,
    long meanLiveWatchMs,
    double rebuffersPerMinute,
    long rebufferMedianMs,
    double switchesPerMinute,
    double seeksPerMinute,
    double pausesPerMinute,
    double softErrorsPerMinute,
    double playbackFailureShare,
    double playbackBusinessFailureShare,
    double vanishShare,
    double degradedRebufferFactor,
    double degradedRebufferLengthFactor,
    double drmOutageFailureShare,
    double playerBugStartFailureShare,
    double playerBugPlaybackFailureShare,
    long heartbeatMs) {

  /**
   * Figures in the range streaming services publish for a typical service, one with room to
   * improve: without incidents its sessions miss the usual industry targets of the shipped SLO
   * files (stream-jobs/slo) a little (VSF about 1.5 % of attempts against 1 %, about 30 % of
   * startups at 2 s or more against 5 %, rebuffering about 0.65 % of watch time against 0.5 %), so
   * the embedded stack's SLOs burn on them (startup time about 6x its budget).
   */
  public static final Behaviour DEFAULTS =
      new Behaviour(
          0.04, 0.012, 0.005, 1_100, 0.5, 0.3, 0.3, 300_000, 480_000, 0.25, 1_200, 0.8, 0.3, 0.15,
          0.03, 0.004, 0.002, 0.02, 8, 3, 0.95, 0.3, 0.3, 10_000);

  /**
   * A service that meets those targets with room to spare, the baseline against which an incident
   * must be the only thing that alerts: the viewers and the incidents' effects of {@link
   * #DEFAULTS}, with fewer technical start failures (0.4 %), faster startups (median 450 ms, so
   * about 2 % take 2 s or more), shorter stalls (0.2 a minute, around 600 ms: rebuffering about
   * 0.25 %) and fewer playback failures (0.2 %). A degraded CDN still stalls 8 times as often and 3
   * times as long, which takes its rebuffering well past the target.
   */
  public static final Behaviour WITHIN_TARGETS =
      new Behaviour(
          0.04, 0.004, 0.005, 450, 0.3, 0.3, 0.3, 300_000, 480_000, 0.2, 600, 0.8, 0.3, 0.15, 0.03,
          0.002, 0.002, 0.02, 8, 3, 0.95, 0.3, 0.3, 10_000);

  /** These behaviours without vanishing sessions. */
  public Behaviour withoutVanishing() {
    return new Behaviour(
        ebvsShare,
        vsfShare,
        vsfBusinessShare,
        startupMedianMs,
        startupSigma,
        prerollShare,
        midrollShare,
        meanVodWatchMs,
        meanLiveWatchMs,
        rebuffersPerMinute,
        rebufferMedianMs,
        switchesPerMinute,
        seeksPerMinute,
        pausesPerMinute,
        softErrorsPerMinute,
        playbackFailureShare,
        playbackBusinessFailureShare,
        0,
        degradedRebufferFactor,
        degradedRebufferLengthFactor,
        drmOutageFailureShare,
        playerBugStartFailureShare,
        playerBugPlaybackFailureShare,
        heartbeatMs);
  }
}
