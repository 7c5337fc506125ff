package dev.openqoe.protocol;

public enum StreamType implements WireEnum {
  VOD,
  LIVE
}
