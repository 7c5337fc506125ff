package dev.openqoe.browser;

/** The real players the harness page can run, at the versions package-lock.json pins. */
public enum Player {
  DASHJS("dashjs"),
  SHAKA("shaka");

  private final String pageName;

  Player(String pageName) {
    this.pageName = pageName;
  }

  /** The name the page and the fixture files use. */
  public String pageName() {
    return pageName;
  }
}
