package berth.api.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostProbeTest {
    @Test
    void runcCommit_isTheCommitLineOfRuncVersion() {
        String debian = "runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\ngo: go1.19.8\nlibseccomp: 2.5.4\n";

        assertThat(HostProbe.runcCommit(debian)).isEqualTo("1.1.5+ds1-1+deb12u1");
        assertThat(HostProbe.runcCommit("")).isEmpty();
    }

    @Test
    void tiniCommit_isTheGitCommitOrElseTheVersion() {
        assertThat(HostProbe.tiniCommit("tini version 0.19.0 - git.de40ad0\n")).isEqualTo("de40ad0");
        assertThat(HostProbe.tiniCommit("tini version 0.19.0\n")).isEqualTo("0.19.0");
        assertThat(HostProbe.tiniCommit("something else")).isEmpty();
    }

    @Test
    void limits_warnAsDockerdDoesForWhatIsMissing() {
        HostProbe.Limits none = new HostProbe.Limits(false, false, false, false, false, false, false, false, false, false);
        HostProbe.Limits all = new HostProbe.Limits(true, true, true, true, true, true, true, true, true, true);

        assertThat(all.warnings("1")).isEmpty();
        assertThat(none.warnings("2")).containsExactly("WARNING: No memory limit support", "WARNING: No swap limit support",
                "WARNING: No cpu cfs quota support", "WARNING: No cpu cfs period support", "WARNING: No cpu shares support",
                "WARNING: No cpuset support");
        assertThat(none.warnings("1")).contains("WARNING: No kernel memory limit support", "WARNING: No oom kill disable support");
    }

    @Test
    void backingFilesystem_namesTheFilesystemAsDockerdDoes() {
        assertThat(HostProbe.backingFilesystem(Path.of("/proc"))).isEqualTo("proc");
        assertThat(HostProbe.backingFilesystem(Path.of("/no/such/dir"))).isEqualTo("<unknown>");
    }
}
