package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolatorTest {
  private static final Map<String, String> ENV = new HashMap<>();

  static {
    ENV.put("SET", "value");
    ENV.put("EMPTY", "");
    ENV.put("OTHER", "other");
  }

  private static String interpolate(String s) {
    return new Interpolator(ENV::get).interpolate(s, "services.web.image", "compose.yaml");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain|plain",
        "$SET|value",
        "${SET}|value",
        "a-${SET}-b|a-value-b",
        "$SET/x|value/x",
        "$UNSET|''",
        "${UNSET}|''",
        "${UNSET:-def}|def",
        "${EMPTY:-def}|def",
        "${EMPTY-def}|''",
        "${UNSET-def}|def",
        "${SET:-def}|value",
        "${SET:+alt}|alt",
        "${EMPTY:+alt}|''",
        "${EMPTY+alt}|alt",
        "${UNSET+alt}|''",
        "${UNSET:-${OTHER}}|other",
        "${UNSET:-${ALSO_UNSET:-deep}}|deep",
        "${UNSET:-a ${SET} b}|a value b",
        "$$SET|$SET",
        "$${SET}|${SET}",
        "cost $$5|cost $5",
        "${SET:?must be set}|value",
        "${UNSET:-}|''",
      })
  void interpolate_substitutesAsComposeDoes(String in, String out) {
    assertThat(interpolate(in)).isEqualTo(out);
  }

  @Test
  void interpolate_requiredUnset_namesVariableMessageAndPath() {
    assertThatThrownBy(() -> interpolate("${DB_PASS:?set the password}"))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageContaining("required variable DB_PASS is missing a value: set the password")
        .hasMessageContaining("services.web.image")
        .hasMessageContaining("compose.yaml");
  }

  @Test
  void interpolate_requiredEmpty_colonFormFailsPlainFormPasses() {
    assertThatThrownBy(() -> interpolate("${EMPTY:?x}")).hasMessageContaining("EMPTY");
    assertThat(interpolate("${EMPTY?x}")).isEmpty();
    assertThatThrownBy(() -> interpolate("${UNSET?x}")).hasMessageContaining("UNSET");
  }

  @ParameterizedTest
  @CsvSource({"${", "${SET", "${}", "${1A}", "$", "a $ b", "${SET:x}", "${SET:-x"})
  void interpolate_invalidFormat_isAnError(String in) {
    assertThatThrownBy(() -> interpolate(in))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageContaining("invalid interpolation format for services.web.image");
  }

  @Test
  void interpolateTree_valuesOnlyNotKeys() {
    Map<String, Object> tree = YamlReader.read("""
        services:
          $SET:
            image: ${SET}
            environment:
              $SET: $SET
            command: [echo, $SET]
        """, "f");
    new Interpolator(ENV::get).interpolateTree(tree, "f");
    Map<String, Object> svc = Tree.map(Tree.map(tree.get("services")).get("$SET"));
    assertThat(svc.get("image")).isEqualTo("value");
    assertThat(Tree.map(svc.get("environment"))).containsEntry("$SET", "value");
    assertThat(Tree.list(svc.get("command"))).containsExactly("echo", "value");
  }
}
