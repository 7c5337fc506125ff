package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.GzipBodies.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.ingest.GzipBodies;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing the body decoder and both beacon readers (issue 20, item 7): on generated batches, the
 * same mangled, and arbitrary bytes, no exception escapes, the fast scanner's path answers exactly
 * as Jackson's, every refusal and rejection has a reason, and each input takes under 10 ms of CPU.
 * The suite runs {@code jqwik.tries.default} tries per property (src/test/resources/
 * junit-platform.properties); {@code -Djqwik.tries.default=200000} runs longer.
 */
class BodyFuzzTest {

  private static final long MAX_CPU_NANOS_PER_INPUT = 10_000_000L;

  private static final String[] FRAGMENTS = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"events\"",
    "\"v\"",
    "\"session_id\"",
    "\"seq\"",
    "\"type\"",
    "\"ts\"",
    "\"custom\"",
    "\"asset_id\"",
    "\"x\"",
    "1",
    "0",
    "-1",
    "1.5",
    "1e400",
    "01",
    "9007199254740993",
    "1767225600000",
    "true",
    "false",
    "null",
    "\"heartbeat\"",
    "\"bitrate_change\"",
    "\"s-1\"",
    "\"\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\ud83d\\ude00\"",
    "\"\\u0085\"",
    "\"\u00e9\"",
    "\"\u0085\"",
    " ",
    "\n",
    "\\",
    "\"",
    "junk",
    "{\"events\":[",
    "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"heartbeat\",\"ts\":5}"
  };

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong SLOWEST = new AtomicLong();

  private final BeaconBodyReader reader = new BeaconBodyReader(BeaconParser.lenientClock());

  @Property
  void bothReadersAgreeAndExplainOnJsonLikeBodies(@ForAll("jsonLike") byte[] body) {
    checkReaders(body);
  }

  @Property
  void bothReadersAgreeAndExplainOnArbitraryBytes(@ForAll("anyBytes") byte[] body) {
    checkReaders(body);
  }

  @Property
  void theDecoderNeverThrowsAndStaysWithinItsLimit(@ForAll("gzipLike") byte[] body) {
    long start = THREADS.getCurrentThreadCpuTime();
    BodyDecoder.Decoded decoded = BodyDecoder.gunzip(body, 4096);
    record(THREADS.getCurrentThreadCpuTime() - start);

    if (decoded instanceof BodyDecoder.Decoded.Body inflated) {
      assertThat(inflated.bytes().length).isLessThanOrEqualTo(4096);
    } else if (decoded instanceof BodyDecoder.Decoded.Malformed malformed) {
      assertThat(malformed.reason()).startsWith("body is not valid gzip");
    } else {
      assertThat(decoded).isEqualTo(new BodyDecoder.Decoded.TooLarge(4096));
    }
  }

  private void checkReaders(byte[] body) {
    long start = THREADS.getCurrentThreadCpuTime();
    IngestItem.Body fast = reader.read(body);
    long cpu = THREADS.getCurrentThreadCpuTime() - start;
    IngestItem.Body jackson = reader.readWithJackson(body);
    record(cpu);

    assertThat(fast).isEqualTo(jackson);
    if (fast instanceof IngestItem.Body.Unreadable unreadable) {
      assertThat(unreadable.code()).isNotBlank();
      assertThat(unreadable.reason()).isNotBlank();
      return;
    }
    for (IngestItem item : ((IngestItem.Body.Items) fast).items()) {
      if (item.result() instanceof ParseResult.Invalid invalid) {
        assertThat(invalid.rejection().message()).isNotBlank();
        assertThat(item.payload()).isNotNull();
      }
    }
  }

  private static void record(long cpuNanos) {
    INPUTS.incrementAndGet();
    SLOWEST.accumulateAndGet(cpuNanos, Math::max);
    assertThat(cpuNanos).as("CPU time of one input, ns").isLessThan(MAX_CPU_NANOS_PER_INPUT);
  }

  /**
   * Runs each path on inputs of every kind first: the first inputs of a fresh JVM load classes and
   * run interpreted, which is no property of the readers.
   */
  @BeforeContainer
  static void warmUp() {
    BeaconBodyReader reader = new BeaconBodyReader(BeaconParser.lenientClock());
    for (int i = 0; i < 3_000; i++) {
      String fragments = String.join("", List.of(FRAGMENTS).subList(0, i % FRAGMENTS.length));
      byte[] body = ("{\"events\":[" + fragments + "]}").getBytes(StandardCharsets.UTF_8);
      reader.read(body);
      reader.readWithJackson(body);
      reader.read(FRAGMENTS[i % FRAGMENTS.length].getBytes(StandardCharsets.UTF_8));
      BodyDecoder.gunzip(gzip(body), 4096);
      BodyDecoder.gunzip(body, 4096);
    }
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "fuzz: %d inputs, slowest %.2f ms of CPU (limit 10 ms)%n",
        INPUTS.get(), SLOWEST.get() / 1e6);
  }

  @Provide
  Arbitrary<byte[]> jsonLike() {
    Arbitrary<String> text =
        Arbitraries.of(FRAGMENTS).list().ofMaxSize(60).map(parts -> String.join("", parts));
    Arbitrary<String> batches =
        Arbitraries.of(FRAGMENTS)
            .list()
            .ofMaxSize(30)
            .map(parts -> "{\"events\":[" + String.join("", parts) + "]}");
    return Combinators.combine(Arbitraries.oneOf(text, batches), mutations())
        .as((json, edits) -> mangle(json.getBytes(StandardCharsets.UTF_8), edits));
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
  }

  @Provide
  Arbitrary<byte[]> gzipLike() {
    Arbitrary<byte[]> compressed =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(20_000).map(GzipBodies::gzip);
    return Combinators.combine(compressed, mutations()).as(BodyFuzzTest::mangle);
  }

  /** Edits as (offset seed, byte, kind): a byte replaced, inserted or removed, or the rest cut. */
  private static Arbitrary<List<int[]>> mutations() {
    return Combinators.combine(
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.integers().between(0, 255),
            Arbitraries.integers().between(0, 3))
        .as((at, value, kind) -> new int[] {at, value, kind})
        .list()
        .ofMaxSize(3);
  }

  private static byte[] mangle(byte[] body, List<int[]> edits) {
    byte[] mangled = body;
    for (int[] edit : edits) {
      if (mangled.length == 0) {
        break;
      }
      int at = edit[0] % mangled.length;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(mangled, 0, at);
      switch (edit[2]) {
        case 0 -> out.write(mangled, at + 1, mangled.length - at - 1);
        case 1 -> {
          out.write(edit[1]);
          out.write(mangled, at, mangled.length - at);
        }
        case 2 -> {
          out.write(edit[1]);
          out.write(mangled, at + 1, mangled.length - at - 1);
        }
        default -> {}
      }
      mangled = out.toByteArray();
    }
    return mangled;
  }
}
