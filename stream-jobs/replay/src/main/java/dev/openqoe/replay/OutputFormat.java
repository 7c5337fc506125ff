package dev.openqoe.replay;

import java.nio.file.Path;
import java.util.Locale;

/** How {@code qoe replay} writes sessions: chosen by --format, else by the output's extension. */
enum OutputFormat {
  /** One JSON object per line; the default, and the only form standard output takes. */
  JSONL,
  /** Apache Parquet with the session_fact Avro schema, for DuckDB, Spark or pandas. */
  PARQUET;

  /**
   * The format an output file's name asks for: {@code .parquet} is Parquet, anything else JSONL.
   */
  static OutputFormat of(Path output) {
    return output != null
            && output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")
        ? PARQUET
        : JSONL;
  }
}
