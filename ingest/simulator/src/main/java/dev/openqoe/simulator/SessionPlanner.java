package dev.openqoe.simulator;

import java.util.Random;

/** Draws the plan of each session from the catalog. */
final class SessionPlanner {

  private final Catalog catalog;
  private final String sessionPrefix;
  private final int viewers;

  /**
   * @param viewers how many distinct viewers the sessions are spread over
   */
  SessionPlanner(Catalog catalog, String sessionPrefix, int viewers) {
    this.catalog = catalog;
    this.sessionPrefix = sessionPrefix;
    this.viewers = Math.max(1, viewers);
  }

  SessionPlan plan(int index, long startOffsetMs, Random random) {
    Network network = Weighted.pick(catalog.networks(), Network::share, random);
    String address = network.block() + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    return new SessionPlan(
        String.format("%s-%07d", sessionPrefix, index),
        String.format("viewer-%06d", random.nextInt(viewers)),
        startOffsetMs,
        Weighted.pick(catalog.assets(), Asset::share, random),
        Weighted.pick(catalog.devices(), DeviceProfile::share, random),
        Weighted.pick(catalog.cdns(), Cdn::share, random),
        network,
        address);
  }
}
