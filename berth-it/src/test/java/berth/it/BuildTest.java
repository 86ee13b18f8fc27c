package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker build} with {@code DOCKER_BUILDKIT=0} (the classic builder's {@code POST /build}) against
 * berth. The texts expected are what dockerd 20.10 printed for the same Dockerfiles.
 */
@ExtendWith(SharedDaemon.class)
class BuildTest {
    private Docker docker;
    private String name;
    private final List<String> images = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon, org.junit.jupiter.api.TestInfo info) {
        docker = Builds.cli(daemon);
        name = "it-build-" + Math.abs(info.getTestMethod().orElseThrow().getName().hashCode() % 100000);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String i : images.reversed()) {
            docker.run("rmi", "-f", i);
        }
    }

    private String image(String suffix) {
        String i = name + suffix;
        images.add(i);
        return i;
    }

    private static Docker.Result ok(Docker.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    /** A multi-stage Dockerfile under another name, with a .dockerignore, args, labels and every config step. */
    private static Path multiStageContext(Path dir, String nonce) throws Exception {
        return Builds.write(dir,
                ".dockerignore", """
                        # comments and blank lines are skipped

                        **/*.log
                        **/*.key
                        !src/keep.key
                        logs
                        """,
                "src/a.txt", "hello\n",
                "src/sub/b.txt", "sub\n",
                "src/secret.key", "secret\n",
                "src/keep.key", "kept\n",
                "src/sub/n.log", "nested log\n",
                "logs/x.log", "log\n",
                "Build.dockerfile", """
                        ARG BASE=busybox
                        FROM ${BASE} AS builder
                        ARG GREETING=hi
                        WORKDIR /work
                        COPY src/ ./src/
                        RUN echo "$GREETING from builder" > /work/out.txt && find /work/src -type f | sort > /work/listing
                        FROM busybox AS final
                        LABEL org.example.stage=final org.example.nonce=%s
                        ENV APP_HOME=/app PATH_EXTRA=x
                        RUN echo "app:x:1234:1234::/app:/bin/sh" >> /etc/passwd && echo "app:x:1234:" >> /etc/group
                        COPY --from=builder /work/out.txt /work/listing ${APP_HOME}/
                        COPY --chown=1234:1234 src/a.txt ${APP_HOME}/owned.txt
                        USER app
                        WORKDIR ${APP_HOME}
                        EXPOSE 8080/tcp 9090/udp
                        HEALTHCHECK --interval=5s --timeout=2s --retries=3 CMD test -f /app/out.txt
                        ENTRYPOINT ["sh", "-c"]
                        CMD ["cat /app/out.txt"]
                        FROM final AS extra
                        RUN echo never-built
                        """.formatted(nonce));
    }

    @Test
    void build_multiStageWithIgnoreArgsAndTarget_makesAnImageThatRunsAsWritten(@TempDir Path dir) throws Exception {
        String nonce = Builds.nonce();
        Path ctx = multiStageContext(dir, nonce);
        String one = image(":one");
        String two = image(":two");
        Path iidfile = dir.resolve("iid");

        Docker.Result r = ok(docker.run("build", "-f", ctx.resolve("Build.dockerfile").toString(), "--target", "final",
                "--build-arg", "GREETING=hello", "--label", "from.cli=yes", "-t", one, "-t", two,
                "--iidfile", iidfile.toString(), ctx.toString()));

        assertThat(Builds.steps(r.stdout())).containsExactly(
                "Step 1/19 : ARG BASE=busybox",
                "Step 2/19 : FROM ${BASE} AS builder",
                "Step 3/19 : ARG GREETING=hi",
                "Step 4/19 : WORKDIR /work",
                "Step 5/19 : COPY src/ ./src/",
                "Step 6/19 : RUN echo \"$GREETING from builder\" > /work/out.txt && find /work/src -type f | sort > /work/listing",
                "Step 7/19 : FROM busybox AS final",
                "Step 8/19 : LABEL org.example.stage=final org.example.nonce=" + nonce,
                "Step 9/19 : ENV APP_HOME=/app PATH_EXTRA=x",
                "Step 10/19 : RUN echo \"app:x:1234:1234::/app:/bin/sh\" >> /etc/passwd && echo \"app:x:1234:\" >> /etc/group",
                "Step 11/19 : COPY --from=builder /work/out.txt /work/listing ${APP_HOME}/",
                "Step 12/19 : COPY --chown=1234:1234 src/a.txt ${APP_HOME}/owned.txt",
                "Step 13/19 : USER app",
                "Step 14/19 : WORKDIR ${APP_HOME}",
                "Step 15/19 : EXPOSE 8080/tcp 9090/udp",
                "Step 16/19 : HEALTHCHECK --interval=5s --timeout=2s --retries=3 CMD test -f /app/out.txt",
                "Step 17/19 : ENTRYPOINT [\"sh\", \"-c\"]",
                "Step 18/19 : CMD [\"cat /app/out.txt\"]",
                "Step 19/19 : LABEL from.cli=yes");
        assertThat(r.stdout()).doesNotContain("never-built").contains("\n ---> Running in ")
                .contains("\nRemoving intermediate container ");
        String id = ok(docker.run("inspect", "-f", "{{.Id}}", one)).out();
        assertThat(ok(docker.run("inspect", "-f", "{{.Id}}", two)).out()).isEqualTo(id);
        assertThat(Files.readString(iidfile).strip()).isEqualTo(id);
        assertThat(r.stdout()).endsWith("Successfully built " + id.substring(7, 19) + "\n"
                + "Successfully tagged " + one + "\n" + "Successfully tagged " + two + "\n");

        assertThat(ok(docker.run("inspect", "-f", "{{.Config.User}}|{{.Config.WorkingDir}}|{{json .Config.Env}}", one)).out())
                .isEqualTo("app|/app|[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\","
                        + "\"APP_HOME=/app\",\"PATH_EXTRA=x\"]");
        assertThat(ok(docker.run("inspect", "-f", "{{json .Config.Healthcheck}}", one)).out())
                .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"test -f /app/out.txt\"],\"Interval\":5000000000,"
                        + "\"Timeout\":2000000000,\"Retries\":3}");
        assertThat(ok(docker.run("inspect", "-f", "{{json .Config.Labels}}", one)).out())
                .isEqualTo("{\"from.cli\":\"yes\",\"org.example.nonce\":\"" + nonce + "\",\"org.example.stage\":\"final\"}");
        assertThat(ok(docker.run("inspect", "-f", "{{json .Config.ExposedPorts}}", one)).out())
                .isEqualTo("{\"8080/tcp\":{},\"9090/udp\":{}}");
        assertThat(ok(docker.run("inspect", "-f", "{{json .Config.Entrypoint}}|{{json .Config.Cmd}}", one)).out())
                .isEqualTo("[\"sh\",\"-c\"]|[\"cat /app/out.txt\"]");

        // the image runs as written: entrypoint + cmd, the user, the owners from --chown, nothing ignored
        assertThat(ok(docker.run("run", "--rm", one)).stdout()).isEqualTo("hello from builder\n");
        assertThat(ok(docker.run("run", "--rm", "--entrypoint", "sh", one, "-c",
                "id -un; id -u; id -g; pwd; stat -c '%u:%g %n' /app/owned.txt /app/out.txt; cat /app/owned.txt /app/listing"))
                .stdout())
                .isEqualTo("""
                        app
                        1234
                        1234
                        /app
                        1234:1234 /app/owned.txt
                        0:0 /app/out.txt
                        hello
                        /work/src/a.txt
                        /work/src/keep.key
                        /work/src/sub/b.txt
                        """);

        List<String> history = ok(docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}", one))
                .out().lines().toList();
        int baseLines = ok(docker.run("history", "-q", "busybox")).out().lines().toList().size();
        assertThat(history).hasSize(baseLines + 12);
        assertThat(history.subList(0, 12)).satisfiesExactly(
                l -> assertThat(l).isEqualTo("/bin/sh -c #(nop)  LABEL from.cli=yes|0B"),
                l -> assertThat(l).isEqualTo("/bin/sh -c #(nop)  CMD [\"cat /app/out.txt\"]|0B"),
                l -> assertThat(l).isEqualTo("/bin/sh -c #(nop)  ENTRYPOINT [\"sh\" \"-c\"]|0B"),
                l -> assertThat(l).startsWith("/bin/sh -c #(nop)  HEALTHCHECK ").endsWith("|0B"),
                l -> assertThat(l).isEqualTo("/bin/sh -c #(nop)  EXPOSE 8080/tcp 9090/udp|0B"),
                l -> assertThat(l).isEqualTo("/bin/sh -c #(nop) WORKDIR /app|0B"),
                l -> assertThat(l).isEqualTo("/bin/sh -c #(nop)  USER app|0B"),
                // Docker writes no space between the flag and "file:" (its bug, kept for compatibility)
                l -> assertThat(l).matches("/bin/sh -c #\\(nop\\) COPY --chown=1234:1234 ?file:[0-9a-f]{64} in /app/owned.txt \\|6B"),
                l -> assertThat(l).matches("/bin/sh -c #\\(nop\\) COPY multi:[0-9a-f]{64} in /app/ \\|.*B")
                        .doesNotEndWith("|0B"),
                l -> assertThat(l).startsWith("/bin/sh -c echo \"app:x:1234:1234::/app:/bin/sh\" >> /etc/passwd && ")
                        .doesNotEndWith("|0B"),
                l -> assertThat(l).isEqualTo("/bin/sh -c #(nop)  ENV APP_HOME=/app PATH_EXTRA=x|0B"),
                l -> assertThat(l).isEqualTo("/bin/sh -c #(nop)  LABEL org.example.stage=final org.example.nonce=" + nonce + "|0B"));
    }

    @Test
    void build_ofTheBuilderStage_recordsTheBuildArgsOfARunInItsHistory(@TempDir Path dir) throws Exception {
        String nonce = Builds.nonce();
        Path ctx = multiStageContext(dir, nonce);
        String img = image(":builder");

        Docker.Result r = ok(docker.run("build", "-f", ctx.resolve("Build.dockerfile").toString(), "--target", "builder", "--build-arg", "GREETING=hey",
                "--build-arg", "UNUSED=1", "-t", img, ctx.toString()));

        assertThat(r.stdout()).contains("[Warning] One or more build-args [UNUSED] were not consumed\n");

        List<String> history = ok(docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}", img)).out().lines().toList();
        assertThat(history.subList(0, 4)).containsExactly(
                "|1 GREETING=hey /bin/sh -c echo \"$GREETING from builder\" > /work/out.txt && find /work/src -type f | sort > /work/listing",
                // a directory copied: "dir:" and its content digest
                history.get(1), "/bin/sh -c #(nop) WORKDIR /work", "/bin/sh -c #(nop)  ARG GREETING=hi");
        assertThat(history.get(1)).matches("/bin/sh -c #\\(nop\\) COPY dir:[0-9a-f]{64} in ./src/ ");
        assertThat(ok(docker.run("run", "--rm", img, "cat", "/work/out.txt")).stdout()).isEqualTo("hey from builder\n");
    }

    @Test
    void build_withTheDockerfileOnStdin_hasAnEmptyContext(@TempDir Path dir) throws Exception {
        Path dockerfile = Builds.write(dir, "Dockerfile", """
                FROM busybox
                RUN echo from-stdin-%s > /f
                CMD ["cat", "/f"]
                """.formatted(Builds.nonce())).resolve("Dockerfile");
        String img = image(":stdin");

        Docker.Result r = ok(docker.runWithInputFile(dockerfile, "build", "-t", img, "-"));

        assertThat(Builds.steps(r.stdout())).hasSize(3).first().isEqualTo("Step 1/3 : FROM busybox");
        assertThat(r.stdout()).contains("Successfully tagged " + img + "\n");
        assertThat(ok(docker.run("run", "--rm", img)).stdout()).startsWith("from-stdin-");
    }

    @Test
    void build_withTheDockerfileOnStdinAndAContextDirectory_copiesFromThatDirectory(@TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir.resolve("ctx"), "me", "from the directory\n");
        Path dockerfile = Builds.write(dir, "Dockerfile.stdin", """
                FROM busybox
                ENV NONCE=%s
                COPY me /me
                CMD ["cat", "/me"]
                """.formatted(Builds.nonce())).resolve("Dockerfile.stdin");
        String img = image(":stdin-file");

        Docker.Result r = ok(docker.runWithInputFile(dockerfile, "build", "-t", img, "-f-", ctx.toString()));

        assertThat(Builds.steps(r.stdout())).hasSize(4);
        assertThat(ok(docker.run("run", "--rm", img)).stdout()).isEqualTo("from the directory\n");
    }

    @Test
    void build_keepsOnbuildShellVolumeAndStopsignal_andAChildRunsTheTrigger(@TempDir Path dir) throws Exception {
        String base = image("-base");
        String child = image("-child");
        Path baseCtx = Builds.write(dir.resolve("base"), "Dockerfile", """
                FROM busybox
                ENV NONCE=%s
                SHELL ["/bin/sh", "-ec"]
                ONBUILD RUN echo "triggered in $PWD" > /trigger
                VOLUME /data
                STOPSIGNAL SIGUSR1
                RUN echo "shell: $0 $-"
                """.formatted(Builds.nonce()));
        Path childCtx = Builds.write(dir.resolve("child"), "Dockerfile", """
                FROM %s
                WORKDIR /w
                CMD ["cat", "/trigger"]
                """.formatted(base));

        Docker.Result b = ok(docker.run("build", "-t", base, baseCtx.toString()));
        Docker.Result c = ok(docker.run("build", "-t", child, childCtx.toString()));

        assertThat(b.stdout()).contains("\nshell: /bin/sh ce\n");
        assertThat(ok(docker.run("inspect", "-f",
                "{{json .Config.OnBuild}}|{{json .Config.Shell}}|{{json .Config.Volumes}}|{{.Config.StopSignal}}", base)).out())
                .isEqualTo("[\"RUN echo \\\"triggered in $PWD\\\" > /trigger\"]|[\"/bin/sh\",\"-ec\"]|{\"/data\":{}}|SIGUSR1");
        assertThat(c.stdout()).contains("Step 1/3 : FROM " + base + "\n# Executing 1 build trigger\n");
        assertThat(ok(docker.run("run", "--rm", child)).stdout()).isEqualTo("triggered in /\n");
        // triggers run once: the child does not pass them on
        assertThat(ok(docker.run("inspect", "-f", "{{json .Config.OnBuild}}", child)).out()).isIn("null", "[]");
    }

    @Test
    void build_withATarContextOnStdin_extractsALocalTarGzThatAddNames(@TempDir Path dir) throws Exception {
        byte[] pkg = gzip(new Tars().dir("pkg").file("pkg/inner.txt", "inner\n").bytes());
        byte[] context = new Tars()
                .file("Dockerfile", """
                        FROM busybox
                        ENV NONCE=%s
                        COPY hello /hello
                        ADD pkg.tar.gz /opt/
                        RUN cat /opt/pkg/inner.txt
                        """.formatted(Builds.nonce()))
                .file("hello", "hi\n")
                .file("pkg.tar.gz", pkg, 0644)
                .bytes();
        Path tar = dir.resolve("context.tar");
        Files.write(tar, context);
        String img = image(":tar");

        Docker.Result r = ok(docker.runWithInputFile(tar, "build", "-t", img, "-"));

        assertThat(r.stdout()).contains("Step 4/5 : ADD pkg.tar.gz /opt/\n").contains("\ninner\n");
        assertThat(ok(docker.run("run", "--rm", img, "sh", "-c", "cat /hello /opt/pkg/inner.txt; ls /opt")).stdout())
                .isEqualTo("hi\ninner\npkg\n");
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void build_quiet_printsOnlyTheImageId(@TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", "FROM busybox\nRUN echo quiet-%s > /q\n".formatted(Builds.nonce()));
        String img = image(":quiet");

        Docker.Result r = ok(docker.run("build", "-q", "-t", img, ctx.toString()));

        assertThat(r.stdout()).matches("sha256:[0-9a-f]{64}\n");
        assertThat(r.out()).isEqualTo(ok(docker.run("inspect", "-f", "{{.Id}}", img)).out());
    }

    @Test
    void build_addOfAUrl_failsNamingIt(@TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", "FROM busybox\nADD http://127.0.0.1:9/remote.txt /remote.txt\n");
        String img = image(":url");

        Docker.Result r = docker.run("build", "-t", img, ctx.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout() + r.stderr()).contains("http://127.0.0.1:9/remote.txt");
        assertThat(docker.run("image", "inspect", img).exitCode()).isNotZero();
    }

    @Test
    void build_whoseRunFails_reportsTheCommandAndItsCode(@TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", "FROM busybox\nENV NONCE=%s\nRUN echo out; exit 3\nRUN echo after\n"
                .formatted(Builds.nonce()));
        String img = image(":fails");

        Docker.Result r = docker.run("build", "--force-rm", "-t", img, ctx.toString());

        // Docker's CLI exits with the code of the error object, the RUN's exit code
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).contains("Step 3/4 : RUN echo out; exit 3\n").contains("\nout\n").doesNotContain("Step 4/4");
        assertThat(r.stderr()).contains("The command '/bin/sh -c echo out; exit 3' returned a non-zero code: 3");
        assertThat(docker.run("image", "inspect", img).exitCode()).isNotZero();
    }

    @Test
    void build_withNetworkNone_runsStepsWithOnlyLoopback(@TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", """
                FROM busybox
                RUN echo "links: $(ls /sys/class/net | tr '\\n' ' ')"; echo "routes: $(ip route | wc -l)"
                """);

        Docker.Result none = ok(docker.run("build", "--no-cache", "--network", "none", ctx.toString()));
        Docker.Result bridge = ok(docker.run("build", "--no-cache", ctx.toString()));
        images.add(Builds.builtId(none.stdout()));
        images.add(Builds.builtId(bridge.stdout()));

        assertThat(none.stdout()).contains("\nlinks: lo \nroutes: 0\n");
        assertThat(bridge.stdout()).contains("\nlinks: eth0 lo \n").doesNotContain("routes: 0\n");
    }

    @Test
    void build_withAddHostAndHostNetwork_runStepsSeeThem(DaemonHarness daemon, @TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", """
                FROM busybox
                RUN grep myhost /etc/hosts; ls /sys/class/net | grep -x -e %s -e eth0
                """.formatted(daemon.bridge()));

        Docker.Result added = ok(docker.run("build", "--no-cache", "--add-host", "myhost:10.1.2.3", ctx.toString()));
        Docker.Result host = ok(docker.run("build", "--no-cache", "--network", "host", ctx.toString()));
        images.add(Builds.builtId(added.stdout()));
        images.add(Builds.builtId(host.stdout()));

        assertThat(added.stdout()).containsPattern("\n10\\.1\\.2\\.3\\s+myhost\n").contains("\neth0\n")
                .doesNotContain("\n" + daemon.bridge() + "\n");
        // in the host's network namespace the step sees the host's interfaces, the daemon's bridge among them
        assertThat(host.stdout()).contains("\n" + daemon.bridge() + "\n");
    }

    /**
     * {@code berth build} takes docker's flags and prints what the docker CLI prints: the same steps, the
     * cache map on a rebuild, the ID; {@code -q}, {@code --iidfile}, a Dockerfile on stdin, a failed RUN's
     * exit code, and {@code builder prune}.
     */
    @Test
    void berthBuild_printsAsDockerDoes_andTakesItsFlags(DaemonHarness daemon, @TempDir Path dir) throws Exception {
        Docker berth = Docker.berth(daemon);
        String nonce = Builds.nonce();
        Path ctx = Builds.write(dir.resolve("ctx"), "in.txt", "from the context\n", "other.df", """
                FROM busybox
                ENV NONCE=%s
                ARG WHO=nobody
                COPY in.txt /in.txt
                RUN echo "hello $WHO" > /hello
                CMD ["cat", "/hello", "/in.txt"]
                """.formatted(nonce));
        String img = image(":berth");
        Path iid = dir.resolve("iid");

        Docker.Result cold = berth.run("build", "-f", ctx.resolve("other.df").toString(), "--build-arg", "WHO=berth",
                "--label", "made.by=berth", "--iidfile", iid.toString(), "-t", img, ctx.toString());

        assertThat(cold.exitCode()).as(cold.toString()).isZero();
        assertThat(cold.stdout()).contains("Sending build context to Docker daemon", "Step 1/7 : FROM busybox",
                "Step 5/7 : RUN echo \"hello $WHO\" > /hello", "Successfully tagged " + img);
        assertThat(Builds.cacheMap(cold.stdout())).isEqualTo("FBBBBBB"); // the --label is a 7th step, as in Docker
        String id = Files.readString(iid);
        assertThat(id).startsWith("sha256:").contains(Builds.builtId(cold.stdout()));
        assertThat(ok(docker.run("run", "--rm", img)).stdout()).isEqualTo("hello berth\nfrom the context\n");
        assertThat(ok(docker.run("inspect", "-f", "{{index .Config.Labels \"made.by\"}}", img)).out()).isEqualTo("berth");

        Docker.Result again = berth.run("build", "-q", "-f", ctx.resolve("other.df").toString(), "--build-arg",
                "WHO=berth", "--label", "made.by=berth", ctx.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout().strip()).isEqualTo(id); // all cached: the same image, and -q prints only its ID

        byte[] failing = "FROM busybox\nRUN echo nonce-%s; exit 7\n".formatted(nonce).getBytes(StandardCharsets.UTF_8);
        Docker.Result failed = berth.runWithInput(failing, "build", "--force-rm", "-");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(7);
        assertThat(failed.stderr()).contains("returned a non-zero code: 7");

        Docker.Result prune = berth.run("builder", "prune", "-f");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.stdout()).contains("Total reclaimed space:");
    }

    /** {@code --squash} needs an experimental daemon in the docker CLI; berth's own CLI sends it. */
    @Test
    void build_squashed_hasOneNewLayerWithTheStepsChangesAndNoDeletedFile(DaemonHarness daemon, @TempDir Path dir)
            throws Exception {
        Path ctx = Builds.write(dir, "f", "copied\n", "Dockerfile", """
                FROM busybox
                ENV NONCE=%s
                RUN echo one > /one && echo gone > /gone
                RUN echo two > /two && rm /gone
                COPY f /f
                """.formatted(Builds.nonce()));
        String img = image(":squashed");

        Docker.Result r = Docker.berth(daemon).run("build", "--squash", "-t", img, ctx.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        int base = Integer.parseInt(ok(docker.run("inspect", "-f", "{{len .RootFS.Layers}}", "busybox")).out());
        assertThat(ok(docker.run("inspect", "-f", "{{len .RootFS.Layers}}", img)).out()).isEqualTo(Integer.toString(base + 1));
        assertThat(ok(docker.run("run", "--rm", img, "sh", "-c", "cat /one /two /f; test -e /gone || echo no-gone")).stdout())
                .isEqualTo("one\ntwo\ncopied\nno-gone\n");
        assertThat(ok(docker.run("inspect", "-f", "{{json .Config.Env}}", img)).out()).contains("NONCE=");
    }

    /** Wildcards as Docker matches them (no match across a directory); {@code --chmod} is BuildKit's in Docker, berth's too. */
    @Test
    void build_copyWithWildcardsAndChmod_copiesTheMatchesWithThatMode(@TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir, "src/one.txt", "1\n", "src/two.txt", "2\n", "src/three.md", "3\n",
                "src/d/in.txt", "in\n", "Dockerfile", """
                        FROM busybox
                        ENV NONCE=%s
                        COPY src/*.txt /dst/
                        COPY src/t* /t/
                        COPY --chmod=750 src/one.txt /one
                        """.formatted(Builds.nonce()));
        String img = image(":wildcards");

        ok(docker.run("build", "-t", img, ctx.toString()));

        assertThat(ok(docker.run("run", "--rm", img, "sh", "-c", "find /dst /t | sort; stat -c %a /one")).stdout())
                .isEqualTo("/dst\n/dst/one.txt\n/dst/two.txt\n/t\n/t/three.md\n/t/two.txt\n750\n");
    }

    /** Heredocs are BuildKit's syntax (Docker 20.10's classic builder refuses them); berth's parser takes them. */
    @Test
    void build_runWithAHeredoc_runsItsLinesAsOneScript(@TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", """
                FROM busybox
                ENV NONCE=%s
                RUN <<EOF
                echo one > /h
                echo two >> /h
                EOF
                CMD ["cat", "/h"]
                """.formatted(Builds.nonce()));
        String img = image(":heredoc");

        ok(docker.run("build", "-t", img, ctx.toString()));

        assertThat(ok(docker.run("run", "--rm", img)).stdout()).isEqualTo("one\ntwo\n");
    }
}
