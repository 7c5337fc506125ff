package dev.openqoe.slo;

/**
 * An SLO file that cannot be used. The message names the file, the SLO (its place in the list and
 * its name), the field, and what the field may hold.
 */
public final class SloFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public SloFileException(String message) {
    super(message);
  }

  public SloFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
