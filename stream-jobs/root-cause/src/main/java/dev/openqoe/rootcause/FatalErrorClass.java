package dev.openqoe.rootcause;

import java.util.List;
import java.util.Locale;

/**
 * What a player's fatal error code says about where it failed, read from the words players use in
 * their codes, compared without case or underscores (ours, dash.js, Shaka, hls.js, the HTML media
 * element): a code names a symptom, not a cause, so this is only the first hint the failure rule
 * weighs against the delivery chain.
 */
enum FatalErrorClass {
  /** The license or the key system failed (DRM_LICENSE_FAILED, KEY_SYSTEM_ERROR). */
  LICENSE(List.of("DRM", "LICENSE", "KEYSYSTEM")),
  /** Media the player asked for was not there (SEGMENT_NOT_FOUND, MANIFEST_LOAD_FAILED, 404). */
  MISSING_MEDIA(List.of("NOTFOUND", "404", "MANIFESTLOAD")),
  /** The player could not use what it got (decode, unsupported source, its own defect). */
  PLAYER(
      List.of("DECODE", "NOTSUPPORTED", "UNSUPPORTED", "CODEC", "PLAYERINTERNAL", "INTERNALERROR")),
  /** Anything else: a stall it gave up on, a timeout, a network error, an unknown code. */
  OTHER(List.of());

  private final List<String> words;

  FatalErrorClass(List<String> words) {
    this.words = words;
  }

  static FatalErrorClass of(String code) {
    if (code == null) {
      return OTHER;
    }
    // SEGMENT_NOT_FOUND, manifestLoadError and MEDIA_ERR_SRC_NOT_SUPPORTED spell words differently.
    String upper = code.toUpperCase(Locale.ROOT).replace("_", "");
    for (FatalErrorClass errorClass : values()) {
      if (errorClass.words.stream().anyMatch(upper::contains)) {
        return errorClass;
      }
    }
    return OTHER;
  }
}
