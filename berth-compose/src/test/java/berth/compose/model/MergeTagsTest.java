package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker compose's {@code !reset} and {@code !override} tags. */
class MergeTagsTest {
  @TempDir Path tmp;

  @Test
  void reset_inExtends_removesTheBaseValue() {
    Project p = Fixture.yaml(tmp, """
        services:
          init: {image: alpine, command: sleep infinity, ports: ["80"]}
          base:
            extends: {service: init}
            command: !reset
            ports: !reset []
        """);
    assertThat(p.services().get("base").command()).isNull();
    assertThat(p.services().get("base").ports()).isEmpty();
    assertThat(p.services().get("init").command()).containsExactly("sleep", "infinity");
  }

  @Test
  void resetAndOverride_inAnOverrideFile() {
    Fixture f = new Fixture(tmp, "app");
    f.write("a.yaml", """
        services:
          web:
            image: a
            ports: ["80:80"]
            environment: {A: "1", B: "2"}
            user: root
        """);
    f.write("b.yaml", """
        services:
          web:
            ports: !override ["8080:80"]
            environment: !override {C: "3"}
            user: !reset null
        """);
    Service web = f.load("a.yaml", "b.yaml").services().get("web");
    assertThat(web.ports()).extracting(PortConfig::published).containsExactly("8080");
    assertThat(web.environment()).isEqualTo(Map.of("C", "3"));
    assertThat(web.user()).isNull();
  }

  @Test
  void tagsOnListItems_areAnError() {
    assertThatThrownBy(() -> Fixture.yaml(tmp, "services: {web: {image: a, ports: [!reset 80]}}\n"))
        .hasMessageContaining("services.web.ports[0]: !reset and !override apply to keys");
  }

  @Test
  void extendsAcrossFilesNeedsFile_asInDockerCompose() {
    Fixture f = new Fixture(tmp, "app");
    f.write("a.yaml", "services: {base: {image: a}}\n");
    f.write("b.yaml", "services: {web: {extends: base}}\n");
    assertThatThrownBy(() -> f.load("a.yaml", "b.yaml")).hasMessageContaining("cannot extend service \"base\"");
  }

  @Test
  void emptyServiceEntry_isAnEmptyMapping() {
    Fixture f = new Fixture(tmp, "app");
    f.write("a.yaml", "services: {web: {image: a}}\n").write("b.yaml", "services:\n  web:\n");
    assertThat(f.load("a.yaml", "b.yaml").services().get("web").image()).isEqualTo("a");
  }
}
