package berth.registry.server;

import static berth.registry.server.RegistryFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of the distribution spec, driven over HTTP as a conformance suite would. */
class DistributionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    RegistryFixture reg;

    @BeforeEach
    void start() {
        reg = RegistryFixture.open(root);
    }

    @AfterEach
    void stop() {
        reg.close();
    }

    @Test
    void base_answers200WithApiVersion() throws Exception {
        HttpResponse<byte[]> r = reg.get("/v2/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void monolithicPush_thenHeadAndGetServeTheBlob() throws Exception {
        byte[] blob = bytes("hello blob");
        Digest d = Digest.sha256(blob);
        HttpResponse<byte[]> post = reg.send("POST", "/v2/app/blobs/uploads/?digest=" + d, blob, Map.of());
        assertThat(post.statusCode()).isEqualTo(201);
        assertThat(post.headers().firstValue("Location")).hasValue("/v2/app/blobs/" + d);
        assertThat(post.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());

        HttpResponse<byte[]> head = reg.send("HEAD", "/v2/app/blobs/" + d);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(blob.length));
        assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
        assertThat(head.body()).isEmpty();

        HttpResponse<byte[]> get = reg.get("/v2/app/blobs/" + d);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(blob);
    }

    @Test
    void postThenPut_storesTheBlob() throws Exception {
        byte[] blob = bytes("post then put");
        Digest d = Digest.sha256(blob);
        HttpResponse<byte[]> post = reg.send("POST", "/v2/app/blobs/uploads/");
        assertThat(post.statusCode()).isEqualTo(202);
        String location = post.headers().firstValue("Location").orElseThrow();
        assertThat(post.headers().firstValue("Docker-Upload-UUID")).isPresent();
        HttpResponse<byte[]> put = reg.send("PUT", location + "?digest=" + d, blob, Map.of("Content-Type", "application/octet-stream"));
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(reg.get("/v2/app/blobs/" + d).body()).isEqualTo(blob);
    }

    @Test
    void chunkedUpload_acceptsInOrderChunks_andRefusesOutOfOrderWith416() throws Exception {
        byte[] blob = bytes("0123456789abcdefghij");
        Digest d = Digest.sha256(blob);
        String location = reg.send("POST", "/v2/app/blobs/uploads/").headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> first = reg.send("PATCH", location, Arrays.copyOfRange(blob, 0, 10), Map.of("Content-Range", "0-9"));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-9");
        location = first.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> skipped = reg.send("PATCH", location, Arrays.copyOfRange(blob, 15, 20), Map.of("Content-Range", "15-19"));
        assertThat(skipped.statusCode()).isEqualTo(416);
        assertThat(text(skipped)).contains("BLOB_UPLOAD_INVALID");
        assertThat(skipped.headers().firstValue("Range")).hasValue("0-9");

        HttpResponse<byte[]> status = reg.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-9");
        assertThat(status.headers().firstValue("Docker-Upload-UUID")).isPresent();
        assertThat(status.headers().firstValue("Location")).hasValue(location);

        HttpResponse<byte[]> second = reg.send("PATCH", location, Arrays.copyOfRange(blob, 10, 20), Map.of("Content-Range", "10-19"));
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.headers().firstValue("Range")).hasValue("0-19");
        HttpResponse<byte[]> close = reg.send("PUT", location + "?digest=" + d);
        assertThat(close.statusCode()).isEqualTo(201);
        assertThat(reg.get("/v2/app/blobs/" + d).body()).isEqualTo(blob);
    }

    @Test
    void upload_resumesAfterTheServerRestarts() throws Exception {
        byte[] blob = bytes("resumable upload content");
        Digest d = Digest.sha256(blob);
        String location = reg.send("POST", "/v2/app/blobs/uploads/").headers().firstValue("Location").orElseThrow();
        reg.send("PATCH", location, Arrays.copyOfRange(blob, 0, 8), Map.of("Content-Range", "0-7"));
        reg.close();

        reg = RegistryFixture.open(root);
        HttpResponse<byte[]> status = reg.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-7");
        reg.send("PATCH", location, Arrays.copyOfRange(blob, 8, blob.length), Map.of("Content-Range", "8-" + (blob.length - 1)));
        assertThat(reg.send("PUT", location + "?digest=" + d).statusCode()).isEqualTo(201);
        assertThat(reg.get("/v2/app/blobs/" + d).body()).isEqualTo(blob);
    }

    /**
     * A request that arrives while the answer to the one before is still being finished (here: pipelined,
     * both in one write) waits for its turn instead of closing the connection; each gets its answer, in order.
     */
    @Test
    void aRequestArrivingBeforeThePreviousExchangeEnds_isAnsweredInTurn() throws Exception {
        byte[] blob = "pipelined".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Digest d = Digest.sha256(blob);
        String requests = "POST /v2/app/blobs/uploads/?digest=" + d + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + blob.length + "\r\n\r\npipelined"
                + "HEAD /v2/app/blobs/" + d + " HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /v2/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", reg.port())) {
            socket.getOutputStream().write(requests.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answers = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(java.util.regex.Pattern.compile("(?m)^HTTP/1\\.1 (\\d{3})").matcher(answers).results()
                    .map(m -> m.group(1)).toList()).containsExactly("201", "200", "200");
        }
    }

    @Test
    void streamedPatchWithoutContentRange_appends() throws Exception {
        byte[] blob = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(blob);
        Digest d = Digest.sha256(blob);
        String location = reg.send("POST", "/v2/app/blobs/uploads/").headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> patch = reg.send("PATCH", location, blob, Map.of());
        assertThat(patch.statusCode()).isEqualTo(202);
        assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (blob.length - 1));
        assertThat(reg.send("PUT", location + "?digest=" + d).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> get = reg.get("/v2/app/blobs/" + d);
        assertThat(get.body()).isEqualTo(blob);
    }

    @Test
    void concurrentChunkedUploads_onSeparateConnections_allArriveIntact() throws Exception {
        int n = 6;
        List<byte[]> blobs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[1024 * 1024 + i * 4099];
            new java.util.Random(i).nextBytes(b);
            blobs.add(b);
        }
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] blob = blobs.get(i);
                String repo = "par/r" + i;
                results.add(pool.submit(() -> {
                    try (java.net.http.HttpClient own = java.net.http.HttpClient.newHttpClient()) {
                        RegistryFixture.Session s = new RegistryFixture.Session(own, reg.base);
                        String location = s.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of()).headers().firstValue("Location").orElseThrow();
                        int half = blob.length / 2;
                        HttpResponse<byte[]> a = s.send("PATCH", location, Arrays.copyOfRange(blob, 0, half), Map.of("Content-Range", "0-" + (half - 1)));
                        location = a.headers().firstValue("Location").orElseThrow();
                        s.send("PATCH", location, Arrays.copyOfRange(blob, half, blob.length), Map.of("Content-Range", half + "-" + (blob.length - 1)));
                        return s.send("PUT", location + "?digest=" + Digest.sha256(blob), null, Map.of()).statusCode();
                    }
                }));
            }
            for (var f : results) {
                assertThat(f.get()).isEqualTo(201);
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(reg.get("/v2/par/r" + i + "/blobs/" + Digest.sha256(blobs.get(i))).body()).isEqualTo(blobs.get(i));
        }
    }

    @Test
    void schema1Manifests_areRefused() throws Exception {
        HttpResponse<byte[]> r = reg.send("PUT", "/v2/app/manifests/old", bytes("{\"schemaVersion\":1,\"fsLayers\":[]}"),
                Map.of("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("MANIFEST_INVALID").contains("schema 1");
    }

    @Test
    void wrongDigest_is400DigestInvalid_andStoresNothing() throws Exception {
        byte[] blob = bytes("content");
        Digest other = Digest.sha256(bytes("other"));
        HttpResponse<byte[]> r = reg.send("POST", "/v2/app/blobs/uploads/?digest=" + other, blob, Map.of());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("\"code\":\"DIGEST_INVALID\"");
        assertThat(reg.send("HEAD", "/v2/app/blobs/" + other).statusCode()).isEqualTo(404);
    }

    @Test
    void mount_linksABlobFromAnotherRepository_orFallsBackToAnUpload() throws Exception {
        Digest d = reg.pushBlob("source", bytes("shared layer"));
        HttpResponse<byte[]> mount = reg.send("POST", "/v2/target/blobs/uploads/?mount=" + d + "&from=source");
        assertThat(mount.statusCode()).isEqualTo(201);
        assertThat(mount.headers().firstValue("Location")).hasValue("/v2/target/blobs/" + d);
        assertThat(reg.get("/v2/target/blobs/" + d).body()).isEqualTo(bytes("shared layer"));

        Digest missing = Digest.sha256(bytes("nowhere"));
        HttpResponse<byte[]> fallback = reg.send("POST", "/v2/target/blobs/uploads/?mount=" + missing + "&from=source");
        assertThat(fallback.statusCode()).isEqualTo(202);
        assertThat(fallback.headers().firstValue("Location").orElseThrow()).startsWith("/v2/target/blobs/uploads/");
    }

    @Test
    void rangeRequests_serve206_or416() throws Exception {
        Digest d = reg.pushBlob("app", bytes("0123456789"));
        HttpResponse<byte[]> part = reg.send("GET", "/v2/app/blobs/" + d, null, Map.of("Range", "bytes=2-5"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(text(part)).isEqualTo("2345");
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        HttpResponse<byte[]> suffix = reg.send("GET", "/v2/app/blobs/" + d, null, Map.of("Range", "bytes=-3"));
        assertThat(text(suffix)).isEqualTo("789");
        HttpResponse<byte[]> beyond = reg.send("GET", "/v2/app/blobs/" + d, null, Map.of("Range", "bytes=10-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */10");
    }

    @Test
    void manifests_byTagAndDigest_withTheirMediaType() throws Exception {
        HttpResponse<byte[]> put = reg.pushImage("library/app", "v1", "{\"architecture\":\"amd64\"}", List.of(bytes("layer")), "");
        assertThat(put.statusCode()).isEqualTo(201);
        String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        assertThat(put.headers().firstValue("Location")).hasValue("/v2/library/app/manifests/" + digest);

        HttpResponse<byte[]> byTag = reg.get("/v2/library/app/manifests/v1");
        assertThat(byTag.statusCode()).isEqualTo(200);
        assertThat(byTag.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.manifest.v1+json");
        assertThat(byTag.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        assertThat(Digest.sha256(byTag.body()).toString()).isEqualTo(digest);

        HttpResponse<byte[]> byDigest = reg.get("/v2/library/app/manifests/" + digest);
        assertThat(byDigest.body()).isEqualTo(byTag.body());
        HttpResponse<byte[]> head = reg.send("HEAD", "/v2/library/app/manifests/v1");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(byTag.body().length));
    }

    @Test
    void manifestErrors_useTheSpecCodes() throws Exception {
        reg.pushBlob("app", bytes("x"));
        Digest absent = Digest.sha256(bytes("absent"));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + RegistryFixture.descriptor("application/vnd.oci.image.config.v1+json", absent, 6) + ",\"layers\":[]}";
        HttpResponse<byte[]> missing = reg.send("PUT", "/v2/app/manifests/v1", bytes(manifest),
                Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(text(missing)).contains("MANIFEST_BLOB_UNKNOWN");

        HttpResponse<byte[]> garbage = reg.send("PUT", "/v2/app/manifests/v1", bytes("not json"),
                Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(text(garbage)).contains("MANIFEST_INVALID");

        HttpResponse<byte[]> unknownTag = reg.get("/v2/app/manifests/nope");
        assertThat(unknownTag.statusCode()).isEqualTo(404);
        assertThat(text(unknownTag)).contains("MANIFEST_UNKNOWN");
        HttpResponse<byte[]> unknownRepo = reg.get("/v2/nosuch/manifests/v1");
        assertThat(unknownRepo.statusCode()).isEqualTo(404);
        assertThat(text(unknownRepo)).contains("NAME_UNKNOWN");
        HttpResponse<byte[]> badName = reg.get("/v2/Bad_Name/manifests/v1");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(text(badName)).contains("NAME_INVALID");
        HttpResponse<byte[]> unknownBlob = reg.get("/v2/app/blobs/" + absent);
        assertThat(unknownBlob.statusCode()).isEqualTo(404);
        assertThat(text(unknownBlob)).contains("BLOB_UNKNOWN");
        HttpResponse<byte[]> unknownUpload = reg.get("/v2/app/blobs/uploads/00000000-0000-0000-0000-000000000000");
        assertThat(unknownUpload.statusCode()).isEqualTo(404);
        assertThat(text(unknownUpload)).contains("BLOB_UPLOAD_UNKNOWN");
        assertThat(reg.send("GET", "/v2/app/blobs/sha256:xyz").statusCode()).isEqualTo(400);
    }

    @Test
    void tags_arePagedWithALinkHeader() throws Exception {
        for (String tag : List.of("c", "a", "b")) {
            assertThat(reg.pushImage("app", tag, "{\"t\":\"" + tag + "\"}", List.of(), "").statusCode()).isEqualTo(201);
        }
        HttpResponse<byte[]> all = reg.get("/v2/app/tags/list");
        assertThat(JSON.readTree(all.body()).path("tags").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(JSON.readTree(all.body()).path("name").asText()).isEqualTo("app");

        HttpResponse<byte[]> first = reg.get("/v2/app/tags/list?n=2");
        assertThat(JSON.readTree(first.body()).path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).isEqualTo("</v2/app/tags/list?n=2&last=b>; rel=\"next\"");
        HttpResponse<byte[]> next = reg.get("/v2/app/tags/list?n=2&last=b");
        assertThat(JSON.readTree(next.body()).path("tags").toString()).isEqualTo("[\"c\"]");
        assertThat(next.headers().firstValue("Link")).isEmpty();
        assertThat(reg.get("/v2/nosuch/tags/list").statusCode()).isEqualTo(404);
    }

    @Test
    void catalog_isPaged() throws Exception {
        for (String repo : List.of("zeta", "alpha", "team/mid")) {
            reg.pushBlob(repo, bytes(repo));
        }
        JsonNode all = JSON.readTree(reg.get("/v2/_catalog").body());
        assertThat(all.path("repositories").toString()).isEqualTo("[\"alpha\",\"team/mid\",\"zeta\"]");
        HttpResponse<byte[]> page = reg.get("/v2/_catalog?n=1&last=alpha");
        assertThat(JSON.readTree(page.body()).path("repositories").toString()).isEqualTo("[\"team/mid\"]");
        assertThat(page.headers().firstValue("Link")).hasValue("</v2/_catalog?n=1&last=team%2Fmid>; rel=\"next\"");
    }

    @Test
    void referrers_listManifestsWithASubject_filteredByArtifactType() throws Exception {
        HttpResponse<byte[]> subject = reg.pushImage("app", "v1", "{}", List.of(bytes("l1")), "");
        String subjectDigest = subject.headers().firstValue("Docker-Content-Digest").orElseThrow();
        String subjectField = ",\"subject\":" + RegistryFixture.descriptor("application/vnd.oci.image.manifest.v1+json",
                Digest.parse(subjectDigest), subject.request().bodyPublisher().orElseThrow().contentLength())
                + ",\"artifactType\":\"application/vnd.example.sbom\",\"annotations\":{\"org.example\":\"yes\"}";
        HttpResponse<byte[]> referrer = reg.pushImage("app", "sbom", "{}", List.of(bytes("sbom data")), subjectField);
        assertThat(referrer.statusCode()).isEqualTo(201);
        assertThat(referrer.headers().firstValue("OCI-Subject")).hasValue(subjectDigest);
        String referrerDigest = referrer.headers().firstValue("Docker-Content-Digest").orElseThrow();

        HttpResponse<byte[]> list = reg.get("/v2/app/referrers/" + subjectDigest);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.index.v1+json");
        JsonNode index = JSON.readTree(list.body());
        assertThat(index.path("manifests")).hasSize(1);
        JsonNode desc = index.path("manifests").get(0);
        assertThat(desc.path("digest").asText()).isEqualTo(referrerDigest);
        assertThat(desc.path("artifactType").asText()).isEqualTo("application/vnd.example.sbom");
        assertThat(desc.path("annotations").path("org.example").asText()).isEqualTo("yes");

        HttpResponse<byte[]> filtered = reg.get("/v2/app/referrers/" + subjectDigest + "?artifactType=application/vnd.other");
        assertThat(JSON.readTree(filtered.body()).path("manifests")).isEmpty();
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
        HttpResponse<byte[]> none = reg.get("/v2/nosuch/referrers/" + subjectDigest);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(none.body()).path("manifests")).isEmpty();
    }

    @Test
    void deletes_removeTagsManifestsBlobsAndUploads() throws Exception {
        HttpResponse<byte[]> put = reg.pushImage("app", "v1", "{\"d\":1}", List.of(bytes("layer to delete")), "");
        String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        reg.send("PUT", "/v2/app/manifests/v2", reg.get("/v2/app/manifests/v1").body(),
                Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"));

        assertThat(reg.send("DELETE", "/v2/app/manifests/v1").statusCode()).isEqualTo(202);
        assertThat(reg.get("/v2/app/manifests/v1").statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/app/manifests/v2").statusCode()).isEqualTo(200);
        assertThat(reg.send("DELETE", "/v2/app/manifests/" + digest).statusCode()).isEqualTo(202);
        assertThat(reg.get("/v2/app/manifests/" + digest).statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/app/manifests/v2").statusCode()).isEqualTo(404);

        Digest layer = Digest.sha256(bytes("layer to delete"));
        assertThat(reg.send("DELETE", "/v2/app/blobs/" + layer).statusCode()).isEqualTo(202);
        assertThat(reg.send("HEAD", "/v2/app/blobs/" + layer).statusCode()).isEqualTo(404);
        assertThat(reg.send("DELETE", "/v2/app/blobs/" + layer).statusCode()).isEqualTo(404);

        String location = reg.send("POST", "/v2/app/blobs/uploads/").headers().firstValue("Location").orElseThrow();
        assertThat(reg.send("DELETE", location).statusCode()).isEqualTo(204);
        assertThat(reg.get(location).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownEndpoint_is404_andWrongMethod_is405() throws Exception {
        assertThat(reg.get("/v3/").statusCode()).isEqualTo(404);
        assertThat(reg.send("POST", "/v2/app/tags/list").statusCode()).isEqualTo(405);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
