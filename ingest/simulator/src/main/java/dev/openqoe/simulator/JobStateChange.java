package dev.openqoe.simulator;

/**
 * One MediaConvert "Job State Change" of the catalogue's transcode jobs: each asset's rendition is
 * one job, SUBMITTED, then PROGRESSING, then COMPLETE or ERROR.
 *
 * @param eventId the EventBridge event's id
 * @param errorCode MediaConvert's error code on ERROR, else null
 */
public record JobStateChange(
    long ts,
    String eventId,
    String jobId,
    String status,
    String assetId,
    String rendition,
    Integer errorCode,
    String errorMessage) {}
