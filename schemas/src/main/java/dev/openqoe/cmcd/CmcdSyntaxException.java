package dev.openqoe.cmcd;

/** A CMCD payload that is not a valid Structured Field Dictionary (RFC 8941). */
public final class CmcdSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  CmcdSyntaxException(String message, int position) {
    super(message + " at character " + (position + 1), null, false, false);
  }
}
