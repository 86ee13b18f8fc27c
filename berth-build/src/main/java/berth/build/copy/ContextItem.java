package berth.build.copy;

import berth.build.context.CopySource;
import berth.build.context.SourceEntry;
import berth.sys.FileOps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source selected in the build context ({@link berth.build.context.CopySources}). Files below a
 * directory source that are hard links of one another stay so (as Docker's tar of the source keeps
 * them): the first is copied, the others link to it.
 */
final class ContextItem implements CopyItem {
    /** The one extended attribute Docker's tar carries (archive.ReadSecurityXattrToTarHeader). */
    private static final String CAPABILITY = "security.capability";

    private final CopySource source;
    private final boolean archive;
    /** Entry path → the path of the earlier entry it is a hard link of. */
    private final Map<String, String> hardLinks;
    private final String digest;
    private final String historyHash;

    private ContextItem(CopySource source, boolean archive, Map<String, String> hardLinks, String historyHash) {
        this.source = source;
        this.archive = archive;
        this.hardLinks = Map.copyOf(hardLinks);
        this.digest = hardLinks.isEmpty() ? source.digest() : linkDigest(source.digest(), hardLinks);
        this.historyHash = historyHash;
    }

    /**
     * {@code add}: look whether a file is an archive to unpack. The history hash is the selection's
     * digest of the source (content and metadata, like Docker's tarsum of it), so nothing is read twice.
     */
    static ContextItem of(CopySource source, boolean add) {
        String hex = ContentDigest.hex(source.digest());
        if (source.directory()) {
            Map<String, String> links = hardLinks(source);
            String d = links.isEmpty() ? source.digest() : linkDigest(source.digest(), links);
            return new ContextItem(source, false, links, "dir:" + ContentDigest.hex(d));
        }
        boolean archive = false;
        if (add) {
            try (InputStream in = Files.newInputStream(source.hostPath(), LinkOption.NOFOLLOW_LINKS)) {
                archive = Archives.isArchive(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source.name() + " in the build context: " + e.getMessage(), e);
            }
        }
        return new ContextItem(source, archive, Map.of(), "file:" + hex);
    }

    /** Which files below a directory are further names of an earlier one (same device and inode). */
    private static Map<String, String> hardLinks(CopySource source) {
        Map<String, String> links = new LinkedHashMap<>();
        Map<List<Object>, String> first = new HashMap<>();
        try {
            for (SourceEntry e : source.entries()) {
                if (e.type() != SourceEntry.Type.FILE) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(e.hostPath(), "unix:dev,ino,nlink", LinkOption.NOFOLLOW_LINKS);
                if ((int) a.get("nlink") < 2) {
                    continue;
                }
                String earlier = first.putIfAbsent(List.of(a.get("dev"), a.get("ino")), e.path());
                if (earlier != null) {
                    links.put(e.path(), earlier);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name() + " in the build context: " + e.getMessage(), e);
        }
        return links;
    }

    /** The selection's digest plus the hard links, so that linking or unlinking two files is a change. */
    private static String linkDigest(String selection, Map<String, String> links) {
        ContentDigest d = new ContentDigest().string("hard-links").string(selection).number(links.size());
        links.forEach((path, target) -> d.string(path).string(target));
        return d.finish();
    }

    @Override
    public String name() {
        return Destination.baseName(source.name());
    }

    @Override
    public boolean directory() {
        return source.directory();
    }

    @Override
    public boolean archive() {
        return archive;
    }

    @Override
    public String historyHash() {
        return historyHash;
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public void entries(EntryVisitor visitor) throws IOException {
        for (SourceEntry e : source.entries()) {
            ItemEntry.Kind kind = switch (e.type()) {
                case FILE -> ItemEntry.Kind.FILE;
                case DIRECTORY -> ItemEntry.Kind.DIRECTORY;
                case SYMLINK -> ItemEntry.Kind.SYMLINK;
                case OTHER -> null; // sockets and devices in a context are not copied (Docker's tar skips sockets)
            };
            if (kind == null) {
                continue;
            }
            long mtime = Files.getLastModifiedTime(e.hostPath(), LinkOption.NOFOLLOW_LINKS).toInstant().getEpochSecond();
            Map<String, byte[]> xattrs = FileOps.lgetxattr(e.hostPath(), CAPABILITY)
                    .map(v -> Map.of(CAPABILITY, v)).orElse(Map.of());
            String link = hardLinks.get(e.path());
            ItemEntry entry = link != null
                    ? new ItemEntry(e.path(), ItemEntry.Kind.HARD_LINK, e.mode(), e.uid(), e.gid(), 0, link, Map.of(), mtime)
                    : new ItemEntry(e.path(), kind, e.mode(), e.uid(), e.gid(), e.size(), e.linkTarget().orElse(""), xattrs,
                            mtime);
            if (entry.kind() == ItemEntry.Kind.FILE) {
                try (InputStream in = Files.newInputStream(e.hostPath(), LinkOption.NOFOLLOW_LINKS)) {
                    visitor.entry(entry, in);
                }
            } else {
                visitor.entry(entry, InputStream.nullInputStream());
            }
        }
    }

    @Override
    public InputStream openArchive() throws IOException {
        return Files.newInputStream(source.hostPath(), LinkOption.NOFOLLOW_LINKS);
    }
}
