package dev.openqoe.jobs;

import dev.openqoe.warehouse.TableDefinition;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types;

/**
 * The Flink row layout of one warehouse table, filled by column name so a row can never drift from
 * its table's column order.
 */
final class TableRow implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final RowType rowType;
  private final Map<String, Integer> positions = new HashMap<>();

  TableRow(TableDefinition definition) {
    this.table = definition.name();
    this.rowType = FlinkSchemaUtil.convert(definition.schema());
    List<Types.NestedField> columns = definition.schema().columns();
    for (int i = 0; i < columns.size(); i++) {
      positions.put(columns.get(i).name(), i);
    }
  }

  RowType rowType() {
    return rowType;
  }

  InternalTypeInfo<RowData> typeInfo() {
    return InternalTypeInfo.of(rowType);
  }

  List<String> columnNames() {
    return rowType.getFieldNames();
  }

  int position(String column) {
    Integer position = positions.get(column);
    if (position == null) {
      throw new IllegalArgumentException("table " + table + " has no column " + column);
    }
    return position;
  }

  /** The text in {@code column} of one of this table's rows, or null. */
  String string(RowData row, String column) {
    int position = position(column);
    return row.isNullAt(position) ? null : row.getString(position).toString();
  }

  Long nullableLong(RowData row, String column) {
    int position = position(column);
    return row.isNullAt(position) ? null : row.getLong(position);
  }

  Builder builder() {
    return new Builder(new GenericRowData(positions.size()));
  }

  /** Sets columns of one row; Java values are converted to Flink's internal forms. */
  final class Builder {
    private final GenericRowData row;

    private Builder(GenericRowData row) {
      this.row = row;
    }

    Builder set(String column, Object value) {
      row.setField(
          position(column), value instanceof String text ? StringData.fromString(text) : value);
      return this;
    }

    Builder timestamp(String column, long epochMillis) {
      return set(column, TimestampData.fromEpochMillis(epochMillis));
    }

    Builder stringMap(String column, Map<String, String> map) {
      if (map == null) {
        return set(column, null);
      }
      Map<StringData, StringData> data = new HashMap<>();
      map.forEach((k, v) -> data.put(StringData.fromString(k), StringData.fromString(v)));
      return set(column, new GenericMapData(data));
    }

    Builder longArray(String column, long[] values) {
      Object[] boxed = new Object[values.length];
      for (int i = 0; i < values.length; i++) {
        boxed[i] = values[i];
      }
      return set(column, new GenericArrayData(boxed));
    }

    RowData build() {
      return row;
    }
  }
}
