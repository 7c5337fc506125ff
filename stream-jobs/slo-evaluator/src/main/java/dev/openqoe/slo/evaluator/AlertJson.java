package dev.openqoe.slo.evaluator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

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
   * @throws IllegalArgumentException when {@code json} is not an alert record
   */
  public static AlertRecord read(String json) {
    try {
      AlertRecord record = JSON.readValue(json, AlertRecord.class);
      if (record.alertId() == null || record.status() == null) {
        throw new IllegalArgumentException("not an alert record (no alert_id or status): " + json);
      }
      AlertStatus.of(record.status());
      return record;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an alert record: " + e.getOriginalMessage(), e);
    }
  }
}
