package dev.openqoe.slo.evaluator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * POSTs each transition to a URL as the JSON of its alert record, for teams without Alertmanager.
 * Posts go out in order from a thread of their own, so a slow or failing receiver never holds up an
 * evaluation; a post that fails (unreachable, timeout, HTTP 5xx, 408 or 429) is retried with
 * doubling waits, {@value #ATTEMPTS} attempts in all, and each failure to deliver is reported with
 * the reason. Other refusals (HTTP 4xx) are reported at once: sending the same body again would not
 * help.
 */
public final class WebhookTarget implements AlertTarget {

  static final int ATTEMPTS = 5;

  private final URI url;
  private final Duration firstWait;
  private final Reporter reporter;
  private final JsonPost http = new JsonPost();
  private final ExecutorService sender;

  public WebhookTarget(String url, Reporter reporter) {
    this(url, Duration.ofSeconds(1), reporter);
  }

  /**
   * @param firstWait the wait before the second attempt; each later one waits twice the last
   */
  WebhookTarget(String url, Duration firstWait, Reporter reporter) {
    this.url = URI.create(url);
    this.firstWait = firstWait;
    this.reporter = reporter;
    this.sender =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "webhook " + url);
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public String name() {
    return "webhook " + url;
  }

  @Override
  public void send(EvaluationRound round) {
    for (AlertRecord transition : round.transitions()) {
      sender.execute(() -> deliver(transition));
    }
  }

  private void deliver(AlertRecord transition) {
    String what = transition.status() + " of " + transition.alertId();
    String body = AlertJson.write(transition);
    long wait = firstWait.toMillis();
    String reason = "";
    int attempts = 0;
    while (attempts < ATTEMPTS) {
      attempts++;
      try {
        JsonPost.Response response = http.post(url, body);
        if (response.ok()) {
          return;
        }
        reason = "HTTP " + response.status() + " " + response.body().strip();
        if (!worthRetrying(response.status())) {
          reporter.error(name() + " refused " + what + ": " + reason);
          return;
        }
      } catch (IOException e) {
        reason = Reporter.reason(e);
      }
      if (attempts < ATTEMPTS && !pause(wait)) {
        break;
      }
      wait *= 2;
    }
    reporter.error(name() + ": gave up on " + what + " after " + attempts + " attempts: " + reason);
  }

  private static boolean worthRetrying(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  /** Waits before the next attempt; false when interrupted (the evaluator is stopping). */
  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Lets the queued posts go out, for at most 30 s. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(30, TimeUnit.SECONDS)) {
        sender.shutdownNow();
        reporter.error(name() + ": stopped with posts still waiting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sender.shutdownNow();
    }
  }
}
