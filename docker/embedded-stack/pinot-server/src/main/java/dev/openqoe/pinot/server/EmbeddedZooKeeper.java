package dev.openqoe.pinot.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * The Pinot cluster's ZooKeeper, in this JVM on 127.0.0.1, its data in the Pinot data directory.
 *
 * <p>Every client of it is a part of this JVM (controller, broker, server), so a session it
 * restores from its data directory belongs to an earlier run that ended without closing it: killed,
 * or halted by the stop watchdog while the server was still stopping. Left alone, such a session
 * keeps its ephemeral nodes (each part's Helix live instance, the Helix controller's leader node)
 * until its 30 s timeout runs out after this start, and Helix then sleeps 35 s in the controller's
 * start because "another instance" has its name, and the server's segments wait for a Helix leader.
 * Those sessions are closed as soon as ZooKeeper serves, before any part connects.
 */
final class EmbeddedZooKeeper implements AutoCloseable {

  private static final int TICK_MILLIS = 2000;
  private static final int MAX_CONNECTIONS = 100;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final ServerCnxnFactory factory;
  private final String connectString;
  private final int sessionsClosed;

  private EmbeddedZooKeeper(ServerCnxnFactory factory, String connectString, int sessionsClosed) {
    this.factory = factory;
    this.connectString = connectString;
    this.sessionsClosed = sessionsClosed;
  }

  /** Starts ZooKeeper on {@code host:port} with its data in {@code dir}. */
  static EmbeddedZooKeeper start(Path dir, String host, int port)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    ZooKeeperServer server = new ZooKeeperServer(dir.toFile(), dir.toFile(), TICK_MILLIS);
    ServerCnxnFactory factory =
        ServerCnxnFactory.createFactory(new InetSocketAddress(host, port), MAX_CONNECTIONS);
    factory.startup(server);
    int closed = closeSessionsOfEarlierRuns(server);
    return new EmbeddedZooKeeper(factory, host + ":" + port, closed);
  }

  /**
   * Closes the sessions restored from disk (none of this run's parts has connected yet) and waits
   * until ZooKeeper has removed them with their ephemeral nodes.
   */
  private static int closeSessionsOfEarlierRuns(ZooKeeperServer server)
      throws InterruptedException {
    Map<Long, Integer> sessions = server.getZKDatabase().getSessionWithTimeOuts();
    Set<Long> restored = Set.copyOf(sessions.keySet());
    restored.forEach(server::closeSession);
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    while (restored.stream().anyMatch(sessions::containsKey)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "ZooKeeper did not close the "
                + restored.size()
                + " sessions of an earlier run within "
                + CLOSE_WAIT.toSeconds()
                + " s");
      }
      Thread.sleep(10);
    }
    return restored.size();
  }

  String connectString() {
    return connectString;
  }

  /** How many sessions of an earlier run this start closed (0 after a clean stop). */
  int sessionsClosed() {
    return sessionsClosed;
  }

  @Override
  public void close() {
    factory.shutdown();
  }
}
