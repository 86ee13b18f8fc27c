package berth.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import berth.build.dockerfile.DockerfileParser;
import berth.build.dockerfile.RunInstruction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildRunTest {
    private static RunInstruction run(String text) {
        return (RunInstruction) DockerfileParser.parse("FROM x\n" + text).instructions().get(1);
    }

    @Test
    void workdir_relativeJoinsTheCurrentOne_absoluteIsTakenAsWritten() {
        assertThat(BuildRun.normalizeWorkdir("", "app")).isEqualTo("/app");
        assertThat(BuildRun.normalizeWorkdir("/app", "src/../lib")).isEqualTo("/app/lib");
        assertThat(BuildRun.normalizeWorkdir("/app", "/opt/")).isEqualTo("/opt/");
        assertThat(BuildRun.cleanPath("/a//b/./c/..")).isEqualTo("/a/b");
    }

    @Test
    void runArgv_shellFormGoesBehindTheShell_execFormAsIs() {
        StepConfig c = StepConfig.of(Optional.empty());
        assertThat(BuildRun.runArgv(run("RUN echo hi\n"), c)).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(BuildRun.runArgv(run("RUN [\"echo\", \"hi\"]\n"), c)).containsExactly("echo", "hi");
        c.shell = List.of("/bin/bash", "-eu", "-c");
        assertThat(BuildRun.runArgv(run("RUN echo hi\n"), c)).containsExactly("/bin/bash", "-eu", "-c", "echo hi");
    }

    @Test
    void runArgv_aScriptHeredocRunsWithItsInterpreterLine() {
        StepConfig c = StepConfig.of(Optional.empty());
        assertThat(BuildRun.runArgv(run("RUN <<EOF\necho one\necho two\nEOF\n"), c))
                .containsExactly("/bin/sh", "-c", "echo one\necho two\n");
        assertThat(BuildRun.runArgv(run("RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n"), c))
                .containsExactly("/usr/bin/env", "python3", "-c", "#!/usr/bin/env python3\nprint(1)\n");
    }
}
