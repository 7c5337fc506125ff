package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Old players and old Kafka records must stay readable: each committed schema version reads data
 * written by every earlier version, and a committed version is never edited in place.
 */
class SchemaEvolutionTest {

  static Stream<String> subjects() {
    return Stream.of(
        AvroSchemas.BEACON_EVENT,
        AvroSchemas.SESSION_FACT,
        IngestedBeaconAvro.SUBJECT,
        RejectedBeaconAvro.SUBJECT,
        OpsEventAvro.SUBJECT,
        OpsRejectedAvro.SUBJECT);
  }

  @ParameterizedTest
  @MethodSource("subjects")
  void everyVersionReadsDataWrittenByEveryEarlierVersion(String subject) {
    List<Schema> versions = AvroSchemas.versions(subject);
    for (int reader = 0; reader < versions.size(); reader++) {
      for (int writer = 0; writer <= reader; writer++) {
        SchemaCompatibility.SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(
                versions.get(reader), versions.get(writer));
        assertThat(result.getType())
            .as(
                "%s v%d must read data written with v%d: %s",
                subject, reader + 1, writer + 1, result.getResult().getIncompatibilities())
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("subjects")
  void committedVersionsAreNeverEditedInPlace(String subject) throws IOException {
    Map<String, String> recorded = recordedFingerprints();
    List<Schema> versions = AvroSchemas.versions(subject);
    for (int i = 0; i < versions.size(); i++) {
      String key = subject + "/v" + (i + 1);
      String actual = Long.toHexString(SchemaNormalization.parsingFingerprint64(versions.get(i)));
      assertThat(recorded)
          .as(
              "%s is committed: record its fingerprint %s in avro/fingerprints.properties; to"
                  + " change it, add a new version instead",
              key, actual)
          .containsEntry(key, actual);
    }
  }

  private static Map<String, String> recordedFingerprints() throws IOException {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    try (InputStream in = AvroSchemas.class.getResourceAsStream("/avro/fingerprints.properties")) {
      assertThat(in).as("avro/fingerprints.properties").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("=", 2);
          fingerprints.put(parts[0].trim(), parts[1].trim());
        }
      }
    }
    return fingerprints;
  }
}
