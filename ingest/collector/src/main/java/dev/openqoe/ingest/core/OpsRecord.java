package dev.openqoe.ingest.core;

/**
 * A delivery-chain body as the collector received it (gunzipped), for the raw topic of its feed:
 * raw records are kept as received, and the normaliser reads them.
 *
 * @param feed the feed's name, as in {@code /v1/ops/<feed>}
 * @param propertyId the property whose ingest key sent it
 * @param body the bytes as received: UTF-8 text, never empty
 */
public record OpsRecord(String feed, String propertyId, byte[] body) {}
