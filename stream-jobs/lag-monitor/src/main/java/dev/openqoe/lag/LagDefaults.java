package dev.openqoe.lag;

/**
 * The monitor's settings when no flag or environment variable says otherwise, as picocli defaults
 * ({@code ${env:VAR:-default}}); {@code ./qoe up} and the Compose deployment read the port from
 * here too.
 */
public final class LagDefaults {

  public static final int PORT_NUMBER = 9466;

  /** 127.0.0.1: the metrics are for this host until the deployment binds them wider. */
  public static final String BIND = "${env:QOE_LAG_BIND:-127.0.0.1}";

  public static final String PORT = "${env:QOE_LAG_PORT:-" + PORT_NUMBER + "}";

  /** Each round costs a few admin calls per topic and one short read: cheap at 30 s. */
  public static final String EVERY = "${env:QOE_LAG_INTERVAL:-30s}";

  /** Half the retention: with 72 h retention, a day and a half to act after the WARN. */
  public static final String AT_RISK_SHARE = "${env:QOE_LAG_AT_RISK_SHARE:-0.5}";

  public static final String KAFKA_BOOTSTRAP = "${env:QOE_KAFKA_BOOTSTRAP:-127.0.0.1:9092}";

  public static final String PINOT_CONTROLLER =
      "${env:QOE_PINOT_CONTROLLER:-http://127.0.0.1:9000}";

  private LagDefaults() {}
}
