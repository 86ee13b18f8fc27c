package berth.image;

import berth.content.ContentIngester;
import berth.content.ContentInfo;
import berth.content.ContentWriter;
import berth.content.Digest;
import berth.errors.BerthException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image archive ({@code docker load} input) read once, front to back, with every file hashed and set
 * aside: small files in memory, large ones (layers) in uncommitted content-store writers. Nothing is
 * unpacked or committed here; the caller decides from manifest.json or index.json what to keep, and
 * {@link #close()} discards every staged file that was not committed. Entry names are only used as
 * keys, never as filesystem paths.
 */
final class StagedArchive implements AutoCloseable {
    private static final long IN_MEMORY_LIMIT = 1 << 20;
    /** Past this many bytes held in memory, even small files go to disk (an archive of many small files). */
    private static final long IN_MEMORY_TOTAL = 32L << 20;
    private static final long JSON_LIMIT = 64L << 20;
    private static final int MAX_LINK_HOPS = 16;

    /** One staged file. */
    sealed interface Staged permits InMemory, OnDisk {
        ContentInfo info();

        InputStream open();
    }

    record InMemory(byte[] bytes, ContentInfo info) implements Staged {
        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    record OnDisk(ContentWriter writer, ContentInfo info) implements Staged {
        @Override
        public InputStream open() {
            return writer.reopen();
        }
    }

    private final Map<String, Staged> files = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private final List<ContentWriter> writers = new ArrayList<>();
    private long inMemory;

    private StagedArchive() {}

    static StagedArchive read(InputStream archive, ContentIngester ingester) {
        StagedArchive staged = new StagedArchive();
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(archive);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = normalize(e.getName(), e.getName());
                if (e.isSymbolicLink()) {
                    String dir = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
                    String target = e.getLinkName().startsWith("/") ? e.getLinkName() : dir + e.getLinkName();
                    staged.links.put(name, normalize(target, e.getName()));
                } else if (e.isLink()) {
                    staged.links.put(name, normalize(e.getLinkName(), e.getName()));
                } else if (e.isFile()) {
                    staged.files.put(name, staged.stage(tar, e.getSize(), ingester));
                }
            }
            return staged;
        } catch (IOException | IllegalArgumentException ex) {
            staged.close();
            throw BerthException.invalid("invalid tar: " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            staged.close();
            throw ex;
        }
    }

    private Staged stage(InputStream in, long size, ContentIngester ingester) throws IOException {
        if (size <= IN_MEMORY_LIMIT && inMemory + size <= IN_MEMORY_TOTAL) {
            byte[] bytes = in.readAllBytes();
            inMemory += bytes.length;
            return new InMemory(bytes, new ContentInfo(Digest.sha256(bytes), bytes.length));
        }
        ContentWriter w = ingester.writer();
        writers.add(w);
        in.transferTo(w.stream());
        return new OnDisk(w, w.finish());
    }

    /** Archive names without {@code ./} or a leading slash; {@code ..} above the top is refused. */
    static String normalize(String name, String entryName) {
        List<String> out = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    throw BerthException.invalid("invalid tar: entry \"" + entryName + "\" points outside the archive");
                }
                out.removeLast();
                continue;
            }
            out.add(c);
        }
        return String.join("/", out);
    }

    boolean contains(String name) {
        return find(name).isPresent();
    }

    /** The staged file by name, following links in the archive; empty when absent. */
    Optional<Staged> find(String name) {
        String n = normalize(name, name);
        for (int hops = 0; hops <= MAX_LINK_HOPS; hops++) {
            Staged s = files.get(n);
            if (s != null) {
                return Optional.of(s);
            }
            String next = links.get(n);
            if (next == null) {
                return Optional.empty();
            }
            n = next;
        }
        throw BerthException.invalid("invalid tar: too many links resolving \"" + name + "\"");
    }

    /** The staged file, or INVALID_ARGUMENT naming what is missing. */
    Staged get(String name, String what) {
        return find(name).orElseThrow(() -> BerthException.invalid("invalid tar: " + what + " \"" + name + "\" is missing from the archive"));
    }

    /** A small file's bytes (JSON metadata). */
    byte[] bytes(String name, String what) {
        Staged s = get(name, what);
        if (s.info().size() > JSON_LIMIT) {
            throw BerthException.invalid("invalid tar: " + what + " \"" + name + "\" is too large (" + s.info().size() + " bytes)");
        }
        try (InputStream in = s.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw BerthException.internal("cannot read staged " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (ContentWriter w : writers) {
            w.close();
        }
    }
}
