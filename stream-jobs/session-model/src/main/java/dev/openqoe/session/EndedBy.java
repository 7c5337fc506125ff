package dev.openqoe.session;

import dev.openqoe.protocol.WireEnum;

/** What closed a session. */
public enum EndedBy implements WireEnum {
  /** The player sent {@code end}. */
  END,
  /** A fatal error beacon. */
  ERROR,
  /** No {@code end} and no fatal error: closed after its last beacon. */
  TIMEOUT
}
