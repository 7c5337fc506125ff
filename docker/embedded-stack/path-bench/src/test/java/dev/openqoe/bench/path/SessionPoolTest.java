package dev.openqoe.bench.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionPoolTest {

  private static SessionPool pool;

  @BeforeAll
  static void script() {
    pool = SessionPool.script(300);
  }

  @Test
  void eachReplayGivesEveryBeaconOfTheBodyItsOwnSessionId() throws Exception {
    SessionPool.Session session = pool.session(7);
    SessionPool.Request request = session.requests().get(0);
    String tag = SessionPool.tag(42);

    JsonNode body =
        new ObjectMapper()
            .readTree(
                new String(
                    request.body(tag.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8));

    assertThat(body.path("events")).hasSize(request.beacons().size());
    body.path("events")
        .forEach(
            event ->
                assertThat(event.path("session_id").asText()).isEqualTo(session.sessionId(tag)));
    assertThat(session.sessionId(tag)).isEqualTo("pb00000016-0000007");
    assertThat(pool.indexOf(session.sessionId(tag))).isEqualTo(7);
  }

  @Test
  void replaysNeverRepeatAnIdAndTheTemplateIsLeftAlone() {
    SessionPool.Request request = pool.session(0).requests().get(0);
    byte[] template = request.body().clone();
    Set<String> ids = new HashSet<>();
    for (long replay = 0; replay < 50; replay++) {
      ids.add(pool.session(0).sessionId(SessionPool.tag(replay)));
      request.body(SessionPool.tag(replay).getBytes(StandardCharsets.US_ASCII));
    }

    assertThat(ids).hasSize(50);
    assertThat(request.body()).isEqualTo(template);
  }

  @Test
  void aViewerSendsAHeartbeatEveryTenSecondsAndSomeEventsBeside() {
    // Protocol v1: a heartbeat every 10 s while playing, in every state: 0.1 beacons a second,
    // plus starts, ends, stalls, switches; each request carries what was queued since the last.
    assertThat(pool.beaconsPerViewerSecond()).isBetween(0.1, 0.2);
    assertThat(pool.beaconsPerRequest()).isBetween(1.0, 2.0);
  }

  @Test
  void aTagKeepsTheIdsLength() {
    assertThat(SessionPool.tag(0)).isEqualTo("00000000");
    assertThat(SessionPool.tag(36L * 36 * 36)).isEqualTo("00001000");
    assertThatThrownBy(() -> SessionPool.tag(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsOfOtherSessionsAreNotThePools() {
    assertThat(pool.indexOf("probe-1")).isEqualTo(-1);
    assertThat(pool.indexOf("pb00000000-9999999")).isEqualTo(-1);
  }
}
