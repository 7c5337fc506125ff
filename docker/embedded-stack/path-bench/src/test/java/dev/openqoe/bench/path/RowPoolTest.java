package dev.openqoe.bench.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowPoolTest {

  @Test
  void aRowsSessionIdGetsTheSuffixOfItsPassAndNothingElseChanges() {
    RowPool.Row row =
        RowPool.row(
            "{\"interval_start\":1,\"session_id\":\"pb00000001-0000003\",\"cdn\":\"fastly\"}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(row.sessionId()).isEqualTo("pb00000001-0000003");
    assertThat(
            new String(
                row.withSuffix("-r2".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"interval_start\":1,\"session_id\":\"pb00000001-0000003-r2\",\"cdn\":\"fastly\"}");
  }

  @Test
  void aRecordWithoutSessionIdIsNoRow() {
    assertThat(RowPool.row("{\"minute\":1}".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void anAddressIsStoredAsItsNetwork() {
    assertThat(KafkaBeaconSender.network("100.64.17.203")).isEqualTo("100.64.17.0");
  }
}
