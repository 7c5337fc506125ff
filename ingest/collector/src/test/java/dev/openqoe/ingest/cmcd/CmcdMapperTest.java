package dev.openqoe.ingest.cmcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.cmcd.CmcdDictionary;
import dev.openqoe.protocol.CmcdReportMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CmcdMapperTest {

  private static final long RECEIVED_AT = 1_767_225_700_000L;

  @Test
  void keepsTheReportAsReceivedWithItsModeStateAndDimensions() throws Exception {
    String payload =
        "bl=4000,br=(3200),cid=\"asset-42\",e=ps,pt=1500,sf=d,sid=\"s-1\",sn=7,st=l,sta=s,"
            + "ts=1767225600010,v=2";
    ObjectNode beacon = beacon(payload, CmcdReportMode.EVENT);

    assertThat(beacon.get("session_id").asText()).isEqualTo("s-1");
    assertThat(beacon.get("type").asText()).isEqualTo("cmcd");
    assertThat(beacon.get("ts").asLong()).isEqualTo(1_767_225_600_010L);
    assertThat(beacon.get("cmcd_mode").asText()).isEqualTo("event");
    assertThat(beacon.get("cmcd_sn").asLong()).isEqualTo(7);
    assertThat(beacon.get("cmcd_sta").asText()).isEqualTo("s");
    assertThat(beacon.get("cmcd_e").asText()).isEqualTo("ps");
    assertThat(beacon.get("cmcd_report").asText()).isEqualTo(payload);
    assertThat(beacon.get("bitrate_kbps").asInt()).isEqualTo(3200);
    assertThat(beacon.get("playhead_ms").asLong()).isEqualTo(1500);
    assertThat(beacon.get("asset_id").asText()).isEqualTo("asset-42");
    assertThat(beacon.get("stream_type").asText()).isEqualTo("live");
    assertThat(beacon.get("custom").get("cmcd_sf").asText()).isEqualTo("d");
    assertThat(beacon.has("error_code")).isFalse();
  }

  @Test
  void seqOrdersByReportTimeThenSnThenMode() throws Exception {
    long t = 1_767_225_600_000L;
    long event3 = seq("sid=\"s\",sn=3,ts=" + t + ",v=2", CmcdReportMode.EVENT);
    long request3 = seq("sid=\"s\",sn=3,ts=" + t + ",v=2", CmcdReportMode.REQUEST);
    long event4 = seq("sid=\"s\",sn=4,ts=" + t + ",v=2", CmcdReportMode.EVENT);
    long laterButRestarted = seq("sid=\"s\",sn=0,ts=" + (t + 1) + ",v=2", CmcdReportMode.EVENT);

    assertThat(event3).isEqualTo(t * 2048 + 6);
    assertThat(request3).isEqualTo(event3 + 1);
    assertThat(event4).isGreaterThan(request3);
    assertThat(laterButRestarted).isGreaterThan(event4);
  }

  @Test
  void reportsWithoutTsAreTimedByTheirArrival() throws Exception {
    ObjectNode beacon = beacon("sid=\"s-2\",sn=7,v=2", CmcdReportMode.REQUEST);

    assertThat(beacon.get("ts").asLong()).isEqualTo(RECEIVED_AT);
    assertThat(beacon.get("seq").asLong()).isEqualTo(RECEIVED_AT * 2048 + 15);
  }

  @Test
  void aFatalStateCarriesAFatalErrorAndAnErrorEventANonFatalOne() throws Exception {
    ObjectNode fatal = beacon("sid=\"s-3\",sn=0,sta=f,ec=(\"DRM_FAIL\"),v=2", CmcdReportMode.EVENT);
    ObjectNode event = beacon("sid=\"s-3\",sn=1,e=e,v=2", CmcdReportMode.EVENT);

    assertThat(fatal.get("error_code").asText()).isEqualTo("DRM_FAIL");
    assertThat(fatal.get("error_fatal").asBoolean()).isTrue();
    assertThat(event.get("error_code").asText()).isEqualTo("CMCD_ERROR");
    assertThat(event.get("error_fatal").asBoolean()).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      textBlock =
          """
          br=800                    | 800
          br=(800)                  | 800
          br=(800;v 64;a)           | 800
          br=(64;a 800;v)           | 800
          br=(64;a)                 | none
          br=(800 64)               | 800
          br=(64;a 800)             | 800
          br=(1200;av)              | 1200
          br=800,ot=v               | 800
          br=64,ot=a                | none
          br=(800),ot=i             | none
          br=(800),ot=m             | none
          br=(800),ot=av            | 800
          ot=v                      | none
          """)
  void takesOnlyTheVideoBitrate(String keys, Long expected) throws Exception {
    ObjectNode beacon = beacon("sid=\"s\",sn=1,v=2," + keys, CmcdReportMode.REQUEST);

    if (expected == null) {
      assertThat(beacon.has("bitrate_kbps")).isFalse();
    } else {
      assertThat(beacon.get("bitrate_kbps").asLong()).isEqualTo(expected);
    }
  }

  @Test
  void rejectsReportsWithoutVersion2SessionOrSequence() throws Exception {
    assertThat(rejectionField("sid=\"s\",sn=1")).isEqualTo("cmcd.v");
    assertThat(rejectionField("sn=1,v=2")).isEqualTo("cmcd.sid");
    assertThat(rejectionField("sid=\"s\",v=2")).isEqualTo("cmcd.sn");
    assertThat(rejectionField("sid=\"s\",sn=-1,v=2")).isEqualTo("cmcd.sn");
    assertThat(rejectionField("sid=\"s\",sn=1,ts=999999999999999,v=2")).isEqualTo("cmcd.ts");
  }

  @Test
  void rejectsAReportTooLongToKeep() throws Exception {
    String payload = "sid=\"s\",sn=1,v=2,cid=\"" + "x".repeat(4100) + "\"";

    CmcdMapper.Mapping mapping =
        CmcdMapper.map(payload, CmcdDictionary.parse(payload), CmcdReportMode.EVENT, RECEIVED_AT);

    assertThat(mapping).isInstanceOf(CmcdMapper.Mapping.Rejected.class);
    assertThat(((CmcdMapper.Mapping.Rejected) mapping).rejection().message())
        .contains("longer than the 4096 kept");
  }

  private static long seq(String payload, CmcdReportMode mode) throws Exception {
    return beacon(payload, mode).get("seq").asLong();
  }

  private static ObjectNode beacon(String payload, CmcdReportMode mode) throws Exception {
    CmcdMapper.Mapping mapping =
        CmcdMapper.map(payload, CmcdDictionary.parse(payload), mode, RECEIVED_AT);
    assertThat(mapping).isInstanceOf(CmcdMapper.Mapping.Beacon.class);
    return ((CmcdMapper.Mapping.Beacon) mapping).json();
  }

  private static String rejectionField(String payload) throws Exception {
    CmcdMapper.Mapping mapping =
        CmcdMapper.map(payload, CmcdDictionary.parse(payload), CmcdReportMode.EVENT, RECEIVED_AT);
    assertThat(mapping).isInstanceOf(CmcdMapper.Mapping.Rejected.class);
    return ((CmcdMapper.Mapping.Rejected) mapping).rejection().field();
  }
}
