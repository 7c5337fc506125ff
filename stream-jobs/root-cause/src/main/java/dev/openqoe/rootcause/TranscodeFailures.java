package dev.openqoe.rootcause;

import dev.openqoe.ops.PackagingJob;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The renditions of one asset whose latest transcode or packaging job failed, kept as a sorted,
 * comma-separated text (what a broadcast state holds per content id). A failed job marks its
 * rendition until a later job of that rendition completes; a failed job that names no rendition
 * marks the whole ladder ({@value #WHOLE_LADDER}).
 */
public final class TranscodeFailures {

  /** Every rendition of the asset: a failed job about the whole ladder. */
  public static final String WHOLE_LADDER = "*";

  private TranscodeFailures() {}

  /** The failed renditions in {@code joined} (null or empty: none). */
  public static Set<String> parse(String joined) {
    return joined == null || joined.isEmpty()
        ? Set.of()
        : new TreeSet<>(Arrays.asList(joined.split(",")));
  }

  /**
   * The failed renditions after {@code job}, or null when none is left.
   *
   * @param joined the failed renditions before it
   */
  public static String after(String joined, PackagingJob job) {
    Set<String> failed = new TreeSet<>(parse(joined));
    String rendition = job.rendition() == null ? WHOLE_LADDER : job.rendition().replace(",", "%2C");
    switch (job.status() == null ? "" : job.status()) {
      case "error" -> failed.add(rendition);
      case "complete" -> {
        if (rendition.equals(WHOLE_LADDER)) {
          failed.clear();
        } else {
          failed.remove(rendition);
        }
      }
      default -> {
        return joined == null || joined.isEmpty() ? null : joined;
      }
    }
    return failed.isEmpty() ? null : String.join(",", failed);
  }
}
