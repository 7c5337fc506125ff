package dev.openqoe.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The properties the collector accepts beacons for, looked up by ingest key. Loaded from a JSON
 * file:
 *
 * <pre>{"properties": [{"id": "shop", "keys": ["k1"], "ops_keys": ["secret-1"],
 * "allowed_origins": ["https://shop.example"], "rate_limit_per_second": 500}]}</pre>
 *
 * A key names one property; a property's player key may double as its ops key only in the
 * development property, which serves loopback. Each entry of {@code keys} and {@code ops_keys} is a
 * key or its digest ({@link KeyDigests}); only digests are held, and looked up in constant time.
 */
public final class PropertyRegistry {

  /** Served when no file is configured, so a fresh checkout accepts beacons at once. */
  public static final IngestProperty DEV_PROPERTY =
      new IngestProperty("dev", List.of("dev-key"), List.of("dev-key"), Set.of("*"), 1000);

  private final KeyIndex byKey = new KeyIndex();
  private final KeyIndex byOpsKey = new KeyIndex();
  private final List<IngestProperty> properties;

  public PropertyRegistry(List<IngestProperty> properties) {
    this.properties = List.copyOf(properties);
    Set<String> ids = new LinkedHashSet<>();
    for (IngestProperty property : properties) {
      if (!ids.add(property.id())) {
        throw new IllegalArgumentException("property id '" + property.id() + "' appears twice");
      }
      for (String key : property.keys()) {
        if (!byKey.add(digest(property, key), property)) {
          throw new IllegalArgumentException("ingest key of '" + property.id() + "' is reused");
        }
      }
      for (String key : property.opsKeys()) {
        if (!byOpsKey.add(digest(property, key), property)) {
          throw new IllegalArgumentException("ops key of '" + property.id() + "' is reused");
        }
      }
    }
    for (IngestProperty property : properties) {
      for (String key : property.opsKeys()) {
        if (byKey.find(digest(property, key)) != null && property != DEV_PROPERTY) {
          throw new IllegalArgumentException(
              "ops key of '"
                  + property.id()
                  + "' is also a player ingest key: ops keys must stay secret, player keys are"
                  + " public");
        }
      }
    }
  }

  private static byte[] digest(IngestProperty property, String entry) {
    try {
      return KeyDigests.ofEntry(entry);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("property '" + property.id() + "': " + e.getMessage(), e);
    }
  }

  public static PropertyRegistry devDefault() {
    return new PropertyRegistry(List.of(DEV_PROPERTY));
  }

  /** Reads a properties file; the error names the file and the entry at fault. */
  public static PropertyRegistry load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read properties file " + file + ": " + e, e);
    }
    JsonNode list = root == null ? null : root.get("properties");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(file + ": expected {\"properties\": [ ... ]}");
    }
    List<IngestProperty> properties = new ArrayList<>();
    for (JsonNode entry : list) {
      try {
        properties.add(
            new IngestProperty(
                entry.path("id").asText(""),
                strings(entry.path("keys")),
                strings(entry.path("ops_keys")),
                new LinkedHashSet<>(strings(entry.path("allowed_origins"))),
                entry.path("rate_limit_per_second").asDouble(1000)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    return new PropertyRegistry(properties);
  }

  /** The property owning {@code key}, or null for an unknown or missing key. */
  public IngestProperty byKey(String key) {
    return key == null ? null : byKey.find(KeyDigests.ofKey(key));
  }

  /** The property owning the delivery-chain key {@code key}, or null. */
  public IngestProperty byOpsKey(String key) {
    return key == null ? null : byOpsKey.find(KeyDigests.ofKey(key));
  }

  /** Whether a request could get in with {@code key}, as a player or ops key. */
  public boolean accepts(String key) {
    return byKey(key) != null || byOpsKey(key) != null;
  }

  /** How many entries of the properties' keys and ops keys are plain keys, not digests. */
  public long plainKeys() {
    return properties.stream()
        .filter(property -> property != DEV_PROPERTY)
        .flatMap(property -> Stream.concat(property.keys().stream(), property.opsKeys().stream()))
        .filter(entry -> !KeyDigests.isDigest(entry))
        .count();
  }

  public List<IngestProperty> all() {
    return properties;
  }

  /** Whether any property accepts {@code origin}: for preflights, which carry no key header. */
  public boolean anyAllowsOrigin(String origin) {
    return properties.stream().anyMatch(p -> p.allowsOrigin(origin));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
