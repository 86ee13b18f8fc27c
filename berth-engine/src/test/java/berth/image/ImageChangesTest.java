package berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageChangesTest {
    private static ImageConfig apply(String... changes) {
        return ImageChanges.apply(ImageConfig.empty(), List.of(changes));
    }

    @Test
    void env_acceptsBothFormsQuotesAndExpansion() {
        ImageConfig c = apply("ENV A 1 2", "ENV B=x C=\"v 2\" D='$A'", "ENV PATH=/opt/bin:${B}", "ENV B=y");
        assertThat(c.env()).containsExactly("A=1 2", "B=y", "C=v 2", "D=$A", "PATH=/opt/bin:x");
    }

    @Test
    void cmdAndEntrypoint_acceptJsonAndShellForms() {
        ImageConfig c = apply("CMD [\"/bin/sh\", \"-c\", \"echo hi\"]", "ENTRYPOINT echo hello world");
        assertThat(c.cmd()).hasValue(List.of("/bin/sh", "-c", "echo hi"));
        assertThat(c.entrypoint()).hasValue(List.of("/bin/sh", "-c", "echo hello world"));
        assertThat(apply("cmd [\"a\"]").cmd()).hasValue(List.of("a"));
        assertThat(apply("CMD [not json").cmd()).hasValue(List.of("/bin/sh", "-c", "[not json"));
    }

    @Test
    void exposeWorkdirLabelUserVolumeStopsignal() {
        ImageConfig c = apply("EXPOSE 80 53/udp 8000-8001", "WORKDIR /app", "WORKDIR sub/../x", "LABEL a=b \"c d\"=\"e f\"",
                "LABEL legacy some value", "USER 1000:1000", "VOLUME [\"/data\", \"/logs\"]", "VOLUME /cache",
                "STOPSIGNAL SIGQUIT");
        assertThat(c.exposedPorts()).containsExactly("80/tcp", "53/udp", "8000/tcp", "8001/tcp");
        assertThat(c.workingDir()).hasValue("/app/x");
        assertThat(c.labels()).containsEntry("a", "b").containsEntry("c d", "e f").containsEntry("legacy", "some value");
        assertThat(c.user()).hasValue("1000:1000");
        assertThat(c.volumes()).containsExactly("/data", "/logs", "/cache");
        assertThat(c.stopSignal()).hasValue("SIGQUIT");
    }

    @Test
    void unknownOrMalformedInstructionsAreRejected() {
        assertThatThrownBy(() -> apply("RUN echo")).isInstanceOf(BerthException.class)
                .hasMessageStartingWith("RUN is not a valid change command");
        assertThatThrownBy(() -> apply("ONBUILD RUN x")).isInstanceOf(BerthException.class).hasMessageContaining("ONBUILD");
        assertThatThrownBy(() -> apply("EXPOSE 70000")).isInstanceOf(BerthException.class).hasMessageContaining("invalid containerPort");
        assertThatThrownBy(() -> apply("EXPOSE 80/xyz")).isInstanceOf(BerthException.class).hasMessageContaining("invalid proto");
        assertThatThrownBy(() -> apply("ENV A")).isInstanceOf(BerthException.class);
        assertThatThrownBy(() -> apply("ENV A=\"open")).isInstanceOf(BerthException.class);
        assertThatThrownBy(() -> apply("ENV A=1 B")).isInstanceOf(BerthException.class).hasMessageContaining("can't find =");
        assertThatThrownBy(() -> apply("WORKDIR")).isInstanceOf(BerthException.class);
    }
}
