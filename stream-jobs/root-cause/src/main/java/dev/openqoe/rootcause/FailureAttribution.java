package dev.openqoe.rootcause;

/**
 * The stage a failed session is attributed to and why.
 *
 * @param evidence one sentence with the facts that decided it
 * @param linked whether records linked to the session itself decided it (a CDN request carrying its
 *     CMCD session id, its license request), rather than its error code or its asset's jobs
 */
public record FailureAttribution(FailureStage stage, String evidence, boolean linked) {}
