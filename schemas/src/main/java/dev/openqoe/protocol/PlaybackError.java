package dev.openqoe.protocol;

import java.util.Objects;

/** The error carried by an {@code error} beacon. */
public record PlaybackError(String code, boolean fatal, ErrorCategory category) {
  public PlaybackError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(category, "category");
  }
}
