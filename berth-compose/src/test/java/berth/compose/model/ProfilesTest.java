package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {
  @TempDir Path tmp;
  Fixture f;

  @BeforeEach
  void files() {
    f = new Fixture(tmp, "app").write("compose.yaml", """
        services:
          web: {image: a}
          debug: {image: a, profiles: [debug]}
          tools: {image: a, profiles: [tools], depends_on: [helper]}
          helper: {image: a, profiles: [helper]}
          all: {image: a, profiles: [debug, tools]}
        """);
  }

  @Test
  void noProfile_onlyUnprofiledServices() {
    Project p = f.load();
    assertThat(p.services()).containsOnlyKeys("web");
    assertThat(p.disabledServices()).containsOnlyKeys("debug", "tools", "helper", "all");
    assertThat(p.service("debug")).isNotNull();
  }

  @Test
  void enabledProfile_fromOptionsOrEnvironment() {
    assertThat(ComposeLoader.load(f.options().withProfiles(List.of("debug"))).services()).containsOnlyKeys("web", "debug", "all");
    assertThat(f.env(Map.of("COMPOSE_PROFILES", "debug, helper")).load().services()).containsOnlyKeys("web", "debug", "helper", "all");
    assertThat(ComposeLoader.load(f.options().withProfiles(List.of("*"))).services()).hasSize(5);
  }

  @Test
  void targetedService_activatesItAndItsDependencies() {
    Project p = ComposeLoader.load(f.options().withServices(List.of("tools")));
    assertThat(p.services()).containsOnlyKeys("web", "tools", "helper");
    // through an always-active service to a profiled one
    f.write("compose.yaml", """
        services:
          front: {image: a, profiles: [front], depends_on: [plain]}
          plain: {image: a, depends_on: [deep]}
          deep: {image: a, profiles: [deep]}
        """);
    assertThat(ComposeLoader.load(f.options().withServices(List.of("front"))).services()).containsOnlyKeys("front", "plain", "deep");
    assertThatThrownBy(() -> ComposeLoader.load(f.options().withServices(List.of("nope")))).hasMessageContaining("no such service: nope");
  }

  @Test
  void activeServiceDependingOnDisabledOne_isAnError() {
    assertThatThrownBy(() -> ComposeLoader.load(f.options().withProfiles(List.of("tools"))))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageContaining("service \"tools\" depends on service \"helper\", which is disabled");
  }
}
