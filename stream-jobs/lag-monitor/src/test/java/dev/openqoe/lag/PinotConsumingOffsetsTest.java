package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PinotConsumingOffsetsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsEachPartitionsOffsetFromPinotsConsumingSegments() throws Exception {
    // As the embedded Pinot 0.11 answered GET /tables/qoe_sessions/consumingSegmentsInfo
    // (2026-12-05), with offsets moved on.
    String answer =
        """
        {"_segmentToConsumingInfoMap":{
          "qoe_sessions__0__0__20261205T1216Z":[{"serverName":"Server_127.0.0.1_35325",
            "consumerState":"CONSUMING","lastConsumedTimestamp":0,"partitionToOffsetMap":{"0":"120"}}],
          "qoe_sessions__1__0__20261205T1216Z":[{"serverName":"Server_127.0.0.1_35325",
            "consumerState":"CONSUMING","lastConsumedTimestamp":0,"partitionToOffsetMap":{"1":"0"}}]}}
        """;

    assertThat(PinotConsumingOffsets.parse(JSON.readTree(answer)))
        .isEqualTo(Map.of(0, 120L, 1, 0L));
  }

  @Test
  void aPartitionServedTwiceCountsItsSlowerReplica() throws Exception {
    String answer =
        """
        {"_segmentToConsumingInfoMap":{"t__0__3__x":[
          {"partitionToOffsetMap":{"0":"500"}},{"partitionToOffsetMap":{"0":"420"}}]}}
        """;

    assertThat(PinotConsumingOffsets.parse(JSON.readTree(answer))).isEqualTo(Map.of(0, 420L));
  }

  @Test
  void anAnswerOfAnotherShapeIsAnErrorNotNoLag() {
    assertThatThrownBy(() -> PinotConsumingOffsets.parse(JSON.readTree("{\"error\":\"no table\"}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no table");
  }
}
