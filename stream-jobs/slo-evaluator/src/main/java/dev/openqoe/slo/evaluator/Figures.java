package dev.openqoe.slo.evaluator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** Numbers as alerts say them: 20.3 %, 0.5 %, 14.4x, 1h, 5m, 3d. */
final class Figures {

  private Figures() {}

  /** A ratio as a percentage of three significant digits: 0.203 is 20.3 %, 0.005 is 0.5 %. */
  static String percent(double ratio) {
    BigDecimal percent =
        BigDecimal.valueOf(ratio * 100).round(new MathContext(3)).stripTrailingZeros();
    return percent.toPlainString() + " %";
  }

  static String times(double burnRate) {
    return String.format(Locale.ROOT, "%.1fx", burnRate);
  }

  /** A window as the SLO file writes it: 3d, 6h, 30m. */
  static String window(Duration window) {
    if (window.toMinutes() % (24 * 60) == 0) {
      return window.toDays() + "d";
    }
    if (window.toMinutes() % 60 == 0) {
      return window.toHours() + "h";
    }
    return window.toMinutes() + "m";
  }
}
