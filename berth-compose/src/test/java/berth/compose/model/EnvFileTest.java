package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {
  @Test
  void parse_handlesQuotesCommentsExportAndBareNames() {
    Map<String, String> env = EnvFile.parse("""
        # a comment
        A=1
        export B=two words
        C='single $A literal'
        D="double\\nline $A"
        E=value # trailing comment
        F=
        FROM_OUTSIDE
        MISSING
        G=${A}-${OUTSIDE:-x}
        H="multi
        line"
        """, ".env", Map.of("FROM_OUTSIDE", "out")::get);
    assertThat(env)
        .containsEntry("A", "1")
        .containsEntry("B", "two words")
        .containsEntry("C", "single $A literal")
        .containsEntry("D", "double\nline 1")
        .containsEntry("E", "value")
        .containsEntry("F", "")
        .containsEntry("FROM_OUTSIDE", "out")
        .containsEntry("MISSING", null)
        .containsEntry("G", "1-x")
        .containsEntry("H", "multi\nline");
  }

  @Test
  void parse_badName_namesLine() {
    assertThatThrownBy(() -> EnvFile.parse("OK=1\n1BAD=2\n", "x.env", k -> null))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageContaining("x.env:2")
        .hasMessageContaining("1BAD");
  }
}
