package berth.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeLoaderTest {
  @TempDir Path tmp;

  @Test
  void load_normalisesShortSyntaxes() {
    Fixture f = new Fixture(tmp, "app");
    Project p = f.write("compose.yaml", """
        services:
          web:
            build: ./web
            command: httpd -f -p "80"
            entrypoint: []
            environment: [A=1, B, "C=x=y"]
            labels: [com.example=1]
            ports: ["127.0.0.1:8080-8081:80-81/udp", 9000, {target: "53", published: 5353, protocol: udp}]
            expose: [3000, "4000/udp"]
            volumes: ["./data:/data:ro", "cache:/cache", "/anon", "~/conf:/conf"]
            depends_on: [db]
            healthcheck:
              test: wget -q localhost
              interval: 1m30s
              timeout: 5s
              start_period: 500ms
              retries: 3
            stop_grace_period: 20s
            mem_limit: 512m
            shm_size: 64m
            cpus: 1.5
            extra_hosts: ["somehost:1.2.3.4", "v6host=[::1]"]
            ulimits: {nofile: 1024, nproc: {soft: 10, hard: 20}}
            tmpfs: /run
            dns: 8.8.8.8
            secrets: [token]
            init: true
            user: "1000:1000"
          db:
            image: postgres
            networks: [back]
            depends_on:
              cache: {condition: service_healthy}
          cache:
            image: redis
            network_mode: none
        volumes: {cache: {}}
        networks: {back: {}}
        secrets: {token: {file: ./token.txt}}
        """).load();
    Service web = p.services().get("web");
    assertThat(web.build().context()).isEqualTo(f.dir.resolve("web").toString());
    assertThat(web.image()).isNull();
    assertThat(web.imageName("app")).isEqualTo("app-web");
    assertThat(web.command()).containsExactly("httpd", "-f", "-p", "80");
    assertThat(web.entrypoint()).isEmpty();
    assertThat(p.services().get("db").command()).isNull();
    assertThat(web.environment()).containsEntry("A", "1").containsEntry("B", null).containsEntry("C", "x=y");
    assertThat(web.labels()).containsEntry("com.example", "1");
    assertThat(web.ports()).containsExactly(
        new PortConfig(null, 80, "8080", "127.0.0.1", "udp", "ingress", null),
        new PortConfig(null, 81, "8081", "127.0.0.1", "udp", "ingress", null),
        new PortConfig(null, 9000, null, null, "tcp", "ingress", null),
        new PortConfig(null, 53, "5353", null, "udp", "ingress", null));
    assertThat(web.expose()).containsExactly("3000", "4000/udp");
    assertThat(web.volumes()).containsExactly(
        new ServiceVolume("bind", f.dir.resolve("data").toString(), "/data", true, null, new ServiceVolume.BindOptions(null, true, null), null, null),
        new ServiceVolume("volume", "cache", "/cache", false, null, null, null, null),
        new ServiceVolume("volume", null, "/anon", false, null, null, null, null),
        new ServiceVolume("bind", "/home/tester/conf", "/conf", false, null, new ServiceVolume.BindOptions(null, true, null), null, null));
    assertThat(web.dependsOn()).isEqualTo(Map.of("db", new DependsOn(DependsOn.STARTED, false, true)));
    assertThat(p.services().get("db").dependsOn().get("cache").condition()).isEqualTo(DependsOn.HEALTHY);
    assertThat(web.healthcheck()).isEqualTo(new Healthcheck(List.of("CMD-SHELL", "wget -q localhost"),
        Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofMillis(500), null, 3, false));
    assertThat(web.stopGracePeriod()).isEqualTo(Duration.ofSeconds(20));
    assertThat(web.memLimit()).isEqualTo(512L << 20);
    assertThat(web.shmSize()).isEqualTo(64L << 20);
    assertThat(web.cpus()).isEqualTo(1.5);
    assertThat(web.extraHosts()).isEqualTo(Map.of("somehost", List.of("1.2.3.4"), "v6host", List.of("::1")));
    assertThat(web.extraHostEntries()).containsExactly("somehost:1.2.3.4", "v6host:::1");
    assertThat(web.ulimits()).isEqualTo(Map.of("nofile", new Ulimit(1024, 1024), "nproc", new Ulimit(10, 20)));
    assertThat(web.tmpfs()).containsExactly("/run");
    assertThat(web.dns()).containsExactly("8.8.8.8");
    assertThat(web.secrets()).containsExactly(new ServiceFileRef("token", null, null, null, null));
    assertThat(web.init()).isTrue();
    assertThat(p.services().get("db").init()).isNull();
    assertThat(web.user()).isEqualTo("1000:1000");
    // networks: the default one for services without networks or network_mode
    assertThat(web.networks()).containsOnlyKeys("default");
    assertThat(p.services().get("db").networks()).containsOnlyKeys("back");
    assertThat(p.services().get("cache").networks()).isEmpty();
    assertThat(p.networks().get("default").name()).isEqualTo("app_default");
    assertThat(p.networks().get("back").name()).isEqualTo("app_back");
    assertThat(p.volumes().get("cache").name()).isEqualTo("app_cache");
    assertThat(p.secrets().get("token").file()).isEqualTo(f.dir.resolve("token.txt").toString());
    assertThat(p.workingDir()).isEqualTo(f.dir);
    assertThat(p.configFiles()).containsExactly(f.dir.resolve("compose.yaml").toString());
    assertThat(List.copyOf(p.services().keySet())).containsExactly("web", "db", "cache");
  }

  @Test
  void load_engineNames_honourNameAndExternal() {
    Project p = Fixture.yaml(tmp, """
        services: {s: {image: a, networks: [n1, n2, n3], volumes: ["v1:/a", "v2:/b", "v3:/c"]}}
        networks:
          n1: {}
          n2: {name: custom-net}
          n3: {external: true}
        volumes:
          v1:
          v2: {name: custom-vol, driver: local, driver_opts: {type: tmpfs}, labels: [a=b]}
          v3: {external: true, name: pre-existing}
        """);
    assertThat(p.networks().get("n1").name()).isEqualTo("app_n1");
    assertThat(p.networks().get("n2").name()).isEqualTo("custom-net");
    assertThat(p.networks().get("n3")).satisfies(n -> {
      assertThat(n.name()).isEqualTo("n3");
      assertThat(n.external()).isTrue();
    });
    assertThat(p.networks()).doesNotContainKey("default");
    assertThat(p.volumes().get("v1").name()).isEqualTo("app_v1");
    assertThat(p.volumes().get("v2")).isEqualTo(new Volume("custom-vol", "local", Map.of("type", "tmpfs"), Map.of("a", "b"), false));
    assertThat(p.volumes().get("v3").name()).isEqualTo("pre-existing");
  }

  @Test
  void load_unknownValidKeys_areKeptInOther() {
    Project p = Fixture.yaml(tmp, """
        services:
          s:
            image: a
            x-custom: {a: 1}
            blkio_config: {weight: 300}
            build: {context: ., ssh: [default]}
        x-top: shared
        """);
    Service s = p.services().get("s");
    assertThat(s.other()).containsEntry("x-custom", Map.of("a", 1L)).containsEntry("blkio_config", Map.of("weight", 300L));
    assertThat(s.build().other()).containsKey("ssh");
    assertThat(p.extensions()).containsEntry("x-top", "shared");
  }

  @Test
  void load_dotEnvInterpolates_andEnvironmentWins() {
    Fixture f = new Fixture(tmp, "app").env(Map.of("TAG", "fromenv"));
    f.write(".env", "TAG=fromdotenv\nPORT=8080\n");
    f.write("compose.yaml", "services: {web: {image: \"busybox:${TAG}\", ports: [\"${PORT}:80\"], environment: [PORT]}}\n");
    Project p = f.load();
    assertThat(p.services().get("web").image()).isEqualTo("busybox:fromenv");
    assertThat(p.services().get("web").ports().getFirst().published()).isEqualTo("8080");
    assertThat(p.services().get("web").environment()).containsEntry("PORT", "8080");
    assertThat(p.environment()).containsEntry("TAG", "fromenv").containsEntry("PORT", "8080");
  }

  @Test
  void load_envFileOverride_replacesDotEnv() {
    Fixture f = new Fixture(tmp, "app");
    f.write(".env", "TAG=dot\n").write("other.env", "TAG=other\n");
    f.write("compose.yaml", "services: {web: {image: \"b:${TAG}\"}}\n");
    Project p = ComposeLoader.load(f.options().withEnvFiles(List.of(Path.of("other.env"))));
    assertThat(p.services().get("web").image()).isEqualTo("b:other");
    assertThatThrownBy(() -> ComposeLoader.load(f.options().withEnvFiles(List.of(Path.of("nope.env")))))
        .hasMessageContaining("nope.env");
  }

  @Test
  void load_missingRequiredVariable_namesVariableAndKey() {
    assertThatThrownBy(() -> Fixture.yaml(tmp, "services: {db: {image: pg, environment: {PASS: \"${DB_PASS:?is required}\"}}}\n"))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageContaining("DB_PASS")
        .hasMessageContaining("services.db.environment.PASS")
        .hasMessageContaining("is required");
  }

  @Test
  void load_envFile_mergedUnderEnvironment_relativeToProject_optionalAllowed() {
    Fixture f = new Fixture(tmp, "app").env(Map.of("OUTER", "o"));
    f.write("conf/web.env", "A=from-file\nB=from-file\nC=${OUTER}\n");
    f.write("compose.yaml", """
        services:
          web:
            image: a
            env_file: [conf/web.env, {path: missing.env, required: false}]
            environment: {B: from-environment}
        """);
    Service web = f.load().services().get("web");
    assertThat(web.environment()).containsEntry("A", "from-file").containsEntry("B", "from-environment").containsEntry("C", "o");
    f.write("compose.yaml", "services: {web: {image: a, env_file: missing.env}}\n");
    assertThatThrownBy(f::load).hasMessageContaining("env_file").hasMessageContaining("missing.env");
  }

  @Test
  void load_stdin_usesWorkingDirAsProjectDir() {
    Fixture f = new Fixture(tmp, "fromstdin");
    byte[] yaml = "services: {s: {image: a, volumes: [./x:/x]}}\n".getBytes(StandardCharsets.UTF_8);
    Project p = ComposeLoader.load(f.options().withFiles(List.of("-")).withStdin(yaml));
    assertThat(p.name()).isEqualTo("fromstdin");
    assertThat(p.configFiles()).containsExactly("-");
    assertThat(p.services().get("s").volumes().getFirst().source()).isEqualTo(f.dir.resolve("x").toString());
    assertThatThrownBy(() -> ComposeLoader.load(f.options().withFiles(List.of("-")))).hasMessageContaining("standard input");
  }

  @Test
  void load_defaultFiles_pickComposeYamlAndItsOverride_searchingParents() {
    Fixture f = new Fixture(tmp, "proj");
    f.write("docker-compose.yml", "services: {old: {image: a}}\n");
    f.write("compose.yaml", "services: {web: {image: a}}\n");
    f.write("compose.override.yaml", "services: {web: {image: b}}\n");
    f.write("sub/dir/.keep", "");
    Project p = ComposeLoader.load(LoadOptions.of(f.dir.resolve("sub/dir"), Map.of()));
    assertThat(p.services()).containsOnlyKeys("web");
    assertThat(p.services().get("web").image()).isEqualTo("b");
    assertThat(p.configFiles()).containsExactly(f.dir.resolve("compose.yaml").toString(), f.dir.resolve("compose.override.yaml").toString());
    assertThat(p.name()).isEqualTo("proj");
  }

  @Test
  void load_noFile_isAClearError() {
    Fixture f = new Fixture(tmp, "empty");
    assertThatThrownBy(f::load).hasMessageContaining("no configuration file provided");
    assertThatThrownBy(() -> f.load("nope.yaml")).hasMessageContaining("nope.yaml").hasMessageContaining("no such file");
  }

  @Test
  void load_projectDirectoryOption_anchorsRelativePathsAndDotEnv() {
    Fixture f = new Fixture(tmp, "app");
    f.write("files/compose.yaml", "services: {s: {image: \"a:${T}\", volumes: [./d:/d]}}\n");
    f.write("root/.env", "T=fromroot\n");
    Project p = ComposeLoader.load(f.options().withFiles(List.of("files/compose.yaml")).withProjectDir(Path.of("root")));
    assertThat(p.workingDir()).isEqualTo(f.dir.resolve("root"));
    assertThat(p.name()).isEqualTo("root");
    assertThat(p.services().get("s").image()).isEqualTo("a:fromroot");
    assertThat(p.services().get("s").volumes().getFirst().source()).isEqualTo(f.dir.resolve("root/d").toString());
  }

  @Test
  void load_configHashFollowsEnvFileContent() {
    Fixture f = new Fixture(tmp, "app").write("web.env", "A=1\n").write("compose.yaml", "services: {web: {image: a, env_file: web.env}}\n");
    String before = ConfigHash.of(f.load().services().get("web"));
    f.write("web.env", "A=2\n");
    assertThat(ConfigHash.of(f.load().services().get("web"))).isNotEqualTo(before);
  }

  @Test
  void printer_escapesDollarSoOutputReloadsUnchanged() {
    Project p = Fixture.yaml(tmp, "services: {s: {image: a, command: [echo, \"$$HOME\"]}}\n");
    assertThat(p.services().get("s").command()).containsExactly("echo", "$HOME");
    assertThat(ProjectPrinter.yaml(p)).contains("$$HOME");
  }

  @Test
  void load_composeFileVariable_listsFiles() {
    Fixture f = new Fixture(tmp, "app").env(Map.of("COMPOSE_FILE", "a.yaml:b.yaml"));
    f.write("a.yaml", "services: {s: {image: a}}\n").write("b.yaml", "services: {s: {image: b}}\n");
    assertThat(f.load().services().get("s").image()).isEqualTo("b");
  }
}
