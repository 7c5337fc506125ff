package dev.openqoe.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopDeadlinesTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void givesUpOnAnUnansweredRequestOnItsOwnEventLoopAfterTheTimeoutAndNeverOnAnAnsweredOne() {
    Duration timeout = Duration.ofMillis(300);
    EventLoopDeadlines deadlines = new EventLoopDeadlines(vertx, timeout);
    Context context = vertx.getOrCreateContext();
    AtomicReference<Thread> eventLoop = new AtomicReference<>();
    AtomicReference<Thread> expiredOn = new AtomicReference<>();
    AtomicLong startedNanos = new AtomicLong();
    AtomicLong expiredNanos = new AtomicLong();
    AtomicBoolean answeredOneExpired = new AtomicBoolean();

    context.runOnContext(
        ignored -> {
          eventLoop.set(Thread.currentThread());
          startedNanos.set(System.nanoTime());
          // First in the queue, answered at once: it must neither fire nor hold up the other.
          deadlines.start(() -> answeredOneExpired.set(true)).settle();
          deadlines.start(
              () -> {
                expiredNanos.set(System.nanoTime());
                expiredOn.set(Thread.currentThread());
              });
        });

    await().atMost(Duration.ofSeconds(10)).until(() -> expiredOn.get() != null);
    assertThat(expiredOn.get()).isSameAs(eventLoop.get());
    assertThat(Duration.ofNanos(expiredNanos.get() - startedNanos.get()))
        .isGreaterThanOrEqualTo(timeout);
    assertThat(answeredOneExpired).isFalse();
  }
}
