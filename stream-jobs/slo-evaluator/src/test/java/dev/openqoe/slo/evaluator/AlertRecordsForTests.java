package dev.openqoe.slo.evaluator;

/** Alert records of fixed figures, for tests of what is made of them. */
final class AlertRecordsForTests {

  /** 2025-12-05T10:00:00Z. */
  static final long T0 = 1_764_928_800_000L;

  private AlertRecordsForTests() {}

  static AlertRecord firing(String slice, long startsAt) {
    return record(slice, "firing", startsAt, null);
  }

  static AlertRecord resolved(String slice, long startsAt, long endsAt) {
    return record(slice, "resolved", startsAt, endsAt);
  }

  private static AlertRecord record(String slice, String status, long startsAt, Long endsAt) {
    String id = "dev/start-success/page" + (slice.isEmpty() ? "" : "/" + slice);
    return new AlertRecord(
        id,
        "dev",
        "start-success",
        "start_success",
        "page",
        slice,
        status,
        startsAt,
        endsAt,
        endsAt == null ? startsAt : endsAt,
        0.99,
        0.3,
        30.0,
        60.0,
        14.4,
        60,
        5,
        "summary of " + id,
        "description of " + id,
        "explanation of " + id,
        "http://grafana/d/x?var-cdn=fastly");
  }
}
