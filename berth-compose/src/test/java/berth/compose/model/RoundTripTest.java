package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config} output is a compose file that loads back to the same model. */
class RoundTripTest {
  @TempDir Path tmp;

  private static final String RICH = """
      name: shop
      services:
        web:
          build: {context: ./web, dockerfile: Dockerfile.dev, args: [VERSION=1], target: prod, labels: {a: b}}
          image: shop/web
          command: ["sh", "-c", "echo '$$HOME' yes"]
          entrypoint: []
          environment: {A: "1", YES: "yes", NUM: "1.0", OCT: "0755", EMPTY: "", UNSET: null, COLON: "22:22"}
          ports: ["127.0.0.1:8080-8081:80-81/udp", "9000", {target: 53, published: "5353", protocol: udp, name: dns}]
          expose: ["3000"]
          volumes:
            - ./data:/data:ro,z
            - cache:/cache:nocopy
            - /anon
            - {type: tmpfs, target: /tmp, tmpfs: {size: 64m, mode: 01777}}
          networks:
            front: {aliases: [shop-web], ipv4_address: 172.30.0.10}
            back:
          depends_on:
            db: {condition: service_healthy, restart: true}
          healthcheck: {test: "wget -q localhost || exit 1", interval: 1m30s, timeout: 5s, start_period: 1s, start_interval: 500ms, retries: 3}
          restart: unless-stopped
          deploy: {replicas: 2, resources: {limits: {cpus: "0.5", memory: 512m}, reservations: {memory: 64m}}}
          labels: [com.example.x=1]
          user: "1000"
          working_dir: /app
          hostname: web
          tmpfs: [/run]
          cap_add: [NET_ADMIN]
          cap_drop: [ALL]
          init: true
          privileged: true
          read_only: true
          stop_signal: SIGTERM
          stop_grace_period: 20s
          tty: true
          stdin_open: true
          secrets: [{source: token, target: /run/secrets/t, mode: 0400}]
          configs: [conf]
          extra_hosts: ["h:1.2.3.4"]
          dns: [8.8.8.8]
          dns_search: [example.com]
          logging: {driver: json-file, options: {max-size: 10m}}
          security_opt: ["no-new-privileges:true"]
          ulimits: {nofile: {soft: 1024, hard: 2048}}
          sysctls: {net.core.somaxconn: 1024}
          shm_size: 64m
          mem_limit: 1g
          cpus: 1.5
          container_name: shop-web
          platform: linux/amd64
          pull_policy: missing
          x-note: kept
        db:
          image: postgres:16
          network_mode: none
          profiles: [db]
      networks:
        front: {ipam: {config: [{subnet: 172.30.0.0/24}]}, labels: {tier: front}}
        back: {internal: true}
        outside: {external: true}
      volumes:
        cache: {driver: local}
      secrets:
        token: {file: ./token}
      configs:
        conf: {content: "hello"}
      x-top: {a: 1}
      """;

  @Test
  void yaml_roundTrip_givesTheSameModel() {
    Fixture f = new Fixture(tmp, "app").write("compose.yaml", RICH);
    Project first = ComposeLoader.load(f.options().withProfiles(java.util.List.of("db")));
    String printed = ProjectPrinter.yaml(first);
    f.write("printed.yaml", printed);
    Project second = ComposeLoader.load(f.options().withFiles(java.util.List.of("printed.yaml")).withProfiles(java.util.List.of("db")));
    assertThat(second.services()).isEqualTo(first.services());
    assertThat(second.networks()).isEqualTo(first.networks());
    assertThat(second.volumes()).isEqualTo(first.volumes());
    assertThat(second.secrets()).isEqualTo(first.secrets());
    assertThat(second.configs()).isEqualTo(first.configs());
    assertThat(second.name()).isEqualTo(first.name());
    assertThat(second.extensions()).isEqualTo(first.extensions());
    assertThat(ProjectPrinter.yaml(second)).isEqualTo(printed);
    // spot checks of the printed form
    assertThat(printed).contains("published: '8080'").contains("interval: 1m30s").contains("NUM: '1.0'");
    Service web = second.services().get("web");
    assertThat(web.command()).containsExactly("sh", "-c", "echo '$HOME' yes");
    assertThat(web.environment()).containsEntry("OCT", "0755").containsEntry("COLON", "22:22").containsEntry("UNSET", null);
  }

  @Test
  void json_isTheSameTree() throws Exception {
    Project p = ComposeLoader.load(new Fixture(tmp, "app").write("compose.yaml", RICH).options().withProfiles(java.util.List.of("db")));
    Map<?, ?> json = new ObjectMapper().readValue(ProjectPrinter.json(p), Map.class);
    assertThat(json.get("name")).isEqualTo("shop");
    assertThat(((Map<?, ?>) json.get("services")).keySet().toString()).isEqualTo("[web, db]");
    Map<?, ?> web = (Map<?, ?>) ((Map<?, ?>) json.get("services")).get("web");
    assertThat(web.get("stop_grace_period")).isEqualTo("20s");
    assertThat(web.get("mem_limit")).isEqualTo(1 << 30);
  }

  @Test
  void yaml_serviceKeysAreAlphabetical() {
    Project p = Fixture.yaml(tmp, "services: {s: {image: a, command: x, environment: [A=1], user: u}}\n");
    String y = ProjectPrinter.yaml(p);
    assertThat(y.indexOf("command:")).isLessThan(y.indexOf("environment:"));
    assertThat(y.indexOf("environment:")).isLessThan(y.indexOf("image:"));
    assertThat(y.indexOf("image:")).isLessThan(y.indexOf("user:"));
    assertThat(y).startsWith("name: app\nservices:\n");
  }
}
