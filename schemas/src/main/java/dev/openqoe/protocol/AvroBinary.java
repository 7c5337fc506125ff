package dev.openqoe.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Thread-safe Avro binary encoding of records of one schema, without a schema header. Kafka
 * producers serialise on the calling thread, and the collector calls from several event loops.
 */
final class AvroBinary {

  private final GenericDatumWriter<GenericRecord> writer;
  private final GenericDatumReader<GenericRecord> reader;

  AvroBinary(Schema schema) {
    this.writer = new GenericDatumWriter<>(schema);
    this.reader = new GenericDatumReader<>(schema);
  }

  byte[] encode(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    var encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  GenericRecord decode(byte[] bytes, String what) {
    try {
      return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an Avro-encoded " + what, e);
    }
  }
}
