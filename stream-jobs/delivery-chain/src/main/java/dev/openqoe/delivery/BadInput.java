package dev.openqoe.delivery;

/**
 * Ends the reading of one record (a log line, a JSON element) at its first bad field; the reader
 * that throws it turns it into an {@link OpsInput.Invalid} with this reason, so it never leaves the
 * package.
 */
final class BadInput extends RuntimeException {

  BadInput(String reason) {
    super(reason, null, false, false);
  }
}
