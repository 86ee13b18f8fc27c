package berth.build.dockerfile;

import static berth.build.dockerfile.DockerfileParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildStagesTest {
    private static final Dockerfile MULTI = parse(
            "ARG BASE=alpine",
            "ARG TAG=3.19",
            "FROM ${BASE}:${TAG} AS Build",
            "RUN make",
            "FROM build AS test",
            "RUN make test",
            "FROM scratch",
            "COPY --from=build /out /app");

    @Test
    void of_splitsAtEachFromAndKeepsGlobalArgs() {
        BuildStages stages = BuildStages.of(MULTI);
        assertThat(stages.globalArgs()).hasSize(2);
        assertThat(stages.stages()).hasSize(3);
        assertThat(stages.stages().get(0).name()).contains("build");
        assertThat(stages.stages().get(0).instructions()).singleElement().isInstanceOf(RunInstruction.class);
        assertThat(stages.stages().get(2).name()).isEmpty();
        assertThat(stages.stages().get(2).index()).isEqualTo(2);
        assertThat(stages.last()).isSameAs(stages.stages().get(2));
    }

    @Test
    void target_isCaseInsensitiveAndMissingIsAClearError() {
        BuildStages stages = BuildStages.of(MULTI);
        assertThat(stages.target("TEST").index()).isEqualTo(1);
        assertThatThrownBy(() -> stages.target("deploy"))
                .isInstanceOf(BerthException.class).hasMessage("failed to reach build target deploy in Dockerfile");
    }

    @Test
    void stageFor_resolvesEarlierStagesByNameOrIndexAndElseAnImage() {
        BuildStages stages = BuildStages.of(MULTI);
        var last = stages.stages().get(2);
        assertThat(stages.stageFor("BUILD", last, 8)).contains(stages.stages().get(0));
        assertThat(stages.stageFor("1", last, 8)).contains(stages.stages().get(1));
        assertThat(stages.stageFor("busybox:latest", last, 8)).isEmpty();
        // a stage named like an image is that stage only once it has been defined
        assertThat(stages.stageFor("test", stages.stages().get(1), 5)).isEmpty();
        assertThatThrownBy(() -> stages.stageFor("2", last, 8))
                .hasMessage("Dockerfile parse error line 8: invalid from flag value 2: refers to current or future build stage");
    }

    @Test
    void of_refusesInstructionsBeforeTheFirstFromOtherThanArg() {
        assertThatThrownBy(() -> BuildStages.of(parse("ARG A", "RUN x", "FROM a")))
                .hasMessage("Dockerfile parse error line 2: no build stage in current context");
        assertThatThrownBy(() -> BuildStages.of(parse("ARG A")))
                .hasMessageContaining("no build stage in current context");
    }

    @Test
    void of_refusesDuplicateStageNames() {
        assertThatThrownBy(() -> BuildStages.of(parse("FROM a AS x", "FROM b AS X")))
                .hasMessage("Dockerfile parse error line 2: duplicate stage name \"x\"");
    }

    @Test
    void globalScope_buildArgsOverrideDefaultsWhichSeeEarlierArgs() {
        BuildStages stages = BuildStages.of(parse("ARG A=1", "ARG B=${A}0 C", "ARG D", "FROM x"));
        Substitution sub = Substitution.standard();
        assertThat(stages.globalScope(Map.of(), sub)).containsExactly(Map.entry("A", "1"), Map.entry("B", "10"));
        assertThat(stages.globalScope(Map.of("A", "2", "C", "c"), sub))
                .containsExactly(Map.entry("A", "2"), Map.entry("B", "20"), Map.entry("C", "c"));
        FromInstruction from = stages.last().from();
        assertThat(BuildStages.of(MULTI).last().from().image()).isEqualTo("scratch");
        assertThat(from.image()).isEqualTo("x");
    }

    @Test
    void fromLine_expandsWithTheGlobalScope() {
        BuildStages stages = BuildStages.of(MULTI);
        Substitution sub = MULTI.substitution();
        FromInstruction first = stages.stages().get(0).from()
                .expand(sub.expander(stages.globalScope(Map.of("TAG", "edge"), sub)));
        assertThat(first.image()).isEqualTo("alpine:edge");
    }
}
