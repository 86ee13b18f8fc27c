package berth.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.cli.CliException;
import berth.cli.archive.TarEntry;
import berth.cli.archive.TarReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code berth build}: its flags as the query the docker CLI sends, the context it uploads, and how it reads the stream. */
class BuildCommandTest {
    @TempDir
    Path tmp;

    private static BuildCommand parse(String... args) {
        BuildCommand c = new BuildCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    /** The query as name → values, decoded. */
    private static Map<String, List<String>> query(BuildCommand c, String dockerfile, Map<String, String> env) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String qs = c.query(dockerfile, env).toQueryString();
        for (String pair : qs.substring(1).split("&")) {
            String[] kv = pair.split("=", 2);
            out.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---- flags → query ----

    @Test
    void plainBuild_sendsOnlyTheDockerfileAndVersion_asTheDockerCliDoes() {
        assertThat(parse(".").query("Dockerfile", Map.of()).toQueryString()).isEqualTo("?dockerfile=Dockerfile&version=1");
    }

    @Test
    void everyFlag_becomesItsQueryParameter() {
        BuildCommand c = parse("-t", "a:1", "--tag", "b", "--build-arg", "X=1", "--label", "k=v", "--target", "s", "--no-cache",
                "--pull", "--network", "none", "-q", "--squash", "--cache-from", "c:1", "--cache-from", "d", "--add-host", "h:1.2.3.4",
                "--rm=false", "--force-rm", "--platform", "linux/amd64", ".");
        Map<String, List<String>> q = query(c, "sub/Df", Map.of());

        assertThat(q.get("t")).containsExactly("a:1", "b");
        assertThat(q.get("dockerfile")).containsExactly("sub/Df");
        assertThat(q.get("buildargs")).containsExactly("{\"X\":\"1\"}");
        assertThat(q.get("labels")).containsExactly("{\"k\":\"v\"}");
        assertThat(q.get("target")).containsExactly("s");
        assertThat(q.get("nocache")).containsExactly("1");
        assertThat(q.get("pull")).containsExactly("1");
        assertThat(q.get("networkmode")).containsExactly("none");
        assertThat(q.get("q")).containsExactly("1");
        assertThat(q.get("squash")).containsExactly("1");
        assertThat(q.get("cachefrom")).containsExactly("[\"c:1\",\"d\"]");
        assertThat(q.get("extrahosts")).containsExactly("h:1.2.3.4");
        assertThat(q.get("rm")).containsExactly("0");
        assertThat(q.get("forcerm")).containsExactly("1");
        assertThat(q.get("platform")).containsExactly("linux/amd64");
        assertThat(q.get("version")).containsExactly("1");
    }

    @Test
    void rm_isTrueByDefault_andNotSent() {
        assertThat(parse(".").rm).isTrue();
        assertThat(parse("--rm", ".").rm).isTrue();
        assertThat(query(parse("."), "", Map.of())).doesNotContainKey("rm");
    }

    @Test
    void aBareBuildArg_takesTheEnvironmentsValue_orNullWhenUnset() {
        BuildCommand c = parse("--build-arg", "FROM_ENV", "--build-arg", "UNSET", "--build-arg", "EMPTY=", "--build-arg", "EQ=a=b", ".");

        assertThat(query(c, "", Map.of("FROM_ENV", "val")).get("buildargs"))
                .containsExactly("{\"FROM_ENV\":\"val\",\"UNSET\":null,\"EMPTY\":\"\",\"EQ\":\"a=b\"}");
    }

    @Test
    void labels_withoutAValueAreEmpty_andAnEmptyNameIsRefused() {
        assertThat(BuildCommand.labels(List.of("a", "b=c")).toString()).isEqualTo("{\"a\":\"\",\"b\":\"c\"}");
        assertThatThrownBy(() -> BuildCommand.labels(List.of("=x"))).isInstanceOf(CliException.class)
                .hasMessageContaining("invalid label '=x': empty name");
    }

    @Test
    void theUploadLine_isTheDockerClisByteForByte() {
        assertThat(BuildCommand.sendingLine(3072)).isEqualTo("Sending build context to Docker daemon  3.072kB\r\r\n");
        assertThat(BuildCommand.sendingLine(5_242_880 + 51_200)).isEqualTo("Sending build context to Docker daemon  5.294MB\r\r\n");
        assertThat(BuildCommand.sendingLine(512)).isEqualTo("Sending build context to Docker daemon     512B\r\r\n");
    }

    // ---- the context ----

    private Path context() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/c.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(dir.resolve("sub/c.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("b.txt"));
        Files.writeString(dir.resolve(".dockerignore"), "*.tmp\n");
        Files.writeString(dir.resolve("ignored.tmp"), "sent all the same: the daemon applies .dockerignore");
        return dir;
    }

    private record Sent(String dockerfile, Map<String, TarEntry> entries, Map<String, String> files) {}

    private Sent send(String contextArg, String file, InputStream stdin) throws IOException {
        BuildContextSource.Upload u = BuildContextSource.resolve(contextArg, file, tmp, stdin);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u.body().writeTo(body);
        return read(u.dockerfile(), body.toByteArray());
    }

    private static Sent read(String dockerfile, byte[] tar) throws IOException {
        Map<String, TarEntry> entries = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        TarEntry e;
        while ((e = r.next()) != null) {
            entries.put(e.name(), e);
            if (e.type() == TarEntry.Type.FILE) {
                files.put(e.name(), new String(r.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return new Sent(dockerfile, entries, files);
    }

    @Test
    void aDirectory_isSentAsTheDockerCliSendsIt_ownersZero_namesRelative_linksKept() throws IOException {
        context();
        Sent s = send("ctx", null, InputStream.nullInputStream());

        assertThat(s.dockerfile()).isEqualTo("Dockerfile");
        assertThat(s.entries().keySet()).containsExactly(".dockerignore", "Dockerfile", "b.txt", "ignored.tmp", "link", "sub/", "sub/c.sh");
        assertThat(s.entries().values()).allSatisfy(e -> {
            assertThat(e.uid()).isZero();
            assertThat(e.gid()).isZero();
        });
        assertThat(s.entries().get("link").type()).isEqualTo(TarEntry.Type.SYMLINK);
        assertThat(s.entries().get("link").linkTarget()).isEqualTo("b.txt");
        assertThat(s.entries().get("sub/").type()).isEqualTo(TarEntry.Type.DIRECTORY);
        assertThat(s.entries().get("sub/c.sh").mode() & 07777).isEqualTo(0750);
        assertThat(s.files().get(".dockerignore")).isEqualTo("*.tmp\n");
    }

    @Test
    void dashF_isRelativeToTheWorkingDirectory_andNamedRelativeToTheContext() throws IOException {
        Path dir = context();
        Files.writeString(dir.resolve("sub/Dockerfile.dev"), "FROM scratch\n");

        assertThat(send("ctx", "ctx/sub/Dockerfile.dev", InputStream.nullInputStream()).dockerfile()).isEqualTo("sub/Dockerfile.dev");
    }

    @Test
    void aLowerCaseDockerfile_isFoundWhenThereIsNoOther() throws IOException {
        Path dir = context();
        Files.move(dir.resolve("Dockerfile"), dir.resolve("dockerfile"));

        assertThat(send("ctx", null, InputStream.nullInputStream()).dockerfile()).isEqualTo("dockerfile");
    }

    @Test
    void aDockerfileFromStdin_joinsTheContextUnderARandomName_thatDockerignoreLists() throws IOException {
        context();
        Sent s = send("ctx", "-", new ByteArrayInputStream("FROM scratch\nLABEL from=stdin\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(s.dockerfile()).matches("\\.dockerfile\\.[0-9a-f]{20}");
        assertThat(s.files().get(s.dockerfile())).isEqualTo("FROM scratch\nLABEL from=stdin\n");
        assertThat(s.files().get(".dockerignore")).isEqualTo("*.tmp\n\n" + s.dockerfile() + "\n");
        assertThat(s.files().get("Dockerfile")).as("the context's own stays").isEqualTo("FROM scratch\n");
    }

    @Test
    void aDockerfileOutsideTheContext_joinsIt_andADockerignoreIsMadeWhenThereIsNone() throws IOException {
        Path dir = context();
        Files.delete(dir.resolve(".dockerignore"));
        Files.writeString(tmp.resolve("Outside.dockerfile"), "FROM scratch\nLABEL outside=1\n");
        Sent s = send("ctx", "Outside.dockerfile", InputStream.nullInputStream());

        assertThat(s.dockerfile()).startsWith(".dockerfile.");
        assertThat(s.files().get(s.dockerfile())).isEqualTo("FROM scratch\nLABEL outside=1\n");
        assertThat(s.files().get(".dockerignore")).isEqualTo(".dockerignore\n" + s.dockerfile() + "\n");
        assertThat(s.entries().get(s.dockerfile()).mode() & 0777).isEqualTo(0600);
    }

    @Test
    void stdinThatIsATar_isSentUntouched_compressedOrNot() throws IOException {
        Path dir = context();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        BuildContextSource.resolve("ctx", null, tmp, InputStream.nullInputStream()).body().writeTo(tar);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(tar.toByteArray());
        }

        for (byte[] input : List.of(tar.toByteArray(), gz.toByteArray())) {
            BuildContextSource.Upload u = BuildContextSource.resolve("-", "sub/c.sh", dir, new ByteArrayInputStream(input));
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            u.body().writeTo(sent);
            assertThat(sent.toByteArray()).isEqualTo(input);
            assertThat(u.dockerfile()).isEqualTo("sub/c.sh");
        }
    }

    @Test
    void stdinThatIsNotAnArchive_isADockerfile_sentAsTheOnlyFile() throws IOException {
        Sent s = send("-", null, new ByteArrayInputStream("FROM busybox\nRUN true\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(s.dockerfile()).isEqualTo("Dockerfile");
        assertThat(s.files()).containsExactly(Map.entry("Dockerfile", "FROM busybox\nRUN true\n"));
    }

    @Test
    void archiveDetection_looksAtMagicBytesAndTheTarChecksum() {
        assertThat(BuildContextSource.isArchive(new byte[] {0x1f, (byte) 0x8b, 8})).isTrue();
        assertThat(BuildContextSource.isArchive("BZh91AY".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(BuildContextSource.isArchive(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})).isTrue();
        assertThat(BuildContextSource.isArchive(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})).isTrue();
        assertThat(BuildContextSource.isArchive("FROM busybox\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        byte[] block = new byte[512];
        System.arraycopy("FROM busybox\n".getBytes(StandardCharsets.US_ASCII), 0, block, 0, 13);
        assertThat(BuildContextSource.isArchive(block)).as("512 bytes of text are no tar header").isFalse();
    }

    @Test
    void badContexts_failAsTheDockerCliFails() throws IOException {
        Files.writeString(tmp.resolve("file"), "x");
        Files.createDirectories(tmp.resolve("empty"));

        assertThatThrownBy(() -> send("nope", null, InputStream.nullInputStream())).hasMessage("unable to prepare context: path \"nope\" not found");
        assertThatThrownBy(() -> send("file", null, InputStream.nullInputStream()))
                .hasMessage("unable to prepare context: context must be a directory: " + tmp.resolve("file").toRealPath());
        assertThatThrownBy(() -> send("empty", null, InputStream.nullInputStream()))
                .hasMessageContaining("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ")
                .hasMessageEndingWith("/empty/Dockerfile: no such file or directory");
        assertThatThrownBy(() -> send("empty", "missing.df", InputStream.nullInputStream()))
                .hasMessage("unable to prepare context: Cannot locate specified Dockerfile: " + tmp.resolve("missing.df"));
        assertThatThrownBy(() -> send("-", "-", InputStream.nullInputStream()))
                .hasMessage("invalid argument: can't use stdin for both build context and dockerfile");
        assertThatThrownBy(() -> send("https://example.com/ctx.tar", null, InputStream.nullInputStream()))
                .hasMessageContaining("is not supported by berth");
        assertThatThrownBy(() -> send("git@github.com:a/b.git", null, InputStream.nullInputStream()))
                .hasMessageContaining("is not supported by berth");
    }

    // ---- the stream ----

    private static String stream(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    @Test
    void theStream_isPrintedAsItIs_andTheAuxIdKept() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BuildProgress p = new BuildProgress(new PrintStream(printed, true, StandardCharsets.UTF_8));
        p.show(new ByteArrayInputStream(stream("{\"stream\":\"Step 1/1 : FROM busybox\"}", "{\"stream\":\"\\n\"}",
                "{\"status\":\"Pulling fs layer\",\"id\":\"abc\"}", "{\"stream\":\" ---\\u003e f500f861c138\\n\"}",
                "{\"aux\":{\"ID\":\"sha256:f500\"}}", "{\"stream\":\"Successfully built f500f861c138\\n\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("Step 1/1 : FROM busybox\nabc: Pulling fs layer\n"
                + " ---> f500f861c138\nSuccessfully built f500f861c138\n");
        assertThat(p.imageId()).isEqualTo("sha256:f500");
    }

    @Test
    void anErrorLine_endsWithItsCodeAsTheExitStatus_orOne() {
        BuildProgress p = new BuildProgress(new PrintStream(java.io.OutputStream.nullOutputStream()));
        assertThatThrownBy(() -> p.show(new ByteArrayInputStream(stream("{\"stream\":\"Step 1/1 : RUN exit 7\\n\"}",
                "{\"errorDetail\":{\"code\":7,\"message\":\"The command '/bin/sh -c exit 7' returned a non-zero code: 7\"},"
                        + "\"error\":\"The command '/bin/sh -c exit 7' returned a non-zero code: 7\"}").getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CliException.class).hasMessage("The command '/bin/sh -c exit 7' returned a non-zero code: 7")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(7);
        assertThatThrownBy(() -> p.show(new ByteArrayInputStream(stream("{\"errorDetail\":{\"message\":\"COPY failed\"},\"error\":\"COPY failed\"}")
                .getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CliException.class).extracting(e -> ((CliException) e).exitCode()).isEqualTo(1);
    }
}
