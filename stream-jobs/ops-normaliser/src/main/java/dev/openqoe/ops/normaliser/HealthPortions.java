package dev.openqoe.ops.normaliser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.delivery.HealthSlice;
import dev.openqoe.delivery.SliceHealth;
import dev.openqoe.ops.OpsEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each slice's health per minute of event time, written out by the wall clock: a minute's row goes
 * {@code grace} after the minute ends, or {@code grace} after its first event when that came after
 * the minute had ended (a log file delivered late, a replay of the past). Events that come later
 * still start another portion of the same minute, written {@code grace} after they came: nothing is
 * dropped for being late, and a minute's counters are the sum of its rows.
 *
 * <p>Stream time would not do here: the events topic is written by one task per raw partition, each
 * at its own pace, and standard CDN logs come minutes to an hour after the requests, so a minute
 * closed by the newest event time seen would drop most of a late feed.
 */
final class HealthPortions implements Processor<String, OpsEvent, String, String> {

  static final String STORE = "slice-health";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MINUTE_MS = OpsNormaliser.HEALTH_WINDOW.toMillis();

  private final Duration grace;
  private final Duration checkEvery;
  private ProcessorContext<String, String> context;
  private KeyValueStore<String, HealthPortion> portions;

  HealthPortions(Duration grace) {
    this.grace = grace;
    this.checkEvery = Duration.ofMillis(Math.max(100, Math.min(5_000, grace.toMillis() / 3)));
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.portions = context.getStateStore(STORE);
    context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::writeDue);
  }

  @Override
  public void process(Record<String, OpsEvent> record) {
    long minute = Math.floorDiv(record.value().eventTime(), MINUTE_MS) * MINUTE_MS;
    String key = new SliceMinute(minute, record.key()).storeKey();
    HealthPortion portion = portions.get(key);
    if (portion == null) {
      portion = new HealthPortion(context.currentSystemTimeMs(), new SliceHealth());
    }
    portion.health().add(record.value());
    portions.put(key, portion);
  }

  /** Writes and forgets every portion whose time has come. */
  private void writeDue(long now) {
    List<KeyValue<String, HealthPortion>> due = new ArrayList<>();
    try (KeyValueIterator<String, HealthPortion> all = portions.all()) {
      while (all.hasNext()) {
        KeyValue<String, HealthPortion> entry = all.next();
        long minuteEnd = SliceMinute.of(entry.key).minute() + MINUTE_MS;
        if (now >= Math.max(entry.value.openedAt(), minuteEnd) + grace.toMillis()) {
          due.add(entry);
        }
      }
    }
    for (KeyValue<String, HealthPortion> entry : due) {
      SliceMinute key = SliceMinute.of(entry.key);
      context.forward(
          new Record<>(key.slice(), row(key.slice(), key.minute(), entry.value.health()), now));
      portions.delete(entry.key);
    }
  }

  /** A slice's minute, kept in the store as {@code <minute start>|<slice>}. */
  private record SliceMinute(long minute, String slice) {

    static SliceMinute of(String storeKey) {
      int bar = storeKey.indexOf('|');
      return new SliceMinute(
          Long.parseLong(storeKey.substring(0, bar)), storeKey.substring(bar + 1));
    }

    String storeKey() {
      return minute + "|" + slice;
    }
  }

  private static String row(String slice, long minute, SliceHealth health) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("window_start", minute);
    row.put("window_end", minute + MINUTE_MS);
    row.put("slice", slice);
    row.putAll(HealthSlice.columns(slice));
    row.putAll(health.figures());
    try {
      return JSON.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers is JSON", e);
    }
  }
}
