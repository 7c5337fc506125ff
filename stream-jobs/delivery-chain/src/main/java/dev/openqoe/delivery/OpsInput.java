package dev.openqoe.delivery;

import dev.openqoe.ops.OpsEvent;
import java.util.Objects;

/** What became of one input record (a log line, a JSON event): an event, or why not. */
public sealed interface OpsInput {

  /**
   * @param raw the record it was read from, for the dead-letter topic should a later check refuse
   *     it
   */
  record Valid(OpsEvent event, String raw) implements OpsInput {
    public Valid {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(raw, "raw");
    }
  }

  /**
   * @param raw the record as received, for the dead-letter topic
   * @param reason what is wrong with it, as a user reads it
   */
  record Invalid(String raw, String reason) implements OpsInput {
    public Invalid {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
