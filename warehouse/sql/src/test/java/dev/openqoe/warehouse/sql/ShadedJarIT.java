package dev.openqoe.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar the launcher runs, in its own JVM: what the tests' class path hides (a missing
 * dependency, a service file lost in shading) breaks here.
 */
class ShadedJarIT {

  private static final Path JAR = Path.of("target", "qoe-warehouse-sql.jar");

  @TempDir static Path dataDir;

  @BeforeAll
  static void writeSampleWarehouse() {
    SampleWarehouse.create(dataDir);
  }

  @Test
  void sqlPrintsATable() throws Exception {
    Path out = dataDir.resolve("sql.out");
    Process sql =
        qoe(
            out,
            "sql",
            "--data-dir",
            dataDir.toString(),
            "SELECT COUNT(*) AS hours FROM dws.qoe_hour");

    assertThat(sql.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(sql.exitValue()).isZero();
    assertThat(Files.readString(out))
        .startsWith("+-------+\n| hours |\n+-------+\n|     5 |\n+-------+\n1 row in ");
  }

  @Test
  void sqlGatewayAnswersTheJdbcDriverAndStopsOnSignal() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path out = dataDir.resolve("gateway.out");
    Process gateway =
        qoe(out, "sql-gateway", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
    try {
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> Files.readString(out).contains("JDBC URL: jdbc:flink://127.0.0.1:" + port));
      List<String> rows = new ArrayList<>();
      try (Connection connection = DriverManager.getConnection("jdbc:flink://127.0.0.1:" + port);
          Statement statement = connection.createStatement();
          ResultSet result =
              statement.executeQuery(
                  "SELECT device_type, COUNT(*) AS sessions FROM dwd.sessions"
                      + " GROUP BY device_type ORDER BY device_type")) {
        while (result.next()) {
          rows.add(result.getString(1) + "=" + result.getLong(2));
        }
      }
      assertThat(rows).containsExactly("desktop=12", "mobile=3", "tv=2");
    } finally {
      gateway.destroy();
    }
    assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> !listening(port));
  }

  private static Process qoe(Path out, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    Files.writeString(out, "", StandardCharsets.UTF_8);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return socket.isConnected();
    } catch (IOException refused) {
      return false;
    }
  }
}
