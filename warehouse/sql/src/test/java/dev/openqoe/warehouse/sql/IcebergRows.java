package dev.openqoe.warehouse.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/** Writes rows to a real Iceberg table the way a writer job does: Parquet files, one commit. */
final class IcebergRows {

  private IcebergRows() {}

  /** Appends the records in one snapshot, one data file per partition they fall in. */
  static void append(Table table, List<Record> records) {
    InternalRecordWrapper partitionView = new InternalRecordWrapper(table.schema().asStruct());
    Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
    for (Record record : records) {
      PartitionKey key = new PartitionKey(table.spec(), table.schema());
      key.partition(partitionView.wrap(record));
      byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
    }
    GenericAppenderFactory appenders = new GenericAppenderFactory(table.schema(), table.spec());
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 1, System.nanoTime())
            .format(FileFormat.PARQUET)
            .build();
    AppendFiles append = table.newAppend();
    byPartition.forEach(
        (partition, rows) -> {
          EncryptedOutputFile file = files.newOutputFile(table.spec(), partition);
          DataWriter<Record> writer = appenders.newDataWriter(file, FileFormat.PARQUET, partition);
          try (writer) {
            rows.forEach(writer::write);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          append.appendFile(writer.toDataFile());
        });
    append.commit();
  }
}
