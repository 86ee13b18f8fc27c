package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.ContainerConfig;
import berth.container.ContainerSpec;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.image.Image;
import berth.image.ImageConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigMergeTest {
    private static final String ID = "a".repeat(64);

    private static Image image(Optional<List<String>> entrypoint, Optional<List<String>> cmd, List<String> env) {
        ImageConfig c = new ImageConfig(Optional.of("nobody"), env, entrypoint, cmd, Optional.of("/srv"),
                Map.of("from", "image", "both", "image"), List.of("80/tcp"), List.of(), Optional.empty());
        return new Image(Digest.sha256(new byte[0]), List.of("x:latest"), List.of(), "", "", Instant.EPOCH, "",
                "amd64", "linux", c, List.of(), List.of(), 0);
    }

    private static ContainerSpec spec(Optional<List<String>> cmd, Optional<List<String>> entrypoint, List<String> env) {
        return new ContainerSpec(Optional.empty(), "x", cmd, entrypoint, env, Optional.empty(), Optional.empty(),
                Map.of("both", "container"), Optional.empty(), Optional.empty(), false, true, true, false, false,
                false, List.of(), Optional.empty(), Optional.empty(), "default", false, null, Optional.empty(), List.of());
    }

    @Test
    void merge_usesImageCmdWhenNoneGiven() {
        ContainerConfig c = ConfigMerge.merge(spec(Optional.empty(), Optional.empty(), List.of()),
                image(Optional.empty(), Optional.of(List.of("sh")), List.of()), ID);
        assertThat(c.cmd()).containsExactly("sh");
        assertThat(c.user()).isEqualTo("nobody");
        assertThat(c.workingDir()).isEqualTo("/srv");
        assertThat(c.hostname()).isEqualTo("aaaaaaaaaaaa");
        assertThat(c.labels()).containsEntry("from", "image").containsEntry("both", "container");
    }

    @Test
    void merge_entrypointOnCreateDropsImageCmd() {
        ContainerConfig c = ConfigMerge.merge(spec(Optional.empty(), Optional.of(List.of("echo")), List.of()),
                image(Optional.of(List.of("/init")), Optional.of(List.of("sh")), List.of()), ID);
        assertThat(ConfigMerge.argv(c)).containsExactly("echo");
    }

    @Test
    void merge_keepsImageEntrypointAndReplacesCmd() {
        ContainerConfig c = ConfigMerge.merge(spec(Optional.of(List.of("a", "b")), Optional.empty(), List.of()),
                image(Optional.of(List.of("/init")), Optional.of(List.of("sh")), List.of()), ID);
        assertThat(ConfigMerge.argv(c)).containsExactly("/init", "a", "b");
    }

    @Test
    void merge_refusesWhenThereIsNoCommandAtAll() {
        assertThatThrownBy(() -> ConfigMerge.merge(spec(Optional.empty(), Optional.empty(), List.of()),
                image(Optional.empty(), Optional.empty(), List.of()), ID))
                .isInstanceOf(BerthException.class).hasMessage("No command specified");
    }

    @Test
    void mergeEnv_overridesByKeyAndDefaultsPath() {
        assertThat(ConfigMerge.mergeEnv(List.of("A=1", "B=2"), List.of("B=3", "C=4")))
                .containsExactly("PATH=" + ConfigMerge.DEFAULT_PATH.substring(5), "A=1", "B=3", "C=4");
        assertThat(ConfigMerge.mergeEnv(List.of("PATH=/x"), List.of())).containsExactly("PATH=/x");
    }

    @Test
    void mergeEnv_rejectsEmptyKey() {
        assertThatThrownBy(() -> ConfigMerge.mergeEnv(List.of(), List.of("=x")))
                .isInstanceOf(BerthException.class).hasMessageContaining("=x");
    }
}
