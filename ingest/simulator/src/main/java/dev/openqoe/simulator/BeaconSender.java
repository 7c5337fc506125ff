package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a player's batches to the collector as a well-behaved SDK does (retries are {@link
 * CollectorClient}'s); anything not stored is reported, never dropped silently.
 */
final class BeaconSender {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CollectorClient client;
  private final URI endpoint;
  private final DeliveryStats stats;

  BeaconSender(CollectorClient client, URI endpoint, DeliveryStats stats) {
    this.client = client;
    this.endpoint = endpoint;
    this.stats = stats;
  }

  /** Sends one batch; completes with whether the collector stored all of it. Never fails. */
  CompletableFuture<Boolean> send(BeaconBatch batch, SessionPlan session) {
    HttpRequest request =
        client
            .request(endpoint)
            .header("Content-Type", "application/json")
            .header("User-Agent", session.device().userAgent())
            .header("X-Forwarded-For", session.clientAddress())
            .POST(HttpRequest.BodyPublishers.ofString(BeaconJson.batch(batch.beacons())))
            .build();
    stats.beaconsSent.addAndGet(batch.beacons().size());
    return client
        .send(request)
        .thenApply(
            outcome -> {
              if (outcome instanceof CollectorClient.Outcome.Answered answered) {
                return answered(answered.response(), batch, session);
              }
              stats.beaconsLost.addAndGet(batch.beacons().size());
              client.problem(
                  "gave up on "
                      + batch.beacons().size()
                      + " beacons of session "
                      + session.sessionId()
                      + " after retrying for "
                      + client.giveUpAfter().toSeconds()
                      + " s; last answer: "
                      + ((CollectorClient.Outcome.GaveUp) outcome).lastAnswer());
              return false;
            });
  }

  private boolean answered(HttpResponse<String> response, BeaconBatch batch, SessionPlan session) {
    int status = response.statusCode();
    int size = batch.beacons().size();
    JsonNode body = parse(response.body());
    if (status / 100 == 2) {
      int accepted = body.path("accepted").asInt(size);
      int rejected = body.path("rejected").asInt(0);
      stats.beaconsAccepted.addAndGet(accepted);
      if (rejected > 0) {
        stats.beaconsRejected.addAndGet(rejected);
        client.problem(
            "BUG: the collector rejected "
                + rejected
                + " beacons of session "
                + session.sessionId()
                + ": "
                + body.path("errors"));
      }
      return rejected == 0;
    }
    if (status == 400) {
      stats.beaconsRejected.addAndGet(size);
      client.problem(
          "BUG: the collector rejected the batch of session "
              + session.sessionId()
              + " (400): "
              + response.body());
      return false;
    }
    stats.beaconsLost.addAndGet(size);
    client.refused(response, "check --collector: it takes the /v1/beacons URL");
    return false;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
