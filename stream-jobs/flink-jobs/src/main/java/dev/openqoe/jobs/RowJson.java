package dev.openqoe.jobs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A warehouse row as the JSON object the real-time topics carry: the table's column names,
 * timestamps as epoch milliseconds (what Pinot's time columns take), nulls written out.
 */
final class RowJson implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final JsonFactory FACTORY = new JsonFactory();

  private final List<String> names;
  private final RowData.FieldGetter[] getters;
  private final LogicalType[] types;

  RowJson(TableRow table) {
    RowType rowType = table.rowType();
    this.names = rowType.getFieldNames();
    this.types = rowType.getChildren().toArray(LogicalType[]::new);
    this.getters = new RowData.FieldGetter[types.length];
    for (int i = 0; i < types.length; i++) {
      getters[i] = RowData.createFieldGetter(types[i], i);
    }
  }

  byte[] toJson(RowData row) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
      json.writeStartObject();
      for (int i = 0; i < getters.length; i++) {
        json.writeFieldName(names.get(i));
        write(json, types[i], getters[i].getFieldOrNull(row));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void write(JsonGenerator json, LogicalType type, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    switch (type.getTypeRoot()) {
      case BIGINT -> json.writeNumber((Long) value);
      case INTEGER -> json.writeNumber((Integer) value);
      case DOUBLE -> json.writeNumber((Double) value);
      case BOOLEAN -> json.writeBoolean((Boolean) value);
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_WITHOUT_TIME_ZONE ->
          json.writeNumber(((TimestampData) value).getMillisecond());
      case MAP -> {
        MapData map = (MapData) value;
        json.writeStartObject();
        for (int i = 0; i < map.size(); i++) {
          json.writeStringField(
              map.keyArray().getString(i).toString(),
              map.valueArray().isNullAt(i) ? null : map.valueArray().getString(i).toString());
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        ArrayData array = (ArrayData) value;
        json.writeStartArray();
        for (int i = 0; i < array.size(); i++) {
          json.writeNumber(array.getLong(i));
        }
        json.writeEndArray();
      }
      default -> json.writeString(value.toString());
    }
  }
}
