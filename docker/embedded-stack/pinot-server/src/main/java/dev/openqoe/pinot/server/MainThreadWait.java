package dev.openqoe.pinot.server;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a part's start is busy with, in words, from the stack of the thread running it: the waits
 * Pinot 0.11 and Helix are known to make are named, anything else is shown as the frame it is in.
 */
final class MainThreadWait {

  private static final String LIVE_INSTANCE_WAIT =
      "org.apache.helix.manager.zk.ParticipantManager.createLiveInstance";
  private static final String SEGMENTS_WAIT =
      "org.apache.pinot.server.starter.helix.BaseServerStarter.startupServiceStatusCheck";

  private MainThreadWait() {}

  /**
   * @param segments Pinot's own account of the server's segments not yet in the state Helix
   *     assigned them (ServiceStatus), read only when the server waits for them
   */
  static String describe(Thread.State state, StackTraceElement[] stack, Supplier<String> segments) {
    if (calls(stack, LIVE_INSTANCE_WAIT) && state == Thread.State.TIMED_WAITING) {
      return "Helix found this part's live instance still registered by a ZooKeeper session of an"
          + " earlier run and sleeps the session timeout + 5 s (35 s) before registering again";
    }
    if (calls(stack, SEGMENTS_WAIT)) {
      return "waiting for the server's segments to reach the state Helix assigned them (checked"
          + " every 10 s): "
          + segments.get();
    }
    Optional<StackTraceElement> own = firstOutsideTheJdk(stack);
    Optional<StackTraceElement> pinot =
        Arrays.stream(stack)
            .filter(f -> f.getClassName().startsWith("org.apache.pinot."))
            .findFirst();
    return state
        + own.map(f -> " in " + frame(f)).orElse("")
        + pinot.filter(f -> !own.equals(Optional.of(f))).map(f -> ", under " + frame(f)).orElse("");
  }

  private static boolean calls(StackTraceElement[] stack, String method) {
    return Arrays.stream(stack)
        .anyMatch(f -> (f.getClassName() + "." + f.getMethodName()).equals(method));
  }

  private static Optional<StackTraceElement> firstOutsideTheJdk(StackTraceElement[] stack) {
    return Arrays.stream(stack)
        .filter(f -> f.getModuleName() == null || !f.getModuleName().startsWith("java."))
        .filter(f -> !f.getClassName().startsWith("jdk.") && !f.getClassName().startsWith("sun."))
        .findFirst();
  }

  private static String frame(StackTraceElement f) {
    return f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber();
  }
}
