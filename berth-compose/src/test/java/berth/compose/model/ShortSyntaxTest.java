package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShortSyntaxTest {
  @Test
  void ports_rangeWithHostIpAndProtocol_expandsPerPort() {
    List<Map<String, Object>> ports = PortSyntax.parse("127.0.0.1:8080-8081:80-81/udp", "p");
    assertThat(ports).hasSize(2);
    assertThat(ports.get(0)).containsEntry("host_ip", "127.0.0.1").containsEntry("target", 80L)
        .containsEntry("published", "8080").containsEntry("protocol", "udp");
    assertThat(ports.get(1)).containsEntry("target", 81L).containsEntry("published", "8081");
  }

  @Test
  void ports_otherForms() {
    assertThat(PortSyntax.parse("80", "p")).singleElement().satisfies(m -> {
      assertThat(m).containsEntry("target", 80L).containsEntry("protocol", "tcp").doesNotContainKey("published");
    });
    assertThat(PortSyntax.parse("8080:80", "p").getFirst()).containsEntry("published", "8080").doesNotContainKey("host_ip");
    assertThat(PortSyntax.parse("127.0.0.1::80", "p").getFirst()).containsEntry("host_ip", "127.0.0.1").doesNotContainKey("published");
    assertThat(PortSyntax.parse("[::1]:8080:80", "p").getFirst()).containsEntry("host_ip", "::1").containsEntry("published", "8080");
    assertThat(PortSyntax.parse("8000-8010:80", "p")).singleElement().satisfies(m -> assertThat(m).containsEntry("published", "8000-8010"));
    assertThat(PortSyntax.parse("3000-3002", "p")).hasSize(3);
  }

  @ParameterizedTest
  @CsvSource({"abc", "80:abc", "70000", "8080-8082:80-81", "/tcp", "81-80"})
  void ports_invalid_isAnErrorNamingPath(String spec) {
    assertThatThrownBy(() -> PortSyntax.parse(spec, "services.web.ports[0]"))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageContaining("services.web.ports[0]: invalid port");
  }

  @Test
  void volumes_shortForms() {
    assertThat(VolumeSyntax.parse("/data", "v")).isEqualTo(Map.of("type", "volume", "target", "/data"));
    assertThat(VolumeSyntax.parse("./data:/data:ro", "v"))
        .containsEntry("type", "bind").containsEntry("source", "./data").containsEntry("read_only", true)
        .containsEntry("bind", Map.of("create_host_path", true));
    assertThat(VolumeSyntax.parse("db:/var/lib/db:nocopy", "v"))
        .containsEntry("type", "volume").containsEntry("source", "db").containsEntry("volume", Map.of("nocopy", true));
    assertThat(VolumeSyntax.parse("~/x:/x:rw,z,rshared", "v"))
        .containsEntry("bind", Map.of("create_host_path", true, "selinux", "z", "propagation", "rshared"))
        .doesNotContainKey("read_only");
    assertThatThrownBy(() -> VolumeSyntax.parse("a:/b:bogus", "services.x.volumes[1]"))
        .hasMessageContaining("services.x.volumes[1]").hasMessageContaining("bogus");
    assertThatThrownBy(() -> VolumeSyntax.parse("a:b:c:d", "v")).isInstanceOf(ComposeFileException.class);
  }

  @ParameterizedTest
  @CsvSource({"1m30s,PT1M30S", "10s,PT10S", "500ms,PT0.5S", "1h,PT1H", "1.5s,PT1.5S", "0,PT0S", "2h45m,PT2H45M", "100us,PT0.0001S"})
  void durations_goSyntax(String in, String iso) {
    assertThat(Units.duration(in, "x")).isEqualTo(Duration.parse(iso));
    assertThat(Units.duration(Units.format(Duration.parse(iso)), "x")).isEqualTo(Duration.parse(iso));
  }

  @Test
  void durations_formatLikeGo_andRejectGarbage() {
    assertThat(Units.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Units.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(Units.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThatThrownBy(() -> Units.duration("10", "services.web.healthcheck.interval"))
        .hasMessageContaining("services.web.healthcheck.interval").hasMessageContaining("invalid duration");
    assertThatThrownBy(() -> Units.duration("1x", "p")).isInstanceOf(ComposeFileException.class);
  }

  @ParameterizedTest
  @CsvSource({"512m,536870912", "1g,1073741824", "1gb,1073741824", "100k,102400", "1024,1024", "1.5g,1610612736", "64M,67108864", "2b,2"})
  void sizes_binaryUnits(String in, long bytes) {
    assertThat(Units.bytes(in, "x")).isEqualTo(bytes);
  }

  @Test
  void sizes_garbageIsAnError() {
    assertThatThrownBy(() -> Units.bytes("lots", "services.web.mem_limit")).hasMessageContaining("services.web.mem_limit");
  }

  @Test
  void shellWords_splitLikeAShell() {
    assertThat(ShellWords.split("sh -c 'echo \"hi there\"' a\\ b \"x y\"", "c"))
        .containsExactly("sh", "-c", "echo \"hi there\"", "a b", "x y");
    assertThat(ShellWords.split("", "c")).isEmpty();
    assertThatThrownBy(() -> ShellWords.split("echo 'oops", "services.a.command")).hasMessageContaining("services.a.command");
  }

  @Test
  void yaml_usesCore12Schema_sexagesimalAndYesStayStrings() {
    Map<String, Object> t = YamlReader.read("a: 22:22\nb: yes\nc: 0x10\nd: 1.5\ne: ~\nf: true\ng: 2024-01-01\n", "f");
    assertThat(t).containsEntry("a", "22:22").containsEntry("b", "yes").containsEntry("c", 16L)
        .containsEntry("d", 1.5).containsEntry("e", null).containsEntry("f", true).containsEntry("g", "2024-01-01");
  }

  @Test
  void yaml_anchorsAndMergeKeys() {
    Map<String, Object> t = YamlReader.read("x-base: &base {image: a, tty: true}\nservices:\n  s:\n    <<: *base\n    image: b\n", "f");
    assertThat(Tree.map(Tree.map(t.get("services")).get("s"))).containsEntry("image", "b").containsEntry("tty", true);
  }

  @Test
  void yaml_duplicateKeysAndBadYamlAreErrors() {
    assertThatThrownBy(() -> YamlReader.read("a: 1\na: 2\n", "dup.yaml")).hasMessageContaining("dup.yaml");
    assertThatThrownBy(() -> YamlReader.read("a: [\n", "bad.yaml")).hasMessageContaining("bad.yaml: invalid YAML");
    assertThatThrownBy(() -> YamlReader.read("- a\n", "list.yaml")).hasMessageContaining("mapping");
  }
}
