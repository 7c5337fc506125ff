package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackfillTableTest {

  @Test
  void dwsStarNamesBothAggregateTables() {
    assertThat(BackfillTable.parse("dwd.sessions, dws.*"))
        .containsExactly(BackfillTable.SESSIONS, BackfillTable.DWS_MINUTE, BackfillTable.DWS_HOUR);
  }

  @Test
  void anUnknownTableIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> BackfillTable.parse("dwd.sessions,dwd.late_beacons"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown table 'dwd.late_beacons' in --tables: backfill rewrites dwd.sessions,"
                + " dwd.session_intervals, dws.qoe_minute, dws.qoe_hour (dws.* for both dws"
                + " tables)");
    assertThatThrownBy(() -> BackfillTable.parse(" , "))
        .hasMessageStartingWith("--tables names no table");
  }

  @Test
  void partitionsAreNamedAsIcebergNamesThem() {
    long time = Instant.parse("2026-12-02T05:42:00Z").toEpochMilli();
    assertThat(BackfillTable.SESSIONS.partitionOf(time)).isEqualTo("ended_at_day=2026-12-02");
    assertThat(BackfillTable.INTERVALS.partitionOf(time))
        .isEqualTo("interval_start_hour=2026-12-02-05");
    assertThat(BackfillTable.DWS_HOUR.partitionOf(time)).isEqualTo("window_start_day=2026-12-02");
  }
}
