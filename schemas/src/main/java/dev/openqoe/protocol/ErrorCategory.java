package dev.openqoe.protocol;

/**
 * Why a playback error happened. Business errors (entitlement, geo-block, concurrency limits) are
 * the service working as designed, so they are counted apart from technical failures.
 */
public enum ErrorCategory implements WireEnum {
  TECHNICAL,
  BUSINESS
}
