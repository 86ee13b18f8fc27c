package berth.distribution.pull;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.store.AtomicFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each pulled layer came from: per DiffID, the compressed blobs (digest, media type, size) and the
 * registry and repository that served them, newest first. A push reads it to skip a blob the target
 * registry already has, or to mount it from a sibling repository, as dockerd's v2 metadata service does.
 *
 * <p>On disk: {@code <data-root>/distribution/layer-sources.json}, one JSON object
 * {@code {"sha256:<diffID>": [{"digest","mediaType","size","registry","repository"}, …]}}, replaced
 * atomically on every change. A lost or unreadable file only costs a push some uploads.
 */
public final class LayerSources {
    /** One compressed form of a layer and where it was seen. */
    public record Source(String digest, String mediaType, long size, String registry, String repository) {}

    private static final int MAX_PER_LAYER = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, List<Source>>> TYPE = new TypeReference<>() {};

    private final Path file;
    private final Map<String, List<Source>> sources;

    public LayerSources(Path dataRoot) {
        this.file = dataRoot.resolve("distribution").resolve("layer-sources.json");
        this.sources = read(file);
    }

    /** The known sources of a layer, newest first. */
    public synchronized List<Source> sources(Digest diffId) {
        return List.copyOf(sources.getOrDefault(diffId.toString(), List.of()));
    }

    /** Records that {@code diffId} was pulled as {@code source}; durable when this returns. */
    public synchronized void record(Digest diffId, Source source) {
        List<Source> list = new ArrayList<>(sources.getOrDefault(diffId.toString(), List.of()));
        list.remove(source);
        list.addFirst(source);
        while (list.size() > MAX_PER_LAYER) {
            list.removeLast();
        }
        sources.put(diffId.toString(), List.copyOf(list));
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(sources));
        } catch (IOException e) {
            throw BerthException.internal("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<Source>> read(Path file) {
        try {
            Map<String, List<Source>> map = JSON.readValue(Files.readAllBytes(file), TYPE);
            return map == null ? new LinkedHashMap<>() : map;
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            // a hint only: start afresh rather than refuse to pull
            return new LinkedHashMap<>();
        }
    }
}
