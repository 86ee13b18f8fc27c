package berth.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.build.context.IgnoreMatcher.Decision;
import berth.errors.BerthException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IgnoreMatcherTest {
    private static IgnoreMatcher rules(String... lines) {
        return IgnoreMatcher.of(DockerIgnore.parse(String.join("\n", lines)));
    }

    @ParameterizedTest(name = "{0} excludes {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "*              | a                  | true",
        "*              | a/b                | true",   // through its parent "a"
        "*.go           | a.go               | true",
        "*.go           | dir/a.go           | false",  // * never crosses a slash
        "a?c            | abc                | true",
        "a?c            | a/c                | false",
        "[a-c]x         | bx                 | true",
        "[a-c]x         | dx                 | false",
        "[^a-c]x        | dx                 | true",
        "[^a-c]x        | bx                 | false",
        "[\\]]x         | ]x                 | true",
        "\\*            | *                  | true",
        "\\*            | a                  | false",
        "a\\?           | a?                 | true",
        "a\\?           | ab                 | false",
        "docs           | docs               | true",
        "docs           | docs/x/y           | true",   // a parent directory excludes its contents
        "docs           | mydocs             | false",
        "a/b            | a/b/c/d            | true",
        "a/b            | x/a/b              | false",
        "/abs           | abs                | true",   // a leading slash is dropped
        "./dot          | dot                | true",
        "x/../y         | y                  | true",   // cleaned like filepath.Clean
        "x/../y         | x                  | false",
        "trail/         | trail/f            | true",
        "'  spaced  '   | spaced             | true",
        "**             | anything/at/all    | true",
        "**/            | file               | true",
        "**/file        | file               | true",
        "**/file        | dir/file           | true",
        "**/file        | dir/dir/file       | true",
        "**/file        | dir/afile          | false",
        "**/*.txt       | c.txt              | true",
        "**/*.txt       | a/b/c.txt          | true",
        "dir/**         | dir/file           | true",
        "dir/**         | dir/dir2/file      | true",
        "dir/**         | dir                | false",
        "dir/**/x       | dir/x              | true",
        "dir/**/x       | dir/a/b/x          | true",
        "**/dir2/*      | dir/dir2/file      | true",
        "**/dir2/*      | dir/dir2/dir3/file | true",  // the parent cut to the rule's depth matches
        "**file         | file               | true",
        "**file         | dir/file           | true",
        "**file         | dirfile            | false",
        "a+b            | a+b                | true",   // literal, unlike Docker 20.10's regexp leak
        "a+b            | aab                | false",
        "f(1).txt       | f(1).txt           | true",
        "$HOME          | $HOME              | true",
        ".git           | .git/objects/x     | true",
        ".*             | .env               | true",
        ".*             | a/.env             | false",
    })
    void oneRule(String rule, String path, boolean excluded) {
        assertThat(rules(rule).matches(path)).isEqualTo(excluded);
    }

    @Test
    void theLastMatchingRuleWins() {
        IgnoreMatcher m = rules("*.md", "!README.md");
        assertThat(m.matches("CHANGES.md")).isTrue();
        assertThat(m.matches("README.md")).isFalse();
        assertThat(m.matches("main.go")).isFalse();

        IgnoreMatcher reversed = rules("!README.md", "*.md");
        assertThat(reversed.matches("README.md")).isTrue();

        IgnoreMatcher again = rules("*.md", "!README*.md", "README-secret.md");
        assertThat(again.matches("README.md")).isFalse();
        assertThat(again.matches("README-secret.md")).isTrue();
    }

    @Test
    void anExceptionPutsBackPathsBelowAnExcludedDirectory() {
        IgnoreMatcher m = rules("docs", "!docs/keep");
        assertThat(m.matches("docs/other")).isTrue();
        assertThat(m.matches("docs/keep")).isFalse();
        assertThat(m.matches("docs/keep/deeper")).isFalse();
        assertThat(m.decide("docs", true)).isEqualTo(Decision.DESCEND_ONLY);
        assertThat(m.isSent("docs/keep", false)).isTrue();
        assertThat(m.isSent("docs/other", false)).isFalse();
        assertThat(m.isSent("docs", true)).isTrue();
    }

    @Test
    void aWalkerStopsAtAnExcludedDirectoryUnlessAnExceptionStartsWithIt() {
        assertThat(rules("dir").decide("dir", true)).isEqualTo(Decision.EXCLUDE);
        assertThat(rules("dir").decide("dir", false)).isEqualTo(Decision.EXCLUDE);
        assertThat(rules("dir").decide("other", true)).isEqualTo(Decision.INCLUDE);
        // Docker compares the exception's text with the directory's path: a wildcard exception does not count
        IgnoreMatcher wild = rules("dir", "!*/keep");
        assertThat(wild.decide("dir", true)).isEqualTo(Decision.EXCLUDE);
        assertThat(wild.isSent("dir/keep", false)).isFalse();
    }

    @Test
    void doubleStarDirectoriesAreCutOffByTheWalkEvenWhereMatchesAloneMissesThem() {
        IgnoreMatcher m = rules("**/node_modules");
        assertThat(m.matches("node_modules")).isTrue();
        assertThat(m.matches("a/node_modules/x")).isTrue();
        // Docker 20.10's Matches cuts the parent to the rule's depth (2) and misses this one...
        assertThat(m.matches("a/b/node_modules/x")).isFalse();
        // ...but its walker never goes into a/b/node_modules, so the file is not sent
        assertThat(m.isSent("a/b/node_modules/x", false)).isFalse();
        assertThat(m.isSent("a/b/src/x", false)).isTrue();
    }

    @Test
    void theClientAlwaysSendsTheDockerfileAndDockerignore() {
        IgnoreMatcher m = rules("*").alwaysSending("Dockerfile", ".dockerignore");
        assertThat(m.matches("Dockerfile")).isFalse();
        assertThat(m.matches(".dockerignore")).isFalse();
        assertThat(m.matches("main.go")).isTrue();
        assertThat(rules("x").alwaysSending("Dockerfile").patterns()).hasSize(1);
    }

    @Test
    void noRulesExcludeNothing() {
        assertThat(IgnoreMatcher.none().matches("a/b")).isFalse();
        assertThat(IgnoreMatcher.none().isSent("a/b", false)).isTrue();
        assertThat(IgnoreMatcher.none().decide("a", true)).isEqualTo(Decision.INCLUDE);
    }

    @Test
    void malformedRulesAreRefused() {
        for (String bad : List.of("[", "a[b", "[]", "[a-]", "[-a]", "a\\", "[z-a]")) {
            assertThatThrownBy(() -> IgnoreMatcher.of(List.of(bad)))
                    .as(bad).isInstanceOf(BerthException.class).hasMessageContaining("syntax error in pattern");
        }
        assertThatThrownBy(() -> rules("!"))
                .isInstanceOf(BerthException.class).hasMessageContaining("illegal exclusion pattern: \"!\"");
    }
}
