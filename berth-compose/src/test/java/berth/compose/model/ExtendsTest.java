package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtendsTest {
  @TempDir Path tmp;

  @Test
  void extends_sameFile_mergesOverBase() {
    Project p = Fixture.yaml(tmp, """
        services:
          base:
            image: busybox
            environment: {A: "1", B: "1"}
            command: [base]
            ports: ["80"]
          web:
            extends: base
            environment: {B: "2"}
            ports: ["81"]
          deeper:
            extends: {service: web}
            command: [deeper]
        """);
    Service web = p.services().get("web");
    assertThat(web.image()).isEqualTo("busybox");
    assertThat(web.environment()).containsEntry("A", "1").containsEntry("B", "2");
    assertThat(web.command()).containsExactly("base");
    assertThat(web.ports()).extracting(PortConfig::target).containsExactly(80, 81);
    Service deeper = p.services().get("deeper");
    assertThat(deeper.command()).containsExactly("deeper");
    assertThat(deeper.environment()).containsEntry("B", "2");
    assertThat(deeper.other()).doesNotContainKey("extends");
  }

  @Test
  void extends_otherFile_pathsRelativeToThatFile() {
    Fixture f = new Fixture(tmp, "app");
    f.write("common/base.yaml", """
        services:
          svc:
            image: base
            volumes: [./data:/data]
            build: ./ctx
        """);
    f.write("compose.yaml", """
        services:
          web:
            extends: {file: common/base.yaml, service: svc}
            image: mine
        """);
    Service web = f.load().services().get("web");
    assertThat(web.image()).isEqualTo("mine");
    assertThat(web.volumes().getFirst().source()).isEqualTo(f.dir.resolve("common/data").toString());
    assertThat(web.build().context()).isEqualTo(f.dir.resolve("common/ctx").toString());
  }

  @Test
  void extends_cycle_isAnError() {
    assertThatThrownBy(() -> Fixture.yaml(tmp, """
        services:
          a: {image: x, extends: b}
          b: {image: x, extends: c}
          c: {image: x, extends: a}
        """))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageContaining("circular reference")
        .hasMessageContaining("a -> b -> c -> a");
  }

  @Test
  void extends_undefinedService_isAnError() {
    assertThatThrownBy(() -> Fixture.yaml(tmp, "services: {a: {extends: nope}}\n"))
        .hasMessageContaining("cannot extend service \"nope\"");
  }
}
