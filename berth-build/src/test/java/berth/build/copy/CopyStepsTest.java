package berth.build.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.build.context.BuildContext;
import berth.build.dockerfile.Heredoc;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY and ADD end to end, into containers that are directories (the engine's archive code does the I/O). */
class CopyStepsTest {
    @TempDir
    Path tmp;
    private Path rootfs;
    private final DirectoryContainers containers = new DirectoryContainers();
    private BuildContext context;

    @BeforeEach
    void image() throws IOException {
        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("run"));
        Files.createDirectories(rootfs.resolve("var"));
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.setPosixFilePermissions(rootfs.resolve("tmp"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(rootfs.resolve("bin/busybox"), "#!");
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        Files.createSymbolicLink(rootfs.resolve("var/run"), Path.of("../run"));
        // on the host this would lead to /berth-copy-test-outside; in the container it stays below the root
        Files.createSymbolicLink(rootfs.resolve("escape"), Path.of("/../../../../berth-copy-test-outside"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nbob:x:1234:1234::/home/bob:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\ngrp:x:777:bob\nbob:x:1234:\n");
        containers.add("dest", rootfs);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private BuildContext context(ContextTar tar) {
        if (context != null) {
            context.close();
        }
        context = tar.context(tmp.resolve("work"));
        return context;
    }

    private static ContextTar sample() {
        return new ContextTar()
                .file("a.txt", "hi\n".getBytes(StandardCharsets.UTF_8), 0640, 501, 20)
                .dir("dir", 0700)
                .file("dir/b", "b\n".getBytes(StandardCharsets.UTF_8), 0600, 501, 20)
                .dir("dir/sub", 0750)
                .file("dir/sub/s", "s\n")
                .symlink("dir/link", "sub/s");
    }

    private CopyRequest copy(List<String> sources, String dest) {
        return new CopyRequest(false, sources, List.of(), dest, "/", Optional.empty(), Optional.empty(),
                new CopyOrigin.Context(context));
    }

    private CopyStep apply(CopyRequest r) {
        CopyStep step = CopySteps.prepare(r, containers.service);
        step.applyTo("dest");
        return step;
    }

    private static Map<String, Object> stat(Path p) throws IOException {
        return Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
    }

    private static void assertOwnerAndMode(Path p, int uid, int gid, int mode) throws IOException {
        Map<String, Object> a = stat(p);
        assertThat((int) a.get("uid")).as("uid of %s", p).isEqualTo(uid);
        assertThat((int) a.get("gid")).as("gid of %s", p).isEqualTo(gid);
        assertThat((int) a.get("mode") & 07777).as("mode of %s", p).isEqualTo(mode);
    }

    @Test
    void file_isCopiedOwnedByRoot_withItsMode_andNewParents() throws IOException {
        context(sample());
        CopyStep step = apply(copy(List.of("a.txt"), "/new/parent/"));
        Path f = rootfs.resolve("new/parent/a.txt");
        assertThat(Files.readString(f)).isEqualTo("hi\n");
        assertOwnerAndMode(f, 0, 0, 0640);
        assertOwnerAndMode(rootfs.resolve("new"), 0, 0, 0755);
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2021-02-03T04:05:06Z"));
        assertThat(step.createdBy()).matches("/bin/sh -c #\\(nop\\) COPY file:[0-9a-f]{64} in /new/parent/ ");
    }

    @Test
    void relativeDestination_isUnderTheWorkdir() throws IOException {
        context(sample());
        Files.createDirectories(rootfs.resolve("app"));
        CopyStep step = CopySteps.prepare(new CopyRequest(false, List.of("a.txt"), List.of(), ".", "/app", Optional.empty(),
                Optional.empty(), new CopyOrigin.Context(context)), containers.service);
        step.applyTo("dest");
        assertThat(rootfs.resolve("app/a.txt")).hasContent("hi");
        assertThat(step.createdBy()).endsWith(" in . ");
    }

    @Test
    void chown_byName_ownsTheFileAndTheParentsItMade() throws IOException {
        context(sample());
        apply(new CopyRequest(false, List.of("a.txt"), List.of(), "/new2/p/q", "/", Optional.of("bob:grp"),
                Optional.empty(), new CopyOrigin.Context(context)));
        assertOwnerAndMode(rootfs.resolve("new2/p/q"), 1234, 777, 0640);
        assertOwnerAndMode(rootfs.resolve("new2/p"), 1234, 777, 0755);
        assertOwnerAndMode(rootfs.resolve("new2"), 1234, 777, 0755);
    }

    @Test
    void chown_ofAnUnknownUser_failsWithDockersMessage() {
        context(sample());
        CopyStep step = CopySteps.prepare(new CopyRequest(false, List.of("a.txt"), List.of(), "/x", "/",
                Optional.of("zed"), Optional.empty(), new CopyOrigin.Context(context)), containers.service);
        assertThatThrownBy(() -> step.applyTo("dest")).isInstanceOf(BerthException.class)
                .hasMessage("unable to convert uid/gid chown string to host mapping: can't find uid for user zed:"
                        + " no such user: zed");
        assertThat(rootfs.resolve("x")).doesNotExist();
    }

    @Test
    void directory_copiesItsContents_keepingModesAndLinks_theNewDestinationIs0755() throws IOException {
        context(sample());
        CopyStep step = apply(new CopyRequest(false, List.of("dir"), List.of(), "/new3/d", "/", Optional.of("bob"),
                Optional.empty(), new CopyOrigin.Context(context)));
        Path d = rootfs.resolve("new3/d");
        assertOwnerAndMode(rootfs.resolve("new3"), 0, 0, 0755);
        assertOwnerAndMode(d, 1234, 1234, 0755); // not the source's 0700, as Docker
        assertOwnerAndMode(d.resolve("b"), 1234, 1234, 0600);
        assertOwnerAndMode(d.resolve("sub"), 1234, 1234, 0750);
        assertOwnerAndMode(d.resolve("sub/s"), 1234, 1234, 0644);
        assertThat(Files.readSymbolicLink(d.resolve("link"))).isEqualTo(Path.of("sub/s"));
        assertThat((int) stat(d.resolve("link")).get("uid")).isEqualTo(1234);
        assertThat(step.createdBy()).startsWith("/bin/sh -c #(nop) COPY --chown=bobdir:").endsWith(" in /new3/d ");
    }

    @Test
    void directory_intoAnExistingDirectory_leavesThatDirectoryAsItIs() throws IOException {
        context(sample());
        apply(new CopyRequest(false, List.of("dir"), List.of(), "/tmp/", "/", Optional.of("1234:777"),
                Optional.empty(), new CopyOrigin.Context(context)));
        assertOwnerAndMode(rootfs.resolve("tmp"), 0, 0, 0777);
        assertOwnerAndMode(rootfs.resolve("tmp/b"), 1234, 777, 0600);
    }

    @Test
    void singleFile_toAnExistingDirectoryWithoutSlash_goesInside_throughSymlinks() {
        context(sample());
        apply(copy(List.of("a.txt"), "/var/run"));
        assertThat(rootfs.resolve("run/a.txt")).hasContent("hi");
        assertThat(rootfs.resolve("var/run")).isSymbolicLink();
    }

    @Test
    void symlinksInTheDestination_resolveInsideTheRoot() {
        context(sample());
        apply(copy(List.of("a.txt"), "/escape/x/"));
        assertThat(Path.of("/berth-copy-test-outside")).doesNotExist();
        assertThat(rootfs.resolve("berth-copy-test-outside/x/a.txt")).hasContent("hi");
        assertThat(rootfs.resolve("escape")).isSymbolicLink();
    }

    @Test
    void fileBelowAFile_fails() {
        context(sample());
        CopyStep step = CopySteps.prepare(copy(List.of("a.txt"), "/bin/sh/x"), containers.service);
        assertThatThrownBy(() -> step.applyTo("dest")).hasMessage("failed to copy files: mkdir /bin/sh: not a directory");
    }

    @Test
    void severalSources_needADestinationEndingInSlash() {
        context(sample());
        assertThatThrownBy(() -> CopySteps.prepare(copy(List.of("a.txt", "dir"), "/multi"), containers.service))
                .hasMessage("When using COPY with more than one source file, the destination must be a directory and end with a /");
        apply(copy(List.of("a.txt", "dir"), "/multi/"));
        assertThat(rootfs.resolve("multi/a.txt")).hasContent("hi");
        assertThat(rootfs.resolve("multi/sub/s")).hasContent("s");
    }

    @Test
    void hardLinksBelowADirectory_stayLinked_andCountInTheCacheKey() throws IOException {
        context(new ContextTar().dir("d", 0755).file("d/a", "same").hardlink("d/b", "d/a"));
        CopyStep linked = apply(copy(List.of("d"), "/h"));
        assertThat(rootfs.resolve("h/b")).hasContent("same");
        assertThat(Files.getAttribute(rootfs.resolve("h/b"), "unix:ino"))
                .isEqualTo(Files.getAttribute(rootfs.resolve("h/a"), "unix:ino"));
        context(new ContextTar().dir("d", 0755).file("d/a", "same").file("d/b", "same"));
        CopyStep separate = CopySteps.prepare(copy(List.of("d"), "/h"), containers.service);
        assertThat(separate.cacheDigest()).isNotEqualTo(linked.cacheDigest());
        assertThat(separate.createdBy()).isNotEqualTo(linked.createdBy());
    }

    @Test
    void wildcards_selectInTheContext() {
        context(new ContextTar().file("x.py", "x").file("y.py", "y").file("z.txt", "z"));
        CopyStep step = apply(copy(List.of("*.py"), "/py/"));
        assertThat(rootfs.resolve("py/x.py")).exists();
        assertThat(rootfs.resolve("py/y.py")).exists();
        assertThat(rootfs.resolve("py/z.txt")).doesNotExist();
        assertThat(step.createdBy()).contains("COPY multi:");
    }

    @Test
    void missingSource_failsWithDockersWords() {
        context(sample());
        assertThatThrownBy(() -> CopySteps.prepare(copy(List.of("nope"), "/"), containers.service))
                .isInstanceOf(BerthException.class)
                .hasMessage("COPY failed: file not found in build context or excluded by .dockerignore: stat nope: file does not exist");
        assertThatThrownBy(() -> CopySteps.prepare(copy(List.of("../a.txt"), "/"), containers.service))
                .hasMessage("COPY failed: forbidden path outside the build context: ../a.txt ()");
        assertThatThrownBy(() -> CopySteps.prepare(copy(List.of("nope*"), "/x/"), containers.service))
                .hasMessage("COPY failed: no source files were specified");
    }

    @Test
    void urls_areRefused() {
        context(sample());
        assertThatThrownBy(() -> CopySteps.prepare(copy(List.of("http://example.com/x"), "/"), containers.service))
                .hasMessage("COPY failed: source can't be a URL for COPY");
        for (String url : List.of("https://example.com/a.tar.gz", "HTTP://example.com/x", "git@github.com:x/y.git",
                "git://example.com/r")) {
            CopyRequest add = new CopyRequest(true, List.of(url), List.of(), "/", "/", Optional.empty(), Optional.empty(),
                    new CopyOrigin.Context(context));
            assertThatThrownBy(() -> CopySteps.prepare(add, containers.service))
                    .isInstanceOf(BerthException.class)
                    .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                    .hasMessageStartingWith("ADD failed: berth cannot fetch " + url + ": ");
        }
    }

    @Test
    void chmod_setsFilesAndDirectories() throws IOException {
        context(sample());
        apply(new CopyRequest(false, List.of("dir"), List.of(), "/m", "/", Optional.empty(), Optional.of("751"),
                new CopyOrigin.Context(context)));
        assertOwnerAndMode(rootfs.resolve("m"), 0, 0, 0751);
        assertOwnerAndMode(rootfs.resolve("m/b"), 0, 0, 0751);
        assertOwnerAndMode(rootfs.resolve("m/sub"), 0, 0, 0751);
        assertThat(rootfs.resolve("m/link")).isSymbolicLink();
        assertThatThrownBy(() -> CopySteps.prepare(new CopyRequest(false, List.of("a.txt"), List.of(), "/", "/",
                Optional.empty(), Optional.of("u+x"), new CopyOrigin.Context(context)), containers.service))
                .hasMessageStartingWith("invalid chmod parameter: u+x");
    }

    @Test
    void heredoc_isAFileNamedByItsDelimiter() throws IOException {
        context(sample());
        CopyStep step = apply(new CopyRequest(false, List.of(), List.of(new Heredoc("hello.sh", "echo hi\n", true, false)),
                "/h/", "/", Optional.empty(), Optional.empty(), new CopyOrigin.Context(context)));
        assertThat(rootfs.resolve("h/hello.sh")).hasContent("echo hi");
        assertOwnerAndMode(rootfs.resolve("h/hello.sh"), 0, 0, 0644);
        String sha = HexFormat.of().formatHex(ContentDigest.sha256().digest("echo hi\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(step.createdBy()).isEqualTo("/bin/sh -c #(nop) COPY file:" + sha + " in /h/ ");
    }

    // ---- ADD ----

    private byte[] archive(String kind) throws IOException {
        byte[] tar = new ContextTar().dir("t", 0750).file("t/f", "in\n".getBytes(StandardCharsets.UTF_8), 0644, 1234, 777)
                .bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var c = switch (kind) {
            case "gz" -> new GzipCompressorOutputStream(out);
            case "bz2" -> new BZip2CompressorOutputStream(out);
            case "xz" -> new XZCompressorOutputStream(out);
            default -> out;
        }) {
            c.write(tar);
        }
        return out.toByteArray();
    }

    private CopyRequest add(List<String> sources, String dest) {
        return new CopyRequest(true, sources, List.of(), dest, "/", Optional.empty(), Optional.empty(),
                new CopyOrigin.Context(context));
    }

    @Test
    void add_unpacksLocalArchives_plainAndCompressed_keepingTheirOwners() throws IOException {
        context(new ContextTar().file("arc.tgz", archive("gz"), 0644, 0, 0).file("arc.tbz", archive("bz2"), 0644, 0, 0)
                .file("arc.txz", archive("xz"), 0644, 0, 0).file("data", archive("plain"), 0644, 0, 0));
        for (String src : List.of("arc.tgz", "arc.tbz", "arc.txz", "data")) {
            apply(add(List.of(src), "/u/" + src));
            Path t = rootfs.resolve("u/" + src + "/t");
            assertThat(t.resolve("f")).hasContent("in");
            assertOwnerAndMode(t, 0, 0, 0750);
            assertOwnerAndMode(t.resolve("f"), 1234, 777, 0644);
            assertOwnerAndMode(rootfs.resolve("u/" + src), 0, 0, 0755);
        }
    }

    @Test
    void add_copiesFilesThatAreNotArchives_whateverTheirName() throws IOException {
        context(new ContextTar().file("fake.tar.gz", "junk").file("empty.tar", "").file("a.txt", "hi"));
        apply(add(List.of("fake.tar.gz", "empty.tar", "a.txt"), "/fk/"));
        assertThat(rootfs.resolve("fk/fake.tar.gz")).hasContent("junk");
        assertThat(rootfs.resolve("fk/empty.tar")).isEmptyFile();
        assertThat(rootfs.resolve("fk/a.txt")).hasContent("hi");
    }

    @Test
    void copy_neverUnpacks() throws IOException {
        context(new ContextTar().file("arc.tgz", archive("gz"), 0644, 0, 0));
        apply(copy(List.of("arc.tgz"), "/c/"));
        assertThat(rootfs.resolve("c/arc.tgz")).isRegularFile();
    }

    @Test
    void add_refusesAHostileArchive_andWritesNothingOutsideTheDestination() throws IOException {
        byte[] evil = new ContextTar().file("../../evil", "x").bytes();
        context(new ContextTar().file("evil.tar", evil, 0644, 0, 0));
        CopyStep step = CopySteps.prepare(add(List.of("evil.tar"), "/a/b"), containers.service);
        assertThatThrownBy(() -> step.applyTo("dest")).isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("outside");
        assertThat(rootfs.resolve("evil")).doesNotExist();
        assertThat(rootfs.resolve("a/evil")).doesNotExist();
    }

    @Test
    void add_archiveSymlinkEscapes_stayInsideTheRoot() throws IOException {
        byte[] tricky = new ContextTar().symlink("l", "/").file("l/hack", "x").bytes();
        context(new ContextTar().file("t.tar", tricky, 0644, 0, 0));
        apply(add(List.of("t.tar"), "/a/"));
        assertThat(rootfs.resolve("hack")).hasContent("x"); // "/" of the link is the container's root
    }

    // ---- the cache key ----

    private String digest(ContextTar tar, String dest, Optional<String> chown) {
        context(tar);
        return CopySteps.prepare(new CopyRequest(false, List.of("a.txt", "dir"), List.of(), dest, "/", chown,
                Optional.empty(), new CopyOrigin.Context(context)), containers.service).cacheDigest();
    }

    @Test
    void cacheDigest_followsContentModeAndOptions_notTimes() {
        String base = digest(sample(), "/x/", Optional.empty());
        assertThat(digest(sample(), "/x/", Optional.empty())).isEqualTo(base);
        assertThat(digest(sample().at(Instant.parse("2024-01-01T00:00:00Z")), "/x/", Optional.empty())).isEqualTo(base);
        assertThat(digest(sample().file("dir/new", "n"), "/x/", Optional.empty())).isNotEqualTo(base);
        ContextTar changed = new ContextTar().file("a.txt", "hI\n".getBytes(StandardCharsets.UTF_8), 0640, 501, 20)
                .dir("dir", 0700).file("dir/b", "b\n".getBytes(StandardCharsets.UTF_8), 0600, 501, 20).dir("dir/sub", 0750)
                .file("dir/sub/s", "s\n").symlink("dir/link", "sub/s");
        assertThat(digest(changed, "/x/", Optional.empty())).isNotEqualTo(base);
        ContextTar mode = new ContextTar().file("a.txt", "hi\n".getBytes(StandardCharsets.UTF_8), 0644, 501, 20)
                .dir("dir", 0700).file("dir/b", "b\n".getBytes(StandardCharsets.UTF_8), 0600, 501, 20).dir("dir/sub", 0750)
                .file("dir/sub/s", "s\n").symlink("dir/link", "sub/s");
        assertThat(digest(mode, "/x/", Optional.empty())).isNotEqualTo(base);
        ContextTar link = new ContextTar().file("a.txt", "hi\n".getBytes(StandardCharsets.UTF_8), 0640, 501, 20)
                .dir("dir", 0700).file("dir/b", "b\n".getBytes(StandardCharsets.UTF_8), 0600, 501, 20).dir("dir/sub", 0750)
                .file("dir/sub/s", "s\n").symlink("dir/link", "b");
        assertThat(digest(link, "/x/", Optional.empty())).isNotEqualTo(base);
        assertThat(digest(sample(), "/y/", Optional.empty())).isNotEqualTo(base);
        assertThat(digest(sample(), "/x/", Optional.of("1:1"))).isNotEqualTo(base);
    }

    @Test
    void cacheDigest_tellsCopyFromAdd_andTheDirectoryFlag() {
        context(sample());
        String copy = CopySteps.prepare(copy(List.of("a.txt"), "/x/"), containers.service).cacheDigest();
        String add = CopySteps.prepare(add(List.of("a.txt"), "/x/"), containers.service).cacheDigest();
        String noSlash = CopySteps.prepare(copy(List.of("a.txt"), "/x"), containers.service).cacheDigest();
        assertThat(copy).isNotEqualTo(add).isNotEqualTo(noSlash);
    }

    // ---- COPY --from ----

    private Path stage() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("stage/src/d"));
        Files.writeString(src.resolve("x.py"), "x\n");
        Files.writeString(src.resolve("y.py"), "y\n");
        Files.writeString(src.resolve("n.txt"), "n\n");
        Path z = Files.writeString(tmp.resolve("stage/src/z"), "z\n");
        Files.setPosixFilePermissions(z, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(tmp.resolve("stage/src/lz"), Path.of("z"));
        Files.createSymbolicLink(tmp.resolve("stage/src/d/rel"), Path.of("x.py"));
        for (Path p : List.of(src.getParent(), src, src.resolve("x.py"), src.resolve("y.py"), src.resolve("n.txt"), z)) {
            berth.sys.FileOps.lchown(p, 1234, 777);
        }
        containers.add("stage", tmp.resolve("stage"));
        return tmp.resolve("stage");
    }

    private CopyRequest from(List<String> sources, String dest, Optional<String> chown) {
        return new CopyRequest(false, sources, List.of(), dest, "/", chown, Optional.empty(), new CopyOrigin.Container("stage"));
    }

    @Test
    void from_copiesADirectory_keepingOwnersWithoutChown() throws IOException {
        stage();
        CopyStep step = apply(from(List.of("/src/d"), "/fromd", Optional.empty()));
        assertOwnerAndMode(rootfs.resolve("fromd"), 0, 0, 0755);
        assertOwnerAndMode(rootfs.resolve("fromd/x.py"), 1234, 777, 0644);
        assertThat(Files.readSymbolicLink(rootfs.resolve("fromd/rel"))).isEqualTo(Path.of("x.py"));
        assertThat(step.createdBy()).startsWith("/bin/sh -c #(nop) COPY dir:").endsWith(" in /fromd ");
    }

    @Test
    void from_withChown_ownsEverything() throws IOException {
        stage();
        apply(from(List.of("/src/d"), "/fromd", Optional.of("bob")));
        assertOwnerAndMode(rootfs.resolve("fromd"), 1234, 1234, 0755);
        assertOwnerAndMode(rootfs.resolve("fromd/x.py"), 1234, 1234, 0644);
    }

    @Test
    void from_followsASourceSymlink_andKeepsTheSourcesName() throws IOException {
        stage();
        CopyStep step = apply(from(List.of("/src/z", "src/lz"), "/fromz/", Optional.empty()));
        assertThat(rootfs.resolve("fromz/z")).hasContent("z");
        assertThat(rootfs.resolve("fromz/lz")).isRegularFile().hasContent("z");
        assertOwnerAndMode(rootfs.resolve("fromz/lz"), 1234, 777, 0600);
        assertThat(step.createdBy()).contains("COPY multi:");
        String sha = HexFormat.of().formatHex(ContentDigest.sha256().digest("z\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(CopySteps.prepare(from(List.of("/src/lz"), "/fromlink", Optional.empty()), containers.service).createdBy())
                .isEqualTo("/bin/sh -c #(nop) COPY file:" + sha + " in /fromlink ");
    }

    @Test
    void from_expandsWildcardsInTheStage() throws IOException {
        stage();
        apply(from(List.of("/src/d/*.py"), "/fromglob/", Optional.empty()));
        assertThat(rootfs.resolve("fromglob/x.py")).hasContent("x");
        assertThat(rootfs.resolve("fromglob/y.py")).hasContent("y");
        assertThat(rootfs.resolve("fromglob/n.txt")).doesNotExist();
        apply(from(List.of("/s*/d"), "/fromglob2", Optional.empty()));
        assertThat(rootfs.resolve("fromglob2/n.txt")).hasContent("n");
        assertThatThrownBy(() -> CopySteps.prepare(from(List.of("/bin/nope*"), "/x/", Optional.empty()), containers.service))
                .hasMessage("COPY failed: no source files were specified");
    }

    @Test
    void from_missingPath_failsWithDockersWords() throws IOException {
        stage();
        assertThatThrownBy(() -> CopySteps.prepare(from(List.of("/nope"), "/x", Optional.empty()), containers.service))
                .hasMessage("COPY failed: stat nope: file does not exist");
    }

    @Test
    void from_cacheDigest_followsTheStagesContent() throws IOException {
        Path stage = stage();
        String before = CopySteps.prepare(from(List.of("/src/d"), "/x", Optional.empty()), containers.service).cacheDigest();
        assertThat(CopySteps.prepare(from(List.of("/src/d"), "/x", Optional.empty()), containers.service).cacheDigest())
                .isEqualTo(before);
        Files.setLastModifiedTime(stage.resolve("src/d/x.py"), java.nio.file.attribute.FileTime.from(Instant.EPOCH));
        assertThat(CopySteps.prepare(from(List.of("/src/d"), "/x", Optional.empty()), containers.service).cacheDigest())
                .isEqualTo(before);
        Files.writeString(stage.resolve("src/d/x.py"), "X\n");
        assertThat(CopySteps.prepare(from(List.of("/src/d"), "/x", Optional.empty()), containers.service).cacheDigest())
                .isNotEqualTo(before);
    }
}
