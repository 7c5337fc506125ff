package dev.openqoe.embedded;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.process.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link EmbeddedKafka} broker in a JVM of its own, with OpenQoE's topics created: for a
 * benchmark whose figures must not include the broker's garbage collection pauses. Prints one
 * {@value #READY} line with its bootstrap address and exits when its stdin closes.
 *
 * <p>Arguments: {@code <data-dir> [<port>]}; port 0 (the default) picks a free one.
 */
public final class EmbeddedKafkaMain {

  static final String READY = "KAFKA READY";
  private static final Pattern READY_LINE = Pattern.compile(READY + " bootstrap=(\\S+)");

  private EmbeddedKafkaMain() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: EmbeddedKafkaMain <data-dir> [<port>]");
      System.exit(2);
    }
    int port = args.length == 2 ? Integer.parseInt(args[1]) : 0;
    try (EmbeddedKafka kafka = EmbeddedKafka.on(Path.of(args[0]), port).start()) {
      kafka.createTopics(QoeTopics.ALL);
      System.out.println(READY + " bootstrap=" + kafka.bootstrapServers());
      System.out.flush();
      ChildJvm.awaitEndOfInput();
    }
    System.exit(0);
  }

  /**
   * Starts a broker in a child JVM on this JVM's classpath, with its data in {@code dataDir}.
   *
   * @param jvmOptions heap and GC flags of the child
   */
  public static ChildJvm startChild(Path dataDir, List<String> jvmOptions) {
    List<String> command = new ArrayList<>(List.of(ChildJvm.javaLauncher()));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            EmbeddedKafkaMain.class.getName(),
            dataDir.toAbsolutePath().toString()));
    return ChildJvm.start(
        "Kafka broker", command, READY_LINE, Duration.ofSeconds(90), "its output");
  }

  /** The bootstrap address a child started by {@link #startChild} announced. */
  public static String bootstrapServers(ChildJvm child) {
    Matcher ready = child.ready();
    return ready.group(1);
  }
}
