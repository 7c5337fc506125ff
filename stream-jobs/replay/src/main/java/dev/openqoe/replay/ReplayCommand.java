package dev.openqoe.replay;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.session.BeaconVerdict;
import dev.openqoe.session.QoeAggregate;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupTimes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qoe replay}: per-session QoE facts from a file of protocol-v1 beacons. */
@Command(
    name = "qoe replay",
    mixinStandardHelpOptions = true,
    version = "qoe replay 0.1.0",
    sortOptions = false,
    description = {
      "Reads protocol-v1 beacons, one JSON object per line, and writes one JSON object per session"
          + " (or a Parquet file of them), sorted by session_id, with the same session model as the"
          + " stream jobs.",
      "Invalid lines are reported on stderr with their line number and reason, and skipped.",
      "Memory stays bounded on inputs of any size: beacons beyond --sort-memory are sorted on disk."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:replay done (even with invalid lines)",
      "1:input or output failed",
      "2:bad usage"
    })
public final class ReplayCommand implements Callable<Integer> {

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      description = "Beacons as JSON lines; .gz files are decompressed. Default: standard input.")
  private Path input;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Where to write sessions: JSON lines, or Parquet when the name ends in .parquet."
              + " Default: standard output (JSON lines).")
  private Path output;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "jsonl or parquet (the session_fact Avro schema, as dwd.sessions). Default: by the"
              + " --output extension.")
  private String format;

  @Option(
      names = "--summary",
      description =
          "Print the aggregate QoE rates as a table (to standard output when --output is given,"
              + " else to standard error).")
  private boolean summary;

  @Option(
      names = "--inactivity-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "A gap between two beacons of a session longer than this ends the session (as the stream"
              + " jobs do); 0 turns it off. Default: ${DEFAULT-VALUE}.",
      defaultValue = "120s")
  private Duration inactivityTimeout = SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT;

  @Option(
      names = "--sort-memory",
      paramLabel = "MiB",
      description =
          "Memory for sorting beacons before spilling to disk. Default: ${DEFAULT-VALUE}.",
      defaultValue = "256")
  private long sortMemoryMib;

  @Option(
      names = "--tmp-dir",
      paramLabel = "DIR",
      description = "Where sort runs are spilled. Default: the system temporary directory.")
  private Path tmpDir;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "BYTES",
      description =
          "Longer lines are reported invalid without being held. Default: ${DEFAULT-VALUE}.",
      defaultValue = "1048576")
  private int maxLineBytes;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines.")
  private boolean quiet;

  private final InputStream stdin;
  private final OutputStream stdout;
  private final PrintStream stderr;

  public ReplayCommand(InputStream stdin, OutputStream stdout, PrintStream stderr) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs {@code qoe replay} with the given arguments and streams; returns the exit code. */
  public static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new ReplayCommand(in, out, err));
    cli.setOut(new java.io.PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cli.setErr(new java.io.PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    if (sortMemoryMib < 1 || maxLineBytes < 64) {
      stderr.println("qoe replay: --sort-memory must be >= 1 MiB and --max-line-bytes >= 64");
      return 2;
    }
    OutputFormat outputFormat;
    if (format == null) {
      outputFormat = OutputFormat.of(output);
    } else if (format.equalsIgnoreCase("jsonl") || format.equalsIgnoreCase("parquet")) {
      outputFormat = OutputFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } else {
      stderr.println("qoe replay: --format must be jsonl or parquet, not '" + format + "'");
      return 2;
    }
    if (outputFormat == OutputFormat.PARQUET && output == null) {
      stderr.println("qoe replay: Parquet output needs a file: --output FILE.parquet");
      return 2;
    }
    try {
      replay(outputFormat);
      return 0;
    } catch (NoSuchFileException e) {
      stderr.println("qoe replay: no such file: " + e.getFile());
    } catch (IOException | UncheckedIOException e) {
      stderr.println("qoe replay: " + e.getMessage());
    }
    return 1;
  }

  private void replay(OutputFormat outputFormat) throws IOException {
    ReplayCounts counts = new ReplayCounts();
    ReplayProgress progress = new ReplayProgress(stderr, !quiet);
    Path spillDir = tmpDir != null ? tmpDir : Path.of(System.getProperty("java.io.tmpdir"));
    long totalBytes = input == null || isStdin() ? -1 : Files.size(input);
    try (CountingInputStream raw = new CountingInputStream(openInput());
        BeaconSorter sorter = new BeaconSorter(sortMemoryMib << 20, spillDir)) {
      InputStream in = isGzip() ? new GZIPInputStream(raw, 1 << 16) : raw;
      readBeacons(
          new BoundedLineReader(in, maxLineBytes), sorter, counts, raw, totalBytes, progress);
      QoeAggregate total = new QoeAggregate();
      StartupTimes startup = new StartupTimes();
      writeSessions(outputFormat, sorter, counts, progress, total, startup);
      stderr.printf(
          Locale.ROOT,
          "replay: %,d sessions from %,d beacons in %.1f s (%,d invalid lines, %,d duplicates,"
              + " %,d after session end%s%s)%n",
          counts.sessions,
          counts.beacons,
          progress.elapsedSeconds(),
          counts.invalid,
          counts.duplicates,
          counts.afterSessionEnd,
          counts.trailingReportsNote(),
          sorter.spilledRuns() > 0 ? ", sorted in " + sorter.spilledRuns() + " runs on disk" : "");
      if (summary) {
        PrintStream table =
            output != null ? new PrintStream(stdout, true, StandardCharsets.UTF_8) : stderr;
        SummaryTable.print(table, total, startup, counts);
        table.flush();
      }
    }
  }

  private void readBeacons(
      BoundedLineReader reader,
      BeaconSorter sorter,
      ReplayCounts counts,
      CountingInputStream raw,
      long totalBytes,
      ReplayProgress progress)
      throws IOException {
    BeaconParser parser = BeaconParser.lenientClock();
    BoundedLineReader.Line line;
    while ((line = reader.next()) != null) {
      counts.lines++;
      if (line.text() == null) {
        invalid(
            counts,
            line.number(),
            "line is " + line.length() + " bytes, longer than --max-line-bytes " + maxLineBytes);
      } else if (line.text().isBlank()) {
        counts.blankLines++;
      } else {
        ParseResult result = parser.parse(line.text());
        if (result instanceof ParseResult.Valid valid) {
          counts.beacons++;
          sorter.add(new NumberedBeacon(valid.event(), line.number()), line.length());
        } else if (result instanceof ParseResult.Invalid bad) {
          invalid(counts, line.number(), bad.rejection().message());
        }
      }
      if (progress.due()) {
        progress.reading(raw.count(), totalBytes, counts);
      }
    }
  }

  private void invalid(ReplayCounts counts, long lineNumber, String reason) {
    counts.invalid++;
    stderr.println("line " + lineNumber + ": invalid: " + reason);
  }

  private void writeSessions(
      OutputFormat outputFormat,
      BeaconSorter sorter,
      ReplayCounts counts,
      ReplayProgress progress,
      QoeAggregate total,
      StartupTimes startup)
      throws IOException {
    Path partial = output == null ? null : partialFile(output);
    try (SessionWriter out = openWriter(outputFormat, partial)) {
      Iterator<NumberedBeacon> sorted =
          withProgress(sorter.sorted(), sorter.count(), counts, progress);
      SessionReplay.run(
          inactivityTimeout,
          sorted,
          counts,
          this::reportRefusal,
          session -> {
            write(out, session);
            total.add(session);
            startup.add(session);
          });
    }
    if (partial != null) {
      Files.move(
          partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private void reportRefusal(NumberedBeacon refused, BeaconVerdict verdict) {
    stderr.println(
        "line "
            + refused.line()
            + ": ignored: session "
            + refused.beacon().sessionId()
            + " seq "
            + refused.beacon().seq()
            + " arrived "
            + verdict.reason());
  }

  private SessionWriter openWriter(OutputFormat outputFormat, Path partial) throws IOException {
    return switch (outputFormat) {
      case PARQUET -> new ParquetSessionWriter(partial);
      case JSONL ->
          new JsonLinesSessionWriter(
              partial == null ? nonClosing(stdout) : Files.newOutputStream(partial));
    };
  }

  private static void write(SessionWriter out, SessionFacts session) {
    try {
      out.write(session);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sessions", e);
    }
  }

  private static Iterator<NumberedBeacon> withProgress(
      Iterator<NumberedBeacon> beacons, long total, ReplayCounts counts, ReplayProgress progress) {
    return new Iterator<>() {
      private long done;

      @Override
      public boolean hasNext() {
        return beacons.hasNext();
      }

      @Override
      public NumberedBeacon next() {
        done++;
        if (progress.due()) {
          progress.writing(done, total, counts);
        }
        return beacons.next();
      }
    };
  }

  private boolean isStdin() {
    return input != null && input.toString().equals("-");
  }

  private boolean isGzip() {
    return input != null && input.getFileName().toString().endsWith(".gz");
  }

  private InputStream openInput() throws IOException {
    return input == null || isStdin() ? stdin : Files.newInputStream(input);
  }

  private static Path partialFile(Path output) {
    Path absolute = output.toAbsolutePath();
    return absolute.resolveSibling(absolute.getFileName() + ".partial");
  }

  /** Standard output stays open for the summary and the caller. */
  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
