package dev.openqoe.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes for Avro values written as plain Avro binary (no schema-registry header): each topic has
 * one committed schema, so readers know it from {@link QoeTopics}. A null value stays null, which
 * keeps tombstones working.
 */
final class AvroSerde {

  private AvroSerde() {}

  static <T> Serde<T> of(Function<T, byte[]> encode, Function<byte[], T> decode) {
    Serializer<T> serializer = (topic, value) -> value == null ? null : encode.apply(value);
    Deserializer<T> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return decode.apply(bytes);
          } catch (RuntimeException e) {
            throw new SerializationException("cannot read a record of " + topic, e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  static Serde<GenericRecord> generic(Schema schema) {
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    return of(
        record -> {
          var out = new ByteArrayOutputStream(256);
          var encoder = EncoderFactory.get().directBinaryEncoder(out, null);
          try {
            writer.write(record, encoder);
          } catch (IOException e) {
            throw new SerializationException("cannot write " + schema.getFullName(), e);
          }
          return out.toByteArray();
        },
        bytes -> {
          try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
          } catch (IOException e) {
            throw new SerializationException("cannot read " + schema.getFullName(), e);
          }
        });
  }
}
