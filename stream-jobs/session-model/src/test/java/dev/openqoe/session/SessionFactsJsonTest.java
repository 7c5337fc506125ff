package dev.openqoe.session;

import static dev.openqoe.protocol.EventType.END;
import static dev.openqoe.protocol.EventType.FIRST_FRAME;
import static dev.openqoe.protocol.EventType.PLAY_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.protocol.AvroSchemas;
import dev.openqoe.protocol.SessionDimensions;
import dev.openqoe.protocol.StreamType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SessionFactsJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fieldsAreTheSessionFactSchemaFieldsInOrder() throws Exception {
    SessionFacts facts =
        SessionScript.session()
            .at(0, PLAY_REQUEST)
            .at(700, FIRST_FRAME, 2500)
            .at(1_700, END)
            .close();

    JsonNode json = JSON.readTree(SessionFactsJson.toJson(facts));

    List<String> written = new ArrayList<>();
    json.fieldNames().forEachRemaining(written::add);
    List<String> schemaFields =
        AvroSchemas.latest(AvroSchemas.SESSION_FACT).getFields().stream()
            .map(Schema.Field::name)
            .toList();
    assertThat(written).isEqualTo(schemaFields);
  }

  @Test
  void writesValuesAndExplicitNulls() throws Exception {
    SessionFacts facts =
        SessionScript.session()
            .withDimensions(
                0,
                new SessionDimensions(
                    null,
                    "a-1",
                    StreamType.VOD,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "cdn-a",
                    null,
                    Map.of("b", "2", "a", "1")))
            .at(100, PLAY_REQUEST)
            .at(1_100, FIRST_FRAME, 2500)
            .at(3_100, END)
            .close();

    assertThat(SessionFactsJson.toJson(facts))
        .isEqualTo(
            "{\"session_id\":\"s-1\",\"started_at\":0,\"ended_at\":3100,\"ended_by\":\"end\","
                + "\"attempt\":true,\"startup_outcome\":\"started\",\"vst_ms\":1000,"
                + "\"play_ms\":2000,\"rebuffer_ms\":0,\"rebuffer_count\":0,\"rbr\":0.0,"
                + "\"ad_ms\":0,\"seek_count\":0,\"error_count\":0,\"bitrate_switches\":0,"
                + "\"avg_bitrate_kbps\":2500.0,\"vpf\":false,\"vpf_business\":false,"
                + "\"viewer_id\":null,\"asset_id\":\"a-1\",\"stream_type\":\"vod\","
                + "\"player_name\":null,\"player_version\":null,\"device_type\":null,\"os\":null,"
                + "\"app_version\":null,\"cdn\":\"cdn-a\",\"drm_system\":null,"
                + "\"custom\":{\"a\":\"1\",\"b\":\"2\"}}");
  }
}
