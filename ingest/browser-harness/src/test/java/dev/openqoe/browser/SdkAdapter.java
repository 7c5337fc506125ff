package dev.openqoe.browser;

/**
 * The player an SDK run tracks, through the SDK's adapter of the same name: the native element with
 * a progressive MP4, hls.js with the HLS stream, dash.js and Shaka Player with the DASH stream (the
 * versions package-lock.json pins).
 */
public enum SdkAdapter {
  HTML5("html5"),
  HLSJS("hlsjs"),
  DASHJS("dashjs"),
  SHAKA("shaka");

  private final String pageName;

  SdkAdapter(String pageName) {
    this.pageName = pageName;
  }

  /** The name the page and the SDK use. */
  public String pageName() {
    return pageName;
  }
}
