package dev.openqoe.ingest.core;

/** A header of an answer, e.g. Retry-After: 5. */
public record AnswerHeader(String name, String value) {}
