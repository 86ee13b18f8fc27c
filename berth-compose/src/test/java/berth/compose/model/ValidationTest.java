package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid files: each error names the file and the key path, and says what was expected. */
class ValidationTest {
  @TempDir Path tmp;

  private String error(String yaml) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Fixture.yaml(tmp, yaml));
    assertThat(t).isInstanceOf(ComposeFileException.class);
    return t.getMessage();
  }

  @Test
  void unknownServiceKey() {
    assertThat(error("services: {web: {image: a, imagee: b}}\n"))
        .contains("compose.yaml")
        .contains("services.web: additional property 'imagee' is not allowed");
  }

  @Test
  void unknownTopLevelKey() {
    assertThat(error("servics: {web: {image: a}}\n")).contains("additional property 'servics' is not allowed");
  }

  @Test
  void wrongTypeForPortItem() {
    assertThat(error("services: {web: {image: a, ports: [[80]]}}\n"))
        .contains("services.web.ports[0]: must be a number, string or mapping");
  }

  @Test
  void wrongTypeForScalar() {
    assertThat(error("services: {web: {image: [a]}}\n")).contains("services.web.image: must be a string");
    assertThat(error("services: {web: {image: a, privileged: [x]}}\n")).contains("services.web.privileged: must be a boolean or string");
  }

  @Test
  void unknownKeyInLongFormPort_reportsThatBranch() {
    assertThat(error("services: {web: {image: a, ports: [{target: 80, publish: 8080}]}}\n"))
        .contains("services.web.ports[0]: additional property 'publish' is not allowed");
  }

  @Test
  void enumViolation() {
    assertThat(error("services: {web: {image: a, depends_on: {db: {condition: started}}}, db: {image: b}}\n"))
        .contains("services.web.depends_on.db.condition: must be one of");
  }

  @Test
  void badPortString_namesPath() {
    assertThat(error("services: {web: {image: a, ports: [\"80:http\"]}}\n"))
        .contains("services.web.ports[0]: invalid port \"80:http\"");
  }

  @Test
  void duplicateItems() {
    assertThat(error("services: {web: {image: a, cap_add: [A, A]}}\n")).contains("services.web.cap_add[1]: duplicate item");
  }

  @Test
  void badServiceName() {
    assertThat(error("services: {\"we b\": {image: a}}\n")).contains("services: additional property 'we b' is not allowed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "services: {web: {image: a, depends_on: [db]}}|service \"web\" depends on undefined service \"db\"",
        "services: {web: {image: a, networks: [front]}}|service \"web\" refers to undefined network \"front\"",
        "services: {web: {image: a, volumes: [\"data:/data\"]}}|service \"web\" refers to undefined volume \"data\"",
        "services: {web: {image: a, secrets: [s]}}|service \"web\" refers to undefined secret \"s\"",
        "services: {web: {image: a, configs: [c]}}|service \"web\" refers to undefined config \"c\"",
        "services: {web: {image: a}, x: {restart: always}}|service \"x\" has neither an image nor a build context",
        "services: {a: {image: x, depends_on: [b]}, b: {image: x, depends_on: [c]}, c: {image: x, depends_on: [a]}}|dependency cycle detected: a -> b -> c -> a",
        "{services: {a: {image: x, network_mode: host, networks: [n]}}, networks: {n: {}}}|mutually exclusive",
        "services: {a: {image: x, network_mode: \"service:b\"}}|network_mode refers to undefined service \"b\"",
        "services: {a: {image: x, scale: 2, deploy: {replicas: 3}}}|scale (2) and deploy.replicas (3) differ",
        "services: {a: {image: x, mem_limit: lots}}|services.a.mem_limit: invalid size",
        "services: {a: {image: x, healthcheck: {interval: 10}}}|services.a.healthcheck.interval",
        "services: {a: {image: x, volumes: [{type: bind, target: /x}]}}|service \"a\" has a bind mount on /x without a source path",
        "services: {a: {image: x, ports: [{target: http}]}}|services.a.ports[0].target: invalid port \"http\"",
        "services: {a: {image: x, volumes: [\"a:b:c:d\"]}}|services.a.volumes[0]: invalid volume",
      })
  void semanticErrors(String yaml, String message) {
    assertThat(error(yaml + "\n")).contains(message);
  }

  @Test
  void optionalDependencyOnUndefinedService_isAllowed() {
    Project p = Fixture.yaml(tmp, "services: {web: {image: a, depends_on: {db: {condition: service_started, required: false}}}}\n");
    assertThat(p.services().get("web").dependsOn().get("db").required()).isFalse();
  }

  @Test
  void validationHappensOnTheInterpolatedTree() {
    Fixture f = new Fixture(tmp, "app").env(java.util.Map.of("P", "true"));
    f.write("compose.yaml", "services: {web: {image: a, privileged: \"${P}\"}}\n");
    assertThat(f.load().services().get("web").privileged()).isTrue();
  }

  @Test
  void overrideFileErrors_nameThatFile() {
    Fixture f = new Fixture(tmp, "app").write("a.yaml", "services: {web: {image: a}}\n").write("b.yaml", "services: {web: {imagee: b}}\n");
    assertThatThrownBy(() -> f.load("a.yaml", "b.yaml")).hasMessageContaining("b.yaml: services.web: additional property 'imagee'");
  }
}
