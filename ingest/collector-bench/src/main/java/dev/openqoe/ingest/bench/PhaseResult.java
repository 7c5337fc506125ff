package dev.openqoe.ingest.bench;

/** What one benchmark phase measured; {@code cpu} is null when the system does not tell. */
record PhaseResult(
    String name,
    double eventsPerSecond,
    double requestsPerSecond,
    double p50Ms,
    double p99Ms,
    long errors,
    ProcessCpu.PerRequest cpu) {

  PhaseResult withCpu(ProcessCpu.PerRequest measured) {
    return new PhaseResult(
        name, eventsPerSecond, requestsPerSecond, p50Ms, p99Ms, errors, measured);
  }

  /** An HTTP phase: each request carries {@code eventsPerRequest} events. */
  static PhaseResult of(String name, Wrk.Run run, int eventsPerRequest) {
    return new PhaseResult(
        name,
        run.requestsPerSecond() * eventsPerRequest,
        run.requestsPerSecond(),
        run.p50Ms(),
        run.p99Ms(),
        run.failed(),
        null);
  }

  /** The Kafka phase: each recorded latency is one batch of {@code eventsPerRequest} records. */
  static PhaseResult of(
      String name, LatencyRecorder latencies, double seconds, int eventsPerRequest) {
    double requestsPerSecond = (latencies.count() - latencies.errors()) / seconds;
    return new PhaseResult(
        name,
        requestsPerSecond * eventsPerRequest,
        requestsPerSecond,
        latencies.percentileMillis(50),
        latencies.percentileMillis(99),
        latencies.errors(),
        null);
  }
}
