package dev.openqoe.warehouse.sql;

import dev.openqoe.warehouse.WarehouseConfig;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * A Flink SQL Gateway (REST endpoint) in this process, on the loopback interface only, whose
 * sessions run batch queries on local in-process Flink over the warehouse catalog.
 */
public final class WarehouseSqlGateway implements AutoCloseable {

  private static final String HOST = "127.0.0.1";

  private final SqlGateway gateway;
  private final int port;

  private WarehouseSqlGateway(SqlGateway gateway, int port) {
    this.gateway = gateway;
    this.port = port;
  }

  public static WarehouseSqlGateway start(WarehouseConfig warehouse, int port) throws Exception {
    Configuration configuration = WarehouseSqlSession.sessionConfiguration();
    configuration.setString("sql-gateway.endpoint.type", "rest");
    configuration.setString("sql-gateway.endpoint.rest.address", HOST);
    configuration.setString("sql-gateway.endpoint.rest.bind-address", HOST);
    configuration.setString("sql-gateway.endpoint.rest.port", Integer.toString(port));
    configuration.setString("sql-gateway.endpoint.rest.bind-port", Integer.toString(port));
    // Each statement's job runs on a Flink mini cluster inside this process, which Flink's local
    // executor only does attached.
    configuration.setString("execution.target", "local");
    configuration.setString("execution.attached", "true");
    SessionManager sessions =
        new WarehouseCatalogSessions(
            SessionManager.create(new DefaultContext(configuration, List.of())), warehouse);
    SqlGateway gateway = new SqlGateway(configuration, sessions);
    gateway.start();
    return new WarehouseSqlGateway(gateway, port);
  }

  /** What an analyst's JDBC tool connects to (driver: org.apache.flink:flink-sql-jdbc-driver). */
  public String jdbcUrl() {
    return "jdbc:flink://" + HOST + ":" + port;
  }

  public String restUrl() {
    return "http://" + HOST + ":" + port;
  }

  @Override
  public void close() {
    gateway.stop();
  }
}
