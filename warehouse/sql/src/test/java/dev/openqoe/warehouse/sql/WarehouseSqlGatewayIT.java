package dev.openqoe.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openqoe.warehouse.WarehouseConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway, queried through the real Flink JDBC driver, as an analyst's tool would. */
class WarehouseSqlGatewayIT {

  @TempDir static Path dataDir;

  private static WarehouseSqlGateway gateway;
  private static int port;

  @BeforeAll
  static void startGateway() throws Exception {
    WarehouseConfig warehouse = SampleWarehouse.create(dataDir);
    port = freeLoopbackPort();
    gateway = WarehouseSqlGateway.start(warehouse, port);
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @Test
  void answersAQueryOnTheWarehouseCatalogWithoutAnySetup() throws Exception {
    assertThat(gateway.jdbcUrl()).isEqualTo("jdbc:flink://127.0.0.1:" + port);
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(gateway.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT cdn, SUM(sessions) AS sessions FROM dws.qoe_hour"
                    + " WHERE cdn IS NOT NULL GROUP BY cdn ORDER BY cdn")) {
      while (result.next()) {
        rows.add(result.getString("cdn") + "=" + result.getLong("sessions"));
      }
    }
    assertThat(rows).containsExactly("akamai=120", "fastly=5");
  }

  @Test
  void listensOnLoopbackOnlyAndStopsCleanly() throws Exception {
    assertThat(connects(InetAddress.getLoopbackAddress(), port)).isTrue();
    for (InetAddress address : InetAddress.getAllByName(InetAddress.getLocalHost().getHostName())) {
      if (!address.isLoopbackAddress()) {
        assertThat(connects(address, port)).as("reachable on %s", address).isFalse();
      }
    }
    int otherPort = freeLoopbackPort();
    WarehouseSqlGateway other =
        WarehouseSqlGateway.start(WarehouseConfig.embedded(dataDir), otherPort);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> connects(InetAddress.getLoopbackAddress(), otherPort));
    other.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !connects(InetAddress.getLoopbackAddress(), otherPort));
  }

  private static boolean connects(InetAddress address, int port) {
    try (Socket socket = new Socket(address, port)) {
      return socket.isConnected();
    } catch (IOException refused) {
      return false;
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
