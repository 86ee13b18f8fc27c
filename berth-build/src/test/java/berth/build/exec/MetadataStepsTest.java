package berth.build.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.build.dockerfile.DockerfileParser;
import berth.build.dockerfile.Instruction;
import berth.build.dockerfile.Substitution;
import berth.container.HealthConfig;
import berth.errors.BerthException;
import berth.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetadataStepsTest {
    private final List<String> notes = new ArrayList<>();

    private static Instruction one(String line) {
        return DockerfileParser.parse("FROM x\n" + line + "\n").instructions().get(1);
    }

    private static StageState stage(Optional<ImageConfig> base) {
        return new StageState(StepConfig.of(base), BuildArgs.global(Map.of()).forStage(), Optional.empty());
    }

    private String apply(StageState state, String line) {
        return MetadataSteps.apply(one(line), state,
                Substitution.standard().expander(state.args.expansionEnv(state.config.env)), notes::add);
    }

    @Test
    void env_isRecordedAsDockerWritesIt_andReplacesAKeyInPlace() {
        StageState s = stage(Optional.empty());
        assertThat(s.config.env).containsExactly(StepConfig.DEFAULT_PATH);
        assertThat(apply(s, "ENV A=1 B=\"two words\"")).isEqualTo("ENV A=1 B=two words");
        assertThat(apply(s, "ENV PATH=/x")).isEqualTo("ENV PATH=/x");
        assertThat(s.config.env).containsExactly("PATH=/x", "A=1", "B=two words");
    }

    @Test
    void cmd_shellForm_goesBehindTheShell_andIsQuotedAsGo() {
        StageState s = stage(Optional.empty());
        assertThat(apply(s, "CMD echo hi")).isEqualTo("CMD [\"/bin/sh\" \"-c\" \"echo hi\"]");
        assertThat(s.config.cmd).contains(List.of("/bin/sh", "-c", "echo hi"));
        assertThat(apply(s, "CMD [\"x\"]")).isEqualTo("CMD [\"x\"]");
    }

    @Test
    void entrypoint_resetsAnInheritedCmd_butNotOneSetInTheStage() {
        ImageConfig base = new ImageConfig(Optional.empty(), List.of(), Optional.empty(), Optional.of(List.of("sh")),
                Optional.empty(), Map.of(), List.of(), List.of(), Optional.empty());
        StageState inherited = stage(Optional.of(base));
        assertThat(apply(inherited, "ENTRYPOINT [\"/app\"]")).isEqualTo("ENTRYPOINT [\"/app\"]");
        assertThat(inherited.config.cmd).isEmpty();

        StageState set = stage(Optional.of(base));
        apply(set, "CMD [\"--flag\"]");
        apply(set, "ENTRYPOINT [\"/app\"]");
        assertThat(set.config.cmd).contains(List.of("--flag"));
    }

    @Test
    void shell_changesLaterShellForms_andItsOwnHistoryText() {
        StageState s = stage(Optional.empty());
        assertThat(apply(s, "SHELL [\"/bin/bash\", \"-c\"]")).isEqualTo("SHELL [/bin/bash -c]");
        apply(s, "CMD echo");
        assertThat(s.config.cmd).contains(List.of("/bin/bash", "-c", "echo"));
    }

    @Test
    void expose_recordsTheWordsAsWritten_andStoresNormalizedPorts() {
        StageState s = stage(Optional.empty());
        s.args.declare("PORTS", "80 443/udp");
        assertThat(apply(s, "EXPOSE 8080 $PORTS")).isEqualTo("EXPOSE 80 443/udp 8080");
        assertThat(s.config.exposedPorts).containsExactlyInAnyOrder("80/tcp", "443/udp", "8080/tcp");
    }

    @Test
    void label_volume_user_stopsignal_onbuild_maintainer() {
        StageState s = stage(Optional.empty());
        assertThat(apply(s, "LABEL a=b \"c d\"=e")).isEqualTo("LABEL a=b c d=e");
        assertThat(s.config.labels).containsEntry("c d", "e");
        assertThat(apply(s, "VOLUME /data /logs")).isEqualTo("VOLUME [/data /logs]");
        assertThat(apply(s, "USER app:app")).isEqualTo("USER app:app");
        assertThat(apply(s, "STOPSIGNAL SIGKILL")).isEqualTo("STOPSIGNAL SIGKILL");
        assertThat(apply(s, "ONBUILD RUN make")).isEqualTo("ONBUILD RUN make");
        assertThat(s.config.onBuild).containsExactly("RUN make");
        assertThat(apply(s, "MAINTAINER me <me@x>")).isEqualTo("MAINTAINER me <me@x>");
        assertThat(s.maintainer).isEqualTo("me <me@x>");
        ImageConfig c = s.config.toImageConfig();
        assertThat(c.volumes()).containsExactly("/data", "/logs");
        assertThat(c.user()).contains("app:app");
        assertThat(c.onBuild()).containsExactly("RUN make");
    }

    @Test
    void stopsignal_refusesAnUnknownSignal() {
        assertThatThrownBy(() -> apply(stage(Optional.empty()), "STOPSIGNAL SIGFOO"))
                .isInstanceOf(BerthException.class).hasMessageContaining("Invalid signal: SIGFOO");
    }

    @Test
    void healthcheck_isRecordedAsGoPrintsDockersStruct_andNotesAnOverride() {
        StageState s = stage(Optional.empty());
        assertThat(apply(s, "HEALTHCHECK --interval=5m --timeout=3s --retries=3 CMD curl -f http://localhost/"))
                .isEqualTo("HEALTHCHECK &{[\"CMD-SHELL\" \"curl -f http://localhost/\"] \"5m0s\" \"3s\" \"0s\" '\\x03'}");
        assertThat(s.config.healthcheck).contains(new HealthConfig(List.of("CMD-SHELL", "curl -f http://localhost/"),
                300_000_000_000L, 3_000_000_000L, 0, 3));
        assertThat(apply(s, "HEALTHCHECK NONE")).isEqualTo("HEALTHCHECK &{[\"NONE\"] \"0s\" \"0s\" \"0s\" '\\x00'}");
        assertThat(notes).containsExactly("Note: overriding previous HEALTHCHECK: [CMD-SHELL curl -f http://localhost/]\n");
    }

    @Test
    void arg_declaresWithItsExpandedDefault_andEnvWinsOverArgInExpansion() {
        StageState s = stage(Optional.empty());
        apply(s, "ENV V=env");
        assertThat(apply(s, "ARG V=arg")).isEqualTo("ARG V=arg");
        assertThat(apply(s, "ARG W=${V}-x")).isEqualTo("ARG W=env-x");
        assertThat(apply(s, "ARG BARE")).isEqualTo("ARG BARE");
        assertThat(s.args.allowed()).containsEntry("W", "env-x").doesNotContainKey("BARE");
        assertThat(apply(s, "LABEL v=$V")).isEqualTo("LABEL v=env");
    }

    @Test
    void canonical_differsWhenTheConfigDiffers_andNotForMapOrder() {
        StageState a = stage(Optional.empty());
        StageState b = stage(Optional.empty());
        apply(a, "LABEL x=1 y=2");
        apply(b, "LABEL y=2 x=1");
        assertThat(a.config.canonical()).isEqualTo(b.config.canonical());
        apply(b, "USER nobody");
        assertThat(a.config.canonical()).isNotEqualTo(b.config.canonical());
    }
}
