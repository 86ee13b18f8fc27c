package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuncExecTest {
    @Test
    void exitCodeFor_mapsNotFoundTo127AndTheRestTo126() {
        assertThat(RuncExec.exitCodeFor("exec: \"nope\": executable file not found in $PATH")).isEqualTo(127);
        assertThat(RuncExec.exitCodeFor("exec: \"/x\": stat /x: no such file or directory")).isEqualTo(127);
        assertThat(RuncExec.exitCodeFor("exec: \"/etc\": permission denied")).isEqualTo(126);
    }
}
