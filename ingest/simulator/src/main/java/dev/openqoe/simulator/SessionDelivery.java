package dev.openqoe.simulator;

import java.util.List;

/**
 * What the delivery chain saw of one session: its CDN requests in time order and, for a protected
 * asset, its license request.
 *
 * @param edge the CDN edge location the session's client reached
 * @param cmcd whether its player put CMCD in its request queries
 * @param license the license request, or null (unprotected asset, or no request was made)
 */
record SessionDelivery(
    String edge, boolean cmcd, List<MediaRequest> requests, LicenseRequest license) {

  SessionDelivery {
    requests = List.copyOf(requests);
  }
}
