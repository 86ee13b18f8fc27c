package berth.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.archive.RootedTree;
import berth.errors.BerthException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopySourcesTest {
    @TempDir
    Path dir;
    Path ctx;

    @BeforeEach
    void setUp() throws Exception {
        ctx = makeTree(dir.resolve("ctx"));
    }

    /** app/{main.py,util.py,data/x.bin,cache.tmp}, lib/l.txt, README.md, secret.env, link -> app/main.py. */
    private static Path makeTree(Path root) throws Exception {
        Files.createDirectories(root.resolve("app/data"));
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("app/main.py"), "print('hi')\n");
        Files.writeString(root.resolve("app/util.py"), "X = 1\n");
        Files.writeString(root.resolve("app/data/x.bin"), "bin");
        Files.writeString(root.resolve("app/cache.tmp"), "tmp");
        Files.writeString(root.resolve("lib/l.txt"), "lib");
        Files.writeString(root.resolve("README.md"), "readme");
        Files.writeString(root.resolve("secret.env"), "password");
        Files.createSymbolicLink(root.resolve("link"), Path.of("app/main.py"));
        return root.toRealPath();
    }

    private CopySelection select(String... sources) throws Exception {
        return select(IgnoreMatcher.none(), sources);
    }

    private CopySelection select(IgnoreMatcher ignore, String... sources) throws Exception {
        return new CopySources(new RootedTree(ctx), ignore).select(List.of(sources), true);
    }

    private static IgnoreMatcher rules(String text) {
        return IgnoreMatcher.of(DockerIgnore.parse(text));
    }

    private static List<String> paths(CopySource s) {
        return s.entries().stream().map(SourceEntry::path).toList();
    }

    @Test
    void select_aFileADirectoryAndTheRoot() throws Exception {
        CopySelection s = select("README.md", "app", "/lib/", "./app/util.py");
        assertThat(s.sources()).extracting(CopySource::name).containsExactly("README.md", "app", "lib", "app/util.py");
        CopySource file = s.sources().getFirst();
        assertThat(file.directory()).isFalse();
        assertThat(file.entries()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEmpty();
            assertThat(e.type()).isEqualTo(SourceEntry.Type.FILE);
            assertThat(e.size()).isEqualTo(6);
        });
        assertThat(paths(s.sources().get(1))).containsExactly("", "cache.tmp", "data", "data/x.bin", "main.py", "util.py");
        assertThat(paths(select(".").sources().getFirst()))
                .containsExactly("README.md", "app", "app/cache.tmp", "app/data", "app/data/x.bin", "app/main.py",
                        "app/util.py", "lib", "lib/l.txt", "link", "secret.env");
    }

    @Test
    void select_matchesWildcardsAgainstEveryPathInLexicalOrder() throws Exception {
        assertThat(select("app/*.py").sources()).extracting(CopySource::name).containsExactly("app/main.py", "app/util.py");
        assertThat(select("*/*.txt", "*.md").sources()).extracting(CopySource::name).containsExactly("lib/l.txt", "README.md");
        assertThat(select("?ib").sources()).extracting(CopySource::name).containsExactly("lib");
        assertThat(select("app/[m]ain.py").sources()).extracting(CopySource::name).containsExactly("app/main.py");
        assertThat(select("a*").sources()).extracting(CopySource::name).containsExactly("app");
        assertThatThrownBy(() -> select("*.nothing")).isInstanceOf(BerthException.class)
                .hasMessage("no source files were specified");
        assertThatThrownBy(() -> select("app/[")).isInstanceOf(BerthException.class)
                .hasMessage("no source files were specified");
    }

    @Test
    void select_takesEscapedWildcardsAndNonWildcardCopiesLiterally() throws Exception {
        Files.writeString(ctx.resolve("star*"), "s");
        Files.writeString(ctx.resolve("stars"), "s");
        assertThat(select("sta[r]\\*").sources()).extracting(CopySource::name).containsExactly("star*");
        // without an unescaped wildcard the name is taken as it is, backslash included (as Docker stats it)
        assertThatThrownBy(() -> select("star\\*")).isInstanceOf(BerthException.class)
                .hasMessageContaining("stat star\\*: file does not exist");
        CopySelection literal = new CopySources(new RootedTree(ctx), IgnoreMatcher.none()).select(List.of("star*"), false);
        assertThat(literal.sources()).extracting(CopySource::name).containsExactly("star*");
    }

    @Test
    void select_refusesPathsOutsideTheContext() {
        for (String bad : List.of("..", "../x", "a/../../x", "/../x", "./../x", "../*")) {
            assertThatThrownBy(() -> select(bad)).as(bad).isInstanceOf(BerthException.class)
                    .hasMessage("forbidden path outside the build context: " + bad + " ()");
        }
    }

    @Test
    void select_reportsMissingAndIgnoredSourcesAsNotFound() throws Exception {
        assertThatThrownBy(() -> select("nope.txt")).isInstanceOf(BerthException.class)
                .hasMessage("file not found in build context or excluded by .dockerignore: stat nope.txt: file does not exist");
        IgnoreMatcher ignore = rules("*.env\napp/data\n");
        assertThatThrownBy(() -> select(ignore, "secret.env")).isInstanceOf(BerthException.class)
                .hasMessageContaining("excluded by .dockerignore: stat secret.env");
        assertThatThrownBy(() -> select(ignore, "app/data/x.bin")).isInstanceOf(BerthException.class)
                .hasMessageContaining("stat app/data/x.bin");
        assertThat(select(ignore, "*").sources()).extracting(CopySource::name).doesNotContain("secret.env");
    }

    @Test
    void select_leavesIgnoredEntriesOutOfDirectoriesAndHonoursExceptions() throws Exception {
        IgnoreMatcher ignore = rules("**/*.tmp\napp/data\n");
        assertThat(paths(select(ignore, "app").sources().getFirst())).containsExactly("", "main.py", "util.py");
        IgnoreMatcher except = rules("app\n!app/main.py\n");
        assertThat(paths(select(except, ".").sources().getFirst()))
                .containsExactly("README.md", "app/main.py", "lib", "lib/l.txt", "link", "secret.env");
        assertThat(select(except, "app/main.py").sources()).hasSize(1);
        assertThatThrownBy(() -> select(except, "app/util.py")).isInstanceOf(BerthException.class);
    }

    @Test
    void select_followsASymlinkSourceButKeepsSymlinksBelowADirectory() throws Exception {
        CopySource link = select("link").sources().getFirst();
        assertThat(link.name()).isEqualTo("link");
        assertThat(link.hostPath()).isEqualTo(ctx.resolve("app/main.py"));
        assertThat(link.entries().getFirst().type()).isEqualTo(SourceEntry.Type.FILE);

        Files.createSymbolicLink(ctx.resolve("lib/up"), Path.of("../README.md"));
        SourceEntry up = select("lib").sources().getFirst().entries().stream()
                .filter(e -> e.path().equals("up")).findFirst().orElseThrow();
        assertThat(up.type()).isEqualTo(SourceEntry.Type.SYMLINK);
        assertThat(up.linkTarget()).contains("../README.md");
    }

    @Test
    void select_resolvesSymlinksInsideTheContextOnly() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("host-secret"), "x");
        Files.createSymbolicLink(ctx.resolve("abs"), outside.toRealPath());
        Files.createSymbolicLink(ctx.resolve("rel"), Path.of("../../../../../../../.." + outside.toRealPath()));
        assertThatThrownBy(() -> select("abs/host-secret")).isInstanceOf(BerthException.class)
                .hasMessageContaining("file not found");
        assertThatThrownBy(() -> select("rel/host-secret")).isInstanceOf(BerthException.class)
                .hasMessageContaining("file not found");
        Files.createSymbolicLink(ctx.resolve("ignored-link"), Path.of("secret.env"));
        assertThatThrownBy(() -> select(rules("secret.env"), "ignored-link")).isInstanceOf(BerthException.class)
                .hasMessageContaining("file not found");
    }

    @Test
    void digest_isTheSameForTheSameTreeAnywhere() throws Exception {
        String first = select("app", "README.md").digest();
        assertThat(select("app", "README.md").digest()).isEqualTo(first);
        Path other = makeTree(dir.resolve("other/ctx"));
        CopySelection there = new CopySources(new RootedTree(other), IgnoreMatcher.none()).select(List.of("app", "README.md"), true);
        assertThat(there.digest()).isEqualTo(first);
        assertThat(select("README.md", "app").digest()).isNotEqualTo(first);
        assertThat(first).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void digest_changesWithContentModeOwnerNamesAndNewFiles() throws Exception {
        String before = select(".").digest();
        Path f = ctx.resolve("app/main.py");

        Files.writeString(f, "print('hI')\n");
        String content = select(".").digest();
        assertThat(content).isNotEqualTo(before);

        Files.setAttribute(f, "unix:mode", 0600);
        String mode = select(".").digest();
        assertThat(mode).isNotEqualTo(content);

        Files.setAttribute(f, "unix:uid", 1000);
        String uid = select(".").digest();
        assertThat(uid).isNotEqualTo(mode);

        Files.setAttribute(f, "unix:gid", 1000);
        String gid = select(".").digest();
        assertThat(gid).isNotEqualTo(uid);

        Files.setAttribute(ctx.resolve("app/data"), "unix:mode", 0700);
        String dirMode = select(".").digest();
        assertThat(dirMode).isNotEqualTo(gid);

        Files.writeString(ctx.resolve("app/new.py"), "");
        String added = select(".").digest();
        assertThat(added).isNotEqualTo(dirMode);

        Files.move(ctx.resolve("app/new.py"), ctx.resolve("app/renamed.py"));
        String renamed = select(".").digest();
        assertThat(renamed).isNotEqualTo(added);

        Files.delete(ctx.resolve("link"));
        Files.createSymbolicLink(ctx.resolve("link"), Path.of("app/util.py"));
        assertThat(select(".").digest()).isNotEqualTo(renamed);
    }

    @Test
    void digest_changesWithTheSourceNameOfAFile() throws Exception {
        Files.writeString(ctx.resolve("copy.md"), "readme");
        assertThat(select("copy.md").digest()).isNotEqualTo(select("README.md").digest());
    }

    @Test
    void digest_ignoresTimesAndIgnoredFiles() throws Exception {
        IgnoreMatcher ignore = rules("**/*.tmp\nsecret.env\n");
        String before = select(ignore, ".").digest();
        Files.setLastModifiedTime(ctx.resolve("app/main.py"), FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
        Files.writeString(ctx.resolve("app/cache.tmp"), "changed");
        Files.writeString(ctx.resolve("secret.env"), "rotated");
        Files.writeString(ctx.resolve("lib/new.tmp"), "new");
        assertThat(select(ignore, ".").digest()).isEqualTo(before);
        assertThat(select(ignore, "app").digest()).isEqualTo(select(ignore, "app").digest());
    }

    @Test
    void sources_ofAnUnpackedContextSkipTheIgnoredDockerfile() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        byte[] tar = new TestTar().file("Dockerfile", "FROM x\nCOPY . /\n").file(".dockerignore", "Dockerfile\n*.log\n")
                .file("a.txt", "a").file("b.log", "b").build();
        try (BuildContext c = ContextReader.read(new ByteArrayInputStream(tar), ContextOptions.inBody(work))) {
            CopySource all = c.sources().select(List.of("."), true).sources().getFirst();
            assertThat(all.entries()).extracting(SourceEntry::path).containsExactly(".dockerignore", "a.txt");
        }
    }
}
