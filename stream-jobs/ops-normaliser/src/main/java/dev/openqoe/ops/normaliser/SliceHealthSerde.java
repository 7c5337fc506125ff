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

/** The window store's form of a slice's health (and of its changelog topic). */
final class SliceHealthSerde {

  private SliceHealthSerde() {}

  static Serde<SliceHealth> create() {
    Serializer<SliceHealth> serializer =
        (topic, health) -> {
          if (health == null) {
            return null;
          }
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
          try {
            health.writeTo(new DataOutputStream(bytes));
          } catch (IOException e) {
            throw new SerializationException("cannot write slice health to " + topic, e);
          }
          return bytes.toByteArray();
        };
    Deserializer<SliceHealth> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return SliceHealth.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
          } catch (IOException e) {
            throw new SerializationException("cannot read slice health from " + topic, e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
