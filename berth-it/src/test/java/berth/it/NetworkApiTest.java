package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The network API surface through the real docker CLI and berth's own: create with subnets, labels
 * and options; ls with every filter; inspect's fields; rm and prune rules; connect and disconnect of a
 * stopped container; and Docker's status codes and messages for duplicates (409), unknown names (404),
 * the pre-defined networks and networks in use (403). The data path (DNS, ports, isolation) is NetworksTest's.
 */
@ExtendWith(SharedDaemon.class)
class NetworkApiTest {
    private DaemonHarness daemon;
    private Docker docker;
    private Docker berth;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
        this.docker = new Docker(daemon);
        this.berth = Docker.berth(daemon);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : docker.run("ps", "-aq", "--filter", "label=it-napi").out().lines().toList()) {
            docker.run("rm", "-f", id);
        }
        for (String n : docker.run("network", "ls", "-q", "--filter", "name=it-napi-").out().lines().toList()) {
            docker.run("network", "rm", n);
        }
    }

    private static String ok(Docker cli, String... args) throws Exception {
        Docker.Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    private String ok(String... args) throws Exception {
        return ok(docker, args);
    }

    @Test
    void create_inspect_ls_withSubnetLabelsAndOptions() throws Exception {
        String id = ok("network", "create", "--subnet", "10.251.7.0/24", "--gateway", "10.251.7.1",
                "--ip-range", "10.251.7.128/25", "--label", "team=a", "--label", "tier", "--attachable", "it-napi-one");
        assertThat(id).hasSize(64).matches("[0-9a-f]+");
        assertThat(ok("network", "inspect", "-f", "{{.Id}} {{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.Attachable}} "
                + "{{.EnableIPv6}} {{.IPAM.Driver}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{.IPRange}}{{end}} "
                + "{{.Labels.team}}", "it-napi-one"))
                .isEqualTo(id + " it-napi-one bridge local false true false default 10.251.7.0/24 10.251.7.1 "
                        + "10.251.7.128/25 a");
        assertThat(ok("network", "inspect", "-f", "{{.Name}}", id.substring(0, 12))).as("by id prefix").isEqualTo("it-napi-one");

        ok("network", "create", "--internal", "--label", "team=b", "it-napi-two");
        assertThat(ok("network", "ls", "--filter", "name=it-napi-", "--format", "{{.Name}} {{.Driver}} {{.Scope}}"))
                .isEqualTo("it-napi-one bridge local\nit-napi-two bridge local");
        assertThat(ok("network", "ls", "-q", "--no-trunc", "--filter", "label=team=a")).isEqualTo(id);
        assertThat(ok("network", "ls", "-q", "--filter", "label=tier")).isEqualTo(id.substring(0, 12));
        assertThat(ok("network", "ls", "--format", "{{.Name}}", "--filter", "id=" + id.substring(0, 10))).isEqualTo("it-napi-one");
        assertThat(ok("network", "ls", "--format", "{{.Name}}", "--filter", "type=builtin")).isEqualTo("bridge\nhost\nnone");
        assertThat(ok("network", "ls", "--format", "{{.Name}}", "--filter", "name=it-napi-", "--filter", "type=custom",
                "--filter", "driver=bridge", "--filter", "dangling=true")).isEqualTo("it-napi-one\nit-napi-two");
        assertThat(ok("network", "inspect", "-f", "{{.Internal}}", "it-napi-two")).isEqualTo("true");

        Docker.Result badFilter = docker.run("network", "ls", "--filter", "colour=red");
        assertThat(badFilter.exitCode()).isNotZero();
        assertThat(badFilter.stderr()).contains("invalid filter 'colour'");
    }

    @Test
    void predefinedNetworks_existAndCannotBeRemoved() throws Exception {
        assertThat(ok("network", "inspect", "-f", "{{.Name}} {{.Driver}}", "bridge", "host", "none"))
                .isEqualTo("bridge bridge\nhost host\nnone null");
        RawHttp.Response tc = RawHttp.send(daemon.socket(), "GET", "/networks/bridge", null);
        assertThat(tc.status()).as("Testcontainers asks for the bridge").isEqualTo(200);
        assertThat(tc.body()).contains("\"Name\":\"bridge\"").contains("\"IPAM\":{");
        for (String n : new String[] {"bridge", "host", "none"}) {
            RawHttp.Response rm = RawHttp.send(daemon.socket(), "DELETE", "/networks/" + n, null);
            assertThat(rm.status()).isEqualTo(403);
            assertThat(rm.body()).contains(n + " is a pre-defined network and cannot be removed");
        }
        assertThat(ok("network", "ls", "-q", "--filter", "type=builtin").lines()).hasSize(3);
    }

    @Test
    void errors_haveDockersStatusCodes() throws Exception {
        ok("network", "create", "it-napi-dup");
        RawHttp.Response dup = RawHttp.send(daemon.socket(), "POST", "/networks/create",
                "{\"Name\":\"it-napi-dup\",\"CheckDuplicate\":true}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.body()).contains("network with name it-napi-dup already exists");
        assertThat(docker.run("network", "create", "it-napi-dup").stderr())
                .contains("network with name it-napi-dup already exists");

        RawHttp.Response unknown = RawHttp.send(daemon.socket(), "GET", "/networks/it-napi-nope", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("network it-napi-nope not found");
        Docker.Result inspectUnknown = docker.run("network", "inspect", "it-napi-nope");
        assertThat(inspectUnknown.exitCode()).isNotZero();
        assertThat(inspectUnknown.stderr()).contains("it-napi-nope");
        assertThat(RawHttp.send(daemon.socket(), "DELETE", "/networks/it-napi-nope", null).status()).isEqualTo(404);

        ok("run", "-d", "--label", "it-napi", "--network", "it-napi-dup", "busybox", "sleep", "60");
        RawHttp.Response inUse = RawHttp.send(daemon.socket(), "DELETE", "/networks/it-napi-dup", null);
        assertThat(inUse.status()).as("libnetwork's ActiveEndpointsError is Forbidden").isEqualTo(403);
        assertThat(inUse.body()).contains("has active endpoints");

        RawHttp.Response ipv6 = RawHttp.send(daemon.socket(), "POST", "/networks/create",
                "{\"Name\":\"it-napi-six\",\"EnableIPv6\":true}");
        assertThat(ipv6.status()).isEqualTo(501);
        assertThat(ok("network", "ls", "-q", "--filter", "name=it-napi-six")).as("nothing half-made").isEmpty();
        RawHttp.Response badSubnet = RawHttp.send(daemon.socket(), "POST", "/networks/create",
                "{\"Name\":\"it-napi-bad\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.251.300.0/24\"}]}}");
        assertThat(badSubnet.status()).isEqualTo(400);
    }

    @Test
    void rmAndPrune_removeOnlyUnusedCustomNetworks() throws Exception {
        ok("network", "create", "it-napi-used");
        ok("network", "create", "--label", "keep=1", "it-napi-kept");
        ok("network", "create", "it-napi-idle");
        ok("network", "create", "it-napi-gone");
        ok("create", "--label", "it-napi", "--network", "it-napi-used", "busybox", "true");
        assertThat(ok("network", "rm", "it-napi-gone")).isEqualTo("it-napi-gone");
        String pruned = ok("network", "prune", "-f", "--filter", "label!=keep=1");
        assertThat(pruned).contains("Deleted Networks:").contains("it-napi-idle")
                .doesNotContain("it-napi-used").doesNotContain("it-napi-kept").doesNotContain("bridge");
        assertThat(ok("network", "ls", "--format", "{{.Name}}", "--filter", "name=it-napi-"))
                .isEqualTo("it-napi-kept\nit-napi-used");
    }

    @Test
    void connectAndDisconnect_aStoppedContainer_showInInspect() throws Exception {
        ok("network", "create", "--subnet", "10.251.8.0/24", "it-napi-app");
        ok("create", "--label", "it-napi", "--name", "it-napi-c1", "busybox", "true");
        ok("network", "connect", "--alias", "www", "--ip", "10.251.8.9", "it-napi-app", "it-napi-c1");
        assertThat(ok("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "it-napi-c1"))
                .isEqualTo("bridge it-napi-app");
        assertThat(ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"it-napi-app\").Aliases}} "
                + "{{(index .NetworkSettings.Networks \"it-napi-app\").IPAMConfig.IPv4Address}}", "it-napi-c1"))
                .isEqualTo("[www] 10.251.8.9");
        Docker.Result twice = docker.run("network", "connect", "it-napi-app", "it-napi-c1");
        assertThat(twice.exitCode()).isNotZero();
        assertThat(twice.stderr()).contains("already exists in network it-napi-app");
        Docker.Result outside = docker.run("network", "connect", "--ip", "10.9.9.9", "it-napi-app", "it-napi-c1");
        assertThat(outside.exitCode()).isNotZero();

        ok("network", "disconnect", "it-napi-app", "it-napi-c1");
        assertThat(ok("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "it-napi-c1"))
                .isEqualTo("bridge");
        assertThat(ok("network", "rm", "it-napi-app")).isEqualTo("it-napi-app");
    }

    @Test
    void runningContainer_isListedByNetworkInspectAndPs() throws Exception {
        ok("network", "create", "it-napi-live");
        String id = ok("run", "-d", "--label", "it-napi", "--name", "it-napi-live1", "--network", "it-napi-live",
                "--network-alias", "svc", "-p", "127.0.0.1::80", "busybox", "sleep", "60");
        String ip = ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"it-napi-live\").IPAddress}}", id);
        assertThat(ip).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(ok("network", "inspect", "-f", "{{range $id, $c := .Containers}}{{$id}} {{$c.Name}} {{$c.IPv4Address}}{{end}}",
                "it-napi-live")).startsWith(id + " it-napi-live1 " + ip + "/");
        assertThat(ok("ps", "-q", "--no-trunc", "--filter", "network=it-napi-live")).isEqualTo(id);
        assertThat(ok("ps", "-q", "--no-trunc", "--filter", "label=it-napi", "--filter", "publish=80")).isEqualTo(id);
        assertThat(ok("ps", "--filter", "name=it-napi-live1", "--format", "{{.Networks}} {{.Ports}}"))
                .matches("it-napi-live 127\\.0\\.0\\.1:\\d+->80/tcp");
        assertThat(ok("port", id, "80")).matches("127\\.0\\.0\\.1:\\d+");

        String viaBerth = ok(berth, "run", "-d", "--label", "it-napi", "--name", "it-napi-live2", "--network", "it-napi-live",
                "-p", "127.0.0.1::8080", "--expose", "9000", "busybox", "sleep", "60");
        assertThat(ok(berth, "port", viaBerth, "8080")).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(ok(berth, "ps", "--filter", "name=it-napi-live2", "--format", "{{.Networks}} {{.Ports}}"))
                .matches("it-napi-live 9000/tcp, 127\\.0\\.0\\.1:\\d+->8080/tcp");
        assertThat(ok(berth, "inspect", "-f", "{{json .HostConfig.PortBindings}}", viaBerth))
                .isEqualTo("{\"8080/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]}");
    }

    @Test
    void berthCli_networkCommands_matchDockers() throws Exception {
        String id = ok(berth, "network", "create", "--subnet", "10.251.9.0/24", "--label", "team=c", "it-napi-b1");
        assertThat(id).hasSize(64);
        String ls = ok(berth, "network", "ls", "--filter", "name=it-napi-b");
        assertThat(ls.lines().toList()).containsExactly("NETWORK ID     NAME         DRIVER    SCOPE",
                id.substring(0, 12) + "   it-napi-b1   bridge    local");
        assertThat(ok(berth, "network", "ls", "-q", "--filter", "label=team=c")).isEqualTo(id.substring(0, 12));
        assertThat(ok(berth, "network", "inspect", "-f", "{{.Name}} {{(index .IPAM.Config 0).Subnet}}", "it-napi-b1"))
                .isEqualTo("it-napi-b1 10.251.9.0/24");
        ok(berth, "create", "--label", "it-napi", "--name", "it-napi-bc", "busybox", "true");
        ok(berth, "network", "connect", "--alias", "x1", "it-napi-b1", "it-napi-bc");
        assertThat(ok(berth, "inspect", "-f", "{{(index .NetworkSettings.Networks \"it-napi-b1\").Aliases}}", "it-napi-bc"))
                .isEqualTo("[x1]");
        Docker.Result rmInUse = berth.run("network", "rm", "it-napi-b1");
        assertThat(rmInUse.exitCode()).isEqualTo(1);
        assertThat(rmInUse.stderr()).contains("Error response from daemon:");
        ok(berth, "network", "disconnect", "it-napi-b1", "it-napi-bc");
        Docker.Result rmBridge = berth.run("network", "rm", "bridge");
        assertThat(rmBridge.stderr()).contains("bridge is a pre-defined network and cannot be removed");
        Docker.Result unknown = berth.run("network", "inspect", "it-napi-nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("Error: No such network: it-napi-nope");
        assertThat(ok(berth, "network", "rm", "it-napi-b1")).isEqualTo("it-napi-b1");
        ok(berth, "network", "create", "it-napi-b2");
        assertThat(ok(berth, "network", "prune", "-f")).contains("Deleted Networks:").contains("it-napi-b2");
    }
}
