package berth.compose.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A project directory for one test: write files, load them. */
final class Fixture {
  final Path dir;
  Map<String, String> env = Map.of("HOME", "/home/tester");

  Fixture(Path tmp, String name) {
    this.dir = tmp.resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Fixture write(String file, String text) {
    try {
      Path p = dir.resolve(file);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Fixture env(Map<String, String> e) {
    this.env = e;
    return this;
  }

  LoadOptions options() {
    return LoadOptions.of(dir, env);
  }

  Project load() {
    return ComposeLoader.load(options());
  }

  Project load(String... files) {
    return ComposeLoader.load(options().withFiles(List.of(files)));
  }

  /** Loads a single compose.yaml with this content. */
  static Project yaml(Path tmp, String text) {
    return new Fixture(tmp, "app").write("compose.yaml", text).load();
  }
}
