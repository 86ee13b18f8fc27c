package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic builder's layer cache through {@code docker build}: when a step is reused and when it must
 * not be. A wrong cache hit is the worst bug a builder can have, so most tests change one input and check
 * exactly which steps were rebuilt ({@link Builds#cacheMap}); the maps expected are dockerd 20.10's.
 */
@ExtendWith(SharedDaemon.class)
class BuildCacheTest {
    /**
     * Eight steps: an ARG first used by the RUN at step 6, two COPYs with metadata steps between them.
     * %s: a nonce, so the first build of each test is cold.
     */
    private static final String DOCKERFILE = """
            FROM busybox
            ARG V=one
            COPY files/a /a
            ENV E=%s
            COPY files/b /b
            RUN echo "v=$V" > /v
            LABEL l=x
            RUN cat /a /b /v
            """;
    private static final String ALL_CACHED = "FCCCCCCC";

    private Docker docker;
    private String name;
    private final List<String> images = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon, org.junit.jupiter.api.TestInfo info) {
        docker = Builds.cli(daemon);
        name = "it-buildcache-" + Math.abs(info.getTestMethod().orElseThrow().getName().hashCode() % 100000);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String i : images.reversed()) {
            docker.run("rmi", "-f", i);
        }
    }

    private static Path context(Path dir) throws Exception {
        return Builds.write(dir,
                ".dockerignore", "files/*.tmp\n",
                "Dockerfile", DOCKERFILE.formatted(Builds.nonce()),
                "files/a", "a1\n",
                "files/b", "b1\n",
                "files/ignored.tmp", "ignored\n");
    }

    /** Builds {@code ctx} tagged as this test's image; returns what the CLI printed. */
    private Docker.Result build(Docker cli, Path ctx, String... flags) throws Exception {
        String img = name + ":latest";
        if (!images.contains(img)) {
            images.add(img);
        }
        List<String> args = new ArrayList<>(List.of("build", "-t", img));
        args.addAll(List.of(flags));
        args.add(ctx.toString());
        Docker.Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Builds.steps(r.stdout())).as(r.stdout()).hasSize(8);
        return r;
    }

    private Docker.Result build(Path ctx, String... flags) throws Exception {
        return build(docker, ctx, flags);
    }

    private String id(Docker cli) throws Exception {
        return cli.run("inspect", "-f", "{{.Id}}", name).out();
    }

    @Test
    void rebuild_ofAnUnchangedContext_takesEveryStepFromTheCache(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        Docker.Result cold = build(ctx);
        String first = id(docker);

        Docker.Result warm = build(ctx);

        assertThat(Builds.cacheMap(cold.stdout())).isEqualTo("FBBBBBBB");
        assertThat(Builds.cacheMap(warm.stdout())).as(warm.stdout()).isEqualTo(ALL_CACHED);
        assertThat(warm.stdout()).doesNotContain("Running in");
        assertThat(id(docker)).isEqualTo(first);
        assertThat(Builds.builtId(warm.stdout())).isEqualTo(first.substring(7, 19));
    }

    @Test
    void changingTheContentOfOneCopiedFile_rebuildsFromThatCopyOn(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        build(ctx);
        String first = id(docker);
        Path b = ctx.resolve("files/b");
        FileTime mtime = Files.getLastModifiedTime(b);

        // same size, same mtime: only the content tells them apart
        Files.writeString(b, "b2\n");
        Files.setLastModifiedTime(b, mtime);
        Docker.Result changed = build(ctx);

        assertThat(Builds.cacheMap(changed.stdout())).as(changed.stdout()).isEqualTo("FCCCBBBB");
        assertThat(changed.stdout()).contains("\na1\nb2\nv=one\n");
        assertThat(docker.run("run", "--rm", name, "cat", "/b").stdout()).isEqualTo("b2\n");

        // back to the first content: the first build's steps again, not the second's
        Files.writeString(b, "b1\n");
        Files.setLastModifiedTime(b, mtime);
        Docker.Result back = build(ctx);
        assertThat(Builds.cacheMap(back.stdout())).as(back.stdout()).isEqualTo(ALL_CACHED);
        assertThat(id(docker)).isEqualTo(first);
    }

    @Test
    void changingTheModeOfACopiedFile_rebuildsFromThatCopyOn(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        build(ctx);

        Files.setPosixFilePermissions(ctx.resolve("files/a"), PosixFilePermissions.fromString("rwx------"));
        Docker.Result changed = build(ctx);

        assertThat(Builds.cacheMap(changed.stdout())).as(changed.stdout()).isEqualTo("FCBBBBBB");
        assertThat(docker.run("run", "--rm", name, "stat", "-c", "%a", "/a").out()).isEqualTo("700");
    }

    @Test
    void touchingACopiedFileOrChangingAnIgnoredOne_rebuildsNothing(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        build(ctx);
        String first = id(docker);

        Files.setLastModifiedTime(ctx.resolve("files/a"), FileTime.fromMillis(946_684_800_000L));
        Docker.Result touched = build(ctx);
        Files.writeString(ctx.resolve("files/ignored.tmp"), "changed, and longer than before\n");
        Files.writeString(ctx.resolve("files/new.tmp"), "new, ignored too\n");
        Docker.Result ignored = build(ctx);

        assertThat(Builds.cacheMap(touched.stdout())).as(touched.stdout()).isEqualTo(ALL_CACHED);
        assertThat(Builds.cacheMap(ignored.stdout())).as(ignored.stdout()).isEqualTo(ALL_CACHED);
        assertThat(id(docker)).isEqualTo(first);
    }

    @Test
    void changingABuildArg_invalidatesFromItsFirstUseOnly(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        build(ctx);
        String byDefault = id(docker);

        Docker.Result two = build(ctx, "--build-arg", "V=two");
        String withTwo = id(docker);
        Docker.Result explicitDefault = build(ctx, "--build-arg", "V=one");
        Docker.Result twoAgain = build(ctx, "--build-arg", "V=two");

        // ARG, COPY, ENV and COPY do not use V; the RUN at step 6 is its first use (a RUN sees every arg in scope)
        assertThat(Builds.cacheMap(two.stdout())).as(two.stdout()).isEqualTo("FCCCCBBB");
        assertThat(two.stdout()).contains("\na1\nb1\nv=two\n");
        assertThat(withTwo).isNotEqualTo(byDefault);
        // the default given explicitly is the same build as the default
        assertThat(Builds.cacheMap(explicitDefault.stdout())).as(explicitDefault.stdout()).isEqualTo(ALL_CACHED);
        assertThat(Builds.builtId(explicitDefault.stdout())).isEqualTo(byDefault.substring(7, 19));
        assertThat(Builds.cacheMap(twoAgain.stdout())).as(twoAgain.stdout()).isEqualTo(ALL_CACHED);
        assertThat(id(docker)).isEqualTo(withTwo);
    }

    /** Two stages; the second copies the first's output and a directory of the context. %1$s: a nonce. */
    private static final String MULTI_STAGE = """
            FROM busybox AS a
            ENV N=%1$s
            COPY files/a /a
            RUN cp /a /out
            FROM busybox
            ENV M=%1$s
            ARG V=one
            ENV X=$V
            COPY files/dir /dir
            COPY --from=a /out /out
            RUN cat /out; ls /dir
            """;

    private Path multiStageContext(Path dir) throws Exception {
        return Builds.write(dir,
                "Dockerfile", MULTI_STAGE.formatted(Builds.nonce()),
                "files/a", "a1\n",
                "files/dir/one", "d1\n");
    }

    private String cacheMapOf(Path ctx, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("build", "-t", name));
        args.addAll(List.of(flags));
        args.add(ctx.toString());
        if (!images.contains(name)) {
            images.add(name);
        }
        Docker.Result r = docker.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return Builds.cacheMap(r.stdout());
    }

    @Test
    void copyFromAStageWhoseOutputChanged_isRebuiltThoughItsTextIsTheSame(@TempDir Path dir) throws Exception {
        Path ctx = multiStageContext(dir);
        assertThat(cacheMapOf(ctx)).isEqualTo("FBBBFBBBBBB");

        Files.writeString(ctx.resolve("files/a"), "a2\n");

        assertThat(cacheMapOf(ctx)).isEqualTo("FCBBFCCCCBB");
        assertThat(docker.run("run", "--rm", name, "cat", "/out").stdout()).isEqualTo("a2\n");
    }

    @Test
    void aFileAddedToACopiedDirectory_rebuildsThatCopyAndRemovingItAgainMatchesTheFirstBuild(@TempDir Path dir)
            throws Exception {
        Path ctx = multiStageContext(dir);
        cacheMapOf(ctx);
        String first = id(docker);

        Files.writeString(ctx.resolve("files/dir/two"), "d2\n");
        String added = cacheMapOf(ctx);
        String listing = docker.run("run", "--rm", name, "ls", "/dir").stdout();
        Files.delete(ctx.resolve("files/dir/two"));
        String removed = cacheMapOf(ctx);

        assertThat(added).isEqualTo("FCCCFCCCBBB");
        assertThat(listing).isEqualTo("one\ntwo\n");
        assertThat(removed).isEqualTo("FCCCFCCCCCC");
        assertThat(id(docker)).isEqualTo(first);
    }

    @Test
    void aBuildArgExpandedInAnEnv_invalidatesFromThatEnv(@TempDir Path dir) throws Exception {
        Path ctx = multiStageContext(dir);
        cacheMapOf(ctx);

        assertThat(cacheMapOf(ctx, "--build-arg", "V=two")).isEqualTo("FCCCFCCBBBB");
        assertThat(docker.run("inspect", "-f", "{{json .Config.Env}}", name).out()).contains("\"X=two\"");
    }

    @Test
    void aBaseImageTagMovedToAnotherImage_rebuildsEveryStep(@TempDir Path dir) throws Exception {
        String base = name + "-base";
        images.add(base);
        Path baseCtx = Builds.write(dir.resolve("base"), "Dockerfile", "FROM busybox\nRUN echo first-%s > /base\n"
                .formatted(Builds.nonce()));
        Path ctx = Builds.write(dir.resolve("main"), "Dockerfile", "FROM %s\nENV E=1\nRUN cat /base > /seen\n".formatted(base));
        assertThat(docker.run("build", "-t", base, baseCtx.toString()).exitCode()).isZero();
        assertThat(cacheMapOf(ctx)).isEqualTo("FBB");
        images.add(docker.run("inspect", "-f", "{{.Id}}", base).out()); // untagged by the move below
        images.add(id(docker));

        Builds.write(baseCtx, "Dockerfile", "FROM busybox\nRUN echo second-%s > /base\n".formatted(Builds.nonce()));
        assertThat(docker.run("build", "-t", base, baseCtx.toString()).exitCode()).isZero();

        assertThat(cacheMapOf(ctx)).isEqualTo("FBB");
        assertThat(docker.run("run", "--rm", name, "cat", "/seen").stdout()).startsWith("second-");
    }

    /**
     * {@code --cache-from} an image that came by {@code docker load} (no intermediate images, only its history):
     * every step matches, and a changed file still rebuilds from its COPY.
     */
    @Test
    void cacheFrom_aLoadedImage_servesItsStepsButNotAChangedCopy(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        build(ctx);
        String first = id(docker);
        Path saved = dir.resolve("saved.tar");
        assertThat(docker.run("save", "-o", saved.toString(), name).exitCode()).isZero();
        assertThat(docker.run("rmi", name).exitCode()).isZero();
        assertThat(docker.run("builder", "prune", "-af").exitCode()).isZero();
        assertThat(docker.run("load", "-i", saved.toString()).exitCode()).isZero();
        String source = name + "-source";
        images.add(source);
        assertThat(docker.run("tag", name, source).exitCode()).isZero();

        Docker.Result same = build(ctx, "--cache-from", source);
        Files.writeString(ctx.resolve("files/b"), "b2\n");
        Docker.Result changed = build(ctx, "--cache-from", source);

        assertThat(Builds.cacheMap(same.stdout())).as(same.stdout()).isEqualTo(ALL_CACHED);
        assertThat(Builds.builtId(same.stdout())).isEqualTo(first.substring(7, 19));
        assertThat(Builds.cacheMap(changed.stdout())).as(changed.stdout()).isEqualTo("FCCCBBBB");
        assertThat(changed.stdout()).contains("\na1\nb2\nv=one\n");
    }

    /**
     * Docker's predefined proxy args reach RUN steps but their values stay out of the cache key and the history
     * (they may hold passwords): a build with another proxy is a cache hit. (Docker's history still marks that
     * build args were given: "|0", which also makes a build without any args a miss against one with a proxy.)
     */
    @Test
    void aProxyBuildArg_reachesRunButItsValueNeitherInvalidatesTheCacheNorEntersTheHistory(@TempDir Path dir)
            throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", """
                FROM busybox
                ENV N=%s
                RUN echo "proxy=$HTTP_PROXY" > /proxy
                """.formatted(Builds.nonce()));
        String proxy = "http://user:secret@proxy.invalid:3128";

        String first = cacheMapOf(ctx, "--build-arg", "HTTP_PROXY=" + proxy);
        String seen = docker.run("run", "--rm", name, "cat", "/proxy").stdout();
        String other = cacheMapOf(ctx, "--build-arg", "HTTP_PROXY=http://other.invalid:3128");

        assertThat(first).isEqualTo("FBB");
        assertThat(seen).isEqualTo("proxy=" + proxy + "\n");
        assertThat(other).isEqualTo("FCC");
        List<String> history = docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}", name).out().lines().toList();
        assertThat(String.join("\n", history)).doesNotContain("proxy.invalid");
        assertThat(docker.run("inspect", name).stdout()).doesNotContain("proxy.invalid");
        assertThat(history.getFirst()).isEqualTo("|0 /bin/sh -c echo \"proxy=$HTTP_PROXY\" > /proxy");
    }

    @Test
    void aSymlinkRetargeted_rebuildsTheCopyOfIt(@TempDir Path dir) throws Exception {
        Path ctx = Builds.write(dir, "files/a", "a\n", "files/b", "b\n", "Dockerfile", """
                FROM busybox
                ENV N=%s
                COPY files/ /files/
                RUN readlink /files/link > /target
                """.formatted(Builds.nonce()));
        Files.createSymbolicLink(ctx.resolve("files/link"), Path.of("a"));
        assertThat(cacheMapOf(ctx)).isEqualTo("FBBB");

        Files.delete(ctx.resolve("files/link"));
        Files.createSymbolicLink(ctx.resolve("files/link"), Path.of("b"));

        assertThat(cacheMapOf(ctx)).isEqualTo("FCBB");
        assertThat(docker.run("run", "--rm", name, "cat", "/target").stdout()).isEqualTo("b\n");
    }

    @Test
    void twoBuildsAtOnceOfTheSameContext_bothSucceedAndARebuildIsCached(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        List<java.util.concurrent.CompletableFuture<Docker.Result>> builds = new ArrayList<>();
        for (String tag : List.of(":a", ":b")) {
            images.add(name + tag);
            builds.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return docker.run("build", "-t", name + tag, ctx.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        for (var build : builds) {
            Docker.Result r = build.join();
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        for (String tag : List.of(":a", ":b")) {
            assertThat(docker.run("run", "--rm", name + tag, "cat", "/a", "/b", "/v").stdout()).isEqualTo("a1\nb1\nv=one\n");
        }
        assertThat(Builds.cacheMap(build(ctx).stdout())).isEqualTo(ALL_CACHED);
    }

    @Test
    void noCache_rebuildsEveryStep(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        build(ctx);
        String first = id(docker);

        Docker.Result again = build(ctx, "--no-cache");

        assertThat(Builds.cacheMap(again.stdout())).as(again.stdout()).isEqualTo("FBBBBBBB");
        assertThat(id(docker)).isNotEqualTo(first);
    }

    @Test
    void builderPrune_reportsTheSpaceItFreedAndTheNextBuildIsCold(@TempDir Path dir) throws Exception {
        // the first stage's 256 KiB layer ends in no image: once the tag is gone, only the cache keeps anything
        Path ctx = Builds.write(dir, "Dockerfile", """
                FROM busybox AS big
                ENV NONCE=%s
                RUN dd if=/dev/zero of=/big bs=1024 count=256 2>/dev/null && echo small > /small
                FROM busybox
                COPY --from=big /small /small
                """.formatted(Builds.nonce()));
        images.add(name);
        Docker.Result first = docker.run("build", "-t", name, ctx.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(docker.run("rmi", name).exitCode()).isZero();

        Docker.Result prune = docker.run("builder", "prune", "-f");

        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.stdout()).containsPattern("(?m)^Total reclaimed space: \\d")
                .doesNotContainPattern("(?m)^Total reclaimed space: 0B$");
        Docker.Result cold = docker.run("build", "-t", name, ctx.toString());
        assertThat(cold.exitCode()).as(cold.toString()).isZero();
        assertThat(Builds.cacheMap(cold.stdout())).as(cold.stdout()).isEqualTo("FBBFB");
    }

    @Test
    void images_hidesIntermediateImagesThatAllShows(@TempDir Path dir) throws Exception {
        Path ctx = context(dir);
        build(ctx);
        String finalId = id(docker);
        String parent = docker.run("inspect", "-f", "{{.Parent}}", name).out();

        List<String> listed = docker.run("images", "-q", "--no-trunc").out().lines().toList();
        List<String> all = docker.run("images", "-a", "-q", "--no-trunc").out().lines().toList();

        assertThat(parent).startsWith("sha256:");
        assertThat(listed).contains(finalId).doesNotContain(parent);
        assertThat(all).contains(finalId, parent);
    }

    /** {@code system df} counts the cache and {@code system prune} drops it; on a daemon the test owns (prune is global). */
    @Test
    void systemDf_countsTheCacheAndSystemPrune_dropsIt(@TempDir Path dir) throws Exception {
        try (DaemonHarness own = DaemonHarness.start()) {
            assertThat(Docker.berth(own).run("bootstrap", "busybox").exitCode()).isZero();
            Docker cli = Builds.cli(own);
            Path ctx = context(dir);
            build(cli, ctx);
            String before = cli.run("system", "df", "--format", "{{.Type}}|{{.TotalCount}}").out();
            assertThat(cli.run("rmi", name).exitCode()).isZero();

            Docker.Result prune = cli.run("system", "prune", "-f");
            String after = cli.run("system", "df", "--format", "{{.Type}}|{{.TotalCount}}").out();
            Docker.Result cold = build(cli, ctx);

            assertThat(before).containsPattern("(?m)^Build Cache\\|[1-9]\\d*$");
            assertThat(prune.exitCode()).as(prune.toString()).isZero();
            assertThat(prune.stdout()).contains("Total reclaimed space:");
            assertThat(after).as(prune.stdout()).contains("Build Cache|0");
            assertThat(Builds.cacheMap(cold.stdout())).as(cold.stdout()).isEqualTo("FBBBBBBB");
        }
    }

    /** The cache is on disk: a daemon that the test owns is stopped (then killed) and the rebuild is still cached. */
    @Test
    void cacheEntries_surviveADaemonRestartAndACrash(@TempDir Path dir) throws Exception {
        try (DaemonHarness own = DaemonHarness.start()) {
            assertThat(Docker.berth(own).run("bootstrap", "busybox").exitCode()).isZero();
            Docker cli = Builds.cli(own);
            Path ctx = context(dir);
            build(cli, ctx);
            String first = id(cli);

            own.stop();
            own.launch();
            Docker.Result afterRestart = build(cli, ctx);
            own.crash();
            own.launch();
            Docker.Result afterCrash = build(cli, ctx);

            assertThat(Builds.cacheMap(afterRestart.stdout())).as(afterRestart.stdout() + own.log()).isEqualTo(ALL_CACHED);
            assertThat(Builds.cacheMap(afterCrash.stdout())).as(afterCrash.stdout()).isEqualTo(ALL_CACHED);
            assertThat(id(cli)).isEqualTo(first);
        }
    }
}
