package dev.openqoe.pinot.explain;

import java.util.List;

/**
 * One delivery-chain stage weighed as the cause of a slice's trouble.
 *
 * @param stage cdn, drm or transcode
 * @param explained the share of the slice's excess of affected sessions the stage accounts for
 *     (0..1): the larger of what its direct links and its degraded components account for
 * @param linkedSessions affected sessions of the slice whose own records tie them to the stage
 * @param linkedShare those over the slice's affected sessions
 * @param linkedShareOverall the same share over all sessions asked about
 * @param degradedSessions affected sessions of the slice that went through a degraded component
 * @param degraded the stage's degraded components, worst first
 * @param sentence the evidence in words, with its numbers
 */
public record StageCandidate(
    String stage,
    double explained,
    long linkedSessions,
    double linkedShare,
    double linkedShareOverall,
    long degradedSessions,
    List<ComponentHealth> degraded,
    String sentence) {}
