package dev.openqoe.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes of a JSON feed's record, read through the DRM form: what each element became. */
class JsonRecordTest {

  private static final String GRANTED =
      "{\"time\": 1, \"drm_system\": \"widevine\", \"outcome\": \"granted\"}";
  private static final String DENIED =
      "{\"time\": 2, \"drm_system\": \"playready\", \"outcome\": \"denied\"}";

  @Test
  void anArrayIsOneInputPerElementAndABadElementHidesNoneAroundIt() {
    List<OpsInput> read = DrmLicenseLog.read("[" + GRANTED + ", 42, " + DENIED + "]");

    assertThat(read)
        .extracting(JsonRecordTest::outcome)
        .containsExactly("granted", "a DRM license event is a JSON object, got number", "denied");
    assertThat(((OpsInput.Valid) read.get(0)).raw()).isEqualTo(GRANTED);
    assertThat(((OpsInput.Invalid) read.get(1)).raw()).isEqualTo("42");
  }

  @Test
  void ndjsonIsOneInputPerLineAndATruncatedLineIsRefusedAlone() {
    String truncated = "{\"time\": 3, \"drm_system\": \"widev";

    List<OpsInput> read = DrmLicenseLog.read(GRANTED + "\n" + truncated + "\n\n" + DENIED + "\n");

    assertThat(read).hasSize(3);
    assertThat(outcome(read.get(0))).isEqualTo("granted");
    assertThat(outcome(read.get(1))).startsWith("not JSON: Unexpected end-of-input");
    assertThat(((OpsInput.Invalid) read.get(1)).raw()).isEqualTo(truncated);
    assertThat(outcome(read.get(2))).isEqualTo("denied");
  }

  @Test
  void aPrettyPrintedObjectIsOneEventWithItsTextAsReceived() {
    String pretty =
        "{\n  \"time\": 1,\n  \"drm_system\": \"widevine\",\n  \"outcome\": \"granted\"\n}\n";

    List<OpsInput> read = DrmLicenseLog.read(pretty);

    assertThat(read).extracting(JsonRecordTest::outcome).containsExactly("granted");
    assertThat(((OpsInput.Valid) read.get(0)).raw()).isEqualTo(pretty);
  }

  @Test
  void aBrokenPrettyPrintedObjectIsOneRefusalNotOnePerLine() {
    String broken = "{\n  \"time\": 1,\n  \"drm_system\": \"widevine\",\n";

    List<OpsInput> read = DrmLicenseLog.read(broken);

    assertThat(read).hasSize(1);
    assertThat(outcome(read.get(0))).startsWith("not JSON: Unexpected end-of-input");
    assertThat(((OpsInput.Invalid) read.get(0)).raw()).isEqualTo(broken);
  }

  @Test
  void aTruncatedArrayKeepsItsCompleteElementsAndRefusesTheRest() {
    List<OpsInput> read =
        DrmLicenseLog.read("[" + GRANTED + ", " + DENIED + ", {\"time\": 4, \"dr");

    assertThat(read).hasSize(3);
    assertThat(read.subList(0, 2))
        .extracting(JsonRecordTest::outcome)
        .containsExactly("granted", "denied");
    assertThat(((OpsInput.Invalid) read.get(2)).raw()).isEqualTo("{\"time\": 4, \"dr");
    assertThat(outcome(read.get(2))).startsWith("not JSON");
  }

  @Test
  void anEmptyArrayTextAfterAnArrayAndAnOversizedElementAreRefused() {
    String huge =
        "{\"time\": 1, \"drm_system\": \"widevine\", \"outcome\": \"granted\", \"region\": \""
            + "x".repeat(70_000)
            + "\"}";

    assertThat(DrmLicenseLog.read(" [ ] "))
        .extracting(JsonRecordTest::outcome)
        .containsExactly("an empty JSON array: nothing to read");
    assertThat(DrmLicenseLog.read("[" + GRANTED + "] {}"))
        .extracting(JsonRecordTest::outcome)
        .containsExactly(
            "granted",
            "text after the closing ']' of the array: a record is one array, one object, or one"
                + " object per line");
    assertThat(DrmLicenseLog.read("[" + huge + "," + DENIED + "]"))
        .extracting(JsonRecordTest::outcome)
        .containsExactly(
            "a DRM license event of " + huge.length() + " characters; at most 65536 are read",
            "denied");
  }

  @Test
  void aRecordOfWhitespaceIsEmpty() {
    assertThat(DrmLicenseLog.read(" \n "))
        .extracting(input -> tuple(input.getClass(), outcome(input)))
        .containsExactly(tuple(OpsInput.Invalid.class, "an empty record"));
  }

  /** A license's outcome, or the refusal's reason. */
  private static String outcome(OpsInput input) {
    return input instanceof OpsInput.Valid valid
        ? valid.event().license().outcome()
        : ((OpsInput.Invalid) input).reason();
  }
}
