package berth.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.cli.CliException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Run/create's networking flags and the network commands' bodies, as docker CLI 28 sends them. */
class NetworkFlagsTest {
    private static ObjectNode body(String... args) {
        CreateCommand c = new CreateCommand();
        new CommandLine(c).setStopAtPositional(true).parseArgs(args);
        return c.options.body("create", false, Map.of());
    }

    @Test
    void publishAndExpose_fillExposedPortsAndPortBindings() {
        JsonNode b = body("-p", "127.0.0.1:18080:80", "-p", "9999", "-p", "[::1]::53/udp", "--expose", "7000-7001",
                "-P", "busybox");
        assertThat(b.path("ExposedPorts").toString())
                .isEqualTo("{\"80/tcp\":{},\"9999/tcp\":{},\"53/udp\":{},\"7000/tcp\":{},\"7001/tcp\":{}}");
        assertThat(b.path("HostConfig").path("PortBindings").toString()).isEqualTo(
                "{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"18080\"}],\"9999/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}],"
                        + "\"53/udp\":[{\"HostIp\":\"::1\",\"HostPort\":\"\"}]}");
        assertThat(b.path("HostConfig").path("PublishAllPorts").asBoolean()).isTrue();
    }

    @Test
    void networkAliasIpAndLink_goToTheNetworksEndpoint() {
        JsonNode b = body("--network", "n", "--network-alias", "web", "--ip", "10.1.0.5", "--link", "db:d", "busybox");
        assertThat(b.path("HostConfig").path("NetworkMode").asText()).isEqualTo("n");
        assertThat(b.path("HostConfig").path("Links").toString()).isEqualTo("[\"db:d\"]");
        assertThat(b.path("NetworkingConfig").toString()).isEqualTo(
                "{\"EndpointsConfig\":{\"n\":{\"IPAMConfig\":{\"IPv4Address\":\"10.1.0.5\"},\"Links\":[\"db:d\"],\"Aliases\":[\"web\"]}}}");
    }

    @Test
    void withoutNetworkFlags_theEndpointIsTheDefaultOne() {
        JsonNode b = body("--link", "db", "busybox");
        assertThat(b.path("NetworkingConfig").toString()).isEqualTo("{\"EndpointsConfig\":{\"default\":{}}}");
        assertThat(b.path("HostConfig").path("Links").toString()).isEqualTo("[\"db\"]");
    }

    @Test
    void badPortsAndAddresses_areRefusedWithDockersWording() {
        assertThatThrownBy(() -> body("-p", "abc", "busybox")).isInstanceOf(CliException.class)
                .hasMessageStartingWith("berth: invalid containerPort: abc");
        assertThatThrownBy(() -> body("-p", "99999:80", "busybox")).hasMessageStartingWith("berth: invalid hostPort: 99999");
        assertThatThrownBy(() -> body("-p", "80/xyz", "busybox")).hasMessageStartingWith("berth: invalid proto: xyz");
        assertThatThrownBy(() -> body("-p", "1.2.3:80:80", "busybox")).hasMessageStartingWith("berth: invalid IP address: 1.2.3");
        assertThatThrownBy(() -> body("-p", "8000-8001:80-82", "busybox"))
                .hasMessageStartingWith("berth: invalid ranges specified for container and host Ports: 80-82 and 8000-8001");
        assertThatThrownBy(() -> body("--expose", "x", "busybox"))
                .hasMessageStartingWith("berth: invalid range format for --expose: x");
        assertThatThrownBy(() -> body("--ip", "10.0.0.300", "busybox")).hasMessageStartingWith("berth: invalid IPv4 address");
        assertThatThrownBy(() -> body("--link", "a:b:c", "busybox"))
                .hasMessageStartingWith("invalid argument \"a:b:c\" for \"--link\" flag: bad format for links: a:b:c");
    }

    @Test
    void networkCreate_sendsTheCliBodyWithPairedPools() {
        NetworkCreateCommand c = new NetworkCreateCommand();
        new CommandLine(c).parseArgs("--subnet", "10.5.0.0/24", "--subnet", "10.6.0.0/16", "--gateway", "10.6.0.254",
                "--ip-range", "10.5.0.128/25", "--label", "spy=1", "-o", "com.docker.network.bridge.name=br9",
                "--internal", "n");
        assertThat(c.body().toString()).isEqualTo("{\"Driver\":\"bridge\",\"Scope\":\"\",\"IPAM\":{\"Driver\":\"default\","
                + "\"Options\":{},\"Config\":[{\"Subnet\":\"10.5.0.0/24\",\"IPRange\":\"10.5.0.128/25\"},"
                + "{\"Subnet\":\"10.6.0.0/16\",\"Gateway\":\"10.6.0.254\"}]},\"Internal\":true,\"Attachable\":false,"
                + "\"Ingress\":false,\"ConfigOnly\":false,\"ConfigFrom\":null,"
                + "\"Options\":{\"com.docker.network.bridge.name\":\"br9\"},\"Labels\":{\"spy\":\"1\"},\"Name\":\"n\","
                + "\"CheckDuplicate\":true}");
    }

    @Test
    void networkCreate_gatewayOutsideEverySubnet_isRefused() {
        NetworkCreateCommand c = new NetworkCreateCommand();
        new CommandLine(c).parseArgs("--subnet", "10.5.0.0/24", "--gateway", "10.9.0.1", "n");
        assertThatThrownBy(c::body).hasMessage("no matching subnet for gateway 10.9.0.1");
        NetworkCreateCommand two = new NetworkCreateCommand();
        new CommandLine(two).parseArgs("--subnet", "10.5.0.0/24", "--gateway", "10.5.0.1", "--gateway", "10.5.0.2", "n");
        assertThatThrownBy(two::body)
                .hasMessage("cannot configure multiple gateways (10.5.0.2, 10.5.0.1) for the same subnet (10.5.0.0/24)");
        NetworkCreateCommand none = new NetworkCreateCommand();
        new CommandLine(none).parseArgs("--gateway", "10.5.0.1", "n");
        assertThatThrownBy(none::body).hasMessage("every ip-range or gateway must have a corresponding subnet");
    }

    @Test
    void networkConnect_sendsAliasesLinksAndAddress() {
        NetworkConnectCommand c = new NetworkConnectCommand();
        new CommandLine(c).parseArgs("--alias", "www", "--ip", "10.5.0.9", "--link", "db:d", "n", "web");
        assertThat(c.body().toString()).isEqualTo("{\"Container\":\"web\",\"EndpointConfig\":{\"IPAMConfig\":"
                + "{\"IPv4Address\":\"10.5.0.9\"},\"Links\":[\"db:d\"],\"Aliases\":[\"www\"]}}");
    }
}
