package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void startError_commandNotFound_is127() {
        assertThat(ExitCodes.forStartError("failed to create task for container: exec: \"nope\": executable file not found in $PATH")).isEqualTo(127);
        assertThat(ExitCodes.forStartError("exec: \"/bin/nope\": stat /bin/nope: no such file or directory")).isEqualTo(127);
    }

    @Test
    void startError_permissionDenied_is126() {
        assertThat(ExitCodes.forStartError("exec: \"/etc/passwd\": permission denied")).isEqualTo(126);
    }

    @Test
    void startError_otherwise_is125() {
        assertThat(ExitCodes.forStartError("cannot start a container that has stopped")).isEqualTo(125);
    }
}
