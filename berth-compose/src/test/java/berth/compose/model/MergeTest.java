package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTest {
  @TempDir Path tmp;

  private Service mergedWeb(String base, String override) {
    Fixture f = new Fixture(tmp, "app").write("base.yaml", base).write("override.yaml", override);
    return f.load("base.yaml", "override.yaml").service("web");
  }

  @Test
  void mappings_mergedKeyByKey_scalarsReplaced() {
    Service web = mergedWeb("""
        services:
          web:
            image: a
            environment: [A=1, B=2]
            labels: {x: "1"}
            user: root
        """, """
        services:
          web:
            image: b
            environment: {B: "3", C: "4"}
            labels: [y=2]
        """);
    assertThat(web.image()).isEqualTo("b");
    assertThat(web.user()).isEqualTo("root");
    assertThat(web.environment()).isEqualTo(Map.of("A", "1", "B", "3", "C", "4"));
    assertThat(web.labels()).isEqualTo(Map.of("x", "1", "y", "2"));
  }

  @Test
  void commandEntrypointAndHealthcheckTest_areReplacedNotAppended() {
    Service web = mergedWeb("""
        services:
          web:
            image: a
            command: [a, b]
            entrypoint: [x]
            healthcheck: {test: [CMD, one], retries: 3}
        """, """
        services:
          web:
            command: c
            healthcheck: {test: [CMD, two]}
        """);
    assertThat(web.command()).containsExactly("c");
    assertThat(web.entrypoint()).containsExactly("x");
    assertThat(web.healthcheck().test()).containsExactly("CMD", "two");
    assertThat(web.healthcheck().retries()).isEqualTo(3);
  }

  @Test
  void sequences_portsExposeDnsAppendedWithoutDuplicates() {
    Service web = mergedWeb("""
        services:
          web: {image: a, ports: ["80:80"], expose: ["1"], dns: [1.1.1.1], cap_add: [NET_ADMIN]}
        """, """
        services:
          web: {ports: ["80:80", "443:443"], expose: ["1", "2"], dns: 8.8.8.8, cap_add: [NET_ADMIN, SYS_TIME]}
        """);
    assertThat(web.ports()).extracting(PortConfig::target).containsExactly(80, 443);
    assertThat(web.expose()).containsExactly("1", "2");
    assertThat(web.dns()).containsExactly("1.1.1.1", "8.8.8.8");
    assertThat(web.capAdd()).containsExactly("NET_ADMIN", "SYS_TIME");
  }

  @Test
  void volumes_mergedByTarget_secretsByTarget() {
    Service web = mergedWeb("""
        services:
          web:
            image: a
            volumes: ["./a:/data", "/keep"]
            secrets: [s1, {source: s2, target: t}]
        secrets: {s1: {file: ./1}, s2: {file: ./2}, s3: {file: ./3}}
        """, """
        services:
          web:
            volumes: ["./b:/data:ro", "./c:/other"]
            secrets: [{source: s3, target: t}]
        """);
    assertThat(web.volumes()).extracting(ServiceVolume::target).containsExactly("/data", "/keep", "/other");
    assertThat(web.volumes().getFirst().source()).endsWith("/b");
    assertThat(web.volumes().getFirst().readOnly()).isTrue();
    assertThat(web.secrets()).extracting(ServiceFileRef::source).containsExactly("s1", "s3");
  }

  @Test
  void networksDependsOnAndTopLevel_merged() {
    Fixture f = new Fixture(tmp, "app");
    f.write("a.yaml", """
        services:
          web: {image: a, networks: {front: {aliases: [w]}}, depends_on: [db]}
          db: {image: d}
        networks: {front: {driver: bridge}}
        """);
    f.write("b.yaml", """
        services:
          web: {networks: [back], depends_on: {db: {condition: service_healthy}}}
          extra: {image: e}
        networks: {front: {labels: [a=b]}, back: {}}
        """);
    Project p = f.load("a.yaml", "b.yaml");
    Service web = p.services().get("web");
    assertThat(web.networks()).containsOnlyKeys("front", "back");
    assertThat(web.networks().get("front").aliases()).containsExactly("w");
    assertThat(web.dependsOn().get("db").condition()).isEqualTo(DependsOn.HEALTHY);
    assertThat(p.services()).containsOnlyKeys("web", "db", "extra");
    assertThat(p.networks().get("front").driver()).isEqualTo("bridge");
    assertThat(p.networks().get("front").labels()).containsEntry("a", "b");
    assertThat(p.configFiles()).hasSize(2);
  }

  @Test
  void logging_otherDriverReplacesOptions() {
    Service web = mergedWeb("""
        services: {web: {image: a, logging: {driver: json-file, options: {max-size: 1m}}}}
        """, """
        services: {web: {logging: {driver: syslog, options: {tag: x}}}}
        """);
    assertThat(web.logging()).isEqualTo(new Logging("syslog", Map.of("tag", "x")));
  }

  @Test
  void profilesAndExtraHosts() {
    Service web = mergedWeb("""
        services: {web: {image: a, profiles: [one], extra_hosts: {h1: 1.1.1.1}}}
        """, """
        services: {web: {profiles: [two], extra_hosts: ["h2:2.2.2.2"]}}
        """);
    assertThat(web.profiles()).isEqualTo(List.of("two"));
    assertThat(web.extraHosts()).containsOnlyKeys("h1", "h2");
  }
}
