package dev.openqoe.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a child JVM that has not come up in time, taken with the JDK's {@code jcmd} before
 * it is ended: a start that hangs then says what it was waiting for (the child's main thread is the
 * one running its start), instead of only that it took too long.
 */
record ChildThreadDump(String mainThread, Path file, String failure) {

  private static final long JCMD_TIMEOUT_SECONDS = 30;

  static ChildThreadDump of(Process child) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return new ChildThreadDump(
          "", null, "no jcmd in " + jcmd.getParent() + " (a JRE, not a JDK)");
    }
    try {
      Path file = Files.createTempFile("qoe-child-" + child.pid() + "-threads-", ".txt");
      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(file.toFile())
              .start();
      if (!dump.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
        return new ChildThreadDump(
            "", file, "jcmd did not answer in " + JCMD_TIMEOUT_SECONDS + " s");
      }
      return new ChildThreadDump(
          mainThread(Files.readString(file, StandardCharsets.UTF_8)), file, null);
    } catch (IOException e) {
      return new ChildThreadDump("", null, "jcmd failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ChildThreadDump("", null, "interrupted while taking it");
    }
  }

  /** The stack of the thread named {@code main}: from its header to the blank line after it. */
  static String mainThread(String dump) {
    int start = dump.indexOf("\"main\"");
    if (start < 0) {
      return "";
    }
    int end = dump.indexOf("\n\n", start);
    return dump.substring(start, end < 0 ? dump.length() : end).strip();
  }

  /** What to append to the error: the main thread's stack and where the whole dump is. */
  String summary() {
    if (failure != null) {
      return "\nno thread dump of it: " + failure;
    }
    return "\nwhat it was doing (main thread):\n"
        + (mainThread.isEmpty() ? "(no thread named main)" : mainThread)
        + "\nall its threads: "
        + file;
  }
}
