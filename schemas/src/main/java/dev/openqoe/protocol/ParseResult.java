package dev.openqoe.protocol;

/** The outcome of reading one beacon: the event, or why it was rejected. Never an exception. */
public sealed interface ParseResult {

  record Valid(BeaconEvent event) implements ParseResult {}

  record Invalid(BeaconRejection rejection) implements ParseResult {}
}
