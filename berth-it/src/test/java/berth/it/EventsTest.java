package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /events through the real docker CLI: history with since/until, filters, live streaming, Docker's JSON. */
@ExtendWith(SharedDaemon.class)
class EventsTest {
    @Test
    void lifecycleEvents_inDockersOrderAndShape(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        long since = System.currentTimeMillis() / 1000 - 1;
        docker.run("run", "--name", "it-ev", "--label", "tier=web", "busybox", "sh", "-c", "exit 3");
        docker.run("rename", "it-ev", "it-ev2");
        docker.run("rm", "it-ev2");
        String until = now();
        Docker.Result r = docker.run("events", "--since", Long.toString(since), "--until", until,
                "--filter", "label=tier=web", "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).containsSubsequence(
                "container create it-ev <no value>",
                "container attach it-ev <no value>",
                "container start it-ev <no value>",
                "container die it-ev 3",
                "container rename it-ev2 <no value>",
                "container destroy it-ev2 <no value>");

        Docker.Result json = docker.run("events", "--since", Long.toString(since), "--until", until,
                "--filter", "event=die", "--filter", "container=it-ev", "--format", "{{json .}}");
        assertThat(json.stdout().lines().toList()).hasSize(1);
        assertThat(json.out()).contains("\"status\":\"die\"", "\"Type\":\"container\"", "\"from\":\"busybox\"",
                "\"Action\":\"die\"", "\"exitCode\":\"3\"", "\"tier\":\"web\"", "\"scope\":\"local\"", "\"timeNano\":");
    }

    @Test
    void liveStream_deliversEventsAsTheyHappen(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        // --since makes the stream start with the kept events: once "start" is read the client is
        // subscribed, and every later action can only arrive live
        ProcessBuilder pb = new ProcessBuilder(Docker.DOCKER, "-H", daemon.host(), "events", "--since", now(),
                "--filter", "container=it-live", "--format", "{{.Action}}");
        pb.environment().remove("DOCKER_HOST");
        Process events = pb.redirectErrorStream(true).start();
        try {
            docker.run("run", "-d", "--name", "it-live", "busybox", "sleep", "100");
            BufferedReader in = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            while (!seen.contains("start")) {
                String line = in.readLine();
                assertThat(line).as("events so far: " + seen).isNotNull();
                seen.add(line);
            }
            docker.run("top", "it-live");
            docker.run("update", "--cpu-shares", "512", "it-live");
            docker.run("pause", "it-live");
            docker.run("unpause", "it-live");
            docker.run("kill", "it-live");
            docker.run("rm", "it-live");
            while (!seen.contains("destroy")) {
                String line = in.readLine();
                assertThat(line).as("events so far: " + seen).isNotNull();
                seen.add(line);
            }
            assertThat(seen).containsSubsequence("create", "start", "top", "update", "pause", "unpause", "kill", "die",
                    "destroy");
        } finally {
            events.destroy();
            events.waitFor(5, TimeUnit.SECONDS);
            docker.run("rm", "-f", "it-live");
        }
    }

