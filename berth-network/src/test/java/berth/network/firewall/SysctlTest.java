package berth.network.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berth.errors.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changes nothing: writes back the value a setting already has, or fails on a missing interface. */
class SysctlTest {
    @Test
    void proc_writesTheFileUnderProcSys() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path file = Path.of("/proc/sys/net/ipv4/ip_forward");
        String current = Files.readString(file).strip();

        Sysctl.proc().write("net/ipv4/ip_forward", current);

        assertThat(Files.readString(file).strip()).isEqualTo(current);
    }

    @Test
    void proc_failsClearlyForAnInterfaceThatDoesNotExist() {
        assertThatThrownBy(() -> Sysctl.proc().write("net/ipv4/conf/no-such-br0/route_localnet", "1"))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("/proc/sys/net/ipv4/conf/no-such-br0/route_localnet");
    }

    @Test
    void via_failsClearlyForAnInterfaceThatDoesNotExist() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sysctl")), "needs sysctl");
        assertThatThrownBy(() -> Sysctl.via(List.of()).write("net/ipv4/conf/no-such-br0/route_localnet", "1"))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("cannot set net/ipv4/conf/no-such-br0/route_localnet");
    }
}
