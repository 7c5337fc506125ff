package dev.openqoe.browser;

/**
 * The part of a file a request asks for: the whole file, or the single range of a {@code Range:
 * bytes=first-[last]} header (what browsers send for progressive media). A range the file cannot
 * satisfy, or a form this test origin does not take (several ranges, suffix ranges), is answered
 * whole, which HTTP allows.
 *
 * @param first the first byte
 * @param length how many bytes from {@code first}
 * @param total the file's size
 * @param partial whether the answer is a 206 with Content-Range
 */
record ByteRange(long first, long length, long total, boolean partial) {

  static ByteRange of(String header, long total) {
    ByteRange whole = new ByteRange(0, total, total, false);
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return whole;
    }
    String[] bounds = header.substring("bytes=".length()).split("-", -1);
    if (bounds.length != 2 || bounds[0].isBlank()) {
      return whole;
    }
    try {
      long first = Long.parseLong(bounds[0].strip());
      long last =
          bounds[1].isBlank() ? total - 1 : Math.min(Long.parseLong(bounds[1].strip()), total - 1);
      if (first >= total || last < first) {
        return whole;
      }
      return new ByteRange(first, last - first + 1, total, true);
    } catch (NumberFormatException e) {
      return whole;
    }
  }

  String contentRange() {
    return "bytes " + first + "-" + (first + length - 1) + "/" + total;
  }
}
