package dev.openqoe.replay;

import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionFactsJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Sessions as JSON lines, the fields of the session_fact schema in its order. */
final class JsonLinesSessionWriter implements SessionWriter {

  private final Writer out;

  JsonLinesSessionWriter(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public void write(SessionFacts session) throws IOException {
    SessionFactsJson.write(session, out);
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
