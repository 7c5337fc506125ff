package dev.openqoe.pinot;

/** Pinot could not be reached or refused a request; the message says which URL and why. */
public final class PinotException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PinotException(String message) {
    super(message);
  }

  public PinotException(String message, Throwable cause) {
    super(message, cause);
  }
}
