package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuncAdapterPartsTest {
    @Test
    void conmonCommandRunsTheRuntimeUnderOurRootWithAJsonErrorLog() {
        ConmonCommand c = new ConmonCommand(Path.of("/usr/bin/conmon"), Path.of("/usr/sbin/runc"), Path.of("/run/b/runc"),
                "abc", Path.of("/var/b/abc"), Path.of("/run/b/exits"), Path.of("/run/b/s"), Path.of("/var/b/abc/log"),
                true, false);
        List<String> argv = c.argv();
        assertThat(String.join(" ", argv)).startsWith("/usr/bin/conmon --api-version 1 -c abc -u abc -r /usr/sbin/runc -b /var/b/abc")
                .contains("-p /var/b/abc/pidfile", "--exit-dir /run/b/exits", "--socket-dir-path /run/b/s",
                        "-l k8s-file:/var/b/abc/log", "--conmon-pidfile /var/b/abc/conmon.pid",
                        "--runtime-arg --root --runtime-arg /run/b/runc",
                        "--runtime-arg --log --runtime-arg /var/b/abc/runc.log",
                        "--runtime-arg --log-format --runtime-arg json")
                .endsWith(" -i");
        assertThat(argv).doesNotContain("-t");
    }

    @Test
    void runcExecFailuresBecomeDockersInvalidArgumentText() {
        String log = """
                {"level":"warning","msg":"something harmless","time":"2026-11-28T08:42:23Z"}
                {"level":"error","msg":"runc create failed: unable to start container process: exec: \\"nope\\": executable file not found in $PATH","time":"2026-11-28T08:42:23Z"}
                """;
        String msg = RuncErrors.lastError(log, new ObjectMapper());
        BerthException e = RuncErrors.startFailure("runc", msg);
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(e.getMessage()).isEqualTo("exec: \"nope\": executable file not found in $PATH");

        BerthException denied = RuncErrors.startFailure("runc",
                "runc create failed: unable to start container process: exec: \"/etc/x\": permission denied");
        assertThat(denied.getMessage()).isEqualTo("exec: \"/etc/x\": permission denied");

        BerthException other = RuncErrors.startFailure("runc", "runc create failed: cgroup trouble");
        assertThat(other.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(other.getMessage()).contains("cgroup trouble");
        assertThat(RuncErrors.lastError("", new ObjectMapper())).isNull();
    }

    @Test
    void killRefusalsAreRecognised() {
        assertThat(RuncErrors.notRunning("time=\"x\" level=error msg=\"container not running\"")).isTrue();
        assertThat(RuncErrors.notRunning("level=error msg=\"container does not exist\"")).isTrue();
        assertThat(RuncErrors.notRunning("permission denied")).isFalse();
    }

    @Test
    void hardOpenFilesLimitIsReadFromProcLimits() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             96365                96365                processes
                Max open files            1024                 20000                files
                """;
        assertThat(HostFacts.nofileHard(limits)).hasValue(20000);
        assertThat(HostFacts.nofileHard("Max open files            unlimited            unlimited            files\n")).isEmpty();
    }

    @Test
    void crunIsUnusableOnHybridCgroupsWithV2Controllers() throws IOException {
        Path root = Files.createTempDirectory("berth-cgroup");
        try {
            assertThat(CgroupLayout.crunUnusableReason(root)).isEmpty();
            Files.createDirectories(root.resolve("unified"));
            Files.writeString(root.resolve("unified/cgroup.controllers"), "hugetlb\n");
            assertThat(CgroupLayout.crunUnusableReason(root)).hasValueSatisfying(r ->
                    assertThat(r).contains("hybrid").contains("hugetlb").contains("runc"));
            Files.writeString(root.resolve("cgroup.controllers"), "cpu memory\n");
            assertThat(CgroupLayout.crunUnusableReason(root)).isEmpty();
        } finally {
            Files.deleteIfExists(root.resolve("cgroup.controllers"));
            Files.deleteIfExists(root.resolve("unified/cgroup.controllers"));
            Files.deleteIfExists(root.resolve("unified"));
            Files.deleteIfExists(root);
        }
    }
}
