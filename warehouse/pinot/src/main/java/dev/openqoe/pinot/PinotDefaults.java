package dev.openqoe.pinot;

/**
 * Where Pinot and Kafka are when no flag says otherwise: the ports of the embedded Pinot ({@code
 * ./qoe pinot}) and the embedded Kafka, overridable by environment variables for other stacks.
 */
public final class PinotDefaults {

  public static final int CONTROLLER_PORT = 9000;
  public static final int BROKER_PORT = 8099;
  public static final int ZOOKEEPER_PORT = 2181;
  public static final int DRILL_API_PORT = 8093;

  private PinotDefaults() {}

  public static String controller() {
    return env("QOE_PINOT_CONTROLLER", "http://127.0.0.1:" + CONTROLLER_PORT);
  }

  public static String broker() {
    return env("QOE_PINOT_BROKER", "http://127.0.0.1:" + BROKER_PORT);
  }

  public static String kafkaBootstrap() {
    return env("QOE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
