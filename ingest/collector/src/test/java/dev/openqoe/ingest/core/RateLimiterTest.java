package dev.openqoe.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void allowsABurstOfTwoSecondsThenRefusesPerKey() {
    RateLimiter limiter = new RateLimiter();
    int allowed = 0;
    for (int i = 0; i < 100; i++) {
      if (limiter.tryAcquire("a", 10)) {
        allowed++;
      }
    }

    assertThat(allowed).isBetween(20, 22);
    assertThat(limiter.tryAcquire("b", 10)).isTrue();
  }
}
