package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.ContainerConfig;
import berth.container.HostConfig;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.network.PortBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerNetworkModeTest {
    private static final HostConfig PLAIN = HostConfig.DEFAULT;
    private static final ContainerConfig CONFIG = new ContainerConfig("abc", "", "", false, false, false, false, false,
            false, List.of(), List.of("true"), List.of(), "busybox", "", Map.of(), List.of(), Optional.empty(),
            Optional.empty());

    /** As HostConfig.DEFAULT, with DNS servers and extra hosts. */
    private static HostConfig withDnsAndHosts(List<String> dns, List<String> extraHosts) {
        return new HostConfig(HostConfig.Resources.NONE, List.of(), List.of(), Map.of(), List.of(), List.of(), false,
                List.of(), false, List.of(), List.of(), false, "", "", "", extraHosts, dns, List.of(), List.of(),
                Map.of(), 0, HostConfig.RestartPolicy.NO);
    }

    @Test
    void validate_acceptsAPlainContainerMode_andIgnoresOtherModes() {
        assertThatCode(() -> ContainerNetworkMode.validate("container:web", PLAIN, Optional.empty(), List.of())).doesNotThrowAnyException();
        assertThatCode(() -> ContainerNetworkMode.validate("container:web", PLAIN, Optional.of(""), List.of())).doesNotThrowAnyException();
        HostConfig published = PLAIN.withPorts(List.of(new PortBinding(80, "tcp", "", 8080)), false, List.of("db:d"));
        assertThatCode(() -> ContainerNetworkMode.validate("mynet", published, Optional.of("h"), List.of("80/tcp"))).doesNotThrowAnyException();
    }

    @Test
    void validate_rejectsWhatNeedsANetworkOfItsOwn_withDockersMessages() {
        assertInvalid(PLAIN, Optional.of("h"), "conflicting options: hostname and the network mode");
        assertInvalid(PLAIN.withPorts(List.of(), false, List.of("db:d")), Optional.empty(),
                "conflicting options: container type network can't be used with links");
        assertInvalid(PLAIN.withPorts(List.of(new PortBinding(80, "tcp", "", 8080)), false, List.of()), Optional.empty(),
                "conflicting options: port publishing and the container type network mode");
        assertInvalid(PLAIN.withPorts(List.of(), true, List.of()), Optional.empty(),
                "conflicting options: port publishing and the container type network mode");
        assertInvalid(withDnsAndHosts(List.of("1.1.1.1"), List.of()), Optional.empty(),
                "conflicting options: dns and the network mode");
        assertInvalid(withDnsAndHosts(List.of(), List.of("h:10.0.0.1")), Optional.empty(),
                "conflicting options: custom host-to-IP mapping and the network mode");
        assertInvalid(PLAIN, Optional.empty(), List.of("80/tcp"),
                "conflicting options: port exposing and the container type network mode");
        assertThatThrownBy(() -> ContainerNetworkMode.validate("container:", PLAIN, Optional.empty(), List.of()))
                .isInstanceOf(BerthException.class).hasMessageContaining("container:<name|id>");
    }

    @Test
    void target_isEmptyForOtherModesAndForANameThatDoesNotExistYet() {
        assertThat(ContainerNetworkMode.target("bridge", ref -> {
            throw new AssertionError("no lookup for " + ref);
        })).isEmpty();
        assertThat(ContainerNetworkMode.target("container:later", ref -> {
            throw BerthException.notFound("No such container: " + ref);
        })).isEmpty();
        assertThat(ContainerNetworkMode.withHostnameOf(Optional.empty(), CONFIG)).isSameAs(CONFIG);
    }

    @Test
    void checkConnect_refusesAContainerInAnothersNamespace() {
        assertThatCode(() -> ContainerNetworkMode.checkConnect("mynet")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ContainerNetworkMode.checkConnect("container:" + "a".repeat(64)))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("container sharing network namespace with another container or host cannot be connected to any other network");
    }

    @Test
    void donor_isEmptyForOtherModes_andNotFoundForAMissingTarget() {
        assertThat(ContainerNetworkMode.donor("self", "mynet", ref -> {
            throw new AssertionError("no lookup for " + ref);
        })).isEmpty();
        assertThatThrownBy(() -> ContainerNetworkMode.donor("self", "container:gone", ref -> {
            throw BerthException.notFound("No such container: " + ref);
        })).isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage("No such container: gone");
    }

    private static void assertInvalid(HostConfig h, Optional<String> hostname, String message) {
        assertInvalid(h, hostname, List.of(), message);
    }

    private static void assertInvalid(HostConfig h, Optional<String> hostname, List<String> exposed, String message) {
        assertThatThrownBy(() -> ContainerNetworkMode.validate("container:web", h, hostname, exposed))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining(message);
    }
}
