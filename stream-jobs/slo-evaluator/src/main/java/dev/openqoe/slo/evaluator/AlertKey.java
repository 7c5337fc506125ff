package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.Severity;
import dev.openqoe.slo.Slice;

/**
 * What identifies an alert: one property's SLO, at one severity, in one slice. It fires while any
 * of the SLO's rules of that severity fires in that slice.
 */
public record AlertKey(String property, String slo, Severity severity, Slice slice) {

  /** {@code dev/start-success/page} or {@code dev/start-success/page/cdn=fastly}: the log's key. */
  public String id() {
    String id = property + "/" + slo + "/" + severity.label();
    return slice.isWhole() ? id : id + "/" + slice.text();
  }
}
