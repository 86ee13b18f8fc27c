package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarningsTest {
  @TempDir Path tmp;

  @Test
  void warnings_unsetVariableObsoleteVersionAndSeveralDefaultFiles() {
    Fixture f = new Fixture(tmp, "app");
    f.write("compose.yaml", "version: \"3.8\"\nservices: {s: {image: \"a${TAG}\", environment: [\"X=${TAG}\", \"Y=${OTHER:-d}\"]}}\n");
    f.write("docker-compose.yml", "services: {old: {image: a}}\n");
    List<String> warnings = new ArrayList<>();
    Project p = ComposeLoader.load(f.options(), warnings::add);
    assertThat(p.services().get("s").image()).isEqualTo("a");
    assertThat(warnings).anyMatch(w -> w.contains("Found multiple config files") && w.contains("using compose.yaml"));
    assertThat(warnings).anyMatch(w -> w.contains("`version` is obsolete"));
    assertThat(warnings).filteredOn(w -> w.contains("variable is not set"))
        .containsExactly("The \"TAG\" variable is not set. Defaulting to a blank string.");
  }

  @Test
  void noWarnings_forACleanFile() {
    List<String> warnings = new ArrayList<>();
    ComposeLoader.load(new Fixture(tmp, "app").write("compose.yaml", "services: {s: {image: a}}\n").options(), warnings::add);
    assertThat(warnings).isEmpty();
  }
}
