package dev.openqoe.bench.path;

/** What a phase puts under load. */
enum Part {
  WHOLE("whole", "whole path", "collector -> Kafka -> pipeline -> Pinot"),
  COLLECTOR("collector", "collector", "collector -> Kafka"),
  PIPELINE("pipeline", "pipeline", "pipeline from qoe.beacons.v1 written directly"),
  PINOT(
      "pinot", "Pinot ingestion", "Pinot from qoe.sessions.v1 / qoe.intervals.v1 written directly");

  final String flag;
  final String label;
  final String path;

  Part(String flag, String label, String path) {
    this.flag = flag;
    this.label = label;
    this.path = path;
  }

  static Part of(String flag) {
    for (Part part : values()) {
      if (part.flag.equals(flag)) {
        return part;
      }
    }
    throw new IllegalArgumentException(
        "unknown part '" + flag + "': one of whole, collector, pipeline, pinot");
  }
}
