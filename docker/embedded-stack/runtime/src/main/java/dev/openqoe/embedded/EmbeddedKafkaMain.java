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
 * benchmark whose figures must not include the broker's garbage collection pauses, and for tests
 * that crash the broker. Prints one {@value #READY} line with its bootstrap address and exits when
 * its stdin closes.
 *
 * <p>Arguments: {@code <data-dir> [<port> [<controller-port> [<broker-session-ms>]]]}; port 0 (the
 * default) picks a free one; the broker session is Kafka's 9 s unless given ({@link
 * EmbeddedKafka#brokerSession}).
 */
public final class EmbeddedKafkaMain {

  static final String READY = "KAFKA READY";
  private static final Pattern READY_LINE = Pattern.compile(READY + " bootstrap=(\\S+)");

  private EmbeddedKafkaMain() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 4) {
      System.err.println(
          "usage: EmbeddedKafkaMain <data-dir> [<port> [<controller-port> [<broker-session-ms>]]]");
      System.exit(2);
    }
    int port = args.length >= 2 ? Integer.parseInt(args[1]) : 0;
    int controllerPort = args.length >= 3 ? Integer.parseInt(args[2]) : 0;
    EmbeddedKafka broker = EmbeddedKafka.on(Path.of(args[0]), port, controllerPort);
    if (args.length == 4) {
      broker.brokerSession(Duration.ofMillis(Long.parseLong(args[3])));
    }
    try (EmbeddedKafka kafka = broker.start()) {
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
    return start(jvmOptions, List.of(dataDir.toAbsolutePath().toString()));
  }

  /**
   * Starts a broker in a child JVM like {@link #startChild(Path, List)}, for a test that crashes it
   * and starts it again: on fixed ports, so that it is the same broker to its clients, and with a
   * short broker session, so that it can register again soon after a crash ({@link
   * EmbeddedKafka#brokerSession}).
   */
  public static ChildJvm startChild(
      Path dataDir, int port, int controllerPort, Duration brokerSession, List<String> jvmOptions) {
    return start(
        jvmOptions,
        List.of(
            dataDir.toAbsolutePath().toString(),
            String.valueOf(port),
            String.valueOf(controllerPort),
            String.valueOf(brokerSession.toMillis())));
  }

  private static ChildJvm start(List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>(List.of(ChildJvm.javaLauncher()));
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), EmbeddedKafkaMain.class.getName()));
    command.addAll(args);
    return ChildJvm.start(
        "Kafka broker", command, READY_LINE, Duration.ofSeconds(90), "its output");
  }

  /** The bootstrap address a child started by {@link #startChild} announced. */
  public static String bootstrapServers(ChildJvm child) {
    Matcher ready = child.ready();
    return ready.group(1);
  }
}
