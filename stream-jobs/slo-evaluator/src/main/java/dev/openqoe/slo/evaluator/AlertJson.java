package dev.openqoe.slo.evaluator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.stream.Stream;

/** Alert records as the JSON of the alert log and of webhook posts. */
public final class AlertJson {

  static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  public static String write(AlertRecord record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IllegalArgumentException when {@code json} is not an alert record: not JSON, without an
   *     identity (alert_id, property_id, slo, severity, slice, status), or of an unknown status or
   *     slice dimension
   */
  public static AlertRecord read(String json) {
    AlertRecord record;
    try {
      record = JSON.readValue(json, AlertRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an alert record: " + e.getOriginalMessage(), e);
    }
    if (Stream.of(
            record.alertId(),
            record.propertyId(),
            record.slo(),
            record.severity(),
            record.slice(),
            record.status())
        .anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(
          "not an alert record (no alert_id, property_id, slo, severity, slice or status): "
              + json);
    }
    AlertStatus.of(record.status());
    record.sliceValues();
    return record;
  }
}
