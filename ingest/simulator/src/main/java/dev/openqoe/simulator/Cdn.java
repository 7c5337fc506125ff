package dev.openqoe.simulator;

/**
 * A CDN sessions can be served from.
 *
 * @param share relative share of sessions it serves
 * @param startupFactor multiplies the typical startup time (an edge farther away starts slower)
 * @param rebufferFactor multiplies the typical rebuffer rate
 */
public record Cdn(String name, double share, double startupFactor, double rebufferFactor) {}
