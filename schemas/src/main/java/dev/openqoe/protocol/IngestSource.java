package dev.openqoe.protocol;

/** How a beacon reached the collector. */
public enum IngestSource implements WireEnum {
  /** Protocol-v1 JSON sent by an OpenQoE SDK or player integration. */
  BEACON,
  /** A CMCD v2 report (event or request mode) mapped onto protocol v1. */
  CMCD
}
