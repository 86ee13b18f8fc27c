package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectNameTest {
  @TempDir Path tmp;

  @Test
  void precedence_flagThenEnvThenFileThenDirectory() {
    Fixture f = new Fixture(tmp, "My.Dir_1").write("compose.yaml", "name: fromfile\nservices: {s: {image: a}}\n");
    assertThat(ComposeLoader.load(f.options().withProjectName("flag")).name()).isEqualTo("flag");
    assertThat(f.env(Map.of("COMPOSE_PROJECT_NAME", "fromenv")).load().name()).isEqualTo("fromenv");
    assertThat(f.env(Map.of()).load().name()).isEqualTo("fromfile");
    f.write("compose.yaml", "services: {s: {image: a}}\n");
    assertThat(f.load().name()).isEqualTo("mydir_1");
  }

  @Test
  void dotEnvCanSetProjectName() {
    Fixture f = new Fixture(tmp, "d").write(".env", "COMPOSE_PROJECT_NAME=dotenvname\n").write("compose.yaml", "services: {s: {image: a}}\n");
    assertThat(f.load().name()).isEqualTo("dotenvname");
  }

  @Test
  void normalise_dropsWhatComposeDrops() {
    assertThat(ProjectName.normalise("My App")).isEqualTo("myapp");
    assertThat(ProjectName.normalise("__x-Y.z")).isEqualTo("x-yz");
    assertThat(ProjectName.normalise("-._")).isEmpty();
  }

  @Test
  void explicitBadName_isAnError() {
    Fixture f = new Fixture(tmp, "ok").write("compose.yaml", "services: {s: {image: a}}\n");
    assertThatThrownBy(() -> ComposeLoader.load(f.options().withProjectName("My App")))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageContaining("invalid project name \"My App\"");
    assertThatThrownBy(() -> ComposeLoader.load(f.options().withProjectName("-x"))).hasMessageContaining("invalid project name");
    f.write("compose.yaml", "name: Bad_Name\nservices: {s: {image: a}}\n");
    assertThatThrownBy(f::load).hasMessageContaining("Bad_Name");
  }

  @Test
  void directoryWithoutUsableCharacters_isAnError() {
    Fixture f = new Fixture(tmp, "___").write("compose.yaml", "services: {s: {image: a}}\n");
    assertThatThrownBy(f::load).hasMessageContaining("project name must not be empty");
  }
}
