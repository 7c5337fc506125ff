package dev.openqoe.warehouse.sql;

import dev.openqoe.warehouse.WarehouseConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qoe sql-gateway}: the warehouse over the Flink SQL Gateway, for JDBC tools. */
@Command(
    name = "sql-gateway",
    mixinStandardHelpOptions = true,
    version = "qoe sql-gateway 0.1.0",
    description = {
      "Starts a Flink SQL Gateway on 127.0.0.1 whose sessions query the warehouse (batch).",
      "Connect with the Flink JDBC driver (org.apache.flink:flink-sql-jdbc-driver:2.0.0).",
      "Runs until Ctrl-C."
    })
final class SqlGatewayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin WarehouseOptions warehouse;

  @Option(
      names = "--port",
      defaultValue = "8083",
      description = "REST port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    WarehouseConfig config;
    WarehouseSqlGateway gateway;
    try {
      config = warehouse.config();
      gateway = WarehouseSqlGateway.start(config, port);
    } catch (Exception e) {
      spec.commandLine().getErr().println("qoe sql-gateway: " + SqlErrorMessage.of(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  stopped.countDown();
                },
                "qoe-sql-gateway-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Flink SQL Gateway on %s, catalog '%s'%n", gateway.restUrl(), config.catalogName());
    out.printf("JDBC URL: %s%n", gateway.jdbcUrl());
    out.println(
        "Driver:   org.apache.flink:flink-sql-jdbc-driver:2.0.0 (org.apache.flink.table.jdbc.FlinkDriver)");
    out.println("Example:  SELECT cdn, SUM(sessions) AS sessions FROM dws.qoe_hour GROUP BY cdn");
    out.println("Ctrl-C stops it.");
    out.flush();
    stopped.await();
    return 0;
  }
}
