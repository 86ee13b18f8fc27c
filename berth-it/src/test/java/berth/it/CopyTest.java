package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker cp}, {@code docker export} and {@code docker diff} through the real docker CLI. */
@ExtendWith(SharedDaemon.class)
class CopyTest {
    private static final String BUSYBOX_PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n";

    private DaemonHarness daemon;
    private Docker docker;
    private String name;
    private final List<String> containers = new ArrayList<>();
    @TempDir
    Path host;

    @BeforeEach
    void setUp(DaemonHarness daemon, org.junit.jupiter.api.TestInfo info) throws Exception {
        this.daemon = daemon;
        docker = new Docker(daemon);
        name = "it-cp-" + Math.abs(info.getTestMethod().orElseThrow().getName().hashCode() % 100000);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String c : containers) {
            docker.run("rm", "-f", c);
        }
    }

    private String running(String suffix) throws Exception {
        String c = name + suffix;
        containers.add(c);
        ok(docker.run("run", "-d", "--name", c, "busybox", "sleep", "600"));
        return c;
    }

    private static Docker.Result ok(Docker.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private String sh(String container, String script) throws Exception {
        return ok(docker.run("exec", container, "sh", "-c", script)).stdout();
    }

    private Path hostTree() throws IOException {
        Files.writeString(host.resolve("hello.txt"), "hello\n");
        Path d = Files.createDirectories(host.resolve("d/sub"));
        Files.writeString(host.resolve("d/a"), "a\n");
        Files.writeString(d.resolve("b"), "b\n");
        return host;
    }

    @Test
    void cp_copiesFilesAndDirectoriesBothWaysWithARunningContainer() throws Exception {
        String c = running("");
        hostTree();
        ok(docker.run("cp", host.resolve("hello.txt").toString(), c + ":/tmp/"));
        ok(docker.run("cp", host.resolve("d").toString(), c + ":/tmp/"));
        assertThat(sh(c, "cat /tmp/hello.txt /tmp/d/a /tmp/d/sub/b")).isEqualTo("hello\na\nb\n");

        Path out = Files.createDirectory(host.resolve("out"));
        ok(docker.run("cp", c + ":/tmp/d", out.toString()));
        assertThat(Files.readString(out.resolve("d/sub/b"))).isEqualTo("b\n");
        ok(docker.run("cp", c + ":/etc/passwd", out.resolve("passwd").toString()));
        assertThat(Files.readString(out.resolve("passwd"))).isEqualTo(BUSYBOX_PASSWD);
        // a file onto an existing directory lands inside it, under its own name
        ok(docker.run("cp", host.resolve("hello.txt").toString(), c + ":/etc"));
        assertThat(sh(c, "cat /etc/hello.txt")).isEqualTo("hello\n");
        // the container kept running, and is not left frozen
        assertThat(ok(docker.run("inspect", "-f", "{{.State.Status}}", c)).out()).isEqualTo("running");
        assertThat(sh(c, "echo alive")).isEqualTo("alive\n");
    }

    @Test
    void cp_seesBindMountsOfARunningContainer() throws Exception {
        Path data = Files.createDirectories(host.resolve("data"));
        Files.writeString(data.resolve("on-host.txt"), "from the host\n");
        String c = name;
        containers.add(c);
        ok(docker.run("run", "-d", "--name", c, "-v", data + ":/data", "--tmpfs", "/scratch", "busybox", "sleep", "600"));
        sh(c, "echo in-tmpfs > /scratch/t.txt");
        Path out = Files.createDirectories(host.resolve("out"));
        ok(docker.run("cp", c + ":/data/on-host.txt", out.toString()));
        assertThat(Files.readString(out.resolve("on-host.txt"))).isEqualTo("from the host\n");
        // as in Docker, a tmpfs lives only in the container's mount namespace: cp does not see it
        assertThat(docker.run("cp", c + ":/scratch/t.txt", out.toString()).stderr()).contains("Could not find the file");
        Files.writeString(host.resolve("in.txt"), "into the bind\n");
        ok(docker.run("cp", host.resolve("in.txt").toString(), c + ":/data/"));
        assertThat(Files.readString(data.resolve("in.txt"))).as("written through the bind mount").isEqualTo("into the bind\n");
        // export is the container's own filesystem: no bind or tmpfs content in it
        Docker.Result export = ok(docker.run("export", c, "-o", host.resolve("x.tar").toString()));
        assertThat(export.exitCode()).isZero();
        Process tar = new ProcessBuilder("tar", "tf", host.resolve("x.tar").toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).isZero();
        assertThat(listing).contains("bin/busybox").doesNotContain("on-host.txt").doesNotContain("t.txt");
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
                .as("the binds are unmounted again").noneMatch(l -> l.split(" ")[4].endsWith("/rootfs/data"));
        // a stopped container's binds are there for cp too
        ok(docker.run("stop", "-t", "0", c));
        Path afterStop = Files.createDirectories(host.resolve("after-stop"));
        ok(docker.run("cp", c + ":/data/in.txt", afterStop.toString()));
        assertThat(Files.readString(afterStop.resolve("in.txt"))).isEqualTo("into the bind\n");
    }

    @Test
    void cp_worksOnStoppedAndCreatedContainers() throws Exception {
        hostTree();
        String created = name + "-new";
        containers.add(created);
        ok(docker.run("create", "--name", created, "busybox", "cat", "/tmp/hello.txt"));
        ok(docker.run("cp", host.resolve("hello.txt").toString(), created + ":/tmp/hello.txt"));
        Path out = Files.createDirectory(host.resolve("out"));
        ok(docker.run("cp", created + ":/tmp/hello.txt", out.resolve("back.txt").toString()));
        assertThat(Files.readString(out.resolve("back.txt"))).isEqualTo("hello\n");
        assertThat(ok(docker.run("start", "-a", created)).stdout()).isEqualTo("hello\n");

        String c = running("-stopped");
        ok(docker.run("stop", "-t", "0", c));
        ok(docker.run("cp", host.resolve("d").toString(), c + ":/d"));
        ok(docker.run("cp", c + ":/d/sub/b", out.resolve("b").toString()));
        assertThat(Files.readString(out.resolve("b"))).isEqualTo("b\n");
        String id = ok(docker.run("inspect", "-f", "{{.Id}}", c)).out();
        assertThat(rootfsMounts()).as("the stopped container's rootfs is unmounted after the copy")
                .noneMatch(m -> m.contains(id));
        ok(docker.run("start", c));
        assertThat(sh(c, "cat /d/a")).isEqualTo("a\n");
    }

    @Test
    void cp_dirDotCopiesTheContentsOnly() throws Exception {
        String c = running("");
        hostTree();
        ok(docker.run("cp", host.resolve("d").toString() + "/.", c + ":/tmp/e"));
        assertThat(sh(c, "ls /tmp/e")).isEqualTo("a\nsub\n");
        Path out = Files.createDirectory(host.resolve("out"));
        ok(docker.run("cp", c + ":/etc/.", out.toString()));
        assertThat(Files.readString(out.resolve("passwd"))).isEqualTo(BUSYBOX_PASSWD);
        assertThat(out.resolve("etc")).doesNotExist();
    }

    @Test
    void cp_dashStreamsATarThroughStdinAndStdout() throws Exception {
        String c = running("");
        byte[] tar = new Tars().file("fromstdin.txt", "piped\n").bytes();
        ok(docker.runWithInput(tar, "cp", "-", c + ":/tmp"));
        assertThat(sh(c, "cat /tmp/fromstdin.txt")).isEqualTo("piped\n");

        Docker.Result r = ok(docker.run("cp", c + ":/etc/passwd", "-"));
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(
                new ByteArrayInputStream(r.stdout().getBytes(StandardCharsets.UTF_8)))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(BUSYBOX_PASSWD);
            }
        }
        assertThat(names).containsExactly("passwd");
    }

    @Test
    void cp_followsSymlinksInsideTheContainerRoot() throws Exception {
        String c = running("");
        hostTree();
        sh(c, "ln -s /etc /tmp/etclink");
        Path out = Files.createDirectory(host.resolve("out"));
        ok(docker.run("cp", c + ":/tmp/etclink/passwd", out.resolve("passwd").toString()));
        assertThat(Files.readString(out.resolve("passwd"))).isEqualTo(BUSYBOX_PASSWD);
        ok(docker.run("cp", host.resolve("hello.txt").toString(), c + ":/tmp/etclink/"));
        assertThat(sh(c, "cat /etc/hello.txt")).isEqualTo("hello\n");
        // the link itself, when it is what was asked for
        ok(docker.run("cp", c + ":/tmp/etclink", out.resolve("link").toString()));
        assertThat(Files.isSymbolicLink(out.resolve("link"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("link")).toString()).isEqualTo("/etc");
    }

    @Test
    void cp_neverEscapesTheContainerRootThroughSymlinks() throws Exception {
        String c = running("");
        String marker = "berth-it-cp-escape-" + ProcessHandle.current().pid();
        Path hostMarker = Path.of("/", marker);
        Files.deleteIfExists(hostMarker);
        Files.writeString(host.resolve(marker), "inside\n");
        sh(c, "ln -s ../../../../../../.. /tmp/up; ln -s / /tmp/abs");
        try {
            ok(docker.run("cp", host.resolve(marker).toString(), c + ":/tmp/up/"));
            ok(docker.run("cp", host.resolve(marker).toString(), c + ":/tmp/abs/tmp/"));
            assertThat(hostMarker).doesNotExist();
            assertThat(Path.of("/tmp", marker)).doesNotExist();
            assertThat(sh(c, "cat /" + marker + " /tmp/" + marker)).isEqualTo("inside\ninside\n");
            // reading through them gives the container's files, not the host's
            Path out = Files.createDirectory(host.resolve("out"));
            ok(docker.run("cp", c + ":/tmp/up/etc/passwd", out.resolve("passwd").toString()));
            assertThat(Files.readString(out.resolve("passwd"))).isEqualTo(BUSYBOX_PASSWD);
            // stat reports where the link leads, inside the container
            RawResponse stat = request("HEAD", c, "/tmp/up", null, "");
            assertThat(stat.status()).isEqualTo(200);
            String json = new String(java.util.Base64.getDecoder().decode(stat.statHeader()), StandardCharsets.UTF_8);
            assertThat(json).contains("\"name\":\"up\"", "\"linkTarget\":\"/\"", "\"mode\":" + ((1L << 27) | 0777));
        } finally {
            Files.deleteIfExists(hostMarker);
            Files.deleteIfExists(Path.of("/tmp", marker));
        }
    }

    @Test
    void cp_missingPathsAndBadTargetsFailAsDocker() throws Exception {
        String c = running("");
        hostTree();
        Docker.Result missing = docker.run("cp", c + ":/nope", host.resolve("x").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("Could not find the file /nope in container " + c);
        Docker.Result noParent = docker.run("cp", host.resolve("hello.txt").toString(), c + ":/no/such/dir/x");
        assertThat(noParent.exitCode()).isEqualTo(1);
        assertThat(noParent.stderr()).contains("Could not find the file /no/such/dir in container " + c);
        Docker.Result noContainer = docker.run("cp", host.resolve("hello.txt").toString(), "it-cp-missing:/tmp");
        assertThat(noContainer.exitCode()).isEqualTo(1);
        assertThat(noContainer.stderr()).contains("No such container: it-cp-missing");
        // onto a file, through the API: Docker's 400
        RawResponse notDir = put(c, "/etc/passwd", new Tars().file("x", "x\n").bytes(), "");
        assertThat(notDir.status()).as(notDir.body()).isEqualTo(400);
        assertThat(notDir.body()).contains("extraction point is not a directory");
        // a directory must not replace a file when the client says so (docker cp always does)
        sh(c, "mkdir /tmp/dir; echo f > /tmp/dir/sub");
        RawResponse clash = put(c, "/tmp/dir", new Tars().dir("sub").bytes(), "&noOverwriteDirNonDir=true");
        assertThat(clash.status()).as(clash.body()).isEqualTo(400);
        assertThat(clash.body()).contains("cannot overwrite non-directory");
    }

    @Test
    void archive_refusesHostileTarsAndWritesNothingOutside() throws Exception {
        String c = running("");
        Path hostDir = Files.createDirectory(host.resolve("victim"));
        RawResponse climb = put(c, "/tmp", new Tars().file("../../../../.." + hostDir + "/pwned", "x").bytes(), "");
        assertThat(climb.status()).as(climb.body()).isEqualTo(400);
        assertThat(climb.body()).contains("is outside of", "/tmp");

        RawResponse through = put(c, "/", new Tars().symlink("evil", hostDir.toString())
                .file("evil/pwned", "x").bytes(), "");
        assertThat(through.status()).as(through.body()).isEqualTo(200);
        assertThat(sh(c, "cat " + hostDir + "/pwned")).isEqualTo("x");

        RawResponse hardlink = put(c, "/tmp", new Tars().hardlink("shadow", "../../../../../etc/shadow").bytes(), "");
        assertThat(hardlink.status()).as(hardlink.body()).isEqualTo(400);
        assertThat(hardlink.body()).contains("invalid hardlink");

        RawResponse relLink = put(c, "/tmp", new Tars().symlink("up", "../../../..").bytes(), "");
        assertThat(relLink.status()).as(relLink.body()).isEqualTo(400);
        assertThat(relLink.body()).contains("invalid symlink");
        try (var s = Files.list(hostDir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void cp_intoAReadOnlyRootfsIsRefused() throws Exception {
        String c = name + "-ro";
        containers.add(c);
        ok(docker.run("create", "--read-only", "--name", c, "busybox", "true"));
        hostTree();
        Docker.Result r = docker.run("cp", host.resolve("hello.txt").toString(), c + ":/tmp");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("container rootfs is marked read-only");
    }

    @Test
    void export_writesTheWholeRootfs() throws Exception {
        String c = running("");
        sh(c, "echo made > /tmp/made");
        Path tar = host.resolve("c.tar");
        ok(docker.run("export", "-o", tar.toString(), c));
        List<String> names = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(tar); TarArchiveInputStream in = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("bin/", "bin/busybox", "bin/sh", "etc/hostname", "etc/passwd", "tmp/made")
                .doesNotContain("", "./", "/");
        Docker.Result missing = docker.run("export", "-o", host.resolve("m.tar").toString(), "it-cp-missing");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("No such container: it-cp-missing");
    }

    @Test
    void diff_listsAddedChangedAndDeletedPaths() throws Exception {
        String c = running("");
        assertThat(ok(docker.run("diff", c)).stdout()).isEmpty();
        sh(c, "touch /x; rm /bin/ls; echo > /etc/y");
        assertThat(ok(docker.run("diff", c)).stdout()).isEqualTo("C /bin\nD /bin/ls\nC /etc\nA /etc/y\nA /x\n");
        ok(docker.run("stop", "-t", "0", c));
        assertThat(ok(docker.run("diff", c)).stdout()).isEqualTo("C /bin\nD /bin/ls\nC /etc\nA /etc/y\nA /x\n");
    }

    private record RawResponse(int status, String statHeader, String body) {}

    private RawResponse put(String container, String path, byte[] tar, String extraQuery) throws IOException {
        return request("PUT", container, path, tar, extraQuery);
    }

    /** One request to {@code /containers/{c}/archive}: the hostile inputs no CLI would send, and raw stats. */
    private RawResponse request(String method, String container, String path, byte[] tar, String extraQuery)
            throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(daemon.socket()));
            String head = method + " /v1.41/containers/" + container + "/archive?path=" + path + extraQuery + " HTTP/1.1\r\n"
                    + "Host: berth\r\nConnection: close\r\n"
                    + (tar == null ? "" : "Content-Type: application/x-tar\r\nContent-Length: " + tar.length + "\r\n")
                    + "\r\n";
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            if (tar != null) {
                ch.write(ByteBuffer.wrap(tar));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Channels.newInputStream(ch).transferTo(out);
            String all = out.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(9, 12));
            String headers = all.substring(0, all.indexOf("\r\n\r\n"));
            String stat = headers.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("x-docker-container-path-stat:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
            return new RawResponse(status, stat, all.substring(all.indexOf("\r\n\r\n") + 4));
        }
    }

    private static List<String> rootfsMounts() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(l -> l.split(" ")[4])
                .filter(m -> m.endsWith("/rootfs"))
                .toList();
    }
}
