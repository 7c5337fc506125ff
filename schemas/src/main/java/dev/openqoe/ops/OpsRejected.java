package dev.openqoe.ops;

import java.util.Objects;

/**
 * A delivery-chain record that could not be read (Avro {@code ops_rejected}, on qoe.ops.dlq).
 *
 * @param raw the record as received, at most {@link #MAX_RAW_LENGTH} characters of it
 * @param receivedAt the timestamp of the raw Kafka record
 */
public record OpsRejected(String format, String raw, String reason, long receivedAt) {

  public static final int MAX_RAW_LENGTH = 65_536;

  public OpsRejected {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(reason, "reason");
    raw = raw.length() > MAX_RAW_LENGTH ? raw.substring(0, MAX_RAW_LENGTH) : raw;
  }
}
