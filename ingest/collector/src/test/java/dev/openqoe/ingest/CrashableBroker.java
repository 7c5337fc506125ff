package dev.openqoe.ingest;

import dev.openqoe.embedded.EmbeddedKafkaMain;
import dev.openqoe.process.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Kafka broker in a JVM of its own, on a fixed data directory and fixed ports, that a test can
 * SIGKILL and start again: to its clients, the same broker coming back after a crash.
 */
final class CrashableBroker implements AutoCloseable {

  // C1 only and the serial collector: the broker starts about twice as fast on a busy 2-core box,
  // and a few hundred records a second need no more.
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  // Short, so that the broker can register again soon after a kill, not 9 s later.
  private static final Duration BROKER_SESSION = Duration.ofSeconds(3);

  // Linux's default ephemeral range starts at 32768. While the broker is down, new outgoing
  // connections (the collector's reconnects, the HTTP clients' new sockets) take ephemeral ports:
  // one could hold the broker's port, or a reconnect could connect to itself on it, and the broker
  // could not listen there again. Ports below the range are never handed out that way.
  private static final int LOWEST_PORT = 20_000;
  private static final int PORTS_BELOW_EPHEMERAL = 12_000;

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private ChildJvm child;

  private CrashableBroker(Path dataDir) {
    this.dataDir = dataDir;
    this.port = portBelowEphemeralRange(-1);
    this.controllerPort = portBelowEphemeralRange(port);
  }

  /** Starts a broker with OpenQoE's topics on a new data directory, {@code dataDir}. */
  static CrashableBroker startOn(Path dataDir) {
    CrashableBroker broker = new CrashableBroker(dataDir);
    broker.start();
    return broker;
  }

  /** Starts the broker again on its data directory and ports; returns once it serves clients. */
  void start() {
    if (child != null) {
      throw new IllegalStateException("the broker is running");
    }
    child =
        EmbeddedKafkaMain.startChild(dataDir, port, controllerPort, BROKER_SESSION, JVM_OPTIONS);
    String announced = EmbeddedKafkaMain.bootstrapServers(child);
    if (!announced.equals(bootstrapServers())) {
      throw new IllegalStateException(
          "the broker came back on " + announced + ", not on " + bootstrapServers());
    }
  }

  /** SIGKILLs the broker's JVM; returns its exit status once it is gone (137 on Linux). */
  int kill() throws InterruptedException {
    int status = child.kill();
    child = null;
    return status;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    if (child != null) {
      child.close();
    }
  }

  /** A port free a moment ago, below the ephemeral range and other than {@code taken}. */
  private static int portBelowEphemeralRange(int taken) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = LOWEST_PORT + ThreadLocalRandom.current().nextInt(PORTS_BELOW_EPHEMERAL);
      if (port == taken) {
        continue;
      }
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return probe.getLocalPort();
      } catch (IOException inUse) {
        // in use: try another
      }
    }
    throw new IllegalStateException(
        "no free port on 127.0.0.1 between "
            + LOWEST_PORT
            + " and "
            + (LOWEST_PORT + PORTS_BELOW_EPHEMERAL)
            + " in 100 tries");
  }
}
