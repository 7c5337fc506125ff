package dev.openqoe.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.warehouse.QoeTables;
import java.util.Set;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Rows of {@code dws.slo_alerts} from the SLO evaluator's alert log: its JSON records carry the
 * table's column names, times in epoch milliseconds. A record that is not a JSON object, lacks a
 * column the table requires or holds a value of the wrong type is refused whole, with the reason
 * (see {@link RecordDecoder}), rather than stored in part.
 */
final class SloAlertRows {

  static final TableRow ALERTS = new TableRow(QoeTables.DWS_SLO_ALERTS);

  private static final Set<String> STATUSES = Set.of("firing", "resolved");

  /** What Jackson writes for doubles that are not finite, which the evaluator's writer is. */
  private static final Set<String> NOT_FINITE = Set.of("NaN", "Infinity", "-Infinity");

  private static final int QUOTED_LENGTH = 200;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SloAlertRows() {}

  static RowData row(ConsumerRecord<byte[], byte[]> record) {
    return fromJson(QoeTopics.SLO_ALERTS.deserializeValue(record.value()));
  }

  /**
   * @throws IllegalArgumentException when {@code json} is not an alert record, saying why
   */
  static RowData fromJson(String json) {
    if (json == null) {
      throw new IllegalArgumentException("not an alert record: the record has no value");
    }
    JsonNode alert;
    try {
      alert = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not an alert record: not JSON (" + e.getOriginalMessage() + "): " + quoted(json));
    }
    if (alert == null || !alert.isObject()) {
      throw new IllegalArgumentException("not an alert record: not a JSON object: " + quoted(json));
    }
    TableRow.Builder row = ALERTS.builder();
    for (Types.NestedField column : QoeTables.DWS_SLO_ALERTS.schema().columns()) {
      String name = column.name();
      JsonNode value = alert.get(name);
      if (value == null || value.isNull()) {
        if (column.isRequired()) {
          throw new IllegalArgumentException(
              "not an alert record: no " + name + ": " + quoted(json));
        }
        continue;
      }
      switch (column.type().typeId()) {
        case STRING -> row.set(name, text(name, value, json));
        case TIMESTAMP -> row.timestamp(name, whole(name, value, json));
        case LONG -> row.set(name, whole(name, value, json));
        case DOUBLE -> row.set(name, number(name, value, json));
        default ->
            throw new IllegalStateException(
                QoeTables.DWS_SLO_ALERTS.name() + "." + name + " is of a type not read here");
      }
    }
    String status = alert.get("status").asText();
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "not an alert record: status is '"
              + status
              + "', not firing or resolved: "
              + quoted(json));
    }
    return row.build();
  }

  private static String text(String column, JsonNode value, String json) {
    if (!value.isTextual()) {
      throw wrongType(column, "text", value, json);
    }
    return value.asText();
  }

  /** Epoch milliseconds, minutes: whole numbers. */
  private static long whole(String column, JsonNode value, String json) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType(column, "a whole number", value, json);
    }
    return value.asLong();
  }

  private static double number(String column, JsonNode value, String json) {
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isTextual() && NOT_FINITE.contains(value.asText())) {
      return Double.parseDouble(value.asText());
    }
    throw wrongType(column, "a number", value, json);
  }

  private static IllegalArgumentException wrongType(
      String column, String expected, JsonNode value, String json) {
    return new IllegalArgumentException(
        "not an alert record: "
            + column
            + " must be "
            + expected
            + ", is "
            + value
            + ": "
            + quoted(json));
  }

  /** The record in a message: its start when it is long. */
  private static String quoted(String json) {
    return json.length() <= QUOTED_LENGTH ? json : json.substring(0, QUOTED_LENGTH) + "...";
  }
}
