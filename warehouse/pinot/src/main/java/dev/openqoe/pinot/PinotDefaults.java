package dev.openqoe.pinot;

/**
 * Where Pinot and Kafka are when no flag or environment variable says otherwise: the ports of the
 * embedded Pinot ({@code ./qoe pinot}) and the embedded Kafka.
 */
public final class PinotDefaults {

  public static final int CONTROLLER_PORT = 9000;
  public static final int BROKER_PORT = 8099;
  public static final int ZOOKEEPER_PORT = 2181;
  public static final int DRILL_API_PORT = 8093;

  /** The Kafka a table consumes from, as a picocli default: the environment, then loopback. */
  public static final String KAFKA_BOOTSTRAP = "${env:QOE_KAFKA_BOOTSTRAP:-127.0.0.1:9092}";

  private PinotDefaults() {}
}
