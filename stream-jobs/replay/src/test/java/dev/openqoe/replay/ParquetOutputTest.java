package dev.openqoe.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `qoe replay --output x.parquet`: read back with parquet-avro, equal to the JSONL output. */
class ParquetOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void exampleBeaconsInParquetEqualTheJsonLinesFieldForField() throws IOException {
    assertSameSessions(Path.of("../../schemas/examples/beacons-v1.jsonl"), 4);
  }

  @Test
  void generatedSessionsWithEveryDimensionInParquetEqualTheJsonLinesFieldForField()
      throws IOException {
    List<String> lines =
        new ArrayList<>(GeneratedBeacons.shuffled(GeneratedBeacons.sessions(2_000, 11), 12));
    // A session with every optional dimension, custom ones included, and a live stream.
    lines.add(
        "{\"v\":1,\"session_id\":\"dims\",\"seq\":0,\"type\":\"play_request\",\"ts\":1700000000000,"
            + "\"viewer_id\":\"v\",\"asset_id\":\"a\",\"stream_type\":\"live\",\"player_name\":\"p\","
            + "\"player_version\":\"1\",\"device_type\":\"tv\",\"os\":\"o\",\"app_version\":\"2\","
            + "\"cdn\":\"c\",\"drm_system\":\"widevine\",\"custom\":{\"tier\":\"gold\",\"ab\":\"b\"}}");
    lines.add(
        "{\"v\":1,\"session_id\":\"dims\",\"seq\":1,\"type\":\"error\",\"ts\":1700000002000,"
            + "\"error_code\":\"E\",\"error_fatal\":true,\"error_category\":\"business\"}");
    Path input = Files.write(dir.resolve("generated.jsonl"), lines);

    List<JsonNode> sessions = assertSameSessions(input, 2_001);

    JsonNode dims =
        sessions.stream()
            .filter(s -> s.get("session_id").asText().equals("dims"))
            .findFirst()
            .orElseThrow();
    assertThat(dims.get("custom").toString()).isEqualTo("{\"ab\":\"b\",\"tier\":\"gold\"}");
    assertThat(dims.get("stream_type").asText()).isEqualTo("live");
    assertThat(dims.get("startup_outcome").asText()).isEqualTo("vsf_business");
  }

  @Test
  void parquetColumnsCarryTheSchemasTypesSoAnalystsToolsReadTimestampsAndEnums()
      throws IOException {
    Path parquet = dir.resolve("s.parquet");
    assertThat(
            replay(
                "--input",
                "../../schemas/examples/beacons-v1.jsonl",
                "--output",
                parquet.toString()))
        .isZero();

    try (ParquetFileReader file = ParquetFileReader.open(new LocalInputFile(parquet))) {
      MessageType schema = file.getFooter().getFileMetaData().getSchema();
      assertThat(schema.getType("started_at").getLogicalTypeAnnotation())
          .isEqualTo(
              LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
      assertThat(schema.getType("ended_by").getLogicalTypeAnnotation())
          .isEqualTo(LogicalTypeAnnotation.enumType());
      assertThat(schema.getFieldCount()).isEqualTo(SessionFactRecords.SCHEMA.getFields().size());
    }
    assertThat(Files.exists(dir.resolve("s.parquet.partial"))).isFalse();
  }

  @Test
  void rowGroupsAreFlushedAtTheirSizeSoParquetHoldsOnlyOneInMemory() throws IOException {
    Path file = dir.resolve("small-groups.parquet");
    List<SessionFacts> sessions = new ArrayList<>();
    for (List<String> beacons : GeneratedBeacons.sessions(5_000, 21)) {
      SessionAccumulator session = null;
      for (String line : beacons) {
        BeaconEvent beacon = ((ParseResult.Valid) BeaconParser.lenientClock().parse(line)).event();
        if (session == null) {
          session =
              new SessionAccumulator(
                  beacon.sessionId(), SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT);
        }
        session.offer(beacon);
      }
      sessions.add(session.close());
    }
    try (ParquetSessionWriter writer = new ParquetSessionWriter(file, 64 << 10)) {
      for (SessionFacts session : sessions) {
        writer.write(session);
      }
    }

    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      List<BlockMetaData> groups = reader.getFooter().getBlocks();
      assertThat(groups).hasSizeGreaterThan(1);
      assertThat(groups.stream().mapToLong(g -> g.getRowCount()).sum()).isEqualTo(5_000);
      // Parquet checks the buffered size every so many rows, so a group ends a little past it.
      assertThat(groups)
          .allSatisfy(g -> assertThat(g.getTotalByteSize()).isLessThan(2 * (64 << 10)));
    }
    assertThat(readParquet(file)).hasSize(5_000);
  }

  @Test
  void formatOptionOverridesTheExtensionAndParquetNeedsAFile() throws IOException {
    Path input = Path.of("../../schemas/examples/beacons-v1.jsonl");
    Path out = dir.resolve("sessions.out");
    assertThat(
            replay("--input", input.toString(), "--output", out.toString(), "--format", "parquet"))
        .isZero();
    assertThat(readParquet(out)).hasSize(4);

    assertThat(replay("--input", input.toString(), "--format", "parquet")).isEqualTo(2);
    assertThat(stderr.toString()).contains("Parquet output needs a file: --output FILE.parquet");
    assertThat(replay("--input", input.toString(), "--format", "csv")).isEqualTo(2);
    assertThat(stderr.toString()).contains("--format must be jsonl or parquet, not 'csv'");
  }

  /** Replays input to JSONL and to Parquet; returns the JSONL sessions after checking equality. */
  private List<JsonNode> assertSameSessions(Path input, int sessions) throws IOException {
    Path jsonl = dir.resolve("sessions.jsonl");
    Path parquet = dir.resolve("sessions.parquet");
    assertThat(replay("--input", input.toString(), "--output", jsonl.toString())).isZero();
    assertThat(replay("--input", input.toString(), "--output", parquet.toString())).isZero();

    List<JsonNode> expected = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl)) {
      expected.add(JSON.readTree(line));
    }
    List<JsonNode> actual = readParquet(parquet);
    assertThat(actual).hasSize(sessions).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String id = expected.get(i).get("session_id").asText();
      for (Schema.Field field : SessionFactRecords.SCHEMA.getFields()) {
        assertThat(actual.get(i).get(field.name()))
            .as("session %s field %s", id, field.name())
            .isEqualTo(expected.get(i).get(field.name()));
      }
      assertThat(actual.get(i)).as("session %s", id).isEqualTo(expected.get(i));
    }
    return expected;
  }

  /** Each Parquet row as the JSON it holds: the reader's Avro values through JSON text. */
  private static List<JsonNode> readParquet(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(
                new LocalInputFile(file), new PlainParquetConfiguration())
            .withDataModel(GenericData.get())
            .build()) {
      GenericRecord record;
      while ((record = reader.read()) != null) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
          row.put(field.name(), plain(record.get(field.name())));
        }
        rows.add(JSON.readTree(JSON.writeValueAsString(row)));
      }
    }
    return rows;
  }

  private static Object plain(Object avro) {
    if (avro instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(k.toString(), plain(v)));
      return sorted;
    }
    if (avro instanceof CharSequence || avro instanceof GenericData.EnumSymbol) {
      return avro.toString();
    }
    return avro;
  }

  private int replay(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-q");
    return ReplayCommand.run(
        all.toArray(String[]::new),
        new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream(),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }
}
