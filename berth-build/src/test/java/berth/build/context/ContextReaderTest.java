package berth.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContextReaderTest {
    @TempDir
    Path dir;
    Path work;
    Path outside;
    BuildContext opened;

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createDirectories(dir.resolve("work"));
        outside = Files.createDirectories(dir.resolve("outside")).toRealPath();
    }

    @AfterEach
    void tearDown() {
        if (opened != null) {
            opened.close();
        }
    }

    private BuildContext read(byte[] body, ContextOptions options) {
        opened = ContextReader.read(new ByteArrayInputStream(body), options);
        return opened;
    }

    private BuildContext read(byte[] body) {
        return read(body, ContextOptions.inBody(work));
    }

    private static String text(BuildContext c) {
        return new String(c.dockerfile(), StandardCharsets.UTF_8);
    }

    private long workEntries() throws Exception {
        try (Stream<Path> s = Files.list(work)) {
            return s.count();
        }
    }

    @Test
    void read_unpacksATarAndFindsTheDockerfile() throws Exception {
        BuildContext c = read(new TestTar().file("Dockerfile", "FROM scratch\n").dir("src")
                .file("src/a.txt", "a", 0640, 12, 34).symlink("src/l", "a.txt").build());
        assertThat(c.dockerfilePath()).isEqualTo("Dockerfile");
        assertThat(text(c)).isEqualTo("FROM scratch\n");
        assertThat(c.root().resolve("src/a.txt")).hasContent("a");
        assertThat(Files.getAttribute(c.root().resolve("src/a.txt"), "unix:uid")).isEqualTo(12);
        assertThat(Files.readSymbolicLink(c.root().resolve("src/l")).toString()).isEqualTo("a.txt");
        assertThat(c.ignore().patterns()).isEmpty();
        assertThat(Files.getAttribute(c.root().getParent(), "unix:mode")).isEqualTo(040700);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "bzip2", "xz", "zstd"})
    void read_acceptsCompressedTars(String compression) throws Exception {
        byte[] tar = new TestTar().file("Dockerfile", "FROM busybox\n").file("f", "x").build();
        BuildContext c = read(compress(tar, compression));
        assertThat(text(c)).isEqualTo("FROM busybox\n");
        assertThat(c.root().resolve("f")).hasContent("x");
    }

    static byte[] compress(byte[] data, String how) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (how) {
            case "gzip" -> new GzipCompressorOutputStream(bytes);
            case "bzip2" -> new BZip2CompressorOutputStream(bytes);
            case "xz" -> new XZCompressorOutputStream(bytes);
            case "zstd" -> new ZstdCompressorOutputStream(bytes);
            default -> throw new IllegalArgumentException(how);
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void read_findsTheDockerfileAtTheGivenPathOrFallsBackToLowercase() {
        byte[] tar = new TestTar().file("build/Dockerfile.dev", "FROM dev\n").file("dockerfile", "FROM lower\n").build();
        assertThat(text(read(tar, ContextOptions.inBody(work).withDockerfile("build/Dockerfile.dev")))).isEqualTo("FROM dev\n");
        opened.close();
        assertThat(text(read(tar, ContextOptions.inBody(work).withDockerfile("/build/./Dockerfile.dev")))).isEqualTo("FROM dev\n");
        opened.close();
        BuildContext lower = read(tar, ContextOptions.inBody(work).withDockerfile(""));
        assertThat(lower.dockerfilePath()).isEqualTo("dockerfile");
        assertThat(text(lower)).isEqualTo("FROM lower\n");
    }

    @Test
    void read_refusesAMissingOrEscapingDockerfileAndCleansUp() throws Exception {
        byte[] tar = new TestTar().file("dockerfile", "FROM lower\n").file("x", "x").build();
        assertThatThrownBy(() -> read(tar, ContextOptions.inBody(work).withDockerfile("Other")))
                .isInstanceOf(BerthException.class).hasMessage("Cannot locate specified Dockerfile: Other");
        assertThatThrownBy(() -> read(tar, ContextOptions.inBody(work).withDockerfile("../x")))
                .isInstanceOf(BerthException.class).hasMessageContaining("forbidden path outside the build context: ../x");
        assertThatThrownBy(() -> read(tar, ContextOptions.inBody(work).withDockerfile("x/..")))
                .isInstanceOf(BerthException.class).hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> read(new TestTar().file("Dockerfile", "").build()))
                .isInstanceOf(BerthException.class).hasMessage("the Dockerfile (Dockerfile) cannot be empty");
        assertThatThrownBy(() -> read(new byte[0]))
                .isInstanceOf(BerthException.class).hasMessage("Cannot locate specified Dockerfile: Dockerfile");
        assertThat(workEntries()).isZero();
    }

    @Test
    void read_resolvesADockerfileSymlinkInsideTheContext() throws Exception {
        Files.writeString(outside.resolve("Dockerfile"), "FROM outside\n");
        BuildContext c = read(new TestTar().symlink("Dockerfile", outside.resolve("Dockerfile").toString())
                .file(outside.toString().substring(1) + "/Dockerfile", "FROM inside\n").build());
        assertThat(text(c)).isEqualTo("FROM inside\n");
    }

    @Test
    void read_takesADockerfileFromOutsideTheContextAsTheCliSendsIt() {
        // docker build -f /elsewhere/Dockerfile . adds the file under a random name and ignores it
        BuildContext c = read(new TestTar().file(".dockerignore", "*.tmp\n.dockerfile.0123456789abcdef0123\n")
                .file(".dockerfile.0123456789abcdef0123", "FROM stdin\n").file("a.txt", "a").build(),
                ContextOptions.inBody(work).withDockerfile(".dockerfile.0123456789abcdef0123"));
        assertThat(text(c)).isEqualTo("FROM stdin\n");
        assertThat(c.root().resolve(".dockerfile.0123456789abcdef0123")).doesNotExist();
        assertThat(c.root().resolve(".dockerignore")).exists();
        assertThat(c.ignore().matches("x.tmp")).isTrue();
    }

    @Test
    void read_removesTheDockerfileAndDockerignoreWhenTheyAreIgnored() {
        BuildContext c = read(new TestTar().file(".dockerignore", "Dockerfile\n.dockerignore\nsecret\n")
                .file("Dockerfile", "FROM x\n").file("secret", "s").build());
        assertThat(text(c)).isEqualTo("FROM x\n");
        assertThat(c.root().resolve("Dockerfile")).doesNotExist();
        assertThat(c.root().resolve(".dockerignore")).doesNotExist();
        assertThat(c.root().resolve("secret")).exists(); // the client's to leave out; COPY skips it
        assertThat(c.ignore().matches("secret")).isTrue();
    }

    @Test
    void read_takesABodyThatIsNotATarAsTheDockerfile() throws Exception {
        BuildContext c = read("FROM busybox\nRUN true\n".getBytes(StandardCharsets.UTF_8));
        assertThat(text(c)).isEqualTo("FROM busybox\nRUN true\n");
        try (Stream<Path> s = Files.list(c.root())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("Dockerfile");
        }
        opened.close();
        BuildContext gz = read(compress("FROM alpine\n".getBytes(StandardCharsets.UTF_8), "gzip"),
                ContextOptions.inBody(work).withDockerfile("sub/My.df"));
        assertThat(gz.dockerfilePath()).isEqualTo("sub/My.df");
        assertThat(text(gz)).isEqualTo("FROM alpine\n");
    }

    @Test
    void read_refusesNamesAndLinksThatClimbOutAndWritesNothingOutside() throws Exception {
        byte[][] hostile = {
            new TestTar().file("Dockerfile", "FROM x\n").file("../evil", "x").build(),
            new TestTar().file("Dockerfile", "FROM x\n").file("a/../../evil", "x").build(),
            new TestTar().file("Dockerfile", "FROM x\n").hardlink("h", "../evil").build(),
        };
        for (byte[] tar : hostile) {
            assertThatThrownBy(() -> read(tar)).isInstanceOf(BerthException.class)
                    .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        }
        assertThat(work.resolve("evil")).doesNotExist();
        assertThat(dir.resolve("evil")).doesNotExist();
        assertThat(workEntries()).isZero();
    }

    @Test
    void read_keepsWritesThroughSymlinksInsideTheContext() throws Exception {
        String abs = outside.toString();
        BuildContext c = read(new TestTar().file("Dockerfile", "FROM x\n")
                .symlink("abs", abs).file("abs/pwned", "x")
                .symlink("rel", "../../../../../../../../.." + abs).file("rel/pwned2", "y").build());
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
        assertThat(c.root().resolve(abs.substring(1)).resolve("pwned")).hasContent("x");
        assertThat(c.root().resolve(abs.substring(1)).resolve("pwned2")).hasContent("y");
        assertThat(Files.isSymbolicLink(c.root().resolve("abs"))).isTrue();
    }

    @Test
    void read_refusesAContextOverTheLimitAndCleansUp() throws Exception {
        byte[] tar = new TestTar().file("Dockerfile", "FROM x\n").file("big", "x".repeat(20_000)).build();
        assertThatThrownBy(() -> read(tar, ContextOptions.inBody(work).withMaxBytes(8192)))
                .isInstanceOf(BerthException.class).hasMessageContaining("larger than the limit of 8192 bytes");
        assertThatThrownBy(() -> read(compress(tar, "gzip"), ContextOptions.inBody(work).withMaxBytes(8192)))
                .isInstanceOf(BerthException.class).hasMessageContaining("larger than the limit");
        assertThat(workEntries()).isZero();
        assertThat(text(read(tar, ContextOptions.inBody(work).withMaxBytes(tar.length)))).isEqualTo("FROM x\n");
    }

    @Test
    void read_refusesRemoteContexts() {
        for (String url : new String[] {"https://example.com/ctx.tar.gz", "http://example.com/Dockerfile",
                "git@github.com:moby/moby.git", "git://example.com/x", "github.com/moby/moby"}) {
            assertThatThrownBy(() -> read(new byte[0], ContextOptions.inBody(work).withRemote(url)))
                    .as(url).isInstanceOf(BerthException.class).hasMessageContaining("berth does not fetch build contexts")
                    .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED);
        }
        assertThatThrownBy(() -> read(new byte[0], ContextOptions.inBody(work).withRemote("foo")))
                .isInstanceOf(BerthException.class).hasMessage("remoteURL (foo) could not be recognized as URL");
        assertThatThrownBy(() -> read(new byte[0], ContextOptions.inBody(work).withRemote("client-session")))
                .isInstanceOf(BerthException.class).hasMessageContaining("no longer supported");
    }

    @Test
    void close_deletesTheContextWithoutFollowingSymlinks() throws Exception {
        Files.writeString(outside.resolve("keep"), "k");
        BuildContext c = read(new TestTar().file("Dockerfile", "FROM x\n").dir("d").file("d/f", "x")
                .symlink("out", "../../../../../../../.." + outside).build());
        Path root = c.root();
        c.close();
        opened = null;
        assertThat(root).doesNotExist();
        assertThat(root.getParent()).doesNotExist();
        assertThat(outside.resolve("keep")).exists();
        assertThat(Files.exists(work, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
