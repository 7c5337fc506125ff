package dev.openqoe.jobs;

import dev.openqoe.ops.OpsEvent;

/**
 * A delivery-chain event as the events topic holds it.
 *
 * @param slice its key there: the health slice it counts in
 */
public record SlicedOpsEvent(String slice, OpsEvent event) {}
