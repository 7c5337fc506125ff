package dev.openqoe.ingest.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (an ingest property, a client network): {@code ratePerSecond} sustained,
 * bursts of two seconds' worth. The map is dropped whole when it holds too many keys, which bounds
 * memory when an attacker rotates addresses; limits restart from full buckets then.
 */
final class RateLimiter {

  private static final int MAX_KEYS = 100_000;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Takes one token from the bucket of {@code key}; false means the key is over its limit. */
  boolean tryAcquire(String key, double ratePerSecond) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= MAX_KEYS) {
        buckets.clear();
      }
      bucket = buckets.computeIfAbsent(key, k -> new Bucket(2 * ratePerSecond));
    }
    return bucket.tryAcquire(ratePerSecond, System.nanoTime());
  }

  /** Whether {@code key}'s bucket has a token left, without taking it. */
  boolean hasToken(String key, double ratePerSecond) {
    Bucket bucket = buckets.get(key);
    return bucket == null || bucket.hasToken(ratePerSecond, System.nanoTime());
  }

  private static final class Bucket {
    private double tokens;
    private long lastNanos = System.nanoTime();

    Bucket(double capacity) {
      this.tokens = capacity;
    }

    synchronized boolean hasToken(double ratePerSecond, long nowNanos) {
      return Math.min(2 * ratePerSecond, tokens + (nowNanos - lastNanos) * ratePerSecond / 1e9)
          >= 1;
    }

    synchronized boolean tryAcquire(double ratePerSecond, long nowNanos) {
      double capacity = 2 * ratePerSecond;
      tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * ratePerSecond / 1e9);
      lastNanos = nowNanos;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
