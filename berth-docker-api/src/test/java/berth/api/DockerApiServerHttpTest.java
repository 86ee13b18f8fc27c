package berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.fake.FakeContainerService;
import berth.api.fake.FakeImageService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Edge cases over raw HTTP on the unix socket, where the exact bytes matter. */
class DockerApiServerHttpTest {
    Path dir;
    Path socket;
    FakeImageService images;
    FakeContainerService containers;
    DockerApiServer server;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("berth-api-http");
        socket = dir.resolve("api.sock");
        Files.writeString(socket, "stale");
        images = new FakeImageService();
        containers = new FakeContainerService(images);
        images.add("img:latest", List.of("echo", "hi"));
        images.add("127.0.0.1:5000/team/app:v1", List.of("sh"));
        server = new DockerApiServer(new ApiContext(images, containers, TestInfo.info(dir, images, containers)));
        server.start(socket);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Response(int status, String head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** Sends one request with Connection: close and reads the whole reply. */
    Response exchange(String method, String path, String body) throws IOException {
        return exchangeRaw((method + " " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n") + "\r\n" + (body == null ? "" : body))
                .getBytes(StandardCharsets.UTF_8));
    }

    Response exchangeRaw(byte[] request) throws IOException {
        return parse(exchangeRawBytes(request));
    }

    /** Sends bytes and returns everything the server sends until it closes. */
    byte[] exchangeRawBytes(byte[] request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(request));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return all.toByteArray();
        }
    }

    static Response parse(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        String head = s.substring(0, end);
        int status = Integer.parseInt(head.split(" ")[1]);
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Response(status, head, body);
    }

