package dev.openqoe.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The committed Avro schemas, as resources {@code avro/<subject>/v<N>.avsc}. Versions are kept
 * forever: SchemaEvolutionTest checks that each one can read data written with every earlier one.
 */
public final class AvroSchemas {

  public static final String BEACON_EVENT = "beacon_event";
  public static final String SESSION_FACT = "session_fact";

  private AvroSchemas() {}

  /** Every committed version of {@code subject}, oldest first. */
  public static List<Schema> versions(String subject) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = "/avro/" + subject + "/v" + version + ".avsc";
      try (InputStream in = AvroSchemas.class.getResourceAsStream(resource)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Avro schema " + resource, e);
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("no Avro schema committed for subject " + subject);
    }
    return versions;
  }

  /** The newest committed version of {@code subject}: the one writers use. */
  public static Schema latest(String subject) {
    List<Schema> versions = versions(subject);
    return versions.get(versions.size() - 1);
  }
}
