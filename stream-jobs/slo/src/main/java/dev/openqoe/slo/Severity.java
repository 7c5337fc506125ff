package dev.openqoe.slo;

import java.util.Locale;

/** How urgently a burning budget needs a human: a page now, or a ticket for working hours. */
public enum Severity {
  PAGE,
  TICKET;

  /** The spelling in alert labels and files: page, ticket. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
