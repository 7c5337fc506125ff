package dev.openqoe.protocol;

/** How a CMCD report reached the collector (CTA-5004-B reporting modes). */
public enum CmcdReportMode implements WireEnum {
  /** An event-mode report POSTed by the player to the collector. */
  EVENT,
  /** Request-mode data: the CMCD query parameter or CMCD-* headers of a media request. */
  REQUEST
}
