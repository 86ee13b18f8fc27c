package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker-compose 1.29 (Debian's package, which bin/install-deps --tests installs, with its
 * docker-py 5.0.3) drives the berth daemon unchanged: a three-service application (a busybox httpd
 * with a healthcheck and a published port, a worker printing lines, and a client that starts only
 * once the web is healthy) on a named network with a named volume goes through {@code up -d},
 * {@code ps}, {@code logs}, {@code exec}, scaling, a no-change {@code up -d} and {@code down -v}.
 * With three workers the service name resolves, through the embedded DNS, to all three addresses.
 * A service with {@code network_mode: service:x} lives in x's network namespace.
 */
@ExtendWith(SharedDaemon.class)
class DockerComposeV1Test {
    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");

    @TempDir
    Path dir;

    @Test
    void dockerCompose_upPsLogsExecScaleAndDown_againstBerth(DaemonHarness daemon) throws Exception {
        // bin/install-deps --tests installs it: a missing client is a broken set-up, not a reason to skip
        assertThat(COMPOSE).as("docker-compose is installed by bin/install-deps --tests").isExecutable();
        String project = "dcv1" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        int port = freePort();
        String token = "hello-" + project;
        Files.writeString(dir.resolve("docker-compose.yml"), composeFile(port, token));
        Compose compose = new Compose(daemon, dir, project);
        Docker docker = new Docker(daemon);
        try {
            Result up = compose.run("up", "-d");
            assertThat(up.exitCode()).as(up.toString()).isZero();
            assertThat(up.output()).contains("Creating network \"" + project + "_appnet\"",
                    "Creating volume \"" + project + "_appdata\"");
            // client depends on web being healthy: up -d returns once it is, and web's health is visible
            assertThat(docker.run("inspect", "-f", "{{.State.Health.Status}}", project + "_web_1").out()).isEqualTo("healthy");
            assertThat(docker.run("inspect", "-f", "{{.State.Running}}", project + "_client_1").out()).isEqualTo("true");

            assertThat(awaitHttp(port, token)).isEqualTo(token + "\n");

            Result ps = compose.run("ps");
            assertThat(ps.exitCode()).as(ps.toString()).isZero();
            assertThat(ps.output()).containsPattern(project + "_web_1 .*Up \\(healthy\\).*0\\.0\\.0\\.0:" + port + "->8080/tcp")
                    .containsPattern(project + "_worker_1 .*Up")
                    .containsPattern(project + "_client_1 .*Up");

            Result logs = compose.await(r -> r.output().contains("worker-line-2"), "logs", "--no-color", "worker");
            assertThat(logs.output()).contains("worker_1  | worker-line-0", "worker_1  | worker-line-1");
            // the client fetched the page through the service name, once web was healthy
            assertThat(compose.run("logs", "--no-color", "client").output()).contains("client_1  | " + token);

            Result exec = compose.run("exec", "-T", "web", "cat", "/www/index.html");
            assertThat(exec.exitCode()).as(exec.toString()).isZero();
            assertThat(exec.output().strip()).isEqualTo(token);
            // compose 1.29 execs through the docker CLI; this setting makes it use docker-py's hijacked exec
            Result pyExec = compose.withEnv("COMPOSE_INTERACTIVE_NO_CLI", "1")
                    .run("exec", "-T", "web", "sh", "-c", "ls /data >/dev/null && exit 3");
            assertThat(pyExec.exitCode()).as(pyExec.toString()).isEqualTo(3);

            Result scaled = compose.run("up", "-d", "--scale", "worker=3");
            assertThat(scaled.exitCode()).as(scaled.toString()).isZero();
            assertThat(scaled.output()).contains(project + "_web_1 is up-to-date", project + "_client_1 is up-to-date",
                    "Creating " + project + "_worker_2", "Creating " + project + "_worker_3");
            List<String> workerIps = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                workerIps.add(docker.run("inspect", "-f",
                        "{{(index .NetworkSettings.Networks \"" + project + "_appnet\").IPAddress}}",
                        project + "_worker_" + n).out());
            }
            assertThat(Set.copyOf(workerIps)).hasSize(3).allMatch(ip -> ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));

