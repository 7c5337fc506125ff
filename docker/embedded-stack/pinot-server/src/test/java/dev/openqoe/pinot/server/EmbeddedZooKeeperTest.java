package dev.openqoe.pinot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {

  private static final String HOST = "127.0.0.1";

  /** What Helix asks for: an ephemeral node of a dead session lives this long without the fix. */
  private static final int HELIX_SESSION_TIMEOUT_MILLIS = 30_000;

  @TempDir Path dir;

  @Test
  void theSessionsOfARunThatEndedWithoutClosingThemAreClosedAtTheNextStart() throws Exception {
    int port = freePort();
    EmbeddedZooKeeper first = EmbeddedZooKeeper.start(dir, HOST, port);
    ZooKeeper part = connect(first.connectString());
    part.create("/tables", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    part.create("/live-instance", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    // The JVM ends with its parts' sessions open, as when the stop watchdog halts it or it is
    // killed: ZooKeeper goes first, so the part can no longer close its session.
    first.close();
    part.close(100);

    try (EmbeddedZooKeeper second = EmbeddedZooKeeper.start(dir, HOST, port)) {
      ZooKeeper next = connect(second.connectString());
      try {
        assertThat(second.sessionsClosed()).isEqualTo(1);
        assertThat(next.exists("/live-instance", false))
            .as("the dead run's ephemeral node, which Helix would wait 35 s for")
            .isNull();
        assertThat(next.exists("/tables", false)).as("persistent state is kept").isNotNull();
      } finally {
        next.close();
      }
    }
  }

  @Test
  void aCleanStopLeavesNoSessionToClose() throws Exception {
    int port = freePort();
    EmbeddedZooKeeper first = EmbeddedZooKeeper.start(dir, HOST, port);
    ZooKeeper part = connect(first.connectString());
    part.create("/live-instance", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    part.close();
    first.close();

    try (EmbeddedZooKeeper second = EmbeddedZooKeeper.start(dir, HOST, port)) {
      assertThat(second.sessionsClosed()).isZero();
    }
  }

  private static ZooKeeper connect(String connectString) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper client =
        new ZooKeeper(
            connectString,
            HELIX_SESSION_TIMEOUT_MILLIS,
            event -> {
              if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
              }
            });
    assertThat(connected.await(30, TimeUnit.SECONDS)).as("connected to ZooKeeper").isTrue();
    return client;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(HOST, 0));
      return socket.getLocalPort();
    }
  }
}
