package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.ContainerConfig;
import berth.errors.BerthException;
import berth.image.ImageConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitConfigTest {
    private static final ContainerConfig CONTAINER = new ContainerConfig("h", "", "nobody", false, false, false, false,
            false, false, List.of("PATH=/bin", "A=1"), List.of("sh", "-c", "echo hi"), List.of(), "busybox", "/w",
            Map.of("k", "v"), List.of("80/tcp"), Optional.empty(), Optional.empty());

    @Test
    void of_takesTheContainersConfigWithTheChangesApplied() {
        ImageConfig c = CommitConfig.of(CONTAINER, List.of("/data"), Optional.empty(), List.of("CMD [\"cat\", \"/hello\"]", "ENV B=2"));

        assertThat(c.cmd()).hasValue(List.of("cat", "/hello"));
        assertThat(c.entrypoint()).isEmpty();
        assertThat(c.env()).containsExactly("PATH=/bin", "A=1", "B=2");
        assertThat(c.user()).hasValue("nobody");
        assertThat(c.workingDir()).hasValue("/w");
        assertThat(c.labels()).containsEntry("k", "v");
        assertThat(c.exposedPorts()).containsExactly("80/tcp");
        assertThat(c.volumes()).containsExactly("/data");
    }

    @Test
    void of_fillsWhatARequestedConfigLeavesEmptyFromTheContainer() {
        ImageConfig requested = new ImageConfig(Optional.empty(), List.of("A=9"), Optional.of(List.of("/entry")),
                Optional.empty(), Optional.empty(), Map.of("x", "y"), List.of(), List.of(), Optional.empty());

        ImageConfig c = CommitConfig.of(CONTAINER, List.of(), Optional.of(requested), List.of());

        assertThat(c.env()).containsExactly("A=9", "PATH=/bin");
        assertThat(c.entrypoint()).hasValue(List.of("/entry"));
        assertThat(c.cmd()).isEmpty(); // an entrypoint of its own keeps the container's cmd out, as Docker's merge
        assertThat(c.labels()).containsEntry("x", "y").containsEntry("k", "v");
        assertThat(c.user()).hasValue("nobody");
    }

    @Test
    void of_refusesABadChange() {
        assertThatThrownBy(() -> CommitConfig.of(CONTAINER, List.of(), Optional.empty(), List.of("FROM busybox")))
                .isInstanceOf(BerthException.class).hasMessageContaining("FROM is not a valid change command");
    }
}