            // DNS round-robin: the service name answers with every replica, the first one changing
            Set<String> firsts = new LinkedHashSet<>();
            for (int i = 0; i < 4; i++) {
                Result lookup = compose.run("exec", "-T", "client", "nslookup", "-type=a", "worker");
                assertThat(lookup.exitCode()).as(lookup.toString()).isZero();
                List<String> answers = answerAddresses(lookup.output());
                assertThat(answers).as(lookup.output()).containsExactlyInAnyOrderElementsOf(workerIps);
                firsts.add(answers.getFirst());
            }
            assertThat(firsts).as("first address of each answer").hasSizeGreaterThan(1);
            // the third replica, too, finds web by its service name
            Result fromWorker = compose.run("exec", "-T", "--index=3", "worker", "ping", "-c1", "-W2", "web");
            assertThat(fromWorker.exitCode()).as(fromWorker.toString()).isZero();

            List<String> before = projectContainerIds(docker, project);
            assertThat(before).hasSize(5);
            Result again = compose.run("up", "-d", "--scale", "worker=3");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.output()).doesNotContain("Creating", "Recreating", "Starting");
            for (String c : List.of("web_1", "client_1", "worker_1", "worker_2", "worker_3")) {
                assertThat(again.output()).contains(project + "_" + c + " is up-to-date");
            }
            assertThat(projectContainerIds(docker, project)).isEqualTo(before);

            Result down = compose.run("down", "-v");
            assertThat(down.exitCode()).as(down.toString()).isZero();
            assertThat(down.output()).contains("Removing network " + project + "_appnet",
                    "Removing volume " + project + "_appdata");
            assertThat(projectContainerIds(docker, project)).isEmpty();
            assertThat(docker.run("network", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project).out()).isEmpty();
            assertThat(docker.run("volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project).out()).isEmpty();
            assertThat(docker.run("network", "inspect", project + "_appnet").exitCode()).isNotZero();
            assertThat(docker.run("volume", "inspect", project + "_appdata").exitCode()).isNotZero();
        } finally {
            compose.run("down", "-v", "-t", "1");
        }
    }

    @Test
    void dockerCompose_networkModeService_sharesTheServicesNetworkNamespace(DaemonHarness daemon) throws Exception {
        assertThat(COMPOSE).as("docker-compose is installed by bin/install-deps --tests").isExecutable();
        String project = "dcv1n" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        Files.writeString(dir.resolve("docker-compose.yml"), """
                version: "2.4"
                services:
                  web:
                    image: busybox:latest
                    init: true
                    command: ["sh", "-c", "mkdir -p /www && echo side-%s > /www/index.html && exec httpd -f -p 8080 -h /www"]
                  sidecar:
                    image: busybox:latest
                    init: true
                    command: ["sleep", "3600"]
                    network_mode: "service:web"
                """.formatted(project));
        Compose compose = new Compose(daemon, dir, project);
        Docker docker = new Docker(daemon);
        try {
            Result up = compose.run("up", "-d");
            assertThat(up.exitCode()).as(up.toString()).isZero();
            String webId = docker.run("inspect", "-f", "{{.Id}}", project + "_web_1").out();
            assertThat(docker.run("inspect", "-f", "{{.HostConfig.NetworkMode}}", project + "_sidecar_1").out())
                    .isEqualTo("container:" + webId);
            // web's loopback is the sidecar's: its server answers on localhost
            Result fetched = compose.await(r -> r.output().contains("side-" + project),
                    "exec", "-T", "sidecar", "wget", "-q", "-O", "-", "http://localhost:8080/");
            assertThat(fetched.output().strip()).isEqualTo("side-" + project);
            assertThat(compose.run("exec", "-T", "sidecar", "hostname").output().strip())
                    .isEqualTo(compose.run("exec", "-T", "web", "hostname").output().strip());
            assertThat(compose.run("exec", "-T", "sidecar", "cat", "/etc/hosts").output())
                    .isEqualTo(compose.run("exec", "-T", "web", "cat", "/etc/hosts").output());
            Result down = compose.run("down");
            assertThat(down.exitCode()).as(down.toString()).isZero();
            assertThat(projectContainerIds(docker, project)).isEmpty();
        } finally {
            compose.run("down", "-v", "-t", "1");
        }
    }

    /**
     * Compose file format 2.4: the last one docker-compose 1.29 reads with {@code depends_on} conditions.
     * {@code init: true} lets the processes end on SIGTERM (as PID 1 they would ignore it), so stops
     * do not wait out the grace period.
     */
    private static String composeFile(int port, String token) {
        return """
                version: "2.4"
                services:
                  web:
                    image: busybox:latest
                    init: true
                    command: ["sh", "-c", "mkdir -p /www && echo %s > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    ports: ["%d:8080"]
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/"]
                      interval: 1s
                      timeout: 2s
                      retries: 60
                    networks: [appnet]
                    volumes: ["appdata:/data"]
                  worker:
                    image: busybox:latest
                    init: true
                    command: ["sh", "-c", "i=0; while true; do echo worker-line-$$i; i=$$((i+1)); sleep 1; done"]
                    networks: [appnet]
                  client:
                    image: busybox:latest
                    init: true
                    command: ["sh", "-c", "wget -q -O - http://web:8080/ && exec sleep 3600"]
                    depends_on:
                      web:
                        condition: service_healthy
                    networks: [appnet]
                networks:
                  appnet: {}
                volumes:
                  appdata: {}
                """.formatted(token, port);
    }

    /** The addresses of the answer section of busybox nslookup's output (after "Name:"), in order. */
    static List<String> answerAddresses(String nslookup) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Name:\\s*\\S+\\s*\\nAddress:\\s*(\\S+)").matcher(nslookup);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<String> projectContainerIds(Docker docker, String project) throws Exception {
        String ids = docker.run("ps", "-aq", "--no-trunc", "--filter", "label=com.docker.compose.project=" + project).out();
        return Arrays.stream(ids.split("\\s+")).filter(s -> !s.isBlank()).sorted().toList();
    }

    /** GETs / on the published port until it answers 200 (the port map is in place once start returns). */
    private static String awaitHttp(int port, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        Exception last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
                last = new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("port " + port + " never served " + token, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }

    /** docker-compose in the project's directory with DOCKER_HOST at the test daemon. */
    private record Compose(DaemonHarness daemon, Path dir, String project, java.util.Map<String, String> env) {
        Compose(DaemonHarness daemon, Path dir, String project) {
            this(daemon, dir, project, java.util.Map.of());
        }

        Compose withEnv(String name, String value) {
            java.util.Map<String, String> more = new java.util.HashMap<>(env);
            more.put(name, value);
            return new Compose(daemon, dir, project, java.util.Map.copyOf(more));
        }

        Result run(String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(COMPOSE.toString(), "--ansi", "never", "-p", project,
                    "-f", dir.resolve("docker-compose.yml").toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("DOCKER_HOST", daemon.host());
            pb.environment().put("DOCKER_CLI_HINTS", "false");
            pb.environment().remove("COMPOSE_PROJECT_NAME");
            pb.environment().remove("COMPOSE_FILE");
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try (var in = p.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("docker-compose " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8));
        }

        /** Runs the command until its result satisfies {@code done}; fails after 30 s. */
        Result await(Predicate<Result> done, String... args) throws IOException, InterruptedException {
            Result r = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                r = run(args);
                if (r.exitCode() == 0 && done.test(r)) {
                    return r;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("docker-compose " + String.join(" ", args) + " never got there: " + r);
        }
    }
}
