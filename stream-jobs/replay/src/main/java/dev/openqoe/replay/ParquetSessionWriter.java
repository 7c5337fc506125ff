package dev.openqoe.replay;

import dev.openqoe.session.SessionFacts;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Sessions as one Parquet file with the session_fact Avro schema, written through parquet-avro's
 * local-file API (no Hadoop file system).
 */
final class ParquetSessionWriter implements SessionWriter {

  /**
   * Parquet holds a whole row group in memory before writing it; replay streams sessions, so the
   * row groups are kept small (a few tens of thousands of sessions each) to keep its memory bound.
   */
  static final long ROW_GROUP_BYTES = 8L << 20;

  private static final int PAGE_BYTES = 1 << 20;

  private final ParquetWriter<GenericRecord> writer;

  ParquetSessionWriter(Path file) throws IOException {
    this(file, ROW_GROUP_BYTES);
  }

  ParquetSessionWriter(Path file, long rowGroupBytes) throws IOException {
    writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withSchema(SessionFactRecords.SCHEMA)
            .withDataModel(GenericData.get())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupSize(rowGroupBytes)
            .withPageSize((int) Math.min(PAGE_BYTES, rowGroupBytes))
            .build();
  }

  @Override
  public void write(SessionFacts session) throws IOException {
    writer.write(SessionFactRecords.toRecord(session));
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
