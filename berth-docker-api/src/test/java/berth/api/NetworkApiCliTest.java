package berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.fake.FakeContainerService;
import berth.api.fake.FakeImageService;
import berth.api.fake.FakeNetworkService;
import berth.network.PortBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The /networks routes and the networking parts of container inspect and ps, driven by the docker CLI over fakes. */
@EnabledIf("berth.api.DockerCli#present")
class NetworkApiCliTest {
    Path dir;
    FakeContainerService containers;
    FakeNetworkService networks;
    DockerApiServer server;
    DockerCli docker;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("berth-api-net");
        FakeImageService images = new FakeImageService();
        images.add("img:latest", List.of("sleep", "60"));
        containers = new FakeContainerService(images);
        networks = new FakeNetworkService();
        containers.networks = networks;
        server = new DockerApiServer(new ApiContext(images, containers, TestInfo.info(dir, images, containers),
                new berth.events.EventLog(), null, networks));
        Path socket = dir.resolve("docker.sock");
        server.start(socket);
        docker = new DockerCli(socket, dir.resolve("cli-config"));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void createThenLsAndInspect_showDockersFields() throws Exception {
        var c = docker.run("network", "create", "--label", "spy=1", "--subnet", "10.77.0.0/24", "--gateway", "10.77.0.1",
                "--internal", "n1");
        assertThat(c.exit()).as(c.err()).isZero();
        String id = c.out().strip();
        assertThat(id).hasSize(64).isEqualTo(networks.inspect("n1").id());

        var ls = docker.run("network", "ls");
        assertThat(ls.out()).startsWith("NETWORK ID     NAME      DRIVER    SCOPE\n")
                .contains(id.substring(0, 12) + "   n1        bridge    local\n")
                .contains("   bridge    bridge    local\n").contains("   host      host      local\n");

        var i = docker.run("network", "inspect", "--format",
                "{{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.Labels.spy}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}",
                "n1");
        assertThat(i.out().strip()).as(i.err()).isEqualTo("n1 bridge local true 1 10.77.0.0/24 10.77.0.1");
    }

    @Test
    void ls_filtersByLabelNameAndType() throws Exception {
        docker.run("network", "create", "--label", "team=a", "alpha");
        docker.run("network", "create", "beta");
        assertThat(docker.run("network", "ls", "-f", "label=team=a", "--format", "{{.Name}}").out()).isEqualTo("alpha\n");
        assertThat(docker.run("network", "ls", "-f", "name=bet", "--format", "{{.Name}}").out()).isEqualTo("beta\n");
        assertThat(docker.run("network", "ls", "-f", "type=custom", "--format", "{{.Name}}").out()).isEqualTo("alpha\nbeta\n");
        var bad = docker.run("network", "ls", "-f", "type=odd");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("invalid filter: 'type'='odd'");
    }

