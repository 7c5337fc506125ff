package dev.openqoe.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Thread-safe Avro binary encoding of records of one subject, without a schema header. Kafka
 * producers serialise on the calling thread, and the collector calls from several event loops.
 *
 * <p>Records are written with the subject's latest version. Without a header nothing says which
 * version wrote a record, so one that the latest version cannot read is read as written by each
 * earlier version in turn: new versions only append fields, so a record of an earlier version ends
 * where the latest one expects more, and the attempt fails instead of misreading it. That keeps
 * records written before an upgrade, still on a topic, readable after it.
 */
final class AvroBinary {

  private final GenericDatumWriter<GenericRecord> writer;

  /** Readers into the latest version: from the latest itself first, then newest to oldest. */
  private final List<GenericDatumReader<GenericRecord>> readers = new ArrayList<>();

  AvroBinary(String subject) {
    List<Schema> versions = AvroSchemas.versions(subject);
    Schema latest = versions.get(versions.size() - 1);
    this.writer = new GenericDatumWriter<>(latest);
    for (int version = versions.size() - 1; version >= 0; version--) {
      readers.add(new GenericDatumReader<>(versions.get(version), latest));
    }
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
    Exception asLatest = null;
    for (GenericDatumReader<GenericRecord> reader : readers) {
      try {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
      } catch (IOException | RuntimeException e) {
        if (asLatest == null) {
          asLatest = e;
        }
      }
    }
    throw new IllegalArgumentException("not an Avro-encoded " + what, asLatest);
  }
}
