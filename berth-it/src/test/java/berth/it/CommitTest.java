package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code docker commit} and {@code docker history} through the real docker CLI (and berth's own). */
@ExtendWith(SharedDaemon.class)
class CommitTest {
    private DaemonHarness daemon;
    private Docker docker;
    private String name;
    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon, org.junit.jupiter.api.TestInfo info) {
        this.daemon = daemon;
        docker = new Docker(daemon);
        name = "it-commit-" + Math.abs(info.getTestMethod().orElseThrow().getName().hashCode() % 100000);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String c : containers) {
            docker.run("rm", "-f", c);
        }
        for (String i : images.reversed()) {
            docker.run("rmi", "-f", i);
        }
    }

    private static Docker.Result ok(Docker.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    /** Runs a script in a new container of {@code image} to its end; returns the container's name. */
    private String ran(String suffix, String image, String script) throws Exception {
        String c = name + suffix;
        containers.add(c);
        ok(docker.run("run", "--name", c, image, "sh", "-c", script));
        return c;
    }

    private String image(String suffix) {
        String i = name + suffix;
        images.add(i);
        return i;
    }

    @Test
    void commit_makesAnImageOfTheContainersChangesThatRunsWithTheNewCmd() throws Exception {
        String base = image("-base");
        ok(docker.run("commit", ran("-1", "busybox", "echo bye > /gone && mkdir -p /keep && echo old > /keep/old && echo v1 > /v"),
                base));
        String c2 = ran("-2", base, "echo hello > /hello && echo v2 > /v && rm /gone && rm -rf /keep && mkdir /keep"
                + " && echo new > /keep/new && ln -s /hello /link && ln /hello /hard && mkfifo /fifo");
        String img = image("-img") + ":v1";

        String id = ok(docker.run("commit", "-c", "CMD [\"cat\", \"/hello\"]", "-m", "msg", "-a", "me", c2, img)).out();

        assertThat(id).startsWith("sha256:");
        assertThat(ok(docker.run("run", "--rm", img)).stdout()).isEqualTo("hello\n");
        String seen = ok(docker.run("run", "--rm", img, "sh", "-c",
                "cat /v; ls /keep; test -e /gone || echo gone-is-gone; readlink /link; cat /hard; test -p /fifo && echo fifo"))
                .stdout();
        assertThat(seen).isEqualTo("v2\nnew\ngone-is-gone\n/hello\nhello\nfifo\n");
        assertThat(ok(docker.run("inspect", "-f", "{{.Author}}|{{.Comment}}|{{json .Config.Cmd}}", img)).out())
                .isEqualTo("me|msg|[\"cat\",\"/hello\"]");
        String baseId = ok(docker.run("inspect", "-f", "{{.Id}}", base)).out();
        assertThat(ok(docker.run("inspect", "-f", "{{.Parent}}", img)).out()).isEqualTo(baseId);
        assertThat(ok(docker.run("inspect", "-f", "{{len .RootFS.Layers}}", img)).out())
                .isEqualTo(Integer.toString(Integer.parseInt(ok(docker.run("inspect", "-f", "{{len .RootFS.Layers}}", base)).out()) + 1));

        List<String> history = ok(docker.run("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}",
                img)).out().lines().toList();
        assertThat(history.get(0)).startsWith(id + "|sh -c echo hello > /hello").endsWith("|msg");
        assertThat(history.get(0).split("\\|")[2]).isNotEqualTo("0B");
        assertThat(history.get(1)).startsWith(baseId + "|sh -c echo bye > /gone");
    }

    @Test
    void commit_ofARunningContainerPausesItMeanwhileAndLeavesItRunning() throws Exception {
        String c = name;
        containers.add(c);
        ok(docker.run("run", "-d", "--name", c, "busybox", "sleep", "600"));
        ok(docker.run("exec", c, "sh", "-c", "echo live > /live"));
        String img = image("-img");

        ok(docker.run("commit", c, img));

        assertThat(ok(docker.run("inspect", "-f", "{{.State.Status}}", c)).out()).isEqualTo("running");
        assertThat(ok(docker.run("run", "--rm", img, "cat", "/live")).stdout()).isEqualTo("live\n");
        // berth's own CLI, without pausing
        ok(docker.run("exec", c, "sh", "-c", "echo two > /two"));
        String img2 = image("-img2");
        ok(Docker.berth(daemon).run("commit", "-p=false", "-m", "second", c, img2 + ":t"));
        assertThat(ok(docker.run("inspect", "-f", "{{.State.Status}}", c)).out()).isEqualTo("running");
        assertThat(ok(docker.run("run", "--rm", img2 + ":t", "cat", "/two")).stdout()).isEqualTo("two\n");
        assertThat(ok(docker.run("inspect", "-f", "{{.Comment}}", img2 + ":t")).out()).isEqualTo("second");
    }

    @Test
    void commit_ofAContainerThatChangedNothingAddsNoLayer() throws Exception {
        String c = ran("", "busybox", "true");
        String img = image("-img");

        ok(docker.run("commit", "-c", "ENV STEP=1", c, img));

        assertThat(ok(docker.run("inspect", "-f", "{{json .RootFS.Layers}}", img)).out())
                .isEqualTo(ok(docker.run("inspect", "-f", "{{json .RootFS.Layers}}", "busybox")).out());
        assertThat(ok(docker.run("history", "--format", "{{.Size}}", img)).out().lines().findFirst()).hasValue("0B");
        assertThat(ok(docker.run("run", "--rm", img, "sh", "-c", "echo $STEP")).stdout()).isEqualTo("1\n");
    }

    @Test
    void commit_answersDockersErrors() throws Exception {
        RawHttp.Response unknown = RawHttp.send(daemon.socket(), "POST", "/v1.41/commit?container=" + name + "-nope", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("No such container: " + name + "-nope");
        Docker.Result cli = docker.run("commit", name + "-nope");
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.stderr()).contains("No such container: " + name + "-nope");

        String c = ran("", "busybox", "true");
        RawHttp.Response bad = RawHttp.send(daemon.socket(), "POST", "/v1.41/commit?container=" + c + "&repo=" + name
                + "-bad&changes=" + URLEncoder.encode("FROM busybox", StandardCharsets.UTF_8), null);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("FROM is not a valid change command");
        assertThat(docker.run("inspect", name + "-bad").exitCode()).isNotZero();
        images.add(name + "-bad"); // in case it was made after all
    }
}
