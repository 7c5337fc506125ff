package dev.openqoe.session;

import dev.openqoe.protocol.SessionDimensions;

/**
 * What one session did during one fixed interval of client time: the grain of real-time charts and
 * concurrent-viewer counts before sessions end. Interval rows of a session add up to its {@link
 * SessionFacts} (play, rebuffer and ad time, rebuffers, bitrate weighting).
 *
 * @param intervalStart epoch ms, a multiple of {@code intervalMs}
 * @param bitrateKbpsMs the sum of bitrate x ms over PLAYING time with a known bitrate
 * @param bitrateKnownMs PLAYING time with a known bitrate (the denominator of the average)
 * @param stateAtEnd the playback state at the end of the interval, or null when the session ended
 *     within it
 * @param startupOutcome the attempt's startup outcome, on the interval where it was decided only
 * @param vstMs the video startup time, on the interval of the first frame only
 * @param playbackFailure {@code vpf} or {@code vpf_business} on the interval of the fatal error
 */
public record SessionInterval(
    String sessionId,
    long intervalStart,
    long intervalMs,
    long playMs,
    long rebufferMs,
    long adMs,
    int rebufferStarts,
    double bitrateKbpsMs,
    long bitrateKnownMs,
    PlaybackState stateAtEnd,
    StartupOutcome startupOutcome,
    Long vstMs,
    String playbackFailure,
    SessionDimensions dimensions) {}