    @Test
    void errors_haveDockersStatusAndWording() throws Exception {
        assertThat(docker.run("network", "create", "dup").exit()).isZero();
        var dup = docker.run("network", "create", "dup");
        assertThat(dup.exit()).isEqualTo(1);
        assertThat(dup.err()).contains("network with name dup already exists");

        var unknown = docker.run("network", "inspect", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("nope").contains("not found");

        var bridge = docker.run("network", "rm", "bridge");
        assertThat(bridge.exit()).isEqualTo(1);
        assertThat(bridge.err()).contains("bridge is a pre-defined network and cannot be removed");

        assertThat(docker.run("run", "-d", "--network", "dup", "--name", "user1", "img").exit()).isZero();
        var inUse = docker.run("network", "rm", "dup");
        assertThat(inUse.exit()).isEqualTo(1);
        assertThat(inUse.err()).contains("has active endpoints");

        var ipv6 = docker.run("network", "create", "--ipv6", "six");
        assertThat(ipv6.exit()).isEqualTo(1);
        assertThat(ipv6.err()).contains("IPv6 networks are not supported by berth");
    }

    @Test
    void rmAndPrune_removeOnlyUnusedCustomNetworks() throws Exception {
        docker.run("network", "create", "gone1");
        docker.run("network", "create", "kept1");
        docker.run("network", "create", "unused1");
        assertThat(docker.run("create", "--network", "kept1", "img").exit()).isZero();
        var rm = docker.run("network", "rm", "gone1");
        assertThat(rm.out()).as(rm.err()).isEqualTo("gone1\n");
        var prune = docker.run("network", "prune", "-f");
        assertThat(prune.out()).as(prune.err()).isEqualTo("Deleted Networks:\nunused1\n\n");
        assertThat(docker.run("network", "ls", "--format", "{{.Name}}").out()).isEqualTo("bridge\nhost\nkept1\nnone\n");
    }

    @Test
    void connectAndDisconnect_changeTheContainersNetworks() throws Exception {
        docker.run("network", "create", "app1");
        assertThat(docker.run("create", "--name", "web1", "img").exit()).isZero();
        var c = docker.run("network", "connect", "--alias", "www", "--ip", "172.18.0.9", "app1", "web1");
        assertThat(c.exit()).as(c.err()).isZero();
        var i = docker.run("inspect", "--format",
                "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.Aliases}}/{{if $v.IPAMConfig}}{{$v.IPAMConfig.IPv4Address}}{{end}} {{end}}",
                "web1");
        assertThat(i.out().strip()).as(i.err()).isEqualTo("app1=[www]/172.18.0.9 bridge=[]/");
        var again = docker.run("network", "connect", "app1", "web1");
        assertThat(again.err()).contains("endpoint with name web1 already exists in network app1");

        assertThat(docker.run("network", "disconnect", "app1", "web1").exit()).isZero();
        assertThat(docker.run("inspect", "--format", "{{len .NetworkSettings.Networks}}", "web1").out().strip()).isEqualTo("1");
    }

    @Test
    void runningContainer_showsAddressPortsAndPsColumns() throws Exception {
        containers.keepRunning = true;
        var run = docker.run("run", "-d", "--name", "pub1", "-p", "8080:80", "--expose", "90", "img");
        assertThat(run.exit()).as(run.err()).isZero();
        String id = run.out().strip();
        networks.plugIn(id, "bridge", "172.17.0.2");
        networks.publishedPorts.put(id, List.of(new PortBinding(80, "tcp", "", 8080)));

        var i = docker.run("inspect", "--format", "{{.NetworkSettings.IPAddress}}/{{.NetworkSettings.IPPrefixLen}} "
                + "{{.NetworkSettings.Gateway}} {{.NetworkSettings.Networks.bridge.IPAddress}} {{json .NetworkSettings.Ports}} "
                + "{{json .HostConfig.PortBindings}}", "pub1");
        assertThat(i.out().strip()).as(i.err()).isEqualTo("172.17.0.2/16 172.17.0.1 172.17.0.2 "
                + "{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"}],\"90/tcp\":null} "
                + "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}");

        // without --format the CLI prints the daemon's own JSON, so the keys' exact spelling shows
        assertThat(docker.run("inspect", "pub1").out()).contains("\"IPAddress\": \"172.17.0.2\"")
                .contains("\"IPPrefixLen\": 16").contains("\"MacAddress\": \"02:42:ac:11:00:02\"")
                .contains("\"NetworkID\": \"" + networks.inspect("bridge").id() + "\"")
                .contains("\"EndpointID\": \"ep").contains("\"HostIp\": \"0.0.0.0\"")
                .contains("\"DNSNames\": [").contains("\"PublishAllPorts\": false");
        assertThat(docker.run("network", "inspect", "bridge").out()).contains("\"IPAM\": {")
                .contains("\"IPv4Address\": \"172.17.0.2/16\"").contains("\"EnableIPv6\": false");

        assertThat(docker.run("port", "pub1").out()).isEqualTo("80/tcp -> 0.0.0.0:8080\n");
        assertThat(docker.run("ps", "--format", "{{.Ports}}|{{.Networks}}").out()).isEqualTo("90/tcp, 0.0.0.0:8080->80/tcp|bridge\n");
        assertThat(docker.run("ps", "-q", "--no-trunc", "-f", "network=bridge").out().strip()).isEqualTo(id);
        assertThat(docker.run("ps", "-q", "-f", "network=app9").out()).isEmpty();
        assertThat(docker.run("ps", "-q", "--no-trunc", "-f", "publish=80").out().strip()).isEqualTo(id);
        assertThat(docker.run("ps", "-q", "--no-trunc", "-f", "expose=90/tcp").out().strip()).isEqualTo(id);
        assertThat(docker.run("ps", "-q", "-f", "publish=81").out()).isEmpty();

        var net = docker.run("network", "inspect", "--format",
                "{{range $id, $c := .Containers}}{{$c.Name}} {{$c.IPv4Address}} {{$c.MacAddress}}{{end}}", "bridge");
        assertThat(net.out().strip()).as(net.err()).isEqualTo("pub1 172.17.0.2/16 02:42:ac:11:00:02");
    }
}
