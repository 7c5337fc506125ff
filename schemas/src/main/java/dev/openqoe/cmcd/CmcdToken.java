package dev.openqoe.cmcd;

/** A Structured Field token, such as the {@code v} of {@code st=v}: distinct from a string. */
public record CmcdToken(String value) {
  @Override
  public String toString() {
    return value;
  }
}
