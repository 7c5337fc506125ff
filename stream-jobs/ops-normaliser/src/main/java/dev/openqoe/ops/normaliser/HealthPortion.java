package dev.openqoe.ops.normaliser;

import dev.openqoe.delivery.SliceHealth;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The health of one slice in one minute gathered since the wall-clock time its first event came
 * ({@code openedAt}): what one row of the health topic will say.
 */
record HealthPortion(long openedAt, SliceHealth health) {

  /** The store's form (and its changelog's): the opening time, then the health. */
  static Serde<HealthPortion> serde() {
    Serializer<HealthPortion> serializer =
        (topic, portion) -> {
          if (portion == null) {
            return null;
          }
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
          try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(portion.openedAt());
            portion.health().writeTo(out);
          } catch (IOException e) {
            throw new SerializationException("cannot write slice health to " + topic, e);
          }
          return bytes.toByteArray();
        };
    Deserializer<HealthPortion> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            return new HealthPortion(in.readLong(), SliceHealth.readFrom(in));
          } catch (IOException e) {
            throw new SerializationException("cannot read slice health from " + topic, e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
