package dev.openqoe.pinot.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.openqoe.pinot.PinotBrokerOption;
import dev.openqoe.pinot.drill.MetricOptions;
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
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Why a QoE metric is where it is: the metric against its baseline, the slices that hold its"
          + " excess across every dimension, and for each the delivery-chain stage (cdn, drm,"
          + " transcode) its sessions' own delivery records and the stages' health point to, or"
          + " unknown when none does.",
      "Metrics: vsf, ebvs, vpf, rbr, vst_p95, avg_bitrate."
    })
public final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MetricOptions question;

  @Option(
      names = "--slices",
      defaultValue = "" + ExplainRequest.DEFAULT_SLICES,
      description = "explain this many slices, biggest excess first (default ${DEFAULT-VALUE})")
  int slices;

  @Option(
      names = "--baseline",
      defaultValue = "auto",
      description =
          "auto (the same hours a week earlier when Pinot holds them, else the window just"
              + " before), last-week or previous-window (default ${DEFAULT-VALUE})")
  String baseline;

  @Mixin PinotBrokerOption broker;

  @Option(names = "--json", description = "print the answer as JSON, as the HTTP API serves it")
  boolean json;

  @Override
  public Integer call() throws IOException {
    ExplainRequest request =
        new ExplainRequest(
            question.metric(),
            question.where(),
            question.since(),
            slices,
            BaselineChoice.of(baseline));
    Explanation explanation;
    try (Explain explain = new Explain(broker.broker(), Clock.systemUTC())) {
      explanation = explain.run(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(explanation));
    } else {
      ExplainText.print(explanation, request.metric(), out);
    }
    out.flush();
    return 0;
  }
}
