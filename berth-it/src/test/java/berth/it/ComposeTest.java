package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth compose} through the launcher against a real daemon: the three-service
 * application (a busybox httpd with a healthcheck, a worker, and a service that waits for the web to
 * be healthy and fetches from it by name) comes up, answers on its published port, scales, is left
 * alone by a repeated {@code up}, has only the edited service recreated, and leaves nothing behind
 * after {@code down -v}. Invalid files fail with the key named and create nothing.
 */
@ExtendWith(SharedDaemon.class)
class ComposeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Docker berth;
    private final List<String> projects = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        berth = Docker.berth(daemon);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String p : projects) {
            berth.run("compose", "-p", p, "-f", dir.resolve("compose.yaml").toString(), "down", "-v", "-t", "1");
        }
    }

    private String project() {
        String p = "it" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        projects.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String app(int port, String workerWord) {
        return """
                services:
                  web:
                    image: busybox
                    command: ["sh", "-c", "mkdir -p /www && echo hello-compose > /www/index.html && exec httpd -f -p 80 -h /www"]
                    ports: ["127.0.0.1:%d:80"]
                    stop_grace_period: 1s
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"]
                      interval: 1s
                      timeout: 2s
                      retries: 30
                    volumes:
                      - data:/data
                    networks: [appnet]
                  worker:
                    image: busybox
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo %s; sleep 1; done"]
                    stop_grace_period: 1s
                    networks: [appnet]
                  waiter:
                    image: busybox
                    command: ["sh", "-c", "wget -q -O - http://web/ && exec sleep 3600"]
                    stop_grace_period: 1s
                    depends_on:
                      web:
                        condition: service_healthy
                    networks: [appnet]
                networks:
                  appnet: {}
                volumes:
                  data: {}
                """.formatted(port, workerWord);
    }

    private Docker.Result compose(String project, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("compose", "-p", project, "-f", dir.resolve("compose.yaml").toString()));
        all.addAll(List.of(args));
        return berth.run(all.toArray(String[]::new));
    }

    private Docker.Result ok(String project, String... args) throws Exception {
        Docker.Result r = compose(project, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /** service → container IDs, from {@code ps --format json}. */
    private Map<String, List<String>> ids(String project) throws Exception {
        Map<String, List<String>> m = new HashMap<>();
        for (String line : ok(project, "ps", "--format", "json").stdout().lines().toList()) {
            JsonNode c = JSON.readTree(line);
            m.computeIfAbsent(c.path("Service").asText(), k -> new ArrayList<>()).add(c.path("ID").asText());
        }
        m.values().forEach(l -> l.sort(null));
        return m;
    }

    private static String get(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private List<String> labelled(String project, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("-q", "--filter", "label=com.docker.compose.project=" + project));
        Docker.Result r = berth.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void threeServiceApp_upScaleIdempotentEditAndDown() throws Exception {
        String p = project();
        int port = freePort();
        Files.writeString(dir.resolve("compose.yaml"), app(port, "working"));

        ok(p, "up", "-d");
        // up returns once the waiter has started, which it does only after web became healthy
        assertThat(get(port)).isEqualTo("hello-compose\n");
        Map<String, List<String>> first = ids(p);
        assertThat(first.keySet()).containsExactlyInAnyOrder("web", "worker", "waiter");
        assertThat(ok(p, "ps", "--services").stdout().lines().sorted().toList()).containsExactly("waiter", "web", "worker");
        String webInspect = berth.run("inspect", "-f", "{{index .Config.Labels \"com.docker.compose.service\"}} "
                + "{{index .Config.Labels \"com.docker.compose.container-number\"}} {{.Name}}", first.get("web").getFirst()).out();
        assertThat(webInspect).isEqualTo("web 1 /" + p + "-web-1");

        // the waiter reached the web by its service name
        berth.awaitExecOutput(p + "-waiter-1", "hello-compose", "sh", "-c", "wget -q -O - http://web/");

        ok(p, "up", "-d", "--scale", "worker=3");
        Map<String, List<String>> scaled = ids(p);
        assertThat(scaled.get("worker")).hasSize(3).contains(first.get("worker").getFirst());
        assertThat(scaled.get("web")).isEqualTo(first.get("web"));
        // replicas share the service name: DNS answers with every replica's address
        String lookup = ok(p, "exec", "-T", "waiter", "nslookup", "worker").stdout();
        for (int n = 1; n <= 3; n++) {
            String ip = berth.run("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                    p + "-worker-" + n).out();
            assertThat(lookup).as("nslookup worker").contains(ip);
        }

        ok(p, "up", "-d", "--scale", "worker=3");
        assertThat(ids(p)).as("a second up changes nothing").isEqualTo(scaled);

        Files.writeString(dir.resolve("compose.yaml"), app(port, "working-v2"));
        ok(p, "up", "-d", "--scale", "worker=3");
        Map<String, List<String>> edited = ids(p);
        assertThat(edited.get("web")).isEqualTo(scaled.get("web"));
        assertThat(edited.get("waiter")).isEqualTo(scaled.get("waiter"));
        assertThat(edited.get("worker")).hasSize(3).doesNotContainAnyElementsOf(scaled.get("worker"));

        // logs carry the "worker-1  | " prefix; exec returns the command's output and exit code
        String logs = "";
        for (int i = 0; i < 100 && !logs.contains("worker-1  | working-v2"); i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            logs = ok(p, "logs", "--no-color", "worker").stdout();
        }
        assertThat(logs).contains("worker-1  | working-v2").contains("worker-3  | working-v2");
        assertThat(ok(p, "exec", "-T", "web", "cat", "/www/index.html").stdout()).isEqualTo("hello-compose\n");
        assertThat(compose(p, "exec", "-T", "web", "sh", "-c", "exit 7").exitCode()).isEqualTo(7);
        assertThat(ok(p, "port", "web", "80").out()).isEqualTo("127.0.0.1:" + port);
        assertThat(berth.run("compose", "ls").stdout()).contains(p).contains("running(5)");

        ok(p, "down", "-v", "-t", "1");
        assertThat(labelled(p, "ps", "-a")).isEmpty();
        assertThat(labelled(p, "network", "ls")).isEmpty();
        assertThat(labelled(p, "volume", "ls")).isEmpty();
    }

    @Test
    void invalidFiles_nameTheKey_andCreateNothing() throws Exception {
        String p = project();
        Map<String, String> cases = Map.of(
                "services:\n  web:\n    image: busybox\n    imagee: x\n", "imagee",
                "services:\n  web:\n    image: busybox\n    ports: [{target: \"eighty\"}]\n", "services.web.ports",
                "services:\n  web:\n    image: busybox\n    depends_on: [db]\n", "db",
                "services:\n  web:\n    image: busybox\n    networks: [missing]\nvolumes:\n  data: {}\n", "missing");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(dir.resolve("compose.yaml"), c.getKey());
            Docker.Result r = compose(p, "up", "-d");
            assertThat(r.exitCode()).as(c.getKey() + r).isEqualTo(1);
            assertThat(r.stderr()).as(c.getKey()).contains(c.getValue());
        }
        // valid, but an external volume is missing: refused before any network is made
        Files.writeString(dir.resolve("compose.yaml"),
                "services:\n  web:\n    image: busybox\n    volumes: [v:/v]\nvolumes:\n  v:\n    external: true\n    name: nosuchvolume-" + p + "\n");
        Docker.Result r = compose(p, "up", "-d");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("external volume \"nosuchvolume-" + p + "\" not found");
        assertThat(labelled(p, "ps", "-a")).isEmpty();
        assertThat(labelled(p, "network", "ls")).isEmpty();
        assertThat(labelled(p, "volume", "ls")).isEmpty();
    }

    @Test
    void attachedUp_printsPrefixedLogsUntilTheContainersExit() throws Exception {
        String p = project();
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  a:
                    image: busybox
                    command: ["sh", "-c", "echo from-a"]
                  b:
                    image: busybox
                    command: ["sh", "-c", "echo from-b; exit 2"]
                """);
        Docker.Result r = compose(p, "up", "--no-color");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("a-1  | from-a\n").contains("b-1  | from-b\n")
                .contains("a-1 exited with code 0\n").contains("b-1 exited with code 2\n");
    }

    /**
     * logs -f follows the containers that start after it began, as Compose v2 does: a replica added by
     * a scale, and a restarted container from its new run's first line; it ends once all have stopped.
     */
    @Test
    void logsFollow_picksUpNewAndRestartedContainers() throws Exception {
        String p = project();
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  tick:
                    image: busybox
                    command: ["sh", "-c", "trap 'exit 0' TERM; i=0; while true; do i=$$((i+1)); echo run-$$i; sleep 0.2; done"]
                    stop_grace_period: 1s
                """);
        ok(p, "up", "-d");
        List<String> args = new ArrayList<>(List.of("compose", "-p", p, "-f", dir.resolve("compose.yaml").toString(),
                "logs", "-f", "--no-color"));
        Process follow = berth.spawn(args.toArray(String[]::new));
        StringBuffer seen = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        try {
            awaitText(seen, "tick-1  | run-");
            ok(p, "up", "-d", "--scale", "tick=2");
            awaitText(seen, "tick-2  | run-");
            String first = ids(p).get("tick").getFirst();
            assertThat(count(seen, "tick-1  | run-1\n")).as(seen.toString()).isEqualTo(1);
            // one replica restarted while the other runs on (when all stop, logs -f ends, as Compose v2's does)
            Docker.Result restart = berth.run("restart", "-t", "1", p + "-tick-1");
            assertThat(restart.exitCode()).as(restart.toString()).isZero();
            // both runs' first lines: the restarted container was followed from its new start
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (count(seen, "tick-1  | run-1\n") < 2) {
                assertThat(System.nanoTime()).as("the restarted tick-1's first line:\n" + seen).isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(ids(p).get("tick")).contains(first);
            ok(p, "stop", "-t", "1");
            assertThat(follow.waitFor(60, TimeUnit.SECONDS)).as("logs -f ends once every container stopped:\n" + seen).isTrue();
            assertThat(follow.exitValue()).isZero();
            reader.join();
        } finally {
            follow.destroyForcibly();
        }
    }

    private static int count(StringBuffer seen, String text) {
        String all = seen.toString();
        int n = 0;
        for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    private static void awaitText(StringBuffer seen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!seen.toString().contains(text)) {
            assertThat(System.nanoTime()).as("no \"" + text + "\" within 60 s:\n" + seen).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void run_startsDependencies_andReturnsTheExitCode() throws Exception {
        String p = project();
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  db:
                    image: busybox
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
                  app:
                    image: busybox
                    depends_on: [db]
                """);
        Docker.Result r = compose(p, "run", "--rm", "-T", "app", "sh", "-c", "echo ran; exit 3");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("ran\n");
        assertThat(ids(p).keySet()).containsExactly("db");
        assertThat(ok(p, "ps", "-a", "-q").stdout().lines().count()).as("the one-off was removed").isEqualTo(1);
    }
}
