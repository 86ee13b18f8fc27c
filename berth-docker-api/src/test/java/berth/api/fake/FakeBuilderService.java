package berth.api.fake;

import berth.build.BuildCachePruneOptions;
import berth.build.BuildCachePruneReport;
import berth.build.BuildCacheRecord;
import berth.build.BuildOutput;
import berth.build.BuildRequest;
import berth.build.BuildResult;
import berth.build.BuilderService;
import berth.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A builder for the API adapter's tests. By default it reads the whole context, prints the classic builder's
 * lines for a one-step build and returns an image whose ID is the context's digest; a test replaces
 * {@link #script} to fail or stream otherwise. It records what it was given.
 */
public final class FakeBuilderService implements BuilderService {
    /** What a build does with its request, body and output. */
    @FunctionalInterface
    public interface Script {
        BuildResult run(BuildRequest request, InputStream body, BuildOutput out) throws IOException;
    }

    public final List<BuildRequest> requests = new CopyOnWriteArrayList<>();
    public final List<BuildCachePruneOptions> prunes = new CopyOnWriteArrayList<>();
    /** Set by the last default-script build: the context as received. */
    public volatile byte[] lastContext;
    public volatile Script script = this::recordingOneStep;
    public volatile BuildCachePruneReport pruneReport = new BuildCachePruneReport(List.of(), 0);
    public volatile List<BuildCacheRecord> cache = List.of();

    @Override
    public BuildResult build(BuildRequest request, InputStream contextBody, BuildOutput out) {
        requests.add(request);
        try {
            return script.run(request, contextBody, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the context, then streams "Step 1/1", the aux ID, "Successfully built" and a line per tag. */
    public static BuildResult oneStep(BuildRequest request, InputStream body, BuildOutput out) throws IOException {
        byte[] context = body.readAllBytes();
        Digest id = Digest.sha256(context);
        out.stream("Step 1/1 : FROM scratch\n");
        out.stream(" ---> " + id.shortHex() + "\n");
        out.imageId(id);
        out.stream("Successfully built " + id.shortHex() + "\n");
        for (String t : request.tags()) {
            out.stream("Successfully tagged " + t + "\n");
        }
        return new BuildResult(id, request.tags());
    }

    /** The default script, remembering the context for {@link #lastContext}. */
    public BuildResult recordingOneStep(BuildRequest request, InputStream body, BuildOutput out) throws IOException {
        byte[] context = body.readAllBytes();
        lastContext = context;
        return oneStep(request, new java.io.ByteArrayInputStream(context), out);
    }

    @Override
    public BuildCachePruneReport prune(BuildCachePruneOptions options) {
        prunes.add(options);
        return pruneReport;
    }

    @Override
    public List<BuildCacheRecord> cacheUsage() {
        return cache;
    }

    /** The names in a plain tar (the contexts the docker CLI sends are not compressed). */
    public static List<String> tarNames(byte[] tar) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /** One file of a plain tar as text, or null. */
    public static String tarFile(byte[] tar, String name) throws IOException {
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
