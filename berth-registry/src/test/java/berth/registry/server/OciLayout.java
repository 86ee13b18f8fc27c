package berth.registry.server;

import berth.content.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** A one-layer OCI image layout on disk, made with the {@code tar} CLI, for skopeo to copy from. */
final class OciLayout {
    private OciLayout() {}

    /** Writes the layout at {@code dir} with the image tagged {@code tag}; returns its manifest digest. */
    static Digest write(Path dir, String tag) throws IOException, InterruptedException {
        Path content = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-rootfs"));
        Files.writeString(content.resolve("hello.txt"), "hello from berth registry\n");
        Path tgz = dir.resolveSibling(dir.getFileName() + "-layer.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", content.toString(), "hello.txt")
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed: " + out);
        }
        byte[] layer = Files.readAllBytes(tgz);
        byte[] uncompressed;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(layer))) {
            uncompressed = in.readAllBytes();
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/true\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(uncompressed) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + RegistryFixture.descriptor("application/vnd.oci.image.config.v1+json", Digest.sha256(config), config.length)
                + ",\"layers\":[" + RegistryFixture.descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(layer), layer.length)
                + "]}").getBytes(StandardCharsets.UTF_8);
        Digest manifestDigest = Digest.sha256(manifest);
        Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        for (byte[] blob : List.of(layer, config, manifest)) {
            Files.write(blobs.resolve(Digest.sha256(blob).hex()), blob);
        }
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\"" + manifestDigest + "\",\"size\":" + manifest.length
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
        return manifestDigest;
    }
}
