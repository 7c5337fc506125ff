package dev.openqoe.ops.normaliser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.delivery.CloudFrontRealtimeLog;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OpsNormaliserMainTest {

  @Test
  void aRealtimeFieldListThatCannotBeReadIsAUsageErrorNamingWhatIsWrong() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new OpsNormaliserMain());
    command.setErr(new PrintWriter(err));

    int exit =
        command.execute(
            "--bootstrap-servers=127.0.0.1:9", "--cloudfront-realtime-fields=timestamp,sc-status");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("--cloudfront-realtime-fields")
        .contains("missing [x-edge-location, cs-uri-stem]");
  }

  @Test
  void theRealtimeFieldsAreTheConfiguredOnesInTheirOrderElseEveryDocumentedOne() {
    OpsNormaliserMain configured = new OpsNormaliserMain();
    new CommandLine(configured)
        .parseArgs(
            "--cloudfront-realtime-fields=sc-status, timestamp,cs-uri-stem,x-edge-location,c-ip");
    OpsNormaliserMain byDefault = new OpsNormaliserMain();
    new CommandLine(byDefault).parseArgs();

    assertThat(configured.cloudFrontRealtimeFields.fields())
        .containsExactly("sc-status", "timestamp", "cs-uri-stem", "x-edge-location", "c-ip");
    assertThat(byDefault.cloudFrontRealtimeFields.fields())
        .isEqualTo(CloudFrontRealtimeLog.documented().fields());
  }

  @Test
  void itCreatesEveryRawFeedsTopic() {
    assertThat(OpsNormaliserMain.TOPICS)
        .containsAll(QoeTopics.OPS_FEEDS.stream().map(OpsFeed::topic).toList())
        .contains(QoeTopics.OPS_EVENTS, QoeTopics.OPS_DLQ, QoeTopics.OPS_HEALTH);
  }
}
