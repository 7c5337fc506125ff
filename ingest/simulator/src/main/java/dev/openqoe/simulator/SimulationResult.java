package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.session.QoeAggregate;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupTimes;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a run did: each session's ground truth, sorted by session id, and the delivery counts.
 *
 * @param originTs the client time simulated time starts at: incidents are scheduled from it
 * @param jobs the catalogue's transcode job state changes (none without the delivery chain)
 * @param fatalProblem why the run stopped early, or null
 */
public record SimulationResult(
    SimulatorConfig config,
    List<SessionTruth> sessions,
    DeliveryStats delivery,
    long originTs,
    long firstTs,
    long lastTs,
    List<JobStateChange> jobs,
    Duration elapsed,
    String fatalProblem) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SimulationResult {
    sessions = List.copyOf(sessions);
    jobs = List.copyOf(jobs);
  }

  /** Whether every session was delivered whole and nothing was refused. */
  public boolean clean() {
    return fatalProblem == null
        && delivery.beaconsRejected() == 0
        && delivery.beaconsLost() == 0
        && delivery.opsRecordsRejected() == 0
        && delivery.opsRecordsLost() == 0
        && sessions.stream().allMatch(s -> s.delivery() == Delivery.DELIVERED);
  }

  public List<SessionTruth> delivered() {
    return sessions.stream().filter(s -> s.delivery() == Delivery.DELIVERED).toList();
  }

  /**
   * The run in one JSON object: settings, the intended aggregate metrics of the delivered sessions,
   * each incident's slice against the rest (what a drill-down should find) and where the delivery
   * chain shows it, delivery counts, and the networks a GeoIP database needs to place client
   * addresses.
   */
  public ObjectNode summary() {
    ObjectNode json = JSON.createObjectNode();
    json.put("clock", config.clock().wireName());
    json.put("seed", config.seed());
    json.put("sessions_planned", config.sessions());
    json.put("first_ts", firstTs);
    json.put("last_ts", lastTs);
    json.put("elapsed_ms", elapsed.toMillis());
    json.put("fatal_problem", fatalProblem);
    List<SessionFacts> delivered = delivered().stream().map(SessionTruth::intended).toList();
    json.set("metrics", metrics(delivered));
    ArrayNode incidents = json.putArray("incidents");
    for (Incident incident : config.incidents()) {
      ObjectNode entry = incidents.addObject();
      entry.put("spec", incident.spec());
      entry.put("kind", incident.kind().specName());
      ObjectNode scope = entry.putObject("scope");
      incident.scope().forEach(scope::put);
      if (incident.bitrateKbps() != null) {
        scope.put("bitrate_kbps", incident.bitrateKbps());
      }
      Predicate<SessionTruth> hit = s -> s.incidents().contains(incident);
      entry.set("slice", metrics(facts(hit)));
      entry.set("rest", metrics(facts(hit.negate())));
      if (config.ops()) {
        entry.set(
            "delivery_chain",
            IncidentSymptoms.of(incident, sessions.stream().filter(hit).toList(), jobs, originTs));
      }
    }
    ObjectNode counts = json.putObject("delivery");
    counts.put("sessions_started", delivery.sessionsStarted());
    counts.put("sessions_delivered", delivered.size());
    counts.put("sessions_incomplete", count(Delivery.INCOMPLETE));
    counts.put("sessions_cut_off", count(Delivery.CUT_OFF));
    counts.put("requests", delivery.requests());
    counts.put("beacons_sent", delivery.beaconsSent());
    counts.put("beacons_accepted", delivery.beaconsAccepted());
    counts.put("beacons_rejected", delivery.beaconsRejected());
    counts.put("beacons_lost", delivery.beaconsLost());
    counts.put("retries_429", delivery.retriesRateLimited());
    counts.put("retries_503", delivery.retriesUnavailable());
    counts.put("retries_connection", delivery.retriesConnection());
    if (config.ops()) {
      counts.put("ops_records_sent", delivery.opsRecordsSent());
      counts.put("ops_records_stored", delivery.opsRecordsStored());
      counts.put("ops_records_rejected", delivery.opsRecordsRejected());
      counts.put("ops_records_lost", delivery.opsRecordsLost());
      counts.put("ops_records_unsent", delivery.opsRecordsUnsent());
      counts.put("transcode_jobs", jobs.stream().map(JobStateChange::jobId).distinct().count());
    }
    double seconds = Math.max(1e-3, elapsed.toMillis() / 1000.0);
    counts.put(
        "sessions_per_second", Math.round(delivery.sessionsFinished() / seconds * 10) / 10.0);
    counts.put("beacons_per_second", Math.round(delivery.beaconsAccepted() / seconds));
    ArrayNode networks = json.putArray("networks");
    for (Network network : config.catalog().networks()) {
      networks
          .addObject()
          .put("cidr", network.cidr())
          .put("country", network.country())
          .put("asn", network.asn());
    }
    return json;
  }

  private long count(Delivery kind) {
    return sessions.stream().filter(s -> s.delivery() == kind).count();
  }

  private List<SessionFacts> facts(Predicate<SessionTruth> filter) {
    return delivered().stream().filter(filter).map(SessionTruth::intended).toList();
  }

  private static ObjectNode metrics(List<SessionFacts> sessions) {
    QoeAggregate aggregate = new QoeAggregate();
    StartupTimes startupTimes = new StartupTimes();
    sessions.forEach(aggregate::add);
    sessions.forEach(startupTimes::add);
    ObjectNode json = JSON.createObjectNode();
    json.put("sessions", aggregate.sessions());
    json.put("attempts", aggregate.attempts());
    json.put("started", aggregate.started());
    json.put("vsf", aggregate.vsf());
    json.put("vsf_business", aggregate.vsfBusiness());
    json.put("ebvs", aggregate.ebvs());
    json.put("vpf", aggregate.vpf());
    json.put("vpf_business", aggregate.vpfBusiness());
    json.put("play_ms", aggregate.playMs());
    json.put("rebuffer_ms", aggregate.rebufferMs());
    json.put("rebuffer_count", aggregate.rebufferCount());
    json.put("vsf_rate", aggregate.vsfRate());
    json.put("ebvs_rate", aggregate.ebvsRate());
    json.put("vpf_rate", aggregate.vpfRate());
    json.put("rbr", aggregate.rebufferingRatio());
    json.put("avg_bitrate_kbps", aggregate.avgBitrateKbps());
    json.put("vst_p50_ms", startupTimes.percentile(50));
    json.put("vst_p95_ms", startupTimes.percentile(95));
    return json;
  }
}
