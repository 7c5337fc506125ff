package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LagMonitorCommandTest {

  private static LagMonitorCommand parsed(String... args) {
    LagMonitorCommand command = new LagMonitorCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void withoutConsumersGivenItWatchesThePipelinesGroupsAndEveryPinotTable() {
    List<WatchedTopic> expected = new ArrayList<>(WatchedConsumers.pipelineGroups());
    expected.addAll(WatchedConsumers.pinotTables());

    assertThat(parsed().watched()).isEqualTo(expected);
    assertThat(parsed("--no-pinot").watched()).isEqualTo(WatchedConsumers.pipelineGroups());
  }

  @Test
  void consumersGivenReplaceTheDefaultsAndSpecsMayShareAnArgumentSeparatedBySpaces() {
    // as QOE_LAG_GROUPS="a=t1 b=t2,t3" reaches the option
    assertThat(
            parsed("--group", "a=t1 b=t2,t3", "--pinot-table", "qoe_sessions=qoe.sessions.v1")
                .watched())
        .containsExactly(
            WatchedTopic.group("a", "t1"),
            WatchedTopic.group("b", "t2"),
            WatchedTopic.group("b", "t3"),
            WatchedTopic.pinotTable("qoe_sessions", "qoe.sessions.v1"));
  }

  @Test
  void theDefaultShareIsHalfTheRetention() {
    assertThat(parsed().rule()).isEqualTo(new RetentionRule(0.5));
  }

  @Test
  void aBadSettingExitsTwoWithOneLineSayingWhy() {
    StringWriter err = new StringWriter();
    int exit =
        LagMonitorCommand.commandLine()
            .setErr(new PrintWriter(err))
            .execute("--once", "--at-risk-share", "150%");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("qoe lag-monitor: the share of the retention must be")
        .contains("150 %");
  }
}
