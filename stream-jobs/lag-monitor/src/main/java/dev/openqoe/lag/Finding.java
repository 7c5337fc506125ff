package dev.openqoe.lag;

import org.slf4j.event.Level;

/** What a round found that someone must act on: a WARN (at risk) or an ERROR (lost), its text. */
public record Finding(Level level, WatchedTopic watched, String message) {}