    @Test
    void imageEvents_andBadFilters(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        long since = System.currentTimeMillis() / 1000 - 1;
        docker.run("tag", "busybox", "it-ev-image:v1");
        docker.run("rmi", "it-ev-image:v1");
        Docker.Result r = docker.run("events", "--since", Long.toString(since), "--until", now(), "--filter", "type=image",
                "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        assertThat(r.stdout().lines().toList()).containsSubsequence("tag it-ev-image:v1", "untag it-ev-image:v1");

        Docker.Result bad = docker.run("events", "--since", "0", "--until", "1", "--filter", "colour=red");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("invalid filter 'colour'");
    }

    @Test
    void imageFilter_matchesImageEventsAndContainersOfThatImage(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        String since = now();
        try {
            docker.run("tag", "busybox", "it-ev-img:v2");
            docker.run("run", "--name", "it-ev-imgc", "it-ev-img:v2", "true");
            docker.run("run", "--name", "it-ev-otherc", "busybox", "true");
            Docker.Result r = docker.run("events", "--since", since, "--until", now(), "--filter", "image=it-ev-img:v2",
                    "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            List<String> lines = r.stdout().lines().toList();
            assertThat(lines).containsSubsequence("image tag it-ev-img:v2", "container create it-ev-imgc",
                    "container start it-ev-imgc", "container die it-ev-imgc");
            assertThat(lines).as("another image's container").noneMatch(l -> l.contains("it-ev-otherc"));
        } finally {
            docker.run("rm", "-f", "it-ev-imgc", "it-ev-otherc");
            docker.run("rmi", "it-ev-img:v2");
        }
    }

    @Test
    void networkEvents_createConnectDisconnectDestroy(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        String since = now();
        try {
            assertThat(docker.run("network", "create", "it-ev-net").exitCode()).isZero();
            Docker.Result run = docker.run("run", "-d", "--name", "it-ev-netc", "--network", "it-ev-net", "busybox",
                    "sleep", "100");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            String id = run.out();
            assertThat(docker.run("network", "disconnect", "it-ev-net", "it-ev-netc").exitCode()).isZero();
            docker.run("rm", "-f", "it-ev-netc");
            assertThat(docker.run("network", "rm", "it-ev-net").exitCode()).isZero();
            Docker.Result r = docker.run("events", "--since", since, "--until", now(), "--filter", "type=network",
                    "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}} {{.Actor.Attributes.container}}");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout().lines().toList()).containsSubsequence(
                    "network create it-ev-net bridge <no value>",
                    "network connect it-ev-net bridge " + id,
                    "network disconnect it-ev-net bridge " + id,
                    "network destroy it-ev-net bridge <no value>");
            Docker.Result byName = docker.run("events", "--since", since, "--until", now(), "--filter", "network=it-ev-net",
                    "--format", "{{.Action}}");
            assertThat(byName.stdout().lines().toList()).containsExactly("create", "connect", "disconnect", "destroy");
        } finally {
            docker.run("rm", "-f", "it-ev-netc");
            docker.run("network", "rm", "it-ev-net");
        }
    }

    @Test
    void execEvents_createStartDie(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        String since = now();
        try {
            docker.run("run", "-d", "--name", "it-ev-exec", "busybox", "sleep", "100");
            assertThat(docker.run("exec", "it-ev-exec", "sh", "-c", "exit 4").exitCode()).isEqualTo(4);
            // exec_die may follow the exit code the client got: read the stream until it comes
            ProcessBuilder pb = new ProcessBuilder(Docker.DOCKER, "-H", daemon.host(), "events", "--since", since,
                    "--filter", "container=it-ev-exec", "--format", "{{.Action}} {{.Actor.Attributes.exitCode}}");
            pb.environment().remove("DOCKER_HOST");
            Process events = pb.redirectErrorStream(true).start();
            List<String> execEvents = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8))) {
                while (execEvents.stream().noneMatch(l -> l.startsWith("exec_die"))) {
                    String line = in.readLine();
                    assertThat(line).as("events so far: " + execEvents).isNotNull();
                    if (line.startsWith("exec_")) {
                        execEvents.add(line);
                    }
                }
            } finally {
                events.destroy();
                events.waitFor(5, TimeUnit.SECONDS);
            }
            assertThat(execEvents).containsExactly(
                    "exec_create: sh -c exit 4 <no value>", "exec_start: sh -c exit 4 <no value>", "exec_die 4");
            Docker.Result byEvent = docker.run("events", "--since", since, "--until", now(), "--filter", "container=it-ev-exec",
                    "--filter", "event=exec_create", "--format", "{{.Action}}");
            assertThat(byEvent.stdout().lines().toList()).as("exec_create matches the action with its command, as Docker's")
                    .containsExactly("exec_create: sh -c exit 4");
        } finally {
            docker.run("rm", "-f", "it-ev-exec");
        }
    }

    @Test
    void resizeEvent_carriesTheNewSize(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        String since = now();
        try {
            docker.run("run", "-d", "-t", "--name", "it-ev-resize", "busybox", "sleep", "100");
            RawHttp.Response r = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/it-ev-resize/resize?h=21&w=42", null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            Docker.Result events = docker.run("events", "--since", since, "--until", now(), "--filter", "container=it-ev-resize",
                    "--filter", "event=resize", "--format", "{{.Action}} {{.Actor.Attributes.height}}x{{.Actor.Attributes.width}}");
            assertThat(events.stdout().lines().toList()).containsExactly("resize 21x42");
        } finally {
            docker.run("rm", "-f", "it-ev-resize");
        }
    }

    /** Now, as the seconds.nanoseconds the docker CLI passes on for --since and --until. */
    private static String now() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }
}
