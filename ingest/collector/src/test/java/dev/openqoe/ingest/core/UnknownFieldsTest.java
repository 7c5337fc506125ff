package dev.openqoe.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Fields the protocol does not know are ignored, up to {@link BeaconParser#MAX_UNKNOWN_FIELDS} per
 * event; an event with more is rejected with the count, and a body full of distinct unknown names
 * costs time in proportion to its size (issue 20, item 3: a list's {@code contains} made it about 5
 * x 10^8 string compares on an event loop).
 */
class UnknownFieldsTest {

  private static final String EVENT_START =
      "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"heartbeat\",\"ts\":5";
  private static final int BODY_LIMIT = 256 * 1024;

  private final BeaconBodyReader reader = new BeaconBodyReader(BeaconParser.lenientClock());

  @Test
  void ignoresUpToTheLimitAndRejectsAnEventWithMoreNamingTheCount() {
    int limit = BeaconParser.MAX_UNKNOWN_FIELDS;

    assertThat(result(event(limit))).isInstanceOf(ParseResult.Valid.class);
    ParseResult over = result(event(limit + 1));
    assertThat(over).isInstanceOf(ParseResult.Invalid.class);
    assertThat(((ParseResult.Invalid) over).rejection().field()).isNull();
    assertThat(((ParseResult.Invalid) over).rejection().message())
        .isEqualTo(
            "has "
                + (limit + 1)
                + " fields protocol v1 does not know, at most "
                + limit
                + " are allowed");
  }

  @Test
  void aNameGivenTwiceAmongThemIsStillMalformed() {
    String twice = EVENT_START + ",\"sdk\":1,\"x\":2,\"sdk\":3}";

    assertThat(reader.read(bytes("{\"events\":[" + twice + "]}")))
        .isEqualTo(
            new IngestItem.Body.Unreadable(
                "malformed_json", "body is not valid JSON: Duplicate field 'sdk'"));
  }

  @Test
  void aFullBodyOfDistinctUnknownNamesIsReadInLinearTime() {
    String event = event(Integer.MAX_VALUE);
    byte[] batch = bytes("{\"events\":[" + event + "]}");
    byte[] single = bytes(event);
    int names = count(event, ":0");

    // Warm up, then time both paths on both forms.
    for (int i = 0; i < 3; i++) {
      reader.read(batch);
      reader.readWithJackson(single);
    }
    // CPU time of this thread: on a shared machine the wall clock also counts waiting for a core.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long slowest = 0;
    for (byte[] body : new byte[][] {batch, single}) {
      for (boolean jackson : new boolean[] {false, true}) {
        long start = threads.getCurrentThreadCpuTime();
        IngestItem.Body read = jackson ? reader.readWithJackson(body) : reader.read(body);
        slowest = Math.max(slowest, threads.getCurrentThreadCpuTime() - start);
        ParseResult result = ((IngestItem.Body.Items) read).items().get(0).result();
        assertThat(((ParseResult.Invalid) result).rejection().message())
            .startsWith("has " + names + " fields protocol v1 does not know");
      }
    }

    System.out.printf(
        "unknown fields: a %d-byte body of %d distinct unknown names read in at most %.2f ms of"
            + " CPU%n",
        batch.length, names, slowest / 1e6);
    assertThat(batch.length).isBetween(BODY_LIMIT - 64, BODY_LIMIT);
    assertThat(names).isGreaterThan(30_000);
    // Quadratic, this took about 2 s; linear, a few milliseconds. The bound leaves room for a slow,
    // shared machine.
    assertThat(slowest).isLessThan(250_000_000L);
  }

  /**
   * An event with {@code unknown} distinct unknown fields, or as many as fit a body of the limit
   * when {@code unknown} is larger.
   */
  static String event(int unknown) {
    StringBuilder event = new StringBuilder(EVENT_START);
    int room = BODY_LIMIT - "{\"events\":[]}".length() - 1;
    for (int i = 0; i < unknown; i++) {
      // Upper case: no protocol field is named so.
      String field = ",\"" + Integer.toString(i, 36).toUpperCase(Locale.ROOT) + "\":0";
      if (event.length() + field.length() > room) {
        break;
      }
      event.append(field);
    }
    return event.append('}').toString();
  }

  private ParseResult result(String event) {
    IngestItem.Body scanned = reader.read(bytes("{\"events\":[" + event + "]}"));
    assertThat(reader.readWithJackson(bytes("{\"events\":[" + event + "]}"))).isEqualTo(scanned);
    return ((IngestItem.Body.Items) scanned).items().get(0).result();
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
