package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The closing lines of a run, for people: what was sent, what arrived, what was intended. */
final class RunReport {

  private RunReport() {}

  static String of(SimulationResult result) {
    JsonNode summary = result.summary();
    JsonNode d = summary.path("delivery");
    JsonNode m = summary.path("metrics");
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "simulate: done in %.1f s: %d sessions (%d delivered, %d incomplete, %d cut off),"
                + " %.1f sessions/s; beacons %d sent, %d accepted (%d/s), %d rejected, %d lost;"
                + " %d requests, retries %d after 429, %d after 503, %d after connection"
                + " failures%n",
            result.elapsed().toMillis() / 1000.0,
            result.sessions().size(),
            d.path("sessions_delivered").asLong(),
            d.path("sessions_incomplete").asLong(),
            d.path("sessions_cut_off").asLong(),
            d.path("sessions_per_second").asDouble(),
            d.path("beacons_sent").asLong(),
            d.path("beacons_accepted").asLong(),
            d.path("beacons_per_second").asLong(),
            d.path("beacons_rejected").asLong(),
            d.path("beacons_lost").asLong(),
            d.path("requests").asLong(),
            d.path("retries_429").asLong(),
            d.path("retries_503").asLong(),
            d.path("retries_connection").asLong()));
    if (result.config().ops()) {
      text.append(
          String.format(
              Locale.ROOT,
              "simulate: delivery chain: %d records sent (CDN logs, license requests, transcode"
                  + " jobs), %d stored, %d rejected, %d lost, %d not yet due at the end%n",
              d.path("ops_records_sent").asLong(),
              d.path("ops_records_stored").asLong(),
              d.path("ops_records_rejected").asLong(),
              d.path("ops_records_lost").asLong(),
              d.path("ops_records_unsent").asLong()));
    }
    text.append("simulate: intended ").append(metrics(m));
    for (JsonNode incident : summary.path("incidents")) {
      text.append(
          String.format(
              Locale.ROOT,
              "%nsimulate: incident %s hit %d sessions: %s%nsimulate:   the rest: %s",
              incident.path("spec").asText(),
              incident.path("slice").path("sessions").asLong(),
              metrics(incident.path("slice")),
              metrics(incident.path("rest"))));
    }
    if (result.fatalProblem() != null) {
      text.append(System.lineSeparator())
          .append("simulate: stopped early: ")
          .append(result.fatalProblem());
    }
    return text.toString();
  }

  private static String metrics(JsonNode m) {
    return String.format(
        Locale.ROOT,
        "VST p50 %s ms p95 %s ms, VSF %s, EBVS %s, VPF %s, RBR %s, avg bitrate %s kbps",
        m.path("vst_p50_ms").asText("-"),
        m.path("vst_p95_ms").asText("-"),
        percent(m.path("vsf_rate")),
        percent(m.path("ebvs_rate")),
        percent(m.path("vpf_rate")),
        percent(m.path("rbr")),
        m.path("avg_bitrate_kbps").isNumber()
            ? String.format(Locale.ROOT, "%.0f", m.path("avg_bitrate_kbps").asDouble())
            : "-");
  }

  private static String percent(JsonNode rate) {
    return rate.isNumber() ? String.format(Locale.ROOT, "%.2f %%", rate.asDouble() * 100) : "-";
  }
}
