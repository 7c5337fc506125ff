package dev.openqoe.drillbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The same rows in an Iceberg table of the warehouse, as a writer job writes them: Parquet data
 * files, one per partition of the table's own spec (day or hour of the time column), committed in
 * one snapshot at the end. Files of partitions that end before the rows' time are finished early,
 * so only a few Parquet writers hold memory at once.
 */
final class IcebergRowFiles implements AutoCloseable {

  private final Table table;
  private final String timeColumn;
  private final long partitionMillis;
  private final List<Types.NestedField> columns;
  private final InternalRecordWrapper partitionView;
  private final GenericAppenderFactory appenders;
  private final OutputFileFactory files;
  private final Map<PartitionKey, Open> open = new HashMap<>();
  private final List<DataFile> written = new ArrayList<>();

  private record Open(DataWriter<Record> writer, long endMillis) {}

  /**
   * @param partitionMillis the length of the table's time partitions (an hour, a day)
   */
  IcebergRowFiles(Table table, String timeColumn, long partitionMillis) {
    this.table = table;
    this.timeColumn = timeColumn;
    this.partitionMillis = partitionMillis;
    this.columns = table.schema().columns();
    this.partitionView = new InternalRecordWrapper(table.schema().asStruct());
    this.appenders = new GenericAppenderFactory(table.schema(), table.spec());
    this.files =
        OutputFileFactory.builderFor(table, 1, System.nanoTime())
            .format(FileFormat.PARQUET)
            .build();
  }

  void add(ObjectNode row) {
    Record record = GenericRecord.create(table.schema());
    for (int i = 0; i < columns.size(); i++) {
      Types.NestedField column = columns.get(i);
      record.set(i, value(row.get(column.name()), column.type()));
    }
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    key.partition(partitionView.wrap(record));
    Open file = open.get(key);
    if (file == null) {
      long time = row.get(timeColumn).asLong();
      file =
          new Open(
              appenders.newDataWriter(
                  files.newOutputFile(table.spec(), key), FileFormat.PARQUET, key),
              (Math.floorDiv(time, partitionMillis) + 1) * partitionMillis);
      open.put(key, file);
    }
    file.writer().write(record);
  }

  /** Finishes the files of partitions that end before {@code millis}. */
  void closeBefore(long millis) {
    Iterator<Open> files = open.values().iterator();
    while (files.hasNext()) {
      Open file = files.next();
      if (file.endMillis() <= millis) {
        finish(file);
        files.remove();
      }
    }
  }

  /** Finishes every file and commits them in one snapshot. */
  @Override
  public void close() {
    closeBefore(Long.MAX_VALUE);
    AppendFiles append = table.newAppend();
    written.forEach(append::appendFile);
    append.commit();
  }

  private void finish(Open file) {
    try {
      file.writer().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    written.add(file.writer().toDataFile());
  }

  private static Object value(JsonNode value, Type type) {
    if (value == null || value.isNull()) {
      return null;
    }
    return switch (type.typeId()) {
      case STRING -> value.asText();
      case LONG -> value.asLong();
      case INTEGER -> value.asInt();
      case DOUBLE -> value.asDouble();
      case BOOLEAN -> value.asBoolean();
      case TIMESTAMP ->
          OffsetDateTime.ofInstant(Instant.ofEpochMilli(value.asLong()), ZoneOffset.UTC);
      case MAP -> {
        Map<String, String> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        yield map;
      }
      default -> throw new IllegalArgumentException("no mapping for a " + type + " column");
    };
  }
}
