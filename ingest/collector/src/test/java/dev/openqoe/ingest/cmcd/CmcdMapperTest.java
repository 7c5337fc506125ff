package dev.openqoe.ingest.cmcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CmcdMapperTest {

  private static final long RECEIVED_AT = 1_767_225_700_000L;

  private final CmcdMapper mapper = new CmcdMapper(new CmcdPlayStates(100));

  @Test
  void mapsSessionSequenceTimestampAndDimensions() throws Exception {
    ObjectNode beacon =
        beacon(
            "bl=4000,br=(3200),cid=\"asset-42\",e=ps,pt=1500,sf=d,sid=\"s-1\",sn=7,st=l,sta=s,"
                + "ts=1767225600010,v=2",
            CmcdReportMode.EVENT);

    assertThat(beacon.get("session_id").asText()).isEqualTo("s-1");
    assertThat(beacon.get("seq").asLong()).isEqualTo(14);
    assertThat(beacon.get("ts").asLong()).isEqualTo(1_767_225_600_010L);
    assertThat(beacon.get("type").asText()).isEqualTo("play_request");
    assertThat(beacon.get("bitrate_kbps").asInt()).isEqualTo(3200);
    assertThat(beacon.get("playhead_ms").asLong()).isEqualTo(1500);
    assertThat(beacon.get("asset_id").asText()).isEqualTo("asset-42");
    assertThat(beacon.get("stream_type").asText()).isEqualTo("live");
    assertThat(beacon.get("custom").get("cmcd_bl").asText()).isEqualTo("4000");
    assertThat(beacon.get("custom").get("cmcd_sf").asText()).isEqualTo("d");
    assertThat(beacon.get("custom").get("cmcd_mode").asText()).isEqualTo("event");
  }

  @Test
  void requestModeReportsGetOddSequenceNumbersAndTheReceiveTime() throws Exception {
    ObjectNode beacon = beacon("sid=\"s-2\",sn=7,v=2", CmcdReportMode.REQUEST);

    assertThat(beacon.get("seq").asLong()).isEqualTo(15);
    assertThat(beacon.get("ts").asLong()).isEqualTo(RECEIVED_AT);
    assertThat(beacon.get("type").asText()).isEqualTo("heartbeat");
  }

  @Test
  void playingMeansWhatTheStateBeforeItSays() throws Exception {
    assertThat(types("s", "p", "r", "p", "a", "p", "k", "p", "p", "e"))
        .containsExactly(
            "play_request",
            "first_frame",
            "rebuffer_start",
            "rebuffer_end",
            "pause",
            "resume",
            "seek_start",
            "seek_end",
            "heartbeat",
            "end");
  }

  @Test
  void playingWithUnknownHistoryIsAHeartbeatNotASecondStartup() throws Exception {
    assertThat(types("p")).containsExactly("heartbeat");
  }

  @Test
  void aFatalStateIsAFatalError() throws Exception {
    ObjectNode beacon =
        beacon("sid=\"s-3\",sn=0,sta=f,ec=(\"DRM_FAIL\"),v=2", CmcdReportMode.EVENT);

    assertThat(beacon.get("type").asText()).isEqualTo("error");
    assertThat(beacon.get("error_code").asText()).isEqualTo("DRM_FAIL");
    assertThat(beacon.get("error_fatal").asBoolean()).isTrue();
  }

  @Test
  void aBitrateSeenChangingInRequestModeIsABitrateChange() throws Exception {
    beacon("sid=\"s-4\",sn=0,br=(3200),v=2", CmcdReportMode.REQUEST);
    assertThat(
            beacon("sid=\"s-4\",sn=1,br=(3200),v=2", CmcdReportMode.REQUEST).get("type").asText())
        .isEqualTo("heartbeat");
    assertThat(
            beacon("sid=\"s-4\",sn=2,br=(6000),v=2", CmcdReportMode.REQUEST).get("type").asText())
        .isEqualTo("bitrate_change");
  }

  @Test
  void rejectsReportsWithoutVersion2SessionOrSequence() throws Exception {
    assertThat(rejectionField("sid=\"s\",sn=1")).isEqualTo("cmcd.v");
    assertThat(rejectionField("sn=1,v=2")).isEqualTo("cmcd.sid");
    assertThat(rejectionField("sid=\"s\",v=2")).isEqualTo("cmcd.sn");
    assertThat(rejectionField("sid=\"s\",sn=-1,v=2")).isEqualTo("cmcd.sn");
  }

  private String[] types(String... states) throws Exception {
    String[] types = new String[states.length];
    for (int i = 0; i < states.length; i++) {
      types[i] =
          beacon("e=ps,sid=\"flow\",sn=" + i + ",sta=" + states[i] + ",v=2", CmcdReportMode.EVENT)
              .get("type")
              .asText();
    }
    return types;
  }

  private ObjectNode beacon(String payload, CmcdReportMode mode) throws Exception {
    CmcdMapper.Mapping mapping = mapper.map(CmcdDictionary.parse(payload), mode, RECEIVED_AT);
    assertThat(mapping).isInstanceOf(CmcdMapper.Mapping.Beacon.class);
    return ((CmcdMapper.Mapping.Beacon) mapping).json();
  }

  private String rejectionField(String payload) throws Exception {
    Map<String, Object> report = CmcdDictionary.parse(payload);
    CmcdMapper.Mapping mapping = mapper.map(report, CmcdReportMode.EVENT, RECEIVED_AT);
    assertThat(mapping).isInstanceOf(CmcdMapper.Mapping.Rejected.class);
    return ((CmcdMapper.Mapping.Rejected) mapping).rejection().field();
  }
}
