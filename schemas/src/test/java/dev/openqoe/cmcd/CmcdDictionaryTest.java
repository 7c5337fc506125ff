package dev.openqoe.cmcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CmcdDictionaryTest {

  @Test
  void readsEveryValueTypeCmcdUses() throws Exception {
    // The README example of @svta/cml-cmcd, plus a token, a decimal and a boolean false.
    Map<String, Object> report =
        CmcdDictionary.parse(
            "br=1000,com.example-hello=\"world\",ec=(\"ERR001\" \"ERR002\"),su,v=2,st=v,pr=1.25,bs=?0");

    assertThat(report)
        .containsEntry("br", 1000L)
        .containsEntry("com.example-hello", "world")
        .containsEntry("ec", List.of("ERR001", "ERR002"))
        .containsEntry("su", true)
        .containsEntry("v", 2L)
        .containsEntry("st", new CmcdToken("v"))
        .containsEntry("pr", 1.25)
        .containsEntry("bs", false);
  }

  @Test
  void readsEscapesParametersAndWhitespace() throws Exception {
    assertThat(CmcdDictionary.parse("cid=\"a\\\"b\\\\c\";x=1, br=(3200;q 4000)  ,  v=2"))
        .containsEntry("cid", "a\"b\\c")
        .containsEntry("br", List.of(new CmcdItem(3200L, Map.of("q", true)), 4000L))
        .containsEntry("v", 2L);
    assertThat(CmcdDictionary.parse("")).isEmpty();
  }

  @Test
  void readsATokenBareOrAsTheFirstItemOfAnInnerList() throws Exception {
    Map<String, Object> report = CmcdDictionary.parse("ot=v,e=(ps;x t),br=(800;v),sid=\"v\"");

    assertThat(CmcdToken.textOf(report.get("ot"))).isEqualTo("v");
    assertThat(CmcdToken.textOf(report.get("e"))).isEqualTo("ps");
    assertThat(CmcdToken.textOf(report.get("br"))).isNull();
    assertThat(CmcdToken.textOf(report.get("sid"))).as("a string is no token").isNull();
    assertThat(CmcdItem.bare(((List<?>) report.get("br")).get(0))).isEqualTo(800L);
  }

  @Test
  void rejectsMalformedPayloadsWithThePosition() {
    assertThatThrownBy(() -> CmcdDictionary.parse("sid=\"unterminated"))
        .isInstanceOf(CmcdSyntaxException.class)
        .hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> CmcdDictionary.parse("Br=1")).hasMessageContaining("character 1");
    assertThatThrownBy(() -> CmcdDictionary.parse("br=1,")).hasMessageContaining("trailing comma");
    assertThatThrownBy(() -> CmcdDictionary.parse("br=12345678901234567"))
        .hasMessageContaining("at most 15 digits");
    assertThatThrownBy(() -> CmcdDictionary.parse("br=(1 2"))
        .isInstanceOf(CmcdSyntaxException.class);
    assertThatThrownBy(() -> CmcdDictionary.parse("cid=\"caf\u00e9\""))
        .hasMessageContaining("printable ASCII");
  }
}
