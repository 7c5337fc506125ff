package dev.openqoe.protocol;

/**
 * Why a beacon does not satisfy protocol v1.
 *
 * @param field the offending JSON field, or null when the problem is the document as a whole
 * @param reason a sentence a player developer can act on
 */
public record BeaconRejection(String field, String reason) {

  /** The reason as one line, naming the field when there is one. */
  public String message() {
    return field == null ? reason : "field '" + field + "': " + reason;
  }

  @Override
  public String toString() {
    return message();
  }
}
