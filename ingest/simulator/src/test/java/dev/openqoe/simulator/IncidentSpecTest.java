package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentSpecTest {

  @Test
  void readsKindScopeStartAndDuration() {
    Incident incident = Incident.parse("cdn-degraded:cdn=fastly,country=BR@5m+10m");

    assertThat(incident.kind()).isEqualTo(IncidentKind.CDN_DEGRADED);
    assertThat(incident.scope())
        .containsExactly(Map.entry("cdn", "fastly"), Map.entry("country", "BR"));
    assertThat(incident.bitrateKbps()).isNull();
    assertThat(incident.start()).isEqualTo(Duration.ofMinutes(5));
    assertThat(incident.duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(incident.spec()).isEqualTo("cdn-degraded:cdn=fastly,country=BR@5m+10m");
  }

  @Test
  void aBadRenditionKeepsItsBitrateApartFromTheScope() {
    Incident incident = Incident.parse("bad-rendition:asset_id=movie-1042,bitrate=8000@90s+1h");

    assertThat(incident.scope()).containsExactly(Map.entry("asset_id", "movie-1042"));
    assertThat(incident.bitrateKbps()).isEqualTo(8000);
    assertThat(incident.spec()).isEqualTo("bad-rendition:asset_id=movie-1042,bitrate=8000@90s+1h");
  }

  @Test
  void aBrokenTranscodeNamesItsAssetAndRenditionAndHitsEverySessionOfTheAsset() {
    Incident incident = Incident.parse("transcode-broken:asset=movie-1042,rendition=4500@5m+20m");

    assertThat(incident.kind()).isEqualTo(IncidentKind.TRANSCODE_BROKEN);
    assertThat(incident.scope()).containsExactly(Map.entry("asset_id", "movie-1042"));
    assertThat(incident.bitrateKbps()).isEqualTo(4500);
    assertThat(incident.rendition()).isEqualTo("4500k");
    assertThat(incident.spec())
        .isEqualTo("transcode-broken:asset=movie-1042,rendition=4500k@5m+20m");
    assertThat(Incident.parse(incident.spec())).isEqualTo(incident);
  }

  @Test
  void aPlayerBugNamesTheSessionDimensionsOfItsSlice() {
    Incident incident = Incident.parse("player-bug:player_version=1.4.1@5m+20m");

    assertThat(SessionPlan.DIMENSIONS).contains("player_version");
    assertThat(incident.kind()).isEqualTo(IncidentKind.PLAYER_BUG);
    assertThat(incident.scope()).containsExactly(Map.entry("player_version", "1.4.1"));
    assertThat(incident.bitrateKbps()).isNull();
    assertThat(incident.spec()).isEqualTo("player-bug:player_version=1.4.1@5m+20m");
    assertThat(Incident.parse("player-bug:player_name=exoplayer,os=Android@0s+1h").scope())
        .containsExactly(Map.entry("player_name", "exoplayer"), Map.entry("os", "Android"));
  }

  @Test
  void aScopeIsOptional() {
    Incident incident = Incident.parse("drm-outage@0+PT30S");

    assertThat(incident.scope()).isEmpty();
    assertThat(incident.spec()).isEqualTo("drm-outage@0s+30s");
  }

  @Test
  void isActiveFromItsStartUntilJustBeforeItsEnd() {
    Incident incident = Incident.parse("drm-outage:drm_system=widevine@1m+2m");

    assertThat(incident.activeAt(59_999)).isFalse();
    assertThat(incident.activeAt(60_000)).isTrue();
    assertThat(incident.activeAt(179_999)).isTrue();
    assertThat(incident.activeAt(180_000)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cdn-degraded:cdn=fastly|no '@start+duration'",
        "cdn-slow:cdn=fastly@1m+1m|unknown kind 'cdn-slow' (known: cdn-degraded, drm-outage, bad-rendition, transcode-broken, player-bug)",
        "cdn-degraded:region=BR@1m+1m|unknown dimension 'region'",
        "cdn-degraded:cdn=fastly,bitrate=800@1m+1m|unknown dimension 'bitrate'",
        "cdn-degraded:cdn@1m+1m|'cdn' is not dimension=value",
        "cdn-degraded:cdn=@1m+1m|dimension 'cdn' has no value",
        "cdn-degraded:cdn=a,cdn=b@1m+1m|dimension 'cdn' is given twice",
        "cdn-degraded:cdn=fastly@5m|no '+duration' after the start '5m'",
        "cdn-degraded:cdn=fastly@soon+1m|the start 'soon' is not a duration",
        "cdn-degraded:cdn=fastly@1m+0s|the duration is 0",
        "bad-rendition:asset_id=movie-1042@1m+1m|bad-rendition needs bitrate",
        "bad-rendition:bitrate=800@1m+1m|bad-rendition needs asset_id",
        "bad-rendition:asset_id=a,bitrate=high@1m+1m|bitrate must be a rendition's kbps, a positive integer, got 'high'",
        "transcode-broken:asset=movie-1042@1m+1m|transcode-broken needs rendition",
        "transcode-broken:asset=movie-1042,rendition=4500k,cdn=fastly@1m+1m|unknown dimension 'cdn' (known: asset, rendition)",
        "transcode-broken:asset=movie-1042,rendition=hd@1m+1m|rendition must be a rendition's kbps, a positive integer (4500 or 4500k), got 'hd'",
        "player-bug@1m+1m|player-bug needs at least one dimension, usually player_version (known: cdn, country, asn, asset_id, stream_type, device_type, os, player_name, player_version, app_version, drm_system)",
        "player-bug:version=1.4.1@1m+1m|unknown dimension 'version' (known: cdn, country, asn, asset_id, stream_type, device_type, os, player_name, player_version, app_version, drm_system)",
        "player-bug:player_version=1.4.1,bitrate=800@1m+1m|unknown dimension 'bitrate'"
      })
  void saysWhatIsWrongAndShowsTheSyntax(String spec, String problem) {
    assertThatThrownBy(() -> Incident.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("incident '" + spec + "': ")
        .hasMessageContaining(problem)
        .hasMessageContaining("Syntax: kind[:dimension=value,...]@start+duration");
  }
}
