package dev.openqoe.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PinotHttpResponseTest {

  @Test
  void aSuccessfulAnswerPassesThrough() {
    PinotHttp.Response created = new PinotHttp.Response(200, "{\"status\":\"ok\"}");

    assertThat(created.requireOk("http://127.0.0.1:9000", "table qoe_sessions")).isSameAs(created);
  }

  @Test
  void aRefusalSaysWhatWasRefusedWhereAndWhy() {
    PinotHttp.Response refused =
        new PinotHttp.Response(400, "{\"error\":\"Invalid table config\"}");

    assertThatThrownBy(() -> refused.requireOk("http://127.0.0.1:9000", "table qoe_sessions"))
        .isInstanceOf(PinotException.class)
        .hasMessage(
            "Pinot controller at http://127.0.0.1:9000 refused table qoe_sessions (HTTP 400):"
                + " {\"error\":\"Invalid table config\"}");
  }
}
