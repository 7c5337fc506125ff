package dev.openqoe.pinot.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.pinot.broker.broker.helix.HelixBrokerStarter;
import org.apache.pinot.common.utils.ServiceStatus;
import org.apache.pinot.controller.ControllerStarter;
import org.apache.pinot.server.starter.helix.HelixServerStarter;
import org.apache.pinot.spi.env.PinotConfiguration;
import org.apache.pinot.spi.services.ServiceStartable;

/**
 * A whole Pinot cluster in one JVM, every port on 127.0.0.1: ZooKeeper, controller, broker and
 * server. It is started as a child process by qoe-pinot's EmbeddedPinot (never in-process: Pinot
 * 0.11's libraries clash with ours), prints one {@value #READY} line with its URLs on stdout, and
 * exits when its stdin closes, so it cannot outlive the process that started it.
 *
 * <p>Arguments: {@code <data-dir> [<controller-port> <broker-port> <zookeeper-port>]}; a port of 0
 * (the default) picks a free one. Keeping the data directory and the ports keeps the tables and
 * their segments across restarts.
 */
public final class EmbeddedPinotMain {

  static final String READY = "PINOT READY";
  private static final String HOST = "127.0.0.1";
  private static final String CLUSTER = "QoePinot";
  private static final long STOP_TIMEOUT_MILLIS = 10_000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
  private static final String SERVER_INSTANCE_ID = "pinot.server.instance.id";

  private final List<ServiceStartable> started = new ArrayList<>();
  private EmbeddedZooKeeper zookeeper;
  private volatile String serverInstanceId;

