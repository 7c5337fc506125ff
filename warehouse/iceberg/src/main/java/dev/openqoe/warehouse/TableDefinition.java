package dev.openqoe.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** One warehouse table: its name, columns and partitioning. */
public record TableDefinition(
    TableIdentifier id, Schema schema, PartitionSpec spec, String description) {

  public String name() {
    return id.toString();
  }

  static Builder builder(String namespace, String name, String description) {
    return new Builder(TableIdentifier.of(namespace, name), description);
  }

  /** Declares columns in order, numbering field ids as it goes. */
  static final class Builder {
    private final TableIdentifier id;
    private final String description;
    private final List<Types.NestedField> columns = new ArrayList<>();
    private int nextId = 1;

    private Builder(TableIdentifier id, String description) {
      this.id = id;
      this.description = description;
    }

    Builder required(String name, Type type, String doc) {
      columns.add(Types.NestedField.required(nextId++, name, type, doc));
      return this;
    }

    Builder optional(String name, Type type, String doc) {
      columns.add(Types.NestedField.optional(nextId++, name, type, doc));
      return this;
    }

    Builder optional(String name, Type type) {
      return optional(name, type, null);
    }

    Builder stringMap(String name, String doc) {
      int keyId = nextId++;
      int valueId = nextId++;
      columns.add(
          Types.NestedField.optional(
              nextId++,
              name,
              Types.MapType.ofOptional(
                  keyId, valueId, Types.StringType.get(), Types.StringType.get()),
              doc));
      return this;
    }

    Builder longList(String name, String doc) {
      int elementId = nextId++;
      columns.add(
          Types.NestedField.optional(
              nextId++, name, Types.ListType.ofRequired(elementId, Types.LongType.get()), doc));
      return this;
    }

    Builder columns(Function<Builder, Builder> block) {
      return block.apply(this);
    }

    TableDefinition partitionedBy(Function<PartitionSpec.Builder, PartitionSpec.Builder> spec) {
      Schema schema = new Schema(columns);
      return new TableDefinition(
          id, schema, spec.apply(PartitionSpec.builderFor(schema)).build(), description);
    }
  }
}
