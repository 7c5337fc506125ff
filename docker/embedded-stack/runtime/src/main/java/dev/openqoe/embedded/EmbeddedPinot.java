package dev.openqoe.embedded;

import dev.openqoe.process.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pinot 0.11 (ZooKeeper, controller, broker, server) in a child JVM started from qoe-pinot-server's
 * jar and runtime classpath; see that module for why it never shares our classpath. The child exits
 * when this process closes its stdin (also when this process dies), and {@link #close()} and a
 * shutdown hook end it by its PID ({@link ChildJvm}).
 */
public final class EmbeddedPinot implements AutoCloseable {

  /** The directory holding qoe-pinot-server's jar and runtime-classpath.txt. */
  public static final String SERVER_DIR_PROPERTY = "qoe.pinot.server.dir";

  private static final Pattern READY =
      Pattern.compile("PINOT READY controller=(\\S+) broker=(\\S+) zookeeper=\\S+ startMs=(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final String PROGRESS_PREFIX = "pinot: ";

  // Pinot 0.11's Jersey, JAXB and Netty reflect into these JDK packages on Java 17.
  private static final List<String> OPENS =
      Stream.of(
              "java.lang",
              "java.lang.reflect",
              "java.io",
              "java.nio",
              "java.util",
              "sun.nio.ch",
              "jdk.internal.misc")
          .map(pkg -> "--add-opens=java.base/" + pkg + "=ALL-UNNAMED")
          .toList();

  private final ChildJvm child;
  private final String controllerUrl;
  private final String brokerUrl;
  private final long startMillis;

  private EmbeddedPinot(ChildJvm child) {
    this.child = child;
    Matcher ready = child.ready();
    this.controllerUrl = ready.group(1);
    this.brokerUrl = ready.group(2);
    this.startMillis = Long.parseLong(ready.group(3));
  }

  /** Starts Pinot on free ports with its data (and its log, pinot.log) in {@code dataDir}. */
  public static EmbeddedPinot start(Path dataDir) {
    return start(dataDir, 0, 0, 0);
  }

  /** Starts Pinot on the given ports (0: a free one). */
  public static EmbeddedPinot start(
      Path dataDir, int controllerPort, int brokerPort, int zookeeperPort) {
    List<String> command =
        serverJvm(
            System.getProperty("qoe.pinot.heap", "1g"),
            dataDir.toAbsolutePath().resolve("pinot.log"));
    command.add("dev.openqoe.pinot.server.EmbeddedPinotMain");
    command.add(dataDir.toAbsolutePath().toString());
    command.add(String.valueOf(controllerPort));
    command.add(String.valueOf(brokerPort));
    command.add(String.valueOf(zookeeperPort));
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Pinot's data directory " + dataDir, e);
    }
    return new EmbeddedPinot(
        ChildJvm.start(
            "embedded Pinot",
            command,
            READY,
            START_TIMEOUT,
            dataDir.toAbsolutePath().resolve("pinot.log").toString(),
            EmbeddedPinot::showProgress));
  }

  /**
   * The child's own lines about its start (a part started, with its time; every 10 s of a part
   * still starting, what it waits for) go to stderr as they come; its libraries' noise does not.
   */
  private static void showProgress(String line) {
    if (line.startsWith(PROGRESS_PREFIX)) {
      System.err.println(line);
    }
  }

  /**
   * A java command on qoe-pinot-server's jar and classpath with {@code heap} and Pinot's log
   * (warnings only) in {@code log}: add the main class and its arguments. Also for Pinot's other
   * tools (the segment builder), which must not run on our classpath either.
   */
  public static List<String> serverJvm(String heap, Path log) {
    List<String> command = new ArrayList<>();
    command.add(ChildJvm.javaLauncher());
    command.add("-Xmx" + heap);
    command.addAll(OPENS);
    command.add("-Dqoe.pinot.log=" + log);
    command.add("-Dlog4j.configurationFile=qoe-pinot-log4j2.xml");
    command.add("-cp");
    command.add(classpath(serverDir()));
    return command;
  }

  public String controllerUrl() {
    return controllerUrl;
  }

  public String brokerUrl() {
    return brokerUrl;
  }

  /** How long the child took from its main to a serving cluster. */
  public long startMillis() {
    return startMillis;
  }

  public long pid() {
    return child.pid();
  }

  /** Blocks until the child exits (used by {@code ./qoe pinot}, which runs until interrupted). */
  public int waitFor() throws InterruptedException {
    return child.waitFor();
  }

  @Override
  public void close() {
    child.close();
  }

  private static Path serverDir() {
    String dir = System.getProperty(SERVER_DIR_PROPERTY);
    if (dir == null) {
      throw new IllegalStateException(
          "set -D"
              + SERVER_DIR_PROPERTY
              + " to docker/embedded-stack/pinot-server/target (built by 'mvn package -pl docker/embedded-stack/pinot-server')");
    }
    return Path.of(dir);
  }

  private static String classpath(Path serverDir) {
    Path classpathFile = serverDir.resolve("runtime-classpath.txt");
    try (Stream<Path> files = Files.list(serverDir)) {
      Path jar =
          files
              .filter(f -> f.getFileName().toString().matches("qoe-pinot-server-.*\\.jar"))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no qoe-pinot-server jar in " + serverDir));
      return jar + java.io.File.pathSeparator + Files.readString(classpathFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the Pinot server classpath in "
              + serverDir
              + " (build it: mvn package -pl docker/embedded-stack/pinot-server)",
          e);
    }
  }
}