  public static void main(String[] args) throws Exception {
    if (args.length != 1 && args.length != 4) {
      System.err.println(
          "usage: EmbeddedPinotMain <data-dir> [<controller-port> <broker-port> <zookeeper-port>]");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]).toAbsolutePath();
    int controllerPort = port(args, 1);
    int brokerPort = port(args, 2);
    int zookeeperPort = port(args, 3);
    EmbeddedPinotMain pinot = new EmbeddedPinotMain();
    Runtime.getRuntime().addShutdownHook(new Thread(pinot::stop, "pinot-stop"));
    long begin = System.nanoTime();
    try (StartProgress progress =
        StartProgress.watch(
            Thread.currentThread(), System.out, pinot::serverStatus, PROGRESS_EVERY)) {
      pinot.start(dataDir, controllerPort, brokerPort, zookeeperPort, progress);
    }
    System.out.printf(
        "%s controller=http://%s:%d broker=http://%s:%d zookeeper=%s:%d startMs=%d%n",
        READY,
        HOST,
        controllerPort,
        HOST,
        brokerPort,
        HOST,
        zookeeperPort,
        (System.nanoTime() - begin) / 1_000_000);
    System.out.flush();
    awaitEndOfInput(System.in);
    System.exit(0);
  }

  private static int port(String[] args, int index) throws IOException {
    int port = args.length > index ? Integer.parseInt(args[index]) : 0;
    return port == 0 ? freePort() : port;
  }

  private void start(
      Path dataDir, int controllerPort, int brokerPort, int zookeeperPort, StartProgress progress)
      throws Exception {
    progress.starting("ZooKeeper");
    zookeeper = EmbeddedZooKeeper.start(dataDir.resolve("zookeeper"), HOST, zookeeperPort);
    String zk = zookeeper.connectString();
    progress.started("ZooKeeper serves " + zk + closedSessions(zookeeper.sessionsClosed()));
    progress.starting("the controller");
    startService(new ControllerStarter(), controller(dataDir, zk, controllerPort));
    progress.started("controller started on port " + controllerPort);
    progress.starting("the broker");
    startService(new HelixBrokerStarter(), broker(zk, brokerPort));
    progress.started("broker started on port " + brokerPort);
    progress.starting("the server");
    Map<String, Object> server = server(dataDir, zk);
    serverInstanceId = (String) server.get(SERVER_INSTANCE_ID);
    startService(new HelixServerStarter(), server);
    progress.started("server started");
  }

  /** Pinot's own account of the server's start: the segments it still waits for. */
  private String serverStatus() {
    String id = serverInstanceId;
    return id == null ? "" : ServiceStatus.getStatusDescription(id);
  }

  private static String closedSessions(int count) {
    return count == 0
        ? ""
        : "; closed "
            + count
            + " ZooKeeper sessions of an earlier run that did not stop cleanly, so their Helix"
            + " live instances do not hold up this start";
  }

  private void startService(ServiceStartable service, Map<String, Object> config) throws Exception {
    service.init(new PinotConfiguration(config));
    service.start();
    started.add(0, service);
  }

  private static Map<String, Object> controller(Path dataDir, String zk, int port) {
    Map<String, Object> c = new HashMap<>();
    c.put("controller.zk.str", zk);
    c.put("controller.helix.cluster.name", CLUSTER);
    c.put("controller.host", HOST);
    c.put("controller.port", String.valueOf(port));
    // Without an explicit protocol list Pinot 0.11 ignores the host and binds 0.0.0.0.
    c.put("controller.access.protocols", "http");
    c.put("controller.access.protocols.http.host", HOST);
    c.put("controller.access.protocols.http.port", String.valueOf(port));
    c.put("controller.data.dir", dataDir.resolve("controller").toString());
    c.put("controller.local.temp.dir", dataDir.resolve("controller-tmp").toString());
    c.put("controller.vip.host", HOST);
    c.put("controller.vip.port", String.valueOf(port));
    return c;
  }

  private static Map<String, Object> broker(String zk, int port) {
    Map<String, Object> c = new HashMap<>();
    c.put("pinot.zk.server", zk);
    c.put("pinot.cluster.name", CLUSTER);
    c.put("pinot.broker.hostname", HOST);
    c.put("pinot.broker.client.queryPort", String.valueOf(port));
    c.put("pinot.broker.client.access.protocols", "http");
    c.put("pinot.broker.client.access.protocols.http.host", HOST);
    c.put("pinot.broker.client.access.protocols.http.port", String.valueOf(port));
    c.put("pinot.broker.instance.id", "Broker_" + HOST + "_" + port);
    c.put("pinot.broker.delayShutdownTimeMs", "0");
    return c;
  }

  private static Map<String, Object> server(Path dataDir, String zk) throws IOException {
    Properties ports = serverPorts(dataDir);
    int nettyPort = Integer.parseInt(ports.getProperty("netty"));
    int adminPort = Integer.parseInt(ports.getProperty("admin"));
    Map<String, Object> c = new HashMap<>();
    c.put("pinot.zk.server", zk);
    c.put("pinot.cluster.name", CLUSTER);
    c.put("pinot.server.netty.host", HOST);
    c.put("pinot.server.netty.port", String.valueOf(nettyPort));
    c.put("pinot.server.adminapi.port", String.valueOf(adminPort));
    c.put("pinot.server.adminapi.access.protocols", "http");
    c.put("pinot.server.adminapi.access.protocols.http.host", HOST);
    c.put("pinot.server.adminapi.access.protocols.http.port", String.valueOf(adminPort));
    c.put(SERVER_INSTANCE_ID, "Server_" + HOST + "_" + nettyPort);
    c.put("pinot.server.instance.dataDir", dataDir.resolve("server/data").toString());
    c.put("pinot.server.instance.segmentTarDir", dataDir.resolve("server/tar").toString());
    c.put("pinot.server.grpc.enable", "false");
    c.put("pinot.server.shutdown.enableQueryCheck", "false");
    c.put("pinot.server.shutdown.enableResourceCheck", "false");
    return c;
  }

  /**
   * The server's ports, chosen once per data directory and kept in it: the server's Helix instance
   * id contains its port, and segments are assigned to that id, so a restart on other ports would
   * come back with tables that no server serves.
   */
  private static Properties serverPorts(Path dataDir) throws IOException {
    Path file = dataDir.resolve("server-ports.properties");
    Properties ports = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        ports.load(in);
      }
      return ports;
    }
    ports.setProperty("netty", String.valueOf(freePort()));
    ports.setProperty("admin", String.valueOf(freePort()));
    Files.createDirectories(dataDir);
    try (Writer out = Files.newBufferedWriter(file)) {
      ports.store(out, "Pinot server ports of this data directory");
    }
    return ports;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(HOST, 0));
      return socket.getLocalPort();
    }
  }

  private static void awaitEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // The parent writes nothing; reading only tells us when it is gone.
    }
  }

  private synchronized void stop() {
    // Helix can hang in shutdown when ZooKeeper goes first or a consumer is mid-fetch: never let
    // a stuck stop keep this JVM (and its ports) alive.
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(STOP_TIMEOUT_MILLIS);
                Runtime.getRuntime().halt(1);
              } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
              }
            },
            "pinot-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    for (ServiceStartable service : started) {
      service.stop();
    }
    started.clear();
    if (zookeeper != null) {
      zookeeper.close();
      zookeeper = null;
    }
  }
}
