package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.api.http.Json;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.network.Endpoint;
import berth.network.EndpointConfig;
import berth.network.IpamPool;
import berth.network.Network;
import berth.network.NetworkSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkWireTest {
    /** What docker CLI 28 sends for `docker network create --label spy=1 --subnet 10.5.0.0/24 --gateway 10.5.0.1 n`. */
    static final String CLI_CREATE = """
            {"Driver":"bridge","Scope":"","IPAM":{"Driver":"default","Options":{},"Config":[{"Subnet":"10.5.0.0/24",
             "Gateway":"10.5.0.1"}]},"Internal":false,"Attachable":false,"Ingress":false,"ConfigOnly":false,
             "ConfigFrom":null,"Options":{},"Labels":{"spy":"1"},"Name":"n","CheckDuplicate":true}
            """;

    static NetworkSpec spec(String body) {
        return NetworkCreateRequest.toSpec(Json.parseBody(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void create_readsTheCliBody() {
        assertThat(spec(CLI_CREATE)).isEqualTo(new NetworkSpec("n", "bridge", false, false,
                List.of(new IpamPool("10.5.0.0/24", "10.5.0.1", "")), Map.of(), Map.of("spy", "1")));
    }

    @Test
    void create_refusesWhatBerthCannotGive() {
        for (String[] c : new String[][] {
                {"\"Name\":\"n\"", "\"Name\":\"\"", "network name must not be empty"},
                {"\"Ingress\":false", "\"Ingress\":false,\"EnableIPv6\":true", "IPv6 networks are not supported"},
                {"\"Ingress\":false", "\"Ingress\":true", "ingress networks"},
                {"\"Driver\":\"default\"", "\"Driver\":\"dhcp\"", "IPAM driver dhcp is not supported"},
                {"\"Subnet\":\"10.5.0.0/24\"", "\"Subnet\":\"fd00::/64\"", "IPv6 subnets are not supported"}}) {
            String body = CLI_CREATE.replace(c[0], c[1]);
            assertThatThrownBy(() -> spec(body)).as(c[1]).hasMessageContaining(c[2]);
        }
        assertThatThrownBy(() -> spec(CLI_CREATE.replace("\"Ingress\":false", "\"Ingress\":false,\"EnableIPv6\":true")))
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED));
    }

    @Test
    void network_hasDockersShape_andListsOnlyPluggedContainers() {
        Network n = new Network("ab".repeat(32), "app", "bridge", Instant.parse("2026-01-02T03:04:05Z"), false, true,
                List.of(new IpamPool("10.5.0.0/24", "10.5.0.1", "")), Map.of(), Map.of("k", "v"));
        Endpoint running = new Endpoint(n.id(), "app", "e1", "eth0", "10.5.0.2", 24, "10.5.0.1", "02:42:0a:05:00:02",
                EndpointConfig.DEFAULT, List.of("web"));
        Endpoint stopped = new Endpoint(n.id(), "app", "", "", "", 0, "", "", EndpointConfig.DEFAULT, List.of("db"));
        String json = new String(Json.bytes(NetworkDtos.of(n, Map.of("c1", running, "c2", stopped), Map.of("c1", "web"))),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"Name\":\"app\",\"Id\":\"" + n.id() + "\",\"Created\":\"2026-01-02T03:04:05Z\","
                + "\"Scope\":\"local\",\"Driver\":\"bridge\",\"EnableIPv6\":false,\"IPAM\":{\"Driver\":\"default\","
                + "\"Options\":null,\"Config\":[{\"Subnet\":\"10.5.0.0/24\",\"Gateway\":\"10.5.0.1\"}]},\"Internal\":false,"
                + "\"Attachable\":true,\"Ingress\":false,\"ConfigFrom\":{\"Network\":\"\"},\"ConfigOnly\":false,"
                + "\"Containers\":{\"c1\":{\"Name\":\"web\",\"EndpointID\":\"e1\",\"MacAddress\":\"02:42:0a:05:00:02\","
                + "\"IPv4Address\":\"10.5.0.2/24\",\"IPv6Address\":\"\"}},\"Options\":{},\"Labels\":{\"k\":\"v\"}}");
    }
}
