package dev.openqoe.ingest.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Ingest and ops keys as SHA-256 digests: a properties file may hold a key's digest ({@code
 * sha256:<64 hex digits>}, made with {@code printf %s 'KEY' | sha256sum}) instead of the key, so
 * the file no longer gives the keys away; a key a request presents is hashed and compared with the
 * digests in constant time.
 */
public final class KeyDigests {

  /** How an entry of {@code keys} or {@code ops_keys} says it is a digest, not a key. */
  public static final String PREFIX = "sha256:";

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(KeyDigests::sha256);

  private KeyDigests() {}

  /** The digest of a key as a request presents it. */
  public static byte[] ofKey(String key) {
    return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The digest an entry of a properties file stands for: the one it spells after {@link #PREFIX},
   * else the digest of the entry as a plain key.
   *
   * @throws IllegalArgumentException when it starts with the prefix but is no SHA-256 digest
   */
  public static byte[] ofEntry(String entry) {
    if (!isDigest(entry)) {
      return ofKey(entry);
    }
    String hex = entry.substring(PREFIX.length()).trim().toLowerCase(Locale.ROOT);
    if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "a key entry starting with "
              + PREFIX
              + " must be followed by 64 hex digits, the output of printf %s 'KEY' | sha256sum");
    }
    return HexFormat.of().parseHex(hex);
  }

  public static boolean isDigest(String entry) {
    return entry.startsWith(PREFIX);
  }

  /** The entry to write for {@code key}: {@code sha256:} and its digest in hex. */
  public static String entryFor(String key) {
    return PREFIX + HexFormat.of().formatHex(ofKey(key));
  }

  /** Compares digests in time that does not depend on where they differ. */
  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
