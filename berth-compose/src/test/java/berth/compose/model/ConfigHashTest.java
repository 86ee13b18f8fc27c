package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigHashTest {
  @TempDir Path tmp;

  private String hash(String serviceYaml) {
    return ConfigHash.of(Fixture.yaml(tmp, "services:\n  web:\n" + serviceYaml.indent(4) + "  db: {image: d}\n").service("web"));
  }

  private static final String BASE = """
      image: busybox
      command: [httpd, -f]
      environment: {A: "1", B: "2"}
      ports: ["8080:80"]
      """;

  @Test
  void hash_isStableAcrossLoadsAndKeyOrder() {
    String h = hash(BASE);
    assertThat(h).hasSize(64).matches("[0-9a-f]+");
    assertThat(hash(BASE)).isEqualTo(h);
    assertThat(hash("""
        ports: ["8080:80"]
        environment: [B=2, A=1]
        command: httpd -f
        image: busybox
        """)).isEqualTo(h);
  }

  @Test
  void hash_changesWithConfiguration() {
    String h = hash(BASE);
    assertThat(hash(BASE.replace("busybox", "busybox:1.36"))).isNotEqualTo(h);
    assertThat(hash(BASE.replace("\"2\"", "\"3\""))).isNotEqualTo(h);
    assertThat(hash(BASE.replace("8080:80", "8081:80"))).isNotEqualTo(h);
    assertThat(hash(BASE.replace("[httpd, -f]", "[httpd, -f, -v]"))).isNotEqualTo(h);
    assertThat(hash(BASE + "volumes: [/data]\n")).isNotEqualTo(h);
    assertThat(hash(BASE + "healthcheck: {test: [CMD, \"true\"]}\n")).isNotEqualTo(h);
  }

  @Test
  void hash_ignoresScaleReplicasDependsOnBuildPullPolicyProfiles() {
    String h = hash(BASE);
    assertThat(hash(BASE + "scale: 3\n")).isEqualTo(h);
    assertThat(hash(BASE + "deploy: {replicas: 3}\n")).isEqualTo(h);
    assertThat(hash(BASE + "depends_on: [db]\n")).isEqualTo(h);
    assertThat(hash(BASE + "pull_policy: always\n")).isEqualTo(h);
    assertThat(hash(BASE + "build: .\n")).isEqualTo(h);
    assertThat(hash(BASE + "deploy: {replicas: 3, resources: {limits: {memory: 1g}}}\n")).isNotEqualTo(h);
  }
}
