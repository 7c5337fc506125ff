package dev.openqoe.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small database in the MaxMind DB format (version 2.0: an IPv6 search tree with 24-bit
 * records, then the data section, then the metadata), which GeoIP2 readers, and so the collector,
 * open like MaxMind's own files. Only IPv4 networks, stored under ::/96 where readers look IPv4
 * addresses up. Values are strings, unsigned 32-bit integers ({@code Long}), lists and maps.
 */
final class MaxMindDbWriter {

  private static final byte[] METADATA_MARKER = {
    (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
  };
  private static final int IPV4_START_BIT = 96;
  private static final int TYPE_POINTER_FREE_STRING = 2;
  private static final int TYPE_UINT16 = 5;
  private static final int TYPE_UINT32 = 6;
  private static final int TYPE_MAP = 7;
  private static final int TYPE_UINT64 = 9;
  private static final int TYPE_ARRAY = 11;

  private final String databaseType;
  private final String description;
  private final TreeNode root = new TreeNode();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  /** One node of the search tree: each side is a node, a data offset (Integer) or empty (null). */
  private static final class TreeNode {
    Object zero;
    Object one;
  }

  MaxMindDbWriter(String databaseType, String description) {
    this.databaseType = databaseType;
    this.description = description;
  }

  /** Maps every address of {@code cidr} (IPv4, e.g. "100.66.0.0/16") to {@code record}. */
  void insert(String cidr, Map<String, Object> record) {
    String[] parts = cidr.split("/");
    String[] octets = parts[0].split("\\.");
    long address = 0;
    for (String octet : octets) {
      address = address << 8 | Integer.parseInt(octet);
    }
    int prefix = Integer.parseInt(parts[1]);
    int offset = data.size();
    encode(record, data);
    TreeNode node = root;
    int depth = IPV4_START_BIT + prefix;
    for (int bit = 0; bit < depth - 1; bit++) {
      boolean one = bit >= IPV4_START_BIT && bitOf(address, bit - IPV4_START_BIT);
      Object next = one ? node.one : node.zero;
      if (!(next instanceof TreeNode)) {
        if (next != null) {
          throw new IllegalArgumentException(cidr + " lies inside a network already inserted");
        }
        next = new TreeNode();
        if (one) {
          node.one = next;
        } else {
          node.zero = next;
        }
      }
      node = (TreeNode) next;
    }
    if (bitOf(address, prefix - 1)) {
      node.one = offset;
    } else {
      node.zero = offset;
    }
  }

  void write(Path file) throws IOException {
    List<TreeNode> nodes = new ArrayList<>();
    Map<TreeNode, Integer> numbers = new IdentityHashMap<>();
    Deque<TreeNode> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      TreeNode node = queue.poll();
      numbers.put(node, nodes.size());
      nodes.add(node);
      for (Object child : new Object[] {node.zero, node.one}) {
        if (child instanceof TreeNode next) {
          queue.add(next);
        }
      }
    }
    int nodeCount = nodes.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TreeNode node : nodes) {
      writeRecord(record(node.zero, numbers, nodeCount), out);
      writeRecord(record(node.one, numbers, nodeCount), out);
    }
    out.write(new byte[16]);
    data.writeTo(out);
    out.write(METADATA_MARKER);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("binary_format_major_version", new Unsigned(TYPE_UINT16, 2));
    metadata.put("binary_format_minor_version", new Unsigned(TYPE_UINT16, 0));
    metadata.put("build_epoch", new Unsigned(TYPE_UINT64, System.currentTimeMillis() / 1000));
    metadata.put("database_type", databaseType);
    metadata.put("description", Map.of("en", description));
    metadata.put("ip_version", new Unsigned(TYPE_UINT16, 6));
    metadata.put("languages", List.of("en"));
    metadata.put("node_count", (long) nodeCount);
    metadata.put("record_size", new Unsigned(TYPE_UINT16, 24));
    encode(metadata, out);
    Files.write(file, out.toByteArray());
  }

  /** An unsigned integer of a type other than uint32. */
  private record Unsigned(int type, long value) {}

  private static long record(Object side, Map<TreeNode, Integer> numbers, int nodeCount) {
    if (side == null) {
      return nodeCount;
    }
    if (side instanceof TreeNode node) {
      return numbers.get(node);
    }
    return nodeCount + 16L + (Integer) side;
  }

  private static void writeRecord(long value, ByteArrayOutputStream out) {
    out.write((int) (value >>> 16) & 0xFF);
    out.write((int) (value >>> 8) & 0xFF);
    out.write((int) value & 0xFF);
  }

  private static boolean bitOf(long ipv4, int index) {
    return (ipv4 >>> (31 - index) & 1) == 1;
  }

  private static void encode(Object value, ByteArrayOutputStream out) {
    if (value instanceof String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      control(TYPE_POINTER_FREE_STRING, bytes.length, out);
      out.writeBytes(bytes);
    } else if (value instanceof Long number) {
      unsigned(TYPE_UINT32, number, out);
    } else if (value instanceof Unsigned number) {
      unsigned(number.type(), number.value(), out);
    } else if (value instanceof Map<?, ?> map) {
      control(TYPE_MAP, map.size(), out);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        encode(entry.getKey(), out);
        encode(entry.getValue(), out);
      }
    } else if (value instanceof List<?> list) {
      control(TYPE_ARRAY, list.size(), out);
      list.forEach(item -> encode(item, out));
    } else {
      throw new IllegalArgumentException("cannot store " + value);
    }
  }

  private static void unsigned(int type, long value, ByteArrayOutputStream out) {
    int length = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    control(type, length, out);
    for (int i = length - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
  }

  /** The control byte(s): type in the top three bits (extended types in the next byte), size. */
  private static void control(int type, int size, ByteArrayOutputStream out) {
    int first = (type <= 7 ? type : 0) << 5;
    if (size < 29) {
      out.write(first | size);
      extendedType(type, out);
    } else if (size < 285) {
      out.write(first | 29);
      extendedType(type, out);
      out.write(size - 29);
    } else if (size < 65_821) {
      out.write(first | 30);
      extendedType(type, out);
      out.write((size - 285) >>> 8);
      out.write((size - 285) & 0xFF);
    } else {
      out.write(first | 31);
      extendedType(type, out);
      int rest = size - 65_821;
      out.write(rest >>> 16);
      out.write((rest >>> 8) & 0xFF);
      out.write(rest & 0xFF);
    }
  }

  private static void extendedType(int type, ByteArrayOutputStream out) {
    if (type > 7) {
      out.write(type - 7);
    }
  }
}
