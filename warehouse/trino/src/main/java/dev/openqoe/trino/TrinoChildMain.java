package dev.openqoe.trino;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * The main class of the Trino child process: Trino's own main, plus a watch on stdin. The parent
 * holds the other end of that pipe and never writes to it, so end of input means the parent is gone
 * (even killed with SIGKILL, when no shutdown hook of its runs), and Trino exits with it. Loaded on
 * Trino's classpath from a directory holding only this class ({@link TrinoServer}), so nothing else
 * of ours meets Trino's libraries. Uses nothing but the JDK.
 */
public final class TrinoChildMain {

  static final String TRINO_MAIN = "io.trino.server.TrinoServer";

  private TrinoChildMain() {}

  public static void main(String[] args) throws Throwable {
    Thread watch =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // nothing is sent on stdin; it only ever ends
                }
              } catch (IOException brokenPipe) {
                // a broken stdin means the parent is gone, as an end of input does
              }
              System.err.println("qoe: the parent process is gone; stopping Trino");
              System.exit(0);
            },
            "qoe-parent-watch");
    watch.setDaemon(true);
    watch.start();
    try {
      Class.forName(TRINO_MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
