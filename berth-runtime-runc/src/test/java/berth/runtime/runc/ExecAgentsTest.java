package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecAgentsTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n";

    @Test
    void canSwitchUsers_needsBothSetuidAndSetgid() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(ExecAgents.canSwitchUsers(mapper.readTree(
                "{\"process\":{\"capabilities\":{\"effective\":[\"CAP_CHOWN\",\"CAP_SETGID\",\"CAP_SETUID\"]}}}")))
                .isTrue();
        assertThat(ExecAgents.canSwitchUsers(mapper.readTree(
                "{\"process\":{\"capabilities\":{\"effective\":[\"CAP_SETUID\"]}}}"))).isFalse();
        assertThat(ExecAgents.canSwitchUsers(mapper.readTree("{\"process\":{\"capabilities\":{\"effective\":[]}}}")))
                .as("--cap-drop ALL").isFalse();
    }

    @Test
    void processEnv_addsHomeOfTheUserWhenUnsetAsRuncDoes() {
        assertThat(ExecAgents.processEnv(List.of("PATH=/bin"), PASSWD, 0)).containsExactly("PATH=/bin", "HOME=/root");
        assertThat(ExecAgents.processEnv(List.of("HOME="), PASSWD, 65534)).containsExactly("HOME=/home");
        assertThat(ExecAgents.processEnv(List.of(), PASSWD, 1000)).containsExactly("HOME=/");
        assertThat(ExecAgents.processEnv(List.of(), null, 0)).containsExactly("HOME=/");
        assertThat(ExecAgents.processEnv(List.of("HOME=/x"), PASSWD, 0)).containsExactly("HOME=/x");
    }

    @Test
    void processEnv_keepsOneEntryPerNameAtItsFirstPlaceWithItsLastValue() {
        assertThat(ExecAgents.processEnv(List.of("A=1", "B=2", "A=3", "C=x=y"), PASSWD, 0))
                .containsExactly("A=3", "B=2", "C=x=y", "HOME=/root");
    }

    @Test
    void envRuncAccepts_leavesMalformedEntriesToRunc() {
        assertThat(ExecAgents.envRuncAccepts(List.of("A=1", "B="))).isTrue();
        assertThat(ExecAgents.envRuncAccepts(List.of("A"))).isFalse();
        assertThat(ExecAgents.envRuncAccepts(List.of("=x"))).isFalse();
    }

    @Test
    void hostPidOf_findsOnlyAChildOfTheAgentByItsContainerPid(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("100/task/100"));
        Files.writeString(proc.resolve("100/task/100/children"), "201 202 ");
        Files.createDirectories(proc.resolve("201"));
        Files.writeString(proc.resolve("201/status"), "Name:\tsh\nNSpid:\t201\t7\n");
        Files.createDirectories(proc.resolve("202"));
        Files.writeString(proc.resolve("202/status"), "Name:\tsh\nNSpid:\t202\t9\n");
        Files.createDirectories(proc.resolve("300"));
        Files.writeString(proc.resolve("300/status"), "Name:\tsh\nNSpid:\t300\t11\n");
        assertThat(AgentExec.hostPidOf(proc, 100, 9)).isEqualTo(202);
        assertThat(AgentExec.hostPidOf(proc, 100, 11)).isZero();
        Files.writeString(proc.resolve("201/status"), "Name:\tsh\nNSpid:\t7\n"); // a host process
        assertThat(AgentExec.hostPidOf(proc, 100, 7)).isZero();
        assertThat(AgentExec.hostPidOf(proc, 0, 9)).isZero();
        assertThat(AgentExec.hostPidOf(proc, 555, 9)).isZero();
    }
}
