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
        Thread.sleep(1100);
        String until = Long.toString(System.currentTimeMillis() / 1000);
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
        ProcessBuilder pb = new ProcessBuilder(Docker.DOCKER, "-H", daemon.host(), "events", "--filter",
                "container=it-live", "--format", "{{.Action}}");
        pb.environment().remove("DOCKER_HOST");
        Process events = pb.redirectErrorStream(true).start();
        try {
            Thread.sleep(500);
            docker.run("run", "-d", "--name", "it-live", "busybox", "sleep", "100");
            docker.run("top", "it-live");
            docker.run("update", "--cpu-shares", "512", "it-live");
            docker.run("pause", "it-live");
            docker.run("unpause", "it-live");
            docker.run("kill", "it-live");
            docker.run("rm", "it-live");
            BufferedReader in = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
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
        Thread.sleep(1100);
        Docker.Result r = docker.run("events", "--since", Long.toString(since), "--until",
                Long.toString(System.currentTimeMillis() / 1000), "--filter", "type=image",
                "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        assertThat(r.stdout().lines().toList()).containsSubsequence("tag it-ev-image:v1", "untag it-ev-image:v1");

        Docker.Result bad = docker.run("events", "--since", "0", "--until", "1", "--filter", "colour=red");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("invalid filter 'colour'");
    }
}
