package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.api.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateRequestTest {
    /** What docker CLI 28 sends for `docker run --rm -it busybox sh` (zero values everywhere). */
    static final String CLI_BODY = """
            {"Hostname":"","Domainname":"","User":"","AttachStdin":true,"AttachStdout":true,"AttachStderr":true,
             "Tty":true,"OpenStdin":true,"StdinOnce":true,"Env":null,"Cmd":["sh"],"Image":"busybox","Volumes":{},
             "WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{},
             "HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":{}},"NetworkMode":"default",
               "PortBindings":{},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":true,"VolumeDriver":"",
               "VolumesFrom":null,"ConsoleSize":[30,100],"CapAdd":null,"CapDrop":null,"CgroupnsMode":"","Dns":[],
               "DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,
               "OomScoreAdj":0,"PidMode":"","Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,
               "SecurityOpt":null,"UTSMode":"","UsernsMode":"","ShmSize":0,"Isolation":"","CpuShares":0,"Memory":0,
               "NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],"CpuPeriod":0,"CpuQuota":0,
               "CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],
               "DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,
               "MemorySwappiness":-1,"OomKillDisable":false,"PidsLimit":0,"Ulimits":[],"CpuCount":0,"CpuPercent":0,
               "IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},
             "NetworkingConfig":{"EndpointsConfig":{"default":{}}}}
            """;

    @Test
    void toSpec_cliZeroValues_requestNothingUnsupported() {
        var spec = CreateRequest.toSpec(Optional.of("web"), Json.parseBody(CLI_BODY.getBytes(StandardCharsets.UTF_8)));
        assertThat(spec.unsupported()).isEmpty();
        assertThat(spec.image()).isEqualTo("busybox");
        assertThat(spec.cmd()).contains(java.util.List.of("sh"));
        assertThat(spec.entrypoint()).isEmpty();
        assertThat(spec.tty()).isTrue();
        assertThat(spec.autoRemove()).isTrue();
        assertThat(spec.networkMode()).isEqualTo("default");
        assertThat(spec.name()).contains("web");
    }

    @Test
    void toSpec_collectsEveryRequestedButUnsupportedFeature() {
        String body = CLI_BODY.replace("\"CpuCount\":0", "\"CpuCount\":2")
                .replace("\"EndpointsConfig\":{\"default\":{}}", "\"EndpointsConfig\":{\"n\":{\"MacAddress\":\"02:42:ac:11:00:09\"}}");
        var spec = CreateRequest.toSpec(Optional.empty(), Json.parseBody(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(spec.unsupported()).containsExactlyInAnyOrder(
                "HostConfig.CpuCount", "NetworkingConfig.EndpointsConfig.n.MacAddress");
    }

    @Test
    void toSpec_passesAnotherContainersNetworkModeToTheEngine() {
        String body = CLI_BODY.replace("\"NetworkMode\":\"default\"", "\"NetworkMode\":\"container:other\"");
        var spec = CreateRequest.toSpec(Optional.empty(), Json.parseBody(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(spec.networkMode()).isEqualTo("container:other");
        assertThat(spec.unsupported()).isEmpty();
    }

    @Test
    void toSpec_readsPortsLinksAndEndpoints() {
        String body = CLI_BODY.replace("\"PortBindings\":{}", "\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\","
                        + "\"HostPort\":\"8080\"}],\"53/udp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}],\"90/tcp\":null}")
                .replace("\"NetworkMode\":\"default\"", "\"NetworkMode\":\"mynet\"")
                .replace("\"PublishAllPorts\":false", "\"PublishAllPorts\":true")
                .replace("\"Links\":null", "\"Links\":[\"db:d\",\"/cache\"]")
                .replace("\"EndpointsConfig\":{\"default\":{}}", "\"EndpointsConfig\":{\"mynet\":{\"Aliases\":[\"web\"],"
                        + "\"Links\":[\"db\"],\"IPAMConfig\":{\"IPv4Address\":\"10.9.0.5\"}}}");
        var spec = CreateRequest.toSpec(Optional.empty(), Json.parseBody(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(spec.unsupported()).isEmpty();
        assertThat(spec.networkMode()).isEqualTo("mynet");
        assertThat(spec.hostConfig().portBindings()).containsExactly(
                new berth.network.PortBinding(80, "tcp", "127.0.0.1", 8080), new berth.network.PortBinding(53, "udp", "", 0));
        assertThat(spec.hostConfig().publishAllPorts()).isTrue();
        assertThat(spec.hostConfig().links()).containsExactly("db:d", "cache:cache");
        assertThat(spec.endpoints()).containsOnlyKeys("mynet");
        assertThat(spec.endpoints().get("mynet")).isEqualTo(
                new berth.network.EndpointConfig(java.util.List.of("web"), java.util.List.of("db:db"), "10.9.0.5"));
    }

    @Test
    void toSpec_badPorts_areRefusedWithDockersWording() {
        for (String[] c : new String[][] {
                {"\"abc/tcp\":[]", "invalid port specification: \"abc\""},
                {"\"99999/tcp\":[]", "invalid port specification: \"99999\""},
                {"\"80/tcp\":[{\"HostPort\":\"99999\"}]", "invalid port specification: \"99999\""},
                {"\"80/tcp\":[{\"HostPort\":\"x1\"}]", "invalid port specification: \"x1\""},
                {"\"80/tcp\":[{\"HostPort\":\"8000-8001\"}]", "host port ranges are not supported"},
                {"\"80/tcp\":[{\"HostIp\":\"nohost\",\"HostPort\":\"1\"}]", "invalid host IP address: \"nohost\""},
                {"\"80/xyz\":[]", "invalid proto: xyz"}}) {
            String body = CLI_BODY.replace("\"PortBindings\":{}", "\"PortBindings\":{" + c[0] + "}");
            assertThatThrownBy(() -> CreateRequest.toSpec(Optional.empty(), Json.parseBody(body.getBytes(StandardCharsets.UTF_8))))
                    .as(c[0]).isInstanceOf(berth.errors.BerthException.class).hasMessageContaining(c[1])
                    .satisfies(e -> assertThat(((berth.errors.BerthException) e).kind())
                            .isEqualTo(berth.errors.ErrorKind.INVALID_ARGUMENT));
        }
        String badLink = CLI_BODY.replace("\"Links\":null", "\"Links\":[\"a:b:c\"]");
        assertThatThrownBy(() -> CreateRequest.toSpec(Optional.empty(), Json.parseBody(badLink.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("invalid link format: a:b:c");
        String badIp = CLI_BODY.replace("\"EndpointsConfig\":{\"default\":{}}",
                "\"EndpointsConfig\":{\"n\":{\"IPAMConfig\":{\"IPv4Address\":\"10.0.0.300\"}}}");
        assertThatThrownBy(() -> CreateRequest.toSpec(Optional.empty(), Json.parseBody(badIp.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("invalid IPv4 address: 10.0.0.300");
    }

    @Test
    void toSpec_readsHostConfigAndHealthcheck() {
        String body = CLI_BODY.replace("\"Binds\":null", "\"Binds\":[\"/h:/c:ro\"]")
                .replace("\"Privileged\":false", "\"Privileged\":true")
                .replace("\"Memory\":0", "\"Memory\":67108864")
                .replace("\"MemorySwap\":0", "\"MemorySwap\":-1")
                .replace("\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0}",
                        "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}")
                .replace("\"ExtraHosts\":null", "\"ExtraHosts\":[\"a:1.2.3.4\"]")
                .replace("\"Ulimits\":[]", "\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":10,\"Hard\":20}]")
                .replace("\"Labels\":{},", "\"Labels\":{},\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],"
                        + "\"Interval\":2000000000,\"Retries\":2},");
        var spec = CreateRequest.toSpec(Optional.empty(), Json.parseBody(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(spec.unsupported()).isEmpty();
        var h = spec.hostConfig();
        assertThat(h.binds()).containsExactly("/h:/c:ro");
        assertThat(h.privileged()).isTrue();
        assertThat(h.resources().memory()).isEqualTo(67108864L);
        assertThat(h.resources().memorySwap()).isEqualTo(-1L);
        assertThat(h.resources().ulimits()).containsExactly(new berth.container.HostConfig.Ulimit("nofile", 10, 20));
        assertThat(h.restartPolicy()).isEqualTo(new berth.container.HostConfig.RestartPolicy("on-failure", 3));
        assertThat(h.extraHosts()).containsExactly("a:1.2.3.4");
        assertThat(spec.healthcheck()).hasValueSatisfying(hc -> {
            assertThat(hc.test()).containsExactly("CMD-SHELL", "true");
            assertThat(hc.intervalNanos()).isEqualTo(2_000_000_000L);
            assertThat(hc.retries()).isEqualTo(2);
        });
    }

    @Test
    void toSpec_badHealthcheckInterval_isRefused() {
        String body = CLI_BODY.replace("\"Labels\":{},", "\"Labels\":{},\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],"
                + "\"Interval\":5},");
        assertThatThrownBy(() -> CreateRequest.toSpec(Optional.empty(),
                Json.parseBody(body.getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("less than 1ms");
    }

    @Test
    void toSpec_explicitNullsAndStringCmd_areDefaults() {
        var spec = CreateRequest.toSpec(Optional.empty(), Json.parseBody(
                "{\"Image\":\"img\",\"Cmd\":\"date\",\"Env\":null,\"HostConfig\":null,\"Labels\":null,\"Shell\":null}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(spec.cmd()).contains(java.util.List.of("date"));
        assertThat(spec.env()).isEmpty();
        assertThat(spec.labels()).isEmpty();
        assertThat(spec.unsupported()).isEmpty();
    }

    @Test
    void validName_followsDockersRule() {
        assertThat(CreateRequest.validName("/ab")).isEqualTo("ab");
        assertThatThrownBy(() -> CreateRequest.validName("x"))
                .hasMessage("Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertThatThrownBy(() -> CreateRequest.validName("-ab")).hasMessageContaining("Invalid container name");
    }

    @Test
    void toSpec_wrongType_namesTheField() {
        assertThatThrownBy(() -> CreateRequest.toSpec(Optional.empty(),
                Json.parseBody("{\"Image\":\"img\",\"Env\":{\"A\":1}}".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("Env");
    }

    @Test
    void toSpec_readsVolumesAndVolumesFrom_andRefusesVolumeOptionsItCannotHonour() {
        String body = CLI_BODY.replace("\"Volumes\":{}", "\"Volumes\":{\"/anon\":{}}")
                .replace("\"VolumesFrom\":null", "\"VolumesFrom\":[\"other:ro\"]");
        var spec = CreateRequest.toSpec(Optional.empty(), Json.parseBody(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(spec.unsupported()).isEmpty();
        assertThat(spec.volumes()).containsExactly("/anon");
        assertThat(spec.volumesFrom()).containsExactly("other:ro");

        String nocopy = "{\"Image\":\"busybox\",\"HostConfig\":{\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"v\","
                + "\"Target\":\"/v\",\"VolumeOptions\":{\"NoCopy\":true}}]}}";
        var m = CreateRequest.toSpec(Optional.empty(), Json.parseBody(nocopy.getBytes(StandardCharsets.UTF_8)));
        assertThat(m.unsupported()).isEmpty();
        assertThat(m.hostConfig().mounts()).singleElement().satisfies(x -> assertThat(x.volumeNoCopy()).isTrue());

        String labelled = nocopy.replace("\"NoCopy\":true", "\"Labels\":{\"a\":\"b\"}");
        assertThat(CreateRequest.toSpec(Optional.empty(), Json.parseBody(labelled.getBytes(StandardCharsets.UTF_8)))
                .unsupported()).singleElement().asString().startsWith("HostConfig.Mounts.VolumeOptions");
    }
}
