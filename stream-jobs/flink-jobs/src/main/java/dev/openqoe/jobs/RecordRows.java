package dev.openqoe.jobs;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Rows read with Iceberg's generic reader, as the Flink rows the pipeline writes: a backfill
 * rewrites the rows it keeps next to the ones it recomputes, through the same writer.
 */
final class RecordRows {

  private RecordRows() {}

  static RowData toRow(Schema schema, Record record) {
    List<Types.NestedField> columns = schema.columns();
    GenericRowData row = new GenericRowData(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      row.setField(i, internal(record.getField(columns.get(i).name())));
    }
    return row;
  }

  private static Object internal(Object value) {
    if (value instanceof String text) {
      return StringData.fromString(text);
    }
    if (value instanceof OffsetDateTime time) {
      return TimestampData.fromInstant(time.toInstant());
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> data = new HashMap<>();
      map.forEach((k, v) -> data.put(internal(k), internal(v)));
      return new GenericMapData(data);
    }
    if (value instanceof List<?> list) {
      return new GenericArrayData(list.stream().map(RecordRows::internal).toArray());
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    return value;
  }
}
