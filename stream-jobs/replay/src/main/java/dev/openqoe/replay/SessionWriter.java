package dev.openqoe.replay;

import dev.openqoe.session.SessionFacts;
import java.io.Closeable;
import java.io.IOException;

/** Where replayed sessions go, one at a time, in session order; closing completes the output. */
interface SessionWriter extends Closeable {

  void write(SessionFacts session) throws IOException;
}
