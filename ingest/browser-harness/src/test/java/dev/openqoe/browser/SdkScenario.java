package dev.openqoe.browser;

/**
 * What one SDK run plays (the page, sdk-scenario.js, drives it; the harness sets up the faults).
 */
public enum SdkScenario {
  /** Play the whole stream. */
  PLAY("play"),
  /** The origin holds a segment mid-stream (progressive: the rest of the file) for a set time. */
  STALL("stall"),
  /** One seek forward while playing. */
  SEEK("seek"),
  /** One pause while playing. */
  PAUSE("pause"),
  /** From the lowest to the highest video rendition while playing. */
  SWITCH("switch"),
  /** The manifest (progressive: the file) answers 404. */
  MANIFEST_404("manifest-404"),
  /** The page's entitlement check fails right after the play request: a business error. */
  BUSINESS_ERROR("business-error"),
  /** The origin holds the first segments and the viewer closes the page. */
  CLOSE_DURING_STARTUP("close-during-startup"),
  /** A pre-roll ad break between the play request and the content. */
  PREROLL_AD("preroll-ad"),
  /** The collector answers 503 for a while from the first beacon request on. */
  COLLECTOR_503("collector-503"),
  /**
   * The origin serves the segment at 2 s of every rendition corrupt (progressive: the file, as an
   * element fetches one file).
   */
  CORRUPT_SEGMENT("corrupt-segment");

  private final String pageName;

  SdkScenario(String pageName) {
    this.pageName = pageName;
  }

  public String pageName() {
    return pageName;
  }
}
