package dev.openqoe.ingest.bench;

import java.util.stream.Stream;

/**
 * Splits the collector's CPU per request into what its two jobs cost at their ceilings and what is
 * left: its own work. All figures are CPU time per request of every process on the machine (this
 * JVM, wrk, the broker), in microseconds. The collector answers HTTP like the bare server and
 * produces the same records as the raw producer, on the same cores, so those two costs are a floor
 * under its own; the rest is the collector's code, and what its producer pays for the small batches
 * that keep answers fast (the raw producer batches as much as a closed loop allows). The
 * collector's producer alone, at the collector's rate, tells those two apart.
 *
 * @param bareHttp the bare HTTP server's phase
 * @param kafka the raw producer's phase that set the Kafka ceiling (one batch per request)
 * @param collectorsKafka the collector's producer settings alone at the collector's peak rate
 * @param collector the collector's peak phase
 */
record CpuAccounting(double bareHttp, double kafka, double collectorsKafka, double collector) {

  /** Null when a phase has no CPU figures (the system does not tell). */
  static CpuAccounting of(
      PhaseResult bareHttp, PhaseResult kafka, PhaseResult collectorsKafka, PhaseResult collector) {
    if (Stream.of(bareHttp, kafka, collectorsKafka, collector).anyMatch(p -> p.cpu() == null)) {
      return null;
    }
    return new CpuAccounting(
        bareHttp.cpu().total(),
        kafka.cpu().total(),
        collectorsKafka.cpu().total(),
        collector.cpu().total());
  }

  /** Both jobs together: what a collector doing nothing else would cost per request. */
  double bothJobs() {
    return bareHttp + kafka;
  }

  /**
   * What the collector spends beyond both jobs: parsing, validating, enriching, encoding, and its
   * smaller Kafka batches.
   */
  double ownWork() {
    return collector - bothJobs();
  }

  /** The part of the own work that is Kafka's: its batches at the collector's rate and linger. */
  double smallBatches() {
    return collectorsKafka - kafka;
  }

  /** The rest of the own work: the collector's code, as it runs among everything else. */
  double ownCode() {
    return ownWork() - smallBatches();
  }

  /**
   * The ratio to the lower ceiling that a collector with no work of its own would reach, if rates
   * follow CPU per request (as they do when every phase keeps the cores busy): the lower ceiling is
   * the dearer job on its own.
   */
  double bestRatio() {
    return Math.max(bareHttp, kafka) / bothJobs();
  }

  /**
   * The most own work per request with which the collector would still reach {@code ratio} of the
   * lower ceiling; negative when not even a collector without any would.
   */
  double ownWorkBudget(double ratio) {
    return Math.max(bareHttp, kafka) / ratio - bothJobs();
  }
}
