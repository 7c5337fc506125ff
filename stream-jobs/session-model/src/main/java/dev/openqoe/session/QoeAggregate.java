package dev.openqoe.session;

/**
 * Additive totals over sessions, from which every aggregate QoE rate is derived the same way in
 * every layer (replay summary, DWS tables, Pinot queries). Totals can be merged; rates cannot, so
 * store totals and derive rates last.
 */
public final class QoeAggregate {

  private long sessions;
  private long attempts;
  private long started;
  private long vsf;
  private long vsfBusiness;
  private long ebvs;
  private long vpf;
  private long vpfBusiness;
  private long playMs;
  private long rebufferMs;
  private long rebufferCount;
  private long adMs;
  private long errorCount;
  private long bitrateSwitches;
  private double bitrateWeightedPlayMs;
  private long bitrateKnownPlayMs;

  public void add(SessionFacts session) {
    sessions++;
    if (session.attempt()) {
      attempts++;
    }
    if (session.startupOutcome() != null) {
      switch (session.startupOutcome()) {
        case STARTED -> started++;
        case VSF -> vsf++;
        case VSF_BUSINESS -> vsfBusiness++;
        case EBVS -> ebvs++;
      }
    }
    if (session.vpf()) {
      vpf++;
    }
    if (session.vpfBusiness()) {
      vpfBusiness++;
    }
    playMs += session.playMs();
    rebufferMs += session.rebufferMs();
    rebufferCount += session.rebufferCount();
    adMs += session.adMs();
    errorCount += session.errorCount();
    bitrateSwitches += session.bitrateSwitches();
    if (session.avgBitrateKbps() != null) {
      bitrateWeightedPlayMs += session.avgBitrateKbps() * session.playMs();
      bitrateKnownPlayMs += session.playMs();
    }
  }

  public void merge(QoeAggregate other) {
    sessions += other.sessions;
    attempts += other.attempts;
    started += other.started;
    vsf += other.vsf;
    vsfBusiness += other.vsfBusiness;
    ebvs += other.ebvs;
    vpf += other.vpf;
    vpfBusiness += other.vpfBusiness;
    playMs += other.playMs;
    rebufferMs += other.rebufferMs;
    rebufferCount += other.rebufferCount;
    adMs += other.adMs;
    errorCount += other.errorCount;
    bitrateSwitches += other.bitrateSwitches;
    bitrateWeightedPlayMs += other.bitrateWeightedPlayMs;
    bitrateKnownPlayMs += other.bitrateKnownPlayMs;
  }

  /** Video Start Failure rate: technical start failures over attempts. */
  public Double vsfRate() {
    return ratio(vsf, attempts);
  }

  public Double vsfBusinessRate() {
    return ratio(vsfBusiness, attempts);
  }

  /** Exits Before Video Start over attempts. */
  public Double ebvsRate() {
    return ratio(ebvs, attempts);
  }

  /** Video Playback Failure rate: technical fatal errors after start over started sessions. */
  public Double vpfRate() {
    return ratio(vpf, started);
  }

  public Double vpfBusinessRate() {
    return ratio(vpfBusiness, started);
  }

  /** Rebuffering ratio over all watch time (not an average of per-session ratios). */
  public Double rebufferingRatio() {
    return ratio(rebufferMs, playMs + rebufferMs);
  }

  /** Bitrate averaged over play time, each session weighted by its play_ms. */
  public Double avgBitrateKbps() {
    return bitrateKnownPlayMs == 0 ? null : bitrateWeightedPlayMs / bitrateKnownPlayMs;
  }

  private static Double ratio(double numerator, double denominator) {
    return denominator == 0 ? null : numerator / denominator;
  }

  public long sessions() {
    return sessions;
  }

  public long attempts() {
    return attempts;
  }

  public long started() {
    return started;
  }

  public long vsf() {
    return vsf;
  }

  public long vsfBusiness() {
    return vsfBusiness;
  }

  public long ebvs() {
    return ebvs;
  }

  public long vpf() {
    return vpf;
  }

  public long vpfBusiness() {
    return vpfBusiness;
  }

  public long playMs() {
    return playMs;
  }

  public long rebufferMs() {
    return rebufferMs;
  }

  public long rebufferCount() {
    return rebufferCount;
  }

  public long adMs() {
    return adMs;
  }

  public long errorCount() {
    return errorCount;
  }

  public long bitrateSwitches() {
    return bitrateSwitches;
  }

  /** Sum of avg_bitrate_kbps x play_ms over sessions with a known bitrate. */
  public double bitrateWeightedPlayMs() {
    return bitrateWeightedPlayMs;
  }

  /** play_ms of the sessions with a known bitrate: the average bitrate's denominator. */
  public long bitrateKnownPlayMs() {
    return bitrateKnownPlayMs;
  }
}
