package dev.openqoe.pinot.drill;

import dev.openqoe.cli.DurationConverter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which metric over which sessions, as {@code qoe drill} and {@code qoe explain} take it: a picocli
 * mixin.
 */
public final class MetricOptions {

  @Option(
      names = "--metric",
      required = true,
      description = "vsf, ebvs, vpf, rbr, vst_p95 or avg_bitrate")
  String metric;

  @Option(
      names = "--where",
      description = "keep only dimension=value (repeat; several values of one dimension: any)")
  List<String> where = List.of();

  @Option(
      names = "--since",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description = "sessions that ended within this long before now (default ${DEFAULT-VALUE})")
  Duration since;

  public DrillMetric metric() {
    return DrillMetric.of(metric);
  }

  public Map<String, List<String>> where() {
    return DrillRequest.parseWhere(where);
  }

  public Duration since() {
    return since;
  }
}