    static byte[] dechunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < b.length) {
            int lineEnd = i;
            while (b[lineEnd] != '\r') {
                lineEnd++;
            }
            int len = Integer.parseInt(new String(b, i, lineEnd - i, StandardCharsets.US_ASCII).trim(), 16);
            if (len == 0) {
                break;
            }
            out.write(b, lineEnd + 2, len);
            i = lineEnd + 2 + len + 2;
        }
        return out.toByteArray();
    }

    @Test
    void ping_head_hasDockersHeadersAndNoBody() throws IOException {
        Response r = exchange("HEAD", "/_ping", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.head()).contains("Api-Version: 1.56").contains("Ostype: linux").contains("Docker-Experimental: false")
                .contains("Cache-Control: no-cache, no-store, must-revalidate").contains("Pragma: no-cache")
                .contains("Server: Berth/0.1.0-test (linux)").contains("content-length: 0");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void ping_get_versionedAnswersOk() throws IOException {
        Response r = exchange("GET", "/v1.41/_ping", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("OK");
    }

    @Test
    void unversionedPath_isServed() throws IOException {
        Response r = exchange("GET", "/version", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("\"ApiVersion\":\"1.56\"").contains("\"MinAPIVersion\":\"1.24\"");
    }

    @Test
    void tooNewVersion_is400WithDockersMessage() throws IOException {
        Response r = exchange("GET", "/v1.99/_ping", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("{\"message\":\"client version 1.99 is too new. Maximum supported API version is 1.56\"}");
        assertThat(r.head()).contains("Api-Version: 1.56");
    }

    @Test
    void tooOldVersion_is400() throws IOException {
        Response r = exchange("GET", "/v1.12/version", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("client version 1.12 is too old. Minimum supported API version is 1.24");
    }

    @Test
    void unknownRoute_is404PageNotFound() throws IOException {
        Response r = exchange("GET", "/v1.41/nothing/here", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("{\"message\":\"page not found\"}");
    }

    @Test
    void knownButMissingFeature_is501() throws IOException {
        Response r = exchange("GET", "/v1.41/images/search?term=x", null);
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.text()).contains("image search is not implemented");
    }

    @Test
    void malformedJson_is400NamingTheProblem() throws IOException {
        Response r = exchange("POST", "/v1.41/containers/create", "{\"Image\": \"img\",");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("malformed JSON in request body");
    }

    @Test
    void create_withNullsAndUnknownFields_usesDefaults() throws IOException {
        Response r = exchange("POST", "/v1.32/containers/create",
                "{\"Image\":\"img\",\"Cmd\":null,\"Env\":null,\"PortSpecs\":null,\"HostConfig\":{\"Binds\":[],\"PortBindings\":null,"
                        + "\"Links\":[],\"Memory\":0,\"MemorySwap\":-1,\"RestartPolicy\":{\"Name\":\"\"},\"NetworkMode\":\"default\"}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.text()).matches("\\{\"Id\":\"[0-9a-f]{64}\",\"Warnings\":\\[\\]\\}");
        assertThat(containers.created.getFirst().unsupported()).isEmpty();
    }

    @Test
    void create_invalidName_is400() throws IOException {
        Response r = exchange("POST", "/v1.41/containers/create?name=x", "{\"Image\":\"img\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    @Test
    void imagePaths_withSlashesAndColons_routeToTheWholeName() throws IOException {
        Response inspect = exchange("GET", "/v1.41/images/127.0.0.1:5000/team/app:v1/json", null);
        assertThat(inspect.status()).isEqualTo(200);
        assertThat(inspect.text()).contains("\"RepoTags\":[\"127.0.0.1:5000/team/app:v1\"]");
        Response encoded = exchange("GET", "/v1.41/images/127.0.0.1%3A5000%2Fteam%2Fapp%3Av1/json", null);
        assertThat(encoded.status()).isEqualTo(200);
        Response delete = exchange("DELETE", "/v1.41/images/127.0.0.1:5000/team/app:v1?force=True", null);
        assertThat(delete.status()).isEqualTo(200);
        assertThat(delete.text()).startsWith("[{\"Untagged\":\"127.0.0.1:5000/team/app:v1\"},{\"Deleted\":\"sha256:");
    }

    @Test
    void imageList_hidesVirtualSizeFromApi144() throws IOException {
        assertThat(exchange("GET", "/v1.41/images/json", null).text()).contains("\"VirtualSize\":1234");
        assertThat(exchange("GET", "/v1.44/images/json", null).text()).doesNotContain("VirtualSize").contains("\"SharedSize\":-1");
    }

    @Test
    void imageList_filtersInListForm() throws IOException {
        Response r = exchange("GET", "/v1.41/images/json?filters=%7B%22reference%22%3A%5B%22img*%22%5D%7D", null);
        assertThat(r.text()).contains("img:latest").doesNotContain("team/app");
    }

    @Test
    void wait_sendsHeadersAtOnceAndStatusWhenTheContainerExits() throws Exception {
        String id = create("{\"Image\":\"img\"}");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("POST /v1.41/containers/" + id + "/wait?condition=next-exit HTTP/1.1\r\nHost: d\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            ch.read(buf);
            String headers = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            assertThat(headers).startsWith("HTTP/1.1 200 OK").contains("transfer-encoding: chunked");
            assertThat(exchange("POST", "/containers/" + id + "/start", null).status()).isEqualTo(204);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.write(buf.array(), 0, buf.position());
            buf.clear();
            while (ch.read(buf) >= 0) {
                rest.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            assertThat(new String(parse(rest.toByteArray()).body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"Error\":null,\"StatusCode\":3}\n");
        }
    }

    @Test
    void start_twice_answers304() throws IOException {
        containers.keepRunning = true;
        String id = create("{\"Image\":\"img\"}");
        assertThat(exchange("POST", "/containers/" + id + "/start", null).status()).isEqualTo(204);
        assertThat(exchange("POST", "/containers/" + id + "/start", null).status()).isEqualTo(304);
        assertThat(exchange("POST", "/containers/" + id + "/kill", null).status()).isEqualTo(204);
    }

    @Test
    void kill_notRunning_is409() throws IOException {
        String id = create("{\"Image\":\"img\"}");
        Response r = exchange("POST", "/containers/" + id + "/kill?signal=HUP", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text()).contains("is not running");
    }

    @Test
    void attach_withoutUpgrade_answers200RawStreamThenCloses() throws Exception {
        String id = create("{\"Image\":\"img\"}");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("POST /v1.41/containers/" + id + "/attach?stream=1&stdout=true&stderr=1 HTTP/1.1\r\n"
                    + "Host: d\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            Thread.sleep(200);
            exchange("POST", "/containers/" + id + "/start", null);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            String s = all.toString(StandardCharsets.ISO_8859_1);
            assertThat(s).startsWith("HTTP/1.1 200 OK").contains("application/vnd.docker.raw-stream")
                    .doesNotContainIgnoringCase("content-length").doesNotContainIgnoringCase("chunked");
            assertThat(s.substring(s.indexOf("\r\n\r\n") + 4)).isEqualTo("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003hi\n");
        }
    }

    @Test
    void attach_withUpgrade_answers101Upgraded() throws Exception {
        String id = create("{\"Image\":\"img\"}");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("POST /v1.44/containers/" + id + "/attach?stream=1&stdout=1&stderr=1 HTTP/1.1\r\n"
                    + "Host: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            ch.read(buf);
            String head = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 101 UPGRADED").contains("application/vnd.docker.multiplexed-stream")
                    .contains("Upgrade: tcp");
            ch.shutdownOutput();
            exchange("POST", "/containers/" + id + "/start", null);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(buf.array(), 0, buf.position());
            buf.clear();
            while (ch.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            assertThat(all.toString(StandardCharsets.ISO_8859_1)).endsWith("\u0000\u0000\u0003hi\n");
        }
    }

    @Test
    void logs_withTimestampsAndTail_sendsMuxFrames() throws Exception {
        containers.output = "one\n";
        String id = create("{\"Image\":\"img\"}");
        exchange("POST", "/containers/" + id + "/start", null);
        Thread.sleep(100);
        Response r = exchange("GET", "/v1.41/containers/" + id + "/logs?stdout=1&stderr=1&timestamps=1&tail=all", null);
        assertThat(r.status()).isEqualTo(200);
        byte[] b = r.body();
        assertThat(b[0]).isEqualTo((byte) 1);
        int len = java.nio.ByteBuffer.wrap(b, 4, 4).getInt();
        String payload = new String(b, 8, len, StandardCharsets.UTF_8);
        assertThat(payload).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z one\\n");
        Response none = exchange("GET", "/v1.41/containers/" + id + "/logs", null);
        assertThat(none.status()).isEqualTo(400);
    }

    @Test
    void logsFollow_clientDisconnect_closesTheLogSource() throws Exception {
        containers.keepRunning = true;
        String id = create("{\"Image\":\"img\"}");
        exchange("POST", "/containers/" + id + "/start", null);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET /containers/" + id + "/logs?stdout=true&follow=true HTTP/1.1\r\nHost: d\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ch.read(ByteBuffer.allocate(4096));
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (containers.closedLogs.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(containers.closedLogs).isNotEmpty();
    }

    @Test
    void load_streamsLoadedImageLines_andBadTarIsPlain400() throws IOException {
        Response ok = exchangeRaw(("POST /v1.41/images/load?quiet=1 HTTP/1.1\r\nHost: d\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Type: application/x-tar\r\n\r\n"
                + "9\r\nimage new\r\n3\r\n:v2\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text()).isEqualTo("{\"stream\":\"Loaded image: new:v2\\n\"}\n");
        Response bad = exchange("POST", "/v1.41/images/load", "garbage");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("invalid tar header");
    }

    @Test
    void import_endsWithTheImageIdStatus() throws IOException {
        Response r = exchange("POST", "/v1.41/images/create?fromSrc=-&repo=docker.io%2Flibrary%2Fmine%3Av1&changes=CMD+sh&changes=ENV+A%3D1",
                "rootfs bytes");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).matches("\\{\"status\":\"sha256:[0-9a-f]{64}\"}\\n");
        assertThat(images.inspect("mine:v1").repoTags()).containsExactly("mine:v1");
    }

    @Test
    void save_streamsTarOfEachName() throws IOException {
        Response r = exchange("GET", "/v1.41/images/get?names=img&names=127.0.0.1:5000/team/app:v1", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.head()).contains("application/x-tar");
        assertThat(r.text()).hasLineCount(2);
        assertThat(exchange("GET", "/v1.41/images/nope/get", null).status()).isEqualTo(404);
    }

    @Test
    void keepAlive_servesSeveralRequestsOnOneConnection() throws IOException {
        String one = "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n";
        String two = "POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Length: 4\r\n\r\n{bad";
        String three = "GET /version HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n";
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(16384);
            for (String req : List.of(one, two, three)) {
                ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
                do {
                    buf.clear();
                    int n = ch.read(buf);
                    if (n < 0) {
                        break;
                    }
                    all.write(buf.array(), 0, n);
                } while (!all.toString(StandardCharsets.US_ASCII).endsWith("}") && !all.toString(StandardCharsets.US_ASCII).endsWith("OK"));
            }
            String s = all.toString(StandardCharsets.US_ASCII);
            assertThat(s).contains("HTTP/1.1 200 OK").contains("HTTP/1.1 400 Bad Request").contains("\"ApiVersion\"");
        }
    }

    // ---- exec ----

    static String frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + p.length);
        b.put((byte) stream).put(new byte[3]).putInt(p.length).put(p);
        return new String(b.array(), StandardCharsets.ISO_8859_1);
    }

    /** Reads until the server closes the connection. */
    static String readToClose(SocketChannel ch, ByteBuffer already) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(already.array(), 0, already.position());
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (ch.read(buf) >= 0) {
            all.write(buf.array(), 0, buf.position());
            buf.clear();
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private String runningContainer() throws IOException {
        containers.keepRunning = true;
        String id = create("{\"Image\":\"img\"}");
        assertThat(exchange("POST", "/containers/" + id + "/start", null).status()).isEqualTo(204);
        return id;
    }

    private String createExec(String containerId, String body) throws IOException {
        Response r = exchange("POST", "/v1.41/containers/" + containerId + "/exec", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.text()).matches("\\{\"Id\":\"[0-9a-f]{64}\"}");
        return r.text().substring(7, 71);
    }

    @Test
    void execStart_withoutUpgrade_answers200RawStreamWithFramesThenCloses() throws Exception {
        String cid = runningContainer();
        // docker-java's shape: nulls everywhere and its own containerId field
        String execId = createExec(cid, "{\"containerId\":\"" + cid + "\",\"AttachStdin\":null,\"AttachStdout\":true,"
                + "\"AttachStderr\":true,\"Tty\":null,\"Privileged\":null,\"User\":null,\"Env\":null,\"WorkingDir\":null,"
                + "\"Cmd\":[\"ls\",\"-l\"]}");
        assertThat(containers.execsCreated.getFirst().cmd()).containsExactly("ls", "-l");
        String body = "{\"Detach\":null,\"Tty\":null}";
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("POST /v1.32/exec/" + execId + "/start HTTP/1.1\r\nHost: d\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII)));
            String s = readToClose(ch, ByteBuffer.allocate(0));
            assertThat(s).startsWith("HTTP/1.1 200 OK").contains("application/vnd.docker.raw-stream")
                    .doesNotContainIgnoringCase("content-length").doesNotContainIgnoringCase("chunked");
            assertThat(s.substring(s.indexOf("\r\n\r\n") + 4)).isEqualTo(frame(1, "exec out\n") + frame(2, "exec err\n"));
        }
        assertThat(exchange("GET", "/exec/" + execId + "/json", null).text()).contains("\"Running\":false,\"ExitCode\":3,");
    }

    @Test
    void execStart_withUpgrade_deliversStdinAndKeepsOutputAfterHalfClose() throws Exception {
        String cid = runningContainer();
        String execId = createExec(cid, "{\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"cat\"]}");
        String body = "{\"Detach\":false,\"Tty\":false}";
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("POST /v1.44/exec/" + execId + "/start HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\n"
                    + "Upgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer head = ByteBuffer.allocate(4096);
            ch.read(head);
            assertThat(new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 101 UPGRADED").contains("application/vnd.docker.multiplexed-stream").contains("Upgrade: tcp");
            ch.write(ByteBuffer.wrap("data\n".getBytes(StandardCharsets.US_ASCII)));
            ch.shutdownOutput();
            String s = readToClose(ch, head);
            assertThat(s.substring(s.indexOf("\r\n\r\n") + 4)).isEqualTo(frame(1, "data\n"));
        }
        assertThat(exchange("GET", "/exec/" + execId + "/json", null).text()).contains("\"ExitCode\":0,");
    }

    @Test
    void execStart_detached_answers200AndTheProcessRuns() throws Exception {
        String cid = runningContainer();
        containers.execGate = new java.util.concurrent.CountDownLatch(1);
        String execId = createExec(cid, "{\"AttachStdout\":true,\"Cmd\":[\"sleep\",\"1\"]}");
        Response r = exchange("POST", "/v1.41/exec/" + execId + "/start", "{\"Detach\":true,\"Tty\":false}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.head()).containsIgnoringCase("content-length: 0").doesNotContain("raw-stream");
        assertThat(r.body()).isEmpty();
        assertThat(exchange("GET", "/exec/" + execId + "/json", null).text())
                .contains("\"Running\":true,\"ExitCode\":null,").endsWith("\"Pid\":5151}");
        containers.execGate.countDown();
        long deadline = System.currentTimeMillis() + 5000;
        String after;
        do {
            Thread.sleep(20);
            after = exchange("GET", "/exec/" + execId + "/json", null).text();
        } while (after.contains("\"Running\":true") && System.currentTimeMillis() < deadline);
        assertThat(after).contains("\"Running\":false,\"ExitCode\":3,").endsWith("\"Pid\":0}");
    }

    @Test
    void execStart_sendsOnlyTheStreamsTheExecAttached() throws Exception {
        String cid = runningContainer();
        String stdoutOnly = createExec(cid, "{\"AttachStdout\":true,\"AttachStderr\":false,\"Cmd\":[\"ls\"]}");
        String stderrOnly = createExec(cid, "{\"AttachStderr\":true,\"Cmd\":[\"ls\"]}");
        String out = new String(exchangeRawBytes(("POST /v1.41/exec/" + stdoutOnly + "/start HTTP/1.1\r\nHost: d\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
        assertThat(out.substring(out.indexOf("\r\n\r\n") + 4)).isEqualTo(frame(1, "exec out\n"));
        String err = new String(exchangeRawBytes(("POST /v1.41/exec/" + stderrOnly + "/start HTTP/1.1\r\nHost: d\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
        assertThat(err.substring(err.indexOf("\r\n\r\n") + 4)).isEqualTo(frame(2, "exec err\n"));
    }

    @Test
    void execInspect_hasDockersShapeBeforeAndAfterTheRun() throws Exception {
        String cid = runningContainer();
        String execId = createExec(cid, "{\"User\":\"1000\",\"AttachStdout\":true,\"AttachStderr\":true,\"Detach\":false,"
                + "\"DetachKeys\":\"\",\"Env\":[\"A=1\"],\"WorkingDir\":\"/tmp\",\"Cmd\":[\"sh\",\"-c\",\"exit 3\"]}");
        String shape = "{\"ID\":\"" + execId + "\",\"Running\":false,\"ExitCode\":%s,\"ProcessConfig\":{\"tty\":false,"
                + "\"entrypoint\":\"sh\",\"arguments\":[\"-c\",\"exit 3\"],\"privileged\":false,\"user\":\"1000\"},"
                + "\"OpenStdin\":false,\"OpenStderr\":true,\"OpenStdout\":true,\"CanRemove\":false,\"ContainerID\":\"" + cid
                + "\",\"DetachKeys\":\"\",\"Pid\":0}";
        Response before = exchange("GET", "/v1.41/exec/" + execId + "/json", null);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.text()).isEqualTo(shape.formatted("null"));
        var spec = containers.execsCreated.getFirst();
        assertThat(spec.env()).containsExactly("A=1");
        assertThat(spec.workingDir()).contains("/tmp");
        assertThat(spec.user()).contains("1000");
        // an empty body is an attached start, served in the plain form
        String s = new String(exchangeRawBytes(("POST /exec/" + execId + "/start HTTP/1.1\r\nHost: d\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
        assertThat(s).startsWith("HTTP/1.1 200 OK").endsWith(frame(2, "exec err\n"));
        assertThat(exchange("GET", "/v1.41/exec/" + execId + "/json", null).text()).isEqualTo(shape.formatted("3"));
    }

    @Test
    void exec_unknownInstance_is404NoSuchExecInstance() throws IOException {
        for (Response r : List.of(exchange("GET", "/v1.41/exec/nope/json", null),
                exchange("POST", "/v1.41/exec/nope/start", "{\"Detach\":false}"),
                exchange("POST", "/v1.41/exec/nope/resize?h=30&w=100", null))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text()).isEqualTo("{\"message\":\"No such exec instance: nope\"}");
        }
    }

    @Test
    void execResize_knownExec_is200AndNeedsBothSizes() throws IOException {
        String execId = createExec(runningContainer(), "{\"Cmd\":[\"ls\"]}");
        assertThat(exchange("POST", "/v1.41/exec/" + execId + "/resize?h=30&w=100", null).status()).isEqualTo(200);
        Response missing = exchange("POST", "/v1.41/exec/" + execId + "/resize?h=30", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text()).contains("missing query parameter w");
    }

    @Test
    void execCreate_errorsComeFromTheEngine() throws IOException {
        Response unknown = exchange("POST", "/v1.41/containers/nope/exec", "{\"Cmd\":[\"ls\"]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("No such container: nope");
        String stopped = create("{\"Image\":\"img\"}");
        Response notRunning = exchange("POST", "/v1.41/containers/" + stopped + "/exec", "{\"Cmd\":[\"ls\"]}");
        assertThat(notRunning.status()).isEqualTo(409);
        assertThat(notRunning.text()).contains("is not running");
        String running = runningContainer();
        Response noCmd = exchange("POST", "/v1.41/containers/" + running + "/exec", "{\"Cmd\":null}");
        assertThat(noCmd.status()).isEqualTo(400);
        Response notObject = exchange("POST", "/v1.41/containers/" + running + "/exec", "[\"ls\"]");
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(notObject.text()).contains("expected a JSON object");
    }

    @Test
    void pauseUnpause_answer204AndInspectShowsPausedWhileRunning() throws IOException {
        containers.keepRunning = true;
        String id = create("{\"Image\":\"img\"}");
        assertThat(exchange("POST", "/containers/" + id + "/start", null).status()).isEqualTo(204);

        assertThat(exchange("POST", "/v1.41/containers/" + id + "/pause", null).status()).isEqualTo(204);
        Response paused = exchange("GET", "/containers/" + id + "/json", null);
        assertThat(paused.text()).contains("\"Status\":\"paused\",\"Running\":true,\"Paused\":true");
        assertThat(exchange("GET", "/containers/json", null).text()).contains("\"State\":\"paused\"")
                .containsPattern("\"Status\":\"Up [^\"]+ \\(Paused\\)\"");

        assertThat(exchange("POST", "/containers/" + id + "/unpause", null).status()).isEqualTo(204);
        assertThat(exchange("GET", "/containers/" + id + "/json", null).text())
                .contains("\"Status\":\"running\",\"Running\":true,\"Paused\":false");
    }

    @Test
    void pause_ofAPausedContainer_is409AndUnpauseOfARunningOneToo() throws IOException {
        containers.keepRunning = true;
        String id = create("{\"Image\":\"img\"}");
        exchange("POST", "/containers/" + id + "/start", null);
        assertThat(exchange("POST", "/containers/" + id + "/unpause", null).text()).isEqualTo(
                "{\"message\":\"Container " + id + " is not paused\"}");
        exchange("POST", "/containers/" + id + "/pause", null);

        Response r = exchange("POST", "/containers/" + id + "/pause", null);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.head()).containsIgnoringCase("Content-Type: application/json");
        assertThat(r.text()).isEqualTo("{\"message\":\"Container " + id + " is already paused\"}");
    }

    @Test
    void pause_ofAStoppedContainer_is409NotRunning() throws IOException {
        String id = create("{\"Image\":\"img\"}");
        Response r = exchange("POST", "/containers/" + id + "/pause", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text()).contains("is not running");
    }

    @Test
    void lifecycleVerbs_onAnUnknownContainer_are404NoSuchContainer() throws IOException {
        for (String verb : List.of("restart", "pause", "unpause", "rename?name=x1")) {
            Response r = exchange("POST", "/v1.41/containers/nope/" + verb, null);
            assertThat(r.status()).as(verb).isEqualTo(404);
            assertThat(r.text()).as(verb).isEqualTo("{\"message\":\"No such container: nope\"}");
        }
        Response top = exchange("GET", "/v1.41/containers/nope/top", null);
        assertThat(top.status()).isEqualTo(404);
        assertThat(top.text()).isEqualTo("{\"message\":\"No such container: nope\"}");
    }

    @Test
    void restart_answers204AndPassesTheTimeout() throws IOException {
        containers.keepRunning = true;
        String id = create("{\"Image\":\"img\"}");
        exchange("POST", "/containers/" + id + "/start", null);
        String startedBefore = containers.inspect(id).state().startedAt().orElseThrow().toString();

        Response r = exchange("POST", "/containers/" + id + "/restart?t=1", null);

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(containers.inspect(id).state().running()).isTrue();
        assertThat(containers.inspect(id).state().startedAt().orElseThrow().toString()).isNotEqualTo(startedBefore);
    }

    @Test
    void restart_withASignal_is501NotASilentNoOp() throws IOException {
        String id = create("{\"Image\":\"img\"}");
        Response r = exchange("POST", "/containers/" + id + "/restart?signal=HUP", null);
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.text()).contains("restart with a signal is not implemented");
    }

    @Test
    void rename_answers204AndTheNewNameFindsTheContainer() throws IOException {
        String id = create("{\"Image\":\"img\"}");

        Response r = exchange("POST", "/containers/" + id + "/rename?name=renamed1", null);

        assertThat(r.status()).isEqualTo(204);
        assertThat(exchange("GET", "/containers/renamed1/json", null).text()).contains("\"Name\":\"/renamed1\"");
    }

    @Test
    void rename_withoutAName_is400() throws IOException {
        String id = create("{\"Image\":\"img\"}");
        for (String query : List.of("", "?name=", "?name=%20")) {
            Response r = exchange("POST", "/containers/" + id + "/rename" + query, null);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.text()).as(query).isEqualTo("{\"message\":\"Neither old nor new names may be empty\"}");
        }
    }

    @Test
    void rename_toAnInvalidName_is400AndToATakenOne409() throws IOException {
        String id = create("{\"Image\":\"img\"}");
        assertThat(exchange("POST", "/containers/create?name=taken1", "{\"Image\":\"img\"}").status()).isEqualTo(201);

        Response bad = exchange("POST", "/containers/" + id + "/rename?name=x", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("Invalid container name (x)");

        Response taken = exchange("POST", "/containers/" + id + "/rename?name=taken1", null);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text()).contains("The container name \\\"/taken1\\\" is already in use");
    }

    @Test
    void top_answersTitlesAndProcessesAndPassesPsArgs() throws IOException {
        containers.keepRunning = true;
        String id = create("{\"Image\":\"img\",\"Cmd\":[\"sleep\",\"60\"]}");
        exchange("POST", "/containers/" + id + "/start", null);

        Response r = exchange("GET", "/v1.41/containers/" + id + "/top?ps_args=aux", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.head()).containsIgnoringCase("Content-Type: application/json");
        assertThat(r.text()).isEqualTo("{\"Titles\":[\"UID\",\"PID\",\"PPID\",\"C\",\"STIME\",\"TTY\",\"TIME\",\"CMD\"],"
                + "\"Processes\":[[\"root\",\"4242\",\"4200\",\"0\",\"10:00\",\"?\",\"00:00:00\",\"sleep 60\"]]}");
        assertThat(containers.lastPsArgs).isEqualTo("aux");
        exchange("GET", "/containers/" + id + "/top", null);
        assertThat(containers.lastPsArgs).isEmpty();
    }

    @Test
    void top_ofAStoppedContainer_is409() throws IOException {
        String id = create("{\"Image\":\"img\"}");
        Response r = exchange("GET", "/containers/" + id + "/top", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text()).isEqualTo("{\"message\":\"Container " + id + " is not running\"}");
    }

    private String create(String body) throws IOException {
        Response r = exchange("POST", "/containers/create", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.text().substring(7, 71);
    }
}
