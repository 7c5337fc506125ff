package dev.openqoe.warehouse.sql;

import dev.openqoe.warehouse.WarehouseConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.service.session.Session;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * Gives every gateway session the warehouse catalog as its current catalog, so a JDBC client's
 * first statement can be {@code SELECT * FROM dws.qoe_hour}. The gateway's own settings cannot do
 * this in Flink 2.0: a catalog store makes a catalog known but leaves {@code default_catalog}
 * current, and there is no per-session init script; a session's environment can carry a default
 * catalog, which is what this sets.
 */
final class WarehouseCatalogSessions implements SessionManager {

  private final SessionManager sessions;
  private final String catalogName;
  private final Map<String, String> catalogOptions;

  WarehouseCatalogSessions(SessionManager sessions, WarehouseConfig warehouse) {
    this.sessions = sessions;
    this.catalogName = warehouse.catalogName();
    this.catalogOptions = warehouse.flinkCatalogOptions();
  }

  @Override
  public Session openSession(SessionEnvironment requested) {
    SessionEnvironment.Builder environment =
        SessionEnvironment.newBuilder()
            .setSessionEndpointVersion(requested.getSessionEndpointVersion())
            .addSessionConfig(requested.getSessionConfig());
    requested.getSessionName().ifPresent(environment::setSessionName);
    requested.getRegisteredCatalogCreators().forEach(environment::registerCatalogCreator);
    List<Map.Entry<String, SessionEnvironment.ModuleCreator>> modules =
        new ArrayList<>(requested.getRegisteredModuleCreators().entrySet());
    for (int i = modules.size() - 1; i >= 0; i--) {
      environment.registerModuleCreatorAtHead(modules.get(i).getKey(), modules.get(i).getValue());
    }
    if (!requested.getRegisteredCatalogCreators().containsKey(catalogName)) {
      environment.registerCatalogCreator(
          catalogName,
          (configuration, classLoader) ->
              FactoryUtil.createCatalog(catalogName, catalogOptions, configuration, classLoader));
    }
    environment.setDefaultCatalog(requested.getDefaultCatalog().orElse(catalogName));
    return sessions.openSession(environment.build());
  }

  @Override
  public void start() {
    sessions.start();
  }

  @Override
  public void stop() {
    sessions.stop();
  }

  @Override
  public Session getSession(SessionHandle sessionHandle) {
    return sessions.getSession(sessionHandle);
  }

  @Override
  public void closeSession(SessionHandle sessionHandle) {
    sessions.closeSession(sessionHandle);
  }
}
