package berth.build.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DestinationTest {
    @Test
    void relativeDestination_isTakenFromTheWorkdir() {
        assertThat(Destination.of("/app", "sub")).isEqualTo(new Destination("/app/sub", false));
        assertThat(Destination.of("/app", "sub/")).isEqualTo(new Destination("/app/sub", true));
        assertThat(Destination.of("/app", ".")).isEqualTo(new Destination("/app", false));
        assertThat(Destination.of("/app", "./")).isEqualTo(new Destination("/app", true));
    }

    @Test
    void unsetWorkdir_isTheRoot() {
        assertThat(Destination.of("", "x")).isEqualTo(new Destination("/x", false));
        assertThat(Destination.of("/", "x/")).isEqualTo(new Destination("/x", true));
    }

    @Test
    void absoluteDestination_ignoresTheWorkdir_andIsCleaned() {
        assertThat(Destination.of("/app", "/etc//x/../y/")).isEqualTo(new Destination("/etc/y", true));
        assertThat(Destination.of("/app", "/")).isEqualTo(new Destination("/", true));
    }

    @Test
    void dotDot_neverClimbsAboveTheRoot() {
        assertThat(Destination.of("/app", "../../../x")).isEqualTo(new Destination("/x", false));
    }

    @Test
    void workdirWithoutLeadingSlash_isStillAbsolute() {
        assertThat(Destination.of("app", "a")).isEqualTo(new Destination("/app/a", false));
    }

    @Test
    void pathHelpers() {
        assertThat(Destination.parent("/a/b")).isEqualTo("/a");
        assertThat(Destination.parent("/a")).isEqualTo("/");
        assertThat(Destination.child("/", "a")).isEqualTo("/a");
        assertThat(Destination.child("/a", "b")).isEqualTo("/a/b");
        assertThat(Destination.baseName("src/a.txt")).isEqualTo("a.txt");
        assertThat(Destination.baseName("a.txt")).isEqualTo("a.txt");
        assertThat(Destination.baseName("/x/y/")).isEqualTo("y");
    }
}
