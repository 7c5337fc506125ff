package dev.openqoe.ingest.config;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Properties by the SHA-256 digests of their keys. A digest is found by its first eight bytes, then
 * compared whole in constant time: what the time of a lookup can tell is how the digest of the
 * presented key begins, which says nothing about any key.
 */
final class KeyIndex {

  private record Entry(byte[] digest, IngestProperty property) {}

  private final Map<Long, List<Entry>> byPrefix = new HashMap<>();

  /** False when the digest is taken already. */
  boolean add(byte[] digest, IngestProperty property) {
    if (find(digest) != null) {
      return false;
    }
    byPrefix
        .computeIfAbsent(prefix(digest), p -> new ArrayList<>(1))
        .add(new Entry(digest, property));
    return true;
  }

  /** The property of the key whose digest this is, or null. */
  IngestProperty find(byte[] digest) {
    List<Entry> candidates = byPrefix.get(prefix(digest));
    if (candidates == null) {
      return null;
    }
    IngestProperty found = null;
    for (Entry candidate : candidates) {
      if (KeyDigests.same(candidate.digest(), digest)) {
        found = candidate.property();
      }
    }
    return found;
  }

  private static long prefix(byte[] digest) {
    return ByteBuffer.wrap(digest).getLong();
  }
}
