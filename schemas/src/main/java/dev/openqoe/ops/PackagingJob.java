package dev.openqoe.ops;

/**
 * A transcode or packaging job's state change.
 *
 * @param stage transcode or package
 * @param status submitted, progressing, complete, error, canceled
 * @param rendition the rendition the event is about, or null for the whole job
 */
public record PackagingJob(
    String stage, String jobId, String status, String rendition, Long durationMs) {}
