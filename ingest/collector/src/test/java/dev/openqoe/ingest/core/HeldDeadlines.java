package dev.openqoe.ingest.core;

import java.util.ArrayList;
import java.util.List;

/** Deadlines that pass only when the test says so. */
final class HeldDeadlines implements AnswerDeadlines {

  private static final class HeldDeadline implements Deadline {
    private Runnable onExpiry;

    HeldDeadline(Runnable onExpiry) {
      this.onExpiry = onExpiry;
    }

    @Override
    public void settle() {
      onExpiry = null;
    }
  }

  private final List<HeldDeadline> started = new ArrayList<>();

  @Override
  public Deadline start(Runnable onExpiry) {
    HeldDeadline deadline = new HeldDeadline(onExpiry);
    started.add(deadline);
    return deadline;
  }

  /** Lets the response timeout pass for every deadline started so far. */
  void passAll() {
    List<HeldDeadline> due = List.copyOf(started);
    started.clear();
    for (HeldDeadline deadline : due) {
      if (deadline.onExpiry != null) {
        deadline.onExpiry.run();
      }
    }
  }

  /** How many deadlines were started and are neither settled nor passed. */
  long pending() {
    return started.stream().filter(deadline -> deadline.onExpiry != null).count();
  }
}
