package berth.compose.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.client.Json;
import berth.compose.model.ComposeLoader;
import berth.compose.model.LoadOptions;
import berth.compose.model.Project;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateRequestsTest {
    @TempDir
    Path dir;

    private Project load(String yaml) {
        return ComposeLoader.load(LoadOptions.of(dir, Map.of()).withFiles(List.of("-")).withProjectName("demo")
                .withProjectDir(dir).withStdin(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private ObjectNode body(Project p, String service, int number) {
        return CreateRequests.body(p, p.services().get(service),
                ContainerSpec.of(ContainerNames.service(p.name(), service, number), number, "busybox", "hash1"));
    }

    @Test
    void serviceFields_mapToConfigAndHostConfig() {
        Project p = load("""
                services:
                  web:
                    image: busybox
                    command: ["httpd", "-f", "-p", "80"]
                    entrypoint: /bin/sh
                    environment:
                      A: "1"
                    ports: ["127.0.0.1:8080:80", "9000:9000/udp"]
                    expose: ["81"]
                    user: "1000"
                    working_dir: /srv
                    hostname: webhost
                    tmpfs: /run
                    cap_add: [NET_ADMIN]
                    cap_drop: [MKNOD]
                    init: true
                    privileged: true
                    read_only: true
                    stop_signal: SIGUSR1
                    stop_grace_period: 1m30s
                    tty: true
                    stdin_open: true
                    extra_hosts: ["db.local:10.0.0.5"]
                    dns: 1.1.1.1
                    restart: on-failure:3
                    labels:
                      team: web
                    logging:
                      driver: json-file
                      options:
                        max-size: 1m
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 2s
                      timeout: 1s
                      retries: 5
                    deploy:
                      resources:
                        limits:
                          memory: 64m
                          cpus: "0.5"
                """);
        JsonNode b = body(p, "web", 1);
        assertThat(b.path("Image").asText()).isEqualTo("busybox");
        assertThat(Json.text(b.path("Cmd"))).isEqualTo("[\"httpd\",\"-f\",\"-p\",\"80\"]");
        assertThat(Json.text(b.path("Entrypoint"))).isEqualTo("[\"/bin/sh\"]");
        assertThat(Json.text(b.path("Env"))).isEqualTo("[\"A=1\"]");
        assertThat(b.path("ExposedPorts").has("80/tcp")).isTrue();
        assertThat(b.path("ExposedPorts").has("9000/udp")).isTrue();
        assertThat(b.path("ExposedPorts").has("81/tcp")).isTrue();
        assertThat(b.path("User").asText()).isEqualTo("1000");
        assertThat(b.path("WorkingDir").asText()).isEqualTo("/srv");
        assertThat(b.path("Hostname").asText()).isEqualTo("webhost");
        assertThat(b.path("StopSignal").asText()).isEqualTo("SIGUSR1");
        assertThat(b.path("StopTimeout").asInt()).isEqualTo(90);
        assertThat(b.path("Tty").asBoolean()).isTrue();
        assertThat(b.path("OpenStdin").asBoolean()).isTrue();
        assertThat(Json.text(b.path("Healthcheck"))).isEqualTo(
                "{\"Test\":[\"CMD\",\"true\"],\"Interval\":2000000000,\"Timeout\":1000000000,\"Retries\":5}");
        JsonNode h = b.path("HostConfig");
        assertThat(Json.text(h.path("PortBindings").path("80/tcp"))).isEqualTo("[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"}]");
        assertThat(Json.text(h.path("PortBindings").path("9000/udp"))).isEqualTo("[{\"HostIp\":\"\",\"HostPort\":\"9000\"}]");
        assertThat(h.path("Tmpfs").has("/run")).isTrue();
        assertThat(Json.text(h.path("CapAdd"))).isEqualTo("[\"NET_ADMIN\"]");
        assertThat(Json.text(h.path("CapDrop"))).isEqualTo("[\"MKNOD\"]");
        assertThat(h.path("Init").asBoolean()).isTrue();
        assertThat(h.path("Privileged").asBoolean()).isTrue();
        assertThat(h.path("ReadonlyRootfs").asBoolean()).isTrue();
        assertThat(Json.text(h.path("ExtraHosts"))).isEqualTo("[\"db.local:10.0.0.5\"]");
        assertThat(Json.text(h.path("Dns"))).isEqualTo("[\"1.1.1.1\"]");
        assertThat(Json.text(h.path("RestartPolicy"))).isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
        assertThat(h.path("Memory").asLong()).isEqualTo(64L << 20);
        assertThat(h.path("NanoCpus").asLong()).isEqualTo(500_000_000L);
        assertThat(Json.text(h.path("LogConfig"))).isEqualTo("{\"Type\":\"json-file\",\"Config\":{\"max-size\":\"1m\"}}");
        assertThat(h.path("NetworkMode").asText()).isEqualTo("demo_default");
        assertThat(b.path("Labels").path("team").asText()).isEqualTo("web");
    }

    @Test
    void labels_areComposeV2s() {
        Project p = load("""
                services:
                  db:
                    image: busybox
                  web:
                    image: busybox
                    depends_on:
                      db:
                        condition: service_healthy
                """);
        JsonNode l = body(p, "web", 2).path("Labels");
        assertThat(l.path(ComposeLabels.PROJECT).asText()).isEqualTo("demo");
        assertThat(l.path(ComposeLabels.SERVICE).asText()).isEqualTo("web");
        assertThat(l.path(ComposeLabels.CONTAINER_NUMBER).asText()).isEqualTo("2");
        assertThat(l.path(ComposeLabels.ONEOFF).asText()).isEqualTo("False");
        assertThat(l.path(ComposeLabels.CONFIG_HASH).asText()).isEqualTo("hash1");
        assertThat(l.path(ComposeLabels.IMAGE).asText()).isEqualTo("busybox");
        assertThat(l.path(ComposeLabels.DEPENDS_ON).asText()).isEqualTo("db:service_healthy:false");
        assertThat(l.path(ComposeLabels.WORKING_DIR).asText()).isEqualTo(dir.toString());
        assertThat(l.has(ComposeLabels.VERSION)).isTrue();
        assertThat(l.has(ComposeLabels.CONFIG_FILES)).isTrue();
    }

    @Test
    void networks_firstInCreate_othersConnected_withServiceAndContainerAliases() {
        Project p = load("""
                services:
                  web:
                    image: busybox
                    networks:
                      front:
                        aliases: [www]
                      back: {}
                networks:
                  front: {}
                  back: {}
                """);
        ContainerSpec spec = ContainerSpec.of("demo-web-1", 1, "busybox", "h");
        JsonNode b = CreateRequests.body(p, p.services().get("web"), spec);
        assertThat(b.path("HostConfig").path("NetworkMode").asText()).isEqualTo("demo_back");
        assertThat(Json.text(b.path("NetworkingConfig").path("EndpointsConfig").path("demo_back").path("Aliases")))
                .isEqualTo("[\"web\",\"demo-web-1\"]");
        Map<String, ObjectNode> extra = CreateRequests.extraNetworks(p, p.services().get("web"), spec);
        assertThat(extra).containsOnlyKeys("demo_front");
        assertThat(Json.text(extra.get("demo_front").path("Aliases"))).isEqualTo("[\"web\",\"demo-web-1\",\"www\"]");
    }

    @Test
    void volumes_bindNamedAnonymousAndTmpfs() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Project p = load("""
                services:
                  web:
                    image: busybox
                    volumes:
                      - ./data:/data:ro
                      - cache:/cache
                      - /anon
                      - type: tmpfs
                        target: /scratch
                        tmpfs:
                          size: 1048576
                volumes:
                  cache: {}
                """);
        JsonNode b = body(p, "web", 1);
        JsonNode h = b.path("HostConfig");
        assertThat(Json.text(h.path("Binds"))).isEqualTo("[\"" + dir.resolve("data") + ":/data:ro\"]");
        assertThat(Json.text(h.path("Mounts"))).isEqualTo("[{\"Type\":\"volume\",\"Source\":\"demo_cache\",\"Target\":\"/cache\","
                + "\"ReadOnly\":false},{\"Type\":\"tmpfs\",\"Target\":\"/scratch\",\"ReadOnly\":false,\"TmpfsOptions\":{\"SizeBytes\":1048576}}]");
        assertThat(b.path("Volumes").has("/anon")).isTrue();
    }

    @Test
    void secretsAndConfigs_areBindMountedReadOnly() throws Exception {
        Files.writeString(dir.resolve("pw.txt"), "s3cret");
        Files.writeString(dir.resolve("app.conf"), "x=1");
        Project p = load("""
                services:
                  web:
                    image: busybox
                    secrets: [pw]
                    configs: [appconf]
                secrets:
                  pw:
                    file: ./pw.txt
                configs:
                  appconf:
                    file: ./app.conf
                """);
        assertThat(Json.text(body(p, "web", 1).path("HostConfig").path("Binds"))).isEqualTo(
                "[\"" + dir.resolve("pw.txt") + ":/run/secrets/pw:ro\",\"" + dir.resolve("app.conf") + ":/appconf:ro\"]");
    }

    @Test
    void networkModeService_needsTheOtherContainer() {
        Project p = load("""
                services:
                  a:
                    image: busybox
                  b:
                    image: busybox
                    network_mode: "service:a"
                """);
        assertThatThrownBy(() -> body(p, "b", 1)).isInstanceOf(ProjectException.class).hasMessageContaining("service \"a\"");
        JsonNode b = CreateRequests.body(p, p.services().get("b"),
                ContainerSpec.of("demo-b-1", 1, "busybox", "h").withNetworkModeContainer("abc"));
        assertThat(b.path("HostConfig").path("NetworkMode").asText()).isEqualTo("container:abc");
        assertThat(b.has("NetworkingConfig")).isFalse();
    }
}
