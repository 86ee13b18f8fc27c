package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {
  @TempDir Path tmp;

  @Test
  void include_importsResources_withTheirOwnDirectoryAndEnv() {
    Fixture f = new Fixture(tmp, "app");
    f.write("db/compose.yaml", "services: {db: {image: \"pg:${PGV}\", volumes: [./init:/init]}}\n");
    f.write("db/.env", "PGV=16\n");
    f.write("compose.yaml", "include: [db/compose.yaml]\nservices: {web: {image: a, depends_on: [db]}}\n");
    Project p = f.load();
    assertThat(p.services()).containsOnlyKeys("web", "db");
    assertThat(p.services().get("db").image()).isEqualTo("pg:16");
    assertThat(p.services().get("db").volumes().getFirst().source()).isEqualTo(f.dir.resolve("db/init").toString());
    assertThat(p.name()).isEqualTo("app");
  }

  @Test
  void include_conflictingService_isAnError() {
    Fixture f = new Fixture(tmp, "app");
    f.write("other.yaml", "services: {web: {image: b}}\n");
    f.write("compose.yaml", "include: [{path: other.yaml}]\nservices: {web: {image: a}}\n");
    assertThatThrownBy(f::load).hasMessageContaining("defines conflicting services \"web\"");
  }

  @Test
  void include_cycle_isAnError() {
    Fixture f = new Fixture(tmp, "app");
    f.write("a.yaml", "include: [b.yaml]\nservices: {a: {image: a}}\n");
    f.write("b.yaml", "include: [a.yaml]\nservices: {b: {image: b}}\n");
    assertThatThrownBy(() -> f.load("a.yaml")).hasMessageContaining("include cycle");
  }

  @Test
  void implicitDefaultNetwork_onlyWhenAnActiveServiceUsesIt() {
    Fixture f = new Fixture(tmp, "app").write("compose.yaml", """
        services:
          web: {image: a, networks: [front]}
          dbg: {image: a, profiles: [debug]}
        networks: {front: {}}
        """);
    assertThat(f.load().networks()).containsOnlyKeys("front");
    assertThat(ComposeLoader.load(f.options().withProfiles(java.util.List.of("debug"))).networks()).containsOnlyKeys("front", "default");
  }

  @Test
  void externalWithDriver_isAnError() {
    assertThatThrownBy(() -> Fixture.yaml(tmp, "services: {a: {image: x}}\nnetworks: {n: {external: true, driver: bridge}}\n"))
        .hasMessageContaining("networks.n: conflicting parameters \"external\"");
  }
}
