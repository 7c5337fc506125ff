package dev.openqoe.slo.evaluator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * Sends every evaluation to an Alertmanager ({@code POST <url>/api/v2/alerts}): the firing alerts
 * each time, as Alertmanager expects, and resolutions once. A failed post is not retried: the next
 * evaluation posts the firing alerts again, and an alert whose resolution was lost ends when its
 * {@code endsAt} passes.
 */
public final class AlertmanagerTarget implements AlertTarget {

  private final URI alerts;
  private final Duration every;
  private final JsonPost http = new JsonPost();

  /**
   * @param url Alertmanager's base URL, e.g. http://127.0.0.1:9093
   * @param every the evaluation interval
   */
  public AlertmanagerTarget(String url, Duration every) {
    this.alerts = URI.create(url.replaceAll("/+$", "") + "/api/v2/alerts");
    this.every = every;
  }

  @Override
  public String name() {
    return "alertmanager " + alerts;
  }

  @Override
  public void send(EvaluationRound round) {
    if (round.firing().isEmpty() && round.transitions().isEmpty()) {
      return;
    }
    JsonPost.Response response;
    try {
      response = http.post(alerts, AlertmanagerPayload.json(round, every));
    } catch (IOException e) {
      throw new UncheckedIOException("unreachable: " + Reporter.reason(e), e);
    }
    if (!response.ok()) {
      throw new IllegalStateException(
          "refused the alerts: HTTP " + response.status() + " " + response.body().strip());
    }
  }
}
