package dev.openqoe.slo.evaluator;

import java.util.Locale;

/** The two transitions an alert makes, and the state it is in after each. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  /** firing, resolved: the spelling in the alert log and in Alertmanager. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertStatus of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
