package dev.openqoe.ingest.config;

import dev.openqoe.ingest.enrich.TrustedProxies;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The collector's settings. Each has a default in {@link Setting}; a value is taken from, in
 * increasing precedence: the default, the file given by {@code --config} (Java properties), the
 * environment variable {@code QOE_COLLECTOR_<KEY>} (upper case, dots and dashes as underscores),
 * and the command-line flag {@code --<key>=<value>}.
 */
public record CollectorConfig(
    String host,
    int port,
    int eventLoops,
    String kafkaBootstrap,
    Path embeddedKafkaDir,
    int embeddedKafkaPort,
    long embeddedKafkaMinFreeBytes,
    boolean createTopics,
    Path propertiesFile,
    int maxBodyBytes,
    int maxOpsBodyBytes,
    int maxEventsPerBatch,
    Duration maxFutureSkew,
    Duration responseTimeout,
    int retryAfterSeconds,
    double perIpRequestsPerSecond,
    double unknownKeysPerIpPerSecond,
    boolean trustForwardedFor,
    TrustedProxies trustedProxies,
    boolean allowDevKeyOnNetwork,
    Path geoipDatabase,
    Path geoipAsnDatabase,
    int kafkaLingerMs,
    String kafkaCompression,
    int kafkaMaxInFlight,
    long kafkaBufferBytes,
    Duration kafkaDeliveryTimeout,
    Duration shutdownTimeout,
    int maxConnections,
    Duration requestHeadTimeout,
    Duration requestBodyTimeout,
    int maxHeaderBytes,
    boolean http2Cleartext) {

  /** Every setting with its key, default and meaning: the one place defaults live. */
  public enum Setting {
    HOST("host", "127.0.0.1", "address to listen on"),
    PORT("port", "8480", "HTTP port"),
    EVENT_LOOPS("event-loops", "0", "event-loop threads; 0 means one per CPU core"),
    KAFKA_BOOTSTRAP(
        "kafka.bootstrap",
        "",
        "Kafka bootstrap servers; empty starts an embedded broker in kafka.embedded-dir"),
    KAFKA_EMBEDDED_DIR("kafka.embedded-dir", "data/kafka", "data directory of the embedded broker"),
    KAFKA_EMBEDDED_PORT(
        "kafka.embedded-port",
        "9092",
        "client port of the embedded broker on 127.0.0.1 (where ./qoe pipeline looks); 0 picks any"),
    KAFKA_EMBEDDED_MIN_FREE_BYTES(
        "kafka.embedded-min-free-bytes",
        "268435456",
        "with the embedded broker: below this many free bytes on kafka.embedded-dir's disk,"
            + " requests get 503 disk_full (checked every second) before the broker fills it,"
            + " which would stop it; 0 turns the check off"),
    KAFKA_CREATE_TOPICS(
        "kafka.create-topics",
        "true",
        "create the topics the collector writes (beacons, delivery-chain feeds, their DLQs) if"
            + " missing"),
    PROPERTIES_FILE(
        "properties-file",
        "",
        "JSON file of properties and their ingest keys; empty serves the built-in dev property"),
    MAX_BODY_BYTES("max-body-bytes", "262144", "largest request body, after decompression"),
    MAX_OPS_BODY_BYTES(
        "max-ops-body-bytes",
        "786432",
        "largest delivery-chain body (/v1/ops), after decompression; stored as one Kafka record,"
            + " so at most 1000000 (Kafka's default record limit is 1 MiB)"),
    MAX_EVENTS_PER_BATCH("max-events-per-batch", "500", "most events in one request"),
    MAX_FUTURE_SKEW_SECONDS(
        "max-future-skew-seconds", "300", "how far ahead of the server clock a ts may be"),
    RESPONSE_TIMEOUT_MS(
        "response-timeout-ms", "5000", "answer 503 when Kafka has not acknowledged by then"),
    RETRY_AFTER_SECONDS("retry-after-seconds", "5", "Retry-After sent with 503"),
    PER_IP_REQUESTS_PER_SECOND(
        "rate-limit.per-ip", "100", "requests per second from one client address (burst: 2 s)"),
    UNKNOWN_KEYS_PER_IP_PER_SECOND(
        "rate-limit.unknown-keys-per-ip",
        "5",
        "requests with a missing or unknown key per second from one client address (burst: 2 s);"
            + " over it, every request of the address gets 429 whatever its key, so keys cannot be"
            + " guessed quickly"),
    TRUST_FORWARDED_FOR(
        "trust-forwarded-for",
        "false",
        "take the client address from X-Forwarded-For, as trusted-proxies appended it (only"
            + " behind your own proxies)"),
    TRUSTED_PROXIES(
        "trusted-proxies",
        "",
        "your own proxies' networks, comma-separated CIDR blocks or addresses (e.g."
            + " 10.0.0.0/8,fc00::/7): X-Forwarded-For is read only on connections from them, and"
            + " the client is its right-most entry outside them"),
    ALLOW_DEV_KEY_ON_NETWORK(
        "allow-dev-key-on-network",
        "false",
        "start even though the development key dev-key is accepted and host is not a loopback"
            + " address; otherwise the collector refuses to start then"),
    GEOIP_DATABASE(
        "geoip.database", "", "GeoIP2/GeoLite2 City or Country .mmdb; empty disables geo"),
    GEOIP_ASN_DATABASE("geoip.asn-database", "", "GeoLite2 ASN .mmdb; empty disables ASN"),
    KAFKA_LINGER_MS(
        "kafka.linger-ms",
        "1",
        "producer linger.ms: waiting 1 ms for more records makes fewer, larger batches"),
    KAFKA_COMPRESSION(
        "kafka.compression", "lz4", "producer compression: none, gzip, snappy, lz4 or zstd"),
    KAFKA_MAX_IN_FLIGHT(
        "kafka.max-in-flight",
        "5",
        "producer max.in.flight.requests.per.connection, 1 to 5 (the producer is idempotent)"),
    KAFKA_BUFFER_BYTES(
        "kafka.buffer-bytes", "33554432", "producer buffer; when full, requests get 503"),
    KAFKA_DELIVERY_TIMEOUT_MS("kafka.delivery-timeout-ms", "30000", "producer delivery.timeout.ms"),
    SHUTDOWN_TIMEOUT_MS(
        "shutdown-timeout-ms", "10000", "how long shutdown waits for in-flight requests"),
    MAX_CONNECTIONS(
        "max-connections",
        "10000",
        "most HTTP connections open at once; more are closed as they come"),
    REQUEST_HEAD_TIMEOUT_MS(
        "request-head-timeout-ms",
        "20000",
        "a connection must send a whole request head within this of opening or of its previous"
            + " answer, else it is closed (slow headers; also how long an idle keep-alive"
            + " connection stays open)"),
    REQUEST_BODY_TIMEOUT_MS(
        "request-body-timeout-ms",
        "10000",
        "a request's body must arrive within this of its head, else 408 and the connection is"
            + " closed (slow bodies)"),
    MAX_HEADER_BYTES(
        "max-header-bytes",
        "8192",
        "largest request head (all header lines); larger gets 431 and the connection closed"),
    HTTP2_CLEARTEXT(
        "http2-cleartext",
        "false",
        "accept HTTP/2 over cleartext (h2c upgrade and prior knowledge); off: HTTP/1.1 only");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
      this.key = key;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    public String key() {
      return key;
    }

    public String defaultValue() {
      return defaultValue;
    }

    public String description() {
      return description;
    }

    public String environmentVariable() {
      return "QOE_COLLECTOR_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
  }

  /**
   * The largest delivery-chain body: each is one Kafka record, and Kafka refuses records over 1 MiB
   * unless its producer and topics are configured otherwise; this leaves room for the record's
   * header and framing.
   */
  static final int MAX_KAFKA_RECORD_BODY_BYTES = 1_000_000;

  public static final CollectorConfig DEFAULTS = fromValues(defaultValues());

  /** The embedded Kafka is used when no bootstrap servers are configured. */
  public boolean usesEmbeddedKafka() {
    return kafkaBootstrap.isBlank();
  }

  /**
   * Reads the configuration from defaults, {@code --config FILE}, environment and flags.
   *
   * @throws IllegalArgumentException naming the setting when a value is missing or malformed
   */
  public static CollectorConfig load(String[] args, Map<String, String> environment) {
    Map<String, String> values = defaultValues();
    Map<String, String> flags = CollectorCommandLine.flags(args);
    String configFile = flags.remove("config");
    if (configFile == null) {
      configFile = environment.get("QOE_COLLECTOR_CONFIG");
    }
    if (configFile != null && !configFile.isBlank()) {
      values.putAll(readFile(Path.of(configFile)));
    }
    for (Setting setting : Setting.values()) {
      String fromEnvironment = environment.get(setting.environmentVariable());
      if (fromEnvironment != null) {
        values.put(setting.key(), fromEnvironment);
      }
    }
    values.putAll(flags);
    return fromValues(values);
  }

  /** The text of {@code --help}: every setting, its default and its environment variable. */
  public static String usage() {
    return CollectorCommandLine.usage();
  }

  private static Map<String, String> defaultValues() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Setting setting : Setting.values()) {
      values.put(setting.key(), setting.defaultValue());
    }
    return values;
  }

  private static Map<String, String> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (!isSetting(name)) {
        throw new IllegalArgumentException("unknown setting '" + name + "' in " + file);
      }
      values.put(name, properties.getProperty(name).trim());
    }
    return values;
  }

  private static boolean isSetting(String key) {
    for (Setting setting : Setting.values()) {
      if (setting.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private static CollectorConfig fromValues(Map<String, String> values) {
    Values v = new Values(values);
    int eventLoops = v.integer(Setting.EVENT_LOOPS, 0, 256);
    boolean trustForwardedFor = v.bool(Setting.TRUST_FORWARDED_FOR);
    TrustedProxies trustedProxies = v.proxies(Setting.TRUSTED_PROXIES);
    if (trustForwardedFor && trustedProxies.isEmpty()) {
      throw new IllegalArgumentException(
          "setting trust-forwarded-for=true needs trusted-proxies, the networks of your own"
              + " proxies (e.g. 10.0.0.0/8): the client writes X-Forwarded-For's other entries");
    }
    return new CollectorConfig(
        v.text(Setting.HOST),
        v.integer(Setting.PORT, 0, 65535),
        eventLoops == 0 ? Runtime.getRuntime().availableProcessors() : eventLoops,
        v.text(Setting.KAFKA_BOOTSTRAP),
        Path.of(v.text(Setting.KAFKA_EMBEDDED_DIR)),
        v.integer(Setting.KAFKA_EMBEDDED_PORT, 0, 65535),
        v.longInteger(Setting.KAFKA_EMBEDDED_MIN_FREE_BYTES, 0, Long.MAX_VALUE),
        v.bool(Setting.KAFKA_CREATE_TOPICS),
        v.path(Setting.PROPERTIES_FILE),
        v.integer(Setting.MAX_BODY_BYTES, 1024, 64 << 20),
        v.integer(Setting.MAX_OPS_BODY_BYTES, 1024, MAX_KAFKA_RECORD_BODY_BYTES),
        v.integer(Setting.MAX_EVENTS_PER_BATCH, 1, 100_000),
        Duration.ofSeconds(v.integer(Setting.MAX_FUTURE_SKEW_SECONDS, 0, Integer.MAX_VALUE)),
        Duration.ofMillis(v.integer(Setting.RESPONSE_TIMEOUT_MS, 10, 600_000)),
        v.integer(Setting.RETRY_AFTER_SECONDS, 1, 3600),
        v.decimal(Setting.PER_IP_REQUESTS_PER_SECOND),
        v.decimal(Setting.UNKNOWN_KEYS_PER_IP_PER_SECOND),
        trustForwardedFor,
        trustForwardedFor ? trustedProxies : TrustedProxies.NONE,
        v.bool(Setting.ALLOW_DEV_KEY_ON_NETWORK),
        v.path(Setting.GEOIP_DATABASE),
        v.path(Setting.GEOIP_ASN_DATABASE),
        v.integer(Setting.KAFKA_LINGER_MS, 0, 1000),
        v.oneOf(Setting.KAFKA_COMPRESSION, "none", "gzip", "snappy", "lz4", "zstd"),
        v.integer(Setting.KAFKA_MAX_IN_FLIGHT, 1, 5),
        v.integer(Setting.KAFKA_BUFFER_BYTES, 1 << 20, Integer.MAX_VALUE),
        Duration.ofMillis(v.integer(Setting.KAFKA_DELIVERY_TIMEOUT_MS, 1000, Integer.MAX_VALUE)),
        Duration.ofMillis(v.integer(Setting.SHUTDOWN_TIMEOUT_MS, 0, 600_000)),
        v.integer(Setting.MAX_CONNECTIONS, 1, 1_000_000),
        Duration.ofMillis(v.integer(Setting.REQUEST_HEAD_TIMEOUT_MS, 100, 600_000)),
        Duration.ofMillis(v.integer(Setting.REQUEST_BODY_TIMEOUT_MS, 100, 600_000)),
        v.integer(Setting.MAX_HEADER_BYTES, 1024, 1 << 20),
        v.bool(Setting.HTTP2_CLEARTEXT));
  }

  /** Typed access to the raw values, with errors that name the setting. */
  private record Values(Map<String, String> raw) {
    String text(Setting setting) {
      return raw.get(setting.key()).trim();
    }

    Path path(Setting setting) {
      String value = text(setting);
      return value.isEmpty() ? null : Path.of(value);
    }

    int integer(Setting setting, int min, int max) {
      String value = text(setting);
      try {
        int parsed = Integer.parseInt(value);
        if (parsed < min || parsed > max) {
          throw invalid(setting, value, "an integer from " + min + " to " + max);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw invalid(setting, value, "an integer from " + min + " to " + max);
      }
    }

    long longInteger(Setting setting, long min, long max) {
      String value = text(setting);
      try {
        long parsed = Long.parseLong(value);
        if (parsed < min || parsed > max) {
          throw invalid(setting, value, "an integer from " + min + " to " + max);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw invalid(setting, value, "an integer from " + min + " to " + max);
      }
    }

    double decimal(Setting setting) {
      String value = text(setting);
      try {
        double parsed = Double.parseDouble(value);
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
          throw invalid(setting, value, "a positive number");
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw invalid(setting, value, "a positive number");
      }
    }

    TrustedProxies proxies(Setting setting) {
      try {
        return TrustedProxies.parse(text(setting));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("setting " + setting.key() + ": " + e.getMessage(), e);
      }
    }

    String oneOf(Setting setting, String... allowed) {
      String value = text(setting);
      for (String candidate : allowed) {
        if (candidate.equals(value)) {
          return value;
        }
      }
      throw invalid(setting, value, "one of " + String.join(", ", allowed));
    }

    boolean bool(Setting setting) {
      String value = text(setting).toLowerCase(Locale.ROOT);
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default -> throw invalid(setting, value, "true or false");
      };
    }

    private static IllegalArgumentException invalid(Setting setting, String value, String what) {
      return new IllegalArgumentException(
          "setting " + setting.key() + " must be " + what + ", got '" + value + "'");
    }
  }
}
