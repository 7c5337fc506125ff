package dev.openqoe.pinot.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotBrokerOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    description = {
      "Break a QoE metric down by dimensions on Pinot: per group the metric, its sessions and its"
          + " share of the total excess over the global value, biggest cause first.",
      "Metrics: vsf, ebvs, vpf, rbr, vst_p95, avg_bitrate. Dimensions: cdn, country, region, asn,"
          + " device_type, os, player_name, player_version, asset_id, stream_type, drm_system,"
          + " property_id."
    })
public final class DrillCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MetricOptions question;

  @Option(names = "--by", required = true, description = "dimensions to group by, e.g. cdn,country")
  String by;

  @Option(
      names = "--limit",
      defaultValue = "" + DrillRequest.DEFAULT_LIMIT,
      description =
          "show the groups with the biggest excess, at most this many (default ${DEFAULT-VALUE})")
  int limit;

  @Mixin PinotBrokerOption broker;

  @Option(names = "--json", description = "print the report as JSON, as the HTTP API serves it")
  boolean json;

  @Override
  public Integer call() throws IOException {
    DrillRequest request =
        new DrillRequest(
            question.metric(), DrillRequest.parseBy(by), question.where(), question.since(), limit);
    PinotBroker pinot = broker.broker();
    DrillReport report = new Drill(pinot, Clock.systemUTC()).run(request);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      out.flush();
    } else {
      DrillTable.print(report, request.metric(), out);
    }
    return 0;
  }
}
